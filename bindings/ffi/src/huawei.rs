//! Huawei Cloud CPH operations: batch-connection and the IAM token.

use std::ffi::c_char;

use super::config::cloudphone_huawei_config;
use super::error::cloudphone_error;
use super::guard::{arg_opt_str, arg_out, arg_str, arg_str_array, guard, guard_or, write_out};
use super::request::{OpFns, build_into, build_request, cloudphone_request};
use super::result::{CallRecord, Item, Summary, Views};
use super::types::{
    FromIn, NulStr, StrArena, Text, cloudphone_status, cloudphone_str, opt_view, views_in,
};
use cloudphone::batch::ItemFailure;
use cloudphone::huawei::iam::{CreateToken, IamToken, ProjectScope};
use cloudphone::huawei::{self, ClientType, ConnectInfo, ConnectInfoReport, ShowConnectInfos};
use cloudphone::op::Endpoint;

/// Most phone ids one batch-connection call accepts; split larger sets with
/// `cloudphone_batch_plan_new`.
pub const CLOUDPHONE_HUAWEI_SHOW_CONNECT_INFOS_MAX_IDS: usize = 10;
const _: () = assert!(CLOUDPHONE_HUAWEI_SHOW_CONNECT_INFOS_MAX_IDS == huawei::MAX_IDS);

// ---------------------------------------------------------------- batch-connection

/// Builds a batch-connection request
/// (`POST /v1/{project_id}/cloud-phone/phones/batch-connection`).
///
/// - `phone_ids`, `phone_ids_len`: 1 to
///   `CLOUDPHONE_HUAWEI_SHOW_CONNECT_INFOS_MAX_IDS` distinct ids
///   (duplicates are collapsed first); `(NULL, 0)` is the empty list, which
///   is refused.
/// - `client_type`: `"ANDROID"`, `"WINDOWS"`, `"H5_MOBILE"`, `"H5_PC"` or
///   `"IOS"` (any case).
/// - `now_unix_ms`: the current time (signs the request as `X-Sdk-Date`).
/// - `trace_id`: unused by Huawei; may be NULL.
///
/// On success writes a new request to `*request_out`. Result
/// (`cloudphone_request_parse`): `cloudphone_result_connect_info_at` for
/// each phone served; items: their ids; failures: the phones the server
/// could not serve (`CPS.*` codes).
///
/// Pointers: `config` required; `phone_ids` required unless its length is 0
/// ((NULL, 0) = empty); `client_type` required; `trace_id` optional (NULL =
/// none); `request_out` required; `err_out` optional (NULL = no error
/// details).
///
/// # Safety
/// `config` is NULL or live; `phone_ids` as described; strings NULL or
/// NUL-terminated; `request_out` and `err_out` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_huawei_show_connect_infos_build(
    config: *const cloudphone_huawei_config,
    phone_ids: *const *const c_char,
    phone_ids_len: usize,
    client_type: *const c_char,
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
                OpFns::provider::<cloudphone_huawei_config, ShowConnectInfos>(),
                || {
                    let ids = arg_str_array(phone_ids, phone_ids_len, "phone_ids")?;
                    let client_type = arg_str(client_type, "client_type")?;
                    Ok(ShowConnectInfos::new(
                        ids,
                        client_type.parse::<ClientType>()?,
                    )?)
                },
            )
        }
    })
}

impl Summary for ConnectInfoReport {
    fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }
    fn items(&self) -> Vec<Item<'_>> {
        let infos = self.connect_infos.iter();
        infos.map(|c| Item::id(&c.phone_id)).collect()
    }
    fn failures(&self) -> &[ItemFailure] {
        &self.errors
    }
    fn views(&self, arena: &mut StrArena) -> Views {
        Views {
            connect_infos: views_in(&self.connect_infos, arena),
            ..Views::default()
        }
    }
    fn call_record(&self) -> Option<CallRecord> {
        Some(CallRecord::Connection(self.clone().into()))
    }
}

/// Access information for one phone. Borrowed from the result or outcome it
/// was read from.
///
/// Thread safety: immutable, as its owner.
pub struct cloudphone_connect_info {
    pub(crate) phone_id: Text,
    access_ip: Text,
    intranet_ip: Text,
    access_ipv6: Text,
    access_port: Option<u16>,
    session_id: Text,
    timestamp: Text,
    ticket: Text,
}

impl FromIn<ConnectInfo> for cloudphone_connect_info {
    fn from_in(c: &ConnectInfo, arena: &mut StrArena) -> Self {
        let a = &c.access_info;
        cloudphone_connect_info {
            phone_id: arena.put(&c.phone_id),
            access_ip: arena.opt(a.access_ip.as_deref()),
            intranet_ip: arena.opt(a.intranet_ip.as_deref()),
            access_ipv6: arena.opt(a.access_ipv6.as_deref()),
            access_port: a.access_port,
            session_id: arena.opt(a.session_id.as_deref()),
            timestamp: arena.opt(a.timestamp.as_deref()),
            ticket: arena.opt(a.ticket.as_ref().map(|t| t.expose())),
        }
    }
}

