//! The C ABI of cloudphone (`include/cloudphone.h`): its own crate, a
//! `cdylib` + `staticlib` named `libcloudphone.*`, so Rust users of the core
//! crate build no C artifacts. Design note: `docs/c-abi.md`; walkthrough:
//! `bindings/README.md`.
//!
//! # The sans-IO path
//!
//! For hosts with their own HTTP stack:
//!
//! 1. create a configuration (`cloudphone_huawei_config_new_aksk`,
//!    `cloudphone_geelark_config_new_key`, ...);
//! 2. build a request (`cloudphone_<provider>_<operation>_build`) from the
//!    configuration, the operation's arguments, the current time and a trace
//!    id, and send its method, URL, headers and body unchanged;
//! 3. parse the answer with `cloudphone_request_parse` — the request knows
//!    its operation — into the one `cloudphone_result`;
//! 4. for a listing, `cloudphone_request_next` builds the next page's
//!    request from the request and its result, or writes NULL when the
//!    listing is done.
//!
//! The operation name of the core (`Operation::NAME`, dots replaced by `_`)
//! gives the build's C name: `geelark.start_phones` →
//! `cloudphone_geelark_start_phones_build`; `tests/ffi_catalog.rs` fails when
//! an operation lacks it or the C tests do not run it through the generic
//! parse (and next, for a listing).
//!
//! A result answers with typed accessors (request id, envelope code, total,
//! items with id, neutral status and job id, per-item failures), typed views
//! for the C data types some operations return (connect infos, phone states,
//! an IAM token), a JSON pointer accessor (`cloudphone_result_field`) for any
//! other value, and `cloudphone_result_to_json`. Optional settings of a build
//! are one JSON object (`options_json`, NULL for none; unknown keys are
//! refused). Huawei jobs can be followed with the sans-IO
//! `cloudphone_huawei_job_watch`.
//!
//! For batches of any size, `cloudphone_batch_plan_new` splits the ids into
//! calls, and a `cloudphone_batch_merge` turns the calls' results and errors
//! into one `cloudphone_batch_outcome`: succeeded, failed, missing.
//!
//! # Conventions
//!
//! - Handles are opaque, made by `_new`/`_build`/`cloudphone_request_parse`,
//!   freed by their `_free`; `_free(NULL)` is a no-op.
//! - Fallible functions return `cloudphone_status` (0 = OK) and take a
//!   trailing optional `cloudphone_error **err_out`: when it is not NULL and
//!   the call fails, an owned error is stored there (free it with
//!   `cloudphone_error_free`). There is no thread-local "last error".
//! - Outputs are written only on success. Every pointer is checked for
//!   NULL. `(NULL, 0)` is an empty array. Strings in are NUL-terminated
//!   UTF-8 (checked), response headers (pointer, length) pairs; strings out
//!   are borrowed `cloudphone_str` views, also NUL-terminated, that live as
//!   long as the handle they came from.
//! - Accessors never fail: on a NULL handle or an index out of range they
//!   return 0, false, -1 (where documented), NULL or `{NULL, 0}`.
//! - Every function body runs inside a panic guard: a bug surfaces as
//!   `CLOUDPHONE_STATUS_PANIC`, never as an unwind into C.
//!
//! # Adding an operation
//!
//! In the provider's fleet file (`huawei_fleet.rs`, `geelark_fleet.rs`):
//! `impl Summary for` the operation's output (request id, items, failures,
//! typed views, batch record; `result.rs`) and a
//! `cloudphone_<provider>_<op>_build` whose body is one call to
//! `request::build_into` with `OpFns::provider::<Config, Op>()` (or
//! `OpFns::pager` for a listing) and a closure that reads the operation's own
//! arguments with the `guard` helpers (optional ones from `options_json`
//! through `options::json_arg`). Every export stays a literal
//! `#[unsafe(no_mangle)] pub unsafe extern "C" fn` (cbindgen does not expand
//! macros) with its body in `guard`. Then regenerate the header
//! (`CLOUDPHONE_BLESS_HEADER=1 cargo test --test header`) and add a C test.

#![allow(unsafe_code)]
#![allow(non_camel_case_types)]
#![allow(clippy::missing_safety_doc)] // each export's "# Safety" section is in its docs

// Declared in the order the header lists them: plumbing, errors,
// configuration, requests and responses, then each provider's operations,
// then batches.
mod guard;
mod types;

mod error;

mod config;

mod request;

mod response;

mod options;

mod result;

mod huawei;

mod huawei_fleet;

mod huawei_catalogue;

mod geelark;

mod geelark_fleet;

mod geelark_tasks;

mod geelark_labels;

mod geelark_files;

mod geelark_library;
mod geelark_team;

mod batch;

mod client;

mod wait;

