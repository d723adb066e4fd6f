//! What every CPH operation shares on the wire: the request skeleton (URL,
//! common headers, authentication) and the reading of error bodies.

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::config::{Auth, Config};
use super::signer;
use crate::error::{ApiError, Error, Result};
use crate::http::{Method, Request, Response, check_header_value, retry_after_seconds};
use crate::json::decode;
use crate::op::Context;
use crate::phone::Provider;
use crate::time::sdk_date;

/// `{prefix}/{version}/{project_id}/{rest}` — `rest` is built from
/// constants and checked path segments only.
pub(crate) fn project_path(cfg: &Config, version: &str, rest: &str) -> String {
    let prefix = cfg.endpoint().path_prefix();
    let mut p = String::with_capacity(prefix.len() + version.len() + rest.len() + 40);
    p.push_str(prefix);
    p.push('/');
    p.push_str(version);
    p.push('/');
    p.push_str(cfg.project_id());
    p.push('/');
    p.push_str(rest);
    p
}

/// Builds and authenticates a CPH request. `body` is sent as JSON.
pub(crate) fn build(
    ctx: &Context<'_, Config>,
    method: Method,
    path: String,
    query: Vec<(String, String)>,
    body: Option<Vec<u8>>,
) -> Result<Request> {
    let cfg = ctx.config;
    for (_, v) in &query {
        if v.chars().any(char::is_control) {
            return Err(crate::error::invalid(
                "query",
                "a query value contains a control character",
            ));
        }
    }
    let mut headers = Vec::with_capacity(8);
    headers.push(("Content-Type".to_owned(), "application/json".to_owned()));
    headers.push(("User-Agent".to_owned(), cfg.user_agent().to_owned()));
    let body = body.unwrap_or_default();
    let endpoint = cfg.endpoint();
    match cfg.auth() {
        Auth::Token(token) => {
            headers.push(("X-Auth-Token".to_owned(), token.expose().to_owned()));
            let query = signer::canonical_query(&query);
            Ok(Request {
                method,
                url: url(endpoint.scheme(), endpoint.authority(), &path, &query),
                headers,
                body,
            })
        }
        Auth::AkSk {
            access_key,
            secret_key,
            security_token,
        } => {
            headers.push(("X-Project-Id".to_owned(), cfg.project_id().to_owned()));
            if let Some(t) = security_token {
                headers.push(("X-Security-Token".to_owned(), t.expose().to_owned()));
            }
            headers.push(("X-Sdk-Date".to_owned(), sdk_date(ctx.now_unix_ms)));
            for (n, v) in &headers {
                check_header_value(
                    if n == "User-Agent" {
                        "user_agent"
                    } else {
                        "header"
                    },
                    v,
                )?;
            }
            let mut unsigned = signer::Unsigned {
                method: method.as_str().to_owned(),
                host: endpoint.authority().to_owned(),
                path,
                query,
                headers,
                body,
            };
            let sig = signer::sign(
                &mut unsigned,
                access_key.expose(),
                secret_key.expose().as_bytes(),
            )?;
            Ok(Request {
                method,
                url: url(
                    endpoint.scheme(),
                    endpoint.authority(),
                    &unsigned.path,
                    &sig.canonical_query,
                ),
                headers: unsigned.headers,
                body: unsigned.body,
            })
        }
    }
}

fn url(scheme: &str, authority: &str, path: &str, query: &str) -> String {
    let mut u =
        String::with_capacity(scheme.len() + authority.len() + path.len() + query.len() + 5);
    u.push_str(scheme);
    u.push_str("://");
    u.push_str(authority);
    u.push_str(path);
    if !query.is_empty() {
        u.push('?');
        u.push_str(query);
    }
    u
}

/// Decodes a 2xx body as `T`, or turns any other status into the API error
/// its body describes.
pub(crate) fn parse_json<T: DeserializeOwned>(
    operation: &'static str,
    response: &Response,
) -> Result<T> {
    if !response.is_success() {
        return Err(api_error(response));
    }
    crate::op::ensure_not_empty(operation, response)?;
    decode(operation, response.status, &response.body)
}

/// [`parse_json`] for answers that document `error_code`/`error_msg` beside
/// their fields: a 2xx whose `error_code` is non-empty is that API error.
/// One decode.
pub(crate) fn parse_json_checked<T: DeserializeOwned>(
    operation: &'static str,
    response: &Response,
) -> Result<T> {
    #[derive(serde::Deserialize)]
    struct Checked<T> {
        #[serde(flatten)]
        value: T,
        #[serde(default, deserialize_with = "crate::json::opt_string_or_int")]
        error_code: Option<String>,
    }
    let w: Checked<T> = parse_json(operation, response)?;
    if w.error_code.is_some_and(|c| !c.is_empty()) {
        return Err(api_error(response));
    }
    Ok(w.value)
}

/// Reads a CPH/API-gateway error response the way the official SDKs do:
/// the first `error_code`/`error_msg` (then `errorCode`/`errorMsg`, then
/// `code`/`message`) pair found in the JSON, searching nested objects; the
/// request id from the body or `X-Request-Id`; the HTTP status as the code
/// and the body text as the message when the body says nothing usable.
pub(crate) fn api_error(response: &Response) -> Error {
    let json: Option<Value> = serde_json::from_slice(&response.body).ok();
    let found = json.as_ref().and_then(find_code);
    let body_request_id = json
        .as_ref()
        .and_then(|v| v.get("request_id"))
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty());
    let header_request_id = response.header("x-request-id").filter(|s| !s.is_empty());
    let (code, message) = match found {
        Some((c, m)) => (crate::redact::message(&c), crate::redact::message(&m)),
        None => (
            response.status.to_string(),
            crate::http::body_text(&response.body),
        ),
    };
    ApiError {
        provider: Provider::Huawei,
        http_status: response.status,
        code,
        message,
        request_id: body_request_id
            .or(header_request_id)
            .map(crate::redact::message),
        retry_after_secs: retry_after_seconds(response),
    }
    .into()
}

fn as_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn find_code(v: &Value) -> Option<(String, String)> {
    let obj = v.as_object()?;
    for (ck, mk) in [
        ("error_code", "error_msg"),
        ("errorCode", "errorMsg"),
        ("code", "message"),
    ] {
        if let Some(code) = obj.get(ck).and_then(as_text).filter(|c| !c.is_empty()) {
            let msg = obj.get(mk).and_then(as_text).unwrap_or_default();
            return Some((code, msg));
        }
    }
    obj.values().find_map(find_code)
}
