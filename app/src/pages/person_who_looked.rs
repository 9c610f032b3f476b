//! "Who has looked at my information": every read and change of the person's
//! case by anyone else, and what happened with their sign-in and links, in
//! plain words, grouped by who, what and day (from the audit).

use crate::api::person::get_who_has_looked;
use crate::components::{ErrorNotice, Page};
use crate::model::audit::Looked;
use leptos::prelude::*;

#[component]
pub fn WhoHasLookedPage() -> impl IntoView {
    let looked = Resource::new_blocking(|| (), |_| get_who_has_looked());
    view! {
        <Page title="Who has looked at your information">
            <p><a href="/me">"Back to your home page"</a></p>
            <h1>"Who has looked at your information"</h1>
            <p class="lead">"This shows who looked at or changed your information in the last 3 months, and when."</p>
            <Suspense fallback=|| view! { <p>"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match looked.await {
                        Ok(list) => view! { <Looks list /> }.into_any(),
                        Err(error) => view! { <ErrorNotice error sign_in="/sign-in" /> }.into_any(),
                    }
                })}
            </Suspense>
            <p>"If something here looks wrong to you, tell your probation officer or call your probation office."</p>
        </Page>
    }
}

#[component]
fn Looks(list: Vec<Looked>) -> impl IntoView {
    let now = jiff::Timestamp::now();
    if list.is_empty() {
        return view! { <p>"Nobody else has looked at your information in the last 3 months."</p> }.into_any();
    }
    view! {
        <ul class="audit-list">
            {list
                .into_iter()
                .map(|l| {
                    view! {
                        <li>
                            <p>{l.sentence()}</p>
                            <p class="muted">{l.when(now)}</p>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}
