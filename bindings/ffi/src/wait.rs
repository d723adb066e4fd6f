//! Send-and-wait through the C ABI: restart, stop, reset (Huawei) or start,
//! stop (GeeLark) any number of phones and wait until the work is done,
//! with a deadline, a cancel flag another thread can set, and a progress
//! callback.
//!
//! The outcome is a `cloudphone_batch_outcome` (one type for every merged
//! answer): phones whose work finished are its succeeded items (status the
//! state reached: `"running"`, `"stopped"` or, for Huawei jobs,
//! `"succeeded"`); phones whose work failed are failures with the
//! provider's code; phones still unfinished at the deadline are failures of
//! kind `timeout`, code `"timeout"` (or `"cancelled"`), message naming the
//! last state seen. Every id comes back exactly once.

use std::ffi::{c_char, c_void};

use super::batch::cloudphone_batch_outcome;
use super::client::{cloudphone_geelark_client, cloudphone_huawei_client};
use super::error::cloudphone_error;
use super::guard::{FfiResult, arg_out, free_box, guard, guard_or, write_out};
use super::types::cloudphone_status;

/// A cancel flag: give it to waits through `cloudphone_wait_options`, set
/// it from any thread with `cloudphone_cancel_set`; every wait holding it
/// returns within about 100 ms with what it knows. Created by
/// `cloudphone_cancel_new`, freed with `cloudphone_cancel_free` (after the
/// waits using it returned).
///
/// Thread safety: may be set and read by several threads at once.
pub struct cloudphone_cancel {
    #[cfg(feature = "client")]
    flag: cloudphone::client::Cancel,
}

/// Called during a wait with how many phones are settled (`done`) of how
/// many (`total`), after every poll, on the thread that called the wait.
/// `ctx` is the `progress_ctx` of the options. Must not unwind.
pub type cloudphone_progress_fn =
    Option<unsafe extern "C" fn(ctx: *mut c_void, done: usize, total: usize)>;

/// How long and how a wait polls. Zero-initialise it and set `timeout_ms`.
#[repr(C)]
pub struct cloudphone_wait_options {
    /// The deadline, in milliseconds from the call (1 to 86,400,000).
    pub timeout_ms: u64,
    /// Milliseconds between polls; 0 for the provider's default (Huawei
    /// jobs 2 s; GeeLark 10 s, at least 200 ms: GeeLark locks out accounts
    /// that poll too often).
    pub interval_ms: u64,
    /// A cancel flag, or NULL.
    pub cancel: *const cloudphone_cancel,
    /// A progress callback, or NULL.
    pub progress: cloudphone_progress_fn,
    /// Passed to `progress` as is.
    pub progress_ctx: *mut c_void,
}

/// Creates a cancel flag, not set.
///
/// Pointers: `cancel_out` required; `err_out` optional (NULL = no error
/// details).
///
/// # Safety
/// `cancel_out` and `err_out` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_cancel_new(
    cancel_out: *mut *mut cloudphone_cancel,
    err_out: *mut *mut cloudphone_error,
) -> cloudphone_status {
    guard(err_out, || {
        arg_out(cancel_out, "cancel_out")?;
        let cancel = cloudphone_cancel {
            #[cfg(feature = "client")]
            flag: cloudphone::client::Cancel::new(),
        };
        // SAFETY: checked above.
        unsafe { write_out(cancel_out, cancel) };
        FfiResult::Ok(())
    })
}

/// Sets the flag: every wait holding it stops soon. NULL is a no-op.
///
/// Pointers: `cancel` optional (NULL = no-op).
///
/// # Safety
/// `cancel` is NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_cancel_set(cancel: *const cloudphone_cancel) {
    guard_or((), || {
        // SAFETY: per the function contract.
        if let Some(_c) = unsafe { cancel.as_ref() } {
            #[cfg(feature = "client")]
            _c.flag.cancel();
        }
    })
}

/// Frees a cancel flag. NULL is a no-op; must not be called twice, nor
/// while a wait holds the flag.
///
/// Pointers: `cancel` optional (NULL = no-op).
///
/// # Safety
/// `cancel` is NULL or a live flag no wait is using.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_cancel_free(cancel: *mut cloudphone_cancel) {
    // SAFETY: per the function contract.
    guard_or((), || unsafe { free_box(cancel) })
}

