//! Huawei Cloud CPH fleet operations: phones, servers, lifecycle, jobs (and
//! a sans-IO job watcher) and ADB commands. Each has a `_build` and a
//! `_build`; `cloudphone_request_parse` parses any of them into the one
//! `cloudphone_result` (what each contributes: its `Summary` impl below), and
//! `cloudphone_request_next` pages the listings.

use std::collections::BTreeMap;
use std::ffi::c_char;

use serde::Deserialize;

use super::config::cloudphone_huawei_config;
use super::error::cloudphone_error;
use super::guard::{
    FfiResult, arg_mut, arg_opt_str, arg_out, arg_ref, arg_str, arg_str_array, free_box, guard,
    guard_or, write_out,
};
use super::options::{Scalar, json_arg};
use super::request::{OpFns, build_into, build_request, cloudphone_request};
use super::result::{CallRecord, Item, Summary, cloudphone_result, items_record};
use super::types::cloudphone_status;
use cloudphone::batch::ItemFailure;
use cloudphone::error::invalid;
use cloudphone::huawei::adb::{self, Command, RunCommand, RunSyncShell, SyncShellReport, Target};
use cloudphone::huawei::catalog::{ListPhoneModels, PhoneModelList};
use cloudphone::huawei::jobs::{
    self, Job, JobList, JobWatch, JobsReport, ListJobs, ShowJob, WatchStep,
};
use cloudphone::huawei::lifecycle::{
    self, Properties, ResetPhones, RestartPhones, StopPhones, UpdateProperties,
};
use cloudphone::huawei::phones::{
    Accepted, ListPhones, PhoneDetail, PhoneList, RenamePhone, ShowPhone,
};
use cloudphone::huawei::servers::{
    EncodeServerList, ListEncodeServers, ListServers, ServerDetail, ServerList, ShowServer,
};
use cloudphone::op::Operation;

/// Most phones one restart, reset, stop or property-update call takes
/// (this library's chunk; split larger sets with `cloudphone_batch_plan_new`).
pub const CLOUDPHONE_HUAWEI_LIFECYCLE_MAX_IDS: usize = 100;
const _: () = assert!(CLOUDPHONE_HUAWEI_LIFECYCLE_MAX_IDS == lifecycle::MAX_IDS);

/// Most phones (or servers) one synchronous shell call takes.
pub const CLOUDPHONE_HUAWEI_RUN_SYNC_SHELL_MAX_IDS: usize = 15;
const _: () = assert!(CLOUDPHONE_HUAWEI_RUN_SYNC_SHELL_MAX_IDS == adb::MAX_SYNC_IDS);

/// Most phones (or servers) one asynchronous command call takes.
pub const CLOUDPHONE_HUAWEI_RUN_COMMAND_MAX_IDS: usize = 100;
const _: () = assert!(CLOUDPHONE_HUAWEI_RUN_COMMAND_MAX_IDS == adb::MAX_ASYNC_IDS);

/// Most request ids one list-jobs call takes.
pub const CLOUDPHONE_HUAWEI_LIST_JOBS_MAX_IDS: usize = 20;
const _: () = assert!(CLOUDPHONE_HUAWEI_LIST_JOBS_MAX_IDS == jobs::MAX_REQUEST_IDS);

/// The configuration handle of this file's operations.
pub(crate) type Hw = cloudphone_huawei_config;

// ---------------------------------------------------------------- summaries

impl Summary for PhoneList {
    fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }
    fn total(&self) -> Option<u64> {
        self.total
    }
    fn items(&self) -> Vec<Item<'_>> {
        let records = self.records.iter();
        records
            .map(|p| Item::id(&p.phone_id).status(p.status.as_str()))
            .collect()
    }
}

impl Summary for PhoneDetail {
    fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }
    fn items(&self) -> Vec<Item<'_>> {
        vec![Item::id(&self.phone.phone_id).status(self.phone.status.as_str())]
    }
}

impl Summary for Accepted {
    fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }
}

impl Summary for ServerList {
    fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }
    fn total(&self) -> Option<u64> {
        self.total
    }
    fn items(&self) -> Vec<Item<'_>> {
        self.servers
            .iter()
            .map(|s| Item::id(&s.server_id))
            .collect()
    }
}

impl Summary for ServerDetail {
    fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }
    fn items(&self) -> Vec<Item<'_>> {
        vec![Item::id(&self.server.server_id)]
    }
}

impl Summary for EncodeServerList {
    fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }
    fn items(&self) -> Vec<Item<'_>> {
        let servers = self.encode_servers.iter();
        servers.map(|s| Item::id(&s.encode_server_id)).collect()
    }
}

impl Summary for PhoneModelList {
    fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }
    fn items(&self) -> Vec<Item<'_>> {
        let models = self.phone_models.iter();
        models.map(|m| Item::id(&m.phone_model_name)).collect()
    }
}

impl Summary for JobsReport {
    fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }
    fn items(&self) -> Vec<Item<'_>> {
        let started = self.jobs.iter();
        started
            .map(|j| Item::id(&j.id).job(Some(&j.job_id)))
            .collect()
    }
    fn failures(&self) -> &[ItemFailure] {
        &self.errors
    }
    fn call_record(&self) -> Option<CallRecord> {
        items_record::<_, jobs::StartedJob>(self)
    }
}

