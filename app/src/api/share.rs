//! Share links: the person makes, lists and turns off links; a supporter opens
//! one; the person's practitioner sees and ends them (never their tokens).

use crate::error::AppError;
use crate::model::share::{ShareForm, ShareId, ShareLink, ShareState, SharedView};
use crate::model::CaseId;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The person's own links, and the one just made with its address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyShareLinks {
    pub links: Vec<ShareLink>,
    pub made: Option<MadeShown>,
}

/// A link just made: shown once, on the phone that made it, for a few minutes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MadeShown {
    pub id: ShareId,
    pub address: String,
    /// A QR code of the address, to show to the person it is for.
    pub qr: String,
}

#[server(endpoint = "share_links")]
pub async fn get_share_links(#[server(default)] made: Option<ShareId>) -> Result<MyShareLinks, AppError> {
    use super::request::*;
    let case = require_person()?;
    let backend = backend()?;
    let links = backend.share_links(case).await?;
    let made = match (made, session_token()) {
        (Some(id), Some(session)) => backend.made_share_link(case, id, &session.0).await?,
        _ => None,
    };
    let made = match made {
        Some(m) => {
            let address = format!("{}{}", site_origin(), m.path());
            Some(MadeShown { id: m.id, qr: qr_svg(&address)?, address })
        }
        None => None,
    };
    Ok(MyShareLinks { links, made })
}

#[server(endpoint = "create_share_link")]
pub async fn create_share_link(form: ShareForm) -> Result<(), AppError> {
    use super::request::*;
    let case = require_person()?;
    let session = session_token().ok_or(AppError::NotSignedIn)?;
    let id = backend()?.create_share_link(case, &form, &session.0).await?;
    leptos_axum::redirect(&format!("/me/share?made={id}"));
    Ok(())
}

#[server(endpoint = "turn_off_share_link")]
pub async fn turn_off_share_link(id: ShareId) -> Result<(), AppError> {
    use super::request::*;
    let case = require_person()?;
    backend()?.turn_off_share_link(case, id).await?;
    leptos_axum::redirect("/me/share");
    Ok(())
}

/// What a supporter sees. Anyone with the link may ask: the link is the permission.
#[server(endpoint = "shared_view")]
pub async fn get_shared_view(token: String) -> Result<Result<SharedView, ShareState>, AppError> {
    use super::request::*;
    backend()?.shared_view(&token).await
}

/// A case's links, for its practitioner: who, what and until when.
#[server(endpoint = "case_share_links")]
pub async fn get_case_share_links(case_id: CaseId) -> Result<Vec<ShareLink>, AppError> {
    use super::request::*;
    let me = require_practitioner()?;
    backend()?.case_share_links(me, case_id).await
}

/// The practitioner ends one of a case's links.
#[server(endpoint = "end_share_link")]
pub async fn end_share_link(case_id: CaseId, id: ShareId) -> Result<(), AppError> {
    use super::request::*;
    let me = require_practitioner()?;
    backend()?.end_share_link(me, case_id, id).await?;
    leptos_axum::redirect(&format!("/caseload/{case_id}#share-links"));
    Ok(())
}
