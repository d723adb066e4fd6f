//! The blocking client path: one call sends, retries, fans out and merges.
//!
//! These functions exist in every build of the library (one ABI for every
//! feature set). Built without the `client` feature, the constructors
//! return `CLOUDPHONE_STATUS_UNSUPPORTED`; `cloudphone_has_client` tells
//! which build a host has.

use std::ffi::c_char;

use super::batch::cloudphone_batch_outcome;
use super::config::{cloudphone_geelark_config, cloudphone_huawei_config};
use super::error::cloudphone_error;
use super::guard::{free_box, guard, guard_or};
use super::request::cloudphone_request;
use super::result::cloudphone_result;
use super::types::cloudphone_status;

#[cfg(feature = "client")]
use super::batch::Outcome;
#[cfg(feature = "client")]
use super::guard::{FfiResult, arg_out, arg_ref, arg_str, arg_str_array, write_out};

/// A blocking Huawei CPH client: a connection pool, timeouts, safe retries
/// and batch fan-out. Created by `cloudphone_huawei_client_new`, freed with
/// `cloudphone_huawei_client_free`.
///
/// Thread safety: may be used by several threads at once (calls share the
/// connection pool).
pub struct cloudphone_huawei_client {
    #[cfg(feature = "client")]
    pub(crate) inner: cloudphone::client::HuaweiClient,
}

/// A blocking GeeLark client: a connection pool, timeouts, the documented
/// rate limit, safe retries and batch fan-out. Created by
/// `cloudphone_geelark_client_new`, freed with `cloudphone_geelark_client_free`.
///
/// Thread safety: may be used by several threads at once.
pub struct cloudphone_geelark_client {
    #[cfg(feature = "client")]
    pub(crate) inner: cloudphone::client::GeeLarkClient,
}

/// Whether this build of the library includes the blocking client. When it
/// does not, the `cloudphone_*_client_*` functions return
/// `CLOUDPHONE_STATUS_UNSUPPORTED`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_has_client() -> bool {
    guard_or(false, || cfg!(feature = "client"))
}

#[cfg(not(feature = "client"))]
pub(crate) fn unsupported() -> super::guard::FfiError {
    super::guard::FfiError::Core(cloudphone::Error::Unsupported(
        "the blocking client (build the library with the `client` feature)",
    ))
}

#[cfg(feature = "client")]
fn timeout(ms: u64) -> Option<std::time::Duration> {
    (ms > 0).then(|| std::time::Duration::from_millis(ms))
}

/// The body of the four client constructors: `make` builds the client
/// handle given the timeout (`None`: the default); it is written to `out`.
///
/// # Safety
/// `out` is NULL or writable.
#[cfg(feature = "client")]
unsafe fn client_into<H>(
    out: *mut *mut H,
    timeout_ms: u64,
    make: impl FnOnce(Option<std::time::Duration>) -> FfiResult<H>,
) -> FfiResult<()> {
    arg_out(out, "client_out")?;
    let handle = make(timeout(timeout_ms))?;
    // SAFETY: checked above.
    unsafe { write_out(out, handle) };
    Ok(())
}

/// Creates a Huawei client from a configuration (endpoint, project id,
/// credentials; copied). `timeout_ms` bounds each whole request; 0 keeps
/// the default (60 s). No request is sent.
///
/// Pointers: `config` required; `client_out` required; `err_out` optional
/// (NULL = no error details).
///
/// # Safety
/// `config` is NULL or live; `client_out` and `err_out` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_huawei_client_new(
    config: *const cloudphone_huawei_config,
    timeout_ms: u64,
    client_out: *mut *mut cloudphone_huawei_client,
    err_out: *mut *mut cloudphone_error,
) -> cloudphone_status {
    guard(err_out, || {
        #[cfg(feature = "client")]
        {
            // SAFETY: per the function contract.
            unsafe {
                client_into(client_out, timeout_ms, |t| {
                    let cfg = &arg_ref(config, "config")?.inner;
                    let mut b = cloudphone::client::HuaweiClient::builder()
                        .endpoint(cfg.endpoint().as_str())
                        .project_id(cfg.project_id())
                        .auth(cfg.auth().clone());
                    if let Some(t) = t {
                        b = b.timeout(t);
                    }
                    Ok(cloudphone_huawei_client { inner: b.build()? })
                })
            }
        }
        #[cfg(not(feature = "client"))]
        {
            let _ = (config, timeout_ms, client_out);
            Err(unsupported())
        }
    })
}

