//! Requests (`model::request`): what the person asked, and the written answer.

use super::case::VISIBLE;
use super::{parse_date, StoreError, StoreResult};
use crate::store::sql::{named_params, params, Conn, OptionalExtension, Row};
use app::model::request::*;
use app::model::{CaseId, ConditionId, ExplanationId, PractitionerId};

const COLUMNS: &str = "r.id, r.made_at, r.kind, r.first_day, r.last_day, r.place, r.why, r.decision, r.answer, \
                       p.name, r.answered_at, r.varies_condition_id";
const FROM: &str = "person_request r LEFT JOIN practitioner p ON p.id = r.answered_by";

fn request_of(r: &Row, at: usize) -> StoreResult<Request> {
    let corrupt = |what: &str| StoreError::Corrupt(format!("request {what}"));
    let kind: String = r.get(at + 2)?;
    let day = |i: usize| -> StoreResult<Option<jiff::civil::Date>> {
        r.get::<_, Option<String>>(at + i)?.as_deref().map(parse_date).transpose()
    };
    let decision: Option<String> = r.get(at + 7)?;
    let answered_at: Option<i64> = r.get(at + 10)?;
    let answer = match (decision, answered_at) {
        (Some(d), Some(when)) => Some(RequestAnswer {
            decision: Decision::parse(&d).ok_or_else(|| corrupt("decision"))?,
            text: r.get(at + 8)?,
            by: r.get::<_, Option<String>>(at + 9)?.unwrap_or_default(),
            at: super::timestamp(when)?,
            varies: r.get::<_, Option<i64>>(at + 11)?.map(ConditionId),
        }),
        _ => None,
    };
    Ok(Request {
        id: RequestId(r.get(at)?),
        made_at: super::timestamp(r.get(at + 1)?)?,
        said: NewRequest {
            kind: RequestKind::parse(&kind).ok_or_else(|| corrupt("kind"))?,
            first_day: day(3)?,
            last_day: day(4)?,
            place: r.get(at + 5)?,
            why: r.get(at + 6)?,
        },
        answer,
    })
}

/// A case's latest requests, newest first.
pub fn requests(conn: &Conn, case: CaseId, limit: usize) -> StoreResult<Vec<Request>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM {FROM} WHERE r.case_id = ?1 ORDER BY r.made_at DESC, r.id DESC LIMIT ?2"
    ))?;
    let mut rows = stmt.query(params![case.0, limit as i64])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(request_of(r, 0)?);
    }
    Ok(out)
}

pub fn request(conn: &Conn, case: CaseId, id: RequestId) -> StoreResult<Option<Request>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM {FROM} WHERE r.id = ?1 AND r.case_id = ?2"))?;
    let mut rows = stmt.query(params![id.0, case.0])?;
    rows.next()?.map(|r| request_of(r, 0)).transpose()
}

/// Whether the case's person has an open request saying the same (a form sent twice).
pub fn open_request_like(conn: &Conn, case: CaseId, new: &NewRequest) -> StoreResult<Option<RequestId>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id FROM person_request WHERE case_id = ?1 AND decision IS NULL AND kind = ?2
             AND first_day IS NOT DISTINCT FROM ?3 AND last_day IS NOT DISTINCT FROM ?4
             AND place IS NOT DISTINCT FROM ?5 AND why = ?6
         ORDER BY id DESC LIMIT 1",
    )?;
    let mut rows = stmt.query(params![
        case.0,
        new.kind.as_str(),
        new.first_day.map(|d| d.to_string()),
        new.last_day.map(|d| d.to_string()),
        new.place,
        new.why
    ])?;
    Ok(rows.next()?.map(|r| r.get::<_, i64>(0)).transpose()?.map(RequestId))
}

pub fn insert_request(conn: &Conn, case: CaseId, new: &NewRequest, made_at: i64) -> StoreResult<RequestId> {
    let id = conn.insert_returning_id(
        "INSERT INTO person_request (case_id, kind, first_day, last_day, place, why, made_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id",
        params![
            case.0,
            new.kind.as_str(),
            new.first_day.map(|d| d.to_string()),
            new.last_day.map(|d| d.to_string()),
            new.place,
            new.why,
            made_at
        ],
    )?;
    Ok(RequestId(id))
}

/// Record the answer to an open request. False when it was answered already
/// (the first answer stands).
pub fn answer_request(
    conn: &Conn,
    case: CaseId,
    id: RequestId,
    by: PractitionerId,
    answer: &NewAnswer,
    letter: ExplanationId,
) -> StoreResult<bool> {
    let n = conn.execute(
        "UPDATE person_request SET decision = ?3, answer = ?4, answered_by = ?5, answered_at = ?6,
             varies_condition_id = ?7, explanation_id = ?8
         WHERE id = ?1 AND case_id = ?2 AND decision IS NULL",
        params![
            id.0,
            case.0,
            answer.decision.as_str(),
            answer.text,
            by.0,
            super::now(),
            answer.varies.map(|c| c.0),
            letter.0
        ],
    )?;
    Ok(n == 1)
}

/// Open requests on every case the practitioner may see, the longest waiting first.
pub fn desk_requests(conn: &Conn, practitioner: PractitionerId) -> StoreResult<Vec<DeskRequest>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT c.id, c.preferred_name, {COLUMNS} FROM cases c JOIN person_request r ON r.case_id = c.id
         LEFT JOIN practitioner p ON p.id = r.answered_by
         WHERE r.decision IS NULL AND {VISIBLE} ORDER BY r.made_at, r.id"
    ))?;
    let mut rows = stmt.query(named_params! {":p": practitioner.0})?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(DeskRequest { case_id: CaseId(r.get(0)?), name: r.get(1)?, request: request_of(r, 2)? });
    }
    Ok(out)
}

/// Whether the case has this condition (an answer may only change one of its own).
pub fn case_has_condition(conn: &Conn, case: CaseId, condition: ConditionId) -> StoreResult<bool> {
    Ok(conn
        .query_row(
            "SELECT 1 FROM case_condition WHERE id = ?1 AND case_id = ?2 AND removed_at IS NULL",
            params![condition.0, case.0],
            |r| r.get::<_, i64>(0),
        )
        .optional()?
        .is_some())
}
