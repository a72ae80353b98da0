//! Sorted string tables without pointers (pipes-media's patch of hayro-font 0.5.0).
//!
//! Upstream keeps the glyph-name and metrics tables as `phf` maps of `&'static str`. In a
//! position-independent executable every one of those strings is a pointer that the dynamic
//! loader rewrites at each start, and every page of them is copied into each process: about
//! 290 KB and 15 700 relocations, paid by every run of a program that links the PDF renderer
//! whether it renders a page or not. Here each table is one string literal plus `u32` end offsets
//! (plain read-only data), searched by bisection over the sorted entries.

/// Sorted strings stored as one text and the end offset of each entry.
pub(crate) struct Names {
    /// All entries, concatenated in sorted order.
    pub(crate) text: &'static str,
    /// `ends[i]` is where entry `i` ends in `text`; entry `i` starts where `i - 1` ends.
    pub(crate) ends: &'static [u32],
}

impl Names {
    /// Entry `index`, or `None` past the end (or if the offsets do not fit the text).
    pub(crate) fn get(&self, index: usize) -> Option<&'static str> {
        let start = match index.checked_sub(1) {
            Some(before) => *self.ends.get(before)? as usize,
            None => 0,
        };
        let end = *self.ends.get(index)? as usize;
        self.text.get(start..end)
    }

    /// The index of `name`, if it is an entry.
    pub(crate) fn find(&self, name: &str) -> Option<usize> {
        let (mut low, mut high) = (0, self.ends.len());
        while low < high {
            let middle = low + (high - low) / 2;
            match self.get(middle)?.cmp(name) {
                core::cmp::Ordering::Less => low = middle + 1,
                core::cmp::Ordering::Greater => high = middle,
                core::cmp::Ordering::Equal => return Some(middle),
            }
        }
        None
    }
}

/// Advance widths of one standard font by glyph name.
pub(crate) struct Metrics {
    pub(crate) names: &'static Names,
    pub(crate) widths: &'static [u16],
}

impl Metrics {
    /// The width of glyph `name`, in 1/1000 em.
    pub(crate) fn get(&self, name: &str) -> Option<f32> {
        let index = self.names.find(name)?;
        self.widths.get(index).map(|&width| f32::from(width))
    }
}

/// The index of `unicode` in `chars` (sorted code points).
pub(crate) fn find_char(chars: &[u32], unicode: char) -> Option<usize> {
    chars.binary_search(&u32::from(unicode)).ok()
}

#[cfg(test)]
mod tests {
    use super::super::{glyph_names, metrics, tex_glyph_names};
    use super::*;

    /// Every table, with whether its entries are sorted keys (values are in key order).
    fn tables() -> Vec<(&'static str, &'static Names, bool)> {
        let mut all = vec![
            ("glyph names", &glyph_names::GLYPH_NAMES, true),
            ("glyph values", &glyph_names::GLYPH_NAMES_VALUES, false),
            ("TeX names", &tex_glyph_names::TEX_GLYPH_NAMES, true),
            (
                "TeX values",
                &tex_glyph_names::TEX_GLYPH_NAMES_VALUES,
                false,
            ),
        ];
        all.extend(
            metrics::ALL
                .iter()
                .map(|&(font, table)| (font, table.names, true)),
        );
        all
    }

    #[test]
    fn every_entry_is_found_at_its_index_and_the_offsets_fit_the_text() {
        for (what, table, keys) in tables() {
            assert_eq!(
                table.ends.last().map(|&end| end as usize),
                Some(table.text.len()),
                "{what}"
            );
            for index in 0..table.ends.len() {
                let entry = table.get(index).unwrap_or_else(|| panic!("{what} {index}"));
                if keys {
                    if let Some(previous) = index.checked_sub(1).and_then(|i| table.get(i)) {
                        assert!(previous < entry, "{what}: {previous:?} before {entry:?}");
                    }
                    assert_eq!(table.find(entry), Some(index), "{what}: {entry:?}");
                }
            }
            assert_eq!(table.get(table.ends.len()), None, "{what}");
        }
        assert_eq!(glyph_names::GLYPH_NAMES.ends.len(), 4408);
        assert_eq!(glyph_names::GLYPH_NAMES_VALUES.ends.len(), 4408);
        for (font, table) in metrics::ALL {
            assert_eq!(table.names.ends.len(), table.widths.len(), "{font}");
        }
    }

    #[test]
    fn known_entries() {
        assert_eq!(glyph_names::get("A"), Some("A"));
        assert_eq!(glyph_names::get("Aacute"), Some("\u{00C1}"));
        assert_eq!(
            glyph_names::get("dalethatafpatah"),
            Some("\u{05D3}\u{05B2}")
        );
        assert_eq!(glyph_names::get("backslash"), Some("\\"));
        assert_eq!(glyph_names::get("no such glyph"), None);
        assert_eq!(glyph_names::get(""), None);
        assert_eq!(glyph_names::get_reverse('\u{00C1}'), Some("Aacute"));
        assert_eq!(glyph_names::get_reverse('\u{0000}'), Some("controlNULL"));
        assert_eq!(glyph_names::get_reverse('\u{10FFFF}'), None);
        assert_eq!(tex_glyph_names::get("Digamma"), Some("\u{03DD}"));
        assert_eq!(metrics::COURIER.get("space"), Some(600.0));
        assert_eq!(metrics::HELVETICA.get("A"), Some(667.0));
        assert_eq!(metrics::TIMES_ROMAN.get("zzz"), None);
        assert_eq!(metrics::ZAPF_DING_BATS.get("a191"), Some(918.0));
    }

    #[test]
    fn hostile_names_are_not_found_and_do_not_panic() {
        let long = "A".repeat(64 * 1024);
        for name in ["\0", "A\0", "\u{FFFD}", &long, "zzzzzzzz", "\u{10FFFF}"] {
            assert_eq!(glyph_names::get(name), None, "{name:?}");
            assert_eq!(metrics::HELVETICA.get(name), None);
        }
    }
}
