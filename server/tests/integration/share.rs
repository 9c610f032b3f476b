//! Share links: the person chooses what a supporter sees; the supporter sees
//! only that, never a rule about other people or places, and nothing once the
//! link has ended or been turned off.

use super::common::*;
use app::model::CaseId;
use axum::http::StatusCode;
use server::{seed, store};

const NO_CONTACT: &str = "4858cd8b-bca6-4f11-b6ee-439e27216d7d";

/// The token in the first link address on a page, if any.
pub fn link_on(page: &str) -> Option<String> {
    let at = page.find("/shared/")?;
    Some(page[at + 8..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect())
}

/// Jay makes a link; its token, read from the page Jay is shown just after.
pub async fn make_link(app: &TestApp, jay: &str, form: &str) -> String {
    let r = app.call("/api/create_share_link", form, Some(jay)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let id: i64 = app
        .backend
        .store_for_tests()
        .read()
        .unwrap()
        .query_row("SELECT MAX(id) FROM share_link", (), |r| r.get(0))
        .expect("a link");
    let page = app.get(&format!("/me/share?made={id}"), Some(jay)).await.body;
    link_on(&page).expect("the new link is shown")
}

#[tokio::test]
async fn a_supporter_sees_only_what_was_chosen_and_never_people_or_places() {
    let app = TestApp::new();
    {
        // A rule naming someone Jay must not contact: never for a supporter's eyes.
        let conn = app.backend.store_for_tests().write().unwrap();
        let details = [("name".to_owned(), vec!["Jane Doe".to_owned()])].into_iter().collect();
        store::insert_answered_condition(
            &conn,
            CaseId(JAY),
            "4.0",
            NO_CONTACT,
            &details,
            Some("Stay away from Jane."),
            None,
        )
        .unwrap();
    }
    let jay = app.person(seed::DEMO_PERSON_NUMBER, seed::DEMO_PERSON_PIN).await;
    let token = make_link(&app, &jay, "form[who]=Mum&form[appointments]=on&form[licence]=on&form[length]=week").await;

    let page = app.get(&format!("/shared/{token}"), None).await;
    assert_eq!(page.status, StatusCode::OK);
    let body = page.body;
    assert!(body.contains("Shared by Jay"), "{body}");
    assert!(body.contains("Be at your agreed address when your curfew is on"), "a rule about times is shown");
    assert!(body.contains("tonight") || body.contains("You should be at home now, until 7am"), "with today's terms");
    assert!(body.contains("Appointments coming up"));
    for secret in [
        "Do not contact the people named",
        "Jane",
        "Ask before you go outside the UK",
        "Does my mum",
        "If work needs you out late",
        "Steps to ID",
    ] {
        assert!(!body.contains(secret), "a supporter must not see {secret:?}");
    }
    // A supporter's page loads no app.
    assert!(!body.contains("waymark-app") && !body.contains(".wasm"));
}

#[tokio::test]
async fn a_link_stops_when_turned_off_or_ended_and_only_its_owner_turns_it_off() {
    let app = TestApp::new();
    let jay = app.person(seed::DEMO_PERSON_NUMBER, seed::DEMO_PERSON_PIN).await;
    let alex = app.person(ALEX_NUMBER, ALEX_PIN).await;
    let token = make_link(&app, &jay, "form[who]=Sam&form[steps]=on&form[length]=month").await;
    let id: i64 =
        app.backend.store_for_tests().read().unwrap().query_row("SELECT id FROM share_link", (), |r| r.get(0)).unwrap();
    let body = app.get(&format!("/shared/{token}"), None).await.body;
    assert!(body.contains("Steps to ID") && !body.contains("Appointments coming up"), "{body}");

    // Alex cannot turn off Jay's link: it does not exist for Alex.
    let r = app.call("/api/turn_off_share_link", &format!("id={id}"), Some(&alex)).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(app.get(&format!("/shared/{token}"), None).await.body.contains("Shared by Jay"));

    let r = app.call("/api/turn_off_share_link", &format!("id={id}"), Some(&jay)).await;
    assert_eq!(r.status, StatusCode::OK);
    let body = app.get(&format!("/shared/{token}"), None).await.body;
    assert!(body.contains("This link has ended") && body.contains("turned it off"), "{body}");
    assert!(!body.contains("Shared by Jay"));

    // A link past its end date shows nothing either.
    let token = make_link(&app, &jay, "form[who]=Dad&form[appointments]=on&form[length]=week").await;
    app.backend
        .store_for_tests()
        .write()
        .unwrap()
        .execute(
            "UPDATE share_link SET created_at = created_at - 100, ends_at = created_at - 50 WHERE token_hash = ?1",
            [server::auth::token_hash(&token)],
        )
        .unwrap();
    let body = app.get(&format!("/shared/{token}"), None).await.body;
    assert!(body.contains("This link has ended") && body.contains("time is up"), "{body}");

    assert_eq!(app.get("/shared/not-a-real-token", None).await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_bad_share_form_is_refused_plainly_and_makes_nothing() {
    let app = TestApp::new();
    let jay = app.person(seed::DEMO_PERSON_NUMBER, seed::DEMO_PERSON_PIN).await;
    let count = || -> i64 {
        app.backend
            .store_for_tests()
            .read()
            .unwrap()
            .query_row("SELECT COUNT(*) FROM share_link", (), |r| r.get(0))
            .unwrap()
    };
    for (form, message) in [
        ("form[who]=&form[licence]=on&form[length]=week", "Say who this link is for, like Mum or Sam."),
        ("form[who]=Mum&form[length]=week", "Tick at least one thing to share."),
        ("form[who]=Mum&form[licence]=on&form[length]=forever", "Choose how long the link lasts."),
    ] {
        let r = app.call("/api/create_share_link", form, Some(&jay)).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        assert_eq!(r.message(), message);
    }
    // Without JavaScript: back to the form, which says what is wrong and keeps what was typed.
    let r = app.post_form("/api/create_share_link", "form[who]=Mum&form[length]=week", "/me/share", Some(&jay)).await;
    let page = app.follow(&r, Some(&jay)).await.body;
    assert!(page.contains("Tick at least one thing to share.") && page.contains(r#"value="Mum""#), "{page}");
    assert_eq!(count(), 0);
}

#[tokio::test]
async fn a_link_is_shown_once_to_the_phone_that_made_it_and_its_token_is_never_stored() {
    let app = TestApp::new();
    let jay = app.person(seed::DEMO_PERSON_NUMBER, seed::DEMO_PERSON_PIN).await;
    let token = make_link(&app, &jay, "form[who]=Mum&form[steps]=on&form[length]=week").await;
    let id: i64 =
        app.backend.store_for_tests().read().unwrap().query_row("SELECT id FROM share_link", (), |r| r.get(0)).unwrap();
    let made = format!("/me/share?made={id}");
    // The database holds its hash only.
    let stored: String = app
        .backend
        .store_for_tests()
        .read()
        .unwrap()
        .query_row("SELECT token_hash FROM share_link", (), |r| r.get(0))
        .unwrap();
    assert_eq!(stored, server::auth::token_hash(&token));
    let dump: String = app
        .backend
        .store_for_tests()
        .read()
        .unwrap()
        .query_map("SELECT COALESCE(reveal_salt, '-') || who || token_hash FROM share_link", (), |r| r.get(0))
        .unwrap()
        .collect::<Result<Vec<String>, _>>()
        .unwrap()
        .join(",");
    assert!(!dump.contains(&token));
    // Another phone signed in as Jay does not see it, nor does the list without `made`.
    let other_phone = app.person(seed::DEMO_PERSON_NUMBER, seed::DEMO_PERSON_PIN).await;
    assert_eq!(link_on(&app.get(&made, Some(&other_phone)).await.body), None);
    let list = app.get("/me/share", Some(&jay)).await.body;
    assert!(list.contains("For Mum") && link_on(&list).is_none(), "{list}");
    // Ten minutes on, not even the phone that made it.
    app.backend
        .store_for_tests()
        .write()
        .unwrap()
        .execute("UPDATE share_link SET created_at = created_at - 601", ())
        .unwrap();
    assert_eq!(link_on(&app.get(&made, Some(&jay)).await.body), None);
    // The link itself still works for Mum.
    assert!(app.get(&format!("/shared/{token}"), None).await.body.contains("Shared by Jay"));
}
