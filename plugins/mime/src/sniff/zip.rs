//! Zip-based formats by their entries: OOXML (docx/xlsx/pptx and their macro-enabled kin), ODF,
//! EPUB, Java and Android archives, and plain zip archives.
//!
//! Entry names come from the central directory (found from the end-of-central-directory record
//! with two bounded reads), or, when it is out of reach (no file, truncated archive), from the
//! local headers in the head.

use super::source::Source;
use super::{has_at, is_runnable_name, le16, le32, Danger, Sniffed};

/// Bytes of central directory read at most.
const MAX_DIRECTORY: usize = 1024 * 1024;
/// Entries looked at at most.
const MAX_ENTRIES: usize = 20_000;
/// The end-of-central-directory record and its longest comment.
const EOCD_SEARCH: usize = 22 + 65_535;

pub(super) fn sniff(src: &mut Source<'_>) -> Option<Sniffed> {
    let head = src.head();
    let local = has_at(head, 0, b"PK\x03\x04");
    let empty = has_at(head, 0, b"PK\x05\x06");
    let spanned = has_at(head, 0, b"PK\x07\x08");
    if !(local || empty || spanned) {
        return None;
    }
    let mut names = central_directory(src).unwrap_or_default();
    if names.is_empty() {
        names = local_names(head);
    }
    Some(classify(head, &names))
}

fn classify(head: &[u8], names: &[String]) -> Sniffed {
    let lower: Vec<String> = names.iter().map(|n| n.to_ascii_lowercase()).collect();
    let has = |name: &str| lower.iter().any(|n| n == name);
    let has_prefix = |prefix: &str| lower.iter().any(|n| n.starts_with(prefix));
    let vba = lower.iter().any(|n| n.ends_with("vbaproject.bin"));
    let xlm = has_prefix("xl/macrosheets/");

    // ODF and EPUB name themselves in a stored first entry called `mimetype`.
    if let Some(declared) = odf_mimetype(head) {
        let macros = has_prefix("basic/") || has_prefix("scripts/");
        let (mime, format) = match declared.as_str() {
            "application/vnd.oasis.opendocument.text" => (declared_static(&declared), "odt"),
            "application/vnd.oasis.opendocument.spreadsheet" => (declared_static(&declared), "ods"),
            "application/vnd.oasis.opendocument.presentation" => {
                (declared_static(&declared), "odp")
            }
            "application/vnd.oasis.opendocument.graphics" => (declared_static(&declared), "odg"),
            "application/epub+zip" => ("application/epub+zip", "epub"),
            _ => ("application/zip", "zip"),
        };
        let mut found = Sniffed::new(mime, format);
        if macros {
            found.add_danger(Danger::OfficeMacros);
        }
        return with_archived(found, &lower);
    }

    let ooxml = if has("word/document.xml") || (has("[content_types].xml") && has_prefix("word/")) {
        Some(if vba {
            ("application/vnd.ms-word.document.macroenabled.12", "docm")
        } else {
            (
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                "docx",
            )
        })
    } else if has("xl/workbook.xml")
        || has("xl/workbook.bin")
        || (has("[content_types].xml") && has_prefix("xl/"))
    {
        Some(if vba || xlm {
            ("application/vnd.ms-excel.sheet.macroenabled.12", "xlsm")
        } else {
            (
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "xlsx",
            )
        })
    } else if has("ppt/presentation.xml") || (has("[content_types].xml") && has_prefix("ppt/")) {
        Some(if vba {
            (
                "application/vnd.ms-powerpoint.presentation.macroenabled.12",
                "pptm",
            )
        } else {
            (
                "application/vnd.openxmlformats-officedocument.presentationml.presentation",
                "pptx",
            )
        })
    } else {
        None
    };
    if let Some((mime, format)) = ooxml {
        let mut found = Sniffed::new(mime, format);
        if vba || xlm {
            found.add_danger(Danger::OfficeMacros);
        }
        return found;
    }
    if has("androidmanifest.xml") && lower.iter().any(|n| n.ends_with(".dex")) {
        return Sniffed::new("application/vnd.android.package-archive", "apk")
            .danger(Danger::RunnableArchive);
    }
    if has("meta-inf/manifest.mf") && lower.iter().any(|n| n.ends_with(".class")) {
        return Sniffed::new("application/java-archive", "jar").danger(Danger::RunnableArchive);
    }
    with_archived(Sniffed::new("application/zip", "zip"), &lower)
}

