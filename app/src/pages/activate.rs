//! First use: the one-time code from the practitioner, then a PIN.

use super::last_error;
use crate::api::auth::Activate;
use crate::components::post_to;
use crate::components::{ErrorSummary, Field, InputKind, Page};
use leptos::prelude::*;

#[component]
pub fn ActivatePage() -> impl IntoView {
    let error = last_error::<Activate>();
    view! {
        <Page title="Start using Waymark" quick_exit=true>
            <ErrorSummary error=error.clone() />
            <h1>"Start using Waymark"</h1>
            <p>"Your probation officer gave you a code. It works once."</p>
            <form method="post" action={post_to::<Activate>()}>
                <Field
                    name="code"
                    label="Your code"
                    hint="For example ABCD-2345"
                    kind=InputKind::Code
                    error=error.clone()
                />
                <Field
                    name="pin"
                    label="Choose a PIN"
                    hint="4 to 6 numbers. Pick one you will remember. Do not tell anyone."
                    kind=InputKind::NewPin
                    error=error.clone()
                />
                <Field name="pin_again" label="Type the PIN again" kind=InputKind::NewPin error=error />
                <button type="submit" class="button">"Start"</button>
            </form>
            <p>"You will stay signed in on this phone."</p>
        </Page>
    }
}
