//! Cases: the person on licence, their allocation and what the screens list.

use super::{parse_date, StoreResult};
use crate::store::sql::{params, Conn, OptionalExtension, Row};
use app::model::parts;
use app::model::*;

/// Cases a practitioner may see: allocated to them, or co-worked.
pub(super) const VISIBLE: &str = "(c.practitioner_id = :p OR EXISTS (SELECT 1 FROM case_coworker w WHERE w.case_id = c.id AND w.practitioner_id = :p))";

pub fn insert_case(
    conn: &Conn,
    office: OfficeId,
    practitioner: PractitionerId,
    new_case: &NewCase,
    waymark_number: &str,
    is_demo: bool,
) -> StoreResult<CaseId> {
    let id = conn.insert_returning_id(
        "INSERT INTO cases (office_id, practitioner_id, preferred_name, licence_start, licence_end,
                            waymark_number, is_demo, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id",
        params![
            office.0,
            practitioner.0,
            new_case.preferred_name,
            new_case.licence_start.to_string(),
            new_case.licence_end.to_string(),
            waymark_number,
            is_demo,
            super::now()
        ],
    )?;
    Ok(CaseId(id))
}

pub fn waymark_number_taken(conn: &Conn, number: &str) -> StoreResult<bool> {
    Ok(conn.query_row("SELECT EXISTS (SELECT 1 FROM cases WHERE waymark_number = ?1)", [number], |r| r.get(0))?)
}

pub fn case_visible_to(conn: &Conn, practitioner: PractitionerId, case: CaseId) -> StoreResult<bool> {
    Ok(conn.query_row(
        &format!("SELECT EXISTS (SELECT 1 FROM cases c WHERE c.id = :c AND {VISIBLE})"),
        crate::store::sql::named_params! {":c": case.0, ":p": practitioner.0},
        |r| r.get(0),
    )?)
}

fn activation(r: &Row, activated: usize, locked: usize) -> crate::store::SqlResult<Activation> {
    let activated: Option<i64> = r.get(activated)?;
    let locked: Option<i64> = r.get(locked)?;
    Ok(match (activated, locked) {
        (_, Some(_)) => Activation::Locked,
        (Some(_), None) => Activation::Active,
        (None, None) => Activation::Waiting,
    })
}

const ENTRY_COLUMNS: &str = "c.id, c.preferred_name, c.licence_end, c.activated_at, c.locked_at,
     (SELECT COUNT(*) FROM case_condition q WHERE q.case_id = c.id AND q.response = 'question'),
     EXISTS (SELECT 1 FROM handover h WHERE h.case_id = c.id AND h.to_practitioner_id = :p AND h.read_at IS NULL)";

fn entry(conn: &Conn, r: &Row) -> StoreResult<CaseloadEntry> {
    let case_id = CaseId(r.get(0)?);
    let end: String = r.get(2)?;
    Ok(CaseloadEntry {
        case_id,
        preferred_name: r.get(1)?,
        licence_end: parse_date(&end)?,
        activation: activation(r, 3, 4)?,
        open_questions: r.get(5)?,
        unread_handover: r.get(6)?,
        next_appointment: super::next_appointment(conn, case_id)?,
        conditions: super::conditions_progress(conn, case_id)?,
        changed_conditions: super::changed_since_confirmed(conn, case_id)?,
        appointments_needing_attention: super::appointments_needing_attention(conn, case_id)?,
        has_id: super::has_id_document(conn, case_id)?,
        has_bank: super::track_done(conn, case_id, Track::Bank)?,
        stuck_steps: super::stuck_steps(conn, case_id)?,
    })
}

pub fn caseload(conn: &Conn, practitioner: PractitionerId) -> StoreResult<Vec<CaseloadEntry>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {ENTRY_COLUMNS} FROM cases c WHERE {VISIBLE} ORDER BY lower(c.preferred_name)"
    ))?;
    let mut rows = stmt.query(crate::store::sql::named_params! {":p": practitioner.0})?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(entry(conn, r)?);
    }
    Ok(out)
}

