//! [`Source`]: what a picture is made from, recognised from the first bytes first and from the
//! best known type second.

use crate::config::ThumbnailConfig;
use crate::sniff::SourceFormat;

/// What the stage makes a picture of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Source {
    /// A photo or sticker.
    Image,
    /// A video: its poster frame.
    Video,
    /// A PDF document: its first page.
    Pdf,
}

impl Source {
    /// The name in facts (`source`).
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::Image => "image",
            Self::Video => "video",
            Self::Pdf => "pdf",
        }
    }

    /// What `head` is, from its bytes alone, among the sources `config` turns on.
    pub(crate) fn sniff(head: &[u8], config: &ThumbnailConfig) -> Option<Self> {
        if SourceFormat::sniff(head).is_some() {
            return Some(Self::Image);
        }
        if config.previews.video && cfg!(feature = "video") && is_video(head) {
            return Some(Self::Video);
        }
        if config.previews.pdf && cfg!(feature = "pdf") && is_pdf(head) {
            return Some(Self::Pdf);
        }
        None
    }

    /// What an item is: from its first bytes, else from its best known type (`mime`). An
    /// audio-only MP4 is not a video, whatever it is called.
    pub(crate) fn detect(
        head: &[u8],
        mime: Option<&str>,
        config: &ThumbnailConfig,
    ) -> Option<Self> {
        if let Some(source) = Self::sniff(head, config) {
            return Some(source);
        }
        let mime = mime?;
        if SourceFormat::from_mime(mime).is_some() {
            return Some(Self::Image);
        }
        let audio_bytes = cfg!(feature = "video") && is_audio_mp4(head);
        if config.previews.video && cfg!(feature = "video") && is_video_mime(mime) && !audio_bytes {
            return Some(Self::Video);
        }
        if config.previews.pdf && cfg!(feature = "pdf") && mime == "application/pdf" {
            return Some(Self::Pdf);
        }
        None
    }
}

/// The MIME types of the containers the poster path reads.
fn is_video_mime(mime: &str) -> bool {
    matches!(
        mime,
        "video/mp4"
            | "video/3gpp"
            | "video/3gpp2"
            | "video/quicktime"
            | "video/x-m4v"
            | "video/iso.segment"
    )
}

/// `%PDF-` within the first 1024 bytes (where readers look for it).
pub(crate) fn is_pdf(head: &[u8]) -> bool {
    head.get(..head.len().min(1024))
        .is_some_and(|h| h.windows(5).any(|w| w == b"%PDF-"))
}

#[cfg(feature = "video")]
fn is_video(head: &[u8]) -> bool {
    crate::video::sniff(head).is_some() && !crate::video::is_audio_only(head)
}

#[cfg(not(feature = "video"))]
fn is_video(_head: &[u8]) -> bool {
    false
}

#[cfg(feature = "video")]
fn is_audio_mp4(head: &[u8]) -> bool {
    crate::video::sniff(head).is_some() && crate::video::is_audio_only(head)
}

#[cfg(not(feature = "video"))]
fn is_audio_mp4(_head: &[u8]) -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_sources_by_bytes_then_type() {
        let config = ThumbnailConfig::default();
        assert_eq!(
            Source::sniff(b"\xFF\xD8\xFF\xE0", &config),
            Some(Source::Image)
        );
        let mp4 = b"\0\0\0\x18ftypisom\0\0\0\0isomavc1";
        let m4a = b"\0\0\0\x18ftypM4A \0\0\0\0M4A mp42";
        assert_eq!(
            Source::sniff(mp4, &config),
            cfg!(feature = "video").then_some(Source::Video)
        );
        assert_eq!(Source::sniff(m4a, &config), None);
        assert_eq!(Source::detect(m4a, Some("video/mp4"), &config), None);
        assert_eq!(
            Source::sniff(b"%PDF-1.7\n", &config),
            cfg!(feature = "pdf").then_some(Source::Pdf)
        );
        assert_eq!(
            Source::detect(b"junk", Some("image/png"), &config),
            Some(Source::Image)
        );
        assert_eq!(Source::detect(b"junk", Some("text/plain"), &config), None);
        let off = ThumbnailConfig::default()
            .previews(crate::PreviewConfig::default().video(false).pdf(false));
        assert_eq!(Source::sniff(mp4, &off), None);
        assert_eq!(
            Source::detect(b"%PDF-1.4", Some("application/pdf"), &off),
            None
        );
    }
}
