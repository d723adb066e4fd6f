//! Batch plan, merge and outcome, for hosts that fan out calls themselves:
//! plan the ids, build and send one request per call, record each call's
//! result (or error) in a merge, and finish it into an outcome that accounts
//! for every id exactly once.

use std::ffi::c_char;

use serde::Serialize;

use super::error::cloudphone_error;
use super::geelark::cloudphone_phone_state;
use super::guard::{
    FfiResult, arg_mut, arg_out, arg_ref, arg_str, arg_str_array, free_box, guard, guard_or,
    write_out,
};
use super::huawei::cloudphone_connect_info;
use super::response::{cloudphone_item_failure, json_out};
use super::result::{CallRecord, MergedItem, cloudphone_result};
use super::types::{
    IdList, StrArena, Text, cloudphone_id_list, cloudphone_status, cloudphone_str,
    cloudphone_string, views_in,
};
use cloudphone::batch::{BatchItem, BatchMerge, BatchOutcome, BatchPlan, CallOutcome};
use cloudphone::error::{Error, invalid};
use cloudphone::geelark::GetPhoneStatus;
use cloudphone::geelark::PhoneState;
use cloudphone::huawei::{ConnectInfo, ShowConnectInfos};
use cloudphone::op::Operation;

/// Distinct ids (duplicates collapsed, first seen wins) split into calls of
/// at most `limit` ids. Free with `cloudphone_batch_plan_free`.
///
/// Thread safety: immutable; may be read from several threads at once.
pub struct cloudphone_batch_plan {
    ids: IdList,
    calls: Vec<IdList>,
}

/// Plans calls for `ids` (any number, duplicates collapsed) of at most
/// `limit` ids each — use `CLOUDPHONE_HUAWEI_SHOW_CONNECT_INFOS_MAX_IDS` or
/// `CLOUDPHONE_GEELARK_GET_PHONE_STATUS_MAX_IDS`. Refuses an empty list, an
/// empty id, an id with a control character, and `limit` 0.
///
/// Pointers: `ids` required unless its length is 0 ((NULL, 0) = empty);
/// `plan_out` required; `err_out` optional (NULL = no error details).
///
/// # Safety
/// `ids` is `(NULL, 0)` or `ids_len` pointers to NUL-terminated strings;
/// `plan_out` and `err_out` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_batch_plan_new(
    ids: *const *const c_char,
    ids_len: usize,
    limit: usize,
    plan_out: *mut *mut cloudphone_batch_plan,
    err_out: *mut *mut cloudphone_error,
) -> cloudphone_status {
    guard(err_out, || {
        arg_out(plan_out, "plan_out")?;
        // SAFETY: per the function contract.
        let ids = unsafe { arg_str_array(ids, ids_len, "ids") }?;
        let plan = BatchPlan::new(ids, limit)?;
        let handle = cloudphone_batch_plan {
            ids: IdList::new(plan.ids().iter().map(String::as_str)),
            calls: plan
                .calls()
                .map(|c| IdList::new(c.iter().map(String::as_str)))
                .collect(),
        };
        // SAFETY: checked above.
        unsafe { write_out(plan_out, handle) };
        Ok(())
    })
}

/// Frees a plan. NULL is a no-op; must not be called twice.
///
/// Pointers: `plan` optional (NULL = no-op).
///
/// # Safety
/// `plan` is NULL or a live plan no other thread is using.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_batch_plan_free(plan: *mut cloudphone_batch_plan) {
    // SAFETY: per the function contract.
    guard_or((), || unsafe { free_box(plan) })
}

/// The distinct ids in first-seen order (`{NULL, 0}` when `plan` is NULL).
///
/// Pointers: `plan` optional (NULL = the neutral value above).
///
/// # Safety
/// `plan` is NULL or live; the list lives as long as it.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_batch_plan_ids(
    plan: *const cloudphone_batch_plan,
) -> cloudphone_id_list {
    let none = cloudphone_id_list {
        ids: std::ptr::null(),
        len: 0,
    };
    guard_or(none, || {
        // SAFETY: per the function contract.
        unsafe { plan.as_ref() }.map_or(none, |p| p.ids.view())
    })
}

