//! Prometheus `/metrics` (issue 11.6): requests and their latency by route
//! template, sync ops by outcome, sign-in failures by kind. Nothing personal:
//! a route is its template (`/caseload/{id}`), never the address asked for,
//! and no label holds an id, a name or a client address.
//!
//! Who may read it: a scraper on the same machine or network namespace, asking
//! directly (a loopback peer with no proxy's `Forwarded` / `X-Forwarded-For`
//! header); anyone else gets "page not found", so a public TLS proxy on the
//! same host does not publish it.

use axum::extract::{ConnectInfo, MatchedPath, Request};
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};
use std::net::SocketAddr;
use std::sync::OnceLock;
use std::time::Instant;

/// Request latency buckets, in seconds: the budget is 20 ms at p99.
const LATENCY_BUCKETS: &[f64] = &[0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5];

/// The process's one recorder (a global: installed once, however many routers
/// a test process builds).
fn handle() -> &'static PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE.get_or_init(|| {
        let builder = PrometheusBuilder::new();
        let builder = match builder.set_buckets(LATENCY_BUCKETS) {
            Ok(b) => b,
            Err(e) => {
                tracing::warn!(error = %e, "metrics buckets");
                PrometheusBuilder::new()
            }
        };
        let recorder = builder.build_recorder();
        let handle = recorder.handle();
        if let Err(e) = metrics::set_global_recorder(recorder) {
            tracing::warn!(error = %e, "a metrics recorder was already installed");
        }
        handle
    })
}

/// Make sure the recorder is in place before the first request counts.
pub fn install() {
    handle();
}

/// Count every request and time it, by method, route template and status.
pub async fn track(req: Request, next: Next) -> Response {
    let route = req.extensions().get::<MatchedPath>().map(|p| p.as_str().to_owned());
    let method = req.method().as_str().to_owned();
    let started = Instant::now();
    let res = next.run(req).await;
    // Leptos pages are matched by the router's fallback-less routes; anything
    // unmatched (static files, not found) is one label, never its address.
    let route = route.unwrap_or_else(|| "other".to_owned());
    let status = res.status().as_u16().to_string();
    metrics::counter!("waymark_http_requests_total", "method" => method, "route" => route.clone(), "status" => status)
        .increment(1);
    metrics::histogram!("waymark_http_request_duration_seconds", "route" => route)
        .record(started.elapsed().as_secs_f64());
    res
}

/// `GET /metrics`, for a scraper asking directly from this machine.
pub async fn render(req: Request) -> Response {
    let peer = req.extensions().get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip());
    let proxied = req.headers().contains_key(header::FORWARDED) || req.headers().contains_key("x-forwarded-for");
    if !peer.is_some_and(|ip| ip.is_loopback()) || proxied {
        return StatusCode::NOT_FOUND.into_response();
    }
    let handle = handle();
    handle.run_upkeep();
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4")], handle.render()).into_response()
}
