//! A lost phone: the practitioner's "This phone is lost" ends everything the
//! phone could open; a new code ends share links; sessions end when unused;
//! the practitioner sees and ends a person's share links, never their tokens.

use super::common::*;
use super::share::make_link;
use app::backend::CaseBackend;
use app::model::{CaseId, PractitionerId};
use axum::http::StatusCode;
use server::seed;

const LINK: &str = "form[who]=Mum&form[appointments]=on&form[length]=month";

fn sessions_of(app: &TestApp, case: i64) -> i64 {
    let conn = app.backend.store_for_tests().read().unwrap();
    conn.query_row("SELECT COUNT(*) FROM session WHERE case_id = ?1", [case], |r| r.get(0)).unwrap()
}

#[tokio::test]
async fn phone_lost_asks_first_then_ends_sessions_links_and_the_pin_and_gives_a_new_code() {
    let app = TestApp::new();
    let jay = app.person(seed::DEMO_PERSON_NUMBER, seed::DEMO_PERSON_PIN).await;
    let token = make_link(&app, &jay, LINK).await;
    let sam = app.practitioner(seed::DEMO_PRACTITIONER).await;

    // The case page links to a plain question; opening it changes nothing.
    let case = app.get(&format!("/caseload/{JAY}"), Some(&sam)).await.body;
    assert!(case.contains(&format!("/caseload/{JAY}/phone-lost")), "{case}");
    let ask = app.get(&format!("/caseload/{JAY}/phone-lost"), Some(&sam)).await;
    assert_eq!(ask.status, StatusCode::OK);
    assert!(ask.body.contains("Is Jay's phone lost?") && ask.body.contains("Yes, this phone is lost"), "{}", ask.body);
    assert!(app.get("/me", Some(&jay)).await.body.contains("Hello, Jay"), "a GET ends nothing");

    // The answer, as a plain form post.
    let r = app.post_form("/api/phone_lost", &format!("case_id={JAY}"), "/caseload/1/phone-lost", Some(&sam)).await;
    assert_eq!(r.status, StatusCode::FOUND);
    assert_eq!(r.location.as_deref(), Some("/caseload/1?phone_lost=1"));
    assert_eq!(sessions_of(&app, JAY), 0);
    assert_eq!(app.get("/me", Some(&jay)).await.location.as_deref(), Some("/sign-in"), "the phone is signed out");
    let shared = app.get(&format!("/shared/{token}"), None).await.body;
    assert!(shared.contains("This link has ended"), "{shared}");
    // The old PIN no longer works (answered like any failure); the new code does.
    let r = app
        .call(
            "/api/sign_in_person",
            &format!("number={}&pin={}", seed::DEMO_PERSON_NUMBER, seed::DEMO_PERSON_PIN),
            None,
        )
        .await;
    assert_eq!(r.message(), server::backend::PERSON_WRONG);
    let page = app.get("/caseload/1?phone_lost=1", Some(&sam)).await.body;
    assert!(page.contains("Give them the new code below"), "{page}");
    let code =
        app.backend.case_overview(PractitionerId(1), CaseId(JAY)).await.unwrap().pending_code.expect("a new code");
    assert!(page.contains(&code.code));
    let r = app.call("/api/activate", &format!("code={}&pin=7394&pin_again=7394", code.code), None).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    app.person(seed::DEMO_PERSON_NUMBER, "7394").await;
    // Only Sam may say so: Priya is told there is no such case.
    let priya = app.practitioner(seed::DEMO_COLLEAGUE).await;
    assert_eq!(
        app.call("/api/phone_lost", &format!("case_id={JAY}"), Some(&priya)).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn a_new_code_ends_share_links() {
    let app = TestApp::new();
    let jay = app.person(seed::DEMO_PERSON_NUMBER, seed::DEMO_PERSON_PIN).await;
    let token = make_link(&app, &jay, LINK).await;
    let sam = app.practitioner(seed::DEMO_PRACTITIONER).await;
    assert_eq!(app.call("/api/issue_code", &format!("case_id={JAY}"), Some(&sam)).await.status, StatusCode::OK);
    assert!(app.get(&format!("/shared/{token}"), None).await.body.contains("This link has ended"));
    assert!(app.get("/me/share", Some(&jay)).await.body.contains("This link ended when you got a new code."));
}

#[tokio::test]
async fn the_practitioner_sees_and_ends_share_links_but_never_their_tokens() {
    let app = TestApp::new();
    let jay = app.person(seed::DEMO_PERSON_NUMBER, seed::DEMO_PERSON_PIN).await;
    let token = make_link(&app, &jay, LINK).await;
    let sam = app.practitioner(seed::DEMO_PRACTITIONER).await;
    let page = app.get(&format!("/caseload/{JAY}"), Some(&sam)).await.body;
    assert!(
        page.contains("For Mum") && page.contains("Can see: appointments.") && page.contains("Works until"),
        "{page}"
    );
    assert!(!page.contains(&token) && !page.contains("/shared/"), "the desk never sees the link");
    let api = app.call("/api/case_share_links", &format!("case_id={JAY}"), Some(&sam)).await.body;
    assert!(api.contains("Mum") && !api.contains(&token), "{api}");

    let id: i64 =
        app.backend.store_for_tests().read().unwrap().query_row("SELECT id FROM share_link", (), |r| r.get(0)).unwrap();
    let r = app.post_form("/api/end_share_link", &format!("case_id={JAY}&id={id}"), "/caseload/1", Some(&sam)).await;
    assert_eq!(r.status, StatusCode::FOUND);
    assert!(app.get(&format!("/shared/{token}"), None).await.body.contains("This link has ended"));
    assert!(app.get(&format!("/caseload/{JAY}"), Some(&sam)).await.body.contains("Ended by probation."));
    assert!(app.get("/me/share", Some(&jay)).await.body.contains("Your probation officer turned this link off."));
}

#[tokio::test]
async fn sessions_end_when_unused_for_a_month_or_two_hours_at_the_desk() {
    let app = TestApp::new();
    let jay = app.person(seed::DEMO_PERSON_NUMBER, seed::DEMO_PERSON_PIN).await;
    let sam = app.practitioner(seed::DEMO_PRACTITIONER).await;
    let idle = |who: &str, seconds: i64| {
        let column = if who == "person" { "case_id" } else { "practitioner_id" };
        app.backend
            .store_for_tests()
            .write()
            .unwrap()
            .execute(
                &format!("UPDATE session SET last_seen_at = unixepoch() - ?1 WHERE {column} IS NOT NULL"),
                [seconds],
            )
            .unwrap();
    };
    // 29 days away: still signed in, and the visit counts as use.
    idle("person", 29 * 86_400);
    assert!(app.get("/me", Some(&jay)).await.body.contains("Hello, Jay"));
    idle("practitioner", 110 * 60);
    assert!(app.get("/caseload", Some(&sam)).await.body.contains("Your caseload"));
    // A month unused, two hours at the desk: signed out, asked to sign in again.
    idle("person", 31 * 86_400);
    assert_eq!(app.get("/me", Some(&jay)).await.location.as_deref(), Some("/sign-in"));
    assert_eq!(app.sync("{}", Some(&jay)).await.status.as_u16(), 401, "the phone's sync hears it too");
    idle("practitioner", 121 * 60);
    assert_eq!(app.get("/caseload", Some(&sam)).await.location.as_deref(), Some("/practitioner/sign-in"));
    // Signing in again works as ever.
    app.person(seed::DEMO_PERSON_NUMBER, seed::DEMO_PERSON_PIN).await;
}

#[tokio::test]
async fn session_tokens_are_stored_hashed() {
    let app = TestApp::new();
    let jay = app.person(seed::DEMO_PERSON_NUMBER, seed::DEMO_PERSON_PIN).await;
    let token = jay.split_once('=').map(|(_, t)| t.to_owned()).unwrap();
    let conn = app.backend.store_for_tests().read().unwrap();
    let stored: Vec<String> = conn
        .prepare("SELECT token_hash FROM session UNION ALL SELECT token_hash FROM known_device")
        .unwrap()
        .query_map((), |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(stored.contains(&server::auth::token_hash(&token)));
    assert!(!stored.contains(&token));
}
