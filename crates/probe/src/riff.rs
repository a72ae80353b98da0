//! RIFF chunk walking (WAV, WebP, AVI), in memory and bounded.

use crate::bytes;

/// Most chunks [`chunks`] yields.
pub const MAX_CHUNKS: usize = 64;

/// The chunks of an in-memory RIFF body after the form type (`buf` starts at the `RIFF`
/// magic): `(id, body)`, each body cut to what `buf` holds, at most [`MAX_CHUNKS`].
///
/// ```
/// let riff = b"RIFF\x0c\0\0\0WAVEfmt \x02\0\0\0ab";
/// let list: Vec<_> = pipes_media_probe::riff::chunks(riff).collect();
/// assert_eq!(list, vec![(&b"fmt "[..], &b"ab"[..])]);
/// ```
pub fn chunks(buf: &[u8]) -> impl Iterator<Item = (&[u8], &[u8])> {
    let mut at = 12usize;
    std::iter::from_fn(move || {
        let id = buf.get(at..at.checked_add(4)?)?;
        let len = bytes::le32(buf, at + 4)? as usize;
        let body_start = at + 8;
        let body = buf.get(body_start..body_start.saturating_add(len).min(buf.len()))?;
        at = body_start.checked_add(len)?.checked_add(len & 1)?;
        Some((id, body))
    })
    .take(MAX_CHUNKS)
}

/// The RIFF form type (`WAVE`, `WEBP`, `AVI `…) and whether the file is RF64/BW64, when `buf`
/// starts with a RIFF header.
pub fn form(buf: &[u8]) -> Option<(&[u8], bool)> {
    let rf64 = bytes::has_at(buf, 0, b"RF64") || bytes::has_at(buf, 0, b"BW64");
    if !rf64 && !bytes::has_at(buf, 0, b"RIFF") {
        return None;
    }
    Some((buf.get(8..12)?, rf64))
}
