//! A bounded blocking pool: SQLite and argon2 block, so they run here, off the
//! async worker threads, at most `permits` calls at a time; a request waiting
//! for a permit waits without holding a thread.

use super::access;
use std::sync::Arc;
use tokio::sync::Semaphore;

#[derive(Clone)]
pub struct BlockingPool {
    permits: Arc<Semaphore>,
}

#[derive(Debug, thiserror::Error)]
pub enum PoolError {
    #[error("the blocking pool is closed")]
    Closed,
    #[error("a blocking task failed: {0}")]
    Task(#[from] tokio::task::JoinError),
}

impl BlockingPool {
    pub fn new(permits: usize) -> Self {
        BlockingPool { permits: Arc::new(Semaphore::new(permits.max(1))) }
    }

    /// Half the cores (at least one), so hashing never takes the whole machine.
    pub fn half_the_cores() -> usize {
        std::thread::available_parallelism().map(|n| n.get() / 2).unwrap_or(1).max(1)
    }

    /// Run `f` on a blocking thread once a permit is free. The request's client
    /// address (a task-local, or the Leptos context) goes with it, for the audit.
    pub async fn run<T: Send + 'static>(&self, f: impl FnOnce() -> T + Send + 'static) -> Result<T, PoolError> {
        let client = access::request_client();
        let permit = self.permits.clone().acquire_owned().await.map_err(|_| PoolError::Closed)?;
        // The permit moves into the task: it is held until the work is done,
        // even if the request that asked has gone.
        Ok(tokio::task::spawn_blocking(move || {
            let out = crate::store::sql::blocking(|| access::with_client(client, f));
            drop(permit);
            out
        })
        .await?)
    }
}

#[cfg(test)]
mod tests {
    use super::BlockingPool;

    #[tokio::test]
    async fn the_pool_runs_work_off_the_caller() {
        let pool = BlockingPool::new(1);
        let caller = std::thread::current().id();
        let ran_on = pool.run(|| std::thread::current().id()).await.unwrap();
        assert_ne!(ran_on, caller);
    }

    #[tokio::test]
    async fn the_client_goes_with_the_work() {
        let pool = BlockingPool::new(1);
        let key = app::backend::ClientKey("203.0.113.9".into());
        let seen = super::access::REQUEST_CLIENT.scope(key, pool.run(super::access::request_client)).await.unwrap();
        assert_eq!(seen.as_deref(), Some("203.0.113.9"));
        assert_eq!(pool.run(super::access::request_client).await.unwrap(), None, "and stays with it");
    }
}
