/* Huawei images, server flavors, bandwidths and server operations through
 * the sans-IO C API: build (method, URL, body), parse the recorded answers
 * into the generic cloudphone_result, page the marker and offset listings
 * with cloudphone_request_next, and refuse bad options. Every handle is
 * freed. */
#include "check.h"

#define PROJECT "0a1b2c3d4e5f60718293a4b5c6d7e8f9"
#define BASE "https://cph.cn-north-4.myhuaweicloud.com/v1/" PROJECT "/cloud-phone/"
#define NOW_MS 1700000000000ULL

static cloudphone_huawei_config *cfg;

#define BUILD(expr, method, url) BUILD_REQUEST_AS((expr), (method), (url))

static void done(cloudphone_request *req, cloudphone_result *res) {
  cloudphone_result_free(res);
  cloudphone_request_free(req);
}

static void test_images(void) {
  cloudphone_request *req = NULL, *next = NULL;
  cloudphone_result *res = NULL;
  cloudphone_error *err = NULL;

  /* Phone images by marker: the answer names the next marker, which the
   * next request sends; a last page without one ends the listing. */
  BUILD(cloudphone_huawei_list_phone_images_build(cfg, "{\"image_type\":\"all\",\"limit\":2}", NOW_MS, NULL,
                                                  &req, err),
        "GET", BASE "phone-images?image_type=all&limit=2");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "huawei/list_phone_images/two_images_and_a_marker.http",
                      CLOUDPHONE_STATUS_OK, &err);
  CHECK_VIEW(cloudphone_result_operation(res), "huawei.list_phone_images");
  CHECK(cloudphone_result_item_count(res) == 2);
  CHECK_VIEW(item_id(res, 0), "1b4c1a0b2c3d4e5f60718293a4b5c6d7");
  CHECK_VIEW(cloudphone_result_field(res, "/phone_images/1/receive_status"), "0");
  CHECK_STATUS(cloudphone_request_next(req, res, NOW_MS, NULL, &next, &err), CLOUDPHONE_STATUS_OK, err);
  CHECK(next != NULL);
  CHECK(view_contains(cloudphone_request_url(next), "marker=9e8d7c6b5a4f30211203f4e5d6c7b8a9"));
  done(req, res);
  req = next;
  next = NULL;
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "huawei/list_phone_images/last_page_without_marker.http",
                      CLOUDPHONE_STATUS_OK, &err);
  CHECK_STATUS(cloudphone_request_next(req, res, NOW_MS, NULL, &next, &err), CLOUDPHONE_STATUS_OK, err);
  CHECK(next == NULL);
  done(req, res);

  /* Custom images by offset, with a total and filters. */
  BUILD(cloudphone_huawei_list_images_build(cfg, 0, 1, "{\"image_type\":\"private\",\"status\":1}", NOW_MS,
                                            NULL, &req, err),
        "GET", BASE "images?image_type=private&limit=1&offset=0&status=1");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "huawei/list_images/one_of_three.http", CLOUDPHONE_STATUS_OK,
                      &err);
  CHECK(cloudphone_result_total(res) == 3);
  CHECK_VIEW(item_id(res, 0), "a1b2c3d4e5f60718293a4b5c6d7e8f90");
  CHECK_STATUS(cloudphone_request_next(req, res, NOW_MS, NULL, &next, &err), CLOUDPHONE_STATUS_OK, err);
  CHECK(next != NULL && view_contains(cloudphone_request_url(next), "offset=1"));
  cloudphone_request_free(next);
  next = NULL;
  done(req, res);

  /* Refused before anything is built: a typo, a wrong kind, a bad status. */
  req = NULL;
  CHECK(cloudphone_huawei_list_phone_images_build(cfg, "{\"imagetype\":\"all\"}", NOW_MS, NULL, &req, &err) ==
        CLOUDPHONE_STATUS_INVALID_INPUT);
  cloudphone_error_free(err);
  err = NULL;
  CHECK(cloudphone_huawei_list_images_build(cfg, 0, 10, "{\"image_type\":\"public\"}", NOW_MS, NULL, &req, &err) ==
        CLOUDPHONE_STATUS_INVALID_INPUT);
  CHECK(view_contains(cloudphone_error_message(err), "image_type"));
  cloudphone_error_free(err);
  err = NULL;
  CHECK(cloudphone_huawei_list_images_build(cfg, 0, 101, NULL, NOW_MS, NULL, &req, NULL) ==
        CLOUDPHONE_STATUS_INVALID_INPUT);
  CHECK(req == NULL);
}

