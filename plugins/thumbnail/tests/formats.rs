//! One small fixture per long-tail format (made by `tools/fixtures.py` from
//! `longtail_source_64x48.png`, which has a red block at its stored top-left corner): each gets
//! a thumbnail of the right size, looking like the source, turned as its metadata says. (TGA,
//! which has no magic number, is run through the stage with a file name in `stage.rs`.)

#![allow(clippy::unwrap_used)]

use std::path::Path;

use pipes_media_thumbnail::{OutputFormat, ThumbnailConfig, ThumbnailStage};

fn read(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name),
    )
    .unwrap()
}

fn stage() -> ThumbnailStage {
    ThumbnailStage::new(ThumbnailConfig::default().format(OutputFormat::Png))
}

/// The source after EXIF orientation `o`, as RGB.
fn source(o: u8) -> image::RgbImage {
    let img = image::load_from_memory(&read("longtail_source_64x48.png")).unwrap();
    let mut img = image::DynamicImage::ImageRgb8(img.into_rgb8());
    img.apply_orientation(image::metadata::Orientation::from_exif(o).unwrap());
    img.into_rgb8()
}

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

#[test]
fn every_long_tail_format_gives_the_picture() {
    // (file, source format fact, orientation it carries, largest MAD to the source allowed:
    // lossy codecs at these tiny sizes, DXT5 and bilevel fax differ more)
    let cases = [
        ("longtail_tiled_planar_lzw.tif", "tiff", 1, 0.5),
        ("longtail_exif_6.webp", "webp", 6, 12.0),
        ("longtail_xmp_8.png", "png", 8, 0.5),
        ("longtail.ico", "ico", 1, 6.0),
        ("longtail.psd", "psd", 1, 0.5),
        ("longtail.ppm", "pnm", 1, 0.5),
        ("longtail.qoi", "qoi", 1, 0.5),
        ("longtail_dxt5.dds", "dds", 1, 14.0),
        ("longtail.jp2", "jpeg2000", 1, 1.0),
        ("longtail.avif", "avif", 1, 6.0),
        ("longtail.heic", "heic", 1, 8.0),
    ];
    for (name, format, orientation, limit) in cases {
        let bytes = read(name);
        let thumb = stage()
            .render(&bytes)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(thumb.facts.source_format, format, "{name}");
        assert_eq!(thumb.facts.orientation, orientation, "{name}");
        let ours = image::load_from_memory(&thumb.bytes).unwrap().into_rgb8();
        let mut expected = source(orientation);
        if expected.dimensions() != ours.dimensions() {
            // The icon holds a 48-pixel-wide copy.
            let (w, h) = ours.dimensions();
            expected =
                image::imageops::resize(&expected, w, h, image::imageops::FilterType::Lanczos3);
        }
        let m = mad(&ours, &expected);
        assert!(m <= limit, "{name}: MAD {m:.2} > {limit}");
    }
}

#[test]
fn bmp_pixels_are_read_from_the_offset_the_header_gives() {
    // The fixture has 97 spare bytes between its palette and its pixels; without them (and
    // with `bfOffBits` moved back) the picture must be exactly the same.
    let gap = read("longtail_pal8_gap.bmp");
    let off = u32::from_le_bytes([gap[10], gap[11], gap[12], gap[13]]) as usize;
    let mut tight = [&gap[..off - 97], &gap[off..]].concat();
    tight[10..14].copy_from_slice(&((off - 97) as u32).to_le_bytes());
    let size = tight.len() as u32;
    tight[2..6].copy_from_slice(&size.to_le_bytes());
    let a = stage().render(&gap).unwrap();
    let b = stage().render(&tight).unwrap();
    assert_eq!(a.bytes, b.bytes);
    let ours = image::load_from_memory(&a.bytes).unwrap().into_rgb8();
    assert!(
        mad(&ours, &source(1)) < 12.0,
        "64-colour palette of the source"
    );
}

#[test]
fn bilevel_fax_tiff_is_black_and_white() {
    let thumb = stage().render(&read("longtail_fax4.tif")).unwrap();
    let img = image::load_from_memory(&thumb.bytes).unwrap().into_rgb8();
    assert_eq!(img.dimensions(), (64, 48));
    let grey = image::DynamicImage::ImageRgb8(source(1)).into_luma8();
    // Dithered by Pillow: the mean brightness survives, within a few levels.
    let ours: f64 = img.pixels().map(|p| f64::from(p.0[0])).sum::<f64>() / (64.0 * 48.0);
    let theirs: f64 = grey.pixels().map(|p| f64::from(p.0[0])).sum::<f64>() / (64.0 * 48.0);
    assert!((ours - theirs).abs() < 12.0, "{ours} vs {theirs}");
    assert!(img.pixels().all(|p| p.0[0] == 0 || p.0[0] == 255));
}

#[test]
fn the_tiff_crate_panic_is_gone() {
    // Tiled, planar, with partial tiles at the bottom: `tiff` 0.11 panics on these (see the
    // report); ours equals the source exactly.
    let thumb = stage()
        .render(&read("longtail_tiled_planar_lzw.tif"))
        .unwrap();
    let ours = image::load_from_memory(&thumb.bytes).unwrap().into_rgb8();
    assert_eq!(mad(&ours, &source(1)), 0.0);
}
