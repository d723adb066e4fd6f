/* A host fanning out a batch itself: plan, build one request per call,
 * record each call's result or error, finish into an outcome that accounts
 * for every id exactly once. */
#include "check.h"

#define P "0a1b2c3d4e5f60718293a4b5c6d7e8f9"

static void test_huawei_fan_out(void) {
  char names[25][8];
  const char *ids[25];
  size_t i, calls;
  cloudphone_huawei_config *cfg = NULL;
  cloudphone_batch_plan *plan = NULL;
  cloudphone_batch_merge *merge = NULL;
  cloudphone_batch_outcome *outcome = NULL;
  cloudphone_string *json = NULL;
  cloudphone_error *err = NULL;
  cloudphone_id_list list;

  /* 23 distinct ids, two of them repeated. */
  for (i = 0; i < 23; i++) {
    snprintf(names[i], sizeof names[i], "p%02u", (unsigned)i);
    ids[i] = names[i];
  }
  ids[23] = "p05";
  ids[24] = "p00";

  CHECK_STATUS(cloudphone_huawei_config_new_aksk("cn-north-4", P, "AK", "SK", NULL, &cfg, &err), CLOUDPHONE_STATUS_OK, err);
  CHECK_STATUS(cloudphone_batch_plan_new(ids, 25, CLOUDPHONE_HUAWEI_SHOW_CONNECT_INFOS_MAX_IDS, &plan, &err),
               CLOUDPHONE_STATUS_OK, err);
  CHECK(cloudphone_batch_plan_ids(plan).len == 23);
  calls = cloudphone_batch_plan_call_count(plan);
  CHECK(calls == 3);
  CHECK(cloudphone_batch_plan_call(plan, 0).len == 10);
  CHECK(cloudphone_batch_plan_call(plan, 2).len == 3);
  CHECK(strcmp(cloudphone_batch_plan_call(plan, 2).ids[0], "p20") == 0);
  CHECK_STATUS(cloudphone_batch_merge_new(plan, &merge, &err), CLOUDPHONE_STATUS_OK, err);

  for (i = 0; i < calls; i++) {
    cloudphone_request *req = NULL;
    cloudphone_id_list call = cloudphone_batch_plan_call(plan, i);
    CHECK_STATUS(cloudphone_huawei_show_connect_infos_build(cfg, call.ids, call.len, "ANDROID",
                                                          1700000000000ULL, NULL, &req, &err),
                 CLOUDPHONE_STATUS_OK, err);
    if (i == 0) {
      /* Two connected, one failed, one id nobody asked for, the rest silent. */
      static const char body[] =
          "{\"request_id\":\"r0\",\"connect_infos\":["
          "{\"phone_id\":\"p01\",\"access_info\":{\"access_port\":\"8443\"}},"
          "{\"phone_id\":\"p00\",\"access_info\":null},"
          "{\"phone_id\":\"p99\"}],"
          "\"errors\":[{\"phone_id\":\"p02\",\"error_code\":\"CPS.0005\",\"error_msg\":\"Phone not found.\"}]}";
      cloudphone_result *res = NULL;
      CHECK_STATUS(cloudphone_request_parse(req, 200, NULL, 0, (const uint8_t *)body,
                                            strlen(body), &res, &err),
                   CLOUDPHONE_STATUS_OK, err);
      CHECK_STATUS(cloudphone_batch_merge_record(merge, i, res, &err), CLOUDPHONE_STATUS_OK, err);
      cloudphone_result_free(res); /* the merge keeps a copy */
    } else if (i == 1) {
      static const char body[] = "{\"error_code\":\"APIGW.0308\",\"error_msg\":\"throttled\"}";
      cloudphone_response_header h[] = {RESPONSE_HEADER("X-Request-Id", "r1")};
      cloudphone_result *res = NULL;
      cloudphone_error *call_err = NULL;
      CHECK(cloudphone_request_parse(req, 429, h, 1, (const uint8_t *)body, strlen(body),
                                     &res, &call_err) == CLOUDPHONE_STATUS_RATE_LIMITED);
      CHECK_STATUS(cloudphone_batch_merge_record_error(merge, i, call_err, &err), CLOUDPHONE_STATUS_OK, err);
      cloudphone_error_free(call_err);
    } else {
      CHECK_STATUS(cloudphone_batch_merge_record_transport_error(merge, i, "connection refused", &err),
                   CLOUDPHONE_STATUS_OK, err);
    }
    cloudphone_request_free(req);
  }
  cloudphone_batch_plan_free(plan); /* the merge copied the ids */

  CHECK_STATUS(cloudphone_batch_merge_finish(merge, &outcome, &err), CLOUDPHONE_STATUS_OK, err);
  CHECK(!cloudphone_batch_outcome_is_complete_success(outcome));
  /* Input order: p00 before p01. */
  CHECK(cloudphone_batch_outcome_succeeded_count(outcome) == 2);
  CHECK_VIEW(cloudphone_connect_info_phone_id(cloudphone_batch_outcome_connect_info_at(outcome, 0)), "p00");
  CHECK_VIEW(cloudphone_connect_info_phone_id(cloudphone_batch_outcome_connect_info_at(outcome, 1)), "p01");
  CHECK(cloudphone_connect_info_access_port(cloudphone_batch_outcome_connect_info_at(outcome, 1)) == 8443);
  CHECK(cloudphone_connect_info_access_port(cloudphone_batch_outcome_connect_info_at(outcome, 0)) == -1);
  CHECK(cloudphone_batch_outcome_phone_state_at(outcome, 0) == NULL);
  /* Failed: p02 (per item), p10..p19 (throttled call), p20..p22 (transport). */
  CHECK(cloudphone_batch_outcome_failure_count(outcome) == 14);
  {
    const cloudphone_item_failure *f = cloudphone_batch_outcome_failure_at(outcome, 0);
    CHECK_VIEW(cloudphone_item_failure_id(f), "p02");
    CHECK(cloudphone_item_failure_status(f) == CLOUDPHONE_STATUS_API);
    f = cloudphone_batch_outcome_failure_at(outcome, 1);
    CHECK_VIEW(cloudphone_item_failure_id(f), "p10");
    CHECK(cloudphone_item_failure_status(f) == CLOUDPHONE_STATUS_RATE_LIMITED);
    CHECK_VIEW(cloudphone_item_failure_code(f), "APIGW.0308");
    f = cloudphone_batch_outcome_failure_at(outcome, 13);
    CHECK_VIEW(cloudphone_item_failure_id(f), "p22");
    CHECK(cloudphone_item_failure_status(f) == CLOUDPHONE_STATUS_TRANSPORT);
    CHECK(view_contains(cloudphone_item_failure_message(f), "connection refused"));
    CHECK(cloudphone_batch_outcome_failure_at(outcome, 14) == NULL);
  }
  list = cloudphone_batch_outcome_missing(outcome);
  CHECK(list.len == 7);
  CHECK(list.len == 7 && strcmp(list.ids[0], "p03") == 0 && strcmp(list.ids[6], "p09") == 0);
  list = cloudphone_batch_outcome_request_ids(outcome);
  CHECK(list.len == 2 && strcmp(list.ids[0], "r0") == 0 && strcmp(list.ids[1], "r1") == 0);
  list = cloudphone_batch_outcome_unexpected(outcome);
  CHECK(list.len == 1 && view_eq(cloudphone_id_list_at(list, 0), "p99"));

  CHECK_STATUS(cloudphone_batch_outcome_to_json(outcome, &json, &err), CLOUDPHONE_STATUS_OK, err);
  CHECK(view_contains(cloudphone_string_view(json), "\"missing\":[\"p03\""));
  CHECK(view_contains(cloudphone_string_view(json), "\"kind\":\"rate_limited\""));

  cloudphone_string_free(json);
  cloudphone_batch_outcome_free(outcome);
  cloudphone_batch_merge_free(merge);
  cloudphone_huawei_config_free(cfg);
}

