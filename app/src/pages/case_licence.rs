//! A case's licence at the practitioner's desk: who understood what, open
//! questions and replies, changes, and written explanations.

use super::last_error;
use crate::api::licence::{get_case_licence, AddExplanation, ReplyToQuestion};
use crate::components::post_to;
use crate::components::{ConditionMapView, ErrorNotice, ErrorSummary, FormError, Page};
use crate::islands::LiveUpdates;
use crate::islands::ReadabilityMeter;
use crate::model::*;
use crate::pages::person_licence::Thread;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

pub(crate) fn case_param() -> Option<CaseId> {
    use_params_map().with_untracked(|p| p.get("id").and_then(|s| s.parse::<CaseId>().ok()))
}

#[component]
pub fn CaseLicencePage() -> impl IntoView {
    let id = case_param();
    let data = Resource::new_blocking(
        move || id,
        |id| async move {
            match id {
                Some(id) => get_case_licence(id).await,
                None => Err(crate::error::AppError::NotFound),
            }
        },
    );
    view! {
        <Page title="Licence">
            <Suspense fallback=|| view! { <p>"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok((case, licence)) => view! { <CaseLicence case licence /> }.into_any(),
                        Err(error) => view! { <ErrorNotice error sign_in="/practitioner/sign-in" /> }.into_any(),
                    }
                })}
            </Suspense>
        </Page>
    }
}

