/* GeeLark tasks, shell, phone restart and callbacks through the sans-IO C
 * API: build and parse (response fixtures) into the generic
 * cloudphone_result, the history and log walks through
 * cloudphone_request_next, and inbound callbacks read and verified with
 * cloudphone_geelark_callback_read. Every handle is freed. */
#include "check.h"

#define BASE "https://openapi.geelark.com/open/v1/"
#define TS 1716972892166ULL
#define TRACE "db6094ab-3797-4186-84d5-b0b58eebad56"

static const char *const TASKS[] = {"618880000000000001", "618880000000000002"};
static cloudphone_geelark_config *cfg;

#define BUILD(expr, path) BUILD_REQUEST_AS((expr), "POST", BASE path)

static void done(cloudphone_request *req, cloudphone_result *res) {
  cloudphone_result_free(res);
  cloudphone_request_free(req);
}

static void test_tasks(void) {
  cloudphone_request *req, *next = NULL;
  cloudphone_result *res;
  cloudphone_error *err = NULL;
  int64_t after[] = {1772366409554LL};

  BUILD(cloudphone_geelark_query_tasks_build(cfg, TASKS, 2, TS, TRACE, &req, err), "task/query");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "geelark/task_query/sample_response.http", CLOUDPHONE_STATUS_OK,
                      &err);
  CHECK(cloudphone_result_item_count(res) == 2 && cloudphone_result_total(res) == 2);
  CHECK_VIEW(cloudphone_result_item_status(res, 0), "completed");
  CHECK_VIEW(cloudphone_result_item_status(res, 1), "failed");
  CHECK_VIEW(cloudphone_result_field(res, "/tasks/1/fail_code"), "20002");
  done(req, res);

  /* History: a full page of 2 gives the next page after its last id. */
  BUILD(cloudphone_geelark_task_history_build(cfg, 2, NULL, NULL, 0, TS, TRACE, &req, err), "task/historyRecords");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "geelark/task_history/sample_response.http",
                      CLOUDPHONE_STATUS_OK, &err);
  CHECK(cloudphone_result_total(res) == 57);
  CHECK_STATUS(cloudphone_request_next(req, res, TS, TRACE, &next, &err), CLOUDPHONE_STATUS_OK, err);
  CHECK(next != NULL);
  if (next != NULL) {
    cloudphone_bytes b = cloudphone_request_body(next);
    CHECK(b.len > 0 && strstr((const char *)b.ptr, "\"lastId\":\"618880000000000002\"") != NULL);
  }
  cloudphone_request_free(next);
  next = NULL;
  done(req, res);

  /* Detail: logs continue after the cursor the answer gave. */
  BUILD(cloudphone_geelark_show_task_build(cfg, TASKS[0], NULL, 0, TS, TRACE, &req, err), "task/detail");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "geelark/task_detail/sample_response.http", CLOUDPHONE_STATUS_OK,
                      &err);
  CHECK_VIEW(cloudphone_result_field(res, "/logs/1"), "[2026-03-01 12:00:09 554] Start TikTok");
  CHECK_VIEW(cloudphone_result_field(res, "/log_continue"), "true");
  CHECK_STATUS(cloudphone_request_next(req, res, TS, TRACE, &next, &err), CLOUDPHONE_STATUS_OK, err);
  CHECK(next != NULL);
  cloudphone_request_free(next);
  next = NULL;
  done(req, res);
  BUILD(cloudphone_geelark_show_task_build(cfg, TASKS[0], after, 1, TS, TRACE, &req, err), "task/detail");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "geelark/task_detail/last_log_page.http", CLOUDPHONE_STATUS_OK,
                      &err);
  CHECK_STATUS(cloudphone_request_next(req, res, TS, TRACE, &next, &err), CLOUDPHONE_STATUS_OK, err);
  CHECK(next == NULL);
  done(req, res);

  /* Cancel and restart: per-task outcomes. */
  BUILD(cloudphone_geelark_cancel_tasks_build(cfg, TASKS, 2, TS, TRACE, &req, err), "task/cancel");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "geelark/task_cancel/sample_response.http", CLOUDPHONE_STATUS_OK,
                      &err);
  CHECK(cloudphone_result_item_count(res) == 1 && cloudphone_result_failure_count(res) == 1);
  done(req, res);
  BUILD(cloudphone_geelark_restart_tasks_build(cfg, TASKS, 1, TS, TRACE, &req, err), "task/restart");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "geelark/task_restart/sample_response.http",
                      CLOUDPHONE_STATUS_OK, &err);
  CHECK(cloudphone_result_failure_count(res) == 0);
  done(req, res);

  /* Refused: no ids, a history page of 101. */
  req = NULL;
  CHECK(cloudphone_geelark_query_tasks_build(cfg, NULL, 0, TS, TRACE, &req, NULL) == CLOUDPHONE_STATUS_INVALID_INPUT);
  CHECK(cloudphone_geelark_task_history_build(cfg, 101, NULL, NULL, 0, TS, TRACE, &req, NULL) ==
        CLOUDPHONE_STATUS_INVALID_INPUT);
  CHECK(req == NULL);
  CHECK(CLOUDPHONE_GEELARK_TASKS_MAX_IDS == 100);
}

