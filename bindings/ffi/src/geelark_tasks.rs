//! GeeLark automation tasks (query, history, detail, cancel, restart), the
//! shell, the phone restart and the callback URL: one `_build` each, parsed
//! by `cloudphone_request_parse` into the one `cloudphone_result` (the
//! history and a task's logs page with `cloudphone_request_next`).
//! Callback *events* are read with `cloudphone_geelark_callback_read`.

use std::ffi::c_char;

use super::config::cloudphone_geelark_config;
use super::error::cloudphone_error;
use super::geelark_fleet::envelope_summary;
use super::guard::{arg_slice, arg_str, arg_str_array, guard};
use super::request::{OpFns, build_into, cloudphone_request};
use super::result::{Item, Summary};
use super::types::cloudphone_status;
use cloudphone::geelark::callbacks::{CallbackUrl, GetCallback, SetCallback};
use cloudphone::geelark::lifecycle::RestartPhone;
use cloudphone::geelark::shell::{ExecuteShell, ShellOutput};
use cloudphone::geelark::tasks::{
    CancelTasks, QueryTasks, RestartTasks, ShowTask, Task, TaskDetail, TaskHistory, TaskList,
    TaskStatus,
};

/// Most task ids one query, cancel, restart or history filter takes.
pub const CLOUDPHONE_GEELARK_TASKS_MAX_IDS: usize = 100;
const _: () = assert!(CLOUDPHONE_GEELARK_TASKS_MAX_IDS == cloudphone::geelark::tasks::MAX_IDS);

type Gl = cloudphone_geelark_config;

fn task_status(s: TaskStatus) -> &'static str {
    match s {
        TaskStatus::Waiting => "waiting",
        TaskStatus::Running => "running",
        TaskStatus::Completed => "completed",
        TaskStatus::Failed => "failed",
        TaskStatus::Cancelled => "cancelled",
        _ => "unknown",
    }
}

fn task_items(tasks: &[Task]) -> Vec<Item<'_>> {
    tasks
        .iter()
        .map(|t| Item::id(&t.id).status(task_status(t.status)))
        .collect()
}

envelope_summary!(TaskList, items = |o| task_items(&o.tasks), total = total);
envelope_summary!(
    TaskDetail,
    items = |o| task_items(std::slice::from_ref(&o.task))
);
envelope_summary!(ShellOutput);
envelope_summary!(CallbackUrl);

/// Builds a task query (`POST /open/v1/task/query`) of 1 to
/// `CLOUDPHONE_GEELARK_TASKS_MAX_IDS` task ids.
///
/// Result (`cloudphone_request_parse`): one item per task found (id, status
/// name: `waiting`, `running`, `completed`, `failed`, `cancelled`,
/// `unknown`); the total; each task in `/tasks/<i>` (`fail_code`,
/// `fail_desc`, `share_link`, ...).
///
/// Pointers: `config` required; `ids` required unless its length is 0
/// ((NULL, 0) = empty); `trace_id` required; `request_out` required;
/// `err_out` optional (NULL = no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_query_tasks_build(
    config: *const cloudphone_geelark_config,
    ids: *const *const c_char,
    ids_len: usize,
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
                OpFns::provider::<Gl, QueryTasks>(),
                || Ok(QueryTasks::new(arg_str_array(ids, ids_len, "ids")?)?),
            )
        }
    })
}

/// Builds a page of the task history of the last seven days
/// (`POST /open/v1/task/historyRecords`): `size` (1 to 100) tasks after the
/// task `last_id`, optionally only the tasks `ids` (0 to
/// `CLOUDPHONE_GEELARK_TASKS_MAX_IDS`). `cloudphone_request_next` gives the
/// page after (the cursor is the last id of this one).
///
/// Result (`cloudphone_request_parse`): as
/// `cloudphone_geelark_query_tasks_build`.
///
/// Pointers: `config` required; `last_id` optional (NULL = from the
/// newest); `ids` required unless its length is 0 ((NULL, 0) = every task);
/// `trace_id` required; `request_out` required; `err_out` optional (NULL =
/// no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_task_history_build(
    config: *const cloudphone_geelark_config,
    size: u32,
    last_id: *const c_char,
    ids: *const *const c_char,
    ids_len: usize,
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
                OpFns::pager::<Gl, TaskHistory>(),
                || {
                    let mut op = TaskHistory::new().size(size)?;
                    if !last_id.is_null() {
                        op = op.after(arg_str(last_id, "last_id")?)?;
                    }
                    let ids = arg_str_array(ids, ids_len, "ids")?;
                    if !ids.is_empty() {
                        op = op.ids(ids)?;
                    }
                    Ok(op)
                },
            )
        }
    })
}

