//! Right-to-left text: PDF pages draw Arabic and Hebrew in visual order (glyphs left to right
//! as they appear); readers and search want logical order. A line in visual order is put in
//! logical order as `pdftotext` does (poppler's `reorderText`): on a page that is mostly
//! left-to-right, each right-to-left run is reversed; on a mostly right-to-left page the whole
//! line is reversed, left-to-right runs (Latin words, numbers) kept as they read. Unlike
//! poppler, spaces and punctuation at the edge of a run go with the surrounding direction (so
//! `PDF` and the Hebrew word after it stay two words), and combining marks stay after the
//! letter they belong to.

use unicode_bidi::{bidi_class, BidiClass};

/// The direction class of a character, as poppler's `unicodeTypeL`/`R`/`Num` see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// Strong left-to-right.
    Left,
    /// Strong right-to-left (Hebrew, Arabic, …).
    Right,
    /// European and Arabic digits and their separators and terminators.
    Number,
    /// Everything else (spaces, punctuation, marks).
    Neutral,
}

fn class(c: char) -> Class {
    match bidi_class(c) {
        BidiClass::L => Class::Left,
        BidiClass::R | BidiClass::AL => Class::Right,
        BidiClass::EN | BidiClass::ES | BidiClass::ET | BidiClass::AN | BidiClass::CS => {
            Class::Number
        }
        _ => Class::Neutral,
    }
}

/// Whether `text` has any right-to-left letter. Such letters lie only in U+0590–U+08FF,
/// U+FB1D–U+FEFF, U+10800–U+10FFF and U+1E800–U+1EFFF (and the mark U+200F), so other text is
/// skipped without looking anything up; ASCII text is not even decoded.
pub(crate) fn has_rtl(text: &str) -> bool {
    // Lead bytes of those ranges: D6-DF, E0 A0-A3, E2 80 8F, EF AC-BB, F0 90 A0-BF, F0 9E A0-BB.
    let bytes = text.as_bytes();
    let at = |i: usize| bytes.get(i).copied().unwrap_or(0);
    let mut i = 0;
    while i < bytes.len() {
        // Skip 32 bytes at a time while none is 0xD6 or above (a branch-free fold).
        if let Some(chunk) = bytes.get(i..i + 32) {
            if chunk.iter().fold(0u8, |m, &b| m | u8::from(b >= 0xD6)) == 0 {
                i += 32;
                continue;
            }
        }
        let b = at(i);
        i += 1;
        if b < 0xD6 {
            continue;
        }
        let candidate = match b {
            0xD6..=0xDF => true,
            0xE0 => (0xA0..=0xA3).contains(&at(i)),
            0xE2 => at(i) == 0x80 && at(i + 1) == 0x8F,
            0xEF => (0xAC..=0xBB).contains(&at(i)),
            0xF0 => matches!(
                (at(i), at(i + 1)),
                (0x90, 0xA0..=0xBF) | (0x9E, 0xA0..=0xBB)
            ),
            _ => false,
        };
        if candidate {
            // Decode from the start of this character and look its class up.
            let start = i - 1;
            if let Some(c) = text.get(start..).and_then(|t| t.chars().next()) {
                if class(c) == Class::Right {
                    return true;
                }
            }
        }
    }
    false
}

/// Whether a page whose text is `text` reads mostly left to right (more strong left-to-right
/// than right-to-left characters; ties count as left to right).
pub(crate) fn primary_ltr(text: &str) -> bool {
    let mut balance: i64 = 0;
    for c in text.chars() {
        match class(c) {
            Class::Left => balance += 1,
            Class::Right => balance -= 1,
            _ => {}
        }
    }
    balance >= 0
}

/// Appends the visual-order line `line` to `out` in logical order, character by character.
#[cfg(test)]
pub(crate) fn reorder(line: &str, primary_ltr: bool, out: &mut String) {
    let starts: Vec<usize> = line.char_indices().map(|(i, _)| i).collect();
    reorder_units(line, &starts, primary_ltr, out);
}

