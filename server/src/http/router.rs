//! The one route table: Leptos pages, server functions under /api, health, static files.

use super::{
    api_status, body_limit, calendar, condition_map, cross_site, form_state, headers, hope_exchange, personal, session,
    site_files::{SiteFiles, SiteFilesError},
};
use crate::backend::ServerBackend;
use crate::config::Config;
use app::api::request::{CookiePolicy, CspNonce};
use app::backend::SharedBackend;
use axum::{
    body::Body,
    extract::{DefaultBodyLimit, Request, State},
    http::StatusCode,
    middleware,
    response::{IntoResponse, Response},
    routing::{get, post},
    Router,
};
use leptos::prelude::*;
use leptos_axum::{generate_route_list, AxumRouteListing, LeptosRoutes};
use std::sync::Arc;
use tower::ServiceExt;
use tower_http::services::ServeDir;

/// Everything a request handler may need.
#[derive(Clone)]
pub struct App {
    pub leptos: LeptosOptions,
    pub backend: Arc<dyn ServerBackend>,
    pub cookies: CookiePolicy,
    pub max_body_bytes: usize,
    pub max_import_bytes: usize,
    /// Proxies whose `X-Forwarded-For` names the client (`WAYMARK_TRUSTED_PROXIES`).
    pub trusted_proxies: Arc<Vec<ipnet::IpNet>>,
    /// The built site's content-named files (`pkg/assets.json`).
    pub site: Arc<SiteFiles>,
}

impl axum::extract::FromRef<App> for LeptosOptions {
    fn from_ref(app: &App) -> Self {
        app.leptos.clone()
    }
}

/// The app's routes, worked out once per process. Leptos suppresses resource
/// loading process-wide while it generates them (leptos-rs/leptos#4773), so a
/// second generation (a second app in the same test process) could hang a page
/// being rendered at that moment.
fn route_list() -> Vec<AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<AxumRouteListing>> = std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(app::App)).clone()
}

/// What every page render and server function gets in its Leptos context.
fn context(backend: Arc<dyn ServerBackend>, site: Arc<SiteFiles>) -> impl Fn() + Clone + Send + Sync + 'static {
    let screens: SharedBackend = backend;
    move || {
        provide_context::<SharedBackend>(screens.clone());
        provide_context(site.assets.clone());
        // One nonce per request: Leptos may set up context more than once while
        // streaming, and every script must carry the nonce the CSP header names.
        let nonce = use_context::<axum::http::request::Parts>().and_then(|p| p.extensions.get::<CspNonce>().cloned());
        if let Some(nonce) = nonce {
            provide_context(leptos::nonce::Nonce::from_value(nonce.0));
        }
    }
}

pub fn build(config: &Config, backend: Arc<dyn ServerBackend>) -> Result<Router, SiteFilesError> {
    let site = Arc::new(SiteFiles::load(&config.site_root)?);
    super::metrics::install();
    let leptos = LeptosOptions::builder()
        .output_name("waymark")
        .site_root(config.site_root.to_string_lossy().into_owned())
        .site_pkg_dir("pkg")
        .site_addr(config.addr)
        .build();
    let cookies = CookiePolicy { secure: config.secure_cookies() };
    let state = App {
        leptos: leptos.clone(),
        backend: backend.clone(),
        cookies,
        max_body_bytes: config.max_body_bytes,
        max_import_bytes: config.max_import_bytes,
        trusted_proxies: Arc::new(config.trusted_proxies.clone()),
        site: site.clone(),
    };
    let routes = route_list();
    let ctx = context(backend, site);
    let shell = {
        let leptos = leptos.clone();
        move || app::shell(leptos.clone())
    };

    Ok(Router::new()
        .route("/health", get(health))
        .route("/metrics", get(super::metrics::render))
        .route("/me/appointments/{id}/calendar.ics", get(calendar::person_appointment_ics))
        .route("/caseload/{case}/calendar.ics", get(calendar::case_ics))
        .route("/me/licence/{condition}/map", get(condition_map::person_map))
        .route("/me/licence/{condition}/calendar.ics", get(calendar::person_reporting_ics))
        .route(
            "/caseload/{case}/licence/{condition}/map",
            get(condition_map::case_map).post(condition_map::upload).layer(condition_map::upload_limit()),
        )
        .route(hope_exchange::EXPORT_PATH, get(hope_exchange::export_hope))
        .route(
            hope_exchange::IMPORT_PATH,
            // A directory file is larger than any form; the handler checks the file itself.
            post(hope_exchange::import_hope)
                .layer(DefaultBodyLimit::max(config.max_import_bytes + hope_exchange::IMPORT_SLACK)),
        )
        .route("/api/v1/sync", post(super::sync::sync))
        .route("/api/v1/cases/{case}/rev", get(super::sync::case_rev))
        .leptos_routes_with_context(&state, routes, ctx, shell)
        .fallback(static_or_not_found)
        .layer(middleware::from_fn(api_status::error_status))
        .layer(middleware::from_fn_with_state(state.clone(), form_state::keep_form_state))
        .layer(middleware::from_fn_with_state(state.clone(), personal::mark))
        .layer(middleware::from_fn_with_state(state.clone(), session::resolve))
        .layer(middleware::from_fn_with_state(state.clone(), body_limit::refuse_oversized))
        .layer(DefaultBodyLimit::max(config.max_body_bytes))
        .layer(middleware::from_fn_with_state(state.clone(), cross_site::refuse_cross_site))
        .layer(middleware::from_fn_with_state(headers::Security { hsts: config.tls_protections() }, headers::security))
        .layer(tower_http::compression::CompressionLayer::new().quality(tower_http::CompressionLevel::Fastest))
        .layer(middleware::from_fn(super::metrics::track))
        .with_state(state))
}

/// For load balancers and uptime checks: the database answers.
async fn health(State(app): State<App>) -> Response {
    if app.backend.healthy().await {
        (StatusCode::OK, "ok").into_response()
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response()
    }
}

/// Files from the built site (pre-compressed copies when the browser takes them);
/// anything else gets the app's own "page not found".
async fn static_or_not_found(State(app): State<App>, req: Request<Body>) -> Response {
    let (parts, body) = req.into_parts();
    let probe = Request::from_parts(parts.clone(), Body::empty());
    let files = ServeDir::new(&*app.leptos.site_root).precompressed_br().precompressed_gzip();
    let Ok(res) = files.oneshot(probe).await;
    if res.status().is_success() || res.status() == StatusCode::NOT_MODIFIED {
        let mut res = res.map(Body::new);
        res.headers_mut().insert(axum::http::header::CACHE_CONTROL, app.site.cache_control(parts.uri.path()));
        res.extensions_mut().insert(personal::StaticFile);
        return res;
    }
    let shell = {
        let leptos = app.leptos.clone();
        move |_| app::shell(leptos.clone())
    };
    let handler = leptos_axum::file_and_error_handler_with_context::<App, _>(
        context(app.backend.clone(), app.site.clone()),
        shell,
    );
    handler(parts.uri.clone(), State(app), Request::from_parts(parts, body)).await
}
