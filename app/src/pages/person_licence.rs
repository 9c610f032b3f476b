//! The person's licence: each condition in plain words, grouped the way a
//! person thinks, with their officer's explanation, the exact words, and
//! "I understand" / "I have a question".

use super::last_error;
use crate::api::licence::{get_person_licence, AnswerCondition, ReadLetter};
use crate::components::post_to;
use crate::components::{ConditionMapView, ErrorNotice, ErrorSummary, Page};
use crate::format;
use crate::islands::ReadAloud;
use crate::model::parts;
use crate::model::*;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn PersonLicencePage() -> impl IntoView {
    let licence = Resource::new_blocking(|| (), |_| get_person_licence());
    let answered = use_query_map().with_untracked(|q| q.get("answered"));
    view! {
        <Page title="Your licence">
            <Suspense fallback=|| view! { <p>"Loading…"</p> }>
                {move || {
                    let answered = answered.clone();
                    Suspend::new(async move {
                        match licence.await {
                            Ok(licence) => view! { <Licence licence answered /> }.into_any(),
                            Err(error) => view! { <ErrorNotice error sign_in="/sign-in" /> }.into_any(),
                        }
                    })
                }}
            </Suspense>
        </Page>
    }
}

#[component]
fn Licence(licence: PersonLicence, answered: Option<String>) -> impl IntoView {
    let error = last_error::<AnswerCondition>();
    let total = licence.conditions.len();
    let understood = licence.conditions.iter().filter(|c| c.understanding == Understanding::Understood).count();
    let parts = licence.parts.clone();
    // With two parts, each rule says which it belongs to and when that part ends.
    let part_of = move |kind: LicenceKind| (parts.len() > 1).then(|| parts::part_label(kind, &parts));
    // Each rule moves into its group (no copies), the groups in their own order.
    let mut groups: Vec<(ConditionGroup, Vec<LicenceCondition>)> =
        ConditionGroup::ALL.into_iter().map(|g| (g, Vec::new())).collect();
    for c in licence.conditions {
        if let Some((_, list)) = groups.iter_mut().find(|(g, _)| *g == c.group) {
            list.push(c);
        }
    }
    groups.retain(|(_, list)| !list.is_empty());
    view! {
        <p>
            <a href="/me">"Back to your home"</a>
        </p>
        <ErrorSummary error=error.clone() />
        {answered.map(|_| view! { <p class="banner" role="status">"Thank you. Your probation officer will see your answer."</p> })}
        <h1>"Your licence"</h1>
        <p class="lead">
            {format!(
                "Your licence has {}. You said you understand {understood} of them.",
                format::count(total, "rule", "rules")
            )}
        </p>
        <div class="licence-parts" data-testid="licence-parts">
            {parts::parts_words(&licence.parts).into_iter().map(|w| view! { <p>{w}</p> }).collect_view()}
        </div>
        <p>"Open each rule to read it. Then tell your probation officer if you understand it, or ask a question. Asking is always safe."</p>
        <Letters explanations=licence.explanations />
        {groups
            .into_iter()
            .map(|(group, list)| {
                view! {
                    <section aria-labelledby=format!("g-{group:?}")>
                        <h2 id=format!("g-{group:?}")>{group.label()}</h2>
                        {list
                            .into_iter()
                            .map(|c| {
                                let part = part_of(c.licence);
                                view! { <Condition c part error=error.clone() /> }
                            })
                            .collect_view()}
                    </section>
                }
            })
            .collect_view()}
        <TakenOff removed=licence.removed />
    }
}

