//! Who read or changed what in which case, when and from where (DESIGN.md,
//! Security). Append-only: the table's triggers refuse UPDATE and DELETE.

use super::{timestamp, StoreResult};
use crate::store::sql::{named_params, params, Conn};
use app::model::audit::{AuditAction, AuditRow, Who};
use app::model::share::ShareId;
use app::model::{CaseId, PractitionerId};

/// Who an audit row is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actor {
    Practitioner(PractitionerId),
    Person,
    Supporter(ShareId),
    /// Not signed in: a sign-in try, an activation.
    Visitor,
}

/// One row to write.
#[derive(Debug, Clone, Copy)]
pub struct Entry<'a> {
    pub actor: Actor,
    pub case: Option<CaseId>,
    pub action: AuditAction,
    pub detail: Option<&'a str>,
    pub client: Option<&'a str>,
}

fn columns(actor: Actor) -> (&'static str, Option<i64>, Option<i64>) {
    match actor {
        Actor::Practitioner(p) => ("practitioner", Some(p.0), None),
        Actor::Person => ("person", None, None),
        Actor::Supporter(link) => ("supporter", None, Some(link.0)),
        Actor::Visitor => ("visitor", None, None),
    }
}

pub fn record(conn: &Conn, e: &Entry) -> StoreResult<()> {
    let (actor, practitioner, link) = columns(e.actor);
    conn.prepare_cached(
        "INSERT INTO audit (at, actor, practitioner_id, share_link_id, case_id, action, detail, client)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        super::now(),
        actor,
        practitioner,
        link,
        e.case.map(|c| c.0),
        e.action.code(),
        e.detail,
        e.client
    ])?;
    Ok(())
}

/// Office-level actions (prices, hope-corner services, imports): no case.
pub fn audit(conn: &Conn, practitioner: Option<PractitionerId>, case: Option<CaseId>, action: &str) -> StoreResult<()> {
    let actor = practitioner.map(Actor::Practitioner).unwrap_or(Actor::Visitor);
    let code = if case.is_some() { AuditAction::Change(app::model::audit::Section::Case) } else { AuditAction::Office };
    record(conn, &Entry { actor, case, action: code, detail: Some(action), client: None })
}

/// The practitioner may see the case: then, when `entry` is given, its row is
/// written in the same statement. False (and nothing written) otherwise.
pub fn admit_practitioner(
    conn: &Conn,
    practitioner: PractitionerId,
    case: CaseId,
    entry: Option<(AuditAction, Option<&str>, Option<&str>)>,
) -> StoreResult<bool> {
    let Some((action, detail, client)) = entry else {
        return super::case_visible_to(conn, practitioner, case);
    };
    let n = conn
        .prepare_cached(&format!(
            "INSERT INTO audit (at, actor, practitioner_id, case_id, action, detail, client)
             SELECT :at, 'practitioner', :p, :c, :action, :detail, :client
             WHERE EXISTS (SELECT 1 FROM cases c WHERE c.id = :c AND {})",
            super::case::VISIBLE
        ))?
        .execute(named_params! {
            ":at": super::now(), ":p": practitioner.0, ":c": case.0,
            ":action": action.code(), ":detail": detail, ":client": client,
        })?;
    Ok(n == 1)
}

/// The case's own practitioner (not a co-worker) or an admin of its office:
/// who may move it to another practitioner. Then, when `entry` is given, its
/// row is written in the same statement. False (and nothing written) otherwise.
pub fn admit_mover(
    conn: &Conn,
    admin: PractitionerId,
    case: CaseId,
    entry: Option<(AuditAction, Option<&str>, Option<&str>)>,
) -> StoreResult<bool> {
    const OF_OFFICE: &str = "EXISTS (SELECT 1 FROM cases c JOIN practitioner p ON p.id = :p WHERE c.id = :c
                                     AND (c.practitioner_id = :p OR (p.is_admin = 1 AND p.office_id = c.office_id)))";
    let Some((action, detail, client)) = entry else {
        return Ok(conn.query_row(
            &format!("SELECT {OF_OFFICE}"),
            named_params! {":c": case.0, ":p": admin.0},
            |r| r.get(0),
        )?);
    };
    let n = conn
        .prepare_cached(&format!(
            "INSERT INTO audit (at, actor, practitioner_id, case_id, action, detail, client)
             SELECT :at, 'practitioner', :p, :c, :action, :detail, :client WHERE {OF_OFFICE}"
        ))?
        .execute(named_params! {
            ":at": super::now(), ":p": admin.0, ":c": case.0,
            ":action": action.code(), ":detail": detail, ":client": client,
        })?;
    Ok(n == 1)
}

