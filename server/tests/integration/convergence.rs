//! Convergence: two phones of the same person and their practitioner change the
//! same case in random orders; replies get lost and ops are sent again. In the
//! end every side shows the same case, every op counted once, and for each
//! thing the change that reached the server last is the one that stands.

use crate::common::*;
use app::model::about::{BusyForm, BusyId, Help, Prefs, Reach, SuggestionId};
use app::model::check_in::{Mood, Need, NewCheckIn};
use app::model::progress::{Area, GoalForm, GoalId};
use app::model::request::{AnswerForm, Decision, RequestForm, RequestKind};
use app::model::sync::{Change, Device, Op, OpId, Outcome, SyncResponse};
use app::model::{AppointmentId, ConditionId, ExplanationId, PractitionerId, Rsvp, StepId, StepStatus, Understanding};
use proptest::prelude::*;
use server::backend::ServerBackend;
use std::collections::{HashMap, HashSet};

#[derive(Debug, Clone)]
enum Action {
    /// A phone records a change (offline or not).
    Record { phone: usize, change: ChangeSpec },
    /// A phone syncs; the reply may be lost on the way back.
    Sync { phone: usize, reply_lost: bool },
    /// The practitioner changes a step at the desk.
    Desk { step: usize, status: StepStatus },
    /// The practitioner suggests one of the busy times (`busy_forms`).
    Suggest { slot: usize },
    /// The practitioner marks the oldest check-in not seen yet as seen.
    SeeCheckIn,
    /// The practitioner answers the request that has waited longest.
    AnswerRequest { yes: bool },
    /// The practitioner says well done on the newest good thing without one.
    WellDone,
}

#[derive(Debug, Clone)]
enum ChangeSpec {
    Step {
        step: usize,
        status: StepStatus,
    },
    Understood {
        condition: usize,
    },
    Question {
        condition: usize,
    },
    Attending {
        appointment: usize,
    },
    NeedsChange {
        appointment: usize,
    },
    /// The letter is read, `ago` seconds before the test's clock.
    Read {
        ago: i64,
    },
    /// "About me": the bits of `mask` choose ways to reach and helps.
    Prefs {
        mask: u16,
    },
    AddBusy {
        slot: usize,
    },
    /// Take away the phone's copy of that busy time, if it shows one.
    RemoveBusy {
        slot: usize,
    },
    /// Answer the first open suggestion the phone shows, if any.
    Answer {
        accept: bool,
    },
    /// "How are things?", `ago` seconds before the test's clock.
    CheckIn {
        mood: u8,
        contact_me: bool,
        ago: i64,
    },
    /// A request (one of `RequestKind::ALL`), `ago` seconds before the test's clock.
    Ask {
        kind: usize,
        ago: i64,
    },
    /// A goal in one of `Area::ALL`.
    SetGoal {
        area: usize,
    },
    /// The first open goal the phone shows is done, if any.
    GoalDone,
    GoodThing,
}

/// The busy times the actions add, take away and suggest.
fn busy_forms() -> [BusyForm; 3] {
    let form = |kind: &str, name: &str, how: &str, day: &str, date: &str, from: &str, to: &str| BusyForm {
        kind: kind.into(),
        name: name.into(),
        how_often: how.into(),
        day: day.into(),
        date: date.into(),
        from: from.into(),
        to: to.into(),
    };
    [
        form("faith", "Friday prayers", "weekly", "friday", "", "12:30", "14:00"),
        form("work", "", "weekly", "monday", "", "06:00", "14:00"),
        form("other", "A wedding", "once", "", "2099-06-12", "09:00", "17:00"),
    ]
}

fn slot_of(form: &BusyForm) -> usize {
    busy_forms().iter().position(|f| f == form).expect("a generated busy time")
}

fn prefs_of(mask: u16, n: usize) -> Prefs {
    Prefs {
        reach: Reach::ALL.into_iter().enumerate().filter(|(i, _)| mask & (1 << i) != 0).map(|(_, r)| r).collect(),
        helps: Help::ALL.into_iter().enumerate().filter(|(i, _)| mask & (1 << (i + 5)) != 0).map(|(_, h)| h).collect(),
        working_on: (mask & (1 << 9) != 0).then(|| format!("Working on {n}")),
    }
}

