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
//! The same C functions `bench.c` calls are also called from here, through
//! the C ABI (`ffi` lines), timed in rounds interleaved with the Rust path's
//! rounds, so machine noise (other builds on a shared box) hits both alike.
//!
//! Compiled by `bindings/bench/run.sh` with plain rustc against the release
//! rlib of the core cargo built (and the C ABI crate's source as the `ffi`
//! module), so both sides use the very same library build.

use std::ffi::c_char;
use std::hint::black_box;
use std::ptr::{null, null_mut};
use std::time::Instant;

use cloudphone::huawei::{self, ShowConnectInfos, ClientType};
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

// The C ABI crate's own source, compiled into this program: there is no
// rlib of it (the crate is a cdylib + staticlib), and calling its exports as
// Rust functions keeps the very code `libcloudphone.a` is made of, with no
// second copy of the core linked in. Its sources name the core `cloudphone`
// and each other `super::`, so they build as a module.
#[path = "../ffi/src/lib.rs"]
#[allow(dead_code, unused_imports, clippy::all)]
mod ffi;

use ffi::{
    cloudphone_geelark_config_new_key, cloudphone_geelark_get_phone_status_build,
    cloudphone_huawei_config_new_aksk, cloudphone_huawei_show_connect_infos_build,
    cloudphone_request, cloudphone_request_free, cloudphone_request_parse,
    cloudphone_response_header, cloudphone_result_connect_info_count, cloudphone_result_free,
    cloudphone_result_phone_state_count, cloudphone_status,
};

/// Iterations for ~0.2 s of `f` (after a warm-up).
fn calibrate(f: &mut dyn FnMut()) -> u64 {
    let mut iters: u64 = 1;
    loop {
        let t0 = Instant::now();
        for _ in 0..iters {
            f();
        }
        let ns = t0.elapsed().as_nanos() as f64;
        if ns > 5e7 {
            return (iters as f64 * 2e8 / ns) as u64 + 1;
        }
        iters *= 2;
    }
}

/// Median ns/op of `a` and of `b`, their rounds interleaved.
fn interleaved(rounds: usize, a: &mut dyn FnMut(), b: &mut dyn FnMut()) -> (f64, f64) {
    let (na, nb) = (calibrate(a), calibrate(b));
    let mut ta = Vec::new();
    let mut tb = Vec::new();
    let time = |f: &mut dyn FnMut(), n: u64| {
        let t0 = Instant::now();
        for _ in 0..n {
            f();
        }
        t0.elapsed().as_nanos() as f64 / n as f64
    };
    for _ in 0..rounds {
        ta.push(time(&mut *a, na));
        tb.push(time(&mut *b, nb));
    }
    ta.sort_by(f64::total_cmp);
    tb.sort_by(f64::total_cmp);
    (ta[rounds / 2], tb[rounds / 2])
}