/// How many calls the plan makes (0 when `plan` is NULL).
///
/// Pointers: `plan` optional (NULL = the neutral value above).
///
/// # Safety
/// `plan` is NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_batch_plan_call_count(
    plan: *const cloudphone_batch_plan,
) -> usize {
    guard_or(0, || {
        // SAFETY: per the function contract.
        unsafe { plan.as_ref() }.map_or(0, |p| p.calls.len())
    })
}

/// The ids of call `index`, ready to pass as a build function's ids;
/// `{NULL, 0}` when `plan` is NULL or `index` is out of range.
///
/// Pointers: `plan` optional (NULL = the neutral value above).
///
/// # Safety
/// `plan` is NULL or live; the list lives as long as it.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_batch_plan_call(
    plan: *const cloudphone_batch_plan,
    index: usize,
) -> cloudphone_id_list {
    let none = cloudphone_id_list {
        ids: std::ptr::null(),
        len: 0,
    };
    guard_or(none, || {
        // SAFETY: per the function contract.
        unsafe { plan.as_ref() }
            .and_then(|p| p.calls.get(index))
            .map_or(none, IdList::view)
    })
}

/// What a merge has been told, replayed in order by `finish`.
/// Each event names the plan's call it answers: only that call's ids can
/// be credited by it.
enum Event {
    Connection(usize, CallOutcome<ConnectInfo>),
    Status(usize, CallOutcome<PhoneState>),
    Items(usize, CallOutcome<MergedItem>),
    CallFailed(usize, Error),
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum ItemKind {
    Connection,
    Status,
    /// Any other batch operation, by name.
    Items(&'static str),
}

impl ItemKind {
    fn name(self) -> &'static str {
        match self {
            ItemKind::Connection => <ShowConnectInfos as Operation>::NAME,
            ItemKind::Status => <GetPhoneStatus as Operation>::NAME,
            ItemKind::Items(name) => name,
        }
    }
}

/// Collects the results of a plan's calls. Create with
/// `cloudphone_batch_merge_new`, record each call's result or error, then
/// `cloudphone_batch_merge_finish`. Free with `cloudphone_batch_merge_free`.
/// All results recorded into one merge must come from the same operation.
///
/// Thread safety: mutable; may be moved to another thread but must not be
/// used by two threads at once.
pub struct cloudphone_batch_merge {
    ids: Vec<String>,
    calls: Vec<Vec<String>>,
    kind: Option<ItemKind>,
    events: Vec<Event>,
}

impl cloudphone_batch_merge {
    fn set_kind(&mut self, kind: ItemKind) -> FfiResult<()> {
        match self.kind {
            Some(k) if k != kind => Err(invalid(
                "result",
                format!(
                    "is a {} result, but this merge holds {} results",
                    kind.name(),
                    k.name()
                ),
            )
            .into()),
            _ => {
                self.kind = Some(kind);
                Ok(())
            }
        }
    }

    fn call(&self, index: usize) -> FfiResult<()> {
        if index < self.calls.len() {
            Ok(())
        } else {
            Err(invalid(
                "call_index",
                format!("is {index}, but the plan has {} calls", self.calls.len()),
            )
            .into())
        }
    }

    fn replay<T: BatchItem + Clone>(
        &self,
        pick: impl Fn(&Event) -> Option<(usize, &CallOutcome<T>)>,
    ) -> BatchOutcome<T> {
        let mut merge = BatchMerge::<T>::new(&self.ids);
        for event in &self.events {
            match event {
                Event::CallFailed(i, e) => merge.record_error(&self.calls[*i], e),
                other => {
                    if let Some((i, outcome)) = pick(other) {
                        merge.record(&self.calls[i], outcome.clone());
                    }
                }
            }
        }
        merge.finish()
    }
}

/// Starts a merge over `plan`'s ids (copied: the plan may be freed after).
///
/// Pointers: `plan` required; `merge_out` required; `err_out` optional (NULL =
/// no error details).
///
/// # Safety
/// `plan` is NULL or live; `merge_out` and `err_out` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_batch_merge_new(
    plan: *const cloudphone_batch_plan,
    merge_out: *mut *mut cloudphone_batch_merge,
    err_out: *mut *mut cloudphone_error,
) -> cloudphone_status {
    guard(err_out, || {
        arg_out(merge_out, "merge_out")?;
        // SAFETY: per the function contract.
        let plan = unsafe { arg_ref(plan, "plan") }?;
        let merge = cloudphone_batch_merge {
            ids: plan.ids.strings().map(str::to_owned).collect(),
            calls: plan
                .calls
                .iter()
                .map(|c| c.strings().map(str::to_owned).collect())
                .collect(),
            kind: None,
            events: Vec::new(),
        };
        // SAFETY: checked above.
        unsafe { write_out(merge_out, merge) };
        Ok(())
    })
}

