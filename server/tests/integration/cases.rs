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
