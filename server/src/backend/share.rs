//! `ShareBackend`: share links for supporters (rules in `app::model::share`).

use super::{db, WaymarkBackend};
use crate::{auth, store};
use app::backend::ShareBackend;
use app::error::{AppError, AppResult};
use app::model::share::{ShareForm, ShareId, ShareLink, ShareState, SharedView};
use app::model::CaseId;

impl ShareBackend for WaymarkBackend {
    fn create_share_link(&self, case: CaseId, form: &ShareForm) -> AppResult<ShareLink> {
        let draft = form.check()?;
        let token = auth::new_token();
        let mut conn = self.store().write();
        let tx = conn.transaction().map_err(db)?;
        let id = store::insert_share_link(&tx, case, &token, &draft)?;
        let link = store::share_links(&tx, case)?.into_iter().find(|l| l.id == id).ok_or(AppError::NotFound)?;
        tx.commit().map_err(db)?;
        Ok(link)
    }

    fn share_links(&self, case: CaseId) -> AppResult<Vec<ShareLink>> {
        Ok(store::share_links(&self.store().read(), case)?)
    }

    fn turn_off_share_link(&self, case: CaseId, id: ShareId) -> AppResult<()> {
        store::turn_off_share_link(&self.store().write(), case, id)?.then_some(()).ok_or(AppError::NotFound)
    }

    fn shared_view(&self, token: &str) -> AppResult<Result<SharedView, ShareState>> {
        let conn = self.store().read();
        let link = store::share_link_by_token(&conn, token)?.ok_or(AppError::NotFound)?;
        let now = jiff::Timestamp::now();
        match link.state(now) {
            ShareState::Open => {}
            ended => return Ok(Err(ended)),
        }
        let case = link.case_id;
        let home = store::person_home(&conn, case)?.ok_or(AppError::NotFound)?;
        let s = link.sections;
        // Read only what the link shows.
        let appointments = if s.appointments { store::appointments(&conn, case)? } else { Vec::new() };
        let conditions = if s.licence { self.licence(&conn, case)?.conditions } else { Vec::new() };
        let steps = if s.steps { store::steps(&conn, case)? } else { Vec::new() };
        drop(conn);
        store::audit(&self.store().write(), None, Some(case), "a supporter opened a share link")?;
        Ok(Ok(SharedView::build(home.preferred_name, &link, now, appointments, conditions, steps)))
    }
}
