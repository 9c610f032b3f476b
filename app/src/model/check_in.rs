//! Check-ins between appointments (issue 12.6): "How are things?" — a mood on
//! five points, what would help, and "contact me before my next appointment".
//! The person makes them (from a form or their phone's outbox); their
//! practitioner sees them at the desk, those asking for contact and low moods
//! first, and marks each one seen, which the person is told.
//!
//! It is not an emergency service: low moods are shown the Samaritans and NHS
//! 111 (option 2) straight away, on the phone, with or without signal.

use super::CaseId;
pub use super::CheckInId;
use crate::error::{AppError, AppResult};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// How things are, from 1 (very bad) to 5 (very good).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub enum Mood {
    VeryBad = 1,
    NotGood = 2,
    Okay = 3,
    Good = 4,
    VeryGood = 5,
}

impl Mood {
    /// Best first, as the form lists them.
    pub const ALL: [Mood; 5] = [Mood::VeryGood, Mood::Good, Mood::Okay, Mood::NotGood, Mood::VeryBad];

    pub fn score(self) -> u8 {
        self as u8
    }

    pub fn from_score(n: i64) -> Option<Mood> {
        Mood::ALL.into_iter().find(|m| i64::from(m.score()) == n)
    }

    /// As the person picks it.
    pub fn label(self) -> &'static str {
        match self {
            Mood::VeryGood => "Very good",
            Mood::Good => "Good",
            Mood::Okay => "Okay",
            Mood::NotGood => "Not good",
            Mood::VeryBad => "Very bad",
        }
    }

    /// The two lowest: shown the helplines at once, and first at the desk.
    pub fn is_low(self) -> bool {
        self <= Mood::NotGood
    }
}

impl TryFrom<u8> for Mood {
    type Error = String;
    fn try_from(n: u8) -> Result<Mood, String> {
        Mood::from_score(n.into()).ok_or_else(|| format!("a mood is 1 to 5, not {n}"))
    }
}

impl From<Mood> for u8 {
    fn from(m: Mood) -> u8 {
        m.score()
    }
}

/// What would help right now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Need {
    Housing,
    Money,
    MentalHealth,
    DrugsAlcohol,
    Relationships,
    Work,
}

impl Need {
    pub const ALL: [Need; 6] =
        [Need::Housing, Need::Money, Need::MentalHealth, Need::DrugsAlcohol, Need::Relationships, Need::Work];

    pub fn as_str(self) -> &'static str {
        match self {
            Need::Housing => "housing",
            Need::Money => "money",
            Need::MentalHealth => "mental_health",
            Need::DrugsAlcohol => "drugs_alcohol",
            Need::Relationships => "relationships",
            Need::Work => "work",
        }
    }

    pub fn parse(s: &str) -> Option<Need> {
        Need::ALL.into_iter().find(|n| n.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Need::Housing => "A place to live",
            Need::Money => "Money",
            Need::MentalHealth => "How I feel in my mind",
            Need::DrugsAlcohol => "Drugs or alcohol",
            Need::Relationships => "Family or relationships",
            Need::Work => "Work or training",
        }
    }

    /// Space-separated keys, as the store and the sync wire keep them.
    pub fn keys(needs: &[Need]) -> String {
        needs.iter().map(|n| n.as_str()).collect::<Vec<_>>().join(" ")
    }

    /// Keys read back, each once; an unknown one is refused, not dropped.
    pub fn parse_keys(text: &str) -> Option<Vec<Need>> {
        let mut out = Vec::new();
        for key in text.split_whitespace() {
            let need = Need::parse(key)?;
            if !out.contains(&need) {
                out.push(need);
            }
        }
        Some(out)
    }
}

/// Most characters of "anything else".
pub const NOTE_MAX: usize = 500;
/// How many check-ins the person's pages and phone keep (the latest).
pub const KEPT: usize = 20;
/// How far back a phone's clock may date a check-in it kept offline.
pub const OLDEST_SECONDS: i64 = 30 * 86_400;

/// One check-in as the person made it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewCheckIn {
    pub mood: Mood,
    pub needs: Vec<Need>,
    pub contact_me: bool,
    pub note: Option<String>,
}