/// Frees a merge. NULL is a no-op; must not be called twice.
///
/// Pointers: `merge` optional (NULL = no-op).
///
/// # Safety
/// `merge` is NULL or a live merge no other thread is using.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_batch_merge_free(merge: *mut cloudphone_batch_merge) {
    // SAFETY: per the function contract.
    guard_or((), || unsafe { free_box(merge) })
}

/// Records one call's result (copied: the result may be freed after):
/// `call_index` is the plan's call this result answers (0-based, as for
/// `cloudphone_batch_plan_call`): only the ids that call carried are
/// credited; any other id the answer names is listed as unexpected.
///
/// Every operation over a list of ids can be merged — Huawei
/// show_connect_infos (read back with `cloudphone_batch_outcome_connect_info_at`),
/// restart, reset, stop, update properties, ADB commands and sync shell;
/// GeeLark get_phone_status (`cloudphone_batch_outcome_phone_state_at`),
/// start, stop, delete, update, GPS set/get, ADB set/get. Succeeded items of
/// any of them are read with `cloudphone_batch_outcome_item_id` /
/// `_item_status` / `_item_job_id` (and `cloudphone_batch_outcome_to_json`).
/// Fails with `CLOUDPHONE_STATUS_INVALID_INPUT` for a result of an
/// operation that does not act on a list of ids (lists, details, jobs,
/// screenshots, apps, ...) or of another operation than the results already
/// recorded.
///
/// - `merge`: required, not used by another thread at the same time.
/// - `result`: required. `err_out`: optional (NULL = no error details).
///
/// # Safety
/// `merge` is NULL or live and not used by another thread; `result` NULL or
/// live; `err_out` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_batch_merge_record(
    merge: *mut cloudphone_batch_merge,
    call_index: usize,
    result: *const cloudphone_result,
    err_out: *mut *mut cloudphone_error,
) -> cloudphone_status {
    guard(err_out, || {
        // SAFETY: per the function contract.
        let (merge, result) = unsafe { (arg_mut(merge, "merge")?, arg_ref(result, "result")?) };
        merge.call(call_index)?;
        let event = match result.call_record()? {
            CallRecord::Connection(c) => {
                merge.set_kind(ItemKind::Connection)?;
                Event::Connection(call_index, c)
            }
            CallRecord::Status(c) => {
                merge.set_kind(ItemKind::Status)?;
                Event::Status(call_index, c)
            }
            CallRecord::Items(c) => {
                merge.set_kind(ItemKind::Items(result.op_name()))?;
                Event::Items(call_index, c)
            }
        };
        merge.events.push(event);
        Ok(())
    })
}

/// Records that call `call_index` of the plan failed as a whole with
/// `error` (as returned by its parse function): each of its ids not yet
/// answered fails with that error's status, code and message.
///
/// Pointers: `merge` required; `error` required; `err_out` optional (NULL = no
/// error details).
///
/// # Safety
/// `merge` is NULL or live and not used by another thread; `error` NULL or
/// live; `err_out` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_batch_merge_record_error(
    merge: *mut cloudphone_batch_merge,
    call_index: usize,
    error: *const cloudphone_error,
    err_out: *mut *mut cloudphone_error,
) -> cloudphone_status {
    guard(err_out, || {
        // SAFETY: per the function contract.
        let (merge, error) = unsafe { (arg_mut(merge, "merge")?, arg_ref(error, "error")?) };
        merge.call(call_index)?;
        let e = match &error.error {
            Some(e) => e.clone(),
            // An argument error has no core error: keep its text.
            None => invalid("call", error.message().to_owned()),
        };
        merge.events.push(Event::CallFailed(call_index, e));
        Ok(())
    })
}

