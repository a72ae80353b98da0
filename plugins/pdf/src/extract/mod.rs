//! Text and document info from PDF bytes: load with `lopdf` (xref repair, decryption with the
//! empty password, bounded decompression), then run each page's content for its text.

mod cmap;
mod content;
mod font;
mod glyphs;
mod layout;
mod lexer;
mod tables;
mod truetype;

use std::time::{Duration, Instant};

use lopdf::{Dictionary, Document, LoadOptions, Object, ObjectId};

use crate::{PdfConfig, PdfError, PdfInfo, PdfText};
use content::{FontCache, PageRun};

/// The limits of one extraction, with its deadline.
pub(crate) struct Limits {
    pub(crate) max_stream_bytes: usize,
    pub(crate) max_content_bytes: usize,
    pub(crate) max_depth: usize,
    pub(crate) max_text_bytes: usize,
    pub(crate) deadline: Instant,
    pub(crate) time_limit: Duration,
}

/// Depth of `Parent` links followed for inherited page resources.
const MAX_PARENTS: usize = 64;

/// Whether `head` looks like a PDF: `%PDF-` within its first 1024 bytes.
pub(crate) fn is_pdf(head: &[u8]) -> bool {
    let head = head.get(..head.len().min(1024)).unwrap_or(head);
    head.windows(5).any(|w| w == b"%PDF-")
}

/// Extracts the text and info of the PDF in `bytes`.
pub(crate) fn extract(bytes: &[u8], config: &PdfConfig) -> Result<PdfText, PdfError> {
    let started = Instant::now();
    if !is_pdf(bytes) {
        return Err(PdfError::NotPdf);
    }
    let limits = Limits {
        max_stream_bytes: config.max_stream_bytes,
        max_content_bytes: config.max_content_bytes,
        max_depth: config.max_depth,
        max_text_bytes: config.max_text_bytes,
        deadline: started + config.time_limit,
        time_limit: config.time_limit,
    };
    let options = LoadOptions {
        max_decompressed_size: Some(config.max_stream_bytes),
        ..LoadOptions::default()
    };
    let doc = Document::load_mem_with_options(bytes, options)
        .map_err(|e| PdfError::from_lopdf(e, config.max_stream_bytes))?;
    if doc.is_encrypted() {
        // The empty user password did not open it (lopdf tries it first).
        return Err(PdfError::Encrypted);
    }
    if doc.objects.len() > config.max_objects {
        return Err(PdfError::TooLarge {
            what: "the object count",
            limit: config.max_objects as u64,
        });
    }
    if Instant::now() > limits.deadline {
        return Err(PdfError::Timeout(config.time_limit));
    }
    let info = info(&doc);
    // A page tree that lists a node twice (a loop) would repeat pages: keep each page once.
    let mut seen = std::collections::HashSet::new();
    let pages: Vec<ObjectId> = doc.page_iter().filter(|id| seen.insert(*id)).collect();
    if pages.is_empty() {
        return Err(PdfError::NoPages);
    }

    let mut fonts = FontCache::new();
    let mut text = String::new();
    let mut content_used = 0usize;
    let mut truncated = false;
    for (index, &page_id) in pages.iter().enumerate() {
        if index > 0 {
            text.push('\x0c');
        }
        if Instant::now() > limits.deadline {
            return Err(PdfError::Timeout(config.time_limit));
        }
        if text.len() > limits.max_text_bytes {
            truncated = true;
            continue;
        }
        let Ok(page) = doc.get_dictionary(page_id) else {
            continue;
        };
        let mut content = Vec::new();
        for id in doc.get_page_contents(page_id) {
            if let Ok(stream) = doc.get_object(id).and_then(Object::as_stream) {
                content.extend_from_slice(&content::decode_content(
                    stream,
                    &limits,
                    &mut content_used,
                )?);
                content.push(b'\n');
            }
        }
        let resources = page_resources(&doc, page);
        let start = text.len();
        let mut page_text = String::new();
        let frags = PageRun::new(&doc, &mut fonts, &limits, &mut page_text, &mut content_used)
            .run_page(&content, resources)?;
        if config.column_order {
            if let Some(ordered) = layout::reorder(&page_text, &frags) {
                page_text = ordered;
            }
        }
        let trimmed = page_text.trim_end();
        text.push_str(trimmed);
        if text.len() > limits.max_text_bytes {
            let mut cut = limits.max_text_bytes.max(start);
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            text.truncate(cut);
            truncated = true;
        }
    }
    Ok(PdfText {
        pages: pages.len(),
        text,
        truncated,
        info: PdfInfo {
            encrypted: doc.was_encrypted(),
            repaired: doc.xref_recovery.is_some(),
            version: doc.version.clone(),
            ..info
        },
    })
}

