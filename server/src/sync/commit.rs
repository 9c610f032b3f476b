//! Group commit for phones' syncs (issue 14.5). Each commit costs an fsync
//! (`synchronous = FULL`), and one writer takes them in turn, so syncs that
//! arrive while a commit is on its way to disk wait, and then go in together:
//! one transaction, each request in its own savepoint (a refused request
//! leaves no trace and does not touch the others), one fsync. Every request
//! is answered only after the commit that holds its ops, so "applied" still
//! means on disk. No timer: a lone sync commits at once.
//!
//! The writing runs on its own thread, so the async workers never wait on
//! the writer's lock or the disk for a sync.

use super::{apply_request, Refused, Request};
use crate::backend::WaymarkBackend;
use app::error::AppError;
use app::model::sync::OpResult;
use app::model::CaseId;
use std::sync::mpsc;
use std::sync::Arc;

/// Most requests in one transaction: a bound on how long the last one waits.
const MOST_IN_ONE_COMMIT: usize = 32;

type Answer = Result<Vec<OpResult>, Refused>;

struct Job {
    case: CaseId,
    request: Request,
    reply: tokio::sync::oneshot::Sender<Answer>,
}

/// Hands syncs to the writing thread. Cheap to clone; the thread ends when
/// the last clone is dropped.
#[derive(Clone)]
pub struct Committer {
    jobs: mpsc::Sender<Job>,
}

impl Committer {
    pub fn start(backend: Arc<WaymarkBackend>) -> std::io::Result<Committer> {
        let (jobs, waiting) = mpsc::channel();
        std::thread::Builder::new().name("waymark-sync-commit".into()).spawn(move || run(&backend, &waiting))?;
        Ok(Committer { jobs })
    }

    /// Apply the request's ops for `case`; answers once they are on disk.
    pub async fn apply(&self, case: CaseId, request: Request) -> Answer {
        let (reply, answer) = tokio::sync::oneshot::channel();
        let gone = || Refused::Internal(AppError::internal("the sync writer stopped"));
        self.jobs.send(Job { case, request, reply }).map_err(|_| gone())?;
        answer.await.map_err(|_| gone())?
    }
}

fn run(backend: &WaymarkBackend, waiting: &mpsc::Receiver<Job>) {
    while let Ok(first) = waiting.recv() {
        let mut batch = vec![first];
        while batch.len() < MOST_IN_ONE_COMMIT {
            match waiting.try_recv() {
                Ok(job) => batch.push(job),
                Err(_) => break,
            }
        }
        for (reply, answer) in commit(backend, batch) {
            // The phone may have gone; its ops are kept and its retry is answered from the record.
            let _ = reply.send(answer);
        }
    }
}

/// One transaction for the batch; each request's answer, or every request's
/// refusal when the commit itself failed (then nothing of the batch was kept).
fn commit(backend: &WaymarkBackend, batch: Vec<Job>) -> Vec<(tokio::sync::oneshot::Sender<Answer>, Answer)> {
    let mut conn = backend.store().write();
    let mut outer = match conn.savepoint() {
        Ok(tx) => tx,
        Err(e) => return refuse_all(batch, &e),
    };
    let mut answers = Vec::with_capacity(batch.len());
    for job in batch {
        let answer = outer.savepoint().map_err(Refused::from).and_then(|mut one| {
            let results = apply_request(&mut one, job.case, job.request)?;
            one.commit()?;
            Ok(results)
        });
        answers.push((job.reply, answer));
    }
    match outer.commit() {
        Ok(()) => answers,
        Err(e) => {
            tracing::error!(error = %e, "sync commit");
            answers.into_iter().map(|(reply, _)| (reply, Err(internal(&e)))).collect()
        }
    }
}

fn refuse_all(batch: Vec<Job>, e: &rusqlite::Error) -> Vec<(tokio::sync::oneshot::Sender<Answer>, Answer)> {
    tracing::error!(error = %e, "sync transaction");
    batch.into_iter().map(|job| (job.reply, Err(internal(e)))).collect()
}

fn internal(e: &rusqlite::Error) -> Refused {
    Refused::Internal(AppError::internal(e.to_string()))
}
