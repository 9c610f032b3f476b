//! The person's appointments: the next one first, then what is coming and what
//! has passed, with directions, a call button, a calendar file and an answer.

use crate::api::plan::{get_person_appointments, get_person_reporting, AnswerAppointment};
use crate::components::post_to;
use crate::components::{Call, ErrorNotice, FormError, Page};
use crate::format;
use crate::model::reporting::Reporting;
use crate::model::*;
use jiff::Timestamp;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn PersonAppointmentsPage() -> impl IntoView {
    let data = Resource::new_blocking(
        || (),
        |_| async {
            Ok::<_, crate::error::AppError>((get_person_appointments().await?, get_person_reporting().await?))
        },
    );
    let answered = use_query_map().with_untracked(|q| q.get("answered").is_some());
    view! {
        <Page title="Your appointments">
            <Suspense fallback=|| view! { <p>"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok((list, reporting)) => view! { <Appointments list reporting answered /> }.into_any(),
                        Err(error) => view! { <ErrorNotice error sign_in="/sign-in" /> }.into_any(),
                    }
                })}
            </Suspense>
        </Page>
    }
}

#[component]
fn Appointments(list: Vec<Appointment>, reporting: Vec<(ConditionId, Reporting)>, answered: bool) -> impl IntoView {
    let now = Timestamp::now();
    let error = super::last_error::<AnswerAppointment>();
    let mut upcoming: Vec<(Timestamp, Appointment)> =
        list.iter().filter(|a| !a.cancelled).filter_map(|a| a.next_start(now).map(|s| (s, a.clone()))).collect();
    upcoming.sort_by_key(|(s, _)| *s);
    let cancelled: Vec<Appointment> = list
        .iter()
        .filter(|a| a.cancelled && a.starts_at > now - jiff::SignedDuration::from_hours(24 * 7))
        .cloned()
        .collect();
    let past: Vec<Appointment> = list.iter().filter(|a| !a.cancelled && a.next_start(now).is_none()).cloned().collect();
    view! {
        <p><a href="/me">"Back to your home"</a></p>
        {answered.then(|| view! { <p class="banner" role="status">"Thank you. Your probation officer will see your answer."</p> })}
        <h1>"Your appointments"</h1>
        {cancelled
            .into_iter()
            .map(|a| {
                view! {
                    <div class="changed" role="note">
                        <p>
                            <strong>{format!("Cancelled: {} on {}.", a.kind.label(), format::when(a.starts_at, now))}</strong>
                            " You do not need to go."
                        </p>
                        {a.cancel_reason.map(|r| view! { <p>{format!("Why: {r}")}</p> })}
                    </div>
                }
            })
            .collect_view()}
        {if upcoming.is_empty() {
            view! { <p>"You have no appointments coming up."</p> }.into_any()
        } else {
            upcoming
                .into_iter()
                .enumerate()
                .map(|(i, (start, a))| view! { <AppointmentCard a start first=i == 0 error=error.clone() /> })
                .collect_view()
                .into_any()
        }}
        <ReportingTimes reporting />
        {(!past.is_empty())
            .then(|| {
                view! {
                    <h2>"Past appointments"</h2>
                    <ul class="plain-list">
                        {past
                            .into_iter()
                            .map(|a| view! { <li>{format!("{}: {}", format::when(a.starts_at, now), a.kind.label())}</li> })
                            .collect_view()}
                    </ul>
                }
            })}
    }
}

