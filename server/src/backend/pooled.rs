//! The boundary's async face: every call runs the SQLite engine on a bounded
//! blocking pool (`pool.rs`), never on an async worker thread. Why async and
//! not a synchronous trait wrapped at each server function: the pool is then
//! one decision in one place, server functions only `.await`, and a second
//! engine on an async client (PostgreSQL) implements the same traits without
//! any thread of its own and without a change in `app`.
//!
//! Each method copies what it borrows (the closure must own it) and calls the
//! engine's method of the same name.

use super::WaymarkBackend;
use app::backend::*;
use app::error::AppResult;
use app::model::hope::{self, HopeList};
use app::model::*;
use app::model::{about, catalogue, check_in, handover, parts, progress, request};

#[async_trait]
impl AboutBackend for WaymarkBackend {
    async fn person_about(&self, case: CaseId) -> AppResult<about::AboutMe> {
        self.query(move |e| e.person_about(case)).await
    }

    async fn save_prefs(&self, case: CaseId, prefs: &about::Prefs) -> AppResult<()> {
        let prefs = prefs.clone();
        self.query(move |e| e.save_prefs(case, &prefs)).await
    }

    async fn add_busy(&self, case: CaseId, form: &about::BusyForm) -> AppResult<()> {
        let form = form.clone();
        self.query(move |e| e.add_busy(case, &form)).await
    }

    async fn remove_busy(&self, case: CaseId, busy: about::BusyId) -> AppResult<()> {
        self.query(move |e| e.remove_busy(case, busy)).await
    }

    async fn answer_suggestion(&self, case: CaseId, suggestion: about::SuggestionId, accept: bool) -> AppResult<()> {
        self.query(move |e| e.answer_suggestion(case, suggestion, accept)).await
    }

    async fn case_about(&self, practitioner: PractitionerId, case: CaseId) -> AppResult<about::AboutMe> {
        self.query(move |e| e.case_about(practitioner, case)).await
    }

    async fn suggest_busy(
        &self,
        practitioner: PractitionerId,
        case: CaseId,
        form: &about::BusyForm,
        note: Option<&str>,
    ) -> AppResult<()> {
        let (form, note) = (form.clone(), note.map(str::to_owned));
        self.query(move |e| e.suggest_busy(practitioner, case, &form, note.as_deref())).await
    }
}

#[async_trait]
impl CheckInBackend for WaymarkBackend {
    async fn person_check_ins(&self, case: CaseId) -> AppResult<Vec<check_in::CheckIn>> {
        self.query(move |e| e.person_check_ins(case)).await
    }

    async fn check_in(&self, case: CaseId, said: &check_in::NewCheckIn) -> AppResult<check_in::CheckInId> {
        let said = said.clone();
        self.query(move |e| e.check_in(case, &said)).await
    }

    async fn case_check_ins(&self, practitioner: PractitionerId, case: CaseId) -> AppResult<Vec<check_in::CheckIn>> {
        self.query(move |e| e.case_check_ins(practitioner, case)).await
    }

    async fn see_check_in(&self, practitioner: PractitionerId, case: CaseId, id: check_in::CheckInId) -> AppResult<()> {
        self.query(move |e| e.see_check_in(practitioner, case, id)).await
    }

    async fn desk_check_ins(&self, practitioner: PractitionerId) -> AppResult<Vec<check_in::DeskCheckIn>> {
        self.query(move |e| e.desk_check_ins(practitioner)).await
    }
}

#[async_trait]
impl ProgressBackend for WaymarkBackend {
    async fn person_progress(&self, case: CaseId) -> AppResult<progress::Progress> {
        self.query(move |e| e.person_progress(case)).await
    }

    async fn set_goal(&self, case: CaseId, form: &progress::GoalForm) -> AppResult<progress::GoalId> {
        let form = form.clone();
        self.query(move |e| e.set_goal(case, &form)).await
    }

    async fn goal_done(&self, case: CaseId, goal: progress::GoalId) -> AppResult<()> {
        self.query(move |e| e.goal_done(case, goal)).await
    }

    async fn add_good_thing(&self, case: CaseId, title: &str) -> AppResult<progress::AchievementId> {
        let title = title.to_owned();
        self.query(move |e| e.add_good_thing(case, &title)).await
    }

