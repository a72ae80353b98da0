//! Executables, OLE compound files (legacy Office, MSI), PDF and RTF.

use super::source::Source;
use super::{be32, contains_ci, has_at, le16, le32, Danger, Sniffed};

/// Directory sectors of an OLE file read at most.
const MAX_OLE_DIR_SECTORS: usize = 8;
/// Where a PDF header may start (Acrobat accepts junk before it).
const PDF_HEADER_SEARCH: usize = 1024;

pub(super) fn sniff(src: &mut Source<'_>) -> Option<Sniffed> {
    let head = src.head();
    if has_at(head, 0, b"\x7FELF") {
        return Some(Sniffed::new("application/x-executable", "elf").danger(Danger::Executable));
    }
    if has_at(head, 0, b"MZ") {
        let pe_at = le32(head, 0x3C).map(u64::from);
        if let Some(pe_at) = pe_at {
            if src.read_at(pe_at, 4) == b"PE\0\0" {
                return Some(
                    Sniffed::new("application/vnd.microsoft.portable-executable", "pe")
                        .danger(Danger::Executable),
                );
            }
        }
    }
    if let Some(found) = mach_o(head) {
        return Some(found);
    }
    if has_at(
        head,
        0,
        b"L\0\0\0\x01\x14\x02\0\0\0\0\0\xC0\0\0\0\0\0\0\x46",
    ) {
        return Some(Sniffed::new("application/x-ms-shortcut", "lnk").danger(Danger::Executable));
    }
    if has_at(head, 0, b"ITSF\x03\0\0\0") {
        return Some(Sniffed::new("application/vnd.ms-htmlhelp", "chm").danger(Danger::Html));
    }
    if has_at(head, 0, b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        return Some(ole(src));
    }
    if let Some(at) = find(head.get(..PDF_HEADER_SEARCH.min(head.len()))?, b"%PDF-") {
        let mut found = Sniffed::new("application/pdf", "pdf");
        let body = head.get(at..).unwrap_or_default();
        if contains_ci(body, b"/JavaScript") || contains_ci(body, b"/Launch") {
            found.add_danger(Danger::PdfJavascript);
        }
        return Some(found);
    }
    if let Some(found) = font(head) {
        return Some(found);
    }
    if has_at(head, 0, b"{\\rtf") {
        let mut found = Sniffed::new("application/rtf", "rtf");
        if contains_ci(head, b"\\object") || contains_ci(head, b"\\objdata") {
            found.add_danger(Danger::RtfObject);
        }
        return Some(found);
    }
    None
}

/// A DOS executable without a PE header, recognised only when nothing (text included) claimed
/// the bytes first, since `MZ` alone is a weak signature.
pub(super) fn sniff_late(head: &[u8]) -> Option<Sniffed> {
    (has_at(head, 0, b"MZ") && head.len() >= 64)
        .then(|| Sniffed::new("application/x-dosexec", "dos").danger(Danger::Executable))
}

/// TrueType and OpenType fonts: the sfnt version, a sane table count and a readable first
/// table tag (`00 01 00 00` alone starts plenty of binary data).
fn font(head: &[u8]) -> Option<Sniffed> {
    let (mime, format) = match head.get(..4)? {
        b"\0\x01\0\0" | b"true" => ("font/ttf", "ttf"),
        b"OTTO" => ("font/otf", "otf"),
        b"ttcf" => return Some(Sniffed::new("font/collection", "ttc")),
        _ => return None,
    };
    let tables = u16::from_be_bytes(head.get(4..6)?.try_into().ok()?);
    let tag = head.get(12..16)?;
    ((1..=64).contains(&tables) && tag.iter().all(|b| b.is_ascii_graphic() || *b == b' '))
        .then(|| Sniffed::new(mime, format))
}

/// Where `needle` first occurs in `hay`: a scan for its first byte, then a compare (cheaper
/// than comparing every window, which the PDF header search did for every file).
fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let (&first, rest) = needle.split_first()?;
    let mut at = 0;
    while let Some(i) = hay.get(at..)?.iter().position(|&b| b == first) {
        let start = at + i;
        if hay.get(start + 1..start + needle.len()) == Some(rest) {
            return Some(start);
        }
        at = start + 1;
    }
    None
}

