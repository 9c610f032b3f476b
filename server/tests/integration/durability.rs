//! Durability: the real `waymark` process is killed (SIGKILL) while a phone is
//! syncing; after a restart every op the server had acknowledged is there.
//! SQLite by nature (its file on disk); `several_servers.rs` kills one of two
//! servers on PostgreSQL.

use crate::process::{free_addr, sign_in, start, sync};
use serde_json::json;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

#[test]
fn every_acknowledged_op_survives_a_kill() {
    let data = tempfile::tempdir().expect("temp dir");
    let addr: SocketAddr = free_addr();
    let mut server = start(&[("WAYMARK_DATA_DIR", &data.path().to_string_lossy())], addr);
    let cookie = sign_in(addr);
    let first = sync(addr, &cookie, &json!({"version": 1, "since": 0, "ops": []})).expect("first sync");
    let snapshot: serde_json::Value = serde_json::from_str(&first.body).expect("json");
    let condition = snapshot["changes"]["licence"]["conditions"][0]["id"].as_i64().expect("a condition");

    // A phone sends ops as fast as it can; the ids the server acknowledged are kept.
    let acknowledged = Arc::new(Mutex::new(Vec::<String>::new()));
    let stop = Arc::new(AtomicBool::new(false));
    let sender = {
        let (acknowledged, stop, cookie) = (acknowledged.clone(), stop.clone(), cookie.clone());
        std::thread::spawn(move || {
            let mut n = 0;
            while !stop.load(Ordering::Relaxed) {
                let ids: Vec<String> = (0..3).map(|i| format!("kill-test-{n:05}-{i}")).collect();
                n += 1;
                let ops: Vec<_> = ids
                    .iter()
                    .map(|id| json!({"id": id, "kind": "question", "condition": condition, "text": format!("Question {id}")}))
                    .collect();
                let Ok(a) = sync(addr, &cookie, &json!({"version": 1, "since": 0, "ops": ops})) else { continue };
                if a.status == 200 && a.body.ends_with('}') {
                    let applied = a.body.matches("\"status\":\"applied\"").count();
                    assert_eq!(applied, 3, "{}", a.body);
                    acknowledged.lock().expect("lock").extend(ids);
                }
            }
        })
    };
    let deadline = Instant::now() + Duration::from_secs(60);
    while acknowledged.lock().expect("lock").len() < 60 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(5));
    }
    server.kill().expect("SIGKILL"); // Child::kill is SIGKILL on Unix
    server.wait().expect("reaped");
    stop.store(true, Ordering::Relaxed);
    sender.join().expect("sender");
    let acked = acknowledged.lock().expect("lock").clone();
    assert!(acked.len() >= 60, "the stream was running when the server was killed ({} acks)", acked.len());

    let mut server = start(&[("WAYMARK_DATA_DIR", &data.path().to_string_lossy())], addr);
    let store = server::store::Store::open(data.path()).expect("open the store beside the server");
    for id in &acked {
        let text = format!("Question {id}");
        let kept: i64 = store
            .read()
            .unwrap()
            .query_row(
                "SELECT (SELECT COUNT(*) FROM applied_op WHERE op_id = ?1) + (SELECT COUNT(*) FROM condition_message WHERE body = ?2)",
                server::params![id, text],
                |r| r.get(0),
            )
            .expect("query");
        assert_eq!(kept, 2, "acknowledged op {id} and its question are on disk");
    }
    // Sent again after the restart (the phone never heard back): answered, not applied twice.
    let cookie = sign_in(addr);
    let last = acked.last().expect("an op");
    let again = json!({"version": 1, "since": 0, "ops": [{"id": last, "kind": "question", "condition": condition, "text": format!("Question {last}")}]});
    let a = sync(addr, &cookie, &again).expect("sync after restart");
    assert!(a.body.contains("\"status\":\"applied\""), "{}", a.body);
    let copies: i64 = store
        .read()
        .unwrap()
        .query_row("SELECT COUNT(*) FROM condition_message WHERE body = ?1", [format!("Question {last}")], |r| r.get(0))
        .expect("query");
    assert_eq!(copies, 1);
    server.kill().expect("stop");
    server.wait().expect("reaped");
}