    async fn case_progress(&self, practitioner: PractitionerId, case: CaseId) -> AppResult<progress::Progress> {
        self.query(move |e| e.case_progress(practitioner, case)).await
    }

    async fn record_good_thing(&self, practitioner: PractitionerId, case: CaseId, title: &str) -> AppResult<()> {
        let title = title.to_owned();
        self.query(move |e| e.record_good_thing(practitioner, case, &title)).await
    }

    async fn well_done(
        &self,
        practitioner: PractitionerId,
        case: CaseId,
        id: progress::AchievementId,
        words: &str,
    ) -> AppResult<()> {
        let words = words.to_owned();
        self.query(move |e| e.well_done(practitioner, case, id, &words)).await
    }
}

#[async_trait]
impl RequestBackend for WaymarkBackend {
    async fn person_requests(&self, case: CaseId) -> AppResult<Vec<request::Request>> {
        self.query(move |e| e.person_requests(case)).await
    }

    async fn ask(&self, case: CaseId, form: &request::RequestForm) -> AppResult<request::RequestId> {
        let form = form.clone();
        self.query(move |e| e.ask(case, &form)).await
    }

    async fn case_requests(&self, practitioner: PractitionerId, case: CaseId) -> AppResult<Vec<request::Request>> {
        self.query(move |e| e.case_requests(practitioner, case)).await
    }

    async fn answer_request(
        &self,
        practitioner: PractitionerId,
        case: CaseId,
        id: request::RequestId,
        form: &request::AnswerForm,
    ) -> AppResult<request::NewAnswer> {
        let form = form.clone();
        self.query(move |e| e.answer_request(practitioner, case, id, &form)).await
    }

    async fn desk_requests(&self, practitioner: PractitionerId) -> AppResult<Vec<request::DeskRequest>> {
        self.query(move |e| e.desk_requests(practitioner)).await
    }
}

#[async_trait]
impl HandoverBackend for WaymarkBackend {
    async fn handover_draft(&self, practitioner: PractitionerId, case: CaseId) -> AppResult<handover::HandoverDraft> {
        self.query(move |e| e.handover_draft(practitioner, case)).await
    }

    async fn move_case(
        &self,
        practitioner: PractitionerId,
        case: CaseId,
        form: &handover::HandoverForm,
    ) -> AppResult<HandoverId> {
        let form = form.clone();
        self.query(move |e| e.move_case(practitioner, case, &form)).await
    }

    async fn case_handover(&self, practitioner: PractitionerId, case: CaseId) -> AppResult<Option<handover::Handover>> {
        self.query(move |e| e.case_handover(practitioner, case)).await
    }

    async fn confirm_handover(&self, practitioner: PractitionerId, case: CaseId, id: HandoverId) -> AppResult<()> {
        self.query(move |e| e.confirm_handover(practitioner, case, id)).await
    }

    async fn office_cases(&self, practitioner: PractitionerId) -> AppResult<Vec<handover::OfficeCase>> {
        self.query(move |e| e.office_cases(practitioner)).await
    }
}

#[async_trait]
impl AuthBackend for WaymarkBackend {
    async fn sign_in_practitioner(&self, email: &str, password: &str, client: &ClientKey) -> AppResult<IssuedSession> {
        let (email, password, client) = (email.to_owned(), password.to_owned(), client.clone());
        self.hash(move |e| e.sign_in_practitioner_now(&email, &password, &client)).await
    }

    async fn activate(&self, code: &str, pin: &str, client: &ClientKey) -> AppResult<(IssuedSession, String)> {
        let (code, pin, client) = (code.to_owned(), pin.to_owned(), client.clone());
        self.hash(move |e| e.activate_now(&code, &pin, &client)).await
    }

    async fn sign_in_person(
        &self,
        number: &str,
        pin: &str,
        client: &ClientKey,
        device: Option<&str>,
    ) -> AppResult<IssuedSession> {
        let (number, pin, client, device) =
            (number.to_owned(), pin.to_owned(), client.clone(), device.map(str::to_owned));
        self.hash(move |e| e.sign_in_person_now(&number, &pin, &client, device.as_deref())).await
    }

    async fn sign_out(&self, token: &str) -> AppResult<()> {
        let token = token.to_owned();
        self.query(move |e| e.sign_out(&token)).await
    }
}

