//! Turning untrusted names (file names, message ids from the wire) into safe path components.

/// Longest component this module produces, in bytes (well under every filesystem's 255).
pub const MAX_COMPONENT: usize = 120;

/// Makes `raw` safe to use as **one** path component inside a directory we own.
///
/// Keeps letters and digits of any script, `.`, `-` and `_`; every other character (separators,
/// control characters, spaces, `:` …) becomes `_`, runs of `_` collapse. Leading dots are removed
/// (no hidden files, no `..`), Windows device names get a `_` prefix, the result is cut to
/// [`MAX_COMPONENT`] bytes keeping the extension, and an empty result becomes `fallback`.
///
/// ```
/// use pipes_media_core::sink::sanitize::path_component;
/// assert_eq!(path_component("../../etc/passwd", "x"), "etc_passwd");
/// assert_eq!(path_component("/abs/path.pdf", "x"), "abs_path.pdf");
/// assert_eq!(path_component("..", "x"), "x");
/// assert_eq!(path_component("Фото 1.jpg", "x"), "Фото_1.jpg");
/// assert!(path_component(&"a".repeat(10_000), "x").len() <= 120);
/// ```
pub fn path_component(raw: &str, fallback: &str) -> String {
    let mut out = String::with_capacity(raw.len().min(4096));
    for c in raw.chars() {
        let keep = c.is_alphanumeric() || matches!(c, '.' | '-' | '_');
        let c = if keep { c } else { '_' };
        if c == '_' && out.ends_with('_') {
            continue;
        }
        out.push(c);
    }
    let trimmed = out
        .trim_start_matches(['.', '_'])
        .trim_end_matches(['_', '.']);
    let mut name = truncate_keeping_extension(trimmed, MAX_COMPONENT);
    if name.is_empty() {
        name = fallback
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .collect();
        if name.is_empty() {
            name = "file".to_owned();
        }
    }
    if is_windows_device(&name) {
        name.insert(0, '_');
    }
    name
}

fn truncate_keeping_extension(name: &str, max: usize) -> String {
    if name.len() <= max {
        return name.to_owned();
    }
    let (stem, ext) = match name.rfind('.') {
        Some(dot) if name.len() - dot <= 12 && dot > 0 => (&name[..dot], &name[dot..]),
        _ => (name, ""),
    };
    let mut cut = max.saturating_sub(ext.len());
    while !stem.is_char_boundary(cut) {
        cut -= 1;
    }
    format!("{}{}", stem[..cut].trim_end_matches(['.', '_']), ext)
}

