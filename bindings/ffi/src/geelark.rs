//! GeeLark operations: phone status.

use std::ffi::c_char;

use super::config::cloudphone_geelark_config;
use super::error::cloudphone_error;
use super::guard::{
    arg_out, arg_ref, arg_str, arg_str_array, free_box, guard, guard_or, write_out,
};
use super::request::{build_request, cloudphone_request};
use super::response::{cloudphone_item_failure, json_out, parse_into};
use super::types::{
    FromIn, StrArena, Text, cloudphone_response_header, cloudphone_status, cloudphone_str,
    cloudphone_string, views_in,
};
use cloudphone::geelark::{self, GetPhoneStatus, PhoneState, PhoneStatusReport};

/// Most ids one phone-status call accepts; split larger sets with
/// `cloudphone_batch_plan_new`.
pub const CLOUDPHONE_GEELARK_PHONE_STATUS_MAX_IDS: usize = 100;
const _: () = assert!(CLOUDPHONE_GEELARK_PHONE_STATUS_MAX_IDS == geelark::MAX_IDS);

/// Builds a phone-status request (`POST /open/v1/phone/status`).
///
/// - `ids`, `ids_len`: 1 to `CLOUDPHONE_GEELARK_PHONE_STATUS_MAX_IDS`
///   distinct phone ids (duplicates are collapsed first).
/// - `now_unix_ms`: the current time (the `ts` header).
/// - `trace_id`: a fresh unique id per request, 6 to 128 printable ASCII
///   characters (see `cloudphone_trace_id_format`); its first 6 characters
///   are the `nonce`.
///
/// On success writes a new request to `*request_out`; parse its response
/// with `cloudphone_geelark_phone_status_parse`.
///
/// # Safety
/// `config` is NULL or live; `ids` is `(NULL, 0)` or `ids_len` pointers to
/// NUL-terminated strings; `trace_id` NULL or NUL-terminated; `request_out`
/// and `err_out` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_phone_status_build(
    config: *const cloudphone_geelark_config,
    ids: *const *const c_char,
    ids_len: usize,
    now_unix_ms: u64,
    trace_id: *const c_char,
    request_out: *mut *mut cloudphone_request,
    err_out: *mut *mut cloudphone_error,
) -> cloudphone_status {
    guard(err_out, || {
        arg_out(request_out, "request_out")?;
        // SAFETY: per the function contract.
        let (config, ids, trace_id) = unsafe {
            (
                arg_ref(config, "config")?,
                arg_str_array(ids, ids_len, "ids")?,
                arg_str(trace_id, "trace_id")?,
            )
        };
        let op = GetPhoneStatus::new(ids)?;
        let req = build_request(op, &config.inner, now_unix_ms, trace_id)?;
        // SAFETY: checked above.
        unsafe { write_out(request_out, req) };
        Ok(())
    })
}

/// The answer to one phone-status call. Free with
/// `cloudphone_geelark_phone_status_result_free`.
///
/// Thread safety: immutable; may be read from several threads at once.
pub struct cloudphone_geelark_phone_status_result {
    pub(crate) output: PhoneStatusReport,
    trace_id: Text,
    msg: Text,
    phones: Vec<cloudphone_phone_state>,
    failures: Vec<cloudphone_item_failure>,
    // Owns the bytes the views above point to.
    _arena: StrArena,
}

impl From<PhoneStatusReport> for cloudphone_geelark_phone_status_result {
    fn from(output: PhoneStatusReport) -> Self {
        // An id, a serial name and a status name per phone.
        let mut arena = StrArena::with_capacity(128 + 64 * output.phones.len());
        cloudphone_geelark_phone_status_result {
            trace_id: arena.opt(output.trace_id.as_deref()),
            msg: arena.put(&output.msg),
            phones: views_in(&output.phones, &mut arena),
            failures: views_in(&output.failures, &mut arena),
            output,
            _arena: arena,
        }
    }
}

/// One phone's state. Borrowed from the result or outcome it was read from.
///
/// Thread safety: immutable, as its owner.
pub struct cloudphone_phone_state {
    pub(crate) id: Text,
    serial_name: Text,
    pub(crate) status: Text,
    raw_status: i64,
    running: bool,
}

impl FromIn<PhoneState> for cloudphone_phone_state {
    fn from_in(p: &PhoneState, arena: &mut StrArena) -> Self {
        cloudphone_phone_state {
            id: arena.put(&p.id),
            serial_name: arena.opt(p.serial_name.as_deref()),
            status: arena.put(p.status.as_str()),
            raw_status: p.raw_status,
            running: p.status.is_running(),
        }
    }
}

