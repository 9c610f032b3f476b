//! Steps towards ID, a bank account, benefits, health, housing and work, with
//! every change of status kept (who, when, from, to).

use super::{parse_date, StoreError, StoreResult};
use crate::store::sql::{params, Conn, OptionalExtension};
use app::model::*;
use serde::Deserialize;

pub fn tracks_progress(conn: &Conn, case: CaseId) -> StoreResult<Vec<TrackProgress>> {
    let mut stmt = conn.prepare_cached(
        "SELECT track, COUNT(*), COUNT(*) FILTER (WHERE status = 'done'), COUNT(*) FILTER (WHERE status = 'stuck')
         FROM step WHERE case_id = ?1 GROUP BY track",
    )?;
    let mut rows = stmt.query([case.0])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let track: String = r.get(0)?;
        let track = Track::parse(&track).ok_or_else(|| StoreError::Corrupt(format!("track {track:?}")))?;
        out.push(TrackProgress { track, total: r.get(1)?, done: r.get(2)?, stuck: r.get(3)? });
    }
    // The order a person works through them, not alphabetical.
    out.sort_by_key(|t| Track::ALL.iter().position(|x| *x == t.track));
    Ok(out)
}

#[derive(Debug, Deserialize)]
struct GuideFile {
    /// The steps a new case starts with, in order.
    standard: Vec<String>,
    step: Vec<Guide>,
}

#[derive(Debug, Deserialize)]
struct Guide {
    key: String,
    track: String,
    title: String,
    /// Words that, in a step a practitioner names, mean this step.
    #[serde(rename = "match")]
    match_words: Vec<String>,
    guidance: String,
    what_you_need: Option<String>,
    cost: Option<String>,
    cost_checked_on: Option<String>,
    url: Option<String>,
}

const GUIDES: &str = include_str!("../../data/steps.toml");

fn guide_file() -> StoreResult<&'static GuideFile> {
    static FILE: std::sync::OnceLock<Result<GuideFile, String>> = std::sync::OnceLock::new();
    FILE.get_or_init(|| toml::from_str(GUIDES).map_err(|e| e.to_string()))
        .as_ref()
        .map_err(|e| StoreError::Corrupt(format!("steps.toml: {e}")))
}

/// Load the shipped guidance. Words and links always follow the file; a price
/// only when the file's was checked more recently than the one kept, so an
/// office admin's later correction stays. A row already the same is not
/// written (its trigger would tell every phone something changed).
/// Load the shipped step guides; how many rows changed.
pub fn load_step_guides(conn: &Conn) -> StoreResult<usize> {
    // The file's price is newer than the one kept, and different.
    const NEWER: &str = "(excluded.cost_checked_on > COALESCE(step_guide.cost_checked_on, '')
                          AND excluded.cost IS DISTINCT FROM step_guide.cost)";
    let sql = format!(
        "INSERT INTO step_guide (key, track, title, guidance, what_you_need, cost, cost_checked_on, position, url)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
         ON CONFLICT (key) DO UPDATE SET
            track = excluded.track, title = excluded.title, guidance = excluded.guidance,
            what_you_need = excluded.what_you_need, position = excluded.position, url = excluded.url,
            cost = CASE WHEN {NEWER} THEN excluded.cost ELSE step_guide.cost END,
            cost_checked_on = CASE WHEN {NEWER} THEN excluded.cost_checked_on ELSE step_guide.cost_checked_on END
         WHERE step_guide.track IS DISTINCT FROM excluded.track OR step_guide.title IS DISTINCT FROM excluded.title
            OR step_guide.guidance IS DISTINCT FROM excluded.guidance
            OR step_guide.what_you_need IS DISTINCT FROM excluded.what_you_need
            OR step_guide.position IS DISTINCT FROM excluded.position
            OR step_guide.url IS DISTINCT FROM excluded.url OR {NEWER}"
    );
    let mut changed = 0;
    for (i, g) in guide_file()?.step.iter().enumerate() {
        changed += conn.execute(
            &sql,
            params![g.key, g.track, g.title, g.guidance, g.what_you_need, g.cost, g.cost_checked_on, i as i64, g.url],
        )?;
    }
    Ok(changed)
}