static void test_geelark_and_empty(void) {
  static const char *const ids[] = {"g1", "g2", "g3"};
  static const char body[] =
      "{\"code\":40006,\"msg\":\"partial\",\"traceId\":\"T\",\"data\":{"
      "\"successDetails\":[{\"id\":\"g3\",\"serialName\":\"three\",\"status\":2}],"
      "\"failDetails\":[{\"code\":42001,\"id\":\"g1\",\"msg\":\"env not found\"}]}}";
  cloudphone_geelark_config *cfg = NULL;
  cloudphone_batch_plan *plan = NULL;
  cloudphone_batch_merge *merge = NULL;
  cloudphone_batch_outcome *outcome = NULL;
  cloudphone_request *req = NULL;
  cloudphone_result *res = NULL;
  cloudphone_error *err = NULL;
  cloudphone_id_list call;

  CHECK_STATUS(cloudphone_geelark_config_new_key("http://127.0.0.1:9", "app", "key", &cfg, &err), CLOUDPHONE_STATUS_OK, err);
  CHECK_STATUS(cloudphone_batch_plan_new(ids, 3, CLOUDPHONE_GEELARK_GET_PHONE_STATUS_MAX_IDS, &plan, &err), CLOUDPHONE_STATUS_OK, err);
  CHECK_STATUS(cloudphone_batch_merge_new(plan, &merge, &err), CLOUDPHONE_STATUS_OK, err);

  /* Nothing recorded yet: every id is missing. */
  CHECK_STATUS(cloudphone_batch_merge_finish(merge, &outcome, &err), CLOUDPHONE_STATUS_OK, err);
  CHECK(cloudphone_batch_outcome_missing(outcome).len == 3);
  CHECK(cloudphone_batch_outcome_succeeded_count(outcome) == 0);
  cloudphone_batch_outcome_free(outcome);
  outcome = NULL;

  call = cloudphone_batch_plan_call(plan, 0);
  CHECK_STATUS(cloudphone_geelark_get_phone_status_build(cfg, call.ids, call.len, 1, "ABCDEF123", &req, &err), CLOUDPHONE_STATUS_OK, err);
  CHECK_STATUS(cloudphone_request_parse(req, 200, NULL, 0, (const uint8_t *)body, strlen(body), &res, &err),
               CLOUDPHONE_STATUS_OK, err);
  CHECK(cloudphone_result_code(res) == 40006);
  CHECK_STATUS(cloudphone_batch_merge_record(merge, 0, res, &err), CLOUDPHONE_STATUS_OK, err);
  CHECK_STATUS(cloudphone_batch_merge_finish(merge, &outcome, &err), CLOUDPHONE_STATUS_OK, err);
  CHECK(cloudphone_batch_outcome_succeeded_count(outcome) == 1);
  CHECK_VIEW(cloudphone_phone_state_status(cloudphone_batch_outcome_phone_state_at(outcome, 0)), "stopped");
  CHECK(cloudphone_batch_outcome_connect_info_at(outcome, 0) == NULL);
  CHECK(cloudphone_batch_outcome_failure_count(outcome) == 1);
  CHECK(cloudphone_batch_outcome_missing(outcome).len == 1);
  CHECK(strcmp(cloudphone_batch_outcome_missing(outcome).ids[0], "g2") == 0);

  cloudphone_batch_outcome_free(outcome);
  cloudphone_result_free(res);
  cloudphone_request_free(req);
  cloudphone_batch_merge_free(merge);
  cloudphone_batch_plan_free(plan);
  cloudphone_geelark_config_free(cfg);
}

