//! [`check_stage`]: what every stage must do, checked the same way for each (as vector's
//! component tests do): a stable name, declining what it does not take, no panic and a
//! bounded time on truncated, mutated and random input, and artifacts inside the output
//! directory.
//!
//! ```
//! use pipes_media_core::stage_fn;
//! use pipes_media_testkit::conformance::{check_stage, Sample};
//! use pipes_media_testkit::stage::TestMessage;
//!
//! # tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(async {
//! let stage = stage_fn("pdf_magic", |_item, _cx| Ok(())).when(|item| item.blob().head().starts_with(b"%PDF"));
//! let report = check_stage(stage, &[
//!     Sample::accepted(b"%PDF-1.4\n...".to_vec(), TestMessage::document("application/pdf")),
//!     Sample::declined(b"GIF89a".to_vec(), TestMessage::image("image/gif")),
//! ]).await;
//! assert!(report.runs > 10);
//! # });
//! ```

use std::path::{Component, Path};
use std::time::{Duration, Instant};

use pipes_media_core::{Stage, StagePolicy};

use crate::files::files_under;
use crate::rng::Rng;
use crate::stage::{StageHarness, TestMessage};

/// One input of the check.
#[derive(Debug, Clone)]
pub struct Sample {
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// The message carrying it.
    pub message: TestMessage,
    /// Whether the stage must accept it (`true`) or decline it (`false`).
    pub accept: bool,
}

impl Sample {
    /// A file the stage must accept (and, being whole, must process without error).
    pub fn accepted(bytes: Vec<u8>, message: TestMessage) -> Self {
        Self {
            bytes,
            message,
            accept: true,
        }
    }

    /// A file the stage must decline.
    pub fn declined(bytes: Vec<u8>, message: TestMessage) -> Self {
        Self {
            bytes,
            message,
            accept: false,
        }
    }
}

/// What [`check_stage`] ran.
#[derive(Debug, Clone, Copy, Default)]
pub struct ConformanceReport {
    /// Stage runs in all.
    pub runs: usize,
    /// Of those, runs that ended in an error (expected for broken input).
    pub errors: usize,
    /// The slowest run.
    pub slowest: Duration,
}

/// The time limit each run of the check gets; a run that takes longer than this plus a second
/// fails the check (the framework's timeout fired, but the stage's own work did not stop).
pub const RUN_LIMIT: Duration = Duration::from_secs(20);

/// Checks `stage` against the conformance rules, with `samples` as the whole files:
///
/// 1. the name is non-empty `snake_case` and the same on every call;
/// 2. every sample is accepted or declined as it says; accepted whole samples succeed;
/// 3. every accepted sample cut at 12 points, with 24 seeded mutations, and 8 buffers of
///    random bytes under its message, never make the stage panic (`PANIC`), and each run ends
///    within [`RUN_LIMIT`] (a `TIMEOUT` is allowed, a hang is not);
/// 4. every artifact recorded exists and lies inside the run's output directory, and the stage
///    writes nothing outside it.
///
/// # Panics
/// On the first rule broken, naming the input.
pub async fn check_stage(stage: impl Stage, samples: &[Sample]) -> ConformanceReport {
    let name = stage.name();
    assert!(
        !name.is_empty()
            && name.bytes().next().is_some_and(|b| b.is_ascii_lowercase())
            && name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'),
        "stage name {name:?} is not snake_case"
    );
    assert_eq!(stage.name(), name, "the stage name changes between calls");
    let harness = StageHarness::new(stage).policy(StagePolicy::default().timeout(RUN_LIMIT));
    let mut report = ConformanceReport::default();

    for (n, sample) in samples.iter().enumerate() {
        let run = run_checked(
            &harness,
            &sample.bytes,
            &sample.message,
            &format!("sample {n}"),
            &mut report,
        )
        .await;
        assert_eq!(
            run.accepted, sample.accept,
            "sample {n} ({:?}): accepted = {}, expected {}",
            sample.message, run.accepted, sample.accept
        );
        if sample.accept {
            if let Err(e) = &run.result {
                panic!(
                    "sample {n} ({:?}) is whole but the stage failed: {e}",
                    sample.message
                );
            }
        }
    }

    let mut rng = Rng(0x5EED_C0F0_0000_0001 ^ name.len() as u64);
    for (n, sample) in samples.iter().enumerate().filter(|(_, s)| s.accept) {
        let len = sample.bytes.len();
        for cut in 0..12 {
            let at = len * cut / 12;
            let what = format!("sample {n} cut to {at} of {len} bytes");
            run_checked(
                &harness,
                &sample.bytes[..at],
                &sample.message,
                &what,
                &mut report,
            )
            .await;
        }
        for m in 0..24 {
            let mut bytes = sample.bytes.clone();
            for _ in 0..1 + rng.below(8) {
                if bytes.is_empty() {
                    break;
                }
                let at = rng.below(bytes.len());
                match rng.below(3) {
                    0 => bytes[at] ^= 1 << rng.below(8),
                    1 => bytes[at] = rng.next_u64() as u8,
                    _ => {
                        let end = (at + 1 + rng.below(64)).min(bytes.len());
                        for b in &mut bytes[at..end] {
                            *b = 0xFF;
                        }
                    }
                }
            }
            let what = format!("sample {n} mutation {m}");
            run_checked(&harness, &bytes, &sample.message, &what, &mut report).await;
        }
        for r in 0..8 {
            let size = [0, 1, 16, 300, 4096, 65_537, 200_000, 1 << 20][r];
            let bytes: Vec<u8> = (0..size).map(|_| rng.next_u64() as u8).collect();
            let what = format!("sample {n}'s message with {size} random bytes");
            run_checked(&harness, &bytes, &sample.message, &what, &mut report).await;
        }
    }

    // Nothing written outside the runs' output directories (inputs live beside them).
    for file in files_under(harness.root()) {
        let rel = file.strip_prefix(harness.root()).unwrap_or(&file);
        let top = rel
            .components()
            .next()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .unwrap_or_default();
        assert!(
            top.starts_with("out-") || top.starts_with("input-"),
            "the stage wrote {} outside its output directory",
            file.display()
        );
    }
    report
}

async fn run_checked<S: Stage>(
    harness: &StageHarness<S>,
    bytes: &[u8],
    message: &TestMessage,
    what: &str,
    report: &mut ConformanceReport,
) -> crate::stage::StageRun {
    let started = Instant::now();
    let run = harness.run_bytes(bytes, message.clone()).await;
    let took = started.elapsed();
    report.runs += 1;
    report.slowest = report.slowest.max(took);
    assert!(
        took <= RUN_LIMIT + Duration::from_secs(1),
        "{what}: the run took {took:?}, over the {RUN_LIMIT:?} limit"
    );
    if let Err(e) = &run.result {
        report.errors += 1;
        assert!(e.code() != "PANIC", "{what}: the stage panicked: {e}");
    }
    for artifact in &run.artifacts {
        let path = Path::new(&artifact.path);
        assert!(
            path.components().all(|c| matches!(c, Component::Normal(_))),
            "{what}: artifact path {:?} is not a plain relative path",
            artifact.path
        );
        let abs = run.out_dir.join(path);
        assert!(
            abs.is_file(),
            "{what}: artifact {:?} does not exist",
            artifact.path
        );
        let real = abs.canonicalize().expect("canonical artifact path");
        let out = run
            .out_dir
            .canonicalize()
            .expect("canonical output directory");
        assert!(
            real.starts_with(&out),
            "{what}: artifact {:?} escapes the output directory",
            artifact.path
        );
    }
    run
}
