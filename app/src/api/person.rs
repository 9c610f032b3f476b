//! The person on licence reads their own case.

use crate::error::AppError;
use crate::model::PersonHome;
use leptos::prelude::*;

#[server(endpoint = "person_home")]
pub async fn get_person_home() -> Result<PersonHome, AppError> {
    use super::request::*;

    let case = require_person()?;
    backend()?.person_home(case).await
}

/// Who else has looked at or changed the person's information, grouped.
#[server(endpoint = "who_has_looked")]
pub async fn get_who_has_looked() -> Result<Vec<crate::model::audit::Looked>, AppError> {
    use super::request::*;

    let case = require_person()?;
    backend()?.who_has_looked(case).await
}
