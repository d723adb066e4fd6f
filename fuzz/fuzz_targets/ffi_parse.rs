//! The C parse entry point, `cloudphone_request_parse`, called through its
//! `extern "C"` function with arbitrary status, headers and body bytes: the
//! first input byte picks the request (huawei.show_connect_infos,
//! huawei.iam.create_token or geelark.get_phone_status); the rest is a
//! response (see `response_from_bytes`), its headers handed over as
//! (pointer, length) pairs (NUL bytes included). Checks the C contract: no
//! panic status, output written only on success, an error on failure, every
//! string view NUL-terminated UTF-8, the typed views of the operation that
//! answered, and a batch merge through `cloudphone_batch_merge_record` that
//! accounts for every id.
//!
//! The C ABI crate (bindings/ffi) has no rlib: its source is compiled into
//! this target as a module.
#![no_main]

use std::ffi::{CString, c_char};
use std::ptr::{null, null_mut};
use std::sync::LazyLock;

#[path = "../../bindings/ffi/src/lib.rs"]
#[allow(dead_code, unused_imports, unexpected_cfgs, clippy::all)]
mod ffi;

use cloudphone_fuzz::response_from_bytes;
use ffi::*;
use libfuzzer_sys::fuzz_target;

const HW_IDS: [&str; 4] = ["p1", "p2", "p3", "00000000000000000000000000000001"];
const GL_IDS: [&str; 3] = ["612345678901234567", "612345678901234568", "1"];

struct Requests {
    show_connect_infos: *mut cloudphone_request,
    iam: *mut cloudphone_request,
    get_phone_status: *mut cloudphone_request,
}
// SAFETY: requests are immutable after build and documented as shareable.
unsafe impl Send for Requests {}
unsafe impl Sync for Requests {}

fn c(s: &str) -> CString {
    CString::new(s).unwrap()
}

fn ok(status: cloudphone_status) {
    assert!(
        matches!(status, cloudphone_status::Ok),
        "setup failed: {status:?}"
    );
}

static REQUESTS: LazyLock<Requests> = LazyLock::new(|| unsafe {
    let mut hw = null_mut();
    ok(cloudphone_huawei_config_new_aksk(
        c("cn-north-4").as_ptr(),
        c("0a1b2c3d4e5f60718293a4b5c6d7e8f9").as_ptr(),
        c("HPUAEXAMPLEAK0000001").as_ptr(),
        c("secret").as_ptr(),
        null(),
        &mut hw,
        null_mut(),
    ));
    let ids: Vec<CString> = HW_IDS.iter().map(|s| c(s)).collect();
    let ptrs: Vec<*const c_char> = ids.iter().map(|s| s.as_ptr()).collect();
    let mut show_connect_infos = null_mut();
    ok(cloudphone_huawei_show_connect_infos_build(
        hw,
        ptrs.as_ptr(),
        ptrs.len(),
        c("ANDROID").as_ptr(),
        1_700_000_000_000,
        null(),
        &mut show_connect_infos,
        null_mut(),
    ));
    cloudphone_huawei_config_free(hw);
    let mut iam = null_mut();
    ok(cloudphone_huawei_iam_create_token_build(
        c("cn-north-4").as_ptr(),
        c("ops").as_ptr(),
        c("pw").as_ptr(),
        c("acme").as_ptr(),
        c("cn-north-4").as_ptr(),
        false,
        1_700_000_000_000,
        null(),
        &mut iam,
        null_mut(),
    ));
    let mut gl = null_mut();
    ok(cloudphone_geelark_config_new_key(
        null(),
        c("APPID").as_ptr(),
        c("APIKEY").as_ptr(),
        &mut gl,
        null_mut(),
    ));
    let ids: Vec<CString> = GL_IDS.iter().map(|s| c(s)).collect();
    let ptrs: Vec<*const c_char> = ids.iter().map(|s| s.as_ptr()).collect();
    let mut get_phone_status = null_mut();
    ok(cloudphone_geelark_get_phone_status_build(
        gl,
        ptrs.as_ptr(),
        ptrs.len(),
        1_700_000_000_000,
        c("0123456789ABCDEF0123456789ABCDEF").as_ptr(),
        &mut get_phone_status,
        null_mut(),
    ));
    cloudphone_geelark_config_free(gl);
    Requests {
        show_connect_infos,
        iam,
        get_phone_status,
    }
});

/// A view must be `{NULL, 0}` or point at `len` UTF-8 bytes followed by NUL.
fn view(s: cloudphone_str) -> String {
    if s.ptr.is_null() {
        assert_eq!(s.len, 0, "NULL view with a length");
        return String::new();
    }
    // SAFETY: the C contract: `len` bytes plus a NUL.
    let bytes = unsafe { std::slice::from_raw_parts(s.ptr.cast::<u8>(), s.len + 1) };
    assert_eq!(bytes[s.len], 0, "view not NUL-terminated");
    std::str::from_utf8(&bytes[..s.len])
        .expect("view is not UTF-8")
        .to_owned()
}

