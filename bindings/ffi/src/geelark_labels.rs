//! GeeLark groups and tags (list, add, update, delete) and the account
//! (auth status, wallet, plan, profile plans, brands, serial number): one
//! `_build` each, parsed by `cloudphone_request_parse`; the lists page with
//! `cloudphone_request_next`.

use std::ffi::c_char;

use super::config::cloudphone_geelark_config;
use super::error::cloudphone_error;
use super::geelark_fleet::envelope_summary;
use super::guard::{arg_str, arg_str_array, guard};
use super::options::{json_arg, json_required};
use super::request::{OpFns, build_into, cloudphone_request};
use super::result::{Item, Summary};
use super::types::cloudphone_status;
use cloudphone::geelark::account::{
    AuthStatus, BrandList, GetPlan, GetSerialNumber, GetWallet, ListBrands, ListProfilePlans,
    PlanReport, ProfilePlans, SerialNumber, WalletReport,
};
use cloudphone::geelark::labels::{
    AddGroups, AddTags, DeleteGroups, DeleteTags, LabelAddReport, LabelList, LabelUpdate,
    ListGroups, ListTags, NewGroup, NewTag, TagColor, UpdateGroups, UpdateTags,
};

/// Most groups or tags one add, update or delete takes.
pub const CLOUDPHONE_GEELARK_LABELS_MAX: usize = 100;
const _: () = assert!(CLOUDPHONE_GEELARK_LABELS_MAX == cloudphone::geelark::labels::MAX_LABELS);

type Gl = cloudphone_geelark_config;

envelope_summary!(
    LabelList,
    items = |o| o.labels.iter().map(|l| Item::id(&l.id)).collect(),
    failures = failures,
    total = total
);
envelope_summary!(
    LabelAddReport,
    items = |o| o.added.iter().map(|l| Item::id(&l.id)).collect(),
    failures = failures
);
envelope_summary!(WalletReport);
envelope_summary!(PlanReport);
envelope_summary!(ProfilePlans);
envelope_summary!(BrandList);
envelope_summary!(SerialNumber);

/// List filters as the C host writes them.
#[derive(serde::Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Filters {
    #[serde(default)]
    ids: Vec<String>,
    #[serde(default)]
    names: Vec<String>,
    #[serde(default)]
    remarks: Vec<String>,
    #[serde(default)]
    colors: Vec<String>,
}

/// A group, a tag, or a change to one, as the C host writes it.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct LabelArg {
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    remark: Option<String>,
    #[serde(default)]
    color: Option<String>,
}

fn color(c: Option<String>) -> Result<Option<TagColor>, cloudphone::Error> {
    c.map(|c| c.parse()).transpose()
}

fn updates(list: Vec<LabelArg>) -> Result<Vec<LabelUpdate>, cloudphone::Error> {
    list.into_iter()
        .map(|a| {
            let mut u =
                LabelUpdate::new(a.id.ok_or_else(|| {
                    cloudphone::error::invalid("id", "each change needs its id")
                })?)?;
            if let Some(n) = a.name {
                u = u.name(n);
            }
            if let Some(r) = a.remark {
                u = u.remark(r);
            }
            if let Some(c) = color(a.color)? {
                u = u.color(c);
            }
            Ok(u)
        })
        .collect()
}

/// Builds a page of groups (`POST /open/v1/group/list`): page `page` (from 1)
/// of `page_size` (1 to 100); `cloudphone_request_next` pages on.
///
/// - `filters_json`: `{"ids": [...], "names": [...], "remarks": [...]}`, each
///   list at most 100 values.
///
/// Result (`cloudphone_request_parse`): one item per group (its id); the total;
/// `/labels/<i>/name`; a filter value that matched nothing is a failure
/// whose id is the value.
///
/// Pointers: `config` required; `filters_json` optional (NULL = no filter);
/// `trace_id` required; `request_out` required; `err_out` optional (NULL =
/// no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_list_groups_build(
    config: *const cloudphone_geelark_config,
    page: u32,
    page_size: u32,
    filters_json: *const c_char,
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
                OpFns::pager::<Gl, ListGroups>(),
                || {
                    let f: Filters = json_arg(filters_json, "filters_json")?;
                    if !f.colors.is_empty() {
                        return Err(
                            cloudphone::error::invalid("colors", "groups have no colour").into(),
                        );
                    }
                    Ok(ListGroups::new()
                        .page(page, page_size)?
                        .filter(f.ids, f.names, f.remarks)?)
                },
            )
        }
    })
}

