//! A case's check-ins at the desk: how the person said things are, newest
//! first, each marked seen by the practitioner (the person is told).

use super::case::case_in_path;
use crate::api::caseload::get_case;
use crate::api::check_in::{get_case_check_ins, SeeCheckIn};
use crate::components::post_to;
use crate::components::{ErrorNotice, Page};
use crate::format;
use crate::islands::LiveUpdates;
use crate::model::check_in::CheckIn;
use crate::model::{CaseId, CaseOverview};
use leptos::prelude::*;

#[component]
pub fn CaseCheckInsPage() -> impl IntoView {
    let id = case_in_path();
    let data = Resource::new_blocking(
        move || id.clone(),
        |id| async move {
            let id = id?;
            Ok::<_, crate::error::AppError>((get_case(id).await?, get_case_check_ins(id).await?))
        },
    );
    view! {
        <Page title="Check-ins">
            <Suspense fallback=|| view! { <p>"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok((case, list)) => view! { <CaseCheckIns case list /> }.into_any(),
                        Err(error) => view! { <ErrorNotice error sign_in="/practitioner/sign-in" /> }.into_any(),
                    }
                })}
            </Suspense>
        </Page>
    }
}

#[component]
fn CaseCheckIns(case: CaseOverview, list: Vec<CheckIn>) -> impl IntoView {
    let e = case.entry;
    let name = e.preferred_name.clone();
    view! {
        <p><a href=format!("/caseload/{}", e.case_id)>{format!("Back to {name}")}</a></p>
        <h1>{format!("How {name} says things are")}</h1>
        <LiveUpdates case_id=e.case_id.0 rev=case.rev name=name.clone() />
        <p class="lead">{format!("{name} checks in between appointments. Mark each one seen: {name} is told you have read it.")}</p>
        {if list.is_empty() {
            view! { <p>{format!("{name} has not checked in yet.")}</p> }.into_any()
        } else {
            view! {
                <ul class="plain-list check-ins">
                    {list.into_iter().map(|c| view! { <CheckInCard case_id=e.case_id c /> }).collect_view()}
                </ul>
            }
            .into_any()
        }}
    }
}

/// One check-in as the desk reads it: urgent ones stand out.
#[component]
pub fn CheckInCard(case_id: CaseId, c: CheckIn) -> impl IntoView {
    let now = jiff::Timestamp::now();
    let id = c.id;
    let attention = c.urgent() && c.seen.is_none();
    view! {
        <li class="case-card" class:attention=attention id=format!("check-in-{id}")>
            <h2>{format!("{} ({} of 5)", c.said.mood.label(), c.said.mood.score())}</h2>
            <p class="muted">{format!("Sent {}.", format::stamp(c.made_at, now))}</p>
            {c.said.contact_me.then(|| view! { <p><strong>"Would like you to contact them before their next appointment."</strong></p> })}
            {c.needs_words().map(|w| view! { <p>{format!("Would help: {w}.")}</p> })}
            {c.said.note.clone().map(|n| view! { <p>{format!("They wrote: {n}")}</p> })}
            {match c.seen {
                Some(s) => view! { <p><span class="tag">{format!("Seen by {} {}", s.by, format::stamp(s.at, now))}</span></p> }.into_any(),
                None => view! {
                    <form method="post" action={post_to::<SeeCheckIn>()}>
                        <input type="hidden" name="case_id" value=case_id.to_string() />
                        <input type="hidden" name="check_in_id" value=id.to_string() />
                        <button type="submit" class="button">"Mark as seen"</button>
                    </form>
                }
                .into_any(),
            }}
        </li>
    }
}
