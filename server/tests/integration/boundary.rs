//! The data boundary (issue 11.1): only `backend/` and the `store/` it owns
//! touch SQLite; every handler goes through the `ServerBackend` trait object.

use super::common::server_sources_naming;

/// No module outside `backend/` and `store/` names SQLite's crate or opens a
/// transaction, so no handler can reach a connection by itself.
#[test]
fn only_the_backend_touches_the_database() {
    let outside = |rel: &str| !rel.starts_with("store") && !rel.starts_with("backend");
    let needles = ["rusqlite", "transaction(", "store_for_tests", ".write()", ".read()"];
    let offenders = server_sources_naming(outside, &needles);
    assert!(offenders.is_empty(), "database work outside backend/ and store/: {offenders:?}");
}

/// The router holds the trait object, not the SQLite engine's type.
#[test]
fn the_router_state_holds_the_trait_object() {
    let router = include_str!("../../src/http/router.rs");
    assert!(router.contains("pub backend: Arc<dyn ServerBackend>,"));
    assert!(!router.contains("WaymarkBackend"));
}
