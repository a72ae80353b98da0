//! Hostile input: random bytes, seeded mutations of real files (bit flips, truncations,
//! splices), and a huge file. Sniffing must never panic, hang or read without bound.

use std::io::{Cursor, Read, Seek, SeekFrom};
use std::path::Path;

use pipes_media_mime::{compare, sniff, DeclaredType, Sniffed};
use pipes_media_testkit::Rng;
use proptest::prelude::*;

const HEAD_LEN: usize = 64 * 1024;

/// A reader that counts what it is asked for.
struct Counting<R> {
    inner: R,
    bytes: u64,
    reads: u64,
    seeks: u64,
}

impl<R> Counting<R> {
    fn new(inner: R) -> Self {
        Self {
            inner,
            bytes: 0,
            reads: 0,
            seeks: 0,
        }
    }
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.bytes += n as u64;
        self.reads += 1;
        Ok(n)
    }
}

impl<R: Seek> Seek for Counting<R> {
    fn seek(&mut self, pos: SeekFrom) -> std::io::Result<u64> {
        self.seeks += 1;
        self.inner.seek(pos)
    }
}

/// Sniffs `data` as the stage does (head in memory, the rest through the file) and checks the
/// bounds on what was read.
fn sniff_bytes(data: &[u8]) -> Sniffed {
    let mut file = Counting::new(Cursor::new(data));
    let head = &data[..data.len().min(HEAD_LEN)];
    let found = sniff(head, Some(&mut file));
    // 16 extra reads of at most 1 MiB each, plus one seek to learn the length.
    assert!(file.seeks <= 17, "{} seeks", file.seeks);
    assert!(file.bytes <= 16 * 1024 * 1024, "{} bytes read", file.bytes);
    let _ = compare(Some("image/jpeg"), &found);
    found
}

fn random_bytes(seed: u64, len: usize) -> Vec<u8> {
    let mut rng = Rng(seed | 1);
    (0..len.div_ceil(8))
        .flat_map(|_| rng.next_u64().to_le_bytes())
        .take(len)
        .collect()
}

fn fixtures() -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("fixtures dir")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| std::fs::read(p).expect("fixture"))
        .collect()
}

#[test]
fn seeded_mutations_of_real_files_never_panic() {
    let files = fixtures();
    assert!(files.len() >= 10);
    let mut rng = Rng(0x5EED_1234_ABCD_0001);
    let mut sniffed = 0usize;
    for round in 0..3000 {
        let base = &files[round % files.len()];
        let mut data = base.clone();
        match rng.below(4) {
            0 => {
                // Bit flips, concentrated in the first KiB where the headers are.
                for _ in 0..1 + rng.below(8) {
                    let span = data
                        .len()
                        .min(if rng.below(2) == 0 { 1024 } else { usize::MAX });
                    if span > 0 {
                        let at = rng.below(span);
                        data[at] ^= 1 << rng.below(8);
                    }
                }
            }
            1 => data.truncate(rng.below(data.len() + 1)),
            2 => {
                // Splice: our head, another file's tail (or the reverse).
                let other = &files[rng.below(files.len())];
                let cut = rng.below(data.len() + 1);
                let from = rng.below(other.len() + 1);
                data.truncate(cut);
                data.extend_from_slice(&other[from..]);
            }
            _ => {
                // Overwrite a header-sized field with extreme values.
                let at = rng.below(data.len().min(256) + 1);
                let fill: &[u8] = if rng.below(2) == 0 {
                    &[0xFF; 8]
                } else {
                    &[0; 8]
                };
                let end = (at + fill.len()).min(data.len());
                data[at..end].copy_from_slice(&fill[..end - at]);
            }
        }
        sniffed += usize::from(sniff_bytes(&data).mime.is_some());
    }
    assert!(
        sniffed > 1000,
        "mutations should mostly keep a recognisable type ({sniffed})"
    );
}

#[test]
fn every_truncation_of_every_fixture_is_handled() {
    for data in fixtures() {
        let step = (data.len() / 97).max(1);
        for cut in (0..data.len()).step_by(step) {
            let _ = sniff_bytes(&data[..cut]);
        }
    }
}

