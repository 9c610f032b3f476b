//! The plain-words pack on paper (issue 16.3), for a person whose licence
//! forbids connected devices or who has no phone: the practitioner prints it
//! from the case page ("Print", or "Save as PDF"). A4, by the print styles.

use crate::api::caseload::{get_case_pack, CasePack};
use crate::api::hope::get_print_sheet;
use crate::components::{ErrorNotice, WeekPicture};
use crate::error::AppError;
use crate::format;
use crate::model::hope::Service;
use crate::model::{Appointment, LicenceCondition, Step, StepStatus};
use crate::pages::case::case_in_path;
use crate::pages::hope_print::PrintLine;
use leptos::prelude::*;
use leptos_meta::Title;

/// How many appointments ahead the pack lists.
const APPOINTMENTS: usize = 6;

#[component]
pub fn CasePackPage() -> impl IntoView {
    let id = case_in_path();
    let pack = Resource::new_blocking(
        move || id.clone(),
        |id| async move {
            let id = id?;
            let pack = get_case_pack(id).await?;
            let help = get_print_sheet(pack.cover.contact.office_area.clone()).await?;
            Ok::<_, AppError>((id, pack, help))
        },
    );
    view! {
        <Title text="Paper pack – Waymark" />
        <main id="main" class="print-sheet pack">
            <Suspense fallback=|| view! { <p>"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match pack.await {
                        Ok((case, pack, help)) => view! { <Pack case pack help /> }.into_any(),
                        Err(error) => view! { <ErrorNotice error sign_in="/practitioner/sign-in" /> }.into_any(),
                    }
                })}
            </Suspense>
        </main>
    }
}

#[component]
fn Pack(case: crate::model::CaseId, pack: CasePack, help: crate::api::hope::PrintSheet) -> impl IntoView {
    let CasePack { cover, licence, appointments, steps } = pack;
    let contact = cover.contact;
    let now = jiff::Timestamp::now();
    let mut coming: Vec<(jiff::Timestamp, Appointment)> = appointments
        .into_iter()
        .filter(|a| !a.cancelled)
        .flat_map(|a| {
            a.occurrences().into_iter().filter(|t| *t >= now).map(move |t| (t, a.clone())).collect::<Vec<_>>()
        })
        .collect();
    coming.sort_by_key(|(t, _)| *t);
    coming.truncate(APPOINTMENTS);
    let open_steps: Vec<Step> = steps.into_iter().filter(|s| s.status != StepStatus::Done).collect();
    let (national, local): (Vec<_>, Vec<_>) = help.services.into_iter().partition(Service::national);
    let back = format!("/caseload/{case}");
    view! {
        <p class="no-print">
            <a href=back>"Back to the case"</a>
            " · Use your browser's Print, or Save as PDF. It prints on A4."
        </p>
        <h1>{format!("Your licence in plain words, {}", contact.preferred_name)}</h1>
        <p>{format!("Printed {}.", format::date_long(now.to_zoned(format::london()).date()))}</p>
        <section class="pack-part" aria-labelledby="pack-officer">
            <h2 id="pack-officer">"Your probation officer"</h2>
            <p>
                <strong>{contact.practitioner_name}</strong>
                <br />
                {contact.office_name}
                <br />
                {contact.office_address}
                <br />
                {format!("Email: {}", contact.practitioner_email)}
            </p>
        </section>
        {(!cover.week.is_empty()).then(|| view! { <WeekPicture week=cover.week /> })}
        <section class="pack-part" aria-labelledby="pack-rules">
            <h2 id="pack-rules">
                {format!("Your rules: {}", format::count(licence.conditions.len(), "rule", "rules"))}
            </h2>
            <ol class="pack-rules">{licence.conditions.into_iter().map(|c| view! { <Rule c /> }).collect_view()}</ol>
        </section>
        <section class="pack-part" aria-labelledby="pack-appointments">
            <h2 id="pack-appointments">"Your next appointments"</h2>
            {if coming.is_empty() {
                view! { <p>"No appointments are set yet. Your probation officer will tell you."</p> }.into_any()
            } else {
                view! {
                    <ul class="print-list">
                        {coming
                            .into_iter()
                            .map(|(at, a)| {
                                view! {
                                    <li>
                                        <strong>{format!("{}: {}", format::when(at, now), a.kind.label())}</strong>
                                        {format!(" at {}.", a.where_text())}
                                        {a.bring.clone().map(|b| format!(" Bring: {b}."))}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
        </section>
        <section class="pack-part" aria-labelledby="pack-steps">
            <h2 id="pack-steps">"Your next steps"</h2>
            {if open_steps.is_empty() {
                view! { <p>"All your steps are done."</p> }.into_any()
            } else {
                view! {
                    <ul class="print-list">
                        {open_steps
                            .into_iter()
                            .map(|s| {
                                view! {
                                    <li>
                                        <strong>{s.title}</strong>
                                        {s.what_you_need.map(|w| format!(" What to bring: {w}"))}
                                        {s.cost.map(|c| format!(" Cost: {c}."))}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
        </section>
        <section class="pack-part" aria-labelledby="pack-help">
            <h2 id="pack-help">{format!("Help in {}", help.area.clone().unwrap_or_else(|| "your area".into()))}</h2>
            <div class="print-qr">
                <div class="qr" inner_html=help.qr_svg></div>
                <p>
                    "Scan with a phone camera to see this list, open times and more. " <br />
                    <strong>{help.url}</strong>
                </p>
            </div>
            <h3>"Call now, free"</h3>
            <ul class="print-list">{national.into_iter().map(|s| view! { <PrintLine s /> }).collect_view()}</ul>
            <h3>"Local help"</h3>
            <ul class="print-list">{local.into_iter().map(|s| view! { <PrintLine s /> }).collect_view()}</ul>
        </section>
        <p>"In danger now? Call 999."</p>
    }
}

/// One rule: the plain words, what it means for this person now, their
/// officer's own words, and the exact official words beside.
#[component]
fn Rule(c: LicenceCondition) -> impl IntoView {
    view! {
        <li class="pack-rule">
            <h3>{c.headline}</h3>
            {c.plain.map(|p| view! { <p>{p.what_it_means}</p> <p>{p.day_to_day}</p> })}
            {c.today.map(|t| view! { <p><strong>{t}</strong></p> })}
            {c.explanation.map(|e| view! { <p>{format!("Your probation officer says: {e}")}</p> })}
            <p class="official">
                <span class="official-label">"The exact words on your licence: "</span>
                {c.official_words}
            </p>
        </li>
    }
}
