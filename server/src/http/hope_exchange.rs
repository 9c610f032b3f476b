//! Open Referral UK files for an office's hope corner: office admins download
//! their office's services and load a file (a plain HTML form upload, so it
//! works without JavaScript). The result goes back to `/caseload/hope`: the
//! counts in the address when it worked, the plain reason in the form state
//! when it did not (so a link cannot put words on an official page).

use super::router::App;
use crate::hsds::ImportError;
use app::model::{PractitionerId, Viewer};
use axum::{
    extract::{multipart::MultipartRejection, Multipart, State},
    http::{header, StatusCode},
    response::{IntoResponse, Redirect, Response},
    Extension,
};

pub const EXPORT_PATH: &str = "/caseload/hope/export.json";
pub const IMPORT_PATH: &str = app::pages::hope_exchange::IMPORT_PATH;
/// Room for the multipart wrapping around the file itself.
pub const IMPORT_SLACK: usize = 16 * 1024;

/// The office admin asking, or the answer for anyone else (the backend
/// checks again, and finds their office itself).
fn admin(viewer: &Viewer) -> Result<PractitionerId, Box<Response>> {
    match viewer {
        Viewer::Practitioner { practitioner_id, admin, .. } if admin.of_office() => Ok(*practitioner_id),
        Viewer::Anonymous => Err(Box::new(Redirect::to("/practitioner/sign-in").into_response())),
        _ => Err(Box::new((StatusCode::FORBIDDEN, "Only an office admin can do this.").into_response())),
    }
}

/// GET /caseload/hope/export.json — the office's own services.
pub async fn export_hope(State(app): State<App>, Extension(viewer): Extension<Viewer>) -> Response {
    let by = match admin(&viewer) {
        Ok(by) => by,
        Err(refused) => return *refused,
    };
    match app.backend.export_hope(by).await {
        Ok(text) => (
            [
                (header::CONTENT_TYPE, "application/json; charset=utf-8"),
                (header::CONTENT_DISPOSITION, "attachment; filename=\"hope-corner.json\""),
                (header::CACHE_CONTROL, "private, no-store"),
            ],
            text,
        )
            .into_response(),
        Err(e) => {
            tracing::error!(error = %e, "hope-corner export");
            (StatusCode::INTERNAL_SERVER_ERROR, "Something went wrong on our side. Please try again.").into_response()
        }
    }
}

/// POST /caseload/hope/import — a multipart form with the file as `file`.
pub async fn import_hope(
    State(app): State<App>,
    Extension(viewer): Extension<Viewer>,
    form: Result<Multipart, MultipartRejection>,
) -> Response {
    let by = match admin(&viewer) {
        Ok(by) => by,
        Err(refused) => return *refused,
    };
    let bytes = match the_file(form, app.max_import_bytes).await {
        Ok(bytes) => bytes,
        Err(message) => return back_with_error(&app, &message).await,
    };
    let today = jiff::Timestamp::now().to_zoned(app::format::london()).date();
    match app.backend.import_hope(by, bytes, today).await {
        Ok(s) => Redirect::to(&format!(
            "/caseload/hope?imported=1&added={}&changed={}&same={}#exchange",
            s.added, s.changed, s.same
        ))
        .into_response(),
        Err(ImportError::Refused(why)) => back_with_error(&app, &format!("Nothing was imported. {why}")).await,
        Err(ImportError::App(e)) => {
            tracing::error!(error = %e, "hope-corner import");
            back_with_error(&app, "Something went wrong on our side. Nothing was imported. Please try again.").await
        }
    }
}

const CHOOSE: &str = "Choose a file to import first. Nothing was imported.";

/// The uploaded file's bytes, no more than `limit` of them.
async fn the_file(form: Result<Multipart, MultipartRejection>, limit: usize) -> Result<Vec<u8>, String> {
    let broken = |e: axum::extract::multipart::MultipartError| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            too_big(limit)
        } else {
            "The file did not arrive whole. Nothing was imported. Please try again.".to_owned()
        }
    };
    let mut form = form.map_err(|_| CHOOSE.to_owned())?;
    while let Some(mut field) = form.next_field().await.map_err(broken)? {
        if field.name() != Some("file") {
            continue;
        }
        let mut bytes = Vec::new();
        while let Some(chunk) = field.chunk().await.map_err(broken)? {
            if bytes.len() + chunk.len() > limit {
                return Err(too_big(limit));
            }
            bytes.extend_from_slice(&chunk);
        }
        return if bytes.is_empty() { Err(CHOOSE.to_owned()) } else { Ok(bytes) };
    }
    Err(CHOOSE.to_owned())
}

pub fn too_big(limit: usize) -> String {
    let size = if limit >= 1024 * 1024 {
        format!("{} MB", limit / (1024 * 1024))
    } else {
        format!("{} KB", (limit / 1024).max(1))
    };
    format!(
        "That file is too big. Waymark takes files up to {size}. Nothing was imported. Split it into smaller files."
    )
}

/// Back to the office's hope corner with the reason shown by the import form.
pub async fn back_with_error(app: &App, message: &str) -> Response {
    let error = app::error::AppError::invalid("import-file", message);
    super::form_state::back_with(app, IMPORT_PATH, &error, "/caseload/hope", "#exchange").await
}
