//! C builds of Huawei's images, server flavors, bandwidths and server
//! operations (restart servers or encode servers, rename a server). Each
//! is parsed with `cloudphone_request_parse`, and each listing pages on
//! with `cloudphone_request_next`.

use std::ffi::c_char;

use serde::Deserialize;

use super::config::cloudphone_huawei_config;
use super::error::cloudphone_error;
use super::guard::{FfiResult, arg_opt_str, arg_str, arg_str_array, guard};
use super::huawei_fleet::Hw;
use super::options::{json_arg, json_required};
use super::request::{OpFns, build_into, cloudphone_request};
use super::result::{Item, Summary};
use super::types::cloudphone_status;
use cloudphone::error::invalid;
use cloudphone::huawei::bandwidth::{BandwidthList, ListBandwidths, ResizeBandwidth};
use cloudphone::huawei::catalog::{
    ListServerModelOfferings, ListServerModels, ServerModelList, ServerModelOfferingList,
};
use cloudphone::huawei::events::{
    Authorization, AuthorizeEvent, EventList, ListEvents, RescheduleEvent,
};
use cloudphone::huawei::images::{
    AddImageMember, DeleteImage, DeleteImageMember, ImageList, ImageMemberList, ImageType,
    ListImageMembers, ListImages, ListPhoneImages, PhoneImageList, UpdateImageMember,
};
use cloudphone::huawei::phone_data::{
    Backup, BackupPhones, ExpandDataVolumes, ObsObject, RestorePhones, SetTraffic, TrafficType,
};
use cloudphone::huawei::purchase::{
    ChangeServer, CreateServers, CreateSingleServers, ServerChange,
};
use cloudphone::huawei::server_admin::{ChangeServerModel, DeleteServers, Order, ServerDeletion};
use cloudphone::huawei::server_admin::{
    RenameServer, RestartEncodeServers, RestartServers, UpdateKeypair,
};
use cloudphone::huawei::sharing::{
    AttachFilesystem, DeleteShareApps, DeleteShareFiles, DetachFilesystem, ListShareApps,
    ListShareFiles, PushShareApps, PushShareFiles, ShareAppList,
};
use cloudphone::huawei::tags::{
    CreateTags, DeleteTags, ListProjectTags, ListServerTags, ListTaggedServers, ProjectTagList,
    Tag, TagList, TagValues, TaggedResourceList,
};

/// Servers one deletion takes.
pub const CLOUDPHONE_HUAWEI_DELETE_SERVERS_MAX_IDS: usize = 10;
const _: () = assert!(
    CLOUDPHONE_HUAWEI_DELETE_SERVERS_MAX_IDS == cloudphone::huawei::server_admin::MAX_DELETE_IDS
);

/// Phones one backup, restore, volume or traffic call takes.
pub const CLOUDPHONE_HUAWEI_PHONE_DATA_MAX_IDS: usize = 100;
const _: () =
    assert!(CLOUDPHONE_HUAWEI_PHONE_DATA_MAX_IDS == cloudphone::huawei::phone_data::MAX_IDS);

/// Tags one create or delete call takes.
pub const CLOUDPHONE_HUAWEI_MAX_TAGS: usize = 20;
const _: () = assert!(CLOUDPHONE_HUAWEI_MAX_TAGS == cloudphone::huawei::tags::MAX_TAGS);

/// Servers (or encode servers) one restart call takes.
pub const CLOUDPHONE_HUAWEI_SERVER_ADMIN_MAX_IDS: usize = 100;
const _: () =
    assert!(CLOUDPHONE_HUAWEI_SERVER_ADMIN_MAX_IDS == cloudphone::huawei::server_admin::MAX_IDS);

impl Summary for PhoneImageList {
    fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }
    fn items(&self) -> Vec<Item<'_>> {
        self.phone_images
            .iter()
            .map(|i| Item::id(&i.image_id))
            .collect()
    }
}

impl Summary for ImageList {
    fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }
    fn total(&self) -> Option<u64> {
        self.total
    }
    fn items(&self) -> Vec<Item<'_>> {
        self.image_infos
            .iter()
            .map(|i| Item::id(&i.image_id))
            .collect()
    }
}

impl Summary for ServerModelList {
    fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }
    fn items(&self) -> Vec<Item<'_>> {
        let models = self.server_models.iter();
        models.map(|m| Item::id(&m.server_model_name)).collect()
    }
}

impl Summary for BandwidthList {
    fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }
    fn items(&self) -> Vec<Item<'_>> {
        let all = self.band_widths.iter();
        all.map(|b| Item::id(&b.band_width_id)).collect()
    }
}

/// An image kind by its wire name.
fn image_type(name: &str) -> Result<ImageType, cloudphone::Error> {
    Ok(match name {
        "public" => ImageType::Public,
        "private" => ImageType::Private,
        "share" => ImageType::Share,
        "all" => ImageType::All,
        _ => {
            return Err(invalid(
                "image_type",
                "must be public, private, share or all",
            ));
        }
    })
}

#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct MarkerOptions {
    image_type: Option<String>,
    product_type: Option<i64>,
    limit: Option<u32>,
    marker: Option<String>,
}

/// Builds a phone-image listing (`GET /v1/{project_id}/cloud-phone/phone-images`):
/// the images a phone can be restarted or reset onto. A listing by marker:
/// page on with `cloudphone_request_next`.
///
/// - `options_json`: NULL, or `{"image_type": "public"|"private"|"share"|"all",
///   "limit": 1..500, "marker": "..."}`.
///
/// Result (`cloudphone_request_parse`): items: the images (id: `image_id`);
/// every field in `/phone_images/N/...`; the next marker in
/// `/page_info/next_marker`.
///
/// Pointers: `config` required; `options_json` optional (NULL = none);
/// `trace_id` optional (NULL = none); `request_out` required; `err_out`
/// optional (NULL = no error details).
///
/// # Safety
/// As `cloudphone_huawei_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_huawei_list_phone_images_build(
    config: *const cloudphone_huawei_config,
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
                OpFns::pager::<Hw, ListPhoneImages>(),
                || {
                    let o: MarkerOptions = json_arg(options_json, "options_json")?;
                    if o.product_type.is_some() {
                        return Err(invalid(
                            "options_json",
                            "product_type belongs to server models",
                        )
                        .into());
                    }
                    let mut op = ListPhoneImages::new();
                    if let Some(t) = &o.image_type {
                        op = op.image_type(image_type(t)?);
                    }
                    if let Some(l) = o.limit {
                        op = op.limit(l)?;
                    }
                    if let Some(m) = o.marker {
                        op = op.after(m)?;
                    }
                    Ok(op)
                },
            )
        }
    })
}

