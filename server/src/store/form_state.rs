//! A failed form's state, kept for a few minutes and shown once (see
//! `http/form_state.rs`). Found by a hash of the id in the browser's cookie.

use super::StoreResult;
use crate::store::sql::{params, Conn, OptionalExtension};

/// What a failed form left for the page it goes back to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredForm {
    pub target: String,
    pub action: String,
    /// `app::error::AppError` as JSON.
    pub error: String,
}

/// Keep a form's state until `expires_at`; the same id replaces what it held.
/// Expired states of anyone are tidied away at the same time.
pub fn put_form_state(conn: &Conn, id_hash: &str, form: &StoredForm, expires_at: i64) -> StoreResult<()> {
    conn.execute("DELETE FROM form_state WHERE expires_at <= ?1", [super::now()])?;
    conn.execute(
        "INSERT INTO form_state (id_hash, target, action, error, expires_at) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (id_hash) DO UPDATE SET target = excluded.target, action = excluded.action,
            error = excluded.error, expires_at = excluded.expires_at",
        params![id_hash, form.target, form.action, form.error, expires_at],
    )?;
    Ok(())
}

/// Take the state meant for this page: it is deleted as it is read, so it is shown once.
/// A state for another page stays (the browser may fetch something else first).
pub fn take_form_state(conn: &Conn, id_hash: &str, target: &str) -> StoreResult<Option<StoredForm>> {
    Ok(conn
        .query_row(
            "DELETE FROM form_state WHERE id_hash = ?1 AND target = ?2 AND expires_at > ?3
             RETURNING target, action, error",
            params![id_hash, target, super::now()],
            |r| Ok(StoredForm { target: r.get(0)?, action: r.get(1)?, error: r.get(2)? }),
        )
        .optional()?)
}

pub fn delete_expired_form_states(conn: &Conn) -> StoreResult<usize> {
    Ok(conn.execute("DELETE FROM form_state WHERE expires_at <= ?1", [super::now()])?)
}
