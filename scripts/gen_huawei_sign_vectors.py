#!/usr/bin/env python3
"""Generate byte-exact AK/SK "SDK-HMAC-SHA256" signing vectors with the OFFICIAL
Huawei Cloud Python SDK core signer (PyPI `huaweicloudsdkcore`).

Run through `scripts/gen_huawei_sign_vectors.sh`, which installs the pinned SDK
version into a throwaway venv.  Writes `tests/fixtures/huawei/sign_vectors.json`
(or the path given with `--output`).

How the time is fixed
---------------------
`Signer._process_header_time` honours an existing `X-Sdk-Date` header (looked up
case-insensitively, parsed with `%Y%m%dT%H%M%SZ`) and only falls back to
`datetime.utcnow()` when the header is absent.  So each vector's `sdk_date` is
put into `header_params` as `X-Sdk-Date` (appended after `input.headers`),
unless `input.headers` already carries an `x-sdk-date` header in any case, in
which case that header is used as is.  As a cross-check every vector is signed a
second time WITHOUT the header while `datetime` inside the signer module is
monkeypatched to return the same instant; both runs must produce the same
signature.

Every vector is also recomputed by a small independent re-implementation
(`reference_sign` below) and the script aborts on any mismatch, so the
algorithm description in that function is verified against the SDK.
"""
import argparse
import copy
import datetime as _dt
import hashlib
import hmac
import json
import sys
from importlib.metadata import version as _pkg_version
from pathlib import Path
from urllib.parse import quote, unquote

import huaweicloudsdkcore.signer.signer as signer_module
from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkcore.sdk_request import SdkRequest
from huaweicloudsdkcore.signer.signer import Signer

PACKAGE = "huaweicloudsdkcore"
DATE_FMT = "%Y%m%dT%H%M%SZ"
EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

# ---------------------------------------------------------------- credentials
# Public example pair from Huawei's "API Request Signing Guide".
DOC_AK, DOC_SK = "QTWAOYTTINDUT2QVKYUC", "MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc"
AK1, SK1 = "HPUAEXAMPLEAK0000001", "ExampleSecretKey0123456789abcdefghijklmn"
AK2, SK2 = "AKIDTESTCLOUDPHONE02", "s3cr3t+/=Key~WithSymbols0123456789ABCDEF"
AK3, SK3 = "ZZZZZZZZZZZZZZZZZZZZ", "short"
PID = "0a1b2c3d4e5f60718293a4b5c6d7e8f9"
CPH = "cph.cn-north-4.myhuaweicloud.com"
PHONE = "1234567890abcdef1234567890abcdef"
D1 = "20240102T030405Z"
D2 = "20240229T235959Z"
D3 = "20251231T235959Z"
D4 = "20000101T000000Z"

JSON_HDRS = [["Content-Type", "application/json"]]
CPH_HDRS = [
    ["Content-Type", "application/json"],
    ["User-Agent", "huaweicloud-usdk-python/3.0"],
    ["X-Project-Id", PID],
]


def V(name, description, method, path, *, scheme="https", host=CPH, query=None,
      headers=None, body="", ak=AK1, sk=SK1, sdk_date=D1, expect_signature=None):
    return {
        "name": name,
        "description": description,
        "input": {
            "method": method,
            "scheme": scheme,
            "host": host,
            "path": path,
            "query": query if query is not None else [],
            "headers": headers if headers is not None else [],
            "body": body,
            "ak": ak,
            "sk": sk,
            "sdk_date": sdk_date,
        },
        "_expect_signature": expect_signature,
    }


