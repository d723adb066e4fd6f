"""pytest tests of the ctypes wrapper: the seed documents' examples (read from
../shared/seeds), error fields, misuse (closed handles, None, wrong types,
invalid UTF-8) raising cleanly, batch plan + merge, the client entry points,
and no growth of the process's memory over repeated use.

Run: bindings/python/run_tests.sh   (or: CLOUDPHONE_LIB=... python -m pytest)
"""

import gc
import http.server
import json
import os
import re
import threading
import urllib.error
import urllib.request

import pytest

import cloudphone as cp

HERE = os.path.dirname(os.path.abspath(__file__))
SEEDS = os.environ.get("CLOUDPHONE_SEEDS") or os.path.normpath(os.path.join(HERE, "..", "..", "..", "shared", "seeds"))

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
    req = huawei.batch_connection_request(SEED_IDS, "ANDROID", now_unix_ms=1700000000000)
    assert req.operation == "huawei.batch_connection"
    assert req.method == "POST"
    assert req.url == "https://cph.cn-north-4.myhuaweicloud.com/v1/%s/cloud-phone/phones/batch-connection" % PROJECT
    assert req.header("x-sdk-date") == "20231114T221320Z"
    assert req.header("Authorization").startswith("SDK-HMAC-SHA256 Access=%s, SignedHeaders=" % AK)
    assert json.loads(req.body) == {"phone_ids": SEED_IDS, "client_type": "ANDROID"}
    assert req.is_idempotent

    body = seed_json("huawei-cph-batch-connection.txt", "Example Responses")
    res = req.parse(200, {"Content-Type": "application/json"}, body.encode())
    assert isinstance(res, cp.BatchConnectionResult)
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
        tok = req.parse(201, [("X-Subject-Token", "MIIT0k3n")],
                        b'{"token":{"expires_at":"2024-01-02T03:04:05.000000Z","project":{"id":"p1"}}}')
    assert isinstance(tok, cp.IamToken)
    assert tok.value == "MIIT0k3n" and "MIIT0k3n" not in repr(tok)
    assert tok.expires_at_unix_ms == 1704164645000
    assert tok.project_id == "p1"
    with cp.HuaweiConfig.token("cn-north-4", PROJECT, tok.value) as cfg:
        req = cfg.batch_connection_request(["x"])
        assert req.header("X-Auth-Token") == "MIIT0k3n"
        assert "MIIT0k3n" not in repr(cfg)


# --------------------------------------------------------------- geelark


def test_geelark_seed_build_and_parse(geelark):
    # The seed's request example names one id four times: collapsed to one.
    req = geelark.phone_status_request(["123456ABCDEF"] * 4, now_unix_ms=1716972892166,
                                       trace_id="db6094ab-3797-4186-84d5-b0b58eebad56")
    assert req.url == "https://openapi.geelark.com/open/v1/phone/status"
    assert req.body == b'{"ids":["123456ABCDEF"]}'
    assert req.header("nonce") == "db6094"
    # GeeLark's documented key-mode example signature.
    assert req.header("sign") == "6280C080AF7C3CCE168F15C913E3444A00A618CB0E16038EED9811D6E3366BDD"

    body = seed_json("geelark-phone-status.txt", "Response Example")
    res = req.parse(200, None, body.encode())
    assert isinstance(res, cp.PhoneStatusResult)
    assert (res.trace_id, res.code, res.msg) == ("123456ABCDEF", 0, "成功")
    assert (res.total_amount, res.success_amount, res.fail_amount) == (4, 3, 1)
    assert [(p.status, p.raw_status, p.serial_name) for p in res.phones] == [
        ("running", 0, "name1"), ("starting", 1, "name2"), ("starting", 1, "name3")]
    assert res.phones[0].is_running and not res.phones[1].is_running
    assert [(f.code, f.message) for f in res.failures] == [("42001", "env not found")]
    assert res.to_dict()["trace_id"] == "123456ABCDEF"


def test_geelark_fresh_trace_id(geelark):
    t = cp.format_trace_id(bytes(range(16)))
    assert t == "000102030405060708090A0B0C0D0E0F"
    a = geelark.phone_status_request(["1"])
    b = geelark.phone_status_request(["1"])
    assert a.header("traceId") != b.header("traceId")
    with pytest.raises(ValueError):
        cp.format_trace_id(b"short")


