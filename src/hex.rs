//! Hex encoding for digests (a table lookup; no allocation beyond the output).

const LOWER: &[u8; 16] = b"0123456789abcdef";
const UPPER: &[u8; 16] = b"0123456789ABCDEF";

fn push(out: &mut String, bytes: &[u8], table: &[u8; 16]) {
    out.reserve(bytes.len() * 2);
    for &b in bytes {
        out.push(table[(b >> 4) as usize] as char);
        out.push(table[(b & 15) as usize] as char);
    }
}

/// Appends lowercase hex.
pub(crate) fn push_lower(out: &mut String, bytes: &[u8]) {
    push(out, bytes, LOWER);
}

/// Appends uppercase hex.
pub(crate) fn push_upper(out: &mut String, bytes: &[u8]) {
    push(out, bytes, UPPER);
}

/// Lowercase hex of `bytes`.
pub(crate) fn lower(bytes: &[u8]) -> String {
    let mut s = String::new();
    push_lower(&mut s, bytes);
    s
}
