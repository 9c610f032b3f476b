//! "About you" (issue 12.1): the person says once how to reach them, what
//! helps in a meeting, the times they cannot do and what they are working on;
//! every officer who has their case sees it. Works with no signal: each form
//! goes into the phone's outbox (`offline`).

use crate::api::about::{get_person_about, AddBusyTime, AnswerSuggestion, RemoveBusyTime, SaveAboutMe};
use crate::components::post_to;
use crate::components::{ErrorNotice, ErrorSummary, FormError, Page};
use crate::format;
use crate::model::about::*;
use crate::pages::last_error;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn PersonAboutPage() -> impl IntoView {
    let data = Resource::new_blocking(|| (), |_| get_person_about());
    let saved = use_query_map().with_untracked(|q| q.get("saved"));
    view! {
        <Page title="About you">
            <p><a href="/me">"Back to your home"</a></p>
            {saved.and_then(|s| saved_words(&s)).map(|w| view! { <p class="banner" role="status">{w}</p> })}
            <h1>"About you"</h1>
            <p class="lead">"Tell us what helps you. Every officer who works with you sees it, so you only need to say it once."</p>
            <Suspense fallback=|| view! { <p>"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(about) => view! { <About about /> }.into_any(),
                        Err(error) => view! { <ErrorNotice error sign_in="/sign-in" /> }.into_any(),
                    }
                })}
            </Suspense>
        </Page>
    }
}

fn saved_words(saved: &str) -> Option<&'static str> {
    Some(match saved {
        "about" => "Saved. Your probation officer can see it.",
        "busy" => "Added. Your probation officer will see it before they set a time.",
        "removed" => "Taken off your list.",
        "added" => "Added to the times you cannot do.",
        "declined" => "You said no. It was not added.",
        _ => return None,
    })
}

#[component]
fn About(about: AboutMe) -> impl IntoView {
    let open: Vec<Suggestion> = about.open_suggestions().cloned().collect();
    view! {
        {(!open.is_empty()).then(|| view! {
            <section class="card" aria-labelledby="suggested-heading">
                <h2 id="suggested-heading">"Your probation officer suggests"</h2>
                {open.into_iter().map(|s| view! { <SuggestionCard s /> }).collect_view()}
            </section>
        })}
        <PrefsForm prefs=about.prefs updated_at=about.updated_at error={last_error::<SaveAboutMe>()} />
        <BusyList busy=about.busy error={last_error::<AddBusyTime>()} />
    }
}

#[component]
fn SuggestionCard(s: Suggestion) -> impl IntoView {
    let id = s.id;
    let answer = |value: &'static str, label: &'static str, class: &'static str| {
        view! {
            <form method="post" action={post_to::<AnswerSuggestion>()}>
                <input type="hidden" name="suggestion_id" value=id.to_string() />
                <input type="hidden" name="answer" value=value />
                <button type="submit" class=class>{label}</button>
            </form>
        }
    };
    view! {
        <div class="condition-body" id=format!("suggestion-{id}") data-sync-target=format!("suggestion-{id}")>
            <p>
                <strong>{format!("{} asks if they should add: ", s.by)}</strong>
                {s.busy.words()}
                <span class="tag" data-sync-state="">"Not answered yet"</span>
            </p>
            {s.note.map(|n| view! { <p>{format!("{} says: {n}", s.by)}</p> })}
            <div class="answers">
                {answer("accept", "Yes, add it", "button")}
                {answer("decline", "No, do not add it", "button button-secondary")}
            </div>
        </div>
    }
}

#[component]
fn PrefsForm(prefs: Prefs, updated_at: Option<jiff::Timestamp>, error: FormError) -> impl IntoView {
    let kept_working_on = error.as_ref().and_then(|e| e.kept("working_on"));
    let message = error.as_ref().filter(|e| e.field() == Some("working_on")).map(|e| e.to_string());
    let invalid = message.is_some();
    let now = jiff::Timestamp::now();
    let tick = |key: String, label: &'static str, on: bool| {
        let id = key.replace('_', "-");
        view! {
            <div class="choice">
                <input type="checkbox" id=id.clone() name=format!("form[{key}]") value="on" checked=on />
                <label for=id>{label}</label>
            </div>
        }
    };
    view! {
        <section class="card" aria-labelledby="prefs-heading" data-sync-target="about-me">
            <h2 id="prefs-heading">"How to reach you, and what helps"</h2>
            <ErrorSummary error=error.clone() />
            <p class="muted">
                <span data-sync-state="">
                    {updated_at.map(|at| format!("Last changed {}.", format::stamp(at, now))).unwrap_or_else(|| "Nothing saved yet.".into())}
                </span>
            </p>
            <form method="post" action={post_to::<SaveAboutMe>()}>
                <fieldset class="field">
                    <legend>"How should we contact you and remind you?"</legend>
                    <p class="hint">"Tick all that suit you."</p>
                    {Reach::ALL
                        .into_iter()
                        .map(|r| tick(format!("reach_{}", r.as_str()), r.label(), prefs.reach.contains(&r)))
                        .collect_view()}
                </fieldset>
                <fieldset class="field">
                    <legend>"What helps you in a meeting?"</legend>
                    {Help::ALL
                        .into_iter()
                        .map(|h| tick(format!("help_{}", h.as_str()), h.label(), prefs.helps.contains(&h)))
                        .collect_view()}
                </fieldset>
                <div class="field" class:field-error=invalid>
                    <label for="working_on">"What are you working on?"</label>
                    <p class="hint" id="working_on-hint">"For example: getting a job, seeing my children, staying well."</p>
                    {message.map(|m| view! { <p class="error-message">{m}</p> })}
                    <textarea id="working_on" name="form[working_on]" rows="3" aria-describedby="working_on-hint">
                        {kept_working_on.or(prefs.working_on).unwrap_or_default()}
                    </textarea>
                </div>
                <button type="submit" class="button">"Save"</button>
            </form>
        </section>
    }
}