#[test]
fn sniffing_a_huge_file_reads_a_bounded_amount() {
    // A 1 GiB sparse file: an MP4 header whose `mdat` claims nearly all of it, then nothing.
    let mut file = tempfile::tempfile().expect("temp file");
    let mut head = b"\0\0\0\x18ftypisom\0\0\x02\0isommp41".to_vec();
    head.extend_from_slice(&(1u32 << 30).to_be_bytes());
    head.extend_from_slice(b"mdat");
    std::io::Write::write_all(&mut file, &head).expect("write");
    file.set_len(1 << 30).expect("sparse length");
    let mut counting = Counting::new(file);
    let found = sniff(&head, Some(&mut counting));
    assert_eq!(found.mime, Some("video/mp4"));
    assert!(
        counting.bytes <= 16 * 1024 * 1024,
        "read {} bytes",
        counting.bytes
    );

    // The same for a 1 GiB "zip": the directory search reads only the tail.
    let mut file = tempfile::tempfile().expect("temp file");
    std::io::Write::write_all(&mut file, b"PK\x03\x04").expect("write");
    file.set_len(1 << 30).expect("sparse length");
    let mut counting = Counting::new(file);
    let found = sniff(b"PK\x03\x04", Some(&mut counting));
    assert_eq!(found.mime, Some("application/zip"));
    assert!(
        counting.bytes <= 2 * 1024 * 1024,
        "read {} bytes",
        counting.bytes
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(data in prop::collection::vec(any::<u8>(), 0..4096)) {
        let _ = sniff_bytes(&data);
    }


}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Large random files, generated from a seed (a byte-wise strategy this large would spend
    /// its time building shrink trees).
    #[test]
    fn large_random_files_never_panic(seed in any::<u64>(), len in 0usize..300_000) {
        let _ = sniff_bytes(&random_bytes(seed, len));
    }

    #[test]
    fn random_bytes_after_a_real_magic_never_panic(
        magic in prop::sample::select(vec![
            &b"OggS\0\x02"[..], b"\0\0\0\x20ftypisom", b"ID3\x04\0\0", b"PK\x03\x04", b"RIFF\0\0\0\0WEBPVP8X",
            b"\x1A\x45\xDF\xA3", b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", b"GIF89a", b"\x89PNG\r\n\x1a\n",
            b"<?xml version='1.0'?><svg", b"MZ", b"\xFF\xFB\x90\x64", b"%PDF-1.4", b"fLaC",
            // The long tail: each parser behind its magic.
            b"\0\0\0\x0CjP  \r\n\x87\n\0\0\0\x14ftyp", b"\xFF\x4F\xFF\x51", b"8BPS\0\x01",
            b"gimp xcf file\0", b"DDS \x7C\0\0\0", b"\x01\xDA\x01\x01", b"qoif", b"icns",
            b"SIMPLE  =                    T", b"\0\0\x01\0\x01\0", b"\x0A\x05\x01\x08",
            b"P6\n", b"P7\nWIDTH", b"%!PS-Adobe-3.0 EPSF-3.0\n", b"\xC5\xD0\xD3\xC6",
            b"\xD7\xCD\xC6\x9A", b"\x01\0\0\0\x6c\0\0\0", b"II+\0\x08\0\0\0",
            b"Rar!\x1A\x07\x01\0", b"7z\xBC\xAF\x27\x1C", b"\x1F\x8B\x08\0", b"BZh91AY&SY",
            b"\xFD7zXZ\0\0", b"\x28\xB5\x2F\xFD", b"\x89HDF\r\n\x1a\n", b"GRIB\0\0\0\x02",
            b"\x30\x26\xB2\x75\x8E\x66\xCF\x11\xA6\xD9\x00\xAA\x00\x62\xCE\x6C",
            b"FLV\x01\x05\0\0\0\x09", b"\0\0\x01\xBA", b"\x47\x40\0\x10", b"wvpk", b"TTA1",
            b"MAC \x96\x0f", b"tBaK", b"MPCKSH", b"MP+\x17", b"DSD \x1c\0\0\0", b"FRM8",
            b"ADIF", b"\x0B\x77", b"\0\0\0\x20moov",
        ]),
        seed in any::<u64>(),
        len in 0usize..100_000,
    ) {
        let mut data = magic.to_vec();
        data.extend(random_bytes(seed, len));
        let _ = sniff_bytes(&data);
    }
}

proptest! {
    #[test]
    fn declared_types_never_panic(raw in "\\PC{0,80}") {
        let _ = DeclaredType::parse(&raw);
        let _ = compare(Some(&raw), &Sniffed::default());
        let _ = pipes_media_mime::is_active_type(&raw);
    }
}
