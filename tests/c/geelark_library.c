/* GeeLark's material library, analytics, billing actions and team brands
 * through the sans-IO C API: build (arguments checked before anything is
 * built, misspelt JSON fields refused), parse the recorded answers into
 * the generic cloudphone_result, page the lists and the transaction cursor
 * with the generic next. Every handle is freed. */
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

/* The next page of `req` after `res`: NULL when the listing ended. */
static cloudphone_request *next_of(cloudphone_request *req, cloudphone_result *res) {
  cloudphone_request *next = NULL;
  cloudphone_error *err = NULL;
  CHECK_STATUS(cloudphone_request_next(req, res, TS, TRACE, &next, &err), CLOUDPHONE_STATUS_OK, err);
  return next;
}

static void test_materials(void) {
  cloudphone_request *req = NULL;
  cloudphone_result *res = NULL;
  cloudphone_error *err = NULL;
  static const char *const tags[] = {"1950000000000000301"};
  static const char *const ids[] = {"1950000000000000201", "1950000000000000202"};

  BUILD(cloudphone_geelark_get_material_upload_url_build(cfg, "mp4", TS, TRACE, &req, err), "material/getUploadUrl");
  {
    /* Spelled out once: what PARSE_FIXTURE does. */
    fixture f;
    fixture_load(&f, "geelark/material_getUploadUrl/documented.http");
    CHECK_STATUS(cloudphone_request_parse(req, (uint16_t)f.status, f.headers, f.headers_len, f.body, f.body_len,
                                          &res, &err),
                 CLOUDPHONE_STATUS_OK, err);
    fixture_free(&f);
  }
  CHECK_VIEW(cloudphone_result_field(res, "/resource_url"), "https://material.geelark.com/m/abc.mp4");
  done(req, res);

  BUILD(cloudphone_geelark_create_material_build(cfg, "https://material.geelark.com/m/abc.mp4", tags, 1, "intro.mp4",
                                                 TS, TRACE, &req, err),
        "material/create");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "geelark/material_create/tag_not_found_43022.http",
                      CLOUDPHONE_STATUS_OK, &err);
  CHECK(cloudphone_result_item_count(res) == 1 && cloudphone_result_failure_count(res) == 1);
  done(req, res);

  BUILD(cloudphone_geelark_delete_materials_build(cfg, ids, 2, TS, TRACE, &req, err), "material/del");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "geelark/material_del/partial.http", CLOUDPHONE_STATUS_OK, &err);
  CHECK(cloudphone_result_item_count(res) == 1 && cloudphone_result_failure_count(res) == 1);
  done(req, res);

  BUILD(cloudphone_geelark_search_materials_build(cfg, 1, 200, "{\"fileType\":[2],\"tagIds\":[\"1\"],\"source\":0}", TS,
                                                  TRACE, &req, err),
        "material/search");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "geelark/material_search/documented.http", CLOUDPHONE_STATUS_OK,
                      &err);
  CHECK(cloudphone_result_item_count(res) == 1);
  CHECK_VIEW(cloudphone_result_field(res, "/materials/0/tags/0/name"), "promo");
  CHECK(next_of(req, res) == NULL);
  done(req, res);

  BUILD(cloudphone_geelark_create_material_tag_build(cfg, "promo", 1, TS, TRACE, &req, err), "material/tag/create");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "geelark/material_tag_create/name_exists_60002.http",
                      CLOUDPHONE_STATUS_API, &err);
  cloudphone_error_free(err);
  err = NULL;
  done(req, res);

  BUILD(cloudphone_geelark_delete_material_tags_build(cfg, tags, 1, TS, TRACE, &req, err), "material/tag/del");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "geelark/material_tag_del/documented.http", CLOUDPHONE_STATUS_OK,
                      &err);
  CHECK(cloudphone_result_item_count(res) == 1);
  done(req, res);

  BUILD(cloudphone_geelark_search_material_tags_build(cfg, 1, 1, NULL, TS, TRACE, &req, err), "material/tag/search");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "geelark/material_tag_search/documented.http",
                      CLOUDPHONE_STATUS_OK, &err);
  CHECK(cloudphone_result_item_count(res) == 2);
  {
    /* total 2 in pages of 1: page 2 follows. */
    cloudphone_request *next = next_of(req, res);
    CHECK(next != NULL);
    cloudphone_request_free(next);
  }
  done(req, res);

  BUILD(cloudphone_geelark_set_material_tags_build(cfg, ids, 2, NULL, 0, TS, TRACE, &req, err), "material/tag/set");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "geelark/material_tag_set/material_not_found_60005.http",
                      CLOUDPHONE_STATUS_OK, &err);
  CHECK(cloudphone_result_item_count(res) == 1 && cloudphone_result_failure_count(res) == 1);
  done(req, res);

  req = NULL;
  CHECK(cloudphone_geelark_get_material_upload_url_build(cfg, "exe", TS, TRACE, &req, NULL) ==
        CLOUDPHONE_STATUS_INVALID_INPUT);
  CHECK(cloudphone_geelark_search_materials_build(cfg, 1, 10, "{\"tagsIds\":[]}", TS, TRACE, &req, NULL) ==
        CLOUDPHONE_STATUS_INVALID_INPUT);
  CHECK(cloudphone_geelark_create_material_tag_build(cfg, "x", 6, TS, TRACE, &req, NULL) ==
        CLOUDPHONE_STATUS_INVALID_INPUT);
  CHECK(req == NULL);
}

