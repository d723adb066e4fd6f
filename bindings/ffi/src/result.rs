//! `cloudphone_result`: the one result handle of every operation that has no
//! dedicated one (lists, details, lifecycle batches, jobs, ADB, GPS, apps,
//! screenshots), and the generic build, parse and paging plumbing behind
//! those operations' exports.
//!
//! A result answers the questions every C host asks with typed accessors —
//! which operation, the request/trace id, the GeeLark envelope code, the
//! listing's total, the items (id, neutral status, job id) and the per-item
//! failures — and everything else through `cloudphone_result_field` (a JSON
//! pointer into the result's JSON) or `cloudphone_result_to_json`.

use std::any::Any;
use std::collections::HashMap;
use std::ffi::c_char;
use std::sync::{Mutex, OnceLock};

use serde::Serialize;

use super::config::ConfigHandle;
use super::error::cloudphone_error;
use super::guard::{
    FfiError, FfiResult, arg_opt_str, arg_out, arg_ref, arg_str, free_box, guard, guard_or,
    write_out,
};
use super::request::{build_request, cloudphone_request};
use super::response::{cloudphone_item_failure, parse_into};
use super::types::{
    IdList, NulStr, StrArena, Text, cloudphone_id_list, cloudphone_response_header,
    cloudphone_status, cloudphone_str, cloudphone_string, opt_view, views_in,
};
use cloudphone::batch::{BatchItem, CallOutcome, ItemFailure};
use cloudphone::error::invalid;
use cloudphone::op::Operation;
use cloudphone::page::Pager;

/// One thing a result is about: a phone, server, job, app, position, ...
pub(crate) struct Item<'a> {
    /// Its id (phone id, server id, tag id, package name, ...).
    pub(crate) id: &'a str,
    /// The provider-neutral status name, when the answer gives one.
    pub(crate) status: Option<&'static str>,
    /// The asynchronous job tracking it, when there is one.
    pub(crate) job_id: Option<&'a str>,
}

impl<'a> Item<'a> {
    pub(crate) fn id(id: &'a str) -> Self {
        Item {
            id,
            status: None,
            job_id: None,
        }
    }

    pub(crate) fn status(mut self, status: &'static str) -> Self {
        self.status = Some(status);
        self
    }

    pub(crate) fn job(mut self, job_id: Option<&'a str>) -> Self {
        self.job_id = job_id;
        self
    }
}

/// What the typed accessors of `cloudphone_result` read from an operation's
/// output; everything else is reached through its JSON.
pub(crate) trait Summary: Serialize + Send + Sync + 'static {
    /// Huawei `request_id` / GeeLark `traceId`.
    fn request_id(&self) -> Option<&str>;
    /// GeeLark's envelope code (0, or 40006/40009 answered with data); 0 for
    /// Huawei.
    fn code(&self) -> i64 {
        0
    }
    /// The number of matches the listing reports in all.
    fn total(&self) -> Option<u64> {
        None
    }
    /// The items, in the answer's order.
    fn items(&self) -> Vec<Item<'_>> {
        Vec::new()
    }
    /// Per-item failures.
    fn failures(&self) -> &[ItemFailure] {
        &[]
    }
}

/// An output behind `dyn`: downcast for paging and merging, serialised for
/// JSON. `cloudphone_result_field` reads a `Value` serialised directly, not
/// re-parsed from the JSON text: serde_json's default float parser can be
/// one unit in the last place off (GPS coordinates), and exact values are
/// worth the ~25 KiB of a second serialiser.
trait AnyOutput: Send + Sync {
    fn as_any(&self) -> &dyn Any;
    fn to_json(&self) -> serde_json::Result<String>;
    fn to_value(&self) -> serde_json::Result<serde_json::Value>;
}

impl<T: Summary> AnyOutput for T {
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn to_json(&self) -> serde_json::Result<String> {
        serde_json::to_string(self)
    }
    fn to_value(&self) -> serde_json::Result<serde_json::Value> {
        serde_json::to_value(self)
    }
}

/// One succeeded item of a batch operation's call, as a
/// `cloudphone_batch_merge` keeps it: its id, neutral status and job id
/// (what the outcome's typed accessors read) and the item itself as JSON.
#[derive(Clone)]
pub(crate) struct MergedItem {
    pub(crate) id: String,
    pub(crate) status: Option<&'static str>,
    pub(crate) job_id: Option<String>,
    item: Box<serde_json::value::RawValue>,
}

