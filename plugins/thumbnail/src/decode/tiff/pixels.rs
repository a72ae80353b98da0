//! TIFF samples into pixels: every sample is first reduced to 8 bits (its top 8 bits; fewer
//! bits are stretched to the full range, floats clamped from 0..1) in an interleaved buffer,
//! then the photometric interpretation turns that buffer into RGB(A) or CMYK.

use super::ifd::Ifd;
use super::{BITS_PER_SAMPLE, IMAGE_LENGTH, IMAGE_WIDTH, PHOTOMETRIC, PLANAR_CONFIGURATION};
use super::{COMPRESSION, SAMPLES_PER_PIXEL, SAMPLE_FORMAT, YCBCR_SUBSAMPLING};
use crate::color::PixelLayout;
use crate::decode::DecodeLimits;
use crate::error::ThumbnailError;

/// `PhotometricInterpretation`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Photometric {
    WhiteIsZero,
    BlackIsZero,
    Rgb,
    Palette,
    Mask,
    Separated,
    YCbCr,
    Lab { icc: bool },
}

/// The image's shape as the directory states it.
#[derive(Debug)]
pub(super) struct Geometry {
    pub width: u32,
    pub height: u32,
    pub bits: u32,
    pub samples: usize,
    pub planar: bool,
    /// `SampleFormat`: 1 unsigned, 2 signed, 3 floating point.
    pub format: u64,
    pub photometric: Photometric,
    /// `YCbCrSubSampling` for non-JPEG YCbCr (1, 1 otherwise).
    pub subsampling: (u32, u32),
}

fn unsupported(what: String) -> ThumbnailError {
    ThumbnailError::Unsupported(format!("TIFF {what}"))
}

impl Geometry {
    pub(super) fn from_ifd(ifd: &Ifd) -> Result<Self, ThumbnailError> {
        let width = ifd.get(IMAGE_WIDTH).unwrap_or(0);
        let height = ifd.get(IMAGE_LENGTH).unwrap_or(0);
        let (Ok(width), Ok(height)) = (u32::try_from(width), u32::try_from(height)) else {
            return Err(ThumbnailError::Invalid(format!(
                "TIFF size {width}x{height}"
            )));
        };
        let samples = ifd.get(SAMPLES_PER_PIXEL).unwrap_or(1).max(1);
        if samples > 16 {
            return Err(unsupported(format!("with {samples} samples per pixel")));
        }
        let samples = samples as usize;
        let all_bits = ifd.all(BITS_PER_SAMPLE).unwrap_or(&[1]);
        let bits = all_bits.first().copied().unwrap_or(1);
        if all_bits.iter().take(samples).any(|&b| b != bits) {
            return Err(unsupported(format!("with mixed bit depths {all_bits:?}")));
        }
        if bits == 0 || bits > 64 {
            return Err(ThumbnailError::Invalid(format!(
                "TIFF {bits} bits per sample"
            )));
        }
        let format = ifd.get(SAMPLE_FORMAT).unwrap_or(1);
        if format == 3 && !matches!(bits, 16 | 32 | 64) {
            return Err(unsupported(format!("{bits}-bit floating point")));
        }
        if !(1..=3).contains(&format) {
            return Err(unsupported(format!("sample format {format}")));
        }
        let photometric = match ifd.get(PHOTOMETRIC) {
            Some(0) => Photometric::WhiteIsZero,
            Some(1) => Photometric::BlackIsZero,
            Some(2) => Photometric::Rgb,
            Some(3) => Photometric::Palette,
            Some(4) => Photometric::Mask,
            Some(5) => Photometric::Separated,
            Some(6) => Photometric::YCbCr,
            Some(8) => Photometric::Lab { icc: false },
            Some(9) | Some(10) => Photometric::Lab { icc: true },
            None if samples >= 3 => Photometric::Rgb,
            None => Photometric::BlackIsZero,
            Some(other) => return Err(unsupported(format!("photometric interpretation {other}"))),
        };
        let needed = match photometric {
            Photometric::Rgb | Photometric::YCbCr | Photometric::Lab { .. } => 3,
            Photometric::Separated => 1,
            _ => 1,
        };
        let jpeg = matches!(ifd.get(COMPRESSION), Some(6 | 7));
        if samples < needed && !jpeg {
            return Err(ThumbnailError::Invalid(format!(
                "TIFF {photometric:?} with {samples} samples"
            )));
        }
        if photometric == Photometric::Palette && bits > 8 {
            return Err(unsupported(format!("{bits}-bit palette")));
        }
        let subsampling = if photometric == Photometric::YCbCr && !jpeg {
            let s = ifd.all(YCBCR_SUBSAMPLING).unwrap_or(&[2, 2]);
            let (h, v) = (
                s.first().copied().unwrap_or(2),
                s.get(1).copied().unwrap_or(2),
            );
            if ![1, 2, 4].contains(&h) || ![1, 2, 4].contains(&v) {
                return Err(ThumbnailError::Invalid(format!(
                    "TIFF YCbCr subsampling {h}x{v}"
                )));
            }
            (h as u32, v as u32)
        } else {
            (1, 1)
        };
        let planar = ifd.get(PLANAR_CONFIGURATION) == Some(2) && samples > 1;
        if subsampling != (1, 1) && (planar || bits != 8) {
            return Err(unsupported("planar or non-8-bit subsampled YCbCr".into()));
        }
        Ok(Self {
            width,
            height,
            bits: bits as u32,
            samples,
            planar,
            format,
            photometric,
            subsampling,
        })
    }

