/* Huawei CPH fleet operations through the sans-IO C API: build and parse
 * (response fixtures) of phones, servers, lifecycle, jobs and ADB into the
 * generic cloudphone_result; a paging walk; the job watch; options JSON and
 * misuse. Every handle is freed. */
#include "check.h"

#define PROJECT "0a1b2c3d4e5f60718293a4b5c6d7e8f9"
#define BASE "https://cph.cn-north-4.myhuaweicloud.com/v1/" PROJECT "/cloud-phone/"
#define NOW_MS 1700000000000ULL

static const char *const PHONES[] = {"p1", "p2", "p3"};
static const char *const SERVERS[] = {"c1"};

static cloudphone_huawei_config *cfg;

/* Builds with `expr` (which writes `&req`) and checks the method and URL. */
#define BUILD(expr, method, url) BUILD_REQUEST_AS((expr), (method), (url))

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

static void test_phones(void) {
  cloudphone_request *req, *next = NULL;
  cloudphone_result *res;
  cloudphone_error *err = NULL;

  /* A paging walk: page 2 of 3 (offset 2, fixture), then the last. */
  BUILD(cloudphone_huawei_list_phones_build(cfg, 2, 2, "{\"status\": 2, \"phone_name\": \"phone\"}", NOW_MS,
                                            NULL, &req, err),
        "GET", BASE "phones?limit=2&offset=2&phone_name=phone&status=2");
  CHECK(cloudphone_request_is_idempotent(req));
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "huawei/list_phones/page_two_of_three.http",
                      CLOUDPHONE_STATUS_OK, &err);
  CHECK_VIEW(cloudphone_result_operation(res), "huawei.list_phones");
  CHECK_VIEW(cloudphone_result_request_id(res), "a1");
  CHECK(cloudphone_result_total(res) == 5);
  CHECK(cloudphone_result_code(res) == 0);
  CHECK(cloudphone_result_item_count(res) == 2);
  CHECK(cloudphone_result_item_ids(res).len == 2);
  CHECK_VIEW(item_id(res, 0), "00000000000000000000000000000003");
  CHECK_VIEW(cloudphone_result_item_status(res, 0), "running");
  CHECK(view_absent(cloudphone_result_item_job_id(res, 0)));
  CHECK(view_absent(cloudphone_result_item_status(res, 2)));
  CHECK_VIEW(cloudphone_result_field(res, "/records/1/phone_name"), "phone-004");
  CHECK_VIEW(cloudphone_result_field(res, "/records/1/phone_name"), "phone-004"); /* cached */
  CHECK_VIEW(cloudphone_result_field(res, "/total"), "5");
  CHECK(view_absent(cloudphone_result_field(res, "/no/such/field")));
  CHECK(view_absent(cloudphone_result_field(res, NULL)));
  CHECK_STATUS(cloudphone_request_next(req, res, NOW_MS, NULL, &next, &err), CLOUDPHONE_STATUS_OK,
               err);
  CHECK(next != NULL);
  CHECK_VIEW(cloudphone_request_url(next), BASE "phones?limit=2&offset=4&phone_name=phone&status=2");
  done(req, res);
  req = next;
  next = NULL;
  res = parse_text(cloudphone_request_parse, req,
                   "{\"request_id\":\"a2\",\"count\":5,\"phones\":[{\"phone_id\":\"p5\",\"status\":8}]}");
  CHECK_VIEW(cloudphone_result_item_status(res, 0), "stopped");
  next = (cloudphone_request *)&next; /* must be overwritten with NULL */
  CHECK_STATUS(cloudphone_request_next(req, res, NOW_MS, NULL, &next, &err), CLOUDPHONE_STATUS_OK,
               err);
  CHECK(next == NULL);
  done(req, res);

  BUILD(cloudphone_huawei_show_phone_build(cfg, "00000000000000000000000000000001", NOW_MS, NULL, &req, err), "GET",
        BASE "phones/00000000000000000000000000000001");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "huawei/show_phone/detail_with_ports.http",
                      CLOUDPHONE_STATUS_OK, &err);
  CHECK(cloudphone_result_item_count(res) == 1);
  CHECK_VIEW(cloudphone_result_item_status(res, 0), "running");
  CHECK_VIEW(cloudphone_result_field(res, "/access_infos/0/type"), "adb");
  CHECK_VIEW(cloudphone_result_field(res, "/access_infos/0/listen_port"), "5555");
  done(req, res);
  /* A provider error. */
  BUILD(cloudphone_huawei_show_phone_build(cfg, "x", NOW_MS, NULL, &req, err), "GET", BASE "phones/x");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "huawei/show_phone/error_404_cps_0005.http",
                      CLOUDPHONE_STATUS_API, &err);
  CHECK(res == NULL);
  CHECK_VIEW(cloudphone_error_provider_code(err), "CPS.0005");
  cloudphone_error_free(err);
  err = NULL;
  done(req, NULL);

  BUILD(cloudphone_huawei_rename_phone_build(cfg, "p1", "new-name", NOW_MS, NULL, &req, err), "PUT",
        BASE "phones/p1");
  CHECK(body_is(req, "{\"phone_name\":\"new-name\"}"));
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "huawei/rename_phone/ok.http", CLOUDPHONE_STATUS_OK,
                      &err);
  CHECK_VIEW(cloudphone_result_request_id(res), "c1");
  CHECK(cloudphone_result_item_count(res) == 0);
  done(req, res);
}

