//! Group commit for phones' syncs (issue 14.5). Each commit costs an fsync
//! (`synchronous = FULL`), and one writer takes them in turn, so syncs that
//! arrive while a commit is on its way to disk wait, and then go in together:
//! one transaction, each request in its own savepoint (a refused request
//! leaves no trace and does not touch the others), one fsync. Every request
//! is answered only after the commit that holds its ops, so "applied" still
//! means on disk. No timer: a lone sync commits at once.
//!
//! The writing runs on a thread of its own, so the async workers never wait
//! on the writer's lock or the disk for a sync, and a burst of syncs holds one
//! thread, not one blocking-pool permit each.

use super::{access, Engine};
use crate::store::StoreError;
use crate::sync::{Refused, Request};
use app::error::AppError;
use app::model::sync::OpResult;
use app::model::CaseId;
use std::sync::mpsc;
use std::sync::Arc;

/// Most requests in one transaction: a bound on how long the last one waits.
const MOST_IN_ONE_COMMIT: usize = 32;

type Answer = Result<Vec<OpResult>, Refused>;
type Reply = tokio::sync::oneshot::Sender<Answer>;

struct Job {
    case: CaseId,
    request: Request,
    /// Where the request came from, for any audit row its ops write.
    client: Option<String>,
    reply: Reply,
}

/// Hands syncs to the writing thread. Cheap to clone; the thread ends when
/// the last clone is dropped.
#[derive(Clone)]
pub(crate) struct Committer {
    jobs: mpsc::Sender<Job>,
}

impl Committer {
    pub(crate) fn start(engine: Arc<Engine>) -> std::io::Result<Committer> {
        let (jobs, waiting) = mpsc::channel();
        std::thread::Builder::new().name("waymark-sync-commit".into()).spawn(move || run(&engine, &waiting))?;
        Ok(Committer { jobs })
    }

    /// Apply the request's ops for `case`; answers once they are on disk.
    pub(crate) async fn apply(&self, case: CaseId, request: Request) -> Answer {
        let (reply, answer) = tokio::sync::oneshot::channel();
        let gone = || Refused::Internal(AppError::internal("the sync writer stopped"));
        let client = access::request_client();
        self.jobs.send(Job { case, request, client, reply }).map_err(|_| gone())?;
        answer.await.map_err(|_| gone())?
    }
}

fn run(engine: &Engine, waiting: &mpsc::Receiver<Job>) {
    while let Ok(first) = waiting.recv() {
        let mut batch = vec![first];
        while batch.len() < MOST_IN_ONE_COMMIT {
            match waiting.try_recv() {
                Ok(job) => batch.push(job),
                Err(_) => break,
            }
        }
        for (reply, answer) in commit(engine, batch) {
            // The phone may have gone; its ops are kept and its retry is answered from the record.
            let _ = reply.send(answer);
        }
    }
}

/// One transaction for the batch; each request's answer, or every request's
/// refusal when the commit itself failed (then nothing of the batch was kept).
fn commit(engine: &Engine, batch: Vec<Job>) -> Vec<(Reply, Answer)> {
    let mut answers = Vec::with_capacity(batch.len());
    let committed = engine.store.write_tx(|tx| {
        for Job { case, request, client, reply } in batch {
            let answer = access::with_client(client, || tx.savepoint(|one| Engine::apply_request(one, case, request)));
            answers.push((reply, answer));
        }
        Ok::<_, StoreError>(())
    });
    match committed {
        Ok(()) => answers,
        Err(e) => refuse_all(answers.into_iter().map(|(reply, _)| reply), &e),
    }
}

fn refuse_all(replies: impl Iterator<Item = Reply>, e: &StoreError) -> Vec<(Reply, Answer)> {
    tracing::error!(error = %e, "sync commit");
    replies.map(|reply| (reply, Err(Refused::Internal(AppError::internal(e.to_string()))))).collect()
}
