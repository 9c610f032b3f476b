//! A reporting condition ("Report to staff at Northbridge Police Station at
//! 10am daily") as what it means for the person: where to go, at what times,
//! on which days — and so the next times to go, like appointments.
//!
//! Read from the condition's details by the catalogue's input names, which are
//! the same in policy 3.0 and 4.0 (both reporting conditions share them).

use super::catalogue::{time_words, Details};
use jiff::civil::{Time, Weekday};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// Which days a person reports on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReportDays {
    Daily,
    Weekdays,
    /// The practitioner's own words ("every Tuesday and Thursday"): shown as written, not counted.
    Other(String),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reporting {
    pub place: String,
    pub times: Vec<Time>,
    pub days: ReportDays,
}

fn first<'a>(details: &'a Details, name: &str) -> Option<&'a str> {
    details.get(name).and_then(|v| v.first()).map(String::as_str).filter(|s| !s.trim().is_empty())
}

/// How far ahead "next times" look: a fortnight covers any weekly pattern.
const LOOK_AHEAD_DAYS: i16 = 14;

impl Reporting {
    /// `None` unless the details are a reporting condition's, with a time to report.
    pub fn from_details(details: &Details) -> Option<Reporting> {
        let days = match first(details, "reportingFrequency")? {
            "Daily" => ReportDays::Daily,
            "Monday to Friday" => ReportDays::Weekdays,
            _ => ReportDays::Other(first(details, "alternativeReportingFrequency")?.to_owned()),
        };
        let place = match (first(details, "policeStation"), first(details, "approvedPremises")) {
            (Some(station), _) => station.to_owned(),
            (None, Some(premises)) => premises.to_owned(),
            (None, None) => "the approved premises where you live".to_owned(),
        };
        let mut times: Vec<Time> = ["reportingTime", "reportingTime1", "reportingTime2"]
            .into_iter()
            .filter_map(|n| first(details, n)?.parse().ok())
            .collect();
        times.sort();
        times.dedup();
        (!times.is_empty()).then_some(Reporting { place, times, days })
    }

    fn reports_on(&self, day: Weekday) -> bool {
        match &self.days {
            ReportDays::Daily => true,
            ReportDays::Weekdays => !matches!(day, Weekday::Saturday | Weekday::Sunday),
            ReportDays::Other(_) => false,
        }
    }

    /// "10am and 6pm".
    pub fn time_words(&self) -> String {
        let words: Vec<String> = self.times.iter().map(|t| time_words(&t.strftime("%H:%M").to_string())).collect();
        words.join(" and ")
    }

    /// The whole rule in one plain sentence.
    pub fn words(&self) -> String {
        let when = match &self.days {
            ReportDays::Daily => "every day".to_owned(),
            ReportDays::Weekdays => "Monday to Friday".to_owned(),
            ReportDays::Other(words) => words.clone(),
        };
        format!("Report to {} at {}, {when}.", self.place, self.time_words())
    }

    /// The next times to report after `now`, in UK time (a clock change keeps
    /// 10am at 10am). Empty for days in the practitioner's own words.
    pub fn next(&self, now: Timestamp, count: usize) -> Vec<Timestamp> {
        let tz = crate::format::london();
        let today = now.to_zoned(tz.clone()).date();
        let mut out = Vec::new();
        for offset in 0..LOOK_AHEAD_DAYS {
            let Ok(day) = today.checked_add(jiff::Span::new().days(offset)) else { break };
            if !self.reports_on(day.weekday()) {
                continue;
            }
            for t in &self.times {
                let Ok(at) = day.to_datetime(*t).to_zoned(tz.clone()) else { continue };
                if at.timestamp() > now {
                    out.push(at.timestamp());
                }
                if out.len() == count {
                    return out;
                }
            }
        }
        out
    }

    /// What the rule means today, for the top of its card.
    pub fn today_words(&self, now: Timestamp) -> String {
        let weekday = now.to_zoned(crate::format::london()).weekday();
        match &self.days {
            ReportDays::Other(words) => format!("Report to {} at {}, {words}.", self.place, self.time_words()),
            _ if self.reports_on(weekday) => format!("Report to {} today at {}.", self.place, self.time_words()),
            _ => format!("No reporting today. Next: Monday at {}, at {}.", self.time_words(), self.place),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn details(pairs: &[(&str, &str)]) -> Details {
        pairs.iter().map(|(k, v)| ((*k).to_owned(), vec![(*v).to_owned()])).collect()
    }

    fn at(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    #[test]
    fn a_police_station_twice_a_day_on_weekdays() {
        let r = Reporting::from_details(&details(&[
            ("policeStation", "Northbridge Police Station"),
            ("reportingFrequency", "Monday to Friday"),
            ("numberOfReportingTimes", "Twice a day"),
            ("reportingTime1", "18:00"),
            ("reportingTime2", "10:00"),
        ]))
        .unwrap();
        assert_eq!(r.words(), "Report to Northbridge Police Station at 10am and 6pm, Monday to Friday.");
        // Friday 27 November 2026, noon UK time: 6pm today, then Monday.
        let next = r.next(at("2026-11-27T12:00:00Z"), 3);
        assert_eq!(next, vec![at("2026-11-27T18:00:00Z"), at("2026-11-30T10:00:00Z"), at("2026-11-30T18:00:00Z")]);
        assert_eq!(
            r.today_words(at("2026-11-28T12:00:00Z")),
            "No reporting today. Next: Monday at 10am and 6pm, at Northbridge Police Station."
        );
        assert_eq!(
            r.today_words(at("2026-11-27T12:00:00Z")),
            "Report to Northbridge Police Station today at 10am and 6pm."
        );
    }

    #[test]
    fn daily_reporting_keeps_its_local_time_across_the_clock_changes() {
        let r = Reporting::from_details(&details(&[
            ("addressOrGeneric", "The approved premises where you reside"),
            ("reportingFrequency", "Daily"),
            ("reportingTime", "10:00"),
        ]))
        .unwrap();
        assert_eq!(r.place, "the approved premises where you live");
        // Clocks go forward on Sunday 28 March 2027: 10am is 10:00 GMT, then 09:00 UTC.
        let spring = r.next(at("2027-03-27T12:00:00Z"), 2);
        assert_eq!(spring, vec![at("2027-03-28T09:00:00Z"), at("2027-03-29T09:00:00Z")]);
        // Clocks go back on Sunday 25 October 2026: 10am BST is 09:00 UTC, then 10:00 UTC.
        let autumn = r.next(at("2026-10-24T12:00:00Z"), 2);
        assert_eq!(autumn, vec![at("2026-10-25T10:00:00Z"), at("2026-10-26T10:00:00Z")]);
    }

    #[test]
    fn other_days_are_shown_as_written_and_other_conditions_are_not_reporting() {
        let r = Reporting::from_details(&details(&[
            ("policeStation", "Northbridge Police Station"),
            ("reportingFrequency", "Other"),
            ("alternativeReportingFrequency", "every Tuesday"),
            ("reportingTime", "09:30"),
        ]))
        .unwrap();
        assert_eq!(r.words(), "Report to Northbridge Police Station at 9:30am, every Tuesday.");
        assert!(r.next(at("2026-11-27T12:00:00Z"), 3).is_empty());
        assert_eq!(Reporting::from_details(&details(&[("oneCurfewStart", "19:00")])), None);
        assert_eq!(Reporting::from_details(&details(&[("reportingFrequency", "Daily")])), None, "no time, no plan");
    }
}
