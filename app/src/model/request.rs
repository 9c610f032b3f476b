//! Requests with written answers (issue 12.4): the person asks their
//! probation officer for permission or a change — to travel (a daughter's
//! wedding in Leeds on 12 June), a new curfew or reporting time for a new
//! job's hours, contact, a new address — with the dates and why. The officer
//! answers in writing: yes, yes with conditions, not yet (with what is
//! needed), or no (with reasons). The answer is kept as a letter on the
//! person's licence; an answer that changes a condition leads to that change.

use super::{CaseId, ConditionId};
use crate::error::{AppError, AppResult};
use crate::format;
use jiff::civil::Date;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

pub use super::RequestId;

/// What the person asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RequestKind {
    Travel,
    Curfew,
    Reporting,
    Contact,
    Address,
    Other,
}

impl RequestKind {
    pub const ALL: [RequestKind; 6] = [
        RequestKind::Travel,
        RequestKind::Curfew,
        RequestKind::Reporting,
        RequestKind::Contact,
        RequestKind::Address,
        RequestKind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RequestKind::Travel => "travel",
            RequestKind::Curfew => "curfew",
            RequestKind::Reporting => "reporting",
            RequestKind::Contact => "contact",
            RequestKind::Address => "address",
            RequestKind::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<RequestKind> {
        RequestKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// As the person picks it ("I would like…").
    pub fn label(self) -> &'static str {
        match self {
            RequestKind::Travel => "To travel, or stay away from home",
            RequestKind::Curfew => "A change to my curfew times",
            RequestKind::Reporting => "A change to when I report",
            RequestKind::Contact => "To see or contact someone",
            RequestKind::Address => "To move to a new address",
            RequestKind::Other => "Something else",
        }
    }

    /// Short, for lists ("Travel").
    pub fn short(self) -> &'static str {
        match self {
            RequestKind::Travel => "Travel",
            RequestKind::Curfew => "Curfew times",
            RequestKind::Reporting => "Reporting times",
            RequestKind::Contact => "Contact",
            RequestKind::Address => "New address",
            RequestKind::Other => "Request",
        }
    }
}

/// The words when nothing was chosen, or nothing said (the form and the phone say the same).
pub const CHOOSE_KIND: &str = "Choose what you are asking for.";
pub const SAY_WHY: &str = "Say what you are asking for, and why.";

/// Most characters of "why".
pub const WHY_MAX: usize = 1000;
/// Most characters of "where".
pub const PLACE_MAX: usize = 200;
/// Most characters of an answer.
pub const ANSWER_MAX: usize = 2000;
/// How many requests the person's pages and phone keep (the latest).
pub const KEPT: usize = 30;

/// The request form as posted (`form[…]`), and as the phone's outbox keeps
/// it: the words as typed, checked by the server (`check`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestForm {
    #[serde(default)]
    pub kind: String,
    /// The first day it is about (YYYY-MM-DD, as a date input sends it); optional.
    #[serde(default)]
    pub first_day: String,
    #[serde(default)]
    pub last_day: String,
    #[serde(default)]
    pub place: String,
    #[serde(default)]
    pub why: String,
}

/// A request as checked: what, when, where and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewRequest {
    pub kind: RequestKind,
    pub first_day: Option<Date>,
    pub last_day: Option<Date>,
    pub place: Option<String>,
    pub why: String,
}

impl RequestForm {
    /// Read as the person meant it; `today` (UK) for dates that have passed.
    pub fn check(&self, today: Date) -> AppResult<NewRequest> {
        let new = self.parse()?;
        if new.first_day.is_some_and(|d| d < today) {
            return Err(AppError::invalid("first_day", "That date has passed. Enter a date from today on."));
        }
        Ok(new)
    }

