//! The audit (DESIGN.md, Security): what is recorded about a person's case, and
//! how the person reads it — who has looked at or changed their information,
//! grouped by who, what and day so it is not a wall of rows.

use crate::format;
use jiff::{civil::Date, Timestamp};
use serde::{Deserialize, Serialize};

/// A part of a person's information, as the audit names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Section {
    Case,
    Licence,
    Appointments,
    Steps,
    MyList,
    Map,
    Calendar,
    Reporting,
    ShareLinks,
    /// "About me": how to reach them, what helps, the times they cannot do.
    AboutMe,
    /// The notes one practitioner wrote for the next when the case moved.
    Handover,
    /// "How are things?": moods, what would help, asks to be contacted.
    CheckIns,
    /// What they asked for, and the written answers.
    Requests,
    /// Goals, what went well, and "well done".
    Progress,
    /// What a supporter saw through a link before sections were recorded apart.
    Shared,
    /// The case's change counter (polled by open desk pages): no personal data, so not recorded.
    Rev,
}

impl Section {
    const ALL: [Section; 16] = [
        Section::Case,
        Section::Licence,
        Section::Appointments,
        Section::Steps,
        Section::MyList,
        Section::Map,
        Section::Calendar,
        Section::Reporting,
        Section::ShareLinks,
        Section::AboutMe,
        Section::Handover,
        Section::CheckIns,
        Section::Requests,
        Section::Progress,
        Section::Shared,
        Section::Rev,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Section::Case => "case",
            Section::Licence => "licence",
            Section::Appointments => "appointments",
            Section::Steps => "steps",
            Section::MyList => "my_list",
            Section::Map => "map",
            Section::Calendar => "calendar",
            Section::Reporting => "reporting",
            Section::ShareLinks => "share_links",
            Section::AboutMe => "about_me",
            Section::Handover => "handover",
            Section::CheckIns => "check_ins",
            Section::Requests => "requests",
            Section::Progress => "progress",
            Section::Shared => "shared",
            Section::Rev => "rev",
        }
    }

    pub fn parse(s: &str) -> Option<Section> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }

    /// Whether reading it is recorded: everything but the change counter.
    pub fn audited(self) -> bool {
        self != Section::Rev
    }

    /// "your licence".
    pub fn words(self) -> &'static str {
        match self {
            Section::Case => "your details",
            Section::Licence => "your licence",
            Section::Appointments => "your appointments",
            Section::Steps => "your steps",
            Section::MyList => "your list of places that help",
            Section::Map => "a map on your licence",
            Section::Calendar => "your appointments as a calendar file",
            Section::Reporting => "your times to report",
            Section::ShareLinks => "your share links",
            Section::AboutMe => "what you told us about you",
            Section::Handover => "the notes for your new officer",
            Section::CheckIns => "how you said things are",
            Section::Requests => "what you asked for",
            Section::Progress => "your goals and what went well",
            Section::Shared => "what you shared",
            Section::Rev => "whether anything changed",
        }
    }
}

/// What an audit row records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AuditAction {
    Read(Section),
    Change(Section),
    SignedIn,
    SignInFailed,
    /// Wrong tries made the next ones wait.
    SignInSlowed,
    Activated,
    CodeIssued,
    ShareMade,
    ShareTurnedOff,
    /// The practitioner's "This phone is lost": every session and link ended, a new code.
    PhoneLost,
    /// A change to an office's data, not to a case.
    Office,
    /// The case moved to another practitioner (the detail: to whom).
    CaseMoved,
}

impl AuditAction {
    pub fn code(self) -> String {
        match self {
            AuditAction::Read(s) => format!("read:{}", s.as_str()),
            AuditAction::Change(s) => format!("change:{}", s.as_str()),
            other => other.event_code().unwrap_or_default().to_owned(),
        }
    }

