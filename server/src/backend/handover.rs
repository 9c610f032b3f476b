//! Handover (issue 12.3): a case moves to another practitioner, by its own
//! practitioner or an admin of its office, with written notes for the new
//! one. The move and its notes are one transaction: the old practitioner
//! loses the case the moment it commits (nothing else lists who may see it).

use super::{Caller, Engine};
use crate::store;
use crate::store::Conn;
use app::error::{AppError, AppResult};
use app::model::audit::{AuditAction, Section};
use app::model::handover::*;
use app::model::PractitionerId;
use app::model::{CaseId, HandoverId, StepStatus, Understanding};

impl Engine {
    /// What the move form starts with: what Waymark knows of the case, for the
    /// one moving it to check and add to.
    pub(crate) fn handover_draft(&self, me: PractitionerId, case: CaseId) -> AppResult<HandoverDraft> {
        self.read_case(&Caller::Mover(me), case, Section::Case, |conn| self.draft(conn, case))
    }

    fn draft(&self, conn: &Conn, case: CaseId) -> AppResult<HandoverDraft> {
        let contact = store::case_contact(conn, case)?.ok_or(AppError::NotFound)?;
        let office = store::case_office(conn, case)?.ok_or(AppError::NotFound)?;
        let bullet = |lines: Vec<String>| lines.into_iter().map(|l| format!("- {l}")).collect::<Vec<_>>().join("\n");
        let mut working_on: Vec<String> = store::about_me(conn, case)?
            .prefs
            .working_on
            .map(|w| format!("In their own words: {w}"))
            .into_iter()
            .collect();
        let progress = store::progress(conn, case)?;
        let goals: Vec<String> = progress
            .goals
            .iter()
            .filter(|g| g.done_at.is_none())
            .map(|g| match &g.said.next_step {
                Some(step) => format!("{} (next step: {step})", g.said.title),
                None => g.said.title.clone(),
            })
            .collect();
        if !goals.is_empty() {
            working_on.push(format!("Their goals: {}.", goals.join("; ")));
        }
        let working_on = working_on.join("\n");
        let mut open = Vec::new();
        for row in store::condition_rows(conn, case)? {
            if row.understanding == Understanding::Question {
                open.push(format!("A question about the rule “{}”", self.headline(&row.template)));
            }
        }
        for a in store::appointments(conn, case)? {
            if let Some(app::model::Rsvp::NeedsChange(why)) = &a.rsvp {
                open.push(format!("Asked to change the {} appointment: {why}", a.kind.label().to_lowercase()));
            }
        }
        for r in store::requests(conn, case, app::model::request::KEPT)?.into_iter().filter(|r| r.answer.is_none()) {
            open.push(format!("A request not answered yet: {} ({})", r.said.summary(), r.said.why));
        }
        let steps = store::steps(conn, case)?
            .into_iter()
            .filter_map(|s| match s.status {
                StepStatus::InProgress => Some(format!("{}: started", s.title)),
                StepStatus::Stuck => {
                    Some(format!("{}: stuck{}", s.title, s.stuck_reason.map(|r| format!(" ({r})")).unwrap_or_default()))
                }
                StepStatus::NotStarted | StepStatus::Done => None,
            })
            .collect();
        let colleagues = store::office_practitioners(conn, office)?
            .into_iter()
            .filter(|(_, email)| *email != contact.practitioner_email)
            .collect();
        Ok(HandoverDraft {
            case_id: case,
            preferred_name: contact.preferred_name,
            practitioner_name: contact.practitioner_name,
            notes: HandoverNotes { working_on, open_items: bullet(open), steps: bullet(steps), ..Default::default() },
            colleagues,
        })
    }

    /// Move the case to the practitioner with `form.to_email`, with the notes.
    /// Who may not move it learns nothing of it: not found, before any check
    /// of what they typed.
    pub(crate) fn move_case(&self, me: PractitionerId, case: CaseId, form: &HandoverForm) -> AppResult<HandoverId> {
        self.store.write_tx(|tx| {
            if !store::admit_mover(tx, me, case, None)? {
                return Err(AppError::NotFound);
            }
            let (email, notes) = form.check()?;
            let (to, to_office, to_name) = store::practitioner_by_work_email(tx, &email)?.ok_or_else(|| {
                AppError::invalid("to_email", format!("No practitioner has the email {email}. Check it with them."))
            })?;
            let from = store::case_practitioner(tx, case)?.ok_or(AppError::NotFound)?;
            if to == from {
                return Err(AppError::invalid(
                    "to_email",
                    format!("{to_name} has this case already. Enter the email of the practitioner taking it."),
                ));
            }
            self.case_access(tx, &Caller::Mover(me), case, AuditAction::CaseMoved, Some(&to_name))?;
            let new = store::NewHandover { case, from, to, to_office, written_by: me, notes: &notes };
            Ok(store::move_case(tx, &new)?)
        })
    }

    /// The case's latest handover, for whoever has the case now.
    pub(crate) fn case_handover(&self, me: PractitionerId, case: CaseId) -> AppResult<Option<Handover>> {
        self.on_case_read(me, case, Section::Handover, |conn| Ok(store::latest_handover(conn, case)?))
    }

    /// "I have read this handover": only the practitioner it was written for.
    pub(crate) fn confirm_handover(&self, me: PractitionerId, case: CaseId, id: HandoverId) -> AppResult<()> {
        // Recorded as a read: the person sees "Priya looked at the notes", not a change.
        let caller = Caller::Practitioner(me);
        self.write_case(&caller, case, AuditAction::Read(Section::Handover), "read the handover", |tx| {
            store::mark_handover_read(tx, id, case, me)?.then_some(()).ok_or(AppError::NotFound)
        })
    }

    /// Every case of the admin's office and who has it.
    pub(crate) fn office_cases(&self, me: PractitionerId) -> AppResult<Vec<OfficeCase>> {
        let conn = self.store.read()?;
        let (office, admin) = store::practitioner_office(&conn, me)?.ok_or(AppError::Forbidden)?;
        if !admin.of_office() {
            return Err(AppError::Forbidden);
        }
        Ok(store::office_cases(&conn, office)?)
    }

    /// The move the person's home tells them of, for a few weeks after it.
    pub(super) fn new_officer(&self, conn: &Conn, case: CaseId) -> AppResult<Option<Handover>> {
        let now = jiff::Timestamp::now();
        Ok(store::latest_handover(conn, case)?.filter(|h| h.is_recent(now)))
    }
}