/// Builds a task detail (`POST /open/v1/task/detail`): the task with a page
/// of its logs and its result images, after the log cursor `search_after`
/// (`search_after_len` numbers as the last answer gave them in
/// `/search_after`; none for the first page). `cloudphone_request_next`
/// gives the next log page while `/log_continue` is true.
///
/// Result (`cloudphone_request_parse`): one item (the task, with its status
/// name); `/task/...`, `/logs/<i>`, `/result_images/<i>`, `/search_after`,
/// `/log_continue` through `cloudphone_result_field`.
///
/// Pointers: `config` required; `id` required; `search_after` required
/// unless its length is 0 ((NULL, 0) = the first page); `trace_id`
/// required; `request_out` required; `err_out` optional (NULL = no error
/// details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_show_task_build(
    config: *const cloudphone_geelark_config,
    id: *const c_char,
    search_after: *const i64,
    search_after_len: usize,
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
                OpFns::pager::<Gl, ShowTask>(),
                || {
                    let after = arg_slice(search_after, search_after_len, "search_after")?;
                    Ok(ShowTask::new(arg_str(id, "id")?)?.search_after(after.to_vec()))
                },
            )
        }
    })
}

/// Builds a task cancel (`POST /open/v1/task/cancel`) of 1 to
/// `CLOUDPHONE_GEELARK_TASKS_MAX_IDS` waiting or running tasks.
///
/// Result (`cloudphone_request_parse`): one item per task cancelled, the
/// failures (48001: its state does not allow it; 48002: not found); merge
/// it with `cloudphone_batch_merge_record` like any batch call.
///
/// Pointers: `config` required; `ids` required unless its length is 0
/// ((NULL, 0) = empty); `trace_id` required; `request_out` required;
/// `err_out` optional (NULL = no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_cancel_tasks_build(
    config: *const cloudphone_geelark_config,
    ids: *const *const c_char,
    ids_len: usize,
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
                OpFns::provider::<Gl, CancelTasks>(),
                || Ok(CancelTasks::new(arg_str_array(ids, ids_len, "ids")?)?),
            )
        }
    })
}

/// Builds a task restart (`POST /open/v1/task/restart`) of 1 to
/// `CLOUDPHONE_GEELARK_TASKS_MAX_IDS` failed or cancelled tasks (at most 5
/// retries a task: 48000).
///
/// Result (`cloudphone_request_parse`): as
/// `cloudphone_geelark_cancel_tasks_build`.
///
/// Pointers: `config` required; `ids` required unless its length is 0
/// ((NULL, 0) = empty); `trace_id` required; `request_out` required;
/// `err_out` optional (NULL = no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_restart_tasks_build(
    config: *const cloudphone_geelark_config,
    ids: *const *const c_char,
    ids_len: usize,
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
                OpFns::provider::<Gl, RestartTasks>(),
                || Ok(RestartTasks::new(arg_str_array(ids, ids_len, "ids")?)?),
            )
        }
    })
}

/// Builds a shell command on a running phone (`POST /open/v1/shell/execute`).
///
/// Result (`cloudphone_request_parse`): no items; `/ok` and `/output`
/// through `cloudphone_result_field`. 42002: not running; 50001: the model
/// has no shell.
///
/// Pointers: `config` required; `id` required; `cmd` required; `trace_id`
/// required; `request_out` required; `err_out` optional (NULL = no error
/// details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_execute_shell_build(
    config: *const cloudphone_geelark_config,
    id: *const c_char,
    cmd: *const c_char,
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
                OpFns::provider::<Gl, ExecuteShell>(),
                || Ok(ExecuteShell::new(arg_str(id, "id")?, arg_str(cmd, "cmd")?)?),
            )
        }
    })
}