static void test_servers(void) {
  cloudphone_request *req, *next = NULL;
  cloudphone_result *res;
  cloudphone_error *err = NULL;

  BUILD(cloudphone_huawei_list_servers_build(cfg, 0, 100, "{\"server_name\": \"server\", \"status\": 5}", NOW_MS,
                                             NULL, &req, err),
        "GET", BASE "servers?limit=100&offset=0&server_name=server&status=5");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "huawei/list_servers/one_page.http",
                      CLOUDPHONE_STATUS_OK, &err);
  CHECK(cloudphone_result_total(res) == 1);
  CHECK_VIEW(item_id(res, 0), "c1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6");
  CHECK_VIEW(cloudphone_result_field(res, "/servers/0/addresses/0/public_ip"), "203.0.113.9");
  CHECK_STATUS(cloudphone_request_next(req, res, NOW_MS, NULL, &next, &err), CLOUDPHONE_STATUS_OK,
               err);
  CHECK(next == NULL);
  done(req, res);

  /* Phone flavors: a listing with a status filter. */
  BUILD(cloudphone_huawei_list_phone_models_build(cfg, 1, 0, 2, NOW_MS, NULL, &req, err), "GET",
        BASE "phone-models?limit=2&offset=0&status=1");
  {
    /* Spelled out once: what PARSE_FIXTURE does. */
    fixture f;
    res = NULL;
    fixture_load(&f, "huawei/list_phone_models/two_flavors.http");
    CHECK_STATUS(cloudphone_request_parse(req, (uint16_t)f.status, f.headers, f.headers_len, f.body, f.body_len,
                                          &res, &err),
                 CLOUDPHONE_STATUS_OK, err);
    fixture_free(&f);
  }
  CHECK_VIEW(cloudphone_result_operation(res), "huawei.list_phone_models");
  CHECK_VIEW(cloudphone_result_request_id(res), "pm1");
  CHECK(cloudphone_result_item_count(res) == 2);
  CHECK_VIEW(item_id(res, 0), "rx1.cp.c15.d46.e1v1");
  CHECK_VIEW(cloudphone_result_field(res, "/phone_models/0/cpu"), "2");
  CHECK_VIEW(cloudphone_result_field(res, "/phone_models/0/server_model_name"), "physical.rx1.xlarge");
  /* A full page: the next one starts at offset 2. */
  CHECK_STATUS(cloudphone_request_next(req, res, NOW_MS, NULL, &next, &err), CLOUDPHONE_STATUS_OK, err);
  CHECK(next != NULL);
  CHECK(view_contains(cloudphone_request_url(next), "offset=2"));
  done(req, res);
  req = next;
  next = NULL;
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "huawei/list_phone_models/empty.http", CLOUDPHONE_STATUS_OK,
                      &err);
  CHECK(cloudphone_result_item_count(res) == 0);
  CHECK_STATUS(cloudphone_request_next(req, res, NOW_MS, NULL, &next, &err), CLOUDPHONE_STATUS_OK, err);
  CHECK(next == NULL);
  done(req, res);

  BUILD(cloudphone_huawei_show_server_build(cfg, "c1b2", NOW_MS, NULL, &req, err), "GET", BASE "servers/c1b2");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "huawei/show_server/detail.http",
                      CLOUDPHONE_STATUS_OK, &err);
  CHECK_VIEW(cloudphone_result_request_id(res), "e1");
  CHECK_VIEW(item_id(res, 0), "c1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6");
  done(req, res);

  BUILD(cloudphone_huawei_list_encode_servers_build(cfg, 0, 1, "{\"type\": 1}", NOW_MS, NULL, &req, err), "GET",
        BASE "encode-servers?limit=1&offset=0&type=1");
  res = PARSE_FIXTURE(cloudphone_request_parse, req,
                      "huawei/list_encode_servers/containers.http", CLOUDPHONE_STATUS_OK, &err);
  CHECK_VIEW(item_id(res, 0), "e1");
  CHECK_VIEW(cloudphone_result_field(res, "/encode_servers/0/access_infos/1/access_port"), "30001");
  /* A full page without a total asks for the next one. */
  CHECK_STATUS(cloudphone_request_next(req, res, NOW_MS, NULL, &next, &err),
               CLOUDPHONE_STATUS_OK, err);
  CHECK_VIEW(cloudphone_request_url(next), BASE "encode-servers?limit=1&offset=1&type=1");
  cloudphone_request_free(next);
  done(req, res);
}

