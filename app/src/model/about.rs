//! "About me" (issue 12.1): what the person tells their probation officer so
//! they do not have to repeat it to every new one — how to reach and remind
//! them, what helps in a meeting, the times they cannot do, what they are
//! working on. Only the person changes it; a practitioner may suggest a time
//! they cannot do, which the person adds or turns down.
//!
//! The times they cannot do are checked against every appointment a
//! practitioner sets (`clashes`), each occurrence of a repeat included.

use super::{Appointment, AppointmentDraft, AppointmentId};
use crate::error::{AppError, AppResult};
use crate::format::{clock_time, weekday_name, WEEKDAYS};
use jiff::civil::{Date, Time, Weekday};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// How the person likes to be contacted and reminded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reach {
    Text,
    Call,
    Letter,
    Writing,
    ReadAloud,
}

impl Reach {
    pub const ALL: [Reach; 5] = [Reach::Text, Reach::Call, Reach::Letter, Reach::Writing, Reach::ReadAloud];
    pub fn as_str(self) -> &'static str {
        match self {
            Reach::Text => "text",
            Reach::Call => "call",
            Reach::Letter => "letter",
            Reach::Writing => "writing",
            Reach::ReadAloud => "read_aloud",
        }
    }
    pub fn parse(s: &str) -> Option<Reach> {
        Reach::ALL.into_iter().find(|r| r.as_str() == s)
    }
    /// As the person ticks it.
    pub fn label(self) -> &'static str {
        match self {
            Reach::Text => "A text message",
            Reach::Call => "A phone call",
            Reach::Letter => "A letter",
            Reach::Writing => "Things written down for me to keep",
            Reach::ReadAloud => "Things read out to me",
        }
    }
}

/// What helps the person in a meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Help {
    SomeoneWithMe,
    QuietRoom,
    WrittenDown,
    ExtraTime,
}

impl Help {
    pub const ALL: [Help; 4] = [Help::SomeoneWithMe, Help::QuietRoom, Help::WrittenDown, Help::ExtraTime];
    pub fn as_str(self) -> &'static str {
        match self {
            Help::SomeoneWithMe => "someone_with_me",
            Help::QuietRoom => "quiet_room",
            Help::WrittenDown => "written_down",
            Help::ExtraTime => "extra_time",
        }
    }
    pub fn parse(s: &str) -> Option<Help> {
        Help::ALL.into_iter().find(|h| h.as_str() == s)
    }
    pub fn label(self) -> &'static str {
        match self {
            Help::SomeoneWithMe => "Someone with me",
            Help::QuietRoom => "A quiet room",
            Help::WrittenDown => "Things written down",
            Help::ExtraTime => "More time to read and answer",
        }
    }
}

/// The parts of "About me" that one form saves together.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Prefs {
    pub reach: Vec<Reach>,
    pub helps: Vec<Help>,
    pub working_on: Option<String>,
}

/// Most characters of "what I am working on".
pub const WORKING_ON_MAX: usize = 500;
/// Most characters of a busy time's name ("Friday prayers").
pub const BUSY_NAME_MAX: usize = 80;
/// Most times one person may list (a week of shifts and more).
pub const BUSY_MAX: usize = 40;

impl Prefs {
    /// Space-separated keys, as the sync wire carries them.
    pub fn keys<T: Copy>(list: &[T], key: fn(T) -> &'static str) -> String {
        list.iter().map(|t| key(*t)).collect::<Vec<_>>().join(" ")
    }

    /// Keys read back; unknown ones are refused (a newer phone's choice is not dropped silently).
    pub fn parse_keys<T: PartialEq>(text: &str, parse: fn(&str) -> Option<T>) -> Option<Vec<T>> {
        let mut out = Vec::new();
        for key in text.split_whitespace() {
            let t = parse(key)?;
            if !out.contains(&t) {
                out.push(t);
            }
        }
        Some(out)
    }

    /// Checked: what they are working on is trimmed and not too long.
    pub fn checked(&self) -> AppResult<Prefs> {
        let working_on = self.working_on.as_deref().map(str::trim).filter(|w| !w.is_empty());
        if working_on.is_some_and(|w| w.chars().count() > WORKING_ON_MAX) {
            return Err(AppError::invalid("working_on", format!("Keep this to {WORKING_ON_MAX} characters or fewer.")));
        }
        Ok(Prefs { reach: self.reach.clone(), helps: self.helps.clone(), working_on: working_on.map(str::to_owned) })
    }
}

