//! The Open Referral UK import (`server/src/hsds/`): any file is read or
//! refused, never a panic, and a refusal's line is a line of the file.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|file: &[u8]| {
    let today = jiff::civil::date(2026, 11, 1);
    if let Err(refusal) = server::hsds::read::read(file, today) {
        assert!(!refusal.message.is_empty());
        if let Some(line) = refusal.line {
            let lines = file.iter().filter(|b| **b == b'\n').count() + 1;
            assert!((1..=lines).contains(&line), "line {line} of {lines}: {refusal}");
        }
    }
});
