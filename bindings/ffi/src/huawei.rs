//! Huawei Cloud CPH operations: batch-connection and the IAM token.

use std::ffi::c_char;

use super::config::cloudphone_huawei_config;
use super::error::cloudphone_error;
use super::guard::{
    arg_opt_str, arg_out, arg_ref, arg_str, arg_str_array, free_box, guard, guard_or, write_out,
};
use super::request::{build_request, cloudphone_request};
use super::response::{cloudphone_item_failure, json_out, parse_into};
use super::types::{
    FromIn, NulStr, StrArena, Text, cloudphone_response_header, cloudphone_status, cloudphone_str,
    cloudphone_string, opt_view, views_in,
};
use cloudphone::huawei::iam::{CreateToken, IamToken, ProjectScope};
use cloudphone::huawei::{self, BatchConnection, BatchConnectionOutput, ClientType, ConnectInfo};
use cloudphone::op::Endpoint;

/// Most phone ids one batch-connection call accepts; split larger sets with
/// `cloudphone_batch_plan_new`.
pub const CLOUDPHONE_HUAWEI_BATCH_CONNECTION_MAX_PHONES: usize = 10;
const _: () = assert!(CLOUDPHONE_HUAWEI_BATCH_CONNECTION_MAX_PHONES == huawei::MAX_PHONES);

// ---------------------------------------------------------------- batch-connection

/// Builds a batch-connection request
/// (`POST /v1/{project_id}/cloud-phone/phones/batch-connection`).
///
/// - `phone_ids`, `phone_ids_len`: 1 to
///   `CLOUDPHONE_HUAWEI_BATCH_CONNECTION_MAX_PHONES` distinct ids
///   (duplicates are collapsed first); `(NULL, 0)` is the empty list, which
///   is refused.
/// - `client_type`: `"ANDROID"`, `"WINDOWS"`, `"H5_MOBILE"`, `"H5_PC"` or
///   `"IOS"` (any case).
/// - `now_unix_ms`: the current time (signs the request as `X-Sdk-Date`).
/// - `trace_id`: unused by Huawei; may be NULL.
///
/// On success writes a new request to `*request_out`; parse its response
/// with `cloudphone_huawei_batch_connection_parse`.
///
/// # Safety
/// `config` is NULL or live; `phone_ids` as described; strings NULL or
/// NUL-terminated; `request_out` and `err_out` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_huawei_batch_connection_build(
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
        arg_out(request_out, "request_out")?;
        // SAFETY: per the function contract.
        let (config, ids, client_type, trace_id) = unsafe {
            (
                arg_ref(config, "config")?,
                arg_str_array(phone_ids, phone_ids_len, "phone_ids")?,
                arg_str(client_type, "client_type")?,
                arg_opt_str(trace_id, "trace_id")?,
            )
        };
        let op = BatchConnection::new(ids, client_type.parse::<ClientType>()?)?;
        let req = build_request(op, &config.inner, now_unix_ms, trace_id.unwrap_or(""))?;
        // SAFETY: checked above.
        unsafe { write_out(request_out, req) };
        Ok(())
    })
}

/// The answer to one batch-connection call. Free with
/// `cloudphone_huawei_batch_connection_result_free`.
///
/// Thread safety: immutable; may be read from several threads at once.
pub struct cloudphone_huawei_batch_connection_result {
    pub(crate) output: BatchConnectionOutput,
    request_id: Text,
    connect_infos: Vec<cloudphone_connect_info>,
    failures: Vec<cloudphone_item_failure>,
    // Owns the bytes the views above point to.
    _arena: StrArena,
}

