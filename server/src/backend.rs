//! `app::backend::Backend` for the real server: the store plus sign-in rules.

use crate::auth::{self, Limits};
use crate::catalogue::Catalogue;
use crate::store::{self, SessionOwner, Store, StoreError};
use app::backend::{Backend, ClientKey, LicenceBackend, PlanBackend};
use app::error::{AppError, AppResult};
use app::model::catalogue::{check_details, Details};
use app::model::*;
use std::sync::Arc;

mod condition_map;
mod share;

pub struct WaymarkBackend {
    store: Arc<Store>,
    catalogue: Arc<Catalogue>,
    limits: Limits,
    /// Production refuses demo accounts even if demo rows are in the database.
    refuse_demo: bool,
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        AppError::internal(e)
    }
}

fn db(e: rusqlite::Error) -> AppError {
    AppError::internal(e)
}

fn limited(l: auth::Limited) -> AppError {
    AppError::TooManyAttempts { minutes: l.minutes }
}

impl WaymarkBackend {
    pub fn new(store: Arc<Store>, catalogue: Arc<Catalogue>, limits: Limits, refuse_demo: bool) -> Self {
        WaymarkBackend { store, catalogue, limits, refuse_demo }
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// Resolve a cookie token to who is asking (used by the session middleware).
    pub fn viewer_for_token(&self, token: &str) -> AppResult<Viewer> {
        let conn = self.store.read();
        Ok(match store::session_owner(&conn, &auth::token_hash(token))? {
            None => Viewer::Anonymous,
            Some(SessionOwner::Person(case_id)) => Viewer::Person { case_id },
            Some(SessionOwner::Practitioner(practitioner_id)) => {
                match store::practitioner_office(&conn, practitioner_id)? {
                    Some((office_id, admin)) => Viewer::Practitioner { practitioner_id, office_id, admin },
                    None => Viewer::Anonymous,
                }
            }
        })
    }

    fn new_session(&self, owner: SessionOwner, seconds: i64) -> AppResult<IssuedSession> {
        let token = auth::new_token();
        let conn = self.store.write();
        store::insert_session(&conn, &auth::token_hash(&token), owner, store::now() + seconds)?;
        Ok(IssuedSession { token, max_age_seconds: seconds })
    }

    fn issue_code(&self, conn: &rusqlite::Connection, by: PractitionerId, case: CaseId) -> AppResult<()> {
        // Codes are unique; a clash (about 1 in 10^12) just draws again.
        for _ in 0..5 {
            let code = auth::new_activation_code();
            match store::replace_code(conn, case, &code, by, store::now() + auth::CODE_VALID_SECONDS) {
                Ok(()) => return Ok(()),
                Err(StoreError::Sqlite(rusqlite::Error::SqliteFailure(e, _)))
                    if e.code == rusqlite::ErrorCode::ConstraintViolation => {}
                Err(e) => return Err(e.into()),
            }
        }
        Err(AppError::internal("could not draw a unique activation code"))
    }
}

fn hash(secret: &str) -> AppResult<String> {
    auth::hash_secret(secret).map_err(AppError::internal)
}

impl Backend for WaymarkBackend {
    fn sign_in_practitioner(&self, email: &str, password: &str, client: &ClientKey) -> AppResult<IssuedSession> {
        self.limits.check(&client.0, email).map_err(limited)?;
        let login = store::practitioner_by_email(&self.store.read(), email)?;
        let wrong = || AppError::invalid("email", "That email and password do not match. Check them and try again.");
        let Some(login) = login else {
            auth::verify_nothing(password);
            return Err(wrong());
        };
        if !auth::verify_secret(password, &login.password_hash) || (login.is_demo && self.refuse_demo) {
            return Err(wrong());
        }
        let session = self.new_session(SessionOwner::Practitioner(login.id), auth::PRACTITIONER_SESSION_SECONDS)?;
        store::audit(&self.store.write(), Some(login.id), None, "signed in")?;
        Ok(session)
    }