static void test_flavors_and_bandwidths(void) {
  cloudphone_request *req = NULL, *next = NULL;
  cloudphone_result *res = NULL;
  cloudphone_error *err = NULL;

  BUILD(cloudphone_huawei_list_server_models_build(cfg, "{\"product_type\":0}", NOW_MS, NULL, &req, err), "GET",
        BASE "server-models?limit=100&product_type=0");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "huawei/list_server_models/one_flavor.http",
                      CLOUDPHONE_STATUS_OK, &err);
  CHECK_VIEW(item_id(res, 0), "physical.rx1.xlarge");
  CHECK_VIEW(cloudphone_result_field(res, "/server_models/0/extend_spec/os_volume/size"), "500");
  /* An empty next_marker: the last page. */
  CHECK_STATUS(cloudphone_request_next(req, res, NOW_MS, NULL, &next, &err), CLOUDPHONE_STATUS_OK, err);
  CHECK(next == NULL);
  done(req, res);

  BUILD(cloudphone_huawei_list_bandwidths_build(cfg, 0, 2, NOW_MS, NULL, &req, err), "GET",
        BASE "bandwidths?limit=2&offset=0");
  {
    /* Spelled out once: what PARSE_FIXTURE does. */
    fixture f;
    res = NULL;
    fixture_load(&f, "huawei/list_bandwidths/two.http");
    CHECK_STATUS(cloudphone_request_parse(req, (uint16_t)f.status, f.headers, f.headers_len, f.body, f.body_len,
                                          &res, &err),
                 CLOUDPHONE_STATUS_OK, err);
    fixture_free(&f);
  }
  CHECK(cloudphone_result_item_count(res) == 2);
  CHECK_VIEW(item_id(res, 1), "bw-0002");
  CHECK_STATUS(cloudphone_request_next(req, res, NOW_MS, NULL, &next, &err), CLOUDPHONE_STATUS_OK, err);
  CHECK(next != NULL && view_contains(cloudphone_request_url(next), "offset=2"));
  cloudphone_request_free(next);
  done(req, res);
}

static void test_server_operations(void) {
  static const char *const servers[] = {"c1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6", "d1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d7"};
  static const char *const encoders[] = {"e1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6"};
  cloudphone_request *req = NULL;
  cloudphone_result *res = NULL;
  cloudphone_error *err = NULL;

  BUILD(cloudphone_huawei_restart_servers_build(cfg, servers, 2, NOW_MS, NULL, &req, err), "POST",
        BASE "servers/batch-restart");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "huawei/restart_servers/one_started_one_refused.http",
                      CLOUDPHONE_STATUS_OK, &err);
  CHECK(cloudphone_result_item_count(res) == 1 && cloudphone_result_failure_count(res) == 1);
  CHECK_VIEW(cloudphone_result_item_job_id(res, 0), "job-s1");
  CHECK_VIEW(cloudphone_item_failure_code(cloudphone_result_failure_at(res, 0)), "CPS.0009");
  done(req, res);

  BUILD(cloudphone_huawei_restart_encode_servers_build(cfg, encoders, 1, NOW_MS, NULL, &req, err), "POST",
        BASE "encode-servers/batch-restart");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "huawei/restart_encode_servers/one_started.http",
                      CLOUDPHONE_STATUS_OK, &err);
  CHECK_VIEW(item_id(res, 0), "e1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6");
  done(req, res);

  BUILD(cloudphone_huawei_rename_server_build(cfg, "c1b2", "\xe4\xba\x91-01", NOW_MS, NULL, &req, err), "PUT",
        BASE "servers/c1b2");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "huawei/rename_server/ok.http", CLOUDPHONE_STATUS_OK, &err);
  CHECK_VIEW(cloudphone_result_request_id(res), "rn1");
  cloudphone_result_free(res);
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "huawei/rename_server/error_in_a_200.http",
                      CLOUDPHONE_STATUS_API, &err);
  CHECK(res == NULL);
  CHECK_VIEW(cloudphone_error_provider_code(err), "CPS.0009");
  cloudphone_error_free(err);
  err = NULL;
  done(req, NULL);

  /* Names outside the documented alphabet, too many ids, none at all. */
  req = NULL;
  CHECK(cloudphone_huawei_rename_server_build(cfg, "c1", "caf\xc3\xa9", NOW_MS, NULL, &req, NULL) ==
        CLOUDPHONE_STATUS_INVALID_INPUT);
  CHECK(cloudphone_huawei_restart_servers_build(cfg, NULL, 0, NOW_MS, NULL, &req, NULL) ==
        CLOUDPHONE_STATUS_INVALID_INPUT);
  CHECK(CLOUDPHONE_HUAWEI_SERVER_ADMIN_MAX_IDS == 100);
  CHECK(req == NULL);
}

