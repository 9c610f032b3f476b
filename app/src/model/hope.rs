//! The hope corner: needs, services after Open Referral UK, and "open now" in UK time.

use super::place::Coordinates;
use super::ServiceId;
use crate::format::weekday_name;
pub use crate::format::WEEKDAYS;
use jiff::civil::{Date, Time, Weekday};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// What a person is looking for. The keys are stored and used in links.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Need {
    Food,
    Clothing,
    SomewhereToStay,
    MoneyAndDebt,
    Benefits,
    IdDocuments,
    Health,
    DrugsAndAlcohol,
    Work,
    Training,
    FamilyAndRelationships,
    SomeoneToTalkTo,
    Families,
}

impl Need {
    pub const ALL: [Need; 13] = [
        Need::Food,
        Need::Clothing,
        Need::SomewhereToStay,
        Need::MoneyAndDebt,
        Need::Benefits,
        Need::IdDocuments,
        Need::Health,
        Need::DrugsAndAlcohol,
        Need::Work,
        Need::Training,
        Need::FamilyAndRelationships,
        Need::SomeoneToTalkTo,
        Need::Families,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Need::Food => "food",
            Need::Clothing => "clothing",
            Need::SomewhereToStay => "somewhere_to_stay",
            Need::MoneyAndDebt => "money_and_debt",
            Need::Benefits => "benefits",
            Need::IdDocuments => "id_documents",
            Need::Health => "health",
            Need::DrugsAndAlcohol => "drugs_and_alcohol",
            Need::Work => "work",
            Need::Training => "training",
            Need::FamilyAndRelationships => "family_and_relationships",
            Need::SomeoneToTalkTo => "someone_to_talk_to",
            Need::Families => "families",
        }
    }

    pub fn parse(s: &str) -> Option<Need> {
        Need::ALL.into_iter().find(|n| n.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Need::Food => "Food",
            Need::Clothing => "Clothes",
            Need::SomewhereToStay => "Somewhere to stay",
            Need::MoneyAndDebt => "Money and debt",
            Need::Benefits => "Benefits",
            Need::IdDocuments => "ID documents",
            Need::Health => "Health and mental health",
            Need::DrugsAndAlcohol => "Drugs and alcohol",
            Need::Work => "Work",
            Need::Training => "Training and learning",
            Need::FamilyAndRelationships => "Family and relationships",
            Need::SomeoneToTalkTo => "Someone to talk to",
            Need::Families => "Help for families",
        }
    }
}

/// One opening: a weekday and the hours, in UK time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Opening {
    #[serde(with = "weekday_number")]
    pub weekday: Weekday,
    pub opens: Time,
    pub closes: Time,
}

/// A weekday as 1 (Monday) to 7 (Sunday), as Open Referral UK and the store keep it.
mod weekday_number {
    use jiff::civil::Weekday;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(d: &Weekday, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_i8(d.to_monday_one_offset())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Weekday, D::Error> {
        let n = i8::deserialize(d)?;
        Weekday::from_monday_one_offset(n).map_err(serde::de::Error::custom)
    }
}

/// When a service is open: always, at set times (less the office's bank holidays), or not known.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Schedule {
    pub always_open: bool,
    pub openings: Vec<Opening>,
    pub closed_on: Vec<Date>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum OpenNow {
    AlwaysOpen,
    Open {
        until: Time,
    },
    /// Closed now; the next opening, if there is one in the coming week.
    Closed {
        bank_holiday: bool,
        next: Option<(Date, Time)>,
    },
    Unknown,
}

impl Schedule {
    /// Open now? Worked out in UK time, so 10 am is 10 am in summer and winter.
    pub fn open_now(&self, now: Timestamp) -> OpenNow {
        if self.always_open {
            return OpenNow::AlwaysOpen;
        }
        if self.openings.is_empty() {
            return OpenNow::Unknown;
        }
        let local = now.to_zoned(crate::format::london());
        let (today, time) = (local.date(), local.time());
        let bank_holiday = self.closed_on.contains(&today);
        if !bank_holiday {
            if let Some(o) = self.on(today).find(|o| o.opens <= time && time < o.closes) {
                return OpenNow::Open { until: o.closes };
            }
        }
        let next = (0..8i64)
            .filter_map(|d| today.checked_add(jiff::Span::new().days(d)).ok())
            .filter(|day| !self.closed_on.contains(day))
            .find_map(|day| {
                let mut times: Vec<Time> =
                    self.on(day).map(|o| o.opens).filter(|opens| day != today || *opens > time).collect();
                times.sort();
                times.first().map(|t| (day, *t))
            });
        OpenNow::Closed { bank_holiday, next }
    }

