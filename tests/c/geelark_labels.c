/* GeeLark groups, tags and the account through the sans-IO C API: build
 * (JSON arguments checked, misspelt fields refused), parse the recorded
 * answers into the generic cloudphone_result, page the lists. Every handle
 * is freed. */
#include "check.h"

#define BASE "https://openapi.geelark.com/open/v1/"
#define TS 1716972892166ULL
#define TRACE "db6094ab-3797-4186-84d5-b0b58eebad56"

static cloudphone_geelark_config *cfg;

#define BUILD(expr, path) BUILD_REQUEST((expr), BASE path)

static void done(cloudphone_request *req, cloudphone_result *res) {
  cloudphone_result_free(res);
  cloudphone_request_free(req);
}

static void test_groups_and_tags(void) {
  cloudphone_request *req, *next = NULL;
  cloudphone_result *res = NULL;
  cloudphone_error *err = NULL;
  static const char *const ids[] = {"605551234567890124", "605559999999999999"};

  BUILD(cloudphone_geelark_list_groups_build(cfg, 1, 10, "{\"names\":[\"warmup-batch-a\",\"does-not-exist\"]}", TS,
                                             TRACE, &req, err),
        "group/list");
  {
    /* Spelled out once: what PARSE_FIXTURE does. */
    fixture f;
    fixture_load(&f, "geelark/group_list/sample_response.http");
    CHECK_STATUS(cloudphone_request_parse(req, (uint16_t)f.status, f.headers, f.headers_len, f.body, f.body_len,
                                          &res, &err),
                 CLOUDPHONE_STATUS_OK, err);
    fixture_free(&f);
  }
  CHECK(cloudphone_result_item_count(res) == 1 && cloudphone_result_failure_count(res) == 1);
  CHECK_VIEW(cloudphone_result_field(res, "/labels/0/remark"), "first cohort");
  CHECK_STATUS(cloudphone_request_next(req, res, TS, TRACE, &next, &err), CLOUDPHONE_STATUS_OK, err);
  CHECK(next == NULL);
  done(req, res);

  BUILD(cloudphone_geelark_add_groups_build(cfg, "[{\"name\":\"warmup-batch-c\",\"remark\":\"third cohort\"}]", TS,
                                            TRACE, &req, err),
        "group/add");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "geelark/group_add/sample_response.http", CLOUDPHONE_STATUS_OK,
                      &err);
  CHECK(cloudphone_result_item_count(res) == 1 && cloudphone_result_failure_count(res) == 1);
  done(req, res);
  BUILD(cloudphone_geelark_update_groups_build(cfg, "[{\"id\":\"605551234567890123\",\"name\":\"a2\"}]", TS, TRACE, &req,
                                               err),
        "group/update");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "geelark/group_update/sample_response.http",
                      CLOUDPHONE_STATUS_OK, &err);
  done(req, res);
  BUILD(cloudphone_geelark_delete_groups_build(cfg, ids, 2, TS, TRACE, &req, err), "group/delete");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "geelark/group_delete/sample_response.http",
                      CLOUDPHONE_STATUS_OK, &err);
  CHECK(cloudphone_result_failure_count(res) == 1);
  done(req, res);

  BUILD(cloudphone_geelark_list_tags_build(cfg, 1, 10, "{\"colors\":[\"red\",\"blue\"]}", TS, TRACE, &req, err),
        "tag/list");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "geelark/tag_list/sample_response.http", CLOUDPHONE_STATUS_OK,
                      &err);
  CHECK(cloudphone_result_item_count(res) == 2);
  done(req, res);
  BUILD(cloudphone_geelark_add_tags_build(cfg, "[{\"name\":\"instagram\",\"color\":\"purple\"}]", TS, TRACE, &req, err),
        "tag/add");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "geelark/tag_add/sample_response.http", CLOUDPHONE_STATUS_OK,
                      &err);
  done(req, res);
  BUILD(cloudphone_geelark_update_tags_build(cfg, "[{\"id\":\"607771234567890001\",\"color\":\"green\"}]", TS, TRACE,
                                             &req, err),
        "tag/update");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "geelark/tag_update/sample_response.http", CLOUDPHONE_STATUS_OK,
                      &err);
  done(req, res);
  BUILD(cloudphone_geelark_delete_tags_build(cfg, ids, 1, TS, TRACE, &req, err), "tag/delete");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "geelark/tag_delete/sample_response.http", CLOUDPHONE_STATUS_OK,
                      &err);
  done(req, res);

  /* Refused: a misspelt filter, a colour on a group, an unknown colour, an update without an id. */
  req = NULL;
  CHECK(cloudphone_geelark_list_groups_build(cfg, 1, 10, "{\"name\":[\"x\"]}", TS, TRACE, &req, NULL) ==
        CLOUDPHONE_STATUS_INVALID_INPUT);
  CHECK(cloudphone_geelark_add_groups_build(cfg, "[{\"name\":\"g\",\"color\":\"red\"}]", TS, TRACE, &req, NULL) ==
        CLOUDPHONE_STATUS_INVALID_INPUT);
  CHECK(cloudphone_geelark_add_tags_build(cfg, "[{\"name\":\"t\",\"color\":\"orange\"}]", TS, TRACE, &req, NULL) ==
        CLOUDPHONE_STATUS_INVALID_INPUT);
  CHECK(cloudphone_geelark_update_tags_build(cfg, "[{\"name\":\"t\"}]", TS, TRACE, &req, NULL) ==
        CLOUDPHONE_STATUS_INVALID_INPUT);
  CHECK(req == NULL);
  CHECK(CLOUDPHONE_GEELARK_LABELS_MAX == 100);
}

