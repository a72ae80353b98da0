//! Lenient CMap reading: `bfchar`/`bfrange` of `ToUnicode` maps, and code lengths of embedded
//! encoding CMaps. Everything outside those sections (names, `usecmap`, comments) is ignored,
//! so maps with unusual headers still work.

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

/// Whether an embedded encoding CMap declares only one-byte code space ranges.
pub(crate) fn is_one_byte(data: &[u8]) -> bool {
    let mut lexer = Lexer { data, pos: 0 };
    let mut saw_range = false;
    while let Some(token) = lexer.next() {
        if token == Token::Word(b"begincodespacerange") {
            while let Some(Token::Hex(lo)) = lexer.next() {
                if lo.len() != 1 {
                    return false;
                }
                saw_range = true;
                let _ = lexer.next();
            }
        }
    }
    saw_range
}

#[cfg(test)]
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
        assert!(is_one_byte(
            b"1 begincodespacerange <00> <ff> endcodespacerange"
        ));
        assert!(!is_one_byte(
            b"1 begincodespacerange <0000> <ffff> endcodespacerange"
        ));
    }
}
