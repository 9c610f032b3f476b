//! Handover (issue 12.3): a case moves to another practitioner with written
//! notes; the old one loses it at once, the new one reads and confirms, the
//! person is told plainly, and the case keeps everything it had.

use super::common::*;
use axum::http::StatusCode;
use server::seed;

const MOVE: &str = "/api/move_case";

fn move_form(case: i64, to: &str, going_well: &str) -> String {
    format!(
        "case_id={case}&form[to_email]={}&form[going_well]={going_well}&form[working_on]=A+forklift+licence\
         &form[open_items]=&form[steps]=&form[keep_in_mind]=Nervous+in+big+rooms",
        to.replace('@', "%40")
    )
}

#[tokio::test]
async fn a_case_moves_with_its_handover_and_the_old_practitioner_loses_it() {
    let app = TestApp::new();
    let sam = app.practitioner(seed::DEMO_PRACTITIONER).await;
    let priya = app.practitioner(seed::DEMO_COLLEAGUE).await;
    let jay = app.person(seed::DEMO_PERSON_NUMBER, seed::DEMO_PERSON_PIN).await;

    // The form starts from what Waymark knows: Jay's open question is there.
    let form = app.get(&format!("/caseload/{JAY}/move"), Some(&sam)).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("A question about the rule"), "{}", form.body);
    assert!(form.body.contains(seed::DEMO_COLLEAGUE), "colleagues are offered: {}", form.body);

    // Bad input: a clear message, and what was typed comes back.
    let r = app.call(MOVE, &move_form(JAY, "nobody@example.gov.uk", "Kept+every+appointment"), Some(&sam)).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.message().contains("No practitioner has the email nobody@example.gov.uk"), "{}", r.message());
    let r = app.call(MOVE, &move_form(JAY, seed::DEMO_COLLEAGUE, ""), Some(&sam)).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.message().starts_with("Write what is going well"), "{}", r.message());
    let r = app.call(MOVE, &move_form(JAY, seed::DEMO_PRACTITIONER, "Fine"), Some(&sam)).await;
    assert!(r.message().contains("has this case already"), "{}", r.message());
    let from = format!("/caseload/{JAY}/move");
    let r = app.post_form(MOVE, &move_form(JAY, "nobody@example.gov.uk", "Kept+going"), &from, Some(&sam)).await;
    assert_eq!(r.location.as_deref(), Some(from.as_str()));
    let again = app.follow(&r, Some(&sam)).await.body;
    assert!(again.contains("nobody@example.gov.uk") && again.contains("Kept going"), "kept: {again}");
    // Priya does not have Jay: she may not move the case, and learns nothing of it.
    let r = app.call(MOVE, &move_form(JAY, seed::DEMO_COLLEAGUE, "x"), Some(&priya)).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(app.get(&format!("/caseload/{JAY}/handover"), Some(&priya)).await.status, StatusCode::NOT_FOUND);

    let r = app.call(MOVE, &move_form(JAY, seed::DEMO_COLLEAGUE, "Kept+every+appointment"), Some(&sam)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.message());

    // Sam lost it the moment it moved; Priya has it, with everything in it.
    for path in [format!("/caseload/{JAY}"), format!("/caseload/{JAY}/licence"), format!("/caseload/{JAY}/handover")] {
        assert_eq!(app.get(&path, Some(&sam)).await.status, StatusCode::NOT_FOUND, "{path} as Sam");
    }
    assert!(!app.get("/caseload", Some(&sam)).await.body.contains(&format!("/caseload/{JAY}\"")));
    let licence = app.get(&format!("/caseload/{JAY}/licence"), Some(&priya)).await.body;
    assert!(licence.contains("Does my mum&#x27;s flat count") || licence.contains("Does my mum's flat count"));
    let caseload = app.get("/caseload", Some(&priya)).await.body;
    assert!(caseload.contains("1 handover to read"), "{caseload}");
    assert!(caseload.contains(&format!("/caseload/{JAY}/handover")));

    // Priya reads it and says so; the caseload stops asking.
    let page = app.get(&format!("/caseload/{JAY}/handover"), Some(&priya)).await.body;
    for words in
        ["Kept every appointment", "A forklift licence", "Nervous in big rooms", "Moved from Sam Okafor to Priya Shah"]
    {
        assert!(page.contains(words), "{words}: {page}");
    }
    let id: i64 = app
        .backend
        .store_for_tests()
        .read()
        .unwrap()
        .query_row("SELECT id FROM handover WHERE case_id = ?1", [JAY], |r| r.get(0))
        .unwrap();
    // Only the practitioner it was written for confirms it.
    let r = app.call("/api/confirm_handover", &format!("case_id={JAY}&handover_id={id}"), Some(&sam)).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = app.call("/api/confirm_handover", &format!("case_id={JAY}&handover_id={id}"), Some(&priya)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.message());
    assert!(!app.get("/caseload", Some(&priya)).await.body.contains("handover to read"));
    assert!(app.get(&format!("/caseload/{JAY}/handover"), Some(&priya)).await.body.contains("Read "));

    // The person is told plainly, with how to reach the new officer; never the notes.
    let home = app.get("/me", Some(&jay)).await.body;
    assert!(
        home.contains("Your new probation officer is Priya Shah. Sam has told Priya about your plan, so you do not need to start again."),
        "{home}"
    );
    assert!(home.contains("A new probation officer") && home.contains(seed::DEMO_COLLEAGUE), "{home}");
    assert!(!home.contains("Nervous in big rooms"));
    let looked = app.get("/me/who-has-looked", Some(&jay)).await.body;
    assert!(looked.contains("moved your case to Priya Shah"), "{looked}");
    let moved: String = app
        .backend
        .store_for_tests()
        .read()
        .unwrap()
        .query_row("SELECT detail FROM audit WHERE case_id = ?1 AND action = 'case_moved'", [JAY], |r| r.get(0))
        .unwrap();
    assert_eq!(moved, "Priya Shah");
}