fn mach_o(head: &[u8]) -> Option<Sniffed> {
    let magic = be32(head, 0)?;
    let mach = Sniffed::new("application/x-mach-binary", "mach-o").danger(Danger::Executable);
    match magic {
        0xFEED_FACE | 0xFEED_FACF | 0xCEFA_EDFE | 0xCFFA_EDFE => Some(mach),
        // Fat binaries and Java classes share 0xCAFEBABE; a fat header's next word is a small
        // architecture count, a class file's is its version (45 and up).
        0xCAFE_BABE if be32(head, 4)? < 45 => Some(mach),
        0xCAFE_BABE => Some(Sniffed::new("application/java-vm", "class")),
        _ => None,
    }
}

/// An OLE compound file: legacy Word/Excel/PowerPoint, MSI, or something else, told apart by
/// the names in its directory (a few bounded reads), which also show VBA macros.
fn ole(src: &mut Source<'_>) -> Sniffed {
    let names = ole_names(src);
    let has = |n: &str| names.iter().any(|x| x.eq_ignore_ascii_case(n));
    let msi = names.first().map(String::as_str) == Some("\u{0}msi");
    let macros = has("_VBA_PROJECT") || has("_VBA_PROJECT_CUR") || has("VBA") || has("Macros");
    let mut found = if msi {
        Sniffed::new("application/x-msi", "msi").danger(Danger::Executable)
    } else if has("WordDocument") {
        Sniffed::new("application/msword", "doc")
    } else if has("Workbook") || has("Book") {
        Sniffed::new("application/vnd.ms-excel", "xls")
    } else if has("PowerPoint Document") {
        Sniffed::new("application/vnd.ms-powerpoint", "ppt")
    } else {
        Sniffed::new("application/x-ole-storage", "ole")
    };
    if macros {
        found.add_danger(Danger::OfficeMacros);
    }
    found
}

