//! The operation contract and the pieces every operation shares: the call
//! context (time and trace id come in from outside), endpoints, and the
//! checks that keep caller-supplied ids from changing a URL path.

use std::fmt;

use crate::error::{Error, Result, invalid};
use crate::http::{Request, Response};

/// What one call needs besides the operation itself: the provider
/// configuration (endpoint, credentials) and the values a sans-IO core may
/// not produce on its own — the current time and a trace id.
///
/// Passing them in makes every built request a pure function of its inputs,
/// so requests are reproducible and snapshot-testable.
#[derive(Clone, Copy, Debug)]
pub struct Context<'a, C> {
    /// Endpoint and credentials.
    pub config: &'a C,
    /// The current time in milliseconds since the Unix epoch (UTC).
    pub now_unix_ms: u64,
    /// A fresh unique id for this request. GeeLark sends it as `traceId` and
    /// derives the `nonce` from it; Huawei ignores it. Use
    /// [`format_trace_id`] to turn 16 random bytes into GeeLark's format.
    pub trace_id: &'a str,
}

impl<'a, C> Context<'a, C> {
    /// A context for one call.
    pub fn new(config: &'a C, now_unix_ms: u64, trace_id: &'a str) -> Self {
        Context {
            config,
            now_unix_ms,
            trace_id,
        }
    }
}

/// One API operation: builds its request and parses any response to it.
///
/// `build` refuses bad input before anything is sent; `parse` turns every
/// response — 2xx or not, JSON or not — into the typed output or a typed
/// [`Error`], and never panics.
pub trait Operation {
    /// The provider configuration this operation is built against.
    type Config;
    /// The typed result.
    type Output;
    /// A stable name for errors and logs, e.g. `"huawei.batch_connection"`.
    const NAME: &'static str;

    /// Builds the HTTP request for this call.
    fn build(&self, ctx: &Context<'_, Self::Config>) -> Result<Request>;

    /// Parses the provider's answer.
    fn parse(&self, response: &Response) -> Result<Self::Output>;

    /// Whether sending this request twice has the effect of sending it once
    /// (the client retries only such requests after a failure that may have
    /// reached the server).
    fn is_idempotent(&self) -> bool;
}

/// Formats 16 random bytes as a 32-character uppercase hex trace id, the
/// format the official GeeLark CLI sends and the server echoes.
pub fn format_trace_id(random: [u8; 16]) -> String {
    let mut s = String::with_capacity(32);
    crate::hex::push_upper(&mut s, &random);
    s
}

/// A base URL: `scheme://authority` plus an optional path prefix.
///
/// Validated once, so building a request only appends paths to it.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Endpoint {
    base: String,
    scheme_len: usize,
    authority_end: usize,
}

impl Endpoint {
    /// Parses `http://host[:port][/prefix]` or `https://…`; a URL without a
    /// scheme gets `https://` (as the official SDKs do). A query, fragment or
    /// user info is refused; a trailing `/` is dropped.
    pub fn parse(url: &str) -> Result<Self> {
        const FIELD: &str = "endpoint";
        let url = url.trim();
        let with_scheme;
        let url = if url.contains("://") {
            url
        } else {
            with_scheme = format!("https://{url}");
            &with_scheme
        };
        let (scheme, rest) = url
            .split_once("://")
            .ok_or_else(|| invalid(FIELD, "no scheme"))?;
        if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
            return Err(invalid(FIELD, "the scheme must be http or https"));
        }
        let (authority, path) = match rest.find('/') {
            Some(i) => rest.split_at(i),
            None => (rest, ""),
        };
        if authority.is_empty() {
            return Err(invalid(FIELD, "no host"));
        }
        if authority.contains('@') {
            return Err(invalid(FIELD, "user info in the URL is not supported"));
        }
        let ok_char = |c: char| c.is_ascii_alphanumeric() || "-._~:[]%".contains(c);
        if !authority.chars().all(ok_char) {
            return Err(invalid(
                FIELD,
                "the host contains characters a host cannot have",
            ));
        }
        if let Some(port) = authority.rsplit_once(':').map(|(_, p)| p) {
            if !authority.ends_with(']') && port.parse::<u16>().is_err() {
                return Err(invalid(FIELD, "the port is not a number from 0 to 65535"));
            }
        }
        let path = path.trim_end_matches('/');
        if path.contains(['?', '#']) || path.chars().any(|c| c.is_control() || c.is_whitespace()) {
            return Err(invalid(
                FIELD,
                "the path prefix may not contain a query, fragment, space or control character",
            ));
        }
        let base = format!("{}://{}{}", scheme.to_ascii_lowercase(), authority, path);
        Ok(Endpoint {
            scheme_len: scheme.len(),
            authority_end: scheme.len() + 3 + authority.len(),
            base,
        })
    }

    /// The whole base URL, without a trailing slash.
    pub fn as_str(&self) -> &str {
        &self.base
    }

    /// `http` or `https`.
    pub fn scheme(&self) -> &str {
        &self.base[..self.scheme_len]
    }

    /// `host[:port]` exactly as given: the value of the `Host` header.
    pub fn authority(&self) -> &str {
        &self.base[self.scheme_len + 3..self.authority_end]
    }

    /// The path prefix (`""` or `/something`).
    pub fn path_prefix(&self) -> &str {
        &self.base[self.authority_end..]
    }
}

