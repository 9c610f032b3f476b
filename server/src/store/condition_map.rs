//! Maps attached to conditions (see `app::model::map`).

use super::{timestamp, StoreError, StoreResult};
use crate::store::sql::{params, Conn, OptionalExtension};
use app::model::map::{ConditionMap, MapFormat};
use app::model::{CaseId, ConditionId};

fn format(content_type: &str) -> StoreResult<MapFormat> {
    MapFormat::from_content_type(content_type).ok_or_else(|| StoreError::Corrupt(format!("map type {content_type}")))
}

pub fn put_condition_map(conn: &Conn, id: ConditionId, format: MapFormat, bytes: &[u8]) -> StoreResult<()> {
    conn.execute(
        "INSERT INTO condition_map (condition_id, content_type, bytes, uploaded_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (condition_id) DO UPDATE SET content_type = excluded.content_type, bytes = excluded.bytes,
                                                  uploaded_at = excluded.uploaded_at",
        params![id.0, format.content_type(), bytes, super::now()],
    )?;
    Ok(())
}

/// Which of a case's live conditions have a map (not the bytes).
pub fn condition_maps(conn: &Conn, case: CaseId) -> StoreResult<Vec<(ConditionId, ConditionMap)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT m.condition_id, m.content_type, m.uploaded_at FROM condition_map m
         JOIN case_condition c ON c.id = m.condition_id WHERE c.case_id = ?1 AND c.removed_at IS NULL",
    )?;
    let rows = stmt
        .query_map([case.0], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, i64>(2)?)))?
        .collect::<Result<Vec<_>, _>>()?;
    rows.into_iter()
        .map(|(id, ct, at)| Ok((ConditionId(id), ConditionMap { format: format(&ct)?, uploaded_at: timestamp(at)? })))
        .collect()
}

/// A live condition's map on the given case: its format and bytes.
pub fn condition_map(conn: &Conn, case: CaseId, id: ConditionId) -> StoreResult<Option<(MapFormat, Vec<u8>)>> {
    let row = conn
        .query_row(
            "SELECT m.content_type, m.bytes FROM condition_map m
             JOIN case_condition c ON c.id = m.condition_id
             WHERE m.condition_id = ?1 AND c.case_id = ?2 AND c.removed_at IS NULL",
            params![id.0, case.0],
            |r| Ok((r.get::<_, String>(0)?, r.get::<_, Vec<u8>>(1)?)),
        )
        .optional()?;
    row.map(|(ct, bytes)| Ok((format(&ct)?, bytes))).transpose()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::testing;

    #[test]
    fn a_map_is_replaced_not_added_and_goes_with_its_condition() {
        let (store, _dir) = testing::store();
        crate::seed::seed(&store).unwrap();
        let conn = store.write().unwrap();
        let jay = CaseId(1);
        let id = crate::store::insert_answered_condition(
            &conn,
            jay,
            "4.0",
            "0f9a20f4-35c7-4c77-8af8-f200f153fa11",
            &Default::default(),
            None,
            None,
        )
        .unwrap();
        put_condition_map(&conn, id, MapFormat::Pdf, b"%PDF-1").unwrap();
        put_condition_map(&conn, id, MapFormat::Png, b"\x89PNG").unwrap();
        assert_eq!(condition_maps(&conn, jay).unwrap().len(), 1);
        assert_eq!(condition_map(&conn, jay, id).unwrap(), Some((MapFormat::Png, b"\x89PNG".to_vec())));
        // Only through its own case; gone once the condition is removed.
        assert_eq!(condition_map(&conn, CaseId(3), id).unwrap(), None);
        assert!(crate::store::remove_condition(&conn, jay, id, app::model::PractitionerId(1)).unwrap());
        assert_eq!(condition_map(&conn, jay, id).unwrap(), None);
        assert!(condition_maps(&conn, jay).unwrap().is_empty());
    }
}
