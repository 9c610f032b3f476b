//! "Your goals and what is going well" (issue 12.5): goals the person sets with
//! a small next step, the things that went well (theirs and their officer's),
//! and their officer's "well done". Works with no signal (the forms go into
//! the phone's outbox).

use crate::api::progress::{get_person_progress, AddGoodThing, GoalDone, SetGoal};
use crate::components::post_to;
use crate::components::{Choices, ErrorNotice, ErrorSummary, Field, FormError, InputKind, Page};
use crate::format;
use crate::model::progress::*;
use crate::pages::last_error;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn PersonProgressPage() -> impl IntoView {
    let data = Resource::new_blocking(|| (), |_| get_person_progress());
    let saved = use_query_map().with_untracked(|q| q.get("saved"));
    view! {
        <Page title="Your goals">
            <p><a href="/me">"Back to your home"</a></p>
            {saved.as_deref().and_then(saved_words).map(|w| view! { <p class="banner" role="status">{w}</p> })}
            <h1>"Your goals and what is going well"</h1>
            <p class="lead">"Set goals in small steps, and keep a note of what goes well. Your probation officer sees it too."</p>
            <Suspense fallback=|| view! { <p>"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(p) => view! {
                            <GoodThings list=p.achievements error={last_error::<AddGoodThing>()} />
                            <Goals goals=p.goals error={last_error::<SetGoal>()} />
                        }
                        .into_any(),
                        Err(error) => view! { <ErrorNotice error sign_in="/sign-in" /> }.into_any(),
                    }
                })}
            </Suspense>
        </Page>
    }
}

fn saved_words(saved: &str) -> Option<&'static str> {
    Some(match saved {
        "goal" => "Your goal is saved. Take it one step at a time.",
        "done" => "Well done. You reached a goal.",
        "good" => "Saved. It is good to see what is going well.",
        _ => return None,
    })
}

/// One thing that went well, with any "well done" on it.
#[component]
pub fn GoodThing(a: Achievement, now: jiff::Timestamp) -> impl IntoView {
    view! {
        <li id=format!("good-{}", a.id)>
            <strong>{a.title.clone()}</strong>
            <span class="muted">{format!(" {} {}", format::stamp(a.at, now), a.by_words())}</span>
            {a.well_done.map(|w| view! { <p class="well-done">{format!("{} says: {}", w.by, w.words)}</p> })}
        </li>
    }
}

#[component]
fn GoodThings(list: Vec<Achievement>, error: FormError) -> impl IntoView {
    let now = jiff::Timestamp::now();
    view! {
        <section class="card" aria-labelledby="good-heading" id="good-things" data-sync-target="good-things">
            <h2 id="good-heading">"What is going well"</h2>
            <p><span data-sync-state="">{if list.is_empty() { "Nothing added yet." } else { "The latest first." }}</span></p>
            <ul class="plain-list">
                {list.into_iter().map(|a| view! { <GoodThing a now /> }).collect_view()}
            </ul>
            <ErrorSummary error=error.clone() />
            <form method="post" action={post_to::<AddGoodThing>()}>
                <Field name="good_thing" label="Add something that went well" hint="For example: I finished a course, or I went to every appointment this month." kind=InputKind::Text error=error.clone() />
                <button type="submit" class="button">"Add it"</button>
            </form>
        </section>
    }
}

#[component]
fn Goals(goals: Vec<Goal>, error: FormError) -> impl IntoView {
    let now = jiff::Timestamp::now();
    let kept = |name: &str| error.as_ref().and_then(|e| e.kept(name)).unwrap_or_default();
    let area_error = error.as_ref().filter(|e| e.field() == Some("area")).map(|e| e.to_string());
    let area = kept("area");
    view! {
        <section class="card" aria-labelledby="goals-heading" id="goals" data-sync-target="goals">
            <h2 id="goals-heading">"Your goals"</h2>
            <p><span data-sync-state="">{if goals.is_empty() { "You have not set a goal yet." } else { "Open goals first." }}</span></p>
            <ul class="plain-list">
                {goals
                    .into_iter()
                    .map(|g| {
                        let id = g.id;
                        view! {
                            <li data-sync-target=format!("goal-{id}")>
                                <strong>{format!("{}: {}", g.said.area.label(), g.said.title)}</strong>
                                {g.said.next_step.map(|s| view! { <p>{format!("Next step: {s}")}</p> })}
                                <p>
                                    <span data-sync-state="">
                                        {match g.done_at {
                                            Some(at) => format!("Done {}.", format::stamp(at, now)),
                                            None => "Not done yet.".to_owned(),
                                        }}
                                    </span>
                                </p>
                                {g.done_at.is_none().then(|| view! {
                                    <form method="post" action={post_to::<GoalDone>()}>
                                        <input type="hidden" name="goal_id" value=id.to_string() />
                                        <button type="submit" class="button button-secondary">"I have done this"</button>
                                    </form>
                                })}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            <h3>"Set a goal"</h3>
            <ErrorSummary error=error.clone() />
            <form method="post" action={post_to::<SetGoal>()}>
                <Choices
                    id="area"
                    name="form[area]"
                    legend="What is it about?"
                    options=Area::ALL.into_iter().map(|a| (a.as_str().to_owned(), a.label())).collect()
                    checked=area
                    error=area_error
                />
                <Field name="title" input_name="form[title]" label="Your goal" hint="For example: get a forklift licence." kind=InputKind::Text error=error.clone() />
                <Field name="next_step" input_name="form[next_step]" label="A small next step (optional)" hint="For example: ring the college on Monday." kind=InputKind::Text error=error.clone() />
                <button type="submit" class="button">"Save my goal"</button>
            </form>
        </section>
    }
}
