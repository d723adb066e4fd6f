/* cloudphone from C: the sans-IO path with a plain POSIX socket.
 *
 *   build a request (config + now + trace id) -> send it with your own HTTP
 *   stack -> parse (status, headers, body) with the same request handle.
 *
 * Usage:
 *   example                 start a canned loopback server (a child process
 *                           answering with the providers' documented
 *                           examples), query it, check the answers, exit 0
 *   example http://HOST:PORT  query a server you run, e.g. `cloudphone sim`;
 *                           its credentials from CLOUDPHONE_GEELARK_APP_ID,
 *                           CLOUDPHONE_GEELARK_API_KEY, HUAWEICLOUD_SDK_AK,
 *                           HUAWEICLOUD_SDK_SK, HUAWEICLOUD_SDK_PROJECT_ID
 *                           (default: the providers' documented examples)
 *
 * The socket code speaks plain HTTP/1.1 only; a real host sends the same
 * method, URL, headers and body with its own HTTPS stack (libcurl, WinHTTP,
 * NSURLSession, OkHttp, ...). Every handle is freed on every path.
 *
 * Build: cc -std=c11 -Wall -Wextra -Werror -pedantic example.c -I include \
 *          target/debug/libcloudphone.a -lgcc_s -lutil -lrt -lpthread -lm -ldl -lc
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cloudphone.h"

/* ------------------------------------------------------------------ errors */

/* Prints a failed call's status and, when there is one, its error's fields,
 * then frees the error. Returns 1 so callers can `return report(...)`. */
static int report(const char *what, cloudphone_status st, cloudphone_error *err) {
  cloudphone_str msg = cloudphone_error_message(err);
  cloudphone_str code = cloudphone_error_provider_code(err);
  cloudphone_str rid = cloudphone_error_request_id(err);
  fprintf(stderr, "%s failed: %s (%u)", what, cloudphone_status_name(st), (unsigned)st);
  if (cloudphone_error_http_status(err)) fprintf(stderr, " http=%u", cloudphone_error_http_status(err));
  if (code.ptr) fprintf(stderr, " code=%.*s", (int)code.len, code.ptr);
  if (rid.ptr) fprintf(stderr, " request_id=%.*s", (int)rid.len, rid.ptr);
  if (msg.ptr) fprintf(stderr, ": %.*s", (int)msg.len, msg.ptr);
  fputc('\n', stderr);
  cloudphone_error_free(err);
  return 1;
}

/* --------------------------------------------------- a minimal HTTP client */

#define MAX_HEADERS 64

struct http_response {
  uint16_t status;
  char *raw; /* the whole response; names/values below point into it */
  cloudphone_response_header headers[MAX_HEADERS];
  size_t header_count;
  const uint8_t *body;
  size_t body_len;
};

static void http_response_free(struct http_response *r) {
  free(r->raw);
  memset(r, 0, sizeof *r);
}

/* Splits "http://host[:port]/path?query" into its parts (plain http only). */
static int split_url(cloudphone_str url, char *host, size_t host_cap, char *port, size_t port_cap,
                     const char **path) {
  const char *p, *end, *slash, *colon;
  size_t hl;
  if (url.len < 7 || strncmp(url.ptr, "http://", 7) != 0) {
    fprintf(stderr, "this example speaks plain http only: %.*s\n", (int)url.len, url.ptr);
    return -1;
  }
  p = url.ptr + 7;
  end = url.ptr + url.len;
  slash = memchr(p, '/', (size_t)(end - p));
  if (!slash) slash = end;
  colon = memchr(p, ':', (size_t)(slash - p));
  hl = (size_t)((colon ? colon : slash) - p);
  if (hl == 0 || hl >= host_cap) return -1;
  memcpy(host, p, hl);
  host[hl] = '\0';
  if (colon) {
    size_t pl = (size_t)(slash - colon - 1);
    if (pl == 0 || pl >= port_cap) return -1;
    memcpy(port, colon + 1, pl);
    port[pl] = '\0';
  } else {
    snprintf(port, port_cap, "80");
  }
  *path = *slash ? slash : "/";
  return 0;
}

static int write_all(int fd, const void *buf, size_t len) {
  const char *p = buf;
  while (len) {
    ssize_t n = write(fd, p, len);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return -1;
    p += n;
    len -= (size_t)n;
  }
  return 0;
}

