//! ThumbHash placeholders (<https://evanw.github.io/thumbhash/>): the picture the stage made,
//! averaged down to fit 32x32, encoded as the reference JavaScript does it, in standard base64
//! with padding (what the reference demo prints).
//!
//! The reference takes inputs up to 100x100, but a hash holds at most 7 luma and 3 chroma
//! coefficients per axis, which a 32-pixel picture already carries: the encoder's work grows with
//! the pixels it reads, and from 32 instead of 100 pixels it is about a tenth (0.3 ms less per
//! picture) while the placeholder looks the same.
//!
//! The encoder is a line-by-line port of `rgbaToThumbHash` from the reference `thumbhash.js`,
//! in `f64` like JavaScript numbers and with `Math.round`'s ties: the `thumbhash` crate (the
//! same author's Rust port) computes in `f32` and differs from the reference in the last bit of
//! about half the hashes of real pictures. `tests/previews.rs` compares this one with the
//! vendored JavaScript byte for byte.

use std::borrow::Cow;

use base64::Engine as _;
use fast_image_resize::images::{Image, ImageRef};
use fast_image_resize::{FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer};

use crate::color::PixelLayout;

mod js_math;

/// The largest side of the picture the hash is computed from (ThumbHash itself takes up to 100).
pub(crate) const MAX_SIDE: u32 = 32;

/// The most coefficients along one axis of any channel (the luma's `nx`/`ny` is at most 7).
const MAX_COEFFICIENTS: usize = 8;

/// The ThumbHash of a `width` x `height` picture in `layout` (RGB or RGBA, straight alpha),
/// in base64. With `background`, alpha is first composited onto it (the picture is a JPEG).
pub(crate) fn encode(
    pixels: &[u8],
    width: u32,
    height: u32,
    layout: PixelLayout,
    background: Option<[u8; 3]>,
) -> String {
    let rgba = hash_input(pixels, width, height, layout, background);
    let (w, h, rgba) = match rgba {
        Some(input) => input,
        None => return String::new(),
    };
    let hash = rgba_to_thumb_hash(w as usize, h as usize, &rgba);
    base64::engine::general_purpose::STANDARD.encode(hash)
}

/// The RGBA pixels ThumbHash is computed from: the picture averaged down to fit
/// [`MAX_SIDE`] x [`MAX_SIDE`] (never enlarged), alpha composited onto `background` when there
/// is one. `None` for an empty or inconsistent buffer.
pub(crate) fn hash_input(
    pixels: &[u8],
    width: u32,
    height: u32,
    layout: PixelLayout,
    background: Option<[u8; 3]>,
) -> Option<(u32, u32, Vec<u8>)> {
    let channels = match layout {
        PixelLayout::Rgb => 3,
        PixelLayout::Rgba => 4,
        PixelLayout::Cmyk => return None,
    };
    if width == 0 || height == 0 || pixels.len() != width as usize * height as usize * channels {
        return None;
    }
    let (w, h) = crate::render::fit_box(width, height, MAX_SIDE, MAX_SIDE);
    let small = if (w, h) == (width, height) {
        pixels.to_vec()
    } else {
        let pixel_type = if channels == 3 {
            PixelType::U8x3
        } else {
            PixelType::U8x4
        };
        let src = ImageRef::new(width, height, pixels, pixel_type).ok()?;
        let mut dst = Image::new(w, h, pixel_type);
        let options = ResizeOptions::new()
            .resize_alg(ResizeAlg::Convolution(FilterType::Box))
            .use_alpha(channels == 4);
        Resizer::new().resize(&src, &mut dst, &options).ok()?;
        dst.into_vec()
    };
    let mut rgba = Vec::with_capacity(w as usize * h as usize * 4);
    for px in small.chunks_exact(channels) {
        let alpha = if channels == 4 { px[3] } else { 255 };
        match background {
            Some(bg) if alpha < 255 => {
                let a = u32::from(alpha);
                for c in 0..3 {
                    let v = (u32::from(px[c]) * a + u32::from(bg[c]) * (255 - a) + 127) / 255;
                    rgba.push(v as u8);
                }
                rgba.push(255);
            }
            _ => rgba.extend_from_slice(&[px[0], px[1], px[2], alpha]),
        }
    }
    Some((w, h, rgba))
}

