//! Progress (issue 12.5): the person's goals and what went well, from a form or
//! their phone's outbox (checked here once, for both ways in); their
//! practitioner reads them (recorded), records what went well too, and says
//! "well done".

use super::Engine;
use crate::store;
use crate::store::Conn;
use app::error::{AppError, AppResult};
use app::model::audit::Section;
use app::model::check_in::made_at;
use app::model::progress::*;
use app::model::{CaseId, PractitionerId};

/// The same good thing sent again within this many seconds is kept once.
const SAME_WITHIN: i64 = 600;

pub(crate) fn person_goal(tx: &Conn, case: CaseId, form: &GoalForm, at: i64) -> AppResult<GoalId> {
    let goal = form.check()?;
    Ok(store::insert_goal(tx, case, &goal, made_at(at, jiff::Timestamp::now()).as_second())?)
}

pub(crate) fn person_goal_done(tx: &Conn, case: CaseId, goal: GoalId, at: i64) -> AppResult<()> {
    let at = made_at(at, jiff::Timestamp::now()).as_second();
    store::goal_done(tx, case, goal, at)?.then_some(()).ok_or(AppError::NotFound)
}

pub(crate) fn person_good_thing(tx: &Conn, case: CaseId, title: &str, at: i64) -> AppResult<AchievementId> {
    let title = check_good_thing(title)?;
    let at = made_at(at, jiff::Timestamp::now()).as_second();
    Ok(store::insert_achievement(tx, case, &title, at, None, at - SAME_WITHIN)?)
}

impl Engine {
    pub(crate) fn person_progress(&self, case: CaseId) -> AppResult<Progress> {
        Ok(store::progress(&self.store.read()?, case)?)
    }

    pub(crate) fn set_goal(&self, case: CaseId, form: &GoalForm) -> AppResult<GoalId> {
        let now = store::now();
        self.in_transaction(|tx| person_goal(tx, case, form, now))
    }

    pub(crate) fn goal_done(&self, case: CaseId, goal: GoalId) -> AppResult<()> {
        let now = store::now();
        self.in_transaction(|tx| person_goal_done(tx, case, goal, now))
    }

    pub(crate) fn add_good_thing(&self, case: CaseId, title: &str) -> AppResult<AchievementId> {
        let now = store::now();
        self.in_transaction(|tx| person_good_thing(tx, case, title, now))
    }

    pub(crate) fn case_progress(&self, practitioner: PractitionerId, case: CaseId) -> AppResult<Progress> {
        self.on_case_read(practitioner, case, Section::Progress, |conn| Ok(store::progress(conn, case)?))
    }

    /// A practitioner records something that went well (a month of appointments kept).
    pub(crate) fn record_good_thing(&self, practitioner: PractitionerId, case: CaseId, title: &str) -> AppResult<()> {
        let title = check_good_thing(title)?;
        let now = store::now();
        self.on_case(practitioner, case, Section::Progress, "recorded something that went well", |tx| {
            store::insert_achievement(tx, case, &title, now, Some(practitioner), now - SAME_WITHIN)?;
            Ok(())
        })
    }

    pub(crate) fn well_done(
        &self,
        practitioner: PractitionerId,
        case: CaseId,
        id: AchievementId,
        words: &str,
    ) -> AppResult<()> {
        let words = check_well_done(words)?;
        self.on_case(practitioner, case, Section::Progress, "said well done", |tx| {
            match store::well_done(tx, case, id, practitioner, &words)? {
                None => Err(AppError::NotFound),
                Some(false) => Err(AppError::invalid("well_done", "This already has a well done.")),
                Some(true) => Ok(()),
            }
        })
    }
}
