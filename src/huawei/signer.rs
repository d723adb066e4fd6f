//! Huawei Cloud API Gateway `SDK-HMAC-SHA256` request signing, byte-for-byte
//! as the official SDK core computes it (`huaweicloudsdkcore` 3.1.219,
//! `signer/signer.py`). `tests/huawei_signer.rs` checks every step against
//! vectors produced by that signer (`scripts/gen_huawei_sign_vectors.sh`).
//!
//! The algorithm, in the official signer's terms:
//! 1. Canonical URI: percent-decode the whole path, split on `/`, encode each
//!    segment keeping only `A-Z a-z 0-9 - _ . ~`, re-join, and end with `/`.
//! 2. Canonical query: (key, value) pairs sorted by the *raw* key then raw
//!    value, each encoded like a segment, `k=v` joined with `&`. This string is
//!    also the query sent on the wire.
//! 3. Signed headers: every header whose name has no `_`, lower-cased and
//!    sorted; canonical headers `name:trimmed value\n` in that order. `Host`
//!    is added first if absent.
//! 4. Payload hash: hex SHA-256 of the body (of "" when empty), or the
//!    literal `UNSIGNED-PAYLOAD` for non-JSON content types.
//! 5. `SDK-HMAC-SHA256\n{X-Sdk-Date}\n{hex sha256(canonical request)}`, signed
//!    with HMAC-SHA256 keyed by the secret key (no key derivation).

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

use crate::error::{Result, invalid};
use crate::hex;

/// The algorithm name that starts the `Authorization` header.
pub const ALGORITHM: &str = "SDK-HMAC-SHA256";
/// SHA-256 of the empty string, the payload hash of a body-less request.
pub const EMPTY_PAYLOAD_HASH: &str =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
const UNSIGNED_PAYLOAD: &str = "UNSIGNED-PAYLOAD";

/// A request about to be signed: the parts the signature covers.
#[derive(Clone, Debug, Default)]
pub struct Unsigned {
    /// Method (upper-cased for the canonical request).
    pub method: String,
    /// `host[:port]` from the endpoint; becomes the `Host` header if none is set.
    pub host: String,
    /// The path as it will be sent (already percent-encoded where needed).
    pub path: String,
    /// Query parameters, unencoded, in any order; repeat a key for a list.
    pub query: Vec<(String, String)>,
    /// Headers; must already include `X-Sdk-Date`.
    pub headers: Vec<(String, String)>,
    /// The exact body bytes that will be sent.
    pub body: Vec<u8>,
}

/// The intermediate and final values of one signature (kept for tests and
/// for hosts that want to log what was signed).
#[derive(Clone, PartialEq, Eq)]
pub struct Signature {
    /// The canonical request.
    pub canonical_request: String,
    /// The string to sign.
    pub string_to_sign: String,
    /// `;`-joined lower-case names of the signed headers.
    pub signed_headers: String,
    /// The canonical query string (also the query sent).
    pub canonical_query: String,
    /// Lower-case hex HMAC-SHA256 signature.
    pub signature: String,
    /// The `Authorization` header value.
    pub authorization: String,
}

impl std::fmt::Debug for Signature {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Signature")
            .field("canonical_request", &self.canonical_request)
            .field("signed_headers", &self.signed_headers)
            .field("signature", &"** redacted **")
            .finish()
    }
}

/// Whether a byte stays as-is in the canonical URI and query.
fn is_unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~')
}

/// Percent-encodes everything but the unreserved set (upper-case hex).
pub(crate) fn encode_into(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for &b in s.as_bytes() {
        if is_unreserved(b) {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(HEX[(b >> 4) as usize] as char);
            out.push(HEX[(b & 15) as usize] as char);
        }
    }
}