impl fmt::Debug for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Endpoint({})", self.base)
    }
}

impl fmt::Display for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.base)
    }
}

/// Checks a caller-supplied value that becomes one URL path segment (a project
/// id, a phone id in a path). Only RFC 3986 unreserved characters are allowed
/// and `.`/`..` are refused, so the value can neither add a segment, climb out
/// of the path, nor start a query — and needs no percent-encoding, which keeps
/// every provider's signature canonicalisation in agreement.
pub fn check_path_segment(field: &'static str, value: &str) -> Result<()> {
    if value.is_empty() {
        return Err(invalid(field, "is empty"));
    }
    if value == "." || value == ".." {
        return Err(invalid(field, "may not be a dot segment"));
    }
    if let Some(c) = value
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '~')))
    {
        return Err(invalid(
            field,
            format!(
                "contains {c:?}; only letters, digits, '-', '_', '.' and '~' are allowed in a path segment"
            ),
        ));
    }
    if value.len() > 128 {
        return Err(invalid(field, "is longer than 128 characters"));
    }
    Ok(())
}

/// Checks the ids of a batch call and collapses duplicates (first seen wins,
/// order kept). Each id must be non-empty and free of control characters.
pub(crate) fn unique_ids<I, S>(field: &'static str, ids: I, max: usize) -> Result<Vec<String>>
where
    I: IntoIterator<Item = S>,
    S: Into<String>,
{
    let out = distinct_ids(field, ids)?;
    if out.len() > max {
        return Err(invalid(
            field,
            format!(
                "{} distinct ids given, more than the {max} one call accepts; use a batch plan to split them",
                out.len()
            ),
        ));
    }
    Ok(out)
}

/// Checks each id ([`check_id`]) and drops repeats, first seen kept, order
/// kept; at least one id is required. The ids are moved, never copied.
pub(crate) fn distinct_ids<I, S>(field: &'static str, ids: I) -> Result<Vec<String>>
where
    I: IntoIterator<Item = S>,
    S: Into<String>,
{
    let mut all: Vec<String> = Vec::new();
    for id in ids {
        let id: String = id.into();
        check_id(field, &id)?;
        all.push(id);
    }
    if all.is_empty() {
        return Err(invalid(field, "no ids given; at least one is required"));
    }
    let keep: Vec<bool> = {
        let mut seen = std::collections::HashSet::with_capacity(all.len());
        all.iter().map(|id| seen.insert(id.as_str())).collect()
    };
    if keep.iter().all(|&k| k) {
        return Ok(all);
    }
    Ok(all
        .into_iter()
        .zip(keep)
        .filter_map(|(id, k)| k.then_some(id))
        .collect())
}

/// Checks one id that travels in a JSON body.
pub(crate) fn check_id(field: &'static str, id: &str) -> Result<()> {
    if id.is_empty() {
        return Err(invalid(field, "contains an empty id"));
    }
    if id.chars().any(char::is_control) {
        return Err(invalid(field, "contains an id with a control character"));
    }
    if id.len() > 256 {
        return Err(invalid(field, "contains an id longer than 256 bytes"));
    }
    Ok(())
}

/// Builds the error for an operation whose parse met a status it cannot use.
pub(crate) fn ensure_not_empty(operation: &'static str, response: &Response) -> Result<()> {
    if response.body.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::Decode {
            operation,
            http_status: response.status,
            path: ".".to_owned(),
            message: "empty body".to_owned(),
        });
    }
    Ok(())
}
