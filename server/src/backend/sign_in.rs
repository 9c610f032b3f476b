//! Sign-in and sessions: practitioners' passwords, people's codes and PINs.

use super::{db, limited, WaymarkBackend};
use crate::auth;
use crate::store::{self, SessionOwner, StoreError};
use app::backend::{AuthBackend, ClientKey};
use app::error::{AppError, AppResult};
use app::model::*;

impl WaymarkBackend {
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

    pub(super) fn issue_code(&self, conn: &rusqlite::Connection, by: PractitionerId, case: CaseId) -> AppResult<()> {
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

impl AuthBackend for WaymarkBackend {
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
}
