//! The HEIF container (ISO/IEC 23008-12 on ISOBMFF), as AVIF and HEIC files use it: items, their
//! types and data locations (`iinf`, `iloc`, `idat`), references between them (`iref`) and their
//! properties (`iprp`). Enough to find the primary image, its tiles, alpha and transforms, and
//! the EXIF and XMP items. Every read is bounds-checked; malformed boxes end the parse with
//! `None`.

use std::collections::HashMap;
use std::ops::Range;

/// Most items, properties, extents or references read from one file.
const MAX_ENTRIES: usize = 65_536;

/// One property of an item.
#[derive(Debug, Clone)]
pub(crate) enum Property {
    /// `ispe`: the image's size.
    Size(u32, u32),
    /// `irot`: rotation anticlockwise in quarter turns.
    Rotation(u8),
    /// `imir`: mirroring about the vertical axis (0: left and right swap) or the horizontal (1).
    Mirror(u8),
    /// `colr` of type `nclx`: primaries, transfer, matrix, full range.
    Nclx { matrix: u16, full_range: bool },
    /// `colr` of type `prof` or `rICC`: an ICC profile (range in the file).
    Icc(Range<usize>),
    /// `auxC`: the auxiliary type URN.
    Auxiliary(Vec<u8>),
    /// Anything else (`av1C`, `hvcC`, `pixi`, `clap`…).
    Other,
}

/// One item.
#[derive(Debug, Clone, Default)]
pub(crate) struct ItemInfo {
    pub kind: [u8; 4],
    /// For `mime` items, the content type.
    pub content_type: Vec<u8>,
}

/// A parsed HEIF file (ranges point into the bytes it was parsed from).
#[derive(Debug, Default)]
pub(crate) struct Heif {
    pub brands: Vec<[u8; 4]>,
    pub primary: u32,
    pub items: HashMap<u32, ItemInfo>,
    locations: HashMap<u32, Vec<Range<usize>>>,
    properties: Vec<Property>,
    associations: HashMap<u32, Vec<usize>>,
    /// References: (type, from, to list).
    references: Vec<([u8; 4], u32, Vec<u32>)>,
}

impl Heif {
    /// Parses the boxes of `data`. `None` when there is no `meta` box or it is malformed.
    pub(crate) fn parse(data: &[u8]) -> Option<Self> {
        let mut heif = Heif::default();
        let mut meta = None;
        for (kind, body) in boxes(data, 0..data.len()) {
            match &kind {
                b"ftyp" => {
                    let b = data.get(body.clone())?;
                    heif.brands = b
                        .chunks_exact(4)
                        .enumerate()
                        .filter(|(i, _)| *i != 1)
                        .filter_map(|(_, c)| c.try_into().ok())
                        .collect();
                }
                b"meta" => meta = Some(body),
                _ => {}
            }
        }
        let meta = meta?;
        let mut idat = None;
        let mut iloc = None;
        for (kind, body) in boxes(data, meta.start + 4..meta.end) {
            match &kind {
                b"pitm" => {
                    let version = *data.get(body.start)?;
                    heif.primary = if version == 0 {
                        u32::from(be16(data, body.start + 4)?)
                    } else {
                        be32(data, body.start + 4)?
                    };
                }
                b"iinf" => heif.parse_iinf(data, body)?,
                b"iloc" => iloc = Some(body),
                b"iref" => heif.parse_iref(data, body)?,
                b"iprp" => heif.parse_iprp(data, body)?,
                b"idat" => idat = Some(body),
                _ => {}
            }
        }
        heif.parse_iloc(data, iloc?, idat)?;
        Some(heif)
    }

    /// The properties associated with `item`, in association order.
    pub(crate) fn properties(&self, item: u32) -> impl Iterator<Item = &Property> {
        self.associations
            .get(&item)
            .into_iter()
            .flatten()
            .filter_map(|&i| self.properties.get(i))
    }

    /// The item's data ranges in the file (extents, in order).
    pub(crate) fn extents(&self, item: u32) -> &[Range<usize>] {
        self.locations.get(&item).map_or(&[], Vec::as_slice)
    }

    /// The item's data, its extents joined; `None` when an extent lies outside `data`.
    pub(crate) fn item_data(&self, data: &[u8], item: u32, limit: usize) -> Option<Vec<u8>> {
        let mut out = Vec::new();
        for range in self.extents(item) {
            let part = data.get(range.clone())?;
            if out.len() + part.len() > limit {
                return None;
            }
            out.extend_from_slice(part);
        }
        Some(out)
    }

