//! Another website's page cannot make a browser change anything (issue 15.7):
//! every kind of state-changing route, with a foreign `Origin` and with
//! `Sec-Fetch-Site: cross-site`, is refused with a plain 403 and changes nothing.

use crate::common::*;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use server::seed;

/// One state-changing request of each kind: (what, path, content type, body, cookie).
struct Kind {
    what: &'static str,
    path: String,
    content_type: String,
    body: Vec<u8>,
    cookie: Option<String>,
    accept: &'static str,
}

impl Kind {
    fn request(&self, extra: &[(&str, &str)]) -> Request<Body> {
        let mut req = Request::post(&self.path)
            .header(header::HOST, "localhost")
            .header(header::CONTENT_TYPE, &self.content_type)
            .header(header::ACCEPT, self.accept)
            .header(header::CONTENT_LENGTH, self.body.len());
        if let Some(c) = &self.cookie {
            req = req.header(header::COOKIE, c);
        }
        for (k, v) in extra {
            req = req.header(*k, *v);
        }
        req.body(Body::from(self.body.clone())).expect("request")
    }
}

fn count(app: &TestApp, sql: &str) -> i64 {
    app.backend.store_for_tests().read().unwrap().query_row(sql, (), |r| r.get(0)).expect(sql)
}

/// Everything the requests below could change, in one list.
fn state(app: &TestApp) -> Vec<i64> {
    [
        "SELECT COUNT(*) FROM cases",
        "SELECT COUNT(*) FROM session",
        "SELECT COUNT(*) FROM service",
        "SELECT COUNT(*) FROM condition_map",
        "SELECT COUNT(*) FROM applied_op",
        "SELECT COUNT(*) FROM condition_message",
        "SELECT COUNT(*) FROM share_link",
    ]
    .iter()
    .map(|q| count(app, q))
    .collect()
}

async fn kinds(app: &TestApp) -> Vec<Kind> {
    let jay = app.person(seed::DEMO_PERSON_NUMBER, seed::DEMO_PERSON_PIN).await;
    let sam = app.practitioner(seed::DEMO_PRACTITIONER).await;
    let form = "application/x-www-form-urlencoded".to_owned();
    let (multi, map_body) = multipart("map", "map.png", b"\x89PNG\r\n\x1a\n0000000000000000");
    let oruk = include_str!("../../../end2end/fixtures/oruk-small.json");
    let (_, import_body) = multipart("file", "services.json", oruk.as_bytes());
    let html = "text/html,application/xhtml+xml";
    let op = r#"{"version":1,"since":0,"ops":[{"id":"op-cross-0001","kind":"question","condition":1,"text":"Hi"}]}"#;
    vec![
        Kind {
            what: "a plain form post (server function)",
            path: "/api/create_case".into(),
            content_type: form.clone(),
            body: b"preferred_name=Sky&licence_start=2026-11-01&licence_end=2027-11-01".to_vec(),
            cookie: Some(sam.clone()),
            accept: html,
        },
        Kind {
            what: "a server function called by the app",
            path: "/api/answer_condition".into(),
            content_type: form.clone(),
            body: b"condition_id=1&answer=understood".to_vec(),
            cookie: Some(jay.clone()),
            accept: "application/json",
        },
        Kind {
            what: "signing in (login forgery)",
            path: "/api/sign_in_person".into(),
            content_type: form.clone(),
            body: format!("number={}&pin={}", seed::DEMO_PERSON_NUMBER, seed::DEMO_PERSON_PIN).into_bytes(),
            cookie: None,
            accept: html,
        },
        Kind {
            what: "making a share link",
            path: "/api/create_share_link".into(),
            content_type: form.clone(),
            body: b"form[who]=Mum&form[steps]=on&form[length]=week".to_vec(),
            cookie: Some(jay.clone()),
            accept: html,
        },
        Kind {
            what: "the phone's sync",
            path: "/api/v1/sync".into(),
            content_type: "application/json".into(),
            body: op.as_bytes().to_vec(),
            cookie: Some(jay.clone()),
            accept: "application/json",
        },
        Kind {
            what: "a map upload",
            path: format!("/caseload/{JAY}/licence/1/map"),
            content_type: multi.clone(),
            body: map_body,
            cookie: Some(sam.clone()),
            accept: html,
        },
        Kind {
            what: "an Open Referral UK import",
            path: "/caseload/hope/import".into(),
            content_type: multi,
            body: import_body,
            cookie: Some(sam.clone()),
            accept: html,
        },
        Kind {
            what: "signing out",
            path: "/api/sign_out".into(),
            content_type: form,
            body: Vec::new(),
            cookie: Some(jay),
            accept: html,
        },
    ]
}

