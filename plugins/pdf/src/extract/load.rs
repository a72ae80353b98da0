//! Loading a document with `lopdf`: bounded decompression, xref repair, decryption with the
//! empty password, and encrypted files whose trailer has no `/ID`.
//!
//! The standard security handler mixes the first `/ID` string into the file key; a file
//! without one is read (by Acrobat and poppler alike) with an empty string there. `lopdf`
//! refuses such files instead, so they are loaded a second time as if unencrypted (the
//! `/Encrypt` keys renamed in a copy of the bytes, keeping every offset) and decrypted with an
//! empty `/ID` put into the trailer. Files whose crypt filters leave streams and strings alone
//! (only attachments need a password) are loaded that way too, without decrypting.

use lopdf::{Document, LoadOptions, Object, StringFormat};

use crate::PdfError;

/// What `/Encrypt` is renamed to in the copy (same length, so offsets stay valid).
const HIDDEN_KEY: &[u8] = b"/Encrypx";

/// Loads `bytes`; `max_stream` bounds each decompressed stream.
pub(crate) fn load(bytes: &[u8], max_stream: usize) -> Result<Document, PdfError> {
    let options = || LoadOptions {
        max_decompressed_size: Some(max_stream),
        ..LoadOptions::default()
    };
    let doc = Document::load_mem_with_options(bytes, options())
        .map_err(|e| PdfError::from_lopdf(e, max_stream))?;
    if !doc.is_encrypted() {
        return Ok(doc);
    }
    if only_attachments_encrypted(&doc) {
        // Crypt filters that leave strings and streams as they are (`/StmF /Identity`): only
        // embedded files need the password; the document reads as it is.
        if let Some(Ok(plain)) = reload(bytes, options(), false) {
            return Ok(plain);
        }
    }
    if doc.trailer.get(b"ID").is_ok() {
        return Ok(doc);
    }
    match reload(bytes, options(), true) {
        Some(Ok(decrypted)) => Ok(decrypted),
        Some(Err(e @ PdfError::TooLarge { .. })) => Err(e),
        // Not the missing-/ID case after all (or a password is needed): as loaded.
        _ => Ok(doc),
    }
}

/// Whether the encryption dictionary (version 4 or later) leaves both streams and strings
/// unencrypted: only embedded files use the crypt filter.
fn only_attachments_encrypted(doc: &Document) -> bool {
    let Ok(encrypt) = doc.get_encrypted() else {
        return false;
    };
    let version = encrypt.get(b"V").and_then(Object::as_i64).unwrap_or(0);
    let identity = |key: &[u8]| {
        encrypt
            .get(key)
            .and_then(Object::as_name)
            .map_or(true, |f| f == b"Identity")
    };
    version >= 4 && identity(b"StmF") && identity(b"StrF")
}

/// Loads an encrypted file again as if it were not (`/Encrypt` renamed in a copy of the
/// bytes); with `decrypt`, then decrypts it with the empty password and an empty `/ID` (for a
/// file that has none). `None` when the file does not look like that.
fn reload(bytes: &[u8], options: LoadOptions, decrypt: bool) -> Option<Result<Document, PdfError>> {
    let max_stream = options.max_decompressed_size.unwrap_or(usize::MAX);
    let mut copy = bytes.to_vec();
    let mut renamed = 0usize;
    let mut at = 0usize;
    while let Some(found) = find(copy.get(at..)?, b"/Encrypt") {
        let start = at + found;
        let end = start + b"/Encrypt".len();
        // `/Encrypt` itself, not `/EncryptMetadata`.
        if copy.get(end).is_none_or(|b| !b.is_ascii_alphanumeric()) {
            if let Some(slot) = copy.get_mut(start..end) {
                slot.copy_from_slice(HIDDEN_KEY);
                renamed += 1;
            }
        }
        at = end;
    }
    if renamed == 0 {
        return None;
    }
    let mut doc = match Document::load_mem_with_options(&copy, options) {
        Ok(doc) => doc,
        Err(e) => return Some(Err(PdfError::from_lopdf(e, max_stream))),
    };
    let hidden = HIDDEN_KEY.get(1..).unwrap_or_default();
    let encrypt = doc.trailer.remove(hidden)?;
    if !decrypt {
        return Some(Ok(doc));
    }
    doc.trailer.set("Encrypt", encrypt);
    let empty = || Object::String(Vec::new(), StringFormat::Literal);
    doc.trailer.set("ID", Object::Array(vec![empty(), empty()]));
    match doc.decrypt("") {
        Ok(()) => {}
        // Some object did not decrypt cleanly: keep what did (best effort).
        Err(e) if !doc.is_encrypted() => {
            tracing::debug!(error = %e, "decrypting a file without /ID left some objects as they were");
        }
        Err(lopdf::Error::Decryption(_) | lopdf::Error::InvalidPassword) => {
            return Some(Err(PdfError::Encrypted))
        }
        Err(e) => return Some(Err(PdfError::from_lopdf(e, max_stream))),
    }
    doc.trailer.remove(b"ID");
    Some(Ok(doc))
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}
