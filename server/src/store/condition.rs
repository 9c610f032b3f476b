//! Licence conditions on a case: versions, answers, replies and history.

use super::{StoreError, StoreResult};
use crate::store::sql::{params, Conn, OptionalExtension};
use app::model::catalogue::Details;
use app::model::*;

/// "Understood" counts only for the version the person confirmed.
const UNDERSTOOD: &str = "response = 'understood' AND confirmed_version = version";

pub fn conditions_progress(conn: &Conn, case: CaseId) -> StoreResult<ConditionsProgress> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT COUNT(*), COUNT(*) FILTER (WHERE {UNDERSTOOD}), COUNT(*) FILTER (WHERE response = 'question')
         FROM case_condition WHERE case_id = ?1 AND removed_at IS NULL"
    ))?;
    Ok(stmt.query_row([case.0], |r| {
        Ok(ConditionsProgress { total: r.get(0)?, understood: r.get(1)?, questions: r.get(2)? })
    })?)
}

/// How many conditions changed since the person last confirmed them.
pub fn changed_since_confirmed(conn: &Conn, case: CaseId) -> StoreResult<u32> {
    Ok(conn.query_row(
        "SELECT COUNT(*) FROM case_condition WHERE case_id = ?1 AND removed_at IS NULL
           AND confirmed_version IS NOT NULL AND confirmed_version < version",
        [case.0],
        |r| r.get(0),
    )?)
}

pub struct ConditionRow {
    pub id: ConditionId,
    pub licence: LicenceKind,
    pub template: Option<(String, String)>,
    pub bespoke_text: Option<String>,
    pub details: Details,
    pub explanation: Option<String>,
    pub version: u32,
    pub understanding: Understanding,
}

fn understanding(response: &str, version: u32, confirmed: Option<u32>, answered: bool) -> Understanding {
    match (response, confirmed) {
        ("question", _) => Understanding::Question,
        ("understood", Some(c)) if c == version => Understanding::Understood,
        _ if answered => Understanding::Answered,
        (_, Some(c)) if c < version => Understanding::Changed,
        _ => Understanding::NotYet,
    }
}

fn details_from(json: &str) -> StoreResult<Details> {
    serde_json::from_str(json).map_err(|e| StoreError::Corrupt(format!("details {e}")))
}

pub fn details_json(details: &Details) -> String {
    serde_json::to_string(details).unwrap_or_else(|_| "{}".into())
}

type WhatItSays = (ConditionId, LicenceKind, Option<(String, String)>, Option<String>, Details);

/// A condition's id, part and words from the first six columns of a query:
/// id, licence_kind, policy_version, code, bespoke_text, details_json.
fn what_it_says(r: &crate::store::Row) -> StoreResult<WhatItSays> {
    let kind: String = r.get(1)?;
    let version: Option<String> = r.get(2)?;
    let code: Option<String> = r.get(3)?;
    let details: String = r.get(5)?;
    Ok((
        ConditionId(r.get(0)?),
        LicenceKind::parse(&kind).ok_or_else(|| StoreError::Corrupt(format!("licence kind {kind}")))?,
        version.zip(code),
        r.get(4)?,
        details_from(&details)?,
    ))
}

pub fn condition_rows(conn: &Conn, case: CaseId) -> StoreResult<Vec<ConditionRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, licence_kind, policy_version, code, bespoke_text, details_json, explanation,
                version, confirmed_version, response, answered_at IS NOT NULL
         FROM case_condition WHERE case_id = ?1 AND removed_at IS NULL ORDER BY id",
    )?;
    let mut rows = stmt.query([case.0])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let v: u32 = r.get(7)?;
        let response: String = r.get(9)?;
        let (id, licence, template, bespoke_text, details) = what_it_says(r)?;
        out.push(ConditionRow {
            id,
            licence,
            template,
            bespoke_text,
            details,
            explanation: r.get(6)?,
            version: v,
            understanding: understanding(&response, v, r.get(8)?, r.get(10)?),
        });
    }
    Ok(out)
}

/// Every message on the case's conditions, oldest first.
pub fn condition_messages(conn: &Conn, case: CaseId) -> StoreResult<Vec<(ConditionId, ThreadMessage)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT m.condition_id, m.kind, m.body, m.at, p.name
         FROM condition_message m JOIN case_condition c ON c.id = m.condition_id
         LEFT JOIN practitioner p ON p.id = m.practitioner_id
         WHERE c.case_id = ?1 ORDER BY m.at, m.id",
    )?;
    let mut rows = stmt.query([case.0])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let kind: String = r.get(1)?;
        let kind = match kind.as_str() {
            "understood" => MessageKind::Understood,
            "question" => MessageKind::Question,
            _ => MessageKind::Reply,
        };
        out.push((
            ConditionId(r.get(0)?),
            ThreadMessage { kind, body: r.get(2)?, at: super::timestamp(r.get(3)?)?, practitioner_name: r.get(4)? },
        ));
    }
    Ok(out)
}

