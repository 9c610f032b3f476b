//! The licence-condition catalogue, loaded once: the official CVL policies
//! (server/data/cvl/) joined with Waymark's plain words (server/data/plain/).

use app::model::catalogue::{Input, Policy};
use app::model::parts::PartSource;
use app::model::{LicenceKind, PlainText, Template};
use serde::Deserialize;
use std::collections::HashMap;

const POLICIES: [&str; 2] =
    [include_str!("../data/cvl/policy-v3.0.json"), include_str!("../data/cvl/policy-v4.0.json")];
/// Waymark's own words (checked by `every_plain_section_reads_easily` below, and by
/// `server/data/plain/check.py` while writing).
const PLAIN: [&str; 1] = [include_str!("../data/plain/conditions.toml")];
/// Inputs Waymark adds beside the official ones (never in the official words).
const INPUTS: &str = include_str!("../data/inputs.toml");

#[derive(Debug, thiserror::Error)]
pub enum CatalogueError {
    #[error("policy JSON: {0}")]
    Policy(#[from] serde_json::Error),
    #[error("plain-language TOML: {0}")]
    Plain(#[from] toml::de::Error),
    #[error("no plain words for condition {code} in policy {version}")]
    MissingPlain { version: String, code: String },
    #[error("plain words for {code} name version {version}, which has no such condition")]
    UnknownCode { version: String, code: String },
}

#[derive(Deserialize)]
struct PlainFile {
    condition: Vec<PlainEntry>,
}

#[derive(Deserialize)]
struct PlainEntry {
    versions: Vec<String>,
    code: String,
    #[serde(flatten)]
    text: PlainText,
}

#[derive(Deserialize)]
struct InputFile {
    input: Vec<ExtraInput>,
}

#[derive(Deserialize)]
struct ExtraInput {
    on: Vec<ConditionRef>,
    #[serde(flatten)]
    input: Input,
}

#[derive(Deserialize)]
struct ConditionRef {
    version: String,
    code: String,
}

pub struct Catalogue {
    templates: Vec<Template>,
    index: HashMap<(String, String), usize>,
}

/// Policy versions, newest first (what a new licence uses by default).
pub const VERSIONS: [&str; 2] = ["4.0", "3.0"];

impl Catalogue {
    pub fn load() -> Result<Catalogue, CatalogueError> {
        let mut words: HashMap<(String, String), PlainText> = HashMap::new();
        let mut entries = Vec::new();
        for part in PLAIN {
            entries.extend(toml::from_str::<PlainFile>(part)?.condition);
        }
        for entry in entries {
            for v in entry.versions {
                words.insert((v, entry.code.clone()), entry.text.clone());
            }
        }
        let mut templates = Vec::new();
        for json in POLICIES {
            let policy: Policy = serde_json::from_str(json)?;
            let v = policy.version.clone();
            let mut take = |code: &str| {
                words
                    .remove(&(v.clone(), code.to_owned()))
                    .ok_or_else(|| CatalogueError::MissingPlain { version: v.clone(), code: code.to_owned() })
            };
            for (licence, list) in
                [(LicenceKind::Ap, &policy.standard_conditions.ap), (LicenceKind::Pss, &policy.standard_conditions.pss)]
            {
                for c in list {
                    templates.push(Template {
                        version: v.clone(),
                        code: c.code.clone(),
                        licence,
                        standard: true,
                        category: "Standard".into(),
                        text: c.text.clone(),
                        tpl: c.tpl.clone(),
                        inputs: Vec::new(),
                        plain: take(&c.code)?,
                    });
                }
            }
            for (licence, list) in [
                (LicenceKind::Ap, &policy.additional_conditions.ap),
                (LicenceKind::Pss, &policy.additional_conditions.pss),
            ] {
                for c in list {
                    templates.push(Template {
                        version: v.clone(),
                        code: c.code.clone(),
                        licence,
                        standard: false,
                        category: c.category.clone(),
                        text: c.text.clone(),
                        tpl: c.tpl.clone(),
                        inputs: c.inputs.clone(),
                        plain: take(&c.code)?,
                    });
                }
            }
        }
        if let Some(((version, code), _)) = words.into_iter().next() {
            return Err(CatalogueError::UnknownCode { version, code });
        }
        for extra in toml::from_str::<InputFile>(INPUTS)?.input {
            for at in extra.on {
                let template = templates
                    .iter_mut()
                    .find(|t| t.version == at.version && t.code == at.code)
                    .ok_or(CatalogueError::UnknownCode { version: at.version, code: at.code })?;
                template.inputs.push(extra.input.clone());
            }
        }
        let index = templates.iter().enumerate().map(|(i, t)| ((t.version.clone(), t.code.clone()), i)).collect();
        Ok(Catalogue { templates, index })
    }

    pub fn get(&self, version: &str, code: &str) -> Option<&Template> {
        self.index.get(&(version.to_owned(), code.to_owned())).map(|&i| &self.templates[i])
    }

    pub fn all(&self) -> &[Template] {
        &self.templates
    }

    pub fn in_version<'a>(&'a self, version: &'a str) -> impl Iterator<Item = &'a Template> + 'a {
        self.templates.iter().filter(move |t| t.version == version)
    }

    /// Where a part's conditions come from for a licence on `version`: that
    /// version if it has any for the part, else the newest earlier one that
    /// has. Policy 4.0 defines no post-sentence supervision conditions, but the
    /// supervision's requirements still apply to the person (they are set in
    /// law), so a 4.0 licence takes them from 3.0 and the desk is told so.
    pub fn part_source(&self, version: &str, kind: LicenceKind) -> PartSource {
        let of = |v: &str| self.templates.iter().filter(|t| t.version == v && t.licence == kind).collect::<Vec<_>>();
        let from = VERSIONS.iter().skip_while(|v| **v != version).find(|v| !of(v).is_empty());
        let list = from.map(|v| of(v)).unwrap_or_default();
        PartSource {
            version: version.to_owned(),
            kind,
            from: from.map(|v| (*v).to_owned()),
            standard: list.iter().filter(|t| t.standard).count(),
            additional: list.iter().filter(|t| !t.standard).count(),
        }
    }

    /// Where each part comes from, for every version.
    pub fn part_sources(&self) -> Vec<PartSource> {
        VERSIONS
            .iter()
            .flat_map(|v| [LicenceKind::Ap, LicenceKind::Pss].map(|kind| self.part_source(v, kind)))
            .collect()
    }

    /// Every condition a licence on `version` can have, each part's from its source.
    pub fn for_licence<'a>(&'a self, version: &str) -> Vec<&'a Template> {
        [LicenceKind::Ap, LicenceKind::Pss]
            .into_iter()
            .filter_map(|kind| self.part_source(version, kind).from.map(|from| (kind, from)))
            .flat_map(|(kind, from)| self.templates.iter().filter(move |t| t.version == from && t.licence == kind))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::readability::Score;