static void test_shell_restart_callbacks(void) {
  cloudphone_request *req;
  cloudphone_result *res;
  cloudphone_error *err = NULL;

  BUILD(cloudphone_geelark_execute_shell_build(cfg, "612345678901234567", "pm list packages", TS, TRACE, &req, err),
        "shell/execute");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "geelark/shell_execute/sample_response.http",
                      CLOUDPHONE_STATUS_OK, &err);
  CHECK_VIEW(cloudphone_result_field(res, "/output"), "package:com.zhiliaoapp.musically");
  cloudphone_result_free(res);
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "geelark/shell_execute/error_50001.http", CLOUDPHONE_STATUS_API,
                      &err);
  CHECK_VIEW(cloudphone_error_provider_code(err), "50001");
  cloudphone_error_free(err);
  err = NULL;
  done(req, NULL);

  BUILD(cloudphone_geelark_restart_phone_build(cfg, "612345678901234567", TS, TRACE, &req, err), "phone/restart");
  {
    /* Spelled out once: what PARSE_FIXTURE does. */
    fixture f;
    res = NULL;
    fixture_load(&f, "geelark/phone_restart/not_running_43005.http");
    CHECK(cloudphone_request_parse(req, (uint16_t)f.status, f.headers, f.headers_len, f.body, f.body_len, &res,
                                   &err) == CLOUDPHONE_STATUS_API);
    CHECK_VIEW(cloudphone_error_provider_code(err), "43005");
    cloudphone_error_free(err);
    err = NULL;
    fixture_free(&f);
  }
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "geelark/phone_restart/sample_response.http",
                      CLOUDPHONE_STATUS_OK, &err);
  done(req, res);

  BUILD(cloudphone_geelark_set_callback_build(cfg, "https://hooks.example.com/geelark", TS, TRACE, &req, err),
        "callback/set");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "geelark/callback_set/sample_response.http",
                      CLOUDPHONE_STATUS_OK, &err);
  done(req, res);
  BUILD(cloudphone_geelark_get_callback_build(cfg, TS, TRACE, &req, err), "callback/get");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "geelark/callback_get/sample_response.http",
                      CLOUDPHONE_STATUS_OK, &err);
  CHECK_VIEW(cloudphone_result_field(res, "/url"), "https://hooks.example.com/geelark");
  done(req, res);
  req = NULL;
  CHECK(cloudphone_geelark_set_callback_build(cfg, "ftp://x", TS, TRACE, &req, NULL) ==
        CLOUDPHONE_STATUS_INVALID_INPUT);
  CHECK(req == NULL);
}

#define H(n, v) {n, sizeof n - 1, v, sizeof v - 1}

