//! Step prices, kept as data with the date they were checked. Every office
//! uses them, so national admins correct them here (others can read them).

use super::last_error;
use crate::api::plan::{get_step_guides, UpdateStepCost};
use crate::components::post_to;
use crate::components::{current_viewer, ErrorNotice, ErrorSummary, Page};
use crate::model::{StepGuide, Viewer};
use leptos::prelude::*;

#[component]
pub fn StepPricesPage() -> impl IntoView {
    let guides = Resource::new_blocking(|| (), |_| get_step_guides());
    let admin = matches!(current_viewer(), Viewer::Practitioner { admin, .. } if admin.national());
    let error = last_error::<UpdateStepCost>();
    view! {
        <Page title="Step prices">
            <Suspense fallback=|| view! { <p>"Loading…"</p> }>
                {move || {
                    let error = error.clone();
                    Suspend::new(async move {
                        match guides.await {
                            Ok(list) => view! { <Prices list admin error /> }.into_any(),
                            Err(error) => view! { <ErrorNotice error sign_in="/practitioner/sign-in" /> }.into_any(),
                        }
                    })
                }}
            </Suspense>
        </Page>
    }
}

#[component]
fn Prices(list: Vec<StepGuide>, admin: bool, error: Option<crate::error::AppError>) -> impl IntoView {
    let today = jiff::Timestamp::now().to_zoned(crate::format::london()).date();
    // Fees such as passports rise most years: a price this old is likely wrong.
    let year_ago = today.checked_sub(jiff::Span::new().years(1)).unwrap_or(today);
    view! {
        <p><a href="/caseload">"Back to caseload"</a></p>
        <ErrorSummary error=error.clone() />
        <h1>"Step prices"</h1>
        <p>"Prices change. Each one shows the date it was last checked."</p>
        {(!admin)
            .then(|| {
                view! { <p class="banner">"Every office uses these prices. Only a national admin can change them."</p> }
            })}
        <ul class="caseload">
            {list
                .into_iter()
                .map(|g| {
                    let key = g.key.clone();
                    let mine = error.as_ref().filter(|e| e.kept("key").as_deref() == Some(key.as_str()));
                    let cost = mine.and_then(|e| e.kept("cost")).or(g.cost.clone()).unwrap_or_default();
                    let checked = mine
                        .and_then(|e| e.kept("checked_on"))
                        .or(g.cost_checked_on.map(|d| d.to_string()))
                        .unwrap_or_default();
                    let card_id = format!("g-{key}");
                    let old = g.cost_checked_on.is_some_and(|d| d < year_ago);
                    view! {
                        <li class="case-card" class:attention=old id=card_id>
                            <h2>{g.title.clone()}</h2>
                            <p class="hint">{g.track.label()}</p>
                            {old.then(|| view! { <p><strong>"Checked more than a year ago. Please check it again."</strong></p> })}
                            {if admin {
                                view! {
                                    <form method="post" action={post_to::<UpdateStepCost>()}>
                                        <input type="hidden" name="key" value=key.clone() />
                                        <div class="field">
                                            <label for=format!("cost-{key}")>"Cost"</label>
                                            <input type="text" id=format!("cost-{key}") name="cost" value=cost />
                                        </div>
                                        <div class="field">
                                            <label for=format!("checked-{key}")>"Date checked"</label>
                                            <input type="date" id=format!("checked-{key}") name="checked_on" value=checked />
                                        </div>
                                        <button type="submit" class="button button-secondary">"Save"</button>
                                    </form>
                                }
                                    .into_any()
                            } else {
                                view! { <p>{cost} {(!checked.is_empty()).then(|| format!(" (checked {checked})"))}</p> }.into_any()
                            }}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}
