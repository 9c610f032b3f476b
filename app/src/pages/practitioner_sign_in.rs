//! Practitioner sign-in: work email and password.

use super::last_error;
use crate::api::auth::SignInPractitioner;
use crate::components::post_to;
use crate::components::{ErrorSummary, Field, InputKind, Page};
use leptos::prelude::*;

#[component]
pub fn PractitionerSignIn() -> impl IntoView {
    let error = last_error::<SignInPractitioner>();
    view! {
        <Page title="Practitioner sign in" quick_exit=true>
            <ErrorSummary error=error.clone() />
            <h1>"Sign in to your caseload"</h1>
            <form method="post" action={post_to::<SignInPractitioner>()}>
                <Field name="email" label="Work email" kind=InputKind::Email error=error.clone() />
                <Field name="password" label="Password" kind=InputKind::Password error=error />
                <button type="submit" class="button">"Sign in"</button>
            </form>
        </Page>
    }
}
