//! The sync contract's JSON as the phone reads and writes it: through the
//! browser's own `JSON.parse` / `JSON.stringify` (`JsValue`, in the wasm), not
//! serde. The serde derives in `super` stay the contract (the server uses
//! them); the tests here check this reading of it against them, with
//! serde_json's `Value` standing in for the browser's objects.
//!
//! Why not serde in the wasm: serde_json and the derives' visitors were half
//! of the person's wasm, and serde's error messages reach float printing
//! (issue 14.2). Reading a few known fields off a parsed object is a fraction of that.

use super::{Device, Op, OpId, OpResult, OpResultWire, OpWire, SyncRequest, SyncResponse, MAX_OPS, MAX_REQUEST_BYTES};
use crate::model::{AppointmentId, ConditionId, ExplanationId, StepId, StepStatus};

/// A parsed JSON value: what the phone needs of one.
pub trait Json: Clone {
    fn null() -> Self;
    fn integer(n: i64) -> Self;
    fn string(s: &str) -> Self;
    fn array(items: Vec<Self>) -> Self;
    fn object(fields: Vec<(&str, Self)>) -> Self;
    /// An object's field; `None` when it is missing or `null`.
    fn field(&self, name: &str) -> Option<Self>;
    /// An array's items; `None` when this is not an array.
    fn items(&self) -> Option<Vec<Self>>;
    fn as_string(&self) -> Option<String>;
    /// A whole number (JSON has only one kind of number).
    fn as_integer(&self) -> Option<i64>;
    fn parse(text: &str) -> Option<Self>;
    fn text(&self) -> String;
}

fn string<J: Json>(j: &J, name: &str) -> Option<String> {
    j.field(name)?.as_string()
}

fn integer<J: Json>(j: &J, name: &str) -> Option<i64> {
    j.field(name)?.as_integer()
}

/// `Some(None)` for a missing or `null` field, `None` for one of the wrong kind.
fn optional<J: Json, T>(j: &J, name: &str, read: impl Fn(&J) -> Option<T>) -> Option<Option<T>> {
    match j.field(name) {
        None => Some(None),
        Some(v) => read(&v).map(Some),
    }
}

/// Ops in the flat wire shape (`OpWire`), absent fields left out.
pub fn op<J: Json>(op: &Op) -> J {
    let w = OpWire::from(op.clone());
    let mut fields = vec![("id", J::string(w.id.as_str())), ("kind", J::string(&w.kind))];
    let numbers = [
        ("condition", w.condition.map(|c| c.0)),
        ("appointment", w.appointment.map(|a| a.0)),
        ("step", w.step.map(|s| s.0)),
    ];
    fields.extend(numbers.into_iter().filter_map(|(name, n)| Some((name, J::integer(n?)))));
    let texts = [("status", w.status.map(|s| s.as_str().to_owned())), ("text", w.text), ("reason", w.reason)];
    fields.extend(texts.into_iter().filter_map(|(name, t)| Some((name, J::string(&t?)))));
    let numbers = [
        ("explanation", w.explanation.map(|e| e.0)),
        ("read_at", w.read_at),
        ("busy", w.busy),
        ("suggestion", w.suggestion),
    ];
    fields.extend(numbers.into_iter().filter_map(|(name, n)| Some((name, J::integer(n?)))));
    let texts = [
        ("reach", w.reach),
        ("helps", w.helps),
        ("answer", w.answer),
        ("busy_kind", w.busy_kind),
        ("name", w.name),
        ("how_often", w.how_often),
        ("day", w.day),
        ("date", w.date),
        ("from", w.from),
        ("to", w.to),
    ];
    fields.extend(texts.into_iter().filter_map(|(name, t)| Some((name, J::string(&t?)))));
    fields.extend(w.mood.map(|m| ("mood", J::integer(m))));
    let texts = [("needs", w.needs), ("contact_me", w.contact_me)];
    fields.extend(texts.into_iter().filter_map(|(name, t)| Some((name, J::string(&t?)))));
    fields.extend(w.made_at.map(|at| ("made_at", J::integer(at))));
    let texts = [
        ("request_kind", w.request_kind),
        ("first_day", w.first_day),
        ("last_day", w.last_day),
        ("place", w.place),
        ("area", w.area),
    ];
    fields.extend(texts.into_iter().filter_map(|(name, t)| Some((name, J::string(&t?)))));
    fields.extend(w.goal.map(|g| ("goal", J::integer(g))));
    J::object(fields)
}

