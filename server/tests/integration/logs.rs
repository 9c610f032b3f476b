//! `WAYMARK_LOG_FORMAT=json` (issue 11.6): every line the server writes is one
//! JSON object, for a log collector.

use crate::process::{free_addr, request};
use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[test]
fn json_logs_are_one_object_a_line() {
    let data = tempfile::tempdir().expect("temp dir");
    let addr = free_addr();
    let mut child = Command::new(env!("CARGO_BIN_EXE_waymark"))
        .env("LEPTOS_SITE_ADDR", addr.to_string())
        .env("WAYMARK_DATA_DIR", data.path())
        .env("WAYMARK_LOG_FORMAT", "json")
        .env("RUST_LOG", "info")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start waymark");
    let deadline = Instant::now() + Duration::from_secs(60);
    while !request(addr, "GET", "/health", &[], "").is_ok_and(|a| a.status == 200) {
        assert!(Instant::now() < deadline, "waymark did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
    child.kill().expect("stop");
    child.wait().expect("reaped");
    let mut out = String::new();
    child.stdout.take().expect("stdout").read_to_string(&mut out).expect("read");
    let lines: Vec<&str> = out.lines().filter(|l| !l.trim().is_empty()).collect();
    assert!(lines.len() >= 2, "the migrations and the start are logged: {out}");
    for line in &lines {
        let v: serde_json::Value = serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}"));
        assert!(v["level"].is_string() && v["fields"]["message"].is_string(), "{line}");
    }
    assert!(out.contains("waymark is running"), "{out}");
}
