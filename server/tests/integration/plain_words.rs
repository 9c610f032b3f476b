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
    assert_eq!(app.call("/api/create_share_link", share, Some(&person)).await.status, StatusCode::OK);
    let token: String =
        app.backend.store().read().query_row("SELECT token FROM share_link", [], |r| r.get(0)).expect("a link");
    let shared = format!("/shared/{token}");
    let pages: [(&str, Option<&str>); 19] = [
        ("/", None),
        ("/hope", None),
        ("/hope?lat=51.45&lon=-2.59", None),
        ("/hope?need=food", None),
        ("/hope/families", None),
        ("/hope/7", None),
        ("/hope/print?area=Northbridge", None),
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

/// What the phone says about sending changes and finding where it is (shown in
/// the browser only, so not on any rendered page): one text, scored like a page.
#[test]
fn what_the_phone_says_about_syncing_is_easy_reading() {
    let mut all: Vec<String> = server::sync::messages();
    all.extend(app::islands::words::ALL.iter().map(|w| w.to_string()));
    all.push(app::islands::ALL_SENT.into());
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
    ];
    let mut words = Vec::new();
    for file in files {
        let r = app.upload("/caseload/hope/import", "file", "services.json", file.as_bytes(), Some(&sam)).await;
        let page = app.get(r.location.as_deref().unwrap_or_default(), Some(&sam)).await.body;
        let section =
            page.split("id=\"exchange\"").nth(1).and_then(|s| s.split("</section>").next()).unwrap_or_default();
        let text = page_text(&format!("<body>{section}</body>"));
        // "Line 12, content[1].name: A service needs a name." reads as its message.
        words.push(text.split(": ").filter(|part| !part.contains('[')).collect::<Vec<_>>().join(": "));
    }
    let text = words.join(" ");
    let score = Score::of(&text);
    println!("import messages: reading ease {:.1}, grade {:.1}", score.reading_ease, score.grade);
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
            .store()
            .read()
            .query_row(
                "SELECT id FROM case_condition WHERE case_id = ?1 AND code = ?2",
                rusqlite::params![case, code],
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
