//! Passwords, PINs, session tokens, activation codes and attempt limits.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use base64::Engine;
use rand::Rng;
use sha2::{Digest, Sha256};

/// A person stays signed in on their phone for half a year at most...
pub const PERSON_SESSION_SECONDS: i64 = 180 * 24 * 3600;
/// ...and a month unused: long enough for weeks with no signal or no credit
/// (the phone keeps working offline), short enough that a phone left in a
/// drawer or sold asks for the PIN again.
pub const PERSON_IDLE_SECONDS: i64 = 30 * 24 * 3600;
/// A practitioner's session lasts a working day at most...
pub const PRACTITIONER_SESSION_SECONDS: i64 = 12 * 3600;
/// ...and two hours unused: desks are shared and caseloads are sensitive, and
/// a practitioner signs in again in seconds.
pub const PRACTITIONER_IDLE_SECONDS: i64 = 2 * 3600;
/// The session that made a share link may show it again for this long.
pub const SHARE_REVEAL_SECONDS: i64 = 10 * 60;
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

/// How long the next try waits after wrong ones in a row. Nothing ever locks:
/// the wait doubles from `base` after `free` failures, up to `cap`, and the
/// count starts again a day after the last failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Backoff {
    pub free: u32,
    pub base_seconds: i64,
    pub cap_seconds: i64,
}

/// Failures older than this no longer count.
pub const BACKOFF_MEMORY_SECONDS: i64 = 24 * 3600;

impl Backoff {
    pub fn delay(&self, failures: u32) -> i64 {
        if failures < self.free {
            return 0;
        }
        let doublings = (failures - self.free).min(30);
        self.base_seconds.saturating_mul(1_i64 << doublings).min(self.cap_seconds)
    }
}

/// The back-off for each kind of key (see `backend/sign_in.rs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// One client address (an IPv6 client counts by its /64).
    pub client: Backoff,
    /// One Waymark number, email or activation code, whoever types it.
    pub account: Backoff,
    /// One phone the person has signed in on before (its device cookie).
    pub device: Backoff,
}

impl Limits {
    /// `per_client` and `per_account` wrong tries before the waits begin.
    pub fn new(per_client: u32, per_account: u32) -> Self {
        Limits {
            client: Backoff { free: per_client, base_seconds: 30, cap_seconds: 3600 },
            account: Backoff { free: per_account, base_seconds: 30, cap_seconds: 15 * 60 },
            device: Backoff { free: per_account.max(5), base_seconds: 30, cap_seconds: 15 * 60 },
        }
    }
}

impl Default for Limits {
    fn default() -> Self {
        Self::new(10, 3)
    }
}

/// A share link's token, made from a random salt under the session that made
/// it: that session (and only it) can show the link again while the salt is
/// kept, and the database holds only the salt and the token's hash.
pub fn share_token(session_token: &str, salt: &str) -> String {
    use hmac::{Hmac, Mac};
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(session_token.as_bytes()).expect("HMAC takes any key length");
    mac.update(salt.as_bytes());
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
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
    fn waits_double_after_the_free_tries_up_to_a_cap() {
        let b = Backoff { free: 3, base_seconds: 30, cap_seconds: 900 };
        let waits: Vec<i64> = (0..10).map(|n| b.delay(n)).collect();
        assert_eq!(waits, [0, 0, 0, 30, 60, 120, 240, 480, 900, 900]);
        assert_eq!(b.delay(u32::MAX), 900, "no overflow");
    }

    #[test]
    fn a_share_token_is_made_again_only_under_the_same_session() {
        let t = share_token("session-a", "salt");
        assert_eq!(t, share_token("session-a", "salt"));
        assert_ne!(t, share_token("session-b", "salt"));
        assert_ne!(t, share_token("session-a", "salt2"));
        assert_eq!(t.len(), 43);
    }
}
