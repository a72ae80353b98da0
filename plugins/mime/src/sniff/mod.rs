//! Content sniffing: what the bytes of a file are, whatever its name or declared type says.
//!
//! [`sniff`] looks at the in-memory head first; the few formats whose identity lies further in
//! (the zip central directory of office files, the track list of an MP4 whose `moov` box sits at
//! the end, an ID3 tag larger than the head, the rest of an SVG) get a bounded number of extra
//! reads of the file. The cost is therefore the same for a 1 KB and a 1 GB file.

mod archive;
mod binary;
mod headerless;
mod image;
mod isobmff;
mod matroska;
mod media;
mod metafile;
mod mpeg;
mod ogg;
mod raster;
mod riff;
mod source;
mod stub;
mod text;
mod zip;

use std::io::{Read, Seek};

use serde::Serialize;

use self::source::Source;

/// Why content counts as dangerous: a viewer might execute it or render it as active content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Danger {
    /// HTML or XHTML: a browser runs its scripts.
    Html,
    /// SVG with scripts, event handlers, `javascript:` links or embedded HTML.
    SvgScript,
    /// SVG too large to scan within the read budget: treated as unsafe.
    SvgUnscanned,
    /// XML carrying scripts or the XHTML namespace.
    XmlActive,
    /// A native executable (ELF, PE, Mach-O, DOS) or a Windows shortcut.
    Executable,
    /// A script with a `#!` interpreter line.
    Script,
    /// An office file with VBA or Excel 4.0 macros, or an ODF file with Basic or scripts.
    OfficeMacros,
    /// A Java archive or Android package: runnable code.
    RunnableArchive,
    /// A zip archive that holds an executable or script entry (`.exe`, `.js`, `.lnk`, …).
    ArchivedExecutable,
    /// A PDF with JavaScript or a launch action (seen in its head).
    PdfJavascript,
    /// An RTF with embedded objects (the usual exploit carrier).
    RtfObject,
    /// The declared type itself is active (`text/html`, `application/javascript`, an
    /// executable type): a viewer trusting it would run the content.
    DeclaredActive,
    /// The declared file name would make a desktop run text content (`invoice.js`,
    /// `setup.bat`, `page.hta`): scripts without a `#!` line are only recognisable that way.
    RunnableName,
}

impl Danger {
    /// The reason's name as the report shows it (`svg_script`, `executable`, …).
    pub fn as_str(&self) -> &'static str {
        match self {
            Self::Html => "html",
            Self::SvgScript => "svg_script",
            Self::SvgUnscanned => "svg_unscanned",
            Self::XmlActive => "xml_active",
            Self::Executable => "executable",
            Self::Script => "script",
            Self::OfficeMacros => "office_macros",
            Self::RunnableArchive => "runnable_archive",
            Self::ArchivedExecutable => "archived_executable",
            Self::PdfJavascript => "pdf_javascript",
            Self::RtfObject => "rtf_object",
            Self::DeclaredActive => "declared_active",
            Self::RunnableName => "runnable_name",
        }
    }
}

/// What [`sniff`] found.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Sniffed {
    /// The type the bytes show, lower case (`audio/ogg`, `video/mp4`, …); `None` when unknown
    /// (also for empty files).
    pub mime: Option<&'static str>,
    /// A finer label than the MIME type: `ogg`, `m4a`, `3gp`, `docx`, `elf`, `utf8`, …;
    /// `stub` (with no `mime`) for a format's magic number with nothing behind it (an ID3 tag
    /// with no audio, a PNG signature with no `IHDR`): not a file of that format.
    pub format: Option<&'static str>,
    /// The codec where the container tells it cheaply: `opus`, `vorbis`, `flac`, `pcm`, …
    pub codec: Option<&'static str>,
    /// Whether an image holds an animation (WebP, GIF, APNG, HEIF sequences); `None` when it
    /// does not apply or is not known.
    pub animated: Option<bool>,
    /// Whether the container holds a video track, when the sniffer read its track list.
    pub has_video: Option<bool>,
    /// Whether the container holds an audio track, when the sniffer read its track list.
    pub has_audio: Option<bool>,
    /// Why the content is dangerous; empty when it is not.
    pub dangers: Vec<Danger>,
}

impl Sniffed {
    /// Whether a viewer might execute the content or render it as active content.
    pub fn is_dangerous(&self) -> bool {
        !self.dangers.is_empty()
    }

    pub(crate) fn new(mime: &'static str, format: &'static str) -> Self {
        Self {
            mime: Some(mime),
            format: Some(format),
            ..Self::default()
        }
    }

    /// A signature with nothing behind it: no type, and the sniff stops here (the bytes are
    /// not text or anything else either).
    pub(crate) fn stub() -> Self {
        Self {
            format: Some("stub"),
            ..Self::default()
        }
    }

