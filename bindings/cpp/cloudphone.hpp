// cloudphone.hpp: a header-only C++17 RAII wrapper over cloudphone.h.
//
//   #include "cloudphone.hpp"   // with cloudphone.h on the include path
//   link libcloudphone (static or shared) as for C
//
// Design
// - Every owning handle lives in a std::unique_ptr whose deleter is the C
//   `*_free` function: wrappers are move-only, never leak, never double-free.
// - Strings out are std::string_view borrowed from the object they were read
//   from (valid while it lives and is not moved-from); an optional field is
//   std::optional<std::string_view> (absent is not the same as empty).
//   Strings in are `const std::string&` (the C API needs NUL termination).
// - Errors are exceptions: a call that fails as a whole throws
//   cloudphone::Error, which carries the status, HTTP status, provider,
//   provider code, request id, Retry-After and the message. Why exceptions
//   rather than an expected-style result: std::expected is C++23, the
//   failures are per call and rare next to the network round trip, RAII
//   already makes unwinding free of leaks, and an exception cannot be
//   silently ignored. Per-item outcomes are NOT exceptions: a batch answer
//   in which some phones failed is a successful parse whose failures() lists
//   them, as in the C API.
// - Accessors never throw. Thread safety is the C handle's (see cloudphone.h):
//   results, requests, configs and plans may be read from several threads at
//   once; a BatchMerge must not be used by two threads at once.
#ifndef CLOUDPHONE_HPP
#define CLOUDPHONE_HPP

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cloudphone.h"

namespace cloudphone {

// ------------------------------------------------------------------ basics

/// The library's version ("0.1.0"); compare with CLOUDPHONE_VERSION.
inline std::string_view version() noexcept { return cloudphone_version(); }

/// Whether the library was built with the blocking client.
inline bool has_client() noexcept { return cloudphone_has_client(); }

/// The short stable name of a status ("ok", "rate_limited", ...).
inline std::string_view status_name(std::uint32_t status) noexcept { return cloudphone_status_name(status); }

namespace detail {

template <typename T, void (*Free)(T *)>
struct Deleter {
  void operator()(T *p) const noexcept { Free(p); }
};
template <typename T, void (*Free)(T *)>
using Handle = std::unique_ptr<T, Deleter<T, Free>>;

inline std::string_view view(cloudphone_str s) noexcept {
  return s.ptr ? std::string_view(s.ptr, s.len) : std::string_view();
}
inline std::optional<std::string_view> opt_view(cloudphone_str s) noexcept {
  if (!s.ptr) return std::nullopt;
  return std::string_view(s.ptr, s.len);
}
inline std::optional<std::int64_t> opt_count(std::int64_t v) noexcept {
  if (v < 0) return std::nullopt;
  return v;
}

using ErrorHandle = std::shared_ptr<const cloudphone_error>;

}  // namespace detail

// ------------------------------------------------------------------ errors

/// A failed call. Copyable (exceptions are copied); the C error object is
/// shared, immutable and freed with the last copy.
class Error : public std::runtime_error {
 public:
  /// Takes ownership of `err` (may be NULL: then only `status` is known).
  Error(cloudphone_status status, cloudphone_error *err)
      : std::runtime_error(message_of(status, err)),
        status_(status),
        err_(err, [](const cloudphone_error *e) { cloudphone_error_free(const_cast<cloudphone_error *>(e)); }) {}

  /// CLOUDPHONE_STATUS_* (never OK).
  cloudphone_status status() const noexcept { return status_; }
  /// "invalid_input", "api", "rate_limited", ...
  std::string_view status_name() const noexcept { return cloudphone_status_name(status_); }
  /// The HTTP status of the answer, 0 when no answer was involved.
  std::uint16_t http_status() const noexcept { return cloudphone_error_http_status(err_.get()); }
  /// "huawei" / "geelark" when a provider answered with the error.
  std::optional<std::string_view> provider() const noexcept {
    return detail::opt_view(cloudphone_error_provider(err_.get()));
  }
  /// "CPS.0005", "APIGW.0301", "42001", ...
  std::optional<std::string_view> provider_code() const noexcept {
    return detail::opt_view(cloudphone_error_provider_code(err_.get()));
  }
  /// The provider's request / trace id, for support tickets.
  std::optional<std::string_view> request_id() const noexcept {
    return detail::opt_view(cloudphone_error_request_id(err_.get()));
  }
  /// Seconds to wait before retrying (Retry-After), when the answer said.
  std::optional<std::int64_t> retry_after_secs() const noexcept {
    return detail::opt_count(cloudphone_error_retry_after_secs(err_.get()));
  }
  /// The C error object (NULL when none was produced); lives as long as *this.
  const cloudphone_error *get() const noexcept { return err_.get(); }

