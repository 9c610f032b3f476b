//! Licence conditions as Waymark shows them: plain words, the practitioner's
//! explanation, the exact official words, and the person's answers.

use super::catalogue::{Details, Input};
use super::CaseId;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ConditionId(pub i64);

impl std::fmt::Display for ConditionId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// How a person thinks about their conditions (issue 3), not the catalogue's categories.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConditionGroup {
    EveryDay,
    WhereYouLive,
    People,
    Places,
    Times,
    PhonesAndComputers,
    TestsAndTags,
    ProgrammesAndSupport,
}

impl ConditionGroup {
    pub const ALL: [ConditionGroup; 8] = [
        Self::EveryDay,
        Self::WhereYouLive,
        Self::People,
        Self::Places,
        Self::Times,
        Self::PhonesAndComputers,
        Self::TestsAndTags,
        Self::ProgrammesAndSupport,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::EveryDay => "Every day",
            Self::WhereYouLive => "Where you live",
            Self::People => "People",
            Self::Places => "Places",
            Self::Times => "Times",
            Self::PhonesAndComputers => "Phones and computers",
            Self::TestsAndTags => "Tests and tags",
            Self::ProgrammesAndSupport => "Meetings and support",
        }
    }

    /// Conditions that name or locate another person (victims, children, zones):
    /// never shown to supporters.
    pub fn is_sensitive(self) -> bool {
        matches!(self, Self::People | Self::Places)
    }
}

/// Waymark's own words for one catalogue condition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlainText {
    pub group: ConditionGroup,
    pub headline: String,
    pub what_it_means: String,
    pub day_to_day: String,
    pub why: String,
    pub if_not_sure: String,
    pub if_broken: String,
}

impl PlainText {
    /// Each section with its heading, in reading order.
    pub fn sections(&self) -> [(&'static str, &str); 6] {
        [
            ("In one line", self.headline.as_str()),
            ("What this means", self.what_it_means.as_str()),
            ("Day to day", self.day_to_day.as_str()),
            ("Why it is there", self.why.as_str()),
            ("If you are not sure", self.if_not_sure.as_str()),
            ("If it is broken", self.if_broken.as_str()),
        ]
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LicenceKind {
    /// The licence itself.
    Ap,
    /// Post-sentence supervision, after a short sentence's licence.
    Pss,
}

impl LicenceKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Ap => "ap",
            Self::Pss => "pss",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "ap" => Some(Self::Ap),
            "pss" => Some(Self::Pss),
            _ => None,
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Self::Ap => "Licence",
            Self::Pss => "Post-sentence supervision",
        }
    }
}

/// Which parts a case's licence has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LicenceType {
    Ap,
    Pss,
    ApPss,
}

impl LicenceType {
    pub const ALL: [LicenceType; 3] = [Self::Ap, Self::Pss, Self::ApPss];
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Ap => "ap",
            Self::Pss => "pss",
            Self::ApPss => "ap_pss",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == s)
    }
    pub fn label(self) -> &'static str {
        match self {
            Self::Ap => "Licence",
            Self::Pss => "Post-sentence supervision",
            Self::ApPss => "Licence, then post-sentence supervision",
        }
    }
    pub fn includes(self, kind: LicenceKind) -> bool {
        matches!((self, kind), (Self::ApPss, _) | (Self::Ap, LicenceKind::Ap) | (Self::Pss, LicenceKind::Pss))
    }
}

/// One catalogue condition, ready to choose and show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Template {
    pub version: String,
    pub code: String,
    pub licence: LicenceKind,
    pub standard: bool,
    pub category: String,
    /// The official wording with [PLACEHOLDERS].
    pub text: String,
    /// The official wording with {input} slots, when it has inputs.
    pub tpl: Option<String>,
    pub inputs: Vec<Input>,
    pub plain: PlainText,
}