/// Builds a server-flavor listing (`GET /v1/{project_id}/cloud-phone/server-models`).
/// A listing by marker: page on with `cloudphone_request_next`.
///
/// - `options_json`: NULL, or `{"product_type": 0|1, "limit": 1..100,
///   "marker": "..."}`.
///
/// Result (`cloudphone_request_parse`): items: the flavors (id:
/// `server_model_name`); every field in `/server_models/N/...`.
///
/// Pointers: `config` required; `options_json` optional (NULL = none);
/// `trace_id` optional (NULL = none); `request_out` required; `err_out`
/// optional (NULL = no error details).
///
/// # Safety
/// As `cloudphone_huawei_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_huawei_list_server_models_build(
    config: *const cloudphone_huawei_config,
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
                OpFns::pager::<Hw, ListServerModels>(),
                || {
                    let o: MarkerOptions = json_arg(options_json, "options_json")?;
                    if o.image_type.is_some() {
                        return Err(invalid("options_json", "image_type belongs to images").into());
                    }
                    let mut op = ListServerModels::new();
                    if let Some(p) = o.product_type {
                        op = op.product_type(p)?;
                    }
                    if let Some(l) = o.limit {
                        op = op.limit(l)?;
                    }
                    if let Some(m) = o.marker {
                        op = op.after(m)?;
                    }
                    Ok(op)
                },
            )
        }
    })
}

#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ImageFilters {
    image_type: Option<String>,
    status: Option<i64>,
    image_id: Option<String>,
    image_name: Option<String>,
    create_since: Option<u64>,
    create_until: Option<u64>,
    src_project_id: Option<String>,
}

/// Builds a custom-image listing (`GET /v1/{project_id}/cloud-phone/images`).
/// A listing: page on with `cloudphone_request_next`.
///
/// - `offset`, `limit`: the page (limit 1 to 100).
/// - `options_json`: NULL, or `{"image_type": "private"|"share", "status":
///   0|1|2, "image_id": "...", "image_name": "...", "create_since": ms,
///   "create_until": ms, "src_project_id": "..."}`.
///
/// Result (`cloudphone_request_parse`): items: the images (id: `image_id`);
/// total: `total`; every field in `/image_infos/N/...`.
///
/// Pointers: `config` required; `options_json` optional (NULL = none);
/// `trace_id` optional (NULL = none); `request_out` required; `err_out`
/// optional (NULL = no error details).
///
/// # Safety
/// As `cloudphone_huawei_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_huawei_list_images_build(
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
                OpFns::pager::<Hw, ListImages>(),
                || {
                    let f: ImageFilters = json_arg(options_json, "options_json")?;
                    let mut op = ListImages::new().page(offset, limit)?;
                    if let Some(t) = &f.image_type {
                        op = op.image_type(image_type(t)?)?;
                    }
                    if let Some(s) = f.status {
                        op = op.status(s)?;
                    }
                    if let Some(v) = f.image_id {
                        op = op.image_id(v)?;
                    }
                    if let Some(v) = f.image_name {
                        op = op.image_name(v)?;
                    }
                    if let Some(v) = f.create_since {
                        op = op.create_since(v)?;
                    }
                    if let Some(v) = f.create_until {
                        op = op.create_until(v)?;
                    }
                    if let Some(v) = f.src_project_id {
                        op = op.src_project_id(v)?;
                    }
                    Ok(op)
                },
            )
        }
    })
}

/// Builds a bandwidth listing (`GET /v1/{project_id}/cloud-phone/bandwidths`).
/// A listing: page on with `cloudphone_request_next`.
///
/// - `offset`, `limit`: the page (limit 1 to 100).
///
/// Result (`cloudphone_request_parse`): items: the bandwidths (id:
/// `band_width_id`); every field in `/band_widths/N/...`.
///
/// Pointers: `config` required; `trace_id` optional (NULL = none);
/// `request_out` required; `err_out` optional (NULL = no error details).
///
/// # Safety
/// As `cloudphone_huawei_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_huawei_list_bandwidths_build(
    config: *const cloudphone_huawei_config,
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
                OpFns::pager::<Hw, ListBandwidths>(),
                || Ok(ListBandwidths::new().page(offset, limit)?),
            )
        }
    })
}

/// Builds a server restart (`POST /v1/{project_id}/cloud-phone/servers/batch-restart`):
/// every phone on the servers restarts; one job per server.
///
/// - `server_ids`, `server_ids_len`: 1 to
///   `CLOUDPHONE_HUAWEI_SERVER_ADMIN_MAX_IDS` ids (duplicates collapsed).
///
/// Result (`cloudphone_request_parse`): items: the servers whose job
/// started (id, job id); refused servers are failures.
///
/// Pointers: `config` required; `server_ids` required unless its length is 0
/// ((NULL, 0) = empty); `trace_id` optional (NULL = none); `request_out`
/// required; `err_out` optional (NULL = no error details).
///
/// # Safety
/// As `cloudphone_huawei_list_phones_build`; `server_ids` is `(NULL, 0)` or
/// `server_ids_len` NUL-terminated strings.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_huawei_restart_servers_build(
    config: *const cloudphone_huawei_config,
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
                OpFns::provider::<Hw, RestartServers>(),
                || {
                    Ok(RestartServers::new(arg_str_array(
                        server_ids,
                        server_ids_len,
                        "server_ids",
                    )?)?)
                },
            )
        }
    })
}

/// Builds an encode-server restart
/// (`POST /v1/{project_id}/cloud-phone/encode-servers/batch-restart`); one
/// job per encode server.
///
/// - `encode_server_ids`, `encode_server_ids_len`: 1 to
///   `CLOUDPHONE_HUAWEI_SERVER_ADMIN_MAX_IDS` ids (duplicates collapsed).
///
/// Result (`cloudphone_request_parse`): items: the encode servers whose job
/// started (id, job id); refused ones are failures.
///
/// Pointers: `config` required; `encode_server_ids` required unless its
/// length is 0 ((NULL, 0) = empty); `trace_id` optional (NULL = none);
/// `request_out` required; `err_out` optional (NULL = no error details).
///
/// # Safety
/// As `cloudphone_huawei_restart_servers_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_huawei_restart_encode_servers_build(
    config: *const cloudphone_huawei_config,
    encode_server_ids: *const *const c_char,
    encode_server_ids_len: usize,
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
                OpFns::provider::<Hw, RestartEncodeServers>(),
                || {
                    let ids = arg_str_array(
                        encode_server_ids,
                        encode_server_ids_len,
                        "encode_server_ids",
                    )?;
                    Ok(RestartEncodeServers::new(ids)?)
                },
            )
        }
    })
}

/// Builds a server rename (`PUT /v1/{project_id}/cloud-phone/servers/{server_id}`);
/// `server_name` is 1 to 60 characters from a-z, A-Z, 0-9, Chinese
/// characters, `-` and `_`.
///
/// Result (`cloudphone_request_parse`): no items; the request id. A 200
/// that carries an `error_code` is that error.
///
/// Pointers: `config` required; `server_id` required; `server_name`
/// required; `trace_id` optional (NULL = none); `request_out` required;
/// `err_out` optional (NULL = no error details).
///
/// # Safety
/// As `cloudphone_huawei_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_huawei_rename_server_build(
    config: *const cloudphone_huawei_config,
    server_id: *const c_char,
    server_name: *const c_char,
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
                OpFns::provider::<Hw, RenameServer>(),
                || {
                    Ok(RenameServer::new(
                        arg_str(server_id, "server_id")?,
                        arg_str(server_name, "server_name")?,
                    )?)
                },
            )
        }
    })
}

