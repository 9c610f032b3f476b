//! Appointments and steps, both sides, through the server functions.

use super::common::*;
use app::model::*;
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

/// The practitioner sets Jay's job centre appointment (`appointment_form`) on `date`; its id.
async fn set_appointment(app: &TestApp, sam: &str, date: &str) -> i64 {
    let r = app.call("/api/save_appointment", &appointment_form(JAY, date, ""), Some(sam)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.message());
    app.backend
        .store_for_tests()
        .read()
        .unwrap()
        .query_row("SELECT MAX(id) FROM appointment WHERE case_id = ?1", [JAY], |r| r.get(0))
        .expect("the new appointment")
}

#[tokio::test]
async fn appointment_set_answered_moved_and_cancelled() {
    let app = TestApp::new();
    let sam = app.practitioner(seed::DEMO_PRACTITIONER).await;
    let jay = app.person(seed::DEMO_PERSON_NUMBER, seed::DEMO_PERSON_PIN).await;
    let date = future_date(5);
    let id = set_appointment(&app, &sam, &date).await;
    let page = app.get("/me/appointments", Some(&jay)).await.body;
    assert!(
        page.contains("Job centre") && page.contains("10:30 am") && page.contains("Northbridge Jobcentre"),
        "{page}"
    );
    assert!(page.contains("tel:01632960111") && page.contains("openstreetmap.org/search?query=Northbridge+Jobcentre"));
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
        app.backend
            .store_for_tests()
            .read()
            .unwrap()
            .query_row("SELECT COUNT(*) FROM appointment", (), |r| r.get(0))
            .unwrap()
    };
    let before = count();
    let r = app.call("/api/save_appointment", &appointment_form(JAY, "2020-01-01", ""), Some(&sam)).await;
    assert_eq!(r.message(), "The appointment must be in the future.");
    for (length, says) in [
        ("0", "An appointment lasts between 5 and 600 minutes."),
        ("-30", "An appointment lasts between 5 and 600 minutes."),
        ("half+an+hour", "Enter how long it lasts, in minutes."),
    ] {
        let form =
            appointment_form(JAY, &future_date(3), "").replace("duration_min]=30", &format!("duration_min]={length}"));
        let r = app.call("/api/save_appointment", &form, Some(&sam)).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{length}");
        assert_eq!(r.message(), says, "{length}");
        // The error names its field, so the form marks "How long, in minutes" and keeps what was typed.
        let error: app::error::AppError = serde_json::from_str(&r.body).expect("an error");
        assert_eq!(error.field(), Some("duration_min"), "{length}");
        assert_eq!(error.kept("duration_min").as_deref(), Some(length.replace('+', " ").as_str()));
    }
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
    // The practitioner's file of all appointments: no one signed in, and another person on licence.
    let r = app.get(&format!("/caseload/{JAY}/calendar.ics"), None).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert!(!r.body.contains("BEGIN:VCALENDAR"), "{}", r.body);
    let r = app.get(&format!("/caseload/{JAY}/calendar.ics"), Some(&alex)).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(!r.body.contains("BEGIN:VCALENDAR") && !r.body.contains("Station Road"), "{}", r.body);
    assert_eq!(app.get(&format!("/caseload/{ALEX}/calendar.ics"), Some(&alex)).await.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_step_ticked_by_the_person_shows_with_its_history() {
    let app = TestApp::new();
    let jay = app.person(seed::DEMO_PERSON_NUMBER, seed::DEMO_PERSON_PIN).await;
    let sam = app.practitioner(seed::DEMO_PRACTITIONER).await;
    let step: i64 = app
        .backend
        .store_for_tests()
        .read()
        .unwrap()
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
        .store_for_tests()
        .read()
        .unwrap()
        .query_row("SELECT MIN(id) FROM step WHERE case_id = ?1", [JAY], |r| r.get(0))
        .unwrap();
    let r = app.call("/api/set_step", &format!("step_id={jays_step}&status=done"), Some(&alex)).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = app.call("/api/set_step", &format!("case_id={JAY}&step_id={jays_step}&status=done"), Some(&priya)).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = app.call("/api/set_step", &format!("case_id={ALEX}&step_id={jays_step}&status=done"), Some(&priya)).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "a step of another case through one's own case id");
    let history = || -> i64 {
        app.backend
            .store_for_tests()
            .read()
            .unwrap()
            .query_row("SELECT COUNT(*) FROM step_history", (), |r| r.get(0))
            .unwrap()
    };
    let before = history();
    let r = app.call("/api/set_step", "step_id=99999&status=done", Some(&alex)).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(r.message(), "We could not find that.");
    let r = app.call("/api/set_step", "step_id=first&status=done", Some(&alex)).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(r.message(), "Some of the form was missing or not readable. Nothing was changed. Please try again.");
    let r = app.call("/api/set_step", &format!("case_id={ALEX}&step_id=99999&status=done"), Some(&priya)).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(r.message(), "We could not find that.");
    assert_eq!(history(), before, "nothing changed");
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
async fn national_admins_correct_prices_and_practitioners_name_who_helps() {
    let app = TestApp::new();
    let sam = app.practitioner(seed::DEMO_PRACTITIONER).await;
    let nia = app.practitioner(seed::DEMO_NATIONAL_ADMIN).await; // prices are every office's
    let priya = app.practitioner(seed::DEMO_COLLEAGUE).await;
    let jay = app.person(seed::DEMO_PERSON_NUMBER, seed::DEMO_PERSON_PIN).await;
    let form = "key=provisional_licence&cost=%C2%A335+online%2C+or+%C2%A345+by+post.&checked_on=2026-11-01";
    assert_eq!(app.call("/api/update_step_cost", form, Some(&priya)).await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.call("/api/update_step_cost", form, Some(&jay)).await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.call("/api/update_step_cost", form, None).await.status, StatusCode::UNAUTHORIZED);
    let r = app.call("/api/update_step_cost", "key=provisional_licence&cost=x&checked_on=2999-01-01", Some(&nia)).await;
    assert_eq!(r.message(), "The date checked cannot be in the future.");
    let r = app.call("/api/update_step_cost", "key=no_such_step&cost=x&checked_on=2026-11-01", Some(&nia)).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = app.call("/api/update_step_cost", form, Some(&nia)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.message());
    let page = app.get("/me/steps", Some(&jay)).await.body;
    assert!(
        page.contains("£35 online, or £45 by post.") && page.contains("(prices checked 1 November 2026)"),
        "{page}"
    );

    let step: i64 = app
        .backend
        .store_for_tests()
        .read()
        .unwrap()
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

/// The `<li>` around the first place `marker` appears in a page.
fn card<'a>(page: &'a str, marker: &str) -> &'a str {
    let at = page.find(marker).unwrap_or_else(|| panic!("{marker} is on the page: {page}"));
    let start = page[..at].rfind("<li").expect("inside a list item");
    let end = page[at..].find("</li>").map(|e| at + e).expect("the item ends");
    &page[start..end]
}

