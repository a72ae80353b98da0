//! Switchable faults.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

/// A handle to the simulator's faults ([`crate::Simulator::faults`]). All faults are off by
/// default; setters take `&self` and act on the running server at once. Per-media counts
/// ("the first n requests of each media") start again from zero when the setter is called.
#[derive(Debug, Clone, Default)]
pub struct Faults {
    inner: Arc<Mutex<FaultState>>,
}

#[derive(Debug, Default)]
struct FaultState {
    drop_after_events: Option<u32>,
    fail: Option<(u16, u32)>,
    fail_seen: HashMap<String, u32>,
    truncate: u32,
    truncate_seen: HashMap<String, u32>,
    slow: Option<u64>,
    expire: u32,
    expire_seen: HashMap<String, u32>,
    redeliver: bool,
    chunked: bool,
}

/// Counts one more request of `media` and says whether it is among the first `n`.
fn take(seen: &mut HashMap<String, u32>, media: &str, n: u32) -> bool {
    if n == 0 {
        return false;
    }
    let count = seen.entry(media.to_owned()).or_default();
    if *count < n {
        *count += 1;
        true
    } else {
        false
    }
}

impl Faults {
    fn lock(&self) -> MutexGuard<'_, FaultState> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Close each WebSocket connection abruptly (TCP close, no close frame) once it has sent `n`
    /// `whatsapp_message` events; `None` turns it off. Messages not yet written go back to the
    /// offline queue.
    pub fn drop_after_events(&self, n: Option<u32>) {
        self.lock().drop_after_events = n;
    }

    /// The first `first_n` download requests of each media id answer `status` with the
    /// protocol's JSON error body (`429` adds `Retry-After: 1`). `first_n == 0` turns it off.
    /// Only requests that would otherwise succeed count (auth, tenant and retention are checked
    /// first).
    pub fn fail_downloads(&self, status: u16, first_n: u32) {
        let mut state = self.lock();
        state.fail = (first_n > 0).then_some((status, first_n));
        state.fail_seen.clear();
    }

    /// The first `first_n` presigned GETs of each media send the full `Content-Length` but only
    /// half of the body, then abort the connection.
    pub fn truncate_bodies(&self, first_n: u32) {
        let mut state = self.lock();
        state.truncate = first_n;
        state.truncate_seen.clear();
    }

    /// Throttle presigned bodies to `bytes_per_sec`; `None` turns it off.
    pub fn slow_bodies(&self, bytes_per_sec: Option<u64>) {
        self.lock().slow = bytes_per_sec;
    }

    /// The first `first_n` presigned URLs handed out for each media are already expired (the
    /// storage listener answers 403).
    pub fn expire_presigned(&self, first_n: u32) {
        let mut state = self.lock();
        state.expire = first_n;
        state.expire_seen.clear();
    }

    /// Send every `whatsapp_message` event twice in a row (same `messageId`, assumption A2).
    pub fn redeliver(&self, on: bool) {
        self.lock().redeliver = on;
    }

    /// Send presigned bodies without `Content-Length` (chunked transfer encoding).
    pub fn chunked(&self, on: bool) {
        self.lock().chunked = on;
    }

    /// Turns every fault off.
    pub fn clear(&self) {
        *self.lock() = FaultState::default();
    }

    pub(crate) fn drop_after(&self) -> Option<u32> {
        self.lock().drop_after_events
    }

    pub(crate) fn take_fail(&self, media: &str) -> Option<u16> {
        let mut state = self.lock();
        let (status, n) = state.fail?;
        take(&mut state.fail_seen, media, n).then_some(status)
    }

    pub(crate) fn take_truncate(&self, media: &str) -> bool {
        let mut state = self.lock();
        let n = state.truncate;
        take(&mut state.truncate_seen, media, n)
    }

    pub(crate) fn take_expire(&self, media: &str) -> bool {
        let mut state = self.lock();
        let n = state.expire;
        take(&mut state.expire_seen, media, n)
    }

    pub(crate) fn slow(&self) -> Option<u64> {
        self.lock().slow
    }

    pub(crate) fn is_redeliver(&self) -> bool {
        self.lock().redeliver
    }

    pub(crate) fn is_chunked(&self) -> bool {
        self.lock().chunked
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_n_counts_per_media_and_resets_when_set() {
        let faults = Faults::default();
        assert_eq!(faults.take_fail("a"), None);
        faults.fail_downloads(503, 2);
        assert_eq!(faults.take_fail("a"), Some(503));
        assert_eq!(faults.take_fail("b"), Some(503));
        assert_eq!(faults.take_fail("a"), Some(503));
        assert_eq!(faults.take_fail("a"), None);
        faults.fail_downloads(429, 1);
        assert_eq!(faults.take_fail("a"), Some(429));
        faults.clear();
        assert_eq!(faults.take_fail("c"), None);
    }
}
