//! Share links: the person makes, lists and turns off links; a supporter opens one.

use crate::error::AppError;
use crate::model::share::{ShareForm, ShareId, ShareLink, ShareState, SharedView};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The person's own links, each with the full address to hand over.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyShareLinks {
    pub origin: String,
    pub links: Vec<ShareLink>,
    /// A QR code for the link just made, to show to the person it is for.
    pub made_qr: Option<(ShareId, String)>,
}

#[server(endpoint = "share_links")]
pub async fn get_share_links(#[server(default)] made: Option<ShareId>) -> Result<MyShareLinks, AppError> {
    use super::request::*;
    let case = require_person()?;
    let origin = site_origin();
    let links = backend()?.share_links(case)?;
    let made_qr = match links.iter().find(|l| Some(l.id) == made) {
        Some(l) => Some((l.id, qr_svg(&format!("{origin}{}", l.path()))?)),
        None => None,
    };
    Ok(MyShareLinks { origin, links, made_qr })
}

#[server(endpoint = "create_share_link")]
pub async fn create_share_link(form: ShareForm) -> Result<(), AppError> {
    use super::request::*;
    let case = require_person()?;
    let link = backend()?.create_share_link(case, &form)?;
    leptos_axum::redirect(&format!("/me/share?made={}", link.id));
    Ok(())
}

#[server(endpoint = "turn_off_share_link")]
pub async fn turn_off_share_link(id: ShareId) -> Result<(), AppError> {
    use super::request::*;
    let case = require_person()?;
    backend()?.turn_off_share_link(case, id)?;
    leptos_axum::redirect("/me/share");
    Ok(())
}

/// What a supporter sees. Anyone with the link may ask: the link is the permission.
#[server(endpoint = "shared_view")]
pub async fn get_shared_view(token: String) -> Result<Result<SharedView, ShareState>, AppError> {
    use super::request::*;
    backend()?.shared_view(&token)
}