/// Builds the making of groups (`POST /open/v1/group/add`).
///
/// - `groups_json`: `[{"name": "...", "remark": "..."}, ...]` (name ≤ 50,
///   remark ≤ 500 characters), 1 to `CLOUDPHONE_GEELARK_LABELS_MAX`.
///
/// Result (`cloudphone_request_parse`): one item per group made (its id);
/// the names refused are failures whose id is the name.
///
/// Pointers: `config` required; `groups_json` required; `trace_id` required; `request_out` required; `err_out` optional (NULL =
/// no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_add_groups_build(
    config: *const cloudphone_geelark_config,
    groups_json: *const c_char,
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
                OpFns::provider::<Gl, AddGroups>(),
                || {
                    let list: Vec<LabelArg> = json_required(groups_json, "groups_json")?;
                    let groups = list
                        .into_iter()
                        .map(|a| {
                            if a.id.is_some() || a.color.is_some() {
                                return Err(cloudphone::error::invalid(
                                    "groups_json",
                                    "a new group has a name and a remark",
                                ));
                            }
                            NewGroup::new(a.name.unwrap_or_default(), a.remark)
                        })
                        .collect::<Result<Vec<_>, _>>()?;
                    Ok(AddGroups::new(groups)?)
                },
            )
        }
    })
}

/// Builds a change of groups (`POST /open/v1/group/update`).
///
/// - `groups_json`: a list of `{"id": "...", "name": "...", "remark": "..."}`, 1 to
///   `CLOUDPHONE_GEELARK_LABELS_MAX` distinct ids.
///
/// Result (`cloudphone_request_parse`): one item per group changed;
/// failures per id.
///
/// Pointers: `config` required; `groups_json` required; `trace_id` required; `request_out` required; `err_out` optional (NULL =
/// no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_update_groups_build(
    config: *const cloudphone_geelark_config,
    groups_json: *const c_char,
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
                OpFns::provider::<Gl, UpdateGroups>(),
                || {
                    let list: Vec<LabelArg> = json_required(groups_json, "groups_json")?;
                    Ok(UpdateGroups::new(updates(list)?)?)
                },
            )
        }
    })
}

/// Builds the deletion of groups (`POST /open/v1/group/delete`) of 1 to
/// `CLOUDPHONE_GEELARK_LABELS_MAX` ids.
///
/// Result (`cloudphone_request_parse`): one item per group deleted;
/// failures per id.
///
/// Pointers: `config` required; `ids` required unless its length is 0
/// ((NULL, 0) = empty); `trace_id` required; `request_out` required; `err_out` optional (NULL =
/// no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_delete_groups_build(
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
                OpFns::provider::<Gl, DeleteGroups>(),
                || Ok(DeleteGroups::new(arg_str_array(ids, ids_len, "ids")?)?),
            )
        }
    })
}

/// Builds a page of tags (`POST /open/v1/tag/list`): page `page` (from 1)
/// of `page_size` (1 to 100); `cloudphone_request_next` pages on.
///
/// - `filters_json`: `{"ids": [...], "names": [...], "colors": [...]}`, each
///   list at most 100 values.
///
/// Result (`cloudphone_request_parse`): one item per tag (its id); the total;
/// `/labels/<i>/name`; a filter value that matched nothing is a failure
/// whose id is the value.
///
/// Pointers: `config` required; `filters_json` optional (NULL = no filter);
/// `trace_id` required; `request_out` required; `err_out` optional (NULL =
/// no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_list_tags_build(
    config: *const cloudphone_geelark_config,
    page: u32,
    page_size: u32,
    filters_json: *const c_char,
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
                OpFns::pager::<Gl, ListTags>(),
                || {
                    let f: Filters = json_arg(filters_json, "filters_json")?;
                    if !f.remarks.is_empty() {
                        return Err(
                            cloudphone::error::invalid("remarks", "tags have no remark").into()
                        );
                    }
                    let colors = f
                        .colors
                        .iter()
                        .map(|c| c.parse())
                        .collect::<Result<Vec<TagColor>, _>>()?;
                    Ok(ListTags::new()
                        .page(page, page_size)?
                        .filter(f.ids, f.names, colors)?)
                },
            )
        }
    })
}

/// Builds the making of tags (`POST /open/v1/tag/add`).
///
/// - `tags_json`: `[{"name": "...", "color": "purple"}, ...]` (name ≤ 30
///   characters; white, red, blue, green, yellow or purple; white when
///   none), 1 to `CLOUDPHONE_GEELARK_LABELS_MAX`.
///
/// Result (`cloudphone_request_parse`): one item per tag made (its id);
/// the names refused are failures whose id is the name.
///
/// Pointers: `config` required; `tags_json` required; `trace_id` required; `request_out` required; `err_out` optional (NULL =
/// no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_add_tags_build(
    config: *const cloudphone_geelark_config,
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
                OpFns::provider::<Gl, AddTags>(),
                || {
                    let list: Vec<LabelArg> = json_required(tags_json, "tags_json")?;
                    let tags = list
                        .into_iter()
                        .map(|a| {
                            if a.id.is_some() || a.remark.is_some() {
                                return Err(cloudphone::error::invalid(
                                    "tags_json",
                                    "a new tag has a name and a colour",
                                ));
                            }
                            NewTag::new(a.name.unwrap_or_default(), color(a.color)?)
                        })
                        .collect::<Result<Vec<_>, _>>()?;
                    Ok(AddTags::new(tags)?)
                },
            )
        }
    })
}

