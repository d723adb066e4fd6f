/* Argument checking: NULL for every pointer argument of every fallible
 * function, *_free(NULL), accessors on NULL handles, invalid UTF-8, and
 * outputs left untouched on failure. */
#include "check.h"

#define P "0a1b2c3d4e5f60718293a4b5c6d7e8f9"

static const char BAD_UTF8[] = {'c', 'n', '\xff', '\0'};
static const char *const ONE_ID[] = {"id-1"};
static const char *const NULL_ID[] = {NULL};
static const char *const BAD_ID[] = {BAD_UTF8};

/* Expects `expr` to fail with `want`, report it through `err`, and frees it. */
#define EXPECT_FAIL(expr, want)                                                  \
  do {                                                                           \
    cloudphone_error *e_ = NULL;                                                 \
    cloudphone_error **err = &e_;                                                \
    cloudphone_status s_ = (expr);                                               \
    if (s_ != (want) || e_ == NULL || cloudphone_error_status(e_) != (want)) {   \
      fprintf(stderr, "%s:%d: %s gave %s, want %s\n", __FILE__, __LINE__, #expr, \
              cloudphone_status_name(s_), cloudphone_status_name(want));          \
      check_failures++;                                                          \
    }                                                                            \
    cloudphone_error_free(e_);                                                   \
    (void)err;                                                                   \
  } while (0)

#define NUL CLOUDPHONE_STATUS_NULL_ARGUMENT
#define UTF CLOUDPHONE_STATUS_INVALID_UTF8

