"""pytest tests of the ctypes wrapper: the seed documents' examples (read from
../shared/seeds), error fields, misuse (closed handles, None, wrong types,
invalid UTF-8) raising cleanly, batch plan + merge, the client entry points,
a builder for every operation of include/cloudphone.h (ctypes signatures
checked against the header) with its recorded answers (tests/fixtures), and
no growth of the process's memory over repeated use.

Run: bindings/python/run_tests.sh   (or: CLOUDPHONE_LIB=... python -m pytest)
"""

import ctypes
import gc
import http.server
import inspect
import json
import os
import platform
import re
import threading
import urllib.error
import urllib.request

import pytest

import cloudphone as cp

HERE = os.path.dirname(os.path.abspath(__file__))
# The repository (for fixtures and the header): this file's, or
# CLOUDPHONE_REPO when the file runs from elsewhere against an installed package.
REPO = os.environ.get("CLOUDPHONE_REPO") or os.path.normpath(os.path.join(HERE, "..", ".."))
SEEDS = os.environ.get("CLOUDPHONE_SEEDS") or os.path.normpath(os.path.join(REPO, "..", "shared", "seeds"))

AK = "HPUAEXAMPLEAK0000001"
SK = "ExampleSecretKey0123456789abcdefghijklmn"
PROJECT = "0a1b2c3d4e5f60718293a4b5c6d7e8f9"
APP_ID = "eH6gQR4oHr3FsZpI36La01IW"
API_KEY = "YjmFIUuq0oJgSDJ42fxLEb6R1qjjqf"


def seed_json(name, marker):
    """The first JSON object after `marker` in a seed document."""
    text = open(os.path.join(SEEDS, name), encoding="utf-8").read()
    start = text.index("\n{", text.index(marker)) + 1
    _, end = json.JSONDecoder().raw_decode(text[start:])
    return text[start:start + end]  # the document's own text, byte for byte


@pytest.fixture
def huawei():
    with cp.HuaweiConfig.aksk("cn-north-4", PROJECT, AK, SK) as cfg:
        yield cfg


@pytest.fixture
def geelark():
    with cp.GeelarkConfig.key(APP_ID, API_KEY) as cfg:
        yield cfg


def test_version():
    assert re.fullmatch(r"\d+\.\d+\.\d+.*", cp.version())
    # The runner says which build it loaded (catches a library swapped under it).
    if os.environ.get("CLOUDPHONE_EXPECT_CLIENT"):
        assert cp.has_client() == (os.environ["CLOUDPHONE_EXPECT_CLIENT"] == "1")
    assert cp.status_name(302) == "rate_limited"
    assert cp.status_name(12345) == "unknown"


# ---------------------------------------------------------------- huawei

SEED_IDS = ["1564567b8bab40f34711234cb80d8574", "1234567b8bab40ffb711234cb80d0234", "1234567b8bab40ffb711234cb8654321"]


def test_huawei_seed_build_and_parse(huawei):
    req = huawei.show_connect_infos_request(SEED_IDS, "ANDROID", now_unix_ms=1700000000000)
    assert req.operation == "huawei.show_connect_infos"
    assert req.method == "POST"
    assert req.url == "https://cph.cn-north-4.myhuaweicloud.com/v1/%s/cloud-phone/phones/batch-connection" % PROJECT
    assert req.header("x-sdk-date") == "20231114T221320Z"
    assert req.header("Authorization").startswith("SDK-HMAC-SHA256 Access=%s, SignedHeaders=" % AK)
    assert json.loads(req.body) == {"phone_ids": SEED_IDS, "client_type": "ANDROID"}
    assert req.is_idempotent

    body = seed_json("huawei-cph-batch-connection.txt", "Example Responses")
    res = req.parse(200, {"Content-Type": "application/json"}, body.encode())
    assert isinstance(res, cp.Result)
    assert res.request_id == "70bb40bef50e4a14b116a5a527fd7432"
    [info] = res.connect_infos
    assert info.phone_id == SEED_IDS[0]
    assert (info.access_ip, info.access_port) == ("213.32.43.22", 14308)
    assert info.intranet_ip == "192.168.0.25"
    assert info.session_id == "9864567a7bab40f34711234cb8087474"
    assert info.ticket and "ticket=<redacted>" in repr(info) and info.ticket not in repr(info)
    assert [(f.id, f.code, f.message) for f in res.failures] == [
        (SEED_IDS[1], "CPS.0018", "Access info not found."),
        (SEED_IDS[2], "CPS.0005", "Phone not found."),
    ]
    assert all(f.status == cp.STATUS_API and f.status_name == "api" for f in res.failures)
    d = res.to_dict()
    assert d["request_id"] == res.request_id and len(d["errors"]) == 2
    assert '"CPS.0005"' in res.to_json()
    res.close()
    req.close()


def test_huawei_iam_token_and_token_config():
    with cp.huawei_iam_create_token_request("cn-north-4", "user", "pw", "domain", "cn-north-4") as req:
        assert "/v3/auth/tokens" in req.url
        assert "pw" not in repr(req)
        res = req.parse(201, [("X-Subject-Token", "MIIT0k3n")],
                        b'{"token":{"expires_at":"2024-01-02T03:04:05.000000Z","project":{"id":"p1"}}}')
    assert res.operation == "huawei.iam.create_token" and res.connect_infos == []
    tok = res.iam_token
    assert isinstance(tok, cp.IamToken)
    assert tok.value == "MIIT0k3n" and "MIIT0k3n" not in repr(tok)
    assert tok.expires_at_unix_ms == 1704164645000
    assert tok.project_id == "p1"
    with cp.HuaweiConfig.token("cn-north-4", PROJECT, tok.value) as cfg:
        req = cfg.show_connect_infos_request(["x"])
        assert req.header("X-Auth-Token") == "MIIT0k3n"
        assert "MIIT0k3n" not in repr(cfg)


# --------------------------------------------------------------- geelark


def test_geelark_seed_build_and_parse(geelark):
    # The seed's request example names one id four times: collapsed to one.
    req = geelark.get_phone_status_request(["123456ABCDEF"] * 4, now_unix_ms=1716972892166,
                                       trace_id="db6094ab-3797-4186-84d5-b0b58eebad56")
    assert req.url == "https://openapi.geelark.com/open/v1/phone/status"
    assert req.body == b'{"ids":["123456ABCDEF"]}'
    assert req.header("nonce") == "db6094"
    # GeeLark's documented key-mode example signature.
    assert req.header("sign") == "6280C080AF7C3CCE168F15C913E3444A00A618CB0E16038EED9811D6E3366BDD"

    body = seed_json("geelark-phone-status.txt", "Response Example")
    res = req.parse(200, None, body.encode())
    assert isinstance(res, cp.Result)
    assert (res.request_id, res.code, res.field("/msg")) == ("123456ABCDEF", 0, "成功")
    assert (res.total, res.field("/success_amount"), res.field("/fail_amount")) == (4, "3", "1")
    assert [(p.status, p.raw_status, p.serial_name) for p in res.phone_states] == [
        ("running", 0, "name1"), ("starting", 1, "name2"), ("starting", 1, "name3")]
    assert res.phone_states[0].is_running and not res.phone_states[1].is_running
    assert [(f.code, f.message) for f in res.failures] == [("42001", "env not found")]
    assert res.to_dict()["trace_id"] == "123456ABCDEF"


def test_geelark_fresh_trace_id(geelark):
    t = cp.format_trace_id(bytes(range(16)))
    assert t == "000102030405060708090A0B0C0D0E0F"
    a = geelark.get_phone_status_request(["1"])
    b = geelark.get_phone_status_request(["1"])
    assert a.header("traceId") != b.header("traceId")
    with pytest.raises(ValueError):
        cp.format_trace_id(b"short")


def test_big_numeric_ids_are_kept_exactly(geelark):
    req = geelark.get_phone_status_request(["612345678901234567"], trace_id="ABCDEF123")
    res = req.parse(200, {}, b'{"code":0,"data":{"successDetails":[{"id":612345678901234567,"status":9}]}}')
    assert res.phone_states[0].id == "612345678901234567"
    assert res.phone_states[0].status == "unknown" and res.phone_states[0].raw_status == 9


# ------------------------------------------------ a real HTTP round trip


class _Canned(http.server.BaseHTTPRequestHandler):
    """Answers GeeLark's phone-status with the documented example when the
    request is signed, anything else with a Huawei-style 404."""

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if self.path == "/open/v1/phone/status" and self.headers.get("sign") and json.loads(body)["ids"]:
            code, answer = 200, seed_json("geelark-phone-status.txt", "Response Example").encode()
        else:
            code, answer = 404, b'{"error_code":"CPS.0005","error_msg":"Phone not found."}'
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("X-Request-Id", "canned-1")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args):
        pass


@pytest.fixture
def server_url():
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Canned)
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    yield "http://127.0.0.1:%d" % srv.server_address[1]
    srv.shutdown()
    srv.server_close()


def send(req):
    """Sends a built request with urllib; returns (status, headers, body)."""
    http_req = urllib.request.Request(req.url, data=req.body, method=req.method, headers=dict(req.headers))
    try:
        with urllib.request.urlopen(http_req, timeout=10) as answer:
            return answer.status, answer.headers.items(), answer.read()
    except urllib.error.HTTPError as e:  # 4xx/5xx: the body says why
        return e.code, e.headers.items(), e.read()


def test_round_trip_over_http(server_url):
    # The README's Python snippet.
    cfg = cp.GeelarkConfig.key(APP_ID, API_KEY, endpoint=server_url)
    req = cfg.get_phone_status_request(["123456ABCDEF"])
    status, headers, body = send(req)
    result = req.parse(status, headers, body)
    for phone in result.phone_states:
        print(phone.id, phone.status, phone.serial_name)
    for failure in result.failures:
        print(failure.id, "failed:", failure.code, failure.message)

    assert [p.serial_name for p in result.phone_states] == ["name1", "name2", "name3"]
    assert [f.code for f in result.failures] == ["42001"]

    hw = cp.HuaweiConfig.aksk(server_url, PROJECT, AK, SK)
    req = hw.show_connect_infos_request(["1564567b8bab40f34711234cb80d8574"])
    try:
        req.parse(*send(req))
    except cp.ApiError as e:
        print(e.status_name, e.http_status, e.provider_code, e.request_id, e.message)
        assert (e.http_status, e.provider_code, e.request_id) == (404, "CPS.0005", "canned-1")
    else:
        pytest.fail("a 404 must raise")


# ----------------------------------------------------------------- errors


def test_provider_error_fields(huawei):
    req = huawei.show_connect_infos_request(["x"])
    with pytest.raises(cp.ApiError) as ei:
        req.parse(404, {"x-request-id": "req-404"}, b'{"error_code":"CPS.0005","error_msg":"Phone not found."}')
    e = ei.value
    assert (e.status, e.status_name, e.http_status) == (cp.STATUS_API, "api", 404)
    assert (e.provider, e.provider_code, e.request_id) == ("huawei", "CPS.0005", "req-404")
    assert "Phone not found." in str(e) and e.retry_after_secs is None

    with pytest.raises(cp.RateLimitedError) as ei:
        req.parse(429, [("Retry-After", "7")], b'{"error_code":"APIGW.0308","error_msg":"throttled"}')
    assert ei.value.retry_after_secs == 7 and isinstance(ei.value, cp.ApiError)
    with pytest.raises(cp.AuthError):
        req.parse(401, None, b'{"error_code":"APIGW.0301","error_msg":"bad"}')
    with pytest.raises(cp.DecodeError, match="huawei.show_connect_infos"):
        req.parse(200, None, b"<html>gateway</html>")
    with pytest.raises(cp.ApiError) as ei:
        req.parse(502, None, None)  # an empty body
    assert ei.value.http_status == 502


def test_geelark_envelope_errors():
    with cp.GeelarkConfig.token("tok") as cfg:
        req = cfg.get_phone_status_request(["g"])
        with pytest.raises(cp.LockoutError) as ei:
            req.parse(200, None, b'{"code":40014,"msg":"locked","traceId":"T1"}')
        assert (ei.value.provider, ei.value.provider_code, ei.value.request_id) == ("geelark", "40014", "T1")
        with pytest.raises(cp.RateLimitedError):
            req.parse(200, None, b'{"code":40007,"msg":"too many","traceId":"T2"}')


