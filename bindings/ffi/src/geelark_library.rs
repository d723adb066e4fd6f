//! GeeLark's material library, analytics, billing actions and team brands
//! in C: one `_build` each (typed C arguments; a JSON object where the
//! API takes an open set of filters), parsed by `cloudphone_request_parse`;
//! the lists page with `cloudphone_request_next`.

use std::ffi::c_char;

use super::config::cloudphone_geelark_config;
use super::error::cloudphone_error;
use super::geelark_fleet::envelope_summary;
use super::guard::{FfiResult, arg_opt_str, arg_str, arg_str_array, guard};
use super::options::{json_arg, json_required};
use super::request::{OpFns, build_into, cloudphone_request};
use super::result::{Item, Summary};
use super::types::cloudphone_status;
use cloudphone::Operation;
use cloudphone::error::invalid;
use cloudphone::geelark::account::{ListTeamBrands, TeamBrandList};
use cloudphone::geelark::analytics::{
    AddAnalyticsAccounts, AnalyticsAccountList, AnalyticsAddReport, AnalyticsDataList, Channel,
    CreateAnalyticsTag, DeleteAnalyticsAccount, DeleteAnalyticsTags, GetAnalyticsData,
    ListAnalyticsAccounts, ListAnalyticsTags, NewAnalyticsAccount, TagCreated,
    UpdateAnalyticsAccount, UpdateAnalyticsTag,
};
use cloudphone::geelark::billing::{
    BuyTimeAddOn, ListTransactions, PayChannel, RechargeOrder, RechargeWallet, RenewPlan,
    TransactionList, UpgradePlan,
};
use cloudphone::geelark::labels::TagColor;
use cloudphone::geelark::materials::{
    ColorTagList, CreateMaterial, CreateMaterialTag, DeleteMaterialTags, DeleteMaterials,
    GetMaterialUploadUrl, MaterialCreated, MaterialKind, MaterialList, MaterialSource,
    SearchMaterialTags, SearchMaterials, SetMaterialTags,
};

type Gl = cloudphone_geelark_config;

envelope_summary!(
    MaterialCreated,
    items = |o| o.id.iter().map(|id| Item::id(id)).collect(),
    failures = tag_failures
);
envelope_summary!(
    MaterialList,
    items = |o| o.materials.iter().map(|m| Item::id(&m.id)).collect(),
    total = total
);
envelope_summary!(
    ColorTagList,
    items = |o| o.tags.iter().map(|t| Item::id(&t.id)).collect(),
    total = total
);
envelope_summary!(
    AnalyticsAccountList,
    items = |o| o.accounts.iter().map(|a| Item::id(&a.id)).collect(),
    total = total
);
envelope_summary!(AnalyticsAddReport);
envelope_summary!(
    AnalyticsDataList,
    items = |o| o
        .records
        .iter()
        .filter_map(|r| r.id.as_deref())
        .map(Item::id)
        .collect(),
    total = total
);
envelope_summary!(TagCreated);
envelope_summary!(RechargeOrder);
envelope_summary!(
    TransactionList,
    items = |o| o.transactions.iter().map(|t| Item::id(&t.id)).collect(),
    total = total
);
envelope_summary!(TeamBrandList, total = total);

/// The body of every `_build` here: the guard, then [`build_into`].
///
/// # Safety
/// The pointers as the `_build` exports document them.
unsafe fn build<O>(
    config: *const Gl,
    now_unix_ms: u64,
    trace_id: *const c_char,
    request_out: *mut *mut cloudphone_request,
    err_out: *mut *mut cloudphone_error,
    fns: OpFns,
    make: impl FnOnce() -> FfiResult<O>,
) -> cloudphone_status
where
    O: Operation<Config = cloudphone::geelark::Config> + Send + Sync + 'static,
{
    guard(err_out, || {
        // SAFETY: per the function contract.
        unsafe { build_into(config, now_unix_ms, trace_id, request_out, fns, make) }
    })
}

fn color(code: u8) -> FfiResult<TagColor> {
    Ok(TagColor::from_code(code)?)
}

fn channel(code: i32) -> FfiResult<Channel> {
    Ok(Channel::from_code(i64::from(code))?)
}

/// `search_materials`' filters, as the API names them.
#[derive(serde::Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct MaterialFilter {
    #[serde(default)]
    file_name: Option<String>,
    #[serde(default)]
    tag_ids: Vec<String>,
    #[serde(default)]
    source: Option<u8>,
    #[serde(default)]
    file_type: Vec<u8>,
    #[serde(default)]
    ids: Vec<String>,
}

/// The analytics lists' filters, as the API names them.
#[derive(serde::Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct AnalyticsFilter {
    #[serde(default)]
    account: Option<String>,
    #[serde(default)]
    channel: Option<i32>,
    #[serde(default)]
    user_account: Option<String>,
    #[serde(default)]
    data_date: Option<u64>,
    #[serde(default)]
    created_id: Option<String>,
}

