//! Decompressing one TIFF strip or tile, and undoing the predictor.

use std::io::{Read, Write};

use super::ccitt::{self, CcittError, Coding};
use crate::error::ThumbnailError;

/// What a chunk decompresses to.
pub(super) enum Chunk {
    /// Packed samples, as the directory describes them.
    Samples(Vec<u8>),
    /// Pixels a JPEG decoder produced: 8-bit, `components` (3: RGB, 4: CMYK) interleaved,
    /// `width` x `height` (the chunk's coded size).
    Pixels {
        data: Vec<u8>,
        components: usize,
        width: u32,
        height: u32,
    },
}

/// How the chunks of an image are coded.
pub(super) struct Codec<'a> {
    pub compression: u16,
    /// `JPEGTables` (compression 7): tables shared by every chunk.
    pub jpeg_tables: Option<&'a [u8]>,
    /// Photometric RGB under JPEG: the components are RGB, not YCbCr.
    pub jpeg_rgb: bool,
    /// `FillOrder` 2: bits are stored least significant first.
    pub lsb_first: bool,
    /// `T4Options` (compression 3).
    pub t4_options: u64,
    pub max_decode_bytes: u64,
}

impl Codec<'_> {
    /// Decompresses `data`, a chunk of `width` x `rows` pixels whose packed samples take
    /// `expected` bytes.
    pub(super) fn decompress(
        &self,
        data: &[u8],
        width: u32,
        rows: u32,
        expected: usize,
    ) -> Result<Chunk, ThumbnailError> {
        let reversed;
        // libtiff reverses the raw bytes of every codec but JPEG when `FillOrder` is 2.
        let data = if self.lsb_first && !matches!(self.compression, 6 | 7) {
            reversed = data.iter().map(|b| b.reverse_bits()).collect::<Vec<u8>>();
            &reversed[..]
        } else {
            data
        };
        let samples = match self.compression {
            1 => {
                let mut out = data
                    .get(..expected.min(data.len()))
                    .unwrap_or(data)
                    .to_vec();
                if out.len() < expected {
                    return Err(super::ifd::truncated("strip"));
                }
                out.truncate(expected);
                out
            }
            5 => lzw(data, expected)?,
            8 | 32946 => bounded(flate2::read::ZlibDecoder::new(data), expected, "Deflate")?,
            32773 => packbits(data, expected)?,
            2..=4 => {
                let coding = match self.compression {
                    2 => Coding::Huffman,
                    3 => Coding::Group3 {
                        two_d: self.t4_options & 1 != 0,
                    },
                    _ => Coding::Group4,
                };
                if self.compression == 3 && self.t4_options & 2 != 0 {
                    return Err(unsupported("Group 3 with uncompressed mode"));
                }
                ccitt::decode(data, width, rows, coding).map_err(|e| match e {
                    CcittError::Truncated => {
                        ThumbnailError::Truncated("TIFF fax data ends early".into())
                    }
                    CcittError::Invalid(what) => {
                        ThumbnailError::Invalid(format!("TIFF fax data: {what}"))
                    }
                })?
            }
            34925 => lzma(data, expected)?,
            50000 => zstd(data, expected)?,
            6 | 7 => return self.jpeg(data),
            other => return Err(unsupported(compression_name(other))),
        };
        Ok(Chunk::Samples(samples))
    }

    fn jpeg(&self, data: &[u8]) -> Result<Chunk, ThumbnailError> {
        let joined;
        let stream = match self.jpeg_tables {
            Some(tables) if tables.len() > 4 && data.len() > 2 => {
                let mut s = tables[..tables.len() - 2].to_vec();
                s.extend_from_slice(&data[2..]);
                joined = s;
                &joined[..]
            }
            _ => data,
        };
        let pixels =
            crate::decode::jpeg::decode_stream(stream, self.max_decode_bytes, self.jpeg_rgb)?;
        Ok(Chunk::Pixels {
            components: pixels.layout.channels(),
            width: pixels.width,
            height: pixels.height,
            data: pixels.data,
        })
    }
}

/// A readable name for an unsupported compression.
pub(super) fn compression_name(code: u16) -> &'static str {
    match code {
        50001 => "WebP compression",
        34712 => "JPEG 2000 compression",
        32809 => "ThunderScan compression",
        32908..=32911 => "Pixar compression",
        34676 | 34677 => "SGI Log compression",
        _ => "compression method",
    }
}

fn unsupported(what: &str) -> ThumbnailError {
    ThumbnailError::Unsupported(format!("TIFF {what}"))
}