/// The "About me" form as posted: a ticked box is present ("on"), an unticked one absent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrefsForm {
    #[serde(default)]
    pub reach_text: Option<String>,
    #[serde(default)]
    pub reach_call: Option<String>,
    #[serde(default)]
    pub reach_letter: Option<String>,
    #[serde(default)]
    pub reach_writing: Option<String>,
    #[serde(default)]
    pub reach_read_aloud: Option<String>,
    #[serde(default)]
    pub help_someone_with_me: Option<String>,
    #[serde(default)]
    pub help_quiet_room: Option<String>,
    #[serde(default)]
    pub help_written_down: Option<String>,
    #[serde(default)]
    pub help_extra_time: Option<String>,
    #[serde(default)]
    pub working_on: Option<String>,
}

impl PrefsForm {
    pub fn prefs(&self) -> Prefs {
        let reach = [
            (Reach::Text, &self.reach_text),
            (Reach::Call, &self.reach_call),
            (Reach::Letter, &self.reach_letter),
            (Reach::Writing, &self.reach_writing),
            (Reach::ReadAloud, &self.reach_read_aloud),
        ];
        let helps = [
            (Help::SomeoneWithMe, &self.help_someone_with_me),
            (Help::QuietRoom, &self.help_quiet_room),
            (Help::WrittenDown, &self.help_written_down),
            (Help::ExtraTime, &self.help_extra_time),
        ];
        Prefs {
            reach: reach.into_iter().filter(|(_, on)| on.is_some()).map(|(r, _)| r).collect(),
            helps: helps.into_iter().filter(|(_, on)| on.is_some()).map(|(h, _)| h).collect(),
            working_on: self.working_on.clone(),
        }
    }
}

/// What a time the person cannot do is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BusyKind {
    Faith,
    Work,
    Childcare,
    Treatment,
    Other,
}

impl BusyKind {
    pub const ALL: [BusyKind; 5] =
        [BusyKind::Faith, BusyKind::Work, BusyKind::Childcare, BusyKind::Treatment, BusyKind::Other];
    pub fn as_str(self) -> &'static str {
        match self {
            BusyKind::Faith => "faith",
            BusyKind::Work => "work",
            BusyKind::Childcare => "childcare",
            BusyKind::Treatment => "treatment",
            BusyKind::Other => "other",
        }
    }
    pub fn parse(s: &str) -> Option<BusyKind> {
        BusyKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
    pub fn label(self) -> &'static str {
        match self {
            BusyKind::Faith => "Prayer or faith",
            BusyKind::Work => "Work",
            BusyKind::Childcare => "Looking after children",
            BusyKind::Treatment => "Treatment or health",
            BusyKind::Other => "Something else",
        }
    }
}

/// When: every week on one day, or once on a date. `to` earlier than `from`
/// runs past midnight (a night shift).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BusyWhen {
    Weekly {
        #[serde(with = "weekday_key")]
        day: Weekday,
        from: Time,
        to: Time,
    },
    Once {
        date: Date,
        from: Time,
        to: Time,
    },
}

/// A time the person cannot do, checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Busy {
    pub kind: BusyKind,
    /// Their own name for it ("Friday prayers"), if they gave one.
    pub name: Option<String>,
    pub when: BusyWhen,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct BusyId(pub i64);

impl std::fmt::Display for BusyId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BusyTime {
    pub id: BusyId,
    pub busy: Busy,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SuggestionId(pub i64);

impl std::fmt::Display for SuggestionId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// A practitioner's suggestion of a time to add; the person adds it or not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestion {
    pub id: SuggestionId,
    /// The practitioner's name.
    pub by: String,
    pub busy: Busy,
    pub note: Option<String>,
    pub made_at: Timestamp,
    /// `Some(true)` added, `Some(false)` turned down, `None` not answered yet.
    pub accepted: Option<bool>,
    pub answered_at: Option<Timestamp>,
}

