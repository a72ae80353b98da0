//! Lenient CMap reading: `bfchar`/`bfrange` of `ToUnicode` maps, and the code space and
//! code-to-CID ranges of embedded encoding CMaps ([`CodeMap`]). Everything outside those
//! sections (names, comments, other keys) is ignored, so maps with unusual headers still work.

use super::cid::{self, Predefined};

/// Most codes one `bfrange` entry may expand to.
const MAX_RANGE: u32 = 1 << 16;
/// Most mappings one CMap may produce in all.
const MAX_MAPPINGS: usize = 1 << 18;

#[derive(Debug, Clone, PartialEq)]
enum Token<'a> {
    Hex(Vec<u8>),
    Word(&'a [u8]),
    Open,
    Close,
}

struct Lexer<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Iterator for Lexer<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        loop {
            let &b = self.data.get(self.pos)?;
            match b {
                b'%' => {
                    while self
                        .data
                        .get(self.pos)
                        .is_some_and(|&c| c != b'\n' && c != b'\r')
                    {
                        self.pos += 1;
                    }
                }
                b'<' if self.data.get(self.pos + 1) == Some(&b'<') => self.pos += 2,
                b'>' => self.pos += 1,
                b'<' => {
                    self.pos += 1;
                    let mut bytes = Vec::new();
                    let mut high: Option<u8> = None;
                    while let Some(&c) = self.data.get(self.pos) {
                        self.pos += 1;
                        if c == b'>' {
                            break;
                        }
                        if let Some(v) = (c as char).to_digit(16) {
                            match high.take() {
                                Some(h) => bytes.push(h << 4 | v as u8),
                                None => high = Some(v as u8),
                            }
                        }
                    }
                    if let Some(h) = high {
                        bytes.push(h << 4);
                    }
                    return Some(Token::Hex(bytes));
                }
                b'[' => {
                    self.pos += 1;
                    return Some(Token::Open);
                }
                b']' => {
                    self.pos += 1;
                    return Some(Token::Close);
                }
                b'(' => {
                    // Literal strings appear only in headers: skip them, nesting included.
                    let mut depth = 0usize;
                    while let Some(&c) = self.data.get(self.pos) {
                        self.pos += 1;
                        match c {
                            b'\\' => self.pos += 1,
                            b'(' => depth += 1,
                            b')' => {
                                depth = depth.saturating_sub(1);
                                if depth == 0 {
                                    break;
                                }
                            }
                            _ => {}
                        }
                    }
                }
                c if c.is_ascii_whitespace() || c == 0 => self.pos += 1,
                _ => {
                    let start = self.pos;
                    while self.data.get(self.pos).is_some_and(|&c| {
                        !(c.is_ascii_whitespace()
                            || matches!(c, b'<' | b'>' | b'[' | b']' | b'(' | b'%' | 0))
                    }) {
                        self.pos += 1;
                    }
                    if self.pos == start {
                        self.pos += 1;
                        continue;
                    }
                    return Some(Token::Word(self.data.get(start..self.pos).unwrap_or(&[])));
                }
            }
        }
    }
}

fn code_of(bytes: &[u8]) -> Option<u32> {
    if bytes.is_empty() || bytes.len() > 4 {
        return None;
    }
    Some(bytes.iter().fold(0u32, |acc, &b| acc << 8 | u32::from(b)))
}

/// Decodes UTF-16BE destination bytes (odd trailing byte ignored) into `out`.
fn utf16(bytes: &[u8], out: &mut String) {
    let units = bytes
        .chunks_exact(2)
        .map(|p| u16::from(p[0]) << 8 | u16::from(p[1]));
    for c in char::decode_utf16(units) {
        out.push(c.unwrap_or('\u{FFFD}'));
    }
}

