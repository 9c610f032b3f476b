//! `ServerBackend`: what the server's own handlers (health, tidying, sessions,
//! form state, sync, Open Referral files, calendars, maps) ask of the data.
//!
//! A server-side trait extending `app::backend::Backend`, not methods on that
//! one: these take and give HTTP-level things (a sync request, a file's bytes,
//! a cookie's token) that no screen asks for, so `app`'s boundary stays what
//! screens need, while every handler still goes through a trait object
//! (`Arc<dyn ServerBackend>` in the router's state) that a second engine can
//! implement in `server` alone.

use super::{Engine, SignedIn, WaymarkBackend};
use crate::hsds::{ImportError, Summary};
use crate::store::{self, StoredForm};
use crate::sync::{Refused, Request};
use app::backend::{async_trait, Backend};
use app::error::{AppError, AppResult};
use app::model::map::{MapFormat, MapRefusal};
use app::model::sync::SyncResponse;
use app::model::*;
use jiff::civil::Date;

#[async_trait]
pub trait ServerBackend: Backend {
    /// The database answers (for `/health`).
    async fn healthy(&self) -> bool;
    /// Forget what no longer counts: old sessions, wrong tries, share-link salts
    /// and form states (call now and then).
    async fn tidy(&self) -> AppResult<()>;
    /// Who this session token signs in and when the session ends, if it is
    /// live, noting that it was used.
    async fn session_for_token(&self, token: &str) -> AppResult<Option<SignedIn>>;
    /// The form state kept under `id` for the page at `target`, deleted as it is read.
    async fn take_form_state(&self, id: &str, target: &str) -> AppResult<Option<StoredForm>>;
    /// Keep a form's state under `id` until `expires_at` (UTC seconds).
    async fn keep_form_state(&self, id: &str, form: &StoredForm, expires_at: i64) -> AppResult<()>;
    /// Apply a phone's ops to the person's own case and answer with what changed.
    async fn sync(&self, case: CaseId, request: Request) -> Result<SyncResponse, Refused>;
    /// The case's change counter, for its practitioner's open pages.
    async fn case_rev(&self, practitioner: PractitionerId, case: CaseId) -> AppResult<u64>;
    /// An office admin's own services as an Open Referral UK file.
    async fn export_hope(&self, practitioner: PractitionerId) -> AppResult<String>;
    /// An Open Referral UK file into an office admin's own services.
    async fn import_hope(
        &self,
        practitioner: PractitionerId,
        file: Vec<u8>,
        today: Date,
    ) -> Result<Summary, ImportError>;
    /// Every appointment of a case, for its practitioner's calendar file.
    async fn case_calendar(&self, practitioner: PractitionerId, case: CaseId) -> AppResult<Vec<Appointment>>;
    /// Attach (or replace) a condition's map; `Ok(Err(_))` is a refusal for the form.
    async fn attach_map(
        &self,
        practitioner: PractitionerId,
        case: CaseId,
        condition: ConditionId,
        file_name: &str,
        file: Vec<u8>,
    ) -> AppResult<Result<(), MapRefusal>>;
    async fn person_condition_map(&self, case: CaseId, condition: ConditionId) -> AppResult<(MapFormat, Vec<u8>)>;
    async fn case_condition_map(
        &self,
        practitioner: PractitionerId,
        case: CaseId,
        condition: ConditionId,
    ) -> AppResult<(MapFormat, Vec<u8>)>;
}

#[async_trait]
impl ServerBackend for WaymarkBackend {
    async fn healthy(&self) -> bool {
        self.query(|e| Ok(e.store.answers())).await.unwrap_or(false)
    }

    async fn tidy(&self) -> AppResult<()> {
        self.query(|e| e.tidy()).await
    }

    async fn session_for_token(&self, token: &str) -> AppResult<Option<SignedIn>> {
        let token = token.to_owned();
        self.query(move |e| e.session_for_token(&token)).await
    }

    async fn take_form_state(&self, id: &str, target: &str) -> AppResult<Option<StoredForm>> {
        let (id, target) = (id.to_owned(), target.to_owned());
        self.query(move |e| e.take_form_state(&id, &target)).await
    }

    async fn keep_form_state(&self, id: &str, form: &StoredForm, expires_at: i64) -> AppResult<()> {
        let (id, form) = (id.to_owned(), form.clone());
        self.query(move |e| e.keep_form_state(&id, &form, expires_at)).await
    }

    async fn sync(&self, case: CaseId, request: Request) -> Result<SyncResponse, Refused> {
        let since = request.since;
        // A quiet sync (nothing to send) only reads: it never waits for the writer.
        let results = if request.ops.is_empty() { Vec::new() } else { self.commits.apply(case, request).await? };
        for r in &results {
            let outcome = match r.outcome {
                app::model::sync::Outcome::Applied => "applied",
                app::model::sync::Outcome::Rejected { .. } => "rejected",
            };
            metrics::counter!("waymark_sync_ops_total", "outcome" => outcome).increment(1);
        }
        let engine = self.engine.clone();
        let ran = self.queries.run(move || engine.sync_answer(case, since, results)).await;
        ran.map_err(|e| Refused::Internal(AppError::internal(e)))?
    }

    async fn case_rev(&self, practitioner: PractitionerId, case: CaseId) -> AppResult<u64> {
        self.query(move |e| e.case_rev(practitioner, case)).await
    }

    async fn export_hope(&self, practitioner: PractitionerId) -> AppResult<String> {
        self.query(move |e| e.export_hope(practitioner)).await
    }

    async fn import_hope(
        &self,
        practitioner: PractitionerId,
        file: Vec<u8>,
        today: Date,
    ) -> Result<Summary, ImportError> {
        let engine = self.engine.clone();
        let ran = self.queries.run(move || engine.import_hope(practitioner, &file, today)).await;
        ran.map_err(|e| ImportError::App(AppError::internal(e)))?
    }

    async fn case_calendar(&self, practitioner: PractitionerId, case: CaseId) -> AppResult<Vec<Appointment>> {
        self.query(move |e| e.case_calendar(practitioner, case)).await
    }

    async fn attach_map(
        &self,
        practitioner: PractitionerId,
        case: CaseId,
        condition: ConditionId,
        file_name: &str,
        file: Vec<u8>,
    ) -> AppResult<Result<(), MapRefusal>> {
        let file_name = file_name.to_owned();
        self.query(move |e| e.attach_map(practitioner, case, condition, &file_name, &file)).await
    }

    async fn person_condition_map(&self, case: CaseId, condition: ConditionId) -> AppResult<(MapFormat, Vec<u8>)> {
        self.query(move |e| e.person_condition_map(case, condition)).await
    }

    async fn case_condition_map(
        &self,
        practitioner: PractitionerId,
        case: CaseId,
        condition: ConditionId,
    ) -> AppResult<(MapFormat, Vec<u8>)> {
        self.query(move |e| e.case_condition_map(practitioner, case, condition)).await
    }
}

/// The engine's side of the few calls above that are not an aggregate's.
impl Engine {
    fn take_form_state(&self, id: &str, target: &str) -> AppResult<Option<StoredForm>> {
        Ok(store::take_form_state(&self.store.write()?, &crate::auth::token_hash(id), target)?)
    }

    fn keep_form_state(&self, id: &str, form: &StoredForm, expires_at: i64) -> AppResult<()> {
        Ok(store::put_form_state(&self.store.write()?, &crate::auth::token_hash(id), form, expires_at)?)
    }
}
