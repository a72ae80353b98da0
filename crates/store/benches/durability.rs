//! What durability costs: accepting 1 000 events into the durable queue one by one with an
//! fsync each, in batches (one fsync per batch, what the pipeline's intake does), and without
//! fsync, next to the in-memory queue. Then handing them all out and completing them.
//!
//! `cargo bench -p pipes-media-store --bench durability`

#![allow(missing_docs)] // criterion macros generate undocumented items

use std::time::Duration;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use pipes_media_core::event::{Message, MessageType};
use pipes_media_core::queue::{Completion, Enqueue};
use pipes_media_core::{Envelope, JobQueue, MemoryQueue, Report};
use pipes_media_store::{DurableConfig, DurableQueue};

const EVENTS: usize = 1000;

fn envelopes() -> Vec<Envelope> {
    (0..EVENTS)
        .map(|i| {
            Envelope::new(Message {
                message_id: format!("msg_{i:06}"),
                conversation_id: "conv_k2p9".into(),
                pool_number_id: "pool_51".into(),
                pool_number_phone_number: "+15550001111".into(),
                from_number: "+447700900123".into(),
                from_name: Some("Ana Ruiz".into()),
                timestamp: "2025-03-02T08:15:42.120Z".into(),
                label: None,
                kind: MessageType::Text,
                text: "hello".into(),
                body: "hello".into(),
                media: None,
            })
        })
        .collect()
}

async fn drain(queue: &dyn JobQueue) {
    queue.close().await;
    // The same calls per job as the pipeline's workers make: the hand-out and the completion.
    while let Ok(Some(job)) = queue.take().await {
        let _ = queue.complete(job, Completion::Done).await;
    }
}

fn durability(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let mut group = c.benchmark_group("accept_1000_events");
    group.throughput(Throughput::Elements(EVENTS as u64));
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));

    let open = |fsync: bool| {
        let dir = tempfile::tempdir().expect("tempdir");
        let config = DurableConfig {
            fsync,
            ..DurableConfig::default()
        };
        let queue = DurableQueue::open(
            dir.path(),
            &Report::open(dir.path()).expect("report"),
            config,
        )
        .expect("opens");
        (dir, queue, envelopes())
    };
    group.bench_function("durable_fsync_each_event", |b| {
        b.iter_batched(
            || open(true),
            |(_dir, queue, events)| {
                rt.block_on(async {
                    for e in events {
                        queue.enqueue(vec![e]).await.expect("enqueue");
                    }
                })
            },
            BatchSize::PerIteration,
        )
    });
    group.bench_function("durable_fsync_batches_of_256", |b| {
        b.iter_batched(
            || open(true),
            |(_dir, queue, events)| {
                rt.block_on(async {
                    let mut events = events;
                    while !events.is_empty() {
                        let rest = events.split_off(events.len().min(256));
                        queue.enqueue(events).await.expect("enqueue");
                        events = rest;
                    }
                })
            },
            BatchSize::PerIteration,
        )
    });
    group.bench_function("durable_no_fsync_each_event", |b| {
        b.iter_batched(
            || open(false),
            |(_dir, queue, events)| {
                rt.block_on(async {
                    for e in events {
                        queue.enqueue(vec![e]).await.expect("enqueue");
                    }
                })
            },
            BatchSize::PerIteration,
        )
    });
    group.bench_function("memory_each_event", |b| {
        b.iter_batched(
            || (MemoryQueue::new(EVENTS * 2), envelopes()),
            |(queue, events)| {
                rt.block_on(async {
                    for e in events {
                        queue.enqueue(vec![e]).await.expect("enqueue");
                    }
                })
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();

    let mut group = c.benchmark_group("pop_and_complete_1000_jobs");
    group.throughput(Throughput::Elements(EVENTS as u64));
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    group.bench_function("durable", |b| {
        b.iter_batched(
            || {
                let (dir, queue, events) = open(true);
                rt.block_on(queue.enqueue(events)).expect("enqueue");
                (dir, queue)
            },
            |(_dir, queue)| rt.block_on(drain(&queue)),
            BatchSize::PerIteration,
        )
    });
    group.bench_function("memory", |b| {
        b.iter_batched(
            || {
                let queue = MemoryQueue::new(EVENTS * 2);
                rt.block_on(queue.enqueue(envelopes())).expect("enqueue");
                queue
            },
            |queue| rt.block_on(drain(&queue)),
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, durability);
criterion_main!(benches);
