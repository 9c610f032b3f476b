//! `ShareBackend`: share links for supporters (rules in `app::model::share`).
//! Only a hash of each token is kept; the person sees a link once, as it is made.

use super::{Caller, Engine};
use crate::auth;
use crate::store::{self, Actor};
use app::error::{AppError, AppResult};
use app::model::audit::{AuditAction, Section};
use app::model::share::{MadeLink, ShareForm, ShareId, ShareLink, ShareState, SharedView, TurnedOffBy};
use app::model::{CaseId, PractitionerId};

impl Engine {
    pub(crate) fn create_share_link(&self, case: CaseId, form: &ShareForm, session: &str) -> AppResult<ShareId> {
        let draft = form.check()?;
        let salt = auth::new_token();
        let token = auth::share_token(session, &salt);
        self.store.write_tx(|tx| {
            let id = store::insert_share_link(tx, case, &auth::token_hash(&token), &salt, &draft)?;
            self.record_event(tx, Actor::Person, Some(case), AuditAction::ShareMade, Some(&draft.who), None)?;
            Ok(id)
        })
    }

    pub(crate) fn share_links(&self, case: CaseId) -> AppResult<Vec<ShareLink>> {
        Ok(store::share_links(&self.store.read()?, case)?)
    }

    pub(crate) fn made_share_link(&self, case: CaseId, id: ShareId, session: &str) -> AppResult<Option<MadeLink>> {
        let since = store::now() - auth::SHARE_REVEAL_SECONDS;
        let Some((salt, hash)) = store::share_reveal(&self.store.read()?, case, id, since)? else { return Ok(None) };
        let token = auth::share_token(session, &salt);
        // Another session's token makes another token: it shows nothing.
        Ok((auth::token_hash(&token) == hash).then_some(MadeLink { id, token }))
    }

    pub(crate) fn turn_off_share_link(&self, case: CaseId, id: ShareId) -> AppResult<()> {
        self.store.write_tx(|tx| {
            let who = store::share_links(tx, case)?.into_iter().find(|l| l.id == id).map(|l| l.who);
            let who = who.ok_or(AppError::NotFound)?;
            store::turn_off_share_link(tx, case, id, TurnedOffBy::Person)?;
            self.record_event(tx, Actor::Person, Some(case), AuditAction::ShareTurnedOff, Some(&who), None)?;
            Ok(())
        })
    }

    pub(crate) fn case_share_links(&self, practitioner: PractitionerId, case: CaseId) -> AppResult<Vec<ShareLink>> {
        self.on_case_read(practitioner, case, Section::ShareLinks, |conn| Ok(store::share_links(conn, case)?))
    }

    pub(crate) fn end_share_link(&self, practitioner: PractitionerId, case: CaseId, id: ShareId) -> AppResult<()> {
        // The link's "who" names it in the audit; nothing of it leaves before the door says yes.
        let who = store::share_links(&self.store.read()?, case)?.into_iter().find(|l| l.id == id).map(|l| l.who);
        let who = who.unwrap_or_default();
        let caller = Caller::Practitioner(practitioner);
        self.write_case(&caller, case, AuditAction::ShareTurnedOff, &who, |tx| {
            store::turn_off_share_link(tx, case, id, TurnedOffBy::Practitioner)?.then_some(()).ok_or(AppError::NotFound)
        })
    }

    pub(crate) fn shared_view(&self, token: &str) -> AppResult<Result<SharedView, ShareState>> {
        let link = store::share_link_by_token_hash(&self.store.read()?, &auth::token_hash(token))?;
        let link = link.ok_or(AppError::NotFound)?;
        let now = jiff::Timestamp::now();
        match link.state(now) {
            ShareState::Open => {}
            ended => return Ok(Err(ended)),
        }
        let case = link.case_id;
        let caller = Caller::Supporter { link: link.id, who: link.who.clone() };
        let s = link.sections;
        // Each part shown is recorded as the supporter's read, through the same door.
        let shown = [(s.appointments, Section::Appointments), (s.licence, Section::Licence), (s.steps, Section::Steps)];
        self.store.write_tx(|conn| {
            for (_, section) in shown.iter().filter(|(on, _)| *on) {
                self.case_access(conn, &caller, case, AuditAction::Read(*section), None)?;
            }
            Ok::<_, AppError>(())
        })?;
        let conn = self.store.read()?;
        let home = store::person_home(&conn, case)?.ok_or(AppError::NotFound)?;
        // Read only what the link shows.
        let appointments = if s.appointments { store::appointments(&conn, case)? } else { Vec::new() };
        let conditions = if s.licence { self.licence(&conn, case)?.conditions } else { Vec::new() };
        let steps = if s.steps { store::steps(&conn, case)? } else { Vec::new() };
        Ok(Ok(SharedView::build(home.preferred_name, &link, now, appointments, conditions, steps)))
    }
}