static int write_str(int fd, const char *s, size_t len) { return write_all(fd, s, len); }

/* Decodes a chunked body in place; returns its length or -1. */
static long dechunk(char *buf, size_t len) {
  char *in = buf, *out = buf, *end = buf + len;
  for (;;) {
    char *eol;
    unsigned long n;
    eol = strstr(in, "\r\n");
    if (!eol || eol >= end) return -1;
    n = strtoul(in, NULL, 16);
    in = eol + 2;
    if (n == 0) break;
    if ((size_t)(end - in) < n + 2) return -1;
    memmove(out, in, n);
    out += n;
    in += n + 2;
  }
  *out = '\0';
  return (long)(out - buf);
}

/* Sends `req` as HTTP/1.1 with Connection: close and reads the answer. */
static int http_send(const cloudphone_request *req, struct http_response *resp) {
  char host[256], port[16];
  const char *path;
  struct addrinfo hints, *ai = NULL, *a;
  cloudphone_str method = cloudphone_request_method(req);
  cloudphone_str url = cloudphone_request_url(req);
  cloudphone_bytes body = cloudphone_request_body(req);
  size_t i, n = cloudphone_request_header_count(req), cap = 16384, got = 0;
  int fd = -1, has_host = 0;
  char line[64], *head_end, *p, *content_length = NULL, *chunked = NULL;

  memset(resp, 0, sizeof *resp);
  if (split_url(url, host, sizeof host, port, sizeof port, &path) != 0) return -1;
  memset(&hints, 0, sizeof hints);
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  if (getaddrinfo(host, port, &hints, &ai) != 0) return -1;
  for (a = ai; a; a = a->ai_next) {
    fd = socket(a->ai_family, a->ai_socktype, a->ai_protocol);
    if (fd < 0) continue;
    if (connect(fd, a->ai_addr, a->ai_addrlen) == 0) break;
    close(fd);
    fd = -1;
  }
  freeaddrinfo(ai);
  if (fd < 0) return -1;

  /* Request line, then every header unchanged (the signature covers them). */
  if (write_str(fd, method.ptr, method.len) || write_str(fd, " ", 1) ||
      write_str(fd, path, strlen(path)) || write_str(fd, " HTTP/1.1\r\n", 11))
    goto fail;
  for (i = 0; i < n; i++) {
    cloudphone_header h = cloudphone_request_header_at(req, i);
    if (h.name.len == 4 && strncasecmp(h.name.ptr, "host", 4) == 0) has_host = 1;
    if (write_str(fd, h.name.ptr, h.name.len) || write_str(fd, ": ", 2) ||
        write_str(fd, h.value.ptr, h.value.len) || write_str(fd, "\r\n", 2))
      goto fail;
  }
  if (!has_host) {
    if (write_str(fd, "Host: ", 6) || write_str(fd, host, strlen(host)) || write_str(fd, ":", 1) ||
        write_str(fd, port, strlen(port)) || write_str(fd, "\r\n", 2))
      goto fail;
  }
  snprintf(line, sizeof line, "Content-Length: %zu\r\nConnection: close\r\n\r\n", body.len);
  if (write_str(fd, line, strlen(line)) || write_all(fd, body.ptr, body.len)) goto fail;

  /* Read to EOF (Connection: close). */
  resp->raw = malloc(cap);
  if (!resp->raw) goto fail;
  for (;;) {
    ssize_t r;
    if (got + 1 == cap) {
      char *bigger = realloc(resp->raw, cap * 2);
      if (!bigger) goto fail;
      resp->raw = bigger;
      cap *= 2;
    }
    r = read(fd, resp->raw + got, cap - 1 - got);
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) goto fail;
    if (r == 0) break;
    got += (size_t)r;
  }
  close(fd);
  fd = -1;
  resp->raw[got] = '\0';

  /* Status line and headers, NUL-terminated in place. */
  head_end = strstr(resp->raw, "\r\n\r\n");
  if (!head_end || strncmp(resp->raw, "HTTP/1.", 7) != 0) goto fail;
  *head_end = '\0';
  resp->status = (uint16_t)strtoul(resp->raw + 9, NULL, 10);
  p = strstr(resp->raw, "\r\n");
  while (p && p < head_end && resp->header_count < MAX_HEADERS) {
    char *name = p + 2, *colon, *next = strstr(name, "\r\n");
    if (next) *next = '\0';
    colon = strchr(name, ':');
    if (colon) {
      char *value = colon + 1;
      *colon = '\0';
      while (*value == ' ' || *value == '\t') value++;
      /* (pointer, length) pairs: an HTTP stack that does not NUL-terminate
       * its header bytes can hand them over as they are. */
      resp->headers[resp->header_count].name = name;
      resp->headers[resp->header_count].name_len = strlen(name);
      resp->headers[resp->header_count].value = value;
      resp->headers[resp->header_count].value_len = strlen(value);
      resp->header_count++;
      if (strcasecmp(name, "content-length") == 0) content_length = value;
      if (strcasecmp(name, "transfer-encoding") == 0 && strstr(value, "chunked")) chunked = value;
    }
    p = next;
  }
  resp->body = (const uint8_t *)head_end + 4;
  resp->body_len = got - (size_t)(head_end + 4 - resp->raw);
  if (chunked) {
    long len = dechunk(head_end + 4, resp->body_len);
    if (len < 0) goto fail;
    resp->body_len = (size_t)len;
  } else if (content_length) {
    size_t cl = (size_t)strtoull(content_length, NULL, 10);
    if (cl > resp->body_len) goto fail; /* truncated */
    resp->body_len = cl;
  }
  return 0;