fn job_item(j: &Job) -> Item<'_> {
    let id = j.phone_id.as_deref().or(j.server_id.as_deref());
    Item::id(id.unwrap_or_default())
        .status(j.status.as_str())
        .job(j.job_id.as_deref())
}

impl Summary for Job {
    fn request_id(&self) -> Option<&str> {
        None
    }
    fn items(&self) -> Vec<Item<'_>> {
        vec![job_item(self)]
    }
}

impl Summary for JobList {
    fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }
    fn items(&self) -> Vec<Item<'_>> {
        self.jobs.iter().map(job_item).collect()
    }
}

impl Summary for SyncShellReport {
    fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }
    fn items(&self) -> Vec<Item<'_>> {
        let outputs = self.outputs.iter();
        outputs
            .map(|o| {
                Item::id(&o.phone_id)
                    .status(o.status.as_str())
                    .job(o.job_id.as_deref())
            })
            .collect()
    }
    fn failures(&self) -> &[ItemFailure] {
        &self.errors
    }
    fn call_record(&self) -> Option<CallRecord> {
        items_record::<_, adb::ShellOutput>(self)
    }
}

// ---------------------------------------------------------------- options

#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct PhoneFilters {
    phone_name: Option<String>,
    server_id: Option<String>,
    status: Option<i64>,
    #[serde(rename = "type")]
    phone_type: Option<i64>,
}

#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct EncodeServerFilters {
    server_id: Option<String>,
    #[serde(rename = "type")]
    kind: Option<i64>,
    status: Option<i64>,
}

#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct PowerOptions {
    image_id: Option<String>,
    property: Option<serde_json::Value>,
    factory_reset: Option<bool>,
}

impl PowerOptions {
    fn properties(&self) -> FfiResult<Option<Properties>> {
        Ok(match &self.property {
            None => None,
            Some(v) => Some(Properties::from_json(&v.to_string())?),
        })
    }
}

/// Phone ids or server ids: exactly one of the two lists is not empty.
///
/// # Safety
/// Both arrays as in `arg_str_array`.
unsafe fn target(
    phone_ids: *const *const c_char,
    phone_ids_len: usize,
    server_ids: *const *const c_char,
    server_ids_len: usize,
) -> FfiResult<Target> {
    // SAFETY: per the function contract.
    let (phones, servers) = unsafe {
        (
            arg_str_array(phone_ids, phone_ids_len, "phone_ids")?,
            arg_str_array(server_ids, server_ids_len, "server_ids")?,
        )
    };
    let own = |v: Vec<&str>| v.into_iter().map(str::to_owned).collect();
    match (phones.is_empty(), servers.is_empty()) {
        (false, true) => Ok(Target::Phones(own(phones))),
        (true, false) => Ok(Target::Servers(own(servers))),
        _ => Err(invalid(
            "phone_ids",
            "give either phone ids or server ids (exactly one of the two lists)",
        )
        .into()),
    }
}

// ---------------------------------------------------------------- phones

/// Builds a phone-list request (`GET /v1/{project_id}/cloud-phone/phones`,
/// newest first).
///
/// - `offset`, `limit`: the page (limit 1 to 200).
/// - `options_json`: NULL, or filters: `{"phone_name": "part of a name",
///   "server_id": "...", "status": 2, "type": 0}`.
/// - `now_unix_ms`: the current time (signs the request); `trace_id`:
///   unused by Huawei, may be NULL.
///
/// A listing: page on with `cloudphone_request_next`.
///
/// Result (`cloudphone_request_parse`): Items: the phones (id, neutral
/// status); total: `count`; e.g. `/records/0/phone_name`.
///
/// Pointers: `config` required; `options_json` optional (NULL = none);
/// `trace_id` optional (NULL = none); `request_out` required; `err_out`
/// optional (NULL = no error details).
///
/// # Safety
/// `config` is NULL or live; strings NULL or NUL-terminated; `request_out`
/// and `err_out` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_huawei_list_phones_build(
    config: *const cloudphone_huawei_config,
    offset: u32,
    limit: u32,
    options_json: *const c_char,
    now_unix_ms: u64,
    trace_id: *const c_char,
    request_out: *mut *mut cloudphone_request,
    err_out: *mut *mut cloudphone_error,
) -> cloudphone_status {
    guard(err_out, || {
        // SAFETY: per the function contract.
        unsafe {
            build_into(
                config,
                now_unix_ms,
                trace_id,
                request_out,
                OpFns::pager::<Hw, ListPhones>(),
                || {
                    let f: PhoneFilters = json_arg(options_json, "options_json")?;
                    let mut op = ListPhones::new().page(offset, limit)?;
                    if let Some(v) = f.phone_name {
                        op = op.name(v)?;
                    }
                    if let Some(v) = f.server_id {
                        op = op.server(v)?;
                    }
                    if let Some(v) = f.status {
                        op = op.status(v)?;
                    }
                    if let Some(v) = f.phone_type {
                        op = op.phone_type(v)?;
                    }
                    Ok(op)
                },
            )
        }
    })
}

