//! Opening times from an import file: weekly only, in UK time.

use super::node::{Checked, Node, Problem};
use super::write::{ALL_DAY, DAY_CODES, DAY_NAMES};
use app::model::hope::{Opening, WEEKDAYS};
use jiff::civil::Time;

/// Weekly opening times; seven all-day entries mean open all day and night.
pub fn schedules(node: &Node) -> Checked<(bool, Vec<Opening>)> {
    let mut openings = Vec::new();
    for entry in node.list("regular_schedules")? {
        let problem = |name: &str, message: &str| Problem { path: entry.at(name), message: message.into() };
        if let Some(freq) = entry.text("freq")? {
            if !matches!(freq.to_lowercase().as_str(), "weekly" | "week") {
                return Err(problem("freq", "Waymark keeps opening times that repeat every week (freq WEEKLY)."));
            }
        }
        if let Some(interval) = entry.text("interval")? {
            if interval != "1" {
                return Err(problem("interval", "Waymark keeps opening times that repeat every week (interval 1)."));
            }
        }
        let days = days(&entry)?;
        let opens = clock(&entry, "opens_at")?;
        let closes = clock(&entry, "closes_at")?;
        if closes <= opens {
            return Err(problem("closes_at", "The closing time must be after the opening time."));
        }
        openings.extend(days.into_iter().map(|day| Opening { weekday: WEEKDAYS[day], opens, closes }));
    }
    openings.sort_by_key(|o| (o.weekday.to_monday_one_offset(), o.opens, o.closes));
    openings.dedup();
    let all_day = |o: &Opening| o.opens == ALL_DAY.0 && o.closes >= ALL_DAY.1;
    let always = WEEKDAYS.iter().all(|d| openings.iter().any(|o| o.weekday == *d && all_day(o)));
    if always {
        openings.retain(|o| !all_day(o));
    }
    Ok((always, openings))
}

/// The days of one entry (0 = Monday): from `byday`, else `weekday`; both must agree.
fn days(entry: &Node) -> Checked<Vec<usize>> {
    let weekday = match entry.text("weekday")? {
        None => None,
        Some(w) => {
            let found = DAY_NAMES
                .iter()
                .position(|n| n.eq_ignore_ascii_case(&w) || n[..3].eq_ignore_ascii_case(&w))
                .or_else(|| DAY_CODES.iter().position(|c| c.eq_ignore_ascii_case(&w)))
                .or_else(|| w.parse::<usize>().ok().filter(|n| (1..=7).contains(n)).map(|n| n - 1));
            Some(found.ok_or_else(|| Problem {
                path: entry.at("weekday"),
                message: "Write the day like Monday (or 1 for Monday to 7 for Sunday).".into(),
            })?)
        }
    };
    let byday = match entry.text("byday")? {
        None => None,
        Some(b) => {
            let mut days = Vec::new();
            for code in b.split(',').map(str::trim) {
                let day = DAY_CODES.iter().position(|c| c.eq_ignore_ascii_case(code)).ok_or_else(|| Problem {
                    path: entry.at("byday"),
                    message: "Write the days like MO,WE,FR (every week; Waymark keeps no monthly times).".into(),
                })?;
                days.push(day);
            }
            Some(days)
        }
    };
    match (weekday, byday) {
        (Some(w), Some(b)) if !b.contains(&w) => Err(Problem {
            path: entry.at("weekday"),
            message: "The weekday and byday name different days. Make them the same.".into(),
        }),
        (_, Some(b)) => Ok(b),
        (Some(w), None) => Ok(vec![w]),
        (None, None) => Err(entry.problem("Say which day it is: a weekday like Monday, or byday like MO.")),
    }
}

fn clock(entry: &Node, name: &str) -> Checked<Time> {
    let bad =
        || Problem { path: entry.at(name), message: "Write the time like 09:30 (UK time, 24-hour clock).".into() };
    let text = entry.text(name)?.ok_or_else(bad)?;
    if !matches!(text.len(), 5 | 8) {
        return Err(bad());
    }
    text.parse().map_err(|_| bad())
}
