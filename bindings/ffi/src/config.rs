//! Provider configuration handles: endpoint and credentials.

use super::error::cloudphone_error;
use super::guard::{
    FfiResult, arg_opt_str, arg_out, arg_str, free_box, guard, guard_or, write_out,
};
use super::types::cloudphone_status;
use cloudphone::geelark;
use cloudphone::huawei;
use cloudphone::op::Endpoint;
use std::ffi::c_char;

/// Endpoint, project id and credentials for Huawei Cloud CPH calls.
/// Created by `cloudphone_huawei_config_new_aksk` or
/// `cloudphone_huawei_config_new_token`, freed with
/// `cloudphone_huawei_config_free`. Credentials are never shown in messages.
///
/// Thread safety: immutable; may be shared by several threads at once.
pub struct cloudphone_huawei_config {
    // Shared with the requests of a paged listing, which sign the next
    // page's request with it (`cloudphone_request_next`).
    pub(crate) inner: std::sync::Arc<huawei::Config>,
}

/// Credentials and endpoint for GeeLark calls. Created by
/// `cloudphone_geelark_config_new_key` or `cloudphone_geelark_config_new_token`,
/// freed with `cloudphone_geelark_config_free`.
///
/// Thread safety: immutable; may be shared by several threads at once.
pub struct cloudphone_geelark_config {
    // Shared with the requests of a paged listing (see above).
    pub(crate) inner: std::sync::Arc<geelark::Config>,
}

/// A region id (`cn-north-4`) gives the region's CPH endpoint; a string
/// containing `://` is a custom endpoint URL.
fn huawei_endpoint(region_or_endpoint: &str) -> FfiResult<Endpoint> {
    Ok(if region_or_endpoint.contains("://") {
        Endpoint::parse(region_or_endpoint)?
    } else {
        huawei::cph_endpoint(region_or_endpoint)?
    })
}

/// Creates a Huawei CPH configuration with AK/SK (`SDK-HMAC-SHA256`)
/// signing.
///
/// - `region_or_endpoint`: a CPH region id such as `"cn-north-4"`, or an
///   endpoint URL containing `://` (e.g. a simulator's `http://127.0.0.1:8080`).
/// - `project_id`: the project id (one path segment of letters, digits,
///   `-`, `_`, `.`, `~`).
/// - `access_key`, `secret_key`: permanent or temporary credentials.
/// - `security_token`: the security token of temporary credentials, or NULL.
///
/// On success writes a new handle to `*config_out`.
///
/// Pointers: `region_or_endpoint` required; `project_id` required;
/// `access_key` required; `secret_key` required; `security_token` optional
/// (NULL = none); `config_out` required; `err_out` optional (NULL = no error
/// details).
///
/// # Safety
/// String arguments are NULL or NUL-terminated; `config_out` is NULL or
/// writable; `err_out` is NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_huawei_config_new_aksk(
    region_or_endpoint: *const c_char,
    project_id: *const c_char,
    access_key: *const c_char,
    secret_key: *const c_char,
    security_token: *const c_char,
    config_out: *mut *mut cloudphone_huawei_config,
    err_out: *mut *mut cloudphone_error,
) -> cloudphone_status {
    guard(err_out, || {
        arg_out(config_out, "config_out")?;
        // SAFETY: per the function contract.
        let (region, project, ak, sk, token) = unsafe {
            (
                arg_str(region_or_endpoint, "region_or_endpoint")?,
                arg_str(project_id, "project_id")?,
                arg_str(access_key, "access_key")?,
                arg_str(secret_key, "secret_key")?,
                arg_opt_str(security_token, "security_token")?,
            )
        };
        let auth = match token {
            Some(t) => huawei::Auth::temporary(ak, sk, t),
            None => huawei::Auth::aksk(ak, sk),
        };
        let inner = huawei::Config::new(huawei_endpoint(region)?, project, auth)?;
        // SAFETY: checked above.
        unsafe {
            write_out(
                config_out,
                cloudphone_huawei_config {
                    inner: inner.into(),
                },
            )
        };
        Ok(())
    })
}

/// Creates a Huawei CPH configuration that sends an IAM token as
/// `X-Auth-Token` (see `cloudphone_huawei_iam_create_token_build`).
/// `region_or_endpoint` and `project_id` as for
/// `cloudphone_huawei_config_new_aksk`.
///
/// Pointers: `region_or_endpoint` required; `project_id` required; `token`
/// required; `config_out` required; `err_out` optional (NULL = no error
/// details).
///
/// # Safety
/// As `cloudphone_huawei_config_new_aksk`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_huawei_config_new_token(
    region_or_endpoint: *const c_char,
    project_id: *const c_char,
    token: *const c_char,
    config_out: *mut *mut cloudphone_huawei_config,
    err_out: *mut *mut cloudphone_error,
) -> cloudphone_status {
    guard(err_out, || {
        arg_out(config_out, "config_out")?;
        // SAFETY: per the function contract.
        let (region, project, token) = unsafe {
            (
                arg_str(region_or_endpoint, "region_or_endpoint")?,
                arg_str(project_id, "project_id")?,
                arg_str(token, "token")?,
            )
        };
        let inner = huawei::Config::new(
            huawei_endpoint(region)?,
            project,
            huawei::Auth::token(token),
        )?;
        // SAFETY: checked above.
        unsafe {
            write_out(
                config_out,
                cloudphone_huawei_config {
                    inner: inner.into(),
                },
            )
        };
        Ok(())
    })
}

/// Frees a Huawei configuration. NULL is a no-op; must not be called twice.
///
/// Pointers: `config` optional (NULL = no-op).
///
/// # Safety
/// `config` is NULL or a live configuration no other thread is using.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_huawei_config_free(config: *mut cloudphone_huawei_config) {
    // SAFETY: per the function contract.
    guard_or((), || unsafe { free_box(config) })
}