    fn activate(&self, code: &str, pin: &str, client: &ClientKey) -> AppResult<(IssuedSession, String)> {
        self.limits.check(&client.0, "activation").map_err(limited)?;
        let wrong = || {
            AppError::invalid("code", "That code does not work. Check it, or ask your probation officer for a new one.")
        };
        let code = auth::normalise_code(code).ok_or_else(wrong)?;
        check_pin(pin)?;
        let pin_hash = hash(pin)?;
        let mut conn = self.store.write();
        let tx = conn.transaction().map_err(db)?;
        let case = store::use_code(&tx, &code)?.ok_or_else(wrong)?;
        if self.refuse_demo && store::case_is_demo(&tx, case)? {
            return Err(wrong());
        }
        store::set_pin(&tx, case, &pin_hash)?;
        // A new activation signs out any other phone (lost or taken).
        store::delete_case_sessions(&tx, case)?;
        let number = store::waymark_number(&tx, case)?;
        let token = auth::new_token();
        store::insert_session(
            &tx,
            &auth::token_hash(&token),
            SessionOwner::Person(case),
            store::now() + auth::PERSON_SESSION_SECONDS,
        )?;
        tx.commit().map_err(db)?;
        Ok((IssuedSession { token, max_age_seconds: auth::PERSON_SESSION_SECONDS }, number))
    }

    fn sign_in_person(&self, number: &str, pin: &str, client: &ClientKey) -> AppResult<IssuedSession> {
        self.limits.check(&client.0, number).map_err(limited)?;
        let wrong = || AppError::invalid("pin", "That Waymark number and PIN do not match. Check them and try again.");
        let Some(check) = store::pin_for_number(&self.store.read(), number)? else {
            auth::verify_nothing(pin);
            return Err(wrong());
        };
        if check.locked {
            return Err(AppError::Locked);
        }
        let Some(pin_hash) = check.pin_hash else { return Err(wrong()) };
        if !auth::verify_secret(pin, &pin_hash)
            || (self.refuse_demo && store::case_is_demo(&self.store.read(), check.case)?)
        {
            let locked = store::record_pin_failure(&self.store.write(), check.case, auth::PIN_LOCK_AFTER)?;
            if locked {
                store::delete_case_sessions(&self.store.write(), check.case)?;
                return Err(AppError::Locked);
            }
            return Err(wrong());
        }
        store::clear_pin_failures(&self.store.write(), check.case)?;
        self.new_session(SessionOwner::Person(check.case), auth::PERSON_SESSION_SECONDS)
    }

    fn sign_out(&self, token: &str) -> AppResult<()> {
        store::delete_session(&self.store.write(), &auth::token_hash(token))?;
        Ok(())
    }

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

    fn hope_list(&self, filter: &hope::HopeFilter) -> AppResult<hope::HopeList> {
        let conn = self.store.read();
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

    fn hope_service(&self, id: ServiceId) -> AppResult<hope::Service> {
        store::service(&self.store.read(), id)?.ok_or(AppError::NotFound)
    }

    fn office_services(&self, practitioner: PractitionerId) -> AppResult<Vec<hope::CuratedService>> {
        let conn = self.store.read();
        let (office, _) = store::practitioner_office(&conn, practitioner)?.ok_or(AppError::Forbidden)?;
        let today = jiff::Timestamp::now().to_zoned(app::format::london()).date();
        Ok(store::services_for_office(&conn, office)?
            .into_iter()
            .map(|(service, hidden)| hope::CuratedService {
                stale: hope::is_stale(service.checked_on, today),
                service,
                hidden,
            })
            .collect())
    }

    fn curate_service(&self, practitioner: PractitionerId, id: ServiceId, what: hope::Curate) -> AppResult<()> {
        let conn = self.store.write();
        self.may_curate(&conn, practitioner, Some(id))?;
        match what {
            hope::Curate::CheckedToday => {
                let today = jiff::Timestamp::now().to_zoned(app::format::london()).date();
                store::mark_service_checked(&conn, id, today)?
            }
            hope::Curate::Hide => store::set_service_hidden(&conn, id, true)?,
            hope::Curate::Show => store::set_service_hidden(&conn, id, false)?,
        }
        store::audit(&conn, Some(practitioner), None, "curated a hope-corner service")?;
        Ok(())
    }

    fn my_list(&self, case: CaseId) -> AppResult<Vec<hope::SavedService>> {
        Ok(store::saved_services(&self.store.read(), case)?)
    }

    fn keep_service(&self, case: CaseId, service: ServiceId, keep: bool) -> AppResult<()> {
        store::keep_service(&self.store.write(), case, service, keep, None)?.then_some(()).ok_or(AppError::NotFound)
    }

    fn case_list(&self, practitioner: PractitionerId, case: CaseId) -> AppResult<Vec<hope::SavedService>> {
        let conn = self.store.read();
        if !store::case_visible_to(&conn, practitioner, case)? {
            return Err(AppError::NotFound);
        }
        Ok(store::saved_services(&conn, case)?)
    }

    fn recommend_service(&self, practitioner: PractitionerId, case: CaseId, service: ServiceId) -> AppResult<()> {
        self.on_case(practitioner, case, "recommended a service", |tx| {
            store::keep_service(tx, case, service, true, Some(practitioner))?.then_some(()).ok_or(AppError::NotFound)
        })
    }

    fn save_service(
        &self,
        practitioner: PractitionerId,
        id: Option<ServiceId>,
        form: &hope::ServiceForm,
    ) -> AppResult<ServiceId> {
        let draft = form.check()?;
        let mut conn = self.store.write();
        let office = self.may_curate(&conn, practitioner, id)?;
        let today = jiff::Timestamp::now().to_zoned(app::format::london()).date();
        let tx = conn.transaction().map_err(db)?;
        let id = store::save_service(&tx, id, office, &draft, today)?;
        store::audit(&tx, Some(practitioner), None, "saved a hope-corner service")?;
        tx.commit().map_err(db)?;
        Ok(id)
    }
}

/// Licence conditions (issue 3): the catalogue joined with each case's rows.
impl WaymarkBackend {
    fn template_for(&self, template: &Option<(String, String)>) -> Option<&Template> {
        template.as_ref().and_then(|(v, c)| self.catalogue.get(v, c))
    }

