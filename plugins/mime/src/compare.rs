//! Comparing a declared type with the sniffed one: normalising parameters and aliases, then
//! [`Verdict`]s by format, container family and specialisation.

use pipes_media_core::Verdict;

use crate::sniff::Sniffed;

/// A declared MIME type, parsed: its essence (lower case, aliases resolved) and the codecs its
/// parameters name (`codecs=opus`, or implied by the type, as `audio/opus` implies Opus).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct DeclaredType {
    /// The canonical essence, e.g. `image/jpeg` for a declared `image/jpg`.
    pub mime: String,
    /// Codec names in our vocabulary (`opus`, `vorbis`, `aac`, `h264`, …), possibly empty.
    pub codecs: Vec<String>,
}

impl DeclaredType {
    /// Parses a declared type such as `audio/ogg; codecs="opus"`. `None` when nothing useful
    /// was declared: absent, empty, malformed or a generic binary type
    /// (`application/octet-stream` and friends).
    pub fn parse(raw: &str) -> Option<Self> {
        let mut parts = raw.split(';');
        let essence = parts.next().unwrap_or_default().trim().to_ascii_lowercase();
        let (kind, sub) = essence.split_once('/')?;
        if kind.is_empty() || sub.is_empty() || GENERIC.contains(&essence.as_str()) {
            return None;
        }
        let (mime, implied) = canonical(&essence);
        let mut codecs: Vec<String> = parts
            .filter_map(|p| p.split_once('='))
            .filter(|(k, _)| k.trim().eq_ignore_ascii_case("codecs"))
            .flat_map(|(_, v)| {
                v.trim()
                    .trim_matches('"')
                    .split(',')
                    .map(codec_name)
                    .collect::<Vec<_>>()
            })
            .filter(|c| !c.is_empty())
            .collect();
        if let Some(c) = implied {
            codecs.push(c.to_owned());
        }
        Some(Self {
            mime: mime.to_owned(),
            codecs,
        })
    }
}

/// Declared types that say nothing about the content.
const GENERIC: &[&str] = &[
    "application/octet-stream",
    "binary/octet-stream",
    "application/binary",
    "application/unknown",
    "application/x-unknown",
    "application/download",
    "application/x-download",
    "application/force-download",
    "unknown/unknown",
    "*/*",
];

