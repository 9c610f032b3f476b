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
    include_str!("migrations/0011_sign_in_safety.sql"),
    include_str!("migrations/0012_person_loop.sql"),
    include_str!("migrations/0013_national.sql"),
    include_str!("migrations/0014_form_state.sql"),
    include_str!("migrations/0015_licence_parts.sql"),
];

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

    /// 0012: a question the practitioner answered before the column existed is
    /// answered; one the person has answered again since, or never asked, is not.
    #[test]
    fn questions_answered_before_0012_are_marked_answered() {
        let (store, _dir) = crate::store::testing::store();
        crate::seed::seed(&store).unwrap();
        let conn = store.write();
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