// ---------------------------------------------------------------- tags

impl Summary for TagList {
    /// The tag service's answers carry no request id in the body.
    fn request_id(&self) -> Option<&str> {
        None
    }
    fn items(&self) -> Vec<Item<'_>> {
        self.tags.iter().map(|t| Item::id(&t.key)).collect()
    }
}

impl Summary for ProjectTagList {
    /// The tag service's answers carry no request id in the body.
    fn request_id(&self) -> Option<&str> {
        None
    }
    fn total(&self) -> Option<u64> {
        self.total_count
    }
    fn items(&self) -> Vec<Item<'_>> {
        self.tags.iter().map(|t| Item::id(&t.key)).collect()
    }
}

impl Summary for TaggedResourceList {
    /// The tag service's answers carry no request id in the body.
    fn request_id(&self) -> Option<&str> {
        None
    }
    fn total(&self) -> Option<u64> {
        self.total_count
    }
    fn items(&self) -> Vec<Item<'_>> {
        let all = self.resources.iter();
        all.map(|r| Item::id(&r.resource_id)).collect()
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TagArg {
    key: String,
    #[serde(default)]
    value: String,
}

/// Reads `[{"key": "...", "value": "..."}, ...]`.
///
/// # Safety
/// `p` is NULL or NUL-terminated.
unsafe fn tags_arg(p: *const c_char) -> FfiResult<Vec<Tag>> {
    // SAFETY: per the function contract.
    let list: Vec<TagArg> = unsafe { json_required(p, "tags_json") }?;
    Ok(list
        .into_iter()
        .map(|t| Tag::new(t.key, t.value))
        .collect::<Result<_, _>>()?)
}

/// Builds a tag addition (`POST /v1/{project_id}/cph-server/{server_id}/tags/action`,
/// `create`): a key the server has already gets the new value.
///
/// - `tags_json`: `[{"key": "env", "value": "prod"}, ...]`, 1 to
///   `CLOUDPHONE_HUAWEI_MAX_TAGS` tags; keys 1 to 127 characters, values at
///   most 255, from letters, digits, spaces and `_ . : = + - @`; no key
///   starting with `_sys_`.
///
/// Result (`cloudphone_request_parse`): no items; the request id (the API
/// answers 204).
///
/// Pointers: `config` required; `server_id` required; `tags_json` required;
/// `trace_id` optional (NULL = none); `request_out` required; `err_out`
/// optional (NULL = no error details).
///
/// # Safety
/// As `cloudphone_huawei_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_huawei_create_tags_build(
    config: *const cloudphone_huawei_config,
    server_id: *const c_char,
    tags_json: *const c_char,
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
                OpFns::provider::<Hw, CreateTags>(),
                || {
                    Ok(CreateTags::new(
                        arg_str(server_id, "server_id")?,
                        tags_arg(tags_json)?,
                    )?)
                },
            )
        }
    })
}

/// Builds a tag removal (`POST /v1/{project_id}/cph-server/{server_id}/tags/action`,
/// `delete`); `tags_json` as for `cloudphone_huawei_create_tags_build`.
///
/// Result (`cloudphone_request_parse`): no items; the request id.
///
/// Pointers: `config` required; `server_id` required; `tags_json` required;
/// `trace_id` optional (NULL = none); `request_out` required; `err_out`
/// optional (NULL = no error details).
///
/// # Safety
/// As `cloudphone_huawei_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_huawei_delete_tags_build(
    config: *const cloudphone_huawei_config,
    server_id: *const c_char,
    tags_json: *const c_char,
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
                OpFns::provider::<Hw, DeleteTags>(),
                || {
                    Ok(DeleteTags::new(
                        arg_str(server_id, "server_id")?,
                        tags_arg(tags_json)?,
                    )?)
                },
            )
        }
    })
}

/// Builds a read of a server's tags (`GET /v1/{project_id}/cph-server/{server_id}/tags`).
///
/// Result (`cloudphone_request_parse`): items: the tags (id: the key); the
/// values in `/tags/N/value`.
///
/// Pointers: `config` required; `server_id` required; `trace_id` optional
/// (NULL = none); `request_out` required; `err_out` optional (NULL = no
/// error details).
///
/// # Safety
/// As `cloudphone_huawei_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_huawei_list_server_tags_build(
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
                OpFns::provider::<Hw, ListServerTags>(),
                || Ok(ListServerTags::new(arg_str(server_id, "server_id")?)?),
            )
        }
    })
}

/// Builds a listing of the project's tag keys with their values
/// (`GET /v1/{project_id}/cph-server/tags`). A listing: page on with
/// `cloudphone_request_next`.
///
/// - `offset`, `limit`: the page (limit 1 to 100).
///
/// Result (`cloudphone_request_parse`): items: the keys; total:
/// `total_count`; the values in `/tags/N/values`.
///
/// Pointers: `config` required; `trace_id` optional (NULL = none);
/// `request_out` required; `err_out` optional (NULL = no error details).
///
/// # Safety
/// As `cloudphone_huawei_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_huawei_list_project_tags_build(
    config: *const cloudphone_huawei_config,
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
                OpFns::pager::<Hw, ListProjectTags>(),
                || Ok(ListProjectTags::new().page(offset, limit)?),
            )
        }
    })
}

#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct SearchOptions {
    #[serde(default)]
    tags: Vec<SearchKey>,
    name: Option<String>,
    #[serde(default)]
    without_any_tag: bool,
    #[serde(default)]
    count: bool,
    offset: Option<u32>,
    limit: Option<u32>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SearchKey {
    key: String,
    #[serde(default)]
    values: Vec<String>,
}

/// Builds a search of servers by tag
/// (`POST /v1/{project_id}/cph-server/resource_instances/action`). A
/// listing: page on with `cloudphone_request_next`.
///
/// - `options_json`: NULL (every server), or `{"tags": [{"key": "env",
///   "values": ["prod", "test"]}, ...], "name": "exact name",
///   "without_any_tag": true, "count": true, "offset": 0, "limit": 1..1000}`
///   — keys ANDed, a key's values ORed (none: any value), at most 10 keys;
///   `count` asks for `total_count` only; `without_any_tag` takes no tags.
///
/// Result (`cloudphone_request_parse`): items: the servers (id:
/// `resource_id`); total: `total_count`; each server's tags in
/// `/resources/N/tags`.
///
/// Pointers: `config` required; `options_json` optional (NULL = none);
/// `trace_id` optional (NULL = none); `request_out` required; `err_out`
/// optional (NULL = no error details).
///
/// # Safety
/// As `cloudphone_huawei_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_huawei_list_tagged_servers_build(
    config: *const cloudphone_huawei_config,
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
                OpFns::pager::<Hw, ListTaggedServers>(),
                || {
                    let o: SearchOptions = json_arg(options_json, "options_json")?;
                    let mut op = if o.without_any_tag {
                        if !o.tags.is_empty() {
                            return Err(
                                invalid("options_json", "without_any_tag takes no tags").into()
                            );
                        }
                        ListTaggedServers::untagged()
                    } else {
                        let keys = o
                            .tags
                            .into_iter()
                            .map(|k| TagValues::new(k.key, k.values))
                            .collect::<Result<Vec<_>, _>>()?;
                        ListTaggedServers::with_tags(keys)?
                    };
                    if let Some(n) = o.name {
                        op = op.name(n)?;
                    }
                    if o.offset.is_some() || o.limit.is_some() {
                        op = op.page(o.offset.unwrap_or(0), o.limit.unwrap_or(1000))?;
                    }
                    Ok(if o.count { op.count_only() } else { op })
                },
            )
        }
    })
}

