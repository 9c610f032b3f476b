//! What a step needs and costs, with where it comes from: the same words for
//! the person and at the desk. A step with no guidance says so plainly.

use crate::format;
use crate::model::Step;
use leptos::prelude::*;

#[component]
pub fn StepGuidance(
    s: Step,
    /// The person's name at the desk; `None` on the person's own page.
    #[prop(optional)]
    person: Option<String>,
) -> impl IntoView {
    if s.is_own() {
        let words = match person {
            Some(name) => format!(
                "This is your own step. Waymark has no guidance for it, so tell {name} what to do and what it costs."
            ),
            None => "Your probation officer added this step for you. Ask them what to do and what it costs.".into(),
        };
        return view! { <p class="hint own-step">{words}</p> }.into_any();
    }
    let source = s.source_name();
    view! {
        {s.guidance.clone().map(|g| view! { <p>{g}</p> })}
        {s.what_you_need.clone().map(|w| view! { <h3>"What you need"</h3> <p>{w}</p> })}
        {s.cost.clone()
            .map(|c| {
                let checked = s
                    .cost_checked_on
                    .map(|d| format!(" (prices checked {})", format::date_long(d)))
                    .unwrap_or_default();
                view! { <h3>"What it costs"</h3> <p>{format!("{c}{checked}")}</p> }
            })}
        {s.url.clone().zip(source).map(|(url, source)| {
            view! { <p><a href=url>{format!("How to do it, on {source}")}</a></p> }
        })}
    }
    .into_any()
}
