"""cloudphone from Python: a ctypes wrapper over libcloudphone (the C ABI).

The sans-IO path: build a request from a config, send it with any HTTP
library, parse the answer with the same request::

    import cloudphone, requests

    cfg = cloudphone.GeelarkConfig.key(app_id, api_key)
    req = cfg.get_phone_status_request(["612345678901234567"])
    r = requests.request(req.method, req.url, headers=dict(req.headers), data=req.body)
    result = req.parse(r.status_code, r.headers.items(), r.content)
    for phone in result.phone_states:
        print(phone.id, phone.status)

Installed with ``pip install ./bindings/python``, the package carries its
own libcloudphone. The environment variable ``CLOUDPHONE_LIB`` (the path of
libcloudphone.so / .dylib / cloudphone.dll) overrides it; without either, a
repository checkout's ``target/release`` or ``target/debug`` is used, else
the system's library path.

Handles are freed by ``close()``, by leaving a ``with`` block, or when the
object is garbage-collected (``__del__``). Results are read into plain
Python objects when parsed; the handle is kept only for ``to_json()`` and for
recording into a ``BatchMerge``. A call that fails as a whole raises
``cloudphone.Error`` (or a subclass), carrying ``status``, ``http_status``,
``provider``, ``provider_code``, ``request_id`` and ``retry_after_secs``;
per-id failures in a successful answer are data (``result.failures``).

Threads: ctypes releases the GIL during each C call; configs, requests,
results, plans and outcomes may be read from several threads at once, a
BatchMerge must not be used by two at once (as the C handles, see
cloudphone.h).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import json
import os
import sys
import time
from dataclasses import dataclass
from typing import Any, Dict, Iterable, Iterator, List, Mapping, Optional, Sequence, Tuple, Type, TypeVar, Union

__all__ = [
    "version", "has_client", "status_name", "format_trace_id",
    "Error", "InvalidInputError", "NullArgumentError", "TransportError", "RequestTimeoutError",
    "ApiError", "AuthError", "RateLimitedError", "LockoutError", "DecodeError",
    "UnsupportedError", "InternalError",
    "HuaweiConfig", "GeelarkConfig", "Request", "ConnectInfo", "PhoneState", "ItemFailure",
    "IamToken", "Result", "Item", "huawei_iam_create_token_request", "BatchPlan", "BatchMerge",
    "BatchOutcome", "HuaweiClient", "GeelarkClient",
    "HUAWEI_SHOW_CONNECT_INFOS_MAX_IDS", "GEELARK_GET_PHONE_STATUS_MAX_IDS", "TRACE_ID_SIZE",
]

HUAWEI_SHOW_CONNECT_INFOS_MAX_IDS = 10
GEELARK_GET_PHONE_STATUS_MAX_IDS = 100

# ------------------------------------------------------------------ loading


def _candidates() -> List[str]:
    """Where libcloudphone may be, in order: ``CLOUDPHONE_LIB``; the library
    built into this package by ``pip install`` (``cloudphone/_native*``); a
    repository checkout's ``target/release`` and ``target/debug``; the
    system's library path."""
    env = os.environ.get("CLOUDPHONE_LIB")
    if env:
        return [env]
    suffixes: Tuple[str, ...]
    if sys.platform == "darwin":
        name, suffixes = "libcloudphone.dylib", (".so", ".dylib")
    elif os.name == "nt":
        name, suffixes = "cloudphone.dll", (".pyd", ".dll")
    else:
        name, suffixes = "libcloudphone.so", (".so",)
    here = os.path.dirname(os.path.abspath(__file__))
    out = sorted(
        os.path.join(here, f) for f in os.listdir(here)
        if f.startswith("_native") and f.endswith(suffixes)
    )
    repo = os.path.normpath(os.path.join(here, "..", "..", ".."))
    target = os.environ.get("CARGO_TARGET_DIR") or os.path.join(repo, "target")
    out += [os.path.join(target, p, name) for p in ("release", "debug")]
    found = ctypes.util.find_library("cloudphone")
    if found:
        out.append(found)
    return out


def _load() -> ctypes.CDLL:
    tried = []
    for path in _candidates():
        if os.path.sep in path and not os.path.exists(path):
            tried.append(path)
            continue
        return ctypes.CDLL(path)
    raise OSError(
        "libcloudphone not found (tried %s); build it with `cargo build --lib` "
        "or set CLOUDPHONE_LIB" % ", ".join(tried)
    )


_lib = _load()


class _Str(ctypes.Structure):
    _fields_ = [("ptr", ctypes.c_void_p), ("len", ctypes.c_size_t)]


class _Bytes(ctypes.Structure):
    _fields_ = [("ptr", ctypes.c_void_p), ("len", ctypes.c_size_t)]


class _Header(ctypes.Structure):
    _fields_ = [("name", _Str), ("value", _Str)]


class _ResponseHeader(ctypes.Structure):
    # (pointer, length) pairs: no NUL needed.
    _fields_ = [("name", ctypes.c_char_p), ("name_len", ctypes.c_size_t),
                ("value", ctypes.c_char_p), ("value_len", ctypes.c_size_t)]


class _IdList(ctypes.Structure):
    _fields_ = [("ids", ctypes.POINTER(ctypes.c_char_p)), ("len", ctypes.c_size_t)]


class _GpsPosition(ctypes.Structure):
    _fields_ = [("id", ctypes.c_char_p), ("latitude", ctypes.c_double), ("longitude", ctypes.c_double)]


_P = ctypes.c_void_p
_PP = ctypes.POINTER(ctypes.c_void_p)
_S = ctypes.c_char_p
_U32, _U16, _U64, _I64, _I32 = ctypes.c_uint32, ctypes.c_uint16, ctypes.c_uint64, ctypes.c_int64, ctypes.c_int32
_SZ, _B = ctypes.c_size_t, ctypes.c_bool
_SA = ctypes.POINTER(ctypes.c_char_p)
_HA = ctypes.POINTER(_ResponseHeader)
_U8P = ctypes.c_char_p  # body bytes

_PARSE = [_P, _U16, _HA, _SZ, _U8P, _SZ, _PP, _PP]
_NEXT = [_P, _P, _U64, _S, _PP, _PP]
_GPA = ctypes.POINTER(_GpsPosition)