static void test_lifecycle(void) {
  cloudphone_request *req;
  cloudphone_result *res;
  cloudphone_error *err = NULL;
  const cloudphone_item_failure *f;

  BUILD(cloudphone_huawei_restart_phones_build(cfg, PHONES, 3, NULL, NOW_MS, NULL, &req, err), "POST",
        BASE "phones/batch-restart");
  CHECK(!cloudphone_request_is_idempotent(req));
  CHECK(body_is(req, "{\"phones\":[{\"phone_id\":\"p1\"},{\"phone_id\":\"p2\"},{\"phone_id\":\"p3\"}]}"));
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "huawei/restart_phones/partial.http",
                      CLOUDPHONE_STATUS_OK, &err);
  CHECK_VIEW(cloudphone_result_request_id(res), "g1");
  CHECK(cloudphone_result_item_count(res) == 2);
  CHECK_VIEW(item_id(res, 1), "p2");
  CHECK_VIEW(cloudphone_result_item_job_id(res, 0), "j1");
  CHECK_VIEW(cloudphone_result_item_job_id(res, 1), "j2");
  CHECK(view_absent(cloudphone_result_item_status(res, 0)));
  CHECK(cloudphone_result_failure_count(res) == 1);
  f = cloudphone_result_failure_at(res, 0);
  CHECK_VIEW(cloudphone_item_failure_id(f), "p3");
  CHECK_VIEW(cloudphone_item_failure_code(f), "CPS.0005");
  CHECK(cloudphone_item_failure_status(f) == CLOUDPHONE_STATUS_API);
  CHECK(cloudphone_result_failure_at(res, 1) == NULL);
  done(req, res);

  BUILD(cloudphone_huawei_reset_phones_build(cfg, PHONES, 1,
                                             "{\"image_id\": \"img1\", \"property\": {\"k\": 1}, "
                                             "\"factory_reset\": true}",
                                             NOW_MS, NULL, &req, err),
        "POST", BASE "phones/batch-reset");
  CHECK(body_is(req, "{\"image_id\":\"img1\",\"phones\":[{\"phone_id\":\"p1\",\"property\":\"{\\\"k\\\":\\\"1\\\"}\","
                     "\"factory_reset_enabled\":true}]}"));
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "huawei/stop_phones/all_started.http",
                      CLOUDPHONE_STATUS_OK, &err);
  CHECK(cloudphone_result_item_count(res) == 2);
  done(req, res);

  BUILD(cloudphone_huawei_stop_phones_build(cfg, PHONES, 2, NOW_MS, NULL, &req, err), "POST",
        BASE "phones/batch-stop");
  CHECK(body_is(req, "{\"phone_ids\":[\"p1\",\"p2\"]}"));
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "huawei/stop_phones/all_started.http",
                      CLOUDPHONE_STATUS_OK, &err);
  CHECK_VIEW(cloudphone_result_request_id(res), "h1");
  CHECK(cloudphone_result_failure_count(res) == 0);
  done(req, res);

  BUILD(cloudphone_huawei_update_properties_build(cfg, PHONES, 2, "{\"a\": \"1\"}", "{\"c\": \"d\"}", NOW_MS, NULL,
                                                  &req, err),
        "POST", BASE "phones/batch-update-property");
  CHECK(body_is(req, "{\"phones\":[{\"phone_id\":\"p1\",\"property\":\"{\\\"a\\\":\\\"1\\\"}\",\"custom_property\":{"
                     "\"c\":\"d\"}},{\"phone_id\":\"p2\",\"property\":\"{\\\"a\\\":\\\"1\\\"}\",\"custom_property\":{"
                     "\"c\":\"d\"}}]}"));
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "huawei/restart_phones/error_500.http",
                      CLOUDPHONE_STATUS_API, &err);
  CHECK(res == NULL);
  cloudphone_error_free(err);
  err = NULL;
  done(req, NULL);
}

