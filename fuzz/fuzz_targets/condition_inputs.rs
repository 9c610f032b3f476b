//! The condition inputs (`app/src/model/catalogue.rs`: `check_details` and the
//! words made from what it accepts), on every catalogue condition with inputs:
//! never a panic, and what it accepts it accepts again unchanged.
#![no_main]

use app::model::catalogue::{check_details, Details, Input};
use app::model::Template;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

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

fuzz_target!(|data: &[u8]| {
    let all = templates();
    let Some((&pick, rest)) = data.split_first() else { return };
    let template = &all[pick as usize % all.len()];
    let (mut names, mut options) = (Vec::new(), Vec::new());
    names_and_options(&template.inputs, &mut names, &mut options);
    // Each 0xFF-separated chunk: a byte choosing the input, then the value (or,
    // when that byte is odd and the rest short, one of the options).
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
});