def test_invalid_input_is_refused(huawei, geelark):
    with pytest.raises(cp.InvalidInputError) as ei:
        huawei.show_connect_infos_request([])
    assert ei.value.status == cp.STATUS_INVALID_INPUT and ei.value.http_status == 0
    assert isinstance(ei.value, ValueError)
    with pytest.raises(cp.InvalidInputError):
        huawei.show_connect_infos_request(["id%d" % i for i in range(11)])
    with pytest.raises(cp.InvalidInputError):
        huawei.show_connect_infos_request(["x"], "BLACKBERRY")
    with pytest.raises(cp.InvalidInputError):
        huawei.show_connect_infos_request(["a\r\nb"])
    with pytest.raises(cp.InvalidInputError):
        cp.HuaweiConfig.aksk("nowhere-1", PROJECT, AK, SK)
    with pytest.raises(cp.InvalidInputError):
        cp.HuaweiConfig.aksk("cn-north-4", "a/b", AK, SK)
    with pytest.raises(cp.InvalidInputError):
        geelark.get_phone_status_request(["1"], trace_id="short")
    with pytest.raises(cp.InvalidInputError):
        cp.BatchPlan(["a"], 0)


def test_invalid_utf8_reaches_the_c_check():
    with pytest.raises(cp.InvalidInputError) as ei:
        cp.HuaweiConfig.aksk(b"cn\xff", PROJECT, AK, SK)
    assert ei.value.status == cp.STATUS_INVALID_UTF8
    # A lone surrogate in a str is passed through as its bytes, also refused.
    with pytest.raises(cp.InvalidInputError):
        cp.GeelarkConfig.key("app\udcff", "key")


def test_misuse_raises_cleanly(huawei):
    req = huawei.show_connect_infos_request(["x"])
    # NUL inside a str would be cut short by C: refused in Python.
    with pytest.raises(ValueError, match="NUL"):
        huawei.show_connect_infos_request(["a\0b"])
    with pytest.raises(TypeError):
        huawei.show_connect_infos_request("abc")  # a str is not a list of ids
    with pytest.raises(TypeError):
        huawei.show_connect_infos_request([1, 2])
    with pytest.raises(TypeError):
        req.parse(200, None, 12345)
    # None where a list or an id is expected: NULL reaches C, which refuses it.
    with pytest.raises(cp.InvalidInputError):
        huawei.show_connect_infos_request(None)
    with pytest.raises(cp.NullArgumentError):
        huawei.show_connect_infos_request(["a", None])
    # None / closed handles are NULL for C: NullArgumentError, never a crash.
    with pytest.raises(cp.NullArgumentError):
        cp.Request(None).parse(200, None, b"{}")
    with pytest.raises(cp.NullArgumentError):
        cp.BatchMerge(None)
    closed = huawei.show_connect_infos_request(["x"])
    closed.close()
    closed.close()  # twice is fine
    assert closed.closed and closed.method is None and closed.headers == [] and closed.body == b""
    with pytest.raises(cp.NullArgumentError):
        closed.parse(200, None, b"{}")
    cfg = cp.HuaweiConfig.aksk("cn-north-4", PROJECT, AK, SK)
    cfg.close()
    with pytest.raises(cp.NullArgumentError) as ei:
        cfg.show_connect_infos_request(["x"])
    assert ei.value.status_name == "null_argument"
    # The host's own cap on the body size.
    with pytest.raises(cp.TransportError) as ei:
        req.parse(200, None, b'{"request_id":"r","connect_infos":[]}', max_body_len=10)
    assert ei.value.status == cp.STATUS_BODY_TOO_LARGE and "10" in ei.value.message
    assert req.parse(200, None, b'{"connect_infos":[]}', max_body_len=20).connect_infos == []
    # The request picks its own parser: a body of another operation's shape
    # is a decode error, never a misread.
    with pytest.raises(cp.DecodeError):
        req.parse(200, None, b'{"connect_infos":"not a list"}')
    # A result used after close: to_json refuses, no crash.
    res = req.parse(200, None, b"{}")
    res.close()
    with pytest.raises(cp.NullArgumentError):
        res.to_json()
    # Without the client compiled in, UNSUPPORTED comes first.
    with pytest.raises(cp.NullArgumentError if cp.has_client() else cp.UnsupportedError):
        cp.HuaweiClient(None)


# ------------------------------------------------------------------ batch


def test_plan_merge_outcome(huawei):
    ids = ["p%02d" % i for i in range(23)] + ["p05", "p00"]
    plan = cp.BatchPlan(ids, cp.HUAWEI_SHOW_CONNECT_INFOS_MAX_IDS)
    assert len(plan.ids) == 23 and [len(c) for c in plan.calls] == [10, 10, 3]
    merge = cp.BatchMerge(plan)
    for i, call in enumerate(plan.calls):
        req = huawei.show_connect_infos_request(call, "ANDROID", 1700000000000)
        if i == 0:
            merge.record(i, req.parse(200, None, json.dumps({
                "request_id": "r0",
                "connect_infos": [{"phone_id": "p01", "access_info": {"access_port": 8443}},
                                  {"phone_id": "p00", "access_info": None}, {"phone_id": "p99"}],
                "errors": [{"phone_id": "p02", "error_code": "CPS.0005", "error_msg": "Phone not found."}],
            }).encode()))
        elif i == 1:
            with pytest.raises(cp.RateLimitedError) as ei:
                req.parse(429, {"X-Request-Id": "r1"}, b'{"error_code":"APIGW.0308","error_msg":"throttled"}')
            merge.record_error(i, ei.value)
        else:
            merge.record_transport_error(i, "connection refused")
    plan.close()  # the merge copied the ids
    out = merge.finish()
    assert not out.is_complete_success
    assert [s.phone_id for s in out.succeeded] == ["p00", "p01"]
    assert out.succeeded[1].access_port == 8443 and out.succeeded[0].access_port is None
    assert len(out.failed) == 14
    assert (out.failed[0].id, out.failed[0].status) == ("p02", cp.STATUS_API)
    assert (out.failed[1].id, out.failed[1].status_name, out.failed[1].code) == ("p10", "rate_limited", "APIGW.0308")
    assert out.failed[13].status == cp.STATUS_TRANSPORT and "connection refused" in out.failed[13].message
    assert out.missing == ["p03", "p04", "p05", "p06", "p07", "p08", "p09"]
    assert out.request_ids == ["r0", "r1"] and out.unexpected == ["p99"]
    assert out.to_dict()["missing"][0] == "p03"
    # Every id exactly once.
    accounted = [s.phone_id for s in out.succeeded] + [f.id for f in out.failed] + out.missing
    assert sorted(accounted) == sorted(set(ids))
    merge.close()


def test_geelark_merge(geelark):
    plan = cp.BatchPlan(["g1", "g2", "g3"], cp.GEELARK_GET_PHONE_STATUS_MAX_IDS)
    with cp.BatchMerge(plan) as merge:
        assert merge.finish().missing == ["g1", "g2", "g3"]
        req = geelark.get_phone_status_request(plan.calls[0], 1, "ABCDEF123")
        merge.record(0, req.parse(200, None, b'{"code":40006,"msg":"partial","traceId":"T","data":{'
                                          b'"successDetails":[{"id":"g3","serialName":"three","status":2}],'
                                          b'"failDetails":[{"code":42001,"id":"g1","msg":"env not found"}]}}'))
        out = merge.finish()
    assert [(p.id, p.status) for p in out.succeeded] == [("g3", "stopped")]
    assert [f.id for f in out.failed] == ["g1"] and out.missing == ["g2"]
    with pytest.raises(TypeError):
        cp.BatchMerge(plan).record(0, "not a result")


def test_generic_batch_merge(geelark):
    ids = ["g1", "g2", "g3", "g4", "g5"]
    plan = cp.BatchPlan(ids, 2)
    with cp.BatchMerge(plan) as merge:
        # A listing acts on no list of ids: refused, nothing recorded.
        listing = geelark.list_phones_request(1, 10, None, 1700000000000, "ABCDEF123").parse(
            200, None, b'{"code":0,"msg":"ok","data":{"total":0,"page":1,"pageSize":10,"items":[]}}')
        with pytest.raises(cp.InvalidInputError, match="geelark.list_phones"):
            merge.record(0, listing)
        req = geelark.stop_phones_request(plan.calls[0], 1700000000000, "ABCDEF123")
        merge.record(0, req.parse(200, None, b'{"code":0,"msg":"success","traceId":"T1","data":{'
                                          b'"totalAmount":2,"successAmount":1,"failAmount":1,'
                                          b'"failDetails":[{"code":42001,"id":"g2","msg":"env not found"}]}}'))
        # Results of one merge come from one operation.
        start = geelark.start_phones_request(plan.calls[1], None, 1700000000000, "ABCDEF123")
        with pytest.raises(cp.InvalidInputError):
            merge.record(1, start.parse(200, None, b'{"code":0,"msg":"ok","data":{"totalAmount":0,'
                                                b'"successAmount":0,"failAmount":0}}'))
        merge.record_transport_error(2, "connection reset")
        out = merge.finish()
    assert [i.id for i in out.succeeded] == ["g1"] and isinstance(out.succeeded[0], cp.Item)
    assert [f.id for f in out.failed] == ["g2", "g5"]
    assert out.missing == ["g3", "g4"] and out.request_ids == ["T1"]
    assert out.to_dict()["succeeded"][0]["id"] == "g1"


# ---------------------------------------------------------------- clients


def test_clients():
    hcfg = cp.HuaweiConfig.token("http://127.0.0.1:9", PROJECT, "t")
    gcfg = cp.GeelarkConfig.key("app", "key", endpoint="http://127.0.0.1:9")
    if not cp.has_client():
        with pytest.raises(cp.UnsupportedError) as ei:
            cp.HuaweiClient(hcfg)
        assert ei.value.status == cp.STATUS_UNSUPPORTED
        with pytest.raises(cp.UnsupportedError):
            cp.GeelarkClient(gcfg)
        with pytest.raises(cp.UnsupportedError):
            cp.GeelarkClient.from_env()
        with pytest.raises(cp.UnsupportedError):
            cp.HuaweiClient.from_env()
        return
    with cp.GeelarkClient(gcfg, timeout_ms=2000) as client:
        out = client.get_phone_status(["g1", "g2"])
        assert not out.succeeded and [f.status for f in out.failed] == [cp.STATUS_TRANSPORT] * 2
        with pytest.raises(cp.InvalidInputError):
            client.get_phone_status([])
        # call(): any operation, the seed ones included; the operation's own
        # transport error; the other provider's request is refused.
        with pytest.raises(cp.TransportError):
            client.call(gcfg.stop_phones_request(["g1"]))
        with pytest.raises(cp.TransportError, match="geelark.get_phone_status"):
            client.call(gcfg.get_phone_status_request(["g1"]))
        with pytest.raises(cp.InvalidInputError, match="other provider"):
            client.call(hcfg.list_phones_request())
    with cp.HuaweiClient(hcfg, timeout_ms=2000) as client:
        out = client.show_connect_infos(["p1"], "ANDROID")
        assert [f.id for f in out.failed] == ["p1"]


def test_clients_from_env(monkeypatch):
    if not cp.has_client():
        return
    for var in ("CLOUDPHONE_GEELARK_APP_ID", "CLOUDPHONE_GEELARK_API_KEY", "CLOUDPHONE_GEELARK_TOKEN"):
        monkeypatch.delenv(var, raising=False)
    with pytest.raises(cp.InvalidInputError, match="CLOUDPHONE_GEELARK_TOKEN"):
        cp.GeelarkClient.from_env()
    monkeypatch.setenv("CLOUDPHONE_GEELARK_TOKEN", "t0k")
    cp.GeelarkClient.from_env(timeout_ms=1000).close()
    monkeypatch.setenv("HUAWEICLOUD_SDK_AK", "AK")
    monkeypatch.setenv("HUAWEICLOUD_SDK_SK", "SK")
    monkeypatch.setenv("HUAWEICLOUD_SDK_PROJECT_ID", PROJECT)
    monkeypatch.setenv("HUAWEICLOUD_SDK_REGION", "cn-north-4")
    cp.HuaweiClient.from_env().close()


# ------------------------------------------- generic results (every op)

FIXTURES = os.path.join(REPO, "tests", "fixtures", "responses")


def load_http(path):
    """A recorded response: (status, headers, body) from an .http fixture."""
    raw = open(path, "rb").read()
    head, _, body = raw.partition(b"\r\n\r\n") if b"\r\n\r\n" in raw else raw.partition(b"\n\n")
    lines = head.decode().splitlines()
    status = int(lines[0].split()[1])
    headers = [tuple(x.strip() for x in l.split(":", 1)) for l in lines[1:] if ":" in l]
    return status, headers, body


