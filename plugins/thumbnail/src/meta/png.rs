//! PNG chunks that carry metadata: `eXIf` (EXIF), `iTXt` `XML:com.adobe.xmp` (XMP), and the
//! ImageMagick text profiles `Raw profile type exif` / `Raw profile type xmp` in `tEXt`, `zTXt`
//! or `iTXt`, hex-encoded, which Pillow also reads.

use std::io::Read;

use super::Found;

/// Most bytes a compressed text chunk may inflate to (metadata, not pixels).
const MAX_TEXT: u64 = 16 << 20;
const XMP_KEY: &[u8] = b"XML:com.adobe.xmp";
const RAW_EXIF_KEY: &[u8] = b"Raw profile type exif";
const RAW_APP1_KEY: &[u8] = b"Raw profile type APP1";
const RAW_XMP_KEY: &[u8] = b"Raw profile type xmp";

/// One chunk: its type and the ranges of its data and of the whole chunk.
struct Chunk {
    kind: [u8; 4],
    data: std::ops::Range<usize>,
    whole: std::ops::Range<usize>,
}

fn chunks(png: &[u8]) -> Vec<Chunk> {
    let mut out = Vec::new();
    let mut at = 8;
    while let Some(len) = png
        .get(at..at + 4)
        .and_then(|b| b.try_into().ok())
        .map(u32::from_be_bytes)
    {
        let Some(kind) = png.get(at + 4..at + 8).and_then(|b| b.try_into().ok()) else {
            break;
        };
        let start = at + 8;
        let Some(end) = start.checked_add(len as usize) else {
            break;
        };
        if end + 4 > png.len() {
            break;
        }
        out.push(Chunk {
            kind,
            data: start..end,
            whole: at..end + 4,
        });
        if &kind == b"IEND" {
            break;
        }
        at = end + 4;
    }
    out
}

