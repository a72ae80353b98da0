//! JPEG decoding with libjpeg-turbo's DCT scaling (through `mozjpeg-sys`, compiled by `cc`):
//! a 6000x4000 photo is decoded straight to 750x500 when the box is 320x320, which skips most of
//! the inverse DCT, upsampling and colour conversion work.
//!
//! libjpeg reports fatal errors through an `error_exit` callback that must not return. Ours
//! unwinds with [`std::panic::resume_unwind`] (no panic hook, no message on stderr) through the C
//! code, which `mozjpeg-sys` compiles with `-fexceptions` for exactly this, and
//! [`decode`] turns the unwind back into a [`ThumbnailError`]. The decompressor is destroyed by a
//! drop guard on both paths.

use std::ffi::CStr;
use std::os::raw::{c_int, c_long, c_ulong};
use std::panic::{catch_unwind, resume_unwind, AssertUnwindSafe};

use mozjpeg_sys as ffi;

use crate::color::PixelLayout;
use crate::error::ThumbnailError;

/// Most progressive scans a file may have; more is a "scan bomb" (libjpeg-turbo's own tools
/// use a limit of this order).
const MAX_SCANS: c_int = 500;

/// What the header says, before any pixel is decoded.
#[derive(Debug, Clone)]
pub(crate) struct JpegInfo {
    pub width: u32,
    pub height: u32,
    /// The embedded ICC profile, reassembled from its APP2 chunks.
    pub icc: Option<Vec<u8>>,
}

/// Decoded pixels, already scaled by the DCT: RGB, or CMYK as amounts of ink.
pub(crate) struct JpegPixels {
    pub data: Vec<u8>,
    pub layout: PixelLayout,
    pub width: u32,
    pub height: u32,
}

/// Limits checked between the header and the first pixel.
pub(crate) struct JpegLimits {
    pub max_pixels: u64,
    pub max_decode_bytes: u64,
}

/// Decodes `data`, letting `choose_eighths` pick the DCT scale from the header: `M` in 1..=8
/// decodes at `M/8` of the stored size (libjpeg rounds up). Checks the limits before decoding.
pub(crate) fn decode(
    data: &[u8],
    limits: &JpegLimits,
    choose_eighths: impl FnOnce(&JpegInfo) -> u32,
) -> Result<(JpegInfo, JpegPixels), ThumbnailError> {
    let len = c_ulong::try_from(data.len())
        .map_err(|_| ThumbnailError::Invalid("file too large for libjpeg".into()))?;
    match catch_unwind(AssertUnwindSafe(|| {
        // SAFETY: `decode_inner` keeps every pointer it hands to libjpeg alive for the call.
        unsafe { decode_inner(data, len, limits, choose_eighths, false) }
    })) {
        Ok(result) => result,
        Err(payload) => match payload.downcast::<Abort>() {
            Ok(abort) => Err(abort.into_error(limits.max_decode_bytes)),
            Err(other) => resume_unwind(other),
        },
    }
}

/// Decodes a whole JPEG stream at full size (a TIFF strip or tile, an old-style JPEG TIFF):
/// RGB, or CMYK as ink amounts. `assume_rgb` says three components are RGB rather than YCbCr
/// (TIFF's photometric RGB), whatever markers the stream has.
pub(crate) fn decode_stream(
    data: &[u8],
    max_decode_bytes: u64,
    assume_rgb: bool,
) -> Result<JpegPixels, ThumbnailError> {
    let limits = JpegLimits {
        max_pixels: u64::MAX,
        max_decode_bytes,
    };
    let len = c_ulong::try_from(data.len())
        .map_err(|_| ThumbnailError::Invalid("file too large for libjpeg".into()))?;
    match catch_unwind(AssertUnwindSafe(|| {
        // SAFETY: as in `decode`.
        unsafe { decode_inner(data, len, &limits, |_| 8, assume_rgb) }
    })) {
        Ok(result) => result.map(|(_, pixels)| pixels),
        Err(payload) => match payload.downcast::<Abort>() {
            Ok(abort) => Err(abort.into_error(max_decode_bytes)),
            Err(other) => resume_unwind(other),
        },
    }
}

