//! Archives, compressed streams, disk images and scientific data: tar (ustar, GNU, pax and
//! pre-POSIX by its header checksum), ISO 9660, RAR 4 and 5, 7z, gzip, bzip2, xz, zstd, LZ4,
//! HDF5 (also behind a user block) and GRIB 1 and 2.
//!
//! Each rule checks more than the magic where a field must hold a known value (a gzip
//! compression method, a bzip2 block size and block magic, an xz stream flags byte).

use super::source::Source;
use super::{has_at, Sniffed};

/// Where an HDF5 superblock may start: 0, then every power of two from 512 (a user block);
/// only offsets inside the head are looked at, so the check costs no read.
const HDF5_OFFSETS: &[usize] = &[0, 512, 1024, 2048, 4096, 8192, 16384, 32768];
const HDF5_MAGIC: &[u8] = b"\x89HDF\r\n\x1a\n";

pub(super) fn sniff(src: &mut Source<'_>) -> Option<Sniffed> {
    let head = src.head();
    let found = match head.first()? {
        0x1F if has_at(head, 0, b"\x1F\x8B\x08") && head.get(3).is_some_and(|f| f & 0xE0 == 0) => {
            Sniffed::new("application/gzip", "gzip")
        }
        b'B' if bzip2(head) => Sniffed::new("application/x-bzip2", "bzip2"),
        0xFD if has_at(head, 0, b"\xFD7zXZ\0") && head.get(6) == Some(&0) => {
            Sniffed::new("application/x-xz", "xz")
        }
        0x28 if has_at(head, 0, b"\x28\xB5\x2F\xFD") => Sniffed::new("application/zstd", "zstd"),
        0x04 if has_at(head, 0, b"\x04\x22\x4D\x18") => Sniffed::new("application/x-lz4", "lz4"),
        b'7' if has_at(head, 0, b"7z\xBC\xAF\x27\x1C") => {
            Sniffed::new("application/x-7z-compressed", "7z")
        }
        b'R' if has_at(head, 0, b"Rar!\x1A\x07\x00")
            || has_at(head, 0, b"Rar!\x1A\x07\x01\x00") =>
        {
            Sniffed::new("application/vnd.rar", "rar")
        }
        b'G' if has_at(head, 0, b"GRIB") => grib(head)?,
        _ => return tar(head).or_else(|| iso9660(src)).or_else(|| hdf5(head)),
    };
    Some(found)
}

/// bzip2: `BZh`, a block size digit, then a block or end-of-stream magic.
fn bzip2(head: &[u8]) -> bool {
    has_at(head, 0, b"BZh")
        && head.get(3).is_some_and(|d| (b'1'..=b'9').contains(d))
        && (has_at(head, 4, b"\x31\x41\x59\x26\x53\x59")
            || has_at(head, 4, b"\x17\x72\x45\x38\x50\x90"))
}

/// GRIB edition 1 or 2 (the octet after the length), by the edition number.
fn grib(head: &[u8]) -> Option<Sniffed> {
    match head.get(7)? {
        1 => Some(Sniffed::new("application/x-grib", "grib")),
        2 => Some(Sniffed::new("application/x-grib2", "grib2")),
        _ => None,
    }
}

/// A tar archive: the POSIX `ustar` magic at 257, or (pre-POSIX tar) a first header whose
/// checksum field matches the sum of its bytes.
fn tar(head: &[u8]) -> Option<Sniffed> {
    let header = head.get(..512)?;
    let magic = has_at(header, 257, b"ustar\0") || has_at(header, 257, b"ustar  \0");
    let name_ok = header[0] != 0;
    if name_ok && (magic || checksum_ok(header)) {
        return Some(Sniffed::new("application/x-tar", "tar"));
    }
    None
}

fn checksum_ok(header: &[u8]) -> bool {
    let Some(field) = header.get(148..156) else {
        return false;
    };
    // Octal digits, padded with spaces or NULs.
    let mut stored = 0u32;
    let mut digits = 0;
    for &b in field {
        match b {
            b'0'..=b'7' => {
                stored = stored * 8 + u32::from(b - b'0');
                digits += 1;
            }
            b' ' | 0 => {}
            _ => return false,
        }
    }
    let sum: u32 = header
        .iter()
        .enumerate()
        .map(|(i, &b)| {
            if (148..156).contains(&i) {
                32
            } else {
                u32::from(b)
            }
        })
        .sum();
    // The mode field holds octal digits in every tar dialect: random data rarely does.
    let mode_ok = header
        .get(100..107)
        .is_some_and(|m| m.iter().all(|&b| matches!(b, b'0'..=b'7' | b' ' | 0)));
    digits > 0 && stored == sum && mode_ok
}