impl cloudphone::batch::BatchItem for MergedItem {
    fn item_id(&self) -> &str {
        &self.id
    }
}

impl Serialize for MergedItem {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.item.serialize(s)
    }
}

/// Turns a batch operation's output (behind `dyn Any`) into the call
/// outcome a merge records; `None` for another type.
type ToCall = fn(&dyn Any) -> Option<CallOutcome<MergedItem>>;

fn to_call<T, X>(output: &dyn Any) -> Option<CallOutcome<MergedItem>>
where
    T: Summary + Clone + Into<CallOutcome<X>>,
    X: BatchItem + Serialize,
{
    let output = output.downcast_ref::<T>()?;
    let items = output.items();
    let call: CallOutcome<X> = output.clone().into();
    let succeeded = call
        .succeeded
        .iter()
        .map(|x| {
            let id = x.item_id();
            let summary = items.iter().find(|i| i.id == id);
            MergedItem {
                id: id.to_owned(),
                status: summary.and_then(|i| i.status),
                job_id: summary.and_then(|i| i.job_id).map(str::to_owned),
                // Our own types always serialise; `null` rather than a panic.
                item: serde_json::value::to_raw_value(x).unwrap_or_else(|_| {
                    serde_json::value::RawValue::from_string("null".to_owned()).unwrap_or_default()
                }),
            }
        })
        .collect();
    Some(CallOutcome::new(succeeded, call.failed, call.request_id))
}

/// The answer to one call of any operation without a dedicated result type
/// (see each `_parse` function for what its items are). Free with
/// `cloudphone_result_free`.
///
/// Thread safety: may be read from several threads at once (the cache
/// behind `cloudphone_result_field` is locked).
pub struct cloudphone_result {
    output: Box<dyn AnyOutput>,
    op_name: &'static str,
    op_name_c: Text,
    request_id: Text,
    code: i64,
    total: Option<u64>,
    ids: IdList,
    statuses: Vec<Text>,
    job_ids: Vec<Text>,
    failures: Vec<cloudphone_item_failure>,
    // Owns the bytes the views above point to.
    _arena: StrArena,
    value: OnceLock<Option<serde_json::Value>>,
    fields: Mutex<HashMap<Box<str>, Option<NulStr>>>,
    // Set for batch operations, whose results a merge can record.
    to_call: Option<ToCall>,
}

impl cloudphone_result {
    pub(crate) fn new<T: Summary>(op_name: &'static str, output: T) -> Self {
        let items = output.items();
        let mut arena = StrArena::with_capacity(128 + 48 * items.len());
        let ids = IdList::in_arena(items.iter().map(|i| i.id), &mut arena);
        let statuses = items.iter().map(|i| arena.opt(i.status)).collect();
        let job_ids = items.iter().map(|i| arena.opt(i.job_id)).collect();
        let failures = views_in(output.failures(), &mut arena);
        cloudphone_result {
            op_name,
            op_name_c: arena.put(op_name),
            request_id: arena.opt(output.request_id()),
            code: output.code(),
            total: output.total(),
            ids,
            statuses,
            job_ids,
            failures,
            _arena: arena,
            value: OnceLock::new(),
            fields: Mutex::new(HashMap::new()),
            to_call: None,
            output: Box::new(output),
        }
    }

    /// A result a `cloudphone_batch_merge` can record: the output of a batch
    /// operation whose succeeded items are `X`.
    pub(crate) fn new_batch<T, X>(op_name: &'static str, output: T) -> Self
    where
        T: Summary + Clone + Into<CallOutcome<X>>,
        X: BatchItem + Serialize,
    {
        let mut result = Self::new(op_name, output);
        result.to_call = Some(to_call::<T, X>);
        result
    }

    /// The operation's name, e.g. `"huawei.restart_phones"`.
    pub(crate) fn op_name(&self) -> &'static str {
        self.op_name
    }

    /// This call's outcome for a batch merge; an error for a result of an
    /// operation that does not act on a list of ids.
    pub(crate) fn call_outcome(&self) -> FfiResult<CallOutcome<MergedItem>> {
        self.to_call
            .and_then(|f| f(self.output.as_any()))
            .ok_or_else(|| {
                FfiError::from(invalid(
                    "result",
                    format!(
                        "is a {} result, which a batch merge cannot record (not an operation over a list of ids)",
                        self.op_name
                    ),
                ))
            })
    }

