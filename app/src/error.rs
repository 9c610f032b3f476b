//! The one error type that crosses the server-function boundary.
//!
//! Every variant renders as a plain sentence a person can act on; internal
//! details never leave the server (see `AppError::internal`).

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

/// A problem with what someone typed, tied to the field it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invalid {
    /// The form field's `name`, so the page can mark it.
    pub field: Option<String>,
    pub message: String,
    /// What the person typed (never secrets), so a form shown again loses nothing.
    #[serde(default)]
    pub kept: Vec<(String, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("Please sign in to see this page.")]
    NotSignedIn,
    #[error("You do not have access to this.")]
    Forbidden,
    #[error("We could not find that.")]
    NotFound,
    #[error("{}", .0.message)]
    Invalid(Invalid),
    #[error("Too many tries. Please wait {} and try again.", crate::format::count(*minutes, "minute", "minutes"))]
    TooManyAttempts { minutes: u32 },
    #[error("This sign-in is locked after too many wrong PINs. Ask your probation officer for a new code.")]
    Locked,
    #[error("Something went wrong on our side. Nothing was changed. Please try again.")]
    Internal,
    /// The request itself was broken (a missing field, bad encoding).
    #[error("Some of the form was missing or not readable. Nothing was changed. Please try again.")]
    BadRequest(String),
}

impl AppError {
    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        AppError::Invalid(Invalid { field: Some(field.to_owned()), message: message.into(), kept: Vec::new() })
    }

    /// Attach what the person typed, so a form shown again keeps it.
    pub fn keeping(self, kept: &[(&str, &str)]) -> Self {
        match self {
            AppError::Invalid(mut inv) => {
                inv.kept = kept.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
                AppError::Invalid(inv)
            }
            other => other,
        }
    }

    /// As `keeping`, for values built at run time (lists of inputs).
    pub fn keeping_owned(self, kept: Vec<(String, String)>) -> Self {
        match self {
            AppError::Invalid(mut inv) => {
                inv.kept = kept;
                AppError::Invalid(inv)
            }
            other => other,
        }
    }

    /// Every value kept under this name (inputs that take several values).
    pub fn kept_all(&self, name: &str) -> Vec<String> {
        match self {
            AppError::Invalid(inv) => inv.kept.iter().filter(|(k, _)| k == name).map(|(_, v)| v.clone()).collect(),
            _ => Vec::new(),
        }
    }

    /// The field this error is about, if any.
    pub fn field(&self) -> Option<&str> {
        match self {
            AppError::Invalid(inv) => inv.field.as_deref(),
            _ => None,
        }
    }

    /// A value the person typed before the error, to fill the form again.
    pub fn kept(&self, name: &str) -> Option<String> {
        match self {
            AppError::Invalid(inv) => inv.kept.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()),
            _ => None,
        }
    }

    /// Log the details on the server; send only the plain message.
    #[cfg(feature = "ssr")]
    pub fn internal(detail: impl std::fmt::Display) -> Self {
        leptos::logging::error!("internal error: {detail}");
        AppError::Internal
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Args(e) | ServerFnErrorErr::MissingArg(e) => AppError::BadRequest(e),
            ServerFnErrorErr::Request(_) => AppError::BadRequest("no connection".into()),
            _ => AppError::Internal,
        }
    }
}

pub type AppResult<T> = Result<T, AppError>;
