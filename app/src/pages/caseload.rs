//! The practitioner's caseload: everyone allocated to them, at a glance.

use crate::api::caseload::get_caseload;
use crate::api::check_in::get_desk_check_ins;
use crate::api::requests::get_desk_requests;
use crate::components::{current_viewer, ErrorNotice, Page};
use crate::format;
use crate::model::check_in::DeskCheckIn;
use crate::model::request::{waiting_words, DeskRequest};
use crate::model::{Activation, CaseloadEntry};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn CaseloadPage() -> impl IntoView {
    let caseload = Resource::new_blocking(
        || (),
        |_| async {
            Ok::<_, crate::error::AppError>((
                get_caseload().await?,
                get_desk_check_ins().await?,
                get_desk_requests().await?,
            ))
        },
    );
    view! {
        <Page title="Your caseload">
            <Suspense fallback=|| view! { <p>"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match caseload.await {
                        Ok((entries, check_ins, requests)) => view! { <Caseload entries check_ins requests /> }.into_any(),
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
fn Caseload(entries: Vec<CaseloadEntry>, check_ins: Vec<DeskCheckIn>, requests: Vec<DeskRequest>) -> impl IntoView {
    let now = jiff::Timestamp::now();
    let count = entries.len();
    let moved = use_query_map().with_untracked(|q| q.get("moved").is_some());
    let office_admin = current_viewer().is_office_admin();
    let to_read: Vec<_> =
        entries.iter().filter(|e| e.unread_handover).map(|e| (e.case_id, e.preferred_name.clone())).collect();
    view! {
        {moved.then(|| view! {
            <p class="banner" role="status">"Done. The case has moved. Its new practitioner can read your handover, and the person is told who their new officer is."</p>
        })}
        <h1>"Your caseload"</h1>
        <p>
            {format!("{}. ", format::count(count, "person", "people"))}
            <a class="button button-secondary" href="/caseload/new">"Add a person"</a>
        </p>
        {(!to_read.is_empty()).then(|| view! {
            <section class="card attention" aria-labelledby="handovers-heading">
                <h2 id="handovers-heading">{format::count(to_read.len(), "handover to read", "handovers to read")}</h2>
                <p>"Read each before your first meeting, so nobody has to start again."</p>
                <ul>
                    {to_read.into_iter().map(|(id, name)| view! {
                        <li><a href=format!("/caseload/{id}/handover")>{format!("Handover for {name}")}</a></li>
                    }).collect_view()}
                </ul>
            </section>
        })}
        <DeskCheckIns list=check_ins.clone() now />
        <DeskRequests list=requests.clone() now />
        <p>
            <a href="/caseload/step-prices">"Step prices"</a>
            " · "
            <a href="/caseload/hope">"Hope corner for your office"</a>
            {office_admin.then(|| view! { " · " <a href="/caseload/office">"Cases in your office"</a> })}
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
                    // The first unseen check-in in the desk's order is the one to show.
                    let check_in = check_ins.iter().find(|d| d.case_id == e.case_id).map(|d| &d.check_in);
                    let check_in_words = check_in.map(|c| {
                        let mood = format!("{} ({} of 5)", c.said.mood.label(), c.said.mood.score());
                        if c.said.contact_me { format!("{mood}. Asks you to contact them.") } else { format!("{mood}.") }
                    });
                    // Open requests, the longest waiting first.
                    let open: Vec<&DeskRequest> = requests.iter().filter(|d| d.case_id == e.case_id).collect();
                    let requests_words = open.first().map(|d| {
                        let waited = waiting_words(d.request.waited_days(now)).to_lowercase();
                        format!("{}, the oldest {waited}.", format::count(open.len(), "open request", "open requests"))
                    });
                    let attention = !open.is_empty()
                        || check_in.is_some_and(|c| c.urgent())
                        || e.unread_handover
                        || e.open_questions > 0
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
                                {e.unread_handover.then(|| view! {
                                    <dt>"Handover"</dt>
                                    <dd><strong><a href=format!("/caseload/{}/handover", e.case_id)>"Not read yet"</a></strong></dd>
                                })}
                                {check_in_words.map(|w| view! {
                                    <dt>"Check-in"</dt>
                                    <dd><strong><a href=format!("/caseload/{}/check-ins", e.case_id)>{w}</a></strong></dd>
                                })}
                                {requests_words.map(|w| view! {
                                    <dt>"Requests"</dt>
                                    <dd><strong><a href=format!("/caseload/{}/requests", e.case_id)>{w}</a></strong></dd>
                                })}
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

/// Check-ins no one has seen yet, those asking for contact and low moods first.
#[component]
fn DeskCheckIns(list: Vec<DeskCheckIn>, now: jiff::Timestamp) -> impl IntoView {
    (!list.is_empty()).then(|| {
        let urgent = list.iter().any(|d| d.check_in.urgent());
        view! {
            <section class="card" class:attention=urgent aria-labelledby="check-ins-heading">
                <h2 id="check-ins-heading">{format::count(list.len(), "check-in not seen yet", "check-ins not seen yet")}</h2>
                <ul>
                    {list
                        .into_iter()
                        .map(|d| {
                            let c = d.check_in;
                            let ask = if c.said.contact_me { " Asks you to contact them." } else { "" };
                            let words = format!(
                                "{}: {} ({} of 5).{ask} Sent {}.",
                                d.name,
                                c.said.mood.label(),
                                c.said.mood.score(),
                                format::stamp(c.made_at, now)
                            );
                            view! {
                                <li>
                                    <a href=format!("/caseload/{}/check-ins#check-in-{}", d.case_id, c.id)>{words}</a>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </section>
        }
    })
}

/// Requests waiting for an answer, the longest waiting first.
#[component]
fn DeskRequests(list: Vec<DeskRequest>, now: jiff::Timestamp) -> impl IntoView {
    (!list.is_empty()).then(|| {
        view! {
            <section class="card attention" aria-labelledby="requests-heading">
                <h2 id="requests-heading">{format::count(list.len(), "request to answer", "requests to answer")}</h2>
                <ul>
                    {list
                        .into_iter()
                        .map(|d| {
                            let r = d.request;
                            let words = format!("{}: {}. {}.", d.name, r.said.summary(), waiting_words(r.waited_days(now)));
                            view! { <li><a href=format!("/caseload/{}/requests#request-{}", d.case_id, r.id)>{words}</a></li> }
                        })
                        .collect_view()}
                </ul>
            </section>
        }
    })
}
