//! GeeLark fleet operations: list, start, stop, delete, update, create,
//! screenshots, GPS, ADB and apps. Each has a `_build`;
//! `cloudphone_request_parse` parses any of them into the one
//! `cloudphone_result` (what each contributes: its `Summary` impl below), and
//! `cloudphone_request_next` pages the listings.
//!
//! Every build takes the current time and a fresh trace id, as
//! `cloudphone_geelark_get_phone_status_build` does.

use std::ffi::c_char;

use serde::Deserialize;

use super::config::cloudphone_geelark_config;
use super::error::cloudphone_error;
use super::guard::{FfiResult, arg_slice, arg_str, arg_str_array, guard};
use super::options::json_arg;
use super::request::cloudphone_request;
use super::request::{OpFns, build_into};
use super::result::{CallRecord, Item, Summary, items_record};
use super::types::cloudphone_status;
use cloudphone::error::invalid;
use cloudphone::geelark::apps::InstallStatus;
use cloudphone::geelark::{
    self, Accepted, AdbReport, AdbSwitchReport, AppList, ChargeMode, CreatePhones, CreateReport,
    DeletePhones, GetAdbData, GetGps, GetScreenshotResult, GpsPosition, GpsReport, GpsSetReport,
    InstallApp, LifecycleReport, ListApps, NewPhone, ProxyConfig, ProxyScheme, ScreenshotResult,
    ScreenshotTask, SetAdb, SetGps, StartPhones, StartReport, StopPhones, TakeScreenshot,
    UninstallApp, UpdatePhone, UpdateReport,
};

/// Most phones one start, stop, delete, GPS or ADB call takes; split larger
/// sets with `cloudphone_batch_plan_new`.
pub const CLOUDPHONE_GEELARK_BATCH_MAX_IDS: usize = 100;
const _: () = assert!(
    CLOUDPHONE_GEELARK_BATCH_MAX_IDS == geelark::lifecycle::MAX_IDS
        && CLOUDPHONE_GEELARK_BATCH_MAX_IDS == geelark::gps::MAX_IDS
        && CLOUDPHONE_GEELARK_BATCH_MAX_IDS == geelark::adb::MAX_IDS
);

/// Most profiles one create call takes.
pub const CLOUDPHONE_GEELARK_CREATE_PHONES_MAX_PROFILES: usize = 100;
const _: () =
    assert!(CLOUDPHONE_GEELARK_CREATE_PHONES_MAX_PROFILES == geelark::create::MAX_PROFILES);

/// One phone's position for `cloudphone_geelark_set_gps_build`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct cloudphone_gps_position {
    /// The phone id (NUL-terminated UTF-8).
    pub id: *const c_char,
    /// Degrees north, -90 to 90.
    pub latitude: f64,
    /// Degrees east, -180 to 180.
    pub longitude: f64,
}

/// The configuration handle of this file's operations.
type Gl = cloudphone_geelark_config;

// ---------------------------------------------------------------- summaries

/// Implements `Summary` for an output with an `envelope` and the given items
/// and failures.
macro_rules! envelope_summary {
    ($ty:ty $(, items = |$o:ident| $items:expr)? $(, failures = $f:ident)? $(, total = $t:ident)? $(, batch = $x:ty)?) => {
        impl Summary for $ty {
            fn request_id(&self) -> Option<&str> {
                self.envelope.trace_id.as_deref()
            }
            fn code(&self) -> i64 {
                self.envelope.code
            }
            $(fn total(&self) -> Option<u64> {
                self.$t
            })?
            $(fn items(&self) -> Vec<Item<'_>> {
                let $o = self;
                $items
            })?
            $(fn failures(&self) -> &[cloudphone::batch::ItemFailure] {
                &self.$f
            })?
            $(fn call_record(&self) -> Option<CallRecord> {
                items_record::<_, $x>(self)
            })?
        }
    };
}

pub(crate) use envelope_summary;

fn ids<'a, T: 'a>(items: &'a [T], id: impl Fn(&'a T) -> &'a str) -> Vec<Item<'a>> {
    items.iter().map(|t| Item::id(id(t))).collect()
}