def test_big_numeric_ids_are_kept_exactly(geelark):
    req = geelark.phone_status_request(["612345678901234567"], trace_id="ABCDEF123")
    res = req.parse(200, {}, b'{"code":0,"data":{"successDetails":[{"id":612345678901234567,"status":9}]}}')
    assert res.phones[0].id == "612345678901234567"
    assert res.phones[0].status == "unknown" and res.phones[0].raw_status == 9


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
    req = cfg.phone_status_request(["123456ABCDEF"])
    status, headers, body = send(req)
    result = req.parse(status, headers, body)
    for phone in result.phones:
        print(phone.id, phone.status, phone.serial_name)
    for failure in result.failures:
        print(failure.id, "failed:", failure.code, failure.message)

    assert [p.serial_name for p in result.phones] == ["name1", "name2", "name3"]
    assert [f.code for f in result.failures] == ["42001"]

    hw = cp.HuaweiConfig.aksk(server_url, PROJECT, AK, SK)
    req = hw.batch_connection_request(["1564567b8bab40f34711234cb80d8574"])
    try:
        req.parse(*send(req))
    except cp.ApiError as e:
        print(e.status_name, e.http_status, e.provider_code, e.request_id, e.message)
        assert (e.http_status, e.provider_code, e.request_id) == (404, "CPS.0005", "canned-1")
    else:
        pytest.fail("a 404 must raise")


# ----------------------------------------------------------------- errors


def test_provider_error_fields(huawei):
    req = huawei.batch_connection_request(["x"])
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
    with pytest.raises(cp.DecodeError, match="huawei.batch_connection"):
        req.parse(200, None, b"<html>gateway</html>")
    with pytest.raises(cp.ApiError) as ei:
        req.parse(502, None, None)  # an empty body
    assert ei.value.http_status == 502


def test_geelark_envelope_errors():
    with cp.GeelarkConfig.token("tok") as cfg:
        req = cfg.phone_status_request(["g"])
        with pytest.raises(cp.LockoutError) as ei:
            req.parse(200, None, b'{"code":40014,"msg":"locked","traceId":"T1"}')
        assert (ei.value.provider, ei.value.provider_code, ei.value.request_id) == ("geelark", "40014", "T1")
        with pytest.raises(cp.RateLimitedError):
            req.parse(200, None, b'{"code":40007,"msg":"too many","traceId":"T2"}')