    fn on(&self, day: Date) -> impl Iterator<Item = &Opening> {
        self.openings.iter().filter(move |o| o.weekday == day.weekday())
    }

    /// "Monday: 10 am to 1 pm", one line per opening, Monday first.
    pub fn lines(&self) -> Vec<String> {
        let mut list = self.openings.clone();
        list.sort_by_key(|o| (o.weekday.to_monday_one_offset(), o.opens));
        list.iter()
            .map(|o| format!("{}: {} to {}", weekday_name(o.weekday), time_words(o.opens), time_words(o.closes)))
            .collect()
    }
}

impl OpenNow {
    /// "Open now, until 1 pm." and the like.
    pub fn words(self, now: Timestamp) -> String {
        let today = now.to_zoned(crate::format::london()).date();
        match self {
            OpenNow::AlwaysOpen => "Open all day and night.".into(),
            OpenNow::Open { until } => format!("Open now, until {}.", time_words(until)),
            OpenNow::Closed { bank_holiday, next } => {
                let why = if bank_holiday { "Closed today for the bank holiday." } else { "Closed now." };
                match next {
                    Some((day, at)) => {
                        let day = match crate::format::day(day, today) {
                            d if d == "Today" || d == "Tomorrow" => d.to_lowercase(),
                            d => format!("on {d}"),
                        };
                        format!("{why} Opens {day} at {}.", time_words(at))
                    }
                    None => why.into(),
                }
            }
            OpenNow::Unknown => "Call to check when it is open.".into(),
        }
    }

    pub fn is_open(self) -> bool {
        matches!(self, OpenNow::AlwaysOpen | OpenNow::Open { .. })
    }
}

/// "10 am", "6:30 pm", "12 noon".
pub fn time_words(t: Time) -> String {
    if t.hour() == 12 && t.minute() == 0 {
        return "12 noon".into();
    }
    crate::format::clock_time(t)
}

/// What the list page asks for: all optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HopeFilter {
    pub need: Option<Need>,
    pub words: Option<String>,
    pub area: Option<String>,
    /// Where the person is, to two decimals (about 1 km): local help nearest first.
    /// Used for this one answer; never stored or logged.
    pub near: Option<Coordinates>,
}

/// One service, everything a person needs to decide and to go.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Service {
    pub id: ServiceId,
    pub name: String,
    pub description: String,
    pub need: Option<Need>,
    pub who_for: Option<String>,
    pub free: Option<bool>,
    pub referral: Option<bool>,
    pub phone: Option<String>,
    pub website: Option<String>,
    pub address: Option<String>,
    pub email: Option<String>,
    /// Where it is, when known (for "nearest first").
    pub coordinates: Option<Coordinates>,
    /// The office area it serves; `None` for national helplines.
    pub area: Option<String>,
    pub demo: bool,
    pub checked_on: Date,
    pub schedule: Schedule,
}

impl Service {
    pub fn national(&self) -> bool {
        self.area.is_none()
    }

    /// Miles from `near`, when both places are known.
    pub fn miles_from(&self, near: Option<Coordinates>) -> Option<f64> {
        near.zip(self.coordinates).map(|(near, here)| near.miles_to(here))
    }
}

/// The hope corner's list: what matched, and what can be chosen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HopeList {
    pub services: Vec<Service>,
    pub areas: Vec<String>,
    /// Set when local help is sorted nearest first (from this rough point).
    pub near: Option<Coordinates>,
}

/// Local services nearest first; those with no place known last, by name.
/// (National helplines have no distance and keep their place.)
/// Words someone afraid of a person might search with (issue 16.4): the
/// hope corner then points them to `/hope/safety` first, whatever else matches.
const FEAR_WORDS: &[&str] = &[
    "abuse",
    "abused",
    "abuser",
    "abusive",
    "afraid",
    "attack",
    "beat",
    "beaten",
    "bruise",
    "control",
    "controlling",
    "danger",
    "dangerous",
    "domestic",
    "fear",
    "frightened",
    "harm",
    "hit",
    "hits",
    "hurt",
    "hurting",
    "refuge",
    "safe",
    "safety",
    "scared",
    "stalking",
    "terrified",
    "threat",
    "threatened",
    "unsafe",
    "victim",
    "violence",
    "violent",
];