static void test_jobs_and_adb(void) {
  cloudphone_request *req;
  cloudphone_result *res;
  cloudphone_error *err = NULL;
  const char *const request_ids[] = {"r1", "r2"};

  BUILD(cloudphone_huawei_show_job_build(cfg, "j1", NOW_MS, NULL, &req, err), "GET", BASE "jobs/j1");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "huawei/show_job/succeeded.http", CLOUDPHONE_STATUS_OK,
                      &err);
  CHECK_VIEW(item_id(res, 0), "p1");
  CHECK_VIEW(cloudphone_result_item_status(res, 0), "succeeded");
  CHECK_VIEW(cloudphone_result_item_job_id(res, 0), "j1");
  CHECK_VIEW(cloudphone_result_field(res, "/execute_msg"), "Success");
  done(req, res);
  BUILD(cloudphone_huawei_show_job_build(cfg, "j9", NOW_MS, NULL, &req, err), "GET", BASE "jobs/j9");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "huawei/show_job/error_404_cps_0011.http",
                      CLOUDPHONE_STATUS_API, &err);
  CHECK_VIEW(cloudphone_error_provider_code(err), "CPS.0011");
  CHECK_VIEW(cloudphone_error_request_id(err), "l4");
  cloudphone_error_free(err);
  err = NULL;
  done(req, res);

  BUILD(cloudphone_huawei_list_jobs_build(cfg, request_ids, 2, 0, 100, NOW_MS, NULL, &req, err), "GET",
        BASE "jobs?limit=100&offset=0&request_ids=r1%2Cr2");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "huawei/list_jobs/mixed.http", CLOUDPHONE_STATUS_OK,
                      &err);
  CHECK(cloudphone_result_item_count(res) == 3);
  CHECK_VIEW(cloudphone_result_item_status(res, 0), "succeeded");
  CHECK_VIEW(cloudphone_result_item_status(res, 1), "running");
  CHECK_VIEW(cloudphone_result_item_status(res, 2), "failed");
  CHECK_VIEW(cloudphone_result_item_job_id(res, 2), "j3");
  {
    cloudphone_request *next = NULL;
    CHECK_STATUS(cloudphone_request_next(req, res, NOW_MS, NULL, &next, &err), CLOUDPHONE_STATUS_OK,
                 err);
    CHECK(next == NULL); /* a short page without a total is the last */
  }
  done(req, res);

  BUILD(cloudphone_huawei_run_command_build(cfg, "install", "obs://bucket/app.apk", NULL, 0, SERVERS, 1, NOW_MS, NULL,
                                            &req, err),
        "POST", BASE "phones/commands");
  CHECK(body_is(req, "{\"command\":\"install\",\"content\":\"obs://bucket/app.apk\",\"server_ids\":[\"c1\"]}"));
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "huawei/run_command/by_server.http",
                      CLOUDPHONE_STATUS_OK, &err);
  CHECK(cloudphone_result_item_count(res) == 2);
  CHECK(cloudphone_result_failure_count(res) == 1);
  done(req, res);
  BUILD(cloudphone_huawei_run_command_build(cfg, "install-multiple", "obs://b/a.apk  obs://b/b.apk", PHONES, 1, NULL,
                                            0, NOW_MS, NULL, &req, err),
        "POST", BASE "phones/commands");
  CHECK(body_is(req, "{\"command\":\"install-multiple\",\"content\":\"obs://b/a.apk obs://b/b.apk\",\"phone_ids\":["
                     "\"p1\"]}"));
  done(req, NULL);

  BUILD(cloudphone_huawei_run_sync_shell_build(cfg, "ls /data", PHONES, 3, NULL, 0, NOW_MS, NULL, &req, err), "POST",
        BASE "phones/sync-commands");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "huawei/run_sync_shell/outputs.http",
                      CLOUDPHONE_STATUS_OK, &err);
  CHECK(cloudphone_result_item_count(res) == 2);
  CHECK_VIEW(cloudphone_result_item_status(res, 0), "succeeded");
  CHECK_VIEW(cloudphone_result_field(res, "/outputs/0/output"), "total 0\ndrwxr-xr-x 2 root root 40 app\n");
  CHECK(cloudphone_result_failure_count(res) == 2);
  {
    cloudphone_string *json = NULL;
    CHECK_STATUS(cloudphone_result_to_json(res, &json, &err), CLOUDPHONE_STATUS_OK, err);
    CHECK(view_contains(cloudphone_string_view(json), "\"request_id\":\"k1\""));
    cloudphone_string_free(json);
  }
  done(req, res);
}

