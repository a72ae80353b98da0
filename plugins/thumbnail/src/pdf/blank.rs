//! Blank pages: a render with no mark on it, and the page's text layer counted by running the
//! interpreter once more into a device that only counts glyphs (invisible text included, so an
//! OCR layer over a picture that did not render counts as text).

use hayro::hayro_interpret::font::GlyphRun;
use hayro::hayro_interpret::hayro_syntax::page::Page;
use hayro::hayro_interpret::kurbo::{Affine, BezPath, Rect};
use hayro::hayro_interpret::{
    interpret_page, BlendMode, ClipPath, Context, Device, DrawMode, DrawProps, Image,
    ImageDrawProps, InterpreterCache, InterpreterSettings, SoftMask,
};

/// How far (0-255, per channel) a pixel may be from white and still count as paper.
const PAPER: u8 = 8;

/// Whether an RGBA render (opaque, on white) has no mark: every pixel within [`PAPER`] of
/// white.
pub(crate) fn is_blank(rgba: &[u8]) -> bool {
    rgba.chunks_exact(4)
        .all(|px| px[..3].iter().all(|&c| c >= 255 - PAPER))
}

/// What a page shows, counted without drawing.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Marks {
    /// Glyphs shown, visible or not.
    pub glyphs: u64,
    /// Images drawn.
    pub images: u64,
}

/// Counts the glyphs and images of `page`.
pub(crate) fn count_marks(page: &Page<'_>, settings: &InterpreterSettings) -> Marks {
    let cache = InterpreterCache::new();
    let (w, h) = page.render_dimensions();
    let bbox = Rect::new(0.0, 0.0, f64::from(w.max(1.0)), f64::from(h.max(1.0)));
    let transform = Affine::IDENTITY;
    let mut context = Context::new(transform, bbox, &cache, page.xref(), settings.clone());
    let mut counter = Counter::default();
    interpret_page(page, &mut context, &mut counter);
    counter.marks
}

#[derive(Default)]
struct Counter {
    marks: Marks,
}

impl<'a> Device<'a> for Counter {
    fn draw_path(&mut self, _: &BezPath, _: DrawProps<'a>, _: &DrawMode) {}
    fn push_clip_path(&mut self, _: &ClipPath) {}
    fn push_transparency_group(&mut self, _: f32, _: Option<SoftMask<'a>>, _: BlendMode) {}
    fn draw_glyph_run(&mut self, run: &GlyphRun<'_, 'a>, _: DrawProps<'a>, _: &DrawMode) {
        self.marks.glyphs += run.glyphs().len() as u64;
    }
    fn draw_image(&mut self, _: Image<'a, '_>, _: ImageDrawProps<'a>) {
        self.marks.images += 1;
    }
    fn pop_clip(&mut self) {}
    fn pop_transparency_group(&mut self) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paper_is_blank_and_a_grey_dot_is_not() {
        let mut page = [255u8; 4 * 100];
        assert!(is_blank(&page));
        page[200] = 250;
        assert!(is_blank(&page));
        page[200] = 200;
        assert!(!is_blank(&page));
    }
}
