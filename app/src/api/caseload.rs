//! The practitioner's caseload: list, open a case, give out codes.

use crate::error::AppError;
use crate::model::{CaseId, CaseOverview, CaseloadEntry};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Where a person starts Waymark: the full address of `/activate` on this
/// site, and a QR code of it, for the practitioner to show or print. The code
/// itself never goes into the address (DESIGN.md: nothing typed in a URL).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivationLink {
    pub url: String,
    pub qr_svg: String,
}

#[server(endpoint = "caseload")]
pub async fn get_caseload() -> Result<Vec<CaseloadEntry>, AppError> {
    use super::request::*;

    let me = require_practitioner()?;
    backend()?.caseload(me).await
}

#[server(endpoint = "case")]
pub async fn get_case(case_id: CaseId) -> Result<CaseOverview, AppError> {
    use super::request::*;

    let me = require_practitioner()?;
    backend()?.case_overview(me, case_id).await
}

/// What the person's paper pack holds (`pages/case_pack.rs`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CasePack {
    pub cover: crate::model::PackCover,
    pub licence: crate::model::PersonLicence,
    pub appointments: Vec<crate::model::Appointment>,
    pub steps: Vec<crate::model::Step>,
}

/// The paper pack's contents, for the case's practitioner: each part read
/// (and recorded) once.
#[server(endpoint = "case_pack")]
pub async fn get_case_pack(case_id: CaseId) -> Result<CasePack, AppError> {
    use super::request::*;
    let me = require_practitioner()?;
    let backend = backend()?;
    Ok(CasePack {
        cover: backend.pack_cover(me, case_id).await?,
        licence: backend.case_licence(me, case_id).await?,
        appointments: backend.case_appointments(me, case_id).await?,
        steps: backend.case_steps(me, case_id).await?,
    })
}

#[server(endpoint = "activation_link")]
pub async fn get_activation_link() -> Result<ActivationLink, AppError> {
    use super::request::*;
    require_practitioner()?;
    let url = format!("{}/activate", site_origin());
    Ok(ActivationLink { qr_svg: qr_svg(&url)?, url })
}

#[server(endpoint = "create_case")]
pub async fn create_case(preferred_name: String, licence_start: String, licence_end: String) -> Result<(), AppError> {
    use super::request::*;
    let me = require_practitioner()?;
    let kept = [
        ("preferred_name", preferred_name.as_str()),
        ("licence_start", licence_start.as_str()),
        ("licence_end", licence_end.as_str()),
    ];
    let new_case =
        crate::model::NewCase::parse(&preferred_name, &licence_start, &licence_end).map_err(|e| e.keeping(&kept))?;
    let case_id = backend()?.create_case(me, &new_case).await?;
    leptos_axum::redirect(&format!("/caseload/{case_id}"));
    Ok(())
}

#[server(endpoint = "issue_code")]
pub async fn issue_code(case_id: CaseId) -> Result<(), AppError> {
    use super::request::*;

    let me = require_practitioner()?;
    backend()?.issue_activation_code(me, case_id).await?;
    leptos_axum::redirect(&format!("/caseload/{case_id}"));
    Ok(())
}

/// "This phone is lost": sign the phone out, end the links, make a new code.
#[server(endpoint = "phone_lost")]
pub async fn phone_lost(case_id: CaseId) -> Result<(), AppError> {
    use super::request::*;

    let me = require_practitioner()?;
    backend()?.phone_lost(me, case_id).await?;
    leptos_axum::redirect(&format!("/caseload/{case_id}?phone_lost=1"));
    Ok(())
}
