//! Durability: the real `waymark` process is killed (SIGKILL) while a phone is
//! syncing; after a restart every op the server had acknowledged is there.

use serde_json::json;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

struct Answer {
    status: u16,
    cookie: Option<String>,
    body: String,
}

/// One HTTP/1.0 request (so the body ends when the connection closes: no chunking to decode).
fn request(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> std::io::Result<Answer> {
    let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(2))?;
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut head = format!("{method} {path} HTTP/1.0\r\nHost: {addr}\r\nContent-Length: {}\r\n", body.len());
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    stream.write_all(body.as_bytes())?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw)?;
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").ok_or(std::io::ErrorKind::UnexpectedEof)?;
    let status = head.split(' ').nth(1).and_then(|s| s.parse().ok()).ok_or(std::io::ErrorKind::InvalidData)?;
    let cookie = head
        .lines()
        .find_map(|l| l.strip_prefix("set-cookie: ").or_else(|| l.strip_prefix("Set-Cookie: ")))
        .and_then(|c| c.split(';').next())
        .map(str::to_owned);
    Ok(Answer { status, cookie, body: body.to_owned() })
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("a free port")
}

fn start(data: &std::path::Path, addr: SocketAddr) -> Child {
    let child = Command::new(env!("CARGO_BIN_EXE_waymark"))
        .env("LEPTOS_SITE_ADDR", addr.to_string())
        .env("WAYMARK_DATA_DIR", data)
        .env("WAYMARK_FREE_FAILURES_PER_CLIENT", "10000")
        .env("WAYMARK_FREE_FAILURES_PER_ACCOUNT", "10000")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start waymark");
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        if request(addr, "GET", "/health", &[], "").is_ok_and(|a| a.status == 200) {
            return child;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("waymark did not start on {addr}");
}

fn sign_in(addr: SocketAddr) -> String {
    let form = format!("number={}&pin={}", server::seed::DEMO_PERSON_NUMBER, server::seed::DEMO_PERSON_PIN);
    let a = request(
        addr,
        "POST",
        "/api/sign_in_person",
        &[("Content-Type", "application/x-www-form-urlencoded"), ("Accept", "application/json")],
        &form,
    )
    .expect("sign in");
    assert_eq!(a.status, 200, "{}", a.body);
    a.cookie.expect("a session cookie")
}

fn sync(addr: SocketAddr, cookie: &str, body: &serde_json::Value) -> std::io::Result<Answer> {
    request(
        addr,
        "POST",
        "/api/v1/sync",
        &[("Content-Type", "application/json"), ("Cookie", cookie)],
        &body.to_string(),
    )
}

#[test]
fn every_acknowledged_op_survives_a_kill() {
    let data = tempfile::tempdir().expect("temp dir");
    let addr: SocketAddr = format!("127.0.0.1:{}", free_port()).parse().expect("addr");
    let mut server = start(data.path(), addr);
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

    let mut server = start(data.path(), addr);
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