/// An account to add, as the API names it.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct AccountArg {
    account: String,
    #[serde(default)]
    remark: Option<String>,
}

/// An account's changes, as the API names them.
#[derive(serde::Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct AccountChanges {
    #[serde(default)]
    account: Option<String>,
    #[serde(default)]
    channel: Option<i32>,
    #[serde(default)]
    remark: Option<String>,
    #[serde(default)]
    tag_ids: Option<Vec<String>>,
}

/// Builds the request for a presigned URL to upload a library file
/// (`POST /open/v1/material/getUploadUrl`): `file_type` as for
/// `cloudphone_geelark_get_upload_url_build` (e.g. `"mp4"`). PUT the bytes
/// with `cloudphone_geelark_upload_file_build`, then make the material.
///
/// Result (`cloudphone_request_parse`): no items; `/upload_url` (a capability), `/resource_url`.
///
/// Pointers: `config` required; `file_type` required; `trace_id` required; `request_out` required; `err_out` optional (NULL =
/// no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_get_material_upload_url_build(
    config: *const cloudphone_geelark_config,
    file_type: *const c_char,
    now_unix_ms: u64,
    trace_id: *const c_char,
    request_out: *mut *mut cloudphone_request,
    err_out: *mut *mut cloudphone_error,
) -> cloudphone_status {
    // SAFETY: per the function contract.
    unsafe {
        build(
            config,
            now_unix_ms,
            trace_id,
            request_out,
            err_out,
            OpFns::provider::<Gl, GetMaterialUploadUrl>(),
            || Ok(GetMaterialUploadUrl::new(arg_str(file_type, "file_type")?)?),
        )
    }
}

/// Builds the making of a library material from an uploaded file
/// (`POST /open/v1/material/create`): `url` is the upload target's
/// `resource_url`; `tag_ids` (`tag_ids_len` of them, ≤ 100) label it;
/// `file_name` (≤ 200 characters) names it.
///
/// Result (`cloudphone_request_parse`): one item, the material's id; failures: the tags refused (43022).
///
/// Pointers: `config` required; `url` required; `tag_ids` optional (NULL with `tag_ids_len` 0 = none); `file_name` optional (NULL = the file's); `trace_id` required; `request_out` required; `err_out` optional (NULL =
/// no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_create_material_build(
    config: *const cloudphone_geelark_config,
    url: *const c_char,
    tag_ids: *const *const c_char,
    tag_ids_len: usize,
    file_name: *const c_char,
    now_unix_ms: u64,
    trace_id: *const c_char,
    request_out: *mut *mut cloudphone_request,
    err_out: *mut *mut cloudphone_error,
) -> cloudphone_status {
    // SAFETY: per the function contract.
    unsafe {
        build(
            config,
            now_unix_ms,
            trace_id,
            request_out,
            err_out,
            OpFns::provider::<Gl, CreateMaterial>(),
            || {
                let mut op = CreateMaterial::new(arg_str(url, "url")?)?.tags(arg_str_array(
                    tag_ids,
                    tag_ids_len,
                    "tag_ids",
                )?)?;
                if let Some(n) = arg_opt_str(file_name, "file_name")? {
                    op = op.file_name(n)?;
                }
                Ok(op)
            },
        )
    }
}

/// Builds the deletion of library materials (`POST /open/v1/material/del`):
/// `ids_len` (1 to 100) distinct ids.
///
/// Result (`cloudphone_request_parse`): one item per material deleted; failures per id (60005 not found).
///
/// Pointers: `config` required; `ids` required; `trace_id` required; `request_out` required; `err_out` optional (NULL =
/// no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_delete_materials_build(
    config: *const cloudphone_geelark_config,
    ids: *const *const c_char,
    ids_len: usize,
    now_unix_ms: u64,
    trace_id: *const c_char,
    request_out: *mut *mut cloudphone_request,
    err_out: *mut *mut cloudphone_error,
) -> cloudphone_status {
    // SAFETY: per the function contract.
    unsafe {
        build(
            config,
            now_unix_ms,
            trace_id,
            request_out,
            err_out,
            OpFns::provider::<Gl, DeleteMaterials>(),
            || Ok(DeleteMaterials::new(arg_str_array(ids, ids_len, "ids")?)?),
        )
    }
}

