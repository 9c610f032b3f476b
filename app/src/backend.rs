//! The one boundary between screens and data: `app` never touches SQLite.
//!
//! The server implements this trait and puts an `Arc<dyn Backend>` into the
//! Leptos context; server functions take it from there. Every method that
//! touches a case takes the caller's id, and the implementation filters by it,
//! so authorisation holds even if a server function forgot its own check.
//!
//! Every method is async (`async-trait`, so `dyn Backend` works): an engine
//! decides where its work runs. The SQLite engine runs each call on a bounded
//! blocking pool, off the async worker threads; a PostgreSQL engine (an async
//! client) would wait on the network without holding any thread. Screens only
//! `.await`, so neither choice changes `app`.

use crate::error::AppResult;
use crate::model::about;
use crate::model::catalogue;
use crate::model::check_in;
use crate::model::hope::{self, HopeList};
use crate::model::parts;
use crate::model::progress;
use crate::model::request;
use crate::model::*;
pub use async_trait::async_trait;
use std::sync::Arc;

/// Where an attempt came from (for back-off and the audit): the client's
/// address, an IPv6 client by its /64.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ClientKey(pub String);

/// Everything the screens may ask of the data, one sub-trait per aggregate.
pub trait Backend:
    AboutBackend
    + AuthBackend
    + CaseBackend
    + CheckInBackend
    + HandoverBackend
    + HopeBackend
    + LicenceBackend
    + PlanBackend
    + ProgressBackend
    + RequestBackend
    + ShareBackend
    + Send
    + Sync
    + 'static
{
}

impl<T> Backend for T where
    T: AboutBackend
        + AuthBackend
        + CaseBackend
        + CheckInBackend
        + HandoverBackend
        + HopeBackend
        + LicenceBackend
        + PlanBackend
        + ProgressBackend
        + RequestBackend
        + ShareBackend
        + Send
        + Sync
        + 'static
{
}

/// Sign-in and sessions. Every failure answers alike, after the same work
/// (one argon2 run), whatever was wrong.
#[async_trait]
pub trait AuthBackend {
    async fn sign_in_practitioner(&self, email: &str, password: &str, client: &ClientKey) -> AppResult<IssuedSession>;
    /// Use a one-time code and choose a PIN; returns the session and the person's Waymark number.
    async fn activate(&self, code: &str, pin: &str, client: &ClientKey) -> AppResult<(IssuedSession, String)>;
    /// `device`: the phone's device cookie, if it has one (a known phone is
    /// slowed only by its own wrong tries, never by a stranger's).
    async fn sign_in_person(
        &self,
        waymark_number: &str,
        pin: &str,
        client: &ClientKey,
        device: Option<&str>,
    ) -> AppResult<IssuedSession>;
    async fn sign_out(&self, token: &str) -> AppResult<()>;
}

/// Cases: the person's home and the practitioner's caseload.
#[async_trait]
pub trait CaseBackend {
    async fn person_home(&self, case: CaseId) -> AppResult<PersonHome>;
    async fn caseload(&self, practitioner: PractitionerId) -> AppResult<Vec<CaseloadEntry>>;
    async fn case_overview(&self, practitioner: PractitionerId, case: CaseId) -> AppResult<CaseOverview>;
    /// Open a case allocated to the practitioner; returns its id. A code is issued with it.
    async fn create_case(&self, practitioner: PractitionerId, new_case: &NewCase) -> AppResult<CaseId>;
    /// Issue a new one-time code, replacing any unused one; the case's share links end.
    async fn issue_activation_code(&self, practitioner: PractitionerId, case: CaseId) -> AppResult<()>;
    /// "This phone is lost": every session, known phone and share link of the
    /// case ends, the PIN stops working, and a new code is issued.
    async fn phone_lost(&self, practitioner: PractitionerId, case: CaseId) -> AppResult<()>;
    /// For the person: who else has looked at or changed their information, grouped.
    async fn who_has_looked(&self, case: CaseId) -> AppResult<Vec<crate::model::audit::Looked>>;
    /// The paper pack's first page (who looks after the case and where, the
    /// week ahead), for its practitioner.
    async fn pack_cover(&self, practitioner: PractitionerId, case: CaseId) -> AppResult<PackCover>;
}

