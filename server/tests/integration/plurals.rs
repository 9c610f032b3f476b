//! Counts read as English: with one of everything, no rendered page says
//! "1 rules", "1 people" or "1 open questions" (`app::format::count`).

use super::cases::{activate, open_case};
use super::common::*;
use axum::http::StatusCode;

/// Every "1 <word ending in s>" a reader sees on a page (or "1 open <…s>"),
/// but words that are singular anyway.
fn one_plurals(page: &str) -> Vec<String> {
    let singular_anyway = ["bus", "address", "class", "status"];
    let describing = ["open", "new", "more", "other"];
    let text = super::plain_words::visible_blocks(&format!("<body>{page}</body>")).join(" ");
    let words: Vec<&str> = text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    let plural = |w: &str| w.len() > 2 && w.ends_with('s') && !singular_anyway.contains(&w);
    words
        .windows(3)
        .filter(|w| w[0] == "1" && (plural(w[1]) || (describing.contains(&w[1]) && plural(w[2]))))
        .map(|w| w.join(" "))
        .collect()
}

#[test]
fn the_check_finds_a_plural_after_one() {
    assert_eq!(
        one_plurals("<p>1 rules. 2 rules. 1 rule. 1 of 2 steps. 1 bus pass. 1 open questions. 1 appointment needs</p>"),
        ["1 rules 2", "1 open questions"]
    );
}

#[tokio::test]
async fn with_one_of_everything_no_page_says_one_of_a_plural() {
    let app = TestApp::new();
    // A practitioner with a caseload of one: one case, one rule, one question, one step, one answer to look at.
    let robin = app.office_admin("Southbank Probation Office", "Southbank", "robin@southbank.example").await;
    let case = open_case(&app, &robin, "Kim").await;
    let r = app
        .call(
            "/api/add_bespoke_condition",
            &format!("case_id={case}&licence=ap&bespoke_text=Be+in+by+ten"),
            Some(&robin),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.message());
    {
        let conn = app.backend.store_for_tests().write().unwrap();
        conn.execute("DELETE FROM step WHERE case_id = ?1 AND guide_key <> 'gp'", [case]).unwrap();
        conn.execute("UPDATE service SET checked_on = '2025-01-01' WHERE name = 'Samaritans'", ()).unwrap();
    }
    let date =
        jiff::Timestamp::now().to_zoned(app::format::london()).date().checked_add(jiff::Span::new().days(5)).unwrap();
    let appointment = format!(
        "case_id={case}&form[kind]=gp&form[date]={date}&form[time]=10:00&form[duration_min]=30&form[place]=Surgery\
         &form[room]=&form[with_whom]=&form[bring]=&form[notes]=&form[phone]=&form[repeat]=none&form[repeat_count]="
    );
    assert_eq!(app.call("/api/save_appointment", &appointment, Some(&robin)).await.status, StatusCode::OK);
    let person = activate(&app, case).await;
    let (condition, appointment): (i64, i64) = {
        let conn = app.backend.store_for_tests().read().unwrap();
        let c = conn.query_row("SELECT id FROM case_condition WHERE case_id = ?1", [case], |r| r.get(0)).unwrap();
        let a = conn.query_row("SELECT id FROM appointment WHERE case_id = ?1", [case], |r| r.get(0)).unwrap();
        (c, a)
    };
    let ask = format!("condition_id={condition}&answer=question&question=Is+ten+too+late%3F");
    assert_eq!(app.call("/api/answer_condition", &ask, Some(&person)).await.status, StatusCode::OK);
    let change = format!("appointment_id={appointment}&answer=change&reason=I+work+then");
    assert_eq!(app.call("/api/answer_appointment", &change, Some(&person)).await.status, StatusCode::OK);

    let caseload = app.get("/caseload", Some(&robin)).await.body;
    assert!(caseload.contains("1 person."), "{caseload}");
    assert!(caseload.contains("1 open question") && caseload.contains("1 appointment needs a look"), "{caseload}");
    let mut found = Vec::new();
    for (path, cookie) in [
        ("/caseload".to_owned(), &robin),
        (format!("/caseload/{case}"), &robin),
        (format!("/caseload/{case}/licence"), &robin),
        (format!("/caseload/{case}/steps"), &robin),
        (format!("/caseload/{case}/appointments"), &robin),
        ("/caseload/hope".to_owned(), &robin),
        ("/me".to_owned(), &person),
        ("/me/licence".to_owned(), &person),
        ("/me/steps".to_owned(), &person),
        ("/me/appointments".to_owned(), &person),
    ] {
        let page = app.get(&path, Some(cookie)).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        found.extend(one_plurals(&page.body).into_iter().map(|p| format!("{path}: {p}")));
    }
    assert!(found.is_empty(), "one of a plural: {found:?}");
    let home = app.get("/me", Some(&person)).await.body;
    assert!(home.contains("Your licence has 1 rule.") && home.contains("You asked 1 question."), "{home}");
    assert!(app.get("/me/steps", Some(&person)).await.body.contains("You have done 0 of 1 step."));
    assert!(app.get("/caseload/hope", Some(&robin)).await.body.contains("1 service not checked for six months"));
}