unsafe fn check_error(status: cloudphone_status, err: *mut cloudphone_error) {
    unsafe {
        assert!(
            !matches!(status, cloudphone_status::Panic),
            "panic inside the parse export"
        );
        assert!(!err.is_null(), "failure without an error");
        assert_eq!(cloudphone_error_status(err) as u32, status as u32);
        assert!(
            !view(cloudphone_error_message(err)).is_empty(),
            "empty error message"
        );
        view(cloudphone_error_provider(err));
        view(cloudphone_error_provider_code(err));
        view(cloudphone_error_request_id(err));
        let _ = cloudphone_error_http_status(err);
        let _ = cloudphone_error_retry_after_secs(err);
        cloudphone_error_free(err);
    }
}

unsafe fn failure(f: *const cloudphone_item_failure) {
    unsafe {
        assert!(!f.is_null());
        view(cloudphone_item_failure_id(f));
        view(cloudphone_item_failure_code(f));
        view(cloudphone_item_failure_message(f));
        let _ = cloudphone_item_failure_status(f);
    }
}

unsafe fn json(status: cloudphone_status, s: *mut cloudphone_string, err: *mut cloudphone_error) {
    unsafe {
        if matches!(status, cloudphone_status::Ok) {
            let text = view(cloudphone_string_view(s));
            serde_json::from_str::<serde_json::Value>(&text).expect("to_json gives JSON");
            cloudphone_string_free(s);
        } else {
            check_error(status, err);
        }
    }
}

/// Merges a parsed result (or the parse error) over `ids` through the C
/// batch API and checks that every id is accounted for once.
unsafe fn merge(
    ids: &[&str],
    record: impl FnOnce(*mut cloudphone_batch_merge) -> cloudphone_status,
) {
    unsafe {
        let cs: Vec<CString> = ids.iter().map(|s| c(s)).collect();
        let ptrs: Vec<*const c_char> = cs.iter().map(|s| s.as_ptr()).collect();
        let mut plan = null_mut();
        ok(cloudphone_batch_plan_new(
            ptrs.as_ptr(),
            ptrs.len(),
            100,
            &mut plan,
            null_mut(),
        ));
        let mut m = null_mut();
        ok(cloudphone_batch_merge_new(plan, &mut m, null_mut()));
        let st = record(m);
        assert!(!matches!(st, cloudphone_status::Panic));
        let mut out = null_mut();
        ok(cloudphone_batch_merge_finish(m, &mut out, null_mut()));
        let succeeded = cloudphone_batch_outcome_succeeded_count(out);
        let failed = cloudphone_batch_outcome_failure_count(out);
        let missing = cloudphone_batch_outcome_missing(out);
        assert_eq!(
            succeeded + failed + missing.len,
            ids.len(),
            "an id was lost or doubled"
        );
        let mut seen: Vec<String> = Vec::new();
        for i in 0..failed {
            let f = cloudphone_batch_outcome_failure_at(out, i);
            failure(f);
            seen.push(view(cloudphone_item_failure_id(f)));
        }
        for i in 0..missing.len {
            seen.push(view(cloudphone_id_list_at(missing, i)));
        }
        for i in 0..succeeded {
            let ci = cloudphone_batch_outcome_connect_info_at(out, i);
            let ps = cloudphone_batch_outcome_phone_state_at(out, i);
            if !ci.is_null() {
                seen.push(view(cloudphone_connect_info_phone_id(ci)));
            } else if !ps.is_null() {
                seen.push(view(cloudphone_phone_state_id(ps)));
            }
        }
        seen.sort();
        seen.dedup();
        assert_eq!(seen.len(), ids.len(), "ids not accounted for exactly once");
        let mut s = null_mut();
        let mut e = null_mut();
        let st = cloudphone_batch_outcome_to_json(out, &mut s, &mut e);
        json(st, s, e);
        cloudphone_batch_outcome_free(out);
        cloudphone_batch_merge_free(m);
        cloudphone_batch_plan_free(plan);
    }
}