/// The guide a step named in a practitioner's own words stands for: the one
/// whose match words appear in the title as whole words, if exactly one does.
pub fn guide_for_title(title: &str) -> StoreResult<Option<&'static str>> {
    let words = |s: &str| -> String {
        let cleaned: String = s.to_lowercase().chars().map(|c| if c.is_alphanumeric() { c } else { ' ' }).collect();
        format!(" {} ", cleaned.split_whitespace().collect::<Vec<_>>().join(" "))
    };
    let title = words(title);
    let mut found = guide_file()?
        .step
        .iter()
        .filter(|g| g.match_words.iter().any(|w| title.contains(&words(w))))
        .map(|g| g.key.as_str());
    Ok(match (found.next(), found.next()) {
        (Some(key), None) => Some(key),
        _ => None,
    })
}

/// Whether the case already has a step with this guide.
pub fn case_has_guide(conn: &Conn, case: CaseId, key: &str) -> StoreResult<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM step WHERE case_id = ?1 AND guide_key = ?2)",
        params![case.0, key],
        |r| r.get(0),
    )?)
}

/// The standard steps (steps.toml's `standard`), added to a case in order.
pub fn insert_standard_steps(conn: &Conn, case: CaseId) -> StoreResult<Vec<StepId>> {
    guide_file()?.standard.iter().map(|key| insert_guided_step(conn, case, key, StepStatus::NotStarted)).collect()
}

/// Add a guided step to a case.
pub fn insert_guided_step(conn: &Conn, case: CaseId, key: &str, status: StepStatus) -> StoreResult<StepId> {
    let id: Option<i64> = conn
        .query_row(
            "INSERT INTO step (case_id, track, title, position, status, updated_at, guide_key)
         SELECT CAST(?1 AS BIGINT), track, title, position, ?3, CAST(?4 AS BIGINT), key FROM step_guide WHERE key = ?2 RETURNING id",
            params![case.0, key, status.as_str(), super::now()],
            |r| r.get(0),
        )
        .optional()?;
    let id = id.ok_or_else(|| StoreError::Corrupt(format!("no step guide {key}")))?;
    Ok(StepId(id))
}

/// A step the practitioner names in their own words. With a guide (one it
/// matched, see `guide_for_title`) it carries that guide's guidance and track.
pub fn insert_custom_step(
    conn: &Conn,
    case: CaseId,
    track: Track,
    title: &str,
    helper: Option<&str>,
    guide: Option<&str>,
) -> StoreResult<StepId> {
    let id = conn.insert_returning_id(
        "INSERT INTO step (case_id, track, title, position, status, helper, updated_at, guide_key)
         VALUES (?1, COALESCE((SELECT track FROM step_guide WHERE key = ?6), ?2), ?3, 1000, 'not_started', ?4, ?5, ?6) RETURNING id",
        params![case.0, track.as_str(), title, helper, super::now(), guide],
    )?;
    Ok(StepId(id))
}

pub fn steps(conn: &Conn, case: CaseId) -> StoreResult<Vec<Step>> {
    let mut stmt = conn.prepare_cached(
        "SELECT s.id, s.track, s.title, g.guidance, g.what_you_need, g.cost, g.cost_checked_on, s.helper, s.status,
                s.stuck_reason, g.url
         FROM step s LEFT JOIN step_guide g ON g.key = s.guide_key
         WHERE s.case_id = ?1 ORDER BY s.position, s.id",
    )?;
    let mut rows = stmt.query([case.0])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let track: String = r.get(1)?;
        let status: String = r.get(8)?;
        let checked: Option<String> = r.get(6)?;
        out.push(Step {
            id: StepId(r.get(0)?),
            case_id: case,
            track: Track::parse(&track).ok_or_else(|| StoreError::Corrupt(format!("track {track}")))?,
            title: r.get(2)?,
            guidance: r.get(3)?,
            what_you_need: r.get(4)?,
            cost: r.get(5)?,
            cost_checked_on: checked.as_deref().map(parse_date).transpose()?,
            helper: r.get(7)?,
            status: StepStatus::parse(&status).ok_or_else(|| StoreError::Corrupt(format!("status {status}")))?,
            stuck_reason: r.get(9)?,
            url: r.get(10)?,
            history: Vec::new(),
        });
    }
    let mut stmt = conn.prepare_cached(
        "SELECT h.step_id, h.at, h.by_person, p.name, h.from_status, h.to_status, h.reason
         FROM step_history h JOIN step s ON s.id = h.step_id LEFT JOIN practitioner p ON p.id = h.practitioner_id
         WHERE s.case_id = ?1 ORDER BY h.at, h.id",
    )?;
    let mut rows = stmt.query([case.0])?;
    while let Some(r) = rows.next()? {
        let step = StepId(r.get(0)?);
        let by_person: bool = r.get(2)?;
        let name: Option<String> = r.get(3)?;
        let (from, to): (String, String) = (r.get(4)?, r.get(5)?);
        let change = StepChange {
            at: super::timestamp(r.get(1)?)?,
            by: if by_person { ChangedBy::Person } else { ChangedBy::Practitioner(name.unwrap_or_default()) },
            from: StepStatus::parse(&from).unwrap_or(StepStatus::NotStarted),
            to: StepStatus::parse(&to).unwrap_or(StepStatus::NotStarted),
            reason: r.get(6)?,
        };
        if let Some(s) = out.iter_mut().find(|s| s.id == step) {
            s.history.push(change);
        }
    }
    Ok(out)
}

