//! Webhook delivery (protocol §6): messages of a user whose account chose webhooks are POSTed
//! in Meta's shape plus the `pipes` extension, signed with `X-Pipes-Signature`, tried at 0 s,
//! 2 s and 8 s, then delivered over the WebSocket as a fallback (queued when no connection is
//! open). BYON apps get both at once.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use pipes_media_core::event::Message;
use serde_json::{json, Value};

/// Where and how a user's messages are delivered by webhook.
#[derive(Debug, Clone)]
pub struct WebhookTarget {
    /// The receiver, e.g. `http://127.0.0.1:8088/webhook`.
    pub url: String,
    /// The shared secret; the signature header is absent without one (assumption A8).
    pub secret: Option<String>,
    /// When each attempt starts, counted from the previous failure (default 0 s, 2 s, 8 s).
    pub schedule: Vec<Duration>,
    /// One attempt's time limit (default 10 s).
    pub timeout: Duration,
    /// Deliver over the WebSocket as well, at once (BYON apps); otherwise only after the last
    /// attempt failed.
    pub also_websocket: bool,
}

impl WebhookTarget {
    /// Pool-number delivery to `url` signed with `secret`, on the protocol's schedule.
    pub fn new(url: impl Into<String>, secret: Option<&str>) -> Self {
        Self {
            url: url.into(),
            secret: secret.map(str::to_owned),
            schedule: vec![
                Duration::ZERO,
                Duration::from_secs(2),
                Duration::from_secs(8),
            ],
            timeout: Duration::from_secs(10),
            also_websocket: false,
        }
    }

    /// Sets the retry schedule (tests use short ones).
    pub fn schedule(mut self, schedule: Vec<Duration>) -> Self {
        self.schedule = schedule;
        self
    }

    /// Delivers over the WebSocket as well (BYON apps).
    pub fn also_websocket(mut self, on: bool) -> Self {
        self.also_websocket = on;
        self
    }
}

/// What webhook delivery did, for tests to assert on.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WebhookStats {
    /// POSTs made.
    pub attempts: u64,
    /// Of those, answered with a 2xx.
    pub delivered: u64,
    /// Messages handed to the WebSocket after every attempt failed.
    pub fallbacks: u64,
}

#[derive(Debug, Default)]
pub(crate) struct Counters {
    attempts: AtomicU64,
    delivered: AtomicU64,
    fallbacks: AtomicU64,
}

impl Counters {
    pub(crate) fn snapshot(&self) -> WebhookStats {
        WebhookStats {
            attempts: self.attempts.load(Ordering::Relaxed),
            delivered: self.delivered.load(Ordering::Relaxed),
            fallbacks: self.fallbacks.load(Ordering::Relaxed),
        }
    }
}

/// Webhook settings per user, and the client that posts.
#[derive(Debug, Default)]
pub(crate) struct Webhooks {
    targets: Mutex<std::collections::HashMap<String, WebhookTarget>>,
    pub(crate) counters: Arc<Counters>,
}

impl Webhooks {
    pub(crate) fn set(&self, user: &str, target: Option<WebhookTarget>) {
        let mut targets = self.targets.lock().unwrap_or_else(|p| p.into_inner());
        match target {
            Some(t) => targets.insert(user.to_owned(), t),
            None => targets.remove(user),
        };
    }

    pub(crate) fn target(&self, user: &str) -> Option<WebhookTarget> {
        self.targets
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(user)
            .cloned()
    }
}