static void test_analytics(void) {
  cloudphone_request *req = NULL;
  cloudphone_result *res = NULL;
  cloudphone_error *err = NULL;
  static const char *const ids[] = {"7", "8"};

  BUILD(cloudphone_geelark_list_analytics_accounts_build(cfg, 1, 10, "{\"channel\":0}", TS, TRACE, &req, err),
        "analytics/accounts/list");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "geelark/analytics_accounts_list/documented.http",
                      CLOUDPHONE_STATUS_OK, &err);
  CHECK(cloudphone_result_item_count(res) == 1);
  CHECK_VIEW(cloudphone_result_field(res, "/accounts/0/account"), "tk_acc");
  CHECK(next_of(req, res) == NULL);
  done(req, res);

  BUILD(cloudphone_geelark_add_analytics_accounts_build(cfg, 4, "[{\"account\":\"acc1\",\"remark\":\"n\"},{\"account\":\"acc2\"}]",
                                                        TS, TRACE, &req, err),
        "analytics/accounts/add");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "geelark/analytics_accounts_add/documented.http",
                      CLOUDPHONE_STATUS_OK, &err);
  CHECK_VIEW(cloudphone_result_field(res, "/biz_code"), "2");
  done(req, res);

  BUILD(cloudphone_geelark_delete_analytics_account_build(cfg, 0, "acc1", TS, TRACE, &req, err),
        "analytics/accounts/delete");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "geelark/analytics_accounts_delete/envelope_only.http",
                      CLOUDPHONE_STATUS_OK, &err);
  done(req, res);

  BUILD(cloudphone_geelark_update_analytics_account_build(cfg, "565523829426802069", "{\"remark\":\"r\",\"tagIds\":[\"7\"]}",
                                                          TS, TRACE, &req, err),
        "analytics/accounts/update");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "geelark/analytics_accounts_update/envelope_only.http",
                      CLOUDPHONE_STATUS_OK, &err);
  done(req, res);

  BUILD(cloudphone_geelark_get_analytics_data_build(cfg, 1, 10, "{\"account\":\"tk_acc\",\"dataDate\":1764137986}", TS,
                                                    TRACE, &req, err),
        "analytics/data");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "geelark/analytics_data/documented.http", CLOUDPHONE_STATUS_OK,
                      &err);
  CHECK_VIEW(cloudphone_result_field(res, "/records/0/share_count"), "-1");
  CHECK(next_of(req, res) == NULL);
  done(req, res);

  BUILD(cloudphone_geelark_list_analytics_tags_build(cfg, 1, 200, "bra", TS, TRACE, &req, err), "analytics/tags/list");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "geelark/analytics_tags_list/inferred.http", CLOUDPHONE_STATUS_OK,
                      &err);
  CHECK(cloudphone_result_item_count(res) == 1);
  CHECK(next_of(req, res) == NULL);
  done(req, res);

  BUILD(cloudphone_geelark_create_analytics_tag_build(cfg, "brand", 3, TS, TRACE, &req, err), "analytics/tags/create");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "geelark/analytics_tags_create/inferred.http",
                      CLOUDPHONE_STATUS_OK, &err);
  CHECK_VIEW(cloudphone_result_field(res, "/id"), "7");
  done(req, res);

  BUILD(cloudphone_geelark_update_analytics_tag_build(cfg, "7", NULL, 4, TS, TRACE, &req, err),
        "analytics/tags/update");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "geelark/analytics_tags_update/envelope_only.http",
                      CLOUDPHONE_STATUS_OK, &err);
  done(req, res);

  BUILD(cloudphone_geelark_delete_analytics_tags_build(cfg, ids, 2, TS, TRACE, &req, err), "analytics/tags/del");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "geelark/analytics_tags_del/inferred_failure.http",
                      CLOUDPHONE_STATUS_OK, &err);
  CHECK(cloudphone_result_item_count(res) == 1 && cloudphone_result_failure_count(res) == 1);
  done(req, res);

  req = NULL;
  CHECK(cloudphone_geelark_add_analytics_accounts_build(cfg, 3, "[{\"account\":\"a\"}]", TS, TRACE, &req, NULL) ==
        CLOUDPHONE_STATUS_INVALID_INPUT);
  CHECK(cloudphone_geelark_add_analytics_accounts_build(cfg, 0, "[{\"acount\":\"a\"}]", TS, TRACE, &req, NULL) ==
        CLOUDPHONE_STATUS_INVALID_INPUT);
  CHECK(cloudphone_geelark_update_analytics_account_build(cfg, "1", "{}", TS, TRACE, &req, NULL) ==
        CLOUDPHONE_STATUS_INVALID_INPUT);
  CHECK(cloudphone_geelark_update_analytics_tag_build(cfg, "7", NULL, -1, TS, TRACE, &req, NULL) ==
        CLOUDPHONE_STATUS_INVALID_INPUT);
  CHECK(req == NULL);
}

