//! Handovers (`model::handover`): a case moving to another practitioner, with
//! the old practitioner's notes for the new one.

use super::{timestamp, StoreResult};
use crate::store::sql::{named_params, params, Conn, OptionalExtension};
use app::model::handover::{Handover, HandoverNotes, OfficeCase};
use app::model::{CaseId, HandoverId, OfficeId, PractitionerId};

/// A practitioner by work email (any office): their id, office and name.
pub fn practitioner_by_work_email(conn: &Conn, email: &str) -> StoreResult<Option<(PractitionerId, OfficeId, String)>> {
    Ok(conn
        .query_row("SELECT id, office_id, name FROM practitioner WHERE lower(email) = lower(?1)", [email], |r| {
            Ok((PractitionerId(r.get(0)?), OfficeId(r.get(1)?), r.get(2)?))
        })
        .optional()?)
}

/// Who has the case now.
pub fn case_practitioner(conn: &Conn, case: CaseId) -> StoreResult<Option<PractitionerId>> {
    Ok(conn
        .query_row("SELECT practitioner_id FROM cases WHERE id = ?1", [case.0], |r| r.get(0))
        .optional()?
        .map(PractitionerId))
}

pub struct NewHandover<'a> {
    pub case: CaseId,
    pub from: PractitionerId,
    pub to: PractitionerId,
    pub to_office: OfficeId,
    pub written_by: PractitionerId,
    pub notes: &'a HandoverNotes,
}

/// Move the case and keep the notes, in the caller's transaction. The case
/// goes to the new practitioner's office; a co-working row of theirs goes (they
/// have it now), and the old practitioner keeps nothing of it.
pub fn move_case(conn: &Conn, h: &NewHandover) -> StoreResult<HandoverId> {
    let n = &h.notes;
    let id = conn.insert_returning_id(
        "INSERT INTO handover (case_id, from_practitioner_id, to_practitioner_id, written_by, going_well,
                               working_on, open_items, steps, keep_in_mind, moved_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) RETURNING id",
        params![
            h.case.0,
            h.from.0,
            h.to.0,
            h.written_by.0,
            n.going_well,
            n.working_on,
            n.open_items,
            n.steps,
            n.keep_in_mind,
            super::now()
        ],
    )?;
    conn.execute(
        "UPDATE cases SET practitioner_id = ?2, office_id = ?3, rev = rev + 1 WHERE id = ?1",
        params![h.case.0, h.to.0, h.to_office.0],
    )?;
    conn.execute(
        "DELETE FROM case_coworker WHERE case_id = ?1 AND practitioner_id IN (?2, ?3)",
        params![h.case.0, h.from.0, h.to.0],
    )?;
    Ok(HandoverId(id))
}

/// The case's latest handover, if it ever moved.
pub fn latest_handover(conn: &Conn, case: CaseId) -> StoreResult<Option<Handover>> {
    let mut stmt = conn.prepare_cached(
        "SELECT h.id, f.name, t.name, w.name, h.moved_at, h.read_at,
                h.going_well, h.working_on, h.open_items, h.steps, h.keep_in_mind,
                h.written_by = h.from_practitioner_id
         FROM handover h
         JOIN practitioner f ON f.id = h.from_practitioner_id
         JOIN practitioner t ON t.id = h.to_practitioner_id
         JOIN practitioner w ON w.id = h.written_by
         WHERE h.case_id = ?1 ORDER BY h.id DESC LIMIT 1",
    )?;
    let mut rows = stmt.query([case.0])?;
    let Some(r) = rows.next()? else { return Ok(None) };
    let read_at: Option<i64> = r.get(5)?;
    Ok(Some(Handover {
        id: HandoverId(r.get(0)?),
        case_id: case,
        from_name: r.get(1)?,
        to_name: r.get(2)?,
        written_by: r.get(3)?,
        by_old_practitioner: r.get(11)?,
        moved_at: timestamp(r.get(4)?)?,
        read_at: read_at.map(timestamp).transpose()?,
        notes: HandoverNotes {
            going_well: r.get(6)?,
            working_on: r.get(7)?,
            open_items: r.get(8)?,
            steps: r.get(9)?,
            keep_in_mind: r.get(10)?,
        },
    }))
}

/// The new practitioner has read it (a second time changes nothing). False
/// when it is not a handover of this case to them.
pub fn mark_handover_read(conn: &Conn, id: HandoverId, case: CaseId, reader: PractitionerId) -> StoreResult<bool> {
    let n = conn.execute(
        "UPDATE handover SET read_at = COALESCE(read_at, :now)
         WHERE id = :id AND case_id = :c AND to_practitioner_id = :p",
        named_params! {":now": super::now(), ":id": id.0, ":c": case.0, ":p": reader.0},
    )?;
    Ok(n == 1)
}

/// Every case of an office with who has it, by name.
pub fn office_cases(conn: &Conn, office: OfficeId) -> StoreResult<Vec<OfficeCase>> {
    let mut stmt = conn.prepare_cached(
        "SELECT c.id, c.preferred_name, p.name,
                EXISTS (SELECT 1 FROM handover h WHERE h.case_id = c.id AND h.to_practitioner_id = c.practitioner_id
                        AND h.read_at IS NULL)
         FROM cases c JOIN practitioner p ON p.id = c.practitioner_id
         WHERE c.office_id = ?1 ORDER BY lower(c.preferred_name), c.id",
    )?;
    let mut rows = stmt.query([office.0])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(OfficeCase {
            case_id: CaseId(r.get(0)?),
            preferred_name: r.get(1)?,
            practitioner_name: r.get(2)?,
            unread_handover: r.get(3)?,
        });
    }
    Ok(out)
}

/// The practitioners of an office (name, email), by name.
pub fn office_practitioners(conn: &Conn, office: OfficeId) -> StoreResult<Vec<(String, String)>> {
    let mut stmt =
        conn.prepare_cached("SELECT name, email FROM practitioner WHERE office_id = ?1 ORDER BY lower(name)")?;
    let mut rows = stmt.query([office.0])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push((r.get(0)?, r.get(1)?));
    }
    Ok(out)
}
