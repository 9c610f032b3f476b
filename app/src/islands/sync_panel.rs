//! What is kept on this phone and waiting to send, and when it last synced.
//! Shown only where the app will wake (the `app` class the head sets, see
//! `wake.js`): without it, forms post straight to the server.
//!
//! The server draws the panel with "Checking this phone…" in the line the
//! status then takes over: one text in one element that keeps room for two
//! lines, so nothing on the page moves when the app wakes, and the browser
//! counts the line as drawn with the page (new text in a new element, a second
//! later, would become the page's "largest contentful paint"). The lists
//! under that line are one piece of escaped HTML rather than a tree of
//! reactive views: the same words for a fraction of the wasm.

use crate::format::count;
use leptos::prelude::*;

/// What the panel shows (filled in by `crate::offline`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SyncStatus {
    pub ready: bool,
    pub waiting: Vec<String>,
    pub synced_at: Option<i64>,
    pub note: Option<String>,
    pub refused: Vec<(String, String)>,
    pub sending: bool,
}

/// The panel's state, as signals (Copy, so event handlers can hold it).
#[derive(Clone, Copy)]
struct Panel {
    ready: RwSignal<bool>,
    line: RwSignal<String>,
    html: RwSignal<String>,
    refused: RwSignal<bool>,
    sending: RwSignal<bool>,
}

#[cfg(feature = "hydrate")]
impl Panel {
    fn report(self) -> crate::offline::Report {
        std::rc::Rc::new(move |s: SyncStatus| {
            let now = (js_sys::Date::now() / 1000.0) as i64;
            self.line.set(format!("{} {}", lead(&s), synced(&s, now)));
            self.html.set(details_html(&s));
            self.refused.set(!s.refused.is_empty());
            self.sending.set(s.sending);
            self.ready.set(s.ready);
        })
    }
}

/// No props (they would bring serde_json into the wasm): the server writes the
/// person's case on the panel as `data-case`, and the phone reads it there.
#[island]
pub fn SyncPanel() -> impl IntoView {
    let panel = Panel {
        ready: RwSignal::new(false),
        line: RwSignal::new(CHECKING.to_string()),
        html: RwSignal::new(String::new()),
        refused: RwSignal::new(false),
        sending: RwSignal::new(false),
    };
    let Panel { ready, line, html, refused, sending } = panel;
    let root = NodeRef::<leptos::html::Section>::new();
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        if let Some(case) = root.get().and_then(|el| super::data_i64(&el, "data-case")) {
            crate::offline::start(case, panel.report());
        }
    });
    let send_now = move |_| {
        #[cfg(feature = "hydrate")]
        crate::offline::send(panel.report());
    };
    let read_refusals = move |_| {
        #[cfg(feature = "hydrate")]
        crate::offline::forget_refused(panel.report());
    };
    view! {
        <section
            class="sync-panel"
            data-case=server_case()
            node_ref=root
            aria-labelledby="sync-heading"
        >
            <h2 id="sync-heading" class="visually-hidden">"This phone"</h2>
            <div role="status" aria-live="polite">
                <p class="sync-state">{move || line.get()}</p>
                <div inner_html=move || html.get()></div>
            </div>
            <button type="button" class="link-button" hidden=move || !refused.get() on:click=read_refusals>
                "Hide this list"
            </button>
            <button
                type="button"
                class="button button-secondary"
                on:click=send_now
                disabled=move || sending.get() || !ready.get()
            >
                {move || if sending.get() { "Sending…" } else { "Send now" }}
            </button>
        </section>
    }
}

/// The signed-in person's case, while the server draws the page (`None` in the browser).
fn server_case() -> Option<i64> {
    match crate::components::current_viewer() {
        crate::model::Viewer::Person { case_id } => Some(case_id.0),
        _ => None,
    }
}

