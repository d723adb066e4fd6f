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
              __LINE__, #expr, cloudphone_status_str(s_), (unsigned)s_,          \
              cloudphone_status_str(want), m_.ptr ? (int)m_.len : 0,             \
              m_.ptr ? m_.ptr : "");                                             \
      check_failures++;                                                          \
    }                                                                            \
  } while (0)

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

#endif
