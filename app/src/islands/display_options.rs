//! "Larger text" and "High contrast". Drawn by the server as a plain form (the
//! choice is a cookie, applied to `<html>` as the page is made), so it works on
//! pages with no wasm. Where the app has loaded, a tap applies at once and sets
//! the cookie in the browser: no round trip, and it works with no signal.

use crate::model::display::{Display, DisplayChoice};
use leptos::prelude::*;

#[cfg(feature = "hydrate")]
mod browser {
    use crate::model::cookie::CookiePolicy;
    use crate::model::display::{Display, DisplayChoice};
    use wasm_bindgen::JsCast;

    /// Storage can be switched off; the choice still applies to this page.
    pub fn keep(display: Display, changed: DisplayChoice, cookies: CookiePolicy) {
        let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
        if let Some(root) = document.document_element() {
            let _ = root.class_list().toggle_with_force(changed.as_str(), display.is_on(changed));
        }
        if let Ok(html) = document.dyn_into::<web_sys::HtmlDocument>() {
            let _ = html.set_cookie(&display.set_cookie(cookies));
        }
    }
}

/// `cookies`: the server's cookie policy, so the app names and flags the cookie as the server does.
#[island]
pub fn DisplayOptions(display: Display, cookies: crate::model::cookie::CookiePolicy) -> impl IntoView {
    #[cfg(not(feature = "hydrate"))]
    let _ = cookies;
    let current = RwSignal::new(display);
    // Set only in the browser, once the app is running: tests wait for it.
    let ready = RwSignal::new(false);
    Effect::new(move |_| ready.set(true));
    let button = move |choice: DisplayChoice| {
        let toggle = move |ev: leptos::ev::MouseEvent| {
            // The app is here: no need to ask the server.
            ev.prevent_default();
            let next = current.get_untracked().toggled(choice);
            current.set(next);
            #[cfg(feature = "hydrate")]
            browser::keep(next, choice, cookies);
        };
        view! {
            <button
                type="submit"
                name="toggle"
                value=choice.as_str()
                class="toggle"
                aria-pressed=move || current.get().is_on(choice).to_string()
                on:click=toggle
            >
                {choice.label()}
            </button>
        }
    };
    view! {
        <form
            method="post"
            action="/api/set_display"
            class="display-options"
            data-ready=move || ready.get().then_some("true")
        >
            {button(DisplayChoice::LargeText)}
            {button(DisplayChoice::HighContrast)}
        </form>
    }
}
