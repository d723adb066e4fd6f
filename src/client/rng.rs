//! Randomness for trace ids and backoff jitter, from the standard library
//! alone: SipHash keyed by the OS-seeded [`RandomState`] over a process-wide
//! counter. The output is unpredictable without the keys and never repeats
//! within a process, which is all trace ids (GeeLark derives its `nonce` from
//! them; the signature's secret is the API key) and jitter need. It is not a
//! source of key material.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};

static KEYS: OnceLock<RandomState> = OnceLock::new();
static COUNTER: AtomicU64 = AtomicU64::new(0);

/// The next 64 random-looking bits.
pub(crate) fn next_u64() -> u64 {
    let keys = KEYS.get_or_init(RandomState::new);
    let mut h = keys.build_hasher();
    h.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    h.finish()
}

/// A fresh 32-character upper-case hex trace id.
pub(crate) fn trace_id() -> String {
    let mut bytes = [0u8; 16];
    bytes[..8].copy_from_slice(&next_u64().to_le_bytes());
    bytes[8..].copy_from_slice(&next_u64().to_le_bytes());
    crate::format_trace_id(bytes)
}

/// A uniform float in `[0, 1)`.
pub(crate) fn unit() -> f64 {
    (next_u64() >> 11) as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trace_ids_are_distinct_and_well_formed() {
        let mut seen = std::collections::HashSet::new();
        for _ in 0..1000 {
            let t = trace_id();
            assert_eq!(t.len(), 32);
            assert!(
                t.bytes()
                    .all(|b| b.is_ascii_digit() || b.is_ascii_uppercase())
            );
            assert!(seen.insert(t));
        }
        for _ in 0..1000 {
            let u = unit();
            assert!((0.0..1.0).contains(&u));
        }
    }
}
