//! [`PerceptualHash`]: the 64-bit DCT hash of a picture (the classic pHash, as `imagehash.phash`
//! computes it): grey levels (ITU-R 601 luma), shrunk to 32x32 ignoring the aspect ratio
//! (Lanczos3), a 2-D DCT-II, the 8x8 lowest frequencies, and one bit per coefficient: set when
//! it is above their median. Recompression and resizing move few bits; a different picture
//! moves about half of them.

use std::fmt;
use std::str::FromStr;

/// A 64-bit perceptual hash. Printed (and parsed) as 16 lowercase hex digits, the first
/// coefficient in the top bit.
///
/// ```
/// use pipes_media_dedup::PerceptualHash;
/// let a: PerceptualHash = "f0f0f0f0f0f0f0f0".parse()?;
/// let b = PerceptualHash::from_bits(0xf0f0_f0f0_f0f0_f0f1);
/// assert_eq!(a.distance(b), 1);
/// assert_eq!(b.to_string(), "f0f0f0f0f0f0f0f1");
/// # Ok::<(), std::num::ParseIntError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PerceptualHash(u64);

impl PerceptualHash {
    /// The hash with these bits.
    pub fn from_bits(bits: u64) -> Self {
        Self(bits)
    }

    /// The bits.
    pub fn bits(self) -> u64 {
        self.0
    }

    /// The Hamming distance to `other`: how many of the 64 bits differ.
    pub fn distance(self, other: Self) -> u32 {
        (self.0 ^ other.0).count_ones()
    }

    /// The hash of a grey picture of `width` x `height` (one byte a pixel, row by row).
    /// `None` for an empty picture or a buffer of the wrong length.
    pub fn of_grey(grey: &[u8], width: u32, height: u32) -> Option<Self> {
        Self::analyse(grey, width, height).map(|(hash, _)| hash)
    }

    /// The hash of a grey picture and how many of its 64 bits are *unsteady*: their
    /// coefficient lies within half a grey level (of the 32x32 picture's cosine-weighted mean) of
    /// the median, so that
    /// recompression noise can flip them. A flat or nearly flat picture (a plain colour, a
    /// smooth gradient) has most bits unsteady, and its hash says little about it.
    pub fn analyse(grey: &[u8], width: u32, height: u32) -> Option<(Self, u32)> {
        if width == 0 || height == 0 || grey.len() != width as usize * height as usize {
            return None;
        }
        let image = image::GrayImage::from_raw(width, height, grey.to_vec())?;
        let small = image::imageops::resize(
            &image,
            N as u32,
            N as u32,
            image::imageops::FilterType::Lanczos3,
        );
        let pixels: Vec<f64> = small.into_raw().into_iter().map(f64::from).collect();
        let coefficients = dct_low(&pixels);
        let median = median(&coefficients);
        // An unnormalised coefficient is N*N times the mean of its cosine-weighted pixels.
        let margin = UNSTEADY_GREY * (N * N) as f64;
        let unsteady = coefficients
            .iter()
            .filter(|c| (*c - median).abs() < margin)
            .count() as u32;
        Some((Self(bits_of(&coefficients)), unsteady))
    }

    /// The hash of an RGB picture (3 bytes a pixel), through its ITU-R 601 luma.
    pub fn of_rgb(rgb: &[u8], width: u32, height: u32) -> Option<Self> {
        Self::analyse_rgb(rgb, width, height).map(|(hash, _)| hash)
    }

    /// [`PerceptualHash::analyse`] of an RGB picture, through its ITU-R 601 luma.
    pub fn analyse_rgb(rgb: &[u8], width: u32, height: u32) -> Option<(Self, u32)> {
        if rgb.len() != width as usize * height as usize * 3 {
            return None;
        }
        let grey: Vec<u8> = rgb
            .chunks_exact(3)
            .map(|p| {
                let l = u32::from(p[0]) * 299 + u32::from(p[1]) * 587 + u32::from(p[2]) * 114;
                ((l + 500) / 1000) as u8
            })
            .collect();
        Self::analyse(&grey, width, height)
    }
}

