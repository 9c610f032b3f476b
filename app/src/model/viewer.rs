//! Who is asking: resolved from the session cookie by the server for every request.

use super::{CaseId, OfficeId, PractitionerId};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Viewer {
    Anonymous,
    Person { case_id: CaseId },
    Practitioner { practitioner_id: PractitionerId, office_id: OfficeId, admin: bool },
}

impl Viewer {
    pub fn is_signed_in(&self) -> bool {
        !matches!(self, Viewer::Anonymous)
    }
}

/// A session the server has just issued: the raw token goes into the cookie only.
#[derive(Debug, Clone)]
pub struct IssuedSession {
    pub token: String,
    pub max_age_seconds: i64,
    /// A new device cookie for a person's phone (on their first sign-in on it).
    pub device: Option<String>,
}
