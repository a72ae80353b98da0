//! Images without a signature, recognised by a header whose every field is in range: Truevision
//! TGA and the headerless device-independent bitmap (a `BITMAPINFOHEADER` with no `BM` file
//! header, as the clipboard holds it).
//!
//! The weakest rules of the sniffer: they run after everything with a signature, text
//! included, so they only name bytes nothing else claimed.

use super::source::Source;
use super::{le16, le32, Sniffed};

/// The TGA 2.0 footer signature, in the last 18 bytes of the file.
const TGA_FOOTER: &[u8] = b"TRUEVISION-XFILE.\0";

pub(super) fn sniff(src: &mut Source<'_>) -> Option<Sniffed> {
    let head = src.head();
    if tga_header(head) {
        return Some(Sniffed::new("image/x-tga", "tga"));
    }
    if dib(head) {
        return Some(Sniffed::new("image/bmp", "dib"));
    }
    // A TGA 2.0 footer vouches for a header our range checks found unusual.
    let len = src.len();
    if len > 44 && tga_type(head) {
        let footer = src.read_at(len - TGA_FOOTER.len() as u64, TGA_FOOTER.len());
        if footer == TGA_FOOTER {
            return Some(Sniffed::new("image/x-tga", "tga"));
        }
    }
    None
}

/// The TGA image type byte names a known kind with the colour-map type it needs.
fn tga_type(h: &[u8]) -> bool {
    matches!(
        (h.get(1), h.get(2)),
        (Some(0), Some(2 | 3 | 10 | 11)) | (Some(1), Some(1 | 9))
    )
}

/// A TGA header (18 bytes) whose fields agree: image type and colour map, colour-map spec
/// (zero without a map; 15, 16, 24 or 32-bit entries with one), a non-empty size, a pixel depth
/// the image type allows, and a descriptor with no interleave bits and at most 8 alpha bits.
fn tga_header(h: &[u8]) -> bool {
    if h.len() < 18 || !tga_type(h) {
        return false;
    }
    let (map_type, image_type) = (h[1], h[2] & !8);
    let map_len = le16(h, 5).unwrap_or(0);
    let map_bits = h[7];
    let map_ok = if map_type == 0 {
        h[3..8].iter().all(|&b| b == 0)
    } else {
        map_len > 0 && matches!(map_bits, 15 | 16 | 24 | 32)
    };
    let (width, height) = (le16(h, 12).unwrap_or(0), le16(h, 14).unwrap_or(0));
    let depth = h[16];
    let depth_ok = match image_type {
        1 => depth == 8,
        2 => matches!(depth, 15 | 16 | 24 | 32),
        3 => matches!(depth, 8 | 16),
        _ => false,
    };
    let descriptor = h[17];
    let alpha_ok = descriptor & 0x0F <= 8 && descriptor & 0xC0 == 0;
    map_ok && width > 0 && height > 0 && depth_ok && alpha_ok
}

/// A `BITMAPINFOHEADER` (or a later version) at offset 0: one plane, a known bit count and
/// compression, a size that is neither zero nor absurd.
fn dib(h: &[u8]) -> bool {
    let Some(size) = le32(h, 0) else {
        return false;
    };
    if !matches!(size, 40 | 52 | 56 | 108 | 124) {
        return false;
    }
    let width = le32(h, 4).map_or(0, |w| w as i32);
    let height = le32(h, 8).map_or(0, |v| (v as i32).unsigned_abs());
    let planes = le16(h, 12);
    let bits = le16(h, 14);
    let compression = le32(h, 16);
    width > 0
        && width <= 1 << 16
        && height > 0
        && height <= 1 << 16
        && planes == Some(1)
        && matches!(bits, Some(1 | 4 | 8 | 16 | 24 | 32))
        && matches!(compression, Some(0..=6))
}

#[cfg(test)]
mod tests {
    use super::super::sniff_head;

    fn tga(map_type: u8, image_type: u8, depth: u8) -> Vec<u8> {
        let mut h = vec![0u8; 18];
        h[1] = map_type;
        h[2] = image_type;
        if map_type == 1 {
            h[5] = 16;
            h[7] = 24;
        }
        h[12] = 32;
        h[14] = 24;
        h[16] = depth;
        h.extend(vec![0x40; 32 * 24 * 3]);
        h
    }

    #[test]
    fn tga_fields_must_agree() {
        assert_eq!(sniff_head(&tga(0, 2, 24)).mime, Some("image/x-tga"));
        assert_eq!(sniff_head(&tga(0, 10, 32)).mime, Some("image/x-tga"));
        assert_eq!(sniff_head(&tga(1, 1, 8)).mime, Some("image/x-tga"));
        assert_eq!(sniff_head(&tga(0, 3, 8)).mime, Some("image/x-tga"));
        // Colour-mapped without a map, or a depth the type cannot have.
        assert_eq!(sniff_head(&tga(0, 1, 8)).mime, None);
        assert_eq!(sniff_head(&tga(0, 2, 7)).mime, None);
    }

    #[test]
    fn a_footer_vouches_for_an_odd_header() {
        let mut odd = tga(0, 2, 24);
        odd[17] = 0x40; // interleave bits: unusual, so the header alone does not count
        assert_eq!(sniff_head(&odd).mime, None);
        odd.extend_from_slice(&[0; 8]);
        odd.extend_from_slice(super::TGA_FOOTER);
        assert_eq!(sniff_head(&odd).mime, Some("image/x-tga"));
    }

    #[test]
    fn headerless_dib() {
        let mut dib = vec![0u8; 40];
        dib[0] = 40;
        dib[4] = 32;
        dib[8] = 24;
        dib[12] = 1;
        dib[14] = 24;
        dib.extend(vec![0x11; 32 * 24 * 3]);
        assert_eq!(sniff_head(&dib).format, Some("dib"));
        dib[12] = 2;
        assert_eq!(sniff_head(&dib).mime, None);
    }
}
