//! Requests (issue 12.4): the person asks, from a form or their phone's
//! outbox (checked here once, for both ways in); their practitioner answers in
//! writing, and the answer becomes a letter on the licence, in the same
//! transaction as the answer itself.

use super::Engine;
use crate::store;
use crate::store::Conn;
use app::error::{AppError, AppResult};
use app::model::audit::Section;
use app::model::request::*;
use app::model::{CaseId, ExplanationId, ExplanationKind, PractitionerId};

fn today() -> jiff::civil::Date {
    jiff::Timestamp::now().to_zoned(app::format::london()).date()
}

/// The person's request, checked, inside the caller's transaction; `at` is
/// when it was made (the phone's clock, for one kept offline). The same
/// request still open is not asked twice.
pub(crate) fn person_request(tx: &Conn, case: CaseId, form: &RequestForm, at: i64) -> AppResult<RequestId> {
    let new = form.check(today())?;
    if let Some(id) = store::open_request_like(tx, case, &new)? {
        return Ok(id);
    }
    let made_at = app::model::check_in::made_at(at, jiff::Timestamp::now());
    Ok(store::insert_request(tx, case, &new, made_at.as_second())?)
}

impl Engine {
    pub(crate) fn person_requests(&self, case: CaseId) -> AppResult<Vec<Request>> {
        Ok(store::requests(&self.store.read()?, case, KEPT)?)
    }

    pub(crate) fn ask(&self, case: CaseId, form: &RequestForm) -> AppResult<RequestId> {
        let now = jiff::Timestamp::now().as_second();
        self.in_transaction(|tx| person_request(tx, case, form, now))
    }

    /// A case's requests for a practitioner who may see it (recorded).
    pub(crate) fn case_requests(&self, practitioner: PractitionerId, case: CaseId) -> AppResult<Vec<Request>> {
        self.on_case_read(practitioner, case, Section::Requests, |conn| Ok(store::requests(conn, case, 200)?))
    }

    /// The written answer, and the letter it makes for the person. A request
    /// answered already keeps its first answer.
    pub(crate) fn answer_request(
        &self,
        practitioner: PractitionerId,
        case: CaseId,
        id: RequestId,
        form: &AnswerForm,
    ) -> AppResult<NewAnswer> {
        let answer = form.check()?;
        self.on_case(practitioner, case, Section::Requests, "answered a request", |tx| {
            let request = store::request(tx, case, id)?.ok_or(AppError::NotFound)?;
            if request.answer.is_some() {
                return Err(AppError::invalid("decision", "This request has an answer already."));
            }
            if let Some(condition) = answer.varies {
                if !store::case_has_condition(tx, case, condition)? {
                    return Err(AppError::invalid("condition", "Choose a condition from the list."));
                }
            }
            let (title, body) = request.letter(&answer);
            let letter = store::insert_explanation(tx, case, practitioner, ExplanationKind::Decision, &title, &body)?;
            store::answer_request(tx, case, id, practitioner, &answer, ExplanationId(letter))?;
            Ok(answer.clone())
        })
    }

    /// Open requests on the practitioner's cases, the longest waiting first.
    pub(crate) fn desk_requests(&self, practitioner: PractitionerId) -> AppResult<Vec<DeskRequest>> {
        Ok(store::desk_requests(&self.store.read()?, practitioner)?)
    }
}
