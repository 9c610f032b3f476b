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
use ipnet::IpNet;
use std::net::{IpAddr, SocketAddr};

/// When the request's session ends, as read when it arrived (UTC seconds).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionEnds(pub i64);

pub async fn resolve(State(app): State<App>, mut req: Request, next: Next) -> Response {
    let token = req
        .headers()
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|h| app.cookies.find(Cookie::Session, h).map(str::to_owned));
    let signed_in = match &token {
        Some(t) => app.backend.session_for_token(t).await.ok().flatten(),
        None => None,
    };
    let (viewer, ends) = match signed_in {
        Some(s) => (s.viewer, Some(SessionEnds(s.ends))),
        None => (Viewer::Anonymous, None),
    };
    let peer = req.extensions().get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip());
    let forwarded: Vec<&str> = req
        .headers()
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .collect();
    let client = client_key(peer, &forwarded, &app.trusted_proxies);
    let ext = req.extensions_mut();
    ext.insert(viewer);
    ext.insert(client.clone());
    ext.insert(app.cookies);
    ext.insert(CspNonce(crate::auth::new_token()[..22].to_owned()));
    if let Some(t) = token {
        ext.insert(SessionToken(t));
    }
    if let Some(ends) = ends {
        ext.insert(ends);
    }
    crate::backend::REQUEST_CLIENT.scope(client, next.run(req)).await
}

/// Who the client is. Behind trusted proxies, the right-most address in
/// `X-Forwarded-For` that is not a trusted proxy (each proxy appends the
/// address it saw; anything further left the client could have written).
/// From any other peer, the header is ignored. An IPv6 client counts by its
/// /64, which one household or phone usually holds whole.
pub fn client_key(peer: Option<IpAddr>, forwarded: &[&str], trusted: &[IpNet]) -> ClientKey {
    let Some(peer) = peer else { return ClientKey("local".into()) };
    let is_trusted = |ip: &IpAddr| trusted.iter().any(|net| net.contains(ip));
    let mut client = peer;
    if is_trusted(&peer) {
        for hop in forwarded.iter().rev() {
            match hop.trim().parse::<IpAddr>() {
                Ok(ip) if is_trusted(&ip) => client = ip,
                Ok(ip) => {
                    client = ip;
                    break;
                }
                // Not an address: a trusted proxy would not write that, so stop at the last good hop.
                Err(_) => break,
            }
        }
    }
    ClientKey(match client {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => ipnet::Ipv6Net::new(v6, 64).map(|n| n.trunc().to_string()).unwrap_or_else(|_| v6.to_string()),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::client_key;

    #[test]
    fn the_client_is_the_peer_unless_a_trusted_proxy_says_otherwise() {
        let trusted: Vec<ipnet::IpNet> = vec!["10.0.0.0/8".parse().unwrap(), "127.0.0.1/32".parse().unwrap()];
        let ip = |s: &str| Some(s.parse().unwrap());
        // An untrusted peer's header is ignored.
        assert_eq!(client_key(ip("203.0.113.9"), &["198.51.100.1"], &trusted).0, "203.0.113.9");
        // Through two trusted proxies: the right-most untrusted address, not what the client wrote.
        let hops = ["6.6.6.6", "198.51.100.7", "10.1.2.3"];
        assert_eq!(client_key(ip("127.0.0.1"), &hops, &trusted).0, "198.51.100.7");
        assert_eq!(client_key(ip("127.0.0.1"), &[], &trusted).0, "127.0.0.1");
        assert_eq!(client_key(ip("127.0.0.1"), &["not-an-ip"], &trusted).0, "127.0.0.1");
        assert_eq!(client_key(ip("2001:db8:1:2:3:4:5:6"), &[], &[]).0, "2001:db8:1:2::/64");
        assert_eq!(client_key(None, &[], &trusted).0, "local");
    }
}