static void test_callback_read(void) {
  cloudphone_geelark_config *acct = NULL;
  cloudphone_result *res = NULL;
  cloudphone_error *err = NULL;
  const char *body = "{\"type\":6,\"taskId\":\"618880000000000001\",\"result\":true}";
  const cloudphone_response_header good[] = {
      H("appId", "eH6gQR4oHr3FsZpI36La01IW"), H("traceId", TRACE), H("ts", "1716972892166"),
      H("nonce", "db6094"), H("sign", "6280C080AF7C3CCE168F15C913E3444A00A618CB0E16038EED9811D6E3366BDD")};
  const cloudphone_response_header forged[] = {
      H("appId", "eH6gQR4oHr3FsZpI36La01IW"), H("traceId", TRACE), H("ts", "1716972892166"),
      H("nonce", "db6094"), H("sign", "0000C080AF7C3CCE168F15C913E3444A00A618CB0E16038EED9811D6E3366BDD")};
  CHECK_STATUS(cloudphone_geelark_config_new_key(NULL, "eH6gQR4oHr3FsZpI36La01IW", "YjmFIUuq0oJgSDJ42fxLEb6R1qjjqf",
                                                 &acct, &err),
               CLOUDPHONE_STATUS_OK, err);
  CHECK_STATUS(cloudphone_geelark_callback_read(acct, true, good, 5, (const uint8_t *)body, strlen(body),
                                                1716972900000ULL, &res, &err),
               CLOUDPHONE_STATUS_OK, err);
  CHECK_VIEW(cloudphone_result_field(res, "/kind"), "task_finished");
  CHECK_VIEW(cloudphone_result_field(res, "/task_id"), "618880000000000001");
  cloudphone_result_free(res);
  res = NULL;
  CHECK(cloudphone_geelark_callback_read(acct, true, forged, 5, (const uint8_t *)body, strlen(body),
                                         1716972900000ULL, &res, NULL) == CLOUDPHONE_STATUS_AUTH);
  CHECK(cloudphone_geelark_callback_read(acct, false, NULL, 0, (const uint8_t *)"{\"type\":99}", 11, 0, &res, NULL) ==
        CLOUDPHONE_STATUS_DECODE);
  CHECK(res == NULL);
  cloudphone_geelark_config_free(acct);
}

