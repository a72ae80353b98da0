//! The gallery in a real browser: headless Chromium opens `report.html` from `file://` after a
//! simulator run; every thumbnail loads, the console stays clean, the filters and the search
//! change what is shown, hostile names stay text; then 10 000 messages. Saves a screenshot
//! (`$GALLERY_SCREENSHOT`, default `<target>/tmp/gallery.png`). Without chromium and
//! chromedriver it says `SKIP` and passes.

#![allow(clippy::print_stderr)] // the SKIP line and the measurements are for the reader

mod support;

use std::time::Duration;

use serde_json::Value;
use support::browser::Browser;

fn count(lines: &[Value], pred: impl Fn(&Value) -> bool) -> u64 {
    lines.iter().filter(|l| pred(l)).count() as u64
}

/// How many cards the page shows now.
const SHOWN: &str = "return document.querySelectorAll('#grid .card').length;";

async fn shown(browser: &Browser) -> u64 {
    browser.eval(SHOWN).await.as_u64().expect("a count")
}

/// Clicks the element `selector` and waits for the page to apply it.
async fn click(browser: &Browser, selector: &str) {
    let script = format!("document.querySelector({selector:?}).click(); return true;");
    browser.eval(&script).await;
}

async fn search(browser: &Browser, text: &str) {
    let script = format!(
        "var q = document.getElementById('q'); q.value = {text:?}; q.dispatchEvent(new Event('input')); return true;"
    );
    browser.eval(&script).await;
    // The search waits 120 ms for typing to pause.
    tokio::time::sleep(Duration::from_millis(400)).await;
}

fn severe(console: &[(String, String)]) -> Vec<&(String, String)> {
    console
        .iter()
        .filter(|(level, _)| level == "SEVERE")
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_gallery_works_in_a_real_browser() {
    let browser = match Browser::start().await {
        Ok(browser) => browser,
        Err(why) => {
            eprintln!("SKIP: gallery browser test: {why}");
            return;
        }
    };
    let out = tempfile::tempdir().expect("tempdir");
    let lines = support::run::simulator_run(out.path()).await;
    let thumbs = count(&lines, |l| l["stages"]["thumbnail"]["status"] == "ok");
    let failed = count(&lines, |l| l["status"] == "failed");
    let audio = count(&lines, |l| l["type"] == "audio");
    assert!(
        thumbs >= 4 && failed >= 1 && audio >= 3,
        "a varied run: {lines:?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l["stages"]["mime"]["facts"]["verdict"] == "mismatch"),
        "a mismatch in the run"
    );
    assert!(
        lines
            .iter()
            .any(|l| l["stages"]["mime"]["facts"]["dangerous"] == true),
        "a dangerous file in the run"
    );

    browser.open(&out.path().join("report.html")).await;
    browser
        .wait_until(
            "return !!window.GALLERY && Array.from(document.images).every(function (i) { return i.complete; });",
            Duration::from_secs(20),
        )
        .await;
    let entries = browser.eval("return window.GALLERY.entries;").await;
    assert_eq!(entries.as_u64(), Some(lines.len() as u64));
    assert_eq!(shown(&browser).await, lines.len() as u64);

    // Every thumbnail <img> loaded.
    let loaded = browser
        .eval("return Array.from(document.querySelectorAll('#grid img')).map(function (i) { return i.naturalWidth; });")
        .await;
    let widths: Vec<u64> = loaded
        .as_array()
        .expect("widths")
        .iter()
        .map(|w| w.as_u64().unwrap_or(0))
        .collect();
    assert_eq!(widths.len() as u64, thumbs, "one <img> per thumbnail");
    assert!(
        widths.iter().all(|w| *w > 0),
        "every thumbnail loaded: {widths:?}"
    );

    // Voice notes and music show their waveform bars.
    let waves = count(&lines, |l| {
        l["stages"]["waveform"]["facts"]["waveform"]
            .as_array()
            .is_some_and(|w| w.len() == 64)
    });
    assert!(waves >= 3, "the waveform stage ran on the audio: {lines:?}");
    let drawn = browser
        .eval("return document.querySelectorAll('#grid svg[aria-label=waveform]').length;")
        .await;
    // Audio cards draw their bars; a video's card shows its poster instead when it has one
    // (a card without a picture shows the bars).
    let drawn = drawn.as_u64().unwrap_or(0);
    assert!(
        (3..=waves).contains(&drawn),
        "{drawn} waveforms drawn for {waves} files with one"
    );

    // Filters and search change what is shown.
    click(&browser, "#statuses .chip[data-status='failed']").await;
    assert_eq!(shown(&browser).await, failed);
    let statuses = browser
        .eval("return Array.from(document.querySelectorAll('#grid .card')).map(function (c) { return c.dataset.status; });")
        .await;
    assert!(statuses
        .as_array()
        .expect("list")
        .iter()
        .all(|s| s == "failed"));
    click(&browser, "#statuses .chip[data-status='']").await;
    assert_eq!(shown(&browser).await, lines.len() as u64);
    browser
        .eval("var s = document.getElementById('type'); s.value = 'audio'; s.dispatchEvent(new Event('change')); return true;")
        .await;
    assert_eq!(shown(&browser).await, audio);
    browser
        .eval("var s = document.getElementById('type'); s.value = ''; s.dispatchEvent(new Event('change')); return true;")
        .await;
    click(&browser, "#flag-danger").await;
    assert_eq!(
        shown(&browser).await,
        count(&lines, |l| l["stages"]["mime"]["facts"]["dangerous"]
            == true)
    );
    click(&browser, "#flag-danger").await;
    search(&browser, "brochure").await;
    assert_eq!(shown(&browser).await, 1, "search by file name");
    search(&browser, "+447700900999").await;
    assert_eq!(shown(&browser).await, 1, "search by sender number");
    // The hostile sender name is shown as text, not markup.
    let who = browser
        .eval("var w = document.querySelector('#grid .who'); return [w.textContent, document.querySelectorAll('#grid .who img').length];")
        .await;
    assert_eq!(who[0], "<img src=x onerror=alert(1)> Eve · +447700900999");
    assert_eq!(who[1], 0);
    search(&browser, "").await;

    let console = browser.console().await;
    assert!(severe(&console).is_empty(), "console errors: {console:?}");
    // The console is really read: an error logged now shows up.
    browser
        .eval("console.error('probe-123'); return true;")
        .await;
    let probe = browser.console().await;
    assert!(
        probe.iter().any(|(_, m)| m.contains("probe-123")),
        "{probe:?}"
    );

    let png = browser.screenshot().await;
    let target = std::env::var_os("GALLERY_SCREENSHOT")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("gallery.png"));
    std::fs::write(&target, &png).expect("screenshot saved");
    eprintln!(
        "gallery screenshot: {} ({} bytes)",
        target.display(),
        png.len()
    );

    ten_thousand(&browser).await;
    browser.close().await;
}