/// Calls `put(code, text)` for each mapping of a `ToUnicode` CMap.
pub(crate) fn parse_to_unicode(data: &[u8], mut sink: impl FnMut(u32, &str)) {
    let mut budget = MAX_MAPPINGS;
    let mut put = |code: u32, text: &str| {
        if budget > 0 {
            budget -= 1;
            sink(code, text);
        }
    };
    let mut lexer = Lexer { data, pos: 0 }.peekable();
    let mut text = String::new();
    while let Some(token) = lexer.next() {
        match token {
            Token::Word(b"beginbfchar") => loop {
                let Some(src) = lexer.next() else { return };
                let Token::Hex(src) = src else { break };
                let dst = lexer.next();
                if let (Some(code), Some(Token::Hex(dst))) = (code_of(&src), &dst) {
                    text.clear();
                    utf16(dst, &mut text);
                    put(code, &text);
                } else if let (Some(code), Some(Token::Word(name))) = (code_of(&src), &dst) {
                    text.clear();
                    if super::glyphs::name_to_unicode(
                        name.strip_prefix(b"/").unwrap_or(name),
                        &mut text,
                    ) {
                        put(code, &text);
                    }
                }
            },
            Token::Word(b"beginbfrange") => {
                while let Some(Token::Hex(lo)) = lexer.next() {
                    let Some(Token::Hex(hi)) = lexer.next() else {
                        break;
                    };
                    let (Some(lo), Some(hi)) = (code_of(&lo), code_of(&hi)) else {
                        continue;
                    };
                    let hi = hi.min(lo.saturating_add(MAX_RANGE)).min(0xFFFF);
                    match lexer.next() {
                        Some(Token::Hex(dst)) => {
                            let Some((&last, prefix)) = dst.split_last() else {
                                continue;
                            };
                            // Increment the destination's last UTF-16 unit (or its last byte).
                            let (prefix, base) = match prefix.split_last() {
                                Some((&b, p)) if dst.len() % 2 == 0 => {
                                    (p, u32::from(b) << 8 | u32::from(last))
                                }
                                _ => (prefix, u32::from(last)),
                            };
                            for (i, code) in (lo..=hi).enumerate() {
                                text.clear();
                                let unit = base.saturating_add(i as u32);
                                let mut bytes = prefix.to_vec();
                                bytes.push((unit >> 8) as u8);
                                bytes.push(unit as u8);
                                utf16(&bytes, &mut text);
                                put(code, &text);
                            }
                        }
                        Some(Token::Open) => {
                            let mut code = lo;
                            for token in lexer.by_ref() {
                                match token {
                                    Token::Hex(dst) => {
                                        if code <= hi {
                                            text.clear();
                                            utf16(&dst, &mut text);
                                            put(code, &text);
                                        }
                                        code = code.saturating_add(1);
                                    }
                                    Token::Close => break,
                                    _ => {}
                                }
                            }
                        }
                        _ => break,
                    }
                }
            }
            _ => {}
        }
    }
}

/// An embedded encoding CMap: its code space, its code-to-CID ranges and the CMap it uses
/// (`usecmap`) for codes outside them.
#[derive(Debug, Default)]
pub(crate) struct CodeMap {
    /// Code space ranges: (bytes, first, last), bytewise.
    space: Vec<(u8, u32, u32)>,
    /// (bytes, first, last, first CID), sorted and searched by (bytes, first).
    ranges: Vec<(u8, u32, u32, u32)>,
    base: Base,
    /// `/WMode 1`.
    pub(crate) vertical: bool,
}

#[derive(Debug, Default)]
enum Base {
    #[default]
    None,
    Identity,
    Predefined(&'static Predefined),
}

impl CodeMap {
    /// The code at the start of `bytes` and its length in bytes.
    pub(crate) fn next_code(&self, bytes: &[u8]) -> (u32, usize) {
        match (&self.base, self.space.is_empty()) {
            (Base::Predefined(p), true) => p.next_code(bytes),
            (Base::Identity | Base::None, true) => cid::next_code(&[(2, 0, 0xFFFF)], bytes),
            _ => cid::next_code(&self.space, bytes),
        }
    }

    /// The CID of an `len`-byte `code` (0 when nothing maps it).
    pub(crate) fn cid(&self, code: u32, len: usize) -> u32 {
        let key = (len as u8, code);
        let i = self.ranges.partition_point(|r| (r.0, r.1) <= key);
        if let Some(&(n, first, last, cid)) = i.checked_sub(1).and_then(|i| self.ranges.get(i)) {
            if n == key.0 && code <= last {
                return cid.saturating_add(code - first);
            }
        }
        match self.base {
            Base::Predefined(p) => p.cid(code, len),
            Base::Identity if len == 2 => code,
            _ => 0,
        }
    }

