//! "Larger text" and "High contrast": kept on the phone (localStorage) and
//! applied to the whole page as classes on <html>.
//!
//! Hidden until the wasm has hydrated, because without it the buttons could
//! do nothing.

use leptos::prelude::*;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Choice {
    LargeText,
    HighContrast,
}

#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
impl Choice {
    fn key(self) -> &'static str {
        match self {
            Choice::LargeText => "waymark.large-text",
            Choice::HighContrast => "waymark.high-contrast",
        }
    }
    fn class(self) -> &'static str {
        match self {
            Choice::LargeText => "large-text",
            Choice::HighContrast => "high-contrast",
        }
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use super::Choice;
    use gloo_storage::{LocalStorage, Storage};

    pub fn load(choice: Choice) -> bool {
        LocalStorage::get::<bool>(choice.key()).unwrap_or(false)
    }

    /// Storage can be full or switched off; the choice still applies for this page.
    pub fn save(choice: Choice, on: bool) {
        let _ = LocalStorage::set(choice.key(), on);
    }

    pub fn apply(choice: Choice, on: bool) {
        let root = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element());
        if let Some(root) = root {
            let _ = root.class_list().toggle_with_force(choice.class(), on);
        }
    }
}

#[island]
pub fn DisplayOptions() -> impl IntoView {
    let ready = RwSignal::new(false);
    let large = RwSignal::new(false);
    let contrast = RwSignal::new(false);

    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        {
            for (choice, signal) in [(Choice::LargeText, large), (Choice::HighContrast, contrast)] {
                let on = browser::load(choice);
                browser::apply(choice, on);
                signal.set(on);
            }
        }
        ready.set(true);
    });

    let toggle = move |choice: Choice, signal: RwSignal<bool>| {
        let on = !signal.get_untracked();
        signal.set(on);
        #[cfg(feature = "hydrate")]
        {
            browser::apply(choice, on);
            browser::save(choice, on);
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = choice;
    };

    view! {
        <div class="display-options" hidden=move || !ready.get() data-ready=move || ready.get().then_some("true")>
            <button
                type="button"
                class="toggle"
                aria-pressed=move || large.get().to_string()
                on:click=move |_| toggle(Choice::LargeText, large)
            >
                "Larger text"
            </button>
            <button
                type="button"
                class="toggle"
                aria-pressed=move || contrast.get().to_string()
                on:click=move |_| toggle(Choice::HighContrast, contrast)
            >
                "High contrast"
            </button>
        </div>
    }
}
