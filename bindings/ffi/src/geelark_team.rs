//! GeeLark team things: proxy groups, phone clones, app uploads and the
//! team's apps, flows as JSON files. One `_build` each, parsed by
//! `cloudphone_request_parse`; the lists page with `cloudphone_request_next`.

use std::ffi::c_char;

use super::config::cloudphone_geelark_config;
use super::error::cloudphone_error;
use super::geelark_fleet::envelope_summary;
use super::guard::{arg_opt_str, arg_str, arg_str_array, guard};
use super::request::{OpFns, build_into, cloudphone_request};
use super::result::{Item, Summary};
use super::types::cloudphone_status;
use cloudphone::geelark::team::{
    AddProxyGroup, AppUploadReport, ClonePhone, Cloned, Created, DeleteProxyGroups, ExportFlow,
    ExportedFlow, GetAppUploadStatus, ImportFlow, ListProxyGroups, ListTeamApps, ProxyGroupList,
    RenameProxyGroup, TeamAppList, UploadApp,
};

type Gl = cloudphone_geelark_config;

envelope_summary!(
    ProxyGroupList,
    items = |o| o.groups.iter().map(|g| Item::id(&g.id)).collect(),
    total = total
);
envelope_summary!(Created);
envelope_summary!(
    Cloned,
    items = |o| o.ids.iter().map(|id| Item::id(id)).collect()
);
envelope_summary!(AppUploadReport);
envelope_summary!(
    TeamAppList,
    items = |o| o.apps.iter().map(|a| Item::id(&a.id)).collect(),
    total = total
);
envelope_summary!(ExportedFlow);

/// Builds a page of proxy groups (`POST /open/v1/proxyGroup/search`): page
/// `page` (from 1) of `page_size` (1 to 100), optionally only names
/// containing `name`; `cloudphone_request_next` pages on.
///
/// Result (`cloudphone_request_parse`): one item per group (`"0"`: the
/// ungrouped proxies); the total; `/groups/<i>/name`.
///
/// Pointers: `config` required; `name` optional (NULL = every group); `trace_id` required; `request_out` required; `err_out` optional (NULL =
/// no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_list_proxy_groups_build(
    config: *const cloudphone_geelark_config,
    page: u32,
    page_size: u32,
    name: *const c_char,
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
                OpFns::pager::<Gl, ListProxyGroups>(),
                || {
                    let mut op = ListProxyGroups::new().page(page, page_size)?;
                    if let Some(n) = arg_opt_str(name, "name")? {
                        op = op.name(n)?;
                    }
                    Ok(op)
                },
            )
        }
    })
}

/// Builds the making of a proxy group (`POST /open/v1/proxyGroup/add`):
/// `name` ≤ 50 characters, unique (45010 when taken).
///
/// Result (`cloudphone_request_parse`): no items; `/id`.
///
/// Pointers: `config` required; `name` required; `trace_id` required; `request_out` required; `err_out` optional (NULL =
/// no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_add_proxy_group_build(
    config: *const cloudphone_geelark_config,
    name: *const c_char,
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
                OpFns::provider::<Gl, AddProxyGroup>(),
                || Ok(AddProxyGroup::new(arg_str(name, "name")?)?),
            )
        }
    })
}

/// Builds the renaming of a proxy group (`POST /open/v1/proxyGroup/update`).
///
/// Result (`cloudphone_request_parse`): no items.
///
/// Pointers: `config` required; `id` required; `name` required; `trace_id` required; `request_out` required; `err_out` optional (NULL =
/// no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_rename_proxy_group_build(
    config: *const cloudphone_geelark_config,
    id: *const c_char,
    name: *const c_char,
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
                OpFns::provider::<Gl, RenameProxyGroup>(),
                || {
                    Ok(RenameProxyGroup::new(
                        arg_str(id, "id")?,
                        arg_str(name, "name")?,
                    )?)
                },
            )
        }
    })
}

/// Builds the deletion of 1 to 100 proxy groups (`POST /open/v1/proxyGroup/del`;
/// their proxies become ungrouped).
///
/// Result (`cloudphone_request_parse`): one item per group deleted;
/// failures per id (45009: not found).
///
/// Pointers: `config` required; `ids` required unless its length is 0 ((NULL, 0) =
/// empty); `trace_id` required; `request_out` required; `err_out` optional (NULL =
/// no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_delete_proxy_groups_build(
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
                OpFns::provider::<Gl, DeleteProxyGroups>(),
                || Ok(DeleteProxyGroups::new(arg_str_array(ids, ids_len, "ids")?)?),
            )
        }
    })
}

