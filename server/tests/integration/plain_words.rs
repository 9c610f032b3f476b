//! Every text a person on licence or a family member reads is easy reading:
//! the pages are rendered for real and their words scored, block by block
//! joined into one text per page (the official licence wording, quoted in
//! <blockquote>, is the law's words and is left out).

use super::common::*;
use app::readability::Score;
use axum::http::StatusCode;
use server::seed;

/// The words a reader sees in <body>, one entry per block of text.
fn visible_blocks(html: &str) -> Vec<String> {
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
        let page = app.follow(&r, Some(&sam)).await.body;
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