static void test_account(void) {
  cloudphone_request *req;
  cloudphone_result *res;
  cloudphone_error *err = NULL;
  BUILD(cloudphone_geelark_auth_status_build(cfg, TS, TRACE, &req, err), "auth/status");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "geelark/auth_status/bad_token.http", CLOUDPHONE_STATUS_AUTH,
                      &err);
  cloudphone_error_free(err);
  err = NULL;
  done(req, res);
  BUILD(cloudphone_geelark_get_wallet_build(cfg, TS, TRACE, &req, err), "pay/wallet");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "geelark/pay_wallet/sample_response.http", CLOUDPHONE_STATUS_OK,
                      &err);
  CHECK_VIEW(cloudphone_result_field(res, "/wallet/balance"), "248.35");
  done(req, res);
  BUILD(cloudphone_geelark_get_plan_build(cfg, TS, TRACE, &req, err), "pay/plan/info");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "geelark/pay_plan_info/sample_response.http",
                      CLOUDPHONE_STATUS_OK, &err);
  CHECK_VIEW(cloudphone_result_field(res, "/plan/available_profiles"), "37");
  done(req, res);
  BUILD(cloudphone_geelark_list_profile_plans_build(cfg, TS, TRACE, &req, err), "pay/profiles/list");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "geelark/pay_profiles_list/sample_response.http",
                      CLOUDPHONE_STATUS_OK, &err);
  CHECK_VIEW(cloudphone_result_field(res, "/plans/1/env_num"), "20");
  done(req, res);
  BUILD(cloudphone_geelark_list_brands_build(cfg, 13, TS, TRACE, &req, err), "phone/brand/list");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "geelark/phone_brand_list/sample_response.http",
                      CLOUDPHONE_STATUS_OK, &err);
  CHECK_VIEW(cloudphone_result_field(res, "/brands/1/surface_model_name"), "Pixel 7");
  done(req, res);
  BUILD(cloudphone_geelark_get_serial_number_build(cfg, "612345678901234567", TS, TRACE, &req, err),
        "phone/serialNum/get");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "geelark/phone_serialNum_get/sample_response.http",
                      CLOUDPHONE_STATUS_OK, &err);
  CHECK_VIEW(cloudphone_result_field(res, "/serial_num"), "k7q2mz9x4wd");
  done(req, res);
  req = NULL;
  CHECK(cloudphone_geelark_list_brands_build(cfg, 9, TS, TRACE, &req, NULL) == CLOUDPHONE_STATUS_INVALID_INPUT);
  CHECK(req == NULL);
}

