//! The [`Simulator`] handle and its [`SimBuilder`].

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::ws::Utf8Bytes;
use axum::routing::get;
use axum::Router;
use pipes_media_core::event::{
    AvailableMedia, Media, MediaId, Message, MessageType, UnavailableMedia,
};
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

use crate::body::Source;
use crate::spec::{MediaRef, MediaSpec, MessageSpec};
use crate::state::{Config, Envelope, Shared, StoredMedia};
use crate::{
    Faults, SimStats, DEFAULT_API_KEY, DEFAULT_FROM_NAME, DEFAULT_FROM_NUMBER, DEFAULT_USER,
};

/// The queue key of raw frames ([`Simulator::send_raw`]).
const RAW_SENDER: &str = "\u{0}raw";

/// Builds and starts a [`Simulator`].
///
/// Defaults follow the protocol: drain pacing 750 ms, presigned URLs valid 5 minutes, media
/// kept 48 hours, offline queue of 100 messages per sender kept 24 hours, both listeners on
/// `127.0.0.1` with a free port, and the default tenant [`DEFAULT_USER`] / [`DEFAULT_API_KEY`].
#[derive(Debug, Clone)]
pub struct SimBuilder {
    config: Config,
    users: Vec<(String, String)>,
    default_tenant: bool,
    bind: SocketAddr,
    storage_bind: SocketAddr,
}

impl Default for SimBuilder {
    fn default() -> Self {
        let loopback = SocketAddr::from(([127, 0, 0, 1], 0));
        Self {
            config: Config {
                drain_interval: Duration::from_millis(750),
                presign_ttl: Duration::from_secs(5 * 60),
                retention: pipes_media_core::event::MEDIA_RETENTION,
                queue_capacity: 100,
                queue_ttl: Duration::from_secs(24 * 3600),
                reply_window: Duration::from_secs(24 * 3600),
            },
            users: Vec::new(),
            default_tenant: true,
            bind: loopback,
            storage_bind: loopback,
        }
    }
}

impl SimBuilder {
    /// Time between two drained events (default 750 ms, as documented).
    pub fn drain_interval(mut self, interval: Duration) -> Self {
        self.config.drain_interval = interval;
        self
    }

    /// How long a presigned URL is valid on the simulator clock (default 5 minutes).
    pub fn presign_ttl(mut self, ttl: Duration) -> Self {
        self.config.presign_ttl = ttl;
        self
    }

    /// How long media can be downloaded after it was received (default 48 hours).
    pub fn retention(mut self, retention: Duration) -> Self {
        self.config.retention = retention;
        self
    }

    /// Offline-queue capacity per sender (default 100; the oldest is dropped beyond it).
    pub fn queue_capacity(mut self, capacity: usize) -> Self {
        self.config.queue_capacity = capacity.max(1);
        self
    }

    /// How long a message may wait in the offline queue (default 24 hours).
    pub fn queue_ttl(mut self, ttl: Duration) -> Self {
        self.config.queue_ttl = ttl;
        self
    }

    /// Adds a tenant: `api_key` authenticates as `user_id`.
    pub fn user(mut self, user_id: &str, api_key: &str) -> Self {
        self.users.push((user_id.to_owned(), api_key.to_owned()));
        self
    }

    /// Leaves out the default tenant ([`DEFAULT_USER`] / [`DEFAULT_API_KEY`]).
    pub fn no_default_tenant(mut self) -> Self {
        self.default_tenant = false;
        self
    }

    /// Address of the API listener (REST and WebSocket); default `127.0.0.1:0`.
    pub fn bind(mut self, addr: SocketAddr) -> Self {
        self.bind = addr;
        self
    }

    /// Address of the presigned storage listener; default `127.0.0.1:0`.
    pub fn storage_bind(mut self, addr: SocketAddr) -> Self {
        self.storage_bind = addr;
        self
    }

