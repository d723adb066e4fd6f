//! The operation contract and the pieces every operation shares: the call
//! context (time and trace id come in from outside), endpoints, and the
//! checks that keep caller-supplied ids from changing a URL path.

use std::fmt;

use crate::error::{Error, Result, invalid};
use crate::http::{Request, Response};
use crate::limits::{MAX_ID_LEN, MAX_PATH_SEGMENT_LEN, MAX_URL_LEN, check_len, echo};

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
///
/// Parsing is bounded like the client's reads: [`parse`](Self::parse)
/// refuses a body longer than [`DEFAULT_MAX_BODY_LEN`] (16 MiB, the
/// client's default `body_limit`) with [`Error::BodyTooLarge`] naming the
/// cap, before reading a byte of it; [`parse_with_limit`](Self::parse_with_limit)
/// takes the host's own cap. The check lives here, once, so every operation
/// has it: operations implement [`parse_unchecked`](Self::parse_unchecked),
/// callers call `parse` or `parse_with_limit`.
pub trait Operation {
    /// The provider configuration this operation is built against.
    type Config;
    /// The typed result. One naming rule for both providers: a page of a
    /// listing is `<Thing>List` (`PhoneList`, `JobList`, `PhoneModelList`),
    /// one thing is `<Thing>Detail` or the thing's own name (`PhoneDetail`,
    /// `Job`, `IamToken`), the per-item answer of an action over ids is a
    /// `<What>Report` (`ConnectInfoReport`, `JobsReport`, `StartReport`,
    /// `PhoneStatusReport`), an acknowledgement with nothing else in it is
    /// `Accepted`. Per-call id limits are `MAX_IDS` in the operation's
    /// module (`MAX_SYNC_IDS` / `MAX_ASYNC_IDS` where a module has two).
    type Output;
    /// A stable name for errors and logs, e.g. `"huawei.show_connect_infos"`.
    const NAME: &'static str;