/* Any other batch operation goes through the generic result: a restart of
 * five phones in calls of two, one call answered with jobs and a per-phone
 * error, one refused as a whole, one never answered. */
static void test_generic_batch_operation(void) {
  static const char *const ids[] = {"p1", "p2", "p3", "p4", "p5"};
  static const char body[] =
      "{\"request_id\":\"g1\",\"jobs\":["
      "{\"phone_id\":\"p1\",\"job_id\":\"j1\"},"
      "{\"phone_id\":\"p2\",\"error_code\":\"CPS.0005\",\"error_msg\":\"Phone is not found.\"}]}";
  static const char list_body[] = "{\"request_id\":\"l1\",\"count\":0,\"phones\":[]}";
  cloudphone_huawei_config *cfg = NULL;
  cloudphone_batch_plan *plan = NULL;
  cloudphone_batch_merge *merge = NULL;
  cloudphone_batch_outcome *outcome = NULL;
  cloudphone_request *req = NULL, *list_req = NULL;
  cloudphone_result *res = NULL, *list_res = NULL;
  cloudphone_string *json = NULL;
  cloudphone_error *err = NULL;
  cloudphone_id_list call;

  CHECK_STATUS(cloudphone_huawei_config_new_aksk("cn-north-4", P, "AK", "SK", NULL, &cfg, &err), CLOUDPHONE_STATUS_OK, err);
  CHECK_STATUS(cloudphone_batch_plan_new(ids, 5, 2, &plan, &err), CLOUDPHONE_STATUS_OK, err);
  CHECK(cloudphone_batch_plan_call_count(plan) == 3);
  CHECK_STATUS(cloudphone_batch_merge_new(plan, &merge, &err), CLOUDPHONE_STATUS_OK, err);

  /* A listing is not an operation over ids: refused, nothing recorded. */
  CHECK_STATUS(cloudphone_huawei_list_phones_build(cfg, 0, 10, NULL, 1700000000000ULL, NULL, &list_req, &err),
               CLOUDPHONE_STATUS_OK, err);
  CHECK_STATUS(cloudphone_request_parse(list_req, 200, NULL, 0, (const uint8_t *)list_body,
                                        strlen(list_body), &list_res, &err),
               CLOUDPHONE_STATUS_OK, err);
  CHECK(cloudphone_batch_merge_record(merge, 0, list_res, &err) == CLOUDPHONE_STATUS_INVALID_INPUT);
  CHECK(err != NULL && view_contains(cloudphone_error_message(err), "huawei.list_phones"));
  cloudphone_error_free(err);
  err = NULL;
  CHECK(cloudphone_batch_merge_record(merge, 0, NULL, &err) == CLOUDPHONE_STATUS_NULL_ARGUMENT);
  cloudphone_error_free(err);
  err = NULL;

  call = cloudphone_batch_plan_call(plan, 0);
  CHECK_STATUS(cloudphone_huawei_restart_phones_build(cfg, call.ids, call.len, NULL, 1700000000000ULL, NULL, &req, &err),
               CLOUDPHONE_STATUS_OK, err);
  CHECK_STATUS(cloudphone_request_parse(req, 200, NULL, 0, (const uint8_t *)body, strlen(body), &res, &err),
               CLOUDPHONE_STATUS_OK, err);
  CHECK_STATUS(cloudphone_batch_merge_record(merge, 0, res, &err), CLOUDPHONE_STATUS_OK, err);
  cloudphone_result_free(res); /* the merge keeps a copy */
  cloudphone_request_free(req);
  /* Another operation's result cannot join this merge. */
  CHECK(cloudphone_batch_merge_record(merge, 0, NULL, NULL) == CLOUDPHONE_STATUS_NULL_ARGUMENT);
  {
    static const char other[] = "{\"request_id\":\"s1\",\"jobs\":[{\"phone_id\":\"p3\",\"job_id\":\"j3\"}]}";
    CHECK_STATUS(cloudphone_huawei_stop_phones_build(cfg, call.ids, call.len, 1700000000000ULL, NULL, &req, &err),
                 CLOUDPHONE_STATUS_OK, err);
    CHECK_STATUS(cloudphone_request_parse(req, 200, NULL, 0, (const uint8_t *)other, strlen(other), &res, &err),
                 CLOUDPHONE_STATUS_OK, err);
    CHECK(cloudphone_batch_merge_record(merge, 0, res, &err) == CLOUDPHONE_STATUS_INVALID_INPUT);
    cloudphone_error_free(err);
    err = NULL;
    cloudphone_result_free(res);
    cloudphone_request_free(req);
  }
  CHECK_STATUS(cloudphone_batch_merge_record_transport_error(merge, 1, "connection reset", &err),
               CLOUDPHONE_STATUS_OK, err);

  CHECK_STATUS(cloudphone_batch_merge_finish(merge, &outcome, &err), CLOUDPHONE_STATUS_OK, err);
  CHECK(!cloudphone_batch_outcome_is_complete_success(outcome));
  CHECK(cloudphone_batch_outcome_succeeded_count(outcome) == 1);
  CHECK_VIEW(cloudphone_batch_outcome_item_id(outcome, 0), "p1");
  CHECK_VIEW(cloudphone_batch_outcome_item_job_id(outcome, 0), "j1");
  CHECK(cloudphone_batch_outcome_item_status(outcome, 0).ptr == NULL);
  CHECK(cloudphone_batch_outcome_item_id(outcome, 1).ptr == NULL);
  CHECK(cloudphone_batch_outcome_item_id(NULL, 0).ptr == NULL);
  CHECK(cloudphone_batch_outcome_connect_info_at(outcome, 0) == NULL);
  /* p2 per item, p3 and p4 with their call; p5 never answered. */
  CHECK(cloudphone_batch_outcome_failure_count(outcome) == 3);
  CHECK_VIEW(cloudphone_item_failure_code(cloudphone_batch_outcome_failure_at(outcome, 0)), "CPS.0005");
  CHECK(cloudphone_item_failure_status(cloudphone_batch_outcome_failure_at(outcome, 2)) == CLOUDPHONE_STATUS_TRANSPORT);
  CHECK(cloudphone_batch_outcome_missing(outcome).len == 1);
  CHECK(strcmp(cloudphone_batch_outcome_missing(outcome).ids[0], "p5") == 0);
  CHECK_STATUS(cloudphone_batch_outcome_to_json(outcome, &json, &err), CLOUDPHONE_STATUS_OK, err);
  CHECK(view_contains(cloudphone_string_view(json), "\"succeeded\":[{\"id\":\"p1\",\"job_id\":\"j1\"}]"));

  cloudphone_string_free(json);
  cloudphone_batch_outcome_free(outcome);
  cloudphone_result_free(list_res);
  cloudphone_request_free(list_req);
  cloudphone_batch_merge_free(merge);
  cloudphone_batch_plan_free(plan);
  cloudphone_huawei_config_free(cfg);
}

int main(void) {
  test_huawei_fan_out();
  test_geelark_and_empty();
  test_generic_batch_operation();
  return check_report("batch");
}
