//! `POST /api/v1/sync`: exactly once, every refusal explained, nothing changed by bad input.

use crate::common::*;
use app::model::sync::{CaseSnapshot, SyncRefusal, SyncResponse};
use app::model::StepStatus;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use serde_json::{json, Value};
use server::seed;

impl TestApp {
    pub async fn sync(&self, body: &str, cookie: Option<&str>) -> Reply {
        let mut req = Request::post("/api/v1/sync").header(header::CONTENT_TYPE, "application/json");
        if let Some(c) = cookie {
            req = req.header(header::COOKIE, c);
        }
        self.send(req.body(Body::from(body.to_owned())).expect("request")).await
    }

    /// A sync that must succeed.
    pub async fn sync_ok(&self, body: Value, cookie: &str) -> SyncResponse {
        let r = self.sync(&body.to_string(), Some(cookie)).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        serde_json::from_str(&r.body).expect("a sync response")
    }

    /// "applied", or the reason given, for each op of an answer, in order.
    pub fn outcomes(answer: &SyncResponse) -> Vec<String> {
        answer
            .results
            .iter()
            .map(|r| match &r.outcome {
                app::model::sync::Outcome::Applied => "applied".to_owned(),
                app::model::sync::Outcome::Rejected { reason } => reason.clone(),
            })
            .collect()
    }

    pub fn rev(&self, case: i64) -> i64 {
        self.backend
            .store_for_tests()
            .read()
            .unwrap()
            .query_row("SELECT rev FROM cases WHERE id = ?1", [case], |r| r.get(0))
            .unwrap()
    }

    pub fn count(&self, sql: &str) -> i64 {
        self.backend.store_for_tests().read().unwrap().query_row(sql, (), |r| r.get(0)).unwrap()
    }
}

fn refusal(r: &Reply) -> SyncRefusal {
    serde_json::from_str(&r.body).unwrap_or_else(|_| panic!("a JSON refusal, got {}", r.body))
}

async fn jay(app: &TestApp) -> (String, CaseSnapshot, u64) {
    let cookie = app.person(seed::DEMO_PERSON_NUMBER, seed::DEMO_PERSON_PIN).await;
    let first = app.sync_ok(json!({"version": 1, "since": 0, "ops": []}), &cookie).await;
    let snapshot = first.changes.expect("everything, from 0");
    (cookie, snapshot, first.cursor)
}

#[tokio::test]
async fn the_same_ops_sent_twice_change_the_data_once() {
    let app = TestApp::new();
    let (cookie, snap, cursor) = jay(&app).await;
    let step = snap.steps.iter().find(|s| s.status != StepStatus::Done).expect("a step to tick").id;
    let condition = snap.licence.conditions[0].id;
    let ops = json!({"version": 1, "since": cursor, "ops": [
        {"id": "op-aaaaaaaa-0001", "kind": "step", "step": step, "status": "done"},
        {"id": "op-aaaaaaaa-0002", "kind": "question", "condition": condition, "text": "Can I visit my mum on Sunday?"},
    ]});
    let history = format!("SELECT COUNT(*) FROM step_history WHERE step_id = {step}");
    let messages = format!("SELECT COUNT(*) FROM condition_message WHERE condition_id = {condition}");
    let (h0, m0) = (app.count(&history), app.count(&messages));

    let first = app.sync_ok(ops.clone(), &cookie).await;
    assert!(first.results.iter().all(|r| r.outcome == app::model::sync::Outcome::Applied), "{first:?}");
    let changes = first.changes.expect("the case changed");
    assert_eq!(changes.steps.iter().find(|s| s.id == step).map(|s| s.status), Some(StepStatus::Done));
    let rev = app.rev(JAY);

    // The reply was lost; the phone sends the same ops again.
    let again = app.sync_ok(ops, &cookie).await;
    assert_eq!(again.results, first.results, "the first answers, repeated");
    assert_eq!((app.count(&history), app.count(&messages)), (h0 + 1, m0 + 1), "applied once");
    assert_eq!(app.rev(JAY), rev, "nothing moved on");
    assert_eq!(app.count("SELECT COUNT(*) FROM applied_op"), 2);
}