/// Records that sending call `call_index` failed in the host's transport
/// (`message` says how, e.g. `"connection refused"`): each of its ids not yet
/// answered fails with `CLOUDPHONE_STATUS_TRANSPORT`.
///
/// Pointers: `merge` required; `message` required; `err_out` optional (NULL =
/// no error details).
///
/// # Safety
/// `merge` is NULL or live and not used by another thread; `message` NULL or
/// NUL-terminated; `err_out` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_batch_merge_record_transport_error(
    merge: *mut cloudphone_batch_merge,
    call_index: usize,
    message: *const c_char,
    err_out: *mut *mut cloudphone_error,
) -> cloudphone_status {
    guard(err_out, || {
        // SAFETY: per the function contract.
        let (merge, message) = unsafe { (arg_mut(merge, "merge")?, arg_str(message, "message")?) };
        merge.call(call_index)?;
        let e = Error::Transport {
            operation: merge.kind.map_or("host", ItemKind::name),
            message: message.to_owned(),
            not_sent: false,
            io_kind: None,
        };
        merge.events.push(Event::CallFailed(call_index, e));
        Ok(())
    })
}

/// Merges everything recorded so far into a new outcome at `*outcome_out`:
/// every planned id exactly once, as succeeded, failed or missing, each list
/// in input order. The merge is unchanged and may record more.
///
/// Pointers: `merge` required; `outcome_out` required; `err_out` optional
/// (NULL = no error details).
///
/// # Safety
/// `merge` is NULL or live; `outcome_out` and `err_out` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_batch_merge_finish(
    merge: *const cloudphone_batch_merge,
    outcome_out: *mut *mut cloudphone_batch_outcome,
    err_out: *mut *mut cloudphone_error,
) -> cloudphone_status {
    guard(err_out, || {
        arg_out(outcome_out, "outcome_out")?;
        // SAFETY: per the function contract.
        let merge = unsafe { arg_ref(merge, "merge") }?;
        let outcome = match merge.kind {
            Some(ItemKind::Connection) => Outcome::Connection(merge.replay(|e| match e {
                Event::Connection(i, o) => Some((*i, o)),
                _ => None,
            })),
            Some(ItemKind::Status) => Outcome::Status(merge.replay(|e| match e {
                Event::Status(i, o) => Some((*i, o)),
                _ => None,
            })),
            Some(ItemKind::Items(_)) => Outcome::Items(merge.replay(|e| match e {
                Event::Items(i, o) => Some((*i, o)),
                _ => None,
            })),
            None => Outcome::Nothing(merge.replay(|_| None)),
        };
        // SAFETY: checked above.
        unsafe { write_out(outcome_out, cloudphone_batch_outcome::new(outcome)) };
        Ok(())
    })
}

/// Stands in for the item type when no call succeeded yet.
#[derive(Clone, Serialize)]
pub(crate) struct NoItem;

impl BatchItem for NoItem {
    fn item_id(&self) -> &str {
        ""
    }
}

pub(crate) enum Outcome {
    Connection(BatchOutcome<ConnectInfo>),
    Status(BatchOutcome<PhoneState>),
    Items(BatchOutcome<MergedItem>),
    Nothing(BatchOutcome<NoItem>),
}

/// The typed fields of one succeeded item, for every kind of outcome.
struct SucceededView {
    id: Text,
    status: Text,
    job_id: Text,
}

/// The merged answer of a whole batch. Free with
/// `cloudphone_batch_outcome_free`.
///
/// Thread safety: immutable; may be read from several threads at once.
pub struct cloudphone_batch_outcome {
    outcome: Outcome,
    connect_infos: Vec<cloudphone_connect_info>,
    phone_states: Vec<cloudphone_phone_state>,
    succeeded: Vec<SucceededView>,
    failed: Vec<cloudphone_item_failure>,
    missing: IdList,
    request_ids: IdList,
    unexpected: IdList,
    complete: bool,
    // Owns the bytes the views above point to.
    _arena: StrArena,
}

