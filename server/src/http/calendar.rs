//! "Add to my calendar": standards-correct iCalendar files (RFC 5545), so the
//! phone itself reminds the person (a day before and an hour before) with no
//! SMS gateway. Times are local UK times with a VTIMEZONE, so a weekly repeat
//! stays at 10:30 across the clock changes.

use super::router::App;
use app::model::reporting::{ReportDays, Reporting};
use app::model::{Appointment, AppointmentId, CaseId, ConditionId, Repeat, Viewer};
use axum::{
    extract::{Path, State},
    http::{header, StatusCode},
    response::{IntoResponse, Response},
    Extension,
};
use icalendar::{Alarm, Calendar, CalendarDateTime, Component, Event, EventLike};

const TZID: &str = "Europe/London";

/// The rules for UK time since 1996: BST from the last Sunday in March, GMT from the last Sunday in October.
const VTIMEZONE: &str = "BEGIN:VTIMEZONE\r\nTZID:Europe/London\r\n\
BEGIN:DAYLIGHT\r\nTZOFFSETFROM:+0000\r\nTZOFFSETTO:+0100\r\nTZNAME:BST\r\nDTSTART:19810329T010000\r\n\
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT\r\n\
BEGIN:STANDARD\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0000\r\nTZNAME:GMT\r\nDTSTART:19961027T020000\r\n\
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n";

fn local(at: jiff::Timestamp) -> chrono::NaiveDateTime {
    let z = at.to_zoned(app::format::london());
    chrono::NaiveDate::from_ymd_opt(z.year().into(), z.month() as u32, z.day() as u32)
        .and_then(|d| d.and_hms_opt(z.hour() as u32, z.minute() as u32, z.second() as u32))
        .unwrap_or_default()
}

fn event(a: &Appointment) -> Event {
    let place = a.where_text();
    let end = a.starts_at + jiff::SignedDuration::from_mins(a.duration_min as i64);
    let mut description = Vec::new();
    if let Some(w) = &a.with_whom {
        description.push(format!("With: {w}"));
    }
    if let Some(b) = &a.bring {
        description.push(format!("Bring: {b}"));
    }
    if let Some(p) = &a.phone {
        description.push(format!("Phone: {p}"));
    }
    if let Some(n) = &a.notes {
        description.push(n.clone());
    }
    let mut e = Event::new();
    e.uid(&format!("appointment-{}@waymark", a.id))
        .summary(a.kind.label())
        .location(&place)
        .description(&description.join("\n"))
        .starts(CalendarDateTime::WithTimezone { date_time: local(a.starts_at), tzid: TZID.into() })
        .ends(CalendarDateTime::WithTimezone { date_time: local(end), tzid: TZID.into() })
        .alarm(Alarm::display(&format!("Tomorrow: {} at {place}", a.kind.label()), -chrono::Duration::days(1)))
        .alarm(Alarm::display(&format!("In one hour: {} at {place}", a.kind.label()), -chrono::Duration::hours(1)));
    if let Some(days) = a.repeat.days() {
        let interval = if a.repeat == Repeat::Fortnightly { 2 } else { 1 };
        debug_assert_eq!(days, 7 * interval);
        e.add_property("RRULE", format!("FREQ=WEEKLY;INTERVAL={interval};COUNT={}", a.repeat_count));
    }
    if a.cancelled {
        e.add_property("STATUS", "CANCELLED");
    }
    e.done()
}

/// One repeating event per reporting time: the phone reminds the person half
/// an hour before, every time, for as long as the rule stands.
fn reporting_events(id: ConditionId, r: &Reporting, now: jiff::Timestamp) -> Vec<Event> {
    let rule = match r.days {
        ReportDays::Daily => "FREQ=DAILY",
        ReportDays::Weekdays => "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
        ReportDays::Other(_) => return Vec::new(),
    };
    let upcoming = r.next(now, 2 * r.times.len() + 4);
    r.times
        .iter()
        .filter_map(|t| {
            let start = upcoming.iter().find(|s| s.to_zoned(app::format::london()).time() == *t)?;
            let end = *start + jiff::SignedDuration::from_mins(15);
            let what = format!("Report to {}", r.place);
            let mut e = Event::new();
            e.uid(&format!("reporting-{id}-{}@waymark", t.strftime("%H%M")))
                .summary(&what)
                .location(&r.place)
                .description(&r.words())
                .starts(CalendarDateTime::WithTimezone { date_time: local(*start), tzid: TZID.into() })
                .ends(CalendarDateTime::WithTimezone { date_time: local(end), tzid: TZID.into() })
                .alarm(Alarm::display(&format!("In half an hour: {what}"), -chrono::Duration::minutes(30)));
            e.add_property("RRULE", rule);
            Some(e.done())
        })
        .collect()
}

