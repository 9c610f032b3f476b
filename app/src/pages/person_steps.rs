//! The person's steps to ID, a bank account and the rest: what each step
//! needs and costs, who helps, and progress worth being proud of.

use crate::api::plan::{get_person_steps, SetStep};
use crate::components::post_to;
use crate::components::{ErrorNotice, FormError, Page, StepGuidance};
use crate::format;
use crate::model::*;
use crate::pages::person_home::Progress;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn PersonStepsPage() -> impl IntoView {
    let data = Resource::new_blocking(|| (), |_| get_person_steps());
    let (changed, done) = use_query_map().with_untracked(|q| (q.get("changed"), q.get("done").is_some()));
    view! {
        <Page title="Your steps">
            <Suspense fallback=|| view! { <p>"Loading…"</p> }>
                {move || {
                    let changed = changed.clone();
                    Suspend::new(async move {
                        match data.await {
                            Ok(steps) => view! { <Steps steps changed done /> }.into_any(),
                            Err(error) => view! { <ErrorNotice error sign_in="/sign-in" /> }.into_any(),
                        }
                    })
                }}
            </Suspense>
        </Page>
    }
}

#[component]
fn Steps(steps: Vec<Step>, changed: Option<String>, done: bool) -> impl IntoView {
    let error = super::last_error::<SetStep>();
    let view_ = StepsView::new(steps);
    let finished_track = changed.as_ref().filter(|_| done).and_then(|id| {
        view_.tracks.iter().find(|(_, list)| {
            list.iter().any(|s| s.id.to_string() == *id) && list.iter().all(|s| s.status == StepStatus::Done)
        })
    });
    let done_count: usize =
        view_.tracks.iter().map(|(_, l)| l.iter().filter(|s| s.status == StepStatus::Done).count()).sum();
    let total: usize = view_.tracks.iter().map(|(_, l)| l.len()).sum();
    view! {
        <p><a href="/me">"Back to your home"</a></p>
        {finished_track.map(|(track, _)| {
            view! {
                <div class="celebrate" role="status">
                    <p><strong>{format!("Well done. You have finished: {}.", track.label())}</strong></p>
                    <p>"That is a real step forward. Be proud of it."</p>
                </div>
            }
        })}
        {(changed.is_some() && finished_track.is_none()).then(|| view! { <p class="banner" role="status">"Saved. Your probation officer can see it."</p> })}
        <h1>"Your steps"</h1>
        <p class="lead">{format!("You have done {done_count} of {}.", format::count(total, "step", "steps"))}</p>
        {view_
            .tracks
            .into_iter()
            .map(|(track, list)| {
                let done = list.iter().filter(|s| s.status == StepStatus::Done).count() as u32;
                let n = list.len() as u32;
                view! {
                    <section aria-labelledby=format!("t-{}", track.as_str())>
                        <h2 id=format!("t-{}", track.as_str())>{track.label()}</h2>
                        <p><Progress done total=n label="done" /></p>
                        {list.into_iter().map(|s| view! { <StepCard s error=error.clone() /> }).collect_view()}
                    </section>
                }
            })
            .collect_view()}
    }
}

#[component]
fn StepCard(s: Step, error: FormError) -> impl IntoView {
    let id = s.id;
    let error = error.filter(|e| e.kept("step_id") == Some(id.to_string()));
    let reason_error = error.as_ref().filter(|e| e.field() == Some("reason")).map(|e| e.to_string());
    let has_error = reason_error.is_some();
    let tag = match s.status {
        StepStatus::Done => "tag tag-ok",
        StepStatus::Stuck => "tag tag-attention",
        _ => "tag",
    };
    let set = |status: StepStatus, label: &'static str| {
        view! {
            <form method="post" action={post_to::<SetStep>()}>
                <input type="hidden" name="step_id" value=id.to_string() />
                <input type="hidden" name="status" value=status.as_str() />
                <button type="submit" class="button button-secondary">{label}</button>
            </form>
        }
    };
    view! {
        <details class="condition" id=format!("s-{id}") data-sync-target=format!("step-{id}") open=s.status != StepStatus::Done>
            <summary>
                <span class="condition-headline">{s.title.clone()}</span>
                <span class=tag data-sync-state="">{s.status.label()}</span>
            </summary>
            <div class="condition-body">
                {s.stuck_reason.clone().map(|r| view! { <p class="changed"><strong>"Stuck: "</strong>{r}</p> })}
                <StepGuidance s=s.clone() />
                {s.helper.clone().map(|h| view! { <h3>"Who is helping"</h3> <p>{h}</p> })}
                <div class="answers">
                    {(s.status != StepStatus::InProgress).then(|| set(StepStatus::InProgress, "I am doing it now"))}
                    {(s.status != StepStatus::Done).then(|| set(StepStatus::Done, "It is done"))}
                    <details class="ask" open=has_error>
                        <summary class="button button-secondary">"I am stuck"</summary>
                        <form method="post" action={post_to::<SetStep>()}>
                            <input type="hidden" name="step_id" value=id.to_string() />
                            <input type="hidden" name="status" value="stuck" />
                            <div class="field" class:field-error=has_error>
                                <label for=format!("why-{id}")>"What is in the way?"</label>
                                {reason_error.map(|m| view! { <p class="error-message">{m}</p> })}
                                <textarea id=format!("why-{id}") name="reason" rows="3">{error.as_ref().and_then(|e| e.kept("reason")).unwrap_or_default()}</textarea>
                            </div>
                            <button type="submit" class="button">"Tell my probation officer"</button>
                        </form>
                    </details>
                </div>
                <StepHistory history=s.history person=None />
            </div>
        </details>
    }
}

/// Every change of a step: who, when, from, to.
#[component]
pub fn StepHistory(history: Vec<StepChange>, person: Option<String>) -> impl IntoView {
    let now = jiff::Timestamp::now();
    (!history.is_empty()).then(|| {
        view! {
            <details class="exact-words">
                <summary>"What changed, and when"</summary>
                <ul class="plain-list">
                    {history
                        .into_iter()
                        .rev()
                        .map(|h| {
                            let who = match h.by {
                                ChangedBy::Person => person.clone().unwrap_or_else(|| "You".into()),
                                ChangedBy::Practitioner(name) => name,
                            };
                            let why = h.reason.map(|r| format!(" ({r})")).unwrap_or_default();
                            view! {
                                <li>{format!("{}: {who} changed it from {} to {}{why}.", format::when(h.at, now), h.from.label(), h.to.label())}</li>
                            }
                        })
                        .collect_view()}
                </ul>
            </details>
        }
    })
}