fn install_status(s: InstallStatus) -> &'static str {
    match s {
        InstallStatus::Installing => "installing",
        InstallStatus::Installed => "installed",
        InstallStatus::InstallFailed => "install_failed",
        InstallStatus::Uninstalling => "uninstalling",
        InstallStatus::Uninstalled => "uninstalled",
        InstallStatus::UninstallFailed => "uninstall_failed",
        _ => "unknown",
    }
}

envelope_summary!(
    geelark::PhoneList,
    items = |o| o
        .phones
        .iter()
        .map(|p| Item::id(&p.id).status(p.status.as_str()))
        .collect(),
    total = total
);
envelope_summary!(
    StartReport,
    items = |o| ids(&o.started, |p| &p.id),
    failures = failures,
    batch = geelark::StartedPhone
);
envelope_summary!(
    LifecycleReport,
    items = |o| o
        .succeeded
        .iter()
        .map(|p| {
            let item = Item::id(&p.id);
            match p.status {
                Some(s) => item.status(s.as_str()),
                None => item,
            }
        })
        .collect(),
    failures = failures,
    batch = geelark::PhoneAck
);
envelope_summary!(
    UpdateReport,
    items = |o| ids(&o.tags_applied, |t| &t.id),
    failures = tag_failures,
    batch = geelark::ItemId
);
envelope_summary!(
    CreateReport,
    items = |o| ids(&o.created, |p| &p.id),
    failures = failures
);
envelope_summary!(ScreenshotTask);
envelope_summary!(ScreenshotResult);
envelope_summary!(
    GpsSetReport,
    items = |o| ids(&o.succeeded, |t| &t.id),
    failures = failures,
    batch = geelark::ItemId
);
envelope_summary!(
    GpsReport,
    items = |o| ids(&o.positions, |p| &p.id),
    failures = failures,
    batch = geelark::GpsPosition
);
envelope_summary!(
    AdbSwitchReport,
    items = |o| ids(&o.accepted, |t| &t.id),
    failures = failures,
    batch = geelark::ItemId
);
envelope_summary!(
    AdbReport,
    items = |o| ids(&o.connections, |c| &c.id),
    failures = failures,
    batch = geelark::AdbConnection
);
envelope_summary!(
    AppList,
    items = |o| o
        .apps
        .iter()
        .map(|a| {
            let item = Item::id(a.package_name.as_deref().unwrap_or_default());
            match a.install_status {
                Some(s) => item.status(install_status(s)),
                None => item,
            }
        })
        .collect(),
    total = total
);
envelope_summary!(Accepted);

// ---------------------------------------------------------------- options

#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ListOptions {
    ids: Option<Vec<String>>,
    serial_name: Option<String>,
    remark: Option<String>,
    group_name: Option<String>,
    tags: Option<Vec<String>>,
    charge_mode: Option<i64>,
    open_status: Option<bool>,
    proxy_ids: Option<Vec<String>>,
    serial_nos: Option<Vec<String>>,
}

#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct StartOptions {
    width: Option<u16>,
    center: Option<bool>,
    energy_saving: Option<bool>,
}

#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct UpdateFields {
    name: Option<String>,
    remark: Option<String>,
    group_id: Option<String>,
    tag_ids: Option<Vec<String>>,
    proxy_id: Option<String>,
    phone_number: Option<String>,
    proxy_config: Option<ProxyFields>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProxyFields {
    #[serde(rename = "type")]
    scheme: Option<String>,
    dynamic_type_id: Option<u32>,
    protocol: Option<String>,
    server: Option<String>,
    port: Option<u16>,
    username: Option<String>,
    password: Option<String>,
    country: Option<String>,
    region: Option<String>,
    city: Option<String>,
}

fn scheme(s: &str) -> FfiResult<ProxyScheme> {
    match s.to_ascii_lowercase().as_str() {
        "socks5" => Ok(ProxyScheme::Socks5),
        "http" => Ok(ProxyScheme::Http),
        "https" => Ok(ProxyScheme::Https),
        _ => Err(invalid("proxy_config.type", "must be socks5, http or https").into()),
    }
}

