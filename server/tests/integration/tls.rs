//! Production means TLS protections: every cookie `Secure` with the `__Host-`
//! prefix, and Strict-Transport-Security, unless a setting that says it is
//! unsafe turns them off.

use crate::common::*;
use axum::http::StatusCode;
use server::config::{Config, Environment};

fn production(adjust: impl FnOnce(&mut Config)) -> TestApp {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut config = Config::for_tests(dir.path().to_owned());
    config.environment = Environment::Production;
    config.demo = false;
    adjust(&mut config);
    TestApp::start(&config, dir).expect("start")
}

/// Every cookie Waymark sets (session, display options, a failed form's state),
/// and the HSTS header of a page.
async fn cookies_and_hsts(app: &TestApp) -> (Vec<String>, String) {
    let admin = app.office_admin("Eastfield", "Eastfield", "robin@eastfield.example").await;
    let mut cookies = Vec::new();
    let sign_in =
        app.call("/api/sign_in_practitioner", "email=robin%40eastfield.example&password=another-password", None);
    cookies.extend(sign_in.await.set_cookies().into_iter().map(str::to_owned));
    let display = app.post_form("/api/set_display", "toggle=large-text", "/hope", None).await;
    cookies.extend(display.set_cookies().into_iter().map(str::to_owned));
    let failed = app.post_form("/api/sign_in_practitioner", "email=nobody&password=x", "/practitioner/sign-in", None);
    let failed = failed.await;
    assert_eq!(failed.status, StatusCode::FOUND);
    cookies.extend(failed.set_cookies().into_iter().map(str::to_owned));
    let signed_out = app.post_form("/api/sign_out", "", "/caseload", Some(&admin)).await;
    cookies.extend(signed_out.set_cookies().into_iter().map(str::to_owned));
    let page = app.get("/hope", None).await;
    (cookies, page.header("strict-transport-security").to_owned())
}

#[tokio::test]
async fn production_cookies_are_secure_and_host_only_and_browsers_are_told_to_use_https() {
    let app = production(|_| {});
    let (cookies, hsts) = cookies_and_hsts(&app).await;
    for name in ["__Host-waymark=", "__Host-waymark-display=", "__Host-waymark-form="] {
        assert!(cookies.iter().any(|c| c.starts_with(name)), "no {name} in {cookies:?}");
    }
    for c in &cookies {
        assert!(c.starts_with("__Host-") && c.contains("; Secure") && c.contains("Path=/"), "{c}");
    }
    assert!(hsts.starts_with("max-age=31536000"), "HSTS: {hsts:?}");

    // The session works under its prefixed name.
    let robin =
        app.call("/api/sign_in_practitioner", "email=robin%40eastfield.example&password=another-password", None);
    let robin = robin.await.cookie.expect("session");
    assert!(robin.starts_with("__Host-waymark="), "{robin}");
    assert_eq!(app.get("/caseload", Some(&robin)).await.status, StatusCode::OK);
    let unprefixed = robin.replacen("__Host-waymark=", "waymark=", 1);
    assert_eq!(app.get("/caseload", Some(&unprefixed)).await.location.as_deref(), Some("/practitioner/sign-in"));
}

#[tokio::test]
async fn only_the_setting_that_says_it_is_unsafe_turns_them_off() {
    let app = production(|c| c.unsafe_no_tls = true);
    let (cookies, hsts) = cookies_and_hsts(&app).await;
    assert!(cookies.len() >= 4, "{cookies:?}");
    for c in &cookies {
        assert!(!c.starts_with("__Host-") && !c.contains("Secure"), "{c}");
    }
    assert_eq!(hsts, "");
}

#[tokio::test]
async fn development_over_tls_gets_secure_cookies_but_no_hsts() {
    let app = TestApp::with(|c| c.secure_cookies = true);
    let (cookies, hsts) = cookies_and_hsts(&app).await;
    assert!(cookies.iter().all(|c| c.starts_with("__Host-") && c.contains("; Secure")), "{cookies:?}");
    assert_eq!(hsts, "", "HSTS only in production");
    let plain = TestApp::new();
    let (cookies, hsts) = cookies_and_hsts(&plain).await;
    assert!(cookies.iter().all(|c| !c.contains("Secure")), "{cookies:?}");
    assert_eq!(hsts, "");
}
