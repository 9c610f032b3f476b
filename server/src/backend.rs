//! `app::backend::Backend` for the real server: the store plus sign-in rules.

use crate::auth::{self, Limits};
use crate::store::{self, SessionOwner, Store, StoreError};
use app::backend::{Backend, ClientKey};
use app::error::{AppError, AppResult};
use app::model::*;
use std::sync::Arc;

pub struct WaymarkBackend {
    store: Arc<Store>,
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
    pub fn new(store: Arc<Store>, limits: Limits, refuse_demo: bool) -> Self {
        WaymarkBackend { store, limits, refuse_demo }
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
        store::insert_session(&conn, &auth::token_hash(&token), owner, store_now() + seconds)?;
        Ok(IssuedSession { token, max_age_seconds: seconds })
    }

    fn issue_code(&self, conn: &rusqlite::Connection, by: PractitionerId, case: CaseId) -> AppResult<()> {
        // Codes are unique; a clash (about 1 in 10^12) just draws again.
        for _ in 0..5 {
            let code = auth::new_activation_code();
            match store::replace_code(conn, case, &code, by, store_now() + auth::CODE_VALID_SECONDS) {
                Ok(()) => return Ok(()),
                Err(StoreError::Sqlite(rusqlite::Error::SqliteFailure(e, _)))
                    if e.code == rusqlite::ErrorCode::ConstraintViolation => {}
                Err(e) => return Err(e.into()),
            }
        }
        Err(AppError::internal("could not draw a unique activation code"))
    }
}

fn store_now() -> i64 {
    jiff::Timestamp::now().as_second()
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
        if self.refuse_demo && is_demo_case(&tx, case)? {
            return Err(wrong());
        }
        store::set_pin(&tx, case, &pin_hash)?;
        // A new activation signs out any other phone (lost or taken).
        store::delete_case_sessions(&tx, case)?;
        let number: String =
            tx.query_row("SELECT waymark_number FROM cases WHERE id = ?1", [case.0], |r| r.get(0)).map_err(db)?;
        let token = auth::new_token();
        store::insert_session(
            &tx,
            &auth::token_hash(&token),
            SessionOwner::Person(case),
            store_now() + auth::PERSON_SESSION_SECONDS,
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
        if !auth::verify_secret(pin, &pin_hash) || (self.refuse_demo && is_demo_case(&self.store.read(), check.case)?) {
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

    fn hope_services(&self) -> AppResult<Vec<ServiceSummary>> {
        Ok(store::visible_services(&self.store.read())?)
    }
}

fn is_demo_case(conn: &rusqlite::Connection, case: CaseId) -> AppResult<bool> {
    conn.query_row("SELECT is_demo FROM cases WHERE id = ?1", [case.0], |r| r.get(0)).map_err(db)
}