    /// The typed output, refusing another operation's result.
    pub(crate) fn output<T: 'static>(&self, wanted: &'static str) -> FfiResult<&T> {
        self.output.as_any().downcast_ref::<T>().ok_or_else(|| {
            FfiError::from(invalid(
                "result",
                format!("is a {} result, not a {wanted} result", self.op_name),
            ))
        })
    }

    fn field(&self, pointer: &str) -> cloudphone_str {
        let Ok(mut cache) = self.fields.lock() else {
            return cloudphone_str::NONE;
        };
        if let Some(v) = cache.get(pointer) {
            return opt_view(v);
        }
        let value = self.value.get_or_init(|| self.output.to_value().ok());
        let found = value
            .as_ref()
            .and_then(|v| v.pointer(pointer))
            .and_then(|v| match v {
                serde_json::Value::Null => None,
                serde_json::Value::String(s) => Some(NulStr::new(s)),
                other => Some(NulStr::from_string(other.to_string())),
            });
        // The view points into the string's heap buffer, which does not move
        // when the map moves the (boxed) value.
        let view = opt_view(&found);
        cache.insert(pointer.into(), found);
        view
    }
}

/// The body of an operation's `_build` export: checks `request_out`, reads
/// the configuration and trace id, makes the operation with `make` (which
/// reads the operation's own arguments) and writes the built request.
///
/// # Safety
/// As documented on the build exports.
pub(crate) unsafe fn build_into<H, O>(
    config: *const H,
    now_unix_ms: u64,
    trace_id: *const c_char,
    request_out: *mut *mut cloudphone_request,
    make: impl FnOnce() -> FfiResult<O>,
) -> FfiResult<()>
where
    H: ConfigHandle,
    O: Operation<Config = H::Inner> + Send + Sync + 'static,
    O::Output: Summary,
{
    arg_out(request_out, "request_out")?;
    // SAFETY: per the function contract.
    let (config, trace_id) = unsafe { (arg_ref(config, "config")?, read_trace_id::<H>(trace_id)?) };
    let op = make()?;
    #[cfg_attr(not(feature = "client"), allow(unused_mut))]
    let mut req = build_request(op, config.inner(), now_unix_ms, trace_id)?;
    #[cfg(feature = "client")]
    {
        req.call = Some(call_through::<H, O>);
    }
    // SAFETY: checked above.
    unsafe { write_out(request_out, req) };
    Ok(())
}

/// The [`ClientCall`](super::request::ClientCall) of operation `O`: sends
/// it through `H`'s client and wraps the answer in a result.
#[cfg(feature = "client")]
fn call_through<H, O>(
    op: &(dyn Any + Send + Sync),
    client: &dyn Any,
) -> FfiResult<cloudphone_result>
where
    H: ConfigHandle,
    O: Operation<Config = H::Inner> + 'static,
    O::Output: Summary,
{
    let op = op
        .downcast_ref::<O>()
        .ok_or_else(|| FfiError::from(invalid("request", "holds another operation")))?;
    let client = client.downcast_ref::<H::Client>().ok_or_else(|| {
        FfiError::from(invalid(
            "client",
            format!(
                "is the other provider's client; {} is a request for this one's",
                O::NAME
            ),
        ))
    })?;
    Ok(cloudphone_result::new(O::NAME, H::execute(client, op)?))
}

/// GeeLark needs a trace id; Huawei ignores it (NULL is fine).
///
/// # Safety
/// `trace_id` is NULL or NUL-terminated.
unsafe fn read_trace_id<'a, H: ConfigHandle>(trace_id: *const c_char) -> FfiResult<&'a str> {
    // SAFETY: per the function contract.
    unsafe {
        if H::TRACE_ID_REQUIRED {
            arg_str(trace_id, "trace_id")
        } else {
            Ok(arg_opt_str(trace_id, "trace_id")?.unwrap_or(""))
        }
    }
}