VECTORS = [
    V("doc_example_get_vpcs",
      "Worked example from Huawei's API request signing guide (known published signature).",
      "GET", "/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs",
      host="service.region.example.com",
      query=[["limit", "2"], ["marker", "13551d6b-755d-4757-b956-536f674975c0"]],
      headers=JSON_HDRS, ak=DOC_AK, sk=DOC_SK, sdk_date="20191115T033655Z",
      expect_signature="7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe"),
    V("cph_list_phones_get",
      "Typical CPH list call: unsorted query, SDK default headers, no body.",
      "GET", f"/v1/{PID}/cloud-phone/phones",
      query=[["offset", "0"], ["limit", "100"], ["status", "2"]], headers=CPH_HDRS),
    V("cph_batch_connection_post",
      "POST with a compact JSON body (ASCII).",
      "POST", f"/v1/{PID}/cloud-phone/phones/batch-connection",
      headers=CPH_HDRS,
      body=json.dumps({"client_type": "ANDROID", "phone_ids": ["%032x" % i for i in range(3)]})),
    V("put_json_body_raw_utf8_unicode",
      "PUT whose JSON body contains raw UTF-8 Chinese and emoji; payload hash is over the UTF-8 bytes.",
      "PUT", f"/v1/{PID}/cloud-phone/phones/{PHONE}",
      headers=CPH_HDRS, body='{"phone_name": "测试手机😀", "note": "naïve café"}'),
    V("put_json_body_ascii_escaped_unicode",
      "Same content as the previous vector but \\u-escaped (what simplejson/ensure_ascii emits): different bytes, different hash.",
      "PUT", f"/v1/{PID}/cloud-phone/phones/{PHONE}",
      headers=CPH_HDRS,
      body=json.dumps({"phone_name": "测试手机😀", "note": "naïve café"}, ensure_ascii=True)),
    V("delete_no_body_no_content_type",
      "DELETE, no headers at all besides what the signer adds: signed headers = host;x-sdk-date.",
      "DELETE", f"/v1/{PID}/cloud-phone/servers/abc-123", ak=AK2, sk=SK2, sdk_date=D2),
    V("patch_with_body",
      "PATCH method with JSON body and pretty-printed whitespace/newlines kept verbatim.",
      "PATCH", f"/v1/{PID}/cloud-phone/phones/{PHONE}/properties",
      headers=JSON_HDRS, body='{\n  "a": 1,\n  "b": [true, false, null]\n}\n', ak=AK2, sk=SK2),
    V("lowercase_method",
      "Method given in lower case; the canonical request upper-cases it.",
      "post", f"/v1/{PID}/cloud-phone/phones/batch-restart",
      headers=JSON_HDRS, body='{"phones": [{"phone_id": "x"}]}'),
    V("query_repeated_keys",
      "Repeated keys given as separate pairs; pairs are sorted by (key, value).",
      "GET", f"/v1/{PID}/cloud-phone/phones",
      query=[["status", "2"], ["id", "b"], ["status", "1"], ["id", "a"], ["status", "10"]],
      headers=CPH_HDRS),
    V("query_list_value",
      "A query value given as a JSON array (Python list) expands to repeated key=value, values sorted.",
      "GET", f"/v1/{PID}/cloud-phone/phones",
      query=[["phone_ids", ["zz", "aa", "mm", "Bb"]], ["limit", "10"]], headers=CPH_HDRS),
    V("query_bool_and_int_values",
      "Non-string values: bool -> true/false, int -> decimal str().",
      "GET", f"/v1/{PID}/cloud-phone/servers",
      query=[["force", True], ["verbose", False], ["limit", 100], ["offset", 0]],
      headers=CPH_HDRS, ak=AK3, sk=SK3),
    V("query_special_chars",
      "Values with space, +, ~, /, =, &, ?, #, %, *, quote, parens, colon, comma, semicolon; empty value keeps '='.",
      "GET", f"/v1/{PID}/cloud-phone/phones",
      query=[["q", "a b+c"], ["tilde", "~user"], ["path", "/a/b/"], ["eq", "k=v&x=y"],
             ["misc", "?#%*'()!:,;@$"], ["empty", ""], ["dash_dot", "a-b_c.d"]],
      headers=CPH_HDRS),
    V("query_unicode",
      "Chinese and emoji in query keys and values (UTF-8 percent-encoded, upper-case hex).",
      "GET", f"/v1/{PID}/cloud-phone/phones",
      query=[["phone_name", "手机 一号"], ["emoji", "😀🚀"], ["名称", "值"]],
      headers=CPH_HDRS, ak=AK2, sk=SK2),
    V("query_sort_raw_not_encoded",
      "Sort happens on the RAW key/value (code-point order), BEFORE percent-encoding: '{', 'é', '中' sort after ASCII letters even though their encodings start with '%'.",
      "GET", "/v1/sort",
      query=[["中", "1"], ["é", "2"], ["{", "3"], ["z", "4"], ["a", "5"], ["~", "6"],
             ["Z", "7"], ["_", "8"], ["-", "9"], ["a b", "10"], ["a", "05"], ["A", "11"]],
      headers=JSON_HDRS),
    V("query_empty_values_and_empty_key",
      "Empty values and an empty key.",
      "GET", "/v1/empty",
      query=[["marker", ""], ["", "novalue-key"], ["flag", ""], ["limit", "1"]],
      headers=JSON_HDRS, ak=AK3, sk=SK3),
    V("path_root",
      "Root path '/': canonical URI stays '/'.",
      "GET", "/", headers=JSON_HDRS, sdk_date=D4),
    V("path_trailing_slash",
      "Path already ending in '/': no second slash added.",
      "GET", f"/v1/{PID}/cloud-phone/phones/", headers=CPH_HDRS),
    V("path_spaces_unicode_colon",
      "Raw (unencoded) path with spaces, Chinese, emoji and ':'; canonical URI percent-encodes them, URI sent is the raw path.",
      "POST", f"/v1/{PID}/手机 列表/😀/phones:batch-stop",
      headers=JSON_HDRS, body='{"ids": []}', ak=AK2, sk=SK2, sdk_date=D3),
    V("path_pre_encoded",
      "Path already percent-encoded (as the SDK client does for path params): canonical URI decodes then re-encodes.",
      "GET", f"/v1/{PID}/cloud-phone/phones/a%20b/%E6%89%8B%E6%9C%BA/x%3ay",
      headers=CPH_HDRS),
    V("path_encoded_slash_quirk",
      "An encoded %2F inside a segment is decoded before splitting, so it becomes a separator in the canonical URI.",
      "GET", f"/v1/{PID}/cloud-phone/phones/a%2Fb", headers=CPH_HDRS),
    V("path_reserved_chars",
      "Reserved/sub-delim characters in the path, '~' kept, '+' encoded (not a space), a bare '%' encoded as %25, an empty segment kept.",
      "PUT", "/v1/x+y/a=b&c/~user/100%/it's(1)!*@$,;//end",
      headers=JSON_HDRS, body="{}", ak=AK3, sk=SK3),
    V("host_with_port_http",
      "Plain-http endpoint with explicit port: Host header = host:port exactly.",
      "GET", f"/v1/{PID}/cloud-phone/phones", scheme="http", host="127.0.0.1:18080",
      query=[["limit", "1"]], headers=CPH_HDRS),
    V("host_ipv6_with_port",
      "IPv6 literal authority with port.",
      "GET", "/v1/ping", host="[::1]:8443", headers=JSON_HDRS),
    V("explicit_host_header",
      "Caller-provided 'host' header (any case) suppresses the signer's Host; its value is what gets signed.",
      "GET", "/v1/ping", host="10.0.0.1:443",
      headers=[["Content-Type", "application/json"], ["host", "gateway.example.com"]]),
    V("headers_mixed_case_and_spaces",
      "Custom header names in mixed case and values with surrounding spaces/tab: names lowercased, values trimmed, inner spaces kept.",
      "POST", f"/v1/{PID}/cloud-phone/phones/batch-stop",
      headers=[["Content-Type", "application/json"], ["X-Project-Id", PID],
               ["X-Custom-Header", "  Mixed  Case Value\t "], ["x-UPPER-lower", "V"],
               ["Accept", " application/json "]],
      body='{"phone_ids": ["a"]}', ak=AK2, sk=SK2),
    V("header_with_underscore_not_signed",
      "Header names containing '_' are excluded from SignedHeaders (still trimmed and sent).",
      "GET", f"/v1/{PID}/cloud-phone/phones",
      headers=CPH_HDRS + [["X_Trace_Id", "  abc  "], ["X-Request-Id", "req-1"]]),
    V("header_unicode_value",
      "Non-ASCII header value: canonical header uses the UTF-8 text; the SDK sends the value as UTF-8 bytes.",
      "GET", "/v1/tags", headers=[["Content-Type", "application/json"], ["X-Tag", " 手机 😀 "]]),
    V("content_type_text_plain_unsigned_payload",
      "Content-Type not starting with application/json|bson: signer adds X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD and uses it as payload hash.",
      "PUT", "/v1/upload/file.txt", headers=[["Content-Type", "text/plain"]], body="hello world\n"),
    V("content_type_octet_stream_empty_body",
      "Non-JSON Content-Type with EMPTY body: UNSIGNED-PAYLOAD header is still added and signed, but payload hash is the empty-string SHA-256.",
      "POST", "/v1/upload", headers=[["Content-Type", "application/octet-stream"]], body="",
      ak=AK3, sk=SK3),
    V("content_type_json_charset",
      "'application/json;charset=UTF-8' starts with application/json: body hashed normally.",
      "POST", f"/v1/{PID}/cloud-phone/phones/batch-reset",
      headers=[["Content-Type", "application/json;charset=UTF-8"], ["X-Project-Id", PID]],
      body='{"phones": [{"phone_id": "p1", "property": "{\\"k\\":\\"v\\"}"}]}'),
    V("content_type_lowercase_name_quirk",
      "The UNSIGNED-PAYLOAD check looks up the exact name 'Content-Type' (case-sensitive): a lowercase 'content-type: text/plain' does NOT trigger it, body is hashed.",
      "POST", "/v1/upload", headers=[["content-type", "text/plain"]], body="plain body"),
    V("lowercase_x_sdk_date_header",
      "Caller supplies 'x-sdk-date' in lower case: honoured (case-insensitive lookup), no X-Sdk-Date added.",
      "GET", "/v1/ping", headers=[["Content-Type", "application/json"], ["x-sdk-date", D2]],
      sdk_date=D2),
    V("security_token_header",
      "Temporary credentials: X-Security-Token (added by Credentials.sign_request) is signed like any header.",
      "GET", f"/v1/{PID}/cloud-phone/phones",
      headers=CPH_HDRS + [["X-Security-Token", "gQpjbi1ub3J0aC00jD2T+tok/en=="]], ak=AK2, sk=SK2),
    V("post_empty_body_json",
      "POST with Content-Type JSON and empty body: empty-string hash.",
      "POST", f"/v1/{PID}/cloud-phone/phones/batch-restart", headers=CPH_HDRS, body=""),
    V("post_empty_object_body",
      "POST with body '{}'.",
      "POST", f"/v1/{PID}/cloud-phone/servers/open", headers=CPH_HDRS, body="{}", sdk_date=D3),
    V("delete_with_query_and_body",
      "DELETE carrying both a query string and a JSON body.",
      "DELETE", f"/v1/{PID}/cloud-phone/phones/{PHONE}/files",
      query=[["path", "/sdcard/Download/a b.apk"], ["recursive", True]],
      headers=CPH_HDRS, body='{"files": ["x", "y"]}', ak=DOC_AK, sk=DOC_SK),
]