/// Handover: a case moving to another practitioner, with notes for them.
#[async_trait]
pub trait HandoverBackend {
    /// The move form's start: what Waymark knows, for the case's practitioner
    /// or an admin of its office.
    async fn handover_draft(
        &self,
        practitioner: PractitionerId,
        case: CaseId,
    ) -> AppResult<crate::model::handover::HandoverDraft>;
    /// Move the case, with the notes, to the practitioner with the form's email.
    async fn move_case(
        &self,
        practitioner: PractitionerId,
        case: CaseId,
        form: &crate::model::handover::HandoverForm,
    ) -> AppResult<HandoverId>;
    /// The case's latest handover, for whoever may see the case now.
    async fn case_handover(
        &self,
        practitioner: PractitionerId,
        case: CaseId,
    ) -> AppResult<Option<crate::model::handover::Handover>>;
    /// The new practitioner says they have read it.
    async fn confirm_handover(&self, practitioner: PractitionerId, case: CaseId, id: HandoverId) -> AppResult<()>;
    /// Every case of an office admin's office, and who has it.
    async fn office_cases(&self, practitioner: PractitionerId) -> AppResult<Vec<crate::model::handover::OfficeCase>>;
}

/// The hope corner: public lists, "my list", and curation by office admins.
#[async_trait]
pub trait HopeBackend {
    /// Services matching the filter, and the areas that have local services.
    async fn hope_list(&self, filter: &hope::HopeFilter) -> AppResult<HopeList>;
    async fn hope_service(&self, id: ServiceId) -> AppResult<hope::Service>;
    /// The practitioner's office's services and the national helplines, for curation.
    async fn office_services(&self, practitioner: PractitionerId) -> AppResult<Vec<hope::CuratedService>>;
    /// Office admins only: mark checked today, hide or show again.
    async fn curate_service(&self, practitioner: PractitionerId, id: ServiceId, what: hope::Curate) -> AppResult<()>;
    /// The person's "my list".
    async fn my_list(&self, case: CaseId) -> AppResult<Vec<hope::SavedService>>;
    async fn keep_service(&self, case: CaseId, service: ServiceId, keep: bool) -> AppResult<()>;
    /// A case's list, for its practitioner.
    async fn case_list(&self, practitioner: PractitionerId, case: CaseId) -> AppResult<Vec<hope::SavedService>>;
    async fn recommend_service(&self, practitioner: PractitionerId, case: CaseId, service: ServiceId) -> AppResult<()>;
    /// Office admins only: add a service to their office (`id` None) or change one they may curate.
    async fn save_service(
        &self,
        practitioner: PractitionerId,
        id: Option<ServiceId>,
        form: &hope::ServiceForm,
    ) -> AppResult<ServiceId>;
}

/// Licence conditions: the catalogue, each case's conditions, answers and explanations.
#[async_trait]
pub trait LicenceBackend {
    /// What a licence on one policy version can have (for choosing conditions):
    /// each part's conditions from its source version, and where each comes from.
    async fn templates(&self, version: &str) -> AppResult<parts::LicenceCatalogue>;
    async fn template(&self, version: &str, code: &str) -> AppResult<Template>;
    /// The person's own licence (reading it marks nothing: a GET changes no state).
    async fn person_licence(&self, case: CaseId) -> AppResult<PersonLicence>;
    /// The person says they have read a letter; the first reading stands.
    async fn read_letter(&self, case: CaseId, letter: ExplanationId) -> AppResult<()>;
    async fn answer_condition(&self, case: CaseId, condition: ConditionId, answer: &Answer) -> AppResult<()>;
    /// A case's licence as its practitioner sees it.
    async fn case_licence(&self, practitioner: PractitionerId, case: CaseId) -> AppResult<PersonLicence>;
    /// The case's reporting rules as times to go: the person's own (`practitioner`
    /// `None`), or a case the practitioner may see. Reads only the conditions'
    /// details, not the whole licence.
    async fn reporting(
        &self,
        practitioner: Option<PractitionerId>,
        case: CaseId,
    ) -> AppResult<Vec<(ConditionId, crate::model::reporting::Reporting)>>;
    async fn add_condition(
        &self,
        practitioner: PractitionerId,
        case: CaseId,
        new: &NewCondition,
        explanation: Option<&str>,
    ) -> AppResult<ConditionId>;
    /// A new version of a condition: new values and/or a new explanation.
    async fn edit_condition(
        &self,
        practitioner: PractitionerId,
        case: CaseId,
        condition: ConditionId,
        details: &catalogue::Details,
        explanation: Option<&str>,
    ) -> AppResult<()>;
    async fn remove_condition(
        &self,
        practitioner: PractitionerId,
        case: CaseId,
        condition: ConditionId,
    ) -> AppResult<()>;
    /// Which catalogue version and which parts (licence, PSS or both) the licence has.
    async fn set_licence_setup(
        &self,
        practitioner: PractitionerId,
        case: CaseId,
        version: &str,
        licence_type: LicenceType,
        pss_end: Option<&str>,
    ) -> AppResult<()>;
    /// Add every standard condition of the case's version and parts not already on it; returns how many.
    async fn add_standard_conditions(&self, practitioner: PractitionerId, case: CaseId) -> AppResult<u32>;
    async fn reply_to_question(
        &self,
        practitioner: PractitionerId,
        case: CaseId,
        condition: ConditionId,
        body: &str,
    ) -> AppResult<()>;
    async fn add_explanation(
        &self,
        practitioner: PractitionerId,
        case: CaseId,
        kind: ExplanationKind,
        title: &str,
        body: &str,
    ) -> AppResult<()>;
}

