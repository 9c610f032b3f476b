//! `app::backend::Backend` for the real server: the store plus sign-in rules.

use crate::auth::{HashPool, Limits};
use crate::catalogue::Catalogue;
use crate::store::{self, Store, StoreError};
use app::error::{AppError, AppResult};
use app::model::*;
use std::sync::Arc;

mod access;
mod cases;
mod condition_map;
mod hope;
mod licence;
mod plan;
mod share;
mod sign_in;
mod text;

pub(crate) use access::Caller;
pub use access::REQUEST_CLIENT;
pub(crate) use licence::{letter_read, person_answer};
pub(crate) use plan::{person_rsvp, step_status};
pub use sign_in::{CODE_WRONG, PERSON_WRONG, PRACTITIONER_WRONG};
use text::{check_text, optional_explanation};

/// Cheap to clone (everything is shared), so sign-ins can move to the hashing pool.
#[derive(Clone)]
pub struct WaymarkBackend {
    store: Arc<Store>,
    catalogue: Arc<Catalogue>,
    limits: Limits,
    hashing: HashPool,
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

impl WaymarkBackend {
    pub fn new(
        store: Arc<Store>,
        catalogue: Arc<Catalogue>,
        limits: Limits,
        hashing: HashPool,
        refuse_demo: bool,
    ) -> Self {
        WaymarkBackend { store, catalogue, limits, hashing, refuse_demo }
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Forget what no longer counts: old sessions, old wrong tries, share-link
    /// salts past their few minutes (call now and then).
    pub fn tidy(&self) -> AppResult<()> {
        let conn = self.store.write();
        let now = store::now();
        store::delete_expired_sessions(&conn)?;
        store::delete_stale_attempts(&conn, now)?;
        store::forget_share_reveals(&conn, now - crate::auth::SHARE_REVEAL_SECONDS)?;
        Ok(())
    }

    /// A practitioner's change to one part of a case, through the door (`access.rs`).
    fn on_case<T>(
        &self,
        practitioner: PractitionerId,
        case: CaseId,
        section: audit::Section,
        detail: &str,
        f: impl FnOnce(&rusqlite::Transaction) -> AppResult<T>,
    ) -> AppResult<T> {
        self.write_case(&Caller::Practitioner(practitioner), case, audit::AuditAction::Change(section), detail, f)
    }

    /// A practitioner's read of one part of a case, through the door (`access.rs`).
    fn on_case_read<T>(
        &self,
        practitioner: PractitionerId,
        case: CaseId,
        section: audit::Section,
        f: impl FnOnce(&rusqlite::Connection) -> AppResult<T>,
    ) -> AppResult<T> {
        self.read_case(&Caller::Practitioner(practitioner), case, section, f)
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
