//! [`Recorder`]: the metric families that count as the run goes, fed through core's
//! [`Observer`] hooks.
//!
//! Finished messages and failures are counted from the report lines themselves (the
//! [`Observer::line_written`] hook), so after a run the counters equal the counts in
//! `report.jsonl`; fetch and stage timings come from the workers' hooks.

use std::collections::HashMap;
use std::time::Duration;

use pipes_media_core::report::StageStatus;
use pipes_media_core::{ErrorCode, Job, Observer};
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::{Registry, Unit};
use serde::Deserialize;

use crate::labels::LabelGuard;

/// `status` label of finished messages.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub(crate) struct StatusLabel {
    pub(crate) status: String,
}

/// `code` label of failures and retries.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub(crate) struct CodeLabel {
    pub(crate) code: String,
}

/// `stage` and `code` labels of stage failures.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub(crate) struct StageCodeLabels {
    pub(crate) stage: String,
    pub(crate) code: String,
}

/// `stage` and `status` labels of stage runs.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub(crate) struct StageLabels {
    pub(crate) stage: String,
    pub(crate) status: String,
}

/// `outcome` label of fetches: `ok` or `error`.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub(crate) struct OutcomeLabel {
    pub(crate) outcome: &'static str,
}

/// The families this process counts into, registered once in the exporter's registry.
#[derive(Debug)]
pub(crate) struct Recorder {
    finished: Family<StatusLabel, Counter>,
    failures: Family<CodeLabel, Counter>,
    stage_failures: Family<StageCodeLabels, Counter>,
    retries: Family<CodeLabel, Counter>,
    bytes: Counter,
    download_seconds: Family<OutcomeLabel, Histogram>,
    stage_seconds: Family<StageLabels, Histogram>,
    codes: LabelGuard,
}

/// Fetch buckets, in seconds: a small file on loopback to a large one over a slow link.
const DOWNLOAD_BUCKETS: [f64; 15] = [
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0,
];

/// Stage buckets, in seconds: a header read to a stage at its 120 s default time limit.
const STAGE_BUCKETS: [f64; 16] = [
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0,
    120.0,
];

fn download_histogram() -> Histogram {
    Histogram::new(DOWNLOAD_BUCKETS)
}

fn stage_histogram() -> Histogram {
    Histogram::new(STAGE_BUCKETS)
}

impl Recorder {
    /// The families, registered in `registry`.
    pub(crate) fn register(registry: &mut Registry) -> Self {
        let recorder = Self {
            finished: Family::default(),
            failures: Family::default(),
            stage_failures: Family::default(),
            retries: Family::default(),
            bytes: Counter::default(),
            download_seconds: Family::new_with_constructor(download_histogram),
            stage_seconds: Family::new_with_constructor(stage_histogram),
            codes: LabelGuard::default(),
        };
        registry.register(
            "messages_finished",
            "Messages finished (report lines written), by status",
            recorder.finished.clone(),
        );
        registry.register(
            "failures",
            "Messages reported failed, by error code",
            recorder.failures.clone(),
        );
        registry.register(
            "stage_failures",
            "Stage runs that failed in a finished message, by stage and error code",
            recorder.stage_failures.clone(),
        );
        registry.register(
            "retries",
            "Attempts scheduled again after a retryable failure, by error code",
            recorder.retries.clone(),
        );
        registry.register_with_unit(
            "downloaded",
            "Bytes of media downloaded (or read in place)",
            Unit::Bytes,
            recorder.bytes.clone(),
        );
        registry.register_with_unit(
            "download_duration",
            "Duration of one fetch attempt, by outcome",
            Unit::Seconds,
            recorder.download_seconds.clone(),
        );
        registry.register_with_unit(
            "stage_duration",
            "Duration of one stage run, by stage and status",
            Unit::Seconds,
            recorder.stage_seconds.clone(),
        );
        recorder
    }

    /// Counts one report line.
    fn count_line(&self, line: &[u8]) {
        let Ok(view) = serde_json::from_slice::<LineView>(line) else {
            tracing::debug!("a report line the metrics could not read; not counted");
            return;
        };
        let status = match view.status.as_str() {
            s @ ("processed" | "failed" | "unavailable" | "no_media") => s.to_owned(),
            _ => "other".to_owned(),
        };
        self.finished.get_or_create(&StatusLabel { status }).inc();
        if view.status == "failed" {
            let code = view.error.as_ref().map_or("UNKNOWN", |e| e.code.as_str());
            let code = self.codes.code(code);
            self.failures.get_or_create(&CodeLabel { code }).inc();
        }
        for (stage, report) in &view.stages {
            if report.status != "failed" {
                continue;
            }
            let code = report.error.as_ref().map_or("UNKNOWN", |e| e.code.as_str());
            let labels = StageCodeLabels {
                stage: self.codes.stage(stage),
                code: self.codes.code(code),
            };
            self.stage_failures.get_or_create(&labels).inc();
        }
    }
}

