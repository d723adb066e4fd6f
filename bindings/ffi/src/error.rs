//! `cloudphone_error`: the owned error a fallible function stores into its
//! optional trailing `cloudphone_error **err_out`.

use std::ffi::c_char;

use super::guard::{FfiError, free_box, guard_or};
use super::types::{NulStr, cloudphone_status, cloudphone_str, opt_view};
use cloudphone::error::Error;

/// An error: status, message and, when a provider answered, its HTTP status,
/// code and request id. Stored by a failing function into `*err_out` (when
/// `err_out` is not NULL); owned by the caller, freed with
/// `cloudphone_error_free`. Messages never contain a credential.
///
/// Thread safety: immutable; may be read from several threads at once and
/// freed from any thread.
pub struct cloudphone_error {
    status: cloudphone_status,
    message: NulStr,
    http_status: u16,
    provider: Option<&'static [u8]>,
    provider_code: Option<NulStr>,
    request_id: Option<NulStr>,
    retry_after_secs: Option<u64>,
    /// The core error, when there is one (used by the batch merge).
    pub(crate) error: Option<Error>,
}

impl cloudphone_error {
    pub(crate) fn message(&self) -> &str {
        self.message.as_str()
    }

    pub(crate) fn from_ffi(e: FfiError) -> cloudphone_error {
        let status = e.status();
        let mut out = cloudphone_error {
            status,
            message: NulStr::new(""),
            http_status: 0,
            provider: None,
            provider_code: None,
            request_id: None,
            retry_after_secs: None,
            error: None,
        };
        out.message = match e {
            FfiError::Null(name) => NulStr::from_string(format!("argument `{name}` is NULL")),
            FfiError::Utf8(name) => {
                NulStr::from_string(format!("argument `{name}` is not valid UTF-8"))
            }
            FfiError::Panic => NulStr::new(
                "internal error: a panic was caught at the C boundary (a bug in cloudphone; please report it)",
            ),
            FfiError::Core(err) => {
                out.http_status = err.http_status().unwrap_or(0);
                if let Some(api) = err.api() {
                    out.provider = Some(match api.provider.as_str() {
                        "huawei" => b"huawei\0",
                        _ => b"geelark\0",
                    });
                    out.provider_code = Some(NulStr::new(&api.code));
                    out.request_id = NulStr::opt(api.request_id.as_deref());
                    out.retry_after_secs = api.retry_after_secs;
                }
                let message = NulStr::from_string(err.to_string());
                out.error = Some(err);
                message
            }
        };
        out
    }
}

/// Frees an error. NULL is a no-op; must not be called twice on the same
/// error.
///
/// Pointers: `err` optional (NULL = no-op).
///
/// # Safety
/// `err` is NULL or an error returned through `err_out` and not yet freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_error_free(err: *mut cloudphone_error) {
    // SAFETY: per the function contract.
    guard_or((), || unsafe { free_box(err) })
}

/// The error's status (never `CLOUDPHONE_STATUS_OK` for a real error;
/// `CLOUDPHONE_STATUS_NULL_ARGUMENT` when `err` is NULL).
///
/// Pointers: `err` optional (NULL = the neutral value above).
///
/// # Safety
/// `err` is NULL or a live error.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_error_status(
    err: *const cloudphone_error,
) -> cloudphone_status {
    guard_or(cloudphone_status::Panic, || {
        // SAFETY: per the function contract.
        unsafe { err.as_ref() }.map_or(cloudphone_status::NullArgument, |e| e.status)
    })
}

/// The human-readable message (UTF-8), e.g.
/// `huawei API error CPS.0005 (HTTP 404): Phone not found. [request id ...]`.
/// `{NULL, 0}` when `err` is NULL.
///
/// Pointers: `err` optional (NULL = the neutral value above).
///
/// # Safety
/// `err` is NULL or a live error; the view lives as long as `err`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_error_message(err: *const cloudphone_error) -> cloudphone_str {
    guard_or(cloudphone_str::NONE, || {
        // SAFETY: per the function contract.
        unsafe { err.as_ref() }.map_or(cloudphone_str::NONE, |e| e.message.view())
    })
}

/// The HTTP status of the response the error came from, or 0 when no
/// response was involved.
///
/// Pointers: `err` optional (NULL = the neutral value above).
///
/// # Safety
/// `err` is NULL or a live error.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_error_http_status(err: *const cloudphone_error) -> u16 {
    guard_or(0, || {
        // SAFETY: per the function contract.
        unsafe { err.as_ref() }.map_or(0, |e| e.http_status)
    })
}

/// Which provider answered with the error: `"huawei"` or `"geelark"`;
/// `{NULL, 0}` when the error is not a provider's.
///
/// Pointers: `err` optional (NULL = the neutral value above).
///
/// # Safety
/// `err` is NULL or a live error; the view is static.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_error_provider(err: *const cloudphone_error) -> cloudphone_str {
    guard_or(cloudphone_str::NONE, || {
        // SAFETY: per the function contract.
        match unsafe { err.as_ref() }.and_then(|e| e.provider) {
            Some(p) => cloudphone_str::from_static(p),
            None => cloudphone_str::NONE,
        }
    })
}

/// The provider's error code (`CPS.0005`, `APIGW.0301`, `42001`, or the HTTP
/// status as text when the body carried none); `{NULL, 0}` when the error is
/// not a provider's.
///
/// Pointers: `err` optional (NULL = the neutral value above).
///
/// # Safety
/// `err` is NULL or a live error; the view lives as long as `err`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_error_provider_code(
    err: *const cloudphone_error,
) -> cloudphone_str {
    guard_or(cloudphone_str::NONE, || {
        // SAFETY: per the function contract.
        unsafe { err.as_ref() }.map_or(cloudphone_str::NONE, |e| opt_view(&e.provider_code))
    })
}

/// The provider's request id (Huawei `request_id` / `X-Request-Id`, GeeLark
/// `traceId`) for support tickets; `{NULL, 0}` when unknown.
///
/// Pointers: `err` optional (NULL = the neutral value above).
///
/// # Safety
/// `err` is NULL or a live error; the view lives as long as `err`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_error_request_id(
    err: *const cloudphone_error,
) -> cloudphone_str {
    guard_or(cloudphone_str::NONE, || {
        // SAFETY: per the function contract.
        unsafe { err.as_ref() }.map_or(cloudphone_str::NONE, |e| opt_view(&e.request_id))
    })
}

/// Seconds to wait before retrying, from the response's `Retry-After`; -1
/// when the response gave none (or `err` is NULL).
///
/// Pointers: `err` optional (NULL = the neutral value above).
///
/// # Safety
/// `err` is NULL or a live error.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_error_retry_after_secs(err: *const cloudphone_error) -> i64 {
    guard_or(-1, || {
        // SAFETY: per the function contract.
        unsafe { err.as_ref() }
            .and_then(|e| e.retry_after_secs)
            .map_or(-1, |s| i64::try_from(s).unwrap_or(i64::MAX))
    })
}

/// The short stable name of a status (`"ok"`, `"rate_limited"`, ...) as a
/// static NUL-terminated string; `"unknown"` for a number that is not a
/// status. Never NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_status_name(status: u32) -> *const c_char {
    guard_or(c"unknown".as_ptr(), || {
        cloudphone_status::ALL
            .iter()
            .find(|s| **s as u32 == status)
            .map_or(c"unknown".as_ptr(), |s| s.name_c().as_ptr().cast())
    })
}
