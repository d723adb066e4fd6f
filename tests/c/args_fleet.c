/* Argument checking of the fleet operations: NULL for every pointer argument
 * of every build, parse and next function and of the job watch, invalid
 * UTF-8, accessors of cloudphone_result on NULL, *_free(NULL), and outputs
 * left untouched on failure. */
#include "check.h"

#define P "0a1b2c3d4e5f60718293a4b5c6d7e8f9"

static const char BAD_UTF8[] = {'i', 'd', '\xff', '\0'};
static const char *const ONE[] = {"id-1"};
static const char *const NULL_ID[] = {NULL};
static const char *const BAD_ID[] = {BAD_UTF8};

/* Output slot that must stay untouched on failure. */
static void *sentinel = &sentinel;
#define SENT ((cloudphone_request **)&sentinel)

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


static void huawei_builds(const cloudphone_huawei_config *hw) {
  EXPECT_FAIL(cloudphone_huawei_list_phones_build(NULL, 0, 10, NULL, 0, NULL, SENT, err), NUL);
  EXPECT_FAIL(cloudphone_huawei_list_phones_build(hw, 0, 10, NULL, 0, NULL, NULL, err), NUL);
  EXPECT_FAIL(cloudphone_huawei_list_phones_build(hw, 0, 10, BAD_UTF8, 0, NULL, SENT, err), UTF);
  EXPECT_FAIL(cloudphone_huawei_list_phones_build(hw, 0, 10, NULL, 0, BAD_UTF8, SENT, err), UTF);
  EXPECT_FAIL(cloudphone_huawei_show_phone_build(NULL, "p", 0, NULL, SENT, err), NUL);
  EXPECT_FAIL(cloudphone_huawei_show_phone_build(hw, NULL, 0, NULL, SENT, err), NUL);
  EXPECT_FAIL(cloudphone_huawei_show_phone_build(hw, "p", 0, NULL, NULL, err), NUL);
  EXPECT_FAIL(cloudphone_huawei_show_phone_build(hw, BAD_UTF8, 0, NULL, SENT, err), UTF);
  EXPECT_FAIL(cloudphone_huawei_rename_phone_build(NULL, "p", "n", 0, NULL, SENT, err), NUL);
  EXPECT_FAIL(cloudphone_huawei_rename_phone_build(hw, NULL, "n", 0, NULL, SENT, err), NUL);
  EXPECT_FAIL(cloudphone_huawei_rename_phone_build(hw, "p", NULL, 0, NULL, SENT, err), NUL);
  EXPECT_FAIL(cloudphone_huawei_rename_phone_build(hw, "p", "n", 0, NULL, NULL, err), NUL);
  EXPECT_FAIL(cloudphone_huawei_list_servers_build(NULL, 0, 10, NULL, 0, NULL, SENT, err), NUL);
  EXPECT_FAIL(cloudphone_huawei_list_servers_build(hw, 0, 10, NULL, 0, NULL, NULL, err), NUL);
  EXPECT_FAIL(cloudphone_huawei_list_servers_build(hw, 0, 10, BAD_UTF8, 0, NULL, SENT, err), UTF);
  EXPECT_FAIL(cloudphone_huawei_show_server_build(NULL, "s", 0, NULL, SENT, err), NUL);
  EXPECT_FAIL(cloudphone_huawei_show_server_build(hw, NULL, 0, NULL, SENT, err), NUL);
  EXPECT_FAIL(cloudphone_huawei_show_server_build(hw, "s", 0, NULL, NULL, err), NUL);
  EXPECT_FAIL(cloudphone_huawei_list_encode_servers_build(NULL, 0, 10, NULL, 0, NULL, SENT, err), NUL);
  EXPECT_FAIL(cloudphone_huawei_list_encode_servers_build(hw, 0, 10, NULL, 0, NULL, NULL, err), NUL);
  EXPECT_FAIL(cloudphone_huawei_list_encode_servers_build(hw, 0, 10, BAD_UTF8, 0, NULL, SENT, err), UTF);
  EXPECT_FAIL(cloudphone_huawei_restart_phones_build(NULL, ONE, 1, NULL, 0, NULL, SENT, err), NUL);
  EXPECT_FAIL(cloudphone_huawei_restart_phones_build(hw, NULL, 1, NULL, 0, NULL, SENT, err), NUL);
  EXPECT_FAIL(cloudphone_huawei_restart_phones_build(hw, NULL_ID, 1, NULL, 0, NULL, SENT, err), NUL);
  EXPECT_FAIL(cloudphone_huawei_restart_phones_build(hw, BAD_ID, 1, NULL, 0, NULL, SENT, err), UTF);
  EXPECT_FAIL(cloudphone_huawei_restart_phones_build(hw, ONE, 1, BAD_UTF8, 0, NULL, SENT, err), UTF);
  EXPECT_FAIL(cloudphone_huawei_restart_phones_build(hw, ONE, 1, NULL, 0, NULL, NULL, err), NUL);
  EXPECT_FAIL(cloudphone_huawei_reset_phones_build(NULL, ONE, 1, NULL, 0, NULL, SENT, err), NUL);
  EXPECT_FAIL(cloudphone_huawei_reset_phones_build(hw, NULL, 1, NULL, 0, NULL, SENT, err), NUL);
  EXPECT_FAIL(cloudphone_huawei_reset_phones_build(hw, ONE, 1, NULL, 0, NULL, NULL, err), NUL);
  EXPECT_FAIL(cloudphone_huawei_stop_phones_build(NULL, ONE, 1, 0, NULL, SENT, err), NUL);
  EXPECT_FAIL(cloudphone_huawei_stop_phones_build(hw, NULL, 1, 0, NULL, SENT, err), NUL);
  EXPECT_FAIL(cloudphone_huawei_stop_phones_build(hw, NULL_ID, 1, 0, NULL, SENT, err), NUL);
  EXPECT_FAIL(cloudphone_huawei_stop_phones_build(hw, ONE, 1, 0, NULL, NULL, err), NUL);
  EXPECT_FAIL(cloudphone_huawei_update_properties_build(NULL, ONE, 1, "{\"a\":1}", NULL, 0, NULL, SENT, err), NUL);
  EXPECT_FAIL(cloudphone_huawei_update_properties_build(hw, NULL, 1, "{\"a\":1}", NULL, 0, NULL, SENT, err), NUL);
  EXPECT_FAIL(cloudphone_huawei_update_properties_build(hw, ONE, 1, BAD_UTF8, NULL, 0, NULL, SENT, err), UTF);
  EXPECT_FAIL(cloudphone_huawei_update_properties_build(hw, ONE, 1, NULL, BAD_UTF8, 0, NULL, SENT, err), UTF);
  EXPECT_FAIL(cloudphone_huawei_update_properties_build(hw, ONE, 1, "{\"a\":1}", NULL, 0, NULL, NULL, err), NUL);
  EXPECT_FAIL(cloudphone_huawei_update_properties_build(hw, ONE, 1, NULL, NULL, 0, NULL, SENT, err),
              CLOUDPHONE_STATUS_INVALID_INPUT);
  EXPECT_FAIL(cloudphone_huawei_show_job_build(NULL, "j", 0, NULL, SENT, err), NUL);
  EXPECT_FAIL(cloudphone_huawei_show_job_build(hw, NULL, 0, NULL, SENT, err), NUL);
  EXPECT_FAIL(cloudphone_huawei_show_job_build(hw, "j", 0, NULL, NULL, err), NUL);
  EXPECT_FAIL(cloudphone_huawei_list_jobs_build(NULL, ONE, 1, 0, 10, 0, NULL, SENT, err), NUL);
  EXPECT_FAIL(cloudphone_huawei_list_jobs_build(hw, NULL, 1, 0, 10, 0, NULL, SENT, err), NUL);
  EXPECT_FAIL(cloudphone_huawei_list_jobs_build(hw, ONE, 1, 0, 10, 0, NULL, NULL, err), NUL);
  EXPECT_FAIL(cloudphone_huawei_run_command_build(NULL, "shell", "ls", ONE, 1, NULL, 0, 0, NULL, SENT, err), NUL);
  EXPECT_FAIL(cloudphone_huawei_run_command_build(hw, NULL, "ls", ONE, 1, NULL, 0, 0, NULL, SENT, err), NUL);
  EXPECT_FAIL(cloudphone_huawei_run_command_build(hw, "shell", NULL, ONE, 1, NULL, 0, 0, NULL, SENT, err), NUL);
  EXPECT_FAIL(cloudphone_huawei_run_command_build(hw, "shell", "ls", NULL, 1, NULL, 0, 0, NULL, SENT, err), NUL);
  EXPECT_FAIL(cloudphone_huawei_run_command_build(hw, "shell", "ls", NULL, 0, NULL, 1, 0, NULL, SENT, err), NUL);
  EXPECT_FAIL(cloudphone_huawei_run_command_build(hw, "shell", BAD_UTF8, ONE, 1, NULL, 0, 0, NULL, SENT, err), UTF);
  EXPECT_FAIL(cloudphone_huawei_run_command_build(hw, "shell", "ls", ONE, 1, NULL, 0, 0, NULL, NULL, err), NUL);
  EXPECT_FAIL(cloudphone_huawei_run_sync_shell_build(NULL, "ls", ONE, 1, NULL, 0, 0, NULL, SENT, err), NUL);
  EXPECT_FAIL(cloudphone_huawei_run_sync_shell_build(hw, NULL, ONE, 1, NULL, 0, 0, NULL, SENT, err), NUL);
  EXPECT_FAIL(cloudphone_huawei_run_sync_shell_build(hw, "ls", NULL_ID, 1, NULL, 0, 0, NULL, SENT, err), NUL);
  EXPECT_FAIL(cloudphone_huawei_run_sync_shell_build(hw, "ls", NULL, 0, BAD_ID, 1, 0, NULL, SENT, err), UTF);
  EXPECT_FAIL(cloudphone_huawei_run_sync_shell_build(hw, "ls", ONE, 1, NULL, 0, 0, NULL, NULL, err), NUL);
}

