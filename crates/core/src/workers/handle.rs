//! One worker task: take a job, get its media, run the stages, hand it to the sink, end it.

use std::sync::Arc;

use time::OffsetDateTime;
use tracing::{debug, info_span, warn, Instrument};

use super::stages::{run_stages, skipped};
use super::Shared;
use crate::error::{ErrorCode, ErrorReport, PipelineError};
use crate::event::{AvailableMedia, Media};
use crate::item::Item;
use crate::job::{Envelope, Job};
use crate::observe::Observer;
use crate::queue::{Completion, RetryRequest};
use crate::report::{StageReport, Status};
use crate::sink::{sanitize, Finished};

/// A worker task: jobs until the queue hands out no more (or a fatal error).
pub(crate) async fn work(shared: Arc<Shared>) -> Result<(), PipelineError> {
    while let Some(job) = shared.queue.take().await? {
        shared.metrics.took();
        let span = info_span!(
            "message",
            message_id = %crate::log::escape(job.id()),
            kind = %crate::log::escape(job.envelope.message.kind.as_str()),
            attempt = job.attempt
        );
        let result = handle(&shared, job).instrument(span).await;
        shared.metrics.released();
        result?;
    }
    Ok(())
}

async fn handle(shared: &Shared, job: Job) -> Result<(), PipelineError> {
    let id = job.id().to_owned();
    shared
        .in_flight
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .insert(id.clone(), (job.envelope.clone(), job.attempt));
    let result = process(shared, job).await;
    shared
        .in_flight
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .remove(&id);
    result
}

/// The work file of a message: the same on every attempt and after a restart, unique per
/// message (so a fetcher may resume it, and two messages never share one).
fn temp_path(shared: &Shared, job: &Job) -> std::path::PathBuf {
    shared
        .work_dir
        .join(format!("{}.part", sanitize::message_dir(job.id())))
}

/// Whether a message can have left files in the work directory when it is delivered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum WorkFiles {
    /// No fetcher was given the work path (no media, an unreadable event), or the fetcher
    /// handed back a file it reads in place (`--input`): there is nothing to remove.
    None,
    /// A fetcher was given the work path: its file, or what it kept beside it, may be there.
    Possible,
}

