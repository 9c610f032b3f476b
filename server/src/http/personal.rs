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
    let mut res = next.run(req).await;
    if res.extensions().get::<StaticFile>().is_some() {
        res.headers_mut().insert(KEEP, HeaderValue::from_static("public"));
        return res;
    }
    let private = is_personal_path(&path) || viewer.is_signed_in();
    let person = match (&viewer, &token) {
        (Viewer::Person { .. }, Some(token)) => session_of(&app, token).await,
        _ => None,
    };
    let h = res.headers_mut();
    if private {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    if path.starts_with("/api/") {
        return res;
    }
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

/// "<cache id> <end>" for this session: the id is made from the token but is
/// not it (nor its stored hash), so a page or worker holding it can do nothing with it.
async fn session_of(app: &App, token: &str) -> Option<String> {
    let ends = app.backend.session_ends(token).await;
    let ends = ends.inspect_err(|e| tracing::warn!(error = %e, "session end")).ok()??;
    let digest = Sha256::digest(format!("waymark offline cache\0{token}").as_bytes());
    let id: String = digest.iter().take(8).map(|b| format!("{b:02x}")).collect();
    Some(format!("{id} {ends}"))
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
