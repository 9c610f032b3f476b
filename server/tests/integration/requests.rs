//! Requests with written answers (issue 12.4): the person asks, from a form or
//! the phone's outbox; the desk lists open requests and how long they have
//! waited; the written answer becomes a letter, and a yes that changes a
//! condition goes on to that change.

use super::common::*;
use axum::http::StatusCode;
use serde_json::json;
use server::seed;

/// A date `days` from today (UK), as a date input sends it.
fn in_days(days: i64) -> String {
    let today = jiff::Timestamp::now().to_zoned(app::format::london()).date();
    today.checked_add(jiff::Span::new().days(days)).unwrap().to_string()
}

fn wedding() -> String {
    format!(
        "form[kind]=travel&form[first_day]={}&form[last_day]={}&form[place]=Leeds\
         &form[why]=My+daughter%27s+wedding.+I+would+like+to+stay+two+nights.",
        in_days(20),
        in_days(22)
    )
}

#[tokio::test]
async fn a_request_is_answered_in_writing_and_kept_as_a_letter() {
    let app = TestApp::new();
    let jay = app.person(seed::DEMO_PERSON_NUMBER, seed::DEMO_PERSON_PIN).await;
    let sam = app.practitioner(seed::DEMO_PRACTITIONER).await;
    let page = app.get("/me/requests", Some(&jay)).await.body;
    assert!(page.contains("You have not asked for anything yet."), "{page}");

    let r = app.post_form("/api/send_request", &wedding(), "/me/requests", Some(&jay)).await;
    let page = app.follow(&r, Some(&jay)).await.body;
    assert!(page.contains("Sent. Your probation officer will answer in writing."), "{page}");
    assert!(page.contains("Travel: Leeds, ") && page.contains("Not answered yet. Waiting since today."), "{page}");
    // The same request sent again is asked once.
    app.post_form("/api/send_request", &wedding(), "/me/requests", Some(&jay)).await;
    assert_eq!(app.count("SELECT COUNT(*) FROM person_request"), 1);
    let id = app.count("SELECT id FROM person_request");

    // The desk: on the caseload with how long it has waited; the case's page lists it.
    let caseload = app.get("/caseload", Some(&sam)).await.body;
    assert!(caseload.contains("1 request to answer") && caseload.contains("Jay: Travel: Leeds"), "{caseload}");
    assert!(caseload.contains("1 open request, the oldest waiting since today."), "{caseload}");
    let before = app.audit_rows(JAY).len();
    // A handover written now starts with it, so the next officer does not lose it.
    let moving = app.get(&format!("/caseload/{JAY}/move"), Some(&sam)).await.body;
    assert!(moving.contains("A request not answered yet: Travel: Leeds"), "{moving}");
    let desk = app.get(&format!("/caseload/{JAY}/requests"), Some(&sam)).await.body;
    assert!(desk.contains("They wrote: My daughter's wedding. I would like to stay two nights."), "{desk}");
    let rows = app.audit_rows_since(JAY, before);
    assert!(rows.iter().any(|(_, action, _)| action == "read:requests"), "{rows:?}");

    // A no without reasons, or no answer chosen: a clear message, what was written kept.
    let answer = |form: &str| format!("case_id={JAY}&request_id={id}&{form}");
    let r = app.call("/api/answer_request", &answer("form[decision]=no&form[answer]=+"), Some(&sam)).await;
    assert_eq!((r.status, r.message()), (StatusCode::BAD_REQUEST, "Write your reasons.".to_owned()));
    let r = app
        .post_form(
            "/api/answer_request",
            &answer("form[answer]=Be+back+by+10."),
            &format!("/caseload/{JAY}/requests"),
            Some(&sam),
        )
        .await;
    let desk = app.follow(&r, Some(&sam)).await.body;
    assert!(desk.contains("Choose your answer.") && desk.contains("Be back by 10.</textarea>"), "{desk}");
    // Not Priya's to answer; not Jay's either.
    let priya = app.practitioner(seed::DEMO_COLLEAGUE).await;
    let yes = answer("form[decision]=yes_with_conditions&form[answer]=Be+back+by+10+pm+on+the+Sunday.");
    assert_eq!(app.call("/api/answer_request", &yes, Some(&priya)).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.call("/api/answer_request", &yes, Some(&jay)).await.status, StatusCode::FORBIDDEN);
    let letters = app.count("SELECT COUNT(*) FROM explanation WHERE case_id = 1");
    assert_eq!(app.call("/api/answer_request", &yes, Some(&sam)).await.status, StatusCode::OK);
    assert_eq!(app.count("SELECT COUNT(*) FROM explanation WHERE case_id = 1"), letters + 1, "the answer is a letter");
    // The first answer stands.
    let r = app.call("/api/answer_request", &answer("form[decision]=no&form[answer]=No."), Some(&sam)).await;
    assert_eq!(r.message(), "This request has an answer already.");

    let page = app.get("/me/requests", Some(&jay)).await.body;
    assert!(page.contains("Sam Okafor answered: Yes, if you do what it says below."), "{page}");
    assert!(page.contains("Be back by 10 pm on the Sunday."));
    let licence = app.get("/me/licence", Some(&jay)).await.body;
    assert!(licence.contains("Your request: Travel: Leeds"), "kept as a letter: {licence}");
    let home = app.get("/me", Some(&jay)).await.body;
    assert!(home.contains("Your request: Travel: Leeds"), "new on the home until read: {home}");
    let caseload = app.get("/caseload", Some(&sam)).await.body;
    assert!(!caseload.contains("request to answer"), "{caseload}");
}