static void test_job_watch(void) {
  cloudphone_huawei_job_watch *watch = NULL;
  cloudphone_request *req = NULL;
  cloudphone_result *res;
  cloudphone_error *err = NULL;
  cloudphone_job_watch_state state;
  uint64_t wait = 7;

  CHECK_STATUS(cloudphone_huawei_job_watch_new("g1", 1000, 500, 10000, &watch, &err), CLOUDPHONE_STATUS_OK, err);
  /* At once: poll. */
  CHECK_STATUS(cloudphone_huawei_job_watch_step(watch, cfg, 1000, NULL, &state, &wait, &req, &err),
               CLOUDPHONE_STATUS_OK, err);
  CHECK(state == CLOUDPHONE_JOB_WATCH_STATE_POLL && wait == 0 && req != NULL);
  CHECK_VIEW(cloudphone_request_url(req), BASE "jobs?limit=100&offset=0&request_id=g1");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "huawei/list_jobs/mixed.http", CLOUDPHONE_STATUS_OK,
                      &err);
  CHECK_STATUS(cloudphone_huawei_job_watch_observe(watch, res, 1000, &err), CLOUDPHONE_STATUS_OK, err);
  done(req, res);
  /* One job still runs: wait out the interval. */
  CHECK_STATUS(cloudphone_huawei_job_watch_step(watch, cfg, 1200, NULL, &state, &wait, &req, &err),
               CLOUDPHONE_STATUS_OK, err);
  CHECK(state == CLOUDPHONE_JOB_WATCH_STATE_WAIT && wait == 300 && req == NULL);
  CHECK_STATUS(cloudphone_huawei_job_watch_step(watch, cfg, 1500, NULL, &state, &wait, &req, &err),
               CLOUDPHONE_STATUS_OK, err);
  CHECK(state == CLOUDPHONE_JOB_WATCH_STATE_POLL && req != NULL);
  res = parse_text(cloudphone_request_parse, req,
                   "{\"jobs\":[{\"phone_id\":\"p1\",\"job_id\":\"j1\",\"status\":2},"
                   "{\"phone_id\":\"p2\",\"job_id\":\"j2\",\"status\":-1}]}");
  CHECK_STATUS(cloudphone_huawei_job_watch_observe(watch, res, 1500, &err), CLOUDPHONE_STATUS_OK, err);
  done(req, res);
  CHECK_STATUS(cloudphone_huawei_job_watch_step(watch, cfg, 1600, NULL, &state, &wait, &req, &err),
               CLOUDPHONE_STATUS_OK, err);
  CHECK(state == CLOUDPHONE_JOB_WATCH_STATE_FINISHED && req == NULL);
  cloudphone_huawei_job_watch_free(watch);

  /* Past the deadline without an answer: timed out. */
  watch = NULL;
  CHECK_STATUS(cloudphone_huawei_job_watch_new("g2", 0, 1000, 5000, &watch, &err), CLOUDPHONE_STATUS_OK, err);
  CHECK_STATUS(cloudphone_huawei_job_watch_step(watch, cfg, 5000, NULL, &state, &wait, &req, &err),
               CLOUDPHONE_STATUS_OK, err);
  CHECK(state == CLOUDPHONE_JOB_WATCH_STATE_TIMED_OUT && req == NULL);
  cloudphone_huawei_job_watch_free(watch);
}

