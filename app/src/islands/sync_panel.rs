//! What is kept on this phone and waiting to send, and when it last synced.
//! Hidden until the wasm runs: without it, forms post straight to the server.

use leptos::prelude::*;

#[cfg(feature = "hydrate")]
use crate::offline::Status;

/// Shown to the person; kept here so the readability test can read it.
pub const ALL_SENT: &str = "Everything is sent.";

/// The panel's state, as signals (Copy, so event handlers can hold it).
#[derive(Clone, Copy)]
struct Panel {
    ready: RwSignal<bool>,
    waiting: RwSignal<Vec<String>>,
    synced: RwSignal<String>,
    note: RwSignal<Option<String>>,
    refused: RwSignal<Vec<(String, String)>>,
    sending: RwSignal<bool>,
}

#[cfg(feature = "hydrate")]
impl Panel {
    fn report(self) -> crate::offline::Report {
        std::rc::Rc::new(move |s: Status| {
            let now = (js_sys::Date::now() / 1000.0) as i64;
            self.ready.set(s.ready);
            self.waiting.set(s.waiting);
            self.synced.set(
                s.synced_at.map(|at| last_synced(at, now)).unwrap_or_else(|| "Not synced on this phone yet.".into()),
            );
            self.note.set(s.note);
            self.refused.set(s.refused);
            self.sending.set(s.sending);
        })
    }
}

#[island]
pub fn SyncPanel(case_id: i64) -> impl IntoView {
    let panel = Panel {
        ready: RwSignal::new(false),
        waiting: RwSignal::new(Vec::new()),
        synced: RwSignal::new(String::new()),
        note: RwSignal::new(None),
        refused: RwSignal::new(Vec::new()),
        sending: RwSignal::new(false),
    };
    let Panel { ready, waiting, synced, note, refused, sending } = panel;
    let _ = case_id;
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        crate::offline::start(case_id, panel.report());
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
        <section class="sync-panel" hidden=move || !ready.get() aria-labelledby="sync-heading">
            <h2 id="sync-heading" class="visually-hidden">"This phone"</h2>
            <div role="status" aria-live="polite">
                {move || {
                    let list = waiting.get();
                    if list.is_empty() {
                        view! { <p><strong>{ALL_SENT}</strong>" "{synced.get()}</p> }.into_any()
                    } else {
                        view! {
                            <p>
                                <strong>{format!("Waiting to send: {}", list.len())}</strong>
                                " "{synced.get()}
                            </p>
                            <ul>{list.into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}</ul>
                        }
                            .into_any()
                    }
                }}
                {move || note.get().map(|n| view! { <p class="sync-note">{n}</p> })}
                {move || {
                    let list = refused.get();
                    (!list.is_empty())
                        .then(|| {
                            view! {
                                <div class="sync-refused">
                                    <p><strong>"Not sent:"</strong></p>
                                    <ul>
                                        {list
                                            .into_iter()
                                            .map(|(what, why)| view! { <li>{format!("{what}. {why}")}</li> })
                                            .collect_view()}
                                    </ul>
                                    <button type="button" class="link-button" on:click=read_refusals>
                                        "I have read this"
                                    </button>
                                </div>
                            }
                        })
                }}
            </div>
            <button type="button" class="button button-secondary" on:click=send_now disabled=move || sending.get()>
                {move || if sending.get() { "Sending…" } else { "Send now" }}
            </button>
        </section>
    }
}

/// "Last synced 5 minutes ago." Plain arithmetic: no time-zone data in the wasm.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
fn last_synced(at: i64, now: i64) -> String {
    let minutes = (now - at).max(0) / 60;
    match minutes {
        0 => "Last synced just now.".into(),
        1 => "Last synced 1 minute ago.".into(),
        2..=59 => format!("Last synced {minutes} minutes ago."),
        60..=119 => "Last synced 1 hour ago.".into(),
        120..=2879 => format!("Last synced {} hours ago.", minutes / 60),
        _ => format!("Last synced {} days ago.", minutes / 1440),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn last_synced_reads_plainly() {
        assert_eq!(super::last_synced(1000, 1030), "Last synced just now.");
        assert_eq!(super::last_synced(0, 3 * 3600), "Last synced 3 hours ago.");
        assert_eq!(super::last_synced(0, 3 * 86400), "Last synced 3 days ago.");
    }
}
