//! The condition inputs: see `checks::condition_inputs`.
#![no_main]

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::condition_inputs(data));
