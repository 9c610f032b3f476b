//! The inputs a catalogue condition asks for, as a plain HTML form section:
//! radios with their follow-up questions, tick boxes, text, addresses, times
//! and dates. Field names are `details[<input>][]`, read as `Details`.

use crate::components::FormError;
use crate::model::catalogue::{Details, Input, InputType};
use leptos::prelude::*;

/// How many boxes an "add another" input offers without JavaScript.
const ANOTHER_BOXES: usize = 3;

#[component]
pub fn ConditionInputs(inputs: Vec<Input>, details: Details, error: FormError) -> impl IntoView {
    inputs
        .into_iter()
        .map(|input| view! { <OneInput input details=details.clone() error=error.clone() /> })
        .collect_view()
}

fn values_for(input: &Input, details: &Details, error: &FormError) -> Vec<String> {
    match error {
        Some(e) if !e.kept_all(&format!("d-{}", input.name)).is_empty() || e.field().is_some() => {
            e.kept_all(&format!("d-{}", input.name))
        }
        _ => details.get(&input.name).cloned().unwrap_or_default(),
    }
}

#[component]
fn OneInput(input: Input, details: Details, error: FormError) -> AnyView {
    let id = format!("d-{}", input.name);
    let name = format!("details[{}][]", input.name);
    let message = error.as_ref().filter(|e| e.field() == Some(id.as_str())).map(|e| e.to_string());
    let values = values_for(&input, &details, &error);
    let first = values.first().cloned().unwrap_or_default();
    let optional = input.optional();
    let label = if optional || input.kind == InputType::FileUpload { input.label.clone() } else { input.label.clone() };
    let error_p = message.clone().map(|m| view! { <p class="error-message">{m}</p> });
    let invalid = message.is_some();
    match input.kind {
        InputType::Radio | InputType::Check => {
            let kind = if input.kind == InputType::Radio { "radio" } else { "checkbox" };
            view! {
                <fieldset class="field" class:field-error=invalid id=id.clone()>
                    <legend>{label}</legend>
                    {error_p}
                    {input
                        .options
                        .into_iter()
                        .enumerate()
                        .map(|(i, o)| {
                            let oid = format!("{id}-{i}");
                            let checked = values.contains(&o.value);
                            let follow = o.conditional.map(|c| {
                                view! {
                                    <div class="conditional">
                                        <p class="hint">{format!("If you chose “{}”:", o.value)}</p>
                                        <ConditionInputs inputs=c.inputs details=details.clone() error=error.clone() />
                                    </div>
                                }
                            });
                            view! {
                                <div class="choice">
                                    <input type=kind id=oid.clone() name=name.clone() value=o.value.clone() checked=checked />
                                    <label for=oid>{o.value.clone()}</label>
                                </div>
                                {follow}
                            }
                        })
                        .collect_view()}
                </fieldset>
            }
            .into_any()
        }
        InputType::Text if input.add_another.is_some() => {
            let boxes = values.len().max(1) + ANOTHER_BOXES - 1;
            view! {
                <fieldset class="field" class:field-error=invalid id=id.clone()>
                    <legend>{label}</legend>
                    <p class="hint">"Fill in as many as you need. Leave the rest empty."</p>
                    {error_p}
                    {(0..boxes)
                        .map(|i| {
                            let v = values.get(i).cloned().unwrap_or_default();
                            view! {
                                <input type="text" name=name.clone() value=v aria-label=format!("{} {}", input.label, i + 1) />
                            }
                        })
                        .collect_view()}
                </fieldset>
            }
            .into_any()
        }
        InputType::Address => view! {
            <div class="field" class:field-error=invalid>
                <label for=id.clone()>{label}</label>
                {input.subtext.map(|s| view! { <p class="hint">{s}</p> })}
                {error_p}
                <textarea id=id name=name rows="3">{first}</textarea>
            </div>
        }
        .into_any(),
        InputType::FileUpload => view! {
            <div class="field">
                <p><strong>{label}</strong></p>
                <p class="hint">"Add the map file once the condition is saved, from its Change page. Describe the area in your explanation too."</p>
            </div>
        }
        .into_any(),
        kind => {
            let type_ = match kind {
                InputType::TimePicker => "time",
                InputType::DatePicker => "date",
                _ => "text",
            };
            view! {
                <div class="field" class:field-error=invalid>
                    <label for=id.clone()>{label}</label>
                    {input.subtext.map(|s| view! { <p class="hint">{s}</p> })}
                    {error_p}
                    <input type=type_ id=id name=name value=first aria-invalid=invalid.then_some("true") />
                </div>
            }
            .into_any()
        }
    }
}
