//! A licence's parts: every policy version with every licence type gets
//! conditions for each part (policy 4.0 has none for post-sentence supervision,
//! so they come from 3.0, and the desk is told), and the person sees which part
//! each rule belongs to and when each part ends.

use super::cases::{activate, open_case};
use super::common::*;
use axum::http::StatusCode;
use server::seed;

/// Cases from `open_case` run from 1 November 2026 to 1 November 2027.
const PSS_END: &str = "2028-05-01";

fn conditions(app: &TestApp, case: i64, kind: &str) -> i64 {
    app.backend
        .store_for_tests()
        .read()
        .unwrap()
        .query_row(
            "SELECT COUNT(*) FROM case_condition WHERE case_id = ?1 AND licence_kind = ?2 AND removed_at IS NULL",
            server::params![case, kind],
            |r| r.get(0),
        )
        .unwrap()
}

async fn set_up(app: &TestApp, sam: &str, case: i64, version: &str, licence_type: &str) -> Reply {
    let form = format!("case_id={case}&version={version}&licence_type={licence_type}&pss_end={PSS_END}");
    app.call("/api/set_licence_setup", &form, Some(sam)).await
}

#[tokio::test]
async fn every_version_and_type_gets_standard_conditions_for_each_of_its_parts() {
    let app = TestApp::new();
    let sam = app.practitioner(seed::DEMO_PRACTITIONER).await;
    // (version, type) → standard conditions added for the licence, and for supervision.
    let expected = [
        ("4.0", "ap", 8, 0),
        ("4.0", "pss", 0, 8),
        ("4.0", "ap_pss", 8, 8),
        ("3.0", "ap", 9, 0),
        ("3.0", "pss", 0, 8),
        ("3.0", "ap_pss", 9, 8),
    ];
    for (version, licence_type, ap, pss) in expected {
        let case = open_case(&app, &sam, "Robin").await;
        let r = set_up(&app, &sam, case, version, licence_type).await;
        assert_eq!(r.status, StatusCode::OK, "{version} {licence_type}: {}", r.message());
        let r = app.call("/api/add_standard_conditions", &format!("case_id={case}"), Some(&sam)).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.message());
        assert_eq!(
            (conditions(&app, case, "ap"), conditions(&app, case, "pss")),
            (ap, pss),
            "{version} {licence_type}"
        );

        let chooser = app.get(&format!("/caseload/{case}/licence/add"), Some(&sam)).await.body;
        let told = chooser.contains("data-testid=\"parts-source\"");
        let pss_from_3 = version == "4.0" && licence_type != "ap";
        assert_eq!(told, pss_from_3, "{version} {licence_type}: told where the supervision part comes from");
        if pss_from_3 {
            assert!(chooser.contains("Policy 4.0 has no post-sentence supervision conditions."), "{chooser}");
            assert!(chooser.contains("Standard post-sentence supervision conditions (from policy 3.0) (8)"));
            assert!(chooser.contains("(from policy 3.0) (1)"), "3.0's 2 additional supervision conditions are offered");
            let desk = app.get(&format!("/caseload/{case}/licence"), Some(&sam)).await.body;
            assert!(desk.contains("Post-sentence supervision · version 1 · from policy 3.0"), "{desk}");
        }
    }
}

