//! Live counters of a run, for progress bars and summaries.

use std::sync::atomic::{AtomicU64, Ordering};

/// Counters updated as the run goes; read them any time (e.g. for a progress bar).
#[derive(Debug, Default)]
pub struct Metrics {
    received: AtomicU64,
    duplicates: AtomicU64,
    downloaded: AtomicU64,
    bytes: AtomicU64,
    finished: AtomicU64,
    failed: AtomicU64,
    retried: AtomicU64,
}

/// A copy of the counters at one moment.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct MetricsSnapshot {
    /// Messages received from the source (duplicates excluded).
    pub received: u64,
    /// Redelivered messages that were dropped as duplicates.
    pub duplicates: u64,
    /// Media downloaded (or read in place).
    pub downloaded: u64,
    /// Bytes of media downloaded.
    pub bytes: u64,
    /// Messages finished (any status), i.e. report lines written.
    pub finished: u64,
    /// Of those, messages reported `failed`.
    pub failed: u64,
    /// Attempts scheduled again after a retryable failure.
    pub retried: u64,
}

impl Metrics {
    /// The counters now.
    pub fn snapshot(&self) -> MetricsSnapshot {
        MetricsSnapshot {
            received: self.received.load(Ordering::Relaxed),
            duplicates: self.duplicates.load(Ordering::Relaxed),
            downloaded: self.downloaded.load(Ordering::Relaxed),
            bytes: self.bytes.load(Ordering::Relaxed),
            finished: self.finished.load(Ordering::Relaxed),
            failed: self.failed.load(Ordering::Relaxed),
            retried: self.retried.load(Ordering::Relaxed),
        }
    }

    pub(crate) fn add_received(&self) {
        self.received.fetch_add(1, Ordering::Relaxed);
    }
    pub(crate) fn add_duplicate(&self) {
        self.duplicates.fetch_add(1, Ordering::Relaxed);
    }
    pub(crate) fn add_downloaded(&self, bytes: u64) {
        self.downloaded.fetch_add(1, Ordering::Relaxed);
        self.bytes.fetch_add(bytes, Ordering::Relaxed);
    }
    pub(crate) fn add_finished(&self, failed: bool) {
        self.finished.fetch_add(1, Ordering::Relaxed);
        if failed {
            self.failed.fetch_add(1, Ordering::Relaxed);
        }
    }
    pub(crate) fn add_retried(&self) {
        self.retried.fetch_add(1, Ordering::Relaxed);
    }
}
