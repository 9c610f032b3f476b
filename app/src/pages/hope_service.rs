//! One hope-corner service: what it offers, for whom, cost, referral, hours, how to get there.

use crate::api::hope::get_hope_service;
use crate::components::{ErrorNotice, Page};
use crate::format;
use crate::model::hope::Service;
use crate::model::ServiceId;
use crate::pages::hope::Actions;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn HopeServicePage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|id| id.parse::<i64>().ok()).map(ServiceId));
    let service = Resource::new_blocking(id, |id| async move {
        match id {
            Some(id) => get_hope_service(id).await,
            None => Err(crate::error::AppError::NotFound),
        }
    });
    view! {
        <Page title="Hope corner">
            <p><a href="/hope">"Back to the hope corner"</a></p>
            <Suspense fallback=|| view! { <p>"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match service.await {
                        Ok(s) => view! { <ServiceDetail s /> }.into_any(),
                        Err(error) => view! { <ErrorNotice error sign_in="/" /> }.into_any(),
                    }
                })}
            </Suspense>
        </Page>
    }
}

fn yes_no(answer: Option<bool>, yes: &'static str, no: &'static str) -> Option<&'static str> {
    answer.map(|a| if a { yes } else { no })
}

#[component]
fn ServiceDetail(s: Service) -> impl IntoView {
    let now = jiff::Timestamp::now();
    let open = s.schedule.open_now(now);
    let hours = s.schedule.lines();
    let facts: Vec<(&str, String)> = [
        ("Who it is for", s.who_for.clone()),
        ("Cost", yes_no(s.free, "Free", "You may have to pay").map(str::to_owned)),
        (
            "Referral",
            yes_no(
                s.referral,
                "You need a referral first. Your probation officer can help.",
                "You can just go or call. No referral needed.",
            )
            .map(str::to_owned),
        ),
        ("Address", s.address.clone()),
        ("Phone", s.phone.clone()),
        ("Area", Some(s.area.clone().unwrap_or_else(|| "Anywhere in England and Wales".into()))),
    ]
    .into_iter()
    .filter_map(|(k, v)| v.map(|v| (k, v)))
    .collect();
    view! {
        <h1>{s.name.clone()}</h1>
        {s.demo.then(|| view! { <p class="tag">"Demo: this service is made up, to show how Waymark works"</p> })}
        <p class="lead">{s.description.clone()}</p>
        <p class:open-now=open.is_open()><strong>{open.words(now)}</strong></p>
        <Actions s=s.clone() />
        <dl class="facts">
            {facts.into_iter().map(|(k, v)| view! { <dt>{k}</dt> <dd>{v}</dd> }).collect_view()}
        </dl>
        {(!hours.is_empty())
            .then(|| {
                view! {
                    <h2>"Opening times"</h2>
                    <ul>{hours.into_iter().map(|h| view! { <li>{h}</li> }).collect_view()}</ul>
                    {(!s.schedule.closed_on.is_empty()).then(|| view! { <p>"Closed on bank holidays."</p> })}
                }
            })}
        <p class="muted">{format!("Details checked {}.", format::date_long(s.checked_on))}</p>
    }
}
