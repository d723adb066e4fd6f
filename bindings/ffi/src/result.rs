//! `cloudphone_result`: the one result handle of every operation, made by
//! `cloudphone_request_parse` (or a client's `_call`).
//!
//! A result answers the questions every C host asks with typed accessors —
//! which operation, the request/trace id, the GeeLark envelope code, the
//! listing's total, the items (id, neutral status, job id) and the per-item
//! failures — plus typed views for the C data types some operations return
//! (connect infos, phone states, an IAM token), and everything else through
//! `cloudphone_result_field` (a JSON pointer into the result's JSON) or
//! `cloudphone_result_to_json`. What an operation's output contributes is its
//! `Summary` impl (in the provider's file): the one piece of C code an
//! operation needs besides its `_build`.

use std::any::Any;
use std::collections::HashMap;
use std::ffi::c_char;
use std::sync::{Mutex, OnceLock};

use serde::Serialize;

use super::error::cloudphone_error;
use super::geelark::cloudphone_phone_state;
use super::guard::{
    FfiError, FfiResult, arg_out, arg_ref, arg_str, free_box, guard, guard_or, write_out,
};
use super::huawei::{cloudphone_connect_info, cloudphone_huawei_iam_token};
use super::response::cloudphone_item_failure;
use super::types::{
    IdList, NulStr, StrArena, Text, cloudphone_id_list, cloudphone_status, cloudphone_str,
    cloudphone_string, opt_view, views_in,
};
use cloudphone::batch::{BatchItem, CallOutcome, ItemFailure};
use cloudphone::error::invalid;
use cloudphone::geelark::PhoneState;
use cloudphone::huawei::ConnectInfo;

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
    /// The typed C views of this output (connect infos, phone states, a
    /// token), their strings in `arena`.
    fn views(&self, _arena: &mut StrArena) -> Views {
        Views::default()
    }
    /// What a `cloudphone_batch_merge` records of this call; `None` for an
    /// operation that does not act on a list of ids.
    fn call_record(&self) -> Option<CallRecord> {
        None
    }
}

/// The typed views a result carries besides its items (empty for most
/// operations).
#[derive(Default)]
pub(crate) struct Views {
    pub(crate) connect_infos: Vec<cloudphone_connect_info>,
    pub(crate) phone_states: Vec<cloudphone_phone_state>,
    pub(crate) token: Option<cloudphone_huawei_iam_token>,
}

/// One call's answer as a batch merge records it: typed for the two seed
/// operations (their outcomes have typed item views), uniform items for
/// every other batch operation.
pub(crate) enum CallRecord {
    Connection(CallOutcome<ConnectInfo>),
    Status(CallOutcome<PhoneState>),
    Items(CallOutcome<MergedItem>),
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
    fn record(&self) -> Option<CallRecord>;
}