def test_generic_results_geelark_list_and_pages(geelark):
    req = geelark.list_phones_request(1, 2, options={"tags": ["a"]}, now_unix_ms=1, trace_id="ABCDEF123")
    assert req.operation == "geelark.list_phones"
    assert json.loads(req.body) == {"page": 1, "pageSize": 2, "tags": ["a"]}
    res = req.parse(200, None, b'{"code":0,"traceId":"T","data":{"total":5,"page":1,"pageSize":2,"items":['
                               b'{"id":"1","serialName":"a","status":0},{"id":"2","serialName":"b","status":2}]}}')
    assert isinstance(res, cp.Result) and res.operation == "geelark.list_phones"
    assert (res.total, res.request_id, res.code) == (5, "T", 0)
    assert res.items == [cp.Item("1", "running", None), cp.Item("2", "stopped", None)]
    assert res.field("/records/1/serial_name") == "b" and res.field("/no/such") is None
    assert res.to_dict()["records"][0]["id"] == "1"
    nxt = req.next_request(res, now_unix_ms=2)
    assert json.loads(nxt.body)["page"] == 2
    # The item ids go straight into another operation.
    start = geelark.start_phones_request(res.item_ids, options={"width": 360})
    assert json.loads(start.body)["ids"] == ["1", "2"]
    last = req.parse(200, None, b'{"code":0,"data":{"total":2,"items":[{"id":"1","status":0},{"id":"2","status":0}]}}')
    assert req.next_request(last) is None
    with pytest.raises(cp.InvalidInputError):
        geelark.list_phones_request(0, 10)  # pages count from 1
    with pytest.raises(cp.InvalidInputError):
        geelark.list_phones_request(1, 10, options="[1]")


def test_generic_results_huawei_jobs(huawei):
    req = huawei.restart_phones_request(["p1", "p2", "p3"], now_unix_ms=1)
    assert req.operation == "huawei.restart_phones" and req.method == "POST"
    res = req.parse(*load_http(os.path.join(FIXTURES, "huawei", "restart_phones", "partial.http")))
    assert any(i.job_id for i in res.items)
    assert all(isinstance(f, cp.ItemFailure) for f in res.failures)
    lst = huawei.list_phones_request(0, 2)
    page = lst.parse(*load_http(os.path.join(FIXTURES, "huawei", "list_phones", "page_two_of_three.http")))
    assert page.items and page.total is not None
    with pytest.raises(cp.ApiError) as ei:
        lst.parse(*load_http(os.path.join(FIXTURES, "huawei", "list_phones", "error_400_cps_0002.http")))
    assert ei.value.provider_code == "CPS.0002"


# Every operation of the header, with the Python builder that wraps its
# `cloudphone_<provider>_<operation>_build`, kept by hand: a new operation in
# include/cloudphone.h without a builder fails the test below.
BUILDERS = {
    "huawei_show_connect_infos": "HuaweiConfig.show_connect_infos_request",
    "huawei_iam_create_token": "huawei_iam_create_token_request",
    "huawei_list_phones": "HuaweiConfig.list_phones_request",
    "huawei_show_phone": "HuaweiConfig.show_phone_request",
    "huawei_rename_phone": "HuaweiConfig.rename_phone_request",
    "huawei_list_servers": "HuaweiConfig.list_servers_request",
    "huawei_show_server": "HuaweiConfig.show_server_request",
    "huawei_list_encode_servers": "HuaweiConfig.list_encode_servers_request",
    "huawei_list_phone_models": "HuaweiConfig.list_phone_models_request",
    "huawei_list_phone_images": "HuaweiConfig.list_phone_images_request",
    "huawei_list_server_models": "HuaweiConfig.list_server_models_request",
    "huawei_list_images": "HuaweiConfig.list_images_request",
    "huawei_list_bandwidths": "HuaweiConfig.list_bandwidths_request",
    "huawei_restart_servers": "HuaweiConfig.restart_servers_request",
    "huawei_restart_encode_servers": "HuaweiConfig.restart_encode_servers_request",
    "huawei_rename_server": "HuaweiConfig.rename_server_request",
    "huawei_create_tags": "HuaweiConfig.create_tags_request",
    "huawei_delete_tags": "HuaweiConfig.delete_tags_request",
    "huawei_list_server_tags": "HuaweiConfig.list_server_tags_request",
    "huawei_list_project_tags": "HuaweiConfig.list_project_tags_request",
    "huawei_list_tagged_servers": "HuaweiConfig.list_tagged_servers_request",
    "huawei_delete_image": "HuaweiConfig.delete_image_request",
    "huawei_add_image_member": "HuaweiConfig.add_image_member_request",
    "huawei_delete_image_member": "HuaweiConfig.delete_image_member_request",
    "huawei_update_image_member": "HuaweiConfig.update_image_member_request",
    "huawei_list_image_members": "HuaweiConfig.list_image_members_request",
    "huawei_list_server_model_offerings": "HuaweiConfig.list_server_model_offerings_request",
    "huawei_resize_bandwidth": "HuaweiConfig.resize_bandwidth_request",
    "huawei_update_keypair": "HuaweiConfig.update_keypair_request",
    "huawei_list_events": "HuaweiConfig.list_events_request",
    "huawei_authorize_event": "HuaweiConfig.authorize_event_request",
    "huawei_reschedule_event": "HuaweiConfig.reschedule_event_request",
    "huawei_backup_phones": "HuaweiConfig.backup_phones_request",
    "huawei_restore_phones": "HuaweiConfig.restore_phones_request",
    "huawei_expand_data_volumes": "HuaweiConfig.expand_data_volumes_request",
    "huawei_set_traffic": "HuaweiConfig.set_traffic_request",
    "huawei_push_share_apps": "HuaweiConfig.push_share_apps_request",
    "huawei_delete_share_apps": "HuaweiConfig.delete_share_apps_request",
    "huawei_list_share_apps": "HuaweiConfig.list_share_apps_request",
    "huawei_push_share_files": "HuaweiConfig.push_share_files_request",
    "huawei_delete_share_files": "HuaweiConfig.delete_share_files_request",
    "huawei_list_share_files": "HuaweiConfig.list_share_files_request",
    "huawei_attach_filesystem": "HuaweiConfig.attach_filesystem_request",
    "huawei_detach_filesystem": "HuaweiConfig.detach_filesystem_request",
    "huawei_delete_servers": "HuaweiConfig.delete_servers_request",
    "huawei_change_server_model": "HuaweiConfig.change_server_model_request",
    "huawei_create_servers": "HuaweiConfig.create_servers_request",
    "huawei_create_single_servers": "HuaweiConfig.create_single_servers_request",
    "huawei_change_server": "HuaweiConfig.change_server_request",
    "huawei_restart_phones": "HuaweiConfig.restart_phones_request",
    "huawei_reset_phones": "HuaweiConfig.reset_phones_request",
    "huawei_stop_phones": "HuaweiConfig.stop_phones_request",
    "huawei_update_properties": "HuaweiConfig.update_properties_request",
    "huawei_show_job": "HuaweiConfig.show_job_request",
    "huawei_list_jobs": "HuaweiConfig.list_jobs_request",
    "huawei_run_command": "HuaweiConfig.run_command_request",
    "huawei_run_sync_shell": "HuaweiConfig.run_sync_shell_request",
    "geelark_get_phone_status": "GeelarkConfig.get_phone_status_request",
    "geelark_list_phones": "GeelarkConfig.list_phones_request",
    "geelark_start_phones": "GeelarkConfig.start_phones_request",
    "geelark_stop_phones": "GeelarkConfig.stop_phones_request",
    "geelark_delete_phones": "GeelarkConfig.delete_phones_request",
    "geelark_update_phone": "GeelarkConfig.update_phone_request",
    "geelark_create_phones": "GeelarkConfig.create_phones_request",
    "geelark_take_screenshot": "GeelarkConfig.take_screenshot_request",
    "geelark_get_screenshot_result": "GeelarkConfig.get_screenshot_result_request",
    "geelark_set_gps": "GeelarkConfig.set_gps_request",
    "geelark_get_gps": "GeelarkConfig.get_gps_request",
    "geelark_set_adb": "GeelarkConfig.set_adb_request",
    "geelark_get_adb_data": "GeelarkConfig.get_adb_data_request",
    "geelark_list_apps": "GeelarkConfig.list_apps_request",
    "geelark_install_app": "GeelarkConfig.install_app_request",
    "geelark_query_tasks": "GeelarkConfig.query_tasks_request",
    "geelark_task_history": "GeelarkConfig.task_history_request",
    "geelark_show_task": "GeelarkConfig.show_task_request",
    "geelark_cancel_tasks": "GeelarkConfig.cancel_tasks_request",
    "geelark_restart_tasks": "GeelarkConfig.restart_tasks_request",
    "geelark_execute_shell": "GeelarkConfig.execute_shell_request",
    "geelark_restart_phone": "GeelarkConfig.restart_phone_request",
    "geelark_set_callback": "GeelarkConfig.set_callback_request",
    "geelark_get_callback": "GeelarkConfig.get_callback_request",
    "geelark_list_proxies": "GeelarkConfig.list_proxies_request",
    "geelark_add_proxies": "GeelarkConfig.add_proxies_request",
    "geelark_update_proxies": "GeelarkConfig.update_proxies_request",
    "geelark_delete_proxies": "GeelarkConfig.delete_proxies_request",
    "geelark_check_proxy": "GeelarkConfig.check_proxy_request",
    "geelark_list_installable_apps": "GeelarkConfig.list_installable_apps_request",
    "geelark_list_shop_apps": "GeelarkConfig.list_shop_apps_request",
    "geelark_create_rpa_task": "GeelarkConfig.create_rpa_task_request",
    "geelark_list_proxy_groups": "GeelarkConfig.list_proxy_groups_request",
    "geelark_add_proxy_group": "GeelarkConfig.add_proxy_group_request",
    "geelark_rename_proxy_group": "GeelarkConfig.rename_proxy_group_request",
    "geelark_delete_proxy_groups": "GeelarkConfig.delete_proxy_groups_request",
    "geelark_clone_phone": "GeelarkConfig.clone_phone_request",
    "geelark_upload_app": "GeelarkConfig.upload_app_request",
    "geelark_get_app_upload_status": "GeelarkConfig.get_app_upload_status_request",
    "geelark_list_team_apps": "GeelarkConfig.list_team_apps_request",
    "geelark_import_flow": "GeelarkConfig.import_flow_request",
    "geelark_export_flow": "GeelarkConfig.export_flow_request",
    "geelark_add_team_app": "GeelarkConfig.add_team_app_request",
    "geelark_remove_team_app": "GeelarkConfig.remove_team_app_request",
    "geelark_set_app_auth": "GeelarkConfig.set_app_auth_request",
    "geelark_set_app_auto_start": "GeelarkConfig.set_app_auto_start_request",
    "geelark_set_app_keep_alive": "GeelarkConfig.set_app_keep_alive_request",
    "geelark_set_app_root": "GeelarkConfig.set_app_root_request",
    "geelark_set_app_hidden": "GeelarkConfig.set_app_hidden_request",
    "geelark_set_app_auto_install": "GeelarkConfig.set_app_auto_install_request",
    "geelark_get_net_config": "GeelarkConfig.get_net_config_request",
    "geelark_set_net_config": "GeelarkConfig.set_net_config_request",
    "geelark_install_patch": "GeelarkConfig.install_patch_request",
    "geelark_get_patch_status": "GeelarkConfig.get_patch_status_request",
    "geelark_list_patches": "GeelarkConfig.list_patches_request",
    "geelark_uninstall_patch": "GeelarkConfig.uninstall_patch_request",
    "geelark_customize": "GeelarkConfig.customize_request",
    "geelark_get_material_upload_url": "GeelarkConfig.get_material_upload_url_request",
    "geelark_create_material": "GeelarkConfig.create_material_request",
    "geelark_delete_materials": "GeelarkConfig.delete_materials_request",
    "geelark_search_materials": "GeelarkConfig.search_materials_request",
    "geelark_create_material_tag": "GeelarkConfig.create_material_tag_request",
    "geelark_delete_material_tags": "GeelarkConfig.delete_material_tags_request",
    "geelark_search_material_tags": "GeelarkConfig.search_material_tags_request",
    "geelark_set_material_tags": "GeelarkConfig.set_material_tags_request",
    "geelark_list_analytics_accounts": "GeelarkConfig.list_analytics_accounts_request",
    "geelark_add_analytics_accounts": "GeelarkConfig.add_analytics_accounts_request",
    "geelark_delete_analytics_account": "GeelarkConfig.delete_analytics_account_request",
    "geelark_update_analytics_account": "GeelarkConfig.update_analytics_account_request",
    "geelark_get_analytics_data": "GeelarkConfig.get_analytics_data_request",
    "geelark_list_analytics_tags": "GeelarkConfig.list_analytics_tags_request",
    "geelark_create_analytics_tag": "GeelarkConfig.create_analytics_tag_request",
    "geelark_update_analytics_tag": "GeelarkConfig.update_analytics_tag_request",
    "geelark_delete_analytics_tags": "GeelarkConfig.delete_analytics_tags_request",
    "geelark_upgrade_plan": "GeelarkConfig.upgrade_plan_request",
    "geelark_renew_plan": "GeelarkConfig.renew_plan_request",
    "geelark_buy_time_add_on": "GeelarkConfig.buy_time_add_on_request",
    "geelark_recharge_wallet": "GeelarkConfig.recharge_wallet_request",
    "geelark_list_transactions": "GeelarkConfig.list_transactions_request",
    "geelark_list_team_brands": "GeelarkConfig.list_team_brands_request",
    "geelark_add_tasks": "GeelarkConfig.add_tasks_request",
    "geelark_list_flows": "GeelarkConfig.list_flows_request",
    "geelark_create_flow_task": "GeelarkConfig.create_flow_task_request",
    "geelark_get_upload_url": "GeelarkConfig.get_upload_url_request",
    "geelark_upload_file": "GeelarkConfig.upload_file_request",
    "geelark_upload_to_phone": "GeelarkConfig.upload_to_phone_request",
    "geelark_get_upload_result": "GeelarkConfig.get_upload_result_request",
    "geelark_upload_keybox": "GeelarkConfig.upload_keybox_request",
    "geelark_get_keybox_result": "GeelarkConfig.get_keybox_result_request",
    "geelark_send_sms": "GeelarkConfig.send_sms_request",
    "geelark_set_net_type": "GeelarkConfig.set_net_type_request",
    "geelark_hide_accessibility": "GeelarkConfig.hide_accessibility_request",
    "geelark_move_to_group": "GeelarkConfig.move_to_group_request",
    "geelark_set_root": "GeelarkConfig.set_root_request",
    "geelark_import_contacts": "GeelarkConfig.import_contacts_request",
    "geelark_get_contacts_result": "GeelarkConfig.get_contacts_result_request",
    "geelark_transfer_phones": "GeelarkConfig.transfer_phones_request",
    "geelark_new_identity": "GeelarkConfig.new_identity_request",
    "geelark_start_app": "GeelarkConfig.start_app_request",
    "geelark_stop_app": "GeelarkConfig.stop_app_request",
    "geelark_app_batch": "GeelarkConfig.app_batch_request",
    "geelark_list_groups": "GeelarkConfig.list_groups_request",
    "geelark_add_groups": "GeelarkConfig.add_groups_request",
    "geelark_update_groups": "GeelarkConfig.update_groups_request",
    "geelark_delete_groups": "GeelarkConfig.delete_groups_request",
    "geelark_list_tags": "GeelarkConfig.list_tags_request",
    "geelark_add_tags": "GeelarkConfig.add_tags_request",
    "geelark_update_tags": "GeelarkConfig.update_tags_request",
    "geelark_delete_tags": "GeelarkConfig.delete_tags_request",
    "geelark_auth_status": "GeelarkConfig.auth_status_request",
    "geelark_get_wallet": "GeelarkConfig.get_wallet_request",
    "geelark_get_plan": "GeelarkConfig.get_plan_request",
    "geelark_list_profile_plans": "GeelarkConfig.list_profile_plans_request",
    "geelark_list_brands": "GeelarkConfig.list_brands_request",
    "geelark_get_serial_number": "GeelarkConfig.get_serial_number_request",
    "geelark_uninstall_app": "GeelarkConfig.uninstall_app_request",
}

