/* Huawei CPH through the sans-IO C API: batch-connection build and parse
 * (the documented example from the API reference), provider errors, and the
 * IAM token. Every handle is freed. */
#include "check.h"

#define AK "HPUAEXAMPLEAK0000001"
#define SK "ExampleSecretKey0123456789abcdefghijklmn"
#define PROJECT "0a1b2c3d4e5f60718293a4b5c6d7e8f9"
#define NOW_MS 1700000000000ULL /* 2023-11-14T22:13:20Z */

/* The example response of "Obtaining the Cloud Phone Access Information". */
static const char SEED_RESPONSE[] =
    "{\n"
    "  \"request_id\" : \"70bb40bef50e4a14b116a5a527fd7432\",\n"
    "  \"connect_infos\" : [ {\n"
    "    \"phone_id\" : \"1564567b8bab40f34711234cb80d8574\",\n"
    "    \"access_info\" : {\n"
    "      \"access_ip\" : \"213.32.43.22\",\n"
    "      \"intranet_ip\" : \"192.168.0.25\",\n"
    "      \"access_ipv6\" : \"2001:db8:a583:b62:e5ea:4a6b:de7b:f97d\",\n"
    "      \"access_port\" : 14308,\n"
    "      \"session_id\" : \"9864567a7bab40f34711234cb8087474\",\n"
    "      \"timestamp\" : \"122478329742\",\n"
    "      \"ticket\" : \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"\n"
    "    }\n"
    "  } ],\n"
    "  \"errors\" : [ {\n"
    "    \"phone_id\" : \"1234567b8bab40ffb711234cb80d0234\",\n"
    "    \"error_code\" : \"CPS.0018\",\n"
    "    \"error_msg\" : \"Access info not found.\"\n"
    "  }, {\n"
    "    \"phone_id\" : \"1234567b8bab40ffb711234cb8654321\",\n"
    "    \"error_code\" : \"CPS.0005\",\n"
    "    \"error_msg\" : \"Phone not found.\"\n"
    "  } ]\n"
    "}\n";

static const char *const SEED_IDS[] = {
    "1564567b8bab40f34711234cb80d8574",
    "1234567b8bab40ffb711234cb80d0234",
    "1234567b8bab40ffb711234cb8654321",
};

static cloudphone_huawei_config *make_config(void) {
  cloudphone_huawei_config *cfg = NULL;
  cloudphone_error *err = NULL;
  CHECK_STATUS(cloudphone_huawei_config_new_aksk("cn-north-4", PROJECT, AK, SK, NULL, &cfg, &err),
               CLOUDPHONE_STATUS_OK, err);
  CHECK(cfg != NULL && err == NULL);
  return cfg;
}

static cloudphone_request *build_seed(const cloudphone_huawei_config *cfg) {
  cloudphone_request *req = NULL;
  cloudphone_error *err = NULL;
  CHECK_STATUS(cloudphone_huawei_show_connect_infos_build(cfg, SEED_IDS, 3, "ANDROID", NOW_MS, NULL,
                                                        &req, &err),
               CLOUDPHONE_STATUS_OK, err);
  CHECK(req != NULL && err == NULL);
  return req;
}

static void test_build(void) {
  cloudphone_huawei_config *cfg = make_config();
  cloudphone_request *req = build_seed(cfg);
  cloudphone_bytes body;

  CHECK_VIEW(cloudphone_request_operation(req), "huawei.show_connect_infos");
  CHECK_VIEW(cloudphone_request_method(req), "POST");
  CHECK_VIEW(cloudphone_request_url(req),
             "https://cph.cn-north-4.myhuaweicloud.com/v1/" PROJECT
             "/cloud-phone/phones/batch-connection");
  CHECK(cloudphone_request_is_idempotent(req));
  CHECK_VIEW(request_header(req, "Content-Type"), "application/json");
  CHECK_VIEW(request_header(req, "X-Project-Id"), PROJECT);
  CHECK_VIEW(request_header(req, "X-Sdk-Date"), "20231114T221320Z");
  CHECK_VIEW(request_header(req, "Host"), "cph.cn-north-4.myhuaweicloud.com");
  CHECK(view_starts(request_header(req, "Authorization"),
                    "SDK-HMAC-SHA256 Access=" AK ", SignedHeaders="));
  CHECK(view_contains(request_header(req, "Authorization"), ", Signature="));
  /* Out of range: two NULL views. */
  {
    cloudphone_header h = cloudphone_request_header_at(req, 1000);
    CHECK(view_absent(h.name) && view_absent(h.value));
  }
  body = cloudphone_request_body(req);
  CHECK(body.ptr != NULL && body.ptr[body.len] == 0);
  CHECK(strcmp((const char *)body.ptr,
               "{\"phone_ids\":[\"1564567b8bab40f34711234cb80d8574\","
               "\"1234567b8bab40ffb711234cb80d0234\",\"1234567b8bab40ffb711234cb8654321\"],"
               "\"client_type\":\"ANDROID\"}") == 0);

  cloudphone_request_free(req);
  cloudphone_huawei_config_free(cfg);
}

