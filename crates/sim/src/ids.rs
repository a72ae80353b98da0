//! Random identifiers and the presigned-URL signature.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};

use sha2::{Digest, Sha256};

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";

/// 64 random bits from std's randomly keyed SipHash over a process-wide counter and the time.
/// Good enough for ids and a per-simulator secret; not a CSPRNG.
pub(crate) fn random_u64() -> u64 {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut hasher = RandomState::new().build_hasher();
    hasher.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    hasher.write_u128(nanos);
    hasher.finish()
}

/// `len` random characters of `A–Z a–z 0–9 _ -` (protocol A14).
pub(crate) fn random_id(len: usize) -> String {
    let mut out = String::with_capacity(len);
    let mut bits = 0u64;
    let mut left = 0;
    for _ in 0..len {
        if left == 0 {
            bits = random_u64();
            left = 10;
        }
        out.push(char::from(ALPHABET[(bits & 63) as usize]));
        bits >>= 6;
        left -= 1;
    }
    out
}

/// A 21-character media id.
pub(crate) fn media_id() -> String {
    random_id(21)
}

/// A unique message id, `msg_` and 16 characters.
pub(crate) fn message_id() -> String {
    format!("msg_{}", random_id(16))
}

/// A version-4-shaped UUID string.
pub(crate) fn uuid() -> String {
    let a = random_u64();
    let b = random_u64();
    format!(
        "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
        a >> 32,
        (a >> 16) & 0xffff,
        a & 0x0fff,
        0x8000 | (b >> 48) & 0x3fff,
        b & 0xffff_ffff_ffff
    )
}

/// A per-simulator signing secret.
pub(crate) fn secret() -> [u8; 32] {
    let mut out = [0u8; 32];
    for chunk in out.chunks_exact_mut(8) {
        chunk.copy_from_slice(&random_u64().to_le_bytes());
    }
    out
}

/// The presigned URL signature: SHA-256 over secret, token and expiry, 32 hex digits.
pub(crate) fn sign(secret: &[u8; 32], token: &str, exp: i64) -> String {
    let mut hasher = Sha256::new();
    hasher.update(secret);
    hasher.update(token.as_bytes());
    hasher.update(b"\n");
    hasher.update(exp.to_string().as_bytes());
    let digest = hasher.finalize();
    hex::encode(&digest[..16])
}

/// Compares two strings without an early exit.
pub(crate) fn constant_time_eq(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// FNV-1a, for stable derived ids (default conversation ids).
pub(crate) fn fnv1a(parts: &[&str]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for byte in part.bytes().chain(std::iter::once(0)) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn media_ids_have_21_valid_characters_and_differ() {
        let a = media_id();
        let b = media_id();
        assert_eq!(a.len(), 21);
        assert_ne!(a, b);
        assert!(a
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || c == b'_' || c == b'-'));
    }

    #[test]
    fn uuid_is_shaped_like_one() {
        let u = uuid();
        assert_eq!(u.len(), 36);
        assert_eq!(u.matches('-').count(), 4);
    }

    #[test]
    fn signatures_depend_on_every_input() {
        let s = secret();
        let sig = sign(&s, "tok", 10);
        assert!(constant_time_eq(&sig, &sign(&s, "tok", 10)));
        assert!(!constant_time_eq(&sig, &sign(&s, "tok", 11)));
        assert!(!constant_time_eq(&sig, &sign(&s, "tok2", 10)));
        assert!(!constant_time_eq(&sig, &sign(&secret(), "tok", 10)));
    }
}