HEADER = os.path.join(REPO, "include", "cloudphone.h")


def header_text():
    with open(HEADER, encoding="utf-8") as f:
        return f.read()


def test_every_header_operation_has_a_builder():
    header = header_text()
    built = set(re.findall(r"\bcloudphone_((?:huawei|geelark)_\w+?)_build\(", header))
    assert len(built) >= 32
    assert built == set(BUILDERS), "header and BUILDERS differ: %s" % sorted(built ^ set(BUILDERS))
    for stem, path in sorted(BUILDERS.items()):
        obj = cp
        for part in path.split("."):
            obj = getattr(obj, part, None)
            assert obj is not None, "no Python builder %s for cloudphone_%s_build" % (path, stem)
        assert callable(obj)
        # Each builder's C function has its ctypes signature set; every
        # answer parses through the one cloudphone_request_parse.
        assert "cloudphone_%s_build" % stem in cp._SIGNATURES
        assert "cloudphone_%s_parse(" % stem not in header
        # ... and the builder calls that very function.
        assert "C.%s_build" % stem in inspect.getsource(obj), path


def _ctype(decl, name):
    """The ctypes type the wrapper must use for a C type of the header."""
    t = " ".join(decl.split())
    scalars = {"bool": ctypes.c_bool, "size_t": ctypes.c_size_t, "uint16_t": ctypes.c_uint16,
               "uint32_t": ctypes.c_uint32, "uint8_t": ctypes.c_uint8, "uint64_t": ctypes.c_uint64, "int32_t": ctypes.c_int32,
               "int64_t": ctypes.c_int64, "cloudphone_status": ctypes.c_uint32, "void": None,
               "struct cloudphone_str": cp._Str, "struct cloudphone_bytes": cp._Bytes,
               "struct cloudphone_header": cp._Header, "struct cloudphone_id_list": cp._IdList,
               "const char *": ctypes.c_char_p, "const uint8_t *": ctypes.c_char_p, "char *": ctypes.c_char_p,
               "const char *const *": ctypes.POINTER(ctypes.c_char_p),
               "const int64_t *": ctypes.POINTER(ctypes.c_int64),
               "const struct cloudphone_response_header *": ctypes.POINTER(cp._ResponseHeader),
               "const struct cloudphone_gps_position *": ctypes.POINTER(cp._GpsPosition)}
    if t in scalars:
        return scalars[t]
    if re.fullmatch(r"struct cloudphone_\w+ \*\*", t):
        return ctypes.POINTER(ctypes.c_void_p)
    if re.fullmatch(r"(const )?struct cloudphone_\w+ \*", t):
        return ctypes.c_void_p  # an opaque handle
    raise AssertionError("%s: C type %r has no mapping in this test" % (name, t))


def header_prototypes():
    """{function name: (return C type, [argument C types])} from the header."""
    out = {}
    for ret, name, args in re.findall(r"^([A-Za-z_][\w *]*?[\s*])(cloudphone_\w+)\(([^)]*)\);", header_text(), re.M):
        params = [] if args.strip() == "void" else [re.sub(r"\w+$", "", a.strip()) for a in args.split(",")]
        out[name] = (ret, params)
    return out


def test_ctypes_signatures_match_the_header():
    protos = header_prototypes()
    checked = 0
    expected = dict((n, (res, args)) for n, (res, args) in cp._SIGNATURES.items())
    # The generic path every operation goes through has its signatures.
    for f in ("cloudphone_request_parse", "cloudphone_request_next", "cloudphone_request_pages",
              "cloudphone_batch_merge_record", "cloudphone_result_connect_info_at",
              "cloudphone_result_phone_state_at", "cloudphone_result_iam_token"):
        assert f in expected, f
    for name, (res, args) in sorted(expected.items()):
        assert name in protos, "%s is not in the header" % name
        c_ret, c_args = protos[name]
        assert res == _ctype(c_ret, name), "%s: return type" % name
        assert len(args) == len(c_args), "%s: %d ctypes arguments, %d in C" % (name, len(args), len(c_args))
        for i, (a, c) in enumerate(zip(args, c_args)):
            assert a == _ctype(c, name), "%s: argument %d is %s, C has %r" % (name, i, a, c)
        checked += 1
    assert checked >= 130


def test_value_structs_match_the_header():
    header = header_text()
    for cname, cls in [("cloudphone_str", cp._Str), ("cloudphone_bytes", cp._Bytes),
                       ("cloudphone_header", cp._Header), ("cloudphone_id_list", cp._IdList),
                       ("cloudphone_response_header", cp._ResponseHeader),
                       ("cloudphone_gps_position", cp._GpsPosition)]:
        body = re.search(r"typedef struct %s \{(.*?)\} %s;" % (cname, cname), header, re.S).group(1)
        decls = " ".join(l for l in body.splitlines() if not l.strip().startswith("//")).split(";")
        fields = [re.fullmatch(r"(.*?)\b(\w+)", " ".join(d.split())).groups() for d in decls if d.strip()]
        assert [f for _, f in fields] == [f for f, _ in cls._fields_], cname
        sizes = {"double": 8, "size_t": ctypes.sizeof(ctypes.c_size_t), "struct cloudphone_str": ctypes.sizeof(cp._Str)}
        for (ctype, f), (_, pytype) in zip(fields, cls._fields_):
            want = ctypes.sizeof(ctypes.c_void_p) if "*" in ctype else sizes[ctype.strip()]
            assert ctypes.sizeof(pytype) == want, (cname, f)


HW = "https://cph.cn-north-4.myhuaweicloud.com/v1/%s/cloud-phone" % PROJECT
GL = "https://openapi.geelark.com/open/v1"
T = "ABCDEF123"  # a fixed GeeLark trace id
GID = ["612345678901234567", "612345678901234568"]
TID = ["618880000000000001", "618880000000000002"]
PROXY = {"scheme": "socks5", "server": "203.0.113.20", "port": 1080}
SPEC = {"phone_model_name": "p", "image_id": "i", "tenant_vpc_id": "v", "nics": [{"subnet_id": "n"}]}


def fixture(provider, op, name):
    return load_http(os.path.join(FIXTURES, provider, op, name))


