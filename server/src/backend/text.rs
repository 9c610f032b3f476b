//! Checks on text typed into forms, worded for the person who typed it.

use app::error::{AppError, AppResult};
use app::model::EXPLANATION_MAX;

pub(super) fn check_text(field: &str, text: &str, max: usize, what: &str) -> AppResult<String> {
    let text = text.trim();
    if text.is_empty() {
        return Err(AppError::invalid(field, format!("Write {what}.")));
    }
    if text.chars().count() > max {
        return Err(AppError::invalid(field, format!("Keep {what} to {max} characters or fewer.")));
    }
    Ok(text.to_owned())
}

pub(super) fn optional_explanation(text: Option<&str>) -> AppResult<Option<String>> {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        None => Ok(None),
        Some(t) => check_text("explanation", t, EXPLANATION_MAX, "the explanation").map(Some),
    }
}