/// An iCalendar file of these appointments.
pub fn ics(appointments: &[Appointment]) -> String {
    calendar(appointments.iter().map(event).collect())
}

fn calendar(events: Vec<Event>) -> String {
    let mut cal = Calendar::new();
    cal.name("Waymark appointments").timezone(TZID);
    for e in events {
        cal.push(e);
    }
    let text = cal.done().to_string();
    // The crate has no VTIMEZONE component; the rules are fixed data, placed before the first event.
    match text.find("BEGIN:VEVENT") {
        Some(i) => format!("{}{VTIMEZONE}{}", &text[..i], &text[i..]),
        None => text.replace("END:VCALENDAR", &format!("{VTIMEZONE}END:VCALENDAR")),
    }
}

fn file(body: String, name: &str) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        body,
    )
        .into_response()
}

fn refuse(viewer: &Viewer) -> Response {
    match viewer {
        Viewer::Anonymous => (StatusCode::UNAUTHORIZED, "Please sign in to get your calendar.").into_response(),
        _ => (StatusCode::FORBIDDEN, "You do not have access to this.").into_response(),
    }
}

/// GET /me/appointments/{id}/calendar.ics — one of the person's own appointments.
pub async fn person_appointment_ics(
    State(app): State<App>,
    Extension(viewer): Extension<Viewer>,
    Path(id): Path<i64>,
) -> Response {
    let Viewer::Person { case_id } = viewer else { return refuse(&viewer) };
    match app.backend.person_appointments(case_id).await {
        Ok(list) => match list.into_iter().find(|a| a.id == AppointmentId(id)) {
            Some(a) => file(ics(&[a]), "appointment.ics"),
            None => (StatusCode::NOT_FOUND, "We could not find that appointment.").into_response(),
        },
        Err(_) => (StatusCode::INTERNAL_SERVER_ERROR, "Something went wrong. Please try again.").into_response(),
    }
}

/// GET /me/licence/{condition}/calendar.ics — a reporting rule's times, repeating.
pub async fn person_reporting_ics(
    State(app): State<App>,
    Extension(viewer): Extension<Viewer>,
    Path(id): Path<i64>,
) -> Response {
    let Viewer::Person { case_id } = viewer else { return refuse(&viewer) };
    let Ok(rules) = app.backend.reporting(None, case_id).await else {
        return (StatusCode::INTERNAL_SERVER_ERROR, "Something went wrong. Please try again.").into_response();
    };
    let id = ConditionId(id);
    let reporting = rules.into_iter().find(|(c, _)| *c == id).map(|(_, r)| r);
    let events = reporting.map(|r| reporting_events(id, &r, jiff::Timestamp::now())).unwrap_or_default();
    if events.is_empty() {
        return (StatusCode::NOT_FOUND, "This rule has no set times to put in a calendar.").into_response();
    }
    file(calendar(events), "reporting.ics")
}

