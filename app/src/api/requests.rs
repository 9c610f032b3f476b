//! Requests: the person asks for permission or a change; their practitioner
//! answers in writing.

use crate::error::AppError;
use crate::model::request::{AnswerForm, DeskRequest, Request, RequestForm, RequestId};
use crate::model::CaseId;
use leptos::prelude::*;

#[server(endpoint = "person_requests")]
pub async fn get_person_requests() -> Result<Vec<Request>, AppError> {
    use super::request::*;
    let case = require_person()?;
    backend()?.person_requests(case).await
}

#[server(endpoint = "send_request")]
pub async fn send_request(form: RequestForm) -> Result<(), AppError> {
    use super::request::*;
    let case = require_person()?;
    backend()?.ask(case, &form).await.map_err(|e| e.keeping_owned(form.kept()))?;
    leptos_axum::redirect("/me/requests?sent=1#requests");
    Ok(())
}

#[server(endpoint = "case_requests")]
pub async fn get_case_requests(case_id: CaseId) -> Result<Vec<Request>, AppError> {
    use super::request::*;
    let me = require_practitioner()?;
    backend()?.case_requests(me, case_id).await
}

/// The written answer. One that changes a condition goes on to that
/// condition's change, started from the answer.
#[server(endpoint = "answer_request")]
pub async fn answer_request(case_id: CaseId, request_id: RequestId, form: AnswerForm) -> Result<(), AppError> {
    use super::request::*;
    let me = require_practitioner()?;
    let mut kept = form.kept();
    kept.push(("request_id".into(), request_id.to_string()));
    let answer = backend()?.answer_request(me, case_id, request_id, &form).await.map_err(|e| e.keeping_owned(kept))?;
    match answer.varies {
        Some(condition) => {
            leptos_axum::redirect(&format!("/caseload/{case_id}/licence/{condition}/edit?request={request_id}"))
        }
        None => {
            leptos_axum::redirect(&format!("/caseload/{case_id}/requests?answered={request_id}#request-{request_id}"))
        }
    }
    Ok(())
}

#[server(endpoint = "desk_requests")]
pub async fn get_desk_requests() -> Result<Vec<DeskRequest>, AppError> {
    use super::request::*;
    let me = require_practitioner()?;
    backend()?.desk_requests(me).await
}
