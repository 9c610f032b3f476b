//! Several servers, one database (issue 11.4): two real `waymark` processes on
//! one PostgreSQL. A phone syncs through both in turn, sending each batch again
//! through the other (as a phone that never heard back would): every op is
//! applied exactly once, and both servers then tell the phone the same case.
//! Then one server is killed (SIGKILL) mid-sync: no op it acknowledged is lost,
//! and everything sent again through the other lands once.
//! Runs when `WAYMARK_TEST_DATABASE_URL` names a PostgreSQL (`.ci/with-postgres`).

use crate::process::{free_addr, sign_in, start, sync};
use serde_json::{json, Value};
use std::process::Child;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

fn op(id: &str, condition: i64) -> Value {
    json!({"id": id, "kind": "question", "condition": condition, "text": format!("Question {id}")})
}

/// How many times op `id` was recorded, and how many of its questions are kept.
fn copies(store: &server::store::Store, id: &str) -> (i64, i64) {
    let conn = store.read().expect("read");
    let count = |sql: &str, v: &str| -> i64 { conn.query_row(sql, [v], |r| r.get(0)).expect("count") };
    (
        count("SELECT COUNT(*) FROM applied_op WHERE op_id = ?1", id),
        count("SELECT COUNT(*) FROM condition_message WHERE body = ?1", &format!("Question {id}")),
    )
}

