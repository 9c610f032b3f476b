//! What a supporter sees through a share link: no sign-in, no app, only the
//! parts the person chose (filtered in `model::share`).

use crate::api::share::get_shared_view;
use crate::components::{ErrorNotice, Page};
use crate::format;
use crate::model::share::{ShareState, SharedAppointment, SharedCondition, SharedStep, SharedView};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn SharedPage() -> impl IntoView {
    let token = use_params_map().with_untracked(|p| p.get("token").unwrap_or_default());
    let view_ = Resource::new_blocking(move || token.clone(), get_shared_view);
    view! {
        <Page title="Shared with you" quick_exit=true>
            <Suspense fallback=|| view! { <p>"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match view_.await {
                        Ok(Ok(shared)) => view! { <Shared shared /> }.into_any(),
                        Ok(Err(state)) => view! { <Closed state /> }.into_any(),
                        Err(error) => view! { <ErrorNotice error sign_in="/" /> }.into_any(),
                    }
                })}
            </Suspense>
        </Page>
    }
}

#[component]
fn Closed(state: ShareState) -> impl IntoView {
    let why = match state {
        ShareState::TurnedOff => "The person who shared it has turned it off.",
        _ => "It was only meant to work for a time, and that time is up.",
    };
    view! {
        <h1>"This link has ended"</h1>
        <p>{why}</p>
        <p>"If you still help them, ask them for a new link."</p>
        <p><a href="/hope/families">"Support for families and friends"</a></p>
    }
}

#[component]
fn Shared(shared: SharedView) -> impl IntoView {
    let now = jiff::Timestamp::now();
    let name = shared.first_name.clone();
    let ends = format::date_long(shared.ends_at.to_zoned(format::london()).date());
    view! {
        <h1>{format!("Shared by {name}")}</h1>
        <p class="lead">{format!("{name} chose to share this with you, so you can help. Please keep it to yourself.")}</p>
        {shared.appointments.map(|list| view! { <Appointments list now /> })}
        {shared.conditions.map(|list| view! { <Conditions list /> })}
        {shared.steps.map(|list| view! { <Steps list /> })}
        <p class="muted">{format!("This link works until {ends}. {name} can turn it off at any time.")}</p>
        <p><a href="/hope/families">"Support for families and friends"</a></p>
    }
}

#[component]
fn Appointments(list: Vec<SharedAppointment>, now: jiff::Timestamp) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="shared-appointments">
            <h2 id="shared-appointments">"Appointments coming up"</h2>
            {if list.is_empty() {
                view! { <p>"None at the moment."</p> }.into_any()
            } else {
                view! {
                    <ul class="plain-list">
                        {list
                            .into_iter()
                            .map(|a| {
                                view! {
                                    <li>
                                        <strong>{format::when(a.starts_at, now)}</strong>
                                        <br />
                                        {format!("{} at {}", a.kind.label(), a.place)}
                                        {a.bring.map(|b| view! { <br /> {format!("Bring: {b}")} })}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
        </section>
    }
}

#[component]
fn Conditions(list: Vec<SharedCondition>) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="shared-licence">
            <h2 id="shared-licence">"Licence rules"</h2>
            <p>"In plain words. Rules about other people or places are not shown here."</p>
            <ul class="plain-list">
                {list
                    .into_iter()
                    .map(|c| {
                        view! {
                            <li>
                                <strong>{c.headline}</strong>
                                <br />
                                {c.what_it_means}
                                {c.today.map(|t| view! { <br /> <em>{t}</em> })}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn Steps(list: Vec<SharedStep>) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="shared-steps">
            <h2 id="shared-steps">"Steps to ID, a bank account and more"</h2>
            <ul class="plain-list">
                {list
                    .into_iter()
                    .map(|s| view! { <li>{format!("{}: {} ({})", s.track.label(), s.title, s.status.label().to_lowercase())}</li> })
                    .collect_view()}
            </ul>
        </section>
    }
}