impl ProxyFields {
    fn into_config(self) -> FfiResult<ProxyConfig> {
        let unset = |s: Option<String>| s.unwrap_or_default();
        match (self.dynamic_type_id, self.scheme) {
            (Some(type_id), None) => {
                let mut p = ProxyConfig::dynamic(type_id);
                if let Some(proto) = &self.protocol {
                    p = p.protocol(scheme(proto)?)?;
                }
                if let Some(server) = self.server {
                    let port = self.port.ok_or_else(|| {
                        invalid("proxy_config.port", "is required with a gateway server")
                    })?;
                    p = p.gateway(server, port, unset(self.username), unset(self.password));
                }
                Ok(p.location(unset(self.country), unset(self.region), unset(self.city)))
            }
            (None, Some(kind)) => {
                if self.protocol.is_some() || self.country.is_some() {
                    return Err(invalid(
                        "proxy_config",
                        "protocol and location apply to dynamic proxies only",
                    )
                    .into());
                }
                let port = self
                    .port
                    .ok_or_else(|| invalid("proxy_config.port", "is required"))?;
                Ok(ProxyConfig::fixed(
                    scheme(&kind)?,
                    unset(self.server),
                    port,
                    unset(self.username),
                    unset(self.password),
                )?)
            }
            _ => Err(invalid(
                "proxy_config",
                "give either `type` (a fixed proxy) or `dynamic_type_id`",
            )
            .into()),
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProfileFields {
    profile_name: String,
    proxy_url: Option<String>,
    proxy_number: Option<u64>,
    dynamic_proxy: Option<String>,
    dynamic_proxy_location: Option<String>,
    refresh_url: Option<String>,
    region: Option<String>,
    province: Option<String>,
    city: Option<String>,
    language: Option<String>,
    group: Option<String>,
    tags: Option<Vec<String>>,
    note: Option<String>,
    surface_brand: Option<String>,
    surface_model: Option<String>,
    net_type: Option<i64>,
    phone_number: Option<String>,
    phone_name: Option<String>,
}

impl ProfileFields {
    fn into_profile(self) -> FfiResult<NewPhone> {
        let name = self.profile_name;
        let mut p = match (self.proxy_url, self.proxy_number, self.dynamic_proxy) {
            (Some(url), None, None) => NewPhone::with_proxy_url(name, url)?,
            (None, Some(n), None) => NewPhone::with_saved_proxy(name, n)?,
            (None, None, Some(provider)) => NewPhone::with_dynamic_proxy(
                name,
                provider,
                self.dynamic_proxy_location.unwrap_or_default(),
            )?,
            _ => {
                return Err(invalid(
                    "profiles_json",
                    "each profile needs exactly one of proxy_url, proxy_number, dynamic_proxy",
                )
                .into());
            }
        };
        if let Some(url) = self.refresh_url {
            p = p.refresh_url(url);
        }
        match self.region {
            Some(r) => p = p.region(r, self.province, self.city),
            None if self.province.is_some() || self.city.is_some() => {
                return Err(invalid("profiles_json", "province and city need a region").into());
            }
            None => {}
        }
        if let Some(v) = self.language {
            p = p.language(v);
        }
        if let Some(v) = self.group {
            p = p.group(v);
        }
        if let Some(v) = self.tags {
            p = p.tags(v);
        }
        if let Some(v) = self.note {
            p = p.note(v);
        }
        match (self.surface_brand, self.surface_model) {
            (Some(b), Some(m)) => p = p.surface(b, m),
            (None, None) => {}
            _ => {
                return Err(invalid(
                    "profiles_json",
                    "surface_brand and surface_model go together",
                )
                .into());
            }
        }
        if let Some(v) = self.net_type {
            p = p.net_type(geelark::NetType::from_code(v));
        }
        if let Some(v) = self.phone_number {
            p = p.phone_number(v);
        }
        if let Some(v) = self.phone_name {
            p = p.phone_name(v);
        }
        Ok(p)
    }
}

#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct CreateOptions {
    charge_mode: Option<i64>,
    region: Option<String>,
}

// ---------------------------------------------------------------- phones

/// Builds a phone-list request (`POST /open/v1/phone/list`).
///
/// - `page` (from 1), `page_size` (1 to 100).
/// - `options_json`: NULL, or filters: `{"ids": [...], "serial_name": "...",
///   "remark": "...", "group_name": "...", "tags": [...], "charge_mode": 0,
///   "open_status": true, "proxy_ids": [...], "serial_nos": [...]}`. With
///   `ids`, GeeLark answers every listed phone on one page.
/// - `now_unix_ms`, `trace_id`: as for `cloudphone_geelark_get_phone_status_build`.
///
/// A listing: page on with `cloudphone_request_next`.
///
/// Result (`cloudphone_request_parse`): Items: the phones (id, neutral
/// status); total: `total`; e.g. `/records/0/serial_name`.
///
/// Pointers: `config` required; `options_json` optional (NULL = none);
/// `trace_id` required; `request_out` required; `err_out` optional (NULL = no
/// error details).
///
/// # Safety
/// `config` is NULL or live; strings NULL or NUL-terminated; `request_out`
/// and `err_out` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_list_phones_build(
    config: *const cloudphone_geelark_config,
    page: u32,
    page_size: u32,
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
                OpFns::pager::<Gl, geelark::ListPhones>(),
                || {
                    let o: ListOptions = json_arg(options_json, "options_json")?;
                    let mut op = geelark::ListPhones::new().page(page, page_size)?;
                    if let Some(v) = o.ids {
                        op = op.ids(v)?;
                    }
                    if let Some(v) = o.serial_name {
                        op = op.serial_name(v);
                    }
                    if let Some(v) = o.remark {
                        op = op.remark(v);
                    }
                    if let Some(v) = o.group_name {
                        op = op.group_name(v);
                    }
                    if let Some(v) = o.tags {
                        op = op.tags(v)?;
                    }
                    if let Some(v) = o.charge_mode {
                        op = op.charge_mode(ChargeMode::from_code(v));
                    }
                    if let Some(v) = o.open_status {
                        op = op.open_status(v);
                    }
                    if let Some(v) = o.proxy_ids {
                        op = op.proxy_ids(v)?;
                    }
                    if let Some(v) = o.serial_nos {
                        op = op.serial_nos(v)?;
                    }
                    Ok(op)
                },
            )
        }
    })
}

