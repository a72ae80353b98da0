//! ThumbHash placeholders (<https://evanw.github.io/thumbhash/>): the picture the stage made,
//! shrunk to fit 100x100 (Lanczos3) and encoded by the reference author's `thumbhash` crate,
//! in standard base64 with padding (what the reference demo prints).

use base64::Engine as _;
use fast_image_resize::images::{Image, ImageRef};
use fast_image_resize::{FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer};

use crate::color::PixelLayout;

/// The largest side ThumbHash takes.
pub(crate) const MAX_SIDE: u32 = 100;

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
    let hash = thumbhash::rgba_to_thumb_hash(w as usize, h as usize, &rgba);
    base64::engine::general_purpose::STANDARD.encode(hash)
}

/// The RGBA pixels ThumbHash is computed from: the picture shrunk to fit 100x100 (never
/// enlarged), alpha composited onto `background` when there is one. `None` for an empty or
/// inconsistent buffer.
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
            .resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_short_base64_and_follow_the_picture() {
        let red = [255u8, 0, 0].repeat(64 * 32);
        let blue = [0u8, 0, 255].repeat(64 * 32);
        let a = encode(&red, 64, 32, PixelLayout::Rgb, None);
        let b = encode(&blue, 64, 32, PixelLayout::Rgb, None);
        assert!(!a.is_empty() && a != b);
        assert!(a.len() <= 40, "{a}");
        // Larger pictures are shrunk first, to the 100x100 ThumbHash takes; still red.
        let big = [255u8, 0, 0].repeat(640 * 320);
        let hash = base64::engine::general_purpose::STANDARD
            .decode(encode(&big, 640, 320, PixelLayout::Rgb, None))
            .unwrap_or_default();
        let (r, g, b, alpha) = thumbhash::thumb_hash_to_average_rgba(&hash).unwrap_or_default();
        assert!(
            r > 0.95 && g < 0.05 && b < 0.05 && alpha > 0.99,
            "{r} {g} {b} {alpha}"
        );
        // Transparent pixels composited onto white for a JPEG: no alpha in the hash input.
        let clear = [0u8, 0, 0, 0].repeat(16);
        let (_, _, input) =
            hash_input(&clear, 4, 4, PixelLayout::Rgba, Some([255; 3])).unwrap_or_default();
        assert!(input.chunks(4).all(|p| p == [255, 255, 255, 255]));
        assert_eq!(encode(&[1, 2], 4, 4, PixelLayout::Rgb, None), "");
    }
}
