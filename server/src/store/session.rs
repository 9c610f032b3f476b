//! Server-side sessions, found by a hash of the cookie's token.

use super::StoreResult;
use app::model::{CaseId, PractitionerId};
use rusqlite::{params, Connection, OptionalExtension};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionOwner {
    Person(CaseId),
    Practitioner(PractitionerId),
}

pub fn insert_session(conn: &Connection, token_hash: &str, owner: SessionOwner, expires_at: i64) -> StoreResult<()> {
    let (case_id, practitioner_id) = match owner {
        SessionOwner::Person(c) => (Some(c.0), None),
        SessionOwner::Practitioner(p) => (None, Some(p.0)),
    };
    conn.execute(
        "INSERT INTO session (token_hash, case_id, practitioner_id, created_at, expires_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![token_hash, case_id, practitioner_id, super::now(), expires_at],
    )?;
    Ok(())
}

/// The live session for this token hash; expired ones count as none.
pub fn session_owner(conn: &Connection, token_hash: &str) -> StoreResult<Option<SessionOwner>> {
    let row: Option<(Option<i64>, Option<i64>)> = conn
        .query_row(
            "SELECT case_id, practitioner_id FROM session WHERE token_hash = ?1 AND expires_at > ?2",
            params![token_hash, super::now()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    Ok(row.and_then(|(case, practitioner)| match (case, practitioner) {
        (Some(c), None) => Some(SessionOwner::Person(CaseId(c))),
        (None, Some(p)) => Some(SessionOwner::Practitioner(PractitionerId(p))),
        _ => None,
    }))
}

pub fn delete_session(conn: &Connection, token_hash: &str) -> StoreResult<()> {
    conn.execute("DELETE FROM session WHERE token_hash = ?1", [token_hash])?;
    Ok(())
}

/// Sign a person out everywhere (after a new code is issued or a lock-out).
pub fn delete_case_sessions(conn: &Connection, case: CaseId) -> StoreResult<()> {
    conn.execute("DELETE FROM session WHERE case_id = ?1", [case.0])?;
    Ok(())
}

pub fn delete_expired_sessions(conn: &Connection) -> StoreResult<usize> {
    Ok(conn.execute("DELETE FROM session WHERE expires_at <= ?1", [super::now()])?)
}

/// When this live session ends (UTC seconds): the phone's offline copy of the
/// person's pages opens only until then.
pub fn session_expires_at(conn: &Connection, token_hash: &str) -> StoreResult<Option<i64>> {
    Ok(conn
        .query_row(
            "SELECT expires_at FROM session WHERE token_hash = ?1 AND expires_at > ?2",
            params![token_hash, super::now()],
            |r| r.get(0),
        )
        .optional()?)
}