static void test_parse_seed(void) {
  cloudphone_huawei_config *cfg = make_config();
  cloudphone_request *req = build_seed(cfg);
  cloudphone_result *res = NULL;
  cloudphone_error *err = NULL;
  cloudphone_string *json = NULL;
  cloudphone_response_header headers[] = {RESPONSE_HEADER("Content-Type", "application/json"),
                                          RESPONSE_HEADER("X-Request-Id", "header-id")};
  const cloudphone_connect_info *ci;
  const cloudphone_item_failure *f;

  CHECK_STATUS(cloudphone_request_parse(req, 200, headers, 2,
                                        (const uint8_t *)SEED_RESPONSE,
                                                        strlen(SEED_RESPONSE), &res, &err),
               CLOUDPHONE_STATUS_OK, err);
  CHECK(res != NULL && err == NULL);
  /* The body's request_id wins over the header. */
  CHECK_VIEW(cloudphone_result_request_id(res),
             "70bb40bef50e4a14b116a5a527fd7432");
  CHECK(cloudphone_result_connect_info_count(res) == 1);
  ci = cloudphone_result_connect_info_at(res, 0);
  CHECK(ci != NULL);
  CHECK(cloudphone_result_connect_info_at(res, 1) == NULL);
  CHECK_VIEW(cloudphone_connect_info_phone_id(ci), "1564567b8bab40f34711234cb80d8574");
  CHECK_VIEW(cloudphone_connect_info_access_ip(ci), "213.32.43.22");
  CHECK_VIEW(cloudphone_connect_info_intranet_ip(ci), "192.168.0.25");
  CHECK_VIEW(cloudphone_connect_info_access_ipv6(ci), "2001:db8:a583:b62:e5ea:4a6b:de7b:f97d");
  CHECK(cloudphone_connect_info_access_port(ci) == 14308);
  CHECK_VIEW(cloudphone_connect_info_session_id(ci), "9864567a7bab40f34711234cb8087474");
  CHECK_VIEW(cloudphone_connect_info_timestamp(ci), "122478329742");
  CHECK_VIEW(cloudphone_connect_info_ticket(ci), "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");

  CHECK(cloudphone_result_failure_count(res) == 2);
  f = cloudphone_result_failure_at(res, 0);
  CHECK_VIEW(cloudphone_item_failure_id(f), "1234567b8bab40ffb711234cb80d0234");
  CHECK_VIEW(cloudphone_item_failure_code(f), "CPS.0018");
  CHECK_VIEW(cloudphone_item_failure_message(f), "Access info not found.");
  CHECK(cloudphone_item_failure_status(f) == CLOUDPHONE_STATUS_API);
  f = cloudphone_result_failure_at(res, 1);
  CHECK_VIEW(cloudphone_item_failure_code(f), "CPS.0005");
  CHECK(cloudphone_result_failure_at(res, 2) == NULL);

  CHECK_STATUS(cloudphone_result_to_json(res, &json, &err),
               CLOUDPHONE_STATUS_OK, err);
  CHECK(view_starts(cloudphone_string_view(json),
                    "{\"request_id\":\"70bb40bef50e4a14b116a5a527fd7432\",\"connect_infos\":"));
  CHECK(view_contains(cloudphone_string_view(json), "\"access_port\":14308"));
  CHECK(view_contains(cloudphone_string_view(json), "\"code\":\"CPS.0005\""));

  cloudphone_string_free(json);
  cloudphone_result_free(res);
  cloudphone_request_free(req);
  cloudphone_huawei_config_free(cfg);
}

