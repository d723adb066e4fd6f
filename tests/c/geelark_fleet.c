/* GeeLark fleet operations through the sans-IO C API: build and parse
 * (response fixtures) of list, lifecycle, update, create, screenshots, GPS,
 * ADB and apps into the generic cloudphone_result; paging walks; options
 * JSON and misuse. Every handle is freed. */
#include "check.h"

#define BASE "https://openapi.geelark.com/open/v1/"
#define TS 1716972892166ULL
#define TRACE "db6094ab-3797-4186-84d5-b0b58eebad56"

static const char *const IDS[] = {"612345678901234567", "612345678901234568", "612345678901234569"};

static cloudphone_geelark_config *cfg;

#define BUILD(expr, path)                                                      \
  do {                                                                         \
    BUILD_REQUEST_AS((expr), "POST", BASE path);                               \
    CHECK_VIEW(request_header(req, "traceId"), TRACE);                         \
  } while (0)

static int body_is(const cloudphone_request *req, const char *want) {
  cloudphone_bytes b = cloudphone_request_body(req);
  if (b.len == strlen(want) && memcmp(b.ptr, want, b.len) == 0) return 1;
  fprintf(stderr, "body is %.*s\n want %s\n", (int)b.len, (const char *)b.ptr, want);
  return 0;
}

static void done(cloudphone_request *req, cloudphone_result *res) {
  cloudphone_result_free(res);
  cloudphone_request_free(req);
}

static void test_list_walk(void) {
  cloudphone_request *req, *next = NULL;
  cloudphone_result *res;
  cloudphone_error *err = NULL;
  int pages = 0;

  BUILD(cloudphone_geelark_list_phones_build(cfg, 1, 20, "{\"tags\": [\"sg\"], \"open_status\": true}", TS, TRACE,
                                            &req, err),
        "phone/list");
  CHECK(body_is(req, "{\"page\":1,\"pageSize\":20,\"tags\":[\"sg\"],\"openStatus\":1}"));
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "geelark/phone_list/sample_response.http",
                      CLOUDPHONE_STATUS_OK, &err);
  CHECK_VIEW(cloudphone_result_operation(res), "geelark.list_phones");
  CHECK_VIEW(cloudphone_result_request_id(res), "7C1D0E5A9B3F4A21A8D6E2F0B4C39A17");
  CHECK(cloudphone_result_total(res) == 2);
  CHECK(cloudphone_result_item_count(res) == 2);
  CHECK_VIEW(item_id(res, 0), "612345678901234567");
  CHECK_VIEW(cloudphone_result_item_status(res, 0), "running");
  CHECK_VIEW(cloudphone_result_field(res, "/records/0/serial_name"), "sg-tt-001");
  CHECK_STATUS(cloudphone_request_next(req, res, TS, TRACE, &next, &err), CLOUDPHONE_STATUS_OK, err);
  CHECK(next == NULL);
  done(req, res);

  /* A fleet of 5 in pages of 2: three requests, then done. */
  BUILD(cloudphone_geelark_list_phones_build(cfg, 1, 2, NULL, TS, TRACE, &req, err), "phone/list");
  while (req != NULL && pages < 10) {
    static const char *const BODIES[] = {
        "{\"code\":0,\"data\":{\"total\":5,\"items\":[{\"id\":\"1\",\"status\":0},{\"id\":\"2\",\"status\":2}]}}",
        "{\"code\":0,\"data\":{\"total\":5,\"items\":[{\"id\":\"3\",\"status\":0},{\"id\":\"4\",\"status\":1}]}}",
        "{\"code\":0,\"data\":{\"total\":5,\"items\":[{\"id\":\"5\",\"status\":3}]}}",
    };
    char want[64];
    snprintf(want, sizeof want, "{\"page\":%d,\"pageSize\":2}", pages + 1);
    CHECK(body_is(req, want));
    res = parse_text(cloudphone_request_parse, req, BODIES[pages < 3 ? pages : 2]);
    next = NULL;
    CHECK_STATUS(cloudphone_request_next(req, res, TS + 1, "trace-next", &next, &err),
                 CLOUDPHONE_STATUS_OK, err);
    if (next) CHECK_VIEW(request_header(next, "traceId"), "trace-next");
    done(req, res);
    req = next;
    pages++;
  }
  CHECK(pages == 3);

  /* Apps page the same way. */
  BUILD(cloudphone_geelark_list_apps_build(cfg, IDS[0], 1, 1, TS, TRACE, &req, err), "app/list");
  CHECK(body_is(req, "{\"envId\":\"612345678901234567\",\"page\":1,\"pageSize\":1}"));
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "geelark/app_list/sample_response.http",
                      CLOUDPHONE_STATUS_OK, &err);
  CHECK_VIEW(item_id(res, 0), "com.zhiliaoapp.musically");
  CHECK_VIEW(cloudphone_result_item_status(res, 0), "installed");
  CHECK_VIEW(cloudphone_result_field(res, "/apps/0/version_name"), "41.9.3");
  CHECK_STATUS(cloudphone_request_next(req, res, TS, TRACE, &next, &err), CLOUDPHONE_STATUS_OK, err);
  CHECK(next == NULL); /* total 1 */
  done(req, res);
}

