//! Callbacks (webhooks; reference §3.8): set and read the URL GeeLark POSTs
//! events to (`callback/set`, `callback/get`), and read those events with
//! the sans-IO core: [`Event::parse`] turns a body into a typed event and
//! [`verify`] checks the headers it came with.
//!
//! Why callbacks: polling phone or task state is limited to 200 calls a
//! minute per API and an account that keeps exceeding it is locked out for
//! two hours (40014); an event arrives once, when the state changes.
//!
//! GeeLark signs a callback as it signs requests: key-mode headers (`appId`,
//! `traceId`, `ts`, `nonce`, `sign` over *your* AppId and ApiKey), or a
//! `traceId` with `Authorization: Bearer <your token>`. [`verify`] takes the
//! headers as received and the [`Auth`] of the account; a body from anyone
//! else is [`ErrorKind::Auth`](crate::ErrorKind::Auth).

use serde::{Deserialize, Serialize};

use super::auth::{Auth, nonce, sign};
use super::config::Config;
use super::shapes::{Envelope, to_body};
use super::wire;
use crate::error::{Error, Result, invalid};
use crate::http::{Request, Response};
use crate::json::{null_default, opt_string_or_int, string_or_int};
use crate::op::{Context, Operation};

/// Longest callback URL accepted.
pub const MAX_URL_LEN: usize = 2048;
/// Largest event body [`Event::parse`] reads (events are a few hundred
/// bytes; a name-change event lists at most a batch of phones).
pub const MAX_EVENT_LEN: usize = 1 << 20;
/// How far a callback's `ts` may be from the receiver's clock in
/// [`verify`] (replays older than this are refused).
pub const MAX_EVENT_SKEW_MS: u64 = 10 * 60 * 1000;

/// Set the URL GeeLark POSTs events to: `POST /open/v1/callback/set`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "callback/set")]
pub struct SetCallback {
    url: String,
}

impl SetCallback {
    /// An `http://` or `https://` URL of at most [`MAX_URL_LEN`] bytes.
    pub fn new(url: impl Into<String>) -> Result<Self> {
        let url = url.into();
        crate::limits::check_text("url", &url, MAX_URL_LEN)?;
        if !(url.starts_with("https://") || url.starts_with("http://")) || url.contains(' ') {
            return Err(invalid("url", "must be an http:// or https:// URL"));
        }
        Ok(SetCallback { url })
    }
}

#[derive(Serialize)]
struct UrlBody<'a> {
    url: &'a str,
}

impl Operation for SetCallback {
    type Config = Config;
    type Output = super::apps::Accepted;
    const NAME: &'static str = "geelark.set_callback";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        wire::build(
            ctx,
            "/open/v1/callback/set",
            to_body(&UrlBody { url: &self.url })?,
        )
    }

    fn parse_unchecked(&self, response: &Response) -> Result<super::apps::Accepted> {
        super::apps::parse_accepted(Self::NAME, response)
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}

/// Read the callback URL: `POST /open/v1/callback/get` (51001 when none is
/// set).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[doc(alias = "callback/get")]
pub struct GetCallback;

/// The callback URL set.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct CallbackUrl {
    /// The envelope.
    #[serde(flatten)]
    pub envelope: Envelope,
    /// The URL.
    pub url: String,
}

impl Operation for GetCallback {
    type Config = Config;
    type Output = CallbackUrl;
    const NAME: &'static str = "geelark.get_callback";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        wire::build(ctx, "/open/v1/callback/get", b"{}".to_vec())
    }

    fn parse_unchecked(&self, response: &Response) -> Result<CallbackUrl> {
        #[derive(Deserialize)]
        struct Wire {
            #[serde(default)]
            url: String,
        }
        let a = wire::parse::<Wire>(Self::NAME, response)?;
        Ok(CallbackUrl {
            envelope: Envelope::of(&a),
            url: a.data.url,
        })
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}

/// A renamed phone (event 9).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Renamed {
    /// The phone.
    #[serde(deserialize_with = "string_or_int")]
    pub id: String,
    /// Its new name.
    #[serde(default)]
    pub name: String,
}

