//! Photoshop documents (PSD, and PSB for large ones): the composite ("merged") image at the end
//! of the file, which every writer stores; layers are skipped. Bitmap, grey, duotone (as grey),
//! indexed, RGB, CMYK, multichannel (first channel) and Lab; 1, 8, 16 and 32 bits; raw, PackBits
//! or ZIP (with or without prediction) channel data; the ICC profile from resource 1039.
//!
//! Written here rather than taken from the `psd` crate, which parses every layer eagerly and
//! panics on malformed ones: only the header, three length-prefixed sections and the planar
//! channel data are needed, each read bounds-checked.

use std::io::Read;

use super::{DecodeLimits, Decoded};
use crate::color::PixelLayout;
use crate::error::ThumbnailError;

pub(super) fn decode(bytes: &[u8], limits: &DecodeLimits) -> Result<Decoded, ThumbnailError> {
    let mut r = Cursor { data: bytes, at: 0 };
    let header = r.take(26)?;
    let version = be16(&header[4..]);
    let big = version == 2;
    let channels = usize::from(be16(&header[12..]));
    let height = be32(&header[14..]);
    let width = be32(&header[18..]);
    let depth = be16(&header[22..]);
    let mode = be16(&header[24..]);
    if !(1..=56).contains(&channels) {
        return Err(invalid(&format!("{channels} channels")));
    }
    if !matches!(depth, 1 | 8 | 16 | 32) {
        return Err(invalid(&format!("depth {depth}")));
    }
    limits.check(width, height)?;
    let color_data = r.section(false)?;
    let resources = r.section(false)?;
    let _layers = r.section(big)?;
    let compression = be16(r.take(2)?);

    // Channels that make up the picture, and where alpha is.
    let (color_channels, out) = match mode {
        0 | 1 | 7 | 8 => (1, Mode::Grey),
        2 => (1, Mode::Indexed),
        3 => (3, Mode::Rgb),
        4 => (4, Mode::Cmyk),
        9 => (3, Mode::Lab),
        other => {
            return Err(ThumbnailError::Unsupported(format!(
                "PSD colour mode {other}"
            )))
        }
    };
    if channels < color_channels {
        return Err(invalid(&format!(
            "{channels} channels for colour mode {mode}"
        )));
    }
    let with_alpha = channels > color_channels && !matches!(out, Mode::Indexed | Mode::Cmyk);
    let used = color_channels + usize::from(with_alpha);
    let row_bytes = (width as usize * usize::from(depth)).div_ceil(8);
    let plane_bytes = row_bytes as u64 * u64::from(height);
    limits.check_bytes(plane_bytes * used as u64 + u64::from(width) * u64::from(height) * 4)?;
    let planes = read_planes(
        &mut r,
        compression,
        channels,
        used,
        row_bytes,
        height,
        big,
        depth,
    )?;

    let (w, h) = (width as usize, height as usize);
    let sample = |plane: &[u8], i: usize| -> u8 {
        match depth {
            1 => {
                let (row, x) = (i / w, i % w);
                let byte = plane.get(row * row_bytes + x / 8).copied().unwrap_or(0);
                // Bitmap: 1 is black.
                if (byte >> (7 - x % 8)) & 1 == 1 {
                    0
                } else {
                    255
                }
            }
            8 => plane.get(i).copied().unwrap_or(0),
            16 => plane.get(i * 2).copied().unwrap_or(0),
            _ => {
                let b = plane.get(i * 4..i * 4 + 4).unwrap_or(&[0; 4]);
                let v = f32::from_be_bytes([b[0], b[1], b[2], b[3]]);
                (v.clamp(0.0, 1.0) * 255.0).round() as u8
            }
        }
    };
    let n = w * h;
    let icc = icc_profile(resources);
    let (data, layout) = match out {
        Mode::Cmyk => {
            let mut cmyk = Vec::with_capacity(n * 4);
            for i in 0..n {
                // PSD stores CMYK inverted (0 is full ink).
                cmyk.extend(planes.iter().take(4).map(|p| 255 - sample(p, i)));
            }
            (cmyk, PixelLayout::Cmyk)
        }
        _ => {
            let channels_out = if with_alpha { 4 } else { 3 };
            let mut px = Vec::with_capacity(n * channels_out);
            for i in 0..n {
                let rgb = match out {
                    Mode::Grey => {
                        let v = sample(&planes[0], i);
                        [v, v, v]
                    }
                    Mode::Indexed => {
                        let index = usize::from(sample(&planes[0], i));
                        let at = |c: usize| color_data.get(c * 256 + index).copied().unwrap_or(0);
                        [at(0), at(1), at(2)]
                    }
                    Mode::Rgb => [
                        sample(&planes[0], i),
                        sample(&planes[1], i),
                        sample(&planes[2], i),
                    ],
                    Mode::Lab => {
                        let l = f32::from(sample(&planes[0], i)) * 100.0 / 255.0;
                        let a = f32::from(sample(&planes[1], i)) - 128.0;
                        let b = f32::from(sample(&planes[2], i)) - 128.0;
                        super::tiff::lab_to_srgb(l, a, b)
                    }
                    Mode::Cmyk => [0, 0, 0],
                };
                px.extend_from_slice(&rgb);
                if with_alpha {
                    px.push(sample(&planes[color_channels], i));
                }
            }
            let layout = if with_alpha {
                PixelLayout::Rgba
            } else {
                PixelLayout::Rgb
            };
            (px, layout)
        }
    };
    let icc = icc.filter(|_| matches!(out, Mode::Rgb | Mode::Cmyk));
    Ok(Decoded::full(data, layout, width, height, icc))
}

