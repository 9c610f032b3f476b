//! Licence conditions end to end through the server functions: build, explain,
//! answer, reply, change; and who may do what.

use super::common::*;
use axum::http::StatusCode;
use server::seed;

const CURFEW: &str = "52faefcf-15f0-42c5-b908-621b4a7ecdb9";
/// Jay's first condition (seeded) and Alex's first.
const JAY_CONDITION: i64 = 1;
const ALEX_CONDITION: i64 = 21;

async fn jay(app: &TestApp) -> String {
    app.person(seed::DEMO_PERSON_NUMBER, seed::DEMO_PERSON_PIN).await
}

#[tokio::test]
async fn practitioner_adds_a_curfew_and_the_person_reads_answers_and_sees_changes() {
    let app = TestApp::new();
    let sam = app.practitioner(seed::DEMO_PRACTITIONER).await;
    let form = format!(
        "case_id={JAY}&version=4.0&code={CURFEW}&explanation=Be+home+by+nine.\
         &details[numberOfCurfews][]=One+curfew&details[oneCurfewStart][]=21:00&details[oneCurfewEnd][]=06:30"
    );
    let r = app.call("/api/add_condition", &form, Some(&sam)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.message());

    let person = jay(&app).await;
    let page = app.get("/me/licence", Some(&person)).await.body;
    assert!(page.contains("between 9pm and 6:30am each day"), "official words filled in: {page}");
    // Today's words: what to do next, or (during the curfew) that the person should be at home now.
    assert!(
        page.contains("Be home by 9pm tonight. You can go out again at 6:30am tomorrow.")
            || page.contains("You should be at home now, until 6:30am. This is every day, from 9pm."),
        "today's words"
    );
    assert!(page.contains("Be home by nine."), "the practitioner's explanation");
    assert!(page.contains("The exact words on your licence"));

    // Find the new condition's id from the practitioner's page.
    let licence = app.get(&format!("/caseload/{JAY}/licence"), Some(&sam)).await.body;
    assert!(licence.contains("Open question"), "Jay's seeded question shows: {licence}");
    let curfews: Vec<i64> = licence
        .match_indices("id=\"c-")
        .filter_map(|(i, _)| licence[i + 6..].split('"').next()?.parse().ok())
        .collect();
    let new_id = *curfews.iter().max().expect("conditions listed");

    let r = app
        .call(
            "/api/answer_condition",
            &format!("condition_id={new_id}&answer=question&question=Can+I+work+nights%3F"),
            Some(&person),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.message());
    let r = app
        .call("/api/reply_to_question", &format!("case_id={JAY}&condition_id={new_id}&reply=Ask+me+first."), Some(&sam))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.message());
    let page = app.get("/me/licence", Some(&person)).await.body;
    assert!(page.contains("Can I work nights?") && page.contains("Ask me first."), "the thread: {page}");

    let r = app.call("/api/answer_condition", &format!("condition_id={new_id}&answer=understood"), Some(&person)).await;
    assert_eq!(r.status, StatusCode::OK);
    let before = app.get("/me", Some(&person)).await.body;
    assert!(before.contains("4 of 12 understood"), "{before}");

    // A change is a new version: the person is asked again and sees what it said before.
    let form = format!(
        "case_id={JAY}&condition_id={new_id}&explanation=Be+home+by+ten.\
         &details[numberOfCurfews][]=One+curfew&details[oneCurfewStart][]=22:00&details[oneCurfewEnd][]=06:30"
    );
    let r = app.call("/api/edit_condition", &form, Some(&sam)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.message());
    let page = app.get("/me/licence", Some(&person)).await.body;
    assert!(page.contains("This changed. Please read it again"), "{page}");
    let changed = what_changed(&page, new_id);
    assert_eq!(
        changed,
        vec![
            "The curfew start time | Before | 9pm | Now | 10pm".to_owned(),
            "What your probation officer says | Before | Be home by nine. | Now | Be home by ten.".to_owned()
        ],
        "exactly what changed, old beside new"
    );
    assert!(page.contains("between 10pm and 6:30am"), "the new words are shown");
    assert!(app.get("/me", Some(&person)).await.body.contains("3 of 12 understood"));
    let desk = app.get(&format!("/caseload/{JAY}/licence"), Some(&sam)).await.body;
    assert!(desk.contains("Changed since confirmed"));
    // Across the caseload too: the case stands out with what changed.
    let caseload = app.get("/caseload", Some(&sam)).await.body;
    assert!(caseload.contains("3 of 12 understood, 1 changed since confirmed"), "{caseload}");
    let card = caseload.split("case-card").find(|c| c.contains("changed since confirmed")).unwrap_or_default();
    assert!(card.starts_with(" attention") || card.contains("attention"), "the case is marked for attention: {card}");
}