    /// Bytes of packed samples in a chunk of `width` x `rows` (one plane when `planar`).
    pub(super) fn chunk_bytes(
        &self,
        width: u32,
        rows: u32,
        planar: bool,
    ) -> Result<usize, ThumbnailError> {
        let too_big = || ThumbnailError::Invalid("TIFF chunk size overflows".into());
        if self.subsampling != (1, 1) {
            let (h, v) = self.subsampling;
            let units = u64::from(width.div_ceil(h)) * u64::from(rows.div_ceil(v));
            let unit_bytes = u64::from(h * v + 2);
            return usize::try_from(units * unit_bytes).map_err(|_| too_big());
        }
        let spp = if planar { 1 } else { self.samples as u64 };
        let row_bits = u64::from(width) * u64::from(self.bits) * spp;
        let row_bytes = row_bits.div_ceil(8);
        usize::try_from(row_bytes * u64::from(rows)).map_err(|_| too_big())
    }
}

/// The 8-bit interleaved buffer the chunks are unpacked into.
pub(super) struct Planes<'g> {
    g: &'g Geometry,
    channels: usize,
    data: Vec<u8>,
    /// Components of the JPEG pixels the chunks were (3: RGB, 4: CMYK), or 0 for samples.
    jpeg_components: usize,
}

impl<'g> Planes<'g> {
    pub(super) fn new(g: &'g Geometry, limits: &DecodeLimits) -> Result<Self, ThumbnailError> {
        let jpeg_channels = match g.photometric {
            Photometric::Separated => 4,
            _ => 3,
        };
        let channels = g.samples.max(jpeg_channels);
        let bytes = u64::from(g.width) * u64::from(g.height) * (channels as u64 + 4);
        limits.check_bytes(bytes)?;
        Ok(Self {
            g,
            channels,
            data: vec![0; g.width as usize * g.height as usize * channels],
            jpeg_components: 0,
        })
    }

    /// A buffer for decoded JPEG pixels of `components`.
    pub(super) fn for_pixels(
        g: &'g Geometry,
        components: usize,
        limits: &DecodeLimits,
    ) -> Result<Self, ThumbnailError> {
        let bytes = u64::from(g.width) * u64::from(g.height) * (components as u64 + 4);
        limits.check_bytes(bytes)?;
        Ok(Self {
            g,
            channels: components,
            data: vec![0; g.width as usize * g.height as usize * components],
            jpeg_components: components,
        })
    }

