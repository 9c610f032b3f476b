//! Maps on conditions (exclusion zones): the practitioner of the case attaches
//! one, the person sees it on their licence and must confirm the rule again;
//! a file that is not a map, or too big, is refused and changes nothing.

use super::common::*;
use app::model::CaseId;
use axum::http::StatusCode;
use server::{seed, store};

const MAPPED_AREA: &str = "0f9a20f4-35c7-4c77-8af8-f200f153fa11";
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR a tiny picture";

fn zone(app: &TestApp) -> i64 {
    let conn = app.backend.store_for_tests().write().unwrap();
    store::insert_answered_condition(&conn, CaseId(JAY), "4.0", MAPPED_AREA, &Default::default(), None, None).unwrap().0
}

fn version(app: &TestApp, id: i64) -> i64 {
    app.backend
        .store_for_tests()
        .read()
        .unwrap()
        .query_row("SELECT version FROM case_condition WHERE id = ?1", [id], |r| r.get(0))
        .unwrap()
}

fn maps(app: &TestApp) -> i64 {
    app.backend
        .store_for_tests()
        .read()
        .unwrap()
        .query_row("SELECT COUNT(*) FROM condition_map", (), |r| r.get(0))
        .unwrap()
}

#[tokio::test]
async fn the_practitioner_attaches_a_map_and_the_person_sees_it() {
    let app = TestApp::new();
    let id = zone(&app);
    let sam = app.practitioner(seed::DEMO_PRACTITIONER).await;
    let jay = app.person(seed::DEMO_PERSON_NUMBER, seed::DEMO_PERSON_PIN).await;
    let path = format!("/caseload/{JAY}/licence/{id}/map");

    let r = app.upload(&path, "map", "town-centre.png", PNG, Some(&sam)).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(r.location, Some(format!("/caseload/{JAY}/licence/{id}/edit?map=saved#map")));
    assert_eq!(version(&app, id), 2, "a new map is a new version to confirm");

    let page = app.get(&format!("/caseload/{JAY}/licence/{id}/edit?map=saved"), Some(&sam)).await.body;
    assert!(page.contains("The map is saved. Jay will be asked"), "{page}");
    let licence = app.get("/me/licence", Some(&jay)).await.body;
    assert!(licence.contains(&format!(r#"src="/me/licence/{id}/map""#)), "{licence}");

    let file = app.get(&format!("/me/licence/{id}/map"), Some(&jay)).await;
    assert_eq!(file.status, StatusCode::OK);
    assert_eq!(file.body, String::from_utf8_lossy(PNG), "the very bytes uploaded");
    assert_eq!(app.get(&path, Some(&sam)).await.status, StatusCode::OK);

    // Nobody else: not Alex, not another practitioner, not a person uploading.
    let alex = app.person(ALEX_NUMBER, ALEX_PIN).await;
    let priya = app.practitioner(seed::DEMO_COLLEAGUE).await;
    assert_eq!(app.get(&format!("/me/licence/{id}/map"), Some(&alex)).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.get(&path, Some(&priya)).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.upload(&path, "map", "x.png", PNG, Some(&priya)).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.upload(&path, "map", "x.png", PNG, Some(&jay)).await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.upload(&path, "map", "x.png", PNG, None).await.location.as_deref(), Some("/practitioner/sign-in"));
    assert_eq!(version(&app, id), 2);
}

#[tokio::test]
async fn a_file_that_is_not_a_map_or_too_big_is_refused_and_changes_nothing() {
    let app = TestApp::new();
    let id = zone(&app);
    let sam = app.practitioner(seed::DEMO_PRACTITIONER).await;
    let path = format!("/caseload/{JAY}/licence/{id}/map");
    let back = |code: &str| Some(format!("/caseload/{JAY}/licence/{id}/edit?map={code}#map"));

    let r = app.upload(&path, "map", "notes.txt", b"just some words", Some(&sam)).await;
    assert_eq!(r.location, back("not-a-map"));
    let r = app.upload(&path, "map", "", b"", Some(&sam)).await;
    assert_eq!(r.location, back("empty"));
    let mut huge = b"%PDF-1.7\n".to_vec();
    huge.resize(app::model::map::MAP_MAX_BYTES + 1, b' ');
    let r = app.upload(&path, "map", "huge.pdf", &huge, Some(&sam)).await;
    assert_eq!(r.location, back("too-big"));
    huge.resize(app::model::map::MAP_MAX_BYTES + 200 * 1024, b' ');
    let r = app.upload(&path, "map", "huger.pdf", &huge, Some(&sam)).await;
    assert_eq!(r.location, back("too-big"), "over the upload limit itself");

    // A condition that takes no map (the curfew).
    let curfew: i64 = app
        .backend
        .store_for_tests()
        .read()
        .unwrap()
        .query_row("SELECT id FROM case_condition WHERE case_id = ?1 AND code LIKE '52faefcf%'", [JAY], |r| r.get(0))
        .unwrap();
    let r = app.upload(&format!("/caseload/{JAY}/licence/{curfew}/map"), "map", "m.png", PNG, Some(&sam)).await;
    assert_eq!(r.location, Some(format!("/caseload/{JAY}/licence/{curfew}/edit?map=no-map-here#map")));

    assert_eq!(maps(&app), 0);
    assert_eq!(version(&app, id), 1);
    let page = app.get(&format!("/caseload/{JAY}/licence/{id}/edit?map=not-a-map"), Some(&sam)).await.body;
    assert!(page.contains("That file is not a PDF or a picture"), "{page}");
}
