//! Sign-in and sessions: practitioners' passwords, people's codes and PINs.
//!
//! Wrong tries slow the next ones down, per key (`auth::Limits`): the typed
//! number, email or code, and the client address; a try from a phone the
//! person signed in on before (its device cookie) counts only against that
//! phone. Nothing locks, and no stranger can end the person's session. Every
//! failure gets the same message after the same work — one argon2 run, the
//! same reads and writes — whether the number exists, is activated, is slowed
//! or the PIN is wrong. The whole sign-in runs in `auth::HashPool`, off the
//! async worker threads.

use super::Engine;
use crate::auth::{self, Backoff};
use crate::store::Conn;
use crate::store::{self, Actor, SessionOwner, StoreError};
use app::backend::ClientKey;
use app::error::{AppError, AppResult};
use app::model::audit::AuditAction;
use app::model::*;

/// The one answer to every failed person sign-in.
pub const PERSON_WRONG: &str = "That did not work. Check your Waymark number and PIN and try again. \
     If you tried a few times, wait a few minutes first. If you lost your phone or forgot your PIN, \
     ask your probation officer for a new code.";
/// The one answer to every failed practitioner sign-in.
pub const PRACTITIONER_WRONG: &str = "That email and password do not match. Check them and try again. \
     After a few wrong tries, wait a few minutes first.";
/// The one answer to every failed activation.
pub const CODE_WRONG: &str = "That code does not work. Check it and try again in a few minutes, \
     or ask your probation officer for a new one.";

#[derive(Debug, Clone, Copy)]
enum Kind {
    Client,
    Account,
    Device,
}

/// A request's live session: who it signs in, and when it ends if not used again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedIn {
    pub viewer: Viewer,
    /// UTC seconds; the phone keeps the person's pages until then.
    pub ends: i64,
}

/// A back-off key: what it counts against, and its row's name. Values are
/// hashed, so the table holds no typed numbers, emails or codes.
struct Key {
    kind: Kind,
    name: String,
}

fn key(kind: Kind, label: &str, value: &str) -> Key {
    Key { kind, name: format!("{label}:{}", &auth::token_hash(value)[..32]) }
}

impl Engine {
    /// Who this session's token signs in, and until when: one read of the
    /// session per request (a write only when its last use is a minute old).
    pub(crate) fn session_for_token(&self, token: &str) -> AppResult<Option<SignedIn>> {
        let hash = auth::token_hash(token);
        let Some(live) = store::live_session(&self.store.read()?, &hash)? else { return Ok(None) };
        if live.stale {
            store::touch_session(&self.store.write()?, &hash)?;
        }
        let viewer = match live.owner {
            SessionOwner::Person(case_id) => Viewer::Person { case_id },
            SessionOwner::Practitioner(practitioner_id) => {
                match store::practitioner_office(&self.store.read()?, practitioner_id)? {
                    Some((office_id, admin)) => Viewer::Practitioner { practitioner_id, office_id, admin },
                    None => return Ok(None),
                }
            }
        };
        Ok(Some(SignedIn { viewer, ends: live.ends() }))
    }

    /// Draw a fresh code for the case; any open share link ends with the old phone.
    pub(super) fn issue_code(&self, conn: &Conn, by: PractitionerId, case: CaseId) -> AppResult<()> {
        for who in store::end_share_links(conn, case, share::TurnedOffBy::NewCode)? {
            self.record_event(
                conn,
                Actor::Practitioner(by),
                Some(case),
                AuditAction::ShareTurnedOff,
                Some(&who),
                None,
            )?;
        }
        // Codes are unique; a clash (about 1 in 10^12) just draws again.
        for _ in 0..5 {
            let code = auth::new_activation_code();
            // In a savepoint: on PostgreSQL a refused statement spoils the
            // transaction it is in unless rolled back to before it.
            let expires = store::now() + auth::CODE_VALID_SECONDS;
            match conn.savepoint(|sp| store::replace_code(sp, case, &code, by, expires)) {
                Ok(()) => return Ok(()),
                Err(StoreError::Sql(e)) if e.is_unique_violation() => {}
                Err(e) => return Err(e.into()),
            }
        }
        Err(AppError::internal("could not draw a unique activation code"))
    }

