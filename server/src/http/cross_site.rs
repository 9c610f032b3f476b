//! Another website cannot make a browser change anything here (issue 15.7).
//!
//! Every request that may change state (POST, PUT, PATCH, DELETE: server
//! functions, `/api/v1/sync`, map uploads, imports) is checked before anything
//! runs, the body limit and the session included:
//! - `Sec-Fetch-Site` (sent by every current browser; a page cannot forge it):
//!   `same-origin` passes, and `none` (the person themselves, e.g. sending a
//!   form again on reload); `same-site` and `cross-site` are refused — another
//!   subdomain is not Waymark.
//! - Otherwise `Origin` (older browsers send it on every cross-origin POST):
//!   it must be this host (and https when cookies are `Secure`); `null` is refused.
//! - Neither header: not a browser (a script, a test client, a health probe).
//!   Allowed, because only a browser carries someone's cookie without their
//!   knowing; a script must hold the session token itself, and then it is them.

use super::router::App;
use axum::{
    extract::{Request, State},
    http::{header, HeaderMap, Method, StatusCode},
    middleware::Next,
    response::{Html, IntoResponse, Response},
};

pub const REFUSED: &str =
    "Waymark did not do this. It was sent from a page that is not Waymark, so nothing was changed. If you meant to do \
     it, open Waymark yourself and try again.";

pub async fn refuse_cross_site(State(app): State<App>, req: Request, next: Next) -> Response {
    let changes = matches!(*req.method(), Method::POST | Method::PUT | Method::PATCH | Method::DELETE);
    if !changes || same_origin(req.headers(), app.cookies.secure) {
        return next.run(req).await;
    }
    tracing::warn!(path = req.uri().path(), "refused a cross-site request");
    if req.uri().path().starts_with("/api/v1/") {
        return super::sync::refusal(StatusCode::FORBIDDEN, "cross_site", REFUSED);
    }
    let page = format!(
        "<!DOCTYPE html><html lang=\"en-GB\"><title>Not sent – Waymark</title>\
         <h1>That was not sent from Waymark</h1><p>{REFUSED}</p><p><a href=\"/\">Go to the start page</a></p></html>"
    );
    (StatusCode::FORBIDDEN, [(header::CACHE_CONTROL, "no-store")], Html(page)).into_response()
}

/// Whether the request came from one of this site's own pages (or from no browser at all).
fn same_origin(headers: &HeaderMap, https_only: bool) -> bool {
    let text = |name: header::HeaderName| headers.get(name).map(|v| v.to_str().unwrap_or("invalid"));
    if let Some(site) = text(header::HeaderName::from_static("sec-fetch-site")) {
        return matches!(site, "same-origin" | "none");
    }
    let Some(origin) = text(header::ORIGIN) else { return true };
    let Some((scheme, authority)) = origin.split_once("://") else { return false };
    let host = text(header::HOST).unwrap_or_default();
    let scheme_ok = if https_only { scheme == "https" } else { matches!(scheme, "http" | "https") };
    scheme_ok && !host.is_empty() && authority.eq_ignore_ascii_case(host)
}

#[cfg(test)]
mod tests {
    use super::same_origin;
    use axum::http::HeaderMap;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, v.parse().unwrap());
        }
        h
    }

    #[test]
    fn only_this_site_or_no_browser_passes() {
        let host = ("host", "waymark.example");
        for (given, https, ok) in [
            (vec![host, ("sec-fetch-site", "same-origin")], false, true),
            (vec![host, ("sec-fetch-site", "none")], false, true),
            (vec![host, ("sec-fetch-site", "same-site")], false, false),
            (vec![host, ("sec-fetch-site", "cross-site")], false, false),
            (vec![host, ("sec-fetch-site", "cross-site"), ("origin", "http://waymark.example")], false, false),
            (vec![host, ("origin", "http://waymark.example")], false, true),
            (vec![host, ("origin", "https://WAYMARK.example")], true, true),
            (vec![host, ("origin", "http://waymark.example")], true, false),
            (vec![host, ("origin", "https://waymark.example.evil.test")], false, false),
            (vec![host, ("origin", "https://evil.test")], false, false),
            (vec![host, ("origin", "null")], false, false),
            (vec![("origin", "http://waymark.example")], false, false),
            (vec![host], false, true),
        ] {
            assert_eq!(same_origin(&headers(&given), https), ok, "{given:?}");
        }
    }
}