    fn official_words(&self, template: Option<&Template>, details: &Details, bespoke: Option<&str>) -> String {
        match template {
            Some(t) => t.official_words(details),
            None => bespoke.unwrap_or_default().to_owned(),
        }
    }

    fn licence(&self, conn: &rusqlite::Connection, case: CaseId) -> AppResult<PersonLicence> {
        let rows = store::condition_rows(conn, case)?;
        let mut messages = store::condition_messages(conn, case)?;
        let history = store::previous_versions(conn, case)?;
        let maps = store::condition_maps(conn, case)?;
        let now = jiff::Timestamp::now();
        let mut conditions = Vec::with_capacity(rows.len());
        for row in rows {
            let template = self.template_for(&row.template);
            let thread = messages.iter().filter(|(id, _)| *id == row.id).map(|(_, m)| m.clone()).collect();
            messages.retain(|(id, _)| *id != row.id);
            let earlier = history.iter().find(|h| h.condition == row.id).map(|h| EarlierVersion {
                version: h.version,
                official_words: self.official_words(template, &h.details, h.bespoke_text.as_deref()),
                explanation: h.explanation.clone(),
                replaced_at: jiff::Timestamp::from_second(h.replaced_at).unwrap_or_default(),
            });
            let plain = template.map(|t| t.plain.clone());
            conditions.push(LicenceCondition {
                id: row.id,
                case_id: case,
                licence: row.licence,
                group: plain.as_ref().map(|p| p.group).unwrap_or(ConditionGroup::EveryDay),
                headline: plain
                    .as_ref()
                    .map(|p| p.headline.clone())
                    .unwrap_or_else(|| "A rule your probation officer wrote for you".into()),
                plain,
                official_words: self.official_words(template, &row.details, row.bespoke_text.as_deref()),
                explanation: row.explanation,
                version: row.version,
                understanding: row.understanding,
                thread,
                earlier,
                today: template.and_then(|t| today_words(t, &row.details, now)),
                template: row.template,
                details: row.details,
                map: maps.iter().find(|(id, _)| *id == row.id).map(|(_, m)| *m),
            });
        }
        conditions.sort_by_key(|c| (c.group, c.licence, c.id));
        Ok(PersonLicence { conditions, explanations: store::explanations(conn, case)? })
    }

