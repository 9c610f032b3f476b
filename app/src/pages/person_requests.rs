//! "Ask your probation officer" (issue 12.4): permission or a change — to
//! travel, new curfew or reporting times, contact, a new address — with the
//! dates and why, and the written answers. Works with no signal (the form
//! goes into the phone's outbox). Each answer is also a letter on their licence.

use crate::api::requests::{get_person_requests, SendRequest};
use crate::components::post_to;
use crate::components::{Choices, ErrorNotice, ErrorSummary, Field, FormError, InputKind, Page};
use crate::format;
use crate::model::request::*;
use crate::pages::last_error;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn PersonRequestsPage() -> impl IntoView {
    let data = Resource::new_blocking(|| (), |_| get_person_requests());
    let sent = use_query_map().with_untracked(|q| q.get("sent").is_some());
    view! {
        <Page title="Ask your probation officer">
            <p><a href="/me">"Back to your home"</a></p>
            {sent.then(|| view! { <p class="banner" role="status">"Sent. Your probation officer will answer in writing. You will see the answer here and in your letters."</p> })}
            <h1>"Ask your probation officer"</h1>
            <p class="lead">"Ask for permission or a change, like a trip away, new curfew times for a job, or a new address. Your officer answers in writing, with the reasons."</p>
            <Suspense fallback=|| view! { <p>"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(list) => view! {
                            <RequestForm error={last_error::<SendRequest>()} />
                            <Requests list />
                        }
                        .into_any(),
                        Err(error) => view! { <ErrorNotice error sign_in="/sign-in" /> }.into_any(),
                    }
                })}
            </Suspense>
        </Page>
    }
}

#[component]
fn RequestForm(error: FormError) -> impl IntoView {
    let kept = |name: &str| error.as_ref().and_then(|e| e.kept(name)).unwrap_or_default();
    let message = |field: &str| error.as_ref().filter(|e| e.field() == Some(field)).map(|e| e.to_string());
    let kind = kept("kind");
    let kind_error = message("kind");
    let why_error = message("why");
    let why_invalid = why_error.is_some();
    view! {
        <section class="card" aria-labelledby="ask-heading">
            <h2 id="ask-heading">"Ask for something"</h2>
            <ErrorSummary error=error.clone() />
            <form method="post" action={post_to::<SendRequest>()}>
                <Choices
                    id="kind"
                    name="form[kind]"
                    legend="What would you like?"
                    options=RequestKind::ALL.into_iter().map(|k| (k.as_str().to_owned(), k.label())).collect()
                    checked=kind
                    error=kind_error
                />
                <Field name="first_day" input_name="form[first_day]" label="From which day? (if it has a date)" kind=InputKind::Date error=error.clone() />
                <Field name="last_day" input_name="form[last_day]" label="Until which day? (if it is more than one day)" kind=InputKind::Date error=error.clone() />
                <Field name="place" input_name="form[place]" label="Where? (if it is about a place)" hint="For example: Leeds, or the new address." kind=InputKind::Text error=error.clone() />
                <div class="field" class:field-error=why_invalid>
                    <label for="why">"What are you asking for, and why?"</label>
                    <p class="hint" id="why-hint">"For example: My daughter is getting married in Leeds. I would like to stay two nights."</p>
                    {why_error.map(|m| view! { <p class="error-message">{m}</p> })}
                    <textarea id="why" name="form[why]" rows="4" aria-describedby="why-hint">{kept("why")}</textarea>
                </div>
                <button type="submit" class="button">"Send my request"</button>
            </form>
        </section>
    }
}

/// What they asked, newest first, with each answer.
#[component]
fn Requests(list: Vec<Request>) -> impl IntoView {
    let now = jiff::Timestamp::now();
    let latest = list.first().map(|r| format!("Your last request was {}.", format::stamp(r.made_at, now)));
    view! {
        <section class="card" aria-labelledby="requests-heading" id="requests" data-sync-target="requests">
            <h2 id="requests-heading">"Your requests"</h2>
            <p><span data-sync-state="">{latest.unwrap_or_else(|| "You have not asked for anything yet.".into())}</span></p>
            <ul class="plain-list">
                {list.into_iter().map(|r| view! { <RequestLine r now /> }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn RequestLine(r: Request, now: jiff::Timestamp) -> impl IntoView {
    view! {
        <li id=format!("request-{}", r.id)>
            <h3>{r.said.summary()}</h3>
            <p>{format!("You asked {}: {}", format::stamp(r.made_at, now), r.said.why)}</p>
            {match r.answer {
                Some(a) => view! {
                    <p><strong>{format!("{} answered: {}.", a.by, a.decision.words())}</strong></p>
                    {a.text.map(|t| view! { <p>{t}</p> })}
                }
                .into_any(),
                None => view! { <p class="muted">{format!("Not answered yet. {}.", waiting_words(r.waited_days(now)))}</p> }.into_any(),
            }}
        </li>
    }
}