    fn count(c: &Catalogue, version: &str, licence: LicenceKind, standard: bool) -> usize {
        c.in_version(version).filter(|t| t.licence == licence && t.standard == standard).count()
    }

    #[test]
    fn every_condition_in_both_versions_has_plain_words() {
        let c = Catalogue::load().expect("catalogue loads, every code covered");
        assert_eq!(count(&c, "4.0", LicenceKind::Ap, true), 8);
        assert_eq!(count(&c, "4.0", LicenceKind::Ap, false), 66);
        assert_eq!(count(&c, "4.0", LicenceKind::Pss, true), 0);
        assert_eq!(count(&c, "3.0", LicenceKind::Ap, true), 9);
        assert_eq!(count(&c, "3.0", LicenceKind::Pss, true), 8);
        assert_eq!(count(&c, "3.0", LicenceKind::Ap, false), 63);
        assert_eq!(count(&c, "3.0", LicenceKind::Pss, false), 2);
        let distinct: std::collections::HashSet<_> = c.all().iter().map(|t| (&t.version, &t.code)).collect();
        assert_eq!(distinct.len(), c.all().len(), "(version, code) identifies a condition");
    }

    /// Every policy version with every licence type: each part the type has
    /// gets conditions, and where they come from another version the desk is told.
    #[test]
    fn every_version_and_type_has_conditions_for_each_part_or_says_where_they_come_from() {
        use app::model::LicenceType;
        let c = Catalogue::load().expect("catalogue");
        for version in VERSIONS {
            let offered = c.for_licence(version);
            for licence_type in LicenceType::ALL {
                for kind in [LicenceKind::Ap, LicenceKind::Pss].into_iter().filter(|k| licence_type.includes(*k)) {
                    let source = c.part_source(version, kind);
                    let part: Vec<_> = offered.iter().filter(|t| t.licence == kind).collect();
                    assert!(
                        part.iter().any(|t| t.standard),
                        "{version} {licence_type:?}: standard {kind:?} conditions"
                    );
                    assert!(part.iter().all(|t| Some(&t.version) == source.from.as_ref()), "{version} {kind:?}");
                    assert_eq!(
                        source.note().is_some(),
                        source.from.as_deref() != Some(version),
                        "{version} {kind:?}: a note exactly when the part comes from elsewhere"
                    );
                }
            }
        }
        // Policy 4.0 defines no post-sentence supervision: it takes 3.0's 8 standard and 2 additional.
        let pss = c.part_source("4.0", LicenceKind::Pss);
        assert_eq!((pss.from.as_deref(), pss.standard, pss.additional), (Some("3.0"), 8, 2));
        let note = pss.note().expect("said plainly");
        assert!(note.starts_with("Policy 4.0 has no post-sentence supervision conditions."), "{note}");
        assert!(note.contains("the 8 standard conditions and 2 additional ones from policy 3.0"), "{note}");
        assert_eq!(c.part_source("3.0", LicenceKind::Pss).note(), None);
        assert_eq!(c.part_source("4.0", LicenceKind::Ap).note(), None);
        assert_eq!(c.part_sources().len(), 4);
    }