/// Builds a restart of one running phone (`POST /open/v1/phone/restart`).
///
/// Result (`cloudphone_request_parse`): no items; the trace id and envelope
/// code. 42001: not found; 43005: the phone is running a task.
///
/// Pointers: `config` required; `id` required; `trace_id` required;
/// `request_out` required; `err_out` optional (NULL = no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_restart_phone_build(
    config: *const cloudphone_geelark_config,
    id: *const c_char,
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
                OpFns::provider::<Gl, RestartPhone>(),
                || Ok(RestartPhone::new(arg_str(id, "id")?)?),
            )
        }
    })
}

/// Builds the setting of the callback URL (`POST /open/v1/callback/set`):
/// an `http://` or `https://` URL GeeLark POSTs events to.
///
/// Result (`cloudphone_request_parse`): no items; the trace id and envelope
/// code.
///
/// Pointers: `config` required; `url` required; `trace_id` required;
/// `request_out` required; `err_out` optional (NULL = no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_set_callback_build(
    config: *const cloudphone_geelark_config,
    url: *const c_char,
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
                OpFns::provider::<Gl, SetCallback>(),
                || Ok(SetCallback::new(arg_str(url, "url")?)?),
            )
        }
    })
}

/// Builds the reading of the callback URL (`POST /open/v1/callback/get`).
///
/// Result (`cloudphone_request_parse`): no items; `/url` through
/// `cloudphone_result_field`. 51001: none is set.
///
/// Pointers: `config` required; `trace_id` required; `request_out`
/// required; `err_out` optional (NULL = no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_get_callback_build(
    config: *const cloudphone_geelark_config,
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
                OpFns::provider::<Gl, GetCallback>(),
                || Ok(GetCallback),
            )
        }
    })
}

impl Summary for cloudphone::geelark::callbacks::Event {
    fn request_id(&self) -> Option<&str> {
        None
    }
}

/// Reads a callback GeeLark POSTed to the host's URL (set with
/// `cloudphone_geelark_set_callback_build`): checks the headers were signed
/// for the configuration's account when `verify` is true (key mode:
/// `appId`/`traceId`/`ts`/`nonce`/`sign`, `ts` within 10 minutes of
/// `now_unix_ms`; token mode: `Authorization: Bearer`), then parses the body
/// into a typed event.
///
/// Result: no items; `/kind` (`phone_started`, `file_uploaded`,
/// `screenshot`, `task_finished`, `phone_stopped`, `renamed`, `deleted`,
/// `tags_changed`, `tasks_created`, `tasks_cancelled`, `contacts_imported`,
/// `app_installed`) and the event's fields through
/// `cloudphone_result_field`. A forged or foreign callback fails with
/// `CLOUDPHONE_STATUS_AUTH`; an unknown type or a malformed body with
/// `CLOUDPHONE_STATUS_DECODE`; a body over 1 MiB with
/// `CLOUDPHONE_STATUS_BODY_TOO_LARGE`.
///
/// Pointers: `config` required; `headers` required unless its length is 0
/// ((NULL, 0) = none); `body` required unless its length is 0 ((NULL, 0) =
/// empty); `result_out` required; `err_out` optional (NULL = no error
/// details).
///
/// # Safety
/// `config` NULL or live; `headers` NULL or `headers_len` readable entries
/// whose pointers cover their lengths; `body` NULL or `body_len` readable
/// bytes; `result_out` and `err_out` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_callback_read(
    config: *const cloudphone_geelark_config,
    verify: bool,
    headers: *const super::types::cloudphone_response_header,
    headers_len: usize,
    body: *const u8,
    body_len: usize,
    now_unix_ms: u64,
    result_out: *mut *mut super::result::cloudphone_result,
    err_out: *mut *mut cloudphone_error,
) -> cloudphone_status {
    guard(err_out, || {
        super::guard::arg_out(result_out, "result_out")?;
        // SAFETY: per the function contract.
        let config = unsafe { super::guard::arg_ref(config, "config") }?;
        // SAFETY: per the function contract.
        let request =
            unsafe { super::guard::arg_response(200, headers, headers_len, body, body_len) }?;
        if verify {
            cloudphone::geelark::callbacks::verify(
                request
                    .headers
                    .iter()
                    .map(|(k, v)| (k.as_str(), v.as_str())),
                config.inner.auth(),
                now_unix_ms,
            )?;
        }
        let event = cloudphone::geelark::callbacks::Event::parse(&request.body)?;
        let result = super::result::cloudphone_result::new("geelark.callback_event", event);
        // SAFETY: checked above.
        unsafe { super::guard::write_out(result_out, result) };
        Ok(())
    })
}

