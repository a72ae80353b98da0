//! The run loop shared by a whole pipeline and by a pool of workers alone: spawn the halves,
//! watch them, decide when and how to stop.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::watch;
use tokio::task::JoinSet;
use tracing::{debug, error, info, warn, Instrument};

use super::{RunSummary, StopReason};
use crate::error::PipelineError;
use crate::intake::{Intake, IntakeEnd};
use crate::queue::JobQueue;
use crate::workers::{record_interrupted, work, Workers};

/// After a fatal error, how long the other workers get to finish the job in hand before they
/// are aborted (their jobs stay in a durable queue for the next run).
const FATAL_GRACE: Duration = Duration::from_secs(3);

/// How long a stopping intake gets to close its source and file what it still holds.
const INTAKE_CLOSE_WAIT: Duration = Duration::from_secs(15);

/// Runs `workers`, fed by `intake` into `queue` when given (a whole pipeline), until the
/// source ends and the work is done, `shutdown` completes, the idle period passes, or a fatal
/// error.
pub(crate) async fn run(
    intake: Option<(Intake, Arc<dyn JobQueue>)>,
    workers: Workers,
    shutdown: impl std::future::Future<Output = ()> + Send,
) -> Result<RunSummary, PipelineError> {
    let Workers {
        shared,
        tasks,
        idle_exit,
        shutdown_grace,
    } = workers;
    let metrics = shared.metrics.clone();
    let queue = shared.queue.clone();
    let (stop_tx, stop_rx) = watch::channel(false);

    let (mut intake_task, enqueue) = match intake {
        Some((intake, q)) => (
            Some(tokio::spawn(
                intake
                    .run(stop_rx)
                    .instrument(tracing::info_span!("intake")),
            )),
            Some(q),
        ),
        None => (None, None),
    };
    let mut pool = JoinSet::new();
    for n in 0..tasks {
        pool.spawn(work(shared.clone()).instrument(tracing::debug_span!("worker", n)));
    }

    tokio::pin!(shutdown);
    let mut ticker = tokio::time::interval(Duration::from_millis(100));
    let mut reason: Option<StopReason> = None;
    let mut fatal: Option<PipelineError> = None;
    let mut shutting_down = false;

    // Until the intake ends (or, for workers alone, until they end, are stopped or go idle).
    loop {
        tokio::select! {
            end = async { intake_task.as_mut().expect("guarded").await }, if intake_task.is_some() => {
                match end {
                    Ok(Ok(IntakeEnd::SourceFinished)) => { reason.get_or_insert(StopReason::SourceFinished); }
                    Ok(Ok(IntakeEnd::MaxMessages)) => { reason.get_or_insert(StopReason::MaxMessages); }
                    Ok(Ok(_)) => {}
                    Ok(Err(e)) => fatal = Some(e),
                    Err(join) => fatal = Some(PipelineError::WorkerPanicked(join)),
                }
                intake_task = None;
                if fatal.is_some() {
                    queue.halt();
                }
                break;
            }
            () = &mut shutdown, if !shutting_down => {
                info!("shutdown requested: no new events; finishing work in flight");
                shutting_down = true;
                reason = Some(StopReason::Shutdown);
                let _ = stop_tx.send(true);
                stop_handing_out(&*queue, enqueue.as_deref()).await;
                if intake_task.is_none() {
                    break;
                }
            }
            done = pool.join_next() => {
                match done {
                    Some(done) => {
                        if let Some(e) = failure(done) {
                            error!(error = %e, "fatal: stopping the run");
                            fatal = Some(e);
                            let _ = stop_tx.send(true);
                            queue.halt();
                            break;
                        }
                    }
                    // Workers alone, and the queue handed out its last job.
                    None => break,
                }
            }
            _ = ticker.tick() => {
                if let Some(idle) = idle_exit {
                    let snapshot = metrics.snapshot();
                    let quiet = match intake_task {
                        Some(_) => metrics.since_last_event() >= idle && queue.waiting() == 0,
                        None => metrics.since_last_take() >= idle,
                    };
                    if quiet && snapshot.in_flight == 0 && reason.is_none() {
                        info!(idle_secs = idle.as_secs_f64(), "nothing arrived for the idle period and no work is left: stopping");
                        reason = Some(StopReason::Idle);
                        let _ = stop_tx.send(true);
                        if intake_task.is_none() {
                            queue.halt();
                            break;
                        }
                    }
                }
            }
        }
    }
    if let Some(task) = intake_task.take() {
        // A fatal error in a worker: the intake closes its source and files what it still
        // holds into the queue (a durable one keeps it for the next run).
        let _ = stop_tx.send(true);
        let abort = task.abort_handle();
        match tokio::time::timeout(INTAKE_CLOSE_WAIT, task).await {
            Ok(Ok(Ok(_))) => {}
            Ok(Ok(Err(e))) => warn!(error = %e, "the intake failed while stopping"),
            Ok(Err(join)) => warn!(error = %join, "the intake failed while stopping"),
            Err(_) => {
                warn!(
                    wait_secs = INTAKE_CLOSE_WAIT.as_secs(),
                    "the intake did not stop in time"
                );
                abort.abort();
            }
        }
    }
    if let Some(q) = &enqueue {
        q.close().await;
    }

    // The workers drain the queue: bounded by the grace period after a shutdown, by a few
    // seconds after a fatal error.
    let mut limit = if fatal.is_some() {
        Some(FATAL_GRACE)
    } else if shutting_down {
        Some(shutdown_grace)
    } else {
        None
    };
    loop {
        match drain(&mut pool, limit, &mut shutdown, shutting_down).await {
            Drained::All => break,
            Drained::Failed(e) => {
                if fatal.is_none() {
                    error!(error = %e, "fatal: stopping the run");
                    fatal = Some(e);
                    let _ = stop_tx.send(true);
                    queue.halt();
                    limit = Some(FATAL_GRACE);
                }
            }
            Drained::ShutdownRequested => {
                info!("shutdown requested while draining");
                shutting_down = true;
                reason = Some(StopReason::Shutdown);
                stop_handing_out(&*queue, enqueue.as_deref()).await;
                limit = Some(shutdown_grace);
            }
            Drained::TimedOut => {
                if fatal.is_none() {
                    warn!(
                        grace_secs = shutdown_grace.as_secs(),
                        "in-flight work did not finish within the shutdown grace period"
                    );
                }
                pool.abort_all();
                while pool.join_next().await.is_some() {}
                queue.halt();
                if fatal.is_none() {
                    record_interrupted(&shared).await;
                }
                break;
            }
        }
    }

    if let Some(e) = fatal {
        return Err(e);
    }
    let summary = RunSummary {
        metrics: metrics.snapshot(),
        stopped_by: reason.unwrap_or(StopReason::SourceFinished),
    };
    debug!(?summary, "run finished");
    Ok(summary)
}