_SIGNATURES = {
    "cloudphone_version": (_S, []),
    "cloudphone_has_client": (_B, []),
    "cloudphone_status_name": (_S, [_U32]),
    "cloudphone_error_free": (None, [_P]),
    "cloudphone_error_status": (_U32, [_P]),
    "cloudphone_error_message": (_Str, [_P]),
    "cloudphone_error_http_status": (_U16, [_P]),
    "cloudphone_error_provider": (_Str, [_P]),
    "cloudphone_error_provider_code": (_Str, [_P]),
    "cloudphone_error_request_id": (_Str, [_P]),
    "cloudphone_error_retry_after_secs": (_I64, [_P]),
    "cloudphone_string_view": (_Str, [_P]),
    "cloudphone_string_free": (None, [_P]),
    "cloudphone_trace_id_format": (_U32, [_S, ctypes.c_char_p, _SZ, _PP]),
    "cloudphone_huawei_config_new_aksk": (_U32, [_S, _S, _S, _S, _S, _PP, _PP]),
    "cloudphone_huawei_config_new_token": (_U32, [_S, _S, _S, _PP, _PP]),
    "cloudphone_huawei_config_free": (None, [_P]),
    "cloudphone_geelark_config_new_key": (_U32, [_S, _S, _S, _PP, _PP]),
    "cloudphone_geelark_config_new_token": (_U32, [_S, _S, _PP, _PP]),
    "cloudphone_geelark_config_free": (None, [_P]),
    "cloudphone_request_free": (None, [_P]),
    "cloudphone_request_operation": (_Str, [_P]),
    "cloudphone_request_method": (_Str, [_P]),
    "cloudphone_request_url": (_Str, [_P]),
    "cloudphone_request_header_count": (_SZ, [_P]),
    "cloudphone_request_header_at": (_Header, [_P, _SZ]),
    "cloudphone_request_body": (_Bytes, [_P]),
    "cloudphone_request_is_idempotent": (_B, [_P]),
    "cloudphone_request_parse": (_U32, _PARSE),
    "cloudphone_request_parse_capped": (_U32, [_P, _U64] + _PARSE[1:]),
    "cloudphone_request_next": (_U32, _NEXT),
    "cloudphone_request_pages": (_B, [_P]),
    "cloudphone_item_failure_id": (_Str, [_P]),
    "cloudphone_item_failure_status": (_U32, [_P]),
    "cloudphone_item_failure_code": (_Str, [_P]),
    "cloudphone_item_failure_message": (_Str, [_P]),
    "cloudphone_huawei_show_connect_infos_build": (_U32, [_P, _SA, _SZ, _S, _U64, _S, _PP, _PP]),
    "cloudphone_connect_info_phone_id": (_Str, [_P]),
    "cloudphone_connect_info_access_ip": (_Str, [_P]),
    "cloudphone_connect_info_intranet_ip": (_Str, [_P]),
    "cloudphone_connect_info_access_ipv6": (_Str, [_P]),
    "cloudphone_connect_info_access_port": (_I32, [_P]),
    "cloudphone_connect_info_session_id": (_Str, [_P]),
    "cloudphone_connect_info_timestamp": (_Str, [_P]),
    "cloudphone_connect_info_ticket": (_Str, [_P]),
    "cloudphone_huawei_iam_create_token_build": (_U32, [_S, _S, _S, _S, _S, _B, _U64, _S, _PP, _PP]),
    "cloudphone_huawei_iam_token_value": (_Str, [_P]),
    "cloudphone_huawei_iam_token_expires_at": (_Str, [_P]),
    "cloudphone_huawei_iam_token_expires_at_unix_ms": (_U64, [_P]),
    "cloudphone_huawei_iam_token_project_id": (_Str, [_P]),
    "cloudphone_geelark_get_phone_status_build": (_U32, [_P, _SA, _SZ, _U64, _S, _PP, _PP]),
    "cloudphone_phone_state_id": (_Str, [_P]),
    "cloudphone_phone_state_serial_name": (_Str, [_P]),
    "cloudphone_phone_state_status": (_Str, [_P]),
    "cloudphone_phone_state_raw_status": (_I64, [_P]),
    "cloudphone_phone_state_is_running": (_B, [_P]),
    "cloudphone_batch_plan_new": (_U32, [_SA, _SZ, _SZ, _PP, _PP]),
    "cloudphone_batch_plan_free": (None, [_P]),
    "cloudphone_batch_plan_ids": (_IdList, [_P]),
    "cloudphone_batch_plan_call_count": (_SZ, [_P]),
    "cloudphone_batch_plan_call": (_IdList, [_P, _SZ]),
    "cloudphone_batch_merge_new": (_U32, [_P, _PP, _PP]),
    "cloudphone_batch_merge_free": (None, [_P]),
    "cloudphone_batch_merge_record": (_U32, [_P, _SZ, _P, _PP]),
    "cloudphone_batch_merge_record_error": (_U32, [_P, _SZ, _P, _PP]),
    "cloudphone_batch_merge_record_transport_error": (_U32, [_P, _SZ, _S, _PP]),
    "cloudphone_batch_merge_finish": (_U32, [_P, _PP, _PP]),
    "cloudphone_batch_outcome_free": (None, [_P]),
    "cloudphone_batch_outcome_is_complete_success": (_B, [_P]),
    "cloudphone_batch_outcome_succeeded_count": (_SZ, [_P]),
    "cloudphone_batch_outcome_connect_info_at": (_P, [_P, _SZ]),
    "cloudphone_batch_outcome_phone_state_at": (_P, [_P, _SZ]),
    "cloudphone_batch_outcome_item_id": (_Str, [_P, _SZ]),
    "cloudphone_batch_outcome_item_status": (_Str, [_P, _SZ]),
    "cloudphone_batch_outcome_item_job_id": (_Str, [_P, _SZ]),
    "cloudphone_batch_outcome_failure_count": (_SZ, [_P]),
    "cloudphone_batch_outcome_failure_at": (_P, [_P, _SZ]),
    "cloudphone_batch_outcome_missing": (_IdList, [_P]),
    "cloudphone_batch_outcome_request_ids": (_IdList, [_P]),
    "cloudphone_batch_outcome_unexpected": (_IdList, [_P]),
    "cloudphone_batch_outcome_to_json": (_U32, [_P, _PP, _PP]),
    "cloudphone_result_free": (None, [_P]),
    "cloudphone_result_operation": (_Str, [_P]),
    "cloudphone_result_request_id": (_Str, [_P]),
    "cloudphone_result_code": (_I64, [_P]),
    "cloudphone_result_total": (_I64, [_P]),
    "cloudphone_result_item_count": (_SZ, [_P]),
    "cloudphone_result_item_ids": (_IdList, [_P]),
    "cloudphone_result_item_status": (_Str, [_P, _SZ]),
    "cloudphone_result_item_job_id": (_Str, [_P, _SZ]),
    "cloudphone_result_failure_count": (_SZ, [_P]),
    "cloudphone_result_failure_at": (_P, [_P, _SZ]),
    "cloudphone_result_connect_info_count": (_SZ, [_P]),
    "cloudphone_result_connect_info_at": (_P, [_P, _SZ]),
    "cloudphone_result_phone_state_count": (_SZ, [_P]),
    "cloudphone_result_phone_state_at": (_P, [_P, _SZ]),
    "cloudphone_result_iam_token": (_P, [_P]),
    "cloudphone_result_field": (_Str, [_P, _S]),
    "cloudphone_result_to_json": (_U32, [_P, _PP, _PP]),
    "cloudphone_geelark_list_phones_build": (_U32, [_P, _U32, _U32, _S, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_start_phones_build": (_U32, [_P, _SA, _SZ, _S, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_stop_phones_build": (_U32, [_P, _SA, _SZ, _U64, _S, _PP, _PP]),
    "cloudphone_huawei_list_phones_build": (_U32, [_P, _U32, _U32, _S, _U64, _S, _PP, _PP]),
    "cloudphone_huawei_restart_phones_build": (_U32, [_P, _SA, _SZ, _S, _U64, _S, _PP, _PP]),
    "cloudphone_huawei_stop_phones_build": (_U32, [_P, _SA, _SZ, _U64, _S, _PP, _PP]),
    "cloudphone_huawei_show_phone_build": (_U32, [_P, _S, _U64, _S, _PP, _PP]),
    "cloudphone_huawei_rename_phone_build": (_U32, [_P, _S, _S, _U64, _S, _PP, _PP]),
    "cloudphone_huawei_list_servers_build": (_U32, [_P, _U32, _U32, _S, _U64, _S, _PP, _PP]),
    "cloudphone_huawei_show_server_build": (_U32, [_P, _S, _U64, _S, _PP, _PP]),
    "cloudphone_huawei_list_encode_servers_build": (_U32, [_P, _U32, _U32, _S, _U64, _S, _PP, _PP]),
    "cloudphone_huawei_list_phone_models_build": (_U32, [_P, _I64, _U32, _U32, _U64, _S, _PP, _PP]),
    "cloudphone_huawei_list_phone_images_build": (_U32, [_P, _S, _U64, _S, _PP, _PP]),
    "cloudphone_huawei_list_server_models_build": (_U32, [_P, _S, _U64, _S, _PP, _PP]),
    "cloudphone_huawei_list_images_build": (_U32, [_P, _U32, _U32, _S, _U64, _S, _PP, _PP]),
    "cloudphone_huawei_list_bandwidths_build": (_U32, [_P, _U32, _U32, _U64, _S, _PP, _PP]),
    "cloudphone_huawei_restart_servers_build": (_U32, [_P, _SA, _SZ, _U64, _S, _PP, _PP]),
    "cloudphone_huawei_restart_encode_servers_build": (_U32, [_P, _SA, _SZ, _U64, _S, _PP, _PP]),
    "cloudphone_huawei_rename_server_build": (_U32, [_P, _S, _S, _U64, _S, _PP, _PP]),
    "cloudphone_huawei_create_tags_build": (_U32, [_P, _S, _S, _U64, _S, _PP, _PP]),
    "cloudphone_huawei_delete_tags_build": (_U32, [_P, _S, _S, _U64, _S, _PP, _PP]),
    "cloudphone_huawei_list_server_tags_build": (_U32, [_P, _S, _U64, _S, _PP, _PP]),
    "cloudphone_huawei_list_project_tags_build": (_U32, [_P, _U32, _U32, _U64, _S, _PP, _PP]),
    "cloudphone_huawei_list_tagged_servers_build": (_U32, [_P, _S, _U64, _S, _PP, _PP]),
    "cloudphone_huawei_delete_image_build": (_U32, [_P, _S, _U64, _S, _PP, _PP]),
    "cloudphone_huawei_add_image_member_build": (_U32, [_P, _S, _S, _U64, _S, _PP, _PP]),
    "cloudphone_huawei_delete_image_member_build": (_U32, [_P, _S, _S, _U64, _S, _PP, _PP]),
    "cloudphone_huawei_update_image_member_build": (_U32, [_P, _S, _B, _U64, _S, _PP, _PP]),
    "cloudphone_huawei_list_image_members_build": (_U32, [_P, _S, _U32, _U64, _S, _PP, _PP]),
    "cloudphone_huawei_list_server_model_offerings_build": (_U32, [_P, _U32, _U64, _S, _PP, _PP]),
    "cloudphone_huawei_resize_bandwidth_build": (_U32, [_P, _S, _U32, _U64, _S, _PP, _PP]),
    "cloudphone_huawei_update_keypair_build": (_U32, [_P, _SA, _SZ, _S, _U64, _S, _PP, _PP]),
    "cloudphone_huawei_list_events_build": (_U32, [_P, _S, _U64, _S, _PP, _PP]),
    "cloudphone_huawei_authorize_event_build": (_U32, [_P, _S, _B, _S, _U64, _S, _PP, _PP]),
    "cloudphone_huawei_reschedule_event_build": (_U32, [_P, _S, _S, _U64, _S, _PP, _PP]),
    "cloudphone_huawei_backup_phones_build": (_U32, [_P, _S, _U64, _S, _PP, _PP]),
    "cloudphone_huawei_restore_phones_build": (_U32, [_P, _S, _U64, _S, _PP, _PP]),
    "cloudphone_huawei_expand_data_volumes_build": (_U32, [_P, _S, _U64, _S, _PP, _PP]),
    "cloudphone_huawei_set_traffic_build": (_U32, [_P, _S, _SA, _SZ, _U64, _S, _PP, _PP]),
    "cloudphone_huawei_push_share_apps_build": (_U32, [_P, _S, _S, _B, _SA, _SZ, _U64, _S, _PP, _PP]),
    "cloudphone_huawei_delete_share_apps_build": (_U32, [_P, _S, _SA, _SZ, _U64, _S, _PP, _PP]),
    "cloudphone_huawei_list_share_apps_build": (_U32, [_P, _S, _U32, _U64, _S, _PP, _PP]),
    "cloudphone_huawei_push_share_files_build": (_U32, [_P, _S, _SA, _SZ, _U64, _S, _PP, _PP]),
    "cloudphone_huawei_delete_share_files_build": (_U32, [_P, _SA, _SZ, _SA, _SZ, _U64, _S, _PP, _PP]),
    "cloudphone_huawei_list_share_files_build": (_U32, [_P, _S, _SA, _SZ, _U32, _U32, _U64, _S, _PP, _PP]),
    "cloudphone_huawei_attach_filesystem_build": (_U32, [_P, _S, _S, _SA, _SZ, _U64, _S, _PP, _PP]),
    "cloudphone_huawei_detach_filesystem_build": (_U32, [_P, _S, _SA, _SZ, _U64, _S, _PP, _PP]),
    "cloudphone_huawei_delete_servers_build": (_U32, [_P, _SA, _SZ, _U64, _S, _PP, _PP]),
    "cloudphone_huawei_change_server_model_build": (_U32, [_P, _S, _S, _S, _B, _U64, _S, _PP, _PP]),
    "cloudphone_huawei_create_servers_build": (_U32, [_P, _S, _U64, _S, _PP, _PP]),
    "cloudphone_huawei_create_single_servers_build": (_U32, [_P, _S, _U64, _S, _PP, _PP]),
    "cloudphone_huawei_change_server_build": (_U32, [_P, _S, _S, _U64, _S, _PP, _PP]),
    "cloudphone_huawei_reset_phones_build": (_U32, [_P, _SA, _SZ, _S, _U64, _S, _PP, _PP]),
    "cloudphone_huawei_update_properties_build": (_U32, [_P, _SA, _SZ, _S, _S, _U64, _S, _PP, _PP]),
    "cloudphone_huawei_show_job_build": (_U32, [_P, _S, _U64, _S, _PP, _PP]),
    "cloudphone_huawei_list_jobs_build": (_U32, [_P, _SA, _SZ, _U32, _U32, _U64, _S, _PP, _PP]),
    "cloudphone_huawei_run_command_build": (_U32, [_P, _S, _S, _SA, _SZ, _SA, _SZ, _U64, _S, _PP, _PP]),
    "cloudphone_huawei_run_sync_shell_build": (_U32, [_P, _S, _SA, _SZ, _SA, _SZ, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_delete_phones_build": (_U32, [_P, _SA, _SZ, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_update_phone_build": (_U32, [_P, _S, _S, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_create_phones_build": (_U32, [_P, _S, _S, _S, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_take_screenshot_build": (_U32, [_P, _S, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_get_screenshot_result_build": (_U32, [_P, _S, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_set_gps_build": (_U32, [_P, _GPA, _SZ, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_get_gps_build": (_U32, [_P, _SA, _SZ, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_set_adb_build": (_U32, [_P, _SA, _SZ, _B, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_get_adb_data_build": (_U32, [_P, _SA, _SZ, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_list_apps_build": (_U32, [_P, _S, _U32, _U32, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_install_app_build": (_U32, [_P, _S, _S, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_uninstall_app_build": (_U32, [_P, _S, _S, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_query_tasks_build": (_U32, [_P, _SA, _SZ, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_task_history_build": (_U32, [_P, _U32, _S, _SA, _SZ, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_show_task_build": (_U32, [_P, _S, ctypes.POINTER(_I64), _SZ, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_cancel_tasks_build": (_U32, [_P, _SA, _SZ, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_restart_tasks_build": (_U32, [_P, _SA, _SZ, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_execute_shell_build": (_U32, [_P, _S, _S, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_restart_phone_build": (_U32, [_P, _S, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_set_callback_build": (_U32, [_P, _S, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_get_callback_build": (_U32, [_P, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_callback_read": (_U32, [_P, _B, _HA, _SZ, _U8P, _SZ, _U64, _PP, _PP]),
    "cloudphone_geelark_list_proxies_build": (_U32, [_P, _U32, _U32, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_add_proxies_build": (_U32, [_P, _S, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_update_proxies_build": (_U32, [_P, _S, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_delete_proxies_build": (_U32, [_P, _SA, _SZ, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_check_proxy_build": (_U32, [_P, _S, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_list_installable_apps_build": (_U32, [_P, _S, _S, _U32, _U32, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_list_shop_apps_build": (_U32, [_P, _S, _U32, _U32, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_create_rpa_task_build": (_U32, [_P, _S, _S, _U64, _S, _S, _S, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_list_proxy_groups_build": (_U32, [_P, _U32, _U32, _S, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_add_proxy_group_build": (_U32, [_P, _S, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_rename_proxy_group_build": (_U32, [_P, _S, _S, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_delete_proxy_groups_build": (_U32, [_P, _SA, _SZ, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_clone_phone_build": (_U32, [_P, _S, _U32, _S, _B, _B, _B, _B, _B, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_upload_app_build": (_U32, [_P, _S, _S, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_get_app_upload_status_build": (_U32, [_P, _S, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_list_team_apps_build": (_U32, [_P, _U32, _U32, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_import_flow_build": (_U32, [_P, _S, _S, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_export_flow_build": (_U32, [_P, _S, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_add_team_app_build": (_U32, [_P, _S, _S, _SA, _SZ, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_remove_team_app_build": (_U32, [_P, _S, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_set_app_auth_build": (_U32, [_P, _S, _B, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_set_app_auto_start_build": (_U32, [_P, _S, _B, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_set_app_keep_alive_build": (_U32, [_P, _S, _B, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_set_app_root_build": (_U32, [_P, _S, _B, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_set_app_hidden_build": (_U32, [_P, _S, _B, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_set_app_auto_install_build": (_U32, [_P, _S, _B, _SA, _SZ, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_get_net_config_build": (_U32, [_P, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_set_net_config_build": (_U32, [_P, _SA, _SZ, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_install_patch_build": (_U32, [_P, _S, _S, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_get_patch_status_build": (_U32, [_P, _S, _S, _S, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_list_patches_build": (_U32, [_P, _S, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_uninstall_patch_build": (_U32, [_P, _S, _S, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_customize_build": (_U32, [_P, _S, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_get_material_upload_url_build": (_U32, [_P, _S, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_create_material_build": (_U32, [_P, _S, _SA, _SZ, _S, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_delete_materials_build": (_U32, [_P, _SA, _SZ, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_search_materials_build": (_U32, [_P, _U32, _U32, _S, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_create_material_tag_build": (_U32, [_P, _S, ctypes.c_uint8, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_delete_material_tags_build": (_U32, [_P, _SA, _SZ, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_search_material_tags_build": (_U32, [_P, _U32, _U32, _S, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_set_material_tags_build": (_U32, [_P, _SA, _SZ, _SA, _SZ, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_list_analytics_accounts_build": (_U32, [_P, _U32, _U32, _S, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_add_analytics_accounts_build": (_U32, [_P, _I32, _S, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_delete_analytics_account_build": (_U32, [_P, _I32, _S, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_update_analytics_account_build": (_U32, [_P, _S, _S, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_get_analytics_data_build": (_U32, [_P, _U32, _U32, _S, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_list_analytics_tags_build": (_U32, [_P, _U32, _U32, _S, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_create_analytics_tag_build": (_U32, [_P, _S, ctypes.c_uint8, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_update_analytics_tag_build": (_U32, [_P, _S, _S, _I32, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_delete_analytics_tags_build": (_U32, [_P, _SA, _SZ, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_upgrade_plan_build": (_U32, [_P, _S, _U32, _U32, _U16, _S, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_renew_plan_build": (_U32, [_P, _U16, _S, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_buy_time_add_on_build": (_U32, [_P, _U32, _S, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_recharge_wallet_build": (_U32, [_P, ctypes.c_uint8, _U32, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_list_transactions_build": (_U32, [_P, _S, _U64, _U64, _U32, _S, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_list_team_brands_build": (_U32, [_P, ctypes.c_uint8, _U32, _U32, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_add_tasks_build": (_U32, [_P, ctypes.c_uint8, _S, _S, _S, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_list_flows_build": (_U32, [_P, _U32, _U32, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_create_flow_task_build": (_U32, [_P, _S, _S, _U64, _S, _S, _S, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_list_groups_build": (_U32, [_P, _U32, _U32, _S, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_add_groups_build": (_U32, [_P, _S, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_update_groups_build": (_U32, [_P, _S, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_delete_groups_build": (_U32, [_P, _SA, _SZ, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_list_tags_build": (_U32, [_P, _U32, _U32, _S, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_add_tags_build": (_U32, [_P, _S, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_update_tags_build": (_U32, [_P, _S, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_delete_tags_build": (_U32, [_P, _SA, _SZ, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_auth_status_build": (_U32, [_P, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_get_wallet_build": (_U32, [_P, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_get_plan_build": (_U32, [_P, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_list_profile_plans_build": (_U32, [_P, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_list_brands_build": (_U32, [_P, ctypes.c_uint8, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_get_serial_number_build": (_U32, [_P, _S, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_get_upload_url_build": (_U32, [_P, _S, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_upload_file_build": (_U32, [_P, _S, _U8P, _SZ, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_upload_to_phone_build": (_U32, [_P, _S, _S, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_get_upload_result_build": (_U32, [_P, _S, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_upload_keybox_build": (_U32, [_P, _S, _S, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_get_keybox_result_build": (_U32, [_P, _S, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_send_sms_build": (_U32, [_P, _S, _S, _S, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_set_net_type_build": (_U32, [_P, _S, _B, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_hide_accessibility_build": (_U32, [_P, _SA, _SZ, _SA, _SZ, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_move_to_group_build": (_U32, [_P, _SA, _SZ, _S, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_set_root_build": (_U32, [_P, _SA, _SZ, _B, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_import_contacts_build": (_U32, [_P, _S, _S, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_get_contacts_result_build": (_U32, [_P, _S, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_transfer_phones_build": (_U32, [_P, _SA, _SZ, _S, _SA, _SZ, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_new_identity_build": (_U32, [_P, _S, _B, _B, _B, _B, _B, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_start_app_build": (_U32, [_P, _S, _S, _S, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_stop_app_build": (_U32, [_P, _S, _S, _S, _U64, _S, _PP, _PP]),
    "cloudphone_geelark_app_batch_build": (_U32, [_P, ctypes.c_uint8, _S, _S, _SA, _SZ, _U64, _S, _PP, _PP]),
    "cloudphone_huawei_client_new": (_U32, [_P, _U64, _PP, _PP]),
    "cloudphone_huawei_client_free": (None, [_P]),
    "cloudphone_huawei_client_show_connect_infos": (_U32, [_P, _SA, _SZ, _S, _PP, _PP]),
    "cloudphone_geelark_client_new": (_U32, [_P, _U64, _PP, _PP]),
    "cloudphone_geelark_client_free": (None, [_P]),
    "cloudphone_geelark_client_get_phone_status": (_U32, [_P, _SA, _SZ, _PP, _PP]),
    "cloudphone_huawei_client_from_env": (_U32, [_U64, _PP, _PP]),
    "cloudphone_geelark_client_from_env": (_U32, [_U64, _PP, _PP]),
    "cloudphone_huawei_client_call": (_U32, [_P, _P, _PP, _PP]),
    "cloudphone_geelark_client_call": (_U32, [_P, _P, _PP, _PP]),
}


class _Lib:
    """The C functions with their signatures set (set as attributes below,
    one per C function, without the ``cloudphone_`` prefix)."""

    def __getattr__(self, name: str) -> Any:
        raise AttributeError("libcloudphone has no function cloudphone_%s" % name)


C = _Lib()
for _name, (_res, _args) in _SIGNATURES.items():
    _f = getattr(_lib, _name)
    _f.restype = _res
    _f.argtypes = _args
    setattr(C, _name[len("cloudphone_"):], _f)

# ------------------------------------------------------------ conversions


def _view(s: _Str) -> Optional[str]:
    """A borrowed {ptr, len} view as str; None for an absent {NULL, 0}."""
    if not s.ptr:
        return None
    return ctypes.string_at(s.ptr, s.len).decode("utf-8")


def _text(s: _Str) -> str:
    v = _view(s)
    return "" if v is None else v


def _cstr(value: Union[str, bytes, None], what: str) -> Optional[bytes]:
    """A str (or raw bytes, passed through for the C side to validate) as a
    NUL-terminated argument. None stays NULL."""
    if value is None:
        return None
    if isinstance(value, str):
        value = value.encode("utf-8", "surrogateescape")
    if not isinstance(value, (bytes, bytearray)):
        raise TypeError("%s must be str, not %s" % (what, type(value).__name__))
    if b"\0" in value:
        raise ValueError("%s contains a NUL character" % what)
    return bytes(value)


def _opt_json(value: Optional[Mapping[str, Any]], what: str) -> Optional[bytes]:
    """A dict as a JSON argument; None is NULL."""
    return None if value is None else _cstr(json.dumps(dict(value)), what)


def _id_array(ids: Optional[Iterable[Union[str, bytes, None]]], what: str =  "ids") -> Tuple[Any, int]:
    """A `const char *const *` array and its length; None is (NULL, 0)."""
    if ids is None:
        return None, 0
    if isinstance(ids, (str, bytes)):
        raise TypeError("%s must be a sequence of strings, not a single string" % what)
    encoded = [_cstr(i, what) for i in ids]
    arr = (ctypes.c_char_p * len(encoded))(*encoded) if encoded else None
    return arr, len(encoded)


def _id_list(lst: _IdList) -> List[str]:
    return [lst.ids[i].decode("utf-8") for i in range(lst.len)]


def _handle_of(obj: Optional["_Handle"]) -> Optional[int]:
    """The C handle of a wrapper (None, i.e. NULL, for None or a closed one)."""
    return None if obj is None else obj._h


def _options(options: Any, what: str =  "options") -> Optional[bytes]:
    """Options (or any JSON argument) as the C functions take them: NULL, or
    JSON text; a dict or list is serialized."""
    if options is None:
        return None
    if not isinstance(options, (str, bytes)):
        options = json.dumps(options)
    return _cstr(options, what)


def _gps_positions(positions: Sequence[Any]) -> Tuple[Any, int]:
    """A `cloudphone_gps_position` array and its length from `(id, latitude,
    longitude)` tuples or a dict `{id: (latitude, longitude)}`; None is (NULL, 0)."""
    if positions is None:
        return None, 0
    if isinstance(positions, (str, bytes)):
        raise TypeError("positions must be a sequence of (id, latitude, longitude), not a string")
    if isinstance(positions, dict):
        positions = [(k,) + tuple(v) for k, v in positions.items()]
    out = []
    for p in positions:
        phone_id, latitude, longitude = p
        out.append(_GpsPosition(_cstr(phone_id, "position id"), float(latitude), float(longitude)))
    arr = (_GpsPosition * len(out))(*out) if out else None
    return arr, len(out)


def _now_ms() -> int:
    return int(time.time() * 1000)


def version() -> str:
    """The library's version, e.g. "0.1.0"."""
    return str(C.version().decode())


def has_client() -> bool:
    """Whether the library was built with the blocking client."""
    return bool(C.has_client())


def status_name(status: int) -> str:
    """The stable short name of a status ("ok", "rate_limited", ...)."""
    return str(C.status_name(status).decode())


# ----------------------------------------------------------------- errors

STATUS_OK = 0
#: Bytes of a trace-id buffer (32 hex characters and a NUL; CLOUDPHONE_TRACE_ID_SIZE).
TRACE_ID_SIZE = 33
STATUS_INVALID_INPUT = 100
STATUS_NULL_ARGUMENT = 101
STATUS_INVALID_UTF8 = 102
STATUS_TRANSPORT = 200
STATUS_TIMEOUT = 201
STATUS_BODY_TOO_LARGE = 202
STATUS_LIMIT_EXCEEDED = 203
STATUS_API = 300
STATUS_AUTH = 301
STATUS_RATE_LIMITED = 302
STATUS_LOCKOUT = 303
STATUS_DECODE = 400
STATUS_UNSUPPORTED = 500
STATUS_PANIC = 600


class Error(Exception):
    """A call that failed as a whole.

    Attributes: ``status`` (int, a ``STATUS_*``), ``status_name``,
    ``message``, ``http_status`` (0 when no answer was involved),
    ``provider`` ("huawei"/"geelark" or None), ``provider_code``
    ("CPS.0005", "42001", ...), ``request_id``, ``retry_after_secs``.
    """

    def __init__(self, status: int, handle: Optional[int] =  None):
        self.status = status
        self.status_name = status_name(status)
        self._handle = handle
        if handle:
            self.message = _text(C.error_message(handle))
            self.http_status = int(C.error_http_status(handle))
            self.provider = _view(C.error_provider(handle))
            self.provider_code = _view(C.error_provider_code(handle))
            self.request_id = _view(C.error_request_id(handle))
            retry = int(C.error_retry_after_secs(handle))
            self.retry_after_secs = None if retry < 0 else retry
        else:
            self.message = "cloudphone: " + self.status_name
            self.http_status = 0
            self.provider = self.provider_code = self.request_id = None
            self.retry_after_secs = None
        super().__init__(self.message)

    def __del__(self) -> None:
        h, self._handle = getattr(self, "_handle", None), None
        if h and C is not None and getattr(C, "error_free", None) is not None:
            C.error_free(h)

    def __repr__(self) -> str:
        return "%s(status=%r, http_status=%r, provider_code=%r, request_id=%r, message=%r)" % (
            type(self).__name__, self.status_name, self.http_status, self.provider_code,
            self.request_id, self.message)


class InvalidInputError(Error, ValueError):
    """Refused before anything was built (100, 102)."""


class NullArgumentError(InvalidInputError):
    """A required handle was closed/None (101)."""


class TransportError(Error):
    """The connection failed (client path; 200, 202)."""


class RequestTimeoutError(TransportError):
    """A timeout fired (201)."""


class ApiError(Error):
    """The provider answered with an error (300)."""


class AuthError(ApiError):
    """Credentials or signature refused (301)."""


class RateLimitedError(ApiError):
    """Throttled; retrying later may succeed (302)."""


class LockoutError(ApiError):
    """GeeLark's two-hour quota lock (303); never retry."""


class DecodeError(Error):
    """The body was not the documented JSON (400)."""


class UnsupportedError(Error):
    """Not compiled into this build of the library (500)."""


class InternalError(Error):
    """A panic caught at the C boundary: a bug in the library (600)."""


_ERROR_CLASSES = {
    STATUS_INVALID_INPUT: InvalidInputError, STATUS_NULL_ARGUMENT: NullArgumentError,
    STATUS_INVALID_UTF8: InvalidInputError, STATUS_TRANSPORT: TransportError,
    STATUS_TIMEOUT: RequestTimeoutError, STATUS_BODY_TOO_LARGE: TransportError, STATUS_LIMIT_EXCEEDED: TransportError, STATUS_API: ApiError,
    STATUS_AUTH: AuthError, STATUS_RATE_LIMITED: RateLimitedError, STATUS_LOCKOUT: LockoutError,
    STATUS_DECODE: DecodeError, STATUS_UNSUPPORTED: UnsupportedError, STATUS_PANIC: InternalError,
}


def _call(f: Any, *args: Any) -> None:
    """Calls a fallible C function with a trailing error slot; raises on failure."""
    err = ctypes.c_void_p()
    status = f(*args, ctypes.byref(err))
    if status != STATUS_OK:
        raise _ERROR_CLASSES.get(status, Error)(status, err.value)
    if err.value:  # never set on success
        C.error_free(err.value)


def _out(f: Any, *args: Any) -> int:
    """Calls a constructor-like C function; returns the new handle."""
    out = ctypes.c_void_p()
    _call(f, *args, ctypes.byref(out))
    return int(out.value or 0)


def _take_string(handle: int) -> str:
    try:
        return _text(C.string_view(handle))
    finally:
        C.string_free(handle)


def format_trace_id(random16: Optional[bytes] =  None) -> str:
    """A GeeLark trace id (32 uppercase hex) from 16 random bytes
    (os.urandom(16) when not given)."""
    if random16 is None:
        random16 = os.urandom(16)
    if len(random16) != 16:
        raise ValueError("format_trace_id takes exactly 16 bytes")
    buf = ctypes.create_string_buffer(TRACE_ID_SIZE)
    _call(C.trace_id_format, bytes(random16), buf, TRACE_ID_SIZE)
    return buf.value.decode("ascii")


# ---------------------------------------------------------------- handles


_H = TypeVar("_H", bound="_Handle")
_R = TypeVar("_R", bound="_Result")


class _Handle:
    """An owned C handle: close() (or `with`, or garbage collection) frees it."""

    _free_name = ""

    def __init__(self, handle: int):
        self._h: Optional[int] = handle

    @property
    def closed(self) -> bool:
        return not self._h

    def close(self) -> None:
        h, self._h = self._h, None
        if h:
            getattr(C, self._free_name)(h)

    def __enter__(self: _H) -> _H:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __del__(self) -> None:
        # At interpreter shutdown the module globals may already be gone.
        if getattr(self, "_h", None) and C is not None:
            try:
                self.close()
            except Exception:  # pragma: no cover
                pass


class HuaweiConfig(_Handle):
    """Endpoint, project id and credentials for Huawei Cloud CPH."""

    _free_name = "huawei_config_free"

    @classmethod
    def aksk(cls, region_or_endpoint: str, project_id: str, access_key: str, secret_key: str, security_token: Optional[str] = None) -> "HuaweiConfig":
        """AK/SK signing; `region_or_endpoint` is "cn-north-4" or a URL with "://"."""
        return cls(_out(C.huawei_config_new_aksk, _cstr(region_or_endpoint, "region_or_endpoint"),
                        _cstr(project_id, "project_id"), _cstr(access_key, "access_key"),
                        _cstr(secret_key, "secret_key"), _cstr(security_token, "security_token")))

    @classmethod
    def token(cls, region_or_endpoint: str, project_id: str, token: str) -> "HuaweiConfig":
        """An IAM token sent as X-Auth-Token."""
        return cls(_out(C.huawei_config_new_token, _cstr(region_or_endpoint, "region_or_endpoint"),
                        _cstr(project_id, "project_id"), _cstr(token, "token")))

    def show_connect_infos_request(self, phone_ids: Iterable[str], client_type: str = "ANDROID", now_unix_ms: Optional[int] = None) -> "Request":
        """POST .../phones/batch-connection for 1..10 ids (cloudphone_huawei_show_connect_infos_build)."""
        arr, n = _id_array(phone_ids, "phone_ids")
        now = _now_ms() if now_unix_ms is None else now_unix_ms
        return Request(_out(C.huawei_show_connect_infos_build, self._h, arr, n,
                            _cstr(client_type, "client_type"), now, None))

    def list_phones_request(self, offset: int = 0, limit: int = 100, options: Optional[Mapping[str, Any]] = None, now_unix_ms: Optional[int] = None) -> "Request":
        """GET .../cloud-phone/phones (a page; filters in `options`, a dict or JSON text;
        cloudphone_huawei_list_phones_build). Page on with `request.next_request(config, result)`."""
        now = _now_ms() if now_unix_ms is None else now_unix_ms
        return Request(_out(C.huawei_list_phones_build, self._h, offset, limit, _options(options), now, None))

    def restart_phones_request(self, phone_ids: Iterable[str], options: Optional[Mapping[str, Any]] = None, now_unix_ms: Optional[int] = None) -> "Request":
        """POST .../phones/batch-restart, one job per phone (cloudphone_huawei_restart_phones_build)."""
        arr, n = _id_array(phone_ids, "phone_ids")
        now = _now_ms() if now_unix_ms is None else now_unix_ms
        return Request(_out(C.huawei_restart_phones_build, self._h, arr, n, _options(options), now, None))

    def stop_phones_request(self, phone_ids: Iterable[str], now_unix_ms: Optional[int] = None) -> "Request":
        """POST .../phones/batch-stop, one job per phone (cloudphone_huawei_stop_phones_build)."""
        arr, n = _id_array(phone_ids, "phone_ids")
        now = _now_ms() if now_unix_ms is None else now_unix_ms
        return Request(_out(C.huawei_stop_phones_build, self._h, arr, n, now, None))

    def show_phone_request(self, phone_id: str, now_unix_ms: Optional[int] = None) -> "Request":
        """GET .../phones/{phone_id} (cloudphone_huawei_show_phone_build)."""
        now = _now_ms() if now_unix_ms is None else now_unix_ms
        return Request(_out(C.huawei_show_phone_build, self._h, _cstr(phone_id, "phone_id"), now, None))

    def rename_phone_request(self, phone_id: str, phone_name: str, now_unix_ms: Optional[int] = None) -> "Request":
        """PUT .../phones/{phone_id} (cloudphone_huawei_rename_phone_build)."""
        now = _now_ms() if now_unix_ms is None else now_unix_ms
        return Request(_out(C.huawei_rename_phone_build, self._h, _cstr(phone_id, "phone_id"),
                            _cstr(phone_name, "phone_name"), now, None))

    def list_servers_request(self, offset: int = 0, limit: int = 100, options: Optional[Mapping[str, Any]] = None, now_unix_ms: Optional[int] = None) -> "Request":
        """GET .../cloud-phone/servers, a page (cloudphone_huawei_list_servers_build;
        filters in `options`). Page on with `request.next_request(config, result)`."""
        now = _now_ms() if now_unix_ms is None else now_unix_ms
        return Request(_out(C.huawei_list_servers_build, self._h, offset, limit, _options(options), now, None))

    def show_server_request(self, server_id: str, now_unix_ms: Optional[int] = None) -> "Request":
        """GET .../servers/{server_id} (cloudphone_huawei_show_server_build)."""
        now = _now_ms() if now_unix_ms is None else now_unix_ms
        return Request(_out(C.huawei_show_server_build, self._h, _cstr(server_id, "server_id"), now, None))

    def list_encode_servers_request(self, offset: int = 0, limit: int = 100, options: Optional[Mapping[str, Any]] = None, now_unix_ms: Optional[int] = None) -> "Request":
        """GET .../cloud-phone/encode-servers, a page (cloudphone_huawei_list_encode_servers_build;
        filters in `options`). Page on with `request.next_request(config, result)`."""
        now = _now_ms() if now_unix_ms is None else now_unix_ms
        return Request(_out(C.huawei_list_encode_servers_build, self._h, offset, limit, _options(options), now,
                            None))

    def reset_phones_request(self, phone_ids: Iterable[str], options: Optional[Mapping[str, Any]] = None, now_unix_ms: Optional[int] = None) -> "Request":
        """POST .../phones/batch-reset, one job per phone (cloudphone_huawei_reset_phones_build)."""
        arr, n = _id_array(phone_ids, "phone_ids")
        now = _now_ms() if now_unix_ms is None else now_unix_ms
        return Request(_out(C.huawei_reset_phones_build, self._h, arr, n, _options(options), now, None))

    def update_properties_request(self, phone_ids: Iterable[str], properties: Optional[Mapping[str, Any]] = None, custom_properties: Optional[Mapping[str, Any]] = None,
                                  now_unix_ms: Optional[int] = None) -> "Request":
        """POST .../phones/batch-update-property, the same properties on every phone
        (cloudphone_huawei_update_properties_build; dicts or JSON text)."""
        arr, n = _id_array(phone_ids, "phone_ids")
        now = _now_ms() if now_unix_ms is None else now_unix_ms
        return Request(_out(C.huawei_update_properties_build, self._h, arr, n, _options(properties, "properties"),
                            _options(custom_properties, "custom_properties"), now, None))

    def list_phone_models_request(self, status: Optional[int] = None, offset: int = 0, limit: int = 100, now_unix_ms: Optional[int] = None) -> "Request":
        """GET .../cloud-phone/phone-models, a page of phone flavors (status 1 in use,
        0 withdrawn, None every one; cloudphone_huawei_list_phone_models_build)."""
        now = _now_ms() if now_unix_ms is None else now_unix_ms
        return Request(_out(C.huawei_list_phone_models_build, self._h, -1 if status is None else status,
                            offset, limit, now, None))

    def list_phone_images_request(self, options: Optional[Mapping[str, Any]] = None, now_unix_ms: Optional[int] = None) -> "Request":
        """GET .../cloud-phone/phone-images, a page of the images phones can run
        (`options`: image_type, limit, marker; cloudphone_huawei_list_phone_images_build).
        Page on by marker with `request.next_request(result)`."""
        now = _now_ms() if now_unix_ms is None else now_unix_ms
        return Request(_out(C.huawei_list_phone_images_build, self._h, _options(options), now, None))

    def list_server_models_request(self, options: Optional[Mapping[str, Any]] = None, now_unix_ms: Optional[int] = None) -> "Request":
        """GET .../cloud-phone/server-models, a page of server flavors (`options`:
        product_type, limit, marker; cloudphone_huawei_list_server_models_build)."""
        now = _now_ms() if now_unix_ms is None else now_unix_ms
        return Request(_out(C.huawei_list_server_models_build, self._h, _options(options), now, None))

    def list_images_request(self, offset: int = 0, limit: int = 100, options: Optional[Mapping[str, Any]] = None, now_unix_ms: Optional[int] = None) -> "Request":
        """GET .../cloud-phone/images, a page of custom images (filters in `options`:
        image_type, status, image_id, image_name, create_since, create_until,
        src_project_id; cloudphone_huawei_list_images_build)."""
        now = _now_ms() if now_unix_ms is None else now_unix_ms
        return Request(_out(C.huawei_list_images_build, self._h, offset, limit, _options(options), now, None))

    def list_bandwidths_request(self, offset: int = 0, limit: int = 100, now_unix_ms: Optional[int] = None) -> "Request":
        """GET .../cloud-phone/bandwidths, a page (cloudphone_huawei_list_bandwidths_build)."""
        now = _now_ms() if now_unix_ms is None else now_unix_ms
        return Request(_out(C.huawei_list_bandwidths_build, self._h, offset, limit, now, None))

    def restart_servers_request(self, server_ids: Iterable[str], now_unix_ms: Optional[int] = None) -> "Request":
        """POST .../servers/batch-restart, one job per server (cloudphone_huawei_restart_servers_build)."""
        arr, n = _id_array(server_ids, "server_ids")
        now = _now_ms() if now_unix_ms is None else now_unix_ms
        return Request(_out(C.huawei_restart_servers_build, self._h, arr, n, now, None))

    def restart_encode_servers_request(self, encode_server_ids: Iterable[str], now_unix_ms: Optional[int] = None) -> "Request":
        """POST .../encode-servers/batch-restart, one job per encode server
        (cloudphone_huawei_restart_encode_servers_build)."""
        arr, n = _id_array(encode_server_ids, "encode_server_ids")
        now = _now_ms() if now_unix_ms is None else now_unix_ms
        return Request(_out(C.huawei_restart_encode_servers_build, self._h, arr, n, now, None))

    def rename_server_request(self, server_id: str, server_name: str, now_unix_ms: Optional[int] = None) -> "Request":
        """PUT .../servers/{server_id} (cloudphone_huawei_rename_server_build)."""
        now = _now_ms() if now_unix_ms is None else now_unix_ms
        return Request(_out(C.huawei_rename_server_build, self._h, _cstr(server_id, "server_id"),
                            _cstr(server_name, "server_name"), now, None))

    def create_tags_request(self, server_id: str, tags: Sequence[Any], now_unix_ms: Optional[int] = None) -> "Request":
        """POST .../cph-server/{server_id}/tags/action, create: `tags` is a
        {key: value} dict (cloudphone_huawei_create_tags_build)."""
        now = _now_ms() if now_unix_ms is None else now_unix_ms
        body = json.dumps([{"key": k, "value": v} for k, v in dict(tags).items()])
        return Request(_out(C.huawei_create_tags_build, self._h, _cstr(server_id, "server_id"),
                            _cstr(body, "tags"), now, None))

    def delete_tags_request(self, server_id: str, tags: Sequence[Any], now_unix_ms: Optional[int] = None) -> "Request":
        """POST .../cph-server/{server_id}/tags/action, delete: `tags` is a
        {key: value} dict (cloudphone_huawei_delete_tags_build)."""
        now = _now_ms() if now_unix_ms is None else now_unix_ms
        body = json.dumps([{"key": k, "value": v} for k, v in dict(tags).items()])
        return Request(_out(C.huawei_delete_tags_build, self._h, _cstr(server_id, "server_id"),
                            _cstr(body, "tags"), now, None))

    def list_server_tags_request(self, server_id: str, now_unix_ms: Optional[int] = None) -> "Request":
        """GET .../cph-server/{server_id}/tags (cloudphone_huawei_list_server_tags_build)."""
        now = _now_ms() if now_unix_ms is None else now_unix_ms
        return Request(_out(C.huawei_list_server_tags_build, self._h, _cstr(server_id, "server_id"), now, None))

    def list_project_tags_request(self, offset: int = 0, limit: int = 100, now_unix_ms: Optional[int] = None) -> "Request":
        """GET .../cph-server/tags, a page of keys with their values
        (cloudphone_huawei_list_project_tags_build)."""
        now = _now_ms() if now_unix_ms is None else now_unix_ms
        return Request(_out(C.huawei_list_project_tags_build, self._h, offset, limit, now, None))

    def list_tagged_servers_request(self, options: Optional[Mapping[str, Any]] = None, now_unix_ms: Optional[int] = None) -> "Request":
        """POST .../cph-server/resource_instances/action: servers by tag (`options`:
        tags, name, without_any_tag, count, offset, limit;
        cloudphone_huawei_list_tagged_servers_build)."""
        now = _now_ms() if now_unix_ms is None else now_unix_ms
        return Request(_out(C.huawei_list_tagged_servers_build, self._h, _options(options), now, None))

    def delete_image_request(self, image_id: str, now_unix_ms: Optional[int] = None) -> "Request":
        """DELETE .../cloud-phone/images/{image_id} (cloudphone_huawei_delete_image_build)."""
        now = _now_ms() if now_unix_ms is None else now_unix_ms
        return Request(_out(C.huawei_delete_image_build, self._h, _cstr(image_id, "image_id"), now, None))

    def add_image_member_request(self, image_id: str, member: str, now_unix_ms: Optional[int] = None) -> "Request":
        """POST .../images/{image_id}/members: share with project `member`
        (cloudphone_huawei_add_image_member_build)."""
        now = _now_ms() if now_unix_ms is None else now_unix_ms
        return Request(_out(C.huawei_add_image_member_build, self._h, _cstr(image_id, "image_id"),
                            _cstr(member, "member"), now, None))

    def delete_image_member_request(self, image_id: str, member_id: str, now_unix_ms: Optional[int] = None) -> "Request":
        """DELETE .../images/{image_id}/members/{member_id}
        (cloudphone_huawei_delete_image_member_build)."""
        now = _now_ms() if now_unix_ms is None else now_unix_ms
        return Request(_out(C.huawei_delete_image_member_build, self._h, _cstr(image_id, "image_id"),
                            _cstr(member_id, "member_id"), now, None))

    def update_image_member_request(self, image_id: str, accept: bool, now_unix_ms: Optional[int] = None) -> "Request":
        """PUT .../images/{image_id}/members: accept (True) or reject a shared image
        (cloudphone_huawei_update_image_member_build)."""
        now = _now_ms() if now_unix_ms is None else now_unix_ms
        return Request(_out(C.huawei_update_image_member_build, self._h, _cstr(image_id, "image_id"),
                            bool(accept), now, None))

    def list_image_members_request(self, image_id: str, limit: int = 100, now_unix_ms: Optional[int] = None) -> "Request":
        """GET .../images/{image_id}/members, a page by marker
        (cloudphone_huawei_list_image_members_build)."""
        now = _now_ms() if now_unix_ms is None else now_unix_ms
        return Request(_out(C.huawei_list_image_members_build, self._h, _cstr(image_id, "image_id"),
                            limit, now, None))

    def list_server_model_offerings_request(self, limit: int = 100, now_unix_ms: Optional[int] = None) -> "Request":
        """GET .../server-model-offerings, a page by marker
        (cloudphone_huawei_list_server_model_offerings_build)."""
        now = _now_ms() if now_unix_ms is None else now_unix_ms
        return Request(_out(C.huawei_list_server_model_offerings_build, self._h, limit, now, None))

    def resize_bandwidth_request(self, band_width_id: str, mbit_per_s: int, now_unix_ms: Optional[int] = None) -> "Request":
        """PUT .../bandwidths/{band_width_id} (cloudphone_huawei_resize_bandwidth_build)."""
        now = _now_ms() if now_unix_ms is None else now_unix_ms
        return Request(_out(C.huawei_resize_bandwidth_build, self._h, _cstr(band_width_id, "band_width_id"),
                            mbit_per_s, now, None))

    def update_keypair_request(self, server_ids: Iterable[str], keypair_name: str, now_unix_ms: Optional[int] = None) -> "Request":
        """PUT .../servers/open-access, one job per server
        (cloudphone_huawei_update_keypair_build)."""
        arr, n = _id_array(server_ids, "server_ids")
        now = _now_ms() if now_unix_ms is None else now_unix_ms
        return Request(_out(C.huawei_update_keypair_build, self._h, arr, n,
                            _cstr(keypair_name, "keypair_name"), now, None))

    def list_events_request(self, options: Optional[Mapping[str, Any]] = None, now_unix_ms: Optional[int] = None) -> "Request":
        """GET .../scheduled-events, a page by marker (`options`: event_id, server_id,
        publish_since, publish_until, state, type, limit; cloudphone_huawei_list_events_build)."""
        now = _now_ms() if now_unix_ms is None else now_unix_ms
        return Request(_out(C.huawei_list_events_build, self._h, _options(options), now, None))

    def authorize_event_request(self, event_id: str, redeploy: bool = False, not_before: Optional[str] = None, now_unix_ms: Optional[int] = None) -> "Request":
        """POST .../scheduled-events/{event_id}/authorize: maintenance at `not_before`
        (RFC 3339, None = now) or a redeploy (cloudphone_huawei_authorize_event_build)."""
        now = _now_ms() if now_unix_ms is None else now_unix_ms
        return Request(_out(C.huawei_authorize_event_build, self._h, _cstr(event_id, "event_id"),
                            bool(redeploy), None if not_before is None else _cstr(not_before, "not_before"),
                            now, None))

    def reschedule_event_request(self, event_id: str, not_before: str, now_unix_ms: Optional[int] = None) -> "Request":
        """PUT .../scheduled-events/{event_id} (cloudphone_huawei_reschedule_event_build)."""
        now = _now_ms() if now_unix_ms is None else now_unix_ms
        return Request(_out(C.huawei_reschedule_event_build, self._h, _cstr(event_id, "event_id"),
                            _cstr(not_before, "not_before"), now, None))

    def _json_request(self, fn: Any, name: str, value: Any, now_unix_ms: Optional[int]) -> "Request":
        now = _now_ms() if now_unix_ms is None else now_unix_ms
        return Request(_out(fn, self._h, _cstr(json.dumps(value), name), now, None))

    def backup_phones_request(self, backups: Sequence[Any], now_unix_ms: Optional[int] = None) -> "Request":
        """POST .../phones/batch-storage: `backups` is a list of {phone_id, include_files,
        exclude_files, bucket_name, object_path} (cloudphone_huawei_backup_phones_build)."""
        return self._json_request(C.huawei_backup_phones_build, "backups", list(backups), now_unix_ms)

    def restore_phones_request(self, restores: Sequence[Any], now_unix_ms: Optional[int] = None) -> "Request":
        """POST .../phones/batch-restore: `restores` is a list of {phone_id, bucket_name,
        object_path} (cloudphone_huawei_restore_phones_build)."""
        return self._json_request(C.huawei_restore_phones_build, "restores", list(restores), now_unix_ms)

    def expand_data_volumes_request(self, sizes: Sequence[Any], now_unix_ms: Optional[int] = None) -> "Request":
        """POST .../phones/expand-volume (billable): `sizes` is {phone_id: new_size_gib}
        (cloudphone_huawei_expand_data_volumes_build)."""
        value = [{"phone_id": p, "new_size": n} for p, n in dict(sizes).items()]
        return self._json_request(C.huawei_expand_data_volumes_build, "sizes", value, now_unix_ms)

    def set_traffic_request(self, traffic_type: str, phone_ids: Iterable[str], now_unix_ms: Optional[int] = None) -> "Request":
        """POST .../phones-traffic, "direct" or "routing" (cloudphone_huawei_set_traffic_build)."""
        arr, n = _id_array(phone_ids, "phone_ids")
        now = _now_ms() if now_unix_ms is None else now_unix_ms
        return Request(_out(C.huawei_set_traffic_build, self._h, _cstr(traffic_type, "traffic_type"), arr, n,
                            now, None))

    def push_share_apps_request(self, package_name: str, bucket_name: str, object_path: str, server_ids: Iterable[str], preinstall: bool = False,
                                now_unix_ms: Optional[int] = None) -> "Request":
        """POST .../phones/share-apps (cloudphone_huawei_push_share_apps_build)."""
        arr, n = _id_array(server_ids, "server_ids")
        now = _now_ms() if now_unix_ms is None else now_unix_ms
        obj = json.dumps({"bucket_name": bucket_name, "object_path": object_path})
        return Request(_out(C.huawei_push_share_apps_build, self._h, _cstr(package_name, "package_name"),
                            _cstr(obj, "object"), bool(preinstall), arr, n, now, None))

    def delete_share_apps_request(self, package_name: str, server_ids: Iterable[str], now_unix_ms: Optional[int] = None) -> "Request":
        """DELETE .../phones/share-apps (cloudphone_huawei_delete_share_apps_build)."""
        arr, n = _id_array(server_ids, "server_ids")
        now = _now_ms() if now_unix_ms is None else now_unix_ms
        return Request(_out(C.huawei_delete_share_apps_build, self._h, _cstr(package_name, "package_name"),
                            arr, n, now, None))

    def list_share_apps_request(self, server_id: str, limit: int = 100, now_unix_ms: Optional[int] = None) -> "Request":
        """GET .../servers/{server_id}/share-apps-snapshot, a page by marker
        (cloudphone_huawei_list_share_apps_build)."""
        now = _now_ms() if now_unix_ms is None else now_unix_ms
        return Request(_out(C.huawei_list_share_apps_build, self._h, _cstr(server_id, "server_id"), limit,
                            now, None))

    def push_share_files_request(self, bucket_name: str, object_path: str, server_ids: Iterable[str], now_unix_ms: Optional[int] = None) -> "Request":
        """POST .../phones/share-files, a push (cloudphone_huawei_push_share_files_build)."""
        arr, n = _id_array(server_ids, "server_ids")
        now = _now_ms() if now_unix_ms is None else now_unix_ms
        obj = json.dumps({"bucket_name": bucket_name, "object_path": object_path})
        return Request(_out(C.huawei_push_share_files_build, self._h, _cstr(obj, "object"), arr, n, now, None))

    def delete_share_files_request(self, file_paths: Sequence[Any], server_ids: Iterable[str], now_unix_ms: Optional[int] = None) -> "Request":
        """POST .../phones/share-files, a deletion (cloudphone_huawei_delete_share_files_build)."""
        parr, pn = _id_array(file_paths, "file_paths")
        arr, n = _id_array(server_ids, "server_ids")
        now = _now_ms() if now_unix_ms is None else now_unix_ms
        return Request(_out(C.huawei_delete_share_files_build, self._h, parr, pn, arr, n, now, None))

    def list_share_files_request(self, path: str, server_ids: Iterable[str], offset: int = 0, limit: int = 50, now_unix_ms: Optional[int] = None) -> "Request":
        """GET .../servers/share-files: one job per server (cloudphone_huawei_list_share_files_build)."""
        arr, n = _id_array(server_ids, "server_ids")
        now = _now_ms() if now_unix_ms is None else now_unix_ms
        return Request(_out(C.huawei_list_share_files_build, self._h, _cstr(path, "path"), arr, n, offset, limit,
                            now, None))

    def attach_filesystem_request(self, filesystem_id: str, server_ids: Iterable[str], path: Optional[str] = None, now_unix_ms: Optional[int] = None) -> "Request":
        """POST .../servers/attach-share-filesystem (cloudphone_huawei_attach_filesystem_build)."""
        arr, n = _id_array(server_ids, "server_ids")
        now = _now_ms() if now_unix_ms is None else now_unix_ms
        return Request(_out(C.huawei_attach_filesystem_build, self._h, _cstr(filesystem_id, "filesystem_id"),
                            None if path is None else _cstr(path, "path"), arr, n, now, None))

    def detach_filesystem_request(self, filesystem_id: str, server_ids: Iterable[str], now_unix_ms: Optional[int] = None) -> "Request":
        """POST .../servers/detach-share-filesystem (cloudphone_huawei_detach_filesystem_build)."""
        arr, n = _id_array(server_ids, "server_ids")
        now = _now_ms() if now_unix_ms is None else now_unix_ms
        return Request(_out(C.huawei_detach_filesystem_build, self._h, _cstr(filesystem_id, "filesystem_id"),
                            arr, n, now, None))

    def delete_servers_request(self, server_ids: Iterable[str], now_unix_ms: Optional[int] = None) -> "Request":
        """DELETE /v2/.../cloud-phone/servers, on-demand servers (cloudphone_huawei_delete_servers_build)."""
        arr, n = _id_array(server_ids, "server_ids")
        now = _now_ms() if now_unix_ms is None else now_unix_ms
        return Request(_out(C.huawei_delete_servers_build, self._h, arr, n, now, None))

    def change_server_model_request(self, server_id: str, server_model_name: str, phone_model_name: str, auto_pay: bool = False,
                                    now_unix_ms: Optional[int] = None) -> "Request":
        """POST .../servers/change-server-model, an order (cloudphone_huawei_change_server_model_build)."""
        now = _now_ms() if now_unix_ms is None else now_unix_ms
        return Request(_out(C.huawei_change_server_model_build, self._h, _cstr(server_id, "server_id"),
                            _cstr(server_model_name, "server_model_name"),
                            _cstr(phone_model_name, "phone_model_name"), bool(auto_pay), now, None))

    def create_servers_request(self, body: Mapping[str, Any], now_unix_ms: Optional[int] = None) -> "Request":
        """POST /v2/.../cloud-phone/servers, BILLABLE: servers with phones (cloudphone_huawei_create_servers_build).

        ``body`` is the API's documented body as a dict (server_name, server_model_name, phone_model_name,
        image_id, count, tenant_vpc_id, nics, extend_param, ...); an unknown key is refused by name."""
        return self._json_request(C.huawei_create_servers_build, "body", body, now_unix_ms)

    def create_single_servers_request(self, body: Mapping[str, Any], now_unix_ms: Optional[int] = None) -> "Request":
        """POST /v2.1/.../cloud-phone/servers, BILLABLE: bare servers (cloudphone_huawei_create_single_servers_build)."""
        return self._json_request(C.huawei_create_single_servers_build, "body", body, now_unix_ms)

    def change_server_request(self, server_id: str, body: Mapping[str, Any], now_unix_ms: Optional[int] = None) -> "Request":
        """POST /v2/.../servers/{server_id}/change, BILLABLE: new hardware, phones re-created
        (cloudphone_huawei_change_server_build); ``body`` as the API documents it."""
        now = _now_ms() if now_unix_ms is None else now_unix_ms
        return Request(_out(C.huawei_change_server_build, self._h, _cstr(server_id, "server_id"),
                            _cstr(json.dumps(body), "body"), now, None))

    def show_job_request(self, job_id: str, now_unix_ms: Optional[int] = None) -> "Request":
        """GET .../cloud-phone/jobs/{job_id} (cloudphone_huawei_show_job_build)."""
        now = _now_ms() if now_unix_ms is None else now_unix_ms
        return Request(_out(C.huawei_show_job_build, self._h, _cstr(job_id, "job_id"), now, None))

    def list_jobs_request(self, request_ids: Iterable[str], offset: int = 0, limit: int = 100, now_unix_ms: Optional[int] = None) -> "Request":
        """GET .../cloud-phone/jobs for the jobs that 1..20 calls started (their
        `result.request_id`), a page (cloudphone_huawei_list_jobs_build)."""
        arr, n = _id_array(request_ids, "request_ids")
        now = _now_ms() if now_unix_ms is None else now_unix_ms
        return Request(_out(C.huawei_list_jobs_build, self._h, arr, n, offset, limit, now, None))

    def run_command_request(self, command: str, content: str, phone_ids: Optional[Iterable[str]] = None, server_ids: Optional[Iterable[str]] = None, now_unix_ms: Optional[int] = None) -> "Request":
        """POST .../phones/commands, an asynchronous ADB command on phones or on
        servers' phones, exactly one list non-empty (cloudphone_huawei_run_command_build)."""
        parr, pn = _id_array(phone_ids, "phone_ids")
        sarr, sn = _id_array(server_ids, "server_ids")
        now = _now_ms() if now_unix_ms is None else now_unix_ms
        return Request(_out(C.huawei_run_command_build, self._h, _cstr(command, "command"),
                            _cstr(content, "content"), parr, pn, sarr, sn, now, None))

    def run_sync_shell_request(self, shell: str, phone_ids: Optional[Iterable[str]] = None, server_ids: Optional[Iterable[str]] = None, now_unix_ms: Optional[int] = None) -> "Request":
        """POST .../phones/sync-commands, outputs in the answer; targets as for
        run_command_request (cloudphone_huawei_run_sync_shell_build)."""
        parr, pn = _id_array(phone_ids, "phone_ids")
        sarr, sn = _id_array(server_ids, "server_ids")
        now = _now_ms() if now_unix_ms is None else now_unix_ms
        return Request(_out(C.huawei_run_sync_shell_build, self._h, _cstr(shell, "shell"), parr, pn, sarr, sn,
                            now, None))

    def __repr__(self) -> str:
        return "HuaweiConfig(<credentials redacted>%s)" % (", closed" if self.closed else "")


class GeelarkConfig(_Handle):
    """Endpoint and credentials for the GeeLark Open API."""

    _free_name = "geelark_config_free"

    @classmethod
    def key(cls, app_id: str, api_key: str, endpoint: Optional[str] = None) -> "GeelarkConfig":
        """Key mode (signed appId/traceId/ts/nonce/sign headers)."""
        return cls(_out(C.geelark_config_new_key, _cstr(endpoint, "endpoint"),
                        _cstr(app_id, "app_id"), _cstr(api_key, "api_key")))

    @classmethod
    def token(cls, token: str, endpoint: Optional[str] = None) -> "GeelarkConfig":
        """Token mode (Authorization: Bearer)."""
        return cls(_out(C.geelark_config_new_token, _cstr(endpoint, "endpoint"), _cstr(token, "token")))

    def get_phone_status_request(self, ids: Iterable[str], now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/phone/status for 1..100 ids (a fresh trace id when none is given;
        cloudphone_geelark_get_phone_status_build)."""
        arr, n = _id_array(ids)
        now = _now_ms() if now_unix_ms is None else now_unix_ms
        trace = format_trace_id() if trace_id is None else trace_id
        return Request(_out(C.geelark_get_phone_status_build, self._h, arr, n, now, _cstr(trace, "trace_id")))

    def list_phones_request(self, page: int = 1, page_size: int = 100, options: Optional[Mapping[str, Any]] = None, now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/phone/list (a page; filters in `options`, a dict or JSON text;
        cloudphone_geelark_list_phones_build). Page on with `request.next_request(config, result)`."""
        now = _now_ms() if now_unix_ms is None else now_unix_ms
        trace = format_trace_id() if trace_id is None else trace_id
        return Request(_out(C.geelark_list_phones_build, self._h, page, page_size, _options(options), now,
                            _cstr(trace, "trace_id")))

    def start_phones_request(self, ids: Iterable[str], options: Optional[Mapping[str, Any]] = None, now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/phone/start, remote-view window options in `options`
        (cloudphone_geelark_start_phones_build)."""
        arr, n = _id_array(ids)
        now = _now_ms() if now_unix_ms is None else now_unix_ms
        trace = format_trace_id() if trace_id is None else trace_id
        return Request(_out(C.geelark_start_phones_build, self._h, arr, n, _options(options), now,
                            _cstr(trace, "trace_id")))

    def stop_phones_request(self, ids: Iterable[str], now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/phone/stop (cloudphone_geelark_stop_phones_build)."""
        arr, n = _id_array(ids)
        now = _now_ms() if now_unix_ms is None else now_unix_ms
        trace = format_trace_id() if trace_id is None else trace_id
        return Request(_out(C.geelark_stop_phones_build, self._h, arr, n, now, _cstr(trace, "trace_id")))

    def delete_phones_request(self, ids: Iterable[str], now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/phone/delete (cloudphone_geelark_delete_phones_build)."""
        arr, n = _id_array(ids)
        now = _now_ms() if now_unix_ms is None else now_unix_ms
        trace = format_trace_id() if trace_id is None else trace_id
        return Request(_out(C.geelark_delete_phones_build, self._h, arr, n, now, _cstr(trace, "trace_id")))

    def update_phone_request(self, phone_id: str, options: Mapping[str, Any], now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/phone/detail/update, what to change in `options`
        (cloudphone_geelark_update_phone_build)."""
        now = _now_ms() if now_unix_ms is None else now_unix_ms
        trace = format_trace_id() if trace_id is None else trace_id
        return Request(_out(C.geelark_update_phone_build, self._h, _cstr(phone_id, "phone_id"), _options(options),
                            now, _cstr(trace, "trace_id")))

    def create_phones_request(self, mobile_type: str, profiles: Iterable[str], options: Optional[Mapping[str, Any]] = None, now_unix_ms: Optional[int] = None,
                             trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/phone/addNew; `profiles` a list of dicts or JSON text
        (cloudphone_geelark_create_phones_build)."""
        now = _now_ms() if now_unix_ms is None else now_unix_ms
        trace = format_trace_id() if trace_id is None else trace_id
        return Request(_out(C.geelark_create_phones_build, self._h, _cstr(mobile_type, "mobile_type"),
                            _options(profiles, "profiles"), _options(options), now, _cstr(trace, "trace_id")))

    def take_screenshot_request(self, phone_id: str, now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/phone/screenShot; the task id is `result.field("/task_id")`
        (cloudphone_geelark_take_screenshot_build)."""
        now = _now_ms() if now_unix_ms is None else now_unix_ms
        trace = format_trace_id() if trace_id is None else trace_id
        return Request(_out(C.geelark_take_screenshot_build, self._h, _cstr(phone_id, "phone_id"), now,
                            _cstr(trace, "trace_id")))

    def get_screenshot_result_request(self, task_id: str, now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/phone/screenShot/result (cloudphone_geelark_get_screenshot_result_build)."""
        now = _now_ms() if now_unix_ms is None else now_unix_ms
        trace = format_trace_id() if trace_id is None else trace_id
        return Request(_out(C.geelark_get_screenshot_result_build, self._h, _cstr(task_id, "task_id"), now,
                            _cstr(trace, "trace_id")))

    def set_gps_request(self, positions: Sequence[Any], now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/phone/gps/set; `positions` are `(id, latitude, longitude)`
        or a dict `{id: (latitude, longitude)}` (cloudphone_geelark_set_gps_build)."""
        arr, n = _gps_positions(positions)
        now = _now_ms() if now_unix_ms is None else now_unix_ms
        trace = format_trace_id() if trace_id is None else trace_id
        return Request(_out(C.geelark_set_gps_build, self._h, arr, n, now, _cstr(trace, "trace_id")))

    def get_gps_request(self, ids: Iterable[str], now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/phone/gps/get (cloudphone_geelark_get_gps_build)."""
        arr, n = _id_array(ids)
        now = _now_ms() if now_unix_ms is None else now_unix_ms
        trace = format_trace_id() if trace_id is None else trace_id
        return Request(_out(C.geelark_get_gps_build, self._h, arr, n, now, _cstr(trace, "trace_id")))

    def set_adb_request(self, ids: Iterable[str], open: int, now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/adb/setStatus, ADB on (`open` true) or off
        (cloudphone_geelark_set_adb_build)."""
        arr, n = _id_array(ids)
        now = _now_ms() if now_unix_ms is None else now_unix_ms
        trace = format_trace_id() if trace_id is None else trace_id
        return Request(_out(C.geelark_set_adb_build, self._h, arr, n, bool(open), now,
                            _cstr(trace, "trace_id")))

    def get_adb_data_request(self, ids: Iterable[str], now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/adb/getData (cloudphone_geelark_get_adb_data_build)."""
        arr, n = _id_array(ids)
        now = _now_ms() if now_unix_ms is None else now_unix_ms
        trace = format_trace_id() if trace_id is None else trace_id
        return Request(_out(C.geelark_get_adb_data_build, self._h, arr, n, now, _cstr(trace, "trace_id")))

    def list_apps_request(self, env_id: str, page: int = 1, page_size: int = 100, now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/app/list, a page of one phone's apps (cloudphone_geelark_list_apps_build).
        Page on with `request.next_request(config, result)`."""
        now = _now_ms() if now_unix_ms is None else now_unix_ms
        trace = format_trace_id() if trace_id is None else trace_id
        return Request(_out(C.geelark_list_apps_build, self._h, _cstr(env_id, "env_id"), page, page_size, now,
                            _cstr(trace, "trace_id")))

    def install_app_request(self, env_id: str, app_version_id: str, now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/app/install (cloudphone_geelark_install_app_build)."""
        now = _now_ms() if now_unix_ms is None else now_unix_ms
        trace = format_trace_id() if trace_id is None else trace_id
        return Request(_out(C.geelark_install_app_build, self._h, _cstr(env_id, "env_id"),
                            _cstr(app_version_id, "app_version_id"), now, _cstr(trace, "trace_id")))

    def uninstall_app_request(self, env_id: str, package_name: str, now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/app/uninstall (cloudphone_geelark_uninstall_app_build)."""
        now = _now_ms() if now_unix_ms is None else now_unix_ms
        trace = format_trace_id() if trace_id is None else trace_id
        return Request(_out(C.geelark_uninstall_app_build, self._h, _cstr(env_id, "env_id"),
                            _cstr(package_name, "package_name"), now, _cstr(trace, "trace_id")))

    def _gl(self, fn: Any, now_unix_ms: Optional[int], trace_id: Optional[str], *args: Any) -> "Request":
        now = _now_ms() if now_unix_ms is None else now_unix_ms
        trace = format_trace_id() if trace_id is None else trace_id
        return Request(_out(fn, self._h, *args, now, _cstr(trace, "trace_id")))

    def query_tasks_request(self, ids: Iterable[str], now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/task/query (cloudphone_geelark_query_tasks_build)."""
        arr, n = _id_array(ids, "ids")
        return self._gl(C.geelark_query_tasks_build, now_unix_ms, trace_id, arr, n)

    def task_history_request(self, size: int = 100, last_id: Optional[str] = None, ids: Iterable[str] = (), now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/task/historyRecords, the last 7 days after ``last_id``
        (cloudphone_geelark_task_history_build). Page on with ``request.next_request(config, result)``."""
        arr, n = _id_array(ids, "ids")
        return self._gl(C.geelark_task_history_build, now_unix_ms, trace_id, int(size),
                        None if last_id is None else _cstr(last_id, "last_id"), arr, n)

    def show_task_request(self, task_id: str, search_after: Sequence[Any] = (), now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/task/detail: the task, a page of logs, result images
        (cloudphone_geelark_show_task_build). The next log page is ``request.next_request``."""
        after = list(search_after)
        arr = (ctypes.c_int64 * len(after))(*after) if after else None
        return self._gl(C.geelark_show_task_build, now_unix_ms, trace_id, _cstr(task_id, "id"), arr, len(after))

    def cancel_tasks_request(self, ids: Iterable[str], now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/task/cancel (cloudphone_geelark_cancel_tasks_build)."""
        arr, n = _id_array(ids, "ids")
        return self._gl(C.geelark_cancel_tasks_build, now_unix_ms, trace_id, arr, n)

    def restart_tasks_request(self, ids: Iterable[str], now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/task/restart (cloudphone_geelark_restart_tasks_build)."""
        arr, n = _id_array(ids, "ids")
        return self._gl(C.geelark_restart_tasks_build, now_unix_ms, trace_id, arr, n)

    def execute_shell_request(self, phone_id: str, cmd: str, now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/shell/execute (cloudphone_geelark_execute_shell_build)."""
        return self._gl(C.geelark_execute_shell_build, now_unix_ms, trace_id, _cstr(phone_id, "id"),
                        _cstr(cmd, "cmd"))

    def restart_phone_request(self, phone_id: str, now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/phone/restart (cloudphone_geelark_restart_phone_build)."""
        return self._gl(C.geelark_restart_phone_build, now_unix_ms, trace_id, _cstr(phone_id, "id"))

    def set_callback_request(self, url: str, now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/callback/set (cloudphone_geelark_set_callback_build)."""
        return self._gl(C.geelark_set_callback_build, now_unix_ms, trace_id, _cstr(url, "url"))

    def get_callback_request(self, now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/callback/get (cloudphone_geelark_get_callback_build)."""
        return self._gl(C.geelark_get_callback_build, now_unix_ms, trace_id)

    def list_proxies_request(self, page: int = 1, page_size: int = 100, now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/proxy/list (cloudphone_geelark_list_proxies_build); pages with next_request."""
        return self._gl(C.geelark_list_proxies_build, now_unix_ms, trace_id, int(page), int(page_size))

    def add_proxies_request(self, proxies: Sequence[Any], now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/proxy/add: ``proxies`` are dicts (scheme, server, port, username, password)
        (cloudphone_geelark_add_proxies_build)."""
        return self._gl(C.geelark_add_proxies_build, now_unix_ms, trace_id,
                        _cstr(json.dumps(list(proxies)), "proxies_json"))

    def update_proxies_request(self, proxies: Sequence[Any], now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/proxy/update: dicts as add_proxies_request, each with its "id"
        (cloudphone_geelark_update_proxies_build)."""
        return self._gl(C.geelark_update_proxies_build, now_unix_ms, trace_id,
                        _cstr(json.dumps(list(proxies)), "proxies_json"))

    def delete_proxies_request(self, ids: Iterable[str], now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/proxy/delete (cloudphone_geelark_delete_proxies_build)."""
        arr, n = _id_array(ids, "ids")
        return self._gl(C.geelark_delete_proxies_build, now_unix_ms, trace_id, arr, n)

    def check_proxy_request(self, proxy: Mapping[str, Any], now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/proxy/check: ``proxy`` a dict as add_proxies_request takes, optionally
        with "service" (cloudphone_geelark_check_proxy_build)."""
        return self._gl(C.geelark_check_proxy_build, now_unix_ms, trace_id,
                        _cstr(json.dumps(dict(proxy)), "proxy_json"))

    def list_installable_apps_request(self, env_id: str, name: Optional[str] = None, page: int = 1, page_size: int = 100, now_unix_ms: Optional[int] = None,
                                      trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/app/installable/list (cloudphone_geelark_list_installable_apps_build)."""
        return self._gl(C.geelark_list_installable_apps_build, now_unix_ms, trace_id, _cstr(env_id, "env_id"),
                        None if name is None else _cstr(name, "name"), int(page), int(page_size))

    def list_shop_apps_request(self, key: Optional[str] = None, page: int = 1, page_size: int = 200, now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/app/shop/list (cloudphone_geelark_list_shop_apps_build)."""
        return self._gl(C.geelark_list_shop_apps_build, now_unix_ms, trace_id,
                        None if key is None else _cstr(key, "key"), int(page), int(page_size))

    def create_rpa_task_request(self, creator: str, phone_id: str, schedule_at: int, params: Optional[Mapping[str, Any]] = None, name: Optional[str] = None, remark: Optional[str] = None,
                                now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/rpa/task/<creator>: one of the 49 per-platform creators, ``params`` a dict
        of the creator's parameters (cloudphone_geelark_create_rpa_task_build)."""
        return self._gl(C.geelark_create_rpa_task_build, now_unix_ms, trace_id, _cstr(creator, "creator"),
                        _cstr(phone_id, "id"), int(schedule_at), None if name is None else _cstr(name, "name"),
                        None if remark is None else _cstr(remark, "remark"),
                        None if params is None else _cstr(json.dumps(dict(params)), "params_json"))

    def list_groups_request(self, page: int = 1, page_size: int = 100, filters: Optional[Mapping[str, Any]] = None, now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/group/list, ``filters`` a dict of ids/names/remarks lists
        (cloudphone_geelark_list_groups_build); pages with next_request."""
        return self._gl(C.geelark_list_groups_build, now_unix_ms, trace_id, int(page), int(page_size),
                        _opt_json(filters, "filters_json"))

    def add_groups_request(self, groups: Sequence[Any], now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/group/add, ``groups`` a list of dicts (cloudphone_geelark_add_groups_build)."""
        return self._gl(C.geelark_add_groups_build, now_unix_ms, trace_id,
                        _cstr(json.dumps(list(groups)), "groups_json"))

    def update_groups_request(self, groups: Sequence[Any], now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/group/update, dicts each with its "id" (cloudphone_geelark_update_groups_build)."""
        return self._gl(C.geelark_update_groups_build, now_unix_ms, trace_id,
                        _cstr(json.dumps(list(groups)), "groups_json"))

    def delete_groups_request(self, ids: Iterable[str], now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/group/delete (cloudphone_geelark_delete_groups_build)."""
        arr, n = _id_array(ids, "ids")
        return self._gl(C.geelark_delete_groups_build, now_unix_ms, trace_id, arr, n)

    def list_tags_request(self, page: int = 1, page_size: int = 100, filters: Optional[Mapping[str, Any]] = None, now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/tag/list, ``filters`` a dict of ids/names/colors lists
        (cloudphone_geelark_list_tags_build); pages with next_request."""
        return self._gl(C.geelark_list_tags_build, now_unix_ms, trace_id, int(page), int(page_size),
                        _opt_json(filters, "filters_json"))

    def add_tags_request(self, tags: Sequence[Any], now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/tag/add, ``tags`` a list of dicts (cloudphone_geelark_add_tags_build)."""
        return self._gl(C.geelark_add_tags_build, now_unix_ms, trace_id,
                        _cstr(json.dumps(list(tags)), "tags_json"))

    def update_tags_request(self, tags: Sequence[Any], now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/tag/update, dicts each with its "id" (cloudphone_geelark_update_tags_build)."""
        return self._gl(C.geelark_update_tags_build, now_unix_ms, trace_id,
                        _cstr(json.dumps(list(tags)), "tags_json"))

    def delete_tags_request(self, ids: Iterable[str], now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/tag/delete (cloudphone_geelark_delete_tags_build)."""
        arr, n = _id_array(ids, "ids")
        return self._gl(C.geelark_delete_tags_build, now_unix_ms, trace_id, arr, n)

    def auth_status_request(self, now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/auth/status (cloudphone_geelark_auth_status_build)."""
        return self._gl(C.geelark_auth_status_build, now_unix_ms, trace_id)

    def get_wallet_request(self, now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/pay/wallet (cloudphone_geelark_get_wallet_build)."""
        return self._gl(C.geelark_get_wallet_build, now_unix_ms, trace_id)

    def get_plan_request(self, now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/pay/plan/info (cloudphone_geelark_get_plan_build)."""
        return self._gl(C.geelark_get_plan_build, now_unix_ms, trace_id)

    def list_profile_plans_request(self, now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/pay/profiles/list (cloudphone_geelark_list_profile_plans_build)."""
        return self._gl(C.geelark_list_profile_plans_build, now_unix_ms, trace_id)

    def list_brands_request(self, android: int, now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/phone/brand/list for Android ``android`` (cloudphone_geelark_list_brands_build)."""
        return self._gl(C.geelark_list_brands_build, now_unix_ms, trace_id, int(android))

    def get_serial_number_request(self, phone_id: str, now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/phone/serialNum/get (cloudphone_geelark_get_serial_number_build)."""
        return self._gl(C.geelark_get_serial_number_build, now_unix_ms, trace_id, _cstr(phone_id, "id"))

    def get_upload_url_request(self, file_type: str, now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/upload/getUrl (cloudphone_geelark_get_upload_url_build)."""
        return self._gl(C.geelark_get_upload_url_build, now_unix_ms, trace_id, _cstr(file_type, "file_type"))

    def upload_file_request(self, upload_url: str, body: bytes, now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """The presigned PUT of ``body`` to ``upload_url`` (cloudphone_geelark_upload_file_build)."""
        data, n = _body(body)
        return self._gl(C.geelark_upload_file_build, now_unix_ms, trace_id, _cstr(upload_url, "upload_url"), data, n)

    def upload_to_phone_request(self, phone_id: str, file_url: str, now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/phone/uploadFile (cloudphone_geelark_upload_to_phone_build)."""
        return self._gl(C.geelark_upload_to_phone_build, now_unix_ms, trace_id, _cstr(phone_id, "id"),
                        _cstr(file_url, "file_url"))

    def get_upload_result_request(self, task_id: str, now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/phone/uploadFile/result (cloudphone_geelark_get_upload_result_build)."""
        return self._gl(C.geelark_get_upload_result_build, now_unix_ms, trace_id, _cstr(task_id, "task_id"))

    def upload_keybox_request(self, phone_id: str, file_url: str, now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/phone/keyboxUpload (cloudphone_geelark_upload_keybox_build)."""
        return self._gl(C.geelark_upload_keybox_build, now_unix_ms, trace_id, _cstr(phone_id, "id"),
                        _cstr(file_url, "file_url"))

    def get_keybox_result_request(self, task_id: str, now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/phone/keyboxUpload/result (cloudphone_geelark_get_keybox_result_build)."""
        return self._gl(C.geelark_get_keybox_result_build, now_unix_ms, trace_id, _cstr(task_id, "task_id"))

    def send_sms_request(self, phone_id: str, phone_number: str, text: str, now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/phone/sendSms (cloudphone_geelark_send_sms_build)."""
        return self._gl(C.geelark_send_sms_build, now_unix_ms, trace_id, _cstr(phone_id, "id"),
                        _cstr(phone_number, "phone_number"), _cstr(text, "text"))

    def set_net_type_request(self, phone_id: str, mobile: str, now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/phone/net/set, mobile data or Wi-Fi (cloudphone_geelark_set_net_type_build)."""
        return self._gl(C.geelark_set_net_type_build, now_unix_ms, trace_id, _cstr(phone_id, "id"), bool(mobile))

    def hide_accessibility_request(self, ids: Iterable[str], packages: Sequence[Any], now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/phone/hideAccessibility (cloudphone_geelark_hide_accessibility_build)."""
        arr, n = _id_array(ids, "ids")
        parr, pn = _id_array(packages, "packages")
        return self._gl(C.geelark_hide_accessibility_build, now_unix_ms, trace_id, arr, n, parr, pn)

    def move_to_group_request(self, ids: Iterable[str], group_id: str, now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/phone/moveGroup (cloudphone_geelark_move_to_group_build)."""
        arr, n = _id_array(ids, "ids")
        return self._gl(C.geelark_move_to_group_build, now_unix_ms, trace_id, arr, n, _cstr(group_id, "group_id"))

    def set_root_request(self, ids: Iterable[str], open_: int, now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/root/setStatus (cloudphone_geelark_set_root_build)."""
        arr, n = _id_array(ids, "ids")
        return self._gl(C.geelark_set_root_build, now_unix_ms, trace_id, arr, n, bool(open_))

    def import_contacts_request(self, phone_id: str, contacts: Sequence[Any], now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/phone/importContacts, ``contacts`` dicts (cloudphone_geelark_import_contacts_build)."""
        return self._gl(C.geelark_import_contacts_build, now_unix_ms, trace_id, _cstr(phone_id, "id"),
                        _cstr(json.dumps(list(contacts)), "contacts_json"))

    def get_contacts_result_request(self, task_id: str, now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/phone/importContactsResult (cloudphone_geelark_get_contacts_result_build)."""
        return self._gl(C.geelark_get_contacts_result_build, now_unix_ms, trace_id, _cstr(task_id, "task_id"))

    def transfer_phones_request(self, ids: Iterable[str], account: str, options: Iterable[str] = (), now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/phone/transfer (cloudphone_geelark_transfer_phones_build)."""
        arr, n = _id_array(ids, "ids")
        oarr, on = _id_array(list(options), "options")
        return self._gl(C.geelark_transfer_phones_build, now_unix_ms, trace_id, arr, n, _cstr(account, "account"),
                        oarr, on)

    def new_identity_request(self, phone_id: str, keep_brand_model: bool = False, keep_net_type: bool = False, keep_phone_number: bool = False,
                             keep_region: bool = False, keep_language: bool = False, now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v2/phone/newOne (cloudphone_geelark_new_identity_build)."""
        return self._gl(C.geelark_new_identity_build, now_unix_ms, trace_id, _cstr(phone_id, "id"),
                        bool(keep_brand_model), bool(keep_net_type), bool(keep_phone_number), bool(keep_region),
                        bool(keep_language))

    def start_app_request(self, env_id: str, package_name: Optional[str] = None, app_version_id: Optional[str] = None, now_unix_ms: Optional[int] = None,
                          trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/app/start (cloudphone_geelark_start_app_build)."""
        return self._gl(C.geelark_start_app_build, now_unix_ms, trace_id, _cstr(env_id, "env_id"),
                        None if package_name is None else _cstr(package_name, "package_name"),
                        None if app_version_id is None else _cstr(app_version_id, "app_version_id"))

    def stop_app_request(self, env_id: str, package_name: Optional[str] = None, app_version_id: Optional[str] = None, now_unix_ms: Optional[int] = None,
                         trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/app/stop (cloudphone_geelark_stop_app_build)."""
        return self._gl(C.geelark_stop_app_build, now_unix_ms, trace_id, _cstr(env_id, "env_id"),
                        None if package_name is None else _cstr(package_name, "package_name"),
                        None if app_version_id is None else _cstr(app_version_id, "app_version_id"))

    def app_batch_request(self, action: str, package_name: Optional[str] = None, app_version_id: Optional[str] = None, group_ids: Iterable[str] = (), now_unix_ms: Optional[int] = None,
                          trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/app/operation/batch, action 1-5 (cloudphone_geelark_app_batch_build)."""
        arr, n = _id_array(list(group_ids), "group_ids")
        return self._gl(C.geelark_app_batch_build, now_unix_ms, trace_id, int(action),
                        None if package_name is None else _cstr(package_name, "package_name"),
                        None if app_version_id is None else _cstr(app_version_id, "app_version_id"), arr, n)

    def add_tasks_request(self, task_type: int, items: Sequence[Any], plan_name: Optional[str] = None, remark: Optional[str] = None, now_unix_ms: Optional[int] = None,
                          trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/task/add: a TikTok plan, ``items`` dicts with envId, scheduleAt and the type's
        fields (cloudphone_geelark_add_tasks_build)."""
        return self._gl(C.geelark_add_tasks_build, now_unix_ms, trace_id, int(task_type),
                        _cstr(json.dumps(list(items)), "items_json"),
                        None if plan_name is None else _cstr(plan_name, "plan_name"),
                        None if remark is None else _cstr(remark, "remark"))

    def list_flows_request(self, page: int = 1, page_size: int = 100, now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/task/flow/list (cloudphone_geelark_list_flows_build); pages with next_request."""
        return self._gl(C.geelark_list_flows_build, now_unix_ms, trace_id, int(page), int(page_size))

    def create_flow_task_request(self, phone_id: str, flow_id: str, schedule_at: int, params: Optional[Mapping[str, Any]] = None, name: Optional[str] = None, remark: Optional[str] = None,
                                 now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/task/rpa/add (cloudphone_geelark_create_flow_task_build)."""
        return self._gl(C.geelark_create_flow_task_build, now_unix_ms, trace_id, _cstr(phone_id, "id"),
                        _cstr(flow_id, "flow_id"), int(schedule_at), None if name is None else _cstr(name, "name"),
                        None if remark is None else _cstr(remark, "remark"),
                        None if params is None else _cstr(json.dumps(dict(params)), "params_json"))

    def list_proxy_groups_request(self, page: int = 1, page_size: int = 100, name: Optional[str] = None, now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/proxyGroup/search (cloudphone_geelark_list_proxy_groups_build)."""
        return self._gl(C.geelark_list_proxy_groups_build, now_unix_ms, trace_id, int(page), int(page_size),
                        None if name is None else _cstr(name, "name"))

    def add_proxy_group_request(self, name: str, now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/proxyGroup/add (cloudphone_geelark_add_proxy_group_build)."""
        return self._gl(C.geelark_add_proxy_group_build, now_unix_ms, trace_id, _cstr(name, "name"))

    def rename_proxy_group_request(self, group_id: str, name: str, now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/proxyGroup/update (cloudphone_geelark_rename_proxy_group_build)."""
        return self._gl(C.geelark_rename_proxy_group_build, now_unix_ms, trace_id, _cstr(group_id, "id"),
                        _cstr(name, "name"))

    def delete_proxy_groups_request(self, ids: Iterable[str], now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/proxyGroup/del (cloudphone_geelark_delete_proxy_groups_build)."""
        arr, n = _id_array(ids, "ids")
        return self._gl(C.geelark_delete_proxy_groups_build, now_unix_ms, trace_id, arr, n)

    def clone_phone_request(self, env_id: str, amount: int = 1, group_id: Optional[str] = None, copy_name: bool = False, copy_remark: bool = False,
                            copy_tag: bool = False, copy_proxy: bool = False, copy_net_type: bool = False, now_unix_ms: Optional[int] = None,
                            trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/phone/clone (cloudphone_geelark_clone_phone_build)."""
        return self._gl(C.geelark_clone_phone_build, now_unix_ms, trace_id, _cstr(env_id, "env_id"), int(amount),
                        None if group_id is None else _cstr(group_id, "group_id"), bool(copy_name), bool(copy_remark),
                        bool(copy_tag), bool(copy_proxy), bool(copy_net_type))

    def upload_app_request(self, file_url: str, desc: Optional[str] = None, now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/app/upload (cloudphone_geelark_upload_app_build)."""
        return self._gl(C.geelark_upload_app_build, now_unix_ms, trace_id, _cstr(file_url, "file_url"),
                        None if desc is None else _cstr(desc, "desc"))

    def get_app_upload_status_request(self, task_id: str, now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/app/upload/status (cloudphone_geelark_get_app_upload_status_build)."""
        return self._gl(C.geelark_get_app_upload_status_build, now_unix_ms, trace_id, _cstr(task_id, "task_id"))

    def list_team_apps_request(self, page: int = 1, page_size: int = 200, now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/app/teamApp/list (cloudphone_geelark_list_team_apps_build)."""
        return self._gl(C.geelark_list_team_apps_build, now_unix_ms, trace_id, int(page), int(page_size))

    def import_flow_request(self, gal: str, flow_id: Optional[str] = None, now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/task/flow/import (cloudphone_geelark_import_flow_build)."""
        return self._gl(C.geelark_import_flow_build, now_unix_ms, trace_id, _cstr(gal, "gal"),
                        None if flow_id is None else _cstr(flow_id, "id"))

    def export_flow_request(self, flow_id: str, now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/task/flow/export (cloudphone_geelark_export_flow_build)."""
        return self._gl(C.geelark_export_flow_build, now_unix_ms, trace_id, _cstr(flow_id, "id"))

    def add_team_app_request(self, app_id: str, version_id: str, group_ids: Iterable[str] = (), now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/app/add (cloudphone_geelark_add_team_app_build)."""
        arr, n = _id_array(list(group_ids), "group_ids")
        return self._gl(C.geelark_add_team_app_build, now_unix_ms, trace_id, _cstr(app_id, "id"),
                        _cstr(version_id, "version_id"), arr, n)

    def remove_team_app_request(self, team_app_id: str, now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/app/remove (cloudphone_geelark_remove_team_app_build)."""
        return self._gl(C.geelark_remove_team_app_build, now_unix_ms, trace_id, _cstr(team_app_id, "id"))

    def set_app_auth_request(self, team_app_id: str, on: bool, now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/app/auth/status (cloudphone_geelark_set_app_auth_build)."""
        return self._gl(C.geelark_set_app_auth_build, now_unix_ms, trace_id, _cstr(team_app_id, "id"), bool(on))

    def set_app_auto_start_request(self, team_app_id: str, on: bool, now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/app/setAutoStart (cloudphone_geelark_set_app_auto_start_build)."""
        return self._gl(C.geelark_set_app_auto_start_build, now_unix_ms, trace_id, _cstr(team_app_id, "id"), bool(on))

    def set_app_keep_alive_request(self, team_app_id: str, on: bool, now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/app/setKeepAlive (cloudphone_geelark_set_app_keep_alive_build)."""
        return self._gl(C.geelark_set_app_keep_alive_build, now_unix_ms, trace_id, _cstr(team_app_id, "id"), bool(on))

    def set_app_root_request(self, team_app_id: str, on: bool, now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/app/root (cloudphone_geelark_set_app_root_build)."""
        return self._gl(C.geelark_set_app_root_build, now_unix_ms, trace_id, _cstr(team_app_id, "id"), bool(on))

    def set_app_hidden_request(self, team_app_id: str, on: bool, now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/app/setHide (cloudphone_geelark_set_app_hidden_build)."""
        return self._gl(C.geelark_set_app_hidden_build, now_unix_ms, trace_id, _cstr(team_app_id, "id"), bool(on))

    def set_app_auto_install_request(self, team_app_id: str, on: bool, group_ids: Iterable[str] = (), now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/app/setStatus (cloudphone_geelark_set_app_auto_install_build)."""
        arr, n = _id_array(list(group_ids), "group_ids")
        return self._gl(C.geelark_set_app_auto_install_build, now_unix_ms, trace_id, _cstr(team_app_id, "id"),
                        bool(on), arr, n)

    def get_net_config_request(self, now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/phone/netConfig/get (cloudphone_geelark_get_net_config_build)."""
        return self._gl(C.geelark_get_net_config_build, now_unix_ms, trace_id)

    def set_net_config_request(self, domains: Sequence[Any], now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/phone/netConfig/set (cloudphone_geelark_set_net_config_build)."""
        arr, n = _id_array(list(domains), "domains")
        return self._gl(C.geelark_set_net_config_build, now_unix_ms, trace_id, arr, n)

    def install_patch_request(self, phone_id: str, apk_url: str, now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/phone/patch/install (cloudphone_geelark_install_patch_build)."""
        return self._gl(C.geelark_install_patch_build, now_unix_ms, trace_id, _cstr(phone_id, "id"),
                        _cstr(apk_url, "apk_url"))

    def get_patch_status_request(self, task_id: Optional[str] = None, patch_id: Optional[str] = None, phone_id: Optional[str] = None, now_unix_ms: Optional[int] = None,
                                 trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/phone/patch/install/status, by task or by patch and phone
        (cloudphone_geelark_get_patch_status_build)."""
        return self._gl(C.geelark_get_patch_status_build, now_unix_ms, trace_id,
                        None if task_id is None else _cstr(task_id, "task_id"),
                        None if patch_id is None else _cstr(patch_id, "patch_id"),
                        None if phone_id is None else _cstr(phone_id, "id"))

    def list_patches_request(self, phone_id: str, now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/phone/patch/list (cloudphone_geelark_list_patches_build)."""
        return self._gl(C.geelark_list_patches_build, now_unix_ms, trace_id, _cstr(phone_id, "id"))

    def uninstall_patch_request(self, phone_id: str, patch_id: str, now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/phone/patch/uninstall (cloudphone_geelark_uninstall_patch_build)."""
        return self._gl(C.geelark_uninstall_patch_build, now_unix_ms, trace_id, _cstr(phone_id, "id"),
                        _cstr(patch_id, "patch_id"))

    def customize_request(self, customization: Mapping[str, Any], now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/phone/customization, a dict of the API's fields (cloudphone_geelark_customize_build)."""
        return self._gl(C.geelark_customize_build, now_unix_ms, trace_id,
                        _cstr(json.dumps(dict(customization)), "customization_json"))

    # --- the material library, analytics, billing actions, team brands

    def get_material_upload_url_request(self, file_type: str, now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/material/getUploadUrl (cloudphone_geelark_get_material_upload_url_build)."""
        return self._gl(C.geelark_get_material_upload_url_build, now_unix_ms, trace_id,
                        _cstr(file_type, "file_type"))

    def create_material_request(self, url: str, tag_ids: Iterable[str] = (), file_name: Optional[str] = None, now_unix_ms: Optional[int] = None,
                                trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/material/create from an upload's resource URL
        (cloudphone_geelark_create_material_build)."""
        arr, n = _id_array(list(tag_ids), "tag_ids")
        return self._gl(C.geelark_create_material_build, now_unix_ms, trace_id, _cstr(url, "url"), arr, n,
                        None if file_name is None else _cstr(file_name, "file_name"))

    def delete_materials_request(self, ids: Iterable[str], now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/material/del (cloudphone_geelark_delete_materials_build)."""
        arr, n = _id_array(ids, "ids")
        return self._gl(C.geelark_delete_materials_build, now_unix_ms, trace_id, arr, n)

    def search_materials_request(self, page: int = 1, page_size: int = 200, filters: Optional[Mapping[str, Any]] = None, now_unix_ms: Optional[int] = None,
                                 trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/material/search; ``filters`` a dict of the API's fields (fileName,
        tagIds, source, fileType, ids) (cloudphone_geelark_search_materials_build)."""
        return self._gl(C.geelark_search_materials_build, now_unix_ms, trace_id, page, page_size,
                        _opt_json(filters, "filter_json"))

    def create_material_tag_request(self, name: str, color: int = 0, now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/material/tag/create; ``color`` 0 white … 5 purple
        (cloudphone_geelark_create_material_tag_build)."""
        return self._gl(C.geelark_create_material_tag_build, now_unix_ms, trace_id, _cstr(name, "name"), color)

    def delete_material_tags_request(self, ids: Iterable[str], now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/material/tag/del (cloudphone_geelark_delete_material_tags_build)."""
        arr, n = _id_array(ids, "ids")
        return self._gl(C.geelark_delete_material_tags_build, now_unix_ms, trace_id, arr, n)

    def search_material_tags_request(self, page: int = 1, page_size: int = 200, name: Optional[str] = None, now_unix_ms: Optional[int] = None,
                                     trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/material/tag/search (cloudphone_geelark_search_material_tags_build)."""
        return self._gl(C.geelark_search_material_tags_build, now_unix_ms, trace_id, page, page_size,
                        None if name is None else _cstr(name, "name"))

    def set_material_tags_request(self, material_ids: Iterable[str], tag_ids: Iterable[str] = (), now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/material/tag/set: exactly these tags (cloudphone_geelark_set_material_tags_build)."""
        marr, mn = _id_array(material_ids, "material_ids")
        tarr, tn = _id_array(list(tag_ids), "tag_ids")
        return self._gl(C.geelark_set_material_tags_build, now_unix_ms, trace_id, marr, mn, tarr, tn)

    def list_analytics_accounts_request(self, page: int = 1, page_size: int = 100, filters: Optional[Mapping[str, Any]] = None, now_unix_ms: Optional[int] = None,
                                        trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/analytics/accounts/list; ``filters`` a dict (account, channel,
        userAccount) (cloudphone_geelark_list_analytics_accounts_build)."""
        return self._gl(C.geelark_list_analytics_accounts_build, now_unix_ms, trace_id, page, page_size,
                        _opt_json(filters, "filter_json"))

    def add_analytics_accounts_request(self, channel: int, accounts: Sequence[Any], now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/analytics/accounts/add; ``channel`` 0 TikTok, 1 YouTube, 2 Instagram,
        4 Reddit; ``accounts`` a list of {"account", "remark"} (cloudphone_geelark_add_analytics_accounts_build)."""
        return self._gl(C.geelark_add_analytics_accounts_build, now_unix_ms, trace_id, channel,
                        _cstr(json.dumps(list(accounts)), "accounts_json"))

    def delete_analytics_account_request(self, channel: int, account: str, now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/analytics/accounts/delete (cloudphone_geelark_delete_analytics_account_build)."""
        return self._gl(C.geelark_delete_analytics_account_build, now_unix_ms, trace_id, channel,
                        _cstr(account, "account"))

    def update_analytics_account_request(self, account_id: str, changes: Mapping[str, Any], now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/analytics/accounts/update; ``changes`` a dict (account, channel, remark,
        tagIds) (cloudphone_geelark_update_analytics_account_build)."""
        return self._gl(C.geelark_update_analytics_account_build, now_unix_ms, trace_id, _cstr(account_id, "id"),
                        _cstr(json.dumps(dict(changes)), "changes_json"))

    def get_analytics_data_request(self, page: int = 1, page_size: int = 100, filters: Optional[Mapping[str, Any]] = None, now_unix_ms: Optional[int] = None,
                                   trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/analytics/data; ``filters`` a dict (account, channel, dataDate,
        createdId) (cloudphone_geelark_get_analytics_data_build)."""
        return self._gl(C.geelark_get_analytics_data_build, now_unix_ms, trace_id, page, page_size,
                        _opt_json(filters, "filter_json"))

    def list_analytics_tags_request(self, page: int = 1, page_size: int = 200, name: Optional[str] = None, now_unix_ms: Optional[int] = None,
                                    trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/analytics/tags/list (cloudphone_geelark_list_analytics_tags_build)."""
        return self._gl(C.geelark_list_analytics_tags_build, now_unix_ms, trace_id, page, page_size,
                        None if name is None else _cstr(name, "name"))

    def create_analytics_tag_request(self, name: str, color: int = 0, now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/analytics/tags/create (cloudphone_geelark_create_analytics_tag_build)."""
        return self._gl(C.geelark_create_analytics_tag_build, now_unix_ms, trace_id, _cstr(name, "name"), color)

    def update_analytics_tag_request(self, tag_id: str, name: Optional[str] = None, color: Optional[int] = None, now_unix_ms: Optional[int] = None,
                                     trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/analytics/tags/update (cloudphone_geelark_update_analytics_tag_build)."""
        return self._gl(C.geelark_update_analytics_tag_build, now_unix_ms, trace_id, _cstr(tag_id, "id"),
                        None if name is None else _cstr(name, "name"), -1 if color is None else color)

    def delete_analytics_tags_request(self, ids: Iterable[str], now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/analytics/tags/del (cloudphone_geelark_delete_analytics_tags_build)."""
        arr, n = _id_array(ids, "ids")
        return self._gl(C.geelark_delete_analytics_tags_build, now_unix_ms, trace_id, arr, n)

    def upgrade_plan_request(self, profiles_id: str, parallels: int, monthly_rentals: int, days: Optional[int] = None, promo_code: Optional[str] = None,
                             now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/pay/plan/upgrade; spends money (cloudphone_geelark_upgrade_plan_build)."""
        return self._gl(C.geelark_upgrade_plan_build, now_unix_ms, trace_id, _cstr(profiles_id, "profiles_id"),
                        parallels, monthly_rentals, 0 if days is None else days,
                        None if promo_code is None else _cstr(promo_code, "promo_code"))

    def renew_plan_request(self, days: int, promo_code: Optional[str] = None, now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/pay/plan/continue; spends money (cloudphone_geelark_renew_plan_build)."""
        return self._gl(C.geelark_renew_plan_build, now_unix_ms, trace_id, days,
                        None if promo_code is None else _cstr(promo_code, "promo_code"))

    def buy_time_add_on_request(self, minutes: int, promo_code: Optional[str] = None, now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/pay/timeAddOn/buy; spends money (cloudphone_geelark_buy_time_add_on_build)."""
        return self._gl(C.geelark_buy_time_add_on_build, now_unix_ms, trace_id, minutes,
                        None if promo_code is None else _cstr(promo_code, "promo_code"))

    def recharge_wallet_request(self, pay_channel: int, usd: int, now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/pay/wallet/recharge: an order and its QR code; ``pay_channel`` 1 Alipay,
        2 WeChat (cloudphone_geelark_recharge_wallet_build)."""
        return self._gl(C.geelark_recharge_wallet_build, now_unix_ms, trace_id, pay_channel, usd)

    def list_transactions_request(self, phone_id: Optional[str] = None, start_at: int = 0, end_at: int = 0, limit: int = 100, last_flow_id: Optional[str] = None,
                                  now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/billing/transaction/detail, the last three days by flow cursor
        (cloudphone_geelark_list_transactions_build)."""
        return self._gl(C.geelark_list_transactions_build, now_unix_ms, trace_id,
                        None if phone_id is None else _cstr(phone_id, "id"), start_at, end_at, limit,
                        None if last_flow_id is None else _cstr(last_flow_id, "last_flow_id"))

    def list_team_brands_request(self, android_ver: int, page: int = 1, page_size: int = 100, now_unix_ms: Optional[int] = None,
                                 trace_id: Optional[str] = None) -> "Request":
        """POST /open/v1/phone/brand/teamList (cloudphone_geelark_list_team_brands_build)."""
        return self._gl(C.geelark_list_team_brands_build, now_unix_ms, trace_id, android_ver, page, page_size)

    def read_callback(self, headers: "HeadersLike", body: "BodyLike", verify: bool = True, now_unix_ms: Optional[int] = None) -> "Result":
        """A callback GeeLark POSTed: verified against this account's credentials
        (unless ``verify`` is false) and parsed into a typed event; ``result.field("/kind")``
        names it (cloudphone_geelark_callback_read)."""
        harr, hn = _headers(headers)
        data, n = _body(body)
        now = _now_ms() if now_unix_ms is None else now_unix_ms
        return Result._from_handle(_out(C.geelark_callback_read, self._h, bool(verify), harr, hn, data, n, now))

    def __repr__(self) -> str:
        return "GeelarkConfig(<credentials redacted>%s)" % (", closed" if self.closed else "")


def huawei_iam_create_token_request(iam_region_or_endpoint: str, user_name: str, password: str, domain_name: str, project: str,
                                    project_is_id: bool = False, now_unix_ms: Optional[int] = None) -> "Request":
    """POST {iam}/v3/auth/tokens, password identity scoped to a project
    (cloudphone_huawei_iam_create_token_build)."""
    now = _now_ms() if now_unix_ms is None else now_unix_ms
    return Request(_out(C.huawei_iam_create_token_build, _cstr(iam_region_or_endpoint, "iam_region_or_endpoint"),
                        _cstr(user_name, "user_name"), _cstr(password, "password"),
                        _cstr(domain_name, "domain_name"), _cstr(project, "project"), bool(project_is_id),
                        now, None))


HeadersLike = Union[None, Mapping[Any, Any], Iterable[Tuple[Union[str, bytes], Union[str, bytes]]]]
"""Response headers: a dict, (name, value) pairs, or None."""
BodyLike = Union[None, bytes, bytearray, memoryview, str]
"""A response body: bytes (a str is sent as UTF-8), or None."""


class Request(_Handle):
    """A built request: send `method`, `url`, every header of `headers`
    unchanged, and `body`; then pass the answer to `parse`."""

    _free_name = "request_free"

    @property
    def operation(self) -> Optional[str]:
        """The operation's name, e.g. "geelark.get_phone_status"."""
        return _view(C.request_operation(self._h))

    @property
    def method(self) -> Optional[str]:
        """The HTTP method to send, e.g. "POST"."""
        return _view(C.request_method(self._h))

    @property
    def url(self) -> Optional[str]:
        """The whole URL to send to."""
        return _view(C.request_url(self._h))

    @property
    def headers(self) -> List[Tuple[str, str]]:
        """The headers to send, in order, as (name, value) pairs (signed: send them unchanged)."""
        out = []
        for i in range(C.request_header_count(self._h)):
            h = C.request_header_at(self._h, i)
            out.append((_text(h.name), _text(h.value)))
        return out

    def header(self, name: str) -> Optional[str]:
        """The first header with this name (any case)."""
        for k, v in self.headers:
            if k.lower() == name.lower():
                return v
        return None

    @property
    def body(self) -> bytes:
        """The body to send (empty for none)."""
        b = C.request_body(self._h)
        return ctypes.string_at(b.ptr, b.len) if b.ptr else b""

    @property
    def is_idempotent(self) -> bool:
        """Whether the request may be sent again after a lost answer."""
        return bool(C.request_is_idempotent(self._h))

    def parse(self, http_status: int, headers: HeadersLike, body: Optional[bytes],
              max_body_len: Optional[int] =  None) -> "Result":
        """Parses the answer (any status) with the operation that built this
        request into a Result (cloudphone_request_parse); a failed call
        raises its Error. A body over `max_body_len` bytes (default 16 MiB)
        is refused with STATUS_BODY_TOO_LARGE (cloudphone_request_parse_capped)."""
        return Result._from_handle(_parse(self, http_status, headers, body, max_body_len))

    @property
    def pages(self) -> bool:
        """Whether this is a page of a listing (next_request can follow it)."""
        return bool(C.request_pages(self._h))

    def next_request(self, result: "Result", now_unix_ms: Optional[int] = None, trace_id: Optional[str] = None) -> Optional["Request"]:
        """For a listing: the request for the page after `result` (this
        request's parsed answer), signed with the configuration the first
        page was built with, or None after the last page
        (cloudphone_request_next). GeeLark pages get a fresh trace id when
        none is given."""
        now = _now_ms() if now_unix_ms is None else now_unix_ms
        if trace_id is None and (self.operation or "").startswith("geelark."):
            trace_id = format_trace_id()
        h = _out(C.request_next, self._h, _handle_of(result), now, _cstr(trace_id, "trace_id"))
        return Request(h) if h else None

    def __repr__(self) -> str:
        if self.closed:
            return "Request(closed)"
        return "Request(%s %s)" % (self.method, self.url)


def _headers(headers: HeadersLike) -> Tuple[Any, int]:
    """A `cloudphone_response_header` array and its length (the array keeps
    the encoded strings alive)."""
    if isinstance(headers, dict):
        headers = headers.items()
    hs = [(_cstr(k, "header name"), _cstr(v, "header value")) for k, v in (headers or [])]
    arr = (_ResponseHeader * len(hs))(
        *[_ResponseHeader(k, len(k or b""), v, len(v or b"")) for k, v in hs]) if hs else None
    return arr, len(hs)


def _body(body: BodyLike) -> Tuple[Optional[bytes], int]:
    """Body bytes (str as UTF-8) and their length; None is (NULL, 0)."""
    if body is not None and isinstance(body, str):
        body = body.encode("utf-8")
    if body is not None and not isinstance(body, (bytes, bytearray, memoryview)):
        raise TypeError("body must be bytes")
    data = bytes(body) if body else None
    return data, len(data) if data else 0


def _parse(request: Optional[Request], http_status: int, headers: HeadersLike, body: BodyLike,
           max_body_len: Optional[int] =  None) -> int:
    arr, hn = _headers(headers)
    data, n = _body(body)
    if max_body_len is not None:
        if max_body_len <= 0:
            raise ValueError("max_body_len must be positive")
        return _out(C.request_parse_capped, _handle_of(request), max_body_len, http_status, arr, hn, data, n)
    return _out(C.request_parse, _handle_of(request), http_status, arr, hn, data, n)


# ------------------------------------------------------------ result items


@dataclass(frozen=True)
class ConnectInfo:
    """Access information for one phone. `ticket` is a credential: do not log it."""

    phone_id: str
    access_ip: Optional[str]
    intranet_ip: Optional[str]
    access_ipv6: Optional[str]
    access_port: Optional[int]
    session_id: Optional[str]
    timestamp: Optional[str]
    ticket: Optional[str]

    @classmethod
    def _read(cls, p: str) -> "ConnectInfo":
        port = int(C.connect_info_access_port(p))
        return cls(_text(C.connect_info_phone_id(p)), _view(C.connect_info_access_ip(p)),
                   _view(C.connect_info_intranet_ip(p)), _view(C.connect_info_access_ipv6(p)),
                   None if port < 0 else port, _view(C.connect_info_session_id(p)),
                   _view(C.connect_info_timestamp(p)), _view(C.connect_info_ticket(p)))

    def __repr__(self) -> str:
        return "ConnectInfo(phone_id=%r, access_ip=%r, access_port=%r, session_id=%r, ticket=<redacted>)" % (
            self.phone_id, self.access_ip, self.access_port, self.session_id)


@dataclass(frozen=True)
class PhoneState:
    """One phone's state: `status` is "running", "starting", "stopped", "expired", ... or "unknown"."""

    id: str
    serial_name: Optional[str]
    status: str
    raw_status: int
    is_running: bool

    @classmethod
    def _read(cls, p: str) -> "PhoneState":
        return cls(_text(C.phone_state_id(p)), _view(C.phone_state_serial_name(p)),
                   _text(C.phone_state_status(p)), int(C.phone_state_raw_status(p)),
                   bool(C.phone_state_is_running(p)))


@dataclass(frozen=True)
class ItemFailure:
    """One id that failed: `status` is STATUS_API for a provider's per-item
    error, or the status of the call that failed as a whole."""

    id: str
    status: int
    code: str
    message: str

    @property
    def status_name(self) -> str:
        """The name of ``status`` (e.g. "API")."""
        return status_name(self.status)

    @classmethod
    def _read(cls, p: str) -> "ItemFailure":
        return cls(_text(C.item_failure_id(p)), int(C.item_failure_status(p)),
                   _text(C.item_failure_code(p)), _text(C.item_failure_message(p)))


def _items(h: Optional[int], count: Any, at: Any, cls: Any) -> List[Any]:
    return [cls._read(at(h, i)) for i in range(count(h))]


@dataclass(frozen=True)
class IamToken:
    """An IAM token (`value` is a credential) and its expiry."""

    value: str
    expires_at: str
    expires_at_unix_ms: int
    project_id: Optional[str]

    @classmethod
    def _read(cls, p: str) -> "IamToken":
        return cls(_text(C.huawei_iam_token_value(p)), _text(C.huawei_iam_token_expires_at(p)),
                   int(C.huawei_iam_token_expires_at_unix_ms(p)), _view(C.huawei_iam_token_project_id(p)))

    def __repr__(self) -> str:
        return "IamToken(<redacted>, expires_at=%r)" % self.expires_at


class _Result(_Handle):
    _to_json_name = ""

    @classmethod
    def _from_handle(cls: Type[_R], h: int) -> _R:
        obj = cls(h)
        obj._read()
        return obj

    def _read(self) -> None:
        raise NotImplementedError

    def to_json(self) -> str:
        """The whole result as JSON text (as the C `_to_json`; credentials included)."""
        return _take_string(_out(getattr(C, self._to_json_name), self._h))

    def to_dict(self) -> Dict[str, Any]:
        """The whole result as a dict (`to_json` parsed)."""
        value: Dict[str, Any] = json.loads(self.to_json())
        return value


@dataclass(frozen=True)
class Item:
    """One item of a Result: its id, neutral status and job id (each None
    when the operation has none)."""

    id: str
    status: Optional[str]
    job_id: Optional[str]


class Result(_Result):
    """The answer of any operation (Request.parse, a client's call): the
    operation, request/trace id, GeeLark's envelope code, a listing's total,
    items, per-item failures, the typed views some operations have
    (`connect_infos` of huawei.show_connect_infos, `phone_states` of
    geelark.get_phone_status, `iam_token` of huawei.iam.create_token), and
    any value of the result's JSON through `field("/json/pointer")`."""

    _free_name = "result_free"
    _to_json_name = "result_to_json"

    def _read(self) -> None:
        h = self._h
        total = int(C.result_total(h))
        self.operation: Optional[str] = _view(C.result_operation(h))
        self.request_id: Optional[str] = _view(C.result_request_id(h))
        self.code: int = int(C.result_code(h))
        self.total: Optional[int] = None if total < 0 else total
        ids = _id_list(C.result_item_ids(h))
        self.items: List[Item] = [
            Item(i, _view(C.result_item_status(h, n)), _view(C.result_item_job_id(h, n))) for n, i in enumerate(ids)]
        self.failures: List[ItemFailure] = _items(h, C.result_failure_count, C.result_failure_at, ItemFailure)
        self.connect_infos: List[ConnectInfo] = _items(
            h, C.result_connect_info_count, C.result_connect_info_at, ConnectInfo)
        self.phone_states: List[PhoneState] = _items(
            h, C.result_phone_state_count, C.result_phone_state_at, PhoneState)
        token = C.result_iam_token(h)
        self.iam_token: Optional[IamToken] = IamToken._read(token) if token else None

    @property
    def item_ids(self) -> List[str]:
        """The ids of the items, in order."""
        return [i.id for i in self.items]

    def field(self, pointer: str) -> Optional[str]:
        """One value of the JSON by RFC 6901 pointer (a string's text, or
        compact JSON); None when absent. May be a credential."""
        return _view(C.result_field(self._h, _cstr(pointer, "pointer")))

    def __repr__(self) -> str:
        return "Result(%s, %d items, %d failures)" % (self.operation, len(self.items), len(self.failures))


# ------------------------------------------------------------------ batch


class BatchPlan(_Handle):
    """Distinct ids (first seen wins) split into calls of at most `limit`."""

    _free_name = "batch_plan_free"

    def __init__(self, ids: Sequence[str], limit: int):
        arr, n = _id_array(ids)
        if limit < 0:
            raise ValueError("limit must not be negative")
        super().__init__(_out(C.batch_plan_new, arr, n, limit))
        self.ids: List[str] = _id_list(C.batch_plan_ids(self._h))
        self.calls: List[List[str]] = [
            _id_list(C.batch_plan_call(self._h, i)) for i in range(C.batch_plan_call_count(self._h))]


class BatchOutcome(_Result):
    """Every planned id exactly once: `succeeded` (ConnectInfo, PhoneState,
    or for any other batch operation Item), `failed` (ItemFailure) or
    `missing` (ids)."""

    _free_name = "batch_outcome_free"
    _to_json_name = "batch_outcome_to_json"

    def _read(self) -> None:
        h = self._h
        n = C.batch_outcome_succeeded_count(h)
        items: List[Any] = []
        for i in range(n):
            ci = C.batch_outcome_connect_info_at(h, i)
            ps = None if ci else C.batch_outcome_phone_state_at(h, i)
            if ci:
                items.append(ConnectInfo._read(ci))
            elif ps:
                items.append(PhoneState._read(ps))
            else:
                items.append(Item(_text(C.batch_outcome_item_id(h, i)), _view(C.batch_outcome_item_status(h, i)),
                                  _view(C.batch_outcome_item_job_id(h, i))))
        self.succeeded = items
        self.failed: List[ItemFailure] = _items(h, C.batch_outcome_failure_count, C.batch_outcome_failure_at,
                                                ItemFailure)
        self.missing: List[str] = _id_list(C.batch_outcome_missing(h))
        self.request_ids: List[str] = _id_list(C.batch_outcome_request_ids(h))
        self.unexpected: List[str] = _id_list(C.batch_outcome_unexpected(h))
        self.is_complete_success: bool = bool(C.batch_outcome_is_complete_success(h))


class BatchMerge(_Handle):
    """Collects a plan's per-call answers; finish() gives the outcome."""

    _free_name = "batch_merge_free"

    def __init__(self, plan: BatchPlan):
        super().__init__(_out(C.batch_merge_new, _handle_of(plan)))

    def record(self, call_index: int, result: Result) -> None:
        """Records the parsed answer of call `call_index` (copied): only the
        ids that call carried are credited, any other id it names is listed
        as unexpected. The result must be of an operation over a list of ids
        (connect infos, status, restart, start, GPS, ...), and all results of
        one merge of the same operation (InvalidInputError)
        (cloudphone_batch_merge_record)."""
        if not isinstance(result, Result):
            raise TypeError("record takes a Result")
        _call(C.batch_merge_record, self._h, call_index, _handle_of(result))

    def record_error(self, call_index: int, error: Error) -> None:
        """Call `call_index` failed as a whole with `error` (as raised by parse)."""
        _call(C.batch_merge_record_error, self._h, call_index, None if error is None else error._handle)

    def record_transport_error(self, call_index: int, message: str) -> None:
        """Sending call `call_index` failed in the host's transport."""
        _call(C.batch_merge_record_transport_error, self._h, call_index, _cstr(message, "message"))

    def finish(self) -> BatchOutcome:
        """Every id accounted for once: succeeded, failed or missing."""
        return BatchOutcome._from_handle(_out(C.batch_merge_finish, self._h))


# ---------------------------------------------------------------- clients


class HuaweiClient(_Handle):
    """Blocking client (library built with feature "client"; otherwise
    UnsupportedError). Safe to share between threads."""

    _free_name = "huawei_client_free"

    def __init__(self, config: Optional[HuaweiConfig], timeout_ms: int =  0, _handle: Optional[int] =  None):
        super().__init__(_handle if _handle else _out(C.huawei_client_new, _handle_of(config), timeout_ms))

    @classmethod
    def from_env(cls, timeout_ms: int =  0) -> "HuaweiClient":
        """From HUAWEICLOUD_SDK_AK/SK/SECURITY_TOKEN/PROJECT_ID/REGION or
        CLOUDPHONE_HUAWEI_ENDPOINT (cloudphone_huawei_client_from_env)."""
        return cls(None, _handle=_out(C.huawei_client_from_env, timeout_ms))

    def call(self, request: "Request") -> "Result":
        """Any operation, in one blocking call: `request` (from any config's builder) names the operation and
        its arguments; the client signs and sends it afresh, with retries
        (cloudphone_huawei_client_call)."""
        return Result._from_handle(_out(C.huawei_client_call, self._h, _handle_of(request)))

    def show_connect_infos(self, phone_ids: Iterable[str], client_type: str = "ANDROID") -> BatchOutcome:
        """Access information for any number of phones: 10 per call, sent in
        parallel, merged (cloudphone_huawei_client_show_connect_infos)."""
        arr, n = _id_array(phone_ids, "phone_ids")
        return BatchOutcome._from_handle(_out(C.huawei_client_show_connect_infos, self._h, arr, n,
                                              _cstr(client_type, "client_type")))


class GeelarkClient(_Handle):
    """Blocking GeeLark client (as HuaweiClient)."""

    _free_name = "geelark_client_free"

    def __init__(self, config: Optional[GeelarkConfig], timeout_ms: int =  0, _handle: Optional[int] =  None):
        super().__init__(_handle if _handle else _out(C.geelark_client_new, _handle_of(config), timeout_ms))

    @classmethod
    def from_env(cls, timeout_ms: int =  0) -> "GeelarkClient":
        """From CLOUDPHONE_GEELARK_APP_ID + CLOUDPHONE_GEELARK_API_KEY or
        CLOUDPHONE_GEELARK_TOKEN, and CLOUDPHONE_GEELARK_ENDPOINT
        (cloudphone_geelark_client_from_env)."""
        return cls(None, _handle=_out(C.geelark_client_from_env, timeout_ms))

    def call(self, request: "Request") -> "Result":
        """As HuaweiClient.call, within GeeLark's rate limit
        (cloudphone_geelark_client_call)."""
        return Result._from_handle(_out(C.geelark_client_call, self._h, _handle_of(request)))

    def get_phone_status(self, ids: Iterable[str]) -> BatchOutcome:
        """The status of any number of phones: 100 per call, merged
        (cloudphone_geelark_client_get_phone_status)."""
        arr, n = _id_array(ids)
        return BatchOutcome._from_handle(_out(C.geelark_client_get_phone_status, self._h, arr, n))
