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
    let id: i64 = app.service_named("Northbridge Food Bank");
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
    let samaritans: i64 = app.service_named("Samaritans");
    let page = app.get(&format!("/hope/{samaritans}"), None).await.body;
    assert!(page.contains("Open all day and night.") && page.contains("tel:116123"));

    assert_eq!(app.get("/hope/99999", None).await.status, StatusCode::NOT_FOUND);
    app.backend
        .store_for_tests()
        .write()
        .unwrap()
        .execute("UPDATE service SET hidden = 1 WHERE id = ?1", [id])
        .unwrap();
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
    let id: i64 = app.service_named("Second Chance Clothes");
    app.backend
        .store_for_tests()
        .write()
        .unwrap()
        .execute("UPDATE service SET checked_on = '2025-01-01' WHERE id = ?1", [id])
        .unwrap();

    let page = app.get("/caseload/hope", Some(&priya)).await.body;
    assert!(
        page.contains("Only an office admin can change these.")
            && page.contains("1 service not checked for six months")
    );
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
    let robin = app.office_admin("Southgate (test)", "Southgate", "robin@test.waymark.example").await;
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
    let count = || -> i64 {
        app.backend
            .store_for_tests()
            .read()
            .unwrap()
            .query_row("SELECT COUNT(*) FROM service", (), |r| r.get(0))
            .unwrap()
    };
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
    let id: i64 = app.service_named("Hill Street Pantry");
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
    let (food, clothes) = (app.service_named("Northbridge Food Bank"), app.service_named("Second Chance Clothes"));

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

/// The card of the named service in a list page.
fn card<'a>(body: &'a str, name: &str) -> &'a str {
    body.split("<li class=\"service-card\">").find(|c| c.contains(name)).unwrap_or_default()
}

#[tokio::test]
async fn with_a_place_local_help_is_nearest_first() {
    let app = TestApp::new();
    let sam = app.practitioner(server::seed::DEMO_PRACTITIONER).await;
    // A food service with no place known goes last.
    let r = app.call("/api/save_service", &service_form("01234+567890", "10%3A00-13%3A00"), Some(&sam)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);

    let by_name = app.get("/hope", None).await.body;
    assert!(!by_name.contains("Nearest first") && !by_name.contains("miles away"));
    // 51.4545, -2.5879 is rounded to 51.45, -2.59 (about 1 km) before anything else.
    let page = app.get("/hope?lat=51.4545&lon=-2.5879", None).await.body;
    let local: Vec<String> = names(&page).into_iter().skip(6).collect();
    assert_eq!(
        local,
        [
            "St Anne's Soup Kitchen",
            "Northbridge Housing Options",
            "Northbridge Food Bank",
            "Northbridge Recovery Hub",
            "Second Chance Clothes",
            "Fresh Start Mentors",
            "Hill Street Pantry",
        ]
    );
    assert_eq!(names(&page).first().map(String::as_str), Some("FRANK"), "helplines first, as always");
    assert!(card(&page, "St Anne's Soup Kitchen").contains("About 0.3 miles away."));
    assert!(card(&page, "Fresh Start Mentors").contains("About 1.6 miles away."));
    assert!(!card(&page, "Hill Street Pantry").contains("miles away"));
    assert!(!card(&page, "Samaritans").contains("miles away"));
    assert!(page.contains("Nearest first. ") && page.contains("<a href=\"/hope\">Sort by name instead</a>"));

    let food = app.get("/hope?need=food&q=&area=Northbridge&lat=51.45&lon=-2.59", None).await.body;
    assert_eq!(names(&food), ["St Anne's Soup Kitchen", "Northbridge Food Bank", "Hill Street Pantry"]);
    assert!(
        food.contains("<a href=\"/hope?need=food&amp;area=Northbridge\">Sort by name instead</a>"),
        "the other filters are kept"
    );

    for (query, says) in [
        ("lat=north&lon=-2.59", "We could not read where you are. Try again, or sort the list by name."),
        ("lat=51.45", "We could not read where you are. Try again, or sort the list by name."),
        ("lat=48.85&lon=2.35", "Nearest first works for places in the UK only. Sort the list by name instead."),
    ] {
        let r = app.get(&format!("/hope?{query}"), None).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{query}");
        assert!(r.body.contains(says), "{query}: {}", r.body);
    }
}

#[tokio::test]
async fn a_bad_place_on_the_service_form_is_named() {
    let app = TestApp::new();
    let sam = app.practitioner(server::seed::DEMO_PRACTITIONER).await;
    let form = |lat: &str, lon: &str| format!("{}&form[latitude]={lat}&form[longitude]={lon}", service_form("", ""));
    let r = app.call("/api/save_service", &form("51.45", "east"), Some(&sam)).await;
    assert_eq!(r.message(), "Write the longitude as a number, like -2.5879.");
    let r = app.call("/api/save_service", &form("40.71", "-74.0"), Some(&sam)).await;
    assert_eq!(r.message(), "That latitude is not in the UK. UK values are between 49.8 and 60.9.");
    let r = app.call("/api/save_service", &form("", "-2.5"), Some(&sam)).await;
    assert_eq!(r.message(), "Give the latitude too, or leave both empty.");
    let r = app.call("/api/save_service", &form("51.4601", "-2.5712"), Some(&sam)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let id: i64 = app.service_named("Hill Street Pantry");
    let edit = app.get(&format!("/caseload/hope/{id}/edit"), Some(&sam)).await.body;
    assert!(edit.contains("value=\"51.4601\"") && edit.contains("value=\"-2.5712\""), "shown to change");
}