 private:
  static std::string message_of(cloudphone_status status, const cloudphone_error *err) {
    cloudphone_str m = cloudphone_error_message(err);
    if (m.ptr) return std::string(m.ptr, m.len);
    return std::string("cloudphone: ") + cloudphone_status_name(status);
  }
  cloudphone_status status_;
  detail::ErrorHandle err_;
};

namespace detail {
/// Runs a fallible C call with an error slot; throws Error on failure.
template <typename F>
void call(F &&f) {
  cloudphone_error *err = nullptr;
  cloudphone_status st = f(&err);
  if (st != CLOUDPHONE_STATUS_OK) throw Error(st, err);
  cloudphone_error_free(err);  // never set on success; harmless
}

inline std::string take_string(cloudphone_string *s) {
  Handle<cloudphone_string, cloudphone_string_free> h(s);
  std::string_view v = view(cloudphone_string_view(h.get()));
  return std::string(v);
}

/// NUL-terminated pointers into a list of strings, for `const char *const *`.
class CStrings {
 public:
  explicit CStrings(const std::vector<std::string> &v) {
    ptrs_.reserve(v.size());
    for (const auto &s : v) ptrs_.push_back(s.c_str());
  }
  const char *const *data() const noexcept { return ptrs_.empty() ? nullptr : ptrs_.data(); }
  std::size_t size() const noexcept { return ptrs_.size(); }

 private:
  std::vector<const char *> ptrs_;
};
}  // namespace detail

/// A GeeLark trace id (32 uppercase hex) from 16 random bytes the host draws.
inline std::string format_trace_id(const std::array<std::uint8_t, 16> &random16) {
  char buf[CLOUDPHONE_TRACE_ID_SIZE];
  detail::call([&](cloudphone_error **e) { return cloudphone_trace_id_format(random16.data(), buf, sizeof buf, e); });
  return std::string(buf);
}

// --------------------------------------------------------------- id lists

/// A borrowed list of ids (from a plan or an outcome); lives as long as its
/// owner. Also what the build functions take, without copying.
class IdList {
 public:
  IdList() noexcept : list_{nullptr, 0} {}
  explicit IdList(cloudphone_id_list l) noexcept : list_(l) {}
  std::size_t size() const noexcept { return list_.len; }
  bool empty() const noexcept { return list_.len == 0; }
  std::string_view operator[](std::size_t i) const noexcept { return detail::view(cloudphone_id_list_at(list_, i)); }
  std::vector<std::string> to_vector() const {
    std::vector<std::string> v;
    v.reserve(size());
    for (std::size_t i = 0; i < size(); i++) v.emplace_back((*this)[i]);
    return v;
  }
  const char *const *data() const noexcept { return list_.ids; }

 private:
  cloudphone_id_list list_;
};

// ---------------------------------------------------------------- configs

class HuaweiConfig {
 public:
  /// AK/SK signing. `region_or_endpoint`: "cn-north-4" or a URL with "://".
  static HuaweiConfig aksk(const std::string &region_or_endpoint, const std::string &project_id,
                           const std::string &access_key, const std::string &secret_key,
                           const std::optional<std::string> &security_token = std::nullopt) {
    cloudphone_huawei_config *c = nullptr;
    detail::call([&](cloudphone_error **e) {
      return cloudphone_huawei_config_new_aksk(region_or_endpoint.c_str(), project_id.c_str(), access_key.c_str(),
                                               secret_key.c_str(), security_token ? security_token->c_str() : nullptr,
                                               &c, e);
    });
    return HuaweiConfig(c);
  }
  /// An IAM token sent as X-Auth-Token.
  static HuaweiConfig token(const std::string &region_or_endpoint, const std::string &project_id,
                            const std::string &token) {
    cloudphone_huawei_config *c = nullptr;
    detail::call([&](cloudphone_error **e) {
      return cloudphone_huawei_config_new_token(region_or_endpoint.c_str(), project_id.c_str(), token.c_str(), &c, e);
    });
    return HuaweiConfig(c);
  }
  const cloudphone_huawei_config *get() const noexcept { return h_.get(); }