/// The classes on a list item's own tag, e.g. ["case-card", "attention"].
fn classes(li: &str) -> Vec<&str> {
    let tag = &li[..li.find('>').expect("a tag")];
    tag.split_once("class=\"")
        .and_then(|(_, rest)| rest.split_once('"'))
        .map(|(c, _)| c.split_whitespace().collect())
        .unwrap_or_default()
}

fn step_id(app: &TestApp, case: i64, key: &str) -> i64 {
    app.backend
        .store_for_tests()
        .read()
        .unwrap()
        .query_row("SELECT id FROM step WHERE case_id = ?1 AND guide_key = ?2", server::params![case, key], |r| {
            r.get(0)
        })
        .unwrap()
}

#[tokio::test]
async fn missed_and_unanswered_appointments_stand_out_for_the_practitioner() {
    let app = TestApp::new();
    let sam = app.practitioner(seed::DEMO_PRACTITIONER).await;
    let page = app.get("/caseload", Some(&sam)).await.body;
    assert!(!card(&page, ">Jay<").contains("needs a look"), "nothing missed yet: {page}");
    // The API refuses a new appointment in the past, so these go straight into the store.
    let past = |days: i64, place: &str| AppointmentDraft {
        kind: AppointmentKind::Housing,
        starts_at: jiff::Timestamp::now() - jiff::SignedDuration::from_hours(24 * days),
        duration_min: 30,
        place: place.into(),
        room: None,
        with_whom: None,
        bring: None,
        notes: None,
        phone: None,
        repeat: Repeat::Never,
        repeat_count: 1,
        clash_reason: None,
    };
    {
        let conn = app.backend.store_for_tests().write().unwrap();
        server::store::insert_appointment(&conn, CaseId(JAY), &past(2, "Missed Lane Housing Office")).unwrap();
        let went = server::store::insert_appointment(&conn, CaseId(JAY), &past(3, "Answered Road Hall")).unwrap();
        assert!(server::store::record_rsvp(&conn, CaseId(JAY), went, &Rsvp::Attending).unwrap());
    }
    let desk = app.get(&format!("/caseload/{JAY}/appointments"), Some(&sam)).await.body;
    let missed = card(&desk, "Missed Lane Housing Office");
    assert!(missed.contains("No answer, and the time has passed: missed?"), "{missed}");
    assert!(classes(missed).contains(&"attention"), "marked for attention: {missed}");
    // The seeded weekly meeting is still to come, with no answer yet: it stands out too.
    let coming = card(&desk, "Northbridge Probation Office");
    assert!(coming.contains("No answer yet") && !coming.contains("missed?"), "{coming}");
    assert!(classes(coming).contains(&"attention"), "{coming}");
    let answered = card(&desk, "Answered Road Hall");
    assert!(answered.contains("Said they will be there"), "{answered}");
    assert_eq!(classes(answered), ["case-card"], "an answered one is not marked: {answered}");
    // The caseload says so on Jay's row.
    let page = app.get("/caseload", Some(&sam)).await.body;
    let jay = card(&page, ">Jay<");
    assert!(jay.contains("1 appointment needs a look") && classes(jay).contains(&"attention"), "{jay}");
}

