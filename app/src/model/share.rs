//! Share links: the person's consent for a supporter (family, a friend, a
//! mentor) to see chosen parts of their plan, with no account. A link ends on
//! its own, and the person can turn it off at any time (DESIGN.md, share_link).
//!
//! What a supporter may see is decided here, in one place: never a condition
//! that names or locates another person (victims, children, exclusion zones),
//! never a bespoke condition (its free words may do either), never the
//! practitioner's explanations, the person's questions, notes or reasons.

use super::{Appointment, CaseId, ConditionGroup, LicenceCondition, Step, StepStatus, Track};
use crate::error::AppError;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct ShareId(pub i64);

impl std::fmt::Display for ShareId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// The parts of a plan a link may show. Never empty (see `ShareForm::check`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ShareSections {
    pub appointments: bool,
    pub licence: bool,
    pub steps: bool,
}

impl ShareSections {
    /// Plain words for what is shared: "appointments and licence rules".
    pub fn words(self) -> String {
        let parts: Vec<&str> = [
            (self.appointments, "appointments"),
            (self.licence, "licence rules"),
            (self.steps, "steps to ID, a bank account and more"),
        ]
        .into_iter()
        .filter_map(|(on, w)| on.then_some(w))
        .collect();
        match parts.as_slice() {
            [] => "nothing".into(),
            [one] => (*one).into(),
            [init @ .., last] => format!("{} and {last}", init.join(", ")),
        }
    }
}

/// How long a link lasts before it ends on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ShareLength {
    Week,
    Month,
    ThreeMonths,
}

impl ShareLength {
    pub const ALL: [ShareLength; 3] = [ShareLength::Week, ShareLength::Month, ShareLength::ThreeMonths];

    pub fn as_str(self) -> &'static str {
        match self {
            ShareLength::Week => "week",
            ShareLength::Month => "month",
            ShareLength::ThreeMonths => "three-months",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ShareLength::Week => "1 week",
            ShareLength::Month => "1 month",
            ShareLength::ThreeMonths => "3 months",
        }
    }

    pub fn days(self) -> i64 {
        match self {
            ShareLength::Week => 7,
            ShareLength::Month => 30,
            ShareLength::ThreeMonths => 91,
        }
    }

    pub fn parse(s: &str) -> Option<ShareLength> {
        Self::ALL.into_iter().find(|l| l.as_str() == s)
    }
}

/// The form as typed: tick boxes send "on" when ticked and nothing otherwise.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShareForm {
    #[serde(default)]
    pub who: String,
    #[serde(default)]
    pub appointments: Option<String>,
    #[serde(default)]
    pub licence: Option<String>,
    #[serde(default)]
    pub steps: Option<String>,
    #[serde(default)]
    pub length: String,
}

/// A checked form: who it is for, what it shows, how long it lasts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShareDraft {
    pub who: String,
    pub sections: ShareSections,
    pub length: ShareLength,
}

pub const SHARE_WHO_MAX: usize = 60;

impl ShareForm {
    pub fn check(&self) -> Result<ShareDraft, AppError> {
        let keep = |e: AppError| {
            e.keeping(&[
                ("who", &self.who),
                ("appointments", self.appointments.as_deref().unwrap_or("")),
                ("licence", self.licence.as_deref().unwrap_or("")),
                ("steps", self.steps.as_deref().unwrap_or("")),
                ("length", &self.length),
            ])
        };
        let who = self.who.trim();
        if who.is_empty() {
            return Err(keep(AppError::invalid("who", "Say who this link is for, like Mum or Sam.")));
        }
        if who.chars().count() > SHARE_WHO_MAX {
            return Err(keep(AppError::invalid("who", format!("Keep this to {SHARE_WHO_MAX} characters or fewer."))));
        }
        let ticked = |v: &Option<String>| v.as_deref().is_some_and(|v| !v.is_empty());
        let sections = ShareSections {
            appointments: ticked(&self.appointments),
            licence: ticked(&self.licence),
            steps: ticked(&self.steps),
        };
        if sections == ShareSections::default() {
            return Err(keep(AppError::invalid("sections", "Tick at least one thing to share.")));
        }
        let length = ShareLength::parse(&self.length)
            .ok_or_else(|| keep(AppError::invalid("length", "Choose how long the link lasts.")))?;
        Ok(ShareDraft { who: who.to_owned(), sections, length })
    }
}

/// Whether a link still opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ShareState {
    Open,
    /// It reached its end date.
    Ended,
    /// The person turned it off.
    TurnedOff,
}

/// Who or what turned a link off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TurnedOffBy {
    /// The person, from their own list.
    Person,
    /// Their probation officer, from the case page.
    Practitioner,
    /// A new code was made (a new phone): old links end with the old phone.
    NewCode,
    /// The practitioner's "This phone is lost".
    PhoneLost,
}