 private:
  explicit HuaweiConfig(cloudphone_huawei_config *c) noexcept : h_(c) {}
  detail::Handle<cloudphone_huawei_config, cloudphone_huawei_config_free> h_;
};

class GeelarkConfig {
 public:
  /// Key mode (signed appId/traceId/ts/nonce/sign headers). No endpoint:
  /// https://openapi.geelark.com.
  static GeelarkConfig key(const std::string &app_id, const std::string &api_key,
                           const std::optional<std::string> &endpoint = std::nullopt) {
    cloudphone_geelark_config *c = nullptr;
    detail::call([&](cloudphone_error **e) {
      return cloudphone_geelark_config_new_key(endpoint ? endpoint->c_str() : nullptr, app_id.c_str(),
                                               api_key.c_str(), &c, e);
    });
    return GeelarkConfig(c);
  }
  /// Token mode (Authorization: Bearer).
  static GeelarkConfig token(const std::string &token, const std::optional<std::string> &endpoint = std::nullopt) {
    cloudphone_geelark_config *c = nullptr;
    detail::call([&](cloudphone_error **e) {
      return cloudphone_geelark_config_new_token(endpoint ? endpoint->c_str() : nullptr, token.c_str(), &c, e);
    });
    return GeelarkConfig(c);
  }
  const cloudphone_geelark_config *get() const noexcept { return h_.get(); }

 private:
  explicit GeelarkConfig(cloudphone_geelark_config *c) noexcept : h_(c) {}
  detail::Handle<cloudphone_geelark_config, cloudphone_geelark_config_free> h_;
};

// ---------------------------------------------------------------- request

struct Header {
  std::string_view name;
  std::string_view value;
};

/// A response header given to a parse function.
using ResponseHeaders = std::vector<std::pair<std::string, std::string>>;

/// A built request: send method, url, every header unchanged, and body.
/// Keep it until its response is parsed (parse functions take it).
class Request {
 public:
  explicit Request(cloudphone_request *r) noexcept : h_(r) {}
  std::string_view operation() const noexcept { return detail::view(cloudphone_request_operation(h_.get())); }
  std::string_view method() const noexcept { return detail::view(cloudphone_request_method(h_.get())); }
  std::string_view url() const noexcept { return detail::view(cloudphone_request_url(h_.get())); }
  std::size_t header_count() const noexcept { return cloudphone_request_header_count(h_.get()); }
  Header header(std::size_t i) const noexcept {
    cloudphone_header h = cloudphone_request_header_at(h_.get(), i);
    return {detail::view(h.name), detail::view(h.value)};
  }
  std::vector<Header> headers() const {
    std::vector<Header> v;
    for (std::size_t i = 0; i < header_count(); i++) v.push_back(header(i));
    return v;
  }
  /// The first header with this exact name, if any.
  std::optional<std::string_view> find_header(std::string_view name) const noexcept {
    for (std::size_t i = 0; i < header_count(); i++)
      if (header(i).name == name) return header(i).value;
    return std::nullopt;
  }
  /// The body bytes (JSON for every current operation).
  std::string_view body() const noexcept {
    cloudphone_bytes b = cloudphone_request_body(h_.get());
    return b.ptr ? std::string_view(reinterpret_cast<const char *>(b.ptr), b.len) : std::string_view();
  }
  bool is_idempotent() const noexcept { return cloudphone_request_is_idempotent(h_.get()); }
  const cloudphone_request *get() const noexcept { return h_.get(); }

 private:
  detail::Handle<cloudphone_request, cloudphone_request_free> h_;
};


// ---------------------------------------------------------- result items

/// Borrowed access information of one phone (lives as long as its owner).
class ConnectInfo {
 public:
  explicit ConnectInfo(const cloudphone_connect_info *p) noexcept : p_(p) {}
  std::string_view phone_id() const noexcept { return detail::view(cloudphone_connect_info_phone_id(p_)); }
  std::optional<std::string_view> access_ip() const noexcept {
    return detail::opt_view(cloudphone_connect_info_access_ip(p_));
  }
  std::optional<std::string_view> intranet_ip() const noexcept {
    return detail::opt_view(cloudphone_connect_info_intranet_ip(p_));
  }
  std::optional<std::string_view> access_ipv6() const noexcept {
    return detail::opt_view(cloudphone_connect_info_access_ipv6(p_));
  }
  std::optional<int> access_port() const noexcept {
    std::int32_t p = cloudphone_connect_info_access_port(p_);
    if (p < 0) return std::nullopt;
    return static_cast<int>(p);
  }
  std::optional<std::string_view> session_id() const noexcept {
    return detail::opt_view(cloudphone_connect_info_session_id(p_));
  }
  std::optional<std::string_view> timestamp() const noexcept {
    return detail::opt_view(cloudphone_connect_info_timestamp(p_));
  }
  /// A credential for the client SDK: do not log it.
  std::optional<std::string_view> ticket() const noexcept {
    return detail::opt_view(cloudphone_connect_info_ticket(p_));
  }

