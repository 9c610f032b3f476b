//! "How are things?" (issue 12.6): between appointments the person says how
//! they are, what would help, and whether they would like to be contacted
//! first. Works with no signal (the form goes into the phone's outbox). It is
//! not an emergency service, and the page says so before anything else: the
//! helplines are on it from the start, and a low mood brings them next to the
//! choice at once (CSS, so with no signal and no app too).

use crate::api::check_in::{get_person_check_ins, SendCheckIn};
use crate::components::post_to;
use crate::components::{Call, Choices, ErrorNotice, ErrorSummary, FormError, Page};
use crate::format;
use crate::model::check_in::*;
use crate::pages::last_error;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn PersonCheckInPage() -> impl IntoView {
    let data = Resource::new_blocking(|| (), |_| get_person_check_ins());
    let sent = use_query_map().with_untracked(|q| q.get("sent"));
    view! {
        <Page title="How are things?">
            <p><a href="/me">"Back to your home"</a></p>
            {sent.as_deref().map(sent_words).map(|w| view! { <p class="banner" role="status">{w}</p> })}
            <h1>"How are things?"</h1>
            <p class="lead">"Tell your probation officer how you are between appointments. It only takes a minute."</p>
            <HelpNow first=sent.as_deref() == Some("low") />
            <Suspense fallback=|| view! { <p>"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(list) => view! {
                            <CheckInForm error={last_error::<SendCheckIn>()} />
                            <History list />
                        }
                        .into_any(),
                        Err(error) => view! { <ErrorNotice error sign_in="/sign-in" /> }.into_any(),
                    }
                })}
            </Suspense>
        </Page>
    }
}

fn sent_words(sent: &str) -> &'static str {
    match sent {
        "low" => "Thank you for telling us. You do not have to wait for your officer: the numbers below are free, day or night.",
        _ => "Thank you. Your probation officer will see it.",
    }
}

/// Not an emergency service: where to turn now, with one tap to call.
#[component]
fn HelpNow(first: bool) -> impl IntoView {
    view! {
        <section class="card help-now" class:attention=first aria-labelledby="help-now-heading">
            <h2 id="help-now-heading">"If you need help now"</h2>
            <p>"This is not an emergency service. Your probation officer may not see it straight away."</p>
            <ul class="plain-list">
                <li>"Samaritans: someone to talk to, free, day or night. " <Call number="116 123" label="Call 116 123" /></li>
                <li>"NHS 111: choose option 2 for help with your mental health. " <Call number="111" label="Call 111" /></li>
                <li>"In danger now? " <a href="tel:999">"Call 999"</a> "."</li>
            </ul>
        </section>
    }
}

#[component]
fn CheckInForm(error: FormError) -> impl IntoView {
    let kept = |name: &str| error.as_ref().and_then(|e| e.kept(name));
    let needs_kept = error.as_ref().map(|e| e.kept_all("need")).unwrap_or_default();
    let mood_kept = kept("mood").unwrap_or_default();
    let contact_kept = kept("contact_me").is_some();
    let note_kept = kept("note").unwrap_or_default();
    let message = |field: &str| error.as_ref().filter(|e| e.field() == Some(field)).map(|e| e.to_string());
    let (mood_error, note_error) = (message("mood"), message("note"));
    let note_invalid = note_error.is_some();
    view! {
        <section class="card" aria-labelledby="check-in-heading">
            <h2 id="check-in-heading">"Check in"</h2>
            <ErrorSummary error=error.clone() />
            <form method="post" action={post_to::<SendCheckIn>()} class="check-in-form">
                <Choices
                    id="mood"
                    name="form[mood]"
                    legend="How are things for you?"
                    options=Mood::ALL.into_iter().map(|m| (m.score().to_string(), m.label())).collect()
                    checked=mood_kept
                    error=mood_error
                />
                // Shown by the stylesheet as soon as a low mood is picked.
                <div class="low-mood-help" role="note">
                    <p>
                        <strong>"You do not have to wait. "</strong>
                        "Samaritans: " <a href="tel:116123">"116 123"</a> ", free, day or night. "
                        "NHS 111: call " <a href="tel:111">"111"</a> " and choose option 2."
                    </p>
                </div>
                <fieldset class="field">
                    <legend>"What would help? (optional)"</legend>
                    <p class="hint">"Tick all that apply."</p>
                    {Need::ALL
                        .into_iter()
                        .map(|n| {
                            let id = format!("need-{}", n.as_str().replace('_', "-"));
                            let on = needs_kept.iter().any(|k| k == n.as_str());
                            view! {
                                <div class="choice">
                                    <input type="checkbox" id=id.clone() name=format!("form[need_{}]", n.as_str()) value="on" checked=on />
                                    <label for=id>{n.label()}</label>
                                </div>
                            }
                        })
                        .collect_view()}
                </fieldset>
                <div class="field">
                    <div class="choice">
                        <input type="checkbox" id="contact-me" name="form[contact_me]" value="on" checked=contact_kept />
                        <label for="contact-me">"Please contact me before my next appointment"</label>
                    </div>
                </div>
                <div class="field" class:field-error=note_invalid>
                    <label for="note">"Anything else you want to say? (optional)"</label>
                    {note_error.map(|m| view! { <p class="error-message">{m}</p> })}
                    <textarea id="note" name="form[note]" rows="3">{note_kept}</textarea>
                </div>
                <button type="submit" class="button">"Send to my probation officer"</button>
            </form>
        </section>
    }
}

/// Their check-ins, newest first, each with whether their officer has seen it.
#[component]
fn History(list: Vec<CheckIn>) -> impl IntoView {
    let now = jiff::Timestamp::now();
    let latest = list.first().map(|c| format!("Your last check-in was {}.", format::stamp(c.made_at, now)));
    view! {
        <section class="card" aria-labelledby="history-heading" id="check-ins" data-sync-target="check-ins">
            <h2 id="history-heading">"Your check-ins"</h2>
            <p><span data-sync-state="">{latest.unwrap_or_else(|| "You have not checked in yet.".into())}</span></p>
            <ul class="plain-list">
                {list
                    .into_iter()
                    .map(|c| {
                        let seen = match &c.seen {
                            Some(s) => format!("{} has seen it.", s.by),
                            None => "Not seen yet.".to_owned(),
                        };
                        view! {
                            <li>
                                <strong>{format!("{}: ", format::stamp(c.made_at, now))}</strong>
                                {format!("{}.", c.said.mood.label())}
                                {c.needs_words().map(|w| format!(" Help with: {w}."))}
                                {c.said.contact_me.then_some(" You asked to be contacted.")}
                                " "
                                <span class="muted">{seen}</span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}