/// A shutdown: a durable queue stops handing out at once (what is not started stays stored for
/// the next run); a queue that loses what it holds is closed instead, so that everything received
/// is still processed within the grace period.
/// (It is closed once the intake has filed what its source still held.)
async fn stop_handing_out(queue: &dyn crate::queue::Dequeue, enqueue: Option<&dyn JobQueue>) {
    if queue.is_durable() || enqueue.is_none() {
        queue.halt();
    }
}

enum Drained {
    All,
    TimedOut,
    ShutdownRequested,
    Failed(PipelineError),
}

/// Waits for the workers until all ended, `limit` passed (counted from this call), one failed,
/// or a shutdown was requested (unless one already was).
async fn drain(
    pool: &mut JoinSet<Result<(), PipelineError>>,
    limit: Option<Duration>,
    shutdown: &mut (impl std::future::Future<Output = ()> + Unpin),
    shutting_down: bool,
) -> Drained {
    let deadline = limit.map(|l| tokio::time::Instant::now() + l);
    loop {
        let next = async {
            match deadline {
                Some(at) => tokio::time::timeout_at(at, pool.join_next()).await.ok(),
                None => Some(pool.join_next().await),
            }
        };
        tokio::select! {
            joined = next => match joined {
                None => return Drained::TimedOut,
                Some(None) => return Drained::All,
                Some(Some(done)) => {
                    if let Some(e) = failure(done) {
                        return Drained::Failed(e);
                    }
                }
            },
            () = &mut *shutdown, if !shutting_down => return Drained::ShutdownRequested,
        }
    }
}

fn failure(
    done: Result<Result<(), PipelineError>, tokio::task::JoinError>,
) -> Option<PipelineError> {
    match done {
        Ok(Ok(())) => None,
        Ok(Err(e)) => Some(e),
        Err(join) if join.is_cancelled() => None,
        Err(join) => Some(PipelineError::WorkerPanicked(join)),
    }
}
