//! Cases: the person's home, the caseload, opening a case and its codes.

use super::{db, WaymarkBackend};
use crate::{auth, store};
use app::backend::CaseBackend;
use app::error::{AppError, AppResult};
use app::model::*;

impl CaseBackend for WaymarkBackend {
    fn person_home(&self, case: CaseId) -> AppResult<PersonHome> {
        store::person_home(&self.store.read(), case)?.ok_or(AppError::NotFound)
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
        // The same first steps every case has, each with its guidance.
        store::insert_standard_steps(&tx, case)?;
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