fn status() -> impl Strategy<Value = StepStatus> {
    prop_oneof![
        Just(StepStatus::NotStarted),
        Just(StepStatus::InProgress),
        Just(StepStatus::Done),
        Just(StepStatus::Stuck)
    ]
}

fn action() -> impl Strategy<Value = Action> {
    let change = prop_oneof![
        (0..3usize, status()).prop_map(|(step, status)| ChangeSpec::Step { step, status }),
        (0..2usize).prop_map(|condition| ChangeSpec::Understood { condition }),
        (0..2usize).prop_map(|condition| ChangeSpec::Question { condition }),
        (0..2usize).prop_map(|appointment| ChangeSpec::Attending { appointment }),
        (0..2usize).prop_map(|appointment| ChangeSpec::NeedsChange { appointment }),
        (1..5000i64).prop_map(|ago| ChangeSpec::Read { ago }),
        (0..1024u16).prop_map(|mask| ChangeSpec::Prefs { mask }),
        (0..3usize).prop_map(|slot| ChangeSpec::AddBusy { slot }),
        (0..3usize).prop_map(|slot| ChangeSpec::RemoveBusy { slot }),
        any::<bool>().prop_map(|accept| ChangeSpec::Answer { accept }),
        (1..=5u8, any::<bool>(), 1..5000i64).prop_map(|(mood, contact_me, ago)| ChangeSpec::CheckIn {
            mood,
            contact_me,
            ago
        }),
        (0..6usize, 1..5000i64).prop_map(|(kind, ago)| ChangeSpec::Ask { kind, ago }),
        (0..6usize).prop_map(|area| ChangeSpec::SetGoal { area }),
        Just(ChangeSpec::GoalDone),
        Just(ChangeSpec::GoodThing),
    ];
    prop_oneof![
        4 => (0..2usize, change).prop_map(|(phone, change)| Action::Record { phone, change }),
        3 => (0..2usize, any::<bool>()).prop_map(|(phone, reply_lost)| Action::Sync { phone, reply_lost }),
        1 => (0..3usize, status()).prop_map(|(step, status)| Action::Desk { step, status }),
        1 => (0..3usize).prop_map(|slot| Action::Suggest { slot }),
        1 => Just(Action::SeeCheckIn),
        1 => any::<bool>().prop_map(|yes| Action::AnswerRequest { yes }),
        1 => Just(Action::WellDone),
    ]
}

/// The things the actions point at, from Jay's case as seeded.
struct Targets {
    steps: Vec<StepId>,
    conditions: Vec<ConditionId>,
    appointments: Vec<AppointmentId>,
    letter: ExplanationId,
}

/// What the server should end with: the last arrival for each thing. A change
/// to the state a thing already has is no change: nothing is counted.
#[derive(Default)]
struct Expected {
    /// Status, and the reason when stuck.
    steps: HashMap<StepId, (StepStatus, Option<String>)>,
    conditions: HashMap<ConditionId, Understanding>,
    rsvps: HashMap<AppointmentId, Rsvp>,
    /// The first reading of each letter stands.
    reads: HashMap<ExplanationId, i64>,
    seen: HashSet<OpId>,
    person_step_changes: i64,
    person_answers: i64,
    /// "About me": the last preferences to arrive (none: as seeded).
    prefs: Option<Prefs>,
    /// Whether each busy time (`busy_forms`) is listed.
    busy: [bool; 3],
    /// Which busy time each id the phones saw is, and each suggestion.
    busy_slots: HashMap<BusyId, usize>,
    suggestion_slots: HashMap<SuggestionId, usize>,
    answered: HashSet<SuggestionId>,
    /// Each check-in that reached the server, by its note (each is unique), and when it was made.
    check_ins: HashMap<String, i64>,
    /// Each request that reached the server, by its words (each is unique), and when it was made.
    requests: HashMap<String, i64>,
    /// The answers the desk gave, by the request's words.
    answers: HashMap<String, Decision>,
    /// Goals by their words, and whether each is done; the good things' words.
    goals: HashMap<String, bool>,
    goal_words: HashMap<GoalId, String>,
    good_things: HashSet<String>,
}

