//! What the browser and the phone's service worker may keep of a response
//! (issue 15.1): nothing personal may open on a shared phone after sign-out.
//!
//! - Personal responses (`/me*`, `/caseload*`, `/shared/*`, `/api/*`, and any
//!   page drawn for someone signed in) say `Cache-Control: no-store`.
//! - `X-Waymark-Keep` tells `public/sw.js` where a response may be kept:
//!   `public` (the release cache: static files, pages drawn for nobody in
//!   particular) or `person` (only the cache of this person's session).
//!   Without it nothing is kept: practitioners' pages, maps and calendar
//!   files, and every page someone shared.
//! - `X-Waymark-Person` says whose session answered: `none` (no one, or not a
//!   person on licence), which makes the worker delete every person's cache,
//!   or `<cache id> <session end>`: the cache to keep in, and the time after
//!   which its pages must not open even with no signal.

use super::router::App;
use super::session::SessionEnds;
use app::api::request::SessionToken;
use app::model::Viewer;
use axum::{
    extract::{Request, State},
    http::{header, HeaderValue},
    middleware::Next,
    response::Response,
};
use sha2::{Digest, Sha256};

pub const KEEP: &str = "x-waymark-keep";
pub const PERSON: &str = "x-waymark-person";

/// Set by the static-file handler: release files, kept as they are.
#[derive(Debug, Clone, Copy)]
pub struct StaticFile;

pub async fn mark(State(app): State<App>, req: Request, next: Next) -> Response {
    let viewer = req.extensions().get::<Viewer>().cloned().unwrap_or(Viewer::Anonymous);
    let token = req.extensions().get::<SessionToken>().map(|t| t.0.clone());
    let path = req.uri().path().to_owned();
    // A GET changes no session, so its end as read on arrival holds; anything
    // else (signing out, above all) may have ended it: read it again after.
    let ends_on_arrival =
        (req.method() == axum::http::Method::GET).then(|| req.extensions().get::<SessionEnds>().copied()).flatten();
    let mut res = next.run(req).await;
    if res.extensions().get::<StaticFile>().is_some() {
        res.headers_mut().insert(KEEP, HeaderValue::from_static("public"));
        return res;
    }
    let private = is_personal_path(&path) || viewer.is_signed_in();
    if private {
        res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    // What the app asks of the server (server functions, sync) is never kept:
    // no session header, and no second read of the session for one.
    if path.starts_with("/api/") {
        return res;
    }
    let person = match (&viewer, &token) {
        (Viewer::Person { .. }, Some(token)) => match ends_on_arrival {
            Some(SessionEnds(ends)) => Some(cache_header(token, ends)),
            None => session_of(&app, token).await,
        },
        _ => None,
    };
    let h = res.headers_mut();
    match person {
        Some(session) => {
            if let Ok(v) = HeaderValue::from_str(&session) {
                h.insert(PERSON, v);
            }
            if !path.starts_with("/shared/") {
                h.insert(KEEP, HeaderValue::from_static("person"));
            }
        }
        None => {
            h.insert(PERSON, HeaderValue::from_static("none"));
            if !private {
                h.insert(KEEP, HeaderValue::from_static("public"));
            }
        }
    }
    res
}

fn is_personal_path(path: &str) -> bool {
    let under = |root: &str| path == root || path.starts_with(&format!("{root}/"));
    under("/me") || under("/caseload") || path.starts_with("/shared/") || path.starts_with("/api/")
}

/// The session's header, read again after the request (it may have ended it).
async fn session_of(app: &App, token: &str) -> Option<String> {
    let session = app.backend.session_for_token(token).await;
    let session = session.inspect_err(|e| tracing::warn!(error = %e, "session end")).ok()??;
    Some(cache_header(token, session.ends))
}

/// "<cache id> <end>" for this session: the id is made from the token but is
/// not it (nor its stored hash), so a page or worker holding it can do nothing with it.
fn cache_header(token: &str, ends: i64) -> String {
    let digest = Sha256::digest(format!("waymark offline cache\0{token}").as_bytes());
    let id: String = digest.iter().take(8).map(|b| format!("{b:02x}")).collect();
    format!("{id} {ends}")
}

#[cfg(test)]
mod tests {
    #[test]
    fn personal_paths() {
        for p in ["/me", "/me/licence", "/caseload", "/caseload/1/map", "/shared/abc", "/api/sign_out"] {
            assert!(super::is_personal_path(p), "{p}");
        }
        for p in ["/", "/hope", "/hope/1", "/member", "/caseloads", "/sign-in", "/shared"] {
            assert!(!super::is_personal_path(p), "{p}");
        }
    }
}