/// Change a step's status, keeping the change in its history. Whoever writes
/// last wins; the earlier value stays in the history. `None` if no such step.
/// The status it already has (stuck for the same reason) changes nothing: no
/// history row, no new rev.
pub fn set_step_status(
    conn: &Conn,
    case: CaseId,
    step: StepId,
    by: Option<PractitionerId>,
    to: StepStatus,
    reason: Option<&str>,
) -> StoreResult<Option<()>> {
    let from: Option<(String, Option<String>)> = conn
        .query_row(
            "SELECT status, stuck_reason FROM step WHERE id = ?1 AND case_id = ?2",
            params![step.0, case.0],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((from, stuck_reason)) = from else { return Ok(None) };
    if from == to.as_str() && (to != StepStatus::Stuck || stuck_reason.as_deref() == reason) {
        return Ok(Some(()));
    }
    conn.execute(
        "INSERT INTO step_history (step_id, at, by_person, practitioner_id, from_status, to_status, reason)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![step.0, super::now(), by.is_none(), by.map(|p| p.0), from, to.as_str(), reason],
    )?;
    conn.execute(
        "UPDATE step SET status = ?2, stuck_reason = ?3, updated_at = ?4, rev = rev + 1 WHERE id = ?1",
        params![step.0, to.as_str(), if to == StepStatus::Stuck { reason } else { None }, super::now()],
    )?;
    Ok(Some(()))
}

/// Whether any step of this track is done (an account opened).
pub fn track_done(conn: &Conn, case: CaseId, track: Track) -> StoreResult<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM step WHERE case_id = ?1 AND track = ?2 AND status = 'done')",
        params![case.0, track.as_str()],
        |r| r.get(0),
    )?)
}

/// Whether the person has ID: one of the ID document steps is done (see
/// `ID_DOCUMENT_GUIDES` for why a National Insurance number is not counted).
pub fn has_id_document(conn: &Conn, case: CaseId) -> StoreResult<bool> {
    let [a, b, c] = ID_DOCUMENT_GUIDES;
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM step WHERE case_id = ?1 AND status = 'done' AND guide_key IN (?2, ?3, ?4))",
        params![case.0, a, b, c],
        |r| r.get(0),
    )?)
}

