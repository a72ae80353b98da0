//! Colour: embedded ICC profiles converted to sRGB (with `moxcms`, already in the tree through
//! `image`), CMYK turned into RGB, alpha composited for JPEG output.

use moxcms::{ColorProfile, DataColorSpace, Layout, ProfileText, TransformOptions};

/// How the pixels of a decoded image are laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PixelLayout {
    /// 3 bytes per pixel.
    Rgb,
    /// 4 bytes per pixel, straight (not premultiplied) alpha.
    Rgba,
    /// 4 bytes per pixel, amount of ink (0 = none).
    Cmyk,
}

impl PixelLayout {
    pub(crate) fn channels(self) -> usize {
        match self {
            Self::Rgb => 3,
            Self::Rgba | Self::Cmyk => 4,
        }
    }
}

/// What happened to an embedded profile.
#[derive(Debug, Clone, Default)]
pub(crate) struct ProfileOutcome {
    /// The profile's description, `"embedded"` when it has none, `None` without a profile.
    pub description: Option<String>,
    /// Whether the pixels were converted from the profile to sRGB.
    pub converted: bool,
}

/// The description of an ICC profile (its `desc` tag), if it parses.
fn describe(profile: &ColorProfile) -> Option<String> {
    match profile.description.as_ref()? {
        ProfileText::PlainString(s) => Some(s.clone()),
        ProfileText::Localizable(list) => list.first().map(|l| l.value.clone()),
        ProfileText::Description(d) => Some(d.ascii_string.clone()),
    }
    .map(|s| s.trim_end_matches('\0').trim().to_owned())
    .filter(|s| !s.is_empty())
}

/// Converts `pixels` (in `layout`) from the embedded profile `icc` to sRGB, returning the new
/// pixels (RGB or RGBA; CMYK becomes RGB) and what was done. Without a usable profile the
/// pixels are returned unchanged (CMYK converted naively) and the outcome says so.
pub(crate) fn to_srgb(
    pixels: Vec<u8>,
    layout: PixelLayout,
    icc: Option<&[u8]>,
) -> (Vec<u8>, PixelLayout, ProfileOutcome) {
    let Some(icc) = icc else {
        return naive(pixels, layout, ProfileOutcome::default());
    };
    let profile = match ColorProfile::new_from_slice(icc) {
        Ok(p) => p,
        Err(e) => {
            tracing::warn!(error = %e, "embedded ICC profile does not parse; colours left as stored");
            let outcome = ProfileOutcome {
                description: Some("embedded (unreadable)".to_owned()),
                converted: false,
            };
            return naive(pixels, layout, outcome);
        }
    };
    let description = describe(&profile).unwrap_or_else(|| "embedded".to_owned());
    let mut outcome = ProfileOutcome {
        description: Some(description.clone()),
        converted: false,
    };
    let (src_layout, dst_layout, out_layout) = match (layout, profile.color_space) {
        (PixelLayout::Rgb, DataColorSpace::Rgb) => (Layout::Rgb, Layout::Rgb, PixelLayout::Rgb),
        (PixelLayout::Rgba, DataColorSpace::Rgb) => (Layout::Rgba, Layout::Rgba, PixelLayout::Rgba),
        (PixelLayout::Cmyk, DataColorSpace::Cmyk) => (Layout::Rgba, Layout::Rgb, PixelLayout::Rgb),
        // A grey profile on grey pixels (already expanded to RGB) or a mismatch: leave as is.
        _ => return naive(pixels, layout, outcome),
    };
    if layout != PixelLayout::Cmyk && description.to_ascii_lowercase().contains("srgb") {
        // Already sRGB: converting would change nothing.
        return (pixels, layout, outcome);
    }
    let srgb = ColorProfile::new_srgb();
    let transform = match profile.create_transform_8bit(
        src_layout,
        &srgb,
        dst_layout,
        TransformOptions::default(),
    ) {
        Ok(t) => t,
        Err(e) => {
            tracing::warn!(error = %e, profile = %description, "no transform to sRGB; colours left as stored");
            return naive(pixels, layout, outcome);
        }
    };
    let pixel_count = pixels.len() / layout.channels();
    let mut out = vec![0u8; pixel_count * out_layout.channels()];
    match transform.transform(&pixels, &mut out) {
        Ok(()) => {
            outcome.converted = true;
            (out, out_layout, outcome)
        }
        Err(e) => {
            tracing::warn!(error = %e, profile = %description, "ICC transform failed; colours left as stored");
            naive(pixels, layout, outcome)
        }
    }
}