/// Builds a phone-detail request
/// (`GET /v1/{project_id}/cloud-phone/phones/{phone_id}`).
/// `now_unix_ms` and `trace_id` as for `cloudphone_huawei_list_phones_build`.
///
/// Result (`cloudphone_request_parse`): One item: the phone (id, neutral
/// status); ports in `/access_infos`.
///
/// Pointers: `config` required; `phone_id` required; `trace_id` optional (NULL
/// = none); `request_out` required; `err_out` optional (NULL = no error
/// details).
///
/// # Safety
/// As `cloudphone_huawei_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_huawei_show_phone_build(
    config: *const cloudphone_huawei_config,
    phone_id: *const c_char,
    now_unix_ms: u64,
    trace_id: *const c_char,
    request_out: *mut *mut cloudphone_request,
    err_out: *mut *mut cloudphone_error,
) -> cloudphone_status {
    guard(err_out, || {
        // SAFETY: per the function contract.
        unsafe {
            build_into(
                config,
                now_unix_ms,
                trace_id,
                request_out,
                OpFns::provider::<Hw, ShowPhone>(),
                || Ok(ShowPhone::new(arg_str(phone_id, "phone_id")?)?),
            )
        }
    })
}

/// Builds a rename request (`PUT /v1/{project_id}/cloud-phone/phones/{phone_id}`);
/// `phone_name` is 1 to 60 characters from a-z, A-Z, 0-9, Chinese
/// characters, `-` and `_`.
///
/// Result (`cloudphone_request_parse`): No items; the request id.
///
/// Pointers: `config` required; `phone_id` required; `phone_name` required;
/// `trace_id` optional (NULL = none); `request_out` required; `err_out`
/// optional (NULL = no error details).
///
/// # Safety
/// As `cloudphone_huawei_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_huawei_rename_phone_build(
    config: *const cloudphone_huawei_config,
    phone_id: *const c_char,
    phone_name: *const c_char,
    now_unix_ms: u64,
    trace_id: *const c_char,
    request_out: *mut *mut cloudphone_request,
    err_out: *mut *mut cloudphone_error,
) -> cloudphone_status {
    guard(err_out, || {
        // SAFETY: per the function contract.
        unsafe {
            build_into(
                config,
                now_unix_ms,
                trace_id,
                request_out,
                OpFns::provider::<Hw, RenamePhone>(),
                || {
                    Ok(RenamePhone::new(
                        arg_str(phone_id, "phone_id")?,
                        arg_str(phone_name, "phone_name")?,
                    )?)
                },
            )
        }
    })
}

// ---------------------------------------------------------------- servers

/// Builds a server-list request (`GET /v1/{project_id}/cloud-phone/servers`).
///
/// - `offset`, `limit`: the page (limit 1 to 100).
/// - `options_json`: NULL, or filters, any of `server_name`, `server_id`,
///   `network_version`, `phone_model_name`, `create_since`, `create_until`,
///   `status` (strings or numbers).
///
/// Result (`cloudphone_request_parse`): Items: the servers (id); total:
/// `count`.
///
/// Pointers: `config` required; `options_json` optional (NULL = none);
/// `trace_id` optional (NULL = none); `request_out` required; `err_out`
/// optional (NULL = no error details).
///
/// # Safety
/// As `cloudphone_huawei_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_huawei_list_servers_build(
    config: *const cloudphone_huawei_config,
    offset: u32,
    limit: u32,
    options_json: *const c_char,
    now_unix_ms: u64,
    trace_id: *const c_char,
    request_out: *mut *mut cloudphone_request,
    err_out: *mut *mut cloudphone_error,
) -> cloudphone_status {
    guard(err_out, || {
        // SAFETY: per the function contract.
        unsafe {
            build_into(
                config,
                now_unix_ms,
                trace_id,
                request_out,
                OpFns::pager::<Hw, ListServers>(),
                || {
                    let f: BTreeMap<String, Scalar> = json_arg(options_json, "options_json")?;
                    let mut op = ListServers::new().page(offset, limit)?;
                    for (k, v) in f {
                        op = op.filter(&k, v.into_string())?;
                    }
                    Ok(op)
                },
            )
        }
    })
}

/// Builds a server-detail request
/// (`GET /v1/{project_id}/cloud-phone/servers/{server_id}`).
///
/// Result (`cloudphone_request_parse`): One item: the server (id).
///
/// Pointers: `config` required; `server_id` required; `trace_id` optional
/// (NULL = none); `request_out` required; `err_out` optional (NULL = no error
/// details).
///
/// # Safety
/// As `cloudphone_huawei_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_huawei_show_server_build(
    config: *const cloudphone_huawei_config,
    server_id: *const c_char,
    now_unix_ms: u64,
    trace_id: *const c_char,
    request_out: *mut *mut cloudphone_request,
    err_out: *mut *mut cloudphone_error,
) -> cloudphone_status {
    guard(err_out, || {
        // SAFETY: per the function contract.
        unsafe {
            build_into(
                config,
                now_unix_ms,
                trace_id,
                request_out,
                OpFns::provider::<Hw, ShowServer>(),
                || Ok(ShowServer::new(arg_str(server_id, "server_id")?)?),
            )
        }
    })
}