static void geelark_builds(const cloudphone_geelark_config *gl) {
  const cloudphone_gps_position null_pos[] = {{NULL, 0.0, 0.0}};
  const cloudphone_gps_position pos[] = {{"id-1", 0.0, 0.0}};
  EXPECT_FAIL(cloudphone_geelark_list_phones_build(NULL, 1, 10, NULL, 0, "trace-1", SENT, err), NUL);
  EXPECT_FAIL(cloudphone_geelark_list_phones_build(gl, 1, 10, NULL, 0, NULL, SENT, err), NUL);
  EXPECT_FAIL(cloudphone_geelark_list_phones_build(gl, 1, 10, NULL, 0, "trace-1", NULL, err), NUL);
  EXPECT_FAIL(cloudphone_geelark_list_phones_build(gl, 1, 10, BAD_UTF8, 0, "trace-1", SENT, err), UTF);
  EXPECT_FAIL(cloudphone_geelark_list_phones_build(gl, 1, 10, NULL, 0, BAD_UTF8, SENT, err), UTF);
  EXPECT_FAIL(cloudphone_geelark_start_phones_build(NULL, ONE, 1, NULL, 0, "trace-1", SENT, err), NUL);
  EXPECT_FAIL(cloudphone_geelark_start_phones_build(gl, NULL, 1, NULL, 0, "trace-1", SENT, err), NUL);
  EXPECT_FAIL(cloudphone_geelark_start_phones_build(gl, NULL_ID, 1, NULL, 0, "trace-1", SENT, err), NUL);
  EXPECT_FAIL(cloudphone_geelark_start_phones_build(gl, ONE, 1, BAD_UTF8, 0, "trace-1", SENT, err), UTF);
  EXPECT_FAIL(cloudphone_geelark_start_phones_build(gl, ONE, 1, NULL, 0, NULL, SENT, err), NUL);
  EXPECT_FAIL(cloudphone_geelark_start_phones_build(gl, ONE, 1, NULL, 0, "trace-1", NULL, err), NUL);
  EXPECT_FAIL(cloudphone_geelark_stop_phones_build(NULL, ONE, 1, 0, "trace-1", SENT, err), NUL);
  EXPECT_FAIL(cloudphone_geelark_stop_phones_build(gl, BAD_ID, 1, 0, "trace-1", SENT, err), UTF);
  EXPECT_FAIL(cloudphone_geelark_stop_phones_build(gl, ONE, 1, 0, "trace-1", NULL, err), NUL);
  EXPECT_FAIL(cloudphone_geelark_delete_phones_build(NULL, ONE, 1, 0, "trace-1", SENT, err), NUL);
  EXPECT_FAIL(cloudphone_geelark_delete_phones_build(gl, NULL, 1, 0, "trace-1", SENT, err), NUL);
  EXPECT_FAIL(cloudphone_geelark_delete_phones_build(gl, ONE, 1, 0, "trace-1", NULL, err), NUL);
  EXPECT_FAIL(cloudphone_geelark_update_phone_build(NULL, "id", "{\"name\":\"n\"}", 0, "trace-1", SENT, err), NUL);
  EXPECT_FAIL(cloudphone_geelark_update_phone_build(gl, NULL, "{\"name\":\"n\"}", 0, "trace-1", SENT, err), NUL);
  EXPECT_FAIL(cloudphone_geelark_update_phone_build(gl, "id", BAD_UTF8, 0, "trace-1", SENT, err), UTF);
  EXPECT_FAIL(cloudphone_geelark_update_phone_build(gl, "id", "{\"name\":\"n\"}", 0, "trace-1", NULL, err), NUL);
  EXPECT_FAIL(cloudphone_geelark_create_phones_build(NULL, "Android 13", "[]", NULL, 0, "trace-1", SENT, err), NUL);
  EXPECT_FAIL(cloudphone_geelark_create_phones_build(gl, NULL, "[]", NULL, 0, "trace-1", SENT, err), NUL);
  EXPECT_FAIL(cloudphone_geelark_create_phones_build(gl, "Android 13", NULL, NULL, 0, "trace-1", SENT, err), NUL);
  EXPECT_FAIL(cloudphone_geelark_create_phones_build(gl, "Android 13", BAD_UTF8, NULL, 0, "trace-1", SENT, err), UTF);
  EXPECT_FAIL(cloudphone_geelark_create_phones_build(gl, "Android 13", "[]", BAD_UTF8, 0, "trace-1", SENT, err), UTF);
  EXPECT_FAIL(cloudphone_geelark_create_phones_build(gl, "Android 13", "[]", NULL, 0, "trace-1", NULL, err), NUL);
  EXPECT_FAIL(cloudphone_geelark_take_screenshot_build(NULL, "id", 0, "trace-1", SENT, err), NUL);
  EXPECT_FAIL(cloudphone_geelark_take_screenshot_build(gl, NULL, 0, "trace-1", SENT, err), NUL);
  EXPECT_FAIL(cloudphone_geelark_take_screenshot_build(gl, "id", 0, "trace-1", NULL, err), NUL);
  EXPECT_FAIL(cloudphone_geelark_get_screenshot_result_build(NULL, "t", 0, "trace-1", SENT, err), NUL);
  EXPECT_FAIL(cloudphone_geelark_get_screenshot_result_build(gl, NULL, 0, "trace-1", SENT, err), NUL);
  EXPECT_FAIL(cloudphone_geelark_get_screenshot_result_build(gl, BAD_UTF8, 0, "trace-1", SENT, err), UTF);
  EXPECT_FAIL(cloudphone_geelark_get_screenshot_result_build(gl, "t", 0, "trace-1", NULL, err), NUL);
  EXPECT_FAIL(cloudphone_geelark_set_gps_build(NULL, pos, 1, 0, "trace-1", SENT, err), NUL);
  EXPECT_FAIL(cloudphone_geelark_set_gps_build(gl, NULL, 1, 0, "trace-1", SENT, err), NUL);
  EXPECT_FAIL(cloudphone_geelark_set_gps_build(gl, null_pos, 1, 0, "trace-1", SENT, err), NUL);
  EXPECT_FAIL(cloudphone_geelark_set_gps_build(gl, pos, 1, 0, "trace-1", NULL, err), NUL);
  EXPECT_FAIL(cloudphone_geelark_get_gps_build(NULL, ONE, 1, 0, "trace-1", SENT, err), NUL);
  EXPECT_FAIL(cloudphone_geelark_get_gps_build(gl, NULL, 1, 0, "trace-1", SENT, err), NUL);
  EXPECT_FAIL(cloudphone_geelark_get_gps_build(gl, ONE, 1, 0, "trace-1", NULL, err), NUL);
  EXPECT_FAIL(cloudphone_geelark_set_adb_build(NULL, ONE, 1, true, 0, "trace-1", SENT, err), NUL);
  EXPECT_FAIL(cloudphone_geelark_set_adb_build(gl, NULL_ID, 1, true, 0, "trace-1", SENT, err), NUL);
  EXPECT_FAIL(cloudphone_geelark_set_adb_build(gl, ONE, 1, true, 0, "trace-1", NULL, err), NUL);
  EXPECT_FAIL(cloudphone_geelark_get_adb_data_build(NULL, ONE, 1, 0, "trace-1", SENT, err), NUL);
  EXPECT_FAIL(cloudphone_geelark_get_adb_data_build(gl, NULL, 1, 0, "trace-1", SENT, err), NUL);
  EXPECT_FAIL(cloudphone_geelark_get_adb_data_build(gl, ONE, 1, 0, "trace-1", NULL, err), NUL);
  EXPECT_FAIL(cloudphone_geelark_list_apps_build(NULL, "e", 1, 10, 0, "trace-1", SENT, err), NUL);
  EXPECT_FAIL(cloudphone_geelark_list_apps_build(gl, NULL, 1, 10, 0, "trace-1", SENT, err), NUL);
  EXPECT_FAIL(cloudphone_geelark_list_apps_build(gl, "e", 1, 10, 0, "trace-1", NULL, err), NUL);
  EXPECT_FAIL(cloudphone_geelark_install_app_build(NULL, "e", "v", 0, "trace-1", SENT, err), NUL);
  EXPECT_FAIL(cloudphone_geelark_install_app_build(gl, NULL, "v", 0, "trace-1", SENT, err), NUL);
  EXPECT_FAIL(cloudphone_geelark_install_app_build(gl, "e", NULL, 0, "trace-1", SENT, err), NUL);
  EXPECT_FAIL(cloudphone_geelark_install_app_build(gl, "e", "v", 0, "trace-1", NULL, err), NUL);
  EXPECT_FAIL(cloudphone_geelark_uninstall_app_build(NULL, "e", "p", 0, "trace-1", SENT, err), NUL);
  EXPECT_FAIL(cloudphone_geelark_uninstall_app_build(gl, "e", NULL, 0, "trace-1", SENT, err), NUL);
  EXPECT_FAIL(cloudphone_geelark_uninstall_app_build(gl, "e", BAD_UTF8, 0, "trace-1", SENT, err), UTF);
  EXPECT_FAIL(cloudphone_geelark_uninstall_app_build(gl, "e", "p", 0, "trace-1", NULL, err), NUL);
}