fail:
  if (fd >= 0) close(fd);
  http_response_free(resp);
  return -1;
}

/* --------------------------------------------- the canned loopback server */

static const char GEELARK_ANSWER[] =
    "{\"code\":0,\"msg\":\"\xe6\x88\x90\xe5\x8a\x9f\",\"traceId\":\"123456ABCDEF\",\"data\":{"
    "\"totalAmount\":4,\"successAmount\":3,\"failAmount\":1,\"successDetails\":["
    "{\"id\":\"123456ABCDE1\",\"serialName\":\"name1\",\"status\":0},"
    "{\"id\":\"123456ABCDE2\",\"serialName\":\"name2\",\"status\":1},"
    "{\"id\":\"123456ABCDE3\",\"serialName\":\"name3\",\"status\":1}],"
    "\"failDetails\":[{\"code\":42001,\"id\":\"123456ABCDE4\",\"msg\":\"env not found\"}]}}";

static const char HUAWEI_ANSWER[] =
    "{\"request_id\":\"70bb40bef50e4a14b116a5a527fd7432\",\"connect_infos\":[{"
    "\"phone_id\":\"1564567b8bab40f34711234cb80d8574\",\"access_info\":{"
    "\"access_ip\":\"213.32.43.22\",\"intranet_ip\":\"192.168.0.25\","
    "\"access_ipv6\":\"2001:db8:a583:b62:e5ea:4a6b:de7b:f97d\",\"access_port\":14308,"
    "\"session_id\":\"9864567a7bab40f34711234cb8087474\",\"timestamp\":\"122478329742\","
    "\"ticket\":\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"}}],"
    "\"errors\":[{\"phone_id\":\"1234567b8bab40ffb711234cb80d0234\",\"error_code\":\"CPS.0018\","
    "\"error_msg\":\"Access info not found.\"},{\"phone_id\":\"1234567b8bab40ffb711234cb8654321\","
    "\"error_code\":\"CPS.0005\",\"error_msg\":\"Phone not found.\"}]}";

static const char NOT_FOUND[] = "{\"error_code\":\"CPS.0005\",\"error_msg\":\"Phone not found.\"}";

/* Answers `conns` connections: the documented example for each path when the
 * request is signed, 401 when it is not, 404 otherwise. */
