//! Vector and page-description files: Windows metafiles (WMF, EMF), PostScript and EPS (also
//! behind the binary DOS EPS header).
//!
//! PostScript is text, so this runs before the text check; without it an EPS is `text/plain`.

use super::{has_at, le16, le32, Sniffed};

pub(super) fn sniff(head: &[u8]) -> Option<Sniffed> {
    // Every rule below starts with one of these bytes: most files leave at once.
    if !matches!(head.first(), Some(b'%' | 0x04 | 0xC5 | 0xD7 | 0x01 | 0x02)) {
        return None;
    }
    if is_postscript(head) {
        return Some(postscript(head));
    }
    // DOS EPS: magic, then the PostScript section's offset and length.
    if has_at(head, 0, b"\xC5\xD0\xD3\xC6") {
        let at = le32(head, 4)? as usize;
        let len = le32(head, 8)?;
        return (at >= 30 && len > 0).then(|| {
            let mut found = Sniffed::new("application/postscript", "eps");
            if let Some(ps) = head.get(at..) {
                if is_postscript(ps) {
                    found = postscript(ps);
                    found.format = Some("eps");
                }
            }
            found
        });
    }
    // Placeable WMF (Aldus header), then a standard one.
    if has_at(head, 0, b"\xD7\xCD\xC6\x9A") {
        return wmf_header(head.get(22..)?).then(|| Sniffed::new("image/wmf", "wmf"));
    }
    if wmf_header(head) {
        return Some(Sniffed::new("image/wmf", "wmf"));
    }
    // EMF: the header record (type 1) with the ` EMF` signature at 40.
    if le32(head, 0) == Some(1) && has_at(head, 40, b" EMF") && le32(head, 4)? >= 88 {
        return Some(Sniffed::new("image/emf", "emf"));
    }
    None
}

/// `%!PS`, `%!` then a newline, optionally after the Ctrl-D a print spooler sends first.
fn is_postscript(head: &[u8]) -> bool {
    let body = head.strip_prefix(b"\x04").unwrap_or(head);
    has_at(body, 0, b"%!PS") || has_at(body, 0, b"%!\n") || has_at(body, 0, b"%!\r")
}

fn postscript(head: &[u8]) -> Sniffed {
    let line = head
        .split(|&b| b == b'\n' || b == b'\r')
        .next()
        .unwrap_or_default();
    let eps = line.windows(4).any(|w| w == b"EPSF");
    Sniffed::new("application/postscript", if eps { "eps" } else { "ps" })
}

/// A WMF header: type 1 (memory) or 2 (disk), 9 words long, version 1.0 or 3.0.
fn wmf_header(h: &[u8]) -> bool {
    matches!(le16(h, 0), Some(1 | 2))
        && le16(h, 2) == Some(9)
        && matches!(le16(h, 4), Some(0x0100 | 0x0300))
}

#[cfg(test)]
mod tests {
    use super::super::sniff_head;

    #[test]
    fn postscript_and_eps_are_not_plain_text() {
        let eps = sniff_head(b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\n");
        assert_eq!(
            (eps.mime, eps.format),
            (Some("application/postscript"), Some("eps"))
        );
        let ps = sniff_head(b"\x04%!PS-Adobe-2.0\n%%Pages: 1\n");
        assert_eq!(ps.format, Some("ps"));
        assert_eq!(sniff_head(b"%! not really\n").mime, Some("text/plain"));
        let mut dos = b"\xC5\xD0\xD3\xC6\x1e\0\0\0\x20\0\0\0".to_vec();
        dos.resize(30, 0);
        dos.extend_from_slice(b"%!PS-Adobe-3.0 EPSF-3.0\n");
        assert_eq!(sniff_head(&dos).mime, Some("application/postscript"));
    }

    #[test]
    fn metafiles() {
        let wmf = b"\x01\0\x09\0\0\x03\x2c\0\0\0\x01\0\x07\0\0\0\0\0";
        assert_eq!(sniff_head(wmf).mime, Some("image/wmf"));
        let mut placeable = b"\xD7\xCD\xC6\x9A".to_vec();
        placeable.resize(22, 0);
        placeable.extend_from_slice(wmf);
        assert_eq!(sniff_head(&placeable).mime, Some("image/wmf"));
        let mut emf = vec![0u8; 108];
        emf[0] = 1;
        emf[4] = 108;
        emf[40..44].copy_from_slice(b" EMF");
        assert_eq!(sniff_head(&emf).mime, Some("image/emf"));
    }
}
