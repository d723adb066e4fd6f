//! The panic boundary and the argument helpers every export goes through.
//!
//! Every exported function's body runs inside [`guard`] (fallible functions)
//! or [`guard_or`] (accessors), so a panic never unwinds into C (which would
//! abort the host since Rust 1.81) and instead becomes
//! `CLOUDPHONE_STATUS_PANIC` or the accessor's neutral value. Arguments are
//! read through the helpers below, which refuse NULL and invalid UTF-8
//! before anything dereferences them.

use std::ffi::{CStr, c_char};
use std::panic::{AssertUnwindSafe, catch_unwind};

use super::error::cloudphone_error;
use super::types::{cloudphone_response_header, cloudphone_status};
use cloudphone::error::Error;
use cloudphone::http::Response;

/// Why an exported function failed.
pub(crate) enum FfiError {
    /// A required pointer argument was NULL.
    Null(&'static str),
    /// A string argument was not UTF-8.
    Utf8(&'static str),
    /// The core refused the input or the response.
    Core(Error),
    /// A panic was caught.
    Panic,
}

impl From<Error> for FfiError {
    fn from(e: Error) -> Self {
        FfiError::Core(e)
    }
}

impl FfiError {
    pub(crate) fn status(&self) -> cloudphone_status {
        match self {
            FfiError::Null(_) => cloudphone_status::NullArgument,
            FfiError::Utf8(_) => cloudphone_status::InvalidUtf8,
            FfiError::Core(e) => e.kind().into(),
            FfiError::Panic => cloudphone_status::Panic,
        }
    }
}

pub(crate) type FfiResult<T> = Result<T, FfiError>;

/// Runs the body of a fallible export: returns its status and, on failure,
/// stores an owned error into `*err_out` when `err_out` is not NULL. On
/// success `*err_out` is left untouched.
pub(crate) fn guard(
    err_out: *mut *mut cloudphone_error,
    body: impl FnOnce() -> FfiResult<()>,
) -> cloudphone_status {
    let failure = match catch_unwind(AssertUnwindSafe(body)) {
        Ok(Ok(())) => return cloudphone_status::Ok,
        Ok(Err(e)) => e,
        Err(_) => FfiError::Panic,
    };
    let status = failure.status();
    if !err_out.is_null() {
        // Building the error cannot be allowed to unwind either.
        if let Ok(e) = catch_unwind(AssertUnwindSafe(|| cloudphone_error::from_ffi(failure))) {
            // SAFETY: the caller passed a non-NULL `err_out` that points to
            // writable storage for one pointer (documented contract).
            unsafe { *err_out = Box::into_raw(Box::new(e)) };
        }
    }
    status
}

/// Runs the body of an infallible export (accessor, free): a panic gives
/// `default`.
pub(crate) fn guard_or<T>(default: T, body: impl FnOnce() -> T) -> T {
    catch_unwind(AssertUnwindSafe(body)).unwrap_or(default)
}

/// Borrows a handle, refusing NULL.
///
/// # Safety
/// `p` is NULL or a valid pointer to a live `T` for `'a`.
pub(crate) unsafe fn arg_ref<'a, T>(p: *const T, name: &'static str) -> FfiResult<&'a T> {
    // SAFETY: per the function contract.
    unsafe { p.as_ref() }.ok_or(FfiError::Null(name))
}

/// Borrows a handle mutably, refusing NULL.
///
/// # Safety
/// `p` is NULL or a valid, unaliased pointer to a live `T` for `'a`.
pub(crate) unsafe fn arg_mut<'a, T>(p: *mut T, name: &'static str) -> FfiResult<&'a mut T> {
    // SAFETY: per the function contract.
    unsafe { p.as_mut() }.ok_or(FfiError::Null(name))
}

/// Checks an output pointer before any work is done.
pub(crate) fn arg_out<T>(p: *mut *mut T, name: &'static str) -> FfiResult<()> {
    if p.is_null() {
        Err(FfiError::Null(name))
    } else {
        Ok(())
    }
}

/// Moves `value` to the heap and writes the owning pointer to `*out`.
///
/// # Safety
/// `out` was checked by [`arg_out`] and points to writable storage.
pub(crate) unsafe fn write_out<T>(out: *mut *mut T, value: T) {
    // SAFETY: per the function contract.
    unsafe { *out = Box::into_raw(Box::new(value)) };
}

/// Frees a handle made by [`write_out`]; NULL is a no-op.
///
/// # Safety
/// `p` is NULL or was produced by [`write_out`] for the same `T` and has not
/// been freed.
pub(crate) unsafe fn free_box<T>(p: *mut T) {
    if !p.is_null() {
        // SAFETY: per the function contract.
        drop(unsafe { Box::from_raw(p) });
    }
}

/// Reads a required NUL-terminated UTF-8 string argument.
///
/// # Safety
/// `p` is NULL or points to a NUL-terminated string valid for `'a`.
pub(crate) unsafe fn arg_str<'a>(p: *const c_char, name: &'static str) -> FfiResult<&'a str> {
    if p.is_null() {
        return Err(FfiError::Null(name));
    }
    // SAFETY: non-NULL and NUL-terminated per the function contract.
    unsafe { CStr::from_ptr(p) }
        .to_str()
        .map_err(|_| FfiError::Utf8(name))
}