static void serve(int listener, int conns) {
  alarm(20); /* never outlive a stuck parent */
  while (conns-- > 0) {
    char buf[16384], head[256];
    const char *answer = NOT_FOUND, *reason = "Not Found";
    int code = 404;
    size_t got = 0, need = 0;
    int fd = accept(listener, NULL, NULL);
    if (fd < 0) _exit(2);
    for (;;) { /* the head, then Content-Length bytes of body */
      char *end;
      ssize_t r = read(fd, buf + got, sizeof buf - 1 - got);
      if (r <= 0) break;
      got += (size_t)r;
      buf[got] = '\0';
      end = strstr(buf, "\r\n\r\n");
      if (end) {
        char *cl = strstr(buf, "Content-Length: ");
        need = (size_t)(end + 4 - buf) + (cl ? strtoul(cl + 16, NULL, 10) : 0);
        if (got >= need) break;
      }
    }
    if (strstr(buf, "POST /open/v1/phone/status ") && strstr(buf, "\r\nsign: ")) {
      answer = GEELARK_ANSWER, code = 200, reason = "OK";
    } else if (strstr(buf, "/cloud-phone/phones/batch-connection ") &&
               strstr(buf, "\r\nAuthorization: SDK-HMAC-SHA256 ")) {
      answer = HUAWEI_ANSWER, code = 200, reason = "OK";
    }
    snprintf(head, sizeof head,
             "HTTP/1.1 %d %s\r\nContent-Type: application/json\r\nContent-Length: %zu\r\n"
             "X-Request-Id: canned-%d\r\nConnection: close\r\n\r\n",
             code, reason, strlen(answer), conns);
    if (write_all(fd, head, strlen(head)) || write_all(fd, answer, strlen(answer))) _exit(3);
    close(fd);
  }
  _exit(0);
}

/* Starts the canned server on 127.0.0.1:<ephemeral> in a child process. */
static pid_t start_server(int conns, char *endpoint, size_t cap) {
  struct sockaddr_in addr;
  socklen_t len = sizeof addr;
  pid_t pid;
  int one = 1, fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  memset(&addr, 0, sizeof addr);
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  if (bind(fd, (struct sockaddr *)&addr, sizeof addr) || listen(fd, 8) ||
      getsockname(fd, (struct sockaddr *)&addr, &len)) {
    close(fd);
    return -1;
  }
  snprintf(endpoint, cap, "http://127.0.0.1:%u", (unsigned)ntohs(addr.sin_port));
  fflush(NULL);
  pid = fork();
  if (pid == 0) serve(fd, conns);
  close(fd);
  return pid;
}

/* ------------------------------------------------------------ the example */

static const char *env_or(const char *name, const char *fallback) {
  const char *v = getenv(name);
  return v && *v ? v : fallback;
}

static uint64_t now_unix_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

/* A fresh GeeLark trace id from 16 random bytes (the library draws none),
 * written into the caller's buffer of CLOUDPHONE_TRACE_ID_SIZE. */
static int new_trace_id(char out[CLOUDPHONE_TRACE_ID_SIZE]) {
  uint8_t rnd[16];
  FILE *f = fopen("/dev/urandom", "rb");
  size_t i, got = f ? fread(rnd, 1, sizeof rnd, f) : 0;
  if (f) fclose(f);
  for (i = got; i < sizeof rnd; i++) rnd[i] = (uint8_t)rand();
  return cloudphone_trace_id_format(rnd, out, CLOUDPHONE_TRACE_ID_SIZE, NULL) == CLOUDPHONE_STATUS_OK ? 0 : -1;
}

