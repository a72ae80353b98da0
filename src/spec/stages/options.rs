//! The options of each bundled stage as a pipeline file spells them: every field of the stage's
//! Rust config, with the same defaults, durations in seconds.
//!
//! Each type converts into its stage's config naming every field, so a field added to a
//! stage's config does not compile here until it is added to the file format too (the
//! `every_config_field_has_an_option` test checks the same for configs that are
//! `#[non_exhaustive]`).

#![allow(clippy::struct_excessive_bools)]

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

/// Options of the `thumbnail` stage ([`ThumbnailConfig`](crate::thumbnail::ThumbnailConfig)).
#[cfg(feature = "thumbnail")]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ThumbnailOptions {
    /// Sets both `max_width` and `max_height` (a square box).
    #[serde(skip_serializing)]
    pub max_side: Option<u32>,
    /// Width of the box the thumbnail fits (default 320).
    pub max_width: u32,
    /// Height of the box the thumbnail fits (default 320).
    pub max_height: u32,
    /// `jpeg` (default), `png` or `webp`.
    pub format: String,
    /// JPEG quality, 1-100 (default 80).
    pub quality: u8,
    /// JPEG chroma: `auto` (default), `full` (4:4:4) or `half` (4:2:0).
    pub chroma: String,
    /// Background for transparent pixels in JPEG output, `#rrggbb` (default `#ffffff`).
    pub background: String,
    /// Refuse images declaring more pixels than this (default 100 000 000).
    pub max_pixels: u64,
    /// Refuse images whose decoding needs more memory than this, in bytes (default 512 MiB).
    pub max_decode_bytes: u64,
    /// Refuse files larger than this, in bytes (default 100 MiB).
    pub max_file_bytes: u64,
    /// Store images without their GPS position, without re-encoding (default false).
    pub strip_location: bool,
    /// `[stages.previews]`: video poster frames and PDF first pages.
    pub previews: PreviewOptions,
}

/// Options of the thumbnail stage's video posters and PDF pages
/// ([`PreviewConfig`](crate::thumbnail::PreviewConfig)).
#[cfg(feature = "thumbnail")]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PreviewOptions {
    /// Poster frames of MP4/3GP/MOV videos (default: on when built in).
    pub video: bool,
    /// First pages of PDFs (default: on when built in).
    pub pdf: bool,
    /// Longest time for one poster or page, in whole seconds (default 60).
    pub time_limit_secs: u64,
    /// Video: largest `moov`/`moof` box read, in bytes (default 64 MiB).
    pub max_moov_bytes: u64,
    /// Video: largest coded frame read, in bytes (default 32 MiB).
    pub max_sample_bytes: u64,
    /// Video: most sample bytes read for one poster (default 128 MiB).
    pub max_gop_bytes: u64,
    /// Video: most frames decoded for one poster (default 600).
    pub max_gop_frames: usize,
    /// PDF: largest decoded stream of page 1, in bytes (default 64 MiB).
    pub pdf_max_stream_bytes: u64,
    /// PDF: largest total of decoded streams of page 1, in bytes (default 512 MiB).
    pub pdf_max_total_bytes: u64,
    /// PDF: most objects page 1 may use (default 200 000).
    pub pdf_max_objects: usize,
}

#[cfg(feature = "thumbnail")]
impl Default for PreviewOptions {
    fn default() -> Self {
        let crate::thumbnail::PreviewConfig {
            video,
            pdf,
            time_limit,
            max_moov_bytes,
            max_sample_bytes,
            max_gop_bytes,
            max_gop_frames,
            pdf_max_stream_bytes,
            pdf_max_total_bytes,
            pdf_max_objects,
        } = crate::thumbnail::PreviewConfig::default();
        Self {
            video,
            pdf,
            time_limit_secs: time_limit.as_secs(),
            max_moov_bytes,
            max_sample_bytes,
            max_gop_bytes,
            max_gop_frames,
            pdf_max_stream_bytes,
            pdf_max_total_bytes,
            pdf_max_objects,
        }
    }
}

