//! One policy for every cookie Waymark sets, so none can forget `Secure`.
//!
//! Over TLS (always in production, unless a setting that says it is unsafe
//! turns it off) every cookie is `Secure` and named with the `__Host-` prefix:
//! the browser then refuses it from plain http or from another subdomain.

use serde::{Deserialize, Serialize};

/// The cookies Waymark sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cookie {
    /// The session token (HttpOnly).
    Session,
    /// "Larger text" and "High contrast" (read by the app in the browser too).
    Display,
    /// The id of a failed form's state kept on the server (HttpOnly).
    Form,
    /// A phone the person signed in on before (HttpOnly, kept through a plain
    /// sign-out; only its hash is stored).
    Device,
}

impl Cookie {
    fn base(self) -> &'static str {
        match self {
            Cookie::Session => "waymark",
            Cookie::Display => "waymark-display",
            Cookie::Form => "waymark-form",
            Cookie::Device => "waymark-device",
        }
    }

    fn http_only(self) -> bool {
        !matches!(self, Cookie::Display)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CookiePolicy {
    /// Served over TLS: `Secure` and the `__Host-` prefix on every cookie.
    pub secure: bool,
}

impl CookiePolicy {
    pub fn name(self, cookie: Cookie) -> &'static str {
        match (self.secure, cookie) {
            (false, c) => c.base(),
            (true, Cookie::Session) => "__Host-waymark",
            (true, Cookie::Display) => "__Host-waymark-display",
            (true, Cookie::Form) => "__Host-waymark-form",
            (true, Cookie::Device) => "__Host-waymark-device",
        }
    }

    /// The `Set-Cookie` value; `max_age` 0 deletes it.
    pub fn set(self, cookie: Cookie, value: &str, max_age: u64) -> String {
        let http_only = if cookie.http_only() { "; HttpOnly" } else { "" };
        let secure = if self.secure { "; Secure" } else { "" };
        format!("{}={value}; Path=/{http_only}; SameSite=Lax; Max-Age={max_age}{secure}", self.name(cookie))
    }

    /// This cookie's value in a whole `Cookie:` header (an empty one counts as none).
    pub fn find<'a>(self, cookie: Cookie, header: &'a str) -> Option<&'a str> {
        let name = self.name(cookie);
        header.split(';').find_map(|pair| {
            let (k, v) = pair.trim().split_once('=')?;
            (k == name && !v.is_empty()).then_some(v)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn over_tls_every_cookie_is_secure_and_host_only() {
        let tls = CookiePolicy { secure: true };
        for c in [Cookie::Session, Cookie::Display, Cookie::Form, Cookie::Device] {
            let set = tls.set(c, "x", 60);
            assert!(set.starts_with("__Host-") && set.ends_with("; Secure") && set.contains("; Path=/"), "{set}");
            assert!(!set.contains("Domain"), "{set}");
            let plain = CookiePolicy::default().set(c, "x", 60);
            assert!(!plain.starts_with("__Host-") && !plain.contains("Secure"), "{plain}");
        }
        assert!(tls.set(Cookie::Session, "t", 1).contains("HttpOnly"));
        assert!(!tls.set(Cookie::Display, "large-text", 1).contains("HttpOnly"), "the app sets it in the browser");
    }

    #[test]
    fn finds_the_named_cookie_only() {
        let p = CookiePolicy::default();
        assert_eq!(p.find(Cookie::Session, "a=1; waymark=tok; b=2"), Some("tok"));
        assert_eq!(p.find(Cookie::Session, "xwaymark=tok; waymark-display=large-text"), None);
        assert_eq!(p.find(Cookie::Session, "waymark="), None);
        assert_eq!(CookiePolicy { secure: true }.find(Cookie::Session, "waymark=tok"), None);
    }
}
