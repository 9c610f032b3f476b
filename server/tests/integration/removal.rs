//! Taking something away at the desk asks first (a page a GET only shows), and
//! what went is kept: the licence history at the desk, plain words for the person.

use super::common::*;
use axum::http::StatusCode;
use server::seed;

/// Jay's third seeded condition (a standard one), and one of Alex's.
const JAY_CONDITION: i64 = 3;
const ALEX_CONDITION: i64 = 21;

fn rev(app: &TestApp, case: i64) -> i64 {
    app.backend
        .store_for_tests()
        .read()
        .unwrap()
        .query_row("SELECT rev FROM cases WHERE id = ?1", [case], |r| r.get(0))
        .unwrap()
}

fn live_conditions(app: &TestApp, case: i64) -> i64 {
    app.backend
        .store_for_tests()
        .read()
        .unwrap()
        .query_row("SELECT COUNT(*) FROM case_condition WHERE case_id = ?1 AND removed_at IS NULL", [case], |r| {
            r.get(0)
        })
        .unwrap()
}

#[tokio::test]
async fn removing_a_condition_asks_first_and_the_licence_history_keeps_it() {
    let app = TestApp::new();
    let sam = app.practitioner(seed::DEMO_PRACTITIONER).await;
    let jay = app.person(seed::DEMO_PERSON_NUMBER, seed::DEMO_PERSON_PIN).await;
    let licence = app.get(&format!("/caseload/{JAY}/licence"), Some(&sam)).await.body;
    let remove_page = format!("/caseload/{JAY}/licence/{JAY_CONDITION}/remove");
    assert!(licence.contains(&format!("href=\"{remove_page}\"")), "a link to the question, not a form: {licence}");
    assert!(!licence.contains("/api/remove_condition"), "nothing on the licence page removes at once");
    let headline = licence
        .split(&format!("id=\"c-{JAY_CONDITION}\""))
        .nth(1)
        .and_then(|s| s.split("<h2>").nth(1))
        .and_then(|s| s.split("</h2>").next())
        .expect("the condition's headline")
        .to_owned();

    // The question: it names the rule, and asking changes nothing.
    let (before, rev_before) = (live_conditions(&app, JAY), rev(&app, JAY));
    let page = app.get(&remove_page, Some(&sam)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Remove this condition from Jay’s licence?"), "{}", page.body);
    assert!(page.body.contains(&headline) && page.body.contains("Yes, remove it") && page.body.contains("No, keep it"));
    assert!(page.body.contains("action=\"/api/remove_condition\""), "the form posts the removal");
    assert_eq!((live_conditions(&app, JAY), rev(&app, JAY)), (before, rev_before), "a GET changes nothing");

    // Yes, as a plain form without JavaScript: back to the licence, the rule gone from it.
    let form = format!("case_id={JAY}&condition_id={JAY_CONDITION}");
    let r = app.post_form("/api/remove_condition", &form, &remove_page, Some(&sam)).await;
    assert_eq!(r.status, StatusCode::FOUND, "{}", r.body);
    assert_eq!(r.location.as_deref(), Some(&*format!("/caseload/{JAY}/licence")));
    assert_eq!(live_conditions(&app, JAY), before - 1);

    let desk = app.get(&format!("/caseload/{JAY}/licence"), Some(&sam)).await.body;
    let today = jiff::Timestamp::now().to_zoned(app::format::london()).date();
    let removed_line = format!("Removed on {} by Sam Okafor: ", app::format::date_long(today));
    let history = desk.split("Licence history").nth(1).expect("a licence history");
    assert!(history.contains(&removed_line) && history.contains(&headline), "{history}");
    assert!(!desk.contains(&format!("id=\"c-{JAY_CONDITION}\"")), "no longer on the licence");

    let person = app.get("/me/licence", Some(&jay)).await.body;
    let taken_off = person.split("Rules taken off your licence").nth(1).expect("told plainly");
    assert!(
        taken_off.contains("your probation officer took this rule off your licence. You do not have to keep it now:")
    );
    assert!(taken_off.contains(&headline), "{taken_off}");
    assert!(app.get("/me", Some(&jay)).await.body.contains("Your licence has 10 rules."));

    // Once gone, there is nothing to remove: the question and the action say so.
    assert_eq!(app.get(&remove_page, Some(&sam)).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.call("/api/remove_condition", &form, Some(&sam)).await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_removal_question_is_only_for_the_cases_own_conditions() {
    let app = TestApp::new();
    let sam = app.practitioner(seed::DEMO_PRACTITIONER).await;
    let priya = app.practitioner(seed::DEMO_COLLEAGUE).await;
    // Alex's condition through Jay's case: not found, for Sam as for anyone.
    let page = format!("/caseload/{JAY}/licence/{ALEX_CONDITION}/remove");
    assert_eq!(app.get(&page, Some(&sam)).await.status, StatusCode::NOT_FOUND);
    let page = format!("/caseload/{JAY}/licence/{JAY_CONDITION}/remove");
    assert_eq!(app.get(&page, Some(&priya)).await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn cancelling_an_appointment_asks_first_with_the_reason_on_the_question() {
    let app = TestApp::new();
    let sam = app.practitioner(seed::DEMO_PRACTITIONER).await;
    let jay = app.person(seed::DEMO_PERSON_NUMBER, seed::DEMO_PERSON_PIN).await;
    let status = |id: i64| -> String {
        app.backend
            .store_for_tests()
            .read()
            .unwrap()
            .query_row("SELECT status FROM appointment WHERE id = ?1", [id], |r| r.get(0))
            .unwrap()
    };
    let list = app.get(&format!("/caseload/{JAY}/appointments"), Some(&sam)).await.body;
    let question = format!("/caseload/{JAY}/appointments/2/cancel");
    assert!(list.contains(&format!("href=\"{question}\"")), "{list}");
    assert!(!list.contains("/api/cancel_appointment"), "nothing on the list cancels at once");

    let page = app.get(&question, Some(&sam)).await.body;
    assert!(page.contains("Cancel this appointment?") && page.contains("Job centre"), "{page}");
    assert!(page.contains("Jay will see that it is cancelled, with your reason."));
    assert_eq!(status(2), "scheduled", "a GET changes nothing");

    // A reason too long is refused, and what was typed comes back on the question.
    let long = "x".repeat(2100);
    let r = app
        .post_form(
            "/api/cancel_appointment",
            &format!("case_id={JAY}&appointment_id=2&cancel_reason={long}"),
            &question,
            Some(&sam),
        )
        .await;
    let back = r.location.clone().expect("back to the question");
    assert!(back.starts_with(&question), "{back}");
    assert_eq!(status(2), "scheduled");
    let again = app.follow(&r, Some(&sam)).await.body;
    assert!(again.contains("2000 characters or fewer") && again.contains(&long), "kept: {again}");

    let form = format!("case_id={JAY}&appointment_id=2&cancel_reason=The+job+centre+is+closed");
    let r = app.post_form("/api/cancel_appointment", &form, &question, Some(&sam)).await;
    assert_eq!(r.location.as_deref(), Some(&*format!("/caseload/{JAY}/appointments")));
    assert_eq!(status(2), "cancelled");
    assert!(app.get("/me/appointments", Some(&jay)).await.body.contains("The job centre is closed"));
    // A cancelled appointment has no question to ask.
    assert_eq!(app.get(&question, Some(&sam)).await.status, StatusCode::NOT_FOUND);
}
