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
  CHECK_STATUS(cloudphone_batch_plan_new(ids, 25, CLOUDPHONE_HUAWEI_BATCH_CONNECTION_MAX_PHONES, &plan, &err),
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
    CHECK_STATUS(cloudphone_huawei_batch_connection_build(cfg, call.ids, call.len, "ANDROID",
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
      cloudphone_huawei_batch_connection_result *res = NULL;
      CHECK_STATUS(cloudphone_huawei_batch_connection_parse(req, 200, NULL, 0, (const uint8_t *)body,
                                                            strlen(body), &res, &err),
                   CLOUDPHONE_STATUS_OK, err);
      CHECK_STATUS(cloudphone_batch_merge_record_huawei_batch_connection(merge, res, &err), CLOUDPHONE_STATUS_OK, err);
      cloudphone_huawei_batch_connection_result_free(res); /* the merge keeps a copy */
    } else if (i == 1) {
      static const char body[] = "{\"error_code\":\"APIGW.0308\",\"error_msg\":\"throttled\"}";
      cloudphone_response_header h[] = {{"X-Request-Id", "r1"}};
      cloudphone_huawei_batch_connection_result *res = NULL;
      cloudphone_error *call_err = NULL;
      CHECK(cloudphone_huawei_batch_connection_parse(req, 429, h, 1, (const uint8_t *)body, strlen(body),
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
  CHECK(cloudphone_batch_outcome_failed_count(outcome) == 14);
  {
    const cloudphone_item_failure *f = cloudphone_batch_outcome_failed_at(outcome, 0);
    CHECK_VIEW(cloudphone_item_failure_id(f), "p02");
    CHECK(cloudphone_item_failure_status(f) == CLOUDPHONE_STATUS_API);
    f = cloudphone_batch_outcome_failed_at(outcome, 1);
    CHECK_VIEW(cloudphone_item_failure_id(f), "p10");
    CHECK(cloudphone_item_failure_status(f) == CLOUDPHONE_STATUS_RATE_LIMITED);
    CHECK_VIEW(cloudphone_item_failure_code(f), "APIGW.0308");
    f = cloudphone_batch_outcome_failed_at(outcome, 13);
    CHECK_VIEW(cloudphone_item_failure_id(f), "p22");
    CHECK(cloudphone_item_failure_status(f) == CLOUDPHONE_STATUS_TRANSPORT);
    CHECK(view_contains(cloudphone_item_failure_message(f), "connection refused"));
    CHECK(cloudphone_batch_outcome_failed_at(outcome, 14) == NULL);
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
  cloudphone_geelark_phone_status_result *res = NULL;
  cloudphone_error *err = NULL;
  cloudphone_id_list call;

  CHECK_STATUS(cloudphone_geelark_config_new_key("http://127.0.0.1:9", "app", "key", &cfg, &err), CLOUDPHONE_STATUS_OK, err);
  CHECK_STATUS(cloudphone_batch_plan_new(ids, 3, CLOUDPHONE_GEELARK_PHONE_STATUS_MAX_IDS, &plan, &err), CLOUDPHONE_STATUS_OK, err);
  CHECK_STATUS(cloudphone_batch_merge_new(plan, &merge, &err), CLOUDPHONE_STATUS_OK, err);

  /* Nothing recorded yet: every id is missing. */
  CHECK_STATUS(cloudphone_batch_merge_finish(merge, &outcome, &err), CLOUDPHONE_STATUS_OK, err);
  CHECK(cloudphone_batch_outcome_missing(outcome).len == 3);
  CHECK(cloudphone_batch_outcome_succeeded_count(outcome) == 0);
  cloudphone_batch_outcome_free(outcome);
  outcome = NULL;

  call = cloudphone_batch_plan_call(plan, 0);
  CHECK_STATUS(cloudphone_geelark_phone_status_build(cfg, call.ids, call.len, 1, "ABCDEF123", &req, &err), CLOUDPHONE_STATUS_OK, err);
  CHECK_STATUS(cloudphone_geelark_phone_status_parse(req, 200, NULL, 0, (const uint8_t *)body, strlen(body), &res, &err),
               CLOUDPHONE_STATUS_OK, err);
  CHECK(cloudphone_geelark_phone_status_result_code(res) == 40006);
  CHECK_STATUS(cloudphone_batch_merge_record_geelark_phone_status(merge, res, &err), CLOUDPHONE_STATUS_OK, err);
  CHECK_STATUS(cloudphone_batch_merge_finish(merge, &outcome, &err), CLOUDPHONE_STATUS_OK, err);
  CHECK(cloudphone_batch_outcome_succeeded_count(outcome) == 1);
  CHECK_VIEW(cloudphone_phone_state_status(cloudphone_batch_outcome_phone_state_at(outcome, 0)), "stopped");
  CHECK(cloudphone_batch_outcome_connect_info_at(outcome, 0) == NULL);
  CHECK(cloudphone_batch_outcome_failed_count(outcome) == 1);
  CHECK(cloudphone_batch_outcome_missing(outcome).len == 1);
  CHECK(strcmp(cloudphone_batch_outcome_missing(outcome).ids[0], "g2") == 0);

  cloudphone_batch_outcome_free(outcome);
  cloudphone_geelark_phone_status_result_free(res);
  cloudphone_request_free(req);
  cloudphone_batch_merge_free(merge);
  cloudphone_batch_plan_free(plan);
  cloudphone_geelark_config_free(cfg);
}

int main(void) {
  test_huawei_fan_out();
  test_geelark_and_empty();
  return check_report("batch");
}
