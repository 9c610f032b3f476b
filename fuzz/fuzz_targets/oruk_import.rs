//! The Open Referral UK import: see `checks::oruk_import`.
#![no_main]

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::oruk_import(data));