fn with_archived(mut found: Sniffed, lower: &[String]) -> Sniffed {
    if lower.iter().any(|n| is_runnable_name(n)) {
        found.add_danger(Danger::ArchivedExecutable);
    }
    found
}

fn declared_static(mime: &str) -> &'static str {
    match mime {
        "application/vnd.oasis.opendocument.text" => "application/vnd.oasis.opendocument.text",
        "application/vnd.oasis.opendocument.spreadsheet" => {
            "application/vnd.oasis.opendocument.spreadsheet"
        }
        "application/vnd.oasis.opendocument.presentation" => {
            "application/vnd.oasis.opendocument.presentation"
        }
        "application/vnd.oasis.opendocument.graphics" => {
            "application/vnd.oasis.opendocument.graphics"
        }
        _ => "application/zip",
    }
}

/// The content of a first entry named `mimetype`, stored uncompressed, as ODF and EPUB require.
fn odf_mimetype(head: &[u8]) -> Option<String> {
    if !has_at(head, 0, b"PK\x03\x04") || le16(head, 8)? != 0 {
        return None;
    }
    let size = le32(head, 18)? as usize;
    let name_len = usize::from(le16(head, 26)?);
    let extra_len = usize::from(le16(head, 28)?);
    if head.get(30..30 + name_len)? != b"mimetype" || size > 100 {
        return None;
    }
    let start = 30 + name_len + extra_len;
    let value = head.get(start..start + size)?;
    Some(String::from_utf8_lossy(value).trim().to_ascii_lowercase())
}

/// Entry names from the central directory; `None` when it cannot be found or read.
fn central_directory(src: &mut Source<'_>) -> Option<Vec<String>> {
    let len = src.len();
    let tail_len = (EOCD_SEARCH as u64).min(len);
    let tail_at = len - tail_len;
    let tail = src.read_at(tail_at, tail_len as usize);
    let eocd = (0..tail.len().saturating_sub(21))
        .rev()
        .find(|&i| has_at(&tail, i, b"PK\x05\x06"))?;
    let entries = usize::from(le16(&tail, eocd + 10)?);
    let dir_len = le32(&tail, eocd + 12)? as usize;
    let dir_at = u64::from(le32(&tail, eocd + 16)?);
    if dir_len == 0 || dir_at == u64::from(u32::MAX) {
        // Empty, or a zip64 directory we do not chase: local headers will do.
        return None;
    }
    // Data before the archive (a self-extractor, a polyglot) shifts every offset.
    let eocd_abs = tail_at + eocd as u64;
    let shift = eocd_abs.saturating_sub(dir_at.checked_add(dir_len as u64)?);
    let dir = src.read_at(dir_at.saturating_add(shift), dir_len.min(MAX_DIRECTORY));
    let mut names = Vec::new();
    let mut at = 0usize;
    for _ in 0..entries.clamp(1, MAX_ENTRIES) {
        if !has_at(&dir, at, b"PK\x01\x02") {
            break;
        }
        let (Some(name_len), Some(extra_len), Some(comment_len)) = (
            le16(&dir, at + 28),
            le16(&dir, at + 30),
            le16(&dir, at + 32),
        ) else {
            break;
        };
        let name_len = usize::from(name_len);
        let Some(name) = dir.get(at + 46..at + 46 + name_len) else {
            break;
        };
        names.push(String::from_utf8_lossy(name).into_owned());
        at += 46 + name_len + usize::from(extra_len) + usize::from(comment_len);
    }
    Some(names)
}

/// Entry names from the local headers in the head, until one whose size is unknown (a data
/// descriptor follows it) or the head ends.
fn local_names(head: &[u8]) -> Vec<String> {
    let mut names = Vec::new();
    let mut at = 0usize;
    while names.len() < MAX_ENTRIES && has_at(head, at, b"PK\x03\x04") {
        let (Some(flags), Some(size), Some(name_len), Some(extra_len)) = (
            le16(head, at + 6),
            le32(head, at + 18),
            le16(head, at + 26),
            le16(head, at + 28),
        ) else {
            break;
        };
        let name_len = usize::from(name_len);
        let Some(name) = head.get(at + 30..at + 30 + name_len) else {
            break;
        };
        names.push(String::from_utf8_lossy(name).into_owned());
        if flags & 0x08 != 0 {
            break;
        }
        at += 30 + name_len + usize::from(extra_len) + size as usize;
    }
    names
}

