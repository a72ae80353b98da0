//! The photometric interpretation applied to the 8-bit sample buffer: grey (either polarity),
//! RGB, palette, CMYK, YCbCr and CIE/ICC L*a*b* into RGB(A) or CMYK, alpha from
//! `ExtraSamples` (premultiplied alpha divided out).

use super::ifd::Ifd;
use super::pixels::{Geometry, Photometric};
use crate::color::PixelLayout;
use crate::error::ThumbnailError;

const COLOR_MAP: u16 = 320;
const EXTRA_SAMPLES: u16 = 338;
const YCBCR_COEFFICIENTS: u16 = 529;
const REFERENCE_BLACK_WHITE: u16 = 532;

/// Converts `data` (`channels` 8-bit samples a pixel) as the directory says. `jpeg` is the
/// component count when the chunks were decoded JPEG pixels (RGB, or CMYK), 0 otherwise.
pub(super) fn convert(
    g: &Geometry,
    ifd: &Ifd,
    data: Vec<u8>,
    channels: usize,
    jpeg: usize,
) -> Result<(Vec<u8>, PixelLayout), ThumbnailError> {
    if jpeg == 4 {
        return Ok((pick(&data, channels, 4), PixelLayout::Cmyk));
    }
    if jpeg == 3 {
        return Ok((pick(&data, channels, 3), PixelLayout::Rgb));
    }
    let color_channels = match g.photometric {
        Photometric::Rgb | Photometric::YCbCr | Photometric::Lab { .. } => 3,
        Photometric::Separated => g.samples.min(4),
        _ => 1,
    };
    let alpha = alpha_kind(ifd, g, color_channels);
    let pixels = data.len() / channels.max(1);
    let mut rgba = Vec::with_capacity(pixels * 4);
    let mut cmyk = false;
    match g.photometric {
        Photometric::WhiteIsZero | Photometric::BlackIsZero | Photometric::Mask => {
            let invert = g.photometric == Photometric::WhiteIsZero;
            for px in data.chunks_exact(channels) {
                let mut v = px[0];
                if invert {
                    v = 255 - v;
                }
                rgba.extend_from_slice(&[v, v, v, alpha_of(px, alpha)]);
            }
        }
        Photometric::Rgb => {
            for px in data.chunks_exact(channels) {
                rgba.extend_from_slice(&[px[0], px[1], px[2], alpha_of(px, alpha)]);
            }
        }
        Photometric::Palette => {
            let map = ifd.all(COLOR_MAP).ok_or_else(|| {
                ThumbnailError::Invalid("TIFF palette image without a colour map".into())
            })?;
            let n = 1usize << g.bits;
            if map.len() < 3 * n {
                return Err(ThumbnailError::Invalid(format!(
                    "TIFF colour map has {} entries, {} needed",
                    map.len(),
                    3 * n
                )));
            }
            // Colour maps are 16-bit; some writers store 8-bit values in them.
            let eight_bit = map[..3 * n].iter().all(|&v| v < 256);
            let to8 = |v: u64| if eight_bit { v as u8 } else { (v >> 8) as u8 };
            for px in data.chunks_exact(channels) {
                let i = usize::from(px[0]).min(n - 1);
                rgba.extend_from_slice(&[
                    to8(map[i]),
                    to8(map[n + i]),
                    to8(map[2 * n + i]),
                    alpha_of(px, alpha),
                ]);
            }
        }
        Photometric::Separated if color_channels >= 4 && alpha.is_none() => {
            cmyk = true;
            rgba = pick(&data, channels, 4);
        }
        Photometric::Separated => {
            for px in data.chunks_exact(channels) {
                let [r, g2, b] = if color_channels >= 4 {
                    let c = crate::color::cmyk_to_rgb(&px[..4]);
                    [c[0], c[1], c[2]]
                } else {
                    let v = 255 - px[0];
                    [v, v, v]
                };
                rgba.extend_from_slice(&[r, g2, b, alpha_of(px, alpha)]);
            }
        }
        Photometric::YCbCr => {
            let ycc = YccToRgb::from_ifd(ifd);
            for px in data.chunks_exact(channels) {
                let [r, g2, b] = ycc.convert(px[0], px[1], px[2]);
                rgba.extend_from_slice(&[r, g2, b, alpha_of(px, alpha)]);
            }
        }
        Photometric::Lab { icc } => {
            for px in data.chunks_exact(channels) {
                let l = f32::from(px[0]) * 100.0 / 255.0;
                let (a, b) = if icc {
                    (f32::from(px[1]) - 128.0, f32::from(px[2]) - 128.0)
                } else {
                    (f32::from(px[1] as i8), f32::from(px[2] as i8))
                };
                let [r, g2, b2] = lab_to_srgb(l, a, b);
                rgba.extend_from_slice(&[r, g2, b2, alpha_of(px, alpha)]);
            }
        }
    }
    if cmyk {
        return Ok((rgba, PixelLayout::Cmyk));
    }
    if alpha.is_none() {
        return Ok((crate::color::drop_alpha(&rgba), PixelLayout::Rgb));
    }
    if alpha.is_some_and(|(_, kind)| kind == Alpha::Associated) {
        for px in rgba.chunks_exact_mut(4) {
            let a = u32::from(px[3]);
            if a > 0 && a < 255 {
                for c in &mut px[..3] {
                    *c = ((u32::from(*c) * 255 + a / 2) / a).min(255) as u8;
                }
            }
        }
    }
    Ok((rgba, PixelLayout::Rgba))
}

