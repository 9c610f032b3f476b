//! Appointments: what the practitioner sets, and the person's answer.

use super::{AppointmentKind, CaseId};
use crate::error::{AppError, AppResult};
use jiff::{civil::DateTime, Timestamp};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct AppointmentId(pub i64);

impl std::fmt::Display for AppointmentId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Repeat {
    Never,
    Weekly,
    Fortnightly,
}

impl Repeat {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Never => "none",
            Self::Weekly => "weekly",
            Self::Fortnightly => "fortnightly",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "none" | "" => Some(Self::Never),
            "weekly" => Some(Self::Weekly),
            "fortnightly" => Some(Self::Fortnightly),
            _ => None,
        }
    }
    pub fn days(self) -> Option<i64> {
        match self {
            Self::Never => None,
            Self::Weekly => Some(7),
            Self::Fortnightly => Some(14),
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Self::Never => "Once",
            Self::Weekly => "Every week",
            Self::Fortnightly => "Every two weeks",
        }
    }
}

/// The person's answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Rsvp {
    Attending,
    NeedsChange(String),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Appointment {
    pub id: AppointmentId,
    pub case_id: CaseId,
    pub kind: AppointmentKind,
    pub starts_at: Timestamp,
    pub duration_min: u32,
    pub place: String,
    pub room: Option<String>,
    pub with_whom: Option<String>,
    pub bring: Option<String>,
    pub notes: Option<String>,
    pub phone: Option<String>,
    pub repeat: Repeat,
    /// How many times in all, for a repeat.
    pub repeat_count: u32,
    pub cancelled: bool,
    pub cancel_reason: Option<String>,
    /// When it was moved, where it was before.
    pub moved_from: Option<Timestamp>,
    /// The place or kind before the practitioner last changed them, so the person is told.
    #[serde(default)]
    pub earlier: Earlier,
    pub rsvp: Option<Rsvp>,
    pub rsvp_at: Option<Timestamp>,
    /// Set at a time the person said they cannot do, or over another
    /// appointment: why it has to be then, as the practitioner wrote it.
    #[serde(default)]
    pub clash_note: Option<String>,
}

/// What an appointment was before its place, room or kind last changed (its
/// time is `moved_from`). Each part is kept until that part changes again.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Earlier {
    /// The place and room before, set when either of them changed (a room may have been none).
    pub place: Option<(String, Option<String>)>,
    pub kind: Option<AppointmentKind>,
}

impl Earlier {
    /// What changed from `old` to `new`, added to what was already kept: a part
    /// that changes now replaces its earlier value; the others stay as they were.
    pub fn after_change(&self, old: &Appointment, new: &AppointmentDraft) -> Earlier {
        let moved_place = old.place != new.place || old.room != new.room;
        Earlier {
            place: if moved_place { Some((old.place.clone(), old.room.clone())) } else { self.place.clone() },
            kind: if old.kind != new.kind { Some(old.kind) } else { self.kind },
        }
    }

    pub fn is_empty(&self) -> bool {
        self.place.is_none() && self.kind.is_none()
    }
}

/// A place with its room, as the person reads it.
pub fn where_text(place: &str, room: Option<&str>) -> String {
    match room {
        Some(room) => format!("{place}, {room}"),
        None => place.to_owned(),
    }
}

impl Appointment {
    /// An appointment as a draft would make it (nothing answered, moved or cancelled yet).
    pub fn from_draft(id: AppointmentId, d: &AppointmentDraft) -> Appointment {
        Appointment {
            id,
            case_id: CaseId(0),
            kind: d.kind,
            starts_at: d.starts_at,
            duration_min: d.duration_min,
            place: d.place.clone(),
            room: d.room.clone(),
            with_whom: d.with_whom.clone(),
            bring: d.bring.clone(),
            notes: d.notes.clone(),
            phone: d.phone.clone(),
            repeat: d.repeat,
            repeat_count: d.repeat_count,
            cancelled: false,
            cancel_reason: None,
            moved_from: None,
            earlier: Earlier::default(),
            rsvp: None,
            rsvp_at: None,
            clash_note: d.clash_reason.clone(),
        }
    }

    /// Where it is, with the room.
    pub fn where_text(&self) -> String {
        where_text(&self.place, self.room.as_deref())
    }

