//! Cases: the person's home, the caseload, opening a case and its codes.

use super::{db, WaymarkBackend};
use crate::{auth, store};
use app::backend::CaseBackend;
use app::error::{AppError, AppResult};
use app::model::*;

impl WaymarkBackend {
    /// What is new for the person, from their own explicit acts only: answers
    /// to their questions and changed rules until they answer again, letters
    /// until they say they read them, moved appointments until they reply.
    fn news(&self, conn: &rusqlite::Connection, case: CaseId) -> AppResult<Vec<news::News>> {
        use news::News;
        let mut out = Vec::new();
        let rules = store::condition_rows(conn, case)?;
        let headline = |row: &store::ConditionRow| self.headline(&row.template);
        for row in rules.iter().filter(|r| r.understanding == Understanding::Answered) {
            out.push(News::Answer { condition: row.id, headline: headline(row) });
        }
        for letter in store::explanations(conn, case)?.into_iter().filter(|e| e.read_at.is_none()) {
            out.push(News::Letter { id: letter.id, title: letter.title });
        }
        for row in rules.iter().filter(|r| r.understanding == Understanding::Changed) {
            out.push(News::ChangedRule { condition: row.id, headline: headline(row) });
        }
        let now = jiff::Timestamp::now();
        for a in store::appointments(conn, case)? {
            let Some(starts_at) = a.next_start(now).filter(|_| !a.cancelled && a.rsvp.is_none()) else { continue };
            let moved = a.moved_from.is_some();
            if moved || a.change_notice().is_some() {
                out.push(News::Appointment { id: a.id, kind: a.kind, starts_at, moved });
            }
        }
        Ok(out)
    }
}

impl CaseBackend for WaymarkBackend {
    fn person_home(&self, case: CaseId) -> AppResult<PersonHome> {
        let conn = self.store.read();
        let mut home = store::person_home(&conn, case)?.ok_or(AppError::NotFound)?;
        home.news = self.news(&conn, case)?;
        Ok(home)
    }

    fn caseload(&self, practitioner: PractitionerId) -> AppResult<Vec<CaseloadEntry>> {
        Ok(store::caseload(&self.store.read(), practitioner)?)
    }

    fn case_overview(&self, practitioner: PractitionerId, case: CaseId) -> AppResult<CaseOverview> {
        let overview = store::case_overview(&self.store.read(), practitioner, case)?.ok_or(AppError::NotFound)?;
        store::audit(&self.store.write(), Some(practitioner), Some(case), "viewed case")?;
        Ok(overview)
    }

    fn create_case(&self, practitioner: PractitionerId, new_case: &NewCase) -> AppResult<CaseId> {
        let mut conn = self.store.write();
        let tx = conn.transaction().map_err(db)?;
        let (office, _) = store::practitioner_office(&tx, practitioner)?.ok_or(AppError::Forbidden)?;
        let mut number = auth::new_waymark_number();
        while store::waymark_number_taken(&tx, &number)? {
            number = auth::new_waymark_number();
        }
        let case = store::insert_case(&tx, office, practitioner, new_case, &number, false)?;
        self.issue_code(&tx, practitioner, case)?;
        store::audit(&tx, Some(practitioner), Some(case), "opened case")?;
        tx.commit().map_err(db)?;
        Ok(case)
    }

    fn issue_activation_code(&self, practitioner: PractitionerId, case: CaseId) -> AppResult<()> {
        let mut conn = self.store.write();
        let tx = conn.transaction().map_err(db)?;
        if !store::case_visible_to(&tx, practitioner, case)? {
            return Err(AppError::NotFound);
        }
        self.issue_code(&tx, practitioner, case)?;
        store::audit(&tx, Some(practitioner), Some(case), "issued activation code")?;
        tx.commit().map_err(db)?;
        Ok(())
    }
}