#[cfg(feature = "thumbnail")]
impl PreviewOptions {
    fn to_config(&self) -> crate::thumbnail::PreviewConfig {
        crate::thumbnail::PreviewConfig {
            video: self.video,
            pdf: self.pdf,
            time_limit: std::time::Duration::from_secs(self.time_limit_secs),
            max_moov_bytes: self.max_moov_bytes,
            max_sample_bytes: self.max_sample_bytes,
            max_gop_bytes: self.max_gop_bytes,
            max_gop_frames: self.max_gop_frames,
            pdf_max_stream_bytes: self.pdf_max_stream_bytes,
            pdf_max_total_bytes: self.pdf_max_total_bytes,
            pdf_max_objects: self.pdf_max_objects,
        }
    }
}

#[cfg(feature = "thumbnail")]
impl Default for ThumbnailOptions {
    fn default() -> Self {
        let crate::thumbnail::ThumbnailConfig {
            max_width,
            max_height,
            format,
            quality,
            chroma,
            background,
            max_pixels,
            max_decode_bytes,
            max_file_bytes,
            strip_location,
            previews: _,
        } = crate::thumbnail::ThumbnailConfig::default();
        Self {
            max_side: None,
            max_width,
            max_height,
            format: format.as_str().to_owned(),
            quality,
            chroma: chroma_name(chroma).to_owned(),
            background: format!(
                "#{:02x}{:02x}{:02x}",
                background[0], background[1], background[2]
            ),
            max_pixels,
            max_decode_bytes,
            max_file_bytes,
            strip_location,
            previews: PreviewOptions::default(),
        }
    }
}

#[cfg(feature = "thumbnail")]
fn chroma_name(chroma: crate::thumbnail::Chroma) -> &'static str {
    use crate::thumbnail::Chroma;
    match chroma {
        Chroma::Full => "full",
        Chroma::Half => "half",
        _ => "auto",
    }
}

#[cfg(feature = "thumbnail")]
impl ThumbnailOptions {
    /// Folds `max_side` into the box.
    pub(crate) fn normalize(&mut self) {
        if let Some(side) = self.max_side.take() {
            self.max_width = side;
            self.max_height = side;
        }
    }

    /// The stage's config, or the option that is out of range and why.
    pub fn to_config(&self) -> Result<crate::thumbnail::ThumbnailConfig, (String, String)> {
        use crate::thumbnail::{Chroma, OutputFormat, ThumbnailConfig};
        let mut this = self.clone();
        this.normalize();
        let bad = |key: &str, why: String| Err((key.to_owned(), why));
        if this.max_width == 0 || this.max_height == 0 {
            return bad("max_width", "the box must be at least 1x1 pixel".into());
        }
        if !(1..=100).contains(&this.quality) {
            return bad("quality", format!("must be 1-100, not {}", this.quality));
        }
        let format = match this.format.as_str() {
            "jpeg" | "jpg" => OutputFormat::Jpeg,
            "png" => OutputFormat::Png,
            "webp" => OutputFormat::WebP,
            other => {
                return bad(
                    "format",
                    format!("must be jpeg, png or webp, not {other:?}"),
                )
            }
        };
        let chroma = match this.chroma.as_str() {
            "auto" => Chroma::Auto,
            "full" | "444" => Chroma::Full,
            "half" | "420" => Chroma::Half,
            other => {
                return bad(
                    "chroma",
                    format!("must be auto, full or half, not {other:?}"),
                )
            }
        };
        let Some(background) = parse_rgb(&this.background) else {
            return bad(
                "background",
                format!("must be #rrggbb, not {:?}", this.background),
            );
        };
        Ok(ThumbnailConfig {
            max_width: this.max_width,
            max_height: this.max_height,
            format,
            quality: this.quality,
            chroma,
            background,
            max_pixels: this.max_pixels,
            max_decode_bytes: this.max_decode_bytes,
            max_file_bytes: this.max_file_bytes,
            strip_location: this.strip_location,
            previews: this.previews.to_config(),
        })
    }
}

