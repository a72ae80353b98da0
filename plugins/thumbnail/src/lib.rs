//! Thumbnails of photos, stickers, videos and PDFs: the `thumbnail` stage of pipes-media.
//!
//! [`ThumbnailStage`] runs after the download (and after the `mime` stage when there is one,
//! whose sniffed type it reads through [`Item::content_type`](pipes_media_core::Item::content_type);
//! it also recognises its inputs by their first bytes, so it works alone). For every image it
//! reads (table below), every H.264 video in MP4/3GP/MOV and every PDF it writes
//! `artifacts/<message>/thumbnail.jpg` and reports [`ThumbnailFacts`] under
//! `stages.thumbnail.facts`: `path`, `width`, `height`, `sourceWidth`, `sourceHeight`,
//! `format`, `source` (`image`, `video`, `pdf`), `thumbhash`, `hasGps`, for videos
//! `frameTimeMs`, plus `orientation`, `colorProfile`, `iccConverted`, `animated`…
//!
//! | format | decoder | notes |
//! | --- | --- | --- |
//! | JPEG, MPO | libjpeg-turbo (`mozjpeg-sys`, C built by `cc`) | DCT scaling while decoding |
//! | PNG, GIF, BMP, TGA, ICO/CUR, netpbm, QOI | `image` | first frame of animations |
//! | WebP | libwebp (`libwebp-sys`, C built by `cc`); animations `image-webp` | scales while decoding |
//! | TIFF, BigTIFF | this crate, over `weezl`, `flate2`, `fax`, `lzma-rs`, `ruzstd` | first page; every layout and codec Pillow reads but WebP- and JPEG 2000-in-TIFF |
//! | PSD, PSB | this crate | the composite image |
//! | DDS | this crate | BC1-BC5, uncompressed; not BC6H/BC7 |
//! | JPEG 2000 | `hayro-jpeg2000` (pure Rust) | resolution levels skipped down to the box |
//! | AVIF | `rav1d` without its assembly (pure Rust) | grids, alpha, `irot`/`imir` |
//! | HEIC | `heic-rs` (pure Rust) | grids, alpha, transforms |
//!
//! Formats with no decoder that cargo alone can build (EPS/PostScript, JPEG XL, …) are not
//! accepted; a file declared as one of the formats above that is not one fails with
//! `UNSUPPORTED`, naming what it is.
//!
//! # What a thumbnail is
//!
//! - It fits the configured box (default 320x320) with the aspect ratio kept, and is never
//!   larger than the source.
//! - It is upright, as Pillow's `ImageOps.exif_transpose` turns it: EXIF orientation (JPEG,
//!   PNG `eXIf` and ImageMagick's raw profiles, WebP, TIFF's own tag), else XMP's
//!   `tiff:Orientation`, and HEIF's `irot`/`imir`; `sourceWidth`/`sourceHeight` stay the stored
//!   size and `orientation` says what was applied.
//! - Colours are right: 16-bit, grey, palette and CMYK sources become 8-bit RGB; an embedded ICC
//!   profile is converted to sRGB (`iccConverted`), or the facts say it was not.
//! - Transparency is kept in PNG/WebP output and composited onto
//!   [`ThumbnailConfig::background`] for JPEG. Animated WebP and GIF give their first frame.
//!
//! # Location privacy
//!
//! `hasGps` says whether the received file carries a GPS position (an EXIF GPS directory with
//! entries, or XMP `GPSLatitude`/`GPSLongitude`). With [`ThumbnailConfig::strip_location`], such
//! a file (JPEG, PNG, WebP, TIFF, HEIC, AVIF) is replaced before anything else by a copy without
//! it, made without re-encoding: the GPS directory and the values it points to are zeroed and
//! its entry taken out of IFD0 in place, XMP GPS properties are overwritten with spaces, so every
//! other byte and offset stays as it was (PNG text chunks that were compressed are written back
//! uncompressed). The copy becomes the item's blob (the report's `blob.sha256` names it) and
//! [`LocationFacts`] give `receivedSha256`.
//!
//! # Videos and PDFs
//!
//! - **Poster frames** (feature `video`, decoding with `h264`): the first frame a viewer sees
//!   (the edit list's start; `frameTimeMs` is its presentation time), decoded from the sync
//!   sample before it by Cisco's OpenH264 (its C++ is compiled by the `cc` crate, without nasm:
//!   the plain C++ paths), turned upright by the track's display matrix. The MP4 demuxer is the
//!   crate's own: `moov` at either end, fragmented files, 3GP and MOV, and a file cut short
//!   gives a poster from what is there (`truncated: true`) or `TRUNCATED`. At most one group
//!   of pictures is decoded ([`PreviewConfig::max_gop_frames`]). HEVC, VP8, VP9, AV1, MPEG-4
//!   Part 2, H.263 and the rest give `UNSUPPORTED_CODEC`, naming the codec ([`VideoError`]).
//! - **First pages** (feature `pdf`): page 1 rendered by `hayro` (pure Rust) on white to the
//!   box, bounded as the `pdf` stage bounds documents: streams and images of the page are
//!   measured before rendering (`TOO_LARGE`), the render has a time limit (`TIMEOUT`),
//!   documents needing a password give `ENCRYPTED`, and a page that renders blank although its
//!   text layer has text gives `BLANK_RENDER` (a really blank page is a white thumbnail with
//!   `blank: true`). See [`PdfPageError`].
//! - **ThumbHash**: every thumbnail's placeholder (`thumbhash`, base64), computed from the
//!   thumbnail averaged down to fit 32x32, byte for byte what the reference JavaScript gives for
//!   those pixels.
//!
//! | feature | default | adds |
//! | --- | --- | --- |
//! | `video` | yes (through `h264`) | MP4/3GP/MOV demuxing; without a decoder every codec is `UNSUPPORTED_CODEC` |
//! | `h264` | yes | H.264 poster frames with OpenH264 (Cisco's patent licence covers only Cisco's own binaries, not this build) |
//! | `pdf` | yes | PDF first pages with `hayro` |
//!
//! # Speed
//!
//! JPEG photos, the bulk of the traffic, are decoded by libjpeg-turbo (the C of `mozjpeg-sys`,
//! compiled by the `cc` crate: cargo alone builds it) with DCT scaling: a 12-megapixel photo for
//! a 320-pixel box is decoded at 1/8 size, which skips most of the decoder's work. The result
//! is resized with `fast_image_resize` (SIMD Lanczos3) and encoded by `jpeg-encoder`. WebP is
//! scaled by libwebp while decoding, JPEG 2000 skips wavelet levels.
//!
//! # Limits
//!
//! The pixel count is read from the header and checked before anything large is allocated
//! (`TOO_MANY_PIXELS`, default 100 megapixels), decode memory is bounded
//! (`TOO_MUCH_MEMORY`, default 512 MiB), and corrupt or truncated files give typed errors
//! ([`ThumbnailError`]), never a panic.
//!
//! # Example
//!
//! ```
//! use pipes_media_thumbnail::{ThumbnailConfig, ThumbnailStage};
//! use pipes_media_core::Stage;
//!
//! let stage = ThumbnailStage::new(ThumbnailConfig::default().max_side(256).quality(85));
//! assert_eq!(stage.name(), "thumbnail");
//!
//! // A 2x1 PNG, rendered in memory (the stage does the same on the blocking pool).
//! let mut png = Vec::new();
//! image::write_buffer_with_format(
//!     &mut std::io::Cursor::new(&mut png),
//!     &[255, 0, 0, 0, 0, 255],
//!     2,
//!     1,
//!     image::ExtendedColorType::Rgb8,
//!     image::ImageFormat::Png,
//! )?;
//! let thumb = stage.render(&png)?;
//! assert_eq!((thumb.facts.width, thumb.facts.height), (2, 1));
//! assert_eq!(thumb.facts.format, "jpeg");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Depends on `pipes-media-core` (the stage contract) and on codec crates only: `image`,
//! `mozjpeg-sys`, `libwebp-sys`, `fast_image_resize`, `jpeg-encoder`, `moxcms`, the TIFF codecs
//! (`weezl`, `flate2`, `fax`, `lzma-rs`, `ruzstd`), `hayro-jpeg2000`, `rav1d`, `heic-rs`,
//! `crc32fast` for rewritten PNG chunks and `base64`; with `h264` `openh264` and
//! `h264-reader`; with `pdf` `hayro`.

mod color;
mod config;
mod decode;
mod error;
mod facts;
mod isobmff;
mod location;
mod meta;
mod orient;
#[cfg(feature = "pdf")]
mod pdf;
mod preview;
mod render;
mod sniff;
mod stage;
mod thumbhash;
#[cfg(feature = "video")]
mod video;

pub use config::{Chroma, OutputFormat, ThumbnailConfig};
pub use error::ThumbnailError;
pub use facts::ThumbnailFacts;
pub use location::LocationFacts;
#[cfg(feature = "pdf")]
pub use pdf::error::PdfPageError;
pub use preview::config::PreviewConfig;
pub use stage::{Thumbnail, ThumbnailStage};
#[cfg(feature = "video")]
pub use video::error::VideoError;
