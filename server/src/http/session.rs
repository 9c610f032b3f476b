//! Resolve the session cookie to a `Viewer` and put it, with the client's
//! address and the cookie policy, into the request for server functions.

use super::router::App;
use app::api::request::{CspNonce, SessionToken};
use app::backend::ClientKey;
use app::model::cookie::Cookie;
use app::model::Viewer;
use axum::{
    extract::{ConnectInfo, Request, State},
    middleware::Next,
    response::Response,
};
use std::net::SocketAddr;

pub async fn resolve(State(app): State<App>, mut req: Request, next: Next) -> Response {
    let token = req
        .headers()
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|h| app.cookies.find(Cookie::Session, h).map(str::to_owned));
    let viewer = match &token {
        Some(t) => app.backend.viewer_for_token(t).unwrap_or(Viewer::Anonymous),
        None => Viewer::Anonymous,
    };
    let client = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip().to_string())
        .unwrap_or_else(|| "local".into());
    let ext = req.extensions_mut();
    ext.insert(viewer);
    ext.insert(ClientKey(client));
    ext.insert(app.cookies);
    ext.insert(CspNonce(crate::auth::new_token()[..22].to_owned()));
    if let Some(t) = token {
        ext.insert(SessionToken(t));
    }
    next.run(req).await
}