/// Builds a page of the material library (`POST /open/v1/material/search`):
/// page `page` (from 1) of `page_size` (1 to 200); `cloudphone_request_next`
/// pages on.
///
/// - `filter_json`: `{"fileName": "intro", "tagIds": ["…"], "source": 0,
///   "fileType": [1, 2], "ids": ["…"]}` (source 0 upload … 5 image-to-video;
///   fileType 1 image, 2 video); every field optional; unknown fields refused.
///
/// Result (`cloudphone_request_parse`): one item per material; the total; `/materials/<i>/file_url`, `/file_name`,
/// `/tags`.
///
/// Pointers: `config` required; `filter_json` optional (NULL = every material); `trace_id` required; `request_out` required; `err_out` optional (NULL =
/// no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_search_materials_build(
    config: *const cloudphone_geelark_config,
    page: u32,
    page_size: u32,
    filter_json: *const c_char,
    now_unix_ms: u64,
    trace_id: *const c_char,
    request_out: *mut *mut cloudphone_request,
    err_out: *mut *mut cloudphone_error,
) -> cloudphone_status {
    // SAFETY: per the function contract.
    unsafe {
        build(
            config,
            now_unix_ms,
            trace_id,
            request_out,
            err_out,
            OpFns::pager::<Gl, SearchMaterials>(),
            || {
                let f: MaterialFilter = json_arg(filter_json, "filter_json")?;
                let mut op = SearchMaterials::new()
                    .page(page, page_size)?
                    .tags(f.tag_ids)?
                    .ids(f.ids)?;
                if let Some(n) = f.file_name {
                    op = op.file_name(n)?;
                }
                if let Some(s) = f.source {
                    op = op.source(MaterialSource::from_code(i64::from(s))?);
                }
                let kinds = f
                    .file_type
                    .iter()
                    .map(|k| match k {
                        1 => Ok(MaterialKind::Image),
                        2 => Ok(MaterialKind::Video),
                        _ => Err(invalid("fileType", "1 image or 2 video")),
                    })
                    .collect::<Result<Vec<_>, _>>()?;
                Ok(op.kinds(&kinds))
            },
        )
    }
}

/// Builds the making of a material tag (`POST /open/v1/material/tag/create`):
/// `name` ≤ 30 characters (60002 when taken), `color_code` 0 white, 1 red,
/// 2 blue, 3 green, 4 yellow, 5 purple.
///
/// Result (`cloudphone_request_parse`): no items; `/id`.
///
/// Pointers: `config` required; `name` required; `trace_id` required; `request_out` required; `err_out` optional (NULL =
/// no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_create_material_tag_build(
    config: *const cloudphone_geelark_config,
    name: *const c_char,
    color_code: u8,
    now_unix_ms: u64,
    trace_id: *const c_char,
    request_out: *mut *mut cloudphone_request,
    err_out: *mut *mut cloudphone_error,
) -> cloudphone_status {
    // SAFETY: per the function contract.
    unsafe {
        build(
            config,
            now_unix_ms,
            trace_id,
            request_out,
            err_out,
            OpFns::provider::<Gl, CreateMaterialTag>(),
            || {
                Ok(CreateMaterialTag::new(
                    arg_str(name, "name")?,
                    color(color_code)?,
                )?)
            },
        )
    }
}

/// Builds the deletion of material tags (`POST /open/v1/material/tag/del`):
/// `ids_len` (1 to 100) distinct ids; the tags leave every material.
///
/// Result (`cloudphone_request_parse`): one item per tag deleted; failures per id (43022 not found).
///
/// Pointers: `config` required; `ids` required; `trace_id` required; `request_out` required; `err_out` optional (NULL =
/// no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_delete_material_tags_build(
    config: *const cloudphone_geelark_config,
    ids: *const *const c_char,
    ids_len: usize,
    now_unix_ms: u64,
    trace_id: *const c_char,
    request_out: *mut *mut cloudphone_request,
    err_out: *mut *mut cloudphone_error,
) -> cloudphone_status {
    // SAFETY: per the function contract.
    unsafe {
        build(
            config,
            now_unix_ms,
            trace_id,
            request_out,
            err_out,
            OpFns::provider::<Gl, DeleteMaterialTags>(),
            || {
                Ok(DeleteMaterialTags::new(arg_str_array(
                    ids, ids_len, "ids",
                )?)?)
            },
        )
    }
}

/// Builds a page of material tags (`POST /open/v1/material/tag/search`):
/// page `page` (from 1) of `page_size` (1 to 200), optionally only names
/// containing `name`; `cloudphone_request_next` pages on.
///
/// Result (`cloudphone_request_parse`): one item per tag; the total; `/tags/<i>/name`, `/color`.
///
/// Pointers: `config` required; `name` optional (NULL = every tag); `trace_id` required; `request_out` required; `err_out` optional (NULL =
/// no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_search_material_tags_build(
    config: *const cloudphone_geelark_config,
    page: u32,
    page_size: u32,
    name: *const c_char,
    now_unix_ms: u64,
    trace_id: *const c_char,
    request_out: *mut *mut cloudphone_request,
    err_out: *mut *mut cloudphone_error,
) -> cloudphone_status {
    // SAFETY: per the function contract.
    unsafe {
        build(
            config,
            now_unix_ms,
            trace_id,
            request_out,
            err_out,
            OpFns::pager::<Gl, SearchMaterialTags>(),
            || {
                let mut op = SearchMaterialTags::new().page(page, page_size)?;
                if let Some(n) = arg_opt_str(name, "name")? {
                    op = op.name(n)?;
                }
                Ok(op)
            },
        )
    }
}