/// Rules the practitioner took off the licence, so the person knows they no
/// longer have to keep them.
#[component]
fn TakenOff(removed: Vec<RemovedCondition>) -> impl IntoView {
    (!removed.is_empty()).then(|| {
        view! {
            <section class="card" aria-labelledby="taken-off">
                <h2 id="taken-off">"Rules taken off your licence"</h2>
                <ul class="plain-list">
                    {removed
                        .into_iter()
                        .map(|r| {
                            let on = format::day_of(r.removed_at);
                            view! {
                                <li>
                                    <p>{format!("On {on}, your probation officer took this rule off your licence. You do not have to keep it now:")}</p>
                                    <p><strong>{r.headline}</strong></p>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </section>
        }
    })
}

/// Letters from the probation officer. Reading one is the person's own act
/// ("I have read this", a plain form; kept on the phone with no signal), so
/// the officer learns when it was really read, not when a page was fetched.
#[component]
fn Letters(explanations: Vec<Explanation>) -> impl IntoView {
    (!explanations.is_empty()).then(|| {
        let now = jiff::Timestamp::now();
        view! {
            <section class="card" aria-labelledby="letters">
                <h2 id="letters">"From your probation officer"</h2>
                {explanations
                    .into_iter()
                    .map(|e| {
                        let id = e.id;
                        view! {
                            <article class="letter" id=format!("letter-{id}") data-sync-target=format!("letter-{id}")>
                                <h3>{e.title}</h3>
                                <p class="muted">{format!("{} · {} · {}", e.kind.label(), e.practitioner_name, format::when(e.created_at, now))}</p>
                                <p class="pre-line">{e.body}</p>
                                {match e.read_at {
                                    Some(at) => view! {
                                        <p><span class="tag tag-ok" data-sync-state="">{format!("You read this: {}", format::when(at, now))}</span></p>
                                    }
                                    .into_any(),
                                    None => view! {
                                        <p><span class="tag tag-attention" data-sync-state="">"New. Not read yet"</span></p>
                                        <form method="post" action={post_to::<ReadLetter>()} class="answers">
                                            <input type="hidden" name="explanation_id" value=id.to_string() />
                                            <button type="submit" class="button">"I have read this"</button>
                                        </form>
                                    }
                                    .into_any(),
                                }}
                            </article>
                        }
                    })
                    .collect_view()}
            </section>
        }
    })
}

/// Exactly what changed in a rule's new version, each thing old beside new.
#[component]
fn WhatChanged(earlier: EarlierVersion) -> impl IntoView {
    let now = jiff::Timestamp::now();
    view! {
        <div class="changed">
            <p><strong>{format!("This rule changed {}.", format::when(earlier.replaced_at, now).to_lowercase())}</strong></p>
            {earlier
                .changes
                .into_iter()
                .map(|d| {
                    let what = d.what();
                    match (d.pair(), d.map_words()) {
                        (Some((before, now)), _) => view! {
                            <div class="change-pair">
                                <p class="change-what"><strong>{what}</strong></p>
                                <div><p class="muted">"Before"</p><p class="pre-line">{before}</p></div>
                                <div><p class="muted">"Now"</p><p class="pre-line">{now}</p></div>
                            </div>
                        }
                        .into_any(),
                        (None, words) => view! {
                            <div class="change-pair">
                                <p class="change-what"><strong>{what}</strong></p>
                                <p class="change-only">{words.unwrap_or_default()}</p>
                            </div>
                        }
                        .into_any(),
                    }
                })
                .collect_view()}
        </div>
    }
}

#[component]
fn Condition(
    c: LicenceCondition,
    /// Which part of the licence the rule is for, when it has more than one.
    part: Option<String>,
    error: crate::components::FormError,
) -> impl IntoView {
    let id = c.id;
    let text_id = format!("plain-{id}");
    let status_class = match c.understanding {
        Understanding::Understood => "tag tag-ok",
        Understanding::NotYet => "tag",
        _ => "tag tag-attention",
    };
    // The error and what was typed belong to one condition's form only.
    let error = error.filter(|e| e.kept("condition_id") == Some(id.to_string()));
    let question_error = error.as_ref().filter(|e| e.field() == Some("question")).map(|e| e.to_string());
    let has_error = question_error.is_some();
    let kept_question = error.as_ref().and_then(|e| e.kept("question")).unwrap_or_default();
    let open = c.understanding != Understanding::Understood;
    view! {
        <details class="condition" id=format!("c-{id}") data-sync-target=format!("condition-{id}") open=open>
            <summary>
                <span class="condition-headline">{c.headline.clone()}</span>
                <span class=status_class data-sync-state="">{c.understanding.label()}</span>
            </summary>
            <div class="condition-body">
                {part.map(|p| view! { <p class="part">{p}</p> })}
                {c.today.map(|t| view! { <p class="today"><strong>"Today: "</strong>{t}</p> })}
                {c.home
                    .map(|home| {
                        let (now, before) = home.words();
                        let moved = before.is_some();
                        view! {
                            <div class=if moved { "home changed" } else { "home today" }>
                                <p><strong>{now}</strong></p>
                                {before.map(|b| view! { <p>{b}</p> })}
                            </div>
                        }
                    })}
                {c.map
                    .map(|map| {
                        view! {
                            <ConditionMapView
                                src=format!("/me/licence/{id}/map")
                                map
                                caption="The map from your probation officer. Tap it to see it bigger."
                            />
                        }
                    })}
                {c.earlier.map(|earlier| view! { <WhatChanged earlier /> })}
                <div id=text_id.clone()>
                    {c.explanation
                        .map(|x| {
                            view! {
                                <h3>"What your probation officer says"</h3>
                                <p class="officer-says pre-line">{x}</p>
                            }
                        })}
                    {c.plain
                        .map(|p| {
                            p.sections()
                                .into_iter()
                                .skip(1)
                                .map(|(h, t)| view! { <h3>{h}</h3> <p>{t.to_owned()}</p> })
                                .collect_view()
                        })}
                </div>
                <ReadAloud target=text_id />
                <details class="exact-words">
                    <summary>"The exact words on your licence"</summary>
                    <blockquote>{c.official_words}</blockquote>
                </details>
                <Thread thread=c.thread />
                <div class="answers">
                    <form method="post" action={post_to::<AnswerCondition>()}>
                        <input type="hidden" name="condition_id" value=id.to_string() />
                        <input type="hidden" name="answer" value="understood" />
                        <button type="submit" class="button">"I understand"</button>
                    </form>
                    <details class="ask" open=has_error>
                        <summary class="button button-secondary">"I have a question"</summary>
                        <form method="post" action={post_to::<AnswerCondition>()}>
                            <input type="hidden" name="condition_id" value=id.to_string() />
                            <input type="hidden" name="answer" value="question" />
                            <div class="field" class:field-error=has_error>
                                <label for=format!("q-{id}")>"Your question"</label>
                                {question_error.map(|m| view! { <p class="error-message">{m}</p> })}
                                <textarea id=format!("q-{id}") name="question" rows="3">{kept_question}</textarea>
                            </div>
                            <button type="submit" class="button">"Send my question"</button>
                        </form>
                    </details>
                </div>
            </div>
        </details>
    }
}

#[component]
pub fn Thread(
    thread: Vec<ThreadMessage>,
    /// Who "you" are: `None` on the person's own page.
    #[prop(optional)]
    person: Option<String>,
) -> impl IntoView {
    let now = jiff::Timestamp::now();
    (!thread.is_empty()).then(|| {
        view! {
            <ul class="thread" aria-label="Messages about this rule">
                {thread
                    .into_iter()
                    .map(|m| {
                        let who = match m.kind {
                            MessageKind::Reply => m.practitioner_name.clone().unwrap_or_else(|| "Your probation officer".into()),
                            _ => person.clone().unwrap_or_else(|| "You".into()),
                        };
                        let said = match (m.kind, m.body) {
                            (MessageKind::Understood, _) => "I understand this rule.".to_owned(),
                            (_, Some(b)) => b,
                            (_, None) => String::new(),
                        };
                        view! {
                            <li class=if m.kind == MessageKind::Reply { "msg msg-officer" } else { "msg msg-person" }>
                                <p class="muted">{format!("{who}, {}", format::when(m.at, now))}</p>
                                <p class="pre-line">{said}</p>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
    })
}
