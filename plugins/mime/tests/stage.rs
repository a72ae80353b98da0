//! The stage on real files, run as the pipeline runs it (the test kit's `StageHarness`):
//! facts in the report shape, policies, quarantine.

#![allow(clippy::print_stderr)]

use std::io::Write;
use std::path::{Path, PathBuf};

use pipes_media_mime::{MimeConfig, MimeStage};
use pipes_media_testkit::stage::{StageHarness, StageRun, TestMessage};
use serde_json::{json, Map, Value};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// A document message declaring `declared` (nothing when `None`) for a file named `name`.
fn message(declared: Option<&str>, name: &str) -> TestMessage {
    TestMessage::document(declared.unwrap_or_default()).file_name(name)
}

/// Runs `stage` on the file at `path`, declared as `declared`, named as the path is.
async fn run(stage: MimeStage, path: &Path, declared: Option<&str>) -> StageRun {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    StageHarness::new(stage)
        .run_file(path, message(declared, &name))
        .await
}

async fn facts_for(path: &Path, declared: Option<&str>) -> Map<String, Value> {
    let run = run(MimeStage::default(), path, declared).await;
    run.ok().clone()
}

fn temp_file(bytes: &[u8]) -> tempfile::NamedTempFile {
    let mut f = tempfile::NamedTempFile::new().expect("temp file");
    f.write_all(bytes).expect("write");
    f
}

