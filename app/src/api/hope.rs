//! The hope corner: open to anyone, no sign-in.

use crate::error::AppError;
use crate::model::ServiceSummary;
use leptos::prelude::*;

#[server(endpoint = "hope_services")]
pub async fn get_hope_services() -> Result<Vec<ServiceSummary>, AppError> {
    use super::request::*;
    backend()?.hope_services()
}
