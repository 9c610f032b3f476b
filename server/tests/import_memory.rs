//! A small file must not make a large server (15.4): the peak memory an Open
//! Referral UK import takes, counted by this binary's own allocator, stays
//! within a small multiple of the file's size, for hostile files too. Its own
//! test binary, since a counting allocator is process-wide; its tests run one
//! after another, under one lock.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::sync::Mutex;

/// Counts live bytes and the peak since the last reset. Refuses (so the process
/// aborts) past a hard cap, so that a regression fails here instead of taking
/// the machine's memory.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);
const HARD_CAP: usize = 1 << 30;

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let live = LIVE.fetch_add(layout.size(), Relaxed) + layout.size();
        if live > HARD_CAP {
            LIVE.fetch_sub(layout.size(), Relaxed);
            return std::ptr::null_mut();
        }
        PEAK.fetch_max(live, Relaxed);
        // SAFETY: the caller's layout is passed on unchanged.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Relaxed);
        // SAFETY: `ptr` came from `alloc` above with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// The most memory an import may take on top of what was in use: this many
/// times the file, plus room for the import's fixed costs.
const MULTIPLE: usize = 8;
const FIXED: usize = 4 << 20;

/// Import `file` through the boundary into a fresh store; the peak extra bytes it took, and what it said.
fn import(file: &[u8]) -> (usize, String) {
    use server::backend::ServerBackend;
    let dir = tempfile::tempdir().expect("temp dir");
    let config = server::config::Config::for_tests(dir.path().to_owned());
    let (_, backend, _) = server::start(&config).expect("start");
    let by = {
        let conn = backend.store_for_tests().write().unwrap();
        let office = server::store::insert_office(&conn, "Test", "1 Road", "Test", false).expect("office");
        let admin = server::store::NewPractitioner {
            office_id: office,
            name: "Admin",
            email: "admin@test.example",
            password_hash: "not used",
            admin: app::model::Admin::Office,
            is_demo: false,
        };
        server::store::insert_practitioner(&conn, &admin).expect("practitioner")
    };
    let runtime = tokio::runtime::Builder::new_current_thread().build().expect("runtime");
    let today = jiff::civil::date(2026, 11, 1);
    // The handler holds the file's bytes before it asks.
    let file = file.to_vec();
    let before = LIVE.load(Relaxed);
    PEAK.store(before, Relaxed);
    let said = match runtime.block_on(backend.import_hope(by, file, today)) {
        Ok(summary) => format!("imported {summary:?}"),
        Err(e) => e.to_string(),
    };
    (PEAK.load(Relaxed).saturating_sub(before), said)
}

fn assert_small(what: &str, file: &[u8]) -> String {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let (peak, said) = import(file);
    let size = file.len();
    println!("{what}: {size} bytes, peak {peak} bytes ({:.1}×): {said}", peak as f64 / size as f64);
    assert!(peak <= MULTIPLE * size + FIXED, "{what}: {size} bytes took {peak} bytes at peak: {said}");
    said
}

/// A name of `n` letters, different for each `i`.
fn name(i: usize, n: usize) -> String {
    format!("{i:08}{}", "k".repeat(n.saturating_sub(8)))
}

/// A long list of tiny values, deep inside a service under long names (each
/// value used to keep the whole path to it: gigabytes for a 2 MB file).
#[test]
fn a_long_list_deep_under_long_names() {
    let depth = 15;
    let mut file = String::from(
        "{\"content\": [{\"id\": \"a\", \"name\": \"A\", \"description\": \"B\",\n\
         \"service_taxonomys\": [{\"taxonomy\": {\"id\": \"food\"}}], \"x\": ",
    );
    for i in 0..depth {
        file.push_str(&format!("{{\"{}\": ", name(i, 100)));
    }
    file.push('[');
    file.push_str(&vec!["0"; 150_000].join(","));
    file.push(']');
    file.push_str(&"}".repeat(depth));
    file.push_str("}]}");
    let said = assert_small("long list deep under long names", file.as_bytes());
    assert!(said.starts_with("imported"), "a field Waymark has no place for is skipped: {said}");
}

/// A long list where the format has one: refused with its line and field.
#[test]
fn a_long_list_where_a_list_belongs() {
    let file = format!(
        "[{{\"id\": \"a\", \"name\": \"A\", \"description\": \"B\", \"service_taxonomys\": \
         [{{\"taxonomy\": {{\"id\": \"food\"}}}}],\n\"eligibilitys\": [{}]}}]",
        vec!["{}"; 200_000].join(",")
    );
    let said = assert_small("long list where a list belongs", file.as_bytes());
    assert!(said.starts_with("Line 2, [0].eligibilitys: This list is too long"), "{said}");
}

#[test]
fn a_long_list_at_the_top() {
    let file = format!("[{}]", vec!["0"; 300_000].join(","));
    assert_small("long list at the top", file.as_bytes());
}

#[test]
fn many_long_names() {
    let members: Vec<String> = (0..10_000).map(|i| format!("\"{}\": 0", name(i, 100))).collect();
    let file = format!("[{{\"id\": \"a\", {}}}]", members.join(",\n"));
    assert_small("many long names", file.as_bytes());
}

#[test]
fn a_huge_name_is_refused_before_it_is_read() {
    let file = format!("[{{\"id\": \"a\",\n\"{}\": 0}}]", "k".repeat(1_000_000));
    let said = assert_small("huge name", file.as_bytes());
    assert!(said.contains("Line 2: This field name is too long"), "{said}");
}

#[test]
fn deep_nesting_is_refused_before_it_is_read() {
    let file = format!("{{\"content\":\n{}{}}}", "[".repeat(500_000), "]".repeat(500_000));
    let said = assert_small("deep nesting", file.as_bytes());
    assert!(said.contains("Line 2: This file nests too deeply"), "{said}");
}

/// Many services, each as small as one can be and still load.
#[test]
fn many_tiny_services() {
    let services: Vec<String> = (0..4_000)
        .map(|i| {
            format!(
                r#"{{"id":"{i}","name":"a","description":"b","service_taxonomys":[{{"taxonomy":{{"id":"food"}}}}]}}"#
            )
        })
        .collect();
    let file = format!("[{}]", services.join(","));
    let said = assert_small("many tiny services", file.as_bytes());
    assert!(said.starts_with("imported"), "{said}");
}

/// A real file of many services (the small fixture's first one, again and
/// again with new ids) loads, within the same bound.
#[test]
fn a_large_honest_file() {
    let fixture: serde_json::Value =
        serde_json::from_str(include_str!("../../end2end/fixtures/oruk-small.json")).expect("fixture");
    let one = &fixture["content"][0];
    let services: Vec<serde_json::Value> = (0..500)
        .map(|i| {
            let mut s = one.clone();
            s["id"] = format!("svc-{i}").into();
            s["name"] = format!("Pantry number {i}").into();
            s
        })
        .collect();
    let file = serde_json::to_vec_pretty(&serde_json::json!({ "content": services })).expect("json");
    let said = assert_small("large honest file", &file);
    assert!(said.starts_with("imported"), "{said}");
}
