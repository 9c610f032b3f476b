//! Read aloud: the browser's own speech (no server, no data), with pause and stop.
//! Reads the text of the element named by `target`, so the words are not sent twice.
//! Drawn by the server and shown only where the browser can speak and the app
//! will wake (the `speech` class the head sets, see `wake.js`), so the page does
//! not move when it wakes.

use leptos::prelude::*;

#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
#[derive(Clone, Copy, PartialEq, Eq)]
enum Speech {
    Stopped,
    Speaking,
    Paused,
}

#[cfg(feature = "hydrate")]
mod browser {
    pub fn synth() -> Option<web_sys::SpeechSynthesis> {
        let synth = web_sys::window()?.speech_synthesis().ok()?;
        // Browsers without speech leave the property undefined rather than failing.
        let value: &wasm_bindgen::JsValue = synth.as_ref();
        (!value.is_undefined() && !value.is_null()).then_some(synth)
    }

    /// The text to read: of the element named by the `data-read` around the button.
    pub fn text_for(button: Option<web_sys::EventTarget>) -> Option<String> {
        use wasm_bindgen::JsCast;
        let id = super::super::data_of(&button?.dyn_into::<web_sys::Element>().ok()?, "data-read")?;
        web_sys::window()?.document()?.get_element_by_id(&id)?.text_content()
    }
}

/// The buttons, with the id of what they read beside them (`data-read`), not
/// as a prop: island props would bring serde_json into the wasm.
#[component]
pub fn ReadAloud(target: String) -> impl IntoView {
    view! {
        <div data-read=target>
            <ReadAloudButtons />
        </div>
    }
}

#[island]
fn ReadAloudButtons() -> impl IntoView {
    let state = RwSignal::new(Speech::Stopped);

    let start = move |_ev: leptos::ev::MouseEvent| {
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::{closure::Closure, JsCast};
            let (Some(synth), Some(text)) = (browser::synth(), browser::text_for(_ev.current_target())) else {
                return;
            };
            synth.cancel();
            let Ok(utterance) = web_sys::SpeechSynthesisUtterance::new_with_text(&text) else { return };
            utterance.set_lang("en-GB");
            utterance.set_rate(0.9);
            let done = Closure::<dyn Fn()>::new(move || state.set(Speech::Stopped));
            utterance.set_onend(Some(done.as_ref().unchecked_ref()));
            done.forget();
            synth.speak(&utterance);
            state.set(Speech::Speaking);
        }
    };
    let pause = move |_| {
        #[cfg(feature = "hydrate")]
        if let Some(synth) = browser::synth() {
            if state.get_untracked() == Speech::Paused {
                synth.resume();
                state.set(Speech::Speaking);
            } else {
                synth.pause();
                state.set(Speech::Paused);
            }
        }
    };
    let stop = move |_| {
        #[cfg(feature = "hydrate")]
        if let Some(synth) = browser::synth() {
            synth.cancel();
        }
        state.set(Speech::Stopped);
    };

    view! {
        <div class="read-aloud">
            <button type="button" class="toggle" on:click=start>
                "Read aloud"
            </button>
            <button
                type="button"
                class="toggle"
                on:click=pause
                hidden=move || state.get() == Speech::Stopped
                aria-pressed=move || (state.get() == Speech::Paused).to_string()
            >
                "Pause"
            </button>
            <button type="button" class="toggle" on:click=stop hidden=move || state.get() == Speech::Stopped>
                "Stop"
            </button>
        </div>
    }
}