fn geelark_endpoint(endpoint: Option<&str>) -> FfiResult<Endpoint> {
    Ok(Endpoint::parse(
        endpoint.unwrap_or(geelark::GLOBAL_ENDPOINT),
    )?)
}

/// Creates a GeeLark configuration in key mode (signed `appId`, `traceId`,
/// `ts`, `nonce`, `sign` headers).
///
/// - `endpoint`: the base URL, or NULL for `https://openapi.geelark.com`.
/// - `app_id`, `api_key`: the team's AppId and ApiKey.
///
/// Pointers: `endpoint` optional (NULL = none); `app_id` required; `api_key`
/// required; `config_out` required; `err_out` optional (NULL = no error
/// details).
///
/// # Safety
/// String arguments are NULL or NUL-terminated; `config_out` is NULL or
/// writable; `err_out` is NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_config_new_key(
    endpoint: *const c_char,
    app_id: *const c_char,
    api_key: *const c_char,
    config_out: *mut *mut cloudphone_geelark_config,
    err_out: *mut *mut cloudphone_error,
) -> cloudphone_status {
    guard(err_out, || {
        arg_out(config_out, "config_out")?;
        // SAFETY: per the function contract.
        let (endpoint, app_id, api_key) = unsafe {
            (
                arg_opt_str(endpoint, "endpoint")?,
                arg_str(app_id, "app_id")?,
                arg_str(api_key, "api_key")?,
            )
        };
        let inner = geelark::Config::new(
            geelark_endpoint(endpoint)?,
            geelark::Auth::key(app_id, api_key),
        )?;
        // SAFETY: checked above.
        unsafe {
            write_out(
                config_out,
                cloudphone_geelark_config {
                    inner: inner.into(),
                },
            )
        };
        Ok(())
    })
}

/// Creates a GeeLark configuration in token mode
/// (`Authorization: Bearer <token>`). `endpoint` as for
/// `cloudphone_geelark_config_new_key`.
///
/// Pointers: `endpoint` optional (NULL = none); `token` required; `config_out`
/// required; `err_out` optional (NULL = no error details).
///
/// # Safety
/// As `cloudphone_geelark_config_new_key`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_config_new_token(
    endpoint: *const c_char,
    token: *const c_char,
    config_out: *mut *mut cloudphone_geelark_config,
    err_out: *mut *mut cloudphone_error,
) -> cloudphone_status {
    guard(err_out, || {
        arg_out(config_out, "config_out")?;
        // SAFETY: per the function contract.
        let (endpoint, token) =
            unsafe { (arg_opt_str(endpoint, "endpoint")?, arg_str(token, "token")?) };
        let inner = geelark::Config::new(geelark_endpoint(endpoint)?, geelark::Auth::token(token))?;
        // SAFETY: checked above.
        unsafe {
            write_out(
                config_out,
                cloudphone_geelark_config {
                    inner: inner.into(),
                },
            )
        };
        Ok(())
    })
}

/// Frees a GeeLark configuration. NULL is a no-op; must not be called twice.
///
/// Pointers: `config` optional (NULL = no-op).
///
/// # Safety
/// `config` is NULL or a live configuration no other thread is using.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_config_free(config: *mut cloudphone_geelark_config) {
    // SAFETY: per the function contract.
    guard_or((), || unsafe { free_box(config) })
}

/// What the generic build and paging plumbing needs of a configuration
/// handle.
pub(crate) trait ConfigHandle {
    /// The core configuration.
    type Inner;
    /// Whether requests need a trace id (GeeLark signs it; Huawei ignores it,
    /// so NULL is accepted).
    const TRACE_ID_REQUIRED: bool;
    fn inner(&self) -> &Self::Inner;
    /// The core configuration, shared (for the next pages of a listing).
    fn shared(&self) -> std::sync::Arc<Self::Inner>;
    /// The blocking client of the same provider.
    #[cfg(feature = "client")]
    type Client: 'static;
    /// Sends `op` through `client` (signing, retries, tokens: the client's).
    #[cfg(feature = "client")]
    fn execute<O: cloudphone::Operation<Config = Self::Inner>>(
        client: &Self::Client,
        op: &O,
    ) -> cloudphone::Result<O::Output>;
}

impl ConfigHandle for cloudphone_huawei_config {
    type Inner = huawei::Config;
    const TRACE_ID_REQUIRED: bool = false;
    fn inner(&self) -> &huawei::Config {
        &self.inner
    }
    fn shared(&self) -> std::sync::Arc<huawei::Config> {
        self.inner.clone()
    }
    #[cfg(feature = "client")]
    type Client = cloudphone::client::HuaweiClient;
    #[cfg(feature = "client")]
    fn execute<O: cloudphone::Operation<Config = huawei::Config>>(
        client: &Self::Client,
        op: &O,
    ) -> cloudphone::Result<O::Output> {
        client.execute(op)
    }
}

impl ConfigHandle for cloudphone_geelark_config {
    type Inner = geelark::Config;
    const TRACE_ID_REQUIRED: bool = true;
    fn inner(&self) -> &geelark::Config {
        &self.inner
    }
    fn shared(&self) -> std::sync::Arc<geelark::Config> {
        self.inner.clone()
    }
    #[cfg(feature = "client")]
    type Client = cloudphone::client::GeeLarkClient;
    #[cfg(feature = "client")]
    fn execute<O: cloudphone::Operation<Config = geelark::Config>>(
        client: &Self::Client,
        op: &O,
    ) -> cloudphone::Result<O::Output> {
        client.execute(op)
    }
}
