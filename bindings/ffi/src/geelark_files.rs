//! GeeLark files (upload URL, the presigned PUT, upload to phone, keybox,
//! results), phone tools (SMS, net type, hide accessibility, move group,
//! root, contacts, transfer, new identity) and app control (start, stop,
//! batch): one `_build` each, parsed by `cloudphone_request_parse`.

use std::ffi::c_char;

use super::config::cloudphone_geelark_config;
use super::error::cloudphone_error;
use super::geelark_fleet::envelope_summary;
use super::guard::{arg_str, arg_str_array, guard};
use super::options::json_required;
use super::request::{OpFns, build_into, cloudphone_request};
use super::result::{CallRecord, Item, Summary, items_record};
use super::types::cloudphone_status;
use cloudphone::geelark::NetType;
use cloudphone::geelark::app_control::{
    AppAction, AppBatch, AppBatchReport, AppRef, StartApp, StopApp,
};
use cloudphone::geelark::files::{
    FileTask, GetKeyboxResult, GetUploadResult, GetUploadUrl, UploadFile, UploadKeybox,
    UploadResult, UploadTarget, UploadToPhone, Uploaded,
};
use cloudphone::geelark::phone_tools::{
    Contact, GetContactsResult, HideAccessibility, ImportContacts, MoveToGroup, NewIdentity,
    PhoneResults, SendSms, SetNetType, SetRoot, TransferOption, TransferPhones,
};

type Gl = cloudphone_geelark_config;

envelope_summary!(UploadTarget);

impl Summary for Uploaded {
    fn request_id(&self) -> Option<&str> {
        None
    }
}
envelope_summary!(FileTask);
envelope_summary!(UploadResult);
envelope_summary!(
    PhoneResults,
    items = |o| o.succeeded.iter().map(|id| Item::id(id)).collect(),
    failures = failures,
    batch = cloudphone::geelark::ItemId
);
envelope_summary!(AppBatchReport, failures = failures);

fn app_ref(
    package_name: Option<&str>,
    app_version_id: Option<&str>,
) -> Result<AppRef, cloudphone::Error> {
    match (package_name, app_version_id) {
        (Some(p), None) => Ok(AppRef::Package(p.to_owned())),
        (None, Some(v)) => Ok(AppRef::Version(v.to_owned())),
        _ => Err(cloudphone::error::invalid(
            "package_name",
            "give a package name or an app version id (one of them)",
        )),
    }
}

/// Builds the request for a presigned upload URL (`POST /open/v1/upload/getUrl`)
/// for a file of `file_type` (jpg, jpeg, png, gif, bmp, webp, heif, heic,
/// mp4, webm, xml, apk, xapk).
///
/// Result (`cloudphone_request_parse`): no items; `/resource_url` (the file's
/// URL once uploaded) and `/upload_url` (a capability); build the upload
/// itself with `cloudphone_geelark_upload_file_build`.
///
/// Pointers: `config` required; `file_type` required; `trace_id` required; `request_out` required; `err_out` optional (NULL =
/// no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_get_upload_url_build(
    config: *const cloudphone_geelark_config,
    file_type: *const c_char,
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
                OpFns::provider::<Gl, GetUploadUrl>(),
                || Ok(GetUploadUrl::new(arg_str(file_type, "file_type")?)?),
            )
        }
    })
}

/// Builds the upload of a file (its URL) into a running phone's Downloads
/// (`POST /open/v1/phone/uploadFile`).
///
/// Result (`cloudphone_request_parse`): no items; `/task_id` (ask
/// `cloudphone_geelark_get_upload_result_build`).
///
/// Pointers: `config` required; `id` required; `file_url` required; `trace_id` required; `request_out` required; `err_out` optional (NULL =
/// no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_upload_to_phone_build(
    config: *const cloudphone_geelark_config,
    id: *const c_char,
    file_url: *const c_char,
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
                OpFns::provider::<Gl, UploadToPhone>(),
                || {
                    Ok(UploadToPhone::new(
                        arg_str(id, "id")?,
                        arg_str(file_url, "file_url")?,
                    )?)
                },
            )
        }
    })
}

/// Builds the reading of an upload to a phone
/// (`POST /open/v1/phone/uploadFile/result`).
///
/// Result (`cloudphone_request_parse`): no items; `/state`
/// (`in_progress`, `succeeded`, `failed`, `fetch_failed`) and `/raw_status`.
///
/// Pointers: `config` required; `task_id` required; `trace_id` required; `request_out` required; `err_out` optional (NULL =
/// no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_get_upload_result_build(
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
                OpFns::provider::<Gl, GetUploadResult>(),
                || Ok(GetUploadResult::new(arg_str(task_id, "task_id")?)?),
            )
        }
    })
}