/// Builds `amount` (1 to 100) clones of a phone (`POST /open/v1/phone/clone`):
/// into the group `group_id` when given, copying the name, remark, tags,
/// proxy and network type as asked.
///
/// Result (`cloudphone_request_parse`): one item per new phone.
///
/// Pointers: `config` required; `env_id` required; `group_id` optional (NULL = the
/// source's group); `trace_id` required; `request_out` required; `err_out` optional (NULL =
/// no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_clone_phone_build(
    config: *const cloudphone_geelark_config,
    env_id: *const c_char,
    amount: u32,
    group_id: *const c_char,
    copy_name: bool,
    copy_remark: bool,
    copy_tag: bool,
    copy_proxy: bool,
    copy_net_type: bool,
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
                OpFns::provider::<Gl, ClonePhone>(),
                || {
                    let mut op = ClonePhone::new(arg_str(env_id, "env_id")?, amount)?;
                    if let Some(g) = arg_opt_str(group_id, "group_id")? {
                        op = op.group(g)?;
                    }
                    Ok(op.copy(copy_name, copy_remark, copy_tag, copy_proxy, copy_net_type))
                },
            )
        }
    })
}

/// Builds the upload of an app to the team (`POST /open/v1/app/upload`): the
/// `.apk` or `.xapk` at `file_url`, with a description.
///
/// Result (`cloudphone_request_parse`): no items; `/task_id` (ask
/// `cloudphone_geelark_get_app_upload_status_build`).
///
/// Pointers: `config` required; `file_url` required; `desc` optional (NULL = none); `trace_id` required; `request_out` required; `err_out` optional (NULL =
/// no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_upload_app_build(
    config: *const cloudphone_geelark_config,
    file_url: *const c_char,
    desc: *const c_char,
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
                OpFns::provider::<Gl, UploadApp>(),
                || {
                    Ok(UploadApp::new(
                        arg_str(file_url, "file_url")?,
                        arg_opt_str(desc, "desc")?.map(str::to_owned),
                    )?)
                },
            )
        }
    })
}

/// Builds the reading of an app upload (`POST /open/v1/app/upload/status`).
///
/// Result (`cloudphone_request_parse`): no items; `/upload/status` (0
/// uploading, 1 done, 2 failed, 3 rejected), `/upload/version_id`.
///
/// Pointers: `config` required; `task_id` required; `trace_id` required; `request_out` required; `err_out` optional (NULL =
/// no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_get_app_upload_status_build(
    config: *const cloudphone_geelark_config,
    task_id: *const c_char,
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
                OpFns::provider::<Gl, GetAppUploadStatus>(),
                || Ok(GetAppUploadStatus::new(arg_str(task_id, "task_id")?)?),
            )
        }
    })
}

/// Builds a page of the team's apps (`POST /open/v1/app/teamApp/list`): page
/// `page` (from 1) of `page_size` (1 to 200); `cloudphone_request_next`
/// pages on.
///
/// Result (`cloudphone_request_parse`): one item per app (its team-app id);
/// the total; `/apps/<i>/version_id`.
///
/// Pointers: `config` required; `trace_id` required; `request_out` required; `err_out` optional (NULL =
/// no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_list_team_apps_build(
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
                OpFns::pager::<Gl, ListTeamApps>(),
                || Ok(ListTeamApps::new().page(page, page_size)?),
            )
        }
    })
}

/// Builds the import of a flow (`POST /open/v1/task/flow/import`): `gal` the
/// flow's JSON text (as exported, ≤ 4 MiB); `id` to replace that flow.
///
/// Result (`cloudphone_request_parse`): no items; `/id`.
///
/// Pointers: `config` required; `gal` required; `id` optional (NULL = a new flow); `trace_id` required; `request_out` required; `err_out` optional (NULL =
/// no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_import_flow_build(
    config: *const cloudphone_geelark_config,
    gal: *const c_char,
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
                OpFns::provider::<Gl, ImportFlow>(),
                || {
                    Ok(ImportFlow::new(
                        arg_str(gal, "gal")?,
                        arg_opt_str(id, "id")?.map(str::to_owned),
                    )?)
                },
            )
        }
    })
}

