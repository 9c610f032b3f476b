//! Steps towards ID, a bank account, benefits, health, housing and work.

use super::StoreResult;
use app::model::*;
use rusqlite::{params, Connection};

pub fn tracks_progress(conn: &Connection, case: CaseId) -> StoreResult<Vec<TrackProgress>> {
    let mut stmt = conn.prepare_cached(
        "SELECT track, COUNT(*), COALESCE(SUM(status = 'done'), 0), COALESCE(SUM(status = 'stuck'), 0)
         FROM step WHERE case_id = ?1 GROUP BY track",
    )?;
    let mut rows = stmt.query([case.0])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let track: String = r.get(0)?;
        let track = Track::parse(&track).ok_or_else(|| super::StoreError::Corrupt(format!("track {track:?}")))?;
        out.push(TrackProgress { track, total: r.get(1)?, done: r.get(2)?, stuck: r.get(3)? });
    }
    // The order a person works through them, not alphabetical.
    out.sort_by_key(|t| Track::ALL.iter().position(|x| *x == t.track));
    Ok(out)
}

pub fn insert_step(
    conn: &Connection,
    case: CaseId,
    track: Track,
    title: &str,
    position: u32,
    status: StepStatus,
) -> StoreResult<()> {
    conn.execute(
        "INSERT INTO step (case_id, track, title, position, status, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![case.0, track.as_str(), title, position, status.as_str(), super::now()],
    )?;
    Ok(())
}
