//! Bodies over the limit and text that is not UTF-8: refused plainly before any
//! handler runs, whether the length was declared or the body came in chunks.

use super::common::*;
use axum::body::{Body, Bytes};
use axum::http::{header, Request, StatusCode};
use server::seed;

fn count(app: &TestApp, table: &str) -> i64 {
    app.backend
        .store_for_tests()
        .read()
        .unwrap()
        .query_row(&format!("SELECT COUNT(*) FROM {table}"), (), |r| r.get(0))
        .unwrap()
}

/// A body sent in 8 KB chunks with no `Content-Length`, as `Transfer-Encoding: chunked` is.
fn chunked(bytes: Vec<u8>) -> Body {
    let chunks: Vec<Result<Bytes, std::io::Error>> =
        bytes.chunks(8 * 1024).map(|c| Ok(Bytes::copy_from_slice(c))).collect();
    Body::from_stream(futures_util::stream::iter(chunks))
}

fn post(path: &str, content_type: &str, accept: &str, cookie: &str, body: Body) -> Request<Body> {
    Request::post(path)
        .header(header::CONTENT_TYPE, content_type)
        .header(header::ACCEPT, accept)
        .header(header::COOKIE, cookie)
        .body(body)
        .unwrap()
}

const FORM: &str = "application/x-www-form-urlencoded";

#[tokio::test]
async fn a_chunked_server_function_call_over_the_limit_gets_413_and_saves_nothing() {
    let app = TestApp::new();
    let sam = app.practitioner(seed::DEMO_PRACTITIONER).await;
    let cases = count(&app, "cases");
    let big = format!("preferred_name={}&licence_start=2026-11-01&licence_end=2027-11-01", "x".repeat(100_000));
    for accept in ["application/json", "text/html"] {
        let r = app.send(post("/api/create_case", FORM, accept, &sam, chunked(big.clone().into_bytes()))).await;
        assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE, "{accept}: {}", r.body);
        assert!(r.message().contains("That was too much to send at once. Nothing was saved."), "{}", r.body);
    }
    assert_eq!(count(&app, "cases"), cases);
    // Under the limit, a chunked body is read as usual.
    let small = "preferred_name=Sky&licence_start=2026-11-01&licence_end=2027-11-01";
    let r = app.send(post("/api/create_case", FORM, "application/json", &sam, chunked(small.into()))).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(count(&app, "cases"), cases + 1);
}

#[tokio::test]
async fn a_chunked_sync_over_the_limit_gets_413_with_its_reason() {
    let app = TestApp::new();
    let jay = app.person(seed::DEMO_PERSON_NUMBER, seed::DEMO_PERSON_PIN).await;
    let body = format!(r#"{{"version":1,"since":0,"ops":[],"padding":"{}"}}"#, "x".repeat(100_000));
    let r = app.send(post("/api/v1/sync", "application/json", "application/json", &jay, chunked(body.into()))).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", r.body);
    let refusal: serde_json::Value = serde_json::from_str(&r.body).expect("json");
    assert_eq!(refusal["error"], "too_large");
    assert!(refusal["reason"].as_str().unwrap_or_default().contains("too much to send"), "{}", r.body);
}

#[tokio::test]
async fn chunked_uploads_over_their_limit_are_refused_as_declared_ones_are() {
    let app = TestApp::with(|c| c.max_import_bytes = 4 * 1024);
    let sam = app.practitioner(seed::DEMO_PRACTITIONER).await;
    let services = count(&app, "service");
    let (content_type, body) = multipart("file", "services.json", &vec![b' '; 200 * 1024]);
    let r = app.send(post("/caseload/hope/import", &content_type, "text/html", &sam, chunked(body))).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(r.location.as_deref(), Some("/caseload/hope#exchange"), "back to the import form");
    let back = app.follow(&r, Some(&sam)).await.body;
    assert!(back.contains("That file is too big."), "{back}");
    assert_eq!(count(&app, "service"), services);

    let condition: i64 = app
        .backend
        .store_for_tests()
        .read()
        .unwrap()
        .query_row("SELECT id FROM case_condition WHERE case_id = ?1 LIMIT 1", [JAY], |r| r.get(0))
        .unwrap();
    let mut huge = b"%PDF-1.7\n".to_vec();
    huge.resize(app::model::map::MAP_MAX_BYTES + 200 * 1024, b' ');
    let (content_type, body) = multipart("map", "huge.pdf", &huge);
    let path = format!("/caseload/{JAY}/licence/{condition}/map");
    let r = app.send(post(&path, &content_type, "text/html", &sam, chunked(body))).await;
    assert_eq!(r.location, Some(format!("/caseload/{JAY}/licence/{condition}/edit?map=too-big#map")), "{}", r.body);
    assert_eq!(count(&app, "condition_map"), 0);
}

#[tokio::test]
async fn a_form_that_is_not_utf8_is_refused_and_nothing_is_stored() {
    let app = TestApp::new();
    let sam = app.practitioner(seed::DEMO_PRACTITIONER).await;
    let cases = count(&app, "cases");
    let raw = b"preferred_name=Sk\xffy&licence_start=2026-11-01&licence_end=2027-11-01".to_vec();
    let escaped = b"preferred_name=Sk%FFy&licence_start=2026-11-01&licence_end=2027-11-01".to_vec();
    let split = b"preferred_name=Sk%C3&licence_start=%A92026-11-01&licence_end=2027-11-01".to_vec();
    for (what, body) in [("raw", raw), ("percent-encoded", escaped), ("split across fields", split)] {
        for accept in ["application/json", "text/html"] {
            let r = app.send(post("/api/create_case", FORM, accept, &sam, Body::from(body.clone()))).await;
            assert_eq!(r.status, StatusCode::BAD_REQUEST, "{what}, {accept}: {}", r.body);
            assert!(r.message().contains("could not be read. Nothing was saved."), "{what}: {}", r.body);
        }
    }
    assert_eq!(count(&app, "cases"), cases, "nothing stored, not even with replacement characters");
    // Real UTF-8, written as a browser encodes it, is fine.
    let r = app
        .call(
            "/api/create_case",
            "preferred_name=Sk%C3%BDe&licence_start=2026-11-01&licence_end=2027-11-01",
            Some(&sam),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let name: String = app
        .backend
        .store_for_tests()
        .read()
        .unwrap()
        .query_row("SELECT preferred_name FROM cases ORDER BY id DESC LIMIT 1", (), |r| r.get(0))
        .unwrap();
    assert_eq!(name, "Skýe");
}

#[tokio::test]
async fn a_body_that_breaks_off_is_refused_plainly() {
    let app = TestApp::new();
    let sam = app.practitioner(seed::DEMO_PRACTITIONER).await;
    let cases = count(&app, "cases");
    let chunks: Vec<Result<Bytes, std::io::Error>> = vec![
        Ok(Bytes::from_static(b"preferred_name=Sky&licence_start=")),
        Err(std::io::ErrorKind::ConnectionReset.into()),
    ];
    let body = Body::from_stream(futures_util::stream::iter(chunks));
    let r = app.send(post("/api/create_case", FORM, "application/json", &sam, body)).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
    assert_eq!(r.message(), "What was sent did not arrive whole. Nothing was saved. Please try again.");
    assert_eq!(count(&app, "cases"), cases);
}
