//! Dates and times in plain words, in UK time (Europe/London), whatever the server's zone.

use jiff::civil::{Date, Time, Weekday};
use jiff::{tz::TimeZone, Timestamp, Zoned};

pub fn london() -> TimeZone {
    // Bundled with jiff (tzdb-bundle-always), so this cannot be missing.
    TimeZone::get("Europe/London").unwrap_or(TimeZone::UTC)
}

fn in_london(at: Timestamp) -> Zoned {
    at.to_zoned(london())
}

/// "10:30 am", "2 pm".
pub fn clock(at: &Zoned) -> String {
    clock_time(at.time())
}

/// A time of day on the 12-hour clock: "10:30 am", "2 pm".
pub fn clock_time(t: Time) -> String {
    let hour = t.hour();
    let (h12, half) = match hour {
        0 => (12, "am"),
        1..=11 => (hour, "am"),
        12 => (12, "pm"),
        _ => (hour - 12, "pm"),
    };
    if t.minute() == 0 {
        format!("{h12} {half}")
    } else {
        format!("{h12}:{:02} {half}", t.minute())
    }
}

/// The days of the week, Monday first.
pub const WEEKDAYS: [Weekday; 7] = [
    Weekday::Monday,
    Weekday::Tuesday,
    Weekday::Wednesday,
    Weekday::Thursday,
    Weekday::Friday,
    Weekday::Saturday,
    Weekday::Sunday,
];

/// "Monday".
pub fn weekday_name(d: Weekday) -> &'static str {
    match d {
        Weekday::Monday => "Monday",
        Weekday::Tuesday => "Tuesday",
        Weekday::Wednesday => "Wednesday",
        Weekday::Thursday => "Thursday",
        Weekday::Friday => "Friday",
        Weekday::Saturday => "Saturday",
        Weekday::Sunday => "Sunday",
    }
}

/// "Today", "Tomorrow", or "Tuesday 24 November" (with the year when it is not this year).
pub fn day(date: Date, today: Date) -> String {
    if date == today {
        return "Today".into();
    }
    if today.tomorrow().ok() == Some(date) {
        return "Tomorrow".into();
    }
    if today.yesterday().ok() == Some(date) {
        return "Yesterday".into();
    }
    if date.year() == today.year() {
        date.strftime("%A %-d %B").to_string()
    } else {
        date.strftime("%A %-d %B %Y").to_string()
    }
}

/// "Tomorrow, 10:30 am".
pub fn when(at: Timestamp, now: Timestamp) -> String {
    let at = in_london(at);
    let today = in_london(now).date();
    format!("{}, {}", day(at.date(), today), clock(&at))
}

/// "Tue 1 Dec at 10:31 am" (with the year when it is not this year): a moment
/// on record, such as when a letter was read.
pub fn stamp(at: Timestamp, now: Timestamp) -> String {
    let at = in_london(at);
    let day = if at.year() == in_london(now).year() { "%a %-d %b" } else { "%a %-d %b %Y" };
    format!("{} at {}", at.strftime(day), clock(&at))
}

/// A number with a fixed count of decimals ("51.45", "-2.59", "70"), by integer
/// arithmetic: float formatting would add about 15 KB to the phone's wasm.
pub fn decimals(x: f64, places: u32) -> String {
    let scale = 10_i64.pow(places);
    let scaled = (x * scale as f64).round() as i64;
    let sign = if scaled < 0 { "-" } else { "" };
    let (whole, part) = (scaled.abs() / scale, scaled.abs() % scale);
    if places == 0 {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{part:0width$}", width = places as usize)
    }
}

/// A map link for a place that needs no API key (one tap for directions).
pub fn map_link(place: &str) -> String {
    format!("https://www.openstreetmap.org/search?query={}", url_encode(place))
}

/// "24 November 2026".
pub fn date_long(date: Date) -> String {
    date.strftime("%-d %B %Y").to_string()
}

