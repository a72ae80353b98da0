//! The simulator's shared state: tenants, conversations, media, connections and offline queues.

use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use axum::extract::ws::Utf8Bytes;
use time::OffsetDateTime;
use tokio::sync::{mpsc, watch};

use crate::body::Source;
use crate::clock::{self, Clock};
use crate::faults::Faults;
use crate::stats::{bump, Counters};

/// Settings fixed at start.
#[derive(Debug, Clone)]
pub(crate) struct Config {
    pub(crate) drain_interval: Duration,
    pub(crate) presign_ttl: Duration,
    pub(crate) retention: Duration,
    pub(crate) queue_capacity: usize,
    pub(crate) queue_ttl: Duration,
    pub(crate) reply_window: Duration,
}

/// Everything the servers and the [`crate::Simulator`] handle share.
pub(crate) struct Shared {
    pub(crate) config: Config,
    pub(crate) base_url: String,
    pub(crate) storage_url: String,
    pub(crate) default_key: String,
    pub(crate) clock: Clock,
    pub(crate) secret: [u8; 32],
    pub(crate) faults: Faults,
    pub(crate) counters: Arc<Counters>,
    pub(crate) shutdown: watch::Sender<bool>,
    state: Mutex<State>,
    seq: AtomicU64,
}

impl Shared {
    pub(crate) fn new(
        config: Config,
        base_url: String,
        storage_url: String,
        default_key: String,
    ) -> Self {
        Self {
            config,
            base_url,
            storage_url,
            default_key,
            clock: Clock::default(),
            secret: crate::ids::secret(),
            faults: Faults::default(),
            counters: Arc::new(Counters::default()),
            shutdown: watch::channel(false).0,
            state: Mutex::new(State::default()),
            seq: AtomicU64::new(0),
        }
    }

    /// The state, locked. Never held across an `.await`.
    pub(crate) fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A fresh sequence number (ties in drain order go to the older one).
    pub(crate) fn next_seq(&self) -> u64 {
        self.seq.fetch_add(1, Ordering::Relaxed)
    }

    /// Routes a frame per protocol §5 (see [`State::route`]).
    pub(crate) fn route(&self, user: &str, envelope: Envelope) {
        let now = self.clock.now();
        let dropped = self.state().route(user, envelope, now, &self.config);
        self.count_dropped(dropped);
    }

    /// Puts back a frame that could not be written.
    pub(crate) fn requeue(&self, user: &str, envelope: Envelope) {
        let now = self.clock.now();
        let dropped = self.state().enqueue(user, envelope, now, &self.config);
        self.count_dropped(dropped);
    }

    /// Takes the oldest queued frame of `user`.
    pub(crate) fn pop_oldest(&self, user: &str) -> Option<Envelope> {
        let now = self.clock.now();
        let (envelope, dropped) = self.state().pop_oldest(user, now, &self.config);
        self.count_dropped(dropped);
        envelope
    }

    fn count_dropped(&self, n: u64) {
        for _ in 0..n {
            bump(&self.counters.queue_dropped);
        }
    }
}

/// A frame on its way to a client, possibly waiting in an offline queue.
#[derive(Debug, Clone)]
pub(crate) struct Envelope {
    /// Creation order, the tie-breaker in drain order.
    pub(crate) seq: u64,
    /// The message timestamp: drain order.
    pub(crate) at: OffsetDateTime,
    /// When it entered the queue (simulator clock), for the TTL.
    pub(crate) queued_at: OffsetDateTime,
    /// The offline-queue key: the sender's number (raw frames use their own key).
    pub(crate) sender: String,
    /// The conversation, for routing to conversation-scoped connections.
    pub(crate) conversation: Option<String>,
    /// A `whatsapp_message` event (counted, subject to redelivery and drop faults).
    pub(crate) is_event: bool,
    /// The JSON text frame.
    pub(crate) frame: Utf8Bytes,
}

/// One open WebSocket connection.
#[derive(Debug)]
pub(crate) struct ConnHandle {
    pub(crate) id: u64,
    /// `Some` for a conversation scope.
    pub(crate) conversation: Option<String>,
    pub(crate) tx: mpsc::UnboundedSender<Envelope>,
}

/// A stored media object.
#[derive(Debug, Clone)]
pub(crate) struct StoredMedia {
    pub(crate) owner: String,
    pub(crate) source: Source,
    pub(crate) mime: String,
    pub(crate) file_name: Option<String>,
    pub(crate) declared_size: Option<u64>,
    /// Size when added.
    pub(crate) size: u64,
    /// Start of retention (simulator clock): when added, then the first referring message's
    /// timestamp (assumption A15).
    pub(crate) received_at: OffsetDateTime,
    /// Whether a message has referred to it yet.
    pub(crate) referenced: bool,
}

