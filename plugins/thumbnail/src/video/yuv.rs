//! 4:2:0 pictures to RGB at the thumbnail's size: each plane is resized on its own (Lanczos3,
//! as swscale scales before it converts), then converted with the stream's matrix and range.

use fast_image_resize::images::{Image, ImageRef};
use fast_image_resize::{FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer};

use crate::video::error::VideoError;

/// The YCbCr → RGB matrix (ITU-T H.273 `matrix_coefficients`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Matrix {
    /// BT.601 (also what an untagged stream gets, as in ffmpeg).
    #[default]
    Bt601,
    /// BT.709 (HD, and what phones tag).
    Bt709,
    /// BT.2020 non-constant luminance.
    Bt2020,
}

impl Matrix {
    /// The matrix of an H.273 `matrix_coefficients` value; unknown and unspecified values
    /// give BT.601.
    pub(crate) fn from_h273(value: u8) -> Self {
        match value {
            1 => Self::Bt709,
            9 | 10 => Self::Bt2020,
            _ => Self::Bt601,
        }
    }

    /// `(Kr, Kb)`.
    fn constants(self) -> (f32, f32) {
        match self {
            Self::Bt601 => (0.299, 0.114),
            Self::Bt709 => (0.2126, 0.0722),
            Self::Bt2020 => (0.2627, 0.0593),
        }
    }
}

/// How a stream's samples map to colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct ColorInfo {
    pub matrix: Matrix,
    /// Full range (0-255) instead of studio range (16-235 luma, 16-240 chroma).
    pub full_range: bool,
}

/// A decoded 4:2:0 picture, borrowed from the decoder.
pub(crate) struct YuvView<'a> {
    pub width: usize,
    pub height: usize,
    pub y: &'a [u8],
    pub u: &'a [u8],
    pub v: &'a [u8],
    pub y_stride: usize,
    pub c_stride: usize,
}

/// An owned 4:2:0 picture with tight rows (kept while later frames are decoded).
#[derive(Debug, Clone)]
pub(crate) struct YuvFrame {
    pub width: u32,
    pub height: u32,
    pub y: Vec<u8>,
    pub u: Vec<u8>,
    pub v: Vec<u8>,
}

impl YuvFrame {
    /// Copies a borrowed picture, dropping the row padding; rows the decoder did not provide
    /// stay black.
    pub(crate) fn copy(view: &YuvView<'_>) -> Self {
        let (w, h) = (view.width, view.height);
        let (cw, ch) = (w.div_ceil(2), h.div_ceil(2));
        Self {
            width: w as u32,
            height: h as u32,
            y: tight(view.y, view.y_stride, w, h, 0),
            u: tight(view.u, view.c_stride, cw, ch, 128),
            v: tight(view.v, view.c_stride, cw, ch, 128),
        }
    }

    /// The picture resized to `to_w` x `to_h` and converted to RGB (3 bytes a pixel).
    pub(crate) fn to_rgb(
        &self,
        to_w: u32,
        to_h: u32,
        color: ColorInfo,
    ) -> Result<Vec<u8>, VideoError> {
        let (cw, ch) = (self.width.div_ceil(2), self.height.div_ceil(2));
        let y = resize_plane(&self.y, self.width, self.height, to_w, to_h)?;
        let u = resize_plane(&self.u, cw, ch, to_w, to_h)?;
        let v = resize_plane(&self.v, cw, ch, to_w, to_h)?;
        Ok(convert(&y, &u, &v, color))
    }
}

fn tight(plane: &[u8], stride: usize, width: usize, height: usize, fill: u8) -> Vec<u8> {
    let mut out = vec![fill; width * height];
    for (row, dst) in out.chunks_exact_mut(width.max(1)).enumerate() {
        if let Some(src) = plane.get(row * stride..row * stride + width) {
            dst.copy_from_slice(src);
        }
    }
    out
}

