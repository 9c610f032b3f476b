//! The data boundary (issue 11.1): only `backend/` and the `store/` it owns
//! touch SQLite; every handler goes through the `ServerBackend` trait object.

/// No module outside `backend/` and `store/` names SQLite's crate or opens a
/// transaction, so no handler can reach a connection by itself.
#[test]
fn only_the_backend_touches_the_database() {
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut offenders = Vec::new();
    let mut dirs = vec![src.clone()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
                continue;
            }
            let rel = path.strip_prefix(&src).unwrap().to_string_lossy().into_owned();
            if rel.starts_with("store") || rel.starts_with("backend") || path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for needle in ["rusqlite", "transaction(", "store_for_tests", ".write()", ".read()"] {
                if text.contains(needle) {
                    offenders.push(format!("{rel}: {needle}"));
                }
            }
        }
    }
    assert!(offenders.is_empty(), "database work outside backend/ and store/: {offenders:?}");
}

/// The router holds the trait object, not the SQLite engine's type.
#[test]
fn the_router_state_holds_the_trait_object() {
    let router = include_str!("../../src/http/router.rs");
    assert!(router.contains("pub backend: Arc<dyn ServerBackend>,"));
    assert!(!router.contains("WaymarkBackend"));
}