    /// Binds both listeners and serves them on spawned tasks of the current Tokio runtime.
    pub async fn start(self) -> std::io::Result<Simulator> {
        let api = TcpListener::bind(self.bind).await?;
        let storage = TcpListener::bind(self.storage_bind).await?;
        let base_url = format!("http://{}", url_host(api.local_addr()?));
        let storage_url = format!("http://{}", url_host(storage.local_addr()?));
        let mut users = Vec::new();
        if self.default_tenant {
            users.push((DEFAULT_USER.to_owned(), DEFAULT_API_KEY.to_owned()));
        }
        users.extend(self.users);
        let default_key = users
            .first()
            .map(|(_, key)| key.clone())
            .unwrap_or_default();
        let shared = Arc::new(Shared::new(self.config, base_url, storage_url, default_key));
        {
            let mut state = shared.state();
            for (user, key) in users {
                state.keys.insert(key, user.clone());
                state.user(&user);
            }
        }

        let api_app = Router::new()
            .route("/ws", get(crate::ws::handler))
            .route("/v1/media/download/{id}", get(crate::download::handler))
            .fallback(crate::download::fallback)
            .with_state(Arc::clone(&shared));
        let storage_app = Router::new()
            .route("/o/{token}", get(crate::storage::handler))
            .fallback(crate::storage::fallback)
            .with_state(Arc::clone(&shared));
        let servers = vec![
            serve(api, api_app, &shared),
            serve(storage, storage_app, &shared),
        ];
        tracing::info!(base_url = %shared.base_url, storage_url = %shared.storage_url, "Pipes.bot simulator listening");
        Ok(Simulator {
            inner: Arc::new(Inner {
                shared,
                servers: std::sync::Mutex::new(servers),
                webhooks: Default::default(),
            }),
        })
    }
}

fn url_host(addr: SocketAddr) -> String {
    match addr {
        SocketAddr::V4(v4) => v4.to_string(),
        SocketAddr::V6(v6) => format!("[{}]:{}", v6.ip(), v6.port()),
    }
}

fn serve(listener: TcpListener, app: Router, shared: &Arc<Shared>) -> JoinHandle<()> {
    let mut stop = shared.shutdown.subscribe();
    tokio::spawn(async move {
        let listener = axum::serve::ListenerExt::tap_io(listener, |tcp| {
            let _ = tcp.set_nodelay(true);
        });
        let server = axum::serve(listener, app).with_graceful_shutdown(async move {
            let _ = stop.wait_for(|stop| *stop).await;
        });
        if let Err(err) = server.await {
            tracing::warn!(%err, "simulator listener failed");
        }
    })
}

pub(crate) struct Inner {
    pub(crate) shared: Arc<Shared>,
    servers: std::sync::Mutex<Vec<JoinHandle<()>>>,
    pub(crate) webhooks: crate::webhook::Webhooks,
}

/// A running Pipes.bot simulator: a cheap [`Clone`] handle; its servers run on spawned tasks
/// until [`Simulator::shutdown`] (or until the runtime ends).
///
/// See the crate documentation for what it serves.
#[derive(Clone)]
pub struct Simulator {
    pub(crate) inner: Arc<Inner>,
}

impl std::fmt::Debug for Simulator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Simulator")
            .field("base_url", &self.inner.shared.base_url)
            .field("storage_url", &self.inner.shared.storage_url)
            .finish_non_exhaustive()
    }
}

impl Simulator {
    /// A builder with the protocol's defaults.
    pub fn builder() -> SimBuilder {
        SimBuilder::default()
    }

    fn shared(&self) -> &Shared {
        &self.inner.shared
    }

    /// The REST and WebSocket base URL, `http://127.0.0.1:PORT` (WebSocket at `/ws`, with a
    /// `ws://` scheme).
    pub fn base_url(&self) -> String {
        self.shared().base_url.clone()
    }

    /// The origin of presigned URLs: a second listener, another port.
    pub fn storage_url(&self) -> String {
        self.shared().storage_url.clone()
    }

    /// The key of the default tenant ([`DEFAULT_API_KEY`]); without it, the first key given to
    /// [`SimBuilder::user`], or `""` when there is none.
    pub fn api_key(&self) -> String {
        self.shared().default_key.clone()
    }

    /// Adds a tenant (or another key for an existing one).
    pub fn add_tenant(&self, user_id: &str, api_key: &str) {
        let mut state = self.shared().state();
        state.keys.insert(api_key.to_owned(), user_id.to_owned());
        state.user(user_id);
    }

    /// Registers a conversation as `user_id`'s, so a conversation-scoped connection may open it.
    /// A conversation already owned by someone else keeps its owner.
    pub fn add_conversation(&self, user_id: &str, conversation_id: &str) {
        let mut state = self.shared().state();
        state
            .conversations
            .entry(conversation_id.to_owned())
            .or_insert_with(|| user_id.to_owned());
        state.user(user_id);
    }

