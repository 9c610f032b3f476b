//! Security headers on every response (the page's CSP, with its nonce, is set by the app shell).

use axum::{
    extract::{Request, State},
    http::{header, HeaderValue},
    middleware::Next,
    response::Response,
};

#[derive(Debug, Clone, Copy)]
pub struct Security {
    /// Tell browsers to use only https here from now on (production over TLS).
    pub hsts: bool,
}

/// A year, and the subdomains too: the service is only ever reached over https.
const HSTS: &str = "max-age=31536000; includeSubDomains";

pub async fn security(State(security): State<Security>, req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    if security.hsts {
        h.insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static(HSTS));
    }
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert("permissions-policy", HeaderValue::from_static("camera=(), microphone=(), geolocation=(self)"));
    if !h.contains_key(header::CONTENT_SECURITY_POLICY) {
        h.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("default-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'"),
        );
    }
    res
}
