//! Connecting, and creating or checking the streams and consumers.

use async_nats::jetstream::{self, consumer, stream, Context};
use tracing::info;

use crate::config::NatsConfig;
use crate::error::NatsError;

/// A connection to NATS with JetStream checked, and the layout it works with.
#[derive(Clone)]
pub struct Connection {
    /// The core client.
    pub client: async_nats::Client,
    /// The JetStream context.
    pub js: Context,
    /// The layout.
    pub config: NatsConfig,
}

impl std::fmt::Debug for Connection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Connection")
            .field("url", &self.config.url)
            .finish_non_exhaustive()
    }
}

/// Connects (one attempt, within `connect_timeout`), checks that JetStream answers, and creates
/// or checks the streams and consumers ([`ensure_streams`]).
pub async fn connect(config: &NatsConfig, name: &str) -> Result<Connection, NatsError> {
    let options = async_nats::ConnectOptions::new()
        .name(name)
        .connection_timeout(config.connect_timeout);
    let connecting = options.connect(config.url.as_str());
    let client = match tokio::time::timeout(config.connect_timeout * 2, connecting).await {
        Ok(Ok(client)) => client,
        Ok(Err(e)) => {
            return Err(NatsError::Unreachable {
                url: config.url.clone(),
                reason: e.to_string(),
            })
        }
        Err(_) => {
            return Err(NatsError::Unreachable {
                url: config.url.clone(),
                reason: "connection timed out".to_owned(),
            })
        }
    };
    let mut js = jetstream::new(client.clone());
    js.set_timeout(std::time::Duration::from_secs(10));
    check_jetstream(&client, config).await?;
    let connection = Connection {
        client,
        js,
        config: config.clone(),
    };
    ensure_streams(&connection).await?;
    Ok(connection)
}

/// Asks `$JS.API.INFO` directly (the typed account info of the client does not parse every
/// server version's answer): no responder, or an error answer, means JetStream is off.
async fn check_jetstream(
    client: &async_nats::Client,
    config: &NatsConfig,
) -> Result<(), NatsError> {
    let unavailable = |reason: String| NatsError::JetStreamUnavailable {
        url: config.url.clone(),
        reason,
    };
    let request = client.request("$JS.API.INFO", bytes::Bytes::new());
    let reply = match tokio::time::timeout(std::time::Duration::from_secs(10), request).await {
        Ok(Ok(reply)) => reply,
        Ok(Err(e)) => return Err(unavailable(e.to_string())),
        Err(_) => return Err(unavailable("no answer from $JS.API.INFO".to_owned())),
    };
    let answer: serde_json::Value = serde_json::from_slice(&reply.payload)
        .map_err(|e| unavailable(format!("unreadable $JS.API.INFO answer: {e}")))?;
    if let Some(error) = answer.get("error") {
        return Err(unavailable(
            error
                .get("description")
                .and_then(|d| d.as_str())
                .unwrap_or("error")
                .to_owned(),
        ));
    }
    Ok(())
}

/// Creates the streams and consumers of [`NatsConfig`] that do not exist, and checks the settings
/// of those that do; a difference is a [`NatsError::Mismatch`] naming each setting (nothing is
/// changed on the server: that is the operator's call).
pub async fn ensure_streams(connection: &Connection) -> Result<(), NatsError> {
    let c = &connection.config;
    let js = &connection.js;
    ensure_stream(js, c.events_stream_config()).await?;
    ensure_stream(js, c.results_stream_config()).await?;
    ensure_stream(js, c.dead_stream_config()).await?;
    ensure_consumer(js, &c.events_stream, c.workers_consumer_config()).await?;
    ensure_consumer(js, &c.results_stream, c.results_consumer_config()).await?;
    ensure_consumer(js, &c.dead_stream, c.dead_consumer_config()).await?;
    Ok(())
}