/// Builds a start request (`POST /open/v1/phone/start`).
///
/// - `ids`, `ids_len`: 1 to `CLOUDPHONE_GEELARK_BATCH_MAX_IDS` phone ids.
/// - `options_json`: NULL, or `{"width": 360, "center": true,
///   "energy_saving": false}` (the remote-view window).
///
/// Result (`cloudphone_request_parse`): Items: the started phones (id),
/// remote-view URL in `/started/N/url` (a credential); failures per phone;
/// `cloudphone_result_code` 40006/40009 for partial/total failure.
///
/// Pointers: `config` required; `ids` required unless its length is 0 ((NULL,
/// 0) = empty); `options_json` optional (NULL = none); `trace_id` required;
/// `request_out` required; `err_out` optional (NULL = no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`; `ids` is `(NULL, 0)` or
/// `ids_len` NUL-terminated strings.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_start_phones_build(
    config: *const cloudphone_geelark_config,
    ids: *const *const c_char,
    ids_len: usize,
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
                OpFns::provider::<Gl, StartPhones>(),
                || {
                    let o: StartOptions = json_arg(options_json, "options_json")?;
                    let mut op = StartPhones::new(arg_str_array(ids, ids_len, "ids")?)?;
                    if let Some(v) = o.width {
                        op = op.width(v)?;
                    }
                    if let Some(v) = o.center {
                        op = op.center(v);
                    }
                    if let Some(v) = o.energy_saving {
                        op = op.energy_saving(v);
                    }
                    Ok(op)
                },
            )
        }
    })
}

/// Builds a stop request (`POST /open/v1/phone/stop`) for 1 to
/// `CLOUDPHONE_GEELARK_BATCH_MAX_IDS` phone ids.
///
/// Result (`cloudphone_request_parse`): Items: the phones stopped (id, status
/// when listed) — inferred from the amounts when GeeLark names only failures;
/// failures per phone.
///
/// Pointers: `config` required; `ids` required unless its length is 0 ((NULL,
/// 0) = empty); `trace_id` required; `request_out` required; `err_out`
/// optional (NULL = no error details).
///
/// # Safety
/// As `cloudphone_geelark_start_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_stop_phones_build(
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
                OpFns::provider::<Gl, StopPhones>(),
                || Ok(StopPhones::new(arg_str_array(ids, ids_len, "ids")?)?),
            )
        }
    })
}