/// The payload our `error_exit` unwinds with.
struct Abort {
    code: c_int,
    message: String,
}

impl Abort {
    fn into_error(self, limit: u64) -> ThumbnailError {
        match self.code {
            ffi::JWRN_JPEG_EOF | ffi::JWRN_HIT_MARKER => ThumbnailError::Truncated(self.message),
            ffi::JERR_OUT_OF_MEMORY | ffi::JERR_NO_BACKING_STORE => ThumbnailError::TooMuchMemory {
                needed: limit.saturating_add(1),
                limit,
            },
            _ => ThumbnailError::Invalid(format!("libjpeg: {}", self.message)),
        }
    }
}

/// The decompressor and the structures it points to, boxed together so their addresses are
/// stable; dropping it destroys the decompressor.
struct Decompressor {
    cinfo: ffi::jpeg_decompress_struct,
    err: ffi::jpeg_error_mgr,
    progress: ffi::jpeg_progress_mgr,
    created: bool,
}

impl Drop for Decompressor {
    fn drop(&mut self) {
        if self.created {
            // SAFETY: created by `jpeg_create_decompress` and not destroyed yet.
            unsafe { ffi::jpeg_destroy_decompress(&mut self.cinfo) };
        }
    }
}

unsafe fn decode_inner(
    data: &[u8],
    len: c_ulong,
    limits: &JpegLimits,
    choose_eighths: impl FnOnce(&JpegInfo) -> u32,
    assume_rgb: bool,
) -> Result<(JpegInfo, JpegPixels), ThumbnailError> {
    // SAFETY: all-zero is a valid initial state for these plain C structs (the crate's own
    // wrappers start from `mem::zeroed` as well).
    let mut d: Box<Decompressor> = Box::new(unsafe { std::mem::zeroed() });
    let d = &mut *d;
    // SAFETY: `err` lives in the same box as `cinfo`.
    unsafe {
        ffi::jpeg_std_error(&mut d.err);
    }
    d.err.error_exit = Some(error_exit);
    d.err.emit_message = Some(emit_message);
    d.err.output_message = Some(output_message);
    d.cinfo.common.err = &mut d.err;
    // SAFETY: `cinfo.common.err` is set, as the API requires before creation.
    unsafe { ffi::jpeg_create_decompress(&mut d.cinfo) };
    d.created = true;
    d.progress.progress_monitor = Some(progress_monitor);
    d.cinfo.common.progress = &mut d.progress;
    // SAFETY: `mem` is set up by creation.
    if let Some(mem) = unsafe { d.cinfo.common.mem.as_mut() } {
        mem.max_memory_to_use = c_long::try_from(limits.max_decode_bytes).unwrap_or(c_long::MAX);
    }
    // SAFETY: `data` outlives the decompressor (both end in this function).
    unsafe {
        ffi::jpeg_mem_src(&mut d.cinfo, data.as_ptr(), len);
        ffi::jpeg_read_header(&mut d.cinfo, 1);
    }

    let width = d.cinfo.image_width;
    let height = d.cinfo.image_height;
    let pixels = u64::from(width) * u64::from(height);
    if pixels > limits.max_pixels {
        return Err(ThumbnailError::TooManyPixels {
            width: width.into(),
            height: height.into(),
            limit: limits.max_pixels,
        });
    }
    // Markers are read here rather than saved by libjpeg: some files carry megabytes of XMP in
    // APP1 segments, which libjpeg would copy byte by byte.
    let markers = scan_markers(data);
    let icc = markers.icc;
    if assume_rgb && d.cinfo.num_components == 3 {
        d.cinfo.jpeg_color_space = ffi::JCS_RGB;
    }
    let cmyk = matches!(d.cinfo.jpeg_color_space, ffi::JCS_CMYK | ffi::JCS_YCCK);
    let info = JpegInfo { width, height, icc };
    let eighths = choose_eighths(&info).clamp(1, 8);
    d.cinfo.scale_num = eighths;
    d.cinfo.scale_denom = 8;
    d.cinfo.out_color_space = if cmyk { ffi::JCS_CMYK } else { ffi::JCS_RGB };
    // SAFETY: header read; computes output_width/height/components.
    unsafe { ffi::jpeg_calc_output_dimensions(&mut d.cinfo) };
    let out_w = d.cinfo.output_width as usize;
    let out_h = d.cinfo.output_height as usize;
    let comps = usize::try_from(d.cinfo.output_components).unwrap_or(0);
    if out_w == 0 || out_h == 0 || !(comps == 3 || comps == 4) {
        return Err(ThumbnailError::Invalid(format!(
            "unexpected output {out_w}x{out_h}x{comps}"
        )));
    }
    let row_bytes = out_w * comps;
    let out_bytes = row_bytes as u64 * out_h as u64;
    // The output buffer is ours; libjpeg's own allocations (the whole-image coefficient buffer
    // of a progressive file) are bounded through `max_memory_to_use` above.
    let needed = out_bytes;
    if needed > limits.max_decode_bytes {
        return Err(ThumbnailError::TooMuchMemory {
            needed,
            limit: limits.max_decode_bytes,
        });
    }
    let mut buffer = vec![0u8; out_w * out_h * comps];
    // At 1/8 scale only the DC coefficient of each block is used. A progressive file sends all
    // DC coefficients in its first scan(s): read those, render, and skip the AC scans (most of
    // the file). The pixels are the same as after a full decode.
    // SAFETY: header read.
    let dc_only = eighths == 1 && unsafe { ffi::jpeg_has_multiple_scans(&d.cinfo) } != 0;
    if dc_only {
        d.cinfo.buffered_image = 1;
        d.cinfo.do_block_smoothing = 0;
    }
    // SAFETY: parameters set; output buffers below match output_width x output_components.
    unsafe { ffi::jpeg_start_decompress(&mut d.cinfo) };
    if dc_only {
        // SAFETY: buffered-image mode was selected above, so input is consumed scan by scan.
        unsafe { consume_until_dc_complete(&mut d.cinfo)? };
        let scan = d.cinfo.input_scan_number;
        // SAFETY: in buffered-image mode, after input was consumed.
        unsafe { ffi::jpeg_start_output(&mut d.cinfo, scan) };
    }
    read_scanlines(&mut d.cinfo, &mut buffer, row_bytes, out_h)?;
    if dc_only {
        // The rest of the file is never read; dropping the decompressor aborts it.
        // SAFETY: all scanlines of this output pass read.
        unsafe { ffi::jpeg_finish_output(&mut d.cinfo) };
    } else {
        // SAFETY: all scanlines read.
        unsafe { ffi::jpeg_finish_decompress(&mut d.cinfo) };
    }

    let layout = if comps == 4 {
        if markers.adobe {
            buffer.iter_mut().for_each(|v| *v = 255 - *v);
        }
        PixelLayout::Cmyk
    } else {
        PixelLayout::Rgb
    };
    Ok((
        info,
        JpegPixels {
            data: buffer,
            layout,
            width: d.cinfo.output_width,
            height: d.cinfo.output_height,
        },
    ))
}