/// Restarts (`action` `"restart"`), stops (`"stop"`) or factory-resets
/// (`"reset"`) any number of Huawei phones and waits for their jobs: calls
/// fanned out and merged as `cloudphone_huawei_client_show_connect_infos`,
/// then the jobs polled until each finished, the deadline passed or the
/// flag was set. Fails only for invalid input (an unknown action, no ids,
/// bad options); everything else is in the outcome (see the module notes).
///
/// Pointers: `client` required; `action` required; `phone_ids` required
/// unless its length is 0; `options` required; `outcome_out` required;
/// `err_out` optional (NULL = no error details).
///
/// # Safety
/// `client` and `options` NULL or live (`options.cancel` NULL or live for
/// the whole call); `action` NULL or NUL-terminated; `phone_ids` is
/// `(NULL, 0)` or `phone_ids_len` NUL-terminated strings; `outcome_out` and
/// `err_out` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_huawei_client_wait(
    client: *const cloudphone_huawei_client,
    action: *const c_char,
    phone_ids: *const *const c_char,
    phone_ids_len: usize,
    options: *const cloudphone_wait_options,
    outcome_out: *mut *mut cloudphone_batch_outcome,
    err_out: *mut *mut cloudphone_error,
) -> cloudphone_status {
    guard(err_out, || {
        #[cfg(feature = "client")]
        {
            // SAFETY: per the function contract.
            let (client, call) =
                unsafe { imp::args(client, action, phone_ids, phone_ids_len, options)? };
            let c = &client.inner;
            let out = match call.action {
                "restart" => c.restart_and_wait(call.ids, &call.options)?,
                "stop" => c.stop_and_wait(call.ids, &call.options)?,
                "reset" => c.reset_and_wait(call.ids, &call.options)?,
                _ => return Err(imp::bad_action("restart, stop or reset")),
            };
            // SAFETY: per the function contract.
            unsafe { imp::finish(out, "succeeded", outcome_out) }
        }
        #[cfg(not(feature = "client"))]
        {
            let _ = (
                client,
                action,
                phone_ids,
                phone_ids_len,
                options,
                outcome_out,
            );
            Err(super::client::unsupported())
        }
    })
}

/// Starts (`action` `"start"`) or stops (`"stop"`) any number of GeeLark
/// phones and waits until they run (or are stopped); `"until_running"` and
/// `"until_stopped"` only wait. Polls their status (every 10 s by default)
/// within the client's rate limit until each reached the state, failed
/// (expired, unknown to GeeLark), the deadline passed or the flag was set.
/// Fails only for invalid input; everything else is in the outcome.
///
/// Pointers: `client` required; `action` required; `phone_ids` required
/// unless its length is 0; `options` required; `outcome_out` required;
/// `err_out` optional (NULL = no error details).
///
/// # Safety
/// As `cloudphone_huawei_client_wait`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_client_wait(
    client: *const cloudphone_geelark_client,
    action: *const c_char,
    phone_ids: *const *const c_char,
    phone_ids_len: usize,
    options: *const cloudphone_wait_options,
    outcome_out: *mut *mut cloudphone_batch_outcome,
    err_out: *mut *mut cloudphone_error,
) -> cloudphone_status {
    guard(err_out, || {
        #[cfg(feature = "client")]
        {
            use cloudphone::PhoneStatus;
            // SAFETY: per the function contract.
            let (client, call) =
                unsafe { imp::args(client, action, phone_ids, phone_ids_len, options)? };
            let c = &client.inner;
            let (out, reached) = match call.action {
                "start" => (c.start_and_wait(call.ids, &call.options)?, "running"),
                "stop" => (c.stop_and_wait(call.ids, &call.options)?, "stopped"),
                "until_running" => (
                    c.wait_until(call.ids, PhoneStatus::Running, &call.options)?,
                    "running",
                ),
                "until_stopped" => (
                    c.wait_until(call.ids, PhoneStatus::Stopped, &call.options)?,
                    "stopped",
                ),
                _ => {
                    return Err(imp::bad_action(
                        "start, stop, until_running or until_stopped",
                    ));
                }
            };
            // SAFETY: per the function contract.
            unsafe { imp::finish(out, reached, outcome_out) }
        }
        #[cfg(not(feature = "client"))]
        {
            let _ = (
                client,
                action,
                phone_ids,
                phone_ids_len,
                options,
                outcome_out,
            );
            Err(super::client::unsupported())
        }
    })
}

#[cfg(feature = "client")]
mod imp {
    use std::ffi::{c_char, c_void};
    use std::time::Duration;