/// JavaScript's `Math.round`: the nearest integer, ties towards positive infinity.
fn js_round(x: f64) -> f64 {
    if x - x.floor() == 0.5 {
        x.ceil()
    } else {
        x.round()
    }
}

/// `alpha = a / 255` of the reference for each 8-bit alpha, and `alpha / 255` (the weight of a
/// colour sample), computed at compile time with the same IEEE divisions the reference makes per
/// pixel: the same values, without two dependent divisions in every pixel's chain.
static ALPHA: [f64; 256] = alpha_table(false);
static ALPHA_OVER_255: [f64; 256] = alpha_table(true);

const fn alpha_table(over_255: bool) -> [f64; 256] {
    let mut table = [0.0; 256];
    let mut k = 0;
    while k < 256 {
        let alpha = k as f64 / 255.0;
        table[k] = if over_255 { alpha / 255.0 } else { alpha };
        k += 1;
    }
    table
}

/// The cosines of the reference's DCT, each computed with the reference's expression and
/// JavaScript's `Math.cos` (the platform's `cos` differs in the last bit for 3 % of them):
/// `x[x][cx] = cos(PI / w * cx * (x + 0.5))` and `y[y][cy] = cos(PI / h * cy * (y + 0.5))`.
struct CosTables {
    w: usize,
    h: usize,
    x: Cow<'static, [[f64; MAX_COEFFICIENTS]]>,
    y: Cow<'static, [[f64; MAX_COEFFICIENTS]]>,
}

/// One axis's cosines for a side of `len` pixels (1 to [`MAX_SIDE`]), computed once per process
/// and length: they depend on nothing else, and the 512 `cos` calls of a 32x32 picture were a
/// sixth of the encoder's time.
fn axis_cosines(len: usize) -> Cow<'static, [[f64; MAX_COEFFICIENTS]]> {
    use std::f64::consts::PI;
    use std::sync::OnceLock;
    const SIDES: usize = MAX_SIDE as usize + 1;
    static TABLES: [OnceLock<Vec<[f64; MAX_COEFFICIENTS]>>; SIDES] =
        [const { OnceLock::new() }; SIDES];
    let compute = || -> Vec<[f64; MAX_COEFFICIENTS]> {
        (0..len)
            .map(|i| {
                std::array::from_fn(|c| js_math::cos(PI / len as f64 * c as f64 * (i as f64 + 0.5)))
            })
            .collect()
    };
    match TABLES.get(len) {
        Some(table) => Cow::Borrowed(table.get_or_init(compute)),
        // Longer sides do not reach here (`hash_input` shrinks to MAX_SIDE); computed each time.
        None => Cow::Owned(compute()),
    }
}

impl CosTables {
    fn new(w: usize, h: usize) -> Self {
        Self {
            w,
            h,
            x: axis_cosines(w),
            y: axis_cosines(h),
        }
    }
}

