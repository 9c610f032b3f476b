//! A text box for practitioners' explanations with a live reading-ease meter:
//! the same score the tests use, and the sentences that run too long.
//! Without wasm it is a plain text box showing the score of what was there.

use crate::readability::{marked_sentences, Score};
use leptos::prelude::*;

// An island on the server and in the desk's wasm; in the person's build a
// component nothing calls, so none of it (nor textstat) reaches their wasm.
#[cfg_attr(any(feature = "ssr", feature = "desk"), island)]
#[cfg_attr(not(any(feature = "ssr", feature = "desk")), component)]
pub fn ReadabilityMeter(
    name: String,
    label: String,
    value: String,
    #[prop(optional)] hint: Option<String>,
    /// Element ids start with this; needed where a page has several meters for one field name.
    #[prop(optional)]
    field_id: Option<String>,
) -> impl IntoView {
    let text = RwSignal::new(value.clone());
    let base = field_id.unwrap_or_else(|| name.clone());
    let id = format!("{base}-input");
    let meter_id = format!("{base}-meter");
    let hint_id = format!("{base}-hint");
    let score = move || text.with(|t| (!t.trim().is_empty()).then(|| Score::of(t)));
    // The text as typed, long sentences marked in place (None when there are none).
    let marked = move || {
        text.with(|t| {
            let pieces: Vec<(String, bool)> = marked_sentences(t).into_iter().map(|(s, l)| (s.to_owned(), l)).collect();
            pieces.iter().any(|(_, long)| *long).then_some(pieces)
        })
    };
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{h}</p> })}
            <textarea
                id=id
                name=name
                rows="5"
                aria-describedby=meter_id.clone()
                on:input=move |ev| text.set(event_target_value(&ev))
            >
                {value}
            </textarea>
            <div class="meter" id=meter_id aria-live="polite">
                {move || match score() {
                    None => view! { <p class="hint">"Write in short sentences and everyday words."</p> }.into_any(),
                    Some(s) => {
                        let easy = s.is_easy();
                        view! {
                            <p class=if easy { "meter-ok" } else { "meter-hard" }>
                                <strong>{s.verdict()}</strong>
                                " "
                                {s.details()}
                            </p>
                        }
                            .into_any()
                    }
                }}
                {move || {
                    marked()
                        .map(|pieces| {
                            view! {
                                <p>"Long sentences are marked. Try splitting them:"</p>
                                <p class="marked-text pre-line">
                                    {pieces
                                        .into_iter()
                                        .map(|(s, long)| if long { view! { <mark>{s}</mark> }.into_any() } else { s.into_any() })
                                        .collect_view()}
                                </p>
                            }
                        })
                }}
            </div>
        </div>
    }
}
