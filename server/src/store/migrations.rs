//! Versioned migrations, applied in order at start-up: SQLite's numbered
//! files, with `PRAGMA user_version` recording how far a database has come,
//! and PostgreSQL's own numbered files (`migrations/postgres/`, the same
//! schema in its words) with a `schema_version` table.

use super::{Store, StoreResult};
use rusqlite::Connection;

const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_foundation.sql"),
    include_str!("migrations/0002_licence.sql"),
    include_str!("migrations/0003_appointments_steps.sql"),
    include_str!("migrations/0004_sync.sql"),
    include_str!("migrations/0005_hope.sql"),
    include_str!("migrations/0006_my_list.sql"),
    include_str!("migrations/0007_share_link.sql"),
    include_str!("migrations/0008_condition_map.sql"),
    include_str!("migrations/0009_hsds.sql"),
    include_str!("migrations/0010_appointment_changes.sql"),
    include_str!("migrations/0011_sign_in_safety.sql"),
    include_str!("migrations/0012_person_loop.sql"),
    include_str!("migrations/0013_national.sql"),
    include_str!("migrations/0014_form_state.sql"),
    include_str!("migrations/0015_licence_parts.sql"),
    include_str!("migrations/0016_about_me.sql"),
    include_str!("migrations/0017_handover.sql"),
    include_str!("migrations/0018_check_in.sql"),
    include_str!("migrations/0019_request.sql"),
    include_str!("migrations/0020_progress.sql"),
];

/// PostgreSQL's migrations: its first file is SQLite's schema after 0015.
const POSTGRES_MIGRATIONS: &[&str] = &[
    include_str!("migrations/postgres/0001_schema.sql"),
    include_str!("migrations/postgres/0002_about_me.sql"),
    include_str!("migrations/postgres/0003_handover.sql"),
    include_str!("migrations/postgres/0004_check_in.sql"),
    include_str!("migrations/postgres/0005_request.sql"),
    include_str!("migrations/postgres/0006_progress.sql"),
];

/// Apply PostgreSQL's pending migrations in one transaction, under the write
/// lock, so servers starting together apply each once.
pub fn apply_postgres(store: &Store) -> StoreResult<()> {
    store.write_tx(|tx| {
        tx.execute_batch(
            "CREATE TABLE IF NOT EXISTS schema_version (version BIGINT PRIMARY KEY, applied_at BIGINT NOT NULL)",
        )?;
        let done: i64 = tx.query_row("SELECT COALESCE(MAX(version), 0) FROM schema_version", (), |r| r.get(0))?;
        for (i, sql) in POSTGRES_MIGRATIONS.iter().enumerate().skip(done.max(0) as usize) {
            tx.execute_batch(sql)?;
            tx.execute(
                "INSERT INTO schema_version (version, applied_at) VALUES (?1, ?2)",
                [(i + 1) as i64, super::now()],
            )?;
            tracing::info!(version = i + 1, "applied PostgreSQL migration");
        }
        Ok(())
    })
}

/// A hash of PostgreSQL's migrations (tests keep one template database per version).
#[cfg(any(test, feature = "testing"))]
pub fn postgres_fingerprint() -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    POSTGRES_MIGRATIONS.hash(&mut h);
    h.finish()
}

/// How far SQLite's migrations go: the version a database this Waymark opened is at.
pub fn sqlite_version() -> usize {
    MIGRATIONS.len()
}

pub fn apply(conn: &mut Connection) -> StoreResult<()> {
    add_functions(conn)?;
    let done: usize = conn.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0))? as usize;
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(done) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", (i + 1) as i64)?;
        tx.commit()?;
        tracing::info!(version = i + 1, "applied migration");
    }
    Ok(())
}