/// How the first extra sample is to be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Alpha {
    Associated,
    Unassociated,
}

fn alpha_kind(ifd: &Ifd, g: &Geometry, color_channels: usize) -> Option<(usize, Alpha)> {
    if g.samples <= color_channels {
        return None;
    }
    match ifd.get(EXTRA_SAMPLES) {
        Some(1) => Some((color_channels, Alpha::Associated)),
        Some(2) => Some((color_channels, Alpha::Unassociated)),
        // No `ExtraSamples` at all: the extra sample is alpha (libtiff, Pillow and libvips
        // read it so); 0 ("unspecified") is not.
        None => Some((color_channels, Alpha::Unassociated)),
        _ => None,
    }
}

fn alpha_of(px: &[u8], alpha: Option<(usize, Alpha)>) -> u8 {
    alpha.and_then(|(i, _)| px.get(i).copied()).unwrap_or(255)
}

/// The first `n` channels of each pixel.
fn pick(data: &[u8], channels: usize, n: usize) -> Vec<u8> {
    if channels == n {
        return data.to_vec();
    }
    data.chunks_exact(channels)
        .flat_map(|px| px[..n].iter().copied())
        .collect()
}

/// YCbCr to RGB with the file's coefficients and reference black and white (TIFF 6.0 §21).
struct YccToRgb {
    lr: f32,
    lg: f32,
    lb: f32,
    reference: [f32; 6],
}

impl YccToRgb {
    fn from_ifd(ifd: &Ifd) -> Self {
        let c = ifd.reals(YCBCR_COEFFICIENTS).unwrap_or(&[]);
        let r = ifd.reals(REFERENCE_BLACK_WHITE).unwrap_or(&[]);
        let get = |v: &[f64], i: usize, d: f32| v.get(i).map_or(d, |&x| x as f32);
        let (lr, lg, lb) = (get(c, 0, 0.299), get(c, 1, 0.587), get(c, 2, 0.114));
        let reference = if r.len() >= 6 {
            [0, 1, 2, 3, 4, 5].map(|i| get(r, i, 0.0))
        } else {
            [0.0, 255.0, 128.0, 255.0, 128.0, 255.0]
        };
        Self {
            lr,
            lg,
            lb,
            reference,
        }
    }

    fn convert(&self, y: u8, cb: u8, cr: u8) -> [u8; 3] {
        let [yb, yw, cbb, cbw, crb, crw] = self.reference;
        let scale = |v: f32, black: f32, white: f32, range: f32| {
            let d = white - black;
            if d.abs() < f32::EPSILON {
                0.0
            } else {
                (v - black) * range / d
            }
        };
        let y = scale(f32::from(y), yb, yw, 255.0);
        let cb = scale(f32::from(cb), cbb, cbw, 127.0);
        let cr = scale(f32::from(cr), crb, crw, 127.0);
        let r = cr * (2.0 - 2.0 * self.lr) + y;
        let b = cb * (2.0 - 2.0 * self.lb) + y;
        let g = if self.lg.abs() < f32::EPSILON {
            y
        } else {
            (y - self.lb * b - self.lr * r) / self.lg
        };
        [r, g, b].map(|v| v.round().clamp(0.0, 255.0) as u8)
    }
}

/// CIE L*a*b* (D65 white, as libvips assumes) to 8-bit sRGB.
pub(crate) fn lab_to_srgb(l: f32, a: f32, b: f32) -> [u8; 3] {
    let fy = (l + 16.0) / 116.0;
    let fx = fy + a / 500.0;
    let fz = fy - b / 200.0;
    let inv = |t: f32| {
        if t > 6.0 / 29.0 {
            t * t * t
        } else {
            3.0 * (6.0f32 / 29.0).powi(2) * (t - 4.0 / 29.0)
        }
    };
    let (x, y, z) = (0.950_47 * inv(fx), inv(fy), 1.088_83 * inv(fz));
    let r = 3.240_454 * x - 1.537_138_5 * y - 0.498_531_4 * z;
    let g = -0.969_266 * x + 1.876_010_8 * y + 0.041_556 * z;
    let bl = 0.055_643_4 * x - 0.204_025_9 * y + 1.057_225_2 * z;
    [r, g, bl].map(|c| {
        let c = c.clamp(0.0, 1.0);
        let s = if c <= 0.003_130_8 {
            12.92 * c
        } else {
            1.055 * c.powf(1.0 / 2.4) - 0.055
        };
        (s * 255.0).round() as u8
    })
}
