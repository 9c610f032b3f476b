//! "About me": the person's preferences, the times they cannot do, and a
//! practitioner's suggestions of times to add (`model::about`).

use super::{StoreError, StoreResult};
use crate::store::sql::{params, Conn, OptionalExtension, Row};
use app::model::about::*;
use app::model::CaseId;

/// Everything "About me" holds for a case (the times as `busy_times` gives them).
pub fn about_me(conn: &Conn, case: CaseId) -> StoreResult<AboutMe> {
    let prefs = conn
        .query_row("SELECT reach, helps, working_on, updated_at FROM about_me WHERE case_id = ?1", [case.0], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, Option<String>>(2)?, r.get::<_, i64>(3)?))
        })
        .optional()?;
    let (prefs, updated_at) = match prefs {
        Some((reach, helps, working_on, at)) => {
            let reach = Prefs::parse_keys(&reach, Reach::parse).ok_or_else(|| corrupt("reach", &reach))?;
            let helps = Prefs::parse_keys(&helps, Help::parse).ok_or_else(|| corrupt("helps", &helps))?;
            (Prefs { reach, helps, working_on }, Some(super::timestamp(at)?))
        }
        None => (Prefs::default(), None),
    };
    Ok(AboutMe { prefs, busy: busy_times(conn, case)?, suggestions: suggestions(conn, case)?, updated_at })
}

/// The times a case's person cannot do: weekly ones first, in week order, then
/// one-off dates, soonest first. One-offs whose date has passed (UK time) are
/// left out: they can no longer clash with anything.
pub fn busy_times(conn: &Conn, case: CaseId) -> StoreResult<Vec<BusyTime>> {
    let today = jiff::Timestamp::now().to_zoned(app::format::london()).date();
    let mut stmt = conn.prepare_cached(&format!("SELECT id, {BUSY} FROM busy_time WHERE case_id = ?1 ORDER BY id"))?;
    let mut rows = stmt.query([case.0])?;
    let mut busy = Vec::new();
    while let Some(r) = rows.next()? {
        let b = BusyTime { id: BusyId(r.get(0)?), busy: busy_of(r, 1)? };
        if !matches!(b.busy.when, BusyWhen::Once { date, .. } if date < today) {
            busy.push(b);
        }
    }
    busy.sort_by_key(|b| match b.busy.when {
        BusyWhen::Weekly { day, from, .. } => (0, day.to_monday_zero_offset(), None, from),
        BusyWhen::Once { date, from, .. } => (1, 0, Some(date), from),
    });
    Ok(busy)
}

/// A practitioner's suggested times for a case, the latest first, answered or not.
pub fn suggestions(conn: &Conn, case: CaseId) -> StoreResult<Vec<Suggestion>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT s.id, p.name, s.note, s.made_at, s.answer, s.answered_at, {BUSY_S}
         FROM busy_suggestion s JOIN practitioner p ON p.id = s.practitioner_id
         WHERE s.case_id = ?1 ORDER BY s.made_at DESC, s.id DESC"
    ))?;
    let mut rows = stmt.query([case.0])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let answer: Option<String> = r.get(4)?;
        let answered: Option<i64> = r.get(5)?;
        out.push(Suggestion {
            id: SuggestionId(r.get(0)?),
            by: r.get(1)?,
            note: r.get(2)?,
            made_at: super::timestamp(r.get(3)?)?,
            accepted: answer.as_deref().map(|a| a == "added"),
            answered_at: answered.map(super::timestamp).transpose()?,
            busy: busy_of(r, 6)?,
        });
    }
    Ok(out)
}

const BUSY: &str = "kind, name, weekday, on_date, from_time, to_time";
const BUSY_S: &str = "s.kind, s.name, s.weekday, s.on_date, s.from_time, s.to_time";

fn corrupt(what: &str, value: &str) -> StoreError {
    StoreError::Corrupt(format!("about_me {what} {value:?}"))
}

/// A busy time from six columns starting at `at` (`BUSY`).
fn busy_of(r: &Row, at: usize) -> StoreResult<Busy> {
    let weekday: Option<String> = r.get(at + 2)?;
    let date: Option<String> = r.get(at + 3)?;
    let form = BusyForm {
        kind: r.get(at)?,
        name: r.get::<_, Option<String>>(at + 1)?.unwrap_or_default(),
        how_often: if weekday.is_some() { "weekly" } else { "once" }.into(),
        day: weekday.unwrap_or_default(),
        date: date.unwrap_or_default(),
        from: r.get(at + 4)?,
        to: r.get(at + 5)?,
    };
    form.parse().map_err(|e| StoreError::Corrupt(format!("busy time: {e}")))
}

