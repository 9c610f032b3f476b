//! Opening a case at the desk: the code and where to use it, and what a new
//! case starts with.

use super::common::*;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use server::seed;

/// Dee has not started Waymark: her page tells Sam the real address to open.
const DEE: i64 = 2;

#[tokio::test]
async fn the_activation_address_is_this_sites_real_address_with_a_qr_code() {
    let app = TestApp::new();
    let sam = app.practitioner(seed::DEMO_PRACTITIONER).await;
    let req = Request::get(format!("/caseload/{DEE}"))
        .header(header::ACCEPT, "text/html")
        .header(header::HOST, "waymark.example:8443")
        .header(header::COOKIE, &sam)
        .body(Body::empty())
        .expect("request");
    let page = app.send(req).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("http://waymark.example:8443/activate</strong>"), "{}", page.body);
    assert!(!page.body.contains("waymark/activate"), "no made-up address");
    assert!(page.body.contains("QR code for http://waymark.example:8443/activate"));
    assert!(page.body.contains("<svg"), "the QR code is drawn in the page");
    // The code to type is on the page, never in the address the QR code opens.
    assert!(page.body.contains(seed::DEMO_ACTIVATION_CODE));
    let link = app.call("/api/activation_link", "", Some(&sam)).await;
    assert!(!link.body.contains(seed::DEMO_ACTIVATION_CODE));
}

/// Sam opens a case as the desk's form does; its id.
pub(super) async fn open_case(app: &TestApp, practitioner: &str, name: &str) -> i64 {
    let form = format!("preferred_name={name}&licence_start=2026-11-01&licence_end=2027-11-01");
    let r = app.post_form("/api/create_case", &form, "/caseload/new", Some(practitioner)).await;
    assert_eq!(r.status, StatusCode::FOUND, "{}", r.body);
    r.location.and_then(|l| l.rsplit('/').next()?.parse().ok()).expect("redirect to the new case")
}

/// The person of a case starts Waymark with its code (PIN 4826); their cookie.
pub(super) async fn activate(app: &TestApp, case: i64) -> String {
    let code: String = app
        .backend
        .store_for_tests()
        .read()
        .unwrap()
        .query_row("SELECT code FROM activation_code WHERE case_id = ?1 AND used_at IS NULL", [case], |r| r.get(0))
        .expect("a code waiting");
    let r = app.call("/api/activate", &format!("code={code}&pin=4826&pin_again=4826"), None).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    r.cookie.expect("signed in")
}

fn guide_keys(app: &TestApp, case: i64) -> Vec<Option<String>> {
    let conn = app.backend.store_for_tests().read().unwrap();
    let mut stmt = conn.prepare("SELECT guide_key FROM step WHERE case_id = ?1 ORDER BY id").unwrap();
    stmt.query_map([case], |r| r.get(0)).unwrap().collect::<Result<_, _>>().unwrap()
}

#[tokio::test]
async fn a_case_opened_at_the_desk_starts_with_the_standard_steps_each_with_its_guidance() {
    let app = TestApp::new();
    let sam = app.practitioner(seed::DEMO_PRACTITIONER).await;
    let case = open_case(&app, &sam, "Robin").await;
    // The same steps as the demo cases, in the same order.
    assert_eq!(guide_keys(&app, case), guide_keys(&app, JAY));
    assert_eq!(guide_keys(&app, case).len(), 6);

    let desk = app.get(&format!("/caseload/{case}/steps"), Some(&sam)).await.body;
    for title in
        ["Get your birth certificate", "Open a basic bank account", "Claim Universal Credit", "Register with a GP"]
    {
        assert!(desk.contains(title), "{title} on the desk: {desk}");
    }
    assert_eq!(desk.matches("What Robin reads about this step").count(), 6, "every step carries its guidance");
    // "ID: not yet" is true: the case has the ID steps, none done.
    let caseload = app.get("/caseload", Some(&sam)).await.body;
    let card = caseload.split("case-card").find(|c| c.contains("Robin")).expect("Robin's card");
    assert!(card.contains("ID: not yet. Bank account: not yet."), "{card}");

    let person = activate(&app, case).await;
    let steps = app.get("/me/steps", Some(&person)).await.body;
    assert!(steps.contains("You have done 0 of 6 steps."), "{steps}");
    for url in [
        "https://www.gov.uk/order-copy-birth-death-marriage-certificate",
        "https://www.gov.uk/apply-first-provisional-driving-licence",
        "https://www.gov.uk/universal-credit/how-to-claim",
        "https://www.nhs.uk/nhs-services/gps/how-to-register-with-a-gp-surgery/",
        "https://www.fca.org.uk/consumers/opening-bank-account",
    ] {
        assert!(steps.contains(&format!("href=\"{url}\"")), "a link to {url}: {steps}");
    }
    assert!(steps.contains("How to do it, on GOV.UK"));
    // Prices say when they were checked, and none is the 2023 guess any more.
    assert!(steps.contains("£34 online, or £43 by post. (prices checked 2 June 2025)"), "{steps}");
    assert!(steps.contains("£12.50 online"), "{steps}");
    assert!(!steps.contains("2023"), "no price from 2023: {steps}");
    // A letter from probation or approved premises is named for the bank.
    let bank = steps.split("Open a basic bank account").nth(1).unwrap_or_default();
    assert!(bank.contains("Ask your probation officer or your approved premises for a letter."), "{bank}");
}

#[tokio::test]
async fn a_step_named_at_the_desk_gets_guidance_when_it_is_a_known_one_or_says_it_is_their_own() {
    let app = TestApp::new();
    let sam = app.practitioner(seed::DEMO_PRACTITIONER).await;
    let case = open_case(&app, &sam, "Robin").await;
    let add = |title: &str, track: &str| format!("case_id={case}&track={track}&title={title}");
    // Named in the practitioner's words, under the wrong part: it is the passport step.
    let r = app.call("/api/add_step", &add("Apply+for+his+PASSPORT", "work"), Some(&sam)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.message());
    let r = app.call("/api/add_step", &add("Get+a+bus+pass", "work"), Some(&sam)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.message());
    let keys = guide_keys(&app, case);
    assert_eq!(keys[6].as_deref(), Some("passport"));
    assert_eq!(keys[7], None);
    let track: String = app
        .backend
        .store_for_tests()
        .read()
        .unwrap()
        .query_row("SELECT track FROM step WHERE case_id = ?1 AND guide_key = 'passport'", [case], |r| r.get(0))
        .unwrap();
    assert_eq!(track, "id", "a known step goes where its guidance belongs");

    let desk = app.get(&format!("/caseload/{case}/steps"), Some(&sam)).await.body;
    let passport = desk.split("Apply for his PASSPORT").nth(1).unwrap_or_default();
    assert!(passport.contains("£94.50 online, or £107 by post."), "{passport}");
    let bus = desk.split("Get a bus pass").nth(1).unwrap_or_default();
    assert!(bus.contains("This is your own step. Waymark has no guidance for it, so tell Robin what to do"), "{bus}");
    let person = activate(&app, case).await;
    let steps = app.get("/me/steps", Some(&person)).await.body;
    let bus = steps.split("Get a bus pass").nth(1).unwrap_or_default();
    assert!(bus.contains("Your probation officer added this step for you. Ask them what to do"), "{bus}");

    // A known step the case already has is refused plainly, and nothing is added.
    let r = app.call("/api/add_step", &add("Birth+certificate", "id"), Some(&sam)).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(r.message(), "This step is already on the list: Get your birth certificate.");
    assert_eq!(guide_keys(&app, case).len(), 8);
}
