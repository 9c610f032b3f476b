//! Where a person lives is the residence condition's own address input:
//! varying it tells the person "You now live at …", with the address before,
//! and leaves the official words and the explanation as they were.

use super::common::*;
use axum::http::StatusCode;
use server::seed;

/// Jay's "live at the agreed address" condition (policy 4.0, seeded second).
const RESIDENCE: i64 = 2;

async fn set_address(app: &TestApp, sam: &str, address: &str) {
    let form = format!(
        "case_id={JAY}&condition_id={RESIDENCE}&explanation=&details[homeAddress][]={}",
        app::format::url_encode(address)
    );
    let r = app.call("/api/edit_condition", &form, Some(sam)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.message());
}

#[tokio::test]
async fn varying_where_a_person_lives_changes_the_address_input_and_tells_them_plainly() {
    let app = TestApp::new();
    let sam = app.practitioner(seed::DEMO_PRACTITIONER).await;
    let jay = app.person(seed::DEMO_PERSON_NUMBER, seed::DEMO_PERSON_PIN).await;
    let edit = app.get(&format!("/caseload/{JAY}/licence/{RESIDENCE}/edit"), Some(&sam)).await.body;
    assert!(edit.contains("name=\"details[homeAddress][]\""), "the condition asks for the address: {edit}");
    assert!(edit.contains("To vary where they live, change it here"));

    set_address(&app, &sam, "Flat 3, 4 Low Road, Northbridge").await;
    let card = |page: &str| page.split(&format!("id=\"c-{RESIDENCE}\"")).nth(1).unwrap_or_default().to_owned();
    let page = card(&app.get("/me/licence", Some(&jay)).await.body);
    assert!(page.contains("You live at Flat 3, 4 Low Road, Northbridge."), "{page}");

    // The move: a new address in the same input.
    set_address(&app, &sam, "12 High Street\nNorthbridge NB1 2AB").await;
    let page = card(&app.get("/me/licence", Some(&jay)).await.body);
    assert!(page.contains("You now live at 12 High Street, Northbridge NB1 2AB."), "{page}");
    assert!(page.contains("Before, it was Flat 3, 4 Low Road, Northbridge."), "{page}");
    // A new version of the rule (to read again), not text in the explanation;
    // the official words stay as issued.
    let (explanation, details, version): (Option<String>, String, i64) = app
        .backend
        .store_for_tests()
        .read()
        .unwrap()
        .query_row("SELECT explanation, details_json, version FROM case_condition WHERE id = ?1", [RESIDENCE], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .unwrap();
    assert_eq!((explanation, version), (None, 3));
    assert!(details.contains("12 High Street"), "{details}");
    let official = page.split("The exact words on your licence").nth(1).unwrap_or_default();
    assert!(!official.split("</blockquote>").next().unwrap_or_default().contains("High Street"));

    let desk = app.get(&format!("/caseload/{JAY}/licence"), Some(&sam)).await.body;
    assert!(
        desk.contains("Agreed address: 12 High Street, Northbridge NB1 2AB. Before: Flat 3, 4 Low Road, Northbridge.")
    );

    // A supporter shown the licence rules never sees where the person lives.
    let share = "form[who]=Mum&form[licence]=on&form[length]=week";
    let token = super::share::make_link(&app, &jay, share).await;
    let shared = app.get(&format!("/shared/{token}"), None).await.body;
    assert!(shared.contains("Live at the agreed address"), "the rule is shared: {shared}");
    assert!(!shared.contains("High Street") && !shared.contains("Low Road"), "{shared}");
}