/// Parses the response to a request built by
/// `cloudphone_geelark_phone_status_build`. An envelope with code 0 — or
/// 40006/40009 (some or all ids failed) — succeeds, per-id failures in
/// `..._failure_at`; any other code fails with it in `*err_out`. Arguments as
/// for `cloudphone_huawei_batch_connection_parse`.
///
/// # Safety
/// As `cloudphone_huawei_batch_connection_parse`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_phone_status_parse(
    request: *const cloudphone_request,
    http_status: u16,
    headers: *const cloudphone_response_header,
    headers_len: usize,
    body: *const u8,
    body_len: usize,
    result_out: *mut *mut cloudphone_geelark_phone_status_result,
    err_out: *mut *mut cloudphone_error,
) -> cloudphone_status {
    guard(err_out, || {
        // SAFETY: per the function contract.
        unsafe {
            parse_into::<GetPhoneStatus, _>(
                request,
                http_status,
                headers,
                headers_len,
                body,
                body_len,
                result_out,
                cloudphone_geelark_phone_status_result::from,
            )
        }
    })
}

/// Frees a phone-status result. NULL is a no-op; must not be called twice.
///
/// # Safety
/// `result` is NULL or a live result no other thread is using.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_phone_status_result_free(
    result: *mut cloudphone_geelark_phone_status_result,
) {
    // SAFETY: per the function contract.
    guard_or((), || unsafe { free_box(result) })
}

/// The envelope's `traceId`; `{NULL, 0}` when absent.
///
/// # Safety
/// `result` is NULL or live; the view lives as long as it.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_phone_status_result_trace_id(
    result: *const cloudphone_geelark_phone_status_result,
) -> cloudphone_str {
    guard_or(cloudphone_str::NONE, || {
        // SAFETY: per the function contract.
        unsafe { result.as_ref() }.map_or(cloudphone_str::NONE, |r| r.trace_id.view())
    })
}

/// The envelope code: 0, or 40006/40009 when some/all ids failed (0 when
/// `result` is NULL).
///
/// # Safety
/// `result` is NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_phone_status_result_code(
    result: *const cloudphone_geelark_phone_status_result,
) -> i64 {
    guard_or(0, || {
        // SAFETY: per the function contract.
        unsafe { result.as_ref() }.map_or(0, |r| r.output.code)
    })
}

/// The envelope's `msg`. `{NULL, 0}` when `result` is NULL.
///
/// # Safety
/// `result` is NULL or live; the view lives as long as it.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_phone_status_result_msg(
    result: *const cloudphone_geelark_phone_status_result,
) -> cloudphone_str {
    guard_or(cloudphone_str::NONE, || {
        // SAFETY: per the function contract.
        unsafe { result.as_ref() }.map_or(cloudphone_str::NONE, |r| r.msg.view())
    })
}

fn amount(v: Option<u64>) -> i64 {
    v.map_or(-1, |n| i64::try_from(n).unwrap_or(i64::MAX))
}

/// `totalAmount` as reported, or -1 when absent (or `result` is NULL).
///
/// # Safety
/// `result` is NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_phone_status_result_total_amount(
    result: *const cloudphone_geelark_phone_status_result,
) -> i64 {
    guard_or(-1, || {
        // SAFETY: per the function contract.
        unsafe { result.as_ref() }.map_or(-1, |r| amount(r.output.total_amount))
    })
}

/// `successAmount` as reported, or -1 when absent (or `result` is NULL).
///
/// # Safety
/// `result` is NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_phone_status_result_success_amount(
    result: *const cloudphone_geelark_phone_status_result,
) -> i64 {
    guard_or(-1, || {
        // SAFETY: per the function contract.
        unsafe { result.as_ref() }.map_or(-1, |r| amount(r.output.success_amount))
    })
}

/// `failAmount` as reported, or -1 when absent (or `result` is NULL).
///
/// # Safety
/// `result` is NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_phone_status_result_fail_amount(
    result: *const cloudphone_geelark_phone_status_result,
) -> i64 {
    guard_or(-1, || {
        // SAFETY: per the function contract.
        unsafe { result.as_ref() }.map_or(-1, |r| amount(r.output.fail_amount))
    })
}

/// The number of phones whose state was read (0 when `result` is NULL).
///
/// # Safety
/// `result` is NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_phone_status_result_phone_count(
    result: *const cloudphone_geelark_phone_status_result,
) -> usize {
    guard_or(0, || {
        // SAFETY: per the function contract.
        unsafe { result.as_ref() }.map_or(0, |r| r.phones.len())
    })
}