/// GET /caseload/{case}/calendar.ics — every appointment of a case, to hand over.
pub async fn case_ics(State(app): State<App>, Extension(viewer): Extension<Viewer>, Path(case): Path<i64>) -> Response {
    let Viewer::Practitioner { practitioner_id, .. } = viewer else { return refuse(&viewer) };
    match app.backend.case_calendar(practitioner_id, CaseId(case)).await {
        Ok(list) => file(ics(&list), "appointments.ics"),
        Err(app::error::AppError::NotFound) => (StatusCode::NOT_FOUND, "We could not find that case.").into_response(),
        Err(_) => (StatusCode::INTERNAL_SERVER_ERROR, "Something went wrong. Please try again.").into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::model::AppointmentKind;

    fn weekly() -> Appointment {
        Appointment {
            id: AppointmentId(7),
            case_id: CaseId(1),
            kind: AppointmentKind::Supervision,
            starts_at: "2027-03-22T10:30:00Z".parse().unwrap(),
            duration_min: 45,
            place: "1 Station Road, Northbridge".into(),
            room: Some("Room 2".into()),
            with_whom: Some("Sam Okafor".into()),
            bring: Some("Your licence".into()),
            notes: None,
            phone: None,
            repeat: Repeat::Weekly,
            repeat_count: 3,
            cancelled: false,
            cancel_reason: None,
            moved_from: None,
            earlier: Default::default(),
            rsvp: None,
            rsvp_at: None,
            clash_note: None,
        }
    }

    /// Parsed with an independent parser (the `ical` crate), not the one that wrote it.
    #[test]
    fn a_reporting_rule_becomes_repeating_events_an_independent_parser_reads() {
        let details = [
            ("policeStation", "Northbridge Police Station"),
            ("reportingFrequency", "Monday to Friday"),
            ("reportingTime1", "10:00"),
            ("reportingTime2", "18:00"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), vec![v.to_owned()]))
        .collect();
        let r = Reporting::from_details(&details).expect("a reporting rule");
        // Saturday 28 November 2026: the first times are on Monday.
        let now: jiff::Timestamp = "2026-11-28T12:00:00Z".parse().unwrap();
        let text = calendar(reporting_events(ConditionId(9), &r, now));
        let mut reader = ical::IcalParser::new(std::io::BufReader::new(text.as_bytes()));
        let cal = reader.next().expect("a calendar").expect("parses");
        assert_eq!(cal.events.len(), 2);
        let values = |name: &str| -> Vec<String> {
            cal.events
                .iter()
                .filter_map(|e| e.properties.iter().find(|p| p.name == name).and_then(|p| p.value.clone()))
                .collect()
        };
        assert_eq!(values("DTSTART"), ["20261130T100000", "20261130T180000"]);
        assert_eq!(values("RRULE"), ["FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"; 2]);
        assert_eq!(values("SUMMARY"), ["Report to Northbridge Police Station"; 2]);
        assert!(cal.events.iter().all(|e| e.alarms.len() == 1));
        let other = Reporting { days: ReportDays::Other("every Tuesday".into()), ..r };
        assert!(reporting_events(ConditionId(9), &other, now).is_empty(), "days in words cannot repeat");
    }

    #[test]
    fn the_file_parses_with_a_repeat_two_alarms_and_uk_time() {
        let text = ics(&[weekly()]);
        let mut reader = ical::IcalParser::new(std::io::BufReader::new(text.as_bytes()));
        let cal = reader.next().expect("a calendar").expect("parses");
        assert_eq!(cal.timezones.len(), 1);
        assert_eq!(cal.events.len(), 1);
        let ev = &cal.events[0];
        let prop = |name: &str| ev.properties.iter().find(|p| p.name == name).expect(name);
        let start = prop("DTSTART");
        assert_eq!(start.value.as_deref(), Some("20270322T103000"));
        let params = start.params.clone().unwrap_or_default();
        assert!(params.iter().any(|(k, v)| k == "TZID" && v == &vec!["Europe/London".to_string()]), "{params:?}");
        assert_eq!(prop("DTEND").value.as_deref(), Some("20270322T111500"));
        assert_eq!(prop("RRULE").value.as_deref(), Some("FREQ=WEEKLY;INTERVAL=1;COUNT=3"));
        assert_eq!(prop("LOCATION").value.as_deref(), Some("1 Station Road\\, Northbridge\\, Room 2"));
        let triggers: Vec<_> = ev
            .alarms
            .iter()
            .map(|a| {
                a.properties.iter().find(|p| p.name == "TRIGGER").and_then(|p| p.value.clone()).unwrap_or_default()
            })
            .collect();
        // A day and an hour before, as RFC 5545 durations in seconds.
        assert_eq!(triggers, ["-PT86400S", "-PT3600S"]);
        assert!(text.contains("BEGIN:VTIMEZONE") && text.contains("BYDAY=-1SU"));
    }

    #[test]
    fn a_fortnightly_appointment_repeats_every_two_weeks() {
        let a = Appointment { repeat: Repeat::Fortnightly, repeat_count: 6, ..weekly() };
        let text = ics(&[a]);
        assert!(text.contains("RRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=6\r\n"), "{text}");
        // Read back with an independent parser: one event, repeating every other week, from 10:30 UK time.
        let mut reader = ical::IcalParser::new(std::io::BufReader::new(text.as_bytes()));
        let cal = reader.next().expect("a calendar").expect("parses");
        assert_eq!(cal.events.len(), 1);
        let prop = |name: &str| cal.events[0].properties.iter().find(|p| p.name == name).and_then(|p| p.value.clone());
        assert_eq!(prop("RRULE").as_deref(), Some("FREQ=WEEKLY;INTERVAL=2;COUNT=6"));
        assert_eq!(prop("DTSTART").as_deref(), Some("20270322T103000"));
    }

    #[test]
    fn a_cancelled_appointment_says_so() {
        let mut a = weekly();
        a.cancelled = true;
        assert!(ics(&[a]).contains("STATUS:CANCELLED"));
    }
}
