//! Lines from glyph positions, for pages whose stream order is not reading order: right-to-left
//! script, drawn left to right in visual order, glyph by glyph leftwards, or line by line in
//! pieces. Glyphs are grouped by writing direction and baseline, sorted along it, split into
//! lines at wide gaps and into words where a space glyph or a gap lies between them, and each
//! line is put in logical order ([`super::bidi`]). Lines keep the order in which they were
//! begun.

use super::bidi;
use super::content::Glyph;

/// A gap wider than this (in font sizes) between two glyphs of a line is a word break.
const WORD_GAP: f32 = 0.12;
/// Glyphs more than this many font sizes apart along a baseline are on different lines
/// (columns).
const LINE_GAP: f32 = 3.0;
/// Baselines closer than this (in font sizes) are the same line.
const BASELINE: f32 = 0.5;
/// How many earlier lines a glyph may join (text drawn out of order within a line).
const LOOKBACK: usize = 8;
/// A glyph this close (in font sizes) to one with the same text is a duplicate (fake bold).
const DUPLICATE: f32 = 0.1;

/// One glyph in its line's frame: extent along the writing direction.
#[derive(Debug, Clone, Copy)]
struct Placed {
    index: usize,
    /// Words in stream order: a space glyph separates the glyphs drawn before and after it,
    /// wherever they land (a space kerned under the next letter still separates words).
    word: usize,
    a0: f32,
    a1: f32,
    size: f32,
}

/// Glyphs on one baseline (one or more lines: text of two columns can share a baseline).
#[derive(Debug)]
struct Baseline {
    /// The writing direction, as one of four right angles (0 = left to right).
    rotation: u8,
    across: f32,
    size: f32,
    glyphs: Vec<Placed>,
}

/// The page text from `glyphs`, whose texts are ranges of `pool`.
pub(crate) fn build(pool: &str, glyphs: &[Glyph]) -> String {
    let text_of = |g: &Glyph| pool.get(g.start as usize..g.end as usize).unwrap_or("");
    let mut baselines: Vec<Baseline> = Vec::new();
    let mut word = 0;
    for (index, g) in glyphs.iter().enumerate() {
        if text_of(g).trim().is_empty() {
            word += 1;
            continue;
        }
        let (rotation, along, across) = frame(g);
        let (a0, a1) = (along.0.min(along.1), along.0.max(along.1));
        let size = g.size.max(0.01);
        if !(a0.is_finite() && a1.is_finite() && across.is_finite()) {
            continue;
        }
        let placed = Placed {
            index,
            word,
            a0,
            a1,
            size,
        };
        let first = baselines.len().saturating_sub(LOOKBACK);
        let same = |b: &&mut Baseline| {
            b.rotation == rotation && (across - b.across).abs() < BASELINE * size.max(b.size)
        };
        match baselines.iter_mut().skip(first).rev().find(same) {
            Some(b) => b.glyphs.push(placed),
            None => baselines.push(Baseline {
                rotation,
                across,
                size,
                glyphs: vec![placed],
            }),
        }
    }
    // Lines: each baseline's glyphs in order along it, split where a wide gap lies; a line
    // takes its place in the page from the first glyph drawn in it.
    let mut lines: Vec<(usize, String, Vec<usize>)> = Vec::new();
    for baseline in &mut baselines {
        // Stable: glyphs at one position (a letter and its marks) keep their stream order.
        baseline.glyphs.sort_by(|a, b| a.a0.total_cmp(&b.a0));
        let mut text = String::new();
        let mut starts = Vec::new();
        let mut first = usize::MAX;
        let mut prev: Option<Placed> = None;
        for &p in &baseline.glyphs {
            let Some(g) = glyphs.get(p.index) else {
                continue;
            };
            let t = text_of(g);
            if let Some(q) = prev {
                let em = p.size.max(q.size);
                if p.a0 - q.a1 > LINE_GAP * em {
                    lines.push((
                        first,
                        std::mem::take(&mut text),
                        std::mem::take(&mut starts),
                    ));
                    first = usize::MAX;
                } else {
                    let same = glyphs.get(q.index).map(text_of) == Some(t);
                    if same && (p.a0 - q.a0).abs() < DUPLICATE * em {
                        continue;
                    }
                    if (p.word != q.word || p.a0 - q.a1 > WORD_GAP * em) && !text.ends_with(' ') {
                        starts.push(text.len());
                        text.push(' ');
                    }
                }
            }
            first = first.min(p.index);
            starts.push(text.len());
            text.push_str(t);
            prev = Some(p);
        }
        lines.push((first, text, starts));
    }
    lines.sort_by_key(|(first, _, _)| *first);
    let ltr = bidi::primary_ltr(&lines.iter().map(|l| l.1.as_str()).collect::<String>());
    let mut out = String::with_capacity(pool.len());
    for (_, line, starts) in &lines {
        // Trim the line, keeping the unit starts inside it.
        let lead = line.len() - line.trim_start().len();
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        let starts: Vec<usize> = starts
            .iter()
            .filter_map(|s| s.checked_sub(lead))
            .filter(|s| *s < trimmed.len())
            .collect();
        if !out.is_empty() {
            out.push('\n');
        }
        bidi::reorder_units(trimmed, &starts, ltr, &mut out);
    }
    out
}

