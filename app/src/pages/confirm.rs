//! Pages that ask before something is taken away: a plain page (a GET shows
//! the question, changes nothing), and its form posts the action. Works the
//! same with or without JavaScript.

use super::case_licence::case_param;
use super::last_error;
use crate::api::licence::{get_case_licence, RemoveCondition};
use crate::api::plan::{get_case_appointments, CancelAppointment};
use crate::components::{ErrorNotice, ErrorSummary, Field, InputKind, Page};
use crate::error::AppError;
use crate::format;
use crate::model::*;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

fn id_param(name: &'static str) -> Option<i64> {
    use_params_map().with_untracked(|p| p.get(name).and_then(|s| s.parse::<i64>().ok()))
}

/// "Remove this condition?" for one condition on a case's licence.
#[component]
pub fn RemoveConditionPage() -> impl IntoView {
    let id = case_param();
    let condition = id_param("cid").map(ConditionId);
    let data = Resource::new_blocking(
        move || (id, condition),
        |(id, condition)| async move {
            let (case, licence) = get_case_licence(id.ok_or(AppError::NotFound)?).await?;
            let c = licence.conditions.into_iter().find(|c| Some(c.id) == condition).ok_or(AppError::NotFound)?;
            Ok::<_, AppError>((case, c))
        },
    );
    let remove = ServerAction::<RemoveCondition>::new();
    let error = last_error(remove);
    view! {
        <Page title="Remove a condition">
            <Suspense fallback=|| view! { <p>"Loading…"</p> }>
                {move || {
                    let error = error.clone();
                    Suspend::new(async move {
                        match data.await {
                            Ok((case, c)) => {
                                let case_id = case.entry.case_id;
                                let name = case.entry.preferred_name;
                                let back = format!("/caseload/{case_id}/licence#c-{}", c.id);
                                view! {
                                    <p><a href=back.clone()>"Back to the licence"</a></p>
                                    <ErrorSummary error=error.clone() />
                                    <h1>{format!("Remove this condition from {name}’s licence?")}</h1>
                                    <p><strong>{c.headline}</strong>{format!(" ({})", c.licence.label())}</p>
                                    <blockquote>{c.official_words}</blockquote>
                                    <p>
                                        {format!(
                                            "{name} will see that it was taken off their licence. The licence history keeps what it said, when it was removed and by whom."
                                        )}
                                    </p>
                                    <ActionForm action=remove>
                                        <input type="hidden" name="case_id" value=case_id.to_string() />
                                        <input type="hidden" name="condition_id" value=c.id.to_string() />
                                        <button type="submit" class="button button-warning">"Yes, remove it"</button>
                                    </ActionForm>
                                    <p><a class="button button-secondary" href=back>"No, keep it"</a></p>
                                }
                                    .into_any()
                            }
                            Err(error) => view! { <ErrorNotice error sign_in="/practitioner/sign-in" /> }.into_any(),
                        }
                    })
                }}
            </Suspense>
        </Page>
    }
}

/// "Cancel this appointment?", with the reason the person will read.
#[component]
pub fn CancelAppointmentPage() -> impl IntoView {
    let id = case_param();
    let appointment = id_param("aid").map(AppointmentId);
    let data = Resource::new_blocking(
        move || (id, appointment),
        |(id, appointment)| async move {
            let (case, list) = get_case_appointments(id.ok_or(AppError::NotFound)?).await?;
            let a = list.into_iter().find(|a| Some(a.id) == appointment && !a.cancelled).ok_or(AppError::NotFound)?;
            Ok::<_, AppError>((case, a))
        },
    );
    let cancel = ServerAction::<CancelAppointment>::new();
    let error = last_error(cancel);
    view! {
        <Page title="Cancel an appointment">
            <Suspense fallback=|| view! { <p>"Loading…"</p> }>
                {move || {
                    let error = error.clone();
                    Suspend::new(async move {
                        match data.await {
                            Ok((case, a)) => {
                                let case_id = case.entry.case_id;
                                let name = case.entry.preferred_name;
                                let back = format!("/caseload/{case_id}/appointments#a-{}", a.id);
                                let now = jiff::Timestamp::now();
                                view! {
                                    <p><a href=back.clone()>"Back to appointments"</a></p>
                                    <ErrorSummary error=error.clone() />
                                    <h1>"Cancel this appointment?"</h1>
                                    <p><strong>{format!("{}: {}", a.kind.label(), format::when(a.starts_at, now))}</strong></p>
                                    <p>{a.place.clone()}</p>
                                    {(a.repeat != Repeat::Never)
                                        .then(|| view! { <p>"It repeats. Cancelling it cancels every time it repeats."</p> })}
                                    <p>{format!("{name} will see that it is cancelled, with your reason. It stays on the list as cancelled.")}</p>
                                    <ActionForm action=cancel>
                                        <input type="hidden" name="case_id" value=case_id.to_string() />
                                        <input type="hidden" name="appointment_id" value=a.id.to_string() />
                                        <Field
                                            name="cancel_reason"
                                            label="Reason, for them to read (optional)"
                                            kind=InputKind::Text
                                            error=error.clone()
                                        />
                                        <button type="submit" class="button button-warning">"Yes, cancel it"</button>
                                    </ActionForm>
                                    <p><a class="button button-secondary" href=back>"No, keep it"</a></p>
                                }
                                    .into_any()
                            }
                            Err(error) => view! { <ErrorNotice error sign_in="/practitioner/sign-in" /> }.into_any(),
                        }
                    })
                }}
            </Suspense>
        </Page>
    }
}
