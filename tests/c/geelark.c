/* GeeLark through the sans-IO C API: phone-status build (the documented
 * key-mode signature) and parse (the documented example), envelope errors. */
#include "check.h"

#define APP_ID "eH6gQR4oHr3FsZpI36La01IW"
#define API_KEY "YjmFIUuq0oJgSDJ42fxLEb6R1qjjqf"
#define TRACE_ID "db6094ab-3797-4186-84d5-b0b58eebad56"
#define TS 1716972892166ULL

/* The response example of /open/v1/phone/status (ids made distinct). */
static const char SEED_RESPONSE[] =
    "{\n"
    "    \"code\": 0,\n"
    "    \"msg\": \"\xe6\x88\x90\xe5\x8a\x9f\",\n"
    "    \"traceId\": \"123456ABCDEF\",\n"
    "    \"data\": {\n"
    "        \"totalAmount\": 4,\n"
    "        \"successAmount\": 3,\n"
    "        \"failAmount\": 1,\n"
    "        \"successDetails\": [\n"
    "            {\"id\": \"123456ABCDE1\", \"serialName\": \"name1\", \"status\": 0},\n"
    "            {\"id\": \"123456ABCDE2\", \"serialName\": \"name2\", \"status\": 1},\n"
    "            {\"id\": 612345678901234567, \"serialName\": \"name3\", \"status\": 9}\n"
    "        ],\n"
    "        \"failDetails\": [\n"
    "            {\"code\": 42001, \"id\": \"123456ABCDE4\", \"msg\": \"env not found\"}\n"
    "        ]\n"
    "    }\n"
    "}\n";

static const char *const IDS[] = {"123456ABCDE1", "123456ABCDE2", "612345678901234567",
                                  "123456ABCDE4"};

static cloudphone_request *build(const cloudphone_geelark_config *cfg) {
  cloudphone_request *req = NULL;
  cloudphone_error *err = NULL;
  CHECK_STATUS(cloudphone_geelark_get_phone_status_build(cfg, IDS, 4, TS, TRACE_ID, &req, &err),
               CLOUDPHONE_STATUS_OK, err);
  return req;
}

static void test_build_and_parse(void) {
  cloudphone_geelark_config *cfg = NULL;
  cloudphone_request *req;
  cloudphone_result *res = NULL;
  cloudphone_error *err = NULL;
  cloudphone_string *json = NULL;
  const cloudphone_phone_state *p;
  const cloudphone_item_failure *f;

  CHECK_STATUS(cloudphone_geelark_config_new_key(NULL, APP_ID, API_KEY, &cfg, &err),
               CLOUDPHONE_STATUS_OK, err);
  req = build(cfg);
  CHECK_VIEW(cloudphone_request_method(req), "POST");
  CHECK_VIEW(cloudphone_request_url(req), "https://openapi.geelark.com/open/v1/phone/status");
  CHECK_VIEW(request_header(req, "appId"), APP_ID);
  CHECK_VIEW(request_header(req, "traceId"), TRACE_ID);
  CHECK_VIEW(request_header(req, "ts"), "1716972892166");
  CHECK_VIEW(request_header(req, "nonce"), "db6094");
  /* The documented example signature. */
  CHECK_VIEW(request_header(req, "sign"),
             "6280C080AF7C3CCE168F15C913E3444A00A618CB0E16038EED9811D6E3366BDD");
  CHECK(strcmp((const char *)cloudphone_request_body(req).ptr,
               "{\"ids\":[\"123456ABCDE1\",\"123456ABCDE2\",\"612345678901234567\",\"123456ABCDE4\"]}") == 0);

  CHECK_STATUS(cloudphone_request_parse(req, 200, NULL, 0, (const uint8_t *)SEED_RESPONSE,
                                        strlen(SEED_RESPONSE), &res, &err),
               CLOUDPHONE_STATUS_OK, err);
  CHECK_VIEW(cloudphone_result_request_id(res), "123456ABCDEF");
  CHECK(cloudphone_result_code(res) == 0);
  CHECK_VIEW(cloudphone_result_field(res, "/msg"), "\xe6\x88\x90\xe5\x8a\x9f");
  CHECK(cloudphone_result_total(res) == 4);
  CHECK_VIEW(cloudphone_result_field(res, "/success_amount"), "3");
  CHECK_VIEW(cloudphone_result_field(res, "/fail_amount"), "1");
  CHECK(cloudphone_result_phone_state_count(res) == 3);
  p = cloudphone_result_phone_state_at(res, 0);
  CHECK_VIEW(cloudphone_phone_state_id(p), "123456ABCDE1");
  CHECK_VIEW(cloudphone_phone_state_serial_name(p), "name1");
  CHECK_VIEW(cloudphone_phone_state_status(p), "running");
  CHECK(cloudphone_phone_state_is_running(p));
  CHECK(cloudphone_phone_state_raw_status(p) == 0);
  p = cloudphone_result_phone_state_at(res, 1);
  CHECK_VIEW(cloudphone_phone_state_status(p), "starting");
  CHECK(!cloudphone_phone_state_is_running(p));
  /* A numeric id beyond 2^53 is kept exactly; an unknown code is kept raw. */
  p = cloudphone_result_phone_state_at(res, 2);
  CHECK_VIEW(cloudphone_phone_state_id(p), "612345678901234567");
  CHECK_VIEW(cloudphone_phone_state_status(p), "unknown");
  CHECK(cloudphone_phone_state_raw_status(p) == 9);
  CHECK(cloudphone_result_phone_state_at(res, 3) == NULL);
  CHECK(cloudphone_result_failure_count(res) == 1);
  f = cloudphone_result_failure_at(res, 0);
  CHECK_VIEW(cloudphone_item_failure_id(f), "123456ABCDE4");
  CHECK_VIEW(cloudphone_item_failure_code(f), "42001");
  CHECK_VIEW(cloudphone_item_failure_message(f), "env not found");

  CHECK_STATUS(cloudphone_result_to_json(res, &json, &err), CLOUDPHONE_STATUS_OK, err);
  CHECK(view_contains(cloudphone_string_view(json), "\"trace_id\":\"123456ABCDEF\""));
  cloudphone_string_free(json);

  cloudphone_result_free(res);
  cloudphone_request_free(req);
  cloudphone_geelark_config_free(cfg);
}