// ------------------------------------------------- images, offerings, events

impl Summary for ImageMemberList {
    fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }
    fn items(&self) -> Vec<Item<'_>> {
        self.members
            .iter()
            .map(|m| Item::id(&m.member_id))
            .collect()
    }
}

impl Summary for ServerModelOfferingList {
    fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }
    fn total(&self) -> Option<u64> {
        self.count
    }
    fn items(&self) -> Vec<Item<'_>> {
        self.models
            .iter()
            .map(|m| Item::id(&m.model_name))
            .collect()
    }
}

impl Summary for EventList {
    fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }
    fn total(&self) -> Option<u64> {
        self.count
    }
    fn items(&self) -> Vec<Item<'_>> {
        let all = self.scheduled_events.iter();
        all.map(|e| Item::id(&e.event_id)).collect()
    }
}

/// Builds a custom-image deletion (`DELETE /v1/{project_id}/cloud-phone/images/{image_id}`).
///
/// Result (`cloudphone_request_parse`): no items; the request id. A 200
/// that carries an `error_code` is that error.
///
/// Pointers: `config` required; `image_id` required; `trace_id` optional
/// (NULL = none); `request_out` required; `err_out` optional (NULL = no
/// error details).
///
/// # Safety
/// As `cloudphone_huawei_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_huawei_delete_image_build(
    config: *const cloudphone_huawei_config,
    image_id: *const c_char,
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
                OpFns::provider::<Hw, DeleteImage>(),
                || Ok(DeleteImage::new(arg_str(image_id, "image_id")?)?),
            )
        }
    })
}

/// Builds a share of a custom image with another project of the region
/// (`POST /v1/{project_id}/cloud-phone/images/{image_id}/members`; at most
/// 10 projects an image).
///
/// Result (`cloudphone_request_parse`): no items; the request id.
///
/// Pointers: `config` required; `image_id` required; `member` required;
/// `trace_id` optional (NULL = none); `request_out` required; `err_out`
/// optional (NULL = no error details).
///
/// # Safety
/// As `cloudphone_huawei_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_huawei_add_image_member_build(
    config: *const cloudphone_huawei_config,
    image_id: *const c_char,
    member: *const c_char,
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
                OpFns::provider::<Hw, AddImageMember>(),
                || {
                    Ok(AddImageMember::new(
                        arg_str(image_id, "image_id")?,
                        arg_str(member, "member")?,
                    )?)
                },
            )
        }
    })
}

/// Builds the end of a share
/// (`DELETE /v1/{project_id}/cloud-phone/images/{image_id}/members/{member_id}`).
///
/// Result (`cloudphone_request_parse`): no items; the request id.
///
/// Pointers: `config` required; `image_id` required; `member_id` required;
/// `trace_id` optional (NULL = none); `request_out` required; `err_out`
/// optional (NULL = no error details).
///
/// # Safety
/// As `cloudphone_huawei_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_huawei_delete_image_member_build(
    config: *const cloudphone_huawei_config,
    image_id: *const c_char,
    member_id: *const c_char,
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
                OpFns::provider::<Hw, DeleteImageMember>(),
                || {
                    Ok(DeleteImageMember::new(
                        arg_str(image_id, "image_id")?,
                        arg_str(member_id, "member_id")?,
                    )?)
                },
            )
        }
    })
}

/// Builds the answer to an image shared with this project
/// (`PUT /v1/{project_id}/cloud-phone/images/{image_id}/members`): `accept`
/// true accepts it (an image not accepted cannot be used), false rejects it.
///
/// Result (`cloudphone_request_parse`): no items; the request id.
///
/// Pointers: `config` required; `image_id` required; `trace_id` optional
/// (NULL = none); `request_out` required; `err_out` optional (NULL = no
/// error details).
///
/// # Safety
/// As `cloudphone_huawei_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_huawei_update_image_member_build(
    config: *const cloudphone_huawei_config,
    image_id: *const c_char,
    accept: bool,
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
                OpFns::provider::<Hw, UpdateImageMember>(),
                || {
                    Ok(UpdateImageMember::new(
                        arg_str(image_id, "image_id")?,
                        accept,
                    )?)
                },
            )
        }
    })
}

/// Builds a listing of the projects an image is shared with
/// (`GET /v1/{project_id}/cloud-phone/images/{image_id}/members`). A listing
/// by marker: page on with `cloudphone_request_next`.
///
/// - `limit`: 1 to 100.
///
/// Result (`cloudphone_request_parse`): items: the member projects.
///
/// Pointers: `config` required; `image_id` required; `trace_id` optional
/// (NULL = none); `request_out` required; `err_out` optional (NULL = no
/// error details).
///
/// # Safety
/// As `cloudphone_huawei_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_huawei_list_image_members_build(
    config: *const cloudphone_huawei_config,
    image_id: *const c_char,
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
                OpFns::pager::<Hw, ListImageMembers>(),
                || Ok(ListImageMembers::new(arg_str(image_id, "image_id")?)?.limit(limit)?),
            )
        }
    })
}

/// Builds a listing of where each server flavor is on sale
/// (`GET /v1/{project_id}/server-model-offerings`). A listing by marker:
/// page on with `cloudphone_request_next`.
///
/// - `limit`: 1 to 1000.
///
/// Result (`cloudphone_request_parse`): items: the offerings (id: the
/// flavor; one per zone); total: `count`; `/models/N/sell_status` is
/// `available` or `sellout`.
///
/// Pointers: `config` required; `trace_id` optional (NULL = none);
/// `request_out` required; `err_out` optional (NULL = no error details).
///
/// # Safety
/// As `cloudphone_huawei_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_huawei_list_server_model_offerings_build(
    config: *const cloudphone_huawei_config,
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
                OpFns::pager::<Hw, ListServerModelOfferings>(),
                || Ok(ListServerModelOfferings::new().limit(limit)?),
            )
        }
    })
}