/// Shown to the person; kept here (not in the browser-only code) so the
/// plain-words test can read every one of them.
pub const ALL_SENT: &str = "Everything is sent.";
/// What the panel says until the phone has read what it keeps.
pub const CHECKING: &str = "Checking this phone…";
pub mod words {
    pub const NO_SIGNAL: &str = "No signal. Your changes are kept on this phone and will be sent later.";
    pub const NO_ROOM: &str = "This phone has no room to keep your change. Try again with signal.";
    pub const SIGN_IN_AGAIN: &str = "Please sign in again to send your changes. They are kept on this phone.";
    pub const NOT_TAKEN: &str = "Waymark could not take your changes just now. They are kept on this phone.";
    pub const KEPT_OFFLINE: &str = "Saved on this phone. It will be sent when you have signal.";
    pub const WRITE_QUESTION: &str = "Write your question.";
    pub const WRITE_REASON: &str = "Write why you need a change.";
    pub const SAY_WHAT_IS_IN_THE_WAY: &str = "Say what is in the way, so someone can help.";
    pub const WIPE_ANYWAY: &str = "Some of your changes are not sent yet. Wiping this phone deletes them. Wipe anyway?";
    pub const KEPT_NOTE: &str = "Kept on this phone, waiting to send.";
    pub const WAITING: &str = "waiting to send";
    pub const ALREADY_WAITING: &str = "You did this already. It is kept on this phone and will be sent once.";
    pub const CHOOSE_WHAT_FOR: &str = "Choose what this time is for.";
    pub const ENTER_TIMES: &str = "Enter the time it starts and the time it ends.";
    pub const DAY_OR_DATE: &str = "Choose the day of the week, or enter the date.";

    /// Every message above, for the plain-words test.
    pub const ALL: [&str; 15] = [
        NO_SIGNAL,
        NO_ROOM,
        SIGN_IN_AGAIN,
        NOT_TAKEN,
        KEPT_OFFLINE,
        WRITE_QUESTION,
        WRITE_REASON,
        SAY_WHAT_IS_IN_THE_WAY,
        WIPE_ANYWAY,
        KEPT_NOTE,
        WAITING,
        ALREADY_WAITING,
        CHOOSE_WHAT_FOR,
        ENTER_TIMES,
        DAY_OR_DATE,
    ];
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The start of the panel's first line: everything sent, or how much waits.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
fn lead(s: &SyncStatus) -> String {
    if s.waiting.is_empty() {
        ALL_SENT.into()
    } else {
        format!("Waiting to send: {}.", s.waiting.len())
    }
}

/// The rest of the first line: when this phone last synced.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
fn synced(s: &SyncStatus, now: i64) -> String {
    s.synced_at.map(|at| last_synced(at, now)).unwrap_or_else(|| "Not synced on this phone yet.".into())
}

/// What waits, a note, what was refused: as HTML, every piece of text escaped
/// (empty when all is sent, so the panel keeps its size).
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
fn details_html(s: &SyncStatus) -> String {
    let mut out: String = if s.waiting.is_empty() {
        String::new()
    } else {
        let items: String = s.waiting.iter().map(|w| format!("<li>{}</li>", escape(w))).collect();
        format!("<ul>{items}</ul>")
    };
    if let Some(note) = &s.note {
        out.push_str(&format!("<p class=\"sync-note\">{}</p>", escape(note)));
    }
    if !s.refused.is_empty() {
        let items: String =
            s.refused.iter().map(|(what, why)| format!("<li>{}. {}</li>", escape(what), escape(why))).collect();
        out.push_str(&format!("<div class=\"sync-refused\"><p><strong>Not sent:</strong></p><ul>{items}</ul></div>"));
    }
    out
}

/// "Last synced 5 minutes ago." Plain arithmetic: no time-zone data in the wasm.
fn last_synced(at: i64, now: i64) -> String {
    let minutes = (now - at).max(0) / 60;
    match minutes {
        0 => "Last synced just now.".into(),
        1..=59 => format!("Last synced {} ago.", count(minutes, "minute", "minutes")),
        60..=2879 => format!("Last synced {} ago.", count(minutes / 60, "hour", "hours")),
        _ => format!("Last synced {} ago.", count(minutes / 1440, "day", "days")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn last_synced_reads_plainly() {
        assert_eq!(last_synced(1000, 1030), "Last synced just now.");
        assert_eq!(last_synced(0, 3 * 3600), "Last synced 3 hours ago.");
        assert_eq!(last_synced(0, 3 * 86400), "Last synced 3 days ago.");
    }

    #[test]
    fn the_panel_escapes_what_it_shows() {
        let s = SyncStatus {
            waiting: vec!["You changed a step".into()],
            synced_at: Some(0),
            refused: vec![("Your <question>".into(), "Write your question.".into())],
            ..SyncStatus::default()
        };
        assert_eq!(lead(&s), "Waiting to send: 1.");
        assert_eq!(synced(&s, 120), "Last synced 2 minutes ago.");
        let html = details_html(&s);
        assert!(html.contains("<li>You changed a step</li>"));
        assert!(html.contains("Your &lt;question&gt;. Write your question."));
        assert!(!html.contains("<question>"));
        assert_eq!(lead(&SyncStatus::default()), "Everything is sent.");
        assert_eq!(details_html(&SyncStatus::default()), "", "nothing under the first line when all is sent");
    }
}
