//! The sync contract (DESIGN.md, Sync; `server/api/sync.openapi.yaml`) and the
//! phone's side of it: a snapshot of the case plus an outbox of changes not yet
//! answered by the server. Pure logic, so the server's tests can drive it.

use super::about::{AboutMe, BusyForm, BusyId, BusyTime, Prefs, SuggestionId};
use super::check_in::{CheckIn, CheckInId, Mood, Need, NewCheckIn};
use super::progress::{Achievement, AchievementId, Goal, GoalForm, GoalId, Progress, RecordedBy};
use super::request::{Request, RequestForm, RequestId};
use super::{
    Appointment, AppointmentId, ConditionId, ExplanationId, PersonLicence, Rsvp, Step, StepId, StepStatus,
    Understanding,
};
use serde::{Deserialize, Serialize};

pub mod json;

/// The version of the sync format; the server refuses any other.
pub const SYNC_VERSION: u32 = 1;
/// Most ops one request may carry; a phone with more sends them in turns.
pub const MAX_OPS: usize = 100;
/// Most bytes of one request the phone sends. The server takes bodies up to
/// `WAYMARK_MAX_BODY_BYTES` (64 KiB by default, never less than this), so a
/// full outbox of long questions goes in several requests, each one taken.
pub const MAX_REQUEST_BYTES: usize = 48 * 1024;

/// An op's id, made on the phone (a UUID), so a retry can be recognised.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct OpId(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("an op id is 8 to 64 letters, digits or dashes")]
pub struct BadOpId;

impl TryFrom<String> for OpId {
    type Error = BadOpId;
    fn try_from(s: String) -> Result<Self, BadOpId> {
        let ok = (8..=64).contains(&s.len()) && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
        if ok {
            Ok(OpId(s))
        } else {
            Err(BadOpId)
        }
    }
}

impl From<OpId> for String {
    fn from(id: OpId) -> String {
        id.0
    }
}

impl OpId {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// One change the person made. Only what the person owns: their answers,
/// their RSVPs, their steps, "About me" and their check-ins (DESIGN.md, Sync:
/// field ownership).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Understood {
        condition: ConditionId,
    },
    Question {
        condition: ConditionId,
        text: String,
    },
    Attending {
        appointment: AppointmentId,
    },
    NeedsChange {
        appointment: AppointmentId,
        reason: String,
    },
    Step {
        step: StepId,
        status: StepStatus,
        reason: Option<String>,
    },
    /// The person read a letter; `at` is when, by the phone's clock (UTC seconds).
    Read {
        explanation: ExplanationId,
        at: i64,
    },
    /// "About me": how to reach them, what helps, what they are working on.
    AboutMe {
        prefs: Prefs,
    },
    /// A time they cannot do, as typed (the server checks it).
    AddBusy {
        form: BusyForm,
    },
    RemoveBusy {
        busy: BusyId,
    },
    /// Their answer to a time their probation officer suggested.
    Suggestion {
        suggestion: SuggestionId,
        accept: bool,
    },
    /// "How are things?"; `at` is when, by the phone's clock (UTC seconds).
    CheckIn {
        said: NewCheckIn,
        at: i64,
    },
    /// A request for permission or a change, as typed (the server checks
    /// it); `at` is when, by the phone's clock.
    Ask {
        form: RequestForm,
        at: i64,
    },
    /// A goal, as typed (the server checks it); `at` by the phone's clock.
    SetGoal {
        form: GoalForm,
        at: i64,
    },
    /// They reached a goal.
    GoalDone {
        goal: GoalId,
        at: i64,
    },
    /// Something that went well, in their words.
    GoodThing {
        title: String,
        at: i64,
    },
}