    /// Every plain-language section reads easily; prints the five hardest.
    #[test]
    fn every_plain_section_reads_easily() {
        let c = Catalogue::load().expect("catalogue");
        let mut scored = Vec::new();
        for t in c.all() {
            for (heading, text) in t.plain.sections() {
                scored.push((Score::of(text), t.version.clone(), t.code.clone(), heading, text.to_owned()));
            }
        }
        scored.sort_by(|a, b| a.0.reading_ease.total_cmp(&b.0.reading_ease));
        let n = scored.len() as f64;
        let mean_ease = scored.iter().map(|s| s.0.reading_ease).sum::<f64>() / n;
        let mean_grade = scored.iter().map(|s| s.0.grade).sum::<f64>() / n;
        let worst_grade = scored.iter().map(|s| s.0.grade).fold(f64::MIN, f64::max);
        println!(
            "{} conditions ({} sections): reading ease mean {mean_ease:.1}, worst {:.1}; grade mean {mean_grade:.1}, worst {worst_grade:.1}",
            c.all().len(),
            scored.len(),
            scored[0].0.reading_ease,
        );
        println!("The five hardest plain-language sections:");
        for (score, v, code, heading, text) in scored.iter().take(5) {
            println!("  {:.1} ease, grade {:.1}: {v} {code} \"{heading}\": {text}", score.reading_ease, score.grade);
        }
        let hard: Vec<_> = scored
            .iter()
            .filter(|(s, ..)| !s.is_easy())
            .map(|(s, v, code, heading, _)| {
                format!("{v} {code} {heading}: ease {:.1}, grade {:.1}", s.reading_ease, s.grade)
            })
            .collect();
        assert!(hard.is_empty(), "{} sections are not easy reading:\n{}", hard.len(), hard.join("\n"));
    }

    fn curfew_card(start: &str, end: &str, now: &str) -> Option<String> {
        let c = Catalogue::load().expect("catalogue");
        let curfew = c.get("4.0", "52faefcf-15f0-42c5-b908-621b4a7ecdb9").expect("the curfew condition");
        let details = [("numberOfCurfews", "One curfew"), ("oneCurfewStart", start), ("oneCurfewEnd", end)]
            .into_iter()
            .map(|(k, v)| (k.to_owned(), vec![v.to_owned()]))
            .collect();
        app::model::today_words(curfew, &details, now.parse().expect("a time"))
    }