    /// Run `f` in a write transaction on a case the practitioner may see.
    fn on_case<T>(
        &self,
        practitioner: PractitionerId,
        case: CaseId,
        action: &str,
        f: impl FnOnce(&rusqlite::Transaction) -> AppResult<T>,
    ) -> AppResult<T> {
        let mut conn = self.store.write();
        let tx = conn.transaction().map_err(db)?;
        if !store::case_visible_to(&tx, practitioner, case)? {
            return Err(AppError::NotFound);
        }
        let out = f(&tx)?;
        store::audit(&tx, Some(practitioner), Some(case), action)?;
        tx.commit().map_err(db)?;
        Ok(out)
    }

    /// An office admin, and (for an existing service) one they may curate:
    /// national helplines are every office's to correct, local ones only their own
    /// office's. Returns the admin's office.
    fn may_curate(
        &self,
        conn: &rusqlite::Connection,
        practitioner: PractitionerId,
        service: Option<ServiceId>,
    ) -> AppResult<OfficeId> {
        let (office, admin) = store::practitioner_office(conn, practitioner)?.ok_or(AppError::Forbidden)?;
        if !admin {
            return Err(AppError::Forbidden);
        }
        match service.map(|id| store::service_owner(conn, id)).transpose()? {
            None | Some(Some(None)) => Ok(office),
            Some(Some(Some(owner))) if owner == office => Ok(office),
            _ => Err(AppError::NotFound),
        }
    }

    /// Run `f` in one write transaction, committed only if it succeeds.
    pub(crate) fn in_transaction<T>(&self, f: impl FnOnce(&rusqlite::Transaction) -> AppResult<T>) -> AppResult<T> {
        let mut conn = self.store.write();
        let tx = conn.transaction().map_err(db)?;
        let out = f(&tx)?;
        tx.commit().map_err(db)?;
        Ok(out)
    }

    /// Everything the person's phone keeps (reading it marks nothing read).
    pub(crate) fn snapshot(&self, conn: &rusqlite::Connection, case: CaseId) -> AppResult<sync::CaseSnapshot> {
        Ok(sync::CaseSnapshot {
            licence: self.licence(conn, case)?,
            appointments: store::appointments(conn, case)?,
            steps: store::steps(conn, case)?,
        })
    }
}

/// The person's answer to a condition, checked, inside the caller's transaction.
pub(crate) fn person_answer(
    tx: &rusqlite::Connection,
    case: CaseId,
    condition: ConditionId,
    answer: &Answer,
) -> AppResult<()> {
    let answer = match answer {
        Answer::Understood => Answer::Understood,
        Answer::Question(text) => Answer::Question(check_text("question", text, MESSAGE_MAX, "your question")?),
    };
    store::record_answer(tx, case, condition, &answer)?.then_some(()).ok_or(AppError::NotFound)
}

/// The person's answer to an appointment, checked, inside the caller's transaction.
pub(crate) fn person_rsvp(
    tx: &rusqlite::Connection,
    case: CaseId,
    appointment: AppointmentId,
    rsvp: &Rsvp,
) -> AppResult<()> {
    let rsvp = match rsvp {
        Rsvp::Attending => Rsvp::Attending,
        Rsvp::NeedsChange(reason) => {
            Rsvp::NeedsChange(check_text("reason", reason, MESSAGE_MAX, "why you need a change")?)
        }
    };
    store::record_rsvp(tx, case, appointment, &rsvp)?.then_some(()).ok_or(AppError::NotFound)
}

/// A step's new status from either side (the later one wins; history keeps both).
pub(crate) fn step_status(
    tx: &rusqlite::Connection,
    case: CaseId,
    step: StepId,
    by: Option<PractitionerId>,
    status: StepStatus,
    reason: Option<&str>,
) -> AppResult<()> {
    let reason = reason.map(str::trim).filter(|r| !r.is_empty());
    let reason = match (status, reason) {
        (StepStatus::Stuck, None) => {
            return Err(AppError::invalid("reason", "Say what is in the way, so someone can help."))
        }
        (_, Some(r)) => Some(check_text("reason", r, REASON_MAX, "the reason")?),
        (_, None) => None,
    };
    store::set_step_status(tx, case, step, by, status, reason.as_deref())?.ok_or(AppError::NotFound)
}

fn check_text(field: &str, text: &str, max: usize, what: &str) -> AppResult<String> {
    let text = text.trim();
    if text.is_empty() {
        return Err(AppError::invalid(field, format!("Write {what}.")));
    }
    if text.chars().count() > max {
        return Err(AppError::invalid(field, format!("Keep {what} to {max} characters or fewer.")));
    }
    Ok(text.to_owned())
}

fn optional_explanation(text: Option<&str>) -> AppResult<Option<String>> {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        None => Ok(None),
        Some(t) => check_text("explanation", t, EXPLANATION_MAX, "the explanation").map(Some),
    }
}

impl LicenceBackend for WaymarkBackend {
    fn templates(&self, version: &str) -> AppResult<Vec<Template>> {
        let list: Vec<Template> = self.catalogue.in_version(version).cloned().collect();
        if list.is_empty() {
            return Err(AppError::NotFound);
        }
        Ok(list)
    }