/// TIFF LZW: MSB-first codes starting at 9 bits, switching one code early (and the rare old
/// LSB-first variant, whose streams begin `00 01`).
fn lzw(data: &[u8], expected: usize) -> Result<Vec<u8>, ThumbnailError> {
    let mut decoder = if data.starts_with(&[0x00, 0x01]) {
        weezl::decode::Decoder::new(weezl::BitOrder::Lsb, 8)
    } else {
        weezl::decode::Decoder::with_tiff_size_switch(weezl::BitOrder::Msb, 8)
    };
    let mut out = vec![0u8; expected];
    let (mut read, mut written) = (0, 0);
    while written < expected {
        let result = decoder.decode_bytes(&data[read..], &mut out[written..]);
        read += result.consumed_in;
        written += result.consumed_out;
        match result.status {
            Ok(weezl::LzwStatus::Ok) if result.consumed_in + result.consumed_out > 0 => {}
            Ok(_) => break,
            // A stream that filled the chunk before failing is whole enough (libtiff's view too).
            Err(e) => {
                if written < expected {
                    return Err(ThumbnailError::Invalid(format!("TIFF LZW: {e}")));
                }
            }
        }
    }
    if written < expected {
        return Err(ThumbnailError::Truncated(format!(
            "TIFF LZW strip gave {written} of {expected} bytes"
        )));
    }
    Ok(out)
}

fn bounded(reader: impl Read, expected: usize, what: &str) -> Result<Vec<u8>, ThumbnailError> {
    let mut out = Vec::with_capacity(expected);
    let read = reader.take(expected as u64).read_to_end(&mut out);
    match read {
        Ok(_) if out.len() == expected => Ok(out),
        Ok(_) => Err(ThumbnailError::Truncated(format!(
            "TIFF {what} strip gave {} of {expected} bytes",
            out.len()
        ))),
        Err(_) if out.len() == expected => Ok(out),
        Err(e) => Err(ThumbnailError::Invalid(format!("TIFF {what}: {e}"))),
    }
}

fn packbits(data: &[u8], expected: usize) -> Result<Vec<u8>, ThumbnailError> {
    let mut out = Vec::with_capacity(expected);
    let mut i = 0;
    while out.len() < expected {
        let Some(&n) = data.get(i) else {
            return Err(ThumbnailError::Truncated(
                "TIFF PackBits strip ends early".into(),
            ));
        };
        i += 1;
        let n = n as i8;
        if n >= 0 {
            let len = usize::from(n as u8) + 1;
            let run = data.get(i..i + len).ok_or_else(|| {
                ThumbnailError::Truncated("TIFF PackBits strip ends early".into())
            })?;
            out.extend_from_slice(run);
            i += len;
        } else if n != -128 {
            let len = (1 - i16::from(n)) as usize;
            let &v = data.get(i).ok_or_else(|| {
                ThumbnailError::Truncated("TIFF PackBits strip ends early".into())
            })?;
            out.extend(std::iter::repeat_n(v, len));
            i += 1;
        }
    }
    out.truncate(expected);
    Ok(out)
}