impl Change {
    /// What the change is, for "waiting to send" lists.
    pub fn describe(&self) -> &'static str {
        match self {
            Change::Understood { .. } => "You said you understand a rule",
            Change::Question { .. } => "Your question about a rule",
            Change::Attending { .. } => "You said you will be at an appointment",
            Change::NeedsChange { .. } => "You asked to change an appointment",
            Change::Step { .. } => "You changed a step",
            Change::Read { .. } => "You read a letter from your probation officer",
            Change::AboutMe { .. } => "You changed what you told us about you",
            Change::AddBusy { .. } => "You added a time you cannot do",
            Change::RemoveBusy { .. } => "You took away a time you cannot do",
            Change::Suggestion { .. } => "You answered your probation officer's suggestion",
            Change::CheckIn { .. } => "You told us how things are",
            Change::Ask { .. } => "You asked your probation officer for something",
            Change::SetGoal { .. } => "You set a goal",
            Change::GoalDone { .. } => "You said you reached a goal",
            Change::GoodThing { .. } => "You added something that went well",
        }
    }

    /// What the thing it is about shows once this change is made, e.g. "Done".
    pub fn shows(&self) -> String {
        match self {
            Change::Understood { .. } => Understanding::Understood.label().into(),
            Change::Question { .. } => Understanding::Question.label().into(),
            Change::Attending { .. } => "You said you will be there.".into(),
            Change::NeedsChange { reason, .. } => format!("You asked to change this: {reason}"),
            Change::Step { status, .. } => status.label().into(),
            Change::Read { .. } => "You have read this".into(),
            Change::AboutMe { .. } => "Saved".into(),
            Change::AddBusy { .. } => "Added".into(),
            Change::RemoveBusy { .. } => "Taken away".into(),
            Change::Suggestion { accept: true, .. } => "Added".into(),
            Change::Suggestion { accept: false, .. } => "Turned down".into(),
            Change::CheckIn { said, .. } => format!("You said: {}", said.mood.label()),
            Change::Ask { .. } => "Asked".into(),
            Change::SetGoal { .. } | Change::GoodThing { .. } => "Added".into(),
            Change::GoalDone { .. } => "Done".into(),
        }
    }

    /// Whether `other` says again what this change says: the same thing, the
    /// same answer (a second tap, a form sent twice). A letter is read once.
    pub fn same_intent(&self, other: &Change) -> bool {
        let text = |s: &str| s.trim().to_owned();
        match (self, other) {
            (Change::Question { condition: a, text: x }, Change::Question { condition: b, text: y }) => {
                a == b && text(x) == text(y)
            }
            (Change::NeedsChange { appointment: a, reason: x }, Change::NeedsChange { appointment: b, reason: y }) => {
                a == b && text(x) == text(y)
            }
            (Change::Step { step: a, status: s, reason: x }, Change::Step { step: b, status: t, reason: y }) => {
                a == b && s == t && x.as_deref().map(text) == y.as_deref().map(text)
            }
            (Change::Read { explanation: a, .. }, Change::Read { explanation: b, .. }) => a == b,
            (Change::Understood { condition: a }, Change::Understood { condition: b }) => a == b,
            (Change::AboutMe { prefs: a }, Change::AboutMe { prefs: b }) => {
                a.reach == b.reach
                    && a.helps == b.helps
                    && a.working_on.as_deref().map(text) == b.working_on.as_deref().map(text)
            }
            (Change::AddBusy { form: a }, Change::AddBusy { form: b }) => a == b,
            (Change::RemoveBusy { busy: a }, Change::RemoveBusy { busy: b }) => a == b,
            // A suggestion is answered once.
            (Change::Suggestion { suggestion: a, .. }, Change::Suggestion { suggestion: b, .. }) => a == b,
            (Change::Attending { appointment: a }, Change::Attending { appointment: b }) => a == b,
            // The same words twice in a row is one check-in sent twice.
            (Change::CheckIn { said: a, .. }, Change::CheckIn { said: b, .. }) => a.same_as(b),
            (Change::Ask { form: a, .. }, Change::Ask { form: b, .. }) => a.same_as(b),
            (Change::SetGoal { form: a, .. }, Change::SetGoal { form: b, .. }) => a.same_as(b),
            (Change::GoalDone { goal: a, .. }, Change::GoalDone { goal: b, .. }) => a == b,
            (Change::GoodThing { title: a, .. }, Change::GoodThing { title: b, .. }) => text(a) == text(b),
            _ => false,
        }
    }

    /// The `data-sync-target` of the thing on a page this change is about.
    pub fn target(&self) -> String {
        match self {
            Change::Understood { condition } | Change::Question { condition, .. } => format!("condition-{condition}"),
            Change::Attending { appointment } | Change::NeedsChange { appointment, .. } => {
                format!("appointment-{appointment}")
            }
            Change::Step { step, .. } => format!("step-{step}"),
            Change::Read { explanation, .. } => format!("letter-{explanation}"),
            Change::AboutMe { .. } => "about-me".into(),
            // Each new time is a thing of its own until the server gives it an id.
            Change::AddBusy { form } => {
                format!("busy-new-{}-{}-{}{}-{}-{}", form.kind, form.how_often, form.day, form.date, form.from, form.to)
            }
            Change::RemoveBusy { busy } => format!("busy-{busy}"),
            Change::Suggestion { suggestion, .. } => format!("suggestion-{suggestion}"),
            // The list of check-ins, not the form: the form stays for the next one.
            Change::CheckIn { .. } => "check-ins".into(),
            Change::Ask { .. } => "requests".into(),
            Change::SetGoal { .. } => "goals".into(),
            Change::GoalDone { goal, .. } => format!("goal-{goal}"),
            Change::GoodThing { .. } => "good-things".into(),
        }
    }
}

