//! What a page shows when its data cannot be had: a plain message, the right
//! HTTP status, and for "not signed in" a redirect to the sign-in page.

use crate::error::AppError;
use leptos::prelude::*;

#[component]
pub fn ErrorNotice(error: AppError, #[prop(into)] sign_in: String) -> impl IntoView {
    #[cfg(feature = "ssr")]
    {
        use crate::api::request::{set_status, status_of};
        if error == AppError::NotSignedIn {
            if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
                res.set_status(http::StatusCode::SEE_OTHER);
                if let Ok(v) = http::HeaderValue::from_str(&sign_in) {
                    res.insert_header(http::header::LOCATION, v);
                }
            }
        } else {
            set_status(status_of(&error));
        }
    }
    let link = matches!(error, AppError::NotSignedIn).then(|| {
        view! {
            <p>
                <a href=sign_in.clone()>"Go to sign in"</a>
            </p>
        }
    });
    view! {
        <div class="notice">
            <h1>"Sorry"</h1>
            <p>{error.to_string()}</p>
            {link}
            <p>
                <a href="/">"Go to the start page"</a>
            </p>
        </div>
    }
}