    #[test]
    fn a_curfew_across_midnight_reads_as_tonight_until_tomorrow_every_day() {
        assert_eq!(
            curfew_card("19:00", "07:00", "2026-11-23T12:00:00Z").as_deref(),
            Some("Be home by 7pm tonight. You can go out again at 7am tomorrow. This is every day.")
        );
        assert_eq!(
            curfew_card("13:00", "15:30", "2026-11-23T12:00:00Z").as_deref(),
            Some("Be home from 1pm to 3:30pm today. This is every day.")
        );
    }

    #[test]
    fn a_curfew_on_the_night_the_clocks_change_says_how_long_it_really_is() {
        // Clocks go back at 2am on Sunday 25 October 2026: 7pm to 7am is 13 hours that night.
        let autumn = curfew_card("19:00", "07:00", "2026-10-24T12:00:00Z").unwrap();
        assert!(autumn.ends_with("The clocks go back tonight, so you are in for 13 hours."), "{autumn}");
        // Clocks go forward at 1am on Sunday 28 March 2027: 11 hours.
        let spring = curfew_card("19:00", "07:00", "2027-03-27T12:00:00Z").unwrap();
        assert!(spring.ends_with("The clocks go forward tonight, so you are in for 11 hours."), "{spring}");
        // The night after, it is the usual 12 hours again.
        let after = curfew_card("19:00", "07:00", "2027-03-28T12:00:00Z").unwrap();
        assert!(after.ends_with("This is every day."), "{after}");
    }

    #[test]
    fn during_the_curfew_the_card_says_you_should_be_at_home_now() {
        let inside = "You should be at home now, until 7am. This is every day, from 7pm.";
        let outside = "Be home by 7pm tonight. You can go out again at 7am tomorrow. This is every day.";
        // Winter (UTC is UK time): from 7pm, across midnight, until just before 7am.
        for now in ["2026-11-23T19:00:00Z", "2026-11-23T19:16:00Z", "2026-11-24T00:00:00Z", "2026-11-24T06:59:00Z"] {
            assert_eq!(curfew_card("19:00", "07:00", now).as_deref(), Some(inside), "at {now}");
        }
        for now in ["2026-11-24T07:00:00Z", "2026-11-23T18:59:00Z", "2026-11-23T12:00:00Z"] {
            assert_eq!(curfew_card("19:00", "07:00", now).as_deref(), Some(outside), "at {now}");
        }
        // Summer time: 18:16 UTC is 7:16pm in the UK, 17:16 UTC is 6:16pm.
        assert_eq!(curfew_card("19:00", "07:00", "2026-07-01T18:16:00Z").as_deref(), Some(inside));
        assert_eq!(curfew_card("19:00", "07:00", "2026-07-01T17:16:00Z").as_deref(), Some(outside));
        // A curfew within the day.
        assert_eq!(
            curfew_card("13:00", "15:30", "2026-11-23T14:00:00Z").as_deref(),
            Some("You should be at home now, until 3:30pm. Be home from 1pm to 3:30pm every day.")
        );
    }

    #[test]
    fn during_the_curfew_on_the_night_the_clocks_change_it_says_how_long_that_night_is() {
        let back = "You should be at home now, until 7am. This is every day, from 7pm. \
                    The clocks go back tonight, so you are in for 13 hours.";
        // Clocks go back at 2am BST (01:00 UTC) on Sunday 25 October 2026: before the
        // change at 7:30pm and 1:30am, and after it at 3am, it is the same 13-hour night.
        for now in ["2026-10-24T18:30:00Z", "2026-10-25T00:30:00Z", "2026-10-25T03:00:00Z"] {
            assert_eq!(curfew_card("19:00", "07:00", now).as_deref(), Some(back), "at {now}");
        }
        // The next evening is a usual night.
        assert_eq!(
            curfew_card("19:00", "07:00", "2026-10-25T19:30:00Z").as_deref(),
            Some("You should be at home now, until 7am. This is every day, from 7pm.")
        );
        // Clocks go forward at 1am GMT on Sunday 28 March 2027: 11 hours, after midnight too.
        let forward = curfew_card("19:00", "07:00", "2027-03-28T00:30:00Z").unwrap();
        assert!(forward.starts_with("You should be at home now, until 7am."), "{forward}");
        assert!(forward.ends_with("The clocks go forward tonight, so you are in for 11 hours."), "{forward}");
    }

