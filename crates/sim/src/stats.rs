//! What the simulator saw, for tests to assert on.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

/// A snapshot of the simulator's counters ([`crate::Simulator::stats`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct SimStats {
    /// WebSocket connections upgraded (welcome sent or attempted).
    pub ws_connections: u64,
    /// WebSocket handshakes refused with 401 or 403.
    pub ws_rejected: u64,
    /// `whatsapp_message` frames written to sockets (live, drained and redelivered copies).
    pub events_sent: u64,
    /// Requests to `GET /v1/media/download/{id}`, whatever their answer.
    pub download_requests: u64,
    /// `302` redirects to the storage listener handed out.
    pub redirects: u64,
    /// Requests that reached the storage listener, whatever their answer.
    pub storage_requests: u64,
    /// Storage requests that carried an `Authorization` header (the client must send none).
    pub auth_headers_at_storage: u64,
    /// Body bytes the storage listener produced.
    pub bytes_served: u64,
    /// Storage requests with a `Range` header that were answered 206.
    pub range_requests: u64,
    /// Download requests per media id (every request to the download endpoint, by path id).
    pub downloads_by_media: HashMap<String, u64>,
    /// Raw frames written with [`crate::Simulator::send_raw`].
    pub raw_frames_sent: u64,
    /// `whatsapp_reply` frames received.
    pub replies_received: u64,
    /// Messages dropped from a full offline queue (capacity) or expired in it (TTL).
    pub queue_dropped: u64,
}

/// The live counters behind [`SimStats`].
#[derive(Debug, Default)]
pub(crate) struct Counters {
    pub(crate) ws_connections: AtomicU64,
    pub(crate) ws_rejected: AtomicU64,
    pub(crate) events_sent: AtomicU64,
    pub(crate) download_requests: AtomicU64,
    pub(crate) redirects: AtomicU64,
    pub(crate) storage_requests: AtomicU64,
    pub(crate) auth_headers_at_storage: AtomicU64,
    pub(crate) bytes_served: AtomicU64,
    pub(crate) range_requests: AtomicU64,
    pub(crate) raw_frames_sent: AtomicU64,
    pub(crate) replies_received: AtomicU64,
    pub(crate) queue_dropped: AtomicU64,
    downloads_by_media: Mutex<HashMap<String, u64>>,
}

/// Adds one to a counter.
pub(crate) fn bump(counter: &AtomicU64) {
    counter.fetch_add(1, Ordering::Relaxed);
}

impl Counters {
    pub(crate) fn add_bytes_served(&self, n: u64) {
        self.bytes_served.fetch_add(n, Ordering::Relaxed);
    }

    pub(crate) fn count_download(&self, media_id: &str) {
        bump(&self.download_requests);
        let mut map = self
            .downloads_by_media
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        *map.entry(media_id.to_owned()).or_default() += 1;
    }

    pub(crate) fn snapshot(&self) -> SimStats {
        let get = |c: &AtomicU64| c.load(Ordering::Relaxed);
        SimStats {
            ws_connections: get(&self.ws_connections),
            ws_rejected: get(&self.ws_rejected),
            events_sent: get(&self.events_sent),
            download_requests: get(&self.download_requests),
            redirects: get(&self.redirects),
            storage_requests: get(&self.storage_requests),
            auth_headers_at_storage: get(&self.auth_headers_at_storage),
            bytes_served: get(&self.bytes_served),
            range_requests: get(&self.range_requests),
            downloads_by_media: self
                .downloads_by_media
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .clone(),
            raw_frames_sent: get(&self.raw_frames_sent),
            replies_received: get(&self.replies_received),
            queue_dropped: get(&self.queue_dropped),
        }
    }
}
