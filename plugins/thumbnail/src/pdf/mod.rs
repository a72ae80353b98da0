//! First pages of PDF documents, rendered by `hayro` (pure Rust) on white at the thumbnail's
//! size, with the `pdf` stage's bounds: stream sizes and object counts checked before
//! rendering ([`budget`]), a time limit, `ENCRYPTED` for documents that need a password, and a
//! page that renders blank while its text layer has text reported as `BLANK_RENDER`.
//!
//! The renderer cannot be interrupted, so it runs on a thread of its own: past the time limit
//! the stage gets `TIMEOUT` and the thread is left to finish the page (the budget bounds how
//! long that can be); while two such threads are still running, new documents get `TIMEOUT`
//! at once instead of starting a third.

mod blank;
mod budget;
pub(crate) mod error;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Arc};
use std::time::Duration;

use hayro::hayro_interpret::InterpreterSettings;
use hayro::hayro_syntax::{LoadPdfError, Pdf};
use hayro::vello_cpu::color::palette::css::WHITE;
use hayro::{PixmapSettings, RenderCache, RenderSettings};

pub(crate) use budget::Budget;
use error::PdfPageError;

/// The bounds of one first page.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PdfLimits {
    pub budget: Budget,
    pub time_limit: Duration,
}

/// A rendered first page: opaque RGB at the thumbnail size.
#[derive(Debug, Clone)]
pub(crate) struct PagePicture {
    /// RGB, 3 bytes a pixel.
    pub rgb: Vec<u8>,
    pub width: u32,
    pub height: u32,
    /// The page size in PDF points (1/72 inch), as displayed (after `/Rotate`).
    pub page_width: u32,
    pub page_height: u32,
    /// The page has no mark and no text: a blank page, honestly white.
    pub blank: bool,
    /// The file has no `%%EOF` marker near its end: cut short (the renderer rebuilt what it
    /// could from the objects that are there).
    pub cut_short: bool,
}

/// Renders that went past their time limit and are still running.
static RUNAWAYS: AtomicUsize = AtomicUsize::new(0);
/// How many runaway renders may run before new documents are refused.
const MAX_RUNAWAYS: usize = 2;

/// Renders page 1 of the PDF in `bytes` to fit `box_w` x `box_h` (the longer side fills the
/// box: pages are vector graphics, scaled up as `pdftoppm -scale-to` does).
pub(crate) fn first_page(
    bytes: Vec<u8>,
    box_w: u32,
    box_h: u32,
    limits: &PdfLimits,
) -> Result<PagePicture, PdfPageError> {
    if !bytes
        .get(..bytes.len().min(1024))
        .is_some_and(|head| head.windows(5).any(|w| w == b"%PDF-"))
    {
        return Err(PdfPageError::Invalid(
            "no %PDF- header in the first 1024 bytes".into(),
        ));
    }
    if RUNAWAYS.load(Ordering::Acquire) >= MAX_RUNAWAYS {
        return Err(PdfPageError::Timeout(limits.time_limit));
    }
    let (tx, rx) = mpsc::sync_channel(1);
    let budget = limits.budget;
    let finished = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let done = finished.clone();
    let worker = std::thread::Builder::new()
        .name("pdf-page".into())
        .spawn(move || {
            let result = std::panic::catch_unwind(move || render(bytes, box_w, box_h, &budget))
                .unwrap_or_else(|_| Err(PdfPageError::Render("the renderer panicked".into())));
            // Mark the end before the send, so a timed-out caller counts it correctly.
            if done.swap(true, Ordering::AcqRel) {
                RUNAWAYS.fetch_sub(1, Ordering::AcqRel);
            }
            let _ = tx.send(result);
        })
        .map_err(|e| PdfPageError::Render(format!("no thread for the renderer: {e}")))?;
    match rx.recv_timeout(limits.time_limit) {
        Ok(result) => {
            let _ = worker.join();
            result
        }
        Err(mpsc::RecvTimeoutError::Timeout) => {
            // Count the render as a runaway unless it finished just now.
            if !finished.swap(true, Ordering::AcqRel) {
                RUNAWAYS.fetch_add(1, Ordering::AcqRel);
                tracing::warn!(limit = ?limits.time_limit, "PDF page render over its time limit; left to finish");
            }
            Err(PdfPageError::Timeout(limits.time_limit))
        }
        Err(mpsc::RecvTimeoutError::Disconnected) => Err(PdfPageError::Render(
            "the renderer stopped without a result".into(),
        )),
    }
}

fn render(
    bytes: Vec<u8>,
    box_w: u32,
    box_h: u32,
    budget: &Budget,
) -> Result<PagePicture, PdfPageError> {
    let tail = &bytes[bytes.len().saturating_sub(1024)..];
    let cut_short = !tail.windows(5).any(|w| w == b"%%EOF");
    let pdf = Pdf::new(bytes).map_err(|e| match e {
        LoadPdfError::Decryption(d) => {
            use hayro::hayro_syntax::DecryptionError as D;
            PdfPageError::Encrypted(match d {
                D::PasswordProtected => "a user password is needed",
                D::UnsupportedAlgorithm => "the encryption algorithm is not supported",
                D::MissingIDEntry | D::InvalidEncryption => "the encryption dictionary is invalid",
            })
        }
        LoadPdfError::Invalid => {
            PdfPageError::Invalid("the file structure could not be read".into())
        }
    })?;
    let pages = pdf.pages();
    let page = pages.first().ok_or(PdfPageError::NoPages)?;
    budget::check(page, budget)?;
    let (w, h) = page.render_dimensions();
    if !(w.is_finite() && h.is_finite() && w >= 1.0 && h >= 1.0 && w <= 1.0e6 && h <= 1.0e6) {
        return Err(PdfPageError::Invalid(format!(
            "page 1 measures {w}x{h} points"
        )));
    }
    let (page_width, page_height) = (w.round() as u32, h.round() as u32);
    let scale = (box_w as f32 / w).min(box_h as f32 / h);
    let (out_w, out_h) = (
        ((w * scale).round() as u32).clamp(1, box_w.max(1)),
        ((h * scale).round() as u32).clamp(1, box_h.max(1)),
    );
    let settings = InterpreterSettings::default();
    let cache = RenderCache::new();
    let pixmap = hayro::render(
        page,
        &cache,
        &settings,
        &RenderSettings::default(),
        &PixmapSettings {
            // A hair over, so that the renderer's rounding down lands on the size.
            x_scale: (out_w as f32 + 0.01) / w,
            y_scale: (out_h as f32 + 0.01) / h,
            bg_color: WHITE,
        },
    );
    let (pw, ph) = (u32::from(pixmap.width()), u32::from(pixmap.height()));
    if pw == 0 || ph == 0 {
        return Err(PdfPageError::Render(format!(
            "page 1 rendered to {pw}x{ph} pixels"
        )));
    }
    let rgba = pixmap.data_as_u8_slice();
    let blank = blank::is_blank(rgba);
    if blank {
        let marks = blank::count_marks(page, &settings);
        if marks.glyphs > 0 {
            return Err(PdfPageError::BlankRender {
                glyphs: marks.glyphs,
            });
        }
    }
    // The background is opaque white, so premultiplied and straight alpha are the same.
    let rgb: Vec<u8> = rgba
        .chunks_exact(4)
        .flat_map(|px| [px[0], px[1], px[2]])
        .collect();
    Ok(PagePicture {
        rgb,
        width: pw,
        height: ph,
        page_width,
        page_height,
        blank,
        cut_short,
    })
}
