//! A case's progress at the desk: the person's goals (theirs to set), what went
//! well (recorded by either side), and a short "well done" the person sees.

use super::case::case_in_path;
use super::last_error;
use crate::api::caseload::get_case;
use crate::api::progress::{get_case_progress, RecordGoodThing, WellDone};
use crate::components::post_to;
use crate::components::{ErrorNotice, ErrorSummary, Field, FormError, InputKind, Page};
use crate::format;
use crate::islands::LiveUpdates;
use crate::model::progress::*;
use crate::model::{CaseId, CaseOverview};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn CaseProgressPage() -> impl IntoView {
    let id = case_in_path();
    let data = Resource::new_blocking(
        move || id.clone(),
        |id| async move {
            let id = id?;
            Ok::<_, crate::error::AppError>((get_case(id).await?, get_case_progress(id).await?))
        },
    );
    let saved = use_query_map().with_untracked(|q| q.get("saved").is_some());
    view! {
        <Page title="Progress">
            <Suspense fallback=|| view! { <p>"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok((case, p)) => view! {
                            <CaseProgress case p saved record={last_error::<RecordGoodThing>()} praise={last_error::<WellDone>()} />
                        }
                        .into_any(),
                        Err(error) => view! { <ErrorNotice error sign_in="/practitioner/sign-in" /> }.into_any(),
                    }
                })}
            </Suspense>
        </Page>
    }
}

#[component]
fn CaseProgress(case: CaseOverview, p: Progress, saved: bool, record: FormError, praise: FormError) -> impl IntoView {
    let e = case.entry;
    let name = e.preferred_name.clone();
    let now = jiff::Timestamp::now();
    let case_id = e.case_id;
    let failed = praise.as_ref().and_then(|e| e.kept("achievement_id"));
    view! {
        <p><a href=format!("/caseload/{case_id}")>{format!("Back to {name}")}</a></p>
        {saved.then(|| view! { <p class="banner" role="status">{format!("Saved. {name} can see it.")}</p> })}
        <h1>{format!("How {name} is getting on")}</h1>
        <LiveUpdates case_id=case_id.0 rev=case.rev name=name.clone() />
        <section class="card" aria-labelledby="goals-heading">
            <h2 id="goals-heading">{format!("{name}'s goals")}</h2>
            {if p.goals.is_empty() {
                view! { <p>{format!("{name} has not set a goal yet.")}</p> }.into_any()
            } else {
                view! {
                    <ul class="plain-list">
                        {p.goals.into_iter().map(|g| {
                            let state = match g.done_at {
                                Some(at) => format!("Done {}.", format::stamp(at, now)),
                                None => format!("Set {}.", format::stamp(g.set_at, now)),
                            };
                            view! {
                                <li>
                                    <strong>{format!("{}: {}", g.said.area.label(), g.said.title)}</strong>
                                    {g.said.next_step.map(|s| format!(" Next step: {s}."))}
                                    " " <span class="muted">{state}</span>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
        </section>
        <section class="card" aria-labelledby="good-heading">
            <h2 id="good-heading">"What is going well"</h2>
            <ul class="plain-list check-ins">
                {p.achievements.into_iter().map(|a| {
                    let error = praise.clone().filter(|_| failed.as_deref() == Some(&a.id.to_string()));
                    view! { <GoodThingCard case_id a now error /> }
                }).collect_view()}
            </ul>
            <ErrorSummary error=record.clone() />
            <form method="post" action={post_to::<RecordGoodThing>()}>
                <input type="hidden" name="case_id" value=case_id.to_string() />
                <Field name="good_thing" label="Record something that went well" hint="For example: a month of appointments kept." kind=InputKind::Text error=record.clone() />
                <button type="submit" class="button">"Record it"</button>
            </form>
        </section>
    }
}

#[component]
fn GoodThingCard(case_id: CaseId, a: Achievement, now: jiff::Timestamp, error: FormError) -> impl IntoView {
    let id = a.id;
    let by = match &a.by {
        RecordedBy::Person => "They added this.".to_owned(),
        RecordedBy::Practitioner(name) => format!("{name} added this."),
    };
    let field = format!("well_done-{id}");
    let message = error.as_ref().filter(|e| e.field() == Some("well_done")).map(|e| e.to_string());
    let kept = error.as_ref().and_then(|e| e.kept("well_done")).unwrap_or_default();
    view! {
        <li class="case-card" id=format!("good-{id}")>
            <h3>{a.title.clone()}</h3>
            <p class="muted">{format!("{} {by}", format::stamp(a.at, now))}</p>
            {match a.well_done {
                Some(w) => view! { <p>{format!("{} said well done: {}", w.by, w.words)}</p> }.into_any(),
                None => view! {
                    <ErrorSummary error=error.clone() id_suffix=format!("-{id}") />
                    <form method="post" action={post_to::<WellDone>()}>
                        <input type="hidden" name="case_id" value=case_id.to_string() />
                        <input type="hidden" name="achievement_id" value=id.to_string() />
                        <div class="field" class:field-error=message.is_some()>
                            <label for=field.clone()>"Say well done (they see it)"</label>
                            {message.clone().map(|m| view! { <p class="error-message">{m}</p> })}
                            <input id=field.clone() name="well_done" type="text" value=kept autocomplete="off" />
                        </div>
                        <button type="submit" class="button button-secondary">"Send well done"</button>
                    </form>
                }
                .into_any(),
            }}
        </li>
    }
}
