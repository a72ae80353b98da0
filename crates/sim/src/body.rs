//! Media bodies: where the bytes come from, and the chunked stream the storage listener sends.

use std::io::{self, Read};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use bytes::{Bytes, BytesMut};
use futures_util::Stream;
use sha2::{Digest, Sha256};
use tokio::time::Instant;

use crate::stats::Counters;

/// The size of the chunks bodies are streamed in (256 KiB).
pub const CHUNK_SIZE: usize = 256 * 1024;

/// Where a stored media's bytes come from.
#[derive(Debug, Clone)]
pub(crate) enum Source {
    /// Bytes given in code.
    Bytes(Bytes),
    /// A file, opened at every request and streamed.
    File(PathBuf),
    /// Deterministic pseudo-random bytes computed on the fly.
    Generated {
        /// Length in bytes.
        len: u64,
        /// Seed of [`fill_generated`].
        seed: u64,
    },
}

/// An opened source, positioned at the first byte to send.
pub(crate) enum Reader {
    Bytes(Bytes),
    /// An open file at the read position, shared with the blocking read in flight.
    File(Arc<std::fs::File>),
    Generated(u64),
}

#[inline]
fn mix(seed: u64, word: u64) -> u64 {
    // splitmix64 finaliser over a counter: random access, so a Range request can start anywhere.
    let mut z = (seed ^ 0x5851_f42d_4c95_7f2d)
        .wrapping_add(word.wrapping_add(1).wrapping_mul(0x9e37_79b9_7f4a_7c15));
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Fills `buf` with the bytes of generated media `seed` starting at byte `offset`.
///
/// Byte `i` of the media is byte `i % 8` (little-endian) of a splitmix64 hash of `seed` and
/// `i / 8`, so any range can be produced without the bytes before it. The sequence is stable:
/// tests may store hashes of it (see [`generated_sha256`]).
pub fn fill_generated(seed: u64, offset: u64, buf: &mut [u8]) {
    let mut pos = offset;
    let mut rest = buf;
    // Unaligned head.
    let head = ((8 - pos % 8) % 8) as usize;
    if head > 0 {
        let n = head.min(rest.len());
        let word = mix(seed, pos / 8).to_le_bytes();
        let start = (pos % 8) as usize;
        let (first, tail) = rest.split_at_mut(n);
        first.copy_from_slice(&word[start..start + n]);
        rest = tail;
        pos += n as u64;
    }
    let mut word_index = pos / 8;
    let mut chunks = rest.chunks_exact_mut(8);
    for chunk in &mut chunks {
        chunk.copy_from_slice(&mix(seed, word_index).to_le_bytes());
        word_index += 1;
    }
    let tail = chunks.into_remainder();
    if !tail.is_empty() {
        let word = mix(seed, word_index).to_le_bytes();
        let n = tail.len();
        tail.copy_from_slice(&word[..n]);
    }
}

/// The lowercase hex SHA-256 of generated media of `len` bytes and `seed`
/// ([`crate::MediaSpec::generated`]), computed by streaming (constant memory).
pub fn generated_sha256(len: u64, seed: u64) -> String {
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; CHUNK_SIZE];
    let mut pos = 0u64;
    while pos < len {
        let n = usize::try_from(len - pos)
            .unwrap_or(CHUNK_SIZE)
            .min(CHUNK_SIZE);
        let chunk = &mut buf[..n];
        fill_generated(seed, pos, chunk);
        hasher.update(&*chunk);
        pos += n as u64;
    }
    hex::encode(hasher.finalize())
}

/// How a body stream behaves.
pub(crate) struct BodyPlan {
    /// First byte to send (offset into the media).
    pub(crate) start: u64,
    /// One past the last byte the response promises.
    pub(crate) end: u64,
    /// Stop after half of the promised bytes and abort the connection (truncation fault).
    pub(crate) truncate: bool,
    /// Throttle to this many bytes per second.
    pub(crate) bytes_per_sec: Option<u64>,
    /// Send this many bytes, then go silent with the connection open (stall fault).
    pub(crate) stall_after: Option<u64>,
}

/// How long a stalled body stays silent before the simulator gives up on it: longer than any
/// test waits, short enough that a forgotten connection does not live for ever.
const STALL: Duration = Duration::from_secs(3600);

struct BodyState {
    reader: Reader,
    pos: u64,
    stop: u64,
    abort_at_stop: bool,
    done: bool,
    chunk: usize,
    throttle: Option<(u64, Instant, u64)>,
    /// Where the stall fault stops sending (an offset into the media).
    stall_at: Option<u64>,
    counters: Arc<Counters>,
}

