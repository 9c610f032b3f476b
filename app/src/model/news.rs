//! What is new for the person, at the top of their home. Worked out from their
//! own explicit acts (reading a letter, answering a rule or an appointment),
//! never from a page being opened: a GET changes nothing, and a link that
//! someone else opens cannot clear it.

use super::about::SuggestionId;
use super::{AppointmentId, AppointmentKind, ConditionId, ExplanationId};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum News {
    /// The probation officer answered the person's question (until they answer again).
    Answer { condition: ConditionId, headline: String },
    /// A letter not read yet.
    Letter { id: ExplanationId, title: String },
    /// A rule changed since the person said they understood it.
    ChangedRule { condition: ConditionId, headline: String },
    /// An appointment moved or changed, and the person has not answered since.
    Appointment { id: AppointmentId, kind: AppointmentKind, starts_at: Timestamp, moved: bool },
    /// The probation officer suggested a time the person cannot do, not answered yet.
    Suggestion { id: SuggestionId, words: String },
    /// The case moved to a new probation officer: for a few weeks after
    /// (`handover::NEW_OFFICER_DAYS`), as there is nothing to answer.
    NewOfficer { name: String },
}

impl News {
    /// What kind of news it is: "New answer".
    pub fn label(&self) -> &'static str {
        match self {
            News::Answer { .. } => "An answer to your question",
            News::Letter { .. } => "A new letter",
            News::ChangedRule { .. } => "A rule changed",
            News::Appointment { moved: true, .. } => "An appointment moved",
            News::Appointment { moved: false, .. } => "An appointment changed",
            News::Suggestion { .. } => "A time to add or not",
            News::NewOfficer { .. } => "A new probation officer",
        }
    }

    /// The words of the link to the thing itself.
    pub fn link_text(&self, now: Timestamp) -> String {
        match self {
            News::Answer { headline, .. } | News::ChangedRule { headline, .. } => headline.clone(),
            News::Letter { title, .. } => title.clone(),
            News::Suggestion { words, .. } => words.clone(),
            News::NewOfficer { name } => name.clone(),
            News::Appointment { kind, starts_at, .. } => {
                format!("{}: {}", kind.label(), crate::format::when(*starts_at, now))
            }
        }
    }

    /// Where the thing is: its own card on the person's pages.
    pub fn href(&self) -> String {
        match self {
            News::Answer { condition, .. } | News::ChangedRule { condition, .. } => {
                format!("/me/licence#c-{condition}")
            }
            News::Letter { id, .. } => format!("/me/licence#letter-{id}"),
            News::Appointment { id, .. } => format!("/me/appointments#a-{id}"),
            News::Suggestion { id, .. } => format!("/me/about#suggestion-{id}"),
            News::NewOfficer { .. } => "/me#officer".to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_piece_of_news_links_to_its_own_card() {
        let now: Timestamp = "2026-11-23T09:00:00Z".parse().unwrap();
        let answer = News::Answer { condition: ConditionId(4), headline: "Stay where we agreed".into() };
        assert_eq!((answer.href(), answer.link_text(now)), ("/me/licence#c-4".into(), "Stay where we agreed".into()));
        let suggestion = News::Suggestion { id: SuggestionId(3), words: "Work, every Monday, 6 am to 2 pm".into() };
        assert_eq!(suggestion.href(), "/me/about#suggestion-3");
        let letter = News::Letter { id: ExplanationId(2), title: "About Friday".into() };
        assert_eq!(letter.href(), "/me/licence#letter-2");
        let officer = News::NewOfficer { name: "Priya Shah".into() };
        assert_eq!((officer.href(), officer.link_text(now)), ("/me#officer".into(), "Priya Shah".into()));
        let moved = News::Appointment {
            id: AppointmentId(9),
            kind: AppointmentKind::Gp,
            starts_at: "2026-11-24T10:30:00Z".parse().unwrap(),
            moved: true,
        };
        assert_eq!(moved.href(), "/me/appointments#a-9");
        assert_eq!(moved.label(), "An appointment moved");
        assert!(moved.link_text(now).ends_with("Tomorrow, 10:30 am"), "{}", moved.link_text(now));
    }
}
