//! The stage on small committed fixtures: facts, orientation, colour types, alpha, options,
//! skipping and limits. Runs without the corpus.

#![allow(clippy::unwrap_used)]

mod support;

use std::path::{Path, PathBuf};

use pipes_media_testkit::stage::{StageHarness, TestMessage};
use pipes_media_thumbnail::{
    Chroma, OutputFormat, ThumbnailConfig, ThumbnailError, ThumbnailStage,
};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn read(name: &str) -> Vec<u8> {
    std::fs::read(fixture(name)).unwrap()
}

fn png_stage() -> ThumbnailStage {
    ThumbnailStage::new(ThumbnailConfig::default().format(OutputFormat::Png))
}

/// Mean absolute difference per channel of two same-size RGB images.
fn mad(a: &image::RgbImage, b: &image::RgbImage) -> f64 {
    assert_eq!(a.dimensions(), b.dimensions());
    let sum: u64 = a
        .as_raw()
        .iter()
        .zip(b.as_raw())
        .map(|(x, y)| u64::from(x.abs_diff(*y)))
        .sum();
    sum as f64 / a.as_raw().len() as f64
}

#[tokio::test]
async fn reports_the_contract_facts_and_writes_the_file() {
    let harness = StageHarness::new(ThumbnailStage::new(ThumbnailConfig::default()));
    let run = harness
        .run_file(
            &fixture("exif_orientation_6.jpg"),
            TestMessage::image("image/jpeg").id("msg_thumb_1"),
        )
        .await;
    let facts = run.ok().clone();
    assert_eq!(facts["path"], "artifacts/msg_thumb_1/thumbnail.jpg");
    // Stored 600x400, orientation 6 (rotate 90°): upright 400x600, fitted 213x320.
    assert_eq!(facts["sourceWidth"], 600);
    assert_eq!(facts["sourceHeight"], 400);
    assert_eq!(facts["width"], 213);
    assert_eq!(facts["height"], 320);
    assert_eq!(facts["orientation"], 6);
    assert_eq!(facts["format"], "jpeg");
    assert_eq!(facts["sourceFormat"], "jpeg");
    assert_eq!(facts["animated"], false);
    assert_eq!(facts["iccConverted"], false);
    assert_eq!(facts["hasGps"], false);
    assert!(facts["colorProfile"].is_null());
    assert_eq!(run.artifacts.len(), 1);
    assert_eq!(run.artifacts[0].path, "artifacts/msg_thumb_1/thumbnail.jpg");
    let written = std::fs::read(run.artifact_path("artifacts/msg_thumb_1/thumbnail.jpg")).unwrap();
    assert!(written.starts_with(&[0xFF, 0xD8, 0xFF]));
    assert_eq!(facts["bytes"], written.len());
}

#[tokio::test]
async fn skips_what_is_not_an_image_and_fails_what_lies() {
    let harness = StageHarness::new(ThumbnailStage::new(ThumbnailConfig::default()));
    let text = b"hello, not a picture";
    let run = harness
        .run_bytes(text, TestMessage::document("text/plain"))
        .await;
    assert!(!run.accepted);
    // Declared as a JPEG but not one: accepted, then a typed failure.
    let run = harness
        .run_bytes(text, TestMessage::image("image/jpeg"))
        .await;
    assert!(run.accepted);
    assert_eq!(run.code().as_deref(), Some("UNSUPPORTED"));
    // A real PNG declared as a PDF is still thumbnailed (the bytes decide).
    let run = harness
        .run_file(
            &fixture("png_rgba_400x300.png"),
            TestMessage::document("application/pdf"),
        )
        .await;
    assert_eq!(run.ok()["sourceFormat"], "png");
    // TGA has no magic number, only an optional footer (TGA 2.0, which the fixture has).
    let tga = read("longtail.tga");
    assert!(tga.ends_with(b"TRUEVISION-XFILE.\0"));
    let run = harness
        .run_bytes(&tga, TestMessage::document("application/octet-stream"))
        .await;
    assert_eq!(run.ok()["sourceFormat"], "tga");
    // Without the footer, a `.tga` name (or a declared TGA type) lets the stage try it.
    let bare = &tga[..tga.len() - 26];
    let named = TestMessage::document("application/octet-stream").file_name("scan.TGA");
    let run = harness.run_bytes(bare, named).await;
    assert_eq!(run.ok()["sourceFormat"], "tga");
    let run = harness
        .run_bytes(bare, TestMessage::image("image/x-tga"))
        .await;
    assert_eq!(run.ok()["sourceFormat"], "tga");
    let run = harness
        .run_bytes(bare, TestMessage::document("application/octet-stream"))
        .await;
    assert!(
        !run.accepted,
        "a bare TGA without a name or type is not recognisable"
    );
}