/* Parses `body` with `status` and returns the status; checks *out untouched on failure. */
static cloudphone_status parse_error(const cloudphone_request *req, uint16_t status,
                                     const cloudphone_response_header *headers, size_t n,
                                     const char *body, cloudphone_error **err) {
  cloudphone_result *res = (cloudphone_result *)&res;
  cloudphone_result *const sentinel = res;
  cloudphone_status s = cloudphone_request_parse(
      req, status, headers, n, (const uint8_t *)body, body ? strlen(body) : 0, &res, err);
  CHECK(s != CLOUDPHONE_STATUS_OK);
  CHECK(res == sentinel); /* outputs are written only on success */
  return s;
}

static void test_provider_errors(void) {
  cloudphone_huawei_config *cfg = make_config();
  cloudphone_request *req = build_seed(cfg);
  cloudphone_error *err = NULL;
  cloudphone_response_header rid[] = {RESPONSE_HEADER("x-request-id", "req-404")};
  cloudphone_response_header retry[] = {RESPONSE_HEADER("Retry-After", "7")};

  CHECK_STATUS(parse_error(req, 404, rid, 1,
                           "{\"error_code\":\"CPS.0005\",\"error_msg\":\"Phone not found.\"}", &err),
               CLOUDPHONE_STATUS_API, err);
  CHECK(cloudphone_error_status(err) == CLOUDPHONE_STATUS_API);
  CHECK(cloudphone_error_http_status(err) == 404);
  CHECK_VIEW(cloudphone_error_provider(err), "huawei");
  CHECK_VIEW(cloudphone_error_provider_code(err), "CPS.0005");
  CHECK_VIEW(cloudphone_error_request_id(err), "req-404");
  CHECK(view_contains(cloudphone_error_message(err), "Phone not found."));
  CHECK(cloudphone_error_retry_after_secs(err) == -1);
  cloudphone_error_free(err);
  err = NULL;

  /* Header bytes as an HTTP stack holds them: (pointer, length) slices of
   * one buffer, no NUL after either; the lengths decide. */
  {
    static const char raw[] = "x-request-id: req-405\r\nRetry-After: 9\r\n";
    cloudphone_response_header slices[2];
    slices[0].name = raw;
    slices[0].name_len = 12;
    slices[0].value = raw + 14;
    slices[0].value_len = 7;
    slices[1].name = raw + 23;
    slices[1].name_len = 11;
    slices[1].value = raw + 36;
    slices[1].value_len = 1;
    CHECK_STATUS(parse_error(req, 429, slices, 2, "{\"error_code\":\"APIGW.0308\",\"error_msg\":\"slow down\"}", &err),
                 CLOUDPHONE_STATUS_RATE_LIMITED, err);
    CHECK_VIEW(cloudphone_error_request_id(err), "req-405");
    CHECK(cloudphone_error_retry_after_secs(err) == 9);
    cloudphone_error_free(err);
    err = NULL;
  }

  CHECK_STATUS(parse_error(req, 401, NULL, 0,
                           "{\"error_code\":\"APIGW.0301\",\"error_msg\":\"Incorrect IAM authentication information\"}",
                           &err),
               CLOUDPHONE_STATUS_AUTH, err);
  cloudphone_error_free(err);
  err = NULL;

  CHECK_STATUS(parse_error(req, 429, retry, 1,
                           "{\"error_code\":\"APIGW.0308\",\"error_msg\":\"The throttling threshold has been reached\"}",
                           &err),
               CLOUDPHONE_STATUS_RATE_LIMITED, err);
  CHECK(cloudphone_error_retry_after_secs(err) == 7);
  cloudphone_error_free(err);
  err = NULL;

  /* Not JSON: a decode error naming the operation, never a crash. */
  CHECK_STATUS(parse_error(req, 200, NULL, 0, "<html>gateway</html>", &err),
               CLOUDPHONE_STATUS_DECODE, err);
  CHECK(view_contains(cloudphone_error_message(err), "huawei.show_connect_infos"));
  CHECK(view_absent(cloudphone_error_provider_code(err)));
  cloudphone_error_free(err);
  err = NULL;

  /* (NULL, 0) is an empty body: a decode error, not a NULL-argument error. */
  CHECK_STATUS(parse_error(req, 200, NULL, 0, NULL, &err), CLOUDPHONE_STATUS_DECODE, err);
  cloudphone_error_free(err);
  err = NULL;

  /* A wrong field type. */
  CHECK_STATUS(parse_error(req, 200, NULL, 0, "{\"connect_infos\":{}}", &err),
               CLOUDPHONE_STATUS_DECODE, err);
  CHECK(view_contains(cloudphone_error_message(err), "connect_infos"));
  cloudphone_error_free(err);
  err = NULL;

  /* err_out may be NULL: the status alone is reported. */
  CHECK(parse_error(req, 500, NULL, 0, "oops", NULL) == CLOUDPHONE_STATUS_API);

  cloudphone_request_free(req);
  cloudphone_huawei_config_free(cfg);
}