/// Frees a Huawei client. NULL is a no-op; must not be called twice.
///
/// Pointers: `client` optional (NULL = no-op).
///
/// # Safety
/// `client` is NULL or a live client no other thread is using.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_huawei_client_free(client: *mut cloudphone_huawei_client) {
    // SAFETY: per the function contract.
    guard_or((), || unsafe { free_box(client) })
}

/// Gets access information for any number of phones in one blocking call:
/// split into calls of at most 10, sent in parallel, retried where safe and
/// merged so that every distinct id is in the outcome exactly once
/// (succeeded, failed or missing). Fails only for invalid input; per-call
/// failures land in the outcome's failed list.
///
/// Pointers: `client` required; `phone_ids` required unless its length is 0
/// ((NULL, 0) = empty); `client_type` required; `outcome_out` required;
/// `err_out` optional (NULL = no error details).
///
/// # Safety
/// `client` is NULL or live; `phone_ids` is `(NULL, 0)` or `phone_ids_len`
/// NUL-terminated strings; `client_type` NULL or NUL-terminated;
/// `outcome_out` and `err_out` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_huawei_client_show_connect_infos(
    client: *const cloudphone_huawei_client,
    phone_ids: *const *const c_char,
    phone_ids_len: usize,
    client_type: *const c_char,
    outcome_out: *mut *mut cloudphone_batch_outcome,
    err_out: *mut *mut cloudphone_error,
) -> cloudphone_status {
    guard(err_out, || {
        #[cfg(feature = "client")]
        {
            arg_out(outcome_out, "outcome_out")?;
            // SAFETY: per the function contract.
            let (client, ids, client_type) = unsafe {
                (
                    arg_ref(client, "client")?,
                    arg_str_array(phone_ids, phone_ids_len, "phone_ids")?,
                    arg_str(client_type, "client_type")?,
                )
            };
            let ct: cloudphone::huawei::ClientType = client_type.parse()?;
            let outcome = client.inner.batch_connection(ids, ct)?;
            let handle = cloudphone_batch_outcome::new(Outcome::Connection(outcome));
            // SAFETY: checked above.
            unsafe { write_out(outcome_out, handle) };
            FfiResult::Ok(())
        }
        #[cfg(not(feature = "client"))]
        {
            let _ = (client, phone_ids, phone_ids_len, client_type, outcome_out);
            Err(unsupported())
        }
    })
}

/// Creates a GeeLark client from a configuration (endpoint, credentials;
/// copied). `timeout_ms` as for `cloudphone_huawei_client_new`.
///
/// Pointers: `config` required; `client_out` required; `err_out` optional
/// (NULL = no error details).
///
/// # Safety
/// `config` is NULL or live; `client_out` and `err_out` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_client_new(
    config: *const cloudphone_geelark_config,
    timeout_ms: u64,
    client_out: *mut *mut cloudphone_geelark_client,
    err_out: *mut *mut cloudphone_error,
) -> cloudphone_status {
    guard(err_out, || {
        #[cfg(feature = "client")]
        {
            // SAFETY: per the function contract.
            unsafe {
                client_into(client_out, timeout_ms, |t| {
                    let cfg = &arg_ref(config, "config")?.inner;
                    let mut b = cloudphone::client::GeeLarkClient::builder()
                        .endpoint(cfg.endpoint().as_str());
                    b = match cfg.auth() {
                        cloudphone::geelark::Auth::Key { app_id, api_key } => {
                            b.key(app_id.expose(), api_key.expose())
                        }
                        cloudphone::geelark::Auth::Token(t) => b.token(t.expose()),
                        _ => {
                            return Err(
                                cloudphone::Error::Unsupported("this GeeLark auth mode").into()
                            );
                        }
                    };
                    if let Some(t) = t {
                        b = b.timeout(t);
                    }
                    Ok(cloudphone_geelark_client { inner: b.build()? })
                })
            }
        }
        #[cfg(not(feature = "client"))]
        {
            let _ = (config, timeout_ms, client_out);
            Err(unsupported())
        }
    })
}