#[tokio::test]
async fn the_caseload_shows_who_has_no_id_no_bank_account_or_is_stuck() {
    let app = TestApp::new();
    let sam = app.practitioner(seed::DEMO_PRACTITIONER).await;
    let page = app.get("/caseload", Some(&sam)).await.body;
    // Jay has a birth certificate, no bank account yet, and is stuck on the driving licence.
    assert!(
        card(&page, ">Jay<").contains("ID: yes. Bank account: not yet. Stuck: Get a provisional driving licence."),
        "{page}"
    );
    let dee = card(&page, ">Dee<");
    assert!(dee.contains("ID: not yet. Bank account: not yet.") && !dee.contains("Stuck:"), "{dee}");
    assert!(!classes(dee).contains(&"attention"), "no ID is not an alarm on its own: {dee}");

    // A National Insurance number is not ID.
    const DEE: i64 = 2;
    server::store::insert_guided_step(
        &app.backend.store_for_tests().write().unwrap(),
        CaseId(DEE),
        "ni_number",
        StepStatus::Done,
    )
    .unwrap();
    let page = app.get("/caseload", Some(&sam)).await.body;
    assert!(card(&page, ">Dee<").contains("ID: not yet."), "{page}");
    let overview = app.call("/api/steps_overview", "", Some(&sam)).await;
    let overview: Vec<StepsOverview> = serde_json::from_str(&overview.body).expect("the overview");
    let dee_row = overview.iter().find(|o| o.case_id == CaseId(DEE)).expect("Dee");
    assert!(!dee_row.has_id && !dee_row.has_bank && dee_row.stuck.is_empty(), "{dee_row:?}");

    // A birth certificate is; a bank account done and a stuck step show too.
    let set =
        |step: i64, status: &str| format!("case_id={DEE}&step_id={step}&status={status}&reason=No+proof+of+address");
    for (key, status) in [("birth_certificate", "done"), ("bank_account", "stuck")] {
        let r = app.call("/api/set_step", &set(step_id(&app, DEE, key), status), Some(&sam)).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.message());
    }
    let page = app.get("/caseload", Some(&sam)).await.body;
    let dee = card(&page, ">Dee<");
    assert!(dee.contains("ID: yes. Bank account: not yet. Stuck: Open a basic bank account."), "{dee}");
    assert!(classes(dee).contains(&"attention"), "stuck stands out: {dee}");
    let r = app.call("/api/set_step", &set(step_id(&app, DEE, "bank_account"), "done"), Some(&sam)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.message());
    let page = app.get("/caseload", Some(&sam)).await.body;
    assert!(card(&page, ">Dee<").contains("ID: yes. Bank account: yes."), "{page}");
    let overview = app.call("/api/steps_overview", "", Some(&sam)).await;
    let overview: Vec<StepsOverview> = serde_json::from_str(&overview.body).expect("the overview");
    let dee_row = overview.iter().find(|o| o.case_id == CaseId(DEE)).expect("Dee");
    assert!(dee_row.has_id && dee_row.has_bank && dee_row.stuck.is_empty(), "{dee_row:?}");
}