/// Builds a bandwidth resize (`PUT /v1/{project_id}/cloud-phone/bandwidths/{band_width_id}`):
/// `mbit_per_s` by the documented steps (1 to 300 by 1, to 1000 by 50,
/// beyond by 500).
///
/// Result (`cloudphone_request_parse`): no items; the request id.
///
/// Pointers: `config` required; `band_width_id` required; `trace_id`
/// optional (NULL = none); `request_out` required; `err_out` optional (NULL
/// = no error details).
///
/// # Safety
/// As `cloudphone_huawei_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_huawei_resize_bandwidth_build(
    config: *const cloudphone_huawei_config,
    band_width_id: *const c_char,
    mbit_per_s: u32,
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
                OpFns::provider::<Hw, ResizeBandwidth>(),
                || {
                    Ok(ResizeBandwidth::new(
                        arg_str(band_width_id, "band_width_id")?,
                        mbit_per_s,
                    )?)
                },
            )
        }
    })
}

/// Builds a key-pair change (`PUT /v1/{project_id}/cloud-phone/servers/open-access`):
/// every server of `server_ids` gets `keypair_name`; one job per server.
///
/// - `server_ids`, `server_ids_len`: 1 to
///   `CLOUDPHONE_HUAWEI_SERVER_ADMIN_MAX_IDS` distinct ids.
///
/// Result (`cloudphone_request_parse`): items: the servers whose job
/// started (id, job id); refused ones are failures.
///
/// Pointers: `config` required; `server_ids` required unless its length is 0
/// ((NULL, 0) = empty); `keypair_name` required; `trace_id` optional (NULL =
/// none); `request_out` required; `err_out` optional (NULL = no error
/// details).
///
/// # Safety
/// As `cloudphone_huawei_restart_servers_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_huawei_update_keypair_build(
    config: *const cloudphone_huawei_config,
    server_ids: *const *const c_char,
    server_ids_len: usize,
    keypair_name: *const c_char,
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
                OpFns::provider::<Hw, UpdateKeypair>(),
                || {
                    let ids = arg_str_array(server_ids, server_ids_len, "server_ids")?;
                    let kp = arg_str(keypair_name, "keypair_name")?;
                    Ok(UpdateKeypair::new(ids.into_iter().map(|s| (s, kp)))?)
                },
            )
        }
    })
}

#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct EventFilters {
    event_id: Option<String>,
    server_id: Option<String>,
    publish_since: Option<String>,
    publish_until: Option<String>,
    #[serde(default)]
    state: Vec<String>,
    #[serde(default)]
    r#type: Vec<String>,
    limit: Option<u32>,
}

/// Builds a listing of scheduled (maintenance) events
/// (`GET /v1/{project_id}/cloud-phone/scheduled-events`). A listing by
/// marker: page on with `cloudphone_request_next`.
///
/// - `options_json`: NULL, or `{"event_id": "...", "server_id": "...",
///   "publish_since": "RFC 3339", "publish_until": "RFC 3339", "state":
///   ["inquiring", ...], "type": [...], "limit": 1..100}`.
///
/// Result (`cloudphone_request_parse`): items: the events; total: `count`;
/// every field in `/scheduled_events/N/...`.
///
/// Pointers: `config` required; `options_json` optional (NULL = none);
/// `trace_id` optional (NULL = none); `request_out` required; `err_out`
/// optional (NULL = no error details).
///
/// # Safety
/// As `cloudphone_huawei_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_huawei_list_events_build(
    config: *const cloudphone_huawei_config,
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
                OpFns::pager::<Hw, ListEvents>(),
                || {
                    let f: EventFilters = json_arg(options_json, "options_json")?;
                    let mut op = ListEvents::new();
                    if let Some(v) = f.event_id {
                        op = op.event_id(v)?;
                    }
                    if let Some(v) = f.server_id {
                        op = op.server_id(v)?;
                    }
                    if let Some(v) = f.publish_since {
                        op = op.published_since(v)?;
                    }
                    if let Some(v) = f.publish_until {
                        op = op.published_until(v)?;
                    }
                    for s in f.state {
                        op = op.state(s)?;
                    }
                    for t in f.r#type {
                        op = op.event_type(t)?;
                    }
                    if let Some(l) = f.limit {
                        op = op.limit(l)?;
                    }
                    Ok(op)
                },
            )
        }
    })
}

/// Builds the authorization of a scheduled event
/// (`POST /v1/{project_id}/cloud-phone/scheduled-events/{event_id}/authorize`):
/// `redeploy` false authorizes maintenance at `not_before` (RFC 3339, at
/// least five minutes after `now_unix_ms`; NULL = now), true a redeploy
/// (`not_before` NULL).
///
/// Result (`cloudphone_request_parse`): no items; the request id.
///
/// Pointers: `config` required; `event_id` required; `not_before` optional
/// (NULL = now); `trace_id` optional (NULL = none); `request_out` required;
/// `err_out` optional (NULL = no error details).
///
/// # Safety
/// As `cloudphone_huawei_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_huawei_authorize_event_build(
    config: *const cloudphone_huawei_config,
    event_id: *const c_char,
    redeploy: bool,
    not_before: *const c_char,
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
                OpFns::provider::<Hw, AuthorizeEvent>(),
                || {
                    let at = arg_opt_str(not_before, "not_before")?;
                    let how = if redeploy {
                        if at.is_some() {
                            return Err(invalid("not_before", "a redeploy takes no time").into());
                        }
                        Authorization::Redeploy
                    } else {
                        Authorization::Maintenance {
                            not_before: at.map(str::to_owned),
                        }
                    };
                    Ok(AuthorizeEvent::new(arg_str(event_id, "event_id")?, how)?)
                },
            )
        }
    })
}

/// Builds a new start for an authorized event
/// (`PUT /v1/{project_id}/cloud-phone/scheduled-events/{event_id}`):
/// `not_before` RFC 3339, at least five minutes after `now_unix_ms`.
///
/// Result (`cloudphone_request_parse`): no items; the request id.
///
/// Pointers: `config` required; `event_id` required; `not_before` required;
/// `trace_id` optional (NULL = none); `request_out` required; `err_out`
/// optional (NULL = no error details).
///
/// # Safety
/// As `cloudphone_huawei_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_huawei_reschedule_event_build(
    config: *const cloudphone_huawei_config,
    event_id: *const c_char,
    not_before: *const c_char,
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
                OpFns::provider::<Hw, RescheduleEvent>(),
                || {
                    Ok(RescheduleEvent::new(
                        arg_str(event_id, "event_id")?,
                        arg_str(not_before, "not_before")?,
                    )?)
                },
            )
        }
    })
}