/// Builds the installation of a Play-Integrity keybox (an XML file's URL) on
/// a running phone (`POST /open/v1/phone/keyboxUpload`; Android 12, 13, 15).
///
/// Result (`cloudphone_request_parse`): no items; `/task_id` (ask
/// `cloudphone_geelark_get_keybox_result_build`).
///
/// Pointers: `config` required; `id` required; `file_url` required; `trace_id` required; `request_out` required; `err_out` optional (NULL =
/// no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_upload_keybox_build(
    config: *const cloudphone_geelark_config,
    id: *const c_char,
    file_url: *const c_char,
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
                OpFns::provider::<Gl, UploadKeybox>(),
                || {
                    Ok(UploadKeybox::new(
                        arg_str(id, "id")?,
                        arg_str(file_url, "file_url")?,
                    )?)
                },
            )
        }
    })
}

/// Builds the reading of a keybox upload
/// (`POST /open/v1/phone/keyboxUpload/result`).
///
/// Result (`cloudphone_request_parse`): no items; `/state` and `/raw_status`
/// (0 uploading, 1 done, 2 failed).
///
/// Pointers: `config` required; `task_id` required; `trace_id` required; `request_out` required; `err_out` optional (NULL =
/// no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_get_keybox_result_build(
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
                OpFns::provider::<Gl, GetKeyboxResult>(),
                || Ok(GetKeyboxResult::new(arg_str(task_id, "task_id")?)?),
            )
        }
    })
}

/// Builds the injection of an SMS into a running phone
/// (`POST /open/v1/phone/sendSms`; Android 12–15).
///
/// Result (`cloudphone_request_parse`): no items. 52001: the model has no
/// SMS.
///
/// Pointers: `config` required; `id` required; `phone_number` required; `text` required; `trace_id` required; `request_out` required; `err_out` optional (NULL =
/// no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_send_sms_build(
    config: *const cloudphone_geelark_config,
    id: *const c_char,
    phone_number: *const c_char,
    text: *const c_char,
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
                OpFns::provider::<Gl, SendSms>(),
                || {
                    Ok(SendSms::new(
                        arg_str(id, "id")?,
                        arg_str(phone_number, "phone_number")?,
                        arg_str(text, "text")?,
                    )?)
                },
            )
        }
    })
}

/// Builds a switch of a phone's network (`POST /open/v1/phone/net/set`):
/// `mobile` true for mobile data, false for Wi-Fi.
///
/// Result (`cloudphone_request_parse`): no items.
///
/// Pointers: `config` required; `id` required; `trace_id` required; `request_out` required; `err_out` optional (NULL =
/// no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_set_net_type_build(
    config: *const cloudphone_geelark_config,
    id: *const c_char,
    mobile: bool,
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
                OpFns::provider::<Gl, SetNetType>(),
                || {
                    Ok(SetNetType::new(
                        arg_str(id, "id")?,
                        if mobile {
                            NetType::Mobile
                        } else {
                            NetType::Wifi
                        },
                    )?)
                },
            )
        }
    })
}

/// Builds the hiding of accessibility services from apps
/// (`POST /open/v1/phone/hideAccessibility`): 1 to 100 phones and 1 to 100
/// packages.
///
/// Result (`cloudphone_request_parse`): one item per phone it worked for;
/// failures per phone.
///
/// Pointers: `config` required; `ids` required unless its length is 0 ((NULL, 0) =
/// empty); `packages` required unless its length is 0 ((NULL, 0) = empty); `trace_id` required; `request_out` required; `err_out` optional (NULL =
/// no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_hide_accessibility_build(
    config: *const cloudphone_geelark_config,
    ids: *const *const c_char,
    ids_len: usize,
    packages: *const *const c_char,
    packages_len: usize,
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
                OpFns::provider::<Gl, HideAccessibility>(),
                || {
                    Ok(HideAccessibility::new(
                        arg_str_array(ids, ids_len, "ids")?,
                        arg_str_array(packages, packages_len, "packages")?,
                    )?)
                },
            )
        }
    })
}

/// Builds a move of 1 to 100 phones into a group
/// (`POST /open/v1/phone/moveGroup`; `group_id` `"0"`: ungrouped).
///
/// Result (`cloudphone_request_parse`): no items.
///
/// Pointers: `config` required; `ids` required unless its length is 0 ((NULL, 0) =
/// empty); `group_id` required; `trace_id` required; `request_out` required; `err_out` optional (NULL =
/// no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_move_to_group_build(
    config: *const cloudphone_geelark_config,
    ids: *const *const c_char,
    ids_len: usize,
    group_id: *const c_char,
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
                OpFns::provider::<Gl, MoveToGroup>(),
                || {
                    Ok(MoveToGroup::new(
                        arg_str_array(ids, ids_len, "ids")?,
                        arg_str(group_id, "group_id")?,
                    )?)
                },
            )
        }
    })
}