/// The canonical form of a MIME essence (already lower case), and the codec it implies.
pub fn canonical(essence: &str) -> (&str, Option<&'static str>) {
    let mime = match essence {
        "image/jpg" | "image/pjpeg" | "image/jpe" => "image/jpeg",
        "image/x-png" | "image/apng" | "image/vnd.mozilla.apng" => "image/png",
        "image/x-ms-bmp" | "image/x-bmp" | "image/x-windows-bmp" => "image/bmp",
        "image/heic-sequence" => "image/heic",
        "image/heif-sequence" => "image/heif",
        "image/avif-sequence" => "image/avif",
        "image/svg" => "image/svg+xml",
        "image/x-icon" | "image/ico" | "image/icon" => "image/vnd.microsoft.icon",
        "image/x-portable-greymap" => "image/x-portable-graymap",
        "image/x-targa" | "image/targa" | "image/tga" => "image/x-tga",
        "image/x-psd" | "image/psd" | "image/photoshop" | "application/x-photoshop" => {
            "image/vnd.adobe.photoshop"
        }
        "image/x-dds" | "image/vnd-ms.dds" => "image/vnd.ms-dds",
        "image/qoi" => "image/x-qoi",
        "image/vnd.zbrush.pcx" | "image/pcx" => "image/x-pcx",
        "image/x-fits" | "application/fits" => "image/fits",
        "image/x-wmf" | "application/x-msmetafile" | "image/x-win-metafile" => "image/wmf",
        "image/x-emf" => "image/emf",
        "image/x-eps" | "image/eps" | "application/eps" | "application/x-eps" => {
            "application/postscript"
        }
        "audio/vnd.dolby.dd-raw" | "audio/x-ac3" => "audio/ac3",
        "audio/x-eac3" | "audio/ec3" => "audio/eac3",
        "audio/x-hx-aac-adif" => "audio/aac",
        "application/x-hdf" => "application/x-hdf5",
        "video/x-ms-wmv" | "application/vnd.ms-asf" | "video/x-ms-wm" => "video/x-ms-asf",
        "audio/x-ms-wax" => "audio/x-ms-wma",
        "video/x-flic" => "video/x-flc",
        "application/x-cd-image" | "application/x-iso9660" => "application/x-iso9660-image",
        "application/x-bzip" | "application/bzip2" => "application/x-bzip2",
        "application/x-zstd" => "application/zstd",
        "image/tif" | "image/x-tiff" => "image/tiff",
        "audio/x-m4a" | "audio/m4a" | "audio/x-mp4" | "audio/mp4a-latm" | "audio/x-m4b" => {
            "audio/mp4"
        }
        "audio/mp3" | "audio/x-mp3" | "audio/mpeg3" | "audio/x-mpeg" | "audio/x-mpeg-3"
        | "audio/mpg" | "audio/x-mpg" => "audio/mpeg",
        "audio/x-wav" | "audio/wave" | "audio/vnd.wave" | "audio/x-pn-wav" | "audio/vnd.wav" => {
            "audio/wav"
        }
        "audio/x-flac" => "audio/flac",
        "audio/x-aac" | "audio/aacp" | "audio/x-hx-aac-adts" | "audio/vnd.dlna.adts" => "audio/aac",
        "audio/x-amr" => "audio/amr",
        "audio/x-ogg" => "audio/ogg",
        "audio/x-matroska" => "audio/x-matroska",
        "video/x-m4v" | "video/mp4v-es" => "video/mp4",
        "video/mkv" | "video/x-mkv" => "video/x-matroska",
        "video/3gp" => "video/3gpp",
        "audio/3gp" => "audio/3gpp",
        "video/avi" | "video/msvideo" => "video/x-msvideo",
        "video/mov" => "video/quicktime",
        "application/x-pdf" | "application/acrobat" | "text/pdf" => "application/pdf",
        "application/x-zip-compressed" | "application/x-zip" | "multipart/x-zip" => {
            "application/zip"
        }
        "application/x-gzip" | "application/gzip-compressed" => "application/gzip",
        "application/x-rar-compressed" | "application/x-rar" => "application/vnd.rar",
        "application/x-7z" => "application/x-7z-compressed",
        "application/xml" => "text/xml",
        "text/x-vcard" | "text/directory" => "text/vcard",
        "text/rtf" => "application/rtf",
        "application/x-msdownload"
        | "application/x-msdos-program"
        | "application/exe"
        | "application/x-exe"
        | "application/x-winexe"
        | "application/x-ms-dos-executable" => "application/vnd.microsoft.portable-executable",
        "application/x-elf" | "application/x-sharedlib" | "application/x-pie-executable" => {
            "application/x-executable"
        }
        "application/x-sh" | "application/x-shellscript" | "text/x-sh" => "text/x-shellscript",
        "application/x-python" | "text/x-python3" | "text/x-script.python" => "text/x-python",
        "application/javascript"
        | "application/x-javascript"
        | "application/ecmascript"
        | "text/ecmascript" => "text/javascript",
        "application/x-httpd-php" => "application/x-php",
        "audio/opus" | "audio/x-opus+ogg" => return ("audio/ogg", Some("opus")),
        "audio/vorbis" | "audio/x-vorbis+ogg" | "audio/x-vorbis" => {
            return ("audio/ogg", Some("vorbis"))
        }
        "audio/x-flac+ogg" => return ("audio/ogg", Some("flac")),
        other => other,
    };
    (mime, None)
}

/// Compares the declared type (`declared_raw`, parameters included) with what was sniffed.
///
/// - `unknown`: nothing useful was declared (absent, `application/octet-stream`…), or the bytes
///   match no known type;
/// - `match`: the same format, after aliases (`image/jpg` = `image/jpeg`, `audio/x-m4a` =
///   `audio/mp4`, `audio/opus` = Ogg Opus);
/// - `compatible`: the same container family (`video/mp4` vs `audio/mp4` vs `video/3gpp`,
///   WebM vs Matroska, HEIC vs HEIF), a generic declared type for a specific content
///   (`application/zip` for a docx, `text/plain` for a vCard), or the right format with a
///   declared codec that the content contradicts (`audio/ogg; codecs=opus` holding Vorbis);
/// - `mismatch`: anything else.
///
/// ```
/// use pipes_media_core::Verdict;
/// use pipes_media_mime::{compare, sniff_head};
/// let ogg_opus = b"OggS\0\x02\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x01\x13OpusHead\x01\x01\x38\x01\x80\xbb\0\0\0\0\0";
/// let sniffed = sniff_head(ogg_opus);
/// assert_eq!(compare(Some("audio/ogg; codecs=opus"), &sniffed), Verdict::Match);
/// assert_eq!(compare(Some("audio/ogg; codecs=vorbis"), &sniffed), Verdict::Compatible);
/// assert_eq!(compare(Some("image/jpeg"), &sniffed), Verdict::Mismatch);
/// assert_eq!(compare(Some("application/octet-stream"), &sniffed), Verdict::Unknown);
/// ```
pub fn compare(declared_raw: Option<&str>, sniffed: &Sniffed) -> Verdict {
    let (Some(declared), Some(found)) = (declared_raw.and_then(DeclaredType::parse), sniffed.mime)
    else {
        return Verdict::Unknown;
    };
    let declared_mime = declared.mime.as_str();
    if declared_mime == found {
        let contradicts = match sniffed.codec {
            Some(codec) => {
                !declared.codecs.is_empty() && !declared.codecs.iter().any(|c| c == codec)
            }
            None => false,
        };
        return if contradicts {
            Verdict::Compatible
        } else {
            Verdict::Match
        };
    }
    if related(declared_mime, found) {
        Verdict::Compatible
    } else {
        Verdict::Mismatch
    }
}

