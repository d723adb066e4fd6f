//! What every parse function shares: reading the response arguments, the
//! per-item failure view, JSON output and the owned `cloudphone_string`.

use serde::Serialize;

use super::guard::{
    FfiError, FfiResult, arg_out, arg_ref, arg_response, free_box, guard, guard_or, write_out,
};
use super::request::{cloudphone_request, parse_response};
use super::types::{
    FromIn, NulStr, StrArena, Text, cloudphone_response_header, cloudphone_status, cloudphone_str,
    cloudphone_string,
};
use cloudphone::batch::ItemFailure;
use cloudphone::error::ErrorKind;
use cloudphone::op::Operation;

use super::error::cloudphone_error;

/// The body of every operation's parse export: reads the C arguments,
/// parses with the operation that built `request`, converts the output into
/// its handle and writes it to `*out` (only on success).
///
/// # Safety
/// As documented on the parse exports.
#[allow(clippy::too_many_arguments)]
pub(crate) unsafe fn parse_into<O, H>(
    request: *const cloudphone_request,
    http_status: u16,
    headers: *const cloudphone_response_header,
    headers_len: usize,
    body: *const u8,
    body_len: usize,
    out: *mut *mut H,
    into_handle: impl FnOnce(O::Output) -> H,
) -> FfiResult<()>
where
    O: Operation + 'static,
{
    arg_out(out, "result_out")?;
    // SAFETY: per the function contract.
    let request = unsafe { arg_ref(request, "request") }?;
    // The sans-IO size cap (16 MiB, `DEFAULT_MAX_BODY_LEN`), checked
    // before the body is copied: a C host has no per-call setting yet, and
    // knows `body_len` before calling, so it can apply a lower cap itself.
    cloudphone::op::check_body_len(O::NAME, body_len, cloudphone::op::DEFAULT_MAX_BODY_LEN)?;
    // SAFETY: per the function contract.
    let response = unsafe { arg_response(http_status, headers, headers_len, body, body_len) }?;
    let output = parse_response::<O>(request, &response)?;
    // SAFETY: checked above.
    unsafe { write_out(out, into_handle(output)) };
    Ok(())
}

/// Serialises `value` to JSON into a new `cloudphone_string` at `*out`.
///
/// # Safety
/// `out` is NULL or writable.
pub(crate) unsafe fn json_out<T: Serialize>(
    value: FfiResult<&T>,
    out: *mut *mut cloudphone_string,
) -> FfiResult<()> {
    arg_out(out, "json_out")?;
    let value = value?;
    let text = serde_json::to_string(value).map_err(|e| {
        FfiError::Core(cloudphone::error::invalid(
            "value",
            format!("cannot be written as JSON: {e}"),
        ))
    })?;
    // SAFETY: checked above.
    unsafe {
        write_out(
            out,
            cloudphone_string {
                text: NulStr::from_string(text),
            },
        )
    };
    Ok(())
}

/// One id that failed: the provider's per-item error, or the error that sank
/// the whole call carrying it (in a batch outcome). Borrowed from the result
/// or outcome it was read from.
///
/// Thread safety: immutable, as its owner.
pub struct cloudphone_item_failure {
    id: Text,
    kind: ErrorKind,
    code: Text,
    message: Text,
}

impl FromIn<ItemFailure> for cloudphone_item_failure {
    fn from_in(f: &ItemFailure, arena: &mut StrArena) -> Self {
        cloudphone_item_failure {
            id: arena.put(&f.id),
            kind: f.kind,
            code: arena.put(&f.code),
            message: arena.put(&f.message),
        }
    }
}

/// The id that failed (`{NULL, 0}` when `failure` is NULL).
///
/// # Safety
/// `failure` is NULL or a live failure; the view lives as long as it.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_item_failure_id(
    failure: *const cloudphone_item_failure,
) -> cloudphone_str {
    guard_or(cloudphone_str::NONE, || {
        // SAFETY: per the function contract.
        unsafe { failure.as_ref() }.map_or(cloudphone_str::NONE, |f| f.id.view())
    })
}

/// `CLOUDPHONE_STATUS_API` for a provider's per-item error; for an id whose
/// whole call failed, that call's status (e.g. `CLOUDPHONE_STATUS_RATE_LIMITED`).
/// `CLOUDPHONE_STATUS_NULL_ARGUMENT` when `failure` is NULL.
///
/// # Safety
/// `failure` is NULL or a live failure.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_item_failure_status(
    failure: *const cloudphone_item_failure,
) -> cloudphone_status {
    guard_or(cloudphone_status::Panic, || {
        // SAFETY: per the function contract.
        unsafe { failure.as_ref() }.map_or(cloudphone_status::NullArgument, |f| f.kind.into())
    })
}

/// The provider's code (`CPS.0005`, `42001`), or for a failed call its
/// error's code. `{NULL, 0}` when `failure` is NULL.
///
/// # Safety
/// `failure` is NULL or a live failure; the view lives as long as it.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_item_failure_code(
    failure: *const cloudphone_item_failure,
) -> cloudphone_str {
    guard_or(cloudphone_str::NONE, || {
        // SAFETY: per the function contract.
        unsafe { failure.as_ref() }.map_or(cloudphone_str::NONE, |f| f.code.view())
    })
}

/// The provider's message, or the failed call's error text. `{NULL, 0}`
/// when `failure` is NULL.
///
/// # Safety
/// `failure` is NULL or a live failure; the view lives as long as it.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_item_failure_message(
    failure: *const cloudphone_item_failure,
) -> cloudphone_str {
    guard_or(cloudphone_str::NONE, || {
        // SAFETY: per the function contract.
        unsafe { failure.as_ref() }.map_or(cloudphone_str::NONE, |f| f.message.view())
    })
}

/// The text of an owned string (`{NULL, 0}` when `string` is NULL).
///
/// # Safety
/// `string` is NULL or a live string; the view lives as long as it.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_string_view(
    string: *const cloudphone_string,
) -> cloudphone_str {
    guard_or(cloudphone_str::NONE, || {
        // SAFETY: per the function contract.
        unsafe { string.as_ref() }.map_or(cloudphone_str::NONE, |s| s.text.view())
    })
}

/// Frees an owned string. NULL is a no-op; must not be called twice.
///
/// # Safety
/// `string` is NULL or a live string no other thread is using.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_string_free(string: *mut cloudphone_string) {
    // SAFETY: per the function contract.
    guard_or((), || unsafe { free_box(string) })
}

/// Formats 16 random bytes as a GeeLark trace id (32 uppercase hex
/// characters, the format the official GeeLark CLI sends). The library
/// draws no random numbers: the host supplies them.
///
/// # Safety
/// `random16` is NULL or points to 16 readable bytes; `trace_id_out` and
/// `err_out` are NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_trace_id_format(
    random16: *const u8,
    trace_id_out: *mut *mut cloudphone_string,
    err_out: *mut *mut cloudphone_error,
) -> cloudphone_status {
    guard(err_out, || {
        arg_out(trace_id_out, "trace_id_out")?;
        if random16.is_null() {
            return Err(FfiError::Null("random16"));
        }
        let mut bytes = [0u8; 16];
        // SAFETY: non-NULL and 16 readable bytes per the function contract.
        bytes.copy_from_slice(unsafe { std::slice::from_raw_parts(random16, 16) });
        let text = NulStr::from_string(cloudphone::op::format_trace_id(bytes));
        // SAFETY: checked above.
        unsafe { write_out(trace_id_out, cloudphone_string { text }) };
        Ok(())
    })
}