static void test_lifecycle(void) {
  cloudphone_request *req;
  cloudphone_result *res;
  cloudphone_error *err = NULL;
  const cloudphone_item_failure *f;

  BUILD(cloudphone_geelark_start_phones_build(cfg, IDS, 3, "{\"width\": 360, \"center\": true}", TS, TRACE, &req,
                                             err),
        "phone/start");
  CHECK(body_is(req, "{\"ids\":[\"612345678901234567\",\"612345678901234568\",\"612345678901234569\"],\"width\":360,"
                     "\"center\":1}"));
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "geelark/phone_start/sample_response.http",
                      CLOUDPHONE_STATUS_OK, &err);
  CHECK(cloudphone_result_item_count(res) == 1);
  CHECK_VIEW(item_id(res, 0), "612345678901234567");
  CHECK_VIEW(cloudphone_result_field(res, "/started/0/url"), "https://speedup.geelark.com/phone-api?token=EXAMPLE");
  CHECK(cloudphone_result_failure_count(res) == 2);
  f = cloudphone_result_failure_at(res, 0);
  CHECK_VIEW(cloudphone_item_failure_code(f), "43004");
  done(req, res);

  BUILD(cloudphone_geelark_stop_phones_build(cfg, IDS, 2, TS, TRACE, &req, err), "phone/stop");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "geelark/phone_stop/sample_response.http",
                      CLOUDPHONE_STATUS_OK, &err);
  CHECK_VIEW(item_id(res, 0), "612345678901234567");
  CHECK_VIEW(cloudphone_result_item_status(res, 0), "stopped");
  CHECK(cloudphone_result_failure_count(res) == 1);
  done(req, res);

  BUILD(cloudphone_geelark_delete_phones_build(cfg, IDS, 1, TS, TRACE, &req, err), "phone/delete");
  CHECK(body_is(req, "{\"ids\":[\"612345678901234567\"]}"));
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "geelark/phone_delete/sample_response.http",
                      CLOUDPHONE_STATUS_OK, &err);
  CHECK(cloudphone_result_failure_count(res) == 2);
  done(req, res);
  /* A partial-failure envelope code is a result, not an error. */
  BUILD(cloudphone_geelark_delete_phones_build(cfg, IDS, 3, TS, TRACE, &req, err), "phone/delete");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "geelark/phone_delete/partial_40006_consistent.http",
                      CLOUDPHONE_STATUS_OK, &err);
  CHECK(cloudphone_result_code(res) == 40006);
  done(req, res);

  BUILD(cloudphone_geelark_update_phone_build(
            cfg, IDS[0],
            "{\"name\": \"n1\", \"tag_ids\": [\"607770000000000001\", \"607779999999999999\"], "
            "\"proxy_config\": {\"type\": \"socks5\", \"server\": \"proxy.example\", \"port\": 1080, "
            "\"username\": \"u\", \"password\": \"p\"}}",
            TS, TRACE, &req, err),
        "phone/detail/update");
  CHECK(body_is(req, "{\"id\":\"612345678901234567\",\"name\":\"n1\",\"tagIDs\":[\"607770000000000001\","
                     "\"607779999999999999\"],\"proxyConfig\":{\"typeId\":1,\"server\":\"proxy.example\",\"port\":1080,"
                     "\"username\":\"u\",\"password\":\"p\"}}"));
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "geelark/phone_update/sample_response.http",
                      CLOUDPHONE_STATUS_OK, &err);
  CHECK(cloudphone_result_item_count(res) == 1);
  CHECK_VIEW(item_id(res, 0), "607770000000000001");
  CHECK(cloudphone_result_failure_count(res) == 1);
  done(req, res);

  BUILD(cloudphone_geelark_create_phones_build(
            cfg, "Android 13",
            "[{\"profile_name\": \"sg-tt-010\", \"proxy_number\": 3, \"region\": \"sg\", \"tags\": [\"a\"]},"
            " {\"profile_name\": \"sg-tt-011\", \"proxy_url\": \"socks5://u:p@h:1\"}]",
            "{\"charge_mode\": 0}", TS, TRACE, &req, err),
        "phone/addNew");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "geelark/phone_create/sample_response.http",
                      CLOUDPHONE_STATUS_OK, &err);
  CHECK(cloudphone_result_item_count(res) == 1);
  CHECK_VIEW(item_id(res, 0), "612345678901234580");
  CHECK_VIEW(cloudphone_result_field(res, "/created/0/profile_name"), "sg-tt-010");
  CHECK(cloudphone_result_failure_count(res) == 1);
  CHECK_VIEW(cloudphone_item_failure_id(cloudphone_result_failure_at(res, 0)), "sg-tt-011");
  done(req, res);
}