/// Everything "About me" holds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AboutMe {
    pub prefs: Prefs,
    pub busy: Vec<BusyTime>,
    pub suggestions: Vec<Suggestion>,
    /// When the person last changed any of it.
    pub updated_at: Option<Timestamp>,
}

impl AboutMe {
    pub fn open_suggestions(&self) -> impl Iterator<Item = &Suggestion> {
        self.suggestions.iter().filter(|s| s.accepted.is_none())
    }
}

fn minute_of(t: Time) -> i32 {
    t.hour() as i32 * 60 + t.minute() as i32
}

impl Busy {
    /// Their name for it, or what it is for: "Friday prayers", "Work".
    pub fn what(&self) -> String {
        self.name.clone().unwrap_or_else(|| self.kind.label().to_owned())
    }

    /// "every Friday, 12:30 pm to 2 pm", "on Friday 12 June 2027, 9 am to 5 pm".
    pub fn when_words(&self) -> String {
        match self.when {
            BusyWhen::Weekly { day, from, to } => {
                format!("every {}, {} to {}", weekday_name(day), clock_time(from), clock_time(to))
            }
            BusyWhen::Once { date, from, to } => {
                format!("on {}, {} to {}", date.strftime("%A %-d %B %Y"), clock_time(from), clock_time(to))
            }
        }
    }

    /// "Friday prayers, every Friday, 12:30 pm to 2 pm".
    pub fn words(&self) -> String {
        format!("{}, {}", self.what(), self.when_words())
    }

    /// The local-time stretches it covers: (weekday or date, first minute, minute after the last).
    fn stretches(&self) -> Vec<(On, i32, i32)> {
        let (on, from, to) = match self.when {
            BusyWhen::Weekly { day, from, to } => (On::Day(day), from, to),
            BusyWhen::Once { date, from, to } => (On::Date(date), from, to),
        };
        let (f, t) = (minute_of(from), minute_of(to));
        if t > f {
            return vec![(on, f, t)];
        }
        // Past midnight: the rest of the day, then the next morning.
        let next = match on {
            On::Day(d) => On::Day(d.next()),
            On::Date(d) => On::Date(d.tomorrow().unwrap_or(d)),
        };
        vec![(on, f, 24 * 60), (next, 0, t)]
    }

    /// Whether it overlaps the local-time stretch `start` for `minutes`.
    pub fn overlaps(&self, start: jiff::civil::DateTime, minutes: u32) -> bool {
        let s = minute_of(start.time());
        let e = s + minutes as i32;
        let date = start.date();
        self.stretches().into_iter().any(|(on, f, t)| {
            // An appointment that runs past midnight is checked on its first day and the next.
            let same = |d: Date| match on {
                On::Day(w) => d.weekday() == w,
                On::Date(x) => d == x,
            };
            (same(date) && s < t && f < e)
                || (e > 24 * 60 && date.tomorrow().is_ok_and(|next| same(next)) && f < e - 24 * 60 && 0 < t)
        })
    }
}

/// What a stretch of a busy time falls on: a day of every week, or one date.
#[derive(Debug, Clone, Copy)]
enum On {
    Day(Weekday),
    Date(Date),
}

/// A time the person cannot do, as typed (all strings): on their phone, by a
/// practitioner suggesting it, or in a change sent from the phone.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BusyForm {
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub name: String,
    /// "weekly" or "once".
    #[serde(default)]
    pub how_often: String,
    /// For weekly: "monday" … "sunday".
    #[serde(default)]
    pub day: String,
    /// For once: "2027-06-12".
    #[serde(default)]
    pub date: String,
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub to: String,
}

pub fn day_key(day: Weekday) -> &'static str {
    match day {
        Weekday::Monday => "monday",
        Weekday::Tuesday => "tuesday",
        Weekday::Wednesday => "wednesday",
        Weekday::Thursday => "thursday",
        Weekday::Friday => "friday",
        Weekday::Saturday => "saturday",
        Weekday::Sunday => "sunday",
    }
}

