//! National data (15.8): the helplines and step prices every office shows change
//! only by a national admin; an office admin changes only their own office.

use super::common::*;
use axum::http::StatusCode;
use server::seed;

/// The admin's form for the Samaritans, with another phone number.
fn samaritans_form(id: i64, phone: &str) -> String {
    let mut f = format!(
        "id={id}&form[name]=Samaritans&form[description]=Someone+to+talk+to.&form[need]=someone_to_talk_to\
         &form[who_for]=&form[free]=yes&form[referral]=no&form[phone]={phone}\
         &form[website]=https%3A%2F%2Fwww.samaritans.org&form[address]=&form[always_open]=on"
    );
    for i in 0..7 {
        f.push_str(&format!("&form[hours][{i}]="));
    }
    f
}

/// The Samaritans' card on the public hope corner.
fn public_card(page: &str) -> &str {
    page.split("<li class=\"service-card\">").find(|c| c.contains(">Samaritans<")).unwrap_or_default()
}

#[tokio::test]
async fn an_office_admin_cannot_hide_edit_or_check_a_national_helpline() {
    let app = TestApp::new();
    let sam = app.practitioner(seed::DEMO_PRACTITIONER).await; // Northbridge's office admin
    let robin = app.office_admin("Southgate (test)", "Southgate", "robin@test.waymark.example").await;
    let samaritans = app.service_named("Samaritans");
    for (who, cookie) in [("Sam", &sam), ("Robin", &robin)] {
        for what in ["hide", "checked"] {
            let r = app.call("/api/curate_service", &format!("id={samaritans}&what={what}"), Some(cookie)).await;
            assert_eq!(r.status, StatusCode::FORBIDDEN, "{who} {what}: {}", r.body);
        }
        let r = app.call("/api/save_service", &samaritans_form(samaritans, "07700+900123"), Some(cookie)).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{who} edits: {}", r.body);
    }
    let card = public_card(&app.get("/hope", None).await.body).to_owned();
    assert!(card.contains("tel:116123") && !card.contains("07700"), "the real number stays: {card}");
    let checked: String = app
        .backend
        .store_for_tests()
        .read()
        .unwrap()
        .query_row("SELECT checked_on FROM service WHERE id = ?1", [samaritans], |r| r.get(0))
        .unwrap();
    assert_eq!(checked, "2026-11-01", "not marked checked either");

    // Sam's list says who can change it, with no buttons for it; the edit page has no form.
    let list = app.get("/caseload/hope", Some(&sam)).await.body;
    let row = list.split(&format!("id=\"svc-{samaritans}\"")).nth(1).and_then(|r| r.split("</li>").next()).unwrap();
    assert!(row.contains("Only a national admin can change it.") && !row.contains("Hide"), "{row}");
    let edit = app.get(&format!("/caseload/hope/{samaritans}/edit"), Some(&sam)).await.body;
    assert!(edit.contains("only a national admin can change it") && !edit.contains("form[phone]"), "{edit}");
    // Sam still curates Northbridge's own services.
    let food = app.service_named("Northbridge Food Bank");
    let r = app.call("/api/curate_service", &format!("id={food}&what=checked"), Some(&sam)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
}

#[tokio::test]
async fn a_national_admin_changes_a_national_helpline_for_every_office() {
    let app = TestApp::new();
    let nia = app.practitioner(seed::DEMO_NATIONAL_ADMIN).await;
    let samaritans = app.service_named("Samaritans");
    let list = app.get("/caseload/hope", Some(&nia)).await.body;
    let row = list.split(&format!("id=\"svc-{samaritans}\"")).nth(1).and_then(|r| r.split("</li>").next()).unwrap();
    assert!(row.contains("Hide") && row.contains("Change"), "{row}");

    let r = app.call("/api/save_service", &samaritans_form(samaritans, "116+123"), Some(&nia)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(public_card(&app.get("/hope", None).await.body).contains("Someone to talk to."));
    let r = app.call("/api/curate_service", &format!("id={samaritans}&what=hide"), Some(&nia)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(public_card(&app.get("/hope", None).await.body).is_empty(), "hidden for everyone");
    let r = app.call("/api/curate_service", &format!("id={samaritans}&what=show"), Some(&nia)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(public_card(&app.get("/hope", None).await.body).contains("tel:116123"));
    // Another office's own services are still that office's alone.
    let robin = app.office_admin("Southgate (test)", "Southgate", "robin@test.waymark.example").await;
    let r = app.call("/api/save_service", &samaritans_form(samaritans, "07700+900123"), Some(&robin)).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn only_a_national_admin_changes_step_prices() {
    let app = TestApp::new();
    let sam = app.practitioner(seed::DEMO_PRACTITIONER).await;
    let nia = app.practitioner(seed::DEMO_NATIONAL_ADMIN).await;
    let form = "key=provisional_licence&cost=%C2%A399.&checked_on=2026-11-01";
    let r = app.call("/api/update_step_cost", form, Some(&sam)).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "an office admin: {}", r.body);
    let page = app.get("/caseload/step-prices", Some(&sam)).await.body;
    assert!(page.contains("Only a national admin can change them.") && !page.contains("name=\"cost\""), "{page}");
    let page = app.get("/caseload/step-prices", Some(&nia)).await.body;
    assert!(page.contains("name=\"cost\""), "{page}");
    let r = app.call("/api/update_step_cost", form, Some(&nia)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let jay = app.person(seed::DEMO_PERSON_NUMBER, seed::DEMO_PERSON_PIN).await;
    assert!(app.get("/me/steps", Some(&jay)).await.body.contains("£99."));
}

/// A national admin must be an office admin too: the database refuses anything else.
#[test]
fn the_database_refuses_a_national_admin_who_is_not_an_admin() {
    let dir = tempfile::tempdir().unwrap();
    let store = server::store::Store::open(dir.path()).unwrap();
    let conn = store.write().unwrap();
    let office = server::store::insert_office(&conn, "Test", "1 Road", "Test", false).unwrap();
    let wrong = conn.execute(
        "INSERT INTO practitioner (office_id, name, email, password_hash, is_admin, is_national_admin, is_demo, created_at)
         VALUES (?1, 'X', 'x@test.example', 'h', 0, 1, 0, 0)",
        [office.0],
    );
    assert!(wrong.is_err());
}
