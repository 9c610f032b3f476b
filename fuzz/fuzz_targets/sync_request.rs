//! The sync request parser (`server/src/sync.rs`): any body is read or refused
//! in plain words, never a panic, and what it reads keeps the limits.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|body: &[u8]| {
    match server::sync::parse(body) {
        Ok(request) => assert!(request.ops.len() <= app::model::sync::MAX_OPS),
        Err(refused) => assert!(!refused.to_string().is_empty()),
    }
});
