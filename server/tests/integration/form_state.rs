//! A failed plain form post keeps its message and what was typed on the
//! server, never in the address; the page shows them once; a crafted link
//! shows nothing (issue 15.6).

use crate::common::*;
use app::error::AppError;
use axum::http::StatusCode;
use base64::Engine;
use server::seed;

/// What server_fn would put in the address: the error, base64 (URL-safe) JSON.
fn encoded(error: &AppError) -> String {
    base64::engine::general_purpose::URL_SAFE.encode(serde_json::to_vec(error).unwrap())
}

#[tokio::test]
async fn a_failed_form_goes_back_with_nothing_typed_in_the_address() {
    let app = TestApp::new();
    let sam = app.practitioner(seed::DEMO_PRACTITIONER).await;
    let form = "preferred_name=Skyler+Quartermaine&licence_start=2026-11-01&licence_end=2025-01-01";
    let r = app.post_form("/api/create_case", form, "/caseload/new", Some(&sam)).await;
    assert_eq!(r.status, StatusCode::FOUND);
    assert_eq!(r.location.as_deref(), Some("/caseload/new"), "no __err, no typed text");
    let state = r.set_cookies().into_iter().find(|c| c.starts_with("waymark-form=")).expect("a form cookie");
    assert!(state.contains("HttpOnly") && state.contains("Max-Age=300"), "{state}");

    let page = app.follow(&r, Some(&sam)).await;
    assert!(page.body.contains("The licence end date must be after the start date."), "{}", page.body);
    assert!(page.body.contains("value=\"Skyler Quartermaine\""), "what was typed is kept");
    assert!(page.set_cookies().iter().any(|c| c.starts_with("waymark-form=;") && c.contains("Max-Age=0")));

    // Shown once: the same page again, with the same cookie, is clean.
    let again = app.follow(&r, Some(&sam)).await.body;
    assert!(!again.contains("must be after the start date") && !again.contains("Quartermaine"), "{again}");
}

#[tokio::test]
async fn an_activation_code_never_reaches_the_address_and_a_pin_is_never_kept() {
    let app = TestApp::new();
    let r = app.post_form("/api/activate", "code=K7PQ-M3XT&pin=4071&pin_again=4072", "/activate", None).await;
    assert_eq!(r.location.as_deref(), Some("/activate"));
    let page = app.follow(&r, None).await.body;
    assert!(page.contains("The two PINs are not the same."), "{page}");
    assert!(page.contains("value=\"K7PQ-M3XT\""), "the code is kept on the form");
    assert!(!page.contains("4071") && !page.contains("4072"), "PINs are never kept");
    let stored: Vec<String> = {
        let conn = app.backend.store_for_tests().read().unwrap();
        let mut stmt = conn.prepare("SELECT error FROM form_state").unwrap();
        stmt.query_map((), |r| r.get(0)).unwrap().map(Result::unwrap).collect()
    };
    assert!(stored.iter().all(|e| !e.contains("8642")), "{stored:?}");
}

#[tokio::test]
async fn a_crafted_link_shows_nothing() {
    let app = TestApp::new();
    let lie = AppError::invalid("number", "Your licence has been recalled. Call 07700 900123 now.")
        .keeping(&[("number", "07700 900123")]);
    let err = encoded(&lie);
    for link in [
        format!("/sign-in?__path=%2Fapi%2Fsign_in_person&__err={err}"),
        format!("/sign-in?%5F%5Fpath=%2Fapi%2Fsign_in_person&%5F%5Ferr={err}"),
    ] {
        let page = app.get(&link, None).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(!page.body.contains("recalled") && !page.body.contains("07700"), "{link}: {}", page.body);
    }
}

#[tokio::test]
async fn the_state_belongs_to_one_browser_one_page_and_a_few_minutes() {
    let app = TestApp::new();
    let failed = || app.post_form("/api/sign_in_person", "number=40000001&pin=", "/sign-in", None);
    let message = "Enter your PIN.";

    // Another browser (no cookie, or a made-up one) sees nothing.
    let r = failed().await;
    assert!(!app.get("/sign-in", None).await.body.contains(message));
    assert!(!app.get("/sign-in", Some("waymark-form=made-up")).await.body.contains(message));
    // Another page first (a file, another screen) does not use it up.
    let jar = r.set_cookies()[0].split(';').next().unwrap().to_owned();
    assert!(!app.get("/hope", Some(&jar)).await.body.contains(message));
    assert!(app.follow(&r, None).await.body.contains(message));

    // After a few minutes it is gone.
    let r = failed().await;
    app.backend
        .store_for_tests()
        .write()
        .unwrap()
        .execute("UPDATE form_state SET expires_at = unixepoch() - 1", ())
        .unwrap();
    assert!(!app.follow(&r, None).await.body.contains(message));
}

/// Every plain redirect a form can answer with: none carries what was typed.
#[tokio::test]
async fn no_redirect_carries_typed_text() {
    let app = TestApp::new();
    let jay = app.person(seed::DEMO_PERSON_NUMBER, seed::DEMO_PERSON_PIN).await;
    let sam = app.practitioner(seed::DEMO_PRACTITIONER).await;
    let secret = "Zanzibarquest";
    let cases: Vec<(&str, String, &str, &str)> = vec![
        ("/api/answer_condition", format!("condition_id=1&answer=question&question={secret}"), "/me/licence", &jay),
        ("/api/answer_condition", "condition_id=1&answer=question&question=".into(), "/me/licence", &jay),
        (
            "/api/answer_appointment",
            format!("appointment_id=1&answer=change&reason={secret}"),
            "/me/appointments",
            &jay,
        ),
        ("/api/answer_appointment", "appointment_id=1&answer=change&reason=".into(), "/me/appointments", &jay),
        ("/api/set_step", format!("step_id=1&status=stuck&reason={secret}"), "/me/steps", &jay),
        ("/api/set_step", "step_id=1&status=stuck&reason=".into(), "/me/steps", &jay),
        ("/api/create_share_link", format!("form[who]={secret}&form[length]=week"), "/me/share", &jay),
        ("/api/sign_in_person", format!("number={secret}&pin=1"), "/sign-in", ""),
        ("/api/activate", format!("code={secret}&pin=1&pin_again=1"), "/activate", ""),
        ("/api/sign_in_practitioner", format!("email={secret}&password=x"), "/practitioner/sign-in", ""),
        (
            "/api/reply_to_question",
            format!("case_id=1&condition_id=2&reply={secret}{}", "x".repeat(3000)),
            "/caseload/1/licence",
            &sam,
        ),
    ];
    for (path, form, from, cookie) in cases {
        let cookie = (!cookie.is_empty()).then_some(cookie);
        let r = app.post_form(path, &form, from, cookie).await;
        let to = r.location.clone().unwrap_or_default();
        assert!(!to.contains(secret) && !to.contains("__err") && !to.contains("__path"), "{path}: {to}");
    }
}