#[test]
fn colour_types_come_out_right() {
    // No resize needed (they fit the box): the thumbnail must equal a plain decode.
    for name in [
        "png_16bit_256x256.png",
        "png_palette_320x240.png",
        "jpeg_gray_320x240.jpg",
    ] {
        let thumb = png_stage().render(&read(name)).unwrap();
        let ours = image::load_from_memory(&thumb.bytes).unwrap().into_rgb8();
        let reference = if name.ends_with(".png") {
            image::load_from_memory(&read(name)).unwrap().into_rgb8()
        } else {
            // Grey JPEG: every channel equal.
            assert!(
                ours.pixels().all(|p| p.0[0] == p.0[1] && p.0[1] == p.0[2]),
                "{name}"
            );
            continue;
        };
        let m = mad(&ours, &reference);
        assert!(m < 0.5, "{name}: MAD {m}");
    }
}

#[test]
fn cmyk_jpeg_is_not_inverted_or_garbled() {
    // The CMYK fixture was made by ImageMagick from a seeded plasma (`-colorspace CMYK`, no
    // profile); `cmyk_source_rgb_80x60.png` is that plasma before the conversion, at 80x60.
    let stage = ThumbnailStage::new(
        ThumbnailConfig::default()
            .box_size(80, 60)
            .format(OutputFormat::Png),
    );
    let ours = stage.render(&read("jpeg_cmyk_320x240.jpg")).unwrap();
    let a = image::load_from_memory(&ours.bytes).unwrap().into_rgb8();
    let b = image::load_from_memory(&read("cmyk_source_rgb_80x60.png"))
        .unwrap()
        .into_rgb8();
    let m = mad(&a, &b);
    assert!(m < 6.0, "CMYK thumbnail vs its RGB source: MAD {m}");
}

#[test]
fn alpha_is_kept_in_png_and_composited_in_jpeg() {
    let source = image::load_from_memory(&read("png_rgba_400x300.png"))
        .unwrap()
        .into_rgba8();
    let (tx, ty) = source
        .enumerate_pixels()
        .find(|(_, _, p)| p.0[3] == 0)
        .map(|(x, y, _)| (x, y))
        .expect("fixture has a transparent pixel");
    // 400x300 fits 320x320 as 320x240: scale 0.8.
    let (sx, sy) = ((tx as f64 * 0.8) as u32, (ty as f64 * 0.8) as u32);

    let png = png_stage().render(&read("png_rgba_400x300.png")).unwrap();
    assert!(png.facts.has_alpha);
    let img = image::load_from_memory(&png.bytes).unwrap().into_rgba8();
    assert_eq!(img.dimensions(), (320, 240));
    assert!(img.pixels().any(|p| p.0[3] == 0));

    let pink = ThumbnailStage::new(ThumbnailConfig::default().background([255, 0, 255]));
    let jpeg = pink.render(&read("png_rgba_400x300.png")).unwrap();
    assert!(!jpeg.facts.has_alpha);
    // Decode our JPEG back through the stage (fits the box, so no resize) as PNG.
    let back = png_stage().render(&jpeg.bytes).unwrap();
    let img = image::load_from_memory(&back.bytes).unwrap().into_rgb8();
    let p = img.get_pixel(sx.min(319), sy.min(239)).0;
    // Fully transparent pixels near an edge may blend; the far-from-edge ones are pink.
    let pinkish = img
        .pixels()
        .filter(|p| p.0[0] > 200 && p.0[1] < 60 && p.0[2] > 200)
        .count();
    assert!(pinkish > 100, "no background showed through ({p:?})");
}

#[test]
fn first_frames_of_animations_and_webp_output() {
    let sticker = png_stage()
        .render(&read("sticker_animated_512x512.webp"))
        .unwrap();
    assert!(sticker.facts.animated);
    assert_eq!((sticker.facts.width, sticker.facts.height), (320, 320));
    let gif = png_stage()
        .render(&read("gif_animated_256x256.gif"))
        .unwrap();
    assert!(gif.facts.animated);
    assert_eq!((gif.facts.width, gif.facts.height), (256, 256));
    let webp = ThumbnailStage::new(ThumbnailConfig::default().format(OutputFormat::WebP))
        .render(&read("webp_lossy_alpha_400x300.webp"))
        .unwrap();
    assert!(webp.bytes.starts_with(b"RIFF"));
    assert_eq!(webp.facts.format, "webp");
    assert!(webp.facts.has_alpha);
}

#[test]
fn box_size_and_quality_are_configurable() {
    let small = ThumbnailStage::new(ThumbnailConfig::default().box_size(100, 40).quality(30));
    let t = small.render(&read("jpeg_320x240.jpg")).unwrap();
    assert_eq!((t.facts.width, t.facts.height), (53, 40));
    let hq = ThumbnailStage::new(ThumbnailConfig::default().box_size(100, 40).quality(95));
    assert!(hq.render(&read("jpeg_320x240.jpg")).unwrap().bytes.len() > t.bytes.len());
    // Progressive JPEGs decode the same way.
    let p = small.render(&read("jpeg_progressive_320x240.jpg")).unwrap();
    assert_eq!((p.facts.width, p.facts.height), (53, 40));
}