#[tokio::test]
async fn a_yes_that_changes_a_condition_goes_on_to_that_change() {
    let app = TestApp::new();
    let jay = app.person(seed::DEMO_PERSON_NUMBER, seed::DEMO_PERSON_PIN).await;
    let sam = app.practitioner(seed::DEMO_PRACTITIONER).await;
    let form = "form[kind]=curfew&form[why]=My+new+job+ends+at+10+pm.+Can+my+curfew+start+at+11%3F";
    assert_eq!(app.call("/api/send_request", form, Some(&jay)).await.status, StatusCode::OK);
    let id = app.count("SELECT id FROM person_request");
    let curfew = app.count("SELECT MAX(id) FROM case_condition WHERE case_id = 1");
    let answer = |condition: i64| {
        format!(
            "case_id={JAY}&request_id={id}&form[decision]=yes&form[answer]=Your+curfew+starts+at+11+pm.&form[condition]={condition}"
        )
    };
    // Only one of Jay's own conditions.
    let alex_condition = app.count("SELECT MIN(id) FROM case_condition WHERE case_id = 2");
    let r = app.call("/api/answer_request", &answer(alex_condition), Some(&sam)).await;
    assert_eq!(r.message(), "Choose a condition from the list.");
    let r =
        app.post_form("/api/answer_request", &answer(curfew), &format!("/caseload/{JAY}/requests"), Some(&sam)).await;
    let to = r.location.clone().unwrap_or_default();
    assert!(to.ends_with(&format!("/caseload/{JAY}/licence/{curfew}/edit?request={id}")), "{to}");
    let edit = app.follow(&r, Some(&sam)).await.body;
    assert!(edit.contains("You answered Jay's request (Curfew times): Yes."), "{edit}");
    assert!(edit.contains("Your curfew starts at 11 pm."), "the answer starts the explanation: {edit}");
}

#[tokio::test]
async fn bad_requests_get_a_clear_reason_and_keep_what_was_typed() {
    let app = TestApp::new();
    let jay = app.person(seed::DEMO_PERSON_NUMBER, seed::DEMO_PERSON_PIN).await;
    for (form, says) in [
        ("form[why]=A+trip.".to_owned(), "Choose what you are asking for."),
        ("form[kind]=travel".to_owned(), "Say what you are asking for, and why."),
        (
            format!("form[kind]=travel&form[first_day]={}&form[why]=A+trip.", in_days(-2)),
            "That date has passed. Enter a date from today on.",
        ),
        (
            format!("form[kind]=travel&form[first_day]={}&form[last_day]={}&form[why]=A+trip.", in_days(5), in_days(3)),
            "The last day must be the same as the first day or after it.",
        ),
    ] {
        let r = app.call("/api/send_request", &format!("{form}&form[place]=Leeds"), Some(&jay)).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{form}");
        assert_eq!(r.message(), says);
        let error: app::error::AppError = serde_json::from_str(&r.body).expect("an error");
        assert_eq!(error.kept("place").as_deref(), Some("Leeds"), "nothing typed is lost");
    }
    assert_eq!(app.count("SELECT COUNT(*) FROM person_request"), 0);
}

#[tokio::test]
async fn a_request_kept_offline_syncs_once_and_a_bad_one_is_refused_with_its_reason() {
    let app = TestApp::new();
    let jay = app.person(seed::DEMO_PERSON_NUMBER, seed::DEMO_PERSON_PIN).await;
    let first = app.sync_ok(json!({"version": 1, "since": 0, "ops": []}), &jay).await;
    assert!(first.changes.expect("the case").requests.is_empty());
    let a_day_ago = jiff::Timestamp::now().as_second() - 86_400;
    let ops = json!([
        {"id": "op-ask-00001", "kind": "request", "request_kind": "travel", "first_day": in_days(20), "place": "Leeds", "text": "A wedding.", "made_at": a_day_ago},
        {"id": "op-ask-00002", "kind": "request", "request_kind": "address", "first_day": in_days(-3), "text": "A flat.", "made_at": a_day_ago},
    ]);
    let answer = app.sync_ok(json!({"version": 1, "since": first.cursor, "ops": ops.clone()}), &jay).await;
    assert_eq!(TestApp::outcomes(&answer), ["applied", "That date has passed. Enter a date from today on."]);
    let kept = answer.changes.expect("the case changed").requests;
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].made_at.as_second(), a_day_ago, "when it was asked, on the phone");
    assert_eq!(kept[0].said.place.as_deref(), Some("Leeds"));
    app.sync_ok(json!({"version": 1, "since": 0, "ops": ops}), &jay).await;
    assert_eq!(app.count("SELECT COUNT(*) FROM person_request"), 1, "sent again: asked once");
    let sam = app.practitioner(seed::DEMO_PRACTITIONER).await;
    let caseload = app.get("/caseload", Some(&sam)).await.body;
    assert!(caseload.contains("Jay: Travel: Leeds") && caseload.contains("Waiting 1 day."), "{caseload}");
}
