//! What every GeeLark operation shares on the wire: a POST with JSON and the
//! authentication headers, and the `{code, msg, traceId, data}` envelope.

use serde::Deserialize;
use serde::de::{
    DeserializeOwned, DeserializeSeed, Deserializer, Error as _, IgnoredAny, MapAccess, Visitor,
};
use serde_json::value::RawValue;

use super::auth::{self, Auth};
use super::config::Config;
use crate::error::{ApiError, Error, Result};
use crate::http::{Method, Request, Response, retry_after_seconds};
use crate::json::{decode, decode_seed, int_or_string};
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

/// The `{code, msg, traceId, data}` envelope, read in one pass: `data` is
/// decoded as `T` where it stands when the code before it says it is a
/// success (GeeLark sends `code` first), and kept as raw text otherwise (an
/// error's `data` may have any shape; a body that puts `data` first is
/// decoded once the code is known). Reading `data` as raw text first and
/// decoding it again cost about a quarter of a status parse.
struct Envelope<'a, T> {
    code: i64,
    msg: Option<String>,
    trace_id: Option<String>,
    data: Data<'a, T>,
}

/// What the envelope's `data` held.
enum Data<'a, T> {
    /// Absent, or `null`.
    Nothing,
    /// Decoded where it stood.
    Decoded(T),
    /// Kept as text: an error's payload, or one that came before `code`.
    Raw(&'a RawValue),
}

impl<T> Data<'_, T> {
    fn is_present(&self) -> bool {
        !matches!(self, Data::Nothing)
    }
}

#[derive(Deserialize)]
#[serde(field_identifier, rename_all = "camelCase")]
enum Key {
    Code,
    Msg,
    TraceId,
    Data,
    #[serde(other)]
    Other,
}

/// `code` as a number or a numeric string.
#[derive(Deserialize)]
struct Code(#[serde(deserialize_with = "int_or_string")] i64);

/// Reads an [`Envelope`]; `decode_data` is false for a non-2xx answer,
/// whose `data` is never decoded.
struct EnvelopeSeed<T> {
    decode_data: bool,
    _t: std::marker::PhantomData<T>,
}

impl<'de, T: Deserialize<'de>> DeserializeSeed<'de> for EnvelopeSeed<T> {
    type Value = Envelope<'de, T>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> std::result::Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de, T: Deserialize<'de>> Visitor<'de> for EnvelopeSeed<T> {
    type Value = Envelope<'de, T>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a GeeLark envelope {code, msg, traceId, data}")
    }

    fn visit_map<A: MapAccess<'de>>(
        self,
        mut map: A,
    ) -> std::result::Result<Self::Value, A::Error> {
        let (mut code, mut msg, mut trace_id) = (None, None, None);
        let mut data: Option<Data<'de, T>> = None;
        while let Some(key) = map.next_key::<Key>()? {
            match key {
                Key::Code if code.is_some() => return Err(A::Error::duplicate_field("code")),
                Key::Code => code = Some(map.next_value::<Code>()?.0),
                Key::Msg if msg.is_some() => return Err(A::Error::duplicate_field("msg")),
                Key::Msg => msg = Some(map.next_value::<Option<String>>()?),
                Key::TraceId if trace_id.is_some() => {
                    return Err(A::Error::duplicate_field("traceId"));
                }
                Key::TraceId => trace_id = Some(map.next_value::<Option<String>>()?),
                Key::Data if data.is_some() => return Err(A::Error::duplicate_field("data")),
                Key::Data => {
                    let success = code.is_some_and(|c| c == 0 || PARTIAL_CODES.contains(&c));
                    data = Some(if self.decode_data && success {
                        match map.next_value::<Option<T>>()? {
                            Some(v) => Data::Decoded(v),
                            None => Data::Nothing,
                        }
                    } else {
                        match map.next_value::<Option<&'de RawValue>>()? {
                            Some(raw) if raw.get() != "null" => Data::Raw(raw),
                            _ => Data::Nothing,
                        }
                    });
                }
                Key::Other => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(Envelope {
            code: code.ok_or_else(|| A::Error::missing_field("code"))?,
            msg: msg.flatten(),
            trace_id: trace_id.flatten(),
            data: data.unwrap_or(Data::Nothing),
        })
    }
}