    /// Unpacks the samples of a chunk at (`x0`, `y0`) of `width` x `rows` (of `plane` when the
    /// image is planar).
    #[allow(clippy::too_many_arguments)]
    pub(super) fn put_samples(
        &mut self,
        samples: &[u8],
        plane: usize,
        x0: u32,
        y0: u32,
        width: u32,
        rows: u32,
        big_endian: bool,
    ) {
        let g = self.g;
        if g.subsampling != (1, 1) {
            self.put_subsampled(samples, x0, y0, width, rows);
            return;
        }
        let spp = if g.planar { 1 } else { g.samples };
        let row_bytes = (width as usize * g.bits as usize * spp).div_ceil(8);
        let (img_w, img_h) = (g.width as usize, g.height as usize);
        let raw_index = g.photometric == Photometric::Palette;
        for (r, row) in samples
            .chunks(row_bytes.max(1))
            .take(rows as usize)
            .enumerate()
        {
            let y = y0 as usize + r;
            if y >= img_h {
                break;
            }
            let visible = (width as usize).min(img_w.saturating_sub(x0 as usize));
            let out_row = y * img_w * self.channels;
            if g.bits == 8 && g.format != 2 && !g.planar && spp == self.channels {
                // The common case: bytes are the samples.
                let start = out_row + x0 as usize * self.channels;
                let len = (visible * spp).min(row.len());
                self.data[start..start + len].copy_from_slice(&row[..len]);
                continue;
            }
            for x in 0..visible {
                for s in 0..spp {
                    let index = x * spp + s;
                    let value = sample8(row, index, g, big_endian, raw_index);
                    let channel = if g.planar { plane } else { s };
                    if channel < self.channels {
                        let at = out_row + (x0 as usize + x) * self.channels + channel;
                        self.data[at] = value;
                    }
                }
            }
        }
    }

    /// Unpacks subsampled YCbCr units (`h` x `v` luma samples, then Cb and Cr), repeating
    /// chroma over each unit.
    fn put_subsampled(&mut self, samples: &[u8], x0: u32, y0: u32, width: u32, rows: u32) {
        let g = self.g;
        let (h, v) = (g.subsampling.0 as usize, g.subsampling.1 as usize);
        let unit = h * v + 2;
        let across = (width as usize).div_ceil(h);
        for (i, u) in samples.chunks_exact(unit).enumerate() {
            let (ux, uy) = (i % across, i / across);
            if uy * v >= rows as usize {
                break;
            }
            let (cb, cr) = (u[h * v], u[h * v + 1]);
            for dy in 0..v {
                for dx in 0..h {
                    let x = x0 as usize + ux * h + dx;
                    let y = y0 as usize + uy * v + dy;
                    if x >= g.width as usize || y >= g.height as usize {
                        continue;
                    }
                    let at = (y * g.width as usize + x) * self.channels;
                    self.data[at] = u[dy * h + dx];
                    self.data[at + 1] = cb;
                    self.data[at + 2] = cr;
                }
            }
        }
    }

    /// Copies decoded JPEG pixels of a chunk at (`x0`, `y0`).
    pub(super) fn put_pixels(
        &mut self,
        pixels: &[u8],
        components: usize,
        x0: u32,
        y0: u32,
        width: u32,
        height: u32,
    ) -> Result<(), ThumbnailError> {
        if components > self.channels {
            return Err(ThumbnailError::Invalid(format!(
                "TIFF JPEG chunk has {components} components"
            )));
        }
        self.jpeg_components = components;
        let (img_w, img_h) = (self.g.width as usize, self.g.height as usize);
        let visible = (width as usize).min(img_w.saturating_sub(x0 as usize));
        for (r, row) in pixels.chunks_exact(width as usize * components).enumerate() {
            let y = y0 as usize + r;
            if y >= img_h || r >= height as usize {
                break;
            }
            for x in 0..visible {
                let at = (y * img_w + x0 as usize + x) * self.channels;
                self.data[at..at + components]
                    .copy_from_slice(&row[x * components..(x + 1) * components]);
            }
        }
        Ok(())
    }

    /// Turns the buffer into RGB, RGBA or CMYK pixels.
    pub(super) fn finish(self, ifd: &Ifd) -> Result<(Vec<u8>, PixelLayout), ThumbnailError> {
        super::color::convert(self.g, ifd, self.data, self.channels, self.jpeg_components)
    }
}

