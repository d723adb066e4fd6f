//! The library's own small HTTP types.
//!
//! The core never touches a socket: operations produce a [`Request`] that any
//! HTTP stack can send (ours in the `client` layer, or the host's own one
//! through the C ABI), and consume a [`Response`] that stack received. Keeping
//! these types ours (rather than the `http` crate's) keeps the core free of
//! framework types and lets the C ABI expose them field by field.

use std::fmt;

use crate::error::{Error, invalid};

/// An HTTP method. Only the methods the providers' APIs use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Method {
    /// `GET`
    Get,
    /// `POST`
    Post,
    /// `PUT`
    Put,
    /// `DELETE`
    Delete,
    /// `PATCH`
    Patch,
}

impl Method {
    /// The method as it appears on the request line.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
            Method::Patch => "PATCH",
        }
    }

    /// Whether repeating the request cannot change the outcome (RFC 9110 §9.2.2).
    /// The client only retries idempotent requests after a failure that may have
    /// reached the server.
    pub fn is_idempotent(self) -> bool {
        matches!(self, Method::Get | Method::Put | Method::Delete)
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Header names whose values are credentials; their values never appear in `Debug`.
const SENSITIVE_HEADERS: &[&str] = &[
    "authorization",
    "x-auth-token",
    "x-subject-token",
    "x-security-token",
    "sign",
    "apikey",
    "appid",
    "proxy-authorization",
];

/// Whether a header carries a credential (case-insensitive).
pub fn is_sensitive_header(name: &str) -> bool {
    SENSITIVE_HEADERS
        .iter()
        .any(|s| s.eq_ignore_ascii_case(name))
}

/// Checks that a header value can be sent as-is: no CR, LF, NUL or other
/// control characters (tab excepted), so a value can never split a header or
/// smuggle a second one. Non-ASCII UTF-8 is allowed (Huawei signs UTF-8 values).
pub(crate) fn check_header_value(field: &'static str, value: &str) -> Result<(), Error> {
    if let Some(c) = value.chars().find(|&c| c != '\t' && c.is_control()) {
        return Err(invalid(
            field,
            format!(
                "contains the control character U+{:04X}, which is not allowed in an HTTP header",
                c as u32
            ),
        ));
    }
    Ok(())
}

/// The longest `User-Agent` accepted, in bytes. Far above any real product
/// token list, far below what gateways refuse (nginx's default header line
/// buffer is 8 KiB, shared with the header's name).
pub const MAX_USER_AGENT_LEN: usize = 1024;

/// [`check_header_value`] for a `User-Agent`, which also may not exceed
/// [`MAX_USER_AGENT_LEN`]: a gateway would refuse the request (or cut the
/// header) with an error far from its cause.
pub(crate) fn check_user_agent(value: &str) -> Result<(), Error> {
    if value.len() > MAX_USER_AGENT_LEN {
        return Err(invalid(
            "user_agent",
            format!(
                "is {} bytes long, more than the {MAX_USER_AGENT_LEN} allowed",
                value.len()
            ),
        ));
    }
    check_header_value("user_agent", value)
}

/// An HTTP request built by an operation: everything a transport needs to send it.
///
/// Headers keep their insertion order and their case; every header that a
/// signature covers is already present (including `Host` for Huawei AK/SK
/// signing), so a transport must send them unchanged.
#[derive(Clone, PartialEq, Eq)]
pub struct Request {
    /// The method.
    pub method: Method,
    /// The absolute URL, with the query string already encoded.
    pub url: String,
    /// Headers in the order they were added.
    pub headers: Vec<(String, String)>,
    /// The body bytes (empty for none).
    pub body: Vec<u8>,
}

impl Request {
    /// The first value of a header, compared case-insensitively.
    pub fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }

    /// Renders the request as HTTP/1.1-like text with every value shown,
    /// secrets included. Meant for tests and snapshots; use `Debug` for logs.
    pub fn to_text(&self) -> String {
        let mut out = format!("{} {}\n", self.method, self.url);
        for (n, v) in &self.headers {
            out.push_str(n);
            out.push_str(": ");
            out.push_str(v);
            out.push('\n');
        }
        if !self.body.is_empty() {
            out.push('\n');
            out.push_str(&String::from_utf8_lossy(&self.body));
            out.push('\n');
        }
        out
    }
}