fn c(s: &str) -> std::ffi::CString {
    std::ffi::CString::new(s).unwrap()
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
    let hw_op = ShowConnectInfos::new(hw_ids.iter().cloned(), ClientType::Android).unwrap();
    let gl = geelark::Config::global(geelark::Auth::key(APP_ID, API_KEY)).unwrap();
    let gl_ids: Vec<String> = (0..100u64)
        .map(|i| (100_000_000_000_000_000 + i).to_string())
        .collect();
    let gl_ctx = Context::new(&gl, NOW_MS, TRACE_ID);
    let gl_op = geelark::GetPhoneStatus::new(gl_ids.iter().cloned()).unwrap();

    let response = |body: &[u8]| {
        Response::new(200, body.to_vec()).with_header("Content-Type", "application/json")
    };
    let hw_resp = response(&hw_body);
    let gl_resp = response(&gl_body);
    assert_eq!(hw_op.parse(&hw_resp).unwrap().connect_infos.len(), 8);
    assert_eq!(gl_op.parse(&gl_resp).unwrap().phones.len(), 95);

    let r = rounds;
    let cases: [(&str, f64); 8] = [
        (
            "huawei.build_batch_connection_10",
            measure(r, || {
                let ids: Vec<String> = black_box(&hw_ids)
                    .iter()
                    .map(|s| s.as_str().to_owned())
                    .collect();
                let op = ShowConnectInfos::new(ids, ClientType::Android).unwrap();
                black_box(op.build(black_box(&hw_ctx)).unwrap());
            }),
        ),
        (
            "huawei.parse_batch_connection_10",
            measure(r, || {
                black_box(hw_op.parse(&response(black_box(&hw_body))).unwrap());
            }),
        ),
        (
            "geelark.build_status_100",
            measure(r, || {
                let ids: Vec<String> = black_box(&gl_ids)
                    .iter()
                    .map(|s| s.as_str().to_owned())
                    .collect();
                let op = geelark::GetPhoneStatus::new(ids).unwrap();
                black_box(op.build(black_box(&gl_ctx)).unwrap());
            }),
        ),
        (
            "geelark.parse_status_100",
            measure(r, || {
                black_box(gl_op.parse(&response(black_box(&gl_body))).unwrap());
            }),
        ),
        (
            "huawei.build_batch_connection_10.build_only",
            measure(r, || {
                black_box(black_box(&hw_op).build(black_box(&hw_ctx)).unwrap());
            }),
        ),
        (
            "huawei.parse_batch_connection_10.parse_only",
            measure(r, || {
                black_box(black_box(&hw_op).parse(black_box(&hw_resp)).unwrap());
            }),
        ),
        (
            "geelark.build_status_100.build_only",
            measure(r, || {
                black_box(black_box(&gl_op).build(black_box(&gl_ctx)).unwrap());
            }),
        ),
        (
            "geelark.parse_status_100.parse_only",
            measure(r, || {
                black_box(black_box(&gl_op).parse(black_box(&gl_resp)).unwrap());
            }),
        ),
    ];
    for (name, ns) in cases {
        println!("rust {name} {ns:.1}");
    }

    // The C ABI from this process, interleaved with the Rust path.
    let (pid, ak, sk, region) = (c(PID), c(AK), c(SK), c("cn-north-4"));
    let (app, key, trace, android) = (c(APP_ID), c(API_KEY), c(TRACE_ID), c("ANDROID"));
    let hw_c: Vec<_> = hw_ids.iter().map(|s| c(s)).collect();
    let hw_p: Vec<*const c_char> = hw_c.iter().map(|s| s.as_ptr()).collect();
    let gl_c: Vec<_> = gl_ids.iter().map(|s| c(s)).collect();
    let gl_p: Vec<*const c_char> = gl_c.iter().map(|s| s.as_ptr()).collect();
    let (ct_name, ct_value) = (c("Content-Type"), c("application/json"));
    let hdr = [cloudphone_response_header {
        name: ct_name.as_ptr(),
        name_len: ct_name.as_bytes().len(),
        value: ct_value.as_ptr(),
        value_len: ct_value.as_bytes().len(),
    }];
    let (mut hcfg, mut gcfg, mut hreq, mut greq) = (null_mut(), null_mut(), null_mut(), null_mut());
    // SAFETY: valid NUL-terminated strings and out-pointers, per the header.
    unsafe {
        assert_eq!(
            cloudphone_huawei_config_new_aksk(
                region.as_ptr(),
                pid.as_ptr(),
                ak.as_ptr(),
                sk.as_ptr(),
                null(),
                &mut hcfg,
                null_mut()
            ),
            cloudphone_status::Ok
        );
        assert_eq!(
            cloudphone_geelark_config_new_key(
                null(),
                app.as_ptr(),
                key.as_ptr(),
                &mut gcfg,
                null_mut()
            ),
            cloudphone_status::Ok
        );
        assert_eq!(
            cloudphone_huawei_show_connect_infos_build(
                hcfg,
                hw_p.as_ptr(),
                10,
                android.as_ptr(),
                NOW_MS,
                null(),
                &mut hreq,
                null_mut()
            ),
            cloudphone_status::Ok
        );
        assert_eq!(
            cloudphone_geelark_get_phone_status_build(
                gcfg,
                gl_p.as_ptr(),
                100,
                NOW_MS,
                trace.as_ptr(),
                &mut greq,
                null_mut()
            ),
            cloudphone_status::Ok
        );
    }
    let ffi_build_hw = || unsafe {
        let mut r = null_mut();
        assert_eq!(
            cloudphone_huawei_show_connect_infos_build(
                hcfg,
                hw_p.as_ptr(),
                10,
                android.as_ptr(),
                NOW_MS,
                null(),
                &mut r,
                null_mut()
            ),
            cloudphone_status::Ok
        );
        cloudphone_request_free(r);
    };
    let ffi_build_gl = || unsafe {
        let mut r = null_mut();
        assert_eq!(
            cloudphone_geelark_get_phone_status_build(
                gcfg,
                gl_p.as_ptr(),
                100,
                NOW_MS,
                trace.as_ptr(),
                &mut r,
                null_mut()
            ),
            cloudphone_status::Ok
        );
        cloudphone_request_free(r);
    };
    // One parse for every operation: the request knows which it is. The
    // count read back keeps the result from being optimised away and checks
    // the typed view each side ends with.
    let ffi_parse = |req: *const cloudphone_request, body: &[u8], huawei: bool| unsafe {
        let mut r = null_mut();
        assert_eq!(
            cloudphone_request_parse(
                req,
                200,
                hdr.as_ptr(),
                1,
                body.as_ptr(),
                body.len(),
                &mut r,
                null_mut()
            ),
            cloudphone_status::Ok
        );
        black_box(if huawei {
            cloudphone_result_connect_info_count(r)
        } else {
            cloudphone_result_phone_state_count(r)
        });
        cloudphone_result_free(r);
    };
    let rust_build_hw = || {
        let ids: Vec<String> = black_box(&hw_ids)
            .iter()
            .map(|s| s.as_str().to_owned())
            .collect();
        let op = ShowConnectInfos::new(ids, ClientType::Android).unwrap();
        black_box(op.build(black_box(&hw_ctx)).unwrap());
    };
    let rust_build_gl = || {
        let ids: Vec<String> = black_box(&gl_ids)
            .iter()
            .map(|s| s.as_str().to_owned())
            .collect();
        let op = geelark::GetPhoneStatus::new(ids).unwrap();
        black_box(op.build(black_box(&gl_ctx)).unwrap());
    };
    let pairs: [(&str, f64, f64); 4] = {
        let (a, b) = interleaved(r, &mut { ffi_build_hw }, &mut { rust_build_hw });
        let hb = (a, b);
        let (a, b) = interleaved(r, &mut || ffi_parse(hreq, &hw_body, true), &mut || {
            black_box(hw_op.parse(&response(black_box(&hw_body))).unwrap());
        });
        let hp = (a, b);
        let gb = interleaved(r, &mut { ffi_build_gl }, &mut { rust_build_gl });
        let gp = interleaved(r, &mut || ffi_parse(greq, &gl_body, false), &mut || {
            black_box(gl_op.parse(&response(black_box(&gl_body))).unwrap());
        });
        [
            ("huawei.build_batch_connection_10", hb.0, hb.1),
            ("huawei.parse_batch_connection_10", hp.0, hp.1),
            ("geelark.build_status_100", gb.0, gb.1),
            ("geelark.parse_status_100", gp.0, gp.1),
        ]
    };
    for (name, ffi, rust) in pairs {
        println!("ffi {name} {ffi:.1}");
        println!("rust-interleaved {name} {rust:.1}");
    }
}
