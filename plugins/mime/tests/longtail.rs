//! Agreement with `file --mime-type` on the long tail of formats (`tools/longtail.sh`) and on
//! the media corpus: the stage's `sniffedMime` against the `file_mime` each manifest records,
//! both normalised the way declared types are ([`canonical`]). Prints the agreement and every
//! disagreement, and asserts at least 98 %, where a disagreement listed in [`WE_ARE_RIGHT`]
//! (ours equal to the manifest's ground truth, `file` wrong) does not count against us.
//! No answer (`application/octet-stream`) for a file whose format `file` names is a miss.

#![allow(clippy::print_stderr, clippy::print_stdout)]

use std::path::{Path, PathBuf};

use pipes_media_mime::{canonical, MimeConfig, MimeStage};
use pipes_media_testkit::stage::{StageHarness, TestMessage};
use serde_json::Value;

/// The environment variable naming the long-tail directory (`longtail.sh OUT_DIR`'s
/// `OUT_DIR`); the files are under its `mime/`.
const ENV: &str = "PIPES_MEDIA_LONGTAIL";
/// The agreement the sniffer must reach.
const TARGET: f64 = 0.98;

/// Where `file` is wrong and we are right: (true type, what `file` says, why). A disagreement
/// counts as ours only when the file's ground truth is this type, `file` said this, and we
/// said the truth.
const WE_ARE_RIGHT: &[(&str, &str, &str)] = &[
    ("audio/mp4", "video/quicktime", "a bare `moov` (no `ftyp`) reads as brand mp41 (ISO 14496-12 4.3) and has one sound track and no QuickTime `mhlr` handler: audio-only MP4, not a QuickTime movie"),
    ("video/mp4", "video/quicktime", "a bare `moov` (no `ftyp`) reads as brand mp41 (ISO 14496-12 4.3), and its handlers are MP4's, not QuickTime's `mhlr`"),
    ("audio/x-ms-wma", "video/x-ms-asf", "an ASF file whose only stream is audio (WMA): there is no video to play"),
    ("image/vnd.microsoft.icon", "image/x-tga", "an ICO whose one entry is 256x256 (width byte 0): `file`'s TGA rule fires first; the icon directory is valid"),
    ("audio/eac3", "audio/vnd.dolby.dd-raw", "E-AC-3 (bitstream id 16), which `file` reads as AC-3 (its description shows nonsense modes); an AC-3 decoder cannot play it"),
    ("image/vnd.ms-dds", "application/octet-stream", "`file` names it (Microsoft DirectDraw Surface) but gives no MIME type"),
    ("image/vnd.radiance", "application/octet-stream", "`file` names it (Radiance HDR image data) but gives no MIME type"),
    ("image/x-sgi", "application/octet-stream", "`file` names it (SGI image data) but gives no MIME type"),
    ("image/emf", "application/octet-stream", "`file` names it (Windows Enhanced Metafile) but gives no MIME type"),
    ("audio/x-tta", "application/octet-stream", "`file` names it (True Audio Lossless Audio) but gives no MIME type"),
    ("audio/x-wavpack", "application/octet-stream", "`file` names it (WavPack Lossless Audio) but gives no MIME type"),
    ("audio/x-tak", "application/octet-stream", "`file` 5.44 has no TAK rule; ffprobe reads the `tBaK` STREAMINFO"),
    ("video/mp2t", "application/octet-stream", "`file`'s transport-stream rule wants PID 0 in the first packet; ffmpeg writes the SDT first, and 192-byte M2TS packets are not looked for"),
    ("application/octet-stream", "audio/flac", "`fLaC` alone, without the mandatory STREAMINFO block: a stub, not a FLAC file"),
    ("application/octet-stream", "audio/x-wav", "a RIFF/WAVE header without a `fmt ` chunk: a stub, not a WAV file"),
    ("application/octet-stream", "text/plain", "the 4-byte Ogg capture pattern alone: neither Ogg nor text"),
    ("application/octet-stream", "image/gif", "`GIF89a` without the logical screen descriptor: a stub, not a GIF"),
];

/// File types that mean "no answer".
const NO_ANSWER: &[&str] = &[
    "application/octet-stream",
    "application/x-empty",
    "inode/x-empty",
];

fn normalise(mime: Option<&str>) -> Option<String> {
    let mime = mime?.trim().to_ascii_lowercase();
    if NO_ANSWER.contains(&mime.as_str()) {
        return None;
    }
    Some(canonical(&mime).0.to_owned())
}

fn show(mime: &Option<String>) -> &str {
    mime.as_deref().unwrap_or("(none)")
}

/// One file's outcome.
struct Row {
    path: String,
    truth: Option<String>,
    file: Option<String>,
    ours: Option<String>,
}

/// What a manifest's files gave.
struct Agreement {
    rows: Vec<Row>,
}

impl Agreement {
    fn agreeing(&self) -> usize {
        self.rows.iter().filter(|r| r.ours == r.file).count()
    }