    fn template(&self, version: &str, code: &str) -> AppResult<Template> {
        self.catalogue.get(version, code).cloned().ok_or(AppError::NotFound)
    }

    fn person_licence(&self, case: CaseId, seen: bool) -> AppResult<PersonLicence> {
        let licence = self.licence(&self.store.read(), case)?;
        if seen && licence.explanations.iter().any(|e| e.read_at.is_none()) {
            store::mark_explanations_read(&self.store.write(), case)?;
        }
        Ok(licence)
    }

    fn answer_condition(&self, case: CaseId, condition: ConditionId, answer: &Answer) -> AppResult<()> {
        self.in_transaction(|tx| person_answer(tx, case, condition, answer))
    }

    fn reporting(
        &self,
        practitioner: Option<PractitionerId>,
        case: CaseId,
    ) -> AppResult<Vec<(ConditionId, app::model::reporting::Reporting)>> {
        let conn = self.store.read();
        if let Some(p) = practitioner {
            if !store::case_visible_to(&conn, p, case)? {
                return Err(AppError::NotFound);
            }
        }
        Ok(store::condition_rows(&conn, case)?
            .into_iter()
            .filter_map(|row| app::model::reporting::Reporting::from_details(&row.details).map(|r| (row.id, r)))
            .collect())
    }

    fn case_licence(&self, practitioner: PractitionerId, case: CaseId) -> AppResult<PersonLicence> {
        let conn = self.store.read();
        if !store::case_visible_to(&conn, practitioner, case)? {
            return Err(AppError::NotFound);
        }
        self.licence(&conn, case)
    }

    fn add_condition(
        &self,
        practitioner: PractitionerId,
        case: CaseId,
        new: &NewCondition,
        explanation: Option<&str>,
    ) -> AppResult<ConditionId> {
        let explanation = optional_explanation(explanation)?;
        match new {
            NewCondition::Catalogue { version, code, details } => {
                let template = self.catalogue.get(version, code).ok_or(AppError::NotFound)?;
                let details = check_details(&template.inputs, details)?;
                self.on_case(practitioner, case, "added condition", |tx| {
                    Ok(store::insert_condition(
                        tx,
                        case,
                        template.licence,
                        Some((version, code)),
                        None,
                        &details,
                        explanation.as_deref(),
                    )?)
                })
            }
            NewCondition::Bespoke { licence, text } => {
                let text = check_text("bespoke_text", text, EXPLANATION_MAX, "the condition")?;
                self.on_case(practitioner, case, "added bespoke condition", |tx| {
                    Ok(store::insert_condition(
                        tx,
                        case,
                        *licence,
                        None,
                        Some(&text),
                        &Details::new(),
                        explanation.as_deref(),
                    )?)
                })
            }
        }
    }

    fn edit_condition(
        &self,
        practitioner: PractitionerId,
        case: CaseId,
        condition: ConditionId,
        details: &Details,
        explanation: Option<&str>,
    ) -> AppResult<()> {
        let explanation = optional_explanation(explanation)?;
        let current = self.case_licence(practitioner, case)?;
        let row = current.conditions.iter().find(|c| c.id == condition).ok_or(AppError::NotFound)?;
        let details = match self.template_for(&row.template) {
            Some(t) => check_details(&t.inputs, details)?,
            None => Details::new(),
        };
        if details == row.details && explanation == row.explanation {
            return Ok(()); // Nothing changed: no new version to confirm.
        }
        self.on_case(practitioner, case, "changed condition", |tx| {
            store::update_condition(tx, case, condition, practitioner, &details, None, explanation.as_deref())?
                .then_some(())
                .ok_or(AppError::NotFound)
        })
    }

