//! # pipes-media-pdf
//!
//! The `pdf` stage of pipes-media: page count, document info and searchable text of PDF
//! documents. The text is written as an artifact (`artifacts/<message>/text.txt`, UTF-8, pages
//! separated by form feeds) and summarised in the facts (`pages`, `textPath`, `chars`, `title`,
//! `author`, `producer`, `created`, `encrypted`, `excerpt`, …; see [`PdfFacts`]).
//!
//! ## Where it sits
//!
//! It takes items whose bytes start with a PDF header (or that the `mime` stage or the sender
//! typed `application/pdf`), so it works with or without the `mime` stage before it. It depends
//! on `pipes-media-core`, on [`lopdf`](https://docs.rs/lopdf) for the file structure (xref
//! tables and streams, repair of broken xrefs by scanning, decryption with the empty password,
//! bounded decompression) and on [`unicode-bidi`](https://docs.rs/unicode-bidi) for the
//! direction class of characters. The text layer is its own.
//!
//! ## What a reader sees
//!
//! The text is what a viewer draws, read the way `pdftotext` reads it:
//!
//! | part | how |
//! |------|-----|
//! | page content | a streaming content tokeniser; text state, matrices, form XObjects; word and line breaks from where each string lands; column order for two-column pages |
//! | off the page | glyphs outside the page's media box are left out |
//! | optional content | content in layers the default configuration turns off (`/OC` marked content, forms, annotations; groups, membership dictionaries, visibility expressions) is left out |
//! | `ActualText` | a `/Span` with `ActualText` gives its text instead of its glyphs |
//! | annotations | each visible annotation's normal appearance (`AP` `N`, or the `AS` state) fitted to its rectangle, after the page content |
//! | form fields | fields without an appearance, or all of them under `NeedAppearances`: a text field's value, a combo box's choice, a list box's options from its top index, a push button's caption (not password fields) |
//! | right-to-left | pages with Hebrew or Arabic are laid out again from glyph positions and each line put in logical order (drawn in visual order, glyph by glyph leftwards, or in pieces) |
//! | page count | the page tree root's `/Count`, as `pdfinfo` and viewers take it (the tree's pages when `/Count` is missing or absurd); declared pages the tree lacks are blank |
//! | hyphenation | a word hyphenated across a line break is joined (`infor-`/`mation`), as `pdftotext` does ([`PdfConfig::join_hyphens`]) |
//!
//! ## Fonts
//!
//! Fonts and CMaps are cached per document. A code's text comes from the font's `ToUnicode`
//! map (parsed leniently), else its encoding: standard, ZapfDingbats and custom single-byte
//! encodings and glyph names (names nothing knows stand for their code, as in poppler), the
//! built-in encodings of embedded Type 1 and CFF programs; for CID fonts the code itself under
//! `Uni…-UCS2`/`-UTF16` CMaps, the embedded TrueType program's `cmap` (through the
//! `CIDToGIDMap`), else the CID's character in the Adobe collection (Japan1, GB1, CNS1,
//! Korea1). Codes become CIDs through `Identity-H`/`-V`,
//! an embedded CMap (`usecmap` included), or one of the 41 predefined CJK CMaps such as
//! `90ms-RKSJ-H`, `GBK-EUC-H`, `ETen-B5-H` or `KSC-EUC-H` (generated tables, about 60 KB);
//! widths are looked up by CID, vertical fonts advance downwards; Type 3 fonts measure word
//! gaps in the size their glyphs really have. Ligatures are expanded.
//!
//! ## Encryption
//!
//! Files that open with the empty user password are read (RC4 and AES, including files whose
//! trailer has no `/ID`, which the key is then derived without, as Acrobat and poppler do);
//! they give `encrypted: true`. Documents that need a user password give the facts with
//! `encrypted: true` and the error `ENCRYPTED`.
//!
//! ## Hostile files
//!
//! Every bound is in [`PdfConfig`]: file size, decompressed size per stream and per document,
//! object count, form and save nesting, text size and time per document. Going over one gives a
//! typed [`PdfError`] (`TOO_LARGE`, `TIMEOUT`, …); reference loops and broken xrefs give a
//! best-effort result or `INVALID_INPUT`.
//!
//! ## Example
//!
//! ```
//! use pipes_media_pdf::{PdfConfig, PdfStage};
//!
//! let stage = PdfStage::new(PdfConfig::default());
//! let pdf = b"%PDF-1.4
//! 1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
//! 2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
//! 3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R
//!   /Resources << /Font << /F1 5 0 R >> >> >> endobj
//! 4 0 obj << /Length 44 >> stream
//! BT /F1 12 Tf 20 100 Td (Hello, world) Tj ET
//! endstream endobj
//! 5 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj
//! trailer << /Root 1 0 R >>
//! %%EOF";
//! let text = stage.extract(pdf)?;
//! assert_eq!(text.pages, 1);
//! assert_eq!(text.text, "Hello, world");
//! # Ok::<(), pipes_media_pdf::PdfError>(())
//! ```

