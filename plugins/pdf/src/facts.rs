//! [`PdfFacts`]: what the `pdf` stage reports.

use pipes_media_core::Fact;
use serde::Serialize;

use crate::PdfText;

/// The facts of the `pdf` stage (report keys in camelCase). `pages`, `textPath`, `chars`,
/// `title`, `author`, `producer`, `created` and `encrypted` are the report contract; the rest
/// are extras.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct PdfFacts {
    /// Number of pages (`None` when the document could not be opened).
    pub pages: Option<usize>,
    /// The UTF-8 text file, relative to the output directory; pages separated by form feeds.
    pub text_path: Option<String>,
    /// Characters of text (Unicode scalar values, page separators not counted).
    pub chars: usize,
    /// Document title from the `Info` dictionary.
    pub title: Option<String>,
    /// Document author.
    pub author: Option<String>,
    /// The software that produced the PDF.
    pub producer: Option<String>,
    /// Creation date, RFC 3339.
    pub created: Option<String>,
    /// Whether the file is encrypted (readable ones were opened with the empty password).
    pub encrypted: bool,
    /// The first characters of the text (form feeds shown as newlines).
    pub excerpt: String,
    /// Whether any page has a text layer with visible characters.
    pub has_text: bool,
    /// No text layer at all: an image-only ("scanned") document, or a blank one.
    pub scanned: bool,
    /// The text was cut at the configured size limit.
    pub text_truncated: bool,
    /// The cross-reference data was broken and rebuilt by scanning the file.
    pub repaired: bool,
    /// The software that created the original document.
    pub creator: Option<String>,
    /// The header version, e.g. `1.7` (`None` when unknown).
    pub pdf_version: Option<String>,
}

impl Fact for PdfFacts {}

impl PdfFacts {
    /// The facts of an extracted document; `text_path` is where its text was written.
    pub fn new(text: &PdfText, text_path: Option<String>, excerpt_chars: usize) -> Self {
        let chars = text.text.chars().filter(|&c| c != '\x0c').count();
        let has_text = text.text.chars().any(|c| !c.is_whitespace());
        let excerpt = text
            .text
            .chars()
            .take(excerpt_chars)
            .map(|c| if c == '\x0c' { '\n' } else { c })
            .collect();
        Self {
            pages: Some(text.pages),
            text_path,
            chars,
            title: text.info.title.clone(),
            author: text.info.author.clone(),
            producer: text.info.producer.clone(),
            created: text.info.created.clone(),
            encrypted: text.info.encrypted,
            excerpt,
            has_text,
            scanned: !has_text,
            text_truncated: text.truncated,
            repaired: text.info.repaired,
            creator: text.info.creator.clone(),
            pdf_version: Some(text.info.version.clone()).filter(|v| !v.is_empty()),
        }
    }

    /// The facts of a document that needs a password: only `encrypted: true` is known.
    pub fn encrypted_only() -> Self {
        Self {
            pages: None,
            text_path: None,
            chars: 0,
            title: None,
            author: None,
            producer: None,
            created: None,
            encrypted: true,
            excerpt: String::new(),
            has_text: false,
            scanned: false,
            text_truncated: false,
            repaired: false,
            creator: None,
            pdf_version: None,
        }
    }
}
