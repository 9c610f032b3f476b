//! Form pieces that show errors the same way everywhere (GOV.UK pattern):
//! a summary at the top that links to each field, and the message by the field.

use crate::error::AppError;
use leptos::prelude::*;

/// The error from the last try of a form, if any (after a plain post, from the
/// server's form state: see `pages::form_error`).
pub type FormError = Option<AppError>;

/// Where a plain `<form method="post">` goes to run server function `S`.
/// Pages are drawn on the server and never hydrated, so an `ActionForm`'s
/// reactive action would only be built and thrown away on every render
/// (issue 14.4: it was the hottest thing on the licence page); a plain form
/// posts to the same place and works the same without JavaScript.
pub fn post_to<S: leptos::server_fn::ServerFn>() -> &'static str {
    S::PATH
}

#[component]
pub fn ErrorSummary(
    error: FormError,
    /// Added to the field's id, for a page with one such form per item ("-7": `#answer-7`).
    #[prop(optional, into)]
    id_suffix: String,
) -> impl IntoView {
    error.map(|e| {
        let target = e.field().map(|f| format!("#{f}{id_suffix}")).unwrap_or_else(|| "#main".into());
        view! {
            <div class="error-summary" role="alert" tabindex="-1">
                <h2>"There is a problem"</h2>
                <p>
                    <a href=target>{e.to_string()}</a>
                </p>
            </div>
        }
    })
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    Text,
    Email,
    Password,
    Pin,
    NewPin,
    Code,
    Date,
    Time,
    Number,
    Tel,
}

#[component]
pub fn Field(
    #[prop(into)] name: String,
    #[prop(into)] label: String,
    #[prop(optional, into)] hint: Option<String>,
    kind: InputKind,
    #[prop(optional)] error: FormError,
    /// The form field's name when it differs from its id (e.g. `form[date]`).
    #[prop(optional, into)]
    input_name: Option<String>,
    /// The value to show when there is no error to refill from.
    #[prop(optional_no_strip)]
    value: Option<String>,
) -> impl IntoView {
    let message = error.as_ref().filter(|e| e.field() == Some(name.as_str())).map(|e| e.to_string());
    let value = error.as_ref().and_then(|e| e.kept(&name)).or(value).unwrap_or_default();
    let input_name = input_name.unwrap_or_else(|| name.clone());
    let hint_id = format!("{name}-hint");
    let error_id = format!("{name}-error");
    let described_by = [hint.as_ref().map(|_| hint_id.clone()), message.as_ref().map(|_| error_id.clone())]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    let (type_, autocomplete, inputmode) = match kind {
        InputKind::Text => ("text", "off", None),
        InputKind::Email => ("email", "username", None),
        InputKind::Password => ("password", "current-password", None),
        InputKind::Pin => ("password", "current-password", Some("numeric")),
        InputKind::NewPin => ("password", "new-password", Some("numeric")),
        InputKind::Code => ("text", "one-time-code", None),
        InputKind::Date => ("date", "off", None),
        InputKind::Time => ("time", "off", None),
        InputKind::Number => ("text", "off", Some("numeric")),
        InputKind::Tel => ("tel", "off", None),
    };
    let invalid = message.is_some();
    view! {
        <div class="field" class:field-error=invalid>
            <label for=name.clone()>{label}</label>
            {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{h}</p> })}
            {message.map(|m| view! { <p class="error-message" id=error_id.clone()>{m}</p> })}
            <input
                id=name.clone()
                name=input_name
                type=type_
                autocomplete=autocomplete
                inputmode=inputmode
                value=value
                aria-invalid=invalid.then_some("true")
                aria-describedby=(!described_by.is_empty()).then_some(described_by)
                spellcheck="false"
            />
        </div>
    }
}

/// One choice from a list, as radio buttons in a fieldset (GOV.UK radios):
/// `name` is what the form sends, `id` the fieldset's (the error summary links
/// to it), each button's id is `{id}-{value}`.
#[component]
pub fn Choices(
    #[prop(into)] id: String,
    #[prop(into)] name: String,
    #[prop(into)] legend: String,
    /// (value, label) in the order shown.
    options: Vec<(String, &'static str)>,
    /// The value chosen, if any.
    #[prop(optional, into)]
    checked: String,
    #[prop(optional_no_strip)] error: Option<String>,
) -> impl IntoView {
    let invalid = error.is_some();
    view! {
        <fieldset class="field" id=id.clone() class:field-error=invalid>
            <legend>{legend}</legend>
            {error.map(|m| view! { <p class="error-message">{m}</p> })}
            {options
                .into_iter()
                .map(|(value, label)| {
                    let input = format!("{id}-{}", value.replace('_', "-"));
                    let on = checked == value;
                    view! {
                        <div class="choice">
                            <input type="radio" id=input.clone() name=name.clone() value=value checked=on />
                            <label for=input>{label}</label>
                        </div>
                    }
                })
                .collect_view()}
        </fieldset>
    }
}