/// Sample `index` of a row as 8 bits (see the module docs); palette indices stay raw. Signed
/// samples (but L*a*b*'s, whose a and b are signed by definition) show negatives as black and
/// the rest as stored, as libvips casts them.
fn sample8(row: &[u8], index: usize, g: &Geometry, big_endian: bool, raw_index: bool) -> u8 {
    let v = unsigned8(row, index, g, big_endian, raw_index);
    if g.format == 2 && g.bits != 32 && !matches!(g.photometric, Photometric::Lab { .. }) {
        (v as i8).max(0) as u8
    } else {
        v
    }
}

fn unsigned8(row: &[u8], index: usize, g: &Geometry, big_endian: bool, raw_index: bool) -> u8 {
    let bits = g.bits as usize;
    match (bits, g.format) {
        (8, _) => row.get(index).copied().unwrap_or(0),
        (16, 3) => {
            let b = row.get(index * 2..index * 2 + 2).unwrap_or(&[0, 0]);
            let v = if big_endian {
                u16::from_be_bytes([b[0], b[1]])
            } else {
                u16::from_le_bytes([b[0], b[1]])
            };
            unit_to_8(f64::from(half_to_f32(v)))
        }
        (32, 3) => {
            let b = row.get(index * 4..index * 4 + 4).unwrap_or(&[0; 4]);
            let a = [b[0], b[1], b[2], b[3]];
            let v = if big_endian {
                f32::from_be_bytes(a)
            } else {
                f32::from_le_bytes(a)
            };
            unit_to_8(f64::from(v))
        }
        (64, 3) => {
            let b = row.get(index * 8..index * 8 + 8).unwrap_or(&[0; 8]);
            let mut a = [0u8; 8];
            a.copy_from_slice(b);
            let v = if big_endian {
                f64::from_be_bytes(a)
            } else {
                f64::from_le_bytes(a)
            };
            unit_to_8(v)
        }
        (32, _) => {
            // 32-bit integers are clipped to 0-255, as libvips and Pillow show them.
            let b = row.get(index * 4..index * 4 + 4).unwrap_or(&[0; 4]);
            let a = [b[0], b[1], b[2], b[3]];
            let raw = if big_endian {
                u32::from_be_bytes(a)
            } else {
                u32::from_le_bytes(a)
            };
            let v = if g.format == 2 {
                i64::from(raw as i32)
            } else {
                i64::from(raw)
            };
            v.clamp(0, 255) as u8
        }
        (b, _) if b % 8 == 0 => {
            // The most significant byte in the file's byte order.
            let size = b / 8;
            let at = if big_endian {
                index * size
            } else {
                index * size + size - 1
            };
            row.get(at).copied().unwrap_or(0)
        }
        (b, _) => {
            // Packed: read `b` bits MSB-first.
            let start = index * b;
            let mut v: u64 = 0;
            for i in start..start + b {
                let bit = row.get(i / 8).map_or(0, |byte| (byte >> (7 - i % 8)) & 1);
                v = (v << 1) | u64::from(bit);
            }
            if raw_index {
                v as u8
            } else if b < 8 {
                (v * 255 / ((1u64 << b) - 1)) as u8
            } else {
                (v >> (b - 8)) as u8
            }
        }
    }
}

fn unit_to_8(v: f64) -> u8 {
    if v.is_nan() {
        0
    } else {
        (v.clamp(0.0, 1.0) * 255.0).round() as u8
    }
}

/// IEEE half precision to `f32`.
fn half_to_f32(h: u16) -> f32 {
    let sign = if h & 0x8000 != 0 { -1.0 } else { 1.0 };
    let exp = i32::from((h >> 10) & 0x1F);
    let frac = f32::from(h & 0x3FF);
    sign * match exp {
        0 => frac * 2f32.powi(-24),
        31 => f32::INFINITY,
        e => (1.0 + frac / 1024.0) * 2f32.powi(e - 15),
    }
}
