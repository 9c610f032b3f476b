//! Any address we do not know.

use crate::components::Page;
use leptos::prelude::*;

#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    crate::api::request::set_status(404);
    view! {
        <Page title="Page not found" quick_exit=true>
            <h1>"We cannot find that page"</h1>
            <p>"The address may be wrong, or the page may have moved."</p>
            <p>
                <a href="/">"Go to the start page"</a>
            </p>
        </Page>
    }
}