    fn remove_condition(&self, practitioner: PractitionerId, case: CaseId, condition: ConditionId) -> AppResult<()> {
        self.on_case(practitioner, case, "removed condition", |tx| {
            store::remove_condition(tx, case, condition)?.then_some(()).ok_or(AppError::NotFound)
        })
    }

    fn set_licence_setup(
        &self,
        practitioner: PractitionerId,
        case: CaseId,
        version: &str,
        licence_type: LicenceType,
    ) -> AppResult<()> {
        if self.catalogue.in_version(version).next().is_none() {
            return Err(AppError::invalid("version", "Choose policy version 4.0 or 3.0."));
        }
        self.on_case(practitioner, case, "set up the licence", |tx| {
            store::set_licence_setup(tx, case, version, licence_type)?;
            Ok(())
        })
    }

    fn add_standard_conditions(&self, practitioner: PractitionerId, case: CaseId) -> AppResult<u32> {
        let overview = store::case_overview(&self.store.read(), practitioner, case)?.ok_or(AppError::NotFound)?;
        let present: Vec<(String, String)> =
            self.case_licence(practitioner, case)?.conditions.into_iter().filter_map(|c| c.template).collect();
        let missing: Vec<&Template> = self
            .catalogue
            .in_version(&overview.policy_version)
            .filter(|t| t.standard && overview.licence_type.includes(t.licence))
            .filter(|t| !present.contains(&(t.version.clone(), t.code.clone())))
            .collect();
        self.on_case(practitioner, case, "added the standard conditions", |tx| {
            for t in &missing {
                store::insert_condition(tx, case, t.licence, Some((&t.version, &t.code)), None, &Details::new(), None)?;
            }
            Ok(missing.len() as u32)
        })
    }

    fn reply_to_question(
        &self,
        practitioner: PractitionerId,
        case: CaseId,
        condition: ConditionId,
        body: &str,
    ) -> AppResult<()> {
        let body = check_text("reply", body, MESSAGE_MAX, "your answer")?;
        self.on_case(practitioner, case, "answered a question", |tx| {
            store::record_reply(tx, case, condition, practitioner, &body)?.then_some(()).ok_or(AppError::NotFound)
        })
    }

    fn add_explanation(
        &self,
        practitioner: PractitionerId,
        case: CaseId,
        kind: ExplanationKind,
        title: &str,
        body: &str,
    ) -> AppResult<()> {
        let title = check_text("title", title, 120, "a short title")?;
        let body = check_text("body", body, EXPLANATION_MAX, "the explanation")?;
        self.on_case(practitioner, case, "wrote an explanation", |tx| {
            store::insert_explanation(tx, case, practitioner, kind, &title, &body)?;
            Ok(())
        })
    }
}

/// Appointments and steps (issue 4).
impl PlanBackend for WaymarkBackend {
    fn person_appointments(&self, case: CaseId) -> AppResult<Vec<Appointment>> {
        Ok(store::appointments(&self.store.read(), case)?)
    }

    fn answer_appointment(&self, case: CaseId, appointment: AppointmentId, rsvp: &Rsvp) -> AppResult<()> {
        self.in_transaction(|tx| person_rsvp(tx, case, appointment, rsvp))
    }

    fn case_appointments(&self, practitioner: PractitionerId, case: CaseId) -> AppResult<Vec<Appointment>> {
        let conn = self.store.read();
        if !store::case_visible_to(&conn, practitioner, case)? {
            return Err(AppError::NotFound);
        }
        Ok(store::appointments(&conn, case)?)
    }

    fn create_appointment(
        &self,
        practitioner: PractitionerId,
        case: CaseId,
        draft: &AppointmentDraft,
    ) -> AppResult<AppointmentId> {
        self.on_case(practitioner, case, "set an appointment", |tx| Ok(store::insert_appointment(tx, case, draft)?))
    }

    fn update_appointment(
        &self,
        practitioner: PractitionerId,
        case: CaseId,
        appointment: AppointmentId,
        draft: &AppointmentDraft,
    ) -> AppResult<()> {
        self.on_case(practitioner, case, "changed an appointment", |tx| {
            store::update_appointment(tx, case, appointment, draft)?.then_some(()).ok_or(AppError::NotFound)
        })
    }