#[tokio::test]
async fn the_celebration_waits_for_the_last_step_of_a_track() {
    let app = TestApp::new();
    let jay = app.person(seed::DEMO_PERSON_NUMBER, seed::DEMO_PERSON_PIN).await;
    // Jay's ID steps: the birth certificate is done, the driving licence is stuck.
    let birth = step_id(&app, JAY, "birth_certificate");
    let licence = step_id(&app, JAY, "provisional_licence");
    let r = app.call("/api/set_step", &format!("step_id={birth}&status=done"), Some(&jay)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.message());
    let page = app.get(&format!("/me/steps?changed={birth}&done=1"), Some(&jay)).await.body;
    assert!(!page.contains("Well done") && !page.contains("class=\"celebrate\""), "a step is left: {page}");
    assert!(page.contains("Saved. Your probation officer can see it."), "{page}");
    let r = app.call("/api/set_step", &format!("step_id={licence}&status=done"), Some(&jay)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.message());
    let page = app.get(&format!("/me/steps?changed={licence}&done=1"), Some(&jay)).await.body;
    assert!(page.contains("Well done. You have finished: ID documents."), "{page}");
    assert!(!page.contains("Saved. Your probation officer"), "one message, not two");
    // Another track with a step left does not celebrate.
    let benefits = step_id(&app, JAY, "universal_credit");
    let r = app.call("/api/set_step", &format!("step_id={benefits}&status=in_progress"), Some(&jay)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.message());
    let page = app.get(&format!("/me/steps?changed={benefits}"), Some(&jay)).await.body;
    assert!(!page.contains("Well done"), "{page}");
}

