//! An office's hope corner, for its practitioners: what is listed, what is
//! hidden, and what has not been checked for six months. Office admins mark a
//! service checked today, hide it, or show it again.

use crate::api::hope::{get_office_services, CurateService};
use crate::components::post_to;
use crate::components::{current_viewer, ErrorNotice, Page};
use crate::format;
use crate::model::hope::CuratedService;
use leptos::prelude::*;

#[component]
pub fn HopeAdminPage() -> impl IntoView {
    let services = Resource::new_blocking(|| (), |_| get_office_services());
    let admin = current_viewer().is_office_admin();
    view! {
        <Page title="Hope corner for your office">
            <Suspense fallback=|| view! { <p>"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match services.await {
                        Ok(list) => view! { <Curation list admin /> }.into_any(),
                        Err(error) => view! { <ErrorNotice error sign_in="/practitioner/sign-in" /> }.into_any(),
                    }
                })}
            </Suspense>
        </Page>
    }
}

#[component]
fn Curation(list: Vec<CuratedService>, admin: bool) -> impl IntoView {
    let stale = list.iter().filter(|c| c.stale && !c.hidden).count();
    view! {
        <p><a href="/caseload">"Back to caseload"</a></p>
        <h1>"Hope corner for your office"</h1>
        {if admin {
            view! { <p><a class="button button-secondary" href="/caseload/hope/new">"Add a service"</a></p> }.into_any()
        } else {
            view! { <p class="banner">"Only an office admin can change these."</p> }.into_any()
        }}
        {(stale > 0)
            .then(|| {
                view! {
                    <p class="banner" role="status">
                        {format!("{} not checked for six months. Please check them.", crate::format::count(stale, "service", "services"))}
                    </p>
                }
            })}
        <ul class="caseload">
            {list.into_iter().map(|c| view! { <Row c admin /> }).collect_view()}
        </ul>
        {admin.then(|| view! { <super::hope_exchange::Exchange /> })}
    }
}

#[component]
fn Row(c: CuratedService, admin: bool) -> impl IntoView {
    let id = c.service.id;
    let act = move |what: &'static str, label: &'static str| {
        view! {
            <form method="post" action={post_to::<CurateService>()}>
                <input type="hidden" name="id" value=id.to_string() />
                <input type="hidden" name="what" value=what />
                <button type="submit" class="button button-secondary">{label}</button>
            </form>
        }
    };
    view! {
        <li class="case-card" class:attention=c.stale && !c.hidden id=format!("svc-{id}")>
            <h2>
                {c.service.name.clone()}
                {c.hidden.then(|| view! { " " <span class="tag">"Hidden"</span> })}
                {c.stale.then(|| view! { " " <span class="tag tag-attention">"Not checked for six months"</span> })}
            </h2>
            <p>{c.service.area.clone().unwrap_or_else(|| "National helpline".into())}</p>
            <p>{format!("Checked {}.", format::date_long(c.service.checked_on))}</p>
            {(admin && !c.may_change)
                .then(|| {
                    view! { <p class="hint">"Every office shows this helpline. Only a national admin can change it."</p> }
                })}
            {c.may_change
                .then(|| {
                    view! {
                        <div class="answers">
                            <a class="button button-secondary" href=format!("/caseload/hope/{id}/edit")>"Change"</a>
                            {act("checked", "Checked today")}
                            {if c.hidden { act("show", "Show again") } else { act("hide", "Hide") }}
                        </div>
                    }
                })}
        </li>
    }
}
