//! What each fuzz target checks, one function per target. Shared by the
//! targets in `fuzz_targets/` and by the normal test suite, which replays every
//! seed and every input that once crashed (`server/tests/fuzz_inputs.rs`).

use app::model::catalogue::{check_details, Details, Input};
use app::model::Template;
use std::sync::OnceLock;

/// The sync request parser (`server/src/sync.rs`): any body is read or refused
/// in plain words, never a panic, and what it reads keeps the limits.
pub fn sync_request(body: &[u8]) {
    match server::sync::parse(body) {
        Ok(request) => assert!(request.ops.len() <= app::model::sync::MAX_OPS),
        Err(refused) => assert!(!refused.to_string().is_empty()),
    }
}

/// The Open Referral UK import (`server/src/hsds/`): any file is read or
/// refused, never a panic, and a refusal's line is a line of the file.
pub fn oruk_import(file: &[u8]) {
    let today = jiff::civil::date(2026, 11, 1);
    if let Err(refusal) = server::hsds::read::read(file, today) {
        assert!(!refusal.message.is_empty());
        if let Some(line) = refusal.line {
            let lines = file.iter().filter(|b| **b == b'\n').count() + 1;
            assert!((1..=lines).contains(&line), "line {line} of {lines}: {refusal}");
        }
    }
}

fn templates() -> &'static [Template] {
    static ALL: OnceLock<Vec<Template>> = OnceLock::new();
    ALL.get_or_init(|| {
        let catalogue = server::catalogue::Catalogue::load().expect("catalogue");
        catalogue.all().iter().filter(|t| !t.inputs.is_empty()).cloned().collect()
    })
}

/// Every input name and option value, conditional ones too.
fn names_and_options(inputs: &[Input], names: &mut Vec<String>, options: &mut Vec<String>) {
    for input in inputs {
        names.push(input.name.clone());
        for option in &input.options {
            options.push(option.value.clone());
            if let Some(c) = &option.conditional {
                names_and_options(&c.inputs, names, options);
            }
        }
    }
}

/// The condition inputs (`app/src/model/catalogue.rs`: `check_details` and the
/// words made from what it accepts), on every catalogue condition with inputs:
/// never a panic, and what it accepts it accepts again unchanged.
pub fn condition_inputs(data: &[u8]) {
    let all = templates();
    let Some((&pick, rest)) = data.split_first() else { return };
    let template = &all[pick as usize % all.len()];
    let (mut names, mut options) = (Vec::new(), Vec::new());
    names_and_options(&template.inputs, &mut names, &mut options);
    // Each 0xFF-separated chunk: a byte choosing the input, then the value (or,
    // when that byte is odd and one byte follows, one of the options).
    let mut details = Details::new();
    for chunk in rest.split(|b| *b == 0xFF) {
        let Some((&which, value)) = chunk.split_first() else { continue };
        let name = names[which as usize % names.len()].clone();
        let value = match (which % 2, value) {
            (1, [o]) if !options.is_empty() => options[*o as usize % options.len()].clone(),
            _ => String::from_utf8_lossy(value).into_owned(),
        };
        details.entry(name).or_default().push(value);
    }
    if let Ok(ok) = check_details(&template.inputs, &details) {
        assert_eq!(check_details(&template.inputs, &ok).as_ref(), Ok(&ok), "accepted once, accepted as it is");
        let _ = template.official_words(&ok);
        let now = jiff::Timestamp::from_second(1_800_000_000).expect("a time");
        let _ = app::model::today_words(template, &ok, now);
    }
}