def test_invalid_input_is_refused(huawei, geelark):
    with pytest.raises(cp.InvalidInputError) as ei:
        huawei.batch_connection_request([])
    assert ei.value.status == cp.STATUS_INVALID_INPUT and ei.value.http_status == 0
    assert isinstance(ei.value, ValueError)
    with pytest.raises(cp.InvalidInputError):
        huawei.batch_connection_request(["id%d" % i for i in range(11)])
    with pytest.raises(cp.InvalidInputError):
        huawei.batch_connection_request(["x"], "BLACKBERRY")
    with pytest.raises(cp.InvalidInputError):
        huawei.batch_connection_request(["a\r\nb"])
    with pytest.raises(cp.InvalidInputError):
        cp.HuaweiConfig.aksk("nowhere-1", PROJECT, AK, SK)
    with pytest.raises(cp.InvalidInputError):
        cp.HuaweiConfig.aksk("cn-north-4", "a/b", AK, SK)
    with pytest.raises(cp.InvalidInputError):
        geelark.phone_status_request(["1"], trace_id="short")
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
    req = huawei.batch_connection_request(["x"])
    # NUL inside a str would be cut short by C: refused in Python.
    with pytest.raises(ValueError, match="NUL"):
        huawei.batch_connection_request(["a\0b"])
    with pytest.raises(TypeError):
        huawei.batch_connection_request("abc")  # a str is not a list of ids
    with pytest.raises(TypeError):
        huawei.batch_connection_request([1, 2])
    with pytest.raises(TypeError):
        req.parse(200, None, 12345)
    # None where a list or an id is expected: NULL reaches C, which refuses it.
    with pytest.raises(cp.InvalidInputError):
        huawei.batch_connection_request(None)
    with pytest.raises(cp.NullArgumentError):
        huawei.batch_connection_request(["a", None])
    # None / closed handles are NULL for C: NullArgumentError, never a crash.
    with pytest.raises(cp.NullArgumentError):
        cp.BatchConnectionResult.parse(None, 200, None, b"{}")
    with pytest.raises(cp.NullArgumentError):
        cp.BatchMerge(None)
    closed = huawei.batch_connection_request(["x"])
    closed.close()
    closed.close()  # twice is fine
    assert closed.closed and closed.method is None and closed.headers == [] and closed.body == b""
    with pytest.raises(cp.NullArgumentError):
        closed.parse(200, None, b"{}")
    cfg = cp.HuaweiConfig.aksk("cn-north-4", PROJECT, AK, SK)
    cfg.close()
    with pytest.raises(cp.NullArgumentError) as ei:
        cfg.batch_connection_request(["x"])
    assert ei.value.status_name == "null_argument"
    # A response given to another operation's parser.
    with pytest.raises(cp.InvalidInputError):
        cp.PhoneStatusResult.parse(req, 200, None, b'{"code":0}')
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
    plan = cp.BatchPlan(ids, cp.HUAWEI_BATCH_CONNECTION_MAX_PHONES)
    assert len(plan.ids) == 23 and [len(c) for c in plan.calls] == [10, 10, 3]
    merge = cp.BatchMerge(plan)
    for i, call in enumerate(plan.calls):
        req = huawei.batch_connection_request(call, "ANDROID", 1700000000000)
        if i == 0:
            merge.record(req.parse(200, None, json.dumps({
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
    plan = cp.BatchPlan(["g1", "g2", "g3"], cp.GEELARK_PHONE_STATUS_MAX_IDS)
    with cp.BatchMerge(plan) as merge:
        assert merge.finish().missing == ["g1", "g2", "g3"]
        req = geelark.phone_status_request(plan.calls[0], 1, "ABCDEF123")
        merge.record(req.parse(200, None, b'{"code":40006,"msg":"partial","traceId":"T","data":{'
                                          b'"successDetails":[{"id":"g3","serialName":"three","status":2}],'
                                          b'"failDetails":[{"code":42001,"id":"g1","msg":"env not found"}]}}'))
        out = merge.finish()
    assert [(p.id, p.status) for p in out.succeeded] == [("g3", "stopped")]
    assert [f.id for f in out.failed] == ["g1"] and out.missing == ["g2"]
    with pytest.raises(TypeError):
        cp.BatchMerge(plan).record("not a result")


def test_generic_batch_merge(geelark):
    ids = ["g1", "g2", "g3", "g4", "g5"]
    plan = cp.BatchPlan(ids, 2)
    with cp.BatchMerge(plan) as merge:
        # A listing acts on no list of ids: refused, nothing recorded.
        listing = geelark.phone_list_request(1, 10, None, 1700000000000, "ABCDEF123").parse(
            200, None, b'{"code":0,"msg":"ok","data":{"total":0,"page":1,"pageSize":10,"items":[]}}')
        with pytest.raises(cp.InvalidInputError, match="geelark.phone_list"):
            merge.record(listing)
        req = geelark.phone_stop_request(plan.calls[0], 1700000000000, "ABCDEF123")
        merge.record(req.parse(200, None, b'{"code":0,"msg":"success","traceId":"T1","data":{'
                                          b'"totalAmount":2,"successAmount":1,"failAmount":1,'
                                          b'"failDetails":[{"code":42001,"id":"g2","msg":"env not found"}]}}'))
        # Results of one merge come from one operation.
        start = geelark.phone_start_request(plan.calls[1], None, 1700000000000, "ABCDEF123")
        with pytest.raises(cp.InvalidInputError):
            merge.record(start.parse(200, None, b'{"code":0,"msg":"ok","data":{"totalAmount":0,'
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
        return
    with cp.GeelarkClient(gcfg, timeout_ms=2000) as client:
        out = client.phone_status(["g1", "g2"])
        assert not out.succeeded and [f.status for f in out.failed] == [cp.STATUS_TRANSPORT] * 2
        with pytest.raises(cp.InvalidInputError):
            client.phone_status([])
    with cp.HuaweiClient(hcfg, timeout_ms=2000) as client:
        out = client.batch_connection(["p1"], "ANDROID")
        assert [f.id for f in out.failed] == ["p1"]


# ------------------------------------------- generic results (every op)

FIXTURES = os.path.normpath(os.path.join(HERE, "..", "..", "tests", "fixtures", "responses"))


def load_http(path):
    """A recorded response: (status, headers, body) from an .http fixture."""
    raw = open(path, "rb").read()
    head, _, body = raw.partition(b"\r\n\r\n") if b"\r\n\r\n" in raw else raw.partition(b"\n\n")
    lines = head.decode().splitlines()
    status = int(lines[0].split()[1])
    headers = [tuple(x.strip() for x in l.split(":", 1)) for l in lines[1:] if ":" in l]
    return status, headers, body


def test_generic_results_geelark_list_and_pages(geelark):
    req = geelark.phone_list_request(1, 2, options={"tags": ["a"]}, now_unix_ms=1, trace_id="ABCDEF123")
    assert req.operation == "geelark.phone_list"
    assert json.loads(req.body) == {"page": 1, "pageSize": 2, "tags": ["a"]}
    res = req.parse(200, None, b'{"code":0,"traceId":"T","data":{"total":5,"page":1,"pageSize":2,"items":['
                               b'{"id":"1","serialName":"a","status":0},{"id":"2","serialName":"b","status":2}]}}')
    assert isinstance(res, cp.Result) and res.operation == "geelark.phone_list"
    assert (res.total, res.request_id, res.code) == (5, "T", 0)
    assert res.items == [cp.Item("1", "running", None), cp.Item("2", "stopped", None)]
    assert res.field("/phones/1/serial_name") == "b" and res.field("/no/such") is None
    assert res.to_dict()["phones"][0]["id"] == "1"
    nxt = req.next_request(geelark, res, now_unix_ms=2)
    assert json.loads(nxt.body)["page"] == 2
    # The item ids go straight into another operation.
    start = geelark.phone_start_request(res.item_ids, options={"width": 360})
    assert json.loads(start.body)["ids"] == ["1", "2"]
    last = req.parse(200, None, b'{"code":0,"data":{"total":2,"items":[{"id":"1","status":0},{"id":"2","status":0}]}}')
    assert req.next_request(geelark, last) is None
    with pytest.raises(cp.InvalidInputError):
        geelark.phone_list_request(0, 10)  # pages count from 1
    with pytest.raises(cp.InvalidInputError):
        geelark.phone_list_request(1, 10, options="[1]")


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


@pytest.mark.parametrize("provider,op,build", [
    ("geelark", "phone_list", lambda g, h: g.phone_list_request(1, 100)),
    ("geelark", "phone_start", lambda g, h: g.phone_start_request(["1", "2"])),
    ("geelark", "phone_stop", lambda g, h: g.phone_stop_request(["1", "2"])),
    ("geelark", "phone_status", lambda g, h: g.phone_status_request(["1", "2"])),
    ("huawei", "list_phones", lambda g, h: h.list_phones_request(0, 100)),
    ("huawei", "restart_phones", lambda g, h: h.restart_phones_request(["p1", "p2", "p3"])),
    ("huawei", "stop_phones", lambda g, h: h.stop_phones_request(["p1", "p2", "p3"])),
    ("huawei", "batch_connection", lambda g, h: h.batch_connection_request(["p1", "p2"])),
])
def test_every_recorded_response_parses_or_raises_cleanly(geelark, huawei, provider, op, build):
    d = os.path.join(FIXTURES, provider, op)
    if not os.path.isdir(d):
        pytest.skip("no fixtures for %s.%s" % (provider, op))
    req = build(geelark, huawei)
    outcomes = {}
    for name in sorted(os.listdir(d)):
        status, headers, body = load_http(os.path.join(d, name))
        try:
            res = req.parse(status, headers, body)
            res.to_json()
            outcomes[name] = "ok"
        except cp.Error as e:  # never another exception, never a crash
            assert e.status != cp.STATUS_PANIC and e.message
            outcomes[name] = e.status_name
    assert outcomes and "ok" in outcomes.values(), outcomes


# ------------------------------------------------------------------ leaks


def rss_kib():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024


@pytest.mark.skipif(not os.path.exists("/proc/self/statm"), reason="needs /proc")
def test_no_leaks_on_repeated_use():
    hw_body = seed_json("huawei-cph-batch-connection.txt", "Example Responses").encode()
    gl_body = seed_json("geelark-phone-status.txt", "Response Example").encode()

    def once():
        # Handles freed by `with`, by close(), by garbage collection, and on
        # the error path.
        with cp.HuaweiConfig.aksk("cn-north-4", PROJECT, AK, SK) as cfg:
            req = cfg.batch_connection_request(SEED_IDS, "ANDROID", 1)
            res = req.parse(200, {"X-Request-Id": "r"}, hw_body)
            res.to_json()
            try:
                req.parse(404, None, b'{"error_code":"CPS.0005","error_msg":"gone"}')
            except cp.ApiError as e:
                assert e.provider_code == "CPS.0005"
        g = cp.GeelarkConfig.key(APP_ID, API_KEY)
        greq = g.phone_status_request(["123456ABCDEF"], 1, "ABCDEF123")
        gres = greq.parse(200, None, gl_body)
        plan = cp.BatchPlan(["123456ABCDEF", "x"], 100)
        merge = cp.BatchMerge(plan)
        merge.record(gres)
        merge.record_transport_error(0, "x")
        merge.finish().to_json()
        del g, greq, gres, plan, merge

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