#[cfg(test)]
pub(crate) mod tests {
    use super::super::{sniff, sniff_head, Danger};
    use std::io::Cursor;

    /// A zip of stored entries (CRCs left zero: sniffing does not check them).
    pub(crate) fn zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut dir = Vec::new();
        for (name, data) in entries {
            let offset = out.len() as u32;
            let mut local = b"PK\x03\x04\x14\0\0\0\0\0\0\0\0\0\0\0\0\0".to_vec();
            local.extend_from_slice(&(data.len() as u32).to_le_bytes());
            local.extend_from_slice(&(data.len() as u32).to_le_bytes());
            local.extend_from_slice(&(name.len() as u16).to_le_bytes());
            local.extend_from_slice(&[0, 0]);
            out.extend(local);
            out.extend_from_slice(name.as_bytes());
            out.extend_from_slice(data);
            let mut central = b"PK\x01\x02\x14\0\x14\0\0\0\0\0\0\0\0\0\0\0\0\0".to_vec();
            central.extend_from_slice(&(data.len() as u32).to_le_bytes());
            central.extend_from_slice(&(data.len() as u32).to_le_bytes());
            central.extend_from_slice(&(name.len() as u16).to_le_bytes());
            central.extend_from_slice(&[0; 12]);
            central.extend_from_slice(&offset.to_le_bytes());
            central.extend_from_slice(name.as_bytes());
            dir.extend(central);
        }
        let dir_at = out.len() as u32;
        let n = entries.len() as u16;
        out.extend_from_slice(&dir);
        out.extend_from_slice(b"PK\x05\x06\0\0\0\0");
        out.extend_from_slice(&n.to_le_bytes());
        out.extend_from_slice(&n.to_le_bytes());
        out.extend_from_slice(&(dir.len() as u32).to_le_bytes());
        out.extend_from_slice(&dir_at.to_le_bytes());
        out.extend_from_slice(&[0, 0]);
        out
    }

    fn sniff_zip(data: &[u8]) -> super::Sniffed {
        let mut c = Cursor::new(data);
        sniff(&data[..data.len().min(65536)], Some(&mut c))
    }

    #[test]
    fn office_formats_by_entries() {
        let docx = zip(&[
            ("[Content_Types].xml", b"<x/>"),
            ("word/document.xml", b"<w/>"),
        ]);
        assert_eq!(sniff_zip(&docx).format, Some("docx"));
        let pptx = zip(&[
            ("[Content_Types].xml", b"<x/>"),
            ("ppt/presentation.xml", b"<p/>"),
        ]);
        assert_eq!(sniff_zip(&pptx).format, Some("pptx"));
        let docm = zip(&[
            ("word/document.xml", b"<w/>"),
            ("word/vbaProject.bin", b"\xd0\xcf"),
        ]);
        let s = sniff_zip(&docm);
        assert_eq!(s.format, Some("docm"));
        assert_eq!(s.dangers, vec![Danger::OfficeMacros]);
        let odt = zip(&[
            ("mimetype", b"application/vnd.oasis.opendocument.text"),
            ("content.xml", b""),
        ]);
        assert_eq!(
            sniff_zip(&odt).mime,
            Some("application/vnd.oasis.opendocument.text")
        );
    }

    #[test]
    fn directory_far_past_the_head_is_read() {
        let big = vec![0x42u8; 300_000];
        let data = zip(&[
            ("big.bin", &big),
            ("xl/workbook.xml", b"<w/>"),
            ("xl/vbaProject.bin", b""),
        ]);
        let s = sniff_zip(&data);
        assert_eq!((s.format, s.is_dangerous()), (Some("xlsm"), true));
        // Head only: the first entry tells nothing, so it is a plain zip.
        assert_eq!(sniff_head(&data[..65536]).format, Some("zip"));
    }

    #[test]
    fn runnable_entries_flag_the_archive() {
        let data = zip(&[("invoice.pdf.exe", b"MZ")]);
        assert_eq!(sniff_zip(&data).dangers, vec![Danger::ArchivedExecutable]);
        let data = zip(&[("photo.jpg", b"\xff\xd8\xff")]);
        assert!(!sniff_zip(&data).is_dangerous());
    }
}