#[async_trait]
impl CaseBackend for WaymarkBackend {
    async fn person_home(&self, case: CaseId) -> AppResult<PersonHome> {
        self.query(move |e| e.person_home(case)).await
    }

    async fn caseload(&self, practitioner: PractitionerId) -> AppResult<Vec<CaseloadEntry>> {
        self.query(move |e| e.caseload(practitioner)).await
    }

    async fn case_overview(&self, practitioner: PractitionerId, case: CaseId) -> AppResult<CaseOverview> {
        self.query(move |e| e.case_overview(practitioner, case)).await
    }

    async fn create_case(&self, practitioner: PractitionerId, new_case: &NewCase) -> AppResult<CaseId> {
        let new_case = new_case.clone();
        self.query(move |e| e.create_case(practitioner, &new_case)).await
    }

    async fn issue_activation_code(&self, practitioner: PractitionerId, case: CaseId) -> AppResult<()> {
        self.query(move |e| e.issue_activation_code(practitioner, case)).await
    }

    async fn phone_lost(&self, practitioner: PractitionerId, case: CaseId) -> AppResult<()> {
        self.query(move |e| e.phone_lost(practitioner, case)).await
    }

    async fn who_has_looked(&self, case: CaseId) -> AppResult<Vec<app::model::audit::Looked>> {
        self.query(move |e| e.who_has_looked(case)).await
    }

    async fn pack_cover(&self, practitioner: PractitionerId, case: CaseId) -> AppResult<PackCover> {
        self.query(move |e| e.pack_cover(practitioner, case)).await
    }
}

#[async_trait]
impl HopeBackend for WaymarkBackend {
    async fn hope_list(&self, filter: &hope::HopeFilter) -> AppResult<HopeList> {
        let filter = filter.clone();
        self.query(move |e| e.hope_list(&filter)).await
    }

    async fn hope_service(&self, id: ServiceId) -> AppResult<hope::Service> {
        self.query(move |e| e.hope_service(id)).await
    }

    async fn office_services(&self, practitioner: PractitionerId) -> AppResult<Vec<hope::CuratedService>> {
        self.query(move |e| e.office_services(practitioner)).await
    }

    async fn curate_service(&self, practitioner: PractitionerId, id: ServiceId, what: hope::Curate) -> AppResult<()> {
        self.query(move |e| e.curate_service(practitioner, id, what)).await
    }

    async fn my_list(&self, case: CaseId) -> AppResult<Vec<hope::SavedService>> {
        self.query(move |e| e.my_list(case)).await
    }

    async fn keep_service(&self, case: CaseId, service: ServiceId, keep: bool) -> AppResult<()> {
        self.query(move |e| e.keep_service(case, service, keep)).await
    }

    async fn case_list(&self, practitioner: PractitionerId, case: CaseId) -> AppResult<Vec<hope::SavedService>> {
        self.query(move |e| e.case_list(practitioner, case)).await
    }

    async fn recommend_service(&self, practitioner: PractitionerId, case: CaseId, service: ServiceId) -> AppResult<()> {
        self.query(move |e| e.recommend_service(practitioner, case, service)).await
    }

    async fn save_service(
        &self,
        practitioner: PractitionerId,
        id: Option<ServiceId>,
        form: &hope::ServiceForm,
    ) -> AppResult<ServiceId> {
        let form = form.clone();
        self.query(move |e| e.save_service(practitioner, id, &form)).await
    }
}

#[async_trait]
impl LicenceBackend for WaymarkBackend {
    async fn templates(&self, version: &str) -> AppResult<parts::LicenceCatalogue> {
        let version = version.to_owned();
        self.query(move |e| e.templates(&version)).await
    }

    async fn template(&self, version: &str, code: &str) -> AppResult<Template> {
        let (version, code) = (version.to_owned(), code.to_owned());
        self.query(move |e| e.template(&version, &code)).await
    }

    async fn person_licence(&self, case: CaseId) -> AppResult<PersonLicence> {
        self.query(move |e| e.person_licence(case)).await
    }

    async fn read_letter(&self, case: CaseId, letter: ExplanationId) -> AppResult<()> {
        self.query(move |e| e.read_letter(case, letter)).await
    }