/// Builds an encode-server list request
/// (`GET /v1/{project_id}/cloud-phone/encode-servers`).
///
/// - `offset`, `limit`: the page (limit 1 to 100).
/// - `options_json`: NULL, or filters `{"server_id": "...", "type": 1,
///   "status": 1}`.
///
/// Result (`cloudphone_request_parse`): Items: the encode servers (id); ports
/// in `/encode_servers/N/access_infos`.
///
/// Pointers: `config` required; `options_json` optional (NULL = none);
/// `trace_id` optional (NULL = none); `request_out` required; `err_out`
/// optional (NULL = no error details).
///
/// # Safety
/// As `cloudphone_huawei_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_huawei_list_encode_servers_build(
    config: *const cloudphone_huawei_config,
    offset: u32,
    limit: u32,
    options_json: *const c_char,
    now_unix_ms: u64,
    trace_id: *const c_char,
    request_out: *mut *mut cloudphone_request,
    err_out: *mut *mut cloudphone_error,
) -> cloudphone_status {
    guard(err_out, || {
        // SAFETY: per the function contract.
        unsafe {
            build_into(
                config,
                now_unix_ms,
                trace_id,
                request_out,
                OpFns::pager::<Hw, ListEncodeServers>(),
                || {
                    let f: EncodeServerFilters = json_arg(options_json, "options_json")?;
                    let mut op = ListEncodeServers::new().page(offset, limit)?;
                    if let Some(v) = f.server_id {
                        op = op.server(v)?;
                    }
                    if let Some(v) = f.kind {
                        op = op.kind(v)?;
                    }
                    if let Some(v) = f.status {
                        op = op.status(v)?;
                    }
                    Ok(op)
                },
            )
        }
    })
}

// ---------------------------------------------------------------- catalogues

/// Builds a phone-flavor list request
/// (`GET /v1/{project_id}/cloud-phone/phone-models`). A listing: page on
/// with `cloudphone_request_next`.
///
/// - `config`: required.
/// - `status`: -1 for every flavor, 1 in use, 0 withdrawn.
/// - `offset`, `limit`: the page (limit 1 to 100).
/// - `now_unix_ms`: the current time (signs the request); `trace_id`:
///   optional (NULL = none; Huawei does not use it).
/// - `request_out`: required. `err_out`: optional (NULL = no error details).
///
/// Result (`cloudphone_request_parse`): items: the flavors (id: the
/// `phone_model_name`); every field in `/phone_models/N/...`, e.g.
/// `/phone_models/0/cpu`, `/phone_models/0/server_model_name`.
///
/// # Safety
/// As `cloudphone_huawei_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_huawei_list_phone_models_build(
    config: *const cloudphone_huawei_config,
    status: i64,
    offset: u32,
    limit: u32,
    now_unix_ms: u64,
    trace_id: *const c_char,
    request_out: *mut *mut cloudphone_request,
    err_out: *mut *mut cloudphone_error,
) -> cloudphone_status {
    guard(err_out, || {
        // SAFETY: per the function contract.
        unsafe {
            build_into(
                config,
                now_unix_ms,
                trace_id,
                request_out,
                OpFns::pager::<Hw, ListPhoneModels>(),
                || {
                    let op = ListPhoneModels::new().page(offset, limit)?;
                    Ok(if status < 0 { op } else { op.status(status)? })
                },
            )
        }
    })
}

// ---------------------------------------------------------------- lifecycle

/// Builds a restart request (`POST .../cloud-phone/phones/batch-restart`),
/// which also starts stopped phones; one job per phone.
///
/// - `phone_ids`, `phone_ids_len`: 1 to
///   `CLOUDPHONE_HUAWEI_LIFECYCLE_MAX_IDS` ids (duplicates collapsed).
/// - `options_json`: NULL, or `{"image_id": "...", "property": {"key":
///   "value", ...}}` (restart into another image, with phone properties).
///
/// Result (`cloudphone_request_parse`): Items: the phones whose job started
/// (id, job id); refused phones are failures.
///
/// Pointers: `config` required; `phone_ids` required unless its length is 0
/// ((NULL, 0) = empty); `options_json` optional (NULL = none); `trace_id`
/// optional (NULL = none); `request_out` required; `err_out` optional (NULL =
/// no error details).
///
/// # Safety
/// As `cloudphone_huawei_list_phones_build`; `phone_ids` is `(NULL, 0)` or
/// `phone_ids_len` NUL-terminated strings.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_huawei_restart_phones_build(
    config: *const cloudphone_huawei_config,
    phone_ids: *const *const c_char,
    phone_ids_len: usize,
    options_json: *const c_char,
    now_unix_ms: u64,
    trace_id: *const c_char,
    request_out: *mut *mut cloudphone_request,
    err_out: *mut *mut cloudphone_error,
) -> cloudphone_status {
    guard(err_out, || {
        // SAFETY: per the function contract.
        unsafe {
            build_into(
                config,
                now_unix_ms,
                trace_id,
                request_out,
                OpFns::provider::<Hw, RestartPhones>(),
                || {
                    let o: PowerOptions = json_arg(options_json, "options_json")?;
                    if o.factory_reset.is_some() {
                        return Err(
                            invalid("options_json", "factory_reset applies to reset only").into(),
                        );
                    }
                    let mut op =
                        RestartPhones::new(arg_str_array(phone_ids, phone_ids_len, "phone_ids")?)?;
                    if let Some(image) = &o.image_id {
                        op = op.with_image(image.as_str())?;
                    }
                    if let Some(p) = o.properties()? {
                        op = op.with_properties(p);
                    }
                    Ok(op)
                },
            )
        }
    })
}