pub fn read_op<J: Json>(j: &J) -> Option<Op> {
    let status = match optional(j, "status", J::as_string)? {
        Some(s) => Some(StepStatus::parse(&s)?),
        None => None,
    };
    let w = OpWire {
        id: OpId::try_from(string(j, "id")?).ok()?,
        kind: string(j, "kind")?,
        condition: optional(j, "condition", J::as_integer)?.map(ConditionId),
        appointment: optional(j, "appointment", J::as_integer)?.map(AppointmentId),
        step: optional(j, "step", J::as_integer)?.map(StepId),
        status,
        text: optional(j, "text", J::as_string)?,
        reason: optional(j, "reason", J::as_string)?,
        explanation: optional(j, "explanation", J::as_integer)?.map(ExplanationId),
        read_at: optional(j, "read_at", J::as_integer)?,
        reach: optional(j, "reach", J::as_string)?,
        helps: optional(j, "helps", J::as_string)?,
        busy: optional(j, "busy", J::as_integer)?,
        suggestion: optional(j, "suggestion", J::as_integer)?,
        answer: optional(j, "answer", J::as_string)?,
        busy_kind: optional(j, "busy_kind", J::as_string)?,
        name: optional(j, "name", J::as_string)?,
        how_often: optional(j, "how_often", J::as_string)?,
        day: optional(j, "day", J::as_string)?,
        date: optional(j, "date", J::as_string)?,
        from: optional(j, "from", J::as_string)?,
        to: optional(j, "to", J::as_string)?,
        mood: optional(j, "mood", J::as_integer)?,
        needs: optional(j, "needs", J::as_string)?,
        contact_me: optional(j, "contact_me", J::as_string)?,
        made_at: optional(j, "made_at", J::as_integer)?,
        request_kind: optional(j, "request_kind", J::as_string)?,
        first_day: optional(j, "first_day", J::as_string)?,
        last_day: optional(j, "last_day", J::as_string)?,
        place: optional(j, "place", J::as_string)?,
        area: optional(j, "area", J::as_string)?,
        goal: optional(j, "goal", J::as_integer)?,
    };
    Op::try_from(w).ok()
}

pub fn request<J: Json>(r: &SyncRequest) -> J {
    J::object(vec![
        ("version", J::integer(r.version.into())),
        ("since", J::integer(r.since as i64)),
        ("ops", J::array(r.ops.iter().map(op).collect())),
    ])
}

fn read_result<J: Json>(j: &J) -> Option<OpResult> {
    let w = OpResultWire {
        id: OpId::try_from(string(j, "id")?).ok()?,
        status: string(j, "status")?,
        reason: optional(j, "reason", J::as_string)?,
    };
    OpResult::try_from(w).ok()
}

/// The server's answer; the case in it is kept as it came, unread.
pub fn read_response<J: Json>(j: &J) -> Option<SyncResponse<J>> {
    Some(SyncResponse {
        version: u32::try_from(integer(j, "version")?).ok()?,
        results: j.field("results")?.items()?.iter().map(read_result).collect::<Option<_>>()?,
        changes: j.field("changes"),
        cursor: u64::try_from(integer(j, "cursor")?).ok()?,
    })
}

/// The words of a refused request (`SyncRefusal`'s `reason`).
pub fn read_refusal<J: Json>(j: &J) -> Option<String> {
    string(j, "reason")
}

/// The device record as the phone keeps it in localStorage: the shape serde
/// gives `Device` (so records kept by earlier releases still read).
pub fn device<J: Json>(d: &Device<J>) -> J {
    let refused = d.refused.iter().map(|(what, why)| J::array(vec![J::string(what), J::string(why)])).collect();
    J::object(vec![
        ("since", J::integer(d.since as i64)),
        ("snapshot", d.snapshot.clone().unwrap_or_else(J::null)),
        ("outbox", J::array(d.outbox.iter().map(op).collect())),
        ("synced_at", d.synced_at.map(J::integer).unwrap_or_else(J::null)),
        ("refused", J::array(refused)),
    ])
}