#[tokio::test]
async fn missing_inputs_are_named_and_nothing_is_added() {
    let app = TestApp::new();
    let sam = app.practitioner(seed::DEMO_PRACTITIONER).await;
    let count = || -> i64 {
        app.backend
            .store_for_tests()
            .read()
            .unwrap()
            .query_row("SELECT COUNT(*) FROM case_condition", (), |r| r.get(0))
            .unwrap()
    };
    let before = count();
    let form = format!(
        "case_id={JAY}&version=4.0&code={CURFEW}&details[numberOfCurfews][]=One+curfew&details[oneCurfewStart][]=21:00"
    );
    let r = app.call("/api/add_condition", &form, Some(&sam)).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(r.message(), "Enter the curfew end time.");
    let r = app.call("/api/add_condition", &format!("case_id={JAY}&version=4.0&code={CURFEW}"), Some(&sam)).await;
    assert_eq!(r.message(), "Choose the number of curfews needed.");
    let r = app.call("/api/add_condition", &format!("case_id={JAY}&version=9.9&code={CURFEW}"), Some(&sam)).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let long = "x".repeat(6000);
    let r = app
        .call(
            "/api/add_bespoke_condition",
            &format!("case_id={JAY}&licence=ap&bespoke_text=Stay+calm&explanation={long}"),
            Some(&sam),
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.message().contains("5000 characters or fewer"), "{}", r.message());
    let r = app
        .call(
            "/api/answer_condition",
            &format!("condition_id={JAY_CONDITION}&answer=question&question=+"),
            Some(&jay(&app).await),
        )
        .await;
    assert_eq!(r.message(), "Write your question.");
    assert_eq!(count(), before);
}

#[tokio::test]
async fn nobody_reaches_another_persons_conditions() {
    let app = TestApp::new();
    let person = jay(&app).await;
    let alex = app.person(ALEX_NUMBER, ALEX_PIN).await;
    let sam = app.practitioner(seed::DEMO_PRACTITIONER).await;
    let priya = app.practitioner(seed::DEMO_COLLEAGUE).await;
    // Jay cannot answer Alex's condition; Alex cannot answer Jay's.
    let r = app
        .call("/api/answer_condition", &format!("condition_id={ALEX_CONDITION}&answer=understood"), Some(&person))
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = app
        .call("/api/answer_condition", &format!("condition_id={JAY_CONDITION}&answer=understood"), Some(&alex))
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    // Priya cannot touch Jay's licence, even with a condition id of her own case.
    for (path, form) in [
        ("/api/case_licence", format!("case_id={JAY}")),
        ("/api/remove_condition", format!("case_id={JAY}&condition_id={JAY_CONDITION}")),
        ("/api/reply_to_question", format!("case_id={JAY}&condition_id={JAY_CONDITION}&reply=hi")),
        ("/api/add_explanation", format!("case_id={JAY}&kind=note&title=t&body=b")),
        ("/api/add_bespoke_condition", format!("case_id={JAY}&licence=ap&bespoke_text=x")),
        ("/api/edit_condition", format!("case_id={JAY}&condition_id={JAY_CONDITION}&explanation=x")),
    ] {
        let r = app.call(path, &form, Some(&priya)).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{path} as Priya");
        let r = app.call(path, &form, Some(&person)).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{path} as Jay");
        let r = app.call(path, &form, None).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{path} anonymous");
    }
    // Sam cannot act on Alex's condition through Jay's case id.
    let r =
        app.call("/api/remove_condition", &format!("case_id={JAY}&condition_id={ALEX_CONDITION}"), Some(&sam)).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    for path in ["/api/person_licence"] {
        assert_eq!(app.call(path, "", Some(&sam)).await.status, StatusCode::FORBIDDEN);
        assert_eq!(app.call(path, "", None).await.status, StatusCode::UNAUTHORIZED);
    }
    for path in ["/api/templates", "/api/template"] {
        let form = format!("version=4.0&code={CURFEW}");
        assert_eq!(app.call(path, &form, Some(&person)).await.status, StatusCode::FORBIDDEN);
        assert_eq!(app.call(path, &form, Some(&sam)).await.status, StatusCode::OK);
    }
}