impl Expected {
    /// An op reaching the server, with the server's answer: only its first arrival counts.
    fn arrive(&mut self, id: &OpId, change: &Change, outcome: &Outcome) {
        if !self.seen.insert(id.clone()) {
            return;
        }
        if let Outcome::Rejected { reason } = outcome {
            // The one refusal a generated op can get: a time another phone took away first.
            assert!(matches!(change, Change::RemoveBusy { .. }), "{change:?} was refused: {reason}");
            assert_eq!(reason, "This time was already taken off your list.");
            return;
        }
        match change {
            Change::Step { step, status, reason } => {
                let to = (*status, reason.clone().filter(|_| *status == StepStatus::Stuck));
                if self.steps.insert(*step, to.clone()) != Some(to) {
                    self.person_step_changes += 1;
                }
            }
            Change::Understood { condition } => {
                if self.conditions.insert(*condition, Understanding::Understood) != Some(Understanding::Understood) {
                    self.person_answers += 1;
                }
            }
            Change::Question { condition, .. } => {
                // Every generated question has its own words: always a new one.
                self.conditions.insert(*condition, Understanding::Question);
                self.person_answers += 1;
            }
            Change::Attending { appointment } => {
                self.rsvps.insert(*appointment, Rsvp::Attending);
            }
            Change::NeedsChange { appointment, reason } => {
                self.rsvps.insert(*appointment, Rsvp::NeedsChange(reason.clone()));
            }
            Change::Read { explanation, at } => {
                self.reads.entry(*explanation).or_insert(*at);
            }
            Change::AboutMe { prefs } => self.prefs = Some(prefs.clone()),
            Change::AddBusy { form } => self.busy[slot_of(form)] = true,
            Change::RemoveBusy { busy } => self.busy[self.busy_slots[busy]] = false,
            Change::CheckIn { said, at } => {
                self.check_ins.insert(said.note.clone().expect("a generated note"), *at);
            }
            Change::Ask { form, at } => {
                self.requests.insert(form.why.clone(), *at);
            }
            Change::SetGoal { form, .. } => {
                self.goals.entry(form.title.clone()).or_insert(false);
            }
            Change::GoalDone { goal, .. } => {
                self.goals.insert(self.goal_words[goal].clone(), true);
            }
            Change::GoodThing { title, .. } => {
                self.good_things.insert(title.clone());
            }
            Change::Suggestion { suggestion, accept } => {
                // The first answer stands; a yes adds the time.
                if self.answered.insert(*suggestion) && *accept {
                    self.busy[self.suggestion_slots[suggestion]] = true;
                }
            }
        }
    }

    /// Learn the ids of the busy times and suggestions a phone was sent.
    fn learn(&mut self, snapshot: &app::model::sync::CaseSnapshot) {
        for b in &snapshot.about.busy {
            self.busy_slots.insert(b.id, slot_of(&BusyForm::of(&b.busy)));
        }
        for g in &snapshot.progress.goals {
            self.goal_words.insert(g.id, g.said.title.clone());
        }
        for s in &snapshot.about.suggestions {
            self.suggestion_slots.insert(s.id, slot_of(&BusyForm::of(&s.busy)));
        }
    }
}

/// The property runs outside any runtime; the backend's calls need one (its blocking pool).
fn runtime() -> &'static tokio::runtime::Runtime {
    static RUNTIME: std::sync::OnceLock<tokio::runtime::Runtime> = std::sync::OnceLock::new();
    RUNTIME.get_or_init(|| tokio::runtime::Runtime::new().expect("a runtime"))
}

fn sync(app: &TestApp, phone: &Device, expected: &mut Expected) -> SyncResponse {
    let request = phone.request();
    let body = serde_json::to_vec(&request).expect("request");
    let parsed = server::sync::parse(&body).expect("a readable request");
    let response = runtime().block_on(app.backend.sync(app::model::CaseId(JAY), parsed)).expect("sync");
    let sent: &[Op] = &request.ops;
    for (op, result) in sent.iter().zip(&response.results) {
        expected.arrive(&op.id, &op.change, &result.outcome);
    }
    if let Some(snapshot) = &response.changes {
        expected.learn(snapshot);
    }
    response
}

