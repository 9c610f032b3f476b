//! The handover a case came with (issue 12.3), for the practitioner who has it
//! now: read before the first meeting, then "I have read this handover".

use super::case::case_in_path;
use crate::api::caseload::get_case;
use crate::api::handover::{get_case_handover, ConfirmHandover};
use crate::components::post_to;
use crate::components::{ErrorNotice, Page};
use crate::format;
use crate::model::handover::Handover;
use crate::model::CaseOverview;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn CaseHandoverPage() -> impl IntoView {
    let id = case_in_path();
    let data = Resource::new_blocking(
        move || id.clone(),
        |id| async move {
            let id = id?;
            Ok::<_, crate::error::AppError>((get_case(id).await?, get_case_handover(id).await?))
        },
    );
    let read = use_query_map().with_untracked(|q| q.get("read").is_some());
    view! {
        <Page title="Handover">
            <Suspense fallback=|| view! { <p>"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok((case, handover)) => view! { <CaseHandover case handover read /> }.into_any(),
                        Err(error) => view! { <ErrorNotice error sign_in="/practitioner/sign-in" /> }.into_any(),
                    }
                })}
            </Suspense>
        </Page>
    }
}

#[component]
fn CaseHandover(case: CaseOverview, handover: Option<Handover>, read: bool) -> impl IntoView {
    let e = case.entry;
    let name = e.preferred_name.clone();
    let now = jiff::Timestamp::now();
    let back = view! { <p><a href=format!("/caseload/{}", e.case_id)>{format!("Back to {name}")}</a></p> };
    let Some(h) = handover else {
        return view! {
            {back}
            <h1>"Handover"</h1>
            <p>{format!("{name}'s case has not moved from one practitioner to another.")}</p>
        }
        .into_any();
    };
    let by = if h.by_old_practitioner { String::new() } else { format!(" Written by {}.", h.written_by) };
    view! {
        {back}
        {read.then(|| view! { <p class="banner" role="status">"Thank you. The handover is marked as read."</p> })}
        <h1>{format!("Handover for {name}")}</h1>
        <p class="lead">
            {format!("Moved from {} to {} on {}.{by}", h.from_name, h.to_name, format::stamp(h.moved_at, now))}
        </p>
        <dl class="handover">
            {h.notes
                .parts()
                .into_iter()
                .map(|(_, heading, text)| {
                    let text = if text.is_empty() { "Nothing written.".to_owned() } else { text.to_owned() };
                    view! {
                        <dt>{heading}</dt>
                        <dd class="pre-line">{text}</dd>
                    }
                })
                .collect_view()}
        </dl>
        {match h.read_at {
            Some(at) => view! { <p>{format!("Read {}.", format::stamp(at, now))}</p> }.into_any(),
            None => view! {
                <form method="post" action={post_to::<ConfirmHandover>()}>
                    <input type="hidden" name="case_id" value=e.case_id.to_string() />
                    <input type="hidden" name="handover_id" value=h.id.to_string() />
                    <button type="submit" class="button">"I have read this handover"</button>
                </form>
            }
            .into_any(),
        }}
    }
    .into_any()
}