/// `encodeChannel` of the reference: the DCT coefficients of one channel, visited row by row
/// (cy), and within a row cx = 0, 1, ... while `cx * ny < nx * (ny - cy)`. Each coefficient is
/// one running sum over the pixels in order, `f += channel * fx * fy`. The sums of one row are
/// independent of each other, so they are kept side by side (2, 4 or 8 lanes, the fewest that
/// hold the row) in one pass over the pixels: every sum sees the same operations in the same
/// order, bit for bit the reference's, but the additions no longer wait on one another.
fn encode_channel(channel: &[f64], cos: &CosTables, nx: usize, ny: usize) -> (f64, Vec<f64>, f64) {
    let (w, h) = (cos.w, cos.h);
    let (mut dc, mut ac, mut scale) = (0.0f64, Vec::new(), 0.0f64);
    for cy in 0..ny.min(MAX_COEFFICIENTS) {
        let row_len = (0usize..)
            .take_while(|cx| cx * ny < nx * (ny - cy))
            .count()
            .min(MAX_COEFFICIENTS);
        let mut sums = [0.0f64; MAX_COEFFICIENTS];
        match row_len {
            0..=2 => sums[..2].copy_from_slice(&row_sums::<2>(channel, cos, cy)),
            3..=4 => sums[..4].copy_from_slice(&row_sums::<4>(channel, cos, cy)),
            _ => sums = row_sums::<MAX_COEFFICIENTS>(channel, cos, cy),
        }
        for (cx, sum) in sums.into_iter().enumerate().take(row_len) {
            let f = sum / (w * h) as f64;
            if cx > 0 || cy > 0 {
                ac.push(f);
                scale = scale.max(f.abs());
            } else {
                dc = f;
            }
        }
    }
    if scale != 0.0 {
        for v in &mut ac {
            *v = 0.5 + 0.5 / scale * *v;
        }
    }
    (dc, ac, scale)
}

/// The running sums of coefficients `cx = 0..M` of row `cy`, in one pass over the pixels.
fn row_sums<const M: usize>(channel: &[f64], cos: &CosTables, cy: usize) -> [f64; M] {
    let mut sums = [0.0f64; M];
    for (line, fys) in channel.chunks_exact(cos.w).zip(cos.y.iter()) {
        let fy = fys[cy];
        for (&v, fx) in line.iter().zip(cos.x.iter()) {
            for (sum, &fx) in sums.iter_mut().zip(fx) {
                *sum += v * fx * fy;
            }
        }
    }
    sums
}

