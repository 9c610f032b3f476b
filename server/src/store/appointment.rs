//! Appointments, with repeats, moves, cancellations and the person's answer.

use super::{StoreError, StoreResult};
use crate::store::sql::{params, Conn, Row};
use app::model::*;

const COLUMNS: &str = "id, case_id, kind, starts_at, duration_min, place, room, with_whom, bring, notes, phone,
     repeat, repeat_count, status, cancel_reason, moved_from, response, response_reason, responded_at,
     earlier_place, earlier_room, earlier_kind, clash_note";

fn from_row(r: &Row) -> StoreResult<Appointment> {
    let kind: String = r.get(2)?;
    let repeat: String = r.get(11)?;
    let status: String = r.get(13)?;
    let moved: Option<i64> = r.get(15)?;
    let response: Option<String> = r.get(16)?;
    let reason: Option<String> = r.get(17)?;
    let responded: Option<i64> = r.get(18)?;
    let earlier_place: Option<String> = r.get(19)?;
    let earlier_kind: Option<String> = r.get(21)?;
    Ok(Appointment {
        id: AppointmentId(r.get(0)?),
        case_id: CaseId(r.get(1)?),
        kind: AppointmentKind::parse(&kind).ok_or_else(|| StoreError::Corrupt(format!("appointment kind {kind}")))?,
        starts_at: super::timestamp(r.get(3)?)?,
        duration_min: r.get(4)?,
        place: r.get(5)?,
        room: r.get(6)?,
        with_whom: r.get(7)?,
        bring: r.get(8)?,
        notes: r.get(9)?,
        phone: r.get(10)?,
        repeat: Repeat::parse(&repeat).ok_or_else(|| StoreError::Corrupt(format!("repeat {repeat}")))?,
        repeat_count: r.get(12)?,
        cancelled: status == "cancelled",
        cancel_reason: r.get(14)?,
        moved_from: moved.map(super::timestamp).transpose()?,
        earlier: Earlier {
            place: earlier_place.map(|p| r.get(20).map(|room| (p, room))).transpose()?,
            kind: earlier_kind
                .map(|k| AppointmentKind::parse(&k).ok_or_else(|| StoreError::Corrupt(format!("appointment kind {k}"))))
                .transpose()?,
        },
        rsvp: match response.as_deref() {
            Some("attending") => Some(Rsvp::Attending),
            Some("change") => Some(Rsvp::NeedsChange(reason.unwrap_or_default())),
            _ => None,
        },
        rsvp_at: responded.map(super::timestamp).transpose()?,
        clash_note: r.get(22)?,
    })
}

/// Every appointment of a case, soonest first.
pub fn appointments(conn: &Conn, case: CaseId) -> StoreResult<Vec<Appointment>> {
    let mut stmt =
        conn.prepare_cached(&format!("SELECT {COLUMNS} FROM appointment WHERE case_id = ?1 ORDER BY starts_at, id"))?;
    let mut rows = stmt.query([case.0])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(from_row(r)?);
    }
    Ok(out)
}

pub fn appointment(conn: &Conn, case: CaseId, id: AppointmentId) -> StoreResult<Option<Appointment>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM appointment WHERE id = ?1 AND case_id = ?2"))?;
    let mut rows = stmt.query(params![id.0, case.0])?;
    rows.next()?.map(from_row).transpose()
}

/// The next appointment that has not ended, repeats included.
pub fn next_appointment(conn: &Conn, case: CaseId) -> StoreResult<Option<AppointmentSummary>> {
    let now = jiff::Timestamp::now();
    let next = appointments(conn, case)?
        .into_iter()
        .filter(|a| !a.cancelled)
        .filter_map(|a| a.next_start(now).map(|s| (s, a)))
        .min_by_key(|(s, _)| *s);
    Ok(next.map(|(starts_at, a)| AppointmentSummary {
        kind: a.kind,
        starts_at,
        place: a.place,
        with_whom: a.with_whom,
    }))
}

/// Asked to change, or ended with no answer (within the last four weeks).
pub fn appointments_needing_attention(conn: &Conn, case: CaseId) -> StoreResult<u32> {
    let now = jiff::Timestamp::now();
    let recent = now - jiff::SignedDuration::from_hours(24 * 28);
    Ok(appointments(conn, case)?
        .iter()
        .filter(|a| !a.cancelled)
        .filter(|a| match &a.rsvp {
            Some(Rsvp::NeedsChange(_)) => true,
            Some(Rsvp::Attending) => false,
            None => a.next_start(now).is_none() && a.starts_at > recent,
        })
        .count() as u32)
}

