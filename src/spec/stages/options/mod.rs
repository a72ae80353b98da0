//! The options of each bundled stage as a pipeline file spells them: every field of the stage's
//! Rust config, with the same defaults, durations in seconds.
//!
//! Each type converts into its stage's config naming every field, so a field added to a
//! stage's config does not compile here until it is added to the file format too (the
//! `every_config_field_has_an_option` test checks the same for configs that are
//! `#[non_exhaustive]`).

#![allow(clippy::struct_excessive_bools)]

#[allow(unused_imports)] // every stage's options are behind its feature
use serde::{Deserialize, Serialize};

/// A duration in seconds that must be finite and not negative.
pub(crate) fn check_secs(name: &str, secs: f64) -> Result<std::time::Duration, (String, String)> {
    std::time::Duration::try_from_secs_f64(secs).map_err(|_| {
        (
            name.to_owned(),
            format!("must be a number of seconds >= 0, not {secs}"),
        )
    })
}

/// Options of the `mime` stage ([`MimeConfig`](crate::mime::MimeConfig)).
#[cfg(feature = "mime")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MimeOptions {
    /// Stop the item (`MIME_MISMATCH`, quarantined) when the content is not what was declared.
    pub reject_mismatch: bool,
    /// Stop the item (`DANGEROUS_CONTENT`, quarantined) when the content could be executed.
    pub reject_dangerous: bool,
}

#[cfg(feature = "mime")]
impl Default for MimeOptions {
    fn default() -> Self {
        let crate::mime::MimeConfig {
            reject_mismatch,
            reject_dangerous,
        } = crate::mime::MimeConfig::default();
        Self {
            reject_mismatch,
            reject_dangerous,
        }
    }
}

#[cfg(feature = "mime")]
impl MimeOptions {
    /// The stage's config.
    pub fn to_config(&self) -> crate::mime::MimeConfig {
        crate::mime::MimeConfig {
            reject_mismatch: self.reject_mismatch,
            reject_dangerous: self.reject_dangerous,
        }
    }
}

/// Options of the `audio` stage ([`AudioConfig`](crate::audio::AudioConfig)).
#[cfg(feature = "audio")]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AudioOptions {
    /// Longest duration believed, in seconds (default 86 400: a day).
    pub max_duration_secs: f64,
    /// Largest header block read into memory, in bytes (default 64 MiB).
    pub max_header_bytes: u64,
    /// Most boxes, elements or chunks visited in one file (default 1 000 000).
    pub max_boxes: usize,
    /// Deepest nesting of boxes (default 16).
    pub max_depth: usize,
}

#[cfg(feature = "audio")]
impl Default for AudioOptions {
    fn default() -> Self {
        let c = crate::audio::AudioConfig::default();
        Self {
            max_duration_secs: c.max_duration.as_secs_f64(),
            max_header_bytes: c.max_header_bytes,
            max_boxes: c.max_boxes,
            max_depth: c.max_depth,
        }
    }
}

#[cfg(feature = "audio")]
impl AudioOptions {
    /// The stage's config, or the option that is out of range and why.
    pub fn to_config(&self) -> Result<crate::audio::AudioConfig, (String, String)> {
        let max_duration = check_secs("max_duration_secs", self.max_duration_secs)?;
        Ok(crate::audio::AudioConfig::default()
            .max_duration(max_duration)
            .max_header_bytes(self.max_header_bytes)
            .max_boxes(self.max_boxes)
            .max_depth(self.max_depth))
    }
}

/// Options of the `pdf` stage ([`PdfConfig`](crate::pdf::PdfConfig)).
#[cfg(feature = "pdf")]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PdfOptions {
    /// Largest file read, in bytes (default 256 MiB).
    pub max_file_bytes: u64,
    /// Largest size one stream may decompress to, in bytes (default 64 MiB).
    pub max_stream_bytes: usize,
    /// Largest total of decompressed page content, in bytes (default 512 MiB).
    pub max_content_bytes: usize,
    /// Most indirect objects (default 2 000 000).
    pub max_objects: usize,
    /// Deepest nesting of forms, saves and arrays (default 32).
    pub max_depth: usize,
    /// Longest time on one document, in seconds (default 60).
    pub time_limit_secs: f64,
    /// Most bytes of text kept (default 64 MiB).
    pub max_text_bytes: usize,
    /// Characters in the `excerpt` fact (default 2000).
    pub excerpt_chars: usize,
    /// Write the text artifact (`textPath`; default true).
    pub write_text: bool,
    /// Read two-column pages column by column (default true).
    pub column_order: bool,
    /// Join words hyphenated across a line break (default true).
    pub join_hyphens: bool,
}