/// 10 000 messages: the page opens, filters and searches over all of them (timings printed,
/// not asserted: speed is measured, not asserted).
async fn ten_thousand(browser: &Browser) {
    let out = tempfile::tempdir().expect("tempdir");
    support::run::synthetic_report(out.path(), 10_000);
    let started = std::time::Instant::now();
    let report = pipes_media_core::Report::open(out.path()).expect("report");
    let gallery = pipes_media_gallery::Gallery::open(out.path(), &report).expect("gallery");
    let rebuild = started.elapsed();
    assert_eq!(gallery.entries_at_open(), 10_000);
    gallery.close();
    let data_bytes = std::fs::metadata(gallery.data_path()).expect("data").len();

    browser.open(&out.path().join("report.html")).await;
    browser
        .wait_until("return !!window.GALLERY;", Duration::from_secs(30))
        .await;
    let stats = browser.eval("return window.GALLERY;").await;
    assert_eq!(stats["entries"], 10_000);
    assert_eq!(shown(browser).await, 120, "the first batch only");
    let filter = browser
        .eval("var t = performance.now(); document.querySelector(\"#statuses .chip[data-status='failed']\").click(); return [performance.now() - t, document.getElementById('shown').textContent];")
        .await;
    assert_eq!(filter[1], "1000 shown of 10000");
    let search = browser
        .eval("var t = performance.now(); state.q = 'sender 17'; apply(); return [performance.now() - t, document.getElementById('shown').textContent];")
        .await;
    assert!(
        search[1].as_str().is_some_and(|s| s.ends_with("of 10000")),
        "{search:?}"
    );
    let scrolled = browser
        .eval("window.scrollTo(0, document.body.scrollHeight); return true;")
        .await;
    assert_eq!(scrolled, true);
    let console = browser.console().await;
    assert!(severe(&console).is_empty(), "console errors: {console:?}");
    eprintln!(
        "gallery at 10000 messages: data file {} KiB, rebuilt from report.jsonl in {} ms; page loaded in {} ms (first render {} ms); status filter {:.1} ms; search {:.1} ms",
        data_bytes / 1024,
        rebuild.as_millis(),
        stats["loadedMs"],
        stats["firstRenderMs"],
        filter[0].as_f64().unwrap_or(-1.0),
        search[0].as_f64().unwrap_or(-1.0),
    );
}
