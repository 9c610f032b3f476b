//! Share links (see `app::model::share`). Only a hash of each token is kept.

use super::{timestamp, StoreError, StoreResult};
use crate::store::sql::{params, Conn, OptionalExtension, Row};
use app::model::share::{ShareDraft, ShareId, ShareLink, ShareSections, TurnedOff, TurnedOffBy};
use app::model::CaseId;

const COLUMNS: &str = "id, case_id, who, show_appointments, show_licence, show_steps, created_at, ends_at, \
                       turned_off_at, turned_off_by";

type Raw = (ShareLink, i64, i64, Option<i64>, Option<String>);

fn link(r: &Row) -> crate::store::SqlResult<Raw> {
    Ok((
        ShareLink {
            id: ShareId(r.get(0)?),
            case_id: CaseId(r.get(1)?),
            who: r.get(2)?,
            sections: ShareSections { appointments: r.get(3)?, licence: r.get(4)?, steps: r.get(5)? },
            created_at: jiff::Timestamp::UNIX_EPOCH,
            ends_at: jiff::Timestamp::UNIX_EPOCH,
            turned_off: None,
        },
        r.get(6)?,
        r.get(7)?,
        r.get(8)?,
        r.get(9)?,
    ))
}

fn finish((mut l, created, ends, off_at, off_by): Raw) -> StoreResult<ShareLink> {
    l.created_at = timestamp(created)?;
    l.ends_at = timestamp(ends)?;
    l.turned_off = match (off_at, off_by) {
        (Some(at), Some(by)) => Some(TurnedOff {
            at: timestamp(at)?,
            by: TurnedOffBy::parse(&by).ok_or_else(|| StoreError::Corrupt(format!("turned off by {by}")))?,
        }),
        _ => None,
    };
    Ok(l)
}

/// A new link; `reveal_salt` lets the session that made it show it again for a while.
pub fn insert_share_link(
    conn: &Conn,
    case: CaseId,
    token_hash: &str,
    reveal_salt: &str,
    draft: &ShareDraft,
) -> StoreResult<ShareId> {
    let now = super::now();
    let s = draft.sections;
    let id = conn.insert_returning_id(
        "INSERT INTO share_link (case_id, token_hash, reveal_salt, who, show_appointments, show_licence, show_steps,
                                 created_at, ends_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) RETURNING id",
        params![
            case.0,
            token_hash,
            reveal_salt,
            draft.who,
            s.appointments,
            s.licence,
            s.steps,
            now,
            now + draft.length.days() * 86_400
        ],
    )?;
    Ok(ShareId(id))
}

/// A case's links, newest first.
pub fn share_links(conn: &Conn, case: CaseId) -> StoreResult<Vec<ShareLink>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM share_link WHERE case_id = ?1 ORDER BY created_at DESC, id DESC"
    ))?;
    let rows = stmt.query_map([case.0], link)?.collect::<Result<Vec<_>, _>>()?;
    rows.into_iter().map(finish).collect()
}

pub fn share_link_by_token_hash(conn: &Conn, token_hash: &str) -> StoreResult<Option<ShareLink>> {
    let row = conn
        .query_row(&format!("SELECT {COLUMNS} FROM share_link WHERE token_hash = ?1"), [token_hash], link)
        .optional()?;
    row.map(finish).transpose()
}