/// Builds the replacement of materials' tags (`POST /open/v1/material/tag/set`):
/// the `material_ids_len` (1 to 100) materials end with exactly the
/// `tag_ids_len` (≤ 100) tags; none clears them.
///
/// Result (`cloudphone_request_parse`): one item per material tagged (none when a tag was refused); failures
/// (60005 material, 43022 tag).
///
/// Pointers: `config` required; `material_ids` required; `tag_ids` optional (NULL with `tag_ids_len` 0 = clear); `trace_id` required; `request_out` required; `err_out` optional (NULL =
/// no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_set_material_tags_build(
    config: *const cloudphone_geelark_config,
    material_ids: *const *const c_char,
    material_ids_len: usize,
    tag_ids: *const *const c_char,
    tag_ids_len: usize,
    now_unix_ms: u64,
    trace_id: *const c_char,
    request_out: *mut *mut cloudphone_request,
    err_out: *mut *mut cloudphone_error,
) -> cloudphone_status {
    // SAFETY: per the function contract.
    unsafe {
        build(
            config,
            now_unix_ms,
            trace_id,
            request_out,
            err_out,
            OpFns::provider::<Gl, SetMaterialTags>(),
            || {
                Ok(SetMaterialTags::new(
                    arg_str_array(material_ids, material_ids_len, "material_ids")?,
                    arg_str_array(tag_ids, tag_ids_len, "tag_ids")?,
                )?)
            },
        )
    }
}

/// Builds a page of watched analytics accounts
/// (`POST /open/v1/analytics/accounts/list`): page `page` (from 1) of
/// `page_size` (1 to 100); `cloudphone_request_next` pages on.
///
/// - `filter_json`: `{"account": "tk_acc", "channel": 0, "userAccount":
///   "ops@example.com"}` (channel 0 TikTok, 1 YouTube, 2 Instagram, 4 Reddit);
///   every field optional; unknown fields refused.
///
/// Result (`cloudphone_request_parse`): one item per account; the total; `/accounts/<i>/account`, `/channel`.
///
/// Pointers: `config` required; `filter_json` optional (NULL = every account); `trace_id` required; `request_out` required; `err_out` optional (NULL =
/// no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_list_analytics_accounts_build(
    config: *const cloudphone_geelark_config,
    page: u32,
    page_size: u32,
    filter_json: *const c_char,
    now_unix_ms: u64,
    trace_id: *const c_char,
    request_out: *mut *mut cloudphone_request,
    err_out: *mut *mut cloudphone_error,
) -> cloudphone_status {
    // SAFETY: per the function contract.
    unsafe {
        build(
            config,
            now_unix_ms,
            trace_id,
            request_out,
            err_out,
            OpFns::pager::<Gl, ListAnalyticsAccounts>(),
            || {
                let f: AnalyticsFilter = json_arg(filter_json, "filter_json")?;
                if f.data_date.is_some() || f.created_id.is_some() {
                    return Err(invalid(
                        "filter_json",
                        "dataDate and createdId filter the data, not the accounts",
                    )
                    .into());
                }
                let mut op = ListAnalyticsAccounts::new().page(page, page_size)?;
                if let Some(a) = f.account {
                    op = op.account(a)?;
                }
                if let Some(c) = f.channel {
                    op = op.channel(channel(c)?);
                }
                if let Some(u) = f.user_account {
                    op = op.added_by(u)?;
                }
                Ok(op)
            },
        )
    }
}

