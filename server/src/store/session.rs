//! Server-side sessions and known phones, found by a hash of their cookie's
//! token: a copy of the database signs nobody in.

use super::StoreResult;
use crate::auth::{PERSON_IDLE_SECONDS, PRACTITIONER_IDLE_SECONDS};
use crate::store::sql::{params, Conn, OptionalExtension};
use app::model::{CaseId, PractitionerId};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionOwner {
    Person(CaseId),
    Practitioner(PractitionerId),
}

/// A session's last use is written at most this often (a write per request would be waste).
const TOUCH_EVERY_SECONDS: i64 = 60;

pub fn insert_session(conn: &Conn, token_hash: &str, owner: SessionOwner, expires_at: i64) -> StoreResult<()> {
    let (case_id, practitioner_id) = match owner {
        SessionOwner::Person(c) => (Some(c.0), None),
        SessionOwner::Practitioner(p) => (None, Some(p.0)),
    };
    let now = super::now();
    conn.execute(
        "INSERT INTO session (token_hash, case_id, practitioner_id, created_at, expires_at, last_seen_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?4)",
        params![token_hash, case_id, practitioner_id, now, expires_at],
    )?;
    Ok(())
}

/// The live session for this token hash: before its end, and used recently
/// enough (a month for a person, two hours for a practitioner).
pub fn session_owner(conn: &Conn, token_hash: &str) -> StoreResult<Option<SessionOwner>> {
    Ok(live_session(conn, token_hash)?.map(|live| live.owner))
}

/// A live session as one read finds it: whose it is, whether its last use is
/// old enough to write again, and when it ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LiveSession {
    pub owner: SessionOwner,
    /// Its last use is over a minute old: worth writing again (`touch_session`).
    pub stale: bool,
    expires_at: i64,
    last_seen_at: i64,
}

impl LiveSession {
    /// When it ends (UTC seconds) if it is not used again: its fixed end, or
    /// sooner when unused that long. A stale session is counted from now, as
    /// the request that read it writes this use (`touch_session`); a fresh one
    /// from the use already written. The phone's offline copy of the person's
    /// pages opens only until then.
    pub fn ends(&self) -> i64 {
        let idle = match self.owner {
            SessionOwner::Person(_) => PERSON_IDLE_SECONDS,
            SessionOwner::Practitioner(_) => PRACTITIONER_IDLE_SECONDS,
        };
        let seen = if self.stale { super::now() } else { self.last_seen_at };
        self.expires_at.min(seen + idle)
    }
}