pub fn insert_appointment(conn: &Conn, case: CaseId, a: &AppointmentDraft) -> StoreResult<AppointmentId> {
    let id = conn.insert_returning_id(
        "INSERT INTO appointment (case_id, kind, starts_at, duration_min, place, room, with_whom, bring, notes, phone,
                                  repeat, repeat_count, updated_at, clash_note)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14) RETURNING id",
        params![
            case.0,
            a.kind.as_str(),
            a.starts_at.as_second(),
            a.duration_min,
            a.place,
            a.room,
            a.with_whom,
            a.bring,
            a.notes,
            a.phone,
            a.repeat.as_str(),
            a.repeat_count,
            super::now(),
            a.clash_reason
        ],
    )?;
    Ok(AppointmentId(id))
}

/// Change an appointment. A new time, place, room or kind keeps what it was
/// (to tell the person) and asks them to answer again, since "I'll be there"
/// was said about the old one. Each earlier value stays until that part changes
/// again, as `moved_from` always has: nothing clears them.
pub fn update_appointment(conn: &Conn, case: CaseId, id: AppointmentId, a: &AppointmentDraft) -> StoreResult<bool> {
    let Some(old) = appointment(conn, case, id)? else { return Ok(false) };
    let moved = old.starts_at != a.starts_at;
    let earlier = old.earlier.after_change(&old, a);
    let ask_again = moved || old.place != a.place || old.room != a.room || old.kind != a.kind;
    let (earlier_place, earlier_room) = match earlier.place {
        Some((place, room)) => (Some(place), room),
        None => (None, None),
    };
    conn.execute(
        "UPDATE appointment SET kind = ?3, starts_at = ?4, duration_min = ?5, place = ?6, room = ?7, with_whom = ?8,
                bring = ?9, notes = ?10, phone = ?11, repeat = ?12, repeat_count = ?13, updated_at = ?14,
                moved_from = CASE WHEN ?15 THEN ?16 ELSE moved_from END,
                response = CASE WHEN ?17 THEN NULL ELSE response END,
                response_reason = CASE WHEN ?17 THEN NULL ELSE response_reason END,
                earlier_place = ?18, earlier_room = ?19, earlier_kind = ?20, clash_note = ?21,
                status = 'scheduled', cancel_reason = NULL, rev = rev + 1
         WHERE id = ?1 AND case_id = ?2",
        params![
            id.0,
            case.0,
            a.kind.as_str(),
            a.starts_at.as_second(),
            a.duration_min,
            a.place,
            a.room,
            a.with_whom,
            a.bring,
            a.notes,
            a.phone,
            a.repeat.as_str(),
            a.repeat_count,
            super::now(),
            moved,
            old.starts_at.as_second(),
            ask_again,
            earlier_place,
            earlier_room,
            earlier.kind.map(AppointmentKind::as_str),
            a.clash_reason
        ],
    )?;
    Ok(true)
}

pub fn cancel_appointment(conn: &Conn, case: CaseId, id: AppointmentId, reason: Option<&str>) -> StoreResult<bool> {
    let n = conn.execute(
        "UPDATE appointment SET status = 'cancelled', cancel_reason = ?3, updated_at = ?4, rev = rev + 1
         WHERE id = ?1 AND case_id = ?2",
        params![id.0, case.0, reason, super::now()],
    )?;
    Ok(n == 1)
}

/// The person's answer; false when no such appointment is open on the case.
/// The answer already standing changes nothing (no new rev).
pub fn record_rsvp(conn: &Conn, case: CaseId, id: AppointmentId, rsvp: &Rsvp) -> StoreResult<bool> {
    let (response, reason) = match rsvp {
        Rsvp::Attending => ("attending", None),
        Rsvp::NeedsChange(r) => ("change", Some(r.as_str())),
    };
    let n = conn.execute(
        "UPDATE appointment SET response = ?3, response_reason = ?4, responded_at = ?5, rev = rev + 1
         WHERE id = ?1 AND case_id = ?2 AND status = 'scheduled'
           AND (response IS DISTINCT FROM ?3 OR response_reason IS DISTINCT FROM ?4)",
        params![id.0, case.0, response, reason, super::now()],
    )?;
    if n == 1 {
        return Ok(true);
    }
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM appointment WHERE id = ?1 AND case_id = ?2 AND status = 'scheduled')",
        params![id.0, case.0],
        |r| r.get(0),
    )?)
}
