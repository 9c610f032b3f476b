//! A practitioner opens a case for someone on their caseload.

use super::last_error;
use crate::api::caseload::CreateCase;
use crate::components::post_to;
use crate::components::{current_viewer, ErrorNotice, ErrorSummary, Field, InputKind, Page};
use crate::error::AppError;
use crate::model::Viewer;
use leptos::prelude::*;

#[component]
pub fn NewCasePage() -> impl IntoView {
    let refused = match current_viewer() {
        Viewer::Practitioner { .. } => None,
        Viewer::Anonymous => Some(AppError::NotSignedIn),
        Viewer::Person { .. } => Some(AppError::Forbidden),
    };
    if let Some(error) = refused {
        return view! {
            <Page title="Add a person">
                <ErrorNotice error sign_in="/practitioner/sign-in" />
            </Page>
        }
        .into_any();
    }
    let error = last_error::<CreateCase>();
    view! {
        <Page title="Add a person">
            <p>
                <a href="/caseload">"Back to caseload"</a>
            </p>
            <ErrorSummary error=error.clone() />
            <h1>"Add a person to your caseload"</h1>
            <form method="post" action={post_to::<CreateCase>()}>
                <Field
                    name="preferred_name"
                    label="Name they want to be called"
                    kind=InputKind::Text
                    error=error.clone()
                />
                <Field name="licence_start" label="Licence start date" kind=InputKind::Date error=error.clone() />
                <Field name="licence_end" label="Licence end date" kind=InputKind::Date error=error />
                <button type="submit" class="button">"Add and make a code"</button>
            </form>
        </Page>
    }
    .into_any()
}
