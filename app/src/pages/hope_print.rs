//! An A4 hope-corner sheet for an office's reception, with a QR code that
//! opens that area's hope corner on a phone.

use crate::api::hope::get_print_sheet;
use crate::components::ErrorNotice;
use crate::model::hope::Service;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn HopePrintPage() -> impl IntoView {
    let query = use_query_map();
    let sheet = Resource::new_blocking(move || query.with(|q| q.get("area").unwrap_or_default()), get_print_sheet);
    view! {
        <Title text="Hope corner sheet – Waymark" />
        <main id="main" class="print-sheet">
            <Suspense fallback=|| view! { <p>"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match sheet.await {
                        Ok(sheet) => view! { <Sheet sheet /> }.into_any(),
                        Err(error) => view! { <ErrorNotice error sign_in="/" /> }.into_any(),
                    }
                })}
            </Suspense>
        </main>
    }
}

#[component]
fn Sheet(sheet: crate::api::hope::PrintSheet) -> impl IntoView {
    let (national, local): (Vec<_>, Vec<_>) = sheet.services.into_iter().partition(Service::national);
    let place = sheet.area.clone().unwrap_or_else(|| "your area".into());
    view! {
        <h1>{format!("Hope corner: help in {place}")}</h1>
        <div class="print-qr">
            <div class="qr" inner_html=sheet.qr_svg></div>
            <p>
                "Scan with your phone camera to see this list, open times and more. "
                <br />
                <strong>{sheet.url.clone()}</strong>
            </p>
        </div>
        <h2>"Call now, free"</h2>
        <ul class="print-list">
            {national.into_iter().map(|s| view! { <PrintLine s /> }).collect_view()}
        </ul>
        <h2>"Local help"</h2>
        <ul class="print-list">{local.into_iter().map(|s| view! { <PrintLine s /> }).collect_view()}</ul>
        <p class="muted">"In danger now? Call 999. Printed from Waymark."</p>
        <p class="no-print"><a href="/hope">"Back to the hope corner"</a></p>
    }
}

#[component]
pub(crate) fn PrintLine(s: Service) -> impl IntoView {
    let hours = s.schedule.lines().join(", ");
    view! {
        <li>
            <strong>{s.name}</strong>
            {s.demo.then_some(" (demo)")}
            ": "
            {s.description}
            {s.phone.map(|p| view! { " " <strong>{p}</strong> })}
            {s.address.map(|a| format!(" {a}."))}
            {(s.schedule.always_open).then_some(" Open all day and night.")}
            {(!hours.is_empty()).then(|| format!(" Open {hours}."))}
        </li>
    }
}
