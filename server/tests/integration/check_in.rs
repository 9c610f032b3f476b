//! Check-ins (issue 12.6): the person says how things are, from a form or
//! their phone's outbox; the desk shows them with "contact me" and low moods
//! first; the practitioner marks each seen and the person is told.

use super::common::*;
use axum::http::StatusCode;
use serde_json::json;
use server::seed;

const LOW: &str = "form[mood]=2&form[need_money]=on&form[need_housing]=on&form[contact_me]=on&form[note]=Lost+my+job.";

#[tokio::test]
async fn a_check_in_reaches_the_desk_and_the_person_is_told_it_was_seen() {
    let app = TestApp::new();
    let jay = app.person(seed::DEMO_PERSON_NUMBER, seed::DEMO_PERSON_PIN).await;
    let sam = app.practitioner(seed::DEMO_PRACTITIONER).await;
    let page = app.get("/me/check-in", Some(&jay)).await.body;
    assert!(page.contains("This is not an emergency service."), "said before anything else: {page}");
    assert!(page.contains("href=\"tel:116123\"") && page.contains("choose option 2"), "{page}");
    assert!(page.contains("You have not checked in yet."));

    // A low mood goes back to the page with the helplines first.
    let r = app.post_form("/api/send_check_in", LOW, "/me/check-in", Some(&jay)).await;
    assert_eq!(r.location.as_deref().map(|l| l.ends_with("/me/check-in?sent=low")), Some(true), "{:?}", r.location);
    let page = app.follow(&r, Some(&jay)).await.body;
    assert!(page.contains("You do not have to wait for your officer"), "{page}");
    assert!(page.contains("Not good.") && page.contains("Help with: A place to live, Money."), "{page}");
    assert!(page.contains("You asked to be contacted.") && page.contains("Not seen yet."));
    // The same form sent again at once is the same check-in.
    app.post_form("/api/send_check_in", LOW, "/me/check-in", Some(&jay)).await;
    assert_eq!(app.count("SELECT COUNT(*) FROM check_in"), 1);
    let r = app.post_form("/api/send_check_in", "form[mood]=4", "/me/check-in", Some(&jay)).await;
    assert_eq!(r.location.as_deref().map(|l| l.ends_with("/me/check-in?sent=1")), Some(true));
    assert_eq!(app.count("SELECT COUNT(*) FROM check_in"), 2);
    let home = app.get("/me", Some(&jay)).await.body;
    assert!(home.contains("How are things?") && home.contains("Your probation officer has not seen it yet."));

    // At the desk: the one asking for contact first, on the caseload and the case.
    let caseload = app.get("/caseload", Some(&sam)).await.body;
    assert!(caseload.contains("2 check-ins not seen yet"), "{caseload}");
    let first = caseload.find("Jay: Not good (2 of 5). Asks you to contact them.").expect("the urgent one");
    let second = caseload.find("Jay: Good (4 of 5).").expect("the other one");
    assert!(first < second, "contact me and low moods first");
    let before = app.audit_rows(JAY).len();
    let case = app.get(&format!("/caseload/{JAY}"), Some(&sam)).await.body;
    assert!(case.contains("Latest: Good (4 of 5)") && case.contains("2 check-ins not seen yet."), "{case}");
    let desk = app.get(&format!("/caseload/{JAY}/check-ins"), Some(&sam)).await.body;
    assert!(desk.contains("They wrote: Lost my job.") && desk.contains("Would help: A place to live, Money."));
    assert!(desk.contains("Would like you to contact them before their next appointment."));
    let rows = app.audit_rows_since(JAY, before);
    assert!(rows.iter().any(|(_, action, _)| action == "read:check_ins"), "{rows:?}");

    let urgent: i64 = app.count("SELECT id FROM check_in WHERE mood = 2");
    let seen = format!("case_id={JAY}&check_in_id={urgent}");
    // Another practitioner is told there is no such case; Jay cannot mark it.
    let priya = app.practitioner(seed::DEMO_COLLEAGUE).await;
    assert_eq!(app.call("/api/see_check_in", &seen, Some(&priya)).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.call("/api/see_check_in", &seen, Some(&jay)).await.status, StatusCode::FORBIDDEN);
    assert_eq!(
        app.call("/api/see_check_in", &format!("case_id={JAY}&check_in_id=999"), Some(&sam)).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(app.call("/api/see_check_in", &seen, Some(&sam)).await.status, StatusCode::OK);
    let caseload = app.get("/caseload", Some(&sam)).await.body;
    assert!(caseload.contains("1 check-in not seen yet") && !caseload.contains("Jay: Not good"), "{caseload}");
    let page = app.get("/me/check-in", Some(&jay)).await.body;
    assert!(page.contains("Sam Okafor has seen it."), "{page}");
    let looked = app.get("/me/who-has-looked", Some(&jay)).await.body;
    assert!(looked.contains("how you said things are"), "{looked}");
    // Priya's caseload holds none of Jay's.
    assert!(!app.get("/caseload", Some(&priya)).await.body.contains("Jay: "));
}

#[tokio::test]
async fn a_check_in_without_a_mood_or_with_a_long_note_is_refused_and_keeps_what_was_typed() {
    let app = TestApp::new();
    let jay = app.person(seed::DEMO_PERSON_NUMBER, seed::DEMO_PERSON_PIN).await;
    let r = app.call("/api/send_check_in", "form[need_work]=on&form[note]=Can+we+talk%3F", Some(&jay)).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(r.message(), "Choose how things are for you.");
    let r = app
        .post_form("/api/send_check_in", "form[need_work]=on&form[note]=Can+we+talk%3F", "/me/check-in", Some(&jay))
        .await;
    let page = app.follow(&r, Some(&jay)).await.body;
    assert!(page.contains("There is a problem") && page.contains("Choose how things are for you."), "{page}");
    assert!(page.contains("Can we talk?</textarea>"), "the note is kept: {page}");
    assert!(
        page.contains("id=\"need-work\" name=\"form[need_work]\" value=\"on\" checked"),
        "the tick is kept: {page}"
    );
    let long = format!("form[mood]=3&form[note]={}", "x".repeat(501));
    let r = app.call("/api/send_check_in", &long, Some(&jay)).await;
    assert_eq!(r.message(), "Keep this to 500 characters or fewer.");
    assert_eq!(app.count("SELECT COUNT(*) FROM check_in"), 0, "nothing was kept");
}

#[tokio::test]
async fn a_check_in_kept_offline_syncs_with_its_time_and_once() {
    let app = TestApp::new();
    let jay = app.person(seed::DEMO_PERSON_NUMBER, seed::DEMO_PERSON_PIN).await;
    let first = app.sync_ok(json!({"version": 1, "since": 0, "ops": []}), &jay).await;
    assert!(first.changes.expect("the case").check_ins.is_empty());
    let an_hour_ago = jiff::Timestamp::now().as_second() - 3600;
    let ops = json!([
        {"id": "op-check-0001", "kind": "check_in", "mood": 1, "needs": "mental_health", "contact_me": "yes", "made_at": an_hour_ago},
        {"id": "op-check-0002", "kind": "check_in", "mood": 5, "made_at": 4_000_000_000i64, "text": "A good day."},
        {"id": "op-check-0003", "kind": "check_in", "mood": 3, "made_at": an_hour_ago, "text": "x".repeat(501)},
    ]);
    let answer = app.sync_ok(json!({"version": 1, "since": first.cursor, "ops": ops.clone()}), &jay).await;
    let outcomes = TestApp::outcomes(&answer);
    assert_eq!(outcomes, ["applied", "applied", "Keep this to 500 characters or fewer."]);
    let kept = answer.changes.expect("the case changed").check_ins;
    assert_eq!(kept.len(), 2);
    let now = jiff::Timestamp::now().as_second();
    assert!((kept[0].made_at.as_second() - now).abs() < 60, "a clock in the future is not believed");
    assert_eq!(kept[0].said.note.as_deref(), Some("A good day."));
    assert_eq!(kept[1].made_at.as_second(), an_hour_ago, "kept offline: when it was made");
    assert!(kept[1].urgent() && kept[1].said.contact_me);
    // Sent again (the answer lost): nothing twice.
    app.sync_ok(json!({"version": 1, "since": 0, "ops": ops}), &jay).await;
    assert_eq!(app.count("SELECT COUNT(*) FROM check_in"), 2);
}
