//! CCITT bilevel codings of TIFF (compressions 2, 3 and 4): Modified Huffman rows (each
//! byte-aligned, no end-of-line codes), Group 3 with end-of-line codes in one-dimensional or
//! two-dimensional (T.4 `MR`) coding, and Group 4 (T.6). The code tables are the `fax` crate's;
//! the row logic is here because the crate decodes Group 4 and one-dimensional Group 3 only.
//!
//! Output rows are packed MSB-first, a black pixel a 1 bit and a white pixel a 0 bit (libtiff's
//! convention: the file's `PhotometricInterpretation` then says how to show those bits).

use fax::maps::Mode;
use fax::maps::{black, mode, white};

/// Which coding the strip or tile uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Coding {
    /// Compression 2: Modified Huffman, one-dimensional, rows byte-aligned.
    Huffman,
    /// Compression 3: Group 3 with EOL codes; `two_d` when `T4Options` bit 0 is set.
    Group3 { two_d: bool },
    /// Compression 4: Group 4.
    Group4,
}

/// Why a bilevel stream could not be decoded.
#[derive(Debug)]
pub(super) enum CcittError {
    /// The data ends before the last row.
    Truncated,
    /// A code that makes no sense here.
    Invalid(&'static str),
}

/// Decodes `height` rows of `width` pixels coded as `coding`.
pub(super) fn decode(
    data: &[u8],
    width: u32,
    height: u32,
    coding: Coding,
) -> Result<Vec<u8>, CcittError> {
    let row_bytes = (width as usize).div_ceil(8);
    let mut out = vec![0u8; row_bytes * height as usize];
    let mut bits = Bits { data, pos: 0 };
    let mut reference: Vec<u32> = Vec::new();
    let mut current: Vec<u32> = Vec::new();
    for (y, row) in out.chunks_exact_mut(row_bytes).enumerate() {
        if bits.exhausted() {
            return Err(CcittError::Truncated);
        }
        let two_d = match coding {
            Coding::Huffman => {
                bits.align();
                false
            }
            Coding::Group3 { two_d } => {
                bits.skip_eol();
                if two_d {
                    let tag = bits.take(1).ok_or(CcittError::Truncated)?;
                    tag == 0
                } else {
                    false
                }
            }
            Coding::Group4 => true,
        };
        let coded = if two_d {
            decode_2d(&mut bits, width, &reference, &mut current)
        } else {
            decode_1d(&mut bits, width, &mut current)
        };
        match coded {
            Ok(()) => {}
            // A bad code after some good rows: keep those and leave the rest white, as libtiff
            // does (it reports the error and returns the strip).
            Err(CcittError::Invalid(_)) if y > 0 => break,
            Err(e) => return Err(e),
        }
        fill(row, &current, width);
        std::mem::swap(&mut reference, &mut current);
    }
    Ok(out)
}

/// One row of alternating white and black runs, starting white.
fn decode_1d(bits: &mut Bits<'_>, width: u32, changes: &mut Vec<u32>) -> Result<(), CcittError> {
    changes.clear();
    let mut a0 = 0u32;
    let mut is_black = false;
    while a0 < width {
        let run = run(bits, is_black)?;
        a0 = a0.saturating_add(run).min(width);
        if a0 < width {
            changes.push(a0);
        }
        is_black = !is_black;
    }
    Ok(())
}

/// One row coded against `reference` (the previous row's changing elements).
fn decode_2d(
    bits: &mut Bits<'_>,
    width: u32,
    reference: &[u32],
    changes: &mut Vec<u32>,
) -> Result<(), CcittError> {
    changes.clear();
    let w = i64::from(width);
    let mut a0: i64 = -1;
    let mut is_black = false;
    while a0 < w {
        let found = mode::decode(bits).ok_or(if bits.exhausted() {
            CcittError::Truncated
        } else {
            CcittError::Invalid("unknown 2-D mode code")
        })?;
        // b1: the first changing element of the reference row right of a0 whose new colour is
        // the opposite of a0's; b2: the one after it.
        let start = reference
            .iter()
            .position(|&b| i64::from(b) > a0)
            .unwrap_or(reference.len());
        // Even indices change white to black.
        let wanted_parity = usize::from(is_black);
        let i = (start..reference.len())
            .find(|i| i % 2 == wanted_parity)
            .unwrap_or(reference.len());
        let b1 = reference.get(i).map_or(w, |&b| i64::from(b));
        let b2 = reference.get(i + 1).map_or(w, |&b| i64::from(b));
        match found {
            Mode::Pass => a0 = b2,
            Mode::Horizontal => {
                let first = i64::from(run(bits, is_black)?);
                let second = i64::from(run(bits, !is_black)?);
                let a1 = (a0.max(0) + first).min(w);
                let a2 = (a1 + second).min(w);
                push(changes, a1, w)?;
                push(changes, a2, w)?;
                a0 = a2;
            }
            Mode::Vertical(delta) => {
                let a1 = b1 + i64::from(delta);
                if a1 < 0 || a1 > w || a1 < a0 {
                    return Err(CcittError::Invalid("vertical mode outside the row"));
                }
                push(changes, a1, w)?;
                a0 = a1;
                is_black = !is_black;
            }
            Mode::Extension => return Err(CcittError::Invalid("uncompressed mode")),
            Mode::EOF => return Err(CcittError::Truncated),
        }
    }
    Ok(())
}

fn push(changes: &mut Vec<u32>, at: i64, width: i64) -> Result<(), CcittError> {
    if at < width {
        if changes.last().is_some_and(|&last| i64::from(last) > at) {
            return Err(CcittError::Invalid("changing elements out of order"));
        }
        changes.push(u32::try_from(at).map_err(|_| CcittError::Invalid("position"))?);
    }
    Ok(())
}

/// A run length: terminating code, after any make-up codes.
fn run(bits: &mut Bits<'_>, is_black: bool) -> Result<u32, CcittError> {
    let mut total = 0u32;
    for _ in 0..64 {
        let code = if is_black {
            black::decode(bits)
        } else {
            white::decode(bits)
        };
        let Some(n) = code else {
            return Err(if bits.exhausted() {
                CcittError::Truncated
            } else {
                CcittError::Invalid("unknown run-length code")
            });
        };
        total = total.saturating_add(u32::from(n));
        if n < 64 {
            return Ok(total);
        }
    }
    Err(CcittError::Invalid("endless make-up codes"))
}

/// Sets the black pixels of `row` from its changing elements (white first).
fn fill(row: &mut [u8], changes: &[u32], width: u32) {
    row.fill(0);
    let mut pairs = changes.chunks(2);
    for pair in &mut pairs {
        let start = pair[0].min(width);
        let end = pair.get(1).copied().unwrap_or(width).min(width);
        for x in start..end {
            if let Some(byte) = row.get_mut((x / 8) as usize) {
                *byte |= 0x80 >> (x % 8);
            }
        }
    }
}

/// An MSB-first bit reader over a slice; reads past the end give zeros (and
/// [`Bits::exhausted`] then says so), so a code at the very end can still be matched.
struct Bits<'a> {
    data: &'a [u8],
    pos: usize,
}