/// Builds the watching of accounts (`POST /open/v1/analytics/accounts/add`):
/// `channel_code` 0 TikTok, 1 YouTube, 2 Instagram or 4 Reddit;
/// `accounts_json` `[{"account": "acc1", "remark": "note"}, …]` (1 to 200
/// distinct accounts ≤ 64 characters; unknown fields refused).
///
/// Result (`cloudphone_request_parse`): no items; `/biz_code` (0 all added, 1 over the plan's limit, 2 partly),
/// `/success_count`, `/fail_count`, `/repeat_count`.
///
/// Pointers: `config` required; `accounts_json` required; `trace_id` required; `request_out` required; `err_out` optional (NULL =
/// no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_add_analytics_accounts_build(
    config: *const cloudphone_geelark_config,
    channel_code: i32,
    accounts_json: *const c_char,
    now_unix_ms: u64,
    trace_id: *const c_char,
    request_out: *mut *mut cloudphone_request,
    err_out: *mut *mut cloudphone_error,
) -> cloudphone_status {
    // SAFETY: per the function contract.
    unsafe {
        build(
            config,
            now_unix_ms,
            trace_id,
            request_out,
            err_out,
            OpFns::provider::<Gl, AddAnalyticsAccounts>(),
            || {
                let list: Vec<AccountArg> = json_required(accounts_json, "accounts_json")?;
                let accounts = list
                    .into_iter()
                    .map(|a| NewAnalyticsAccount::new(a.account, a.remark))
                    .collect::<cloudphone::Result<Vec<_>>>()?;
                Ok(AddAnalyticsAccounts::new(channel(channel_code)?, accounts)?)
            },
        )
    }
}

/// Builds the end of watching an account
/// (`POST /open/v1/analytics/accounts/delete`): `account` on `channel_code` (0 TikTok, 1 YouTube, 2 Instagram, 4 Reddit).
///
/// Result (`cloudphone_request_parse`): no items.
///
/// Pointers: `config` required; `account` required; `trace_id` required; `request_out` required; `err_out` optional (NULL =
/// no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_delete_analytics_account_build(
    config: *const cloudphone_geelark_config,
    channel_code: i32,
    account: *const c_char,
    now_unix_ms: u64,
    trace_id: *const c_char,
    request_out: *mut *mut cloudphone_request,
    err_out: *mut *mut cloudphone_error,
) -> cloudphone_status {
    // SAFETY: per the function contract.
    unsafe {
        build(
            config,
            now_unix_ms,
            trace_id,
            request_out,
            err_out,
            OpFns::provider::<Gl, DeleteAnalyticsAccount>(),
            || {
                Ok(DeleteAnalyticsAccount::new(
                    channel(channel_code)?,
                    arg_str(account, "account")?,
                )?)
            },
        )
    }
}

/// Builds a change to a watched account
/// (`POST /open/v1/analytics/accounts/update`): the account `id`, and
/// `changes_json` `{"account": "new", "channel": 1, "remark": "…",
/// "tagIds": ["…"]}` (at least one field; unknown fields refused).
///
/// Result (`cloudphone_request_parse`): no items.
///
/// Pointers: `config` required; `id` required; `changes_json` required; `trace_id` required; `request_out` required; `err_out` optional (NULL =
/// no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_update_analytics_account_build(
    config: *const cloudphone_geelark_config,
    id: *const c_char,
    changes_json: *const c_char,
    now_unix_ms: u64,
    trace_id: *const c_char,
    request_out: *mut *mut cloudphone_request,
    err_out: *mut *mut cloudphone_error,
) -> cloudphone_status {
    // SAFETY: per the function contract.
    unsafe {
        build(
            config,
            now_unix_ms,
            trace_id,
            request_out,
            err_out,
            OpFns::provider::<Gl, UpdateAnalyticsAccount>(),
            || {
                let c: AccountChanges = json_required(changes_json, "changes_json")?;
                if c.account.is_none()
                    && c.channel.is_none()
                    && c.remark.is_none()
                    && c.tag_ids.is_none()
                {
                    return Err(invalid("changes_json", "nothing to change").into());
                }
                let mut op = UpdateAnalyticsAccount::new(arg_str(id, "id")?)?;
                if let Some(a) = c.account {
                    op = op.account(a)?;
                }
                if let Some(ch) = c.channel {
                    op = op.channel(channel(ch)?);
                }
                if let Some(r) = c.remark {
                    op = op.remark(r)?;
                }
                if let Some(t) = c.tag_ids {
                    op = op.tags(t)?;
                }
                Ok(op)
            },
        )
    }
}

