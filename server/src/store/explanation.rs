//! Written explanations from the practitioner, not tied to one condition.

use super::StoreResult;
use crate::store::sql::{params, Conn};
use app::model::*;

pub fn insert_explanation(
    conn: &Conn,
    case: CaseId,
    by: PractitionerId,
    kind: ExplanationKind,
    title: &str,
    body: &str,
) -> StoreResult<i64> {
    let id = conn.insert_returning_id(
        "INSERT INTO explanation (case_id, practitioner_id, kind, title, body, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id",
        params![case.0, by.0, kind.as_str(), title, body, super::now()],
    )?;
    Ok(id)
}

pub fn explanations(conn: &Conn, case: CaseId) -> StoreResult<Vec<Explanation>> {
    let mut stmt = conn.prepare_cached(
        "SELECT e.id, e.kind, e.title, e.body, e.created_at, e.read_at, p.name
         FROM explanation e JOIN practitioner p ON p.id = e.practitioner_id
         WHERE e.case_id = ?1 ORDER BY e.created_at DESC, e.id DESC",
    )?;
    let mut rows = stmt.query([case.0])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let kind: String = r.get(1)?;
        let read: Option<i64> = r.get(5)?;
        out.push(Explanation {
            id: ExplanationId(r.get(0)?),
            kind: ExplanationKind::parse(&kind).unwrap_or(ExplanationKind::Note),
            title: r.get(2)?,
            body: r.get(3)?,
            created_at: super::timestamp(r.get(4)?)?,
            read_at: read.map(super::timestamp).transpose()?,
            practitioner_name: r.get(6)?,
        });
    }
    Ok(out)
}

/// The person read a letter at `at` (UTC seconds, by their phone's clock: never
/// before it was written nor after now). The first reading stands. False when
/// no such letter is on the case.
pub fn mark_read(conn: &Conn, case: CaseId, id: ExplanationId, at: i64) -> StoreResult<bool> {
    let n = conn.execute(
        "UPDATE explanation SET read_at = CASE WHEN created_at > ?3 THEN created_at ELSE ?3 END, rev = rev + 1
         WHERE id = ?1 AND case_id = ?2 AND read_at IS NULL",
        params![id.0, case.0, at.min(super::now())],
    )?;
    if n == 1 {
        return Ok(true);
    }
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM explanation WHERE id = ?1 AND case_id = ?2)",
        params![id.0, case.0],
        |r| r.get(0),
    )?)
}
