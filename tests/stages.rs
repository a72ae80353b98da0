//! The bundled stages together in one pipeline over the bundled samples, and the MIME gate
//! stopping a lying file with its blob kept in quarantine.

#![cfg(all(
    feature = "mime",
    feature = "thumbnail",
    feature = "audio",
    feature = "pdf"
))]

use std::path::{Path, PathBuf};
use std::sync::Arc;

use pipes_media::core::fetch::LocalFiles;
use pipes_media::core::{OnError, StagePolicy};
use pipes_media::prelude::*;
use serde_json::Value;

fn samples() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/samples")
}

async fn run_dir(dir: &Path, out: &Path, strict: bool) -> Vec<Value> {
    let mime = MimeStage::new(
        MimeConfig::default()
            .reject_mismatch(strict)
            .reject_dangerous(strict),
    );
    let files = LocalFiles::scan(dir).expect("lists");
    Pipeline::builder()
        .out_dir(out)
        .source(files.source())
        .fetcher(files.fetcher())
        .queue(Arc::new(MemoryQueue::new(16)))
        .stage(mime)
        .stage(ThumbnailStage::new(ThumbnailConfig::default()))
        .stage(AudioStage::new(AudioConfig::default()))
        .stage_with(
            PdfStage::new(PdfConfig::default()),
            StagePolicy::default().on_error(OnError::Continue),
        )
        .concurrency(2)
        .build()
        .expect("builds")
        .run()
        .await
        .expect("runs");
    std::fs::read_to_string(out.join("report.jsonl"))
        .expect("report")
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect()
}

fn by_name<'a>(lines: &'a [Value], name: &str) -> &'a Value {
    lines
        .iter()
        .find(|l| l["media"]["fileName"] == name)
        .unwrap_or_else(|| panic!("no line for {name}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_sample_gets_the_facts_of_its_kind() {
    let out = tempfile::tempdir().expect("tempdir");
    let lines = run_dir(&samples(), out.path(), false).await;
    for line in &lines {
        assert_eq!(line["status"], "processed", "{line}");
        assert_eq!(
            line["stages"]["mime"]["facts"]["verdict"], "match",
            "{line}"
        );
    }
    let photo = by_name(&lines, "photo.jpg");
    let thumb = &photo["stages"]["thumbnail"]["facts"];
    assert_eq!(thumb["sourceWidth"], 1600);
    assert_eq!(thumb["width"], 320);
    assert_eq!(thumb["height"], 240);
    assert!(out
        .path()
        .join(thumb["path"].as_str().expect("path"))
        .exists());
    assert_eq!(photo["stages"]["audio"]["status"], "skipped");

    let voice = &by_name(&lines, "voice-note.ogg")["stages"]["audio"]["facts"];
    assert_eq!(voice["codec"], "opus");
    let ms = voice["durationMs"].as_f64().expect("duration");
    assert!((ms - 3700.0).abs() < 30.0, "{ms}");

    let clip = &by_name(&lines, "clip.mp4")["stages"]["audio"]["facts"];
    assert_eq!(clip["width"], 640);
    assert_eq!(clip["hasAudio"], true);

    let pdf = &by_name(&lines, "brochure.pdf")["stages"]["pdf"]["facts"];
    assert_eq!(pdf["pages"], 40);
    let text = std::fs::read_to_string(out.path().join(pdf["textPath"].as_str().expect("path")))
        .expect("text");
    assert_eq!(
        text.matches('\u{c}').count(),
        39,
        "pages separated by form feeds"
    );

    let sticker = &by_name(&lines, "sticker.webp")["stages"]["thumbnail"]["facts"];
    assert_eq!(sticker["sourceWidth"], 512);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_mime_gate_quarantines_lies_and_stops_later_stages() {
    let input = tempfile::tempdir().expect("tempdir");
    std::fs::copy(
        samples().join("photo.jpg"),
        input.path().join("invoice.pdf"),
    )
    .expect("copy");
    std::fs::write(
        input.path().join("page.txt"),
        b"<html><script>alert(1)</script></html>",
    )
    .expect("write");
    std::fs::copy(
        samples().join("screenshot.png"),
        input.path().join("fine.png"),
    )
    .expect("copy");
    let out = tempfile::tempdir().expect("tempdir");
    let lines = run_dir(input.path(), out.path(), true).await;
    assert_eq!(lines.len(), 3);

    let lie = by_name(&lines, "invoice.pdf");
    assert_eq!(lie["status"], "failed");
    assert_eq!(lie["error"]["code"], "MIME_MISMATCH");
    assert_eq!(lie["stages"]["mime"]["facts"]["sniffedMime"], "image/jpeg");
    assert_eq!(
        lie["stages"]["thumbnail"]["status"], "skipped",
        "no later stage runs"
    );
    assert_eq!(lie["stages"]["pdf"]["status"], "skipped");

    let html = by_name(&lines, "page.txt");
    assert_eq!(html["error"]["code"], "DANGEROUS_CONTENT");
    assert_eq!(html["stages"]["mime"]["facts"]["dangerous"], true);

    assert_eq!(by_name(&lines, "fine.png")["status"], "processed");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn downloaded_lies_are_kept_in_quarantine() {
    use pipes_media_sim::{MediaSpec, MessageSpec, Simulator, DEFAULT_USER};
    let sim = Simulator::builder().start().await.expect("sim");
    let jpeg = std::fs::read(samples().join("photo.jpg")).expect("sample");
    let media = sim.add_media(
        DEFAULT_USER,
        MediaSpec::bytes(jpeg, "application/pdf").file_name("contract.pdf"),
    );
    let id = sim.send(DEFAULT_USER, MessageSpec::media("document", &media));
    let out = tempfile::tempdir().expect("tempdir");
    let config = ClientConfig::new(&sim.base_url(), ApiKey::new(sim.api_key())).expect("config");
    Pipeline::builder()
        .out_dir(out.path())
        .source(WebSocketSource::new(config.clone()))
        .fetcher(Downloader::new(config).expect("client"))
        .stage(MimeStage::new(MimeConfig::default().reject_mismatch(true)))
        .stage(PdfStage::new(PdfConfig::default()))
        .max_messages(1)
        .build()
        .expect("builds")
        .run()
        .await
        .expect("runs");
    let line: Value = serde_json::from_str(
        std::fs::read_to_string(out.path().join("report.jsonl"))
            .expect("report")
            .trim(),
    )
    .expect("JSON");
    assert_eq!(line["messageId"], id.as_str());
    assert_eq!(line["error"]["code"], "MIME_MISMATCH");
    let path = line["blob"]["path"].as_str().expect("blob kept");
    assert!(path.starts_with("quarantine/"), "{path}");
    assert!(out.path().join(path).exists());
    assert_eq!(line["stages"]["pdf"]["status"], "skipped");
    sim.shutdown().await;
}