#[cfg(feature = "pdf")]
impl Default for PdfOptions {
    fn default() -> Self {
        let crate::pdf::PdfConfig {
            max_file_bytes,
            max_stream_bytes,
            max_content_bytes,
            max_objects,
            max_depth,
            time_limit,
            max_text_bytes,
            excerpt_chars,
            write_text,
            column_order,
            join_hyphens,
        } = crate::pdf::PdfConfig::default();
        Self {
            max_file_bytes,
            max_stream_bytes,
            max_content_bytes,
            max_objects,
            max_depth,
            time_limit_secs: time_limit.as_secs_f64(),
            max_text_bytes,
            excerpt_chars,
            write_text,
            column_order,
            join_hyphens,
        }
    }
}

#[cfg(feature = "pdf")]
impl PdfOptions {
    /// The stage's config, or the option that is out of range and why.
    pub fn to_config(&self) -> Result<crate::pdf::PdfConfig, (String, String)> {
        Ok(crate::pdf::PdfConfig {
            max_file_bytes: self.max_file_bytes,
            max_stream_bytes: self.max_stream_bytes,
            max_content_bytes: self.max_content_bytes,
            max_objects: self.max_objects,
            max_depth: self.max_depth,
            time_limit: check_secs("time_limit_secs", self.time_limit_secs)?,
            max_text_bytes: self.max_text_bytes,
            excerpt_chars: self.excerpt_chars,
            write_text: self.write_text,
            column_order: self.column_order,
            join_hyphens: self.join_hyphens,
        })
    }
}

#[cfg(any(feature = "thumbnail", feature = "dedup"))]
mod picture;
#[cfg(feature = "voice")]
mod voice;

#[cfg(feature = "dedup")]
pub use picture::DedupOptions;
#[cfg(feature = "thumbnail")]
pub use picture::{PreviewOptions, ThumbnailOptions};
#[cfg(feature = "transcribe")]
pub use voice::TranscribeOptions;
#[cfg(feature = "voice")]
pub use voice::{ReplyOptions, WaveformOptions};

#[cfg(test)]
mod tests {
    #[allow(unused_imports)]
    use super::*;

    /// The field names a config's `Debug` shows.
    #[allow(dead_code)]
    fn debug_fields(debug: &str) -> Vec<String> {
        let inner = debug.split_once('{').map_or("", |(_, rest)| rest);
        inner
            .split(", ")
            .filter_map(|f| f.split_once(": ").map(|(k, _)| k.trim().to_owned()))
            .filter(|k| k.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
            .collect()
    }

    #[test]
    fn defaults_are_the_stages_own() {
        #[cfg(feature = "mime")]
        assert_eq!(
            MimeOptions::default().to_config(),
            crate::mime::MimeConfig::default()
        );
        #[cfg(feature = "thumbnail")]
        assert_eq!(
            ThumbnailOptions::default().to_config(),
            Ok(crate::thumbnail::ThumbnailConfig::default())
        );
        #[cfg(feature = "audio")]
        assert_eq!(
            AudioOptions::default().to_config(),
            Ok(crate::audio::AudioConfig::default())
        );
        #[cfg(feature = "pdf")]
        assert_eq!(
            PdfOptions::default().to_config(),
            Ok(crate::pdf::PdfConfig::default())
        );
    }

    #[test]
    #[cfg(feature = "audio")]
    fn every_config_field_has_an_option() {
        // AudioConfig is #[non_exhaustive], so a struct literal cannot check it at compile time.
        let fields = debug_fields(&format!("{:?}", crate::audio::AudioConfig::default()));
        assert_eq!(
            fields,
            ["max_duration", "max_header_bytes", "max_boxes", "max_depth"],
            "AudioConfig changed: give AudioOptions the new field"
        );
    }

    #[test]
    #[cfg(feature = "thumbnail")]
    fn thumbnail_options_are_checked() {
        let mut o = ThumbnailOptions {
            max_side: Some(512),
            ..Default::default()
        };
        let config = o.to_config().expect("valid");
        assert_eq!((config.max_width, config.max_height), (512, 512));
        o.quality = 0;
        assert_eq!(o.to_config().map_err(|e| e.0), Err("quality".to_owned()));
        o.quality = 80;
        o.background = "#12345".into();
        assert_eq!(o.to_config().map_err(|e| e.0), Err("background".to_owned()));
        o.background = "#102030".into();
        assert_eq!(o.to_config().expect("valid").background, [0x10, 0x20, 0x30]);
    }
}
