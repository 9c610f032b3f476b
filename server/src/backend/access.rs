//! The one door to a case (DESIGN.md, Security): `case_access` checks the
//! caller against the case and writes the audit row in the same statement, and
//! every practitioner's or supporter's read and write of a case goes through it
//! (`read_case`, `write_case`), so the audit is complete by construction.

use super::Engine;
use crate::store::Conn;
use crate::store::{self, Actor, Entry};
use app::backend::ClientKey;
use app::error::{AppError, AppResult};
use app::model::audit::{AuditAction, Section};
use app::model::share::ShareId;
use app::model::{CaseId, PractitionerId};

/// Who is asking about a case.
#[derive(Debug, Clone)]
pub(crate) enum Caller {
    /// The person, about their own case: never recorded.
    Person(CaseId),
    Practitioner(PractitionerId),
    /// Who may move the case: its own practitioner, or an admin of its office
    /// (who may not otherwise see it).
    Mover(PractitionerId),
    /// Someone holding an open share link (its "who" as the person wrote it).
    Supporter {
        link: ShareId,
        who: String,
    },
}

tokio::task_local! {
    /// The client address of the request being served, set by the session
    /// middleware for plain handlers (calendar, maps, sync).
    pub static REQUEST_CLIENT: ClientKey;
}

thread_local! {
    /// The same, on the blocking thread running the request's work (`pool.rs`).
    static BLOCKING_CLIENT: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Where the request being served came from: on a blocking thread, what the
/// pool carried there; else the middleware's task-local, or, in a server
/// function Leptos runs in a task of its own, its request parts.
pub(crate) fn request_client() -> Option<String> {
    BLOCKING_CLIENT.with(|c| c.borrow().clone()).or_else(|| REQUEST_CLIENT.try_with(|c| c.0.clone()).ok()).or_else(
        || {
            leptos::prelude::use_context::<http::request::Parts>()
                .and_then(|p| p.extensions.get::<ClientKey>().map(|c| c.0.clone()))
        },
    )
}

/// Run `f` with `client` as the request's client on this (blocking) thread.
pub(crate) fn with_client<T>(client: Option<String>, f: impl FnOnce() -> T) -> T {
    struct Reset;
    impl Drop for Reset {
        fn drop(&mut self) {
            BLOCKING_CLIENT.with(|c| c.borrow_mut().take());
        }
    }
    BLOCKING_CLIENT.with(|c| *c.borrow_mut() = client);
    let _reset = Reset;
    f()
}

impl Engine {
    /// Check `caller` may do `action` on `case` and record it, on `conn`.
    /// A case the caller may not see is `NotFound`, as if it did not exist.
    pub(crate) fn case_access(
        &self,
        conn: &Conn,
        caller: &Caller,
        case: CaseId,
        action: AuditAction,
        detail: Option<&str>,
    ) -> AppResult<()> {
        let client = request_client();
        let audited = !matches!(action, AuditAction::Read(s) if !s.audited());
        match caller {
            Caller::Person(own) if *own == case => Ok(()),
            Caller::Person(_) => Err(AppError::NotFound),
            Caller::Practitioner(p) => {
                let entry = audited.then_some((action, detail, client.as_deref()));
                store::admit_practitioner(conn, *p, case, entry)?.then_some(()).ok_or(AppError::NotFound)
            }
            Caller::Mover(p) => {
                let entry = audited.then_some((action, detail, client.as_deref()));
                store::admit_mover(conn, *p, case, entry)?.then_some(()).ok_or(AppError::NotFound)
            }
            Caller::Supporter { link, who } => {
                // `shared_view` found the link open and of this case before asking.
                let entry = Entry {
                    actor: Actor::Supporter(*link),
                    case: Some(case),
                    action,
                    detail: Some(who),
                    client: client.as_deref(),
                };
                Ok(store::record(conn, &entry)?)
            }
        }
    }

    /// Read part of a case through the door: recorded first, then read.
    pub(crate) fn read_case<T>(
        &self,
        caller: &Caller,
        case: CaseId,
        section: Section,
        f: impl FnOnce(&Conn) -> AppResult<T>,
    ) -> AppResult<T> {
        if matches!(caller, Caller::Person(_)) || !section.audited() {
            let conn = self.store.read()?;
            self.case_access(&conn, caller, case, AuditAction::Read(section), None)?;
            return f(&conn);
        }
        self.case_access(&self.store.write()?, caller, case, AuditAction::Read(section), None)?;
        f(&self.store.read()?)
    }

    /// Change a case through the door: one write transaction with its audit row.
    pub(crate) fn write_case<T>(
        &self,
        caller: &Caller,
        case: CaseId,
        action: AuditAction,
        detail: &str,
        f: impl FnOnce(&Conn) -> AppResult<T>,
    ) -> AppResult<T> {
        self.store.write_tx(|tx| {
            self.case_access(tx, caller, case, action, Some(detail))?;
            f(tx)
        })
    }

    /// A security event (sign-in, activation, links): recorded, with where it came from.
    pub(crate) fn record_event(
        &self,
        conn: &Conn,
        actor: Actor,
        case: Option<CaseId>,
        action: AuditAction,
        detail: Option<&str>,
        client: Option<&str>,
    ) -> AppResult<()> {
        let client = client.map(str::to_owned).or_else(request_client);
        Ok(store::record(conn, &Entry { actor, case, action, detail, client: client.as_deref() })?)
    }
}
