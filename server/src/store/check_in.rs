//! Check-ins (`model::check_in`): the person's "How are things?", and which
//! practitioner saw each one.

use super::case::VISIBLE;
use super::{StoreError, StoreResult};
use crate::store::sql::{named_params, params, Conn, OptionalExtension, Row};
use app::model::check_in::*;
use app::model::{CaseId, PractitionerId};

const COLUMNS: &str = "k.id, k.made_at, k.mood, k.needs, k.contact_me, k.note, p.name, k.seen_at";
const FROM: &str = "check_in k LEFT JOIN practitioner p ON p.id = k.seen_by";

fn check_in_of(r: &Row, at: usize) -> StoreResult<CheckIn> {
    let mood: i64 = r.get(at + 2)?;
    let needs: String = r.get(at + 3)?;
    let seen_by: Option<String> = r.get(at + 6)?;
    let seen_at: Option<i64> = r.get(at + 7)?;
    let corrupt = |what: &str| StoreError::Corrupt(format!("check-in {what}"));
    Ok(CheckIn {
        id: CheckInId(r.get(at)?),
        made_at: super::timestamp(r.get(at + 1)?)?,
        said: NewCheckIn {
            mood: Mood::from_score(mood).ok_or_else(|| corrupt("mood"))?,
            needs: Need::parse_keys(&needs).ok_or_else(|| corrupt("needs"))?,
            contact_me: r.get::<_, i64>(at + 4)? != 0,
            note: r.get(at + 5)?,
        },
        seen: match (seen_by, seen_at) {
            (Some(by), Some(at)) => Some(Seen { by, at: super::timestamp(at)? }),
            _ => None,
        },
    })
}

/// A case's latest check-ins, newest first.
pub fn check_ins(conn: &Conn, case: CaseId, limit: usize) -> StoreResult<Vec<CheckIn>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM {FROM} WHERE k.case_id = ?1 ORDER BY k.made_at DESC, k.id DESC LIMIT ?2"
    ))?;
    let mut rows = stmt.query(params![case.0, limit as i64])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(check_in_of(r, 0)?);
    }
    Ok(out)
}

pub fn insert_check_in(conn: &Conn, case: CaseId, said: &NewCheckIn, made_at: i64) -> StoreResult<CheckInId> {
    let id = conn.insert_returning_id(
        "INSERT INTO check_in (case_id, mood, needs, contact_me, note, made_at, received_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id",
        params![
            case.0,
            i64::from(said.mood.score()),
            Need::keys(&said.needs),
            i64::from(said.contact_me),
            said.note,
            made_at,
            super::now()
        ],
    )?;
    Ok(CheckInId(id))
}

/// The latest check-in the case's person made at or after `since` (UTC seconds).
pub fn latest_check_in_since(conn: &Conn, case: CaseId, since: i64) -> StoreResult<Option<CheckIn>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM {FROM} WHERE k.case_id = ?1 AND k.received_at >= ?2 ORDER BY k.id DESC LIMIT 1"
    ))?;
    let mut rows = stmt.query(params![case.0, since])?;
    rows.next()?.map(|r| check_in_of(r, 0)).transpose()
}

/// A practitioner marks a check-in seen. `None` when the case has no such
/// check-in; `Some(false)` when someone saw it already (the first stands).
pub fn see_check_in(conn: &Conn, case: CaseId, id: CheckInId, by: PractitionerId) -> StoreResult<Option<bool>> {
    let seen: Option<Option<i64>> = conn
        .query_row("SELECT seen_at FROM check_in WHERE id = ?1 AND case_id = ?2", params![id.0, case.0], |r| r.get(0))
        .optional()?;
    match seen {
        None => Ok(None),
        Some(Some(_)) => Ok(Some(false)),
        Some(None) => {
            conn.execute(
                "UPDATE check_in SET seen_by = ?3, seen_at = ?4 WHERE id = ?1 AND case_id = ?2 AND seen_at IS NULL",
                params![id.0, case.0, by.0, super::now()],
            )?;
            Ok(Some(true))
        }
    }
}

/// What no one has seen yet, on every case the practitioner may see.
pub fn desk_check_ins(conn: &Conn, practitioner: PractitionerId) -> StoreResult<Vec<DeskCheckIn>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT c.id, c.preferred_name, {COLUMNS} FROM cases c JOIN check_in k ON k.case_id = c.id
         LEFT JOIN practitioner p ON p.id = k.seen_by WHERE k.seen_at IS NULL AND {VISIBLE} ORDER BY k.made_at DESC, k.id DESC"
    ))?;
    let mut rows = stmt.query(named_params! {":p": practitioner.0})?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(DeskCheckIn { case_id: CaseId(r.get(0)?), name: r.get(1)?, check_in: check_in_of(r, 2)? });
    }
    desk_order(&mut out);
    Ok(out)
}
