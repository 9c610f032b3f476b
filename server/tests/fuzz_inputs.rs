//! The fuzz targets' checks (`fuzz/checks.rs`) on every seed and on every input
//! that once made a target fail (`fuzz/regressions/<target>/`), so a crash the
//! fuzzer found stays fixed without the fuzzer (`.ci/fuzz` runs it).

#[path = "../../fuzz/checks.rs"]
mod checks;

use std::path::Path;

fn replay(target: &str, check: fn(&[u8])) {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz");
    let mut count = 0;
    for dir in ["seeds", "regressions"] {
        let Ok(entries) = std::fs::read_dir(fuzz.join(dir).join(target)) else { continue };
        for entry in entries {
            let path = entry.expect("entry").path();
            let input = std::fs::read(&path).expect("readable");
            println!("{target}: {}", path.display());
            check(&input);
            count += 1;
        }
    }
    assert!(count > 0, "no inputs for {target}: is the path right?");
}

#[test]
fn sync_request_inputs() {
    replay("sync_request", checks::sync_request);
}

#[test]
fn oruk_import_inputs() {
    replay("oruk_import", checks::oruk_import);
}

#[test]
fn condition_inputs_inputs() {
    replay("condition_inputs", checks::condition_inputs);
}