fn borrowed<'s>(settings: &'s [(&'static str, String)]) -> Vec<(&'static str, &'s str)> {
    settings.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

fn stop(mut server: Child) {
    let _ = server.kill();
    let _ = server.wait();
}

#[test]
fn two_servers_on_one_database_apply_each_op_once_and_lose_none_to_a_kill() {
    let Some(url) = server::store::pg_testing::fresh_database_url() else {
        eprintln!("skipped: set WAYMARK_TEST_DATABASE_URL (.ci/with-postgres) to run two servers on PostgreSQL");
        return;
    };
    let (dir_a, dir_b) = (tempfile::tempdir().expect("dir"), tempfile::tempdir().expect("dir"));
    let (a, b) = (free_addr(), free_addr());
    let settings = |dir: &tempfile::TempDir| {
        vec![("WAYMARK_DATABASE_URL", url.clone()), ("WAYMARK_DATA_DIR", dir.path().to_string_lossy().into_owned())]
    };
    let (set_a, set_b) = (settings(&dir_a), settings(&dir_b));
    // Both start (and seed) at once on the same database.
    let starting_b = std::thread::spawn(move || start(&borrowed(&set_b), b));
    let server_a = start(&borrowed(&set_a), a);
    let server_b = starting_b.join().expect("server B");
    let store = server::store::Store::open_postgres_sized(&url, 2).expect("the database");

    // A session made on one server is good on the other: sessions live in the database.
    let cookie = sign_in(a);
    let first = sync(b, &cookie, &json!({"version": 1, "since": 0, "ops": []})).expect("first sync");
    assert_eq!(first.status, 200, "{}", first.body);
    let snapshot: Value = serde_json::from_str(&first.body).expect("json");
    let condition = snapshot["changes"]["licence"]["conditions"][0]["id"].as_i64().expect("a condition");

    // Alternately through A and B; each batch sent again through the other.
    let mut sent = Vec::new();
    let mut previous: Vec<String> = Vec::new();
    for round in 0..16 {
        let fresh: Vec<String> = (0..3).map(|i| format!("two-{round:02}-{i}")).collect();
        let ids: Vec<String> = previous.iter().chain(&fresh).cloned().collect();
        let ops: Vec<Value> = ids.iter().map(|id| op(id, condition)).collect();
        let through = if round % 2 == 0 { a } else { b };
        let answer = sync(through, &cookie, &json!({"version": 1, "since": 0, "ops": ops})).expect("sync");
        assert_eq!(answer.status, 200, "{}", answer.body);
        assert_eq!(answer.body.matches("\"status\":\"applied\"").count(), ids.len(), "{}", answer.body);
        sent.extend(fresh.iter().cloned());
        previous = fresh;
    }
    // The same batch through both at the same moment (a retry racing the first try).
    for round in 0..10 {
        let ids: Vec<String> = (0..3).map(|i| format!("race-{round:02}-{i}")).collect();
        let body = json!({"version": 1, "since": 0, "ops": ids.iter().map(|id| op(id, condition)).collect::<Vec<_>>()});
        let racing: Vec<_> = [a, b]
            .into_iter()
            .map(|addr| {
                let (body, cookie) = (body.clone(), cookie.clone());
                std::thread::spawn(move || sync(addr, &cookie, &body).expect("racing sync"))
            })
            .collect();
        for answer in racing.into_iter().map(|t| t.join().expect("racer")) {
            assert_eq!(answer.status, 200, "{}", answer.body);
            assert_eq!(answer.body.matches("\"status\":\"applied\"").count(), 3, "{}", answer.body);
        }
        sent.extend(ids);
    }
    for id in &sent {
        assert_eq!(copies(&store, id), (1, 1), "op {id} applied exactly once");
    }
    // Convergence: both servers give the phone the same case and cursor.
    let quiet = json!({"version": 1, "since": 0, "ops": []});
    let (from_a, from_b) = (sync(a, &cookie, &quiet).expect("A"), sync(b, &cookie, &quiet).expect("B"));
    assert_eq!(from_a.status, 200);
    assert_eq!(from_a.body, from_b.body, "both servers tell the phone the same");

    // A phone streams ops to B; B is killed mid-sync.
    let acknowledged = Arc::new(Mutex::new(Vec::<String>::new()));
    let tried = Arc::new(Mutex::new(Vec::<String>::new()));
    let done = Arc::new(AtomicBool::new(false));
    let sender = {
        let (acknowledged, tried, done, cookie) = (acknowledged.clone(), tried.clone(), done.clone(), cookie.clone());
        std::thread::spawn(move || {
            let mut n = 0;
            while !done.load(Ordering::Relaxed) {
                let ids: Vec<String> = (0..3).map(|i| format!("kill-{n:05}-{i}")).collect();
                n += 1;
                tried.lock().expect("lock").extend(ids.iter().cloned());
                let ops: Vec<Value> = ids.iter().map(|id| op(id, condition)).collect();
                let Ok(answer) = sync(b, &cookie, &json!({"version": 1, "since": 0, "ops": ops})) else { break };
                if answer.status == 200 && answer.body.ends_with('}') {
                    assert_eq!(answer.body.matches("\"status\":\"applied\"").count(), 3, "{}", answer.body);
                    acknowledged.lock().expect("lock").extend(ids);
                }
            }
        })
    };
    let deadline = Instant::now() + Duration::from_secs(60);
    while acknowledged.lock().expect("lock").len() < 30 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(5));
    }
    stop(server_b); // SIGKILL
    done.store(true, Ordering::Relaxed);
    sender.join().expect("sender");
    let acked = acknowledged.lock().expect("lock").clone();
    assert!(acked.len() >= 30, "the stream was running when B was killed ({} acks)", acked.len());
    for id in &acked {
        assert_eq!(copies(&store, id), (1, 1), "acknowledged op {id} is kept");
    }
    // Everything the phone tried, sent again through A: each lands exactly once.
    let tried = tried.lock().expect("lock").clone();
    for batch in tried.chunks(30) {
        let ops: Vec<Value> = batch.iter().map(|id| op(id, condition)).collect();
        let answer = sync(a, &cookie, &json!({"version": 1, "since": 0, "ops": ops})).expect("resend through A");
        assert_eq!(answer.status, 200, "{}", answer.body);
        assert_eq!(answer.body.matches("\"status\":\"applied\"").count(), batch.len(), "{}", answer.body);
    }
    for id in &tried {
        assert_eq!(copies(&store, id), (1, 1), "op {id} applied exactly once");
    }
    stop(server_a);
}
