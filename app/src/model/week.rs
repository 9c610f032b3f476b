//! The person's next seven days as a picture that reads without words (issue
//! 16.2): curfew hours shaded on each day, appointments and reporting times as
//! marks at their times, today marked. Built on the server from the same data
//! as the pages; drawn by `components::week_picture`.
//!
//! Each day is measured in real time, from its midnight to the next in UK
//! time, so the day the clocks go back has 25 hours and the day they go
//! forward 23: a curfew across a clock change is shaded for the hours it
//! really lasts.

use super::catalogue::{active_inputs, Details, InputType};
use super::reporting::Reporting;
use super::{Appointment, AppointmentKind, ConditionId, Template};
use jiff::civil::{Date, Time};
use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};

pub const DAYS: usize = 7;

/// One curfew window: home from `start` to `end`, every day (overnight when
/// `end` is not after `start`), on the wall clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurfewHours {
    pub start: Time,
    pub end: Time,
}

/// A curfew condition's windows, from its time inputs in pairs (start, end);
/// empty for any other condition.
pub fn curfew_hours(template: &Template, details: &Details) -> Vec<CurfewHours> {
    curfew_times(template, details).into_iter().map(|(s, e)| CurfewHours { start: s.1, end: e.1 }).collect()
}

/// The same, keeping each time as written (for words like "7pm").
pub(super) fn curfew_times(template: &Template, details: &Details) -> Vec<((String, Time), (String, Time))> {
    if !template.category.starts_with("Curfew") {
        return Vec::new();
    }
    let times: Vec<(String, Time)> = active_inputs(&template.inputs, details)
        .into_iter()
        .filter(|i| i.kind == InputType::TimePicker)
        .filter_map(|i| details.get(&i.name)?.first().map(|v| (v.clone(), v.parse().ok())))
        .filter_map(|(raw, t)| Some((raw, t?)))
        .collect();
    times.chunks(2).filter(|c| c.len() == 2).map(|c| (c[0].clone(), c[1].clone())).collect()
}

