//! Progress (`model::progress`): goals, what went well, and "well done".

use super::StoreResult;
use crate::store::sql::{params, Conn, OptionalExtension};
use app::model::progress::*;
use app::model::{CaseId, PractitionerId};

/// A case's goals (open ones first, then the newest) and what went well (the latest first).
pub fn progress(conn: &Conn, case: CaseId) -> StoreResult<Progress> {
    let mut goals = Vec::new();
    let mut stmt = conn.prepare_cached(
        "SELECT id, area, title, next_step, set_at, done_at FROM goal WHERE case_id = ?1
         ORDER BY done_at IS NOT NULL, set_at DESC, id DESC LIMIT ?2",
    )?;
    let mut rows = stmt.query(params![case.0, KEPT as i64])?;
    while let Some(r) = rows.next()? {
        let area: String = r.get(1)?;
        goals.push(Goal {
            id: GoalId(r.get(0)?),
            said: NewGoal {
                area: Area::parse(&area).ok_or_else(|| super::StoreError::Corrupt(format!("goal area {area}")))?,
                title: r.get(2)?,
                next_step: r.get(3)?,
            },
            set_at: super::timestamp(r.get(4)?)?,
            done_at: r.get::<_, Option<i64>>(5)?.map(super::timestamp).transpose()?,
        });
    }
    Ok(Progress { goals, achievements: achievements(conn, case, KEPT)? })
}

/// What went well on a case, the latest first.
pub fn achievements(conn: &Conn, case: CaseId, limit: usize) -> StoreResult<Vec<Achievement>> {
    let mut achievements = Vec::new();
    let mut stmt = conn.prepare_cached(
        "SELECT a.id, a.title, a.made_at, p.name, a.well_done, w.name, a.well_done_at
         FROM achievement a LEFT JOIN practitioner p ON p.id = a.practitioner_id
         LEFT JOIN practitioner w ON w.id = a.well_done_by
         WHERE a.case_id = ?1 ORDER BY a.made_at DESC, a.id DESC LIMIT ?2",
    )?;
    let mut rows = stmt.query(params![case.0, limit as i64])?;
    while let Some(r) = rows.next()? {
        let by: Option<String> = r.get(3)?;
        let words: Option<String> = r.get(4)?;
        let well_done_at: Option<i64> = r.get(6)?;
        achievements.push(Achievement {
            id: AchievementId(r.get(0)?),
            title: r.get(1)?,
            at: super::timestamp(r.get(2)?)?,
            by: by.map(RecordedBy::Practitioner).unwrap_or(RecordedBy::Person),
            well_done: match (words, well_done_at) {
                (Some(words), Some(at)) => Some(WellDone {
                    by: r.get::<_, Option<String>>(5)?.unwrap_or_default(),
                    words,
                    at: super::timestamp(at)?,
                }),
                _ => None,
            },
        });
    }
    Ok(achievements)
}

/// A new goal; the same one still open is kept once (a form sent twice).
pub fn insert_goal(conn: &Conn, case: CaseId, goal: &NewGoal, set_at: i64) -> StoreResult<GoalId> {
    let same: Option<i64> = conn
        .query_row(
            "SELECT id FROM goal WHERE case_id = ?1 AND done_at IS NULL AND area = ?2 AND title = ?3
                 AND next_step IS NOT DISTINCT FROM ?4",
            params![case.0, goal.area.as_str(), goal.title, goal.next_step],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(id) = same {
        return Ok(GoalId(id));
    }
    let id = conn.insert_returning_id(
        "INSERT INTO goal (case_id, area, title, next_step, set_at) VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id",
        params![case.0, goal.area.as_str(), goal.title, goal.next_step, set_at],
    )?;
    Ok(GoalId(id))
}

/// A goal reached; false when the case has no such goal. The first time stands.
pub fn goal_done(conn: &Conn, case: CaseId, id: GoalId, at: i64) -> StoreResult<bool> {
    let found: Option<i64> = conn
        .query_row("SELECT id FROM goal WHERE id = ?1 AND case_id = ?2", params![id.0, case.0], |r| r.get(0))
        .optional()?;
    if found.is_none() {
        return Ok(false);
    }
    conn.execute(
        "UPDATE goal SET done_at = ?3 WHERE id = ?1 AND case_id = ?2 AND done_at IS NULL",
        params![id.0, case.0, at],
    )?;
    Ok(true)
}

/// Something that went well; the same words by the same side within `since`
/// (UTC seconds) are kept once.
pub fn insert_achievement(
    conn: &Conn,
    case: CaseId,
    title: &str,
    made_at: i64,
    by: Option<PractitionerId>,
    since: i64,
) -> StoreResult<AchievementId> {
    let by = by.map(|p| p.0);
    let same: Option<i64> = conn
        .query_row(
            "SELECT id FROM achievement WHERE case_id = ?1 AND title = ?2 AND practitioner_id IS NOT DISTINCT FROM ?3
                 AND made_at >= ?4 ORDER BY id DESC LIMIT 1",
            params![case.0, title, by, since],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(id) = same {
        return Ok(AchievementId(id));
    }
    let id = conn.insert_returning_id(
        "INSERT INTO achievement (case_id, title, made_at, practitioner_id) VALUES (?1, ?2, ?3, ?4) RETURNING id",
        params![case.0, title, made_at, by],
    )?;
    Ok(AchievementId(id))
}

/// A practitioner's "well done" on something that went well. `None` when the
/// case has no such thing; `Some(false)` when it has one already (the first stands).
pub fn well_done(
    conn: &Conn,
    case: CaseId,
    id: AchievementId,
    by: PractitionerId,
    words: &str,
) -> StoreResult<Option<bool>> {
    let has: Option<Option<String>> = conn
        .query_row("SELECT well_done FROM achievement WHERE id = ?1 AND case_id = ?2", params![id.0, case.0], |r| {
            r.get(0)
        })
        .optional()?;
    match has {
        None => Ok(None),
        Some(Some(_)) => Ok(Some(false)),
        Some(None) => {
            conn.execute(
                "UPDATE achievement SET well_done = ?3, well_done_by = ?4, well_done_at = ?5
                 WHERE id = ?1 AND case_id = ?2 AND well_done IS NULL",
                params![id.0, case.0, words, by.0, super::now()],
            )?;
            Ok(Some(true))
        }
    }
}
