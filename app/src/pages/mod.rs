//! One module per screen.

pub mod activate;
pub mod case;
pub mod case_about;
pub mod case_appointments;
pub mod case_check_ins;
pub mod case_handover;
pub mod case_licence;
pub mod case_move;
pub mod case_pack;
pub mod case_phone_lost;
pub mod case_progress;
pub mod case_requests;
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
pub mod hope_safety;
pub mod hope_service;
pub mod hope_service_form;
pub mod landing;
pub mod new_case;
pub mod not_found;
pub mod office_cases;
pub mod person_about;
pub mod person_appointments;
pub mod person_check_in;
pub mod person_home;
pub mod person_licence;
pub mod person_progress;
pub mod person_requests;
pub mod person_share;
pub mod person_sign_in;
pub mod person_steps;
pub mod person_who_looked;
pub mod practitioner_sign_in;
pub mod shared;
pub mod step_prices;

/// Public pages that still load the app: only the browser can do what they are for.
pub const APP_PAGES: [&str; 1] = ["/hope/near"];

/// The error a plain form post to server function `S` came back with. It is
/// kept on the server, never in the address: a link cannot make a page say anything.
pub(crate) fn last_error<S: leptos::server_fn::ServerFn>() -> crate::components::FormError {
    form_error(S::PATH)
}

/// The error a plain form post to `action` (a server function's path, or a
/// form route such as the hope-corner import) came back with.
pub(crate) fn form_error(action: &str) -> crate::components::FormError {
    #[cfg(feature = "ssr")]
    {
        crate::api::request::submitted_form().filter(|f| f.action == action).map(|f| f.error)
    }
    #[cfg(not(feature = "ssr"))]
    {
        let _ = action;
        None
    }
}
