//! The hope corner: public lists, "my list", and office admins' curation.

use super::{may_change, Engine};
use crate::store;
use app::error::{AppError, AppResult};
use app::model::audit::Section;
use app::model::*;

impl Engine {
    pub(crate) fn hope_list(&self, filter: &hope::HopeFilter) -> AppResult<hope::HopeList> {
        let conn = self.store.read()?;
        let areas = store::service_areas(&conn)?;
        if filter.area.as_ref().is_some_and(|a| !areas.contains(a)) {
            return Err(AppError::invalid(
                "area",
                "We have no local services for that area yet. Choose an area from the list.",
            ));
        }
        let mut services = store::find_services(&conn, filter)?;
        if let Some(near) = filter.near {
            hope::sort_nearest_first(&mut services, near);
        }
        Ok(hope::HopeList { services, areas, near: filter.near })
    }

    pub(crate) fn hope_service(&self, id: ServiceId) -> AppResult<hope::Service> {
        store::service(&self.store.read()?, id)?.ok_or(AppError::NotFound)
    }

    pub(crate) fn office_services(&self, practitioner: PractitionerId) -> AppResult<Vec<hope::CuratedService>> {
        let conn = self.store.read()?;
        let (office, admin) = store::practitioner_office(&conn, practitioner)?.ok_or(AppError::Forbidden)?;
        let today = jiff::Timestamp::now().to_zoned(app::format::london()).date();
        Ok(store::services_for_office(&conn, office)?
            .into_iter()
            .map(|(service, hidden)| hope::CuratedService {
                stale: hope::is_stale(service.checked_on, today),
                may_change: may_change(admin, office, (!service.national()).then_some(office)),
                service,
                hidden,
            })
            .collect())
    }

    pub(crate) fn curate_service(
        &self,
        practitioner: PractitionerId,
        id: ServiceId,
        what: hope::Curate,
    ) -> AppResult<()> {
        self.store.write_tx(|conn| {
            self.may_curate(conn, practitioner, Some(id))?;
            match what {
                hope::Curate::CheckedToday => {
                    let today = jiff::Timestamp::now().to_zoned(app::format::london()).date();
                    store::mark_service_checked(conn, id, today)?
                }
                hope::Curate::Hide => store::set_service_hidden(conn, id, true)?,
                hope::Curate::Show => store::set_service_hidden(conn, id, false)?,
            }
            store::audit(conn, Some(practitioner), None, "curated a hope-corner service")?;
            Ok(())
        })
    }

    pub(crate) fn my_list(&self, case: CaseId) -> AppResult<Vec<hope::SavedService>> {
        Ok(store::saved_services(&self.store.read()?, case)?)
    }

    pub(crate) fn keep_service(&self, case: CaseId, service: ServiceId, keep: bool) -> AppResult<()> {
        store::keep_service(&self.store.write()?, case, service, keep, None)?.then_some(()).ok_or(AppError::NotFound)
    }

    pub(crate) fn case_list(&self, practitioner: PractitionerId, case: CaseId) -> AppResult<Vec<hope::SavedService>> {
        self.on_case_read(practitioner, case, Section::MyList, |conn| Ok(store::saved_services(conn, case)?))
    }

    pub(crate) fn recommend_service(
        &self,
        practitioner: PractitionerId,
        case: CaseId,
        service: ServiceId,
    ) -> AppResult<()> {
        self.on_case(practitioner, case, Section::MyList, "recommended a service", |tx| {
            store::keep_service(tx, case, service, true, Some(practitioner))?.then_some(()).ok_or(AppError::NotFound)
        })
    }

    pub(crate) fn save_service(
        &self,
        practitioner: PractitionerId,
        id: Option<ServiceId>,
        form: &hope::ServiceForm,
    ) -> AppResult<ServiceId> {
        let draft = form.check()?;
        let today = jiff::Timestamp::now().to_zoned(app::format::london()).date();
        self.store.write_tx(|tx| {
            let office = self.may_curate(tx, practitioner, id)?;
            let id = store::save_service(tx, id, office, &draft, today)?;
            store::audit(tx, Some(practitioner), None, "saved a hope-corner service")?;
            Ok(id)
        })
    }
}