static void test_tags(void) {
  cloudphone_request *req = NULL, *next = NULL;
  cloudphone_result *res = NULL;
  cloudphone_error *err = NULL;

  BUILD(cloudphone_huawei_create_tags_build(cfg, "s1", "[{\"key\":\"env\",\"value\":\"prod\"}]", NOW_MS, NULL,
                                            &req, err),
        "POST", "https://cph.cn-north-4.myhuaweicloud.com/v1/" PROJECT "/cph-server/s1/tags/action");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "huawei/create_tags/no_content.http", CLOUDPHONE_STATUS_OK,
                      &err);
  CHECK_VIEW(cloudphone_result_request_id(res), "tg1");
  done(req, res);

  BUILD(cloudphone_huawei_delete_tags_build(cfg, "s1", "[{\"key\":\"env\"}]", NOW_MS, NULL, &req, err), "POST",
        "https://cph.cn-north-4.myhuaweicloud.com/v1/" PROJECT "/cph-server/s1/tags/action");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "huawei/delete_tags/no_content.http", CLOUDPHONE_STATUS_OK,
                      &err);
  done(req, res);

  BUILD(cloudphone_huawei_list_server_tags_build(cfg, "s1", NOW_MS, NULL, &req, err), "GET",
        "https://cph.cn-north-4.myhuaweicloud.com/v1/" PROJECT "/cph-server/s1/tags");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "huawei/list_server_tags/two.http", CLOUDPHONE_STATUS_OK, &err);
  CHECK(cloudphone_result_item_count(res) == 2);
  CHECK_VIEW(cloudphone_result_field(res, "/tags/1/value"), "games");
  done(req, res);

  BUILD(cloudphone_huawei_list_project_tags_build(cfg, 0, 1, NOW_MS, NULL, &req, err), "GET",
        "https://cph.cn-north-4.myhuaweicloud.com/v1/" PROJECT "/cph-server/tags?limit=1&offset=0");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "huawei/list_project_tags/keys.http", CLOUDPHONE_STATUS_OK,
                      &err);
  CHECK(cloudphone_result_total(res) == 2);
  CHECK_VIEW(cloudphone_result_field(res, "/tags/0/values/1"), "test");
  /* Both keys of the total are here: the listing is complete. */
  CHECK_STATUS(cloudphone_request_next(req, res, NOW_MS, NULL, &next, &err), CLOUDPHONE_STATUS_OK, err);
  CHECK(next == NULL);
  done(req, res);

  BUILD(cloudphone_huawei_list_tagged_servers_build(
            cfg, "{\"tags\":[{\"key\":\"env\",\"values\":[\"prod\"]}],\"limit\":1}", NOW_MS, NULL, &req, err),
        "POST", "https://cph.cn-north-4.myhuaweicloud.com/v1/" PROJECT "/cph-server/resource_instances/action");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "huawei/list_tagged_servers/filtered.http",
                      CLOUDPHONE_STATUS_OK, &err);
  CHECK_VIEW(item_id(res, 0), "c1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6");
  CHECK(cloudphone_result_total(res) == 1);
  CHECK_STATUS(cloudphone_request_next(req, res, NOW_MS, NULL, &next, &err), CLOUDPHONE_STATUS_OK, err);
  CHECK(next == NULL);
  done(req, res);

  /* Refused: a reserved key, no tags, tags beside without_any_tag, a typo. */
  req = NULL;
  CHECK(cloudphone_huawei_create_tags_build(cfg, "s1", "[{\"key\":\"_sys_x\",\"value\":\"1\"}]", NOW_MS, NULL,
                                            &req, &err) == CLOUDPHONE_STATUS_INVALID_INPUT);
  CHECK(view_contains(cloudphone_error_message(err), "_sys_"));
  cloudphone_error_free(err);
  err = NULL;
  CHECK(cloudphone_huawei_create_tags_build(cfg, "s1", "[]", NOW_MS, NULL, &req, NULL) ==
        CLOUDPHONE_STATUS_INVALID_INPUT);
  CHECK(cloudphone_huawei_list_tagged_servers_build(
            cfg, "{\"without_any_tag\":true,\"tags\":[{\"key\":\"a\"}]}", NOW_MS, NULL, &req, NULL) ==
        CLOUDPHONE_STATUS_INVALID_INPUT);
  CHECK(cloudphone_huawei_list_tagged_servers_build(cfg, "{\"tag\":[]}", NOW_MS, NULL, &req, NULL) ==
        CLOUDPHONE_STATUS_INVALID_INPUT);
  CHECK(CLOUDPHONE_HUAWEI_MAX_TAGS == 20);
  CHECK(req == NULL);
}