static void test_billing(void) {
  cloudphone_request *req = NULL, *next = NULL;
  cloudphone_result *res = NULL;
  cloudphone_error *err = NULL;

  BUILD(cloudphone_geelark_upgrade_plan_build(cfg, "512719311391940001", 10, 5, 90, "WINTER-26", TS, TRACE, &req, err),
        "pay/plan/upgrade");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "geelark/pay_plan_upgrade/downgrade_41002.http",
                      CLOUDPHONE_STATUS_API, &err);
  CHECK_VIEW(cloudphone_error_provider_code(err), "41002");
  cloudphone_error_free(err);
  err = NULL;
  done(req, res);

  BUILD(cloudphone_geelark_renew_plan_build(cfg, 30, NULL, TS, TRACE, &req, err), "pay/plan/continue");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "geelark/pay_plan_continue/envelope_only.http",
                      CLOUDPHONE_STATUS_OK, &err);
  done(req, res);

  BUILD(cloudphone_geelark_buy_time_add_on_build(cfg, 2000, NULL, TS, TRACE, &req, err), "pay/timeAddOn/buy");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "geelark/pay_timeAddOn_buy/envelope_only.http",
                      CLOUDPHONE_STATUS_OK, &err);
  done(req, res);

  BUILD(cloudphone_geelark_recharge_wallet_build(cfg, 1, 100, TS, TRACE, &req, err), "pay/wallet/recharge");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "geelark/pay_wallet_recharge/documented.http",
                      CLOUDPHONE_STATUS_OK, &err);
  CHECK_VIEW(cloudphone_result_field(res, "/order_id"), "R202612050001");
  done(req, res);

  BUILD(cloudphone_geelark_list_transactions_build(cfg, NULL, 0, 0, 2, NULL, TS, TRACE, &req, err),
        "billing/transaction/detail");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "geelark/billing_transaction_detail/inferred.http",
                      CLOUDPHONE_STATUS_OK, &err);
  CHECK(cloudphone_result_item_count(res) == 2);
  next = next_of(req, res);
  CHECK(next != NULL);
  if (next) {
    CHECK_VIEW(cloudphone_request_url(next), BASE "billing/transaction/detail");
    cloudphone_request_free(next);
  }
  done(req, res);

  BUILD(cloudphone_geelark_list_team_brands_build(cfg, 12, 1, 100, TS, TRACE, &req, err), "phone/brand/teamList");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "geelark/phone_brand_teamList/inferred_paged.http",
                      CLOUDPHONE_STATUS_OK, &err);
  CHECK_VIEW(cloudphone_result_field(res, "/brands/0/surface_model_name"), "A1 Pro");
  CHECK(next_of(req, res) == NULL);
  done(req, res);

  req = NULL;
  CHECK(cloudphone_geelark_renew_plan_build(cfg, 31, NULL, TS, TRACE, &req, NULL) == CLOUDPHONE_STATUS_INVALID_INPUT);
  CHECK(cloudphone_geelark_buy_time_add_on_build(cfg, 1000, NULL, TS, TRACE, &req, NULL) ==
        CLOUDPHONE_STATUS_INVALID_INPUT);
  CHECK(cloudphone_geelark_recharge_wallet_build(cfg, 3, 100, TS, TRACE, &req, NULL) ==
        CLOUDPHONE_STATUS_INVALID_INPUT);
  CHECK(cloudphone_geelark_recharge_wallet_build(cfg, 1, 5000, TS, TRACE, &req, NULL) ==
        CLOUDPHONE_STATUS_INVALID_INPUT);
  CHECK(cloudphone_geelark_list_transactions_build(cfg, NULL, 10, 5, 100, NULL, TS, TRACE, &req, NULL) ==
        CLOUDPHONE_STATUS_INVALID_INPUT);
  CHECK(cloudphone_geelark_list_team_brands_build(cfg, 8, 1, 10, TS, TRACE, &req, NULL) ==
        CLOUDPHONE_STATUS_INVALID_INPUT);
  CHECK(req == NULL);
}

int main(int argc, char **argv) {
  cloudphone_error *err = NULL;
  fixture_init(argc, argv);
  CHECK_STATUS(cloudphone_geelark_config_new_key(NULL, "app", "key", &cfg, &err), CLOUDPHONE_STATUS_OK, err);
  test_materials();
  test_analytics();
  test_billing();
  cloudphone_geelark_config_free(cfg);
  return check_report("geelark_library");
}
