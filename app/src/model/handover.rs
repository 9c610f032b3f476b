//! Handover (issue 12.3): when a case moves to another practitioner, the old
//! one writes down what the new one needs, so the person never starts again.
//! The notes are for practitioners only; the person is told who their new
//! officer is and that they know the plan.

use super::{CaseId, HandoverId};
use crate::error::{AppError, AppResult};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// Each part of the notes may be this long (about a page).
pub const NOTE_MAX: usize = 2000;

/// How long the person's home says "You have a new probation officer".
pub const NEW_OFFICER_DAYS: i64 = 28;

/// The five parts of a handover, in the order the new practitioner reads them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HandoverNotes {
    pub going_well: String,
    pub working_on: String,
    pub open_items: String,
    pub steps: String,
    pub keep_in_mind: String,
}

impl HandoverNotes {
    /// Each part with its heading and its field name.
    pub fn parts(&self) -> [(&'static str, &'static str, &str); 5] {
        [
            ("going_well", "What is going well", &self.going_well),
            ("working_on", "What they are working on", &self.working_on),
            ("open_items", "Open questions and requests", &self.open_items),
            ("steps", "Steps in progress", &self.steps),
            ("keep_in_mind", "What to keep in mind", &self.keep_in_mind),
        ]
    }
}

/// The move form as posted: who takes the case, and the notes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HandoverForm {
    #[serde(default)]
    pub to_email: String,
    #[serde(default)]
    pub going_well: String,
    #[serde(default)]
    pub working_on: String,
    #[serde(default)]
    pub open_items: String,
    #[serde(default)]
    pub steps: String,
    #[serde(default)]
    pub keep_in_mind: String,
}

impl HandoverForm {
    /// What was typed, to put back in the form after an error.
    pub fn kept(&self) -> Vec<(String, String)> {
        let mut kept = vec![("to_email".to_owned(), self.to_email.clone())];
        kept.extend(self.notes().parts().iter().map(|(field, _, text)| ((*field).to_owned(), (*text).to_owned())));
        kept
    }

    fn notes(&self) -> HandoverNotes {
        let t = |s: &str| s.trim().to_owned();
        HandoverNotes {
            going_well: t(&self.going_well),
            working_on: t(&self.working_on),
            open_items: t(&self.open_items),
            steps: t(&self.steps),
            keep_in_mind: t(&self.keep_in_mind),
        }
    }

    /// The new practitioner's email and the notes, or what to put right.
    pub fn check(&self) -> AppResult<(String, HandoverNotes)> {
        let email = self.to_email.trim();
        if email.is_empty() {
            return Err(AppError::invalid("to_email", "Enter the work email of the practitioner taking the case."));
        }
        if !email.contains('@') || email.chars().any(char::is_whitespace) || email.len() > 254 {
            return Err(AppError::invalid("to_email", "Enter a work email address, like name@justice.gov.uk."));
        }
        let notes = self.notes();
        for (field, heading, text) in notes.parts() {
            if text.chars().count() > NOTE_MAX {
                return Err(AppError::invalid(field, format!("Keep “{heading}” to {NOTE_MAX} characters or fewer.")));
            }
            if text.chars().any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t') {
                return Err(AppError::invalid(field, format!("“{heading}” has a character we cannot use.")));
            }
        }
        if notes.going_well.is_empty() {
            return Err(AppError::invalid(
                "going_well",
                "Write what is going well, so the new practitioner can build on it.",
            ));
        }
        Ok((email.to_owned(), notes))
    }
}

/// A handover as the new practitioner reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Handover {
    pub id: HandoverId,
    pub case_id: CaseId,
    /// The practitioner the case moved from, and to.
    pub from_name: String,
    pub to_name: String,
    /// Who wrote it: the old practitioner, or the office admin who moved the case.
    pub written_by: String,
    /// Whether the old practitioner wrote it themself.
    pub by_old_practitioner: bool,
    pub moved_at: Timestamp,
    pub read_at: Option<Timestamp>,
    pub notes: HandoverNotes,
}