#[tokio::test]
async fn an_office_admin_moves_a_case_they_do_not_have() {
    let app = TestApp::new();
    let northbridge = app::model::OfficeId(1);
    let admin = app.staff(northbridge, "admin@test.waymark.example", app::model::Admin::Office).await;
    let other = app.office_admin("Southfield Probation Office", "Southfield", "south@test.waymark.example").await;
    let plain = app.staff(northbridge, "plain@test.waymark.example", app::model::Admin::No).await;

    let list = app.get("/caseload/office", Some(&admin)).await.body;
    assert!(list.contains("Jay") && list.contains("Sam Okafor") && list.contains("Move Jay"), "{list}");
    assert_eq!(app.get("/caseload/office", Some(&plain)).await.status, StatusCode::FORBIDDEN);
    // Another office's admin cannot move Northbridge's cases.
    assert!(!app.get("/caseload/office", Some(&other)).await.body.contains("Jay"));
    let r = app.call(MOVE, &move_form(JAY, "south@test.waymark.example", "Doing+well"), Some(&other)).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);

    // To a practitioner in another office: the case goes with them.
    let r = app.call(MOVE, &move_form(JAY, "south@test.waymark.example", "Doing+well"), Some(&admin)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.message());
    assert!(!app.get("/caseload/office", Some(&admin)).await.body.contains("Move Jay"));
    assert!(app.get("/caseload/office", Some(&other)).await.body.contains("Move Jay"));
    let jay = app.person(seed::DEMO_PERSON_NUMBER, seed::DEMO_PERSON_PIN).await;
    let home = app.get("/me", Some(&jay)).await.body;
    assert!(home.contains("Your probation office has told Robin about your plan"), "{home}");
    assert!(home.contains("Southfield Probation Office"), "{home}");
}