fn resize_plane(plane: &[u8], w: u32, h: u32, to_w: u32, to_h: u32) -> Result<Vec<u8>, VideoError> {
    if (w, h) == (to_w, to_h) {
        return Ok(plane.to_vec());
    }
    let src = ImageRef::new(w, h, plane, PixelType::U8)
        .map_err(|e| VideoError::Decode(format!("plane of {w}x{h}: {e}")))?;
    let mut dst = Image::new(to_w, to_h, PixelType::U8);
    let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3));
    Resizer::new()
        .resize(&src, &mut dst, &options)
        .map_err(|e| VideoError::Decode(format!("resizing a plane: {e}")))?;
    Ok(dst.into_vec())
}

/// Converts same-size Y, Cb and Cr planes to interleaved RGB.
pub(crate) fn convert(y: &[u8], u: &[u8], v: &[u8], color: ColorInfo) -> Vec<u8> {
    let (kr, kb) = color.matrix.constants();
    let kg = 1.0 - kr - kb;
    let (y_off, y_scale, c_scale) = if color.full_range {
        (0.0, 1.0, 1.0)
    } else {
        (16.0, 255.0 / 219.0, 255.0 / 224.0)
    };
    let cr_r = 2.0 * (1.0 - kr) * c_scale;
    let cb_b = 2.0 * (1.0 - kb) * c_scale;
    let cb_g = 2.0 * kb * (1.0 - kb) / kg * c_scale;
    let cr_g = 2.0 * kr * (1.0 - kr) / kg * c_scale;
    let mut out = Vec::with_capacity(y.len() * 3);
    for ((&l, &cb), &cr) in y.iter().zip(u).zip(v) {
        let l = (f32::from(l) - y_off) * y_scale;
        let cb = f32::from(cb) - 128.0;
        let cr = f32::from(cr) - 128.0;
        let px = [l + cr_r * cr, l - cb_g * cb - cr_g * cr, l + cb_b * cb];
        out.extend(px.map(|c| c.round().clamp(0.0, 255.0) as u8));
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn studio_range_bt601_primaries() {
        let color = ColorInfo::default();
        // Black, white, and BT.601 red (Y 81, Cb 90, Cr 240).
        assert_eq!(convert(&[16], &[128], &[128], color), [0, 0, 0]);
        assert_eq!(convert(&[235], &[128], &[128], color), [255, 255, 255]);
        let red = convert(&[81], &[90], &[240], color);
        assert!(red[0] >= 253 && red[1] <= 2 && red[2] <= 2, "{red:?}");
        // BT.709 red is Y 63, Cb 102, Cr 240.
        let bt709 = ColorInfo {
            matrix: Matrix::Bt709,
            full_range: false,
        };
        let red = convert(&[63], &[102], &[240], bt709);
        assert!(red[0] >= 253 && red[1] <= 2 && red[2] <= 2, "{red:?}");
        let full = ColorInfo {
            matrix: Matrix::Bt601,
            full_range: true,
        };
        assert_eq!(convert(&[255], &[128], &[128], full), [255, 255, 255]);
    }

    #[test]
    fn copies_padded_planes_and_resizes() {
        // 4x2 luma with stride 6, chroma 2x1 with stride 4.
        let view = YuvView {
            width: 4,
            height: 2,
            y: &[16, 16, 235, 235, 0, 0, 16, 16, 235, 235, 0, 0],
            u: &[128, 128, 0, 0],
            v: &[128, 128, 0, 0],
            y_stride: 6,
            c_stride: 4,
        };
        let frame = YuvFrame::copy(&view);
        assert_eq!(frame.y, [16, 16, 235, 235, 16, 16, 235, 235]);
        let rgb = frame.to_rgb(4, 2, ColorInfo::default()).unwrap();
        assert_eq!(&rgb[..3], &[0, 0, 0]);
        assert_eq!(&rgb[9..12], &[255, 255, 255]);
        assert_eq!(frame.to_rgb(2, 1, ColorInfo::default()).unwrap().len(), 6);
    }
}