    fn rule(&self, kind: Kind) -> &Backoff {
        match kind {
            Kind::Client => &self.limits.client,
            Kind::Account => &self.limits.account,
            Kind::Device => &self.limits.device,
        }
    }

    fn must_wait(&self, conn: &Conn, keys: &[Key], now: i64) -> AppResult<bool> {
        let names: Vec<String> = keys.iter().map(|k| k.name.clone()).collect();
        Ok(store::must_wait(conn, &names, now)?)
    }

    /// The same writes for every failure: a count on each key, and the audit;
    /// and one on `/metrics` by what was tried ("practitioner", "activation", "person").
    fn failed(
        &self,
        tried: &'static str,
        keys: &[Key],
        case: Option<CaseId>,
        client: &ClientKey,
        now: i64,
    ) -> AppResult<()> {
        metrics::counter!("waymark_sign_in_failures_total", "tried" => tried).increment(1);
        self.store.write_tx(|tx| {
            for k in keys {
                if store::record_failure(tx, &k.name, self.rule(k.kind), now)? {
                    let what = match k.kind {
                        Kind::Client => "this address",
                        Kind::Account => "this number, email or code",
                        Kind::Device => "this phone",
                    };
                    self.record_event(
                        tx,
                        Actor::Visitor,
                        case,
                        AuditAction::SignInSlowed,
                        Some(what),
                        Some(&client.0),
                    )?;
                }
            }
            self.record_event(tx, Actor::Visitor, case, AuditAction::SignInFailed, None, Some(&client.0))
        })
    }

    fn clear(&self, tx: &Conn, keys: &[Key]) -> AppResult<()> {
        // Never the client's count: an attacker with their own account must not reset it.
        for k in keys.iter().filter(|k| !matches!(k.kind, Kind::Client)) {
            store::clear_failures(tx, &k.name)?;
        }
        Ok(())
    }

    pub(crate) fn sign_in_practitioner_now(
        &self,
        email: &str,
        password: &str,
        client: &ClientKey,
    ) -> AppResult<IssuedSession> {
        let now = store::now();
        let keys = [key(Kind::Account, "email", &email.to_lowercase()), key(Kind::Client, "client", &client.0)];
        let (login, waiting) = {
            let conn = self.store.read()?;
            (store::practitioner_by_email(&conn, email)?, self.must_wait(&conn, &keys, now)?)
        };
        let right = match login.as_ref().filter(|_| !waiting) {
            Some(l) => auth::verify_secret(password, &l.password_hash),
            None => {
                auth::verify_nothing(password);
                false
            }
        };
        let login = login.filter(|l| right && !(l.is_demo && self.refuse_demo));
        let Some(login) = login else {
            self.failed("practitioner", &keys, None, client, now)?;
            return Err(AppError::invalid("email", PRACTITIONER_WRONG));
        };
        let token = auth::new_token();
        self.store.write_tx(|tx| {
            self.clear(tx, &keys)?;
            let owner = SessionOwner::Practitioner(login.id);
            store::insert_session(tx, &auth::token_hash(&token), owner, now + auth::PRACTITIONER_SESSION_SECONDS)?;
            self.record_event(tx, Actor::Practitioner(login.id), None, AuditAction::SignedIn, None, Some(&client.0))
        })?;
        Ok(IssuedSession { token, max_age_seconds: auth::PRACTITIONER_SESSION_SECONDS, device: None })
    }

    pub(crate) fn activate_now(&self, code: &str, pin: &str, client: &ClientKey) -> AppResult<(IssuedSession, String)> {
        let now = store::now();
        // The PIN's shape and guessability say nothing about the code.
        check_pin(pin)?;
        let normal = auth::normalise_code(code);
        let typed = normal.clone().unwrap_or_else(|| code.trim().to_uppercase());
        let keys = [key(Kind::Account, "code", &typed), key(Kind::Client, "client", &client.0)];
        let waiting = self.must_wait(&self.store.read()?, &keys, now)?;
        // Hashed on every path, so a good code and a bad one take as long.
        let pin_hash = auth::hash_secret(pin).map_err(AppError::internal)?;
        let used = match normal.filter(|_| !waiting) {
            Some(code) => self.use_code(&code, &pin_hash, &keys, client)?,
            None => None,
        };
        let Some((session, number)) = used else {
            self.failed("activation", &keys, None, client, now)?;
            return Err(AppError::invalid("code", CODE_WRONG));
        };
        Ok((session, number))
    }