    pub(crate) fn codec(mut self, codec: Option<&'static str>) -> Self {
        self.codec = codec;
        self
    }

    pub(crate) fn animated(mut self, animated: bool) -> Self {
        self.animated = Some(animated);
        self
    }

    pub(crate) fn danger(mut self, danger: Danger) -> Self {
        self.add_danger(danger);
        self
    }

    pub(crate) fn add_danger(&mut self, danger: Danger) {
        if !self.dangers.contains(&danger) {
            self.dangers.push(danger);
        }
    }
}

/// Sniffs the type of a file from its `head` (its first bytes; the whole file when short) and,
/// where a format needs it, a bounded number of reads of `file`.
///
/// Without `file`, formats whose identity lies past the head get a best guess from the head
/// (an MP4 whose track list is at the end is taken for video, a zip whose central directory is
/// out of reach is judged by its first local entries).
///
/// Never fails and never panics: unknown, empty or corrupt input gives `mime: None` or the best
/// guess the bytes allow.
///
/// ```
/// use pipes_media_mime::sniff;
/// let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89";
/// let found = sniff(png, None::<&mut std::fs::File>);
/// assert_eq!(found.mime, Some("image/png"));
/// assert_eq!(found.animated, Some(false));
/// ```
pub fn sniff<F: Read + Seek>(head: &[u8], file: Option<&mut F>) -> Sniffed {
    let file = file.map(|f| f as &mut dyn source::ReadSeek);
    let mut src = Source::new(head, file);
    sniff_source(&mut src)
}

/// [`sniff`] on the head alone, with no further reads.
pub fn sniff_head(head: &[u8]) -> Sniffed {
    sniff(head, None::<&mut std::io::Cursor<&[u8]>>)
}

fn sniff_source(src: &mut Source<'_>) -> Sniffed {
    let head = src.head();
    if head.is_empty() {
        return Sniffed::default();
    }
    // Fixed signatures first (the text-like ones, PostScript, FITS, netpbm, before the text
    // check); MPEG audio (a sync-word search) and text (a scan of the head) after them, as
    // they are weaker and costlier; formats with no signature at all (TGA, a headerless DIB)
    // last.
    let found = stub::sniff(src)
        .or_else(|| image::sniff(head))
        .or_else(|| raster::sniff(head))
        .or_else(|| metafile::sniff(head))
        .or_else(|| isobmff::sniff(src))
        .or_else(|| riff::sniff(head))
        .or_else(|| ogg::sniff(head))
        .or_else(|| matroska::sniff(head))
        .or_else(|| zip::sniff(src))
        .or_else(|| media::sniff(src))
        .or_else(|| archive::sniff(src))
        .or_else(|| binary::sniff(src))
        .or_else(|| media::sniff_ac3(head))
        .or_else(|| mpeg::sniff(src))
        .or_else(|| text::sniff(src))
        .or_else(|| sniff_catalogue(head))
        .or_else(|| headerless::sniff(src))
        .or_else(|| mpeg::sniff_padded(head))
        .or_else(|| binary::sniff_late(head));
    found.unwrap_or_default()
}

/// Everything else `infer` knows, for binary content our own rules did not claim. Text-like
/// matchers and those our rules handle better are left out.
fn sniff_catalogue(head: &[u8]) -> Option<Sniffed> {
    let kind = infer::get(head)?;
    let mime = match kind.mime_type() {
        // Handled (better) by our own rules, or too weak to trust alone.
        "text/html"
        | "text/xml"
        | "text/x-shellscript"
        | "audio/mpeg"
        | "audio/aac"
        | "application/vnd.microsoft.portable-executable"
        | "application/x-executable"
        | "application/zip"
        | "audio/m4a"
        | "video/mp4"
        | "video/quicktime"
        | "video/x-m4v"
        | "audio/x-wav"
        | "audio/ogg"
        | "audio/opus"
        | "image/webp"
        | "image/bmp"
        | "image/tiff"
        | "image/jpeg"
        | "image/png"
        | "image/gif"
        | "image/heif"
        | "image/avif"
        | "application/x-mach-binary"
        | "audio/x-flac"
        | "audio/amr"
        // Our own rules check these beyond the magic: when they said no, so do we.
        | "image/jp2"
        | "image/vnd.adobe.photoshop"
        | "image/vnd.microsoft.icon"
        | "application/gzip"
        | "application/x-bzip2"
        | "application/x-xz"
        | "application/zstd"
        | "application/x-lz4"
        | "application/x-7z-compressed"
        | "application/vnd.rar"
        | "application/x-tar"
        | "application/postscript"
        | "video/x-ms-wmv"
        | "video/x-flv"
        | "video/mpeg"
        | "audio/x-ape"
        | "audio/x-dsf" => return None,
        "application/font-woff" => "font/woff",
        "application/font-sfnt" => return None,
        other => other,
    };
    Some(Sniffed::new(mime, kind.extension()))
}