/// Builds a delete request (`POST /open/v1/phone/delete`) for 1 to
/// `CLOUDPHONE_GEELARK_BATCH_MAX_IDS` phone ids.
///
/// Result (`cloudphone_request_parse`): Items and failures as for
/// `cloudphone_geelark_stop_phones_build`.
///
/// Pointers: `config` required; `ids` required unless its length is 0 ((NULL,
/// 0) = empty); `trace_id` required; `request_out` required; `err_out`
/// optional (NULL = no error details).
///
/// # Safety
/// As `cloudphone_geelark_start_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_delete_phones_build(
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
                OpFns::provider::<Gl, DeletePhones>(),
                || Ok(DeletePhones::new(arg_str_array(ids, ids_len, "ids")?)?),
            )
        }
    })
}

/// Builds an update of one phone (`POST /open/v1/phone/detail/update`).
///
/// - `id`: the phone id.
/// - `options_json`: what to change, at least one of: `{"name": "...",
///   "remark": "...", "group_id": "...", "tag_ids": [...], "proxy_id":
///   "...", "phone_number": "...", "proxy_config": {...}}`, where
///   `proxy_config` is a fixed proxy `{"type": "socks5"|"http"|"https",
///   "server": "...", "port": 1080, "username": "...", "password": "..."}`
///   or a dynamic one `{"dynamic_type_id": 1, "protocol": "socks5"|"http",
///   "server": ..., "port": ..., "username": ..., "password": ...,
///   "country": ..., "region": ..., "city": ...}` (all but the id optional).
///
/// Result (`cloudphone_request_parse`): Items: the tag ids applied; failures:
/// the tag ids that do not exist.
///
/// Pointers: `config` required; `id` required; `options_json` optional (NULL =
/// none); `trace_id` required; `request_out` required; `err_out` optional
/// (NULL = no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_update_phone_build(
    config: *const cloudphone_geelark_config,
    id: *const c_char,
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
                OpFns::provider::<Gl, UpdatePhone>(),
                || {
                    let f: UpdateFields = json_arg(options_json, "options_json")?;
                    let mut op = UpdatePhone::new(arg_str(id, "id")?)?;
                    if let Some(v) = f.name {
                        op = op.name(v)?;
                    }
                    if let Some(v) = f.remark {
                        op = op.remark(v)?;
                    }
                    if let Some(v) = f.group_id {
                        op = op.group_id(v)?;
                    }
                    if let Some(v) = f.tag_ids {
                        op = op.tag_ids(v)?;
                    }
                    if let Some(v) = f.proxy_id {
                        op = op.proxy_id(v)?;
                    }
                    if let Some(v) = f.phone_number {
                        op = op.phone_number(v)?;
                    }
                    if let Some(v) = f.proxy_config {
                        op = op.proxy_config(v.into_config()?);
                    }
                    Ok(op)
                },
            )
        }
    })
}

/// Builds a create request (`POST /open/v1/phone/addNew`).
///
/// - `mobile_type`: the Android version, e.g. `"Android 12"`.
/// - `profiles_json`: a JSON array of 1 to
///   `CLOUDPHONE_GEELARK_CREATE_PHONES_MAX_PROFILES` profiles with distinct
///   `profile_name`s (the answer is keyed by them), each with exactly one of
///   `proxy_url`, `proxy_number`, `dynamic_proxy` (+
///   `dynamic_proxy_location`), and optionally `refresh_url`, `region`,
///   `province`, `city`, `language`, `group`, `tags` (array), `note`,
///   `surface_brand` + `surface_model`, `net_type` (0 Wi-Fi, 1 mobile),
///   `phone_number`, `phone_name`.
/// - `options_json`: NULL, or `{"charge_mode": 0, "region": "..."}`.
///
/// Result (`cloudphone_request_parse`): Items: the new phones (their ids;
/// `/created/N/profile_name` names the profile); failures are keyed by
/// profile name.
///
/// Pointers: `config` required; `mobile_type` required; `profiles_json`
/// optional (NULL = none); `options_json` optional (NULL = none); `trace_id`
/// required; `request_out` required; `err_out` optional (NULL = no error
/// details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_create_phones_build(
    config: *const cloudphone_geelark_config,
    mobile_type: *const c_char,
    profiles_json: *const c_char,
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
                OpFns::provider::<Gl, CreatePhones>(),
                || {
                    let mobile_type = arg_str(mobile_type, "mobile_type")?;
                    arg_str(profiles_json, "profiles_json")?;
                    let profiles: Vec<ProfileFields> = json_arg(profiles_json, "profiles_json")?;
                    let o: CreateOptions = json_arg(options_json, "options_json")?;
                    let profiles = profiles
                        .into_iter()
                        .map(ProfileFields::into_profile)
                        .collect::<FfiResult<Vec<_>>>()?;
                    let mut op = CreatePhones::new(mobile_type, profiles)?;
                    if let Some(v) = o.charge_mode {
                        op = op.charge_mode(ChargeMode::from_code(v));
                    }
                    if let Some(v) = o.region {
                        op = op.region(v)?;
                    }
                    Ok(op)
                },
            )
        }
    })
}

