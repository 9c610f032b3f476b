//! Sync figures for `.ci/bench` (a measurement, not a test): server time to
//! take 500 changes from a phone that was offline, and to send the whole case
//! (after those 500 changes) to a fresh phone; and what durability costs (issue
//! 15.12): one-op syncs timed with the store as it runs (`synchronous = FULL`,
//! every acknowledged op fsynced) and, in alternate rounds, with the writer set
//! to `NORMAL` (what it was before). Writes the request and response bodies it
//! timed into the directory given, so the script can count bytes.
//!
//! Run: cargo run --release -p server --example sync_bench -- OUT_DIR

use app::model::sync::{Change, Device, OpId, SyncRequest, MAX_OPS};
use app::model::{CaseId, StepStatus};
use std::time::Instant;

/// Through the boundary, as the handler calls it (its blocking pool included).
fn sync(backend: &server::backend::WaymarkBackend, request: &SyncRequest) -> (app::model::sync::SyncResponse, Vec<u8>) {
    use server::backend::ServerBackend;
    static RUNTIME: std::sync::OnceLock<tokio::runtime::Runtime> = std::sync::OnceLock::new();
    let runtime = RUNTIME.get_or_init(|| tokio::runtime::Runtime::new().expect("a runtime"));
    let body = serde_json::to_vec(request).expect("request");
    let parsed = server::sync::parse(&body).expect("readable");
    (runtime.block_on(backend.sync(CaseId(1), parsed)).expect("sync"), body)
}

fn main() {
    let out = std::path::PathBuf::from(std::env::args().nth(1).expect("usage: sync_bench OUT_DIR"));
    std::fs::create_dir_all(&out).expect("out dir");
    let dir = tempfile::tempdir().expect("temp dir");
    let config = server::config::Config::for_tests(dir.path().to_owned());
    let (_router, backend, _) = server::start(&config).expect("start");

    let mut phone = <Device>::default();
    let (first, _) = sync(&backend, &phone.request());
    phone.absorb(first, 0);
    let snapshot = phone.snapshot.clone().expect("snapshot");
    let steps: Vec<_> = snapshot.steps.iter().map(|s| s.id).collect();
    let conditions: Vec<_> = snapshot.licence.conditions.iter().map(|c| c.id).collect();

    // A day's worth: one step ticked, one rule understood.
    let mut daily = phone.clone();
    daily.record(op_id(0), Change::Step { step: steps[0], status: StepStatus::InProgress, reason: None });
    daily.record(op_id(1), Change::Understood { condition: conditions[0] });
    let (answer, body) = sync(&backend, &daily.request());
    std::fs::write(out.join("daily-request.json"), body).expect("write");
    std::fs::write(out.join("daily-response.json"), serde_json::to_vec(&answer).expect("json")).expect("write");
    daily.absorb(answer, 1);
    let (quiet, body) = sync(&backend, &daily.request());
    std::fs::write(out.join("quiet-request.json"), body).expect("write");
    std::fs::write(out.join("quiet-response.json"), serde_json::to_vec(&quiet).expect("json")).expect("write");

    // 500 changes made offline, sent when signal returns.
    for n in 0..500 {
        let change = match n % 3 {
            0 => Change::Step { step: steps[n % steps.len()], status: StepStatus::Done, reason: None },
            1 => Change::Step { step: steps[n % steps.len()], status: StepStatus::InProgress, reason: None },
            _ => Change::Understood { condition: conditions[n % conditions.len()] },
        };
        phone.record(op_id(1000 + n), change);
    }
    let started = Instant::now();
    let mut requests = 0;
    while !phone.outbox.is_empty() {
        let (answer, _) = sync(&backend, &phone.request());
        phone.absorb(answer, 2);
        requests += 1;
    }
    let send_500 = started.elapsed();

    let fresh = <Device>::default();
    let started = Instant::now();
    let (whole, _) = sync(&backend, &fresh.request());
    let fetch_whole = started.elapsed();
    std::fs::write(out.join("fresh-response.json"), serde_json::to_vec(&whole).expect("json")).expect("write");

    let durability = durability(&backend, &mut phone, &steps);

    println!(
        "{{\"send_500_ms\": {:.1}, \"send_500_requests\": {requests}, \"max_ops\": {MAX_OPS}, \"fresh_after_500_ms\": {:.1}, \"durability\": {durability}}}",
        send_500.as_secs_f64() * 1000.0,
        fetch_whole.as_secs_f64() * 1000.0
    );
}

/// Syncs each carrying one new op, one after another, in rounds alternating
/// between `FULL` (as shipped) and `NORMAL` on the writer, so a busy moment of
/// the disk falls on both; the store is left as it runs. Milliseconds per
/// acknowledged sync, as JSON: `{"full": [median, p99], "normal": [median, p99]}`.
fn durability(backend: &server::backend::WaymarkBackend, phone: &mut Device, steps: &[app::model::StepId]) -> String {
    const ROUNDS: usize = 4;
    const PER_ROUND: usize = 150;
    let set = |mode: &str| {
        let writer = backend.store_for_tests().write().expect("the writer");
        writer.execute_batch(&format!("PRAGMA synchronous = {mode}")).expect("pragma");
    };
    let (mut full, mut normal) = (Vec::new(), Vec::new());
    let mut n = 0;
    for round in 0..ROUNDS {
        let mode_full = round % 2 == 0;
        set(if mode_full { "FULL" } else { "NORMAL" });
        for _ in 0..PER_ROUND {
            let status = if n % 2 == 0 { StepStatus::Done } else { StepStatus::InProgress };
            phone.record(op_id(10_000 + n), Change::Step { step: steps[n % steps.len()], status, reason: None });
            n += 1;
            let started = Instant::now();
            let (answer, _) = sync(backend, &phone.request());
            let took = started.elapsed().as_secs_f64() * 1000.0;
            phone.absorb(answer, 3);
            if mode_full {
                full.push(took)
            } else {
                normal.push(took)
            }
        }
    }
    set("FULL");
    let summary = |times: &mut Vec<f64>| {
        times.sort_by(f64::total_cmp);
        let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
        format!("[{:.3}, {:.3}]", at(0.5), at(0.99))
    };
    format!(
        "{{\"full\": {}, \"normal\": {}, \"syncs_each\": {}}}",
        summary(&mut full),
        summary(&mut normal),
        full.len()
    )
}

fn op_id(n: usize) -> OpId {
    OpId::try_from(format!("bench-op-{n:08}")).expect("id")
}
