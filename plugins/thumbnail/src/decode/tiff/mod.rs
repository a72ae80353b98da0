//! TIFF and BigTIFF, first page: strips or tiles, chunky or planar, 1 to 64 bits per sample
//! (unsigned, signed or floating point), compressed with none, LZW, Deflate, PackBits, CCITT
//! (Huffman, Group 3 1-D/2-D, Group 4), JPEG (also old-style, through `JPEGInterchangeFormat`)
//! or LZMA, in grey, RGB, palette, CMYK, YCbCr (subsampled too) or CIE/ICC L*a*b*, with or
//! without alpha.
//!
//! The directory is read by [`ifd`]; chunks are decompressed by [`codec`] (and [`ccitt`]);
//! [`pixels`] unpacks samples into 8 bits each and turns them into RGB(A) or CMYK. Every size
//! comes from the file, so each is checked against the file and the limits before use.

mod ccitt;
mod codec;
mod color;
mod ifd;
mod pixels;

pub(super) use color::lab_to_srgb;

use codec::{Chunk, Codec};
use ifd::Ifd;
use pixels::{Geometry, Photometric, Planes};

use super::{DecodeLimits, Decoded};
use crate::error::ThumbnailError;

const IMAGE_WIDTH: u16 = 256;
const IMAGE_LENGTH: u16 = 257;
const BITS_PER_SAMPLE: u16 = 258;
const COMPRESSION: u16 = 259;
const PHOTOMETRIC: u16 = 262;
const FILL_ORDER: u16 = 266;
const STRIP_OFFSETS: u16 = 273;
const SAMPLES_PER_PIXEL: u16 = 277;
const ROWS_PER_STRIP: u16 = 278;
const STRIP_BYTE_COUNTS: u16 = 279;
const PLANAR_CONFIGURATION: u16 = 284;
const T4_OPTIONS: u16 = 292;
const PREDICTOR: u16 = 317;
const TILE_WIDTH: u16 = 322;
const TILE_LENGTH: u16 = 323;
const TILE_OFFSETS: u16 = 324;
const TILE_BYTE_COUNTS: u16 = 325;
const SAMPLE_FORMAT: u16 = 339;
const JPEG_TABLES: u16 = 347;
const JPEG_INTERCHANGE_FORMAT: u16 = 513;
const JPEG_INTERCHANGE_FORMAT_LENGTH: u16 = 514;
const YCBCR_SUBSAMPLING: u16 = 530;
const ICC_PROFILE: u16 = 34675;

pub(super) fn decode(bytes: &[u8], limits: &DecodeLimits) -> Result<Decoded, ThumbnailError> {
    let ifd = Ifd::first(bytes)?;
    let geometry = Geometry::from_ifd(&ifd)?;
    let (width, height) = (geometry.width, geometry.height);
    limits.check(width, height)?;
    let icc = ifd.bytes(ICC_PROFILE).map(<[u8]>::to_vec);
    let compression = ifd.get(COMPRESSION).unwrap_or(1) as u16;

    // Old-style JPEG with the whole image as one interchange-format stream: decode that.
    if compression == 6 {
        if let Some(decoded) = old_jpeg(bytes, &ifd, &geometry, limits)? {
            return Ok(Decoded::full(decoded.0, decoded.1, width, height, icc));
        }
    }

    let mut planes = Planes::new(&geometry, limits)?;
    let codec = Codec {
        compression,
        jpeg_tables: ifd.bytes(JPEG_TABLES),
        jpeg_rgb: geometry.photometric == Photometric::Rgb,
        lsb_first: ifd.get(FILL_ORDER) == Some(2),
        t4_options: ifd.get(T4_OPTIONS).unwrap_or(0),
        max_decode_bytes: limits.max_decode_bytes,
    };
    let predictor = ifd.get(PREDICTOR).unwrap_or(1);
    let layout = ChunkLayout::from_ifd(&ifd, &geometry)?;
    let per_plane = layout.across * layout.down;
    let planes_in_file = if geometry.planar { geometry.samples } else { 1 };
    if layout.offsets.len() < per_plane * planes_in_file {
        return Err(ThumbnailError::Invalid(format!(
            "TIFF has {} chunk offsets, {} needed",
            layout.offsets.len(),
            per_plane * planes_in_file
        )));
    }
    for plane in 0..planes_in_file {
        for index in 0..per_plane {
            let chunk = plane * per_plane + index;
            let (x0, y0) = (
                (index % layout.across) as u32 * layout.chunk_w,
                (index / layout.across) as u32 * layout.chunk_h,
            );
            // Strips at the bottom hold only the rows left; tiles are always whole.
            let rows = if layout.tiled {
                layout.chunk_h
            } else {
                layout.chunk_h.min(height - y0)
            };
            let data = chunk_data(bytes, &layout, chunk, compression)?;
            if data.is_empty() {
                continue; // an empty chunk (libtiff reads it as zeros)
            }
            let expected = geometry.chunk_bytes(layout.chunk_w, rows, geometry.planar)?;
            limits.check_bytes(expected as u64)?;
            match codec.decompress(data, layout.chunk_w, rows, expected)? {
                Chunk::Samples(mut samples) => {
                    let row_bytes = expected / rows.max(1) as usize;
                    if predictor != 1 && row_bytes > 0 {
                        let spp = if geometry.planar { 1 } else { geometry.samples };
                        for row in samples.chunks_exact_mut(row_bytes) {
                            codec::unpredict(row, predictor, geometry.bits, spp, ifd.big_endian);
                        }
                    }
                    planes.put_samples(
                        &samples,
                        plane,
                        x0,
                        y0,
                        layout.chunk_w,
                        rows,
                        ifd.big_endian,
                    );
                }
                Chunk::Pixels {
                    data,
                    components,
                    width: w,
                    height: h,
                } => planes.put_pixels(&data, components, x0, y0, w, h)?,
            }
        }
    }
    let (data, layout) = planes.finish(&ifd)?;
    Ok(Decoded::full(data, layout, width, height, icc))
}

