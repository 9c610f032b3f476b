//! Waymark's screens and API contract (crate `app`). See DESIGN.md, Layout.

#![recursion_limit = "256"]

pub mod api;
pub mod assets;
#[cfg(feature = "ssr")]
pub mod backend;
pub mod components;
pub mod error;
pub mod format;
pub mod islands;
pub mod model;
#[cfg(feature = "hydrate")]
pub mod offline;
pub mod pages;
pub mod readability;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Link, Meta, MetaTags, Stylesheet};
use leptos_router::{
    components::{Route, Router, Routes},
    path, SsrMode,
};
use pages::*;

/// The HTML document around every page, rendered on the server only.
pub fn shell(_options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    set_security_headers();
    let display = components::current_display();
    // No person on licence is signed in here: public/register-sw.js then drops
    // any case left in localStorage by a session that ended elsewhere.
    let viewer = components::current_viewer();
    let no_person = !matches!(viewer, model::Viewer::Person { .. });
    let assets = site_assets();
    view! {
        <!DOCTYPE html>
        <html lang="en-GB" class=display.classes()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                {needs_app().then(|| wake_islands(assets.bundle_for(&viewer).clone()))}
                <MetaTags />
                <script src=assets.register.clone() defer data-no-person=no_person.then_some("")></script>
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// The built site's file names, provided by the server (the names before
/// hashing when it has none).
pub fn site_assets() -> assets::Assets {
    use_context::<assets::Assets>().unwrap_or_default()
}

fn wake_islands(bundle: assets::Bundle) -> impl IntoView {
    #[cfg(feature = "ssr")]
    {
        view! { <assets::WakeIslands bundle /> }
    }
    #[cfg(not(feature = "ssr"))]
    {
        let _ = bundle;
    }
}

/// Whether this page loads the app (the islands wasm). Public pages read by
/// anyone, on any phone, stay light and work without it (DESIGN.md: 30 KB);
/// signed-in people and practitioners have live parts (sync, read aloud, the
/// readability meter), and "near me" needs the phone's location.
fn needs_app() -> bool {
    #[cfg(feature = "ssr")]
    {
        let path = with_context::<http::request::Parts, _>(|p| p.uri.path().to_owned()).unwrap_or_default();
        components::current_viewer().is_signed_in() || pages::APP_PAGES.contains(&path.as_str())
    }
    #[cfg(not(feature = "ssr"))]
    {
        true
    }
}

/// Content-Security-Policy with this response's nonce: no inline script runs
/// without it, and no inline style at all (every style is in style/main.css).
#[cfg(feature = "ssr")]
fn set_security_headers() {
    use http::{header, HeaderValue};
    let (Some(res), Some(nonce)) = (use_context::<leptos_axum::ResponseOptions>(), leptos::nonce::use_nonce()) else {
        return;
    };
    let csp = format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; connect-src 'self'; \
         object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; \
         manifest-src 'self'; worker-src 'self'"
    );
    if let Ok(v) = HeaderValue::from_str(&csp) {
        res.insert_header(header::CONTENT_SECURITY_POLICY, v);
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Stylesheet id="waymark" href=site_assets().css />
        <Link rel="manifest" href="/manifest.webmanifest" />
        <Link rel="icon" href="/icons/icon.svg" type_="image/svg+xml" />
        <Link rel="apple-touch-icon" href="/icons/icon-192.png" />
        <Meta name="theme-color" content="#1d4f47" />
        <Meta name="description" content="Waymark: your licence in plain words, your appointments, and help near you." />
        <Router>
            <Routes fallback=not_found::NotFound>
                <Route path=path!("/") view=landing::Landing />
                <Route path=path!("/sign-in") view=person_sign_in::PersonSignIn />
                <Route path=path!("/activate") view=activate::ActivatePage />
                <Route path=path!("/me") view=person_home::PersonHomePage ssr=SsrMode::Async />
                <Route path=path!("/practitioner/sign-in") view=practitioner_sign_in::PractitionerSignIn />
                <Route path=path!("/caseload") view=caseload::CaseloadPage ssr=SsrMode::Async />
                <Route path=path!("/caseload/step-prices") view=step_prices::StepPricesPage ssr=SsrMode::Async />
                <Route path=path!("/caseload/new") view=new_case::NewCasePage ssr=SsrMode::Async />
                <Route path=path!("/caseload/hope") view=hope_admin::HopeAdminPage ssr=SsrMode::Async />
                <Route path=path!("/caseload/hope/new") view=hope_service_form::HopeServiceFormPage ssr=SsrMode::Async />
                <Route path=path!("/caseload/hope/:id/edit") view=hope_service_form::HopeServiceFormPage ssr=SsrMode::Async />
                <Route path=path!("/caseload/office") view=office_cases::OfficeCasesPage ssr=SsrMode::Async />
                <Route path=path!("/caseload/:id") view=case::CasePage ssr=SsrMode::Async />
                <Route path=path!("/caseload/:id/move") view=case_move::CaseMovePage ssr=SsrMode::Async />
                <Route path=path!("/caseload/:id/handover") view=case_handover::CaseHandoverPage ssr=SsrMode::Async />
                <Route path=path!("/me/licence") view=person_licence::PersonLicencePage ssr=SsrMode::Async />
                <Route path=path!("/caseload/:id/licence") view=case_licence::CaseLicencePage ssr=SsrMode::Async />
                <Route path=path!("/caseload/:id/pack") view=case_pack::CasePackPage ssr=SsrMode::Async />
                <Route path=path!("/caseload/:id/licence/add") view=condition_form::ChooseConditionPage ssr=SsrMode::Async />
                <Route
                    path=path!("/caseload/:id/licence/add/:version/:code")
                    view=condition_form::AddConditionPage
                    ssr=SsrMode::Async
                />
                <Route path=path!("/caseload/:id/licence/:cid/edit") view=condition_form::EditConditionPage ssr=SsrMode::Async />
                <Route path=path!("/caseload/:id/licence/:cid/remove") view=confirm::RemoveConditionPage ssr=SsrMode::Async />
                <Route path=path!("/me/appointments") view=person_appointments::PersonAppointmentsPage ssr=SsrMode::Async />
                <Route path=path!("/me/steps") view=person_steps::PersonStepsPage ssr=SsrMode::Async />
                <Route path=path!("/me/share") view=person_share::PersonSharePage ssr=SsrMode::Async />
                <Route path=path!("/me/about") view=person_about::PersonAboutPage ssr=SsrMode::Async />
                <Route path=path!("/caseload/:id/about") view=case_about::CaseAboutPage ssr=SsrMode::Async />
                <Route path=path!("/me/check-in") view=person_check_in::PersonCheckInPage ssr=SsrMode::Async />
                <Route path=path!("/caseload/:id/check-ins") view=case_check_ins::CaseCheckInsPage ssr=SsrMode::Async />
                <Route path=path!("/me/requests") view=person_requests::PersonRequestsPage ssr=SsrMode::Async />
                <Route path=path!("/caseload/:id/requests") view=case_requests::CaseRequestsPage ssr=SsrMode::Async />
                <Route path=path!("/me/progress") view=person_progress::PersonProgressPage ssr=SsrMode::Async />
                <Route path=path!("/caseload/:id/progress") view=case_progress::CaseProgressPage ssr=SsrMode::Async />
                <Route path=path!("/me/who-has-looked") view=person_who_looked::WhoHasLookedPage ssr=SsrMode::Async />
                <Route path=path!("/caseload/:id/phone-lost") view=case_phone_lost::CasePhoneLostPage ssr=SsrMode::Async />
                <Route path=path!("/shared/:token") view=shared::SharedPage ssr=SsrMode::Async />
                <Route path=path!("/caseload/:id/appointments") view=case_appointments::CaseAppointmentsPage ssr=SsrMode::Async />
                <Route
                    path=path!("/caseload/:id/appointments/:aid/edit")
                    view=case_appointments::EditAppointmentPage
                    ssr=SsrMode::Async
                />
                <Route
                    path=path!("/caseload/:id/appointments/:aid/cancel")
                    view=confirm::CancelAppointmentPage
                    ssr=SsrMode::Async
                />
                <Route path=path!("/caseload/:id/steps") view=case_steps::CaseStepsPage ssr=SsrMode::Async />
                <Route path=path!("/hope") view=hope::HopePage ssr=SsrMode::Async />
                <Route path=path!("/hope/families") view=hope_families::HopeFamiliesPage />
                <Route path=path!("/hope/safety") view=hope_safety::HopeSafetyPage />
                <Route path=path!("/hope/near") view=hope_near::HopeNearPage />
                <Route path=path!("/hope/print") view=hope_print::HopePrintPage ssr=SsrMode::Async />
                <Route path=path!("/hope/:id") view=hope_service::HopeServicePage ssr=SsrMode::Async />
            </Routes>
        </Router>
    }
}

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    // Panic messages in the console while developing; a release leaves the
    // hook (and its formatting) out of the person's download.
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
