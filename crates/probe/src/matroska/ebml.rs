//! EBML, the binary format of Matroska and WebM: element headers, variable-length integers and
//! child lists, bounded and panic-free.

use crate::bytes;
use crate::error::ProbeError;

const FORMAT: &str = "matroska";
/// Most elements [`children_lossy`] yields.
pub const MAX_ELEMENTS: usize = 256;

/// An element header at the start of `b`: id (with its length marker), header length, body
/// size (`None` when unknown: all ones).
pub fn element(b: &[u8]) -> Option<(u32, usize, Option<u64>)> {
    let first = *b.first()?;
    let id_len = first.leading_zeros() as usize + 1;
    if id_len > 4 {
        return None;
    }
    let id = b
        .get(..id_len)?
        .iter()
        .fold(0u32, |acc, &x| (acc << 8) | u32::from(x));
    let s0 = *b.get(id_len)?;
    let size_len = s0.leading_zeros() as usize + 1;
    if size_len > 8 {
        return None;
    }
    let raw = b.get(id_len..id_len + size_len)?;
    let mask = (0xFFu16 >> size_len) as u8;
    let mut size = u64::from(s0 & mask);
    let mut all_ones = size == u64::from(mask);
    for &x in &raw[1..] {
        size = (size << 8) | u64::from(x);
        all_ones &= x == 0xFF;
    }
    Some((id, id_len + size_len, (!all_ones).then_some(size)))
}

/// The children of an in-memory element body as `(id, body)`, each spending one unit of
/// `budget`; an element whose header cannot be read is an error.
pub fn children<'a>(b: &'a [u8], budget: &mut usize) -> Result<Vec<(u32, &'a [u8])>, ProbeError> {
    let mut out = Vec::new();
    let mut pos = 0;
    while pos < b.len() {
        *budget = budget
            .checked_sub(1)
            .ok_or(ProbeError::TooComplex(FORMAT))?;
        let (id, header, size) = b
            .get(pos..)
            .and_then(element)
            .ok_or(ProbeError::invalid(FORMAT, "bad element header"))?;
        let size =
            usize::try_from(size.unwrap_or((b.len() - pos - header) as u64)).unwrap_or(usize::MAX);
        let end = (pos + header).saturating_add(size).min(b.len());
        out.push((id, b.get(pos + header..end).unwrap_or_default()));
        pos = end;
    }
    Ok(out)
}

/// The children of `body` for sniffing: `(id, body)` with each body cut to what is there,
/// stopping at the first unreadable header, at most [`MAX_ELEMENTS`].
pub fn children_lossy(body: &[u8]) -> impl Iterator<Item = (u32, &[u8])> {
    let mut at = 0usize;
    std::iter::from_fn(move || {
        let (id, header, size) = body.get(at..).and_then(element)?;
        let start = at.checked_add(header)?;
        let end = match size {
            Some(size) => start.checked_add(usize::try_from(size).ok()?)?,
            None => body.len(),
        };
        let value = body.get(start..end.min(body.len()))?;
        at = end;
        Some((id, value))
    })
    .take(MAX_ELEMENTS)
}

/// A big-endian unsigned integer element body (at most 8 bytes read).
pub fn uint(b: &[u8]) -> u64 {
    b.iter()
        .take(8)
        .fold(0, |acc, &x| (acc << 8) | u64::from(x))
}

/// A float element body (4 or 8 bytes).
pub fn float(b: &[u8]) -> Option<f64> {
    match b.len() {
        4 => bytes::be32(b, 0).map(|v| f64::from(f32::from_bits(v))),
        8 => bytes::be64(b, 0).map(f64::from_bits),
        _ => None,
    }
}

/// A variable-length integer with its marker bit removed, and its length.
pub fn vint(b: &[u8]) -> Option<(u64, usize)> {
    let first = *b.first()?;
    let len = first.leading_zeros() as usize + 1;
    if len > 8 {
        return None;
    }
    let mask = (0xFFu16 >> len) as u8;
    let v = b
        .get(1..len)?
        .iter()
        .fold(u64::from(first & mask), |acc, &x| (acc << 8) | u64::from(x));
    Some((v, len))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn element_headers_decode() {
        assert_eq!(
            element(&[0x1A, 0x45, 0xDF, 0xA3, 0x9F]),
            Some((0x1A45_DFA3, 5, Some(31)))
        );
        assert_eq!(
            element(&[0x18, 0x53, 0x80, 0x67, 0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF])
                .map(|e| e.2),
            Some(None)
        );
        assert_eq!(element(&[0x00]), None);
    }
}