/// On the wire: one flat object, `kind` naming the change (see the OpenAPI file).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "OpWire", into = "OpWire")]
pub struct Op {
    pub id: OpId,
    pub change: Change,
}

/// The flat wire shape of an op. Plain optional fields rather than serde's
/// `flatten` and `tag`: the same JSON, and a good deal less code in the wasm.
#[derive(Serialize, Deserialize)]
struct OpWire {
    id: OpId,
    kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    condition: Option<ConditionId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    appointment: Option<AppointmentId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    step: Option<StepId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    status: Option<StepStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    text: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    reason: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    explanation: Option<ExplanationId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    read_at: Option<i64>,
    /// "About me": space-separated keys (`model::about`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    reach: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    helps: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    busy: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    suggestion: Option<i64>,
    /// "accept" or "decline".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    answer: Option<String>,
    /// A time they cannot do, as typed (`BusyForm`'s fields; empty ones left out).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    busy_kind: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    how_often: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    day: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    to: Option<String>,
    /// A check-in: 1 to 5, space-separated needs, "yes" to be contacted, when.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    mood: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    needs: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    contact_me: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    made_at: Option<i64>,
    /// A request: what for, the first and last day, where (`text` is why).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    request_kind: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    first_day: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    last_day: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    place: Option<String>,
    /// A goal: what it is about (`text` is the goal, `reason` its next step), or which goal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    area: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    goal: Option<i64>,
}

impl OpWire {
    fn empty(id: OpId) -> OpWire {
        OpWire {
            id,
            kind: String::new(),
            condition: None,
            appointment: None,
            step: None,
            status: None,
            text: None,
            reason: None,
            explanation: None,
            read_at: None,
            reach: None,
            helps: None,
            busy: None,
            suggestion: None,
            answer: None,
            busy_kind: None,
            name: None,
            how_often: None,
            day: None,
            date: None,
            from: None,
            to: None,
            mood: None,
            needs: None,
            contact_me: None,
            made_at: None,
            request_kind: None,
            first_day: None,
            last_day: None,
            place: None,
            area: None,
            goal: None,
        }
    }
}

/// A text field of the wire, left out when empty.
fn some(s: String) -> Option<String> {
    (!s.is_empty()).then_some(s)
}