// ------------------------------------------------- phone data and sharing

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ObsArg {
    bucket_name: String,
    object_path: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BackupArg {
    phone_id: String,
    include_files: Vec<String>,
    #[serde(default)]
    exclude_files: Vec<String>,
    bucket_name: String,
    object_path: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RestoreArg {
    phone_id: String,
    bucket_name: String,
    object_path: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SizeArg {
    phone_id: String,
    new_size: u32,
}

/// Builds a backup of phones' data to OBS
/// (`POST /v1/{project_id}/cloud-phone/phones/batch-storage`); one job per
/// phone. The project needs the CPH→OBS agency.
///
/// - `backups_json`: `[{"phone_id": "...", "include_files": ["/data/..."],
///   "exclude_files": [...], "bucket_name": "...", "object_path": "..."},
///   ...]`, 1 to `CLOUDPHONE_HUAWEI_PHONE_DATA_MAX_IDS` distinct phones;
///   paths absolute under /data or /cache, `*` only last.
///
/// Result (`cloudphone_request_parse`): items: the phones whose job
/// started; refused ones are failures.
///
/// Pointers: `config` required; `backups_json` required; `trace_id`
/// optional (NULL = none); `request_out` required; `err_out` optional (NULL
/// = no error details).
///
/// # Safety
/// As `cloudphone_huawei_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_huawei_backup_phones_build(
    config: *const cloudphone_huawei_config,
    backups_json: *const c_char,
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
                OpFns::provider::<Hw, BackupPhones>(),
                || {
                    let list: Vec<BackupArg> = json_required(backups_json, "backups_json")?;
                    let backups = list
                        .into_iter()
                        .map(|b| {
                            Backup::new(
                                b.phone_id,
                                b.include_files,
                                ObsObject::new(b.bucket_name, b.object_path)?,
                            )?
                            .exclude(b.exclude_files)
                        })
                        .collect::<Result<Vec<_>, _>>()?;
                    Ok(BackupPhones::new(backups)?)
                },
            )
        }
    })
}

/// Builds a restore of phones' data from OBS
/// (`POST /v1/{project_id}/cloud-phone/phones/batch-restore`); one job per
/// phone. Restore into the same or a newer Android, then restart the phone.
///
/// - `restores_json`: `[{"phone_id": "...", "bucket_name": "...",
///   "object_path": "..."}, ...]`, 1 to
///   `CLOUDPHONE_HUAWEI_PHONE_DATA_MAX_IDS` distinct phones.
///
/// Result (`cloudphone_request_parse`): as `cloudphone_huawei_backup_phones_build`.
///
/// Pointers: `config` required; `restores_json` required; `trace_id`
/// optional (NULL = none); `request_out` required; `err_out` optional (NULL
/// = no error details).
///
/// # Safety
/// As `cloudphone_huawei_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_huawei_restore_phones_build(
    config: *const cloudphone_huawei_config,
    restores_json: *const c_char,
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
                OpFns::provider::<Hw, RestorePhones>(),
                || {
                    let list: Vec<RestoreArg> = json_required(restores_json, "restores_json")?;
                    let pairs = list
                        .into_iter()
                        .map(|r| Ok((r.phone_id, ObsObject::new(r.bucket_name, r.object_path)?)))
                        .collect::<Result<Vec<_>, cloudphone::Error>>()?;
                    Ok(RestorePhones::new(pairs)?)
                },
            )
        }
    })
}

/// Builds a data-disk expansion (**billable**;
/// `POST /v1/{project_id}/cloud-phone/phones/expand-volume`); one job per
/// phone.
///
/// - `sizes_json`: `[{"phone_id": "...", "new_size": GiB}, ...]` (1 to
///   32768, not below the current size), 1 to
///   `CLOUDPHONE_HUAWEI_PHONE_DATA_MAX_IDS` distinct phones.
///
/// Result (`cloudphone_request_parse`): as `cloudphone_huawei_backup_phones_build`.
///
/// Pointers: `config` required; `sizes_json` required; `trace_id` optional
/// (NULL = none); `request_out` required; `err_out` optional (NULL = no
/// error details).
///
/// # Safety
/// As `cloudphone_huawei_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_huawei_expand_data_volumes_build(
    config: *const cloudphone_huawei_config,
    sizes_json: *const c_char,
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
                OpFns::provider::<Hw, ExpandDataVolumes>(),
                || {
                    let list: Vec<SizeArg> = json_required(sizes_json, "sizes_json")?;
                    Ok(ExpandDataVolumes::new(
                        list.into_iter().map(|s| (s.phone_id, s.new_size)),
                    )?)
                },
            )
        }
    })
}

/// Builds a traffic change (`POST /v1/{project_id}/cloud-phone/phones-traffic`):
/// `traffic_type` `"direct"` or `"routing"`; one job per phone.
///
/// - `phone_ids`, `phone_ids_len`: 1 to
///   `CLOUDPHONE_HUAWEI_PHONE_DATA_MAX_IDS` ids.
///
/// Result (`cloudphone_request_parse`): as `cloudphone_huawei_backup_phones_build`.
///
/// Pointers: `config` required; `traffic_type` required; `phone_ids`
/// required unless its length is 0 ((NULL, 0) = empty); `trace_id` optional
/// (NULL = none); `request_out` required; `err_out` optional (NULL = no
/// error details).
///
/// # Safety
/// As `cloudphone_huawei_restart_servers_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_huawei_set_traffic_build(
    config: *const cloudphone_huawei_config,
    traffic_type: *const c_char,
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
                OpFns::provider::<Hw, SetTraffic>(),
                || {
                    let t = match arg_str(traffic_type, "traffic_type")? {
                        "direct" => TrafficType::Direct,
                        "routing" => TrafficType::Routing,
                        _ => {
                            return Err(invalid("traffic_type", "must be direct or routing").into());
                        }
                    };
                    Ok(SetTraffic::new(
                        t,
                        arg_str_array(phone_ids, phone_ids_len, "phone_ids")?,
                    )?)
                },
            )
        }
    })
}

/// Builds a shared-app push (`POST /v1/{project_id}/cloud-phone/phones/share-apps`):
/// the tar `object_json` (`{"bucket_name": "...", "object_path": "..."}`)
/// of `package_name` to 1 to 20 servers; `preinstall` also installs it on
/// their phones. One job per server.
///
/// Result (`cloudphone_request_parse`): items: the servers whose job
/// started; refused ones are failures.
///
/// Pointers: `config` required; `package_name` required; `object_json`
/// required; `server_ids` required unless its length is 0 ((NULL, 0) =
/// empty); `trace_id` optional (NULL = none); `request_out` required;
/// `err_out` optional (NULL = no error details).
///
/// # Safety
/// As `cloudphone_huawei_restart_servers_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_huawei_push_share_apps_build(
    config: *const cloudphone_huawei_config,
    package_name: *const c_char,
    object_json: *const c_char,
    preinstall: bool,
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
                OpFns::provider::<Hw, PushShareApps>(),
                || {
                    let o: ObsArg = json_required(object_json, "object_json")?;
                    Ok(PushShareApps::new(
                        arg_str(package_name, "package_name")?,
                        ObsObject::new(o.bucket_name, o.object_path)?,
                        preinstall,
                        arg_str_array(server_ids, server_ids_len, "server_ids")?,
                    )?)
                },
            )
        }
    })
}

/// Builds a shared-app deletion (`DELETE /v1/{project_id}/cloud-phone/phones/share-apps`,
/// with a JSON body); one job per server.
///
/// Result (`cloudphone_request_parse`): as `cloudphone_huawei_push_share_apps_build`.
///
/// Pointers: `config` required; `package_name` required; `server_ids`
/// required unless its length is 0 ((NULL, 0) = empty); `trace_id` optional
/// (NULL = none); `request_out` required; `err_out` optional (NULL = no
/// error details).
///
/// # Safety
/// As `cloudphone_huawei_restart_servers_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_huawei_delete_share_apps_build(
    config: *const cloudphone_huawei_config,
    package_name: *const c_char,
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
                OpFns::provider::<Hw, DeleteShareApps>(),
                || {
                    Ok(DeleteShareApps::new(
                        arg_str(package_name, "package_name")?,
                        arg_str_array(server_ids, server_ids_len, "server_ids")?,
                    )?)
                },
            )
        }
    })
}

