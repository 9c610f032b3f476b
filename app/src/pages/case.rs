//! One case, as its practitioner sees it, with the code to give the person.

use crate::api::about::get_case_about;
use crate::api::caseload::{get_activation_link, get_case, ActivationLink, IssueCode};
use crate::api::check_in::get_case_check_ins;
use crate::api::hope::get_case_list;
use crate::api::share::{get_case_share_links, EndShareLink};
use crate::components::post_to;
use crate::components::{current_viewer, ErrorNotice, Page};
use crate::error::AppError;
use crate::format;
use crate::islands::LiveUpdates;
use crate::model::hope::SavedService;
use crate::model::share::{ShareLink, ShareState, TurnedOffBy};
use crate::model::{Activation, CaseId, CaseOverview, Viewer};
use crate::pages::case_about::AboutSummary;
use crate::pages::person_home::Progress;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The case in the address (`/caseload/:id/…`). One that cannot be a case is
/// refused as who is asking would be: not found, not yours, or sign in first.
pub(crate) fn case_in_path() -> Result<CaseId, AppError> {
    let id = use_params_map().with_untracked(|p| p.get("id").and_then(|s| s.parse::<CaseId>().ok()));
    id.ok_or_else(|| match current_viewer() {
        Viewer::Practitioner { .. } => AppError::NotFound,
        Viewer::Person { .. } => AppError::Forbidden,
        Viewer::Anonymous => AppError::NotSignedIn,
    })
}

#[component]
pub fn CasePage() -> impl IntoView {
    let id = case_in_path();
    let case = Resource::new_blocking(
        move || id.clone(),
        |id| async move {
            let id = id?;
            Ok((
                get_case(id).await?,
                get_case_list(id).await?,
                get_case_share_links(id).await?,
                get_activation_link().await?,
                get_case_about(id).await?,
                get_case_check_ins(id).await?,
            ))
        },
    );
    view! {
        <Page title="Case">
            <Suspense fallback=|| view! { <p>"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match case.await {
                        Ok((case, list, links, link, about, check_ins)) => {
                            view! { <Case case list links link about check_ins /> }.into_any()
                        }
                        Err(error) => {
                            view! { <ErrorNotice error sign_in="/practitioner/sign-in" /> }.into_any()
                        }
                    }
                })}
            </Suspense>
        </Page>
    }
}