/* GeeLark phone status: build, send, parse, print. Returns the exit code. */
static int geelark_status(const char *endpoint, int canned) {
  static const char *const ids[] = {"123456ABCDE1", "123456ABCDE2", "123456ABCDE3", "123456ABCDE4"};
  cloudphone_geelark_config *cfg = NULL;
  cloudphone_request *req = NULL;
  cloudphone_result *res = NULL;
  char trace[CLOUDPHONE_TRACE_ID_SIZE];
  cloudphone_string *json = NULL;
  cloudphone_error *err = NULL;
  cloudphone_status st;
  struct http_response resp;
  size_t i;
  int rc = 1;

  st = cloudphone_geelark_config_new_key(endpoint, env_or("CLOUDPHONE_GEELARK_APP_ID", "eH6gQR4oHr3FsZpI36La01IW"),
                                         env_or("CLOUDPHONE_GEELARK_API_KEY", "YjmFIUuq0oJgSDJ42fxLEb6R1qjjqf"),
                                         &cfg, &err);
  if (st) return report("geelark config", st, err);
  if (new_trace_id(trace) != 0) {
    fprintf(stderr, "geelark: no trace id\n");
    goto out;
  }
  st = cloudphone_geelark_get_phone_status_build(cfg, ids, 4, now_unix_ms(), trace, &req, &err);
  if (st) {
    report("geelark build", st, err);
    goto out;
  }
  if (http_send(req, &resp) != 0) {
    fprintf(stderr, "geelark: sending %s failed\n", cloudphone_request_url(req).ptr);
    goto out;
  }
  st = cloudphone_request_parse(req, resp.status, resp.headers, resp.header_count,
                                resp.body, resp.body_len, &res, &err);
  http_response_free(&resp);
  if (st) {
    report("geelark parse", st, err);
    goto out;
  }
  printf("geelark trace %s: %zu phones, %zu failed\n",
         cloudphone_result_request_id(res).ptr,
         cloudphone_result_phone_state_count(res),
         cloudphone_result_failure_count(res));
  for (i = 0; i < cloudphone_result_phone_state_count(res); i++) {
    const cloudphone_phone_state *p = cloudphone_result_phone_state_at(res, i);
    printf("  %s  %-8s (%s)\n", cloudphone_phone_state_id(p).ptr, cloudphone_phone_state_status(p).ptr,
           cloudphone_phone_state_serial_name(p).ptr ? cloudphone_phone_state_serial_name(p).ptr : "-");
  }
  for (i = 0; i < cloudphone_result_failure_count(res); i++) {
    const cloudphone_item_failure *f = cloudphone_result_failure_at(res, i);
    printf("  %s  failed: %s %s\n", cloudphone_item_failure_id(f).ptr, cloudphone_item_failure_code(f).ptr,
           cloudphone_item_failure_message(f).ptr);
  }
  st = cloudphone_result_to_json(res, &json, &err);
  if (st) {
    report("geelark to_json", st, err);
    goto out;
  }
  printf("  json: %s\n", cloudphone_string_view(json).ptr);
  rc = 0;
  if (canned && (cloudphone_result_phone_state_count(res) != 3 ||
                 cloudphone_result_failure_count(res) != 1)) {
    fprintf(stderr, "geelark: unexpected counts\n");
    rc = 1;
  }
out:
  cloudphone_string_free(json);
  cloudphone_result_free(res);
  cloudphone_request_free(req);
  cloudphone_geelark_config_free(cfg);
  return rc;
}

/* Huawei batch-connection: build, send, parse, print. Returns the exit code. */
static int huawei_connect(const char *endpoint, int canned) {
  static const char *const ids[] = {"1564567b8bab40f34711234cb80d8574",
                                    "1234567b8bab40ffb711234cb80d0234",
                                    "1234567b8bab40ffb711234cb8654321"};
  cloudphone_huawei_config *cfg = NULL;
  cloudphone_request *req = NULL;
  cloudphone_result *res = NULL;
  cloudphone_error *err = NULL;
  cloudphone_status st;
  struct http_response resp;
  size_t i;
  int rc = 1;

  st = cloudphone_huawei_config_new_aksk(endpoint,
                                         env_or("HUAWEICLOUD_SDK_PROJECT_ID", "0a1b2c3d4e5f60718293a4b5c6d7e8f9"),
                                         env_or("HUAWEICLOUD_SDK_AK", "HPUAEXAMPLEAK0000001"),
                                         env_or("HUAWEICLOUD_SDK_SK", "ExampleSecretKey0123456789abcdefghijklmn"),
                                         NULL, &cfg, &err);
  if (st) return report("huawei config", st, err);
  st = cloudphone_huawei_show_connect_infos_build(cfg, ids, 3, "ANDROID", now_unix_ms(), NULL, &req, &err);
  if (st) {
    report("huawei build", st, err);
    goto out;
  }
  if (http_send(req, &resp) != 0) {
    fprintf(stderr, "huawei: sending %s failed\n", cloudphone_request_url(req).ptr);
    goto out;
  }
  st = cloudphone_request_parse(req, resp.status, resp.headers, resp.header_count,
                                resp.body, resp.body_len, &res, &err);
  http_response_free(&resp);
  if (st) {
    report("huawei parse", st, err);
    goto out;
  }
  printf("huawei request %s: %zu connectable, %zu failed\n",
         cloudphone_result_request_id(res).ptr,
         cloudphone_result_connect_info_count(res),
         cloudphone_result_failure_count(res));
  for (i = 0; i < cloudphone_result_connect_info_count(res); i++) {
    const cloudphone_connect_info *c = cloudphone_result_connect_info_at(res, i);
    /* The ticket is a credential: hand it to the client SDK, never log it. */
    printf("  %s  %s:%d  session %s\n", cloudphone_connect_info_phone_id(c).ptr,
           cloudphone_connect_info_access_ip(c).ptr ? cloudphone_connect_info_access_ip(c).ptr : "-",
           (int)cloudphone_connect_info_access_port(c),
           cloudphone_connect_info_session_id(c).ptr ? cloudphone_connect_info_session_id(c).ptr : "-");
  }
  for (i = 0; i < cloudphone_result_failure_count(res); i++) {
    const cloudphone_item_failure *f = cloudphone_result_failure_at(res, i);
    printf("  %s  failed: %s %s\n", cloudphone_item_failure_id(f).ptr, cloudphone_item_failure_code(f).ptr,
           cloudphone_item_failure_message(f).ptr);
  }
  rc = 0;
  if (canned && (cloudphone_result_connect_info_count(res) != 1 ||
                 cloudphone_result_failure_count(res) != 2)) {
    fprintf(stderr, "huawei: unexpected counts\n");
    rc = 1;
  }
out:
  cloudphone_result_free(res);
  cloudphone_request_free(req);
  cloudphone_huawei_config_free(cfg);
  return rc;
}