/// The body of an operation's `_parse` export.
///
/// # Safety
/// As documented on the parse exports.
#[allow(clippy::too_many_arguments)]
pub(crate) unsafe fn parse_result<O>(
    request: *const cloudphone_request,
    http_status: u16,
    headers: *const cloudphone_response_header,
    headers_len: usize,
    body: *const u8,
    body_len: usize,
    result_out: *mut *mut cloudphone_result,
) -> FfiResult<()>
where
    O: Operation + 'static,
    O::Output: Summary,
{
    // SAFETY: per the function contract.
    unsafe {
        parse_into::<O, _>(
            request,
            http_status,
            headers,
            headers_len,
            body,
            body_len,
            result_out,
            |output| cloudphone_result::new(O::NAME, output),
        )
    }
}

/// [`parse_result`] for a batch operation (its output converts into the call
/// outcome of `X`s a merge records).
///
/// # Safety
/// As [`parse_result`].
pub(crate) unsafe fn parse_batch_result<O, X>(
    request: *const cloudphone_request,
    http_status: u16,
    headers: *const cloudphone_response_header,
    headers_len: usize,
    body: *const u8,
    body_len: usize,
    result_out: *mut *mut cloudphone_result,
) -> FfiResult<()>
where
    O: Operation + 'static,
    O::Output: Summary + Clone + Into<CallOutcome<X>>,
    X: BatchItem + Serialize,
{
    // SAFETY: per the function contract.
    unsafe {
        parse_into::<O, _>(
            request,
            http_status,
            headers,
            headers_len,
            body,
            body_len,
            result_out,
            |output| cloudphone_result::new_batch::<_, X>(O::NAME, output),
        )
    }
}

/// The body of a paged operation's `_next` export: the request for the page
/// after `result` (the answer to `request`), or NULL when it was the last.
///
/// # Safety
/// As documented on the next exports.
pub(crate) unsafe fn next_into<H, O>(
    config: *const H,
    request: *const cloudphone_request,
    result: *const cloudphone_result,
    now_unix_ms: u64,
    trace_id: *const c_char,
    next_out: *mut *mut cloudphone_request,
) -> FfiResult<()>
where
    H: ConfigHandle,
    O: Pager<Config = H::Inner> + Send + Sync + 'static,
    O::Output: Summary,
{
    arg_out(next_out, "next_out")?;
    // SAFETY: per the function contract.
    let (config, request, result, trace_id) = unsafe {
        (
            arg_ref(config, "config")?,
            arg_ref(request, "request")?,
            arg_ref(result, "result")?,
            read_trace_id::<H>(trace_id)?,
        )
    };
    let last = result.output::<O::Output>(O::NAME)?;
    let op = request.op::<O>()?;
    // Issue 12: the walk is bounded by the core's page guard (default
    // limits: 1,000 pages, 100,000 items, no page without a new id), shared
    // by the requests of one listing and consulted once per page.
    let walk = match &request.walk {
        Some(w) => w.clone(),
        None => std::sync::Arc::new(std::sync::Mutex::new(cloudphone::page::PageGuard::new(
            cloudphone::page::PageLimits::default(),
        )?)),
    };
    let next_op = {
        let mut walked = request.walked.lock().unwrap_or_else(|p| p.into_inner());
        match &*walked {
            Some(Err(e)) => return Err(e.clone().into()),
            // Asked again for the same page: the bounds were checked.
            Some(Ok(())) => op.next_page(last),
            None => {
                let decided = walk
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .next(op, last);
                *walked = Some(decided.as_ref().map(|_| ()).map_err(Clone::clone));
                decided?
            }
        }
    };
    let next = match next_op {
        Some(op) => {
            let mut req = build_request(op, config.inner(), now_unix_ms, trace_id)?;
            req.walk = Some(walk);
            Box::into_raw(Box::new(req))
        }
        None => std::ptr::null_mut(),
    };
    // SAFETY: checked above.
    unsafe { *next_out = next };
    Ok(())
}

/// Frees a result. NULL is a no-op; must not be called twice.
///
/// # Safety
/// `result` is NULL or a live result no other thread is using.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_result_free(result: *mut cloudphone_result) {
    // SAFETY: per the function contract.
    guard_or((), || unsafe { free_box(result) })
}

/// The operation that parsed the result, e.g. `"huawei.list_phones"`.
/// `{NULL, 0}` when `result` is NULL.
///
/// # Safety
/// `result` is NULL or live; the view lives as long as it.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_result_operation(
    result: *const cloudphone_result,
) -> cloudphone_str {
    guard_or(cloudphone_str::NONE, || {
        // SAFETY: per the function contract.
        unsafe { result.as_ref() }.map_or(cloudphone_str::NONE, |r| r.op_name_c.view())
    })
}