    fn cancel_appointment(
        &self,
        practitioner: PractitionerId,
        case: CaseId,
        appointment: AppointmentId,
        reason: Option<&str>,
    ) -> AppResult<()> {
        let reason = match reason.map(str::trim).filter(|r| !r.is_empty()) {
            Some(r) => Some(check_text("cancel_reason", r, MESSAGE_MAX, "the reason")?),
            None => None,
        };
        self.on_case(practitioner, case, "cancelled an appointment", |tx| {
            store::cancel_appointment(tx, case, appointment, reason.as_deref())?.then_some(()).ok_or(AppError::NotFound)
        })
    }

    fn person_steps(&self, case: CaseId) -> AppResult<Vec<Step>> {
        Ok(store::steps(&self.store.read(), case)?)
    }

    fn case_steps(&self, practitioner: PractitionerId, case: CaseId) -> AppResult<Vec<Step>> {
        let conn = self.store.read();
        if !store::case_visible_to(&conn, practitioner, case)? {
            return Err(AppError::NotFound);
        }
        Ok(store::steps(&conn, case)?)
    }

    fn set_step_status(
        &self,
        by: Option<PractitionerId>,
        case: CaseId,
        step: StepId,
        status: StepStatus,
        reason: Option<&str>,
    ) -> AppResult<()> {
        let apply = |tx: &rusqlite::Transaction| step_status(tx, case, step, by, status, reason);
        match by {
            Some(practitioner) => self.on_case(practitioner, case, "changed a step", apply),
            None => self.in_transaction(apply),
        }
    }

    fn add_custom_step(
        &self,
        practitioner: PractitionerId,
        case: CaseId,
        track: Track,
        title: &str,
        helper: Option<&str>,
    ) -> AppResult<()> {
        let title = check_text("title", title, 200, "what the step is")?;
        let helper = helper
            .map(str::trim)
            .filter(|h| !h.is_empty())
            .map(|h| check_text("helper", h, 200, "who is helping"))
            .transpose()?;
        self.on_case(practitioner, case, "added a step", |tx| {
            store::insert_custom_step(tx, case, track, &title, helper.as_deref())?;
            Ok(())
        })
    }

    fn steps_overview(&self, practitioner: PractitionerId) -> AppResult<Vec<StepsOverview>> {
        Ok(store::steps_overview(&self.store.read(), practitioner)?)
    }

    fn set_step_helper(
        &self,
        practitioner: PractitionerId,
        case: CaseId,
        step: StepId,
        helper: Option<&str>,
    ) -> AppResult<()> {
        let helper = helper
            .map(str::trim)
            .filter(|h| !h.is_empty())
            .map(|h| check_text("helper", h, 200, "who is helping"))
            .transpose()?;
        self.on_case(practitioner, case, "set who helps with a step", |tx| {
            store::set_step_helper(tx, case, step, helper.as_deref())?.then_some(()).ok_or(AppError::NotFound)
        })
    }

    fn step_guides(&self) -> AppResult<Vec<StepGuide>> {
        Ok(store::step_guides(&self.store.read())?)
    }

    fn update_step_cost(
        &self,
        practitioner: PractitionerId,
        key: &str,
        cost: Option<&str>,
        checked_on: &str,
    ) -> AppResult<()> {
        let conn = self.store.read();
        let admin = store::practitioner_office(&conn, practitioner)?.map(|(_, admin)| admin).unwrap_or(false);
        drop(conn);
        if !admin {
            return Err(AppError::Forbidden);
        }
        let checked_on: jiff::civil::Date = checked_on.trim().parse().map_err(|_| {
            AppError::invalid(&format!("checked-{key}"), "Enter the date the price was checked, like 2026-11-01.")
        })?;
        if checked_on > jiff::Timestamp::now().to_zoned(app::format::london()).date() {
            return Err(AppError::invalid(&format!("checked-{key}"), "The date checked cannot be in the future."));
        }
        let cost = cost
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(|c| check_text(&format!("cost-{key}"), c, 300, "the cost"))
            .transpose()?;
        let conn = self.store.write();
        if !store::update_step_cost(&conn, key, cost.as_deref(), checked_on)? {
            return Err(AppError::NotFound);
        }
        store::audit(&conn, Some(practitioner), None, &format!("updated the price of step {key}"))?;
        Ok(())
    }
}
