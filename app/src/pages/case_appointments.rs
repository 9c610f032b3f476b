//! A case's appointments at the practitioner's desk: set, change, cancel, and
//! see the person's answers (missed or unanswered ones stand out).

use super::case_licence::case_param;
use super::last_error;
use crate::api::plan::{get_case_appointments, get_case_reporting, SaveAppointment};
use crate::components::post_to;
use crate::components::{ErrorNotice, ErrorSummary, Field, FormError, InputKind, Page};
use crate::error::AppError;
use crate::format;
use crate::islands::LiveUpdates;
use crate::model::*;
use jiff::Timestamp;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn CaseAppointmentsPage() -> impl IntoView {
    let id = case_param();
    let data = Resource::new_blocking(
        move || id,
        |id| async move {
            let id = id.ok_or(AppError::NotFound)?;
            let (case, list) = get_case_appointments(id).await?;
            Ok::<_, AppError>((case, list, get_case_reporting(id).await?))
        },
    );
    let error = last_error::<SaveAppointment>();
    view! {
        <Page title="Appointments">
            <Suspense fallback=|| view! { <p>"Loading…"</p> }>
                {move || {
                    let error = error.clone();
                    Suspend::new(async move {
                        match data.await {
                            Ok((case, list, reporting)) => view! { <CaseAppointments case list reporting error /> }.into_any(),
                            Err(error) => view! { <ErrorNotice error sign_in="/practitioner/sign-in" /> }.into_any(),
                        }
                    })
                }}
            </Suspense>
        </Page>
    }
}

/// How the person answered, in the practitioner's words; `true` when it needs attention.
fn answer_status(a: &Appointment, now: Timestamp) -> (String, bool) {
    if a.cancelled {
        return ("Cancelled".into(), false);
    }
    let ended = a.next_start(now).is_none();
    match (&a.rsvp, ended) {
        (Some(Rsvp::Attending), _) => ("Said they will be there".into(), false),
        (Some(Rsvp::NeedsChange(r)), _) => (format!("Needs a change: {r}"), true),
        (None, true) => ("No answer, and the time has passed: missed?".into(), true),
        (None, false) => ("No answer yet".into(), true),
    }
}