    #[test]
    fn an_exclusion_zone_is_named_plainly_from_its_inputs() {
        let c = Catalogue::load().expect("catalogue");
        let card = |code: &str, pairs: &[(&str, &str)]| {
            let details = pairs.iter().map(|(k, v)| ((*k).to_owned(), vec![(*v).to_owned()])).collect();
            app::model::today_words(c.get("4.0", code).expect(code), &details, jiff::Timestamp::UNIX_EPOCH)
        };
        assert_eq!(
            card(
                "42f71b40-84cd-446d-8647-f00bbb6c079c",
                &[
                    ("nameTypeAndOrAddress", "A name or type of premises and an address"),
                    ("nameOfPremises", "The Red Lion"),
                    ("premisesAddress", "5 High Street")
                ]
            )
            .as_deref(),
            Some("Do not go into The Red Lion, 5 High Street.")
        );
        assert_eq!(
            card("c4a17002-88a3-43b4-b3f7-82ff476cb217", &[("typeOfPremises", "school")]).as_deref(),
            Some("Do not go into any school, or stay where you can see one.")
        );
        assert_eq!(
            card("005d70e4-a247-4f82-b8b3-6d294a0f5051", &[("inBoundFilename", "area.pdf")]).as_deref(),
            Some("Stay inside the area on the map.")
        );
        assert_eq!(
            card(
                "99195049-f355-46fb-b7d8-aef87a1b19c5",
                &[("eventName", "the Northbridge Fair"), ("outOfBoundFilename", "fair.pdf")]
            )
            .as_deref(),
            Some("While the Northbridge Fair is on, stay out of the area on the map.")
        );
    }

    /// Supporters see conditions outside the People and Places groups; none of
    /// those may be about children, victims or a named person.
    #[test]
    fn rules_about_children_victims_or_named_people_are_never_for_supporters() {
        let c = Catalogue::load().expect("catalogue");
        let about_others = ["child", "victim", "person named", "people named", "under the age"];
        let leaks: Vec<String> = c
            .all()
            .iter()
            .filter(|t| !t.plain.group.is_sensitive())
            .filter(|t| {
                let text =
                    format!("{} {} {}", t.plain.headline, t.plain.what_it_means, t.plain.day_to_day).to_lowercase();
                about_others.iter().any(|w| text.contains(w))
            })
            .map(|t| format!("{} {}: {}", t.version, t.code, t.plain.headline))
            .collect();
        assert!(leaks.is_empty(), "shown to supporters but about other people:\n{}", leaks.join("\n"));
    }

    /// Every standard "where you live" condition, of every version and part,
    /// can say where: Waymark's address input (server/data/inputs.toml).
    #[test]
    fn every_residence_condition_has_an_address_input_outside_the_official_words() {
        let c = Catalogue::load().expect("catalogue");
        let residence: Vec<_> = c
            .all()
            .iter()
            .filter(|t| t.standard && t.plain.group == app::model::ConditionGroup::WhereYouLive)
            .collect();
        assert_eq!(residence.len(), 3, "4.0's, and 3.0's for the licence and for supervision");
        for t in residence {
            let input = t.inputs.iter().find(|i| i.name == app::model::HOME_ADDRESS_INPUT);
            assert!(input.is_some_and(|i| i.optional()), "{} {}: an optional address", t.version, t.code);
            let details = [(app::model::HOME_ADDRESS_INPUT.to_owned(), vec!["1 Test Road".to_owned()])].into();
            assert!(!t.official_words(&details).contains("Test Road"), "never in the official words");
        }
    }

    #[test]
    fn official_words_fill_without_leftover_slots() {
        let c = Catalogue::load().expect("catalogue");
        for t in c.all() {
            let words = t.official_words(&Default::default());
            assert!(!words.contains('{'), "{} {}: {words}", t.version, t.code);
        }
    }
}
