//! Versioned migrations, applied in order at start-up; `PRAGMA user_version`
//! records how far this database has come.

use super::StoreResult;
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
    include_str!("migrations/0013_licence_parts.sql"),
];

pub fn apply(conn: &mut Connection) -> StoreResult<()> {
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

#[cfg(test)]
mod tests {
    #[test]
    fn migrations_apply_once_and_set_pragmas() {
        let (store, dir) = crate::store::testing::store();
        drop(store);
        // Opening again must not re-run anything.
        let store = crate::store::Store::open(dir.path()).unwrap();
        let conn = store.read();
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        assert_eq!(version as usize, super::MIGRATIONS.len());
        let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
        assert_eq!(mode, "wal");
        let fk: i64 = conn.query_row("PRAGMA foreign_keys", [], |r| r.get(0)).unwrap();
        assert_eq!(fk, 1);
    }
}
