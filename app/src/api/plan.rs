//! Appointments and steps: the person answers and ticks; the practitioner sets
//! appointments, changes steps and sees who needs help.

use crate::error::AppError;

use crate::model::*;
use leptos::prelude::*;

#[server(endpoint = "person_appointments")]
pub async fn get_person_appointments() -> Result<Vec<Appointment>, AppError> {
    use super::request::*;
    let case = require_person()?;
    backend()?.person_appointments(case).await
}

/// The person's reporting conditions, as plans with times (see `model::reporting`).
#[server(endpoint = "person_reporting")]
pub async fn get_person_reporting() -> Result<Vec<(ConditionId, crate::model::reporting::Reporting)>, AppError> {
    use super::request::*;
    let case = require_person()?;
    backend()?.reporting(None, case).await
}

/// A case's reporting conditions, for its practitioner.
#[server(endpoint = "case_reporting")]
pub async fn get_case_reporting(
    case_id: CaseId,
) -> Result<Vec<(ConditionId, crate::model::reporting::Reporting)>, AppError> {
    use super::request::*;
    let me = require_practitioner()?;
    backend()?.reporting(Some(me), case_id).await
}

/// "I'll be there" (`answer=attending`) or "I need to change this" (`answer=change` and `reason`).
#[server(endpoint = "answer_appointment")]
pub async fn answer_appointment(
    appointment_id: AppointmentId,
    answer: String,
    #[server(default)] reason: Option<String>,
) -> Result<(), AppError> {
    use super::request::*;
    let case = require_person()?;
    let rsvp = match answer.as_str() {
        "attending" => Rsvp::Attending,
        "change" => Rsvp::NeedsChange(reason.clone().unwrap_or_default()),
        _ => return Err(AppError::BadRequest("unknown answer".into())),
    };
    let kept = [("reason", reason.as_deref().unwrap_or_default()), ("appointment_id", &appointment_id.to_string())];
    backend()?.answer_appointment(case, appointment_id, &rsvp).await.map_err(|e| e.keeping(&kept))?;
    leptos_axum::redirect(&format!("/me/appointments?answered={appointment_id}#a-{appointment_id}"));
    Ok(())
}

#[server(endpoint = "case_appointments")]
pub async fn get_case_appointments(case_id: CaseId) -> Result<(CaseOverview, Vec<Appointment>), AppError> {
    use super::request::*;
    let me = require_practitioner()?;
    let backend = backend()?;
    Ok((backend.case_overview(me, case_id).await?, backend.case_appointments(me, case_id).await?))
}

/// Create (no `appointment_id`) or change an appointment.
#[server(endpoint = "save_appointment")]
pub async fn save_appointment(
    case_id: CaseId,
    #[server(default)] appointment_id: Option<AppointmentId>,
    form: AppointmentForm,
) -> Result<(), AppError> {
    use super::request::*;
    let me = require_practitioner()?;
    let draft =
        form.check(jiff::Timestamp::now(), appointment_id.is_none()).map_err(|e| e.keeping_owned(form.kept()))?;
    let backend = backend()?;
    // A clash comes back with the form as typed, to be sent again with a reason.
    let saved = match appointment_id {
        None => backend.create_appointment(me, case_id, &draft).await.map(|_| ()),
        Some(id) => backend.update_appointment(me, case_id, id, &draft).await,
    };
    saved.map_err(|e| e.keeping_owned(form.kept()))?;
    leptos_axum::redirect(&format!("/caseload/{case_id}/appointments"));
    Ok(())
}

#[server(endpoint = "cancel_appointment")]
pub async fn cancel_appointment(
    case_id: CaseId,
    appointment_id: AppointmentId,
    #[server(default)] cancel_reason: Option<String>,
) -> Result<(), AppError> {
    use super::request::*;
    let me = require_practitioner()?;
    backend()?
        .cancel_appointment(me, case_id, appointment_id, cancel_reason.as_deref())
        .await
        .map_err(|e| e.keeping(&[("cancel_reason", cancel_reason.as_deref().unwrap_or_default())]))?;
    leptos_axum::redirect(&format!("/caseload/{case_id}/appointments"));
    Ok(())
}