    /// Stores media owned by `user_id` and returns its new 21-character id. Its retention starts
    /// now (simulator clock), or at the timestamp of the first message that refers to it.
    pub fn add_media(&self, user_id: &str, spec: MediaSpec) -> String {
        let size = match &spec.source {
            Source::Bytes(bytes) => bytes.len() as u64,
            Source::Generated { len, .. } => *len,
            Source::File(path) => std::fs::metadata(path).map(|m| m.len()).unwrap_or(0),
        };
        let id = crate::ids::media_id();
        let media = StoredMedia {
            owner: user_id.to_owned(),
            source: spec.source,
            mime: spec.mime,
            file_name: spec.file_name,
            declared_size: spec.declared_size,
            size,
            received_at: self.shared().clock.now(),
            referenced: false,
        };
        self.shared().state().media.insert(id.clone(), media);
        id
    }

    /// Builds a `whatsapp_message` event for `user_id` and routes it per protocol §5: live to
    /// every user-scoped connection, else to the matching conversation-scoped connections, else
    /// into the offline queue. Returns its `messageId`.
    pub fn send(&self, user_id: &str, spec: MessageSpec) -> String {
        let shared = self.shared();
        let now = shared.clock.now();
        let at = spec.timestamp.unwrap_or(now);
        let message_id = spec
            .message_id
            .clone()
            .unwrap_or_else(crate::ids::message_id);
        let from_number = spec
            .from_number
            .clone()
            .unwrap_or_else(|| DEFAULT_FROM_NUMBER.to_owned());
        let from_name = spec
            .from_name
            .clone()
            .unwrap_or_else(|| DEFAULT_FROM_NAME.to_owned());
        let conversation = spec.conversation.clone().unwrap_or_else(|| {
            format!(
                "conv_{:012x}",
                crate::ids::fnv1a(&[user_id, &from_number]) >> 16
            )
        });
        let media = {
            let mut state = shared.state();
            state
                .conversations
                .entry(conversation.clone())
                .or_insert_with(|| user_id.to_owned());
            let user = state.user(user_id);
            let last = user.last_inbound.entry(conversation.clone()).or_insert(at);
            *last = (*last).max(at);
            match &spec.media {
                MediaRef::None => None,
                MediaRef::Unavailable { mime } => Some(Media::Unavailable(UnavailableMedia {
                    mime_type: Some(spec.declared_mime.clone().unwrap_or_else(|| mime.clone())),
                    file_name: spec.file_name.clone(),
                    byte_size: spec.declared_size.unwrap_or(0),
                    reported: true,
                })),
                MediaRef::Id(id) => {
                    let stored = state.media.get_mut(id);
                    let (mime, file_name, size) = match stored {
                        Some(stored) => {
                            if !stored.referenced {
                                stored.referenced = true;
                                stored.received_at = at;
                            }
                            (
                                Some(stored.mime.clone()),
                                stored.file_name.clone(),
                                stored.declared_size.unwrap_or(stored.size),
                            )
                        }
                        None => (None, None, 0),
                    };
                    Some(Media::Available(AvailableMedia {
                        id: MediaId::new(id.clone()),
                        mime_type: spec.declared_mime.clone().or(mime),
                        file_name: spec.file_name.clone().or(file_name),
                        byte_size: spec.declared_size.unwrap_or(size),
                    }))
                }
            }
        };
        let text = spec.text.clone().unwrap_or_default();
        let message = Message {
            message_id: message_id.clone(),
            conversation_id: conversation.clone(),
            pool_number_id: crate::POOL_NUMBER_ID.to_owned(),
            pool_number_phone_number: crate::POOL_NUMBER_PHONE.to_owned(),
            from_number: from_number.clone(),
            from_name: Some(from_name),
            timestamp: crate::clock::format_timestamp(at),
            label: spec.label.clone(),
            kind: MessageType::from(spec.kind.as_str()),
            text: text.clone(),
            body: text,
            media,
        };
        let mut data = serde_json::to_value(&message).unwrap_or_default();
        if let Some(object) = data.as_object_mut() {
            // Absent optional fields are left out rather than sent as null.
            object.retain(|_, v| !v.is_null());
        }
        let frame = serde_json::json!({ "type": "whatsapp_message", "data": data }).to_string();
        let envelope = Envelope {
            seq: shared.next_seq(),
            at,
            queued_at: now,
            sender: from_number,
            conversation: Some(conversation),
            is_event: true,
            frame: Utf8Bytes::from(frame),
        };
        match self.inner.webhooks.target(user_id) {
            None => shared.route(user_id, envelope),
            Some(target) => self.deliver_by_webhook(user_id, &message, envelope, target),
        }
        message_id
    }