    /// Plain words for the person on what changed apart from the time
    /// (`moved_from` says that): the place, the room, or what it is for.
    /// For example "This has changed: it is now at 12 High Street (it was at 1 Station Road)."
    pub fn change_notice(&self) -> Option<String> {
        // Each clause starts "it is now", so they read on after "This has changed:".
        let mut clauses = Vec::new();
        if let Some((place, room)) = &self.earlier.place {
            let before = where_text(place, room.as_deref());
            let now = self.where_text();
            // A guard: never "now at X (it was at X)", whatever rows an old version left.
            if before != now {
                clauses.push(format!("it is now at {now} (it was at {before})"));
            }
        }
        if let Some(kind) = self.earlier.kind.filter(|k| *k != self.kind) {
            clauses.push(format!("it is now for: {} (it was for: {})", self.kind.label(), kind.label()));
        }
        let (first, rest) = clauses.split_first()?;
        let mut text = format!("This has changed: {first}.");
        for clause in rest {
            text.push_str(&format!(" {}.", clause.replacen("it", "It", 1)));
        }
        Some(text)
    }

    /// The start of each occurrence (one for a single appointment).
    pub fn occurrences(&self) -> Vec<Timestamp> {
        let tz = crate::format::london();
        let local = self.starts_at.to_zoned(tz.clone());
        match self.repeat.days() {
            None => vec![self.starts_at],
            // Repeat in UK local time, so 10:30 stays 10:30 across a clock change.
            Some(days) => (0..self.repeat_count.max(1) as i64)
                .filter_map(|i| local.checked_add(jiff::Span::new().days(days * i)).ok())
                .map(|z| z.timestamp())
                .collect(),
        }
    }

    /// The next start at or after `now` (ongoing ones count until they end).
    pub fn next_start(&self, now: Timestamp) -> Option<Timestamp> {
        let length = jiff::SignedDuration::from_mins(self.duration_min as i64);
        self.occurrences().into_iter().find(|s| s.checked_add(length).map(|end| end > now).unwrap_or(false))
    }
}

/// What a practitioner types to set an appointment, checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppointmentDraft {
    pub kind: AppointmentKind,
    pub starts_at: Timestamp,
    pub duration_min: u32,
    pub place: String,
    pub room: Option<String>,
    pub with_whom: Option<String>,
    pub bring: Option<String>,
    pub notes: Option<String>,
    pub phone: Option<String>,
    pub repeat: Repeat,
    pub repeat_count: u32,
    /// Why it has to be at a time that clashes (the person sees it); the
    /// server refuses a clashing draft without one.
    #[serde(default)]
    pub clash_reason: Option<String>,
}

pub const NOTE_MAX: usize = 2000;
pub const SHORT_MAX: usize = 200;
pub const MAX_REPEATS: u32 = 26;

/// The raw form, all strings, as posted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppointmentForm {
    pub kind: String,
    pub date: String,
    pub time: String,
    pub duration_min: String,
    pub place: String,
    pub room: String,
    pub with_whom: String,
    pub bring: String,
    pub notes: String,
    pub phone: String,
    pub repeat: String,
    pub repeat_count: String,
    #[serde(default)]
    pub clash_reason: String,
}

fn optional(field: &str, value: &str, max: usize) -> AppResult<Option<String>> {
    let v = value.trim();
    if v.chars().count() > max {
        return Err(AppError::invalid(field, format!("Keep this to {max} characters or fewer.")));
    }
    Ok((!v.is_empty()).then(|| v.to_owned()))
}