    /// Read without the check against today (the phone shows it at once).
    pub fn parse(&self) -> AppResult<NewRequest> {
        let kind = RequestKind::parse(self.kind.trim()).ok_or_else(|| AppError::invalid("kind", CHOOSE_KIND))?;
        let day = |field: &str, text: &str| -> AppResult<Option<Date>> {
            let text = text.trim();
            if text.is_empty() {
                return Ok(None);
            }
            text.parse().map(Some).map_err(|_| AppError::invalid(field, "Enter the date as day, month and year."))
        };
        let first_day = day("first_day", &self.first_day)?;
        let last_day = day("last_day", &self.last_day)?;
        match (first_day, last_day) {
            (None, Some(_)) => return Err(AppError::invalid("first_day", "Enter the first day too.")),
            (Some(a), Some(b)) if b < a => {
                return Err(AppError::invalid(
                    "last_day",
                    "The last day must be the same as the first day or after it.",
                ))
            }
            _ => {}
        }
        let place = Some(self.place.trim()).filter(|p| !p.is_empty());
        if place.is_some_and(|p| p.chars().count() > PLACE_MAX) {
            return Err(AppError::invalid("place", format!("Keep where to {PLACE_MAX} characters or fewer.")));
        }
        let why = self.why.trim();
        if why.is_empty() {
            return Err(AppError::invalid("why", SAY_WHY));
        }
        if why.chars().count() > WHY_MAX {
            return Err(AppError::invalid("why", format!("Keep this to {WHY_MAX} characters or fewer.")));
        }
        Ok(NewRequest {
            kind,
            first_day,
            last_day: last_day.filter(|d| Some(*d) != first_day),
            place: place.map(str::to_owned),
            why: why.to_owned(),
        })
    }

    /// Whether it says the same as `other` (a form sent twice), by its words
    /// alone: the phone compares without reading dates.
    pub fn same_as(&self, other: &RequestForm) -> bool {
        let words =
            |f: &RequestForm| [&f.kind, &f.first_day, &f.last_day, &f.place, &f.why].map(|s| s.trim().to_owned());
        words(self) == words(other)
    }

    /// What was typed, to show again with a message.
    pub fn kept(&self) -> Vec<(String, String)> {
        [
            ("kind", &self.kind),
            ("first_day", &self.first_day),
            ("last_day", &self.last_day),
            ("place", &self.place),
            ("why", &self.why),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.clone()))
        .collect()
    }
}

impl NewRequest {
    /// "12 June 2027", or "12 June 2027 to 14 June 2027"; `None` with no date.
    pub fn dates(&self) -> Option<String> {
        let first = format::date_long(self.first_day?);
        Some(match self.last_day {
            Some(last) => format!("{first} to {}", format::date_long(last)),
            None => first,
        })
    }

    /// "Travel: Leeds, 12 June 2027" — what it is about, in a line.
    pub fn summary(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        parts.extend(self.place.clone());
        parts.extend(self.dates());
        if parts.is_empty() {
            self.kind.short().to_owned()
        } else {
            format!("{}: {}", self.kind.short(), parts.join(", "))
        }
    }
}

/// The officer's decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    Yes,
    YesWithConditions,
    NotYet,
    No,
}

impl Decision {
    pub const ALL: [Decision; 4] = [Decision::Yes, Decision::YesWithConditions, Decision::NotYet, Decision::No];

    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Yes => "yes",
            Decision::YesWithConditions => "yes_with_conditions",
            Decision::NotYet => "not_yet",
            Decision::No => "no",
        }
    }

    pub fn parse(s: &str) -> Option<Decision> {
        Decision::ALL.into_iter().find(|d| d.as_str() == s)
    }

    /// As the officer picks it.
    pub fn label(self) -> &'static str {
        match self {
            Decision::Yes => "Yes",
            Decision::YesWithConditions => "Yes, with conditions",
            Decision::NotYet => "Not yet: something is needed first",
            Decision::No => "No",
        }
    }

    /// As the person reads it.
    pub fn words(self) -> &'static str {
        match self {
            Decision::Yes => "Yes",
            Decision::YesWithConditions => "Yes, if you do what it says below",
            Decision::NotYet => "Not yet",
            Decision::No => "No",
        }
    }

    /// What the written part must say, when it must be written.
    fn needs(self) -> Option<&'static str> {
        match self {
            Decision::Yes => None,
            Decision::YesWithConditions => Some("Write the conditions, so they know what to do."),
            Decision::NotYet => Some("Write what is needed first."),
            Decision::No => Some("Write your reasons."),
        }
    }
}

