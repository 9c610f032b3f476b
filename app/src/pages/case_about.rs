//! "About them" at the practitioner's desk: the person's own words on how to
//! reach them, what helps and the times they cannot do. Only the person
//! changes it; the practitioner suggests a time, which the person adds or not.

use super::case::case_in_path;
use super::last_error;
use super::person_about::BusyFields;
use crate::api::about::{get_case_about, SuggestBusyTime};
use crate::api::caseload::get_case;
use crate::components::post_to;
use crate::components::{ErrorNotice, ErrorSummary, FormError, Page};
use crate::format;
use crate::islands::LiveUpdates;
use crate::model::about::*;
use crate::model::CaseOverview;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn CaseAboutPage() -> impl IntoView {
    let id = case_in_path();
    let data = Resource::new_blocking(
        move || id.clone(),
        |id| async move {
            let id = id?;
            Ok::<_, crate::error::AppError>((get_case(id).await?, get_case_about(id).await?))
        },
    );
    let suggested = use_query_map().with_untracked(|q| q.get("suggested").is_some());
    view! {
        <Page title="About them">
            <Suspense fallback=|| view! { <p>"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok((case, about)) => {
                            view! { <CaseAbout case about suggested error={last_error::<SuggestBusyTime>()} /> }.into_any()
                        }
                        Err(error) => view! { <ErrorNotice error sign_in="/practitioner/sign-in" /> }.into_any(),
                    }
                })}
            </Suspense>
        </Page>
    }
}

#[component]
fn CaseAbout(case: CaseOverview, about: AboutMe, suggested: bool, error: FormError) -> impl IntoView {
    let e = case.entry;
    let name = e.preferred_name.clone();
    let now = jiff::Timestamp::now();
    let note = error.as_ref().and_then(|e| e.kept("note")).unwrap_or_default();
    let note_error = error.as_ref().filter(|e| e.field() == Some("note")).map(|e| e.to_string());
    view! {
        <p><a href=format!("/caseload/{}", e.case_id)>{format!("Back to {name}")}</a></p>
        {suggested.then(|| view! { <p class="banner" role="status">{format!("Suggested. {name} will see it and say yes or no.")}</p> })}
        <h1>{format!("About {name}")}</h1>
        <LiveUpdates case_id=e.case_id.0 rev=case.rev name=name.clone() />
        <p class="lead">{format!("In {name}'s own words. Only {name} can change it, so they never have to say it again to a new officer.")}</p>
        <AboutSummary about=about.clone() name=name.clone() />
        {(!about.suggestions.is_empty()).then(|| view! {
            <section class="card" aria-labelledby="suggestions-heading">
                <h2 id="suggestions-heading">"Times suggested"</h2>
                <ul class="plain-list">
                    {about.suggestions.iter().map(|s| {
                        let answer = match (s.accepted, s.answered_at) {
                            (Some(true), Some(at)) => format!("Added by {name} {}.", format::stamp(at, now)),
                            (Some(false), Some(at)) => format!("{name} said no {}.", format::stamp(at, now)),
                            _ => "Waiting for an answer.".to_owned(),
                        };
                        view! { <li>{format!("{} (suggested by {} {}). {answer}", s.busy.words(), s.by, format::stamp(s.made_at, now))}</li> }
                    }).collect_view()}
                </ul>
            </section>
        })}
        <section class="card" aria-labelledby="suggest-heading">
            <h2 id="suggest-heading">"Suggest a time they cannot do"</h2>
            <p>{format!("For example, a new job's shifts {name} told you about. {name} adds it or says no.")}</p>
            <ErrorSummary error=error.clone() />
            <form method="post" action={post_to::<SuggestBusyTime>()}>
                <input type="hidden" name="case_id" value=e.case_id.to_string() />
                <BusyFields error=error.clone() />
                <div class="field" class:field-error=note_error.is_some()>
                    <label for="note">"A note for them (optional)"</label>
                    {note_error.clone().map(|m| view! { <p class="error-message">{m}</p> })}
                    <textarea id="note" name="note" rows="2">{note}</textarea>
                </div>
                <button type="submit" class="button">"Suggest this time"</button>
            </form>
        </section>
    }
}

/// What the person said, for the case page and this one.
#[component]
pub fn AboutSummary(about: AboutMe, name: String) -> impl IntoView {
    let now = jiff::Timestamp::now();
    let list = |items: Vec<&'static str>| items.join(", ");
    let p = about.prefs;
    view! {
        <section class="card" aria-labelledby="about-summary-heading">
            <h2 id="about-summary-heading">{format!("What {name} told us")}</h2>
            {about.updated_at.map(|at| view! { <p class="muted">{format!("Last changed {}.", format::stamp(at, now))}</p> })}
            <dl class="facts">
                <dt>"Contact and reminders"</dt>
                <dd>{if p.reach.is_empty() { "Not said yet".to_owned() } else { list(p.reach.iter().map(|r| r.label()).collect()) }}</dd>
                <dt>"What helps in a meeting"</dt>
                <dd>{if p.helps.is_empty() { "Not said yet".to_owned() } else { list(p.helps.iter().map(|h| h.label()).collect()) }}</dd>
                <dt>"Working on"</dt>
                <dd>{p.working_on.unwrap_or_else(|| "Not said yet".into())}</dd>
            </dl>
            <h3>"Times they cannot do"</h3>
            {if about.busy.is_empty() {
                view! { <p>"None listed."</p> }.into_any()
            } else {
                view! {
                    <ul class="plain-list" data-testid="busy-times">
                        {about.busy.into_iter().map(|b| view! { <li>{b.busy.words()}</li> }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
            <p class="hint">"Waymark warns you before you set an appointment at one of these times."</p>
        </section>
    }
}