/// Builds root on (`open`) or off for 1 to 100 running phones
/// (`POST /open/v1/root/setStatus`; Android 12–15).
///
/// Result (`cloudphone_request_parse`): one item per phone it worked for;
/// failures per phone (42002: not running).
///
/// Pointers: `config` required; `ids` required unless its length is 0 ((NULL, 0) =
/// empty); `trace_id` required; `request_out` required; `err_out` optional (NULL =
/// no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_set_root_build(
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
                OpFns::provider::<Gl, SetRoot>(),
                || Ok(SetRoot::new(arg_str_array(ids, ids_len, "ids")?, open)?),
            )
        }
    })
}

/// Builds a contacts import into a phone (`POST /open/v1/phone/importContacts`).
///
/// - `contacts_json`: `[{"firstName": "...", "lastName": "...", "mobile":
///   "...", "work": "...", "fax": "...", "email1": "...", "email2": "..."},
///   ...]`, each with a name and a number; unknown fields refused.
///
/// Result (`cloudphone_request_parse`): no items; `/task_id` (ask
/// `cloudphone_geelark_get_contacts_result_build`).
///
/// Pointers: `config` required; `id` required; `contacts_json` required; `trace_id` required; `request_out` required; `err_out` optional (NULL =
/// no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_import_contacts_build(
    config: *const cloudphone_geelark_config,
    id: *const c_char,
    contacts_json: *const c_char,
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
                OpFns::provider::<Gl, ImportContacts>(),
                || {
                    let contacts: Vec<Contact> = json_required(contacts_json, "contacts_json")?;
                    Ok(ImportContacts::new(arg_str(id, "id")?, contacts)?)
                },
            )
        }
    })
}

/// Builds the reading of a contacts import
/// (`POST /open/v1/phone/importContactsResult`).
///
/// Result (`cloudphone_request_parse`): no items; `/state` and `/raw_status`
/// (1 in progress, 2 done, 3 failed).
///
/// Pointers: `config` required; `task_id` required; `trace_id` required; `request_out` required; `err_out` optional (NULL =
/// no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_get_contacts_result_build(
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
                OpFns::provider::<Gl, GetContactsResult>(),
                || Ok(GetContactsResult::new(arg_str(task_id, "task_id")?)?),
            )
        }
    })
}

/// Builds the transfer of 1 to 200 phones to another account
/// (`POST /open/v1/phone/transfer`), with `name`, `proxy`, `tag`, `remark`
/// and `files` as `options` (0 to 5 of them).
///
/// Result (`cloudphone_request_parse`): one item per phone transferred;
/// the others are failures. 40013: no such account.
///
/// Pointers: `config` required; `ids` required unless its length is 0 ((NULL, 0) =
/// empty); `account` required; `options` required unless its length is 0
/// ((NULL, 0) = none); `trace_id` required; `request_out` required; `err_out` optional (NULL =
/// no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_transfer_phones_build(
    config: *const cloudphone_geelark_config,
    ids: *const *const c_char,
    ids_len: usize,
    account: *const c_char,
    options: *const *const c_char,
    options_len: usize,
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
                OpFns::provider::<Gl, TransferPhones>(),
                || {
                    let opts = arg_str_array(options, options_len, "options")?
                        .iter()
                        .map(|o| match *o {
                            "name" => Ok(TransferOption::Name),
                            "proxy" => Ok(TransferOption::Proxy),
                            "tag" => Ok(TransferOption::Tag),
                            "remark" => Ok(TransferOption::Remark),
                            "files" => Ok(TransferOption::Files),
                            _ => Err(cloudphone::error::invalid(
                                "options",
                                "name, proxy, tag, remark or files",
                            )),
                        })
                        .collect::<Result<Vec<_>, _>>()?;
                    Ok(TransferPhones::new(
                        arg_str_array(ids, ids_len, "ids")?,
                        arg_str(account, "account")?,
                        &opts,
                    )?)
                },
            )
        }
    })
}

/// Builds a one-click new machine (`POST /open/v2/phone/newOne`): a new
/// identity, brand and model kept when `keep_brand_model`, and the network
/// type, phone number, region and language kept as asked.
///
/// Result (`cloudphone_request_parse`): no items. 43005: busy with a task.
///
/// Pointers: `config` required; `id` required; `trace_id` required; `request_out` required; `err_out` optional (NULL =
/// no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_new_identity_build(
    config: *const cloudphone_geelark_config,
    id: *const c_char,
    keep_brand_model: bool,
    keep_net_type: bool,
    keep_phone_number: bool,
    keep_region: bool,
    keep_language: bool,
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
                OpFns::provider::<Gl, NewIdentity>(),
                || {
                    let mut op = NewIdentity::new(arg_str(id, "id")?)?;
                    if keep_brand_model {
                        op = op.keep_brand_model();
                    }
                    Ok(op.keep(keep_net_type, keep_phone_number, keep_region, keep_language))
                },
            )
        }
    })
}