impl cloudphone_batch_outcome {
    pub(crate) fn new(outcome: Outcome) -> Self {
        fn parts<T>(
            o: &BatchOutcome<T>,
            arena: &mut StrArena,
        ) -> (Vec<cloudphone_item_failure>, IdList, IdList, IdList, bool) {
            (
                views_in(&o.failed, arena),
                IdList::in_arena(o.missing.iter().map(String::as_str), arena),
                IdList::in_arena(o.request_ids.iter().map(String::as_str), arena),
                IdList::in_arena(o.unexpected.iter().map(String::as_str), arena),
                o.is_complete_success(),
            )
        }
        let mut connect_infos: Vec<cloudphone_connect_info> = Vec::new();
        let mut phone_states: Vec<cloudphone_phone_state> = Vec::new();
        let mut arena = StrArena::new();
        // The typed item views come first; the uniform `succeeded` views
        // reuse their strings rather than copying them again.
        let succeeded: Vec<SucceededView>;
        let (failed, missing, request_ids, unexpected, complete) = match &outcome {
            Outcome::Connection(o) => {
                connect_infos = views_in(&o.succeeded, &mut arena);
                succeeded = connect_infos
                    .iter()
                    .map(|c| SucceededView {
                        id: c.phone_id,
                        status: Text::NONE,
                        job_id: Text::NONE,
                    })
                    .collect();
                parts(o, &mut arena)
            }
            Outcome::Status(o) => {
                phone_states = views_in(&o.succeeded, &mut arena);
                succeeded = phone_states
                    .iter()
                    .map(|p| SucceededView {
                        id: p.id,
                        status: p.status,
                        job_id: Text::NONE,
                    })
                    .collect();
                parts(o, &mut arena)
            }
            Outcome::Items(o) => {
                succeeded = o
                    .succeeded
                    .iter()
                    .map(|i| SucceededView {
                        id: arena.put(&i.id),
                        status: arena.opt(i.status),
                        job_id: arena.opt(i.job_id.as_deref()),
                    })
                    .collect();
                parts(o, &mut arena)
            }
            Outcome::Nothing(o) => {
                succeeded = Vec::new();
                parts(o, &mut arena)
            }
        };
        cloudphone_batch_outcome {
            outcome,
            connect_infos,
            phone_states,
            succeeded,
            failed,
            missing,
            request_ids,
            unexpected,
            complete,
            _arena: arena,
        }
    }
}

/// Frees an outcome. NULL is a no-op; must not be called twice.
///
/// Pointers: `outcome` optional (NULL = no-op).
///
/// # Safety
/// `outcome` is NULL or a live outcome no other thread is using.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_batch_outcome_free(outcome: *mut cloudphone_batch_outcome) {
    // SAFETY: per the function contract.
    guard_or((), || unsafe { free_box(outcome) })
}

/// Whether every id succeeded (false when `outcome` is NULL).
///
/// Pointers: `outcome` optional (NULL = the neutral value above).
///
/// # Safety
/// `outcome` is NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_batch_outcome_is_complete_success(
    outcome: *const cloudphone_batch_outcome,
) -> bool {
    guard_or(false, || {
        // SAFETY: per the function contract.
        unsafe { outcome.as_ref() }.is_some_and(|o| o.complete)
    })
}

/// The number of ids that succeeded (0 when `outcome` is NULL).
///
/// Pointers: `outcome` optional (NULL = the neutral value above).
///
/// # Safety
/// `outcome` is NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_batch_outcome_succeeded_count(
    outcome: *const cloudphone_batch_outcome,
) -> usize {
    guard_or(0, || {
        // SAFETY: per the function contract.
        unsafe { outcome.as_ref() }.map_or(0, |o| o.succeeded.len())
    })
}

/// The id of succeeded item `index` (phone id, or for jobs the phone the
/// job acts on), for an outcome of any operation; `{NULL, 0}` when `outcome`
/// is NULL or `index` is out of range.
///
/// Pointers: `outcome` optional (NULL = the neutral value above).
///
/// # Safety
/// `outcome` is NULL or live; the view lives as long as it.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_batch_outcome_item_id(
    outcome: *const cloudphone_batch_outcome,
    index: usize,
) -> cloudphone_str {
    // SAFETY: per the function contract.
    guard_or(cloudphone_str::NONE, || unsafe {
        succeeded_field(outcome, index, |v| v.id)
    })
}