    /// Whether the map has only one-byte codes and maps nothing itself: its codes are
    /// simply bytes.
    pub(crate) fn is_one_byte(&self) -> bool {
        !self.space.is_empty()
            && self.space.iter().all(|s| s.0 == 1)
            && self.ranges.is_empty()
            && matches!(self.base, Base::None)
    }
}

/// Reads an embedded encoding CMap (`codespacerange`, `cidrange`, `cidchar`, `usecmap`,
/// `WMode`); malformed parts are skipped.
pub(crate) fn parse_code_map(data: &[u8]) -> CodeMap {
    let mut map = CodeMap::default();
    let mut lexer = Lexer { data, pos: 0 }.peekable();
    let mut last_name: Option<&[u8]> = None;
    let mut ranges_left = MAX_MAPPINGS;
    let hex_code = |bytes: &[u8]| Some((u8::try_from(bytes.len()).ok()?, code_of(bytes)?));
    while let Some(token) = lexer.next() {
        match token {
            Token::Word(b"begincodespacerange") => {
                while let Some(Token::Hex(lo)) = lexer.next() {
                    let Some(Token::Hex(hi)) = lexer.next() else {
                        break;
                    };
                    if let (Some((n, lo)), Some((_, hi))) = (hex_code(&lo), hex_code(&hi)) {
                        if map.space.len() < 64 {
                            map.space.push((n, lo, hi));
                        }
                    }
                }
            }
            Token::Word(b"begincidrange") => {
                while let Some(Token::Hex(lo)) = lexer.next() {
                    let Some(Token::Hex(hi)) = lexer.next() else {
                        break;
                    };
                    let Some(Token::Word(cid)) = lexer.next() else {
                        break;
                    };
                    let cid = std::str::from_utf8(cid).ok().and_then(|c| c.parse().ok());
                    if let (Some((n, lo)), Some((_, hi)), Some(cid)) =
                        (hex_code(&lo), hex_code(&hi), cid)
                    {
                        if lo <= hi && ranges_left > 0 {
                            ranges_left -= 1;
                            map.ranges.push((n, lo, hi, cid));
                        }
                    }
                }
            }
            Token::Word(b"begincidchar") => {
                while let Some(Token::Hex(code)) = lexer.next() {
                    let Some(Token::Word(cid)) = lexer.next() else {
                        break;
                    };
                    let cid = std::str::from_utf8(cid).ok().and_then(|c| c.parse().ok());
                    if let (Some((n, code)), Some(cid)) = (hex_code(&code), cid) {
                        if ranges_left > 0 {
                            ranges_left -= 1;
                            map.ranges.push((n, code, code, cid));
                        }
                    }
                }
            }
            Token::Word(b"usecmap") => {
                map.base = match last_name {
                    Some(b"Identity-H" | b"Identity-V") => Base::Identity,
                    Some(name) => Predefined::find(name).map_or(Base::None, Base::Predefined),
                    None => Base::None,
                };
                if let Base::Predefined(p) = map.base {
                    map.vertical |= p.vertical;
                }
                map.vertical |= last_name == Some(b"Identity-V");
            }
            Token::Word(b"/WMode") => {
                if let Some(Token::Word(mode)) = lexer.peek() {
                    map.vertical = *mode == b"1";
                }
            }
            Token::Word(word) => {
                last_name = word.strip_prefix(b"/");
            }
            _ => {}
        }
    }
    map.ranges.sort_unstable_by_key(|r| (r.0, r.1));
    // Overlapping ranges of a hostile map: keep the first of each overlap.
    map.ranges
        .dedup_by(|next, kept| next.0 == kept.0 && next.1 <= kept.2);
    map
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn parse(data: &str) -> Vec<(u32, String)> {
        let mut out = Vec::new();
        parse_to_unicode(data.as_bytes(), |c, t| out.push((c, t.to_owned())));
        out
    }

    #[test]
    fn bfchar_and_bfrange() {
        let cmap =
            "/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Weird-Name def
            1 begincodespacerange <00> <FF> endcodespacerange
            2 beginbfchar <01> <0041> <0002> <D83DDE00> endbfchar
            2 beginbfrange <10> <12> <0430> <20> <21> [<0066006C> <0058>] endbfrange endcmap";
        let map = parse(cmap);
        assert!(map.contains(&(1, "A".into())));
        assert!(map.contains(&(2, "😀".into())));
        assert!(map.contains(&(0x11, "б".into())));
        assert!(map.contains(&(0x20, "fl".into())));
        assert!(map.contains(&(0x21, "X".into())));
    }

    #[test]
    fn hostile_cmaps_do_not_panic() {
        for data in [
            "beginbfrange <00> <FFFFFFFF> <0041>",
            "beginbfchar <",
            "beginbfrange [",
            "<<<>>>[[[",
            "",
        ] {
            let _ = parse(data);
        }
        assert!(parse("beginbfrange <00> <FFFFFFFF> <0041>").len() <= MAX_RANGE as usize + 1);
        assert!(parse_code_map(b"1 begincodespacerange <00> <ff> endcodespacerange").is_one_byte());
        assert!(
            !parse_code_map(b"1 begincodespacerange <0000> <ffff> endcodespacerange").is_one_byte()
        );
        for data in [
            &b"begincidrange <00> <FFFFFFFF> 0 endcidrange"[..],
            b"begincodespacerange <> <> begincidrange <> <",
            b"/WMode",
            b"usecmap",
        ] {
            let map = parse_code_map(data);
            let _ = map.cid(map.next_code(b"\xff\xff").0, 2);
        }
    }

    #[test]
    fn embedded_code_maps() {
        let map = parse_code_map(
            b"/CIDInit /ProcSet findresource begin /90ms-RKSJ-H usecmap /WMode 1 def
            1 begincidrange <8140> <8142> 5000 endcidrange 1 begincidchar <41> 7 endcidchar",
        );
        assert!(map.vertical);
        assert_eq!(map.next_code(b"\x81\x40"), (0x8140, 2));
        assert_eq!(map.cid(0x8141, 2), 5001);
        assert_eq!(map.cid(0x41, 1), 7);
        // Not in its own ranges: the used CMap's CID (90ms-RKSJ-H maps ASCII to the
        // half-width CIDs from 231 on).
        assert_eq!(map.cid(0x42, 1), 231 + 0x42 - 0x20);
        let identity = parse_code_map(b"/Identity-H usecmap");
        assert_eq!(identity.next_code(b"\x12\x34\x56"), (0x1234, 2));
        assert_eq!(identity.cid(0x1234, 2), 0x1234);
    }
}