int main(void) {
  cloudphone_huawei_config *hw = NULL;
  cloudphone_geelark_config *gl = NULL;
  cloudphone_request *req = NULL, *greq = NULL, *iam = NULL;
  cloudphone_result *hres = NULL;
  cloudphone_result *gres = NULL;
  cloudphone_batch_plan *plan = NULL;
  cloudphone_batch_merge *merge = NULL;
  cloudphone_batch_outcome *outcome = NULL;
  cloudphone_string *json = NULL;
  cloudphone_error *real_err = NULL;
  const uint8_t body[] = "{}";
  cloudphone_response_header null_name[] = {{NULL, 1, "v", 1}};
  cloudphone_response_header null_value[] = {{"n", 1, NULL, 1}};
  /* Output slots that must stay untouched on failure. */
  void *sentinel = (void *)&sentinel;

  /* Valid handles to pair with the NULL under test. */
  CHECK_STATUS(cloudphone_huawei_config_new_aksk("cn-north-4", P, "AK", "SK", NULL, &hw, NULL), CLOUDPHONE_STATUS_OK, NULL);
  CHECK_STATUS(cloudphone_geelark_config_new_key(NULL, "app", "key", &gl, NULL), CLOUDPHONE_STATUS_OK, NULL);
  CHECK_STATUS(cloudphone_huawei_show_connect_infos_build(hw, ONE_ID, 1, "ANDROID", 0, NULL, &req, NULL), CLOUDPHONE_STATUS_OK, NULL);
  CHECK_STATUS(cloudphone_geelark_get_phone_status_build(gl, ONE_ID, 1, 0, "trace-1", &greq, NULL), CLOUDPHONE_STATUS_OK, NULL);
  CHECK_STATUS(cloudphone_huawei_iam_create_token_build("cn-north-4", "u", "p", "d", "cn-north-4", false, 0, NULL, &iam, NULL), CLOUDPHONE_STATUS_OK, NULL);
  CHECK_STATUS(cloudphone_request_parse(req, 200, NULL, 0, body, 2, &hres, NULL), CLOUDPHONE_STATUS_OK, NULL);
  CHECK_STATUS(cloudphone_request_parse(greq, 200, NULL, 0, (const uint8_t *)"{\"code\":0,\"data\":{}}", 20, &gres, NULL), CLOUDPHONE_STATUS_OK, NULL);
  CHECK_STATUS(cloudphone_batch_plan_new(ONE_ID, 1, 10, &plan, NULL), CLOUDPHONE_STATUS_OK, NULL);
  CHECK_STATUS(cloudphone_batch_merge_new(plan, &merge, NULL), CLOUDPHONE_STATUS_OK, NULL);
  /* A real error to record. */
  CHECK(cloudphone_request_parse(req, 500, NULL, 0, NULL, 0, &hres, &real_err) == CLOUDPHONE_STATUS_API);

  /* ---- configs */
  EXPECT_FAIL(cloudphone_huawei_config_new_aksk(NULL, P, "AK", "SK", NULL, (cloudphone_huawei_config **)&sentinel, err), NUL);
  EXPECT_FAIL(cloudphone_huawei_config_new_aksk("cn-north-4", NULL, "AK", "SK", NULL, (cloudphone_huawei_config **)&sentinel, err), NUL);
  EXPECT_FAIL(cloudphone_huawei_config_new_aksk("cn-north-4", P, NULL, "SK", NULL, (cloudphone_huawei_config **)&sentinel, err), NUL);
  EXPECT_FAIL(cloudphone_huawei_config_new_aksk("cn-north-4", P, "AK", NULL, NULL, (cloudphone_huawei_config **)&sentinel, err), NUL);
  EXPECT_FAIL(cloudphone_huawei_config_new_aksk("cn-north-4", P, "AK", "SK", NULL, NULL, err), NUL);
  EXPECT_FAIL(cloudphone_huawei_config_new_aksk(BAD_UTF8, P, "AK", "SK", NULL, (cloudphone_huawei_config **)&sentinel, err), UTF);
  EXPECT_FAIL(cloudphone_huawei_config_new_aksk("cn-north-4", P, "AK", "SK", BAD_UTF8, (cloudphone_huawei_config **)&sentinel, err), UTF);
  EXPECT_FAIL(cloudphone_huawei_config_new_token(NULL, P, "T", (cloudphone_huawei_config **)&sentinel, err), NUL);
  EXPECT_FAIL(cloudphone_huawei_config_new_token("cn-north-4", NULL, "T", (cloudphone_huawei_config **)&sentinel, err), NUL);
  EXPECT_FAIL(cloudphone_huawei_config_new_token("cn-north-4", P, NULL, (cloudphone_huawei_config **)&sentinel, err), NUL);
  EXPECT_FAIL(cloudphone_huawei_config_new_token("cn-north-4", P, "T", NULL, err), NUL);
  EXPECT_FAIL(cloudphone_huawei_config_new_token("cn-north-4", P, BAD_UTF8, (cloudphone_huawei_config **)&sentinel, err), UTF);
  EXPECT_FAIL(cloudphone_geelark_config_new_key(NULL, NULL, "key", (cloudphone_geelark_config **)&sentinel, err), NUL);
  EXPECT_FAIL(cloudphone_geelark_config_new_key(NULL, "app", NULL, (cloudphone_geelark_config **)&sentinel, err), NUL);
  EXPECT_FAIL(cloudphone_geelark_config_new_key(NULL, "app", "key", NULL, err), NUL);
  EXPECT_FAIL(cloudphone_geelark_config_new_key(BAD_UTF8, "app", "key", (cloudphone_geelark_config **)&sentinel, err), UTF);
  EXPECT_FAIL(cloudphone_geelark_config_new_token(NULL, NULL, (cloudphone_geelark_config **)&sentinel, err), NUL);
  EXPECT_FAIL(cloudphone_geelark_config_new_token(NULL, "t", NULL, err), NUL);
  EXPECT_FAIL(cloudphone_geelark_config_new_token(NULL, BAD_UTF8, (cloudphone_geelark_config **)&sentinel, err), UTF);

  /* ---- builds */
  EXPECT_FAIL(cloudphone_huawei_show_connect_infos_build(NULL, ONE_ID, 1, "ANDROID", 0, NULL, (cloudphone_request **)&sentinel, err), NUL);
  EXPECT_FAIL(cloudphone_huawei_show_connect_infos_build(hw, NULL, 1, "ANDROID", 0, NULL, (cloudphone_request **)&sentinel, err), NUL);
  EXPECT_FAIL(cloudphone_huawei_show_connect_infos_build(hw, NULL_ID, 1, "ANDROID", 0, NULL, (cloudphone_request **)&sentinel, err), NUL);
  EXPECT_FAIL(cloudphone_huawei_show_connect_infos_build(hw, BAD_ID, 1, "ANDROID", 0, NULL, (cloudphone_request **)&sentinel, err), UTF);
  EXPECT_FAIL(cloudphone_huawei_show_connect_infos_build(hw, ONE_ID, 1, NULL, 0, NULL, (cloudphone_request **)&sentinel, err), NUL);
  EXPECT_FAIL(cloudphone_huawei_show_connect_infos_build(hw, ONE_ID, 1, "ANDROID", 0, BAD_UTF8, (cloudphone_request **)&sentinel, err), UTF);
  EXPECT_FAIL(cloudphone_huawei_show_connect_infos_build(hw, ONE_ID, 1, "ANDROID", 0, NULL, NULL, err), NUL);
  EXPECT_FAIL(cloudphone_huawei_iam_create_token_build(NULL, "u", "p", "d", "x", false, 0, NULL, (cloudphone_request **)&sentinel, err), NUL);
  EXPECT_FAIL(cloudphone_huawei_iam_create_token_build("cn-north-4", NULL, "p", "d", "x", false, 0, NULL, (cloudphone_request **)&sentinel, err), NUL);
  EXPECT_FAIL(cloudphone_huawei_iam_create_token_build("cn-north-4", "u", NULL, "d", "x", false, 0, NULL, (cloudphone_request **)&sentinel, err), NUL);
  EXPECT_FAIL(cloudphone_huawei_iam_create_token_build("cn-north-4", "u", "p", NULL, "x", false, 0, NULL, (cloudphone_request **)&sentinel, err), NUL);
  EXPECT_FAIL(cloudphone_huawei_iam_create_token_build("cn-north-4", "u", "p", "d", NULL, false, 0, NULL, (cloudphone_request **)&sentinel, err), NUL);
  EXPECT_FAIL(cloudphone_huawei_iam_create_token_build("cn-north-4", "u", "p", "d", "x", false, 0, NULL, NULL, err), NUL);
  EXPECT_FAIL(cloudphone_huawei_iam_create_token_build("cn-north-4", "u", BAD_UTF8, "d", "x", true, 0, NULL, (cloudphone_request **)&sentinel, err), UTF);
  EXPECT_FAIL(cloudphone_geelark_get_phone_status_build(NULL, ONE_ID, 1, 0, "trace-1", (cloudphone_request **)&sentinel, err), NUL);
  EXPECT_FAIL(cloudphone_geelark_get_phone_status_build(gl, NULL, 1, 0, "trace-1", (cloudphone_request **)&sentinel, err), NUL);
  EXPECT_FAIL(cloudphone_geelark_get_phone_status_build(gl, ONE_ID, 1, 0, NULL, (cloudphone_request **)&sentinel, err), NUL);
  EXPECT_FAIL(cloudphone_geelark_get_phone_status_build(gl, ONE_ID, 1, 0, "trace-1", NULL, err), NUL);
  EXPECT_FAIL(cloudphone_geelark_get_phone_status_build(gl, BAD_ID, 1, 0, "trace-1", (cloudphone_request **)&sentinel, err), UTF);
  /* (NULL, 0) is an empty list: refused by the operation, not as NULL. */
  EXPECT_FAIL(cloudphone_geelark_get_phone_status_build(gl, NULL, 0, 0, "trace-1", (cloudphone_request **)&sentinel, err), CLOUDPHONE_STATUS_INVALID_INPUT);

  /* ---- parses */
  EXPECT_FAIL(cloudphone_request_parse(NULL, 200, NULL, 0, body, 2, (cloudphone_result **)&sentinel, err), NUL);
  EXPECT_FAIL(cloudphone_request_parse(req, 200, NULL, 1, body, 2, (cloudphone_result **)&sentinel, err), NUL);
  EXPECT_FAIL(cloudphone_request_parse(req, 200, null_name, 1, body, 2, (cloudphone_result **)&sentinel, err), NUL);
  EXPECT_FAIL(cloudphone_request_parse(req, 200, null_value, 1, body, 2, (cloudphone_result **)&sentinel, err), NUL);
  EXPECT_FAIL(cloudphone_request_parse(req, 200, NULL, 0, NULL, 2, (cloudphone_result **)&sentinel, err), NUL);
  EXPECT_FAIL(cloudphone_request_parse(req, 200, NULL, 0, body, 2, NULL, err), NUL);
  EXPECT_FAIL(cloudphone_request_parse(NULL, 201, NULL, 0, body, 2, (cloudphone_result **)&sentinel, err), NUL);
  EXPECT_FAIL(cloudphone_request_parse(iam, 201, NULL, 0, NULL, 2, (cloudphone_result **)&sentinel, err), NUL);
  EXPECT_FAIL(cloudphone_request_parse(iam, 201, NULL, 0, body, 2, NULL, err), NUL);
  EXPECT_FAIL(cloudphone_request_parse(NULL, 200, NULL, 0, body, 2, (cloudphone_result **)&sentinel, err), NUL);
  EXPECT_FAIL(cloudphone_request_parse(greq, 200, NULL, 3, body, 2, (cloudphone_result **)&sentinel, err), NUL);
  EXPECT_FAIL(cloudphone_request_parse(greq, 200, NULL, 0, NULL, 9, (cloudphone_result **)&sentinel, err), NUL);
  EXPECT_FAIL(cloudphone_request_parse(greq, 200, NULL, 0, body, 2, NULL, err), NUL);
  /* The host's own cap on the body: over it, refused before it is read;
   * at it, parsed (0 = the default 16 MiB). */
  {
    static const char small[] = "{\"code\":0,\"msg\":\"ok\",\"traceId\":\"T\",\"data\":{\"successDetails\":[]}}";
    cloudphone_result *r = NULL;
    cloudphone_error *e = NULL;
    CHECK(cloudphone_request_parse_capped(greq, 10, 200, NULL, 0, (const uint8_t *)small, strlen(small), &r, &e) ==
          CLOUDPHONE_STATUS_BODY_TOO_LARGE);
    CHECK(r == NULL && e != NULL && cloudphone_error_status(e) == CLOUDPHONE_STATUS_BODY_TOO_LARGE);
    CHECK(strstr(cloudphone_error_message(e).ptr, "10") != NULL);
    cloudphone_error_free(e);
    e = NULL;
    CHECK(cloudphone_request_parse_capped(greq, strlen(small), 200, NULL, 0, (const uint8_t *)small, strlen(small),
                                          &r, &e) == CLOUDPHONE_STATUS_OK);
    cloudphone_result_free(r);
    r = NULL;
    CHECK(cloudphone_request_parse_capped(greq, 0, 200, NULL, 0, (const uint8_t *)small, strlen(small), &r, &e) ==
          CLOUDPHONE_STATUS_OK);
    cloudphone_result_free(r);
    EXPECT_FAIL(cloudphone_request_parse_capped(NULL, 0, 200, NULL, 0, body, 2, (cloudphone_result **)&sentinel, err),
                NUL);
  }
  /* Response header bytes that are not UTF-8 are replaced, not refused. */
  {
    cloudphone_response_header latin1[] = {RESPONSE_HEADER("X-Note", "caf\xe9")};
    cloudphone_result *r = NULL;
    CHECK_STATUS(cloudphone_request_parse(req, 200, latin1, 1, body, 2, &r, NULL), CLOUDPHONE_STATUS_OK, NULL);
    cloudphone_result_free(r);
  }

  /* ---- to_json */
  EXPECT_FAIL(cloudphone_result_to_json(NULL, (cloudphone_string **)&sentinel, err), NUL);
  EXPECT_FAIL(cloudphone_result_to_json(hres, NULL, err), NUL);
  EXPECT_FAIL(cloudphone_result_to_json(NULL, (cloudphone_string **)&sentinel, err), NUL);
  EXPECT_FAIL(cloudphone_result_to_json(gres, NULL, err), NUL);
  EXPECT_FAIL(cloudphone_batch_outcome_to_json(NULL, (cloudphone_string **)&sentinel, err), NUL);
  /* Trace ids: into the caller's buffer of CLOUDPHONE_TRACE_ID_SIZE. */
  {
    static const uint8_t random16[16] = {0};
    char small[CLOUDPHONE_TRACE_ID_SIZE - 1];
    char tid[CLOUDPHONE_TRACE_ID_SIZE];
    memset(small, 'x', sizeof small);
    EXPECT_FAIL(cloudphone_trace_id_format(NULL, tid, sizeof tid, err), NUL);
    EXPECT_FAIL(cloudphone_trace_id_format(random16, NULL, sizeof tid, err), NUL);
    EXPECT_FAIL(cloudphone_trace_id_format(random16, small, sizeof small, err), CLOUDPHONE_STATUS_INVALID_INPUT);
    EXPECT_FAIL(cloudphone_trace_id_format(random16, tid, 0, err), CLOUDPHONE_STATUS_INVALID_INPUT);
    CHECK(small[0] == 'x');
    CHECK_STATUS(cloudphone_trace_id_format(random16, tid, sizeof tid, NULL), CLOUDPHONE_STATUS_OK, NULL);
    CHECK(strlen(tid) == 32 && strspn(tid, "0") == 32);
  }

  /* ---- batch */
  EXPECT_FAIL(cloudphone_batch_plan_new(NULL, 1, 10, (cloudphone_batch_plan **)&sentinel, err), NUL);
  EXPECT_FAIL(cloudphone_batch_plan_new(NULL_ID, 1, 10, (cloudphone_batch_plan **)&sentinel, err), NUL);
  EXPECT_FAIL(cloudphone_batch_plan_new(BAD_ID, 1, 10, (cloudphone_batch_plan **)&sentinel, err), UTF);
  EXPECT_FAIL(cloudphone_batch_plan_new(ONE_ID, 1, 10, NULL, err), NUL);
  EXPECT_FAIL(cloudphone_batch_plan_new(ONE_ID, 1, 0, (cloudphone_batch_plan **)&sentinel, err), CLOUDPHONE_STATUS_INVALID_INPUT);
  EXPECT_FAIL(cloudphone_batch_plan_new(NULL, 0, 10, (cloudphone_batch_plan **)&sentinel, err), CLOUDPHONE_STATUS_INVALID_INPUT);
  EXPECT_FAIL(cloudphone_batch_merge_new(NULL, (cloudphone_batch_merge **)&sentinel, err), NUL);
  EXPECT_FAIL(cloudphone_batch_merge_new(plan, NULL, err), NUL);
  EXPECT_FAIL(cloudphone_batch_merge_record(NULL, 0, hres, err), NUL);
  EXPECT_FAIL(cloudphone_batch_merge_record(merge, 0, NULL, err), NUL);
  EXPECT_FAIL(cloudphone_batch_merge_record(merge, 5, hres, err), CLOUDPHONE_STATUS_INVALID_INPUT);
  EXPECT_FAIL(cloudphone_batch_merge_record(NULL, 0, gres, err), NUL);
  EXPECT_FAIL(cloudphone_batch_merge_record(merge, 0, NULL, err), NUL);
  EXPECT_FAIL(cloudphone_batch_merge_record_error(NULL, 0, real_err, err), NUL);
  EXPECT_FAIL(cloudphone_batch_merge_record_error(merge, 0, NULL, err), NUL);
  EXPECT_FAIL(cloudphone_batch_merge_record_error(merge, 5, real_err, err), CLOUDPHONE_STATUS_INVALID_INPUT);
  EXPECT_FAIL(cloudphone_batch_merge_record_transport_error(NULL, 0, "refused", err), NUL);
  EXPECT_FAIL(cloudphone_batch_merge_record_transport_error(merge, 0, NULL, err), NUL);
  EXPECT_FAIL(cloudphone_batch_merge_record_transport_error(merge, 0, BAD_UTF8, err), UTF);
  EXPECT_FAIL(cloudphone_batch_merge_finish(NULL, (cloudphone_batch_outcome **)&sentinel, err), NUL);
  EXPECT_FAIL(cloudphone_batch_merge_finish(merge, NULL, err), NUL);
  /* One merge holds one operation's results. */
  CHECK_STATUS(cloudphone_batch_merge_record(merge, 0, hres, NULL), CLOUDPHONE_STATUS_OK, NULL);
  EXPECT_FAIL(cloudphone_batch_merge_record(merge, 0, gres, err), CLOUDPHONE_STATUS_INVALID_INPUT);

  CHECK(sentinel == (void *)&sentinel);

  /* ---- err_out itself may be NULL */
  CHECK(cloudphone_batch_plan_new(NULL, 1, 10, &plan, NULL) == NUL);

  /* ---- accessors on NULL handles */
  CHECK(cloudphone_error_status(NULL) == NUL);
  CHECK(view_absent(cloudphone_error_message(NULL)));
  CHECK(cloudphone_error_http_status(NULL) == 0);
  CHECK(view_absent(cloudphone_error_provider(NULL)));
  CHECK(view_absent(cloudphone_error_provider_code(NULL)));
  CHECK(view_absent(cloudphone_error_request_id(NULL)));
  CHECK(cloudphone_error_retry_after_secs(NULL) == -1);
  CHECK(view_absent(cloudphone_request_operation(NULL)));
  CHECK(view_absent(cloudphone_request_method(NULL)));
  CHECK(view_absent(cloudphone_request_url(NULL)));
  CHECK(cloudphone_request_header_count(NULL) == 0);
  CHECK(view_absent(cloudphone_request_header_at(NULL, 0).name));
  CHECK(cloudphone_request_body(NULL).ptr == NULL);
  CHECK(!cloudphone_request_is_idempotent(NULL));
  CHECK(view_absent(cloudphone_result_request_id(NULL)));
  CHECK(cloudphone_result_connect_info_count(NULL) == 0);
  CHECK(cloudphone_result_connect_info_at(NULL, 0) == NULL);
  CHECK(cloudphone_result_failure_count(NULL) == 0);
  CHECK(cloudphone_result_failure_at(NULL, 0) == NULL);
  CHECK(view_absent(cloudphone_connect_info_phone_id(NULL)));
  CHECK(view_absent(cloudphone_connect_info_access_ip(NULL)));
  CHECK(view_absent(cloudphone_connect_info_intranet_ip(NULL)));
  CHECK(view_absent(cloudphone_connect_info_access_ipv6(NULL)));
  CHECK(cloudphone_connect_info_access_port(NULL) == -1);
  CHECK(view_absent(cloudphone_connect_info_session_id(NULL)));
  CHECK(view_absent(cloudphone_connect_info_timestamp(NULL)));
  CHECK(view_absent(cloudphone_connect_info_ticket(NULL)));
  CHECK(view_absent(cloudphone_huawei_iam_token_value(NULL)));
  CHECK(view_absent(cloudphone_huawei_iam_token_expires_at(NULL)));
  CHECK(cloudphone_huawei_iam_token_expires_at_unix_ms(NULL) == 0);
  CHECK(view_absent(cloudphone_huawei_iam_token_project_id(NULL)));
  CHECK(view_absent(cloudphone_result_request_id(NULL)));
  CHECK(cloudphone_result_code(NULL) == 0);
  CHECK(view_absent(cloudphone_result_field(NULL, "/msg")));
  CHECK(view_absent(cloudphone_result_field(gres, NULL)));
  CHECK(view_absent(cloudphone_result_field(gres, BAD_UTF8)));
  CHECK(cloudphone_result_total(NULL) == -1);
  CHECK(view_absent(cloudphone_result_operation(NULL)));
  CHECK(cloudphone_result_item_count(NULL) == 0);
  CHECK(cloudphone_result_item_ids(NULL).ids == NULL);
  CHECK(view_absent(cloudphone_result_item_status(NULL, 0)));
  CHECK(view_absent(cloudphone_result_item_job_id(NULL, 0)));
  CHECK(cloudphone_result_iam_token(NULL) == NULL);
  CHECK(cloudphone_result_iam_token(hres) == NULL);
  CHECK(!cloudphone_request_pages(NULL));
  CHECK(cloudphone_result_phone_state_count(NULL) == 0);
  CHECK(cloudphone_result_phone_state_at(NULL, 0) == NULL);
  CHECK(cloudphone_result_failure_count(NULL) == 0);
  CHECK(cloudphone_result_failure_at(NULL, 0) == NULL);
  CHECK(view_absent(cloudphone_phone_state_id(NULL)));
  CHECK(view_absent(cloudphone_phone_state_serial_name(NULL)));
  CHECK(view_absent(cloudphone_phone_state_status(NULL)));
  CHECK(cloudphone_phone_state_raw_status(NULL) == 0);
  CHECK(!cloudphone_phone_state_is_running(NULL));
  CHECK(view_absent(cloudphone_item_failure_id(NULL)));
  CHECK(cloudphone_item_failure_status(NULL) == NUL);
  CHECK(view_absent(cloudphone_item_failure_code(NULL)));
  CHECK(view_absent(cloudphone_item_failure_message(NULL)));
  CHECK(view_absent(cloudphone_string_view(NULL)));
  CHECK(cloudphone_batch_plan_ids(NULL).ids == NULL);
  CHECK(cloudphone_batch_plan_call_count(NULL) == 0);
  CHECK(cloudphone_batch_plan_call(NULL, 0).ids == NULL);
  CHECK(cloudphone_batch_plan_call(plan, 1).ids == NULL);
  CHECK(!cloudphone_batch_outcome_is_complete_success(NULL));
  CHECK(cloudphone_batch_outcome_succeeded_count(NULL) == 0);
  CHECK(cloudphone_batch_outcome_connect_info_at(NULL, 0) == NULL);
  CHECK(cloudphone_batch_outcome_phone_state_at(NULL, 0) == NULL);
  CHECK(cloudphone_batch_outcome_failure_count(NULL) == 0);
  CHECK(cloudphone_batch_outcome_failure_at(NULL, 0) == NULL);
  CHECK(cloudphone_batch_outcome_missing(NULL).len == 0);
  CHECK(cloudphone_batch_outcome_request_ids(NULL).len == 0);
  CHECK(cloudphone_batch_outcome_unexpected(NULL).len == 0);
  {
    cloudphone_id_list none = {NULL, 0};
    CHECK(view_absent(cloudphone_id_list_at(none, 0)));
    CHECK(view_eq(cloudphone_id_list_at(cloudphone_batch_plan_ids(plan), 0), "id-1"));
    CHECK(view_absent(cloudphone_id_list_at(cloudphone_batch_plan_ids(plan), 1)));
  }

  /* ---- id arrays as a C program holds them: `char **` (e.g. argv or
   * strdup'd strings) and `const char **`, passed without a cast. */
  {
    char a[] = "id-a", b[] = "id-b", c[] = "id-a";
    char *mutable_ids[3];
    const char *const_ids[2];
    char **mp = mutable_ids;
    const char **cp = const_ids;
    cloudphone_batch_plan *p1 = NULL, *p2 = NULL;
    cloudphone_request *r = NULL, *r2 = NULL, *next = (cloudphone_request *)&sentinel;
    cloudphone_result *res = NULL;
    cloudphone_error *e = NULL;
    mutable_ids[0] = a;
    mutable_ids[1] = b;
    mutable_ids[2] = c;
    const_ids[0] = "id-c";
    const_ids[1] = "id-d";
    CHECK_STATUS(cloudphone_batch_plan_new(mp, 3, 10, &p1, &e), CLOUDPHONE_STATUS_OK, e);
    CHECK(cloudphone_batch_plan_ids(p1).len == 2); /* the duplicate collapsed */
    CHECK(view_eq(cloudphone_id_list_at(cloudphone_batch_plan_ids(p1), 1), "id-b"));
    CHECK_STATUS(cloudphone_batch_plan_new(cp, 2, 1, &p2, &e), CLOUDPHONE_STATUS_OK, e);
    CHECK(cloudphone_batch_plan_call_count(p2) == 2);
    CHECK_STATUS(cloudphone_geelark_stop_phones_build(gl, mp, 2, 0, "trace-1", &r, &e), CLOUDPHONE_STATUS_OK, e);
    CHECK(strcmp((const char *)cloudphone_request_body(r).ptr, "{\"ids\":[\"id-a\",\"id-b\"]}") == 0);
    CHECK_STATUS(cloudphone_huawei_restart_phones_build(hw, cp, 2, NULL, 0, NULL, &r2, &e), CLOUDPHONE_STATUS_OK, e);
    CHECK(view_contains(cloudphone_request_url(r2), "/cloud-phone/phones/batch-restart"));

    /* Paging a request that does not page: refused, nothing written. */
    CHECK(!cloudphone_request_pages(r));
    CHECK_STATUS(cloudphone_request_parse(r, 200, NULL, 0, (const uint8_t *)"{\"code\":0,\"data\":{}}", 20, &res, &e),
                 CLOUDPHONE_STATUS_OK, e);
    EXPECT_FAIL(cloudphone_request_next(r, res, 0, "trace-2", &next, err), CLOUDPHONE_STATUS_INVALID_INPUT);
    EXPECT_FAIL(cloudphone_request_next(req, hres, 0, NULL, &next, err), CLOUDPHONE_STATUS_INVALID_INPUT);
    CHECK(next == (cloudphone_request *)&sentinel);
    cloudphone_result_free(res);
    cloudphone_request_free(r2);
    cloudphone_request_free(r);
    cloudphone_batch_plan_free(p2);
    cloudphone_batch_plan_free(p1);
  }

  /* ---- status names */
  CHECK(strcmp(cloudphone_status_name(CLOUDPHONE_STATUS_OK), "ok") == 0);
  CHECK(strcmp(cloudphone_status_name(CLOUDPHONE_STATUS_RATE_LIMITED), "rate_limited") == 0);
  CHECK(strcmp(cloudphone_status_name(CLOUDPHONE_STATUS_PANIC), "panic") == 0);
  CHECK(strcmp(cloudphone_status_name(12345u), "unknown") == 0);

  /* ---- *_free(NULL) is a no-op */
  cloudphone_error_free(NULL);
  cloudphone_huawei_config_free(NULL);
  cloudphone_geelark_config_free(NULL);
  cloudphone_request_free(NULL);
  cloudphone_result_free(NULL);
  cloudphone_result_free(NULL);
  cloudphone_string_free(NULL);
  cloudphone_batch_plan_free(NULL);
  cloudphone_batch_merge_free(NULL);
  cloudphone_batch_outcome_free(NULL);

  cloudphone_error_free(real_err);
  cloudphone_batch_outcome_free(outcome);
  cloudphone_string_free(json);
  cloudphone_batch_merge_free(merge);
  cloudphone_batch_plan_free(plan);
  cloudphone_result_free(gres);
  cloudphone_result_free(hres);
  cloudphone_request_free(iam);
  cloudphone_request_free(greq);
  cloudphone_request_free(req);
  cloudphone_geelark_config_free(gl);
  cloudphone_huawei_config_free(hw);
  return check_report("args");
}
