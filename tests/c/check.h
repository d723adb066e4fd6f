/* A tiny test harness shared by the C tests (header-only). */
#ifndef CLOUDPHONE_TEST_CHECK_H
#define CLOUDPHONE_TEST_CHECK_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cloudphone.h"

static int check_failures = 0;

#define CHECK(cond)                                                              \
  do {                                                                           \
    if (!(cond)) {                                                               \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond);  \
      check_failures++;                                                          \
    }                                                                            \
  } while (0)

/* Compares a view with a C string: same bytes, same length, NUL after. */
static inline int view_eq(cloudphone_str s, const char *want) {
  size_t n = strlen(want);
  return s.ptr != NULL && s.len == n && memcmp(s.ptr, want, n) == 0 && s.ptr[n] == '\0';
}

static inline int view_starts(cloudphone_str s, const char *prefix) {
  size_t n = strlen(prefix);
  return s.ptr != NULL && s.len >= n && memcmp(s.ptr, prefix, n) == 0;
}

static inline int view_contains(cloudphone_str s, const char *needle) {
  return s.ptr != NULL && s.ptr[s.len] == '\0' && strstr(s.ptr, needle) != NULL;
}

static inline int view_absent(cloudphone_str s) { return s.ptr == NULL && s.len == 0; }

#define CHECK_VIEW(view, want)                                                   \
  do {                                                                           \
    cloudphone_str v_ = (view);                                                  \
    if (!view_eq(v_, (want))) {                                                  \
      fprintf(stderr, "%s:%d: %s is \"%.*s\", want \"%s\"\n", __FILE__,         \
              __LINE__, #view, v_.ptr ? (int)v_.len : 6,                         \
              v_.ptr ? v_.ptr : "(NULL)", (want));                               \
      check_failures++;                                                          \
    }                                                                            \
  } while (0)

/* Checks a status; on mismatch prints the error message if there is one. */
#define CHECK_STATUS(expr, want, err)                                            \
  do {                                                                           \
    cloudphone_status s_ = (expr);                                               \
    if (s_ != (want)) {                                                          \
      cloudphone_str m_ = cloudphone_error_message(err);                         \
      fprintf(stderr, "%s:%d: %s gave %s (%u), want %s: %.*s\n", __FILE__,      \
              __LINE__, #expr, cloudphone_status_name(s_), (unsigned)s_,          \
              cloudphone_status_name(want), m_.ptr ? (int)m_.len : 0,             \
              m_.ptr ? m_.ptr : "");                                             \
      check_failures++;                                                          \
    }                                                                            \
  } while (0)

/* Builds a request with `expr` (which writes `req`; `err` inside it names
 * a fresh error slot), checks it succeeded and checks the request's URL.
 * The per-file BUILD macros are this with the file's base URL (and
 * BUILD_REQUEST_AS with the method too). */
#define BUILD_REQUEST(expr, url)                                                 \
  do {                                                                           \
    cloudphone_error *e_ = NULL;                                                 \
    cloudphone_error **err = &e_;                                                \
    req = NULL;                                                                  \
    CHECK_STATUS((expr), CLOUDPHONE_STATUS_OK, e_);                              \
    cloudphone_error_free(e_);                                                   \
    (void)err;                                                                   \
    CHECK_VIEW(cloudphone_request_url(req), (url));                              \
  } while (0)

/* BUILD_REQUEST, and the request's method is `method`. */
#define BUILD_REQUEST_AS(expr, method, url)                                      \
  do {                                                                           \
    BUILD_REQUEST((expr), (url));                                                \
    CHECK_VIEW(cloudphone_request_method(req), (method));                        \
  } while (0)

/* A response header from two string literals, as (pointer, length) pairs
 * (the library needs no NUL after either). */
#define RESPONSE_HEADER(name, value) {(name), sizeof(name) - 1, (value), sizeof(value) - 1}

/* Finds a header of a built request by exact name. */
static inline cloudphone_str request_header(const cloudphone_request *req, const char *name) {
  size_t i, n = cloudphone_request_header_count(req);
  for (i = 0; i < n; i++) {
    cloudphone_header h = cloudphone_request_header_at(req, i);
    if (view_eq(h.name, name)) return h.value;
  }
  {
    cloudphone_str none = {NULL, 0};
    return none;
  }
}

static inline int check_report(const char *name) {
  if (check_failures) {
    fprintf(stderr, "%s: %d check(s) failed\n", name, check_failures);
    return 1;
  }
  printf("%s: ok\n", name);
  return 0;
}

/* ---- Response fixtures (tests/fixtures/responses/<provider>/<op>/<name>.http:
 * status line, headers, blank line, body), read from the directory given
 * as argv[1]. */

#define FIXTURE_MAX_HEADERS 16

typedef struct fixture {
  unsigned status;
  cloudphone_response_header headers[FIXTURE_MAX_HEADERS];
  size_t headers_len;
  const uint8_t *body;
  size_t body_len;
  char *text; /* the whole file, split in place; owned */
} fixture;

