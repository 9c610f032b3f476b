//! A person on licence signs in again with their Waymark number and PIN.

use super::last_error;
use crate::api::auth::SignInPerson;
use crate::components::post_to;
use crate::components::{ErrorSummary, Field, InputKind, Page};
use leptos::prelude::*;

#[component]
pub fn PersonSignIn() -> impl IntoView {
    let error = last_error::<SignInPerson>();
    view! {
        <Page title="Sign in" quick_exit=true>
            <ErrorSummary error=error.clone() />
            <h1>"Sign in"</h1>
            <p>
                <strong>"First time here? "</strong>
                <a href="/activate">"Start with the code from your probation officer"</a>
            </p>
            <form method="post" action={post_to::<SignInPerson>()}>
                <Field
                    name="number"
                    label="Your Waymark number"
                    hint="It has 8 numbers. You saw it when you started."
                    kind=InputKind::Text
                    error=error.clone()
                />
                <Field name="pin" label="Your PIN" kind=InputKind::Pin error=error />
                <button type="submit" class="button">"Sign in"</button>
            </form>
            <p>"Forgot your PIN or number? Ask your probation officer for a new code."</p>
        </Page>
    }
}