/// The webhook body of `message` (protocol §6.1).
pub fn payload(message: &Message) -> Value {
    let from = message.from_number.trim_start_matches('+');
    let kind = message.kind.as_str();
    let mut entry = json!({ "id": message.message_id, "from": from, "timestamp": message.timestamp, "type": kind });
    match &message.media {
        Some(media) => {
            let mut object = json!({ "id": format!("meta.{}", message.message_id) });
            if let Some(mime) = media.declared_mime() {
                object["mime_type"] = json!(mime);
            }
            if !message.text.is_empty() {
                object["caption"] = json!(message.text);
            }
            if let Some(name) = media.file_name() {
                object["filename"] = json!(name);
            }
            entry[kind] = object;
        }
        None if kind == "text" => entry["text"] = json!({ "body": message.text }),
        None => {}
    }
    let mut pipes = json!({ "conversationId": message.conversation_id, "poolNumberId": message.pool_number_id });
    if let Some(label) = &message.label {
        pipes["label"] = json!(label);
    }
    if let Some(media) = &message.media {
        pipes["media"] = serde_json::to_value(media).unwrap_or(Value::Null);
    }
    let mut contact = json!({ "wa_id": from });
    if let Some(name) = &message.from_name {
        contact["profile"] = json!({ "name": name });
    }
    json!({
        "object": "whatsapp_business_account",
        "entry": [{ "id": message.pool_number_id, "changes": [{ "field": "messages", "value": {
            "messaging_product": "whatsapp",
            "metadata": { "display_phone_number": message.pool_number_phone_number, "phone_number_id": message.pool_number_id },
            "contacts": [contact],
            "messages": [entry],
        }}]}],
        "pipes": pipes,
    })
}

/// Lowercase hex HMAC-SHA256 of `body` with `secret` (assumption A8).
pub fn sign(secret: &str, body: &[u8]) -> String {
    use hmac::Mac;
    match hmac::Hmac::<sha2::Sha256>::new_from_slice(secret.as_bytes()) {
        Ok(mut mac) => {
            mac.update(body);
            hex::encode(mac.finalize().into_bytes())
        }
        // HMAC takes keys of any length; this cannot happen.
        Err(_) => String::new(),
    }
}

/// Tries every attempt of `target`; `true` when one was answered 2xx.
pub(crate) async fn deliver(target: &WebhookTarget, counters: &Counters, body: Vec<u8>) -> bool {
    let client = match reqwest_client(target.timeout) {
        Some(client) => client,
        None => return false,
    };
    let signature = target.secret.as_deref().map(|s| sign(s, &body));
    for delay in &target.schedule {
        tokio::time::sleep(*delay).await;
        counters.attempts.fetch_add(1, Ordering::Relaxed);
        let mut request = client
            .post(&target.url)
            .header("content-type", "application/json")
            .body(body.clone());
        if let Some(signature) = &signature {
            request = request.header("x-pipes-signature", signature);
        }
        match request.send().await {
            Ok(response) if response.status().is_success() => {
                counters.delivered.fetch_add(1, Ordering::Relaxed);
                return true;
            }
            Ok(response) => {
                tracing::debug!(
                    status = response.status().as_u16(),
                    "webhook attempt refused"
                )
            }
            Err(error) => tracing::debug!(%error, "webhook attempt failed"),
        }
    }
    counters.fallbacks.fetch_add(1, Ordering::Relaxed);
    false
}

fn reqwest_client(timeout: Duration) -> Option<reqwest::Client> {
    reqwest::Client::builder()
        .timeout(timeout)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .ok()
}

impl crate::Simulator {
    /// Posts `message` to the user's webhook; after the last failed attempt (or at once, for
    /// BYON apps) it goes over the WebSocket too.
    pub(crate) fn deliver_by_webhook(
        &self,
        user_id: &str,
        message: &Message,
        envelope: crate::state::Envelope,
        target: crate::webhook::WebhookTarget,
    ) {
        let body = crate::webhook::payload(message).to_string().into_bytes();
        let shared = self.inner.shared.clone();
        let counters = self.inner.webhooks.counters.clone();
        let user = user_id.to_owned();
        if target.also_websocket {
            shared.route(&user, envelope.clone());
        }
        tokio::spawn(async move {
            let delivered = crate::webhook::deliver(&target, &counters, body).await;
            if !delivered && !target.also_websocket {
                shared.route(&user, envelope);
            }
        });
    }

    /// Delivers `user_id`'s messages by webhook from now on (`None`: by WebSocket again).
    pub fn set_webhook(&self, user_id: &str, target: Option<crate::webhook::WebhookTarget>) {
        self.inner.webhooks.set(user_id, target);
    }

    /// What webhook delivery did so far.
    pub fn webhook_stats(&self) -> crate::webhook::WebhookStats {
        self.inner.webhooks.counters.snapshot()
    }
}