/// The call's id for support tickets: Huawei's `request_id` (or
/// `X-Request-Id`), GeeLark's `traceId`; `{NULL, 0}` when absent.
///
/// # Safety
/// `result` is NULL or live; the view lives as long as it.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_result_request_id(
    result: *const cloudphone_result,
) -> cloudphone_str {
    guard_or(cloudphone_str::NONE, || {
        // SAFETY: per the function contract.
        unsafe { result.as_ref() }.map_or(cloudphone_str::NONE, |r| r.request_id.view())
    })
}

/// GeeLark's envelope code: 0, or 40006/40009 when an answer with data says
/// some/all items failed (see the failures). Always 0 for Huawei and when
/// `result` is NULL.
///
/// # Safety
/// `result` is NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_result_code(result: *const cloudphone_result) -> i64 {
    guard_or(0, || {
        // SAFETY: per the function contract.
        unsafe { result.as_ref() }.map_or(0, |r| r.code)
    })
}

/// How many matches a listing reports in all (Huawei `count`, GeeLark
/// `total`), or -1 when the answer reports none (or `result` is NULL).
///
/// # Safety
/// `result` is NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_result_total(result: *const cloudphone_result) -> i64 {
    guard_or(-1, || {
        // SAFETY: per the function contract.
        unsafe { result.as_ref() }
            .and_then(|r| r.total)
            .map_or(-1, |n| i64::try_from(n).unwrap_or(i64::MAX))
    })
}

/// The number of items (0 when `result` is NULL). Each operation's `_parse`
/// documents what its items are.
///
/// # Safety
/// `result` is NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_result_item_count(result: *const cloudphone_result) -> usize {
    guard_or(0, || {
        // SAFETY: per the function contract.
        unsafe { result.as_ref() }.map_or(0, |r| r.statuses.len())
    })
}

/// The items' ids in order, shaped to be passed straight to a build
/// function's ids (e.g. start the phones a list returned). `{NULL, 0}` when
/// `result` is NULL.
///
/// # Safety
/// `result` is NULL or live; the list lives as long as it.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_result_item_ids(
    result: *const cloudphone_result,
) -> cloudphone_id_list {
    let none = cloudphone_id_list {
        ids: std::ptr::null(),
        len: 0,
    };
    guard_or(none, || {
        // SAFETY: per the function contract.
        unsafe { result.as_ref() }.map_or(none, |r| r.ids.view())
    })
}

/// Item `index`'s provider-neutral status as a short stable name — a phone
/// (`"running"`, `"stopped"`, ..., see `cloudphone_phone_state_status`), a
/// job (`"running"`, `"succeeded"`, `"failed"`) or an app install
/// (`"installing"`, `"installed"`, ...) — or `"unknown"` for a code this
/// library does not know. `{NULL, 0}` when the item has no status, `result`
/// is NULL or `index` is out of range.
///
/// # Safety
/// `result` is NULL or live; the view lives as long as it.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_result_item_status(
    result: *const cloudphone_result,
    index: usize,
) -> cloudphone_str {
    guard_or(cloudphone_str::NONE, || {
        // SAFETY: per the function contract.
        unsafe { result.as_ref() }
            .and_then(|r| r.statuses.get(index))
            .map_or(cloudphone_str::NONE, |t| t.view())
    })
}

/// The id of the asynchronous job started for item `index` (Huawei
/// lifecycle and ADB operations, jobs) — watch it with
/// `cloudphone_huawei_show_job_build` or a `cloudphone_huawei_job_watch`.
/// `{NULL, 0}` when the item has none, `result` is NULL or `index` is out of
/// range.
///
/// # Safety
/// `result` is NULL or live; the view lives as long as it.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_result_item_job_id(
    result: *const cloudphone_result,
    index: usize,
) -> cloudphone_str {
    guard_or(cloudphone_str::NONE, || {
        // SAFETY: per the function contract.
        unsafe { result.as_ref() }
            .and_then(|r| r.job_ids.get(index))
            .map_or(cloudphone_str::NONE, |t| t.view())
    })
}

