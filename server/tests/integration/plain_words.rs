//! Every text a person on licence or a family member reads is easy reading:
//! the pages are rendered for real and their words scored, block by block
//! joined into one text per page (the official licence wording, quoted in
//! <blockquote>, is the law's words and is left out).

use super::common::*;
use app::readability::Score;
use axum::http::StatusCode;
use server::seed;

/// The words a reader sees in <body>, one entry per block of text.
pub(super) fn visible_blocks(html: &str) -> Vec<String> {
    let body = html.split_once("<body").and_then(|(_, b)| b.split_once('>')).map(|(_, b)| b).unwrap_or(html);
    let mut blocks = Vec::new();
    let mut skip_depth = 0usize;
    let mut rest = body;
    while let Some(open) = rest.find('<') {
        let text = rest[..open].trim();
        if skip_depth == 0 && !text.is_empty() {
            blocks.push(text.replace("&amp;", "&").replace("&#x27;", "'").replace("&quot;", "\""));
        }
        let Some(close) = rest[open..].find('>') else { break };
        let tag = &rest[open + 1..open + close];
        let name = tag.trim_start_matches('/').split([' ', '/']).next().unwrap_or("").to_lowercase();
        if matches!(name.as_str(), "script" | "style" | "blockquote" | "template") {
            if tag.starts_with('/') {
                skip_depth = skip_depth.saturating_sub(1);
            } else {
                skip_depth += 1;
            }
        }
        rest = &rest[open + close + 1..];
    }
    blocks
}

fn page_text(html: &str) -> String {
    visible_blocks(html)
        .into_iter()
        .map(|b| if b.ends_with(['.', '!', '?', ':']) { b } else { format!("{b}.") })
        .collect::<Vec<_>>()
        .join(" ")
}