# Every operation: (operation, its fixture directory, a builder call).
# reset_phones and update_properties answer as restart_phones does (jobs and
# errors, see their `_parse` in the header): they share its recordings.
OPERATIONS = [
    ("huawei.show_connect_infos", "huawei/batch_connection", lambda g, h: h.show_connect_infos_request(["p1", "p2"])),
    ("huawei.iam.create_token", "huawei/iam_token",
     lambda g, h: cp.huawei_iam_create_token_request("cn-north-4", "u", "pw", "d", "cn-north-4")),
    ("huawei.list_phones", "huawei/list_phones", lambda g, h: h.list_phones_request(0, 100)),
    ("huawei.show_phone", "huawei/show_phone", lambda g, h: h.show_phone_request("p1")),
    ("huawei.rename_phone", "huawei/rename_phone", lambda g, h: h.rename_phone_request("p1", "phone-002")),
    ("huawei.list_servers", "huawei/list_servers", lambda g, h: h.list_servers_request(0, 100)),
    ("huawei.show_server", "huawei/show_server", lambda g, h: h.show_server_request("s1")),
    ("huawei.list_encode_servers", "huawei/list_encode_servers", lambda g, h: h.list_encode_servers_request()),
    ("huawei.list_phone_models", "huawei/list_phone_models", lambda g, h: h.list_phone_models_request(1)),
    ("huawei.list_phone_images", "huawei/list_phone_images",
     lambda g, h: h.list_phone_images_request({"image_type": "all"})),
    ("huawei.list_server_models", "huawei/list_server_models", lambda g, h: h.list_server_models_request()),
    ("huawei.list_images", "huawei/list_images", lambda g, h: h.list_images_request(0, 10, {"status": 1})),
    ("huawei.list_bandwidths", "huawei/list_bandwidths", lambda g, h: h.list_bandwidths_request()),
    ("huawei.restart_servers", "huawei/restart_servers", lambda g, h: h.restart_servers_request(["s1", "s2"])),
    ("huawei.restart_encode_servers", "huawei/restart_encode_servers",
     lambda g, h: h.restart_encode_servers_request(["e1"])),
    ("huawei.rename_server", "huawei/rename_server", lambda g, h: h.rename_server_request("s1", "server-01")),
    ("huawei.create_tags", "huawei/create_tags", lambda g, h: h.create_tags_request("s1", {"env": "prod"})),
    ("huawei.delete_tags", "huawei/delete_tags", lambda g, h: h.delete_tags_request("s1", {"env": "prod"})),
    ("huawei.list_server_tags", "huawei/list_server_tags", lambda g, h: h.list_server_tags_request("s1")),
    ("huawei.list_project_tags", "huawei/list_project_tags", lambda g, h: h.list_project_tags_request()),
    ("huawei.list_tagged_servers", "huawei/list_tagged_servers",
     lambda g, h: h.list_tagged_servers_request({"tags": [{"key": "env", "values": ["prod"]}]})),
    ("huawei.delete_image", "huawei/delete_image", lambda g, h: h.delete_image_request("i1")),
    ("huawei.add_image_member", "huawei/add_image_member", lambda g, h: h.add_image_member_request("i1", "p2")),
    ("huawei.delete_image_member", "huawei/delete_image_member",
     lambda g, h: h.delete_image_member_request("i1", "p2")),
    ("huawei.update_image_member", "huawei/update_image_member",
     lambda g, h: h.update_image_member_request("i1", True)),
    ("huawei.list_image_members", "huawei/list_image_members", lambda g, h: h.list_image_members_request("i1")),
    ("huawei.list_server_model_offerings", "huawei/list_server_model_offerings",
     lambda g, h: h.list_server_model_offerings_request()),
    ("huawei.resize_bandwidth", "huawei/resize_bandwidth", lambda g, h: h.resize_bandwidth_request("b1", 100)),
    ("huawei.update_keypair", "huawei/update_keypair", lambda g, h: h.update_keypair_request(["s1"], "kp")),
    ("huawei.list_events", "huawei/list_events", lambda g, h: h.list_events_request({"state": ["inquiring"]})),
    ("huawei.authorize_event", "huawei/authorize_event",
     lambda g, h: h.authorize_event_request("e1", redeploy=True)),
    ("huawei.reschedule_event", "huawei/reschedule_event",
     lambda g, h: h.reschedule_event_request("e1", "2099-01-01T00:00:00Z")),
    ("huawei.backup_phones", "huawei/backup_phones", lambda g, h: h.backup_phones_request(
        [{"phone_id": "p1", "include_files": ["/data"], "bucket_name": "bkt", "object_path": "a.tar"}])),
    ("huawei.restore_phones", "huawei/restore_phones", lambda g, h: h.restore_phones_request(
        [{"phone_id": "p1", "bucket_name": "bkt", "object_path": "a.tar"}])),
    ("huawei.expand_data_volumes", "huawei/expand_data_volumes",
     lambda g, h: h.expand_data_volumes_request({"p1": 64})),
    ("huawei.set_traffic", "huawei/set_traffic", lambda g, h: h.set_traffic_request("direct", ["p1"])),
    ("huawei.push_share_apps", "huawei/push_share_apps",
     lambda g, h: h.push_share_apps_request("com.a.b", "bkt", "a.tar", ["s1"])),
    ("huawei.delete_share_apps", "huawei/delete_share_apps",
     lambda g, h: h.delete_share_apps_request("com.a.b", ["s1"])),
    ("huawei.list_share_apps", "huawei/list_share_apps", lambda g, h: h.list_share_apps_request("s1")),
    ("huawei.push_share_files", "huawei/push_share_files",
     lambda g, h: h.push_share_files_request("bkt", "a.tar", ["s1"])),
    ("huawei.delete_share_files", "huawei/delete_share_files",
     lambda g, h: h.delete_share_files_request(["/data/x"], ["s1"])),
    ("huawei.list_share_files", "huawei/list_share_files",
     lambda g, h: h.list_share_files_request("/data/data", ["s1"])),
    ("huawei.attach_filesystem", "huawei/attach_filesystem",
     lambda g, h: h.attach_filesystem_request("f1", ["s1"])),
    ("huawei.detach_filesystem", "huawei/detach_filesystem",
     lambda g, h: h.detach_filesystem_request("f1", ["s1"])),
    ("huawei.delete_servers", "huawei/delete_servers", lambda g, h: h.delete_servers_request(["s1"])),
    ("huawei.change_server_model", "huawei/change_server_model",
     lambda g, h: h.change_server_model_request("s1", "m", "p")),
    ("huawei.create_servers", "huawei/create_servers",
     lambda g, h: h.create_servers_request(dict(SPEC, server_name="srv", server_model_name="m", count=2,
                                                extend_param={"charging_mode": 0, "period_type": 2,
                                                              "period_num": 1}))),
    ("huawei.create_single_servers", "huawei/create_single_servers",
     lambda g, h: h.create_single_servers_request({"server_name": "bare", "server_model_name": "m", "count": 1,
                                                   "nics": [{"subnet_id": "n"}], "keypair_name": "kp"})),
    ("huawei.change_server", "huawei/change_server", lambda g, h: h.change_server_request("s1", SPEC)),
    ("huawei.restart_phones", "huawei/restart_phones", lambda g, h: h.restart_phones_request(["p1", "p2", "p3"])),
    ("huawei.reset_phones", "huawei/restart_phones", lambda g, h: h.reset_phones_request(["p1", "p2", "p3"])),
    ("huawei.stop_phones", "huawei/stop_phones", lambda g, h: h.stop_phones_request(["p1", "p2", "p3"])),
    ("huawei.update_properties", "huawei/restart_phones",
     lambda g, h: h.update_properties_request(["p1", "p2", "p3"], {"com.cph.mainkeys_switch": "1"})),
    ("huawei.show_job", "huawei/show_job", lambda g, h: h.show_job_request("j1")),
    ("huawei.list_jobs", "huawei/list_jobs", lambda g, h: h.list_jobs_request(["r1"])),
    ("huawei.run_command", "huawei/run_command", lambda g, h: h.run_command_request("shell", "ls", None, ["s1"])),
    ("huawei.run_sync_shell", "huawei/run_sync_shell", lambda g, h: h.run_sync_shell_request("ls", ["p1", "p2"])),
    ("geelark.get_phone_status", "geelark/phone_status", lambda g, h: g.get_phone_status_request(["1", "2"])),
    ("geelark.list_phones", "geelark/phone_list", lambda g, h: g.list_phones_request(1, 100)),
    ("geelark.start_phones", "geelark/phone_start", lambda g, h: g.start_phones_request(["1", "2"])),
    ("geelark.stop_phones", "geelark/phone_stop", lambda g, h: g.stop_phones_request(["1", "2"])),
    ("geelark.delete_phones", "geelark/phone_delete", lambda g, h: g.delete_phones_request(GID + ["x"])),
    ("geelark.update_phone", "geelark/phone_update", lambda g, h: g.update_phone_request("1", {"name": "n"})),
    ("geelark.create_phones", "geelark/phone_create",
     lambda g, h: g.create_phones_request("Android 12", [{"profile_name": "sg-tt-010", "proxy_number": 1},
                                                        {"profile_name": "sg-tt-011", "proxy_number": 2}])),
    ("geelark.take_screenshot", "geelark/screenshot", lambda g, h: g.take_screenshot_request(GID[0])),
    ("geelark.get_screenshot_result", "geelark/screenshot_result", lambda g, h: g.get_screenshot_result_request("t1")),
    ("geelark.set_gps", "geelark/gps_set", lambda g, h: g.set_gps_request([(i, 1.29, 103.85) for i in GID])),
    ("geelark.get_gps", "geelark/gps_get", lambda g, h: g.get_gps_request(GID)),
    ("geelark.set_adb", "geelark/adb_set_status", lambda g, h: g.set_adb_request(GID, True)),
    ("geelark.get_adb_data", "geelark/adb_get_data", lambda g, h: g.get_adb_data_request(GID)),
    ("geelark.list_apps", "geelark/app_list", lambda g, h: g.list_apps_request(GID[0])),
    ("geelark.install_app", "geelark/app_install", lambda g, h: g.install_app_request(GID[0], "v1")),
    ("geelark.query_tasks", "geelark/task_query", lambda g, h: g.query_tasks_request(TID)),
    ("geelark.task_history", "geelark/task_history", lambda g, h: g.task_history_request(2)),
    ("geelark.show_task", "geelark/task_detail", lambda g, h: g.show_task_request(TID[0], [1772366409554])),
    ("geelark.cancel_tasks", "geelark/task_cancel", lambda g, h: g.cancel_tasks_request(TID)),
    ("geelark.restart_tasks", "geelark/task_restart", lambda g, h: g.restart_tasks_request(TID[:1])),
    ("geelark.execute_shell", "geelark/shell_execute", lambda g, h: g.execute_shell_request(GID[0], "ls")),
    ("geelark.restart_phone", "geelark/phone_restart", lambda g, h: g.restart_phone_request(GID[0])),
    ("geelark.set_callback", "geelark/callback_set", lambda g, h: g.set_callback_request("https://h.example/x")),
    ("geelark.get_callback", "geelark/callback_get", lambda g, h: g.get_callback_request()),
    ("geelark.list_proxies", "geelark/proxy_list", lambda g, h: g.list_proxies_request(1, 50)),
    ("geelark.add_proxies", "geelark/proxy_add", lambda g, h: g.add_proxies_request([PROXY, PROXY])),
    ("geelark.update_proxies", "geelark/proxy_update",
     lambda g, h: g.update_proxies_request([dict(PROXY, id="601234567890123457")])),
    ("geelark.delete_proxies", "geelark/proxy_delete",
     lambda g, h: g.delete_proxies_request(["601234567890123456", "601239999999999999"])),
    ("geelark.check_proxy", "geelark/proxy_check", lambda g, h: g.check_proxy_request(PROXY)),
    ("geelark.list_installable_apps", "geelark/app_installable_list",
     lambda g, h: g.list_installable_apps_request(GID[0], "tiktok", 1, 10)),
    ("geelark.list_shop_apps", "geelark/app_shop_list", lambda g, h: g.list_shop_apps_request(None, 1, 50)),
    ("geelark.list_groups", "geelark/group_list", lambda g, h: g.list_groups_request(1, 10, {"names": ["a"]})),
    ("geelark.add_groups", "geelark/group_add", lambda g, h: g.add_groups_request([{"name": "c", "remark": "r"}])),
    ("geelark.update_groups", "geelark/group_update",
     lambda g, h: g.update_groups_request([{"id": "605551234567890123", "name": "a2"}])),
    ("geelark.delete_groups", "geelark/group_delete", lambda g, h: g.delete_groups_request(["1", "2"])),
    ("geelark.list_tags", "geelark/tag_list", lambda g, h: g.list_tags_request(1, 10, {"colors": ["red"]})),
    ("geelark.add_tags", "geelark/tag_add", lambda g, h: g.add_tags_request([{"name": "ig", "color": "purple"}])),
    ("geelark.update_tags", "geelark/tag_update", lambda g, h: g.update_tags_request([{"id": "1", "color": "green"}])),
    ("geelark.delete_tags", "geelark/tag_delete", lambda g, h: g.delete_tags_request(["1"])),
    ("geelark.auth_status", "geelark/auth_status", lambda g, h: g.auth_status_request()),
    ("geelark.get_wallet", "geelark/pay_wallet", lambda g, h: g.get_wallet_request()),
    ("geelark.get_plan", "geelark/pay_plan_info", lambda g, h: g.get_plan_request()),
    ("geelark.list_profile_plans", "geelark/pay_profiles_list", lambda g, h: g.list_profile_plans_request()),
    ("geelark.list_brands", "geelark/phone_brand_list", lambda g, h: g.list_brands_request(13)),
    ("geelark.get_serial_number", "geelark/phone_serialNum_get", lambda g, h: g.get_serial_number_request(GID[0])),
    ("geelark.get_upload_url", "geelark/upload_getUrl", lambda g, h: g.get_upload_url_request("mp4")),
    ("geelark.upload_file", "geelark/upload_put", lambda g, h: g.upload_file_request("https://s.example/x", b"ab")),
    ("geelark.upload_to_phone", "geelark/phone_uploadFile",
     lambda g, h: g.upload_to_phone_request(GID[0], "https://m.example/a.mp4")),
    ("geelark.get_upload_result", "geelark/phone_uploadFile_result", lambda g, h: g.get_upload_result_request("1")),
    ("geelark.upload_keybox", "geelark/phone_keyboxUpload",
     lambda g, h: g.upload_keybox_request(GID[0], "https://m.example/k.xml")),
    ("geelark.get_keybox_result", "geelark/phone_keyboxUpload_result", lambda g, h: g.get_keybox_result_request("1")),
    ("geelark.send_sms", "geelark/phone_sendSms", lambda g, h: g.send_sms_request(GID[0], "+65", "hi")),
    ("geelark.set_net_type", "geelark/phone_net_set", lambda g, h: g.set_net_type_request(GID[0], True)),
    ("geelark.hide_accessibility", "geelark/phone_hideAccessibility",
     lambda g, h: g.hide_accessibility_request(GID, ["com.a"])),
    ("geelark.move_to_group", "geelark/phone_moveGroup", lambda g, h: g.move_to_group_request(GID, "0")),
    ("geelark.set_root", "geelark/root_setStatus", lambda g, h: g.set_root_request(GID, True)),
    ("geelark.import_contacts", "geelark/phone_importContacts",
     lambda g, h: g.import_contacts_request(GID[0], [{"firstName": "A", "mobile": "1"}])),
    ("geelark.get_contacts_result", "geelark/phone_importContactsResult",
     lambda g, h: g.get_contacts_result_request("1")),
    ("geelark.transfer_phones", "geelark/phone_transfer",
     lambda g, h: g.transfer_phones_request(GID, "a@b.c", ["name"])),
    ("geelark.new_identity", "geelark/phone_newOne", lambda g, h: g.new_identity_request(GID[0])),
    ("geelark.start_app", "geelark/app_start", lambda g, h: g.start_app_request(GID[0], "com.a")),
    ("geelark.stop_app", "geelark/app_stop", lambda g, h: g.stop_app_request(GID[0], "com.a")),
    ("geelark.app_batch", "geelark/app_operation_batch", lambda g, h: g.app_batch_request(3, "com.a")),
    ("geelark.list_proxy_groups", "geelark/proxyGroup_search", lambda g, h: g.list_proxy_groups_request()),
    ("geelark.add_proxy_group", "geelark/proxyGroup_add", lambda g, h: g.add_proxy_group_request("g")),
    ("geelark.rename_proxy_group", "geelark/proxyGroup_update", lambda g, h: g.rename_proxy_group_request("1", "g")),
    ("geelark.delete_proxy_groups", "geelark/proxyGroup_del", lambda g, h: g.delete_proxy_groups_request(["1"])),
    ("geelark.clone_phone", "geelark/phone_clone", lambda g, h: g.clone_phone_request(GID[0], 2)),
    ("geelark.upload_app", "geelark/app_upload", lambda g, h: g.upload_app_request("https://m.example/a.apk")),
    ("geelark.get_app_upload_status", "geelark/app_upload_status", lambda g, h: g.get_app_upload_status_request("1")),
    ("geelark.list_team_apps", "geelark/app_teamApp_list", lambda g, h: g.list_team_apps_request(1, 20)),
    ("geelark.import_flow", "geelark/task_flow_import", lambda g, h: g.import_flow_request("{}")),
    ("geelark.export_flow", "geelark/task_flow_export", lambda g, h: g.export_flow_request("1")),
    ("geelark.add_team_app", "geelark/app_add", lambda g, h: g.add_team_app_request("1", "2")),
    ("geelark.remove_team_app", "geelark/app_remove", lambda g, h: g.remove_team_app_request("1")),
    ("geelark.set_app_auth", "geelark/app_auth_status", lambda g, h: g.set_app_auth_request("1", True)),
    ("geelark.set_app_auto_start", "geelark/app_setAutoStart", lambda g, h: g.set_app_auto_start_request("1", True)),
    ("geelark.set_app_keep_alive", "geelark/app_setKeepAlive", lambda g, h: g.set_app_keep_alive_request("1", True)),
    ("geelark.set_app_root", "geelark/app_root", lambda g, h: g.set_app_root_request("1", False)),
    ("geelark.set_app_hidden", "geelark/app_setHide", lambda g, h: g.set_app_hidden_request("1", True)),
    ("geelark.set_app_auto_install", "geelark/app_setStatus", lambda g, h: g.set_app_auto_install_request("1", True)),
    ("geelark.get_net_config", "geelark/phone_netConfig_get", lambda g, h: g.get_net_config_request()),
    ("geelark.set_net_config", "geelark/phone_netConfig_set", lambda g, h: g.set_net_config_request(["a.com"])),
    ("geelark.install_patch", "geelark/phone_patch_install",
     lambda g, h: g.install_patch_request(GID[0], "https://m.example/p.apk")),
    ("geelark.get_patch_status", "geelark/phone_patch_install_status", lambda g, h: g.get_patch_status_request("1")),
    ("geelark.list_patches", "geelark/phone_patch_list", lambda g, h: g.list_patches_request(GID[0])),
    ("geelark.uninstall_patch", "geelark/phone_patch_uninstall", lambda g, h: g.uninstall_patch_request(GID[0], "1")),
    ("geelark.customize", "geelark/phone_customization", lambda g, h: g.customize_request({"hideHeader": True})),
    ("geelark.get_material_upload_url", "geelark/material_getUploadUrl",
     lambda g, h: g.get_material_upload_url_request("mp4")),
    ("geelark.create_material", "geelark/material_create",
     lambda g, h: g.create_material_request("https://material.example/m.mp4", ["1"], "m.mp4")),
    ("geelark.delete_materials", "geelark/material_del", lambda g, h: g.delete_materials_request(["1", "2"])),
    ("geelark.search_materials", "geelark/material_search",
     lambda g, h: g.search_materials_request(1, 50, {"fileType": [2], "tagIds": ["1"]})),
    ("geelark.create_material_tag", "geelark/material_tag_create", lambda g, h: g.create_material_tag_request("p", 1)),
    ("geelark.delete_material_tags", "geelark/material_tag_del", lambda g, h: g.delete_material_tags_request(["1"])),
    ("geelark.search_material_tags", "geelark/material_tag_search", lambda g, h: g.search_material_tags_request()),
    ("geelark.set_material_tags", "geelark/material_tag_set", lambda g, h: g.set_material_tags_request(["1"], [])),
    ("geelark.list_analytics_accounts", "geelark/analytics_accounts_list",
     lambda g, h: g.list_analytics_accounts_request(1, 10, {"channel": 0})),
    ("geelark.add_analytics_accounts", "geelark/analytics_accounts_add",
     lambda g, h: g.add_analytics_accounts_request(0, [{"account": "a"}, {"account": "b", "remark": "r"}])),
    ("geelark.delete_analytics_account", "geelark/analytics_accounts_delete",
     lambda g, h: g.delete_analytics_account_request(0, "a")),
    ("geelark.update_analytics_account", "geelark/analytics_accounts_update",
     lambda g, h: g.update_analytics_account_request("1", {"remark": "r"})),
    ("geelark.get_analytics_data", "geelark/analytics_data", lambda g, h: g.get_analytics_data_request()),
    ("geelark.list_analytics_tags", "geelark/analytics_tags_list", lambda g, h: g.list_analytics_tags_request()),
    ("geelark.create_analytics_tag", "geelark/analytics_tags_create",
     lambda g, h: g.create_analytics_tag_request("t", 2)),
    ("geelark.update_analytics_tag", "geelark/analytics_tags_update",
     lambda g, h: g.update_analytics_tag_request("7", name="t2")),
    ("geelark.delete_analytics_tags", "geelark/analytics_tags_del",
     lambda g, h: g.delete_analytics_tags_request(["7", "8"])),
    ("geelark.upgrade_plan", "geelark/pay_plan_upgrade", lambda g, h: g.upgrade_plan_request("2", 10, 5, days=30)),
    ("geelark.renew_plan", "geelark/pay_plan_continue", lambda g, h: g.renew_plan_request(30)),
    ("geelark.buy_time_add_on", "geelark/pay_timeAddOn_buy", lambda g, h: g.buy_time_add_on_request(2000)),
    ("geelark.recharge_wallet", "geelark/pay_wallet_recharge", lambda g, h: g.recharge_wallet_request(1, 100)),
    ("geelark.list_transactions", "geelark/billing_transaction_detail",
     lambda g, h: g.list_transactions_request(limit=2)),
    ("geelark.list_team_brands", "geelark/phone_brand_teamList", lambda g, h: g.list_team_brands_request(12)),
    ("geelark.add_tasks", "geelark/task_add",
     lambda g, h: g.add_tasks_request(1, [{"envId": GID[0], "scheduleAt": 0, "video": "https://v.example/a.mp4"}])),
    ("geelark.list_flows", "geelark/task_flow_list", lambda g, h: g.list_flows_request(1, 10)),
    ("geelark.create_flow_task", "geelark/task_rpa_add",
     lambda g, h: g.create_flow_task_request(GID[0], "562316072435340001", 0, {"Title": "Hi"})),
    ("geelark.create_rpa_task", "geelark/rpa_task",
     lambda g, h: g.create_rpa_task_request("tiktokRandomStar", GID[0], 0, {"likeProbability": 30})),
    ("geelark.uninstall_app", "geelark/app_uninstall", lambda g, h: g.uninstall_app_request(GID[0], "a.b")),
]