impl TryFrom<OpWire> for Op {
    type Error = String;
    fn try_from(w: OpWire) -> Result<Op, String> {
        let missing = |field: &str| format!("a {} op needs {field}", w.kind);
        let change = match w.kind.as_str() {
            "understood" => Change::Understood { condition: w.condition.ok_or_else(|| missing("condition"))? },
            "question" => Change::Question {
                condition: w.condition.ok_or_else(|| missing("condition"))?,
                text: w.text.clone().ok_or_else(|| missing("text"))?,
            },
            "attending" => Change::Attending { appointment: w.appointment.ok_or_else(|| missing("appointment"))? },
            "needs_change" => Change::NeedsChange {
                appointment: w.appointment.ok_or_else(|| missing("appointment"))?,
                reason: w.reason.clone().ok_or_else(|| missing("reason"))?,
            },
            "step" => Change::Step {
                step: w.step.ok_or_else(|| missing("step"))?,
                status: w.status.ok_or_else(|| missing("status"))?,
                reason: w.reason.clone(),
            },
            "read" => Change::Read {
                explanation: w.explanation.ok_or_else(|| missing("explanation"))?,
                at: w.read_at.ok_or_else(|| missing("read_at"))?,
            },
            "about_me" => {
                let unknown = |field: &str| format!("an about_me op has a {field} this server does not know");
                let reach = w.reach.as_deref().ok_or_else(|| missing("reach"))?;
                let helps = w.helps.as_deref().ok_or_else(|| missing("helps"))?;
                Change::AboutMe {
                    prefs: Prefs {
                        reach: Prefs::parse_keys(reach, super::about::Reach::parse).ok_or_else(|| unknown("reach"))?,
                        helps: Prefs::parse_keys(helps, super::about::Help::parse).ok_or_else(|| unknown("helps"))?,
                        working_on: w.text.clone(),
                    },
                }
            }
            "busy" => Change::AddBusy {
                form: BusyForm {
                    kind: w.busy_kind.clone().ok_or_else(|| missing("busy_kind"))?,
                    name: w.name.clone().unwrap_or_default(),
                    how_often: w.how_often.clone().ok_or_else(|| missing("how_often"))?,
                    day: w.day.clone().unwrap_or_default(),
                    date: w.date.clone().unwrap_or_default(),
                    from: w.from.clone().ok_or_else(|| missing("from"))?,
                    to: w.to.clone().ok_or_else(|| missing("to"))?,
                },
            },
            "not_busy" => Change::RemoveBusy { busy: BusyId(w.busy.ok_or_else(|| missing("busy"))?) },
            "suggestion" => Change::Suggestion {
                suggestion: SuggestionId(w.suggestion.ok_or_else(|| missing("suggestion"))?),
                accept: match w.answer.as_deref() {
                    Some("accept") => true,
                    Some("decline") => false,
                    _ => return Err(missing("answer (accept or decline)")),
                },
            },
            "check_in" => Change::CheckIn {
                said: NewCheckIn {
                    mood: Mood::from_score(w.mood.ok_or_else(|| missing("mood"))?)
                        .ok_or_else(|| missing("mood (1 to 5)"))?,
                    needs: Need::parse_keys(w.needs.as_deref().unwrap_or_default())
                        .ok_or_else(|| "a check_in op has a need this server does not know".to_owned())?,
                    contact_me: match w.contact_me.as_deref() {
                        None => false,
                        Some("yes") => true,
                        Some(_) => return Err(missing("contact_me (yes, or left out)")),
                    },
                    note: w.text.clone(),
                },
                at: w.made_at.ok_or_else(|| missing("made_at"))?,
            },
            "request" => Change::Ask {
                form: RequestForm {
                    kind: w.request_kind.clone().ok_or_else(|| missing("request_kind"))?,
                    first_day: w.first_day.clone().unwrap_or_default(),
                    last_day: w.last_day.clone().unwrap_or_default(),
                    place: w.place.clone().unwrap_or_default(),
                    why: w.text.clone().ok_or_else(|| missing("text"))?,
                },
                at: w.made_at.ok_or_else(|| missing("made_at"))?,
            },
            "goal" => Change::SetGoal {
                form: GoalForm {
                    area: w.area.clone().ok_or_else(|| missing("area"))?,
                    title: w.text.clone().ok_or_else(|| missing("text"))?,
                    next_step: w.reason.clone().unwrap_or_default(),
                },
                at: w.made_at.ok_or_else(|| missing("made_at"))?,
            },
            "goal_done" => Change::GoalDone {
                goal: GoalId(w.goal.ok_or_else(|| missing("goal"))?),
                at: w.made_at.ok_or_else(|| missing("made_at"))?,
            },
            "good_thing" => Change::GoodThing {
                title: w.text.clone().ok_or_else(|| missing("text"))?,
                at: w.made_at.ok_or_else(|| missing("made_at"))?,
            },
            other => return Err(format!("unknown kind {other:?}")),
        };
        Ok(Op { id: w.id, change })
    }
}