static const char *fixture_dir = "tests/fixtures/responses";

static inline void fixture_init(int argc, char **argv) {
  if (argc > 1) fixture_dir = argv[1];
}

/* Cuts the line at `p` (ending in \n or \r\n, or at `end`); returns the next. */
static inline char *fixture_line(char *p, char *end) {
  char *nl = memchr(p, '\n', (size_t)(end - p));
  if (nl == NULL) return end;
  *nl = '\0';
  if (nl > p && nl[-1] == '\r') nl[-1] = '\0';
  return nl + 1;
}

/* Loads `rel` (e.g. "huawei/show_job/succeeded.http"); on failure counts a
 * check failure and leaves an empty 0-status fixture. Free with fixture_free. */
static inline void fixture_load(fixture *f, const char *rel) {
  char path[1024];
  FILE *fp;
  long n;
  char *p, *end;
  memset(f, 0, sizeof *f);
  snprintf(path, sizeof path, "%s/%s", fixture_dir, rel);
  fp = fopen(path, "rb");
  if (fp == NULL || fseek(fp, 0, SEEK_END) != 0 || (n = ftell(fp)) < 0 || fseek(fp, 0, SEEK_SET) != 0) {
    fprintf(stderr, "cannot read fixture %s\n", path);
    check_failures++;
    if (fp) fclose(fp);
    return;
  }
  f->text = malloc((size_t)n + 1);
  if (f->text == NULL || fread(f->text, 1, (size_t)n, fp) != (size_t)n) {
    fprintf(stderr, "cannot read fixture %s\n", path);
    check_failures++;
    fclose(fp);
    return;
  }
  fclose(fp);
  f->text[n] = '\0';
  end = f->text + n;
  p = fixture_line(f->text, end);
  if (sscanf(f->text, "HTTP/%*s %u", &f->status) != 1) {
    fprintf(stderr, "fixture %s: no status line\n", path);
    check_failures++;
  }
  while (p < end) {
    char *line = p, *colon;
    p = fixture_line(p, end);
    if (*line == '\0') break;
    colon = strchr(line, ':');
    if (colon == NULL || f->headers_len == FIXTURE_MAX_HEADERS) continue;
    *colon = '\0';
    colon++;
    while (*colon == ' ') colon++;
    f->headers[f->headers_len].name = line;
    f->headers[f->headers_len].name_len = strlen(line);
    f->headers[f->headers_len].value = colon;
    f->headers[f->headers_len].value_len = strlen(colon);
    f->headers_len++;
  }
  f->body = (const uint8_t *)p;
  f->body_len = (size_t)(end - p);
}

static inline void fixture_free(fixture *f) {
  free(f->text);
  f->text = NULL;
}

/* Parses fixture `rel` with `parse` (cloudphone_request_parse) and checks
 * the status; returns the result (or NULL). */
typedef cloudphone_status (*result_parse_fn)(const cloudphone_request *, uint16_t,
                                             const cloudphone_response_header *, size_t,
                                             const uint8_t *, size_t, cloudphone_result **,
                                             cloudphone_error **);

static inline cloudphone_result *parse_fixture_(result_parse_fn parse, const cloudphone_request *req,
                                                const char *rel, cloudphone_status want,
                                                cloudphone_error **err, const char *file, int line) {
  fixture f;
  cloudphone_result *res = NULL;
  cloudphone_status s;
  fixture_load(&f, rel);
  s = parse(req, (uint16_t)f.status, f.headers, f.headers_len, f.body, f.body_len, &res, err);
  if (s != want) {
    cloudphone_str m = cloudphone_error_message(err ? *err : NULL);
    fprintf(stderr, "%s:%d: parsing %s gave %s, want %s: %.*s\n", file, line, rel,
            cloudphone_status_name(s), cloudphone_status_name(want), m.ptr ? (int)m.len : 0,
            m.ptr ? m.ptr : "");
    check_failures++;
  }
  fixture_free(&f);
  return res;
}

#define PARSE_FIXTURE(parse, req, rel, want, err) \
  parse_fixture_((parse), (req), (rel), (want), (err), __FILE__, __LINE__)

/* Parses a body given as a C string with status 200. */
static inline cloudphone_result *parse_text(result_parse_fn parse, const cloudphone_request *req,
                                            const char *body) {
  cloudphone_result *res = NULL;
  cloudphone_error *err = NULL;
  CHECK_STATUS(parse(req, 200, NULL, 0, (const uint8_t *)body, strlen(body), &res, &err),
               CLOUDPHONE_STATUS_OK, err);
  cloudphone_error_free(err);
  return res;
}

/* Item `i`'s id of a result, as a view. */
static inline cloudphone_str item_id(const cloudphone_result *res, size_t i) {
  return cloudphone_id_list_at(cloudphone_result_item_ids(res), i);
}

#endif