// ---------------------------------------------------------------- screenshots

/// Builds a screenshot request (`POST /open/v1/phone/screenShot`) for one
/// running phone; the answer's task id (`/task_id`) is polled with
/// `cloudphone_geelark_get_screenshot_result_build`.
///
/// Result (`cloudphone_request_parse`): No items; the task id is
/// `cloudphone_result_field(result, "/task_id")`.
///
/// Pointers: `config` required; `id` required; `trace_id` required;
/// `request_out` required; `err_out` optional (NULL = no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_take_screenshot_build(
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
                OpFns::provider::<Gl, TakeScreenshot>(),
                || Ok(TakeScreenshot::new(arg_str(id, "id")?)?),
            )
        }
    })
}

/// Builds a screenshot-result request (`POST /open/v1/phone/screenShot/result`)
/// for a task id.
///
/// Result (`cloudphone_request_parse`): No items; `/state` (`in_progress`,
/// `succeeded`, `failed`, `acquisition_failed`) and `/download_link` (a
/// credential) through `cloudphone_result_field`.
///
/// Pointers: `config` required; `task_id` required; `trace_id` required;
/// `request_out` required; `err_out` optional (NULL = no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_get_screenshot_result_build(
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
                OpFns::provider::<Gl, GetScreenshotResult>(),
                || Ok(GetScreenshotResult::new(arg_str(task_id, "task_id")?)?),
            )
        }
    })
}

// ---------------------------------------------------------------- GPS

/// Builds a GPS update (`POST /open/v1/phone/gps/set`) placing 1 to
/// `CLOUDPHONE_GEELARK_BATCH_MAX_IDS` phones (`positions`, `positions_len`;
/// a phone listed twice must have the same position).
///
/// Result (`cloudphone_request_parse`): Items: the phones placed (ids,
/// inferred from the amounts); failures per phone.
///
/// Pointers: `config` required; `positions` required unless its length is 0
/// ((NULL, 0) = empty); `trace_id` required; `request_out` required; `err_out`
/// optional (NULL = no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`; `positions` is `(NULL, 0)` or
/// `positions_len` positions whose ids are NULL or NUL-terminated.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_set_gps_build(
    config: *const cloudphone_geelark_config,
    positions: *const cloudphone_gps_position,
    positions_len: usize,
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
                OpFns::provider::<Gl, SetGps>(),
                || {
                    let list = arg_slice(positions, positions_len, "positions")?
                        .iter()
                        .map(|p| {
                            let id = arg_str(p.id, "positions[].id")?;
                            Ok(GpsPosition::new(id, p.latitude, p.longitude)?)
                        })
                        .collect::<FfiResult<Vec<_>>>()?;
                    Ok(SetGps::new(list)?)
                },
            )
        }
    })
}

/// Builds a GPS read (`POST /open/v1/phone/gps/get`) for 1 to
/// `CLOUDPHONE_GEELARK_BATCH_MAX_IDS` phone ids.
///
/// Result (`cloudphone_request_parse`): Items: the phones read (id),
/// coordinates in `/positions/N/latitude` and `/positions/N/longitude`;
/// failures per phone.
///
/// Pointers: `config` required; `ids` required unless its length is 0 ((NULL,
/// 0) = empty); `trace_id` required; `request_out` required; `err_out`
/// optional (NULL = no error details).
///
/// # Safety
/// As `cloudphone_geelark_start_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_get_gps_build(
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
                OpFns::provider::<Gl, GetGps>(),
                || Ok(GetGps::new(arg_str_array(ids, ids_len, "ids")?)?),
            )
        }
    })
}

