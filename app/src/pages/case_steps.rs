//! A case's steps at the practitioner's desk: change any step (with history),
//! add a step of their own.

use super::case_licence::case_param;
use super::last_error;
use crate::api::plan::{get_case_steps, AddStep, SetStep, SetStepHelper};
use crate::components::post_to;
use crate::components::{ErrorNotice, ErrorSummary, Field, FormError, InputKind, Page, StepGuidance};
use crate::error::AppError;
use crate::islands::LiveUpdates;
use crate::model::Track;
use crate::model::*;
use crate::pages::person_steps::StepHistory;
use leptos::prelude::*;

#[component]
pub fn CaseStepsPage() -> impl IntoView {
    let id = case_param();
    let data =
        Resource::new_blocking(move || id, |id| async move { get_case_steps(id.ok_or(AppError::NotFound)?).await });
    let error = last_error::<SetStep>().or_else(|| last_error::<AddStep>());
    view! {
        <Page title="Steps">
            <Suspense fallback=|| view! { <p>"Loading…"</p> }>
                {move || {
                    let error = error.clone();
                    Suspend::new(async move {
                        match data.await {
                            Ok((case, steps)) => view! { <CaseSteps case steps error /> }.into_any(),
                            Err(error) => view! { <ErrorNotice error sign_in="/practitioner/sign-in" /> }.into_any(),
                        }
                    })
                }}
            </Suspense>
        </Page>
    }
}

#[component]
fn CaseSteps(case: CaseOverview, steps: Vec<Step>, error: FormError) -> impl IntoView {
    let case_id = case.entry.case_id;
    let name = case.entry.preferred_name.clone();
    view! {
        <p><a href=format!("/caseload/{case_id}")>{format!("Back to {name}")}</a></p>
        <ErrorSummary error=error.clone() />
        <h1>{format!("{name}’s steps")}</h1>
        <LiveUpdates case_id=case.entry.case_id.0 rev=case.rev name=name.clone() />
        {StepsView::new(steps)
            .tracks
            .into_iter()
            .map(|(track, list)| {
                view! {
                    <h2>{track.label()}</h2>
                    <ul class="caseload">
                        {list
                            .into_iter()
                            .map(|s| {
                                let id = s.id;
                                view! {
                                    <li class="case-card" class:attention=s.status == StepStatus::Stuck id=format!("s-{id}")>
                                        <h3>{s.title.clone()}</h3>
                                        <p><strong>{s.status.label()}</strong>{s.stuck_reason.clone().map(|r| format!(": {r}"))}</p>
                                        {if s.is_own() {
                                            view! { <StepGuidance s=s.clone() person=name.clone() /> }.into_any()
                                        } else {
                                            view! {
                                                <details class="exact-words">
                                                    <summary>{format!("What {name} reads about this step")}</summary>
                                                    <StepGuidance s=s.clone() person=name.clone() />
                                                </details>
                                            }
                                                .into_any()
                                        }}
                                        <form method="post" action={post_to::<SetStep>()}>
                                            <input type="hidden" name="case_id" value=case_id.to_string() />
                                            <input type="hidden" name="step_id" value=id.to_string() />
                                            <fieldset class="field">
                                                <legend>"Change to"</legend>
                                                {StepStatus::ALL
                                                    .into_iter()
                                                    .map(|st| {
                                                        let rid = format!("st-{id}-{}", st.as_str());
                                                        view! {
                                                            <div class="choice">
                                                                <input type="radio" id=rid.clone() name="status" value=st.as_str() checked=st == s.status />
                                                                <label for=rid>{st.label()}</label>
                                                            </div>
                                                        }
                                                    })
                                                    .collect_view()}
                                            </fieldset>
                                            <div class="field">
                                                <label for=format!("reason-{id}")>"Reason (needed when stuck)"</label>
                                                <input type="text" id=format!("reason-{id}") name="reason" />
                                            </div>
                                            <button type="submit" class="button button-secondary">"Save"</button>
                                        </form>
                                        <form method="post" action={post_to::<SetStepHelper>()}>
                                            <input type="hidden" name="case_id" value=case_id.to_string() />
                                            <input type="hidden" name="step_id" value=id.to_string() />
                                            <div class="field">
                                                <label for=format!("helper-{id}")>"Who is helping"</label>
                                                <p class="hint">"For example: you, a mentor, hostel staff, family"</p>
                                                <input type="text" id=format!("helper-{id}") name="helper" value=s.helper.clone().unwrap_or_default() />
                                            </div>
                                            <button type="submit" class="button button-secondary">"Save helper"</button>
                                        </form>
                                        <StepHistory history=s.history person=Some(name.clone()) />
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
            })
            .collect_view()}
        <section class="card" aria-labelledby="add-step">
            <h2 id="add-step">"Add a step"</h2>
            <form method="post" action={post_to::<AddStep>()}>
                <input type="hidden" name="case_id" value=case_id.to_string() />
                <fieldset class="field" id="track">
                    <legend>"Part"</legend>
                    {Track::ALL
                        .into_iter()
                        .map(|t| {
                            let rid = format!("track-{}", t.as_str());
                            view! {
                                <div class="choice">
                                    <input type="radio" id=rid.clone() name="track" value=t.as_str() checked=t == Track::Id />
                                    <label for=rid>{t.label()}</label>
                                </div>
                            }
                        })
                        .collect_view()}
                </fieldset>
                <Field
                    name="title"
                    label="The step, in plain words"
                    hint="A step that names a known one, like a passport or a GP, gets Waymark’s guidance and prices. Any other step is your own: you tell them what to do."
                    kind=InputKind::Text
                    error=error.clone()
                />
                <Field name="helper" label="Who is helping (optional)" hint="For example: mentor, hostel staff, a family member" kind=InputKind::Text error=error />
                <button type="submit" class="button">"Add step"</button>
            </form>
        </section>
    }
}
