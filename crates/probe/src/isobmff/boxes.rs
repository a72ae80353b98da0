//! Splitting an in-memory ISO BMFF box body into its children, with a shared count budget.

use crate::bytes;
use crate::error::ProbeError;

/// A box's four-character type.
pub(crate) type BoxKind = [u8; 4];

/// The children of a box body, each as `(type, body)`. Every child spends one unit of `budget`;
/// a child whose size cannot advance is a loop, one that overruns its parent is invalid.
pub(crate) fn children<'a>(
    buf: &'a [u8],
    budget: &mut usize,
) -> Result<Vec<(BoxKind, &'a [u8])>, ProbeError> {
    let mut out = Vec::new();
    let mut pos = 0usize;
    while pos + 8 <= buf.len() {
        *budget = budget.checked_sub(1).ok_or(ProbeError::TooComplex("mp4"))?;
        let kind: BoxKind = bytes::arr(buf, pos + 4).ok_or(ProbeError::Truncated("mp4 box"))?;
        let (header, size) = match bytes::be32(buf, pos).unwrap_or(0) {
            1 => {
                let large = bytes::be64(buf, pos + 8).ok_or(ProbeError::Truncated("mp4 box"))?;
                (16, usize::try_from(large).unwrap_or(usize::MAX))
            }
            0 => (8, buf.len() - pos),
            n => (8, usize::try_from(n).unwrap_or(usize::MAX)),
        };
        if size < header {
            return Err(ProbeError::StructureLoop("mp4"));
        }
        let end = pos
            .checked_add(size)
            .filter(|&e| e <= buf.len())
            .ok_or(ProbeError::invalid("mp4", "a box overruns its parent"))?;
        out.push((kind, buf.get(pos + header..end).unwrap_or_default()));
        pos = end;
    }
    Ok(out)
}

/// A full box's version and the rest of its body (after version and flags).
pub(crate) fn full_box(body: &[u8]) -> Option<(u8, u32, &[u8])> {
    let vf = bytes::be32(body, 0)?;
    Some(((vf >> 24) as u8, vf & 0xFF_FFFF, body.get(4..)?))
}
