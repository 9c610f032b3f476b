//! An office admin's list of the office's cases and who has each (issue
//! 12.3): where a case is moved from when its practitioner cannot do it.

use crate::api::handover::get_office_cases;
use crate::components::{ErrorNotice, Page};
use crate::model::handover::OfficeCase;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn OfficeCasesPage() -> impl IntoView {
    let cases = Resource::new_blocking(|| (), |_| get_office_cases());
    let moved = use_query_map().with_untracked(|q| q.get("moved").is_some());
    view! {
        <Page title="Cases in your office">
            <Suspense fallback=|| view! { <p>"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match cases.await {
                        Ok(cases) => view! { <OfficeCases cases moved /> }.into_any(),
                        Err(error) => view! { <ErrorNotice error sign_in="/practitioner/sign-in" /> }.into_any(),
                    }
                })}
            </Suspense>
        </Page>
    }
}

#[component]
fn OfficeCases(cases: Vec<OfficeCase>, moved: bool) -> impl IntoView {
    view! {
        <p><a href="/caseload">"Back to caseload"</a></p>
        {moved.then(|| view! {
            <p class="banner" role="status">"Done. The case has moved. Its new practitioner can read the handover, and the person is told who their new officer is."</p>
        })}
        <h1>"Cases in your office"</h1>
        <p>"Who has each case. Move one when its practitioner leaves or their caseload is too full."</p>
        <ul class="plain-list office-cases">
            {cases
                .into_iter()
                .map(|c| {
                    view! {
                        <li>
                            <strong>{c.preferred_name.clone()}</strong>
                            {format!(": {}. ", c.practitioner_name)}
                            {c.unread_handover.then(|| view! { <span class="tag tag-attention">"Handover not read yet"</span> " " })}
                            <a href=format!("/caseload/{}/move", c.case_id)>{format!("Move {}", c.preferred_name)}</a>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}
