//! # pipes-media-mime
//!
//! The `mime` stage of pipes-media: what a file really is, whatever its sender declared.
//!
//! WhatsApp senders control `mimeType` and `fileName`; the bytes are the only truth. This crate
//! sniffs the bytes, compares them with the declared type and flags content a viewer might run.
//! It sits first in the pipeline so that later stages can trust
//! [`Item::content_type`](pipes_media_core::Item::content_type).
//!
//! - [`sniff`] (and [`sniff_head`]): the type of the bytes, as a [`Sniffed`]. Our own rules
//!   where `infer` (kept for the rest of its catalogue) is too coarse: WebP/GIF/APNG animation,
//!   HEIC/AVIF, Ogg codecs (Opus vs Vorbis vs FLAC), MP3 with and without ID3 (frame-checked,
//!   so ADTS AAC is not taken for MP3), M4A vs MP4 vs 3GP by `ftyp` brand *and* track kinds,
//!   WebM/Matroska tracks, office files by their zip entries (docx/xlsx/pptx, their
//!   macro-enabled forms, ODF), legacy OLE office files by their directory, text vs binary,
//!   HTML, SVG (scanned for scripts), XML, vCard, `#!` scripts, ELF/PE/Mach-O executables.
//!   The containers come from `pipes-media-probe`'s parsers, shared with the `audio` stage.
//! - The long tail, each with more than its magic checked: TGA, JPEG 2000 (codestreams, JP2,
//!   JPX), PostScript and EPS (also behind the DOS binary header), FLI/FLC, netpbm (binary and
//!   plain PBM/PGM/PPM, PAM), XPM, PCX and DCX, FITS, ICNS, ICO and CUR, QOI, PSD/PSB, XCF, DDS,
//!   Radiance HDR, OpenEXR, SGI, WMF and EMF, BigTIFF, BMP variants (OS/2, headerless DIB);
//!   DSF and DSDIFF, Musepack, AC-3 and E-AC-3, ADIF AAC, WavPack, APE, TTA, TAK, ASF (WMA
//!   when audio-only), AVI, FLV, MPEG-PS and TS, MP4 without `ftyp`; tar, ISO 9660, HDF5,
//!   GRIB, zip, 7z, RAR 4/5, gzip, bzip2, xz, zstd, LZ4, doc/xls/ppt, odt/ods/odp.
//! - Stubs: a signature with less behind it than the format's fixed header (a 17-byte ID3 tag
//!   and no audio, `fLaC` without STREAMINFO, a PNG signature without `IHDR`) has no type
//!   (`sniffedMime` absent, `format: "stub"`).
//! - [`compare`]: a [`Verdict`](pipes_media_core::Verdict) for declared vs sniffed, after
//!   normalising parameters and aliases ([`DeclaredType`]).
//! - [`MimeStage`] (configured by [`MimeConfig`]): runs both on every item, adds
//!   [`MimeFacts`](pipes_media_core::MimeFacts) and [`MimeDetails`], and can stop items whose
//!   content lies or is dangerous ([`MimeError`]: `MIME_MISMATCH`, `DANGEROUS_CONTENT`, blob
//!   quarantined).
//!
//! ## Bounded cost
//!
//! Sniffing reads the blob's in-memory head (64 KiB). A few formats need more: the central
//! directory of a zip (two reads near the end), the `moov` box of an MP4 written with it at the
//! end, the frames after an ID3 tag larger than the head, the rest of an SVG (up to 1 MiB). Those
//! reads are capped at 16 per file and 1 MiB each, so sniffing costs the same for a 1 KB and a
//! 1 GB file.
//!
//! ## Verdicts and danger
//!
//! `match`: the same format (`image/jpg` = `image/jpeg`, `audio/x-m4a` = `audio/mp4`,
//! `audio/opus` = Ogg Opus). `compatible`: the same container family (`video/mp4`,
//! `audio/mp4`, `video/3gpp`, QuickTime; WebM and Matroska; HEIC, HEIF and AVIF), a generic
//! declared type for specific content (`application/zip` for a docx), or the right container
//! with a contradicted codec parameter: `audio/ogg; codecs=opus` holding Vorbis is
//! `compatible`, not `match` (the container is right, a player expecting Opus is not). A
//! specific type declared for generic content (a plain zip declared as docx) is a `mismatch`.
//! `unknown`: nothing useful declared (absent, `application/octet-stream`) or unrecognised
//! bytes (random data, empty files).
//!
//! `dangerous` is decided from the content whatever was declared: HTML and XHTML, SVG with
//! scripts, event handlers or embedded HTML (an SVG too large to scan within the budget counts
//! as dangerous too), executables (ELF, PE, Mach-O, DOS, Windows shortcuts, MSI), `#!` scripts,
//! office files with VBA or Excel 4.0 macros, Java and Android archives, zip archives holding
//! runnable entries, PDF JavaScript or launch actions seen in the head, RTF with embedded
//! objects. It is also set when the declaration itself would make a viewer run the bytes: an
//! active declared type (`text/html`, `application/javascript`, an executable type), or text
//! content under a runnable file name (`invoice.pdf.js`, `setup.bat`). The reasons are listed
//! in the `dangerReasons` fact.
//!
//! ```
//! use pipes_media_core::Verdict;
//! use pipes_media_mime::{compare, sniff_head};
//!
//! // A PNG sent as a PDF.
//! let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89";
//! let sniffed = sniff_head(png);
//! assert_eq!(sniffed.mime, Some("image/png"));
//! assert_eq!(compare(Some("application/pdf"), &sniffed), Verdict::Mismatch);
//!
//! // An HTML page, whatever it claims to be.
//! let page = sniff_head(b"<!DOCTYPE html><script>alert(1)</script>");
//! assert!(page.is_dangerous());
//!
//! // The long tail: a Photoshop image; and a 17-byte ID3 tag with no audio, which is no mp3.
//! let psd = sniff_head(b"8BPS\0\x01\0\0\0\0\0\0\0\x03\0\0\0\x20\0\0\0\x30\0\x08\0\x03");
//! assert_eq!(psd.mime, Some("image/vnd.adobe.photoshop"));
//! let stub = sniff_head(b"ID3\x04\0\0\0\0\0\x07TIT2\0\0\0");
//! assert_eq!((stub.mime, stub.format), (None, Some("stub")));
//! ```
//!
//! ## The stage
//!
//! [`MimeStage`] accepts every item and reports, under `stages.mime.facts`, the contract's
//! `sniffedMime`, `declaredMime`, `verdict` and `dangerous`, plus `format`, `codec`,
//! `animated`, `hasVideo`, `hasAudio` and `dangerReasons` where known. With a policy on, an
//! item whose verdict is `mismatch` or that is dangerous fails with `MIME_MISMATCH` or
//! `DANGEROUS_CONTENT` *after* its facts are recorded; the error stops the item (no later stage
//! runs) and asks the sink to keep the blob in its quarantine folder as evidence.
//!
//! ```
//! use pipes_media_core::Stage;
//! use pipes_media_mime::{MimeConfig, MimeStage};
//!
//! let gate = MimeStage::new(MimeConfig::default().reject_mismatch(true).reject_dangerous(true));
//! assert_eq!(gate.name(), "mime");
//! ```
//!
//! Depends on `pipes-media-core` (the stage contract and `MimeFacts`), `pipes-media-probe`
//! (the bounded reader and the container parsers: ISO BMFF, EBML, Ogg, MPEG audio, RIFF, ASF,
//! MPEG-PS/TS, the lossless audio formats) and `infer` (signature catalogue, `alloc` only);
//! zip, OLE, tar and the image headers are read by this crate's own small, bounded readers.

mod compare;
mod error;
mod sniff;
mod stage;

pub use compare::{canonical, compare, is_active_type, DeclaredType};
pub use error::MimeError;
pub use sniff::{sniff, sniff_head, Danger, Sniffed};
pub use stage::{MimeConfig, MimeDetails, MimeStage};
