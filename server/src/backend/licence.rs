//! Licence conditions: the catalogue joined with each case's rows.

use super::{check_text, optional_explanation, Caller, Engine};
use crate::store;
use crate::store::Conn;
use app::error::{AppError, AppResult};
use app::model::audit::Section;
use app::model::catalogue::{check_details, Details};
use app::model::parts;
use app::model::what_changed::{differences, Version};
use app::model::*;

impl Engine {
    pub(super) fn template_for(&self, template: &Option<(String, String)>) -> Option<&Template> {
        template.as_ref().and_then(|(v, c)| self.catalogue.get(v, c))
    }

    /// A rule in one line: the catalogue's plain headline, or a bespoke rule's.
    pub(super) fn headline(&self, template: &Option<(String, String)>) -> String {
        self.template_for(template)
            .map(|t| t.plain.headline.clone())
            .unwrap_or_else(|| "A rule your probation officer wrote for you".into())
    }

    fn official_words(&self, template: Option<&Template>, details: &Details, bespoke: Option<&str>) -> String {
        match template {
            Some(t) => t.official_words(details),
            None => bespoke.unwrap_or_default().to_owned(),
        }
    }

    pub(super) fn licence(&self, conn: &Conn, case: CaseId) -> AppResult<PersonLicence> {
        let rows = store::condition_rows(conn, case)?;
        let mut messages = store::condition_messages(conn, case)?;
        let history = store::previous_versions(conn, case)?;
        let maps = store::condition_maps(conn, case)?;
        let now = jiff::Timestamp::now();
        let mut conditions = Vec::with_capacity(rows.len());
        for row in rows {
            let template = self.template_for(&row.template);
            let thread = messages.iter().filter(|(id, _)| *id == row.id).map(|(_, m)| m.clone()).collect();
            messages.retain(|(id, _)| *id != row.id);
            let map = maps.iter().find(|(id, _)| *id == row.id).map(|(_, m)| *m);
            let previous = history.iter().find(|h| h.condition == row.id);
            let home = Home::from_details(&row.details, previous.map(|h| &h.details));
            let earlier = previous.map(|h| {
                let before = Version {
                    details: &h.details,
                    explanation: h.explanation.as_deref(),
                    bespoke: h.bespoke_text.as_deref(),
                };
                let now = Version {
                    details: &row.details,
                    explanation: row.explanation.as_deref(),
                    bespoke: row.bespoke_text.as_deref(),
                };
                // A map put on with this version (in the same transaction, so not before it).
                let map_changed = map.is_some_and(|m| m.uploaded_at.as_second() >= h.replaced_at);
                let inputs = template.map(|t| t.inputs.as_slice()).unwrap_or_default();
                EarlierVersion {
                    version: h.version,
                    changes: differences(inputs, before, now, map_changed),
                    replaced_at: jiff::Timestamp::from_second(h.replaced_at).unwrap_or_default(),
                }
            });
            let plain = template.map(|t| t.plain.clone());
            conditions.push(LicenceCondition {
                id: row.id,
                case_id: case,
                licence: row.licence,
                group: plain.as_ref().map(|p| p.group).unwrap_or(ConditionGroup::EveryDay),
                headline: self.headline(&row.template),
                plain,
                official_words: self.official_words(template, &row.details, row.bespoke_text.as_deref()),
                explanation: row.explanation,
                version: row.version,
                understanding: row.understanding,
                thread,
                earlier,
                today: template.and_then(|t| today_words(t, &row.details, now)),
                template: row.template,
                details: row.details,
                map,
                home,
            });
        }
        conditions.sort_by_key(|c| (c.group, c.licence, c.id));
        let removed = store::removed_conditions(conn, case)?
            .into_iter()
            .map(|row| {
                let template = self.template_for(&row.template);
                RemovedCondition {
                    id: row.id,
                    licence: row.licence,
                    headline: self.headline(&row.template),
                    official_words: self.official_words(template, &row.details, row.bespoke_text.as_deref()),
                    removed_at: jiff::Timestamp::from_second(row.removed_at).unwrap_or_default(),
                    removed_by: row.removed_by,
                }
            })
            .collect();
        Ok(PersonLicence {
            conditions,
            explanations: store::explanations(conn, case)?,
            removed,
            parts: store::licence_parts(conn, case)?,
        })
    }
}