fn hex_val(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Python's `urllib.parse.unquote`: `%XX` sequences become bytes, anything
/// else stays, and the bytes are read as UTF-8 with U+FFFD for invalid runs.
fn percent_decode(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains('%') {
        return s.into();
    }
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            if let (Some(h), Some(l)) = (hex_val(b[i + 1]), hex_val(b[i + 2])) {
                out.push(h << 4 | l);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned().into()
}

/// The canonical URI of a path (step 1).
pub fn canonical_uri(path: &str) -> String {
    let decoded = percent_decode(path);
    let mut out = String::with_capacity(decoded.len() + 8);
    for (i, seg) in decoded.split('/').enumerate() {
        if i > 0 {
            out.push('/');
        }
        encode_into(&mut out, seg);
    }
    if !out.ends_with('/') {
        out.push('/');
    }
    out
}

/// The canonical query string (step 2): raw sort, then encode.
pub fn canonical_query(query: &[(String, String)]) -> String {
    let mut pairs: Vec<&(String, String)> = query.iter().collect();
    pairs.sort_unstable();
    let mut out = String::new();
    for (i, (k, v)) in pairs.into_iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        encode_into(&mut out, k);
        out.push('=');
        encode_into(&mut out, v);
    }
    out
}

/// Signs `req` with the access key `ak` and secret key `sk`, adding the
/// headers the official signer adds (`X-Sdk-Content-Sha256` for non-JSON
/// content, `Host` when absent, then `Authorization`), in its order.
///
/// The request must carry an `X-Sdk-Date` header: the core reads no clock.
pub fn sign(req: &mut Unsigned, ak: &str, sk: &[u8]) -> Result<Signature> {
    let date = req
        .headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("x-sdk-date"))
        .map(|(_, v)| v.clone())
        .ok_or_else(|| invalid("headers", "X-Sdk-Date is required before signing"))?;

    // The official signer sends (and signs) every value trimmed.
    for (_, v) in req.headers.iter_mut() {
        let t = v.trim();
        if t.len() != v.len() {
            *v = t.to_owned();
        }
    }
    // The official signer looks the content type up by its exact name.
    let unsigned_payload = req.headers.iter().any(|(n, v)| {
        n == "Content-Type"
            && !v.is_empty()
            && !v.starts_with("application/json")
            && !v.starts_with("application/bson")
    });
    if unsigned_payload {
        req.headers.push((
            "X-Sdk-Content-Sha256".to_owned(),
            UNSIGNED_PAYLOAD.to_owned(),
        ));
    }
    if !req
        .headers
        .iter()
        .any(|(n, _)| n.eq_ignore_ascii_case("host"))
    {
        req.headers.push(("Host".to_owned(), req.host.clone()));
    }

    // Signed headers: lower-case names without '_', sorted.
    let mut signed: Vec<(String, &str)> = req
        .headers
        .iter()
        .filter(|(n, _)| !n.contains('_'))
        .map(|(n, v)| (n.to_ascii_lowercase(), v.as_str()))
        .collect();
    signed.sort_by(|a, b| a.0.cmp(&b.0));

    let payload_hash = if req.body.is_empty() {
        EMPTY_PAYLOAD_HASH.to_owned()
    } else if unsigned_payload {
        UNSIGNED_PAYLOAD.to_owned()
    } else {
        hex::lower(&Sha256::digest(&req.body))
    };

    let canonical_query = canonical_query(&req.query);
    let mut cr = String::with_capacity(256 + req.path.len() + canonical_query.len());
    cr.push_str(&req.method.to_ascii_uppercase());
    cr.push('\n');
    cr.push_str(&canonical_uri(&req.path));
    cr.push('\n');
    cr.push_str(&canonical_query);
    cr.push('\n');
    for (n, v) in &signed {
        cr.push_str(n);
        cr.push(':');
        cr.push_str(v);
        cr.push('\n');
    }
    cr.push('\n');
    let mut signed_headers = String::with_capacity(64);
    for (i, (n, _)) in signed.iter().enumerate() {
        if i > 0 {
            signed_headers.push(';');
        }
        signed_headers.push_str(n);
    }
    cr.push_str(&signed_headers);
    cr.push('\n');
    cr.push_str(&payload_hash);

    let mut sts = String::with_capacity(ALGORITHM.len() + date.len() + 66);
    sts.push_str(ALGORITHM);
    sts.push('\n');
    sts.push_str(&date);
    sts.push('\n');
    hex::push_lower(&mut sts, &Sha256::digest(cr.as_bytes()));

    // HMAC accepts keys of any length; this cannot fail.
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(sk)
        .map_err(|_| invalid("secret_key", "cannot key HMAC-SHA256"))?;
    mac.update(sts.as_bytes());
    let signature = hex::lower(&mac.finalize().into_bytes());

    let authorization =
        format!("{ALGORITHM} Access={ak}, SignedHeaders={signed_headers}, Signature={signature}");
    req.headers
        .push(("Authorization".to_owned(), authorization.clone()));
    Ok(Signature {
        canonical_request: cr,
        string_to_sign: sts,
        signed_headers,
        canonical_query,
        signature,
        authorization,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uri_rules() {
        assert_eq!(canonical_uri("/"), "/");
        assert_eq!(canonical_uri("/v1/p/phones"), "/v1/p/phones/");
        assert_eq!(canonical_uri("/v1/p/phones/"), "/v1/p/phones/");
        assert_eq!(canonical_uri("/a%2Fb"), "/a/b/");
        assert_eq!(canonical_uri("/100%"), "/100%25/");
        assert_eq!(canonical_uri("/x%3ay"), "/x%3Ay/");
        assert_eq!(canonical_uri("/%zz%4"), "/%25zz%254/");
        assert_eq!(canonical_uri("/a b/手"), "/a%20b/%E6%89%8B/");
    }
}