pub struct HistoryRow {
    pub condition: ConditionId,
    pub version: u32,
    pub details: Details,
    pub bespoke_text: Option<String>,
    pub explanation: Option<String>,
    pub replaced_at: i64,
}

/// The version just before the current one, for each changed condition.
pub fn previous_versions(conn: &Conn, case: CaseId) -> StoreResult<Vec<HistoryRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT h.condition_id, h.version, h.details_json, h.bespoke_text, h.explanation, h.replaced_at
         FROM case_condition_history h JOIN case_condition c ON c.id = h.condition_id
         WHERE c.case_id = ?1 AND h.version = c.version - 1",
    )?;
    let mut rows = stmt.query([case.0])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let details: String = r.get(2)?;
        out.push(HistoryRow {
            condition: ConditionId(r.get(0)?),
            version: r.get(1)?,
            details: details_from(&details)?,
            bespoke_text: r.get(3)?,
            explanation: r.get(4)?,
            replaced_at: r.get(5)?,
        });
    }
    Ok(out)
}

/// Add a condition to a licence; `template` is (policy version, code), or bespoke words.
pub fn insert_condition(
    conn: &Conn,
    case: CaseId,
    licence: LicenceKind,
    template: Option<(&str, &str)>,
    bespoke_text: Option<&str>,
    details: &Details,
    explanation: Option<&str>,
) -> StoreResult<ConditionId> {
    let id = conn.insert_returning_id(
        "INSERT INTO case_condition (case_id, licence_kind, policy_version, code, bespoke_text, details_json,
                                     explanation, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id",
        params![
            case.0,
            licence.as_str(),
            template.map(|t| t.0),
            template.map(|t| t.1),
            bespoke_text,
            details_json(details),
            explanation,
            super::now()
        ],
    )?;
    Ok(ConditionId(id))
}

/// The condition, if it is live and on this case.
fn live_version(conn: &Conn, case: CaseId, id: ConditionId) -> StoreResult<Option<u32>> {
    Ok(conn
        .query_row(
            "SELECT version FROM case_condition WHERE id = ?1 AND case_id = ?2 AND removed_at IS NULL",
            params![id.0, case.0],
            |r| r.get(0),
        )
        .optional()?)
}

/// Whether the person's answer is the one already standing (a second tap, a
/// form sent twice): understood for this very version, or the same question
/// still open. `None` when no such live condition is on the case.
fn answer_stands(conn: &Conn, case: CaseId, id: ConditionId, answer: &Answer) -> StoreResult<Option<bool>> {
    Ok(conn
        .query_row(
            "SELECT response = 'understood' AND confirmed_version = version, response = 'question', response_text
             FROM case_condition WHERE id = ?1 AND case_id = ?2 AND removed_at IS NULL",
            params![id.0, case.0],
            |r| Ok((r.get::<_, bool>(0)?, r.get::<_, bool>(1)?, r.get::<_, Option<String>>(2)?)),
        )
        .optional()?
        .map(|(understood, asked, text)| match answer {
            Answer::Understood => understood,
            Answer::Question(q) => asked && text.as_deref() == Some(q.as_str()),
        }))
}

/// The person's answer. Returns false when no such condition is on their case.
/// The answer already standing changes nothing: no message, no new rev.
pub fn record_answer(conn: &Conn, case: CaseId, id: ConditionId, answer: &Answer) -> StoreResult<bool> {
    match answer_stands(conn, case, id, answer)? {
        None => return Ok(false),
        Some(true) => return Ok(true),
        Some(false) => {}
    }
    let Some(version) = live_version(conn, case, id)? else { return Ok(false) };
    let (kind, body) = match answer {
        Answer::Understood => ("understood", None),
        Answer::Question(text) => ("question", Some(text.as_str())),
    };
    conn.execute(
        "INSERT INTO condition_message (condition_id, author, kind, body, condition_version, at)
         VALUES (?1, 'person', ?2, ?3, ?4, ?5)",
        params![id.0, kind, body, version, super::now()],
    )?;
    match answer {
        Answer::Understood => conn.execute(
            "UPDATE case_condition SET response = 'understood', confirmed_version = version, responded_at = ?2,
                                       answered_at = NULL, rev = rev + 1 WHERE id = ?1",
            params![id.0, super::now()],
        )?,
        Answer::Question(text) => conn.execute(
            "UPDATE case_condition SET response = 'question', response_text = ?2, responded_at = ?3,
                                       answered_at = NULL, rev = rev + 1
             WHERE id = ?1",
            params![id.0, text, super::now()],
        )?,
    };
    Ok(true)
}