#[cfg(feature = "thumbnail")]
fn parse_rgb(s: &str) -> Option<[u8; 3]> {
    let hex = s.strip_prefix('#')?;
    if hex.len() != 6 || !hex.is_ascii() {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
    Some([byte(0)?, byte(2)?, byte(4)?])
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

/// Options of the `dedup` stage ([`DedupConfig`](crate::dedup::DedupConfig)).
#[cfg(feature = "dedup")]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DedupOptions {
    /// Largest Hamming distance of two perceptual hashes that still match (default 10).
    pub max_distance: u32,
    /// Pictures with more unsteady hash bits are matched exactly only (default 16).
    pub max_unsteady_bits: u32,
    /// Most messages remembered (default 100 000).
    pub max_entries: usize,
    /// The index directory (default: the stage's state directory); several processes given one
    /// directory share one index.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub index_dir: Option<std::path::PathBuf>,
    /// Hash the media itself when no thumbnail came before (default true).
    pub hash_media: bool,
    /// Largest picture file decoded for hashing, in bytes (default 100 MiB).
    pub max_picture_bytes: u64,
    /// Pictures declaring more pixels are not hashed (default 100 000 000).
    pub max_pixels: u64,
    /// Decode-memory bound, in bytes (default 512 MiB).
    pub max_decode_bytes: u64,
}

#[cfg(feature = "dedup")]
impl Default for DedupOptions {
    fn default() -> Self {
        let crate::dedup::DedupConfig {
            max_distance,
            max_unsteady_bits,
            max_entries,
            index_dir,
            hash_media,
            max_picture_bytes,
            max_pixels,
            max_decode_bytes,
        } = crate::dedup::DedupConfig::default();
        Self {
            max_distance,
            max_unsteady_bits,
            max_entries,
            index_dir,
            hash_media,
            max_picture_bytes,
            max_pixels,
            max_decode_bytes,
        }
    }
}

#[cfg(feature = "dedup")]
impl DedupOptions {
    /// The stage's config, or the option that is out of range and why.
    pub fn to_config(&self) -> Result<crate::dedup::DedupConfig, (String, String)> {
        if self.max_distance > 64 {
            return Err((
                "max_distance".into(),
                format!("must be 0-64, not {}", self.max_distance),
            ));
        }
        Ok(crate::dedup::DedupConfig {
            max_distance: self.max_distance,
            max_unsteady_bits: self.max_unsteady_bits,
            max_entries: self.max_entries.max(1),
            index_dir: self.index_dir.clone(),
            hash_media: self.hash_media,
            max_picture_bytes: self.max_picture_bytes,
            max_pixels: self.max_pixels,
            max_decode_bytes: self.max_decode_bytes,
        })
    }
}

/// Options of the `waveform` stage ([`WaveformConfig`](crate::voice::WaveformConfig)).
#[cfg(feature = "voice")]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct WaveformOptions {
    /// Longest audio decoded, in seconds (default 7200).
    pub max_duration_secs: f64,
    /// Longest time on one decode, in seconds (default 60).
    pub time_limit_secs: f64,
    /// Damaged packets skipped before a file counts as corrupt (default 100).
    pub max_damaged_packets: u32,
    /// Decode the audio track of videos too (default true).
    pub video: bool,
    /// Write the 16 kHz speech WAV of voice notes (default true).
    pub speech: bool,
    /// Longest voice note given a speech WAV, in seconds (default 1800).
    pub speech_max_duration_secs: f64,
}

#[cfg(feature = "voice")]
impl Default for WaveformOptions {
    fn default() -> Self {
        let c = crate::voice::WaveformConfig::default();
        Self {
            max_duration_secs: c.max_duration.as_secs_f64(),
            time_limit_secs: c.time_limit.as_secs_f64(),
            max_damaged_packets: c.max_damaged_packets,
            video: c.video,
            speech: c.speech,
            speech_max_duration_secs: c.speech_max_duration.as_secs_f64(),
        }
    }
}