/// The answer form as posted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerForm {
    #[serde(default)]
    pub decision: String,
    #[serde(default)]
    pub answer: String,
    /// A condition this answer changes (its id), if any: the officer is taken to change it.
    #[serde(default)]
    pub condition: String,
}

/// A checked answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAnswer {
    pub decision: Decision,
    pub text: Option<String>,
    pub varies: Option<ConditionId>,
}

impl AnswerForm {
    pub fn check(&self) -> AppResult<NewAnswer> {
        let decision = Decision::parse(self.decision.trim())
            .ok_or_else(|| AppError::invalid("decision", "Choose your answer."))?;
        let text = Some(self.answer.trim()).filter(|t| !t.is_empty());
        if let (None, Some(needs)) = (text, decision.needs()) {
            return Err(AppError::invalid("answer", needs));
        }
        if text.is_some_and(|t| t.chars().count() > ANSWER_MAX) {
            return Err(AppError::invalid("answer", format!("Keep the answer to {ANSWER_MAX} characters or fewer.")));
        }
        let varies = match self.condition.trim() {
            "" => None,
            id => Some(
                id.parse::<i64>()
                    .map(ConditionId)
                    .map_err(|_| AppError::invalid("condition", "Choose a condition from the list."))?,
            ),
        };
        if varies.is_some() && matches!(decision, Decision::NotYet | Decision::No) {
            return Err(AppError::invalid("condition", "Only a yes changes a condition."));
        }
        Ok(NewAnswer { decision, text: text.map(str::to_owned), varies })
    }

    pub fn kept(&self) -> Vec<(String, String)> {
        vec![
            ("decision".into(), self.decision.clone()),
            ("answer".into(), self.answer.clone()),
            ("condition".into(), self.condition.clone()),
        ]
    }
}

/// An answer as kept: who answered, when, and the letter it made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestAnswer {
    pub decision: Decision,
    pub text: Option<String>,
    pub by: String,
    pub at: Timestamp,
    pub varies: Option<ConditionId>,
}

/// A request as kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Request {
    pub id: RequestId,
    pub made_at: Timestamp,
    pub said: NewRequest,
    pub answer: Option<RequestAnswer>,
}

impl Request {
    /// Whole days it has waited for an answer (0 on the day it was made).
    pub fn waited_days(&self, now: Timestamp) -> i64 {
        ((now.as_second() - self.made_at.as_second()) / 86_400).max(0)
    }

    /// The letter the answer becomes: its title and its words.
    pub fn letter(&self, answer: &NewAnswer) -> (String, String) {
        let title = format!("Your request: {}", self.said.summary());
        let mut body = format!("You asked: {}\n\nMy answer: {}.", self.said.why, answer.decision.words());
        if let Some(text) = &answer.text {
            body.push_str("\n\n");
            body.push_str(text);
        }
        (title.chars().take(120).collect(), body)
    }
}

/// "Waiting 3 days", "Waiting since today".
pub fn waiting_words(days: i64) -> String {
    match days {
        0 => "Waiting since today".to_owned(),
        n => format!("Waiting {}", format::count(n, "day", "days")),
    }
}

