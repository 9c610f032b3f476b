//! Check-ins (issue 12.6): the person says how things are, from a form or from
//! their phone's outbox (the checks live here once, for both ways in); their
//! practitioner reads them (recorded) and marks each one seen.

use super::Engine;
use crate::store;
use crate::store::Conn;
use app::error::{AppError, AppResult};
use app::model::audit::Section;
use app::model::check_in::*;
use app::model::{CaseId, PractitionerId};

/// A form sent twice within this many seconds, saying the same, is one check-in.
const SAME_WITHIN: i64 = 600;

/// The person's check-in, checked, inside the caller's transaction; `at` is
/// when it was made (the phone's clock, for one kept offline).
pub(crate) fn person_check_in(tx: &Conn, case: CaseId, said: &NewCheckIn, at: i64) -> AppResult<CheckInId> {
    let said = said.checked()?;
    let now = jiff::Timestamp::now();
    if let Some(latest) = store::latest_check_in_since(tx, case, now.as_second() - SAME_WITHIN)? {
        if latest.said.same_as(&said) {
            return Ok(latest.id);
        }
    }
    Ok(store::insert_check_in(tx, case, &said, made_at(at, now).as_second())?)
}

impl Engine {
    pub(crate) fn person_check_ins(&self, case: CaseId) -> AppResult<Vec<CheckIn>> {
        Ok(store::check_ins(&self.store.read()?, case, KEPT)?)
    }

    pub(crate) fn check_in(&self, case: CaseId, said: &NewCheckIn) -> AppResult<CheckInId> {
        let now = jiff::Timestamp::now().as_second();
        self.in_transaction(|tx| person_check_in(tx, case, said, now))
    }

    /// A case's check-ins for a practitioner who may see it (recorded).
    pub(crate) fn case_check_ins(&self, practitioner: PractitionerId, case: CaseId) -> AppResult<Vec<CheckIn>> {
        self.on_case_read(practitioner, case, Section::CheckIns, |conn| Ok(store::check_ins(conn, case, 100)?))
    }

    /// The practitioner has seen it; the person is told who and when.
    pub(crate) fn see_check_in(&self, practitioner: PractitionerId, case: CaseId, id: CheckInId) -> AppResult<()> {
        self.on_case(practitioner, case, Section::CheckIns, "saw a check-in", |tx| {
            store::see_check_in(tx, case, id, practitioner)?.map(|_| ()).ok_or(AppError::NotFound)
        })
    }

    /// What no one has seen yet on the practitioner's cases, in the desk's order.
    pub(crate) fn desk_check_ins(&self, practitioner: PractitionerId) -> AppResult<Vec<DeskCheckIn>> {
        Ok(store::desk_check_ins(&self.store.read()?, practitioner)?)
    }
}
