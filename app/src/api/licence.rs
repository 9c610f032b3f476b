//! Licence conditions: the person reads and answers; the practitioner builds,
//! explains, changes and replies.

use crate::error::AppError;
use crate::model::catalogue::Details;
use crate::model::*;
use leptos::prelude::*;

#[server(endpoint = "person_licence")]
pub async fn get_person_licence() -> Result<PersonLicence, AppError> {
    use super::request::*;
    let case = require_person()?;
    backend()?.person_licence(case).await
}

/// "I have read this" on a letter: reading is an explicit event, never a GET.
#[server(endpoint = "read_letter")]
pub async fn read_letter(explanation_id: ExplanationId) -> Result<(), AppError> {
    use super::request::*;
    let case = require_person()?;
    backend()?.read_letter(case, explanation_id).await?;
    leptos_axum::redirect(&format!("/me/licence?read={explanation_id}#letter-{explanation_id}"));
    Ok(())
}

/// "I understand" (`answer=understood`) or "I have a question" (`answer=question` and `question`).
#[server(endpoint = "answer_condition")]
pub async fn answer_condition(
    condition_id: ConditionId,
    answer: String,
    #[server(default)] question: Option<String>,
) -> Result<(), AppError> {
    use super::request::*;
    let case = require_person()?;
    let answer = match answer.as_str() {
        "understood" => Answer::Understood,
        "question" => Answer::Question(question.clone().unwrap_or_default()),
        _ => return Err(AppError::BadRequest("unknown answer".into())),
    };
    backend()?.answer_condition(case, condition_id, &answer).await.map_err(|e| {
        e.keeping(&[("question", question.as_deref().unwrap_or_default()), ("condition_id", &condition_id.to_string())])
    })?;
    leptos_axum::redirect(&format!("/me/licence?answered={condition_id}#c-{condition_id}"));
    Ok(())
}

#[server(endpoint = "case_licence")]
pub async fn get_case_licence(case_id: CaseId) -> Result<(CaseOverview, PersonLicence), AppError> {
    use super::request::*;
    let me = require_practitioner()?;
    let backend = backend()?;
    Ok((backend.case_overview(me, case_id).await?, backend.case_licence(me, case_id).await?))
}

#[server(endpoint = "templates")]
pub async fn get_templates(version: String) -> Result<crate::model::parts::LicenceCatalogue, AppError> {
    use super::request::*;
    require_practitioner()?;
    backend()?.templates(&version).await
}

#[server(endpoint = "template")]
pub async fn get_template(version: String, code: String) -> Result<Template, AppError> {
    use super::request::*;
    require_practitioner()?;
    backend()?.template(&version, &code).await
}

#[cfg(feature = "ssr")]
fn kept_details(details: &Details) -> Vec<(String, String)> {
    details.iter().flat_map(|(k, vs)| vs.iter().map(move |v| (format!("d-{k}"), v.clone()))).collect()
}

#[server(endpoint = "add_condition")]
pub async fn add_condition(
    case_id: CaseId,
    version: String,
    code: String,
    #[server(default)] explanation: Option<String>,
    #[server(default)] details: Details,
) -> Result<(), AppError> {
    use super::request::*;
    let me = require_practitioner()?;
    let takes_map = backend()?.template(&version, &code).await.is_ok_and(|t| t.takes_map(&details));
    let new = NewCondition::Catalogue { version, code, details: details.clone() };
    let mut kept = kept_details(&details);
    kept.push(("explanation".into(), explanation.clone().unwrap_or_default()));
    let id =
        backend()?.add_condition(me, case_id, &new, explanation.as_deref()).await.map_err(|e| e.keeping_owned(kept))?;
    if takes_map {
        // Next: the map itself, on the condition's own page.
        leptos_axum::redirect(&format!("/caseload/{case_id}/licence/{id}/edit#map"));
    } else {
        leptos_axum::redirect(&format!("/caseload/{case_id}/licence"));
    }
    Ok(())
}

