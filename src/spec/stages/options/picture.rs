//! Options of the picture stages: `thumbnail` (with its video posters and PDF pages) and
//! `dedup`.

#![allow(clippy::struct_excessive_bools)]

use serde::{Deserialize, Serialize};

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