/// A deleted phone (event 10).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Deleted {
    /// The phone.
    #[serde(deserialize_with = "string_or_int")]
    pub id: String,
    /// Whether it went to the recycle bin.
    #[serde(default)]
    pub recycle: bool,
}

/// An event GeeLark POSTs to the callback URL, by its `type`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Event {
    /// 1: a phone started (`result` false: the start failed).
    PhoneStarted {
        /// The phone.
        id: String,
        /// Whether it started.
        result: bool,
        /// Who started it.
        username: Option<String>,
        /// From where.
        ip: Option<String>,
        /// When, Unix seconds.
        event_time: Option<i64>,
    },
    /// 4: a file upload to a phone ended.
    FileUploaded {
        /// The phone.
        id: String,
        /// The upload task.
        task_id: String,
        /// Whether it succeeded.
        result: bool,
    },
    /// 5: a screenshot is ready (or failed).
    Screenshot {
        /// The phone.
        id: String,
        /// The screenshot task.
        task_id: String,
        /// Whether it succeeded.
        result: bool,
        /// Where to fetch it.
        download_link: Option<String>,
    },
    /// 6: an automation task finished (check it with `ShowTask`: a
    /// `true` result is the runner's word, not proof).
    TaskFinished {
        /// The task.
        task_id: String,
        /// Whether the run succeeded.
        result: bool,
    },
    /// 8: a phone stopped.
    PhoneStopped {
        /// The phone.
        id: String,
        /// Who stopped it.
        username: Option<String>,
        /// From where.
        ip: Option<String>,
        /// When, Unix seconds.
        event_time: Option<i64>,
        /// Minutes it ran.
        use_min: Option<i64>,
    },
    /// 9: phones were renamed.
    Renamed {
        /// The phones and their new names.
        items: Vec<Renamed>,
    },
    /// 10: phones were deleted.
    Deleted {
        /// The phones.
        items: Vec<Deleted>,
    },
    /// 11: phones' tags changed.
    TagsChanged {
        /// The phones.
        env_ids: Vec<String>,
    },
    /// 12: tasks were created (`channel` `api` or `client`).
    TasksCreated {
        /// The tasks.
        task_ids: Vec<String>,
        /// Where they were created.
        channel: Option<String>,
    },
    /// 13: tasks were cancelled.
    TasksCancelled {
        /// The tasks.
        task_ids: Vec<String>,
        /// Where they were cancelled.
        channel: Option<String>,
    },
    /// 14: a contacts import ended.
    ContactsImported {
        /// The import task.
        task_id: String,
        /// Whether it succeeded (`status` 1).
        ok: bool,
    },
    /// 15: an app install ended.
    AppInstalled {
        /// The phone.
        id: String,
        /// The package.
        package_name: Option<String>,
        /// The version installed.
        app_version_id: Option<String>,
        /// Whether it succeeded (`result` 1).
        ok: bool,
    },
}

/// Every field any event carries, each optional: one decode, then the
/// `type` picks what is required.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireEvent {
    #[serde(rename = "type", deserialize_with = "super::shapes::opt_int", default)]
    kind: Option<i64>,
    #[serde(default, deserialize_with = "opt_string_or_int")]
    id: Option<String>,
    #[serde(default, deserialize_with = "opt_string_or_int")]
    task_id: Option<String>,
    #[serde(default)]
    result: Option<serde_json::Value>,
    #[serde(default)]
    username: Option<String>,
    #[serde(default)]
    ip: Option<String>,
    #[serde(default, deserialize_with = "super::shapes::opt_int")]
    event_time: Option<i64>,
    #[serde(default, deserialize_with = "super::shapes::opt_int")]
    use_min: Option<i64>,
    #[serde(default)]
    download_link: Option<String>,
    #[serde(default, deserialize_with = "null_default")]
    items: Vec<serde_json::Value>,
    #[serde(default, deserialize_with = "null_default")]
    env_ids: Vec<serde_json::Value>,
    #[serde(default, deserialize_with = "null_default")]
    task_ids: Vec<serde_json::Value>,
    #[serde(default)]
    channel: Option<String>,
    #[serde(default, deserialize_with = "super::shapes::opt_int")]
    status: Option<i64>,
    #[serde(default)]
    package_name: Option<String>,
    #[serde(default, deserialize_with = "opt_string_or_int")]
    app_version_id: Option<String>,
}