impl NewCheckIn {
    /// Checked: the note trimmed (none when blank) and not too long.
    pub fn checked(&self) -> AppResult<NewCheckIn> {
        let note = self.note.as_deref().map(str::trim).filter(|n| !n.is_empty());
        if note.is_some_and(|n| n.chars().count() > NOTE_MAX) {
            return Err(AppError::invalid("note", format!("Keep this to {NOTE_MAX} characters or fewer.")));
        }
        Ok(NewCheckIn { note: note.map(str::to_owned), needs: self.needs.clone(), ..*self })
    }

    /// Whether it says the same as `other` (a form sent twice).
    pub fn same_as(&self, other: &NewCheckIn) -> bool {
        let note = |c: &NewCheckIn| c.note.as_deref().map(str::trim).filter(|n| !n.is_empty()).map(str::to_owned);
        self.mood == other.mood
            && self.needs == other.needs
            && self.contact_me == other.contact_me
            && note(self) == note(other)
    }
}

/// The check-in form as posted: a ticked box is present ("on"), an unticked one absent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckInForm {
    #[serde(default)]
    pub mood: Option<String>,
    #[serde(default)]
    pub need_housing: Option<String>,
    #[serde(default)]
    pub need_money: Option<String>,
    #[serde(default)]
    pub need_mental_health: Option<String>,
    #[serde(default)]
    pub need_drugs_alcohol: Option<String>,
    #[serde(default)]
    pub need_relationships: Option<String>,
    #[serde(default)]
    pub need_work: Option<String>,
    #[serde(default)]
    pub contact_me: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
}

/// The words when no mood was picked (the form and the phone say the same).
pub const CHOOSE_MOOD: &str = "Choose how things are for you.";

impl CheckInForm {
    fn ticked(&self) -> [(Need, bool); 6] {
        [
            (Need::Housing, self.need_housing.is_some()),
            (Need::Money, self.need_money.is_some()),
            (Need::MentalHealth, self.need_mental_health.is_some()),
            (Need::DrugsAlcohol, self.need_drugs_alcohol.is_some()),
            (Need::Relationships, self.need_relationships.is_some()),
            (Need::Work, self.need_work.is_some()),
        ]
    }

    pub fn check(&self) -> AppResult<NewCheckIn> {
        let mood = self
            .mood
            .as_deref()
            .and_then(|m| m.trim().parse::<i64>().ok())
            .and_then(Mood::from_score)
            .ok_or_else(|| AppError::invalid("mood", CHOOSE_MOOD))?;
        NewCheckIn {
            mood,
            needs: self.ticked().into_iter().filter(|(_, on)| *on).map(|(n, _)| n).collect(),
            contact_me: self.contact_me.is_some(),
            note: self.note.clone(),
        }
        .checked()
    }

    /// What was typed and ticked, to show again with a message.
    pub fn kept(&self) -> Vec<(String, String)> {
        let mut kept = vec![("note".to_owned(), self.note.clone().unwrap_or_default())];
        kept.extend(self.mood.clone().map(|m| ("mood".to_owned(), m)));
        kept.extend(
            self.ticked().into_iter().filter(|(_, on)| *on).map(|(n, _)| ("need".to_owned(), n.as_str().into())),
        );
        if self.contact_me.is_some() {
            kept.push(("contact_me".into(), "on".into()));
        }
        kept
    }
}

/// The practitioner who saw a check-in, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Seen {
    pub by: String,
    pub at: Timestamp,
}

/// A check-in as kept: when it was made (by the phone's clock, for one kept
/// offline) and whether a practitioner has seen it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckIn {
    pub id: CheckInId,
    pub made_at: Timestamp,
    pub said: NewCheckIn,
    pub seen: Option<Seen>,
}

impl CheckIn {
    /// Asks for contact or feels low: first at the desk, marked for attention.
    pub fn urgent(&self) -> bool {
        self.said.contact_me || self.said.mood.is_low()
    }

    /// What would help, in words ("Money, Work or training"); `None` when nothing was ticked.
    pub fn needs_words(&self) -> Option<String> {
        let words: Vec<&str> = self.said.needs.iter().map(|n| n.label()).collect();
        (!words.is_empty()).then(|| words.join(", "))
    }
}

/// A check-in on the desk's list: whose, and what they said.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeskCheckIn {
    pub case_id: CaseId,
    pub name: String,
    pub check_in: CheckIn,
}