/// Appointments and the steps to ID, a bank account and the rest.
#[async_trait]
pub trait PlanBackend {
    async fn person_appointments(&self, case: CaseId) -> AppResult<Vec<Appointment>>;
    async fn answer_appointment(&self, case: CaseId, appointment: AppointmentId, rsvp: &Rsvp) -> AppResult<()>;
    async fn case_appointments(&self, practitioner: PractitionerId, case: CaseId) -> AppResult<Vec<Appointment>>;
    async fn create_appointment(
        &self,
        practitioner: PractitionerId,
        case: CaseId,
        draft: &AppointmentDraft,
    ) -> AppResult<AppointmentId>;
    async fn update_appointment(
        &self,
        practitioner: PractitionerId,
        case: CaseId,
        appointment: AppointmentId,
        draft: &AppointmentDraft,
    ) -> AppResult<()>;
    async fn cancel_appointment(
        &self,
        practitioner: PractitionerId,
        case: CaseId,
        appointment: AppointmentId,
        reason: Option<&str>,
    ) -> AppResult<()>;
    async fn person_steps(&self, case: CaseId) -> AppResult<Vec<Step>>;
    async fn case_steps(&self, practitioner: PractitionerId, case: CaseId) -> AppResult<Vec<Step>>;
    /// `by`: `None` for the person, the practitioner otherwise (who must have the case).
    async fn set_step_status(
        &self,
        by: Option<PractitionerId>,
        case: CaseId,
        step: StepId,
        status: StepStatus,
        reason: Option<&str>,
    ) -> AppResult<()>;
    async fn add_custom_step(
        &self,
        practitioner: PractitionerId,
        case: CaseId,
        track: Track,
        title: &str,
        helper: Option<&str>,
    ) -> AppResult<()>;
    async fn steps_overview(&self, practitioner: PractitionerId) -> AppResult<Vec<StepsOverview>>;
    async fn set_step_helper(
        &self,
        practitioner: PractitionerId,
        case: CaseId,
        step: StepId,
        helper: Option<&str>,
    ) -> AppResult<()>;
    /// Step guidance with prices; only office admins may change prices.
    async fn step_guides(&self) -> AppResult<Vec<StepGuide>>;
    async fn update_step_cost(
        &self,
        practitioner: PractitionerId,
        key: &str,
        cost: Option<&str>,
        checked_on: &str,
    ) -> AppResult<()>;
}

/// "About me": the person's own words on how to reach them, what helps and
/// the times they cannot do. Only the person changes it; their practitioner
/// reads it and suggests times, which the person adds or turns down.
#[async_trait]
pub trait AboutBackend {
    async fn person_about(&self, case: CaseId) -> AppResult<about::AboutMe>;
    async fn save_prefs(&self, case: CaseId, prefs: &about::Prefs) -> AppResult<()>;
    async fn add_busy(&self, case: CaseId, form: &about::BusyForm) -> AppResult<()>;
    async fn remove_busy(&self, case: CaseId, busy: about::BusyId) -> AppResult<()>;
    async fn answer_suggestion(&self, case: CaseId, suggestion: about::SuggestionId, accept: bool) -> AppResult<()>;
    async fn case_about(&self, practitioner: PractitionerId, case: CaseId) -> AppResult<about::AboutMe>;
    async fn suggest_busy(
        &self,
        practitioner: PractitionerId,
        case: CaseId,
        form: &about::BusyForm,
        note: Option<&str>,
    ) -> AppResult<()>;
}

