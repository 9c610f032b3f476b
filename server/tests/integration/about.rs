//! "About me" (issue 12.1) and appointments that respect it (12.2): the person
//! keeps it from a form or from the phone's outbox; the practitioner reads it,
//! suggests times, and is warned before setting an appointment that clashes.

use super::common::*;
use axum::http::StatusCode;
use serde_json::json;
use server::seed;

/// The next `weekday` (0 = Monday) after today, at least `min_days` away, as 2026-12-04.
fn next_day(weekday: i8, min_days: i64) -> String {
    let mut d = jiff::Timestamp::now().to_zoned(app::format::london()).date();
    d = d.checked_add(jiff::Span::new().days(min_days)).unwrap();
    while d.weekday().to_monday_zero_offset() != weekday {
        d = d.tomorrow().unwrap();
    }
    d.to_string()
}

fn appointment(date: &str, time: &str, minutes: u32, extra: &str) -> String {
    format!(
        "case_id={JAY}&form[kind]=training_or_work&form[date]={date}&form[time]={time}&form[duration_min]={minutes}\
         &form[place]=Northbridge+College&form[room]=&form[with_whom]=&form[bring]=&form[notes]=&form[phone]=\
         &form[repeat]=none&form[repeat_count]={extra}"
    )
}

#[tokio::test]
async fn the_person_says_it_once_and_their_officer_sees_it() {
    let app = TestApp::new();
    let jay = app.person(seed::DEMO_PERSON_NUMBER, seed::DEMO_PERSON_PIN).await;
    let sam = app.practitioner(seed::DEMO_PRACTITIONER).await;
    let page = app.get("/me/about", Some(&jay)).await.body;
    assert!(page.contains("Friday prayers, every Friday, 12:30 pm to 2 pm"), "the seeded time: {page}");

    let r = app
        .call(
            "/api/save_about_me",
            "form[reach_call]=on&form[help_quiet_room]=on&form[working_on]=+A+forklift+licence+",
            Some(&jay),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.message());
    let r = app
        .call(
            "/api/add_busy_time",
            "form[kind]=childcare&form[name]=School+run&form[how_often]=weekly&form[day]=wednesday\
             &form[from]=08:15&form[to]=09:15",
            Some(&jay),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.message());
    let page = app.get("/me/about", Some(&jay)).await.body;
    assert!(page.contains("School run, every Wednesday, 8:15 am to 9:15 am"), "{page}");
    assert!(page.contains("A forklift licence"));

    let before = app.audit_rows(JAY).len();
    let desk = app.get(&format!("/caseload/{JAY}/about"), Some(&sam)).await.body;
    assert!(desk.contains("A phone call") && desk.contains("A quiet room"), "{desk}");
    assert!(desk.contains("A forklift licence") && desk.contains("School run, every Wednesday"));
    assert!(!desk.contains("A text message"), "Jay untickeded text: only what is ticked now shows");
    let case = app.get(&format!("/caseload/{JAY}"), Some(&sam)).await.body;
    assert!(case.contains("What Jay told us") && case.contains("Friday prayers"), "{case}");
    let rows = app.audit_rows_since(JAY, before);
    assert!(rows.iter().any(|(_, action, _)| action == "read:about_me"), "{rows:?}");
    let looked = app.get("/me/who-has-looked", Some(&jay)).await.body;
    assert!(looked.contains("what you told us about you"), "{looked}");

    // Taken away by the person, gone for the officer too.
    let school: i64 = app
        .backend
        .store_for_tests()
        .read()
        .unwrap()
        .query_row("SELECT id FROM busy_time WHERE name = 'School run'", (), |r| r.get(0))
        .unwrap();
    let r = app.call("/api/remove_busy_time", &format!("busy_id={school}"), Some(&jay)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.message());
    let desk = app.get(&format!("/caseload/{JAY}/about"), Some(&sam)).await.body;
    assert!(!desk.contains("School run"));
    // Nobody else's: Alex cannot take away Jay's prayers.
    let alex = app.person(ALEX_NUMBER, ALEX_PIN).await;
    assert_eq!(app.call("/api/remove_busy_time", "busy_id=1", Some(&alex)).await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn bad_times_get_a_clear_reason_and_keep_what_was_typed() {
    let app = TestApp::new();
    let jay = app.person(seed::DEMO_PERSON_NUMBER, seed::DEMO_PERSON_PIN).await;
    let count = || app.count("SELECT COUNT(*) FROM busy_time");
    let before = count();
    for (form, field, says) in [
        (
            "form[kind]=work&form[how_often]=weekly&form[from]=09:00&form[to]=17:00",
            "day",
            "Choose the day of the week.",
        ),
        (
            "form[kind]=work&form[how_often]=once&form[date]=2020-01-01&form[from]=09:00&form[to]=17:00",
            "busy_date",
            "That date has passed. Enter a date from today on.",
        ),
        (
            "form[kind]=work&form[how_often]=weekly&form[day]=monday&form[from]=9am&form[to]=17:00",
            "from",
            "Enter the time it starts, like 12:30.",
        ),
        (
            "form[how_often]=weekly&form[day]=monday&form[from]=09:00&form[to]=17:00",
            "busy_kind",
            "Choose what this time is for.",
        ),
    ] {
        let r = app.call("/api/add_busy_time", &format!("{form}&form[name]=Early+shift"), Some(&jay)).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{form}");
        assert_eq!(r.message(), says);
        let error: app::error::AppError = serde_json::from_str(&r.body).expect("an error");
        assert_eq!(error.field(), Some(field));
        assert_eq!(error.kept("busy_name").as_deref(), Some("Early shift"), "nothing typed is lost");
    }
    let long = format!("form[reach_text]=on&form[working_on]={}", "x".repeat(600));
    let r = app.call("/api/save_about_me", &long, Some(&jay)).await;
    assert_eq!(r.message(), "Keep this to 500 characters or fewer.");
    assert_eq!(count(), before, "nothing was added");
}

#[tokio::test]
async fn an_appointment_in_friday_prayers_is_warned_about_and_set_only_with_a_reason_jay_sees() {
    let app = TestApp::new();
    let sam = app.practitioner(seed::DEMO_PRACTITIONER).await;
    let jay = app.person(seed::DEMO_PERSON_NUMBER, seed::DEMO_PERSON_PIN).await;
    let friday = next_day(4, 1);
    let appointments = || app.count("SELECT COUNT(*) FROM appointment");
    let before = appointments();
    let r = app.call("/api/save_appointment", &appointment(&friday, "13:00", 30, ""), Some(&sam)).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let error: app::error::AppError = serde_json::from_str(&r.body).expect("an error");
    assert_eq!(error.field(), Some("clash_reason"));
    assert!(
        r.message().starts_with(
            "Jay said they cannot do: Friday prayers, every Friday, 12:30 pm to 2 pm. This clashes on Friday"
        ),
        "{}",
        r.message()
    );
    assert!(r.message().ends_with("They will see what you write."));
    assert_eq!(error.kept("time").as_deref(), Some("13:00"), "the form comes back as typed");
    assert_eq!(appointments(), before, "nothing set before the reason");

    // After prayers (and clear of Jay's other appointments): no clash, no reason asked.
    let r = app.call("/api/save_appointment", &appointment(&friday, "14:30", 30, ""), Some(&sam)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.message());

    let with_reason =
        format!("{}&form[clash_reason]=The+college+only+runs+the+test+then.", appointment(&friday, "13:00", 30, ""));
    let r = app.call("/api/save_appointment", &with_reason, Some(&sam)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.message());
    let page = app.get("/me/appointments", Some(&jay)).await.body;
    assert!(page.contains("Why it has to be then: The college only runs the test then."), "{page}");

    // A weekly repeat is checked at every occurrence: the fourth is a Friday in prayers.
    let first: jiff::civil::Date = friday.parse().unwrap();
    let d = first.checked_add(jiff::Span::new().days(21)).unwrap();
    let r = app
        .call(
            "/api/add_busy_time",
            &format!("form[kind]=other&form[name]=Daughter%27s+wedding&form[how_often]=once&form[date]={d}&form[from]=10:00&form[to]=18:00"),
            Some(&jay),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.message());
    let weekly = appointment(&friday, "16:00", 60, "6").replace("form[repeat]=none", "form[repeat]=weekly");
    let r = app.call("/api/save_appointment", &weekly, Some(&sam)).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "the fourth week is the wedding");
    assert!(r.message().contains("Daughter's wedding"), "{}", r.message());
    let three = appointment(&friday, "16:00", 60, "3").replace("form[repeat]=none", "form[repeat]=weekly");
    assert_eq!(app.call("/api/save_appointment", &three, Some(&sam)).await.status, StatusCode::OK);

    // Another appointment at the same time is a clash too.
    let r = app.call("/api/save_appointment", &appointment(&friday, "14:45", 30, ""), Some(&sam)).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.message().contains("Jay already has an appointment then: Training or work."), "{}", r.message());
}

