//! Reading order for two-column pages: when the runs of text of a page split into a left and a
//! right column around a clear gutter, the page is read band by band (bands separated by lines
//! that cross the gutter, such as titles and full-width paragraphs): the left column, then the
//! right. Other pages keep the order of their content streams, which is reading order for
//! nearly every producer.

use super::content::Frag;

/// Most gutter positions tried per page.
const MAX_CANDIDATES: usize = 64;

/// The page text in column order, or `None` when the page is not two columns of text.
pub(crate) fn reorder(text: &str, frags: &[Frag]) -> Option<String> {
    if frags.len() < 6
        || frags
            .iter()
            .any(|f| !f.upright || !f.x0.is_finite() || !f.x1.is_finite() || !f.y.is_finite())
    {
        return None;
    }
    let pieces: Vec<(Frag, &str)> = frags
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let end = frags.get(i + 1).map_or(text.len(), |n| n.start);
            (*f, text.get(f.start..end).unwrap_or("").trim())
        })
        .filter(|(_, t)| !t.is_empty())
        .collect();
    let gutter = gutter(&pieces)?;
    let crosses = |f: &Frag| f.x0 < gutter && f.x1 > gutter;
    let mut spanning: Vec<&(Frag, &str)> = pieces.iter().filter(|(f, _)| crosses(f)).collect();
    spanning.sort_by(|a, b| b.0.y.total_cmp(&a.0.y));
    let band = |f: &Frag| {
        spanning
            .iter()
            .filter(|(s, _)| s.y > f.y + 0.5 * f.em)
            .count()
    };
    let mut ordered: Vec<&(Frag, &str)> = Vec::with_capacity(pieces.len());
    for b in 0..=spanning.len() {
        ordered.extend(
            pieces
                .iter()
                .filter(|(f, _)| !crosses(f) && f.x1 <= gutter && band(f) == b),
        );
        ordered.extend(
            pieces
                .iter()
                .filter(|(f, _)| !crosses(f) && f.x0 >= gutter && band(f) == b),
        );
        if let Some(s) = spanning.get(b) {
            ordered.push(s);
        }
    }
    let mut out = String::with_capacity(text.len());
    let mut prev: Option<&Frag> = None;
    for (f, t) in ordered {
        if let Some(p) = prev {
            let same_line = (f.y - p.y).abs() < 0.5 * f.em.max(p.em) && f.x0 >= p.x1 - 0.5 * f.em;
            out.push(if same_line { ' ' } else { '\n' });
        }
        out.push_str(t);
        prev = Some(f);
    }
    Some(out)
}

/// An x position that no more than a fifth of the runs cross, with at least three runs of
/// prose on each side.
fn gutter(pieces: &[(Frag, &str)]) -> Option<f32> {
    let left = pieces
        .iter()
        .map(|(f, _)| f.x0)
        .fold(f32::INFINITY, f32::min);
    let right = pieces
        .iter()
        .map(|(f, _)| f.x1)
        .fold(f32::NEG_INFINITY, f32::max);
    let width = right - left;
    if width.is_nan() || width <= 0.0 {
        return None;
    }
    let mut candidates: Vec<f32> = pieces
        .iter()
        .map(|(f, _)| f.x0)
        .filter(|x| *x > left + 0.25 * width && *x < left + 0.75 * width)
        .collect();
    candidates.sort_by(f32::total_cmp);
    candidates.dedup_by(|a, b| (*a - *b).abs() < 1.0);
    let step = candidates.len().div_ceil(MAX_CANDIDATES).max(1);
    let mut best: Option<(usize, f32)> = None;
    for &x in candidates.iter().step_by(step) {
        let g = x - 0.5;
        let (mut l, mut r, mut c, mut l_chars, mut r_chars) =
            (0usize, 0usize, 0usize, 0usize, 0usize);
        for (f, t) in pieces {
            if f.x1 <= g {
                l += 1;
                l_chars += t.len();
            } else if f.x0 >= g {
                r += 1;
                r_chars += t.len();
            } else {
                c += 1;
            }
        }
        // Columns of prose, not a column of page numbers or labels.
        let prose = l >= 3 && r >= 3 && l_chars >= 15 * l && r_chars >= 15 * r;
        if prose && c * 5 <= pieces.len() && best.is_none_or(|(score, _)| l.min(r) > score) {
            best = Some((l.min(r), g));
        }
    }
    best.map(|(_, g)| g)
}
