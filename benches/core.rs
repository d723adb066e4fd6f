//! Core benchmarks (issue 2, item 10): sign each provider's request and parse
//! the neutral fixtures in `../shared/bench/fixtures/`.
//!
//! `cargo bench --bench core`; `scripts/bench_core.sh` runs this beside the
//! Python peers (`../shared/bench/peer_*_python.py`) and prints the ratios.
//! Medians land in `target/criterion/<group>/<name>/new/estimates.json`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};

use cloudphone::huawei::signer::{self, Unsigned};
use cloudphone::huawei::{self, ClientType, DEFAULT_USER_AGENT, ShowConnectInfos};
use cloudphone::{Context, Operation, Response, geelark};

// The same credentials as ../shared/bench/peer_huawei_python.py.
const AK: &str = "HPUAEXAMPLEAK0000001";
const SK: &str = "ExampleSecretKey0123456789abcdefghijklmn";
const PID: &str = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
const REGION: &str = "cn-north-4";
// GeeLark's documented key-mode example credentials (as in peer_geelark_python.py).
const APP_ID: &str = "eH6gQR4oHr3FsZpI36La01IW";
const API_KEY: &str = "YjmFIUuq0oJgSDJ42fxLEb6R1qjjqf";
const TRACE_ID: &str = "3A828159C9D22950EB25F8A1FC2E6A59";
const NOW_MS: u64 = 1_716_972_892_166;

const HUAWEI_FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/bench/fixtures/huawei_batch_connection_10.json"
);
const GEELARK_FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/bench/fixtures/geelark_status_100.json"
);

fn load(path: &str) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("cannot read the bench fixture {path}: {e}"))
}

fn huawei(c: &mut Criterion) {
    let config = huawei::Config::for_region(REGION, PID, huawei::Auth::aksk(AK, SK)).unwrap();
    let ids: Vec<String> = (0..10).map(|i| format!("{i:032x}")).collect();
    let op = ShowConnectInfos::new(ids.iter().cloned(), ClientType::Android).unwrap();
    let ctx = Context::new(&config, NOW_MS, "trace");

    // The signer alone, on exactly what `build` hands it.
    let request = op.build(&ctx).unwrap();
    let prepared = Unsigned {
        method: "POST".to_owned(),
        host: config.endpoint().authority().to_owned(),
        path: format!("/v1/{PID}/cloud-phone/phones/batch-connection"),
        query: Vec::new(),
        headers: vec![
            ("Content-Type".to_owned(), "application/json".to_owned()),
            ("User-Agent".to_owned(), DEFAULT_USER_AGENT.to_owned()),
            ("X-Project-Id".to_owned(), PID.to_owned()),
            ("X-Sdk-Date".to_owned(), cloudphone::time::sdk_date(NOW_MS)),
        ],
        body: request.body.clone(),
    };
    // The prepared request must be the one `build` signs: same Authorization.
    let sig = signer::sign(&mut prepared.clone(), AK, SK.as_bytes()).unwrap();
    assert_eq!(
        Some(sig.authorization.as_str()),
        request.header("authorization")
    );

    let mut g = c.benchmark_group("huawei");
    g.bench_function("build_batch_connection_10", |b| {
        b.iter(|| black_box(&op).build(black_box(&ctx)).unwrap())
    });
    g.bench_function("sign_batch_connection", |b| {
        b.iter_batched(
            || prepared.clone(),
            |mut req| signer::sign(&mut req, black_box(AK), black_box(SK.as_bytes())).unwrap(),
            BatchSize::SmallInput,
        )
    });

    let response = Response::new(200, load(HUAWEI_FIXTURE));
    let out = op.parse(&response).expect("the Huawei fixture must parse");
    assert_eq!(out.connect_infos.len(), 8, "connect_infos in the fixture");
    assert_eq!(out.errors.len(), 2, "errors in the fixture");
    g.bench_function("parse_batch_connection_10", |b| {
        b.iter(|| black_box(&op).parse(black_box(&response)).unwrap())
    });
    // The floor: serde_json reading the same body and keeping nothing.
    g.bench_function("floor_ignored_any_batch_connection_10", |b| {
        b.iter(|| {
            serde_json::from_slice::<serde::de::IgnoredAny>(black_box(&response.body)).unwrap()
        })
    });
    g.finish();
}

fn geelark(c: &mut Criterion) {
    let config = geelark::Config::global(geelark::Auth::key(APP_ID, API_KEY)).unwrap();
    let ids: Vec<String> = (0..100u64)
        .map(|i| (100_000_000_000_000_000 + i).to_string())
        .collect();
    let op = geelark::GetPhoneStatus::new(ids).unwrap();
    let ctx = Context::new(&config, NOW_MS, TRACE_ID);
    let ts = NOW_MS.to_string();
    let nonce = geelark::nonce(TRACE_ID).unwrap();

    let request = op.build(&ctx).unwrap();
    assert_eq!(
        request.header("sign"),
        Some(geelark::sign(APP_ID, TRACE_ID, &ts, nonce, API_KEY).as_str())
    );

    let mut g = c.benchmark_group("geelark");
    g.bench_function("sign_key_mode", |b| {
        b.iter(|| {
            geelark::sign(
                black_box(APP_ID),
                black_box(TRACE_ID),
                black_box(&ts),
                black_box(nonce),
                black_box(API_KEY),
            )
        })
    });
    g.bench_function("build_status_100", |b| {
        b.iter(|| black_box(&op).build(black_box(&ctx)).unwrap())
    });

    let response = Response::new(200, load(GEELARK_FIXTURE));
    let report = op.parse(&response).expect("the GeeLark fixture must parse");
    assert_eq!(report.phones.len(), 95, "successDetails in the fixture");
    assert_eq!(report.failures.len(), 5, "failDetails in the fixture");
    g.bench_function("parse_status_100", |b| {
        b.iter(|| black_box(&op).parse(black_box(&response)).unwrap())
    });
    g.bench_function("floor_ignored_any_status_100", |b| {
        b.iter(|| {
            serde_json::from_slice::<serde::de::IgnoredAny>(black_box(&response.body)).unwrap()
        })
    });
    g.finish();
}

fn config() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .sample_size(100)
}

criterion_group! {
    name = benches;
    config = config();
    targets = huawei, geelark
}
criterion_main!(benches);