/// The luma component's (horizontal, vertical) sampling factors from a JPEG's SOF header:
/// (2, 2) for 4:2:0, (1, 1) for 4:4:4.
fn luma_sampling(jpeg: &[u8]) -> (u8, u8) {
    let mut i = 2;
    while i + 4 <= jpeg.len() {
        assert_eq!(jpeg[i], 0xFF, "marker expected at {i}");
        let marker = jpeg[i + 1];
        let len = usize::from(u16::from_be_bytes([jpeg[i + 2], jpeg[i + 3]]));
        if matches!(marker, 0xC0..=0xC2) {
            // length(2) precision(1) height(2) width(2) components(1), then id, sampling, table.
            let sampling = jpeg[i + 2 + 8 + 1];
            return (sampling >> 4, sampling & 0x0F);
        }
        i += 2 + len;
    }
    panic!("no SOF marker");
}

#[test]
fn chroma_is_halved_for_photos_and_kept_for_graphics() {
    let auto = ThumbnailStage::new(ThumbnailConfig::default());
    let photo = auto.render(&read("jpeg_320x240.jpg")).unwrap();
    assert_eq!(luma_sampling(&photo.bytes), (2, 2), "JPEG source: 4:2:0");
    let graphic = auto.render(&read("png_palette_320x240.png")).unwrap();
    assert_eq!(luma_sampling(&graphic.bytes), (1, 1), "PNG source: 4:4:4");
    let sticker = auto.render(&read("sticker_animated_512x512.webp")).unwrap();
    assert_eq!(luma_sampling(&sticker.bytes), (1, 1), "WebP sticker: 4:4:4");

    let full = ThumbnailStage::new(ThumbnailConfig::default().chroma(Chroma::Full));
    let photo_full = full.render(&read("jpeg_320x240.jpg")).unwrap();
    assert_eq!(luma_sampling(&photo_full.bytes), (1, 1));
    assert!(photo_full.bytes.len() > photo.bytes.len());
    let half = ThumbnailStage::new(ThumbnailConfig::default().chroma(Chroma::Half));
    let graphic_half = half.render(&read("png_palette_320x240.png")).unwrap();
    assert_eq!(luma_sampling(&graphic_half.bytes), (2, 2));
}

