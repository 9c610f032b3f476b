//! An office admin adds a hope-corner service or changes one. Every bad field
//! gets a message by the field, and what was typed is kept.

use super::last_error;
use crate::api::hope::{get_office_service, SaveService};
use crate::components::post_to;
use crate::components::{ErrorNotice, ErrorSummary, Field, FormError, InputKind, Page};
use crate::model::hope::{Need, ServiceForm, WEEKDAYS};
use crate::model::ServiceId;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn HopeServiceFormPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|id| id.parse::<i64>().ok()).map(ServiceId));
    let existing = Resource::new_blocking(id, |id| async move {
        match id {
            Some(id) => get_office_service(id).await.map(Some),
            // A new one: still only for practitioners (the call checks who is asking).
            None => crate::api::hope::get_office_services().await.map(|_| None),
        }
    });
    let error = last_error::<SaveService>();
    view! {
        <Page title="A hope-corner service">
            <p><a href="/caseload/hope">"Back to your office's hope corner"</a></p>
            <Suspense fallback=|| view! { <p>"Loading…"</p> }>
                {move || {
                    let error = error.clone();
                    Suspend::new(async move {
                        match existing.await {
                            Ok(Some(c)) if !c.may_change => view! { <NotYours c /> }.into_any(),
                            Ok(c) => {
                                let form = c.map(|c| ServiceForm::from_service(&c.service)).unwrap_or_default();
                                view! { <Form id=id() form error /> }.into_any()
                            }
                            Err(error) => view! { <ErrorNotice error sign_in="/practitioner/sign-in" /> }.into_any(),
                        }
                    })
                }}
            </Suspense>
        </Page>
    }
}

fn kept(error: &FormError, name: &str, stored: &str) -> String {
    error.as_ref().and_then(|e| e.kept(name)).unwrap_or_else(|| stored.to_owned())
}

fn field_error(error: &FormError, name: &str) -> Option<String> {
    error.as_ref().filter(|e| e.field() == Some(name)).map(|e| e.to_string())
}

/// Yes / no / not known.
fn choice(error: &FormError, name: &'static str, label: &'static str, value: String) -> impl IntoView {
    let message = field_error(error, name);
    let invalid = message.is_some();
    view! {
        <div class="field" class:field-error=invalid>
            <label for=name>{label}</label>
            {message.map(|m| view! { <p class="error-message">{m}</p> })}
            <select id=name name=format!("form[{name}]")>
                <option value="" selected=value.is_empty()>"Not known"</option>
                <option value="yes" selected=value == "yes">"Yes"</option>
                <option value="no" selected=value == "no">"No"</option>
            </select>
        </div>
    }
}

fn text(error: &FormError, name: &'static str, label: &'static str, kind: InputKind, value: &str) -> impl IntoView {
    view! {
        <Field
            name=name
            label=label
            kind=kind
            error=error.clone()
            input_name=format!("form[{name}]")
            value=Some(value.to_owned())
        />
    }
}

/// A service this practitioner may not change: who can, instead of a form.
#[component]
fn NotYours(c: crate::model::hope::CuratedService) -> impl IntoView {
    let who = if c.service.national() {
        "Every office shows this helpline, so only a national admin can change it."
    } else {
        "Only an office admin can change this service."
    };
    view! {
        <h1>{c.service.name.clone()}</h1>
        <p class="banner">{who}</p>
    }
}

#[component]
fn Form(id: Option<ServiceId>, form: ServiceForm, error: FormError) -> impl IntoView {
    let need = kept(&error, "need", &form.need);
    let description = kept(&error, "description", &form.description);
    let description_error = field_error(&error, "description");
    let description_invalid = description_error.is_some();
    let always_open = kept(&error, "always_open", &form.always_open) == "on";
    view! {
        <ErrorSummary error=error.clone() />
        <h1>{if id.is_some() { "Change a service" } else { "Add a service" }}</h1>
        <form method="post" action={post_to::<SaveService>()}>
            {id.map(|id| view! { <input type="hidden" name="id" value=id.to_string() /> })}
            {text(&error, "name", "Name", InputKind::Text, &form.name)}
            <div class="field" class:field-error=description_invalid>
                <label for="description">"What it offers, in plain words"</label>
                {description_error.map(|m| view! { <p class="error-message">{m}</p> })}
                <textarea id="description" name="form[description]" rows="3">{description}</textarea>
            </div>
            <div class="field">
                <label for="need">"What need it meets"</label>
                <select id="need" name="form[need]">
                    {Need::ALL
                        .into_iter()
                        .map(|n| view! { <option value=n.as_str() selected=need == n.as_str()>{n.label()}</option> })
                        .collect_view()}
                </select>
            </div>
            {text(&error, "who_for", "Who it is for", InputKind::Text, &form.who_for)}
            {choice(&error, "free", "Is it free?", kept(&error, "free", &form.free))}
            {choice(&error, "referral", "Is a referral needed?", kept(&error, "referral", &form.referral))}
            {text(&error, "phone", "Phone", InputKind::Tel, &form.phone)}
            {text(&error, "website", "Website", InputKind::Text, &form.website)}
            {text(&error, "email", "Email", InputKind::Text, &form.email)}
            {text(&error, "address", "Address", InputKind::Text, &form.address)}
            <fieldset>
                <legend>"Where it is on a map (optional), for \"nearest first\""</legend>
                <p class="hint">"In decimal degrees, like 51.4545 and -2.5879. A map site shows them for an address."</p>
                {text(&error, "latitude", "Latitude", InputKind::Text, &form.latitude)}
                {text(&error, "longitude", "Longitude", InputKind::Text, &form.longitude)}
            </fieldset>
            <fieldset>
                <legend>"Opening times, like 10:00-13:00 (leave a day empty if closed)"</legend>
                <div class="field">
                    <input type="checkbox" id="always_open" name="form[always_open]" checked=always_open />
                    <label for="always_open">" Open all day and night"</label>
                </div>
                {WEEKDAYS
                    .into_iter()
                    .enumerate()
                    .map(|(i, day)| {
                        view! {
                            <Field
                                name=format!("hours-{i}")
                                label=format!("{day:?}")
                                kind=InputKind::Text
                                error=error.clone()
                                input_name=format!("form[hours][{i}]")
                                value=Some(form.hours[i].clone())
                            />
                        }
                    })
                    .collect_view()}
            </fieldset>
            <button type="submit" class="button">"Save"</button>
        </form>
    }
}
