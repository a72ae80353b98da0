//! One AV1 still frame decoded by `rav1d` (the Rust port of dav1d, built without its assembly:
//! pure Rust) through its C-style API, one thread, the frame size bounded.

use std::ptr::NonNull;

use rav1d::include::dav1d::data::Dav1dData;
use rav1d::include::dav1d::dav1d::{Dav1dContext, Dav1dSettings};
use rav1d::include::dav1d::headers::{
    DAV1D_PIXEL_LAYOUT_I400, DAV1D_PIXEL_LAYOUT_I420, DAV1D_PIXEL_LAYOUT_I422,
};
use rav1d::include::dav1d::picture::Dav1dPicture;
use rav1d::src::lib as dav1d;

use crate::error::ThumbnailError;

/// `DAV1D_ERR(EAGAIN)`.
const EAGAIN: i32 = -11;

/// A decoded frame: planes as 16-bit samples (whatever the bit depth), chroma subsampling, the
/// colour signalling of its sequence header.
pub(super) struct Frame {
    pub width: usize,
    pub height: usize,
    pub bit_depth: u32,
    /// Luma, then (unless monochrome) Cb and Cr at `chroma_width` x `chroma_height`.
    pub planes: Vec<Vec<u16>>,
    pub chroma_width: usize,
    pub chroma_height: usize,
    pub monochrome: bool,
    /// Matrix coefficients (ISO/IEC 23091-2 code) and full range, from the sequence header.
    pub matrix: u32,
    pub full_range: bool,
}

/// Owns the decoder, the input and the picture, releasing each on drop.
struct Session {
    context: Option<Dav1dContext>,
    data: Dav1dData,
    picture: Dav1dPicture,
}

impl Drop for Session {
    fn drop(&mut self) {
        // SAFETY: each was filled by dav1d (or is still its default, which unref accepts); the
        // context came from `dav1d_open` and is closed once.
        unsafe {
            dav1d::dav1d_picture_unref(NonNull::new(&mut self.picture));
            dav1d::dav1d_data_unref(NonNull::new(&mut self.data));
            if self.context.is_some() {
                dav1d::dav1d_close(NonNull::new(&mut self.context));
            }
        }
    }
}

/// Decodes the AV1 bitstream of one image item.
pub(super) fn decode(obus: &[u8], max_pixels: u64) -> Result<Frame, ThumbnailError> {
    let fail =
        |what: &str, code: i32| ThumbnailError::Invalid(format!("AV1 {what} failed ({code})"));
    let mut session = Session {
        context: None,
        data: Dav1dData::default(),
        picture: Dav1dPicture::default(),
    };
    let mut settings = std::mem::MaybeUninit::<Dav1dSettings>::uninit();
    // SAFETY: `dav1d_default_settings` writes a whole `Dav1dSettings` to the pointer.
    let mut settings = unsafe {
        dav1d::dav1d_default_settings(NonNull::new_unchecked(settings.as_mut_ptr()));
        settings.assume_init()
    };
    settings.n_threads = 1;
    settings.max_frame_delay = 1;
    settings.frame_size_limit = u32::try_from(max_pixels).unwrap_or(u32::MAX);
    // SAFETY: both pointers are to live locals.
    let r = unsafe {
        dav1d::dav1d_open(
            NonNull::new(&mut session.context),
            NonNull::new(&mut settings),
        )
    };
    if r.0 != 0 {
        return Err(fail("decoder setup", r.0));
    }
    // SAFETY: `dav1d_data_create` allocates `len` bytes owned by `session.data`.
    let buffer = unsafe { dav1d::dav1d_data_create(NonNull::new(&mut session.data), obus.len()) };
    if buffer.is_null() {
        return Err(fail("input allocation", -1));
    }
    // SAFETY: `buffer` has room for `obus.len()` bytes.
    unsafe { std::ptr::copy_nonoverlapping(obus.as_ptr(), buffer, obus.len()) };
    let context = session.context.ok_or_else(|| fail("decoder setup", -1))?;
    // SAFETY: the context is open; `data` is ours.
    let r = unsafe { dav1d::dav1d_send_data(Some(context), NonNull::new(&mut session.data)) };
    if r.0 != 0 && r.0 != EAGAIN {
        return Err(fail("bitstream", r.0));
    }
    let mut got = false;
    for _ in 0..64 {
        // SAFETY: as above; `picture` is ours to be written.
        let r =
            unsafe { dav1d::dav1d_get_picture(Some(context), NonNull::new(&mut session.picture)) };
        if r.0 == 0 {
            got = true;
            break;
        }
        if r.0 != EAGAIN {
            return Err(fail("decoding", r.0));
        }
        if session.data.sz > 0 {
            // SAFETY: as above.
            let r =
                unsafe { dav1d::dav1d_send_data(Some(context), NonNull::new(&mut session.data)) };
            if r.0 != 0 && r.0 != EAGAIN {
                return Err(fail("bitstream", r.0));
            }
        } else {
            break;
        }
    }
    if !got {
        return Err(ThumbnailError::Truncated(
            "AV1 data holds no whole frame".into(),
        ));
    }
    copy_frame(&session.picture)
}

fn copy_frame(p: &Dav1dPicture) -> Result<Frame, ThumbnailError> {
    let width = usize::try_from(p.p.w).unwrap_or(0);
    let height = usize::try_from(p.p.h).unwrap_or(0);
    let bit_depth = u32::try_from(p.p.bpc).unwrap_or(8);
    if width == 0 || height == 0 {
        return Err(ThumbnailError::Invalid("AV1 frame is empty".into()));
    }
    let (sx, sy, monochrome) = match p.p.layout {
        DAV1D_PIXEL_LAYOUT_I400 => (0, 0, true),
        DAV1D_PIXEL_LAYOUT_I420 => (1, 1, false),
        DAV1D_PIXEL_LAYOUT_I422 => (1, 0, false),
        _ => (0, 0, false),
    };
    let (chroma_width, chroma_height) = ((width + sx) >> sx, (height + sy) >> sy);
    let wide = bit_depth > 8;
    let plane =
        |index: usize, w: usize, h: usize, stride: isize| -> Result<Vec<u16>, ThumbnailError> {
            let ptr =
                p.data[index].ok_or_else(|| ThumbnailError::Invalid("AV1 plane missing".into()))?;
            let mut out = Vec::with_capacity(w * h);
            for y in 0..h {
                // SAFETY: dav1d's planes hold `h` rows of `stride` bytes, each with at least `w`
                // samples of 1 (8-bit) or 2 bytes.
                unsafe {
                    let row = ptr.as_ptr().cast::<u8>().offset(y as isize * stride);
                    if wide {
                        let row = row.cast::<u16>();
                        out.extend((0..w).map(|x| row.add(x).read_unaligned()));
                    } else {
                        out.extend((0..w).map(|x| u16::from(*row.add(x))));
                    }
                }
            }
            Ok(out)
        };
    let mut planes = vec![plane(0, width, height, p.stride[0])?];
    if !monochrome {
        planes.push(plane(1, chroma_width, chroma_height, p.stride[1])?);
        planes.push(plane(2, chroma_width, chroma_height, p.stride[1])?);
    }
    let (matrix, full_range) = match p.seq_hdr {
        // SAFETY: the sequence header lives as long as the picture.
        Some(h) => unsafe {
            let h = h.as_ref();
            (h.mtrx, h.color_range != 0)
        },
        None => (2, false),
    };
    Ok(Frame {
        width,
        height,
        bit_depth,
        planes,
        chroma_width,
        chroma_height,
        monochrome,
        matrix,
        full_range,
    })
}
