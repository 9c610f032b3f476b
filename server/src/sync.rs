//! `POST /api/v1/sync`: apply a phone's ops, each at most once, and answer with
//! the case as it is now (DESIGN.md, Sync; `server/api/sync.openapi.yaml`).
//!
//! All ops of one request run in one transaction, each in its own savepoint, so
//! a refused op leaves no trace; the answer is built only after the commit, so
//! an op reported "applied" is on disk (WAL, fsynced: `synchronous = FULL` in
//! `store`) before the phone hears of it.

use crate::backend::{letter_read, person_answer, person_rsvp, step_status, WaymarkBackend};
use crate::store;
use app::error::AppError;
use app::model::sync::{Change, Op, OpId, OpResult, Outcome, SyncResponse, MAX_OPS, SYNC_VERSION};
use app::model::CaseId;
use serde::Deserialize;

mod commit;
pub use commit::Committer;

/// Why a whole request was refused. Nothing was applied. Messages are plain words.
#[derive(Debug, thiserror::Error)]
pub enum Refused {
    #[error("This is not a sync request Waymark can read: {0}. Nothing was changed.")]
    Malformed(String),
    #[error("This app is out of date for Waymark's sync (version {0}). Please reload the page. Nothing was changed.")]
    Version(u32),
    #[error("Too many changes at once ({0}). Send at most {MAX_OPS} at a time. Nothing was changed.")]
    TooMany(usize),
    #[error("Change number {0} has no id Waymark can use. Nothing was changed.")]
    BadId(usize),
    #[error("This phone's copy is newer than Waymark's records (it asked from {since}, the case is at {cursor}). Send again from 0. Nothing was changed.")]
    CursorAhead { since: u64, cursor: u64 },
    #[error("We could not find your case.")]
    NoCase,
    #[error("Something went wrong on our side. Nothing was changed. Please try again.")]
    Internal(#[from] AppError),
}

impl Refused {
    /// A short machine-readable name, for clients.
    pub fn code(&self) -> &'static str {
        match self {
            Refused::Malformed(_) => "malformed",
            Refused::Version(_) => "version",
            Refused::TooMany(_) => "too_many_ops",
            Refused::BadId(_) => "bad_op_id",
            Refused::CursorAhead { .. } => "cursor_ahead",
            Refused::NoCase => "not_found",
            Refused::Internal(_) => "internal",
        }
    }
}

impl From<store::StoreError> for Refused {
    fn from(e: store::StoreError) -> Self {
        Refused::Internal(AppError::from(e))
    }
}

impl From<rusqlite::Error> for Refused {
    fn from(e: rusqlite::Error) -> Self {
        Refused::Internal(AppError::internal(e))
    }
}

/// An op as it arrived: its id is known; its change may be one this server does not know.
pub struct Incoming {
    pub id: OpId,
    pub change: Result<Change, String>,
}

pub struct Request {
    pub since: u64,
    pub ops: Vec<Incoming>,
}

#[derive(Deserialize)]
struct RawRequest {
    version: u32,
    since: u64,
    #[serde(default)]
    ops: Vec<serde_json::Value>,
}

const UNKNOWN_CHANGE: &str =
    "Waymark could not read this change, so it was not saved. Please update the app and try again.";

/// Read a request body. An op whose change cannot be read is kept, to be
/// answered "rejected"; a request without usable ids is refused whole.
pub fn parse(body: &[u8]) -> Result<Request, Refused> {
    let raw: RawRequest = serde_json::from_slice(body).map_err(|e| Refused::Malformed(plain_json_error(&e)))?;
    if raw.version != SYNC_VERSION {
        return Err(Refused::Version(raw.version));
    }
    if raw.ops.len() > MAX_OPS {
        return Err(Refused::TooMany(raw.ops.len()));
    }
    let ops = raw
        .ops
        .into_iter()
        .enumerate()
        .map(|(i, value)| {
            let id = value
                .get("id")
                .and_then(|v| v.as_str())
                .and_then(|s| OpId::try_from(s.to_owned()).ok())
                .ok_or(Refused::BadId(i + 1))?;
            let change = serde_json::from_value::<Op>(value).map(|op| op.change).map_err(|_| UNKNOWN_CHANGE.to_owned());
            Ok(Incoming { id, change })
        })
        .collect::<Result<Vec<_>, Refused>>()?;
    Ok(Request { since: raw.since, ops })
}

fn plain_json_error(e: &serde_json::Error) -> String {
    match e.classify() {
        serde_json::error::Category::Data => format!("a field is missing or has the wrong type ({e})"),
        _ => format!("the JSON is broken at line {}, column {}", e.line(), e.column()),
    }
}

/// Apply the ops for the person's case and answer with what changed (one
/// request, one transaction; the server's phones go through `Committer`).
pub fn sync(backend: &WaymarkBackend, case: CaseId, request: Request) -> Result<SyncResponse, Refused> {
    let since = request.since;
    let results = {
        let mut conn = backend.store().write();
        let mut tx = conn.savepoint()?;
        let results = apply_request(&mut tx, case, request)?;
        tx.commit()?;
        results
    };
    answer(backend, case, since, results)
}

