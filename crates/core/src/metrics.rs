//! [`Metrics`]: live counters of a run, for progress bars, summaries, idle detection and
//! exporters.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Mutex;

use tokio::time::Instant;

/// Counters updated as the run goes; read them any time (e.g. for a progress bar).
#[derive(Debug)]
pub struct Metrics {
    received: AtomicU64,
    duplicates: AtomicU64,
    downloaded: AtomicU64,
    bytes: AtomicU64,
    finished: AtomicU64,
    failed: AtomicU64,
    retried: AtomicU64,
    in_flight: AtomicU64,
    reconnects: AtomicU64,
    connected: AtomicBool,
    last_event: Mutex<Instant>,
    last_take: Mutex<Instant>,
}

impl Default for Metrics {
    fn default() -> Self {
        Self {
            received: AtomicU64::new(0),
            duplicates: AtomicU64::new(0),
            downloaded: AtomicU64::new(0),
            bytes: AtomicU64::new(0),
            finished: AtomicU64::new(0),
            failed: AtomicU64::new(0),
            retried: AtomicU64::new(0),
            in_flight: AtomicU64::new(0),
            reconnects: AtomicU64::new(0),
            connected: AtomicBool::new(false),
            last_event: Mutex::new(Instant::now()),
            last_take: Mutex::new(Instant::now()),
        }
    }
}

/// A copy of the counters at one moment.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
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
    /// Jobs a worker holds now.
    pub in_flight: u64,
    /// Times the source lost its connection.
    pub reconnects: u64,
    /// Whether the source is connected now.
    pub connected: bool,
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
            in_flight: self.in_flight.load(Ordering::Relaxed),
            reconnects: self.reconnects.load(Ordering::Relaxed),
            connected: self.connected.load(Ordering::Relaxed),
        }
    }

    /// Time since the source last delivered a message (or since the run started).
    pub fn since_last_event(&self) -> std::time::Duration {
        lock(&self.last_event).elapsed()
    }

    /// Time since a worker last took a job (or since the run started).
    pub fn since_last_take(&self) -> std::time::Duration {
        lock(&self.last_take).elapsed()
    }

    pub(crate) fn touch(&self) {
        *lock(&self.last_event) = Instant::now();
    }
    pub(crate) fn took(&self) {
        *lock(&self.last_take) = Instant::now();
        self.in_flight.fetch_add(1, Ordering::Relaxed);
    }
    pub(crate) fn released(&self) {
        let _ = self
            .in_flight
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |n| {
                Some(n.saturating_sub(1))
            });
    }
    pub(crate) fn set_connected(&self, connected: bool) {
        let was = self.connected.swap(connected, Ordering::Relaxed);
        if was && !connected {
            self.reconnects.fetch_add(1, Ordering::Relaxed);
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

fn lock(m: &Mutex<Instant>) -> std::sync::MutexGuard<'_, Instant> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}