#[tokio::test]
async fn fixtures_give_the_expected_facts() {
    // (file, declared, sniffedMime, verdict, extra keys that must be present)
    type Case = (
        &'static str,
        Option<&'static str>,
        Option<&'static str>,
        &'static str,
        Value,
    );
    let cases: &[Case] = &[
        (
            "voice_opus.ogg",
            Some("audio/ogg; codecs=opus"),
            Some("audio/ogg"),
            "match",
            json!({"codec": "opus"}),
        ),
        (
            "voice_opus.ogg",
            Some("audio/ogg; codecs=vorbis"),
            Some("audio/ogg"),
            "compatible",
            json!({"codec": "opus"}),
        ),
        (
            "vorbis.ogg",
            Some("audio/ogg; codecs=opus"),
            Some("audio/ogg"),
            "compatible",
            json!({"codec": "vorbis"}),
        ),
        (
            "vorbis.ogg",
            Some("audio/ogg"),
            Some("audio/ogg"),
            "match",
            json!({"codec": "vorbis"}),
        ),
        (
            "jpeg_64x64.jpg",
            Some("image/jpg"),
            Some("image/jpeg"),
            "match",
            json!({}),
        ),
        (
            "jpeg_64x64.jpg",
            Some("audio/ogg"),
            Some("image/jpeg"),
            "mismatch",
            json!({}),
        ),
        (
            "png_1x1.png",
            Some("application/pdf"),
            Some("image/png"),
            "mismatch",
            json!({"animated": false}),
        ),
        (
            "sticker_animated.webp",
            Some("image/webp"),
            Some("image/webp"),
            "match",
            json!({"animated": true}),
        ),
        (
            "still.webp",
            Some("image/webp"),
            Some("image/webp"),
            "match",
            json!({"animated": false}),
        ),
        (
            "mp3_no_id3.mp3",
            Some("audio/mpeg"),
            Some("audio/mpeg"),
            "match",
            json!({"format": "mp3"}),
        ),
        (
            "mp3_xing.mp3",
            Some("audio/mp3"),
            Some("audio/mpeg"),
            "match",
            json!({}),
        ),
        (
            "mp3_noxing.mp3",
            None,
            Some("audio/mpeg"),
            "unknown",
            json!({}),
        ),
        (
            "tone_adts.aac",
            Some("audio/aac"),
            Some("audio/aac"),
            "match",
            json!({"format": "adts"}),
        ),
        (
            "tone.wav",
            Some("audio/x-wav"),
            Some("audio/wav"),
            "match",
            json!({"codec": "pcm_s16le"}),
        ),
        (
            "tone.flac",
            Some("audio/x-flac"),
            Some("audio/flac"),
            "match",
            json!({}),
        ),
        (
            "audio_only_moov_at_end.mp4",
            Some("video/mp4"),
            Some("audio/mp4"),
            "compatible",
            json!({"hasVideo": false, "hasAudio": true, "codec": "aac"}),
        ),
        (
            "audio_only_moov_at_end.mp4",
            Some("audio/x-m4a"),
            Some("audio/mp4"),
            "match",
            json!({}),
        ),
        (
            "video.3gp",
            Some("audio/3gpp"),
            Some("video/3gpp"),
            "compatible",
            json!({"hasVideo": true, "codec": "h264"}),
        ),
        (
            "minimal.docx",
            Some("application/zip"),
            Some("application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            "compatible",
            json!({"format": "docx"}),
        ),
        (
            "minimal.xlsx",
            Some("application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            Some("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            "mismatch",
            json!({}),
        ),
        (
            "contact.vcf",
            Some("text/x-vcard"),
            Some("text/vcard"),
            "match",
            json!({}),
        ),
        (
            "utf8_text.txt",
            Some("text/plain; charset=utf-8"),
            Some("text/plain"),
            "match",
            json!({}),
        ),
        (
            "ascii.pdf",
            Some("application/octet-stream"),
            Some("application/pdf"),
            "unknown",
            json!({}),
        ),
    ];
    for (file, declared, sniffed, verdict, extra) in cases {
        let facts = facts_for(&fixture(file), *declared).await;
        let ctx = format!("{file} declared {declared:?}: {facts:?}");
        assert_eq!(facts.get("sniffedMime"), Some(&json!(sniffed)), "{ctx}");
        assert_eq!(facts.get("verdict"), Some(&json!(verdict)), "{ctx}");
        assert_eq!(facts.get("dangerous"), Some(&json!(false)), "{ctx}");
        let declared_norm = declared.map(|d| {
            d.split(';')
                .next()
                .unwrap_or_default()
                .trim()
                .to_ascii_lowercase()
        });
        assert_eq!(
            facts.get("declaredMime"),
            Some(&json!(declared_norm)),
            "{ctx}"
        );
        for (k, v) in extra.as_object().into_iter().flatten() {
            assert_eq!(facts.get(k), Some(v), "{ctx}: key {k}");
        }
    }
}

#[tokio::test]
async fn mismatch_policy_stops_and_quarantines_after_recording_facts() {
    let stage = MimeStage::new(MimeConfig::default().reject_mismatch(true));
    let done = run(
        stage.clone(),
        &fixture("png_1x1.png"),
        Some("application/pdf"),
    )
    .await;
    let (result, facts) = (done.result, done.facts);
    let error = result.expect_err("a lying type is rejected");
    assert_eq!(error.code(), "MIME_MISMATCH");
    assert!(error.quarantines() && error.stops_item());
    assert!(error.message().contains("application/pdf") && error.message().contains("image/png"));
    assert_eq!(facts.get("verdict"), Some(&json!("mismatch")));

    // Compatible and unknown verdicts pass.
    for (file, declared) in [("video.3gp", Some("audio/3gpp")), ("jpeg_64x64.jpg", None)] {
        let done = run(stage.clone(), &fixture(file), declared).await;
        let (result, _) = (done.result, done.facts);
        assert!(result.is_ok(), "{file}: {result:?}");
    }
}

#[tokio::test]
async fn dangerous_content_is_flagged_and_optionally_rejected() {
    let html = temp_file(b"<!DOCTYPE html><html><script>fetch('/steal')</script></html>");
    let done = run(MimeStage::default(), html.path(), Some("image/jpeg")).await;
    let (result, facts) = (done.result, done.facts);
    assert!(result.is_ok());
    assert_eq!(facts.get("sniffedMime"), Some(&json!("text/html")));
    assert_eq!(facts.get("verdict"), Some(&json!("mismatch")));
    assert_eq!(facts.get("dangerous"), Some(&json!(true)));
    assert_eq!(facts.get("dangerReasons"), Some(&json!(["html"])));

    let strict = MimeStage::new(
        MimeConfig::default()
            .reject_dangerous(true)
            .reject_mismatch(true),
    );
    let done = run(strict.clone(), html.path(), Some("image/jpeg")).await;
    let (result, facts) = (done.result, done.facts);
    let error = result.expect_err("dangerous content is rejected");
    // Danger wins over the mismatch: it is the more serious finding.
    assert_eq!(error.code(), "DANGEROUS_CONTENT");
    assert!(error.quarantines());
    assert_eq!(facts.get("dangerous"), Some(&json!(true)));

    // An ELF binary declared as a PDF.
    let mut elf = b"\x7FELF\x02\x01\x01\0".to_vec();
    elf.resize(4096, 0);
    let elf = temp_file(&elf);
    let done = run(MimeStage::default(), elf.path(), Some("application/pdf")).await;
    let (_, facts) = (done.result, done.facts);
    assert_eq!(facts.get("dangerReasons"), Some(&json!(["executable"])));

    // Plain text declared as HTML: the declaration itself is active.
    let done = run(
        MimeStage::default(),
        &fixture("utf8_text.txt"),
        Some("text/html"),
    )
    .await;
    let (_, facts) = (done.result, done.facts);
    assert_eq!(facts.get("dangerous"), Some(&json!(true)));
    assert_eq!(
        facts.get("dangerReasons"),
        Some(&json!(["declared_active"]))
    );

    // A script without `#!`, named to run on double-click: only its name gives it away.
    let dir = tempfile::tempdir().expect("tempdir");
    let js = dir.path().join("invoice.pdf.js");
    std::fs::write(
        &js,
        "var s = new ActiveXObject('WScript.Shell'); s.Run('calc');\n",
    )
    .expect("write");
    let done = run(MimeStage::default(), &js, Some("application/pdf")).await;
    let (_, facts) = (done.result, done.facts);
    assert_eq!(facts.get("sniffedMime"), Some(&json!("text/plain")));
    assert_eq!(facts.get("dangerReasons"), Some(&json!(["runnable_name"])));

    // An SVG with an event handler, sent as an image.
    let svg = temp_file(
        br#"<svg xmlns="http://www.w3.org/2000/svg"><image href="x" onerror="alert(1)"/></svg>"#,
    );
    let done = run(MimeStage::default(), svg.path(), Some("image/svg+xml")).await;
    let (_, facts) = (done.result, done.facts);
    assert_eq!(facts.get("verdict"), Some(&json!("match")));
    assert_eq!(facts.get("dangerReasons"), Some(&json!(["svg_script"])));
}

#[tokio::test]
async fn macro_enabled_office_file_declared_as_docx() {
    let docm = zip(&[
        ("[Content_Types].xml", b"<Types/>".as_slice()),
        ("word/document.xml", b"<w:document/>".as_slice()),
        ("word/vbaProject.bin", b"\xD0\xCF\x11\xE0".as_slice()),
    ]);
    let docm = temp_file(&docm);
    let declared = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    let done = run(MimeStage::default(), docm.path(), Some(declared)).await;
    let (_, facts) = (done.result, done.facts);
    assert_eq!(
        facts.get("sniffedMime"),
        Some(&json!("application/vnd.ms-word.document.macroenabled.12"))
    );
    assert_eq!(facts.get("verdict"), Some(&json!("mismatch")));
    assert_eq!(facts.get("dangerReasons"), Some(&json!(["office_macros"])));
}

#[tokio::test]
async fn a_blob_whose_file_vanished_is_sniffed_from_its_head() {
    let tmp = temp_file(&std::fs::read(fixture("jpeg_64x64.jpg")).expect("fixture"));
    let item = StageHarness::<MimeStage>::item_from_file(
        tmp.path(),
        &message(Some("image/jpeg"), "a.jpg"),
    );
    drop(tmp);
    let done = StageHarness::new(MimeStage::default()).run_item(item).await;
    let (result, facts) = (done.result, done.facts);
    assert!(result.is_ok());
    assert_eq!(facts.get("sniffedMime"), Some(&json!("image/jpeg")));
}

#[tokio::test]
async fn empty_file_is_unknown_not_an_error() {
    let empty = temp_file(b"");
    let done = run(MimeStage::default(), empty.path(), Some("image/jpeg")).await;
    let (result, facts) = (done.result, done.facts);
    assert!(result.is_ok());
    assert_eq!(facts.get("sniffedMime"), Some(&Value::Null));
    assert_eq!(facts.get("verdict"), Some(&json!("unknown")));
}

/// A zip of stored entries (CRCs left zero: sniffing does not check them).
fn zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut dir = Vec::new();
    for (name, data) in entries {
        let offset = out.len() as u32;
        let sizes = [
            (data.len() as u32).to_le_bytes(),
            (data.len() as u32).to_le_bytes(),
        ]
        .concat();
        out.extend_from_slice(b"PK\x03\x04\x14\0\0\0\0\0\0\0\0\0\0\0\0\0");
        out.extend_from_slice(&sizes);
        out.extend_from_slice(&(name.len() as u16).to_le_bytes());
        out.extend_from_slice(&[0, 0]);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(data);
        dir.extend_from_slice(b"PK\x01\x02\x14\0\x14\0\0\0\0\0\0\0\0\0\0\0\0\0");
        dir.extend_from_slice(&sizes);
        dir.extend_from_slice(&(name.len() as u16).to_le_bytes());
        dir.extend_from_slice(&[0; 12]);
        dir.extend_from_slice(&offset.to_le_bytes());
        dir.extend_from_slice(name.as_bytes());
    }
    let dir_at = out.len() as u32;
    let n = (entries.len() as u16).to_le_bytes();
    out.extend_from_slice(&dir);
    out.extend_from_slice(b"PK\x05\x06\0\0\0\0");
    out.extend_from_slice(&n);
    out.extend_from_slice(&n);
    out.extend_from_slice(&(dir.len() as u32).to_le_bytes());
    out.extend_from_slice(&dir_at.to_le_bytes());
    out.extend_from_slice(&[0, 0]);
    out
}

#[tokio::test]
async fn long_tail_fixtures_are_named() {
    // (file, sniffedMime, format, codec)
    let cases: &[(&str, Option<&str>, &str, Option<&str>)] = &[
        ("targa_rle.tga", Some("image/x-tga"), "tga", None),
        ("sgi_rle.sgi", Some("image/x-sgi"), "sgi", None),
        (
            "icon_256.ico",
            Some("image/vnd.microsoft.icon"),
            "ico",
            None,
        ),
        ("page.ps", Some("application/postscript"), "ps", None),
        ("wavpack.wv", Some("audio/x-wavpack"), "wv", Some("wavpack")),
        ("eac3_mono.ec3", Some("audio/eac3"), "eac3", Some("eac3")),
        ("dsd_mono.dsf", Some("audio/x-dsf"), "dsf", Some("dsd_lsbf")),
        ("bare_moov_audio.m4a", Some("audio/mp4"), "m4a", Some("aac")),
        // A 17-byte ID3 tag with no audio: not an mp3.
        ("id3_stub.mp3", None, "stub", None),
    ];
    for (file, mime, format, codec) in cases {
        let facts = facts_for(&fixture(file), Some("application/octet-stream")).await;
        assert_eq!(
            facts.get("sniffedMime"),
            Some(&json!(mime)),
            "{file}: {facts:?}"
        );
        assert_eq!(
            facts.get("format"),
            Some(&json!(format)),
            "{file}: {facts:?}"
        );
        assert_eq!(
            facts.get("codec"),
            codec.map(|c| json!(c)).as_ref(),
            "{file}"
        );
        assert_eq!(facts.get("verdict"), Some(&json!("unknown")), "{file}");
    }
    // Declared as what they are, they match; an E-AC-3 declared as AC-3 is a mismatch.
    let facts = facts_for(&fixture("targa_rle.tga"), Some("image/targa")).await;
    assert_eq!(facts.get("verdict"), Some(&json!("match")));
    let facts = facts_for(&fixture("eac3_mono.ec3"), Some("audio/ac3")).await;
    assert_eq!(facts.get("verdict"), Some(&json!("mismatch")));
}
