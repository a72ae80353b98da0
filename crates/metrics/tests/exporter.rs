//! A real run (local files through the pipeline, one stage that fails some files) with the
//! exporter registered, scraped over loopback: the counters equal the counts in report.jsonl,
//! the histograms have buckets, and /healthz and /readyz answer.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use pipes_media_core::{stage_fn, LocalFiles, MemoryQueue, Pipeline, StageError};
use pipes_media_metrics::{Exporter, Format};
use serde_json::Value;

fn loopback() -> SocketAddr {
    "127.0.0.1:0".parse().expect("addr")
}

/// The value of the series `name{labels}` (or `name` without labels) in Prometheus text.
fn sample(text: &str, series: &str) -> Option<f64> {
    text.lines().filter(|l| !l.starts_with('#')).find_map(|l| {
        l.strip_prefix(series)?
            .strip_prefix(' ')?
            .trim()
            .parse()
            .ok()
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn counters_equal_the_report_after_a_run() {
    let input = tempfile::tempdir().expect("tempdir");
    for i in 0..12u8 {
        let ext = ["pdf", "jpg", "txt"][usize::from(i % 3)];
        std::fs::write(
            input.path().join(format!("f{i}.{ext}")),
            vec![i; 1000 + usize::from(i)],
        )
        .expect("write");
    }
    let out = tempfile::tempdir().expect("tempdir");
    let files = LocalFiles::scan(input.path()).expect("scan");
    let expected_bytes: u64 = (0..12u64).map(|i| 1000 + i).sum();

    let exporter = Exporter::new();
    let queue = Arc::new(MemoryQueue::new(64));
    let picky = stage_fn("picky", |item, _cx| {
        if item.blob().len() % 2 == 1 {
            return Err(StageError::new("ODD_SIZE", "odd length"));
        }
        Ok(())
    });
    let pipeline = Pipeline::builder()
        .out_dir(out.path())
        .source(files.source())
        .fetcher(files.fetcher())
        .queue(queue.clone())
        .stage(picky)
        .observer(exporter.observer())
        .build()
        .expect("builds");
    exporter.watch_run(pipeline.metrics());
    exporter.watch_queue(queue);
    exporter.dead_letters(|| Some(0));
    let connected = Arc::new(AtomicBool::new(false));
    let flag = connected.clone();
    exporter.ready_check("source", move || flag.load(Ordering::Relaxed));

    let server = exporter.serve(loopback()).await.expect("serves");
    let base = format!("http://{}", server.local_addr());
    let client = reqwest::Client::new();
    let get = |path: &str| {
        let request = client.get(format!("{base}{path}"));
        async move { request.send().await.expect("answers") }
    };

    // Not ready before the run goes, nor while a check fails.
    assert_eq!(get("/readyz").await.status(), 503);
    exporter.set_running(true);
    let not_ready = get("/readyz").await;
    assert_eq!(not_ready.status(), 503);
    assert!(not_ready.text().await.expect("body").contains("source"));
    connected.store(true, Ordering::Relaxed);
    assert_eq!(get("/readyz").await.status(), 200);
    assert_eq!(get("/healthz").await.status(), 200);

    pipeline.run().await.expect("runs");

    let response = get("/metrics").await;
    assert_eq!(response.status(), 200);
    assert!(response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/plain; version=0.0.4")));
    let text = response.text().await.expect("body");

    let report: Vec<Value> = std::fs::read_to_string(out.path().join("report.jsonl"))
        .expect("report")
        .lines()
        .map(|l| serde_json::from_str(l).expect("json"))
        .collect();
    assert_eq!(report.len(), 12);
    let mut by_status: HashMap<String, f64> = HashMap::new();
    let mut by_code: HashMap<String, f64> = HashMap::new();
    for line in &report {
        *by_status
            .entry(line["status"].as_str().expect("status").to_owned())
            .or_default() += 1.0;
        if line["status"] == "failed" {
            *by_code
                .entry(line["error"]["code"].as_str().expect("code").to_owned())
                .or_default() += 1.0;
        }
    }
    assert!(by_status.len() == 2, "both outcomes happen: {by_status:?}");
    for (status, n) in &by_status {
        let series = format!("pipes_media_messages_finished_total{{status=\"{status}\"}}");
        assert_eq!(sample(&text, &series), Some(*n), "{series}\n{text}");
    }
    for (code, n) in &by_code {
        let series = format!("pipes_media_failures_total{{code=\"{code}\"}}");
        assert_eq!(sample(&text, &series), Some(*n), "{series}\n{text}");
    }
    assert_eq!(
        sample(&text, "pipes_media_downloaded_bytes_total"),
        Some(expected_bytes as f64)
    );
    assert_eq!(sample(&text, "pipes_media_received_total"), Some(12.0));
    assert_eq!(sample(&text, "pipes_media_in_flight"), Some(0.0));
    assert_eq!(sample(&text, "pipes_media_queue_depth"), Some(0.0));
    assert_eq!(sample(&text, "pipes_media_dead_letters"), Some(0.0));
    assert_eq!(sample(&text, "pipes_media_reconnects_total"), Some(0.0));
    // Histograms with buckets, not summaries.
    assert!(
        text.contains("# TYPE pipes_media_stage_duration_seconds histogram"),
        "{text}"
    );
    assert_eq!(
        sample(
            &text,
            "pipes_media_stage_duration_seconds_count{stage=\"picky\",status=\"failed\"}"
        ),
        by_status.get("failed").copied()
    );
    assert_eq!(
        sample(
            &text,
            "pipes_media_download_duration_seconds_bucket{outcome=\"ok\",le=\"+Inf\"}"
        ),
        Some(12.0),
        "{text}"
    );

    // OpenMetrics on request.
    let open = client
        .get(format!("{base}/metrics"))
        .header("accept", "application/openmetrics-text; version=1.0.0")
        .send()
        .await
        .expect("answers");
    assert!(open
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/openmetrics-text")));
    assert!(open.text().await.expect("body").ends_with("# EOF\n"));

    exporter.set_running(false);
    assert_eq!(get("/readyz").await.status(), 503);
    server.shutdown().await;
    assert!(exporter
        .render(Format::OpenMetrics)
        .contains("pipes_media_received_total 12"));
}

#[tokio::test]
async fn a_taken_port_is_a_typed_error() {
    let exporter = Exporter::new();
    let first = exporter.serve(loopback()).await.expect("serves");
    let err = exporter
        .serve(first.local_addr())
        .await
        .expect_err("port in use");
    assert_eq!(err.code().to_string(), "METRICS_BIND");
    assert!(err.to_string().contains(&first.local_addr().to_string()));
    first.shutdown().await;
}