/// Check-ins: the person says how things are between appointments; their
/// practitioner sees them (those asking for contact and low moods first) and
/// marks each one seen.
#[async_trait]
pub trait CheckInBackend {
    async fn person_check_ins(&self, case: CaseId) -> AppResult<Vec<check_in::CheckIn>>;
    async fn check_in(&self, case: CaseId, said: &check_in::NewCheckIn) -> AppResult<check_in::CheckInId>;
    async fn case_check_ins(&self, practitioner: PractitionerId, case: CaseId) -> AppResult<Vec<check_in::CheckIn>>;
    async fn see_check_in(&self, practitioner: PractitionerId, case: CaseId, id: check_in::CheckInId) -> AppResult<()>;
    /// Not yet seen, on every case the practitioner may see, in the desk's order.
    async fn desk_check_ins(&self, practitioner: PractitionerId) -> AppResult<Vec<check_in::DeskCheckIn>>;
}

/// Progress: the person's goals and what went well; their practitioner
/// records what went well too and says "well done".
#[async_trait]
pub trait ProgressBackend {
    async fn person_progress(&self, case: CaseId) -> AppResult<progress::Progress>;
    async fn set_goal(&self, case: CaseId, form: &progress::GoalForm) -> AppResult<progress::GoalId>;
    async fn goal_done(&self, case: CaseId, goal: progress::GoalId) -> AppResult<()>;
    async fn add_good_thing(&self, case: CaseId, title: &str) -> AppResult<progress::AchievementId>;
    async fn case_progress(&self, practitioner: PractitionerId, case: CaseId) -> AppResult<progress::Progress>;
    async fn record_good_thing(&self, practitioner: PractitionerId, case: CaseId, title: &str) -> AppResult<()>;
    async fn well_done(
        &self,
        practitioner: PractitionerId,
        case: CaseId,
        id: progress::AchievementId,
        words: &str,
    ) -> AppResult<()>;
}

/// Requests: the person asks for permission or a change; their practitioner
/// answers in writing, and the answer becomes a letter on the licence.
#[async_trait]
pub trait RequestBackend {
    async fn person_requests(&self, case: CaseId) -> AppResult<Vec<request::Request>>;
    async fn ask(&self, case: CaseId, form: &request::RequestForm) -> AppResult<request::RequestId>;
    async fn case_requests(&self, practitioner: PractitionerId, case: CaseId) -> AppResult<Vec<request::Request>>;
    /// Returns the answer as checked (it may lead to changing a condition).
    async fn answer_request(
        &self,
        practitioner: PractitionerId,
        case: CaseId,
        id: request::RequestId,
        form: &request::AnswerForm,
    ) -> AppResult<request::NewAnswer>;
    /// Open requests on every case the practitioner may see, the longest waiting first.
    async fn desk_requests(&self, practitioner: PractitionerId) -> AppResult<Vec<request::DeskRequest>>;
}

/// Share links: a person lets a supporter see chosen parts of their plan.
#[async_trait]
pub trait ShareBackend {
    /// A new link on the person's own case, made under their session's token
    /// (`session`), which alone can show it again, for a few minutes.
    async fn create_share_link(
        &self,
        case: CaseId,
        form: &share::ShareForm,
        session: &str,
    ) -> AppResult<share::ShareId>;
    async fn share_links(&self, case: CaseId) -> AppResult<Vec<share::ShareLink>>;
    /// The link just made, with its secret: only for the session that made it, only for a few minutes.
    async fn made_share_link(
        &self,
        case: CaseId,
        id: share::ShareId,
        session: &str,
    ) -> AppResult<Option<share::MadeLink>>;
    async fn turn_off_share_link(&self, case: CaseId, id: share::ShareId) -> AppResult<()>;
    /// A case's links for its practitioner: who, what, until (never the token).
    async fn case_share_links(&self, practitioner: PractitionerId, case: CaseId) -> AppResult<Vec<share::ShareLink>>;
    async fn end_share_link(&self, practitioner: PractitionerId, case: CaseId, id: share::ShareId) -> AppResult<()>;
    /// What a supporter sees through a link: `NotFound` for an unknown token,
    /// `Ok(Err(state))` for a link that has ended or was turned off.
    async fn shared_view(&self, token: &str) -> AppResult<Result<share::SharedView, share::ShareState>>;
}

pub type SharedBackend = Arc<dyn Backend>;