/// Where the chunks are: strips or tiles, their size and count, offsets and byte counts.
struct ChunkLayout {
    tiled: bool,
    chunk_w: u32,
    chunk_h: u32,
    across: usize,
    down: usize,
    offsets: Vec<u64>,
    counts: Option<Vec<u64>>,
}

impl ChunkLayout {
    fn from_ifd(ifd: &Ifd, g: &Geometry) -> Result<Self, ThumbnailError> {
        let invalid = |what: &str| ThumbnailError::Invalid(format!("TIFF {what}"));
        let tiled = ifd.get(TILE_WIDTH).is_some();
        let (chunk_w, chunk_h, offsets, counts) = if tiled {
            let tw = ifd.get(TILE_WIDTH).unwrap_or(0);
            let th = ifd.get(TILE_LENGTH).unwrap_or(0);
            if tw == 0 || th == 0 || tw > 65_536 || th > 65_536 {
                return Err(invalid(&format!("tile size {tw}x{th}")));
            }
            (
                tw as u32,
                th as u32,
                ifd.all(TILE_OFFSETS).or_else(|| ifd.all(STRIP_OFFSETS)),
                ifd.all(TILE_BYTE_COUNTS)
                    .or_else(|| ifd.all(STRIP_BYTE_COUNTS)),
            )
        } else {
            let rps = ifd
                .get(ROWS_PER_STRIP)
                .unwrap_or(u64::from(g.height))
                .clamp(1, u64::from(g.height)) as u32;
            (
                g.width,
                rps,
                ifd.all(STRIP_OFFSETS),
                ifd.all(STRIP_BYTE_COUNTS),
            )
        };
        let offsets = offsets.ok_or_else(|| invalid("has no strip or tile offsets"))?;
        Ok(Self {
            tiled,
            chunk_w,
            chunk_h,
            across: g.width.div_ceil(chunk_w) as usize,
            down: g.height.div_ceil(chunk_h) as usize,
            offsets: offsets.to_vec(),
            counts: counts.map(<[u64]>::to_vec),
        })
    }
}

/// The bytes of chunk `index`. Without byte counts (allowed for uncompressed single strips) the
/// chunk runs to the end of the file.
fn chunk_data<'a>(
    bytes: &'a [u8],
    layout: &ChunkLayout,
    index: usize,
    compression: u16,
) -> Result<&'a [u8], ThumbnailError> {
    let start = layout
        .offsets
        .get(index)
        .and_then(|&o| usize::try_from(o).ok())
        .filter(|&o| o <= bytes.len())
        .ok_or_else(|| ifd::truncated("strip"))?;
    let count = match &layout.counts {
        Some(counts) => counts
            .get(index)
            .and_then(|&c| usize::try_from(c).ok())
            .ok_or_else(|| ThumbnailError::Invalid("TIFF strip byte counts missing".into()))?,
        None if compression == 1 => bytes.len() - start,
        None => {
            return Err(ThumbnailError::Invalid(
                "TIFF has no strip byte counts".into(),
            ))
        }
    };
    let end = start.saturating_add(count);
    if end > bytes.len() {
        // A last strip cut short: give what there is; the codec says whether it is enough.
        return Ok(&bytes[start..]);
    }
    Ok(&bytes[start..end])
}

/// Old-style JPEG (compression 6) whose `JPEGInterchangeFormat` points at a whole JPEG stream:
/// its pixels, cropped or padded to the directory's size. `None` when the tag is absent (the
/// strips are then tried as JPEG streams of their own).
fn old_jpeg(
    bytes: &[u8],
    ifd: &Ifd,
    g: &Geometry,
    limits: &DecodeLimits,
) -> Result<Option<(Vec<u8>, crate::color::PixelLayout)>, ThumbnailError> {
    let Some(start) = ifd
        .get(JPEG_INTERCHANGE_FORMAT)
        .and_then(|o| usize::try_from(o).ok())
    else {
        return Ok(None);
    };
    let len = ifd
        .get(JPEG_INTERCHANGE_FORMAT_LENGTH)
        .and_then(|l| usize::try_from(l).ok())
        .unwrap_or(usize::MAX);
    let end = start.saturating_add(len).min(bytes.len());
    let stream = bytes
        .get(start..end)
        .ok_or_else(|| ifd::truncated("JPEG stream"))?;
    if !stream.starts_with(&[0xFF, 0xD8]) {
        return Ok(None);
    }
    // A header-only stream (tables, then the strips hold the scan) is not a whole image.
    if !stream.windows(2).any(|w| w == [0xFF, 0xDA]) {
        return Ok(None);
    }
    let pixels = crate::decode::jpeg::decode_stream(
        stream,
        limits.max_decode_bytes,
        g.photometric == Photometric::Rgb,
    )?;
    let mut planes = Planes::for_pixels(g, pixels.layout.channels(), limits)?;
    planes.put_pixels(
        &pixels.data,
        pixels.layout.channels(),
        0,
        0,
        pixels.width,
        pixels.height,
    )?;
    planes.finish(ifd).map(Some)
}

#[cfg(test)]
mod tests;
