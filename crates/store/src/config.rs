//! [`DurableConfig`]: the store's settings.

use std::time::Duration;

use pipes_media_core::queue::Backoff;

/// Settings of a [`DurableQueue`](crate::DurableQueue).
#[derive(Debug, Clone)]
pub struct DurableConfig {
    /// Attempts per job in all before it is dead-lettered (default 5).
    pub max_attempts: u32,
    /// Backoff between attempts (default 2 s doubling to 10 min, jittered); a server's
    /// `Retry-After` is honoured when longer.
    pub backoff: Backoff,
    /// fsync each batch of received events before acknowledging it (default `true`). Turning it
    /// off trades the last moments before a power loss for speed; a process crash alone loses
    /// nothing either way.
    pub fsync: bool,
    /// Finished jobs are remembered this long, so redelivered ids are recognised (default 7 days;
    /// the report remembers them for good).
    pub keep_finished: Duration,
    /// How often, while jobs complete, the ones past `keep_finished` are removed (default
    /// 1 hour), in the background; the store also prunes them when it opens.
    pub prune_every: Duration,
}

impl DurableConfig {
    /// `keep_finished` in milliseconds (saturating).
    pub(crate) fn keep_finished_ms(&self) -> u64 {
        u64::try_from(self.keep_finished.as_millis()).unwrap_or(u64::MAX)
    }
}

impl Default for DurableConfig {
    fn default() -> Self {
        Self {
            max_attempts: 5,
            backoff: Backoff::new(Duration::from_secs(2), Duration::from_secs(600)),
            fsync: true,
            keep_finished: Duration::from_secs(7 * 24 * 3600),
            prune_every: Duration::from_secs(3600),
        }
    }
}
