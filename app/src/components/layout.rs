//! The frame around every page: skip link, header, main, footer.

use crate::api::auth::SignOut;
use crate::components::post_to;
use crate::islands::{DisplayOptions, SyncPanel};
use crate::model::Viewer;
use leptos::prelude::*;
use leptos_meta::Title;

/// How this phone asked for pages to be shown, read on the server while rendering.
pub fn current_display() -> crate::model::display::Display {
    #[cfg(feature = "ssr")]
    {
        crate::api::request::display()
    }
    #[cfg(not(feature = "ssr"))]
    {
        crate::model::display::Display::default()
    }
}

/// How cookies are named and flagged here, read on the server while rendering.
pub fn current_cookie_policy() -> crate::model::cookie::CookiePolicy {
    #[cfg(feature = "ssr")]
    {
        crate::api::request::cookie_policy()
    }
    #[cfg(not(feature = "ssr"))]
    {
        Default::default()
    }
}

/// Who is looking, read on the server while rendering (pages are never re-rendered in the browser).
pub fn current_viewer() -> Viewer {
    #[cfg(feature = "ssr")]
    {
        crate::api::request::viewer()
    }
    #[cfg(not(feature = "ssr"))]
    {
        Viewer::Anonymous
    }
}

/// Where the quick exit goes: a neutral page, as GOV.UK's "Exit this page" does.
pub const QUICK_EXIT_TO: &str = "https://www.bbc.co.uk/weather";

#[component]
pub fn Page(
    #[prop(into)] title: String,
    /// A page anyone may open, family included: it offers a quick way out
    /// (issue 16.4). `public/register-sw.js` makes the way out replace this
    /// page in the history, and adds Esc pressed twice.
    #[prop(optional)]
    quick_exit: bool,
    children: Children,
) -> impl IntoView {
    let viewer = current_viewer();
    let home = match viewer {
        Viewer::Person { .. } => "/me",
        Viewer::Practitioner { .. } => "/caseload",
        Viewer::Anonymous => "/",
    };
    view! {
        <Title text=format!("{title} – Waymark") />
        <a class="skip-link" href="#main">"Skip to main content"</a>
        {quick_exit
            .then(|| {
                view! {
                    <a class="quick-exit" href=QUICK_EXIT_TO rel="noreferrer" data-quick-exit="">
                        "Leave this site now"
                    </a>
                }
            })}
        <header class="site-header">
            <a class="brand" href=home>"Waymark"</a>
            <nav aria-label="Main">
                <a href="/hope">"Hope corner"</a>
                {viewer
                    .is_signed_in()
                    .then(|| {
                        view! {
                            <form method="post" action={post_to::<SignOut>()} class="inline-form">
                                <button type="submit" class="link-button">"Sign out"</button>
                            </form>
                        }
                    })}
            </nav>
        </header>
        <main id="main" tabindex="-1">
            {match viewer {
                Viewer::Person { .. } => Some(view! { <SyncPanel /> }),
                _ => None,
            }}
            {children()}
        </main>
        <footer class="site-footer">
            <DisplayOptions />
            <p>
                "Waymark helps you through life on licence. " "In danger now? " <a href="tel:999">"Call 999"</a> "."
            </p>
        </footer>
    }
}

/// A phone number as one tap to call: `label` on a button, the number without spaces in the link.
#[component]
pub fn Call(#[prop(into)] number: String, #[prop(into)] label: String) -> impl IntoView {
    let tel = format!("tel:{}", number.replace(' ', ""));
    view! { <a class="button button-secondary" href=tel>{label}</a> }
}
