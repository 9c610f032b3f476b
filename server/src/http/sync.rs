//! The HTTP face of `crate::sync`: JSON in, JSON out, for the signed-in person.

use super::router::App;
use crate::sync::{self, Refused};
use app::model::sync::SyncRefusal;
use app::model::Viewer;
use axum::{
    body::Body,
    extract::State,
    http::{header, StatusCode},
    response::{IntoResponse, Response},
    Extension, Json,
};

/// The sync takes JSON only: a form or `text/plain` is what another site's page could send.
fn is_json(headers: &axum::http::HeaderMap) -> bool {
    let value = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or_default();
    value.split(';').next().is_some_and(|t| t.trim().eq_ignore_ascii_case("application/json"))
}

pub async fn sync(
    State(app): State<App>,
    Extension(viewer): Extension<Viewer>,
    headers: axum::http::HeaderMap,
    body: Body,
) -> Response {
    if !is_json(&headers) {
        return refusal(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "not_json",
            "The phone sent its changes in a form Waymark does not take. Nothing was saved.",
        );
    }
    let case = match viewer {
        Viewer::Person { case_id } => case_id,
        Viewer::Anonymous => {
            return refusal(StatusCode::UNAUTHORIZED, "not_signed_in", "Please sign in to send your changes.")
        }
        Viewer::Practitioner { .. } => {
            return refusal(StatusCode::FORBIDDEN, "forbidden", "Only the person on licence syncs their phone.")
        }
    };
    // The body-limit layer refuses declared lengths; this bounds streamed ones too.
    let Ok(bytes) = axum::body::to_bytes(body, app.max_body_bytes).await else {
        return refusal(StatusCode::PAYLOAD_TOO_LARGE, "too_large", super::body_limit::TOO_LARGE);
    };
    let answer = match sync::parse(&bytes) {
        Ok(request) => {
            let since = request.since;
            // A quiet sync (nothing to send) only reads: it never waits for the writer.
            let applied = if request.ops.is_empty() { Ok(Vec::new()) } else { app.sync.apply(case, request).await };
            applied.and_then(|results| sync::answer(&app.backend, case, since, results))
        }
        Err(refused) => Err(refused),
    };
    match answer {
        Ok(response) => ([(header::CACHE_CONTROL, "no-store")], Json(response)).into_response(),
        Err(refused) => {
            let status = match &refused {
                Refused::Internal(e) => {
                    tracing::error!(error = %e, "sync failed");
                    StatusCode::INTERNAL_SERVER_ERROR
                }
                Refused::NoCase => StatusCode::NOT_FOUND,
                Refused::CursorAhead { .. } => StatusCode::CONFLICT,
                _ => StatusCode::BAD_REQUEST,
            };
            refusal(status, refused.code(), &refused.to_string())
        }
    }
}

pub fn refusal(status: StatusCode, error: &str, reason: &str) -> Response {
    let body = SyncRefusal { error: error.to_owned(), reason: reason.to_owned() };
    (status, [(header::CACHE_CONTROL, "no-store")], Json(body)).into_response()
}

/// `GET /api/v1/cases/{case}/rev`: the case's change counter, for the
/// practitioner's open pages (islands/live_updates.rs) to notice the phone.
pub async fn case_rev(
    State(app): State<App>,
    Extension(viewer): Extension<Viewer>,
    axum::extract::Path(case): axum::extract::Path<String>,
) -> Response {
    let Viewer::Practitioner { practitioner_id, .. } = viewer else {
        return match viewer {
            Viewer::Anonymous => refusal(StatusCode::UNAUTHORIZED, "not_signed_in", "Please sign in."),
            _ => refusal(StatusCode::FORBIDDEN, "forbidden", "This is for the case's practitioner."),
        };
    };
    let not_found = || refusal(StatusCode::NOT_FOUND, "not_found", "We could not find that case.");
    let Ok(case) = case.parse::<i64>().map(app::model::CaseId) else { return not_found() };
    match app.backend.case_rev(practitioner_id, case) {
        Ok(rev) => ([(header::CACHE_CONTROL, "no-store")], Json(serde_json::json!({ "rev": rev }))).into_response(),
        Err(app::error::AppError::NotFound) => not_found(),
        Err(e) => {
            tracing::error!(error = %e, "case rev");
            refusal(StatusCode::INTERNAL_SERVER_ERROR, "internal", "Something went wrong on our side.")
        }
    }
}