#[cfg(feature = "voice")]
impl WaveformOptions {
    /// The stage's config, or the option that is out of range and why.
    pub fn to_config(&self) -> Result<crate::voice::WaveformConfig, (String, String)> {
        Ok(crate::voice::WaveformConfig::default()
            .max_duration(check_secs("max_duration_secs", self.max_duration_secs)?)
            .time_limit(check_secs("time_limit_secs", self.time_limit_secs)?)
            .max_damaged_packets(self.max_damaged_packets)
            .video(self.video)
            .speech(self.speech)
            .speech_max_duration(check_secs(
                "speech_max_duration_secs",
                self.speech_max_duration_secs,
            )?))
    }
}

/// Options of the `reply` stage ([`ReplyConfig`](crate::voice::ReplyConfig): the default rules
/// and templates). It sends on the WebSocket, so it needs a websocket source (or a webhook
/// source with `websocket = true`).
#[cfg(feature = "voice")]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ReplyOptions {
    /// How long the ledger remembers a reply (so none is sent twice), in hours (default 168).
    pub ledger_keep_hours: f64,
}

#[cfg(feature = "voice")]
impl Default for ReplyOptions {
    fn default() -> Self {
        Self {
            ledger_keep_hours: crate::voice::ReplyConfig::default()
                .ledger_keep
                .as_secs_f64()
                / 3600.0,
        }
    }
}

#[cfg(feature = "voice")]
impl ReplyOptions {
    /// The stage's config, or the option that is out of range and why.
    pub fn to_config(&self) -> Result<crate::voice::ReplyConfig, (String, String)> {
        let mut config = crate::voice::ReplyConfig::default();
        config.ledger_keep = check_secs("ledger_keep_hours", self.ledger_keep_hours * 3600.0)?;
        Ok(config)
    }
}

/// Options of the `transcribe` stage ([`TranscribeConfig`](crate::voice::TranscribeConfig)): an
/// OpenAI-compatible `POST {base_url}/audio/transcriptions`.
#[cfg(feature = "transcribe")]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TranscribeOptions {
    /// The API base, e.g. `https://api.openai.com/v1`.
    pub base_url: String,
    /// The key (default: `PIPES_TRANSCRIBE_KEY`), sent as a Bearer token.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub api_key: Option<crate::spec::Secret>,
    /// The `model` field (default `whisper-1`).
    pub model: String,
    /// The `language` hint (ISO 639-1).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Time limit of one request, in seconds (default 120).
    pub timeout_secs: f64,
}

#[cfg(feature = "transcribe")]
impl Default for TranscribeOptions {
    fn default() -> Self {
        let c = crate::voice::TranscribeConfig::new("");
        Self {
            base_url: String::new(),
            api_key: None,
            model: c.model,
            language: None,
            timeout_secs: c.timeout.as_secs_f64(),
        }
    }
}

#[cfg(feature = "transcribe")]
impl TranscribeOptions {
    /// The stage's config, or the option that is out of range and why.
    pub fn to_config(&self) -> Result<crate::voice::TranscribeConfig, (String, String)> {
        if !(self.base_url.starts_with("http://") || self.base_url.starts_with("https://")) {
            return Err((
                "base_url".into(),
                format!(
                    "must be the service's http(s) base URL (e.g. https://api.openai.com/v1), not {:?}",
                    self.base_url
                ),
            ));
        }
        let mut config = crate::voice::TranscribeConfig::new(&self.base_url)
            .model(&self.model)
            .timeout(check_secs("timeout_secs", self.timeout_secs)?);
        let key = self
            .api_key
            .as_ref()
            .map(|k| k.expose().to_owned())
            .or_else(|| std::env::var("PIPES_TRANSCRIBE_KEY").ok())
            .filter(|k| !k.trim().is_empty());
        if let Some(key) = key {
            config = config.key(crate::voice::TranscribeKey::new(key));
        }
        if let Some(language) = &self.language {
            config = config.language(language);
        }
        Ok(config)
    }
}

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
