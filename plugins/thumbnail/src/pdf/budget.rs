//! What page 1 would cost before it is rendered: every object reachable from the page (its
//! content, resources, annotations) is visited once, every stream's decoded size is bounded
//! (Flate and LZW are inflated up to the limit, never past it) and every image's pixel count is
//! checked. The renderer decodes streams whole and without limits, so it only ever sees pages
//! that passed.

use std::collections::HashSet;
use std::io::Read;

use hayro::hayro_syntax::object::{Array, Dict, MaybeRef, Name, Object, ObjectIdentifier, Stream};
use hayro::hayro_syntax::page::Page;
use hayro::hayro_syntax::xref::XRef;

use crate::pdf::error::PdfPageError;

/// The bounds a page must stay within.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Budget {
    /// Largest decoded size of one stream.
    pub max_stream_bytes: u64,
    /// Largest total of decoded stream bytes.
    pub max_total_bytes: u64,
    /// Largest image, in pixels.
    pub max_image_pixels: u64,
    /// Most objects reachable from the page.
    pub max_objects: usize,
}

/// Keys that lead away from the page (to the page tree, other pages, the outline, actions):
/// not followed.
const SKIP: &[&[u8]] = &[
    b"Parent",
    b"P",
    b"Dest",
    b"D",
    b"A",
    b"AA",
    b"Next",
    b"Prev",
    b"First",
    b"Last",
    b"Kids",
    b"StructParents",
    b"Popup",
    b"IRT",
    b"Metadata",
    b"Thumb",
    b"B",
    b"PieceInfo",
];

/// Checks page 1 against `budget`.
pub(crate) fn check(page: &Page<'_>, budget: &Budget) -> Result<(), PdfPageError> {
    let mut walk = Walk {
        xref: page.xref(),
        budget,
        seen: HashSet::new(),
        objects: 0,
        total: 0,
        stack: Vec::new(),
    };
    walk.push_dict(page.raw().clone());
    // Inherited resources are not in the page dictionary itself.
    let resources = page.resources();
    for dict in [
        &resources.ext_g_states,
        &resources.fonts,
        &resources.properties,
        &resources.color_spaces,
        &resources.x_objects,
        &resources.patterns,
        &resources.shadings,
    ] {
        walk.push_dict(dict.clone());
    }
    while let Some(object) = walk.stack.pop() {
        walk.visit(object)?;
    }
    Ok(())
}

struct Walk<'a, 'b> {
    xref: &'a XRef,
    budget: &'b Budget,
    seen: HashSet<(u32, i32)>,
    objects: usize,
    total: u64,
    stack: Vec<Object<'a>>,
}

impl<'a> Walk<'a, '_> {
    fn count(&mut self) -> Result<(), PdfPageError> {
        self.objects += 1;
        if self.objects > self.budget.max_objects {
            return Err(PdfPageError::TooLarge {
                what: "the number of objects page 1 uses".into(),
                limit: self.budget.max_objects as u64,
            });
        }
        Ok(())
    }

    fn follow(&mut self, entry: MaybeRef<Object<'a>>) -> Result<(), PdfPageError> {
        match entry {
            MaybeRef::Ref(r) => {
                if !self.seen.insert((r.obj_number, r.gen_number)) {
                    return Ok(());
                }
                self.count()?;
                let id = ObjectIdentifier::new(r.obj_number, r.gen_number);
                if let Some(object) = self.xref.get::<Object<'a>>(id) {
                    self.stack.push(object);
                }
            }
            MaybeRef::NotRef(object) => {
                self.count()?;
                self.stack.push(object);
            }
        }
        Ok(())
    }

    fn push_dict(&mut self, dict: Dict<'a>) {
        self.stack.push(Object::Dict(dict));
    }

    fn visit(&mut self, object: Object<'a>) -> Result<(), PdfPageError> {
        match object {
            Object::Dict(dict) => self.visit_dict(&dict),
            Object::Array(array) => self.visit_array(&array),
            Object::Stream(stream) => {
                self.check_stream(&stream)?;
                self.visit_dict(stream.dict())
            }
            _ => Ok(()),
        }
    }

    fn visit_dict(&mut self, dict: &Dict<'a>) -> Result<(), PdfPageError> {
        for (key, value) in dict.entries() {
            if SKIP.iter().any(|k| *k == &*key) {
                continue;
            }
            self.follow(value)?;
        }
        Ok(())
    }

    fn visit_array(&mut self, array: &Array<'a>) -> Result<(), PdfPageError> {
        for value in array.raw_iter() {
            self.follow(value)?;
        }
        Ok(())
    }

    fn check_stream(&mut self, stream: &Stream<'a>) -> Result<(), PdfPageError> {
        let dict = stream.dict();
        let is_image = dict
            .get::<Name<'_>>(b"Subtype")
            .is_some_and(|s| &*s == b"Image");
        if is_image {
            let width = u64::from(dict.get::<u32>(b"Width").unwrap_or(0));
            let height = u64::from(dict.get::<u32>(b"Height").unwrap_or(0));
            let pixels = width.saturating_mul(height);
            if pixels > self.budget.max_image_pixels {
                return Err(PdfPageError::TooLarge {
                    what: format!("an image of {width}x{height} pixels"),
                    limit: self.budget.max_image_pixels,
                });
            }
        }
        let size = decoded_size(stream, self.budget.max_stream_bytes)?;
        self.total = self.total.saturating_add(size);
        if self.total > self.budget.max_total_bytes {
            return Err(PdfPageError::TooLarge {
                what: "the decoded streams of page 1".into(),
                limit: self.budget.max_total_bytes,
            });
        }
        Ok(())
    }
}