impl Bits<'_> {
    fn exhausted(&self) -> bool {
        self.pos >= self.data.len() * 8
    }

    fn bit(&self, at: usize) -> u16 {
        self.data
            .get(at / 8)
            .map_or(0, |b| u16::from((b >> (7 - at % 8)) & 1))
    }

    fn take(&mut self, n: u8) -> Option<u16> {
        let v = fax::BitReader::peek(self, n)?;
        self.pos += usize::from(n);
        Some(v)
    }

    fn align(&mut self) {
        self.pos = self.pos.div_ceil(8) * 8;
    }

    /// Skips fill bits and one end-of-line code (`000000000001`), when there is one.
    fn skip_eol(&mut self) {
        let limit = self.data.len() * 8;
        let mut zeros = 0;
        while self.pos < limit && self.bit(self.pos) == 0 && zeros < 4096 {
            self.pos += 1;
            zeros += 1;
        }
        if zeros >= 11 && self.bit(self.pos) == 1 {
            self.pos += 1; // the EOL's final 1
        } else {
            self.pos -= zeros; // no EOL: those zeros were data
        }
    }
}

impl fax::BitReader for Bits<'_> {
    type Error = ();

    fn peek(&self, bits: u8) -> Option<u16> {
        if self.pos > self.data.len() * 8 + 64 {
            return None;
        }
        Some((0..usize::from(bits)).fold(0u16, |acc, i| (acc << 1) | self.bit(self.pos + i)))
    }

    fn consume(&mut self, bits: u8) -> Result<(), ()> {
        self.pos += usize::from(bits);
        if self.pos > self.data.len() * 8 + 64 {
            return Err(());
        }
        Ok(())
    }

    fn bits_to_byte_boundary(&self) -> u8 {
        ((8 - self.pos % 8) % 8) as u8
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn group4_round_trip_with_the_fax_encoder() {
        // A 40x6 picture: a black bar in rows 1-4, columns 5-30, and a dot.
        let (w, h) = (40u16, 6u16);
        let mut encoder = fax::encoder::Encoder::new(fax::VecWriter::new());
        let mut expected = Vec::new();
        for y in 0..h {
            let row: Vec<fax::Color> = (0..w)
                .map(|x| {
                    let black =
                        ((1..5).contains(&y) && (5..31).contains(&x)) || (y == 5 && x == 39);
                    if black {
                        fax::Color::Black
                    } else {
                        fax::Color::White
                    }
                })
                .collect();
            let mut packed = vec![0u8; 5];
            for (x, c) in row.iter().enumerate() {
                if *c == fax::Color::Black {
                    packed[x / 8] |= 0x80 >> (x % 8);
                }
            }
            expected.extend_from_slice(&packed);
            let _ = encoder.encode_line(row.into_iter(), w);
        }
        let data = encoder
            .finish()
            .map(fax::VecWriter::finish)
            .unwrap_or_default();
        let out = decode(&data, u32::from(w), u32::from(h), Coding::Group4);
        assert_eq!(out.ok(), Some(expected));
        // Truncations and garbage are errors, never panics.
        for cut in 0..data.len() {
            let _ = decode(&data[..cut], u32::from(w), u32::from(h), Coding::Group4);
            let _ = decode(&data[..cut], u32::from(w), u32::from(h), Coding::Huffman);
            let _ = decode(
                &data[..cut],
                u32::from(w),
                u32::from(h),
                Coding::Group3 { two_d: true },
            );
        }
    }
}
