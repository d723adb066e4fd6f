// Tests of cloudphone.hpp: build + parse for both providers (the seed
// documents' examples, read from the seed files), batch plan + merge, error
// paths (the exception carries status, HTTP status, code, request id), move
// semantics and the client entry points.
//
//   test SEEDS_DIR      (SEEDS_DIR holds huawei-cph-batch-connection.txt and
//                        geelark-phone-status.txt)
//
// Compiled with -std=c++17 -Wall -Wextra -Werror -pedantic and run under
// valgrind by bindings/run_all.sh.
#include "cloudphone.hpp"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>

namespace cp = cloudphone;

static int failures = 0;
static int checks = 0;

#define CHECK(cond)                                                       \
  do {                                                                    \
    checks++;                                                             \
    if (!(cond)) {                                                        \
      std::fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
      failures++;                                                         \
    }                                                                     \
  } while (0)

// Expects `stmt` to throw cloudphone::Error with `want`; binds it to `e` for
// further checks in `more`.
#define EXPECT_ERROR(stmt, want, more)                                               \
  do {                                                                               \
    checks++;                                                                        \
    try {                                                                            \
      stmt;                                                                          \
      std::fprintf(stderr, "%s:%d: no exception from %s\n", __FILE__, __LINE__, #stmt); \
      failures++;                                                                    \
    } catch (const cp::Error &e) {                                                   \
      if (e.status() != (want)) {                                                    \
        std::fprintf(stderr, "%s:%d: %s threw %s (%s), want %s\n", __FILE__, __LINE__, #stmt, \
                     std::string(e.status_name()).c_str(), e.what(), std::string(cp::status_name(want)).c_str()); \
        failures++;                                                                  \
      }                                                                              \
      more;                                                                          \
    }                                                                                \
  } while (0)

static const char *const AK = "HPUAEXAMPLEAK0000001";
static const char *const SK = "ExampleSecretKey0123456789abcdefghijklmn";
static const char *const PROJECT = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";

// The first JSON object after `marker` in a seed document (a '{' line up to
// its matching '}').
static std::string seed_json(const std::string &dir, const char *file, const char *marker) {
  std::ifstream in(dir + "/" + file);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  std::size_t at = text.find(marker);
  if (at == std::string::npos) return {};
  std::size_t start = text.find("\n{", at);
  if (start == std::string::npos) return {};
  start++;
  int depth = 0;
  for (std::size_t i = start; i < text.size(); i++) {
    if (text[i] == '{') depth++;
    if (text[i] == '}' && --depth == 0) return text.substr(start, i - start + 1);
  }
  return {};
}

static void test_version() {
  CHECK(cp::version() == CLOUDPHONE_VERSION);
  // The runner says which build it linked (catches a library swapped under it).
  if (const char *want = std::getenv("CLOUDPHONE_EXPECT_CLIENT")) CHECK(cp::has_client() == (want[0] == '1'));
  CHECK(cp::status_name(CLOUDPHONE_STATUS_RATE_LIMITED) == "rate_limited");
  CHECK(cp::status_name(9999) == "unknown");
}

static void test_huawei(const std::string &seeds) {
  const std::vector<std::string> ids = {"1564567b8bab40f34711234cb80d8574", "1234567b8bab40ffb711234cb80d0234",
                                        "1234567b8bab40ffb711234cb8654321"};
  auto cfg = cp::HuaweiConfig::aksk("cn-north-4", PROJECT, AK, SK);
  cp::Request req = cp::huawei::show_connect_infos_build(cfg, ids, "ANDROID", 1700000000000ULL);
  CHECK(req.operation() == "huawei.show_connect_infos");
  CHECK(req.method() == "POST");
  CHECK(req.url() == std::string("https://cph.cn-north-4.myhuaweicloud.com/v1/") + PROJECT +
                         "/cloud-phone/phones/batch-connection");
  CHECK(req.find_header("X-Sdk-Date") == std::string_view("20231114T221320Z"));
  CHECK(req.find_header("Authorization").value_or("").substr(0, 24) == "SDK-HMAC-SHA256 Access=H");
  CHECK(!req.find_header("No-Such-Header"));
  CHECK(req.headers().size() == req.header_count() && req.header_count() >= 5);
  CHECK(req.body().find("\"client_type\":\"ANDROID\"") != std::string_view::npos);
  CHECK(req.is_idempotent());

  std::string body = seed_json(seeds, "huawei-cph-batch-connection.txt", "Example Responses");
  CHECK(!body.empty());
  auto res = cp::parse(req, 200, {{"Content-Type", "application/json"}}, body);
  CHECK(res.request_id() == std::string_view("70bb40bef50e4a14b116a5a527fd7432"));
  auto infos = res.connect_infos();
  CHECK(infos.size() == 1);
  if (infos.size() == 1) {
    CHECK(infos[0].phone_id() == "1564567b8bab40f34711234cb80d8574");
    CHECK(infos[0].access_ip() == std::string_view("213.32.43.22"));
    CHECK(infos[0].access_port() == 14308);
    CHECK(infos[0].session_id() == std::string_view("9864567a7bab40f34711234cb8087474"));
    CHECK(infos[0].access_ipv6().has_value() && infos[0].ticket().has_value());
  }
  auto fails = res.failures();
  CHECK(fails.size() == 2);
  if (fails.size() == 2) {
    CHECK(fails[0].id() == "1234567b8bab40ffb711234cb80d0234" && fails[0].code() == "CPS.0018");
    CHECK(fails[1].code() == "CPS.0005" && fails[1].message() == "Phone not found.");
    CHECK(fails[1].status() == CLOUDPHONE_STATUS_API);
  }
  std::string json = res.to_json();
  CHECK(json.find("\"code\":\"CPS.0005\"") != std::string::npos);

  // The IAM token round trip (the token comes from X-Subject-Token).
  cp::Request iam = cp::huawei::iam_create_token_build("cn-north-4", "user", "pw", "domain", "cn-north-4", false, 0);
  CHECK(iam.url().find("/v3/auth/tokens") != std::string_view::npos);
  auto token_result = cp::parse(
      iam, 201, {{"X-Subject-Token", "MIIT0k3n"}},
      R"({"token":{"expires_at":"2024-01-02T03:04:05.000000Z","project":{"id":"p1","name":"cn-north-4"}}})");
  CHECK(token_result.operation() == "huawei.iam.create_token" && token_result.connect_infos().empty());
  CHECK(token_result.iam_token().has_value());
  cp::IamToken tok = token_result.iam_token().value();
  CHECK(tok.value() == "MIIT0k3n");
  CHECK(tok.expires_at_unix_ms() == 1704164645000ULL);
  CHECK(tok.project_id() == std::string_view("p1"));
  auto tcfg = cp::HuaweiConfig::token("cn-north-4", PROJECT, std::string(tok.value()));
  cp::Request treq = cp::huawei::show_connect_infos_build(tcfg, ids, "ANDROID", 1);
  CHECK(treq.find_header("X-Auth-Token") == std::string_view("MIIT0k3n"));
}

static void test_geelark(const std::string &seeds) {
  auto cfg = cp::GeelarkConfig::key("eH6gQR4oHr3FsZpI36La01IW", "YjmFIUuq0oJgSDJ42fxLEb6R1qjjqf");
  // The seed's request example: four copies of one id, collapsed to one.
  cp::Request req = cp::geelark::get_phone_status_build(cfg, {"123456ABCDEF", "123456ABCDEF", "123456ABCDEF", "123456ABCDEF"},
                                                    1716972892166ULL, "db6094ab-3797-4186-84d5-b0b58eebad56");
  CHECK(req.url() == "https://openapi.geelark.com/open/v1/phone/status");
  CHECK(req.body() == R"({"ids":["123456ABCDEF"]})");
  CHECK(req.find_header("nonce") == std::string_view("db6094"));
  // GeeLark's documented key-mode example signature.
  CHECK(req.find_header("sign") ==
        std::string_view("6280C080AF7C3CCE168F15C913E3444A00A618CB0E16038EED9811D6E3366BDD"));

  std::string body = seed_json(seeds, "geelark-phone-status.txt", "Response Example");
  CHECK(!body.empty());
  auto res = cp::parse(req, 200, {}, body);
  CHECK(res.request_id() == std::string_view("123456ABCDEF"));
  CHECK(res.code() == 0);
  CHECK(res.field("/msg") == std::string_view("\xe6\x88\x90\xe5\x8a\x9f"));
  CHECK(res.total() == 4 && res.field("/success_amount") == std::string_view("3") &&
        res.field("/fail_amount") == std::string_view("1"));
  CHECK(!res.iam_token() && res.connect_infos().empty());
  auto phones = res.phone_states();
  CHECK(phones.size() == 3);
  if (phones.size() == 3) {
    CHECK(phones[0].id() == "123456ABCDEF" && phones[0].status() == "running" && phones[0].is_running());
    CHECK(phones[1].status() == "starting" && phones[1].raw_status() == 1);
    CHECK(phones[2].serial_name() == std::string_view("name3"));
  }
  auto fails = res.failures();
  CHECK(fails.size() == 1 && fails[0].code() == "42001" && fails[0].message() == "env not found");
  CHECK(res.to_json().find("\"trace_id\":\"123456ABCDEF\"") != std::string::npos);

  // A trace id from 16 bytes.
  std::array<std::uint8_t, 16> rnd{};
  for (std::size_t i = 0; i < rnd.size(); i++) rnd[i] = static_cast<std::uint8_t>(i * 17);
  std::string trace = cp::format_trace_id(rnd);
  CHECK(trace.size() == 32 && trace.substr(0, 6) == "001122");
}

static void test_batch() {
  std::vector<std::string> ids;
  for (int i = 0; i < 23; i++) {
    char b[16];
    std::snprintf(b, sizeof b, "p%02d", i);
    ids.emplace_back(b);
  }
  ids.emplace_back("p05");  // duplicates collapse
  ids.emplace_back("p00");
  auto cfg = cp::HuaweiConfig::aksk("cn-north-4", PROJECT, "AK", "SK");
  cp::BatchPlan plan(ids, cp::huawei::kShowConnectInfosMaxIds);
  CHECK(plan.ids().size() == 23);
  CHECK(plan.call_count() == 3);
  CHECK(plan.call(2).size() == 3 && plan.call(2)[0] == "p20");
  CHECK(plan.call(3).empty());
  cp::BatchMerge merge(plan);

  for (std::size_t i = 0; i < plan.call_count(); i++) {
    cp::Request req = cp::huawei::show_connect_infos_build(cfg, plan.call(i), "ANDROID", 1700000000000ULL);
    if (i == 0) {
      auto res = cp::parse(
          req, 200, {},
          R"({"request_id":"r0","connect_infos":[{"phone_id":"p01","access_info":{"access_port":8443}},)"
          R"({"phone_id":"p00","access_info":null}],)"
          R"("errors":[{"phone_id":"p02","error_code":"CPS.0005","error_msg":"Phone not found."}]})");
      merge.record(i, res);
    } else if (i == 1) {
      try {
        cp::parse(req, 429, {{"X-Request-Id", "r1"}, {"Retry-After", "3"}},
                                           R"({"error_code":"APIGW.0308","error_msg":"throttled"})");
        CHECK(false);
      } catch (const cp::Error &e) {
        CHECK(e.status() == CLOUDPHONE_STATUS_RATE_LIMITED);
        CHECK(e.retry_after_secs() == 3);
        merge.record_error(i, e);
      }
    } else {
      merge.record_transport_error(i, "connection refused");
    }
  }
  cp::BatchOutcome out = merge.finish();
  CHECK(!out.is_complete_success());
  CHECK(out.succeeded_count() == 2);
  CHECK(out.connect_info(0) && out.connect_info(0)->phone_id() == "p00");
  CHECK(out.connect_info(1) && out.connect_info(1)->access_port() == 8443);
  CHECK(!out.connect_info(2));
  CHECK(!out.phone_state(0));
  auto failed = out.failures();
  CHECK(failed.size() == 14);
  if (failed.size() == 14) {
    CHECK(failed[0].id() == "p02" && failed[0].status() == CLOUDPHONE_STATUS_API);
    CHECK(failed[1].id() == "p10" && failed[1].status() == CLOUDPHONE_STATUS_RATE_LIMITED &&
          failed[1].code() == "APIGW.0308");
    CHECK(failed[13].id() == "p22" && failed[13].status() == CLOUDPHONE_STATUS_TRANSPORT);
  }
  CHECK(out.missing().size() == 7 && out.missing()[0] == "p03" && out.missing()[6] == "p09");
  CHECK((out.request_ids().to_vector() == std::vector<std::string>{"r0", "r1"}));
  CHECK(out.unexpected().empty());
  CHECK(out.to_json().find("\"missing\":[\"p03\"") != std::string::npos);

  // GeeLark through the same merge type.
  auto gcfg = cp::GeelarkConfig::key("app", "key", std::string("http://127.0.0.1:9"));
  cp::BatchPlan gplan({"g1", "g2", "g3"}, cp::geelark::kGetPhoneStatusMaxIds);
  cp::BatchMerge gmerge(gplan);
  cp::Request greq = cp::geelark::get_phone_status_build(gcfg, gplan.call(0), 1, "ABCDEF123");
  gmerge.record(0, cp::parse(
      greq, 200, {},
      R"({"code":40006,"msg":"partial","traceId":"T","data":{"successDetails":[{"id":"g3","serialName":"three","status":2}],)"
      R"("failDetails":[{"code":42001,"id":"g1","msg":"env not found"}]}})"));
  cp::BatchOutcome gout = gmerge.finish();
  CHECK(gout.succeeded_count() == 1 && gout.phone_state(0) && gout.phone_state(0)->status() == "stopped");
  CHECK(gout.failures().size() == 1 && gout.missing().size() == 1 && gout.missing()[0] == "g2");
}

static void test_errors() {
  auto cfg = cp::HuaweiConfig::aksk("cn-north-4", PROJECT, AK, SK);
  // Refused before anything is built.
  EXPECT_ERROR(cp::huawei::show_connect_infos_build(cfg, std::vector<std::string>{}, "ANDROID", 0),
               CLOUDPHONE_STATUS_INVALID_INPUT, CHECK(e.http_status() == 0 && !e.provider_code()));
  EXPECT_ERROR(cp::huawei::show_connect_infos_build(cfg, {"a"}, "BLACKBERRY", 0), CLOUDPHONE_STATUS_INVALID_INPUT,
               CHECK(std::strstr(e.what(), "BLACKBERRY") != nullptr || std::strlen(e.what()) > 0));
  EXPECT_ERROR(cp::HuaweiConfig::aksk("nowhere-1", PROJECT, AK, SK), CLOUDPHONE_STATUS_INVALID_INPUT, (void)e);
  EXPECT_ERROR(cp::HuaweiConfig::aksk("cn-north-4", "a/b", AK, SK), CLOUDPHONE_STATUS_INVALID_INPUT, (void)e);
  EXPECT_ERROR(cp::HuaweiConfig::aksk(std::string("cn\xff"), PROJECT, AK, SK), CLOUDPHONE_STATUS_INVALID_UTF8, (void)e);
  std::vector<std::string> eleven(11);
  for (std::size_t i = 0; i < eleven.size(); i++) eleven[i] = "id" + std::to_string(i);
  EXPECT_ERROR(cp::huawei::show_connect_infos_build(cfg, eleven, "ANDROID", 0), CLOUDPHONE_STATUS_INVALID_INPUT,
               (void)e);
  EXPECT_ERROR(cp::BatchPlan({"a"}, 0), CLOUDPHONE_STATUS_INVALID_INPUT, (void)e);

  // Provider errors: status, HTTP status, provider, code, request id.
  cp::Request req = cp::huawei::show_connect_infos_build(cfg, {"x"}, "ANDROID", 0);
  EXPECT_ERROR(cp::parse(req, 404, {{"x-request-id", "req-404"}},
                                                  R"({"error_code":"CPS.0005","error_msg":"Phone not found."})"),
               CLOUDPHONE_STATUS_API, {
                 CHECK(e.http_status() == 404);
                 CHECK(e.provider() == std::string_view("huawei"));
                 CHECK(e.provider_code() == std::string_view("CPS.0005"));
                 CHECK(e.request_id() == std::string_view("req-404"));
                 CHECK(std::string(e.what()).find("Phone not found.") != std::string::npos);
                 CHECK(!e.retry_after_secs());
                 CHECK(e.get() != nullptr);
               });
  EXPECT_ERROR(cp::parse(req, 401, {}, R"({"error_code":"APIGW.0301","error_msg":"bad"})"),
               CLOUDPHONE_STATUS_AUTH, CHECK(e.provider_code() == std::string_view("APIGW.0301")));
  EXPECT_ERROR(cp::parse(req, 200, {}, "<html>gateway</html>"), CLOUDPHONE_STATUS_DECODE,
               CHECK(std::string(e.what()).find("huawei.show_connect_infos") != std::string::npos));
  EXPECT_ERROR(cp::parse(req, 502, {}, ""), CLOUDPHONE_STATUS_API,
               CHECK(e.http_status() == 502));

  auto gcfg = cp::GeelarkConfig::token("tok");
  cp::Request greq = cp::geelark::get_phone_status_build(gcfg, {"g"}, 1, "ABCDEF123");
  EXPECT_ERROR(cp::parse(greq, 200, {}, R"({"code":40014,"msg":"locked","traceId":"T1"})"),
               CLOUDPHONE_STATUS_LOCKOUT, {
                 CHECK(e.provider() == std::string_view("geelark"));
                 CHECK(e.provider_code() == std::string_view("40014"));
                 CHECK(e.request_id() == std::string_view("T1"));
               });
  // Key mode takes the nonce from the trace id: too short is refused.
  auto kcfg = cp::GeelarkConfig::key("app", "key");
  EXPECT_ERROR(cp::geelark::get_phone_status_build(kcfg, {"g"}, 1, "short"), CLOUDPHONE_STATUS_INVALID_INPUT, (void)e);
  // The host's own cap on the body size.
  EXPECT_ERROR(cp::parse(req, 200, {}, R"({"connect_infos":[]})", 10), CLOUDPHONE_STATUS_BODY_TOO_LARGE, (void)e);
  // The request picks its parser: a body of another shape is a decode error.
  EXPECT_ERROR(cp::parse(req, 200, {}, R"({"connect_infos":7})"), CLOUDPHONE_STATUS_DECODE, (void)e);

  // Errors are copyable values; copies share the C error.
  try {
    cp::parse(req, 404, {}, R"({"error_code":"CPS.0005","error_msg":"gone"})");
  } catch (const cp::Error &e) {
    cp::Error copy = e;
    CHECK(copy.get() == e.get() && copy.provider_code() == e.provider_code());
    CHECK(copy.status_name() == "api");
  }
}

static void test_moves() {
  auto cfg = cp::HuaweiConfig::aksk("cn-north-4", PROJECT, AK, SK);
  cp::Request a = cp::huawei::show_connect_infos_build(cfg, {"x"}, "ANDROID", 0);
  cp::Request b = std::move(a);
  CHECK(b.method() == "POST");
  // A moved-from handle reads as empty rather than crashing.
  CHECK(a.get() == nullptr && a.method().empty() && a.header_count() == 0);  // NOLINT(bugprone-use-after-move)
  std::vector<cp::Request> many;
  for (int i = 0; i < 50; i++) many.push_back(cp::huawei::show_connect_infos_build(cfg, {"x"}, "ANDROID", 0));
  CHECK(many.back().url() == b.url());
}

static void test_generic_operations() {
  auto cfg = cp::GeelarkConfig::key("app", "key");
  const std::string trace = "ABCDEF123";
  cp::Request req = cp::build([&](cloudphone_request **out, cloudphone_error **err) {
    return cloudphone_geelark_list_phones_build(cfg.get(), 1, 2, R"({"tags":["a"]})", 1, trace.c_str(), out, err);
  });
  CHECK(req.operation() == "geelark.list_phones");
  CHECK(req.body() == R"({"page":1,"pageSize":2,"tags":["a"]})");
  cp::Result page = cp::parse(req, 200, {},
                              R"({"code":0,"traceId":"T","data":{"total":5,"items":[)"
                              R"({"id":"1","serialName":"a","status":0},{"id":"2","serialName":"b","status":2}]}})");
  CHECK(page.operation() == "geelark.list_phones" && page.total() == 5 && page.request_id() == std::string_view("T"));
  CHECK(page.item_count() == 2 && page.item_ids()[1] == "2");
  CHECK(page.item_status(0) == std::string_view("running") && page.item_status(1) == std::string_view("stopped"));
  CHECK(!page.item_job_id(0) && !page.item_status(2));
  CHECK(page.field("/records/1/serial_name") == std::string_view("b") && !page.field("/nope"));
  CHECK(page.to_json().find("\"serial_name\":\"a\"") != std::string::npos);
  auto nxt = cp::next(req, page, 2, trace.c_str());
  CHECK(nxt && nxt->body().find("\"page\":2") != std::string_view::npos);
  // The ids go straight into another operation.
  cp::Request start = cp::build([&](cloudphone_request **out, cloudphone_error **err) {
    auto ids = page.item_ids();
    return cloudphone_geelark_start_phones_build(cfg.get(), ids.data(), ids.size(), nullptr, 1, trace.c_str(), out,
                                                err);
  });
  CHECK(start.body().find(R"("ids":["1","2"])") != std::string_view::npos);
  // Errors through the generic path carry the same fields.
  EXPECT_ERROR(cp::parse(req, 200, {},
                         R"({"code":40007,"msg":"too many","traceId":"T9"})"),
               CLOUDPHONE_STATUS_RATE_LIMITED, CHECK(e.request_id() == std::string_view("T9")));
  EXPECT_ERROR(cp::build([&](cloudphone_request **out, cloudphone_error **err) {
                 return cloudphone_geelark_list_phones_build(cfg.get(), 0, 2, nullptr, 1, trace.c_str(), out, err);
               }),
               CLOUDPHONE_STATUS_INVALID_INPUT, (void)e);
  // An operation that is not a listing has no next page.
  EXPECT_ERROR(cp::next(start, page, 2, trace.c_str()), CLOUDPHONE_STATUS_INVALID_INPUT, (void)e);

  // Any batch operation merges: a stop of three phones in calls of two.
  cp::BatchPlan plan({"1", "2", "3"}, 2);
  cp::BatchMerge merge(plan);
  EXPECT_ERROR(merge.record(0, page), CLOUDPHONE_STATUS_INVALID_INPUT, (void)e);  // a listing acts on no ids
  cp::Request stop = cp::build([&](cloudphone_request **out, cloudphone_error **err) {
    auto ids = plan.call(0);
    return cloudphone_geelark_stop_phones_build(cfg.get(), ids.data(), ids.size(), 1, trace.c_str(), out, err);
  });
  merge.record(0, cp::parse(stop, 200, {},
                         R"({"code":0,"traceId":"T2","data":{"totalAmount":2,"successAmount":1,"failAmount":1,)"
                         R"("failDetails":[{"code":42001,"id":"2","msg":"env not found"}]}})"));
  merge.record_transport_error(1, "connection reset");
  cp::BatchOutcome out = merge.finish();
  CHECK(out.succeeded_count() == 1 && out.item_id(0) == "1" && !out.item_job_id(0) && out.item_id(1).empty());
  CHECK(out.failures().size() == 2 && out.missing().empty());
}

static void test_clients() {
  auto hcfg = cp::HuaweiConfig::token("http://127.0.0.1:9", PROJECT, "t");
  auto gcfg = cp::GeelarkConfig::key("app", "key", std::string("http://127.0.0.1:9"));
  if (!cp::has_client()) {
    EXPECT_ERROR(cp::HuaweiClient client(hcfg), CLOUDPHONE_STATUS_UNSUPPORTED, (void)e);
    EXPECT_ERROR(cp::GeelarkClient client(gcfg), CLOUDPHONE_STATUS_UNSUPPORTED, (void)e);
    EXPECT_ERROR(cp::GeelarkClient::from_env(), CLOUDPHONE_STATUS_UNSUPPORTED, (void)e);
    return;
  }
  // Nothing listens on port 9: the call's failure lands in the outcome.
  cp::GeelarkClient client(gcfg, 2000);
  cp::BatchOutcome out = client.get_phone_status({"g1", "g2"});
  CHECK(out.succeeded_count() == 0 && out.failures().size() == 2);
  CHECK(out.failures().size() == 2 && out.failures()[0].status() == CLOUDPHONE_STATUS_TRANSPORT);
  EXPECT_ERROR(client.get_phone_status({}), CLOUDPHONE_STATUS_INVALID_INPUT, (void)e);
  // Any other operation: the request names it; here the send fails.
  cp::Request stop = cp::build([&](cloudphone_request **o, cloudphone_error **err) {
    const char *ids[] = {"g1"};
    return cloudphone_geelark_stop_phones_build(gcfg.get(), ids, 1, 1, "ABCDEF123", o, err);
  });
  EXPECT_ERROR(client.call(stop), CLOUDPHONE_STATUS_TRANSPORT, (void)e);
  cp::HuaweiClient hclient(hcfg, 2000);
  EXPECT_ERROR(hclient.call(stop), CLOUDPHONE_STATUS_INVALID_INPUT,
               CHECK(std::string_view(e.what()).find("other provider") != std::string_view::npos));
}

// The README's C++ snippet, verbatim: build, send (here: a canned answer
// instead of an HTTP stack), parse, and handle a whole-call failure.
static std::pair<int, std::string> send_somehow(const cp::Request &req) {
  if (req.body().find("deadbeef") != std::string_view::npos)
    return {404, R"({"error_code":"CPS.0005","error_msg":"Phone not found."})"};
  return {200, R"({"request_id":"r1","connect_infos":[{"phone_id":"6a3f0c","access_info":{"access_ip":"1.2.3.4","access_port":8443}}]})"};
}

static int readme_snippet(const std::vector<std::string> &phone_ids, std::uint64_t now_ms) {
  try {
    auto cfg = cp::HuaweiConfig::aksk("cn-north-4", PROJECT, AK, SK);
    cp::Request req = cp::huawei::show_connect_infos_build(cfg, phone_ids, "ANDROID", now_ms);
    // send req.method(), req.url(), every req.header(i) and req.body() with your HTTP stack
    auto [status, body] = send_somehow(req);
    auto result = cp::parse(req, status, {{"Content-Type", "application/json"}}, body);
    for (const auto &info : result.connect_infos())
      std::printf("%s %s:%d\n", std::string(info.phone_id()).c_str(),
                  std::string(info.access_ip().value_or("-")).c_str(), info.access_port().value_or(-1));
    for (const auto &f : result.failures())
      std::printf("%s failed: %s\n", std::string(f.id()).c_str(), std::string(f.code()).c_str());
    return 0;
  } catch (const cp::Error &e) {
    std::fprintf(stderr, "%s (HTTP %u, code %s, request %s): %s\n", std::string(e.status_name()).c_str(),
                 e.http_status(), std::string(e.provider_code().value_or("-")).c_str(),
                 std::string(e.request_id().value_or("-")).c_str(), e.what());
    return e.status();
  }
}

static void test_readme_snippet() {
  CHECK(readme_snippet({"6a3f0c"}, 1700000000000ULL) == 0);
  CHECK(readme_snippet({"deadbeef"}, 1700000000000ULL) == CLOUDPHONE_STATUS_API);
}

int main(int argc, char **argv) {
  std::string seeds = argc > 1 ? argv[1] : "../shared/seeds";
  try {
    test_version();
    test_huawei(seeds);
    test_geelark(seeds);
    test_batch();
    test_errors();
    test_moves();
    test_clients();
    test_generic_operations();
    test_readme_snippet();
  } catch (const cp::Error &e) {
    std::fprintf(stderr, "unexpected cloudphone::Error %s: %s\n", std::string(e.status_name()).c_str(), e.what());
    return 1;
  }
  if (failures) {
    std::fprintf(stderr, "cpp: %d of %d checks failed\n", failures, checks);
    return 1;
  }
  std::printf("cpp: %d checks ok (client %s)\n", checks, cp::has_client() ? "built in" : "not built");
  return 0;
}