/// Builds a reset request (`POST .../cloud-phone/phones/batch-reset`); one
/// job per phone.
///
/// - `phone_ids`, `phone_ids_len`: as for
///   `cloudphone_huawei_restart_phones_build`.
/// - `options_json`: NULL, or `{"image_id": "...", "property": {...},
///   "factory_reset": true}`.
///
/// Result (`cloudphone_request_parse`): Items and failures as for
/// `cloudphone_huawei_restart_phones_build`.
///
/// Pointers: `config` required; `phone_ids` required unless its length is 0
/// ((NULL, 0) = empty); `options_json` optional (NULL = none); `trace_id`
/// optional (NULL = none); `request_out` required; `err_out` optional (NULL =
/// no error details).
///
/// # Safety
/// As `cloudphone_huawei_restart_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_huawei_reset_phones_build(
    config: *const cloudphone_huawei_config,
    phone_ids: *const *const c_char,
    phone_ids_len: usize,
    options_json: *const c_char,
    now_unix_ms: u64,
    trace_id: *const c_char,
    request_out: *mut *mut cloudphone_request,
    err_out: *mut *mut cloudphone_error,
) -> cloudphone_status {
    guard(err_out, || {
        // SAFETY: per the function contract.
        unsafe {
            build_into(
                config,
                now_unix_ms,
                trace_id,
                request_out,
                OpFns::provider::<Hw, ResetPhones>(),
                || {
                    let o: PowerOptions = json_arg(options_json, "options_json")?;
                    let mut op =
                        ResetPhones::new(arg_str_array(phone_ids, phone_ids_len, "phone_ids")?)?;
                    if let Some(image) = &o.image_id {
                        op = op.with_image(image.as_str())?;
                    }
                    if let Some(p) = o.properties()? {
                        op = op.with_properties(p);
                    }
                    if let Some(f) = o.factory_reset {
                        op = op.factory_reset(f);
                    }
                    Ok(op)
                },
            )
        }
    })
}

/// Builds a stop request (`POST .../cloud-phone/phones/batch-stop`); one job
/// per phone. `phone_ids` as for `cloudphone_huawei_restart_phones_build`.
///
/// Result (`cloudphone_request_parse`): Items and failures as for
/// `cloudphone_huawei_restart_phones_build`.
///
/// Pointers: `config` required; `phone_ids` required unless its length is 0
/// ((NULL, 0) = empty); `trace_id` optional (NULL = none); `request_out`
/// required; `err_out` optional (NULL = no error details).
///
/// # Safety
/// As `cloudphone_huawei_restart_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_huawei_stop_phones_build(
    config: *const cloudphone_huawei_config,
    phone_ids: *const *const c_char,
    phone_ids_len: usize,
    now_unix_ms: u64,
    trace_id: *const c_char,
    request_out: *mut *mut cloudphone_request,
    err_out: *mut *mut cloudphone_error,
) -> cloudphone_status {
    guard(err_out, || {
        // SAFETY: per the function contract.
        unsafe {
            build_into(
                config,
                now_unix_ms,
                trace_id,
                request_out,
                OpFns::provider::<Hw, StopPhones>(),
                || {
                    Ok(StopPhones::new(arg_str_array(
                        phone_ids,
                        phone_ids_len,
                        "phone_ids",
                    )?)?)
                },
            )
        }
    })
}