/// Apply one request's ops inside the caller's transaction: its cursor is
/// checked first, then each op at most once.
fn apply_request(tx: &mut rusqlite::Savepoint, case: CaseId, request: Request) -> Result<Vec<OpResult>, Refused> {
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

/// The answer to a request whose ops are committed: the case as it is now,
/// when anything changed since the phone's cursor.
pub fn answer(
    backend: &WaymarkBackend,
    case: CaseId,
    since: u64,
    results: Vec<OpResult>,
) -> Result<SyncResponse, Refused> {
    // One read transaction, so the cursor and the snapshot agree.
    let conn = backend.store().read();
    let tx = conn.unchecked_transaction()?;
    let cursor = store::case_rev(&tx, case)?.ok_or(Refused::NoCase)?;
    if since > cursor {
        return Err(Refused::CursorAhead { since, cursor });
    }
    let changes = if cursor != since { Some(backend.snapshot(&tx, case)?) } else { None };
    tx.commit()?;
    Ok(SyncResponse { version: SYNC_VERSION, results, changes, cursor })
}

fn apply_once(tx: &mut rusqlite::Savepoint, case: CaseId, op: &Incoming) -> Result<Outcome, Refused> {
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
    let savepoint = tx.savepoint()?;
    let outcome = match apply(&savepoint, case, change) {
        Ok(()) => {
            savepoint.commit()?;
            Outcome::Applied
        }
        Err(AppError::Internal) => return Err(Refused::Internal(AppError::Internal)),
        Err(e) => {
            drop(savepoint); // rolls the op's changes back
            Outcome::Rejected { reason: reason(&e, change) }
        }
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

fn apply(conn: &rusqlite::Connection, case: CaseId, change: &Change) -> Result<(), AppError> {
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
    }
}

/// Every message a phone can get back from a sync, for the plain-words test.
pub fn messages() -> Vec<String> {
    use app::model::{AppointmentId, ConditionId, ExplanationId, StepId, StepStatus};
    let changes = [
        Change::Understood { condition: ConditionId(1) },
        Change::Attending { appointment: AppointmentId(1) },
        Change::Step { step: StepId(1), status: StepStatus::Done, reason: None },
        Change::Read { explanation: ExplanationId(1), at: 0 },
    ];
    let mut all: Vec<String> = [
        Refused::Malformed("a field is missing".into()),
        Refused::Version(2),
        Refused::TooMany(101),
        Refused::BadId(1),
        Refused::CursorAhead { since: 2, cursor: 1 },
        Refused::NoCase,
        Refused::Internal(AppError::Internal),
    ]
    .iter()
    .map(ToString::to_string)
    .collect();
    all.extend(changes.iter().map(|c| reason(&AppError::NotFound, c)));
    all.extend(changes.iter().map(|c| c.describe().to_owned()));
    all.push(UNKNOWN_CHANGE.into());
    all
}

/// Why an op was refused, in words the person can act on.
fn reason(e: &AppError, change: &Change) -> String {
    match (e, change) {
        (AppError::NotFound, Change::Understood { .. } | Change::Question { .. }) => {
            "This rule is no longer on your licence, so your answer was not saved.".into()
        }
        (AppError::NotFound, Change::Attending { .. } | Change::NeedsChange { .. }) => {
            "This appointment was cancelled or is not yours, so your answer was not saved.".into()
        }
        (AppError::NotFound, Change::Step { .. }) => "This step is not on your list, so it was not changed.".into(),
        (AppError::NotFound, Change::Read { .. }) => {
            "We could not find this letter, so it was not marked as read.".into()
        }
        (e, _) => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    /// The documented contract names every refusal and every kind of op.
    #[test]
    fn the_openapi_file_documents_every_code_and_kind() {
        let doc = include_str!("../api/sync.openapi.yaml");
        let codes = ["malformed", "version", "too_many_ops", "bad_op_id", "cursor_ahead", "not_found", "internal"];
        let refusals = [
            super::Refused::Malformed(String::new()),
            super::Refused::Version(2),
            super::Refused::TooMany(101),
            super::Refused::BadId(1),
            super::Refused::CursorAhead { since: 2, cursor: 1 },
            super::Refused::NoCase,
            super::Refused::Internal(app::error::AppError::Internal),
        ];
        for (refused, code) in refusals.iter().zip(codes) {
            assert_eq!(refused.code(), code);
            assert!(doc.contains(code), "{code} is documented");
        }
        for kind in ["understood", "question", "attending", "needs_change", "step", "read"] {
            assert!(doc.contains(&format!("kind: {{ const: {kind} }}")), "{kind} is documented");
        }
    }

    /// The documented limits are the ones in force: ops, characters, the
    /// server's body limit and the phone's request size.
    #[test]
    fn the_openapi_file_states_the_limits_in_force() {
        use app::model::sync::{MAX_OPS, MAX_REQUEST_BYTES};
        let doc = include_str!("../api/sync.openapi.yaml");
        let server_limit = crate::config::Config::for_tests(std::env::temp_dir()).max_body_bytes;
        assert!(doc.contains(&format!("maxItems: {MAX_OPS}")));
        assert!(doc.contains(&format!("maxLength: {}", app::model::MESSAGE_MAX)));
        assert!(doc.contains(&format!("{server_limit} bytes")), "the body limit, {server_limit}, is stated");
        assert!(doc.contains(&format!("{MAX_REQUEST_BYTES} bytes")), "the phone's request size is stated");
        assert!(MAX_REQUEST_BYTES <= server_limit, "every request the phone makes fits");
        // The longest op (a 2,000-character text, each character escaped as \uXXXX
        // in JSON) still fits in one request on its own.
        assert!(app::model::MESSAGE_MAX * 6 + 200 <= MAX_REQUEST_BYTES);
    }
}
