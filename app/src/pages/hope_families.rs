//! Support for families and friends: general words, no one's details. Open to anyone.

use crate::components::{Call, Page};
use leptos::prelude::*;

#[component]
pub fn HopeFamiliesPage() -> impl IntoView {
    view! {
        <Page title="Support for families" quick_exit=true>
            <p><a href="/hope">"Back to the hope corner"</a></p>
            <h1>"Support for families and friends"</h1>
            <p class="lead">
                "When someone you care about leaves prison, you may have lots of questions. This page is for you."
            </p>
            <h2>"What a licence is"</h2>
            <p>
                "Most people leave prison on licence. It is a set of rules they must keep for a time. "
                "A probation officer helps them and checks the rules are kept."
            </p>
            <p>
                "Some rules are the same for everyone, like keeping in touch with probation. "
                "Some are just for them, like where they live or who they can see. "
                "If a rule is broken, they can be sent back to prison."
            </p>
            <h2>"How you can help"</h2>
            <ul>
                <li>"Help them get to their appointments on time."</li>
                <li>"Help them keep letters and papers safe."</li>
                <li>"Help them get ID and a bank account. These open the door to work, money and a home."</li>
                <li>"Listen. The first weeks can be hard, and that is normal."</li>
                <li>"Look after yourself too. You can get help for you."</li>
            </ul>
            <section class="card" aria-labelledby="afraid-heading">
                <h2 id="afraid-heading">"Are you afraid of them?"</h2>
                <p>"If they have hurt or scared you or your children, you do not have to let them stay. Help is free and private."</p>
                <p><a class="button" href="/hope/safety">"Help if you feel afraid"</a></p>
            </section>
            <h2>"If you are worried"</h2>
            <ul>
                <li>"If someone is in danger now, call 999. " <Call number="999" label="Call 999" /></li>
                <li>"If you are worried about them, talk to them first if it is safe."</li>
                <li>"You can call their probation office. They may not tell you about the case, but they will listen."</li>
                <li>
                    "The Prisoners' Families Helpline is free: 0808 808 2003. "
                    <Call number="0808 808 2003" label="Call 0808 808 2003" />
                </li>
            </ul>
            <p><a class="button" href="/hope?need=families">"Help for families"</a></p>
        </Page>
    }
}
