//! A simulator run through every bundled stage, with the gallery observing it; and a large
//! synthetic report for the 10 000-message check.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use pipes_media_core::{MemoryQueue, Pipeline};
use pipes_media_gallery::Gallery;
use pipes_media_ingest::{ApiKey, ClientConfig, Downloader, WebSocketSource};
use pipes_media_sim::{MediaSpec, MessageSpec, Simulator, DEFAULT_USER};
use serde_json::{json, Value};

/// The committed sample media.
pub fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/samples")
}

/// Runs the samples (three senders) plus a text from a sender with a hostile name, an
/// unavailable voice note, a missing file (404), a PNG declared as a PDF and an executable
/// declared as a photo through the simulator and every bundled stage into `out`, with the
/// gallery on. Returns the report lines.
pub async fn simulator_run(out: &Path) -> Vec<Value> {
    let sim = Simulator::builder().start().await.expect("simulator");
    let mut sent = sim
        .load_dir_from(DEFAULT_USER, &samples(), 3)
        .expect("samples")
        .len() as u64;
    let hostile = "<img src=x onerror=alert(1)> Eve";
    sim.send(
        DEFAULT_USER,
        MessageSpec::text("hello").from("+447700900999", hostile),
    );
    sim.send(DEFAULT_USER, MessageSpec::unavailable("audio", "audio/ogg"));
    sim.send(
        DEFAULT_USER,
        MessageSpec::media("image", "med_doesnotexist"),
    );
    let png = std::fs::read(samples().join("screenshot.png")).expect("png");
    let fake_pdf = sim.add_media(
        DEFAULT_USER,
        MediaSpec::bytes(png, "application/pdf").file_name("invoice.pdf"),
    );
    sim.send(DEFAULT_USER, MessageSpec::media("document", &fake_pdf));
    let mut elf = b"\x7fELF\x02\x01\x01\x00".to_vec();
    elf.resize(4096, 0);
    let exe = sim.add_media(
        DEFAULT_USER,
        MediaSpec::bytes(elf, "image/jpeg").file_name("holiday.jpg"),
    );
    sim.send(DEFAULT_USER, MessageSpec::media("image", &exe));
    sent += 5;

    let report = Arc::new(pipes_media_core::Report::open(out).expect("report"));
    let gallery = Gallery::open(out, &report).expect("gallery");
    let config = ClientConfig::new(&sim.base_url(), ApiKey::new(sim.api_key())).expect("config");
    let pipeline = Pipeline::builder()
        .out_dir(out)
        .report(report)
        .source(WebSocketSource::new(config.clone()))
        .fetcher(Downloader::new(config).expect("downloader"))
        .queue(Arc::new(MemoryQueue::new(64)))
        .stage(pipes_media_mime::MimeStage::new(Default::default()))
        .stage(pipes_media_thumbnail::ThumbnailStage::new(
            Default::default(),
        ))
        .stage(pipes_media_audio::AudioStage::new(Default::default()))
        .stage(pipes_media_voice::WaveformStage::new(Default::default()))
        .stage(pipes_media_pdf::PdfStage::new(Default::default()))
        .max_messages(sent)
        .observer(gallery.clone())
        .build()
        .expect("pipeline");
    pipeline.run().await.expect("run");
    gallery.close();
    sim.shutdown().await;
    pipes_media_testkit::files::read_report(out)
}

/// Writes a report of `n` synthetic lines (every type and status, waveforms, PDF excerpts,
/// mismatches; one real thumbnail file shared by the photos) into `out`.
pub fn synthetic_report(out: &Path, n: usize) {
    let thumb_dir = out.join("artifacts/shared");
    std::fs::create_dir_all(&thumb_dir).expect("mkdir");
    std::fs::copy(samples().join("photo.jpg"), thumb_dir.join("thumbnail.jpg")).expect("copy");
    let mut text = String::new();
    for i in 0..n {
        let (kind, status) = match i % 10 {
            0..=3 => ("image", "processed"),
            4 | 5 => ("audio", "processed"),
            6 => ("document", "processed"),
            7 => ("video", "processed"),
            8 => ("image", "failed"),
            _ => ("text", "no_media"),
        };
        let mut stages = serde_json::Map::new();
        if kind == "image" && status == "processed" {
            stages.insert("mime".into(), json!({"status":"ok","facts":{"sniffedMime": if i % 40 == 0 {"image/png"} else {"image/jpeg"},"verdict": if i % 40 == 0 {"mismatch"} else {"match"},"dangerous":false}}));
            stages.insert("thumbnail".into(), json!({"status":"ok","facts":{"path":"artifacts/shared/thumbnail.jpg","width":320,"height":240,"source":"image"}}));
        }
        if kind == "audio" {
            let wave: Vec<u64> = (0..64).map(|k| ((k * 37 + i) % 100) as u64).collect();
            stages.insert(
                "audio".into(),
                json!({"status":"ok","facts":{"durationMs": 1000 + i * 7}}),
            );
            stages.insert(
                "waveform".into(),
                json!({"status":"ok","facts":{"waveform": wave}}),
            );
        }
        if kind == "document" {
            stages.insert("pdf".into(), json!({"status":"ok","facts":{"pages": 1 + i % 30, "excerpt": format!("Invoice number {i} for services rendered in the month")}}));
        }
        let mut line = json!({
            "messageId": format!("msg_{i:06}"),
            "type": kind,
            "status": status,
            "stages": stages,
            "conversationId": "conv_1",
            "fromNumber": format!("+4477009{:05}", i % 250),
            "fromName": format!("Sender {}", i % 250),
            "attempts": 1,
            "receivedAt": "2026-01-01T00:00:00Z",
            "finishedAt": "2026-01-01T00:00:01Z",
        });
        if kind != "text" {
            line["media"] = json!({"declaredMime":"image/jpeg","byteSize": 1000 + i,"fileName": format!("file-{i}.jpg")});
        }
        if status == "failed" {
            line["error"] = json!({"code":"NOT_FOUND","message":"the media is gone"});
        }
        text.push_str(&line.to_string());
        text.push('\n');
    }
    std::fs::write(out.join("report.jsonl"), text).expect("write report");
}