/// Removes the message's work file and whatever a fetcher kept beside it (`.part.*`), in one
/// trip to the blocking pool (a `tokio::fs` call per file and per directory entry cost several
/// thread hand-offs for every message).
async fn remove_work_files(shared: &Shared, job: &Job) {
    let part = temp_path(shared, job);
    let work_dir = shared.work_dir.clone();
    let removal = tokio::task::spawn_blocking(move || {
        let _ = std::fs::remove_file(&part);
        let Some(prefix) = part
            .file_name()
            .map(|n| format!("{}.", n.to_string_lossy()))
        else {
            return;
        };
        let Ok(entries) = std::fs::read_dir(&work_dir) else {
            return;
        };
        for entry in entries.flatten() {
            if entry.file_name().to_string_lossy().starts_with(&prefix) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    });
    let _ = removal.await;
}

async fn process(shared: &Shared, job: Job) -> Result<(), PipelineError> {
    if let Some(defect) = job.envelope.defect.clone() {
        warn!(code = %defect.code, error = %crate::log::escape(&defect.message), "the event could not be read");
        let finished = finished_without_blob(
            shared,
            &job,
            Status::Failed,
            Some(defect),
            "unreadable event",
        );
        return deliver(shared, job, finished, Completion::Failed, WorkFiles::None).await;
    }
    let media = match &job.envelope.message.media {
        Some(Media::Available(media)) => media.clone(),
        Some(Media::Unavailable(_)) => {
            let finished =
                finished_without_blob(shared, &job, Status::Unavailable, None, "media unavailable");
            return deliver(shared, job, finished, Completion::Done, WorkFiles::None).await;
        }
        None => {
            let finished = finished_without_blob(shared, &job, Status::NoMedia, None, "no media");
            return deliver(shared, job, finished, Completion::Done, WorkFiles::None).await;
        }
    };

    let fetched = {
        let _permit = shared.downloads.acquire().await;
        let started = std::time::Instant::now();
        let fetched = fetch(shared, &job, &media).await;
        let outcome = fetched.as_ref().map(|b| b.len()).map_err(|e| e.code());
        shared.observer.fetched(&job, outcome, started.elapsed());
        fetched
    };
    let blob = match fetched {
        Ok(blob) => blob,
        Err(error) => {
            let report = error.to_report();
            if error.is_retryable() && !job.is_last_attempt() {
                let retry = RetryRequest {
                    error: report.clone(),
                    not_before: error.retry_after(),
                };
                let observed = job.clone();
                let delay = shared.queue.retry(job, retry).await?;
                shared.metrics.add_retried();
                shared
                    .observer
                    .retry_scheduled(&observed, &report.code, delay);
                debug!(code = %report.code, delay_ms = delay.as_millis() as u64, "fetch failed, retry scheduled");
                return Ok(());
            }
            let how = if error.is_retryable() {
                warn!(code = %report.code, error = %crate::log::escape(&report.message), "fetch failed, no attempts left");
                Completion::DeadLettered
            } else {
                warn!(code = %report.code, error = %crate::log::escape(&report.message), "fetch failed");
                Completion::Failed
            };
            let finished = finished_without_blob(
                shared,
                &job,
                Status::Failed,
                Some(report),
                "download failed",
            );
            return deliver(shared, job, finished, how, WorkFiles::Possible).await;
        }
    };
    shared.metrics.add_downloaded(blob.len());

    let _slot = shared.stage_slots.acquire().await;
    let mut item = Item::new(Arc::new(job.envelope.message.clone()), blob);
    let outcome = run_stages(shared, &mut item).await;
    for replaced in item.take_replaced() {
        if let Err(e) = tokio::fs::remove_file(&replaced).await {
            debug!(path = %replaced.display(), error = %e, "could not remove a replaced blob");
        }
    }
    let (blob, _facts, artifacts) = item.into_parts();
    let work_files = if blob.is_owned() {
        WorkFiles::Possible
    } else {
        WorkFiles::None
    };
    if outcome.retryable && !job.is_last_attempt() {
        // A stage could not write (a full disk): the whole message gets another attempt.
        if blob.is_owned() {
            let _ = tokio::fs::remove_file(blob.path()).await;
        }
        let retry = RetryRequest {
            error: outcome.error.unwrap_or_else(|| {
                ErrorReport::new(ErrorCode::DiskFull, "a stage could not write")
            }),
            not_before: None,
        };
        let delay = shared.queue.retry(job, retry).await?;
        shared.metrics.add_retried();
        debug!(
            delay_ms = delay.as_millis() as u64,
            "a stage failed for a local reason, retry scheduled"
        );
        return Ok(());
    }
    let status = if outcome.error.is_some() {
        Status::Failed
    } else {
        Status::Processed
    };
    let how = match (status, outcome.retryable) {
        (Status::Failed, true) => Completion::DeadLettered,
        (Status::Failed, false) => Completion::Failed,
        _ => Completion::Done,
    };
    let finished = Finished {
        envelope: job.envelope.clone(),
        status,
        error: outcome.error,
        blob: Some(blob),
        stages: outcome.reports,
        artifacts,
        quarantine: outcome.quarantine,
        attempts: job.attempt,
        replaces_report_line: job.replaces_report_line,
        finished_at: OffsetDateTime::now_utc(),
        stored_path: None,
        blob_url: None,
    };
    deliver(shared, job, finished, how, work_files).await
}

async fn fetch(
    shared: &Shared,
    job: &Job,
    media: &AvailableMedia,
) -> Result<crate::Blob, crate::FetchError> {
    let temp = temp_path(shared, job);
    let blob = shared.fetcher.fetch(job, media, &temp).await?;
    if blob.len() > shared.max_size {
        if blob.is_owned() {
            let _ = tokio::fs::remove_file(blob.path()).await;
        }
        return Err(crate::FetchError::new(
            ErrorCode::TooLarge,
            format!(
                "{} bytes is over the {}-byte limit",
                blob.len(),
                shared.max_size
            ),
        ));
    }
    Ok(blob)
}

fn stage_reports(shared: &Shared, reason: &str) -> Vec<(&'static str, StageReport)> {
    shared
        .stages
        .iter()
        .map(|s| (s.stage.name(), skipped(reason)))
        .collect()
}

fn finished_without_blob(
    shared: &Shared,
    job: &Job,
    status: Status,
    error: Option<ErrorReport>,
    reason: &str,
) -> Finished {
    let mut finished = Finished::without_blob(
        job.envelope.clone(),
        status,
        error,
        stage_reports(shared, reason),
        job.attempt,
    );
    finished.replaces_report_line = job.replaces_report_line;
    finished
}

async fn deliver(
    shared: &Shared,
    job: Job,
    finished: Finished,
    how: Completion,
    work_files: WorkFiles,
) -> Result<(), PipelineError> {
    let failed = finished.status == Status::Failed;
    shared.sink.finish(finished).await?;
    shared.metrics.add_finished(failed);
    if work_files == WorkFiles::Possible {
        remove_work_files(shared, &job).await;
    }
    shared.queue.complete(job, how).await?;
    Ok(())
}

/// Records as failed (`INTERRUPTED`) every job still held or waiting in a queue that loses
/// what it holds, after a shutdown ran out of time: nothing received disappears without a line.
pub(crate) async fn record_interrupted(shared: &Shared) {
    if shared.queue.is_durable() {
        // The store still holds them: the next run resumes them.
        return;
    }
    let mut jobs: Vec<(Envelope, u32)> = shared
        .in_flight
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .drain()
        .map(|(_, v)| v)
        .collect();
    jobs.extend(
        shared
            .queue
            .abandon()
            .into_iter()
            .map(|job| (job.envelope, job.attempt)),
    );
    for (envelope, attempts) in jobs {
        warn!(message_id = %crate::log::escape(envelope.id()), "recording unfinished message as interrupted");
        let finished = Finished::without_blob(
            envelope,
            Status::Failed,
            Some(ErrorReport::new(
                ErrorCode::Interrupted,
                "the run was stopped before this message finished",
            )),
            stage_reports(shared, "interrupted"),
            attempts,
        );
        match shared.sink.finish(finished).await {
            Ok(()) => shared.metrics.add_finished(true),
            Err(e) => warn!(error = %e, "could not record an interrupted message"),
        }
    }
}
