//! Stubs: a format's signature with less behind it than the format's fixed header. Such a file
//! is not a file of that format (a 4-byte `fLaC` has no STREAMINFO, a 12-byte RIFF/WAVE no
//! chunk), so it gets no type rather than the signature's.
//!
//! Only whole files are judged: a short head of a longer file is not a stub. An ID3 tag with
//! no audio after it is told by the MPEG sniffer, which knows where the tag ends.

use super::source::Source;
use super::Sniffed;

/// Signatures and the least a file that starts with one holds: the signature and the
/// header every reader needs before the first byte of data.
const HEADERS: &[(&[u8], u64)] = &[
    // JPEG: SOI and the next marker; PNG: the signature and the IHDR chunk's length and type;
    // GIF: the header and the logical screen descriptor.
    (b"\xFF\xD8\xFF", 4),
    (b"\x89PNG\r\n\x1a\n", 16),
    (b"GIF87a", 13),
    (b"GIF89a", 13),
    // FLAC: the magic, a metadata block header and the 34-byte STREAMINFO.
    (b"fLaC", 42),
    // Ogg: one page header; RIFF (WAV, WebP, AVI): the form type and a chunk header.
    (b"OggS", 27),
    (b"RIFF", 20),
    (b"RF64", 20),
    // Zip: a local file header, or the end-of-central-directory record of an empty archive.
    (b"PK\x03\x04", 30),
    (b"PK\x05\x06", 22),
    // WavPack block header, TTA1 header, APE descriptor start, TAK magic and a metadata block
    // header, Musepack SV8 magic and packet key, SV7 header, DSF DSD+fmt chunks, DSDIFF form.
    (b"wvpk", 32),
    (b"TTA1", 22),
    (b"MAC ", 32),
    (b"tBaK", 8),
    (b"MPCK", 8),
    (b"MP+", 28),
    (b"DSD ", 92),
    (b"FRM8", 16),
];

/// The longest header in [`HEADERS`]: a file at least this long is no stub.
const LONGEST: u64 = 92;

pub(super) fn sniff(src: &Source<'_>) -> Option<Sniffed> {
    if src.len() >= LONGEST || !src.head_is_whole() {
        return None;
    }
    let head = src.head();
    let len = src.len();
    HEADERS
        .iter()
        .any(|(magic, least)| head.starts_with(magic) && len < *least)
        .then(Sniffed::stub)
}

#[cfg(test)]
mod tests {
    use super::super::{sniff, sniff_head};

    #[test]
    fn longest_is_the_longest_header() {
        assert_eq!(
            super::HEADERS.iter().map(|h| h.1).max(),
            Some(super::LONGEST)
        );
    }
    use std::io::Cursor;

    #[test]
    fn a_signature_alone_has_no_type() {
        for stub in [
            &b"fLaC"[..],
            b"RIFF\x04\0\0\0WAVE",
            b"OggS",
            b"\x89PNG\r\n\x1a\n",
            b"GIF89a",
            b"PK\x03\x04",
            b"MAC ",
        ] {
            let s = sniff_head(stub);
            assert_eq!((s.mime, s.format), (None, Some("stub")), "{stub:?}");
        }
    }

    #[test]
    fn a_short_head_of_a_long_file_is_not_a_stub() {
        let mut file = b"fLaC\0\0\0\x22".to_vec();
        file.resize(4096, 0);
        let found = sniff(&file[..4], Some(&mut Cursor::new(&file)));
        assert_eq!(found.mime, Some("audio/flac"));
    }
}