/// Phone `index`'s state, borrowed from `result`; NULL when `result` is
/// NULL or `index` is out of range.
///
/// # Safety
/// `result` is NULL or live; the pointer lives as long as it.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_phone_status_result_phone_at(
    result: *const cloudphone_geelark_phone_status_result,
    index: usize,
) -> *const cloudphone_phone_state {
    guard_or(std::ptr::null(), || {
        // SAFETY: per the function contract.
        unsafe { result.as_ref() }
            .and_then(|r| r.phones.get(index))
            .map_or(std::ptr::null(), |p| p as *const _)
    })
}

/// The number of ids that could not be read (0 when `result` is NULL).
///
/// # Safety
/// `result` is NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_phone_status_result_failure_count(
    result: *const cloudphone_geelark_phone_status_result,
) -> usize {
    guard_or(0, || {
        // SAFETY: per the function contract.
        unsafe { result.as_ref() }.map_or(0, |r| r.failures.len())
    })
}

/// Failure `index` (id, code such as `42001`, message), borrowed from
/// `result`; NULL when `result` is NULL or `index` is out of range.
///
/// # Safety
/// `result` is NULL or live; the pointer lives as long as it.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_phone_status_result_failure_at(
    result: *const cloudphone_geelark_phone_status_result,
    index: usize,
) -> *const cloudphone_item_failure {
    guard_or(std::ptr::null(), || {
        // SAFETY: per the function contract.
        unsafe { result.as_ref() }
            .and_then(|r| r.failures.get(index))
            .map_or(std::ptr::null(), |f| f as *const _)
    })
}

/// The whole result as JSON into a new string at `*json_out`.
///
/// # Safety
/// `result` is NULL or live; `json_out` and `err_out` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_phone_status_result_to_json(
    result: *const cloudphone_geelark_phone_status_result,
    json_out: *mut *mut cloudphone_string,
    err_out: *mut *mut cloudphone_error,
) -> cloudphone_status {
    guard(err_out, || {
        // SAFETY: per the function contract.
        let value = unsafe { arg_ref(result, "result") }.map(|r| &r.output);
        // SAFETY: per the function contract.
        unsafe { self::json_out(value, json_out) }
    })
}

/// The phone id (`{NULL, 0}` when `state` is NULL).
///
/// # Safety
/// `state` is NULL or live; the view lives as long as its owner.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_phone_state_id(
    state: *const cloudphone_phone_state,
) -> cloudphone_str {
    guard_or(cloudphone_str::NONE, || {
        // SAFETY: per the function contract.
        unsafe { state.as_ref() }.map_or(cloudphone_str::NONE, |p| p.id.view())
    })
}

/// The phone's name (`serialName`); `{NULL, 0}` when absent.
///
/// # Safety
/// `state` is NULL or live; the view lives as long as its owner.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_phone_state_serial_name(
    state: *const cloudphone_phone_state,
) -> cloudphone_str {
    guard_or(cloudphone_str::NONE, || {
        // SAFETY: per the function contract.
        unsafe { state.as_ref() }.map_or(cloudphone_str::NONE, |p| p.serial_name.view())
    })
}

/// The provider-neutral state as a short stable name: `"running"`,
/// `"starting"`, `"stopped"`, `"expired"`, ..., or `"unknown"` for a code
/// this library does not know (see `cloudphone_phone_state_raw_status`).
/// `{NULL, 0}` when `state` is NULL.
///
/// # Safety
/// `state` is NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_phone_state_status(
    state: *const cloudphone_phone_state,
) -> cloudphone_str {
    guard_or(cloudphone_str::NONE, || {
        // SAFETY: per the function contract.
        unsafe { state.as_ref() }.map_or(cloudphone_str::NONE, |p| p.status.view())
    })
}

/// The status code as the provider sent it (0 when `state` is NULL).
///
/// # Safety
/// `state` is NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_phone_state_raw_status(
    state: *const cloudphone_phone_state,
) -> i64 {
    guard_or(0, || {
        // SAFETY: per the function contract.
        unsafe { state.as_ref() }.map_or(0, |p| p.raw_status)
    })
}

/// Whether the phone is up and can be connected to (false when `state` is
/// NULL).
///
/// # Safety
/// `state` is NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_phone_state_is_running(
    state: *const cloudphone_phone_state,
) -> bool {
    guard_or(false, || {
        // SAFETY: per the function contract.
        unsafe { state.as_ref() }.is_some_and(|p| p.running)
    })
}
