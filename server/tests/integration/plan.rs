//! Appointments and steps, both sides, through the server functions.

use super::common::*;
use axum::http::StatusCode;
use server::seed;

fn future_date(days: i64) -> String {
    let d = jiff::Timestamp::now().to_zoned(app::format::london()).date();
    d.checked_add(jiff::Span::new().days(days)).unwrap().to_string()
}

fn appointment_form(case: i64, date: &str, extra: &str) -> String {
    format!(
        "case_id={case}&form[kind]=job_centre&form[date]={date}&form[time]=10:30&form[duration_min]=30\
         &form[place]=Northbridge+Jobcentre&form[room]=&form[with_whom]=&form[bring]=Your+ID&form[notes]=\
         &form[phone]=01632+960+111&form[repeat]=none&form[repeat_count]={extra}"
    )
}

#[tokio::test]
async fn appointment_set_answered_moved_and_cancelled() {
    let app = TestApp::new();
    let sam = app.practitioner(seed::DEMO_PRACTITIONER).await;
    let jay = app.person(seed::DEMO_PERSON_NUMBER, seed::DEMO_PERSON_PIN).await;
    let date = future_date(5);
    let r = app.call("/api/save_appointment", &appointment_form(JAY, &date, ""), Some(&sam)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.message());
    let page = app.get("/me/appointments", Some(&jay)).await.body;
    assert!(
        page.contains("Job centre") && page.contains("10:30 am") && page.contains("Northbridge Jobcentre"),
        "{page}"
    );
    assert!(page.contains("tel:01632960111") && page.contains("openstreetmap.org/search?query=Northbridge+Jobcentre"));

    let (_, list) = (
        0,
        app.backend
            .store()
            .read()
            .query_row("SELECT MAX(id) FROM appointment WHERE case_id = ?1", [JAY], |r| r.get::<_, i64>(0))
            .unwrap(),
    );
    let id = list;
    let r = app
        .call(
            "/api/answer_appointment",
            &format!("appointment_id={id}&answer=change&reason=I+start+work+that+day"),
            Some(&jay),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.message());
    let desk = app.get(&format!("/caseload/{JAY}/appointments"), Some(&sam)).await.body;
    assert!(desk.contains("Needs a change: I start work that day"), "{desk}");

    // Move it: the person is told what changed and asked again.
    let moved = future_date(6);
    let form = format!("{}&appointment_id={id}", appointment_form(JAY, &moved, ""));
    let r = app.call("/api/save_appointment", &form, Some(&sam)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.message());
    let page = app.get("/me/appointments", Some(&jay)).await.body;
    assert!(page.contains("This has moved."), "{page}");
    let desk = app.get(&format!("/caseload/{JAY}/appointments"), Some(&sam)).await.body;
    assert!(!desk.contains("Needs a change: I start work"), "a move clears the old answer");

    let r = app
        .call(
            "/api/cancel_appointment",
            &format!("case_id={JAY}&appointment_id={id}&cancel_reason=Office+closed"),
            Some(&sam),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let page = app.get("/me/appointments", Some(&jay)).await.body;
    assert!(page.contains("Cancelled: Job centre") && page.contains("Why: Office closed"), "{page}");
}

#[tokio::test]
async fn bad_appointments_are_refused_and_nothing_changes() {
    let app = TestApp::new();
    let sam = app.practitioner(seed::DEMO_PRACTITIONER).await;
    let count = || -> i64 {
        app.backend.store().read().query_row("SELECT COUNT(*) FROM appointment", [], |r| r.get(0)).unwrap()
    };
    let before = count();
    let r = app.call("/api/save_appointment", &appointment_form(JAY, "2020-01-01", ""), Some(&sam)).await;
    assert_eq!(r.message(), "The appointment must be in the future.");
    let r = app
        .call(
            "/api/save_appointment",
            &appointment_form(JAY, &future_date(3), "").replace("duration_min]=30", "duration_min]=0"),
            Some(&sam),
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let long = appointment_form(JAY, &future_date(3), "")
        .replace("form[notes]=", &format!("form[notes]={}", "x".repeat(50_000)));
    let r = app.call("/api/save_appointment", &long, Some(&sam)).await;
    assert_eq!(r.message(), "Keep this to 2000 characters or fewer.");
    let r = app.call("/api/save_appointment", &appointment_form(999, &future_date(3), ""), Some(&sam)).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(count(), before);
}

#[tokio::test]
async fn calendar_files_are_for_their_owners_only() {
    let app = TestApp::new();
    let jay = app.person(seed::DEMO_PERSON_NUMBER, seed::DEMO_PERSON_PIN).await;
    let alex = app.person(ALEX_NUMBER, ALEX_PIN).await;
    let sam = app.practitioner(seed::DEMO_PRACTITIONER).await;
    let priya = app.practitioner(seed::DEMO_COLLEAGUE).await;
    let r = app.get("/me/appointments/1/calendar.ics", Some(&jay)).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(
        r.body.starts_with("BEGIN:VCALENDAR") && r.body.contains("RRULE:FREQ=WEEKLY;INTERVAL=1;COUNT=12"),
        "{}",
        r.body
    );
    assert_eq!(app.get("/me/appointments/1/calendar.ics", Some(&alex)).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.get("/me/appointments/1/calendar.ics", None).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(app.get("/me/appointments/1/calendar.ics", Some(&sam)).await.status, StatusCode::FORBIDDEN);
    let r = app.get(&format!("/caseload/{JAY}/calendar.ics"), Some(&sam)).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.body.matches("BEGIN:VEVENT").count(), 2);
    assert_eq!(app.get(&format!("/caseload/{JAY}/calendar.ics"), Some(&priya)).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.get(&format!("/caseload/{JAY}/calendar.ics"), Some(&jay)).await.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_step_ticked_by_the_person_shows_with_its_history() {
    let app = TestApp::new();
    let jay = app.person(seed::DEMO_PERSON_NUMBER, seed::DEMO_PERSON_PIN).await;
    let sam = app.practitioner(seed::DEMO_PRACTITIONER).await;
    let step: i64 = app
        .backend
        .store()
        .read()
        .query_row("SELECT id FROM step WHERE case_id = ?1 AND guide_key = 'bank_account'", [JAY], |r| r.get(0))
        .unwrap();
    let r = app.call("/api/set_step", &format!("step_id={step}&status=done"), Some(&jay)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.message());
    let page = app.get("/me/steps?changed=1&done=1", Some(&jay)).await.body;
    assert!(page.contains("Open a basic bank account"));
    assert!(page.contains("a letter from a prison governor"), "guidance on what a bank should accept");
    let desk = app.get(&format!("/caseload/{JAY}/steps"), Some(&sam)).await.body;
    assert!(desk.contains("Jay changed it from Doing it now to Done"), "{desk}");
    // Stuck needs a reason; the practitioner's later change wins and both stay in the history.
    let r = app.call("/api/set_step", &format!("step_id={step}&status=stuck"), Some(&jay)).await;
    assert_eq!(r.message(), "Say what is in the way, so someone can help.");
    let r = app
        .call(
            "/api/set_step",
            &format!("case_id={JAY}&step_id={step}&status=in_progress&reason=Bank+wants+more+ID"),
            Some(&sam),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.message());
    let desk = app.get(&format!("/caseload/{JAY}/steps"), Some(&sam)).await.body;
    assert!(desk.contains("Sam Okafor changed it from Done to Doing it now (Bank wants more ID)"), "{desk}");
    assert!(desk.contains("Jay changed it from Doing it now to Done"));
    // Prices are data with the date they were checked.
    let page = app.get("/me/steps", Some(&jay)).await.body;
    assert!(page.contains("£34 online, or £43 by post.") || page.contains("£82.50"), "costs shown");
}

#[tokio::test]
async fn steps_belong_to_their_case() {
    let app = TestApp::new();
    let alex = app.person(ALEX_NUMBER, ALEX_PIN).await;
    let priya = app.practitioner(seed::DEMO_COLLEAGUE).await;
    let jays_step: i64 = app
        .backend
        .store()
        .read()
        .query_row("SELECT MIN(id) FROM step WHERE case_id = ?1", [JAY], |r| r.get(0))
        .unwrap();
    let r = app.call("/api/set_step", &format!("step_id={jays_step}&status=done"), Some(&alex)).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = app.call("/api/set_step", &format!("case_id={JAY}&step_id={jays_step}&status=done"), Some(&priya)).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = app.call("/api/set_step", &format!("case_id={ALEX}&step_id={jays_step}&status=done"), Some(&priya)).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "a step of another case through one's own case id");
    let r = app.call("/api/set_step", "step_id=99999&status=done", Some(&alex)).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = app.call("/api/set_step", &format!("step_id={jays_step}&status=flying"), Some(&alex)).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let r = app.call("/api/add_step", &format!("case_id={JAY}&track=id&title=Get+a+photo"), Some(&priya)).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = app
        .call("/api/add_step", &format!("case_id={ALEX}&track=id&title=Get+a+photo&helper=Hostel+staff"), Some(&priya))
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let overview = app.call("/api/steps_overview", "", Some(&priya)).await;
    assert_eq!(overview.status, StatusCode::OK);
    assert!(overview.body.contains("Alex") && !overview.body.contains("Jay"));
}

#[tokio::test]
async fn office_admins_correct_prices_and_practitioners_name_who_helps() {
    let app = TestApp::new();
    let sam = app.practitioner(seed::DEMO_PRACTITIONER).await; // office admin
    let priya = app.practitioner(seed::DEMO_COLLEAGUE).await;
    let jay = app.person(seed::DEMO_PERSON_NUMBER, seed::DEMO_PERSON_PIN).await;
    let form = "key=provisional_licence&cost=%C2%A335+online%2C+or+%C2%A345+by+post.&checked_on=2026-11-01";
    assert_eq!(app.call("/api/update_step_cost", form, Some(&priya)).await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.call("/api/update_step_cost", form, Some(&jay)).await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.call("/api/update_step_cost", form, None).await.status, StatusCode::UNAUTHORIZED);
    let r = app.call("/api/update_step_cost", "key=provisional_licence&cost=x&checked_on=2999-01-01", Some(&sam)).await;
    assert_eq!(r.message(), "The date checked cannot be in the future.");
    let r = app.call("/api/update_step_cost", "key=no_such_step&cost=x&checked_on=2026-11-01", Some(&sam)).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = app.call("/api/update_step_cost", form, Some(&sam)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.message());
    let page = app.get("/me/steps", Some(&jay)).await.body;
    assert!(
        page.contains("£35 online, or £45 by post.") && page.contains("(prices checked 1 November 2026)"),
        "{page}"
    );

    let step: i64 = app
        .backend
        .store()
        .read()
        .query_row("SELECT id FROM step WHERE case_id = ?1 AND guide_key = 'gp'", [JAY], |r| r.get(0))
        .unwrap();
    let r = app
        .call("/api/set_step_helper", &format!("case_id={JAY}&step_id={step}&helper=Hostel+staff"), Some(&sam))
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(app.get("/me/steps", Some(&jay)).await.body.contains("Hostel staff"));
    let r = app.call("/api/set_step_helper", &format!("case_id={JAY}&step_id={step}&helper=Me"), Some(&priya)).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}