/// The pairs of a condition's "what changed" box, each as its words joined by " | ".
fn what_changed(page: &str, condition: i64) -> Vec<String> {
    let card = page.split(&format!("id=\"c-{condition}\"")).nth(1).unwrap_or_default();
    let card = card.split("</details>").next().unwrap_or_default();
    card.split("class=\"change-pair\"")
        .skip(1)
        .map(|pair| {
            let pair = pair.split("</div></div>").next().unwrap_or_default();
            let mut words = Vec::new();
            let mut rest = pair;
            while let Some(close) = rest.find('>') {
                rest = &rest[close + 1..];
                let text = rest.split('<').next().unwrap_or_default().trim();
                if !text.is_empty() {
                    words.push(text.to_owned());
                }
            }
            words.join(" | ")
        })
        .collect()
}

/// Jay's letters on the desk: "title – kind. Read on …" lines.
async fn desk_letters(app: &TestApp, sam: &str) -> String {
    let desk = app.get(&format!("/caseload/{JAY}/licence"), Some(sam)).await.body;
    desk.split("class=\"letters-sent\"").nth(1).and_then(|s| s.split("</ul>").next()).unwrap_or_default().to_owned()
}

#[tokio::test]
async fn a_letter_is_read_when_the_person_says_so_never_when_a_page_is_opened() {
    let app = TestApp::new();
    let sam = app.practitioner(seed::DEMO_PRACTITIONER).await;
    let r = app
        .call(
            "/api/add_explanation",
            &format!(
                "case_id={JAY}&kind=warning&title=About+Friday&body=You+were+late.+Please+call+if+you+will+be+late."
            ),
            Some(&sam),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.message());
    let letter: i64 = app
        .backend
        .store_for_tests()
        .read()
        .unwrap()
        .query_row("SELECT MAX(id) FROM explanation", (), |r| r.get(0))
        .unwrap();
    let person = jay(&app).await;
    // Opening the pages, as the person, the phone's worker or a forged link would: nothing is read.
    for path in ["/me/licence", "/me", "/me/licence?read=1", "/api/person_licence"] {
        app.get(path, Some(&person)).await;
    }
    let page = app.get("/me/licence", Some(&person)).await.body;
    assert!(page.contains("About Friday") && page.contains("A warning and why"));
    assert!(page.contains("New. Not read yet") && page.contains("I have read this"), "{page}");
    assert!(desk_letters(&app, &sam).await.contains("About Friday</strong> – A warning and why. Not read yet."));
    let unread = "SELECT COUNT(*) FROM explanation WHERE read_at IS NULL AND case_id = 1";
    assert_eq!(app.count(unread), 2, "a GET marks nothing");

    // "I have read this": a plain form post, back to the letter.
    let r = app.post_form("/api/read_letter", &format!("explanation_id={letter}"), "/me/licence", Some(&person)).await;
    assert!(r.status.is_redirection(), "{}: {}", r.status, r.body);
    assert_eq!(r.location.as_deref(), Some(format!("/me/licence?read={letter}#letter-{letter}").as_str()));
    let read_at_of = || -> i64 { app.count(&format!("SELECT read_at FROM explanation WHERE id = {letter}")) };
    let read_at = read_at_of();
    let stamp = app::format::stamp(jiff::Timestamp::from_second(read_at).unwrap(), jiff::Timestamp::now());
    let desk = desk_letters(&app, &sam).await;
    assert!(desk.contains(&format!("About Friday</strong> – A warning and why. Read on {stamp}.")), "{desk}");
    assert!(desk.contains("Not read yet"), "the other letter is still unread: {desk}");
    let page = app.get("/me/licence", Some(&person)).await.body;
    assert!(page.contains("You read this: Today"), "{page}");
    // Again: the first reading stands.
    app.post_form("/api/read_letter", &format!("explanation_id={letter}"), "/me/licence", Some(&person)).await;
    assert_eq!(read_at_of(), read_at);
    // Someone else's letter is not theirs to read.
    let alex = app.person(ALEX_NUMBER, ALEX_PIN).await;
    let r = app.call("/api/read_letter", &format!("explanation_id={letter}"), Some(&alex)).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_licence_is_set_up_by_version_and_type_and_standard_conditions_added_once() {
    let app = TestApp::new();
    let sam = app.practitioner(seed::DEMO_PRACTITIONER).await;
    let priya = app.practitioner(seed::DEMO_COLLEAGUE).await;
    let dee = 2;
    let count = || -> i64 {
        app.backend
            .store_for_tests()
            .read()
            .unwrap()
            .query_row("SELECT COUNT(*) FROM case_condition WHERE case_id = ?1 AND removed_at IS NULL", [dee], |r| {
                r.get(0)
            })
            .unwrap()
    };
    let pss_end =
        jiff::Timestamp::now().to_zoned(app::format::london()).date().checked_add(jiff::Span::new().years(1)).unwrap();
    let r = app
        .call(
            "/api/set_licence_setup",
            &format!("case_id={dee}&version=3.0&licence_type=ap_pss&pss_end={pss_end}"),
            Some(&sam),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.message());
    let before = count();
    let r = app.call("/api/add_standard_conditions", &format!("case_id={dee}"), Some(&sam)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.message());
    // Version 3.0: 9 standard licence conditions and 8 for post-sentence supervision.
    assert_eq!(count() - before, 17);
    app.call("/api/add_standard_conditions", &format!("case_id={dee}"), Some(&sam)).await;
    assert_eq!(count() - before, 17, "nothing is added twice");
    let page = app.get(&format!("/caseload/{dee}/licence/add"), Some(&sam)).await.body;
    assert!(page.contains("Standard post-sentence supervision conditions"), "PSS shown for ap_pss");
    let r = app.call("/api/set_licence_setup", &format!("case_id={dee}&version=9.9&licence_type=ap"), Some(&sam)).await;
    assert_eq!(r.message(), "Choose policy version 4.0 or 3.0.");
    let r = app
        .call("/api/set_licence_setup", &format!("case_id={dee}&version=4.0&licence_type=sometimes"), Some(&sam))
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let r = app.call("/api/add_standard_conditions", &format!("case_id={dee}"), Some(&priya)).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r =
        app.call("/api/set_licence_setup", &format!("case_id={dee}&version=4.0&licence_type=ap"), Some(&priya)).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}

/// One rule is "1 rule", on the person's home and licence alike.
#[tokio::test]
async fn one_rule_is_one_rule() {
    let app = TestApp::new();
    {
        let conn = app.backend.store_for_tests().write().unwrap();
        let ids: Vec<i64> = conn
            .prepare("SELECT id FROM case_condition WHERE case_id = ?1 AND removed_at IS NULL ORDER BY id")
            .unwrap()
            .query_map([JAY], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        for id in &ids[1..] {
            server::store::remove_condition(
                &conn,
                app::model::CaseId(JAY),
                app::model::ConditionId(*id),
                app::model::PractitionerId(1),
            )
            .unwrap();
        }
    }
    let person = jay(&app).await;
    assert!(app.get("/me", Some(&person)).await.body.contains("Your licence has 1 rule."));
    let page = app.get("/me/licence", Some(&person)).await.body;
    assert!(page.contains("Your licence has 1 rule. You said you understand 1 of them."), "{page}");
}