#[derive(Debug, Clone, Copy)]
enum Mode {
    Grey,
    Indexed,
    Rgb,
    Cmyk,
    Lab,
}

/// Reads the first `used` channel planes of the composite image.
#[allow(clippy::too_many_arguments)]
fn read_planes(
    r: &mut Cursor<'_>,
    compression: u16,
    channels: usize,
    used: usize,
    row_bytes: usize,
    height: u32,
    big: bool,
    depth: u16,
) -> Result<Vec<Vec<u8>>, ThumbnailError> {
    let h = height as usize;
    let plane_len = row_bytes * h;
    match compression {
        0 => (0..used)
            .map(|_| r.take(plane_len).map(<[u8]>::to_vec))
            .collect(),
        1 => {
            let count_len = if big { 4 } else { 2 };
            let counts = r.take(channels * h * count_len)?;
            let count = |i: usize| -> usize {
                if big {
                    be32(&counts[i * 4..]) as usize
                } else {
                    usize::from(be16(&counts[i * 2..]))
                }
            };
            let mut planes = Vec::with_capacity(used);
            for c in 0..used {
                let mut plane = Vec::with_capacity(plane_len);
                for y in 0..h {
                    let packed = r.take(count(c * h + y))?;
                    unpack_bits(packed, row_bytes, &mut plane)?;
                }
                planes.push(plane);
            }
            Ok(planes)
        }
        2 | 3 => {
            // One zlib stream for all channels, each plane `plane_len` bytes.
            let rest = r.rest();
            let mut all = Vec::with_capacity(plane_len * used);
            flate2::read::ZlibDecoder::new(rest)
                .take((plane_len * used) as u64)
                .read_to_end(&mut all)
                .map_err(|e| invalid(&format!("ZIP data: {e}")))?;
            if all.len() < plane_len * used {
                return Err(ThumbnailError::Truncated(
                    "PSD image data ends early".into(),
                ));
            }
            let mut planes: Vec<Vec<u8>> =
                all.chunks_exact(plane_len).map(<[u8]>::to_vec).collect();
            if compression == 3 {
                for plane in &mut planes {
                    for row in plane.chunks_exact_mut(row_bytes) {
                        unpredict(row, depth);
                    }
                }
            }
            Ok(planes)
        }
        other => Err(ThumbnailError::Unsupported(format!(
            "PSD compression {other}"
        ))),
    }
}