#[tokio::test]
async fn every_page_a_person_reads_is_easy_reading() {
    let app = TestApp::new();
    let person = app.person(seed::DEMO_PERSON_NUMBER, seed::DEMO_PERSON_PIN).await;
    let share = "form[who]=Mum&form[appointments]=on&form[licence]=on&form[steps]=on&form[length]=week";
    let token = super::share::make_link(&app, &person, share).await;
    let shared = format!("/shared/{token}");
    // What is new and what changed: an answer, a changed rule, a moved curfew.
    let sam = app.practitioner(seed::DEMO_PRACTITIONER).await;
    let curfew: i64 = app
        .backend
        .store_for_tests()
        .read()
        .unwrap()
        .query_row("SELECT MAX(id) FROM case_condition WHERE case_id = 1", (), |r| r.get(0))
        .unwrap();
    for (path, form) in [
        ("/api/reply_to_question", format!("case_id={JAY}&condition_id=2&reply=Yes,+that+counts.+Tell+me+first.")),
        ("/api/edit_condition", format!("case_id={JAY}&condition_id=1&explanation=Be+kind+to+the+people+you+meet.")),
        (
            "/api/edit_condition",
            format!(
                "case_id={JAY}&condition_id={curfew}&explanation=Be+home+by+8.+Stay+in+until+7.\
                 &details[numberOfCurfews][]=One+curfew&details[oneCurfewStart][]=20:00&details[oneCurfewEnd][]=07:00"
            ),
        ),
    ] {
        let r = app.call(path, &form, Some(&sam)).await;
        assert_eq!(r.status, StatusCode::OK, "{path}: {}", r.body);
    }
    // A check-in, seen by Sam, so the page shows what became of one.
    let form = "form[mood]=2&form[need_money]=on&form[contact_me]=on&form[note]=Lost+my+job.";
    assert_eq!(app.call("/api/send_check_in", form, Some(&person)).await.status, StatusCode::OK);
    let seen = app.call("/api/see_check_in", &format!("case_id={JAY}&check_in_id=1"), Some(&sam)).await;
    assert_eq!(seen.status, StatusCode::OK, "{}", seen.body);
    // A request, answered with conditions, so the page shows an answer.
    let form = "form[kind]=travel&form[place]=Leeds&form[why]=My+daughter+is+getting+married.+Can+I+stay+two+nights%3F";
    assert_eq!(app.call("/api/send_request", form, Some(&person)).await.status, StatusCode::OK);
    let answer = format!(
        "case_id={JAY}&request_id=1&form[decision]=yes_with_conditions&form[answer]=Yes.+Give+me+the+address+first."
    );
    let answered = app.call("/api/answer_request", &answer, Some(&sam)).await;
    assert_eq!(answered.status, StatusCode::OK, "{}", answered.body);
    // A goal, a good thing and a well done, so the pages show them.
    for (path, form, who) in [
        (
            "/api/set_goal",
            "form[area]=work&form[title]=Get+a+job&form[next_step]=Ask+at+the+job+centre".to_owned(),
            &person,
        ),
        ("/api/add_good_thing", "good_thing=I+went+to+every+meeting.".to_owned(), &person),
        ("/api/well_done", format!("case_id={JAY}&achievement_id=1&well_done=Well+done.+Keep+going."), &sam),
    ] {
        let r = app.call(path, &form, Some(who)).await;
        assert_eq!(r.status, StatusCode::OK, "{path}: {}", r.body);
    }
    // Someone else looks, so "who has looked" has something to say.
    app.get("/caseload/1/licence", Some(&sam)).await;
    app.get(&shared, None).await;
    app.call("/api/sign_in_person", &format!("number={}&pin=9753", seed::DEMO_PERSON_NUMBER), None).await;
    let pages: [(&str, Option<&str>); 31] = [
        ("/", None),
        ("/hope", None),
        ("/hope?lat=51.45&lon=-2.59", None),
        ("/hope?need=food", None),
        ("/hope/families", None),
        ("/hope/safety", None),
        ("/hope?q=scared", None),
        ("/hope/7", None),
        ("/hope/print?area=Northbridge", None),
        ("/caseload/1/pack", Some(&sam)),
        ("/sign-in", None),
        ("/activate", None),
        ("/no-such-page", None),
        ("/me", Some(&person)),
        ("/me?welcome=1", Some(&person)),
        ("/me/licence", Some(&person)),
        ("/me/appointments", Some(&person)),
        ("/me/steps", Some(&person)),
        ("/me/share", Some(&person)),
        ("/me/share?made=1", Some(&person)),
        ("/me/who-has-looked", Some(&person)),
        ("/me/about", Some(&person)),
        ("/me/about?saved=busy", Some(&person)),
        ("/me/check-in", Some(&person)),
        ("/me/check-in?sent=low", Some(&person)),
        ("/me/requests", Some(&person)),
        ("/me/requests?sent=1", Some(&person)),
        ("/me/progress", Some(&person)),
        ("/me/progress?saved=done", Some(&person)),
        ("/hope/near", None),
        (&shared, None),
    ];
    let mut failures = Vec::new();
    for (path, cookie) in pages {
        let html = app.get(path, cookie).await.body;
        let text = page_text(&html);
        assert!(text.split_whitespace().count() > 20, "{path} has words: {text}");
        let score = Score::of(&text);
        println!("{path}: reading ease {:.1}, grade {:.1}", score.reading_ease, score.grade);
        if !score.is_easy() {
            failures.push(format!("{path}: ease {:.1}, grade {:.1}\n{text}", score.reading_ease, score.grade));
        }
    }
    assert!(failures.is_empty(), "pages that are not easy reading:\n{}", failures.join("\n\n"));
}

#[test]
fn the_extractor_skips_scripts_and_quotes() {
    let html =
        "<body><p>Hello there.</p><script>var x = 1;</script><blockquote>Not to reside</blockquote><li>Go</li></body>";
    assert_eq!(visible_blocks(html), vec!["Hello there.", "Go"]);
}