/// The desk's order: asked for contact first, then the lowest moods, then the newest.
pub fn desk_order(list: &mut [DeskCheckIn]) {
    list.sort_by_key(|d| {
        let c = &d.check_in;
        (!c.said.contact_me, c.said.mood, std::cmp::Reverse(c.made_at), d.case_id)
    });
}

/// When a check-in the phone kept offline was made: its clock, but never in
/// the future and never before `OLDEST_SECONDS` ago (a phone's clock can be wrong).
pub fn made_at(phone_clock: i64, now: Timestamp) -> Timestamp {
    let now_s = now.as_second();
    Timestamp::from_second(phone_clock.clamp(now_s - OLDEST_SECONDS, now_s)).unwrap_or(now)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn said(mood: Mood, contact_me: bool) -> NewCheckIn {
        NewCheckIn { mood, needs: vec![], contact_me, note: None }
    }

    #[test]
    fn the_form_is_read_and_checked() {
        let mut form = CheckInForm { mood: Some("2".into()), ..CheckInForm::default() };
        form.need_money = Some("on".into());
        form.need_work = Some("on".into());
        form.contact_me = Some("on".into());
        form.note = Some("  Lost my job.  ".into());
        let new = form.check().unwrap();
        assert_eq!(new.mood, Mood::NotGood);
        assert!(new.mood.is_low() && !Mood::Okay.is_low());
        assert_eq!(new.needs, vec![Need::Money, Need::Work]);
        assert!(new.contact_me);
        assert_eq!(new.note.as_deref(), Some("Lost my job."));
        for bad in [None, Some("0"), Some("6"), Some("okay"), Some("")] {
            let form = CheckInForm { mood: bad.map(str::to_owned), ..form.clone() };
            let e = form.check().unwrap_err();
            assert_eq!(e.to_string(), CHOOSE_MOOD);
        }
        let long = CheckInForm { note: Some("a".repeat(NOTE_MAX + 1)), ..form.clone() };
        assert!(long.check().unwrap_err().to_string().contains("500 characters"));
        let kept = form.kept();
        assert!(kept.contains(&("need".into(), "money".into())) && kept.contains(&("mood".into(), "2".into())));
    }

    #[test]
    fn keys_and_moods_go_both_ways() {
        assert_eq!(Need::parse_keys(&Need::keys(&Need::ALL)), Some(Need::ALL.to_vec()));
        assert_eq!(Need::parse_keys("money money"), Some(vec![Need::Money]));
        assert_eq!(Need::parse_keys("money pigeons"), None);
        for m in Mood::ALL {
            assert_eq!(Mood::from_score(m.score().into()), Some(m));
        }
        assert_eq!(serde_json::to_string(&Mood::Okay).unwrap(), "3");
        assert!(serde_json::from_str::<Mood>("9").is_err());
    }

    #[test]
    fn the_desk_sees_contact_me_then_low_moods_then_the_newest() {
        let at = |s: i64| Timestamp::from_second(1_800_000_000 + s).unwrap();
        let desk = |case: i64, said: NewCheckIn, s: i64| DeskCheckIn {
            case_id: CaseId(case),
            name: format!("P{case}"),
            check_in: CheckIn { id: CheckInId(case), made_at: at(s), said, seen: None },
        };
        let mut list = vec![
            desk(1, said(Mood::Good, false), 50),
            desk(2, said(Mood::VeryBad, false), 10),
            desk(3, said(Mood::Okay, true), 5),
            desk(4, said(Mood::Good, false), 90),
            desk(5, said(Mood::VeryGood, true), 1),
        ];
        desk_order(&mut list);
        let order: Vec<i64> = list.iter().map(|d| d.case_id.0).collect();
        assert_eq!(order, vec![3, 5, 2, 4, 1]);
        assert!(list[0].check_in.urgent() && list[2].check_in.urgent() && !list[3].check_in.urgent());
    }

    #[test]
    fn a_phone_clock_cannot_date_a_check_in_in_the_future_or_long_ago() {
        let now = Timestamp::from_second(1_800_000_000).unwrap();
        assert_eq!(made_at(1_800_000_000 - 3600, now).as_second(), 1_800_000_000 - 3600);
        assert_eq!(made_at(1_900_000_000, now), now);
        assert_eq!(made_at(0, now).as_second(), 1_800_000_000 - OLDEST_SECONDS);
    }
}