static void test_team(void) {
  cloudphone_request *req = NULL, *next = NULL;
  cloudphone_result *res = NULL;
  cloudphone_error *err = NULL;
  static const char *const ids[] = {"620001234567890001", "620009999999999999"};
  BUILD(cloudphone_geelark_list_proxy_groups_build(cfg, 1, 100, NULL, TS, TRACE, &req, err), "proxyGroup/search");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "geelark/proxyGroup_search/inferred.http", CLOUDPHONE_STATUS_OK,
                      &err);
  CHECK(cloudphone_result_item_count(res) == 2);
  CHECK_STATUS(cloudphone_request_next(req, res, TS, TRACE, &next, &err), CLOUDPHONE_STATUS_OK, err);
  CHECK(next == NULL);
  done(req, res);
  BUILD(cloudphone_geelark_add_proxy_group_build(cfg, "resi", TS, TRACE, &req, err), "proxyGroup/add");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "geelark/proxyGroup_add/name_taken_45010.http",
                      CLOUDPHONE_STATUS_API, &err);
  cloudphone_error_free(err);
  err = NULL;
  done(req, res);
  BUILD(cloudphone_geelark_rename_proxy_group_build(cfg, "1", "resi-sg", TS, TRACE, &req, err), "proxyGroup/update");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "geelark/proxyGroup_update/inferred.http", CLOUDPHONE_STATUS_OK,
                      &err);
  done(req, res);
  BUILD(cloudphone_geelark_delete_proxy_groups_build(cfg, ids, 2, TS, TRACE, &req, err), "proxyGroup/del");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "geelark/proxyGroup_del/inferred.http", CLOUDPHONE_STATUS_OK,
                      &err);
  CHECK(cloudphone_result_failure_count(res) == 1);
  done(req, res);
  BUILD(cloudphone_geelark_clone_phone_build(cfg, "612345678901234567", 2, NULL, true, false, true, true, false, TS,
                                             TRACE, &req, err),
        "phone/clone");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "geelark/phone_clone/inferred.http", CLOUDPHONE_STATUS_OK, &err);
  CHECK(cloudphone_result_item_count(res) == 2);
  done(req, res);
  BUILD(cloudphone_geelark_upload_app_build(cfg, "https://m.example.com/app.apk", NULL, TS, TRACE, &req, err),
        "app/upload");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "geelark/app_upload/sample_response.http", CLOUDPHONE_STATUS_OK,
                      &err);
  done(req, res);
  BUILD(cloudphone_geelark_get_app_upload_status_build(cfg, "1830906144634750001", TS, TRACE, &req, err),
        "app/upload/status");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "geelark/app_upload_status/sample_response.http",
                      CLOUDPHONE_STATUS_OK, &err);
  CHECK_VIEW(cloudphone_result_field(res, "/upload/version_id"), "1813124121435880001");
  done(req, res);
  BUILD(cloudphone_geelark_list_team_apps_build(cfg, 1, 20, TS, TRACE, &req, err), "app/teamApp/list");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "geelark/app_teamApp_list/sample_response.http",
                      CLOUDPHONE_STATUS_OK, &err);
  CHECK(cloudphone_result_item_count(res) == 1);
  done(req, res);
  BUILD(cloudphone_geelark_import_flow_build(cfg, "{\"nodes\":[]}", NULL, TS, TRACE, &req, err), "task/flow/import");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "geelark/task_flow_import/inferred.http", CLOUDPHONE_STATUS_OK,
                      &err);
  done(req, res);
  BUILD(cloudphone_geelark_export_flow_build(cfg, "562316072435340001", TS, TRACE, &req, err), "task/flow/export");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "geelark/task_flow_export/inferred.http", CLOUDPHONE_STATUS_OK,
                      &err);
  CHECK(view_contains(cloudphone_result_field(res, "/gal"), "nodes"));
  done(req, res);
  req = NULL;
  CHECK(cloudphone_geelark_clone_phone_build(cfg, "1", 0, NULL, false, false, false, false, false, TS, TRACE, &req,
                                             NULL) == CLOUDPHONE_STATUS_INVALID_INPUT);
  CHECK(cloudphone_geelark_import_flow_build(cfg, "not json", NULL, TS, TRACE, &req, NULL) ==
        CLOUDPHONE_STATUS_INVALID_INPUT);
  CHECK(req == NULL);
}