/// SQL functions that migrations may use: `waymark_sha256_hex(text)` hashes
/// tokens kept in the clear by older versions (as `auth::token_hash` does).
fn add_functions(conn: &Connection) -> StoreResult<()> {
    use rusqlite::functions::FunctionFlags;
    conn.create_scalar_function(
        "waymark_sha256_hex",
        1,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| Ok(crate::auth::token_hash(&ctx.get::<String>(0)?)),
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::store::{Dialect, Store};

    #[test]
    fn migrations_apply_once_and_set_pragmas() {
        let dir = tempfile::tempdir().unwrap();
        drop(Store::open(dir.path()).unwrap());
        // Opening again must not re-run anything.
        let store = Store::open(dir.path()).unwrap();
        let conn = store.read().unwrap();
        let version: i64 = conn.query_row("PRAGMA user_version", (), |r| r.get(0)).unwrap();
        assert_eq!(version as usize, super::MIGRATIONS.len());
        let mode: String = conn.query_row("PRAGMA journal_mode", (), |r| r.get(0)).unwrap();
        assert_eq!(mode, "wal");
        let fk: i64 = conn.query_row("PRAGMA foreign_keys", (), |r| r.get(0)).unwrap();
        assert_eq!(fk, 1);
    }

    /// Every SQLite table and column is in PostgreSQL's schema, with a type
    /// of the same family, so the two never drift apart.
    #[test]
    fn postgres_has_every_sqlite_column() {
        let (store, _dir) = crate::store::testing::store();
        if store.dialect() != Dialect::Postgres {
            eprintln!("skipped: set WAYMARK_TEST_DATABASE_URL to compare with PostgreSQL");
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        let sqlite = Store::open(dir.path()).unwrap();
        let lite = sqlite.read().unwrap();
        let tables: Vec<String> = lite
            .query_map("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'", (), |r| {
                r.get(0)
            })
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert!(tables.len() > 20, "{tables:?}");
        let pg = store.read().unwrap();
        for table in tables {
            let columns: Vec<(String, String)> = lite
                .query_map("SELECT name, type FROM pragma_table_info(?1)", [&table], |r| Ok((r.get(0)?, r.get(1)?)))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            for (column, lite_type) in columns {
                let pg_type: Option<String> = crate::store::OptionalExtension::optional(pg.query_row(
                    "SELECT data_type FROM information_schema.columns WHERE table_name = ?1 AND column_name = ?2",
                    [&table, &column],
                    |r| r.get(0),
                ))
                .unwrap();
                let want = match lite_type.as_str() {
                    "INTEGER" => "bigint",
                    "TEXT" => "text",
                    "REAL" => "double precision",
                    "BLOB" => "bytea",
                    other => panic!("{table}.{column}: SQLite type {other} has no PostgreSQL family here"),
                };
                assert_eq!(pg_type.as_deref(), Some(want), "{table}.{column} ({lite_type})");
            }
        }
    }

    /// 0012: a question the practitioner answered before the column existed is
    /// answered; one the person has answered again since, or never asked, is not.
    #[test]
    fn questions_answered_before_0012_are_marked_answered() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        crate::seed::seed(&store).unwrap();
        let conn = store.write().unwrap();
        // As a reply left them before 0012: the question reopened as 'unread', no answered_at.
        conn.execute_batch(
            "INSERT INTO condition_message (condition_id, author, kind, body, condition_version, practitioner_id, at)
             VALUES (2, 'practitioner', 'reply', 'Yes.', 1, 1, 2000000000);
             INSERT INTO condition_message (condition_id, author, kind, body, condition_version, at)
             VALUES (3, 'person', 'question', 'Why?', 1, 1000000000),
                    (3, 'person', 'understood', NULL, 1, 3000000000);
             INSERT INTO condition_message (condition_id, author, kind, body, condition_version, practitioner_id, at)
             VALUES (3, 'practitioner', 'reply', 'Because.', 1, 1, 2000000000);
             UPDATE case_condition SET response = 'unread', answered_at = NULL WHERE id IN (2, 3, 4);",
        )
        .unwrap();
        let (_, backfill) = include_str!("migrations/0012_person_loop.sql").split_once(';').unwrap();
        conn.execute_batch(backfill).unwrap();
        let answered = |id: i64| -> Option<i64> {
            conn.query_row("SELECT answered_at FROM case_condition WHERE id = ?1", [id], |r| r.get(0)).unwrap()
        };
        assert_eq!(answered(2), Some(2000000000), "asked, then answered");
        assert_eq!(answered(3), None, "the person said they understand after the answer");
        assert_eq!(answered(4), None, "never asked");
    }
}
