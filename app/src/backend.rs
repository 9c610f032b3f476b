//! The one boundary between screens and data: `app` never touches SQLite.
//!
//! The server implements this trait and puts an `Arc<dyn Backend>` into the
//! Leptos context; server functions take it from there. Every method that
//! touches a case takes the caller's id, and the implementation filters by it,
//! so authorisation holds even if a server function forgot its own check.

use crate::error::AppResult;
use crate::model::*;
use std::sync::Arc;

/// Where an attempt came from, for rate limits.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ClientKey(pub String);

pub trait Backend: Send + Sync + 'static {
    // --- sign-in and sessions ---
    fn sign_in_practitioner(&self, email: &str, password: &str, client: &ClientKey) -> AppResult<IssuedSession>;
    /// Use a one-time code and choose a PIN; returns the session and the person's Waymark number.
    fn activate(&self, code: &str, pin: &str, client: &ClientKey) -> AppResult<(IssuedSession, String)>;
    fn sign_in_person(&self, waymark_number: &str, pin: &str, client: &ClientKey) -> AppResult<IssuedSession>;
    fn sign_out(&self, token: &str) -> AppResult<()>;

    // --- the person ---
    fn person_home(&self, case: CaseId) -> AppResult<PersonHome>;

    // --- the practitioner ---
    fn caseload(&self, practitioner: PractitionerId) -> AppResult<Vec<CaseloadEntry>>;
    fn case_overview(&self, practitioner: PractitionerId, case: CaseId) -> AppResult<CaseOverview>;
    /// Open a case allocated to the practitioner; returns its id. A code is issued with it.
    fn create_case(&self, practitioner: PractitionerId, new_case: &NewCase) -> AppResult<CaseId>;
    /// Issue a new one-time code, replacing any unused one; using it unlocks a locked case.
    fn issue_activation_code(&self, practitioner: PractitionerId, case: CaseId) -> AppResult<()>;

    // --- public ---
    fn hope_services(&self) -> AppResult<Vec<ServiceSummary>>;
}

pub type SharedBackend = Arc<dyn Backend>;