/// Builds a property update (`POST .../cloud-phone/phones/batch-update-property`)
/// that sets the same properties on every phone given; one job per phone.
///
/// - `phone_ids`, `phone_ids_len`: 1 to
///   `CLOUDPHONE_HUAWEI_LIFECYCLE_MAX_IDS` distinct ids.
/// - `property_json`: NULL or a JSON object of phone properties
///   (`{"com.cph.mainkeys_switch": "1"}`; numbers and booleans are sent as
///   text).
/// - `custom_property_json`: NULL or a JSON object of string values.
///
/// At least one of the two must hold something.
///
/// Result (`cloudphone_request_parse`): Items and failures as for
/// `cloudphone_huawei_restart_phones_build`.
///
/// Pointers: `config` required; `phone_ids` required unless its length is 0
/// ((NULL, 0) = empty); `property_json` optional (NULL = none);
/// `custom_property_json` optional (NULL = none); `trace_id` optional (NULL =
/// none); `request_out` required; `err_out` optional (NULL = no error
/// details).
///
/// # Safety
/// As `cloudphone_huawei_restart_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_huawei_update_properties_build(
    config: *const cloudphone_huawei_config,
    phone_ids: *const *const c_char,
    phone_ids_len: usize,
    property_json: *const c_char,
    custom_property_json: *const c_char,
    now_unix_ms: u64,
    trace_id: *const c_char,
    request_out: *mut *mut cloudphone_request,
    err_out: *mut *mut cloudphone_error,
) -> cloudphone_status {
    guard(err_out, || {
        // SAFETY: per the function contract.
        unsafe {
            build_into(
                config,
                now_unix_ms,
                trace_id,
                request_out,
                OpFns::provider::<Hw, UpdateProperties>(),
                || {
                    let ids = arg_str_array(phone_ids, phone_ids_len, "phone_ids")?;
                    let props = match arg_opt_str(property_json, "property_json")? {
                        Some(text) => Properties::from_json(text)?,
                        None => Properties::new(),
                    };
                    let custom: BTreeMap<String, String> =
                        json_arg(custom_property_json, "custom_property_json")?;
                    let mut seen = std::collections::HashSet::new();
                    let mut op = UpdateProperties::new();
                    for id in ids.into_iter().filter(|id| seen.insert(*id)) {
                        op = op.phone(id, props.clone(), custom.clone())?;
                    }
                    Ok(op)
                },
            )
        }
    })
}

// ---------------------------------------------------------------- jobs

/// Builds a job-detail request (`GET /v1/{project_id}/cloud-phone/jobs/{job_id}`).
///
/// Result (`cloudphone_request_parse`): One item: the job (the phone or
/// server id, job status, job id); its output in `/execute_msg`.
///
/// Pointers: `config` required; `job_id` required; `trace_id` optional (NULL =
/// none); `request_out` required; `err_out` optional (NULL = no error
/// details).
///
/// # Safety
/// As `cloudphone_huawei_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_huawei_show_job_build(
    config: *const cloudphone_huawei_config,
    job_id: *const c_char,
    now_unix_ms: u64,
    trace_id: *const c_char,
    request_out: *mut *mut cloudphone_request,
    err_out: *mut *mut cloudphone_error,
) -> cloudphone_status {
    guard(err_out, || {
        // SAFETY: per the function contract.
        unsafe {
            build_into(
                config,
                now_unix_ms,
                trace_id,
                request_out,
                OpFns::provider::<Hw, ShowJob>(),
                || Ok(ShowJob::new(arg_str(job_id, "job_id")?)?),
            )
        }
    })
}

/// Builds a job-list request (`GET /v1/{project_id}/cloud-phone/jobs`) for
/// the jobs that 1 to `CLOUDPHONE_HUAWEI_LIST_JOBS_MAX_IDS` calls
/// started (their request ids, `cloudphone_result_request_id`).
/// `offset`, `limit`: the page (limit 1 to 100).
///
/// Result (`cloudphone_request_parse`): Items: the jobs (phone or server id,
/// job status, job id).
///
/// Pointers: `config` required; `request_ids` required unless its length is 0
/// ((NULL, 0) = empty); `trace_id` optional (NULL = none); `request_out`
/// required; `err_out` optional (NULL = no error details).
///
/// # Safety
/// As `cloudphone_huawei_list_phones_build`; `request_ids` is `(NULL, 0)` or
/// `request_ids_len` NUL-terminated strings.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_huawei_list_jobs_build(
    config: *const cloudphone_huawei_config,
    request_ids: *const *const c_char,
    request_ids_len: usize,
    offset: u32,
    limit: u32,
    now_unix_ms: u64,
    trace_id: *const c_char,
    request_out: *mut *mut cloudphone_request,
    err_out: *mut *mut cloudphone_error,
) -> cloudphone_status {
    guard(err_out, || {
        // SAFETY: per the function contract.
        unsafe {
            build_into(
                config,
                now_unix_ms,
                trace_id,
                request_out,
                OpFns::pager::<Hw, ListJobs>(),
                || {
                    let ids = arg_str_array(request_ids, request_ids_len, "request_ids")?;
                    Ok(ListJobs::for_requests(ids)?.page(offset, limit)?)
                },
            )
        }
    })
}

// ---------------------------------------------------------------- ADB

