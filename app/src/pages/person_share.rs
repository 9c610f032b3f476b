//! "Share with family or a friend": the person makes a link that shows chosen
//! parts of their plan, sees their links, and turns any of them off.

use crate::api::share::{get_share_links, CreateShareLink, MadeShown, MyShareLinks, TurnOffShareLink};
use crate::components::post_to;
use crate::components::{ErrorNotice, ErrorSummary, Field, FormError, InputKind, Page};
use crate::format;
use crate::model::share::{ShareId, ShareLength, ShareLink, ShareState};
use crate::pages::last_error;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn PersonSharePage() -> impl IntoView {
    let made = use_query_map().with_untracked(|q| q.get("made").and_then(|m| m.parse().ok()).map(ShareId));
    let links = Resource::new_blocking(move || made, get_share_links);
    view! {
        <Page title="Share with family or a friend">
            <p><a href="/me">"Back to your home page"</a></p>
            <h1>"Share with family or a friend"</h1>
            <p class="lead">"Make a link for someone who helps you. They see only what you tick, and only for a time."</p>
            <p>"Rules about other people or places are never shown, and nor are your questions or notes."</p>
            <Suspense fallback=|| view! { <p>"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match links.await {
                        Ok(mine) => view! { <Links mine /> <NewLink error={last_error::<CreateShareLink>()} /> }.into_any(),
                        Err(error) => view! { <ErrorNotice error sign_in="/sign-in" /> }.into_any(),
                    }
                })}
            </Suspense>
        </Page>
    }
}

#[component]
fn NewLink(error: FormError) -> impl IntoView {
    let kept = |name: &str| error.as_ref().and_then(|e| e.kept(name));
    let ticked = |name: &str| kept(name).is_some_and(|v| !v.is_empty());
    let (appointments, licence, steps) = (ticked("appointments"), ticked("licence"), ticked("steps"));
    let length = kept("length").unwrap_or_else(|| ShareLength::Month.as_str().to_owned());
    let message = |field: &str| error.as_ref().filter(|e| e.field() == Some(field)).map(|e| e.to_string());
    let (sections_error, length_error) = (message("sections"), message("length"));
    let (sections_invalid, length_invalid) = (sections_error.is_some(), length_error.is_some());
    let box_ = move |name: &'static str, label: &'static str, on: bool| {
        let id = format!("share-{name}");
        view! {
            <div class="choice">
                <input type="checkbox" id=id.clone() name=format!("form[{name}]") value="on" checked=on />
                <label for=id>{label}</label>
            </div>
        }
    };
    view! {
        <section class="card" aria-labelledby="new-link-heading">
            <h2 id="new-link-heading">"Make a new link"</h2>
            <ErrorSummary error=error.clone() />
            <form method="post" action={post_to::<CreateShareLink>()}>
                <Field name="who" input_name="form[who]" label="Who is it for?" hint="For example: Mum, or Sam from church." kind=InputKind::Text error=error.clone() />
                <fieldset class="field" class:field-error=sections_invalid id="sections">
                    <legend>"What can they see?"</legend>
                    {sections_error.map(|m| view! { <p class="error-message">{m}</p> })}
                    {box_("appointments", "Your appointments coming up", appointments)}
                    {box_("licence", "Your licence rules, in plain words", licence)}
                    {box_("steps", "Your steps to ID, a bank account and more", steps)}
                </fieldset>
                <fieldset class="field" class:field-error=length_invalid id="length">
                    <legend>"How long should the link work?"</legend>
                    {length_error.map(|m| view! { <p class="error-message">{m}</p> })}
                    {ShareLength::ALL
                        .into_iter()
                        .map(|l| {
                            let id = format!("length-{}", l.as_str());
                            view! {
                                <div class="choice">
                                    <input type="radio" id=id.clone() name="form[length]" value=l.as_str() checked=length == l.as_str() />
                                    <label for=id>{l.label()}</label>
                                </div>
                            }
                        })
                        .collect_view()}
                </fieldset>
                <button type="submit" class="button">"Make the link"</button>
            </form>
        </section>
    }
}

#[component]
fn Links(mine: MyShareLinks) -> impl IntoView {
    let now = jiff::Timestamp::now();
    let MyShareLinks { links, made } = mine;
    (!links.is_empty()).then(|| {
        view! {
            <section class="card" aria-labelledby="links-heading">
                <h2 id="links-heading">"Your links"</h2>
                <ul class="share-links">
                    {links
                        .into_iter()
                        .map(|link| {
                            let made = made.clone().filter(|m| m.id == link.id);
                            view! { <LinkItem link made now /> }
                        })
                        .collect_view()}
                </ul>
            </section>
        }
    })
}

#[component]
fn LinkItem(link: ShareLink, made: Option<MadeShown>, now: jiff::Timestamp) -> impl IntoView {
    let state = link.state(now);
    let status = share_status(&link, now);
    let field_id = format!("link-{}", link.id);
    let fresh = made.is_some();
    view! {
        <li class="share-link" class:share-link-new=fresh id=format!("share-{}", link.id)>
            <h3>{format!("For {}", link.who)}</h3>
            {fresh.then(|| view! {
                <p class="banner" role="status">
                    "Your link is ready. Send it, or show them the code below. "
                    "You can see it only now, so send it before you leave this page."
                </p>
            })}
            <p>{format!("They can see your {}.", link.sections.words())}</p>
            <p>{status}</p>
            {(state == ShareState::Open)
                .then(|| {
                    view! {
                        {made.map(|m| view! {
                            <div class="field">
                                <label for=field_id.clone()>"The link"</label>
                                <input type="url" id=field_id readonly value=m.address />
                            </div>
                            <div class="qr" role="img" aria-label="A code to scan with a phone camera" inner_html=m.qr></div>
                        })}
                        <form method="post" action={post_to::<TurnOffShareLink>()}>
                            <input type="hidden" name="id" value=link.id.to_string() />
                            <button type="submit" class="button button-warning">"Turn this link off"</button>
                        </form>
                    }
                })}
        </li>
    }
}

/// "It works until 3 March 2027.", or how it ended — for the person and their practitioner alike.
pub fn share_status(link: &ShareLink, now: jiff::Timestamp) -> String {
    let ends = format::date_long(link.ends_at.to_zoned(format::london()).date());
    match (link.state(now), link.turned_off) {
        (ShareState::Open, _) => format!("It works until {ends}."),
        (ShareState::TurnedOff, Some(off)) => off.by.words().to_owned(),
        _ => "This link has ended.".to_owned(),
    }
}
