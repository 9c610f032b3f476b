//! `app::backend::Backend` and `ServerBackend` for the real server.
//!
//! `Engine` is the engine: the store, the catalogue and the sign-in rules, one
//! module per aggregate, synchronous (SQLite and argon2 block). `WaymarkBackend`
//! is the boundary the server holds: each call runs the engine on a bounded
//! blocking pool (`pooled.rs`), never on the async worker threads.

use crate::auth::Limits;
use crate::catalogue::Catalogue;
use crate::store::Conn;
use crate::store::{self, Store, StoreError};
use app::error::{AppError, AppResult};
use app::model::*;
use std::sync::Arc;

mod about;
mod access;
mod cases;
mod check_in;
mod condition_map;
mod handover;
mod hope;
mod hope_exchange;
mod licence;
mod plan;
mod pool;
mod pooled;
mod progress;
mod request;
mod server_backend;
mod share;
mod sign_in;
mod sync;
mod sync_commit;
mod text;

pub(crate) use access::Caller;
pub use access::REQUEST_CLIENT;
pub use pool::{BlockingPool, PoolError};
pub use server_backend::ServerBackend;
pub use sign_in::{SignedIn, CODE_WRONG, PERSON_WRONG, PRACTITIONER_WRONG};
use text::{check_text, optional_explanation};

/// The SQLite engine. Every method blocks: call it only on a blocking pool.
pub struct Engine {
    store: Arc<Store>,
    catalogue: Arc<Catalogue>,
    limits: Limits,
    /// Production refuses demo accounts even if demo rows are in the database.
    refuse_demo: bool,
}

/// The boundary: the engine behind two bounded blocking pools. Cheap to clone.
#[derive(Clone)]
pub struct WaymarkBackend {
    engine: Arc<Engine>,
    /// Database work: twice the store's connections, so one call can wait for
    /// each connection while another uses it.
    queries: BlockingPool,
    /// Sign-ins (argon2): half the cores by default, so forty clients guessing
    /// PINs queue here and leave the queries (and `/health`) their threads.
    hashing: BlockingPool,
    /// Phones' syncs with ops, committed together when they arrive together.
    commits: sync_commit::Committer,
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        AppError::internal(e)
    }
}

impl WaymarkBackend {
    pub fn new(
        store: Arc<Store>,
        catalogue: Arc<Catalogue>,
        limits: Limits,
        hashing: BlockingPool,
        refuse_demo: bool,
    ) -> std::io::Result<Self> {
        let queries = BlockingPool::new(2 * store::CONNECTIONS);
        let engine = Arc::new(Engine { store, catalogue, limits, refuse_demo });
        let commits = sync_commit::Committer::start(engine.clone())?;
        Ok(WaymarkBackend { engine, queries, hashing, commits })
    }

    /// Run `f` on the engine, on the query pool.
    async fn query<T: Send + 'static>(&self, f: impl FnOnce(&Engine) -> AppResult<T> + Send + 'static) -> AppResult<T> {
        let engine = self.engine.clone();
        self.queries.run(move || f(&engine)).await.map_err(AppError::internal)?
    }

    /// Run `f` on the engine, on the hashing pool (a sign-in: reads, argon2, writes).
    async fn hash<T: Send + 'static>(&self, f: impl FnOnce(&Engine) -> AppResult<T> + Send + 'static) -> AppResult<T> {
        let engine = self.engine.clone();
        self.hashing.run(move || f(&engine)).await.map_err(AppError::internal)?
    }

    /// The store, for tests that must set up or read what no screen can
    /// (feature `testing`, on only for the server's own tests).
    #[cfg(feature = "testing")]
    pub fn store_for_tests(&self) -> &Store {
        &self.engine.store
    }
}

impl Engine {
    /// Forget what no longer counts: old sessions, old wrong tries, share-link
    /// salts past their few minutes, form states past theirs (call now and then).
    fn tidy(&self) -> AppResult<()> {
        let now = store::now();
        self.store.write_tx(|tx| {
            store::delete_expired_sessions(tx)?;
            store::delete_stale_attempts(tx, now)?;
            store::forget_share_reveals(tx, now - crate::auth::SHARE_REVEAL_SECONDS)?;
            store::delete_expired_form_states(tx)?;
            Ok(())
        })
    }

    /// A practitioner's change to one part of a case, through the door (`access.rs`).
    fn on_case<T>(
        &self,
        practitioner: PractitionerId,
        case: CaseId,
        section: audit::Section,
        detail: &str,
        f: impl FnOnce(&Conn) -> AppResult<T>,
    ) -> AppResult<T> {
        self.write_case(&Caller::Practitioner(practitioner), case, audit::AuditAction::Change(section), detail, f)
    }

    /// A practitioner's read of one part of a case, through the door (`access.rs`).
    fn on_case_read<T>(
        &self,
        practitioner: PractitionerId,
        case: CaseId,
        section: audit::Section,
        f: impl FnOnce(&Conn) -> AppResult<T>,
    ) -> AppResult<T> {
        self.read_case(&Caller::Practitioner(practitioner), case, section, f)
    }

    /// An office admin, and (for an existing service) one they may curate: their
    /// own office's; a national helpline only as a national admin, since every
    /// office shows it. Returns the admin's office.
    fn may_curate(&self, conn: &Conn, practitioner: PractitionerId, service: Option<ServiceId>) -> AppResult<OfficeId> {
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
    pub(crate) fn in_transaction<T>(&self, f: impl FnOnce(&Conn) -> AppResult<T>) -> AppResult<T> {
        self.store.write_tx(|tx| f(tx))
    }

    /// Everything the person's phone keeps (reading it marks nothing read).
    pub(crate) fn snapshot(&self, conn: &Conn, case: CaseId) -> AppResult<app::model::sync::CaseSnapshot> {
        Ok(app::model::sync::CaseSnapshot {
            licence: self.licence(conn, case)?,
            appointments: store::appointments(conn, case)?,
            steps: store::steps(conn, case)?,
            about: store::about_me(conn, case)?,
            check_ins: store::check_ins(conn, case, app::model::check_in::KEPT)?,
            requests: store::requests(conn, case, app::model::request::KEPT)?,
            progress: store::progress(conn, case)?,
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
