//! Who is asking: resolved from the session cookie by the server for every request.

use super::{CaseId, OfficeId, PractitionerId};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Viewer {
    Anonymous,
    Person { case_id: CaseId },
    Practitioner { practitioner_id: PractitionerId, office_id: OfficeId, admin: Admin },
}

/// What a practitioner may change beyond their own cases. National data (the
/// helplines and step prices every office shows) is apart from an office's, so
/// one office cannot change what all the others show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Admin {
    /// Their cases only.
    No,
    /// Also their own office's hope corner and its directory files.
    Office,
    /// Also the national helplines and step prices (and their own office, as an office admin).
    National,
}

impl Admin {
    pub fn of_office(self) -> bool {
        matches!(self, Admin::Office | Admin::National)
    }

    pub fn national(self) -> bool {
        self == Admin::National
    }
}

impl Viewer {
    pub fn is_signed_in(&self) -> bool {
        !matches!(self, Viewer::Anonymous)
    }

    /// A practitioner who is an admin of their office (a national admin is one too).
    pub fn is_office_admin(&self) -> bool {
        matches!(self, Viewer::Practitioner { admin, .. } if admin.of_office())
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
