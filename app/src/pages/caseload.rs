//! The practitioner's caseload: everyone allocated to them, at a glance.

use crate::api::caseload::get_caseload;
use crate::components::{ErrorNotice, Page};
use crate::format;
use crate::model::{Activation, CaseloadEntry};
use leptos::prelude::*;

#[component]
pub fn CaseloadPage() -> impl IntoView {
    let caseload = Resource::new_blocking(|| (), |_| get_caseload());
    view! {
        <Page title="Your caseload">
            <Suspense fallback=|| view! { <p>"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match caseload.await {
                        Ok(entries) => view! { <Caseload entries /> }.into_any(),
                        Err(error) => {
                            view! { <ErrorNotice error sign_in="/practitioner/sign-in" /> }.into_any()
                        }
                    }
                })}
            </Suspense>
        </Page>
    }
}

#[component]
fn Caseload(entries: Vec<CaseloadEntry>) -> impl IntoView {
    let now = jiff::Timestamp::now();
    let count = entries.len();
    view! {
        <h1>"Your caseload"</h1>
        <p>
            {format!("{}. ", format::count(count, "person", "people"))}
            <a class="button button-secondary" href="/caseload/new">"Add a person"</a>
        </p>
        <p>
            <a href="/caseload/step-prices">"Step prices"</a>
            " · "
            <a href="/caseload/hope">"Hope corner for your office"</a>
        </p>
        <ul class="caseload">
            {entries
                .into_iter()
                .map(|e| {
                    let next = e
                        .next_appointment
                        .as_ref()
                        .map(|a| format!("{}: {}", format::when(a.starts_at, now), a.kind.label()))
                        .unwrap_or_else(|| "No appointment booked".into());
                    let questions = match e.open_questions {
                        0 => "No open questions".to_string(),
                        n => format::count(n, "open question", "open questions"),
                    };
                    let attention = e.open_questions > 0
                        || e.activation == Activation::Locked
                        || e.appointments_needing_attention > 0
                        || !e.stuck_steps.is_empty()
                        || e.changed_conditions > 0;
                    let licence = format!(
                        "{} of {} understood{}",
                        e.conditions.understood,
                        e.conditions.total,
                        if e.changed_conditions > 0 { format!(", {} changed since confirmed", e.changed_conditions) } else { String::new() }
                    );
                    let steps = format!(
                        "ID: {}. Bank account: {}.{}",
                        if e.has_id { "yes" } else { "not yet" },
                        if e.has_bank { "yes" } else { "not yet" },
                        if e.stuck_steps.is_empty() { String::new() } else { format!(" Stuck: {}.", e.stuck_steps.join(", ")) }
                    );
                    let answers = match e.appointments_needing_attention {
                        0 => None,
                        1 => Some("1 appointment needs a look".to_string()),
                        n => Some(format!("{} need a look", format::count(n, "appointment", "appointments"))),
                    };
                    view! {
                        <li class="case-card" class:attention=attention>
                            <h2>
                                <a href=format!("/caseload/{}", e.case_id)>{e.preferred_name.clone()}</a>
                            </h2>
                            <dl>
                                <dt>"Next appointment"</dt>
                                <dd>{next}</dd>
                                {answers.map(|a| view! { <dt>"Answers"</dt> <dd><strong>{a}</strong></dd> })}
                                <dt>"Questions"</dt>
                                <dd>{questions}</dd>
                                <dt>"Licence"</dt>
                                <dd>{licence}</dd>
                                <dt>"Steps"</dt>
                                <dd>{steps}</dd>
                                <dt>"Waymark"</dt>
                                <dd>{e.activation.label()}</dd>
                                <dt>"Licence ends"</dt>
                                <dd>{format::date_long(e.licence_end)}</dd>
                            </dl>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}
