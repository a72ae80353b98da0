//! One worker: take a job, get its media, run the stages, hand it to the sink.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use time::OffsetDateTime;
use tokio::sync::Semaphore;
use tracing::{debug, info_span, warn, Instrument};

use super::{Metrics, StageEntry};
use crate::blob::Blob;
use crate::error::{ErrorReport, FetchError, PipelineError};
use crate::event::Media;
use crate::fetch::Fetcher;
use crate::item::Item;
use crate::job::{Envelope, Job, JobState};
use crate::queue::{Completion, JobQueue, Retry};
use crate::report::{StageReport, StageStatus, Status};
use crate::sink::{sanitize, Finished, Sink};
use crate::stage::{OnError, StageContext};

pub(crate) struct Shared {
    pub(crate) stages: Vec<StageEntry>,
    pub(crate) queue: Arc<dyn JobQueue>,
    pub(crate) fetcher: Arc<dyn Fetcher>,
    pub(crate) sink: Arc<dyn Sink>,
    pub(crate) out_dir: PathBuf,
    pub(crate) work_dir: PathBuf,
    pub(crate) max_size: u64,
    pub(crate) metrics: Arc<Metrics>,
    pub(crate) downloads: Semaphore,
    pub(crate) stage_slots: Semaphore,
    pub(crate) in_flight: Mutex<HashMap<String, (Envelope, u32)>>,
}

pub(crate) async fn work(shared: Arc<Shared>) -> Result<(), PipelineError> {
    while let Some(job) = shared.queue.pop().await? {
        let span = info_span!(
            "message",
            message_id = %job.id(),
            kind = %job.envelope.message.kind,
            attempt = job.attempt
        );
        handle(&shared, job).instrument(span).await?;
    }
    Ok(())
}

/// Records every job still in flight as failed with `INTERRUPTED` (after a shutdown ran out of
/// time), so that nothing received disappears without a report line.
pub(crate) async fn record_interrupted(shared: &Shared) {
    if shared.queue.is_durable() {
        // The store still holds them: the next run resumes them.
        return;
    }
    let jobs: Vec<(Envelope, u32)> = shared
        .in_flight
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .drain()
        .map(|(_, v)| v)
        .collect();
    for (envelope, attempts) in jobs {
        warn!(message_id = %envelope.id(), "recording unfinished message as interrupted");
        let finished = Finished {
            stages: skipped_stages(shared, "interrupted"),
            ..failed(
                envelope,
                attempts,
                ErrorReport::new(
                    "INTERRUPTED",
                    "the run was stopped before this message finished",
                ),
            )
        };
        if let Err(e) = shared.sink.finish(finished).await {
            warn!(error = %e, "could not record an interrupted message");
        }
    }
}

fn failed(envelope: Envelope, attempts: u32, error: ErrorReport) -> Finished {
    Finished {
        envelope,
        status: Status::Failed,
        error: Some(error),
        blob: None,
        stages: Vec::new(),
        artifacts: Vec::new(),
        quarantine: false,
        attempts,
        replaces_report_line: false,
        finished_at: OffsetDateTime::now_utc(),
    }
}

