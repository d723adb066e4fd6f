//! GeeLark key-mode `nonce` and `sign` on arbitrary strings, and a whole
//! key-mode request build with an arbitrary trace id, time and credentials:
//! the `sign` header is the documented hash of what was sent.
#![no_main]

use arbitrary::Arbitrary;
use cloudphone::geelark::{self, GetPhoneStatus};
use cloudphone::{Context, Operation};
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
struct Input {
    app_id: String,
    api_key: String,
    trace_id: String,
    ts: String,
    now_ms: u64,
    ids: Vec<String>,
}

fuzz_target!(|input: Input| {
    match geelark::nonce(&input.trace_id) {
        Ok(n) => {
            assert_eq!(n.chars().count(), 6);
            assert!(input.trace_id.starts_with(n));
        }
        Err(e) => {
            assert!(input.trace_id.chars().count() < 6);
            assert_eq!(e.kind(), cloudphone::ErrorKind::InvalidInput);
        }
    }
    let nonce = input.trace_id.chars().take(6).collect::<String>();
    let s1 = geelark::sign(
        &input.app_id,
        &input.trace_id,
        &input.ts,
        &nonce,
        &input.api_key,
    );
    let s2 = geelark::sign(
        &input.app_id,
        &input.trace_id,
        &input.ts,
        &nonce,
        &input.api_key,
    );
    assert_eq!(s1, s2);
    assert_eq!(s1.len(), 64);
    assert!(s1.bytes().all(|c| matches!(c, b'0'..=b'9' | b'A'..=b'F')));

    let Ok(config) = geelark::Config::global(geelark::Auth::key(&input.app_id, &input.api_key))
    else {
        return;
    };
    let Ok(op) = GetPhoneStatus::new(input.ids.clone()) else {
        return;
    };
    let Ok(req) = op.build(&Context::new(&config, input.now_ms, &input.trace_id)) else {
        return;
    };
    for (n, v) in &req.headers {
        assert!(
            !n.bytes().any(|b| b.is_ascii_control()),
            "control byte in a header name"
        );
        assert!(
            !v.bytes().any(|b| b.is_ascii_control() && b != b'\t'),
            "control byte in header {n}"
        );
    }
    let h = |name: &str| {
        req.header(name)
            .unwrap_or_else(|| panic!("no {name} header"))
    };
    assert_eq!(h("traceId"), input.trace_id);
    let nonce = geelark::nonce(&input.trace_id).unwrap();
    assert_eq!(h("nonce"), nonce);
    assert_eq!(
        h("sign"),
        geelark::sign(
            &input.app_id,
            &input.trace_id,
            h("ts"),
            nonce,
            &input.api_key
        )
    );
    let _: serde_json::Value = serde_json::from_slice(&req.body).expect("body is JSON");
    assert!(
        !format!("{req:?}").contains(h("sign")),
        "Debug shows the sign"
    );
});
