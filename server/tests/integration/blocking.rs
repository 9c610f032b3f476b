//! Nothing waits on SQLite or argon2 on the async worker threads (issues 14.4
//! and 15.10): with a single worker thread, `/health` still answers at once
//! while other requests wait for the database or hash PINs.

use super::common::*;
use axum::http::StatusCode;
use server::seed;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{mpsc, Arc};
use std::time::Duration;

/// A request waiting for the writer (held here by another thread) waits on
/// the blocking pool; on the worker thread it would block `/health` until
/// the writer was free.
#[tokio::test(flavor = "current_thread")]
async fn health_answers_while_a_request_waits_for_the_writer() {
    let app = TestApp::new();
    let jay = app.person(seed::DEMO_PERSON_NUMBER, seed::DEMO_PERSON_PIN).await;
    let released = Arc::new(AtomicBool::new(false));
    let (release, told) = mpsc::channel::<()>();
    let (held, holding) = mpsc::channel::<()>();
    let holder = {
        let (backend, released) = (app.backend.clone(), released.clone());
        std::thread::spawn(move || {
            let writer = backend.store_for_tests().hold_writes().unwrap();
            held.send(()).expect("held");
            // Let go when told, or after a while, so the old way ends too.
            let _ = told.recv_timeout(Duration::from_secs(3));
            released.store(true, Ordering::SeqCst);
            drop(writer);
        })
    };
    holding.recv().expect("the writer is held");
    let answer = app.call("/api/answer_condition", "condition_id=1&answer=understood", Some(&jay));
    let health = async {
        tokio::task::yield_now().await;
        let r = app.get("/health", None).await;
        let while_held = !released.load(Ordering::SeqCst);
        let _ = release.send(());
        (r.status, while_held)
    };
    let (answered, (status, while_held)) = tokio::join!(answer, health);
    holder.join().expect("holder");
    assert_eq!(status, StatusCode::OK);
    assert!(while_held, "/health waited for the writer: a database call ran on the async thread");
    assert_eq!(answered.status, StatusCode::OK, "and the waiting request went through: {}", answered.body);
}

/// Sign-ins hash on a pool of their own: `/health` does not queue behind them.
#[tokio::test(flavor = "current_thread")]
async fn health_answers_while_sign_ins_hash() {
    let app = TestApp::with(|c| c.hashing_threads = Some(1));
    let done = AtomicUsize::new(0);
    let tries = 4;
    let sign_in = |i: usize| {
        let done = &done;
        let app = &app;
        async move {
            let form = format!("number={}&pin={}", seed::DEMO_PERSON_NUMBER, 1000 + i);
            let r = app.call_from(&format!("198.51.100.{}", i + 1), &[], "/api/sign_in_person", &form, None).await;
            done.fetch_add(1, Ordering::SeqCst);
            r.status
        }
    };
    let health = async {
        // Long enough for every sign-in to be hashing or waiting its turn.
        tokio::time::sleep(Duration::from_millis(30)).await;
        let r = app.get("/health", None).await;
        (r.status, done.load(Ordering::SeqCst))
    };
    let (a, b, c, d, (status, finished)) = tokio::join!(sign_in(0), sign_in(1), sign_in(2), sign_in(3), health);
    let statuses = [a, b, c, d];
    assert_eq!(status, StatusCode::OK);
    assert!(statuses.iter().all(|s| *s == StatusCode::BAD_REQUEST), "wrong PINs: {statuses:?}");
    // Each hash takes far longer than `/health`; in one queue with them it
    // would answer only as the last sign-in did.
    assert!(finished <= 1, "/health waited for {finished} of {tries} sign-ins to hash");
}