/// Builds a page of watched accounts' figures (`POST /open/v1/analytics/data`;
/// Pro plans, 43002 otherwise): page `page` (from 1) of `page_size` (1 to
/// 100); `cloudphone_request_next` pages on.
///
/// - `filter_json`: `{"account": "tk_acc", "channel": 0, "dataDate":
///   1764137986, "createdId": "…"}`; every field optional; unknown fields
///   refused.
///
/// Result (`cloudphone_request_parse`): one item per record; the total; `/records/<i>/play_count`,
/// `/follower_count`, … (−1: not collected yet).
///
/// Pointers: `config` required; `filter_json` optional (NULL = every account); `trace_id` required; `request_out` required; `err_out` optional (NULL =
/// no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_get_analytics_data_build(
    config: *const cloudphone_geelark_config,
    page: u32,
    page_size: u32,
    filter_json: *const c_char,
    now_unix_ms: u64,
    trace_id: *const c_char,
    request_out: *mut *mut cloudphone_request,
    err_out: *mut *mut cloudphone_error,
) -> cloudphone_status {
    // SAFETY: per the function contract.
    unsafe {
        build(
            config,
            now_unix_ms,
            trace_id,
            request_out,
            err_out,
            OpFns::pager::<Gl, GetAnalyticsData>(),
            || {
                let f: AnalyticsFilter = json_arg(filter_json, "filter_json")?;
                if f.user_account.is_some() {
                    return Err(invalid(
                        "filter_json",
                        "userAccount filters the accounts, not the data",
                    )
                    .into());
                }
                let mut op = GetAnalyticsData::new().page(page, page_size)?;
                if let Some(a) = f.account {
                    op = op.account(a)?;
                }
                if let Some(c) = f.channel {
                    op = op.channel(channel(c)?);
                }
                if let Some(d) = f.data_date {
                    op = op.date(d);
                }
                if let Some(u) = f.created_id {
                    op = op.added_by(u)?;
                }
                Ok(op)
            },
        )
    }
}

/// Builds a page of analytics tags (`POST /open/v1/analytics/tags/list`):
/// page `page` (from 1) of `page_size` (1 to 200), optionally only names
/// containing `name`; `cloudphone_request_next` pages on.
///
/// Result (`cloudphone_request_parse`): one item per tag; the total.
///
/// Pointers: `config` required; `name` optional (NULL = every tag); `trace_id` required; `request_out` required; `err_out` optional (NULL =
/// no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_list_analytics_tags_build(
    config: *const cloudphone_geelark_config,
    page: u32,
    page_size: u32,
    name: *const c_char,
    now_unix_ms: u64,
    trace_id: *const c_char,
    request_out: *mut *mut cloudphone_request,
    err_out: *mut *mut cloudphone_error,
) -> cloudphone_status {
    // SAFETY: per the function contract.
    unsafe {
        build(
            config,
            now_unix_ms,
            trace_id,
            request_out,
            err_out,
            OpFns::pager::<Gl, ListAnalyticsTags>(),
            || {
                let mut op = ListAnalyticsTags::new().page(page, page_size)?;
                if let Some(n) = arg_opt_str(name, "name")? {
                    op = op.name(n)?;
                }
                Ok(op)
            },
        )
    }
}

/// Builds the making of an analytics tag
/// (`POST /open/v1/analytics/tags/create`): `name` ≤ 100 characters, unique;
/// `color_code` 0 to 5 as for material tags.
///
/// Result (`cloudphone_request_parse`): no items; `/id` when the answer gives one.
///
/// Pointers: `config` required; `name` required; `trace_id` required; `request_out` required; `err_out` optional (NULL =
/// no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_create_analytics_tag_build(
    config: *const cloudphone_geelark_config,
    name: *const c_char,
    color_code: u8,
    now_unix_ms: u64,
    trace_id: *const c_char,
    request_out: *mut *mut cloudphone_request,
    err_out: *mut *mut cloudphone_error,
) -> cloudphone_status {
    // SAFETY: per the function contract.
    unsafe {
        build(
            config,
            now_unix_ms,
            trace_id,
            request_out,
            err_out,
            OpFns::provider::<Gl, CreateAnalyticsTag>(),
            || {
                Ok(CreateAnalyticsTag::new(
                    arg_str(name, "name")?,
                    color(color_code)?,
                )?)
            },
        )
    }
}

/// Builds a change to an analytics tag
/// (`POST /open/v1/analytics/tags/update`): a new `name`, a new `color`
/// (0 to 5; −1 = unchanged), or both.
///
/// Result (`cloudphone_request_parse`): no items.
///
/// Pointers: `config` required; `id` required; `name` optional (NULL = unchanged); `trace_id` required; `request_out` required; `err_out` optional (NULL =
/// no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_update_analytics_tag_build(
    config: *const cloudphone_geelark_config,
    id: *const c_char,
    name: *const c_char,
    color: i32,
    now_unix_ms: u64,
    trace_id: *const c_char,
    request_out: *mut *mut cloudphone_request,
    err_out: *mut *mut cloudphone_error,
) -> cloudphone_status {
    // SAFETY: per the function contract.
    unsafe {
        build(
            config,
            now_unix_ms,
            trace_id,
            request_out,
            err_out,
            OpFns::provider::<Gl, UpdateAnalyticsTag>(),
            || {
                let c = match color {
                    -1 => None,
                    c => Some(TagColor::from_code(
                        u8::try_from(c).map_err(|_| invalid("color", "-1 or 0 to 5"))?,
                    )?),
                };
                let n = arg_opt_str(name, "name")?.map(str::to_owned);
                Ok(UpdateAnalyticsTag::new(arg_str(id, "id")?, n, c)?)
            },
        )
    }
}