/// As `session_owner`, with what a request needs besides (one read per request).
pub fn live_session(conn: &Conn, token_hash: &str) -> StoreResult<Option<LiveSession>> {
    let now = super::now();
    let row: Option<(Option<i64>, Option<i64>, bool, i64, i64)> = conn
        .prepare_cached(
            "SELECT case_id, practitioner_id, last_seen_at <= ?5, expires_at, last_seen_at FROM session
             WHERE token_hash = ?1 AND expires_at > ?2
               AND last_seen_at > CASE WHEN case_id IS NULL THEN CAST(?3 AS BIGINT) ELSE CAST(?4 AS BIGINT) END",
        )?
        .query_row(
            params![
                token_hash,
                now,
                now - PRACTITIONER_IDLE_SECONDS,
                now - PERSON_IDLE_SECONDS,
                now - TOUCH_EVERY_SECONDS
            ],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .optional()?;
    Ok(row.and_then(|(case, practitioner, stale, expires_at, last_seen_at)| {
        let owner = match (case, practitioner) {
            (Some(c), None) => SessionOwner::Person(CaseId(c)),
            (None, Some(p)) => SessionOwner::Practitioner(PractitionerId(p)),
            _ => return None,
        };
        Some(LiveSession { owner, stale, expires_at, last_seen_at })
    }))
}

/// Note that a session was used now (at most once a minute).
pub fn touch_session(conn: &Conn, token_hash: &str) -> StoreResult<()> {
    let now = super::now();
    conn.prepare_cached("UPDATE session SET last_seen_at = ?2 WHERE token_hash = ?1 AND last_seen_at <= ?3")?
        .execute(params![token_hash, now, now - TOUCH_EVERY_SECONDS])?;
    Ok(())
}

pub fn delete_session(conn: &Conn, token_hash: &str) -> StoreResult<()> {
    conn.execute("DELETE FROM session WHERE token_hash = ?1", [token_hash])?;
    Ok(())
}

/// Sign a person out everywhere; returns how many sessions ended.
pub fn delete_case_sessions(conn: &Conn, case: CaseId) -> StoreResult<usize> {
    Ok(conn.execute("DELETE FROM session WHERE case_id = ?1", [case.0])?)
}

/// Sessions past their end or unused too long.
pub fn delete_expired_sessions(conn: &Conn) -> StoreResult<usize> {
    let now = super::now();
    Ok(conn.execute(
        "DELETE FROM session WHERE expires_at <= ?1
            OR last_seen_at <= CASE WHEN case_id IS NULL THEN CAST(?2 AS BIGINT) ELSE CAST(?3 AS BIGINT) END",
        params![now, now - PRACTITIONER_IDLE_SECONDS, now - PERSON_IDLE_SECONDS],
    )?)
}

/// Remember a phone the person signed in on.
pub fn insert_known_device(conn: &Conn, token_hash: &str, case: CaseId) -> StoreResult<()> {
    conn.execute(
        "INSERT INTO known_device (token_hash, case_id, created_at, last_used_at) VALUES (?1, ?2, ?3, ?3)",
        params![token_hash, case.0, super::now()],
    )?;
    Ok(())
}

/// The case a phone's device token belongs to, if it is known.
pub fn known_device_case(conn: &Conn, token_hash: &str) -> StoreResult<Option<CaseId>> {
    Ok(conn
        .prepare_cached("SELECT case_id FROM known_device WHERE token_hash = ?1")?
        .query_row([token_hash], |r| r.get(0))
        .optional()?
        .map(CaseId))
}

pub fn touch_known_device(conn: &Conn, token_hash: &str) -> StoreResult<()> {
    conn.execute("UPDATE known_device SET last_used_at = ?2 WHERE token_hash = ?1", params![token_hash, super::now()])?;
    Ok(())
}

/// Forget every phone of a case (a new code, or a lost phone).
pub fn delete_known_devices(conn: &Conn, case: CaseId) -> StoreResult<()> {
    conn.execute("DELETE FROM known_device WHERE case_id = ?1", [case.0])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_session_ends_at_its_expiry_or_after_its_idle_time_whichever_comes_first() {
        let now = crate::store::now();
        let person = |expires_at, last_seen_at, stale| LiveSession {
            owner: SessionOwner::Person(CaseId(1)),
            stale,
            expires_at,
            last_seen_at,
        };
        // Used 30 seconds ago (not stale), its fixed end far off: a month unused from that use.
        assert_eq!(person(now + 180 * 86_400, now - 30, false).ends(), now - 30 + PERSON_IDLE_SECONDS);
        // Stale: this use is written now, so counted from now (a second either way as the clock turns).
        let touched = person(now + 180 * 86_400, now - 3600, true).ends();
        assert!((now + PERSON_IDLE_SECONDS..=now + PERSON_IDLE_SECONDS + 1).contains(&touched), "{touched}");
        // Its fixed end comes first.
        assert_eq!(person(now + 60, now - 3600, true).ends(), now + 60);
        // A practitioner's idle time is theirs.
        let desk =
            LiveSession { owner: SessionOwner::Practitioner(PractitionerId(1)), ..person(now + 86_400, now, false) };
        assert_eq!(desk.ends(), now + PRACTITIONER_IDLE_SECONDS);
    }
}