/// A weekday as its form key ("friday"): jiff gives `Weekday` no serde of its own.
mod weekday_key {
    use jiff::civil::Weekday;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(day: &Weekday, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(super::day_key(*day))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Weekday, D::Error> {
        let key = String::deserialize(d)?;
        super::days()
            .find(|(_, k, _)| *k == key)
            .map(|(day, _, _)| day)
            .ok_or_else(|| serde::de::Error::custom("a day of the week"))
    }
}

/// The seven days, Monday first, with their form keys and names.
pub fn days() -> impl Iterator<Item = (Weekday, &'static str, &'static str)> {
    WEEKDAYS.into_iter().map(|d| (d, day_key(d), weekday_name(d)))
}

impl BusyForm {
    pub fn kept(&self) -> Vec<(String, String)> {
        [
            ("busy_kind", &self.kind),
            ("busy_name", &self.name),
            ("how_often", &self.how_often),
            ("day", &self.day),
            ("busy_date", &self.date),
            ("from", &self.from),
            ("to", &self.to),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.chars().take(200).collect()))
        .collect()
    }

    /// The form of a checked time (to send it from the phone, to show it again).
    pub fn of(busy: &Busy) -> BusyForm {
        let hm = |t: Time| t.strftime("%H:%M").to_string();
        let (how_often, day, date, from, to) = match busy.when {
            BusyWhen::Weekly { day, from, to } => ("weekly", day_key(day).to_owned(), String::new(), from, to),
            BusyWhen::Once { date, from, to } => ("once", String::new(), date.to_string(), from, to),
        };
        BusyForm {
            kind: busy.kind.as_str().into(),
            name: busy.name.clone().unwrap_or_default(),
            how_often: how_often.into(),
            day,
            date,
            from: hm(from),
            to: hm(to),
        }
    }

    /// Check it. A one-off date may not have passed (`today`, UK time).
    pub fn check(&self, today: Date) -> AppResult<Busy> {
        let busy = self.parse()?;
        if matches!(busy.when, BusyWhen::Once { date, .. } if date < today) {
            return Err(AppError::invalid("busy_date", "That date has passed. Enter a date from today on."));
        }
        Ok(busy)
    }

    /// Read it, whatever the date (a time kept from before).
    pub fn parse(&self) -> AppResult<Busy> {
        let kind = BusyKind::parse(self.kind.trim())
            .ok_or_else(|| AppError::invalid("busy_kind", "Choose what this time is for."))?;
        let name = self.name.trim();
        if name.chars().count() > BUSY_NAME_MAX {
            return Err(AppError::invalid(
                "busy_name",
                format!("Keep the name to {BUSY_NAME_MAX} characters or fewer."),
            ));
        }
        let time = |field: &str, value: &str, message: &str| -> AppResult<Time> {
            value.trim().parse::<Time>().map_err(|_| AppError::invalid(field, message.to_owned()))
        };
        let from = time("from", &self.from, "Enter the time it starts, like 12:30.")?;
        let to = time("to", &self.to, "Enter the time it ends, like 14:00.")?;
        if from == to {
            return Err(AppError::invalid("to", "The end time must be different from the start time."));
        }
        let when = match self.how_often.trim() {
            "weekly" => {
                let day = days()
                    .find(|(_, key, _)| *key == self.day.trim())
                    .map(|(d, _, _)| d)
                    .ok_or_else(|| AppError::invalid("day", "Choose the day of the week."))?;
                BusyWhen::Weekly { day, from, to }
            }
            "once" => {
                let date: Date = self
                    .date
                    .trim()
                    .parse()
                    .map_err(|_| AppError::invalid("busy_date", "Enter the date, like 2027-06-12."))?;
                BusyWhen::Once { date, from, to }
            }
            _ => return Err(AppError::invalid("how_often", "Choose every week or just once.")),
        };
        Ok(Busy { kind, name: (!name.is_empty()).then(|| name.to_owned()), when })
    }
}

/// Why an appointment would be a problem for the person, in words the
/// practitioner reads before saving and the person reads after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Clash {
    /// It falls in a time they said they cannot do.
    Busy { busy: Busy, at: Timestamp },
    /// It overlaps another of their appointments.
    Appointment { other: AppointmentId, what: String, at: Timestamp },
}