fn page_resources<'a>(doc: &'a Document, page: &'a Dictionary) -> Option<&'a Dictionary> {
    let mut node = page;
    for _ in 0..MAX_PARENTS {
        if let Ok(r) = node.get(b"Resources") {
            return doc.dereference(r).ok().and_then(|(_, r)| r.as_dict().ok());
        }
        node = doc
            .dereference(node.get(b"Parent").ok()?)
            .ok()?
            .1
            .as_dict()
            .ok()?;
    }
    None
}

fn info(doc: &Document) -> PdfInfo {
    let dict = doc
        .trailer
        .get(b"Info")
        .ok()
        .and_then(|i| doc.dereference(i).ok())
        .and_then(|(_, i)| i.as_dict().ok());
    let text = |key: &[u8]| {
        let value = dict?.get(key).ok()?;
        let value = doc.dereference(value).ok()?.1;
        let s = lopdf::decode_text_string(value).ok()?;
        let s: String = s.chars().filter(|c| !c.is_control()).collect();
        let s = s.trim();
        (!s.is_empty()).then(|| s.to_owned())
    };
    PdfInfo {
        title: text(b"Title"),
        author: text(b"Author"),
        producer: text(b"Producer"),
        creator: text(b"Creator"),
        created: text(b"CreationDate").and_then(|d| pdf_date(&d)),
        ..PdfInfo::default()
    }
}

/// `D:YYYYMMDDHHmmSSOHH'mm'` (every part after the year optional) as RFC 3339.
pub(crate) fn pdf_date(raw: &str) -> Option<String> {
    let s = raw.trim().strip_prefix("D:").unwrap_or(raw.trim());
    let digits = |from: usize, len: usize, default: u32| -> Option<u32> {
        match s.get(from..from + len) {
            Some(part) if part.bytes().all(|b| b.is_ascii_digit()) => part.parse().ok(),
            Some(_) => None,
            None => Some(default),
        }
    };
    let year = digits(0, 4, 0).filter(|_| s.len() >= 4)?;
    let month = digits(4, 2, 1)?;
    let day = digits(6, 2, 1)?;
    let hour = digits(8, 2, 0)?;
    let minute = digits(10, 2, 0)?;
    let second = digits(12, 2, 0)?;
    if !(1..=12).contains(&month)
        || !(1..=31).contains(&day)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    let zone = s.get(14..).unwrap_or("");
    let offset = match zone.chars().next() {
        Some(sign @ ('+' | '-')) => {
            let rest: String = zone.chars().skip(1).filter(char::is_ascii_digit).collect();
            let oh: u32 = rest.get(0..2).and_then(|h| h.parse().ok()).unwrap_or(0);
            let om: u32 = rest.get(2..4).and_then(|m| m.parse().ok()).unwrap_or(0);
            format!("{sign}{oh:02}:{om:02}")
        }
        _ => "Z".to_owned(),
    };
    Some(format!(
        "{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}{offset}"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(
            pdf_date("D:20240131120501+01'00'").as_deref(),
            Some("2024-01-31T12:05:01+01:00")
        );
        assert_eq!(pdf_date("D:2024").as_deref(), Some("2024-01-01T00:00:00Z"));
        assert_eq!(pdf_date("D:20241301").as_deref(), None);
        assert_eq!(pdf_date("garbage").as_deref(), None);
        assert_eq!(
            pdf_date("D:20240131120501Z").as_deref(),
            Some("2024-01-31T12:05:01Z")
        );
    }

    #[test]
    fn magic() {
        assert!(is_pdf(b"%PDF-1.4"));
        assert!(is_pdf(b"junk\n%PDF-1.7"));
        assert!(!is_pdf(b"\x89PNG"));
    }
}