impl Template {
    /// Whether the condition asks for a map file (with these answers).
    pub fn takes_map(&self, details: &Details) -> bool {
        use super::catalogue::{active_inputs, InputType};
        active_inputs(&self.inputs, details).iter().any(|i| i.kind == InputType::FileUpload)
    }

    /// The exact words on the licence, filled in.
    pub fn official_words(&self, details: &Details) -> String {
        match &self.tpl {
            Some(tpl) => super::catalogue::fill(tpl, &self.inputs, details),
            None => self.text.clone(),
        }
    }
}

/// Where the person stands on one condition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Understanding {
    NotYet,
    Understood,
    Question,
    /// Understood an earlier version; this one changed since.
    Changed,
    /// The person asked; the practitioner answered; the person has not said since.
    Answered,
}

impl Understanding {
    pub fn label(self) -> &'static str {
        match self {
            Self::NotYet => "Not read yet",
            Self::Understood => "You said you understand",
            Self::Question => "You asked a question",
            Self::Changed => "This changed. Please read it again",
            Self::Answered => "Answered",
        }
    }
    pub fn practitioner_label(self) -> &'static str {
        match self {
            Self::NotYet => "Not confirmed yet",
            Self::Understood => "Understood",
            Self::Question => "Open question",
            Self::Changed => "Changed since confirmed",
            Self::Answered => "Answered, not confirmed yet",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MessageKind {
    Understood,
    Question,
    Reply,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThreadMessage {
    pub kind: MessageKind,
    pub body: Option<String>,
    pub at: Timestamp,
    /// For replies: who answered.
    pub practitioner_name: Option<String>,
}

/// What changed in the latest version, for the person to see: only what is
/// different, old beside new.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EarlierVersion {
    pub version: u32,
    pub changes: Vec<super::what_changed::Difference>,
    pub replaced_at: Timestamp,
}

/// A condition on one licence, as its reader sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LicenceCondition {
    pub id: ConditionId,
    pub case_id: CaseId,
    pub licence: LicenceKind,
    pub group: ConditionGroup,
    /// `None` for a bespoke condition written by the practitioner.
    pub plain: Option<PlainText>,
    pub headline: String,
    pub official_words: String,
    pub explanation: Option<String>,
    pub version: u32,
    pub understanding: Understanding,
    pub thread: Vec<ThreadMessage>,
    pub earlier: Option<EarlierVersion>,
    /// The condition in today's terms, e.g. a curfew's hours tonight.
    pub today: Option<String>,
    pub template: Option<(String, String)>,
    pub details: Details,
    /// The map the practitioner attached (an exclusion zone), if any.
    pub map: Option<super::map::ConditionMap>,
    /// Where the person lives, from the residence condition's own address input.
    #[serde(default)]
    pub home: Option<Home>,
}

/// Waymark's own input for where a person lives, on the residence conditions
/// (server/data/inputs.toml): beside the official words, never in them.
pub const HOME_ADDRESS_INPUT: &str = "homeAddress";

/// Where the person lives, and where they lived before when the latest
/// version of the condition moved them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Home {
    pub address: String,
    pub before: Option<String>,
}

impl Home {
    /// From a condition's values and its previous version's (if any).
    pub fn from_details(details: &Details, earlier: Option<&Details>) -> Option<Home> {
        let address = |d: &Details| {
            d.get(HOME_ADDRESS_INPUT)
                .and_then(|v| v.first())
                .map(|a| a.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(", "))
                .filter(|a| !a.is_empty())
        };
        let now = address(details)?;
        let before = earlier.and_then(address).filter(|b| *b != now);
        Some(Home { address: now, before })
    }

