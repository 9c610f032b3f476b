//! The hope corner: local services and national helplines, for anyone, no sign-in.
//! Browse by need, search by words, choose an area; every search is a plain link.

use crate::api::hope::{get_hope_list, get_my_list};
use crate::components::{Call, ErrorNotice, Page};
use crate::format;
use crate::model::hope::{HopeList, Need, SavedService, Service};
use crate::model::place::distance_words;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn HopePage() -> impl IntoView {
    let query = use_query_map();
    let asked = move || {
        query.with(|q| {
            (q.get("need").unwrap_or_default(), q.get("q").unwrap_or_default(), q.get("area").unwrap_or_default())
        })
    };
    let near = move || query.with(|q| (q.get("lat").unwrap_or_default(), q.get("lon").unwrap_or_default()));
    let list = Resource::new_blocking(
        move || (asked(), near()),
        |((need, words, area), (lat, lon))| async move {
            Ok::<_, crate::error::AppError>((get_hope_list(need, words, area, lat, lon).await?, get_my_list().await?))
        },
    );
    view! {
        <Page title="Hope corner" quick_exit=true>
            <h1>"Hope corner"</h1>
            <p class="lead">"Help near you and people to talk to. Anyone can use this page."</p>
            <Suspense fallback=|| view! { <p>"Loading…"</p> }>
                {move || Suspend::new(async move {
                    let (need, words, area) = asked();
                    match list.await {
                        Ok((list, mine)) => view! { <MyList mine /> <Hope list need words area /> }.into_any(),
                        Err(error) => view! { <ErrorNotice error sign_in="/" /> }.into_any(),
                    }
                })}
            </Suspense>
        </Page>
    }
}

/// The signed-in person's saved and recommended services (nothing for anyone else).
#[component]
fn MyList(mine: Vec<SavedService>) -> impl IntoView {
    (!mine.is_empty()).then(|| {
        view! {
            <section class="card" aria-labelledby="my-list-heading">
                <h2 id="my-list-heading">"My list"</h2>
                <ul>
                    {mine
                        .into_iter()
                        .map(|s| {
                            let by = s.recommended_by.map(|by| format!(" ({by} thinks this can help)"));
                            view! { <li><a href=format!("/hope/{}", s.id)>{s.name}</a>{by}</li> }
                        })
                        .collect_view()}
                </ul>
            </section>
        }
    })
}

