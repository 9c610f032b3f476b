//! The person on licence reads their own case.

use crate::error::AppError;
use crate::model::PersonHome;
use leptos::prelude::*;

#[server(endpoint = "person_home")]
pub async fn get_person_home() -> Result<PersonHome, AppError> {
    use super::request::*;

    let case = require_person()?;
    backend()?.person_home(case)
}