/// The neutral status of succeeded item `index` (as
/// `cloudphone_result_item_status`); `{NULL, 0}` when the item has none,
/// `outcome` is NULL or `index` is out of range.
///
/// Pointers: `outcome` optional (NULL = the neutral value above).
///
/// # Safety
/// `outcome` is NULL or live; the view lives as long as it.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_batch_outcome_item_status(
    outcome: *const cloudphone_batch_outcome,
    index: usize,
) -> cloudphone_str {
    // SAFETY: per the function contract.
    guard_or(cloudphone_str::NONE, || unsafe {
        succeeded_field(outcome, index, |v| v.status)
    })
}

/// The job id of succeeded item `index` (Huawei lifecycle and ADB
/// operations); `{NULL, 0}` when the item has none, `outcome` is NULL or
/// `index` is out of range.
///
/// Pointers: `outcome` optional (NULL = the neutral value above).
///
/// # Safety
/// `outcome` is NULL or live; the view lives as long as it.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_batch_outcome_item_job_id(
    outcome: *const cloudphone_batch_outcome,
    index: usize,
) -> cloudphone_str {
    // SAFETY: per the function contract.
    guard_or(cloudphone_str::NONE, || unsafe {
        succeeded_field(outcome, index, |v| v.job_id)
    })
}

/// One field of succeeded item `index`, or `{NULL, 0}`.
///
/// # Safety
/// `outcome` is NULL or live.
unsafe fn succeeded_field(
    outcome: *const cloudphone_batch_outcome,
    index: usize,
    pick: impl FnOnce(&SucceededView) -> Text,
) -> cloudphone_str {
    // SAFETY: per the function contract.
    unsafe { outcome.as_ref() }
        .and_then(|o| o.succeeded.get(index))
        .map_or(cloudphone_str::NONE, |v| pick(v).view())
}

/// Succeeded item `index` of a batch-connection outcome, borrowed from
/// `outcome`; NULL when `outcome` is NULL, holds another operation's items,
/// or `index` is out of range.
///
/// Pointers: `outcome` optional (NULL = the neutral value above).
///
/// # Safety
/// `outcome` is NULL or live; the pointer lives as long as it.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_batch_outcome_connect_info_at(
    outcome: *const cloudphone_batch_outcome,
    index: usize,
) -> *const cloudphone_connect_info {
    guard_or(std::ptr::null(), || {
        // SAFETY: per the function contract.
        unsafe { outcome.as_ref() }
            .and_then(|o| o.connect_infos.get(index))
            .map_or(std::ptr::null(), |c| c as *const _)
    })
}

/// Succeeded item `index` of a phone-status outcome, borrowed from
/// `outcome`; NULL when `outcome` is NULL, holds another operation's items,
/// or `index` is out of range.
///
/// Pointers: `outcome` optional (NULL = the neutral value above).
///
/// # Safety
/// `outcome` is NULL or live; the pointer lives as long as it.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_batch_outcome_phone_state_at(
    outcome: *const cloudphone_batch_outcome,
    index: usize,
) -> *const cloudphone_phone_state {
    guard_or(std::ptr::null(), || {
        // SAFETY: per the function contract.
        unsafe { outcome.as_ref() }
            .and_then(|o| o.phone_states.get(index))
            .map_or(std::ptr::null(), |p| p as *const _)
    })
}

/// The number of ids that failed (0 when `outcome` is NULL).
///
/// Pointers: `outcome` optional (NULL = the neutral value above).
///
/// # Safety
/// `outcome` is NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_batch_outcome_failure_count(
    outcome: *const cloudphone_batch_outcome,
) -> usize {
    guard_or(0, || {
        // SAFETY: per the function contract.
        unsafe { outcome.as_ref() }.map_or(0, |o| o.failed.len())
    })
}

/// Failed id `index`, borrowed from `outcome`; NULL when `outcome` is NULL
/// or `index` is out of range.
///
/// Pointers: `outcome` optional (NULL = the neutral value above).
///
/// # Safety
/// `outcome` is NULL or live; the pointer lives as long as it.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_batch_outcome_failure_at(
    outcome: *const cloudphone_batch_outcome,
    index: usize,
) -> *const cloudphone_item_failure {
    guard_or(std::ptr::null(), || {
        // SAFETY: per the function contract.
        unsafe { outcome.as_ref() }
            .and_then(|o| o.failed.get(index))
            .map_or(std::ptr::null(), |f| f as *const _)
    })
}