/// Whether a declared type is itself active content: a viewer that trusts it would run or
/// render the bytes as script, markup or a program.
pub fn is_active_type(declared_raw: &str) -> bool {
    let Some(declared) = DeclaredType::parse(declared_raw) else {
        return false;
    };
    matches!(
        declared.mime.as_str(),
        "text/html"
            | "application/xhtml+xml"
            | "text/javascript"
            | "application/hta"
            | "text/x-shellscript"
            | "text/x-python"
            | "text/x-perl"
            | "application/x-php"
            | "text/x-powershell"
            | "application/vnd.microsoft.portable-executable"
            | "application/x-executable"
            | "application/x-mach-binary"
            | "application/x-dosexec"
            | "application/x-msi"
            | "application/x-ms-shortcut"
            | "application/java-archive"
            | "application/vnd.android.package-archive"
            | "application/x-bat"
            | "application/x-msdos-batch"
    )
}

/// Same container family, or one type a generic form of the other.
fn related(declared: &str, found: &str) -> bool {
    if let (Some(a), Some(b)) = (family(declared), family(found)) {
        if a == b {
            return true;
        }
    }
    // A generic declaration of specific content: `application/zip` for a docx.
    if parent(found) == Some(declared) {
        return true;
    }
    // Specific declaration, content only sniffed coarsely (we cannot tell finer).
    if matches!(found, "text/plain" | "application/x-ole-storage")
        && parent(declared) == Some(found)
    {
        return true;
    }
    matches!(
        (declared, found),
        ("audio/aac", "audio/mp4")
            | ("audio/mp4", "audio/aac")
            | (
                "application/vnd.ms-word.document.macroenabled.12",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            )
            | (
                "application/vnd.ms-excel.sheet.macroenabled.12",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            )
            | (
                "application/vnd.ms-powerpoint.presentation.macroenabled.12",
                "application/vnd.openxmlformats-officedocument.presentationml.presentation"
            )
    )
}

fn family(mime: &str) -> Option<&'static str> {
    Some(match mime {
        "video/mp4" | "audio/mp4" | "video/3gpp" | "audio/3gpp" | "video/3gpp2" | "audio/3gpp2"
        | "video/quicktime" => "isobmff",
        "video/webm" | "audio/webm" | "video/x-matroska" | "audio/x-matroska" => "matroska",
        "audio/ogg" | "video/ogg" | "application/ogg" => "ogg",
        "image/heic" | "image/heif" | "image/avif" => "heif",
        "video/x-ms-asf" | "audio/x-ms-wma" => "asf",
        "video/x-fli" | "video/x-flc" => "flic",
        "audio/amr" | "audio/amr-wb" => "amr",
        _ => return None,
    })
}

/// The generic type a specific one is a kind of.
fn parent(mime: &str) -> Option<&'static str> {
    Some(match mime {
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        | "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        | "application/vnd.openxmlformats-officedocument.presentationml.presentation"
        | "application/vnd.ms-word.document.macroenabled.12"
        | "application/vnd.ms-excel.sheet.macroenabled.12"
        | "application/vnd.ms-powerpoint.presentation.macroenabled.12"
        | "application/vnd.oasis.opendocument.text"
        | "application/vnd.oasis.opendocument.spreadsheet"
        | "application/vnd.oasis.opendocument.presentation"
        | "application/vnd.oasis.opendocument.graphics"
        | "application/epub+zip"
        | "application/java-archive"
        | "application/vnd.android.package-archive" => "application/zip",
        "application/msword"
        | "application/vnd.ms-excel"
        | "application/vnd.ms-powerpoint"
        | "application/x-msi" => "application/x-ole-storage",
        "image/svg+xml" | "application/xhtml+xml" => "text/xml",
        "text/html" => return None,
        "application/json"
        | "application/x-yaml"
        | "application/yaml"
        | "application/toml"
        | "application/sql"
        | "application/ld+json"
        | "application/x-php"
        | "text/javascript" => "text/plain",
        m if m.starts_with("text/") && m != "text/plain" => "text/plain",
        _ => return None,
    })
}

