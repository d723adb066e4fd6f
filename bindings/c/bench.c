/* The C path's cost per call, for comparison with the Rust path
 * (bindings/bench/bench_rs.rs does the same work through the Rust API):
 *
 *   huawei.build_batch_connection_10  build (10 ids, AK/SK-signed) + free
 *   huawei.parse_batch_connection_10  parse the 10-phone fixture + free
 *   geelark.build_status_100          build (100 ids, key-signed) + free
 *   geelark.parse_status_100          parse the 100-phone fixture + free
 *
 * Usage: bench FIXTURE_DIR [ROUNDS]  (FIXTURE_DIR holds
 * huawei_batch_connection_10.json and geelark_status_100.json). Prints one
 * line per case: "c <case> <ns/op>", the median over ROUNDS rounds of about
 * 0.2 s each. Build it against the release staticlib with -O2.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cloudphone.h"

#define AK "HPUAEXAMPLEAK0000001"
#define SK "ExampleSecretKey0123456789abcdefghijklmn"
#define PID "0a1b2c3d4e5f60718293a4b5c6d7e8f9"
#define APP_ID "eH6gQR4oHr3FsZpI36La01IW"
#define API_KEY "YjmFIUuq0oJgSDJ42fxLEb6R1qjjqf"
#define TRACE_ID "3A828159C9D22950EB25F8A1FC2E6A59"
#define NOW_MS 1716972892166ULL

static double now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static char *slurp(const char *dir, const char *name, size_t *len) {
  char path[4096];
  FILE *f;
  char *buf;
  long n;
  snprintf(path, sizeof path, "%s/%s", dir, name);
  f = fopen(path, "rb");
  if (!f) {
    perror(path);
    exit(2);
  }
  fseek(f, 0, SEEK_END);
  n = ftell(f);
  fseek(f, 0, SEEK_SET);
  buf = malloc((size_t)n + 1);
  if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n) exit(2);
  buf[n] = '\0';
  fclose(f);
  *len = (size_t)n;
  return buf;
}

static void die(const char *what, cloudphone_status st, cloudphone_error *err) {
  cloudphone_str m = cloudphone_error_message(err);
  fprintf(stderr, "%s: %s %.*s\n", what, cloudphone_status_name(st), m.ptr ? (int)m.len : 0, m.ptr ? m.ptr : "");
  exit(1);
}

/* The state every case reads. */
static cloudphone_huawei_config *hw_cfg;
static cloudphone_geelark_config *gl_cfg;
static char hw_names[10][33], gl_names[100][19];
static const char *hw_ids[10], *gl_ids[100];
static cloudphone_request *hw_req, *gl_req;
static char *hw_body, *gl_body;
static size_t hw_len, gl_len;
/* Response headers are (pointer, length) pairs: no NUL needed. */
static const cloudphone_response_header json_header[] = {
    {"Content-Type", sizeof "Content-Type" - 1, "application/json", sizeof "application/json" - 1}};
static volatile size_t sink;

static void hw_build(void) {
  cloudphone_request *req = NULL;
  cloudphone_status st = cloudphone_huawei_show_connect_infos_build(hw_cfg, hw_ids, 10, "ANDROID", NOW_MS, NULL, &req, NULL);
  if (st) die("huawei build", st, NULL);
  sink += cloudphone_request_body(req).len;
  cloudphone_request_free(req);
}

static void hw_parse(void) {
  cloudphone_result *res = NULL;
  cloudphone_status st = cloudphone_request_parse(hw_req, 200, json_header, 1, (const uint8_t *)hw_body,
                                                  hw_len, &res, NULL);
  if (st) die("huawei parse", st, NULL);
  sink += cloudphone_result_connect_info_count(res);
  cloudphone_result_free(res);
}

static void gl_build(void) {
  cloudphone_request *req = NULL;
  cloudphone_status st = cloudphone_geelark_get_phone_status_build(gl_cfg, gl_ids, 100, NOW_MS, TRACE_ID, &req, NULL);
  if (st) die("geelark build", st, NULL);
  sink += cloudphone_request_body(req).len;
  cloudphone_request_free(req);
}

static void gl_parse(void) {
  cloudphone_result *res = NULL;
  cloudphone_status st = cloudphone_request_parse(gl_req, 200, json_header, 1, (const uint8_t *)gl_body,
                                                  gl_len, &res, NULL);
  if (st) die("geelark parse", st, NULL);
  sink += cloudphone_result_phone_state_count(res);
  cloudphone_result_free(res);
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

/* Median ns/op over `rounds` rounds of ~0.2 s (iterations calibrated once). */
static double measure(void (*f)(void), int rounds) {
  double t0, per, times[64];
  long i, iters = 1;
  int r;
  for (;;) { /* calibrate (also the warm-up) */
    t0 = now_ns();
    for (i = 0; i < iters; i++) f();
    per = now_ns() - t0;
    if (per > 5e7) break;
    iters *= 2;
  }
  iters = (long)((double)iters * 2e8 / per) + 1;
  for (r = 0; r < rounds; r++) {
    t0 = now_ns();
    for (i = 0; i < iters; i++) f();
    times[r] = (now_ns() - t0) / (double)iters;
  }
  qsort(times, (size_t)rounds, sizeof times[0], cmp_double);
  return times[rounds / 2];
}

int main(int argc, char **argv) {
  cloudphone_error *err = NULL;
  cloudphone_status st;
  int i, rounds = argc > 2 ? atoi(argv[2]) : 11;
  if (argc < 2) {
    fprintf(stderr, "usage: %s FIXTURE_DIR [ROUNDS]\n", argv[0]);
    return 2;
  }
  if (rounds < 1 || rounds > 64) rounds = 11;
  hw_body = slurp(argv[1], "huawei_batch_connection_10.json", &hw_len);
  gl_body = slurp(argv[1], "geelark_status_100.json", &gl_len);
  for (i = 0; i < 10; i++) {
    snprintf(hw_names[i], sizeof hw_names[i], "%032x", (unsigned)i);
    hw_ids[i] = hw_names[i];
  }
  for (i = 0; i < 100; i++) {
    snprintf(gl_names[i], sizeof gl_names[i], "%llu", 100000000000000000ULL + (unsigned long long)i);
    gl_ids[i] = gl_names[i];
  }
  if ((st = cloudphone_huawei_config_new_aksk("cn-north-4", PID, AK, SK, NULL, &hw_cfg, &err))) die("config", st, err);
  if ((st = cloudphone_geelark_config_new_key(NULL, APP_ID, API_KEY, &gl_cfg, &err))) die("config", st, err);
  if ((st = cloudphone_huawei_show_connect_infos_build(hw_cfg, hw_ids, 10, "ANDROID", NOW_MS, NULL, &hw_req, &err)))
    die("build", st, err);
  if ((st = cloudphone_geelark_get_phone_status_build(gl_cfg, gl_ids, 100, NOW_MS, TRACE_ID, &gl_req, &err)))
    die("build", st, err);

  printf("c huawei.build_batch_connection_10 %.1f\n", measure(hw_build, rounds));
  printf("c huawei.parse_batch_connection_10 %.1f\n", measure(hw_parse, rounds));
  printf("c geelark.build_status_100 %.1f\n", measure(gl_build, rounds));
  printf("c geelark.parse_status_100 %.1f\n", measure(gl_parse, rounds));

  cloudphone_request_free(hw_req);
  cloudphone_request_free(gl_req);
  cloudphone_huawei_config_free(hw_cfg);
  cloudphone_geelark_config_free(gl_cfg);
  free(hw_body);
  free(gl_body);
  return 0;
}