impl From<Op> for OpWire {
    fn from(op: Op) -> OpWire {
        let mut w = OpWire::empty(op.id);
        w.kind = match op.change {
            Change::Understood { condition } => {
                w.condition = Some(condition);
                "understood"
            }
            Change::Question { condition, text } => {
                (w.condition, w.text) = (Some(condition), Some(text));
                "question"
            }
            Change::Attending { appointment } => {
                w.appointment = Some(appointment);
                "attending"
            }
            Change::NeedsChange { appointment, reason } => {
                (w.appointment, w.reason) = (Some(appointment), Some(reason));
                "needs_change"
            }
            Change::Step { step, status, reason } => {
                (w.step, w.status, w.reason) = (Some(step), Some(status), reason);
                "step"
            }
            Change::Read { explanation, at } => {
                (w.explanation, w.read_at) = (Some(explanation), Some(at));
                "read"
            }
            Change::AboutMe { prefs } => {
                w.reach = Some(Prefs::keys(&prefs.reach, super::about::Reach::as_str));
                w.helps = Some(Prefs::keys(&prefs.helps, super::about::Help::as_str));
                w.text = prefs.working_on;
                "about_me"
            }
            Change::AddBusy { form } => {
                (w.busy_kind, w.name, w.how_often) = (Some(form.kind), some(form.name), Some(form.how_often));
                (w.day, w.date, w.from, w.to) = (some(form.day), some(form.date), Some(form.from), Some(form.to));
                "busy"
            }
            Change::RemoveBusy { busy } => {
                w.busy = Some(busy.0);
                "not_busy"
            }
            Change::Suggestion { suggestion, accept } => {
                w.suggestion = Some(suggestion.0);
                w.answer = Some(if accept { "accept" } else { "decline" }.into());
                "suggestion"
            }
            Change::CheckIn { said, at } => {
                (w.mood, w.needs) = (Some(said.mood.score().into()), some(Need::keys(&said.needs)));
                (w.contact_me, w.text, w.made_at) = (said.contact_me.then(|| "yes".into()), said.note, Some(at));
                "check_in"
            }
            Change::Ask { form, at } => {
                (w.request_kind, w.first_day, w.last_day) =
                    (Some(form.kind), some(form.first_day), some(form.last_day));
                (w.place, w.text, w.made_at) = (some(form.place), Some(form.why), Some(at));
                "request"
            }
            Change::SetGoal { form, at } => {
                (w.area, w.text, w.reason, w.made_at) =
                    (Some(form.area), Some(form.title), some(form.next_step), Some(at));
                "goal"
            }
            Change::GoalDone { goal, at } => {
                (w.goal, w.made_at) = (Some(goal.0), Some(at));
                "goal_done"
            }
            Change::GoodThing { title, at } => {
                (w.text, w.made_at) = (Some(title), Some(at));
                "good_thing"
            }
        }
        .to_owned();
        w
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncRequest {
    pub version: u32,
    /// The cursor from the last answer; 0 for "everything".
    pub since: u64,
    pub ops: Vec<Op>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Applied,
    /// Never applied; the reason is written for the person.
    Rejected {
        reason: String,
    },
}

/// On the wire: `{"id": …, "status": "applied"}` or with `"rejected"` and a `reason`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "OpResultWire", into = "OpResultWire")]
pub struct OpResult {
    pub id: OpId,
    pub outcome: Outcome,
}

#[derive(Serialize, Deserialize)]
struct OpResultWire {
    id: OpId,
    status: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    reason: Option<String>,
}

impl TryFrom<OpResultWire> for OpResult {
    type Error = String;
    fn try_from(w: OpResultWire) -> Result<OpResult, String> {
        let outcome = match (w.status.as_str(), w.reason) {
            ("applied", _) => Outcome::Applied,
            ("rejected", reason) => Outcome::Rejected { reason: reason.unwrap_or_default() },
            (other, _) => return Err(format!("unknown status {other:?}")),
        };
        Ok(OpResult { id: w.id, outcome })
    }
}

impl From<OpResult> for OpResultWire {
    fn from(r: OpResult) -> OpResultWire {
        match r.outcome {
            Outcome::Applied => OpResultWire { id: r.id, status: "applied".into(), reason: None },
            Outcome::Rejected { reason } => OpResultWire { id: r.id, status: "rejected".into(), reason: Some(reason) },
        }
    }
}

/// Everything the person's phone keeps of their case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseSnapshot {
    pub licence: PersonLicence,
    pub appointments: Vec<Appointment>,
    pub steps: Vec<Step>,
    /// Kept on phones since "About me" came (older copies have none).
    #[serde(default)]
    pub about: AboutMe,
    /// The latest check-ins, newest first (`check_in::KEPT`).
    #[serde(default)]
    pub check_ins: Vec<CheckIn>,
    /// The latest requests, newest first, with their answers (`request::KEPT`).
    #[serde(default)]
    pub requests: Vec<Request>,
    /// Goals and what went well (`progress::KEPT` of each).
    #[serde(default)]
    pub progress: Progress,
}

/// `S` is the snapshot as the reader wants it: typed on the server and in
/// tests; kept as raw JSON on the phone, which stores it without parsing it
/// (that keeps the snapshot's types, and their date handling, out of the wasm).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncResponse<S = CaseSnapshot> {
    pub version: u32,
    /// One per op sent, in the same order.
    pub results: Vec<OpResult>,
    /// The whole case as it is now, when anything changed since `since`.
    pub changes: Option<S>,
    pub cursor: u64,
}

/// A whole request refused (nothing applied); `reason` is plain words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncRefusal {
    pub error: String,
    pub reason: String,
}

/// What the phone holds: the last snapshot, its cursor, and the outbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Device<S = CaseSnapshot> {
    pub since: u64,
    pub snapshot: Option<S>,
    pub outbox: Vec<Op>,
    /// When the server last answered (UTC seconds).
    pub synced_at: Option<i64>,
    /// Changes the server refused since the person last looked, with why.
    pub refused: Vec<(String, String)>,
}