static void parses_and_pages(const cloudphone_huawei_config *hw, const cloudphone_geelark_config *gl) {
  cloudphone_request *hreq = NULL, *greq = NULL, *areq = NULL, *sreq = NULL, *ereq = NULL, *jreq = NULL;
  cloudphone_result *hres = NULL, *gres = NULL;
  const uint8_t body[] = "{}";
  /* Page one of three: the next page needs a trace id. */
  static const char GL_PAGE[] = "{\"code\":0,\"data\":{\"total\":5,\"items\":[{\"id\":\"1\",\"status\":0},{\"id\":\"2\",\"status\":0}]}}";
  cloudphone_response_header null_name[] = {{NULL, 1, "v", 1}};
  cloudphone_response_header null_value[] = {{"n", 1, NULL, 1}};
  size_t i;

  CHECK_STATUS(cloudphone_huawei_list_phones_build(hw, 0, 10, NULL, 0, NULL, &hreq, NULL), CLOUDPHONE_STATUS_OK, NULL);
  CHECK_STATUS(cloudphone_huawei_list_servers_build(hw, 0, 10, NULL, 0, NULL, &sreq, NULL), CLOUDPHONE_STATUS_OK, NULL);
  CHECK_STATUS(cloudphone_huawei_list_encode_servers_build(hw, 0, 10, NULL, 0, NULL, &ereq, NULL), CLOUDPHONE_STATUS_OK,
               NULL);
  CHECK_STATUS(cloudphone_huawei_list_jobs_build(hw, ONE, 1, 0, 10, 0, NULL, &jreq, NULL), CLOUDPHONE_STATUS_OK, NULL);
  CHECK_STATUS(cloudphone_geelark_list_phones_build(gl, 1, 2, NULL, 0, "trace-1", &greq, NULL), CLOUDPHONE_STATUS_OK,
               NULL);
  CHECK_STATUS(cloudphone_geelark_list_apps_build(gl, "e", 1, 10, 0, "trace-1", &areq, NULL), CLOUDPHONE_STATUS_OK, NULL);
  CHECK_STATUS(cloudphone_request_parse(hreq, 200, NULL, 0, body, 2, &hres, NULL), CLOUDPHONE_STATUS_OK,
               NULL);
  CHECK_STATUS(cloudphone_request_parse(greq, 200, NULL, 0, (const uint8_t *)GL_PAGE, sizeof GL_PAGE - 1,
                                        &gres, NULL),
               CLOUDPHONE_STATUS_OK, NULL);

  /* The one parse: NULL request, result_out, headers, body and a header
   * name (a NULL pointer with a non-zero length). */
  EXPECT_FAIL(cloudphone_request_parse(NULL, 200, NULL, 0, body, 2, (cloudphone_result **)&sentinel, err), NUL);
  EXPECT_FAIL(cloudphone_request_parse(hreq, 200, NULL, 0, body, 2, NULL, err), NUL);
  EXPECT_FAIL(cloudphone_request_parse(hreq, 200, NULL, 1, body, 2, (cloudphone_result **)&sentinel, err), NUL);
  EXPECT_FAIL(cloudphone_request_parse(hreq, 200, NULL, 0, NULL, 2, (cloudphone_result **)&sentinel, err), NUL);
  EXPECT_FAIL(cloudphone_request_parse(hreq, 200, null_name, 1, body, 2, (cloudphone_result **)&sentinel, err), NUL);
  EXPECT_FAIL(cloudphone_request_parse(hreq, 200, null_value, 1, body, 2, (cloudphone_result **)&sentinel, err), NUL);
  CHECK(!cloudphone_request_pages(NULL));

  /* The one next, for every listing: NULL request, result and next_out;
   * GeeLark pages need a trace id; a trace id that is not UTF-8. */
  {
    cloudphone_request *const hw_lists[] = {hreq, sreq, ereq, jreq};
    cloudphone_request *const gl_lists[] = {greq, areq};
    for (i = 0; i < sizeof hw_lists / sizeof hw_lists[0]; i++) {
      CHECK(cloudphone_request_pages(hw_lists[i]));
      EXPECT_FAIL(cloudphone_request_next(NULL, hres, 0, NULL, SENT, err), NUL);
      EXPECT_FAIL(cloudphone_request_next(hw_lists[i], NULL, 0, NULL, SENT, err), NUL);
      EXPECT_FAIL(cloudphone_request_next(hw_lists[i], hres, 0, NULL, NULL, err), NUL);
    }
    EXPECT_FAIL(cloudphone_request_next(hreq, hres, 0, BAD_UTF8, SENT, err), UTF);
    for (i = 0; i < sizeof gl_lists / sizeof gl_lists[0]; i++) {
      CHECK(cloudphone_request_pages(gl_lists[i]));
      EXPECT_FAIL(cloudphone_request_next(NULL, gres, 0, "trace-1", SENT, err), NUL);
      EXPECT_FAIL(cloudphone_request_next(gl_lists[i], NULL, 0, "trace-1", SENT, err), NUL);
      EXPECT_FAIL(cloudphone_request_next(gl_lists[i], gres, 0, "trace-1", NULL, err), NUL);
    }
    /* A GeeLark page without a trace id is refused as a NULL argument,
     * and nothing is written. */
    EXPECT_FAIL(cloudphone_request_next(greq, gres, 0, NULL, SENT, err), NUL);
    EXPECT_FAIL(cloudphone_request_next(greq, gres, 0, BAD_UTF8, SENT, err), UTF);
  }

  /* The result's JSON. */
  EXPECT_FAIL(cloudphone_result_to_json(NULL, (cloudphone_string **)&sentinel, err), NUL);
  EXPECT_FAIL(cloudphone_result_to_json(hres, NULL, err), NUL);

  /* The job watch. */
  {
    cloudphone_huawei_job_watch *w = NULL;
    cloudphone_job_watch_state st = CLOUDPHONE_JOB_WATCH_STATE_WAIT;
    uint64_t wait = 42;
    CHECK_STATUS(cloudphone_huawei_job_watch_new("r", 0, 1, 10, &w, NULL), CLOUDPHONE_STATUS_OK, NULL);
    EXPECT_FAIL(cloudphone_huawei_job_watch_new(NULL, 0, 1, 10, (cloudphone_huawei_job_watch **)&sentinel, err), NUL);
    EXPECT_FAIL(cloudphone_huawei_job_watch_new(BAD_UTF8, 0, 1, 10, (cloudphone_huawei_job_watch **)&sentinel, err),
                UTF);
    EXPECT_FAIL(cloudphone_huawei_job_watch_new("r", 0, 1, 10, NULL, err), NUL);
    EXPECT_FAIL(cloudphone_huawei_job_watch_step(NULL, hw, 0, NULL, &st, &wait, SENT, err), NUL);
    EXPECT_FAIL(cloudphone_huawei_job_watch_step(w, NULL, 0, NULL, &st, &wait, SENT, err), NUL);
    EXPECT_FAIL(cloudphone_huawei_job_watch_step(w, hw, 0, NULL, NULL, &wait, SENT, err), NUL);
    EXPECT_FAIL(cloudphone_huawei_job_watch_step(w, hw, 0, NULL, &st, NULL, SENT, err), NUL);
    EXPECT_FAIL(cloudphone_huawei_job_watch_step(w, hw, 0, NULL, &st, &wait, NULL, err), NUL);
    EXPECT_FAIL(cloudphone_huawei_job_watch_step(w, hw, 0, BAD_UTF8, &st, &wait, SENT, err), UTF);
    CHECK(st == CLOUDPHONE_JOB_WATCH_STATE_WAIT && wait == 42);
    EXPECT_FAIL(cloudphone_huawei_job_watch_observe(NULL, hres, 0, err), NUL);
    EXPECT_FAIL(cloudphone_huawei_job_watch_observe(w, NULL, 0, err), NUL);
    cloudphone_huawei_job_watch_free(w);
  }

  CHECK(sentinel == (void *)&sentinel);
  cloudphone_result_free(hres);
  cloudphone_result_free(gres);
  cloudphone_request_free(hreq);
  cloudphone_request_free(greq);
  cloudphone_request_free(areq);
  cloudphone_request_free(sreq);
  cloudphone_request_free(ereq);
  cloudphone_request_free(jreq);
}