/// XZ-framed LZMA (libtiff's compression 34925), output bounded by `expected`. libtiff writes
/// one block whose filter chain may start with the delta filter, which `lzma-rs` does not
/// know: the block header is read here, the LZMA2 data decoded by `lzma-rs` and the delta
/// undone after it.
fn lzma(data: &[u8], expected: usize) -> Result<Vec<u8>, ThumbnailError> {
    let invalid = |what: &str| ThumbnailError::Invalid(format!("TIFF LZMA: {what}"));
    if !data.starts_with(b"\xFD7zXZ\0") {
        return Err(invalid("not an XZ stream"));
    }
    let header_at = 12;
    let header_len =
        (usize::from(*data.get(header_at).ok_or_else(|| invalid("no block"))?) + 1) * 4;
    let header = data
        .get(header_at..header_at + header_len)
        .ok_or_else(|| ThumbnailError::Truncated("TIFF LZMA block header".into()))?;
    let flags = header[1];
    let mut at = 2;
    let varint = |at: &mut usize| -> Option<u64> {
        let mut v = 0u64;
        for i in 0..9 {
            let b = *header.get(*at)?;
            *at += 1;
            v |= u64::from(b & 0x7F) << (7 * i);
            if b & 0x80 == 0 {
                return Some(v);
            }
        }
        None
    };
    if flags & 0x40 != 0 {
        varint(&mut at).ok_or_else(|| invalid("block header"))?;
    }
    if flags & 0x80 != 0 {
        varint(&mut at).ok_or_else(|| invalid("block header"))?;
    }
    let mut delta = None;
    let mut lzma2 = false;
    for _ in 0..=(flags & 3) {
        let id = varint(&mut at).ok_or_else(|| invalid("filter flags"))?;
        let size = varint(&mut at).ok_or_else(|| invalid("filter flags"))? as usize;
        let props = header
            .get(at..at + size)
            .ok_or_else(|| invalid("filter flags"))?;
        at += size;
        match id {
            3 => delta = Some(usize::from(*props.first().unwrap_or(&0)) + 1),
            0x21 => lzma2 = true,
            other => {
                return Err(ThumbnailError::Unsupported(format!(
                    "TIFF LZMA filter {other}"
                )))
            }
        }
    }
    if !lzma2 {
        return Err(invalid("no LZMA2 filter"));
    }
    struct Limited(Vec<u8>, usize);
    impl Write for Limited {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            let room = self.1.saturating_sub(self.0.len());
            if room == 0 && !buf.is_empty() {
                return Err(std::io::Error::other("more data than the strip holds"));
            }
            let n = buf.len().min(room);
            self.0.extend_from_slice(&buf[..n]);
            Ok(n)
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let body = &data[header_at + header_len..];
    let mut out = Limited(Vec::with_capacity(expected), expected);
    let result = lzma_rs::lzma2_decompress(&mut std::io::BufReader::new(body), &mut out);
    let mut out = out.0;
    if out.len() < expected {
        return Err(match result {
            Ok(()) => ThumbnailError::Truncated(format!(
                "TIFF LZMA strip gave {} of {expected} bytes",
                out.len()
            )),
            Err(e) => invalid(&e.to_string()),
        });
    }
    if let Some(distance) = delta {
        for i in distance..out.len() {
            out[i] = out[i].wrapping_add(out[i - distance]);
        }
    }
    Ok(out)
}

/// Zstandard (libtiff's compression 50000), through `ruzstd`, output bounded by `expected`.
fn zstd(data: &[u8], expected: usize) -> Result<Vec<u8>, ThumbnailError> {
    let decoder = ruzstd::decoding::StreamingDecoder::new(data)
        .map_err(|e| ThumbnailError::Invalid(format!("TIFF ZSTD: {e}")))?;
    bounded(decoder, expected, "ZSTD")
}

/// Undoes predictor 2 (horizontal differencing) or 3 (floating point) on one row of
/// `samples_per_pixel` x `width` samples of `bits` bits, in the file's byte order.
pub(super) fn unpredict(
    row: &mut [u8],
    predictor: u64,
    bits: u32,
    samples_per_pixel: usize,
    big_endian: bool,
) {
    let spp = samples_per_pixel.max(1);
    match (predictor, bits) {
        (2, 8) => {
            for i in spp..row.len() {
                row[i] = row[i].wrapping_add(row[i - spp]);
            }
        }
        (2, 16) => {
            let read = |b: &[u8]| {
                if big_endian {
                    u16::from_be_bytes([b[0], b[1]])
                } else {
                    u16::from_le_bytes([b[0], b[1]])
                }
            };
            let n = row.len() / 2;
            for i in spp..n {
                let prev = read(&row[(i - spp) * 2..]);
                let cur = read(&row[i * 2..]).wrapping_add(prev);
                let bytes = if big_endian {
                    cur.to_be_bytes()
                } else {
                    cur.to_le_bytes()
                };
                row[i * 2..i * 2 + 2].copy_from_slice(&bytes);
            }
        }
        (2, 32) => {
            let read = |b: &[u8]| {
                let a = [b[0], b[1], b[2], b[3]];
                if big_endian {
                    u32::from_be_bytes(a)
                } else {
                    u32::from_le_bytes(a)
                }
            };
            let n = row.len() / 4;
            for i in spp..n {
                let prev = read(&row[(i - spp) * 4..]);
                let cur = read(&row[i * 4..]).wrapping_add(prev);
                let bytes = if big_endian {
                    cur.to_be_bytes()
                } else {
                    cur.to_le_bytes()
                };
                row[i * 4..i * 4 + 4].copy_from_slice(&bytes);
            }
        }
        (3, 16 | 32 | 64) => {
            // Bytes were differenced, then split into planes (most significant first).
            for i in spp..row.len() {
                row[i] = row[i].wrapping_add(row[i - spp]);
            }
            let size = (bits / 8) as usize;
            let n = row.len() / size;
            let planes = row.to_vec();
            for i in 0..n {
                for k in 0..size {
                    let v = planes[k * n + i];
                    let at = if big_endian { k } else { size - 1 - k };
                    row[i * size + at] = v;
                }
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packbits_and_predictors() {
        // "AAAB" + literal "xy": -3 'A' 'B'?? -> 0xFE repeats 3, then literal 2.
        let data = [0xFEu8, b'A', 0x02, b'B', b'x', b'y'];
        assert_eq!(packbits(&data, 6).ok(), Some(b"AAABxy".to_vec()));
        assert!(packbits(&data[..3], 6).is_err());
        let mut row = vec![10u8, 20, 1, 2, 1, 2];
        unpredict(&mut row, 2, 8, 2, false);
        assert_eq!(row, vec![10, 20, 11, 22, 12, 24]);
        let mut row16 = vec![0x00, 0x01, 0x00, 0x02];
        unpredict(&mut row16, 2, 16, 1, true);
        assert_eq!(row16, vec![0x00, 0x01, 0x00, 0x03]);
    }
}
