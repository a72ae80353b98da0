//! [`Codes`]: how a font's shown strings split into character codes, and the CID of each.

use super::super::cid::{self, Predefined};
use super::super::cmap::CodeMap;

/// How a font's strings split into codes, and each code's CID.
#[derive(Debug, Default)]
pub(crate) enum Codes {
    /// One byte per code, CID = code (simple fonts; one-byte embedded CMaps without ranges).
    #[default]
    OneByte,
    /// Two bytes per code, CID = code (`Identity-H`/`-V`; a dangling odd byte is skipped).
    Identity,
    /// Two bytes per code, the code a UTF-16 unit (`Uni…-UCS2`/`-UTF16` CMaps; with `utf16`,
    /// a surrogate pair is one four-byte code); the CID comes from `cid`.
    Unicode {
        utf16: bool,
        cid: Option<cid::Collection>,
    },
    /// A predefined CJK CMap such as `90ms-RKSJ-H`.
    Predefined(&'static Predefined),
    /// An embedded CMap stream.
    Embedded(Box<CodeMap>),
}

impl Codes {
    /// Calls `each(code, cid, length in bytes)` for every code of `bytes`.
    pub(crate) fn walk(&self, bytes: &[u8], mut each: impl FnMut(u32, u32, usize)) {
        match self {
            Codes::OneByte => {
                for &b in bytes {
                    each(u32::from(b), u32::from(b), 1);
                }
            }
            Codes::Identity => {
                for pair in bytes.chunks_exact(2) {
                    let code = u32::from(pair[0]) << 8 | u32::from(pair[1]);
                    each(code, code, 2);
                }
            }
            Codes::Unicode { utf16, cid } => {
                let mut rest = bytes;
                while let [a, b, tail @ ..] = rest {
                    let unit = u32::from(*a) << 8 | u32::from(*b);
                    rest = tail;
                    let code = match (utf16, rest) {
                        (true, [c, d, tail @ ..]) if (0xD800..0xDC00).contains(&unit) => {
                            rest = tail;
                            unit << 16 | u32::from(*c) << 8 | u32::from(*d)
                        }
                        _ => unit,
                    };
                    let id = cid
                        .zip(char::from_u32(code))
                        .and_then(|(collection, c)| collection.cid_of(c))
                        .unwrap_or(0);
                    each(code, id, if code > 0xFFFF { 4 } else { 2 });
                }
            }
            Codes::Predefined(cmap) => split(bytes, &mut each, |rest| {
                let (code, n) = cmap.next_code(rest);
                (code, n, cmap.cid(code, n))
            }),
            Codes::Embedded(cmap) => split(bytes, &mut each, |rest| {
                let (code, n) = cmap.next_code(rest);
                (code, n, cmap.cid(code, n))
            }),
        }
    }
}

fn split(
    bytes: &[u8],
    each: &mut impl FnMut(u32, u32, usize),
    next: impl Fn(&[u8]) -> (u32, usize, u32),
) {
    let mut rest = bytes;
    while !rest.is_empty() {
        let (code, n, cid) = next(rest);
        let n = n.clamp(1, rest.len());
        each(code, cid, n);
        rest = rest.get(n..).unwrap_or(&[]);
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn walk(codes: &Codes, bytes: &[u8]) -> Vec<(u32, u32, usize)> {
        let mut out = Vec::new();
        codes.walk(bytes, |a, b, c| out.push((a, b, c)));
        out
    }

    #[test]
    fn codes_split_by_their_code_space() {
        assert_eq!(walk(&Codes::OneByte, b"AB"), vec![(65, 65, 1), (66, 66, 1)]);
        assert_eq!(
            walk(&Codes::Identity, b"\x01\x02\x03"),
            vec![(0x102, 0x102, 2)]
        );
        let utf16 = Codes::Unicode {
            utf16: true,
            cid: None,
        };
        assert_eq!(
            walk(&utf16, b"\x00A\xd8\x3d\xde\x00"),
            vec![(0x41, 0, 2), (0xD83D_DE00, 0, 4)]
        );
        let sjis = Codes::Predefined(Predefined::find(b"90ms-RKSJ-H").unwrap());
        let got = walk(&sjis, b"A\x93\xfa");
        assert_eq!(got.len(), 2);
        assert_eq!((got[0].0, got[0].2), (0x41, 1));
        assert_eq!((got[1].0, got[1].2), (0x93FA, 2));
        // A lead byte at the end is one code, not a panic.
        assert_eq!(walk(&sjis, b"\x93").len(), 1);
    }
}