/// Builds a read of a server's shared-app snapshot (taken every two hours;
/// `GET /v1/{project_id}/servers/{server_id}/share-apps-snapshot`). A
/// listing by marker: page on with `cloudphone_request_next`.
///
/// - `limit`: 1 to 500.
///
/// Result (`cloudphone_request_parse`): items: the packages; versions in
/// `/share_apps/N/versions`; `/collect_time`.
///
/// Pointers: `config` required; `server_id` required; `trace_id` optional
/// (NULL = none); `request_out` required; `err_out` optional (NULL = no
/// error details).
///
/// # Safety
/// As `cloudphone_huawei_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_huawei_list_share_apps_build(
    config: *const cloudphone_huawei_config,
    server_id: *const c_char,
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
                OpFns::pager::<Hw, ListShareApps>(),
                || Ok(ListShareApps::new(arg_str(server_id, "server_id")?)?.limit(limit)?),
            )
        }
    })
}

/// Builds a push of files to servers' shared storage
/// (`POST /v1/{project_id}/cloud-phone/phones/share-files`): the tar
/// `object_json` (`{"bucket_name": "...", "object_path": "..."}`); one job
/// per server.
///
/// Result (`cloudphone_request_parse`): as `cloudphone_huawei_push_share_apps_build`.
///
/// Pointers: `config` required; `object_json` required; `server_ids`
/// required unless its length is 0 ((NULL, 0) = empty); `trace_id` optional
/// (NULL = none); `request_out` required; `err_out` optional (NULL = no
/// error details).
///
/// # Safety
/// As `cloudphone_huawei_restart_servers_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_huawei_push_share_files_build(
    config: *const cloudphone_huawei_config,
    object_json: *const c_char,
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
                OpFns::provider::<Hw, PushShareFiles>(),
                || {
                    let o: ObsArg = json_required(object_json, "object_json")?;
                    Ok(PushShareFiles::new(
                        ObsObject::new(o.bucket_name, o.object_path)?,
                        arg_str_array(server_ids, server_ids_len, "server_ids")?,
                    )?)
                },
            )
        }
    })
}

/// Builds a deletion of files from servers' shared storage (the same method
/// and path as the push: `POST .../cloud-phone/phones/share-files`).
///
/// - `file_paths`, `file_paths_len`: absolute paths (letters, digits,
///   `. / - _ =` and spaces, no `..`).
///
/// Result (`cloudphone_request_parse`): as `cloudphone_huawei_push_share_apps_build`.
///
/// Pointers: `config` required; `file_paths` required unless its length is
/// 0 ((NULL, 0) = empty); `server_ids` required unless its length is 0
/// ((NULL, 0) = empty); `trace_id` optional (NULL = none); `request_out`
/// required; `err_out` optional (NULL = no error details).
///
/// # Safety
/// As `cloudphone_huawei_restart_servers_build`; `file_paths` likewise.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_huawei_delete_share_files_build(
    config: *const cloudphone_huawei_config,
    file_paths: *const *const c_char,
    file_paths_len: usize,
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
                OpFns::provider::<Hw, DeleteShareFiles>(),
                || {
                    Ok(DeleteShareFiles::new(
                        arg_str_array(file_paths, file_paths_len, "file_paths")?,
                        arg_str_array(server_ids, server_ids_len, "server_ids")?,
                    )?)
                },
            )
        }
    })
}

/// Builds a listing of a directory of servers' shared storage
/// (`GET /v1/{project_id}/cloud-phone/servers/share-files`). The API answers
/// with one job per server, not a file list.
///
/// - `path`: absolute, not `/` alone; `offset`, `limit` (1 to 50).
///
/// Result (`cloudphone_request_parse`): items: the servers whose job
/// started (id, job id).
///
/// Pointers: `config` required; `path` required; `server_ids` required
/// unless its length is 0 ((NULL, 0) = empty); `trace_id` optional (NULL =
/// none); `request_out` required; `err_out` optional (NULL = no error
/// details).
///
/// # Safety
/// As `cloudphone_huawei_restart_servers_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_huawei_list_share_files_build(
    config: *const cloudphone_huawei_config,
    path: *const c_char,
    server_ids: *const *const c_char,
    server_ids_len: usize,
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
                OpFns::provider::<Hw, ListShareFiles>(),
                || {
                    Ok(ListShareFiles::new(
                        arg_str(path, "path")?,
                        arg_str_array(server_ids, server_ids_len, "server_ids")?,
                    )?
                    .page(offset, limit)?)
                },
            )
        }
    })
}

/// Builds the mount of an SFS Turbo file system on 1 to 20 servers
/// (`POST /v1/{project_id}/servers/attach-share-filesystem`); one job per
/// server.
///
/// - `path`: a sub-directory to mount, or NULL for the root.
///
/// Result (`cloudphone_request_parse`): as `cloudphone_huawei_push_share_apps_build`.
///
/// Pointers: `config` required; `filesystem_id` required; `path` optional
/// (NULL = the root); `server_ids` required unless its length is 0 ((NULL,
/// 0) = empty); `trace_id` optional (NULL = none); `request_out` required;
/// `err_out` optional (NULL = no error details).
///
/// # Safety
/// As `cloudphone_huawei_restart_servers_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_huawei_attach_filesystem_build(
    config: *const cloudphone_huawei_config,
    filesystem_id: *const c_char,
    path: *const c_char,
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
                OpFns::provider::<Hw, AttachFilesystem>(),
                || {
                    let op = AttachFilesystem::new(
                        arg_str(filesystem_id, "filesystem_id")?,
                        arg_str_array(server_ids, server_ids_len, "server_ids")?,
                    )?;
                    Ok(match arg_opt_str(path, "path")? {
                        Some(p) => op.path(p)?,
                        None => op,
                    })
                },
            )
        }
    })
}

/// Builds the unmount of an SFS Turbo file system from 1 to 20 servers
/// (`POST /v1/{project_id}/servers/detach-share-filesystem`); one job per
/// server.
///
/// Result (`cloudphone_request_parse`): as `cloudphone_huawei_push_share_apps_build`.
///
/// Pointers: `config` required; `filesystem_id` required; `server_ids`
/// required unless its length is 0 ((NULL, 0) = empty); `trace_id` optional
/// (NULL = none); `request_out` required; `err_out` optional (NULL = no
/// error details).
///
/// # Safety
/// As `cloudphone_huawei_restart_servers_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_huawei_detach_filesystem_build(
    config: *const cloudphone_huawei_config,
    filesystem_id: *const c_char,
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
                OpFns::provider::<Hw, DetachFilesystem>(),
                || {
                    Ok(DetachFilesystem::new(
                        arg_str(filesystem_id, "filesystem_id")?,
                        arg_str_array(server_ids, server_ids_len, "server_ids")?,
                    )?)
                },
            )
        }
    })
}