/// The phone id (`{NULL, 0}` when `info` is NULL).
///
/// Pointers: `info` optional (NULL = the neutral value above).
///
/// # Safety
/// `info` is NULL or live; the view lives as long as its owner.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_connect_info_phone_id(
    info: *const cloudphone_connect_info,
) -> cloudphone_str {
    guard_or(cloudphone_str::NONE, || {
        // SAFETY: per the function contract.
        unsafe { info.as_ref() }.map_or(cloudphone_str::NONE, |c| c.phone_id.view())
    })
}

/// The public IP (`access_ip`); `{NULL, 0}` when absent.
///
/// Pointers: `info` optional (NULL = the neutral value above).
///
/// # Safety
/// `info` is NULL or live; the view lives as long as its owner.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_connect_info_access_ip(
    info: *const cloudphone_connect_info,
) -> cloudphone_str {
    guard_or(cloudphone_str::NONE, || {
        // SAFETY: per the function contract.
        unsafe { info.as_ref() }.map_or(cloudphone_str::NONE, |c| c.access_ip.view())
    })
}

/// The private IP (`intranet_ip`); `{NULL, 0}` when absent.
///
/// Pointers: `info` optional (NULL = the neutral value above).
///
/// # Safety
/// `info` is NULL or live; the view lives as long as its owner.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_connect_info_intranet_ip(
    info: *const cloudphone_connect_info,
) -> cloudphone_str {
    guard_or(cloudphone_str::NONE, || {
        // SAFETY: per the function contract.
        unsafe { info.as_ref() }.map_or(cloudphone_str::NONE, |c| c.intranet_ip.view())
    })
}

/// The server's IPv6 address (`access_ipv6`); `{NULL, 0}` when absent.
///
/// Pointers: `info` optional (NULL = the neutral value above).
///
/// # Safety
/// `info` is NULL or live; the view lives as long as its owner.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_connect_info_access_ipv6(
    info: *const cloudphone_connect_info,
) -> cloudphone_str {
    guard_or(cloudphone_str::NONE, || {
        // SAFETY: per the function contract.
        unsafe { info.as_ref() }.map_or(cloudphone_str::NONE, |c| c.access_ipv6.view())
    })
}

/// The port to connect to (0..65535), or -1 when absent or `info` is NULL.
///
/// Pointers: `info` optional (NULL = the neutral value above).
///
/// # Safety
/// `info` is NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_connect_info_access_port(
    info: *const cloudphone_connect_info,
) -> i32 {
    guard_or(-1, || {
        // SAFETY: per the function contract.
        unsafe { info.as_ref() }
            .and_then(|c| c.access_port)
            .map_or(-1, i32::from)
    })
}

/// The id of this access session; `{NULL, 0}` when absent.
///
/// Pointers: `info` optional (NULL = the neutral value above).
///
/// # Safety
/// `info` is NULL or live; the view lives as long as its owner.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_connect_info_session_id(
    info: *const cloudphone_connect_info,
) -> cloudphone_str {
    guard_or(cloudphone_str::NONE, || {
        // SAFETY: per the function contract.
        unsafe { info.as_ref() }.map_or(cloudphone_str::NONE, |c| c.session_id.view())
    })
}

/// The ticket's timestamp as sent; `{NULL, 0}` when absent.
///
/// Pointers: `info` optional (NULL = the neutral value above).
///
/// # Safety
/// `info` is NULL or live; the view lives as long as its owner.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_connect_info_timestamp(
    info: *const cloudphone_connect_info,
) -> cloudphone_str {
    guard_or(cloudphone_str::NONE, || {
        // SAFETY: per the function contract.
        unsafe { info.as_ref() }.map_or(cloudphone_str::NONE, |c| c.timestamp.view())
    })
}

/// The signed ticket the client SDK presents (a credential: do not log it);
/// `{NULL, 0}` when absent.
///
/// Pointers: `info` optional (NULL = the neutral value above).
///
/// # Safety
/// `info` is NULL or live; the view lives as long as its owner.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_connect_info_ticket(
    info: *const cloudphone_connect_info,
) -> cloudphone_str {
    guard_or(cloudphone_str::NONE, || {
        // SAFETY: per the function contract.
        unsafe { info.as_ref() }.map_or(cloudphone_str::NONE, |c| c.ticket.view())
    })
}

// ---------------------------------------------------------------- IAM token