# --------------------------------------------------------- capturing signer
class CapturingSigner(Signer):
    """The official Signer, unchanged, with its helper results recorded."""

    def __init__(self, credentials):
        super().__init__(credentials)
        self.cap = {}

    def _process_signed_headers(self, request):
        r = super()._process_signed_headers(request)
        self.cap["signed_headers_list"] = list(r)
        return r

    def _process_canonical_headers(self, request, signed_headers):
        r = super()._process_canonical_headers(request, signed_headers)
        self.cap["canonical_headers"] = r
        return r

    def _process_hash_payload(self, request):
        r = super()._process_hash_payload(request)
        self.cap["payload_hash"] = r
        return r

    def _process_canonical_uri(self, request):
        r = super()._process_canonical_uri(request)
        self.cap["canonical_uri"] = r
        return r

    def _process_canonical_request(self, request, signed_headers):
        r = super()._process_canonical_request(request, signed_headers)
        self.cap["canonical_request"] = r
        return r

    def _process_string_to_sign(self, canonical_request, time):
        r = super()._process_string_to_sign(canonical_request, time)
        self.cap["string_to_sign"] = r
        return r

    def _sign_string_to_sign(self, string_to_sign, key):
        r = super()._sign_string_to_sign(string_to_sign, key)
        self.cap["signature"] = r
        return r


