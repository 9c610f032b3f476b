//! The hope corner: open to anyone, no sign-in.

use crate::error::AppError;
use crate::model::hope::{HopeList, Service};
use crate::model::ServiceId;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Services by need, words and area, and nearest first from `lat`/`lon` (each
/// optional, as in the page's address).
#[server(endpoint = "hope_list")]
pub async fn get_hope_list(
    #[server(default)] need: String,
    #[server(default)] words: String,
    #[server(default)] area: String,
    #[server(default)] lat: String,
    #[server(default)] lon: String,
) -> Result<HopeList, AppError> {
    use super::request::*;
    let filter = crate::model::hope::HopeFilter::from_query(&need, &words, &area, &lat, &lon)?;
    backend()?.hope_list(&filter).await
}

#[server(endpoint = "hope_service")]
pub async fn get_hope_service(id: ServiceId) -> Result<Service, AppError> {
    use super::request::*;
    backend()?.hope_service(id).await
}

/// The printable sheet: the area's services and a QR code of its hope-corner address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrintSheet {
    pub services: Vec<Service>,
    pub area: Option<String>,
    pub url: String,
    pub qr_svg: String,
}

#[server(endpoint = "hope_print")]
pub async fn get_print_sheet(#[server(default)] area: String) -> Result<PrintSheet, AppError> {
    use super::request::*;
    let filter = crate::model::hope::HopeFilter::from_query("", "", &area, "", "")?;
    let list = backend()?.hope_list(&filter).await?;
    let url = format!(
        "{}/hope{}",
        site_origin(),
        filter.area.as_ref().map(|a| format!("?area={}", crate::format::url_encode(a))).unwrap_or_default()
    );
    let qr_svg = qr_svg(&url)?;
    Ok(PrintSheet { services: list.services, area: filter.area, url, qr_svg })
}

/// The office's services for curation (any practitioner may look; admins act).
#[server(endpoint = "office_services")]
pub async fn get_office_services() -> Result<Vec<crate::model::hope::CuratedService>, AppError> {
    use super::request::*;
    let me = require_practitioner()?;
    backend()?.office_services(me).await
}

/// `what`: "checked" (checked today), "hide" or "show".
#[server(endpoint = "curate_service")]
pub async fn curate_service(id: ServiceId, what: String) -> Result<(), AppError> {
    use super::request::*;
    let me = require_practitioner()?;
    let what = crate::model::hope::Curate::parse(&what).ok_or_else(|| AppError::BadRequest("unknown action".into()))?;
    backend()?.curate_service(me, id, what).await?;
    leptos_axum::redirect(&format!("/caseload/hope#svc-{id}"));
    Ok(())
}

/// Add a service (no `id`) or change one: office admins only.
#[server(endpoint = "save_service")]
pub async fn save_service(
    #[server(default)] id: Option<ServiceId>,
    form: crate::model::hope::ServiceForm,
) -> Result<(), AppError> {
    use super::request::*;
    let me = require_practitioner()?;
    let saved = backend()?.save_service(me, id, &form).await.map_err(|e| e.keeping_owned(form.kept()))?;
    leptos_axum::redirect(&format!("/caseload/hope#svc-{saved}"));
    Ok(())
}

/// One service of the office (hidden ones too), to edit.
#[server(endpoint = "office_service")]
pub async fn get_office_service(id: ServiceId) -> Result<crate::model::hope::CuratedService, AppError> {
    use super::request::*;
    let me = require_practitioner()?;
    backend()?.office_services(me).await?.into_iter().find(|c| c.service.id == id).ok_or(AppError::NotFound)
}

/// The person's "my list" (empty for anyone else, so the public page can ask).
#[server(endpoint = "my_list")]
pub async fn get_my_list() -> Result<Vec<crate::model::hope::SavedService>, AppError> {
    use super::request::*;
    match viewer() {
        crate::model::Viewer::Person { case_id } => backend()?.my_list(case_id).await,
        _ => Ok(Vec::new()),
    }
}

/// The person keeps a service on their list (`keep=yes`) or takes it off.
#[server(endpoint = "keep_service")]
pub async fn keep_service(id: ServiceId, keep: String) -> Result<(), AppError> {
    use super::request::*;
    let case = require_person()?;
    backend()?.keep_service(case, id, keep == "yes").await?;
    leptos_axum::redirect(&format!("/hope/{id}"));
    Ok(())
}

/// A case's list, for its practitioner.
#[server(endpoint = "case_list")]
pub async fn get_case_list(case_id: crate::model::CaseId) -> Result<Vec<crate::model::hope::SavedService>, AppError> {
    use super::request::*;
    let me = require_practitioner()?;
    backend()?.case_list(me, case_id).await
}

/// The practitioner recommends a service to a person on their caseload.
#[server(endpoint = "recommend_service")]
pub async fn recommend_service(case_id: crate::model::CaseId, service_id: ServiceId) -> Result<(), AppError> {
    use super::request::*;
    let me = require_practitioner()?;
    backend()?.recommend_service(me, case_id, service_id).await?;
    leptos_axum::redirect(&format!("/hope/{service_id}?recommended={case_id}"));
    Ok(())
}