static void test_proxies_and_catalogues(void) {
  cloudphone_request *req, *next = NULL;
  cloudphone_result *res;
  cloudphone_error *err = NULL;
  static const char *const proxy_ids[] = {"601234567890123456", "601239999999999999"};

  BUILD(cloudphone_geelark_list_proxies_build(cfg, 1, 50, TS, TRACE, &req, err), "proxy/list");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "geelark/proxy_list/sample_response.http", CLOUDPHONE_STATUS_OK,
                      &err);
  CHECK(cloudphone_result_item_count(res) == 2 && cloudphone_result_total(res) == 2);
  CHECK_VIEW(cloudphone_result_field(res, "/proxies/0/serial_no"), "7");
  CHECK_STATUS(cloudphone_request_next(req, res, TS, TRACE, &next, &err), CLOUDPHONE_STATUS_OK, err);
  CHECK(next == NULL);
  done(req, res);

  BUILD(cloudphone_geelark_add_proxies_build(
            cfg,
            "[{\"scheme\":\"socks5\",\"server\":\"203.0.113.20\",\"port\":1080,\"username\":\"user10\","
            "\"password\":\"pass10\"},{\"scheme\":\"http\",\"server\":\"198.51.100.6\",\"port\":3128}]",
            TS, TRACE, &req, err),
        "proxy/add");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "geelark/proxy_add/sample_response.http", CLOUDPHONE_STATUS_OK,
                      &err);
  CHECK(cloudphone_result_item_count(res) == 1 && cloudphone_result_failure_count(res) == 1);
  CHECK_VIEW(cloudphone_result_field(res, "/added/0/index"), "1");
  done(req, res);

  BUILD(cloudphone_geelark_update_proxies_build(
            cfg, "[{\"id\":\"601234567890123457\",\"scheme\":\"http\",\"server\":\"198.51.100.5\",\"port\":3129}]", TS,
            TRACE, &req, err),
        "proxy/update");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "geelark/proxy_update/sample_response.http",
                      CLOUDPHONE_STATUS_OK, &err);
  done(req, res);

  BUILD(cloudphone_geelark_delete_proxies_build(cfg, proxy_ids, 2, TS, TRACE, &req, err), "proxy/delete");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "geelark/proxy_delete/sample_response.http",
                      CLOUDPHONE_STATUS_OK, &err);
  CHECK(cloudphone_result_failure_count(res) == 2);
  done(req, res);

  BUILD(cloudphone_geelark_check_proxy_build(cfg, "{\"scheme\":\"socks5\",\"server\":\"203.0.113.20\",\"port\":1080}",
                                             TS, TRACE, &req, err),
        "proxy/check");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "geelark/proxy_check/sample_response.http",
                      CLOUDPHONE_STATUS_OK, &err);
  CHECK_VIEW(cloudphone_result_field(res, "/check/detect_status"), "true");
  CHECK_VIEW(cloudphone_result_field(res, "/check/outbound_ip"), "198.51.100.77");
  done(req, res);

  BUILD(cloudphone_geelark_list_installable_apps_build(cfg, "612345678901234567", "tiktok", 1, 10, TS, TRACE, &req,
                                                       err),
        "app/installable/list");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "geelark/app_installable_list/sample_response.http",
                      CLOUDPHONE_STATUS_OK, &err);
  CHECK_VIEW(cloudphone_result_field(res, "/apps/0/versions/0/id"), "1793552962140770001");
  done(req, res);
  BUILD(cloudphone_geelark_list_shop_apps_build(cfg, NULL, 1, 50, TS, TRACE, &req, err), "app/shop/list");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "geelark/app_shop_list/sample_response.http",
                      CLOUDPHONE_STATUS_OK, &err);
  CHECK(cloudphone_result_item_count(res) == 1);
  done(req, res);

  /* Refused: a misspelt proxy field, an update without an id, a bad scheme, a shop page of 201. */
  req = NULL;
  CHECK(cloudphone_geelark_add_proxies_build(cfg, "[{\"scheme\":\"http\",\"server\":\"h\",\"port\":1,\"pasword\":\"x\"}]",
                                             TS, TRACE, &req, NULL) == CLOUDPHONE_STATUS_INVALID_INPUT);
  CHECK(cloudphone_geelark_update_proxies_build(cfg, "[{\"scheme\":\"http\",\"server\":\"h\",\"port\":1}]", TS, TRACE,
                                                &req, NULL) == CLOUDPHONE_STATUS_INVALID_INPUT);
  CHECK(cloudphone_geelark_check_proxy_build(cfg, "{\"scheme\":\"ftp\",\"server\":\"h\",\"port\":1}", TS, TRACE, &req,
                                             NULL) == CLOUDPHONE_STATUS_INVALID_INPUT);
  CHECK(cloudphone_geelark_list_shop_apps_build(cfg, NULL, 1, 201, TS, TRACE, &req, NULL) ==
        CLOUDPHONE_STATUS_INVALID_INPUT);
  CHECK(req == NULL);
  CHECK(CLOUDPHONE_GEELARK_PROXIES_MAX == 100);
}

