//! Group commit (issue 14.5): syncs that arrive while the writer is busy wait
//! off the async workers and then go in together, each still answered only
//! after its ops are committed, each refused or applied on its own.

use crate::common::*;
use app::model::sync::SyncResponse;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use serde_json::json;
use server::seed;
use std::time::{Duration, Instant};
use tower::ServiceExt;

/// Hold the writer for `hold` on another thread (as a long commit would);
/// returns once it is held.
fn hold_the_writer(app: &TestApp, hold: Duration) -> std::thread::JoinHandle<()> {
    let backend = app.backend.clone();
    let (held, is_held) = std::sync::mpsc::channel();
    let holder = std::thread::spawn(move || {
        let _writer = backend.store_for_tests().hold_writes().unwrap();
        held.send(()).expect("tell the test");
        std::thread::sleep(hold);
    });
    is_held.recv().expect("the writer is held");
    holder
}

fn sync_request(cookie: &str, body: serde_json::Value) -> Request<Body> {
    Request::post("/api/v1/sync")
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::COOKIE, cookie)
        .body(Body::from(body.to_string()))
        .expect("request")
}

/// One async worker, as under load when every worker is busy: a sync waiting
/// for the writer must not stop it drawing pages.
#[tokio::test(flavor = "current_thread")]
async fn a_sync_waiting_for_the_writer_does_not_hold_up_pages() {
    let app = TestApp::new();
    let jay = app.person(seed::DEMO_PERSON_NUMBER, seed::DEMO_PERSON_PIN).await;
    let holder = hold_the_writer(&app, Duration::from_secs(3));
    let step = app.count("SELECT MIN(id) FROM step WHERE case_id = 1");
    let op = json!({"version": 1, "since": 0, "ops": [{"id": "op-wait-00000001", "kind": "step", "step": step, "status": "done"}]});
    let waiting = tokio::spawn(app.router.clone().oneshot(sync_request(&jay, op)));
    let started = Instant::now();
    tokio::task::yield_now().await; // the sync starts and waits for the writer
    let page = app.get("/hope", None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(started.elapsed() < Duration::from_secs(2), "the page waited {:?} for the sync", started.elapsed());
    holder.join().expect("holder");
    let answer = waiting.await.expect("task").expect("infallible");
    assert_eq!(answer.status(), StatusCode::OK, "answered once the writer is free");
}

/// Several people's syncs that arrive together: each gets its own answer,
/// a refused one changes nothing and does not stop the others.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn syncs_that_arrive_together_are_each_applied_or_refused_on_their_own() {
    let app = TestApp::new();
    let jay = app.person(seed::DEMO_PERSON_NUMBER, seed::DEMO_PERSON_PIN).await;
    let alex = app.person(ALEX_NUMBER, ALEX_PIN).await;
    let jay_step = app.count("SELECT MIN(id) FROM step WHERE case_id = 1");
    let alex_step = app.count(&format!("SELECT MIN(id) FROM step WHERE case_id = {ALEX}"));
    let applied_before = app.count("SELECT COUNT(*) FROM applied_op");
    let holder = hold_the_writer(&app, Duration::from_millis(500));
    let op = |id: &str, step: i64, since: u64| json!({"version": 1, "since": since, "ops": [{"id": id, "kind": "step", "step": step, "status": "done"}]});
    let sends = [
        sync_request(&jay, op("op-together-0001", jay_step, 0)),
        sync_request(&alex, op("op-together-0002", alex_step, 0)),
        // A phone ahead of the server is refused whole, op and all.
        sync_request(&alex, op("op-together-0003", alex_step, 1_000_000)),
        sync_request(&jay, op("op-together-0004", jay_step, 0)),
    ];
    let tasks: Vec<_> = sends.into_iter().map(|req| tokio::spawn(app.router.clone().oneshot(req))).collect();
    holder.join().expect("holder");
    let mut statuses = Vec::new();
    for task in tasks {
        let res = task.await.expect("task").expect("infallible");
        let status = res.status();
        let body = http_body_util::BodyExt::collect(res.into_body()).await.expect("body").to_bytes();
        if status == StatusCode::OK {
            let answer: SyncResponse = serde_json::from_slice(&body).expect("a sync answer");
            assert!(answer.results.iter().all(|r| r.outcome == app::model::sync::Outcome::Applied), "{answer:?}");
            assert!(answer.changes.is_some(), "the case as it is after the op");
        }
        statuses.push(status);
    }
    let expected = [StatusCode::OK, StatusCode::OK, StatusCode::CONFLICT, StatusCode::OK];
    assert_eq!(statuses, expected);
    assert_eq!(app.count("SELECT COUNT(*) FROM applied_op"), applied_before + 3, "the refused op left no trace");
    assert_eq!(app.count("SELECT COUNT(*) FROM applied_op WHERE op_id = 'op-together-0003'"), 0);
}
