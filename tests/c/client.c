/* The blocking client path. Built without the `client` feature every client
 * function reports CLOUDPHONE_STATUS_UNSUPPORTED; with it, a GeeLark status
 * call goes to a one-shot HTTP server on 127.0.0.1 run by this program. */
#define _POSIX_C_SOURCE 200809L
#include "check.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <sys/socket.h>
#include <unistd.h>

static const char RESPONSE[] =
    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n"
    "Content-Length: 122\r\n\r\n"
    "{\"code\":0,\"msg\":\"ok\",\"traceId\":\"T\",\"data\":{\"successDetails\":"
    "[{\"id\":\"g1\",\"serialName\":\"one\",\"status\":0}],\"failDetails\":[]}}";

/* A phone-stop answer: g1 stopped, g2 refused. */
static const char STOP_RESPONSE[] =
    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n"
    "Content-Length: 157\r\n\r\n"
    "{\"code\":0,\"msg\":\"ok\",\"traceId\":\"T2\",\"data\":{\"totalAmount\":2,\"successAmount\":1,"
    "\"failAmount\":1,\"failDetails\":[{\"code\":42001,\"id\":\"g2\",\"msg\":\"env not found\"}]}}";

static const char *response = RESPONSE;

/* Counts progress reports; checks they never exceed their total. */
static void count_progress(void *ctx, size_t done, size_t total) {
  int *calls = ctx;
  *calls += done <= total ? 1 : 1000;
}
static size_t response_len = sizeof RESPONSE - 1;

static void *serve_once(void *arg) {
  int listener = *(int *)arg, conn;
  char buf[8192];
  size_t got = 0;
  conn = accept(listener, NULL, NULL);
  if (conn < 0) return NULL;
  /* Read the head and the (small) body: stop once the JSON body closed. */
  while (got < sizeof buf - 1) {
    ssize_t n = read(conn, buf + got, sizeof buf - 1 - got);
    if (n <= 0) break;
    got += (size_t)n;
    buf[got] = '\0';
    if (strstr(buf, "\r\n\r\n") && buf[got - 1] == '}') break;
  }
  if (write(conn, response, response_len) < 0) perror("write");
  close(conn);
  return NULL;
}

