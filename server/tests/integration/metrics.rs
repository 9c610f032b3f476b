//! Prometheus `/metrics` (issue 11.6): requests, latency, sync ops and sign-in
//! failures, for a scraper on this machine only, with nothing personal in it.

use crate::common::*;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use serde_json::json;
use server::seed;

async fn scrape(app: &TestApp) -> String {
    let r = app.get_from("127.0.0.1", "/metrics", None).await;
    assert_eq!(r.status, StatusCode::OK);
    r.body
}

#[tokio::test]
async fn metrics_count_requests_syncs_and_failed_sign_ins_and_name_no_one() {
    let app = TestApp::new();
    let sam = app.practitioner(seed::DEMO_PRACTITIONER).await;
    let jay = app.person(seed::DEMO_PERSON_NUMBER, seed::DEMO_PERSON_PIN).await;
    app.get(&format!("/caseload/{JAY}"), Some(&sam)).await;
    app.get("/me/licence", Some(&jay)).await;
    let wrong = format!("number={}&pin=9753", seed::DEMO_PERSON_NUMBER);
    app.call("/api/sign_in_person", &wrong, None).await;
    let step = app.count(&format!("SELECT MIN(id) FROM step WHERE case_id = {JAY}"));
    let op = json!({"version": 1, "since": 0, "ops": [{"id": "op-metrics-000001", "kind": "step", "step": step, "status": "done"}]});
    let sync = Request::post("/api/v1/sync")
        .header("content-type", "application/json")
        .header("cookie", &jay)
        .body(Body::from(op.to_string()))
        .unwrap();
    assert_eq!(app.send(sync).await.status, StatusCode::OK);

    let text = scrape(&app).await;
    for line in [
        r#"waymark_http_requests_total{method="GET",route="/caseload/{id}",status="200"}"#,
        r#"waymark_http_requests_total{method="GET",route="/me/licence",status="200"}"#,
        r#"waymark_http_request_duration_seconds_bucket{route="/me/licence",le="0.02"}"#,
        r#"waymark_sign_in_failures_total{tried="person"}"#,
        r#"waymark_sync_ops_total{outcome="applied"}"#,
    ] {
        assert!(text.contains(line), "missing {line} in\n{text}");
    }
    // A route is its template, never the address asked for; no number, name or address.
    for personal in
        [format!("/caseload/{JAY}\""), seed::DEMO_PERSON_NUMBER.to_owned(), "Jay".into(), "127.0.0.1".into()]
    {
        assert!(!text.contains(&personal), "{personal} is in the metrics");
    }
}

#[tokio::test]
async fn only_a_scraper_on_this_machine_asking_directly_reads_them() {
    let app = TestApp::new();
    assert_eq!(app.get_from("203.0.113.9", "/metrics", None).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.get("/metrics", None).await.status, StatusCode::NOT_FOUND, "no peer known");
    let mut through_proxy =
        Request::get("/metrics").header("x-forwarded-for", "203.0.113.9").body(Body::empty()).unwrap();
    through_proxy
        .extensions_mut()
        .insert(axum::extract::ConnectInfo("127.0.0.1:40000".parse::<std::net::SocketAddr>().unwrap()));
    assert_eq!(
        app.send(through_proxy).await.status,
        StatusCode::NOT_FOUND,
        "a proxy on this machine does not publish it"
    );
    assert_eq!(app.get_from("[::1]", "/metrics", None).await.status, StatusCode::OK);
}
