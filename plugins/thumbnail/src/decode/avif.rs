//! AVIF: the primary item (an `av01` image, or a `grid` of them) decoded by [`av1`], its alpha
//! auxiliary image, YCbCr turned into RGB with the `colr` (else sequence header) matrix and
//! range, and `irot`/`imir` handed back as an EXIF orientation for the renderer to apply after
//! resizing.

use super::av1::{self, Frame};
use super::{DecodeLimits, Decoded};
use crate::color::PixelLayout;
use crate::error::ThumbnailError;
use crate::isobmff::{Heif, Property};

/// Most bytes of one item's coded data.
const MAX_ITEM: usize = 256 << 20;
/// Most tiles of a grid.
const MAX_TILES: usize = 4096;

pub(super) fn decode(bytes: &[u8], limits: &DecodeLimits) -> Result<Decoded, ThumbnailError> {
    let heif = Heif::parse(bytes)
        .ok_or_else(|| ThumbnailError::Invalid("AVIF container has no readable meta box".into()))?;
    let primary = heif.primary;
    let kind = heif.items.get(&primary).map(|i| i.kind).unwrap_or_default();
    let (color_override, icc) = color_properties(&heif, bytes, primary);
    let image = match &kind {
        b"av01" => frame_rgba(&decode_item(&heif, bytes, primary, limits)?, color_override),
        b"grid" => grid(&heif, bytes, primary, limits, color_override)?,
        other => {
            return Err(ThumbnailError::Unsupported(format!(
                "AVIF primary item of type {}",
                String::from_utf8_lossy(other)
            )))
        }
    };
    let (width, height, mut rgba) = image;
    let alpha_item = heif
        .references_to(b"auxl", primary)
        .into_iter()
        .find(|&id| is_alpha(&heif, id));
    let mut has_alpha = false;
    if let Some(id) = alpha_item {
        if let Ok(frame) = decode_item(&heif, bytes, id, limits) {
            if frame.width == width && frame.height == height {
                let max = (1u32 << frame.bit_depth) - 1;
                for (px, &a) in rgba.chunks_exact_mut(4).zip(&frame.planes[0]) {
                    px[3] = to8(u32::from(a), max, frame.full_range);
                }
                has_alpha = true;
            }
        }
    }
    let (data, layout) = if has_alpha {
        (rgba, PixelLayout::Rgba)
    } else {
        (crate::color::drop_alpha(&rgba), PixelLayout::Rgb)
    };
    let (w, h) = (width as u32, height as u32);
    let mut decoded = Decoded::full(data, layout, w, h, icc);
    // With `irot`/`imir` those decide; without, the EXIF or XMP orientation does (as in Pillow).
    decoded.orientation = orientation(&heif, primary);
    Ok(decoded)
}

fn decode_item(
    heif: &Heif,
    bytes: &[u8],
    item: u32,
    limits: &DecodeLimits,
) -> Result<Frame, ThumbnailError> {
    if let Some((w, h)) = heif.properties(item).find_map(|p| match p {
        Property::Size(w, h) => Some((*w, *h)),
        _ => None,
    }) {
        limits.check_image(w, h, 12)?;
    }
    let data = heif.item_data(bytes, item, MAX_ITEM).ok_or_else(|| {
        ThumbnailError::Truncated("AVIF item data lies past the end of the file".into())
    })?;
    let frame = av1::decode(&data, limits.max_pixels)?;
    limits.check_image(frame.width as u32, frame.height as u32, 12)?;
    Ok(frame)
}

/// A `grid` item: its tiles decoded and placed row by row.
fn grid(
    heif: &Heif,
    bytes: &[u8],
    item: u32,
    limits: &DecodeLimits,
    color: Option<(u32, bool)>,
) -> Result<(usize, usize, Vec<u8>), ThumbnailError> {
    let invalid = |what: &str| ThumbnailError::Invalid(format!("AVIF grid: {what}"));
    let data = heif
        .item_data(bytes, item, 64)
        .ok_or_else(|| invalid("no data"))?;
    let flags = *data.get(1).ok_or_else(|| invalid("short"))?;
    let rows = usize::from(*data.get(2).ok_or_else(|| invalid("short"))?) + 1;
    let cols = usize::from(*data.get(3).ok_or_else(|| invalid("short"))?) + 1;
    let (width, height) = if flags & 1 != 0 {
        (
            crate::isobmff::be32(&data, 4),
            crate::isobmff::be32(&data, 8),
        )
    } else {
        (
            crate::isobmff::be16(&data, 4).map(u32::from),
            crate::isobmff::be16(&data, 6).map(u32::from),
        )
    };
    let (width, height) = (
        width.ok_or_else(|| invalid("short"))?,
        height.ok_or_else(|| invalid("short"))?,
    );
    limits.check_image(width, height, 8)?;
    let tiles = heif.references_from(b"dimg", item);
    if tiles.len() < rows * cols || tiles.len() > MAX_TILES {
        return Err(invalid(&format!("{} tiles for {rows}x{cols}", tiles.len())));
    }
    let (w, h) = (width as usize, height as usize);
    let mut out = vec![255u8; w * h * 4];
    let (mut tile_w, mut tile_h) = (0, 0);
    for (i, &tile) in tiles.iter().take(rows * cols).enumerate() {
        let (tw, th, rgba) = frame_rgba(&decode_item(heif, bytes, tile, limits)?, color);
        if i == 0 {
            (tile_w, tile_h) = (tw, th);
        }
        let (x0, y0) = ((i % cols) * tile_w, (i / cols) * tile_h);
        for y in 0..th {
            let dy = y0 + y;
            if dy >= h || x0 >= w {
                continue;
            }
            let n = tw.min(w - x0);
            let src = &rgba[y * tw * 4..(y * tw + n) * 4];
            out[(dy * w + x0) * 4..(dy * w + x0 + n) * 4].copy_from_slice(src);
        }
    }
    Ok((w, h, out))
}

