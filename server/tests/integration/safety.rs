//! Families who are frightened (issue 16.4): the safety page, searches that
//! find it, a quick exit on every public page, every helpline one tap to call.

use crate::common::*;
use axum::http::StatusCode;
use server::seed;

/// Pages anyone may open without signing in.
const PUBLIC: [&str; 11] = [
    "/",
    "/hope",
    "/hope?q=scared",
    "/hope/1",
    "/hope/families",
    "/hope/safety",
    "/hope/near",
    "/sign-in",
    "/activate",
    "/practitioner/sign-in",
    "/no-such-page",
];

fn quick_exit(body: &str) -> bool {
    body.contains(r#"<a href="https://www.bbc.co.uk/weather" rel="noreferrer" data-quick-exit="" class="quick-exit">"#)
}

#[tokio::test]
async fn searches_that_speak_of_fear_find_the_safety_page() {
    let app = TestApp::new();
    for q in ["scared", "afraid", "victim", "violent", "Domestic+abuse", "he+hit+me"] {
        let body = app.get(&format!("/hope?q={q}"), None).await.body;
        assert!(body.contains(r#"<a class="button" href="/hope/safety">"#), "{q}: no way to the safety page");
    }
    let food = app.get("/hope?q=food", None).await.body;
    assert!(!food.contains(r#"<a class="button" href="/hope/safety">"#), "only searches that speak of fear");
}

#[tokio::test]
async fn the_safety_page_says_who_can_help_and_holds_nothing_of_anyone() {
    let app = TestApp::new();
    let jay = app.person(seed::DEMO_PERSON_NUMBER, seed::DEMO_PERSON_PIN).await;
    for cookie in [None, Some(jay.as_str())] {
        let r = app.get("/hope/safety", cookie).await;
        assert_eq!(r.status, StatusCode::OK);
        for words in [
            "You do not have to let them stay",
            "Victim Contact Scheme",
            "press 55",
            "National Domestic Abuse Helpline",
            "Advice Line",
            "Refuge",
            "Live Fear Free",
        ] {
            assert!(r.body.contains(words), "missing {words:?}");
        }
        for tel in ["tel:999", "tel:08082000247", "tel:08088010327", "tel:08088010800", "tel:101", "tel:08088005000"] {
            assert!(r.body.contains(&format!(r#"href="{tel}""#)), "{tel} is not one tap");
        }
        assert!(!r.body.contains("Jay"), "no person's data, even for a signed-in person");
        assert!(quick_exit(&r.body));
    }
}

#[tokio::test]
async fn every_public_page_has_a_quick_exit_and_the_persons_pages_do_not() {
    let app = TestApp::new();
    for path in PUBLIC {
        assert!(quick_exit(&app.get(path, None).await.body), "{path} has no quick exit");
    }
    let jay = app.person(seed::DEMO_PERSON_NUMBER, seed::DEMO_PERSON_PIN).await;
    for path in ["/me", "/me/licence", "/me/steps"] {
        assert!(!quick_exit(&app.get(path, Some(&jay)).await.body), "{path}: the person's own pages stay calm");
    }
}

/// Phone numbers in a page's words: runs of digits and single spaces that
/// start with 0 and hold 10 or 11 digits, and the short emergency numbers.
fn numbers_in_words(body: &str) -> Vec<String> {
    let text: String = {
        // The words only: drop tags (attribute values hold the tel: links themselves).
        let mut out = String::new();
        let mut in_tag = false;
        for c in body.split("</head>").last().unwrap_or(body).chars() {
            match c {
                '<' => in_tag = true,
                '>' => {
                    in_tag = false;
                    out.push(' ');
                }
                c if !in_tag => out.push(c),
                _ => {}
            }
        }
        out
    };
    let mut found = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let boundary = i == 0 || !chars[i - 1].is_ascii_alphanumeric();
        if chars[i].is_ascii_digit() && boundary {
            let mut j = i;
            let mut digits = String::new();
            while j < chars.len()
                && (chars[j].is_ascii_digit()
                    || (chars[j] == ' ' && chars.get(j + 1).is_some_and(char::is_ascii_digit)))
            {
                if chars[j].is_ascii_digit() {
                    digits.push(chars[j]);
                }
                j += 1;
            }
            let phone = digits.starts_with('0') && (10..=11).contains(&digits.len());
            if phone || ["999", "101", "116123"].contains(&digits.as_str()) {
                found.push(digits);
            }
            i = j;
        } else {
            i += 1;
        }
    }
    found
}

#[tokio::test]
async fn every_phone_number_on_a_page_anyone_reads_is_one_tap_to_call() {
    let app = TestApp::new();
    let jay = app.person(seed::DEMO_PERSON_NUMBER, seed::DEMO_PERSON_PIN).await;
    let mut pages: Vec<(String, Option<&str>)> = PUBLIC.iter().map(|p| ((*p).to_owned(), None)).collect();
    pages.extend(["/hope/2", "/hope/5", "/hope/9"].map(|p| (p.to_owned(), None)));
    pages.extend(["/me", "/me/appointments", "/me/steps", "/hope"].map(|p| (p.to_owned(), Some(jay.as_str()))));
    let mut seen = 0;
    for (path, cookie) in &pages {
        let body = app.get(path, *cookie).await.body;
        for number in numbers_in_words(&body) {
            seen += 1;
            assert!(body.contains(&format!(r#"href="tel:{number}""#)), "{path}: {number} is not one tap to call");
        }
    }
    assert!(seen > 20, "the check read the numbers ({seen})");
}

#[test]
fn the_number_finder_finds_numbers_and_not_other_digits() {
    let page = "<head>0808 800 4444</head><p>Call 0808 2000 247 or 999. Room 12, 2026-12-02, code 40000001.</p>";
    assert_eq!(numbers_in_words(page), ["08082000247", "999"]);
}