#[component]
fn CaseAppointments(
    case: CaseOverview,
    list: Vec<Appointment>,
    reporting: Vec<(ConditionId, crate::model::reporting::Reporting)>,
    error: FormError,
) -> impl IntoView {
    let case_id = case.entry.case_id;
    let now = Timestamp::now();
    // Reporting rules on the licence appear here too, as the person sees them.
    let reporting = (!reporting.is_empty()).then(|| {
        view! {
            <section class="card">
                <h2>"Reporting, from the licence"</h2>
                <ul class="plain-list">
                    {reporting.into_iter().map(|(_, r)| view! { <li>{r.words()}</li> }).collect_view()}
                </ul>
            </section>
        }
    });
    view! {
        <p><a href=format!("/caseload/{case_id}")>{format!("Back to {}", case.entry.preferred_name)}</a></p>
        <ErrorSummary error=error.clone() />
        <h1>{format!("{}’s appointments", case.entry.preferred_name)}</h1>
        <LiveUpdates case_id=case.entry.case_id.0 rev=case.rev name=case.entry.preferred_name.clone() />
        <p>
            <a class="button button-secondary" href=format!("/caseload/{case_id}/calendar.ics") download="appointments.ics">
                "Calendar file with all appointments"
            </a>
        </p>
        {reporting}
        <ul class="caseload">
            {list
                .into_iter()
                .map(|a| {
                    let (status, attention) = answer_status(&a, now);
                    let id = a.id;
                    view! {
                        <li class="case-card" class:attention=attention id=format!("a-{id}")>
                            <h2>{format!("{}: {}", a.kind.label(), format::when(a.starts_at, now))}</h2>
                            <p>{a.place.clone()} {(a.repeat != Repeat::Never).then(|| format!(" · {} ({})", a.repeat.label(), format::count(a.repeat_count, "time", "times")))}</p>
                            <p><strong>{status}</strong></p>
                            {(!a.cancelled)
                                .then(|| {
                                    view! {
                                        <p class="actions">
                                            <a class="button button-secondary" href=format!("/caseload/{case_id}/appointments/{id}/edit")>"Change or move"</a>
                                            " "
                                            <a class="button button-secondary" href=format!("/caseload/{case_id}/appointments/{id}/cancel")>"Cancel this appointment"</a>
                                        </p>
                                    }
                                })}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
        <section class="card" aria-labelledby="new-heading">
            <h2 id="new-heading">"Set an appointment"</h2>
            <form method="post" action={post_to::<SaveAppointment>()}>
                <input type="hidden" name="case_id" value=case_id.to_string() />
                <AppointmentFields current=None error=error />
                <button type="submit" class="button">"Set appointment"</button>
            </form>
        </section>
    }
}

/// The fields of an appointment, filled from `current` or from what was typed.
#[component]
pub fn AppointmentFields(current: Option<Appointment>, error: FormError) -> impl IntoView {
    let local = current.as_ref().map(|a| a.starts_at.to_zoned(format::london()));
    let kept = |name: &str| error.as_ref().and_then(|e| e.kept(name));
    let kind = kept("kind")
        .or_else(|| current.as_ref().map(|a| a.kind.as_str().to_owned()))
        .unwrap_or_else(|| "supervision".into());
    let repeat = kept("repeat")
        .or_else(|| current.as_ref().map(|a| a.repeat.as_str().to_owned()))
        .unwrap_or_else(|| "none".into());
    let text = |f: fn(&Appointment) -> Option<String>| current.as_ref().and_then(f);
    let kind_error = error.as_ref().filter(|e| e.field() == Some("kind")).map(|e| e.to_string());
    view! {
        <fieldset class="field" id="kind">
            <legend>"What kind of appointment"</legend>
            {kind_error.map(|m| view! { <p class="error-message">{m}</p> })}
            {AppointmentKind::ALL
                .into_iter()
                .map(|k| {
                    let id = format!("kind-{}", k.as_str());
                    view! {
                        <div class="choice">
                            <input type="radio" id=id.clone() name="form[kind]" value=k.as_str() checked=kind == k.as_str() />
                            <label for=id>{k.label()}</label>
                        </div>
                    }
                })
                .collect_view()}
        </fieldset>
        <Field name="date" input_name="form[date]" label="Date" kind=InputKind::Date error=error.clone() value=local.as_ref().map(|z| z.date().to_string()) />
        <Field name="time" input_name="form[time]" label="Start time (UK time)" kind=InputKind::Time error=error.clone() value=local.as_ref().map(|z| z.time().strftime("%H:%M").to_string()) />
        <Field name="duration_min" input_name="form[duration_min]" label="How long, in minutes" kind=InputKind::Number error=error.clone() value=Some(current.as_ref().map(|a| a.duration_min.to_string()).unwrap_or_else(|| "60".into())) />
        <Field name="place" input_name="form[place]" label="Place (address)" kind=InputKind::Text error=error.clone() value=current.as_ref().map(|a| a.place.clone()) />
        <Field name="room" input_name="form[room]" label="Room (optional)" kind=InputKind::Text error=error.clone() value=text(|a| a.room.clone()) />
        <Field name="with_whom" input_name="form[with_whom]" label="With whom (optional)" kind=InputKind::Text error=error.clone() value=text(|a| a.with_whom.clone()) />
        <Field name="phone" input_name="form[phone]" label="Phone number to call (optional)" kind=InputKind::Tel error=error.clone() value=text(|a| a.phone.clone()) />
        <Field name="bring" input_name="form[bring]" label="What to bring (optional)" kind=InputKind::Text error=error.clone() value=text(|a| a.bring.clone()) />
        <Field name="notes" input_name="form[notes]" label="Notes for the person (optional)" kind=InputKind::Text error=error.clone() value=text(|a| a.notes.clone()) />
        <fieldset class="field" id="repeat">
            <legend>"Does it repeat?"</legend>
            {[Repeat::Never, Repeat::Weekly, Repeat::Fortnightly]
                .into_iter()
                .map(|r| {
                    let id = format!("repeat-{}", r.as_str());
                    view! {
                        <div class="choice">
                            <input type="radio" id=id.clone() name="form[repeat]" value=r.as_str() checked=repeat == r.as_str() />
                            <label for=id>{r.label()}</label>
                        </div>
                    }
                })
                .collect_view()}
        </fieldset>
        <Field name="repeat_count" input_name="form[repeat_count]" label="If it repeats: how many times in all" kind=InputKind::Number error=error.clone() value=current.as_ref().map(|a| a.repeat_count.to_string()) />
        <ClashReason current=current.and_then(|a| a.clash_note) error />
    }
}

/// Shown when the server found a clash (the warning names each one) or when
/// the appointment was set over one before: why it has to be then.
#[component]
fn ClashReason(current: Option<String>, error: FormError) -> impl IntoView {
    let warning = error.as_ref().filter(|e| e.field() == Some("clash_reason")).map(|e| e.to_string());
    let kept = error.as_ref().and_then(|e| e.kept("clash_reason")).filter(|k| !k.is_empty());
    (warning.is_some() || current.is_some()).then(|| {
        let invalid = warning.is_some();
        view! {
            <div class="field" class:field-error=invalid>
                {warning.map(|w| view! { <div class="warning-text" id="clash_reason-warning"><p><strong>"This clashes. "</strong>{w}</p></div> })}
                <label for="clash_reason">"Why it has to be at this time (the person sees this)"</label>
                <textarea id="clash_reason" name="form[clash_reason]" rows="3" aria-invalid=invalid.then_some("true")>
                    {kept.or(current).unwrap_or_default()}
                </textarea>
            </div>
        }
    })
}

/// The appointment in the address (`/caseload/:id/appointments/:aid/…`) with its case.
pub(crate) fn appointment_in_address() -> Resource<Result<(CaseOverview, Appointment), AppError>> {
    let id = case_param();
    let aid = use_params_map().with_untracked(|p| p.get("aid").and_then(|s| s.parse::<i64>().ok())).map(AppointmentId);
    Resource::new_blocking(
        move || (id, aid),
        |(id, aid)| async move {
            let (case, list) = get_case_appointments(id.ok_or(AppError::NotFound)?).await?;
            let a = list.into_iter().find(|a| Some(a.id) == aid).ok_or(AppError::NotFound)?;
            Ok::<_, AppError>((case, a))
        },
    )
}

#[component]
pub fn EditAppointmentPage() -> impl IntoView {
    let data = appointment_in_address();
    let error = last_error::<SaveAppointment>();
    view! {
        <Page title="Change an appointment">
            <Suspense fallback=|| view! { <p>"Loading…"</p> }>
                {move || {
                    let error = error.clone();
                    Suspend::new(async move {
                        match data.await {
                            Ok((case, a)) => {
                                let case_id = case.entry.case_id;
                                view! {
                                    <p><a href=format!("/caseload/{case_id}/appointments")>"Back to appointments"</a></p>
                                    <ErrorSummary error=error.clone() />
                                    <h1>"Change or move an appointment"</h1>
                                    <p>"If you change the time, place, room or kind, the person is told what it was and asked to answer again."</p>
                                    <form method="post" action={post_to::<SaveAppointment>()}>
                                        <input type="hidden" name="case_id" value=case_id.to_string() />
                                        <input type="hidden" name="appointment_id" value=a.id.to_string() />
                                        <AppointmentFields current=Some(a) error=error />
                                        <button type="submit" class="button">"Save the change"</button>
                                    </form>
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
