//! GeeLark operations: phone status.

use std::ffi::c_char;

use super::config::cloudphone_geelark_config;
use super::error::cloudphone_error;
use super::guard::{arg_str_array, guard, guard_or};
use super::request::{OpFns, build_into, cloudphone_request};
use super::result::{CallRecord, Item, Summary, Views};
use super::types::{FromIn, StrArena, Text, cloudphone_status, cloudphone_str, views_in};
use cloudphone::batch::ItemFailure;
use cloudphone::geelark::{self, GetPhoneStatus, PhoneState, PhoneStatusReport};

/// Most ids one phone-status call accepts; split larger sets with
/// `cloudphone_batch_plan_new`.
pub const CLOUDPHONE_GEELARK_GET_PHONE_STATUS_MAX_IDS: usize = 100;
const _: () = assert!(CLOUDPHONE_GEELARK_GET_PHONE_STATUS_MAX_IDS == geelark::MAX_IDS);

/// Builds a phone-status request (`POST /open/v1/phone/status`).
///
/// - `ids`, `ids_len`: 1 to `CLOUDPHONE_GEELARK_GET_PHONE_STATUS_MAX_IDS`
///   distinct phone ids (duplicates are collapsed first).
/// - `now_unix_ms`: the current time (the `ts` header).
/// - `trace_id`: a fresh unique id per request, 6 to 128 printable ASCII
///   characters (see `cloudphone_trace_id_format`); its first 6 characters
///   are the `nonce`.
///
/// On success writes a new request to `*request_out`. Result
/// (`cloudphone_request_parse`): an envelope with code 0 — or 40006/40009
/// (some or all ids failed) — succeeds; `cloudphone_result_phone_state_at`
/// for each phone; items: their ids and neutral statuses; failures per id;
/// total: `totalAmount` (`/success_amount`, `/fail_amount`, `/msg` through
/// `cloudphone_result_field`). Any other code fails with it in `*err_out`.
///
/// Pointers: `config` required; `ids` required unless its length is 0 ((NULL,
/// 0) = empty); `trace_id` required; `request_out` required; `err_out`
/// optional (NULL = no error details).
///
/// # Safety
/// `config` is NULL or live; `ids` is `(NULL, 0)` or `ids_len` pointers to
/// NUL-terminated strings; `trace_id` NULL or NUL-terminated; `request_out`
/// and `err_out` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_get_phone_status_build(
    config: *const cloudphone_geelark_config,
    ids: *const *const c_char,
    ids_len: usize,
    now_unix_ms: u64,
    trace_id: *const c_char,
    request_out: *mut *mut cloudphone_request,
    err_out: *mut *mut cloudphone_error,
) -> cloudphone_status {
    guard(err_out, || {
        // SAFETY: per the function contract.
        unsafe {
            build_into(
                config,
                now_unix_ms,
                trace_id,
                request_out,
                OpFns::provider::<cloudphone_geelark_config, GetPhoneStatus>(),
                || Ok(GetPhoneStatus::new(arg_str_array(ids, ids_len, "ids")?)?),
            )
        }
    })
}

impl Summary for PhoneStatusReport {
    fn request_id(&self) -> Option<&str> {
        self.trace_id.as_deref()
    }
    fn code(&self) -> i64 {
        self.code
    }
    fn total(&self) -> Option<u64> {
        self.total_amount
    }
    fn items(&self) -> Vec<Item<'_>> {
        let phones = self.phones.iter();
        phones
            .map(|p| Item::id(&p.id).status(p.status.as_str()))
            .collect()
    }
    fn failures(&self) -> &[ItemFailure] {
        &self.failures
    }
    fn views(&self, arena: &mut StrArena) -> Views {
        Views {
            phone_states: views_in(&self.phones, arena),
            ..Views::default()
        }
    }
    fn call_record(&self) -> Option<CallRecord> {
        Some(CallRecord::Status(self.clone().into()))
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

/// The phone id (`{NULL, 0}` when `state` is NULL).
///
/// Pointers: `state` optional (NULL = the neutral value above).
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
/// Pointers: `state` optional (NULL = the neutral value above).
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
/// Pointers: `state` optional (NULL = the neutral value above).
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
/// Pointers: `state` optional (NULL = the neutral value above).
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
/// Pointers: `state` optional (NULL = the neutral value above).
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
