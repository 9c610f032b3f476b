//! Bad input gets a clear, plain message and changes nothing.

use super::common::*;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use server::seed;

fn count(app: &TestApp, table: &str) -> i64 {
    app.backend
        .store_for_tests()
        .read()
        .unwrap()
        .query_row(&format!("SELECT COUNT(*) FROM {table}"), (), |r| r.get(0))
        .unwrap()
}

#[tokio::test]
async fn a_wrong_code_is_explained_and_changes_nothing() {
    let app = TestApp::new();
    let sessions = count(&app, "session");
    for code in ["ABCD-EFGH", "nonsense", ""] {
        let r = app.call("/api/activate", &format!("code={code}&pin=4826&pin_again=4826"), None).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{code}");
        assert!(r.message().contains("code"), "{}", r.body);
    }
    assert_eq!(count(&app, "session"), sessions);
    // The real code still works afterwards.
    let r =
        app.call("/api/activate", &format!("code={}&pin=4826&pin_again=4826", seed::DEMO_ACTIVATION_CODE), None).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
}

#[tokio::test]
async fn bad_pins_are_explained_and_the_code_is_not_used_up() {
    let app = TestApp::new();
    for (pin, again, says) in [
        ("12", "12", "4 to 6"),
        ("abcd", "abcd", "only have numbers"),
        ("1111", "1111", "too easy"),
        ("4826", "4827", "not the same"),
    ] {
        let r = app
            .call("/api/activate", &format!("code={}&pin={pin}&pin_again={again}", seed::DEMO_ACTIVATION_CODE), None)
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        assert!(r.message().contains(says), "{pin}/{again}: {}", r.body);
    }
    let r =
        app.call("/api/activate", &format!("code={}&pin=4826&pin_again=4826", seed::DEMO_ACTIVATION_CODE), None).await;
    assert_eq!(r.status, StatusCode::OK);
}

#[tokio::test]
async fn a_wrong_pin_is_explained() {
    let app = TestApp::new();
    let r = app.call("/api/sign_in_person", &format!("number={}&pin=0000", seed::DEMO_PERSON_NUMBER), None).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.message().contains("did not work"), "{}", r.body);
    let r = app.call("/api/sign_in_person", "number=12345678&pin=2580", None).await;
    assert!(r.message().contains("did not work"), "unknown numbers look the same: {}", r.body);
}

#[tokio::test]
async fn malformed_form_data_is_refused_plainly() {
    let app = TestApp::new();
    let sam = app.practitioner(seed::DEMO_PRACTITIONER).await;
    let cases = count(&app, "cases");
    for form in ["preferred_name=Sky", "%%%", "case_id=abc"] {
        let r = app.call("/api/create_case", form, Some(&sam)).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{form}: {}", r.body);
        assert!(r.message().contains("Nothing was changed"), "{}", r.body);
    }
    let r = app.call("/api/issue_code", "case_id=abc", Some(&sam)).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(count(&app, "cases"), cases);
}

#[tokio::test]
async fn bad_case_details_keep_what_was_typed() {
    let app = TestApp::new();
    let sam = app.practitioner(seed::DEMO_PRACTITIONER).await;
    let cases = count(&app, "cases");
    let r = app
        .post_form(
            "/api/create_case",
            "preferred_name=Sky+Blue&licence_start=2026-11-01&licence_end=2025-01-01",
            "/caseload/new",
            Some(&sam),
        )
        .await;
    assert_eq!(r.status, StatusCode::FOUND);
    let page = app.follow(&r, Some(&sam)).await.body;
    assert!(page.contains("The licence end date must be after the start date."), "{page}");
    assert!(page.contains("value=\"Sky Blue\""), "the name is kept: {page}");
    assert!(page.contains("value=\"2026-11-01\""));
    assert_eq!(count(&app, "cases"), cases);
}

#[tokio::test]
async fn oversized_bodies_are_refused_before_anything_runs() {
    let app = TestApp::new();
    let sam = app.practitioner(seed::DEMO_PRACTITIONER).await;
    let cases = count(&app, "cases");
    let big = format!("preferred_name={}&licence_start=2026-11-01&licence_end=2027-11-01", "x".repeat(100_000));
    let req = Request::post("/api/create_case")
        .header("content-type", "application/x-www-form-urlencoded")
        .header("content-length", big.len())
        .header("cookie", &sam)
        .body(Body::from(big))
        .unwrap();
    let r = app.send(req).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(r.message().contains("too much to send"), "{}", r.body);
    assert_eq!(count(&app, "cases"), cases);
}

#[tokio::test]
async fn unknown_routes_get_a_plain_page() {
    let app = TestApp::new();
    let r = app.get("/nowhere/at/all", None).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(r.message().contains("We cannot find that page"), "{}", r.body);
    let r = app.call("/api/no_such_function", "", None).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(r.message().contains("We cannot find that page"), "{}", r.body);
}

/// `waymark --help` names every setting, each with the environment variable that sets it.
#[test]
fn help_lists_every_setting() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_waymark")).arg("--help").output().expect("runs");
    assert!(out.status.success());
    let help = String::from_utf8_lossy(&out.stdout);
    for setting in [
        "LEPTOS_SITE_ADDR",
        "WAYMARK_DATA_DIR",
        "WAYMARK_DATABASE_URL",
        "WAYMARK_LOG_FORMAT",
        "WAYMARK_ENV",
        "WAYMARK_DEMO",
        "LEPTOS_SITE_ROOT",
        "WAYMARK_SECURE_COOKIES",
        "WAYMARK_FREE_FAILURES_PER_CLIENT",
        "WAYMARK_FREE_FAILURES_PER_ACCOUNT",
        "WAYMARK_TRUSTED_PROXIES",
        "WAYMARK_HASHING_THREADS",
        "WAYMARK_UNSAFE_NO_TLS",
        "WAYMARK_MAX_BODY_BYTES",
        "WAYMARK_MAX_IMPORT_BYTES",
    ] {
        assert!(help.contains(setting), "--help does not name {setting}:\n{help}");
    }
    // And nothing is set that --help does not list: every `env =` in the source is above.
    let source = include_str!("../../src/config.rs");
    assert_eq!(source.matches("env = \"").count(), 15, "a new setting must be added to this list");
}
