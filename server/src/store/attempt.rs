//! Wrong sign-in tries by key, and the wait they put on the next try
//! (rules in `auth::Backoff`). Shared by every server using the database.

use super::StoreResult;
use crate::auth::{Backoff, BACKOFF_MEMORY_SECONDS};
use crate::store::sql::{params, Conn};

/// Whether any of these keys must still wait at `now`.
pub fn must_wait(conn: &Conn, keys: &[String], now: i64) -> StoreResult<bool> {
    let mut stmt =
        conn.prepare_cached("SELECT EXISTS (SELECT 1 FROM attempt_backoff WHERE key = ?1 AND blocked_until > ?2)")?;
    for key in keys {
        if stmt.query_row(params![key, now], |r| r.get::<_, bool>(0))? {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Count a wrong try on `key`; returns true when this one started the waits.
pub fn record_failure(conn: &Conn, key: &str, rule: &Backoff, now: i64) -> StoreResult<bool> {
    let failures: u32 = conn
        .prepare_cached(
            "INSERT INTO attempt_backoff (key, failures, last_failure_at, blocked_until) VALUES (?1, 1, ?2, 0)
             ON CONFLICT (key) DO UPDATE SET
                 failures = CASE WHEN attempt_backoff.last_failure_at < ?2 - ?3 THEN 1 ELSE attempt_backoff.failures + 1 END,
                 last_failure_at = ?2
             RETURNING failures",
        )?
        .query_row(params![key, now, BACKOFF_MEMORY_SECONDS], |r| r.get(0))?;
    let wait = rule.delay(failures);
    conn.prepare_cached("UPDATE attempt_backoff SET blocked_until = ?2 WHERE key = ?1")?
        .execute(params![key, now + wait])?;
    Ok(wait > 0 && rule.delay(failures - 1) == 0)
}

/// A right answer forgets the wrong ones on this key.
pub fn clear_failures(conn: &Conn, key: &str) -> StoreResult<()> {
    conn.prepare_cached("DELETE FROM attempt_backoff WHERE key = ?1")?.execute([key])?;
    Ok(())
}

/// Forget keys whose failures no longer count (call now and then).
pub fn delete_stale_attempts(conn: &Conn, now: i64) -> StoreResult<usize> {
    Ok(conn.execute(
        "DELETE FROM attempt_backoff WHERE last_failure_at < ?1 AND blocked_until <= ?2",
        params![now - BACKOFF_MEMORY_SECONDS, now],
    )?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::testing;

    #[test]
    fn failures_start_waits_and_a_right_answer_or_a_quiet_day_forgets_them() {
        let (store, _dir) = testing::store();
        let conn = store.write().unwrap();
        let rule = Backoff { free: 2, base_seconds: 30, cap_seconds: 300 };
        let key = vec!["number:40000001".to_owned()];
        let t = 1_800_000_000;
        assert!(!record_failure(&conn, &key[0], &rule, t).unwrap());
        assert!(!must_wait(&conn, &key, t).unwrap(), "the first try is free");
        assert!(record_failure(&conn, &key[0], &rule, t).unwrap(), "the second starts the waits");
        assert!(must_wait(&conn, &key, t + 29).unwrap());
        assert!(!must_wait(&conn, &key, t + 30).unwrap());
        assert!(!record_failure(&conn, &key[0], &rule, t + 30).unwrap());
        assert!(must_wait(&conn, &key, t + 89).unwrap(), "the wait doubled");
        assert!(!must_wait(&conn, &["client:other".to_owned()], t + 89).unwrap(), "keys are apart");
        // A day later, the count starts again.
        assert!(!record_failure(&conn, &key[0], &rule, t + BACKOFF_MEMORY_SECONDS + 100).unwrap());
        clear_failures(&conn, &key[0]).unwrap();
        assert!(!must_wait(&conn, &key, t + BACKOFF_MEMORY_SECONDS + 100).unwrap());
    }
}
