//! Read aloud: the browser's own speech (no server, no data), with pause and stop.
//! Reads the text of the element named by `target`, so the words are not sent twice.
//! Hidden where the browser cannot speak.

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

    pub fn text_of(id: &str) -> Option<String> {
        web_sys::window()?.document()?.get_element_by_id(id)?.text_content()
    }
}

#[island]
pub fn ReadAloud(target: String) -> impl IntoView {
    let available = RwSignal::new(false);
    let state = RwSignal::new(Speech::Stopped);
    #[cfg(not(feature = "hydrate"))]
    let _ = &target;
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        available.set(browser::synth().is_some());
    });

    let start = move |_| {
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::{closure::Closure, JsCast};
            let (Some(synth), Some(text)) = (browser::synth(), browser::text_of(&target)) else { return };
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
        <div class="read-aloud" hidden=move || !available.get()>
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
