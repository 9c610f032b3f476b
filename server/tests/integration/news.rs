//! What is new on the person's home: an answer, a letter, a changed rule, a
//! moved appointment, each a link to its own card; cleared only by the
//! person's own answers and readings, never by a page being opened.

use super::common::*;
use axum::http::StatusCode;
use server::seed;

/// The home's "What is new" list, one "label: link text -> href" per line.
fn news(home: &str) -> Vec<String> {
    let section = home.split("id=\"news-heading\"").nth(1).and_then(|s| s.split("</section>").next()).unwrap_or("");
    section
        .split("<li>")
        .skip(1)
        .map(|li| {
            let label = li.split("<strong>").nth(1).and_then(|s| s.split("</strong>").next()).unwrap_or("");
            let href = li.split("href=\"").nth(1).and_then(|s| s.split('"').next()).unwrap_or("");
            let text = li.split("\">").nth(1).and_then(|s| s.split("</a>").next()).unwrap_or("");
            format!("{label}{text} -> {href}")
        })
        .collect()
}

#[tokio::test]
async fn home_starts_with_what_is_new_until_the_person_answers_or_reads_it() {
    let app = TestApp::new();
    let sam = app.practitioner(seed::DEMO_PRACTITIONER).await;
    let jay = app.person(seed::DEMO_PERSON_NUMBER, seed::DEMO_PERSON_PIN).await;
    let home = app.get("/me", Some(&jay)).await.body;
    assert_eq!(news(&home), vec!["A new letter: Why you have a curfew -> /me/licence#letter-1"]);
    assert!(home.find("What is new") < home.find("Your next appointment"), "what is new comes first: {home}");

    // Sam answers Jay's question (on the second rule), changes the first rule and moves an appointment.
    let r = app
        .call("/api/reply_to_question", &format!("case_id={JAY}&condition_id=2&reply=Yes,+it+does."), Some(&sam))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.message());
    let r = app
        .call("/api/edit_condition", &format!("case_id={JAY}&condition_id=1&explanation=Be+kind."), Some(&sam))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.message());
    let date =
        jiff::Timestamp::now().to_zoned(app::format::london()).date().checked_add(jiff::Span::new().days(9)).unwrap();
    let moved = format!(
        "case_id={JAY}&appointment_id=1&form[kind]=supervision&form[date]={date}&form[time]=11:00&form[duration_min]=45\
         &form[place]=Northbridge+Probation+Office,+1+Station+Road&form[room]=&form[with_whom]=Sam+Okafor\
         &form[bring]=Your+licence&form[notes]=&form[phone]=&form[repeat]=none&form[repeat_count]="
    );
    let r = app.call("/api/save_appointment", &moved, Some(&sam)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.message());

    let expected_items = 4;
    for path in ["/me/licence", "/me/appointments", "/me", "/me/licence#letter-1"] {
        app.get(path, Some(&jay)).await; // opening a page is not answering it
    }
    let home = app.get("/me", Some(&jay)).await.body;
    let items = news(&home);
    assert_eq!(items.len(), expected_items, "{items:?}");
    assert!(
        items[0].starts_with("An answer to your question: ") && items[0].ends_with(" -> /me/licence#c-2"),
        "{items:?}"
    );
    assert_eq!(items[1], "A new letter: Why you have a curfew -> /me/licence#letter-1");
    assert!(items[2].starts_with("A rule changed: ") && items[2].ends_with(" -> /me/licence#c-1"), "{items:?}");
    assert!(
        items[3].starts_with("An appointment moved: Probation meeting: ")
            && items[3].ends_with("11 am -> /me/appointments#a-1"),
        "{items:?}"
    );

    // On the licence page, the answered question says so.
    let licence = app.get("/me/licence", Some(&jay)).await.body;
    let card = licence.split("id=\"c-2\"").nth(1).and_then(|c| c.split("</summary>").next()).unwrap_or_default();
    assert!(card.contains(">Answered<") && !card.contains("Not read yet"), "{card}");
    let desk = app.get(&format!("/caseload/{JAY}/licence"), Some(&sam)).await.body;
    assert!(desk.contains("Answered, not confirmed yet"), "{desk}");

    // The person's own acts clear each one.
    for (path, form) in [
        ("/api/answer_condition", "condition_id=2&answer=understood"),
        ("/api/read_letter", "explanation_id=1"),
        ("/api/answer_condition", "condition_id=1&answer=understood"),
        ("/api/answer_appointment", "appointment_id=1&answer=attending"),
    ] {
        let r = app.call(path, form, Some(&jay)).await;
        assert_eq!(r.status, StatusCode::OK, "{path}: {}", r.body);
        let left = news(&app.get("/me", Some(&jay)).await.body).len();
        assert!(left < expected_items, "{path} cleared its item");
    }
    let home = app.get("/me", Some(&jay)).await.body;
    assert!(news(&home).is_empty() && home.contains("Nothing new for you right now."), "{home}");
}