// ---------------------------------------------------------------- ADB

/// Builds an ADB switch (`POST /open/v1/adb/setStatus`) turning ADB on
/// (`open` true) or off for 1 to `CLOUDPHONE_GEELARK_BATCH_MAX_IDS` running
/// phones. Accepted is not enabled: read the connection info (about 3 s
/// later) with `cloudphone_geelark_get_adb_data_build`.
///
/// Result (`cloudphone_request_parse`): Items: the phones whose switch was
/// accepted; failures per phone.
///
/// Pointers: `config` required; `ids` required unless its length is 0 ((NULL,
/// 0) = empty); `trace_id` required; `request_out` required; `err_out`
/// optional (NULL = no error details).
///
/// # Safety
/// As `cloudphone_geelark_start_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_set_adb_build(
    config: *const cloudphone_geelark_config,
    ids: *const *const c_char,
    ids_len: usize,
    open: bool,
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
                OpFns::provider::<Gl, SetAdb>(),
                || Ok(SetAdb::new(arg_str_array(ids, ids_len, "ids")?, open)?),
            )
        }
    })
}

/// Builds an ADB connection-info read (`POST /open/v1/adb/getData`) for 1
/// to `CLOUDPHONE_GEELARK_BATCH_MAX_IDS` phone ids.
///
/// Result (`cloudphone_request_parse`): Items: the phones ready for ADB (id);
/// `/connections/N/ip`, `/port` and `/pwd` (a credential); failures per
/// phone.
///
/// Pointers: `config` required; `ids` required unless its length is 0 ((NULL,
/// 0) = empty); `trace_id` required; `request_out` required; `err_out`
/// optional (NULL = no error details).
///
/// # Safety
/// As `cloudphone_geelark_start_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_get_adb_data_build(
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
                OpFns::provider::<Gl, GetAdbData>(),
                || Ok(GetAdbData::new(arg_str_array(ids, ids_len, "ids")?)?),
            )
        }
    })
}

// ---------------------------------------------------------------- apps

/// Builds an installed-apps list (`POST /open/v1/app/list`) of the phone
/// `env_id`: `page` from 1, `page_size` 1 to 100. Page on with
/// `cloudphone_request_next`.
///
/// Result (`cloudphone_request_parse`): Items: the apps (package name,
/// install status); total: `total`.
///
/// Pointers: `config` required; `env_id` required; `trace_id` required;
/// `request_out` required; `err_out` optional (NULL = no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_list_apps_build(
    config: *const cloudphone_geelark_config,
    env_id: *const c_char,
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
                OpFns::pager::<Gl, ListApps>(),
                || Ok(ListApps::new(arg_str(env_id, "env_id")?, page, page_size)?),
            )
        }
    })
}

/// Builds an app install (`POST /open/v1/app/install`) of `app_version_id`
/// on the phone `env_id` (asynchronous: poll the app list's status).
///
/// Result (`cloudphone_request_parse`): No items; the trace id and envelope
/// code.
///
/// Pointers: `config` required; `env_id` required; `app_version_id` required;
/// `trace_id` required; `request_out` required; `err_out` optional (NULL = no
/// error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_install_app_build(
    config: *const cloudphone_geelark_config,
    env_id: *const c_char,
    app_version_id: *const c_char,
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
                OpFns::provider::<Gl, InstallApp>(),
                || {
                    Ok(InstallApp::new(
                        arg_str(env_id, "env_id")?,
                        arg_str(app_version_id, "app_version_id")?,
                    )?)
                },
            )
        }
    })
}

/// Builds an app uninstall (`POST /open/v1/app/uninstall`) of
/// `package_name` from the phone `env_id`.
///
/// Result (`cloudphone_request_parse`): No items; the trace id and envelope
/// code.
///
/// Pointers: `config` required; `env_id` required; `package_name` required;
/// `trace_id` required; `request_out` required; `err_out` optional (NULL = no
/// error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_uninstall_app_build(
    config: *const cloudphone_geelark_config,
    env_id: *const c_char,
    package_name: *const c_char,
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
                OpFns::provider::<Gl, UninstallApp>(),
                || {
                    Ok(UninstallApp::new(
                        arg_str(env_id, "env_id")?,
                        arg_str(package_name, "package_name")?,
                    )?)
                },
            )
        }
    })
}