/// The day something happened, in UK time: "24 November 2026".
pub fn day_of(at: Timestamp) -> String {
    date_long(in_london(at).date())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_round_like_float_formatting() {
        for (x, places) in
            [(51.454, 2), (-2.587, 2), (-0.004, 2), (70.0, 0), (5.35, 1), (89.96, 1), (-12.5, 0), (0.0, 1)]
        {
            let want = format!("{x:.*}", places as usize);
            // Float formatting rounds half to even on exact halves; ours rounds half away from zero.
            if (x * 10f64.powi(places as i32)).fract().abs() != 0.5 {
                assert_eq!(decimals(x, places), want.replace("-0.00", "0.00"), "{x} to {places}");
            }
        }
        assert_eq!(decimals(-0.004, 2), "0.00");
        assert_eq!(decimals(-2.587, 2), "-2.59");
    }

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    #[test]
    fn plain_times_in_london_across_clock_changes() {
        let now = ts("2026-11-22T09:00:00Z");
        assert_eq!(when(ts("2026-11-22T10:30:00Z"), now), "Today, 10:30 am");
        assert_eq!(when(ts("2026-11-23T14:00:00Z"), now), "Tomorrow, 2 pm");
        // British Summer Time: 09:30 UTC is 10:30 in London.
        let summer_now = ts("2026-07-01T08:00:00Z");
        assert_eq!(when(ts("2026-07-01T09:30:00Z"), summer_now), "Today, 10:30 am");
        // Last Sunday of March 2026 (29th): clocks go forward at 01:00 UTC.
        assert_eq!(when(ts("2026-03-29T00:30:00Z"), ts("2026-03-28T12:00:00Z")), "Tomorrow, 12:30 am");
        assert_eq!(when(ts("2026-03-29T01:30:00Z"), ts("2026-03-28T12:00:00Z")), "Tomorrow, 2:30 am");
        // Last Sunday of October 2026 (25th): clocks go back at 01:00 UTC.
        assert_eq!(when(ts("2026-10-25T00:30:00Z"), ts("2026-10-24T12:00:00Z")), "Tomorrow, 1:30 am");
        assert_eq!(when(ts("2026-10-25T01:30:00Z"), ts("2026-10-24T12:00:00Z")), "Tomorrow, 1:30 am");
        assert_eq!(when(ts("2026-12-01T12:00:00Z"), now), "Tuesday 1 December, 12 pm");
        assert_eq!(when(ts("2027-01-05T00:00:00Z"), now), "Tuesday 5 January 2027, 12 am");
    }

    #[test]
    fn a_moment_on_record_reads_with_its_day_and_time() {
        let now = ts("2026-12-01T12:00:00Z");
        assert_eq!(stamp(ts("2026-12-01T10:31:00Z"), now), "Tue 1 Dec at 10:31 am");
        assert_eq!(stamp(ts("2026-07-01T09:31:00Z"), now), "Wed 1 Jul at 10:31 am", "summer time");
        assert_eq!(stamp(ts("2025-12-30T18:00:00Z"), now), "Tue 30 Dec 2025 at 6 pm");
    }
}

/// Percent-encode a value for a URL query (maps and directions links).
pub fn url_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3);
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(b as char),
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// How long, in plain words: "45 minutes", "1 hour", "1 hour 30 minutes".
pub fn minutes(m: u32) -> String {
    match (m / 60, m % 60) {
        (0, m) => count(m, "minute", "minutes"),
        (h, 0) => count(h, "hour", "hours"),
        (h, m) => format!("{} {}", count(h, "hour", "hours"), count(m, "minute", "minutes")),
    }
}

/// A number with its noun, singular for one: "1 rule", "0 rules", "3 people".
/// Every count a reader sees goes through here, so none reads "1 rules".
pub fn count(n: impl TryInto<i64>, one: &str, many: &str) -> String {
    match n.try_into().unwrap_or(i64::MAX) {
        1 => format!("1 {one}"),
        n => format!("{n} {many}"),
    }
}

#[cfg(test)]
mod count_tests {
    use super::*;

    #[test]
    fn one_is_singular_and_every_other_number_plural() {
        assert_eq!(count(1u32, "rule", "rules"), "1 rule");
        assert_eq!(count(0usize, "rule", "rules"), "0 rules");
        assert_eq!(count(2i64, "person", "people"), "2 people");
        assert_eq!(minutes(1), "1 minute");
        assert_eq!(minutes(61), "1 hour 1 minute");
        assert_eq!(minutes(150), "2 hours 30 minutes");
    }
}
