//! "About me": the person keeps it; their practitioner reads it and suggests.

use crate::error::AppError;
use crate::model::about::{AboutMe, BusyForm, BusyId, PrefsForm, SuggestionId};
use crate::model::CaseId;
use leptos::prelude::*;

#[server(endpoint = "person_about")]
pub async fn get_person_about() -> Result<AboutMe, AppError> {
    use super::request::*;
    let case = require_person()?;
    backend()?.person_about(case).await
}

/// How to reach and remind them, what helps, what they are working on: one form.
#[server(endpoint = "save_about_me")]
pub async fn save_about_me(form: PrefsForm) -> Result<(), AppError> {
    use super::request::*;
    let case = require_person()?;
    let kept = [("working_on", form.working_on.as_deref().unwrap_or_default())];
    backend()?.save_prefs(case, &form.prefs()).await.map_err(|e| e.keeping(&kept))?;
    leptos_axum::redirect("/me/about?saved=about");
    Ok(())
}

#[server(endpoint = "add_busy_time")]
pub async fn add_busy_time(form: BusyForm) -> Result<(), AppError> {
    use super::request::*;
    let case = require_person()?;
    backend()?.add_busy(case, &form).await.map_err(|e| e.keeping_owned(form.kept()))?;
    leptos_axum::redirect("/me/about?saved=busy#busy");
    Ok(())
}

#[server(endpoint = "remove_busy_time")]
pub async fn remove_busy_time(busy_id: BusyId) -> Result<(), AppError> {
    use super::request::*;
    let case = require_person()?;
    backend()?.remove_busy(case, busy_id).await?;
    leptos_axum::redirect("/me/about?saved=removed#busy");
    Ok(())
}

/// `answer=accept` adds the suggested time; `answer=decline` turns it down.
#[server(endpoint = "answer_suggestion")]
pub async fn answer_suggestion(suggestion_id: SuggestionId, answer: String) -> Result<(), AppError> {
    use super::request::*;
    let case = require_person()?;
    let accept = match answer.as_str() {
        "accept" => true,
        "decline" => false,
        _ => return Err(AppError::BadRequest("unknown answer".into())),
    };
    backend()?.answer_suggestion(case, suggestion_id, accept).await?;
    leptos_axum::redirect(if accept { "/me/about?saved=added#busy" } else { "/me/about?saved=declined#busy" });
    Ok(())
}

#[server(endpoint = "case_about")]
pub async fn get_case_about(case_id: CaseId) -> Result<AboutMe, AppError> {
    use super::request::*;
    let me = require_practitioner()?;
    backend()?.case_about(me, case_id).await
}

#[server(endpoint = "suggest_busy_time")]
pub async fn suggest_busy_time(
    case_id: CaseId,
    form: BusyForm,
    #[server(default)] note: Option<String>,
) -> Result<(), AppError> {
    use super::request::*;
    let me = require_practitioner()?;
    let mut kept = form.kept();
    kept.push(("note".into(), note.clone().unwrap_or_default()));
    backend()?.suggest_busy(me, case_id, &form, note.as_deref()).await.map_err(|e| e.keeping_owned(kept))?;
    leptos_axum::redirect(&format!("/caseload/{case_id}/about?suggested=1"));
    Ok(())
}