impl Summary for ShareAppList {
    fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }
    fn items(&self) -> Vec<Item<'_>> {
        self.share_apps
            .iter()
            .map(|a| Item::id(&a.package_name))
            .collect()
    }
}

impl Summary for ServerDeletion {
    fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }
}

impl Summary for Order {
    fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }
}

/// Builds the deletion of on-demand servers and their phones
/// (`DELETE /v2/{project_id}/cloud-phone/servers`, with a JSON body); one
/// job for the request.
///
/// - `server_ids`, `server_ids_len`: 1 to
///   `CLOUDPHONE_HUAWEI_DELETE_SERVERS_MAX_IDS` ids.
///
/// Result (`cloudphone_request_parse`): no items; the request id; the job
/// in `/job_id`.
///
/// Pointers: `config` required; `server_ids` required unless its length is 0
/// ((NULL, 0) = empty); `trace_id` optional (NULL = none); `request_out`
/// required; `err_out` optional (NULL = no error details).
///
/// # Safety
/// As `cloudphone_huawei_restart_servers_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_huawei_delete_servers_build(
    config: *const cloudphone_huawei_config,
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
                OpFns::provider::<Hw, DeleteServers>(),
                || {
                    Ok(DeleteServers::new(arg_str_array(
                        server_ids,
                        server_ids_len,
                        "server_ids",
                    )?)?)
                },
            )
        }
    })
}

/// Builds a change of a server's flavor (an order; `auto_pay` pays an
/// upgrade at once): `POST /v1/{project_id}/cloud-phone/servers/change-server-model`.
///
/// Result (`cloudphone_request_parse`): no items; the request id; the order
/// in `/order_id`, `/product_id`. A 200 that carries an `error_code` is that
/// error.
///
/// Pointers: `config` required; `server_id` required; `server_model_name`
/// required; `phone_model_name` required; `trace_id` optional (NULL =
/// none); `request_out` required; `err_out` optional (NULL = no error
/// details).
///
/// # Safety
/// As `cloudphone_huawei_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_huawei_change_server_model_build(
    config: *const cloudphone_huawei_config,
    server_id: *const c_char,
    server_model_name: *const c_char,
    phone_model_name: *const c_char,
    auto_pay: bool,
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
                OpFns::provider::<Hw, ChangeServerModel>(),
                || {
                    Ok(ChangeServerModel::new(
                        arg_str(server_id, "server_id")?,
                        arg_str(server_model_name, "server_model_name")?,
                        arg_str(phone_model_name, "phone_model_name")?,
                        auto_pay,
                    )?)
                },
            )
        }
    })
}

/// Builds a purchase of cloud phone servers with their phones (**billable**:
/// an order; `POST /v2/{project_id}/cloud-phone/servers`).
///
/// - `body_json`: the API's body as documented (the official SDK's
///   `CreateNet2CloudPhoneServerRequestBody`): `server_name`,
///   `server_model_name`, `phone_model_name`, `image_id`, `count` (1 to 10),
///   `tenant_vpc_id`, `nics`, `extend_param` (`charging_mode`,
///   `period_type`, `period_num`, ...) required; `keypair_name`, `ports`,
///   `public_ip`, `phone_count_per_ip`, `phone_data_volume`,
///   `server_share_data_volume`, `band_width`, `availability_zone`,
///   `property` optional. Every documented bound is checked and a field the
///   API does not document (a misspelling) is refused, naming it.
///
/// Result (`cloudphone_request_parse`): no items; the request id; the order
/// in `/order_id`, `/product_id` and the new servers in `/server_ids`. A
/// 200 that carries an `error_code` is that error.
///
/// Pointers: `config` required; `body_json` required; `trace_id` optional
/// (NULL = none); `request_out` required; `err_out` optional (NULL = no
/// error details).
///
/// # Safety
/// As `cloudphone_huawei_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_huawei_create_servers_build(
    config: *const cloudphone_huawei_config,
    body_json: *const c_char,
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
                OpFns::provider::<Hw, CreateServers>(),
                || Ok(CreateServers::from_json(arg_str(body_json, "body_json")?)?),
            )
        }
    })
}

/// Builds a purchase of bare cloud phone servers (**billable**; no phones;
/// `POST /v2.1/{project_id}/cloud-phone/servers`).
///
/// - `body_json`: the API's body as documented (the official SDK's
///   `CreateCloudPhoneSingleServerRequestBody`): `server_name`,
///   `server_model_name`, `count` (1 to 10), `nics`, `keypair_name`
///   required; `order_param`, `public_ip`, `availability_zone`,
///   `data_volume`, `enterprise_project_id`, `image_id` optional; unknown
///   fields are refused.
///
/// Result (`cloudphone_request_parse`): as
/// `cloudphone_huawei_create_servers_build`.
///
/// Pointers: `config` required; `body_json` required; `trace_id` optional
/// (NULL = none); `request_out` required; `err_out` optional (NULL = no
/// error details).
///
/// # Safety
/// As `cloudphone_huawei_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_huawei_create_single_servers_build(
    config: *const cloudphone_huawei_config,
    body_json: *const c_char,
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
                OpFns::provider::<Hw, CreateSingleServers>(),
                || {
                    Ok(CreateSingleServers::from_json(arg_str(
                        body_json,
                        "body_json",
                    )?)?)
                },
            )
        }
    })
}

impl Summary for ServerChange {
    fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }
}

/// Builds a move of a server to new hardware (**billable**; its phones are
/// re-created; `POST /v2/{project_id}/cloud-phone/servers/{server_id}/change`).
///
/// - `body_json`: the API's body as documented (the official SDK's
///   `ChangeCloudPhoneServerRequestBody`): `phone_model_name`, `image_id`,
///   `tenant_vpc_id`, `nics` required; `keypair_name`, `availability_zone`,
///   `ports`, `extend_param` (`enterprise_project_id`), `public_ip`,
///   `phone_count_per_ip`, `phone_data_volume`, `server_share_data_volume`,
///   `band_width`, `property` optional; unknown fields are refused.
///
/// Result (`cloudphone_request_parse`): no items; the request id; the job
/// in `/job_id` (follow it with `cloudphone_huawei_show_job_build`), the
/// server in `/server_id`. A 200 that carries an `error_code` is that
/// error.
///
/// Pointers: `config` required; `server_id` required; `body_json`
/// required; `trace_id` optional (NULL = none); `request_out` required;
/// `err_out` optional (NULL = no error details).
///
/// # Safety
/// As `cloudphone_huawei_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_huawei_change_server_build(
    config: *const cloudphone_huawei_config,
    server_id: *const c_char,
    body_json: *const c_char,
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
                OpFns::provider::<Hw, ChangeServer>(),
                || {
                    Ok(ChangeServer::from_json(
                        arg_str(server_id, "server_id")?,
                        arg_str(body_json, "body_json")?,
                    )?)
                },
            )
        }
    })
}