#[component]
fn CaseLicence(case: CaseOverview, licence: PersonLicence) -> impl IntoView {
    let case_id = case.entry.case_id;
    let name = case.entry.preferred_name.clone();
    let error = last_error::<ReplyToQuestion>().or_else(|| last_error::<AddExplanation>());
    let count = |u: Understanding| licence.conditions.iter().filter(|c| c.understanding == u).count();
    let summary = format!(
        "{}: {} understood, {} with an open question, {} changed since confirmed, {} not confirmed yet.",
        crate::format::count(licence.conditions.len(), "condition", "conditions"),
        count(Understanding::Understood),
        count(Understanding::Question),
        count(Understanding::Changed),
        count(Understanding::NotYet) + count(Understanding::Answered),
    );
    // A part the licence has with no rule for it would leave the person thinking it has none.
    let empty_parts: Vec<String> = [LicenceKind::Ap, LicenceKind::Pss]
        .into_iter()
        .filter(|k| case.licence_type.includes(*k) && !licence.conditions.iter().any(|c| c.licence == *k))
        .map(|k| match k {
            LicenceKind::Ap => "No licence conditions yet.".to_owned(),
            LicenceKind::Pss => "This licence has post-sentence supervision, but no conditions for it yet.".to_owned(),
        })
        .collect();
    view! {
        <p><a href=format!("/caseload/{case_id}")>{format!("Back to {name}")}</a></p>
        <ErrorSummary error=error.clone() />
        <h1>{format!("{name}’s licence")}</h1>
        <LiveUpdates case_id=case.entry.case_id.0 rev=case.rev name=name.clone() />
        <p>{summary}</p>
        {empty_parts.into_iter().map(|w| view! { <p class="banner" role="status">{w}</p> }).collect_view()}
        <p><a class="button" href=format!("/caseload/{case_id}/licence/add")>"Add a condition"</a></p>
        <ul class="conditions-admin">
            {licence
                .conditions
                .into_iter()
                .map(|c| view! { <ConditionAdmin c name=name.clone() policy=case.policy_version.clone() error=error.clone() /> })
                .collect_view()}
        </ul>
        <LicenceHistory removed=licence.removed />
        <section class="card" aria-labelledby="explain-heading">
            <h2 id="explain-heading">"Write an explanation"</h2>
            <p class="hint">"For a decision and its reasons, a change to the licence, or a warning and why. The person can read it again at any time."</p>
            <form method="post" action={post_to::<AddExplanation>()}>
                <input type="hidden" name="case_id" value=case_id.to_string() />
                <fieldset class="field" id="kind">
                    <legend>"What is it?"</legend>
                    {ExplanationKind::ALL
                        .into_iter()
                        .map(|k| {
                            let id = format!("kind-{}", k.as_str());
                            view! {
                                <div class="choice">
                                    <input type="radio" id=id.clone() name="kind" value=k.as_str() checked=k == ExplanationKind::Note />
                                    <label for=id>{k.label()}</label>
                                </div>
                            }
                        })
                        .collect_view()}
                </fieldset>
                <div class="field">
                    <label for="title">"Title"</label>
                    <input id="title" name="title" type="text" value=error.as_ref().and_then(|e| e.kept("title")).unwrap_or_default() />
                </div>
                <ReadabilityMeter name="body".to_string() label="Explanation".to_string() value=error.as_ref().and_then(|e| e.kept("body")).unwrap_or_default() />
                <button type="submit" class="button">"Send to " {name.clone()}</button>
            </form>
            <ul class="letters-sent">
                {licence
                    .explanations
                    .into_iter()
                    .map(|e| {
                        let now = jiff::Timestamp::now();
                        let read = match e.read_at {
                            Some(at) => format!("Read on {}", crate::format::stamp(at, now)),
                            None => "Not read yet".into(),
                        };
                        view! { <li><strong>{e.title}</strong>{format!(" – {}. {read}.", e.kind.label())}</li> }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn ConditionAdmin(c: LicenceCondition, name: String, policy: String, error: FormError) -> impl IntoView {
    let case_id = c.case_id;
    let id = c.id;
    let status_class = match c.understanding {
        Understanding::Understood => "tag tag-ok",
        Understanding::NotYet => "tag",
        _ => "tag tag-attention",
    };
    let reply_error = error.as_ref().filter(|e| e.field() == Some("reply")).map(|e| e.to_string());
    view! {
        <li class="case-card" id=format!("c-{id}")>
            <h2>{c.headline.clone()}</h2>
            <p>
                <span class=status_class>{c.understanding.practitioner_label()}</span>
                {format!(
                    " {} · version {}{}",
                    c.licence.label(),
                    c.version,
                    c.template.as_ref().filter(|(v, _)| *v != policy).map(|(v, _)| format!(" · from policy {v}")).unwrap_or_default()
                )}
            </p>
            {c.home
                .clone()
                .map(|h| {
                    let before = h.before.map(|b| format!(" Before: {b}.")).unwrap_or_default();
                    view! { <p>{format!("Agreed address: {}.{before}", h.address)}</p> }
                })}
            <details>
                <summary>"Official words"</summary>
                <blockquote>{c.official_words.clone()}</blockquote>
            </details>
            {c.explanation.clone().map(|x| view! { <p class="officer-says pre-line"><strong>"Your explanation: "</strong>{x}</p> })}
            {c.map
                .map(|map| {
                    view! {
                        <ConditionMapView src=format!("/caseload/{case_id}/licence/{id}/map") map caption="The map you attached." />
                    }
                })}
            <Thread thread=c.thread.clone() person=name />
            {(c.understanding == Understanding::Question)
                .then(|| {
                    view! {
                        <form method="post" action={post_to::<ReplyToQuestion>()}>
                            <input type="hidden" name="case_id" value=case_id.to_string() />
                            <input type="hidden" name="condition_id" value=id.to_string() />
                            {reply_error.map(|m| view! { <p class="error-message">{m}</p> })}
                            <ReadabilityMeter name="reply".to_string() label="Your answer".to_string() value=String::new() field_id=format!("reply-{id}") />
                            <button type="submit" class="button">"Send answer"</button>
                        </form>
                    }
                })}
            <p class="actions">
                <a class="button button-secondary" href=format!("/caseload/{case_id}/licence/{id}/edit")>"Change or explain"</a>
                " "
                <a class="button button-secondary" href=format!("/caseload/{case_id}/licence/{id}/remove")>"Remove this condition"</a>
            </p>
        </li>
    }
}

/// What was taken off the licence, when and by whom.
#[component]
fn LicenceHistory(removed: Vec<RemovedCondition>) -> impl IntoView {
    (!removed.is_empty()).then(|| {
        view! {
            <section class="card" aria-labelledby="history-heading">
                <h2 id="history-heading">"Licence history"</h2>
                <ul class="plain-list removed-conditions">
                    {removed
                        .into_iter()
                        .map(|r| {
                            let by = r.removed_by.map(|name| format!(" by {name}")).unwrap_or_default();
                            let on = crate::format::day_of(r.removed_at);
                            view! {
                                <li>
                                    <strong>{format!("Removed on {on}{by}: ")}</strong>
                                    {r.headline}
                                    {format!(" ({})", r.licence.label())}
                                    <details>
                                        <summary>"What it said"</summary>
                                        <blockquote>{r.official_words}</blockquote>
                                    </details>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </section>
        }
    })
}