    /// Items that `from` references with `kind` (`dimg`: grid tiles in order).
    pub(crate) fn references_from(&self, kind: &[u8; 4], from: u32) -> Vec<u32> {
        self.references
            .iter()
            .filter(|(k, f, _)| k == kind && *f == from)
            .flat_map(|(_, _, to)| to.iter().copied())
            .collect()
    }

    /// Items that reference `to` with `kind` (`auxl`: alpha planes of an image, `cdsc`: its
    /// EXIF and XMP).
    pub(crate) fn references_to(&self, kind: &[u8; 4], to: u32) -> Vec<u32> {
        self.references
            .iter()
            .filter(|(k, _, t)| k == kind && t.contains(&to))
            .map(|(_, f, _)| *f)
            .collect()
    }

    fn parse_iinf(&mut self, data: &[u8], body: Range<usize>) -> Option<()> {
        let version = *data.get(body.start)?;
        let first = body.start + if version == 0 { 6 } else { 8 };
        for (kind, infe) in boxes(data, first..body.end).into_iter().take(MAX_ENTRIES) {
            if &kind != b"infe" {
                continue;
            }
            let v = *data.get(infe.start)?;
            if v < 2 {
                continue;
            }
            let (id, at) = if v == 2 {
                (u32::from(be16(data, infe.start + 4)?), infe.start + 6)
            } else {
                (be32(data, infe.start + 4)?, infe.start + 8)
            };
            let kind: [u8; 4] = data.get(at + 2..at + 6)?.try_into().ok()?;
            let mut info = ItemInfo {
                kind,
                content_type: Vec::new(),
            };
            if &kind == b"mime" {
                // item_name\0 content_type\0
                let rest = data.get(at + 6..infe.end)?;
                let name_end = rest.iter().position(|&b| b == 0)?;
                let ct = rest.get(name_end + 1..)?;
                let ct_end = ct.iter().position(|&b| b == 0).unwrap_or(ct.len());
                info.content_type = ct[..ct_end].to_vec();
            }
            self.items.insert(id, info);
        }
        Some(())
    }

    fn parse_iref(&mut self, data: &[u8], body: Range<usize>) -> Option<()> {
        let version = *data.get(body.start)?;
        let wide = version != 0;
        for (kind, r) in boxes(data, body.start + 4..body.end)
            .into_iter()
            .take(MAX_ENTRIES)
        {
            let mut at = r.start;
            let read_id = |at: &mut usize| -> Option<u32> {
                let v = if wide {
                    be32(data, *at)?
                } else {
                    u32::from(be16(data, *at)?)
                };
                *at += if wide { 4 } else { 2 };
                Some(v)
            };
            let from = read_id(&mut at)?;
            let count = usize::from(be16(data, at)?);
            at += 2;
            let mut to = Vec::with_capacity(count.min(MAX_ENTRIES));
            for _ in 0..count {
                to.push(read_id(&mut at)?);
            }
            self.references.push((kind, from, to));
        }
        Some(())
    }