impl Clash {
    /// "Jay said they cannot do: Friday prayers, every Friday, 12:30 pm to 2 pm (Friday 5 March, 1 pm)."
    pub fn words(&self, name: &str) -> String {
        match self {
            Clash::Busy { busy, at } => {
                format!("{name} said they cannot do: {} (this one is on {}).", busy.words(), moment(*at))
            }
            Clash::Appointment { what, at, .. } => {
                format!("{name} already has an appointment then: {what}, {}.", moment(*at))
            }
        }
    }
}

/// "Friday 5 March at 1 pm", in UK time.
fn moment(at: Timestamp) -> String {
    let local = at.to_zoned(crate::format::london());
    format!("{} at {}", local.strftime("%A %-d %B"), crate::format::clock(&local))
}

/// Every clash of `draft` (each occurrence) with the person's busy times and
/// with their other appointments still on (not cancelled, not `editing`).
pub fn clashes(
    draft: &AppointmentDraft,
    editing: Option<AppointmentId>,
    busy: &[BusyTime],
    others: &[Appointment],
) -> Vec<Clash> {
    let tz = crate::format::london();
    let length = |m: u32| jiff::SignedDuration::from_mins(m as i64);
    let probe = Appointment::from_draft(AppointmentId(0), draft);
    let mut out = Vec::new();
    for start in probe.occurrences() {
        let local = start.to_zoned(tz.clone()).datetime();
        for b in busy {
            if b.busy.overlaps(local, draft.duration_min) {
                out.push(Clash::Busy { busy: b.busy.clone(), at: start });
            }
        }
        let end = start.checked_add(length(draft.duration_min)).unwrap_or(start);
        for other in others.iter().filter(|a| !a.cancelled && Some(a.id) != editing) {
            for o in other.occurrences() {
                let o_end = o.checked_add(length(other.duration_min)).unwrap_or(o);
                if o < end && start < o_end {
                    out.push(Clash::Appointment { other: other.id, what: other.kind.label().to_owned(), at: o });
                }
            }
        }
    }
    out
}

