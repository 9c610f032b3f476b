//! Failed plain form posts keep their error and what was typed on the server,
//! never in the address (issue 15.6). server_fn sends a failed form back to
//! its page with `?__path=…&__err=<the error, with the kept values>`; this
//! takes that out of the redirect, keeps it in the database for a few
//! minutes under a random id in an HttpOnly cookie, and hands it to the page
//! the browser comes back to, once. A crafted `?__err=…` link shows nothing:
//! those parameters are dropped from every request before anything reads them.

use super::router::App;
use app::api::request::SubmittedForm;
use app::error::AppError;
use app::model::cookie::Cookie;
use axum::{
    extract::{Request, State},
    http::{header, HeaderValue, Method, Uri},
    middleware::Next,
    response::{IntoResponse, Redirect, Response},
};
use leptos::server_fn::error::ServerFnUrlError;

/// Long enough to read the message and go back; short enough not to linger.
const KEEP_SECONDS: i64 = 5 * 60;
const ERROR_PARAMS: [&str; 2] = ["__err", "__path"];

pub async fn keep_form_state(State(app): State<App>, mut req: Request, next: Next) -> Response {
    drop_error_params(req.uri_mut());
    let cookie = req
        .headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|h| app.cookies.find(Cookie::Form, h).map(str::to_owned));
    let mut shown = false;
    let page_view = req.method() == Method::GET && !req.headers().contains_key("x-waymark-prefetch");
    if let (Some(id), true) = (&cookie, page_view) {
        let target = req.uri().path_and_query().map(|p| p.as_str().to_owned()).unwrap_or_default();
        if let Some(form) = take(&app, id, &target).await {
            req.extensions_mut().insert(form);
            shown = true;
        }
    }
    let posted = req.method() == Method::POST;
    let mut res = next.run(req).await;
    if posted {
        if let Some(kept) = keep_from_redirect(&app, &mut res).await {
            append_cookie(&mut res, &kept);
            return res;
        }
    }
    if shown {
        append_cookie(&mut res, &app.cookies.set(Cookie::Form, "", 0));
    }
    res
}

/// The form state for this page, deleted as it is read.
async fn take(app: &App, id: &str, target: &str) -> Option<SubmittedForm> {
    let stored = app.backend.take_form_state(id, target).await;
    let stored = match stored {
        Ok(stored) => stored?,
        Err(e) => {
            tracing::warn!(error = %e, "form state");
            return None;
        }
    };
    let error = serde_json::from_str::<AppError>(&stored.error).ok()?;
    Some(SubmittedForm { action: stored.action, error })
}

/// Keep `error` for the page at `target` (path and query); the `Set-Cookie`
/// that ties it to this browser, or `None` when it could not be kept (the
/// form then comes back with no message rather than with one in the address).
pub async fn remember(app: &App, action: &str, error: &AppError, target: &str) -> Option<String> {
    let id = crate::auth::new_token();
    let form = crate::store::StoredForm {
        target: target.to_owned(),
        action: action.to_owned(),
        error: serde_json::to_string(error).ok()?,
    };
    let expires = crate::store::now() + KEEP_SECONDS;
    match app.backend.keep_form_state(&id, &form, expires).await {
        Ok(()) => Some(app.cookies.set(Cookie::Form, &id, KEEP_SECONDS as u64)),
        Err(e) => {
            tracing::error!(error = %e, "form state");
            None
        }
    }
}

/// Back to `target` with `error` shown by its form (for forms that are not server functions).
pub async fn back_with(app: &App, action: &str, error: &AppError, target: &str, fragment: &str) -> Response {
    let mut res = Redirect::to(&format!("{target}{fragment}")).into_response();
    if let Some(cookie) = remember(app, action, error, target).await {
        append_cookie(&mut res, &cookie);
    }
    res
}

/// A server function's redirect with `__err` in it: keep the error, and send
/// the browser to the same page without it. Returns the cookie to set.
async fn keep_from_redirect(app: &App, res: &mut Response) -> Option<String> {
    let location = res.headers().get(header::LOCATION)?.to_str().ok()?;
    let url = url::Url::parse("http://waymark.invalid/").ok()?.join(location).ok()?;
    let pairs: Vec<(String, String)> = url.query_pairs().map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
    let value = |name: &str| pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
    let (action, encoded) = (value("__path")?, value("__err")?);
    let error = ServerFnUrlError::<AppError>::decode_err(&encoded);
    let target = path_and_query(&url, &pairs);
    let cookie = remember(app, &action, &error, &target).await;
    // Even when it could not be kept, what was typed leaves the address.
    if let Ok(clean) = HeaderValue::from_str(&target) {
        res.headers_mut().insert(header::LOCATION, clean);
    }
    cookie
}

/// The URL's path and its query without server_fn's error parameters.
fn path_and_query(url: &url::Url, pairs: &[(String, String)]) -> String {
    let kept: Vec<&(String, String)> = pairs.iter().filter(|(k, _)| !ERROR_PARAMS.contains(&k.as_str())).collect();
    if kept.is_empty() {
        return url.path().to_owned();
    }
    let query = url::form_urlencoded::Serializer::new(String::new()).extend_pairs(kept).finish();
    format!("{}?{query}", url.path())
}

/// `?__err=…&__path=…` in a request (however its names are encoded): dropped,
/// so no page can be made to show them.
fn drop_error_params(uri: &mut Uri) {
    let Some(query) = uri.query() else { return };
    let is_error = |pair: &&str| {
        let key = pair.split('=').next().unwrap_or_default();
        url::form_urlencoded::parse(key.as_bytes()).next().is_some_and(|(k, _)| ERROR_PARAMS.contains(&k.as_ref()))
    };
    if !query.split('&').any(|p| is_error(&p)) {
        return;
    }
    let kept: Vec<&str> = query.split('&').filter(|p| !is_error(p)).collect();
    let path = uri.path();
    let rebuilt = if kept.is_empty() { path.to_owned() } else { format!("{path}?{}", kept.join("&")) };
    let mut parts = uri.clone().into_parts();
    if let Ok(pq) = rebuilt.parse() {
        parts.path_and_query = Some(pq);
        if let Ok(clean) = Uri::from_parts(parts) {
            *uri = clean;
        }
    }
}

fn append_cookie(res: &mut Response, cookie: &str) {
    if let Ok(v) = HeaderValue::from_str(cookie) {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_params_are_dropped_and_the_rest_kept() {
        for (given, expected) in [
            ("/sign-in?__path=%2Fapi%2Fx&__err=e30", "/sign-in"),
            ("/hope?need=food&__err=e30", "/hope?need=food"),
            ("/hope?%5F%5Ferr=e30&%5f_path=x&q=a", "/hope?q=a"),
            ("/hope?need=food", "/hope?need=food"),
            ("/me", "/me"),
        ] {
            let mut uri: Uri = given.parse().unwrap();
            drop_error_params(&mut uri);
            assert_eq!(uri, expected.parse::<Uri>().unwrap(), "{given}");
        }
    }
}