/// Whether a search speaks of fear of someone: any of its words, in any case.
pub fn speaks_of_fear(words: &str) -> bool {
    words
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .map(|w| w.trim_matches('\'').to_lowercase())
        .any(|w| FEAR_WORDS.contains(&w.as_str()))
}

pub fn sort_nearest_first(services: &mut [Service], near: Coordinates) {
    services.sort_by(|a, b| {
        let key = |s: &Service| (s.national(), s.miles_from(Some(near)));
        match (key(a), key(b)) {
            ((true, _), (true, _)) => std::cmp::Ordering::Equal,
            ((true, _), _) => std::cmp::Ordering::Less,
            (_, (true, _)) => std::cmp::Ordering::Greater,
            ((_, Some(x)), (_, Some(y))) => x.total_cmp(&y),
            ((_, Some(_)), (_, None)) => std::cmp::Ordering::Less,
            ((_, None), (_, Some(_))) => std::cmp::Ordering::Greater,
            ((_, None), (_, None)) => a.name.to_lowercase().cmp(&b.name.to_lowercase()),
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::{date, time};

    #[test]
    fn searches_that_speak_of_fear_are_known() {
        for q in ["scared", "I am AFRAID of him", "victim", "violent partner", "domestic abuse", "he hits me"] {
            assert!(super::speaks_of_fear(q), "{q}");
        }
        for q in ["food", "bank account", "scarf", "hitchin", ""] {
            assert!(!super::speaks_of_fear(q), "{q}");
        }
    }

    fn food_bank() -> Schedule {
        Schedule {
            always_open: false,
            openings: vec![
                Opening { weekday: Weekday::Monday, opens: time(10, 0, 0, 0), closes: time(13, 0, 0, 0) },
                Opening { weekday: Weekday::Saturday, opens: time(10, 0, 0, 0), closes: time(13, 0, 0, 0) },
            ],
            closed_on: vec![date(2026, 12, 28)],
        }
    }

    fn at(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    #[test]
    fn open_now_is_worked_out_in_uk_time_across_clock_changes() {
        let s = food_bank();
        // Summer (BST, UTC+1): 09:30 UTC is 10:30 in London, so open.
        assert_eq!(s.open_now(at("2026-03-30T09:30:00Z")), OpenNow::Open { until: time(13, 0, 0, 0) });
        // Winter (GMT): 09:30 UTC is 09:30 in London, so not yet.
        let closed = s.open_now(at("2026-11-23T09:30:00Z"));
        assert_eq!(
            closed,
            OpenNow::Closed { bank_holiday: false, next: Some((date(2026, 11, 23), time(10, 0, 0, 0))) }
        );
        assert_eq!(closed.words(at("2026-11-23T09:30:00Z")), "Closed now. Opens today at 10 am.");
        // Saturday 24 October 2026 is still BST; the clocks go back on Sunday 25th.
        assert!(s.open_now(at("2026-10-24T11:30:00Z")).is_open(), "12:30 pm BST");
        assert!(!s.open_now(at("2026-10-24T12:30:00Z")).is_open(), "1:30 pm BST");
        assert!(s.open_now(at("2026-10-26T12:30:00Z")).is_open(), "12:30 pm GMT, the Monday after");
    }

    #[test]
    fn bank_holidays_close_a_service_and_point_to_the_next_opening() {
        let s = food_bank();
        let monday = at("2026-12-28T11:00:00Z");
        let closed = s.open_now(monday);
        assert_eq!(closed, OpenNow::Closed { bank_holiday: true, next: Some((date(2027, 1, 2), time(10, 0, 0, 0))) });
        assert_eq!(
            closed.words(monday),
            "Closed today for the bank holiday. Opens on Saturday 2 January 2027 at 10 am."
        );
    }

    #[test]
    fn helplines_and_unknown_hours() {
        let always = Schedule { always_open: true, ..Schedule::default() };
        assert_eq!(
            always.open_now(at("2026-12-25T03:00:00Z")).words(at("2026-12-25T03:00:00Z")),
            "Open all day and night."
        );
        assert_eq!(Schedule::default().open_now(Timestamp::UNIX_EPOCH), OpenNow::Unknown);
        assert_eq!(food_bank().lines(), vec!["Monday: 10 am to 1 pm", "Saturday: 10 am to 1 pm"]);
        assert_eq!(time_words(time(12, 0, 0, 0)), "12 noon");
        assert_eq!(time_words(time(18, 30, 0, 0)), "6:30 pm");
    }
}

impl HopeFilter {
    /// Read the page's address (`?need=…&q=…&area=…&lat=…&lon=…`); empty means "any".
    pub fn from_query(
        need: &str,
        words: &str,
        area: &str,
        lat: &str,
        lon: &str,
    ) -> Result<HopeFilter, crate::error::AppError> {
        use crate::error::AppError;
        let need = match need.trim() {
            "" => None,
            n => Some(Need::parse(n).ok_or_else(|| AppError::invalid("need", "Choose a need from the list."))?),
        };
        let words = words.trim();
        if words.chars().count() > 100 {
            return Err(AppError::invalid("q", "Keep your search to 100 characters or fewer."));
        }
        let area = area.trim();
        let near = Coordinates::from_typed(lat, lon, ("lat", "lon")).map_err(|_| {
            let numbers = [lat, lon].iter().all(|v| v.trim().parse::<f64>().is_ok_and(f64::is_finite));
            AppError::invalid(
                "lat",
                if numbers {
                    "Nearest first works for places in the UK only. Sort the list by name instead."
                } else {
                    "We could not read where you are. Try again, or sort the list by name."
                },
            )
        })?;
        Ok(HopeFilter {
            need,
            words: (!words.is_empty()).then(|| words.to_owned()),
            area: (!area.is_empty()).then(|| area.to_owned()),
            near: near.map(Coordinates::rough),
        })
    }
}

/// A service as an office admin curates it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CuratedService {
    pub service: Service,
    pub hidden: bool,
    /// Not checked for six months: flagged to the admin.
    pub stale: bool,
    /// Whether the one asking may change it (a national helpline: national admins only).
    pub may_change: bool,
}

/// What an admin does to a service from the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Curate {
    CheckedToday,
    Hide,
    Show,
}

impl Curate {
    pub fn parse(s: &str) -> Option<Curate> {
        match s {
            "checked" => Some(Curate::CheckedToday),
            "hide" => Some(Curate::Hide),
            "show" => Some(Curate::Show),
            _ => None,
        }
    }
}

/// Checked more than six months before `today`.
pub fn is_stale(checked_on: Date, today: Date) -> bool {
    today.checked_sub(jiff::Span::new().months(6)).is_ok_and(|limit| checked_on < limit)
}

#[cfg(test)]
mod stale_tests {
    use jiff::civil::date;

    #[test]
    fn six_months_unchecked_is_stale() {
        let today = date(2026, 11, 22);
        assert!(!super::is_stale(date(2026, 5, 22), today));
        assert!(super::is_stale(date(2026, 5, 21), today));
    }
}

/// An office admin's service form, as posted (all strings).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceForm {
    pub name: String,
    pub description: String,
    pub need: String,
    pub who_for: String,
    /// "yes", "no" or "" (not known).
    pub free: String,
    pub referral: String,
    pub phone: String,
    pub website: String,
    pub address: String,
    #[serde(default)]
    pub email: String,
    /// Decimal degrees, like 51.4545 and -2.5879; both or neither.
    #[serde(default)]
    pub latitude: String,
    #[serde(default)]
    pub longitude: String,
    /// "on" when ticked.
    #[serde(default)]
    pub always_open: String,
    /// Monday to Sunday, each like "10:00-13:00" (several with commas) or empty.
    pub hours: [String; 7],
}

/// A checked service, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceDraft {
    pub name: String,
    pub description: String,
    pub need: Need,
    pub who_for: Option<String>,
    pub free: Option<bool>,
    pub referral: Option<bool>,
    pub phone: Option<String>,
    pub website: Option<String>,
    pub address: Option<String>,
    pub email: Option<String>,
    pub coordinates: Option<Coordinates>,
    pub always_open: bool,
    pub openings: Vec<Opening>,
}

