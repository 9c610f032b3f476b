//! Progress and strengths (issue 12.5): goals the person sets, what went well
//! (recorded by either side, on their home), and the practitioner's "well done".

use super::common::*;
use axum::http::StatusCode;
use serde_json::json;
use server::seed;

#[tokio::test]
async fn goals_and_good_things_reach_the_desk_and_a_well_done_reaches_the_person() {
    let app = TestApp::new();
    let jay = app.person(seed::DEMO_PERSON_NUMBER, seed::DEMO_PERSON_PIN).await;
    let sam = app.practitioner(seed::DEMO_PRACTITIONER).await;
    let goal = "form[area]=work&form[title]=Get+a+forklift+licence&form[next_step]=Ring+the+college+on+Monday";
    let r = app.post_form("/api/set_goal", goal, "/me/progress", Some(&jay)).await;
    let page = app.follow(&r, Some(&jay)).await.body;
    assert!(page.contains("Your goal is saved.") && page.contains("Work: Get a forklift licence"), "{page}");
    assert!(page.contains("Next step: Ring the college on Monday") && page.contains("Not done yet."));
    app.post_form("/api/set_goal", goal, "/me/progress", Some(&jay)).await;
    assert_eq!(app.count("SELECT COUNT(*) FROM goal"), 1, "sent twice: one goal");
    let r = app.call("/api/add_good_thing", "good_thing=I+finished+my+first+aid+course.", Some(&jay)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.message());

    let moving = app.get(&format!("/caseload/{JAY}/move"), Some(&sam)).await.body;
    assert!(
        moving.contains("Their goals: Get a forklift licence (next step: Ring the college on Monday)."),
        "{moving}"
    );
    let before = app.audit_rows(JAY).len();
    let desk = app.get(&format!("/caseload/{JAY}/progress"), Some(&sam)).await.body;
    assert!(
        desk.contains("Work: Get a forklift licence") && desk.contains("I finished my first aid course."),
        "{desk}"
    );
    assert!(app.audit_rows_since(JAY, before).iter().any(|(_, a, _)| a == "read:progress"));
    let r = app
        .call("/api/record_good_thing", &format!("case_id={JAY}&good_thing=A+month+of+appointments+kept"), Some(&sam))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.message());
    let course = app.count("SELECT id FROM achievement WHERE practitioner_id IS NULL");
    let praise = format!("case_id={JAY}&achievement_id={course}&well_done=Brilliant.+That+will+help+with+work.");
    // Not Priya's to praise, nor Jay's.
    let priya = app.practitioner(seed::DEMO_COLLEAGUE).await;
    assert_eq!(app.call("/api/well_done", &praise, Some(&priya)).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.call("/api/well_done", &praise, Some(&jay)).await.status, StatusCode::FORBIDDEN);
    let empty = format!("case_id={JAY}&achievement_id={course}&well_done=+");
    assert_eq!(app.call("/api/well_done", &empty, Some(&sam)).await.message(), "Write your well done.");
    assert_eq!(app.call("/api/well_done", &praise, Some(&sam)).await.status, StatusCode::OK);
    assert_eq!(app.call("/api/well_done", &praise, Some(&sam)).await.message(), "This already has a well done.");

    let home = app.get("/me", Some(&jay)).await.body;
    assert!(home.contains("What is going well") && home.contains("A month of appointments kept"), "{home}");
    assert!(
        home.contains("Sam Okafor added this.")
            && home.contains("Sam Okafor says: Brilliant. That will help with work.")
    );
    let id = app.count("SELECT id FROM goal");
    assert_eq!(app.call("/api/goal_done", &format!("goal_id={id}"), Some(&jay)).await.status, StatusCode::OK);
    let page = app.get("/me/progress", Some(&jay)).await.body;
    assert!(page.contains("Done ") && !page.contains("I have done this"), "{page}");
    // Alex cannot mark Jay's goal.
    let alex = app.person(ALEX_NUMBER, ALEX_PIN).await;
    assert_eq!(app.call("/api/goal_done", &format!("goal_id={id}"), Some(&alex)).await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn bad_goals_get_a_clear_reason_and_keep_what_was_typed() {
    let app = TestApp::new();
    let jay = app.person(seed::DEMO_PERSON_NUMBER, seed::DEMO_PERSON_PIN).await;
    let r = app
        .post_form("/api/set_goal", "form[title]=See+my+son&form[next_step]=Write+to+him", "/me/progress", Some(&jay))
        .await;
    let page = app.follow(&r, Some(&jay)).await.body;
    assert!(page.contains("Choose what your goal is about."), "{page}");
    assert!(page.contains("value=\"See my son\"") && page.contains("value=\"Write to him\""), "kept: {page}");
    let r = app.call("/api/set_goal", "form[area]=family&form[title]=+", Some(&jay)).await;
    assert_eq!(r.message(), "Write your goal.");
    let r = app.call("/api/add_good_thing", "good_thing=", Some(&jay)).await;
    assert_eq!(r.message(), "Write what went well.");
    assert_eq!(app.count("SELECT COUNT(*) FROM goal") + app.count("SELECT COUNT(*) FROM achievement"), 0);
}

#[tokio::test]
async fn goals_and_good_things_kept_offline_sync_once() {
    let app = TestApp::new();
    let jay = app.person(seed::DEMO_PERSON_NUMBER, seed::DEMO_PERSON_PIN).await;
    let first = app.sync_ok(json!({"version": 1, "since": 0, "ops": []}), &jay).await;
    let an_hour_ago = jiff::Timestamp::now().as_second() - 3600;
    let ops = json!([
        {"id": "op-goal-00001", "kind": "goal", "area": "housing", "text": "A flat of my own", "reason": "Ask the council", "made_at": an_hour_ago},
        {"id": "op-good-00001", "kind": "good_thing", "text": "Two weeks clean", "made_at": an_hour_ago},
        {"id": "op-goal-00002", "kind": "goal", "area": "space", "text": "Mars", "made_at": an_hour_ago},
        {"id": "op-done-00001", "kind": "goal_done", "goal": 999, "made_at": an_hour_ago},
    ]);
    let answer = app.sync_ok(json!({"version": 1, "since": first.cursor, "ops": ops.clone()}), &jay).await;
    assert_eq!(
        TestApp::outcomes(&answer),
        [
            "applied",
            "applied",
            "Choose what your goal is about.",
            "We could not find this goal, so it was not marked done."
        ]
    );
    let p = answer.changes.expect("the case changed").progress;
    assert_eq!(p.goals.len(), 1);
    assert_eq!(p.goals[0].set_at.as_second(), an_hour_ago);
    assert_eq!(p.achievements[0].title, "Two weeks clean");
    let done = json!([{"id": "op-done-00002", "kind": "goal_done", "goal": p.goals[0].id.0, "made_at": an_hour_ago}]);
    let answer = app.sync_ok(json!({"version": 1, "since": 0, "ops": done}), &jay).await;
    assert_eq!(TestApp::outcomes(&answer), ["applied"]);
    app.sync_ok(json!({"version": 1, "since": 0, "ops": ops}), &jay).await;
    assert_eq!(app.count("SELECT COUNT(*) FROM goal"), 1);
    assert_eq!(app.count("SELECT COUNT(*) FROM achievement"), 1);
}