/// Builds the start of an installed app on a running phone
/// (`POST /open/v1/app/start`), by `package_name` or `app_version_id` (one).
///
/// Result (`cloudphone_request_parse`): no items. 42005: not installed.
///
/// Pointers: `config` required; `env_id` required; `package_name` optional (NULL =
/// by version); `app_version_id` optional (NULL = by package); `trace_id` required; `request_out` required; `err_out` optional (NULL =
/// no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_start_app_build(
    config: *const cloudphone_geelark_config,
    env_id: *const c_char,
    package_name: *const c_char,
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
                OpFns::provider::<Gl, StartApp>(),
                || {
                    let app = app_ref(
                        super::guard::arg_opt_str(package_name, "package_name")?,
                        super::guard::arg_opt_str(app_version_id, "app_version_id")?,
                    )?;
                    Ok(StartApp::new(arg_str(env_id, "env_id")?, app)?)
                },
            )
        }
    })
}

/// Builds the stop of an installed app on a running phone
/// (`POST /open/v1/app/stop`), by `package_name` or `app_version_id` (one).
///
/// Result (`cloudphone_request_parse`): no items. 42005: not installed.
///
/// Pointers: `config` required; `env_id` required; `package_name` optional (NULL =
/// by version); `app_version_id` optional (NULL = by package); `trace_id` required; `request_out` required; `err_out` optional (NULL =
/// no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_stop_app_build(
    config: *const cloudphone_geelark_config,
    env_id: *const c_char,
    package_name: *const c_char,
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
                OpFns::provider::<Gl, StopApp>(),
                || {
                    let app = app_ref(
                        super::guard::arg_opt_str(package_name, "package_name")?,
                        super::guard::arg_opt_str(app_version_id, "app_version_id")?,
                    )?;
                    Ok(StopApp::new(arg_str(env_id, "env_id")?, app)?)
                },
            )
        }
    })
}

/// Builds an app action over the running phones of some groups
/// (`POST /open/v1/app/operation/batch`): `action` 1 start, 2 close, 3
/// restart, 4 install (by `app_version_id`), 5 uninstall; `group_ids` none
/// for every group.
///
/// Result (`cloudphone_request_parse`): no items; the phones refused are
/// failures (1: busy installing or uninstalling; 2: not installed).
///
/// Pointers: `config` required; `package_name` optional (NULL = by version);
/// `app_version_id` optional (NULL = by package); `group_ids` required unless
/// its length is 0 ((NULL, 0) = every group); `trace_id` required; `request_out` required; `err_out` optional (NULL =
/// no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_app_batch_build(
    config: *const cloudphone_geelark_config,
    action: u8,
    package_name: *const c_char,
    app_version_id: *const c_char,
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
                OpFns::provider::<Gl, AppBatch>(),
                || {
                    let action = match action {
                        1 => AppAction::Start,
                        2 => AppAction::Close,
                        3 => AppAction::Restart,
                        4 => AppAction::Install,
                        5 => AppAction::Uninstall,
                        _ => return Err(cloudphone::error::invalid("action", "1 to 5").into()),
                    };
                    let app = app_ref(
                        super::guard::arg_opt_str(package_name, "package_name")?,
                        super::guard::arg_opt_str(app_version_id, "app_version_id")?,
                    )?;
                    Ok(AppBatch::new(
                        action,
                        app,
                        arg_str_array(group_ids, group_ids_len, "group_ids")?,
                    )?)
                },
            )
        }
    })
}

/// Builds the upload itself (the presigned PUT): `PUT {upload_url}` with
/// `body` and only `Content-Length` (no GeeLark authentication; the
/// configuration is not used). `upload_url` is `/upload_url` of a
/// `cloudphone_geelark_get_upload_url_build` result.
///
/// Result (`cloudphone_request_parse`): no items; `/http_status` and
/// `/bytes`. Any status but 2xx fails with the store's text.
///
/// Pointers: `config` required; `upload_url` required; `body` required
/// unless its length is 0 ((NULL, 0) = empty); `trace_id` required;
/// `request_out` required; `err_out` optional (NULL = no error details).
///
/// # Safety
/// As `cloudphone_geelark_list_phones_build`; `body` NULL or `body_len`
/// readable bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cloudphone_geelark_upload_file_build(
    config: *const cloudphone_geelark_config,
    upload_url: *const c_char,
    body: *const u8,
    body_len: usize,
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
                OpFns::provider::<Gl, UploadFile>(),
                || {
                    let bytes = super::guard::arg_slice(body, body_len, "body")?;
                    Ok(UploadFile::new(
                        arg_str(upload_url, "upload_url")?,
                        bytes.to_vec(),
                    )?)
                },
            )
        }
    })
}