    fn event_code(self) -> Option<&'static str> {
        Some(match self {
            AuditAction::SignedIn => "signed_in",
            AuditAction::SignInFailed => "sign_in_failed",
            AuditAction::SignInSlowed => "sign_in_slowed",
            AuditAction::Activated => "activated",
            AuditAction::CodeIssued => "code_issued",
            AuditAction::ShareMade => "share_made",
            AuditAction::ShareTurnedOff => "share_turned_off",
            AuditAction::PhoneLost => "phone_lost",
            AuditAction::Office => "office",
            AuditAction::CaseMoved => "case_moved",
            AuditAction::Read(_) | AuditAction::Change(_) => return None,
        })
    }

    pub fn parse(code: &str) -> Option<AuditAction> {
        if let Some(s) = code.strip_prefix("read:") {
            return Section::parse(s).map(AuditAction::Read);
        }
        if let Some(s) = code.strip_prefix("change:") {
            return Section::parse(s).map(AuditAction::Change);
        }
        [
            AuditAction::SignedIn,
            AuditAction::SignInFailed,
            AuditAction::SignInSlowed,
            AuditAction::Activated,
            AuditAction::CodeIssued,
            AuditAction::ShareMade,
            AuditAction::ShareTurnedOff,
            AuditAction::PhoneLost,
            AuditAction::Office,
            AuditAction::CaseMoved,
        ]
        .into_iter()
        .find(|a| a.event_code() == Some(code))
    }
}

/// Who did it, as the person knows them.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Who {
    /// The practitioner the case is allocated to.
    Officer(String),
    /// Another probation worker (a co-worker on the case).
    Colleague(String),
    /// Someone holding one of the person's share links (the name the person gave).
    Supporter(String),
    /// The person themself (their own sign-in, their own links).
    You,
    /// Someone signing in with the person's number.
    Someone,
}

impl Who {
    fn words(&self) -> String {
        match self {
            Who::Officer(name) => format!("{name} (your probation officer)"),
            Who::Colleague(name) => format!("{name} (from probation)"),
            Who::Supporter(who) => format!("{who} (with the link you shared)"),
            Who::You => "You".into(),
            Who::Someone => "Someone".into(),
        }
    }
}

/// One audit row about a case, as read back for the person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditRow {
    pub at: Timestamp,
    pub who: Who,
    pub action: AuditAction,
    /// The share link's "who" for link events.
    pub detail: Option<String>,
}

/// Rows of one kind, by one person, on one day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Looked {
    pub who: Who,
    pub action: AuditAction,
    /// Every part read or changed (for reads and changes), in a fixed order.
    pub sections: Vec<Section>,
    pub detail: Option<String>,
    pub day: Date,
    pub last_at: Timestamp,
    pub times: u32,
}

/// The kind of a row for grouping: reads go together, and so do changes.
fn kind(a: AuditAction) -> AuditAction {
    match a {
        AuditAction::Read(_) => AuditAction::Read(Section::Case),
        AuditAction::Change(_) => AuditAction::Change(Section::Case),
        other => other,
    }
}

/// Group rows (any order) by who, kind, link and London day; newest group
/// first. A page that reads several parts reads each once, so the times a
/// group counts are the reads of its most-read part.
pub fn group(rows: Vec<AuditRow>) -> Vec<Looked> {
    let mut out: Vec<Looked> = Vec::new();
    let mut counts: Vec<Vec<(Option<Section>, u32)>> = Vec::new();
    for row in rows {
        let day = row.at.to_zoned(format::london()).date();
        let section = match row.action {
            AuditAction::Read(s) | AuditAction::Change(s) => Some(s),
            _ => None,
        };
        let same = |g: &Looked| {
            g.who == row.who && kind(g.action) == kind(row.action) && g.detail == row.detail && g.day == day
        };
        match out.iter().position(|g| same(g)) {
            Some(i) => {
                let g = &mut out[i];
                g.last_at = g.last_at.max(row.at);
                if let Some(s) = section.filter(|s| !g.sections.contains(s)) {
                    g.sections.push(s);
                    g.sections.sort();
                }
                match counts[i].iter_mut().find(|(s, _)| *s == section) {
                    Some((_, n)) => *n += 1,
                    None => counts[i].push((section, 1)),
                }
                g.times = counts[i].iter().map(|(_, n)| *n).max().unwrap_or(1);
            }
            None => {
                out.push(Looked {
                    who: row.who,
                    action: kind(row.action),
                    sections: section.into_iter().collect(),
                    detail: row.detail,
                    day,
                    last_at: row.at,
                    times: 1,
                });
                counts.push(vec![(section, 1)]);
            }
        }
    }
    out.sort_by(|a, b| b.last_at.cmp(&a.last_at));
    out
}

