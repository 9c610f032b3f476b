//! Waymark's server process (crate `server`). See DESIGN.md, Layout.

// Leptos view types nest deeply; release builds need more room to lay them out.
#![recursion_limit = "256"]

pub mod auth;
pub mod backend;
pub mod catalogue;
pub mod config;
pub mod hsds;
pub mod http;
pub mod store;
pub mod sync;

pub use store::seed;

use std::sync::Arc;

/// Open the store, seed demo data if asked, and build the router.
pub fn start(
    config: &config::Config,
) -> Result<(axum::Router, Arc<backend::WaymarkBackend>, Option<seed::Seeded>), StartError> {
    config.check()?;
    let catalogue = Arc::new(catalogue::Catalogue::load()?);
    // On a thread of its own that may block: start-up may be called on an
    // async worker (tests), where PostgreSQL's client must not run its calls.
    let (store, seeded) = std::thread::scope(|s| {
        s.spawn(|| {
            store::sql::blocking(|| -> Result<_, StartError> {
                let store = match &config.database_url {
                    Some(url) => store::Store::open_postgres(url)?,
                    None => store::Store::open(&config.data_dir)?,
                };
                let seeded = if config.demo { Some(seed::seed(&store)?) } else { None };
                Ok((Arc::new(store), seeded))
            })
        })
        .join()
        .map_err(|_| StartError::StartUp)?
    })?;
    let limits = auth::Limits::new(config.free_failures_per_client, config.free_failures_per_account);
    let hashing =
        backend::BlockingPool::new(config.hashing_threads.unwrap_or_else(backend::BlockingPool::half_the_cores));
    let backend = Arc::new(
        backend::WaymarkBackend::new(store, catalogue, limits, hashing, config.is_production())
            .map_err(StartError::Thread)?,
    );
    Ok((http::build(config, backend.clone())?, backend, seeded))
}

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Config(#[from] config::ConfigError),
    #[error(transparent)]
    Store(#[from] store::StoreError),
    #[error("built site: {0}")]
    Site(#[from] http::SiteFilesError),
    #[error("the thread opening the database stopped")]
    StartUp,
    #[error("a thread for sync commits: {0}")]
    Thread(std::io::Error),
    #[error("licence catalogue: {0}")]
    Catalogue(#[from] catalogue::CatalogueError),
}
