//! Sign-in rules: activation codes, PINs and lock-out, rate limits, sessions,
//! and production refusing demo sign-ins.

use super::common::*;
use app::backend::CaseBackend;
use app::model::{CaseId, PractitionerId};
use axum::http::StatusCode;
use server::seed;

fn pending_code(app: &TestApp, case: i64) -> String {
    app.backend
        .case_overview(PractitionerId(1), CaseId(case))
        .expect("overview")
        .pending_code
        .expect("a pending code")
        .code
}

#[tokio::test]
async fn practitioner_creates_a_case_and_the_person_activates_with_its_code() {
    let app = TestApp::new();
    let sam = app.practitioner(seed::DEMO_PRACTITIONER).await;
    let r = app
        .post_form(
            "/api/create_case",
            "preferred_name=Robin&licence_start=2026-11-01&licence_end=2027-05-01",
            "/caseload/new",
            Some(&sam),
        )
        .await;
    assert_eq!(r.status, StatusCode::FOUND);
    let case_page = r.location.expect("redirect to the case");
    let page = app.get(&case_page, Some(&sam)).await.body;
    assert!(page.contains("Robin") && page.contains("activation-code"), "{page}");
    let case: i64 = case_page.rsplit('/').next().and_then(|s| s.parse().ok()).expect("case id");
    let code = pending_code(&app, case);
    assert!(page.contains(&code));

    let r = app.call("/api/activate", &format!("code={}&pin=4826&pin_again=4826", code.to_lowercase()), None).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let person = r.cookie.expect("signed in");
    let home = app.get("/me", Some(&person)).await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(home.body.contains("Hello, Robin"));

    // Stays signed in: the same cookie works again later (a reload).
    assert!(app.get("/me", Some(&person)).await.body.contains("Hello, Robin"));
    // The code worked once only.
    let again = app.call("/api/activate", &format!("code={code}&pin=4826&pin_again=4826"), None).await;
    assert_eq!(again.status, StatusCode::BAD_REQUEST);
    assert!(again.message().contains("That code does not work"));
}

#[tokio::test]
async fn session_cookie_is_http_only_and_same_site() {
    let app = TestApp::new();
    let req = axum::http::Request::post("/api/sign_in_person")
        .header("content-type", "application/x-www-form-urlencoded")
        .body(axum::body::Body::from(format!("number={}&pin={}", seed::DEMO_PERSON_NUMBER, seed::DEMO_PERSON_PIN)))
        .unwrap();
    let res = tower::ServiceExt::oneshot(app.router.clone(), req).await.unwrap();
    let cookie = res.headers().get("set-cookie").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Path=/"), "{cookie}");
}

#[tokio::test]
async fn pin_locks_after_five_wrong_tries_and_a_new_code_unlocks() {
    let app = TestApp::new();
    for i in 1..=5 {
        let r = app.call("/api/sign_in_person", &format!("number={ALEX_NUMBER}&pin=9999"), None).await;
        let expected = if i < 5 { StatusCode::BAD_REQUEST } else { StatusCode::FORBIDDEN };
        assert_eq!(r.status, expected, "try {i}: {}", r.body);
    }
    // Even the right PIN is refused now, with a message saying what to do.
    let r = app.call("/api/sign_in_person", &format!("number={ALEX_NUMBER}&pin={ALEX_PIN}"), None).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(r.message().contains("Ask your probation officer for a new code"), "{}", r.body);

    let priya = app.practitioner(seed::DEMO_COLLEAGUE).await;
    let caseload = app.get("/caseload", Some(&priya)).await.body;
    assert!(caseload.contains("Locked: needs a new code"));
    let r = app.call("/api/issue_code", &format!("case_id={ALEX}"), Some(&priya)).await;
    assert_eq!(r.status, StatusCode::OK);
    let code = app.backend.case_overview(PractitionerId(2), CaseId(ALEX)).unwrap().pending_code.unwrap().code;
    let r = app.call("/api/activate", &format!("code={code}&pin=2468&pin_again=2468"), None).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    app.person(ALEX_NUMBER, "2468").await;
}

#[tokio::test]
async fn a_right_pin_resets_the_count_of_wrong_ones() {
    let app = TestApp::new();
    for _ in 0..4 {
        app.call("/api/sign_in_person", &format!("number={ALEX_NUMBER}&pin=9999"), None).await;
    }
    app.person(ALEX_NUMBER, ALEX_PIN).await;
    for _ in 0..4 {
        let r = app.call("/api/sign_in_person", &format!("number={ALEX_NUMBER}&pin=9999"), None).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
    }
}

#[tokio::test]
async fn attempts_are_rate_limited() {
    let app = TestApp::with(|c| c.attempts_per_account = 3);
    for _ in 0..3 {
        let r = app.call("/api/sign_in_practitioner", "email=someone%40example.org&password=nope", None).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
    }
    let r = app.call("/api/sign_in_practitioner", "email=someone%40example.org&password=nope", None).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(r.message().contains("Too many tries"), "{}", r.body);
}

#[tokio::test]
async fn production_refuses_demo_data_and_demo_sign_ins() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = server::config::Config::for_tests(dir.path().to_owned());
    config.environment = server::config::Environment::Production;
    assert!(server::start(&config).is_err(), "production must not seed demo data");

    // A database that already holds demo rows: production still refuses them.
    let dev = server::config::Config::for_tests(dir.path().to_owned());
    drop(server::start(&dev).unwrap());
    config.demo = false;
    let app = TestApp::start(&config, dir).unwrap();
    let r = app
        .call("/api/sign_in_practitioner", "email=practitioner%40demo.waymark.example&password=waymark-demo", None)
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
    let r =
        app.call("/api/activate", &format!("code={}&pin=4826&pin_again=4826", seed::DEMO_ACTIVATION_CODE), None).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let r = app
        .call(
            "/api/sign_in_person",
            &format!("number={}&pin={}", seed::DEMO_PERSON_NUMBER, seed::DEMO_PERSON_PIN),
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn signing_in_without_javascript_redirects_to_the_caseload() {
    let app = TestApp::new();
    let r = app
        .post_form(
            "/api/sign_in_practitioner",
            "email=practitioner%40demo.waymark.example&password=waymark-demo",
            "/practitioner/sign-in",
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::FOUND);
    assert_eq!(r.location.as_deref(), Some("/caseload"));
    let page = app.get("/caseload", r.cookie.as_deref()).await;
    assert!(page.body.contains("Your caseload") && page.body.contains("Jay"));
}
