//! Every setting, from flags or environment variables (`waymark --help` lists them).

use clap::{Parser, ValueEnum};
use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Environment {
    Development,
    Production,
}

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    /// For people reading a terminal.
    Text,
    /// One JSON object a line, for a log collector.
    Json,
}

#[derive(Debug, Clone, Parser)]
#[command(name = "waymark", version, about = "Waymark: a pocket guide for life on licence.")]
pub struct Config {
    /// Address and port to listen on.
    #[arg(long, env = "LEPTOS_SITE_ADDR", default_value = "127.0.0.1:3000")]
    pub addr: SocketAddr,

    /// Directory for the SQLite database (created if missing).
    #[arg(long, env = "WAYMARK_DATA_DIR", default_value = ".waymark-data")]
    pub data_dir: PathBuf,

    /// PostgreSQL to keep everything in (`postgres://user@host:port/db`), for
    /// several servers on one database. Unset: SQLite in the data directory.
    #[arg(long, env = "WAYMARK_DATABASE_URL")]
    pub database_url: Option<String>,

    /// Log lines as `text` or `json` (one object a line).
    #[arg(long, env = "WAYMARK_LOG_FORMAT", value_enum, default_value = "text")]
    pub log_format: LogFormat,

    /// `production` refuses demo data and demo sign-ins.
    #[arg(long = "env", env = "WAYMARK_ENV", value_enum, default_value = "development")]
    pub environment: Environment,

    /// Load the demo office, practitioners and people (development only).
    #[arg(long, env = "WAYMARK_DEMO", default_value_t = true, action = clap::ArgAction::Set)]
    pub demo: bool,

    /// Directory with the built site: pkg/ (wasm, js, css) and the public files.
    #[arg(long, env = "LEPTOS_SITE_ROOT", default_value = "target/site")]
    pub site_root: PathBuf,

    /// Served over TLS (directly or behind a proxy): cookies get `Secure` and the `__Host-` prefix.
    /// Production always has them (see `unsafe_no_tls`); this is for development over TLS.
    #[arg(long, env = "WAYMARK_SECURE_COOKIES", default_value_t = false, action = clap::ArgAction::Set)]
    pub secure_cookies: bool,

    /// Wrong sign-in tries from one address before each next try must wait
    /// (30 s, doubling, at most an hour). Nothing ever locks.
    #[arg(long, env = "WAYMARK_FREE_FAILURES_PER_CLIENT", default_value_t = 10)]
    pub free_failures_per_client: u32,

    /// UNSAFE: production without TLS protections (no `Secure` cookies, no
    /// Strict-Transport-Security). Only for a trial with no TLS in front of it.
    #[arg(long, env = "WAYMARK_UNSAFE_NO_TLS", default_value_t = false, action = clap::ArgAction::Set)]
    pub unsafe_no_tls: bool,

    /// Wrong tries for one Waymark number, email or activation code before each
    /// next try must wait (30 s, doubling, at most 15 minutes). A phone the
    /// person signed in on before is slowed only by its own wrong tries.
    #[arg(long, env = "WAYMARK_FREE_FAILURES_PER_ACCOUNT", default_value_t = 3)]
    pub free_failures_per_account: u32,

    /// Proxies whose `X-Forwarded-For` is believed: addresses or CIDR ranges,
    /// comma-separated (e.g. `127.0.0.1,10.0.0.0/8`). The client is the
    /// right-most address in the header that is not one of them. Empty: the
    /// TCP peer is the client, and the header is ignored.
    #[arg(long, env = "WAYMARK_TRUSTED_PROXIES", value_delimiter = ',', value_parser = parse_proxy)]
    pub trusted_proxies: Vec<ipnet::IpNet>,

    /// Threads that may hash passwords and PINs at once (default: half the cores).
    #[arg(long, env = "WAYMARK_HASHING_THREADS")]
    pub hashing_threads: Option<usize>,

    /// Largest request body accepted, in bytes.
    #[arg(long, env = "WAYMARK_MAX_BODY_BYTES", default_value_t = 64 * 1024)]
    pub max_body_bytes: usize,

    /// Largest Open Referral UK file an office admin may import, in bytes.
    #[arg(long, env = "WAYMARK_MAX_IMPORT_BYTES", default_value_t = 2 * 1024 * 1024)]
    pub max_import_bytes: usize,
}

/// An address (`10.0.0.1`) or a range (`10.0.0.0/8`).
fn parse_proxy(s: &str) -> Result<ipnet::IpNet, String> {
    let s = s.trim();
    s.parse::<ipnet::IpNet>()
        .or_else(|_| s.parse::<std::net::IpAddr>().map(ipnet::IpNet::from))
        .map_err(|_| format!("{s:?} is not an IP address or CIDR range"))
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("WAYMARK_ENV=production cannot run with demo data: set WAYMARK_DEMO=false")]
    DemoInProduction,
    #[error("WAYMARK_MAX_BODY_BYTES must be at least {0}: phones send their changes in requests up to that size")]
    BodyLimitTooSmall(usize),
}

impl Config {
    pub fn is_production(&self) -> bool {
        self.environment == Environment::Production
    }

    /// Production is served over TLS unless turned off by the setting that says it is unsafe.
    pub fn tls_protections(&self) -> bool {
        self.is_production() && !self.unsafe_no_tls
    }

    /// Every cookie `Secure` and `__Host-` prefixed.
    pub fn secure_cookies(&self) -> bool {
        self.secure_cookies || self.tls_protections()
    }

    pub fn check(&self) -> Result<(), ConfigError> {
        if self.is_production() && self.demo {
            return Err(ConfigError::DemoInProduction);
        }
        if self.max_body_bytes < app::model::sync::MAX_REQUEST_BYTES {
            return Err(ConfigError::BodyLimitTooSmall(app::model::sync::MAX_REQUEST_BYTES));
        }
        Ok(())
    }

    /// Settings for tests: a given data directory, demo data, no TLS; a
    /// fresh PostgreSQL database when `WAYMARK_TEST_DATABASE_URL` is set.
    pub fn for_tests(data_dir: PathBuf) -> Config {
        #[allow(unused_mut)]
        let mut config =
            Config::parse_from(["waymark", "--data-dir", &data_dir.to_string_lossy(), "--env", "development"]);
        #[cfg(feature = "testing")]
        {
            config.database_url = crate::store::pg_testing::fresh_database_url();
        }
        config
    }
}