impl Observer for Recorder {
    fn fetched(&self, _job: &Job, outcome: Result<u64, &ErrorCode>, took: Duration) {
        let outcome = match outcome {
            Ok(bytes) => {
                self.bytes.inc_by(bytes);
                "ok"
            }
            Err(_) => "error",
        };
        self.download_seconds
            .get_or_create(&OutcomeLabel { outcome })
            .observe(took.as_secs_f64());
    }

    fn stage_ran(&self, stage: &'static str, status: StageStatus, took: Duration) {
        let status = match status {
            StageStatus::Ok => "ok",
            StageStatus::Skipped => "skipped",
            StageStatus::Failed => "failed",
        };
        let labels = StageLabels {
            stage: self.codes.stage(stage),
            status: status.to_owned(),
        };
        self.stage_seconds
            .get_or_create(&labels)
            .observe(took.as_secs_f64());
    }

    fn retry_scheduled(&self, _job: &Job, code: &ErrorCode, _delay: Duration) {
        let code = self.codes.code(&code.to_string());
        self.retries.get_or_create(&CodeLabel { code }).inc();
    }

    fn line_written(&self, line: &[u8], _replaced: bool) {
        self.count_line(line);
    }
}

/// What the metrics read of a report line.
#[derive(Deserialize)]
struct LineView {
    status: String,
    #[serde(default)]
    error: Option<ErrorView>,
    #[serde(default)]
    stages: HashMap<String, StageView>,
}

#[derive(Deserialize)]
struct ErrorView {
    code: String,
}

#[derive(Deserialize)]
struct StageView {
    #[serde(default)]
    status: String,
    #[serde(default)]
    error: Option<ErrorView>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(registry: &Registry) -> String {
        let mut out = String::new();
        prometheus_client::encoding::text::encode(&mut out, registry).expect("encodes");
        out
    }

    #[test]
    fn lines_are_counted_by_status_and_code() {
        let mut registry = Registry::default();
        let recorder = Recorder::register(&mut registry);
        recorder.line_written(
            br#"{"messageId":"a","status":"processed","stages":{}}"#,
            false,
        );
        recorder.line_written(
            br#"{"messageId":"b","status":"failed","error":{"code":"NOT_FOUND","message":"x"},"stages":{}}"#,
            false,
        );
        recorder.line_written(
            br#"{"messageId":"c","status":"failed","error":{"code":"ENCRYPTED","message":"x"},"stages":{"pdf":{"status":"failed","facts":{},"error":{"code":"ENCRYPTED","message":"x"}}}}"#,
            false,
        );
        recorder.line_written(b"not json", false);
        let out = text(&registry);
        assert!(
            out.contains("messages_finished_total{status=\"processed\"} 1"),
            "{out}"
        );
        assert!(
            out.contains("messages_finished_total{status=\"failed\"} 2"),
            "{out}"
        );
        assert!(
            out.contains("failures_total{code=\"NOT_FOUND\"} 1"),
            "{out}"
        );
        assert!(
            out.contains("stage_failures_total{stage=\"pdf\",code=\"ENCRYPTED\"} 1"),
            "{out}"
        );
    }

    #[test]
    fn hostile_codes_do_not_grow_the_label_set_without_bound() {
        let mut registry = Registry::default();
        let recorder = Recorder::register(&mut registry);
        for i in 0..2_000 {
            let line = format!(
                r#"{{"status":"failed","error":{{"code":"CODE_{i}","message":""}},"stages":{{}}}}"#
            );
            recorder.line_written(line.as_bytes(), false);
        }
        recorder.line_written(
            br#"{"status":"failed","error":{"code":"bad code\"}\n","message":""},"stages":{}}"#,
            false,
        );
        let out = text(&registry);
        let series = out
            .lines()
            .filter(|l| l.starts_with("failures_total{"))
            .count();
        assert!(series <= crate::labels::MAX_VALUES + 1, "{series} series");
        assert!(out.contains("failures_total{code=\"OTHER\"}"), "{out}");
        assert!(!out.contains("bad code"));
    }
}