pub fn stuck_steps(conn: &Conn, case: CaseId) -> StoreResult<Vec<String>> {
    let mut stmt = conn.prepare_cached("SELECT title FROM step WHERE case_id = ?1 AND status = 'stuck' ORDER BY id")?;
    let rows = stmt.query_map([case.0], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Across a caseload: who has no ID or bank account yet, and who is stuck.
pub fn steps_overview(conn: &Conn, practitioner: PractitionerId) -> StoreResult<Vec<StepsOverview>> {
    let mut out = Vec::new();
    for entry in super::caseload(conn, practitioner)? {
        let steps = steps(conn, entry.case_id)?;
        out.push(StepsOverview {
            case_id: entry.case_id,
            preferred_name: entry.preferred_name,
            // As the caseload entry says, so the two views never disagree.
            has_id: entry.has_id,
            has_bank: entry.has_bank,
            stuck: steps
                .iter()
                .filter(|s| s.status == StepStatus::Stuck)
                .map(|s| (s.id, s.title.clone(), s.stuck_reason.clone()))
                .collect(),
        });
    }
    Ok(out)
}

pub fn set_step_helper(conn: &Conn, case: CaseId, step: StepId, helper: Option<&str>) -> StoreResult<bool> {
    let n = conn.execute(
        "UPDATE step SET helper = ?3, rev = rev + 1 WHERE id = ?1 AND case_id = ?2",
        params![step.0, case.0, helper],
    )?;
    Ok(n == 1)
}

/// All step guidance, for the office admin to keep prices right.
pub fn step_guides(conn: &Conn) -> StoreResult<Vec<StepGuide>> {
    let mut stmt =
        conn.prepare_cached("SELECT key, track, title, cost, cost_checked_on FROM step_guide ORDER BY position")?;
    let mut rows = stmt.query(())?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let track: String = r.get(1)?;
        let checked: Option<String> = r.get(4)?;
        out.push(StepGuide {
            key: r.get(0)?,
            track: Track::parse(&track).ok_or_else(|| StoreError::Corrupt(format!("track {track}")))?,
            title: r.get(2)?,
            cost: r.get(3)?,
            cost_checked_on: checked.as_deref().map(parse_date).transpose()?,
        });
    }
    Ok(out)
}

pub fn update_step_cost(
    conn: &Conn,
    key: &str,
    cost: Option<&str>,
    checked_on: jiff::civil::Date,
) -> StoreResult<bool> {
    let n = conn.execute(
        "UPDATE step_guide SET cost = ?2, cost_checked_on = ?3 WHERE key = ?1",
        params![key, cost, checked_on.to_string()],
    )?;
    Ok(n == 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guide(conn: &Conn, key: &str) -> (Option<String>, Option<String>, Option<String>) {
        conn.query_row("SELECT cost, cost_checked_on, url FROM step_guide WHERE key = ?1", [key], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .unwrap()
    }

    #[test]
    fn a_newer_shipped_price_replaces_an_older_one_and_a_later_correction_is_kept() {
        let (store, _dir) = crate::store::testing::store();
        let conn = store.write().unwrap();
        // A database from before: the 2023 prices, no links.
        conn.execute(
            "UPDATE step_guide SET cost = '£82.50 online, or £93 by post.', cost_checked_on = '2023-01-01', url = NULL
             WHERE key = 'passport'",
            (),
        )
        .unwrap();
        // An admin corrected this one after the file's date.
        conn.execute(
            "UPDATE step_guide SET cost = '£36 online.', cost_checked_on = '2026-10-01' WHERE key = 'provisional_licence'",
            (),
        )
        .unwrap();
        load_step_guides(&conn).unwrap();
        assert_eq!(
            guide(&conn, "passport"),
            (
                Some("£94.50 online, or £107 by post.".into()),
                Some("2025-04-15".into()),
                Some("https://www.gov.uk/apply-first-adult-passport".into())
            )
        );
        assert_eq!(guide(&conn, "provisional_licence").0.as_deref(), Some("£36 online."));
        // Loading again writes nothing: no phone is told of a change that did not happen.
        assert_eq!(load_step_guides(&conn).unwrap(), 0);
    }

    #[test]
    fn a_step_in_a_practitioners_words_is_matched_to_one_known_step_or_none() {
        assert_eq!(guide_for_title("Get a birth certificate").unwrap(), Some("birth_certificate"));
        assert_eq!(guide_for_title("see the GP").unwrap(), Some("gp"));
        assert_eq!(guide_for_title("Open an account at the bank").unwrap(), Some("bank_account"));
        // Whole words only, and two known steps in one title are neither.
        assert_eq!(guide_for_title("Get a photo for the GPS tag").unwrap(), None);
        assert_eq!(guide_for_title("Passport and bank account").unwrap(), None);
        assert_eq!(guide_for_title("Get a bus pass").unwrap(), None);
    }

    #[test]
    fn every_standard_step_is_a_known_guide() {
        let file = guide_file().unwrap();
        for key in &file.standard {
            assert!(file.step.iter().any(|g| &g.key == key), "{key} is in steps.toml");
        }
    }
}