static cloudphone_status parse_body(const cloudphone_request *req, const char *body, cloudphone_error **err) {
  cloudphone_result *res = NULL;
  cloudphone_status s = cloudphone_request_parse(req, 200, NULL, 0, (const uint8_t *)body,
                                                 strlen(body), &res, err);
  CHECK(res == NULL);
  return s;
}

static void test_envelope_errors(void) {
  cloudphone_geelark_config *cfg = NULL;
  cloudphone_request *req;
  cloudphone_error *err = NULL;

  CHECK_STATUS(cloudphone_geelark_config_new_token("https://openapi.geelark.cn", "tok", &cfg, &err),
               CLOUDPHONE_STATUS_OK, err);
  req = build(cfg);
  CHECK_VIEW(request_header(req, "Authorization"), "Bearer tok");
  CHECK(view_absent(request_header(req, "sign")));

  CHECK_STATUS(parse_body(req, "{\"code\":40014,\"msg\":\"locked\",\"traceId\":\"T1\"}", &err),
               CLOUDPHONE_STATUS_LOCKOUT, err);
  CHECK_VIEW(cloudphone_error_provider(err), "geelark");
  CHECK_VIEW(cloudphone_error_provider_code(err), "40014");
  CHECK_VIEW(cloudphone_error_request_id(err), "T1");
  CHECK(cloudphone_error_http_status(err) == 200);
  cloudphone_error_free(err);
  err = NULL;
  CHECK_STATUS(parse_body(req, "{\"code\":40007,\"msg\":\"too many\"}", &err), CLOUDPHONE_STATUS_RATE_LIMITED, err);
  cloudphone_error_free(err);
  err = NULL;
  CHECK_STATUS(parse_body(req, "{\"code\":40003,\"msg\":\"bad sign\"}", &err), CLOUDPHONE_STATUS_AUTH, err);
  cloudphone_error_free(err);
  err = NULL;
  CHECK_STATUS(parse_body(req, "{\"code\":0,\"data\":{\"successDetails\":\"x\"}}", &err), CLOUDPHONE_STATUS_DECODE, err);
  cloudphone_error_free(err);
  err = NULL;

  /* GeeLark needs a trace id of at least 6 characters (the nonce). */
  {
    cloudphone_geelark_config *key = NULL;
    cloudphone_request *r = NULL;
    CHECK_STATUS(cloudphone_geelark_config_new_key(NULL, APP_ID, API_KEY, &key, &err), CLOUDPHONE_STATUS_OK, err);
    CHECK_STATUS(cloudphone_geelark_get_phone_status_build(key, IDS, 1, TS, "abc", &r, &err),
                 CLOUDPHONE_STATUS_INVALID_INPUT, err);
    CHECK(r == NULL);
    cloudphone_error_free(err);
    err = NULL;
    cloudphone_geelark_config_free(key);
  }
  /* Trace ids from host randomness. */
  {
    const uint8_t random16[16] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 0xfe, 0xff};
    char tid[CLOUDPHONE_TRACE_ID_SIZE];
    CHECK_STATUS(cloudphone_trace_id_format(random16, tid, sizeof tid, &err), CLOUDPHONE_STATUS_OK, err);
    CHECK(strcmp(tid, "000102030405060708090A0B0C0DFEFF") == 0);
  }

  cloudphone_request_free(req);
  cloudphone_geelark_config_free(cfg);
}

int main(void) {
  test_build_and_parse();
  test_envelope_errors();
  return check_report("geelark");
}