    /// Use a live code: the PIN is set, every other phone is signed out and forgotten.
    fn use_code(
        &self,
        code: &str,
        pin_hash: &str,
        keys: &[Key],
        client: &ClientKey,
    ) -> AppResult<Option<(IssuedSession, String)>> {
        let used = self.store.write_tx(|tx| {
            let Some(case) = store::use_code(tx, code)? else { return Ok(None) };
            if self.refuse_demo && store::case_is_demo(tx, case)? {
                // An error, so the code's use rolls back; answered as a wrong code below.
                return Err(AppError::Forbidden);
            }
            store::set_pin(tx, case, pin_hash)?;
            store::delete_case_sessions(tx, case)?;
            store::delete_known_devices(tx, case)?;
            self.clear(tx, keys)?;
            let session = self.person_session(tx, case, None)?;
            self.record_event(tx, Actor::Person, Some(case), AuditAction::Activated, None, Some(&client.0))?;
            let number = store::waymark_number(tx, case)?;
            Ok(Some((session, number)))
        });
        match used {
            Err(AppError::Forbidden) => Ok(None),
            used => used,
        }
    }

    /// A new session for the person; a new device cookie unless the phone is known.
    fn person_session(&self, tx: &Conn, case: CaseId, known_device: Option<&str>) -> AppResult<IssuedSession> {
        let token = auth::new_token();
        let owner = SessionOwner::Person(case);
        store::insert_session(tx, &auth::token_hash(&token), owner, store::now() + auth::PERSON_SESSION_SECONDS)?;
        let device = match known_device {
            Some(hash) => {
                store::touch_known_device(tx, hash)?;
                None
            }
            None => {
                let device = auth::new_token();
                store::insert_known_device(tx, &auth::token_hash(&device), case)?;
                Some(device)
            }
        };
        Ok(IssuedSession { token, max_age_seconds: auth::PERSON_SESSION_SECONDS, device })
    }

    pub(crate) fn sign_in_person_now(
        &self,
        number: &str,
        pin: &str,
        client: &ClientKey,
        device: Option<&str>,
    ) -> AppResult<IssuedSession> {
        let now = store::now();
        let device_hash = device.map(auth::token_hash);
        let (check, known, keys, waiting) = {
            let conn = self.store.read()?;
            let check = store::pin_for_number(&conn, number)?;
            let known = match (&device_hash, &check) {
                (Some(h), Some(c)) => store::known_device_case(&conn, h)? == Some(c.case),
                _ => false,
            };
            let keys = match (&device_hash, known) {
                (Some(h), true) => vec![Key { kind: Kind::Device, name: format!("device:{}", &h[..32]) }],
                _ => vec![key(Kind::Account, "number", number), key(Kind::Client, "client", &client.0)],
            };
            let waiting = self.must_wait(&conn, &keys, now)?;
            (check, known, keys, waiting)
        };
        let open = check.as_ref().filter(|c| !waiting && !c.locked).and_then(|c| c.pin_hash.as_deref());
        let right = match open {
            Some(hash) => auth::verify_secret(pin, hash),
            None => {
                auth::verify_nothing(pin);
                false
            }
        };
        let case = check.as_ref().map(|c| c.case);
        let signed_in = match case.filter(|_| right) {
            Some(case) if !(self.refuse_demo && store::case_is_demo(&self.store.read()?, case)?) => Some(case),
            _ => None,
        };
        let Some(case) = signed_in else {
            self.failed("person", &keys, case, client, now)?;
            return Err(AppError::invalid("pin", PERSON_WRONG));
        };
        self.store.write_tx(|tx| {
            self.clear(tx, &keys)?;
            let session = self.person_session(tx, case, device_hash.as_deref().filter(|_| known))?;
            self.record_event(tx, Actor::Person, Some(case), AuditAction::SignedIn, None, Some(&client.0))?;
            Ok(session)
        })
    }

    pub(crate) fn sign_out(&self, token: &str) -> AppResult<()> {
        store::delete_session(&self.store.write()?, &auth::token_hash(token))?;
        Ok(())
    }
}
