//! [`Observer`]: what a run tells an exporter (metrics, a gallery) as it goes, without either
//! side knowing the other.

use std::time::Duration;

use crate::error::ErrorCode;
use crate::job::Job;
use crate::report::StageStatus;

/// Hooks a run calls as work happens; every method has an empty default, so an observer
/// implements only what it needs. Calls come from worker tasks and must be quick (count,
/// record, append to a buffer), never block.
///
/// Register one with [`PipelineBuilder::observer`](crate::PipelineBuilder::observer) (workers
/// and the report) or [`Report::observe`](crate::Report::observe) (report lines only).
pub trait Observer: Send + Sync + 'static {
    /// A fetch ended: `Ok(bytes)` received, or the failure's code.
    fn fetched(&self, job: &Job, outcome: Result<u64, &ErrorCode>, took: Duration) {
        let _ = (job, outcome, took);
    }

    /// A stage ran on an item (skipped stages are not reported here).
    fn stage_ran(&self, stage: &'static str, status: StageStatus, took: Duration) {
        let _ = (stage, status, took);
    }

    /// Another attempt of `job` was scheduled after `delay`.
    fn retry_scheduled(&self, job: &Job, code: &ErrorCode, delay: Duration) {
        let _ = (job, code, delay);
    }

    /// A line was written to the report (`replaced`: it took the place of the message's old
    /// line). `line` is the JSON as written, without its newline.
    fn line_written(&self, line: &[u8], replaced: bool) {
        let _ = (line, replaced);
    }
}

/// Several observers as one.
#[derive(Default, Clone)]
pub struct Observers(Vec<std::sync::Arc<dyn Observer>>);

impl std::fmt::Debug for Observers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Observers({})", self.0.len())
    }
}

impl Observers {
    /// Adds one.
    pub fn push(&mut self, observer: std::sync::Arc<dyn Observer>) {
        self.0.push(observer);
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Observer for Observers {
    fn fetched(&self, job: &Job, outcome: Result<u64, &ErrorCode>, took: Duration) {
        self.0.iter().for_each(|o| o.fetched(job, outcome, took));
    }
    fn stage_ran(&self, stage: &'static str, status: StageStatus, took: Duration) {
        self.0.iter().for_each(|o| o.stage_ran(stage, status, took));
    }
    fn retry_scheduled(&self, job: &Job, code: &ErrorCode, delay: Duration) {
        self.0
            .iter()
            .for_each(|o| o.retry_scheduled(job, code, delay));
    }
    fn line_written(&self, line: &[u8], replaced: bool) {
        self.0.iter().for_each(|o| o.line_written(line, replaced));
    }
}