// ------------------------------------------------- proxies and catalogues

use cloudphone::geelark::ProxyScheme;
use cloudphone::geelark::app_catalog::{AppCatalog, ListInstallableApps, ListShopApps};
use cloudphone::geelark::proxies::{
    AddProxies, CheckProxy, DeleteProxies, DetectService, ListProxies, NewProxy, ProxyAddReport,
    ProxyCheckReport, ProxyList, UpdateProxies,
};

/// Most proxies one add, update or delete takes.
pub const CLOUDPHONE_GEELARK_PROXIES_MAX: usize = 100;
const _: () = assert!(CLOUDPHONE_GEELARK_PROXIES_MAX == cloudphone::geelark::proxies::MAX_PROXIES);

envelope_summary!(
    ProxyList,
    items = |o| o.proxies.iter().map(|p| Item::id(&p.id)).collect(),
    total = total
);
envelope_summary!(
    ProxyAddReport,
    items = |o| o.added.iter().map(|a| Item::id(&a.id)).collect(),
    failures = failures
);
envelope_summary!(ProxyCheckReport);
envelope_summary!(
    AppCatalog,
    items = |o| o.apps.iter().map(|a| Item::id(&a.id)).collect(),
    total = total
);

/// One proxy as the C host writes it in JSON.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct ProxyArg {
    #[serde(default)]
    id: Option<String>,
    scheme: String,
    server: String,
    port: u16,
    #[serde(default)]
    username: Option<String>,
    #[serde(default)]
    password: Option<String>,
    #[serde(default)]
    service: Option<String>,
}

impl ProxyArg {
    fn proxy(self) -> Result<(Option<String>, NewProxy), cloudphone::Error> {
        let scheme = match self.scheme.as_str() {
            "socks5" => ProxyScheme::Socks5,
            "http" => ProxyScheme::Http,
            "https" => ProxyScheme::Https,
            _ => {
                return Err(cloudphone::error::invalid(
                    "scheme",
                    "socks5, http or https",
                ));
            }
        };
        let mut p = NewProxy::new(scheme, self.server, self.port)?;
        if self.username.is_some() || self.password.is_some() {
            p = p.credentials(
                self.username.unwrap_or_default(),
                self.password.unwrap_or_default(),
            )?;
        }
        Ok((self.id, p))
    }
}

/// Builds a page of saved proxies (`POST /open/v1/proxy/list`): page `page`
/// (from 1) of `page_size` (1 to 100); `cloudphone_request_next` pages on.
///
/// Result (`cloudphone_request_parse`): one item per proxy (its id); the
/// total; `/proxies/<i>/serial_no` (the number a phone creation's
/// `proxy_number` takes), `/server`, `/port`, `/password` (a credential).
///
/// Pointers: `config` required; `trace_id` required; `request_out`
/// required; `err_out` optional (NULL = no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_list_proxies_build(
    config: *const cloudphone_geelark_config,
    page: u32,
    page_size: u32,
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
                OpFns::pager::<Gl, ListProxies>(),
                || Ok(ListProxies::new().page(page, page_size)?),
            )
        }
    })
}

/// Builds a save of proxies (`POST /open/v1/proxy/add`).
///
/// - `proxies_json`: `[{"scheme": "socks5"|"http"|"https", "server": "...",
///   "port": N, "username": "...", "password": "..."}, ...]`, 1 to
///   `CLOUDPHONE_GEELARK_PROXIES_MAX`.
///
/// Result (`cloudphone_request_parse`): one item per proxy saved (the new
/// id; `/added/<i>/index` its position); failures by position (the
/// failure's id is the position: 45007 already saved).
///
/// Pointers: `config` required; `proxies_json` required; `trace_id`
/// required; `request_out` required; `err_out` optional (NULL = no error
/// details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_add_proxies_build(
    config: *const cloudphone_geelark_config,
    proxies_json: *const c_char,
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
                OpFns::provider::<Gl, AddProxies>(),
                || {
                    let list: Vec<ProxyArg> =
                        super::options::json_required(proxies_json, "proxies_json")?;
                    let proxies = list
                        .into_iter()
                        .map(|a| a.proxy().map(|(_, p)| p))
                        .collect::<Result<Vec<_>, _>>()?;
                    Ok(AddProxies::new(proxies)?)
                },
            )
        }
    })
}