const EVENT: &str = "geelark.callback_event";

fn decode_error(path: &str, message: impl Into<String>) -> Error {
    Error::Decode {
        operation: EVENT,
        http_status: 200,
        path: path.to_owned(),
        message: message.into(),
    }
}

fn required<T>(v: Option<T>, field: &str) -> Result<T> {
    v.ok_or_else(|| decode_error(field, "missing"))
}

/// `result` as GeeLark sends it: a boolean, or 0/1.
fn truth(v: Option<serde_json::Value>, field: &str) -> Result<bool> {
    match v {
        Some(serde_json::Value::Bool(b)) => Ok(b),
        Some(serde_json::Value::Number(n)) if n.as_i64() == Some(0) => Ok(false),
        Some(serde_json::Value::Number(n)) if n.as_i64() == Some(1) => Ok(true),
        Some(_) => Err(decode_error(field, "not a boolean or 0/1")),
        None => Err(decode_error(field, "missing")),
    }
}

fn id_list(values: Vec<serde_json::Value>, field: &str) -> Result<Vec<String>> {
    values
        .into_iter()
        .map(|v| match v {
            serde_json::Value::String(s) if !s.is_empty() => Ok(s),
            serde_json::Value::Number(n) if n.is_u64() => Ok(n.to_string()),
            _ => Err(decode_error(field, "an id is not a string or an integer")),
        })
        .collect()
}

fn items<T: serde::de::DeserializeOwned>(values: Vec<serde_json::Value>) -> Result<Vec<T>> {
    values
        .into_iter()
        .enumerate()
        .map(|(i, v)| {
            serde_json::from_value(v).map_err(|e| {
                decode_error(
                    &format!("items[{i}]"),
                    crate::limits::shorten(e.to_string()),
                )
            })
        })
        .collect()
}

impl Event {
    /// Reads a callback body. An unknown `type`, a missing field the type
    /// requires, a body over [`MAX_EVENT_LEN`] or one that is not JSON is a
    /// typed [`Error::Decode`] naming what was wrong; never a panic.
    pub fn parse(body: &[u8]) -> Result<Event> {
        if body.len() > MAX_EVENT_LEN {
            return Err(Error::BodyTooLarge {
                operation: EVENT,
                limit: MAX_EVENT_LEN as u64,
            });
        }
        let w: WireEvent = crate::json::decode(EVENT, 200, body)?;
        let kind = required(w.kind, "type")?;
        Ok(match kind {
            1 => Event::PhoneStarted {
                id: required(w.id, "id")?,
                result: truth(w.result, "result")?,
                username: w.username,
                ip: w.ip,
                event_time: w.event_time,
            },
            4 => Event::FileUploaded {
                id: required(w.id, "id")?,
                task_id: required(w.task_id, "taskId")?,
                result: truth(w.result, "result")?,
            },
            5 => Event::Screenshot {
                id: required(w.id, "id")?,
                task_id: required(w.task_id, "taskId")?,
                result: truth(w.result, "result")?,
                download_link: w.download_link,
            },
            6 => Event::TaskFinished {
                task_id: required(w.task_id, "taskId")?,
                result: truth(w.result, "result")?,
            },
            8 => Event::PhoneStopped {
                id: required(w.id, "id")?,
                username: w.username,
                ip: w.ip,
                event_time: w.event_time,
                use_min: w.use_min,
            },
            9 => Event::Renamed {
                items: items(w.items)?,
            },
            10 => Event::Deleted {
                items: items(w.items)?,
            },
            11 => Event::TagsChanged {
                env_ids: id_list(w.env_ids, "envIds")?,
            },
            12 | 13 => {
                let task_ids = id_list(w.task_ids, "taskIds")?;
                if kind == 12 {
                    Event::TasksCreated {
                        task_ids,
                        channel: w.channel,
                    }
                } else {
                    Event::TasksCancelled {
                        task_ids,
                        channel: w.channel,
                    }
                }
            }
            14 => Event::ContactsImported {
                task_id: required(w.task_id, "taskId")?,
                ok: required(w.status, "status")? == 1,
            },
            15 => Event::AppInstalled {
                id: required(w.id, "id")?,
                package_name: w.package_name,
                app_version_id: w.app_version_id,
                ok: truth(w.result, "result")?,
            },
            n => return Err(decode_error("type", format!("unknown event type {n}"))),
        })
    }