/// Every generic accessor of a result: views are well formed, indexes in
/// range give items, out of range nothing.
unsafe fn check_result(out: *const cloudphone_result) {
    unsafe {
        view(cloudphone_result_operation(out));
        view(cloudphone_result_request_id(out));
        let _ = cloudphone_result_code(out);
        let _ = cloudphone_result_total(out);
        let n = cloudphone_result_item_count(out);
        let ids = cloudphone_result_item_ids(out);
        assert_eq!(ids.len, n, "item ids and item count disagree");
        for i in 0..n {
            view(cloudphone_id_list_at(ids, i));
            view(cloudphone_result_item_status(out, i));
            view(cloudphone_result_item_job_id(out, i));
        }
        assert!(view(cloudphone_result_item_status(out, n)).is_empty());
        for i in 0..cloudphone_result_failure_count(out) {
            failure(cloudphone_result_failure_at(out, i));
        }
        for pointer in [
            c"/msg",
            c"/success_amount",
            c"/fail_amount",
            c"/token",
            c"/0",
            c"",
        ] {
            view(cloudphone_result_field(out, pointer.as_ptr()));
        }
        let mut s = null_mut();
        let mut e = null_mut();
        let st = cloudphone_result_to_json(out, &mut s, &mut e);
        json(st, s, e);
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    let response = response_from_bytes(rest);
    // Header bytes as an HTTP stack holds them: (pointer, length), no NUL
    // needed, NUL bytes allowed.
    let headers: Vec<cloudphone_response_header> = response
        .headers
        .iter()
        .enumerate()
        .map(|(i, (n, v))| cloudphone_response_header {
            name: n.as_ptr().cast(),
            name_len: n.len(),
            // An odd header may come with a NULL value (of length 0: valid;
            // of any other length: refused as a NULL argument).
            value: if which & 0x80 != 0 && i == 0 {
                null()
            } else {
                v.as_ptr().cast()
            },
            value_len: v.len(),
        })
        .collect();
    let (hp, hl) = if headers.is_empty() {
        (null(), 0)
    } else {
        (headers.as_ptr(), headers.len())
    };
    let (bp, bl) = if response.body.is_empty() {
        (null(), 0)
    } else {
        (response.body.as_ptr(), response.body.len())
    };
    let status = response.status;
    let reqs = &*REQUESTS;
    let (request, ids): (*const cloudphone_request, &[&str]) = match which % 3 {
        0 => (reqs.show_connect_infos, &HW_IDS),
        1 => (reqs.iam, &[]),
        _ => (reqs.get_phone_status, &GL_IDS),
    };
    unsafe {
        let mut out = null_mut();
        let mut err = null_mut();
        let st = cloudphone_request_parse(request, status, hp, hl, bp, bl, &mut out, &mut err);
        if !matches!(st, cloudphone_status::Ok) {
            assert!(out.is_null(), "output written on failure");
            if !ids.is_empty() {
                merge(ids, |m| {
                    cloudphone_batch_merge_record_error(m, 0, err, null_mut())
                });
            }
            check_error(st, err);
            return;
        }
        assert!(!out.is_null() && err.is_null());
        check_result(out);
        // The typed views: only the operation's own are present.
        let infos = cloudphone_result_connect_info_count(out);
        let states = cloudphone_result_phone_state_count(out);
        let token = cloudphone_result_iam_token(out);
        match which % 3 {
            0 => assert!(states == 0 && token.is_null()),
            1 => assert!(infos == 0 && states == 0 && !token.is_null()),
            _ => assert!(infos == 0 && token.is_null()),
        }
        for i in 0..infos {
            let ci = cloudphone_result_connect_info_at(out, i);
            assert!(!ci.is_null());
            view(cloudphone_connect_info_phone_id(ci));
            view(cloudphone_connect_info_access_ip(ci));
            view(cloudphone_connect_info_intranet_ip(ci));
            view(cloudphone_connect_info_access_ipv6(ci));
            view(cloudphone_connect_info_session_id(ci));
            view(cloudphone_connect_info_timestamp(ci));
            view(cloudphone_connect_info_ticket(ci));
            let _ = cloudphone_connect_info_access_port(ci);
        }
        assert!(cloudphone_result_connect_info_at(out, infos).is_null());
        for i in 0..states {
            let p = cloudphone_result_phone_state_at(out, i);
            assert!(!p.is_null());
            view(cloudphone_phone_state_id(p));
            view(cloudphone_phone_state_serial_name(p));
            view(cloudphone_phone_state_status(p));
            let _ = cloudphone_phone_state_raw_status(p);
            let _ = cloudphone_phone_state_is_running(p);
        }
        assert!(cloudphone_result_phone_state_at(out, states).is_null());
        if !token.is_null() {
            assert!(!view(cloudphone_huawei_iam_token_value(token)).is_empty());
            view(cloudphone_huawei_iam_token_expires_at(token));
            view(cloudphone_huawei_iam_token_project_id(token));
            let _ = cloudphone_huawei_iam_token_expires_at_unix_ms(token);
        }
        if !ids.is_empty() {
            merge(ids, |m| {
                cloudphone_batch_merge_record(m, 0, out, null_mut())
            });
        }
        cloudphone_result_free(out);
    }
});
