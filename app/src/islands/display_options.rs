//! "Larger text" and "High contrast". Drawn by the server as a plain form (the
//! choice is a cookie, applied to `<html>` as the page is made), so it works on
//! pages with no wasm. Where the app has loaded, a tap applies at once and sets
//! the cookie in the browser: no round trip, and it works with no signal.

use crate::model::display::DisplayChoice;
use leptos::prelude::*;

#[cfg(feature = "hydrate")]
mod browser {
    use crate::model::cookie::CookiePolicy;
    use crate::model::display::{Display, DisplayChoice};
    use wasm_bindgen::JsCast;

    fn document() -> Option<web_sys::Document> {
        web_sys::window()?.document()
    }

    /// What the page shows now: the server drew `<html>` with the person's choice.
    pub fn shown() -> Display {
        let Some(root) = document().and_then(|d| d.document_element()) else { return Display::default() };
        let classes = root.class_list();
        DisplayChoice::ALL
            .into_iter()
            .filter(|c| classes.contains(c.as_str()))
            .fold(Display::default(), |d, c| d.toggled(c))
    }

    /// Storage can be switched off; the choice still applies to this page.
    /// `form` carries the server's cookie policy, so the app names and flags
    /// the cookie as the server does.
    pub fn keep(display: Display, changed: DisplayChoice, form: Option<web_sys::Element>) {
        let Some(document) = document() else { return };
        if let Some(root) = document.document_element() {
            let _ = root.class_list().toggle_with_force(changed.as_str(), display.is_on(changed));
        }
        let cookies = CookiePolicy { secure: form.is_some_and(|f| f.has_attribute("data-secure-cookies")) };
        if let Ok(html) = document.dyn_into::<web_sys::HtmlDocument>() {
            let _ = html.set_cookie(&display.set_cookie(cookies));
        }
    }
}

/// No props (they would bring serde_json into the wasm): the server draws the
/// choice from the request, the browser reads it off `<html>`.
#[island]
pub fn DisplayOptions() -> impl IntoView {
    #[cfg(feature = "hydrate")]
    let display = browser::shown();
    #[cfg(not(feature = "hydrate"))]
    let display = crate::components::current_display();
    let secure_cookies = crate::components::current_cookie_policy().secure;
    let form = NodeRef::<leptos::html::Form>::new();
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
            browser::keep(next, choice, form.get_untracked().map(Into::into));
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
            data-secure-cookies=secure_cookies.then_some("")
            node_ref=form
            data-ready=move || ready.get().then_some("true")
        >
            {button(DisplayChoice::LargeText)}
            {button(DisplayChoice::HighContrast)}
        </form>
    }
}