#[tokio::test]
async fn a_suggested_time_is_the_persons_to_add_or_turn_down() {
    let app = TestApp::new();
    let sam = app.practitioner(seed::DEMO_PRACTITIONER).await;
    let jay = app.person(seed::DEMO_PERSON_NUMBER, seed::DEMO_PERSON_PIN).await;
    let suggest = |day: &str| {
        format!(
            "case_id={JAY}&form[kind]=work&form[name]=Warehouse+shift&form[how_often]=weekly&form[day]={day}\
             &form[from]=06:00&form[to]=14:00&note=You+told+me+about+the+new+job."
        )
    };
    for day in ["tuesday", "thursday"] {
        let r = app.call("/api/suggest_busy_time", &suggest(day), Some(&sam)).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.message());
    }
    let page = app.get("/me/about", Some(&jay)).await.body;
    assert!(
        page.contains("Sam Okafor asks if they should add: </strong>Warehouse shift, every Tuesday, 6 am to 2 pm"),
        "{page}"
    );
    assert!(page.contains("Sam Okafor says: You told me about the new job."));
    // New on the home page, until answered.
    let home = app.get("/me", Some(&jay)).await.body;
    assert!(home.contains("A time to add or not: </strong>"), "{home}");
    assert!(home.contains("Warehouse shift, every Tuesday, 6 am to 2 pm"), "{home}");
    let ids: Vec<i64> = {
        let conn = app.backend.store_for_tests().read().unwrap();
        let mut stmt = conn.prepare("SELECT id FROM busy_suggestion ORDER BY id").unwrap();
        let mut rows = stmt.query(()).unwrap();
        let mut out = Vec::new();
        while let Some(r) = rows.next().unwrap() {
            out.push(r.get(0).unwrap());
        }
        out
    };
    let answer = |id: i64, a: &str| format!("suggestion_id={id}&answer={a}");
    assert_eq!(app.call("/api/answer_suggestion", &answer(ids[0], "accept"), Some(&jay)).await.status, StatusCode::OK);
    assert_eq!(app.call("/api/answer_suggestion", &answer(ids[1], "decline"), Some(&jay)).await.status, StatusCode::OK);
    // A second answer changes nothing: the first stands.
    assert_eq!(app.call("/api/answer_suggestion", &answer(ids[1], "accept"), Some(&jay)).await.status, StatusCode::OK);
    let page = app.get("/me/about", Some(&jay)).await.body;
    assert!(
        page.contains("Warehouse shift, every Tuesday, 6 am to 2 pm") && !page.contains("every Thursday"),
        "{page}"
    );
    assert!(!page.contains("asks if they should add"), "nothing left to answer");
    assert!(!app.get("/me", Some(&jay)).await.body.contains("A time to add or not"), "answered: no longer new");
    let desk = app.get(&format!("/caseload/{JAY}/about"), Some(&sam)).await.body;
    assert!(desk.contains("Added by Jay") && desk.contains("Jay said no"), "{desk}");
    // The officer cannot add it themselves: only a suggestion, and only for their own case.
    let priya = app.practitioner(seed::DEMO_COLLEAGUE).await;
    assert_eq!(
        app.call("/api/suggest_busy_time", &suggest("friday"), Some(&priya)).await.status,
        StatusCode::NOT_FOUND
    );
    let bad = suggest("someday");
    let r = app.call("/api/suggest_busy_time", &bad, Some(&sam)).await;
    assert_eq!(r.message(), "Choose the day of the week.");
}

