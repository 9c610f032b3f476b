//! Moving an office over (issue 11.5): every row of a SQLite database into an
//! empty PostgreSQL one, in one transaction, then checked — each table's row
//! count and a checksum of its rows must be the same on both sides, or
//! nothing is kept.

use super::sql::{Conn, Value};
use super::{Store, StoreError, StoreResult};
use sha2::{Digest, Sha256};
use std::path::Path;

/// Tables in an order where each row's references are copied before it.
const TABLES: &[&str] = &[
    "office",
    "practitioner",
    "cases",
    "case_coworker",
    "activation_code",
    "session",
    "case_condition",
    "appointment",
    "step_guide",
    "step",
    "service",
    "case_condition_history",
    "condition_message",
    "explanation",
    "step_history",
    "applied_op",
    "service_schedule",
    "bank_holiday",
    "saved_service",
    "condition_map",
    "attempt_backoff",
    "known_device",
    "share_link",
    "audit",
    "form_state",
    "about_me",
    "busy_time",
    "busy_suggestion",
    "handover",
    "check_in",
    "person_request",
    "goal",
    "achievement",
];

/// Shipped with Waymark and loaded at every start: a new database already
/// has them, and the copy replaces them with the source's (prices admins
/// corrected stay corrected).
const LOADED_AT_START: &str = "step_guide";

#[derive(Debug, thiserror::Error)]
pub enum CopyError {
    #[error("{0}")]
    Store(#[from] StoreError),
    #[error("the target already holds data (table {0} has rows): copy only into a new, empty database")]
    NotEmpty(String),
    #[error("the SQLite file is at migration {found}, this Waymark at {want}: start this Waymark on it once first")]
    OldSource { found: i64, want: usize },
    #[error("table {0} is in the SQLite file but Waymark does not know it")]
    UnknownTable(String),
    #[error("table {table}: {what} differ after the copy ({source_side} in SQLite, {target} in PostgreSQL); nothing was kept")]
    Mismatch { table: String, what: &'static str, source_side: String, target: String },
}

impl From<super::SqlError> for CopyError {
    fn from(e: super::SqlError) -> Self {
        CopyError::Store(e.into())
    }
}

impl From<rusqlite::Error> for CopyError {
    fn from(e: rusqlite::Error) -> Self {
        CopyError::Store(e.into())
    }
}

/// What was copied: each table, its rows and its checksum (the same on both sides).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Copied {
    pub tables: Vec<(String, u64, String)>,
}

/// Copy the SQLite database at `from` (a `waymark.sqlite3` file, opened read
/// only) into the empty PostgreSQL database at `to`.
pub fn copy(from: &Path, to: &str) -> Result<Copied, CopyError> {
    let source = rusqlite::Connection::open_with_flags(from, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let found: i64 = source.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let want = super::migrations::sqlite_version();
    if found != want as i64 {
        return Err(CopyError::OldSource { found, want });
    }
    let source = Conn::sqlite(&source);
    for table in source.tables()? {
        if !TABLES.contains(&table.as_str()) {
            return Err(CopyError::UnknownTable(table));
        }
    }
    let target = Store::open_postgres_sized(to, 2)?;
    target.write_tx(|tx| {
        for table in TABLES.iter().filter(|t| **t != LOADED_AT_START) {
            if count(tx, table)? > 0 {
                return Err(CopyError::NotEmpty((*table).to_owned()));
            }
        }
        tx.execute(&format!("DELETE FROM {LOADED_AT_START}"), ())?;
        for table in TABLES {
            copy_table(&source, tx, table)?;
        }
        // Each condition, letter, appointment and step copied bumped its
        // case's counter (the triggers): put back the counters as they were.
        let revs = source.query_map("SELECT id, rev FROM cases", (), |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))?;
        for rev in revs {
            let (id, rev) = rev?;
            tx.execute("UPDATE cases SET rev = ?2 WHERE id = ?1", [id, rev])?;
        }
        for table in TABLES {
            if columns(&source, table)?.iter().any(|(c, _)| c == "id") {
                // The next new row gets the next id.
                tx.query_row(
                    &format!(
                        "SELECT setval(pg_get_serial_sequence('{table}', 'id'), COALESCE(MAX(id), 0) + 1, false) FROM {table}"
                    ),
                    (),
                    |_| Ok(()),
                )?;
            }
        }
        let mut copied = Vec::new();
        for table in TABLES {
            let columns = columns(&source, table)?;
            let (rows_there, rows_here) = (count(&source, table)?, count(tx, table)?);
            if rows_there != rows_here {
                return Err(mismatch(table, "row counts", rows_there, rows_here));
            }
            let (sum_there, sum_here) = (checksum(&source, table, &columns)?, checksum(tx, table, &columns)?);
            if sum_there != sum_here {
                return Err(mismatch(table, "checksums", &sum_there, &sum_here));
            }
            copied.push(((*table).to_owned(), rows_here, sum_here));
        }
        Ok(Copied { tables: copied })
    })
}

fn mismatch(table: &str, what: &'static str, there: impl ToString, here: impl ToString) -> CopyError {
    CopyError::Mismatch { table: table.to_owned(), what, source_side: there.to_string(), target: here.to_string() }
}

fn count(conn: &Conn, table: &str) -> StoreResult<u64> {
    Ok(conn.query_row(&format!("SELECT COUNT(*) FROM {table}"), (), |r| r.get(0))?)
}

/// The table's columns in SQLite, and whether each is REAL.
fn columns(source: &Conn, table: &str) -> StoreResult<Vec<(String, bool)>> {
    let rows = source.query_map("SELECT name, type FROM pragma_table_info(?1) ORDER BY cid", [table], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)? == "REAL"))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn copy_table(source: &Conn, target: &Conn, table: &str) -> StoreResult<()> {
    let columns = columns(source, table)?;
    let names = columns.iter().map(|(c, _)| c.as_str()).collect::<Vec<_>>().join(", ");
    let marks = (1..=columns.len()).map(|i| format!("?{i}")).collect::<Vec<_>>().join(", ");
    let insert = format!("INSERT INTO {table} ({names}) VALUES ({marks})");
    let mut rows = source.query(&format!("SELECT {names} FROM {table}"), ())?;
    while let Some(row) = rows.next()? {
        target.execute(&insert, row.values().to_vec())?;
    }
    Ok(())
}

