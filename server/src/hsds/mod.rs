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

use crate::store::{self, ExchangeRow, Store, StoreError, StoreResult};
use app::model::hope::ServiceDraft;
use app::model::{OfficeId, PractitionerId};
use jiff::civil::Date;
use std::collections::HashMap;

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
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<rusqlite::Error> for ImportError {
    fn from(e: rusqlite::Error) -> Self {
        ImportError::Store(e.into())
    }
}

/// The office's own services as an Open Referral UK file.
pub fn export(store: &Store, office: OfficeId) -> StoreResult<String> {
    let rows = store::office_exchange_rows(&store.read(), office)?;
    let listings = rows.into_iter().map(listing).collect::<StoreResult<Vec<_>>>()?;
    write::document(listings).map_err(|e| StoreError::Corrupt(format!("export: {e}")))
}

/// Check the whole file, then add or change the office's services from it in one
/// transaction. Services of the office that are not in the file stay as they are.
pub fn import(
    store: &Store,
    by: PractitionerId,
    office: OfficeId,
    bytes: &[u8],
    today: Date,
) -> Result<Summary, ImportError> {
    let incoming = read::read(bytes, today).map_err(ImportError::Refused)?;
    let mut conn = store.write();
    let tx = conn.transaction()?;
    let mut before: HashMap<String, Listing> = HashMap::new();
    for row in store::office_exchange_rows(&tx, office)? {
        let l = listing(row)?;
        before.insert(l.external_id.clone(), l);
    }
    let mut summary = Summary::default();
    for read::Incoming { mut listing, assured } in incoming {
        let was = before.remove(&listing.external_id);
        if let (Some(was), false) = (&was, assured) {
            listing.checked_on = was.checked_on;
        }
        match was {
            Some(was) if was == listing => {
                summary.same += 1;
                continue;
            }
            Some(_) => summary.changed += 1,
            None => summary.added += 1,
        }
        store::import_service(
            &tx,
            office,
            &store::ImportedService {
                external_id: &listing.external_id,
                organisation_id: listing.organisation_id.as_deref(),
                organisation_name: listing.organisation_name.as_deref(),
                draft: &listing.draft,
                hidden: listing.hidden,
                checked_on: listing.checked_on,
            },
        )?;
    }
    if summary.added + summary.changed > 0 {
        let what = format!("imported hope-corner services ({} new, {} changed)", summary.added, summary.changed);
        store::audit(&tx, Some(by), None, &what)?;
    }
    tx.commit()?;
    Ok(summary)
}

/// A stored service as a listing (every office service has a known need).
fn listing(row: ExchangeRow) -> StoreResult<Listing> {
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
