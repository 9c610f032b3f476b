//! What the screens show about a case: the person's home and the caseload.

use super::CaseId;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// Kinds of appointment (DESIGN.md: probation, job centre, GP, treatment, housing, training).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AppointmentKind {
    Supervision,
    Induction,
    JobCentre,
    Gp,
    DrugAndAlcohol,
    Housing,
    TrainingOrWork,
    Other,
}

impl AppointmentKind {
    pub const ALL: [AppointmentKind; 8] = [
        Self::Supervision,
        Self::Induction,
        Self::JobCentre,
        Self::Gp,
        Self::DrugAndAlcohol,
        Self::Housing,
        Self::TrainingOrWork,
        Self::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Supervision => "supervision",
            Self::Induction => "induction",
            Self::JobCentre => "job_centre",
            Self::Gp => "gp",
            Self::DrugAndAlcohol => "drug_and_alcohol",
            Self::Housing => "housing",
            Self::TrainingOrWork => "training_or_work",
            Self::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Plain words for the person.
    pub fn label(self) -> &'static str {
        match self {
            Self::Supervision => "Probation meeting",
            Self::Induction => "First probation meeting",
            Self::JobCentre => "Job centre",
            Self::Gp => "Doctor (GP)",
            Self::DrugAndAlcohol => "Drug and alcohol service",
            Self::Housing => "Housing",
            Self::TrainingOrWork => "Training or work",
            Self::Other => "Appointment",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AppointmentSummary {
    pub kind: AppointmentKind,
    pub starts_at: Timestamp,
    pub place: String,
    pub with_whom: Option<String>,
}

/// A track of steps (ID, bank, benefits, health, housing, work).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Track {
    Id,
    Bank,
    Benefits,
    Health,
    Housing,
    Work,
}

impl Track {
    pub const ALL: [Track; 6] = [Self::Id, Self::Bank, Self::Benefits, Self::Health, Self::Housing, Self::Work];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Id => "id",
            Self::Bank => "bank",
            Self::Benefits => "benefits",
            Self::Health => "health",
            Self::Housing => "housing",
            Self::Work => "work",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Id => "ID documents",
            Self::Bank => "Bank account",
            Self::Benefits => "Money and benefits",
            Self::Health => "Health",
            Self::Housing => "Housing",
            Self::Work => "Work and training",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StepStatus {
    NotStarted,
    InProgress,
    Done,
    Stuck,
}

impl StepStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::NotStarted => "not_started",
            Self::InProgress => "in_progress",
            Self::Done => "done",
            Self::Stuck => "stuck",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::NotStarted, Self::InProgress, Self::Done, Self::Stuck].into_iter().find(|v| v.as_str() == s)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrackProgress {
    pub track: Track,
    pub done: u32,
    pub total: u32,
    pub stuck: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConditionsProgress {
    pub total: u32,
    pub understood: u32,
    pub questions: u32,
}

/// The person's home screen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonHome {
    pub preferred_name: String,
    pub waymark_number: String,
    pub practitioner_name: String,
    pub next_appointment: Option<AppointmentSummary>,
    pub conditions: ConditionsProgress,
    pub tracks: Vec<TrackProgress>,
    /// What is new for the person, first thing on their home.
    pub news: Vec<super::news::News>,
    /// The licence's parts and when each ends.
    #[serde(default)]
    pub parts: Vec<super::parts::LicencePart>,
    /// The next seven days as a picture: curfew, appointments, reporting.
    #[serde(default)]
    pub week: super::week::Week,
    /// Who looks after them and where.
    #[serde(default)]
    pub contact: Option<CaseContact>,
    /// "Your new probation officer is …", for a few weeks after the case moved.
    #[serde(default)]
    pub new_officer: Option<String>,
    /// Their latest "How are things?", and whether their officer has seen it.
    #[serde(default)]
    pub last_check_in: Option<super::check_in::CheckIn>,
    /// The latest things that went well, for "What is going well".
    #[serde(default)]
    pub going_well: Vec<super::progress::Achievement>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Activation {
    /// A code has been given out but not used yet.
    Waiting,
    Active,
    /// The practitioner said the phone is lost: the old PIN no longer works
    /// until the person uses the new code. (Wrong PINs never lock: they slow.)
    Locked,
}

impl Activation {
    pub fn label(self) -> &'static str {
        match self {
            Activation::Waiting => "Not activated yet",
            Activation::Active => "Using Waymark",
            Activation::Locked => "Phone lost: waiting for the new code",
        }
    }
}

/// One row of the practitioner's caseload.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaseloadEntry {
    pub case_id: CaseId,
    pub preferred_name: String,
    pub licence_end: jiff::civil::Date,
    pub next_appointment: Option<AppointmentSummary>,
    pub open_questions: u32,
    pub activation: Activation,
    pub conditions: ConditionsProgress,
    /// Conditions changed since the person last confirmed them.
    pub changed_conditions: u32,
    /// Appointments the person asked to change, or missed without an answer.
    pub appointments_needing_attention: u32,
    /// One of `ID_DOCUMENT_GUIDES` is done.
    pub has_id: bool,
    pub has_bank: bool,
    /// Titles of steps marked stuck.
    pub stuck_steps: Vec<String>,
    /// The case moved to this practitioner and they have not read its handover yet.
    #[serde(default)]
    pub unread_handover: bool,
}

/// A case as the practitioner sees it on its own page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaseOverview {
    pub entry: CaseloadEntry,
    pub waymark_number: String,
    pub licence_start: jiff::civil::Date,
    pub conditions: ConditionsProgress,
    pub tracks: Vec<TrackProgress>,
    /// The catalogue version the licence is built from, and its parts.
    pub policy_version: String,
    pub licence_type: super::LicenceType,
    /// When post-sentence supervision ends, for a licence followed by it.
    #[serde(default)]
    pub pss_end: Option<jiff::civil::Date>,
    /// The one-time code waiting to be used, so the practitioner can read it out again.
    pub pending_code: Option<PendingCode>,
    /// The case's change counter, so an open page can tell when the phone changed something.
    pub rev: u64,
    /// The last time the case moved to another practitioner.
    #[serde(default)]
    pub last_handover: Option<super::handover::HandoverSeen>,
}

/// Who looks after a case and where, for the person's paper pack.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseContact {
    pub preferred_name: String,
    pub practitioner_name: String,
    pub practitioner_email: String,
    pub office_name: String,
    pub office_address: String,
    pub office_area: String,
}

/// The paper pack's first page: who and where, and the week as a picture.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackCover {
    pub contact: CaseContact,
    pub week: super::week::Week,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingCode {
    pub code: String,
    pub expires_at: Timestamp,
}

/// What a practitioner types to open a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewCase {
    pub preferred_name: String,
    pub licence_start: jiff::civil::Date,
    pub licence_end: jiff::civil::Date,
}