/// The warning shown before saving: each busy time or appointment it clashes
/// with once, with the first few times it does.
pub fn clash_warning(clashes: &[Clash], name: &str) -> String {
    const SHOWN: usize = 3;
    // (what it clashes with, the starts of the clashing occurrences), in first-found order.
    let mut groups: Vec<(String, Vec<Timestamp>)> = Vec::new();
    for c in clashes {
        let (what, at) = match c {
            Clash::Busy { busy, at } => (format!("{name} said they cannot do: {}.", busy.words()), *at),
            Clash::Appointment { what, at, .. } => (format!("{name} already has an appointment then: {what}."), *at),
        };
        match groups.iter_mut().find(|(w, _)| *w == what) {
            Some((_, times)) => times.push(at),
            None => groups.push((what, vec![at])),
        }
    }
    let mut text = Vec::new();
    for (what, times) in groups {
        let mut when = times.iter().take(SHOWN).map(|t| moment(*t)).collect::<Vec<_>>().join(", ");
        if times.len() > SHOWN {
            when.push_str(&format!(" and {}", crate::format::count(times.len() - SHOWN, "more time", "more times")));
        }
        text.push(format!("{what} This clashes on {when}."));
    }
    text.push("To set it anyway, say why it has to be then. They will see what you write.".into());
    text.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AppointmentKind, CaseId, Repeat};

    fn today() -> Date {
        "2027-03-01".parse().unwrap()
    }

    fn form(how: &str, day: &str, date: &str, from: &str, to: &str) -> BusyForm {
        BusyForm {
            kind: "faith".into(),
            name: "Friday prayers".into(),
            how_often: how.into(),
            day: day.into(),
            date: date.into(),
            from: from.into(),
            to: to.into(),
        }
    }

    fn draft(local: &str, minutes: u32, repeat: Repeat, count: u32) -> AppointmentDraft {
        let starts_at =
            local.parse::<jiff::civil::DateTime>().unwrap().to_zoned(crate::format::london()).unwrap().timestamp();
        AppointmentDraft {
            kind: AppointmentKind::Supervision,
            starts_at,
            duration_min: minutes,
            place: "Office".into(),
            room: None,
            with_whom: None,
            bring: None,
            notes: None,
            phone: None,
            repeat,
            repeat_count: count,
            clash_reason: None,
        }
    }

    fn busy(f: BusyForm) -> Vec<BusyTime> {
        vec![BusyTime { id: BusyId(1), busy: f.check(today()).unwrap() }]
    }

    #[test]
    fn a_form_is_checked_with_a_reason_for_each_field() {
        let ok = form("weekly", "friday", "", "12:30", "14:00").check(today()).unwrap();
        assert_eq!(ok.words(), "Friday prayers, every Friday, 12:30 pm to 2 pm");
        let field = |f: BusyForm| f.check(today()).unwrap_err().field().map(str::to_owned);
        assert_eq!(
            field(BusyForm { kind: "".into(), ..form("weekly", "friday", "", "12:30", "14:00") }).as_deref(),
            Some("busy_kind")
        );
        assert_eq!(field(form("weekly", "", "", "12:30", "14:00")).as_deref(), Some("day"));
        assert_eq!(field(form("sometimes", "friday", "", "12:30", "14:00")).as_deref(), Some("how_often"));
        assert_eq!(field(form("weekly", "friday", "", "half twelve", "14:00")).as_deref(), Some("from"));
        assert_eq!(field(form("weekly", "friday", "", "12:30", "12:30")).as_deref(), Some("to"));
        assert_eq!(field(form("once", "", "2027-02-28", "12:30", "14:00")).as_deref(), Some("busy_date"));
        assert_eq!(field(form("once", "", "12 June", "12:30", "14:00")).as_deref(), Some("busy_date"));
        let long = BusyForm { name: "x".repeat(BUSY_NAME_MAX + 1), ..form("weekly", "friday", "", "12:30", "14:00") };
        assert_eq!(field(long).as_deref(), Some("busy_name"));
        let once = form("once", "", "2027-06-12", "09:00", "17:00").check(today()).unwrap();
        assert_eq!(once.when_words(), "on Saturday 12 June 2027, 9 am to 5 pm");
        // What a form of a checked time says, it says again.
        assert_eq!(BusyForm::of(&once).check(today()).unwrap(), once);
        assert_eq!(BusyForm::of(&ok).check(today()).unwrap(), ok);
    }

    #[test]
    fn an_appointment_in_friday_prayers_clashes_and_one_after_does_not() {
        let prayers = busy(form("weekly", "friday", "", "12:30", "14:00"));
        // 2027-03-05 is a Friday.
        let during = draft("2027-03-05T13:00", 30, Repeat::Never, 1);
        let found = clashes(&during, None, &prayers, &[]);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].words("Jay"),
            "Jay said they cannot do: Friday prayers, every Friday, 12:30 pm to 2 pm (this one is on Friday 5 March at 1 pm)."
        );
        assert!(clashes(&draft("2027-03-05T14:00", 60, Repeat::Never, 1), None, &prayers, &[]).is_empty());
        assert!(clashes(&draft("2027-03-05T11:30", 60, Repeat::Never, 1), None, &prayers, &[]).is_empty());
        assert_eq!(clashes(&draft("2027-03-05T11:30", 61, Repeat::Never, 1), None, &prayers, &[]).len(), 1);
        assert!(
            clashes(&draft("2027-03-04T13:00", 30, Repeat::Never, 1), None, &prayers, &[]).is_empty(),
            "a Thursday"
        );
    }

    #[test]
    fn every_occurrence_of_a_repeat_is_checked() {
        // A one-off date three weeks after a weekly appointment starts.
        let wedding = busy(BusyForm {
            kind: "other".into(),
            name: "My daughter's wedding".into(),
            ..form("once", "", "2027-03-22", "10:00", "18:00")
        });
        let weekly = draft("2027-03-01T11:00", 60, Repeat::Weekly, 6);
        let found = clashes(&weekly, None, &wedding, &[]);
        assert_eq!(found.len(), 1, "only the fourth one: {found:?}");
        assert!(found[0].words("Jay").contains("Monday 22 March"), "{}", found[0].words("Jay"));
        assert!(clashes(&draft("2027-03-01T11:00", 60, Repeat::Weekly, 3), None, &wedding, &[]).is_empty());
        // Fortnightly: from the 8th it falls on the 22nd; from the 1st it skips it.
        assert_eq!(clashes(&draft("2027-03-08T11:00", 60, Repeat::Fortnightly, 3), None, &wedding, &[]).len(), 1);
        assert!(clashes(&draft("2027-03-01T11:00", 60, Repeat::Fortnightly, 6), None, &wedding, &[]).is_empty());
    }

    #[test]
    fn a_night_shift_runs_past_midnight() {
        let nights = busy(BusyForm {
            kind: "work".into(),
            name: String::new(),
            ..form("weekly", "tuesday", "", "22:00", "06:00")
        });
        // 2027-03-03 is a Wednesday: 5 am is still the Tuesday night shift.
        assert_eq!(clashes(&draft("2027-03-03T05:00", 30, Repeat::Never, 1), None, &nights, &[]).len(), 1);
        assert!(clashes(&draft("2027-03-03T06:00", 30, Repeat::Never, 1), None, &nights, &[]).is_empty());
        assert_eq!(clashes(&draft("2027-03-02T23:00", 30, Repeat::Never, 1), None, &nights, &[]).len(), 1);
        assert!(clashes(&draft("2027-03-02T21:00", 60, Repeat::Never, 1), None, &nights, &[]).is_empty());
        assert!(nights[0].busy.words().starts_with("Work, every Tuesday, 10 pm to 6 am"));
    }

    #[test]
    fn another_appointment_at_the_same_time_clashes_but_not_itself_or_a_cancelled_one() {
        let d = draft("2027-03-02T10:00", 60, Repeat::Never, 1);
        let mut other = Appointment::from_draft(AppointmentId(7), &draft("2027-03-02T10:30", 30, Repeat::Never, 1));
        other.kind = AppointmentKind::JobCentre;
        other.case_id = CaseId(1);
        let found = clashes(&d, None, &[], std::slice::from_ref(&other));
        assert_eq!(found.len(), 1);
        assert!(
            found[0].words("Jay").starts_with("Jay already has an appointment then: Job centre"),
            "{}",
            found[0].words("Jay")
        );
        assert!(
            clashes(&d, Some(AppointmentId(7)), &[], std::slice::from_ref(&other)).is_empty(),
            "moving it is no clash with itself"
        );
        other.cancelled = true;
        assert!(clashes(&d, None, &[], &[other]).is_empty());
    }

    #[test]
    fn the_warning_says_what_to_do() {
        let prayers = busy(form("weekly", "friday", "", "12:30", "14:00"));
        let weekly = draft("2027-03-05T13:00", 30, Repeat::Weekly, 5);
        let found = clashes(&weekly, None, &prayers, &[]);
        assert_eq!(found.len(), 5);
        let w = clash_warning(&found, "Jay");
        assert_eq!(
            w,
            "Jay said they cannot do: Friday prayers, every Friday, 12:30 pm to 2 pm. This clashes on Friday 5 March \
             at 1 pm, Friday 12 March at 1 pm, Friday 19 March at 1 pm and 2 more times. To set it anyway, say why it \
             has to be then. They will see what you write."
        );
        assert!(w.ends_with("They will see what you write."));
    }

    #[test]
    fn keys_go_on_the_wire_and_back() {
        let reach = vec![Reach::Text, Reach::ReadAloud];
        let text = Prefs::keys(&reach, Reach::as_str);
        assert_eq!(text, "text read_aloud");
        assert_eq!(Prefs::parse_keys(&text, Reach::parse), Some(reach));
        assert_eq!(Prefs::parse_keys("text carrier_pigeon", Reach::parse), None);
        assert_eq!(Prefs::parse_keys("", Help::parse), Some(vec![]));
        let form =
            PrefsForm { reach_call: Some("on".into()), help_quiet_room: Some("on".into()), ..Default::default() };
        assert_eq!(form.prefs().reach, vec![Reach::Call]);
        assert_eq!(form.prefs().helps, vec![Help::QuietRoom]);
        let long = Prefs { working_on: Some("x".repeat(WORKING_ON_MAX + 1)), ..Default::default() };
        assert_eq!(long.checked().unwrap_err().field(), Some("working_on"));
        let blank = Prefs { working_on: Some("   ".into()), ..Default::default() };
        assert_eq!(blank.checked().unwrap().working_on, None);
    }
}
