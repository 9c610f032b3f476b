//! One-time activation codes and the person's PIN.

use super::StoreResult;
use crate::store::sql::{params, Conn, OptionalExtension};
use app::model::{CaseId, PendingCode, PractitionerId};

/// Replace any unused code for the case with this one.
pub fn replace_code(conn: &Conn, case: CaseId, code: &str, by: PractitionerId, expires_at: i64) -> StoreResult<()> {
    conn.execute("DELETE FROM activation_code WHERE case_id = ?1 AND used_at IS NULL", [case.0])?;
    conn.execute(
        "INSERT INTO activation_code (case_id, code, created_by, created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![case.0, code, by.0, super::now(), expires_at],
    )?;
    Ok(())
}

pub fn pending_code(conn: &Conn, case: CaseId) -> StoreResult<Option<PendingCode>> {
    let row: Option<(String, i64)> = conn
        .query_row(
            "SELECT code, expires_at FROM activation_code
             WHERE case_id = ?1 AND used_at IS NULL AND expires_at > ?2",
            params![case.0, super::now()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    row.map(|(code, exp)| Ok(PendingCode { code, expires_at: super::timestamp(exp)? })).transpose()
}

/// Mark a live code used and return its case; `None` if unknown, used or expired.
pub fn use_code(conn: &Conn, code: &str) -> StoreResult<Option<CaseId>> {
    let now = super::now();
    let case: Option<i64> = conn
        .query_row(
            "UPDATE activation_code SET used_at = ?2
             WHERE code = ?1 AND used_at IS NULL AND expires_at > ?2
             RETURNING case_id",
            params![code, now],
            |r| r.get(0),
        )
        .optional()?;
    Ok(case.map(CaseId))
}

/// Set a new PIN: clears any lock; marks the case activated.
pub fn set_pin(conn: &Conn, case: CaseId, pin_hash: &str) -> StoreResult<()> {
    conn.execute(
        "UPDATE cases SET pin_hash = ?2, pin_failures = 0, locked_at = NULL,
                          activated_at = COALESCE(activated_at, ?3), rev = rev + 1
         WHERE id = ?1",
        params![case.0, pin_hash, super::now()],
    )?;
    Ok(())
}

pub struct PinCheck {
    pub case: CaseId,
    pub pin_hash: Option<String>,
    pub locked: bool,
}

pub fn pin_for_number(conn: &Conn, number: &str) -> StoreResult<Option<PinCheck>> {
    Ok(conn
        .query_row("SELECT id, pin_hash, locked_at IS NOT NULL FROM cases WHERE waymark_number = ?1", [number], |r| {
            Ok(PinCheck { case: CaseId(r.get(0)?), pin_hash: r.get(1)?, locked: r.get(2)? })
        })
        .optional()?)
}

/// The PIN stops working until the person uses a new code (a lost phone).
pub fn lock_case(conn: &Conn, case: CaseId) -> StoreResult<()> {
    conn.execute("UPDATE cases SET locked_at = COALESCE(locked_at, ?2) WHERE id = ?1", params![case.0, super::now()])?;
    Ok(())
}