impl<S> Default for Device<S> {
    fn default() -> Self {
        Device { since: 0, snapshot: None, outbox: Vec::new(), synced_at: None, refused: Vec::new() }
    }
}

impl<S> Device<S> {
    /// Keep a change until the server has answered it. One intent is one op:
    /// a change that says again what the latest waiting change about the same
    /// thing says (a second tap) is not kept. Returns whether it was kept.
    pub fn record(&mut self, id: OpId, change: Change) -> bool {
        let latest = self.outbox.iter().rev().find(|op| op.change.target() == change.target());
        if self.outbox.iter().any(|op| op.id == id) || latest.is_some_and(|op| op.change.same_intent(&change)) {
            return false;
        }
        self.outbox.push(Op { id, change });
        true
    }

    /// The latest waiting change about each thing on the pages, oldest first:
    /// what the phone shows on each card until the server has answered.
    pub fn waiting(&self) -> Vec<&Change> {
        let mut latest: Vec<&Change> = Vec::new();
        for op in &self.outbox {
            latest.retain(|c| c.target() != op.change.target());
            latest.push(&op.change);
        }
        latest
    }

    /// The next request: the oldest ops first, at most `MAX_OPS` of them and
    /// at most `MAX_REQUEST_BYTES` in all (one op always fits: its texts are
    /// at most 2,000 characters).
    pub fn request(&self) -> SyncRequest {
        json::next_request::<serde_json::Value, S>(self)
    }

    /// Take in the server's answer. Only answered ops leave the outbox: an op
    /// whose answer was lost stays and is sent again (the server knows its id).
    pub fn absorb(&mut self, response: SyncResponse<S>, now: i64) {
        for result in &response.results {
            if let Some(pos) = self.outbox.iter().position(|op| op.id == result.id) {
                let op = self.outbox.remove(pos);
                if let Outcome::Rejected { reason } = &result.outcome {
                    self.refused.push((op.change.describe().to_owned(), reason.clone()));
                }
            }
        }
        if let Some(snapshot) = response.changes {
            self.snapshot = Some(snapshot);
        }
        self.since = response.cursor;
        self.synced_at = Some(now);
    }

    /// The server no longer knows this phone's cursor: fetch everything again,
    /// keeping the outbox.
    pub fn start_again(&mut self) {
        self.since = 0;
    }
}

impl Device<CaseSnapshot> {
    /// The case as the person should see it: the snapshot with what is
    /// waiting to be sent already applied.
    pub fn view(&self) -> Option<CaseSnapshot> {
        let mut view = self.snapshot.clone()?;
        for op in &self.outbox {
            apply_locally(&mut view, &op.change);
        }
        Some(view)
    }
}