impl From<BatchConnectionOutput> for cloudphone_huawei_batch_connection_result {
    fn from(output: BatchConnectionOutput) -> Self {
        // ~8 strings of ~20 bytes per phone: one chunk in the common case.
        let mut arena = StrArena::with_capacity(64 + 192 * output.connect_infos.len());
        cloudphone_huawei_batch_connection_result {
            request_id: arena.opt(output.request_id.as_deref()),
            connect_infos: views_in(&output.connect_infos, &mut arena),
            failures: views_in(&output.errors, &mut arena),
            output,
            _arena: arena,
        }
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

/// Parses the response to a request built by
/// `cloudphone_huawei_batch_connection_build` — any response: a 200 with
/// per-phone `errors` succeeds (see `..._failure_count`); a non-2xx answer
/// fails with its provider code and request id in `*err_out`.
///
/// - `request`: the request this is the response to.
/// - `http_status`: the HTTP status code.
/// - `headers`, `headers_len`: the response headers; `(NULL, 0)` for none.
/// - `body`, `body_len`: the whole body; `(NULL, 0)` for none.
///
/// On success writes a new result to `*result_out`.
///
/// # Safety
/// `request` is NULL or live; arrays as described, each header's strings
/// NULL or NUL-terminated; `result_out` and `err_out` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_huawei_batch_connection_parse(
    request: *const cloudphone_request,
    http_status: u16,
    headers: *const cloudphone_response_header,
    headers_len: usize,
    body: *const u8,
    body_len: usize,
    result_out: *mut *mut cloudphone_huawei_batch_connection_result,
    err_out: *mut *mut cloudphone_error,
) -> cloudphone_status {
    guard(err_out, || {
        // SAFETY: per the function contract.
        unsafe {
            parse_into::<BatchConnection, _>(
                request,
                http_status,
                headers,
                headers_len,
                body,
                body_len,
                result_out,
                cloudphone_huawei_batch_connection_result::from,
            )
        }
    })
}

/// Frees a batch-connection result. NULL is a no-op; must not be called twice.
///
/// # Safety
/// `result` is NULL or a live result no other thread is using.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_huawei_batch_connection_result_free(
    result: *mut cloudphone_huawei_batch_connection_result,
) {
    // SAFETY: per the function contract.
    guard_or((), || unsafe { free_box(result) })
}

/// The call's request id (body `request_id`, else `X-Request-Id`);
/// `{NULL, 0}` when absent.
///
/// # Safety
/// `result` is NULL or live; the view lives as long as it.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_huawei_batch_connection_result_request_id(
    result: *const cloudphone_huawei_batch_connection_result,
) -> cloudphone_str {
    guard_or(cloudphone_str::NONE, || {
        // SAFETY: per the function contract.
        unsafe { result.as_ref() }.map_or(cloudphone_str::NONE, |r| r.request_id.view())
    })
}

/// The number of phones with access information (0 when `result` is NULL).
///
/// # Safety
/// `result` is NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_huawei_batch_connection_result_connect_info_count(
    result: *const cloudphone_huawei_batch_connection_result,
) -> usize {
    guard_or(0, || {
        // SAFETY: per the function contract.
        unsafe { result.as_ref() }.map_or(0, |r| r.connect_infos.len())
    })
}

/// Phone `index`'s access information, borrowed from `result`; NULL when
/// `result` is NULL or `index` is out of range.
///
/// # Safety
/// `result` is NULL or live; the pointer lives as long as it.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_huawei_batch_connection_result_connect_info_at(
    result: *const cloudphone_huawei_batch_connection_result,
    index: usize,
) -> *const cloudphone_connect_info {
    guard_or(std::ptr::null(), || {
        // SAFETY: per the function contract.
        unsafe { result.as_ref() }
            .and_then(|r| r.connect_infos.get(index))
            .map_or(std::ptr::null(), |c| c as *const _)
    })
}

/// The number of phones the server could not serve (0 when `result` is NULL).
///
/// # Safety
/// `result` is NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_huawei_batch_connection_result_failure_count(
    result: *const cloudphone_huawei_batch_connection_result,
) -> usize {
    guard_or(0, || {
        // SAFETY: per the function contract.
        unsafe { result.as_ref() }.map_or(0, |r| r.failures.len())
    })
}

/// Failure `index` (phone id, `CPS.*` code, message), borrowed from
/// `result`; NULL when `result` is NULL or `index` is out of range.
///
/// # Safety
/// `result` is NULL or live; the pointer lives as long as it.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_huawei_batch_connection_result_failure_at(
    result: *const cloudphone_huawei_batch_connection_result,
    index: usize,
) -> *const cloudphone_item_failure {
    guard_or(std::ptr::null(), || {
        // SAFETY: per the function contract.
        unsafe { result.as_ref() }
            .and_then(|r| r.failures.get(index))
            .map_or(std::ptr::null(), |f| f as *const _)
    })
}