/// The ids no answer mentioned, in input order (`{NULL, 0}` when `outcome`
/// is NULL).
///
/// Pointers: `outcome` optional (NULL = `{NULL, 0}`).
///
/// # Safety
/// `outcome` is NULL or live; the list lives as long as it.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_batch_outcome_missing(
    outcome: *const cloudphone_batch_outcome,
) -> cloudphone_id_list {
    id_list(outcome, |o| &o.missing)
}

/// The request/trace ids of the calls that answered, in call order.
///
/// Pointers: `outcome` optional (NULL = `{NULL, 0}`).
///
/// # Safety
/// `outcome` is NULL or live; the list lives as long as it.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_batch_outcome_request_ids(
    outcome: *const cloudphone_batch_outcome,
) -> cloudphone_id_list {
    id_list(outcome, |o| &o.request_ids)
}

/// Ids the answers mentioned that were never requested (ignored; kept for
/// diagnosis).
///
/// Pointers: `outcome` optional (NULL = `{NULL, 0}`).
///
/// # Safety
/// `outcome` is NULL or live; the list lives as long as it.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_batch_outcome_unexpected(
    outcome: *const cloudphone_batch_outcome,
) -> cloudphone_id_list {
    id_list(outcome, |o| &o.unexpected)
}

fn id_list(
    outcome: *const cloudphone_batch_outcome,
    pick: impl FnOnce(&cloudphone_batch_outcome) -> &IdList,
) -> cloudphone_id_list {
    let none = cloudphone_id_list {
        ids: std::ptr::null(),
        len: 0,
    };
    guard_or(none, || {
        // SAFETY: callers pass NULL or a live outcome (their contract).
        unsafe { outcome.as_ref() }.map_or(none, |o| pick(o).view())
    })
}

/// One string of an id list, as a view (`{NULL, 0}` when `index` is out of
/// range). A convenience for hosts that prefer views over the raw array.
///
/// # Safety
/// `list` was returned by this library and its owner is live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_id_list_at(
    list: cloudphone_id_list,
    index: usize,
) -> cloudphone_str {
    guard_or(cloudphone_str::NONE, || {
        if list.ids.is_null() || index >= list.len {
            return cloudphone_str::NONE;
        }
        // SAFETY: `list` describes `len` valid pointers (contract), and
        // `index < len`.
        let p = unsafe { *list.ids.add(index) };
        // SAFETY: the library's lists hold NUL-terminated strings.
        let len = unsafe { std::ffi::CStr::from_ptr(p) }.to_bytes().len();
        cloudphone_str { ptr: p, len }
    })
}

/// The whole outcome as JSON
/// (`{"succeeded":[…],"failed":[…],"missing":[…],"request_ids":[…],"unexpected":[…]}`)
/// into a new string at `*json_out`.
///
/// Pointers: `outcome` required; `json_out` required; `err_out` optional (NULL
/// = no error details).
///
/// # Safety
/// `outcome` is NULL or live; `json_out` and `err_out` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_batch_outcome_to_json(
    outcome: *const cloudphone_batch_outcome,
    json_out: *mut *mut cloudphone_string,
    err_out: *mut *mut cloudphone_error,
) -> cloudphone_status {
    guard(err_out, || {
        // SAFETY: per the function contract.
        let o = unsafe { arg_ref(outcome, "outcome") };
        // SAFETY: per the function contract.
        unsafe {
            match o.map(|o| &o.outcome) {
                Err(e) => self::json_out::<()>(Err(e), json_out),
                Ok(Outcome::Connection(x)) => self::json_out(Ok(x), json_out),
                Ok(Outcome::Status(x)) => self::json_out(Ok(x), json_out),
                Ok(Outcome::Items(x)) => self::json_out(Ok(x), json_out),
                Ok(Outcome::Nothing(x)) => self::json_out(Ok(x), json_out),
            }
        }
    })
}
