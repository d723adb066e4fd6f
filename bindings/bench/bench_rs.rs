//! The Rust path's cost per call, beside `bindings/c/bench.c` (same cases,
//! same fixtures, same timing loop: median ns/op over ROUNDS rounds of about
//! 0.2 s). Each case does the work the C call does, through the Rust API:
//!
//! - build: make the operation from the ids (the C build takes ids as C
//!   strings and makes it too), build the signed request, drop it;
//! - parse: make a `Response` from the body bytes and one header (the C
//!   parse copies them too), parse, drop the output.
//!
//! `parse_only` / `build_only` are the criterion benches' cases
//! (`benches/core.rs`: operation and response made once, outside the loop).
//!
//! Compiled by `bindings/bench/run.sh` with plain rustc against the release
//! rlib cargo built, so both sides use the very same library build.

use std::hint::black_box;
use std::time::Instant;

use cloudphone::huawei::{self, BatchConnection, ClientType};
use cloudphone::{Context, Operation, Response, geelark};

const AK: &str = "HPUAEXAMPLEAK0000001";
const SK: &str = "ExampleSecretKey0123456789abcdefghijklmn";
const PID: &str = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
const APP_ID: &str = "eH6gQR4oHr3FsZpI36La01IW";
const API_KEY: &str = "YjmFIUuq0oJgSDJ42fxLEb6R1qjjqf";
const TRACE_ID: &str = "3A828159C9D22950EB25F8A1FC2E6A59";
const NOW_MS: u64 = 1_716_972_892_166;

fn measure(rounds: usize, mut f: impl FnMut()) -> f64 {
    let mut iters: u64 = 1;
    let per = loop {
        let t0 = Instant::now();
        for _ in 0..iters {
            f();
        }
        let ns = t0.elapsed().as_nanos() as f64;
        if ns > 5e7 {
            break ns;
        }
        iters *= 2;
    };
    let iters = (iters as f64 * 2e8 / per) as u64 + 1;
    let mut times: Vec<f64> = (0..rounds)
        .map(|_| {
            let t0 = Instant::now();
            for _ in 0..iters {
                f();
            }
            t0.elapsed().as_nanos() as f64 / iters as f64
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[rounds / 2]
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let dir = args.get(1).expect("usage: bench_rs FIXTURE_DIR [ROUNDS]");
    let rounds: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(11);
    let hw_body = std::fs::read(format!("{dir}/huawei_batch_connection_10.json")).unwrap();
    let gl_body = std::fs::read(format!("{dir}/geelark_status_100.json")).unwrap();

    let hw = huawei::Config::for_region("cn-north-4", PID, huawei::Auth::aksk(AK, SK)).unwrap();
    let hw_ids: Vec<String> = (0..10).map(|i| format!("{i:032x}")).collect();
    let hw_ctx = Context::new(&hw, NOW_MS, "");
    let hw_op = BatchConnection::new(hw_ids.iter().cloned(), ClientType::Android).unwrap();
    let gl = geelark::Config::global(geelark::Auth::key(APP_ID, API_KEY)).unwrap();
    let gl_ids: Vec<String> = (0..100u64)
        .map(|i| (100_000_000_000_000_000 + i).to_string())
        .collect();
    let gl_ctx = Context::new(&gl, NOW_MS, TRACE_ID);
    let gl_op = geelark::GetPhoneStatus::new(gl_ids.iter().cloned()).unwrap();

    let response =
        |body: &[u8]| Response::new(200, body.to_vec()).with_header("Content-Type", "application/json");
    let hw_resp = response(&hw_body);
    let gl_resp = response(&gl_body);
    assert_eq!(hw_op.parse(&hw_resp).unwrap().connect_infos.len(), 8);
    assert_eq!(gl_op.parse(&gl_resp).unwrap().phones.len(), 95);

    let r = rounds;
    let cases: [(&str, f64); 8] = [
        ("huawei.build_batch_connection_10", measure(r, || {
            let ids: Vec<String> = black_box(&hw_ids).iter().map(|s| s.as_str().to_owned()).collect();
            let op = BatchConnection::new(ids, ClientType::Android).unwrap();
            black_box(op.build(black_box(&hw_ctx)).unwrap());
        })),
        ("huawei.parse_batch_connection_10", measure(r, || {
            black_box(hw_op.parse(&response(black_box(&hw_body))).unwrap());
        })),
        ("geelark.build_status_100", measure(r, || {
            let ids: Vec<String> = black_box(&gl_ids).iter().map(|s| s.as_str().to_owned()).collect();
            let op = geelark::GetPhoneStatus::new(ids).unwrap();
            black_box(op.build(black_box(&gl_ctx)).unwrap());
        })),
        ("geelark.parse_status_100", measure(r, || {
            black_box(gl_op.parse(&response(black_box(&gl_body))).unwrap());
        })),
        ("huawei.build_batch_connection_10.build_only", measure(r, || {
            black_box(black_box(&hw_op).build(black_box(&hw_ctx)).unwrap());
        })),
        ("huawei.parse_batch_connection_10.parse_only", measure(r, || {
            black_box(black_box(&hw_op).parse(black_box(&hw_resp)).unwrap());
        })),
        ("geelark.build_status_100.build_only", measure(r, || {
            black_box(black_box(&gl_op).build(black_box(&gl_ctx)).unwrap());
        })),
        ("geelark.parse_status_100.parse_only", measure(r, || {
            black_box(black_box(&gl_op).parse(black_box(&gl_resp)).unwrap());
        })),
    ];
    for (name, ns) in cases {
        println!("rust {name} {ns:.1}");
    }
}
