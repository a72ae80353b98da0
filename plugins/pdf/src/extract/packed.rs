//! Tables of names kept as one string and offsets into it, instead of arrays of `&str`.
//!
//! An array of `&str` in a position-independent executable is an array of pointers that the
//! dynamic loader rewrites at every start: thousands of relocations, and every page of the array
//! copied into each process. A [`NameTable`] or [`StringTable`] holds its text in one literal and
//! its boundaries as numbers, so it stays in read-only, shared memory untouched until it is read.

/// Names sorted by their bytes, each with a value: the name of entry `i` is
/// `names[ends[i - 1]..ends[i]]` (from 0 for the first).
pub(crate) struct NameTable {
    pub(crate) names: &'static str,
    pub(crate) ends: &'static [u32],
    pub(crate) values: &'static [u16],
}

impl NameTable {
    /// The value of `name`, by binary search.
    pub(crate) fn get(&self, name: &[u8]) -> Option<u16> {
        let (mut lo, mut hi) = (0, self.ends.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            match name_at(self.names, self.ends, mid)?.as_bytes().cmp(name) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return self.values.get(mid).copied(),
            }
        }
        None
    }

    /// How many names there are.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    /// The name of entry `i`.
    #[cfg(test)]
    pub(crate) fn name(&self, i: usize) -> Option<&'static str> {
        name_at(self.names, self.ends, i)
    }
}

/// Strings by index: string `i` is `text[ends[i - 1]..ends[i]]` (from 0 for the first).
pub(crate) struct StringTable {
    pub(crate) text: &'static str,
    pub(crate) ends: &'static [u32],
}

impl StringTable {
    /// String `i`, or `None` past the end.
    pub(crate) fn get(&self, i: usize) -> Option<&'static str> {
        name_at(self.text, self.ends, i)
    }

    /// How many strings there are.
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }
}

fn name_at(text: &'static str, ends: &[u32], i: usize) -> Option<&'static str> {
    let start = match i.checked_sub(1) {
        Some(before) => *ends.get(before)?,
        None => 0,
    };
    let end = *ends.get(i)?;
    text.get(usize::try_from(start).ok()?..usize::try_from(end).ok()?)
}

#[cfg(test)]
mod tests {
    use super::super::tables::{CFF_STANDARD_STRINGS, DINGBAT_NAMES, GLYPH_NAMES};

    #[test]
    fn name_tables_are_sorted_and_complete() {
        for table in [&GLYPH_NAMES, &DINGBAT_NAMES] {
            assert_eq!(table.ends.len(), table.values.len());
            assert_eq!(
                table.ends.last().map(|&e| e as usize),
                Some(table.names.len())
            );
            let names: Vec<&str> = (0..table.len()).filter_map(|i| table.name(i)).collect();
            assert_eq!(names.len(), table.len());
            assert!(names.windows(2).all(|w| w[0].as_bytes() < w[1].as_bytes()));
            for (i, name) in names.iter().enumerate() {
                assert!(!name.is_empty());
                assert_eq!(
                    table.get(name.as_bytes()),
                    table.values.get(i).copied(),
                    "{name}"
                );
            }
        }
        assert_eq!(GLYPH_NAMES.len(), 4495);
        assert_eq!(GLYPH_NAMES.get(b"A"), Some(0x0041));
        assert_eq!(GLYPH_NAMES.get(b"zukatakana"), Some(0x30ba));
        assert_eq!(GLYPH_NAMES.get(b"AEacute"), Some(0x01fc));
        assert_eq!(GLYPH_NAMES.get(b"AEacutf"), None);
        assert_eq!(GLYPH_NAMES.get(b""), None);
        assert_eq!(DINGBAT_NAMES.get(b"a1"), Some(0x2701));
        assert_eq!(DINGBAT_NAMES.get(b"a99"), Some(0x275d));
    }

    #[test]
    fn hostile_names_are_not_found() {
        let long = vec![b'A'; 1 << 16];
        for name in [
            &b"\xff\xfe"[..],
            b"A\0",
            b"AE\xc3",
            b"zzzzzzzzzz",
            b"\0",
            &long[..],
        ] {
            assert_eq!(GLYPH_NAMES.get(name), None);
            assert_eq!(DINGBAT_NAMES.get(name), None);
        }
        assert_eq!(CFF_STANDARD_STRINGS.get(usize::MAX), None);
    }

    #[test]
    fn cff_standard_strings_by_id() {
        assert_eq!(CFF_STANDARD_STRINGS.len(), 391);
        assert_eq!(CFF_STANDARD_STRINGS.get(0), Some(".notdef"));
        assert_eq!(CFF_STANDARD_STRINGS.get(1), Some("space"));
        assert_eq!(CFF_STANDARD_STRINGS.get(390), Some("Semibold"));
        assert_eq!(CFF_STANDARD_STRINGS.get(391), None);
    }
}