/// Builds the export of a flow (`POST /open/v1/task/flow/export`).
///
/// Result (`cloudphone_request_parse`): no items; `/gal` (the flow's JSON
/// text). 48002: not found.
///
/// Pointers: `config` required; `id` required; `trace_id` required; `request_out` required; `err_out` optional (NULL =
/// no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_export_flow_build(
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
                OpFns::provider::<Gl, ExportFlow>(),
                || Ok(ExportFlow::new(arg_str(id, "id")?)?),
            )
        }
    })
}

// ------------------------------------------------- team app settings

use cloudphone::geelark::team_apps::{
    AddTeamApp, GetNetConfig, NetConfig, RemoveTeamApp, SetAppAuth, SetAppAutoInstall,
    SetAppAutoStart, SetAppHidden, SetAppKeepAlive, SetAppRoot, SetNetConfig,
};

envelope_summary!(NetConfig);

/// Builds the adding of an app version to the team's apps (`POST /open/v1/app/add`),
/// installing it on `group_ids` (`"0"`: ungrouped phones).
///
/// Result (`cloudphone_request_parse`): no items; the trace id and envelope code.
///
/// Pointers: `config` required; `id` required; `version_id` required; `group_ids`
/// required unless its length is 0 ((NULL, 0) = every group); `trace_id` required; `request_out` required; `err_out` optional (NULL =
/// no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_add_team_app_build(
    config: *const cloudphone_geelark_config,
    id: *const c_char,
    version_id: *const c_char,
    group_ids: *const *const c_char,
    group_ids_len: usize,
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
                OpFns::provider::<Gl, AddTeamApp>(),
                || {
                    Ok(AddTeamApp::new(
                        arg_str(id, "id")?,
                        arg_str(version_id, "version_id")?,
                        arg_str_array(group_ids, group_ids_len, "group_ids")?
                            .into_iter()
                            .map(str::to_owned)
                            .collect(),
                    )?)
                },
            )
        }
    })
}

/// Builds the removal of a team app (`POST /open/v1/app/remove`).
///
/// Result (`cloudphone_request_parse`): no items; the trace id and envelope code.
///
/// Pointers: `config` required; `id` required; `trace_id` required; `request_out` required; `err_out` optional (NULL =
/// no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_remove_team_app_build(
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
                OpFns::provider::<Gl, RemoveTeamApp>(),
                || Ok(RemoveTeamApp::new(arg_str(id, "id")?)?),
            )
        }
    })
}

/// Builds a team app's authorisation (`POST /open/v1/app/auth/status`; new
/// installs only).
///
/// Result (`cloudphone_request_parse`): no items; the trace id and envelope code.
///
/// Pointers: `config` required; `id` required; `trace_id` required; `request_out` required; `err_out` optional (NULL =
/// no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_set_app_auth_build(
    config: *const cloudphone_geelark_config,
    id: *const c_char,
    on: bool,
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
                OpFns::provider::<Gl, SetAppAuth>(),
                || Ok(SetAppAuth::new(arg_str(id, "id")?, on)?),
            )
        }
    })
}

/// Builds a team app's auto-start (`POST /open/v1/app/setAutoStart`).
///
/// Result (`cloudphone_request_parse`): no items; the trace id and envelope code.
///
/// Pointers: `config` required; `id` required; `trace_id` required; `request_out` required; `err_out` optional (NULL =
/// no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_set_app_auto_start_build(
    config: *const cloudphone_geelark_config,
    id: *const c_char,
    on: bool,
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
                OpFns::provider::<Gl, SetAppAutoStart>(),
                || Ok(SetAppAutoStart::new(arg_str(id, "id")?, on)?),
            )
        }
    })
}

/// Builds a team app's keep-alive (`POST /open/v1/app/setKeepAlive`; Pro, one
/// app, after a restart).
///
/// Result (`cloudphone_request_parse`): no items; the trace id and envelope code.
///
/// Pointers: `config` required; `id` required; `trace_id` required; `request_out` required; `err_out` optional (NULL =
/// no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_set_app_keep_alive_build(
    config: *const cloudphone_geelark_config,
    id: *const c_char,
    on: bool,
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
                OpFns::provider::<Gl, SetAppKeepAlive>(),
                || Ok(SetAppKeepAlive::new(arg_str(id, "id")?, on)?),
            )
        }
    })
}

/// Builds a team app's root (`POST /open/v1/app/root`).
///
/// Result (`cloudphone_request_parse`): no items; the trace id and envelope code.
///
/// Pointers: `config` required; `id` required; `trace_id` required; `request_out` required; `err_out` optional (NULL =
/// no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_set_app_root_build(
    config: *const cloudphone_geelark_config,
    id: *const c_char,
    on: bool,
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
                OpFns::provider::<Gl, SetAppRoot>(),
                || Ok(SetAppRoot::new(arg_str(id, "id")?, on)?),
            )
        }
    })
}

