//! Progress and strengths (issue 12.5): goals the person sets (work, learning,
//! family, health, somewhere to live) with a small next step; things that went
//! well, recorded by either side (a course finished, a job, a month of
//! appointments kept) and shown on their home; and the practitioner's short
//! "well done", which the person sees.

use crate::error::{AppError, AppResult};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

pub use super::{AchievementId, GoalId};

/// What a goal is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Area {
    Work,
    Learning,
    Family,
    Health,
    Housing,
    Other,
}

impl Area {
    pub const ALL: [Area; 6] = [Area::Work, Area::Learning, Area::Family, Area::Health, Area::Housing, Area::Other];

    pub fn as_str(self) -> &'static str {
        match self {
            Area::Work => "work",
            Area::Learning => "learning",
            Area::Family => "family",
            Area::Health => "health",
            Area::Housing => "housing",
            Area::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Area> {
        Area::ALL.into_iter().find(|a| a.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Area::Work => "Work",
            Area::Learning => "Learning or training",
            Area::Family => "Family",
            Area::Health => "Health",
            Area::Housing => "Somewhere to live",
            Area::Other => "Something else",
        }
    }
}

/// Most characters of a goal or of something that went well.
pub const TITLE_MAX: usize = 120;
/// Most characters of a next step.
pub const STEP_MAX: usize = 200;
/// Most characters of a "well done".
pub const WELL_DONE_MAX: usize = 300;
/// How many goals and good things the person's phone keeps (the latest of each).
pub const KEPT: usize = 30;

/// The words when a goal has no area or no words (the form and the phone say the same).
pub const CHOOSE_AREA: &str = "Choose what your goal is about.";
pub const WRITE_GOAL: &str = "Write your goal.";
pub const WRITE_GOOD_THING: &str = "Write what went well.";

fn text(field: &str, value: &str, max: usize, empty: Option<&str>) -> AppResult<Option<String>> {
    let value = value.trim();
    if value.is_empty() {
        return match empty {
            Some(message) => Err(AppError::invalid(field, message)),
            None => Ok(None),
        };
    }
    if value.chars().count() > max {
        return Err(AppError::invalid(field, format!("Keep this to {max} characters or fewer.")));
    }
    Ok(Some(value.to_owned()))
}

/// A goal as typed (`form[…]`, and in the phone's outbox).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoalForm {
    #[serde(default)]
    pub area: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub next_step: String,
}

/// A goal as checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewGoal {
    pub area: Area,
    pub title: String,
    pub next_step: Option<String>,
}

impl GoalForm {
    pub fn check(&self) -> AppResult<NewGoal> {
        let area = Area::parse(self.area.trim()).ok_or_else(|| AppError::invalid("area", CHOOSE_AREA))?;
        let title = text("title", &self.title, TITLE_MAX, Some(WRITE_GOAL))?.unwrap_or_default();
        let next_step = text("next_step", &self.next_step, STEP_MAX, None)?;
        Ok(NewGoal { area, title, next_step })
    }

    /// Whether it says the same as `other` (a form sent twice).
    pub fn same_as(&self, other: &GoalForm) -> bool {
        let words = |f: &GoalForm| [&f.area, &f.title, &f.next_step].map(|s| s.trim().to_owned());
        words(self) == words(other)
    }

    pub fn kept(&self) -> Vec<(String, String)> {
        vec![
            ("area".into(), self.area.clone()),
            ("title".into(), self.title.clone()),
            ("next_step".into(), self.next_step.clone()),
        ]
    }
}

/// Something that went well, as typed.
pub fn check_good_thing(title: &str) -> AppResult<String> {
    Ok(text("good_thing", title, TITLE_MAX, Some(WRITE_GOOD_THING))?.unwrap_or_default())
}

/// A practitioner's "well done", checked.
pub fn check_well_done(words: &str) -> AppResult<String> {
    Ok(text("well_done", words, WELL_DONE_MAX, Some("Write your well done."))?.unwrap_or_default())
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Goal {
    pub id: GoalId,
    pub said: NewGoal,
    pub set_at: Timestamp,
    pub done_at: Option<Timestamp>,
}

/// Who recorded something that went well: the person, or a practitioner by name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum RecordedBy {
    Person,
    Practitioner(String),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WellDone {
    pub by: String,
    pub words: String,
    pub at: Timestamp,
}

/// Something that went well.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Achievement {
    pub id: AchievementId,
    pub title: String,
    pub at: Timestamp,
    pub by: RecordedBy,
    pub well_done: Option<WellDone>,
}

impl Achievement {
    /// "You added this", "Sam Okafor added this" — for the person.
    pub fn by_words(&self) -> String {
        match &self.by {
            RecordedBy::Person => "You added this.".to_owned(),
            RecordedBy::Practitioner(name) => format!("{name} added this."),
        }
    }
}

/// A case's goals (open ones first) and what went well (the latest first).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    pub goals: Vec<Goal>,
    pub achievements: Vec<Achievement>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_goal_is_checked_with_a_clear_reason() {
        let form = |area: &str, title: &str, step: &str| GoalForm {
            area: area.into(),
            title: title.into(),
            next_step: step.into(),
        };
        let goal = form("work", " Get a forklift licence ", " ").check().unwrap();
        assert_eq!((goal.area, goal.title.as_str(), goal.next_step), (Area::Work, "Get a forklift licence", None));
        assert_eq!(form("", "A job", "").check().unwrap_err().to_string(), CHOOSE_AREA);
        assert_eq!(form("work", "  ", "").check().unwrap_err().to_string(), WRITE_GOAL);
        let long = form("work", "A job", &"x".repeat(STEP_MAX + 1)).check().unwrap_err();
        assert_eq!(
            (long.field(), long.to_string().as_str()),
            (Some("next_step"), "Keep this to 200 characters or fewer.")
        );
        assert!(form("work", "A job", "").same_as(&form("work", " A job ", "")));
        assert_eq!(check_good_thing(" ").unwrap_err().to_string(), WRITE_GOOD_THING);
        assert_eq!(check_well_done(&"x".repeat(301)).unwrap_err().field(), Some("well_done"));
    }
}