pub fn case_overview(conn: &Conn, practitioner: PractitionerId, case: CaseId) -> StoreResult<Option<CaseOverview>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {ENTRY_COLUMNS}, c.waymark_number, c.licence_start, c.policy_version, c.licence_type, c.rev,
                c.pss_end
         FROM cases c WHERE c.id = :c AND {VISIBLE}"
    ))?;
    let mut rows = stmt.query(crate::store::sql::named_params! {":c": case.0, ":p": practitioner.0})?;
    let Some(r) = rows.next()? else { return Ok(None) };
    let start: String = r.get(8)?;
    let licence_type: String = r.get(10)?;
    let pss_end: Option<String> = r.get(12)?;
    Ok(Some(CaseOverview {
        policy_version: r.get(9)?,
        licence_type: parse_licence_type(&licence_type)?,
        pss_end: pss_end.as_deref().map(parse_date).transpose()?,
        entry: entry(conn, r)?,
        waymark_number: r.get(7)?,
        licence_start: parse_date(&start)?,
        conditions: super::conditions_progress(conn, case)?,
        tracks: super::tracks_progress(conn, case)?,
        pending_code: super::pending_code(conn, case)?,
        rev: r.get::<_, i64>(11)?.max(0) as u64,
        last_handover: super::latest_handover(conn, case)?.as_ref().map(Into::into),
    }))
}

fn parse_licence_type(s: &str) -> StoreResult<LicenceType> {
    LicenceType::parse(s).ok_or_else(|| super::StoreError::Corrupt(format!("licence type {s}")))
}

/// The parts of the case's licence and when each ends.
pub fn licence_parts(conn: &Conn, case: CaseId) -> StoreResult<Vec<parts::LicencePart>> {
    let row: Option<(String, String, Option<String>)> = conn
        .query_row("SELECT licence_type, licence_end, pss_end FROM cases WHERE id = ?1", [case.0], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?;
    let Some((licence_type, end, pss_end)) = row else { return Ok(Vec::new()) };
    Ok(parts::licence_parts(
        parse_licence_type(&licence_type)?,
        parse_date(&end)?,
        pss_end.as_deref().map(parse_date).transpose()?,
    ))
}

pub fn person_home(conn: &Conn, case: CaseId) -> StoreResult<Option<PersonHome>> {
    let row: Option<(String, String, String)> = conn
        .query_row(
            "SELECT c.preferred_name, c.waymark_number, p.name
             FROM cases c JOIN practitioner p ON p.id = c.practitioner_id WHERE c.id = ?1",
            [case.0],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let Some((preferred_name, waymark_number, practitioner_name)) = row else { return Ok(None) };
    Ok(Some(PersonHome {
        preferred_name,
        waymark_number,
        practitioner_name,
        next_appointment: super::next_appointment(conn, case)?,
        conditions: super::conditions_progress(conn, case)?,
        tracks: super::tracks_progress(conn, case)?,
        news: Vec::new(),
        parts: licence_parts(conn, case)?,
        week: Default::default(),
        contact: case_contact(conn, case)?,
        new_officer: None,
        last_check_in: super::check_ins(conn, case, 1)?.pop(),
        going_well: super::achievements(conn, case, 3)?,
    }))
}

pub fn case_contact(conn: &Conn, case: CaseId) -> StoreResult<Option<CaseContact>> {
    Ok(conn
        .query_row(
            "SELECT c.preferred_name, p.name, p.email, o.name, o.address, o.area
             FROM cases c JOIN practitioner p ON p.id = c.practitioner_id JOIN office o ON o.id = c.office_id
             WHERE c.id = ?1",
            [case.0],
            |r| {
                Ok(CaseContact {
                    preferred_name: r.get(0)?,
                    practitioner_name: r.get(1)?,
                    practitioner_email: r.get(2)?,
                    office_name: r.get(3)?,
                    office_address: r.get(4)?,
                    office_area: r.get(5)?,
                })
            },
        )
        .optional()?)
}

pub fn case_office(conn: &Conn, case: CaseId) -> StoreResult<Option<OfficeId>> {
    Ok(conn.query_row("SELECT office_id FROM cases WHERE id = ?1", [case.0], |r| r.get(0)).optional()?.map(OfficeId))
}

pub fn set_licence_setup(
    conn: &Conn,
    case: CaseId,
    version: &str,
    licence_type: LicenceType,
    pss_end: Option<jiff::civil::Date>,
) -> StoreResult<()> {
    conn.execute(
        "UPDATE cases SET policy_version = ?2, licence_type = ?3, pss_end = ?4, rev = rev + 1 WHERE id = ?1",
        params![case.0, version, licence_type.as_str(), pss_end.map(|d| d.to_string())],
    )?;
    Ok(())
}

pub fn case_is_demo(conn: &Conn, case: CaseId) -> StoreResult<bool> {
    Ok(conn.query_row("SELECT is_demo FROM cases WHERE id = ?1", [case.0], |r| r.get(0))?)
}

pub fn waymark_number(conn: &Conn, case: CaseId) -> StoreResult<String> {
    Ok(conn.query_row("SELECT waymark_number FROM cases WHERE id = ?1", [case.0], |r| r.get(0))?)
}