/// A successful (or partially successful) envelope with its decoded data.
#[derive(Debug)]
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
            http_error::<()>(response, None)
        }
    })?;
    let seed = EnvelopeSeed::<T> {
        decode_data: response.is_success(),
        _t: std::marker::PhantomData,
    };
    let env = match decode_seed(operation, response.status, &response.body, seed) {
        Ok(env) => env,
        Err(e) if response.is_success() => return Err(e),
        Err(_) => return Err(http_error::<()>(response, None)),
    };
    if !response.is_success() {
        return Err(http_error(response, Some(&env)));
    }
    if env.code != 0 && !(PARTIAL_CODES.contains(&env.code) && env.data.is_present()) {
        return Err(api_error(response, &env));
    }
    let (code, msg, trace_id) = (env.code, env.msg.unwrap_or_default(), env.trace_id);
    let data = match env.data {
        Data::Nothing => None,
        Data::Decoded(v) => Some(v),
        Data::Raw(raw) => Some(decode_data(operation, response.status, raw)?),
    };
    Ok(Answer {
        code,
        msg,
        trace_id,
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

fn api_error<T>(response: &Response, env: &Envelope<'_, T>) -> Error {
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

fn http_error<T>(response: &Response, env: Option<&Envelope<'_, T>>) -> Error {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize, PartialEq)]
    struct D {
        n: u32,
    }

    fn parse_body(status: u16, body: &str) -> Result<Answer<D>> {
        parse::<D>(
            "geelark.test",
            &Response::new(status, body.as_bytes().to_vec()),
        )
    }

    #[test]
    fn data_is_decoded_wherever_it_stands() {
        for body in [
            r#"{"code":0,"msg":"ok","data":{"n":7},"traceId":"t"}"#,
            r#"{"data":{"n":7},"traceId":"t","msg":"ok","code":"0"}"#,
            r#"{"traceId":"t","extra":[1,{"a":null}],"code":0,"data":{"n":7},"msg":"ok"}"#,
        ] {
            let a = parse_body(200, body).unwrap();
            assert_eq!(
                (a.code, a.data.n, a.trace_id.as_deref()),
                (0, 7, Some("t")),
                "{body}"
            );
        }
    }

    #[test]
    fn an_error_code_wins_over_data_of_any_shape() {
        for body in [
            r#"{"code":40014,"msg":"locked","data":"not an object"}"#,
            r#"{"data":[1,2],"code":40014,"msg":"locked"}"#,
        ] {
            match parse_body(200, body) {
                Err(Error::Api(e)) => assert_eq!(e.code, "40014", "{body}"),
                other => panic!("{body}: {other:?}"),
            }
        }
    }

    #[test]
    fn a_bad_data_is_located_in_the_whole_body() {
        for body in [
            r#"{"code":0,"data":{"n":"x"}}"#,
            r#"{"data":{"n":"x"},"code":0}"#,
        ] {
            match parse_body(200, body) {
                Err(Error::Decode { path, .. }) => assert_eq!(path, "data.n", "{body}"),
                other => panic!("{body}: {other:?}"),
            }
        }
    }

    #[test]
    fn repeated_or_missing_members_and_non_objects_are_refused() {
        for body in [
            r#"{"code":0,"code":0,"data":{"n":1}}"#,
            r#"{"code":0,"data":{"n":1},"data":{"n":2}}"#,
            r#"{"msg":"no code","data":{"n":1}}"#,
            r#"[0,"ok",{"n":1}]"#,
            r#"{"code":0,"data":{"n":1}} trailing"#,
        ] {
            assert!(
                matches!(parse_body(200, body), Err(Error::Decode { .. })),
                "{body}"
            );
        }
    }
}