#[tokio::test]
async fn the_point_of_choosing_says_what_policy_4_has_for_supervision_before_saving() {
    let app = TestApp::new();
    let sam = app.practitioner(seed::DEMO_PRACTITIONER).await;
    let case = open_case(&app, &sam, "Robin").await;
    let chooser = app.get(&format!("/caseload/{case}/licence/add"), Some(&sam)).await.body;
    let notes = chooser.split("id=\"parts-notes\"").nth(1).and_then(|s| s.split("</div>").next()).unwrap_or_default();
    assert!(
        notes.contains("Policy 4.0 has no post-sentence supervision conditions. For that part, Waymark uses the 8 standard conditions and 2 additional ones from policy 3.0"),
        "{notes}"
    );
    // A licence followed by supervision needs the date it ends; nothing else changes without it.
    let form = format!("case_id={case}&version=4.0&licence_type=ap_pss&pss_end=");
    let r = app.post_form("/api/set_licence_setup", &form, &format!("/caseload/{case}/licence/add"), Some(&sam)).await;
    let page = app.follow(&r, Some(&sam)).await.body;
    assert!(page.contains("Enter the date post-sentence supervision ends."), "{page}");
    assert!(
        page.contains("id=\"type-ap_pss\" name=\"licence_type\" value=\"ap_pss\" checked"),
        "the choice is kept: {page}"
    );
    let overview: String = app
        .backend
        .store_for_tests()
        .read()
        .unwrap()
        .query_row("SELECT licence_type FROM cases WHERE id = ?1", [case], |r| r.get(0))
        .unwrap();
    assert_eq!(overview, "ap");
    let r = app
        .call(
            "/api/set_licence_setup",
            &format!("case_id={case}&version=4.0&licence_type=ap_pss&pss_end=2027-06-01"),
            Some(&sam),
        )
        .await;
    let error: app::error::AppError = serde_json::from_str(&r.body).expect("a refusal");
    assert_eq!(error.field(), Some("pss_end"));
    assert_eq!(
        error.to_string(),
        "Post-sentence supervision starts when the licence ends (1 November 2027), so it must end after that."
    );
}

#[tokio::test]
async fn the_person_sees_which_part_each_rule_is_for_and_when_each_part_ends() {
    let app = TestApp::new();
    let sam = app.practitioner(seed::DEMO_PRACTITIONER).await;
    let case = open_case(&app, &sam, "Robin").await;
    assert_eq!(set_up(&app, &sam, case, "4.0", "ap_pss").await.status, StatusCode::OK);
    assert_eq!(
        app.call("/api/add_standard_conditions", &format!("case_id={case}"), Some(&sam)).await.status,
        StatusCode::OK
    );
    let desk = app.get(&format!("/caseload/{case}"), Some(&sam)).await.body;
    assert!(desk.contains("<dt>Post-sentence supervision</dt><dd>1 November 2027 to 1 May 2028</dd>"), "{desk}");

    let person = activate(&app, case).await;
    let page = app.get("/me/licence", Some(&person)).await.body;
    let parts = page.split("data-testid=\"licence-parts\"").nth(1).and_then(|s| s.split("</div>").next()).unwrap();
    assert!(parts.contains("Your licence has two parts."), "{parts}");
    assert!(parts.contains("First, your licence lasts until 1 November 2027."), "{parts}");
    assert!(parts.contains("Then you have post-sentence supervision until 1 May 2028."), "{parts}");
    assert_eq!(page.matches("For your licence, until 1 November 2027").count(), 8, "each licence rule says so");
    assert_eq!(page.matches("For post-sentence supervision, until 1 May 2028").count(), 8);
    let home = app.get("/me", Some(&person)).await.body;
    assert!(
        home.contains("Your licence has 16 rules.")
            && home.contains("Then you have post-sentence supervision until 1 May 2028."),
        "{home}"
    );
}

#[tokio::test]
async fn a_rule_for_a_part_the_licence_does_not_have_is_refused_plainly() {
    let app = TestApp::new();
    let sam = app.practitioner(seed::DEMO_PRACTITIONER).await;
    let case = open_case(&app, &sam, "Robin").await;
    let r = app
        .call("/api/add_bespoke_condition", &format!("case_id={case}&licence=pss&bespoke_text=Stay+calm"), Some(&sam))
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        r.message(),
        "This licence has no post-sentence supervision part. Change its type first, on the list of conditions."
    );
    // 3.0's supervision drug test, on a licence without supervision.
    let form = format!("case_id={case}&version=3.0&code=fda24aa9-a2b0-4d49-9c87-23b0a7be4013");
    assert_eq!(app.call("/api/add_condition", &form, Some(&sam)).await.status, StatusCode::BAD_REQUEST);
    assert_eq!(conditions(&app, case, "pss"), 0);
}
