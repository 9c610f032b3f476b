//! The hope corner: local services and national helplines, for anyone.

use crate::api::hope::get_hope_services;
use crate::components::{ErrorNotice, Page};
use crate::format;
use crate::model::ServiceSummary;
use leptos::prelude::*;

#[component]
pub fn HopePage() -> impl IntoView {
    let services = Resource::new_blocking(|| (), |_| get_hope_services());
    view! {
        <Page title="Hope corner">
            <h1>"Hope corner"</h1>
            <p class="lead">"Help near you and people to talk to. Anyone can use this page."</p>
            <Suspense fallback=|| view! { <p>"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match services.await {
                        Ok(list) => view! { <Services list /> }.into_any(),
                        Err(error) => view! { <ErrorNotice error sign_in="/" /> }.into_any(),
                    }
                })}
            </Suspense>
        </Page>
    }
}

#[component]
fn Services(list: Vec<ServiceSummary>) -> impl IntoView {
    let (national, local): (Vec<_>, Vec<_>) = list.into_iter().partition(|s| s.national);
    view! {
        <h2>"Helplines you can call now"</h2>
        <ul class="services">{national.into_iter().map(|s| view! { <Service s /> }).collect_view()}</ul>
        <h2>"Local help"</h2>
        <ul class="services">{local.into_iter().map(|s| view! { <Service s /> }).collect_view()}</ul>
    }
}

#[component]
fn Service(s: ServiceSummary) -> impl IntoView {
    let tel = s.phone.as_ref().map(|p| format!("tel:{}", p.replace(' ', "")));
    view! {
        <li class="service-card">
            <h3>{s.name.clone()} {s.demo.then(|| view! { <span class="tag">"Demo"</span> })}</h3>
            <p>{s.description}</p>
            {s.address.map(|a| view! { <p>{a}</p> })}
            <p class="actions">
                {s
                    .phone
                    .zip(tel)
                    .map(|(p, tel)| {
                        view! {
                            <a class="button button-secondary" href=tel>
                                {format!("Call {p}")}
                            </a>
                        }
                    })}
                {s
                    .website
                    .map(|w| {
                        view! {
                            <a class="button button-secondary" href=w rel="noopener">
                                "Website"
                            </a>
                        }
                    })}
            </p>
            <p class="muted">{format!("Checked {}", format::date_long(s.checked_on))}</p>
        </li>
    }
}
