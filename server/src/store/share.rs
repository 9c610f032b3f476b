//! Share links (see `app::model::share`).

use super::{timestamp, StoreResult};
use app::model::share::{ShareDraft, ShareId, ShareLink, ShareSections};
use app::model::CaseId;
use rusqlite::{params, Connection, OptionalExtension, Row};

const COLUMNS: &str =
    "id, case_id, token, who, show_appointments, show_licence, show_steps, created_at, ends_at, turned_off_at";

fn link(r: &Row) -> rusqlite::Result<(ShareLink, i64, i64, Option<i64>)> {
    Ok((
        ShareLink {
            id: ShareId(r.get(0)?),
            case_id: CaseId(r.get(1)?),
            token: r.get(2)?,
            who: r.get(3)?,
            sections: ShareSections { appointments: r.get(4)?, licence: r.get(5)?, steps: r.get(6)? },
            created_at: jiff::Timestamp::UNIX_EPOCH,
            ends_at: jiff::Timestamp::UNIX_EPOCH,
            turned_off_at: None,
        },
        r.get(7)?,
        r.get(8)?,
        r.get(9)?,
    ))
}

fn finish((mut l, created, ends, off): (ShareLink, i64, i64, Option<i64>)) -> StoreResult<ShareLink> {
    l.created_at = timestamp(created)?;
    l.ends_at = timestamp(ends)?;
    l.turned_off_at = off.map(timestamp).transpose()?;
    Ok(l)
}

pub fn insert_share_link(conn: &Connection, case: CaseId, token: &str, draft: &ShareDraft) -> StoreResult<ShareId> {
    let now = super::now();
    let s = draft.sections;
    conn.execute(
        "INSERT INTO share_link (case_id, token, who, show_appointments, show_licence, show_steps, created_at, ends_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![case.0, token, draft.who, s.appointments, s.licence, s.steps, now, now + draft.length.days() * 86_400],
    )?;
    Ok(ShareId(conn.last_insert_rowid()))
}

/// A case's links, newest first.
pub fn share_links(conn: &Connection, case: CaseId) -> StoreResult<Vec<ShareLink>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM share_link WHERE case_id = ?1 ORDER BY created_at DESC, id DESC"
    ))?;
    let rows = stmt.query_map([case.0], link)?.collect::<Result<Vec<_>, _>>()?;
    rows.into_iter().map(finish).collect()
}

pub fn share_link_by_token(conn: &Connection, token: &str) -> StoreResult<Option<ShareLink>> {
    let row =
        conn.query_row(&format!("SELECT {COLUMNS} FROM share_link WHERE token = ?1"), [token], link).optional()?;
    row.map(finish).transpose()
}

/// Turn a case's own link off. False if the case has no such link.
pub fn turn_off_share_link(conn: &Connection, case: CaseId, id: ShareId) -> StoreResult<bool> {
    let n = conn.execute(
        "UPDATE share_link SET turned_off_at = COALESCE(turned_off_at, ?3) WHERE id = ?1 AND case_id = ?2",
        params![id.0, case.0, super::now()],
    )?;
    Ok(n == 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::testing;
    use app::model::share::{ShareLength, ShareState};

    #[test]
    fn links_belong_to_their_case_and_turn_off_once() {
        let (store, _dir) = testing::store();
        crate::seed::seed(&store).unwrap();
        let conn = store.write();
        let (jay, alex) = (CaseId(1), CaseId(3));
        let draft = ShareDraft {
            who: "Mum".into(),
            sections: ShareSections { appointments: true, licence: false, steps: false },
            length: ShareLength::Week,
        };
        let id = insert_share_link(&conn, jay, "token-1", &draft).unwrap();
        let link = share_link_by_token(&conn, "token-1").unwrap().expect("found by its token");
        assert_eq!((link.id, link.case_id, link.who.as_str()), (id, jay, "Mum"));
        assert_eq!((link.ends_at - link.created_at).get_seconds(), 7 * 86_400);
        assert!(!turn_off_share_link(&conn, alex, id).unwrap(), "not Alex's link");
        assert!(turn_off_share_link(&conn, jay, id).unwrap());
        let first_off = share_link_by_token(&conn, "token-1").unwrap().unwrap().turned_off_at;
        assert!(turn_off_share_link(&conn, jay, id).unwrap());
        assert_eq!(
            share_link_by_token(&conn, "token-1").unwrap().unwrap().turned_off_at,
            first_off,
            "the first time stands"
        );
        assert_eq!(share_links(&conn, jay).unwrap()[0].state(jiff::Timestamp::now()), ShareState::TurnedOff);
        assert!(share_links(&conn, alex).unwrap().is_empty());
        assert_eq!(share_link_by_token(&conn, "no-such-token").unwrap(), None);
    }
}
