//! Signing in and out, for practitioners and people on licence.

use crate::error::AppError;
use leptos::prelude::*;

/// Practitioner: email and password.
#[server(endpoint = "sign_in_practitioner")]
pub async fn sign_in_practitioner(email: String, password: String) -> Result<(), AppError> {
    use super::request::*;

    let email = email.trim();
    if email.is_empty() || !email.contains('@') {
        return Err(AppError::invalid("email", "Enter your work email address, like name@example.org.")
            .keeping(&[("email", email)]));
    }
    if password.is_empty() {
        return Err(AppError::invalid("password", "Enter your password.").keeping(&[("email", email)]));
    }
    let session = backend()?
        .sign_in_practitioner(email, &password, &client_key())
        .await
        .map_err(|e| e.keeping(&[("email", email)]))?;
    set_session_cookie(&session);
    leptos_axum::redirect("/caseload");
    Ok(())
}

/// Person: the one-time code from their practitioner, and a new PIN.
#[server(endpoint = "activate")]
pub async fn activate(code: String, pin: String, pin_again: String) -> Result<(), AppError> {
    use super::request::*;

    let code = code.trim();
    if code.is_empty() {
        return Err(AppError::invalid("code", "Enter the code your probation officer gave you."));
    }
    crate::model::check_pin(&pin).map_err(|e| e.keeping(&[("code", code)]))?;
    if pin != pin_again {
        return Err(AppError::invalid("pin_again", "The two PINs are not the same. Type the same PIN twice.")
            .keeping(&[("code", code)]));
    }
    let (session, _number) =
        backend()?.activate(code, &pin, &client_key()).await.map_err(|e| e.keeping(&[("code", code)]))?;
    set_session_cookie(&session);
    leptos_axum::redirect("/me?welcome=1");
    Ok(())
}

/// Person: Waymark number and PIN, after signing out or on a new phone.
#[server(endpoint = "sign_in_person")]
pub async fn sign_in_person(number: String, pin: String) -> Result<(), AppError> {
    use super::request::*;

    let number: String = number.chars().filter(|c| !c.is_whitespace() && *c != '-').collect();
    if number.is_empty() {
        return Err(AppError::invalid("number", "Enter your Waymark number."));
    }
    if pin.is_empty() {
        return Err(AppError::invalid("pin", "Enter your PIN.").keeping(&[("number", &number)]));
    }
    let device = device_token();
    let session = backend()?
        .sign_in_person(&number, &pin, &client_key(), device.as_deref())
        .await
        .map_err(|e| e.keeping(&[("number", &number)]))?;
    set_session_cookie(&session);
    leptos_axum::redirect("/me");
    Ok(())
}

/// Sign out; with `wipe`, also remove every trace of the case from this device.
#[server(endpoint = "sign_out")]
pub async fn sign_out(#[server(default)] wipe: Option<String>) -> Result<(), AppError> {
    use super::request::*;

    if let Some(token) = session_token() {
        backend()?.sign_out(&token.0).await?;
    }
    clear_session_cookie();
    clear_site_data(wipe.is_some());
    if wipe.is_some() {
        leptos_axum::redirect("/?wiped=1");
    } else {
        leptos_axum::redirect("/?signed_out=1");
    }
    Ok(())
}