    /// "You now live at …" after a move, with where it was; else "You live at …".
    pub fn words(&self) -> (String, Option<String>) {
        match &self.before {
            Some(before) => (format!("You now live at {}.", self.address), Some(format!("Before, it was {before}."))),
            None => (format!("You live at {}.", self.address), None),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExplanationKind {
    Decision,
    Change,
    Warning,
    Note,
}

impl ExplanationKind {
    pub const ALL: [ExplanationKind; 4] = [Self::Decision, Self::Change, Self::Warning, Self::Note];
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Decision => "decision",
            Self::Change => "change",
            Self::Warning => "warning",
            Self::Note => "note",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
    pub fn label(self) -> &'static str {
        match self {
            Self::Decision => "A decision and why",
            Self::Change => "A change to your licence",
            Self::Warning => "A warning and why",
            Self::Note => "A note",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Explanation {
    pub id: super::ExplanationId,
    pub kind: ExplanationKind,
    pub title: String,
    pub body: String,
    pub created_at: Timestamp,
    pub read_at: Option<Timestamp>,
    pub practitioner_name: String,
}

/// A condition taken off the licence: kept, so both sides can see what went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RemovedCondition {
    pub id: ConditionId,
    pub licence: LicenceKind,
    pub headline: String,
    pub official_words: String,
    pub removed_at: Timestamp,
    /// The practitioner who removed it (None for rows from before this was kept).
    pub removed_by: Option<String>,
}

/// The person's licence page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonLicence {
    pub conditions: Vec<LicenceCondition>,
    pub explanations: Vec<Explanation>,
    /// The licence history: rules taken off it, the latest first.
    #[serde(default)]
    pub removed: Vec<RemovedCondition>,
    /// The licence's parts (licence, post-sentence supervision) and when each ends.
    #[serde(default)]
    pub parts: Vec<super::parts::LicencePart>,
}

/// A new condition on a licence: from the catalogue with its values, or bespoke words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum NewCondition {
    Catalogue { version: String, code: String, details: Details },
    Bespoke { licence: LicenceKind, text: String },
}

/// The person's answer to one condition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Answer {
    Understood,
    Question(String),
}

#[cfg(test)]
mod home_tests {
    use super::*;

    fn at(address: &str) -> Details {
        [(HOME_ADDRESS_INPUT.to_owned(), vec![address.to_owned()])].into_iter().collect()
    }

