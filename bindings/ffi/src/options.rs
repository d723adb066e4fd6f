//! The optional settings of a build function, given as one JSON object
//! (`options_json`): NULL (or `{}`) for none. Each build function documents
//! the keys it takes; an unknown key or a value of the wrong type is refused
//! with `CLOUDPHONE_STATUS_INVALID_INPUT`, so a typo never goes unnoticed.

use std::ffi::c_char;

use serde::de::DeserializeOwned;

use super::guard::{FfiResult, arg_opt_str, arg_str};
use cloudphone::error::invalid;

/// Reads an optional JSON argument into `T` (its default when NULL).
///
/// # Safety
/// `p` is NULL or NUL-terminated.
pub(crate) unsafe fn json_arg<T: DeserializeOwned + Default>(
    p: *const c_char,
    name: &'static str,
) -> FfiResult<T> {
    // SAFETY: per the function contract.
    match unsafe { arg_opt_str(p, name) }? {
        None => Ok(T::default()),
        Some(text) => parse(text, name),
    }
}

/// Reads a required JSON argument into `T` (NULL is refused).
///
/// # Safety
/// `p` is NULL or NUL-terminated.
pub(crate) unsafe fn json_required<T: DeserializeOwned>(
    p: *const c_char,
    name: &'static str,
) -> FfiResult<T> {
    // SAFETY: per the function contract.
    parse(unsafe { arg_str(p, name) }?, name)
}

/// `text` as `T`, or the invalid-input error naming `name`.
fn parse<T: DeserializeOwned>(text: &str, name: &'static str) -> FfiResult<T> {
    Ok(serde_json::from_str(text).map_err(|e| {
        invalid(
            name,
            format!(
                "is not the documented JSON: {}",
                cloudphone::limits::shorten(e.to_string())
            ),
        )
    })?)
}

/// A JSON value that may be a string or a number, as a query value.
#[derive(serde::Deserialize)]
#[serde(untagged)]
pub(crate) enum Scalar {
    Text(String),
    Int(i64),
}

impl Scalar {
    pub(crate) fn into_string(self) -> String {
        match self {
            Scalar::Text(s) => s,
            Scalar::Int(n) => n.to_string(),
        }
    }
}