/// Builds a change of saved proxies (`POST /open/v1/proxy/update`).
///
/// - `proxies_json`: as `cloudphone_geelark_add_proxies_build`, each with
///   its `"id"`; 1 to `CLOUDPHONE_GEELARK_PROXIES_MAX` distinct ids.
///
/// Result (`cloudphone_request_parse`): one item per proxy changed (merge
/// it like a batch call); failures per id (40005: not found).
///
/// Pointers: `config` required; `proxies_json` required; `trace_id`
/// required; `request_out` required; `err_out` optional (NULL = no error
/// details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_update_proxies_build(
    config: *const cloudphone_geelark_config,
    proxies_json: *const c_char,
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
                OpFns::provider::<Gl, UpdateProxies>(),
                || {
                    let list: Vec<ProxyArg> =
                        super::options::json_required(proxies_json, "proxies_json")?;
                    let pairs = list
                        .into_iter()
                        .map(|a| match a.proxy()? {
                            (Some(id), p) => Ok((id, p)),
                            (None, _) => {
                                Err(cloudphone::error::invalid("id", "each proxy needs its id"))
                            }
                        })
                        .collect::<Result<Vec<_>, cloudphone::Error>>()?;
                    Ok(UpdateProxies::new(pairs)?)
                },
            )
        }
    })
}

/// Builds a deletion of saved proxies (`POST /open/v1/proxy/delete`) of 1
/// to `CLOUDPHONE_GEELARK_PROXIES_MAX` ids.
///
/// Result (`cloudphone_request_parse`): one item per proxy deleted;
/// failures per id (40010: bound to a phone; 40005: not found).
///
/// Pointers: `config` required; `ids` required unless its length is 0
/// ((NULL, 0) = empty); `trace_id` required; `request_out` required;
/// `err_out` optional (NULL = no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_delete_proxies_build(
    config: *const cloudphone_geelark_config,
    ids: *const *const c_char,
    ids_len: usize,
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
                OpFns::provider::<Gl, DeleteProxies>(),
                || Ok(DeleteProxies::new(arg_str_array(ids, ids_len, "ids")?)?),
            )
        }
    })
}

/// Builds a proxy check (`POST /open/v1/proxy/check`).
///
/// - `proxy_json`: one proxy as `cloudphone_geelark_add_proxies_build`
///   takes it, optionally with `"service": "IP2Location"` (default) or
///   `"IP-API"`.
///
/// Result (`cloudphone_request_parse`): no items; `/check/detect_status`
/// (whether it works: the reliable field), `/check/outbound_ip`,
/// `/check/country_code`, ... through `cloudphone_result_field`.
///
/// Pointers: `config` required; `proxy_json` required; `trace_id`
/// required; `request_out` required; `err_out` optional (NULL = no error
/// details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_check_proxy_build(
    config: *const cloudphone_geelark_config,
    proxy_json: *const c_char,
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
                OpFns::provider::<Gl, CheckProxy>(),
                || {
                    let arg: ProxyArg = super::options::json_required(proxy_json, "proxy_json")?;
                    let service = match arg.service.as_deref() {
                        None | Some("IP2Location") => DetectService::Ip2Location,
                        Some("IP-API") => DetectService::IpApi,
                        Some(_) => {
                            return Err(cloudphone::error::invalid(
                                "service",
                                "IP2Location or IP-API",
                            )
                            .into());
                        }
                    };
                    let (_, proxy) = arg.proxy()?;
                    Ok(CheckProxy::new(proxy).service(service))
                },
            )
        }
    })
}