pub fn read_device<J: Json>(j: &J) -> Option<Device<J>> {
    let pair = |p: &J| match p.items()?.as_slice() {
        [what, why] => Some((what.as_string()?, why.as_string()?)),
        _ => None,
    };
    Some(Device {
        since: u64::try_from(integer(j, "since")?).ok()?,
        snapshot: j.field("snapshot"),
        outbox: j.field("outbox")?.items()?.iter().map(read_op).collect::<Option<_>>()?,
        synced_at: optional(j, "synced_at", J::as_integer)?,
        refused: j.field("refused")?.items()?.iter().map(pair).collect::<Option<_>>()?,
    })
}

/// The next request (see `Device::request`), each op measured as `J` writes it.
pub fn next_request<J: Json, S>(d: &Device<S>) -> SyncRequest {
    let mut next = SyncRequest { version: super::SYNC_VERSION, since: d.since, ops: Vec::new() };
    let mut bytes = request::<J>(&next).text().len();
    for o in d.outbox.iter().take(MAX_OPS) {
        // Its JSON, and the comma before it.
        let size = op::<J>(o).text().len() + 1;
        if !next.ops.is_empty() && bytes + size > MAX_REQUEST_BYTES {
            break;
        }
        bytes += size;
        next.ops.push(o.clone());
    }
    next
}