impl fmt::Display for PerceptualHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:016x}", self.0)
    }
}

impl FromStr for PerceptualHash {
    type Err = std::num::ParseIntError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        u64::from_str_radix(s, 16).map(Self)
    }
}

/// How close to the median (in grey levels of the 32x32 picture's cosine-weighted mean) a
/// coefficient must be for its bit to count as unsteady.
const UNSTEADY_GREY: f64 = 0.5;

/// The side of the shrunk picture.
const N: usize = 32;
/// The side of the block of low frequencies kept.
const K: usize = 8;

/// The `K` x `K` lowest-frequency coefficients of the 2-D DCT-II of an `N` x `N` picture,
/// row by row (unnormalised, as `scipy.fftpack.dct`: scale does not change which are above
/// the median).
fn dct_low(pixels: &[f64]) -> [f64; K * K] {
    let mut cos = [[0.0f64; N]; K];
    for (k, row) in cos.iter_mut().enumerate() {
        for (n, c) in row.iter_mut().enumerate() {
            *c = (std::f64::consts::PI * k as f64 * (2 * n + 1) as f64 / (2 * N) as f64).cos();
        }
    }
    // Along the rows first (kept to K frequencies), then down the columns.
    let mut rows = [[0.0f64; K]; N];
    for (y, row) in rows.iter_mut().enumerate() {
        for (u, out) in row.iter_mut().enumerate() {
            *out = (0..N).map(|x| pixels[y * N + x] * cos[u][x]).sum();
        }
    }
    let mut out = [0.0f64; K * K];
    for v in 0..K {
        for u in 0..K {
            out[v * K + u] = (0..N).map(|y| rows[y][u] * cos[v][y]).sum();
        }
    }
    out
}

fn median(coefficients: &[f64; K * K]) -> f64 {
    let mut sorted = *coefficients;
    sorted.sort_by(f64::total_cmp);
    (sorted[K * K / 2 - 1] + sorted[K * K / 2]) / 2.0
}

fn bits_of(coefficients: &[f64; K * K]) -> u64 {
    let median = median(coefficients);
    coefficients
        .iter()
        .fold(0u64, |acc, &c| (acc << 1) | u64::from(c > median))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gradient(w: u32, h: u32, phase: u32) -> Vec<u8> {
        (0..h)
            .flat_map(|y| (0..w).map(move |x| ((x * 255 / w + y * 97 / h + phase) % 256) as u8))
            .collect()
    }

    #[test]
    fn resizing_keeps_the_hash_close_and_other_pictures_are_far() {
        let big =
            PerceptualHash::of_grey(&gradient(640, 480, 0), 640, 480).unwrap_or(PerceptualHash(0));
        let small =
            PerceptualHash::of_grey(&gradient(320, 240, 0), 320, 240).unwrap_or(PerceptualHash(0));
        assert!(big.distance(small) <= 4, "{big} {small}");
        let other = PerceptualHash::of_grey(&gradient(640, 480, 128), 640, 480)
            .unwrap_or(PerceptualHash(0));
        assert!(big.distance(other) >= 16, "{big} {other}");
        // About half the bits are set: the median splits the coefficients.
        assert!((24..=40).contains(&big.bits().count_ones()));
        assert_eq!(PerceptualHash::of_grey(&[1, 2], 3, 1), None);
        assert_eq!(
            "00000000000000ff"
                .parse::<PerceptualHash>()
                .map(|h| h.bits()),
            Ok(255)
        );
    }

    #[test]
    fn the_dct_of_a_flat_picture_is_all_dc() {
        let c = dct_low(&[10.0; N * N]);
        assert!((c[0] - 10.0 * (N * N) as f64).abs() < 1e-6);
        assert!(c[1..].iter().all(|v| v.abs() < 1e-6));
    }
}