impl ServiceForm {
    /// From a stored service, to edit it.
    pub fn from_service(s: &Service) -> ServiceForm {
        let yes_no = |b: Option<bool>| b.map(|b| if b { "yes" } else { "no" }).unwrap_or_default().to_owned();
        let mut hours: [String; 7] = Default::default();
        for (i, day) in WEEKDAYS.into_iter().enumerate() {
            hours[i] = s
                .schedule
                .openings
                .iter()
                .filter(|o| o.weekday == day)
                .map(|o| format!("{}-{}", o.opens.strftime("%H:%M"), o.closes.strftime("%H:%M")))
                .collect::<Vec<_>>()
                .join(", ");
        }
        ServiceForm {
            name: s.name.clone(),
            description: s.description.clone(),
            need: s.need.map(|n| n.as_str().to_owned()).unwrap_or_default(),
            who_for: s.who_for.clone().unwrap_or_default(),
            free: yes_no(s.free),
            referral: yes_no(s.referral),
            phone: s.phone.clone().unwrap_or_default(),
            website: s.website.clone().unwrap_or_default(),
            address: s.address.clone().unwrap_or_default(),
            email: s.email.clone().unwrap_or_default(),
            latitude: s.coordinates.map(|c| c.lat().to_string()).unwrap_or_default(),
            longitude: s.coordinates.map(|c| c.lon().to_string()).unwrap_or_default(),
            always_open: if s.schedule.always_open { "on".into() } else { String::new() },
            hours,
        }
    }