/// Builds an asynchronous ADB command (`POST .../cloud-phone/phones/commands`);
/// one job per target, whose output lands in the job (`execute_msg`).
///
/// - `command`: `"shell"` (`content` is the command line, ≤ 2048 bytes),
///   `"install"` (an APK, `obs://bucket/path.apk`), `"install-multiple"`
///   (1 to 50 OBS APKs separated by spaces), `"uninstall"` (a package name)
///   or `"push"` (an OBS tar file).
/// - Targets: 1 to `CLOUDPHONE_HUAWEI_RUN_COMMAND_MAX_IDS` phone ids, or as
///   many server ids (all their phones); exactly one of the two lists is
///   not empty.
///
/// Result (`cloudphone_request_parse`): Items and failures as for
/// `cloudphone_huawei_restart_phones_build`.
///
/// Pointers: `config` required; `command` required; `content` required;
/// `phone_ids` required unless its length is 0 ((NULL, 0) = empty);
/// `server_ids` required unless its length is 0 ((NULL, 0) = empty);
/// `trace_id` optional (NULL = none); `request_out` required; `err_out`
/// optional (NULL = no error details).
///
/// # Safety
/// As `cloudphone_huawei_list_phones_build`; each id array is `(NULL, 0)`
/// or that many NUL-terminated strings.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_huawei_run_command_build(
    config: *const cloudphone_huawei_config,
    command: *const c_char,
    content: *const c_char,
    phone_ids: *const *const c_char,
    phone_ids_len: usize,
    server_ids: *const *const c_char,
    server_ids_len: usize,
    now_unix_ms: u64,
    trace_id: *const c_char,
    request_out: *mut *mut cloudphone_request,
    err_out: *mut *mut cloudphone_error,
) -> cloudphone_status {
    guard(err_out, || {
        // SAFETY: per the function contract.
        unsafe {
            build_into(
                config,
                now_unix_ms,
                trace_id,
                request_out,
                OpFns::provider::<Hw, RunCommand>(),
                || {
                    let content = arg_str(content, "content")?.to_owned();
                    let command = match arg_str(command, "command")? {
                        "shell" => Command::Shell(content),
                        "install" => Command::Install(content),
                        "install-multiple" => Command::InstallMultiple(
                            content.split_whitespace().map(str::to_owned).collect(),
                        ),
                        "uninstall" => Command::Uninstall(content),
                        "push" => Command::Push(content),
                        other => {
                            return Err(invalid(
                            "command",
                            format!(
                                "{} is not one of shell, install, install-multiple, uninstall, push",
                                cloudphone::limits::echo(other)
                            ),
                        )
                        .into());
                        }
                    };
                    let target = target(phone_ids, phone_ids_len, server_ids, server_ids_len)?;
                    Ok(RunCommand::new(command, target)?)
                },
            )
        }
    })
}

/// Builds a synchronous shell command (`POST .../cloud-phone/phones/sync-commands`):
/// the output of each phone comes back in the answer. `shell` is ≤ 2048
/// bytes; targets are 1 to `CLOUDPHONE_HUAWEI_RUN_SYNC_SHELL_MAX_IDS` phone
/// ids or server ids, as for `cloudphone_huawei_run_command_build`.
///
/// Result (`cloudphone_request_parse`): Items: the phones that ran the
/// command (id, job status, job id), output in `/outputs/N/output`; failed
/// phones are failures.
///
/// Pointers: `config` required; `shell` required; `phone_ids` required unless
/// its length is 0 ((NULL, 0) = empty); `server_ids` required unless its
/// length is 0 ((NULL, 0) = empty); `trace_id` optional (NULL = none);
/// `request_out` required; `err_out` optional (NULL = no error details).
///
/// # Safety
/// As `cloudphone_huawei_run_command_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_huawei_run_sync_shell_build(
    config: *const cloudphone_huawei_config,
    shell: *const c_char,
    phone_ids: *const *const c_char,
    phone_ids_len: usize,
    server_ids: *const *const c_char,
    server_ids_len: usize,
    now_unix_ms: u64,
    trace_id: *const c_char,
    request_out: *mut *mut cloudphone_request,
    err_out: *mut *mut cloudphone_error,
) -> cloudphone_status {
    guard(err_out, || {
        // SAFETY: per the function contract.
        unsafe {
            build_into(
                config,
                now_unix_ms,
                trace_id,
                request_out,
                OpFns::provider::<Hw, RunSyncShell>(),
                || {
                    let shell = arg_str(shell, "shell")?;
                    let target = target(phone_ids, phone_ids_len, server_ids, server_ids_len)?;
                    Ok(RunSyncShell::new(shell, target)?)
                },
            )
        }
    })
}

// ---------------------------------------------------------------- job watch

/// What `cloudphone_huawei_job_watch_step` says to do next.
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum cloudphone_job_watch_state {
    /// Send the request written to `*request_out` now, parse the answer with
    /// `cloudphone_request_parse` and give it to
    /// `cloudphone_huawei_job_watch_observe`.
    Poll = 0,
    /// Nothing to send yet: call the step again after `*wait_ms_out`
    /// milliseconds.
    Wait = 1,
    /// Every job finished (succeeded or failed): the last observed result
    /// holds them.
    Finished = 2,
    /// The deadline passed before every job finished.
    TimedOut = 3,
}

/// A sans-IO watcher of the jobs one call started: it says when to poll
/// `GET .../cloud-phone/jobs?request_id=...` and when to stop; the host
/// supplies the time. Created by `cloudphone_huawei_job_watch_new`, freed
/// with `cloudphone_huawei_job_watch_free`.
///
/// Thread safety: mutable; may be moved to another thread but must not be
/// used by two threads at once.
pub struct cloudphone_huawei_job_watch {
    inner: JobWatch,
}