/// Reads every scanline of the current output pass into `buffer`.
fn read_scanlines(
    cinfo: &mut ffi::jpeg_decompress_struct,
    buffer: &mut [u8],
    row_bytes: usize,
    out_h: usize,
) -> Result<(), ThumbnailError> {
    while (cinfo.output_scanline as usize) < out_h {
        let start = cinfo.output_scanline as usize * row_bytes;
        let Some(rows) = buffer.get_mut(start..) else {
            break;
        };
        let mut pointers: [*mut u8; 4] = [std::ptr::null_mut(); 4];
        let mut count = 0;
        for (slot, row) in pointers.iter_mut().zip(rows.chunks_exact_mut(row_bytes)) {
            *slot = row.as_mut_ptr();
            count += 1;
        }
        // SAFETY: `count` row pointers, each to `row_bytes` writable bytes inside `buffer`, and
        // `row_bytes` is output_width x output_components.
        let read = unsafe { ffi::jpeg_read_scanlines(cinfo, pointers.as_mut_ptr(), count) };
        if read == 0 {
            return Err(ThumbnailError::Truncated("no more scanlines".into()));
        }
    }
    Ok(())
}

/// Consumes scans until every component's DC coefficients are final (or the image ends).
///
/// # Safety
/// `cinfo` is a decompressor in buffered-image mode, after `jpeg_start_decompress`.
unsafe fn consume_until_dc_complete(
    cinfo: &mut ffi::jpeg_decompress_struct,
) -> Result<(), ThumbnailError> {
    const SUSPENDED: c_int = 0;
    const REACHED_EOI: c_int = 2;
    const SCAN_COMPLETED: c_int = 4;
    let components = usize::try_from(cinfo.num_components).unwrap_or(0);
    loop {
        // SAFETY: as the caller promised.
        match unsafe { ffi::jpeg_consume_input(cinfo) } {
            REACHED_EOI => return Ok(()),
            SUSPENDED => return Err(ThumbnailError::Truncated("input ended".into())),
            SCAN_COMPLETED => {
                let bits = cinfo.coef_bits as *const [c_int; 64];
                if bits.is_null() {
                    continue; // sequential multi-scan: every scan is needed
                }
                // SAFETY: for a progressive file `coef_bits` points to one [int; 64] per
                // component; entry 0 is the DC coefficient's remaining shift (-1 unknown).
                let dc_done = (0..components).all(|c| unsafe { (*bits.add(c))[0] } == 0);
                if dc_done {
                    return Ok(());
                }
            }
            _ => {}
        }
    }
}

