//! Text and document info from PDF bytes: load with `lopdf` (xref repair, decryption with the
//! empty password, bounded decompression), then run each page's content and annotations for
//! their text. Pages with right-to-left script are run a second time recording every glyph,
//! and their lines are built from positions and put in logical order ([`bidi`]).

mod bidi;
mod cff;
mod cid;
mod cmap;
mod content;
mod font;
mod glyphs;
mod info;
mod layout;
mod lexer;
mod lines;
mod load;
mod optional;
mod packed;
mod tables;
mod truetype;

use std::time::{Duration, Instant};

use lopdf::{Dictionary, Document, Object, ObjectId};

use crate::{PdfConfig, PdfError, PdfInfo, PdfText};
use content::{FontCache, FormInfo, PageRun, PageSetup};
use optional::OptionalContent;

/// The limits of one extraction, with its deadline.
pub(crate) struct Limits {
    pub(crate) max_stream_bytes: usize,
    pub(crate) max_content_bytes: usize,
    pub(crate) max_depth: usize,
    pub(crate) max_text_bytes: usize,
    pub(crate) deadline: Instant,
    pub(crate) time_limit: Duration,
}

/// Depth of `Parent` links followed for inherited page attributes.
const MAX_PARENTS: usize = 64;
/// The media box of a page that has none (US Letter, as poppler assumes).
const LETTER: [f32; 4] = [0.0, 0.0, 612.0, 792.0];

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
    let doc = load::load(bytes, config.max_stream_bytes)?;
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
    let info = info::info(&doc);
    // A page tree that lists a node twice (a loop) would repeat pages: keep each page once.
    let mut seen = std::collections::HashSet::new();
    let tree: Vec<ObjectId> = doc.page_iter().filter(|id| seen.insert(*id)).collect();
    let pages = declared_pages(&doc).unwrap_or(tree.len());
    if pages == 0 {
        return Err(PdfError::NoPages);
    }

    let optional = OptionalContent::of(&doc);
    let forms = FormInfo::of(&doc);
    let mut fonts = FontCache::new();
    let mut text = String::new();
    let mut content_used = 0usize;
    let mut truncated = false;
    for index in 0..pages {
        if index > 0 {
            text.push('\x0c');
        }
        // A page the root's count declares but the tree lacks is blank (viewers show it so).
        let Some(&page_id) = tree.get(index) else {
            continue;
        };
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
        let resources = inherited(&doc, page, b"Resources").and_then(|r| r.as_dict().ok());
        let setup = || PageSetup {
            media_box: media_box(&doc, page),
            page,
            optional: optional.as_ref(),
            forms: &forms,
        };
        let start = text.len();
        let mut page_text = String::new();
        let run = PageRun::new(
            &doc,
            &mut fonts,
            &limits,
            &mut page_text,
            &mut content_used,
            setup(),
        );
        let frags = run.run_page(&content, resources)?.frags;
        if bidi::has_rtl(&page_text) {
            // Right-to-left script: lines from glyph positions, in logical order.
            let mut pool = String::new();
            let run = PageRun::new(
                &doc,
                &mut fonts,
                &limits,
                &mut pool,
                &mut content_used,
                setup(),
            );
            let glyphs = run.record_glyphs().run_page(&content, resources)?.glyphs;
            page_text = lines::build(&pool, &glyphs);
        } else if config.column_order {
            if let Some(ordered) = layout::reorder(&page_text, &frags) {
                page_text = ordered;
            }
        }
        if config.join_hyphens && page_text.contains("-\n") {
            page_text = join_hyphens(&page_text);
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
        pages,
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

/// Joins words hyphenated across lines, as `pdftotext` does: a line that ends with a hyphen
/// after a letter, followed by a line that starts with a letter, loses the hyphen and the
/// line break (`infor-` `mation` gives `information`; a page number `-2-` stays).
fn join_hyphens(page: &str) -> String {
    let mut out = String::with_capacity(page.len());
    let mut lines = page.split('\n').peekable();
    while let Some(line) = lines.next() {
        let joins = line
            .strip_suffix('-')
            .and_then(|rest| rest.chars().next_back())
            .is_some_and(char::is_alphabetic)
            && lines
                .peek()
                .and_then(|next| next.chars().next())
                .is_some_and(char::is_alphabetic);
        match line.strip_suffix('-') {
            Some(rest) if joins => out.push_str(rest),
            _ => {
                out.push_str(line);
                if lines.peek().is_some() {
                    out.push('\n');
                }
            }
        }
    }
    out
}

/// The page count the root of the page tree declares (`/Count`), as viewers and `pdfinfo`
/// take it; `None` when it is missing or absurd (not positive, more than the objects), and the
/// pages the tree holds count instead.
fn declared_pages(doc: &Document) -> Option<usize> {
    let root = doc.catalog().ok()?.get(b"Pages").ok()?;
    let root = doc.dereference(root).ok()?.1.as_dict().ok()?;
    let count = doc
        .dereference(root.get(b"Count").ok()?)
        .ok()?
        .1
        .as_float()
        .ok()?;
    let objects = (doc.max_id as usize)
        .saturating_add(1)
        .max(doc.objects.len());
    (count >= 1.0 && count <= objects as f32).then_some(count as usize)
}

/// An inheritable page attribute (`Resources`, `MediaBox`, …), dereferenced.
fn inherited<'a>(doc: &'a Document, page: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    let mut node = page;
    for _ in 0..MAX_PARENTS {
        if let Ok(r) = node.get(key) {
            return doc.dereference(r).ok().map(|(_, r)| r);
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

/// The page's media box, normalised; US Letter when it has none or an unreadable one (as
/// poppler reads it).
fn media_box(doc: &Document, page: &Dictionary) -> [f32; 4] {
    let numbers: Option<Vec<f32>> = inherited(doc, page, b"MediaBox")
        .and_then(|b| b.as_array().ok())
        .map(|b| {
            b.iter()
                .filter_map(|o| doc.dereference(o).ok()?.1.as_float().ok())
                .collect()
        });
    match numbers.as_deref() {
        Some(&[a, b, c, d])
            if [a, b, c, d].iter().all(|v| v.is_finite()) && [a, b, c, d] != [0.0; 4] =>
        {
            [a.min(c), b.min(d), a.max(c), b.max(d)]
        }
        _ => LETTER,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hyphenated_words_are_joined() {
        assert_eq!(
            join_hyphens("infor-\nmation and well-\nknown\n- a list\nend -\nx\n10-\n20\n-2-\nThe"),
            "information and wellknown\n- a list\nend -\nx\n10-\n20\n-2-\nThe"
        );
        assert_eq!(join_hyphens("last-"), "last-");
        assert_eq!(join_hyphens(""), "");
    }

    #[test]
    fn magic() {
        assert!(is_pdf(b"%PDF-1.4"));
        assert!(is_pdf(b"junk\n%PDF-1.7"));
        assert!(!is_pdf(b"\x89PNG"));
    }
}
