//! Images with our own rules: JPEG, PNG (and APNG), GIF (still or animated).

use super::{be32, has_at, le32, Sniffed};

/// Most PNG chunks walked before the first `IDAT`.
const MAX_PNG_CHUNKS: usize = 64;
/// Most GIF blocks walked looking for a second frame.
const MAX_GIF_BLOCKS: usize = 4096;

pub(super) fn sniff(head: &[u8]) -> Option<Sniffed> {
    if has_at(head, 0, b"\xFF\xD8\xFF") {
        return Some(Sniffed::new("image/jpeg", "jpeg"));
    }
    if has_at(head, 0, b"\x89PNG\r\n\x1a\n") {
        return Some(Sniffed::new("image/png", "png").animated(png_animated(head)));
    }
    if has_at(head, 0, b"GIF87a") || has_at(head, 0, b"GIF89a") {
        return Some(Sniffed::new("image/gif", "gif").animated(gif_animated(head)));
    }
    if is_bmp(head) {
        return Some(Sniffed::new("image/bmp", "bmp"));
    }
    if is_tiff(head) {
        return Some(Sniffed::new("image/tiff", "tiff"));
    }
    None
}

/// `BM`, reserved zeros, and a known DIB header size: `BM` alone starts too much text.
fn is_bmp(head: &[u8]) -> bool {
    has_at(head, 0, b"BM")
        && le32(head, 6) == Some(0)
        && matches!(
            le32(head, 14),
            Some(12 | 16 | 40 | 52 | 56 | 64 | 108 | 124)
        )
}

/// TIFF byte order mark and magic 42, with a first IFD inside the file; Canon CR2 raws (which
/// are TIFF-based) are left to the catalogue. BigTIFF: magic 43, 8-byte offsets.
fn is_tiff(head: &[u8]) -> bool {
    let big_le = has_at(head, 0, b"II+\0") && has_at(head, 4, b"\x08\0\0\0");
    let big_be = has_at(head, 0, b"MM\0+") && has_at(head, 4, b"\0\x08\0\0");
    if big_le || big_be {
        return true;
    }
    let (le, be) = (has_at(head, 0, b"II*\0"), has_at(head, 0, b"MM\0*"));
    let ifd = if le {
        le32(head, 4)
    } else if be {
        be32(head, 4)
    } else {
        None
    };
    ifd.is_some_and(|at| at >= 8) && !has_at(head, 8, b"CR")
}

/// An APNG has an `acTL` chunk before its first `IDAT`.
fn png_animated(head: &[u8]) -> bool {
    let mut at = 8usize;
    for _ in 0..MAX_PNG_CHUNKS {
        let (Some(len), Some(kind)) = (be32(head, at), head.get(at + 4..at + 8)) else {
            return false;
        };
        match kind {
            b"acTL" => return true,
            b"IDAT" | b"IEND" => return false,
            _ => {}
        }
        let Some(next) = (len as usize)
            .checked_add(12)
            .and_then(|n| n.checked_add(at))
        else {
            return false;
        };
        at = next;
    }
    false
}

/// A GIF is animated when it holds two image descriptors, or (when the head ends first) a
/// NETSCAPE/ANIMEXTS looping extension.
fn gif_animated(head: &[u8]) -> bool {
    let looping =
        super::contains_ci(head, b"NETSCAPE2.0") || super::contains_ci(head, b"ANIMEXTS1.0");
    let Some(flags) = head.get(10) else {
        return looping;
    };
    let mut at = 13usize;
    if flags & 0x80 != 0 {
        at += 3 << ((flags & 7) + 1);
    }
    let mut frames = 0;
    for _ in 0..MAX_GIF_BLOCKS {
        match head.get(at) {
            Some(0x21) => {
                // Extension: label, then sub-blocks.
                at = match skip_sub_blocks(head, at + 2) {
                    Some(next) => next,
                    None => return looping,
                };
            }
            Some(0x2C) => {
                frames += 1;
                if frames > 1 {
                    return true;
                }
                let Some(packed) = head.get(at + 9) else {
                    return looping;
                };
                at += 10;
                if packed & 0x80 != 0 {
                    at += 3 << ((packed & 7) + 1);
                }
                // LZW minimum code size, then the image data sub-blocks.
                at = match skip_sub_blocks(head, at + 1) {
                    Some(next) => next,
                    None => return looping,
                };
            }
            _ => return false,
        }
    }
    looping
}

/// Skips data sub-blocks starting at `at`; the offset after the terminator, or `None` when the
/// head ends first.
fn skip_sub_blocks(head: &[u8], mut at: usize) -> Option<usize> {
    loop {
        let len = usize::from(*head.get(at)?);
        at += 1;
        if len == 0 {
            return Some(at);
        }
        at += len;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gif(frames: usize) -> Vec<u8> {
        let mut out = b"GIF89a\x01\x00\x01\x00\x00\x00\x00".to_vec();
        for _ in 0..frames {
            out.extend_from_slice(b"\x21\xF9\x04\x00\x0A\x00\x00\x00");
            out.extend_from_slice(b"\x2C\0\0\0\0\x01\0\x01\0\0\x02\x02\x44\x01\0");
        }
        out.push(0x3B);
        out
    }

    #[test]
    fn gif_frames_are_counted() {
        assert_eq!(sniff(&gif(1)).and_then(|s| s.animated), Some(false));
        assert_eq!(sniff(&gif(3)).and_then(|s| s.animated), Some(true));
    }

    #[test]
    fn bmp_and_tiff() {
        let mut bmp = b"BM\x46\0\0\0\0\0\0\0\x36\0\0\0\x28\0\0\0".to_vec();
        bmp.resize(70, 0);
        assert_eq!(sniff(&bmp).and_then(|s| s.mime), Some("image/bmp"));
        assert_eq!(
            sniff(b"II*\0\x08\0\0\0").and_then(|s| s.mime),
            Some("image/tiff")
        );
        assert_eq!(
            sniff(b"MM\0*\0\0\0\x08").and_then(|s| s.mime),
            Some("image/tiff")
        );
        assert_eq!(sniff(b"BMW is a car maker"), None);
        let big = b"II+\0\x08\0\0\0\x10\0\0\0\0\0\0\0";
        assert_eq!(sniff(big).and_then(|s| s.mime), Some("image/tiff"));
        assert_eq!(
            sniff(b"MM\0+\0\x08\0\0\0\0\0\0\0\0\0\x10").and_then(|s| s.mime),
            Some("image/tiff")
        );
    }

    #[test]
    fn apng_has_actl() {
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        png.extend_from_slice(&[0; 17]);
        let mut apng = png.clone();
        apng.extend_from_slice(b"\0\0\0\x08acTL\0\0\0\x02\0\0\0\0\0\0\0\0");
        png.extend_from_slice(b"\0\0\0\0IDAT\0\0\0\0");
        assert_eq!(sniff(&png).and_then(|s| s.animated), Some(false));
        assert_eq!(sniff(&apng).and_then(|s| s.animated), Some(true));
    }
}