    /// Builds the HTTP request for this call.
    fn build(&self, ctx: &Context<'_, Self::Config>) -> Result<Request>;

    /// Parses the provider's answer, refusing a body longer than
    /// [`DEFAULT_MAX_BODY_LEN`] bytes with [`Error::BodyTooLarge`].
    fn parse(&self, response: &Response) -> Result<Self::Output> {
        self.parse_with_limit(response, DEFAULT_MAX_BODY_LEN)
    }

    /// [`parse`](Self::parse) with the host's own cap on the body, in bytes:
    /// a longer body is refused with [`Error::BodyTooLarge`] naming
    /// `max_body_len` (`u64::MAX` for no cap, e.g. when the transport
    /// already enforced one while reading).
    fn parse_with_limit(&self, response: &Response, max_body_len: u64) -> Result<Self::Output> {
        check_body_len(Self::NAME, response.body.len(), max_body_len)?;
        self.parse_unchecked(response)
    }

    /// The operation's own parsing, without the size check. Implement this;
    /// call [`parse`](Self::parse) or [`parse_with_limit`](Self::parse_with_limit).
    fn parse_unchecked(&self, response: &Response) -> Result<Self::Output>;

    /// Whether sending this request twice has the effect of sending it once
    /// (the client retries only such requests after a failure that may have
    /// reached the server).
    fn is_idempotent(&self) -> bool;
}

/// The largest response body [`Operation::parse`] reads, in bytes: 16 MiB,
/// the same as the blocking client's default `body_limit`. Far above any
/// real answer (a full 100-phone status page is a few KiB), low enough that
/// a hostile or broken server cannot make a host decode gigabytes.
pub const DEFAULT_MAX_BODY_LEN: u64 = 16 * 1024 * 1024;

/// Refuses a body of `body_len` bytes when it is longer than
/// `max_body_len` with [`Error::BodyTooLarge`] naming the cap (for a host
/// that wants to refuse before copying a body into a [`Response`]).
pub fn check_body_len(operation: &'static str, body_len: usize, max_body_len: u64) -> Result<()> {
    if u64::try_from(body_len).unwrap_or(u64::MAX) > max_body_len {
        return Err(Error::BodyTooLarge {
            operation,
            limit: max_body_len,
        });
    }
    Ok(())
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
    /// scheme gets `https://` (as the official SDKs do). A trailing `/` is
    /// dropped.
    ///
    /// Everything a transport would trip over later is refused here, with an
    /// [`Error::InvalidInput`] for the field `endpoint` saying what is wrong
    /// (quoting at most [`MAX_ECHO_LEN`](crate::limits::MAX_ECHO_LEN) bytes
    /// of it): a URL longer than [`MAX_URL_LEN`] bytes; an empty host; user
    /// info (`user@host`); a query or fragment; a host with a character a DNS
    /// name cannot have (percent-escapes and non-ASCII included: give the
    /// punycode form), an empty label or one over 63 bytes, a name over 253;
    /// a dotted number that is not an IPv4 address; unbalanced brackets or a
    /// bracketed literal that is not an IPv6 address (zone ids are not
    /// supported); more than one `:` outside brackets; a port that is not 1
    /// to 65535 in at most five digits; a path prefix with a character a URL
    /// path cannot have, a bad percent-escape or a dot segment.
    pub fn parse(url: &str) -> Result<Self> {
        let url = url.trim();
        check_len(ENDPOINT, url, MAX_URL_LEN)?;
        let (scheme, rest) = match url.split_once("://") {
            Some(parts) => parts,
            None => ("https", url),
        };
        if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
            return Err(invalid(
                ENDPOINT,
                format!("the scheme {} must be http or https", echo(scheme)),
            ));
        }
        let (authority, path) = match rest.find(['/', '?', '#']) {
            Some(i) => rest.split_at(i),
            None => (rest, ""),
        };
        check_authority(authority)?;
        let path = path.trim_end_matches('/');
        check_path_prefix(path)?;
        let scheme = scheme.to_ascii_lowercase();
        let base = format!("{scheme}://{authority}{path}");
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

const ENDPOINT: &str = "endpoint";

/// `host[:port]`: a DNS name or IPv4 address, or an IPv6 literal in
/// brackets, and an optional port.
fn check_authority(authority: &str) -> Result<()> {
    if authority.is_empty() {
        return Err(invalid(ENDPOINT, "no host"));
    }
    if authority.contains('@') {
        return Err(invalid(
            ENDPOINT,
            "user info (user@host) in the URL is not supported; credentials go in the configuration",
        ));
    }
    let port = if let Some(literal) = authority.strip_prefix('[') {
        let Some((inner, after)) = literal.split_once(']') else {
            return Err(invalid(
                ENDPOINT,
                format!(
                    "the host {} opens '[' without closing it with ']'",
                    echo(authority)
                ),
            ));
        };
        if inner.is_empty() {
            return Err(invalid(ENDPOINT, "the IPv6 literal [] is empty"));
        }
        if inner.parse::<std::net::Ipv6Addr>().is_err() {
            return Err(invalid(
                ENDPOINT,
                format!(
                    "[{}] is not an IPv6 address (zone ids are not supported)",
                    echo(inner)
                ),
            ));
        }
        match after {
            "" => None,
            _ => match after.strip_prefix(':') {
                Some(port) => Some(port),
                None => {
                    return Err(invalid(
                        ENDPOINT,
                        format!("{} follows the IPv6 literal; only ':port' may", echo(after)),
                    ));
                }
            },
        }
    } else {
        if authority.contains(['[', ']']) {
            return Err(invalid(
                ENDPOINT,
                format!(
                    "the host {} has '[' or ']' outside an IPv6 literal",
                    echo(authority)
                ),
            ));
        }
        let (host, port) = match authority.split_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        };
        if port.is_some_and(|p| p.contains(':')) {
            return Err(invalid(
                ENDPOINT,
                format!(
                    "{} has more than one ':' (an IPv6 address goes in brackets)",
                    echo(authority)
                ),
            ));
        }
        check_host_name(host)?;
        port
    };
    if let Some(port) = port {
        let ok = (1..=5).contains(&port.len())
            && port.bytes().all(|b| b.is_ascii_digit())
            && port.parse::<u16>().is_ok_and(|p| p != 0);
        if !ok {
            return Err(invalid(
                ENDPOINT,
                format!("the port {} is not a number from 1 to 65535", echo(port)),
            ));
        }
    }
    Ok(())
}

/// A DNS name (letters, digits, `-`, `_`, labels of 1 to 63 bytes, at most
/// 253 bytes, one trailing dot allowed) or a dotted-decimal IPv4 address.
fn check_host_name(host: &str) -> Result<()> {
    if host.is_empty() {
        return Err(invalid(ENDPOINT, "no host before the ':port'"));
    }
    if host.contains('%') {
        return Err(invalid(
            ENDPOINT,
            "percent-escapes are not allowed in a host name",
        ));
    }
    if let Some(c) = host
        .chars()
        .find(|&c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_')))
    {
        return Err(invalid(
            ENDPOINT,
            format!(
                "the host contains {c:?}, which a host name cannot have (an internationalised name goes in its punycode form)"
            ),
        ));
    }
    let name = host.strip_suffix('.').unwrap_or(host);
    if name.len() > 253 {
        return Err(invalid(
            ENDPOINT,
            format!("the host name is {} bytes long, more than 253", name.len()),
        ));
    }
    if name.split('.').any(str::is_empty) {
        return Err(invalid(
            ENDPOINT,
            format!("the host {} has an empty label", echo(host)),
        ));
    }
    if name.split('.').any(|l| l.len() > 63) {
        return Err(invalid(
            ENDPOINT,
            "the host has a label longer than 63 bytes",
        ));
    }
    if name.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && name.parse::<std::net::Ipv4Addr>().is_err()
    {
        return Err(invalid(
            ENDPOINT,
            format!("the host {} is not an IPv4 address", echo(host)),
        ));
    }
    Ok(())
}

/// `""` or `/segment/…`: RFC 3986 path characters and well-formed
/// percent-escapes only, no dot segment (a request path appended to it could
/// climb out).
fn check_path_prefix(path: &str) -> Result<()> {
    if path.contains(['?', '#']) || path.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return Err(invalid(
            ENDPOINT,
            "the path prefix may not contain a query, fragment, space or control character",
        ));
    }
    let bytes = path.as_bytes();
    for (i, c) in path.char_indices() {
        let ok = c.is_ascii_alphanumeric() || "-._~!$&'()*+,;=:@/".contains(c);
        if c == '%' {
            let hex = |j: usize| bytes.get(j).is_some_and(u8::is_ascii_hexdigit);
            if !(hex(i + 1) && hex(i + 2)) {
                return Err(invalid(
                    ENDPOINT,
                    "the path prefix has a '%' that is not followed by two hex digits",
                ));
            }
        } else if !ok {
            return Err(invalid(
                ENDPOINT,
                format!("the path prefix contains {c:?}, which a URL path cannot have unescaped"),
            ));
        }
    }
    let dot = |s: &str| {
        let s = s.to_ascii_lowercase().replace("%2e", ".");
        s == "." || s == ".."
    };
    if path.split('/').any(dot) {
        return Err(invalid(
            ENDPOINT,
            "the path prefix may not contain a '.' or '..' segment",
        ));
    }
    Ok(())
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
    if value.len() > MAX_PATH_SEGMENT_LEN {
        return Err(invalid(
            field,
            format!("is longer than {MAX_PATH_SEGMENT_LEN} characters"),
        ));
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
/// kept; at least one id is required. The ids are moved, never copied (the
/// batch plan's de-duplication, without keeping its index).
pub(crate) fn distinct_ids<I, S>(field: &'static str, ids: I) -> Result<Vec<String>>
where
    I: IntoIterator<Item = S>,
    S: Into<String>,
{
    crate::batch::distinct_indexed(field, ids).map(|(ids, _)| ids)
}

/// Checks one id that travels in a JSON body.
pub(crate) fn check_id(field: &'static str, id: &str) -> Result<()> {
    if id.is_empty() {
        return Err(invalid(field, "contains an empty id"));
    }
    if id.chars().any(char::is_control) {
        return Err(invalid(field, "contains an id with a control character"));
    }
    if id.len() > MAX_ID_LEN {
        return Err(invalid(
            field,
            format!("contains an id longer than {MAX_ID_LEN} bytes"),
        ));
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