/// Reads an optional NUL-terminated UTF-8 string argument (NULL = absent).
///
/// # Safety
/// As [`arg_str`].
pub(crate) unsafe fn arg_opt_str<'a>(
    p: *const c_char,
    name: &'static str,
) -> FfiResult<Option<&'a str>> {
    if p.is_null() {
        Ok(None)
    } else {
        // SAFETY: per the function contract.
        unsafe { arg_str(p, name) }.map(Some)
    }
}

/// Reads a `(ptr, len)` byte slice; `(NULL, 0)` is the empty slice.
///
/// # Safety
/// `p` is NULL with `len == 0`, or points to `len` readable bytes for `'a`.
pub(crate) unsafe fn arg_bytes<'a>(
    p: *const u8,
    len: usize,
    name: &'static str,
) -> FfiResult<&'a [u8]> {
    if len == 0 {
        return Ok(&[]);
    }
    if p.is_null() {
        return Err(FfiError::Null(name));
    }
    // SAFETY: non-NULL, `len` readable bytes per the function contract.
    Ok(unsafe { std::slice::from_raw_parts(p, len) })
}

/// Reads a `(ptr, len)` array of structs; `(NULL, 0)` is the empty slice.
///
/// # Safety
/// As [`arg_bytes`], for `len` values of `T`.
pub(crate) unsafe fn arg_slice<'a, T>(
    p: *const T,
    len: usize,
    name: &'static str,
) -> FfiResult<&'a [T]> {
    if len == 0 {
        return Ok(&[]);
    }
    if p.is_null() {
        return Err(FfiError::Null(name));
    }
    // SAFETY: non-NULL, `len` readable values per the function contract.
    Ok(unsafe { std::slice::from_raw_parts(p, len) })
}

/// Reads an array of `len` NUL-terminated UTF-8 strings; `(NULL, 0)` is empty.
///
/// # Safety
/// `p` is NULL with `len == 0`, or points to `len` pointers, each NULL or a
/// NUL-terminated string, valid for `'a`.
pub(crate) unsafe fn arg_str_array<'a>(
    p: *const *const c_char,
    len: usize,
    name: &'static str,
) -> FfiResult<Vec<&'a str>> {
    // SAFETY: per the function contract.
    let ptrs = unsafe { arg_slice(p, len, name) }?;
    ptrs.iter()
        // SAFETY: each element is NULL or a NUL-terminated string.
        .map(|&s| unsafe { arg_str(s, name) })
        .collect()
}

/// Assembles a [`Response`] from the parse functions' C arguments.
///
/// # Safety
/// `headers`/`headers_len` and `body`/`body_len` as in [`arg_slice`] and
/// [`arg_bytes`]; each header's `name` and `value` NULL or NUL-terminated.
pub(crate) unsafe fn arg_response(
    status: u16,
    headers: *const cloudphone_response_header,
    headers_len: usize,
    body: *const u8,
    body_len: usize,
) -> FfiResult<Response> {
    // SAFETY: per the function contract.
    let headers = unsafe { arg_slice(headers, headers_len, "headers") }?;
    // SAFETY: per the function contract.
    let body = unsafe { arg_bytes(body, body_len, "body") }?;
    let mut out = Response {
        status,
        headers: Vec::with_capacity(headers.len()),
        body: body.to_vec(),
    };
    for h in headers {
        let text = |p: *const c_char, len: usize, name| -> FfiResult<String> {
            // SAFETY: (NULL, 0) or `len` readable bytes per the function
            // contract.
            let bytes = unsafe { arg_bytes(p.cast::<u8>(), len, name) }?;
            Ok(String::from_utf8_lossy(bytes).into_owned())
        };
        out.headers.push((
            text(h.name, h.name_len, "headers[].name")?,
            text(h.value, h.value_len, "headers[].value")?,
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_in_a_fallible_body_becomes_the_panic_status_and_an_error() {
        let mut err: *mut cloudphone_error = std::ptr::null_mut();
        let status = guard(&mut err, || panic!("boom"));
        assert_eq!(status, cloudphone_status::Panic);
        assert!(!err.is_null(), "an error object is written for the panic");
        // SAFETY: `guard` wrote an owned error above.
        let e = unsafe { Box::from_raw(err) };
        // SAFETY: `e` is a live error.
        let status = unsafe { super::super::error::cloudphone_error_status(&*e) };
        assert_eq!(status, cloudphone_status::Panic);
        assert!(e.message().contains("panic was caught"), "{}", e.message());
        // Without an err_out the status alone comes back.
        assert_eq!(
            guard(std::ptr::null_mut(), || panic!("boom")),
            cloudphone_status::Panic
        );
    }

    #[test]
    fn a_panic_in_an_accessor_gives_its_neutral_value() {
        assert_eq!(guard_or(7u32, || panic!("boom")), 7);
        assert_eq!(guard_or(0usize, || 42), 42);
    }
}
