//! The Content-Security-Policy allows no inline style (issue 15.13): the
//! header says so, and no page carries a `style` attribute or a `<style>`
//! block for it to refuse (the browser sweep also listens for violations).

use crate::common::*;
use server::seed;

#[tokio::test]
async fn no_page_needs_inline_style() {
    let app = TestApp::new();
    let jay = app.person(seed::DEMO_PERSON_NUMBER, seed::DEMO_PERSON_PIN).await;
    let sam = app.practitioner(seed::DEMO_PRACTITIONER).await;
    let pages: Vec<(&str, Option<&str>)> = vec![
        ("/", None),
        ("/hope", None),
        ("/hope/1", None),
        ("/hope/print?area=Northbridge", None),
        ("/hope/near", None),
        ("/sign-in", None),
        ("/me", Some(&jay)),
        ("/me/licence", Some(&jay)),
        ("/me/appointments", Some(&jay)),
        ("/me/steps", Some(&jay)),
        ("/me/share", Some(&jay)),
        ("/caseload", Some(&sam)),
        ("/caseload/1", Some(&sam)),
        ("/caseload/1/licence", Some(&sam)),
        ("/caseload/1/steps", Some(&sam)),
        ("/caseload/1/appointments", Some(&sam)),
        ("/caseload/hope", Some(&sam)),
    ];
    for (path, cookie) in pages {
        let page = app.get(path, cookie).await;
        let csp = page.header("content-security-policy");
        assert!(csp.contains("style-src 'self';") && !csp.contains("unsafe-inline"), "{path}: {csp}");
        let lower = page.body.to_lowercase();
        assert!(!lower.contains(" style=") && !lower.contains("<style"), "{path} has inline style: {}", page.body);
    }
}