/// A codec as a `codecs=` parameter names it, in our vocabulary.
fn codec_name(raw: &str) -> String {
    let raw = raw.trim().trim_matches('"').to_ascii_lowercase();
    let base = raw.split('.').next().unwrap_or_default();
    match base {
        "avc1" | "avc3" | "h264" => "h264",
        "hvc1" | "hev1" | "hevc" | "h265" => "hevc",
        "mp4a" | "aac" => "aac",
        "vp09" | "vp9" => "vp9",
        "vp8" => "vp8",
        "av01" | "av1" => "av1",
        "s263" | "h263" => "h263",
        "mp4v" => "mpeg4",
        other => return other.to_owned(),
    }
    .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sniffed(mime: &'static str, codec: Option<&'static str>) -> Sniffed {
        Sniffed {
            mime: Some(mime),
            codec,
            ..Sniffed::default()
        }
    }

    #[test]
    fn aliases_and_params_match() {
        let jpeg = sniffed("image/jpeg", None);
        assert_eq!(compare(Some("image/jpg"), &jpeg), Verdict::Match);
        assert_eq!(
            compare(Some("IMAGE/JPEG; charset=binary"), &jpeg),
            Verdict::Match
        );
        let m4a = sniffed("audio/mp4", Some("aac"));
        assert_eq!(compare(Some("audio/x-m4a"), &m4a), Verdict::Match);
        assert_eq!(compare(Some("audio/aac"), &m4a), Verdict::Compatible);
        let opus = sniffed("audio/ogg", Some("opus"));
        assert_eq!(
            compare(Some("audio/ogg; codecs=opus"), &opus),
            Verdict::Match
        );
        assert_eq!(compare(Some("audio/ogg"), &opus), Verdict::Match);
        assert_eq!(compare(Some("audio/opus"), &opus), Verdict::Match);
        let vorbis = sniffed("audio/ogg", Some("vorbis"));
        assert_eq!(
            compare(Some("audio/ogg; codecs=\"opus\""), &vorbis),
            Verdict::Compatible
        );
        assert_eq!(compare(Some("audio/opus"), &vorbis), Verdict::Compatible);
    }

    #[test]
    fn families_and_generic_types_are_compatible() {
        let g3 = sniffed("video/3gpp", None);
        assert_eq!(compare(Some("audio/3gpp"), &g3), Verdict::Compatible);
        assert_eq!(
            compare(Some("video/mp4"), &sniffed("audio/mp4", None)),
            Verdict::Compatible
        );
        let docx = sniffed(
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            None,
        );
        assert_eq!(compare(Some("application/zip"), &docx), Verdict::Compatible);
        let zip = sniffed("application/zip", None);
        assert_eq!(
            compare(
                Some("application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
                &zip
            ),
            Verdict::Mismatch
        );
        let vcard = sniffed("text/vcard", None);
        assert_eq!(compare(Some("text/plain"), &vcard), Verdict::Compatible);
        assert_eq!(compare(Some("text/x-vcard"), &vcard), Verdict::Match);
        assert_eq!(
            compare(Some("text/plain"), &sniffed("text/html", None)),
            Verdict::Mismatch
        );
    }

    #[test]
    fn long_tail_aliases_and_families() {
        let cases = [
            ("image/x-icon", "image/vnd.microsoft.icon", Verdict::Match),
            (
                "image/x-portable-greymap",
                "image/x-portable-graymap",
                Verdict::Match,
            ),
            ("image/x-eps", "application/postscript", Verdict::Match),
            ("audio/vnd.dolby.dd-raw", "audio/ac3", Verdict::Match),
            ("audio/x-hx-aac-adif", "audio/aac", Verdict::Match),
            ("video/x-ms-wmv", "video/x-ms-asf", Verdict::Match),
            ("video/x-ms-wmv", "audio/x-ms-wma", Verdict::Compatible),
            ("video/x-flic", "video/x-fli", Verdict::Compatible),
            // E-AC-3 is not AC-3: an AC-3 decoder cannot play it.
            ("audio/ac3", "audio/eac3", Verdict::Mismatch),
        ];
        for (declared, found, want) in cases {
            assert_eq!(
                compare(Some(declared), &sniffed(found, None)),
                want,
                "{declared}"
            );
        }
    }

    #[test]
    fn unknowns_and_mismatches() {
        let png = sniffed("image/png", None);
        assert_eq!(compare(Some("application/pdf"), &png), Verdict::Mismatch);
        assert_eq!(compare(None, &png), Verdict::Unknown);
        assert_eq!(
            compare(Some("application/octet-stream"), &png),
            Verdict::Unknown
        );
        assert_eq!(compare(Some("garbage"), &png), Verdict::Unknown);
        assert_eq!(
            compare(Some("image/jpeg"), &Sniffed::default()),
            Verdict::Unknown
        );
        assert!(is_active_type("text/html; charset=utf-8"));
        assert!(is_active_type("application/x-msdownload"));
        assert!(!is_active_type("image/jpeg"));
    }
}