/// The person's answer to a condition, checked, inside the caller's transaction.
pub(crate) fn person_answer(tx: &Conn, case: CaseId, condition: ConditionId, answer: &Answer) -> AppResult<()> {
    let answer = match answer {
        Answer::Understood => Answer::Understood,
        Answer::Question(text) => Answer::Question(check_text("question", text, MESSAGE_MAX, "your question")?),
    };
    store::record_answer(tx, case, condition, &answer)?.then_some(()).ok_or(AppError::NotFound)
}

/// The person read a letter (at `at`, UTC seconds), inside the caller's transaction.
pub(crate) fn letter_read(tx: &Conn, case: CaseId, letter: ExplanationId, at: i64) -> AppResult<()> {
    store::mark_read(tx, case, letter, at)?.then_some(()).ok_or(AppError::NotFound)
}

impl Engine {
    pub(crate) fn templates(&self, version: &str) -> AppResult<parts::LicenceCatalogue> {
        if self.catalogue.in_version(version).next().is_none() {
            return Err(AppError::NotFound);
        }
        let templates = self.catalogue.for_licence(version).into_iter().cloned().collect();
        Ok(parts::LicenceCatalogue { templates, sources: self.catalogue.part_sources() })
    }

    pub(crate) fn template(&self, version: &str, code: &str) -> AppResult<Template> {
        self.catalogue.get(version, code).cloned().ok_or(AppError::NotFound)
    }

    pub(crate) fn person_licence(&self, case: CaseId) -> AppResult<PersonLicence> {
        self.licence(&self.store.read()?, case)
    }

    pub(crate) fn read_letter(&self, case: CaseId, letter: ExplanationId) -> AppResult<()> {
        self.in_transaction(|tx| letter_read(tx, case, letter, jiff::Timestamp::now().as_second()))
    }

    pub(crate) fn answer_condition(&self, case: CaseId, condition: ConditionId, answer: &Answer) -> AppResult<()> {
        self.in_transaction(|tx| person_answer(tx, case, condition, answer))
    }

    pub(crate) fn reporting(
        &self,
        practitioner: Option<PractitionerId>,
        case: CaseId,
    ) -> AppResult<Vec<(ConditionId, app::model::reporting::Reporting)>> {
        let caller = practitioner.map(Caller::Practitioner).unwrap_or(Caller::Person(case));
        self.read_case(&caller, case, Section::Reporting, |conn| {
            Ok(store::condition_rows(conn, case)?
                .into_iter()
                .filter_map(|row| app::model::reporting::Reporting::from_details(&row.details).map(|r| (row.id, r)))
                .collect())
        })
    }

    pub(crate) fn case_licence(&self, practitioner: PractitionerId, case: CaseId) -> AppResult<PersonLicence> {
        self.on_case_read(practitioner, case, Section::Licence, |conn| self.licence(conn, case))
    }

    pub(crate) fn add_condition(
        &self,
        practitioner: PractitionerId,
        case: CaseId,
        new: &NewCondition,
        explanation: Option<&str>,
    ) -> AppResult<ConditionId> {
        let explanation = optional_explanation(explanation)?;
        let overview = store::case_overview(&self.store.read()?, practitioner, case)?.ok_or(AppError::NotFound)?;
        // A rule for a part the licence does not have would be shown under a part that is not there.
        let in_licence = |kind: LicenceKind, field: &str| {
            if overview.licence_type.includes(kind) {
                Ok(())
            } else {
                Err(AppError::invalid(
                    field,
                    format!(
                        "This licence has no {} part. Change its type first, on the list of conditions.",
                        kind.label().to_lowercase()
                    ),
                ))
            }
        };
        match new {
            NewCondition::Catalogue { version, code, details } => {
                let template = self.catalogue.get(version, code).ok_or(AppError::NotFound)?;
                in_licence(template.licence, "licence")?;
                let details = check_details(&template.inputs, details)?;
                self.on_case(practitioner, case, Section::Licence, "added condition", |tx| {
                    Ok(store::insert_condition(
                        tx,
                        case,
                        template.licence,
                        Some((version, code)),
                        None,
                        &details,
                        explanation.as_deref(),
                    )?)
                })
            }
            NewCondition::Bespoke { licence, text } => {
                in_licence(*licence, "licence")?;
                let text = check_text("bespoke_text", text, EXPLANATION_MAX, "the condition")?;
                self.on_case(practitioner, case, Section::Licence, "added bespoke condition", |tx| {
                    Ok(store::insert_condition(
                        tx,
                        case,
                        *licence,
                        None,
                        Some(&text),
                        &Details::new(),
                        explanation.as_deref(),
                    )?)
                })
            }
        }
    }

