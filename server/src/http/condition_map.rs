//! Maps on conditions over HTTP: a plain multipart form to upload (works with
//! no JavaScript), and the file itself for the person and the practitioner.

use super::router::App;
use app::error::AppError;
use app::model::map::{MapFormat, MapRefusal, MAP_MAX_BYTES};
use app::model::{CaseId, ConditionId, Viewer};
use axum::{
    extract::{DefaultBodyLimit, Multipart, Path, State},
    http::{header, StatusCode},
    response::{IntoResponse, Redirect, Response},
    Extension,
};

/// The upload route takes a map plus the form around it; every other route keeps the small limit.
pub const UPLOAD_LIMIT: usize = MAP_MAX_BYTES + 64 * 1024;

pub fn is_upload(path: &str) -> bool {
    path.starts_with("/caseload/") && path.ends_with("/map")
}

pub fn upload_limit() -> DefaultBodyLimit {
    DefaultBodyLimit::max(UPLOAD_LIMIT)
}

fn refuse(viewer: &Viewer) -> Response {
    match viewer {
        Viewer::Anonymous => Redirect::to("/practitioner/sign-in").into_response(),
        _ => (StatusCode::FORBIDDEN, "You do not have access to this.").into_response(),
    }
}

fn failed(e: AppError) -> Response {
    match e {
        AppError::NotFound => (StatusCode::NOT_FOUND, "We could not find that.").into_response(),
        AppError::Forbidden => (StatusCode::FORBIDDEN, "You do not have access to this.").into_response(),
        _ => (StatusCode::INTERNAL_SERVER_ERROR, "Something went wrong. Nothing was saved. Please try again.")
            .into_response(),
    }
}

/// The first file in the form, with its name. A broken upload counts as no file.
async fn first_file(mut form: Multipart) -> Result<Option<(String, Vec<u8>)>, MapRefusal> {
    loop {
        match form.next_field().await {
            Ok(Some(field)) if field.name() == Some("map") => {
                let name = field.file_name().unwrap_or_default().to_owned();
                return match field.bytes().await {
                    Ok(bytes) => Ok(Some((name, bytes.to_vec()))),
                    // The body limit stops a file that is too big part-way through.
                    Err(_) => Err(MapRefusal::TooBig),
                };
            }
            Ok(Some(_)) => continue,
            Ok(None) => return Ok(None),
            Err(_) => return Err(MapRefusal::TooBig),
        }
    }
}

/// POST /caseload/{case}/licence/{condition}/map — back to the condition's page, saying how it went.
pub async fn upload(
    State(app): State<App>,
    Extension(viewer): Extension<Viewer>,
    Path((case, condition)): Path<(i64, i64)>,
    form: Multipart,
) -> Response {
    let Viewer::Practitioner { practitioner_id, .. } = viewer else { return refuse(&viewer) };
    let back = |outcome: &str| Redirect::to(&format!("/caseload/{case}/licence/{condition}/edit?map={outcome}#map"));
    let (name, bytes) = match first_file(form).await {
        Ok(Some(file)) => file,
        Ok(None) => (String::new(), Vec::new()),
        Err(refusal) => return back(refusal.code()).into_response(),
    };
    match app.backend.attach_map(practitioner_id, CaseId(case), ConditionId(condition), &name, bytes).await {
        Ok(Ok(())) => back("saved").into_response(),
        Ok(Err(refusal)) => back(refusal.code()).into_response(),
        Err(e) => failed(e),
    }
}

fn file(format: MapFormat, bytes: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, format.content_type()),
            (header::CONTENT_DISPOSITION, "inline"),
            // Sensitive: kept by no cache but the person's session cache (see `personal.rs`).
            (header::CACHE_CONTROL, "no-store"),
        ],
        bytes,
    )
        .into_response()
}

/// GET /me/licence/{condition}/map — the person's own map.
pub async fn person_map(
    State(app): State<App>,
    Extension(viewer): Extension<Viewer>,
    Path(condition): Path<i64>,
) -> Response {
    let Viewer::Person { case_id } = viewer else {
        return match viewer {
            Viewer::Anonymous => Redirect::to("/sign-in").into_response(),
            _ => (StatusCode::FORBIDDEN, "You do not have access to this.").into_response(),
        };
    };
    match app.backend.person_condition_map(case_id, ConditionId(condition)).await {
        Ok((format, bytes)) => file(format, bytes),
        Err(e) => failed(e),
    }
}

/// GET /caseload/{case}/licence/{condition}/map — a map on a case the practitioner may see.
pub async fn case_map(
    State(app): State<App>,
    Extension(viewer): Extension<Viewer>,
    Path((case, condition)): Path<(i64, i64)>,
) -> Response {
    let Viewer::Practitioner { practitioner_id, .. } = viewer else { return refuse(&viewer) };
    match app.backend.case_condition_map(practitioner_id, CaseId(case), ConditionId(condition)).await {
        Ok((format, bytes)) => file(format, bytes),
        Err(e) => failed(e),
    }
}
