//! What every GeeLark operation shares on the wire: a POST with JSON and the
//! authentication headers, and the `{code, msg, traceId, data}` envelope.

use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::value::RawValue;

use super::auth::{self, Auth};
use super::config::Config;
use crate::error::{ApiError, Error, Result};
use crate::http::{Method, Request, Response, retry_after_seconds};
use crate::json::{decode, int_or_string};
use crate::op::Context;
use crate::phone::Provider;

/// Envelope codes that still carry a `data` payload to read: 40006 (batch
/// partially succeeded) and 40009 (batch failed completely).
pub const PARTIAL_CODES: [i64; 2] = [40006, 40009];

/// Builds an authenticated POST of `body` (JSON) to `path` (from `/open/…`).
pub(crate) fn build(ctx: &Context<'_, Config>, path: &str, body: Vec<u8>) -> Result<Request> {
    let cfg = ctx.config;
    auth::check_trace_id(ctx.trace_id)?;
    let mut headers = Vec::with_capacity(6);
    headers.push(("Content-Type".to_owned(), "application/json".to_owned()));
    match cfg.auth() {
        Auth::Key { app_id, api_key } => {
            let ts = ctx.now_unix_ms.to_string();
            let nonce = auth::nonce(ctx.trace_id)?;
            let sign = auth::sign(app_id.expose(), ctx.trace_id, &ts, nonce, api_key.expose());
            headers.push(("appId".to_owned(), app_id.expose().to_owned()));
            headers.push(("traceId".to_owned(), ctx.trace_id.to_owned()));
            headers.push(("ts".to_owned(), ts));
            headers.push(("nonce".to_owned(), nonce.to_owned()));
            headers.push(("sign".to_owned(), sign));
        }
        Auth::Token(token) => {
            headers.push(("traceId".to_owned(), ctx.trace_id.to_owned()));
            headers.push((
                "Authorization".to_owned(),
                format!("Bearer {}", token.expose()),
            ));
        }
    }
    Ok(Request {
        method: Method::Post,
        url: format!("{}{}", cfg.endpoint(), path),
        headers,
        body,
    })
}

#[derive(Deserialize)]
struct Envelope<'a> {
    #[serde(deserialize_with = "int_or_string")]
    code: i64,
    #[serde(default)]
    msg: Option<String>,
    #[serde(default, rename = "traceId")]
    trace_id: Option<String>,
    #[serde(default, borrow)]
    data: Option<&'a RawValue>,
}

/// A successful (or partially successful) envelope with its decoded data.
pub(crate) struct Answer<T> {
    /// `0`, or one of [`PARTIAL_CODES`].
    pub code: i64,
    /// `msg`.
    pub msg: String,
    /// `traceId`.
    pub trace_id: Option<String>,
    /// `data`, decoded.
    pub data: T,
}

/// Reads the envelope: code 0 (and 40006/40009 when `data` is present) gives
/// the decoded `data`; any other code, or a non-2xx status, is an error.
///
/// This is the parse of every operation whose documented success carries
/// `data` (list, status, start, stop, delete, create, GPS, ADB data,
/// screenshots, app list): a code-0 envelope whose `data` is missing or
/// `null` is an [`Error::Decode`] at `data` — never an empty success, which
/// would report a batch's ids as neither succeeded nor failed.
pub(crate) fn parse<T: DeserializeOwned>(
    operation: &'static str,
    response: &Response,
) -> Result<Answer<T>> {
    let a = parse_opt::<T>(operation, response)?;
    let Some(data) = a.data else {
        return Err(Error::Decode {
            operation,
            http_status: response.status,
            path: "data".to_owned(),
            message: "missing or null".to_owned(),
        });
    };
    Ok(Answer {
        code: a.code,
        msg: a.msg,
        trace_id: a.trace_id,
        data,
    })
}

/// [`parse`] for the calls whose documented success may carry no `data` at
/// all — ADB set-status, app install and uninstall, phone update (envelope
/// only, or `data` just for failures): a code-0 envelope without `data` (or
/// with `null`) gives `None`. 40006/40009 still need `data`. Every other
/// operation uses [`parse`]; `tests/geelark_responses.rs`
/// (`code_0_with_data_null_is_typed_for_every_operation`) holds the list.
pub(crate) fn parse_opt<T: DeserializeOwned>(
    operation: &'static str,
    response: &Response,
) -> Result<Answer<Option<T>>> {
    crate::op::ensure_not_empty(operation, response).map_err(|e| {
        if response.is_success() {
            e
        } else {
            http_error(response, None)
        }
    })?;
    let env: Envelope<'_> = match decode(operation, response.status, &response.body) {
        Ok(env) => env,
        Err(e) if response.is_success() => return Err(e),
        Err(_) => return Err(http_error(response, None)),
    };
    if !response.is_success() {
        return Err(http_error(response, Some(&env)));
    }
    let data_present = env.data.is_some_and(|d| d.get() != "null");
    if env.code != 0 && !(PARTIAL_CODES.contains(&env.code) && data_present) {
        return Err(api_error(response, &env));
    }
    let data = match env.data.filter(|_| data_present) {
        Some(raw) => Some(decode_data(operation, response.status, raw)?),
        None => None,
    };
    Ok(Answer {
        code: env.code,
        msg: env.msg.unwrap_or_default(),
        trace_id: env.trace_id,
        data,
    })
}

fn decode_data<T: DeserializeOwned>(
    operation: &'static str,
    status: u16,
    raw: &RawValue,
) -> Result<T> {
    decode(operation, status, raw.get().as_bytes()).map_err(|e| match e {
        Error::Decode {
            operation,
            http_status,
            path,
            message,
        } => Error::Decode {
            operation,
            http_status,
            path: if path == "." {
                "data".to_owned()
            } else {
                format!("data.{path}")
            },
            message,
        },
        other => other,
    })
}

fn api_error(response: &Response, env: &Envelope<'_>) -> Error {
    ApiError {
        provider: Provider::GeeLark,
        http_status: response.status,
        code: env.code.to_string(),
        message: env
            .msg
            .as_deref()
            .map(crate::redact::message)
            .unwrap_or_default(),
        request_id: env
            .trace_id
            .as_deref()
            .filter(|t| !t.is_empty())
            .map(crate::redact::message),
        retry_after_secs: retry_after_seconds(response),
    }
    .into()
}

fn http_error(response: &Response, env: Option<&Envelope<'_>>) -> Error {
    match env {
        Some(env) if env.code != 0 => api_error(response, env),
        _ => ApiError {
            provider: Provider::GeeLark,
            http_status: response.status,
            code: response.status.to_string(),
            message: crate::http::body_text(&response.body),
            request_id: response.header("traceid").map(crate::redact::message),
            retry_after_secs: retry_after_seconds(response),
        }
        .into(),
    }
}