fn skipped_stages(shared: &Shared, reason: &str) -> Vec<(&'static str, StageReport)> {
    shared
        .stages
        .iter()
        .map(|s| {
            (
                s.stage.name(),
                StageReport {
                    status: StageStatus::Skipped,
                    facts: Default::default(),
                    error: None,
                    reason: Some(reason.to_owned()),
                },
            )
        })
        .collect()
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

async fn process(shared: &Shared, job: Job) -> Result<(), PipelineError> {
    let envelope = job.envelope.clone();
    let media = match &envelope.message.media {
        Some(Media::Available(media)) => media.clone(),
        Some(Media::Unavailable(_)) => {
            let status = Status::Unavailable;
            return finish_without_blob(shared, job, status, "media unavailable").await;
        }
        None => {
            return finish_without_blob(shared, job, Status::NoMedia, "no media").await;
        }
    };

    shared.queue.progress(&job, JobState::Downloading).await?;
    let fetched = {
        let _permit = shared.downloads.acquire().await;
        fetch(shared, &job, &media).await
    };
    let blob = match fetched {
        Ok(blob) => blob,
        Err(error) => {
            let report = error.to_report();
            if error.is_retryable() {
                match shared.queue.retry(job.clone(), &report).await? {
                    Retry::Scheduled(delay) => {
                        shared.metrics.add_retried();
                        debug!(code = %report.code, delay_ms = delay.as_millis() as u64, "download failed, retry scheduled");
                        return Ok(());
                    }
                    Retry::Exhausted => {
                        warn!(code = %report.code, error = %report.message, "download failed, no attempts left");
                        return finish_failed(shared, job, report, Completion::DeadLettered).await;
                    }
                }
            }
            warn!(code = %report.code, error = %report.message, "download failed");
            return finish_failed(shared, job, report, Completion::Failed).await;
        }
    };
    shared.metrics.add_downloaded(blob.len());
    shared.queue.progress(&job, JobState::Downloaded).await?;

    let _slot = shared.stage_slots.acquire().await;
    shared.queue.progress(&job, JobState::Processing).await?;
    let mut item = Item::new(Arc::new(envelope.message.clone()), blob);
    let outcome = run_stages(shared, &mut item).await;
    for replaced in item.take_replaced() {
        if let Err(e) = tokio::fs::remove_file(&replaced).await {
            debug!(path = %replaced.display(), error = %e, "could not remove a replaced blob");
        }
    }
    let (blob, _facts, artifacts) = item.into_parts();
    let status = if outcome.error.is_some() {
        Status::Failed
    } else {
        Status::Processed
    };
    let finished = Finished {
        envelope,
        status,
        error: outcome.error,
        blob: Some(blob),
        stages: outcome.reports,
        artifacts,
        quarantine: outcome.quarantine,
        attempts: job.attempt,
        replaces_report_line: job.replaces_report_line,
        finished_at: OffsetDateTime::now_utc(),
    };
    let how = if status == Status::Failed {
        Completion::Failed
    } else {
        Completion::Done
    };
    deliver(shared, job, finished, how).await
}

async fn fetch(
    shared: &Shared,
    job: &Job,
    media: &crate::event::AvailableMedia,
) -> Result<Blob, FetchError> {
    if let Some(path) = job.envelope.local_file.clone() {
        let max = shared.max_size;
        return tokio::task::spawn_blocking(move || Blob::read_in_place(&path, max))
            .await
            .map_err(|e| FetchError::new("PANIC", e.to_string()))?
            .map_err(|e| {
                let code = if e.kind() == std::io::ErrorKind::FileTooLarge {
                    "TOO_LARGE"
                } else if e.kind() == std::io::ErrorKind::NotFound {
                    "NOT_FOUND"
                } else {
                    "IO"
                };
                FetchError::new(code, e.to_string()).with_source(e)
            });
    }
    let temp = shared.work_dir.join(format!(
        "{}.{}.part",
        sanitize::path_component(job.id(), "message"),
        job.attempt
    ));
    let result = shared.fetcher.fetch(job, media, &temp).await;
    if result.is_err() {
        let _ = tokio::fs::remove_file(&temp).await;
    }
    result
}

struct StagesOutcome {
    reports: Vec<(&'static str, StageReport)>,
    error: Option<ErrorReport>,
    quarantine: bool,
}

async fn run_stages(shared: &Shared, item: &mut Item) -> StagesOutcome {
    let mut reports = Vec::with_capacity(shared.stages.len());
    let mut first_error: Option<ErrorReport> = None;
    let mut quarantine = false;
    let mut stopped = false;
    for entry in &shared.stages {
        let name = entry.stage.name();
        if stopped {
            reports.push((name, skipped("an earlier stage stopped the item")));
            continue;
        }
        if !entry.stage.accepts(item) {
            reports.push((name, skipped("not applicable")));
            continue;
        }
        let cx = StageContext::new(shared.out_dir.clone(), name, &item.message().message_id);
        let span = info_span!("stage", stage = name);
        let result = crate::stage::run_stage(entry.stage.as_ref(), &entry.policy, item, &cx)
            .instrument(span)
            .await;
        let facts = item.facts.to_json_for(name);
        match result {
            Ok(()) => reports.push((
                name,
                StageReport {
                    status: StageStatus::Ok,
                    facts,
                    error: None,
                    reason: None,
                },
            )),
            Err(error) => {
                warn!(
                    stage = name,
                    code = %error.code(),
                    error = error.message(),
                    "stage failed"
                );
                let report = error.to_report();
                if error.stops_item() || entry.policy.on_error == OnError::StopItem {
                    stopped = true;
                }
                quarantine |= error.quarantines();
                first_error.get_or_insert_with(|| report.clone());
                reports.push((
                    name,
                    StageReport {
                        status: StageStatus::Failed,
                        facts,
                        error: Some(report),
                        reason: None,
                    },
                ));
            }
        }
    }
    StagesOutcome {
        reports,
        error: first_error,
        quarantine,
    }
}

fn skipped(reason: &str) -> StageReport {
    StageReport {
        status: StageStatus::Skipped,
        facts: Default::default(),
        error: None,
        reason: Some(reason.to_owned()),
    }
}

async fn finish_without_blob(
    shared: &Shared,
    job: Job,
    status: Status,
    reason: &str,
) -> Result<(), PipelineError> {
    let finished = Finished {
        envelope: job.envelope.clone(),
        status,
        error: None,
        blob: None,
        stages: skipped_stages(shared, reason),
        artifacts: Vec::new(),
        quarantine: false,
        attempts: job.attempt,
        replaces_report_line: job.replaces_report_line,
        finished_at: OffsetDateTime::now_utc(),
    };
    deliver(shared, job, finished, Completion::Done).await
}

async fn finish_failed(
    shared: &Shared,
    job: Job,
    error: ErrorReport,
    how: Completion,
) -> Result<(), PipelineError> {
    let finished = Finished {
        stages: skipped_stages(shared, "download failed"),
        replaces_report_line: job.replaces_report_line,
        ..failed(job.envelope.clone(), job.attempt, error)
    };
    deliver(shared, job, finished, how).await
}

async fn deliver(
    shared: &Shared,
    job: Job,
    finished: Finished,
    how: Completion,
) -> Result<(), PipelineError> {
    let failed = finished.status == Status::Failed;
    shared.sink.finish(finished).await?;
    shared.metrics.add_finished(failed);
    shared.queue.complete(job, how).await?;
    Ok(())
}