/// `rgbaToThumbHash` of the reference `thumbhash.js`, operation for operation. `w` and `h`
/// are at most [`MAX_SIDE`] ([`hash_input`] shrinks first; the cosines equal JavaScript's up to
/// 100); `rgba` holds `w * h` straight-alpha pixels.
fn rgba_to_thumb_hash(w: usize, h: usize, rgba: &[u8]) -> Vec<u8> {
    let n = w * h;
    let pixels = || rgba.chunks_exact(4).take(n);
    let (mut avg_r, mut avg_g, mut avg_b, mut avg_a) = (0.0f64, 0.0f64, 0.0f64, 0.0f64);
    for px in pixels() {
        let alpha = ALPHA[usize::from(px[3])];
        let weight = ALPHA_OVER_255[usize::from(px[3])];
        avg_r += weight * f64::from(px[0]);
        avg_g += weight * f64::from(px[1]);
        avg_b += weight * f64::from(px[2]);
        avg_a += alpha;
    }
    if avg_a != 0.0 {
        avg_r /= avg_a;
        avg_g /= avg_a;
        avg_b /= avg_a;
    }
    let has_alpha = avg_a < n as f64;
    let l_limit = if has_alpha { 5.0 } else { 7.0 };
    let max_side = w.max(h) as f64;
    let lx = js_round(l_limit * w as f64 / max_side).max(1.0) as usize;
    let ly = js_round(l_limit * h as f64 / max_side).max(1.0) as usize;
    let (mut l, mut p, mut q, mut a) = (vec![0.0; n], vec![0.0; n], vec![0.0; n], vec![0.0; n]);
    for ((((px, l), p), q), a) in pixels().zip(&mut l).zip(&mut p).zip(&mut q).zip(&mut a) {
        let alpha = ALPHA[usize::from(px[3])];
        let weight = ALPHA_OVER_255[usize::from(px[3])];
        let r = avg_r * (1.0 - alpha) + weight * f64::from(px[0]);
        let g = avg_g * (1.0 - alpha) + weight * f64::from(px[1]);
        let b = avg_b * (1.0 - alpha) + weight * f64::from(px[2]);
        *l = (r + g + b) / 3.0;
        *p = (r + g) / 2.0 - b;
        *q = r - g;
        *a = alpha;
    }
    let cos = CosTables::new(w, h);
    let (l_dc, l_ac, l_scale) = encode_channel(&l, &cos, lx.max(3), ly.max(3));
    let (p_dc, p_ac, p_scale) = encode_channel(&p, &cos, 3, 3);
    let (q_dc, q_ac, q_scale) = encode_channel(&q, &cos, 3, 3);
    let alpha_channel = has_alpha.then(|| encode_channel(&a, &cos, 5, 5));
    let is_landscape = w > h;
    let r = |x: f64| js_round(x) as i64;
    let header24: i64 = r(63.0 * l_dc)
        | (r(31.5 + 31.5 * p_dc) << 6)
        | (r(31.5 + 31.5 * q_dc) << 12)
        | (r(31.0 * l_scale) << 18)
        | (i64::from(has_alpha) << 23);
    let header16: i64 = (if is_landscape { ly } else { lx }) as i64
        | (r(63.0 * p_scale) << 3)
        | (r(63.0 * q_scale) << 9)
        | (i64::from(is_landscape) << 15);
    let mut hash: Vec<i64> = vec![
        header24 & 255,
        (header24 >> 8) & 255,
        header24 >> 16,
        header16 & 255,
        header16 >> 8,
    ];
    let ac_start = if has_alpha { 6 } else { 5 };
    if let Some((a_dc, _, a_scale)) = &alpha_channel {
        hash.push(r(15.0 * a_dc) | (r(15.0 * a_scale) << 4));
    }
    let mut ac_index = 0usize;
    let channels = [
        Some(&l_ac),
        Some(&p_ac),
        Some(&q_ac),
        alpha_channel.as_ref().map(|c| &c.1),
    ];
    for ac in channels.into_iter().flatten() {
        for &f in ac {
            let at = ac_start + (ac_index >> 1);
            if hash.len() <= at {
                hash.resize(at + 1, 0);
            }
            hash[at] |= r(15.0 * f) << ((ac_index & 1) << 2);
            ac_index += 1;
        }
    }
    // `new Uint8Array(hash)`: each value modulo 256.
    hash.into_iter().map(|v| v as u8).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounds_like_javascript() {
        assert_eq!(js_round(2.5), 3.0);
        assert_eq!(js_round(-2.5), -2.0);
        assert_eq!(js_round(0.49), 0.0);
        assert_eq!(js_round(-0.51), -1.0);
    }

    #[test]
    fn hashes_are_short_base64_and_follow_the_picture() {
        let red = [255u8, 0, 0].repeat(64 * 32);
        let blue = [0u8, 0, 255].repeat(64 * 32);
        let a = encode(&red, 64, 32, PixelLayout::Rgb, None);
        let b = encode(&blue, 64, 32, PixelLayout::Rgb, None);
        assert!(!a.is_empty() && a != b);
        assert!(a.len() <= 40, "{a}");
        // Larger pictures are averaged down first (to fit MAX_SIDE); still red.
        let big = [255u8, 0, 0].repeat(640 * 320);
        let hash = base64::engine::general_purpose::STANDARD
            .decode(encode(&big, 640, 320, PixelLayout::Rgb, None))
            .unwrap_or_default();
        // The header's DC terms: luminance (1+0+0)/3 → 21 of 63, yellow-blue 0.5 → 47 of 63,
        // red-green 1 → 63 of 63, and no alpha bit.
        let header = u32::from(hash[0]) | u32::from(hash[1]) << 8 | u32::from(hash[2]) << 16;
        assert_eq!(
            (
                header & 63,
                header >> 6 & 63,
                header >> 12 & 63,
                header >> 23
            ),
            (21, 47, 63, 0)
        );
        // Transparent pixels composited onto white for a JPEG: no alpha in the hash input.
        let clear = [0u8, 0, 0, 0].repeat(16);
        let (_, _, input) =
            hash_input(&clear, 4, 4, PixelLayout::Rgba, Some([255; 3])).unwrap_or_default();
        assert!(input.chunks(4).all(|p| p == [255, 255, 255, 255]));
        assert_eq!(encode(&[1, 2], 4, 4, PixelLayout::Rgb, None), "");
    }
}