mod config;
mod error;
mod extract;
mod facts;

use async_trait::async_trait;
use pipes_media_core::{Item, Stage, StageContext, StageError};

pub use config::PdfConfig;
pub use error::PdfError;
pub use facts::PdfFacts;

/// The text and info of one document, as [`PdfStage::extract`] returns them.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct PdfText {
    /// Number of pages in the page tree.
    pub pages: usize,
    /// The text, one entry per page, pages separated by form feeds (`\x0c`).
    pub text: String,
    /// Whether the text was cut at [`PdfConfig::max_text_bytes`].
    pub truncated: bool,
    /// The document information.
    pub info: PdfInfo,
}

/// Document information: the `Info` dictionary and how the file was read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct PdfInfo {
    /// `Title`.
    pub title: Option<String>,
    /// `Author`.
    pub author: Option<String>,
    /// `Producer`.
    pub producer: Option<String>,
    /// `Creator`.
    pub creator: Option<String>,
    /// `CreationDate`, as RFC 3339.
    pub created: Option<String>,
    /// Whether the file was encrypted (and opened with the empty password).
    pub encrypted: bool,
    /// Whether the cross-reference data was broken and rebuilt by scanning.
    pub repaired: bool,
    /// The header version, e.g. `1.7`.
    pub version: String,
}

/// The `pdf` stage: reads PDFs for their text, page count and document info.
#[derive(Debug, Clone, Default)]
pub struct PdfStage {
    config: PdfConfig,
}

impl PdfStage {
    /// A stage with this configuration.
    pub fn new(config: PdfConfig) -> Self {
        Self { config }
    }

    /// The configuration.
    pub fn config(&self) -> &PdfConfig {
        &self.config
    }

    /// Extracts text and info from PDF bytes, within the configured limits. Blocking and
    /// CPU-bound: call it from a blocking thread.
    pub fn extract(&self, bytes: &[u8]) -> Result<PdfText, PdfError> {
        extract::extract(bytes, &self.config)
    }
}

#[async_trait]
impl Stage for PdfStage {
    fn name(&self) -> &'static str {
        "pdf"
    }

    /// PDFs by their header (`%PDF-` in the first 1024 bytes), or typed `application/pdf` by the
    /// `mime` stage (or, without it, by the sender).
    fn accepts(&self, item: &Item) -> bool {
        extract::is_pdf(item.blob().head())
            || item.content_type().as_deref() == Some("application/pdf")
    }

    async fn process(&self, item: &mut Item, cx: &StageContext) -> Result<(), StageError> {
        let blob = item.blob().clone();
        let config = self.config.clone();
        let target = cx.artifact("text", "text.txt");
        let result = cx
            .blocking(move || {
                Ok::<_, StageError>((|| {
                    let bytes = blob
                        .read_to_vec(config.max_file_bytes)
                        .map_err(PdfError::from)?;
                    let text = extract::extract(&bytes, &config)?;
                    let artifact = if config.write_text {
                        Some(target.write(text.text.as_bytes()).map_err(PdfError::from)?)
                    } else {
                        None
                    };
                    Ok::<_, PdfError>((text, artifact))
                })())
            })
            .await;
        let (text, artifact) = match result {
            Ok(Ok(done)) => done,
            Ok(Err(PdfError::Encrypted)) => {
                item.facts.insert(PdfFacts::encrypted_only());
                return Err(PdfError::Encrypted.into());
            }
            Ok(Err(e)) => return Err(e.into()),
            Err(e) => return Err(e),
        };
        let text_path = artifact.as_ref().map(|a| a.path.clone());
        if let Some(artifact) = artifact {
            item.add_artifact(artifact);
        }
        item.facts
            .insert(PdfFacts::new(&text, text_path, self.config.excerpt_chars));
        Ok(())
    }
}