/// Frees a GeeLark client. NULL is a no-op; must not be called twice.
///
/// Pointers: `client` optional (NULL = no-op).
///
/// # Safety
/// `client` is NULL or a live client no other thread is using.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_client_free(client: *mut cloudphone_geelark_client) {
    // SAFETY: per the function contract.
    guard_or((), || unsafe { free_box(client) })
}

/// Gets the status of any number of phones in one blocking call (calls of
/// at most 100, within the rate limit, merged as for
/// `cloudphone_huawei_client_show_connect_infos`).
///
/// Pointers: `client` required; `ids` required unless its length is 0 ((NULL,
/// 0) = empty); `outcome_out` required; `err_out` optional (NULL = no error
/// details).
///
/// # Safety
/// `client` is NULL or live; `ids` is `(NULL, 0)` or `ids_len`
/// NUL-terminated strings; `outcome_out` and `err_out` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_client_get_phone_status(
    client: *const cloudphone_geelark_client,
    ids: *const *const c_char,
    ids_len: usize,
    outcome_out: *mut *mut cloudphone_batch_outcome,
    err_out: *mut *mut cloudphone_error,
) -> cloudphone_status {
    guard(err_out, || {
        #[cfg(feature = "client")]
        {
            arg_out(outcome_out, "outcome_out")?;
            // SAFETY: per the function contract.
            let (client, ids) = unsafe {
                (
                    arg_ref(client, "client")?,
                    arg_str_array(ids, ids_len, "ids")?,
                )
            };
            let outcome = client.inner.phone_status(ids)?;
            let handle = cloudphone_batch_outcome::new(Outcome::Status(outcome));
            // SAFETY: checked above.
            unsafe { write_out(outcome_out, handle) };
            FfiResult::Ok(())
        }
        #[cfg(not(feature = "client"))]
        {
            let _ = (client, ids, ids_len, outcome_out);
            Err(unsupported())
        }
    })
}

// ------------------------------------------------- from the environment

/// Creates a Huawei client from the environment: `HUAWEICLOUD_SDK_AK`,
/// `HUAWEICLOUD_SDK_SK`, optional `HUAWEICLOUD_SDK_SECURITY_TOKEN`,
/// `HUAWEICLOUD_SDK_PROJECT_ID`, and `HUAWEICLOUD_SDK_REGION` or
/// `CLOUDPHONE_HUAWEI_ENDPOINT` (the variables the official SDKs read).
/// `timeout_ms` as for `cloudphone_huawei_client_new`. A missing or invalid
/// variable fails with `CLOUDPHONE_STATUS_INVALID_INPUT` naming it; no
/// request is sent.
///
/// Pointers: `client_out` required; `err_out` optional (NULL = no error
/// details).
///
/// # Safety
/// `client_out` and `err_out` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_huawei_client_from_env(
    timeout_ms: u64,
    client_out: *mut *mut cloudphone_huawei_client,
    err_out: *mut *mut cloudphone_error,
) -> cloudphone_status {
    guard(err_out, || {
        #[cfg(feature = "client")]
        {
            // SAFETY: per the function contract.
            unsafe {
                client_into(client_out, timeout_ms, |t| {
                    let b = cloudphone::client::HuaweiClient::builder().from_env();
                    let b = if let Some(t) = t { b.timeout(t) } else { b };
                    Ok(cloudphone_huawei_client { inner: b.build()? })
                })
            }
        }
        #[cfg(not(feature = "client"))]
        {
            let _ = (timeout_ms, client_out);
            Err(unsupported())
        }
    })
}