/// Builds the deletion of analytics tags (`POST /open/v1/analytics/tags/del`):
/// `ids_len` (1 to 100) distinct ids.
///
/// Result (`cloudphone_request_parse`): one item per tag deleted; failures per id the answer names.
///
/// Pointers: `config` required; `ids` required; `trace_id` required; `request_out` required; `err_out` optional (NULL =
/// no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_delete_analytics_tags_build(
    config: *const cloudphone_geelark_config,
    ids: *const *const c_char,
    ids_len: usize,
    now_unix_ms: u64,
    trace_id: *const c_char,
    request_out: *mut *mut cloudphone_request,
    err_out: *mut *mut cloudphone_error,
) -> cloudphone_status {
    // SAFETY: per the function contract.
    unsafe {
        build(
            config,
            now_unix_ms,
            trace_id,
            request_out,
            err_out,
            OpFns::provider::<Gl, DeleteAnalyticsTags>(),
            || {
                Ok(DeleteAnalyticsTags::new(arg_str_array(
                    ids, ids_len, "ids",
                )?)?)
            },
        )
    }
}

/// Builds a plan change (`POST /open/v1/pay/plan/upgrade`; **spends money**,
/// never retried): to the profile plan `profiles_id` with `parallels` and
/// `monthly_rentals` phones (each at least today's: 41002), for `days`
/// (30, 90, 180 or 360; 0 = unset, required when the plan has expired),
/// with an optional `promo_code` (41003 when refused).
///
/// Result (`cloudphone_request_parse`): no items.
///
/// Pointers: `config` required; `profiles_id` required; `promo_code` optional (NULL = none); `trace_id` required; `request_out` required; `err_out` optional (NULL =
/// no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_upgrade_plan_build(
    config: *const cloudphone_geelark_config,
    profiles_id: *const c_char,
    parallels: u32,
    monthly_rentals: u32,
    days: u16,
    promo_code: *const c_char,
    now_unix_ms: u64,
    trace_id: *const c_char,
    request_out: *mut *mut cloudphone_request,
    err_out: *mut *mut cloudphone_error,
) -> cloudphone_status {
    // SAFETY: per the function contract.
    unsafe {
        build(
            config,
            now_unix_ms,
            trace_id,
            request_out,
            err_out,
            OpFns::provider::<Gl, UpgradePlan>(),
            || {
                let mut op = UpgradePlan::new(
                    arg_str(profiles_id, "profiles_id")?,
                    parallels,
                    monthly_rentals,
                )?;
                if days != 0 {
                    op = op.days(days)?;
                }
                if let Some(p) = arg_opt_str(promo_code, "promo_code")? {
                    op = op.promo_code(p)?;
                }
                Ok(op)
            },
        )
    }
}

/// Builds a plan renewal (`POST /open/v1/pay/plan/continue`; **spends
/// money**, never retried): for `days` (30, 90, 180 or 360), with an
/// optional `promo_code`.
///
/// Result (`cloudphone_request_parse`): no items.
///
/// Pointers: `config` required; `promo_code` optional (NULL = none); `trace_id` required; `request_out` required; `err_out` optional (NULL =
/// no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_renew_plan_build(
    config: *const cloudphone_geelark_config,
    days: u16,
    promo_code: *const c_char,
    now_unix_ms: u64,
    trace_id: *const c_char,
    request_out: *mut *mut cloudphone_request,
    err_out: *mut *mut cloudphone_error,
) -> cloudphone_status {
    // SAFETY: per the function contract.
    unsafe {
        build(
            config,
            now_unix_ms,
            trace_id,
            request_out,
            err_out,
            OpFns::provider::<Gl, RenewPlan>(),
            || {
                let mut op = RenewPlan::new(days)?;
                if let Some(p) = arg_opt_str(promo_code, "promo_code")? {
                    op = op.promo_code(p)?;
                }
                Ok(op)
            },
        )
    }
}

/// Builds the purchase of a time add-on (`POST /open/v1/pay/timeAddOn/buy`;
/// **spends money**, never retried): `minutes` one of 2000, 5000, 10000,
/// 20000, 50000, 100000, 200000, 500000, 1000000, 2000000, 5000000,
/// 10000000; an optional `promo_code`.
///
/// Result (`cloudphone_request_parse`): no items.
///
/// Pointers: `config` required; `promo_code` optional (NULL = none); `trace_id` required; `request_out` required; `err_out` optional (NULL =
/// no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_buy_time_add_on_build(
    config: *const cloudphone_geelark_config,
    minutes: u32,
    promo_code: *const c_char,
    now_unix_ms: u64,
    trace_id: *const c_char,
    request_out: *mut *mut cloudphone_request,
    err_out: *mut *mut cloudphone_error,
) -> cloudphone_status {
    // SAFETY: per the function contract.
    unsafe {
        build(
            config,
            now_unix_ms,
            trace_id,
            request_out,
            err_out,
            OpFns::provider::<Gl, BuyTimeAddOn>(),
            || {
                let mut op = BuyTimeAddOn::new(minutes)?;
                if let Some(p) = arg_opt_str(promo_code, "promo_code")? {
                    op = op.promo_code(p)?;
                }
                Ok(op)
            },
        )
    }
}