/// What the header segments before the first scan say.
#[derive(Debug, Default)]
struct Markers {
    /// The ICC profile, reassembled from its APP2 chunks.
    icc: Option<Vec<u8>>,
    /// Whether an Adobe APP14 segment is present (CMYK stored inverted, Photoshop's habit).
    adobe: bool,
}

/// Picks the ICC profile (APP2) and the Adobe segment (APP14) out of the header segments.
/// (EXIF and XMP are read by the `meta` module.)
fn scan_markers(data: &[u8]) -> Markers {
    let mut found = Markers::default();
    let mut icc_chunks: Vec<(u8, &[u8])> = Vec::new();
    for (marker, body) in crate::meta::jpeg_segments(data) {
        let body = &data[body];
        match marker {
            0xE2 => {
                if let Some(rest) = body.strip_prefix(b"ICC_PROFILE\0") {
                    if let (Some(&seq), Some(chunk)) = (rest.first(), rest.get(2..)) {
                        icc_chunks.push((seq, chunk));
                    }
                }
            }
            0xEE if body.starts_with(b"Adobe") => found.adobe = true,
            _ => {}
        }
    }
    icc_chunks.sort_by_key(|(seq, _)| *seq);
    if !icc_chunks.is_empty() {
        found.icc = Some(
            icc_chunks
                .into_iter()
                .flat_map(|(_, c)| c.iter().copied())
                .collect(),
        );
    }
    found
}

fn message_template(cinfo: &ffi::jpeg_common_struct, code: c_int) -> String {
    // SAFETY: `err` was set by us; the table is libjpeg's static, NULL-free up to
    // `last_jpeg_message`.
    unsafe {
        let Some(err) = cinfo.err.as_ref() else {
            return format!("libjpeg error {code}");
        };
        if code < 0 || code > err.last_jpeg_message || err.jpeg_message_table.is_null() {
            return format!("libjpeg error {code}");
        }
        let ptr = *err.jpeg_message_table.add(code as usize);
        if ptr.is_null() {
            return format!("libjpeg error {code}");
        }
        CStr::from_ptr(ptr).to_string_lossy().into_owned()
    }
}

