//! The run loop: intake task, worker tasks, and the monitor that decides when to stop.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::{watch, Semaphore};
use tokio::task::JoinSet;
use tokio::time::Instant;
use tracing::{debug, info, warn, Instrument};

use super::worker::{self, Shared};
use super::{Pipeline, RunSummary, StopReason};
use crate::error::{PipelineError, SourceError};
use crate::queue::Pushed;
use crate::source::{Source, SourceEvent};

/// What the intake saw, shared with the monitor.
struct Activity {
    last_event: Mutex<Instant>,
    reconnecting: AtomicBool,
    accepted: std::sync::atomic::AtomicU64,
}

enum IntakeEnd {
    SourceFinished,
    MaxMessages,
    Stopped,
}

pub(crate) async fn run(
    pipeline: Pipeline,
    shutdown: impl std::future::Future<Output = ()> + Send,
) -> Result<RunSummary, PipelineError> {
    let Pipeline {
        stages,
        source,
        queue,
        fetcher,
        sink,
        out_dir,
        work_dir,
        download_concurrency,
        stage_concurrency,
        max_size,
        max_messages,
        idle_exit,
        shutdown_grace,
        metrics,
    } = pipeline;

    discard_stale_temp_files(&work_dir);

    let shared = Arc::new(Shared {
        stages,
        queue: queue.clone(),
        fetcher,
        sink,
        out_dir,
        work_dir,
        max_size,
        metrics: metrics.clone(),
        downloads: Semaphore::new(download_concurrency),
        stage_slots: Semaphore::new(stage_concurrency),
        in_flight: Mutex::new(std::collections::HashMap::new()),
    });

    let activity = Arc::new(Activity {
        last_event: Mutex::new(Instant::now()),
        reconnecting: AtomicBool::new(false),
        accepted: Default::default(),
    });
    let (stop_tx, stop_rx) = watch::channel(false);

    let mut intake = tokio::spawn(
        intake(
            source,
            shared.clone(),
            activity.clone(),
            max_messages,
            stop_rx,
        )
        .instrument(tracing::info_span!("intake")),
    );

    let mut workers = JoinSet::new();
    for n in 0..download_concurrency + stage_concurrency {
        let shared = shared.clone();
        workers.spawn(worker::work(shared).instrument(tracing::debug_span!("worker", n)));
    }

    tokio::pin!(shutdown);
    let mut ticker = tokio::time::interval(Duration::from_millis(100));
    let mut reason = None;
    let mut intake_done = false;
    let mut fatal: Option<PipelineError> = None;
    let mut shutting_down = false;

    // Phase 1: until intake ends (source finished, limit reached, idle, shutdown, error).
    while !intake_done {
        tokio::select! {
            end = &mut intake => {
                intake_done = true;
                match end {
                    Ok(Ok(IntakeEnd::SourceFinished)) => { reason.get_or_insert(StopReason::SourceFinished); }
                    Ok(Ok(IntakeEnd::MaxMessages)) => { reason.get_or_insert(StopReason::MaxMessages); }
                    Ok(Ok(IntakeEnd::Stopped)) => {}
                    Ok(Err(e)) => fatal = Some(e),
                    Err(join) => fatal = Some(PipelineError::Source(SourceError::new("PANIC", join.to_string()))),
                }
            }
            () = &mut shutdown, if !shutting_down => {
                info!("shutdown requested: no new events; finishing work in flight");
                shutting_down = true;
                reason = Some(StopReason::Shutdown);
                let _ = stop_tx.send(true);
                queue.shutdown().await;
            }
            Some(done) = workers.join_next() => {
                if let Some(e) = worker_failure(done) {
                    fatal = Some(e);
                    let _ = stop_tx.send(true);
                }
            }
            _ = ticker.tick() => {
                if let Some(idle) = idle_exit {
                    if is_idle(&activity, idle) && queue.outstanding().await? == 0 {
                        info!(idle_secs = idle.as_secs_f64(), "no event for the idle period and no work left: stopping");
                        reason = Some(StopReason::Idle);
                        let _ = stop_tx.send(true);
                    }
                }
            }
        }
    }
    queue.close().await;

    // Phase 2: workers drain the queue (bounded by the grace period after a shutdown).
    let drain = async {
        while let Some(done) = workers.join_next().await {
            if let Some(e) = worker_failure(done) {
                if fatal.is_none() {
                    fatal = Some(e);
                }
            }
        }
    };
    if shutting_down {
        if tokio::time::timeout(shutdown_grace, drain).await.is_err() {
            warn!(
                grace_secs = shutdown_grace.as_secs(),
                "in-flight work did not finish within the shutdown grace period"
            );
            workers.abort_all();
            worker::record_interrupted(&shared).await;
        }
    } else {
        tokio::select! {
            () = drain => {}
            () = &mut shutdown => {
                info!("shutdown requested while draining");
                reason = Some(StopReason::Shutdown);
                queue.shutdown().await;
                if tokio::time::timeout(shutdown_grace, async { while workers.join_next().await.is_some() {} }).await.is_err() {
                    workers.abort_all();
                    worker::record_interrupted(&shared).await;
                }
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

fn worker_failure(
    done: Result<Result<(), PipelineError>, tokio::task::JoinError>,
) -> Option<PipelineError> {
    match done {
        Ok(Ok(())) => None,
        Ok(Err(e)) => Some(e),
        Err(join) if join.is_cancelled() => None,
        Err(join) => Some(PipelineError::WorkerPanicked(join)),
    }
}

fn is_idle(activity: &Activity, idle: Duration) -> bool {
    if activity.reconnecting.load(Ordering::Relaxed) {
        return false;
    }
    let last = *activity
        .last_event
        .lock()
        .unwrap_or_else(|p| p.into_inner());
    last.elapsed() >= idle
}

/// Most events pushed to the queue in one batch (one transaction for a durable queue).
const MAX_BATCH: u64 = 256;

async fn intake(
    mut source: Box<dyn Source>,
    shared: Arc<Shared>,
    activity: Arc<Activity>,
    max_messages: Option<u64>,
    mut stop: watch::Receiver<bool>,
) -> Result<IntakeEnd, PipelineError> {
    use futures_util::FutureExt;

    loop {
        let accepted = activity.accepted.load(Ordering::Relaxed);
        let room = match max_messages {
            Some(max) if accepted >= max => return Ok(IntakeEnd::MaxMessages),
            Some(max) => (max - accepted).min(MAX_BATCH),
            None => MAX_BATCH,
        };
        let first = tokio::select! {
            biased;
            _ = stop.wait_for(|stop| *stop) => return Ok(IntakeEnd::Stopped),
            event = source.next() => event?,
        };
        // Take whatever else is ready right now, so a burst is stored in one transaction.
        let mut batch = Vec::new();
        let mut ended = !absorb(first, &mut batch, &activity);
        while !ended && (batch.len() as u64) < room {
            match source.next().now_or_never() {
                Some(Ok(event)) => ended = !absorb(event, &mut batch, &activity),
                Some(Err(error)) => {
                    push(&shared, &activity, batch).await?;
                    return Err(error.into());
                }
                None => break,
            }
        }
        push(&shared, &activity, batch).await?;
        if ended {
            return Ok(IntakeEnd::SourceFinished);
        }
    }
}

/// Files one source event; `false` when the source is finished.
fn absorb(
    event: Option<SourceEvent>,
    batch: &mut Vec<crate::job::Envelope>,
    activity: &Activity,
) -> bool {
    let touch = || {
        *activity
            .last_event
            .lock()
            .unwrap_or_else(|p| p.into_inner()) = Instant::now();
    };
    match event {
        None => return false,
        Some(SourceEvent::Connected) => {
            activity.reconnecting.store(false, Ordering::Relaxed);
            touch();
        }
        Some(SourceEvent::Reconnecting) => {
            activity.reconnecting.store(true, Ordering::Relaxed);
        }
        Some(SourceEvent::Message(envelope)) => {
            touch();
            batch.push(*envelope);
        }
    }
    true
}

async fn push(
    shared: &Shared,
    activity: &Activity,
    batch: Vec<crate::job::Envelope>,
) -> Result<(), PipelineError> {
    if batch.is_empty() {
        return Ok(());
    }
    let ids: Vec<String> = batch.iter().map(|e| e.id().to_owned()).collect();
    let results = shared.queue.push_batch(batch).await?;
    for (id, pushed) in ids.iter().zip(results) {
        match pushed {
            Pushed::Enqueued => {
                shared.metrics.add_received();
                activity.accepted.fetch_add(1, Ordering::Relaxed);
                debug!(message_id = %id, "queued");
            }
            Pushed::Duplicate => {
                shared.metrics.add_duplicate();
                debug!(message_id = %id, "duplicate delivery ignored");
            }
        }
    }
    Ok(())
}

/// Removes temporary download files a previous run left behind: they are never complete.
fn discard_stale_temp_files(work_dir: &std::path::Path) {
    let Ok(entries) = std::fs::read_dir(work_dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "part") {
            if let Err(e) = std::fs::remove_file(&path) {
                warn!(path = %path.display(), error = %e, "could not remove a stale temporary file");
            }
        }
    }
}