def test_operations_table_covers_every_builder():
    assert sorted(op.replace(".", "_") for op, _, _ in OPERATIONS) == sorted(BUILDERS)


@pytest.mark.parametrize("op,fixtures,build", OPERATIONS, ids=[o[0] for o in OPERATIONS])
def test_every_recorded_response_parses_or_raises_cleanly(geelark, huawei, op, fixtures, build):
    d = os.path.join(FIXTURES, fixtures)
    assert os.path.isdir(d), d
    req = build(geelark, huawei)
    assert req.operation == op
    outcomes = {}
    for name in sorted(os.listdir(d)):
        status, headers, body = load_http(os.path.join(d, name))
        try:
            res = req.parse(status, headers, body)
            res.to_json()
            if not isinstance(res, cp.Result):
                assert isinstance(res, cp.Result) and res.operation == op
            outcomes[name] = "ok"
        except cp.Error as e:  # never another exception, never a crash
            assert e.status != cp.STATUS_PANIC and e.message
            outcomes[name] = e.status_name
    assert outcomes and "ok" in outcomes.values(), outcomes


WITH_CONFIG = [o for o in OPERATIONS if o[0] != "huawei.iam.create_token"]


@pytest.mark.parametrize("op,fixtures,build", WITH_CONFIG, ids=[o[0] for o in WITH_CONFIG])
def test_every_builder_refuses_a_closed_config(op, fixtures, build):
    g = cp.GeelarkConfig.key(APP_ID, API_KEY)
    h = cp.HuaweiConfig.aksk("cn-north-4", PROJECT, AK, SK)
    g.close()
    h.close()
    with pytest.raises(cp.NullArgumentError):
        build(g, h)


def items(r):
    return [(i.id, i.status, i.job_id) for i in r.items]


def failures(r):
    return [(f.id, f.code) for f in r.failures]