/// The whole result as JSON
/// (`{"request_id":…,"connect_infos":[…],"errors":[…]}`), tickets included,
/// into a new string at `*json_out`.
///
/// # Safety
/// `result` is NULL or live; `json_out` and `err_out` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_huawei_batch_connection_result_to_json(
    result: *const cloudphone_huawei_batch_connection_result,
    json_out: *mut *mut cloudphone_string,
    err_out: *mut *mut cloudphone_error,
) -> cloudphone_status {
    guard(err_out, || {
        // SAFETY: per the function contract.
        let value = unsafe { arg_ref(result, "result") }.map(|r| &r.output);
        // SAFETY: per the function contract.
        unsafe { self::json_out(value, json_out) }
    })
}

/// The phone id (`{NULL, 0}` when `info` is NULL).
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
        let req = build_request(op, &endpoint, now_unix_ms, trace_id.unwrap_or(""))?;
        // SAFETY: checked above.
        unsafe { write_out(request_out, req) };
        Ok(())
    })
}

/// An IAM token and its expiry. Free with `cloudphone_huawei_iam_token_free`.
///
/// Thread safety: immutable; may be read from several threads at once.
pub struct cloudphone_huawei_iam_token {
    output: IamToken,
    token: NulStr,
    expires_at: NulStr,
    project_id: Option<NulStr>,
}

impl From<IamToken> for cloudphone_huawei_iam_token {
    fn from(output: IamToken) -> Self {
        cloudphone_huawei_iam_token {
            token: NulStr::new(output.token.expose()),
            expires_at: NulStr::new(&output.expires_at),
            project_id: NulStr::opt(output.project_id.as_deref()),
            output,
        }
    }
}

/// Parses the response to a request built by
/// `cloudphone_huawei_iam_create_token_build` (the token is read from the
/// `X-Subject-Token` header). Arguments as for
/// `cloudphone_huawei_batch_connection_parse`.
///
/// # Safety
/// As `cloudphone_huawei_batch_connection_parse`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_huawei_iam_create_token_parse(
    request: *const cloudphone_request,
    http_status: u16,
    headers: *const cloudphone_response_header,
    headers_len: usize,
    body: *const u8,
    body_len: usize,
    token_out: *mut *mut cloudphone_huawei_iam_token,
    err_out: *mut *mut cloudphone_error,
) -> cloudphone_status {
    guard(err_out, || {
        // SAFETY: per the function contract.
        unsafe {
            parse_into::<CreateToken, _>(
                request,
                http_status,
                headers,
                headers_len,
                body,
                body_len,
                token_out,
                cloudphone_huawei_iam_token::from,
            )
        }
    })
}

/// Frees a token. NULL is a no-op; must not be called twice.
///
/// # Safety
/// `token` is NULL or a live token no other thread is using.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_huawei_iam_token_free(token: *mut cloudphone_huawei_iam_token) {
    // SAFETY: per the function contract.
    guard_or((), || unsafe { free_box(token) })
}

/// The token (a credential: pass it to `cloudphone_huawei_config_new_token`,
/// do not log it). `{NULL, 0}` when `token` is NULL.
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
/// # Safety
/// `token` is NULL or live.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_huawei_iam_token_expires_at_unix_ms(
    token: *const cloudphone_huawei_iam_token,
) -> u64 {
    guard_or(0, || {
        // SAFETY: per the function contract.
        unsafe { token.as_ref() }.map_or(0, |t| t.output.expires_at_unix_ms)
    })
}

/// The id of the project the token is scoped to, when the body names it;
/// `{NULL, 0}` otherwise.
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

/// The token as JSON (`{"token":…,"expires_at":…,"expires_at_unix_ms":…,
/// "project_id":…}`, the token included) into a new string at `*json_out`.
///
/// # Safety
/// `token` is NULL or live; `json_out` and `err_out` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_huawei_iam_token_to_json(
    token: *const cloudphone_huawei_iam_token,
    json_out: *mut *mut cloudphone_string,
    err_out: *mut *mut cloudphone_error,
) -> cloudphone_status {
    guard(err_out, || {
        // SAFETY: per the function contract.
        let value = unsafe { arg_ref(token, "token") }.map(|t| &t.output);
        // SAFETY: per the function contract.
        unsafe { self::json_out(value, json_out) }
    })
}