/// A PNG whose header declares `w` x `h` (with a valid CRC) and nothing else.
fn png_header(w: u32, h: u32) -> Vec<u8> {
    fn crc32(data: &[u8]) -> u32 {
        let mut crc = !0u32;
        for &b in data {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = if crc & 1 != 0 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }
    let mut chunk = b"IHDR".to_vec();
    chunk.extend_from_slice(&w.to_be_bytes());
    chunk.extend_from_slice(&h.to_be_bytes());
    chunk.extend_from_slice(&[8, 6, 0, 0, 0]);
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend_from_slice(&13u32.to_be_bytes());
    png.extend_from_slice(&chunk);
    png.extend_from_slice(&crc32(&chunk).to_be_bytes());
    png
}

#[test]
fn bombs_are_refused_from_the_header() {
    let stage = ThumbnailStage::new(ThumbnailConfig::default());
    let err = stage.render(&png_header(20_000, 20_000)).unwrap_err();
    assert_eq!(err.code(), "TOO_MANY_PIXELS");
    assert!(matches!(
        err,
        ThumbnailError::TooManyPixels { width: 20_000, .. }
    ));

    // A JPEG whose SOF claims 60000x60000.
    let mut jpeg = read("jpeg_320x240.jpg");
    let sof = jpeg
        .windows(2)
        .position(|w| w == [0xFF, 0xC0])
        .expect("baseline SOF0");
    jpeg[sof + 5..sof + 9].copy_from_slice(&[0xEA, 0x60, 0xEA, 0x60]);
    assert_eq!(stage.render(&jpeg).unwrap_err().code(), "TOO_MANY_PIXELS");

    // A lower pixel limit and a tight memory bound are obeyed.
    let strict = ThumbnailStage::new(ThumbnailConfig::default().max_pixels(10_000));
    assert_eq!(
        strict.render(&read("jpeg_320x240.jpg")).unwrap_err().code(),
        "TOO_MANY_PIXELS"
    );
    let tight = ThumbnailStage::new(ThumbnailConfig::default().max_decode_bytes(50_000));
    assert_eq!(
        tight
            .render(&read("png_palette_320x240.png"))
            .unwrap_err()
            .code(),
        "TOO_MUCH_MEMORY"
    );
    assert_eq!(
        tight.render(&read("jpeg_320x240.jpg")).unwrap_err().code(),
        "TOO_MUCH_MEMORY"
    );
}

#[test]
fn truncated_and_empty_files_are_typed_errors() {
    let stage = ThumbnailStage::new(ThumbnailConfig::default());
    assert_eq!(stage.render(b"").unwrap_err().code(), "UNSUPPORTED");
    for name in [
        "jpeg_320x240.jpg",
        "jpeg_progressive_320x240.jpg",
        "png_palette_320x240.png",
        "webp_lossy_alpha_400x300.webp",
    ] {
        let bytes = read(name);
        let half = &bytes[..bytes.len() / 2];
        let err = stage.render(half).unwrap_err();
        assert!(
            ["TRUNCATED", "INVALID_INPUT"].contains(&err.code()),
            "{name}: {} {err}",
            err.code()
        );
    }
}

/// A smooth synthetic RGB picture.
fn gradient(w: u32, h: u32) -> Vec<u8> {
    let mut rgb = Vec::with_capacity((w * h * 3) as usize);
    for y in 0..h {
        for x in 0..w {
            rgb.extend_from_slice(&[(x * 255 / w) as u8, (y * 255 / h) as u8, 128]);
        }
    }
    rgb
}

#[test]
fn bmp_and_tiff_are_read() {
    let rgb = gradient(40, 30);
    for format in [image::ImageFormat::Bmp, image::ImageFormat::Tiff] {
        let mut file = std::io::Cursor::new(Vec::new());
        image::write_buffer_with_format(
            &mut file,
            &rgb,
            40,
            30,
            image::ExtendedColorType::Rgb8,
            format,
        )
        .unwrap();
        let thumb = png_stage().render(file.get_ref()).unwrap();
        assert_eq!(
            (thumb.facts.width, thumb.facts.height),
            (40, 30),
            "{format:?}"
        );
        let ours = image::load_from_memory(&thumb.bytes).unwrap().into_rgb8();
        let reference = image::RgbImage::from_raw(40, 30, rgb.clone()).unwrap();
        assert!(mad(&ours, &reference) < 0.5, "{format:?}");
    }
}

#[test]
fn large_progressive_jpeg_decodes_from_its_dc_scans() {
    // 2600x1950 shrinks by 8 while decoding; a progressive file then stops after its DC scans.
    let (w, h) = (2600u32, 1950u32);
    let rgb = gradient(w, h);
    let encode = |progressive: bool| {
        let mut out = Vec::new();
        let mut encoder = jpeg_encoder::Encoder::new(&mut out, 90);
        encoder.set_progressive(progressive);
        encoder
            .encode(&rgb, w as u16, h as u16, jpeg_encoder::ColorType::Rgb)
            .unwrap();
        out
    };
    let progressive = png_stage().render(&encode(true)).unwrap();
    let baseline = png_stage().render(&encode(false)).unwrap();
    assert_eq!(progressive.facts.decode_scale, 8);
    assert_eq!(
        (progressive.facts.width, progressive.facts.height),
        (320, 240)
    );
    let a = image::load_from_memory(&progressive.bytes)
        .unwrap()
        .into_rgb8();
    let b = image::load_from_memory(&baseline.bytes)
        .unwrap()
        .into_rgb8();
    let m = mad(&a, &b);
    assert!(m < 1.5, "progressive vs baseline MAD {m}");
    // And it matches the picture: the top-left is dark red-free, the right side red.
    assert!(a.get_pixel(2, 120).0[0] < 20 && a.get_pixel(317, 120).0[0] > 235);
}

#[test]
fn an_embedded_profile_is_converted_to_srgb() {
    use image::ImageEncoder;
    // A flat Adobe RGB colour in a PNG carrying the Adobe RGB profile.
    let icc = moxcms::ColorProfile::new_adobe_rgb().encode().unwrap();
    let pixels: Vec<u8> = [40u8, 160, 90].repeat(16 * 16);
    let mut png = Vec::new();
    let mut encoder = image::codecs::png::PngEncoder::new(&mut png);
    encoder.set_icc_profile(icc).unwrap();
    encoder
        .write_image(&pixels, 16, 16, image::ExtendedColorType::Rgb8)
        .unwrap();
    let thumb = png_stage().render(&png).unwrap();
    assert!(thumb.facts.icc_converted, "{:?}", thumb.facts);
    assert!(thumb.facts.color_profile.is_some());
    let out = image::load_from_memory(&thumb.bytes).unwrap().into_rgb8();
    let p = out.get_pixel(8, 8).0;
    // Adobe RGB's green primary is outside sRGB: the same numbers mean a more saturated green,
    // so in sRGB red drops and green rises.
    assert!(p[0] < 40 && p[1] > 160, "{p:?}");
}