#[tokio::test]
async fn a_new_place_room_or_kind_is_told_to_the_person() {
    let app = TestApp::new();
    let sam = app.practitioner(seed::DEMO_PRACTITIONER).await;
    let jay = app.person(seed::DEMO_PERSON_NUMBER, seed::DEMO_PERSON_PIN).await;
    let date = future_date(5);
    let id = set_appointment(&app, &sam, &date).await;
    let r = app.call("/api/answer_appointment", &format!("appointment_id={id}&answer=attending"), Some(&jay)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.message());
    let change = |form: String| {
        let (app, sam) = (&app, &sam);
        async move {
            let r = app.call("/api/save_appointment", &format!("{form}&appointment_id={id}"), Some(sam)).await;
            assert_eq!(r.status, StatusCode::OK, "{}", r.message());
        }
    };
    let person_card = |page: String| -> String {
        let start = page.find(&format!("id=\"a-{id}\"")).expect("the appointment's card");
        let end = page[start..].find("</section>").map(|e| start + e).expect("the card ends");
        page[start..end].to_owned()
    };

    // A new notes text alone is not a change to tell about.
    change(appointment_form(JAY, &date, "").replace("form[notes]=", "form[notes]=Ask+at+the+desk")).await;
    let mine = person_card(app.get("/me/appointments", Some(&jay)).await.body);
    assert!(!mine.contains("This has changed") && mine.contains("You said you will be there."), "{mine}");

    // Same time, new place and room: the person is told, in plain words, and asked again.
    let moved_place = appointment_form(JAY, &date, "")
        .replace("form[place]=Northbridge+Jobcentre", "form[place]=12+High+Street")
        .replace("form[room]=", "form[room]=Room+3");
    change(moved_place.clone()).await;
    let mine = person_card(app.get("/me/appointments", Some(&jay)).await.body);
    assert!(
        mine.contains("This has changed: it is now at 12 High Street, Room 3 (it was at Northbridge Jobcentre)."),
        "{mine}"
    );
    assert!(!mine.contains("This has moved.") && !mine.contains("You said you will be there."), "{mine}");
    let desk = app.get(&format!("/caseload/{JAY}/appointments"), Some(&sam)).await.body;
    assert!(card(&desk, &format!("id=\"a-{id}\"")).contains("No answer yet"), "asked again: {desk}");

    // A new kind adds to it; the place change is still told.
    change(moved_place.replace("form[kind]=job_centre", "form[kind]=housing")).await;
    let mine = person_card(app.get("/me/appointments", Some(&jay)).await.body);
    assert!(
        mine.contains(
            "This has changed: it is now at 12 High Street, Room 3 (it was at Northbridge Jobcentre). \
             It is now for: Housing (it was for: Job centre)."
        ),
        "{mine}"
    );
    // Kept as `moved_from` is: a later change of the time says it has moved too.
    change(moved_place.replace("form[kind]=job_centre", "form[kind]=housing").replace("10:30", "11:45")).await;
    let mine = person_card(app.get("/me/appointments", Some(&jay)).await.body);
    assert!(mine.contains("This has moved.") && mine.contains("it is now at 12 High Street, Room 3"), "{mine}");
    // The calendar file has the new place.
    let ics = app.get(&format!("/me/appointments/{id}/calendar.ics"), Some(&jay)).await.body;
    assert!(ics.contains("LOCATION:12 High Street\\, Room 3"), "{ics}");
}

/// The week as a picture on the person's home (issue 16.2): the curfew shaded
/// on every day, each appointment this week a mark that opens it, the same in words.
#[tokio::test]
async fn the_week_on_the_home_shows_the_curfew_and_each_appointment_this_week() {
    let app = TestApp::new();
    let sam = app.practitioner(seed::DEMO_PRACTITIONER).await;
    let jay = app.person(seed::DEMO_PERSON_NUMBER, seed::DEMO_PERSON_PIN).await;
    let home = app.get("/me", Some(&jay)).await.body;
    assert!(home.contains(r#"class="week-picture""#), "{home}");
    // Jay's curfew is 7 pm to 7 am: each of the seven days has its morning and its evening.
    assert_eq!(home.matches(r#"class="week-home""#).count(), 14);
    assert_eq!(home.matches(r#"class="week-now""#).count(), 1, "today is marked");

    let soon = set_appointment(&app, &sam, &future_date(2)).await;
    let later = set_appointment(&app, &sam, &future_date(10)).await;
    let home = app.get("/me", Some(&jay)).await.body;
    let mark = |id: i64| format!(r#"<a class="week-mark" href="/me/appointments#a-{id}""#);
    assert!(home.contains(&mark(soon)), "this week's appointment is on the picture");
    assert!(!home.contains(&mark(later)), "next week's is not");
    assert!(home.contains("Job centre at 10:30 am."), "and in words, on its day");

    let r = app
        .call(
            "/api/cancel_appointment",
            &format!("case_id={JAY}&appointment_id={soon}&cancel_reason=Office+closed"),
            Some(&sam),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.message());
    assert!(!app.get("/me", Some(&jay)).await.body.contains(&mark(soon)), "a cancelled one goes");
}
