//! The licence-condition catalogue, loaded once: the official CVL policies
//! (server/data/cvl/) joined with Waymark's plain words (server/data/plain/).

use app::model::catalogue::Policy;
use app::model::{LicenceKind, PlainText, Template};
use serde::Deserialize;
use std::collections::HashMap;

const POLICIES: [&str; 2] =
    [include_str!("../data/cvl/policy-v3.0.json"), include_str!("../data/cvl/policy-v4.0.json")];
/// Waymark's own words (checked by `every_plain_section_reads_easily` below, and by
/// `server/data/plain/check.py` while writing).
const PLAIN: [&str; 1] = [include_str!("../data/plain/conditions.toml")];

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

    #[test]
    fn official_words_fill_without_leftover_slots() {
        let c = Catalogue::load().expect("catalogue");
        for t in c.all() {
            let words = t.official_words(&Default::default());
            assert!(!words.contains('{'), "{} {}: {words}", t.version, t.code);
        }
    }
}
