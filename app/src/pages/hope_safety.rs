//! For family members who are afraid of someone coming home from prison
//! (issue 16.4). General words only: nothing of any person's data, open to
//! anyone, with a quick exit. Numbers checked 2026-12-02 on each service's site.

use crate::components::{Call, Page};
use leptos::prelude::*;

#[component]
pub fn HopeSafetyPage() -> impl IntoView {
    view! {
        <Page title="If you feel afraid" quick_exit=true>
            <p><a href="/hope">"Back to the hope corner"</a></p>
            <h1>"If you are afraid of someone coming home"</h1>
            <p class="lead">
                "Someone may be leaving prison and coming back to you. If they have hurt or scared you or your children, this page is for you."
            </p>
            <section class="card danger-now" aria-labelledby="danger-heading">
                <h2 id="danger-heading">"In danger now"</h2>
                <p>"Call 999 and ask for the police." <Call number="999" label="Call 999" /></p>
                <p>
                    "If you cannot speak, call 999 from a mobile and listen. When you are asked, press 55. "
                    "The police will know you need help."
                </p>
            </section>
            <h2>"You do not have to let them stay"</h2>
            <p>
                "It is your home. You can say no, even if you said yes before. "
                "Probation checks a home before someone on licence can live there. "
                "You can tell them you do not want this person to live with you."
            </p>
            <h2>"Who you can tell"</h2>
            <ul>
                <li>
                    "The probation service. Call the police on 101 and ask them to pass it on, or ask a helpline below to help you. "
                    <Call number="101" label="Call 101" />
                </li>
                <li>
                    "Children's services at your local council, if you are worried about your children. "
                    "The NSPCC helpline can help you too: 0808 800 5000. "
                    <Call number="0808 800 5000" label="Call the NSPCC" />
                </li>
                <li>
                    "The Victim Contact Scheme. If the crime was against you or your family, you may be able to join. "
                    "A victim liaison officer tells you about a release. They can ask for rules on a licence, like not to contact you. "
                    "Ask the police or a helpline to put you in touch."
                </li>
            </ul>
            <h2>"Free helplines"</h2>
            <ul class="services">
                <Helpline
                    name="National Domestic Abuse Helpline"
                    about="For women, and for family and friends who are worried about them. Free and private. Open all day and night. Run by Refuge."
                    phone="0808 2000 247"
                    website="https://www.nationaldahelpline.org.uk"
                />
                <Helpline
                    name="Live Fear Free, in Wales"
                    about="For anyone in Wales. Free and private. Open all day and night."
                    phone="0808 80 10 800"
                    website="https://www.gov.wales/live-fear-free"
                />
                <Helpline
                    name="Men's Advice Line"
                    about="For men who are being hurt or scared by a partner. Free and private."
                    phone="0808 8010 327"
                    website="https://mensadviceline.org.uk"
                />
                <Helpline
                    name="Refuge"
                    about="Safe places to stay, and help to plan how to stay safe."
                    website="https://refuge.org.uk"
                />
            </ul>
            <h2>"Keep your visit private"</h2>
            <p>
                "Your phone keeps a list of the pages you visit. Use a private window, or clear the list after. "
                "The button at the top takes you to the BBC weather page at once. You can also press Esc twice."
            </p>
            <p><a href="/hope/families">"Support for families and friends"</a></p>
        </Page>
    }
}

/// One helpline: who it is for, one tap to call, its website.
#[component]
fn Helpline(
    name: &'static str,
    about: &'static str,
    #[prop(optional)] phone: Option<&'static str>,
    website: &'static str,
) -> impl IntoView {
    view! {
        <li class="service-card">
            <h3>{name}</h3>
            <p>{about}</p>
            <p class="actions">
                {phone.map(|p| view! { <Call number=p label=format!("Call {p}") /> })}
                <a class="button button-secondary" href=website rel="noopener">"Website"</a>
            </p>
        </li>
    }
}
