//! Oversized bodies get a plain page and change nothing.

use super::router::App;
use axum::{
    extract::{Request, State},
    http::{header, StatusCode},
    middleware::Next,
    response::{Html, IntoResponse, Response},
};

pub const TOO_LARGE: &str = "That was too much to send at once. Nothing was saved. Please try again.";

pub async fn refuse_oversized(State(app): State<App>, req: Request, next: Next) -> Response {
    let declared =
        req.headers().get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<usize>().ok());
    if req.uri().path() == super::hope_exchange::IMPORT_PATH {
        // An import file has its own, larger limit, and its answer goes back to the import form.
        if declared.is_some_and(|n| n > app.max_import_bytes + super::hope_exchange::IMPORT_SLACK) {
            return super::hope_exchange::back_with_error(&app, &super::hope_exchange::too_big(app.max_import_bytes));
        }
        return next.run(req).await;
    }
    let limit = if super::condition_map::is_upload(req.uri().path()) {
        super::condition_map::UPLOAD_LIMIT
    } else {
        app.max_body_bytes
    };
    if declared.is_some_and(|n| n > limit) {
        if let Some(condition) = req.uri().path().strip_suffix("/map").filter(|_| limit != app.max_body_bytes) {
            // A map too big to take: back to its form, which says so.
            let refusal = app::model::map::MapRefusal::TooBig.code();
            return axum::response::Redirect::to(&format!("{condition}/edit?map={refusal}#map")).into_response();
        }
        if req.uri().path().starts_with("/api/v1/") {
            return super::sync::refusal(StatusCode::PAYLOAD_TOO_LARGE, "too_large", TOO_LARGE);
        }
        return (
            StatusCode::PAYLOAD_TOO_LARGE,
            Html(
                "<!DOCTYPE html><html lang=\"en-GB\"><title>Too much to send – Waymark</title>\
                 <h1>That was too much to send</h1>\
                 <p>Nothing was saved. Please make it shorter and try again.</p>\
                 <p><a href=\"/\">Go to the start page</a></p></html>",
            ),
        )
            .into_response();
    }
    next.run(req).await
}