#[tokio::test]
async fn about_me_syncs_from_the_phone_and_a_bad_time_is_refused_with_its_reason() {
    let app = TestApp::new();
    let jay = app.person(seed::DEMO_PERSON_NUMBER, seed::DEMO_PERSON_PIN).await;
    let first = app.sync_ok(json!({"version": 1, "since": 0, "ops": []}), &jay).await;
    let snapshot = first.changes.expect("the case");
    assert_eq!(snapshot.about.busy.len(), 1, "Friday prayers");
    let prayers = snapshot.about.busy[0].id.0;
    let ops = json!([
        {"id": "op-about-0001", "kind": "about_me", "reach": "letter read_aloud", "helps": "someone_with_me", "text": "Staying well"},
        {"id": "op-about-0002", "kind": "busy", "busy_kind": "treatment", "name": "Clinic", "how_often": "weekly", "day": "tuesday", "from": "09:00", "to": "10:00"},
        {"id": "op-about-0003", "kind": "busy", "busy_kind": "work", "how_often": "weekly", "day": "tuesday", "from": "9am", "to": "10:00"},
        {"id": "op-about-0004", "kind": "not_busy", "busy": prayers},
        {"id": "op-about-0005", "kind": "not_busy", "busy": prayers},
    ]);
    let answer = app.sync_ok(json!({"version": 1, "since": first.cursor, "ops": ops}), &jay).await;
    let outcomes = TestApp::outcomes(&answer);
    assert_eq!(
        outcomes,
        [
            "applied",
            "applied",
            "Enter the time it starts, like 12:30.",
            "applied",
            "This time was already taken off your list."
        ]
    );
    let about = answer.changes.expect("the case changed").about;
    assert_eq!(about.prefs.working_on.as_deref(), Some("Staying well"));
    assert_eq!(about.busy.len(), 1);
    assert_eq!(about.busy[0].busy.words(), "Clinic, every Tuesday, 9 am to 10 am");
    // Sent again (its answer lost): nothing happens twice.
    let again = json!([{"id": "op-about-0002", "kind": "busy", "busy_kind": "treatment", "name": "Clinic", "how_often": "weekly", "day": "tuesday", "from": "09:00", "to": "10:00"}]);
    app.sync_ok(json!({"version": 1, "since": 0, "ops": again}), &jay).await;
    assert_eq!(app.count("SELECT COUNT(*) FROM busy_time"), 1);
}
