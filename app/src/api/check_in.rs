//! Check-ins: the person says how things are; their practitioner sees them.

use crate::error::AppError;
use crate::model::check_in::{CheckIn, CheckInForm, CheckInId, DeskCheckIn};
use crate::model::CaseId;
use leptos::prelude::*;

#[server(endpoint = "person_check_ins")]
pub async fn get_person_check_ins() -> Result<Vec<CheckIn>, AppError> {
    use super::request::*;
    let case = require_person()?;
    backend()?.person_check_ins(case).await
}

/// "How are things?": back to the page, which leads with the helplines for a low mood.
#[server(endpoint = "send_check_in")]
pub async fn send_check_in(form: CheckInForm) -> Result<(), AppError> {
    use super::request::*;
    let case = require_person()?;
    let said = form.check().map_err(|e| e.keeping_owned(form.kept()))?;
    backend()?.check_in(case, &said).await.map_err(|e| e.keeping_owned(form.kept()))?;
    leptos_axum::redirect(if said.mood.is_low() { "/me/check-in?sent=low" } else { "/me/check-in?sent=1" });
    Ok(())
}

#[server(endpoint = "case_check_ins")]
pub async fn get_case_check_ins(case_id: CaseId) -> Result<Vec<CheckIn>, AppError> {
    use super::request::*;
    let me = require_practitioner()?;
    backend()?.case_check_ins(me, case_id).await
}

/// "I have seen this": the person is told who saw it and when.
#[server(endpoint = "see_check_in")]
pub async fn see_check_in(case_id: CaseId, check_in_id: CheckInId) -> Result<(), AppError> {
    use super::request::*;
    let me = require_practitioner()?;
    backend()?.see_check_in(me, case_id, check_in_id).await?;
    leptos_axum::redirect(&format!("/caseload/{case_id}/check-ins?seen={check_in_id}#check-in-{check_in_id}"));
    Ok(())
}

#[server(endpoint = "desk_check_ins")]
pub async fn get_desk_check_ins() -> Result<Vec<DeskCheckIn>, AppError> {
    use super::request::*;
    let me = require_practitioner()?;
    backend()?.desk_check_ins(me).await
}