/// Builds a page of the apps the phone `env_id` can install
/// (`POST /open/v1/app/installable/list`): page `page` (from 1) of
/// `page_size` (1 to 100), optionally only names matching `name`;
/// `cloudphone_request_next` pages on.
///
/// Result (`cloudphone_request_parse`): one item per app (its id); the
/// total; `/apps/<i>/versions/<j>/id` (the `app_version_id`
/// `cloudphone_geelark_install_app_build` takes) and `/install_status`.
///
/// Pointers: `config` required; `env_id` required; `name` optional (NULL =
/// every app); `trace_id` required; `request_out` required; `err_out`
/// optional (NULL = no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_list_installable_apps_build(
    config: *const cloudphone_geelark_config,
    env_id: *const c_char,
    name: *const c_char,
    page: u32,
    page_size: u32,
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
                OpFns::pager::<Gl, ListInstallableApps>(),
                || {
                    let mut op =
                        ListInstallableApps::new(arg_str(env_id, "env_id")?, page, page_size)?;
                    if !name.is_null() {
                        op = op.name(arg_str(name, "name")?)?;
                    }
                    Ok(op)
                },
            )
        }
    })
}

/// Builds a page of the team's app shop (`POST /open/v1/app/shop/list`):
/// page `page` (from 1) of `page_size` (1 to 200), optionally only apps
/// matching `key`; `cloudphone_request_next` pages on.
///
/// Result (`cloudphone_request_parse`): as
/// `cloudphone_geelark_list_installable_apps_build` (no install status).
///
/// Pointers: `config` required; `key` optional (NULL = every app);
/// `trace_id` required; `request_out` required; `err_out` optional (NULL =
/// no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_list_shop_apps_build(
    config: *const cloudphone_geelark_config,
    key: *const c_char,
    page: u32,
    page_size: u32,
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
                OpFns::pager::<Gl, ListShopApps>(),
                || {
                    let mut op = ListShopApps::new(page, page_size)?;
                    if !key.is_null() {
                        op = op.search(arg_str(key, "key")?)?;
                    }
                    Ok(op)
                },
            )
        }
    })
}

// ------------------------------------------------------ rpa/task creators

use cloudphone::geelark::rpa::{CreateRpaTask, RpaTaskCreated};

envelope_summary!(RpaTaskCreated);

/// Builds a task with one of GeeLark's 49 per-platform creators
/// (`POST /open/v1/rpa/task/<creator>`), e.g. `tiktokLogin`,
/// `instagramPubReels`, `youtubePubShort`.
///
/// - `id`: the phone; `schedule_at`: Unix seconds (a past time: now).
/// - `params_json`: the creator's parameters as a JSON object with the
///   wire names (`{"likeProbability": 30}`); each is checked against the
///   creator's documented table: an unknown one is refused by name, a
///   missing required one before building.
///
/// Result (`cloudphone_request_parse`): no items; `/task_id` through
/// `cloudphone_result_field` (follow it with
/// `cloudphone_geelark_query_tasks_build`).
///
/// Pointers: `config` required; `creator` required; `id` required; `name`
/// optional (NULL = none); `remark` optional (NULL = none); `params_json`
/// optional (NULL = no parameters); `trace_id` required; `request_out`
/// required; `err_out` optional (NULL = no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_create_rpa_task_build(
    config: *const cloudphone_geelark_config,
    creator: *const c_char,
    id: *const c_char,
    schedule_at: u64,
    name: *const c_char,
    remark: *const c_char,
    params_json: *const c_char,
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
                OpFns::provider::<Gl, CreateRpaTask>(),
                || {
                    let mut op = CreateRpaTask::new(
                        arg_str(creator, "creator")?,
                        arg_str(id, "id")?,
                        schedule_at,
                    )?;
                    if !name.is_null() {
                        op = op.name(arg_str(name, "name")?)?;
                    }
                    if !remark.is_null() {
                        op = op.remark(arg_str(remark, "remark")?)?;
                    }
                    if !params_json.is_null() {
                        op = op.params_json(arg_str(params_json, "params_json")?)?;
                    }
                    Ok(op)
                },
            )
        }
    })
}

// ------------------------------------------------ plans and custom flows

use cloudphone::geelark::task_create::{
    AddTasks, CreateFlowTask, FlowList, ListFlows, PlanItem, TasksAdded, TikTokTask,
};