    #[test]
    fn a_move_reads_as_you_now_live_at_with_the_address_before() {
        let moved =
            Home::from_details(&at("12 High Street\nNorthbridge NB1 2AB"), Some(&at("Flat 3, 4 Low Road"))).unwrap();
        assert_eq!(
            moved.words(),
            (
                "You now live at 12 High Street, Northbridge NB1 2AB.".into(),
                Some("Before, it was Flat 3, 4 Low Road.".into())
            )
        );
        let same = Home::from_details(&at("4 Low Road"), Some(&at("4 Low Road"))).unwrap();
        assert_eq!(same.words(), ("You live at 4 Low Road.".into(), None), "an explanation change is not a move");
        assert_eq!(Home::from_details(&Details::new(), Some(&at("4 Low Road"))), None);
    }
}

pub const MESSAGE_MAX: usize = 2000;
pub const EXPLANATION_MAX: usize = 5000;

/// On the night the clocks change, an overnight curfew is an hour longer or
/// shorter than usual: say so, so the person is not caught out.
/// `night` is the day the curfew starts (yesterday, when it is past midnight).
fn clock_change_words(night: jiff::civil::Date, start: jiff::civil::Time, end: jiff::civil::Time) -> String {
    let tz = crate::format::london();
    let today = night;
    let of_day = |t: jiff::civil::Time| i64::from(t.hour()) * 60 + i64::from(t.minute());
    let usual = 24 * 60 - of_day(start) + of_day(end);
    let Ok(tomorrow) = today.tomorrow() else { return String::new() };
    let from = today.to_datetime(start).to_zoned(tz.clone());
    let to = tomorrow.to_datetime(end).to_zoned(tz);
    let (Ok(from), Ok(to)) = (from, to) else { return String::new() };
    let minutes = to.timestamp().duration_since(from.timestamp()).as_mins();
    let hours =
        |m: i64| if m % 60 == 0 { format!("{} hours", m / 60) } else { format!("{}:{:02} hours", m / 60, m % 60) };
    match minutes.cmp(&usual) {
        std::cmp::Ordering::Greater => format!(" The clocks go back tonight, so you are in for {}.", hours(minutes)),
        std::cmp::Ordering::Less => format!(" The clocks go forward tonight, so you are in for {}.", hours(minutes)),
        std::cmp::Ordering::Equal => String::new(),
    }
}

/// Where a person must not go (or must stay), named plainly from the
/// condition's own inputs: the catalogue's names are the same in 3.0 and 4.0.
fn zone_words(details: &super::catalogue::Details) -> Option<String> {
    let value =
        |name: &str| details.get(name).and_then(|v| v.first()).map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
    if let Some(event) = value("eventName") {
        return Some(format!("While {event} is on, stay out of the area on the map."));
    }
    if details.contains_key("outOfBoundFilename") {
        return Some("Stay out of the area on the map.".into());
    }
    if details.contains_key("inBoundFilename") {
        return Some("Stay inside the area on the map.".into());
    }
    if let Some(kind) = value("typeOfPremises") {
        return Some(format!("Do not go into any {kind}, or stay where you can see one."));
    }
    match (value("nameOfPremises"), value("premisesAddress")) {
        (Some(name), Some(address)) => Some(format!("Do not go into {name}, {address}.")),
        (Some(place), None) | (None, Some(place)) => Some(format!("Do not go into {place}.")),
        (None, None) => None,
    }
}

/// A condition in today's words: a curfew's hours, where and when to report,
/// where not to go.
pub fn today_words(template: &Template, details: &super::catalogue::Details, now: Timestamp) -> Option<String> {
    use super::catalogue::time_words;
    if let Some(reporting) = super::reporting::Reporting::from_details(details) {
        return Some(reporting.today_words(now));
    }
    if let Some(zone) = zone_words(details) {
        return Some(zone);
    }
    let pairs = super::week::curfew_times(template, details);
    // In UK time: the hours on a licence are the clock on the wall.
    let local = now.to_zoned(crate::format::london());
    let (today, clock) = (local.date(), local.time());
    // The curfew the person is in right now, if any: when it ends, and the day it began.
    let inside = pairs.iter().find_map(|(start, end)| {
        let overnight = end.1 <= start.1;
        match (overnight, clock >= start.1, clock < end.1) {
            (false, true, true) | (true, true, _) => Some((end, today)),
            (true, false, true) => Some((end, today.yesterday().ok()?)),
            _ => None,
        }
    });
    let now_words = inside.map(|(end, _)| format!("You should be at home now, until {}. ", time_words(&end.0)));
    match pairs.as_slice() {
        [] => None,
        [(start, end)] if end.1 <= start.1 => {
            let night = inside.map(|(_, day)| day).unwrap_or(today);
            let rule = match &now_words {
                Some(words) => format!("{words}This is every day, from {}.", time_words(&start.0)),
                None => format!(
                    "Be home by {} tonight. You can go out again at {} tomorrow. This is every day.",
                    time_words(&start.0),
                    time_words(&end.0)
                ),
            };
            Some(format!("{rule}{}", clock_change_words(night, start.1, end.1)))
        }
        [(start, end)] => {
            let (from, to) = (time_words(&start.0), time_words(&end.0));
            Some(match now_words {
                Some(words) => format!("{words}Be home from {from} to {to} every day."),
                None => format!("Be home from {from} to {to} today. This is every day."),
            })
        }
        many => Some(format!(
            "{}Be home at these times every day: {}.",
            now_words.unwrap_or_default(),
            many.iter()
                .map(|(s, e)| format!("{} to {}", time_words(&s.0), time_words(&e.0)))
                .collect::<Vec<_>>()
                .join(", and ")
        )),
    }
}