# The operations without a builder before: (operation, builder call, method,
# URL, body (the JSON, or bytes it contains), recorded answer, what the
# parsed Result says, what that should be).
NEW_OPERATIONS = [
    ("huawei.show_phone", lambda g, h: h.show_phone_request("00000000000000000000000000000001", 1),
     "GET", HW + "/phones/00000000000000000000000000000001", b"",
     ("huawei", "show_phone", "detail_with_ports.http"),
     lambda r: (r.request_id, items(r), r.field("/phone_name"), r.field("/access_infos/0/access_port")),
     ("b1", [("00000000000000000000000000000001", "running", None)], "phone-001", "20001")),
    ("huawei.rename_phone", lambda g, h: h.rename_phone_request("p1", "phone-002", 1),
     "PUT", HW + "/phones/p1", {"phone_name": "phone-002"},
     ("huawei", "rename_phone", "ok.http"), lambda r: (r.request_id, r.items), ("c1", [])),
    ("huawei.list_servers", lambda g, h: h.list_servers_request(0, 10, {"server_name": "server-001"}, 1),
     "GET", HW + "/servers?limit=10&offset=0&server_name=server-001", b"",
     ("huawei", "list_servers", "one_page.http"),
     lambda r: (r.total, r.item_ids, r.field("/servers/0/server_name")),
     (1, ["c1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6"], "server-001")),
    ("huawei.show_server", lambda g, h: h.show_server_request("c1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6", 1),
     "GET", HW + "/servers/c1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6", b"",
     ("huawei", "show_server", "detail.http"),
     lambda r: (r.request_id, r.item_ids, r.field("/server_name")),
     ("e1", ["c1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6"], "server-001")),
    ("huawei.list_encode_servers", lambda g, h: h.list_encode_servers_request(0, 10, {"type": 1}, 1),
     "GET", HW + "/encode-servers?limit=10&offset=0&type=1", b"",
     ("huawei", "list_encode_servers", "containers.http"),
     lambda r: (r.item_ids, r.field("/encode_servers/0/access_infos/0/access_port")), (["e1"], "30000")),
    ("huawei.reset_phones", lambda g, h: h.reset_phones_request(["p1", "p2", "p3"], {"factory_reset": True}, 1),
     "POST", HW + "/phones/batch-reset",
     {"phones": [{"phone_id": p, "factory_reset_enabled": True} for p in ("p1", "p2", "p3")]},
     ("huawei", "restart_phones", "partial.http"), lambda r: (r.request_id, items(r), failures(r)),
     ("g1", [("p1", None, "j1"), ("p2", None, "j2")], [("p3", "CPS.0005")])),
    ("huawei.update_properties",
     lambda g, h: h.update_properties_request(["p1", "p2", "p3"], {"com.cph.mainkeys_switch": 1}, {"my.key": "v"}, 1),
     "POST", HW + "/phones/batch-update-property",
     {"phones": [{"phone_id": p, "property": '{"com.cph.mainkeys_switch":"1"}', "custom_property": {"my.key": "v"}}
                 for p in ("p1", "p2", "p3")]},
     ("huawei", "restart_phones", "partial.http"), lambda r: (items(r), failures(r)),
     ([("p1", None, "j1"), ("p2", None, "j2")], [("p3", "CPS.0005")])),
    ("huawei.show_job", lambda g, h: h.show_job_request("j1", 1), "GET", HW + "/jobs/j1", b"",
     ("huawei", "show_job", "succeeded.http"), lambda r: (items(r), r.field("/execute_msg")),
     ([("p1", "succeeded", "j1")], "Success")),
    ("huawei.list_jobs", lambda g, h: h.list_jobs_request(["r1", "r2"], 0, 10, 1),
     "GET", HW + "/jobs?limit=10&offset=0&request_ids=r1%2Cr2", b"",
     ("huawei", "list_jobs", "mixed.http"), lambda r: (r.request_id, items(r)),
     ("m1", [("p1", "succeeded", "j1"), ("p2", "running", "j2"), ("p3", "failed", "j3")])),
    ("huawei.run_command", lambda g, h: h.run_command_request("shell", "ls /", None, ["s1"], 1),
     "POST", HW + "/phones/commands", {"command": "shell", "content": "ls /", "server_ids": ["s1"]},
     ("huawei", "run_command", "by_server.http"), lambda r: (r.request_id, items(r), failures(r)),
     ("i1", [("p1", None, "j1"), ("p2", None, "j2")], [("p3", "CPS.0097")])),
    ("huawei.run_sync_shell", lambda g, h: h.run_sync_shell_request("ls /data", ["p1", "p2", "p3", "p4"], None, 1),
     "POST", HW + "/phones/sync-commands",
     {"command": "shell", "content": "ls /data", "phone_ids": ["p1", "p2", "p3", "p4"]},
     ("huawei", "run_sync_shell", "outputs.http"), lambda r: (items(r), failures(r), r.field("/outputs/0/output")),
     ([("p1", "succeeded", "j1"), ("p2", "running", "j2")], [("p3", "job_failed"), ("p4", "CPS.0005")],
      "total 0\ndrwxr-xr-x 2 root root 40 app\n")),
    ("geelark.delete_phones", lambda g, h: g.delete_phones_request(GID[:1] + ["699999999999999999", "x"], 1, T),
     "POST", GL + "/phone/delete", {"ids": [GID[0], "699999999999999999", "x"]},
     ("geelark", "phone_delete", "sample_response.http"), lambda r: (r.request_id, r.item_ids, failures(r)),
     ("8D2F4A6C1E3B45D79F0A2C4E6B8D1F3A", ["x"], [(GID[0], "43009"), ("699999999999999999", "42001")])),
    ("geelark.update_phone", lambda g, h: g.update_phone_request("1", {"name": "n", "tag_ids": ["607779999999999999"]},
                                                                 1, T),
     "POST", GL + "/phone/detail/update", {"id": "1", "name": "n", "tagIDs": ["607779999999999999"]},
     ("geelark", "phone_update", "sample_response.http"), lambda r: (r.code, r.field("/phone_id"), failures(r)),
     (0, "1", [("607779999999999999", "43022")])),
    ("geelark.create_phones",
     lambda g, h: g.create_phones_request("Android 12", [{"profile_name": "sg-tt-010", "proxy_number": 1},
                                                        {"profile_name": "sg-tt-011", "proxy_number": 2}],
                                         {"charge_mode": 0}, 1, T),
     "POST", GL + "/phone/addNew",
     {"mobileType": "Android 12", "chargeMode": 0,
      "data": [{"profileName": "sg-tt-010", "proxyNumber": 1}, {"profileName": "sg-tt-011", "proxyNumber": 2}]},
     ("geelark", "phone_create", "sample_response.http"),
     lambda r: (r.item_ids, r.field("/created/0/profile_name"), failures(r)),
     (["612345678901234580"], "sg-tt-010", [("sg-tt-011", "44004")])),
    ("geelark.take_screenshot", lambda g, h: g.take_screenshot_request(GID[0], 1, T), "POST", GL + "/phone/screenShot",
     {"id": GID[0]}, ("geelark", "screenshot", "sample_response.http"),
     lambda r: (r.items, r.field("/task_id")), ([], "1901234567890123456")),
    ("geelark.get_screenshot_result", lambda g, h: g.get_screenshot_result_request("1901234567890123456", 1, T),
     "POST", GL + "/phone/screenShot/result", {"taskId": "1901234567890123456"},
     ("geelark", "screenshot_result", "sample_response.http"),
     lambda r: (r.field("/state"), r.field("/download_link").startswith("https://")), ("succeeded", True)),
    ("geelark.set_gps", lambda g, h: g.set_gps_request([(GID[0], 1.5, 103.25), (GID[1], -33.0, 151.5)], 1, T),
     "POST", GL + "/phone/gps/set",
     {"list": [{"id": GID[0], "latitude": 1.5, "longitude": 103.25}, {"id": GID[1], "latitude": -33.0, "longitude": 151.5}]},
     ("geelark", "gps_set", "partial_with_fail_details.http"), lambda r: (r.code, r.item_ids, failures(r)),
     (40006, [GID[0]], [(GID[1], "43012")])),
    ("geelark.get_gps", lambda g, h: g.get_gps_request(GID[:1], 1, T), "POST", GL + "/phone/gps/get",
     {"ids": GID[:1]}, ("geelark", "gps_get", "sample_response.http"),
     # field() is exact: the value's shortest round-trip text, as in to_json().
     lambda r: (r.item_ids, r.to_dict()["positions"][0]["latitude"], r.field("/positions/0/latitude"),
                r.field("/positions/0/longitude")),
     (GID[:1], 1.2903000116348267, "1.2903000116348267", "103.85189819335938")),
    ("geelark.set_adb", lambda g, h: g.set_adb_request(GID, True, 1, T), "POST", GL + "/adb/setStatus",
     {"ids": GID, "open": True}, ("geelark", "adb_set_status", "items_per_phone.http"),
     lambda r: (r.item_ids, failures(r)), (GID[:1], [(GID[1], "49002")])),
    ("geelark.get_adb_data", lambda g, h: g.get_adb_data_request(GID, 1, T), "POST", GL + "/adb/getData",
     {"ids": GID}, ("geelark", "adb_get_data", "sample_response.http"),
     lambda r: (r.item_ids, r.field("/connections/0/ip"), r.field("/connections/0/port"), failures(r)),
     (GID[:1], "198.51.100.140", "21457", [(GID[1], "42002")])),
    ("geelark.list_apps", lambda g, h: g.list_apps_request(GID[0], 1, 20, 1, T), "POST", GL + "/app/list",
     {"envId": GID[0], "page": 1, "pageSize": 20}, ("geelark", "app_list", "sample_response.http"),
     lambda r: (r.total, items(r), r.field("/apps/0/app_name")),
     (1, [("com.zhiliaoapp.musically", "installed", None)], "TikTok")),
    ("geelark.install_app", lambda g, h: g.install_app_request(GID[0], "1793552962140770001", 1, T),
     "POST", GL + "/app/install", {"envId": GID[0], "appVersionId": "1793552962140770001"},
     ("geelark", "app_install", "sample_response.http"), lambda r: (r.request_id, r.code, r.items),
     ("4F4FABFBDDAC4CFAEAACCDEFABCEFADC", 0, [])),
    ("geelark.uninstall_app", lambda g, h: g.uninstall_app_request(GID[0], "com.zhiliaoapp.musically", 1, T),
     "POST", GL + "/app/uninstall", {"envId": GID[0], "packageName": "com.zhiliaoapp.musically"},
     ("geelark", "app_uninstall", "sample_response.http"), lambda r: (r.request_id, r.code, r.items),
     ("6B6BCDBDFFCE4EBCACCEEFABCDEABCFE", 0, [])),
]


@pytest.mark.parametrize("op,build,method,url,body,answer,got,want", NEW_OPERATIONS,
                         ids=[o[0] for o in NEW_OPERATIONS])
def test_new_builders_build_and_parse(geelark, huawei, op, build, method, url, body, answer, got, want):
    req = build(geelark, huawei)
    assert (req.operation, req.method, req.url) == (op, method, url)
    if isinstance(body, bytes):
        assert body in req.body
    else:
        assert json.loads(req.body) == body
    if op.startswith("geelark."):
        assert req.header("traceId") == T and req.header("sign")
    else:
        assert req.header("Authorization").startswith("SDK-HMAC-SHA256 Access=%s," % AK)
    res = req.parse(*fixture(*answer))
    assert isinstance(res, cp.Result) and res.operation == op
    assert got(res) == want
    assert res.to_dict()


# Recorded failures of the new operations: (builder call, answer, error class,
# provider code).
NEW_ERRORS = [
    (lambda g, h: h.show_phone_request("p1"), ("huawei", "show_phone", "error_404_cps_0005.http"),
     cp.ApiError, "CPS.0005"),
    (lambda g, h: h.rename_phone_request("p1", "x"), ("huawei", "rename_phone", "error_cps_0026.http"),
     cp.ApiError, "CPS.0026"),
    (lambda g, h: h.reset_phones_request(["p1"]), ("huawei", "restart_phones", "error_500.http"),
     cp.ApiError, "CPS.0003"),
    (lambda g, h: h.update_properties_request(["p1"], None, {"k": "v"}), ("huawei", "restart_phones", "error_500.http"),
     cp.ApiError, "CPS.0003"),
    (lambda g, h: h.show_job_request("j"), ("huawei", "show_job", "error_404_cps_0011.http"), cp.ApiError, "CPS.0011"),
    (lambda g, h: h.run_command_request("shell", "ls", ["p1"]), ("huawei", "run_command", "error_cps_0117.http"),
     cp.ApiError, "CPS.0117"),
    (lambda g, h: h.run_sync_shell_request("ls", ["p1"]), ("huawei", "run_sync_shell", "throttled.http"),
     cp.RateLimitedError, "APIGW.0308"),
    (lambda g, h: g.delete_phones_request(["1"]), ("geelark", "phone_delete", "wrong_type_fail_amount.http"),
     cp.DecodeError, None),
    (lambda g, h: g.update_phone_request("1", {"name": "n"}), ("geelark", "phone_update", "envelope_43022_no_tag_exists.http"),
     cp.ApiError, "43022"),
    (lambda g, h: g.create_phones_request("Android 12", '[{"profile_name":"a","proxy_number":1}]'),
     ("geelark", "phone_create", "error_44001_basic_plan_batch.http"), cp.ApiError, "44001"),
    (lambda g, h: g.take_screenshot_request("1"), ("geelark", "screenshot", "error_42002.http"), cp.ApiError, "42002"),
    (lambda g, h: g.get_screenshot_result_request("t"), ("geelark", "screenshot_result", "wrong_type_status.http"),
     cp.DecodeError, None),
    (lambda g, h: g.set_gps_request([("1", 0, 0)]), ("geelark", "gps_set", "envelope_42001.http"), cp.ApiError, "42001"),
    (lambda g, h: g.get_gps_request(["1"]), ("geelark", "gps_get", "wrong_type_latitude.http"), cp.DecodeError, None),
    (lambda g, h: g.set_adb_request(["1"], False), ("geelark", "adb_set_status", "envelope_42002.http"),
     cp.ApiError, "42002"),
    (lambda g, h: g.get_adb_data_request(["1"]), ("geelark", "adb_get_data", "envelope_40014_hourly_lock.http"),
     cp.LockoutError, "40014"),
    (lambda g, h: g.list_apps_request("e"), ("geelark", "app_list", "envelope_42001.http"), cp.ApiError, "42001"),
    (lambda g, h: g.install_app_request("e", "v"), ("geelark", "app_install", "error_42004.http"), cp.ApiError, "42004"),
    (lambda g, h: g.uninstall_app_request("e", "p"), ("geelark", "app_uninstall", "error_42005.http"),
     cp.ApiError, "42005"),
]


@pytest.mark.parametrize("build,answer,error,code", NEW_ERRORS, ids=["/".join(e[1][1:]) for e in NEW_ERRORS])
def test_new_builders_typed_errors(geelark, huawei, build, answer, error, code):
    req = build(geelark, huawei)
    with pytest.raises(error) as ei:
        req.parse(*fixture(*answer))
    e = ei.value
    assert type(e) is error and e.provider_code == code
    assert e.provider == (None if error is cp.DecodeError else answer[0])
    if error is cp.DecodeError:
        assert req.operation in e.message
    if error is cp.RateLimitedError:
        assert e.retry_after_secs == 10 and e.request_id == "k2"


