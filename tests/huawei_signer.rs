//! The Huawei signer against the official one: every vector in
//! `tests/fixtures/huawei/sign_vectors.json` was signed by
//! `huaweicloudsdkcore`'s own `Signer` (`scripts/gen_huawei_sign_vectors.sh`),
//! and each intermediate value and the final headers must match to the byte.

use cloudphone::huawei::signer::{Unsigned, canonical_query, canonical_uri, sign};
use serde_json::Value;

fn load() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/huawei/sign_vectors.json"
    );
    serde_json::from_str(&std::fs::read_to_string(path).expect("vectors present")).expect("JSON")
}

fn s(v: &Value) -> String {
    v.as_str().expect("string").to_owned()
}

/// Query values as the SDK renders them: strings as-is, integers in
/// decimal, booleans as `true`/`false`, lists as repeated keys.
fn query_pairs(q: &Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for pair in q.as_array().unwrap() {
        let k = s(&pair[0]);
        match &pair[1] {
            Value::String(v) => out.push((k, v.clone())),
            Value::Bool(b) => out.push((k, b.to_string())),
            Value::Number(n) => out.push((k, n.to_string())),
            Value::Array(vs) => out.extend(vs.iter().map(|v| (k.clone(), s(v)))),
            other => panic!("unexpected query value {other}"),
        }
    }
    out
}

fn pairs(v: &Value) -> Vec<(String, String)> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|p| (s(&p[0]), s(&p[1])))
        .collect()
}

#[test]
fn matches_the_official_signer() {
    let doc = load();
    let vectors = doc["vectors"].as_array().unwrap();
    assert!(vectors.len() >= 20, "at least 20 vectors");
    for v in vectors {
        let name = v["name"].as_str().unwrap();
        let input = &v["input"];
        let out = &v["output"];
        let mut headers = pairs(&input["headers"]);
        if !headers
            .iter()
            .any(|(n, _)| n.eq_ignore_ascii_case("x-sdk-date"))
        {
            headers.push(("X-Sdk-Date".into(), s(&input["sdk_date"])));
        }
        let query = query_pairs(&input["query"]);
        let mut req = Unsigned {
            method: s(&input["method"]),
            host: s(&input["host"]),
            path: s(&input["path"]),
            query: query.clone(),
            headers,
            body: s(&input["body"]).into_bytes(),
        };
        let sig = sign(
            &mut req,
            input["ak"].as_str().unwrap(),
            input["sk"].as_str().unwrap().as_bytes(),
        )
        .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(
            canonical_uri(&req.path),
            s(&out["canonical_uri"]),
            "{name}: canonical URI"
        );
        assert_eq!(
            canonical_query(&query),
            s(&out["canonical_query_string"]),
            "{name}: query"
        );
        assert_eq!(
            sig.canonical_request,
            s(&out["canonical_request"]),
            "{name}: canonical request"
        );
        assert_eq!(
            sig.string_to_sign,
            s(&out["string_to_sign"]),
            "{name}: string to sign"
        );
        assert_eq!(
            sig.signed_headers,
            s(&out["signed_headers"]),
            "{name}: signed headers"
        );
        assert_eq!(sig.signature, s(&out["signature"]), "{name}: signature");
        assert_eq!(
            sig.authorization,
            s(&out["authorization"]),
            "{name}: Authorization"
        );
        assert_eq!(
            req.headers,
            pairs(&out["headers_final"]),
            "{name}: headers sent"
        );
    }
}

/// The public worked example of Huawei's API signing guide.
#[test]
fn signing_guide_example() {
    let mut req = Unsigned {
        method: "GET".into(),
        host: "service.region.example.com".into(),
        path: "/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs".into(),
        query: vec![
            ("limit".into(), "2".into()),
            (
                "marker".into(),
                "13551d6b-755d-4757-b956-536f674975c0".into(),
            ),
        ],
        headers: vec![
            ("Content-Type".into(), "application/json".into()),
            ("X-Sdk-Date".into(), "20191115T033655Z".into()),
        ],
        body: Vec::new(),
    };
    let sig = sign(
        &mut req,
        "QTWAOYTTINDUT2QVKYUC",
        b"MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc",
    )
    .unwrap();
    assert!(
        sig.string_to_sign
            .ends_with("b25362e603ee30f4f25e7858e8a7160fd36e803bb2dfe206278659d71a9bcd7a")
    );
    assert_eq!(
        sig.authorization,
        "SDK-HMAC-SHA256 Access=QTWAOYTTINDUT2QVKYUC, SignedHeaders=content-type;host;x-sdk-date, Signature=7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe"
    );
}

#[test]
fn signing_without_a_date_is_refused() {
    let mut req = Unsigned {
        method: "GET".into(),
        host: "h".into(),
        path: "/".into(),
        ..Default::default()
    };
    let err = sign(&mut req, "AK", b"SK").unwrap_err();
    assert_eq!(err.kind(), cloudphone::ErrorKind::InvalidInput);
}