impl AppointmentForm {
    pub fn kept(&self) -> Vec<(String, String)> {
        [
            ("kind", &self.kind),
            ("date", &self.date),
            ("time", &self.time),
            ("duration_min", &self.duration_min),
            ("place", &self.place),
            ("room", &self.room),
            ("with_whom", &self.with_whom),
            ("bring", &self.bring),
            ("notes", &self.notes),
            ("phone", &self.phone),
            ("repeat", &self.repeat),
            ("repeat_count", &self.repeat_count),
            ("clash_reason", &self.clash_reason),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.chars().take(NOTE_MAX).collect()))
        .collect()
    }

    /// Check the form. A new appointment may not start in the past (`now`).
    pub fn check(&self, now: Timestamp, is_new: bool) -> AppResult<AppointmentDraft> {
        let kind = AppointmentKind::parse(&self.kind)
            .ok_or_else(|| AppError::invalid("kind", "Choose what kind of appointment it is."))?;
        let date: jiff::civil::Date =
            self.date.trim().parse().map_err(|_| AppError::invalid("date", "Enter the date, like 2026-12-01."))?;
        let time: jiff::civil::Time =
            self.time.trim().parse().map_err(|_| AppError::invalid("time", "Enter the start time, like 10:30."))?;
        let local = DateTime::from_parts(date, time);
        // A time that does not exist (clocks going forward) or happens twice is read as the later one.
        let starts_at = local
            .to_zoned(crate::format::london())
            .map_err(|_| AppError::invalid("time", "That time does not exist on that day. Choose another."))?
            .timestamp();
        if is_new && starts_at < now {
            return Err(AppError::invalid("date", "The appointment must be in the future."));
        }
        // Read as a signed number, so "-5" is told the range rather than "not a number".
        let duration_min: i64 = match self.duration_min.trim() {
            "" => 60,
            d => d.parse().map_err(|_| AppError::invalid("duration_min", "Enter how long it lasts, in minutes."))?,
        };
        let duration_min = u32::try_from(duration_min)
            .ok()
            .filter(|d| (5..=600).contains(d))
            .ok_or_else(|| AppError::invalid("duration_min", "An appointment lasts between 5 and 600 minutes."))?;
        let place = self.place.trim();
        if place.is_empty() {
            return Err(AppError::invalid("place", "Enter where the appointment is."));
        }
        let repeat = Repeat::parse(self.repeat.trim())
            .ok_or_else(|| AppError::invalid("repeat", "Choose how often it repeats."))?;
        let repeat_count = match (repeat, self.repeat_count.trim()) {
            (Repeat::Never, _) => 1,
            (_, "") => return Err(AppError::invalid("repeat_count", "Enter how many times it happens in all.")),
            (_, n) => n.parse().map_err(|_| AppError::invalid("repeat_count", "Enter a number of times, like 6."))?,
        };
        if !(1..=MAX_REPEATS).contains(&repeat_count) {
            return Err(AppError::invalid("repeat_count", format!("Repeat between 1 and {MAX_REPEATS} times.")));
        }
        let phone = optional("phone", &self.phone, 40)?;
        if phone.as_deref().is_some_and(|p| !p.chars().all(|c| c.is_ascii_digit() || " +()-".contains(c))) {
            return Err(AppError::invalid("phone", "Enter a phone number using numbers and spaces."));
        }
        Ok(AppointmentDraft {
            kind,
            starts_at,
            duration_min,
            place: optional("place", place, SHORT_MAX)?.unwrap_or_default(),
            room: optional("room", &self.room, SHORT_MAX)?,
            with_whom: optional("with_whom", &self.with_whom, SHORT_MAX)?,
            bring: optional("bring", &self.bring, NOTE_MAX)?,
            notes: optional("notes", &self.notes, NOTE_MAX)?,
            phone,
            repeat,
            repeat_count,
            clash_reason: optional("clash_reason", &self.clash_reason, NOTE_MAX)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> AppointmentForm {
        AppointmentForm {
            kind: "supervision".into(),
            date: "2027-03-22".into(),
            time: "10:30".into(),
            duration_min: "45".into(),
            place: "Northbridge office".into(),
            repeat: "weekly".into(),
            repeat_count: "3".into(),
            ..Default::default()
        }
    }

    fn appointment(d: AppointmentDraft) -> Appointment {
        Appointment { case_id: CaseId(1), ..Appointment::from_draft(AppointmentId(1), &d) }
    }

    #[test]
    fn weekly_repeats_keep_local_time_across_the_march_clock_change() {
        let now: Timestamp = "2027-01-01T00:00:00Z".parse().unwrap();
        let a = appointment(form().check(now, true).unwrap());
        let starts: Vec<String> = a.occurrences().iter().map(|t| t.to_string()).collect();
        // 22 March is GMT (10:30Z); clocks go forward on 28 March 2027; 29 March is BST (09:30Z).
        assert_eq!(starts, ["2027-03-22T10:30:00Z", "2027-03-29T09:30:00Z", "2027-04-05T09:30:00Z"]);
    }

    #[test]
    fn weekly_repeats_keep_local_time_across_the_october_clock_change() {
        let now: Timestamp = "2027-01-01T00:00:00Z".parse().unwrap();
        let october = AppointmentForm { date: "2027-10-25".into(), ..form() };
        let a = appointment(october.check(now, true).unwrap());
        let starts: Vec<String> = a.occurrences().iter().map(|t| t.to_string()).collect();
        // 25 October is BST (09:30Z); clocks go back on Sunday 31 October 2027, the last
        // Sunday of October; 1 November is GMT (10:30Z). 10:30 stays 10:30 for the person.
        assert_eq!(starts, ["2027-10-25T09:30:00Z", "2027-11-01T10:30:00Z", "2027-11-08T10:30:00Z"]);
        let local: Vec<String> = a
            .occurrences()
            .iter()
            .map(|t| t.to_zoned(crate::format::london()).time().strftime("%H:%M").to_string())
            .collect();
        assert_eq!(local, ["10:30"; 3]);
        let fortnightly = AppointmentForm { date: "2027-10-25".into(), repeat: "fortnightly".into(), ..form() };
        let starts: Vec<String> =
            appointment(fortnightly.check(now, true).unwrap()).occurrences().iter().map(|t| t.to_string()).collect();
        assert_eq!(starts, ["2027-10-25T09:30:00Z", "2027-11-08T10:30:00Z", "2027-11-22T10:30:00Z"]);
    }

    #[test]
    fn lengths_that_are_not_minutes_are_refused_plainly() {
        let now: Timestamp = "2027-01-01T00:00:00Z".parse().unwrap();
        for (typed, says) in [
            ("0", "An appointment lasts between 5 and 600 minutes."),
            ("-5", "An appointment lasts between 5 and 600 minutes."),
            ("601", "An appointment lasts between 5 and 600 minutes."),
            ("99999999999999999999", "Enter how long it lasts, in minutes."),
            ("half an hour", "Enter how long it lasts, in minutes."),
            ("1.5", "Enter how long it lasts, in minutes."),
        ] {
            let e = AppointmentForm { duration_min: typed.into(), ..form() }.check(now, true).unwrap_err();
            assert_eq!((e.field(), e.to_string().as_str()), (Some("duration_min"), says), "{typed}");
        }
        let ok = AppointmentForm { duration_min: " 5 ".into(), ..form() }.check(now, true).unwrap();
        assert_eq!(ok.duration_min, 5);
    }

    #[test]
    fn a_new_place_room_or_kind_is_told_in_plain_words() {
        let now: Timestamp = "2027-01-01T00:00:00Z".parse().unwrap();
        let mut a = appointment(form().check(now, true).unwrap());
        assert_eq!(a.change_notice(), None, "nothing changed yet");
        let moved = AppointmentForm { place: "12 High Street".into(), room: "Room 3".into(), ..form() };
        let draft = moved.check(now, false).unwrap();
        a.earlier = a.earlier.after_change(&a, &draft);
        a.place = draft.place.clone();
        a.room = draft.room.clone();
        assert_eq!(
            a.change_notice().as_deref(),
            Some("This has changed: it is now at 12 High Street, Room 3 (it was at Northbridge office).")
        );
        // A later change of kind keeps the place change and adds the kind.
        let kind = AppointmentForm { kind: "job_centre".into(), ..moved };
        let draft = kind.check(now, false).unwrap();
        a.earlier = a.earlier.after_change(&a, &draft);
        a.kind = draft.kind;
        assert_eq!(
            a.change_notice().as_deref(),
            Some(
                "This has changed: it is now at 12 High Street, Room 3 (it was at Northbridge office). \
                 It is now for: Job centre (it was for: Probation meeting)."
            )
        );
        // Moved back: the person is told, from the place they last saw.
        let back = AppointmentForm { kind: "job_centre".into(), ..form() };
        let draft = back.check(now, false).unwrap();
        a.earlier = a.earlier.after_change(&a, &draft);
        a.place = draft.place;
        a.room = draft.room;
        assert_eq!(
            a.change_notice().as_deref(),
            Some(
                "This has changed: it is now at Northbridge office (it was at 12 High Street, Room 3). \
                 It is now for: Job centre (it was for: Probation meeting)."
            )
        );
    }

    #[test]
    fn bad_forms_name_the_field() {
        let now: Timestamp = "2027-01-01T00:00:00Z".parse().unwrap();
        let past = AppointmentForm { date: "2026-12-01".into(), ..form() };
        assert_eq!(past.check(now, true).unwrap_err().field(), Some("date"));
        assert!(past.check(now, false).is_ok(), "an existing one may be in the past");
        let long = AppointmentForm { notes: "x".repeat(50_000), ..form() };
        assert_eq!(long.check(now, true).unwrap_err().field(), Some("notes"));
        let gap = AppointmentForm { date: "2027-03-28".into(), time: "01:30".into(), ..form() };
        assert!(gap.check(now, true).is_ok(), "a time in the spring gap is moved, not refused");
        for (f, bad) in [
            ("time", AppointmentForm { time: "25:00".into(), ..form() }),
            ("place", AppointmentForm { place: " ".into(), ..form() }),
            ("kind", AppointmentForm { kind: "party".into(), ..form() }),
            ("repeat_count", AppointmentForm { repeat_count: "99".into(), ..form() }),
        ] {
            assert_eq!(bad.check(now, true).unwrap_err().field(), Some(f));
        }
    }
}
