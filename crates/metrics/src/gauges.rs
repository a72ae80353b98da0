//! [`LiveGauges`]: values read at scrape time from the run's counters and its queue.

use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use pipes_media_core::{Dequeue, Metrics};
use prometheus_client::collector::Collector;
use prometheus_client::encoding::{DescriptorEncoder, EncodeMetric};
use prometheus_client::metrics::counter::ConstCounter;
use prometheus_client::metrics::gauge::ConstGauge;
use prometheus_client::registry::Unit;

/// How long a dead-letter count is reused before it is read again (reading it may scan the
/// job store).
const DEAD_LETTER_TTL: Duration = Duration::from_secs(10);

/// Counts dead letters (a closure over the durable store); `None` when it cannot tell.
pub type DeadLetterCount = Box<dyn Fn() -> Option<u64> + Send + Sync>;

/// What the gauges read from, set as the run is assembled.
#[derive(Default)]
pub(crate) struct Sources {
    pub(crate) run: Option<Arc<Metrics>>,
    pub(crate) queue: Option<Arc<dyn Dequeue>>,
    pub(crate) dead_letters: Option<DeadLetterCount>,
}

/// The scrape-time collector.
#[derive(Default)]
pub(crate) struct LiveGauges {
    pub(crate) sources: RwLock<Sources>,
    dead_cache: Mutex<Option<(Instant, Option<u64>)>>,
}

impl std::fmt::Debug for LiveGauges {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LiveGauges").finish_non_exhaustive()
    }
}

impl LiveGauges {
    fn dead_letters(&self, sources: &Sources) -> Option<u64> {
        let count = sources.dead_letters.as_ref()?;
        let mut cache = self.dead_cache.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((at, value)) = *cache {
            if at.elapsed() < DEAD_LETTER_TTL {
                return value;
            }
        }
        let value = count();
        *cache = Some((Instant::now(), value));
        value
    }
}

fn gauge<N>(
    encoder: &mut DescriptorEncoder<'_>,
    name: &str,
    help: &str,
    unit: Option<&Unit>,
    value: N,
) -> Result<(), std::fmt::Error>
where
    ConstGauge<N>: EncodeMetric,
{
    let metric = ConstGauge::new(value);
    let metric_encoder = encoder.encode_descriptor(name, help, unit, metric.metric_type())?;
    metric.encode(metric_encoder)
}

fn counter(
    encoder: &mut DescriptorEncoder<'_>,
    name: &str,
    help: &str,
    value: u64,
) -> Result<(), std::fmt::Error> {
    let metric = ConstCounter::new(value);
    let metric_encoder = encoder.encode_descriptor(name, help, None, metric.metric_type())?;
    metric.encode(metric_encoder)
}

fn to_i64(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

impl Collector for LiveGauges {
    fn encode(&self, mut encoder: DescriptorEncoder<'_>) -> Result<(), std::fmt::Error> {
        let sources = self.sources.read().unwrap_or_else(|p| p.into_inner());
        if let Some(run) = &sources.run {
            let m = run.snapshot();
            counter(
                &mut encoder,
                "received",
                "Messages received from the source (redeliveries excluded)",
                m.received,
            )?;
            counter(
                &mut encoder,
                "duplicates",
                "Redelivered messages dropped as duplicates",
                m.duplicates,
            )?;
            counter(
                &mut encoder,
                "reconnects",
                "Times the source lost its connection",
                m.reconnects,
            )?;
            gauge(
                &mut encoder,
                "in_flight",
                "Jobs a worker holds now",
                None,
                to_i64(m.in_flight),
            )?;
            gauge(
                &mut encoder,
                "source_connected",
                "1 while the source is connected",
                None,
                i64::from(m.connected),
            )?;
        }
        if let Some(queue) = &sources.queue {
            gauge(
                &mut encoder,
                "queue_depth",
                "Jobs received and not yet taken (ready or waiting for a retry)",
                None,
                i64::try_from(queue.waiting()).unwrap_or(i64::MAX),
            )?;
            if let Some(deadline) = queue.earliest_deadline() {
                let left = (deadline - time::OffsetDateTime::now_utc()).as_seconds_f64();
                gauge(
                    &mut encoder,
                    "oldest_pending_expiry",
                    "Seconds left before the media of the waiting job closest to its 48 h expiry is deleted (negative: already expired)",
                    Some(&Unit::Seconds),
                    left,
                )?;
            }
        }
        if let Some(dead) = self.dead_letters(&sources) {
            gauge(
                &mut encoder,
                "dead_letters",
                "Messages whose retries ran out, kept in the job store",
                None,
                to_i64(dead),
            )?;
        }
        Ok(())
    }
}
