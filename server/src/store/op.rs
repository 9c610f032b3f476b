//! Ops from phones' outboxes: which were applied, and the answer each got.

use super::StoreResult;
use crate::store::sql::{params, Conn, OptionalExtension};
use app::model::CaseId;

/// The case an op id was used on and the answer it got, if it was seen before.
pub fn seen_op(conn: &Conn, op_id: &str) -> StoreResult<Option<(CaseId, String)>> {
    Ok(conn
        .query_row("SELECT case_id, outcome FROM applied_op WHERE op_id = ?1", [op_id], |r| {
            Ok((CaseId(r.get(0)?), r.get(1)?))
        })
        .optional()?)
}

pub fn record_op(conn: &Conn, op_id: &str, case: CaseId, outcome: &str) -> StoreResult<()> {
    conn.execute(
        "INSERT INTO applied_op (op_id, case_id, outcome, applied_at) VALUES (?1, ?2, ?3, ?4)",
        params![op_id, case.0, outcome, super::now()],
    )?;
    Ok(())
}

/// The case's change counter (moved on by triggers on every row the phone shows).
pub fn case_rev(conn: &Conn, case: CaseId) -> StoreResult<Option<u64>> {
    Ok(conn
        .query_row("SELECT rev FROM cases WHERE id = ?1", [case.0], |r| r.get::<_, i64>(0))
        .optional()?
        .map(|r| r.max(0) as u64))
}
