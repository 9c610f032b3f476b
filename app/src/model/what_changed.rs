//! What changed between two versions of a condition, thing by thing, old beside
//! new: a detail (an address, a time), the practitioner's explanation, a
//! bespoke rule's words, the map. Never the whole official wording again when
//! it did not change.

use super::catalogue::{active_inputs, Details, Input, InputType};
use serde::{Deserialize, Serialize};

/// One thing that is different in the new version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Difference {
    /// A detail filled in on the licence; `what` is its name in plain words.
    Detail { what: String, before: Option<String>, now: Option<String> },
    /// What the probation officer wrote about the rule.
    Explanation { before: Option<String>, now: Option<String> },
    /// The words of a rule the probation officer wrote (a bespoke condition).
    Words { before: String, now: String },
    /// A new map; `first` when there was none before. The old map is not kept.
    Map { first: bool },
}

impl Difference {
    /// The heading for the pair, in plain words.
    pub fn what(&self) -> String {
        match self {
            Difference::Detail { what, .. } => what.clone(),
            Difference::Explanation { .. } => "What your probation officer says".into(),
            Difference::Words { .. } => "The words of the rule".into(),
            Difference::Map { .. } => "The map".into(),
        }
    }

    /// Old beside new; `None` for a map (only the new one is kept).
    pub fn pair(&self) -> Option<(String, String)> {
        let or_none = |v: &Option<String>, none: &str| v.clone().unwrap_or_else(|| none.to_owned());
        match self {
            Difference::Detail { before, now, .. } => Some((or_none(before, "Nothing"), or_none(now, "Nothing"))),
            Difference::Explanation { before, now } => {
                Some((or_none(before, "Nothing written"), or_none(now, "Nothing written")))
            }
            Difference::Words { before, now } => Some((before.clone(), now.clone())),
            Difference::Map { .. } => None,
        }
    }

    /// For a map: what to say instead of old and new.
    pub fn map_words(&self) -> Option<&'static str> {
        match self {
            Difference::Map { first: true } => Some("There is now a map with this rule. Look at it above."),
            Difference::Map { first: false } => Some("There is a new map. Look at it above."),
            _ => None,
        }
    }
}

/// One version of a condition, as far as a person can see it.
#[derive(Debug, Clone, Copy)]
pub struct Version<'a> {
    pub details: &'a Details,
    pub explanation: Option<&'a str>,
    pub bespoke: Option<&'a str>,
}

/// Everything different between `before` and `now`, in the catalogue's order
/// of inputs (`inputs` empty for a bespoke condition). `map_changed`: a map was
/// put on the condition with the new version.
pub fn differences(inputs: &[Input], before: Version, now: Version, map_changed: bool) -> Vec<Difference> {
    let mut out = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    let mut both = active_inputs(inputs, before.details);
    both.extend(active_inputs(inputs, now.details));
    let values = |d: &Details, name: &str| -> Vec<String> {
        d.get(name).into_iter().flatten().map(|v| v.trim().to_owned()).filter(|v| !v.is_empty()).collect()
    };
    for input in both {
        if seen.contains(&input.name.as_str()) {
            continue;
        }
        seen.push(&input.name);
        let (old, new) = (values(before.details, &input.name), values(now.details, &input.name));
        if input.kind == InputType::FileUpload || old == new {
            continue; // a map's file name is its map: see below
        }
        out.push(Difference::Detail {
            what: input.plain_label(),
            before: input.values_words(&old),
            now: input.values_words(&new),
        });
    }
    let text = |t: Option<&str>| t.map(str::trim).filter(|t| !t.is_empty()).map(str::to_owned);
    if let (Some(old), Some(new)) = (text(before.bespoke), text(now.bespoke)) {
        if old != new {
            out.push(Difference::Words { before: old, now: new });
        }
    }
    if text(before.explanation) != text(now.explanation) {
        out.push(Difference::Explanation { before: text(before.explanation), now: text(now.explanation) });
    }
    if map_changed {
        let had_map = inputs_with_map(inputs, before.details);
        out.push(Difference::Map { first: !had_map });
    }
    out
}