def has_header(headers, name):
    return any(k.lower() == name.lower() for k, _ in headers)


def make_request(inp, inject_date):
    header_params = {}
    for k, v in inp["headers"]:
        header_params[k] = v
    if inject_date and not has_header(inp["headers"], "X-Sdk-Date"):
        header_params["X-Sdk-Date"] = inp["sdk_date"]
    return SdkRequest(
        method=inp["method"], schema=inp["scheme"], host=inp["host"],
        resource_path=inp["path"],
        query_params=[(k, copy.deepcopy(v)) for k, v in inp["query"]],
        header_params=header_params, body=inp["body"])


def wire_value(v):
    # Signer rewrites each header value as value.strip().encode("utf-8").decode("iso-8859-1")
    # so that `requests` emits UTF-8 bytes; undo that to show the real text.
    try:
        return v.encode("iso-8859-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return v


def sign_official(inp, inject_date):
    creds = BasicCredentials(inp["ak"], inp["sk"])
    signer = CapturingSigner(creds)
    req = make_request(inp, inject_date)
    if inject_date:
        signer.sign(req)
    else:
        fixed = _dt.datetime.strptime(inp["sdk_date"], DATE_FMT)

        class FixedDatetime(_dt.datetime):
            @classmethod
            def utcnow(cls):
                return cls(fixed.year, fixed.month, fixed.day, fixed.hour, fixed.minute, fixed.second)

        orig = signer_module.datetime
        signer_module.datetime = FixedDatetime  # monkeypatch the signer module's clock
        try:
            signer.sign(req)
        finally:
            signer_module.datetime = orig
    # The plain official class must agree with the capturing subclass.
    plain = make_request(inp, inject_date)
    if inject_date:
        Signer(creds).sign(plain)
        assert plain.header_params["Authorization"] == req.header_params["Authorization"]
    return signer.cap, req


# ------------------------------------------------ independent reference impl
def _enc(s):
    # RFC 3986 unreserved kept (A-Z a-z 0-9 - _ . ~), all else %XX upper-case over UTF-8.
    out = []
    for b in s.encode("utf-8"):
        c = chr(b)
        if c.isascii() and (c.isalnum() or c in "-_.~"):
            out.append(c)
        else:
            out.append("%%%02X" % b)
    return "".join(out)


def reference_sign(inp):
    headers = [[k, v] for k, v in inp["headers"]]
    if not has_header(headers, "X-Sdk-Date"):
        headers.append(["X-Sdk-Date", inp["sdk_date"]])
    ct = next((v for k, v in headers if k == "Content-Type"), None)  # exact-case lookup
    if ct and not ct.startswith("application/json") and not ct.startswith("application/bson"):
        headers.append(["X-Sdk-Content-Sha256", "UNSIGNED-PAYLOAD"])
    if not has_header(headers, "Host"):
        headers.append(["Host", inp["host"]])
    signed = sorted(k.lower() for k, _ in headers if "_" not in k)
    values = {k.lower(): str(v).strip() for k, v in headers}
    canonical_headers = "".join("%s:%s\n" % (k, values[k]) for k in signed)

    segs = unquote(inp["path"]).split("/")
    cu = "/".join(_enc(s) for s in segs)
    if not cu.endswith("/"):
        cu += "/"

    pairs = sorted((k, copy.deepcopy(v)) for k, v in inp["query"])
    q = []
    for k, v in pairs:
        if isinstance(v, list):
            q += ["%s=%s" % (_enc(k), _enc(str(x))) for x in sorted(v)]
        elif isinstance(v, bool):
            q.append("%s=%s" % (_enc(k), "true" if v else "false"))
        else:
            q.append("%s=%s" % (_enc(k), _enc(str(v))))
    cq = "&".join(q)

    body = inp["body"].encode("utf-8")
    if not body:
        ph = EMPTY_SHA256
    elif has_header(headers, "X-Sdk-Content-Sha256"):
        ph = next(v for k, v in headers if k.lower() == "x-sdk-content-sha256")
    else:
        ph = hashlib.sha256(body).hexdigest()

    creq = "\n".join([inp["method"].upper(), cu, cq, canonical_headers, ";".join(signed), ph])
    sts = "SDK-HMAC-SHA256\n%s\n%s" % (inp["sdk_date"], hashlib.sha256(creq.encode("utf-8")).hexdigest())
    sig = hmac.new(inp["sk"].encode("utf-8"), sts.encode("utf-8"), hashlib.sha256).hexdigest()
    auth = "SDK-HMAC-SHA256 Access=%s, SignedHeaders=%s, Signature=%s" % (inp["ak"], ";".join(signed), sig)
    return {"canonical_request": creq, "string_to_sign": sts, "authorization": auth,
            "canonical_query_string": cq, "canonical_uri": cu}


# ------------------------------------------------------------------- driver
def build_vector(spec):
    inp = spec["input"]
    cap, req = sign_official(inp, inject_date=True)
    cap2, req2 = sign_official(inp, inject_date=False)
    if cap != cap2 or req.header_params["Authorization"] != req2.header_params["Authorization"]:
        raise SystemExit("%s: header-date and clock-date runs differ" % spec["name"])

    final = [[k, wire_value(v)] for k, v in req.header_params.items()]
    given = {k: v for k, v in inp["headers"]}
    added = [[k, v] for k, v in final if k not in given]
    changed = [[k, given[k], v] for k, v in final if k in given and given[k] != v]
    auth = req.header_params["Authorization"]
    date = next(v for k, v in final if k.lower() == "x-sdk-date")
    canonical_query = Signer.process_canonical_query_string(make_request(inp, True))

    out = {
        "canonical_uri": cap["canonical_uri"],
        "canonical_query_string": canonical_query,
        "canonical_headers": cap["canonical_headers"],
        "signed_headers": ";".join(cap["signed_headers_list"]),
        "payload_hash": cap["payload_hash"],
        "canonical_request": cap["canonical_request"],
        "canonical_request_sha256": hashlib.sha256(cap["canonical_request"].encode("utf-8")).hexdigest(),
        "string_to_sign": cap["string_to_sign"],
        "signature": cap["signature"],
        "authorization": auth,
        "x_sdk_date": date,
        "uri": req.uri,
        "url": req.url,
        "headers_added": added,
        "headers_changed": changed,
        "headers_final": final,
    }

    ref = reference_sign(inp)
    for key, val in ref.items():
        if out[key] != val:
            raise SystemExit("%s: reference mismatch on %s:\n  sdk=%r\n  ref=%r"
                             % (spec["name"], key, out[key], val))
    if spec["_expect_signature"] and out["signature"] != spec["_expect_signature"]:
        raise SystemExit("%s: published signature not reproduced" % spec["name"])
    if date != inp["sdk_date"]:
        raise SystemExit("%s: date not fixed" % spec["name"])
    return {"name": spec["name"], "description": spec["description"], "input": inp, "output": out}


def main():
    root = Path(__file__).resolve().parent.parent
    ap = argparse.ArgumentParser()
    ap.add_argument("--output", default=str(root / "tests/fixtures/huawei/sign_vectors.json"))
    args = ap.parse_args()

    names = [v["name"] for v in VECTORS]
    assert len(names) == len(set(names)), "duplicate vector names"
    vectors = [build_vector(copy.deepcopy(spec)) for spec in VECTORS]
    doc = {
        "generator": {
            "package": PACKAGE,
            "version": _pkg_version(PACKAGE),
            "signer": "huaweicloudsdkcore.signer.signer.Signer",
            "request": "huaweicloudsdkcore.sdk_request.SdkRequest",
            "credentials": "huaweicloudsdkcore.auth.credentials.BasicCredentials",
            "algorithm": "SDK-HMAC-SHA256",
            "script": "scripts/gen_huawei_sign_vectors.py",
            "notes": [
                "input.headers are given to SdkRequest.header_params in order; if they contain no "
                "x-sdk-date header (any case), 'X-Sdk-Date: <input.sdk_date>' is appended last before signing.",
                "input.query is given to SdkRequest.query_params as a list of (key, value) tuples; a value "
                "may be a string, an integer, a boolean or a list of strings.",
                "input.path is given verbatim as resource_path; input.body (UTF-8) as body.",
                "output.headers_final lists header_params after signing, in dict order; values are shown "
                "as text (the SDK stores them as UTF-8 bytes decoded as ISO-8859-1, undone here).",
                "output.headers_added are names not present in input.headers; output.headers_changed are "
                "[name, given, final] for input headers whose value changed (trimmed).",
                "output.uri is SdkRequest.uri after signing (resource_path + '?' + canonical query string "
                "if any); output.url is schema://host + uri.",
            ],
        },
        "vectors": vectors,
    }
    text = json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    out = Path(args.output)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    print("wrote %d vectors to %s (%s %s)" % (len(vectors), out, PACKAGE, _pkg_version(PACKAGE)),
          file=sys.stderr)


if __name__ == "__main__":
    main()
