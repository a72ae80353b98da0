//! The minimum-speed rule of a body (curl's `--speed-limit`/`--speed-time`): fewer than
//! `min_speed × window` bytes within any window is too slow.

use std::collections::VecDeque;
use std::time::Duration;

use tokio::time::Instant;

/// Marks per window: a stall is caught at most one step (⅛ window) late.
const STEPS: u32 = 8;

/// A body's speed, measured over a sliding window from marks taken every ⅛ of it.
#[derive(Debug)]
pub(crate) struct SpeedCheck {
    /// Bytes a window must carry; 0 when the check is off.
    needed: u64,
    window: Duration,
    step: Duration,
    /// `(when, bytes received by then)`, oldest first; the front is at most one window old
    /// once a window has passed.
    marks: VecDeque<(Instant, u64)>,
    next: Instant,
}

/// A window carried too few bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Slow {
    /// Bytes received within the window.
    pub(crate) received: u64,
    /// The window.
    pub(crate) window: Duration,
}

impl SpeedCheck {
    /// A check starting `now` with no bytes received; `min_speed == 0` turns it off.
    pub(crate) fn new(now: Instant, min_speed: u64, window: Duration) -> Self {
        let window = window.max(Duration::from_millis(8));
        let needed = if min_speed == 0 {
            0
        } else {
            let bytes = u128::from(min_speed) * window.as_millis() / 1000;
            u64::try_from(bytes).unwrap_or(u64::MAX).max(1)
        };
        let step = window / STEPS;
        Self {
            needed,
            window,
            step,
            marks: VecDeque::from([(now, 0)]),
            next: now + step,
        }
    }

    /// When the next mark is due: wake up then even if no byte arrives.
    /// `None` when the check is off.
    pub(crate) fn next_due(&self) -> Option<Instant> {
        (self.needed > 0).then_some(self.next)
    }

    /// Takes a mark if one is due, with `total` bytes received by `now`, and judges the last
    /// window.
    pub(crate) fn check(&mut self, now: Instant, total: u64) -> Result<(), Slow> {
        if self.needed == 0 || now < self.next {
            return Ok(());
        }
        self.marks.push_back((now, total));
        self.next = now + self.step;
        let Some(start) = now.checked_sub(self.window) else {
            return Ok(());
        };
        // Keep the newest mark at or before the window's start as the front.
        while self.marks.len() > 1 && self.marks[1].0 <= start {
            self.marks.pop_front();
        }
        let (at, then) = self.marks[0];
        if at > start {
            return Ok(()); // less than a window of history yet
        }
        let received = total.saturating_sub(then);
        if received < self.needed {
            return Err(Slow {
                received,
                window: now - at,
            });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEC: Duration = Duration::from_secs(1);

    /// Feeds `rate` bytes per tick of `tick` until `until`, returning when it was judged slow.
    fn run(check: &mut SpeedCheck, t0: Instant, per_tick: &dyn Fn(u32) -> u64) -> Option<Duration> {
        let tick = Duration::from_millis(100);
        let mut total = 0;
        for n in 1..=600u32 {
            total += per_tick(n);
            let now = t0 + tick * n;
            if check.check(now, total).is_err() {
                return Some(now - t0);
            }
        }
        None
    }

    #[test]
    fn a_fast_body_passes_and_a_stall_is_caught_within_a_window_and_a_step() {
        let t0 = Instant::now();
        let mut check = SpeedCheck::new(t0, 1000, 10 * SEC);
        assert_eq!(run(&mut check, t0, &|_| 500), None, "5000 B/s ≫ 1000 B/s");

        let mut check = SpeedCheck::new(t0, 1000, 10 * SEC);
        // Fast for 20 s, then nothing.
        let caught = run(&mut check, t0, &|n| if n <= 200 { 10_000 } else { 0 })
            .expect("the stall is caught");
        let stalled_for = caught - 20 * SEC;
        assert!(
            stalled_for >= 10 * SEC && stalled_for <= 10 * SEC + 10 * SEC / 8 + SEC / 10,
            "{stalled_for:?}"
        );
    }

    #[test]
    fn a_drip_is_caught_after_one_window() {
        let t0 = Instant::now();
        let mut check = SpeedCheck::new(t0, 1000, 10 * SEC);
        // One byte a second.
        let caught = run(&mut check, t0, &|n| u64::from(n % 10 == 0)).expect("caught");
        assert!(caught >= 10 * SEC && caught <= 12 * SEC, "{caught:?}");
    }

    #[test]
    fn the_judgement_reports_the_window() {
        let t0 = Instant::now();
        let mut check = SpeedCheck::new(t0, 100, 8 * SEC);
        assert_eq!(check.check(t0 + SEC, 10), Ok(()));
        assert_eq!(check.next_due(), Some(t0 + 2 * SEC));
        let slow = check.check(t0 + 8 * SEC, 700).expect_err("700 < 800");
        assert_eq!(
            slow,
            Slow {
                received: 700,
                window: 8 * SEC
            }
        );
    }

    #[test]
    fn zero_turns_it_off() {
        let t0 = Instant::now();
        let mut check = SpeedCheck::new(t0, 0, SEC);
        assert_eq!(check.next_due(), None);
        assert_eq!(run(&mut check, t0, &|_| 0), None);
    }
}