 private:
  const cloudphone_connect_info *p_;
};

/// Borrowed state of one phone.
class PhoneState {
 public:
  explicit PhoneState(const cloudphone_phone_state *p) noexcept : p_(p) {}
  std::string_view id() const noexcept { return detail::view(cloudphone_phone_state_id(p_)); }
  std::optional<std::string_view> serial_name() const noexcept {
    return detail::opt_view(cloudphone_phone_state_serial_name(p_));
  }
  /// "running", "starting", "stopped", "expired", ..., or "unknown".
  std::string_view status() const noexcept { return detail::view(cloudphone_phone_state_status(p_)); }
  std::int64_t raw_status() const noexcept { return cloudphone_phone_state_raw_status(p_); }
  bool is_running() const noexcept { return cloudphone_phone_state_is_running(p_); }

 private:
  const cloudphone_phone_state *p_;
};

/// Borrowed: one id that failed.
class ItemFailure {
 public:
  explicit ItemFailure(const cloudphone_item_failure *p) noexcept : p_(p) {}
  std::string_view id() const noexcept { return detail::view(cloudphone_item_failure_id(p_)); }
  cloudphone_status status() const noexcept { return cloudphone_item_failure_status(p_); }
  std::string_view code() const noexcept { return detail::view(cloudphone_item_failure_code(p_)); }
  std::string_view message() const noexcept { return detail::view(cloudphone_item_failure_message(p_)); }

 private:
  const cloudphone_item_failure *p_;
};

namespace detail {
template <typename Item, typename Raw, typename Owner>
std::vector<Item> collect(const Owner *o, std::size_t (*count)(const Owner *),
                          const Raw *(*at)(const Owner *, std::size_t)) {
  std::vector<Item> v;
  std::size_t n = count(o);
  v.reserve(n);
  for (std::size_t i = 0; i < n; i++) v.emplace_back(at(o, i));
  return v;
}
}  // namespace detail

// ----------------------------------------------------------------- results

/// Borrowed IAM token of a huawei.iam.create_token result.
class IamToken {
 public:
  explicit IamToken(const cloudphone_huawei_iam_token *t) noexcept : p_(t) {}
  /// A credential: pass to HuaweiConfig::token, do not log.
  std::string_view value() const noexcept { return detail::view(cloudphone_huawei_iam_token_value(p_)); }
  std::string_view expires_at() const noexcept { return detail::view(cloudphone_huawei_iam_token_expires_at(p_)); }
  std::uint64_t expires_at_unix_ms() const noexcept { return cloudphone_huawei_iam_token_expires_at_unix_ms(p_); }
  std::optional<std::string_view> project_id() const noexcept {
    return detail::opt_view(cloudphone_huawei_iam_token_project_id(p_));
  }

