//! The Huawei SDK-HMAC-SHA256 signer on arbitrary method, host, path, query,
//! headers, body and keys: no panic, deterministic, canonical forms within
//! their alphabet, canonical URI idempotent, query order irrelevant.
#![no_main]

use arbitrary::Arbitrary;
use cloudphone::huawei::signer::{self, Unsigned};
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
struct Input {
    method: String,
    host: String,
    path: String,
    query: Vec<(String, String)>,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    ak: String,
    sk: Vec<u8>,
    date: Option<String>,
}

fn canonical_ok(s: &str, extra: &[u8]) {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == b'%' {
            assert!(
                i + 2 < b.len()
                    && b[i + 1].is_ascii_hexdigit()
                    && b[i + 2].is_ascii_hexdigit()
                    && !b[i + 1].is_ascii_lowercase()
                    && !b[i + 2].is_ascii_lowercase(),
                "bad escape in {s:?}"
            );
            i += 3;
            continue;
        }
        assert!(
            c.is_ascii_alphanumeric() || b"-_.~".contains(&c) || extra.contains(&c),
            "byte {c:#x} left unencoded in {s:?}"
        );
        i += 1;
    }
}

fuzz_target!(|input: Input| {
    let uri = signer::canonical_uri(&input.path);
    assert!(uri.ends_with('/'));
    canonical_ok(&uri, b"/");
    assert_eq!(
        signer::canonical_uri(&uri),
        uri,
        "canonical URI not idempotent"
    );

    let q = signer::canonical_query(&input.query);
    canonical_ok(&q, b"&=");
    let mut reversed = input.query.clone();
    reversed.reverse();
    assert_eq!(signer::canonical_query(&reversed), q, "query order matters");
    if !input.query.is_empty() {
        assert_eq!(q.matches('&').count(), input.query.len() - 1);
    }

    let mut headers = input.headers.clone();
    if let Some(d) = &input.date {
        headers.push(("X-Sdk-Date".to_owned(), d.clone()));
    }
    let has_date = headers
        .iter()
        .any(|(n, _)| n.eq_ignore_ascii_case("x-sdk-date"));
    let unsigned = Unsigned {
        method: input.method.clone(),
        host: input.host.clone(),
        path: input.path.clone(),
        query: input.query.clone(),
        headers,
        body: input.body.clone(),
    };
    let (mut a, mut b) = (unsigned.clone(), unsigned);
    let ra = signer::sign(&mut a, &input.ak, &input.sk);
    let rb = signer::sign(&mut b, &input.ak, &input.sk);
    match (ra, rb) {
        (Ok(sa), Ok(sb)) => {
            assert!(has_date);
            assert_eq!(sa, sb, "signature not deterministic");
            assert_eq!(a.headers, b.headers);
            assert_eq!(sa.signature.len(), 64);
            assert!(
                sa.signature
                    .bytes()
                    .all(|c| matches!(c, b'0'..=b'9' | b'a'..=b'f'))
            );
            assert!(sa.authorization.starts_with("SDK-HMAC-SHA256 Access="));
            assert!(sa.authorization.ends_with(&sa.signature));
            assert_eq!(sa.canonical_query, q);
            if !a.headers.iter().any(|(n, _)| n.contains(';')) {
                let names: Vec<&str> = sa.signed_headers.split(';').collect();
                assert!(
                    names.windows(2).all(|w| w[0] <= w[1]),
                    "signed headers unsorted"
                );
            }
            assert!(
                a.headers
                    .iter()
                    .any(|(n, _)| n.eq_ignore_ascii_case("host"))
            );
            assert_eq!(a.headers.last().unwrap().0, "Authorization");
            // The Debug form never shows the signature.
            assert!(!format!("{sa:?}").contains(&sa.signature));
        }
        (Err(ea), Err(eb)) => {
            assert!(!has_date, "signing failed with a date: {ea}");
            assert_eq!(ea, eb);
            assert_eq!(ea.kind(), cloudphone::ErrorKind::InvalidInput);
        }
        _ => panic!("signature not deterministic"),
    }
});