/// Big-endian `u16` at `at`, when the bytes are there.
pub(crate) fn be16(buf: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes(
        buf.get(at..at.checked_add(2)?)?.try_into().ok()?,
    ))
}

/// Big-endian `u32` at `at`, when the bytes are there.
pub(crate) fn be32(buf: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(
        buf.get(at..at.checked_add(4)?)?.try_into().ok()?,
    ))
}

/// Little-endian `u16` at `at`, when the bytes are there.
pub(crate) fn le16(buf: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(
        buf.get(at..at.checked_add(2)?)?.try_into().ok()?,
    ))
}

/// Little-endian `u32` at `at`, when the bytes are there.
pub(crate) fn le32(buf: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(
        buf.get(at..at.checked_add(4)?)?.try_into().ok()?,
    ))
}

/// File-name suffixes that make a desktop run the file when it is opened (Windows Script
/// Host, shells, installers, shortcuts, HTML applications, disk images that bypass
/// mark-of-the-web).
const RUNNABLE_SUFFIXES: &[&str] = &[
    ".exe", ".scr", ".com", ".pif", ".bat", ".cmd", ".msi", ".msp", ".dll", ".cpl", ".lnk", ".js",
    ".jse", ".vbs", ".vbe", ".wsf", ".wsh", ".hta", ".ps1", ".psm1", ".jar", ".apk", ".app", ".sh",
    ".command", ".reg", ".iso", ".img", ".vhd", ".vhdx", ".html", ".htm", ".svg", ".xll", ".appx",
    ".msix", ".scf", ".url", ".chm",
];

/// Whether a file (or archive entry) with this name would be run or rendered as active
/// content when opened, judging by its suffix (case-insensitive, trailing dots, spaces and
/// slashes ignored as Windows does).
pub(crate) fn is_runnable_name(name: &str) -> bool {
    let name = name.trim_end_matches(['/', ' ', '.']).to_ascii_lowercase();
    RUNNABLE_SUFFIXES.iter().any(|s| name.ends_with(s))
}

/// Whether `buf` holds `magic` at `at`.
pub(crate) fn has_at(buf: &[u8], at: usize, magic: &[u8]) -> bool {
    at.checked_add(magic.len())
        .and_then(|end| buf.get(at..end))
        .is_some_and(|b| b == magic)
}

/// Whether `needle` occurs in `hay`, ASCII case-insensitively.
pub(crate) fn contains_ci(hay: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty()
        && hay
            .windows(needle.len())
            .any(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_is_unknown() {
        let s = sniff_head(b"");
        assert_eq!(s.mime, None);
        assert!(!s.is_dangerous());
    }

    #[test]
    fn readers_are_bounds_checked() {
        assert_eq!(be32(b"\0\0\0\x05", 0), Some(5));
        assert_eq!(be32(b"\0\0\0", 0), None);
        assert_eq!(le16(b"\x01\x02", 1), None);
        assert!(has_at(b"abcd", 1, b"bc"));
        assert!(!has_at(b"abcd", usize::MAX, b"bc"));
        assert!(contains_ci(b"xx<SCRIPT", b"<script"));
    }

    #[test]
    fn archives_and_images_from_the_catalogue() {
        let cases: &[(&[u8], &str)] = &[
            (b"\x1f\x8b\x08\0\0\0\0\0\0\x03", "application/gzip"),
            (b"7z\xbc\xaf\x27\x1c\0\x04", "application/x-7z-compressed"),
            (b"Rar!\x1a\x07\x01\0", "application/vnd.rar"),
            (
                b"PK\x05\x06\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0",
                "application/zip",
            ),
            (b"BM\x36\0\0\0\0\0\0\0\x36\0\0\0\x28\0\0\0", "image/bmp"),
            (b"II*\0\x08\0\0\0", "image/tiff"),
            (b"MM\0*\0\0\0\x08", "image/tiff"),
            (b"#!AMR\n\x3c", "audio/amr"),
        ];
        for (bytes, want) in cases {
            assert_eq!(sniff_head(bytes).mime, Some(*want), "{bytes:?}");
        }
        // Text that happens to start like a weak signature stays text.
        assert_eq!(sniff_head(b"BMW is a car maker").mime, Some("text/plain"));
        assert_eq!(
            sniff_head(b"MZ is the DOS signature").mime,
            Some("text/plain")
        );
    }
}
