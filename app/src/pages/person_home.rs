//! The person's home: next appointment, licence conditions understood, steps done.

use crate::api::auth::SignOut;
use crate::api::person::get_person_home;
use crate::components::post_to;
use crate::components::{ErrorNotice, Page, WeekPicture};
use crate::format;
use crate::model::{AppointmentSummary, PersonHome, TrackProgress};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn PersonHomePage() -> impl IntoView {
    let home = Resource::new_blocking(
        || (),
        |_| async {
            let reporting = crate::api::plan::get_person_reporting().await?;
            Ok::<_, crate::error::AppError>((get_person_home().await?, reporting))
        },
    );
    let welcome = use_query_map().with_untracked(|q| q.get("welcome").is_some());
    view! {
        <Page title="Your Waymark">
            <Suspense fallback=|| view! { <p>"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match home.await {
                        Ok((home, reporting)) => view! { <Home home reporting welcome /> }.into_any(),
                        Err(error) => view! { <ErrorNotice error sign_in="/sign-in" /> }.into_any(),
                    }
                })}
            </Suspense>
        </Page>
    }
}

#[component]
fn Home(
    home: PersonHome,
    reporting: Vec<(crate::model::ConditionId, crate::model::reporting::Reporting)>,
    welcome: bool,
) -> impl IntoView {
    let now = jiff::Timestamp::now();
    // The soonest time any reporting rule asks the person to go.
    let report = reporting.iter().filter_map(|(_, r)| r.next(now, 1).first().map(|t| (*t, r.place.clone()))).min();
    let c = home.conditions.clone();
    view! {
        {welcome
            .then(|| {
                view! {
                    <div class="banner" role="status">
                        <p>
                            <strong>"You are all set. "</strong>
                            "Your Waymark number is "
                            <strong class="number">{home.waymark_number.clone()}</strong>
                            ". Write it down. You need it and your PIN to sign in again."
                        </p>
                    </div>
                }
            })}
        <h1>{format!("Hello, {}", home.preferred_name)}</h1>
        <WhatIsNew news=home.news now />
        {(!home.week.is_empty()).then(|| view! { <WeekPicture week=home.week /> })}
        <section class="card" aria-labelledby="next-heading">
            <h2 id="next-heading">"Your next appointment"</h2>
            {match home.next_appointment {
                Some(a) => view! { <Appointment a now /> }.into_any(),
                None => view! { <p>"You have no appointments coming up."</p> }.into_any(),
            }}
            {report
                .map(|(at, place)| {
                    view! {
                        <p class="appointment">
                            <strong>"Next time to report: "</strong>
                            {format!("{}, at {place}.", format::when(at, now))}
                        </p>
                    }
                })}
            <p>
                <a class="button" href="/me/appointments">"All your appointments"</a>
            </p>
        </section>
        <GoingWell list=home.going_well now />
        <CheckInCard last=home.last_check_in now />
        <section class="card" aria-labelledby="ask-heading">
            <h2 id="ask-heading">"Ask your probation officer"</h2>
            <p>"Ask for permission or a change, like a trip away or new curfew times for a job. You get the answer in writing."</p>
            <p>
                <a class="button button-secondary" href="/me/requests">"Ask for something"</a>
            </p>
        </section>
        <section class="card" aria-labelledby="licence-heading">
            <h2 id="licence-heading">"Your licence"</h2>
            <p>{format!("Your licence has {}.", format::count(c.total, "rule", "rules"))}</p>
            <p>
                <Progress done=c.understood total=c.total label="understood" />
            </p>
            {crate::model::parts::parts_words(&home.parts)
                .into_iter()
                .take(3)
                .map(|w| view! { <p>{w}</p> })
                .collect_view()}
            <p>
                <a class="button" href="/me/licence">"Read your licence"</a>
            </p>
            {(c.questions > 0)
                .then(|| {
                    let asked = format::count(c.questions, "question", "questions");
                    view! { <p>{format!("You asked {asked}. Your probation officer will answer.")}</p> }
                })}
        </section>
        <section class="card" aria-labelledby="steps-heading">
            <h2 id="steps-heading">"Your steps"</h2>
            <ul class="tracks">
                {home.tracks.into_iter().map(|t| view! { <TrackLine t /> }).collect_view()}
            </ul>
            <p>
                <a class="button" href="/me/steps">"See your steps"</a>
            </p>
        </section>
        <section class="card" aria-labelledby="share-heading">
            <h2 id="share-heading">"Family and friends"</h2>
            <p>"Let someone who helps you see your appointments, rules or steps. You choose what, and for how long."</p>
            <p>
                <a class="button button-secondary" href="/me/share">"Share with family or a friend"</a>
            </p>
        </section>
        <section class="card" aria-labelledby="about-heading">
            <h2 id="about-heading">"About you"</h2>
            <p>"Tell us how to reach you, what helps, and times you cannot do. You only need to say it once."</p>
            <p>
                <a class="button button-secondary" href="/me/about">"About you"</a>
            </p>
        </section>
        <p>
            <a href="/me/who-has-looked">"Who has looked at your information"</a>
        </p>
        <section class="card" id="officer" aria-labelledby="officer-heading">
            <h2 id="officer-heading">"Your probation officer"</h2>
            {home.new_officer.map(|m| view! { <p class="banner" role="status">{m}</p> })}
            <p>{format!("Your probation officer is {}.", home.practitioner_name)}</p>
            {home.contact.map(|c| view! {
                <p>{format!("Their office is {}, {}.", c.office_name, c.office_address)}</p>
                <p>"Email: " <a href=format!("mailto:{}", c.practitioner_email)>{c.practitioner_email.clone()}</a></p>
            })}
        </section>
        <WipePhone />
    }
}

