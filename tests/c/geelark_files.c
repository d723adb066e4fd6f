/* GeeLark files (upload URL, the presigned PUT, upload to phone, keybox,
 * results), phone tools and app control through the sans-IO C API: build,
 * parse the recorded answers into the generic cloudphone_result, refuse bad
 * arguments. Every handle is freed. */
#include "check.h"

#define BASE "https://openapi.geelark.com/open/"
#define TS 1716972892166ULL
#define TRACE "db6094ab-3797-4186-84d5-b0b58eebad56"
#define P1 "612345678901234567"

static cloudphone_geelark_config *cfg;

#define BUILD(expr, url) BUILD_REQUEST((expr), (url))

#define ROUND(expr, url, fixture, want)                                        \
  do {                                                                         \
    BUILD(expr, url);                                                          \
    res = PARSE_FIXTURE(cloudphone_request_parse, req, fixture, want, &err);   \
    cloudphone_error_free(err);                                                \
    err = NULL;                                                                \
    cloudphone_result_free(res);                                               \
    res = NULL;                                                                \
    cloudphone_request_free(req);                                              \
  } while (0)

static void test_files(void) {
  cloudphone_request *req = NULL, *put = NULL;
  cloudphone_result *res = NULL;
  cloudphone_error *err = NULL;
  BUILD(cloudphone_geelark_get_upload_url_build(cfg, "mp4", TS, TRACE, &req, err), BASE "v1/upload/getUrl");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "geelark/upload_getUrl/sample_response.http",
                      CLOUDPHONE_STATUS_OK, &err);
  cloudphone_str url = cloudphone_result_field(res, "/upload_url");
  CHECK(view_starts(url, "https://"));
  {
    /* The presigned PUT: only Content-Length, the raw bytes. */
    char buf[512];
    snprintf(buf, sizeof buf, "%.*s", (int)url.len, url.ptr);
    CHECK_STATUS(cloudphone_geelark_upload_file_build(cfg, buf, (const uint8_t *)"clip", 4, TS, TRACE, &put, &err),
                 CLOUDPHONE_STATUS_OK, err);
    CHECK_VIEW(cloudphone_request_method(put), "PUT");
    CHECK(cloudphone_request_header_count(put) == 1);
    CHECK_VIEW(request_header(put, "Content-Length"), "4");
    fixture f;
    cloudphone_result *done = NULL;
    fixture_load(&f, "geelark/upload_put/ok.http");
    CHECK_STATUS(cloudphone_request_parse(put, (uint16_t)f.status, f.headers, f.headers_len, f.body, f.body_len, &done,
                                          &err),
                 CLOUDPHONE_STATUS_OK, err);
    CHECK_VIEW(cloudphone_result_field(done, "/bytes"), "4");
    fixture_free(&f);
    cloudphone_result_free(done);
    cloudphone_request_free(put);
  }
  cloudphone_result_free(res);
  cloudphone_request_free(req);
  res = NULL;
  ROUND(cloudphone_geelark_upload_to_phone_build(cfg, P1, "https://m.example.com/a.mp4", TS, TRACE, &req, err),
        BASE "v1/phone/uploadFile", "geelark/phone_uploadFile/sample_response.http", CLOUDPHONE_STATUS_OK);
  ROUND(cloudphone_geelark_get_upload_result_build(cfg, "1850726441252560001", TS, TRACE, &req, err),
        BASE "v1/phone/uploadFile/result", "geelark/phone_uploadFile_result/sample_response.http",
        CLOUDPHONE_STATUS_OK);
  ROUND(cloudphone_geelark_upload_keybox_build(cfg, P1, "https://m.example.com/k.xml", TS, TRACE, &req, err),
        BASE "v1/phone/keyboxUpload", "geelark/phone_keyboxUpload/sample_response.http", CLOUDPHONE_STATUS_OK);
  ROUND(cloudphone_geelark_get_keybox_result_build(cfg, "1850726441252560002", TS, TRACE, &req, err),
        BASE "v1/phone/keyboxUpload/result", "geelark/phone_keyboxUpload_result/sample_response.http",
        CLOUDPHONE_STATUS_OK);
  req = NULL;
  CHECK(cloudphone_geelark_get_upload_url_build(cfg, "exe", TS, TRACE, &req, NULL) == CLOUDPHONE_STATUS_INVALID_INPUT);
  CHECK(cloudphone_geelark_upload_file_build(cfg, "ftp://x", NULL, 0, TS, TRACE, &req, NULL) ==
        CLOUDPHONE_STATUS_INVALID_INPUT);
  CHECK(req == NULL);
}

