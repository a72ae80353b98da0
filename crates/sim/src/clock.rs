//! The simulator clock: wall time plus an offset that [`crate::Simulator::advance`] moves.

use std::sync::atomic::{AtomicI64, Ordering};
use std::time::Duration;

use time::OffsetDateTime;

/// Wall-clock time shifted by a test-controlled offset. Retention, the queue TTL, the reply
/// service window and presigned expiry all read this clock; drain pacing uses real time.
#[derive(Debug, Default)]
pub(crate) struct Clock {
    offset_ms: AtomicI64,
}

impl Clock {
    /// The simulator's "now" (UTC).
    pub(crate) fn now(&self) -> OffsetDateTime {
        OffsetDateTime::now_utc()
            + time::Duration::milliseconds(self.offset_ms.load(Ordering::Relaxed))
    }

    /// Moves the clock forward.
    pub(crate) fn advance(&self, by: Duration) {
        let ms = i64::try_from(by.as_millis()).unwrap_or(i64::MAX);
        self.offset_ms
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |v| {
                Some(v.saturating_add(ms))
            })
            .ok();
    }
}

/// `t + d`, saturating instead of panicking on absurd durations.
pub(crate) fn add(t: OffsetDateTime, d: Duration) -> OffsetDateTime {
    time::Duration::try_from(d)
        .ok()
        .and_then(|d| t.checked_add(d))
        .unwrap_or(t.replace_year(9999).unwrap_or(t))
}

/// Formats a timestamp the way Pipes.bot does: RFC 3339 UTC with milliseconds and `Z`.
pub(crate) fn format_timestamp(t: OffsetDateTime) -> String {
    let t = t.to_offset(time::UtcOffset::UTC);
    let format = time::macros::format_description!(
        "[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]Z"
    );
    t.format(&format)
        .unwrap_or_else(|_| t.unix_timestamp().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn advance_moves_now_forward() {
        let clock = Clock::default();
        let before = clock.now();
        clock.advance(Duration::from_secs(3600));
        let after = clock.now();
        assert!(after - before >= time::Duration::hours(1));
    }

    #[test]
    fn timestamps_have_milliseconds_and_z() {
        let t = OffsetDateTime::from_unix_timestamp(1_740_903_342).expect("valid")
            + time::Duration::milliseconds(120);
        assert_eq!(format_timestamp(t), "2025-03-02T08:15:42.120Z");
    }

    #[test]
    fn add_saturates() {
        let t = OffsetDateTime::UNIX_EPOCH;
        assert!(add(t, Duration::from_secs(u64::MAX)) > t);
    }
}