impl Request {
    /// The request as [`to_text`](Self::to_text) renders it, with every
    /// credential replaced by `***`: credential headers
    /// ([`is_sensitive_header`]: the Huawei signature, GeeLark's `appId` and
    /// `sign`, bearer tokens) and, in a JSON body, every secret-named member
    /// (passwords, keys, tokens), any credential quoted in a string, and a
    /// signature in the URL's query (a presigned upload URL). What
    /// `--dry-run` prints: everything else exactly as it would be sent (a
    /// body that is not text, such as an uploaded file, as its length).
    pub fn to_redacted_text(&self) -> String {
        // A presigned URL carries its signature in the query.
        let url = crate::redact::redact_text(&self.url);
        let mut out = format!("{} {url}\n", self.method);
        for (n, v) in &self.headers {
            out.push_str(n);
            out.push_str(": ");
            out.push_str(if is_sensitive_header(n) { "***" } else { v });
            out.push('\n');
        }
        if !self.body.is_empty() {
            out.push('\n');
            // In place (keys in the order sent) when the scanner sees the
            // whole body; a larger JSON body through a JSON value (keys
            // then sorted); bytes that are not short text are only counted.
            let n = self.body.len();
            match std::str::from_utf8(&self.body) {
                Ok(text) if n <= crate::redact::SCAN_WINDOW => {
                    out.push_str(&crate::redact::redact_text(text));
                }
                Ok(_) => match serde_json::from_slice::<serde_json::Value>(&self.body) {
                    Ok(mut v) => {
                        crate::redact::redact_json(&mut v);
                        out.push_str(&v.to_string());
                    }
                    Err(_) => out.push_str(&format!("<{n} bytes of text>")),
                },
                Err(_) => out.push_str(&format!("<{n} bytes>")),
            }
            out.push('\n');
        }
        out
    }
}

impl fmt::Debug for Request {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Request")
            .field("method", &self.method)
            .field("url", &self.url)
            .field("headers", &RedactedHeaders(&self.headers))
            .field("body", &format_args!("<{} bytes>", self.body.len()))
            .finish()
    }
}

/// An HTTP response as received: status, headers and the whole body.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Response {
    /// The status code.
    pub status: u16,
    /// Headers as received (names in any case).
    pub headers: Vec<(String, String)>,
    /// The body bytes.
    pub body: Vec<u8>,
}

impl Response {
    /// A response with no headers.
    pub fn new(status: u16, body: impl Into<Vec<u8>>) -> Self {
        Response {
            status,
            headers: Vec::new(),
            body: body.into(),
        }
    }

    /// Adds a header (builder style, for tests and hosts).
    pub fn with_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// The first value of a header, compared case-insensitively.
    pub fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }

    /// Whether the status is 2xx.
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

impl fmt::Debug for Response {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Response")
            .field("status", &self.status)
            .field("headers", &RedactedHeaders(&self.headers))
            .field("body", &format_args!("<{} bytes>", self.body.len()))
            .finish()
    }
}

fn find_header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

struct RedactedHeaders<'a>(&'a [(String, String)]);

impl fmt::Debug for RedactedHeaders<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut list = f.debug_list();
        for (n, v) in self.0 {
            if is_sensitive_header(n) {
                list.entry(&(n, "** redacted **"));
            } else {
                list.entry(&(n, v));
            }
        }
        list.finish()
    }
}

/// Parses a `Retry-After` header given in delay-seconds. A number too large
/// for a `u64` saturates to `u64::MAX` ("longer than any wait a client
/// accepts") rather than being dropped, which would mean "retry at once";
/// a negative or otherwise malformed value gives `None` (normal backoff).
/// The HTTP-date form needs a clock to interpret: the blocking client
/// resolves it (relative to the response's `Date`, else its own clock) and
/// fills [`ApiError::retry_after_secs`](crate::ApiError::retry_after_secs);
/// a sans-IO host does the same with its own date parser.
pub fn retry_after_seconds(response: &Response) -> Option<u64> {
    let v = response.header("retry-after")?.trim();
    if v.is_empty() || !v.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(v.parse::<u64>().unwrap_or(u64::MAX))
}

/// The body as text for an error message: secrets redacted, at most
/// [`MAX_QUOTE_LEN`](crate::redact::MAX_QUOTE_LEN) bytes (see
/// [`crate::redact::quote_body`]).
pub(crate) fn body_text(body: &[u8]) -> String {
    crate::redact::quote_body(body)
}