fn is_windows_device(name: &str) -> bool {
    let stem = name
        .split('.')
        .next()
        .unwrap_or_default()
        .to_ascii_uppercase();
    matches!(stem.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || ((stem.starts_with("COM") || stem.starts_with("LPT"))
            && stem.len() == 4
            && stem.as_bytes()[3].is_ascii_digit())
}

/// Longest message id used as it is in a name; longer ids are shortened and tagged.
const MAX_PLAIN_ID: usize = 80;

/// The folder (and name prefix) of one message's files: unique per message id.
///
/// An id made only of the protocol's characters (`A-Z a-z 0-9 _ -`, assumption A14), at most 80
/// bytes long and not a device name, is used as it is. Any other id (one the sanitiser would
/// change: `.`, `..`, the empty id, separators, ids sharing their first 80 bytes) becomes its
/// sanitised, shortened form, `~` and 32 hex digits of its SHA-256. `~` never occurs in a plain
/// id, so a plain id cannot take a tagged one's name, and two tagged names are equal only if
/// two ids share a 128-bit hash.
///
/// ```
/// use pipes_media_core::sink::sanitize::message_dir;
/// assert_eq!(message_dir("msg_4Qe81"), "msg_4Qe81");
/// assert_ne!(message_dir("a/b"), message_dir("a:b"));
/// assert_ne!(message_dir("."), message_dir(".."));
/// assert!(message_dir("").starts_with("message~"));
/// ```
pub fn message_dir(id: &str) -> String {
    let plain = !id.is_empty()
        && id.len() <= MAX_PLAIN_ID
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        && !is_windows_device(id);
    if plain {
        return id.to_owned();
    }
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(id.as_bytes());
    let tag = hex::encode(&digest[..16]);
    let mut stem = path_component(id, "message");
    let mut cut = stem.len().min(MAX_PLAIN_ID - 10);
    while !stem.is_char_boundary(cut) {
        cut -= 1;
    }
    stem.truncate(cut);
    format!("{}~{tag}", stem.trim_end_matches(['.', '_']))
}

/// `<message dir>-<file name>`: the name of a message's media, unique per message whatever the
/// file name, at most [`MAX_COMPONENT`] bytes (the file name is shortened, keeping its
/// extension, never the message's part).
///
/// ```
/// use pipes_media_core::sink::sanitize::{media_name, MAX_COMPONENT};
/// assert_eq!(media_name("msg_1", "../photo.jpg"), "msg_1-photo.jpg");
/// let long = media_name(&"x".repeat(200), &"y".repeat(300));
/// assert!(long.len() <= MAX_COMPONENT);
/// ```
pub fn media_name(message_id: &str, file_name: &str) -> String {
    let dir = message_dir(message_id);
    let room = MAX_COMPONENT.saturating_sub(dir.len() + 1);
    let name = truncate_keeping_extension(&path_component(file_name, "media"), room);
    let name = name.trim_start_matches(['.', '_']);
    if name.is_empty() {
        dir
    } else {
        format!("{dir}-{name}")
    }
}

/// The usual file extension for a MIME type, for media that came without a file name.
pub fn extension_for_mime(mime: &str) -> Option<&'static str> {
    let essence = mime.split(';').next().unwrap_or_default().trim();
    Some(match essence.to_ascii_lowercase().as_str() {
        "image/jpeg" | "image/jpg" => "jpg",
        "image/png" => "png",
        "image/webp" => "webp",
        "image/gif" => "gif",
        "image/bmp" => "bmp",
        "image/tiff" => "tif",
        "image/heic" => "heic",
        "image/avif" => "avif",
        "audio/ogg" | "audio/opus" => "ogg",
        "audio/mpeg" | "audio/mp3" => "mp3",
        "audio/mp4" | "audio/x-m4a" | "audio/aac" => "m4a",
        "audio/amr" => "amr",
        "audio/wav" | "audio/x-wav" | "audio/wave" => "wav",
        "audio/flac" | "audio/x-flac" => "flac",
        "video/mp4" => "mp4",
        "video/3gpp" | "audio/3gpp" => "3gp",
        "video/webm" | "audio/webm" => "webm",
        "video/quicktime" => "mov",
        "application/pdf" => "pdf",
        "text/plain" => "txt",
        "application/zip" => "zip",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_names_stay_one_component() {
        let cases = [
            "../../x.pdf",
            "..\\..\\x.pdf",
            "/etc/passwd",
            "C:\\Windows\\system32",
            "a/../../b",
            "\u{0}\u{1}\u{7f}name\n\r\t.txt",
            ".hidden",
            "...",
            "",
            " ",
            "CON",
            "con.txt",
            "COM1.jpg",
            "ﬁle\u{202e}gpj.exe",
        ];
        for raw in cases {
            let s = path_component(raw, "fallback");
            assert!(!s.is_empty());
            assert!(
                !s.contains('/') && !s.contains('\\') && !s.contains('\0'),
                "{raw:?} -> {s:?}"
            );
            assert!(!s.starts_with('.'), "{raw:?} -> {s:?}");
            assert!(s != "." && s != "..");
            assert!(s.chars().all(|c| !c.is_control()), "{raw:?} -> {s:?}");
            assert!(s.len() <= MAX_COMPONENT);
        }
        assert_eq!(path_component("CON", "x"), "_CON");
        assert_eq!(path_component("", "fb"), "fb");
    }

    #[test]
    fn long_names_keep_their_extension() {
        let s = path_component(&format!("{}.pdf", "é".repeat(5000)), "x");
        assert!(s.ends_with(".pdf"));
        assert!(s.len() <= MAX_COMPONENT);
    }

    proptest::proptest! {
        #[test]
        fn any_string_is_a_single_safe_component(raw in "\\PC{0,400}") {
            let s = path_component(&raw, "x");
            let path = std::path::Path::new(&s);
            let mut components = path.components();
            let first = components.next();
            proptest::prop_assert!(matches!(first, Some(std::path::Component::Normal(_))));
            proptest::prop_assert!(components.next().is_none());
            proptest::prop_assert!(s.len() <= MAX_COMPONENT);
        }
    }

    #[test]
    fn ids_the_sanitiser_merges_get_their_own_names() {
        let long_a = format!("{}a", "x".repeat(120));
        let long_b = format!("{}b", "x".repeat(120));
        let ids = [
            "a/b", "a:b", "a b", "a_b", ".", "..", "", "CON", "con", &long_a, &long_b, "a~b",
            "message",
        ];
        let mut names = std::collections::HashSet::new();
        for id in ids {
            let dir = message_dir(id);
            let mut parts = std::path::Path::new(&dir).components();
            assert!(
                matches!(parts.next(), Some(std::path::Component::Normal(_))),
                "{id:?} -> {dir:?}"
            );
            assert!(parts.next().is_none(), "{id:?} -> {dir:?} is one component");
            assert!(!dir.starts_with('.') && !dir.contains(['/', '\\', '\0']));
            assert!(dir.len() <= MAX_COMPONENT);
            assert!(names.insert(dir.clone()), "{id:?} -> {dir:?} taken twice");
            let media = media_name(id, "same.jpg");
            assert!(
                media.starts_with(&dir) && media.ends_with(".jpg"),
                "{media}"
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn message_dirs_are_single_components(raw in "\\PC{0,300}") {
            let dir = message_dir(&raw);
            let path = std::path::Path::new(&dir);
            let mut components = path.components();
            proptest::prop_assert!(matches!(components.next(), Some(std::path::Component::Normal(_))));
            proptest::prop_assert!(components.next().is_none());
            proptest::prop_assert!(dir.len() <= MAX_COMPONENT);
            proptest::prop_assert!(!dir.starts_with('.'));
        }
    }
}