    /// What was typed, to refill the form after an error.
    pub fn kept(&self) -> Vec<(String, String)> {
        let mut kept: Vec<(String, String)> = [
            ("name", &self.name),
            ("description", &self.description),
            ("need", &self.need),
            ("who_for", &self.who_for),
            ("free", &self.free),
            ("referral", &self.referral),
            ("phone", &self.phone),
            ("website", &self.website),
            ("address", &self.address),
            ("email", &self.email),
            ("latitude", &self.latitude),
            ("longitude", &self.longitude),
            ("always_open", &self.always_open),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.clone()))
        .collect();
        kept.extend(self.hours.iter().enumerate().map(|(i, h)| (format!("hours-{i}"), h.clone())));
        kept
    }

    /// Check every field; the first bad one is named with what to do.
    pub fn check(&self) -> Result<ServiceDraft, crate::error::AppError> {
        use crate::error::AppError;
        let text = |field: &str, value: &str, max: usize, what: &str, required: bool| {
            let v = value.trim();
            if required && v.is_empty() {
                return Err(AppError::invalid(field, format!("Write {what}.")));
            }
            if v.chars().count() > max {
                return Err(AppError::invalid(field, format!("Keep {what} to {max} characters or fewer.")));
            }
            Ok((!v.is_empty()).then(|| v.to_owned()))
        };
        let name = text("name", &self.name, 120, "the name", true)?.unwrap_or_default();
        let description = text("description", &self.description, 500, "what it offers", true)?.unwrap_or_default();
        let need =
            Need::parse(self.need.trim()).ok_or_else(|| AppError::invalid("need", "Choose what need it meets."))?;
        let who_for = text("who_for", &self.who_for, 300, "who it is for", false)?;
        let yes_no = |field: &str, value: &str| match value.trim() {
            "yes" => Ok(Some(true)),
            "no" => Ok(Some(false)),
            "" => Ok(None),
            _ => Err(AppError::invalid(field, "Choose yes, no or not known.")),
        };
        let free = yes_no("free", &self.free)?;
        let referral = yes_no("referral", &self.referral)?;
        let phone = text("phone", &self.phone, 20, "the phone number", false)?;
        if let Some(p) = &phone {
            let digits = p.chars().filter(char::is_ascii_digit).count();
            if digits < 3 || !p.chars().all(|c| c.is_ascii_digit() || " +()-".contains(c)) {
                return Err(AppError::invalid("phone", "Write the phone number in digits, like 0808 808 2003."));
            }
        }
        let website = text("website", &self.website, 200, "the website", false)?;
        if let Some(w) = &website {
            if !(w.starts_with("https://") || w.starts_with("http://")) || w.contains(char::is_whitespace) {
                return Err(AppError::invalid("website", "Write the full website address, starting https://"));
            }
        }
        let address = text("address", &self.address, 200, "the address", false)?;
        let email = text("email", &self.email, 200, "the email address", false)?;
        if let Some(e) = &email {
            let (user, domain) = e.split_once('@').unwrap_or_default();
            if user.is_empty() || !domain.contains('.') || e.contains(char::is_whitespace) {
                return Err(AppError::invalid("email", "Write the email address in full, like help@example.org"));
            }
        }
        let coordinates = Coordinates::from_typed(&self.latitude, &self.longitude, ("latitude", "longitude"))?;
        let mut openings = Vec::new();
        for (i, day) in WEEKDAYS.into_iter().enumerate() {
            for range in self.hours[i].split(',').map(str::trim).filter(|r| !r.is_empty()) {
                let bad = || {
                    AppError::invalid(
                        &format!("hours-{i}"),
                        format!("Write {}'s hours like 10:00-13:00, or leave it empty.", weekday_name(day)),
                    )
                };
                let (opens, closes) = range.split_once('-').ok_or_else(bad)?;
                let opens: Time = opens.trim().parse().map_err(|_| bad())?;
                let closes: Time = closes.trim().parse().map_err(|_| bad())?;
                if closes <= opens {
                    return Err(AppError::invalid(
                        &format!("hours-{i}"),
                        format!("On {} the closing time must be after the opening time.", weekday_name(day)),
                    ));
                }
                openings.push(Opening { weekday: day, opens, closes });
            }
        }
        Ok(ServiceDraft {
            name,
            description,
            need,
            who_for,
            free,
            referral,
            phone,
            website,
            address,
            email,
            coordinates,
            always_open: self.always_open == "on",
            openings,
        })
    }
}

