//! Licence conditions on a case, and how many the person has confirmed.

use super::StoreResult;
use app::model::*;
use rusqlite::{params, Connection};

pub fn conditions_progress(conn: &Connection, case: CaseId) -> StoreResult<ConditionsProgress> {
    let mut stmt = conn.prepare_cached(
        "SELECT COUNT(*),
                COALESCE(SUM(response = 'understood'), 0),
                COALESCE(SUM(response = 'question'), 0)
         FROM case_condition WHERE case_id = ?1",
    )?;
    Ok(stmt.query_row([case.0], |r| {
        Ok(ConditionsProgress { total: r.get(0)?, understood: r.get(1)?, questions: r.get(2)? })
    })?)
}

/// A catalogue condition on a licence, with the values filled in.
pub fn insert_condition(
    conn: &Connection,
    case: CaseId,
    policy_version: &str,
    code: &str,
    details_json: &str,
    response: &str,
) -> StoreResult<()> {
    conn.execute(
        "INSERT INTO case_condition (case_id, policy_version, code, details_json, response)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![case.0, policy_version, code, details_json, response],
    )?;
    Ok(())
}