#[component]
fn AppointmentCard(a: Appointment, start: Timestamp, first: bool, error: FormError) -> impl IntoView {
    let now = Timestamp::now();
    let id = a.id;
    let error = error.filter(|e| e.kept("appointment_id") == Some(id.to_string()));
    let reason_error = error.as_ref().filter(|e| e.field() == Some("reason")).map(|e| e.to_string());
    let has_error = reason_error.is_some();
    let place = a.where_text();
    let changed = a.change_notice();
    let map = format::map_link(&a.place);
    let answer = match &a.rsvp {
        Some(Rsvp::Attending) => "You said you will be there.".to_string(),
        Some(Rsvp::NeedsChange(r)) => format!("You asked to change this: {r}"),
        None => "Please say if you can come.".to_string(),
    };
    view! {
        <section class="card" id=format!("a-{id}") data-sync-target=format!("appointment-{id}") aria-labelledby=format!("a-{id}-h")>
            <h2 id=format!("a-{id}-h")>{if first { "Next: " } else { "" }} {a.kind.label()}</h2>
            {a.moved_from
                .map(|from| {
                    view! {
                        <p class="changed">
                            <strong>"This has moved. "</strong>
                            {format!("It was {}. Now it is {}.", format::when(from, now), format::when(a.starts_at, now))}
                        </p>
                    }
                })}
            {changed.map(|text| view! { <p class="changed">{text}</p> })}
            {a.clash_note.clone().map(|why| view! {
                <p class="changed">
                    <strong>"Your probation officer knows this clashes with something else you have on. "</strong>
                    {format!("Why it has to be then: {why}")}
                </p>
            })}
            <p class="when">{format::when(start, now)}</p>
            <dl class="facts">
                <dt>"Where"</dt>
                <dd>{place}</dd>
                <dt>"How long"</dt>
                <dd>{format::minutes(a.duration_min)}</dd>
                {a.with_whom.clone().map(|w| view! { <dt>"With"</dt> <dd>{w}</dd> })}
                {a.bring.clone().map(|b| view! { <dt>"Bring"</dt> <dd>{b}</dd> })}
                {(a.repeat != Repeat::Never).then(|| view! { <dt>"How often"</dt> <dd>{a.repeat.label()}</dd> })}
            </dl>
            <p class="actions">
                <a class="button button-secondary" href=map rel="noopener">"Directions"</a>
                {a.phone.clone().map(|p| view! { <Call number=p label="Call" /> })}
                <a class="button button-secondary" href=format!("/me/appointments/{id}/calendar.ics") download="appointment.ics">"Add to my calendar"</a>
            </p>
            <p class=if a.rsvp.is_some() { "banner" } else { "answer-state" } data-sync-state="">{answer}</p>
            <div class="answers">
                <form method="post" action={post_to::<AnswerAppointment>()}>
                    <input type="hidden" name="appointment_id" value=id.to_string() />
                    <input type="hidden" name="answer" value="attending" />
                    <button type="submit" class="button">"I’ll be there"</button>
                </form>
                <details class="ask" open=has_error>
                    <summary class="button button-secondary">"I need to change this"</summary>
                    <form method="post" action={post_to::<AnswerAppointment>()}>
                        <input type="hidden" name="appointment_id" value=id.to_string() />
                        <input type="hidden" name="answer" value="change" />
                        <div class="field" class:field-error=has_error>
                            <label for=format!("r-{id}")>"Why do you need a change?"</label>
                            {reason_error.map(|m| view! { <p class="error-message">{m}</p> })}
                            <textarea id=format!("r-{id}") name="reason" rows="3">
                                {error.as_ref().and_then(|e| e.kept("reason")).unwrap_or_default()}
                            </textarea>
                        </div>
                        <button type="submit" class="button">"Send"</button>
                    </form>
                </details>
            </div>
        </section>
    }
}

/// Reporting rules on the licence, shown like appointments: where, when, the
/// next times, and a calendar file so the phone itself reminds the person.
#[component]
pub fn ReportingTimes(reporting: Vec<(ConditionId, Reporting)>) -> impl IntoView {
    let now = Timestamp::now();
    (!reporting.is_empty()).then(|| {
        view! {
            <h2>"Reporting, a rule on your licence"</h2>
            {reporting
                .into_iter()
                .map(|(id, r)| {
                    let next = r.next(now, 3);
                    let counted = !next.is_empty();
                    let map = format::map_link(&r.place);
                    view! {
                        <section class="card" aria-labelledby=format!("r-{id}-h")>
                            <h3 id=format!("r-{id}-h")>{format!("Report to {}", r.place)}</h3>
                            <p>{r.words()}</p>
                            {counted
                                .then(|| {
                                    view! {
                                        <p>"The next times:"</p>
                                        <ul class="plain-list">
                                            {next.into_iter().map(|t| view! { <li class="when">{format::when(t, now)}</li> }).collect_view()}
                                        </ul>
                                    }
                                })}
                            <p class="actions">
                                <a class="button button-secondary" href=map rel="noopener">"Directions"</a>
                                {counted
                                    .then(|| {
                                        view! {
                                            <a class="button button-secondary" href=format!("/me/licence/{id}/calendar.ics") download="reporting.ics">
                                                "Add to my calendar"
                                            </a>
                                        }
                                    })}
                            </p>
                        </section>
                    }
                })
                .collect_view()}
        }
    })
}
