//! Errors: one type for every layer, with a `Copy` [`ErrorKind`] that maps
//! one-to-one onto the C ABI's status codes.
//!
//! Messages never contain a credential: inputs are named by field, never
//! echoed when they are secret, and provider messages are the server's text.

use std::borrow::Cow;
use std::fmt;

use crate::phone::Provider;

/// The result type of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What went wrong, as a stable, copyable code. The numbers are the C ABI's
/// `cloudphone_status` values and are never reused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
#[repr(u32)]
pub enum ErrorKind {
    /// Bad input, refused before anything was built or sent.
    InvalidInput = 100,
    /// The provider answered with an error (HTTP 4xx/5xx, a `CPS.*` or
    /// `APIGW.*` code, or a non-zero GeeLark envelope code).
    Api = 300,
    /// The provider refused the credentials or the signature (HTTP 401/403,
    /// `APIGW.0301`/`APIGW.0303`, GeeLark 40003/40015/40016).
    Auth = 301,
    /// The provider throttled the call (HTTP 429, `APIGW.0308`, GeeLark
    /// 40007/40017/47002); retrying later may succeed.
    RateLimited = 302,
    /// GeeLark's hourly quota lock (40014): every call fails for two hours;
    /// never retried.
    Lockout = 303,
    /// The response body was not the documented JSON.
    Decode = 400,
    /// The connection failed (DNS, connect, TLS, reset).
    Transport = 200,
    /// A timeout fired.
    Timeout = 201,
    /// The response body exceeded the configured size cap.
    BodyTooLarge = 202,
    /// A bound of this library was reached: pages or items of a listing,
    /// ids in one answer, a clock-skew correction, a wait. The error names
    /// the bound; nothing past it was sent or kept.
    LimitExceeded = 203,
    /// The feature is not compiled in.
    Unsupported = 500,
}

impl ErrorKind {
    /// A short stable name, e.g. `"rate_limited"`.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::InvalidInput => "invalid_input",
            ErrorKind::Api => "api",
            ErrorKind::Auth => "auth",
            ErrorKind::RateLimited => "rate_limited",
            ErrorKind::Lockout => "lockout",
            ErrorKind::Decode => "decode",
            ErrorKind::Transport => "transport",
            ErrorKind::Timeout => "timeout",
            ErrorKind::BodyTooLarge => "body_too_large",
            ErrorKind::LimitExceeded => "limit_exceeded",
            ErrorKind::Unsupported => "unsupported",
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An error reported by a provider.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct ApiError {
    /// Which provider answered.
    pub provider: Provider,
    /// The HTTP status (GeeLark reports most errors inside a 200).
    pub http_status: u16,
    /// The provider's code: `CPS.0005`, `APIGW.0301`, `42001`, or the HTTP
    /// status as text when the body carried none.
    pub code: String,
    /// The provider's message (or the raw body text when it was not JSON).
    pub message: String,
    /// Huawei `request_id` (body or `X-Request-Id`) or GeeLark `traceId`.
    pub request_id: Option<String>,
    /// Seconds to wait before retrying, from `Retry-After` when present.
    pub retry_after_secs: Option<u64>,
}

impl ApiError {
    /// The kind this error maps to, from the provider's code and HTTP status.
    pub fn kind(&self) -> ErrorKind {
        match self.provider {
            Provider::Huawei => {
                if self.http_status == 429 || self.code == "APIGW.0308" {
                    ErrorKind::RateLimited
                } else if matches!(self.http_status, 401 | 403)
                    || matches!(self.code.as_str(), "APIGW.0301" | "APIGW.0303")
                {
                    ErrorKind::Auth
                } else {
                    ErrorKind::Api
                }
            }
            Provider::GeeLark => match self.code.as_str() {
                "40014" => ErrorKind::Lockout,
                "40007" | "40017" | "47002" => ErrorKind::RateLimited,
                "40003" | "40015" | "40016" => ErrorKind::Auth,
                _ if self.http_status == 429 => ErrorKind::RateLimited,
                _ if matches!(self.http_status, 401 | 403) => ErrorKind::Auth,
                _ => ErrorKind::Api,
            },
        }
    }
}

impl std::error::Error for ApiError {}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} API error {} (HTTP {}): {}",
            self.provider, self.code, self.http_status, self.message
        )?;
        if let Some(id) = &self.request_id {
            write!(f, " [request id {id}]")?;
        }
        Ok(())
    }
}