static void test_phone_tools(void) {
  cloudphone_request *req = NULL;
  cloudphone_result *res = NULL;
  cloudphone_error *err = NULL;
  static const char *const two[] = {P1, "699999999999999999"};
  static const char *const pkgs[] = {"com.zhiliaoapp.musically"};
  static const char *const opts[] = {"name", "proxy"};
  ROUND(cloudphone_geelark_send_sms_build(cfg, P1, "+6591234567", "code 482913", TS, TRACE, &req, err),
        BASE "v1/phone/sendSms", "geelark/phone_sendSms/error_52001.http", CLOUDPHONE_STATUS_API);
  ROUND(cloudphone_geelark_set_net_type_build(cfg, P1, false, TS, TRACE, &req, err), BASE "v1/phone/net/set",
        "geelark/phone_net_set/sample_response.http", CLOUDPHONE_STATUS_OK);
  BUILD(cloudphone_geelark_hide_accessibility_build(cfg, two, 2, pkgs, 1, TS, TRACE, &req, err),
        BASE "v1/phone/hideAccessibility");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "geelark/phone_hideAccessibility/sample_response.http",
                      CLOUDPHONE_STATUS_OK, &err);
  CHECK(cloudphone_result_item_count(res) == 1 && cloudphone_result_failure_count(res) == 1);
  cloudphone_result_free(res);
  cloudphone_request_free(req);
  res = NULL;
  ROUND(cloudphone_geelark_move_to_group_build(cfg, two, 1, "0", TS, TRACE, &req, err), BASE "v1/phone/moveGroup",
        "geelark/phone_moveGroup/sample_response.http", CLOUDPHONE_STATUS_OK);
  ROUND(cloudphone_geelark_set_root_build(cfg, two, 2, true, TS, TRACE, &req, err), BASE "v1/root/setStatus",
        "geelark/root_setStatus/sample_response.http", CLOUDPHONE_STATUS_OK);
  ROUND(cloudphone_geelark_import_contacts_build(cfg, P1, "[{\"firstName\":\"Ana\",\"mobile\":\"+65\"}]", TS, TRACE,
                                                 &req, err),
        BASE "v1/phone/importContacts", "geelark/phone_importContacts/sample_response.http", CLOUDPHONE_STATUS_OK);
  ROUND(cloudphone_geelark_get_contacts_result_build(cfg, "1912345678901234567", TS, TRACE, &req, err),
        BASE "v1/phone/importContactsResult", "geelark/phone_importContactsResult/sample_response.http",
        CLOUDPHONE_STATUS_OK);
  ROUND(cloudphone_geelark_transfer_phones_build(cfg, two, 2, "colleague@example.com", opts, 2, TS, TRACE, &req, err),
        BASE "v1/phone/transfer", "geelark/phone_transfer/sample_response.http", CLOUDPHONE_STATUS_OK);
  ROUND(cloudphone_geelark_new_identity_build(cfg, P1, true, true, true, true, true, TS, TRACE, &req, err),
        BASE "v2/phone/newOne", "geelark/phone_newOne/error_43005.http", CLOUDPHONE_STATUS_API);
  ROUND(cloudphone_geelark_start_app_build(cfg, P1, "com.zhiliaoapp.musically", NULL, TS, TRACE, &req, err),
        BASE "v1/app/start", "geelark/app_start/sample_response.http", CLOUDPHONE_STATUS_OK);
  ROUND(cloudphone_geelark_stop_app_build(cfg, P1, "com.zhiliaoapp.musically", NULL, TS, TRACE, &req, err),
        BASE "v1/app/stop", "geelark/app_stop/not_installed_42005.http", CLOUDPHONE_STATUS_API);
  ROUND(cloudphone_geelark_app_batch_build(cfg, 3, "com.zhiliaoapp.musically", NULL, NULL, 0, TS, TRACE, &req, err),
        BASE "v1/app/operation/batch", "geelark/app_operation_batch/sample_response.http", CLOUDPHONE_STATUS_OK);
  /* Refused: both package and version, an unknown option, action 6, a contact without a number. */
  req = NULL;
  CHECK(cloudphone_geelark_start_app_build(cfg, P1, "a", "1", TS, TRACE, &req, NULL) ==
        CLOUDPHONE_STATUS_INVALID_INPUT);
  static const char *const bad_opt[] = {"everything"};
  CHECK(cloudphone_geelark_transfer_phones_build(cfg, two, 1, "a@b.c", bad_opt, 1, TS, TRACE, &req, NULL) ==
        CLOUDPHONE_STATUS_INVALID_INPUT);
  CHECK(cloudphone_geelark_app_batch_build(cfg, 6, "a", NULL, NULL, 0, TS, TRACE, &req, NULL) ==
        CLOUDPHONE_STATUS_INVALID_INPUT);
  CHECK(cloudphone_geelark_import_contacts_build(cfg, P1, "[{\"firstName\":\"A\"}]", TS, TRACE, &req, NULL) ==
        CLOUDPHONE_STATUS_INVALID_INPUT);
  CHECK(req == NULL);
}

int main(int argc, char **argv) {
  cloudphone_error *err = NULL;
  fixture_init(argc, argv);
  CHECK_STATUS(cloudphone_geelark_config_new_key(NULL, "app", "key", &cfg, &err), CLOUDPHONE_STATUS_OK, err);
  test_files();
  test_phone_tools();
  cloudphone_geelark_config_free(cfg);
  return check_report("geelark_files");
}
