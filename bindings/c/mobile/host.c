/* What a mobile host's native layer does with cloudphone, reduced to the
 * smallest real use: build a signed GeeLark status request, hand its bytes to
 * the host's own HTTP stack (here: a canned answer), parse the answer, free
 * everything. scripts/cross.sh links it against each mobile target's static
 * library as the app's linker would (dead code stripped) to prove the
 * archive links for that platform and to measure what an app really ships.
 * Freestanding: it needs only the compiler's own headers, so it builds
 * without an NDK or an Apple SDK. */
#include "cloudphone.h"

/* The host's entry point (a JNI function or a Swift-visible C function).
 * Returns the number of phones in the answer, or -1. */
int cloudphone_host_status_count(const char *app_id, const char *api_key, const char *phone_id,
                                 unsigned long long now_ms, const char *trace_id,
                                 const unsigned char *answer, unsigned long answer_len) {
  struct cloudphone_geelark_config *cfg = 0;
  struct cloudphone_request *req = 0;
  struct cloudphone_result *res = 0;
  int n = -1;
  const char *ids[1] = {phone_id};
  if (cloudphone_geelark_config_new_key(0, app_id, api_key, &cfg, 0) != 0) return -1;
  if (cloudphone_geelark_get_phone_status_build(cfg, ids, 1, now_ms, trace_id, &req, 0) == 0 &&
      cloudphone_request_parse(req, 200, 0, 0, answer, answer_len, &res, 0) == 0) {
    n = (int)cloudphone_result_item_count(res);
  }
  cloudphone_result_free(res);
  cloudphone_request_free(req);
  cloudphone_geelark_config_free(cfg);
  return n;
}
