//! Steps towards ID, a bank account, benefits, health, housing and work.

use super::{CaseId, StepStatus, Track};
use jiff::{civil::Date, Timestamp};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct StepId(pub i64);

impl std::fmt::Display for StepId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl StepStatus {
    pub const ALL: [StepStatus; 4] = [Self::NotStarted, Self::InProgress, Self::Done, Self::Stuck];
    pub fn label(self) -> &'static str {
        match self {
            Self::NotStarted => "Not started",
            Self::InProgress => "Doing it now",
            Self::Done => "Done",
            Self::Stuck => "Stuck",
        }
    }
}

/// Who changed a step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ChangedBy {
    Person,
    Practitioner(String),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepChange {
    pub at: Timestamp,
    pub by: ChangedBy,
    pub from: StepStatus,
    pub to: StepStatus,
    pub reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    pub id: StepId,
    pub case_id: CaseId,
    pub track: Track,
    pub title: String,
    pub guidance: Option<String>,
    pub what_you_need: Option<String>,
    /// Prices as data, with the date they were last checked.
    pub cost: Option<String>,
    pub cost_checked_on: Option<Date>,
    pub helper: Option<String>,
    pub status: StepStatus,
    pub stuck_reason: Option<String>,
    pub history: Vec<StepChange>,
    /// Where the guidance is published (a GOV.UK page, most of them).
    #[serde(default)]
    pub url: Option<String>,
}

impl Step {
    /// A step the practitioner named that matches no known step: Waymark has
    /// no guidance for it, and says so rather than showing nothing.
    pub fn is_own(&self) -> bool {
        self.guidance.is_none()
    }

    /// The name of the site `url` is on, for its link: "GOV.UK", "the NHS website".
    pub fn source_name(&self) -> Option<&'static str> {
        let host = self.url.as_deref()?.split("://").nth(1)?.split('/').next()?;
        let host = host.trim_start_matches("www.");
        Some(match host {
            "gov.uk" => "GOV.UK",
            "nhs.uk" => "the NHS website",
            "fca.org.uk" => "the FCA website",
            _ => "the official website",
        })
    }
}

/// Steps of one case, grouped by track in the order a person works through them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepsView {
    pub tracks: Vec<(Track, Vec<Step>)>,
}

impl StepsView {
    pub fn new(mut steps: Vec<Step>) -> Self {
        steps.sort_by_key(|s| s.id);
        let tracks = Track::ALL
            .into_iter()
            .map(|t| (t, steps.iter().filter(|s| s.track == t).cloned().collect::<Vec<_>>()))
            .filter(|(_, list)| !list.is_empty())
            .collect();
        StepsView { tracks }
    }
}

/// The guided steps that give a person ID: a birth certificate, a passport or a
/// provisional driving licence. A National Insurance number is in the ID track
/// (it is needed for work and benefits) but it is not ID: a bank or a landlord
/// will not take it as proof of who someone is, so finding it does not count.
/// A step a practitioner names in their own words counts only when it names
/// one of these documents (and so carries its guidance): other words could be
/// anything ("Get a photo").
pub const ID_DOCUMENT_GUIDES: [&str; 3] = ["birth_certificate", "passport", "provisional_licence"];

/// One row of the caseload's ID-and-bank view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepsOverview {
    pub case_id: CaseId,
    pub preferred_name: String,
    /// One of `ID_DOCUMENT_GUIDES` is done.
    pub has_id: bool,
    pub has_bank: bool,
    pub stuck: Vec<(super::StepId, String, Option<String>)>,
}

pub const REASON_MAX: usize = 500;

/// Guidance for a common step, as an office admin edits it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepGuide {
    pub key: String,
    pub track: Track,
    pub title: String,
    pub cost: Option<String>,
    pub cost_checked_on: Option<Date>,
}