/// Creates a GeeLark client from the environment:
/// `CLOUDPHONE_GEELARK_APP_ID` + `CLOUDPHONE_GEELARK_API_KEY` (key mode) or
/// `CLOUDPHONE_GEELARK_TOKEN`, optional `CLOUDPHONE_GEELARK_ENDPOINT`.
/// Otherwise as `cloudphone_huawei_client_from_env`.
///
/// Pointers: `client_out` required; `err_out` optional (NULL = no error
/// details).
///
/// # Safety
/// `client_out` and `err_out` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_client_from_env(
    timeout_ms: u64,
    client_out: *mut *mut cloudphone_geelark_client,
    err_out: *mut *mut cloudphone_error,
) -> cloudphone_status {
    guard(err_out, || {
        #[cfg(feature = "client")]
        {
            // SAFETY: per the function contract.
            unsafe {
                client_into(client_out, timeout_ms, |t| {
                    let b = cloudphone::client::GeeLarkClient::builder().from_env();
                    let b = if let Some(t) = t { b.timeout(t) } else { b };
                    Ok(cloudphone_geelark_client { inner: b.build()? })
                })
            }
        }
        #[cfg(not(feature = "client"))]
        {
            let _ = (timeout_ms, client_out);
            Err(unsupported())
        }
    })
}

// ------------------------------------------------------- any operation

/// The body of both `_client_call` exports: `client` is the provider's
/// client, which the request's own call function checks.
///
/// # Safety
/// `request` is NULL or live; `result_out` NULL or writable.
#[cfg(feature = "client")]
unsafe fn call_into(
    client: &dyn std::any::Any,
    request: *const cloudphone_request,
    result_out: *mut *mut cloudphone_result,
) -> FfiResult<()> {
    arg_out(result_out, "result_out")?;
    // SAFETY: per the function contract.
    let request = unsafe { arg_ref(request, "request") }?;
    let result = request.call_with(client)?;
    // SAFETY: checked above.
    unsafe { write_out(result_out, result) };
    Ok(())
}

#[cfg(feature = "client")]
impl cloudphone_huawei_client {
    fn inner(&self) -> &dyn std::any::Any {
        &self.inner
    }
}

#[cfg(feature = "client")]
impl cloudphone_geelark_client {
    fn inner(&self) -> &dyn std::any::Any {
        &self.inner
    }
}

/// Makes one call of any Huawei operation, in one blocking call: `request` — built with the
/// operation's `_build` function and any configuration — says which
/// operation with which arguments; the client signs it afresh with its own
/// credentials and clock (the built request's headers are not reused),
/// sends it with its timeouts and safe retries, refreshes an IAM token when
/// needed, and parses the answer as `cloudphone_request_parse` would.
/// One call of up to the operation's per-call limit: for any number of ids,
/// `cloudphone_huawei_client_show_connect_infos` fans out and merges. A
/// GeeLark request is refused with `CLOUDPHONE_STATUS_INVALID_INPUT`.
///
/// Pointers: `client` required; `request` required; `result_out` required;
/// `err_out` optional (NULL = no error details).
///
/// # Safety
/// `client` and `request` NULL or live; `result_out` and `err_out` NULL or
/// writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_huawei_client_call(
    client: *const cloudphone_huawei_client,
    request: *const cloudphone_request,
    result_out: *mut *mut cloudphone_result,
    err_out: *mut *mut cloudphone_error,
) -> cloudphone_status {
    guard(err_out, || {
        #[cfg(feature = "client")]
        {
            // SAFETY: per the function contract.
            unsafe { call_into(arg_ref(client, "client")?.inner(), request, result_out) }
        }
        #[cfg(not(feature = "client"))]
        {
            let _ = (client, request, result_out);
            Err(unsupported())
        }
    })
}

/// `cloudphone_huawei_client_call` for GeeLark operations: within the
/// documented rate limit, with the client's own trace ids.
///
/// Pointers: `client` required; `request` required; `result_out` required;
/// `err_out` optional (NULL = no error details).
///
/// # Safety
/// As `cloudphone_huawei_client_call`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_client_call(
    client: *const cloudphone_geelark_client,
    request: *const cloudphone_request,
    result_out: *mut *mut cloudphone_result,
    err_out: *mut *mut cloudphone_error,
) -> cloudphone_status {
    guard(err_out, || {
        #[cfg(feature = "client")]
        {
            // SAFETY: per the function contract.
            unsafe { call_into(arg_ref(client, "client")?.inner(), request, result_out) }
        }
        #[cfg(not(feature = "client"))]
        {
            let _ = (client, request, result_out);
            Err(unsupported())
        }
    })
}
