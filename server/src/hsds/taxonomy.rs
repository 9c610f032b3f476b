//! Waymark's needs as Open Referral UK taxonomy terms, and back.
//!
//! Export writes Waymark's own vocabulary (`waymark:food`, "Food"). Import
//! takes that, the need's key or name, or a common name other directories use
//! for the same kind of help ("Food bank", "Housing", "Substance misuse"…).

use app::model::hope::Need;

pub const VOCABULARY: &str = "Waymark needs";

pub fn term_id(need: Need) -> String {
    format!("waymark:{}", need.as_str())
}

/// Other names for each need, as directories write them (compared in lower case,
/// "&" read as "and").
const SYNONYMS: &[(Need, &[&str])] = &[
    (Need::Food, &["food bank", "foodbank", "food banks", "meals", "hot meals", "soup kitchen", "food and drink"]),
    (Need::Clothing, &["clothing", "clothing bank", "clothes bank"]),
    (
        Need::SomewhereToStay,
        &["housing", "homelessness", "homeless", "accommodation", "emergency accommodation", "shelter"],
    ),
    (Need::MoneyAndDebt, &["money", "debt", "debt advice", "money advice", "financial support", "budgeting"]),
    (Need::Benefits, &["benefit", "welfare benefits", "welfare", "universal credit"]),
    (Need::IdDocuments, &["id", "identity documents", "identification"]),
    (Need::Health, &["health", "mental health", "wellbeing", "health and wellbeing", "physical health"]),
    (Need::DrugsAndAlcohol, &["drugs", "alcohol", "substance misuse", "drug and alcohol", "addiction", "recovery"]),
    (Need::Work, &["employment", "jobs", "job search", "employment support"]),
    (Need::Training, &["education", "learning", "skills", "courses", "training"]),
    (Need::FamilyAndRelationships, &["relationships", "domestic abuse", "domestic violence", "parenting"]),
    (Need::SomeoneToTalkTo, &["befriending", "counselling", "emotional support", "listening", "loneliness"]),
    (Need::Families, &["family support", "prisoners families", "prisoners' families", "carers"]),
];

fn normal(s: &str) -> String {
    s.trim().to_lowercase().replace('&', "and").split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The need a term stands for: by id first, then by name.
pub fn need_for(id: Option<&str>, name: Option<&str>) -> Option<Need> {
    let by_id = id.map(normal).and_then(|id| {
        let key = id.strip_prefix("waymark:").unwrap_or(&id).to_owned();
        Need::parse(&key)
    });
    by_id.or_else(|| {
        let name = normal(name?);
        Need::ALL
            .into_iter()
            .find(|n| normal(n.label()) == name || n.as_str().replace('_', " ") == name)
            .or_else(|| SYNONYMS.iter().find(|(_, names)| names.contains(&name.as_str())).map(|(n, _)| *n))
    })
}

/// The names an import accepts, for the message when none matched.
pub fn accepted() -> String {
    Need::ALL.iter().map(|n| n.label()).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_match_by_id_name_or_synonym_and_round_trip() {
        for need in Need::ALL {
            assert_eq!(need_for(Some(&term_id(need)), None), Some(need));
            assert_eq!(need_for(None, Some(need.label())), Some(need));
        }
        assert_eq!(need_for(Some("esd:123"), Some("Substance Misuse")), Some(Need::DrugsAndAlcohol));
        assert_eq!(need_for(None, Some("  Housing ")), Some(Need::SomewhereToStay));
        assert_eq!(need_for(None, Some("Food & drink")), Some(Need::Food));
        assert_eq!(need_for(Some("drugs_and_alcohol"), None), Some(Need::DrugsAndAlcohol));
        assert_eq!(need_for(Some("x"), Some("Pet grooming")), None);
        assert!(accepted().starts_with("Food, Clothes, Somewhere to stay"));
    }
}