#[component]
fn BusyList(busy: Vec<BusyTime>, error: FormError) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="busy-heading" id="busy">
            <h2 id="busy-heading">"Times you cannot do"</h2>
            <p>"For example prayers, work shifts, looking after children or treatment. Your probation officer is told before they set an appointment at one of these times."</p>
            {if busy.is_empty() {
                view! { <p>"You have not added any yet."</p> }.into_any()
            } else {
                view! {
                    <ul class="plain-list">
                        {busy
                            .into_iter()
                            .map(|b| {
                                let id = b.id;
                                view! {
                                    <li data-sync-target=format!("busy-{id}")>
                                        <span data-sync-state="">{b.busy.words()}</span>
                                        <form method="post" action={post_to::<RemoveBusyTime>()} class="inline-form">
                                            <input type="hidden" name="busy_id" value=id.to_string() />
                                            <button type="submit" class="button button-secondary">
                                                {format!("Take away: {}", b.busy.what())}
                                            </button>
                                        </form>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                .into_any()
            }}
            <h3>"Add a time you cannot do"</h3>
            <ErrorSummary error=error.clone() />
            <form method="post" action={post_to::<AddBusyTime>()}>
                <BusyFields error />
                <button type="submit" class="button">"Add this time"</button>
            </form>
        </section>
    }
}

/// The fields of a busy time, refilled from what was typed. Shared with the
/// practitioner's "suggest a time" form. `form[…]` names as `BusyForm` reads them.
#[component]
pub fn BusyFields(error: FormError) -> impl IntoView {
    let kept = |name: &str| error.as_ref().and_then(|e| e.kept(name)).unwrap_or_default();
    let message = |field: &str| error.as_ref().filter(|e| e.field() == Some(field)).map(|e| e.to_string());
    let (kind, how_often, day) = (kept("busy_kind"), kept("how_often"), kept("day"));
    let radio = |group: &'static str, key: &'static str, label: &'static str, on: bool| {
        let id = format!("{group}-{key}");
        view! {
            <div class="choice">
                <input type="radio" id=id.clone() name=format!("form[{group}]") value=key checked=on />
                <label for=id>{label}</label>
            </div>
        }
    };
    let text_field = move |id: &'static str,
                           name: &'static str,
                           label: &'static str,
                           type_: &'static str,
                           hint: Option<&'static str>| {
        let message = message(id);
        let invalid = message.is_some();
        let hint_id = format!("{id}-hint");
        view! {
            <div class="field" class:field-error=invalid>
                <label for=id>{label}</label>
                {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{h}</p> })}
                {message.map(|m| view! { <p class="error-message">{m}</p> })}
                <input
                    id=id
                    name=format!("form[{name}]")
                    type=type_
                    value=kept(id)
                    aria-invalid=invalid.then_some("true")
                    aria-describedby=hint.map(|_| hint_id.clone())
                    autocomplete="off"
                />
            </div>
        }
    };
    let kind_error = message("busy_kind");
    let how_error = message("how_often");
    let day_error = message("day");
    view! {
        <fieldset class="field" id="busy_kind" class:field-error=kind_error.is_some()>
            <legend>"What is it for?"</legend>
            {kind_error.clone().map(|m| view! { <p class="error-message">{m}</p> })}
            {BusyKind::ALL.into_iter().map(|k| radio("kind", k.as_str(), k.label(), kind == k.as_str())).collect_view()}
        </fieldset>
        {text_field("busy_name", "name", "What do you call it? (optional)", "text", Some("For example: Friday prayers, or early shift."))}
        <fieldset class="field" id="how_often" class:field-error=how_error.is_some()>
            <legend>"How often?"</legend>
            {how_error.clone().map(|m| view! { <p class="error-message">{m}</p> })}
            {radio("how_often", "weekly", "Every week", how_often == "weekly")}
            {radio("how_often", "once", "Just once, on a date", how_often == "once")}
        </fieldset>
        <div class="field" class:field-error=day_error.is_some()>
            <label for="day">"If every week: which day?"</label>
            {day_error.clone().map(|m| view! { <p class="error-message">{m}</p> })}
            <select id="day" name="form[day]">
                <option value="" selected=day.is_empty()>"Choose a day"</option>
                {days().map(|(_, key, name)| view! { <option value=key selected=day == key>{name}</option> }).collect_view()}
            </select>
        </div>
        {text_field("busy_date", "date", "If just once: the date", "date", None)}
        {text_field("from", "from", "From (UK time)", "time", None)}
        {text_field("to", "to", "To (UK time)", "time", Some("If it goes past midnight, like a night shift, put the time it ends the next morning."))}
    }
}
