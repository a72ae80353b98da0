//! [`NatsConfig`]: where the server is and how the streams and consumers are set up.

use std::time::Duration;

use async_nats::jetstream::{consumer, stream};

/// The JetStream layout shared by the ingest and every worker. All of them must use the same
/// settings: at start each process creates what is missing and checks what exists, and a
/// mismatch is reported (never silently changed).
///
/// | what | default | setting |
/// | --- | --- | --- |
/// | events stream | `PIPES_EVENTS` on `pipes.events` | work-queue retention, file storage, 1 replica, 2 min duplicate window |
/// | workers' consumer | `pipes-workers` | durable pull, explicit ack, ack wait 60 s, max deliver 5, max ack pending 1000 |
/// | results stream | `PIPES_RESULTS` on `pipes.results` | limits retention (7 days), file storage, 1 replica, 2 min duplicate window |
/// | ingest's consumer | `pipes-ingest` | durable pull on the results, explicit ack |
/// | dead letters | `PIPES_DEAD` on `pipes.dead` + the max-deliveries advisory | limits retention (30 days), file storage |
///
/// The equivalent `nats` CLI commands are in [`NatsConfig::cli_commands`].
#[derive(Debug, Clone)]
pub struct NatsConfig {
    /// Server URL(s), comma-separated (`nats://host:4222`).
    pub url: String,
    /// The work-queue stream of received events.
    pub events_stream: String,
    /// The subject events are published on.
    pub events_subject: String,
    /// The durable pull consumer the workers share.
    pub workers_consumer: String,
    /// The stream of finished report lines.
    pub results_stream: String,
    /// The subject report lines are published on.
    pub results_subject: String,
    /// The durable consumer the ingest reads results with.
    pub results_consumer: String,
    /// The stream of dead letters (and of max-deliveries advisories).
    pub dead_stream: String,
    /// The subject dead letters are published on.
    pub dead_subject: String,
    /// The durable consumer the ingest reads max-deliveries advisories with.
    pub dead_consumer: String,
    /// Replicas of every stream (1 on a single server; 3 in a cluster).
    pub replicas: usize,
    /// JetStream deduplicates publishes with the same `Nats-Msg-Id` within this window.
    pub duplicate_window: Duration,
    /// A delivered job not acknowledged (or kept alive) within this time is redelivered.
    pub ack_wait: Duration,
    /// Deliveries of one job before it is dead-lettered.
    pub max_deliver: u32,
    /// Jobs handed out and not yet acknowledged, across all workers.
    pub max_ack_pending: u32,
    /// How long report lines stay in the results stream (the ingest normally reads them at once).
    pub results_max_age: Duration,
    /// How long dead letters are kept.
    pub dead_max_age: Duration,
    /// Timeout of the first connection.
    pub connect_timeout: Duration,
}

impl Default for NatsConfig {
    fn default() -> Self {
        Self {
            url: "nats://127.0.0.1:4222".to_owned(),
            events_stream: "PIPES_EVENTS".to_owned(),
            events_subject: "pipes.events".to_owned(),
            workers_consumer: "pipes-workers".to_owned(),
            results_stream: "PIPES_RESULTS".to_owned(),
            results_subject: "pipes.results".to_owned(),
            results_consumer: "pipes-ingest".to_owned(),
            dead_stream: "PIPES_DEAD".to_owned(),
            dead_subject: "pipes.dead".to_owned(),
            dead_consumer: "pipes-ingest-dead".to_owned(),
            replicas: 1,
            duplicate_window: Duration::from_secs(120),
            ack_wait: Duration::from_secs(60),
            max_deliver: 5,
            max_ack_pending: 1000,
            results_max_age: Duration::from_secs(7 * 24 * 3600),
            dead_max_age: Duration::from_secs(30 * 24 * 3600),
            connect_timeout: Duration::from_secs(5),
        }
    }
}

impl NatsConfig {
    /// The default layout on `url`.
    pub fn new(url: impl Into<String>) -> Self {
        Self {
            url: url.into(),
            ..Self::default()
        }
    }

    /// The subject of the max-deliveries advisory of the workers' consumer.
    pub fn max_deliveries_advisory(&self) -> String {
        format!(
            "$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.{}.{}",
            self.events_stream, self.workers_consumer
        )
    }

    /// The events stream's settings.
    pub fn events_stream_config(&self) -> stream::Config {
        stream::Config {
            name: self.events_stream.clone(),
            subjects: vec![self.events_subject.clone()],
            retention: stream::RetentionPolicy::WorkQueue,
            storage: stream::StorageType::File,
            num_replicas: self.replicas,
            duplicate_window: self.duplicate_window,
            discard: stream::DiscardPolicy::Old,
            ..Default::default()
        }
    }

    /// The results stream's settings.
    pub fn results_stream_config(&self) -> stream::Config {
        stream::Config {
            name: self.results_stream.clone(),
            subjects: vec![self.results_subject.clone()],
            retention: stream::RetentionPolicy::Limits,
            storage: stream::StorageType::File,
            num_replicas: self.replicas,
            duplicate_window: self.duplicate_window,
            max_age: self.results_max_age,
            ..Default::default()
        }
    }