/// serde_json's values: for the server's tests and these.
impl Json for serde_json::Value {
    fn null() -> Self {
        serde_json::Value::Null
    }
    fn integer(n: i64) -> Self {
        n.into()
    }
    fn string(s: &str) -> Self {
        s.into()
    }
    fn array(items: Vec<Self>) -> Self {
        items.into()
    }
    fn object(fields: Vec<(&str, Self)>) -> Self {
        fields.into_iter().map(|(k, v)| (k.to_owned(), v)).collect::<serde_json::Map<_, _>>().into()
    }
    fn field(&self, name: &str) -> Option<Self> {
        self.get(name).filter(|v| !v.is_null()).cloned()
    }
    fn items(&self) -> Option<Vec<Self>> {
        self.as_array().cloned()
    }
    fn as_string(&self) -> Option<String> {
        self.as_str().map(str::to_owned)
    }
    fn as_integer(&self) -> Option<i64> {
        self.as_i64()
    }
    fn parse(text: &str) -> Option<Self> {
        serde_json::from_str(text).ok()
    }
    fn text(&self) -> String {
        self.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::about::{BusyForm, BusyId, Help, Prefs, Reach, SuggestionId};
    use crate::model::check_in::{Mood, Need, NewCheckIn};
    use crate::model::progress::{GoalForm, GoalId};
    use crate::model::request::RequestForm;
    use crate::model::sync::{Change, Outcome, SyncRefusal, SYNC_VERSION};
    use serde_json::{json, Value};

    fn id(s: &str) -> OpId {
        OpId::try_from(s.to_owned()).unwrap()
    }

    /// One op of every kind, with and without their optional parts.
    fn every_op() -> Vec<Op> {
        let changes = [
            Change::Understood { condition: ConditionId(3) },
            Change::Question { condition: ConditionId(3), text: "Can I \"go\" to work?\né 😀".into() },
            Change::Attending { appointment: AppointmentId(5) },
            Change::NeedsChange { appointment: AppointmentId(5), reason: "I work then.".into() },
            Change::Step { step: StepId(4), status: StepStatus::Done, reason: None },
            Change::Step { step: StepId(4), status: StepStatus::Stuck, reason: Some("No ID.".into()) },
            Change::Read { explanation: ExplanationId(2), at: 1_764_585_060 },
            Change::AboutMe {
                prefs: Prefs { reach: vec![Reach::Text, Reach::ReadAloud], helps: vec![], working_on: None },
            },
            Change::AboutMe {
                prefs: Prefs {
                    reach: vec![],
                    helps: vec![Help::QuietRoom],
                    working_on: Some("A job, and my \"daughter\".".into()),
                },
            },
            Change::AddBusy {
                form: BusyForm {
                    kind: "faith".into(),
                    name: "Friday prayers".into(),
                    how_often: "weekly".into(),
                    day: "friday".into(),
                    date: String::new(),
                    from: "12:30".into(),
                    to: "14:00".into(),
                },
            },
            Change::AddBusy {
                form: BusyForm {
                    kind: "other".into(),
                    name: String::new(),
                    how_often: "once".into(),
                    day: String::new(),
                    date: "2027-06-12".into(),
                    from: "09:00".into(),
                    to: "17:00".into(),
                },
            },
            Change::RemoveBusy { busy: BusyId(6) },
            Change::Suggestion { suggestion: SuggestionId(2), accept: true },
            Change::Suggestion { suggestion: SuggestionId(3), accept: false },
            Change::CheckIn {
                said: NewCheckIn { mood: Mood::Okay, needs: vec![], contact_me: false, note: None },
                at: 1_764_585_060,
            },
            Change::CheckIn {
                said: NewCheckIn {
                    mood: Mood::VeryBad,
                    needs: vec![Need::Money, Need::MentalHealth],
                    contact_me: true,
                    note: Some("I lost my \"job\".".into()),
                },
                at: 1_764_585_061,
            },
            Change::Ask {
                form: RequestForm {
                    kind: "travel".into(),
                    first_day: "2027-06-12".into(),
                    last_day: "2027-06-14".into(),
                    place: "Leeds".into(),
                    why: "My daughter's \"wedding\".".into(),
                },
                at: 1_764_585_062,
            },
            Change::Ask {
                form: RequestForm { kind: "curfew".into(), why: "A new job.".into(), ..RequestForm::default() },
                at: 1_764_585_063,
            },
            Change::SetGoal {
                form: GoalForm {
                    area: "work".into(),
                    title: "A forklift licence".into(),
                    next_step: "Ring the college".into(),
                },
                at: 1_764_585_064,
            },
            Change::SetGoal {
                form: GoalForm { area: "family".into(), title: "See my son".into(), next_step: String::new() },
                at: 1_764_585_065,
            },
            Change::GoalDone { goal: GoalId(4), at: 1_764_585_066 },
            Change::GoodThing { title: "A month of appointments kept".into(), at: 1_764_585_067 },
        ];
        changes.into_iter().enumerate().map(|(i, change)| Op { id: id(&format!("op-{i:08}")), change }).collect()
    }

    #[test]
    fn ops_are_written_and_read_as_the_server_does() {
        for o in every_op() {
            let serde = serde_json::to_value(&o).unwrap();
            assert_eq!(op::<Value>(&o), serde, "{o:?}");
            assert_eq!(op::<Value>(&o).text().len(), serde_json::to_string(&o).unwrap().len());
            assert_eq!(read_op(&serde), Some(o));
        }
        // What serde refuses, this refuses.
        for bad in [
            json!({"id": "op-00000001", "kind": "delete_everything"}),
            json!({"id": "op-00000001", "kind": "question", "condition": 3}),
            json!({"id": "short", "kind": "understood", "condition": 3}),
            json!({"id": "op-00000001", "kind": "understood", "condition": "3"}),
            json!({"id": "op-00000001", "kind": "step", "step": 4, "status": "finished"}),
            json!({"id": "op-00000001", "kind": "about_me", "reach": "text pigeon", "helps": ""}),
            json!({"id": "op-00000001", "kind": "about_me", "helps": ""}),
            json!({"id": "op-00000001", "kind": "suggestion", "suggestion": 2, "answer": "maybe"}),
            json!({"id": "op-00000001", "kind": "busy", "busy_kind": "work", "how_often": "weekly", "from": "09:00"}),
            json!({"id": "op-00000001", "kind": "check_in", "mood": 6, "made_at": 1}),
            json!({"id": "op-00000001", "kind": "check_in", "mood": 3}),
            json!({"id": "op-00000001", "kind": "request", "text": "Why", "made_at": 1}),
            json!({"id": "op-00000001", "kind": "goal", "text": "A job", "made_at": 1}),
            json!({"id": "op-00000001", "kind": "goal_done", "made_at": 1}),
            json!({"id": "op-00000001", "kind": "good_thing", "made_at": 1}),
            json!({"id": "op-00000001", "kind": "request", "request_kind": "travel", "made_at": 1}),
            json!({"id": "op-00000001", "kind": "check_in", "mood": 3, "made_at": 1, "needs": "money pigeons"}),
            json!({"id": "op-00000001", "kind": "check_in", "mood": 3, "made_at": 1, "contact_me": "maybe"}),
        ] {
            assert!(serde_json::from_value::<Op>(bad.clone()).is_err());
            assert_eq!(read_op(&bad), None, "{bad}");
        }
    }

    #[test]
    fn a_request_is_what_the_server_reads() {
        let r = SyncRequest { version: SYNC_VERSION, since: 42, ops: every_op() };
        assert_eq!(request::<Value>(&r), serde_json::to_value(&r).unwrap());
        let back: SyncRequest = serde_json::from_str(&request::<Value>(&r).text()).unwrap();
        assert_eq!(back, r);
    }

    #[test]
    fn a_response_is_read_as_the_server_writes_it() {
        let results = vec![
            OpResult { id: id("op-00000001"), outcome: Outcome::Applied },
            OpResult { id: id("op-00000002"), outcome: Outcome::Rejected { reason: "That was cancelled.".into() } },
        ];
        let case = json!({"licence": {"conditions": []}, "appointments": [], "steps": []});
        for changes in [None, Some(case)] {
            let sent = SyncResponse { version: SYNC_VERSION, results: results.clone(), changes, cursor: 9 };
            let wire = serde_json::to_value(&sent).unwrap();
            assert_eq!(read_response(&wire), Some(sent));
        }
        let unknown = json!({"version": 1, "results": [{"id": "op-00000001", "status": "maybe"}], "cursor": 9});
        assert_eq!(read_response(&unknown), None);
        let refusal = SyncRefusal { error: "too_big".into(), reason: "Send fewer changes.".into() };
        assert_eq!(read_refusal(&serde_json::to_value(&refusal).unwrap()).as_deref(), Some("Send fewer changes."));
    }

    #[test]
    fn the_device_record_keeps_its_shape() {
        let mut d: Device<Value> = Device::default();
        assert_eq!(device(&d), serde_json::to_value(&d).unwrap());
        d.since = 12;
        d.snapshot = Some(json!({"licence": {"conditions": [{"id": 1}]}, "appointments": [], "steps": []}));
        d.outbox = every_op();
        d.synced_at = Some(1_764_585_000);
        d.refused = vec![("You changed a step".into(), "That step was removed.".into())];
        let written = device(&d);
        assert_eq!(written, serde_json::to_value(&d).unwrap(), "the same record serde would keep");
        assert_eq!(read_device(&written), Some(d.clone()));
        // A record kept by an earlier release (serde_json's text) reads the same.
        let kept = serde_json::to_string(&d).unwrap();
        assert_eq!(read_device(&Value::parse(&kept).unwrap()), Some(d));
        assert_eq!(read_device(&json!({"since": 1})), None);
    }

    #[test]
    fn the_next_request_is_measured_as_serde_measures_it() {
        let mut d: Device<Value> = Device::default();
        let long = |i: usize| format!("{i:04} {}", "é\n\"\u{1F600}ab".repeat(400)).chars().take(2000).collect();
        for i in 0..MAX_OPS {
            d.record(id(&format!("op-{i:08}")), Change::Question { condition: ConditionId(1), text: long(i) });
        }
        let r = next_request::<Value, _>(&d);
        // As many as fit, by serde's own measure, and not one more.
        let body = |ops: usize| {
            let r = SyncRequest { version: SYNC_VERSION, since: 0, ops: d.outbox[..ops].to_vec() };
            serde_json::to_string(&r).unwrap().len()
        };
        assert!(r.ops.len() > 1 && r.ops.len() < MAX_OPS);
        assert_eq!(r.ops, d.outbox[..r.ops.len()]);
        assert!(body(r.ops.len()) <= MAX_REQUEST_BYTES);
        assert!(body(r.ops.len() + 1) > MAX_REQUEST_BYTES);
    }
}