    pub(crate) fn edit_condition(
        &self,
        practitioner: PractitionerId,
        case: CaseId,
        condition: ConditionId,
        details: &Details,
        explanation: Option<&str>,
    ) -> AppResult<()> {
        let explanation = optional_explanation(explanation)?;
        let current = self.case_licence(practitioner, case)?;
        let row = current.conditions.iter().find(|c| c.id == condition).ok_or(AppError::NotFound)?;
        let details = match self.template_for(&row.template) {
            Some(t) => check_details(&t.inputs, details)?,
            None => Details::new(),
        };
        if details == row.details && explanation == row.explanation {
            return Ok(()); // Nothing changed: no new version to confirm.
        }
        self.on_case(practitioner, case, Section::Licence, "changed condition", |tx| {
            store::update_condition(tx, case, condition, practitioner, &details, None, explanation.as_deref())?
                .then_some(())
                .ok_or(AppError::NotFound)
        })
    }

    pub(crate) fn remove_condition(
        &self,
        practitioner: PractitionerId,
        case: CaseId,
        condition: ConditionId,
    ) -> AppResult<()> {
        self.on_case(practitioner, case, Section::Licence, "removed condition", |tx| {
            store::remove_condition(tx, case, condition, practitioner)?.then_some(()).ok_or(AppError::NotFound)
        })
    }

    pub(crate) fn set_licence_setup(
        &self,
        practitioner: PractitionerId,
        case: CaseId,
        version: &str,
        licence_type: LicenceType,
        pss_end: Option<&str>,
    ) -> AppResult<()> {
        if self.catalogue.in_version(version).next().is_none() {
            return Err(AppError::invalid("version", "Choose policy version 4.0 or 3.0."));
        }
        self.on_case(practitioner, case, Section::Licence, "set up the licence", |tx| {
            let overview = store::case_overview(tx, practitioner, case)?.ok_or(AppError::NotFound)?;
            let pss_end = parts::check_pss_end(licence_type, overview.entry.licence_end, pss_end)?;
            store::set_licence_setup(tx, case, version, licence_type, pss_end)?;
            Ok(())
        })
    }

    pub(crate) fn add_standard_conditions(&self, practitioner: PractitionerId, case: CaseId) -> AppResult<u32> {
        self.on_case(practitioner, case, Section::Licence, "added the standard conditions", |tx| {
            let overview = store::case_overview(tx, practitioner, case)?.ok_or(AppError::NotFound)?;
            let present: Vec<(String, String)> =
                self.licence(tx, case)?.conditions.into_iter().filter_map(|c| c.template).collect();
            let missing: Vec<&Template> = self
                .catalogue
                .for_licence(&overview.policy_version)
                .into_iter()
                .filter(|t| t.standard && overview.licence_type.includes(t.licence))
                .filter(|t| !present.contains(&(t.version.clone(), t.code.clone())))
                .collect();
            for t in &missing {
                store::insert_condition(tx, case, t.licence, Some((&t.version, &t.code)), None, &Details::new(), None)?;
            }
            Ok(missing.len() as u32)
        })
    }

    pub(crate) fn reply_to_question(
        &self,
        practitioner: PractitionerId,
        case: CaseId,
        condition: ConditionId,
        body: &str,
    ) -> AppResult<()> {
        let body = check_text("reply", body, MESSAGE_MAX, "your answer")?;
        self.on_case(practitioner, case, Section::Licence, "answered a question", |tx| {
            store::record_reply(tx, case, condition, practitioner, &body)?.then_some(()).ok_or(AppError::NotFound)
        })
    }

    pub(crate) fn add_explanation(
        &self,
        practitioner: PractitionerId,
        case: CaseId,
        kind: ExplanationKind,
        title: &str,
        body: &str,
    ) -> AppResult<()> {
        let title = check_text("title", title, 120, "a short title")?;
        let body = check_text("body", body, EXPLANATION_MAX, "the explanation")?;
        self.on_case(practitioner, case, Section::Licence, "wrote an explanation", |tx| {
            store::insert_explanation(tx, case, practitioner, kind, &title, &body)?;
            Ok(())
        })
    }
}
