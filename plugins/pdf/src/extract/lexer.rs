//! A streaming content-stream tokeniser: operands go to a small stack (strings and names into
//! one reusable byte arena), and each operator is handed to the caller with them, so nothing is
//! allocated per token.

/// One operand on the stack. Strings and names are ranges into [`Operands::arena`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Operand {
    /// A number.
    Num(f32),
    /// A string (literal or hex), decoded.
    Str(u32, u32),
    /// A name without its slash, `#xx` decoded.
    Name(u32, u32),
    /// `[`.
    Open,
    /// `]`.
    Close,
    /// Anything else (booleans, null, dictionaries' markers).
    Other,
}

/// The operands of the operator being read.
#[derive(Debug, Default)]
pub(crate) struct Operands {
    pub(crate) stack: Vec<Operand>,
    pub(crate) arena: Vec<u8>,
}

/// Most operands kept before an operator; more are dropped (hostile streams).
const MAX_OPERANDS: usize = 1 << 16;

impl Operands {
    fn clear(&mut self) {
        self.stack.clear();
        self.arena.clear();
    }

    fn push(&mut self, operand: Operand) {
        if self.stack.len() < MAX_OPERANDS {
            self.stack.push(operand);
        }
    }

    /// The bytes of a string or name operand.
    pub(crate) fn bytes(&self, operand: Operand) -> &[u8] {
        match operand {
            Operand::Str(s, e) | Operand::Name(s, e) => {
                self.arena.get(s as usize..e as usize).unwrap_or(&[])
            }
            _ => &[],
        }
    }

    /// The `i`-th number from the end (0 = last operand), or 0.
    pub(crate) fn num(&self, from_end: usize) -> f32 {
        match self
            .stack
            .len()
            .checked_sub(from_end + 1)
            .and_then(|i| self.stack.get(i))
        {
            Some(Operand::Num(n)) => *n,
            _ => 0.0,
        }
    }

    /// The last operand.
    pub(crate) fn last(&self) -> Option<Operand> {
        self.stack.last().copied()
    }
}

fn is_delimiter(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

fn is_white(b: u8) -> bool {
    matches!(b, b' ' | b'\n' | b'\r' | b'\t' | b'\x0c' | 0)
}

/// Tokenises `data`, calling `op(operator, operands)` for each operator; `op` returns false to
/// stop early. Inline image data (`BI … ID … EI`) is skipped.
pub(crate) fn for_each_op(
    data: &[u8],
    operands: &mut Operands,
    mut op: impl FnMut(&[u8], &Operands) -> bool,
) {
    operands.clear();
    let mut i = 0usize;
    while let Some(&b) = data.get(i) {
        match b {
            b if is_white(b) => i += 1,
            b'%' => {
                while data.get(i).is_some_and(|&c| c != b'\n' && c != b'\r') {
                    i += 1;
                }
            }
            b'(' => {
                i += 1;
                let start = operands.arena.len() as u32;
                let mut depth = 1usize;
                while let Some(&c) = data.get(i) {
                    i += 1;
                    match c {
                        b'(' => {
                            depth += 1;
                            operands.arena.push(c);
                        }
                        b')' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                            operands.arena.push(c);
                        }
                        b'\\' => {
                            let Some(&e) = data.get(i) else { break };
                            i += 1;
                            match e {
                                b'n' => operands.arena.push(b'\n'),
                                b'r' => operands.arena.push(b'\r'),
                                b't' => operands.arena.push(b'\t'),
                                b'b' => operands.arena.push(8),
                                b'f' => operands.arena.push(12),
                                b'\r' => {
                                    if data.get(i) == Some(&b'\n') {
                                        i += 1;
                                    }
                                }
                                b'\n' => {}
                                b'0'..=b'7' => {
                                    let mut v = u32::from(e - b'0');
                                    for _ in 0..2 {
                                        match data.get(i) {
                                            Some(&d @ b'0'..=b'7') => {
                                                v = v * 8 + u32::from(d - b'0');
                                                i += 1;
                                            }
                                            _ => break,
                                        }
                                    }
                                    operands.arena.push(v as u8);
                                }
                                other => operands.arena.push(other),
                            }
                        }
                        c => operands.arena.push(c),
                    }
                }
                let end = operands.arena.len() as u32;
                operands.push(Operand::Str(start, end));
            }
            b'<' if data.get(i + 1) == Some(&b'<') => {
                i += 2;
                operands.push(Operand::Other);
            }
            b'>' => {
                i += if data.get(i + 1) == Some(&b'>') { 2 } else { 1 };
            }
            b'<' => {
                i += 1;
                let start = operands.arena.len() as u32;
                let mut high: Option<u8> = None;
                while let Some(&c) = data.get(i) {
                    i += 1;
                    if c == b'>' {
                        break;
                    }
                    let v = match c {
                        b'0'..=b'9' => c - b'0',
                        b'a'..=b'f' => c - b'a' + 10,
                        b'A'..=b'F' => c - b'A' + 10,
                        _ => continue,
                    };
                    match high.take() {
                        Some(h) => operands.arena.push(h << 4 | v),
                        None => high = Some(v),
                    }
                }
                if let Some(h) = high {
                    operands.arena.push(h << 4);
                }
                let end = operands.arena.len() as u32;
                operands.push(Operand::Str(start, end));
            }
            b'[' => {
                i += 1;
                operands.push(Operand::Open);
            }
            b']' => {
                i += 1;
                operands.push(Operand::Close);
            }
            b'{' | b'}' | b')' => i += 1,
            b'/' => {
                i += 1;
                let start = operands.arena.len() as u32;
                while let Some(&c) = data.get(i) {
                    if is_white(c) || is_delimiter(c) {
                        break;
                    }
                    i += 1;
                    if c == b'#' {
                        let hex = data.get(i..i + 2).and_then(|h| std::str::from_utf8(h).ok());
                        if let Some(v) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                            operands.arena.push(v);
                            i += 2;
                            continue;
                        }
                    }
                    operands.arena.push(c);
                }
                let end = operands.arena.len() as u32;
                operands.push(Operand::Name(start, end));
            }
            b'0'..=b'9' | b'+' | b'-' | b'.' => {
                let (n, len) = parse_number(data.get(i..).unwrap_or(&[]));
                i += len.max(1);
                operands.push(Operand::Num(n));
            }
            _ => {
                let start = i;
                while data
                    .get(i)
                    .is_some_and(|&c| !is_white(c) && !is_delimiter(c))
                {
                    i += 1;
                }
                let word = data.get(start..i).unwrap_or(&[]);
                match word {
                    b"true" | b"false" | b"null" => operands.push(Operand::Other),
                    b"BI" => {
                        i = skip_inline_image(data, i);
                        operands.clear();
                    }
                    _ => {
                        if !op(word, operands) {
                            return;
                        }
                        operands.clear();
                    }
                }
            }
        }
    }
}