/// The number of items the provider refused (0 when `result` is NULL).
///
/// # Safety
/// `result` is NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_result_failure_count(
    result: *const cloudphone_result,
) -> usize {
    guard_or(0, || {
        // SAFETY: per the function contract.
        unsafe { result.as_ref() }.map_or(0, |r| r.failures.len())
    })
}

/// Failure `index` (id, provider code, message), borrowed from `result`;
/// NULL when `result` is NULL or `index` is out of range.
///
/// # Safety
/// `result` is NULL or live; the pointer lives as long as it.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_result_failure_at(
    result: *const cloudphone_result,
    index: usize,
) -> *const cloudphone_item_failure {
    guard_or(std::ptr::null(), || {
        // SAFETY: per the function contract.
        unsafe { result.as_ref() }
            .and_then(|r| r.failures.get(index))
            .map_or(std::ptr::null(), |f| f as *const _)
    })
}

/// One value of the result's JSON (as `cloudphone_result_to_json` writes
/// it), found by a JSON pointer (RFC 6901), e.g. `"/task_id"`,
/// `"/download_link"`, `"/connections/0/pwd"`, `"/outputs/1/output"`,
/// `"/records/0/phone_name"`: a string's text, or the compact JSON text of
/// a number, boolean, object or array. `{NULL, 0}` when the value is absent
/// or null, `result` or `pointer` is NULL, or `pointer` is not UTF-8.
///
/// Values may be credentials (ADB passwords, remote-view and download
/// URLs): do not log them.
///
/// # Safety
/// `result` is NULL or live; `pointer` NULL or NUL-terminated; the view
/// lives as long as `result`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_result_field(
    result: *const cloudphone_result,
    pointer: *const c_char,
) -> cloudphone_str {
    guard_or(cloudphone_str::NONE, || {
        // SAFETY: per the function contract.
        let (Some(r), Ok(p)) = (unsafe { result.as_ref() }, unsafe {
            arg_str(pointer, "pointer")
        }) else {
            return cloudphone_str::NONE;
        };
        r.field(p)
    })
}

/// The whole result as JSON (credentials included) into a new string at
/// `*json_out`.
///
/// # Safety
/// `result` is NULL or live; `json_out` and `err_out` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_result_to_json(
    result: *const cloudphone_result,
    json_out: *mut *mut cloudphone_string,
    err_out: *mut *mut cloudphone_error,
) -> cloudphone_status {
    guard(err_out, || {
        arg_out(json_out, "json_out")?;
        // SAFETY: per the function contract.
        let r = unsafe { arg_ref(result, "result") }?;
        let text = r.output.to_json().map_err(|e| {
            FfiError::from(invalid("result", format!("cannot be written as JSON: {e}")))
        })?;
        let text = NulStr::from_string(text);
        // SAFETY: checked above.
        unsafe { write_out(json_out, cloudphone_string { text }) };
        Ok(())
    })
}

// --- issue 12 (helper B): C page walks are bounded by the core's guard ---
#[cfg(test)]
mod page_walk_bounds {
    use std::ffi::CString;
    use std::ptr;

    use super::super::config::{
        cloudphone_huawei_config, cloudphone_huawei_config_free, cloudphone_huawei_config_new_aksk,
    };
    use super::super::error::{cloudphone_error_free, cloudphone_error_message};
    use super::super::huawei_fleet::{
        cloudphone_huawei_list_phones_build, cloudphone_huawei_list_phones_next,
        cloudphone_huawei_list_phones_parse,
    };
    use super::super::request::cloudphone_request_free;
    use super::super::types::cloudphone_status;
    use super::*;

    const NOW: u64 = 1_700_000_000_000;

    fn config() -> *mut cloudphone_huawei_config {
        let s = |v: &str| CString::new(v).unwrap();
        let (region, project) = (s("cn-north-4"), s("0a1b2c3d4e5f60718293a4b5c6d7e8f9"));
        let (ak, sk) = (
            s("HPUAEXAMPLEAK0000001"),
            s("ExampleSecretKey0123456789abcdefghijklmn"),
        );
        let mut cfg = ptr::null_mut();
        // SAFETY: valid strings and out-pointer.
        let st = unsafe {
            cloudphone_huawei_config_new_aksk(
                region.as_ptr(),
                project.as_ptr(),
                ak.as_ptr(),
                sk.as_ptr(),
                ptr::null(),
                &mut cfg,
                ptr::null_mut(),
            )
        };
        assert_eq!(st, cloudphone_status::Ok);
        cfg
    }