static void test_misuse(void) {
  cloudphone_request *req = NULL, *other = NULL, *next = NULL;
  cloudphone_result *jobs = NULL;
  cloudphone_error *err = NULL;
  cloudphone_huawei_job_watch *watch = NULL;

  /* Options: unknown keys and wrong types are refused. */
  CHECK_STATUS(cloudphone_huawei_list_phones_build(cfg, 0, 10, "{\"colour\": 1}", NOW_MS, NULL, &req, &err),
               CLOUDPHONE_STATUS_INVALID_INPUT, err);
  CHECK(req == NULL && view_contains(cloudphone_error_message(err), "colour"));
  cloudphone_error_free(err);
  err = NULL;
  CHECK_STATUS(cloudphone_huawei_list_servers_build(cfg, 0, 10, "{\"colour\": \"x\"}", NOW_MS, NULL, &req, &err),
               CLOUDPHONE_STATUS_INVALID_INPUT, err);
  cloudphone_error_free(err);
  err = NULL;
  CHECK_STATUS(cloudphone_huawei_restart_phones_build(cfg, PHONES, 1, "[1]", NOW_MS, NULL, &req, &err),
               CLOUDPHONE_STATUS_INVALID_INPUT, err);
  cloudphone_error_free(err);
  err = NULL;
  CHECK_STATUS(cloudphone_huawei_list_phones_build(cfg, 0, 201, NULL, NOW_MS, NULL, &req, &err),
               CLOUDPHONE_STATUS_INVALID_INPUT, err);
  cloudphone_error_free(err);
  err = NULL;
  /* Targets: phones or servers, not both, not neither. */
  CHECK_STATUS(cloudphone_huawei_run_sync_shell_build(cfg, "ls", PHONES, 1, SERVERS, 1, NOW_MS, NULL, &req, &err),
               CLOUDPHONE_STATUS_INVALID_INPUT, err);
  cloudphone_error_free(err);
  err = NULL;
  CHECK_STATUS(cloudphone_huawei_run_command_build(cfg, "reboot", "x", PHONES, 1, NULL, 0, NOW_MS, NULL, &req, &err),
               CLOUDPHONE_STATUS_INVALID_INPUT, err);
  cloudphone_error_free(err);
  err = NULL;
  /* An id that would change the path. */
  CHECK_STATUS(cloudphone_huawei_show_phone_build(cfg, "../x", NOW_MS, NULL, &req, &err),
               CLOUDPHONE_STATUS_INVALID_INPUT, err);
  cloudphone_error_free(err);
  err = NULL;

  /* Paging with another operation's result; paging a request that does
   * not page. (The request picks the parser, so a response can no longer
   * be parsed by the wrong operation.) */
  CHECK_STATUS(cloudphone_huawei_list_phones_build(cfg, 0, 10, NULL, NOW_MS, NULL, &req, &err), CLOUDPHONE_STATUS_OK,
               err);
  CHECK_STATUS(cloudphone_huawei_show_job_build(cfg, "j1", NOW_MS, NULL, &other, &err), CLOUDPHONE_STATUS_OK, err);
  CHECK(cloudphone_request_pages(req));
  CHECK(!cloudphone_request_pages(other));
  jobs = PARSE_FIXTURE(cloudphone_request_parse, other, "huawei/show_job/succeeded.http",
                       CLOUDPHONE_STATUS_OK, &err);
  CHECK_STATUS(cloudphone_request_next(req, jobs, NOW_MS, NULL, &next, &err),
               CLOUDPHONE_STATUS_INVALID_INPUT, err);
  CHECK(next == NULL);
  cloudphone_error_free(err);
  err = NULL;
  CHECK_STATUS(cloudphone_request_next(other, jobs, NOW_MS, NULL, &next, &err),
               CLOUDPHONE_STATUS_INVALID_INPUT, err);
  cloudphone_error_free(err);
  err = NULL;
  CHECK_STATUS(cloudphone_huawei_job_watch_new("g1", 0, 1, 1, &watch, &err), CLOUDPHONE_STATUS_OK, err);
  CHECK_STATUS(cloudphone_huawei_job_watch_observe(watch, jobs, 0, &err), CLOUDPHONE_STATUS_INVALID_INPUT, err);
  cloudphone_error_free(err);
  err = NULL;
  cloudphone_huawei_job_watch_free(watch);
  cloudphone_result_free(jobs);
  cloudphone_request_free(other);
  cloudphone_request_free(req);
}

int main(int argc, char **argv) {
  cloudphone_error *err = NULL;
  fixture_init(argc, argv);
  CHECK_STATUS(cloudphone_huawei_config_new_aksk("cn-north-4", PROJECT, "AK", "SK", NULL, &cfg, &err),
               CLOUDPHONE_STATUS_OK, err);
  test_phones();
  test_servers();
  test_lifecycle();
  test_jobs_and_adb();
  test_job_watch();
  test_misuse();
  cloudphone_huawei_config_free(cfg);
  return check_report("huawei_fleet");
}
