//! One hope-corner service: what it offers, for whom, cost, referral, hours, how to get there.

use crate::api::caseload::get_caseload;
use crate::api::hope::{get_hope_service, get_my_list, KeepService, RecommendService};
use crate::components::current_viewer;
use crate::components::post_to;
use crate::components::{ErrorNotice, Page};
use crate::format;
use crate::model::hope::Service;
use crate::model::ServiceId;
use crate::model::{CaseloadEntry, Viewer};
use crate::pages::hope::Actions;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn HopeServicePage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|id| id.parse::<i64>().ok()).map(ServiceId));
    let viewer = current_viewer();
    let service = Resource::new_blocking(id, move |id| {
        let viewer = viewer.clone();
        async move {
            let Some(id) = id else { return Err(crate::error::AppError::NotFound) };
            let service = get_hope_service(id).await?;
            let who = match viewer {
                Viewer::Person { .. } => Who::Person { saved: get_my_list().await?.iter().any(|s| s.id == id) },
                Viewer::Practitioner { .. } => Who::Practitioner { caseload: get_caseload().await? },
                Viewer::Anonymous => Who::Anyone,
            };
            Ok((service, who))
        }
    });
    let recommended = use_query_map().with_untracked(|q| q.get("recommended").is_some());
    view! {
        <Page title="Hope corner" quick_exit=true>
            <p><a href="/hope">"Back to the hope corner"</a></p>
            <Suspense fallback=|| view! { <p>"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match service.await {
                        Ok((s, who)) => view! { <ServiceDetail s who recommended /> }.into_any(),
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

/// Who is looking decides what they can do with a service.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
enum Who {
    Anyone,
    Person { saved: bool },
    Practitioner { caseload: Vec<CaseloadEntry> },
}

#[component]
fn Keep(id: ServiceId, who: Who, recommended: bool) -> impl IntoView {
    match who {
        Who::Anyone => None,
        Who::Person { saved } => Some(
            view! {
                <form method="post" action={post_to::<KeepService>()}>
                    <input type="hidden" name="id" value=id.to_string() />
                    <input type="hidden" name="keep" value=if saved { "no" } else { "yes" } />
                    {saved.then(|| view! { <p>"This is on your list. Your probation officer can see it."</p> })}
                    <button type="submit" class="button button-secondary">
                        {if saved { "Take it off my list" } else { "Save to my list" }}
                    </button>
                </form>
            }
                .into_any(),
        ),
        Who::Practitioner { caseload } => Some(
            view! {
                {recommended.then(|| view! { <p class="banner" role="status">"Recommended. It is on their list now."</p> })}
                <form method="post" action={post_to::<RecommendService>()}>
                    <input type="hidden" name="service_id" value=id.to_string() />
                    <div class="field">
                        <label for="recommend-to">"Recommend to"</label>
                        <select id="recommend-to" name="case_id">
                            {caseload
                                .into_iter()
                                .map(|e| view! { <option value=e.case_id.to_string()>{e.preferred_name}</option> })
                                .collect_view()}
                        </select>
                    </div>
                    <button type="submit" class="button button-secondary">"Recommend"</button>
                </form>
            }
                .into_any(),
        ),
    }
}

#[component]
fn ServiceDetail(s: Service, who: Who, recommended: bool) -> impl IntoView {
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
        ("Email", s.email.clone()),
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
        <Keep id=s.id who recommended />
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