/// Builds hiding a team app on the phones (`POST /open/v1/app/setHide`).
///
/// Result (`cloudphone_request_parse`): no items; the trace id and envelope code.
///
/// Pointers: `config` required; `id` required; `trace_id` required; `request_out` required; `err_out` optional (NULL =
/// no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_set_app_hidden_build(
    config: *const cloudphone_geelark_config,
    id: *const c_char,
    on: bool,
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
                OpFns::provider::<Gl, SetAppHidden>(),
                || Ok(SetAppHidden::new(arg_str(id, "id")?, on)?),
            )
        }
    })
}

/// Builds a team app's auto-install (`POST /open/v1/app/setStatus`) on `group_ids`.
///
/// Result (`cloudphone_request_parse`): no items; the trace id and envelope code.
///
/// Pointers: `config` required; `id` required; `group_ids` required unless its length
/// is 0 ((NULL, 0) = every group); `trace_id` required; `request_out` required; `err_out` optional (NULL =
/// no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_set_app_auto_install_build(
    config: *const cloudphone_geelark_config,
    id: *const c_char,
    on: bool,
    group_ids: *const *const c_char,
    group_ids_len: usize,
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
                OpFns::provider::<Gl, SetAppAutoInstall>(),
                || {
                    Ok(SetAppAutoInstall::new(
                        arg_str(id, "id")?,
                        on,
                        arg_str_array(group_ids, group_ids_len, "group_ids")?
                            .into_iter()
                            .map(str::to_owned)
                            .collect(),
                    )?)
                },
            )
        }
    })
}

/// Builds the reading of the network blacklist (`POST /open/v1/phone/netConfig/get`).
///
/// Result (`cloudphone_request_parse`): no items; `/black_list` through `cloudphone_result_field`.
///
/// Pointers: `config` required; `trace_id` required; `request_out` required; `err_out` optional (NULL =
/// no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_get_net_config_build(
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
                OpFns::provider::<Gl, GetNetConfig>(),
                || Ok(GetNetConfig),
            )
        }
    })
}

/// Builds the network blacklist (`POST /open/v1/phone/netConfig/set`): 0 to 3
/// domains.
///
/// Result (`cloudphone_request_parse`): no items; the trace id and envelope code.
///
/// Pointers: `config` required; `domains` required unless its length is 0 ((NULL, 0)
/// = clear the list); `trace_id` required; `request_out` required; `err_out` optional (NULL =
/// no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_set_net_config_build(
    config: *const cloudphone_geelark_config,
    domains: *const *const c_char,
    domains_len: usize,
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
                OpFns::provider::<Gl, SetNetConfig>(),
                || {
                    Ok(SetNetConfig::new(arg_str_array(
                        domains,
                        domains_len,
                        "domains",
                    )?)?)
                },
            )
        }
    })
}

// ------------------------------------------------ patches and white label

use cloudphone::geelark::patches::{
    Customize, GetPatchStatus, InstallPatch, ListPatches, PatchInstall, PatchList, PatchRemoved,
    UninstallPatch,
};

envelope_summary!(
    PatchList,
    items = |o| o.patches.iter().map(|p| Item::id(&p.id)).collect()
);
envelope_summary!(PatchRemoved);

/// Builds the install of an Xposed patch (an APK's URL) on a phone
/// (`POST /open/v1/phone/patch/install`; Android 12, 13, 15; 53001 on
/// other models).
///
/// Result (`cloudphone_request_parse`): no items; `/task_id`.
///
/// Pointers: `config` required; `id` required; `apk_url` required;
/// `trace_id` required; `request_out` required; `err_out` optional (NULL =
/// no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_install_patch_build(
    config: *const cloudphone_geelark_config,
    id: *const c_char,
    apk_url: *const c_char,
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
                OpFns::provider::<Gl, InstallPatch>(),
                || {
                    Ok(InstallPatch::new(
                        arg_str(id, "id")?,
                        arg_str(apk_url, "apk_url")?,
                    )?)
                },
            )
        }
    })
}

