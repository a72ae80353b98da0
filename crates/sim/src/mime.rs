//! File-extension rules used by [`crate::Simulator::load_dir`] (the extension table itself is
//! the core's, shared with `--input` runs).

use std::path::Path;

/// The MIME type a sender's phone would declare for a file, from its extension
/// (`application/octet-stream` when unknown).
pub fn mime_for_path(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    pipes_media_core::source::mime_for_extension(&ext).unwrap_or("application/octet-stream")
}

/// The message type a file of this MIME type is sent as: jpeg/png/gif are `image`, webp is
/// `sticker`, `audio/*` is `audio`, `video/*` is `video`, everything else `document`.
pub fn kind_for_mime(mime: &str) -> &'static str {
    match mime {
        "image/jpeg" | "image/png" | "image/gif" => "image",
        "image/webp" => "sticker",
        m if m.starts_with("audio/") => "audio",
        m if m.starts_with("video/") => "video",
        _ => "document",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions_map_to_the_documented_types() {
        for (name, kind) in [
            ("a.JPG", "image"),
            ("a.png", "image"),
            ("a.gif", "image"),
            ("a.webp", "sticker"),
            ("a.opus", "audio"),
            ("a.ogg", "audio"),
            ("a.mp3", "audio"),
            ("a.m4a", "audio"),
            ("a.aac", "audio"),
            ("a.amr", "audio"),
            ("a.wav", "audio"),
            ("a.flac", "audio"),
            ("a.mp4", "video"),
            ("a.3gp", "video"),
            ("a.webm", "video"),
            ("a.mov", "video"),
            ("a.pdf", "document"),
            ("noext", "document"),
        ] {
            assert_eq!(
                kind_for_mime(mime_for_path(Path::new(name))),
                kind,
                "{name}"
            );
        }
    }
}
