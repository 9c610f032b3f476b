//! Maps on conditions: attached by the practitioner, read by the person and
//! the practitioner (never by a supporter: such conditions are about places).

use super::Engine;
use crate::store;
use app::error::{AppError, AppResult};
use app::model::audit::Section;
use app::model::catalogue::{active_inputs, InputType};
use app::model::map::{MapFormat, MapRefusal};
use app::model::{CaseId, ConditionId, PractitionerId};

/// Longest file name kept in the condition's details (the catalogue's input is a file name).
const NAME_MAX: usize = 100;

impl Engine {
    /// Attach (or replace) a condition's map. A new version: the person is
    /// asked to confirm again. `Ok(Err(_))` is a refusal to show on the form.
    pub(crate) fn attach_map(
        &self,
        practitioner: PractitionerId,
        case: CaseId,
        condition: ConditionId,
        file_name: &str,
        bytes: &[u8],
    ) -> AppResult<Result<(), MapRefusal>> {
        let licence = self.case_licence(practitioner, case)?;
        let row = licence.conditions.into_iter().find(|c| c.id == condition).ok_or(AppError::NotFound)?;
        let Some(template) = self.template_for(&row.template) else { return Ok(Err(MapRefusal::NoMapHere)) };
        let inputs = active_inputs(&template.inputs, &row.details);
        let Some(input) = inputs.into_iter().find(|i| i.kind == InputType::FileUpload) else {
            return Ok(Err(MapRefusal::NoMapHere));
        };
        let format = match MapRefusal::check(bytes) {
            Ok(f) => f,
            Err(refusal) => return Ok(Err(refusal)),
        };
        let name: String = file_name.chars().filter(|c| !c.is_control()).take(NAME_MAX).collect();
        let mut details = row.details.clone();
        details.insert(input.name.clone(), vec![if name.trim().is_empty() { "map".to_owned() } else { name }]);
        self.on_case(practitioner, case, Section::Licence, "attached a map", |tx| {
            store::put_condition_map(tx, condition, format, bytes)?;
            store::update_condition(tx, case, condition, practitioner, &details, None, row.explanation.as_deref())?
                .then_some(())
                .ok_or(AppError::NotFound)
        })?;
        Ok(Ok(()))
    }

    /// The person's own condition's map.
    pub(crate) fn person_condition_map(&self, case: CaseId, condition: ConditionId) -> AppResult<(MapFormat, Vec<u8>)> {
        store::condition_map(&self.store.read()?, case, condition)?.ok_or(AppError::NotFound)
    }

    /// A map on a case the practitioner may see.
    pub(crate) fn case_condition_map(
        &self,
        practitioner: PractitionerId,
        case: CaseId,
        condition: ConditionId,
    ) -> AppResult<(MapFormat, Vec<u8>)> {
        self.on_case_read(practitioner, case, Section::Map, |conn| {
            store::condition_map(conn, case, condition)?.ok_or(AppError::NotFound)
        })
    }
}
