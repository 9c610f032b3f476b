//! A case's requests at the desk: what the person asked, how long it has
//! waited, and the written answer (yes, yes with conditions, not yet, no).
//! The answer becomes a letter on their licence; one that changes a condition
//! goes on to that condition's change.

use super::case::case_in_path;
use super::last_error;
use crate::api::licence::get_case_licence;
use crate::api::requests::{get_case_requests, AnswerRequest};
use crate::components::post_to;
use crate::components::{Choices, ErrorNotice, ErrorSummary, FormError, Page};
use crate::format;
use crate::islands::LiveUpdates;
use crate::model::request::*;
use crate::model::{CaseId, CaseOverview, LicenceCondition};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn CaseRequestsPage() -> impl IntoView {
    let id = case_in_path();
    let data = Resource::new_blocking(
        move || id.clone(),
        |id| async move {
            let id = id?;
            let (case, licence) = get_case_licence(id).await?;
            Ok::<_, crate::error::AppError>((case, licence.conditions, get_case_requests(id).await?))
        },
    );
    let answered = use_query_map().with_untracked(|q| q.get("answered").is_some());
    view! {
        <Page title="Requests">
            <Suspense fallback=|| view! { <p>"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok((case, conditions, list)) => {
                            view! { <CaseRequests case conditions list answered error={last_error::<AnswerRequest>()} /> }.into_any()
                        }
                        Err(error) => view! { <ErrorNotice error sign_in="/practitioner/sign-in" /> }.into_any(),
                    }
                })}
            </Suspense>
        </Page>
    }
}

#[component]
fn CaseRequests(
    case: CaseOverview,
    conditions: Vec<LicenceCondition>,
    list: Vec<Request>,
    answered: bool,
    error: FormError,
) -> impl IntoView {
    let e = case.entry;
    let name = e.preferred_name.clone();
    let now = jiff::Timestamp::now();
    let conditions: Vec<(String, String)> = conditions.into_iter().map(|c| (c.id.to_string(), c.headline)).collect();
    // The form that came back with a message belongs to one request.
    let failed = error.as_ref().and_then(|e| e.kept("request_id"));
    view! {
        <p><a href=format!("/caseload/{}", e.case_id)>{format!("Back to {name}")}</a></p>
        {answered.then(|| view! { <p class="banner" role="status">{format!("Answered. {name} can read your answer, and it is kept as a letter on their licence.")}</p> })}
        <h1>{format!("What {name} has asked for")}</h1>
        <LiveUpdates case_id=e.case_id.0 rev=case.rev name=name.clone() />
        {if list.is_empty() {
            view! { <p>{format!("{name} has not asked for anything yet.")}</p> }.into_any()
        } else {
            view! {
                <ul class="plain-list check-ins">
                    {list
                        .into_iter()
                        .map(|r| {
                            let error = error.clone().filter(|_| failed.as_deref() == Some(&r.id.to_string()));
                            view! { <RequestCard case_id=e.case_id r now conditions=conditions.clone() error /> }
                        })
                        .collect_view()}
                </ul>
            }
            .into_any()
        }}
    }
}

#[component]
fn RequestCard(
    case_id: CaseId,
    r: Request,
    now: jiff::Timestamp,
    conditions: Vec<(String, String)>,
    error: FormError,
) -> impl IntoView {
    let id = r.id;
    let open = r.answer.is_none();
    view! {
        <li class="case-card" class:attention=open id=format!("request-{id}")>
            <h2>{r.said.summary()}</h2>
            <p class="muted">{format!("Asked {}.", format::stamp(r.made_at, now))}</p>
            <p>{format!("They wrote: {}", r.said.why)}</p>
            {match r.answer {
                Some(a) => view! {
                    <p><strong>{format!("{} answered {}: {}.", a.by, format::stamp(a.at, now), a.decision.label())}</strong></p>
                    {a.text.map(|t| view! { <p>{t}</p> })}
                }
                .into_any(),
                None => view! {
                    <p><span class="tag tag-attention">{waiting_words(r.waited_days(now))}</span></p>
                    <AnswerFields case_id id conditions error />
                }
                .into_any(),
            }}
        </li>
    }
}

#[component]
fn AnswerFields(case_id: CaseId, id: RequestId, conditions: Vec<(String, String)>, error: FormError) -> impl IntoView {
    let kept = |name: &str| error.as_ref().and_then(|e| e.kept(name)).unwrap_or_default();
    let message = |field: &str| error.as_ref().filter(|e| e.field() == Some(field)).map(|e| e.to_string());
    let (decision, condition) = (kept("decision"), kept("condition"));
    let (decision_error, answer_error, condition_error) =
        (message("decision"), message("answer"), message("condition"));
    let (answer_invalid, condition_invalid) = (answer_error.is_some(), condition_error.is_some());
    // Ids of their own per request: a page can hold several answer forms.
    let field_id = |name: &str| format!("{name}-{id}");
    view! {
        <ErrorSummary error=error.clone() id_suffix=format!("-{id}") />
        <form method="post" action={post_to::<AnswerRequest>()}>
            <input type="hidden" name="case_id" value=case_id.to_string() />
            <input type="hidden" name="request_id" value=id.to_string() />
            <Choices
                id=field_id("decision")
                name="form[decision]"
                legend="Your answer"
                options=Decision::ALL.into_iter().map(|d| (d.as_str().to_owned(), d.label())).collect()
                checked=decision
                error=decision_error
            />
            <div class="field" class:field-error=answer_invalid>
                <label for=field_id("answer")>"Your answer in writing (they read it)"</label>
                <p class="hint">"Needed for anything but a plain yes: the conditions, what is needed first, or your reasons."</p>
                {answer_error.map(|m| view! { <p class="error-message">{m}</p> })}
                <textarea id=field_id("answer") name="form[answer]" rows="4">{kept("answer")}</textarea>
            </div>
            <div class="field" class:field-error=condition_invalid>
                <label for=field_id("condition")>"Does a yes change a licence condition? (optional)"</label>
                {condition_error.map(|m| view! { <p class="error-message">{m}</p> })}
                <select id=field_id("condition") name="form[condition]">
                    <option value="" selected=condition.is_empty()>"No condition changes"</option>
                    {conditions
                        .into_iter()
                        .map(|(value, headline)| {
                            let on = condition == value;
                            view! { <option value=value selected=on>{headline}</option> }
                        })
                        .collect_view()}
                </select>
            </div>
            <button type="submit" class="button">"Send the answer"</button>
        </form>
    }
}