/// Every error this crate returns.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Bad input, refused before anything was built or sent.
    #[error("invalid {field}: {reason}")]
    InvalidInput {
        /// The offending argument or field.
        field: &'static str,
        /// Why it was refused (never echoes a secret).
        reason: Cow<'static, str>,
    },
    /// The provider answered with an error.
    #[error("{0}")]
    Api(Box<ApiError>),
    /// The body was not the documented JSON.
    #[error("{operation}: undecodable response (HTTP {http_status}) at `{path}`: {message}")]
    Decode {
        /// The operation whose response failed to decode.
        operation: &'static str,
        /// The HTTP status of the response.
        http_status: u16,
        /// Where in the document decoding failed (`.` for the root).
        path: String,
        /// What was wrong.
        message: String,
    },
    /// A transport failure (client layer).
    #[error("{operation}: transport error: {message}")]
    Transport {
        /// The operation being sent.
        operation: &'static str,
        /// What failed (no secrets: URLs carry none).
        message: String,
        /// Whether the failure proves the request never reached the server.
        not_sent: bool,
        /// The operating system's kind of the failure, when a socket call
        /// failed (connection refused, reset, broken pipe, ...): what a
        /// caller matches on instead of the message.
        io_kind: Option<std::io::ErrorKind>,
    },
    /// A timeout fired (client layer).
    #[error("{operation}: timed out: {message}")]
    Timeout {
        /// The operation being sent.
        operation: &'static str,
        /// Which timeout fired.
        message: String,
    },
    /// The response body exceeded the size cap: the client's `body_limit`
    /// while reading, or the cap of [`Operation::parse`](crate::Operation::parse)
    /// ([`DEFAULT_MAX_BODY_LEN`](crate::DEFAULT_MAX_BODY_LEN) unless the host
    /// gave its own to `parse_with_limit`).
    #[error("{operation}: response body larger than the {limit}-byte cap")]
    BodyTooLarge {
        /// The operation whose response it was.
        operation: &'static str,
        /// The cap in bytes.
        limit: u64,
    },
    /// A bound of this library was reached (see [`ErrorKind::LimitExceeded`]).
    #[error("{operation}: {limit} reached: {message}")]
    LimitExceeded {
        /// The operation (or walk) that hit the bound.
        operation: &'static str,
        /// Which bound, by its setting's name (`max_pages`, `max_items`,
        /// `max_clock_skew`, ...).
        limit: &'static str,
        /// What happened, with the bound's value.
        message: String,
    },
    /// The feature needed is not compiled in.
    #[error("unsupported: {0}")]
    Unsupported(&'static str),
}

impl Error {
    /// The stable kind of this error.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::InvalidInput { .. } => ErrorKind::InvalidInput,
            Error::Api(api) => api.kind(),
            Error::Decode { .. } => ErrorKind::Decode,
            Error::Transport { .. } => ErrorKind::Transport,
            Error::Timeout { .. } => ErrorKind::Timeout,
            Error::BodyTooLarge { .. } => ErrorKind::BodyTooLarge,
            Error::LimitExceeded { .. } => ErrorKind::LimitExceeded,
            Error::Unsupported(_) => ErrorKind::Unsupported,
        }
    }

    /// The provider's error, when the provider answered with one.
    pub fn api(&self) -> Option<&ApiError> {
        match self {
            Error::Api(api) => Some(api),
            _ => None,
        }
    }

    /// The operating system's kind of a transport failure, when a socket
    /// call failed (e.g. [`ConnectionRefused`](std::io::ErrorKind::ConnectionRefused),
    /// [`ConnectionReset`](std::io::ErrorKind::ConnectionReset)).
    pub fn io_kind(&self) -> Option<std::io::ErrorKind> {
        match self {
            Error::Transport { io_kind, .. } => *io_kind,
            _ => None,
        }
    }

    /// The HTTP status the error came with, if a response was received.
    pub fn http_status(&self) -> Option<u16> {
        match self {
            Error::Api(api) => Some(api.http_status),
            Error::Decode { http_status, .. } => Some(*http_status),
            _ => None,
        }
    }

    /// A short code for per-item failures that stand for a whole failed call:
    /// the provider's code for API errors, else the kind's name.
    pub fn code(&self) -> String {
        match self {
            Error::Api(api) => api.code.clone(),
            other => other.kind().as_str().to_owned(),
        }
    }
}

impl From<ApiError> for Error {
    fn from(e: ApiError) -> Self {
        Error::Api(Box::new(e))
    }
}

/// Shorthand for an [`Error::InvalidInput`] (also used by the C ABI crate
/// for its argument errors).
pub fn invalid(field: &'static str, reason: impl Into<Cow<'static, str>>) -> Error {
    Error::InvalidInput {
        field,
        reason: reason.into(),
    }
}
