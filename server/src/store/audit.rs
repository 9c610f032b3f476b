//! Who read or changed what in which case (DESIGN.md, Security).

use super::StoreResult;
use app::model::{CaseId, PractitionerId};
use rusqlite::{params, Connection};

pub fn audit(
    conn: &Connection,
    practitioner: Option<PractitionerId>,
    case: Option<CaseId>,
    action: &str,
) -> StoreResult<()> {
    conn.execute(
        "INSERT INTO audit (at, practitioner_id, case_id, action) VALUES (?1, ?2, ?3, ?4)",
        params![super::now(), practitioner.map(|p| p.0), case.map(|c| c.0), action],
    )?;
    Ok(())
}