/// What the person is told when their case moves (issue 12.3), as their home shows it.
#[test]
fn a_new_officer_is_announced_in_plain_words() {
    use app::model::handover::{Handover, HandoverNotes};
    let moved = |by_old_practitioner| Handover {
        id: app::model::HandoverId(1),
        case_id: app::model::CaseId(1),
        from_name: "Sam Okafor".into(),
        to_name: "Priya Shah".into(),
        written_by: "Sam Okafor".into(),
        by_old_practitioner,
        moved_at: jiff::Timestamp::now(),
        read_at: None,
        notes: HandoverNotes::default(),
    };
    let news = app::model::news::News::NewOfficer { name: "Priya Shah".into() };
    let text = [
        news.label().to_owned() + ": Priya Shah.",
        "Your probation officer.".into(),
        moved(true).person_message(),
        moved(false).person_message(),
        "Your probation officer is Priya Shah. Their office is Northbridge Probation Office, 1 Station Road.".into(),
    ]
    .join(" ");
    let score = Score::of(&text);
    println!("new officer: reading ease {:.1}, grade {:.1}", score.reading_ease, score.grade);
    assert!(score.is_easy(), "ease {:.1}, grade {:.1}:\n{text}", score.reading_ease, score.grade);
}

/// What the phone says about sending changes and finding where it is (shown in
/// the browser only, so not on any rendered page): one text, scored like a page.
#[test]
fn what_the_phone_says_about_syncing_is_easy_reading() {
    let mut all: Vec<String> = server::sync::messages();
    all.extend(app::islands::words::ALL.iter().map(|w| w.to_string()));
    all.extend([app::islands::ALL_SENT, app::islands::CHECKING].map(String::from));
    all.extend([app::islands::near_me::words::ASKING, app::islands::near_me::words::REFUSED].map(String::from));
    let text = all.join(" ");
    let score = Score::of(&text);
    println!("sync messages: reading ease {:.1}, grade {:.1}", score.reading_ease, score.grade);
    assert!(score.is_easy(), "ease {:.1}, grade {:.1}:\n{text}", score.reading_ease, score.grade);
}

/// What an office admin reads when loading a file: the form, and the reason a
/// file was refused (without the line and field, which are a place, not words).
#[tokio::test]
async fn what_an_office_admin_reads_about_files_is_easy_reading() {
    let app = TestApp::new();
    let sam = app.practitioner(seed::DEMO_PRACTITIONER).await;
    let small = include_str!("../../../end2end/fixtures/oruk-small.json");
    let files = [
        small.replace("\"name\": \"Harbourside Job Club\",", ""),
        small.replace("\"name\": \"Employment\"", "\"name\": \"Pet grooming\""),
        small.replace("\"latitude\": 51.4523", "\"latitude\": 48.8566"),
        small.replace("\"opens_at\": \"13:00\"", "\"opens_at\": \"1pm\""),
        small.replace("\"status\": \"active\",", "\"status\": \"active\""),
        small.replace("riverside-svc-2210", "riverside-svc-1042"),
        String::new(),
        small.replace("\"status\": \"active\",", &format!("\"status\": {}1{},", "[".repeat(30), "]".repeat(30))),
        small.replace("\"status\": \"active\",", &format!("\"{}\": 1,", "x".repeat(200))),
        small.replacen("\"eligibilitys\": [", &format!("\"eligibilitys\": [{}", "{},".repeat(1001)), 1),
    ];
    let mut words = Vec::new();
    for file in files {
        let r = app.upload("/caseload/hope/import", "file", "services.json", file.as_bytes(), Some(&sam)).await;
        let page = app.follow(&r, Some(&sam)).await.body;
        let section =
            page.split("id=\"exchange\"").nth(1).and_then(|s| s.split("</section>").next()).unwrap_or_default();
        let text = page_text(&format!("<body>{section}</body>"));
        // "Line 12, content[1].name: A service needs a name." reads as its message.
        words.push(text.split(": ").filter(|part| !part.contains('[')).collect::<Vec<_>>().join(": "));
    }
    let text = words.join(" ");
    for limit in ["nests too deeply", "field name is too long", "list is too long"] {
        assert!(text.contains(limit), "{limit}: {text}");
    }
    let score = Score::of(&text);
    println!("import messages: reading ease {:.1}, grade {:.1}", score.reading_ease, score.grade);
    assert!(score.is_easy(), "ease {:.1}, grade {:.1}:\n{text}", score.reading_ease, score.grade);
}