/// Appends the visual-order line `line` to `out` in logical order, moving the units that begin
/// at `starts` (byte offsets, ascending: one per glyph, whose text is already in logical
/// order, such as a ligature's letters) as wholes. A unit that begins with a combining mark
/// belongs to the one before it.
pub(crate) fn reorder_units(line: &str, starts: &[usize], primary_ltr: bool, out: &mut String) {
    let mut units: Vec<(&str, Class)> = Vec::with_capacity(starts.len());
    let mut begin = 0;
    for &at in starts.iter().skip_while(|&&at| at == 0) {
        let joins = line
            .get(at..)
            .and_then(|t| t.chars().next())
            .is_none_or(is_mark);
        if at > begin && at <= line.len() && line.is_char_boundary(at) && !joins {
            units.push(unit(line, begin, at));
            begin = at;
        }
    }
    if begin < line.len() {
        units.push(unit(line, begin, line.len()));
    }
    let n = units.len();
    let strong_ltr = |i: usize| matches!(units[i].1, Class::Left | Class::Number);
    let rtl = |i: usize| units[i].1 == Class::Right;
    if primary_ltr {
        // Runs that start and end with a right-to-left letter and hold no left-to-right one
        // are reversed; everything else reads as it is drawn.
        let mut i = 0;
        while i < n {
            if !rtl(i) {
                out.push_str(units[i].0);
                i += 1;
                continue;
            }
            let mut end = i;
            let mut j = i;
            while j < n && !strong_ltr(j) {
                if rtl(j) {
                    end = j;
                }
                j += 1;
            }
            separate(out, units[end].0);
            for u in units[i..=end].iter().rev() {
                out.push_str(u.0);
            }
            if let Some(next) = units.get(end + 1) {
                separate(out, next.0);
            }
            i = end + 1;
        }
    } else {
        // The line is read from its right end; runs that start and end with a left-to-right
        // letter or number and hold no right-to-left letter keep their order.
        let mut i = n;
        while i > 0 {
            if !strong_ltr(i - 1) {
                out.push_str(units[i - 1].0);
                i -= 1;
                continue;
            }
            let mut start = i - 1;
            let mut j = i - 1;
            loop {
                if strong_ltr(j) {
                    start = j;
                }
                if j == 0 || rtl(j - 1) {
                    break;
                }
                j -= 1;
            }
            separate(out, units[start].0);
            for u in &units[start..i] {
                out.push_str(u.0);
            }
            if let Some(next) = start.checked_sub(1).and_then(|s| units.get(s)) {
                separate(out, next.0);
            }
            i = start;
        }
    }
}

/// A space between runs of the two directions that touch letter to letter (`אגף` drawn
/// against `00`): they are separate words even when no space was drawn.
fn separate(out: &mut String, next: &str) {
    let before = out.chars().next_back().is_some_and(char::is_alphanumeric);
    let after = next.chars().next().is_some_and(char::is_alphanumeric);
    if before && after {
        out.push(' ');
    }
}

fn unit(line: &str, start: usize, end: usize) -> (&str, Class) {
    let text = line.get(start..end).unwrap_or("");
    let c = text.chars().next().map_or(Class::Neutral, class);
    (text, c)
}

/// A combining mark (bidi class NSM), which belongs to the character before it.
fn is_mark(c: char) -> bool {
    !c.is_ascii() && bidi_class(c) == BidiClass::NSM
}

#[cfg(test)]
mod tests {
    use super::*;

    fn logical(visual: &str, ltr: bool) -> String {
        let mut out = String::new();
        reorder(visual, ltr, &mut out);
        out
    }

    #[test]
    fn detection() {
        assert!(!has_rtl("plain text, café, 日本語, Ж"));
        assert!(has_rtl("abc שלום"));
        assert!(has_rtl("مرحبا"));
        assert!(primary_ltr("English with one word שלום"));
        assert!(!primary_ltr("שלום עולם abc"));
    }

    #[test]
    fn hebrew_lines_read_logically() {
        // "שלום עולם" drawn left to right is "םלוע םולש".
        assert_eq!(logical("םלוע םולש", false), "שלום עולם");
        // Numbers and Latin words keep their order inside a right-to-left line.
        assert_eq!(logical("2024 תנשב PDF ץבוק", false), "קובץ PDF בשנת 2024");
        // A Hebrew word inside an English line.
        assert_eq!(
            logical("the word םולש means peace", true),
            "the word שלום means peace"
        );
    }

    #[test]
    fn marks_stay_with_their_letter() {
        // Alef with a fatha (U+064E) then beh, drawn in visual order: beh, alef+fatha.
        assert_eq!(
            logical("\u{628}\u{627}\u{64E}", false),
            "\u{627}\u{64E}\u{628}"
        );
        assert_eq!(logical("", false), "");
    }
}
