//! `POST /api/v1/sync`: apply a phone's ops, each at most once, and answer with
//! the case as it is now (DESIGN.md, Sync; `server/api/sync.openapi.yaml`).
//! This module reads requests and words refusals; the ops are applied behind
//! the boundary (`ServerBackend::sync`, `backend/sync.rs`).

use app::error::AppError;
use app::model::sync::{Change, Op, OpId, MAX_OPS, SYNC_VERSION};
use serde::Deserialize;

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

/// Every message a phone can get back from a sync, for the plain-words test.
pub fn messages() -> Vec<String> {
    use app::model::about::{BusyForm, BusyId, Prefs, SuggestionId};
    use app::model::{AppointmentId, ConditionId, ExplanationId, StepId, StepStatus};
    let changes = [
        Change::Understood { condition: ConditionId(1) },
        Change::Attending { appointment: AppointmentId(1) },
        Change::Step { step: StepId(1), status: StepStatus::Done, reason: None },
        Change::Read { explanation: ExplanationId(1), at: 0 },
        Change::AboutMe { prefs: Prefs::default() },
        Change::AddBusy { form: BusyForm::default() },
        Change::RemoveBusy { busy: BusyId(1) },
        Change::Suggestion { suggestion: SuggestionId(1), accept: true },
        Change::CheckIn {
            said: app::model::check_in::NewCheckIn {
                mood: app::model::check_in::Mood::Okay,
                needs: vec![],
                contact_me: false,
                note: None,
            },
            at: 0,
        },
        Change::Ask { form: app::model::request::RequestForm::default(), at: 0 },
        Change::SetGoal { form: app::model::progress::GoalForm::default(), at: 0 },
        Change::GoalDone { goal: app::model::progress::GoalId(1), at: 0 },
        Change::GoodThing { title: String::new(), at: 0 },
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
pub(crate) fn reason(e: &AppError, change: &Change) -> String {
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
        (AppError::NotFound, Change::RemoveBusy { .. }) => "This time was already taken off your list.".into(),
        (AppError::NotFound, Change::GoalDone { .. }) => {
            "We could not find this goal, so it was not marked done.".into()
        }
        (AppError::NotFound, Change::Suggestion { .. }) => {
            "We could not find this suggestion, so your answer was not saved.".into()
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
        for kind in [
            "understood",
            "question",
            "attending",
            "needs_change",
            "step",
            "read",
            "about_me",
            "busy",
            "not_busy",
            "suggestion",
            "check_in",
            "request",
            "goal",
            "goal_done",
            "good_thing",
        ] {
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