/// The glyph's writing direction as a right angle, its extent along it and its baseline
/// across it (in that rotated frame: x to the right, y up for rotation 0).
fn frame(g: &Glyph) -> (u8, (f32, f32), f32) {
    let (dx, dy) = g.dir;
    let (rotation, ux, uy) = if dx.abs() >= dy.abs() {
        if dx >= 0.0 {
            (0, 1.0, 0.0)
        } else {
            (2, -1.0, 0.0)
        }
    } else if dy >= 0.0 {
        (1, 0.0, 1.0)
    } else {
        (3, 0.0, -1.0)
    };
    let along = |x: f32, y: f32| x * ux + y * uy;
    let across = g.y * ux - g.x * uy;
    let start = along(g.x, g.y);
    let end = along(g.x + g.dx, g.y + g.dy);
    (rotation, (start, end), across)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    /// Glyphs of `text`, one per character of width 6 at size 10, from `x` along `y`,
    /// stepping `step` per character (negative: drawn leftwards).
    fn glyphs(pool: &mut String, text: &str, x: f32, y: f32, step: f32) -> Vec<Glyph> {
        text.chars()
            .enumerate()
            .map(|(i, c)| {
                let start = pool.len() as u32;
                pool.push(c);
                Glyph {
                    start,
                    end: pool.len() as u32,
                    x: x + step * i as f32 - if step < 0.0 { 6.0 } else { 0.0 },
                    y,
                    dx: 6.0,
                    dy: 0.0,
                    size: 10.0,
                    dir: (1.0, 0.0),
                }
            })
            .collect()
    }

    #[test]
    fn visual_and_leftward_hebrew_both_read_logically() {
        let mut pool = String::new();
        // Drawn in visual order, left to right.
        let mut all = glyphs(&mut pool, "םלוע םולש", 100.0, 700.0, 6.0);
        // Drawn in logical order, each glyph left of the previous (as cairo does).
        all.extend(glyphs(&mut pool, "שלום עולם", 300.0, 680.0, -6.0));
        assert_eq!(build(&pool, &all), "שלום עולם\nשלום עולם");
    }

    #[test]
    fn gaps_spaces_and_duplicates() {
        let mut pool = String::new();
        let mut all = glyphs(&mut pool, "ab", 100.0, 700.0, 6.0);
        all.extend(glyphs(&mut pool, "cd", 120.0, 700.0, 6.0));
        // The same word drawn twice at one place (fake bold) counts once.
        all.extend(glyphs(&mut pool, "ef", 200.0, 600.0, 6.0));
        all.extend(glyphs(&mut pool, "ef", 200.3, 600.0, 6.0));
        assert_eq!(build(&pool, &all), "ab cd\nef");
        assert_eq!(build("", &[]), "");
    }
}
