//! A reporting rule on the licence becomes appointments: the times on the
//! person's appointments and home pages, today's words on the rule, and a
//! calendar file that repeats.

use super::common::*;
use app::model::CaseId;
use axum::http::StatusCode;
use server::{seed, store};

const POLICE_STATION_REPORTING: &str = "2027ae19-04a2-4fa6-8d1b-a62dffba2e62";

fn reporting_rule(app: &TestApp) -> i64 {
    let details = [
        ("policeStation", "Northbridge Police Station"),
        ("reportingFrequency", "Daily"),
        ("numberOfReportingTimes", "Once a day"),
        ("reportingTime", "10:00"),
        ("reviewPeriod", "Weekly"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), vec![v.to_owned()]))
    .collect();
    let conn = app.backend.store_for_tests().write().unwrap();
    store::insert_answered_condition(&conn, CaseId(JAY), "4.0", POLICE_STATION_REPORTING, &details, None, None)
        .unwrap()
        .0
}

#[tokio::test]
async fn a_reporting_rule_shows_as_times_to_go_on_both_sides() {
    let app = TestApp::new();
    let id = reporting_rule(&app);
    let jay = app.person(seed::DEMO_PERSON_NUMBER, seed::DEMO_PERSON_PIN).await;
    let sam = app.practitioner(seed::DEMO_PRACTITIONER).await;

    let page = app.get("/me/appointments", Some(&jay)).await.body;
    assert!(page.contains("Report to Northbridge Police Station at 10am, every day."), "{page}");
    assert!(page.contains("The next times:"));
    assert!(page.contains(&format!("/me/licence/{id}/calendar.ics")));
    let home = app.get("/me", Some(&jay)).await.body;
    assert!(home.contains("Next time to report: "), "{home}");
    let licence = app.get("/me/licence", Some(&jay)).await.body;
    assert!(licence.contains("Report to Northbridge Police Station today at 10am."), "{licence}");
    let desk = app.get(&format!("/caseload/{JAY}/appointments"), Some(&sam)).await.body;
    assert!(desk.contains("Reporting, from the licence") && desk.contains("at 10am, every day."), "{desk}");

    let file = app.get(&format!("/me/licence/{id}/calendar.ics"), Some(&jay)).await;
    assert_eq!(file.status, StatusCode::OK);
    assert!(file.body.contains("RRULE:FREQ=DAILY") && file.body.contains("BEGIN:VALARM"), "{}", file.body);
}

#[tokio::test]
async fn a_reporting_calendar_is_only_for_its_person() {
    let app = TestApp::new();
    let id = reporting_rule(&app);
    let alex = app.person(ALEX_NUMBER, ALEX_PIN).await;
    let sam = app.practitioner(seed::DEMO_PRACTITIONER).await;
    let jay = app.person(seed::DEMO_PERSON_NUMBER, seed::DEMO_PERSON_PIN).await;
    let path = format!("/me/licence/{id}/calendar.ics");
    assert_eq!(app.get(&path, Some(&alex)).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.get(&path, Some(&sam)).await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.get(&path, None).await.status, StatusCode::UNAUTHORIZED);
    // A rule that is not about reporting has no times to give.
    let r = app.get("/me/licence/1/calendar.ics", Some(&jay)).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(r.body, "This rule has no set times to put in a calendar.");
}