    /// The documented exception a disagreeing row falls under, when ours is the truth.
    fn excuse(row: &Row) -> Option<&'static str> {
        WE_ARE_RIGHT
            .iter()
            .find(|(truth, file, _)| {
                normalise(Some(truth)) == row.truth
                    && normalise(Some(file)) == row.file
                    && row.ours == row.truth
            })
            .map(|(_, _, why)| *why)
    }

    fn excused(&self) -> usize {
        self.rows
            .iter()
            .filter(|r| r.ours != r.file && Self::excuse(r).is_some())
            .count()
    }

    /// Agreement with the documented exceptions counted for us.
    fn score(&self) -> f64 {
        (self.agreeing() + self.excused()) as f64 / self.rows.len().max(1) as f64
    }

    fn print(&self, title: &str) {
        let n = self.rows.len();
        println!(
            "\n{title}: {n} files; agreement with `file --mime-type` {} / {n} = {:.1} %; with \
             the {} documented cases where `file` is wrong: {:.1} %",
            self.agreeing(),
            100.0 * self.agreeing() as f64 / n.max(1) as f64,
            self.excused(),
            100.0 * self.score()
        );
        println!("| file | truth | `file` says | we say | who is right |");
        println!("| --- | --- | --- | --- | --- |");
        for r in self.rows.iter().filter(|r| r.ours != r.file) {
            let verdict = match Self::excuse(r) {
                Some(why) => format!("we are: {why}"),
                None if r.ours == r.truth => "we are (not yet documented)".to_owned(),
                None if r.file == r.truth => "`file` is: MISS".to_owned(),
                None => "neither: MISS".to_owned(),
            };
            println!(
                "| {} | {} | {} | {} | {verdict} |",
                r.path,
                show(&r.truth),
                show(&r.file),
                show(&r.ours)
            );
        }
    }
}

/// Runs the stage over every file of `dir/manifest.jsonl`.
async fn agreement(dir: &Path) -> Agreement {
    let harness = StageHarness::new(MimeStage::new(MimeConfig::default()));
    let mut rows = Vec::new();
    for entry in pipes_media_testkit::corpus::manifest(dir) {
        let field = |k: &str| entry.get(k).and_then(Value::as_str).map(str::to_owned);
        let path = field("path").expect("every manifest line has a path");
        let run = harness
            .run_file(
                &dir.join(&path),
                TestMessage::document("application/octet-stream"),
            )
            .await;
        let facts = run.ok();
        rows.push(Row {
            truth: normalise(field("mime").as_deref()),
            file: normalise(field("file_mime").as_deref()),
            ours: normalise(facts.get("sniffedMime").and_then(Value::as_str)),
            path,
        });
    }
    Agreement { rows }
}

fn assert_target(result: &Agreement, what: &str) {
    assert!(!result.rows.is_empty(), "{what}: empty manifest");
    let undocumented: Vec<&Row> = result
        .rows
        .iter()
        .filter(|r| r.ours != r.file && Agreement::excuse(r).is_none())
        .collect();
    assert!(
        result.score() >= TARGET,
        "{what}: agreement {:.1} % is under {:.0} %; disagreements not documented: {}",
        100.0 * result.score(),
        100.0 * TARGET,
        undocumented
            .iter()
            .map(|r| format!(
                "{} (file {}, ours {})",
                r.path,
                show(&r.file),
                show(&r.ours)
            ))
            .collect::<Vec<_>>()
            .join(", ")
    );
}

/// `$PIPES_MEDIA_LONGTAIL/mime`, else `<workspace>/target/longtail/mime`, whichever has a
/// manifest; `None` after a visible SKIP line.
fn longtail_dir() -> Option<PathBuf> {
    let default = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/longtail");
    let found = std::env::var_os(ENV)
        .map(PathBuf::from)
        .into_iter()
        .chain([default])
        .map(|d| d.join("mime"))
        .find(|d| d.join("manifest.jsonl").is_file());
    if found.is_none() {
        eprintln!(
            "SKIP: mime long-tail collection not found (run plugins/mime/tools/longtail.sh \
             target/longtail, or set {ENV})"
        );
    }
    found
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn agrees_with_file_on_the_long_tail() {
    let Some(dir) = longtail_dir() else {
        return;
    };
    let result = agreement(&dir).await;
    result.print(&format!("mime long tail ({})", dir.display()));
    // Ground truth first: every file is what it was made as.
    let wrong: Vec<String> = result
        .rows
        .iter()
        .filter(|r| r.ours != r.truth)
        .map(|r| {
            format!(
                "{}: truth {}, ours {}",
                r.path,
                show(&r.truth),
                show(&r.ours)
            )
        })
        .collect();
    println!(
        "files whose sniffed type is not their true type: {}",
        wrong.len()
    );
    for w in &wrong {
        println!("  {w}");
    }
    assert_target(&result, "long tail");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn agrees_with_file_on_the_corpus() {
    let Some(dir) = pipes_media_testkit::corpus::dir() else {
        return;
    };
    let result = agreement(&dir).await;
    result.print(&format!("media corpus ({})", dir.display()));
    assert_target(&result, "corpus");
}

#[test]
fn every_exception_is_normalised_and_distinct() {
    for (truth, file, why) in WE_ARE_RIGHT {
        assert_ne!(
            normalise(Some(truth)),
            normalise(Some(file)),
            "{truth} vs {file} is an alias, not a disagreement"
        );
        assert!(!why.is_empty());
    }
}