impl Handover {
    /// What the person is told: "Your new probation officer is Priya Shah. Sam
    /// has told Priya about your plan, so you do not need to start again."
    pub fn person_message(&self) -> String {
        let first = |name: &str| name.split_whitespace().next().unwrap_or(name).to_owned();
        let to = first(&self.to_name);
        let told = if self.by_old_practitioner {
            format!("{} has told {to}", first(&self.from_name))
        } else {
            format!("Your probation office has told {to}")
        };
        format!(
            "Your new probation officer is {}. {told} about your plan, so you do not need to start again.",
            self.to_name
        )
    }

    /// Whether the person's home still says they have a new officer.
    pub fn is_recent(&self, now: Timestamp) -> bool {
        now.as_second() - self.moved_at.as_second() < NEW_OFFICER_DAYS * 86_400
    }
}

/// That a case moved, for its page: from whom, when, and whether its notes were read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HandoverSeen {
    pub from_name: String,
    pub moved_at: Timestamp,
    pub read: bool,
}

impl From<&Handover> for HandoverSeen {
    fn from(h: &Handover) -> Self {
        HandoverSeen { from_name: h.from_name.clone(), moved_at: h.moved_at, read: h.read_at.is_some() }
    }
}

/// What the move form starts with: the facts Waymark already knows, for the
/// old practitioner to check and add to, and the colleagues in the office.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HandoverDraft {
    pub case_id: CaseId,
    pub preferred_name: String,
    pub practitioner_name: String,
    pub notes: HandoverNotes,
    /// Colleagues in the case's office (name, email), for the email field's suggestions.
    pub colleagues: Vec<(String, String)>,
}

/// A case in an office, for its admin's list of who has which case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficeCase {
    pub case_id: CaseId,
    pub preferred_name: String,
    pub practitioner_name: String,
    /// A handover the practitioner has not read yet.
    pub unread_handover: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> HandoverForm {
        HandoverForm {
            to_email: " priya@example.gov.uk ".into(),
            going_well: "Kept every appointment.".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_handover_needs_who_and_what_is_going_well() {
        let (email, notes) = form().check().unwrap();
        assert_eq!(email, "priya@example.gov.uk");
        assert_eq!(notes.going_well, "Kept every appointment.");
        let field = |f: HandoverForm| f.check().unwrap_err().field().map(str::to_owned);
        assert_eq!(field(HandoverForm { to_email: String::new(), ..form() }).as_deref(), Some("to_email"));
        assert_eq!(field(HandoverForm { to_email: "priya".into(), ..form() }).as_deref(), Some("to_email"));
        assert_eq!(field(HandoverForm { going_well: "  ".into(), ..form() }).as_deref(), Some("going_well"));
        let long = "x".repeat(NOTE_MAX + 1);
        assert_eq!(field(HandoverForm { keep_in_mind: long, ..form() }).as_deref(), Some("keep_in_mind"));
        assert_eq!(field(HandoverForm { steps: "a\u{0}b".into(), ..form() }).as_deref(), Some("steps"));
        // What was typed comes back, every field.
        assert_eq!(form().kept().len(), 6);
    }

    #[test]
    fn the_person_is_told_who_and_that_they_need_not_start_again() {
        let h = Handover {
            id: HandoverId(1),
            case_id: CaseId(1),
            from_name: "Sam Okafor".into(),
            to_name: "Priya Shah".into(),
            written_by: "Sam Okafor".into(),
            by_old_practitioner: true,
            moved_at: "2026-12-01T10:00:00Z".parse().unwrap(),
            read_at: None,
            notes: HandoverNotes::default(),
        };
        assert_eq!(
            h.person_message(),
            "Your new probation officer is Priya Shah. Sam has told Priya about your plan, so you do not need to start again."
        );
        let by_admin = Handover { written_by: "Nia Evans".into(), by_old_practitioner: false, ..h.clone() };
        assert!(by_admin.person_message().contains("Your probation office has told Priya"));
        assert!(h.is_recent("2026-12-28T09:00:00Z".parse().unwrap()));
        assert!(!h.is_recent("2026-12-29T10:00:01Z".parse().unwrap()));
    }
}