impl<T: Summary> AnyOutput for T {
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn record(&self) -> Option<CallRecord> {
        self.call_record()
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

impl MergedItem {
    /// An id whose awaited work finished in state `status`; its JSON is
    /// `{"id": …, "status": …}`.
    #[cfg(feature = "client")]
    pub(crate) fn reached(id: String, status: &'static str) -> Self {
        let item =
            serde_json::value::to_raw_value(&serde_json::json!({"id": id, "status": status}))
                .unwrap_or_else(|_| serde_json::value::RawValue::NULL.to_owned());
        MergedItem {
            id,
            status: Some(status),
            job_id: None,
            item,
        }
    }
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

/// The call record of a batch operation whose output converts into a
/// call outcome of `X`s (the body of its `Summary::call_record`).
pub(crate) fn items_record<T, X>(output: &T) -> Option<CallRecord>
where
    T: Summary + Clone + Into<CallOutcome<X>>,
    X: BatchItem + Serialize,
{
    let items = output.items();
    // One index, not a scan per item: an answer may hold any number of items.
    let by_id: HashMap<&str, &Item<'_>> = items.iter().map(|i| (i.id, i)).collect();
    let call: CallOutcome<X> = output.clone().into();
    let succeeded = call
        .succeeded
        .iter()
        .map(|x| {
            let id = x.item_id();
            let summary = by_id.get(id).copied();
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
    Some(CallRecord::Items(CallOutcome::new(
        succeeded,
        call.failed,
        call.request_id,
    )))
}

/// The answer to one call of any operation (see each `_build` function for
/// what its items are). Made by `cloudphone_request_parse` or a client's
/// `_call`; free with `cloudphone_result_free`.
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
    views: Views,
}

impl cloudphone_result {
    pub(crate) fn new<T: Summary>(op_name: &'static str, output: T) -> Self {
        let items = output.items();
        let mut arena = StrArena::with_capacity(128 + 48 * items.len());
        let views = output.views(&mut arena);
        // The items of the operations with typed views are those views, in
        // the same order: their ids (and states) are not copied again.
        let n = items.len();
        let ids = if n > 0 && views.connect_infos.len() == n {
            IdList::from_texts(views.connect_infos.iter().map(|c| c.phone_id).collect())
        } else if n > 0 && views.phone_states.len() == n {
            IdList::from_texts(views.phone_states.iter().map(|p| p.id).collect())
        } else {
            IdList::in_arena(items.iter().map(|i| i.id), &mut arena)
        };
        // Status names are a handful of static strings: each copied once.
        let mut names: Vec<(&'static str, Text)> = Vec::new();
        let mut statuses = Vec::with_capacity(n);
        for item in &items {
            statuses.push(match item.status {
                None => Text::NONE,
                Some(s) => match names.iter().find(|(k, _)| *k == s) {
                    Some((_, t)) => *t,
                    None => {
                        let t = arena.put(s);
                        names.push((s, t));
                        t
                    }
                },
            });
        }
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
            views,
            output: Box::new(output),
        }
    }

    /// The operation's name, e.g. `"huawei.restart_phones"`.
    pub(crate) fn op_name(&self) -> &'static str {
        self.op_name
    }

    /// This call's outcome for a batch merge; an error for a result of an
    /// operation that does not act on a list of ids.
    pub(crate) fn call_record(&self) -> FfiResult<CallRecord> {
        self.output.record().ok_or_else(|| {
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

/// Frees a result. NULL is a no-op; must not be called twice.
///
/// Pointers: `result` optional (NULL = no-op).
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
/// Pointers: `result` optional (NULL = the neutral value above).
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
/// Pointers: `result` optional (NULL = the neutral value above).
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
/// Pointers: `result` optional (NULL = the neutral value above).
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
/// Pointers: `result` optional (NULL = the neutral value above).
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

/// The number of items (0 when `result` is NULL). Each operation's `_build`
/// documents what its items are.
///
/// Pointers: `result` optional (NULL = the neutral value above).
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
/// Pointers: `result` optional (NULL = the neutral value above).
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
/// Pointers: `result` optional (NULL = the neutral value above).
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
/// Pointers: `result` optional (NULL = the neutral value above).
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
/// Pointers: `result` optional (NULL = the neutral value above).
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
/// Pointers: `result` optional (NULL = the neutral value above).
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

/// The number of phones with access information: the connect infos of a
/// `huawei.show_connect_infos` result (0 for any other operation, and when
/// `result` is NULL).
///
/// Pointers: `result` optional (NULL = the neutral value above).
///
/// # Safety
/// `result` is NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_result_connect_info_count(
    result: *const cloudphone_result,
) -> usize {
    guard_or(0, || {
        // SAFETY: per the function contract.
        unsafe { result.as_ref() }.map_or(0, |r| r.views.connect_infos.len())
    })
}

/// Phone `index`'s access information, borrowed from `result`; NULL when
/// `result` is NULL, is another operation's, or `index` is out of range.
///
/// Pointers: `result` optional (NULL = the neutral value above).
///
/// # Safety
/// `result` is NULL or live; the pointer lives as long as it.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_result_connect_info_at(
    result: *const cloudphone_result,
    index: usize,
) -> *const cloudphone_connect_info {
    guard_or(std::ptr::null(), || {
        // SAFETY: per the function contract.
        unsafe { result.as_ref() }
            .and_then(|r| r.views.connect_infos.get(index))
            .map_or(std::ptr::null(), |c| c as *const _)
    })
}

/// The number of phone states: the phones of a `geelark.get_phone_status`
/// result (0 for any other operation, and when `result` is NULL).
///
/// Pointers: `result` optional (NULL = the neutral value above).
///
/// # Safety
/// `result` is NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_result_phone_state_count(
    result: *const cloudphone_result,
) -> usize {
    guard_or(0, || {
        // SAFETY: per the function contract.
        unsafe { result.as_ref() }.map_or(0, |r| r.views.phone_states.len())
    })
}

/// Phone `index`'s state, borrowed from `result`; NULL when `result` is
/// NULL, is another operation's, or `index` is out of range.
///
/// Pointers: `result` optional (NULL = the neutral value above).
///
/// # Safety
/// `result` is NULL or live; the pointer lives as long as it.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_result_phone_state_at(
    result: *const cloudphone_result,
    index: usize,
) -> *const cloudphone_phone_state {
    guard_or(std::ptr::null(), || {
        // SAFETY: per the function contract.
        unsafe { result.as_ref() }
            .and_then(|r| r.views.phone_states.get(index))
            .map_or(std::ptr::null(), |p| p as *const _)
    })
}

/// The IAM token of a `huawei.iam.create_token` result, borrowed from
/// `result`; NULL when `result` is NULL or is another operation's.
///
/// Pointers: `result` optional (NULL = the neutral value above).
///
/// # Safety
/// `result` is NULL or live; the pointer lives as long as it.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_result_iam_token(
    result: *const cloudphone_result,
) -> *const cloudphone_huawei_iam_token {
    guard_or(std::ptr::null(), || {
        // SAFETY: per the function contract.
        unsafe { result.as_ref() }
            .and_then(|r| r.views.token.as_ref())
            .map_or(std::ptr::null(), |t| t as *const _)
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
/// Pointers: `result` optional (NULL = the neutral value above); `pointer`
/// optional (NULL = the neutral value above).
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
/// Pointers: `result` required; `json_out` required; `err_out` optional (NULL
/// = no error details).
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
    use super::super::huawei_fleet::cloudphone_huawei_list_phones_build;
    use super::super::request::{
        cloudphone_request, cloudphone_request_free, cloudphone_request_next,
        cloudphone_request_parse,
    };
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
            cloudphone_request_parse(
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
        _cfg: *const cloudphone_huawei_config,
        req: *const cloudphone_request,
        res: *const cloudphone_result,
    ) -> (cloudphone_status, *mut cloudphone_request, String) {
        let mut out = ptr::null_mut();
        let mut err = ptr::null_mut();
        // SAFETY: live handles and out-pointers.
        let st = unsafe { cloudphone_request_next(req, res, NOW, ptr::null(), &mut out, &mut err) };
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