/// The practitioner answers; an open question becomes answered (shown to the
/// person as new until they answer again).
pub fn record_reply(conn: &Conn, case: CaseId, id: ConditionId, by: PractitionerId, body: &str) -> StoreResult<bool> {
    let Some(version) = live_version(conn, case, id)? else { return Ok(false) };
    conn.execute(
        "INSERT INTO condition_message (condition_id, author, kind, body, condition_version, practitioner_id, at)
         VALUES (?1, 'practitioner', 'reply', ?2, ?3, ?4, ?5)",
        params![id.0, body, version, by.0, super::now()],
    )?;
    conn.execute(
        "UPDATE case_condition SET answered_at = CASE WHEN response = 'question' THEN ?2 ELSE answered_at END,
                                   response = CASE WHEN response = 'question' THEN 'unread' ELSE response END,
                                   rev = rev + 1 WHERE id = ?1",
        params![id.0, super::now()],
    )?;
    Ok(true)
}

/// A new version: the old one goes to history; the person is asked to confirm again.
pub fn update_condition(
    conn: &Conn,
    case: CaseId,
    id: ConditionId,
    by: PractitionerId,
    details: &Details,
    bespoke_text: Option<&str>,
    explanation: Option<&str>,
) -> StoreResult<bool> {
    if live_version(conn, case, id)?.is_none() {
        return Ok(false);
    }
    conn.execute(
        "INSERT INTO case_condition_history (condition_id, version, details_json, bespoke_text, explanation, replaced_at, replaced_by)
         SELECT id, version, details_json, bespoke_text, explanation, ?2, ?3 FROM case_condition WHERE id = ?1",
        params![id.0, super::now(), by.0],
    )?;
    conn.execute(
        "UPDATE case_condition SET details_json = ?2, bespoke_text = COALESCE(?3, bespoke_text), explanation = ?4,
                version = version + 1, response = CASE WHEN response = 'question' THEN 'question' ELSE 'unread' END,
                updated_at = ?5, rev = rev + 1
         WHERE id = ?1",
        params![id.0, details_json(details), bespoke_text, explanation, super::now()],
    )?;
    Ok(true)
}

/// Take a condition off the licence. The row stays, with when and by whom, as
/// the licence's history (`removed_conditions`).
pub fn remove_condition(conn: &Conn, case: CaseId, id: ConditionId, by: PractitionerId) -> StoreResult<bool> {
    let n = conn.execute(
        "UPDATE case_condition SET removed_at = ?3, removed_by = ?4, rev = rev + 1
         WHERE id = ?1 AND case_id = ?2 AND removed_at IS NULL",
        params![id.0, case.0, super::now(), by.0],
    )?;
    Ok(n == 1)
}

pub struct RemovedRow {
    pub id: ConditionId,
    pub licence: LicenceKind,
    pub template: Option<(String, String)>,
    pub bespoke_text: Option<String>,
    pub details: Details,
    pub removed_at: i64,
    pub removed_by: Option<String>,
}

/// Conditions taken off the case's licence, the latest first.
pub fn removed_conditions(conn: &Conn, case: CaseId) -> StoreResult<Vec<RemovedRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT c.id, c.licence_kind, c.policy_version, c.code, c.bespoke_text, c.details_json, c.removed_at, p.name
         FROM case_condition c LEFT JOIN practitioner p ON p.id = c.removed_by
         WHERE c.case_id = ?1 AND c.removed_at IS NOT NULL ORDER BY c.removed_at DESC, c.id DESC",
    )?;
    let mut rows = stmt.query([case.0])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let (id, licence, template, bespoke_text, details) = what_it_says(r)?;
        out.push(RemovedRow {
            id,
            licence,
            template,
            bespoke_text,
            details,
            removed_at: r.get(6)?,
            removed_by: r.get(7)?,
        });
    }
    Ok(out)
}

/// Seed helper: a catalogue condition already answered.
pub fn insert_answered_condition(
    conn: &Conn,
    case: CaseId,
    version: &str,
    code: &str,
    details: &Details,
    explanation: Option<&str>,
    answer: Option<Answer>,
) -> StoreResult<ConditionId> {
    let id = insert_condition(conn, case, LicenceKind::Ap, Some((version, code)), None, details, explanation)?;
    if let Some(answer) = answer {
        record_answer(conn, case, id, &answer)?;
    }
    Ok(id)
}