unsafe extern "C-unwind" fn error_exit(cinfo: &mut ffi::jpeg_common_struct) {
    // SAFETY: `err` is our error manager.
    let code = unsafe { cinfo.err.as_ref() }.map_or(0, |e| e.msg_code);
    let message = message_template(cinfo, code);
    resume_unwind(Box::new(Abort { code, message }));
}

unsafe extern "C-unwind" fn emit_message(cinfo: &mut ffi::jpeg_common_struct, level: c_int) {
    if level >= 0 {
        return; // trace messages
    }
    // SAFETY: `err` is our error manager.
    let Some(err) = (unsafe { cinfo.err.as_mut() }) else {
        return;
    };
    err.num_warnings += 1;
    let code = err.msg_code;
    let message = message_template(cinfo, code);
    if code == ffi::JWRN_JPEG_EOF || code == ffi::JWRN_HIT_MARKER {
        // A truncated file: libjpeg would pad it with grey; refuse it instead.
        resume_unwind(Box::new(Abort { code, message }));
    }
    tracing::debug!(code, %message, "libjpeg warning");
}

unsafe extern "C-unwind" fn output_message(_cinfo: &mut ffi::jpeg_common_struct) {}

unsafe extern "C-unwind" fn progress_monitor(cinfo: &mut ffi::jpeg_common_struct) {
    // SAFETY: the progress monitor is only installed on a decompressor, whose first field is
    // this common struct.
    let dinfo =
        unsafe { &*(cinfo as *mut ffi::jpeg_common_struct as *const ffi::jpeg_decompress_struct) };
    if dinfo.input_scan_number > MAX_SCANS {
        resume_unwind(Box::new(Abort {
            code: -1,
            message: format!("more than {MAX_SCANS} progressive scans"),
        }));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_are_found_before_the_scan() {
        let mut jpeg = vec![0xFF, 0xD8];
        let mut segment = |marker: u8, body: &[u8]| {
            jpeg.extend_from_slice(&[0xFF, marker]);
            jpeg.extend_from_slice(&u16::try_from(body.len() + 2).unwrap_or(0).to_be_bytes());
            jpeg.extend_from_slice(body);
        };
        // EXIF, big-endian, one IFD0 entry: orientation (0x0112) = 6.
        let mut exif = b"Exif\0\0MM\0\x2a\0\0\0\x08\0\x01".to_vec();
        exif.extend_from_slice(&[0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0]);
        segment(0xE1, &exif);
        segment(0xE2, b"ICC_PROFILE\0\x02\x02world");
        segment(0xE2, b"ICC_PROFILE\0\x01\x02hello ");
        segment(0xEE, b"Adobe\0\x64\0\0\0\0\x02");
        jpeg.extend_from_slice(&[0xFF, 0xDA, 0, 2]);
        let m = scan_markers(&jpeg);
        assert_eq!(m.icc.as_deref(), Some(&b"hello world"[..]));
        assert!(m.adobe);
        // Cut anywhere: no panic, defaults.
        for cut in 0..jpeg.len() {
            let _ = scan_markers(&jpeg[..cut]);
        }
    }

    #[test]
    fn garbage_is_a_typed_error() {
        let limits = JpegLimits {
            max_pixels: 100_000_000,
            max_decode_bytes: 1 << 29,
        };
        let err = decode(b"\xFF\xD8\xFF\xE0garbage", &limits, |_| 1).err();
        assert!(matches!(
            err,
            Some(ThumbnailError::Invalid(_) | ThumbnailError::Truncated(_))
        ));
        assert!(decode(b"", &limits, |_| 1).is_err());
    }
}
