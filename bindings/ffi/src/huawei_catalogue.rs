//! C builds of Huawei's images, server flavors, bandwidths and server
//! operations (restart servers or encode servers, rename a server). Each
//! is parsed with `cloudphone_request_parse`, and each listing pages on
//! with `cloudphone_request_next`.

use std::ffi::c_char;

use serde::Deserialize;

use super::config::cloudphone_huawei_config;
use super::error::cloudphone_error;
use super::guard::{FfiResult, arg_str, arg_str_array, guard};
use super::huawei_fleet::Hw;
use super::options::json_arg;
use super::request::{OpFns, build_into, cloudphone_request};
use super::result::{Item, Summary};
use super::types::cloudphone_status;
use cloudphone::error::invalid;
use cloudphone::huawei::bandwidth::{BandwidthList, ListBandwidths};
use cloudphone::huawei::catalog::{ListServerModels, ServerModelList};
use cloudphone::huawei::images::{
    ImageList, ImageType, ListImages, ListPhoneImages, PhoneImageList,
};
use cloudphone::huawei::server_admin::{RenameServer, RestartEncodeServers, RestartServers};
use cloudphone::huawei::tags::{
    CreateTags, DeleteTags, ListProjectTags, ListServerTags, ListTaggedServers, ProjectTagList,
    Tag, TagList, TagValues, TaggedResourceList,
};

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
    let text = unsafe { arg_str(p, "tags_json") }?;
    let list: Vec<TagArg> = serde_json::from_str(text).map_err(|e| {
        invalid(
            "tags_json",
            format!(
                "is not [{{\"key\": ..., \"value\": ...}}, ...]: {}",
                cloudphone::limits::shorten(e.to_string())
            ),
        )
    })?;
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