/// First on the home: what is new for the person, each a link to its own card.
#[component]
fn WhatIsNew(news: Vec<crate::model::news::News>, now: jiff::Timestamp) -> impl IntoView {
    view! {
        <section class="card news" aria-labelledby="news-heading">
            <h2 id="news-heading">"What is new"</h2>
            {if news.is_empty() {
                view! { <p>"Nothing new for you right now."</p> }.into_any()
            } else {
                view! {
                    <ul class="plain-list news-list">
                        {news
                            .into_iter()
                            .map(|n| {
                                view! {
                                    <li>
                                        <strong>{format!("{}: ", n.label())}</strong>
                                        <a href=n.href()>{n.link_text(now)}</a>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                .into_any()
            }}
        </section>
    }
}

/// For a shared or lost phone: sign out and leave nothing of the case behind.
#[component]
fn WipePhone() -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="phone-heading">
            <h2 id="phone-heading">"If this phone is not only yours"</h2>
            <p>
                "Waymark keeps your pages on this phone so they open with no signal. "
                "If someone else uses this phone, you can remove them."
            </p>
            <form method="post" action={post_to::<SignOut>()} data-wipe="">
                <input type="hidden" name="wipe" value="1" />
                <button type="submit" class="button button-warning">"Sign out and wipe this phone"</button>
            </form>
        </section>
    }
}

#[component]
fn Appointment(a: AppointmentSummary, now: jiff::Timestamp) -> impl IntoView {
    view! {
        <p class="appointment">
            <strong class="when">{format::when(a.starts_at, now)}</strong>
            <br />
            {a.kind.label()}
            " at "
            {a.place}
            {a.with_whom.map(|w| format!(", with {w}"))}
        </p>
    }
}

#[component]
fn TrackLine(t: TrackProgress) -> impl IntoView {
    view! {
        <li>
            <span class="track-name">{t.track.label()}</span>
            <Progress done=t.done total=t.total label="done" />
            {(t.stuck > 0).then(|| view! { <span class="stuck">{format!(" ({} stuck)", t.stuck)}</span> })}
        </li>
    }
}

/// "2 of 5 done" with a bar; the words carry the meaning, the bar is decoration.
/// The bar is one part per item, filled for those done: no inline style, which
/// the Content-Security-Policy does not allow.
#[component]
pub fn Progress(done: u32, total: u32, label: &'static str) -> impl IntoView {
    view! {
        <span class="progress">
            <span class="progress-text">{format!("{done} of {total} {label}")}</span>
            <span class="progress-bar" aria-hidden="true">
                {(0..total).map(|i| view! { <span class="progress-part" class:done=i < done></span> }).collect_view()}
            </span>
        </span>
    }
}

/// "How are things?": the way to check in, and what became of the last one.
#[component]
fn CheckInCard(last: Option<crate::model::check_in::CheckIn>, now: jiff::Timestamp) -> impl IntoView {
    let last = last.map(|c| {
        let seen = match c.seen {
            Some(s) => format!("{} has seen it.", s.by),
            None => "Your probation officer has not seen it yet.".to_owned(),
        };
        format!("Your last check-in was {}. {seen}", format::stamp(c.made_at, now))
    });
    view! {
        <section class="card" aria-labelledby="check-in-heading">
            <h2 id="check-in-heading">"How are things?"</h2>
            <p>"Tell your probation officer how you are between appointments, and if you would like them to contact you."</p>
            {last.map(|w| view! { <p>{w}</p> })}
            <p>
                <a class="button button-secondary" href="/me/check-in">"Check in"</a>
            </p>
        </section>
    }
}

/// "What is going well": the latest good things, with any "well done".
#[component]
fn GoingWell(list: Vec<crate::model::progress::Achievement>, now: jiff::Timestamp) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="going-well-heading">
            <h2 id="going-well-heading">"What is going well"</h2>
            {if list.is_empty() {
                view! { <p>"Add the things that go well, and set goals in small steps."</p> }.into_any()
            } else {
                view! {
                    <ul class="plain-list">
                        {list.into_iter().map(|a| view! { <crate::pages::person_progress::GoodThing a now /> }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
            <p>
                <a class="button button-secondary" href="/me/progress">"Your goals and what is going well"</a>
            </p>
        </section>
    }
}
