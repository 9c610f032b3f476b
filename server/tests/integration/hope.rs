//! The hope corner: needs, words, areas, a service's page, the print sheet; open to anyone.

use crate::common::*;
use axum::http::StatusCode;

fn names(body: &str) -> Vec<String> {
    body.split("<li class=\"service-card\">")
        .skip(1)
        .filter_map(|card| card.split("<a href=\"/hope/").nth(1))
        .filter_map(|a| a.split_once('>').map(|(_, rest)| rest.split('<').next().unwrap_or_default().to_owned()))
        .collect()
}

#[tokio::test]
async fn search_by_need_words_and_area() {
    let app = TestApp::new();
    let all = names(&app.get("/hope", None).await.body);
    assert!(all.len() >= 12, "{all:?}");
    assert_eq!(all.first().map(String::as_str), Some("FRANK"), "national helplines first, by name");

    let food = names(&app.get("/hope?need=food", None).await.body);
    assert_eq!(food, ["Northbridge Food Bank", "St Anne's Soup Kitchen"]);
    let soup = names(&app.get("/hope?q=soup", None).await.body);
    assert_eq!(soup, ["St Anne's Soup Kitchen"]);
    let page = app.get("/hope?q=nothing+like+this", None).await.body;
    assert!(page.contains("Nothing matched"));
    let here = names(&app.get("/hope?area=Northbridge", None).await.body);
    assert_eq!(here.len(), all.len(), "national help shows in every area");
    let with_need = names(&app.get("/hope?need=work&area=Northbridge", None).await.body);
    assert_eq!(with_need, ["Fresh Start Mentors"]);
}

#[tokio::test]
async fn bad_searches_are_explained() {
    let app = TestApp::new();
    let r = app.get("/hope?area=Atlantis", None).await;
    assert!(r.body.contains("Choose an area from the list"), "{}", r.status);
    let r = app.get("/hope?need=unicorns", None).await;
    assert!(r.body.contains("Choose a need from the list"));
    let long = "a".repeat(101);
    let r = app.get(&format!("/hope?q={long}"), None).await;
    assert!(r.body.contains("100 characters or fewer"));
}

#[tokio::test]
async fn a_service_page_says_what_when_and_how_to_get_there() {
    let app = TestApp::new();
    let id: i64 = app
        .backend
        .store()
        .read()
        .query_row("SELECT id FROM service WHERE name = 'Northbridge Food Bank'", [], |r| r.get(0))
        .unwrap();
    let page = app.get(&format!("/hope/{id}"), None).await;
    assert_eq!(page.status, StatusCode::OK);
    for words in [
        "Demo",
        "Monday: 10 am to 1 pm",
        "You need a referral first",
        "Free",
        "Closed on bank holidays",
        "openstreetmap.org",
    ] {
        assert!(page.body.contains(words), "{words}");
    }
    assert!(page.body.contains("Open now") || page.body.contains("Closed"), "open now is worked out");
    let samaritans: i64 = app
        .backend
        .store()
        .read()
        .query_row("SELECT id FROM service WHERE name = 'Samaritans'", [], |r| r.get(0))
        .unwrap();
    let page = app.get(&format!("/hope/{samaritans}"), None).await.body;
    assert!(page.contains("Open all day and night.") && page.contains("tel:116123"));

    assert_eq!(app.get("/hope/99999", None).await.status, StatusCode::NOT_FOUND);
    app.backend.store().write().execute("UPDATE service SET hidden = 1 WHERE id = ?1", [id]).unwrap();
    assert_eq!(app.get(&format!("/hope/{id}"), None).await.status, StatusCode::NOT_FOUND, "hidden is hidden");
}

#[tokio::test]
async fn the_print_sheet_carries_a_qr_code_of_the_areas_hope_corner() {
    let app = TestApp::new();
    let page = app.get("/hope/print?area=Northbridge", None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("<svg") && page.body.contains("/hope?area=Northbridge"));
    assert!(page.body.contains("Hope corner: help in Northbridge"));
    assert!(page.body.contains("Samaritans") && page.body.contains("Northbridge Food Bank"));
}

#[tokio::test]
async fn office_admins_curate_their_services_and_stale_ones_are_flagged() {
    let app = TestApp::new();
    let sam = app.practitioner(server::seed::DEMO_PRACTITIONER).await; // office admin
    let priya = app.practitioner(server::seed::DEMO_COLLEAGUE).await; // not an admin
    let id: i64 = app
        .backend
        .store()
        .read()
        .query_row("SELECT id FROM service WHERE name = 'Second Chance Clothes'", [], |r| r.get(0))
        .unwrap();
    app.backend.store().write().execute("UPDATE service SET checked_on = '2025-01-01' WHERE id = ?1", [id]).unwrap();

    let page = app.get("/caseload/hope", Some(&priya)).await.body;
    assert!(page.contains("Only an office admin can change these.") && page.contains("1 not checked for six months"));
    let r = app.call("/api/curate_service", &format!("id={id}&what=hide"), Some(&priya)).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);

    let r = app.call("/api/curate_service", &format!("id={id}&what=checked"), Some(&sam)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(!app.get("/caseload/hope", Some(&sam)).await.body.contains("not checked for six months"));

    let r = app.call("/api/curate_service", &format!("id={id}&what=hide"), Some(&sam)).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(
        !names(&app.get("/hope", None).await.body).contains(&"Second Chance Clothes".to_owned()),
        "hidden from everyone"
    );
    assert!(app.get("/caseload/hope", Some(&sam)).await.body.contains("Show again"), "but not from the office");
    app.call("/api/curate_service", &format!("id={id}&what=show"), Some(&sam)).await;
    assert!(names(&app.get("/hope", None).await.body).contains(&"Second Chance Clothes".to_owned()));

    // Another office's admin cannot touch this office's services.
    let other = {
        let conn = app.backend.store().write();
        let office = server::store::insert_office(&conn, "Southgate (test)", "2 High St", "Southgate", true).unwrap();
        let hash = server::auth::hash_secret("another-password").unwrap();
        server::store::insert_practitioner(
            &conn,
            &server::store::NewPractitioner {
                office_id: office,
                name: "Robin",
                email: "robin@test.waymark.example",
                password_hash: &hash,
                is_admin: true,
                is_demo: true,
            },
        )
        .unwrap();
    };
    let _ = other;
    let form = "email=robin%40test.waymark.example&password=another-password";
    let robin = app.call("/api/sign_in_practitioner", form, None).await.cookie.expect("signed in");
    let r = app.call("/api/curate_service", &format!("id={id}&what=hide"), Some(&robin)).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = app.call("/api/curate_service", &format!("id={id}&what=vanish"), Some(&sam)).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
}

