//! Appointments and the steps to ID, a bank account and the rest.

use super::{check_text, Engine};
use crate::store;
use crate::store::Conn;
use app::error::{AppError, AppResult};
use app::model::audit::Section;
use app::model::*;

/// The person's answer to an appointment, checked, inside the caller's transaction.
pub(crate) fn person_rsvp(tx: &Conn, case: CaseId, appointment: AppointmentId, rsvp: &Rsvp) -> AppResult<()> {
    let rsvp = match rsvp {
        Rsvp::Attending => Rsvp::Attending,
        Rsvp::NeedsChange(reason) => {
            Rsvp::NeedsChange(check_text("reason", reason, MESSAGE_MAX, "why you need a change")?)
        }
    };
    store::record_rsvp(tx, case, appointment, &rsvp)?.then_some(()).ok_or(AppError::NotFound)
}

/// A step's new status from either side (the later one wins; history keeps both).
pub(crate) fn step_status(
    tx: &Conn,
    case: CaseId,
    step: StepId,
    by: Option<PractitionerId>,
    status: StepStatus,
    reason: Option<&str>,
) -> AppResult<()> {
    let reason = reason.map(str::trim).filter(|r| !r.is_empty());
    let reason = match (status, reason) {
        (StepStatus::Stuck, None) => {
            return Err(AppError::invalid("reason", "Say what is in the way, so someone can help."))
        }
        (_, Some(r)) => Some(check_text("reason", r, REASON_MAX, "the reason")?),
        (_, None) => None,
    };
    store::set_step_status(tx, case, step, by, status, reason.as_deref())?.ok_or(AppError::NotFound)
}

/// Appointments and steps (issue 4).
impl Engine {
    pub(crate) fn person_appointments(&self, case: CaseId) -> AppResult<Vec<Appointment>> {
        Ok(store::appointments(&self.store.read()?, case)?)
    }

    pub(crate) fn answer_appointment(&self, case: CaseId, appointment: AppointmentId, rsvp: &Rsvp) -> AppResult<()> {
        self.in_transaction(|tx| person_rsvp(tx, case, appointment, rsvp))
    }

    pub(crate) fn case_appointments(&self, practitioner: PractitionerId, case: CaseId) -> AppResult<Vec<Appointment>> {
        self.on_case_read(practitioner, case, Section::Appointments, |conn| Ok(store::appointments(conn, case)?))
    }

    pub(crate) fn create_appointment(
        &self,
        practitioner: PractitionerId,
        case: CaseId,
        draft: &AppointmentDraft,
    ) -> AppResult<AppointmentId> {
        self.on_case(practitioner, case, Section::Appointments, "set an appointment", |tx| {
            let draft = super::about::check_clashes(tx, case, draft, None)?;
            Ok(store::insert_appointment(tx, case, &draft)?)
        })
    }

    pub(crate) fn update_appointment(
        &self,
        practitioner: PractitionerId,
        case: CaseId,
        appointment: AppointmentId,
        draft: &AppointmentDraft,
    ) -> AppResult<()> {
        self.on_case(practitioner, case, Section::Appointments, "changed an appointment", |tx| {
            if store::appointment(tx, case, appointment)?.is_none() {
                return Err(AppError::NotFound);
            }
            let draft = super::about::check_clashes(tx, case, draft, Some(appointment))?;
            store::update_appointment(tx, case, appointment, &draft)?.then_some(()).ok_or(AppError::NotFound)
        })
    }

    pub(crate) fn cancel_appointment(
        &self,
        practitioner: PractitionerId,
        case: CaseId,
        appointment: AppointmentId,
        reason: Option<&str>,
    ) -> AppResult<()> {
        let reason = match reason.map(str::trim).filter(|r| !r.is_empty()) {
            Some(r) => Some(check_text("cancel_reason", r, MESSAGE_MAX, "the reason")?),
            None => None,
        };
        self.on_case(practitioner, case, Section::Appointments, "cancelled an appointment", |tx| {
            store::cancel_appointment(tx, case, appointment, reason.as_deref())?.then_some(()).ok_or(AppError::NotFound)
        })
    }

    pub(crate) fn person_steps(&self, case: CaseId) -> AppResult<Vec<Step>> {
        Ok(store::steps(&self.store.read()?, case)?)
    }