fn inputs_with_map(inputs: &[Input], details: &Details) -> bool {
    active_inputs(inputs, details)
        .iter()
        .any(|i| i.kind == InputType::FileUpload && details.get(&i.name).is_some_and(|v| !v.is_empty()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(json: &str) -> Input {
        serde_json::from_str(json).unwrap()
    }

    fn details(pairs: &[(&str, &str)]) -> Details {
        pairs.iter().map(|(k, v)| ((*k).to_owned(), vec![(*v).to_owned()])).collect()
    }

    fn curfew() -> Vec<Input> {
        vec![
            input(r#"{"type":"timePicker","label":"Enter the curfew start time","name":"start"}"#),
            input(r#"{"type":"timePicker","label":"Enter the curfew end time","name":"end"}"#),
            input(r#"{"type":"fileUpload","label":"Select a PDF map of the area","name":"mapFile"}"#),
        ]
    }

    fn version<'a>(details: &'a Details, explanation: Option<&'a str>) -> Version<'a> {
        Version { details, explanation, bespoke: None }
    }

    #[test]
    fn only_the_explanation_changed() {
        let d = details(&[("start", "19:00"), ("end", "07:00")]);
        let changes = differences(&curfew(), version(&d, Some("Be in by 7.")), version(&d, Some("Be in by 8.")), false);
        assert_eq!(
            changes,
            vec![Difference::Explanation { before: Some("Be in by 7.".into()), now: Some("Be in by 8.".into()) }]
        );
        assert_eq!(changes[0].what(), "What your probation officer says");
        let first = differences(&curfew(), version(&d, None), version(&d, Some("New words.")), false);
        assert_eq!(first[0].pair(), Some(("Nothing written".into(), "New words.".into())));
    }

    #[test]
    fn only_a_detail_changed_in_plain_words() {
        let (old, new) =
            (details(&[("start", "19:00"), ("end", "07:00")]), details(&[("start", "20:00"), ("end", "07:00")]));
        let changes = differences(&curfew(), version(&old, Some("Same.")), version(&new, Some("Same.")), false);
        assert_eq!(
            changes,
            vec![Difference::Detail {
                what: "The curfew start time".into(),
                before: Some("7pm".into()),
                now: Some("8pm".into())
            }]
        );
        let unset = details(&[("end", "07:00")]);
        assert_eq!(
            differences(&curfew(), version(&unset, None), version(&new, None), false)[0].pair(),
            Some(("Nothing".into(), "8pm".into()))
        );
    }

    #[test]
    fn a_new_map_is_said_plainly_and_its_file_name_is_not_a_detail() {
        let none = details(&[("start", "19:00"), ("end", "07:00")]);
        let with = details(&[("start", "19:00"), ("end", "07:00"), ("mapFile", "area.pdf")]);
        let changes = differences(&curfew(), version(&none, None), version(&with, None), true);
        assert_eq!(changes, vec![Difference::Map { first: true }]);
        assert_eq!(changes[0].pair(), None);
        let again = details(&[("start", "19:00"), ("end", "07:00"), ("mapFile", "area-2.pdf")]);
        let changes = differences(&curfew(), version(&with, None), version(&again, None), true);
        assert_eq!(changes, vec![Difference::Map { first: false }]);
        assert_eq!(changes[0].map_words(), Some("There is a new map. Look at it above."));
    }

    #[test]
    fn a_bespoke_rules_words_and_several_changes_at_once() {
        let empty = Details::new();
        let before = Version { details: &empty, explanation: None, bespoke: Some("Stay calm.") };
        let now =
            Version { details: &empty, explanation: Some("Ask me if unsure."), bespoke: Some("Stay calm at home.") };
        let changes = differences(&[], before, now, false);
        assert_eq!(
            changes,
            vec![
                Difference::Words { before: "Stay calm.".into(), now: "Stay calm at home.".into() },
                Difference::Explanation { before: None, now: Some("Ask me if unsure.".into()) },
            ]
        );
        assert!(differences(&[], before, before, false).is_empty(), "nothing changed, nothing said");
    }

    #[test]
    fn labels_read_as_what_the_input_is() {
        let label = |label: &str, name: &str| {
            input(&format!(r#"{{"type":"text","label":"{label}","name":"{name}"}}"#)).plain_label()
        };
        assert_eq!(label("Enter the approved address", "approvedAddress"), "The approved address");
        assert_eq!(label("Select all that apply", "substanceTypes"), "Substance types");
        assert_eq!(label("First curfew – enter the end time", "twoCurfewEnd"), "First curfew – end time");
        assert_eq!(label("Enter an age up to 18", "age"), "Age up to 18");
        assert_eq!(label("Enter social services department (optional)", "dept"), "Social services department");
        assert_eq!(label("Choose what information to enter", "nameTypeAndOrAddress"), "Which details are given");
    }
}
