//! Handover: moving a case to another practitioner, with notes for them.

use crate::error::AppError;
use crate::model::handover::{Handover, HandoverDraft, HandoverForm, OfficeCase};
use crate::model::{CaseId, HandoverId};
use leptos::prelude::*;

#[server(endpoint = "handover_draft")]
pub async fn get_handover_draft(case_id: CaseId) -> Result<HandoverDraft, AppError> {
    use super::request::*;
    let me = require_practitioner()?;
    backend()?.handover_draft(me, case_id).await
}

/// Move the case with the notes. The one who moved it can no longer see it
/// (unless they are its office's admin): back to their list, with a banner.
#[server(endpoint = "move_case")]
pub async fn move_case(case_id: CaseId, form: HandoverForm) -> Result<(), AppError> {
    use super::request::*;
    let me = require_practitioner()?;
    backend()?.move_case(me, case_id, &form).await.map_err(|e| e.keeping_owned(form.kept()))?;
    let office_admin = viewer().is_office_admin();
    leptos_axum::redirect(if office_admin { "/caseload/office?moved=1" } else { "/caseload?moved=1" });
    Ok(())
}

#[server(endpoint = "case_handover")]
pub async fn get_case_handover(case_id: CaseId) -> Result<Option<Handover>, AppError> {
    use super::request::*;
    let me = require_practitioner()?;
    backend()?.case_handover(me, case_id).await
}

/// "I have read this handover", by the practitioner it was written for.
#[server(endpoint = "confirm_handover")]
pub async fn confirm_handover(case_id: CaseId, handover_id: HandoverId) -> Result<(), AppError> {
    use super::request::*;
    let me = require_practitioner()?;
    backend()?.confirm_handover(me, case_id, handover_id).await?;
    leptos_axum::redirect(&format!("/caseload/{case_id}/handover?read=1"));
    Ok(())
}

#[server(endpoint = "office_cases")]
pub async fn get_office_cases() -> Result<Vec<OfficeCase>, AppError> {
    use super::request::*;
    let me = require_practitioner()?;
    backend()?.office_cases(me).await
}