/// What a change looks like before the server has it (the server decides in the end).
pub fn apply_locally(view: &mut CaseSnapshot, change: &Change) {
    match change {
        Change::Understood { condition } | Change::Question { condition, .. } => {
            if let Some(c) = view.licence.conditions.iter_mut().find(|c| c.id == *condition) {
                c.understanding = if matches!(change, Change::Understood { .. }) {
                    Understanding::Understood
                } else {
                    Understanding::Question
                };
            }
        }
        Change::Attending { appointment } | Change::NeedsChange { appointment, .. } => {
            if let Some(a) = view.appointments.iter_mut().find(|a| a.id == *appointment) {
                a.rsvp = Some(match change {
                    Change::NeedsChange { reason, .. } => Rsvp::NeedsChange(reason.clone()),
                    _ => Rsvp::Attending,
                });
            }
        }
        Change::Step { step, status, reason } => {
            if let Some(s) = view.steps.iter_mut().find(|s| s.id == *step) {
                s.status = *status;
                s.stuck_reason = if *status == StepStatus::Stuck { reason.clone() } else { None };
            }
        }
        Change::Read { explanation, at } => {
            if let Some(e) = view.licence.explanations.iter_mut().find(|e| e.id == *explanation) {
                // The first reading stands.
                e.read_at = e.read_at.or_else(|| jiff::Timestamp::from_second(*at).ok());
            }
        }
        Change::AboutMe { prefs } => view.about.prefs = prefs.clone(),
        Change::AddBusy { form } => {
            // Shown at once; the server gives it its id (and may refuse it).
            if let Ok(busy) = form.parse() {
                if !view.about.busy.iter().any(|b| b.busy == busy) {
                    view.about.busy.push(BusyTime { id: BusyId(0), busy });
                }
            }
        }
        Change::RemoveBusy { busy } => view.about.busy.retain(|b| b.id != *busy),
        Change::Suggestion { suggestion, accept } => {
            let about = &mut view.about;
            if let Some(s) = about.suggestions.iter_mut().find(|s| s.id == *suggestion && s.accepted.is_none()) {
                s.accepted = Some(*accept);
                if *accept && !about.busy.iter().any(|b| b.busy == s.busy) {
                    about.busy.push(BusyTime { id: BusyId(0), busy: s.busy.clone() });
                }
            }
        }
        Change::CheckIn { said, at } => {
            // Shown at once, newest first; the server gives it its id.
            let made_at = jiff::Timestamp::from_second(*at).unwrap_or_default();
            view.check_ins.insert(0, CheckIn { id: CheckInId(0), made_at, said: said.clone(), seen: None });
            view.check_ins.truncate(super::check_in::KEPT);
        }
        Change::Ask { form, at } => {
            // Shown at once when it reads; the server checks it again and gives it its id.
            if let Ok(said) = form.parse() {
                let made_at = jiff::Timestamp::from_second(*at).unwrap_or_default();
                view.requests.insert(0, Request { id: RequestId(0), made_at, said, answer: None });
                view.requests.truncate(super::request::KEPT);
            }
        }
        Change::SetGoal { form, at } => {
            if let Ok(said) = form.check() {
                let set_at = jiff::Timestamp::from_second(*at).unwrap_or_default();
                view.progress.goals.insert(0, Goal { id: GoalId(0), said, set_at, done_at: None });
            }
        }
        Change::GoalDone { goal, at } => {
            if let Some(g) = view.progress.goals.iter_mut().find(|g| g.id == *goal && g.done_at.is_none()) {
                g.done_at = jiff::Timestamp::from_second(*at).ok();
            }
        }
        Change::GoodThing { title, at } => {
            let at = jiff::Timestamp::from_second(*at).unwrap_or_default();
            let title = title.trim().to_owned();
            let good = Achievement { id: AchievementId(0), title, at, by: RecordedBy::Person, well_done: None };
            view.progress.achievements.insert(0, good);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(s: &str) -> OpId {
        OpId::try_from(s.to_owned()).unwrap()
    }

    #[test]
    fn op_ids_are_checked() {
        assert!(OpId::try_from("short".to_owned()).is_err());
        assert!(OpId::try_from("has space in it".to_owned()).is_err());
        assert!(OpId::try_from("0b6f4a3e-5d1c-4c7e-9a4b-2f1e0d9c8b7a".to_owned()).is_ok());
    }

    #[test]
    fn the_wire_format_is_flat_and_tagged() {
        let op = Op {
            id: id("op-00000001"),
            change: Change::Step { step: StepId(4), status: StepStatus::Done, reason: None },
        };
        let json = serde_json::to_string(&op).unwrap();
        assert_eq!(json, r#"{"id":"op-00000001","kind":"step","step":4,"status":"done"}"#);
        assert_eq!(serde_json::from_str::<Op>(&json).unwrap(), op);
        let bad = r#"{"id":"op-00000001","kind":"delete_everything"}"#;
        assert!(serde_json::from_str::<Op>(bad).is_err());
        assert!(serde_json::from_str::<Op>(r#"{"id":"op-00000001","kind":"question","condition":3}"#).is_err());
        let result = OpResult { id: id("op-00000002"), outcome: Outcome::Rejected { reason: "No.".into() } };
        let json = serde_json::to_string(&result).unwrap();
        assert_eq!(json, r#"{"id":"op-00000002","status":"rejected","reason":"No."}"#);
        assert_eq!(serde_json::from_str::<OpResult>(&json).unwrap(), result);
    }

    #[test]
    fn only_answered_ops_leave_the_outbox() {
        let mut d: Device = <Device>::default();
        d.record(id("op-00000001"), Change::Understood { condition: ConditionId(1) });
        d.record(id("op-00000002"), Change::Attending { appointment: AppointmentId(2) });
        d.record(id("op-00000002"), Change::Attending { appointment: AppointmentId(2) });
        assert_eq!(d.outbox.len(), 2, "the same op is kept once");
        let answer = SyncResponse {
            version: SYNC_VERSION,
            results: vec![OpResult {
                id: id("op-00000002"),
                outcome: Outcome::Rejected { reason: "That appointment was cancelled.".into() },
            }],
            changes: None,
            cursor: 7,
        };
        d.absorb(answer, 100);
        assert_eq!(d.outbox.len(), 1);
        assert_eq!(d.outbox[0].id, id("op-00000001"));
        assert_eq!(d.since, 7);
        assert_eq!(d.refused[0].1, "That appointment was cancelled.");
    }

    #[test]
    fn a_second_tap_while_the_first_waits_is_not_a_second_op() {
        let mut d: Device = <Device>::default();
        let mut n = 0;
        let mut tap = |d: &mut Device, change: Change| {
            n += 1;
            d.record(id(&format!("op-{n:08}")), change)
        };
        let rule = ConditionId(1);
        assert!(tap(&mut d, Change::Understood { condition: rule }));
        assert!(!tap(&mut d, Change::Understood { condition: rule }), "the same answer again");
        let step = StepId(4);
        let done = Change::Step { step, status: StepStatus::Done, reason: None };
        assert!(tap(&mut d, done.clone()));
        assert!(!tap(&mut d, done.clone()));
        let doing = Change::Step { step, status: StepStatus::InProgress, reason: None };
        assert!(tap(&mut d, doing.clone()), "a different answer is a change of its own");
        assert!(tap(&mut d, done.clone()), "and so is going back to the first");
        let ask = |text: &str| Change::Question { condition: rule, text: text.into() };
        assert!(tap(&mut d, ask("Can I go to work?")));
        assert!(!tap(&mut d, ask(" Can I go to work? ")), "the same question sent twice");
        assert!(tap(&mut d, ask("And on Sundays?")));
        let letter = ExplanationId(7);
        assert!(tap(&mut d, Change::Read { explanation: letter, at: 100 }));
        assert!(!tap(&mut d, Change::Read { explanation: letter, at: 200 }), "a letter is read once");
        let kinds: Vec<&Change> = d.outbox.iter().map(|op| &op.change).collect();
        assert_eq!(kinds.len(), 7, "{kinds:?}");
        assert_eq!(kinds[6], &Change::Read { explanation: letter, at: 100 }, "the first reading is kept");
        // What each card shows: the latest change about it.
        let waiting = d.waiting();
        assert_eq!(waiting.len(), 3);
        assert_eq!(waiting[0], &done);
        assert_eq!(waiting[1], &ask("And on Sundays?"));
        assert_eq!(waiting[0].shows(), "Done");
        assert_eq!(waiting[2].shows(), "You have read this");
    }

    #[test]
    fn a_read_goes_on_the_wire_with_its_time() {
        let op =
            Op { id: id("op-00000003"), change: Change::Read { explanation: ExplanationId(2), at: 1_764_585_060 } };
        let json = serde_json::to_string(&op).unwrap();
        assert_eq!(json, r#"{"id":"op-00000003","kind":"read","explanation":2,"read_at":1764585060}"#);
        assert_eq!(serde_json::from_str::<Op>(&json).unwrap(), op);
        assert!(serde_json::from_str::<Op>(r#"{"id":"op-00000003","kind":"read","explanation":2}"#).is_err());
    }

    #[test]
    fn a_full_outbox_of_long_questions_goes_in_requests_that_each_fit() {
        let mut d: Device = <Device>::default();
        // 2,000 characters each, the most a question may have; some take
        // several bytes in UTF-8 or in JSON.
        let long =
            |i: usize| format!("{i:04} {}", "é\n\"\u{1F600}ab".repeat(400)).chars().take(2000).collect::<String>();
        for i in 0..MAX_OPS {
            assert!(d.record(id(&format!("op-{i:08}")), Change::Question { condition: ConditionId(1), text: long(i) }));
        }
        let mut sent = Vec::new();
        let mut requests = 0;
        while !d.outbox.is_empty() {
            let request = d.request();
            let body = serde_json::to_string(&request).unwrap();
            assert!(body.len() <= MAX_REQUEST_BYTES, "request {requests} is {} bytes", body.len());
            assert!(!request.ops.is_empty() && request.ops.len() <= MAX_OPS);
            let results =
                request.ops.iter().map(|op| OpResult { id: op.id.clone(), outcome: Outcome::Applied }).collect();
            sent.extend(request.ops.iter().map(|op| op.id.clone()));
            d.absorb(SyncResponse { version: SYNC_VERSION, results, changes: None, cursor: 1 }, 0);
            requests += 1;
        }
        assert!(requests > 1, "more than one request");
        let expected: Vec<OpId> = (0..MAX_OPS).map(|i| id(&format!("op-{i:08}"))).collect();
        assert_eq!(sent, expected, "every op, once, oldest first");
    }
}