    use cloudphone::batch::BatchOutcome;
    use cloudphone::client::WaitOptions;
    use cloudphone::{ErrorKind, ItemFailure, WaitOutcome};

    use super::cloudphone_wait_options;
    use crate::batch::{Outcome, cloudphone_batch_outcome};
    use crate::guard::{FfiError, FfiResult, arg_out, arg_ref, arg_str, arg_str_array, write_out};
    use crate::result::MergedItem;

    /// One wait's arguments, read and checked.
    pub(super) struct Call<'a> {
        pub(super) action: &'a str,
        pub(super) ids: Vec<String>,
        pub(super) options: WaitOptions,
    }

    /// The C callback and its context. Called only on the thread that
    /// called the wait (the waits report there), so handing the pointer to
    /// the hook, which must be `Send + Sync`, moves it nowhere.
    struct Hook {
        f: unsafe extern "C" fn(*mut c_void, usize, usize),
        ctx: *mut c_void,
    }
    // SAFETY: see the type's documentation: the hook runs on the calling
    // thread only, where the host's `ctx` lives.
    unsafe impl Send for Hook {}
    // SAFETY: as above; never called from two threads.
    unsafe impl Sync for Hook {}

    impl Hook {
        fn call(&self, done: usize, total: usize) {
            // SAFETY: the host's callback with its own context, as it asked.
            unsafe { (self.f)(self.ctx, done, total) }
        }
    }

    /// Reads and checks the common arguments of a wait.
    ///
    /// # Safety
    /// As the wait functions' contracts.
    pub(super) unsafe fn args<'a, C>(
        client: *const C,
        action: *const c_char,
        ids: *const *const c_char,
        ids_len: usize,
        options: *const cloudphone_wait_options,
    ) -> FfiResult<(&'a C, Call<'a>)> {
        // SAFETY: per the function contract.
        let (client, action, ids, o) = unsafe {
            (
                arg_ref(client, "client")?,
                arg_str(action, "action")?,
                arg_str_array(ids, ids_len, "phone_ids")?,
                arg_ref(options, "options")?,
            )
        };
        let mut options = WaitOptions::new(Duration::from_millis(o.timeout_ms))?;
        if o.timeout_ms == 0 {
            return Err(FfiError::Core(cloudphone::Error::InvalidInput {
                field: "timeout_ms",
                reason: "must be at least 1 ms".into(),
            }));
        }
        if o.interval_ms > 0 {
            options = options.interval(Duration::from_millis(o.interval_ms))?;
        }
        // SAFETY: per the function contract (live for the whole call).
        if let Some(cancel) = unsafe { o.cancel.as_ref() } {
            options = options.cancel(cancel.flag.clone());
        }
        if let Some(f) = o.progress {
            let hook = Hook {
                f,
                ctx: o.progress_ctx,
            };
            options = options.progress(move |p| hook.call(p.done, p.total));
        }
        Ok((
            client,
            Call {
                action,
                ids: ids.into_iter().map(str::to_owned).collect(),
                options,
            },
        ))
    }

    pub(super) fn bad_action(allowed: &'static str) -> FfiError {
        FfiError::Core(cloudphone::Error::InvalidInput {
            field: "action",
            reason: format!("must be one of: {allowed}").into(),
        })
    }

    /// Writes a wait's outcome as a batch outcome (see the module notes).
    ///
    /// # Safety
    /// `out` NULL or writable.
    pub(super) unsafe fn finish(
        w: WaitOutcome,
        reached: &'static str,
        out: *mut *mut cloudphone_batch_outcome,
    ) -> FfiResult<()> {
        arg_out(out, "outcome_out")?;
        let (code, when) = if w.cancelled {
            ("cancelled", "when the wait was cancelled")
        } else {
            ("timeout", "at the deadline")
        };
        let mut failed = w.failed;
        failed.extend(w.timed_out.into_iter().map(|u| {
            let message = match u.last_state {
                Some(s) => format!("still {s} {when}"),
                None => format!("no state seen {when}"),
            };
            let mut f = ItemFailure::api(u.id, code, message);
            f.kind = ErrorKind::Timeout;
            f
        }));
        let outcome = BatchOutcome::new(
            w.done
                .into_iter()
                .map(|id| MergedItem::reached(id, reached))
                .collect(),
            failed,
            Vec::new(),
        );
        // SAFETY: checked above.
        unsafe { write_out(out, cloudphone_batch_outcome::new(Outcome::Items(outcome))) };
        Ok(())
    }
}