static void test_team_app_settings(void) {
  cloudphone_request *req = NULL;
  cloudphone_result *res = NULL;
  cloudphone_error *err = NULL;
  static const char *const groups[] = {"0"};
  static const char *const domains[] = {"ads.example.com"};
#define ENVELOPE(expr, path, dir)                                                                                  \
  do {                                                                                                             \
    BUILD(expr, path);                                                                                             \
    res = PARSE_FIXTURE(cloudphone_request_parse, req, "geelark/" dir "/envelope_only.http", CLOUDPHONE_STATUS_OK, \
                        &err);                                                                                     \
    done(req, res);                                                                                                \
  } while (0)
  ENVELOPE(cloudphone_geelark_add_team_app_build(cfg, "1", "2", groups, 1, TS, TRACE, &req, err), "app/add", "app_add");
  ENVELOPE(cloudphone_geelark_remove_team_app_build(cfg, "1", TS, TRACE, &req, err), "app/remove", "app_remove");
  ENVELOPE(cloudphone_geelark_set_app_auth_build(cfg, "1", true, TS, TRACE, &req, err), "app/auth/status",
           "app_auth_status");
  ENVELOPE(cloudphone_geelark_set_app_auto_start_build(cfg, "1", true, TS, TRACE, &req, err), "app/setAutoStart",
           "app_setAutoStart");
  ENVELOPE(cloudphone_geelark_set_app_keep_alive_build(cfg, "1", true, TS, TRACE, &req, err), "app/setKeepAlive",
           "app_setKeepAlive");
  ENVELOPE(cloudphone_geelark_set_app_root_build(cfg, "1", false, TS, TRACE, &req, err), "app/root", "app_root");
  ENVELOPE(cloudphone_geelark_set_app_hidden_build(cfg, "1", true, TS, TRACE, &req, err), "app/setHide",
           "app_setHide");
  ENVELOPE(cloudphone_geelark_set_app_auto_install_build(cfg, "1", true, NULL, 0, TS, TRACE, &req, err),
           "app/setStatus", "app_setStatus");
  ENVELOPE(cloudphone_geelark_set_net_config_build(cfg, domains, 1, TS, TRACE, &req, err), "phone/netConfig/set",
           "phone_netConfig_set");
#undef ENVELOPE
  BUILD(cloudphone_geelark_get_net_config_build(cfg, TS, TRACE, &req, err), "phone/netConfig/get");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "geelark/phone_netConfig_get/inferred.http", CLOUDPHONE_STATUS_OK,
                      &err);
  CHECK_VIEW(cloudphone_result_field(res, "/black_list/1"), "tracker.example.net");
  done(req, res);
  static const char *const four[] = {"a.com", "b.com", "c.com", "d.com"};
  req = NULL;
  CHECK(cloudphone_geelark_set_net_config_build(cfg, four, 4, TS, TRACE, &req, NULL) == CLOUDPHONE_STATUS_INVALID_INPUT);
  CHECK(req == NULL);
}

static void test_patches(void) {
  cloudphone_request *req = NULL;
  cloudphone_result *res = NULL;
  cloudphone_error *err = NULL;
  BUILD(cloudphone_geelark_install_patch_build(cfg, "612345678901234567", "https://m.example.com/p.apk", TS, TRACE,
                                               &req, err),
        "phone/patch/install");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "geelark/phone_patch_install/unsupported_53001.http",
                      CLOUDPHONE_STATUS_API, &err);
  cloudphone_error_free(err);
  err = NULL;
  done(req, res);
  BUILD(cloudphone_geelark_get_patch_status_build(cfg, "1950000000000000001", NULL, NULL, TS, TRACE, &req, err),
        "phone/patch/install/status");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "geelark/phone_patch_install_status/inferred.http",
                      CLOUDPHONE_STATUS_OK, &err);
  CHECK_VIEW(cloudphone_result_field(res, "/state"), "succeeded");
  done(req, res);
  BUILD(cloudphone_geelark_list_patches_build(cfg, "612345678901234567", TS, TRACE, &req, err), "phone/patch/list");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "geelark/phone_patch_list/inferred.http", CLOUDPHONE_STATUS_OK,
                      &err);
  CHECK(cloudphone_result_item_count(res) == 1);
  done(req, res);
  BUILD(cloudphone_geelark_uninstall_patch_build(cfg, "612345678901234567", "1950000000000000101", TS, TRACE, &req,
                                                 err),
        "phone/patch/uninstall");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "geelark/phone_patch_uninstall/inferred.http",
                      CLOUDPHONE_STATUS_OK, &err);
  CHECK_VIEW(cloudphone_result_field(res, "/ok"), "true");
  done(req, res);
  BUILD(cloudphone_geelark_customize_build(cfg, "{\"title\":\"Acme\",\"toolBarSettings\":[{\"toolBar\":\"rotate\"}]}",
                                           TS, TRACE, &req, err),
        "phone/customization");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "geelark/phone_customization/envelope_only.http",
                      CLOUDPHONE_STATUS_OK, &err);
  done(req, res);
  req = NULL;
  CHECK(cloudphone_geelark_get_patch_status_build(cfg, "1", "2", NULL, TS, TRACE, &req, NULL) ==
        CLOUDPHONE_STATUS_INVALID_INPUT);
  CHECK(cloudphone_geelark_customize_build(cfg, "{\"titel\":\"x\"}", TS, TRACE, &req, NULL) ==
        CLOUDPHONE_STATUS_INVALID_INPUT);
  CHECK(req == NULL);
}

int main(int argc, char **argv) {
  cloudphone_error *err = NULL;
  fixture_init(argc, argv);
  CHECK_STATUS(cloudphone_geelark_config_new_key(NULL, "app", "key", &cfg, &err), CLOUDPHONE_STATUS_OK, err);
  test_groups_and_tags();
  test_account();
  test_team();
  test_team_app_settings();
  test_patches();
  cloudphone_geelark_config_free(cfg);
  return check_report("geelark_labels");
}
