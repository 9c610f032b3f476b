//! All SQL lives here (DESIGN.md, Layout). One module per aggregate.
//!
//! SQLite in WAL mode: one writer connection behind a mutex (SQLite allows one
//! writer at a time anyway) and a few reader connections that never block it.
//! `synchronous = FULL`: every commit is fsynced before it returns, so whatever
//! Waymark answers "applied" or "saved" survives a power cut, not only a crash.

mod about;
mod activation;
mod appointment;
mod attempt;
mod audit;
mod case;
mod check_in;
mod condition;
mod condition_map;
pub mod copy;
mod explanation;
mod form_state;
mod handover;
mod hope;
mod hope_exchange;
mod migrations;
mod op;
mod practitioner;
mod progress;
mod request;
pub mod seed;
mod service;
mod session;
mod share;
pub mod sql;
mod step;

pub use about::*;
pub use activation::*;
pub use appointment::*;
pub use attempt::*;
pub use audit::*;
pub use case::*;
pub use check_in::*;
pub use condition::*;
pub use condition_map::*;
pub use explanation::*;
pub use form_state::*;
pub use handover::*;
pub use hope::*;
pub use hope_exchange::*;
pub use op::*;
pub use practitioner::*;
pub use progress::*;
pub use request::*;
pub use service::*;
pub use session::*;
pub use share::*;
pub use step::*;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

pub use sql::{Conn, Dialect, OptionalExtension, Row, SqlError, SqlResult, Value};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database: {0}")]
    Sql(#[from] SqlError),
    #[error("cannot create data directory {path}: {source}")]
    DataDir { path: PathBuf, source: std::io::Error },
    #[error("database address: {0}")]
    Url(String),
    #[error("this is a PostgreSQL database: back it up with pg_dump (see the README)")]
    BackupPostgres,
    #[error("stored value is not valid: {0}")]
    Corrupt(String),
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError::Sql(e.into())
    }
}

pub type StoreResult<T> = Result<T, StoreError>;

const READERS: usize = 4;
/// Connections in all: the readers and the writer.
pub const CONNECTIONS: usize = READERS + 1;

/// The one key every PostgreSQL write transaction locks first
/// (`pg_advisory_xact_lock`): writes are one at a time across all servers,
/// as SQLite's one writer makes them, so the engine's read-then-write logic
/// (op ids seen, numbers drawn, case revisions) holds with several servers.
const WRITE_LOCK: i64 = 0x5741_594d_4152_4b; // "WAYMARK"

/// The database: SQLite in a file, or PostgreSQL through a pool.
pub struct Store {
    engine: Engine,
}

enum Engine {
    Sqlite {
        writer: Mutex<rusqlite::Connection>,
        readers: Vec<Mutex<rusqlite::Connection>>,
        next_reader: AtomicUsize,
    },
    /// `Option` only so that `drop` can hand the pool to a plain thread.
    Postgres {
        pool: Option<sql::PgPool>,
    },
}

/// Prepared statements each SQLite connection keeps.
const STATEMENTS_KEPT: usize = 256;

