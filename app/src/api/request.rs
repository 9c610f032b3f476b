//! What the server attaches to every request (see server `session` middleware),
//! and the helpers server functions use to read it.

use crate::backend::{ClientKey, SharedBackend};
use crate::error::{AppError, AppResult};
use crate::model::cookie::Cookie;
pub use crate::model::cookie::CookiePolicy;
use crate::model::{CaseId, IssuedSession, PractitionerId, Viewer};
use http::{header, request::Parts, HeaderValue};
use leptos::prelude::*;
use leptos_axum::ResponseOptions;

/// This response's Content-Security-Policy nonce, made once per request.
#[derive(Debug, Clone)]
pub struct CspNonce(pub String);

/// A failed plain form post's error, taken from the server's form state for
/// the page it went back to (server `http/form_state.rs`), shown once.
#[derive(Debug, Clone)]
pub struct SubmittedForm {
    /// The server function's path, e.g. `/api/sign_in_person`.
    pub action: String,
    pub error: AppError,
}

/// The failed form this page was sent back with, if any.
pub fn submitted_form() -> Option<SubmittedForm> {
    with_parts(|p| p.extensions.get::<SubmittedForm>().cloned())
}

/// The raw session token from the cookie, when there was one.
#[derive(Debug, Clone)]
pub struct SessionToken(pub String);

/// Read the request without copying it (a render asks several times; the
/// headers alone are many allocations to clone).
fn with_parts<T>(read: impl FnOnce(&Parts) -> Option<T>) -> Option<T> {
    with_context::<Parts, _>(read).flatten()
}

pub fn backend() -> AppResult<SharedBackend> {
    use_context::<SharedBackend>().ok_or_else(|| AppError::internal("no backend in context"))
}

/// Who is asking. Anonymous when nothing (or an expired session) was found.
pub fn viewer() -> Viewer {
    with_parts(|p| p.extensions.get::<Viewer>().cloned()).unwrap_or(Viewer::Anonymous)
}

pub fn client_key() -> ClientKey {
    with_parts(|p| p.extensions.get::<ClientKey>().cloned()).unwrap_or_else(|| ClientKey("unknown".into()))
}

pub fn session_token() -> Option<SessionToken> {
    with_parts(|p| p.extensions.get::<SessionToken>().cloned())
}

pub fn require_person() -> AppResult<CaseId> {
    match viewer() {
        Viewer::Person { case_id } => Ok(case_id),
        Viewer::Anonymous => Err(AppError::NotSignedIn),
        Viewer::Practitioner { .. } => Err(AppError::Forbidden),
    }
}

pub fn require_practitioner() -> AppResult<PractitionerId> {
    match viewer() {
        Viewer::Practitioner { practitioner_id, .. } => Ok(practitioner_id),
        Viewer::Anonymous => Err(AppError::NotSignedIn),
        Viewer::Person { .. } => Err(AppError::Forbidden),
    }
}

/// How this server names and flags cookies (set once at start-up, see server `config`).
pub fn cookie_policy() -> CookiePolicy {
    with_parts(|p| p.extensions.get::<CookiePolicy>().copied()).unwrap_or_default()
}

fn set_cookie(value: String) {
    if let (Some(res), Ok(v)) = (use_context::<ResponseOptions>(), HeaderValue::from_str(&value)) {
        res.append_header(header::SET_COOKIE, v);
    }
}

pub fn set_session_cookie(session: &IssuedSession) {
    let policy = cookie_policy();
    let max_age = u64::try_from(session.max_age_seconds).unwrap_or(0);
    set_cookie(policy.set(Cookie::Session, &session.token, max_age));
    if let Some(device) = &session.device {
        set_cookie(policy.set(Cookie::Device, device, DEVICE_COOKIE_SECONDS));
    }
}

/// The phone's device cookie outlives sign-outs (as long as browsers allow,
/// 400 days): it tells the server this is a phone the person signed in on
/// before (see `AuthBackend::sign_in_person`).
const DEVICE_COOKIE_SECONDS: u64 = 400 * 24 * 3600;

/// This phone's device cookie, if it sent one.
pub fn device_token() -> Option<String> {
    let policy = cookie_policy();
    with_parts(|p| {
        p.headers
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|h| h.to_str().ok())
            .find_map(|h| policy.find(Cookie::Device, h).map(str::to_owned))
    })
}

pub fn clear_session_cookie() {
    set_cookie(cookie_policy().set(Cookie::Session, "", 0));
}

/// How this phone asked for pages to be shown (its display cookie).
pub fn display() -> crate::model::display::Display {
    use crate::model::display::Display;
    let policy = cookie_policy();
    with_parts(|p| {
        let header = p.headers.get(header::COOKIE).and_then(|h| h.to_str().ok())?;
        Some(Display::from_cookie_header(header, policy))
    })
    .unwrap_or_default()
}

pub fn set_display_cookie(display: crate::model::display::Display) {
    set_cookie(display.set_cookie(cookie_policy()));
}

/// Ask the browser to delete what this site keeps on the device. `everything`
/// (the wipe): pages and files the service worker cached, localStorage (the
/// outbox too), cookies. Otherwise the browser's own cache of pages (and its
/// back-button copies); the page and the worker delete the person's offline
/// copy themselves, and the outbox keeps what is not sent yet.
pub fn clear_site_data(everything: bool) {
    let what = if everything { "\"cache\", \"cookies\", \"storage\"" } else { "\"cache\"" };
    if let Some(res) = use_context::<ResponseOptions>() {
        res.insert_header(
            http::header::HeaderName::from_static("clear-site-data"),
            http::HeaderValue::from_static(what),
        );
    }
}

/// "https://waymark.example" as the browser reached us (for links printed on paper).
pub fn site_origin() -> String {
    let host = with_parts(|p| p.headers.get(http::header::HOST).and_then(|h| h.to_str().ok()).map(str::to_owned))
        .unwrap_or_else(|| "localhost".into());
    let scheme = if cookie_policy().secure { "https" } else { "http" };
    format!("{scheme}://{host}")
}

/// A QR code as an SVG image, for a link to be opened on another phone.
pub fn qr_svg(text: &str) -> AppResult<String> {
    use qrcode::render::svg::Color;
    Ok(qrcode::QrCode::new(text.as_bytes())
        .map_err(AppError::internal)?
        .render::<Color>()
        .min_dimensions(160, 160)
        .dark_color(Color("#000000"))
        .light_color(Color("#ffffff"))
        .build())
}

/// The HTTP status that goes with an error.
pub fn status_of(error: &AppError) -> u16 {
    match error {
        AppError::NotSignedIn => 401,
        AppError::Forbidden => 403,
        AppError::NotFound => 404,
        AppError::Invalid(_) | AppError::BadRequest(_) => 400,
        AppError::Internal => 500,
    }
}

/// Set the HTTP status of the page being rendered.
pub fn set_status(code: u16) {
    if let (Some(res), Ok(status)) = (use_context::<ResponseOptions>(), http::StatusCode::from_u16(code)) {
        res.set_status(status);
    }
}
