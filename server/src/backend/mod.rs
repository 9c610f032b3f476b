//! `app::backend::Backend` for the real server: the store plus sign-in rules.

use crate::auth::{self, Limits};
use crate::catalogue::Catalogue;
use crate::store::{self, Store, StoreError};
use app::error::{AppError, AppResult};
use app::model::*;
use std::sync::Arc;

mod cases;
mod condition_map;
mod hope;
mod licence;
mod plan;
mod share;
mod sign_in;
mod text;

pub(crate) use licence::person_answer;
pub(crate) use plan::{person_rsvp, step_status};
use text::{check_text, optional_explanation};

pub struct WaymarkBackend {
    store: Arc<Store>,
    catalogue: Arc<Catalogue>,
    limits: Limits,
    /// Production refuses demo accounts even if demo rows are in the database.
    refuse_demo: bool,
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        AppError::internal(e)
    }
}

fn db(e: rusqlite::Error) -> AppError {
    AppError::internal(e)
}

fn limited(l: auth::Limited) -> AppError {
    AppError::TooManyAttempts { minutes: l.minutes }
}

impl WaymarkBackend {
    pub fn new(store: Arc<Store>, catalogue: Arc<Catalogue>, limits: Limits, refuse_demo: bool) -> Self {
        WaymarkBackend { store, catalogue, limits, refuse_demo }
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// Run `f` in a write transaction on a case the practitioner may see.
    fn on_case<T>(
        &self,
        practitioner: PractitionerId,
        case: CaseId,
        action: &str,
        f: impl FnOnce(&rusqlite::Transaction) -> AppResult<T>,
    ) -> AppResult<T> {
        let mut conn = self.store.write();
        let tx = conn.transaction().map_err(db)?;
        if !store::case_visible_to(&tx, practitioner, case)? {
            return Err(AppError::NotFound);
        }
        let out = f(&tx)?;
        store::audit(&tx, Some(practitioner), Some(case), action)?;
        tx.commit().map_err(db)?;
        Ok(out)
    }

    /// An office admin, and (for an existing service) one they may curate: their
    /// own office's; a national helpline only as a national admin, since every
    /// office shows it. Returns the admin's office.
    fn may_curate(
        &self,
        conn: &rusqlite::Connection,
        practitioner: PractitionerId,
        service: Option<ServiceId>,
    ) -> AppResult<OfficeId> {
        let (office, admin) = store::practitioner_office(conn, practitioner)?.ok_or(AppError::Forbidden)?;
        if !admin.of_office() {
            return Err(AppError::Forbidden);
        }
        match service.map(|id| store::service_owner(conn, id)).transpose()? {
            None => Ok(office),
            Some(Some(owner)) if may_change(admin, office, owner) => Ok(office),
            Some(Some(None)) => Err(AppError::Forbidden),
            _ => Err(AppError::NotFound),
        }
    }

    /// Run `f` in one write transaction, committed only if it succeeds.
    pub(crate) fn in_transaction<T>(&self, f: impl FnOnce(&rusqlite::Transaction) -> AppResult<T>) -> AppResult<T> {
        let mut conn = self.store.write();
        let tx = conn.transaction().map_err(db)?;
        let out = f(&tx)?;
        tx.commit().map_err(db)?;
        Ok(out)
    }

    /// Everything the person's phone keeps (reading it marks nothing read).
    pub(crate) fn snapshot(&self, conn: &rusqlite::Connection, case: CaseId) -> AppResult<sync::CaseSnapshot> {
        Ok(sync::CaseSnapshot {
            licence: self.licence(conn, case)?,
            appointments: store::appointments(conn, case)?,
            steps: store::steps(conn, case)?,
        })
    }
}

/// Whether an admin of `office` may change a service owned by `owner` (`None`:
/// a national helpline). The one rule, for the curation list and every change.
pub(crate) fn may_change(admin: Admin, office: OfficeId, owner: Option<OfficeId>) -> bool {
    match owner {
        None => admin.national(),
        Some(owner) => admin.of_office() && owner == office,
    }
}