 private:
  const cloudphone_huawei_iam_token *p_;
};

/// The answer of any operation: items (id, neutral status, job id),
/// failures, GeeLark's envelope code, a listing's total, the typed views of
/// the operations that have them (connect infos, phone states, an IAM
/// token), and any value of its JSON by JSON pointer.
class Result {
 public:
  explicit Result(cloudphone_result *r) noexcept : h_(r) {}
  std::string_view operation() const noexcept { return detail::view(cloudphone_result_operation(h_.get())); }
  std::optional<std::string_view> request_id() const noexcept {
    return detail::opt_view(cloudphone_result_request_id(h_.get()));
  }
  std::int64_t code() const noexcept { return cloudphone_result_code(h_.get()); }
  std::optional<std::int64_t> total() const noexcept { return detail::opt_count(cloudphone_result_total(h_.get())); }
  std::size_t item_count() const noexcept { return cloudphone_result_item_count(h_.get()); }
  /// The items' ids, ready to pass to another operation's build.
  IdList item_ids() const noexcept { return IdList(cloudphone_result_item_ids(h_.get())); }
  std::optional<std::string_view> item_status(std::size_t i) const noexcept {
    return detail::opt_view(cloudphone_result_item_status(h_.get(), i));
  }
  std::optional<std::string_view> item_job_id(std::size_t i) const noexcept {
    return detail::opt_view(cloudphone_result_item_job_id(h_.get(), i));
  }
  std::vector<ItemFailure> failures() const {
    return detail::collect<ItemFailure>(h_.get(), cloudphone_result_failure_count, cloudphone_result_failure_at);
  }
  /// huawei.show_connect_infos: the phones' access information.
  std::vector<ConnectInfo> connect_infos() const {
    return detail::collect<ConnectInfo>(h_.get(), cloudphone_result_connect_info_count,
                                        cloudphone_result_connect_info_at);
  }
  /// geelark.get_phone_status: the phones' states.
  std::vector<PhoneState> phone_states() const {
    return detail::collect<PhoneState>(h_.get(), cloudphone_result_phone_state_count,
                                       cloudphone_result_phone_state_at);
  }
  /// huawei.iam.create_token: the token (borrowed from this result).
  std::optional<IamToken> iam_token() const noexcept {
    const cloudphone_huawei_iam_token *t = cloudphone_result_iam_token(h_.get());
    if (!t) return std::nullopt;
    return IamToken(t);
  }
  /// One value by RFC 6901 pointer ("/task_id", "/records/0/serial_name"):
  /// a string's text or compact JSON. May be a credential.
  std::optional<std::string_view> field(const std::string &pointer) const noexcept {
    return detail::opt_view(cloudphone_result_field(h_.get(), pointer.c_str()));
  }
  std::string to_json() const {
    cloudphone_string *s = nullptr;
    detail::call([&](cloudphone_error **e) { return cloudphone_result_to_json(h_.get(), &s, e); });
    return detail::take_string(s);
  }
  const cloudphone_result *get() const noexcept { return h_.get(); }