/// What others did with a case since `since` (unix seconds), newest first, at
/// most `limit` rows: practitioners' reads and changes, supporters' looks, and
/// the security events of the case.
pub fn case_audit(conn: &Conn, case: CaseId, since: i64, limit: u32) -> StoreResult<Vec<AuditRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.at, a.actor, a.action, a.detail, p.name,
                (a.practitioner_id = c.practitioner_id)
         FROM audit a
         LEFT JOIN practitioner p ON p.id = a.practitioner_id
         LEFT JOIN cases c ON c.id = a.case_id
         WHERE a.case_id = ?1 AND a.at >= ?2
         ORDER BY a.at DESC, a.id DESC LIMIT ?3",
    )?;
    let rows = stmt.query_map(params![case.0, since, limit], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, Option<String>>(3)?,
            r.get::<_, Option<String>>(4)?,
            r.get::<_, Option<bool>>(5)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (at, actor, action, detail, name, allocated) = row?;
        let Some(action) = AuditAction::parse(&action) else { continue };
        let name = || name.clone().unwrap_or_else(|| "A probation worker".into());
        let who = match actor.as_str() {
            "practitioner" if allocated == Some(true) => Who::Officer(name()),
            "practitioner" => Who::Colleague(name()),
            "supporter" => Who::Supporter(detail.clone().unwrap_or_else(|| "Someone".into())),
            "person" => Who::You,
            _ => Who::Someone,
        };
        // The text of a practitioner's change is for the desk; the person's page words it itself.
        let detail = match action {
            AuditAction::ShareMade | AuditAction::ShareTurnedOff | AuditAction::CaseMoved => detail,
            _ => None,
        };
        out.push(AuditRow { at: timestamp(at)?, who, action, detail });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::testing;

    #[test]
    fn the_audit_refuses_change_and_keeps_a_deleted_cases_id() {
        let (store, _dir) = testing::store();
        crate::seed::seed(&store).unwrap();
        let conn = store.write().unwrap();
        let (sam, jay) = (PractitionerId(1), CaseId(1));
        let read = (AuditAction::Read(app::model::audit::Section::Licence), None, Some("192.0.2.7"));
        assert!(admit_practitioner(&conn, sam, jay, Some(read)).unwrap());
        assert!(!admit_practitioner(&conn, PractitionerId(2), jay, Some(read)).unwrap(), "Priya has not got Jay");
        let count = |conn: &Conn| -> i64 {
            conn.query_row("SELECT COUNT(*) FROM audit WHERE case_id = 1", (), |r| r.get(0)).unwrap()
        };
        let before = count(&conn);
        assert!(before >= 1);
        let client: String =
            conn.query_row("SELECT client FROM audit ORDER BY id DESC LIMIT 1", (), |r| r.get(0)).unwrap();
        assert_eq!(client, "192.0.2.7");
        for sql in ["UPDATE audit SET action = 'nothing'", "DELETE FROM audit", "UPDATE audit SET case_id = NULL"] {
            let err = conn.execute(sql, ()).unwrap_err().to_string();
            assert!(err.contains("append-only"), "{sql}: {err}");
        }
        // A case that goes keeps its rows, with its id.
        let new_case = app::model::NewCase::parse("Robin", "2026-01-01", "2027-01-01").unwrap();
        let robin =
            crate::store::insert_case(&conn, app::model::OfficeId(1), sam, &new_case, "49999999", false).unwrap();
        assert!(admit_practitioner(&conn, sam, robin, Some(read)).unwrap());
        conn.execute("DELETE FROM cases WHERE id = ?1", [robin.0]).unwrap();
        let kept: i64 =
            conn.query_row("SELECT COUNT(*) FROM audit WHERE case_id = ?1", [robin.0], |r| r.get(0)).unwrap();
        assert_eq!(kept, 1);
        assert_eq!(count(&conn), before);
    }
}