fn service_form(phone: &str, monday: &str) -> String {
    let mut f = format!(
        "form[name]=Hill+Street+Pantry&form[description]=Food+you+can+take+home.&form[need]=food&form[who_for]=Anyone\
         &form[free]=yes&form[referral]=no&form[phone]={phone}&form[website]=https%3A%2F%2Fpantry.example\
         &form[address]=3+Hill+Street%2C+Northbridge"
    );
    for i in 0..7 {
        f.push_str(&format!("&form[hours][{i}]={}", if i == 0 { monday } else { "" }));
    }
    f
}

#[tokio::test]
async fn office_admins_add_and_change_services_and_bad_fields_are_named() {
    let app = TestApp::new();
    let sam = app.practitioner(server::seed::DEMO_PRACTITIONER).await;
    let priya = app.practitioner(server::seed::DEMO_COLLEAGUE).await;
    let count =
        || -> i64 { app.backend.store().read().query_row("SELECT COUNT(*) FROM service", [], |r| r.get(0)).unwrap() };
    let before = count();

    let r = app.call("/api/save_service", &service_form("call+us", "10%3A00-13%3A00"), Some(&sam)).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(r.message(), "Write the phone number in digits, like 0808 808 2003.");
    let r = app.call("/api/save_service", &service_form("01234+567890", "10-1"), Some(&sam)).await;
    assert_eq!(r.message(), "Write Monday's hours like 10:00-13:00, or leave it empty.");
    assert_eq!(count(), before, "nothing added");
    let r = app.call("/api/save_service", &service_form("01234+567890", "10%3A00-13%3A00"), Some(&priya)).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);

    let r = app.call("/api/save_service", &service_form("01234+567890", "10%3A00-13%3A00"), Some(&sam)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(count(), before + 1);
    let id: i64 = app
        .backend
        .store()
        .read()
        .query_row("SELECT id FROM service WHERE name = 'Hill Street Pantry'", [], |r| r.get(0))
        .unwrap();
    let page = app.get(&format!("/hope/{id}"), None).await.body;
    assert!(page.contains("Monday: 10 am to 1 pm") && page.contains("tel:01234567890") && !page.contains("Demo"));

    // Change it: new hours; the edit page shows what is stored.
    let edit = app.get(&format!("/caseload/hope/{id}/edit"), Some(&sam)).await.body;
    assert!(edit.contains("Hill Street Pantry") && edit.contains("10:00-13:00"));
    let r = app
        .call("/api/save_service", &format!("id={id}&{}", service_form("01234+567890", "09%3A00-12%3A00")), Some(&sam))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(app.get(&format!("/hope/{id}"), None).await.body.contains("Monday: 9 am to 12 noon"));
    assert_eq!(count(), before + 1, "changed, not added");
}

#[tokio::test]
async fn a_person_keeps_a_list_their_practitioner_sees_and_adds_to() {
    let app = TestApp::new();
    let jay = app.person(server::seed::DEMO_PERSON_NUMBER, server::seed::DEMO_PERSON_PIN).await;
    let sam = app.practitioner(server::seed::DEMO_PRACTITIONER).await;
    let priya = app.practitioner(server::seed::DEMO_COLLEAGUE).await;
    let id = |name: &str| -> i64 {
        app.backend.store().read().query_row("SELECT id FROM service WHERE name = ?1", [name], |r| r.get(0)).unwrap()
    };
    let (food, clothes) = (id("Northbridge Food Bank"), id("Second Chance Clothes"));

    let r = app.call("/api/keep_service", &format!("id={food}&keep=yes"), Some(&jay)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(app.get(&format!("/hope/{food}"), Some(&jay)).await.body.contains("This is on your list"));
    let desk = app.get(&format!("/caseload/{JAY}"), Some(&sam)).await.body;
    assert!(desk.contains("Northbridge Food Bank") && desk.contains("(saved by them)"));

    let r = app.call("/api/recommend_service", &format!("case_id={JAY}&service_id={clothes}"), Some(&sam)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let mine = app.get("/hope", Some(&jay)).await.body;
    assert!(mine.contains("My list") && mine.contains("Sam Okafor thinks this can help"), "recommended shows");
    let r = app.call("/api/recommend_service", &format!("case_id={JAY}&service_id={clothes}"), Some(&priya)).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "not Priya's case");
    let r = app.call("/api/recommend_service", &format!("case_id={JAY}&service_id=99999"), Some(&sam)).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "no such service");

    app.call("/api/keep_service", &format!("id={food}&keep=no"), Some(&jay)).await;
    assert!(!app.get(&format!("/caseload/{JAY}"), Some(&sam)).await.body.contains("Northbridge Food Bank"));
    assert!(!app.get("/hope", None).await.body.contains("My list"), "nobody else sees a list");
}