pub use batch::*;
pub use client::*;
pub use config::*;
pub use error::*;
pub use geelark::*;
pub use geelark_fleet::*;
pub use huawei::*;
pub use huawei_catalogue::*;
pub use huawei_fleet::*;
pub use request::*;
pub use response::*;
pub use result::*;
pub use types::{
    cloudphone_bytes, cloudphone_header, cloudphone_id_list, cloudphone_response_header,
    cloudphone_status, cloudphone_str, cloudphone_string,
};
pub use wait::*;

use std::ffi::c_char;

use guard::guard_or;

/// The library version as a static NUL-terminated string, e.g. `"0.1.0"`;
/// compare with the header's `CLOUDPHONE_VERSION` to detect a header/library
/// mismatch. Never NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_version() -> *const c_char {
    const VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), "\0");
    guard_or(VERSION.as_ptr().cast(), || VERSION.as_ptr().cast())
}

#[cfg(test)]
mod tests {
    use super::*;
    use cloudphone::error::ErrorKind;

    #[test]
    fn status_numbers_match_error_kinds_and_never_collide() {
        let kinds = [
            ErrorKind::InvalidInput,
            ErrorKind::Api,
            ErrorKind::Auth,
            ErrorKind::RateLimited,
            ErrorKind::Lockout,
            ErrorKind::Decode,
            ErrorKind::Transport,
            ErrorKind::Timeout,
            ErrorKind::BodyTooLarge,
            ErrorKind::LimitExceeded,
            ErrorKind::Unsupported,
        ];
        for k in kinds {
            assert_eq!(k as u32, cloudphone_status::from(k) as u32, "{k:?}");
        }
        let mut seen = std::collections::HashSet::new();
        for s in cloudphone_status::ALL {
            assert!(seen.insert(s as u32), "{s:?} reuses a number");
        }
    }

    /// The C path builds byte-for-byte the request the Rust path builds.
    #[test]
    fn c_build_equals_rust_build() {
        use cloudphone::huawei::{Auth, ClientType, Config, ShowConnectInfos};
        use cloudphone::op::{Context, Operation};
        use std::ffi::CStr;

        let ids = [
            c"1564567b8bab40f34711234cb80d8574",
            c"1234567b8bab40ffb711234cb80d0234",
        ];
        let ptrs: Vec<*const c_char> = ids.iter().map(|c| c.as_ptr()).collect();
        let mut cfg = std::ptr::null_mut();
        let mut req = std::ptr::null_mut();
        // SAFETY: valid NUL-terminated strings and out pointers.
        unsafe {
            assert_eq!(
                cloudphone_huawei_config_new_aksk(
                    c"cn-north-4".as_ptr(),
                    c"0a1b2c3d4e5f60718293a4b5c6d7e8f9".as_ptr(),
                    c"AK".as_ptr(),
                    c"SK".as_ptr(),
                    std::ptr::null(),
                    &mut cfg,
                    std::ptr::null_mut(),
                ),
                cloudphone_status::Ok
            );
            assert_eq!(
                cloudphone_huawei_show_connect_infos_build(
                    cfg,
                    ptrs.as_ptr(),
                    ptrs.len(),
                    c"ANDROID".as_ptr(),
                    1_700_000_000_000,
                    std::ptr::null(),
                    &mut req,
                    std::ptr::null_mut(),
                ),
                cloudphone_status::Ok
            );
        }
        let config = Config::for_region(
            "cn-north-4",
            "0a1b2c3d4e5f60718293a4b5c6d7e8f9",
            Auth::aksk("AK", "SK"),
        )
        .unwrap();
        let op =
            ShowConnectInfos::new(ids.iter().map(|c| c.to_str().unwrap()), ClientType::Android)
                .unwrap();
        let want = op
            .build(&Context::new(&config, 1_700_000_000_000, ""))
            .unwrap();
        let view = |s: cloudphone_str| {
            // SAFETY: views from a live request are NUL-terminated.
            let c = unsafe { CStr::from_ptr(s.ptr) };
            assert_eq!(c.to_bytes().len(), s.len);
            c.to_str().unwrap().to_owned()
        };
        // SAFETY: `req` is a live request until freed below.
        unsafe {
            assert_eq!(view(cloudphone_request_method(req)), want.method.as_str());
            assert_eq!(view(cloudphone_request_url(req)), want.url);
            assert_eq!(cloudphone_request_header_count(req), want.headers.len());
            for (i, (n, v)) in want.headers.iter().enumerate() {
                let h = cloudphone_request_header_at(req, i);
                assert_eq!((&view(h.name), &view(h.value)), (n, v));
            }
            let b = cloudphone_request_body(req);
            assert_eq!(std::slice::from_raw_parts(b.ptr, b.len), &want.body[..]);
            cloudphone_request_free(req);
            cloudphone_huawei_config_free(cfg);
        }
    }
}

#[cfg(test)]
mod tests_safety;