static void test_tools(void) {
  cloudphone_request *req;
  cloudphone_result *res;
  cloudphone_error *err = NULL;
  const cloudphone_gps_position where[] = {{"612345678901234567", 1.2903, 103.8519},
                                           {"612345678901234568", -33.86, 151.21}};

  BUILD(cloudphone_geelark_take_screenshot_build(cfg, IDS[0], TS, TRACE, &req, err), "phone/screenShot");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "geelark/screenshot/sample_response.http",
                      CLOUDPHONE_STATUS_OK, &err);
  CHECK_VIEW(cloudphone_result_field(res, "/task_id"), "1901234567890123456");
  CHECK(cloudphone_result_item_count(res) == 0);
  done(req, res);

  BUILD(cloudphone_geelark_get_screenshot_result_build(cfg, "1901234567890123456", TS, TRACE, &req, err),
        "phone/screenShot/result");
  CHECK(body_is(req, "{\"taskId\":\"1901234567890123456\"}"));
  res = PARSE_FIXTURE(cloudphone_request_parse, req,
                      "geelark/screenshot_result/sample_response.http", CLOUDPHONE_STATUS_OK, &err);
  CHECK_VIEW(cloudphone_result_field(res, "/state"), "succeeded");
  CHECK(view_starts(cloudphone_result_field(res, "/download_link"), "https://example-bucket"));
  done(req, res);

  BUILD(cloudphone_geelark_set_gps_build(cfg, where, 2, TS, TRACE, &req, err), "phone/gps/set");
  CHECK(body_is(req, "{\"list\":[{\"id\":\"612345678901234567\",\"longitude\":103.8519,\"latitude\":1.2903},"
                     "{\"id\":\"612345678901234568\",\"longitude\":151.21,\"latitude\":-33.86}]}"));
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "geelark/gps_set/sample_response.http",
                      CLOUDPHONE_STATUS_OK, &err);
  CHECK(cloudphone_result_item_count(res) == 2);
  done(req, res);

  BUILD(cloudphone_geelark_get_gps_build(cfg, IDS, 1, TS, TRACE, &req, err), "phone/gps/get");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "geelark/gps_get/sample_response.http",
                      CLOUDPHONE_STATUS_OK, &err);
  CHECK_VIEW(item_id(res, 0), "612345678901234567");
  CHECK(view_starts(cloudphone_result_field(res, "/positions/0/latitude"), "1.29"));
  done(req, res);

  BUILD(cloudphone_geelark_set_adb_build(cfg, IDS, 2, true, TS, TRACE, &req, err), "adb/setStatus");
  CHECK(body_is(req, "{\"ids\":[\"612345678901234567\",\"612345678901234568\"],\"open\":true}"));
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "geelark/adb_set_status/sample_response.http",
                      CLOUDPHONE_STATUS_OK, &err);
  CHECK(cloudphone_result_item_count(res) == 2);
  done(req, res);

  BUILD(cloudphone_geelark_get_adb_data_build(cfg, IDS, 2, TS, TRACE, &req, err), "adb/getData");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "geelark/adb_get_data/sample_response.http",
                      CLOUDPHONE_STATUS_OK, &err);
  CHECK_VIEW(item_id(res, 0), "612345678901234567");
  CHECK_VIEW(cloudphone_result_field(res, "/connections/0/ip"), "198.51.100.140");
  CHECK_VIEW(cloudphone_result_field(res, "/connections/0/port"), "21457");
  CHECK_VIEW(cloudphone_result_field(res, "/connections/0/pwd"), "3f9a1c");
  CHECK(cloudphone_result_failure_count(res) == 1);
  done(req, res);
  /* The two-hour lock is an error with its own status. */
  BUILD(cloudphone_geelark_get_adb_data_build(cfg, IDS, 1, TS, TRACE, &req, err), "adb/getData");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "geelark/adb_get_data/envelope_40014_hourly_lock.http",
                      CLOUDPHONE_STATUS_LOCKOUT, &err);
  CHECK(res == NULL);
  cloudphone_error_free(err);
  err = NULL;
  done(req, res);

  BUILD(cloudphone_geelark_install_app_build(cfg, IDS[0], "1793552962140770001", TS, TRACE, &req, err),
        "app/install");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "geelark/app_install/sample_response.http",
                      CLOUDPHONE_STATUS_OK, &err);
  CHECK_VIEW(cloudphone_result_request_id(res), "4F4FABFBDDAC4CFAEAACCDEFABCEFADC");
  done(req, res);

  BUILD(cloudphone_geelark_uninstall_app_build(cfg, IDS[0], "com.zhiliaoapp.musically", TS, TRACE, &req, err),
        "app/uninstall");
  CHECK(body_is(req, "{\"envId\":\"612345678901234567\",\"packageName\":\"com.zhiliaoapp.musically\"}"));
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "geelark/app_uninstall/sample_response.http",
                      CLOUDPHONE_STATUS_OK, &err);
  CHECK(cloudphone_result_code(res) == 0);
  {
    cloudphone_string *json = NULL;
    CHECK_STATUS(cloudphone_result_to_json(res, &json, &err), CLOUDPHONE_STATUS_OK, err);
    CHECK(view_contains(cloudphone_string_view(json), "\"code\":0"));
    cloudphone_string_free(json);
  }
  done(req, res);
}