#[server(endpoint = "add_bespoke_condition")]
pub async fn add_bespoke_condition(
    case_id: CaseId,
    licence: String,
    bespoke_text: String,
    #[server(default)] explanation: Option<String>,
) -> Result<(), AppError> {
    use super::request::*;
    let me = require_practitioner()?;
    let kept = [("bespoke_text", bespoke_text.as_str()), ("explanation", explanation.as_deref().unwrap_or_default())];
    let licence = LicenceKind::parse(&licence)
        .ok_or_else(|| AppError::invalid("licence", "Choose licence or post-sentence supervision."))?;
    let new = NewCondition::Bespoke { licence, text: bespoke_text.clone() };
    backend()?.add_condition(me, case_id, &new, explanation.as_deref()).await.map_err(|e| e.keeping(&kept))?;
    leptos_axum::redirect(&format!("/caseload/{case_id}/licence"));
    Ok(())
}

#[server(endpoint = "edit_condition")]
pub async fn edit_condition(
    case_id: CaseId,
    condition_id: ConditionId,
    #[server(default)] explanation: Option<String>,
    #[server(default)] details: Details,
) -> Result<(), AppError> {
    use super::request::*;
    let me = require_practitioner()?;
    let mut kept = kept_details(&details);
    kept.push(("explanation".into(), explanation.clone().unwrap_or_default()));
    backend()?
        .edit_condition(me, case_id, condition_id, &details, explanation.as_deref())
        .await
        .map_err(|e| e.keeping_owned(kept))?;
    leptos_axum::redirect(&format!("/caseload/{case_id}/licence#c-{condition_id}"));
    Ok(())
}

#[server(endpoint = "remove_condition")]
pub async fn remove_condition(case_id: CaseId, condition_id: ConditionId) -> Result<(), AppError> {
    use super::request::*;
    let me = require_practitioner()?;
    backend()?.remove_condition(me, case_id, condition_id).await?;
    leptos_axum::redirect(&format!("/caseload/{case_id}/licence"));
    Ok(())
}

#[server(endpoint = "reply_to_question")]
pub async fn reply_to_question(case_id: CaseId, condition_id: ConditionId, reply: String) -> Result<(), AppError> {
    use super::request::*;
    let me = require_practitioner()?;
    backend()?
        .reply_to_question(me, case_id, condition_id, &reply)
        .await
        .map_err(|e| e.keeping(&[("reply", &reply)]))?;
    leptos_axum::redirect(&format!("/caseload/{case_id}/licence#c-{condition_id}"));
    Ok(())
}

#[server(endpoint = "add_explanation")]
pub async fn add_explanation(case_id: CaseId, kind: String, title: String, body: String) -> Result<(), AppError> {
    use super::request::*;
    let me = require_practitioner()?;
    let kept = [("title", title.as_str()), ("body", body.as_str())];
    let kind = ExplanationKind::parse(&kind)
        .ok_or_else(|| AppError::invalid("kind", "Choose what kind of explanation this is.").keeping(&kept))?;
    backend()?.add_explanation(me, case_id, kind, &title, &body).await.map_err(|e| e.keeping(&kept))?;
    leptos_axum::redirect(&format!("/caseload/{case_id}/licence"));
    Ok(())
}

#[server(endpoint = "set_licence_setup")]
pub async fn set_licence_setup(
    case_id: CaseId,
    version: String,
    licence_type: String,
    #[server(default)] pss_end: Option<String>,
) -> Result<(), AppError> {
    use super::request::*;
    let me = require_practitioner()?;
    let kept = [
        ("version", version.as_str()),
        ("licence_type", licence_type.as_str()),
        ("pss_end", pss_end.as_deref().unwrap_or_default()),
    ];
    let licence_type = LicenceType::parse(&licence_type).ok_or_else(|| {
        AppError::invalid("licence_type", "Choose licence, post-sentence supervision, or both.").keeping(&kept)
    })?;
    backend()?
        .set_licence_setup(me, case_id, &version, licence_type, pss_end.as_deref())
        .await
        .map_err(|e| e.keeping(&kept))?;
    leptos_axum::redirect(&format!("/caseload/{case_id}/licence/add"));
    Ok(())
}

#[server(endpoint = "add_standard_conditions")]
pub async fn add_standard_conditions(case_id: CaseId) -> Result<(), AppError> {
    use super::request::*;
    let me = require_practitioner()?;
    backend()?.add_standard_conditions(me, case_id).await?;
    leptos_axum::redirect(&format!("/caseload/{case_id}/licence"));
    Ok(())
}