/// Matrix and range from an `nclx` colour property, and an ICC profile from a `prof` one.
fn color_properties(
    heif: &Heif,
    bytes: &[u8],
    item: u32,
) -> (Option<(u32, bool)>, Option<Vec<u8>>) {
    let mut nclx = None;
    let mut icc = None;
    for p in heif.properties(item) {
        match p {
            Property::Nclx { matrix, full_range } => nclx = Some((u32::from(*matrix), *full_range)),
            Property::Icc(range) => icc = bytes.get(range.clone()).map(<[u8]>::to_vec),
            _ => {}
        }
    }
    (nclx, icc)
}

fn is_alpha(heif: &Heif, item: u32) -> bool {
    heif.properties(item).any(|p| match p {
        Property::Auxiliary(urn) => {
            urn.as_slice() == b"urn:mpeg:mpegB:cicp:systems:auxiliary:alpha"
                || urn.as_slice() == b"urn:mpeg:hevc:2015:auxid:1"
        }
        _ => false,
    })
}

/// The EXIF orientation equal to the item's `irot` and `imir`, applied in property order;
/// `None` when it has neither.
pub(super) fn orientation(heif: &Heif, item: u32) -> Option<u8> {
    let mut o = None;
    for p in heif.properties(item) {
        let step = match p {
            Property::Rotation(1) => 8, // 90° anticlockwise
            Property::Rotation(2) => 3,
            Property::Rotation(3) => 6,
            // libavif (and so Pillow) reads axis 0 as top and bottom swapping.
            Property::Mirror(0) => 4,
            Property::Mirror(_) => 2,
            _ => continue,
        };
        o = Some(crate::orient::then(o.unwrap_or(1), step));
    }
    o
}

/// An AV1 frame as RGBA (alpha 255), using `color` (matrix, full range) when the container
/// gives one.
fn frame_rgba(f: &Frame, color: Option<(u32, bool)>) -> (usize, usize, Vec<u8>) {
    let (matrix, full) = color.unwrap_or((f.matrix, f.full_range));
    let max = (1u32 << f.bit_depth) - 1;
    let (kr, kb) = match matrix {
        1 => (0.2126, 0.0722),
        9 | 10 => (0.2627, 0.0593),
        4 => (0.30, 0.11),
        7 => (0.212, 0.087),
        _ => (0.299, 0.114), // 5, 6, unspecified: BT.601
    };
    let kg = 1.0 - kr - kb;
    let mut out = Vec::with_capacity(f.width * f.height * 4);
    let scale = 255.0 / max as f32;
    let (sx, sy) = (
        (f.width as f32 / f.chroma_width.max(1) as f32).round() as usize,
        (f.height as f32 / f.chroma_height.max(1) as f32).round() as usize,
    );
    for y in 0..f.height {
        for x in 0..f.width {
            let luma = f32::from(f.planes[0][y * f.width + x]);
            let yv = if full {
                luma * scale
            } else {
                (luma - 16.0 * (max + 1) as f32 / 256.0) * 255.0
                    / (219.0 * (max + 1) as f32 / 256.0)
            };
            if f.monochrome {
                let v = yv.round().clamp(0.0, 255.0) as u8;
                out.extend_from_slice(&[v, v, v, 255]);
                continue;
            }
            let ci = (y / sy.max(1)).min(f.chroma_height - 1) * f.chroma_width
                + (x / sx.max(1)).min(f.chroma_width - 1);
            let (cb, cr) = (f32::from(f.planes[1][ci]), f32::from(f.planes[2][ci]));
            let half = (max + 1) as f32 / 2.0;
            let (u, v) = if full {
                ((cb - half) * scale, (cr - half) * scale)
            } else {
                let s = 255.0 / (224.0 * (max + 1) as f32 / 256.0);
                ((cb - half) * s, (cr - half) * s)
            };
            let (r, g, b) = if matrix == 0 {
                // Identity: GBR stored as Y, U, V.
                (v + half * scale, yv, u + half * scale)
            } else {
                let r = yv + 2.0 * (1.0 - kr) * v;
                let b = yv + 2.0 * (1.0 - kb) * u;
                let g = (yv - kr * r - kb * b) / kg;
                (r, g, b)
            };
            out.extend_from_slice(&[r, g, b].map(|c| c.round().clamp(0.0, 255.0) as u8));
            out.push(255);
        }
    }
    (f.width, f.height, out)
}

/// A sample of `max` to 8 bits, limited range expanded.
fn to8(v: u32, max: u32, full: bool) -> u8 {
    let v = v as f32;
    let out = if full {
        v * 255.0 / max as f32
    } else {
        let unit = (max + 1) as f32 / 256.0;
        (v - 16.0 * unit) * 255.0 / (219.0 * unit)
    };
    out.round().clamp(0.0, 255.0) as u8
}
