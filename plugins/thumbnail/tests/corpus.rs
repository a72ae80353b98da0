//! The stage over the ground-truth corpus: every image gets an upright thumbnail that fits the
//! box with its aspect ratio, and every hostile file a typed error.

#![allow(clippy::print_stderr, clippy::unwrap_used)]

mod support;

use std::time::{Duration, Instant};

use pipes_media_testkit::corpus;
use pipes_media_testkit::stage::{StageHarness, TestMessage};
use pipes_media_thumbnail::{OutputFormat, ThumbnailConfig, ThumbnailStage};
use support::{num, text};

fn declared_for(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or_default() {
        "jpg" | "jpeg" => "image/jpeg",
        "png" => "image/png",
        "webp" => "image/webp",
        "gif" => "image/gif",
        "pdf" => "application/pdf",
        "ogg" => "audio/ogg",
        _ => "application/octet-stream",
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_image_gets_a_thumbnail_that_fits_and_is_upright() {
    let Some(corpus) = corpus::dir() else {
        return;
    };
    let harness = StageHarness::new(ThumbnailStage::new(ThumbnailConfig::default()));
    let stage = harness.stage();
    let mut failures = Vec::new();
    let mut rows = 0;
    eprintln!(
        "{:<48} {:>11} {:>9} {:>3} {:>5} {:>7}",
        "file", "source", "thumb", "or", "scale", "ms"
    );
    for entry in corpus::manifest(&corpus) {
        let path = text(&entry, "path");
        if !text(&entry, "mime").starts_with("image/") || text(&entry, "expect") != "ok" {
            continue;
        }
        let (sw, sh) = (
            num(&entry, "width").unwrap(),
            num(&entry, "height").unwrap(),
        );
        let (dw, dh) = (
            num(&entry, "display_width").unwrap_or(sw),
            num(&entry, "display_height").unwrap_or(sh),
        );
        let start = Instant::now();
        let run = harness
            .run_file(&corpus.join(path), TestMessage::image(declared_for(path)))
            .await;
        let ms = start.elapsed().as_millis();
        assert!(run.accepted, "{path}: not accepted");
        let facts = match &run.result {
            Ok(()) => run.facts.clone(),
            Err(e) => {
                failures.push(format!("{path}: failed {}: {}", e.code(), e.message()));
                continue;
            }
        };
        rows += 1;
        let get = |k: &str| facts[k].as_u64().unwrap();
        let (w, h) = (get("width"), get("height"));
        eprintln!(
            "{:<48} {:>11} {:>9} {:>3} {:>5} {:>7}",
            path,
            format!("{sw}x{sh}"),
            format!("{w}x{h}"),
            get("orientation"),
            get("decodeScale"),
            ms
        );
        let mut check = |ok: bool, what: &str| {
            if !ok {
                failures.push(format!("{path}: {what} (facts {facts:?})"));
            }
        };
        check(
            (get("sourceWidth"), get("sourceHeight")) == (sw, sh),
            "source size",
        );
        check(w <= 320 && h <= 320, "fits the box");
        check(w <= dw && h <= dh, "never upscaled");
        check(
            w == 320 || h == 320 || (w, h) == (dw, dh),
            "as large as the box allows",
        );
        // Aspect ratio within one pixel: |w - dw*h/dh| <= 1 or |h - dh*w/dw| <= 1.
        let err = (w * dh).abs_diff(h * dw);
        check(err <= dh || err <= dw, "aspect ratio");
        check(facts["format"] == "jpeg", "format");
        if let Some(o) = num(&entry, "exif_orientation") {
            check(get("orientation") == o, "orientation fact");
        }
        if let Some(animated) = entry.get("animated").and_then(|v| v.as_bool()) {
            check(facts["animated"] == animated, "animated fact");
        }
        // The file is where the report says, and it is a JPEG of the reported size.
        let written = std::fs::read(run.artifact_path(facts["path"].as_str().unwrap())).unwrap();
        let again = stage.render(&written);
        check(
            again.is_ok_and(|t| (u64::from(t.facts.width), u64::from(t.facts.height)) == (w, h)),
            "written thumbnail decodes at the reported size",
        );
    }
    eprintln!("{rows} thumbnails");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(rows > 0);
}

/// The EXIF test images have a red block at the stored top-left corner; after orientation it
/// must sit in the display corner that the EXIF value names.
#[tokio::test]
async fn exif_orientations_put_the_stored_corner_where_it_belongs() {
    let Some(corpus) = corpus::dir() else {
        return;
    };
    let stage = ThumbnailStage::new(ThumbnailConfig::default().format(OutputFormat::Png));
    let mut seen = 0;
    for entry in corpus::manifest(&corpus) {
        let Some(o) = num(&entry, "exif_orientation") else {
            continue;
        };
        if text(&entry, "mime") != "image/jpeg" {
            continue;
        }
        let bytes = std::fs::read(corpus.join(text(&entry, "path"))).unwrap();
        let thumb = stage.render(&bytes).unwrap();
        let img = image::load_from_memory(&thumb.bytes).unwrap().into_rgb8();
        let (w, h) = img.dimensions();
        let corners = [(4, 4), (w - 5, 4), (w - 5, h - 5), (4, h - 5)]; // TL TR BR BL
        let expected = match o {
            1 | 5 => 0,
            2 | 6 => 1,
            3 | 7 => 2,
            _ => 3,
        };
        let red: Vec<bool> = corners
            .iter()
            .map(|&(x, y)| {
                let p = img.get_pixel(x, y).0;
                p[0] > 150 && p[1] < 100 && p[2] < 100
            })
            .collect();
        eprintln!("orientation {o}: {w}x{h}, red corners (TL TR BR BL) {red:?}");
        for (i, is_red) in red.iter().enumerate() {
            assert_eq!(*is_red, i == expected, "orientation {o}: corner {i}");
        }
        seen += 1;
    }
    assert!(seen == 0 || seen == 8, "saw {seen} orientation files");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_files_give_typed_errors() {
    let Some(corpus) = corpus::dir() else {
        return;
    };
    let harness = StageHarness::new(ThumbnailStage::new(ThumbnailConfig::default()));
    let mut failures = Vec::new();
    for entry in corpus::manifest(&corpus) {
        let path = text(&entry, "path");
        if text(&entry, "kind") != "hostile" {
            continue;
        }
        let declared = declared_for(path);
        let start = Instant::now();
        let run = harness
            .run_file(&corpus.join(path), TestMessage::image(declared))
            .await;
        let elapsed = start.elapsed();
        let f = &run.facts;
        let outcome = match (&run.accepted, &run.result) {
            (false, _) => "skipped".to_owned(),
            (true, Ok(())) => format!("ok {}x{}", f["width"], f["height"]),
            (true, Err(e)) => format!("{}: {}", e.code(), e.message()),
        };
        eprintln!("{path:<40} {:>6} ms  {outcome}", elapsed.as_millis());
        if elapsed > Duration::from_secs(5) {
            failures.push(format!("{path}: took {elapsed:?}"));
        }
        let image_like =
            declared.starts_with("image/") || text(&entry, "mime").starts_with("image/");
        let expect_error = text(&entry, "expect") == "error";
        match (&run.result, run.accepted) {
            (_, false) if image_like && expect_error => {
                failures.push(format!("{path}: an image-like file was skipped"))
            }
            (Err(e), true) if path.contains("bomb") && e.code() != "TOO_MANY_PIXELS" => {
                failures.push(format!("{path}: bomb gave {}", e.code()))
            }
            (Ok(_), true)
                if path.contains("bomb") || path.contains("garbage") || path.contains("empty") =>
            {
                failures.push(format!("{path}: should fail"))
            }
            // A truncated animation may still hold a whole first frame: a best-effort thumbnail
            // is fine there; other truncated stills must fail.
            (Ok(()), true)
                if expect_error
                    && f["source"] == "image"
                    && !path.contains("gif")
                    && !path.contains("sticker") =>
            {
                failures.push(format!("{path}: truncated still image gave a thumbnail"))
            }
            // A cut video or PDF may give a picture of what is there, saying it was cut.
            (Ok(()), true)
                if expect_error
                    && f["source"] != "image"
                    && f.get("truncated") != Some(&true.into()) =>
            {
                failures.push(format!(
                    "{path}: truncated file gave a picture without `truncated`"
                ))
            }
            _ => {}
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