fn open_connection(path: &Path) -> StoreResult<rusqlite::Connection> {
    let conn = rusqlite::Connection::open(path)?;
    conn.execute_batch(
        "PRAGMA journal_mode = WAL;
         PRAGMA synchronous = FULL;
         PRAGMA foreign_keys = ON;
         PRAGMA busy_timeout = 5000;",
    )?;
    // Every statement the store runs stays prepared (about 200 texts): rusqlite's
    // default of 16 made a page's dozen queries push each other out and be parsed again.
    conn.set_prepared_statement_cache_capacity(STATEMENTS_KEPT);
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
        step::load_step_guides(&Conn::sqlite(&writer))?;
        let readers = (0..READERS).map(|_| open_connection(&path).map(Mutex::new)).collect::<StoreResult<Vec<_>>>()?;
        Ok(Store { engine: Engine::Sqlite { writer: Mutex::new(writer), readers, next_reader: AtomicUsize::new(0) } })
    }

    /// Connect to PostgreSQL at `url` (`postgres://…`) and apply its migrations.
    pub fn open_postgres(url: &str) -> StoreResult<Store> {
        Self::open_postgres_sized(url, 2 * CONNECTIONS as u32 + 4)
    }

    /// As `open_postgres`, with at most `connections` connections.
    pub fn open_postgres_sized(url: &str, connections: u32) -> StoreResult<Store> {
        let config: postgres::Config = url.parse().map_err(|e: postgres::Error| StoreError::Url(e.to_string()))?;
        let pool = r2d2::Pool::builder()
            .max_size(connections)
            .min_idle(Some(1))
            .test_on_check_out(false)
            .connection_timeout(std::time::Duration::from_secs(10))
            .build(sql::PgManager::new(config))
            .map_err(SqlError::from)?;
        let store = Store { engine: Engine::Postgres { pool: Some(pool) } };
        migrations::apply_postgres(&store)?;
        store.write_tx(|tx| step::load_step_guides(tx))?;
        Ok(store)
    }

    pub fn dialect(&self) -> Dialect {
        match self.engine {
            Engine::Sqlite { .. } => Dialect::Sqlite,
            Engine::Postgres { .. } => Dialect::Postgres,
        }
    }

    fn pg(&self) -> StoreResult<Conn<'static>> {
        match &self.engine {
            Engine::Postgres { pool: Some(pool) } => {
                let conn = sql::off_async(|| Ok(pool.get()?))?;
                Ok(Conn::pg(conn))
            }
            _ => Err(StoreError::Corrupt("not a PostgreSQL store".into())),
        }
    }

    /// A connection whose statements each commit on their own, for writes
    /// that are one statement. On SQLite it holds the writer (a poisoned
    /// lock only means another request panicked; SQLite rolled its
    /// transaction back, so the connection is fine).
    pub fn write(&self) -> StoreResult<Conn<'_>> {
        match &self.engine {
            Engine::Sqlite { writer, .. } => Ok(Conn::sqlite_held(writer.lock().unwrap_or_else(|e| e.into_inner()))),
            Engine::Postgres { .. } => self.pg(),
        }
    }

    /// Run `f` in one write transaction, committed only if it succeeds: the one
    /// way Waymark opens a write transaction (`f` may take savepoints).
    pub fn write_tx<T, E: From<StoreError>>(&self, f: impl FnOnce(&Conn) -> Result<T, E>) -> Result<T, E> {
        match &self.engine {
            Engine::Sqlite { writer, .. } => {
                let mut conn = writer.lock().unwrap_or_else(|e| e.into_inner());
                let tx = conn.transaction().map_err(StoreError::from)?;
                let out = f(&Conn::sqlite(&tx))?;
                tx.commit().map_err(StoreError::from)?;
                Ok(out)
            }
            Engine::Postgres { .. } => {
                let conn = self.pg()?;
                conn.begin_pg(&format!(
                    "BEGIN ISOLATION LEVEL READ COMMITTED; SELECT pg_advisory_xact_lock({WRITE_LOCK})"
                ))
                .map_err(StoreError::from)?;
                let out = f(&conn)?;
                conn.commit_pg().map_err(StoreError::from)?;
                Ok(out)
            }
        }
    }

    /// Hold every write back until the handle is dropped, as a long commit
    /// would (tests): SQLite's writer, or PostgreSQL's write lock.
    #[cfg(any(test, feature = "testing"))]
    pub fn hold_writes(&self) -> StoreResult<Conn<'_>> {
        match &self.engine {
            Engine::Sqlite { .. } => self.write(),
            Engine::Postgres { .. } => {
                let conn = self.pg()?;
                conn.begin_pg(&format!("BEGIN; SELECT pg_advisory_xact_lock({WRITE_LOCK})"))?;
                Ok(conn)
            }
        }
    }

    /// Run `f` in one read transaction, so all it reads is of one moment.
    pub fn read_tx<T, E: From<StoreError>>(&self, f: impl FnOnce(&Conn) -> Result<T, E>) -> Result<T, E> {
        match &self.engine {
            Engine::Sqlite { readers, next_reader, .. } => {
                let conn = Self::sqlite_reader(readers, next_reader);
                let tx = conn.unchecked_transaction().map_err(StoreError::from)?;
                let out = f(&Conn::sqlite(&tx))?;
                tx.commit().map_err(StoreError::from)?;
                Ok(out)
            }
            Engine::Postgres { .. } => {
                let conn = self.pg()?;
                conn.begin_pg("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY").map_err(StoreError::from)?;
                let out = f(&conn)?;
                conn.commit_pg().map_err(StoreError::from)?;
                Ok(out)
            }
        }
    }

    /// The database answers (for `/health`): quickly, or not at all.
    pub fn answers(&self) -> bool {
        let conn = match &self.engine {
            Engine::Sqlite { .. } => self.read(),
            Engine::Postgres { pool: Some(pool) } => {
                sql::off_async(|| Ok(pool.get_timeout(std::time::Duration::from_secs(2))?))
                    .map(Conn::pg)
                    .map_err(StoreError::from)
            }
            Engine::Postgres { pool: None } => return false,
        };
        conn.and_then(|c| Ok(c.query_row("SELECT 1", (), |r| r.get::<_, i64>(0))?)).is_ok()
    }

    /// A consistent copy of a SQLite database in `file`, taken while the
    /// server runs (SQLite's online backup). PostgreSQL: use `pg_dump`.
    pub fn backup(&self, file: &Path) -> StoreResult<()> {
        match &self.engine {
            Engine::Sqlite { readers, next_reader, .. } => {
                let source = Self::sqlite_reader(readers, next_reader);
                let mut target = rusqlite::Connection::open(file)?;
                let backup = rusqlite::backup::Backup::new(&source, &mut target)?;
                backup.run_to_completion(256, std::time::Duration::from_millis(5), None)?;
                Ok(())
            }
            Engine::Postgres { .. } => Err(StoreError::BackupPostgres),
        }
    }

    /// A connection for reads whose statements each stand alone.
    pub fn read(&self) -> StoreResult<Conn<'_>> {
        match &self.engine {
            Engine::Sqlite { readers, next_reader, .. } => {
                Ok(Conn::sqlite_held(Self::sqlite_reader(readers, next_reader)))
            }
            Engine::Postgres { .. } => self.pg(),
        }
    }

    /// A SQLite reader: a free one if any, else wait for the next in turn.
    fn sqlite_reader<'s>(
        readers: &'s [Mutex<rusqlite::Connection>],
        next_reader: &AtomicUsize,
    ) -> std::sync::MutexGuard<'s, rusqlite::Connection> {
        for r in readers {
            if let Ok(guard) = r.try_lock() {
                return guard;
            }
        }
        let i = next_reader.fetch_add(1, Ordering::Relaxed) % readers.len();
        readers[i].lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Drop for Store {
    fn drop(&mut self) {
        // Each PostgreSQL client owns a small runtime, which must not be
        // dropped on an async worker (a test's, at the end of the test).
        if let Engine::Postgres { pool } = &mut self.engine {
            if let Some(pool) = pool.take() {
                let _ = std::thread::spawn(move || drop(pool)).join();
            }
        }
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
        let dir = tempfile::tempdir().expect("temp dir");
        let store = super::Store::open(dir.path()).expect("open store");
        let super::Engine::Sqlite { writer, readers, .. } = &store.engine else { panic!("SQLite") };
        let full = 2;
        let level =
            |c: &rusqlite::Connection| c.pragma_query_value(None, "synchronous", |r| r.get::<_, i64>(0)).unwrap();
        assert_eq!(level(&writer.lock().unwrap()), full, "the writer");
        for reader in readers {
            assert_eq!(level(&reader.lock().unwrap()), full, "a reader");
        }
    }
}

