//! Open Referral UK (HSDS, UK profile, API v1 shape) import and export of an
//! office's own hope-corner services, so a council's or charity's directory can
//! be loaded and Waymark's list shared back.
//!
//! - Export: one page of `GET /services` (`content` holds the services), sorted
//!   and with stable ids, so the same services always give the same bytes.
//! - Import: the same shape (or a plain list, or `{"services": […]}`). Every
//!   service is checked first; then all are written in one transaction, matched
//!   by their id within the office: a file loaded twice changes nothing.
//!
//! The store's side (reading and writing the office's rows) is behind the
//! boundary: `ServerBackend::export_hope` and `import_hope`.
//!
//! National helplines are not exported or imported: they are shared by every
//! office, and one office's file must not change what all the others show.

mod bounds;
mod lines;
mod node;
pub mod read;
mod schedule;
pub mod shape;
mod taxonomy;
pub mod write;

use crate::store::{ExchangeRow, StoreError, StoreResult};
use app::error::AppError;
use app::model::hope::ServiceDraft;
use jiff::civil::Date;

pub use read::Refusal;

/// One service as the file and the store both hold it; equal means "nothing to change".
#[derive(Debug, Clone, PartialEq)]
pub struct Listing {
    pub external_id: String,
    /// `None`: the file names no other organisation than the service itself.
    pub organisation_id: Option<String>,
    pub organisation_name: Option<String>,
    pub draft: ServiceDraft,
    pub hidden: bool,
    pub checked_on: Date,
}

/// What an import did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub added: usize,
    pub changed: usize,
    pub same: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file, and why it was refused (nothing was written).
    #[error("{0}")]
    Refused(Refusal),
    /// Not an office admin, or something went wrong on our side.
    #[error(transparent)]
    App(#[from] AppError),
}

impl From<StoreError> for ImportError {
    fn from(e: StoreError) -> Self {
        ImportError::App(e.into())
    }
}

/// A stored service as a listing (every office service has a known need).
pub(crate) fn listing(row: ExchangeRow) -> StoreResult<Listing> {
    let s = row.service;
    let need = s.need.ok_or_else(|| StoreError::Corrupt(format!("service {} has no known need", s.id)))?;
    let mut openings = s.schedule.openings;
    openings.sort_by_key(|o| (o.weekday.to_monday_one_offset(), o.opens, o.closes));
    Ok(Listing {
        external_id: row.external_id,
        organisation_id: row.organisation_id,
        organisation_name: row.organisation_name,
        draft: ServiceDraft {
            name: s.name,
            description: s.description,
            need,
            who_for: s.who_for,
            free: s.free,
            referral: s.referral,
            phone: s.phone,
            website: s.website,
            address: s.address,
            email: s.email,
            coordinates: s.coordinates,
            always_open: s.schedule.always_open,
            openings,
        },
        hidden: row.hidden,
        checked_on: s.checked_on,
    })
}
