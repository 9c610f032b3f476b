//! Oversized bodies and forms that are not UTF-8 get a plain answer and change
//! nothing, before any handler runs. A body with no `Content-Length` (sent in
//! chunks) is read here up to its route's limit, so it is refused exactly as a
//! declared one is (server functions would otherwise answer 500).

use super::router::App;
use axum::{
    body::{Body, HttpBody},
    extract::{Request, State},
    http::{header, request::Parts, StatusCode},
    middleware::Next,
    response::{Html, IntoResponse, Redirect, Response},
};
use http_body_util::{BodyExt, LengthLimitError, Limited};

pub const TOO_LARGE: &str = "That was too much to send at once. Nothing was saved. Please try again.";
pub const NOT_TEXT: &str = "Some of what was sent could not be read. Nothing was saved. Please type it again.";
const BROKEN: &str = "What was sent did not arrive whole. Nothing was saved. Please try again.";

pub async fn refuse_oversized(State(app): State<App>, req: Request, next: Next) -> Response {
    let path = req.uri().path();
    let limit = if path == super::hope_exchange::IMPORT_PATH {
        app.max_import_bytes + super::hope_exchange::IMPORT_SLACK
    } else if super::condition_map::is_upload(path) {
        super::condition_map::UPLOAD_LIMIT
    } else {
        app.max_body_bytes
    };
    let declared =
        req.headers().get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<usize>().ok());
    let (parts, body) = req.into_parts();
    if declared.is_some_and(|n| n > limit) {
        return too_large(&app, &parts).await;
    }
    let form = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("application/x-www-form-urlencoded"));
    if body.is_end_stream() || (declared.is_some() && !form) {
        return next.run(Request::from_parts(parts, body)).await;
    }
    // Chunked, or a form to check: read it all, never more than the limit.
    let bytes = match Limited::new(body, limit).collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(e) if e.downcast_ref::<LengthLimitError>().is_some() => return too_large(&app, &parts).await,
        Err(_) => return refuse(&parts, StatusCode::BAD_REQUEST, "broken", BROKEN),
    };
    if form && !is_utf8_form(&bytes) {
        return refuse(&parts, StatusCode::BAD_REQUEST, "not_text", NOT_TEXT);
    }
    next.run(Request::from_parts(parts, Body::from(bytes))).await
}

/// A form body is text, and so is every value in it once its `%XX` escapes are
/// decoded (server functions would take bad bytes as replacement characters).
/// `&`, `=` and `+` are ASCII, so decoding the whole body at once is the same
/// as decoding each name and value.
fn is_utf8_form(bytes: &[u8]) -> bool {
    std::str::from_utf8(bytes).is_ok() && percent_encoding::percent_decode(bytes).decode_utf8().is_ok()
}

async fn too_large(app: &App, parts: &Parts) -> Response {
    let path = parts.uri.path();
    if path == super::hope_exchange::IMPORT_PATH {
        // An import file's answer goes back to the import form.
        return super::hope_exchange::back_with_error(app, &super::hope_exchange::too_big(app.max_import_bytes)).await;
    }
    if super::condition_map::is_upload(path) {
        if let Some(condition) = path.strip_suffix("/map") {
            // A map too big to take: back to its form, which says so.
            let refusal = app::model::map::MapRefusal::TooBig.code();
            return Redirect::to(&format!("{condition}/edit?map={refusal}#map")).into_response();
        }
    }
    refuse(parts, StatusCode::PAYLOAD_TOO_LARGE, "too_large", TOO_LARGE)
}

/// The refusal in the caller's terms: the sync's JSON, a server function's
/// error for the app, or a plain page for a browser.
fn refuse(parts: &Parts, status: StatusCode, code: &str, message: &str) -> Response {
    if parts.uri.path().starts_with("/api/v1/") {
        return super::sync::refusal(status, code, message);
    }
    let wants_json = parts
        .headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|a| a.starts_with("application/json"));
    if wants_json {
        let error = app::error::AppError::Invalid(app::error::Invalid {
            field: None,
            message: message.to_owned(),
            kept: Vec::new(),
        });
        let body = serde_json::to_string(&error).unwrap_or_default();
        return (status, [(header::CONTENT_TYPE, "application/json")], body).into_response();
    }
    let page = format!(
        "<!DOCTYPE html><html lang=\"en-GB\"><title>Not sent – Waymark</title>\
         <h1>That could not be sent</h1><p>{message}</p>\
         <p><a href=\"/\">Go to the start page</a></p></html>"
    );
    (status, Html(page)).into_response()
}