/* A provider error travels through the same parse call: a 404 from an
 * unknown path comes back as CLOUDPHONE_STATUS_API with code and request id. */
static int huawei_error(const char *endpoint) {
  static const char *const ids[] = {"0000000000000000000000000000dead"};
  cloudphone_huawei_config *cfg = NULL;
  cloudphone_request *req = NULL;
  cloudphone_result *res = NULL;
  cloudphone_error *err = NULL;
  struct http_response resp;
  cloudphone_status st;
  int rc = 1;

  /* A token config: the canned server answers unsigned requests with 404. */
  if (cloudphone_huawei_config_new_token(endpoint, "0a1b2c3d4e5f60718293a4b5c6d7e8f9", "token", &cfg, NULL) ||
      cloudphone_huawei_show_connect_infos_build(cfg, ids, 1, "ANDROID", now_unix_ms(), NULL, &req, NULL) ||
      http_send(req, &resp) != 0)
    goto out;
  st = cloudphone_request_parse(req, resp.status, resp.headers, resp.header_count, resp.body,
                                resp.body_len, &res, &err);
  http_response_free(&resp);
  if (st == CLOUDPHONE_STATUS_API && cloudphone_error_http_status(err) == 404 &&
      strcmp(cloudphone_error_provider_code(err).ptr, "CPS.0005") == 0) {
    printf("huawei error as expected: %s http=%u code=%s request_id=%s\n", cloudphone_status_name(st),
           cloudphone_error_http_status(err), cloudphone_error_provider_code(err).ptr,
           cloudphone_error_request_id(err).ptr);
    rc = 0;
  } else {
    fprintf(stderr, "huawei error path: got %s\n", cloudphone_status_name(st));
  }
  cloudphone_error_free(err);
out:
  cloudphone_result_free(res);
  cloudphone_request_free(req);
  cloudphone_huawei_config_free(cfg);
  return rc;
}

int main(int argc, char **argv) {
  char endpoint[128];
  pid_t server = 0;
  int rc = 0, canned = argc < 2, status = 0;

  if (strcmp(cloudphone_version(), CLOUDPHONE_VERSION) != 0) {
    fprintf(stderr, "header %s but library %s\n", CLOUDPHONE_VERSION, cloudphone_version());
    return 1;
  }
  printf("cloudphone %s\n", cloudphone_version());
  if (canned) {
    server = start_server(3, endpoint, sizeof endpoint);
    if (server < 0) {
      perror("canned server");
      return 1;
    }
  } else {
    snprintf(endpoint, sizeof endpoint, "%s", argv[1]);
  }

  rc |= geelark_status(endpoint, canned);
  rc |= huawei_connect(endpoint, canned);
  if (canned) rc |= huawei_error(endpoint);

  if (server > 0) {
    if (rc) kill(server, SIGTERM);
    if (waitpid(server, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) rc = 1;
  }
  printf("%s\n", rc ? "example: FAILED" : "example: ok");
  return rc;
}