static void test_invalid_input(void) {
  cloudphone_huawei_config *cfg = make_config();
  cloudphone_huawei_config *cfg2 = (cloudphone_huawei_config *)&cfg2;
  cloudphone_request *req = (cloudphone_request *)&req;
  cloudphone_request *const sentinel = req;
  cloudphone_error *err = NULL;
  const char *eleven[11] = {"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k"};
  const char *bad_id[1] = {"bad\nid"};

  CHECK_STATUS(cloudphone_huawei_show_connect_infos_build(cfg, NULL, 0, "ANDROID", NOW_MS, NULL, &req, &err),
               CLOUDPHONE_STATUS_INVALID_INPUT, err);
  CHECK(req == sentinel);
  cloudphone_error_free(err);
  err = NULL;
  CHECK_STATUS(cloudphone_huawei_show_connect_infos_build(cfg, eleven, 11, "ANDROID", NOW_MS, NULL, &req, &err),
               CLOUDPHONE_STATUS_INVALID_INPUT, err);
  CHECK(view_contains(cloudphone_error_message(err), "batch plan"));
  cloudphone_error_free(err);
  err = NULL;
  CHECK_STATUS(cloudphone_huawei_show_connect_infos_build(cfg, bad_id, 1, "ANDROID", NOW_MS, NULL, &req, &err),
               CLOUDPHONE_STATUS_INVALID_INPUT, err);
  cloudphone_error_free(err);
  err = NULL;
  CHECK_STATUS(cloudphone_huawei_show_connect_infos_build(cfg, SEED_IDS, 1, "SYMBIAN", NOW_MS, NULL, &req, &err),
               CLOUDPHONE_STATUS_INVALID_INPUT, err);
  CHECK(view_contains(cloudphone_error_message(err), "client_type"));
  cloudphone_error_free(err);
  err = NULL;
  CHECK(req == sentinel);

  CHECK_STATUS(cloudphone_huawei_config_new_aksk("mars-north-1", PROJECT, AK, SK, NULL, &cfg2, &err),
               CLOUDPHONE_STATUS_INVALID_INPUT, err);
  CHECK(view_contains(cloudphone_error_message(err), "region"));
  cloudphone_error_free(err);
  err = NULL;
  CHECK_STATUS(cloudphone_huawei_config_new_aksk("cn-north-4", "../etc", AK, SK, NULL, &cfg2, &err),
               CLOUDPHONE_STATUS_INVALID_INPUT, err);
  cloudphone_error_free(err);
  err = NULL;
  /* A secret is never echoed in a message. */
  CHECK_STATUS(cloudphone_huawei_config_new_token("cn-north-4", PROJECT, "tok\r\nX-Evil: 1", &cfg2, &err),
               CLOUDPHONE_STATUS_INVALID_INPUT, err);
  CHECK(!view_contains(cloudphone_error_message(err), "Evil"));
  cloudphone_error_free(err);
  err = NULL;
  CHECK(cfg2 == (cloudphone_huawei_config *)&cfg2);

  cloudphone_huawei_config_free(cfg);
}