fn run(actions: Vec<Action>) {
    let app = TestApp::new();
    // Jay's letter was written a while ago, so readings on the phone's clock fall after it.
    let clock = jiff::Timestamp::now().as_second();
    app.backend
        .store_for_tests()
        .write()
        .unwrap()
        .execute("UPDATE explanation SET created_at = ?1", [clock - 100000])
        .expect("letter");
    let mut phones = [<Device>::default(), <Device>::default()];
    let mut expected = Expected::default();
    for phone in &mut phones {
        let first = sync(&app, phone, &mut expected);
        phone.absorb(first, 0);
    }
    let snapshot = phones[0].snapshot.clone().expect("a first snapshot");
    let targets = Targets {
        steps: snapshot.steps.iter().take(3).map(|s| s.id).collect(),
        conditions: snapshot.licence.conditions.iter().take(2).map(|c| c.id).collect(),
        appointments: snapshot.appointments.iter().filter(|a| !a.cancelled).take(2).map(|a| a.id).collect(),
        letter: snapshot.licence.explanations.first().expect("a letter").id,
    };
    for s in snapshot.steps.iter().filter(|s| targets.steps.contains(&s.id)) {
        expected.steps.insert(s.id, (s.status, s.stuck_reason.clone()));
    }
    for c in snapshot.licence.conditions.iter().filter(|c| targets.conditions.contains(&c.id)) {
        expected.conditions.insert(c.id, c.understanding);
    }
    for b in &snapshot.about.busy {
        expected.busy[slot_of(&BusyForm::of(&b.busy))] = true;
    }
    let forms = busy_forms();
    assert!(targets.steps.len() == 3 && targets.conditions.len() == 2 && targets.appointments.len() == 2);
    let (h0, m0) = (person_step_changes(&app), person_answers(&app));

    for (n, action) in actions.into_iter().enumerate() {
        match action {
            Action::Record { phone, change } => {
                let id = OpId::try_from(format!("op-{phone}-{n:06}")).expect("id");
                let change = match change {
                    ChangeSpec::Step { step, status } => Change::Step {
                        step: targets.steps[step],
                        status,
                        reason: (status == StepStatus::Stuck).then(|| format!("Reason {n}")),
                    },
                    ChangeSpec::Understood { condition } => {
                        Change::Understood { condition: targets.conditions[condition] }
                    }
                    ChangeSpec::Question { condition } => {
                        Change::Question { condition: targets.conditions[condition], text: format!("Question {n}?") }
                    }
                    ChangeSpec::Attending { appointment } => {
                        Change::Attending { appointment: targets.appointments[appointment] }
                    }
                    ChangeSpec::NeedsChange { appointment } => Change::NeedsChange {
                        appointment: targets.appointments[appointment],
                        reason: format!("Reason {n}"),
                    },
                    ChangeSpec::Read { ago } => Change::Read { explanation: targets.letter, at: clock - ago },
                    ChangeSpec::Prefs { mask } => Change::AboutMe { prefs: prefs_of(mask, n) },
                    ChangeSpec::AddBusy { slot } => Change::AddBusy { form: forms[slot].clone() },
                    ChangeSpec::RemoveBusy { slot } => {
                        let view = phones[phone].view().expect("a view");
                        let shown =
                            view.about.busy.iter().find(|b| b.id.0 != 0 && BusyForm::of(&b.busy) == forms[slot]);
                        let Some(b) = shown else { continue };
                        Change::RemoveBusy { busy: b.id }
                    }
                    ChangeSpec::CheckIn { mood, contact_me, ago } => Change::CheckIn {
                        said: NewCheckIn {
                            mood: Mood::from_score(mood.into()).expect("1 to 5"),
                            needs: Need::ALL.into_iter().filter(|_| contact_me).take(usize::from(mood)).collect(),
                            contact_me,
                            // Each its own words, so none is the same as the one before.
                            note: Some(format!("Check-in {phone}-{n}")),
                        },
                        at: clock - ago,
                    },
                    ChangeSpec::Ask { kind, ago } => Change::Ask {
                        form: RequestForm {
                            kind: RequestKind::ALL[kind].as_str().into(),
                            // Each its own words, so none is the same as one still open.
                            why: format!("Request {phone}-{n}"),
                            ..RequestForm::default()
                        },
                        at: clock - ago,
                    },
                    ChangeSpec::SetGoal { area } => Change::SetGoal {
                        form: GoalForm {
                            area: Area::ALL[area].as_str().into(),
                            title: format!("Goal {phone}-{n}"),
                            next_step: String::new(),
                        },
                        at: clock - 10,
                    },
                    ChangeSpec::GoalDone => {
                        let view = phones[phone].view().expect("a view");
                        let Some(g) = view.progress.goals.iter().find(|g| g.id.0 != 0 && g.done_at.is_none()) else {
                            continue;
                        };
                        Change::GoalDone { goal: g.id, at: clock - 5 }
                    }
                    ChangeSpec::GoodThing => Change::GoodThing { title: format!("Good {phone}-{n}"), at: clock - 5 },
                    ChangeSpec::Answer { accept } => {
                        let view = phones[phone].view().expect("a view");
                        let Some(s) = view.about.open_suggestions().next() else { continue };
                        Change::Suggestion { suggestion: s.id, accept }
                    }
                };
                phones[phone].record(id, change);
            }
            Action::Sync { phone, reply_lost } => {
                let response = sync(&app, &phones[phone], &mut expected);
                if !reply_lost {
                    phones[phone].absorb(response, n as i64);
                }
            }
            Action::Desk { step, status } => {
                use app::backend::PlanBackend;
                let reason = (status == StepStatus::Stuck).then_some("Waiting for a letter");
                let changed = app.backend.set_step_status(
                    Some(PractitionerId(1)),
                    app::model::CaseId(JAY),
                    targets.steps[step],
                    status,
                    reason,
                );
                let changed = runtime().block_on(changed);
                changed.expect("the practitioner's change");
                expected.steps.insert(targets.steps[step], (status, reason.map(str::to_owned)));
            }
            Action::Suggest { slot } => {
                use app::backend::AboutBackend;
                let made = app.backend.suggest_busy(PractitionerId(1), app::model::CaseId(JAY), &forms[slot], None);
                runtime().block_on(made).expect("the practitioner's suggestion");
            }
            Action::AnswerRequest { yes } => {
                use app::backend::RequestBackend;
                let desk = runtime().block_on(app.backend.desk_requests(PractitionerId(1))).expect("the desk");
                if let Some(d) = desk.first() {
                    let decision = if yes { Decision::Yes } else { Decision::No };
                    let form = AnswerForm {
                        decision: decision.as_str().into(),
                        answer: "Because.".into(),
                        condition: String::new(),
                    };
                    let answered = app.backend.answer_request(PractitionerId(1), d.case_id, d.request.id, &form);
                    runtime().block_on(answered).expect("answered");
                    expected.answers.insert(d.request.said.why.clone(), decision);
                }
            }
            Action::WellDone => {
                use app::backend::ProgressBackend;
                let p = runtime().block_on(app.backend.case_progress(PractitionerId(1), app::model::CaseId(JAY)));
                if let Some(a) = p.expect("progress").achievements.iter().find(|a| a.well_done.is_none()) {
                    let said = app.backend.well_done(PractitionerId(1), app::model::CaseId(JAY), a.id, "Well done.");
                    runtime().block_on(said).expect("well done");
                }
            }
            Action::SeeCheckIn => {
                use app::backend::CheckInBackend;
                let desk = runtime().block_on(app.backend.desk_check_ins(PractitionerId(1))).expect("the desk");
                if let Some(d) = desk.last() {
                    let seen = app.backend.see_check_in(PractitionerId(1), d.case_id, d.check_in.id);
                    runtime().block_on(seen).expect("seen");
                }
            }
        }
    }
    // Signal comes back for good: each phone sends what it holds, then both catch up.
    for phone in [0, 1, 0, 1] {
        let response = sync(&app, &phones[phone], &mut expected);
        phones[phone].absorb(response, 0);
    }

    let mut fresh = <Device>::default();
    let response = sync(&app, &fresh, &mut expected);
    fresh.absorb(response, 0);
    let server = fresh.view().expect("the server's case");
    for phone in &phones {
        assert!(phone.outbox.is_empty(), "everything was sent");
        assert_eq!(phone.view().as_ref(), Some(&server), "the phone shows what the server has");
    }
    for (step, (status, _)) in &expected.steps {
        let s = server.steps.iter().find(|s| s.id == *step).expect("step");
        assert_eq!(s.status, *status, "step {step}: the last arrival stands");
    }
    let letter = server.licence.explanations.iter().find(|e| e.id == targets.letter).expect("the letter");
    assert_eq!(
        letter.read_at.map(|t| t.as_second()),
        expected.reads.get(&targets.letter).copied(),
        "the first reading that reached the server stands"
    );
    for (condition, understanding) in &expected.conditions {
        let c = server.licence.conditions.iter().find(|c| c.id == *condition).expect("condition");
        assert_eq!(c.understanding, *understanding, "condition {condition}");
    }
    for (appointment, rsvp) in &expected.rsvps {
        let a = server.appointments.iter().find(|a| a.id == *appointment).expect("appointment");
        assert_eq!(a.rsvp.as_ref(), Some(rsvp), "appointment {appointment}");
    }
    if let Some(prefs) = &expected.prefs {
        assert_eq!(&server.about.prefs, prefs, "the last \"About me\" to arrive stands");
    }
    let listed: Vec<usize> = server.about.busy.iter().map(|b| slot_of(&BusyForm::of(&b.busy))).collect();
    for (slot, on) in expected.busy.iter().enumerate() {
        assert_eq!(listed.contains(&slot), *on, "busy time {slot}: {listed:?}");
    }
    assert_eq!(listed.len(), expected.busy.iter().filter(|b| **b).count(), "each time listed once: {listed:?}");
    // Every check-in that reached the server is kept once, with its phone's time.
    let kept: HashMap<String, i64> =
        server.check_ins.iter().map(|c| (c.said.note.clone().expect("a note"), c.made_at.as_second())).collect();
    if expected.check_ins.len() <= app::model::check_in::KEPT {
        assert_eq!(kept, expected.check_ins, "each check-in once, as the phone dated it");
    }
    assert_eq!(count_check_ins(&app), expected.check_ins.len() as i64, "each check-in op counted once");
    // Every request that reached the server is kept once, with its answer if it has one.
    if expected.requests.len() <= app::model::request::KEPT {
        let kept: HashMap<String, i64> =
            server.requests.iter().map(|r| (r.said.why.clone(), r.made_at.as_second())).collect();
        assert_eq!(kept, expected.requests, "each request once, as the phone dated it");
        for r in &server.requests {
            assert_eq!(r.answer.as_ref().map(|a| a.decision), expected.answers.get(&r.said.why).copied(), "{r:?}");
        }
    }
    assert_eq!(app.count("SELECT COUNT(*) FROM person_request"), expected.requests.len() as i64);
    // Each goal once, done if a phone said so; each good thing once.
    if expected.goals.len() <= app::model::progress::KEPT {
        let goals: HashMap<String, bool> =
            server.progress.goals.iter().map(|g| (g.said.title.clone(), g.done_at.is_some())).collect();
        assert_eq!(goals, expected.goals, "each goal once, done as the phones said");
    }
    assert_eq!(app.count("SELECT COUNT(*) FROM goal"), expected.goals.len() as i64);
    assert_eq!(app.count("SELECT COUNT(*) FROM achievement"), expected.good_things.len() as i64);
    assert_eq!(person_step_changes(&app) - h0, expected.person_step_changes, "each step op counted once");
    assert_eq!(person_answers(&app) - m0, expected.person_answers, "each answer counted once");
}

fn person_step_changes(app: &TestApp) -> i64 {
    app.backend
        .store_for_tests()
        .read()
        .unwrap()
        .query_row("SELECT COUNT(*) FROM step_history WHERE by_person = 1", (), |r| r.get(0))
        .unwrap()
}

fn count_check_ins(app: &TestApp) -> i64 {
    app.count("SELECT COUNT(*) FROM check_in")
}

fn person_answers(app: &TestApp) -> i64 {
    app.backend
        .store_for_tests()
        .read()
        .unwrap()
        .query_row("SELECT COUNT(*) FROM condition_message WHERE author = 'person'", (), |r| r.get(0))
        .unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn every_side_ends_in_the_same_state(actions in proptest::collection::vec(action(), 1..40)) {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
        let _inside = runtime.enter();
        run(actions);
    }
}