/// Parses a PDF number at the start of `s`; returns it and how many bytes it took.
fn parse_number(s: &[u8]) -> (f32, usize) {
    let mut i = 0;
    let mut negative = false;
    while let Some(&c) = s.get(i) {
        match c {
            b'-' => negative = !negative,
            b'+' => {}
            _ => break,
        }
        i += 1;
    }
    let mut int: f64 = 0.0;
    while let Some(&c @ b'0'..=b'9') = s.get(i) {
        int = int * 10.0 + f64::from(c - b'0');
        i += 1;
    }
    if s.get(i) == Some(&b'.') {
        i += 1;
        let mut scale = 0.1;
        while let Some(&c @ b'0'..=b'9') = s.get(i) {
            int += f64::from(c - b'0') * scale;
            scale *= 0.1;
            i += 1;
        }
    }
    // Junk such as `1.2.3` or `--5`: swallow the rest of the token.
    while s.get(i).is_some_and(|&c| !is_white(c) && !is_delimiter(c)) {
        i += 1;
    }
    let v = if negative { -int } else { int };
    ((v as f32).clamp(-1e30, 1e30), i)
}

/// Skips from just after `BI` to just after the matching `EI`.
fn skip_inline_image(data: &[u8], from: usize) -> usize {
    // The dictionary runs to the `ID` keyword, then one white-space byte, then data.
    let mut i = from;
    loop {
        match data.get(i..i + 2) {
            None => return data.len(),
            Some(b"ID")
                if data
                    .get(i.wrapping_sub(1))
                    .is_none_or(|&c| is_white(c) || is_delimiter(c))
                    && data.get(i + 2).is_none_or(|&c| is_white(c)) =>
            {
                i += 3;
                break;
            }
            _ => i += 1,
        }
    }
    while i + 1 < data.len() {
        let at_ei = data.get(i) == Some(&b'E') && data.get(i + 1) == Some(&b'I');
        let before = i == 0 || data.get(i - 1).is_some_and(|&c| is_white(c));
        let after = data.get(i + 2).is_none_or(|&c| is_white(c));
        if at_ei && before && after {
            return i + 2;
        }
        i += 1;
    }
    data.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ops(data: &[u8]) -> Vec<(String, usize)> {
        let mut out = Vec::new();
        let mut operands = Operands::default();
        for_each_op(data, &mut operands, |op, o| {
            out.push((String::from_utf8_lossy(op).into_owned(), o.stack.len()));
            true
        });
        out
    }

    #[test]
    fn tokens_and_strings() {
        let mut operands = Operands::default();
        let mut strings = Vec::new();
        for_each_op(
            b"BT /F1 12 Tf (a\\(b\\)\\101\\\nc) Tj <48 65 6c6C6> Tj [(x) -250 (y)] TJ ET",
            &mut operands,
            |op, o| {
                if op == b"Tj" {
                    strings.push(o.bytes(o.stack[0]).to_vec());
                }
                if op == b"Tf" {
                    assert_eq!(o.bytes(o.stack[0]), b"F1");
                    assert_eq!(o.num(0), 12.0);
                }
                if op == b"TJ" {
                    assert_eq!(o.stack.len(), 5);
                    assert_eq!(o.stack[2], Operand::Num(-250.0));
                }
                true
            },
        );
        assert_eq!(strings, vec![b"a(b)Ac".to_vec(), b"Hell`".to_vec()]);
    }

    #[test]
    fn inline_images_are_skipped() {
        let got = ops(b"q BI /W 1 /H 1 ID \x00EI\xffTj EI Q (a) Tj");
        assert_eq!(
            got,
            vec![("q".into(), 0), ("Q".into(), 0), ("Tj".into(), 1)]
        );
    }

    #[test]
    fn numbers() {
        assert_eq!(parse_number(b"-12.5 ").0, -12.5);
        assert_eq!(parse_number(b".5").0, 0.5);
        assert_eq!(parse_number(b"--3").0, 3.0);
        assert_eq!(parse_number(b"1.2.3"), (1.2, 5));
    }
}