/// Starts watching the jobs of the call whose request id is `request_id`
/// (`cloudphone_result_request_id` of a lifecycle or command result):
/// poll every `interval_ms` (at least 1) until `now_unix_ms + timeout_ms`.
///
/// Pointers: `request_id` required; `watch_out` required; `err_out` optional
/// (NULL = no error details).
///
/// # Safety
/// `request_id` NULL or NUL-terminated; `watch_out` and `err_out` NULL or
/// writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_huawei_job_watch_new(
    request_id: *const c_char,
    now_unix_ms: u64,
    interval_ms: u64,
    timeout_ms: u64,
    watch_out: *mut *mut cloudphone_huawei_job_watch,
    err_out: *mut *mut cloudphone_error,
) -> cloudphone_status {
    guard(err_out, || {
        arg_out(watch_out, "watch_out")?;
        // SAFETY: per the function contract.
        let request_id = unsafe { arg_str(request_id, "request_id") }?;
        let inner = JobWatch::new(request_id, now_unix_ms, interval_ms, timeout_ms)?;
        // SAFETY: checked above.
        unsafe { write_out(watch_out, cloudphone_huawei_job_watch { inner }) };
        Ok(())
    })
}

/// Frees a watch. NULL is a no-op; must not be called twice.
///
/// Pointers: `watch` optional (NULL = no-op).
///
/// # Safety
/// `watch` is NULL or a live watch no other thread is using.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_huawei_job_watch_free(watch: *mut cloudphone_huawei_job_watch) {
    // SAFETY: per the function contract.
    guard_or((), || unsafe { free_box(watch) })
}

/// Says what to do at `now_unix_ms`: writes the state to `*state_out`, the
/// milliseconds to wait (for `WAIT`, else 0) to `*wait_ms_out`, and for
/// `POLL` a new list-jobs request (built with `config`, signed at
/// `now_unix_ms`) to `*request_out` — NULL for every other state.
///
/// Pointers: `watch` required; `config` required; `trace_id` optional (NULL =
/// none); `state_out` required; `wait_ms_out` required; `request_out`
/// required; `err_out` optional (NULL = no error details).
///
/// # Safety
/// `watch` and `config` NULL or live; `trace_id` NULL or NUL-terminated;
/// the out pointers and `err_out` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_huawei_job_watch_step(
    watch: *const cloudphone_huawei_job_watch,
    config: *const cloudphone_huawei_config,
    now_unix_ms: u64,
    trace_id: *const c_char,
    state_out: *mut cloudphone_job_watch_state,
    wait_ms_out: *mut u64,
    request_out: *mut *mut cloudphone_request,
    err_out: *mut *mut cloudphone_error,
) -> cloudphone_status {
    guard(err_out, || {
        arg_out(request_out, "request_out")?;
        if state_out.is_null() {
            return Err(super::guard::FfiError::Null("state_out"));
        }
        if wait_ms_out.is_null() {
            return Err(super::guard::FfiError::Null("wait_ms_out"));
        }
        // SAFETY: per the function contract.
        let (watch, config, trace_id) = unsafe {
            (
                arg_ref(watch, "watch")?,
                arg_ref(config, "config")?,
                arg_opt_str(trace_id, "trace_id")?,
            )
        };
        let (state, wait, request) = match watch.inner.step(now_unix_ms) {
            WatchStep::Poll {
                not_before_unix_ms,
                op,
            } if not_before_unix_ms <= now_unix_ms => {
                let fns = OpFns::provider::<Hw, ListJobs>();
                let req =
                    build_request(op, &config.inner, now_unix_ms, trace_id.unwrap_or(""), fns)?;
                (
                    cloudphone_job_watch_state::Poll,
                    0,
                    Box::into_raw(Box::new(req)),
                )
            }
            WatchStep::Poll {
                not_before_unix_ms, ..
            } => (
                cloudphone_job_watch_state::Wait,
                not_before_unix_ms - now_unix_ms,
                std::ptr::null_mut(),
            ),
            WatchStep::Finished(_) => (
                cloudphone_job_watch_state::Finished,
                0,
                std::ptr::null_mut(),
            ),
            _ => (
                cloudphone_job_watch_state::TimedOut,
                0,
                std::ptr::null_mut(),
            ),
        };
        // SAFETY: all three checked above.
        unsafe {
            *state_out = state;
            *wait_ms_out = wait;
            *request_out = request;
        }
        Ok(())
    })
}

/// Records the jobs of a list-jobs answer (a result of
/// `cloudphone_request_parse`, copied) received at `now_unix_ms`.
///
/// Pointers: `watch` required; `result` required; `err_out` optional (NULL =
/// no error details).
///
/// # Safety
/// `watch` NULL or live and not used by another thread; `result` NULL or
/// live; `err_out` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_huawei_job_watch_observe(
    watch: *mut cloudphone_huawei_job_watch,
    result: *const cloudphone_result,
    now_unix_ms: u64,
    err_out: *mut *mut cloudphone_error,
) -> cloudphone_status {
    guard(err_out, || {
        // SAFETY: per the function contract.
        let (watch, result) = unsafe { (arg_mut(watch, "watch")?, arg_ref(result, "result")?) };
        let jobs = result.output::<JobList>(<ListJobs as Operation>::NAME)?;
        watch.inner.observe(jobs.jobs.clone(), now_unix_ms);
        Ok(())
    })
}
