//! One module per screen.

pub mod activate;
pub mod case;
pub mod case_appointments;
pub mod case_licence;
pub mod case_steps;
pub mod caseload;
pub mod condition_form;
pub mod confirm;
pub mod hope;
pub mod hope_admin;
pub mod hope_exchange;
pub mod hope_families;
pub mod hope_near;
pub mod hope_print;
pub mod hope_service;
pub mod hope_service_form;
pub mod landing;
pub mod new_case;
pub mod not_found;
pub mod person_appointments;
pub mod person_home;
pub mod person_licence;
pub mod person_share;
pub mod person_sign_in;
pub mod person_steps;
pub mod practitioner_sign_in;
pub mod shared;
pub mod step_prices;

/// Public pages that still load the app: only the browser can do what they are for.
pub const APP_PAGES: [&str; 1] = ["/hope/near"];

/// The error a plain form post came back with (read from the URL by the router).
pub(crate) fn last_error<S>(action: leptos::prelude::ServerAction<S>) -> crate::components::FormError
where
    S: leptos::server_fn::ServerFn<Error = crate::error::AppError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    use leptos::prelude::*;
    action.value().get_untracked().and_then(|r| r.err())
}
