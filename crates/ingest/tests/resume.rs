//! Resume instead of restart: a body cut after N bytes continues with `Range: bytes=N-` on a
//! fresh redirect when the storage host answers a 206 that continues it exactly; a 200, another
//! range, a changed length or `ETag` start over. The hash is always of the whole file.

mod sim_server;

use std::path::{Path, PathBuf};

use pipes_media_ingest::Downloader;
use pipes_media_sim::{generated_sha256, MediaSpec, MessageSpec, Simulator, DEFAULT_USER};
use pipes_media_testkit::files::files_under;
use sim_server::{downloader, media, quick_limits, run, sha256_file, sim};

const U: &str = DEFAULT_USER;
const LEN: u64 = 3_000_000;
/// Where the stall fault cuts the first body.
const CUT: u64 = 1_000_000;

fn meta(part: &Path) -> PathBuf {
    let mut name = part.as_os_str().to_owned();
    name.push(".meta");
    PathBuf::from(name)
}

/// A simulator holding one generated media of [`LEN`] bytes, a downloader with quick limits,
/// and a part file holding the first [`CUT`] bytes of it (its first attempt stalled there).
async fn cut_after_first_attempt(seed: u64) -> (Simulator, String, Downloader, tempfile::TempDir) {
    let sim = sim().await;
    let id = sim.add_media(U, MediaSpec::generated(LEN, seed, "video/mp4"));
    sim.faults().stall_bodies_after(Some(CUT));
    let d = quick_limits(&sim, |_| {});
    let dir = tempfile::tempdir().expect("tempdir");
    let part = dir.path().join("m.part");
    let error = d
        .download(&media(&id, LEN), &part)
        .await
        .expect_err("stalled");
    assert_eq!(error.code(), "TOO_SLOW");
    assert_eq!(std::fs::metadata(&part).expect("kept").len(), CUT);
    let sidecar = std::fs::read_to_string(meta(&part)).expect("sidecar kept");
    assert!(
        sidecar.contains("etag") && sidecar.contains(&LEN.to_string()),
        "{sidecar}"
    );
    sim.faults().clear();
    (sim, id, d, dir)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cut_body_resumes_through_the_pipeline_with_a_fresh_redirect() {
    let sim = sim().await;
    let len = 8 * 1024 * 1024;
    let id = sim.add_media(U, MediaSpec::generated(len, 11, "video/mp4"));
    let msg = sim.send(U, MessageSpec::media("video", &id));
    // The first GET of the media sends half the body, then the connection is aborted.
    sim.faults().truncate_bodies(1);
    let r = run(&sim, 1, |b| b).await;
    let line = r.line(&msg);
    assert_eq!(line["status"], "processed", "{line}");
    assert_eq!(line["attempts"], 2);
    assert_eq!(line["blob"]["sha256"], generated_sha256(len, 11));
    let stored = r
        .out
        .path()
        .join("out")
        .join(line["blob"]["path"].as_str().expect("path"));
    assert_eq!(sha256_file(&stored), generated_sha256(len, 11));
    let stats = sim.stats();
    // The first GET served exactly half. The abort (a reset) may drop what was still in flight
    // in the socket buffers, so the kept prefix can be a little shorter than that half, and the
    // resume then serves the rest from where the prefix ends: at least `len` in all, and less
    // than the 1.5 x `len` a restart from zero would cost.
    assert!(
        stats.bytes_served >= len && stats.bytes_served < len + len / 2,
        "resumed from the kept prefix, not restarted: {} bytes served for {len}",
        stats.bytes_served
    );
    assert_eq!(stats.range_requests, 1);
    assert_eq!(
        stats.download_requests, 2,
        "a fresh redirect for the resume"
    );
    assert_eq!(stats.auth_headers_at_storage, 0);
    assert!(files_under(&r.out.path().join("out/.work")).is_empty());
    sim.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_200_instead_of_206_starts_over() {
    let (sim, id, d, dir) = cut_after_first_attempt(12).await;
    let part = dir.path().join("m.part");
    sim.faults().ignore_ranges(true);
    let blob = d.download(&media(&id, LEN), &part).await.expect("whole");
    assert_eq!(blob.sha256_hex(), generated_sha256(LEN, 12));
    assert_eq!(sha256_file(&part), generated_sha256(LEN, 12));
    let stats = sim.stats();
    assert_eq!(stats.range_requests, 0);
    assert_eq!(stats.storage_requests, 2, "the 200 was used as it came");
    assert_eq!(stats.bytes_served, CUT + LEN);
    assert!(!meta(&part).exists(), "no sidecar once complete");
    sim.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_misstated_range_starts_over() {
    let (sim, id, d, dir) = cut_after_first_attempt(13).await;
    let part = dir.path().join("m.part");
    sim.faults().misrange(true);
    let blob = d.download(&media(&id, LEN), &part).await.expect("whole");
    assert_eq!(blob.sha256_hex(), generated_sha256(LEN, 13));
    assert_eq!(sha256_file(&part), generated_sha256(LEN, 13));
    let stats = sim.stats();
    assert_eq!(
        stats.storage_requests, 3,
        "cut, the misstated 206 (dropped), the whole object"
    );
    assert_eq!(
        stats.download_requests, 2,
        "the same URL for the second GET"
    );
    sim.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_changed_etag_starts_over_through_if_range() {
    let (sim, id, d, dir) = cut_after_first_attempt(14).await;
    let part = dir.path().join("m.part");
    sim.faults().vary_etag(true);
    let blob = d.download(&media(&id, LEN), &part).await.expect("whole");
    assert_eq!(blob.sha256_hex(), generated_sha256(LEN, 14));
    let stats = sim.stats();
    assert_eq!(stats.range_requests, 0, "If-Range did not match: a 200");
    assert_eq!(stats.storage_requests, 2);
    sim.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_changed_etag_starts_over_when_if_range_is_ignored() {
    let (sim, id, d, dir) = cut_after_first_attempt(15).await;
    let part = dir.path().join("m.part");
    sim.faults().vary_etag(true);
    sim.faults().ignore_if_range(true);
    let blob = d.download(&media(&id, LEN), &part).await.expect("whole");
    assert_eq!(blob.sha256_hex(), generated_sha256(LEN, 15));
    let stats = sim.stats();
    assert_eq!(stats.range_requests, 1, "the 206 came, with another ETag");
    assert_eq!(
        stats.storage_requests, 3,
        "and was dropped for the whole object"
    );
    sim.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_changed_length_starts_over_even_with_the_same_etag() {
    let (sim, id, d, dir) = cut_after_first_attempt(16).await;
    let part = dir.path().join("m.part");
    sim.faults().shrink_objects(Some(1000));
    let blob = d.download(&media(&id, LEN), &part).await.expect("whole");
    assert_eq!(blob.len(), LEN - 1000);
    assert_eq!(blob.sha256_hex(), generated_sha256(LEN - 1000, 16));
    assert_eq!(sha256_file(&part), generated_sha256(LEN - 1000, 16));
    assert_eq!(sim.stats().storage_requests, 3);
    sim.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_clean_resume_hashes_the_kept_prefix_and_appends_the_rest() {
    let (sim, id, d, dir) = cut_after_first_attempt(17).await;
    let part = dir.path().join("m.part");
    let blob = d.download(&media(&id, LEN), &part).await.expect("resumed");
    assert_eq!(blob.len(), LEN);
    assert_eq!(blob.sha256_hex(), generated_sha256(LEN, 17));
    assert_eq!(sha256_file(&part), generated_sha256(LEN, 17));
    let mut head = vec![0u8; blob.head().len()];
    pipes_media_sim::fill_generated(17, 0, &mut head);
    assert_eq!(
        blob.head(),
        &head[..],
        "the head comes from the kept prefix"
    );
    let stats = sim.stats();
    assert_eq!(stats.bytes_served, LEN);
    assert_eq!(stats.range_requests, 1);
    assert!(!meta(&part).exists());
    sim.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_kept_prefix_is_dropped_on_a_final_error_and_without_a_validator() {
    let (sim, id, d, dir) = cut_after_first_attempt(18).await;
    let part = dir.path().join("m.part");
    // Final: the media is gone now (another tenant's, say): nothing is kept.
    sim.faults().fail_downloads(404, 1);
    let error = d.download(&media(&id, LEN), &part).await.expect_err("404");
    assert_eq!(error.code(), "NOT_FOUND");
    assert!(!part.exists() && !meta(&part).exists());

    // A chunked body has no length to validate a prefix against: a cut one is not kept.
    sim.faults().clear();
    sim.faults().chunked(true);
    sim.faults().stall_bodies_after(Some(CUT));
    let error = d
        .download(&media(&id, LEN), &part)
        .await
        .expect_err("stall");
    assert_eq!(error.code(), "TOO_SLOW");
    assert!(!part.exists() && !meta(&part).exists());
    sim.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_presigned_url_keeps_the_prefix_for_the_fresh_redirect() {
    let (sim, id, d, dir) = cut_after_first_attempt(19).await;
    let part = dir.path().join("m.part");
    sim.faults().expire_presigned(1);
    let blob = d.download(&media(&id, LEN), &part).await.expect("resumed");
    assert_eq!(blob.sha256_hex(), generated_sha256(LEN, 19));
    let stats = sim.stats();
    assert_eq!(stats.download_requests, 3, "cut, refused, fresh");
    assert_eq!(stats.range_requests, 1);
    assert_eq!(stats.bytes_served, LEN);
    sim.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_part_of_another_media_or_a_stale_sidecar_is_never_resumed() {
    let sim = sim().await;
    let a = sim.add_media(U, MediaSpec::generated(LEN, 20, "video/mp4"));
    let b = sim.add_media(U, MediaSpec::generated(LEN, 21, "video/mp4"));
    sim.faults().stall_bodies_after(Some(CUT));
    let d = quick_limits(&sim, |_| {});
    let dir = tempfile::tempdir().expect("tempdir");
    let part = dir.path().join("m.part");
    d.download(&media(&a, LEN), &part).await.expect_err("stall");
    sim.faults().clear();
    let blob = downloader(&sim)
        .download(&media(&b, LEN), &part)
        .await
        .expect("b");
    assert_eq!(blob.sha256_hex(), generated_sha256(LEN, 21));
    assert_eq!(sim.stats().range_requests, 0);
    sim.shutdown().await;
}
