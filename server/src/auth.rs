//! Passwords, PINs, session tokens, activation codes and attempt limits.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use base64::Engine;
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use rand::Rng;
use sha2::{Digest, Sha256};
use std::num::NonZeroU32;

/// Wrong PINs in a row before a case locks and needs a new code.
pub const PIN_LOCK_AFTER: u32 = 5;
/// A person stays signed in on their phone for half a year.
pub const PERSON_SESSION_SECONDS: i64 = 180 * 24 * 3600;
/// A practitioner's session lasts a working day.
pub const PRACTITIONER_SESSION_SECONDS: i64 = 12 * 3600;
/// An activation code works for a week.
pub const CODE_VALID_SECONDS: i64 = 7 * 24 * 3600;

const CODE_ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";

/// argon2id with the crate's default (OWASP) parameters.
pub fn hash_secret(secret: &str) -> Result<String, argon2::password_hash::Error> {
    let bytes: [u8; 16] = rand::rng().random();
    let salt = SaltString::encode_b64(&bytes)?;
    Ok(Argon2::default().hash_password(secret.as_bytes(), &salt)?.to_string())
}

pub fn verify_secret(secret: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|parsed| Argon2::default().verify_password(secret.as_bytes(), &parsed).is_ok())
        .unwrap_or(false)
}

/// Spend the same time as a real check, so a wrong email and a wrong password look alike.
pub fn verify_nothing(secret: &str) {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let hash = DUMMY.get_or_init(|| hash_secret("waymark-timing-equaliser").unwrap_or_default());
    let _ = verify_secret(secret, hash);
}

/// 32 random bytes, URL-safe: the cookie's value.
pub fn new_token() -> String {
    let bytes: [u8; 32] = rand::rng().random();
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

pub fn token_hash(token: &str) -> String {
    let digest = Sha256::digest(token.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// "K7PQ-M3XT": 8 characters with no look-alikes (0/O, 1/I/L), ~40 bits.
pub fn new_activation_code() -> String {
    let mut rng = rand::rng();
    let chars: String = (0..8).map(|_| CODE_ALPHABET[rng.random_range(0..CODE_ALPHABET.len())] as char).collect();
    format!("{}-{}", &chars[..4], &chars[4..])
}

/// Accept what people type: any case, with or without spaces and dashes.
pub fn normalise_code(input: &str) -> Option<String> {
    let chars: String = input.chars().filter(|c| c.is_ascii_alphanumeric()).map(|c| c.to_ascii_uppercase()).collect();
    if chars.len() != 8 || !chars.bytes().all(|b| CODE_ALPHABET.contains(&b)) {
        return None;
    }
    Some(format!("{}-{}", &chars[..4], &chars[4..]))
}

/// 8 digits, never starting with 0, so it reads and types easily.
pub fn new_waymark_number() -> String {
    rand::rng().random_range(10_000_000u32..100_000_000).to_string()
}

/// Attempt limits on sign-in, by client address and by account.
pub struct Limits {
    by_client: DefaultKeyedRateLimiter<String>,
    by_account: DefaultKeyedRateLimiter<String>,
}

#[derive(Debug, PartialEq, Eq)]
pub struct Limited {
    pub minutes: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Self::new(20, 10)
    }
}

impl Limits {
    /// `per_client` and `per_account` attempts a minute (each with that burst).
    pub fn new(per_client: u32, per_account: u32) -> Self {
        let quota = |n: u32| Quota::per_minute(NonZeroU32::new(n.max(1)).unwrap_or(NonZeroU32::MIN));
        Limits { by_client: RateLimiter::keyed(quota(per_client)), by_account: RateLimiter::keyed(quota(per_account)) }
    }

    pub fn check(&self, client: &str, account: &str) -> Result<(), Limited> {
        let client_ok = self.by_client.check_key(&client.to_owned()).is_ok();
        let account_ok = self.by_account.check_key(&account.to_lowercase()).is_ok();
        if client_ok && account_ok {
            Ok(())
        } else {
            Err(Limited { minutes: 1 })
        }
    }

    /// Forget keys that are back to full allowance (call now and then).
    pub fn tidy(&self) {
        self.by_client.retain_recent();
        self.by_account.retain_recent();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_hash_and_verify() {
        let h = hash_secret("2580").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify_secret("2580", &h));
        assert!(!verify_secret("2581", &h));
        assert!(!verify_secret("2580", "not a hash"));
    }

    #[test]
    fn codes_round_trip_through_what_people_type() {
        for _ in 0..50 {
            let code = new_activation_code();
            assert_eq!(normalise_code(&code).as_deref(), Some(code.as_str()));
            assert_eq!(normalise_code(&code.to_lowercase().replace('-', " ")).as_deref(), Some(code.as_str()));
        }
        assert_eq!(normalise_code("abcd-efg"), None);
        assert_eq!(normalise_code("ABCD-EFGI"), None);
        assert_eq!(normalise_code(""), None);
    }

    #[test]
    fn tokens_are_unique_and_hashed() {
        let (a, b) = (new_token(), new_token());
        assert_ne!(a, b);
        assert_eq!(token_hash(&a).len(), 64);
        assert_ne!(token_hash(&a), a);
    }

    #[test]
    fn limits_stop_bursts_per_account_and_client() {
        let limits = Limits::new(100, 3);
        for _ in 0..3 {
            assert!(limits.check("1.2.3.4", "a@x").is_ok());
        }
        assert_eq!(limits.check("5.6.7.8", "A@X"), Err(Limited { minutes: 1 }));
        assert!(limits.check("5.6.7.8", "b@x").is_ok());
        let limits = Limits::new(2, 100);
        assert!(limits.check("c", "1").is_ok());
        assert!(limits.check("c", "2").is_ok());
        assert!(limits.check("c", "3").is_err());
    }
}