#[server(endpoint = "person_steps")]
pub async fn get_person_steps() -> Result<Vec<Step>, AppError> {
    use super::request::*;
    let case = require_person()?;
    backend()?.person_steps(case).await
}

#[server(endpoint = "case_steps")]
pub async fn get_case_steps(case_id: CaseId) -> Result<(CaseOverview, Vec<Step>), AppError> {
    use super::request::*;
    let me = require_practitioner()?;
    let backend = backend()?;
    Ok((backend.case_overview(me, case_id).await?, backend.case_steps(me, case_id).await?))
}

/// The person (no `case_id`) or the practitioner (with `case_id`) changes a step.
#[server(endpoint = "set_step")]
pub async fn set_step(
    #[server(default)] case_id: Option<CaseId>,
    step_id: StepId,
    status: String,
    #[server(default)] reason: Option<String>,
) -> Result<(), AppError> {
    use super::request::*;
    let status = StepStatus::parse(&status).ok_or_else(|| AppError::BadRequest("unknown status".into()))?;
    let kept = [("reason", reason.as_deref().unwrap_or_default()), ("step_id", &step_id.to_string())];
    let backend = backend()?;
    let back = match case_id {
        None => {
            let case = require_person()?;
            backend
                .set_step_status(None, case, step_id, status, reason.as_deref())
                .await
                .map_err(|e| e.keeping(&kept))?;
            let done = if status == StepStatus::Done { "&done=1" } else { "" };
            format!("/me/steps?changed={step_id}{done}#s-{step_id}")
        }
        Some(case) => {
            let me = require_practitioner()?;
            backend
                .set_step_status(Some(me), case, step_id, status, reason.as_deref())
                .await
                .map_err(|e| e.keeping(&kept))?;
            format!("/caseload/{case}/steps#s-{step_id}")
        }
    };
    leptos_axum::redirect(&back);
    Ok(())
}

#[server(endpoint = "add_step")]
pub async fn add_step(
    case_id: CaseId,
    track: String,
    title: String,
    #[server(default)] helper: Option<String>,
) -> Result<(), AppError> {
    use super::request::*;
    let me = require_practitioner()?;
    let kept = [("title", title.as_str()), ("helper", helper.as_deref().unwrap_or_default())];
    let track = crate::model::Track::parse(&track)
        .ok_or_else(|| AppError::invalid("track", "Choose which part this step is for.").keeping(&kept))?;
    backend()?.add_custom_step(me, case_id, track, &title, helper.as_deref()).await.map_err(|e| e.keeping(&kept))?;
    leptos_axum::redirect(&format!("/caseload/{case_id}/steps"));
    Ok(())
}

#[server(endpoint = "steps_overview")]
pub async fn get_steps_overview() -> Result<Vec<StepsOverview>, AppError> {
    use super::request::*;
    let me = require_practitioner()?;
    backend()?.steps_overview(me).await
}

#[server(endpoint = "set_step_helper")]
pub async fn set_step_helper(
    case_id: CaseId,
    step_id: StepId,
    #[server(default)] helper: Option<String>,
) -> Result<(), AppError> {
    use super::request::*;
    let me = require_practitioner()?;
    backend()?.set_step_helper(me, case_id, step_id, helper.as_deref()).await?;
    leptos_axum::redirect(&format!("/caseload/{case_id}/steps#s-{step_id}"));
    Ok(())
}

#[server(endpoint = "step_guides")]
pub async fn get_step_guides() -> Result<Vec<StepGuide>, AppError> {
    use super::request::*;
    require_practitioner()?;
    backend()?.step_guides().await
}

/// Office admins keep step prices right, with the date they checked them.
#[server(endpoint = "update_step_cost")]
pub async fn update_step_cost(
    key: String,
    #[server(default)] cost: Option<String>,
    checked_on: String,
) -> Result<(), AppError> {
    use super::request::*;
    let me = require_practitioner()?;
    let kept =
        [("cost", cost.as_deref().unwrap_or_default()), ("checked_on", checked_on.as_str()), ("key", key.as_str())];
    backend()?.update_step_cost(me, &key, cost.as_deref(), &checked_on).await.map_err(|e| e.keeping(&kept))?;
    leptos_axum::redirect("/caseload/step-prices");
    Ok(())
}
