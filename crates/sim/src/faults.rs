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
    stall_after: Option<u64>,
    hang_storage: bool,
    redirect_origin: Option<String>,
    error_text: Option<String>,
    ignore_ranges: bool,
    misrange: bool,
    vary_etag: bool,
    ignore_if_range: bool,
    shrink: Option<u64>,
    etag_serial: u64,
    ignore_close: bool,
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

    /// Presigned bodies send their first `bytes` bytes (of each response), then nothing more:
    /// the connection stays open and silent, as a stalled peer's does. `None` turns it off.
    pub fn stall_bodies_after(&self, bytes: Option<u64>) {
        self.lock().stall_after = bytes;
    }

    /// The storage listener accepts connections and reads requests but never answers (no
    /// status line, ever).
    pub fn hang_storage(&self, on: bool) {
        self.lock().hang_storage = on;
    }

    /// Redirects point at `origin` (e.g. `http://169.254.169.254:8080`, `http://localhost:9`)
    /// instead of the storage listener, with the same `/o/{token}?exp=..&sig=..` path and query,
    /// so a listener of the test's own at that origin can serve them. `None` turns it off.
    pub fn redirect_origin(&self, origin: Option<String>) {
        self.lock().redirect_origin = origin;
    }

    /// The `error` text of the API's JSON error bodies (`{"error": .., "code": ..}`), e.g. one
    /// with newlines and terminal escapes to forge log lines. `None` restores the usual texts.
    pub fn error_text(&self, text: Option<String>) {
        self.lock().error_text = text;
    }

    /// The storage listener ignores `Range` and answers every GET with the whole body (200).
    pub fn ignore_ranges(&self, on: bool) {
        self.lock().ignore_ranges = on;
    }

    /// The storage listener answers a `Range` request with 206 and the whole body, announced as
    /// `Content-Range: bytes 0-{len-1}/{len}` whatever range was asked for.
    pub fn misrange(&self, on: bool) {
        self.lock().misrange = on;
    }

    /// Every storage response carries a new `ETag`, as if the object had been rewritten between
    /// two requests (`If-Range` then never matches).
    pub fn vary_etag(&self, on: bool) {
        self.lock().vary_etag = on;
    }

    /// The storage listener ignores `If-Range`: a `Range` request is answered 206 even when the
    /// validator does not match (as a server without `If-Range` support does).
    pub fn ignore_if_range(&self, on: bool) {
        self.lock().ignore_if_range = on;
    }

    /// Objects are served `bytes` bytes shorter than stored (a changed length; the `ETag` stays
    /// the same, as a lying server's would). `None` turns it off.
    pub fn shrink_objects(&self, bytes: Option<u64>) {
        self.lock().shrink = bytes;
    }

    /// The WebSocket server ignores a client's Close: it neither answers it nor closes the
    /// connection, and sends nothing more (a peer that never completes the closing handshake).
    pub fn ignore_close(&self, on: bool) {
        self.lock().ignore_close = on;
    }

    /// Turns every fault off.
    pub fn clear(&self) {
        *self.lock() = FaultState::default();
    }

    pub(crate) fn is_ignore_close(&self) -> bool {
        self.lock().ignore_close
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

    pub(crate) fn stall_after(&self) -> Option<u64> {
        self.lock().stall_after
    }

    pub(crate) fn is_hang_storage(&self) -> bool {
        self.lock().hang_storage
    }

    pub(crate) fn redirect_target(&self) -> Option<String> {
        self.lock().redirect_origin.clone()
    }

    pub(crate) fn error_override(&self) -> Option<String> {
        self.lock().error_text.clone()
    }

    /// The storage faults that shape one response, read under one lock.
    pub(crate) fn storage(&self) -> StorageFaults {
        let mut state = self.lock();
        let etag_version = if state.vary_etag {
            state.etag_serial += 1;
            state.etag_serial
        } else {
            0
        };
        StorageFaults {
            ignore_ranges: state.ignore_ranges,
            misrange: state.misrange,
            ignore_if_range: state.ignore_if_range,
            shrink: state.shrink.unwrap_or(0),
            etag_version,
        }
    }
}

/// The storage faults in force for one response ([`Faults::storage`]).
#[derive(Debug, Clone, Copy)]
pub(crate) struct StorageFaults {
    pub(crate) ignore_ranges: bool,
    pub(crate) misrange: bool,
    pub(crate) ignore_if_range: bool,
    /// Bytes to take off the object's length.
    pub(crate) shrink: u64,
    /// Mixed into the `ETag`: 0 normally, a new number per response under [`Faults::vary_etag`].
    pub(crate) etag_version: u64,
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