/// A checksum of the table's rows that does not depend on their order: the
/// sum of each row's SHA-256 (first 8 bytes). Values are encoded the same way
/// from either engine (a REAL column's integer is read as a real).
fn checksum(conn: &Conn, table: &str, columns: &[(String, bool)]) -> StoreResult<String> {
    let names = columns.iter().map(|(c, _)| c.as_str()).collect::<Vec<_>>().join(", ");
    let mut rows = conn.query(&format!("SELECT {names} FROM {table}"), ())?;
    let mut sum: u64 = 0;
    while let Some(row) = rows.next()? {
        let mut hash = Sha256::new();
        for (value, (_, real)) in row.values().iter().zip(columns) {
            match value {
                Value::Null => hash.update(b"n"),
                Value::Int(i) if *real => hash.update(format!("r{:?}", *i as f64)),
                Value::Int(i) => hash.update(format!("i{i}")),
                Value::Real(f) => hash.update(format!("r{f:?}")),
                Value::Text(t) => hash.update(format!("t{}:{t}", t.len())),
                Value::Bytes(b) => {
                    hash.update(format!("b{}:", b.len()));
                    hash.update(b);
                }
            }
            hash.update(b"|");
        }
        let digest = hash.finalize();
        let mut first = [0u8; 8];
        first.copy_from_slice(&digest[..8]);
        sum = sum.wrapping_add(u64::from_be_bytes(first));
    }
    Ok(format!("{sum:016x}"))
}

#[cfg(test)]
mod tests {
    use super::{copy, CopyError};
    use crate::store::Store;

    #[test]
    fn an_office_moves_to_postgresql_whole_and_only_into_an_empty_database() {
        let Some(url) = crate::store::pg_testing::fresh_database_url() else {
            eprintln!("skipped: set WAYMARK_TEST_DATABASE_URL to copy into PostgreSQL");
            return;
        };
        let dir = tempfile::tempdir().unwrap();
        let sqlite = Store::open(dir.path()).unwrap();
        crate::seed::seed(&sqlite).unwrap();
        // A price an admin corrected, a map's bytes and a real: all must arrive as they are.
        sqlite
            .write()
            .unwrap()
            .execute_batch(
                "UPDATE step_guide SET cost = '£1 (corrected)', cost_checked_on = '2026-11-30' WHERE key = 'passport';
                 UPDATE service SET latitude = 51 WHERE id = 1;
                 INSERT INTO condition_map (condition_id, content_type, bytes, uploaded_at) VALUES (1, 'application/pdf', x'255044460001ff', 1);
                 INSERT INTO audit (at, actor, practitioner_id, case_id, action, client) VALUES (1, 'practitioner', 1, 1, 'read licence', '192.0.2.1');",
            )
            .unwrap();
        drop(sqlite);
        let file = dir.path().join("waymark.sqlite3");
        let copied = copy(&file, &url).unwrap();
        let rows = |name: &str| copied.tables.iter().find(|(t, _, _)| t == name).map(|(_, n, _)| *n).unwrap();
        assert!(rows("cases") >= 3 && rows("condition_map") == 1 && rows("audit") >= 1, "{copied:?}");

        // The copy is a working Waymark database: opened as the server would.
        let pg = Store::open_postgres_sized(&url, 2).unwrap();
        let conn = pg.read().unwrap();
        let cost: String =
            conn.query_row("SELECT cost FROM step_guide WHERE key = 'passport'", (), |r| r.get(0)).unwrap();
        assert_eq!(cost, "£1 (corrected)", "the source's step prices, not the shipped ones");
        let next: i64 = conn
            .query_row(
                "INSERT INTO office (name, address, area) VALUES ('New', '1 Road', 'Here') RETURNING id",
                (),
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(next, rows("office") as i64 + 1, "new rows take the next id");
        drop(conn);
        drop(pg);

        // A second copy into it is refused, and changes nothing.
        assert!(matches!(copy(&file, &url), Err(CopyError::NotEmpty(_))));
    }
}