#[cfg(test)]
mod backup_tests {
    /// A backup taken from a live store opens as a Waymark database with every row.
    #[test]
    fn a_backup_restores_as_the_same_database() {
        let dir = tempfile::tempdir().unwrap();
        let store = super::Store::open(dir.path()).unwrap();
        crate::seed::seed(&store).unwrap();
        let restored = tempfile::tempdir().unwrap();
        store.backup(&restored.path().join("waymark.sqlite3")).unwrap();
        let copy = super::Store::open(restored.path()).unwrap();
        let (a, b) = (store.read().unwrap(), copy.read().unwrap());
        let tables = a.tables().unwrap();
        assert_eq!(tables, b.tables().unwrap());
        for table in tables {
            let sql = format!("SELECT COUNT(*) FROM {table}");
            let count = |c: &super::Conn| -> i64 { c.query_row(&sql, (), |r| r.get(0)).unwrap() };
            assert_eq!(count(&a), count(&b), "{table}");
        }
        let cases: i64 = b.query_row("SELECT COUNT(*) FROM cases", (), |r| r.get(0)).unwrap();
        assert!(cases >= 3);
    }
}

#[cfg(test)]
pub(crate) mod testing {
    /// A store of its own: on the PostgreSQL server at `WAYMARK_TEST_DATABASE_URL`
    /// when that is set (a fresh database), else SQLite in a fresh temporary
    /// directory (kept alive by the returned guard).
    pub fn store() -> (super::Store, tempfile::TempDir) {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = match super::pg_testing::fresh_database_url() {
            Some(url) => super::Store::open_postgres_sized(&url, 4).expect("open PostgreSQL store"),
            None => super::Store::open(dir.path()).expect("open store"),
        };
        (store, dir)
    }
}