#[component]
fn Hope(list: HopeList, need: String, words: String, area: String) -> impl IntoView {
    let chosen = Need::parse(&need);
    let now = jiff::Timestamp::now();
    let near = list.near;
    let (national, local): (Vec<_>, Vec<_>) = list.services.into_iter().partition(Service::national);
    let filtered = chosen.is_some() || !words.is_empty();
    let found = national.len() + local.len();
    let link = {
        let (words, area) = (words.clone(), area.clone());
        move |n: Option<Need>| {
            let mut parts = Vec::new();
            if let Some(n) = n {
                parts.push(format!("need={}", n.as_str()));
            }
            if !words.is_empty() {
                parts.push(format!("q={}", format::url_encode(&words)));
            }
            if !area.is_empty() {
                parts.push(format!("area={}", format::url_encode(&area)));
            }
            if parts.is_empty() {
                "/hope".to_owned()
            } else {
                format!("/hope?{}", parts.join("&"))
            }
        }
    };
    let print = if area.is_empty() {
        "/hope/print".to_owned()
    } else {
        format!("/hope/print?area={}", format::url_encode(&area))
    };
    view! {
        <form class="hope-search" method="get" action="/hope" role="search">
            {chosen.map(|n| view! { <input type="hidden" name="need" value=n.as_str() /> })}
            <div class="field">
                <label for="hope-q">"Search for help"</label>
                <input id="hope-q" name="q" type="search" value=words.clone() maxlength="100" />
            </div>
            <div class="field">
                <label for="hope-area">"Area"</label>
                <select id="hope-area" name="area">
                    <option value="" selected=area.is_empty()>"All areas"</option>
                    {list
                        .areas
                        .into_iter()
                        .map(|a| {
                            let selected = a == area;
                            view! { <option value=a.clone() selected=selected>{a.clone()}</option> }
                        })
                        .collect_view()}
                </select>
            </div>
            <button type="submit" class="button">"Search"</button>
        </form>
        <nav aria-labelledby="needs-heading" class="needs">
            <h2 id="needs-heading">"What do you need?"</h2>
            <ul class="need-list">
                {Need::ALL
                    .into_iter()
                    .map(|n| {
                        let current = chosen == Some(n);
                        view! {
                            <li>
                                <a href=link(Some(n)) aria-current=current.then_some("page") class:need-chosen=current>
                                    {n.label()}
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            {filtered.then(|| view! { <p><a href=link(None)>"Show all help"</a></p> })}
        </nav>
        {crate::model::hope::speaks_of_fear(&words)
            .then(|| {
                view! {
                    <section class="card danger-now" aria-labelledby="afraid-heading">
                        <h2 id="afraid-heading">"Are you afraid of someone?"</h2>
                        <p>"Help is free and private. In danger now? " <a href="tel:999">"Call 999"</a> "."</p>
                        <p><a class="button" href="/hope/safety">"Help if you feel afraid"</a></p>
                    </section>
                }
            })}
        <p role="status">
            {match found {
                0 => "Nothing matched. Try other words, or show all help.".to_owned(),
                1 => "1 place can help.".to_owned(),
                n => format!("{} can help.", crate::format::count(n, "place", "places")),
            }}
        </p>
        <p><a href=link(chosen).replacen("/hope", "/hope/near", 1)>"Show the help nearest to me first"</a></p>
        {(!national.is_empty())
            .then(|| {
                view! {
                    <h2>"Helplines you can call now"</h2>
                    <ul class="services">
                        {national.into_iter().map(|s| view! { <ServiceCard s now /> }).collect_view()}
                    </ul>
                }
            })}
        {(!local.is_empty())
            .then(|| {
                view! {
                    <h2>{if area.is_empty() { "Local help".to_owned() } else { format!("Local help in {area}") }}</h2>
                    {near.map(|_| view! { <p>"Nearest first. " <a href=link(chosen)>"Sort by name instead"</a></p> })}
                    <ul class="services">
                        {local
                            .into_iter()
                            .map(|s| {
                                let away = s.miles_from(near).map(distance_words);
                                view! { <ServiceCard s now away /> }
                            })
                            .collect_view()}
                    </ul>
                }
            })}
        <p><a href="/hope/families">"Support for families and friends"</a></p>
        <p><a href="/hope/safety">"If you are afraid of someone coming home"</a></p>
        <p><a href=print>"A sheet to print for a reception desk"</a></p>
    }
}

#[component]
pub fn ServiceCard(
    s: Service,
    now: jiff::Timestamp,
    /// "About 1.2 miles away." when the list is nearest first.
    #[prop(optional_no_strip)]
    away: Option<String>,
) -> impl IntoView {
    let open = s.schedule.open_now(now);
    view! {
        <li class="service-card">
            <h3>
                <a href=format!("/hope/{}", s.id)>{s.name.clone()}</a>
                {s.demo.then(|| view! { " " <span class="tag">"Demo"</span> })}
            </h3>
            <p>{s.description.clone()}</p>
            {away.map(|a| view! { <p class="distance">{a}</p> })}
            <p class:open-now=open.is_open()>{open.words(now)}</p>
            <Actions s />
        </li>
    }
}

/// One tap to call, one for directions, the website.
#[component]
pub fn Actions(s: Service) -> impl IntoView {
    let map = s.address.as_deref().map(format::map_link);
    view! {
        <p class="actions">
            {s.phone.clone().map(|p| view! { <Call label=format!("Call {p}") number=p /> })}
            {map.map(|m| view! { <a class="button button-secondary" href=m rel="noopener">"Directions"</a> })}
            {s.website.clone().map(|w| view! { <a class="button button-secondary" href=w rel="noopener">"Website"</a> })}
        </p>
    }
}