 private:
  detail::Handle<cloudphone_result, cloudphone_result_free> h_;
};

/// Parses any answer (any status) to `req` with the operation that built
/// it (cloudphone_request_parse_capped); throws Error for a failed call. A
/// body over `max_body_len` bytes (0: the default, 16 MiB) is refused with
/// CLOUDPHONE_STATUS_BODY_TOO_LARGE.
inline Result parse(const Request &req, std::uint16_t http_status, const ResponseHeaders &headers,
                    std::string_view body, std::uint64_t max_body_len = 0) {
  std::vector<cloudphone_response_header> hs;
  hs.reserve(headers.size());
  for (const auto &h : headers) hs.push_back({h.first.data(), h.first.size(), h.second.data(), h.second.size()});
  cloudphone_result *out = nullptr;
  detail::call([&](cloudphone_error **e) {
    return cloudphone_request_parse_capped(req.get(), max_body_len, http_status, hs.empty() ? nullptr : hs.data(),
                                           hs.size(),
                                    body.empty() ? nullptr : reinterpret_cast<const std::uint8_t *>(body.data()),
                                    body.size(), &out, e);
  });
  return Result(out);
}

/// A listing's next page after `result` (the parsed answer to `req`),
/// signed with the configuration the first page was built with; nullopt
/// after the last page (cloudphone_request_next). GeeLark needs a fresh
/// trace id; Huawei takes nullptr.
inline std::optional<Request> next(const Request &req, const Result &result, std::uint64_t now_unix_ms,
                                   const char *trace_id = nullptr) {
  cloudphone_request *r = nullptr;
  detail::call([&](cloudphone_error **e) {
    return cloudphone_request_next(req.get(), result.get(), now_unix_ms, trace_id, &r, e);
  });
  if (!r) return std::nullopt;
  return Request(r);
}

// ----------------------------------------------------------------- huawei

namespace huawei {

constexpr std::size_t kShowConnectInfosMaxIds = CLOUDPHONE_HUAWEI_SHOW_CONNECT_INFOS_MAX_IDS;

namespace detail_ {
inline Request show_connect_infos_build(const HuaweiConfig &cfg, const char *const *ids, std::size_t n,
                                      const std::string &client_type, std::uint64_t now_unix_ms) {
  cloudphone_request *r = nullptr;
  cloudphone::detail::call([&](cloudphone_error **e) {
    return cloudphone_huawei_show_connect_infos_build(cfg.get(), ids, n, client_type.c_str(), now_unix_ms, nullptr, &r,
                                                    e);
  });
  return Request(r);
}
}  // namespace detail_

/// huawei.show_connect_infos: POST /v1/{project_id}/cloud-phone/phones/batch-connection for 1..10 ids.
inline Request show_connect_infos_build(const HuaweiConfig &cfg, const std::vector<std::string> &phone_ids,
                                      const std::string &client_type, std::uint64_t now_unix_ms) {
  cloudphone::detail::CStrings ids(phone_ids);
  return detail_::show_connect_infos_build(cfg, ids.data(), ids.size(), client_type, now_unix_ms);
}
/// The same for one call of a plan.
inline Request show_connect_infos_build(const HuaweiConfig &cfg, const IdList &phone_ids,
                                      const std::string &client_type, std::uint64_t now_unix_ms) {
  return detail_::show_connect_infos_build(cfg, phone_ids.data(), phone_ids.size(), client_type, now_unix_ms);
}

/// POST {iam}/v3/auth/tokens with a password identity scoped to a project.
inline Request iam_create_token_build(const std::string &iam_region_or_endpoint, const std::string &user_name,
                                      const std::string &password, const std::string &domain_name,
                                      const std::string &project, bool project_is_id, std::uint64_t now_unix_ms) {
  cloudphone_request *r = nullptr;
  cloudphone::detail::call([&](cloudphone_error **e) {
    return cloudphone_huawei_iam_create_token_build(iam_region_or_endpoint.c_str(), user_name.c_str(),
                                                    password.c_str(), domain_name.c_str(), project.c_str(),
                                                    project_is_id, now_unix_ms, nullptr, &r, e);
  });
  return Request(r);
}

}  // namespace huawei

// ---------------------------------------------------------------- geelark

namespace geelark {

constexpr std::size_t kGetPhoneStatusMaxIds = CLOUDPHONE_GEELARK_GET_PHONE_STATUS_MAX_IDS;

namespace detail_ {
inline Request get_phone_status_build(const GeelarkConfig &cfg, const char *const *ids, std::size_t n,
                                  std::uint64_t now_unix_ms, const std::string &trace_id) {
  cloudphone_request *r = nullptr;
  cloudphone::detail::call([&](cloudphone_error **e) {
    return cloudphone_geelark_get_phone_status_build(cfg.get(), ids, n, now_unix_ms, trace_id.c_str(), &r, e);
  });
  return Request(r);
}
}  // namespace detail_

/// POST /open/v1/phone/status for 1..100 ids; `trace_id` fresh per request
/// (see format_trace_id).
inline Request get_phone_status_build(const GeelarkConfig &cfg, const std::vector<std::string> &ids,
                                  std::uint64_t now_unix_ms, const std::string &trace_id) {
  cloudphone::detail::CStrings c(ids);
  return detail_::get_phone_status_build(cfg, c.data(), c.size(), now_unix_ms, trace_id);
}
inline Request get_phone_status_build(const GeelarkConfig &cfg, const IdList &ids, std::uint64_t now_unix_ms,
                                  const std::string &trace_id) {
  return detail_::get_phone_status_build(cfg, ids.data(), ids.size(), now_unix_ms, trace_id);
}

}  // namespace geelark

// ------------------------------------------------------------------ batch

/// Ids (duplicates collapsed, first seen wins) split into calls of <= limit.
class BatchPlan {
 public:
  BatchPlan(const std::vector<std::string> &ids, std::size_t limit) {
    detail::CStrings c(ids);
    cloudphone_batch_plan *p = nullptr;
    detail::call([&](cloudphone_error **e) { return cloudphone_batch_plan_new(c.data(), c.size(), limit, &p, e); });
    h_.reset(p);
  }
  IdList ids() const noexcept { return IdList(cloudphone_batch_plan_ids(h_.get())); }
  std::size_t call_count() const noexcept { return cloudphone_batch_plan_call_count(h_.get()); }
  IdList call(std::size_t i) const noexcept { return IdList(cloudphone_batch_plan_call(h_.get(), i)); }
  const cloudphone_batch_plan *get() const noexcept { return h_.get(); }

