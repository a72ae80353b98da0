//! DirectDraw Surface textures, first surface at full size: block-compressed BC1 (DXT1, with
//! its one-bit alpha), BC2 (DXT2/3), BC3 (DXT4/5), BC4 and BC5 (ATI1/ATI2, unsigned and
//! signed), by FourCC or DX10 header, and uncompressed RGB(A), luminance(+alpha) and alpha
//! surfaces described by bit masks. BC6H and BC7 are `UNSUPPORTED` (named).
//!
//! The `image` crate's DDS reader knows DXT1/3/5 only and ignores DXT1's alpha, so this small
//! reader replaces it.

use super::{DecodeLimits, Decoded};
use crate::color::PixelLayout;
use crate::error::ThumbnailError;

const HEADER: usize = 128;

/// What the surface is stored as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Bc1,
    Bc2,
    Bc3,
    Bc4 {
        signed: bool,
    },
    Bc5 {
        signed: bool,
    },
    /// 8-bit indices into a 256-entry RGBA palette that follows the header.
    Palette,
    /// Uncompressed: bits per pixel and the R, G, B, A masks (a luminance surface has only R).
    Masks {
        bits: u32,
        masks: [u32; 4],
        luminance: bool,
    },
}

pub(super) fn decode(bytes: &[u8], limits: &DecodeLimits) -> Result<Decoded, ThumbnailError> {
    let le = |at: usize| -> Result<u32, ThumbnailError> {
        bytes
            .get(at..at + 4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
            .ok_or_else(|| ThumbnailError::Truncated("DDS header".into()))
    };
    if le(4)? != 124 {
        return Err(invalid("header size is not 124"));
    }
    let (height, width) = (le(12)?, le(16)?);
    limits.check_image(width, height, 8)?;
    let pf_flags = le(80)?;
    let fourcc = bytes.get(84..88).unwrap_or_default();
    let mut data_at = HEADER;
    let format = if pf_flags & 0x4 != 0 {
        match fourcc {
            b"DXT1" => Format::Bc1,
            b"DXT2" | b"DXT3" => Format::Bc2,
            b"DXT4" | b"DXT5" => Format::Bc3,
            b"ATI1" | b"BC4U" => Format::Bc4 { signed: false },
            b"BC4S" => Format::Bc4 { signed: true },
            b"ATI2" | b"BC5U" => Format::Bc5 { signed: false },
            b"BC5S" => Format::Bc5 { signed: true },
            b"DX10" => {
                data_at += 20;
                dxgi(le(HEADER)?)?
            }
            other => {
                return Err(ThumbnailError::Unsupported(format!(
                    "DDS FourCC {}",
                    String::from_utf8_lossy(other)
                )))
            }
        }
    } else if pf_flags & 0x20 != 0 {
        Format::Palette
    } else {
        let bits = le(88)?;
        let alpha_only = pf_flags & 0x2 != 0 && pf_flags & 0x40 == 0 && pf_flags & 0x20000 == 0;
        let mut masks = [le(92)?, le(96)?, le(100)?, le(104)?];
        if pf_flags & 0x1 == 0 {
            masks[3] = 0; // no alpha
        }
        if alpha_only {
            masks = [0, 0, 0, le(104)?];
        }
        if !matches!(bits, 8 | 16 | 24 | 32) {
            return Err(ThumbnailError::Unsupported(format!(
                "DDS {bits}-bit surface"
            )));
        }
        Format::Masks {
            bits,
            masks,
            luminance: pf_flags & 0x20000 != 0,
        }
    };
    let data = bytes.get(data_at..).unwrap_or_default();
    let (w, h) = (width as usize, height as usize);
    let mut rgba = vec![0u8; w * h * 4];
    match format {
        Format::Masks {
            bits,
            masks,
            luminance,
        } => unmask(data, w, h, bits, masks, luminance, &mut rgba)?,
        Format::Palette => {
            let (palette, indices) = (data.get(..1024), data.get(1024..1024 + w * h));
            let (Some(palette), Some(indices)) = (palette, indices) else {
                return Err(ThumbnailError::Truncated(
                    "DDS palette surface ends early".into(),
                ));
            };
            for (px, &i) in rgba.chunks_exact_mut(4).zip(indices) {
                px.copy_from_slice(&palette[usize::from(i) * 4..usize::from(i) * 4 + 4]);
            }
        }
        block => {
            let block_len = if matches!(block, Format::Bc1 | Format::Bc4 { .. }) {
                8
            } else {
                16
            };
            let (bw, bh) = (w.div_ceil(4), h.div_ceil(4));
            let needed = bw * bh * block_len;
            if data.len() < needed {
                return Err(ThumbnailError::Truncated(format!(
                    "DDS has {} of {needed} bytes of blocks",
                    data.len()
                )));
            }
            for (i, b) in data.chunks_exact(block_len).take(bw * bh).enumerate() {
                let texels = decode_block(block, b);
                let (bx, by) = ((i % bw) * 4, (i / bw) * 4);
                for (j, px) in texels.iter().enumerate() {
                    let (x, y) = (bx + j % 4, by + j / 4);
                    if x < w && y < h {
                        rgba[(y * w + x) * 4..(y * w + x) * 4 + 4].copy_from_slice(px);
                    }
                }
            }
        }
    }
    Ok(Decoded::full(rgba, PixelLayout::Rgba, width, height, None))
}

fn invalid(what: &str) -> ThumbnailError {
    ThumbnailError::Invalid(format!("DDS {what}"))
}

/// A DX10 header's DXGI format.
fn dxgi(code: u32) -> Result<Format, ThumbnailError> {
    let rgba = Format::Masks {
        bits: 32,
        masks: [0xFF, 0xFF00, 0xFF_0000, 0xFF00_0000],
        luminance: false,
    };
    Ok(match code {
        27..=29 => rgba,
        87 | 90 | 91 => Format::Masks {
            bits: 32,
            masks: [0xFF_0000, 0xFF00, 0xFF, 0xFF00_0000],
            luminance: false,
        },
        88 | 92 | 93 => Format::Masks {
            bits: 32,
            masks: [0xFF_0000, 0xFF00, 0xFF, 0],
            luminance: false,
        },
        61 | 62 => Format::Masks {
            bits: 8,
            masks: [0xFF, 0, 0, 0],
            luminance: true,
        },
        70..=72 => Format::Bc1,
        73..=75 => Format::Bc2,
        76..=78 => Format::Bc3,
        79 | 80 => Format::Bc4 { signed: false },
        81 => Format::Bc4 { signed: true },
        82 | 83 => Format::Bc5 { signed: false },
        84 => Format::Bc5 { signed: true },
        94..=96 => return Err(ThumbnailError::Unsupported("DDS BC6H (HDR) texture".into())),
        97..=99 => return Err(ThumbnailError::Unsupported("DDS BC7 texture".into())),
        other => {
            return Err(ThumbnailError::Unsupported(format!(
                "DDS DXGI format {other}"
            )))
        }
    })
}

/// Uncompressed pixels by bit masks.
fn unmask(
    data: &[u8],
    w: usize,
    h: usize,
    bits: u32,
    masks: [u32; 4],
    luminance: bool,
    rgba: &mut [u8],
) -> Result<(), ThumbnailError> {
    let bpp = (bits / 8) as usize;
    if data.len() < w * h * bpp {
        return Err(ThumbnailError::Truncated("DDS surface ends early".into()));
    }
    // Some writers give 8-bit luminance a mask of 0xFF000000: a mask outside the pixel's
    // bits means the whole pixel.
    let fits = |mask: u32| bits >= 32 || mask >> bits == 0;
    let channel = |v: u32, mask: u32| -> Option<u8> {
        if mask == 0 {
            return None;
        }
        let mask = if fits(mask) { mask } else { (1u32 << bits) - 1 };
        let shift = mask.trailing_zeros();
        let max = mask >> shift;
        Some((u64::from((v & mask) >> shift) * 255 / u64::from(max)) as u8)
    };
    for (i, px) in data.chunks_exact(bpp).take(w * h).enumerate() {
        let mut v = 0u32;
        for (k, b) in px.iter().enumerate() {
            v |= u32::from(*b) << (8 * k);
        }
        let out = &mut rgba[i * 4..i * 4 + 4];
        let r = channel(v, masks[0]).unwrap_or(0);
        let (g, b) = if luminance {
            (r, r)
        } else {
            (
                channel(v, masks[1]).unwrap_or(0),
                channel(v, masks[2]).unwrap_or(0),
            )
        };
        out.copy_from_slice(&[r, g, b, channel(v, masks[3]).unwrap_or(255)]);
    }
    Ok(())
}

/// The 16 texels of one block.
fn decode_block(format: Format, b: &[u8]) -> [[u8; 4]; 16] {
    match format {
        Format::Bc1 => color_block(b, true),
        Format::Bc2 => {
            let mut t = color_block(&b[8..], false);
            for (i, px) in t.iter_mut().enumerate() {
                let nibble = (b[i / 2] >> (4 * (i % 2))) & 0x0F;
                px[3] = nibble * 17;
            }
            t
        }
        Format::Bc3 => {
            let mut t = color_block(&b[8..], false);
            let a = value_block(&b[..8], false);
            for (px, v) in t.iter_mut().zip(a) {
                px[3] = v;
            }
            t
        }
        Format::Bc4 { signed } => value_block(b, signed).map(|v| [v, v, v, 255]),
        Format::Bc5 { signed } => {
            // Two channels (a normal map's x and y); blue as Pillow shows it: 0, or the
            // signed zero.
            let (r, g) = (value_block(&b[..8], signed), value_block(&b[8..], signed));
            let blue = if signed { 128 } else { 0 };
            std::array::from_fn(|i| [r[i], g[i], blue, 255])
        }
        Format::Masks { .. } | Format::Palette => [[0; 4]; 16],
    }
}

/// A BC1-style colour block (two RGB565 end points, 2-bit indices); `punch_through` enables
/// BC1's transparent fourth colour when the first end point is not above the second.
fn color_block(b: &[u8], punch_through: bool) -> [[u8; 4]; 16] {
    let c0 = u16::from_le_bytes([b[0], b[1]]);
    let c1 = u16::from_le_bytes([b[2], b[3]]);
    let rgb = |c: u16| {
        let (r, g, bl) = ((c >> 11) & 31, (c >> 5) & 63, c & 31);
        [
            u32::from(r) * 255 / 31,
            u32::from(g) * 255 / 63,
            u32::from(bl) * 255 / 31,
        ]
    };
    let (a, z) = (rgb(c0), rgb(c1));
    // (p * a + q * z) / (p + q), channel by channel.
    let mix = |p: u32, q: u32| [0, 1, 2].map(|i| ((p * a[i] + q * z[i]) / (p + q)) as u8);
    let four = c0 > c1 || !punch_through;
    let palette: [[u8; 4]; 4] = if four {
        let c2 = mix(2, 1);
        let c3 = mix(1, 2);
        [
            [a[0] as u8, a[1] as u8, a[2] as u8, 255],
            [z[0] as u8, z[1] as u8, z[2] as u8, 255],
            [c2[0], c2[1], c2[2], 255],
            [c3[0], c3[1], c3[2], 255],
        ]
    } else {
        let c2 = mix(1, 1);
        [
            [a[0] as u8, a[1] as u8, a[2] as u8, 255],
            [z[0] as u8, z[1] as u8, z[2] as u8, 255],
            [c2[0], c2[1], c2[2], 255],
            [0, 0, 0, 0],
        ]
    };
    let indices = u32::from_le_bytes([b[4], b[5], b[6], b[7]]);
    std::array::from_fn(|i| palette[((indices >> (2 * i)) & 3) as usize])
}

/// A BC4-style block of single values (two 8-bit end points, 3-bit indices).
fn value_block(b: &[u8], signed: bool) -> [u8; 16] {
    // Signed values are shown offset by 128, as Pillow does.
    let (v0, v1) = if signed {
        (
            (i16::from(b[0] as i8) + 128) as u32,
            (i16::from(b[1] as i8) + 128) as u32,
        )
    } else {
        (u32::from(b[0]), u32::from(b[1]))
    };
    let raw0 = if signed {
        (b[0] as i8) as i32
    } else {
        i32::from(b[0])
    };
    let raw1 = if signed {
        (b[1] as i8) as i32
    } else {
        i32::from(b[1])
    };
    let mut palette = [0u32; 8];
    palette[0] = v0;
    palette[1] = v1;
    if raw0 > raw1 {
        for k in 1..7 {
            palette[k + 1] = ((7 - k as u32) * v0 + k as u32 * v1) / 7;
        }
    } else {
        for k in 1..5 {
            palette[k + 1] = ((5 - k as u32) * v0 + k as u32 * v1) / 5;
        }
        palette[6] = 0;
        palette[7] = 255;
    }
    let mut bits = 0u64;
    for (k, byte) in b[2..8].iter().enumerate() {
        bits |= u64::from(*byte) << (8 * k);
    }
    std::array::from_fn(|i| palette[((bits >> (3 * i)) & 7) as usize] as u8)
}