    /// Sends any text frame (malformed JSON, unknown types, …) to every open connection of
    /// `user_id`; with none open, it waits in the offline queue like a message (timestamp now).
    pub fn send_raw(&self, user_id: &str, frame: String) {
        let shared = self.shared();
        let now = shared.clock.now();
        let envelope = Envelope {
            seq: shared.next_seq(),
            at: now,
            queued_at: now,
            sender: RAW_SENDER.to_owned(),
            conversation: None,
            is_event: false,
            frame: Utf8Bytes::from(frame),
        };
        shared.route(user_id, envelope);
    }

    /// Sends one message per regular, non-hidden file of `dir` (sorted by name), streamed from
    /// disk. The type comes from the extension: jpg/png/gif → `image`, webp → `sticker`,
    /// ogg/opus/mp3/m4a/aac/amr/wav/flac → `audio`, mp4/3gp/webm/mov → `video`, anything else
    /// `document` (with `fileName` set). Returns the message ids in order.
    pub fn load_dir(&self, user_id: &str, dir: &Path) -> std::io::Result<Vec<String>> {
        self.load_dir_from(user_id, dir, 1)
    }

    /// Like [`Simulator::load_dir`], spreading the messages round-robin over `senders` sender
    /// numbers. The offline queue keeps at most 100 messages per sender, so a directory of more
    /// files than that needs several senders to be delivered whole.
    pub fn load_dir_from(
        &self,
        user_id: &str,
        dir: &Path,
        senders: usize,
    ) -> std::io::Result<Vec<String>> {
        let senders = senders.max(1);
        let mut files = Vec::new();
        for entry in std::fs::read_dir(dir)? {
            let entry = entry?;
            let hidden = entry.file_name().to_string_lossy().starts_with('.');
            // `is_file` follows symbolic links, so a directory of links works too.
            if entry.path().is_file() && !hidden {
                files.push(entry.path());
            }
        }
        files.sort();
        let mut ids = Vec::with_capacity(files.len());
        for path in files {
            let mime = crate::mime::mime_for_path(&path);
            let kind = crate::mime::kind_for_mime(mime);
            let mut spec = MediaSpec::file(&path, mime);
            if kind == "document" {
                if let Some(name) = path.file_name().and_then(|n| n.to_str()) {
                    spec = spec.file_name(name);
                }
            }
            let media_id = self.add_media(user_id, spec);
            let mut message = MessageSpec::media(kind, &media_id);
            if senders > 1 {
                let n = ids.len() % senders;
                message = message.from(format!("+44770090{n:04}"), format!("Sender {n}"));
            }
            ids.push(self.send(user_id, message));
        }
        Ok(ids)
    }

    /// Moves the simulator clock forward: presigned URLs, retention (410), the queue TTL and
    /// the reply service window follow it. Drain pacing does not.
    pub fn advance(&self, by: Duration) {
        self.shared().clock.advance(by);
    }

    /// The simulator clock's "now".
    pub fn now(&self) -> time::OffsetDateTime {
        self.shared().clock.now()
    }

    /// The fault switches (all off by default).
    pub fn faults(&self) -> Faults {
        self.shared().faults.clone()
    }

    /// A snapshot of the counters.
    pub fn stats(&self) -> SimStats {
        self.shared().counters.snapshot()
    }

    /// Open WebSocket connections (all users, both scopes).
    pub fn connected_clients(&self) -> usize {
        self.shared().state().connection_count()
    }

    /// Messages (and raw frames) waiting in `user_id`'s offline queue.
    pub fn queued(&self, user_id: &str) -> usize {
        self.shared().state().queued(user_id)
    }

    /// Stops both listeners and closes every WebSocket connection (with a close frame). Body
    /// downloads still in flight get a second to finish, then are cut.
    pub async fn shutdown(self) {
        let shared = Arc::clone(&self.inner.shared);
        shared.shutdown.send_replace(true);
        let servers =
            std::mem::take(&mut *self.inner.servers.lock().unwrap_or_else(|e| e.into_inner()));
        for mut server in servers {
            if tokio::time::timeout(Duration::from_secs(1), &mut server)
                .await
                .is_err()
            {
                server.abort();
            }
        }
    }
}