    /// A page of 200 phones numbered from `first` whose count never ends.
    fn page(request: *const cloudphone_request, first: usize) -> *mut cloudphone_result {
        let phones: Vec<String> = (first..first + 200)
            .map(|i| format!(r#"{{"phone_id":"p{i}","status":2}}"#))
            .collect();
        let body = format!(
            r#"{{"request_id":"r","count":4294967295,"phones":[{}]}}"#,
            phones.join(",")
        );
        let mut res = ptr::null_mut();
        // SAFETY: a live request, a valid body, an out-pointer.
        let st = unsafe {
            cloudphone_huawei_list_phones_parse(
                request,
                200,
                ptr::null(),
                0,
                body.as_ptr(),
                body.len(),
                &mut res,
                ptr::null_mut(),
            )
        };
        assert_eq!(st, cloudphone_status::Ok);
        res
    }

    /// `_next`: the status, the next request (or NULL) and the error text.
    fn next(
        cfg: *const cloudphone_huawei_config,
        req: *const cloudphone_request,
        res: *const cloudphone_result,
    ) -> (cloudphone_status, *mut cloudphone_request, String) {
        let mut out = ptr::null_mut();
        let mut err = ptr::null_mut();
        // SAFETY: live handles and out-pointers.
        let st = unsafe {
            cloudphone_huawei_list_phones_next(cfg, req, res, NOW, ptr::null(), &mut out, &mut err)
        };
        let text = if err.is_null() {
            String::new()
        } else {
            // SAFETY: a live error; its message view lives as long as it.
            let m = unsafe { cloudphone_error_message(err) };
            // SAFETY: the view points to `len` valid bytes.
            let t = unsafe { std::slice::from_raw_parts(m.ptr.cast::<u8>(), m.len) };
            let t = String::from_utf8_lossy(t).into_owned();
            // SAFETY: live, freed once.
            unsafe { cloudphone_error_free(err) };
            t
        };
        (st, out, text)
    }

    fn first_request(cfg: *const cloudphone_huawei_config) -> *mut cloudphone_request {
        let mut req = ptr::null_mut();
        // SAFETY: a live config and an out-pointer.
        let st = unsafe {
            cloudphone_huawei_list_phones_build(
                cfg,
                0,
                200,
                ptr::null(),
                NOW,
                ptr::null(),
                &mut req,
                ptr::null_mut(),
            )
        };
        assert_eq!(st, cloudphone_status::Ok);
        req
    }

    #[test]
    fn an_endless_c_walk_stops_with_limit_exceeded() {
        let cfg = config();
        // Fresh phones forever: max_items (100,000 = 500 pages of 200).
        let mut req = first_request(cfg);
        let mut pages = 0;
        let (status, text) = loop {
            let res = page(req, pages * 200);
            pages += 1;
            // Asking twice for the same page neither counts it twice nor
            // changes the answer.
            let (st1, n1, _) = next(cfg, req, res);
            let (st2, n2, text) = next(cfg, req, res);
            assert_eq!(st1, st2);
            // SAFETY: each handle is live and freed once.
            unsafe {
                cloudphone_request_free(n2);
                cloudphone_result_free(res);
                cloudphone_request_free(req);
            }
            if st1 != cloudphone_status::Ok {
                assert!(n1.is_null());
                break (st1, text);
            }
            assert!(!n1.is_null());
            req = n1;
        };
        assert_eq!(status, cloudphone_status::LimitExceeded, "{text}");
        assert!(text.contains("max_items"), "{text}");
        assert_eq!(pages, 501);

        // The same page again: no_progress on the second.
        let req = first_request(cfg);
        let res = page(req, 0);
        let (st, req2, _) = next(cfg, req, res);
        assert_eq!(st, cloudphone_status::Ok);
        let res2 = page(req2, 0);
        let (st, none, text) = next(cfg, req2, res2);
        assert_eq!(st, cloudphone_status::LimitExceeded);
        assert!(none.is_null() && text.contains("no_progress"), "{text}");
        // SAFETY: each handle is live and freed once.
        unsafe {
            cloudphone_result_free(res);
            cloudphone_result_free(res2);
            cloudphone_request_free(req);
            cloudphone_request_free(req2);
            cloudphone_huawei_config_free(cfg);
        }
    }
}