#[tokio::test]
async fn nothing_new_means_no_changes_and_new_work_comes_back() {
    let app = TestApp::new();
    let (cookie, _, cursor) = jay(&app).await;
    let quiet = app.sync_ok(json!({"version": 1, "since": cursor, "ops": []}), &cookie).await;
    assert_eq!((quiet.changes, quiet.cursor), (None, cursor), "a quiet day costs almost nothing");

    let sam = app.practitioner(seed::DEMO_PRACTITIONER).await;
    let r = app
        .call(
            "/api/add_explanation",
            &format!("case_id={JAY}&kind=note&title=New+phone&body=Call+me+on+the+new+number."),
            Some(&sam),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let after = app.sync_ok(json!({"version": 1, "since": cursor, "ops": []}), &cookie).await;
    assert!(after.cursor > cursor);
    let licence = after.changes.expect("the practitioner's change").licence;
    assert!(
        licence.explanations.iter().any(|e| e.title == "New phone" && e.read_at.is_none()),
        "syncing marks nothing read"
    );
}

#[tokio::test]
async fn bad_requests_are_refused_plainly_and_change_nothing() {
    let app = TestApp::new();
    let (cookie, snap, cursor) = jay(&app).await;
    let step = snap.steps[0].id;
    let good =
        json!({"id": "op-bbbbbbbb-0001", "kind": "step", "step": step, "status": "stuck", "reason": "No address"});
    let rev = app.rev(JAY);
    let cases: Vec<(String, StatusCode, &str, &str)> = vec![
        ("{\"version\": 1, \"since\": ".into(), StatusCode::BAD_REQUEST, "malformed", "broken"),
        (json!({"since": 0, "ops": []}).to_string(), StatusCode::BAD_REQUEST, "malformed", "missing"),
        (
            json!({"version": 2, "since": 0, "ops": [good]}).to_string(),
            StatusCode::BAD_REQUEST,
            "version",
            "out of date",
        ),
        (
            json!({"version": 1, "since": cursor + 1000, "ops": [good]}).to_string(),
            StatusCode::CONFLICT,
            "cursor_ahead",
            "Send again from 0",
        ),
        (
            json!({"version": 1, "since": cursor, "ops": [good, {"kind": "step", "step": step, "status": "done"}]})
                .to_string(),
            StatusCode::BAD_REQUEST,
            "bad_op_id",
            "Change number 2",
        ),
        (
            json!({"version": 1, "since": cursor, "ops": vec![good.clone(); 101]}).to_string(),
            StatusCode::BAD_REQUEST,
            "too_many_ops",
            "at most 100",
        ),
    ];
    for (body, status, code, words) in cases {
        let r = app.sync(&body, Some(&cookie)).await;
        assert_eq!(r.status, status, "{body}: {}", r.body);
        let refused = refusal(&r);
        assert_eq!(refused.error, code, "{body}");
        assert!(refused.reason.contains(words) && refused.reason.contains("Nothing was changed"), "{}", refused.reason);
        assert_eq!(app.rev(JAY), rev, "{body} changed nothing");
    }
    assert_eq!(app.count("SELECT COUNT(*) FROM applied_op"), 0);

    let huge = format!("{{\"version\":1,\"since\":0,\"ops\":[],\"pad\":\"{}\"}}", "x".repeat(70 * 1024));
    let r = app.sync(&huge, Some(&cookie)).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(refusal(&r).error, "too_large");
}

#[tokio::test]
async fn unknown_and_foreign_ops_are_rejected_one_by_one() {
    let app = TestApp::new();
    let (cookie, snap, cursor) = jay(&app).await;
    // Alex's case (Priya's) has its own steps and conditions; Jay's phone names them.
    let alex = app.person(ALEX_NUMBER, ALEX_PIN).await;
    let alex_snap = app.sync_ok(json!({"version": 1, "since": 0, "ops": []}), &alex).await.changes.unwrap();
    let alex_step = alex_snap.steps[0].id;
    let mine = snap.steps[0].id;
    let body = json!({"version": 1, "since": cursor, "ops": [
        {"id": "op-cccccccc-0001", "kind": "delete_everything"},
        {"id": "op-cccccccc-0002", "kind": "step", "step": alex_step, "status": "done"},
        {"id": "op-cccccccc-0003", "kind": "question", "condition": snap.licence.conditions[0].id, "text": "   "},
        {"id": "op-cccccccc-0004", "kind": "step", "step": mine, "status": "stuck"},
        {"id": "op-cccccccc-0005", "kind": "step", "step": mine, "status": "in_progress"},
    ]});
    let alex_history = format!("SELECT COUNT(*) FROM step_history WHERE step_id = {alex_step}");
    let before = app.count(&alex_history);
    let r = app.sync_ok(body, &cookie).await;
    let reasons: Vec<String> = r
        .results
        .iter()
        .map(|x| match &x.outcome {
            app::model::sync::Outcome::Applied => "applied".into(),
            app::model::sync::Outcome::Rejected { reason } => reason.clone(),
        })
        .collect();
    assert!(reasons[0].contains("could not read this change"), "{reasons:?}");
    assert!(reasons[1].contains("not on your list"), "{reasons:?}");
    assert_eq!(reasons[2], "Write your question.");
    assert_eq!(reasons[3], "Say what is in the way, so someone can help.");
    assert_eq!(reasons[4], "applied", "one refused op does not stop the rest");
    assert_eq!(app.count(&alex_history), before, "Alex's step untouched");
    // Refusals are kept, so a retry gets the same answer (the unknown kind is not kept).
    assert_eq!(app.count("SELECT COUNT(*) FROM applied_op"), 4);
}

#[tokio::test]
async fn only_the_signed_in_person_syncs() {
    let app = TestApp::new();
    let body = json!({"version": 1, "since": 0, "ops": []}).to_string();
    let r = app.sync(&body, None).await;
    assert_eq!((r.status, refusal(&r).error.as_str()), (StatusCode::UNAUTHORIZED, "not_signed_in"));
    let sam = app.practitioner(seed::DEMO_PRACTITIONER).await;
    let r = app.sync(&body, Some(&sam)).await;
    assert_eq!((r.status, refusal(&r).error.as_str()), (StatusCode::FORBIDDEN, "forbidden"));
    let (_, jay_snap, _) = jay(&app).await;
    let alex = app.person(ALEX_NUMBER, ALEX_PIN).await;
    let alex_snap = app.sync_ok(json!({"version": 1, "since": 0, "ops": []}), &alex).await.changes.unwrap();
    assert!(jay_snap.steps.iter().all(|s| s.case_id.0 == JAY));
    assert!(alex_snap.steps.iter().all(|s| s.case_id.0 == ALEX));
    assert!(alex_snap.appointments.iter().all(|a| a.case_id.0 == ALEX));
}

#[tokio::test]
async fn both_sides_change_a_step_and_the_later_wins_with_both_in_history() {
    let app = TestApp::new();
    let (cookie, snap, cursor) = jay(&app).await;
    let step = snap.steps[0].id;
    let sam = app.practitioner(seed::DEMO_PRACTITIONER).await;
    let r = app.call("/api/set_step", &format!("case_id={JAY}&step_id={step}&status=in_progress"), Some(&sam)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    // The phone was offline when it ticked the step; its op arrives later and wins.
    let r = app
        .sync_ok(json!({"version": 1, "since": cursor, "ops": [{"id": "op-dddddddd-0001", "kind": "step", "step": step, "status": "done"}]}), &cookie)
        .await;
    let after = r.changes.unwrap();
    let s = after.steps.iter().find(|s| s.id == step).unwrap();
    assert_eq!(s.status, StepStatus::Done);
    let tos: Vec<StepStatus> = s.history.iter().map(|h| h.to).collect();
    assert!(tos.contains(&StepStatus::InProgress) && tos.contains(&StepStatus::Done), "{tos:?}");
}

#[tokio::test]
async fn the_practitioners_page_can_tell_when_the_phone_changed_something() {
    let app = TestApp::new();
    let (cookie, snap, cursor) = jay(&app).await;
    let sam = app.practitioner(seed::DEMO_PRACTITIONER).await;
    let priya = app.practitioner(seed::DEMO_COLLEAGUE).await;
    let path = format!("/api/v1/cases/{JAY}/rev");
    let rev = |r: &Reply| serde_json::from_str::<Value>(&r.body).ok().and_then(|v| v["rev"].as_u64());

    let before = app.get(&path, Some(&sam)).await;
    assert_eq!((before.status, rev(&before)), (StatusCode::OK, Some(cursor)));
    for (who, status) in [
        (None, StatusCode::UNAUTHORIZED),
        (Some(&cookie), StatusCode::FORBIDDEN),
        (Some(&priya), StatusCode::NOT_FOUND),
    ] {
        assert_eq!(app.get(&path, who.map(String::as_str)).await.status, status);
    }
    assert_eq!(app.get("/api/v1/cases/999/rev", Some(&sam)).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.get("/api/v1/cases/abc/rev", Some(&sam)).await.status, StatusCode::NOT_FOUND);

    let step = snap.steps.iter().find(|s| s.status != StepStatus::Done).expect("a step to tick").id;
    app.sync_ok(json!({"version": 1, "since": cursor, "ops": [{"id": "op-eeeeeeee-0001", "kind": "step", "step": step, "status": "done"}]}), &cookie)
        .await;
    let after = app.get(&path, Some(&sam)).await;
    assert!(rev(&after) > Some(cursor), "the counter moved: {}", after.body);
    let page = app.get(&format!("/caseload/{JAY}/steps"), Some(&sam)).await.body;
    assert!(
        page.contains(&format!("&quot;rev&quot;:{}", rev(&after).unwrap_or_default())),
        "the page carries the rev it shows"
    );
}

#[tokio::test]
async fn no_page_fetch_marks_anything_read_and_wiping_clears_the_phone() {
    let app = TestApp::new();
    let sam = app.practitioner(seed::DEMO_PRACTITIONER).await;
    let r = app
        .call(
            "/api/add_explanation",
            &format!("case_id={JAY}&kind=note&title=Kept&body=Bring+your+letter."),
            Some(&sam),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let jay = app.person(seed::DEMO_PERSON_NUMBER, seed::DEMO_PERSON_PIN).await;
    let unread = "SELECT COUNT(*) FROM explanation WHERE read_at IS NULL AND case_id = 1";
    let before = app.count(unread);
    assert!(before > 0);
    let req = Request::get("/me/licence")
        .header(header::COOKIE, &jay)
        .header("X-Waymark-Prefetch", "1")
        .body(Body::empty())
        .expect("request");
    let kept = app.send(req).await;
    assert!(kept.status == StatusCode::OK && kept.body.contains("Kept"));
    assert_eq!(app.count(unread), before, "the service worker's copy is not a reading");
    app.get("/me/licence", Some(&jay)).await;
    assert_eq!(app.count(unread), before, "nor is opening the page: reading is the person's own act");

    let req = Request::post("/api/sign_out")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::COOKIE, &jay)
        .header(header::REFERER, "http://localhost/me")
        .body(Body::from("wipe=1"))
        .expect("request");
    let res = tower::ServiceExt::oneshot(app.router.clone(), req).await.expect("infallible");
    assert_eq!(
        res.headers().get("clear-site-data").and_then(|v| v.to_str().ok()),
        Some("\"cache\", \"cookies\", \"storage\"")
    );
    assert!(res.headers().get(header::LOCATION).is_some_and(|l| l == "/?wiped=1"));
    assert_eq!(app.get("/me", Some(&jay)).await.location.as_deref(), Some("/sign-in"), "the session is gone too");
}

/// One intent is one change: a second tap, a form sent twice, or an op whose
/// answer is already the one standing changes nothing (no history row, no
/// thread message, no new rev), yet is answered "applied".
#[tokio::test]
async fn a_repeat_of_the_same_answer_changes_nothing() {
    let app = TestApp::new();
    let (cookie, snap, cursor) = jay(&app).await;
    let understood = snap.licence.conditions.iter().find(|c| c.understanding == app::model::Understanding::Understood);
    let understood = understood.expect("a rule Jay understands").id;
    let step = snap.steps.iter().find(|s| s.status == StepStatus::NotStarted).expect("a step not started").id;
    let appointment = snap.appointments.iter().find(|a| a.rsvp.is_none() && !a.cancelled).expect("one to answer").id;
    let asked = snap.licence.conditions.iter().find(|c| c.understanding != app::model::Understanding::Question);
    let asked = asked.expect("a rule to ask about").id;
    let counts = |app: &TestApp| {
        (
            app.count("SELECT COUNT(*) FROM condition_message"),
            app.count(&format!("SELECT COUNT(*) FROM step_history WHERE step_id = {step}")),
        )
    };
    let all_applied = |r: &SyncResponse| r.results.iter().all(|x| x.outcome == app::model::sync::Outcome::Applied);

    // Already understood: no message, no new rev.
    let (messages, history) = counts(&app);
    let r = app
        .sync_ok(
            json!({"version": 1, "since": cursor, "ops": [
            {"id": "op-eeeeeeee-0001", "kind": "understood", "condition": understood}]}),
            &cookie,
        )
        .await;
    assert!(all_applied(&r), "{r:?}");
    assert_eq!((counts(&app), app.rev(JAY) as u64, r.changes), ((messages, history), cursor, None));

    // The first of each changes the case; the same again, in new ops, does not.
    let first = json!({"version": 1, "since": cursor, "ops": [
        {"id": "op-eeeeeeee-0002", "kind": "step", "step": step, "status": "in_progress"},
        {"id": "op-eeeeeeee-0003", "kind": "attending", "appointment": appointment},
        {"id": "op-eeeeeeee-0004", "kind": "question", "condition": asked, "text": "Can I see my son?"},
    ]});
    let r = app.sync_ok(first, &cookie).await;
    assert!(all_applied(&r), "{r:?}");
    assert_eq!(counts(&app), (messages + 1, history + 1));
    let rev = app.rev(JAY);
    let again = json!({"version": 1, "since": r.cursor, "ops": [
        {"id": "op-eeeeeeee-0005", "kind": "step", "step": step, "status": "in_progress"},
        {"id": "op-eeeeeeee-0006", "kind": "attending", "appointment": appointment},
        {"id": "op-eeeeeeee-0007", "kind": "question", "condition": asked, "text": " Can I see my son? "},
    ]});
    let r = app.sync_ok(again, &cookie).await;
    assert!(all_applied(&r), "{r:?}");
    assert_eq!((counts(&app), app.rev(JAY)), ((messages + 1, history + 1), rev), "nothing changed the second time");
    assert_eq!(r.changes, None);

    // The same from plain forms sent twice (a double tap with signal).
    for _ in 0..2 {
        let r = app.call("/api/set_step", &format!("step_id={step}&status=done"), Some(&cookie)).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let r =
            app.call("/api/answer_condition", &format!("condition_id={asked}&answer=understood"), Some(&cookie)).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    }
    assert_eq!(counts(&app), (messages + 2, history + 2), "one message and one history row each");
    // A real change still is one: stuck, then stuck for another reason.
    for reason in ["No+photo", "No+photo", "No+address"] {
        let r = app.call("/api/set_step", &format!("step_id={step}&status=stuck&reason={reason}"), Some(&cookie)).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    }
    assert_eq!(counts(&app).1, history + 4);
}

/// Reading a letter is an op like any other: applied once, keeping the time it
/// was first read on the phone; another person's letter is refused plainly.
#[tokio::test]
async fn a_letter_read_on_the_phone_reaches_the_desk_with_when_it_was_read() {
    let app = TestApp::new();
    let (cookie, snap, cursor) = jay(&app).await;
    let letter = snap.licence.explanations.first().expect("Jay's letter").id;
    // Written two days ago; read yesterday at 10:31 with no signal.
    let now = jiff::Timestamp::now().as_second();
    app.backend
        .store_for_tests()
        .write()
        .unwrap()
        .execute("UPDATE explanation SET created_at = ?1", [now - 2 * 86400])
        .unwrap();
    let read_at = now - 86400;
    let op = |id: &str, at: i64| json!({"id": id, "kind": "read", "explanation": letter.0, "read_at": at});
    let r =
        app.sync_ok(json!({"version": 1, "since": cursor, "ops": [op("op-ffffffff-0001", read_at)]}), &cookie).await;
    assert_eq!(r.results[0].outcome, app::model::sync::Outcome::Applied, "{r:?}");
    let shown = r.changes.expect("the case changed").licence.explanations[0].read_at;
    assert_eq!(shown.map(|t| t.as_second()), Some(read_at), "the phone's time of reading");
    let rev = app.rev(JAY);

    // Sent again (a lost reply), or read again later: the first reading stands.
    let r = app
        .sync_ok(
            json!({"version": 1, "since": r.cursor, "ops": [op("op-ffffffff-0001", read_at), op("op-ffffffff-0002", now)]}),
            &cookie,
        )
        .await;
    assert!(r.results.iter().all(|x| x.outcome == app::model::sync::Outcome::Applied), "{r:?}");
    assert_eq!((app.rev(JAY), r.changes), (rev, None));
    let stored = format!("SELECT read_at FROM explanation WHERE id = {}", letter.0);
    assert_eq!(app.count(&stored), read_at);
    let sam = app.practitioner(seed::DEMO_PRACTITIONER).await;
    let desk = app.get(&format!("/caseload/{JAY}/licence"), Some(&sam)).await.body;
    let stamp = app::format::stamp(jiff::Timestamp::from_second(read_at).unwrap(), jiff::Timestamp::now());
    assert!(desk.contains(&format!("Read on {stamp}.")), "{desk}");

    // Alex's phone names Jay's letter: refused, Jay's letter untouched.
    let alex = app.person(ALEX_NUMBER, ALEX_PIN).await;
    let r = app.sync_ok(json!({"version": 1, "since": 0, "ops": [op("op-ffffffff-0003", now)]}), &alex).await;
    assert_eq!(
        r.results[0].outcome,
        app::model::sync::Outcome::Rejected {
            reason: "We could not find this letter, so it was not marked as read.".into()
        }
    );
    assert_eq!(app.count(&stored), read_at);

    // A phone clock ahead of time, or behind the letter, cannot move the reading out of bounds.
    app.backend.store_for_tests().write().unwrap().execute("UPDATE explanation SET read_at = NULL", ()).unwrap();
    app.sync_ok(json!({"version": 1, "since": 0, "ops": [op("op-ffffffff-0004", now + 86400 * 365)]}), &cookie).await;
    assert!(app.count(&stored) <= jiff::Timestamp::now().as_second(), "not in the future");
    app.backend.store_for_tests().write().unwrap().execute("UPDATE explanation SET read_at = NULL", ()).unwrap();
    app.sync_ok(json!({"version": 1, "since": 0, "ops": [op("op-ffffffff-0005", 0)]}), &cookie).await;
    assert_eq!(app.count(&stored), now - 2 * 86400, "not before it was written");
}

/// The documented limits agree with the body limit: a phone whose outbox holds
/// 100 questions of 2,000 characters (several bytes each) sends them in
/// requests that each fit, through the real router, and every one arrives once.
#[tokio::test]
async fn a_full_outbox_of_long_questions_drains_through_the_router() {
    use app::model::sync::{Change, Device, OpId, MAX_OPS};
    let app = TestApp::new();
    let (cookie, snap, _) = jay(&app).await;
    let condition = snap.licence.conditions[0].id;
    let before = app.count("SELECT COUNT(*) FROM condition_message WHERE kind = 'question'");
    let mut phone: Device = Device::default();
    for i in 0..MAX_OPS {
        // 2,000 characters, the most a question may have: "é" is 2 bytes, "😀" 4, a quote 2 in JSON.
        let text: String = format!("{i:03} {}", "é😀\"ab ".repeat(400)).chars().take(2000).collect();
        phone.record(OpId::try_from(format!("op-long-{i:04}")).unwrap(), Change::Question { condition, text });
    }
    assert_eq!(phone.outbox.len(), MAX_OPS);
    let mut requests = 0;
    while !phone.outbox.is_empty() {
        assert!(requests < 50, "the outbox drains");
        let body = serde_json::to_string(&phone.request()).unwrap();
        assert!(body.len() <= 64 * 1024, "request {requests}: {} bytes", body.len());
        let r = app.sync(&body, Some(&cookie)).await;
        assert_eq!(r.status, StatusCode::OK, "request {requests} ({} bytes): {}", body.len(), r.body);
        let answer: SyncResponse = serde_json::from_str(&r.body).unwrap();
        assert!(answer.results.iter().all(|x| x.outcome == app::model::sync::Outcome::Applied), "{answer:?}");
        phone.absorb(answer, 0);
        requests += 1;
    }
    println!("{MAX_OPS} questions of 2,000 characters went in {requests} requests");
    assert!(requests > 1, "more than one request was needed");
    let after = app.count("SELECT COUNT(*) FROM condition_message WHERE kind = 'question'");
    assert_eq!(after - before, MAX_OPS as i64, "every question arrived, once");
}

/// A body limit below the phone's request size would refuse every full outbox:
/// the server does not start with one.
#[test]
fn the_server_refuses_a_body_limit_the_phone_cannot_fit() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut config = server::config::Config::for_tests(dir.path().to_owned());
    config.max_body_bytes = app::model::sync::MAX_REQUEST_BYTES - 1;
    let refused = TestApp::start(&config, dir).err().expect("refused");
    assert!(refused.to_string().contains("WAYMARK_MAX_BODY_BYTES must be at least 49152"), "{refused}");
}