def test_new_builders_refuse_invalid_input(huawei, geelark):
    for call in [
        lambda: huawei.show_phone_request(""),
        lambda: huawei.rename_phone_request("p1", "bad name!"),
        lambda: huawei.list_servers_request(0, 101),
        lambda: huawei.list_encode_servers_request(0, 0),
        lambda: huawei.list_jobs_request([]),
        lambda: huawei.list_jobs_request(["r%d" % i for i in range(21)]),
        lambda: huawei.reset_phones_request([]),
        lambda: huawei.update_properties_request(["p1"]),  # nothing to set
        lambda: huawei.run_command_request("shell", "ls"),  # no target
        lambda: huawei.run_command_request("shell", "ls", ["p1"], ["s1"]),  # both lists
        lambda: huawei.run_sync_shell_request("ls", ["p%d" % i for i in range(16)]),
        lambda: geelark.delete_phones_request([]),
        lambda: geelark.update_phone_request("1", None),
        lambda: geelark.update_phone_request("1", {}),
        lambda: geelark.create_phones_request("Android 12", []),
        lambda: geelark.set_gps_request([]),
        lambda: geelark.set_gps_request([("1", 91.0, 0.0)]),
        lambda: geelark.get_gps_request(["x"] * 0),
        lambda: geelark.get_adb_data_request([]),
        lambda: geelark.list_apps_request("e", 0, 10),
        lambda: geelark.list_apps_request("e", 1, 101),
        lambda: geelark.install_app_request("e", None),
        lambda: geelark.get_screenshot_result_request("t", trace_id="short"),
    ]:
        with pytest.raises(cp.InvalidInputError):
            call()
    with pytest.raises(ValueError, match="NUL"):
        huawei.show_job_request("j\0")
    with pytest.raises(TypeError):
        huawei.list_jobs_request("r1")  # a str is not a list of ids


def test_gps_positions_conversion(geelark):
    as_tuples = geelark.set_gps_request([("1", 10, 20.5), ("2", -1.25, 0)], 1, T)
    as_dict = geelark.set_gps_request({"1": (10, 20.5), "2": (-1.25, 0)}, 1, T)
    assert as_tuples.body == as_dict.body
    gc.collect()  # the ids were kept alive until C copied them
    assert json.loads(as_dict.body) == {"list": [{"id": "1", "latitude": 10.0, "longitude": 20.5},
                                                 {"id": "2", "latitude": -1.25, "longitude": 0.0}]}
    with pytest.raises(TypeError):
        geelark.set_gps_request("1,2,3")
    with pytest.raises(ValueError):
        geelark.set_gps_request([("1", 2.0)])  # not (id, latitude, longitude)
    with pytest.raises(cp.NullArgumentError):
        geelark.set_gps_request([(None, 1.0, 2.0)])
    with pytest.raises(cp.InvalidInputError):
        geelark.set_gps_request([("1", 1.0, 2.0), ("1", 3.0, 4.0)])  # one phone, two places


def test_next_request_for_every_new_pager(huawei, geelark):
    # list_servers: a full page short of the total pages on.
    req = huawei.list_servers_request(0, 1, {"status": 5}, 1)
    page = req.parse(200, None, b'{"request_id":"d","count":3,"servers":[{"server_id":"s1","status":5}]}')
    nxt = req.next_request(page, now_unix_ms=2)
    assert nxt.operation == "huawei.list_servers" and nxt.url == HW + "/servers?limit=1&offset=1&status=5"
    assert huawei.list_servers_request(0, 10).next_request(huawei.list_servers_request(0, 10).parse(*fixture("huawei", "list_servers", "one_page.http"))) is None
    # list_encode_servers: no total, so a full page pages on, a short one ends.
    req = huawei.list_encode_servers_request(0, 1, None, 1)
    page = req.parse(*fixture("huawei", "list_encode_servers", "containers.http"))
    assert req.next_request(page, 2).url == HW + "/encode-servers?limit=1&offset=1"
    req = huawei.list_encode_servers_request(0, 10, None, 1)
    assert req.next_request(req.parse(*fixture("huawei", "list_encode_servers", "containers.http"))) is None
    # list_jobs for the jobs a restart started, by its request id.
    restart = huawei.restart_phones_request(["p1", "p2", "p3"], None, 1)
    started = restart.parse(*fixture("huawei", "restart_phones", "partial.http"))
    req = huawei.list_jobs_request([started.request_id], 0, 3, 1)
    assert req.url == HW + "/jobs?limit=3&offset=0&request_id=g1"  # one id: Huawei's singular parameter
    page = req.parse(*fixture("huawei", "list_jobs", "mixed.http"))
    assert req.next_request(page, 2).url == HW + "/jobs?limit=3&offset=3&request_id=g1"
    assert req.next_request(req.parse(*fixture("huawei", "list_jobs", "empty.http"))) is None
    # app_list: the next page of the same phone, with a fresh trace id.
    req = geelark.list_apps_request(GID[0], 1, 1, 1, T)
    page = req.parse(200, None, b'{"code":0,"data":{"total":3,"page":1,"pageSize":1,'
                                b'"items":[{"packageName":"a.b","installStatus":1}]}}')
    nxt = req.next_request(page, now_unix_ms=2)
    assert json.loads(nxt.body) == {"envId": GID[0], "page": 2, "pageSize": 1}
    assert nxt.header("traceId") not in (None, T)
    req = geelark.list_apps_request(GID[0], 1, 20, 1, T)
    assert req.next_request(req.parse(*fixture("geelark", "app_list", "sample_response.http"))) is None
    # An operation that is not a listing has no next page.
    show = huawei.show_job_request("j1")
    assert not show.pages and req.pages
    with pytest.raises(cp.InvalidInputError, match="does not page"):
        show.next_request(show.parse(*fixture("huawei", "show_job", "succeeded.http")))


def test_new_generic_results_merge_as_batches(geelark):
    # A batch operation added here records into a BatchMerge like stop/start.
    plan = cp.BatchPlan(GID + ["g3"], 2)
    with cp.BatchMerge(plan) as merge:
        req = geelark.get_gps_request(plan.calls[0], 1, T)
        merge.record(0, req.parse(*fixture("geelark", "gps_get", "with_fail_details.http")))
        merge.record_transport_error(1, "connection reset")
        out = merge.finish()
    assert [i.id for i in out.succeeded] == [GID[0]]
    assert [(f.id, f.status_name) for f in out.failed] == [(GID[1], "api"), ("g3", "transport")]


# ------------------------------------------------------------------ leaks


def rss_kib():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024


def _use_every_kind_of_handle():
    """One round of the wrapper's handles, freed by `with`, by close(), by
    garbage collection, and on the error path."""
    hw_body = seed_json("huawei-cph-batch-connection.txt", "Example Responses").encode()
    gl_body = seed_json("geelark-phone-status.txt", "Response Example").encode()
    jobs_answer = fixture("huawei", "list_jobs", "mixed.http")
    gps_answer = fixture("geelark", "gps_set", "partial_with_fail_details.http")

    def once():
        with cp.HuaweiConfig.aksk("cn-north-4", PROJECT, AK, SK) as cfg:
            req = cfg.show_connect_infos_request(SEED_IDS, "ANDROID", 1)
            res = req.parse(200, {"X-Request-Id": "r"}, hw_body)
            res.to_json()
            try:
                req.parse(404, None, b'{"error_code":"CPS.0005","error_msg":"gone"}')
            except cp.ApiError as e:
                assert e.provider_code == "CPS.0005"
            jobs = cfg.list_jobs_request(["r1", "r2"], 0, 3, 1)
            jobs.next_request(jobs.parse(*jobs_answer), 2).close()
        g = cp.GeelarkConfig.key(APP_ID, API_KEY)
        greq = g.get_phone_status_request(["123456ABCDEF"], 1, "ABCDEF123")
        gres = greq.parse(200, None, gl_body)
        g.set_gps_request({"1": (1.0, 2.0), "2": (3.0, 4.0)}, 1, "ABCDEF123").parse(*gps_answer).to_json()
        plan = cp.BatchPlan(["123456ABCDEF", "x"], 100)
        merge = cp.BatchMerge(plan)
        merge.record(0, gres)
        merge.record_transport_error(0, "x")
        merge.finish().to_json()
        del g, greq, gres, plan, merge

    return once


@pytest.mark.skipif(not os.path.exists("/proc/self/statm"), reason="needs /proc")
@pytest.mark.skipif(
    platform.python_implementation() == "PyPy",
    reason="PyPy's RSS grows with any ctypes use (a loop of plain libc calls "
    "grows ~9 MiB per 9,000 rounds); test_every_handle_is_freed checks there",
)
def test_no_leaks_on_repeated_use():
    once = _use_every_kind_of_handle()
    for _ in range(300):  # warm up allocator pools and ctypes caches
        once()
    gc.collect()
    before = rss_kib()
    for _ in range(3000):
        once()
    gc.collect()
    grown = rss_kib() - before
    # Every iteration allocates several KiB in C: a leak would show as
    # megabytes here; allocator noise stays well under.
    assert grown < 2048, "RSS grew by %d KiB over 3000 iterations" % grown


def test_every_handle_is_freed(monkeypatch):
    """Every C handle the wrapper takes is handed back to its free function
    (after a collection for those left to the garbage collector), on any
    interpreter: the leak check that does not depend on how an
    interpreter's own memory behaves."""
    made, freed = [0], [0]
    init, close = cp._Handle.__init__, cp._Handle.close
    err_init, err_del = cp.Error.__init__, cp.Error.__del__

    # Only what is made here counts: objects of earlier tests may be
    # collected meanwhile.
    def counting_init(self, h):
        init(self, h)
        self._counted = True
        made[0] += 1

    def counting_close(self):
        freed[0] += 1 if self._h and getattr(self, "_counted", False) else 0
        close(self)

    def counting_err_init(self, *a, **k):
        err_init(self, *a, **k)
        self._counted = bool(getattr(self, "_handle", None))
        made[0] += 1 if self._counted else 0

    def counting_err_del(self):
        counted = getattr(self, "_handle", None) and getattr(self, "_counted", False)
        freed[0] += 1 if counted else 0
        err_del(self)

    monkeypatch.setattr(cp._Handle, "__init__", counting_init)
    monkeypatch.setattr(cp._Handle, "close", counting_close)
    monkeypatch.setattr(cp.Error, "__init__", counting_err_init)
    monkeypatch.setattr(cp.Error, "__del__", counting_err_del)
    once = _use_every_kind_of_handle()
    for _ in range(200):
        once()
    for _ in range(3):
        gc.collect()
    # configs, requests, results, errors, plans, merges: about 13 a round.
    assert made[0] >= 200 * 10, made
    assert freed[0] == made[0], "made %d handles, freed %d" % (made[0], freed[0])


def test_geelark_tasks_pages_and_callbacks(geelark):
    req = geelark.task_history_request(2, now_unix_ms=1, trace_id=T)
    res = req.parse(*fixture("geelark", "task_history", "sample_response.http"))
    assert res.total == 57 and res.item_ids == TID
    nxt = req.next_request(res, now_unix_ms=1, trace_id=T)
    assert nxt is not None and b'"lastId":"618880000000000002"' in nxt.body
    detail = geelark.show_task_request(TID[0], now_unix_ms=1, trace_id=T)
    res = detail.parse(*fixture("geelark", "task_detail", "sample_response.http"))
    assert res.field("/logs/0").endswith("Waiting for execution") and res.field("/log_continue") == "true"
    assert detail.next_request(res, now_unix_ms=1, trace_id=T) is not None
    acct = cp.GeelarkConfig.key("eH6gQR4oHr3FsZpI36La01IW", "YjmFIUuq0oJgSDJ42fxLEb6R1qjjqf")
    headers = {"appId": "eH6gQR4oHr3FsZpI36La01IW", "traceId": "db6094ab-3797-4186-84d5-b0b58eebad56",
               "ts": "1716972892166", "nonce": "db6094",
               "sign": "6280C080AF7C3CCE168F15C913E3444A00A618CB0E16038EED9811D6E3366BDD"}
    body = b'{"type":15,"id":"612345678901234567","packageName":"com.a","appVersionId":"1","result":1}'
    event = acct.read_callback(headers, body, now_unix_ms=1716972900000)
    assert event.field("/kind") == "app_installed" and event.field("/ok") == "true"
    forged = dict(headers, sign="0" * 64)
    with pytest.raises(cp.Error) as e:
        acct.read_callback(forged, body, now_unix_ms=1716972900000)
    assert e.value.status == cp.STATUS_AUTH
    with pytest.raises(cp.Error) as e:
        acct.read_callback({}, b'{"type":99}', verify=False)
    assert e.value.status == cp.STATUS_DECODE
    acct.close()
