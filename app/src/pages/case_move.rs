//! Move a case to another practitioner (issue 12.3), with a handover for
//! them: its own practitioner or an admin of its office writes it, starting
//! from what Waymark already knows.

use super::case::case_in_path;
use super::last_error;
use crate::api::handover::{get_handover_draft, MoveCase};
use crate::components::post_to;
use crate::components::{ErrorNotice, ErrorSummary, FormError, Page};
use crate::model::handover::{HandoverDraft, NOTE_MAX};
use leptos::prelude::*;

#[component]
pub fn CaseMovePage() -> impl IntoView {
    let id = case_in_path();
    let draft = Resource::new_blocking(move || id.clone(), |id| async move { get_handover_draft(id?).await });
    view! {
        <Page title="Move to another practitioner">
            <Suspense fallback=|| view! { <p>"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match draft.await {
                        Ok(draft) => view! { <CaseMove draft error={last_error::<MoveCase>()} /> }.into_any(),
                        Err(error) => view! { <ErrorNotice error sign_in="/practitioner/sign-in" /> }.into_any(),
                    }
                })}
            </Suspense>
        </Page>
    }
}

/// A hint under each part of the notes: what the new practitioner needs from it.
const HINTS: [&str; 5] = [
    "What they have done well, and what works with them. Needed.",
    "Their goals, in their words where you can.",
    "Questions they asked and requests not answered yet.",
    "ID, bank, housing and other steps under way.",
    "Anything the new practitioner must know before the first meeting. The person never sees these notes.",
];

#[component]
fn CaseMove(draft: HandoverDraft, error: FormError) -> impl IntoView {
    let name = draft.preferred_name.clone();
    let case_id = draft.case_id;
    let kept =
        |field: &str, start: &str| error.as_ref().and_then(|e| e.kept(field)).unwrap_or_else(|| start.to_owned());
    let message = |field: &str| error.as_ref().filter(|e| e.field() == Some(field)).map(|e| e.to_string());
    let to_email = kept("to_email", "");
    let email_error = message("to_email");
    view! {
        <p><a href=format!("/caseload/{case_id}")>{format!("Back to {name}")}</a></p>
        <ErrorSummary error=error.clone() />
        <h1>{format!("Move {name} to another practitioner")}</h1>
        <p class="lead">
            {format!(
                "{name} is with {} now. Write a handover so the new practitioner knows the plan and {name} does not have to start again.",
                draft.practitioner_name,
            )}
        </p>
        <form method="post" action={post_to::<MoveCase>()}>
            <input type="hidden" name="case_id" value=case_id.to_string() />
            <div class="field" class:field-error=email_error.is_some()>
                <label for="to_email">"Work email of the practitioner taking the case"</label>
                <p class="hint" id="to_email-hint">"In this office or another one."</p>
                {email_error.clone().map(|m| view! { <p class="error-message" id="to_email-error">{m}</p> })}
                <input
                    id="to_email"
                    name="form[to_email]"
                    type="email"
                    autocomplete="off"
                    spellcheck="false"
                    list="colleagues"
                    value=to_email
                    aria-describedby=if email_error.is_some() { "to_email-hint to_email-error" } else { "to_email-hint" }
                    aria-invalid=email_error.is_some().then_some("true")
                />
                <datalist id="colleagues">
                    {draft
                        .colleagues
                        .iter()
                        .map(|(who, email)| view! { <option value=email.clone()>{who.clone()}</option> })
                        .collect_view()}
                </datalist>
            </div>
            <h2>"Handover"</h2>
            {draft
                .notes
                .parts()
                .into_iter()
                .zip(HINTS)
                .map(|((field, heading, start), hint)| {
                    let error = message(field);
                    let text = kept(field, start);
                    let hint_id = format!("{field}-hint");
                    let error_id = format!("{field}-error");
                    let described = if error.is_some() { format!("{hint_id} {error_id}") } else { hint_id.clone() };
                    view! {
                        <div class="field" class:field-error=error.is_some()>
                            <label for=field>{heading}</label>
                            <p class="hint" id=hint_id>{hint}</p>
                            {error.clone().map(|m| view! { <p class="error-message" id=error_id.clone()>{m}</p> })}
                            <textarea
                                id=field
                                name=format!("form[{field}]")
                                rows="4"
                                maxlength=NOTE_MAX.to_string()
                                aria-describedby=described
                                aria-invalid=error.is_some().then_some("true")
                            >
                                {text}
                            </textarea>
                        </div>
                    }
                })
                .collect_view()}
            <p class="hint">
                {format!(
                    "When you move the case, the new practitioner has everything: the licence, answers, letters and history. {} can no longer see it, and {name} is told who their new officer is.",
                    draft.practitioner_name,
                )}
            </p>
            <button type="submit" class="button">"Move the case"</button>
        </form>
    }
}