/// The six column values of a busy time (`BUSY`): its form's words, an
/// empty name, day or date kept as NULL.
fn columns(b: &Busy) -> (String, Option<String>, Option<String>, Option<String>, String, String) {
    let f = BusyForm::of(b);
    let some = |s: String| (!s.is_empty()).then_some(s);
    (f.kind, some(f.name), some(f.day), some(f.date), f.from, f.to)
}

/// The person's change: how to reach them, what helps, what they are working on.
pub fn set_prefs(conn: &Conn, case: CaseId, prefs: &Prefs) -> StoreResult<()> {
    conn.execute(
        "INSERT INTO about_me (case_id, reach, helps, working_on, updated_at) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (case_id) DO UPDATE SET reach = excluded.reach, helps = excluded.helps,
             working_on = excluded.working_on, updated_at = excluded.updated_at",
        params![
            case.0,
            Prefs::keys(&prefs.reach, Reach::as_str),
            Prefs::keys(&prefs.helps, Help::as_str),
            prefs.working_on,
            super::now()
        ],
    )?;
    Ok(())
}

/// "About me" was changed now (a time added or taken away).
fn touch(conn: &Conn, case: CaseId) -> StoreResult<()> {
    conn.execute(
        "INSERT INTO about_me (case_id, updated_at) VALUES (?1, ?2)
         ON CONFLICT (case_id) DO UPDATE SET updated_at = excluded.updated_at",
        params![case.0, super::now()],
    )?;
    Ok(())
}

pub fn busy_count(conn: &Conn, case: CaseId) -> StoreResult<usize> {
    Ok(conn.query_row("SELECT COUNT(*) FROM busy_time WHERE case_id = ?1", [case.0], |r| r.get::<_, i64>(0))? as usize)
}

/// Whether the same time is already listed (a form sent twice adds it once).
fn has_busy(conn: &Conn, case: CaseId, b: &Busy) -> StoreResult<bool> {
    let (kind, name, weekday, date, from, to) = columns(b);
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM busy_time WHERE case_id = ?1 AND kind = ?2 AND name IS NOT DISTINCT FROM ?3
             AND weekday IS NOT DISTINCT FROM ?4 AND on_date IS NOT DISTINCT FROM ?5 AND from_time = ?6 AND to_time = ?7)",
        params![case.0, kind, name, weekday, date, from, to],
        |r| r.get(0),
    )?)
}

/// Add a time they cannot do; nothing when the same one is already there.
pub fn insert_busy(conn: &Conn, case: CaseId, b: &Busy) -> StoreResult<()> {
    if has_busy(conn, case, b)? {
        return Ok(());
    }
    let (kind, name, weekday, date, from, to) = columns(b);
    conn.execute(
        "INSERT INTO busy_time (case_id, kind, name, weekday, on_date, from_time, to_time, added_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![case.0, kind, name, weekday, date, from, to, super::now()],
    )?;
    touch(conn, case)
}

/// Take a time away; false when the case has no such time.
pub fn delete_busy(conn: &Conn, case: CaseId, id: BusyId) -> StoreResult<bool> {
    let n = conn.execute("DELETE FROM busy_time WHERE id = ?1 AND case_id = ?2", params![id.0, case.0])?;
    if n == 1 {
        touch(conn, case)?;
    }
    Ok(n == 1)
}

pub fn insert_suggestion(
    conn: &Conn,
    case: CaseId,
    practitioner: app::model::PractitionerId,
    b: &Busy,
    note: Option<&str>,
) -> StoreResult<SuggestionId> {
    let (kind, name, weekday, date, from, to) = columns(b);
    let id = conn.insert_returning_id(
        "INSERT INTO busy_suggestion (case_id, practitioner_id, kind, name, weekday, on_date, from_time, to_time, note, made_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) RETURNING id",
        params![case.0, practitioner.0, kind, name, weekday, date, from, to, note, super::now()],
    )?;
    Ok(SuggestionId(id))
}

/// The person's answer to an open suggestion; an accepted one becomes one of
/// their times. `None` when the case has no such suggestion; the answer
/// already given stands (`Some(false)`: nothing changed).
pub fn answer_suggestion(conn: &Conn, case: CaseId, id: SuggestionId, accept: bool) -> StoreResult<Option<bool>> {
    let row = conn
        .query_row(
            &format!("SELECT answer, {BUSY} FROM busy_suggestion WHERE id = ?1 AND case_id = ?2"),
            params![id.0, case.0],
            |r| Ok((r.get::<_, Option<String>>(0)?, busy_of(r, 1))),
        )
        .optional()?;
    let Some((answer, busy)) = row else { return Ok(None) };
    if answer.is_some() {
        return Ok(Some(false));
    }
    conn.execute(
        "UPDATE busy_suggestion SET answer = ?3, answered_at = ?4 WHERE id = ?1 AND case_id = ?2",
        params![id.0, case.0, if accept { "added" } else { "declined" }, super::now()],
    )?;
    if accept {
        insert_busy(conn, case, &busy?)?;
    }
    Ok(Some(true))
}
