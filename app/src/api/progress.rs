//! Progress: the person's goals and what went well; their practitioner's "well done".

use crate::error::AppError;
use crate::model::progress::{AchievementId, GoalForm, GoalId, Progress};
use crate::model::CaseId;
use leptos::prelude::*;

#[server(endpoint = "person_progress")]
pub async fn get_person_progress() -> Result<Progress, AppError> {
    use super::request::*;
    let case = require_person()?;
    backend()?.person_progress(case).await
}

#[server(endpoint = "set_goal")]
pub async fn set_goal(form: GoalForm) -> Result<(), AppError> {
    use super::request::*;
    let case = require_person()?;
    backend()?.set_goal(case, &form).await.map_err(|e| e.keeping_owned(form.kept()))?;
    leptos_axum::redirect("/me/progress?saved=goal#goals");
    Ok(())
}

#[server(endpoint = "goal_done")]
pub async fn goal_done(goal_id: GoalId) -> Result<(), AppError> {
    use super::request::*;
    let case = require_person()?;
    backend()?.goal_done(case, goal_id).await?;
    leptos_axum::redirect("/me/progress?saved=done#goals");
    Ok(())
}

#[server(endpoint = "add_good_thing")]
pub async fn add_good_thing(good_thing: String) -> Result<(), AppError> {
    use super::request::*;
    let case = require_person()?;
    let kept = [("good_thing", good_thing.as_str())];
    backend()?.add_good_thing(case, &good_thing).await.map_err(|e| e.keeping(&kept))?;
    leptos_axum::redirect("/me/progress?saved=good#good-things");
    Ok(())
}

#[server(endpoint = "case_progress")]
pub async fn get_case_progress(case_id: CaseId) -> Result<Progress, AppError> {
    use super::request::*;
    let me = require_practitioner()?;
    backend()?.case_progress(me, case_id).await
}

#[server(endpoint = "record_good_thing")]
pub async fn record_good_thing(case_id: CaseId, good_thing: String) -> Result<(), AppError> {
    use super::request::*;
    let me = require_practitioner()?;
    let kept = [("good_thing", good_thing.as_str())];
    backend()?.record_good_thing(me, case_id, &good_thing).await.map_err(|e| e.keeping(&kept))?;
    leptos_axum::redirect(&format!("/caseload/{case_id}/progress?saved=good"));
    Ok(())
}

#[server(endpoint = "well_done")]
pub async fn well_done(case_id: CaseId, achievement_id: AchievementId, well_done: String) -> Result<(), AppError> {
    use super::request::*;
    let me = require_practitioner()?;
    let id = achievement_id.to_string();
    let kept = [("well_done", well_done.as_str()), ("achievement_id", id.as_str())];
    backend()?.well_done(me, case_id, achievement_id, &well_done).await.map_err(|e| e.keeping(&kept))?;
    leptos_axum::redirect(&format!("/caseload/{case_id}/progress?saved=well_done#good-{achievement_id}"));
    Ok(())
}