static void expect_invalid(cloudphone_status s, cloudphone_error *err, const char *needle, int line) {
  if (s != CLOUDPHONE_STATUS_INVALID_INPUT || !view_contains(cloudphone_error_message(err), needle)) {
    cloudphone_str m = cloudphone_error_message(err);
    fprintf(stderr, "%s:%d: want invalid input mentioning %s, got %s: %.*s\n", __FILE__, line, needle,
            cloudphone_status_name(s), m.ptr ? (int)m.len : 0, m.ptr ? m.ptr : "");
    check_failures++;
  }
  cloudphone_error_free(err);
}

#define EXPECT_INVALID(expr, needle)                                           \
  do {                                                                         \
    cloudphone_error *e_ = NULL;                                               \
    cloudphone_error **err = &e_;                                              \
    cloudphone_request *r_ = NULL;                                             \
    cloudphone_request **out = &r_;                                            \
    cloudphone_status s_ = (expr);                                             \
    expect_invalid(s_, e_, (needle), __LINE__);                                \
    CHECK(r_ == NULL);                                                         \
  } while (0)

static void test_misuse(void) {
  const cloudphone_gps_position bad[] = {{"x", 91.0, 0.0}};
  EXPECT_INVALID(cloudphone_geelark_list_phones_build(cfg, 0, 10, NULL, TS, TRACE, out, err), "page");
  EXPECT_INVALID(cloudphone_geelark_list_phones_build(cfg, 1, 10, "{\"tag\": []}", TS, TRACE, out, err), "tag");
  EXPECT_INVALID(cloudphone_geelark_start_phones_build(cfg, IDS, 1, "{\"width\": 10}", TS, TRACE, out, err), "width");
  EXPECT_INVALID(cloudphone_geelark_update_phone_build(cfg, IDS[0], NULL, TS, TRACE, out, err), "nothing to change");
  EXPECT_INVALID(cloudphone_geelark_update_phone_build(cfg, IDS[0], "{\"proxy_config\": {\"port\": 1}}", TS, TRACE,
                                                       out, err),
                 "proxy_config");
  EXPECT_INVALID(cloudphone_geelark_create_phones_build(cfg, "Android 13", "[{\"profile_name\": \"a\"}]", NULL, TS,
                                                       TRACE, out, err),
                 "exactly one of");
  EXPECT_INVALID(cloudphone_geelark_create_phones_build(cfg, "Android 13",
                                                       "[{\"profile_name\": \"a\", \"proxy_number\": 1},"
                                                       " {\"profile_name\": \"a\", \"proxy_number\": 2}]",
                                                       NULL, TS, TRACE, out, err),
                 "twice");
  EXPECT_INVALID(cloudphone_geelark_set_gps_build(cfg, bad, 1, TS, TRACE, out, err), "latitude");
  EXPECT_INVALID(cloudphone_geelark_list_apps_build(cfg, IDS[0], 1, 101, TS, TRACE, out, err), "page_size");
  EXPECT_INVALID(cloudphone_geelark_take_screenshot_build(cfg, "", TS, TRACE, out, err), "id");
  /* GeeLark needs a trace id. */
  {
    cloudphone_request *r = NULL;
    cloudphone_error *e = NULL;
    CHECK_STATUS(cloudphone_geelark_take_screenshot_build(cfg, IDS[0], TS, NULL, &r, &e), CLOUDPHONE_STATUS_NULL_ARGUMENT,
                 e);
    CHECK(r == NULL);
    cloudphone_error_free(e);
  }
}

int main(int argc, char **argv) {
  cloudphone_error *err = NULL;
  fixture_init(argc, argv);
  CHECK_STATUS(cloudphone_geelark_config_new_key(NULL, "app", "key", &cfg, &err), CLOUDPHONE_STATUS_OK, err);
  test_list_walk();
  test_lifecycle();
  test_tools();
  test_misuse();
  cloudphone_geelark_config_free(cfg);
  return check_report("geelark_fleet");
}