/// A stream filter, as far as the size check cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Filter {
    Flate,
    Lzw,
    AsciiHex,
    Ascii85,
    RunLength,
    /// DCT, JPX, JBIG2, CCITT: bounded by the image's pixel count.
    ImageCodec,
    Crypt,
    Unknown,
}

impl Filter {
    fn from_name(name: &[u8]) -> Self {
        match name {
            b"FlateDecode" | b"Fl" => Self::Flate,
            b"LZWDecode" | b"LZW" => Self::Lzw,
            b"ASCIIHexDecode" | b"AHx" => Self::AsciiHex,
            b"ASCII85Decode" | b"A85" => Self::Ascii85,
            b"RunLengthDecode" | b"RL" => Self::RunLength,
            b"DCTDecode" | b"DCT" | b"JPXDecode" | b"JBIG2Decode" | b"CCITTFaxDecode" | b"CCF" => {
                Self::ImageCodec
            }
            b"Crypt" => Self::Crypt,
            _ => Self::Unknown,
        }
    }
}

/// The filters of a stream, in order, without `Crypt` (`raw_data` is already decrypted).
fn filters(dict: &Dict<'_>) -> Vec<Filter> {
    let names: Vec<Vec<u8>> = if let Some(name) = dict.get::<Name<'_>>(b"Filter") {
        vec![name.to_vec()]
    } else if let Some(array) = dict.get::<Array<'_>>(b"Filter") {
        array
            .iter::<Name<'_>>()
            .map(|n| n.to_vec())
            .take(16)
            .collect()
    } else {
        Vec::new()
    };
    names
        .iter()
        .map(|n| Filter::from_name(n))
        .filter(|f| *f != Filter::Crypt)
        .collect()
}

/// How many bytes `stream` decodes to through its general-purpose filters (the image codecs
/// at the end of a chain are bounded by the image's pixel count instead), refusing it when
/// that is over `limit`. Flate and LZW alone are run up to the limit; other chains are judged
/// by how much each filter can at most grow its input.
pub(crate) fn decoded_size(stream: &Stream<'_>, limit: u64) -> Result<u64, PdfPageError> {
    let raw = stream.raw_data();
    let over = || PdfPageError::TooLarge {
        what: "a decoded stream".into(),
        limit,
    };
    let filters = filters(stream.dict());
    let then_image = |at: usize| matches!(filters.get(at), None | Some(Filter::ImageCodec));
    match filters.first() {
        None | Some(Filter::ImageCodec) => return Ok(raw.len() as u64),
        Some(Filter::Flate) if then_image(1) => {
            return bounded_inflate(&raw, limit).ok_or_else(over)
        }
        Some(Filter::Lzw) if then_image(1) => return bounded_lzw(&raw, limit).ok_or_else(over),
        _ => {}
    }
    let mut worst = raw.len() as u64;
    for filter in &filters {
        let factor: u64 = match filter {
            Filter::AsciiHex => 1,
            Filter::Ascii85 => 4,
            Filter::RunLength => 128,
            Filter::Flate => 1032,
            Filter::Lzw => 4096,
            Filter::ImageCodec | Filter::Crypt | Filter::Unknown => break,
        };
        worst = worst.saturating_mul(factor);
    }
    if worst > limit {
        return Err(over());
    }
    Ok(worst)
}

/// The inflated size of zlib (or raw deflate) data, or `None` when it is over `limit`. Data
/// that does not inflate counts as its own length (the renderer will fail on it, not grow it).
fn bounded_inflate(data: &[u8], limit: u64) -> Option<u64> {
    let measure = |reader: &mut dyn Read| -> Option<u64> {
        let mut sink = std::io::sink();
        let n = std::io::copy(&mut reader.take(limit + 1), &mut sink).ok()?;
        Some(n)
    };
    let n = measure(&mut flate2::read::ZlibDecoder::new(data))
        .or_else(|| measure(&mut flate2::read::DeflateDecoder::new(data)))
        .unwrap_or(data.len() as u64);
    (n <= limit).then_some(n)
}

/// The LZW-decoded size (PDF's variant: MSB first, early change), or `None` over `limit`.
fn bounded_lzw(data: &[u8], limit: u64) -> Option<u64> {
    let mut decoder = weezl::decode::Decoder::with_tiff_size_switch(weezl::BitOrder::Msb, 8);
    let mut out = vec![0u8; 64 * 1024];
    let mut input = data;
    let mut total = 0u64;
    loop {
        let result = decoder.decode_bytes(input, &mut out);
        total += result.consumed_out as u64;
        if total > limit {
            return None;
        }
        input = &input[result.consumed_in..];
        match result.status {
            Ok(weezl::LzwStatus::Ok) if result.consumed_in > 0 || result.consumed_out > 0 => {}
            _ => return Some(total),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflating_stops_at_the_limit() {
        let zeros = vec![0u8; 1 << 20];
        let mut packed = Vec::new();
        {
            use std::io::Write;
            let mut enc = flate2::write::ZlibEncoder::new(&mut packed, flate2::Compression::best());
            let _ = enc.write_all(&zeros);
            let _ = enc.finish();
        }
        assert_eq!(bounded_inflate(&packed, 2 << 20), Some(1 << 20));
        assert_eq!(bounded_inflate(&packed, 1000), None);
        // Not deflate at all: its own length.
        assert_eq!(bounded_inflate(b"plain text", 100), Some(10));
    }

    #[test]
    fn lzw_is_bounded_too() {
        let mut encoder = weezl::encode::Encoder::with_tiff_size_switch(weezl::BitOrder::Msb, 8);
        let packed = encoder.encode(&[7u8; 100_000]).unwrap_or_default();
        assert_eq!(bounded_lzw(&packed, 200_000), Some(100_000));
        assert_eq!(bounded_lzw(&packed, 10_000), None);
    }
}