static void accessors_on_null(void) {
  cloudphone_id_list ids = cloudphone_result_item_ids(NULL);
  CHECK(view_absent(cloudphone_result_operation(NULL)));
  CHECK(view_absent(cloudphone_result_request_id(NULL)));
  CHECK(cloudphone_result_code(NULL) == 0);
  CHECK(cloudphone_result_total(NULL) == -1);
  CHECK(cloudphone_result_item_count(NULL) == 0);
  CHECK(ids.ids == NULL && ids.len == 0);
  CHECK(view_absent(cloudphone_result_item_status(NULL, 0)));
  CHECK(view_absent(cloudphone_result_item_job_id(NULL, 0)));
  CHECK(cloudphone_result_failure_count(NULL) == 0);
  CHECK(cloudphone_result_failure_at(NULL, 0) == NULL);
  CHECK(view_absent(cloudphone_result_field(NULL, "/x")));
  cloudphone_result_free(NULL);
  cloudphone_huawei_job_watch_free(NULL);
}

int main(void) {
  cloudphone_huawei_config *hw = NULL;
  cloudphone_geelark_config *gl = NULL;
  CHECK_STATUS(cloudphone_huawei_config_new_aksk("cn-north-4", P, "AK", "SK", NULL, &hw, NULL), CLOUDPHONE_STATUS_OK,
               NULL);
  CHECK_STATUS(cloudphone_geelark_config_new_key(NULL, "app", "key", &gl, NULL), CLOUDPHONE_STATUS_OK, NULL);
  huawei_builds(hw);
  geelark_builds(gl);
  parses_and_pages(hw, gl);
  accessors_on_null();
  CHECK(sentinel == (void *)&sentinel);
  cloudphone_huawei_config_free(hw);
  cloudphone_geelark_config_free(gl);
  return check_report("args_fleet");
}
