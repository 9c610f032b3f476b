//! The audit: every read and change of a case by anyone but the person goes
//! through one door that records who, what, which case, when and from where;
//! security events are recorded too; the person reads it all in plain words.

use super::common::*;
use super::share::make_link;
use axum::http::StatusCode;
use server::seed;

const SAM_DESK: &str = "192.0.2.10";

fn has(rows: &[(String, String, Option<String>)], actor: &str, action: &str, client: Option<&str>) -> bool {
    rows.iter().any(|(a, b, c)| a == actor && b == action && (client.is_none() || c.as_deref() == client))
}

#[tokio::test]
async fn every_practitioner_read_of_a_case_is_recorded_with_where_it_came_from() {
    let app = TestApp::new();
    let form = "email=practitioner%40demo.waymark.example&password=waymark-demo";
    let sam = app.call_from(SAM_DESK, &[], "/api/sign_in_practitioner", form, None).await.cookie.expect("signed in");
    let map = app.jays_map();
    for (path, action) in [
        (format!("/caseload/{JAY}"), "read:case"),
        (format!("/caseload/{JAY}"), "read:my_list"),
        (format!("/caseload/{JAY}"), "read:share_links"),
        (format!("/caseload/{JAY}/licence"), "read:licence"),
        (format!("/caseload/{JAY}/appointments"), "read:appointments"),
        (format!("/caseload/{JAY}/steps"), "read:steps"),
        (format!("/caseload/{JAY}/calendar.ics"), "read:calendar"),
        (format!("/caseload/{JAY}/licence/{map}/map"), "read:map"),
    ] {
        assert_eq!(app.get_from(SAM_DESK, &path, Some(&sam)).await.status, StatusCode::OK, "{path}");
        let rows = app.audit_rows(JAY);
        assert!(has(&rows, "practitioner", action, Some(SAM_DESK)), "{path} records {action}: {rows:?}");
    }
    // A change is recorded too, in the same transaction.
    let r =
        app.call_from(SAM_DESK, &[], "/api/add_step", &format!("case_id={JAY}&track=id&title=Photo"), Some(&sam)).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(has(&app.audit_rows(JAY), "practitioner", "change:steps", Some(SAM_DESK)));
    // The person's own reads are theirs: not recorded.
    let before = app.audit_rows(JAY).len();
    let jay = app.person(seed::DEMO_PERSON_NUMBER, seed::DEMO_PERSON_PIN).await;
    let after_sign_in = app.audit_rows(JAY).len();
    assert_eq!(after_sign_in, before + 1, "the sign-in is recorded");
    for path in ["/me", "/me/licence", "/me/appointments", "/me/steps"] {
        app.get(path, Some(&jay)).await;
    }
    assert_eq!(app.audit_rows(JAY).len(), after_sign_in);
    // The change counter the desk polls is no personal data: not recorded either.
    app.get(&format!("/api/v1/cases/{JAY}/rev"), Some(&sam)).await;
    assert_eq!(app.audit_rows(JAY).len(), after_sign_in);
}

#[tokio::test]
async fn security_events_and_supporters_are_recorded() {
    let app = TestApp::new();
    let wrong = format!("number={}&pin=9753", seed::DEMO_PERSON_NUMBER);
    app.call_from("203.0.113.4", &[], "/api/sign_in_person", &wrong, None).await;
    let form = format!("code={}&pin=7394&pin_again=7394", seed::DEMO_ACTIVATION_CODE);
    assert_eq!(app.call_from("198.51.100.2", &[], "/api/activate", &form, None).await.status, StatusCode::OK);
    let jay = app.person(seed::DEMO_PERSON_NUMBER, seed::DEMO_PERSON_PIN).await;
    let token = make_link(&app, &jay, "form[who]=Mum&form[steps]=on&form[licence]=on&form[length]=week").await;
    app.get_from("198.51.100.50", &format!("/shared/{token}"), None).await;
    let id: i64 =
        app.backend.store_for_tests().read().unwrap().query_row("SELECT id FROM share_link", (), |r| r.get(0)).unwrap();
    app.call("/api/turn_off_share_link", &format!("id={id}"), Some(&jay)).await;
    let rows = app.audit_rows(JAY);
    assert!(has(&rows, "visitor", "sign_in_failed", Some("203.0.113.4")), "{rows:?}");
    assert!(has(&rows, "person", "signed_in", None));
    assert!(has(&rows, "person", "share_made", None));
    assert!(has(&rows, "person", "share_turned_off", None));
    assert!(has(&rows, "supporter", "read:steps", Some("198.51.100.50")));
    assert!(has(&rows, "supporter", "read:licence", Some("198.51.100.50")));
    let dee: i64 = app
        .backend
        .store_for_tests()
        .read()
        .unwrap()
        .query_row("SELECT id FROM cases WHERE preferred_name = 'Dee'", (), |r| r.get(0))
        .unwrap();
    assert!(has(&app.audit_rows(dee), "person", "activated", Some("198.51.100.2")));
    // A wrong PIN for a number that does not exist is recorded too, with no case.
    app.call_from("203.0.113.4", &[], "/api/sign_in_person", "number=12345678&pin=9753", None).await;
    assert!(app
        .audit_rows_without_case()
        .iter()
        .any(|(a, c)| a == "sign_in_failed" && c.as_deref() == Some("203.0.113.4")));
}

#[tokio::test]
async fn the_person_sees_who_has_looked_in_plain_words() {
    let app = TestApp::new();
    let jay = app.person(seed::DEMO_PERSON_NUMBER, seed::DEMO_PERSON_PIN).await;
    let home = app.get("/me", Some(&jay)).await.body;
    assert!(home.contains(r#"href="/me/who-has-looked""#), "linked from home");
    let sam = app.practitioner(seed::DEMO_PRACTITIONER).await;
    for _ in 0..3 {
        app.get(&format!("/caseload/{JAY}/licence"), Some(&sam)).await;
    }
    app.call("/api/sign_in_person", &format!("number={}&pin=9753", seed::DEMO_PERSON_NUMBER), None).await;
    let token = make_link(&app, &jay, "form[who]=Mum&form[appointments]=on&form[length]=week").await;
    app.get(&format!("/shared/{token}"), None).await;
    let page = app.get("/me/who-has-looked", Some(&jay)).await;
    assert_eq!(page.status, StatusCode::OK);
    let body = page.body;
    for words in [
        "Sam Okafor (your probation officer) looked at your details and your licence",
        "(3 times)",
        "Mum (with the link you shared) looked at your appointments",
        "Someone used your Waymark number with a wrong PIN",
        "You made a link for Mum",
        "today, ",
    ] {
        assert!(body.contains(words), "{words:?} in {body}");
    }
    // Alex sees none of it.
    let alex = app.person(ALEX_NUMBER, ALEX_PIN).await;
    assert!(!app.get("/me/who-has-looked", Some(&alex)).await.body.contains("Mum"));
}

/// The door is the only way in: no module but the guard asks the store
/// whether a practitioner may see a case.
#[test]
fn only_the_guard_checks_access_to_a_case() {
    let outside = |rel: &str| !rel.starts_with("store") && rel != "backend/access.rs";
    let offenders = server_sources_naming(outside, &["case_visible_to", "admit_practitioner"]);
    assert!(offenders.is_empty(), "case access outside backend/access.rs: {offenders:?}");
}