envelope_summary!(
    TasksAdded,
    items = |o| o.task_ids.iter().map(|id| Item::id(id)).collect()
);
envelope_summary!(
    FlowList,
    items = |o| o.flows.iter().map(|f| Item::id(&f.id)).collect(),
    total = total
);

/// Builds a TikTok plan (`POST /open/v1/task/add`): `task_type` 1 video, 2
/// warm-up, 3 image set.
///
/// - `items_json`: `[{"envId": "...", "scheduleAt": unix_s, ...the task
///   type's fields...}, ...]`, 1 to 100; each field is checked against the
///   type's documented table (`video`, `videoDesc`, `maxTryTimes`, ... for
///   videos; `action`, `keywords`, `duration` for warm-ups; `images`, ...
///   for image sets); an unknown one is refused by name.
///
/// Result (`cloudphone_request_parse`): one item per task made, in item
/// order.
///
/// Pointers: `config` required; `items_json` required; `plan_name`
/// optional (NULL = GeeLark names it); `remark` optional (NULL = none);
/// `trace_id` required; `request_out` required; `err_out` optional (NULL =
/// no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_add_tasks_build(
    config: *const cloudphone_geelark_config,
    task_type: u8,
    items_json: *const c_char,
    plan_name: *const c_char,
    remark: *const c_char,
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
                OpFns::provider::<Gl, AddTasks>(),
                || {
                    let kind = match task_type {
                        1 => TikTokTask::Video,
                        2 => TikTokTask::WarmUp,
                        3 => TikTokTask::ImageSet,
                        _ => {
                            return Err(cloudphone::error::invalid("task_type", "1, 2 or 3").into());
                        }
                    };
                    let items = PlanItem::list_from_json(arg_str(items_json, "items_json")?)?;
                    let mut op = AddTasks::new(kind, items)?;
                    if !plan_name.is_null() {
                        op = op.plan_name(arg_str(plan_name, "plan_name")?)?;
                    }
                    if !remark.is_null() {
                        op = op.remark(arg_str(remark, "remark")?)?;
                    }
                    Ok(op)
                },
            )
        }
    })
}

/// Builds a page of the team's flows (`POST /open/v1/task/flow/list`): page
/// `page` (from 1) of `page_size` (1 to 100); `cloudphone_request_next`
/// pages on.
///
/// Result (`cloudphone_request_parse`): one item per flow (its id); the
/// total; `/flows/<i>/params` (the parameter names a task of it takes).
///
/// Pointers: `config` required; `trace_id` required; `request_out`
/// required; `err_out` optional (NULL = no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_list_flows_build(
    config: *const cloudphone_geelark_config,
    page: u32,
    page_size: u32,
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
                OpFns::pager::<Gl, ListFlows>(),
                || Ok(ListFlows::new().page(page, page_size)?),
            )
        }
    })
}

/// Builds a task from one of the team's flows (`POST /open/v1/task/rpa/add`)
/// on the phone `id` at `schedule_at` (Unix seconds).
///
/// - `params_json`: the flow's parameters (`{"Title": "...", "Video":
///   ["https://..."]}`; a file parameter takes a list of URLs).
///
/// Result (`cloudphone_request_parse`): no items; `/task_id`.
///
/// Pointers: `config` required; `id` required; `flow_id` required; `name`
/// optional (NULL = none); `remark` optional (NULL = none); `params_json`
/// optional (NULL = no parameters); `trace_id` required; `request_out`
/// required; `err_out` optional (NULL = no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_create_flow_task_build(
    config: *const cloudphone_geelark_config,
    id: *const c_char,
    flow_id: *const c_char,
    schedule_at: u64,
    name: *const c_char,
    remark: *const c_char,
    params_json: *const c_char,
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
                OpFns::provider::<Gl, CreateFlowTask>(),
                || {
                    let mut op = CreateFlowTask::new(
                        arg_str(id, "id")?,
                        arg_str(flow_id, "flow_id")?,
                        schedule_at,
                    )?;
                    if !name.is_null() {
                        op = op.name(arg_str(name, "name")?)?;
                    }
                    if !remark.is_null() {
                        op = op.remark(arg_str(remark, "remark")?)?;
                    }
                    if !params_json.is_null() {
                        op = op.params_json(arg_str(params_json, "params_json")?)?;
                    }
                    Ok(op)
                },
            )
        }
    })
}