/// Builds an IAM token request (`POST {iam}/v3/auth/tokens`) with a
/// password identity scoped to a project.
///
/// - `iam_region_or_endpoint`: a CPH region id (its IAM endpoint is used) or
///   an IAM endpoint URL containing `://`.
/// - `user_name`, `password`, `domain_name`: the IAM user, its password and
///   the account it belongs to.
/// - `project`: the project name (for a region's default project, the
///   region id) or, when `project_is_id` is true, the project id.
/// - `now_unix_ms`, `trace_id`: unused by IAM today; `trace_id` may be NULL.
///
/// The request body holds the password: free the request once sent.
///
/// Pointers: `iam_region_or_endpoint` required; `user_name` required;
/// `password` required; `domain_name` required; `project` required; `trace_id`
/// optional (NULL = none); `request_out` required; `err_out` optional (NULL =
/// no error details).
///
/// # Safety
/// Strings NULL or NUL-terminated; `request_out` and `err_out` NULL or
/// writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_huawei_iam_create_token_build(
    iam_region_or_endpoint: *const c_char,
    user_name: *const c_char,
    password: *const c_char,
    domain_name: *const c_char,
    project: *const c_char,
    project_is_id: bool,
    now_unix_ms: u64,
    trace_id: *const c_char,
    request_out: *mut *mut cloudphone_request,
    err_out: *mut *mut cloudphone_error,
) -> cloudphone_status {
    guard(err_out, || {
        arg_out(request_out, "request_out")?;
        // SAFETY: per the function contract.
        let (iam, user, pw, domain, project, trace_id) = unsafe {
            (
                arg_str(iam_region_or_endpoint, "iam_region_or_endpoint")?,
                arg_str(user_name, "user_name")?,
                arg_str(password, "password")?,
                arg_str(domain_name, "domain_name")?,
                arg_str(project, "project")?,
                arg_opt_str(trace_id, "trace_id")?,
            )
        };
        let endpoint = if iam.contains("://") {
            Endpoint::parse(iam)?
        } else {
            huawei::iam_endpoint(iam)?
        };
        let scope = if project_is_id {
            ProjectScope::Id(project.to_owned())
        } else {
            ProjectScope::Name(project.to_owned())
        };
        let op = CreateToken::password(user, pw, domain, scope)?;
        let fns = OpFns::of::<CreateToken>();
        let req = build_request(op, &endpoint, now_unix_ms, trace_id.unwrap_or(""), fns)?;
        // SAFETY: checked above.
        unsafe { write_out(request_out, req) };
        Ok(())
    })
}

/// An IAM token and its expiry, borrowed from the `huawei.iam.create_token`
/// result it was read from (`cloudphone_result_iam_token`).
///
/// Thread safety: immutable; may be read from several threads at once.
pub struct cloudphone_huawei_iam_token {
    expires_at_unix_ms: u64,
    token: NulStr,
    expires_at: NulStr,
    project_id: Option<NulStr>,
}

impl Summary for IamToken {
    fn request_id(&self) -> Option<&str> {
        None
    }
    fn views(&self, _arena: &mut StrArena) -> Views {
        Views {
            token: Some(cloudphone_huawei_iam_token {
                expires_at_unix_ms: self.expires_at_unix_ms,
                token: NulStr::new(self.token.expose()),
                expires_at: NulStr::new(&self.expires_at),
                project_id: NulStr::opt(self.project_id.as_deref()),
            }),
            ..Views::default()
        }
    }
}

/// The token (a credential: pass it to `cloudphone_huawei_config_new_token`,
/// do not log it). `{NULL, 0}` when `token` is NULL.
///
/// Pointers: `token` optional (NULL = the neutral value above).
///
/// # Safety
/// `token` is NULL or live; the view lives as long as it.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_huawei_iam_token_value(
    token: *const cloudphone_huawei_iam_token,
) -> cloudphone_str {
    guard_or(cloudphone_str::NONE, || {
        // SAFETY: per the function contract.
        unsafe { token.as_ref() }.map_or(cloudphone_str::NONE, |t| t.token.view())
    })
}

/// `expires_at` as IAM wrote it (RFC 3339). `{NULL, 0}` when `token` is NULL.
///
/// Pointers: `token` optional (NULL = the neutral value above).
///
/// # Safety
/// `token` is NULL or live; the view lives as long as it.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_huawei_iam_token_expires_at(
    token: *const cloudphone_huawei_iam_token,
) -> cloudphone_str {
    guard_or(cloudphone_str::NONE, || {
        // SAFETY: per the function contract.
        unsafe { token.as_ref() }.map_or(cloudphone_str::NONE, |t| t.expires_at.view())
    })
}

/// `expires_at` in Unix milliseconds (0 when `token` is NULL). Refresh the
/// token before then.
///
/// Pointers: `token` optional (NULL = the neutral value above).
///
/// # Safety
/// `token` is NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_huawei_iam_token_expires_at_unix_ms(
    token: *const cloudphone_huawei_iam_token,
) -> u64 {
    guard_or(0, || {
        // SAFETY: per the function contract.
        unsafe { token.as_ref() }.map_or(0, |t| t.expires_at_unix_ms)
    })
}

/// The id of the project the token is scoped to, when the body names it;
/// `{NULL, 0}` otherwise.
///
/// Pointers: `token` optional (NULL = the neutral value above).
///
/// # Safety
/// `token` is NULL or live; the view lives as long as it.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_huawei_iam_token_project_id(
    token: *const cloudphone_huawei_iam_token,
) -> cloudphone_str {
    guard_or(cloudphone_str::NONE, || {
        // SAFETY: per the function contract.
        unsafe { token.as_ref() }.map_or(cloudphone_str::NONE, |t| opt_view(&t.project_id))
    })
}