/// An open request on the desk's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeskRequest {
    pub case_id: CaseId,
    pub name: String,
    pub request: Request,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> Date {
        jiff::civil::date(2027, 6, 1)
    }

    fn form(kind: &str, first: &str, last: &str, place: &str, why: &str) -> RequestForm {
        RequestForm {
            kind: kind.into(),
            first_day: first.into(),
            last_day: last.into(),
            place: place.into(),
            why: why.into(),
        }
    }

    #[test]
    fn a_request_is_read_with_a_clear_reason_for_each_mistake() {
        let ok =
            form("travel", "2027-06-12", "2027-06-14", " Leeds ", " My daughter's wedding. ").check(today()).unwrap();
        assert_eq!(ok.place.as_deref(), Some("Leeds"));
        assert_eq!(ok.summary(), "Travel: Leeds, 12 June 2027 to 14 June 2027");
        let one_day = form("travel", "2027-06-12", "2027-06-12", "", "A wedding.").check(today()).unwrap();
        assert_eq!(one_day.summary(), "Travel: 12 June 2027", "the same day twice is one day");
        assert_eq!(form("curfew", "", "", "", "New job.").check(today()).unwrap().summary(), "Curfew times");
        for (bad, field, says) in [
            (form("", "", "", "", "Why"), "kind", "Choose what you are asking for."),
            (form("holiday", "", "", "", "Why"), "kind", "Choose what you are asking for."),
            (form("travel", "12 June", "", "", "Why"), "first_day", "Enter the date as day, month and year."),
            (
                form("travel", "2027-05-01", "", "", "Why"),
                "first_day",
                "That date has passed. Enter a date from today on.",
            ),
            (form("travel", "", "2027-06-12", "", "Why"), "first_day", "Enter the first day too."),
            (
                form("travel", "2027-06-12", "2027-06-10", "", "Why"),
                "last_day",
                "The last day must be the same as the first day or after it.",
            ),
            (form("travel", "", "", "", "  "), "why", "Say what you are asking for, and why."),
        ] {
            let e = bad.check(today()).unwrap_err();
            assert_eq!((e.field(), e.to_string().as_str()), (Some(field), says), "{bad:?}");
        }
        let long = form("other", "", "", "", &"x".repeat(WHY_MAX + 1));
        assert!(long.check(today()).unwrap_err().to_string().contains("1000 characters"));
    }

    #[test]
    fn an_answer_says_why_unless_it_is_a_plain_yes() {
        let answer =
            |d: &str, text: &str, c: &str| AnswerForm { decision: d.into(), answer: text.into(), condition: c.into() };
        assert_eq!(answer("yes", "", "").check().unwrap().text, None);
        assert_eq!(answer("", "", "").check().unwrap_err().to_string(), "Choose your answer.");
        assert_eq!(answer("no", " ", "").check().unwrap_err().to_string(), "Write your reasons.");
        assert_eq!(answer("not_yet", "", "").check().unwrap_err().to_string(), "Write what is needed first.");
        assert_eq!(
            answer("yes_with_conditions", "", "").check().unwrap_err().to_string(),
            "Write the conditions, so they know what to do."
        );
        assert_eq!(answer("yes", "", "7").check().unwrap().varies, Some(ConditionId(7)));
        assert_eq!(
            answer("no", "Not this time.", "7").check().unwrap_err().to_string(),
            "Only a yes changes a condition."
        );
        assert_eq!(answer("yes", "", "seven").check().unwrap_err().field(), Some("condition"));
    }

    #[test]
    fn the_answer_becomes_a_letter_in_plain_words() {
        let said = form("travel", "2027-06-12", "", "Leeds", "My daughter's wedding.").check(today()).unwrap();
        let request = Request { id: RequestId(1), made_at: Timestamp::UNIX_EPOCH, said, answer: None };
        let answer = NewAnswer {
            decision: Decision::YesWithConditions,
            text: Some("Be back by 10 pm on 13 June.".into()),
            varies: None,
        };
        let (title, body) = request.letter(&answer);
        assert_eq!(title, "Your request: Travel: Leeds, 12 June 2027");
        assert_eq!(
            body,
            "You asked: My daughter's wedding.\n\nMy answer: Yes, if you do what it says below.\n\nBe back by 10 pm on 13 June."
        );
        assert_eq!(waiting_words(0), "Waiting since today");
        assert_eq!(waiting_words(3), "Waiting 3 days");
        let now = Timestamp::from_second(86_400 * 2 + 5).unwrap();
        assert_eq!(request.waited_days(now), 2);
    }
}
