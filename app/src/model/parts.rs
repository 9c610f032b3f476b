//! A licence's parts: the licence itself, and post-sentence supervision (PSS)
//! after a short sentence, each with the date it ends; and which policy each
//! part's conditions come from when the chosen policy has none for it.

use super::{LicenceKind, LicenceType};
use crate::error::{AppError, AppResult};
use crate::format::{count, date_long};
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// One part of a person's licence and when it ends (`None`: not known yet,
/// for a licence set up before Waymark asked).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct LicencePart {
    pub kind: LicenceKind,
    pub ends: Option<Date>,
}

/// The parts a licence of this type has, in order. For post-sentence
/// supervision alone, the case's own end date is the supervision's.
pub fn licence_parts(licence_type: LicenceType, licence_end: Date, pss_end: Option<Date>) -> Vec<LicencePart> {
    match licence_type {
        LicenceType::Ap => vec![LicencePart { kind: LicenceKind::Ap, ends: Some(licence_end) }],
        LicenceType::Pss => vec![LicencePart { kind: LicenceKind::Pss, ends: Some(licence_end) }],
        LicenceType::ApPss => vec![
            LicencePart { kind: LicenceKind::Ap, ends: Some(licence_end) },
            LicencePart { kind: LicenceKind::Pss, ends: pss_end },
        ],
    }
}

/// The end of post-sentence supervision as typed on the licence set-up: needed
/// (and after the licence ends) for a licence followed by supervision, and not
/// kept for any other type.
pub fn check_pss_end(licence_type: LicenceType, licence_end: Date, raw: Option<&str>) -> AppResult<Option<Date>> {
    if licence_type != LicenceType::ApPss {
        return Ok(None);
    }
    let raw = raw.map(str::trim).unwrap_or_default();
    if raw.is_empty() {
        return Err(AppError::invalid("pss_end", "Enter the date post-sentence supervision ends."));
    }
    let date = raw.parse::<Date>().map_err(|_| {
        AppError::invalid("pss_end", "Enter the date post-sentence supervision ends as a real date, like 2027-12-31.")
    })?;
    if date <= licence_end {
        return Err(AppError::invalid(
            "pss_end",
            format!(
                "Post-sentence supervision starts when the licence ends ({}), so it must end after that.",
                date_long(licence_end)
            ),
        ));
    }
    Ok(Some(date))
}

fn until(ends: Option<Date>) -> String {
    match ends {
        Some(d) => format!("until {}", date_long(d)),
        None => "until a date your probation officer will tell you".into(),
    }
}

/// What the person reads about their licence's parts, as sentences.
pub fn parts_words(parts: &[LicencePart]) -> Vec<String> {
    match parts {
        [LicencePart { kind: LicenceKind::Ap, ends }] => vec![format!("Your licence lasts {}.", until(*ends))],
        [LicencePart { kind: LicenceKind::Pss, ends }] => vec![
            format!("You are on post-sentence supervision {}.", until(*ends)),
            "This means you still meet your probation officer and keep the rules here.".into(),
        ],
        [first, second] => vec![
            "Your licence has two parts.".into(),
            format!("First, your licence lasts {}.", until(first.ends)),
            format!("Then you have post-sentence supervision {}.", until(second.ends)),
            "In that time you still meet your probation officer and keep some rules.".into(),
            "Each rule here says which part it is for.".into(),
        ],
        _ => Vec::new(),
    }
}

/// The part a rule belongs to, for the person: "For your licence, until 1 May 2027".
pub fn part_label(kind: LicenceKind, parts: &[LicencePart]) -> String {
    let ends = parts.iter().find(|p| p.kind == kind).and_then(|p| p.ends);
    match kind {
        LicenceKind::Ap => format!("For your licence, {}", until(ends)),
        LicenceKind::Pss => format!("For post-sentence supervision, {}", until(ends)),
    }
}

/// Where one part's conditions come from for a policy version: the version
/// itself, or (when it has none for that part) the newest earlier one that has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartSource {
    pub version: String,
    pub kind: LicenceKind,
    /// `None` when no policy has conditions for this part.
    pub from: Option<String>,
    pub standard: usize,
    pub additional: usize,
}

impl PartSource {
    /// The practitioner's note when the part does not come from the chosen
    /// version: said where the version and type are chosen.
    pub fn note(&self) -> Option<String> {
        let part = match self.kind {
            LicenceKind::Ap => "licence",
            LicenceKind::Pss => "post-sentence supervision",
        };
        match &self.from {
            Some(from) if *from == self.version => None,
            Some(from) => Some(format!(
                "Policy {} has no {part} conditions. For that part, Waymark uses the {} and {} from policy {from}, \
                 the newest policy that has them. Check them against the licence you issue.",
                self.version,
                count(self.standard, "standard condition", "standard conditions"),
                count(self.additional, "additional one", "additional ones"),
            )),
            None => Some(format!("No policy has {part} conditions. Add each one as a condition in your own words.")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn each_type_has_its_parts_and_a_licence_then_supervision_needs_its_end() {
        let end = d("2027-05-01");
        assert_eq!(licence_parts(LicenceType::Ap, end, None), [LicencePart { kind: LicenceKind::Ap, ends: Some(end) }]);
        assert_eq!(
            licence_parts(LicenceType::Pss, end, None),
            [LicencePart { kind: LicenceKind::Pss, ends: Some(end) }]
        );
        let both = licence_parts(LicenceType::ApPss, end, Some(d("2027-11-01")));
        assert_eq!(both[1], LicencePart { kind: LicenceKind::Pss, ends: Some(d("2027-11-01")) });
        assert_eq!(check_pss_end(LicenceType::ApPss, end, Some("2027-11-01")).unwrap(), Some(d("2027-11-01")));
        assert_eq!(check_pss_end(LicenceType::Ap, end, Some("2027-11-01")).unwrap(), None, "kept only with PSS");
        assert_eq!(
            check_pss_end(LicenceType::ApPss, end, None).unwrap_err().to_string(),
            "Enter the date post-sentence supervision ends."
        );
        let early = check_pss_end(LicenceType::ApPss, end, Some("2027-04-01")).unwrap_err();
        assert_eq!(early.field(), Some("pss_end"));
        assert!(early.to_string().contains("1 May 2027"), "{early}");
    }

    #[test]
    fn the_person_reads_each_part_and_when_it_ends() {
        let both = licence_parts(LicenceType::ApPss, d("2027-05-01"), Some(d("2027-11-01")));
        let words = parts_words(&both).join(" ");
        assert!(words.contains("First, your licence lasts until 1 May 2027."), "{words}");
        assert!(words.contains("Then you have post-sentence supervision until 1 November 2027."), "{words}");
        assert_eq!(part_label(LicenceKind::Pss, &both), "For post-sentence supervision, until 1 November 2027");
        let unknown = licence_parts(LicenceType::ApPss, d("2027-05-01"), None);
        assert!(part_label(LicenceKind::Pss, &unknown).ends_with("until a date your probation officer will tell you"));
    }
}

/// What a practitioner chooses from for a licence on one policy version: every
/// condition for each part (from its source version), and where each part of
/// every version comes from (to say so where the version and type are chosen).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LicenceCatalogue {
    pub templates: Vec<super::Template>,
    pub sources: Vec<PartSource>,
}