async fn ensure_stream(js: &Context, want: stream::Config) -> Result<(), NatsError> {
    let name = want.name.clone();
    let existing = match js.get_stream(&name).await {
        Ok(mut s) => Some(
            s.info()
                .await
                .map_err(|e| NatsError::nats(name.clone(), e))?
                .config
                .clone(),
        ),
        Err(e) if is_not_found(&e.to_string()) => None,
        Err(e) => return Err(NatsError::nats(format!("looking up stream {name}"), e)),
    };
    let have = match existing {
        Some(have) => have,
        None => match js.create_stream(want.clone()).await {
            Ok(_) => {
                info!(stream = %name, "created stream");
                return Ok(());
            }
            // Another process may have created it meanwhile: compare with what is there.
            Err(e) => match js.get_stream(&name).await {
                Ok(mut s) => s
                    .info()
                    .await
                    .map_err(|e| NatsError::nats(name.clone(), e))?
                    .config
                    .clone(),
                Err(_) => return Err(NatsError::nats(format!("creating stream {name}"), e)),
            },
        },
    };
    let mut diffs = Vec::new();
    let mut check = |what: &str, have: String, want: String| {
        if have != want {
            diffs.push(format!("{what} is {have}, expected {want}"));
        }
    };
    let mut have_subjects = have.subjects.clone();
    let mut want_subjects = want.subjects.clone();
    have_subjects.sort();
    want_subjects.sort();
    check("subjects", have_subjects.join(","), want_subjects.join(","));
    check(
        "retention",
        format!("{:?}", have.retention),
        format!("{:?}", want.retention),
    );
    check(
        "storage",
        format!("{:?}", have.storage),
        format!("{:?}", want.storage),
    );
    check(
        "replicas",
        have.num_replicas.max(1).to_string(),
        want.num_replicas.to_string(),
    );
    check(
        "duplicate window",
        format!("{:?}", have.duplicate_window),
        format!("{:?}", want.duplicate_window),
    );
    if diffs.is_empty() {
        Ok(())
    } else {
        Err(NatsError::Mismatch(format!(
            "stream {name} exists with other settings: {} (fix it with `nats stream edit {name}` or delete it)",
            diffs.join("; ")
        )))
    }
}

async fn ensure_consumer(
    js: &Context,
    stream_name: &str,
    want: consumer::pull::Config,
) -> Result<(), NatsError> {
    let name = want.durable_name.clone().unwrap_or_default();
    let stream = js
        .get_stream(stream_name)
        .await
        .map_err(|e| NatsError::nats(format!("stream {stream_name}"), e))?;
    let existing = match stream.consumer_info(&name).await {
        Ok(info) => Some(info.config),
        Err(e) if is_not_found(&e.to_string()) => None,
        Err(e) => return Err(NatsError::nats(format!("looking up consumer {name}"), e)),
    };
    let have = match existing {
        Some(have) => have,
        None => match stream.create_consumer(want.clone()).await {
            Ok(_) => {
                info!(stream = %stream_name, consumer = %name, "created consumer");
                return Ok(());
            }
            Err(e) => match stream.consumer_info(&name).await {
                Ok(info) => info.config,
                Err(_) => return Err(NatsError::nats(format!("creating consumer {name}"), e)),
            },
        },
    };
    let mut diffs = Vec::new();
    let mut check = |what: &str, have: String, want: String| {
        if have != want {
            diffs.push(format!("{what} is {have}, expected {want}"));
        }
    };
    check(
        "filter subject",
        have.filter_subject.clone(),
        want.filter_subject.clone(),
    );
    check(
        "ack policy",
        format!("{:?}", have.ack_policy),
        format!("{:?}", want.ack_policy),
    );
    check(
        "ack wait",
        format!("{:?}", have.ack_wait),
        format!("{:?}", want.ack_wait),
    );
    let unlimited = |n: i64| if n <= 0 { -1 } else { n };
    check(
        "max deliver",
        unlimited(have.max_deliver).to_string(),
        unlimited(want.max_deliver).to_string(),
    );
    check(
        "push/pull",
        if have.deliver_subject.is_some() {
            "push"
        } else {
            "pull"
        }
        .to_owned(),
        "pull".to_owned(),
    );
    if diffs.is_empty() {
        Ok(())
    } else {
        Err(NatsError::Mismatch(format!(
            "consumer {name} on stream {stream_name} exists with other settings: {} \
             (fix it with `nats consumer edit {stream_name} {name}` or delete it)",
            diffs.join("; ")
        )))
    }
}

fn is_not_found(text: &str) -> bool {
    let t = text.to_ascii_lowercase();
    t.contains("not found") || t.contains("10059") || t.contains("10014")
}