/// Builds a wallet top-up order (`POST /open/v1/pay/wallet/recharge`):
/// `pay_channel` 1 Alipay or 2 WeChat; `usd` a multiple of 100 from 100 to
/// 4900. Nothing is paid by the call: a person pays the QR code.
///
/// Result (`cloudphone_request_parse`): no items; `/order_id`, `/url` (the QR code image).
///
/// Pointers: `config` required; `trace_id` required; `request_out` required; `err_out` optional (NULL =
/// no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_recharge_wallet_build(
    config: *const cloudphone_geelark_config,
    pay_channel: u8,
    usd: u32,
    now_unix_ms: u64,
    trace_id: *const c_char,
    request_out: *mut *mut cloudphone_request,
    err_out: *mut *mut cloudphone_error,
) -> cloudphone_status {
    // SAFETY: per the function contract.
    unsafe {
        build(
            config,
            now_unix_ms,
            trace_id,
            request_out,
            err_out,
            OpFns::provider::<Gl, RechargeWallet>(),
            || {
                let ch = match pay_channel {
                    1 => PayChannel::Alipay,
                    2 => PayChannel::WeChat,
                    _ => return Err(invalid("pay_channel", "1 Alipay or 2 WeChat").into()),
                };
                Ok(RechargeWallet::new(ch, usd)?)
            },
        )
    }
}

/// Builds a page of charges of the last three days
/// (`POST /open/v1/billing/transaction/detail`): only the phone `id` when
/// given; from `start_at` to `end_at` (Unix seconds, ≤ 3 days apart; 0 and
/// 0 = GeeLark's default window); `limit` 1 to 1000 a page; after the flow
/// `last_flow_id`. `cloudphone_request_next` follows the cursor.
///
/// Result (`cloudphone_request_parse`): one item per charge (its flow id); the total; `/last_flow_id`,
/// `/transactions/<i>/amount`, `/charge_type`.
///
/// Pointers: `config` required; `id` optional (NULL = every phone); `last_flow_id` optional (NULL = from the newest); `trace_id` required; `request_out` required; `err_out` optional (NULL =
/// no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_list_transactions_build(
    config: *const cloudphone_geelark_config,
    id: *const c_char,
    start_at: u64,
    end_at: u64,
    limit: u32,
    last_flow_id: *const c_char,
    now_unix_ms: u64,
    trace_id: *const c_char,
    request_out: *mut *mut cloudphone_request,
    err_out: *mut *mut cloudphone_error,
) -> cloudphone_status {
    // SAFETY: per the function contract.
    unsafe {
        build(
            config,
            now_unix_ms,
            trace_id,
            request_out,
            err_out,
            OpFns::pager::<Gl, ListTransactions>(),
            || {
                let mut op = ListTransactions::new().limit(limit)?;
                if let Some(i) = arg_opt_str(id, "id")? {
                    op = op.phone(i)?;
                }
                if (start_at, end_at) != (0, 0) {
                    op = op.window(start_at, end_at)?;
                }
                if let Some(c) = arg_opt_str(last_flow_id, "last_flow_id")? {
                    op = op.after(c)?;
                }
                Ok(op)
            },
        )
    }
}

/// Builds a page of the brands and models the team uploaded
/// (`POST /open/v1/phone/brand/teamList`): for Android `android_ver` (9 to
/// 16), page `page` (from 1) of `page_size` (1 to 100);
/// `cloudphone_request_next` pages on.
///
/// Result (`cloudphone_request_parse`): no items; the total when given; `/brands/<i>/surface_brand_name`,
/// `/surface_model_name`.
///
/// Pointers: `config` required; `trace_id` required; `request_out` required; `err_out` optional (NULL =
/// no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_list_team_brands_build(
    config: *const cloudphone_geelark_config,
    android_ver: u8,
    page: u32,
    page_size: u32,
    now_unix_ms: u64,
    trace_id: *const c_char,
    request_out: *mut *mut cloudphone_request,
    err_out: *mut *mut cloudphone_error,
) -> cloudphone_status {
    // SAFETY: per the function contract.
    unsafe {
        build(
            config,
            now_unix_ms,
            trace_id,
            request_out,
            err_out,
            OpFns::pager::<Gl, ListTeamBrands>(),
            || Ok(ListTeamBrands::new(android_ver)?.page(page, page_size)?),
        )
    }
}
