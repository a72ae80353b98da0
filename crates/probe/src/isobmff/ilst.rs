//! iTunes metadata in `moov/udta/meta/ilst`: the `iTunSMPB` gapless tag.

use super::boxes::children;

/// The `iTunSMPB` free-form tag in `udta/meta/ilst`: `(priming, padding, samples)`.
pub(crate) fn itunes_gapless(udta: &[u8], budget: &mut usize) -> Option<(u32, u32, u64)> {
    let (_, meta) = children(udta, budget)
        .ok()?
        .into_iter()
        .find(|(k, _)| k == b"meta")?;
    // `meta` is a full box in ISO files, a plain box in some QuickTime ones.
    let meta = if meta.get(8..12) == Some(b"hdlr") {
        meta.get(4..)?
    } else {
        meta
    };
    let (_, ilst) = children(meta, budget)
        .ok()?
        .into_iter()
        .find(|(k, _)| k == b"ilst")?;
    for (kind, item) in children(ilst, budget).ok()? {
        if &kind != b"----" {
            continue;
        }
        let parts = children(item, budget).ok()?;
        let name = parts.iter().find(|(k, _)| k == b"name")?.1.get(4..)?;
        if name != b"iTunSMPB" {
            continue;
        }
        let data = parts.iter().find(|(k, _)| k == b"data")?.1.get(8..)?;
        let text = std::str::from_utf8(data).ok()?;
        let mut fields = text
            .split_ascii_whitespace()
            .map(|f| u64::from_str_radix(f, 16));
        let _zero = fields.next()?.ok()?;
        let priming = u32::try_from(fields.next()?.ok()?).ok()?;
        let padding = u32::try_from(fields.next()?.ok()?).ok()?;
        let samples = fields.next()?.ok()?;
        return (samples > 0).then_some((priming, padding, samples));
    }
    None
}
