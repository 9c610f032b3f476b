//! The plain-words pack on paper (issue 16.3): everything a person without a
//! phone needs, from the case, for its practitioner only.

use crate::common::*;
use axum::http::StatusCode;
use server::seed;

#[tokio::test]
async fn the_pack_holds_the_rules_appointments_steps_officer_and_local_help() {
    let app = TestApp::new();
    let sam = app.practitioner(seed::DEMO_PRACTITIONER).await;
    let r = app.get(&format!("/caseload/{JAY}/pack"), Some(&sam)).await;
    assert_eq!(r.status, StatusCode::OK);
    let pack = &r.body;
    assert!(pack.contains("Your licence in plain words, Jay"));
    // The officer and where to find them.
    let (name, office, address): (String, String, String) = app
        .backend
        .store_for_tests()
        .read()
        .unwrap()
        .query_row(
            "SELECT p.name, o.name, o.address FROM cases c JOIN practitioner p ON p.id = c.practitioner_id
             JOIN office o ON o.id = c.office_id WHERE c.id = ?1",
            [JAY],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    for words in [&name, &office, &address, &format!("Email: {}", seed::DEMO_PRACTITIONER)] {
        assert!(pack.contains(&html_escape(words)), "missing {words}");
    }
    // Every rule, with the exact official words beside the plain ones.
    let rules = app.count(&format!("SELECT COUNT(*) FROM case_condition WHERE case_id = {JAY} AND removed_at IS NULL"));
    assert_eq!(pack.matches(r#"<li class="pack-rule">"#).count() as i64, rules);
    assert_eq!(pack.matches("The exact words on your licence: ").count() as i64, rules);
    assert!(
        pack.contains("Be home by 7pm tonight") || pack.contains("You should be at home now"),
        "the curfew's hours"
    );
    // The next appointment, the steps with what to bring, help nearby with its QR code.
    assert!(pack.contains("Tomorrow, 10:30 am"), "the next appointment");
    assert!(pack.contains("What to bring: "));
    assert!(pack.contains("<svg") && pack.contains("Call now, free") && pack.contains("Samaritans"));
    assert!(pack.contains("Call 999"));
    // The week as a picture, as on the person's home: the curfew on each of seven days.
    assert!(pack.contains(r#"class="week-picture""#));
    assert_eq!(pack.matches(r#"class="week-home""#).count(), 14);
}

#[tokio::test]
async fn printing_a_pack_is_recorded_once_for_each_part_of_the_case() {
    let app = TestApp::new();
    let sam = app.practitioner(seed::DEMO_PRACTITIONER).await;
    let reads =
        |part: &str| app.count(&format!("SELECT COUNT(*) FROM audit WHERE case_id = {JAY} AND action = 'read:{part}'"));
    let parts = ["case", "licence", "appointments", "steps"];
    let before: Vec<i64> = parts.iter().map(|p| reads(p)).collect();
    app.get(&format!("/caseload/{JAY}/pack"), Some(&sam)).await;
    let after: Vec<i64> = parts.iter().map(|p| reads(p)).collect();
    let added: Vec<i64> = after.iter().zip(&before).map(|(a, b)| a - b).collect();
    assert_eq!(added, [1, 1, 1, 1], "{parts:?}");
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('\'', "&#x27;")
}