/// Per-user state.
#[derive(Debug, Default)]
pub(crate) struct User {
    pub(crate) connections: Vec<ConnHandle>,
    queues: HashMap<String, VecDeque<Envelope>>,
    /// Last inbound message time per conversation (the reply service window).
    pub(crate) last_inbound: HashMap<String, OffsetDateTime>,
}

/// The lockable state.
#[derive(Debug, Default)]
pub(crate) struct State {
    /// API key → user id.
    pub(crate) keys: HashMap<String, String>,
    pub(crate) users: HashMap<String, User>,
    /// Conversation id → owner.
    pub(crate) conversations: HashMap<String, String>,
    pub(crate) media: HashMap<String, StoredMedia>,
    next_connection: u64,
}

impl State {
    /// The user, created on first use.
    pub(crate) fn user(&mut self, user: &str) -> &mut User {
        self.users.entry(user.to_owned()).or_default()
    }

    /// Registers a connection and returns its id.
    pub(crate) fn register(
        &mut self,
        user: &str,
        conversation: Option<String>,
        tx: mpsc::UnboundedSender<Envelope>,
    ) -> u64 {
        self.next_connection += 1;
        let id = self.next_connection;
        self.user(user).connections.push(ConnHandle {
            id,
            conversation,
            tx,
        });
        id
    }

    /// Forgets a connection.
    pub(crate) fn unregister(&mut self, user: &str, id: u64) {
        if let Some(u) = self.users.get_mut(user) {
            u.connections.retain(|c| c.id != id);
        }
    }

    /// Open connections over all users.
    pub(crate) fn connection_count(&self) -> usize {
        self.users.values().map(|u| u.connections.len()).sum()
    }

    /// Messages waiting in `user`'s offline queue.
    pub(crate) fn queued(&self, user: &str) -> usize {
        self.users
            .get(user)
            .map(|u| u.queues.values().map(VecDeque::len).sum())
            .unwrap_or(0)
    }

    /// Protocol §5: to every user-scoped connection if there is one; else to the
    /// conversation-scoped connections of the frame's conversation (every conversation-scoped
    /// one for a raw frame); else into the queue. Returns how many queued frames were dropped.
    pub(crate) fn route(
        &mut self,
        user: &str,
        envelope: Envelope,
        now: OffsetDateTime,
        config: &Config,
    ) -> u64 {
        let u = self.user(user);
        u.connections.retain(|c| !c.tx.is_closed());
        let user_scoped: Vec<_> = u
            .connections
            .iter()
            .filter(|c| c.conversation.is_none())
            .collect();
        let targets: Vec<_> = if user_scoped.is_empty() {
            u.connections
                .iter()
                .filter(|c| !envelope.is_event || c.conversation == envelope.conversation)
                .collect()
        } else {
            user_scoped
        };
        let mut delivered = false;
        for target in targets {
            delivered |= target.tx.send(envelope.clone()).is_ok();
        }
        if delivered {
            0
        } else {
            self.enqueue(user, envelope, now, config)
        }
    }

    /// Adds to the sender's queue, dropping the oldest beyond capacity. Returns the number
    /// dropped.
    pub(crate) fn enqueue(
        &mut self,
        user: &str,
        mut envelope: Envelope,
        now: OffsetDateTime,
        config: &Config,
    ) -> u64 {
        envelope.queued_at = now;
        let queue = self
            .user(user)
            .queues
            .entry(envelope.sender.clone())
            .or_default();
        queue.push_back(envelope);
        let mut dropped = 0;
        while queue.len() > config.queue_capacity {
            let oldest = queue
                .iter()
                .enumerate()
                .min_by_key(|(_, e)| (e.at, e.seq))
                .map(|(i, _)| i);
            if let Some(i) = oldest {
                queue.remove(i);
                dropped += 1;
            } else {
                break;
            }
        }
        dropped
    }

    /// Removes expired entries, then takes the oldest entry over all senders.
    pub(crate) fn pop_oldest(
        &mut self,
        user: &str,
        now: OffsetDateTime,
        config: &Config,
    ) -> (Option<Envelope>, u64) {
        let Some(u) = self.users.get_mut(user) else {
            return (None, 0);
        };
        let mut dropped = 0;
        for queue in u.queues.values_mut() {
            let before = queue.len();
            queue.retain(|e| clock::add(e.queued_at, config.queue_ttl) > now);
            dropped += (before - queue.len()) as u64;
        }
        u.queues.retain(|_, q| !q.is_empty());
        let oldest = u
            .queues
            .iter()
            .flat_map(|(sender, q)| {
                q.iter()
                    .enumerate()
                    .map(move |(i, e)| ((e.at, e.seq), sender, i))
            })
            .min_by_key(|(key, _, _)| *key)
            .map(|(_, sender, i)| (sender.clone(), i));
        let envelope = oldest.and_then(|(sender, i)| {
            let queue = u.queues.get_mut(&sender)?;
            let envelope = queue.remove(i);
            if queue.is_empty() {
                u.queues.remove(&sender);
            }
            envelope
        });
        (envelope, dropped)
    }
}