#[cfg(test)]
mod form_tests {
    use super::*;

    fn good() -> ServiceForm {
        ServiceForm {
            name: "Hill Street Pantry".into(),
            description: "Food you can take home.".into(),
            need: "food".into(),
            phone: "01234 567890".into(),
            website: "https://pantry.example".into(),
            hours: [
                "10:00-13:00, 14:00-16:00".into(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
            ],
            ..ServiceForm::default()
        }
    }

    #[test]
    fn a_good_form_becomes_a_draft_and_back() {
        let draft = good().check().unwrap();
        assert_eq!(draft.openings.len(), 2);
        assert_eq!(draft.need, Need::Food);
    }

    #[test]
    fn each_bad_field_is_named_with_what_to_do() {
        let cases: Vec<(Box<dyn Fn(&mut ServiceForm)>, &str, &str)> = vec![
            (Box::new(|f| f.name = " ".into()), "name", "Write the name."),
            (Box::new(|f| f.need = "unicorns".into()), "need", "Choose what need it meets."),
            (
                Box::new(|f| f.phone = "call us".into()),
                "phone",
                "Write the phone number in digits, like 0808 808 2003.",
            ),
            (
                Box::new(|f| f.website = "pantry.example".into()),
                "website",
                "Write the full website address, starting https://",
            ),
            (
                Box::new(|f| f.hours[2] = "10-1".into()),
                "hours-2",
                "Write Wednesday's hours like 10:00-13:00, or leave it empty.",
            ),
            (
                Box::new(|f| f.hours[6] = "13:00-10:00".into()),
                "hours-6",
                "On Sunday the closing time must be after the opening time.",
            ),
            (Box::new(|f| f.free = "maybe".into()), "free", "Choose yes, no or not known."),
            (
                Box::new(|f| f.email = "help at pantry".into()),
                "email",
                "Write the email address in full, like help@example.org",
            ),
            (
                Box::new(|f| (f.latitude, f.longitude) = ("51.45".into(), "east".into())),
                "longitude",
                "Write the longitude as a number, like -2.5879.",
            ),
            (
                Box::new(|f| (f.latitude, f.longitude) = ("40.7".into(), "-74.0".into())),
                "latitude",
                "That latitude is not in the UK. UK values are between 49.8 and 60.9.",
            ),
            (Box::new(|f| f.latitude = "51.45".into()), "longitude", "Give the longitude too, or leave both empty."),
        ];
        for (spoil, field, message) in cases {
            let mut f = good();
            spoil(&mut f);
            let e = f.check().unwrap_err();
            assert_eq!((e.field(), e.to_string().as_str()), (Some(field), message));
        }
    }
}

/// A service on a person's "my list".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedService {
    pub id: ServiceId,
    pub name: String,
    /// The practitioner who recommended it; `None` when the person saved it.
    pub recommended_by: Option<String>,
}