/// Builds a change of tags (`POST /open/v1/tag/update`).
///
/// - `tags_json`: a list of `{"id": "...", "name": "...", "color": "..."}`, 1 to
///   `CLOUDPHONE_GEELARK_LABELS_MAX` distinct ids.
///
/// Result (`cloudphone_request_parse`): one item per tag changed;
/// failures per id.
///
/// Pointers: `config` required; `tags_json` required; `trace_id` required; `request_out` required; `err_out` optional (NULL =
/// no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_update_tags_build(
    config: *const cloudphone_geelark_config,
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
                OpFns::provider::<Gl, UpdateTags>(),
                || {
                    let list: Vec<LabelArg> = json_required(tags_json, "tags_json")?;
                    Ok(UpdateTags::new(updates(list)?)?)
                },
            )
        }
    })
}

/// Builds the deletion of tags (`POST /open/v1/tag/delete`) of 1 to
/// `CLOUDPHONE_GEELARK_LABELS_MAX` ids.
///
/// Result (`cloudphone_request_parse`): one item per tag deleted;
/// failures per id.
///
/// Pointers: `config` required; `ids` required unless its length is 0
/// ((NULL, 0) = empty); `trace_id` required; `request_out` required; `err_out` optional (NULL =
/// no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_delete_tags_build(
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
                OpFns::provider::<Gl, DeleteTags>(),
                || Ok(DeleteTags::new(arg_str_array(ids, ids_len, "ids")?)?),
            )
        }
    })
}

/// Builds a check of the credentials (`POST /open/v1/auth/status`).
///
/// Result (`cloudphone_request_parse`): no items; a bad token fails with
/// `CLOUDPHONE_STATUS_AUTH`.
///
/// Pointers: `config` required; `trace_id` required; `request_out` required; `err_out` optional (NULL =
/// no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_auth_status_build(
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
                OpFns::provider::<Gl, AuthStatus>(),
                || Ok(AuthStatus),
            )
        }
    })
}

/// Builds the reading of the wallet (`POST /open/v1/pay/wallet`; 10 calls a
/// minute).
///
/// Result (`cloudphone_request_parse`): no items; `/wallet/balance`,
/// `/wallet/gift_money`, `/wallet/available_time_add_on`.
///
/// Pointers: `config` required; `trace_id` required; `request_out` required; `err_out` optional (NULL =
/// no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_get_wallet_build(
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
                OpFns::provider::<Gl, GetWallet>(),
                || Ok(GetWallet),
            )
        }
    })
}

/// Builds the reading of the plan (`POST /open/v1/pay/plan/info`; one call a
/// minute).
///
/// Result (`cloudphone_request_parse`): no items; `/plan/plan` (0 Base, 1
/// Pro), `/plan/expiration_time`, `/plan/available_profiles`, ...
///
/// Pointers: `config` required; `trace_id` required; `request_out` required; `err_out` optional (NULL =
/// no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_get_plan_build(
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
                OpFns::provider::<Gl, GetPlan>(),
                || Ok(GetPlan),
            )
        }
    })
}

/// Builds the list of profile plans on sale (`POST /open/v1/pay/profiles/list`).
///
/// Result (`cloudphone_request_parse`): no items; `/plans/<i>/id`, `/price`,
/// `/env_num`, ...
///
/// Pointers: `config` required; `trace_id` required; `request_out` required; `err_out` optional (NULL =
/// no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_list_profile_plans_build(
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
                OpFns::provider::<Gl, ListProfilePlans>(),
                || Ok(ListProfilePlans),
            )
        }
    })
}

/// Builds the brand and model list of an Android version
/// (`POST /open/v1/phone/brand/list`): `android` 10 to 16.
///
/// Result (`cloudphone_request_parse`): no items;
/// `/brands/<i>/surface_brand_name`, `/surface_model_name`.
///
/// Pointers: `config` required; `trace_id` required; `request_out` required; `err_out` optional (NULL =
/// no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_list_brands_build(
    config: *const cloudphone_geelark_config,
    android: u8,
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
                OpFns::provider::<Gl, ListBrands>(),
                || Ok(ListBrands::new(android)?),
            )
        }
    })
}

/// Builds the reading of a phone's device id
/// (`POST /open/v1/phone/serialNum/get`).
///
/// Result (`cloudphone_request_parse`): no items; `/serial_num`.
///
/// Pointers: `config` required; `id` required; `trace_id` required; `request_out` required; `err_out` optional (NULL =
/// no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_get_serial_number_build(
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
                OpFns::provider::<Gl, GetSerialNumber>(),
                || Ok(GetSerialNumber::new(arg_str(id, "id")?)?),
            )
        }
    })
}