static void test_endpoint_token_and_iam(void) {
  cloudphone_huawei_config *cfg = NULL;
  cloudphone_request *req = NULL, *iam = NULL;
  cloudphone_result *iam_res = NULL;
  const cloudphone_huawei_iam_token *tok = NULL;
  cloudphone_error *err = NULL;
  cloudphone_string *json = NULL;
  static const char IAM_BODY[] =
      "{\"token\":{\"expires_at\":\"2023-11-15T22:13:20.000000Z\",\"project\":{\"id\":\"" PROJECT
      "\",\"name\":\"cn-north-4\"}}}";
  cloudphone_response_header subject[] = {RESPONSE_HEADER("X-Subject-Token", "MIIexampletoken")};

  CHECK_STATUS(cloudphone_huawei_iam_create_token_build("cn-north-4", "alice", "pa55word", "acme",
                                                        "cn-north-4", false, NOW_MS, NULL, &iam, &err),
               CLOUDPHONE_STATUS_OK, err);
  CHECK_VIEW(cloudphone_request_url(iam), "https://iam.cn-north-4.myhuaweicloud.com/v3/auth/tokens?nocatalog=true");
  CHECK_VIEW(cloudphone_request_operation(iam), "huawei.iam.create_token");
  CHECK_STATUS(cloudphone_request_parse(iam, 201, subject, 1, (const uint8_t *)IAM_BODY,
                                        strlen(IAM_BODY), &iam_res, &err),
               CLOUDPHONE_STATUS_OK, err);
  CHECK_VIEW(cloudphone_result_operation(iam_res), "huawei.iam.create_token");
  tok = cloudphone_result_iam_token(iam_res);
  CHECK(tok != NULL);
  CHECK_VIEW(cloudphone_huawei_iam_token_value(tok), "MIIexampletoken");
  CHECK_VIEW(cloudphone_huawei_iam_token_expires_at(tok), "2023-11-15T22:13:20.000000Z");
  CHECK(cloudphone_huawei_iam_token_expires_at_unix_ms(tok) == NOW_MS + 86400000ULL);
  CHECK_VIEW(cloudphone_huawei_iam_token_project_id(tok), PROJECT);
  CHECK_STATUS(cloudphone_result_to_json(iam_res, &json, &err), CLOUDPHONE_STATUS_OK, err);
  CHECK(view_contains(cloudphone_string_view(json), "\"token\":\"MIIexampletoken\""));
  cloudphone_string_free(json);

  /* Use the token against a custom endpoint (e.g. a simulator). */
  {
    char token[64];
    cloudphone_str t = cloudphone_huawei_iam_token_value(tok);
    memcpy(token, t.ptr, t.len + 1);
    CHECK_STATUS(cloudphone_huawei_config_new_token("http://127.0.0.1:8080/sim", PROJECT, token, &cfg, &err),
                 CLOUDPHONE_STATUS_OK, err);
  }
  CHECK_STATUS(cloudphone_huawei_show_connect_infos_build(cfg, SEED_IDS, 3, "h5_pc", NOW_MS, "ignored", &req, &err),
               CLOUDPHONE_STATUS_OK, err);
  CHECK_VIEW(cloudphone_request_url(req), "http://127.0.0.1:8080/sim/v1/" PROJECT "/cloud-phone/phones/batch-connection");
  CHECK_VIEW(request_header(req, "X-Auth-Token"), "MIIexampletoken");
  CHECK(view_absent(request_header(req, "Authorization")));

  /* The token view belongs to IAM results only. */
  {
    cloudphone_result *res = NULL;
    const uint8_t empty[] = "{}";
    CHECK_STATUS(cloudphone_request_parse(req, 200, NULL, 0, empty, 2, &res, &err), CLOUDPHONE_STATUS_OK, err);
    CHECK(cloudphone_result_iam_token(res) == NULL);
    CHECK(cloudphone_result_iam_token(NULL) == NULL);
    cloudphone_result_free(res);
  }
  /* IAM without X-Subject-Token: a decode error. */
  {
    cloudphone_result *tok2 = NULL;
    CHECK_STATUS(cloudphone_request_parse(iam, 201, NULL, 0, (const uint8_t *)IAM_BODY,
                                          strlen(IAM_BODY), &tok2, &err),
                 CLOUDPHONE_STATUS_DECODE, err);
    CHECK(tok2 == NULL);
    cloudphone_error_free(err);
    err = NULL;
  }

  cloudphone_result_free(iam_res);
  cloudphone_request_free(iam);
  cloudphone_request_free(req);
  cloudphone_huawei_config_free(cfg);
}

int main(void) {
  CHECK(strcmp(cloudphone_version(), CLOUDPHONE_VERSION) == 0);
  test_build();
  test_parse_seed();
  test_provider_errors();
  test_invalid_input();
  test_endpoint_token_and_iam();
  return check_report("huawei");
}