impl TurnedOffBy {
    pub const ALL: [TurnedOffBy; 4] =
        [TurnedOffBy::Person, TurnedOffBy::Practitioner, TurnedOffBy::NewCode, TurnedOffBy::PhoneLost];

    pub fn as_str(self) -> &'static str {
        match self {
            TurnedOffBy::Person => "person",
            TurnedOffBy::Practitioner => "practitioner",
            TurnedOffBy::NewCode => "new_code",
            TurnedOffBy::PhoneLost => "phone_lost",
        }
    }

    pub fn parse(s: &str) -> Option<TurnedOffBy> {
        Self::ALL.into_iter().find(|b| b.as_str() == s)
    }

    /// How the person's list says it ended.
    pub fn words(self) -> &'static str {
        match self {
            TurnedOffBy::Person => "You turned this link off.",
            TurnedOffBy::Practitioner => "Your probation officer turned this link off.",
            TurnedOffBy::NewCode => "This link ended when you got a new code.",
            TurnedOffBy::PhoneLost => "This link ended when your phone was reported lost.",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TurnedOff {
    pub at: Timestamp,
    pub by: TurnedOffBy,
}

/// One link, as its owner (or their practitioner) sees it in a list. The
/// token is not here: only its hash is kept, and the person sees the link
/// itself once, just after making it (`MadeLink`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShareLink {
    pub id: ShareId,
    pub case_id: CaseId,
    pub who: String,
    pub sections: ShareSections,
    pub created_at: Timestamp,
    pub ends_at: Timestamp,
    pub turned_off: Option<TurnedOff>,
}

impl ShareLink {
    pub fn state(&self, now: Timestamp) -> ShareState {
        if self.turned_off.is_some() {
            ShareState::TurnedOff
        } else if now >= self.ends_at {
            ShareState::Ended
        } else {
            ShareState::Open
        }
    }
}

/// A link just made, with its secret, for the person to send or show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MadeLink {
    pub id: ShareId,
    pub token: String,
}

impl MadeLink {
    pub fn path(&self) -> String {
        format!("/shared/{}", self.token)
    }
}

/// A licence rule as a supporter sees it: Waymark's plain words, and today's
/// terms (a curfew's hours). No filled-in details, no explanation, no thread.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedCondition {
    pub group: ConditionGroup,
    pub headline: String,
    pub what_it_means: String,
    pub today: Option<String>,
}

/// An appointment as a supporter sees it: enough to help someone get there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedAppointment {
    pub kind: super::AppointmentKind,
    pub starts_at: Timestamp,
    pub place: String,
    pub bring: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedStep {
    pub track: Track,
    pub title: String,
    pub status: StepStatus,
}

/// What a supporter sees through an open link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedView {
    pub first_name: String,
    pub ends_at: Timestamp,
    pub appointments: Option<Vec<SharedAppointment>>,
    pub conditions: Option<Vec<SharedCondition>>,
    pub steps: Option<Vec<SharedStep>>,
}

/// How many upcoming appointments a supporter sees.
const SHARED_APPOINTMENTS: usize = 10;

impl SharedView {
    /// Keep only what the link's sections allow, and within them only what a
    /// supporter may see.
    pub fn build(
        first_name: String,
        link: &ShareLink,
        now: Timestamp,
        appointments: Vec<Appointment>,
        conditions: Vec<LicenceCondition>,
        steps: Vec<Step>,
    ) -> SharedView {
        let s = link.sections;
        SharedView {
            first_name,
            ends_at: link.ends_at,
            appointments: s.appointments.then(|| upcoming(appointments, now)),
            conditions: s.licence.then(|| conditions.into_iter().filter_map(SharedCondition::from_condition).collect()),
            steps: s.steps.then(|| {
                steps.into_iter().map(|st| SharedStep { track: st.track, title: st.title, status: st.status }).collect()
            }),
        }
    }
}

impl SharedCondition {
    /// `None` for what a supporter must never see: rules about other people or
    /// places, and bespoke rules (no plain text of ours to vouch for).
    pub fn from_condition(c: LicenceCondition) -> Option<SharedCondition> {
        let plain = c.plain?;
        if c.group.is_sensitive() || plain.group.is_sensitive() {
            return None;
        }
        Some(SharedCondition {
            group: c.group,
            headline: plain.headline,
            what_it_means: plain.what_it_means,
            today: c.today,
        })
    }
}

