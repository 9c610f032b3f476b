//! "About me" (issue 12.1): only the person changes it, from a form or from
//! their phone's outbox; their practitioner reads it (recorded) and suggests
//! times they cannot do. The checks live here once, for both ways in.

use super::{check_text, Engine};
use crate::store;
use crate::store::Conn;
use app::error::{AppError, AppResult};
use app::model::about::*;
use app::model::audit::Section;
use app::model::{CaseId, PractitionerId};

fn today() -> jiff::civil::Date {
    jiff::Timestamp::now().to_zoned(app::format::london()).date()
}

/// The person's preferences, checked, inside the caller's transaction.
pub(crate) fn person_prefs(tx: &Conn, case: CaseId, prefs: &Prefs) -> AppResult<()> {
    Ok(store::set_prefs(tx, case, &prefs.checked()?)?)
}

/// A time the person cannot do, checked; the same one twice is kept once.
pub(crate) fn person_add_busy(tx: &Conn, case: CaseId, form: &BusyForm) -> AppResult<()> {
    let busy = form.check(today())?;
    if store::busy_count(tx, case)? >= BUSY_MAX {
        return Err(AppError::invalid(
            "busy_kind",
            format!("You can list up to {BUSY_MAX} times. Take one away before you add another."),
        ));
    }
    Ok(store::insert_busy(tx, case, &busy)?)
}

pub(crate) fn person_remove_busy(tx: &Conn, case: CaseId, busy: BusyId) -> AppResult<()> {
    store::delete_busy(tx, case, busy)?.then_some(()).ok_or(AppError::NotFound)
}

/// The person's answer to a suggestion; a second answer changes nothing.
pub(crate) fn person_answer(tx: &Conn, case: CaseId, suggestion: SuggestionId, accept: bool) -> AppResult<()> {
    store::answer_suggestion(tx, case, suggestion, accept)?.map(|_| ()).ok_or(AppError::NotFound)
}

impl Engine {
    pub(crate) fn person_about(&self, case: CaseId) -> AppResult<AboutMe> {
        Ok(store::about_me(&self.store.read()?, case)?)
    }

    pub(crate) fn save_prefs(&self, case: CaseId, prefs: &Prefs) -> AppResult<()> {
        self.in_transaction(|tx| person_prefs(tx, case, prefs))
    }

    pub(crate) fn add_busy(&self, case: CaseId, form: &BusyForm) -> AppResult<()> {
        self.in_transaction(|tx| person_add_busy(tx, case, form))
    }

    pub(crate) fn remove_busy(&self, case: CaseId, busy: BusyId) -> AppResult<()> {
        self.in_transaction(|tx| person_remove_busy(tx, case, busy))
    }

    pub(crate) fn answer_suggestion(&self, case: CaseId, suggestion: SuggestionId, accept: bool) -> AppResult<()> {
        self.in_transaction(|tx| person_answer(tx, case, suggestion, accept))
    }

    pub(crate) fn case_about(&self, practitioner: PractitionerId, case: CaseId) -> AppResult<AboutMe> {
        self.on_case_read(practitioner, case, Section::AboutMe, |conn| Ok(store::about_me(conn, case)?))
    }

    /// A practitioner suggests a time; it is the person's to add.
    pub(crate) fn suggest_busy(
        &self,
        practitioner: PractitionerId,
        case: CaseId,
        form: &BusyForm,
        note: Option<&str>,
    ) -> AppResult<()> {
        let busy = form.check(today())?;
        let note = note
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(|n| check_text("note", n, app::model::REASON_MAX, "the note"))
            .transpose()?;
        self.on_case(practitioner, case, Section::AboutMe, "suggested a time they cannot do", |tx| {
            store::insert_suggestion(tx, case, practitioner, &busy, note.as_deref())?;
            Ok(())
        })
    }
}

/// Refuse a draft that clashes with the person's times or other appointments
/// unless it says why it has to be then (the warning names every clash). The
/// draft to keep: its reason only while it clashes with something.
pub(crate) fn check_clashes(
    conn: &Conn,
    case: CaseId,
    draft: &app::model::AppointmentDraft,
    editing: Option<app::model::AppointmentId>,
) -> AppResult<app::model::AppointmentDraft> {
    let busy = store::busy_times(conn, case)?;
    let others = store::appointments(conn, case)?;
    let found = clashes(draft, editing, &busy, &others);
    if found.is_empty() {
        return Ok(app::model::AppointmentDraft { clash_reason: None, ..draft.clone() });
    }
    if draft.clash_reason.is_some() {
        return Ok(draft.clone());
    }
    let name = store::case_contact(conn, case)?.map(|c| c.preferred_name).unwrap_or_else(|| "They".into());
    Err(AppError::invalid("clash_reason", clash_warning(&found, &name)))
}