#[component]
fn Case(
    case: CaseOverview,
    list: Vec<SavedService>,
    links: Vec<ShareLink>,
    link: ActivationLink,
    about: crate::model::about::AboutMe,
    check_ins: Vec<crate::model::check_in::CheckIn>,
) -> impl IntoView {
    let phone_lost = use_query_map().with_untracked(|q| q.get("phone_lost").is_some());
    let e = case.entry;
    let c = case.conditions;
    let needs_code = e.activation != Activation::Active || case.pending_code.is_some();
    // Each part of the licence with its dates: a part starts when the one before ends.
    let mut starts = case.licence_start;
    let parts: Vec<(&'static str, String)> =
        crate::model::parts::licence_parts(case.licence_type, e.licence_end, case.pss_end)
            .into_iter()
            .map(|p| {
                let ends = p.ends.map(format::date_long).unwrap_or_else(|| "an end date not set yet".into());
                let line = (p.kind.label(), format!("{} to {ends}", format::date_long(starts)));
                starts = p.ends.unwrap_or(starts);
                line
            })
            .collect();
    view! {
        <p>
            <a href="/caseload">"Back to caseload"</a>
        </p>
        <h1>{e.preferred_name.clone()}</h1>
        {phone_lost
            .then(|| {
                view! {
                    <p class="banner" role="status">
                        "Done. Waymark is signed out on their phones, their share links are off, and their PIN no longer works. "
                        "Give them the new code below to start again."
                    </p>
                }
            })}
        <LiveUpdates case_id=e.case_id.0 rev=case.rev name=e.preferred_name.clone() />
        <dl class="facts">
            {parts.into_iter().map(|(part, dates)| view! { <dt>{part}</dt> <dd>{dates}</dd> }).collect_view()}
            <dt>"Policy"</dt>
            <dd>{format!("Version {}: {}", case.policy_version, case.licence_type.label().to_lowercase())}</dd>
            <dt>"Waymark number"</dt>
            <dd class="number">{case.waymark_number}</dd>
            <dt>"Waymark"</dt>
            <dd>{e.activation.label()}</dd>
            <dt>"Licence conditions"</dt>
            <dd>
                <Progress done=c.understood total=c.total label="understood" />
                {format!(", {}", format::count(c.questions, "open question", "open questions"))}
            </dd>
        </dl>
        <p>
            <a class="button" href=format!("/caseload/{}/licence", e.case_id)>"Licence conditions"</a>
        </p>
        <p>
            <a class="button" href=format!("/caseload/{}/appointments", e.case_id)>"Appointments"</a>
        </p>
        <p>
            <a class="button" href=format!("/caseload/{}/steps", e.case_id)>"ID, bank and other steps"</a>
        </p>
        <p>
            <a class="button" href=format!("/caseload/{}/about", e.case_id)>{format!("About {}", e.preferred_name)}</a>
        </p>
        <p>
            <a class="button" href=format!("/caseload/{}/requests", e.case_id)>"Requests and answers"</a>
        </p>
        <p>
            <a class="button" href=format!("/caseload/{}/progress", e.case_id)>"Goals and what is going well"</a>
        </p>
        <AboutSummary about name=e.preferred_name.clone() />
        <CheckInsSummary case_id=e.case_id name=e.preferred_name.clone() list=check_ins />
        {case.last_handover.map(|h| {
            let (status, tag) = if h.read { ("Read", "tag") } else { ("Not read yet", "tag tag-attention") };
            view! {
                <section class="card" aria-labelledby="handover-heading">
                    <h2 id="handover-heading">{format!("Handover from {}", h.from_name)}</h2>
                    <p>
                        {format!("The case moved on {}. ", format::stamp(h.moved_at, jiff::Timestamp::now()))}
                        <span class=tag>{status}</span>
                    </p>
                    <p><a href=format!("/caseload/{}/handover", e.case_id)>"Read the handover"</a></p>
                </section>
            }
        })}
        <p>
            <a class="button button-secondary" href=format!("/caseload/{}/pack", e.case_id)>
                "Print a paper pack in plain words"
            </a>
        </p>
        <section class="card" aria-labelledby="code-heading">
            <h2 id="code-heading">"Code to start Waymark"</h2>
            {case
                .pending_code
                .map(|p| {
                    view! {
                        <p>
                            "Give this code to " {e.preferred_name.clone()} ". It works once, until "
                            {format::when(p.expires_at, jiff::Timestamp::now())} "."
                        </p>
                        <p class="code" data-testid="activation-code">
                            {p.code}
                        </p>
                    }
                })}
            {needs_code
                .then(|| {
                    view! {
                        <p>
                            "They open this address on their phone, or scan the code with its camera: "
                            <strong class="activation-url" data-testid="activation-url">{link.url.clone()}</strong>
                        </p>
                        <div class="qr" role="img" aria-label=format!("QR code for {}", link.url) inner_html=link.qr_svg></div>
                    }
                })}
            <form method="post" action={post_to::<IssueCode>()}>
                <input type="hidden" name="case_id" value=e.case_id.to_string() />
                <button type="submit" class="button button-secondary">"Make a new code"</button>
            </form>
            <p class="hint">"A new code replaces the old one, and ends the links they shared. Using it sets a new PIN."</p>
            <p>
                <a href=format!("/caseload/{}/phone-lost", e.case_id)>"Their phone is lost or stolen"</a>
            </p>
        </section>
        <p>
            <a href=format!("/caseload/{}/move", e.case_id)>"Move this case to another practitioner"</a>
        </p>
        <CaseShareLinks case_id=e.case_id links />
        <section class="card" aria-labelledby="steps-heading">
            <h2 id="steps-heading">"Steps"</h2>
            <ul class="tracks">
                {case
                    .tracks
                    .into_iter()
                    .map(|t| {
                        view! {
                            <li>
                                <span class="track-name">{t.track.label()}</span>
                                <Progress done=t.done total=t.total label="done" />
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
        <section class="card" aria-labelledby="list-heading">
            <h2 id="list-heading">"Their hope-corner list"</h2>
            {if list.is_empty() {
                view! {
                    <p>"Nothing saved yet. Open a service in the hope corner to recommend it."</p>
                }
                    .into_any()
            } else {
                view! {
                    <ul>
                        {list
                            .into_iter()
                            .map(|s| {
                                let how = s.recommended_by.map(|by| format!(" (recommended by {by})")).unwrap_or_else(|| " (saved by them)".into());
                                view! { <li><a href=format!("/hope/{}", s.id)>{s.name}</a>{how}</li> }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
        </section>
    }
}

/// The links the person shared: who, what and until when, never the link itself.
#[component]
fn CaseShareLinks(case_id: CaseId, links: Vec<ShareLink>) -> impl IntoView {
    let now = jiff::Timestamp::now();
    view! {
        <section class="card" id="share-links" aria-labelledby="share-links-heading">
            <h2 id="share-links-heading">"Links they shared"</h2>
            {if links.is_empty() {
                view! { <p>"They have not shared anything with family or friends."</p> }.into_any()
            } else {
                view! {
                    <ul class="share-links">
                        {links
                            .into_iter()
                            .map(|link| {
                                let state = link.state(now);
                                let ends = format::date_long(link.ends_at.to_zoned(format::london()).date());
                                let status = match (state, link.turned_off.map(|t| t.by)) {
                                    (ShareState::Open, _) => format!("Works until {ends}."),
                                    (_, Some(TurnedOffBy::Person)) => "They turned it off.".to_owned(),
                                    (_, Some(TurnedOffBy::Practitioner)) => "Ended by probation.".to_owned(),
                                    (_, Some(TurnedOffBy::NewCode)) => "Ended with a new code.".to_owned(),
                                    (_, Some(TurnedOffBy::PhoneLost)) => "Ended when the phone was lost.".to_owned(),
                                    _ => format!("Ended on {ends}."),
                                };
                                view! {
                                    <li class="share-link">
                                        <h3>{format!("For {}", link.who)}</h3>
                                        <p>{format!("Can see: {}.", link.sections.words())}</p>
                                        <p>{status}</p>
                                        {(state == ShareState::Open)
                                            .then(|| {
                                                view! {
                                                    <form method="post" action={post_to::<EndShareLink>()}>
                                                        <input type="hidden" name="case_id" value=case_id.to_string() />
                                                        <input type="hidden" name="id" value=link.id.to_string() />
                                                        <button type="submit" class="button button-warning">
                                                            {format!("End the link for {}", link.who)}
                                                        </button>
                                                    </form>
                                                }
                                            })}
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

/// The latest check-in and how many are not seen yet, with the way to all of them.
#[component]
fn CheckInsSummary(case_id: CaseId, name: String, list: Vec<crate::model::check_in::CheckIn>) -> impl IntoView {
    let unseen = list.iter().filter(|c| c.seen.is_none()).count();
    let urgent = list.iter().any(|c| c.seen.is_none() && c.urgent());
    let latest = list.into_iter().next();
    view! {
        <section class="card" class:attention=urgent aria-labelledby="check-ins-heading">
            <h2 id="check-ins-heading">"Check-ins"</h2>
            {match latest {
                None => view! { <p>{format!("{name} has not checked in yet.")}</p> }.into_any(),
                Some(c) => {
                    let ask = if c.said.contact_me { " Asks you to contact them." } else { "" };
                    view! {
                        <p>
                            {format!(
                                "Latest: {} ({} of 5), {}.{ask}",
                                c.said.mood.label(),
                                c.said.mood.score(),
                                format::stamp(c.made_at, jiff::Timestamp::now())
                            )}
                        </p>
                        <p>{if unseen == 0 { "All seen.".to_owned() } else { format!("{} not seen yet.", format::count(unseen, "check-in", "check-ins")) }}</p>
                    }
                    .into_any()
                }
            }}
            <p><a class="button button-secondary" href=format!("/caseload/{case_id}/check-ins")>"See check-ins"</a></p>
        </section>
    }
}
