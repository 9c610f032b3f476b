//! The display options as a plain form post, so they work on pages that load
//! no wasm (the public pages) and before the wasm arrives on the others.

use crate::error::AppError;
use leptos::prelude::*;

/// Turn one display option on or off for this phone. Anyone may: it says
/// nothing about who they are. Without JavaScript the browser comes back to
/// the page it was on.
#[server(endpoint = "set_display")]
pub async fn set_display(toggle: String) -> Result<(), AppError> {
    use super::request::*;
    use crate::model::display::DisplayChoice;

    let choice = DisplayChoice::parse(&toggle)
        .ok_or_else(|| AppError::invalid("toggle", "Choose larger text or high contrast."))?;
    set_display_cookie(display().toggled(choice));
    Ok(())
}
