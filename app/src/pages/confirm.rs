//! Pages that ask before something is taken away: a plain page (a GET shows
//! the question, changes nothing), and its form posts the action. Works the
//! same with or without JavaScript.

use super::case_licence::case_param;
use super::last_error;
use crate::api::licence::RemoveCondition;
use crate::api::plan::CancelAppointment;
use crate::components::post_to;
use crate::components::{ErrorNotice, ErrorSummary, Field, InputKind, Page};
use crate::error::AppError;
use crate::format;
use crate::model::*;
use leptos::prelude::*;

/// "Remove this condition?" for one condition on a case's licence.
#[component]
pub fn RemoveConditionPage() -> impl IntoView {
    let (id, condition) = (case_param(), super::condition_form::condition_param());
    let data = Resource::new_blocking(
        move || (id, condition),
        |(id, condition)| super::condition_form::condition_in_address(id, condition),
    );
    let error = last_error::<RemoveCondition>();
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
                                    <form method="post" action={post_to::<RemoveCondition>()}>
                                        <input type="hidden" name="case_id" value=case_id.to_string() />
                                        <input type="hidden" name="condition_id" value=c.id.to_string() />
                                        <button type="submit" class="button button-warning">"Yes, remove it"</button>
                                    </form>
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
    let data = super::case_appointments::appointment_in_address();
    let error = last_error::<CancelAppointment>();
    view! {
        <Page title="Cancel an appointment">
            <Suspense fallback=|| view! { <p>"Loading…"</p> }>
                {move || {
                    let error = error.clone();
                    Suspend::new(async move {
                        // A cancelled appointment has nothing left to cancel.
                        match data.await.and_then(|(case, a)| if a.cancelled { Err(AppError::NotFound) } else { Ok((case, a)) }) {
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
                                    <form method="post" action={post_to::<CancelAppointment>()}>
                                        <input type="hidden" name="case_id" value=case_id.to_string() />
                                        <input type="hidden" name="appointment_id" value=a.id.to_string() />
                                        <Field
                                            name="cancel_reason"
                                            label="Reason, for them to read (optional)"
                                            kind=InputKind::Text
                                            error=error.clone()
                                        />
                                        <button type="submit" class="button button-warning">"Yes, cancel it"</button>
                                    </form>
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