    async fn answer_condition(&self, case: CaseId, condition: ConditionId, answer: &Answer) -> AppResult<()> {
        let answer = answer.clone();
        self.query(move |e| e.answer_condition(case, condition, &answer)).await
    }

    async fn case_licence(&self, practitioner: PractitionerId, case: CaseId) -> AppResult<PersonLicence> {
        self.query(move |e| e.case_licence(practitioner, case)).await
    }

    async fn reporting(
        &self,
        practitioner: Option<PractitionerId>,
        case: CaseId,
    ) -> AppResult<Vec<(ConditionId, app::model::reporting::Reporting)>> {
        self.query(move |e| e.reporting(practitioner, case)).await
    }

    async fn add_condition(
        &self,
        practitioner: PractitionerId,
        case: CaseId,
        new: &NewCondition,
        explanation: Option<&str>,
    ) -> AppResult<ConditionId> {
        let (new, explanation) = (new.clone(), explanation.map(str::to_owned));
        self.query(move |e| e.add_condition(practitioner, case, &new, explanation.as_deref())).await
    }

    async fn edit_condition(
        &self,
        practitioner: PractitionerId,
        case: CaseId,
        condition: ConditionId,
        details: &catalogue::Details,
        explanation: Option<&str>,
    ) -> AppResult<()> {
        let (details, explanation) = (details.clone(), explanation.map(str::to_owned));
        self.query(move |e| e.edit_condition(practitioner, case, condition, &details, explanation.as_deref())).await
    }

    async fn remove_condition(
        &self,
        practitioner: PractitionerId,
        case: CaseId,
        condition: ConditionId,
    ) -> AppResult<()> {
        self.query(move |e| e.remove_condition(practitioner, case, condition)).await
    }

    async fn set_licence_setup(
        &self,
        practitioner: PractitionerId,
        case: CaseId,
        version: &str,
        licence_type: LicenceType,
        pss_end: Option<&str>,
    ) -> AppResult<()> {
        let (version, pss_end) = (version.to_owned(), pss_end.map(str::to_owned));
        self.query(move |e| e.set_licence_setup(practitioner, case, &version, licence_type, pss_end.as_deref())).await
    }

    async fn add_standard_conditions(&self, practitioner: PractitionerId, case: CaseId) -> AppResult<u32> {
        self.query(move |e| e.add_standard_conditions(practitioner, case)).await
    }

    async fn reply_to_question(
        &self,
        practitioner: PractitionerId,
        case: CaseId,
        condition: ConditionId,
        body: &str,
    ) -> AppResult<()> {
        let body = body.to_owned();
        self.query(move |e| e.reply_to_question(practitioner, case, condition, &body)).await
    }

    async fn add_explanation(
        &self,
        practitioner: PractitionerId,
        case: CaseId,
        kind: ExplanationKind,
        title: &str,
        body: &str,
    ) -> AppResult<()> {
        let (title, body) = (title.to_owned(), body.to_owned());
        self.query(move |e| e.add_explanation(practitioner, case, kind, &title, &body)).await
    }
}

#[async_trait]
impl PlanBackend for WaymarkBackend {
    async fn person_appointments(&self, case: CaseId) -> AppResult<Vec<Appointment>> {
        self.query(move |e| e.person_appointments(case)).await
    }

    async fn answer_appointment(&self, case: CaseId, appointment: AppointmentId, rsvp: &Rsvp) -> AppResult<()> {
        let rsvp = rsvp.clone();
        self.query(move |e| e.answer_appointment(case, appointment, &rsvp)).await
    }

    async fn case_appointments(&self, practitioner: PractitionerId, case: CaseId) -> AppResult<Vec<Appointment>> {
        self.query(move |e| e.case_appointments(practitioner, case)).await
    }

    async fn create_appointment(
        &self,
        practitioner: PractitionerId,
        case: CaseId,
        draft: &AppointmentDraft,
    ) -> AppResult<AppointmentId> {
        let draft = draft.clone();
        self.query(move |e| e.create_appointment(practitioner, case, &draft)).await
    }

    async fn update_appointment(
        &self,
        practitioner: PractitionerId,
        case: CaseId,
        appointment: AppointmentId,
        draft: &AppointmentDraft,
    ) -> AppResult<()> {
        let draft = draft.clone();
        self.query(move |e| e.update_appointment(practitioner, case, appointment, &draft)).await
    }