/// ZIP-with-prediction rows: deltas of 8- or 16-bit samples (32-bit float rows are byte-
/// shuffled as well; those are left as decoded).
fn unpredict(row: &mut [u8], depth: u16) {
    match depth {
        8 => {
            for i in 1..row.len() {
                row[i] = row[i].wrapping_add(row[i - 1]);
            }
        }
        16 => {
            for i in 1..row.len() / 2 {
                let prev = u16::from_be_bytes([row[i * 2 - 2], row[i * 2 - 1]]);
                let cur = u16::from_be_bytes([row[i * 2], row[i * 2 + 1]]).wrapping_add(prev);
                row[i * 2..i * 2 + 2].copy_from_slice(&cur.to_be_bytes());
            }
        }
        _ => {}
    }
}

fn unpack_bits(packed: &[u8], row_bytes: usize, out: &mut Vec<u8>) -> Result<(), ThumbnailError> {
    let end = out.len() + row_bytes;
    let mut i = 0;
    while out.len() < end && i < packed.len() {
        let n = packed[i] as i8;
        i += 1;
        if n >= 0 {
            let len = usize::from(n as u8) + 1;
            let run = packed
                .get(i..i + len)
                .ok_or_else(|| ThumbnailError::Truncated("PSD PackBits row ends early".into()))?;
            out.extend_from_slice(run);
            i += len;
        } else if n != -128 {
            let len = (1 - i16::from(n)) as usize;
            let &v = packed
                .get(i)
                .ok_or_else(|| ThumbnailError::Truncated("PSD PackBits row ends early".into()))?;
            out.extend(std::iter::repeat_n(v, len));
            i += 1;
        }
    }
    // Rows must come out exactly `row_bytes` long; a short row is padded, a long one cut.
    out.resize(end, 0);
    Ok(())
}

/// The ICC profile in image resource 1039, if present.
fn icc_profile(resources: &[u8]) -> Option<Vec<u8>> {
    let mut at = 0;
    while at + 12 <= resources.len() {
        if resources.get(at..at + 4) != Some(b"8BIM") {
            return None;
        }
        let id = be16(&resources[at + 4..]);
        // Pascal name padded to an even length (length byte included).
        let name_len = usize::from(*resources.get(at + 6)?);
        let name_total = (name_len + 1).next_multiple_of(2);
        let size_at = at + 6 + name_total;
        let size = be32(resources.get(size_at..size_at + 4)?) as usize;
        let data_at = size_at + 4;
        let data = resources.get(data_at..data_at.checked_add(size)?)?;
        if id == 1039 {
            return Some(data.to_vec());
        }
        at = data_at + size.next_multiple_of(2);
    }
    None
}

struct Cursor<'a> {
    data: &'a [u8],
    at: usize,
}

impl<'a> Cursor<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], ThumbnailError> {
        let end = self
            .at
            .checked_add(n)
            .filter(|&e| e <= self.data.len())
            .ok_or_else(|| ThumbnailError::Truncated("PSD ends early".into()))?;
        let s = &self.data[self.at..end];
        self.at = end;
        Ok(s)
    }

    /// A section preceded by its length (4 bytes, or 8 in PSB's layer section).
    fn section(&mut self, wide: bool) -> Result<&'a [u8], ThumbnailError> {
        let len = if wide {
            let b = self.take(8)?;
            u64::from_be_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]])
        } else {
            u64::from(be32(self.take(4)?))
        };
        let len = usize::try_from(len).map_err(|_| invalid("section length"))?;
        self.take(len)
    }

    fn rest(&self) -> &'a [u8] {
        &self.data[self.at.min(self.data.len())..]
    }
}

fn invalid(what: &str) -> ThumbnailError {
    ThumbnailError::Invalid(format!("PSD {what}"))
}

fn be16(b: &[u8]) -> u16 {
    u16::from_be_bytes([
        b.first().copied().unwrap_or(0),
        b.get(1).copied().unwrap_or(0),
    ])
}

fn be32(b: &[u8]) -> u32 {
    let g = |i: usize| b.get(i).copied().unwrap_or(0);
    u32::from_be_bytes([g(0), g(1), g(2), g(3)])
}