static void test_rpa_task(void) {
  cloudphone_request *req;
  cloudphone_result *res;
  cloudphone_error *err = NULL;
  BUILD(cloudphone_geelark_create_rpa_task_build(cfg, "tiktokLogin", "612345678901234567", 1772366400,
                                                 "login-sg-tt-001", "",
                                                 "{\"account\":\"runner.sg@example.com\",\"password\":\"pw\"}", TS,
                                                 TRACE, &req, err),
        "rpa/task/tiktokLogin");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "geelark/rpa_task/sample_response.http", CLOUDPHONE_STATUS_OK,
                      &err);
  CHECK_VIEW(cloudphone_result_field(res, "/task_id"), "618880000000000004");
  done(req, res);
  /* Refused: an unknown creator, an unknown parameter (named), a missing required one. */
  req = NULL;
  CHECK(cloudphone_geelark_create_rpa_task_build(cfg, "tiktokLogn", "1", 0, NULL, NULL, NULL, TS, TRACE, &req, NULL) ==
        CLOUDPHONE_STATUS_INVALID_INPUT);
  CHECK(cloudphone_geelark_create_rpa_task_build(cfg, "tiktokRandomStar", "1", 0, NULL, NULL, "{\"likeProb\":3}", TS,
                                                 TRACE, &req, &err) == CLOUDPHONE_STATUS_INVALID_INPUT);
  CHECK(view_contains(cloudphone_error_message(err), "likeProb"));
  cloudphone_error_free(err);
  err = NULL;
  CHECK(cloudphone_geelark_create_rpa_task_build(cfg, "tiktokLogin", "1", 0, NULL, NULL, NULL, TS, TRACE, &req,
                                                 NULL) == CLOUDPHONE_STATUS_INVALID_INPUT);
  CHECK(req == NULL);
}

static void test_plans_and_flows(void) {
  cloudphone_request *req;
  cloudphone_result *res;
  cloudphone_error *err = NULL;
  BUILD(cloudphone_geelark_add_tasks_build(
            cfg, 1,
            "[{\"scheduleAt\":1772366400,\"envId\":\"612345678901234567\","
            "\"video\":\"https://material.example.com/a.mp4\",\"maxTryTimes\":1}]",
            "sg-video-drop-1", NULL, TS, TRACE, &req, err),
        "task/add");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "geelark/task_add/sample_response.http", CLOUDPHONE_STATUS_OK,
                      &err);
  CHECK(cloudphone_result_item_count(res) == 1);
  done(req, res);
  BUILD(cloudphone_geelark_list_flows_build(cfg, 1, 10, TS, TRACE, &req, err), "task/flow/list");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "geelark/task_flow_list/sample_response.http",
                      CLOUDPHONE_STATUS_OK, &err);
  CHECK_VIEW(cloudphone_result_field(res, "/flows/0/params/2"), "Video");
  done(req, res);
  BUILD(cloudphone_geelark_create_flow_task_build(cfg, "612345678901234567", "562316072435340001", 1772366400,
                                                  "custom-post-1", NULL, "{\"Title\":\"Hello\"}", TS, TRACE, &req,
                                                  err),
        "task/rpa/add");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "geelark/task_rpa_add/sample_response.http",
                      CLOUDPHONE_STATUS_OK, &err);
  CHECK_VIEW(cloudphone_result_field(res, "/task_id"), "618880000000000003");
  done(req, res);
  req = NULL;
  CHECK(cloudphone_geelark_add_tasks_build(cfg, 4, "[]", NULL, NULL, TS, TRACE, &req, NULL) ==
        CLOUDPHONE_STATUS_INVALID_INPUT);
  CHECK(cloudphone_geelark_add_tasks_build(cfg, 1, "[{\"envId\":\"1\",\"vidoe\":\"https://a\"}]", NULL, NULL, TS,
                                           TRACE, &req, NULL) == CLOUDPHONE_STATUS_INVALID_INPUT);
  CHECK(req == NULL);
}

int main(int argc, char **argv) {
  cloudphone_error *err = NULL;
  fixture_init(argc, argv);
  CHECK_STATUS(cloudphone_geelark_config_new_key(NULL, "app", "key", &cfg, &err), CLOUDPHONE_STATUS_OK, err);
  test_tasks();
  test_shell_restart_callbacks();
  test_callback_read();
  test_proxies_and_catalogues();
  test_rpa_task();
  test_plans_and_flows();
  cloudphone_geelark_config_free(cfg);
  return check_report("geelark_tasks");
}