    /// The dead-letter stream's settings: dead letters and the max-deliveries advisory (which
    /// NATS publishes only to whoever listens at that moment; a stream keeps it for an ingest
    /// that is down).
    pub fn dead_stream_config(&self) -> stream::Config {
        stream::Config {
            name: self.dead_stream.clone(),
            subjects: vec![self.dead_subject.clone(), self.max_deliveries_advisory()],
            retention: stream::RetentionPolicy::Limits,
            storage: stream::StorageType::File,
            num_replicas: self.replicas,
            duplicate_window: self.duplicate_window,
            max_age: self.dead_max_age,
            ..Default::default()
        }
    }

    /// The workers' shared consumer.
    pub fn workers_consumer_config(&self) -> consumer::pull::Config {
        consumer::pull::Config {
            durable_name: Some(self.workers_consumer.clone()),
            filter_subject: self.events_subject.clone(),
            ack_policy: consumer::AckPolicy::Explicit,
            ack_wait: self.ack_wait,
            max_deliver: i64::from(self.max_deliver),
            max_ack_pending: i64::from(self.max_ack_pending),
            deliver_policy: consumer::DeliverPolicy::All,
            ..Default::default()
        }
    }

    /// The ingest's consumer of report lines.
    pub fn results_consumer_config(&self) -> consumer::pull::Config {
        consumer::pull::Config {
            durable_name: Some(self.results_consumer.clone()),
            filter_subject: self.results_subject.clone(),
            ack_policy: consumer::AckPolicy::Explicit,
            ack_wait: Duration::from_secs(30),
            deliver_policy: consumer::DeliverPolicy::All,
            max_ack_pending: 10_000,
            max_deliver: -1,
            ..Default::default()
        }
    }

    /// The ingest's consumer of max-deliveries advisories.
    pub fn dead_consumer_config(&self) -> consumer::pull::Config {
        consumer::pull::Config {
            durable_name: Some(self.dead_consumer.clone()),
            filter_subject: self.max_deliveries_advisory(),
            ack_policy: consumer::AckPolicy::Explicit,
            ack_wait: Duration::from_secs(30),
            max_deliver: -1,
            deliver_policy: consumer::DeliverPolicy::All,
            ..Default::default()
        }
    }

    /// The `nats` CLI commands that create the same streams and consumers, for operators who
    /// provision them by hand (one command a line).
    pub fn cli_commands(&self) -> String {
        let dup = humanize(self.duplicate_window);
        let r = self.replicas;
        format!(
            "nats stream add {es} --subjects '{esub}' --retention work --storage file --replicas {r} \
             --dupe-window {dup} --discard old --max-msgs=-1 --max-bytes=-1 --max-age=-1 \
             --max-msg-size=-1 --max-msgs-per-subject=-1 --no-allow-rollup --no-deny-delete --no-deny-purge --defaults\n\
             nats consumer add {es} {wc} --pull --filter '{esub}' --ack explicit --wait {aw} \
             --max-deliver {md} --max-pending {map} --deliver all --replay instant --defaults\n\
             nats stream add {rs} --subjects '{rsub}' --retention limits --storage file --replicas {r} \
             --dupe-window {dup} --max-age {rage} --defaults\n\
             nats consumer add {rs} {rc} --pull --filter '{rsub}' --ack explicit --wait 30s \
             --max-pending 10000 --deliver all --replay instant --defaults\n\
             nats stream add {ds} --subjects '{dsub},{adv}' --retention limits --storage file \
             --replicas {r} --dupe-window {dup} --max-age {dage} --defaults\n\
             nats consumer add {ds} {dc} --pull --filter '{adv}' --ack explicit --wait 30s \
             --deliver all --replay instant --defaults\n",
            es = self.events_stream,
            esub = self.events_subject,
            wc = self.workers_consumer,
            aw = humanize(self.ack_wait),
            md = self.max_deliver,
            map = self.max_ack_pending,
            rs = self.results_stream,
            rsub = self.results_subject,
            rc = self.results_consumer,
            rage = humanize(self.results_max_age),
            ds = self.dead_stream,
            dsub = self.dead_subject,
            adv = self.max_deliveries_advisory(),
            dc = self.dead_consumer,
            dage = humanize(self.dead_max_age),
        )
    }
}

/// `90s`, `2m`, `168h`: durations as the `nats` CLI reads them.
fn humanize(d: Duration) -> String {
    let s = d.as_secs();
    if s > 0 && s.is_multiple_of(3600) {
        format!("{}h", s / 3600)
    } else if s > 0 && s.is_multiple_of(60) {
        format!("{}m", s / 60)
    } else if d.subsec_millis() == 0 {
        format!("{s}s")
    } else {
        format!("{}ms", d.as_millis())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_the_documented_ones() {
        let c = NatsConfig::default();
        let events = c.events_stream_config();
        assert_eq!(events.retention, stream::RetentionPolicy::WorkQueue);
        assert_eq!(events.storage, stream::StorageType::File);
        assert_eq!(events.duplicate_window, Duration::from_secs(120));
        let workers = c.workers_consumer_config();
        assert_eq!(workers.ack_wait, Duration::from_secs(60));
        assert_eq!(workers.max_deliver, 5);
        assert_eq!(
            c.max_deliveries_advisory(),
            "$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.PIPES_EVENTS.pipes-workers"
        );
        let cli = c.cli_commands();
        assert!(cli.contains("--retention work"), "{cli}");
        assert!(cli.contains("--wait 1m"), "{cli}");
        assert!(cli.contains("--dupe-window 2m"), "{cli}");
        assert_eq!(humanize(Duration::from_millis(1500)), "1500ms");
    }
}