/// What a mark on the picture stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum MarkKind {
    Appointment(AppointmentKind),
    Reporting,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mark {
    pub kind: MarkKind,
    pub at: Timestamp,
    /// Minutes from the day's start, in real time.
    pub minute: u32,
    /// The page that says more.
    pub href: String,
    /// "Probation at 10:30 am", for the words beside the picture.
    pub words: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Day {
    pub date: Date,
    /// 24, or 23 / 25 on the days the clocks change.
    pub hours: u32,
    /// Minutes from the day's start (real time) when the person must be home.
    pub curfew: Vec<(u32, u32)>,
    /// Where the curfew's rule is, for a tap on the shading.
    pub curfew_href: Option<String>,
    pub marks: Vec<Mark>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Week {
    pub today: Option<Date>,
    /// Minutes into today, for the "now" line.
    pub now_minute: u32,
    pub days: Vec<Day>,
}

/// What the week is built from: the person's curfews, appointments and
/// reporting rules, each with the condition or appointment it comes from.
pub struct WeekData<'a> {
    pub curfews: &'a [(ConditionId, CurfewHours)],
    pub appointments: &'a [Appointment],
    pub reporting: &'a [(ConditionId, Reporting)],
}

fn minutes_between(from: Timestamp, to: Timestamp) -> u32 {
    u32::try_from(to.duration_since(from).as_mins()).unwrap_or(0)
}

fn start_of(date: Date) -> Option<Timestamp> {
    date.to_zoned(crate::format::london()).ok().map(|z| z.timestamp())
}

/// A wall-clock time on a date, as a moment (the later one in a repeated hour,
/// the hour after in a skipped one: jiff's "compatible" choice).
fn at(date: Date, time: Time) -> Option<Timestamp> {
    date.to_datetime(time).to_zoned(crate::format::london()).ok().map(|z| z.timestamp())
}

impl Week {
    /// The seven days from today (UK time) at `now`.
    pub fn build(now: Timestamp, data: &WeekData) -> Week {
        let today = now.to_zoned(crate::format::london()).date();
        let mut days = Vec::with_capacity(DAYS);
        for offset in 0..DAYS as i64 {
            let Ok(date) = today.checked_add(jiff::Span::new().days(offset)) else { break };
            let (Some(from), Some(to)) = (start_of(date), date.tomorrow().ok().and_then(start_of)) else { continue };
            days.push(Day {
                date,
                hours: minutes_between(from, to) / 60,
                curfew: curfew_spans(date, from, to, data.curfews),
                curfew_href: data.curfews.first().map(|(id, _)| format!("/me/licence#c-{id}")),
                marks: marks(from, to, data),
            });
        }
        let now_minute = start_of(today).map(|s| minutes_between(s, now)).unwrap_or(0);
        Week { today: Some(today), now_minute, days }
    }

    /// Whether anything is on the picture at all.
    pub fn is_empty(&self) -> bool {
        self.days.iter().all(|d| d.curfew.is_empty() && d.marks.is_empty())
    }
}

/// Each curfew window that touches the day, clipped to it: the night before's
/// overnight curfew runs into the morning.
fn curfew_spans(date: Date, from: Timestamp, to: Timestamp, curfews: &[(ConditionId, CurfewHours)]) -> Vec<(u32, u32)> {
    let mut spans = Vec::new();
    for (_, c) in curfews {
        let overnight = c.end <= c.start;
        for night in [date.yesterday().ok(), Some(date)].into_iter().flatten() {
            let end_day = if overnight { night.tomorrow().ok() } else { Some(night) };
            let (Some(start), Some(end)) = (at(night, c.start), end_day.and_then(|d| at(d, c.end))) else { continue };
            let (start, end) = (start.max(from), end.min(to));
            if start < end {
                spans.push((minutes_between(from, start), minutes_between(from, end)));
            }
        }
    }
    spans.sort_unstable();
    spans
}

fn marks(from: Timestamp, to: Timestamp, data: &WeekData) -> Vec<Mark> {
    let in_day = |t: &Timestamp| *t >= from && *t < to;
    let clock = |t: Timestamp| crate::format::clock(&t.to_zoned(crate::format::london()));
    let mut marks: Vec<Mark> = data
        .appointments
        .iter()
        .filter(|a| !a.cancelled)
        .flat_map(|a| a.occurrences().into_iter().filter(in_day).map(move |t| (a, t)))
        .map(|(a, t)| Mark {
            kind: MarkKind::Appointment(a.kind),
            at: t,
            minute: minutes_between(from, t),
            href: format!("/me/appointments#a-{}", a.id),
            words: format!("{} at {}", a.kind.label(), clock(t)),
        })
        .collect();
    // Reporting looks a fortnight ahead from the day's start: enough for its one day.
    let before = from.checked_sub(SignedDuration::from_secs(1)).unwrap_or(from);
    for (id, r) in data.reporting {
        for t in r.next(before, 4 * r.times.len().max(1)).into_iter().filter(in_day) {
            marks.push(Mark {
                kind: MarkKind::Reporting,
                at: t,
                minute: minutes_between(from, t),
                href: format!("/me/appointments#r-{id}-h"),
                words: format!("Report to {} at {}", r.place, clock(t)),
            });
        }
    }
    marks.sort_by_key(|m| m.at);
    marks
}

impl Day {
    /// The day in words, for a screen reader and anyone who prefers them:
    /// "Sunday 25 October (the clocks go back: 25 hours). Home from midnight to 7 am and from 7 pm. Probation at 10:30 am."
    pub fn words(&self, today: Date) -> String {
        let mut out = crate::format::day(self.date, today);
        match self.hours {
            25 => out.push_str(" (the clocks go back: 25 hours)"),
            23 => out.push_str(" (the clocks go forward: 23 hours)"),
            _ => {}
        }
        out.push('.');
        let Some(start) = start_of(self.date) else { return out };
        let clock = |m: u32| {
            let t = start.checked_add(SignedDuration::from_mins(i64::from(m))).unwrap_or(start);
            crate::format::clock(&t.to_zoned(crate::format::london()))
        };
        let day_minutes = self.hours * 60;
        let spans: Vec<String> = self
            .curfew
            .iter()
            .map(|&(s, e)| match (s, e) {
                (0, e) if e >= day_minutes => "all day".to_owned(),
                (0, e) => format!("until {}", clock(e)),
                (s, e) if e >= day_minutes => format!("from {}", clock(s)),
                (s, e) => format!("from {} to {}", clock(s), clock(e)),
            })
            .collect();
        if !spans.is_empty() {
            out.push_str(&format!(" Be home {}.", spans.join(" and ")));
        }
        for m in &self.marks {
            out.push_str(&format!(" {}.", m.words));
        }
        if spans.is_empty() && self.marks.is_empty() {
            out.push_str(" Nothing planned.");
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AppointmentId, CaseId, Repeat};

    fn appointment(id: i64, kind: AppointmentKind, starts_at: &str, repeat: Repeat, count: u32) -> Appointment {
        Appointment {
            id: AppointmentId(id),
            case_id: CaseId(1),
            kind,
            starts_at: starts_at.parse().unwrap(),
            duration_min: 30,
            place: "Northbridge Probation Office".into(),
            room: None,
            with_whom: None,
            bring: None,
            notes: None,
            phone: None,
            repeat,
            repeat_count: count,
            cancelled: false,
            cancel_reason: None,
            moved_from: None,
            earlier: Default::default(),
            rsvp: None,
            rsvp_at: None,
            clash_note: None,
        }
    }

    /// The week the clocks go back (Sunday 25 October 2026, 2 am BST → 1 am GMT).
    fn clock_change_week() -> Week {
        let curfews =
            [(ConditionId(4), CurfewHours { start: "19:00".parse().unwrap(), end: "07:00".parse().unwrap() })];
        let appointments = [
            // Monday 26 October, 10:30 GMT; and a weekly one from Friday 23rd at 14:00 BST.
            appointment(1, AppointmentKind::Supervision, "2026-10-26T10:30:00Z", Repeat::Never, 1),
            appointment(2, AppointmentKind::JobCentre, "2026-10-23T13:00:00Z", Repeat::Weekly, 4),
            appointment(3, AppointmentKind::Gp, "2026-11-10T09:00:00Z", Repeat::Never, 1),
        ];
        let reporting = [(
            ConditionId(7),
            Reporting {
                place: "Northbridge Police Station".into(),
                times: vec!["10:00".parse().unwrap()],
                days: crate::model::reporting::ReportDays::Weekdays,
            },
        )];
        let data = WeekData { curfews: &curfews, appointments: &appointments, reporting: &reporting };
        // Thursday 22 October, noon BST.
        Week::build("2026-10-22T11:00:00Z".parse().unwrap(), &data)
    }

    #[test]
    fn seven_days_from_today_and_the_clock_change_day_has_25_hours() {
        let week = clock_change_week();
        assert_eq!(week.days.len(), 7);
        assert_eq!(week.days[0].date, jiff::civil::date(2026, 10, 22));
        assert_eq!(week.now_minute, 12 * 60);
        let hours: Vec<u32> = week.days.iter().map(|d| d.hours).collect();
        assert_eq!(hours, [24, 24, 24, 25, 24, 24, 24]);
    }

    #[test]
    fn the_curfew_is_shaded_for_the_hours_it_really_lasts() {
        let week = clock_change_week();
        // An ordinary day: home until 7 am, and from 7 pm to midnight.
        assert_eq!(week.days[0].curfew, [(0, 7 * 60), (19 * 60, 24 * 60)]);
        // Sunday: midnight to 7 am is 8 real hours (1 am comes twice), 7 pm is 20 hours in.
        let sunday = &week.days[3];
        assert_eq!(sunday.curfew, [(0, 8 * 60), (20 * 60, 25 * 60)]);
        let night: u32 = week.days[2].curfew[1].1 - week.days[2].curfew[1].0 + sunday.curfew[0].1;
        assert_eq!(night, 13 * 60, "Saturday night's curfew lasts 13 hours, not 12");
        assert_eq!(week.days[0].curfew_href.as_deref(), Some("/me/licence#c-4"));
    }

    #[test]
    fn marks_match_the_appointments_and_reporting_at_their_times() {
        let week = clock_change_week();
        let marks: Vec<(Date, MarkKind, u32)> =
            week.days.iter().flat_map(|d| d.marks.iter().map(move |m| (d.date, m.kind, m.minute))).collect();
        let report = |day| (jiff::civil::date(2026, 10, day), MarkKind::Reporting, 10 * 60);
        assert_eq!(
            marks,
            [
                report(22),
                (jiff::civil::date(2026, 10, 23), MarkKind::Reporting, 10 * 60),
                (jiff::civil::date(2026, 10, 23), MarkKind::Appointment(AppointmentKind::JobCentre), 14 * 60),
                // Monday, after the change: 10:30 on the clock.
                report(26),
                (jiff::civil::date(2026, 10, 26), MarkKind::Appointment(AppointmentKind::Supervision), 10 * 60 + 30),
                report(27),
                report(28),
            ],
            "the GP in November is not this week; the weekly job centre is on Fridays only"
        );
        assert_eq!(week.days[4].marks[1].href, "/me/appointments#a-1");
        assert_eq!(week.days[4].marks[0].href, "/me/appointments#r-7-h");
    }

    #[test]
    fn each_day_reads_in_words() {
        let week = clock_change_week();
        let today = week.today.unwrap();
        assert_eq!(
            week.days[3].words(today),
            "Sunday 25 October (the clocks go back: 25 hours). Be home until 7 am and from 7 pm."
        );
        assert_eq!(
            week.days[4].words(today),
            format!(
                "Monday 26 October. Be home until 7 am and from 7 pm. Report to Northbridge Police Station at 10 am. {} at 10:30 am.",
                AppointmentKind::Supervision.label()
            )
        );
        let empty = Day { date: today, hours: 24, curfew: vec![], curfew_href: None, marks: vec![] };
        assert_eq!(empty.words(today), "Today. Nothing planned.");
    }

    #[test]
    fn a_cancelled_appointment_is_not_on_the_picture() {
        let mut a = appointment(1, AppointmentKind::Gp, "2026-10-23T09:00:00Z", Repeat::Never, 1);
        a.cancelled = true;
        let data = WeekData { curfews: &[], appointments: &[a], reporting: &[] };
        let week = Week::build("2026-10-22T11:00:00Z".parse().unwrap(), &data);
        assert!(week.is_empty());
    }
}