fn and_list(parts: &[&str]) -> String {
    match parts {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

impl Looked {
    /// "Sam Patel (your probation officer) looked at your licence and your steps".
    pub fn sentence(&self) -> String {
        let who = self.who.words();
        let what: Vec<&str> = self.sections.iter().map(|s| s.words()).collect();
        let link = self.detail.as_deref().unwrap_or("someone");
        match self.action {
            AuditAction::Read(_) => format!("{who} looked at {}", and_list(&what)),
            AuditAction::Change(_) => format!("{who} changed {}", and_list(&what)),
            AuditAction::SignedIn => "Your Waymark number and PIN were used to sign in".into(),
            AuditAction::SignInFailed => "Someone used your Waymark number with a wrong PIN".into(),
            AuditAction::SignInSlowed => "Signing in with your number was slowed down after wrong PINs".into(),
            AuditAction::Activated => "Your code was used to set up Waymark on a phone".into(),
            AuditAction::CodeIssued => format!("{who} made a new code for you"),
            AuditAction::ShareMade => format!("{who} made a link for {link}"),
            AuditAction::ShareTurnedOff => format!("{who} turned off the link for {link}"),
            AuditAction::PhoneLost => format!("{who} signed your lost phone out of Waymark"),
            AuditAction::Office => format!("{who} changed office details"),
            AuditAction::CaseMoved => format!("{who} moved your case to {link}"),
        }
    }

    /// "today, 10:31 am", or "yesterday, last at 2 pm (3 times)".
    pub fn when(&self, now: Timestamp) -> String {
        let today = now.to_zoned(format::london()).date();
        let day = format::day(self.day, today);
        let day = match day.as_str() {
            "Today" | "Yesterday" => day.to_lowercase(),
            _ => day,
        };
        let clock = format::clock(&self.last_at.to_zoned(format::london()));
        if self.times > 1 {
            format!("{day}, last at {clock} ({} times)", self.times)
        } else {
            format!("{day}, {clock}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    fn row(when: &str, who: Who, action: AuditAction) -> AuditRow {
        AuditRow { at: at(when), who, action, detail: None }
    }

    #[test]
    fn codes_round_trip() {
        for s in Section::ALL {
            for a in [AuditAction::Read(s), AuditAction::Change(s)] {
                assert_eq!(AuditAction::parse(&a.code()), Some(a));
            }
        }
        for a in [
            AuditAction::SignInFailed,
            AuditAction::PhoneLost,
            AuditAction::ShareMade,
            AuditAction::Office,
            AuditAction::CaseMoved,
        ] {
            assert_eq!(AuditAction::parse(&a.code()), Some(a));
        }
        assert_eq!(AuditAction::parse("read:nothing"), None);
        assert_eq!(AuditAction::parse("viewed case"), None);
    }

    #[test]
    fn reads_by_one_person_on_one_day_are_one_line() {
        let sam = || Who::Officer("Sam Patel".into());
        let rows = vec![
            row("2026-11-30T10:31:00Z", sam(), AuditAction::Read(Section::Licence)),
            row("2026-11-30T09:00:00Z", sam(), AuditAction::Read(Section::Steps)),
            row("2026-11-30T09:05:00Z", sam(), AuditAction::Read(Section::Licence)),
            row("2026-11-29T15:00:00Z", sam(), AuditAction::Read(Section::Licence)),
            row("2026-11-30T11:00:00Z", Who::Supporter("Mum".into()), AuditAction::Read(Section::Appointments)),
            row("2026-11-30T08:00:00Z", sam(), AuditAction::Change(Section::Appointments)),
        ];
        let groups = group(rows);
        assert_eq!(groups.len(), 4, "{groups:#?}");
        let now = at("2026-11-30T12:00:00Z");
        let lines: Vec<String> = groups.iter().map(|g| format!("{} — {}", g.sentence(), g.when(now))).collect();
        assert_eq!(
            lines,
            [
                "Mum (with the link you shared) looked at your appointments — today, 11 am",
                "Sam Patel (your probation officer) looked at your licence and your steps — today, last at 10:31 am (2 times)",
                "Sam Patel (your probation officer) changed your appointments — today, 8 am",
                "Sam Patel (your probation officer) looked at your licence — yesterday, 3 pm",
            ]
        );
    }
}
