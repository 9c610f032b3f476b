//! Nothing personal is kept where it could open after sign-out (issue 15.1):
//! personal responses say `no-store`; the service worker is told to keep a
//! person's pages only in their session's cache, and nothing of a
//! practitioner's or a shared page; every sign-out says `Clear-Site-Data`.

use crate::common::*;
use axum::http::StatusCode;
use server::seed;

fn keep(r: &Reply) -> &str {
    r.header("x-waymark-keep")
}

fn person(r: &Reply) -> &str {
    r.header("x-waymark-person")
}

#[tokio::test]
async fn a_persons_pages_are_kept_only_in_their_sessions_cache() {
    let app = TestApp::new();
    let map = app.jays_map();
    let jay = app.person(seed::DEMO_PERSON_NUMBER, seed::DEMO_PERSON_PIN).await;
    // The session's end if unused from now: a month unused comes before its fixed end.
    let ends: i64 = app
        .backend
        .store_for_tests()
        .read()
        .unwrap()
        .query_row(
            "SELECT CASE WHEN expires_at < last_seen_at + ?1 THEN expires_at ELSE last_seen_at + ?1 END FROM session",
            [server::auth::PERSON_IDLE_SECONDS],
            |r| r.get(0),
        )
        .unwrap();
    let map = format!("/me/licence/{map}/map");
    let mut ids = Vec::new();
    for path in [
        "/me",
        "/me/licence",
        "/me/appointments",
        "/me/steps",
        "/me/share",
        "/hope",
        &map,
        "/me/appointments/1/calendar.ics",
    ] {
        let r = app.get(path, Some(&jay)).await;
        assert_eq!(r.status, StatusCode::OK, "{path}");
        assert_eq!(r.header("cache-control"), "no-store", "{path}");
        assert_eq!(keep(&r), "person", "{path}");
        let (id, end) = person(&r).split_once(' ').expect("<id> <end>");
        assert!(id.len() == 16 && id.chars().all(|c| c.is_ascii_hexdigit()), "{path}: {id}");
        assert_eq!(end.parse::<i64>().unwrap(), ends, "{path}: the session's end");
        assert!(!jay.contains(id), "the id is not the token");
        ids.push(id.to_owned());
    }
    ids.dedup();
    assert_eq!(ids.len(), 1, "one cache for the session");
    // Another session (a sign-in on the same phone later) has another cache.
    let again = app.person(seed::DEMO_PERSON_NUMBER, seed::DEMO_PERSON_PIN).await;
    assert_ne!(person(&app.get("/me", Some(&again)).await).split(' ').next(), Some(ids[0].as_str()));
    // The page says a person is signed in, so the phone keeps the case's copy.
    assert!(!app.get("/me", Some(&jay)).await.body.contains("data-no-person"));
    // What the app asks of the server is not a page to keep.
    let r = app.call("/api/person_licence", "", Some(&jay)).await;
    assert_eq!((r.header("cache-control"), keep(&r)), ("no-store", ""));
}

#[tokio::test]
async fn practitioners_pages_and_shared_pages_are_never_kept() {
    let app = TestApp::new();
    let map = app.jays_map();
    let sam = app.practitioner(seed::DEMO_PRACTITIONER).await;
    let case_map = format!("/caseload/{JAY}/licence/{map}/map");
    let calendar = format!("/caseload/{JAY}/calendar.ics");
    for path in
        ["/caseload", "/caseload/1", "/caseload/1/licence", "/caseload/hope/export.json", "/hope", &case_map, &calendar]
    {
        let r = app.get(path, Some(&sam)).await;
        assert_eq!(r.status, StatusCode::OK, "{path}");
        assert_eq!(r.header("cache-control"), "no-store", "{path}");
        assert_eq!((keep(&r), person(&r)), ("", "none"), "{path}: never kept");
        assert!(r.body.contains("data-no-person") || !r.header("content-type").contains("html"), "{path}");
    }
    app.backend.store_for_tests()
        .write().unwrap()
        .execute(
            "INSERT INTO share_link (case_id, token_hash, who, show_appointments, show_licence, show_steps, created_at, ends_at)
             VALUES (?1, ?2, 'Mum', 1, 1, 1, unixepoch(), unixepoch() + 86400)",
            server::params![JAY, server::auth::token_hash("kept-token")],
        )
        .unwrap();
    let jay = app.person(seed::DEMO_PERSON_NUMBER, seed::DEMO_PERSON_PIN).await;
    for cookie in [None, Some(jay.as_str())] {
        let r = app.get("/shared/kept-token", cookie).await;
        assert_eq!(r.status, StatusCode::OK);
        assert_eq!((r.header("cache-control"), keep(&r)), ("no-store", ""), "a shared page is never kept");
    }
}

#[tokio::test]
async fn public_pages_for_nobody_may_be_kept_and_say_no_one_is_signed_in() {
    let app = TestApp::new();
    for path in ["/", "/hope", "/hope/1", "/hope/families", "/hope/safety", "/sign-in", "/activate"] {
        let r = app.get(path, None).await;
        assert_eq!((keep(&r), person(&r)), ("public", "none"), "{path}");
        assert_ne!(r.header("cache-control"), "no-store", "{path}");
        assert!(r.body.contains("data-no-person"), "{path}: a case left on the phone goes");
    }
    // A session that has ended, or a cookie that never was one: the same as nobody.
    let jay = app.person(seed::DEMO_PERSON_NUMBER, seed::DEMO_PERSON_PIN).await;
    app.backend
        .store_for_tests()
        .write()
        .unwrap()
        .execute("UPDATE session SET expires_at = unixepoch() - 1", ())
        .unwrap();
    for cookie in [jay.as_str(), "waymark=not-a-session"] {
        let r = app.get("/sign-in", Some(cookie)).await;
        assert_eq!(person(&r), "none", "the worker deletes the person's copy");
        assert_eq!(app.get("/me", Some(cookie)).await.location.as_deref(), Some("/sign-in"));
    }
}

#[tokio::test]
async fn every_sign_out_asks_the_browser_to_clear_what_it_kept() {
    let app = TestApp::new();
    let jay = app.person(seed::DEMO_PERSON_NUMBER, seed::DEMO_PERSON_PIN).await;
    let plain = app.post_form("/api/sign_out", "", "/me", Some(&jay)).await;
    assert_eq!(plain.header("clear-site-data"), "\"cache\"", "the outbox of unsent changes stays");
    let jay = app.person(seed::DEMO_PERSON_NUMBER, seed::DEMO_PERSON_PIN).await;
    let wipe = app.post_form("/api/sign_out", "wipe=1", "/me", Some(&jay)).await;
    assert_eq!(wipe.header("clear-site-data"), "\"cache\", \"cookies\", \"storage\"");
    let sam = app.practitioner(seed::DEMO_PRACTITIONER).await;
    let r = app.call("/api/sign_out", "", Some(&sam)).await;
    assert_eq!(r.header("clear-site-data"), "\"cache\"");
}