    pub(crate) fn case_steps(&self, practitioner: PractitionerId, case: CaseId) -> AppResult<Vec<Step>> {
        self.on_case_read(practitioner, case, Section::Steps, |conn| Ok(store::steps(conn, case)?))
    }

    pub(crate) fn set_step_status(
        &self,
        by: Option<PractitionerId>,
        case: CaseId,
        step: StepId,
        status: StepStatus,
        reason: Option<&str>,
    ) -> AppResult<()> {
        let apply = |tx: &Conn| step_status(tx, case, step, by, status, reason);
        match by {
            Some(practitioner) => self.on_case(practitioner, case, Section::Steps, "changed a step", apply),
            None => self.in_transaction(apply),
        }
    }

    pub(crate) fn add_custom_step(
        &self,
        practitioner: PractitionerId,
        case: CaseId,
        track: Track,
        title: &str,
        helper: Option<&str>,
    ) -> AppResult<()> {
        let title = check_text("title", title, 200, "what the step is")?;
        let helper = helper
            .map(str::trim)
            .filter(|h| !h.is_empty())
            .map(|h| check_text("helper", h, 200, "who is helping"))
            .transpose()?;
        let guide = store::guide_for_title(&title)?;
        self.on_case(practitioner, case, Section::Steps, "added a step", |tx| {
            if let Some(key) = guide {
                if store::case_has_guide(tx, case, key)? {
                    let known = store::step_guides(tx)?.into_iter().find(|g| g.key == key).map(|g| g.title);
                    return Err(AppError::invalid(
                        "title",
                        format!("This step is already on the list: {}.", known.unwrap_or_else(|| title.clone())),
                    ));
                }
            }
            store::insert_custom_step(tx, case, track, &title, helper.as_deref(), guide)?;
            Ok(())
        })
    }

    pub(crate) fn steps_overview(&self, practitioner: PractitionerId) -> AppResult<Vec<StepsOverview>> {
        Ok(store::steps_overview(&self.store.read()?, practitioner)?)
    }

    pub(crate) fn set_step_helper(
        &self,
        practitioner: PractitionerId,
        case: CaseId,
        step: StepId,
        helper: Option<&str>,
    ) -> AppResult<()> {
        let helper = helper
            .map(str::trim)
            .filter(|h| !h.is_empty())
            .map(|h| check_text("helper", h, 200, "who is helping"))
            .transpose()?;
        self.on_case(practitioner, case, Section::Steps, "set who helps with a step", |tx| {
            store::set_step_helper(tx, case, step, helper.as_deref())?.then_some(()).ok_or(AppError::NotFound)
        })
    }

    pub(crate) fn step_guides(&self) -> AppResult<Vec<StepGuide>> {
        Ok(store::step_guides(&self.store.read()?)?)
    }

    pub(crate) fn update_step_cost(
        &self,
        practitioner: PractitionerId,
        key: &str,
        cost: Option<&str>,
        checked_on: &str,
    ) -> AppResult<()> {
        // Every office shows these prices: only a national admin changes them.
        let conn = self.store.read()?;
        let admin = store::practitioner_office(&conn, practitioner)?.map(|(_, admin)| admin).unwrap_or(Admin::No);
        drop(conn);
        if !admin.national() {
            return Err(AppError::Forbidden);
        }
        let checked_on: jiff::civil::Date = checked_on.trim().parse().map_err(|_| {
            AppError::invalid(&format!("checked-{key}"), "Enter the date the price was checked, like 2026-11-01.")
        })?;
        if checked_on > jiff::Timestamp::now().to_zoned(app::format::london()).date() {
            return Err(AppError::invalid(&format!("checked-{key}"), "The date checked cannot be in the future."));
        }
        let cost = cost
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(|c| check_text(&format!("cost-{key}"), c, 300, "the cost"))
            .transpose()?;
        self.store.write_tx(|conn| {
            if !store::update_step_cost(conn, key, cost.as_deref(), checked_on)? {
                return Err(AppError::NotFound);
            }
            store::audit(conn, Some(practitioner), None, &format!("updated the price of step {key}"))?;
            Ok(())
        })
    }
}

impl Engine {
    /// Every appointment of a case, for its practitioner to download as a calendar file.
    pub(crate) fn case_calendar(&self, practitioner: PractitionerId, case: CaseId) -> AppResult<Vec<Appointment>> {
        self.on_case_read(practitioner, case, Section::Calendar, |conn| Ok(store::appointments(conn, case)?))
    }
}