static void test_images_events_and_keys(void) {
  static const char *const servers[] = {"c1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6", "nope"};
  cloudphone_request *req = NULL, *next = NULL;
  cloudphone_result *res = NULL;
  cloudphone_error *err = NULL;

  BUILD(cloudphone_huawei_delete_image_build(cfg, "img1", NOW_MS, NULL, &req, err), "DELETE", BASE "images/img1");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "huawei/delete_image/ok.http", CLOUDPHONE_STATUS_OK, &err);
  CHECK_VIEW(cloudphone_result_request_id(res), "delete_image-1");
  cloudphone_result_free(res);
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "huawei/delete_image/error_in_a_200.http",
                      CLOUDPHONE_STATUS_API, &err);
  CHECK_VIEW(cloudphone_error_provider_code(err), "CPS.0017");
  cloudphone_error_free(err);
  err = NULL;
  done(req, NULL);

  BUILD(cloudphone_huawei_add_image_member_build(cfg, "img1", "proj2", NOW_MS, NULL, &req, err), "POST",
        BASE "images/img1/members");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "huawei/add_image_member/ok.http", CLOUDPHONE_STATUS_OK, &err);
  done(req, res);
  BUILD(cloudphone_huawei_delete_image_member_build(cfg, "img1", "proj2", NOW_MS, NULL, &req, err), "DELETE",
        BASE "images/img1/members/proj2");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "huawei/delete_image_member/ok.http", CLOUDPHONE_STATUS_OK,
                      &err);
  done(req, res);
  BUILD(cloudphone_huawei_update_image_member_build(cfg, "img9", true, NOW_MS, NULL, &req, err), "PUT",
        BASE "images/img9/members");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "huawei/update_image_member/ok.http", CLOUDPHONE_STATUS_OK,
                      &err);
  done(req, res);
  BUILD(cloudphone_huawei_list_image_members_build(cfg, "img1", 10, NOW_MS, NULL, &req, err), "GET",
        BASE "images/img1/members?limit=10");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "huawei/list_image_members/one.http", CLOUDPHONE_STATUS_OK,
                      &err);
  CHECK_VIEW(item_id(res, 0), "7f6e5d4c3b2a19080706050403020100");
  CHECK_STATUS(cloudphone_request_next(req, res, NOW_MS, NULL, &next, &err), CLOUDPHONE_STATUS_OK, err);
  CHECK(next == NULL);
  done(req, res);

  BUILD(cloudphone_huawei_list_server_model_offerings_build(cfg, 500, NOW_MS, NULL, &req, err), "GET",
        "https://cph.cn-north-4.myhuaweicloud.com/v1/" PROJECT "/server-model-offerings?limit=500");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "huawei/list_server_model_offerings/two_zones.http",
                      CLOUDPHONE_STATUS_OK, &err);
  CHECK(cloudphone_result_total(res) == 2);
  CHECK_VIEW(cloudphone_result_field(res, "/models/1/sell_status"), "sellout");
  CHECK_STATUS(cloudphone_request_next(req, res, NOW_MS, NULL, &next, &err), CLOUDPHONE_STATUS_OK, err);
  CHECK(next != NULL && view_contains(cloudphone_request_url(next), "marker="));
  cloudphone_request_free(next);
  next = NULL;
  done(req, res);

  BUILD(cloudphone_huawei_resize_bandwidth_build(cfg, "bw1", 350, NOW_MS, NULL, &req, err), "PUT",
        BASE "bandwidths/bw1");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "huawei/resize_bandwidth/ok.http", CLOUDPHONE_STATUS_OK, &err);
  done(req, res);

  BUILD(cloudphone_huawei_update_keypair_build(cfg, servers, 2, "kp-ops", NOW_MS, NULL, &req, err), "PUT",
        BASE "servers/open-access");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "huawei/update_keypair/one_started.http", CLOUDPHONE_STATUS_OK,
                      &err);
  CHECK(cloudphone_result_item_count(res) == 1 && cloudphone_result_failure_count(res) == 1);
  CHECK_VIEW(cloudphone_result_item_job_id(res, 0), "job-kp1");
  done(req, res);

  BUILD(cloudphone_huawei_list_events_build(cfg, "{\"state\":[\"inquiring\"],\"limit\":10}", NOW_MS, NULL, &req,
                                            err),
        "GET", BASE "scheduled-events?limit=10&state=inquiring");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "huawei/list_events/one.http", CLOUDPHONE_STATUS_OK, &err);
  CHECK_VIEW(item_id(res, 0), "4d0c2a1e-5b6f-4c8d-9e0f-1a2b3c4d5e6f");
  CHECK_VIEW(cloudphone_result_field(res, "/scheduled_events/0/not_before_deadline"), "2026-12-18T00:00:00Z");
  CHECK_STATUS(cloudphone_request_next(req, res, NOW_MS, NULL, &next, &err), CLOUDPHONE_STATUS_OK, err);
  CHECK(next == NULL);
  done(req, res);

  /* NOW_MS is 2023-11-14T22:13:20Z: an hour later is fine, a minute is too soon. */
  BUILD(cloudphone_huawei_authorize_event_build(cfg, "ev1", false, "2023-11-14T23:13:20Z", NOW_MS, NULL, &req, err),
        "POST", BASE "scheduled-events/ev1/authorize");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "huawei/authorize_event/ok.http", CLOUDPHONE_STATUS_OK, &err);
  done(req, res);
  BUILD(cloudphone_huawei_reschedule_event_build(cfg, "ev1", "2023-11-14T23:13:20Z", NOW_MS, NULL, &req, err), "PUT",
        BASE "scheduled-events/ev1");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "huawei/reschedule_event/ok.http", CLOUDPHONE_STATUS_OK, &err);
  done(req, res);
  req = NULL;
  CHECK(cloudphone_huawei_authorize_event_build(cfg, "ev1", false, "2023-11-14T22:14:20Z", NOW_MS, NULL, &req,
                                                &err) == CLOUDPHONE_STATUS_INVALID_INPUT);
  CHECK(view_contains(cloudphone_error_message(err), "five minutes"));
  cloudphone_error_free(err);
  err = NULL;
  CHECK(cloudphone_huawei_authorize_event_build(cfg, "ev1", true, "2023-11-14T23:13:20Z", NOW_MS, NULL, &req,
                                                NULL) == CLOUDPHONE_STATUS_INVALID_INPUT);
  CHECK(cloudphone_huawei_reschedule_event_build(cfg, "ev1", NULL, NOW_MS, NULL, &req, NULL) ==
        CLOUDPHONE_STATUS_NULL_ARGUMENT);
  CHECK(cloudphone_huawei_resize_bandwidth_build(cfg, "bw1", 301, NOW_MS, NULL, &req, NULL) ==
        CLOUDPHONE_STATUS_INVALID_INPUT);
  CHECK(req == NULL);
}

