//! What every parse function shares: reading the response arguments, the
//! per-item failure view, JSON output and the owned `cloudphone_string`.

use std::ffi::c_char;

use serde::Serialize;

use super::guard::{FfiError, FfiResult, arg_out, free_box, guard, guard_or, write_out};
use super::types::{
    FromIn, NulStr, StrArena, Text, cloudphone_status, cloudphone_str, cloudphone_string,
};
use cloudphone::batch::ItemFailure;
use cloudphone::error::ErrorKind;

use super::error::cloudphone_error;

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
/// Pointers: `failure` optional (NULL = the neutral value above).
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
/// Pointers: `failure` optional (NULL = the neutral value above).
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
/// Pointers: `failure` optional (NULL = the neutral value above).
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
/// Pointers: `failure` optional (NULL = the neutral value above).
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
/// Pointers: `string` optional (NULL = the neutral value above).
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
/// Pointers: `string` optional (NULL = no-op).
///
/// # Safety
/// `string` is NULL or a live string no other thread is using.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_string_free(string: *mut cloudphone_string) {
    // SAFETY: per the function contract.
    guard_or((), || unsafe { free_box(string) })
}

/// The size of a buffer for `cloudphone_trace_id_format`: a trace id's 32
/// characters and their NUL.
pub const CLOUDPHONE_TRACE_ID_SIZE: usize = 33;

/// Writes the GeeLark trace id made of 16 random bytes (32 uppercase hex
/// characters, the format the official GeeLark CLI sends, then a NUL) into
/// the host's buffer, ready to pass as a build's `trace_id`: one call, no
/// allocation. The library draws no random numbers: the host supplies them
/// (e.g. `getrandom`, `arc4random_buf`, `BCryptGenRandom`).
///
/// - `random16`: required, 16 readable bytes.
/// - `trace_id_out`: required, `trace_id_size` writable bytes, at least
///   `CLOUDPHONE_TRACE_ID_SIZE`; written only on success.
/// - `err_out`: optional (NULL = no error details).
///
/// # Safety
/// `random16` is NULL or points to 16 readable bytes; `trace_id_out` is
/// NULL or points to `trace_id_size` writable bytes; `err_out` is NULL or
/// writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_trace_id_format(
    random16: *const u8,
    trace_id_out: *mut c_char,
    trace_id_size: usize,
    err_out: *mut *mut cloudphone_error,
) -> cloudphone_status {
    guard(err_out, || {
        if random16.is_null() {
            return Err(FfiError::Null("random16"));
        }
        if trace_id_out.is_null() {
            return Err(FfiError::Null("trace_id_out"));
        }
        if trace_id_size < CLOUDPHONE_TRACE_ID_SIZE {
            return Err(cloudphone::error::invalid(
                "trace_id_size",
                format!("is {trace_id_size}; the buffer needs CLOUDPHONE_TRACE_ID_SIZE ({CLOUDPHONE_TRACE_ID_SIZE}) bytes"),
            )
            .into());
        }
        let mut bytes = [0u8; 16];
        // SAFETY: non-NULL and 16 readable bytes per the function contract.
        bytes.copy_from_slice(unsafe { std::slice::from_raw_parts(random16, 16) });
        let text = cloudphone::op::format_trace_id(bytes);
        debug_assert_eq!(text.len() + 1, CLOUDPHONE_TRACE_ID_SIZE);
        // SAFETY: non-NULL with at least 33 writable bytes (checked above,
        // per the function contract); the text is ASCII without NUL.
        unsafe {
            std::ptr::copy_nonoverlapping(text.as_ptr(), trace_id_out.cast::<u8>(), text.len());
            *trace_id_out.add(text.len()) = 0;
        }
        Ok(())
    })
}