/// ISO 9660: a volume descriptor (`CD001`) at sector 16.
fn iso9660(src: &mut Source<'_>) -> Option<Sniffed> {
    if src.len() < 32 * 1024 + 2048 {
        return None;
    }
    const AT: usize = 16 * 2048;
    let head = src.head();
    let volume = |d: &[u8]| has_at(d, 1, b"CD001") && matches!(d.first(), Some(0 | 1 | 2 | 255));
    let found = match head.get(AT..AT + 6) {
        Some(descriptor) => volume(descriptor),
        None => volume(&src.read_at(AT as u64, 6)),
    };
    found.then(|| Sniffed::new("application/x-iso9660-image", "iso9660"))
}

/// HDF5: the superblock signature at 0 or after a user block of 512, 1024, ... bytes.
fn hdf5(head: &[u8]) -> Option<Sniffed> {
    HDF5_OFFSETS
        .iter()
        .any(|&at| has_at(head, at, HDF5_MAGIC))
        .then(|| Sniffed::new("application/x-hdf5", "hdf5"))
}

#[cfg(test)]
mod tests {
    use super::super::sniff_head;

    fn tar_header(name: &str, ustar: bool) -> Vec<u8> {
        let mut h = vec![0u8; 512];
        h[..name.len()].copy_from_slice(name.as_bytes());
        h[100..107].copy_from_slice(b"0000644");
        h[124..135].copy_from_slice(b"00000000005");
        if ustar {
            h[257..263].copy_from_slice(b"ustar\0");
        }
        h[148..156].copy_from_slice(b"        ");
        let sum: u32 = h.iter().map(|&b| u32::from(b)).sum();
        h[148..155].copy_from_slice(format!("{sum:06o}\0").as_bytes());
        h.extend(vec![0u8; 1024]);
        h
    }

    #[test]
    fn tar_by_magic_or_checksum() {
        assert_eq!(
            sniff_head(&tar_header("a.txt", true)).mime,
            Some("application/x-tar")
        );
        let v7 = tar_header("a.txt", false);
        assert_eq!(sniff_head(&v7).mime, Some("application/x-tar"));
        let mut broken = v7.clone();
        broken[0] = b'b';
        assert_ne!(sniff_head(&broken).mime, Some("application/x-tar"));
    }

    #[test]
    fn compressed_streams_need_their_fields() {
        let cases: &[(&[u8], Option<&str>)] = &[
            (b"\x1F\x8B\x08\0\0\0\0\0\x02\x03", Some("application/gzip")),
            (b"\x1F\x8B\x08\xE0\0\0\0\0\x02\x03", None),
            (b"BZh91AY&SY\x01\x02", Some("application/x-bzip2")),
            (b"BZh9 is a string", Some("text/plain")),
            (
                b"\xFD7zXZ\0\0\x04\xE6\xD6\xB4\x46",
                Some("application/x-xz"),
            ),
            (b"\x28\xB5\x2F\xFD\x04\x58", Some("application/zstd")),
            (b"Rar!\x1A\x07\x01\0\x33\x92", Some("application/vnd.rar")),
            (b"GRIB\0\0\x6b\x01\0\0", Some("application/x-grib")),
            (
                b"GRIB\0\0\0\x02\0\0\0\0\0\0\0\xb3",
                Some("application/x-grib2"),
            ),
        ];
        for (bytes, want) in cases {
            let got = sniff_head(bytes).mime;
            match want {
                Some(want) => assert_eq!(got, Some(*want), "{bytes:?}"),
                None => assert_ne!(got, Some("application/gzip"), "{bytes:?}"),
            }
        }
    }

    #[test]
    fn hdf5_behind_a_user_block_and_iso_at_sector_16() {
        let mut h5 = vec![0u8; 512];
        h5.extend_from_slice(super::HDF5_MAGIC);
        h5.resize(2048, 0);
        assert_eq!(sniff_head(&h5).mime, Some("application/x-hdf5"));
        let mut iso = vec![0u8; 40 * 1024];
        iso[32768..32774].copy_from_slice(b"\x01CD001");
        assert_eq!(sniff_head(&iso).mime, Some("application/x-iso9660-image"));
    }
}