static void test_phone_data_and_sharing(void) {
  static const char *const phones[] = {"p1", "p2"};
  static const char *const servers[] = {"s1", "s2"};
  static const char *const paths[] = {"/data/media/a.txt"};
  const char *obs = "{\"bucket_name\":\"cph-apps\",\"object_path\":\"apps/a.tar\"}";
  cloudphone_request *req = NULL, *next = NULL;
  cloudphone_result *res = NULL;
  cloudphone_error *err = NULL;

  BUILD(cloudphone_huawei_backup_phones_build(
            cfg,
            "[{\"phone_id\":\"p1\",\"include_files\":[\"/data/media\"],\"bucket_name\":\"bkt\","
            "\"object_path\":\"p1.tar\"}]",
            NOW_MS, NULL, &req, err),
        "POST", BASE "phones/batch-storage");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "huawei/backup_phones/one_started_one_refused.http",
                      CLOUDPHONE_STATUS_OK, &err);
  CHECK(cloudphone_result_item_count(res) == 1 && cloudphone_result_failure_count(res) == 1);
  done(req, res);
  BUILD(cloudphone_huawei_restore_phones_build(
            cfg, "[{\"phone_id\":\"p1\",\"bucket_name\":\"bkt\",\"object_path\":\"p1.tar\"}]", NOW_MS, NULL,
            &req, err),
        "POST", BASE "phones/batch-restore");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "huawei/restore_phones/one_started_one_refused.http",
                      CLOUDPHONE_STATUS_OK, &err);
  done(req, res);
  BUILD(cloudphone_huawei_expand_data_volumes_build(cfg, "[{\"phone_id\":\"p1\",\"new_size\":64}]", NOW_MS,
                                                    NULL, &req, err),
        "POST", BASE "phones/expand-volume");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "huawei/expand_data_volumes/one_started_one_refused.http",
                      CLOUDPHONE_STATUS_OK, &err);
  done(req, res);
  BUILD(cloudphone_huawei_set_traffic_build(cfg, "routing", phones, 2, NOW_MS, NULL, &req, err), "POST",
        "https://cph.cn-north-4.myhuaweicloud.com/v1/" PROJECT "/cloud-phone/phones-traffic");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "huawei/set_traffic/one_started_one_refused.http",
                      CLOUDPHONE_STATUS_OK, &err);
  done(req, res);

  BUILD(cloudphone_huawei_push_share_apps_build(cfg, "com.example.game", obs, true, servers, 2, NOW_MS, NULL, &req,
                                                err),
        "POST", BASE "phones/share-apps");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "huawei/push_share_apps/one_started_one_refused.http",
                      CLOUDPHONE_STATUS_OK, &err);
  CHECK_VIEW(cloudphone_result_item_job_id(res, 0), "job-s1");
  done(req, res);
  BUILD(cloudphone_huawei_delete_share_apps_build(cfg, "com.example.game", servers, 1, NOW_MS, NULL, &req, err),
        "DELETE", BASE "phones/share-apps");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "huawei/delete_share_apps/one_started_one_refused.http",
                      CLOUDPHONE_STATUS_OK, &err);
  done(req, res);
  BUILD(cloudphone_huawei_list_share_apps_build(cfg, "s1", 100, NOW_MS, NULL, &req, err), "GET",
        "https://cph.cn-north-4.myhuaweicloud.com/v1/" PROJECT "/servers/s1/share-apps-snapshot?limit=100");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "huawei/list_share_apps/snapshot.http", CLOUDPHONE_STATUS_OK,
                      &err);
  CHECK_VIEW(item_id(res, 0), "com.example.game");
  CHECK_STATUS(cloudphone_request_next(req, res, NOW_MS, NULL, &next, &err), CLOUDPHONE_STATUS_OK, err);
  CHECK(next != NULL && view_contains(cloudphone_request_url(next), "marker=com.example.game"));
  cloudphone_request_free(next);
  next = NULL;
  done(req, res);
  BUILD(cloudphone_huawei_push_share_files_build(cfg, obs, servers, 1, NOW_MS, NULL, &req, err), "POST",
        BASE "phones/share-files");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "huawei/push_share_files/one_started_one_refused.http",
                      CLOUDPHONE_STATUS_OK, &err);
  done(req, res);
  BUILD(cloudphone_huawei_delete_share_files_build(cfg, paths, 1, servers, 1, NOW_MS, NULL, &req, err), "POST",
        BASE "phones/share-files");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "huawei/delete_share_files/one_started_one_refused.http",
                      CLOUDPHONE_STATUS_OK, &err);
  done(req, res);
  BUILD(cloudphone_huawei_list_share_files_build(cfg, "/data/data", servers, 2, 0, 50, NOW_MS, NULL, &req, err),
        "GET", BASE "servers/share-files?limit=50&offset=0&path=%2Fdata%2Fdata&server_ids=s1%2Cs2");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "huawei/list_share_files/one_started_one_refused.http",
                      CLOUDPHONE_STATUS_OK, &err);
  done(req, res);
  BUILD(cloudphone_huawei_attach_filesystem_build(cfg, "sfs-1", "/share", servers, 1, NOW_MS, NULL, &req, err),
        "POST", "https://cph.cn-north-4.myhuaweicloud.com/v1/" PROJECT "/servers/attach-share-filesystem");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "huawei/attach_filesystem/one_started_one_refused.http",
                      CLOUDPHONE_STATUS_OK, &err);
  done(req, res);
  BUILD(cloudphone_huawei_detach_filesystem_build(cfg, "sfs-1", servers, 1, NOW_MS, NULL, &req, err), "POST",
        "https://cph.cn-north-4.myhuaweicloud.com/v1/" PROJECT "/servers/detach-share-filesystem");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "huawei/detach_filesystem/one_started_one_refused.http",
                      CLOUDPHONE_STATUS_OK, &err);
  done(req, res);

  BUILD(cloudphone_huawei_delete_servers_build(cfg, servers, 2, NOW_MS, NULL, &req, err), "DELETE",
        "https://cph.cn-north-4.myhuaweicloud.com/v2/" PROJECT "/cloud-phone/servers");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "huawei/delete_servers/one_job.http", CLOUDPHONE_STATUS_OK,
                      &err);
  CHECK_VIEW(cloudphone_result_field(res, "/job_id"), "job-del-1");
  done(req, res);
  BUILD(cloudphone_huawei_change_server_model_build(cfg, "s1", "physical.rx2.xlarge", "rx2.cp.c15", true, NOW_MS,
                                                    NULL, &req, err),
        "POST", BASE "servers/change-server-model");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "huawei/change_server_model/order.http", CLOUDPHONE_STATUS_OK,
                      &err);
  CHECK_VIEW(cloudphone_result_field(res, "/order_id"), "CS2612041200ABCDE");
  cloudphone_result_free(res);
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "huawei/change_server_model/error_in_a_200.http",
                      CLOUDPHONE_STATUS_API, &err);
  cloudphone_error_free(err);
  err = NULL;
  done(req, NULL);
  CHECK(CLOUDPHONE_HUAWEI_DELETE_SERVERS_MAX_IDS == 10);

  /* Refused: a path outside /data and /cache, a bad package, a bad bucket. */
  req = NULL;
  CHECK(cloudphone_huawei_backup_phones_build(
            cfg,
            "[{\"phone_id\":\"p1\",\"include_files\":[\"/etc\"],\"bucket_name\":\"bkt\","
            "\"object_path\":\"x\"}]",
            NOW_MS, NULL, &req, NULL) == CLOUDPHONE_STATUS_INVALID_INPUT);
  CHECK(cloudphone_huawei_push_share_apps_build(cfg, "nodot", obs, false, servers, 1, NOW_MS, NULL, &req, NULL) ==
        CLOUDPHONE_STATUS_INVALID_INPUT);
  CHECK(cloudphone_huawei_push_share_files_build(cfg, "{\"bucket_name\":\"B\",\"object_path\":\"x\"}",
                                                 servers, 1, NOW_MS, NULL, &req, NULL) ==
        CLOUDPHONE_STATUS_INVALID_INPUT);
  CHECK(cloudphone_huawei_set_traffic_build(cfg, "fast", phones, 1, NOW_MS, NULL, &req, NULL) ==
        CLOUDPHONE_STATUS_INVALID_INPUT);
  CHECK(CLOUDPHONE_HUAWEI_PHONE_DATA_MAX_IDS == 100);
  CHECK(req == NULL);
}

