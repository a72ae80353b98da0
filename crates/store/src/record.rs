//! What the store keeps per message.

use pipes_media_core::{Envelope, ErrorReport, JobState};
use serde::{Deserialize, Serialize};

/// One job as stored, keyed by `messageId`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct JobRecord {
    pub(crate) envelope: Envelope,
    pub(crate) state: JobState,
    /// Attempts started so far.
    pub(crate) attempts: u32,
    /// Unix milliseconds before which the job is not handed out again.
    pub(crate) next_attempt_ms: u64,
    pub(crate) last_error: Option<ErrorReport>,
    pub(crate) replaces_report_line: bool,
    pub(crate) seq: u64,
    pub(crate) updated_ms: u64,
}

impl JobRecord {
    pub(crate) fn is_terminal(&self) -> bool {
        matches!(
            self.state,
            JobState::Done | JobState::Failed | JobState::DeadLettered
        )
    }

    /// Finished (done, failed or dead-lettered) and unchanged for more than `keep_ms` at
    /// `now_ms`: past the window in which its id is remembered, so it may be forgotten.
    pub(crate) fn finished_longer_than(&self, keep_ms: u64, now_ms: u64) -> bool {
        self.is_terminal() && now_ms.saturating_sub(self.updated_ms) > keep_ms
    }
}

pub(crate) fn unix_ms(t: time::OffsetDateTime) -> u64 {
    u64::try_from(t.unix_timestamp_nanos() / 1_000_000).unwrap_or(0)
}

pub(crate) fn now_ms() -> u64 {
    unix_ms(time::OffsetDateTime::now_utc())
}