    /// The event's `type` code.
    pub fn code(&self) -> i64 {
        match self {
            Event::PhoneStarted { .. } => 1,
            Event::FileUploaded { .. } => 4,
            Event::Screenshot { .. } => 5,
            Event::TaskFinished { .. } => 6,
            Event::PhoneStopped { .. } => 8,
            Event::Renamed { .. } => 9,
            Event::Deleted { .. } => 10,
            Event::TagsChanged { .. } => 11,
            Event::TasksCreated { .. } => 12,
            Event::TasksCancelled { .. } => 13,
            Event::ContactsImported { .. } => 14,
            Event::AppInstalled { .. } => 15,
        }
    }
}

fn auth_error(message: &str) -> Error {
    Error::Api(Box::new(crate::error::ApiError {
        provider: crate::phone::Provider::GeeLark,
        http_status: 401,
        code: "callback_auth".to_owned(),
        message: message.to_owned(),
        request_id: None,
        retry_after_secs: None,
    }))
}

/// Checks that a callback came from GeeLark for this account: `headers` as
/// received (names matched without regard to case), `auth` the account's.
/// Key mode: `appId` is the account's, `nonce` is the first 6 characters of
/// `traceId`, `ts` (Unix ms) is within [`MAX_EVENT_SKEW_MS`] of
/// `now_unix_ms`, and `sign` is the SHA-256 over AppId, traceId, ts, nonce
/// and ApiKey (compared in constant time). Token mode: `Authorization:
/// Bearer <token>` is the account's token. Anything else is an
/// [`ErrorKind::Auth`](crate::ErrorKind::Auth) error that names what failed
/// and never a secret.
pub fn verify<'a, I>(headers: I, auth: &Auth, now_unix_ms: u64) -> Result<()>
where
    I: IntoIterator<Item = (&'a str, &'a str)>,
{
    let mut get = std::collections::HashMap::new();
    for (k, v) in headers {
        get.insert(k.to_ascii_lowercase(), v);
    }
    let header = |name: &str| get.get(name).copied();
    match auth {
        Auth::Key { app_id, api_key } => {
            let (Some(id), Some(trace), Some(ts), Some(n), Some(signature)) = (
                header("appid"),
                header("traceid"),
                header("ts"),
                header("nonce"),
                header("sign"),
            ) else {
                return Err(auth_error(
                    "key-mode headers missing (appId, traceId, ts, nonce, sign)",
                ));
            };
            if !constant_eq(id.as_bytes(), app_id.expose().as_bytes()) {
                return Err(auth_error("appId is not this account's"));
            }
            if nonce(trace).ok() != Some(n) {
                return Err(auth_error("nonce is not the first 6 characters of traceId"));
            }
            let ts_ms: u64 = ts
                .parse()
                .map_err(|_| auth_error("ts is not a Unix time in milliseconds"))?;
            if ts_ms.abs_diff(now_unix_ms) > MAX_EVENT_SKEW_MS {
                return Err(auth_error(
                    "ts is more than 10 minutes from now (a replay?)",
                ));
            }
            let want = sign(app_id.expose(), trace, ts, n, api_key.expose());
            if !constant_eq(want.as_bytes(), signature.to_ascii_uppercase().as_bytes()) {
                return Err(auth_error("sign does not match"));
            }
            Ok(())
        }
        Auth::Token(token) => {
            let Some(value) = header("authorization") else {
                return Err(auth_error("Authorization header missing"));
            };
            let Some(given) = value.strip_prefix("Bearer ") else {
                return Err(auth_error("Authorization is not a Bearer token"));
            };
            if !constant_eq(given.trim().as_bytes(), token.expose().as_bytes()) {
                return Err(auth_error("the Bearer token is not this account's"));
            }
            Ok(())
        }
    }
}

/// Equality whose time does not depend on where the inputs differ.
fn constant_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