static int bytes_contain(cloudphone_bytes b, const char *needle) {
  size_t n = strlen(needle);
  for (size_t i = 0; b.ptr != NULL && i + n <= b.len; i++) {
    if (memcmp((const char *)b.ptr + i, needle, n) == 0) return 1;
  }
  return 0;
}

/* The three server orders take the API's documented body as JSON; a
 * misspelt field is refused, naming it. */
static void test_server_orders(void) {
  cloudphone_request *req = NULL;
  cloudphone_result *res = NULL;
  cloudphone_error *err = NULL;
  const char *spec = "\"phone_model_name\":\"rx1.cp.c15\",\"image_id\":\"img1\",\"tenant_vpc_id\":\"vpc1\","
                     "\"nics\":[{\"subnet_id\":\"subnet1\"}]";
  char body[512];
  snprintf(body, sizeof body,
           "{\"server_name\":\"srv\",\"server_model_name\":\"physical.rx1.xlarge\",\"count\":2,%s,"
           "\"extend_param\":{\"charging_mode\":0,\"period_type\":2,\"period_num\":1,\"is_auto_pay\":1}}",
           spec);
  BUILD(cloudphone_huawei_create_servers_build(cfg, body, NOW_MS, NULL, &req, err), "POST",
        "https://cph.cn-north-4.myhuaweicloud.com/v2/" PROJECT "/cloud-phone/servers");
  cloudphone_bytes sent = cloudphone_request_body(req);
  CHECK(bytes_contain(sent, "\"tenant_vpc_id\":\"vpc1\""));
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "huawei/create_servers/order.http", CLOUDPHONE_STATUS_OK, &err);
  CHECK_VIEW(cloudphone_result_field(res, "/order_id"), "CS2612041200FGHIJ");
  CHECK_VIEW(cloudphone_result_field(res, "/server_ids/1"), "s-new-2");
  cloudphone_result_free(res);
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "huawei/create_servers/error_in_a_200.http",
                      CLOUDPHONE_STATUS_API, &err);
  cloudphone_error_free(err);
  err = NULL;
  done(req, NULL);

  BUILD(cloudphone_huawei_create_single_servers_build(
            cfg,
            "{\"server_name\":\"bare\",\"server_model_name\":\"physical.rx1.xlarge\",\"count\":1,"
            "\"nics\":[{\"subnet_id\":\"subnet1\"}],\"keypair_name\":\"kp1\"}",
            NOW_MS, NULL, &req, err),
        "POST", "https://cph.cn-north-4.myhuaweicloud.com/v2.1/" PROJECT "/cloud-phone/servers");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "huawei/create_single_servers/order.http", CLOUDPHONE_STATUS_OK,
                      &err);
  CHECK_VIEW(cloudphone_result_field(res, "/server_ids/0"), "s-bare-1");
  done(req, res);

  snprintf(body, sizeof body, "{%s}", spec);
  BUILD(cloudphone_huawei_change_server_build(cfg, "s1", body, NOW_MS, NULL, &req, err), "POST",
        "https://cph.cn-north-4.myhuaweicloud.com/v2/" PROJECT "/cloud-phone/servers/s1/change");
  res = PARSE_FIXTURE(cloudphone_request_parse, req, "huawei/change_server/job.http", CLOUDPHONE_STATUS_OK, &err);
  CHECK_VIEW(cloudphone_result_field(res, "/job_id"), "job-change-1");
  done(req, res);

  /* Refused before building: a misspelt field (named), 11 servers, no body. */
  req = NULL;
  snprintf(body, sizeof body, "{%s,\"keypair_nmae\":\"kp\"}", spec);
  CHECK(cloudphone_huawei_change_server_build(cfg, "s1", body, NOW_MS, NULL, &req, &err) ==
        CLOUDPHONE_STATUS_INVALID_INPUT);
  CHECK(view_contains(cloudphone_error_message(err), "keypair_nmae"));
  cloudphone_error_free(err);
  err = NULL;
  CHECK(cloudphone_huawei_create_single_servers_build(
            cfg,
            "{\"server_name\":\"bare\",\"server_model_name\":\"m\",\"count\":11,"
            "\"nics\":[{\"subnet_id\":\"n\"}],\"keypair_name\":\"kp1\"}",
            NOW_MS, NULL, &req, NULL) == CLOUDPHONE_STATUS_INVALID_INPUT);
  CHECK(cloudphone_huawei_create_servers_build(cfg, NULL, NOW_MS, NULL, &req, NULL) ==
        CLOUDPHONE_STATUS_NULL_ARGUMENT);
  CHECK(req == NULL);
}

int main(int argc, char **argv) {
  cloudphone_error *err = NULL;
  fixture_init(argc, argv);
  CHECK_STATUS(cloudphone_huawei_config_new_aksk("cn-north-4", PROJECT, "AK", "SK", NULL, &cfg, &err),
               CLOUDPHONE_STATUS_OK, err);
  test_images();
  test_flavors_and_bandwidths();
  test_server_operations();
  test_tags();
  test_images_events_and_keys();
  test_phone_data_and_sharing();
  test_server_orders();
  cloudphone_huawei_config_free(cfg);
  return check_report("huawei_catalogue");
}