/// What sign-in and share links say when something goes wrong or ends: one
/// text, scored like a page.
#[test]
fn what_sign_in_and_links_say_is_easy_reading() {
    use app::model::audit::{AuditAction, Looked, Section, Who};
    let mut all: Vec<String> =
        [server::backend::PERSON_WRONG, server::backend::CODE_WRONG].into_iter().map(String::from).collect();
    for pin in ["1111", "1234", "1990", "2580"] {
        all.push(app::model::check_pin(pin).unwrap_err().to_string());
    }
    all.extend(app::model::share::TurnedOffBy::ALL.iter().map(|b| b.words().to_owned()));
    let at: jiff::Timestamp = "2026-11-30T10:00:00Z".parse().unwrap();
    for action in [
        AuditAction::Read(Section::Calendar),
        AuditAction::Change(Section::MyList),
        AuditAction::SignInSlowed,
        AuditAction::Activated,
        AuditAction::CodeIssued,
        AuditAction::ShareTurnedOff,
        AuditAction::PhoneLost,
        AuditAction::SignedIn,
    ] {
        let looked = Looked {
            who: Who::Officer("Sam".into()),
            action,
            sections: match action {
                AuditAction::Read(s) | AuditAction::Change(s) => vec![s],
                _ => vec![],
            },
            detail: Some("Mum".into()),
            day: at.to_zoned(app::format::london()).date(),
            last_at: at,
            times: 2,
        };
        all.push(format!("{}, {}.", looked.sentence(), looked.when(at)));
    }
    let text = all.join(" ");
    let score = Score::of(&text);
    println!("sign-in messages: reading ease {:.1}, grade {:.1}", score.reading_ease, score.grade);
    assert!(score.is_easy(), "ease {:.1}, grade {:.1}:\n{text}", score.reading_ease, score.grade);
}

/// What a browser shows when a form was too big or not readable text.
#[tokio::test]
async fn what_a_refused_form_says_is_easy_reading() {
    use axum::body::Body;
    use axum::http::{header, Request};
    let app = TestApp::new();
    let mut words = Vec::new();
    for body in [format!("preferred_name={}", "x".repeat(100_000)).into_bytes(), b"preferred_name=%FF".to_vec()] {
        let req = Request::post("/api/create_case")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "text/html")
            .body(Body::from(body))
            .expect("request");
        let r = app.send(req).await;
        assert!(r.status.is_client_error(), "{}", r.body);
        words.push(page_text(&format!("<body>{}</body>", r.body)));
    }
    let text = words.join(" ");
    let score = Score::of(&text);
    println!("refused forms: reading ease {:.1}, grade {:.1}", score.reading_ease, score.grade);
    assert!(score.is_easy(), "ease {:.1}, grade {:.1}:\n{text}", score.reading_ease, score.grade);
}

/// What a person reads when another site's page tried to send a form for
/// them, or their phone sent its changes in a form Waymark does not take.
#[tokio::test]
async fn refusals_of_requests_from_elsewhere_are_easy_reading() {
    let app = TestApp::new();
    let req = axum::http::Request::post("/api/sign_out")
        .header("sec-fetch-site", "cross-site")
        .header("accept", "text/html")
        .body(axum::body::Body::empty())
        .unwrap();
    let page = app.send(req).await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    let req = axum::http::Request::post("/api/v1/sync")
        .header("content-type", "text/plain")
        .body(axum::body::Body::from("{}"))
        .unwrap();
    let sync: app::model::sync::SyncRefusal = serde_json::from_str(&app.send(req).await.body).expect("a refusal");
    let text = format!("{} {}", page_text(&page.body), sync.reason);
    let score = Score::of(&text);
    println!("refusals: reading ease {:.1}, grade {:.1}", score.reading_ease, score.grade);
    assert!(score.is_easy(), "ease {:.1}, grade {:.1}:\n{text}", score.reading_ease, score.grade);
}