int main(void) {
  static const char *const ids[] = {"g1"};
  cloudphone_geelark_config *cfg = NULL;
  cloudphone_huawei_config *hcfg = NULL;
  cloudphone_geelark_client *client = NULL;
  cloudphone_huawei_client *hclient = NULL;
  cloudphone_batch_outcome *outcome = NULL;
  cloudphone_error *err = NULL;

  /* Content-Length above must match the body. */
  CHECK(strlen(strstr(RESPONSE, "\r\n\r\n") + 4) == 122);
  CHECK(strlen(strstr(STOP_RESPONSE, "\r\n\r\n") + 4) == 157);

  CHECK_STATUS(cloudphone_huawei_config_new_token("http://127.0.0.1:9", "p", "t", &hcfg, NULL), CLOUDPHONE_STATUS_OK, NULL);
  if (!cloudphone_has_client()) {
    CHECK_STATUS(cloudphone_huawei_client_new(hcfg, 0, &hclient, &err), CLOUDPHONE_STATUS_UNSUPPORTED, err);
    CHECK(hclient == NULL);
    CHECK(view_contains(cloudphone_error_message(err), "client"));
    cloudphone_error_free(err);
    CHECK(cloudphone_geelark_client_get_phone_status(NULL, ids, 1, &outcome, NULL) == CLOUDPHONE_STATUS_UNSUPPORTED);
    CHECK(cloudphone_huawei_client_show_connect_infos(NULL, ids, 1, "ANDROID", &outcome, NULL) == CLOUDPHONE_STATUS_UNSUPPORTED);
    CHECK(cloudphone_geelark_client_new(NULL, 0, NULL, NULL) == CLOUDPHONE_STATUS_UNSUPPORTED);
    CHECK(cloudphone_huawei_client_from_env(0, NULL, NULL) == CLOUDPHONE_STATUS_UNSUPPORTED);
    CHECK(cloudphone_geelark_client_from_env(0, NULL, NULL) == CLOUDPHONE_STATUS_UNSUPPORTED);
    CHECK(cloudphone_huawei_client_call(NULL, NULL, NULL, NULL) == CLOUDPHONE_STATUS_UNSUPPORTED);
    CHECK(cloudphone_huawei_client_wait(NULL, "stop", ids, 1, NULL, &outcome, NULL) == CLOUDPHONE_STATUS_UNSUPPORTED);
    CHECK(cloudphone_geelark_client_wait(NULL, "start", ids, 1, NULL, &outcome, NULL) == CLOUDPHONE_STATUS_UNSUPPORTED);
    CHECK(cloudphone_geelark_client_call(NULL, NULL, NULL, NULL) == CLOUDPHONE_STATUS_UNSUPPORTED);
    CHECK(outcome == NULL);
    cloudphone_huawei_client_free(NULL);
    cloudphone_geelark_client_free(NULL);
    cloudphone_huawei_config_free(hcfg);
    return check_report("client (not compiled in)");
  }

  {
    int listener = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in addr;
    socklen_t len = sizeof addr;
    char url[64];
    pthread_t server;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    CHECK(bind(listener, (struct sockaddr *)&addr, sizeof addr) == 0);
    CHECK(listen(listener, 1) == 0);
    CHECK(getsockname(listener, (struct sockaddr *)&addr, &len) == 0);
    snprintf(url, sizeof url, "http://127.0.0.1:%u", (unsigned)ntohs(addr.sin_port));
    CHECK(pthread_create(&server, NULL, serve_once, &listener) == 0);

    CHECK_STATUS(cloudphone_geelark_config_new_key(url, "app", "key", &cfg, &err), CLOUDPHONE_STATUS_OK, err);
    CHECK_STATUS(cloudphone_geelark_client_new(cfg, 5000, &client, &err), CLOUDPHONE_STATUS_OK, err);
    CHECK_STATUS(cloudphone_geelark_client_get_phone_status(client, NULL, 0, &outcome, &err), CLOUDPHONE_STATUS_INVALID_INPUT, err);
    cloudphone_error_free(err);
    err = NULL;
    CHECK_STATUS(cloudphone_geelark_client_get_phone_status(client, ids, 1, &outcome, &err), CLOUDPHONE_STATUS_OK, err);
    CHECK(cloudphone_batch_outcome_is_complete_success(outcome));
    CHECK_VIEW(cloudphone_phone_state_status(cloudphone_batch_outcome_phone_state_at(outcome, 0)), "running");
    pthread_join(server, NULL);

    /* Any other operation: built with any config, sent by the client. */
    {
      static const char *const stop_ids[] = {"g1", "g2"};
      cloudphone_request *req = NULL, *status_req = NULL;
      cloudphone_result *res = NULL;
      cloudphone_geelark_config *other = NULL;
      CHECK_STATUS(cloudphone_geelark_config_new_token("http://127.0.0.1:9", "unused", &other, &err),
                   CLOUDPHONE_STATUS_OK, err);
      CHECK_STATUS(cloudphone_geelark_stop_phones_build(other, stop_ids, 2, 1, "ABCDEF123", &req, &err),
                   CLOUDPHONE_STATUS_OK, err);
      response = STOP_RESPONSE;
      response_len = sizeof STOP_RESPONSE - 1;
      CHECK(pthread_create(&server, NULL, serve_once, &listener) == 0);
      CHECK_STATUS(cloudphone_geelark_client_call(client, req, &res, &err), CLOUDPHONE_STATUS_OK, err);
      pthread_join(server, NULL);
      CHECK_VIEW(cloudphone_result_operation(res), "geelark.stop_phones");
      CHECK_VIEW(cloudphone_result_request_id(res), "T2");
      CHECK(cloudphone_result_item_count(res) == 1);
      CHECK(cloudphone_result_failure_count(res) == 1);
      CHECK_VIEW(cloudphone_item_failure_id(cloudphone_result_failure_at(res, 0)), "g2");
      cloudphone_result_free(res);
      res = NULL;
      /* Refused before anything is sent: the other provider's client, NULLs. */
      CHECK_STATUS(cloudphone_huawei_client_new(hcfg, 0, &hclient, &err), CLOUDPHONE_STATUS_OK, err);
      CHECK(cloudphone_huawei_client_call(hclient, req, &res, &err) == CLOUDPHONE_STATUS_INVALID_INPUT);
      CHECK(view_contains(cloudphone_error_message(err), "other provider"));
      cloudphone_error_free(err);
      err = NULL;
      /* A status request goes through the generic call too (one call, no
       * fan-out): g1 answers, g2 is not mentioned. */
      CHECK_STATUS(cloudphone_geelark_get_phone_status_build(other, stop_ids, 2, 1, "ABCDEF123", &status_req, &err),
                   CLOUDPHONE_STATUS_OK, err);
      response = RESPONSE;
      response_len = sizeof RESPONSE - 1;
      CHECK(pthread_create(&server, NULL, serve_once, &listener) == 0);
      CHECK_STATUS(cloudphone_geelark_client_call(client, status_req, &res, &err), CLOUDPHONE_STATUS_OK, err);
      pthread_join(server, NULL);
      CHECK_VIEW(cloudphone_result_operation(res), "geelark.get_phone_status");
      CHECK(cloudphone_result_phone_state_count(res) == 1);
      CHECK_VIEW(cloudphone_phone_state_id(cloudphone_result_phone_state_at(res, 0)), "g1");
      cloudphone_result_free(res);
      res = NULL;
      CHECK(cloudphone_geelark_client_call(client, NULL, &res, NULL) == CLOUDPHONE_STATUS_NULL_ARGUMENT);
      CHECK(cloudphone_geelark_client_call(client, req, NULL, NULL) == CLOUDPHONE_STATUS_NULL_ARGUMENT);
      CHECK(res == NULL);
      cloudphone_request_free(status_req);
      cloudphone_request_free(req);
      cloudphone_geelark_config_free(other);
    }

    /* Send-and-wait: g1 is already running, one poll settles it. */
    {
      cloudphone_wait_options opts;
      cloudphone_batch_outcome *waited = NULL;
      cloudphone_cancel *cancel = NULL;
      int calls = 0;
      memset(&opts, 0, sizeof opts);
      opts.timeout_ms = 5000;
      opts.interval_ms = 200;
      opts.progress = count_progress;
      opts.progress_ctx = &calls;
      response = RESPONSE;
      response_len = sizeof RESPONSE - 1;
      CHECK(pthread_create(&server, NULL, serve_once, &listener) == 0);
      CHECK_STATUS(cloudphone_geelark_client_wait(client, "until_running", ids, 1, &opts, &waited, &err),
                   CLOUDPHONE_STATUS_OK, err);
      pthread_join(server, NULL);
      CHECK(cloudphone_batch_outcome_is_complete_success(waited));
      CHECK(cloudphone_batch_outcome_succeeded_count(waited) == 1);
      CHECK_VIEW(cloudphone_batch_outcome_item_id(waited, 0), "g1");
      CHECK_VIEW(cloudphone_batch_outcome_item_status(waited, 0), "running");
      CHECK(calls >= 1 && calls < 1000);
      cloudphone_batch_outcome_free(waited);
      waited = NULL;
      /* A flag set before the wait: nothing is sent, every id comes back
       * unfinished with the code "cancelled" and the kind timeout. */
      CHECK_STATUS(cloudphone_cancel_new(&cancel, &err), CLOUDPHONE_STATUS_OK, err);
      cloudphone_cancel_set(cancel);
      opts.cancel = cancel;
      opts.progress = NULL;
      CHECK_STATUS(cloudphone_geelark_client_wait(client, "until_stopped", ids, 1, &opts, &waited, &err),
                   CLOUDPHONE_STATUS_OK, err);
      CHECK(cloudphone_batch_outcome_succeeded_count(waited) == 0);
      CHECK(cloudphone_batch_outcome_failure_count(waited) == 1);
      CHECK_VIEW(cloudphone_item_failure_code(cloudphone_batch_outcome_failure_at(waited, 0)), "cancelled");
      CHECK(cloudphone_item_failure_status(cloudphone_batch_outcome_failure_at(waited, 0)) == CLOUDPHONE_STATUS_TIMEOUT);
      cloudphone_batch_outcome_free(waited);
      waited = NULL;
      /* Refused before anything is sent: an unknown action, no options, no deadline. */
      CHECK(cloudphone_geelark_client_wait(client, "reboot", ids, 1, &opts, &waited, &err) == CLOUDPHONE_STATUS_INVALID_INPUT);
      CHECK(view_contains(cloudphone_error_message(err), "until_running"));
      cloudphone_error_free(err);
      err = NULL;
      CHECK(cloudphone_geelark_client_wait(client, "start", ids, 1, NULL, &waited, NULL) == CLOUDPHONE_STATUS_NULL_ARGUMENT);
      opts.timeout_ms = 0;
      CHECK(cloudphone_geelark_client_wait(client, "start", ids, 1, &opts, &waited, NULL) == CLOUDPHONE_STATUS_INVALID_INPUT);
      CHECK(waited == NULL);
      cloudphone_cancel_set(NULL);
      cloudphone_cancel_free(cancel);
      cloudphone_cancel_free(NULL);
    }
    close(listener);
  }

  /* From the environment: a missing variable is named. */
  {
    cloudphone_geelark_client *env_client = NULL;
    cloudphone_huawei_client *env_hclient = NULL;
    unsetenv("CLOUDPHONE_GEELARK_APP_ID");
    unsetenv("CLOUDPHONE_GEELARK_API_KEY");
    unsetenv("CLOUDPHONE_GEELARK_TOKEN");
    CHECK(cloudphone_geelark_client_from_env(0, &env_client, &err) == CLOUDPHONE_STATUS_INVALID_INPUT);
    CHECK(env_client == NULL && view_contains(cloudphone_error_message(err), "CLOUDPHONE_GEELARK_TOKEN"));
    cloudphone_error_free(err);
    err = NULL;
    setenv("CLOUDPHONE_GEELARK_TOKEN", "t0k", 1);
    setenv("CLOUDPHONE_GEELARK_ENDPOINT", "http://127.0.0.1:9", 1);
    CHECK_STATUS(cloudphone_geelark_client_from_env(1000, &env_client, &err), CLOUDPHONE_STATUS_OK, err);
    cloudphone_geelark_client_free(env_client);
    setenv("HUAWEICLOUD_SDK_AK", "AK", 1);
    setenv("HUAWEICLOUD_SDK_SK", "SK", 1);
    setenv("HUAWEICLOUD_SDK_PROJECT_ID", "0a1b2c3d4e5f60718293a4b5c6d7e8f9", 1);
    setenv("HUAWEICLOUD_SDK_REGION", "cn-north-4", 1);
    CHECK_STATUS(cloudphone_huawei_client_from_env(0, &env_hclient, &err), CLOUDPHONE_STATUS_OK, err);
    cloudphone_huawei_client_free(env_hclient);
  }
  CHECK_STATUS(cloudphone_huawei_client_show_connect_infos(hclient, ids, 1, "CAR", &outcome, &err),
               CLOUDPHONE_STATUS_INVALID_INPUT, err);
  cloudphone_error_free(err);

  cloudphone_batch_outcome_free(outcome);
  cloudphone_geelark_client_free(client);
  cloudphone_huawei_client_free(hclient);
  cloudphone_geelark_config_free(cfg);
  cloudphone_huawei_config_free(hcfg);
  return check_report("client");
}