 private:
  detail::Handle<cloudphone_batch_plan, cloudphone_batch_plan_free> h_;
};

/// Every planned id exactly once: succeeded, failed or missing.
class BatchOutcome {
 public:
  explicit BatchOutcome(cloudphone_batch_outcome *o) noexcept : h_(o) {}
  bool is_complete_success() const noexcept { return cloudphone_batch_outcome_is_complete_success(h_.get()); }
  std::size_t succeeded_count() const noexcept { return cloudphone_batch_outcome_succeeded_count(h_.get()); }
  /// Succeeded item i of a batch-connection outcome.
  std::optional<ConnectInfo> connect_info(std::size_t i) const noexcept {
    const cloudphone_connect_info *p = cloudphone_batch_outcome_connect_info_at(h_.get(), i);
    if (!p) return std::nullopt;
    return ConnectInfo(p);
  }
  /// Succeeded item i of a phone-status outcome.
  std::optional<PhoneState> phone_state(std::size_t i) const noexcept {
    const cloudphone_phone_state *p = cloudphone_batch_outcome_phone_state_at(h_.get(), i);
    if (!p) return std::nullopt;
    return PhoneState(p);
  }
  /// Succeeded item i's id, for an outcome of any operation (empty when out
  /// of range).
  std::string_view item_id(std::size_t i) const noexcept {
    return detail::view(cloudphone_batch_outcome_item_id(h_.get(), i));
  }
  /// Succeeded item i's neutral status, when it has one.
  std::optional<std::string_view> item_status(std::size_t i) const noexcept {
    return detail::opt_view(cloudphone_batch_outcome_item_status(h_.get(), i));
  }
  /// Succeeded item i's job id (Huawei lifecycle and ADB operations).
  std::optional<std::string_view> item_job_id(std::size_t i) const noexcept {
    return detail::opt_view(cloudphone_batch_outcome_item_job_id(h_.get(), i));
  }
  std::vector<ItemFailure> failures() const {
    return detail::collect<ItemFailure>(h_.get(), cloudphone_batch_outcome_failure_count,
                                        cloudphone_batch_outcome_failure_at);
  }
  IdList missing() const noexcept { return IdList(cloudphone_batch_outcome_missing(h_.get())); }
  IdList request_ids() const noexcept { return IdList(cloudphone_batch_outcome_request_ids(h_.get())); }
  IdList unexpected() const noexcept { return IdList(cloudphone_batch_outcome_unexpected(h_.get())); }
  std::string to_json() const {
    cloudphone_string *s = nullptr;
    detail::call([&](cloudphone_error **e) { return cloudphone_batch_outcome_to_json(h_.get(), &s, e); });
    return detail::take_string(s);
  }

 private:
  detail::Handle<cloudphone_batch_outcome, cloudphone_batch_outcome_free> h_;
};

/// Collects a plan's per-call results. Not for concurrent use.
class BatchMerge {
 public:
  explicit BatchMerge(const BatchPlan &plan) {
    cloudphone_batch_merge *m = nullptr;
    detail::call([&](cloudphone_error **e) { return cloudphone_batch_merge_new(plan.get(), &m, e); });
    h_.reset(m);
  }
  /// Records the answer of call `call_index` (copied): only the ids that
  /// call carried are credited; any other id it names is listed as
  /// unexpected. Throws Error with CLOUDPHONE_STATUS_INVALID_INPUT for an
  /// operation that acts on no list of ids or differs from the results
  /// already recorded.
  void record(std::size_t call_index, const Result &r) {
    detail::call([&](cloudphone_error **e) { return cloudphone_batch_merge_record(h_.get(), call_index, r.get(), e); });
  }
  /// Call `call_index` failed as a whole with `error` (as thrown by a parse).
  void record_error(std::size_t call_index, const Error &error) {
    detail::call(
        [&](cloudphone_error **e) { return cloudphone_batch_merge_record_error(h_.get(), call_index, error.get(), e); });
  }
  /// Sending call `call_index` failed in the host's transport.
  void record_transport_error(std::size_t call_index, const std::string &message) {
    detail::call([&](cloudphone_error **e) {
      return cloudphone_batch_merge_record_transport_error(h_.get(), call_index, message.c_str(), e);
    });
  }
  BatchOutcome finish() const {
    cloudphone_batch_outcome *o = nullptr;
    detail::call([&](cloudphone_error **e) { return cloudphone_batch_merge_finish(h_.get(), &o, e); });
    return BatchOutcome(o);
  }