/// Fresh PostgreSQL databases for tests (`WAYMARK_TEST_DATABASE_URL`).
#[cfg(any(test, feature = "testing"))]
pub mod pg_testing {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::OnceLock;

    /// The variable `.ci/test` sets to run the suites on PostgreSQL.
    pub const VARIABLE: &str = "WAYMARK_TEST_DATABASE_URL";

    /// A new, migrated database of its own on the test server, when
    /// `WAYMARK_TEST_DATABASE_URL` names one; `None` runs tests on SQLite.
    /// Copied from a template migrated once (`CREATE DATABASE … TEMPLATE`:
    /// a few milliseconds, against the migrations' hundreds).
    pub fn fresh_database_url() -> Option<String> {
        let base = std::env::var(VARIABLE).ok().filter(|u| !u.is_empty())?;
        let template = TEMPLATE.get_or_init(|| make_template(&base)).clone();
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let name = format!("waymark_test_{}_{}", std::process::id(), NEXT.fetch_add(1, Ordering::Relaxed));
        admin(&base, &format!("CREATE DATABASE {name} TEMPLATE {template}"));
        Some(with_database(&base, &name))
    }

    static TEMPLATE: OnceLock<String> = OnceLock::new();

    /// The template for this build's migrations, made by the first test process to want it.
    fn make_template(base: &str) -> String {
        let name = format!("waymark_template_{:016x}", super::migrations::postgres_fingerprint());
        let url = with_database(base, &name);
        let base = base.to_owned();
        let name2 = name.clone();
        // A thread of its own: the test may be on an async worker.
        std::thread::spawn(move || {
            let mut client = postgres::Client::connect(&base, postgres::NoTls).expect("connect to the test PostgreSQL");
            client.execute("SELECT pg_advisory_lock(4242)", &[]).expect("lock");
            let exists =
                !client.query("SELECT 1 FROM pg_database WHERE datname = $1", &[&name2]).expect("look").is_empty();
            if !exists {
                client.batch_execute(&format!("CREATE DATABASE {name2}")).expect("create template");
                if let Err(e) = super::Store::open_postgres_sized(&url, 1) {
                    // No half-made template for the next test to copy.
                    let _ = client.batch_execute(&format!("DROP DATABASE {name2}"));
                    let _ = client.execute("SELECT pg_advisory_unlock(4242)", &[]);
                    panic!("migrating the template: {e}");
                }
            }
            client.execute("SELECT pg_advisory_unlock(4242)", &[]).expect("unlock");
        })
        .join()
        .expect("template thread");
        name
    }

    fn admin(base: &str, sql: &str) {
        let (base, sql) = (base.to_owned(), sql.to_owned());
        std::thread::spawn(move || {
            let mut client = postgres::Client::connect(&base, postgres::NoTls).expect("connect to the test PostgreSQL");
            client.batch_execute(&sql).unwrap_or_else(|e| panic!("{sql}: {e}"));
        })
        .join()
        .expect("admin thread");
    }

    /// `base` with its database replaced by `name`.
    pub fn with_database(base: &str, name: &str) -> String {
        let mut url = url::Url::parse(base).expect("WAYMARK_TEST_DATABASE_URL is a URL");
        url.set_path(&format!("/{name}"));
        url.to_string()
    }
}
