//! Graceful shutdown (issue 11.6): on SIGTERM — what systemd, Kubernetes and
//! `docker stop` send before they kill — Waymark stops taking connections,
//! answers the requests already in flight, and exits cleanly.

use crate::process::{free_addr, request, sign_in, start};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::Command;
use std::time::{Duration, Instant};

#[test]
fn sigterm_answers_the_sync_in_flight_then_exits_cleanly() {
    let data = tempfile::tempdir().expect("dir");
    let addr = free_addr();
    let mut server = start(&[("WAYMARK_DATA_DIR", &data.path().to_string_lossy())], addr);
    let cookie = sign_in(addr);

    // A sync whose body is still arriving when the signal comes.
    let body = serde_json::json!({"version": 1, "since": 0, "ops": []}).to_string();
    let (first, rest) = body.split_at(body.len() / 2);
    let mut phone = TcpStream::connect(addr).expect("connect");
    phone.set_read_timeout(Some(Duration::from_secs(20))).expect("timeout");
    write!(
        phone,
        "POST /api/v1/sync HTTP/1.0\r\nHost: {addr}\r\nContent-Type: application/json\r\nCookie: {cookie}\r\n\
         Content-Length: {}\r\n\r\n{first}",
        body.len()
    )
    .expect("the request's start");
    phone.flush().expect("flush");
    std::thread::sleep(Duration::from_millis(300));

    let sent = Command::new("kill").args(["-TERM", &server.id().to_string()]).status().expect("kill");
    assert!(sent.success(), "SIGTERM sent");
    std::thread::sleep(Duration::from_millis(300));
    assert!(server.try_wait().expect("wait").is_none(), "still finishing the sync in flight");

    phone.write_all(rest.as_bytes()).expect("the rest of the body");
    let mut answer = String::new();
    phone.read_to_string(&mut answer).expect("the answer");
    assert!(answer.starts_with("HTTP/1.0 200") || answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.contains("\"cursor\""), "the sync was answered in full: {answer}");

    let deadline = Instant::now() + Duration::from_secs(20);
    let status = loop {
        if let Some(status) = server.try_wait().expect("wait") {
            break status;
        }
        assert!(Instant::now() < deadline, "waymark did not exit after SIGTERM");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "a clean exit, not a kill: {status}");
    assert!(request(addr, "GET", "/health", &[], "").is_err(), "no longer taking connections");
}
