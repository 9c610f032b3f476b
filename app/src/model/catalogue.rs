//! The official catalogue of licence conditions (CVL policy JSON), and how a
//! condition's official words are filled in with a licence's values.
//!
//! A condition is identified by (policy version, code): the same code can mean
//! different things in different versions (see server/data/cvl/README.md).

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Policy {
    pub version: String,
    pub standard_conditions: ByLicence<StandardCondition>,
    pub additional_conditions: ByLicence<AdditionalCondition>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ByLicence<T> {
    #[serde(rename = "AP", default = "Vec::new")]
    pub ap: Vec<T>,
    #[serde(rename = "PSS", default = "Vec::new")]
    pub pss: Vec<T>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StandardCondition {
    pub code: String,
    pub text: String,
    #[serde(default)]
    pub tpl: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AdditionalCondition {
    pub code: String,
    pub category: String,
    #[serde(default)]
    pub category_short: Option<String>,
    pub text: String,
    #[serde(default)]
    pub tpl: Option<String>,
    #[serde(default)]
    pub requires_input: bool,
    #[serde(default)]
    pub inputs: Vec<Input>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum InputType {
    Radio,
    Check,
    Text,
    Address,
    TimePicker,
    DatePicker,
    FileUpload,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum TextCase {
    Lower,
    Upper,
    Capitalised,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum ListType {
    And,
    Or,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Input {
    #[serde(rename = "type")]
    pub kind: InputType,
    pub label: String,
    pub name: String,
    #[serde(default)]
    pub list_type: Option<ListType>,
    #[serde(default)]
    pub options: Vec<InputOption>,
    #[serde(default)]
    pub case: Option<TextCase>,
    #[serde(default)]
    pub handle_indefinite_article: bool,
    #[serde(default)]
    pub add_another: Option<AddAnother>,
    #[serde(default)]
    pub include_before: Option<String>,
    #[serde(default)]
    pub subtext: Option<String>,
    #[serde(default)]
    pub default_value: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddAnother {
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InputOption {
    pub value: String,
    #[serde(default)]
    pub conditional: Option<Conditional>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conditional {
    pub inputs: Vec<Input>,
}

impl Input {
    /// The catalogue marks optional inputs in their label.
    pub fn optional(&self) -> bool {
        self.label.to_lowercase().contains("optional") || self.kind == InputType::FileUpload
    }

    /// What the input is, for the person rather than the practitioner filling it
    /// in: "Enter the curfew start time" → "The curfew start time".
    pub fn plain_label(&self) -> String {
        let label = self.label.replace(" (optional)", "").replace(" – enter the ", " – ");
        if label.starts_with("Select all") {
            // "Select all that apply": the input's own name says more ("substanceTypes").
            let mut words = String::new();
            for c in self.name.chars() {
                if c.is_uppercase() {
                    words.push(' ');
                }
                words.push(c.to_ascii_lowercase());
            }
            return capitalise(&words);
        }
        if label.starts_with("Choose what information") {
            return "Which details are given".into();
        }
        let rest = ["Enter ", "Select ", "Choose "].iter().find_map(|p| label.strip_prefix(p)).unwrap_or(&label);
        let rest = ["a ", "an "].iter().find_map(|p| rest.strip_prefix(p)).unwrap_or(rest);
        capitalise(rest)
    }

    /// The values given for this input, as they read on the licence ("7pm",
    /// "cannabis and cocaine"); `None` when nothing is given.
    pub fn values_words(&self, values: &[String]) -> Option<String> {
        let words: Vec<String> =
            values.iter().map(|v| v.trim()).filter(|v| !v.is_empty()).map(|v| value_words(self, v)).collect();
        (!words.is_empty()).then(|| join_list(&words, self.list_type))
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

/// The values a practitioner filled in, by input name; lists hold several.
pub type Details = BTreeMap<String, Vec<String>>;

/// Every input of a condition, with the conditional ones that apply given `details`.
pub fn active_inputs<'a>(inputs: &'a [Input], details: &Details) -> Vec<&'a Input> {
    let mut out = Vec::new();
    for input in inputs {
        out.push(input);
        let chosen = details.get(&input.name).cloned().unwrap_or_default();
        for option in &input.options {
            if let (true, Some(cond)) = (chosen.contains(&option.value), &option.conditional) {
                out.extend(active_inputs(&cond.inputs, details));
            }
        }
    }
    out
}

fn join_list(items: &[String], list: Option<ListType>) -> String {
    let word = match list {
        Some(ListType::Or) => "or",
        _ => "and",
    };
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} {word} {last}", init.join(", ")),
    }
}

fn apply_case(s: &str, case: Option<TextCase>) -> String {
    match case {
        Some(TextCase::Lower) => s.to_lowercase(),
        Some(TextCase::Upper) => s.to_uppercase(),
        Some(TextCase::Capitalised) => s
            .split(' ')
            .map(|w| {
                let mut c = w.chars();
                c.next().map(|f| f.to_uppercase().chain(c).collect::<String>()).unwrap_or_default()
            })
            .collect::<Vec<_>>()
            .join(" "),
        None => s.to_owned(),
    }
}

fn with_article(s: &str) -> String {
    let first = s.trim_start().chars().next().map(|c| c.to_ascii_lowercase());
    let article = if matches!(first, Some('a' | 'e' | 'i' | 'o' | 'u')) { "an" } else { "a" };
    format!("{article} {s}")
}

/// "19:00" → "7pm", "07:30" → "7:30am", as on a printed licence.
pub fn time_words(hhmm: &str) -> String {
    let Some((h, m)) = hhmm.split_once(':') else { return hhmm.to_owned() };
    let (Ok(h), Ok(m)) = (h.parse::<u32>(), m.parse::<u32>()) else { return hhmm.to_owned() };
    let (h12, half) = match h {
        0 => (12, "am"),
        1..=11 => (h, "am"),
        12 => (12, "pm"),
        _ => (h - 12, "pm"),
    };
    if m == 0 {
        format!("{h12}{half}")
    } else {
        format!("{h12}:{m:02}{half}")
    }
}

fn value_words(input: &Input, raw: &str) -> String {
    match input.kind {
        InputType::TimePicker => time_words(raw),
        InputType::DatePicker => raw
            .parse::<jiff::civil::Date>()
            .map(|d| d.strftime("%-d %B %Y").to_string())
            .unwrap_or_else(|_| raw.to_owned()),
        _ => raw.to_owned(),
    }
}

/// The official words of a condition with this licence's values in place of
/// each `{name}`; unfilled optional parts vanish, as on a printed licence.
pub fn fill(tpl: &str, inputs: &[Input], details: &Details) -> String {
    let all = active_inputs(inputs, details);
    let mut out = String::with_capacity(tpl.len() + 64);
    let mut rest = tpl;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let Some(len) = rest[start..].find('}') else {
            out.push_str(&rest[start..]);
            return out;
        };
        let name = &rest[start + 1..start + len];
        if let Some(input) = all.iter().find(|i| i.name == name) {
            let values: Vec<String> = details
                .get(name)
                .map(|v| v.iter().filter(|s| !s.trim().is_empty()).map(|s| value_words(input, s.trim())).collect())
                .unwrap_or_default();
            let values =
                if values.is_empty() { input.default_value.iter().cloned().collect::<Vec<_>>() } else { values };
            if !values.is_empty() {
                let cased: Vec<String> = values.iter().map(|v| apply_case(v, input.case)).collect();
                let mut text = join_list(&cased, input.list_type);
                if input.handle_indefinite_article {
                    text = with_article(&text);
                }
                if let Some(before) = &input.include_before {
                    out.push_str(before);
                }
                out.push_str(&text);
            }
        }
        rest = &rest[start + len + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(json: &str) -> Input {
        serde_json::from_str(json).unwrap()
    }

    fn details(pairs: &[(&str, &[&str])]) -> Details {
        pairs.iter().map(|(k, v)| ((*k).to_owned(), v.iter().map(|s| (*s).to_owned()).collect())).collect()
    }

    #[test]
    fn fills_lists_optional_parts_and_case() {
        let inputs = vec![
            input(r#"{"type":"text","label":"Enter name","name":"name","listType":"OR","case":"capitalised"}"#),
            input(
                r#"{"type":"text","label":"Enter social services department (optional)","name":"ss","includeBefore":" and / or "}"#,
            ),
        ];
        let tpl = "Not to approach {name} without approval{ss}.";
        assert_eq!(
            fill(tpl, &inputs, &details(&[("name", &["jo bloggs", "sam smith", "al x"])])),
            "Not to approach Jo Bloggs, Sam Smith or Al X without approval."
        );
        assert_eq!(
            fill(tpl, &inputs, &details(&[("name", &["jo"]), ("ss", &["Leeds CS"])])),
            "Not to approach Jo without approval and / or Leeds CS."
        );
    }

    #[test]
    fn fills_conditional_times_and_articles() {
        let radio = input(
            r#"{"type":"radio","label":"How many","name":"n","options":[{"value":"One","conditional":{"inputs":[
                {"type":"timePicker","label":"start","name":"s"},{"type":"timePicker","label":"end","name":"e"}]}}]}"#,
        );
        let d = details(&[("n", &["One"]), ("s", &["19:00"]), ("e", &["07:30"])]);
        assert_eq!(fill("between {s} and {e} each day", &[radio], &d), "between 7pm and 7:30am each day");
        let item = input(r#"{"type":"text","label":"item","name":"item","handleIndefiniteArticle":true}"#);
        assert_eq!(fill("own {item}.", &[item], &details(&[("item", &["axe"])])), "own an axe.");
    }

    #[test]
    fn fills_tick_boxes_addresses_dates_and_leaves_a_map_out_of_the_words() {
        let ticks = input(
            r#"{"type":"check","label":"Select all that apply","name":"devices","listType":"AND",
                "options":[{"value":"mobile phones"},{"value":"tablets"},{"value":"computers"}]}"#,
        );
        let d = details(&[("devices", &["mobile phones", "computers"])]);
        assert_eq!(
            fill("Not to delete the history on any {devices}.", &[ticks], &d),
            "Not to delete the history on any mobile phones and computers."
        );
        let address = input(r#"{"type":"address","label":"Enter the address","name":"place"}"#);
        let d = details(&[("place", &["12 High Street, Northbridge NB1 2AB"])]);
        assert_eq!(fill("Live at {place}.", &[address], &d), "Live at 12 High Street, Northbridge NB1 2AB.");
        let date = input(r#"{"type":"datePicker","label":"Enter the end date","name":"end"}"#);
        assert_eq!(fill("Until {end}.", &[date], &details(&[("end", &["2027-03-28"])])), "Until 28 March 2027.");
        // The map is a file beside the words: the official text says "the attached map" and names no file.
        let map = input(r#"{"type":"fileUpload","label":"Select a PDF map","name":"outOfBoundFilename"}"#);
        let d = details(&[("outOfBoundFilename", &["town-centre.png"])]);
        assert_eq!(
            fill("Not to enter the area on the attached map.", &[map], &d),
            "Not to enter the area on the attached map."
        );
    }
}

/// Longest value for one text input.
pub const VALUE_MAX: usize = 500;

fn field_error(input: &Input, message: String) -> crate::error::AppError {
    crate::error::AppError::invalid(&format!("d-{}", input.name), message)
}

fn plain_label(input: &Input) -> String {
    let label = input.label.replace(" (optional)", "");
    let label = label.trim_start_matches("Enter ").trim_start_matches("Select ");
    label.to_owned()
}

/// Check what a practitioner filled in against the catalogue: required inputs
/// present, choices among the options, times and dates real. Returns the
/// details trimmed, with empty values and inputs that do not apply dropped.
pub fn check_details(inputs: &[Input], raw: &Details) -> Result<Details, crate::error::AppError> {
    let cleaned: Details = raw
        .iter()
        .map(|(k, v)| (k.clone(), v.iter().map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()).collect::<Vec<_>>()))
        .filter(|(_, v)| !v.is_empty())
        .collect();
    let mut out = Details::new();
    for input in active_inputs(inputs, &cleaned) {
        let values = cleaned.get(&input.name).cloned().unwrap_or_default();
        if values.is_empty() {
            if input.optional() {
                continue;
            }
            let what = match input.kind {
                InputType::Radio | InputType::Check => format!("Choose {}", plain_label(input).to_lowercase()),
                _ => format!("Enter {}", plain_label(input).to_lowercase()),
            };
            return Err(field_error(input, format!("{what}.")));
        }
        if values.len() > 1 && input.add_another.is_none() && input.kind != InputType::Check {
            return Err(field_error(input, format!("Give one value for {}.", plain_label(input).to_lowercase())));
        }
        for v in &values {
            match input.kind {
                InputType::Radio | InputType::Check => {
                    if !input.options.iter().any(|o| &o.value == v) {
                        return Err(field_error(
                            input,
                            format!("Choose one of the options for {}.", plain_label(input).to_lowercase()),
                        ));
                    }
                }
                InputType::TimePicker => {
                    if v.parse::<jiff::civil::Time>().is_err() {
                        return Err(field_error(input, "Enter a time like 19:00.".into()));
                    }
                }
                InputType::DatePicker => {
                    if v.parse::<jiff::civil::Date>().is_err() {
                        return Err(field_error(input, "Enter a real date, like 2027-03-31.".into()));
                    }
                }
                InputType::Text | InputType::Address | InputType::FileUpload => {
                    if v.chars().count() > VALUE_MAX {
                        return Err(field_error(input, format!("Keep this to {VALUE_MAX} characters or fewer.")));
                    }
                    if v.chars().any(|c| c.is_control() && c != '\n' && c != '\r') {
                        return Err(field_error(input, "This has a character we cannot use.".into()));
                    }
                }
            }
        }
        out.insert(input.name.clone(), values);
    }
    Ok(out)
}

#[cfg(test)]
mod check_tests {
    use super::*;

    fn curfew() -> Vec<Input> {
        serde_json::from_str(
            r#"[{"type":"radio","label":"Select the number of curfews needed","name":"n","options":[
                {"value":"One curfew","conditional":{"inputs":[
                    {"type":"timePicker","label":"Enter the curfew start time","name":"s"},
                    {"type":"timePicker","label":"Enter the curfew end time","name":"e"}]}},
                {"value":"Two curfews"}]},
                {"type":"text","label":"Enter department (optional)","name":"dept"}]"#,
        )
        .unwrap()
    }

    fn d(pairs: &[(&str, &[&str])]) -> Details {
        pairs.iter().map(|(k, v)| ((*k).to_owned(), v.iter().map(|s| (*s).to_owned()).collect())).collect()
    }

    #[test]
    fn required_and_conditional_inputs() {
        let inputs = curfew();
        let err = check_details(&inputs, &d(&[])).unwrap_err();
        assert_eq!(err.field(), Some("d-n"));
        assert_eq!(err.to_string(), "Choose the number of curfews needed.");
        let err = check_details(&inputs, &d(&[("n", &["One curfew"]), ("s", &["19:00"])])).unwrap_err();
        assert_eq!(err.field(), Some("d-e"));
        let err =
            check_details(&inputs, &d(&[("n", &["One curfew"]), ("s", &["7pm"]), ("e", &["07:00"])])).unwrap_err();
        assert_eq!(err.to_string(), "Enter a time like 19:00.");
        assert!(check_details(&inputs, &d(&[("n", &["Three"])])).is_err());
        let ok = check_details(
            &inputs,
            &d(&[("n", &["One curfew"]), ("s", &["19:00"]), ("e", &[" 07:00 "]), ("x", &["junk"])]),
        )
        .unwrap();
        assert_eq!(ok, d(&[("n", &["One curfew"]), ("s", &["19:00"]), ("e", &["07:00"])]));
        // Inputs of an option not chosen are dropped.
        let ok = check_details(&inputs, &d(&[("n", &["Two curfews"]), ("s", &["19:00"])])).unwrap();
        assert_eq!(ok, d(&[("n", &["Two curfews"])]));
    }
}