    async fn cancel_appointment(
        &self,
        practitioner: PractitionerId,
        case: CaseId,
        appointment: AppointmentId,
        reason: Option<&str>,
    ) -> AppResult<()> {
        let reason = reason.map(str::to_owned);
        self.query(move |e| e.cancel_appointment(practitioner, case, appointment, reason.as_deref())).await
    }

    async fn person_steps(&self, case: CaseId) -> AppResult<Vec<Step>> {
        self.query(move |e| e.person_steps(case)).await
    }

    async fn case_steps(&self, practitioner: PractitionerId, case: CaseId) -> AppResult<Vec<Step>> {
        self.query(move |e| e.case_steps(practitioner, case)).await
    }

    async fn set_step_status(
        &self,
        by: Option<PractitionerId>,
        case: CaseId,
        step: StepId,
        status: StepStatus,
        reason: Option<&str>,
    ) -> AppResult<()> {
        let reason = reason.map(str::to_owned);
        self.query(move |e| e.set_step_status(by, case, step, status, reason.as_deref())).await
    }

    async fn add_custom_step(
        &self,
        practitioner: PractitionerId,
        case: CaseId,
        track: Track,
        title: &str,
        helper: Option<&str>,
    ) -> AppResult<()> {
        let (title, helper) = (title.to_owned(), helper.map(str::to_owned));
        self.query(move |e| e.add_custom_step(practitioner, case, track, &title, helper.as_deref())).await
    }

    async fn steps_overview(&self, practitioner: PractitionerId) -> AppResult<Vec<StepsOverview>> {
        self.query(move |e| e.steps_overview(practitioner)).await
    }

    async fn set_step_helper(
        &self,
        practitioner: PractitionerId,
        case: CaseId,
        step: StepId,
        helper: Option<&str>,
    ) -> AppResult<()> {
        let helper = helper.map(str::to_owned);
        self.query(move |e| e.set_step_helper(practitioner, case, step, helper.as_deref())).await
    }

    async fn step_guides(&self) -> AppResult<Vec<StepGuide>> {
        self.query(move |e| e.step_guides()).await
    }

    async fn update_step_cost(
        &self,
        practitioner: PractitionerId,
        key: &str,
        cost: Option<&str>,
        checked_on: &str,
    ) -> AppResult<()> {
        let (key, cost, checked_on) = (key.to_owned(), cost.map(str::to_owned), checked_on.to_owned());
        self.query(move |e| e.update_step_cost(practitioner, &key, cost.as_deref(), &checked_on)).await
    }
}

#[async_trait]
impl ShareBackend for WaymarkBackend {
    async fn create_share_link(
        &self,
        case: CaseId,
        form: &share::ShareForm,
        session: &str,
    ) -> AppResult<share::ShareId> {
        let (form, session) = (form.clone(), session.to_owned());
        self.query(move |e| e.create_share_link(case, &form, &session)).await
    }

    async fn share_links(&self, case: CaseId) -> AppResult<Vec<share::ShareLink>> {
        self.query(move |e| e.share_links(case)).await
    }

    async fn made_share_link(
        &self,
        case: CaseId,
        id: share::ShareId,
        session: &str,
    ) -> AppResult<Option<share::MadeLink>> {
        let session = session.to_owned();
        self.query(move |e| e.made_share_link(case, id, &session)).await
    }

    async fn turn_off_share_link(&self, case: CaseId, id: share::ShareId) -> AppResult<()> {
        self.query(move |e| e.turn_off_share_link(case, id)).await
    }

    async fn case_share_links(&self, practitioner: PractitionerId, case: CaseId) -> AppResult<Vec<share::ShareLink>> {
        self.query(move |e| e.case_share_links(practitioner, case)).await
    }

    async fn end_share_link(&self, practitioner: PractitionerId, case: CaseId, id: share::ShareId) -> AppResult<()> {
        self.query(move |e| e.end_share_link(practitioner, case, id)).await
    }

    async fn shared_view(&self, token: &str) -> AppResult<Result<share::SharedView, share::ShareState>> {
        let token = token.to_owned();
        self.query(move |e| e.shared_view(&token)).await
    }
}