 private:
  detail::Handle<cloudphone_batch_merge, cloudphone_batch_merge_free> h_;
};


/// Builds any operation's request: `f(request_out, err_out)` calls its C
/// `_build`, e.g.
///   cp::build([&](auto out, auto err) {
///     return cloudphone_geelark_list_phones_build(cfg.get(), 1, 100, nullptr, now, trace, out, err); });
template <typename F>
Request build(F &&f) {
  cloudphone_request *r = nullptr;
  detail::call([&](cloudphone_error **e) { return f(&r, e); });
  return Request(r);
}

// ---------------------------------------------------------------- clients

/// Blocking Huawei client (the library must be built with feature
/// "client"; otherwise the constructor throws Error with
/// CLOUDPHONE_STATUS_UNSUPPORTED). Safe to share between threads.
class HuaweiClient {
 public:
  explicit HuaweiClient(const HuaweiConfig &cfg, std::uint64_t timeout_ms = 0) {
    cloudphone_huawei_client *c = nullptr;
    detail::call([&](cloudphone_error **e) { return cloudphone_huawei_client_new(cfg.get(), timeout_ms, &c, e); });
    h_.reset(c);
  }
  /// From HUAWEICLOUD_SDK_AK/SK/SECURITY_TOKEN/PROJECT_ID/REGION or
  /// CLOUDPHONE_HUAWEI_ENDPOINT.
  static HuaweiClient from_env(std::uint64_t timeout_ms = 0) {
    cloudphone_huawei_client *c = nullptr;
    detail::call([&](cloudphone_error **e) { return cloudphone_huawei_client_from_env(timeout_ms, &c, e); });
    return HuaweiClient(c);
  }
  /// Any operation, in one blocking call:
  /// `request` (built with any config) names the operation and arguments;
  /// the client signs and sends it afresh, with its retries.
  Result call(const Request &request) const {
    cloudphone_result *r = nullptr;
    detail::call([&](cloudphone_error **e) { return cloudphone_huawei_client_call(h_.get(), request.get(), &r, e); });
    return Result(r);
  }
  /// Access information for any number of phones (10 a call, merged).
  BatchOutcome show_connect_infos(const std::vector<std::string> &phone_ids, const std::string &client_type) const {
    detail::CStrings ids(phone_ids);
    cloudphone_batch_outcome *o = nullptr;
    detail::call([&](cloudphone_error **e) {
      return cloudphone_huawei_client_show_connect_infos(h_.get(), ids.data(), ids.size(), client_type.c_str(), &o, e);
    });
    return BatchOutcome(o);
  }

 private:
  explicit HuaweiClient(cloudphone_huawei_client *c) noexcept : h_(c) {}
  detail::Handle<cloudphone_huawei_client, cloudphone_huawei_client_free> h_;
};

/// Blocking GeeLark client (as HuaweiClient).
class GeelarkClient {
 public:
  explicit GeelarkClient(const GeelarkConfig &cfg, std::uint64_t timeout_ms = 0) {
    cloudphone_geelark_client *c = nullptr;
    detail::call([&](cloudphone_error **e) { return cloudphone_geelark_client_new(cfg.get(), timeout_ms, &c, e); });
    h_.reset(c);
  }
  /// From CLOUDPHONE_GEELARK_APP_ID + _API_KEY or _TOKEN, and _ENDPOINT.
  static GeelarkClient from_env(std::uint64_t timeout_ms = 0) {
    cloudphone_geelark_client *c = nullptr;
    detail::call([&](cloudphone_error **e) { return cloudphone_geelark_client_from_env(timeout_ms, &c, e); });
    return GeelarkClient(c);
  }
  /// As HuaweiClient::call, within GeeLark's rate limit.
  Result call(const Request &request) const {
    cloudphone_result *r = nullptr;
    detail::call([&](cloudphone_error **e) { return cloudphone_geelark_client_call(h_.get(), request.get(), &r, e); });
    return Result(r);
  }
  /// The status of any number of phones (100 a call, merged).
  BatchOutcome get_phone_status(const std::vector<std::string> &ids) const {
    detail::CStrings c(ids);
    cloudphone_batch_outcome *o = nullptr;
    detail::call([&](cloudphone_error **e) {
      return cloudphone_geelark_client_get_phone_status(h_.get(), c.data(), c.size(), &o, e);
    });
    return BatchOutcome(o);
  }

 private:
  explicit GeelarkClient(cloudphone_geelark_client *c) noexcept : h_(c) {}
  detail::Handle<cloudphone_geelark_client, cloudphone_geelark_client_free> h_;
};

}  // namespace cloudphone

#endif  // CLOUDPHONE_HPP