    fn parse_iprp(&mut self, data: &[u8], body: Range<usize>) -> Option<()> {
        for (kind, b) in boxes(data, body) {
            match &kind {
                b"ipco" => {
                    for (pkind, p) in boxes(data, b).into_iter().take(MAX_ENTRIES) {
                        self.properties.push(parse_property(data, pkind, p));
                    }
                }
                b"ipma" => {
                    let version = *data.get(b.start)?;
                    let flags = *data.get(b.start + 3)?;
                    let count = be32(data, b.start + 4)? as usize;
                    let mut at = b.start + 8;
                    for _ in 0..count.min(MAX_ENTRIES) {
                        let id = if version < 1 {
                            let v = u32::from(be16(data, at)?);
                            at += 2;
                            v
                        } else {
                            let v = be32(data, at)?;
                            at += 4;
                            v
                        };
                        let n = *data.get(at)?;
                        at += 1;
                        let list = self.associations.entry(id).or_default();
                        for _ in 0..n {
                            let index = if flags & 1 != 0 {
                                let v = be16(data, at)? & 0x7FFF;
                                at += 2;
                                usize::from(v)
                            } else {
                                let v = *data.get(at)? & 0x7F;
                                at += 1;
                                usize::from(v)
                            };
                            // Indices are 1-based; 0 means "no property".
                            if let Some(i) = index.checked_sub(1) {
                                list.push(i);
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        Some(())
    }

    fn parse_iloc(
        &mut self,
        data: &[u8],
        body: Range<usize>,
        idat: Option<Range<usize>>,
    ) -> Option<()> {
        let version = *data.get(body.start)?;
        let sizes = *data.get(body.start + 4)?;
        let sizes2 = *data.get(body.start + 5)?;
        let (offset_size, length_size) = (sizes >> 4, sizes & 0x0F);
        let base_size = sizes2 >> 4;
        let index_size = if version >= 1 { sizes2 & 0x0F } else { 0 };
        let mut at = body.start + 6;
        let count = if version < 2 {
            let v = usize::from(be16(data, at)?);
            at += 2;
            v
        } else {
            let v = be32(data, at)? as usize;
            at += 4;
            v
        };
        for _ in 0..count.min(MAX_ENTRIES) {
            let id = if version < 2 {
                let v = u32::from(be16(data, at)?);
                at += 2;
                v
            } else {
                let v = be32(data, at)?;
                at += 4;
                v
            };
            let method = if version >= 1 {
                let v = be16(data, at)? & 0x0F;
                at += 2;
                v
            } else {
                0
            };
            at += 2; // data_reference_index
            let base = read_sized(data, &mut at, base_size)?;
            let extents = usize::from(be16(data, at)?);
            at += 2;
            let mut ranges = Vec::with_capacity(extents.min(MAX_ENTRIES));
            for _ in 0..extents {
                if index_size > 0 {
                    read_sized(data, &mut at, index_size)?;
                }
                let offset = read_sized(data, &mut at, offset_size)?;
                let length = read_sized(data, &mut at, length_size)?;
                let start = base.checked_add(offset)?;
                let (start, length) = match method {
                    0 => (start, length),
                    1 => {
                        let idat = idat.as_ref()?;
                        (idat.start as u64 + start, length)
                    }
                    _ => return None, // item-offset construction: not used by images
                };
                // Length 0 means "to the end of the file" (or of idat).
                let end = if length == 0 {
                    data.len() as u64
                } else {
                    start.checked_add(length)?
                };
                ranges.push(usize::try_from(start).ok()?..usize::try_from(end).ok()?);
            }
            self.locations.insert(id, ranges);
        }
        Some(())
    }
}

fn parse_property(data: &[u8], kind: [u8; 4], body: Range<usize>) -> Property {
    let parsed = (|| -> Option<Property> {
        Some(match &kind {
            b"ispe" => Property::Size(be32(data, body.start + 4)?, be32(data, body.start + 8)?),
            b"irot" => Property::Rotation(*data.get(body.start)? & 3),
            b"imir" => Property::Mirror(*data.get(body.start)? & 1),
            b"colr" => match data.get(body.start..body.start + 4)? {
                b"nclx" => Property::Nclx {
                    matrix: be16(data, body.start + 8)?,
                    full_range: *data.get(body.start + 10)? & 0x80 != 0,
                },
                b"prof" | b"rICC" => Property::Icc(body.start + 4..body.end),
                _ => Property::Other,
            },
            b"auxC" => {
                let urn = data.get(body.start + 4..body.end)?;
                let end = urn.iter().position(|&b| b == 0).unwrap_or(urn.len());
                Property::Auxiliary(urn[..end].to_vec())
            }
            _ => Property::Other,
        })
    })();
    parsed.unwrap_or(Property::Other)
}

/// The boxes in `range` of `data`: type and body range. Stops at the first malformed header.
pub(crate) fn boxes(data: &[u8], range: Range<usize>) -> Vec<([u8; 4], Range<usize>)> {
    let mut out = Vec::new();
    let mut at = range.start;
    let end = range.end.min(data.len());
    while at + 8 <= end && out.len() < MAX_ENTRIES {
        let Some(size) = be32(data, at) else { break };
        let Some(kind) = data.get(at + 4..at + 8).and_then(|k| k.try_into().ok()) else {
            break;
        };
        let (header, size) = match size {
            0 => (8, (end - at) as u64),
            1 => match data
                .get(at + 8..at + 16)
                .and_then(|b| b.try_into().ok())
                .map(u64::from_be_bytes)
            {
                Some(s) => (16, s),
                None => break,
            },
            s => (8, u64::from(s)),
        };
        let Some(box_end) = usize::try_from(size)
            .ok()
            .and_then(|s| at.checked_add(s))
            .filter(|&e| e <= end && e >= at + header)
        else {
            break;
        };
        out.push((kind, at + header..box_end));
        at = box_end;
    }
    out
}

fn read_sized(data: &[u8], at: &mut usize, size: u8) -> Option<u64> {
    let v = match size {
        0 => 0,
        4 => u64::from(be32(data, *at)?),
        8 => u64::from_be_bytes(data.get(*at..*at + 8)?.try_into().ok()?),
        _ => return None,
    };
    *at += usize::from(size);
    Some(v)
}

pub(crate) fn be16(data: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes(data.get(at..at + 2)?.try_into().ok()?))
}

pub(crate) fn be32(data: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(data.get(at..at + 4)?.try_into().ok()?))
}