/// The body stream: chunks of at most [`CHUNK_SIZE`] bytes from `reader`, which is positioned
/// at `plan.start`.
pub(crate) fn stream(
    reader: Reader,
    plan: BodyPlan,
    counters: Arc<Counters>,
) -> impl Stream<Item = io::Result<Bytes>> + Send + 'static {
    let stop = if plan.truncate {
        plan.start + (plan.end - plan.start) / 2
    } else {
        plan.end
    };
    let chunk = match plan.bytes_per_sec {
        Some(bps) => usize::try_from(bps / 20)
            .unwrap_or(CHUNK_SIZE)
            .clamp(1, CHUNK_SIZE),
        None => CHUNK_SIZE,
    };
    let state = BodyState {
        reader,
        pos: plan.start,
        stop,
        abort_at_stop: plan.truncate,
        done: false,
        chunk,
        throttle: plan
            .bytes_per_sec
            .map(|bps| (bps.max(1), Instant::now(), 0)),
        stall_at: plan.stall_after.map(|n| plan.start.saturating_add(n)),
        counters,
    };
    futures_util::stream::unfold(state, |mut st| async move {
        if st.done {
            return None;
        }
        if st.pos >= st.stop {
            st.done = true;
            if st.abort_at_stop {
                return Some((Err(io::Error::other("body truncated by fault")), st));
            }
            return None;
        }
        let mut limit = st.stop;
        if let Some(stall_at) = st.stall_at {
            if st.pos >= stall_at {
                tokio::time::sleep(STALL).await;
                st.done = true;
                return Some((Err(io::Error::other("stalled body given up")), st));
            }
            limit = limit.min(stall_at);
        }
        let want = usize::try_from(limit - st.pos)
            .unwrap_or(st.chunk)
            .min(st.chunk);
        let bytes = match next_chunk(&mut st.reader, st.pos, want).await {
            Ok(bytes) => bytes,
            Err(err) => {
                st.done = true;
                return Some((Err(err), st));
            }
        };
        let n = bytes.len() as u64;
        st.pos += n;
        st.counters.add_bytes_served(n);
        if let Some((bps, start, sent)) = &mut st.throttle {
            *sent += n;
            let due = *start + Duration::from_secs_f64(*sent as f64 / *bps as f64);
            tokio::time::sleep_until(due).await;
        }
        Some((Ok(bytes), st))
    })
}

async fn next_chunk(reader: &mut Reader, pos: u64, want: usize) -> io::Result<Bytes> {
    match reader {
        Reader::Bytes(bytes) => {
            let start = usize::try_from(pos).map_err(io::Error::other)?;
            let end = start.saturating_add(want).min(bytes.len());
            if start >= end {
                return Err(io::Error::new(
                    io::ErrorKind::UnexpectedEof,
                    "media shorter than promised",
                ));
            }
            Ok(bytes.slice(start..end))
        }
        Reader::File(file) => {
            // One blocking read straight into the chunk (std reads into spare capacity without
            // zeroing it): no second buffer to copy through, one hop to the blocking pool.
            let file = Arc::clone(file);
            let chunk = tokio::task::spawn_blocking(move || {
                let mut chunk = Vec::with_capacity(want);
                (&*file)
                    .take(want as u64)
                    .read_to_end(&mut chunk)
                    .map(|_| chunk)
            })
            .await
            .map_err(io::Error::other)??;
            if chunk.is_empty() {
                return Err(io::Error::new(
                    io::ErrorKind::UnexpectedEof,
                    "file shorter than promised",
                ));
            }
            Ok(Bytes::from(chunk))
        }
        Reader::Generated(seed) => {
            let mut buf = BytesMut::zeroed(want);
            fill_generated(*seed, pos, &mut buf);
            Ok(buf.freeze())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_bytes_are_the_same_from_any_offset() {
        let mut whole = vec![0u8; 1000];
        fill_generated(7, 0, &mut whole);
        for (offset, len) in [
            (0usize, 1usize),
            (1, 7),
            (3, 20),
            (8, 8),
            (13, 987),
            (999, 1),
        ] {
            let mut part = vec![0u8; len];
            fill_generated(7, offset as u64, &mut part);
            assert_eq!(
                part,
                whole[offset..offset + len],
                "offset {offset} len {len}"
            );
        }
        let mut other = vec![0u8; 1000];
        fill_generated(8, 0, &mut other);
        assert_ne!(whole, other);
    }

    #[test]
    fn generated_hash_matches_a_direct_hash() {
        let len = CHUNK_SIZE as u64 + 12_345;
        let mut all = vec![0u8; len as usize];
        fill_generated(42, 0, &mut all);
        assert_eq!(generated_sha256(len, 42), hex::encode(Sha256::digest(&all)));
        assert_eq!(
            generated_sha256(0, 1),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }
}