/// What the desk's changes show the person: a licence in two parts, a rule
/// taken off, a move to a new address, a step of the practitioner's own.
#[tokio::test]
async fn what_the_desk_changes_reads_easily_for_the_person() {
    use super::cases::{activate, open_case};
    let app = TestApp::new();
    let sam = app.practitioner(seed::DEMO_PRACTITIONER).await;
    let case = open_case(&app, &sam, "Robin").await;
    let setup = format!("case_id={case}&version=4.0&licence_type=ap_pss&pss_end=2028-05-01");
    assert_eq!(app.call("/api/set_licence_setup", &setup, Some(&sam)).await.status, StatusCode::OK);
    assert_eq!(
        app.call("/api/add_standard_conditions", &format!("case_id={case}"), Some(&sam)).await.status,
        StatusCode::OK
    );
    let id = |code: &str| -> i64 {
        app.backend
            .store_for_tests()
            .read()
            .unwrap()
            .query_row(
                "SELECT id FROM case_condition WHERE case_id = ?1 AND code = ?2",
                server::params![case, code],
                |r| r.get(0),
            )
            .expect(code)
    };
    let residence = id("3361683a-504a-4357-ae22-6aa01b370b4a");
    for address in ["4+Low+Road", "12+High+Street"] {
        let form = format!("case_id={case}&condition_id={residence}&details[homeAddress][]={address}");
        assert_eq!(app.call("/api/edit_condition", &form, Some(&sam)).await.status, StatusCode::OK);
    }
    let passport = id("7d416906-0e94-4fde-ae86-8339d339ccb7");
    let remove = format!("case_id={case}&condition_id={passport}");
    assert_eq!(app.call("/api/remove_condition", &remove, Some(&sam)).await.status, StatusCode::OK);
    let step = format!("case_id={case}&track=work&title=Get+a+bus+pass");
    assert_eq!(app.call("/api/add_step", &step, Some(&sam)).await.status, StatusCode::OK);
    let person = activate(&app, case).await;
    let mut failures = Vec::new();
    for path in ["/me", "/me/licence", "/me/steps"] {
        let html = app.get(path, Some(&person)).await.body;
        let text = page_text(&html);
        if path != "/me/steps" {
            assert!(text.contains("post-sentence supervision"), "{path} shows the parts: {text}");
        }
        let score = Score::of(&text);
        println!("{path} after the desk's changes: reading ease {:.1}, grade {:.1}", score.reading_ease, score.grade);
        if !score.is_easy() {
            failures.push(format!("{path}: ease {:.1}, grade {:.1}\n{text}", score.reading_ease, score.grade));
        }
    }
    // The new words on their own, too: they must not lean on the easy text around them.
    let licence = app.get("/me/licence", Some(&person)).await.body;
    let own = app.get("/me/steps", Some(&person)).await.body;
    let mut words: Vec<String> = app::model::parts::parts_words(&[
        app::model::parts::LicencePart { kind: app::model::LicenceKind::Ap, ends: None },
        app::model::parts::LicencePart { kind: app::model::LicenceKind::Pss, ends: None },
    ]);
    for needle in ["You now live at 12 High Street.", "Before, it was 4 Low Road.", "took this rule off your licence"] {
        assert!(licence.contains(needle), "{needle}");
    }
    words.push("You now live at 12 High Street. Before, it was 4 Low Road.".into());
    words.push(page_text(licence.split("Rules taken off your licence").nth(1).unwrap_or_default()));
    words.push(page_text(
        own.split("Get a bus pass").nth(1).and_then(|s| s.split("What changed").next()).unwrap_or_default(),
    ));
    let score = Score::of(&words.join(" "));
    println!("the desk's new words: reading ease {:.1}, grade {:.1}", score.reading_ease, score.grade);
    assert!(score.is_easy(), "ease {:.1}, grade {:.1}:\n{}", score.reading_ease, score.grade, words.join(" "));
    assert!(failures.is_empty(), "pages that are not easy reading:\n{}", failures.join("\n\n"));
}
