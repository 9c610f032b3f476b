//! Cases: the person's home, the caseload, opening a case and its codes.

use super::{Caller, Engine};
use crate::auth;
use crate::store::Conn;
use crate::store::{self, Actor};
use app::model::audit::{group, AuditAction, Looked, Section};
use app::model::share::TurnedOffBy;

/// "Who has looked at my information" covers three months...
const WHO_HAS_LOOKED_DAYS: i64 = 91;
/// ...and at most this many rows (grouped into far fewer lines).
const WHO_HAS_LOOKED_ROWS: u32 = 5000;
use app::error::{AppError, AppResult};
use app::model::*;

impl Engine {
    /// What is new for the person, from their own explicit acts only: answers
    /// to their questions and changed rules until they answer again, letters
    /// until they say they read them, moved appointments until they reply,
    /// suggested times until they add them or not.
    fn news(&self, conn: &Conn, case: CaseId) -> AppResult<Vec<news::News>> {
        use news::News;
        let mut out = Vec::new();
        let rules = store::condition_rows(conn, case)?;
        let headline = |row: &store::ConditionRow| self.headline(&row.template);
        for row in rules.iter().filter(|r| r.understanding == Understanding::Answered) {
            out.push(News::Answer { condition: row.id, headline: headline(row) });
        }
        for letter in store::explanations(conn, case)?.into_iter().filter(|e| e.read_at.is_none()) {
            out.push(News::Letter { id: letter.id, title: letter.title });
        }
        for row in rules.iter().filter(|r| r.understanding == Understanding::Changed) {
            out.push(News::ChangedRule { condition: row.id, headline: headline(row) });
        }
        let now = jiff::Timestamp::now();
        for a in store::appointments(conn, case)? {
            let Some(starts_at) = a.next_start(now).filter(|_| !a.cancelled && a.rsvp.is_none()) else { continue };
            let moved = a.moved_from.is_some();
            if moved || a.change_notice().is_some() {
                out.push(News::Appointment { id: a.id, kind: a.kind, starts_at, moved });
            }
        }
        // Until the person says yes or no to it.
        for s in store::suggestions(conn, case)?.into_iter().filter(|s| s.accepted.is_none()) {
            out.push(News::Suggestion { id: s.id, words: s.busy.words() });
        }
        Ok(out)
    }
}

impl Engine {
    pub(crate) fn person_home(&self, case: CaseId) -> AppResult<PersonHome> {
        let conn = self.store.read()?;
        let mut home = store::person_home(&conn, case)?.ok_or(AppError::NotFound)?;
        home.news = self.news(&conn, case)?;
        if let Some(h) = self.new_officer(&conn, case)? {
            home.news.insert(0, news::News::NewOfficer { name: h.to_name.clone() });
            home.new_officer = Some(h.person_message());
        }
        home.week = self.week(&conn, case, jiff::Timestamp::now())?;
        Ok(home)
    }

    /// The person's next seven days, from their curfews, appointments and reporting rules.
    fn week(&self, conn: &Conn, case: CaseId, now: jiff::Timestamp) -> AppResult<week::Week> {
        let rows = store::condition_rows(conn, case)?;
        let curfews: Vec<_> = rows
            .iter()
            .filter_map(|row| Some((row.id, self.template_for(&row.template)?, &row.details)))
            .flat_map(|(id, t, details)| week::curfew_hours(t, details).into_iter().map(move |h| (id, h)))
            .collect();
        let reporting: Vec<_> = rows
            .iter()
            .filter_map(|row| Some((row.id, app::model::reporting::Reporting::from_details(&row.details)?)))
            .collect();
        let appointments = store::appointments(conn, case)?;
        Ok(week::Week::build(
            now,
            &week::WeekData { curfews: &curfews, appointments: &appointments, reporting: &reporting },
        ))
    }

    pub(crate) fn pack_cover(&self, practitioner: PractitionerId, case: CaseId) -> AppResult<PackCover> {
        self.on_case_read(practitioner, case, Section::Case, |conn| {
            let contact = store::case_contact(conn, case)?.ok_or(AppError::NotFound)?;
            Ok(PackCover { contact, week: self.week(conn, case, jiff::Timestamp::now())? })
        })
    }

    pub(crate) fn caseload(&self, practitioner: PractitionerId) -> AppResult<Vec<CaseloadEntry>> {
        Ok(store::caseload(&self.store.read()?, practitioner)?)
    }

    pub(crate) fn case_overview(&self, practitioner: PractitionerId, case: CaseId) -> AppResult<CaseOverview> {
        self.on_case_read(practitioner, case, Section::Case, |conn| {
            store::case_overview(conn, practitioner, case)?.ok_or(AppError::NotFound)
        })
    }

    pub(crate) fn create_case(&self, practitioner: PractitionerId, new_case: &NewCase) -> AppResult<CaseId> {
        self.store.write_tx(|tx| {
            let (office, _) = store::practitioner_office(tx, practitioner)?.ok_or(AppError::Forbidden)?;
            let mut number = auth::new_waymark_number();
            while store::waymark_number_taken(tx, &number)? {
                number = auth::new_waymark_number();
            }
            let case = store::insert_case(tx, office, practitioner, new_case, &number, false)?;
            // The same first steps every case has, each with its guidance.
            store::insert_standard_steps(tx, case)?;
            self.issue_code(tx, practitioner, case)?;
            let actor = Actor::Practitioner(practitioner);
            self.record_event(tx, actor, Some(case), AuditAction::Change(Section::Case), Some("opened case"), None)?;
            Ok(case)
        })
    }

    pub(crate) fn issue_activation_code(&self, practitioner: PractitionerId, case: CaseId) -> AppResult<()> {
        let caller = Caller::Practitioner(practitioner);
        self.write_case(&caller, case, AuditAction::CodeIssued, "issued activation code", |tx| {
            self.issue_code(tx, practitioner, case)
        })
    }

    pub(crate) fn phone_lost(&self, practitioner: PractitionerId, case: CaseId) -> AppResult<()> {
        let caller = Caller::Practitioner(practitioner);
        self.write_case(&caller, case, AuditAction::PhoneLost, "this phone is lost", |tx| {
            store::delete_case_sessions(tx, case)?;
            store::delete_known_devices(tx, case)?;
            // The PIN may be known to whoever has the phone: it works again only with the new code.
            store::lock_case(tx, case)?;
            for who in store::end_share_links(tx, case, TurnedOffBy::PhoneLost)? {
                let actor = Actor::Practitioner(practitioner);
                self.record_event(tx, actor, Some(case), AuditAction::ShareTurnedOff, Some(&who), None)?;
            }
            self.issue_code(tx, practitioner, case)
        })
    }

    pub(crate) fn who_has_looked(&self, case: CaseId) -> AppResult<Vec<Looked>> {
        let since = store::now() - WHO_HAS_LOOKED_DAYS * 86_400;
        let rows = store::case_audit(&self.store.read()?, case, since, WHO_HAS_LOOKED_ROWS)?;
        Ok(group(rows))
    }
}

impl Engine {
    /// The case's change counter, for its practitioner's open pages (not recorded: no personal data).
    pub(crate) fn case_rev(&self, practitioner: PractitionerId, case: CaseId) -> AppResult<u64> {
        self.on_case_read(practitioner, case, Section::Rev, |conn| {
            store::case_rev(conn, case)?.ok_or(AppError::NotFound)
        })
    }
}