/// No profile conversion; CMYK still has to become RGB.
fn naive(
    pixels: Vec<u8>,
    layout: PixelLayout,
    outcome: ProfileOutcome,
) -> (Vec<u8>, PixelLayout, ProfileOutcome) {
    if layout == PixelLayout::Cmyk {
        (cmyk_to_rgb(&pixels), PixelLayout::Rgb, outcome)
    } else {
        (pixels, layout, outcome)
    }
}

/// Naive CMYK (ink amounts) to RGB: `R = (255 - C) * (255 - K) / 255`.
pub(crate) fn cmyk_to_rgb(cmyk: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(cmyk.len() / 4 * 3);
    for px in cmyk.chunks_exact(4) {
        if let [c, m, y, k] = *px {
            let white = 255 - u32::from(k);
            for ink in [c, m, y] {
                out.push((((255 - u32::from(ink)) * white + 127) / 255) as u8);
            }
        }
    }
    out
}

/// Composites straight-alpha RGBA onto `background`, giving RGB.
pub(crate) fn flatten(rgba: &[u8], background: [u8; 3]) -> Vec<u8> {
    let mut out = Vec::with_capacity(rgba.len() / 4 * 3);
    for px in rgba.chunks_exact(4) {
        if let [r, g, b, a] = *px {
            let a = u32::from(a);
            for (c, bg) in [r, g, b].into_iter().zip(background) {
                out.push(((u32::from(c) * a + u32::from(bg) * (255 - a) + 127) / 255) as u8);
            }
        }
    }
    out
}

/// Whether every pixel of straight-alpha RGBA is opaque.
pub(crate) fn is_opaque(rgba: &[u8]) -> bool {
    rgba.chunks_exact(4).all(|px| px.get(3) == Some(&255))
}

/// Drops the alpha channel of RGBA.
pub(crate) fn drop_alpha(rgba: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(rgba.len() / 4 * 3);
    for px in rgba.chunks_exact(4) {
        out.extend_from_slice(px.get(..3).unwrap_or(&[0, 0, 0]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cmyk_and_alpha() {
        assert_eq!(cmyk_to_rgb(&[0, 0, 0, 0]), vec![255, 255, 255]);
        assert_eq!(cmyk_to_rgb(&[255, 0, 0, 0]), vec![0, 255, 255]);
        assert_eq!(cmyk_to_rgb(&[0, 0, 0, 255]), vec![0, 0, 0]);
        assert_eq!(flatten(&[0, 0, 0, 0], [255, 255, 255]), vec![255, 255, 255]);
        assert_eq!(
            flatten(&[10, 20, 30, 255], [255, 255, 255]),
            vec![10, 20, 30]
        );
        assert_eq!(
            flatten(&[0, 0, 0, 128], [255, 255, 255]),
            vec![127, 127, 127]
        );
        assert!(is_opaque(&[1, 2, 3, 255]));
        assert!(!is_opaque(&[1, 2, 3, 254]));
    }

    #[test]
    fn srgb_profile_converts_to_itself() {
        let srgb = ColorProfile::new_srgb();
        let icc = srgb.encode().unwrap_or_default();
        let (out, layout, outcome) = to_srgb(vec![200, 100, 50], PixelLayout::Rgb, Some(&icc));
        assert_eq!(layout, PixelLayout::Rgb);
        assert!(outcome.description.is_some());
        for (a, b) in out.iter().zip([200u8, 100, 50]) {
            assert!(a.abs_diff(b) <= 2, "{out:?}");
        }
    }
}