/// Builds the reading of a patch install
/// (`POST /open/v1/phone/patch/install/status`): by `task_id`, or by
/// `patch_id` and `id` (the phone).
///
/// Result (`cloudphone_request_parse`): no items; `/state` and `/raw_status`
/// (0 installing, 1 done, 2 failed).
///
/// Pointers: `config` required; `task_id` optional (NULL = by patch and
/// phone); `patch_id` optional (NULL = by task); `id` optional (NULL = by
/// task); `trace_id` required; `request_out` required; `err_out` optional
/// (NULL = no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_get_patch_status_build(
    config: *const cloudphone_geelark_config,
    task_id: *const c_char,
    patch_id: *const c_char,
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
                OpFns::provider::<Gl, GetPatchStatus>(),
                || {
                    let of = match (
                        arg_opt_str(task_id, "task_id")?,
                        arg_opt_str(patch_id, "patch_id")?,
                        arg_opt_str(id, "id")?,
                    ) {
                        (Some(t), None, None) => PatchInstall::Task(t.to_owned()),
                        (None, Some(p), Some(i)) => PatchInstall::Patch {
                            patch_id: p.to_owned(),
                            id: i.to_owned(),
                        },
                        _ => {
                            return Err(cloudphone::error::invalid(
                                "task_id",
                                "give a task id, or a patch id and a phone id",
                            )
                            .into());
                        }
                    };
                    Ok(GetPatchStatus::new(of)?)
                },
            )
        }
    })
}

/// Builds the list of a phone's patches (`POST /open/v1/phone/patch/list`).
///
/// Result (`cloudphone_request_parse`): one item per patch (its id);
/// `/patches/<i>/version`, `/description`, `/owner`.
///
/// Pointers: `config` required; `id` required; `trace_id` required;
/// `request_out` required; `err_out` optional (NULL = no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_list_patches_build(
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
                OpFns::provider::<Gl, ListPatches>(),
                || Ok(ListPatches::new(arg_str(id, "id")?)?),
            )
        }
    })
}

/// Builds the uninstall of a patch from a phone
/// (`POST /open/v1/phone/patch/uninstall`).
///
/// Result (`cloudphone_request_parse`): no items; `/ok`.
///
/// Pointers: `config` required; `id` required; `patch_id` required;
/// `trace_id` required; `request_out` required; `err_out` optional (NULL =
/// no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_uninstall_patch_build(
    config: *const cloudphone_geelark_config,
    id: *const c_char,
    patch_id: *const c_char,
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
                OpFns::provider::<Gl, UninstallPatch>(),
                || {
                    Ok(UninstallPatch::new(
                        arg_str(id, "id")?,
                        arg_str(patch_id, "patch_id")?,
                    )?)
                },
            )
        }
    })
}

/// The white label as the C host writes it (the API's field names).
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct CustomizeArg {
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    logo: Option<String>,
    #[serde(default)]
    hide_header: Option<bool>,
    #[serde(default)]
    mirror_url: Option<String>,
    #[serde(default)]
    tool_bar_settings: Vec<ToolBarArg>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct ToolBarArg {
    tool_bar: String,
    #[serde(default)]
    visible: bool,
}

/// Builds the white label of the remote view
/// (`POST /open/v1/phone/customization`; the plan needs ≥ 50 profiles).
///
/// - `customization_json`: `{"title": "...", "logo": "https://...",
///   "hideHeader": true, "mirrorUrl": "https://...", "toolBarSettings":
///   [{"toolBar": "screenshot", "visible": false}]}`; every field optional
///   (unset: unchanged); unknown fields refused.
///
/// Result (`cloudphone_request_parse`): no items.
///
/// Pointers: `config` required; `customization_json` required; `trace_id`
/// required; `request_out` required; `err_out` optional (NULL = no error
/// details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_customize_build(
    config: *const cloudphone_geelark_config,
    customization_json: *const c_char,
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
                OpFns::provider::<Gl, Customize>(),
                || {
                    let a: CustomizeArg =
                        super::options::json_required(customization_json, "customization_json")?;
                    let mut op = Customize::new();
                    if let Some(t) = a.title {
                        op = op.title(t)?;
                    }
                    if let Some(l) = a.logo {
                        op = op.logo(l)?;
                    }
                    if let Some(h) = a.hide_header {
                        op = op.hide_header(h);
                    }
                    if let Some(m) = a.mirror_url {
                        op = op.mirror_url(m)?;
                    }
                    for t in a.tool_bar_settings {
                        op = op.tool_bar(&t.tool_bar, t.visible)?;
                    }
                    Ok(op)
                },
            )
        }
    })
}
