//! All SQL lives here (DESIGN.md, Layout). One module per aggregate.
//!
//! SQLite in WAL mode: one writer connection behind a mutex (SQLite allows one
//! writer at a time anyway) and a few reader connections that never block it.
//! `synchronous = FULL`: every commit is fsynced before it returns, so whatever
//! Waymark answers "applied" or "saved" survives a power cut, not only a crash.

mod activation;
mod appointment;
mod attempt;
mod audit;
mod case;
mod condition;
mod condition_map;
mod explanation;
mod form_state;
mod hope;
mod hope_exchange;
mod migrations;
mod op;
mod practitioner;
pub mod seed;
mod service;
mod session;
mod share;
mod step;

pub use activation::*;
pub use appointment::*;
pub use attempt::*;
pub use audit::*;
pub use case::*;
pub use condition::*;
pub use condition_map::*;
pub use explanation::*;
pub use form_state::*;
pub use hope::*;
pub use hope_exchange::*;
pub use op::*;
pub use practitioner::*;
pub use service::*;
pub use session::*;
pub use share::*;
pub use step::*;

use rusqlite::Connection;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("cannot create data directory {path}: {source}")]
    DataDir { path: PathBuf, source: std::io::Error },
    #[error("stored value is not valid: {0}")]
    Corrupt(String),
}

pub type StoreResult<T> = Result<T, StoreError>;

const READERS: usize = 4;
/// Connections in all: the readers and the writer.
pub const CONNECTIONS: usize = READERS + 1;

pub struct Store {
    writer: Mutex<Connection>,
    readers: Vec<Mutex<Connection>>,
    next_reader: AtomicUsize,
}

fn open_connection(path: &Path) -> StoreResult<Connection> {
    let conn = Connection::open(path)?;
    conn.execute_batch(
        "PRAGMA journal_mode = WAL;
         PRAGMA synchronous = FULL;
         PRAGMA foreign_keys = ON;
         PRAGMA busy_timeout = 5000;",
    )?;
    Ok(conn)
}

impl Store {
    /// Open (creating if needed) `waymark.sqlite3` in `data_dir` and apply migrations.
    pub fn open(data_dir: &Path) -> StoreResult<Store> {
        std::fs::create_dir_all(data_dir)
            .map_err(|source| StoreError::DataDir { path: data_dir.to_owned(), source })?;
        let path = data_dir.join("waymark.sqlite3");
        let mut writer = open_connection(&path)?;
        migrations::apply(&mut writer)?;
        step::load_step_guides(&writer)?;
        let readers = (0..READERS).map(|_| open_connection(&path).map(Mutex::new)).collect::<StoreResult<Vec<_>>>()?;
        Ok(Store { writer: Mutex::new(writer), readers, next_reader: AtomicUsize::new(0) })
    }

    /// The writer connection. A poisoned lock only means another request
    /// panicked; SQLite rolled its transaction back, so the connection is fine.
    pub fn write(&self) -> MutexGuard<'_, Connection> {
        self.writer.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Run `f` in one write transaction, committed only if it succeeds: the one
    /// way Waymark opens a write transaction (`&mut` so `f` may take savepoints).
    pub fn write_tx<T, E: From<StoreError>>(
        &self,
        f: impl FnOnce(&mut rusqlite::Transaction) -> Result<T, E>,
    ) -> Result<T, E> {
        let mut conn = self.write();
        let mut tx = conn.transaction().map_err(StoreError::from)?;
        let out = f(&mut tx)?;
        tx.commit().map_err(StoreError::from)?;
        Ok(out)
    }

    /// Run `f` in one read transaction on a reader, so all it reads is of one moment.
    pub fn read_tx<T, E: From<StoreError>>(&self, f: impl FnOnce(&Connection) -> Result<T, E>) -> Result<T, E> {
        let conn = self.read();
        let tx = conn.unchecked_transaction().map_err(StoreError::from)?;
        let out = f(&tx)?;
        tx.commit().map_err(StoreError::from)?;
        Ok(out)
    }

    /// The database answers (for `/health`).
    pub fn answers(&self) -> bool {
        self.read().query_row("SELECT 1", [], |r| r.get::<_, i64>(0)).is_ok()
    }

    /// A reader connection: a free one if any, else wait for the next in turn.
    pub fn read(&self) -> MutexGuard<'_, Connection> {
        for r in &self.readers {
            if let Ok(guard) = r.try_lock() {
                return guard;
            }
        }
        let i = self.next_reader.fetch_add(1, Ordering::Relaxed) % self.readers.len();
        self.readers[i].lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Now, as stored: UTC unix seconds.
pub fn now() -> i64 {
    jiff::Timestamp::now().as_second()
}

pub(crate) fn parse_date(s: &str) -> StoreResult<jiff::civil::Date> {
    s.parse().map_err(|_| StoreError::Corrupt(format!("date {s:?}")))
}

pub(crate) fn timestamp(secs: i64) -> StoreResult<jiff::Timestamp> {
    jiff::Timestamp::from_second(secs).map_err(|_| StoreError::Corrupt(format!("time {secs}")))
}

#[cfg(test)]
mod tests {
    /// NORMAL in WAL mode may lose the last commits on power loss (SQLite docs,
    /// "PRAGMA synchronous"): every connection, the writer above all, must be FULL.
    #[test]
    fn every_connection_syncs_each_commit_to_disk() {
        let (store, _dir) = super::testing::store();
        let full = 2;
        let level =
            |c: &rusqlite::Connection| c.pragma_query_value(None, "synchronous", |r| r.get::<_, i64>(0)).unwrap();
        assert_eq!(level(&store.write()), full, "the writer");
        for reader in &store.readers {
            assert_eq!(level(&reader.lock().unwrap()), full, "a reader");
        }
    }
}

#[cfg(test)]
pub(crate) mod testing {
    /// A store in a fresh temporary directory (kept alive by the returned guard).
    pub fn store() -> (super::Store, tempfile::TempDir) {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = super::Store::open(dir.path()).expect("open store");
        (store, dir)
    }
}
