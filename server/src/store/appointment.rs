//! Appointments.

use super::StoreResult;
use app::model::*;
use rusqlite::{params, Connection, OptionalExtension};

pub fn next_appointment(conn: &Connection, case: CaseId) -> StoreResult<Option<AppointmentSummary>> {
    let mut stmt = conn.prepare_cached(
        "SELECT kind, starts_at, place, with_whom FROM appointment
         WHERE case_id = ?1 AND status = 'scheduled' AND starts_at + duration_min * 60 > ?2
         ORDER BY starts_at LIMIT 1",
    )?;
    let row: Option<(String, i64, String, Option<String>)> = stmt
        .query_row(params![case.0, super::now()], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .optional()?;
    row.map(|(kind, at, place, with_whom)| {
        Ok(AppointmentSummary {
            kind: AppointmentKind::parse(&kind)
                .ok_or_else(|| super::StoreError::Corrupt(format!("appointment kind {kind:?}")))?,
            starts_at: super::timestamp(at)?,
            place,
            with_whom,
        })
    })
    .transpose()
}

pub struct NewAppointment<'a> {
    pub kind: AppointmentKind,
    pub starts_at: jiff::Timestamp,
    pub duration_min: u32,
    pub place: &'a str,
    pub with_whom: Option<&'a str>,
    pub bring: Option<&'a str>,
}

pub fn insert_appointment(conn: &Connection, case: CaseId, a: &NewAppointment) -> StoreResult<()> {
    conn.execute(
        "INSERT INTO appointment (case_id, kind, starts_at, duration_min, place, with_whom, bring)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![case.0, a.kind.as_str(), a.starts_at.as_second(), a.duration_min, a.place, a.with_whom, a.bring],
    )?;
    Ok(())
}