/// Directory entry names, following the directory's sector chain through the FAT. The root
/// entry of an MSI database (recognised by its class id) is reported as `"\0msi"`.
fn ole_names(src: &mut Source<'_>) -> Vec<String> {
    const MSI_CLSID: [u8; 16] = [
        0x84, 0x10, 0x0C, 0x00, 0x00, 0x00, 0x00, 0x00, 0xC0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x46,
    ];
    let head = src.head();
    let mut names = Vec::new();
    let shift = match le16(head, 0x1E) {
        Some(s @ (9 | 12)) => u32::from(s),
        _ => return names,
    };
    let sector_size = 1u64 << shift;
    let per_fat_sector = sector_size / 4;
    let difat: Vec<u32> = (0..109).filter_map(|i| le32(head, 0x4C + 4 * i)).collect();
    let mut sector = match le32(head, 0x30) {
        Some(s) => s,
        None => return names,
    };
    for _ in 0..MAX_OLE_DIR_SECTORS {
        if sector >= 0xFFFF_FFFA {
            break;
        }
        let Some(offset) = (u64::from(sector) + 1).checked_mul(sector_size) else {
            break;
        };
        let dir = src.read_at(offset, sector_size as usize);
        for entry in dir.chunks_exact(128) {
            let len = usize::from(le16(entry, 64).unwrap_or(0)).min(64);
            let units: Vec<u16> = (0..len.saturating_sub(2) / 2)
                .filter_map(|i| le16(entry, 2 * i))
                .collect();
            let name = String::from_utf16_lossy(&units);
            if names.is_empty() && entry.get(80..96) == Some(&MSI_CLSID[..]) {
                names.push("\u{0}msi".to_owned());
            }
            if !name.is_empty() {
                names.push(name);
            }
        }
        // The next directory sector, from the FAT.
        let fat_index = u64::from(sector) / per_fat_sector;
        let Some(&fat_sector) = usize::try_from(fat_index).ok().and_then(|i| difat.get(i)) else {
            break;
        };
        let Some(at) = (u64::from(fat_sector) + 1)
            .checked_mul(sector_size)
            .and_then(|base| base.checked_add((u64::from(sector) % per_fat_sector) * 4))
        else {
            break;
        };
        match le32(&src.read_at(at, 4), 0) {
            Some(next) if next != sector => sector = next,
            _ => break,
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::super::sniff_head;
    use super::*;

    #[test]
    fn executables_are_dangerous() {
        let mut elf = b"\x7FELF\x02\x01\x01".to_vec();
        elf.resize(64, 0);
        assert_eq!(sniff_head(&elf).dangers, vec![Danger::Executable]);
        let mut pe = vec![0u8; 256];
        pe[..2].copy_from_slice(b"MZ");
        pe[0x3C] = 0x80;
        pe[0x80..0x84].copy_from_slice(b"PE\0\0");
        let s = sniff_head(&pe);
        assert_eq!(
            s.mime,
            Some("application/vnd.microsoft.portable-executable")
        );
        assert!(s.is_dangerous());
        let macho = b"\xCF\xFA\xED\xFE\x07\0\0\x01\x03\0\0\0";
        assert_eq!(sniff_head(macho).mime, Some("application/x-mach-binary"));
        let class = b"\xCA\xFE\xBA\xBE\0\0\0\x34";
        assert_eq!(sniff_head(class).mime, Some("application/java-vm"));
    }

    #[test]
    fn ole_directory_names_tell_word_and_macros() {
        let mut doc = vec![0u8; 512 * 4];
        doc[..8].copy_from_slice(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1");
        doc[0x1E] = 9;
        doc[0x30..0x34].copy_from_slice(&1u32.to_le_bytes()); // directory at sector 1
        doc[0x4C..0x50].copy_from_slice(&0u32.to_le_bytes()); // FAT at sector 0
                                                              // FAT (sector 0, offset 512): sector 1 ends its chain.
        doc[512 + 4..512 + 8].copy_from_slice(&0xFFFF_FFFEu32.to_le_bytes());
        let dir = 1024;
        for (i, name) in ["Root Entry", "WordDocument", "Macros"].iter().enumerate() {
            let units: Vec<u16> = name.encode_utf16().chain([0]).collect();
            let at = dir + 128 * i;
            for (j, u) in units.iter().enumerate() {
                doc[at + 2 * j..at + 2 * j + 2].copy_from_slice(&u.to_le_bytes());
            }
            doc[at + 64..at + 66].copy_from_slice(&((units.len() * 2) as u16).to_le_bytes());
        }
        let s = sniff_head(&doc);
        assert_eq!(s.mime, Some("application/msword"));
        assert_eq!(s.dangers, vec![Danger::OfficeMacros]);
    }

    #[test]
    fn fonts_need_a_table_directory() {
        let ttf = b"\0\x01\0\0\0\x0f\0\x80\0\x03\0\x70GDEF\0\0\0\0";
        assert_eq!(sniff_head(ttf).mime, Some("font/ttf"));
        assert_eq!(font(b"\0\x01\0\0\0\0\0\0\0\0\0\0\x01\x02\x03\x04"), None);
    }

    #[test]
    fn find_is_a_substring_search() {
        assert_eq!(find(b"xx%PD%PDF-1", b"%PDF-"), Some(5));
        assert_eq!(find(b"%PDF", b"%PDF-"), None);
        assert_eq!(find(b"", b"%"), None);
        assert_eq!(find(b"abc", b""), None);
    }

    #[test]
    fn pdf_and_rtf() {
        assert_eq!(
            sniff_head(b"%PDF-1.7\n%\xe2\xe3").mime,
            Some("application/pdf")
        );
        let js = sniff_head(b"%PDF-1.4\n1 0 obj << /S /JavaScript /JS (app.alert(1)) >>");
        assert_eq!(js.dangers, vec![Danger::PdfJavascript]);
        let rtf = sniff_head(b"{\\rtf1\\ansi {\\object\\objemb {\\objdata 0102}}}");
        assert_eq!(
            (rtf.mime, rtf.dangers),
            (Some("application/rtf"), vec![Danger::RtfObject])
        );
    }
}