/// A text chunk taken apart: which metadata it holds and its text (inflated when compressed).
struct Text {
    what: TextKind,
    /// Bytes of the chunk before the text (keyword and flags), with compression turned off.
    header: Vec<u8>,
    text: Vec<u8>,
    compressed: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TextKind {
    Xmp,
    RawExif,
    RawXmp,
}

fn parse_text(kind: &[u8; 4], data: &[u8]) -> Option<Text> {
    let nul = data.iter().position(|&b| b == 0)?;
    let keyword = &data[..nul];
    let what = match keyword {
        XMP_KEY => TextKind::Xmp,
        RAW_EXIF_KEY | RAW_APP1_KEY => TextKind::RawExif,
        RAW_XMP_KEY => TextKind::RawXmp,
        _ => return None,
    };
    match kind {
        b"tEXt" => Some(Text {
            what,
            header: data[..=nul].to_vec(),
            text: data[nul + 1..].to_vec(),
            compressed: false,
        }),
        b"zTXt" => Some(Text {
            what,
            header: data[..=nul].to_vec(),
            text: inflate(data.get(nul + 2..)?)?,
            compressed: true,
        }),
        b"iTXt" => {
            let flag = *data.get(nul + 1)?;
            let rest = data.get(nul + 3..)?;
            let lang = rest.iter().position(|&b| b == 0)?;
            let translated = rest.get(lang + 1..)?.iter().position(|&b| b == 0)?;
            let text_at = nul + 3 + lang + 1 + translated + 1;
            let mut header = data.get(..text_at)?.to_vec();
            if let Some(f) = header.get_mut(nul + 1) {
                *f = 0;
            }
            let body = data.get(text_at..)?;
            let (text, compressed) = if flag == 1 {
                (inflate(body)?, true)
            } else {
                (body.to_vec(), false)
            };
            Some(Text {
                what,
                header,
                text,
                compressed,
            })
        }
        _ => None,
    }
}

fn inflate(data: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    flate2::read::ZlibDecoder::new(data)
        .take(MAX_TEXT)
        .read_to_end(&mut out)
        .ok()?;
    Some(out)
}

/// The hex digits of an ImageMagick raw profile (`\n<name>\n   <length>\n<hex lines>`):
/// their positions in the text and the bytes they spell.
fn raw_profile(text: &[u8]) -> Option<(Vec<usize>, Vec<u8>)> {
    let mut newlines = text.iter().enumerate().filter(|(_, &b)| b == b'\n');
    let (start, _) = newlines.nth(2)?;
    let positions: Vec<usize> = (start + 1..text.len())
        .filter(|&i| text[i].is_ascii_hexdigit())
        .collect();
    let bytes = positions
        .chunks_exact(2)
        .map(|p| (hex_value(text[p[0]]) << 4) | hex_value(text[p[1]]))
        .collect();
    Some((positions, bytes))
}

fn hex_value(c: u8) -> u8 {
    char::from(c).to_digit(16).map_or(0, |v| v as u8)
}

pub(super) fn read(png: &[u8], found: &mut Found) {
    for chunk in chunks(png) {
        let data = &png[chunk.data.clone()];
        if &chunk.kind == b"eXIf" {
            found.exif(data);
            continue;
        }
        let Some(text) = parse_text(&chunk.kind, data) else {
            continue;
        };
        match text.what {
            TextKind::Xmp => found.xmp(&text.text),
            TextKind::RawExif => {
                if let Some((_, bytes)) = raw_profile(&text.text) {
                    found.exif(&bytes);
                }
            }
            TextKind::RawXmp => {
                if let Some((_, bytes)) = raw_profile(&text.text) {
                    found.xmp(&bytes);
                }
            }
        }
    }
}

/// The file rebuilt chunk by chunk, metadata chunks with their GPS data removed (compressed text
/// chunks are written back uncompressed); `None` when nothing changed.
pub(super) fn strip(png: &[u8]) -> Option<Vec<u8>> {
    let all = chunks(png);
    let mut out = Vec::with_capacity(png.len());
    out.extend_from_slice(png.get(..8)?);
    let mut changed = false;
    let mut last_end = 8;
    for chunk in &all {
        last_end = chunk.whole.end;
        let data = &png[chunk.data.clone()];
        let replacement = if &chunk.kind == b"eXIf" {
            let mut block = data.to_vec();
            let changed = super::strip_exif(&mut block);
            changed.then_some((*b"eXIf", block))
        } else {
            parse_text(&chunk.kind, data).and_then(|text| strip_text(&chunk.kind, text))
        };
        match replacement {
            Some((kind, body)) => {
                changed = true;
                write_chunk(&mut out, &kind, &body);
            }
            None => out.extend_from_slice(&png[chunk.whole.clone()]),
        }
    }
    out.extend_from_slice(png.get(last_end..).unwrap_or_default());
    changed.then_some(out)
}

/// The chunk type and data of a text chunk without GPS data, or `None` when it had none.
fn strip_text(kind: &[u8; 4], mut text: Text) -> Option<([u8; 4], Vec<u8>)> {
    let changed = match text.what {
        TextKind::Xmp => super::strip_xmp(&mut text.text),
        TextKind::RawExif | TextKind::RawXmp => {
            let (positions, mut bytes) = raw_profile(&text.text)?;
            let changed = if text.what == TextKind::RawExif {
                super::strip_exif(&mut bytes)
            } else {
                super::strip_xmp(&mut bytes)
            };
            const HEX: &[u8; 16] = b"0123456789abcdef";
            for (pair, byte) in positions.chunks_exact(2).zip(&bytes) {
                text.text[pair[0]] = HEX[usize::from(byte >> 4)];
                text.text[pair[1]] = HEX[usize::from(byte & 0x0F)];
            }
            changed
        }
    };
    if !changed {
        return None;
    }
    let kind = if text.compressed && kind == b"zTXt" {
        *b"tEXt"
    } else {
        *kind
    };
    let mut body = text.header;
    body.extend_from_slice(&text.text);
    Some((kind, body))
}

fn write_chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let mut crc = crc32fast::Hasher::new();
    crc.update(kind);
    crc.update(data);
    out.extend_from_slice(&crc.finalize().to_be_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sniff::SourceFormat;

    fn png_with(extra: &[([u8; 4], Vec<u8>)]) -> Vec<u8> {
        let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
        let mut ihdr = 1u32.to_be_bytes().to_vec();
        ihdr.extend_from_slice(&1u32.to_be_bytes());
        ihdr.extend_from_slice(&[8, 0, 0, 0, 0]);
        write_chunk(&mut png, b"IHDR", &ihdr);
        for (kind, data) in extra {
            write_chunk(&mut png, kind, data);
        }
        write_chunk(&mut png, b"IEND", &[]);
        png
    }

    fn raw_exif_text(exif: &[u8]) -> Vec<u8> {
        let mut text = format!("\nexif\n{:8}\n", exif.len()).into_bytes();
        for (i, b) in exif.iter().enumerate() {
            text.extend_from_slice(format!("{b:02x}").as_bytes());
            if i % 36 == 35 {
                text.push(b'\n');
            }
        }
        text.push(b'\n');
        text
    }

    #[test]
    fn exif_chunk_and_raw_profiles() {
        let exif = super::super::sample_exif(8);
        let png = png_with(&[(*b"eXIf", exif.clone())]);
        let meta = super::super::read(SourceFormat::Png, &png);
        assert_eq!((meta.orientation, meta.has_gps), (8, true));
        let stripped = super::super::strip_location(SourceFormat::Png, &png).unwrap_or_default();
        let meta = super::super::read(SourceFormat::Png, &stripped);
        assert_eq!((meta.orientation, meta.has_gps), (8, false));

        // ImageMagick's raw profile in a compressed zTXt chunk.
        let mut ztxt = RAW_EXIF_KEY.to_vec();
        ztxt.extend_from_slice(&[0, 0]);
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(&mut z, &raw_exif_text(&exif)).unwrap_or_default();
        ztxt.extend_from_slice(&z.finish().unwrap_or_default());
        let png = png_with(&[(*b"zTXt", ztxt)]);
        let meta = super::super::read(SourceFormat::Png, &png);
        assert_eq!((meta.orientation, meta.has_gps), (8, true));
        let stripped = super::super::strip_location(SourceFormat::Png, &png).unwrap_or_default();
        let meta = super::super::read(SourceFormat::Png, &stripped);
        assert_eq!((meta.orientation, meta.has_gps), (8, false));
        // Every chunk's CRC is right.
        for chunk in chunks(&stripped) {
            let mut crc = crc32fast::Hasher::new();
            crc.update(&stripped[chunk.whole.start + 4..chunk.data.end]);
            assert_eq!(
                stripped[chunk.data.end..chunk.whole.end],
                crc.finalize().to_be_bytes()
            );
        }
    }

    #[test]
    fn xmp_in_itxt() {
        let mut itxt = XMP_KEY.to_vec();
        itxt.extend_from_slice(&[0, 0, 0, 0, 0]);
        itxt.extend_from_slice(br#"<r tiff:Orientation="5" exif:GPSLatitude="1,2N"/>"#);
        let png = png_with(&[(*b"iTXt", itxt)]);
        let meta = super::super::read(SourceFormat::Png, &png);
        assert_eq!((meta.orientation, meta.has_gps), (5, true));
        let stripped = super::super::strip_location(SourceFormat::Png, &png).unwrap_or_default();
        assert_eq!(stripped.len(), png.len());
        assert!(!super::super::read(SourceFormat::Png, &stripped).has_gps);
        for cut in 0..png.len() {
            let _ = super::super::strip_location(SourceFormat::Png, &png[..cut]);
            let _ = super::super::read(SourceFormat::Png, &png[..cut]);
        }
    }
}