/// The next occurrences of appointments that still stand, soonest first.
fn upcoming(appointments: Vec<Appointment>, now: Timestamp) -> Vec<SharedAppointment> {
    let mut all: Vec<SharedAppointment> = appointments
        .into_iter()
        .filter(|a| !a.cancelled)
        .flat_map(|a| {
            a.occurrences().into_iter().filter(move |t| *t >= now).map(move |t| SharedAppointment {
                kind: a.kind,
                starts_at: t,
                place: match &a.room {
                    Some(room) => format!("{}, {room}", a.place),
                    None => a.place.clone(),
                },
                bring: a.bring.clone(),
            })
        })
        .collect();
    all.sort_by_key(|a| a.starts_at);
    all.truncate(SHARED_APPOINTMENTS);
    all
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{PlainText, Understanding};

    fn form(who: &str, ticks: [bool; 3], length: &str) -> ShareForm {
        let on = |b: bool| b.then(|| "on".to_owned());
        ShareForm {
            who: who.into(),
            appointments: on(ticks[0]),
            licence: on(ticks[1]),
            steps: on(ticks[2]),
            length: length.into(),
        }
    }

    #[test]
    fn a_link_needs_someone_something_and_a_length() {
        let ok = form(" Mum ", [true, false, true], "week").check().unwrap();
        assert_eq!(ok.who, "Mum");
        assert_eq!(ok.sections.words(), "appointments and steps to ID, a bank account and more");
        assert_eq!(ok.length.days(), 7);
        let field = |f: ShareForm| f.check().unwrap_err().field().map(str::to_owned);
        assert_eq!(field(form("  ", [true; 3], "week")).as_deref(), Some("who"));
        assert_eq!(field(form(&"x".repeat(61), [true; 3], "week")).as_deref(), Some("who"));
        assert_eq!(field(form("Mum", [false; 3], "week")).as_deref(), Some("sections"));
        assert_eq!(field(form("Mum", [true; 3], "forever")).as_deref(), Some("length"));
        // What was typed comes back with the message.
        let e = form("Mum", [false, true, false], "forever").check().unwrap_err();
        assert_eq!(e.kept("who").as_deref(), Some("Mum"));
        assert_eq!(e.kept("licence").as_deref(), Some("on"));
    }

    fn condition(group: ConditionGroup, bespoke: bool) -> LicenceCondition {
        let plain = PlainText {
            group,
            headline: format!("{group:?} headline"),
            what_it_means: "Words.".into(),
            day_to_day: String::new(),
            why: String::new(),
            if_not_sure: String::new(),
            if_broken: String::new(),
        };
        LicenceCondition {
            id: crate::model::ConditionId(1),
            case_id: CaseId(1),
            licence: crate::model::LicenceKind::Ap,
            group,
            plain: (!bespoke).then_some(plain),
            headline: "Official".into(),
            official_words: "Not to contact Jane Doe".into(),
            explanation: Some("Private words".into()),
            version: 1,
            understanding: Understanding::NotYet,
            thread: Vec::new(),
            earlier: None,
            today: None,
            template: None,
            details: Default::default(),
            map: None,
            home: Some(crate::model::Home { address: "4 Low Road".into(), before: None }),
        }
    }

    #[test]
    fn supporters_never_see_rules_about_people_or_places_nor_bespoke_ones() {
        for group in ConditionGroup::ALL {
            let shown = SharedCondition::from_condition(condition(group, false));
            assert_eq!(shown.is_some(), !group.is_sensitive(), "{group:?}");
            if let Some(c) = shown {
                // Only our plain words: never the filled-in official words or the explanation.
                assert_eq!(c.what_it_means, "Words.");
                assert!(!format!("{c:?}").contains("Low Road"), "nor where the person lives");
            }
            assert_eq!(SharedCondition::from_condition(condition(group, true)), None, "bespoke {group:?}");
        }
        assert!(ConditionGroup::People.is_sensitive() && ConditionGroup::Places.is_sensitive());
    }

    #[test]
    fn a_link_ends_on_its_date_or_when_turned_off() {
        let now = Timestamp::from_second(1_800_000_000).unwrap();
        let day = jiff::SignedDuration::from_hours(24);
        let mut link = ShareLink {
            id: ShareId(1),
            case_id: CaseId(1),
            who: "Mum".into(),
            sections: ShareSections { appointments: true, licence: false, steps: false },
            created_at: now - day,
            ends_at: now + day,
            turned_off: None,
        };
        assert_eq!(link.state(now), ShareState::Open);
        assert_eq!(link.state(now + day), ShareState::Ended);
        link.turned_off = Some(TurnedOff { at: now, by: TurnedOffBy::Person });
        assert_eq!(link.state(now), ShareState::TurnedOff);
        let view = SharedView::build(
            "Jay".into(),
            &link,
            now,
            Vec::new(),
            vec![condition(ConditionGroup::Times, false)],
            Vec::new(),
        );
        assert_eq!(view.conditions, None, "the licence was not ticked");
        assert_eq!(view.appointments, Some(Vec::new()));
    }
}