#[tokio::test]
async fn every_kind_of_change_from_another_site_is_refused_and_changes_nothing() {
    let app = TestApp::new();
    let kinds = kinds(&app).await;
    let before = state(&app);
    let foreign: [&[(&str, &str)]; 5] = [
        &[("origin", "https://evil.example")],
        &[("origin", "null")],
        &[("sec-fetch-site", "cross-site")],
        &[("sec-fetch-site", "same-site"), ("origin", "https://other.localhost")],
        // A browser says where it comes from; a matching Origin does not outvote it.
        &[("sec-fetch-site", "cross-site"), ("origin", "http://localhost")],
    ];
    for kind in &kinds {
        for headers in foreign {
            let r = app.send(kind.request(headers)).await;
            assert_eq!(r.status, StatusCode::FORBIDDEN, "{} with {headers:?}: {}", kind.what, r.body);
            assert!(r.body.contains("sent from a page that is not Waymark"), "{}: {}", kind.what, r.body);
            assert!(r.set_cookies().is_empty(), "{}: no cookie is set or cleared", kind.what);
        }
    }
    assert_eq!(state(&app), before, "nothing changed");
    // The sign-out was refused too: Jay's and Sam's sessions still work.
    for kind in &kinds {
        if let Some(c) = &kind.cookie {
            let home =
                if kind.path.starts_with("/caseload") || kind.path == "/api/create_case" { "/caseload" } else { "/me" };
            assert_eq!(app.get(home, Some(c)).await.status, StatusCode::OK, "{}", kind.what);
        }
    }
}

#[tokio::test]
async fn the_same_site_and_clients_that_are_not_browsers_get_through() {
    let app = TestApp::new();
    let kinds = kinds(&app).await;
    let own: [&[(&str, &str)]; 4] = [
        &[("sec-fetch-site", "same-origin"), ("origin", "http://localhost")],
        &[("origin", "http://localhost")],
        &[("sec-fetch-site", "none")],
        &[],
    ];
    for kind in &kinds {
        for headers in own {
            let r = app.send(kind.request(headers)).await;
            assert_ne!(r.status, StatusCode::FORBIDDEN, "{} with {headers:?}: {}", kind.what, r.body);
            assert!(!r.body.contains("not Waymark"), "{}: {}", kind.what, r.body);
        }
    }
}

#[tokio::test]
async fn the_sync_takes_json_only() {
    let app = TestApp::new();
    let jay = app.person(seed::DEMO_PERSON_NUMBER, seed::DEMO_PERSON_PIN).await;
    let op = r#"{"version":1,"since":0,"ops":[{"id":"op-cross-0002","kind":"question","condition":1,"text":"Hi"}]}"#;
    let before = count(&app, "SELECT COUNT(*) FROM applied_op");
    for content_type in ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", ""] {
        let mut req = Request::post("/api/v1/sync").header(header::COOKIE, &jay);
        if !content_type.is_empty() {
            req = req.header(header::CONTENT_TYPE, content_type);
        }
        let r = app.send(req.body(Body::from(op)).unwrap()).await;
        assert_eq!(r.status, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{content_type}: {}", r.body);
    }
    assert_eq!(count(&app, "SELECT COUNT(*) FROM applied_op"), before);
    let req = Request::post("/api/v1/sync")
        .header(header::COOKIE, &jay)
        .header(header::CONTENT_TYPE, "application/json; charset=utf-8")
        .body(Body::from(op))
        .unwrap();
    assert_eq!(app.send(req).await.status, StatusCode::OK);
}
