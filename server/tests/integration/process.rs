//! A real `waymark` process on a free port, and plain HTTP/1.0 to it: for the
//! tests that kill servers (`durability.rs`, `several_servers.rs`).

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct Answer {
    pub status: u16,
    pub cookie: Option<String>,
    pub body: String,
}

/// One HTTP/1.0 request (so the body ends when the connection closes: no chunking to decode).
pub fn request(
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

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("a free port")
}

/// A free loopback address.
pub fn free_addr() -> SocketAddr {
    SocketAddr::from(([127, 0, 0, 1], free_port()))
}

/// Start `waymark` on `addr` with these settings; returns once `/health` answers.
pub fn start(settings: &[(&str, &str)], addr: SocketAddr) -> Child {
    let child = Command::new(env!("CARGO_BIN_EXE_waymark"))
        .env("LEPTOS_SITE_ADDR", addr.to_string())
        .envs(settings.iter().copied())
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

pub fn sign_in(addr: SocketAddr) -> String {
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

pub fn sync(addr: SocketAddr, cookie: &str, body: &serde_json::Value) -> std::io::Result<Answer> {
    request(
        addr,
        "POST",
        "/api/v1/sync",
        &[("Content-Type", "application/json"), ("Cookie", cookie)],
        &body.to_string(),
    )
}
