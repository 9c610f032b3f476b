//! The engine's side of `POST /api/v1/sync` (`crate::sync` reads the request
//! and words the refusals).
//!
//! All ops of one request run in one savepoint, each op in one of its own, so
//! a refused op leaves no trace; requests that arrive together share one
//! commit (`sync_commit.rs`). The answer is built only after the commit, so an
//! op reported "applied" is on disk (WAL, fsynced: `synchronous = FULL` in
//! `store`) before the phone hears of it.

use super::about;
use super::check_in;
use super::licence::{letter_read, person_answer};
use super::plan::{person_rsvp, step_status};
use super::progress;
use super::request;
use super::Engine;
use crate::store::Conn;
use crate::store::{self, StoreError};
use crate::sync::{reason, Incoming, Refused, Request};
use app::error::AppError;
use app::model::sync::{Change, OpResult, Outcome, SyncResponse, SYNC_VERSION};
use app::model::CaseId;

impl From<StoreError> for Refused {
    fn from(e: StoreError) -> Self {
        Refused::Internal(AppError::from(e))
    }
}

impl Engine {
    /// Apply one request's ops inside the caller's transaction (`sync_commit.rs`
    /// gives each request a savepoint of its own): its cursor is checked
    /// first, then each op at most once.
    pub(crate) fn apply_request(tx: &Conn, case: CaseId, request: Request) -> Result<Vec<OpResult>, Refused> {
        let rev = store::case_rev(tx, case)?.ok_or(Refused::NoCase)?;
        if request.since > rev {
            return Err(Refused::CursorAhead { since: request.since, cursor: rev });
        }
        let mut results = Vec::with_capacity(request.ops.len());
        for op in request.ops {
            let outcome = apply_once(tx, case, &op)?;
            results.push(OpResult { id: op.id, outcome });
        }
        Ok(results)
    }

    /// The answer to a request whose ops are committed (or that had none: a
    /// quiet sync only reads): the case as it is now, when anything changed
    /// since the phone's cursor.
    pub(crate) fn sync_answer(
        &self,
        case: CaseId,
        since: u64,
        results: Vec<OpResult>,
    ) -> Result<SyncResponse, Refused> {
        // One read transaction, so the cursor and the snapshot agree.
        self.store.read_tx(|tx| {
            let cursor = store::case_rev(tx, case)?.ok_or(Refused::NoCase)?;
            if since > cursor {
                return Err(Refused::CursorAhead { since, cursor });
            }
            let changes = if cursor != since { Some(self.snapshot(tx, case)?) } else { None };
            Ok(SyncResponse { version: SYNC_VERSION, results, changes, cursor })
        })
    }
}

fn apply_once(tx: &Conn, case: CaseId, op: &Incoming) -> Result<Outcome, Refused> {
    if let Some((owner, outcome)) = store::seen_op(tx, op.id.as_str())? {
        if owner != case {
            return Ok(Outcome::Rejected {
                reason: "This change has an id that was already used. It was not saved.".into(),
            });
        }
        return Ok(stored_outcome(&outcome));
    }
    let change = match &op.change {
        Ok(change) => change,
        // Not recorded: a newer server may know this change when it is sent again.
        Err(reason) => return Ok(Outcome::Rejected { reason: reason.clone() }),
    };
    // A refused op's changes are rolled back to its savepoint.
    let outcome = match tx.savepoint(|sp| apply(sp, case, change)) {
        Ok(()) => Outcome::Applied,
        Err(AppError::Internal) => return Err(Refused::Internal(AppError::Internal)),
        Err(e) => Outcome::Rejected { reason: reason(&e, change) },
    };
    store::record_op(tx, op.id.as_str(), case, &store_outcome(&outcome))?;
    Ok(outcome)
}

/// An answer as kept in `applied_op`: "applied", or "rejected:" and the reason.
fn store_outcome(outcome: &Outcome) -> String {
    match outcome {
        Outcome::Applied => "applied".into(),
        Outcome::Rejected { reason } => format!("rejected:{reason}"),
    }
}

fn stored_outcome(stored: &str) -> Outcome {
    match stored.strip_prefix("rejected:") {
        Some(reason) => Outcome::Rejected { reason: reason.to_owned() },
        None => Outcome::Applied,
    }
}

fn apply(conn: &Conn, case: CaseId, change: &Change) -> Result<(), AppError> {
    use app::model::{Answer, Rsvp};
    match change {
        Change::Understood { condition } => person_answer(conn, case, *condition, &Answer::Understood),
        Change::Question { condition, text } => person_answer(conn, case, *condition, &Answer::Question(text.clone())),
        Change::Attending { appointment } => person_rsvp(conn, case, *appointment, &Rsvp::Attending),
        Change::NeedsChange { appointment, reason } => {
            person_rsvp(conn, case, *appointment, &Rsvp::NeedsChange(reason.clone()))
        }
        Change::Step { step, status, reason } => step_status(conn, case, *step, None, *status, reason.as_deref()),
        Change::Read { explanation, at } => letter_read(conn, case, *explanation, *at),
        Change::AboutMe { prefs } => about::person_prefs(conn, case, prefs),
        Change::AddBusy { form } => about::person_add_busy(conn, case, form),
        Change::RemoveBusy { busy } => about::person_remove_busy(conn, case, *busy),
        Change::Suggestion { suggestion, accept } => about::person_answer(conn, case, *suggestion, *accept),
        Change::CheckIn { said, at } => check_in::person_check_in(conn, case, said, *at).map(|_| ()),
        Change::Ask { form, at } => request::person_request(conn, case, form, *at).map(|_| ()),
        Change::SetGoal { form, at } => progress::person_goal(conn, case, form, *at).map(|_| ()),
        Change::GoalDone { goal, at } => progress::person_goal_done(conn, case, *goal, *at),
        Change::GoodThing { title, at } => progress::person_good_thing(conn, case, title, *at).map(|_| ()),
    }
}