/// The salt and token hash of a case's link made since `since`, to show it again.
pub fn share_reveal(conn: &Conn, case: CaseId, id: ShareId, since: i64) -> StoreResult<Option<(String, String)>> {
    Ok(conn
        .query_row(
            "SELECT reveal_salt, token_hash FROM share_link
             WHERE id = ?1 AND case_id = ?2 AND created_at >= ?3 AND reveal_salt IS NOT NULL
               AND turned_off_at IS NULL",
            params![id.0, case.0, since],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

/// Forget the salts of links made before `before`: they can never be shown again.
pub fn forget_share_reveals(conn: &Conn, before: i64) -> StoreResult<usize> {
    Ok(conn.execute(
        "UPDATE share_link SET reveal_salt = NULL WHERE reveal_salt IS NOT NULL AND created_at < ?1",
        [before],
    )?)
}

/// Turn a case's own link off. False if the case has no such link.
pub fn turn_off_share_link(conn: &Conn, case: CaseId, id: ShareId, by: TurnedOffBy) -> StoreResult<bool> {
    let n = conn.execute(
        "UPDATE share_link SET turned_off_by = COALESCE(turned_off_by, ?4), turned_off_at = COALESCE(turned_off_at, ?3),
                               reveal_salt = NULL
         WHERE id = ?1 AND case_id = ?2",
        params![id.0, case.0, super::now(), by.as_str()],
    )?;
    Ok(n == 1)
}

/// End every open link of a case (a new code, a lost phone); returns their "who".
pub fn end_share_links(conn: &Conn, case: CaseId, by: TurnedOffBy) -> StoreResult<Vec<String>> {
    let now = super::now();
    let mut stmt = conn.prepare_cached(
        "UPDATE share_link SET turned_off_at = ?2, turned_off_by = ?3, reveal_salt = NULL
         WHERE case_id = ?1 AND turned_off_at IS NULL AND ends_at > ?2 RETURNING who",
    )?;
    let who = stmt.query_map(params![case.0, now, by.as_str()], |r| r.get(0))?.collect::<Result<Vec<_>, _>>()?;
    Ok(who)
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
        let conn = store.write().unwrap();
        let (jay, alex) = (CaseId(1), CaseId(3));
        let draft = ShareDraft {
            who: "Mum".into(),
            sections: ShareSections { appointments: true, licence: false, steps: false },
            length: ShareLength::Week,
        };
        let id = insert_share_link(&conn, jay, "hash-1", "salt", &draft).unwrap();
        let link = share_link_by_token_hash(&conn, "hash-1").unwrap().expect("found by its token's hash");
        assert_eq!((link.id, link.case_id, link.who.as_str()), (id, jay, "Mum"));
        assert_eq!((link.ends_at - link.created_at).get_seconds(), 7 * 86_400);
        assert!(share_reveal(&conn, jay, id, 0).unwrap().is_some());
        assert!(share_reveal(&conn, alex, id, 0).unwrap().is_none(), "not Alex's link");
        assert!(!turn_off_share_link(&conn, alex, id, TurnedOffBy::Person).unwrap(), "not Alex's link");
        assert!(turn_off_share_link(&conn, jay, id, TurnedOffBy::Person).unwrap());
        let first_off = share_link_by_token_hash(&conn, "hash-1").unwrap().unwrap().turned_off;
        assert!(turn_off_share_link(&conn, jay, id, TurnedOffBy::Practitioner).unwrap());
        assert_eq!(
            share_link_by_token_hash(&conn, "hash-1").unwrap().unwrap().turned_off,
            first_off,
            "the first stands"
        );
        assert!(share_reveal(&conn, jay, id, 0).unwrap().is_none(), "a turned-off link is never shown again");
        assert_eq!(share_links(&conn, jay).unwrap()[0].state(jiff::Timestamp::now()), ShareState::TurnedOff);
        assert!(share_links(&conn, alex).unwrap().is_empty());
        assert_eq!(share_link_by_token_hash(&conn, "no-such-hash").unwrap(), None);

        insert_share_link(&conn, jay, "hash-2", "salt", &draft).unwrap();
        assert_eq!(end_share_links(&conn, jay, TurnedOffBy::PhoneLost).unwrap(), ["Mum"]);
        let ended = share_link_by_token_hash(&conn, "hash-2").unwrap().unwrap().turned_off.unwrap();
        assert_eq!(ended.by, TurnedOffBy::PhoneLost);
        assert!(end_share_links(&conn, jay, TurnedOffBy::NewCode).unwrap().is_empty(), "nothing left open");
    }
}
