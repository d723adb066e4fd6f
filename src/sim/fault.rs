//! Fault injection: rules that make chosen requests slow, failed, throttled
//! or broken at the connection level.

use std::fmt;
use std::str::FromStr;
use std::time::Duration;

/// What a fault rule does to a request it matches.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Fault {
    /// Wait this long, then answer normally (latency adds up with other
    /// rules; the first non-latency rule that matches decides the answer).
    Latency(Duration),
    /// Answer with this HTTP status (meant for 5xx) and the provider's error
    /// body: Huawei `CPS.0003` JSON, GeeLark a plain-text gateway page.
    Status(u16),
    /// HTTP 429 with `Retry-After: secs` and the provider's throttling body
    /// (Huawei `APIGW.0308`, GeeLark envelope code 40007).
    RateLimited {
        /// The `Retry-After` value in seconds.
        retry_after_secs: u64,
    },
    /// Reset the connection (TCP RST) instead of answering.
    Reset,
    /// Close the connection (FIN) instead of answering.
    Close,
    /// Answer with the full `Content-Length` but only half the body, then
    /// close the connection.
    Truncate,
    /// Like [`Truncate`](Self::Truncate), but end with a TCP reset instead
    /// of a close: the connection breaks in the middle of the body.
    ResetMidBody,
    /// Accept the request and never answer: the connection stays open,
    /// silent, until the client gives up (or the simulator stops).
    Hang,
    /// HTTP 200 with a `Content-Type: application/json` body that is not
    /// JSON (an HTML gateway page).
    InvalidJson,
    /// HTTP 200 with a JSON body of this many bytes (a valid envelope padded
    /// with whitespace), to exercise a client's body cap.
    HugeBody(u64),
    /// GeeLark paths: HTTP 200 with the envelope `{traceId, code, msg}`
    /// carrying this code (40007, 40017, 47002 throttling; 40014 hourly
    /// lock; …). Other paths answer normally.
    GeeLarkCode(i64),
    /// Refuse the credentials: Huawei HTTP 401 `APIGW.0301` (IAM: a 401
    /// "wrong password" body), GeeLark envelope 40003.
    Unauthorized,
    /// The simulator's clock reads this many seconds off the real one for
    /// matching requests: Huawei checks `X-Sdk-Date` against it and answers
    /// with it in `Date` (adds up like latency; GeeLark, which documents no
    /// `ts` window, is not affected).
    ClockSkew(i64),
    // ---- transport-level faults (hostile framing, encodings, redirects)
    /// Answer with this redirect status (301, 302, 307 or 308) and a
    /// `Location` of `location` followed by the request's path and query,
    /// without acting on the request. A client must not follow it: the
    /// other host would get the signed request and its credentials.
    Redirect {
        /// The 3xx status.
        status: u16,
        /// The base URL the answer points at (`http://127.0.0.1:9` when
        /// the spec names none).
        location: String,
    },
    /// Send the whole answer (head included) one byte at a time, this far
    /// apart: a server too slow to finish its head within any timeout.
    TrickleHead(Duration),
    /// Send the head at once, then the body one byte at a time, this far
    /// apart: a body that never finishes within the timeout.
    TrickleBody(Duration),
    /// The normal answer, gzip-compressed (a valid gzip member), with
    /// `Content-Encoding: gzip`, although the client never asked for it.
    Gzip,
    /// HTTP 200, `Content-Encoding: gzip`, and a gzip bomb: a valid member
    /// that inflates to this many zero bytes (capped at 256 MiB) from about
    /// 1/160 of that on the wire. A client that inflated it would blow past
    /// its body cap.
    GzipBomb(u64),
    /// The normal answer, unchanged, labelled with this `Content-Encoding`
    /// (an encoding the client cannot know, e.g. `x-unknown`).
    ContentEncoding(String),
    /// The normal answer as a chunked body whose framing is broken this way.
    BadChunk(ChunkFault),
    /// The normal answer with its `Content-Length` header sent twice (the
    /// same value).
    DuplicateContentLength,
    /// The normal answer with two different `Content-Length` headers (the
    /// real length, then half of it): a response-smuggling shape.
    ConflictingContentLength,
    /// The normal answer as HTTP/1.0 without `Content-Length`: the body ends
    /// when the connection closes.
    Http10,
    /// Like [`Http10`](Self::Http10), but the connection closes after half
    /// the body: nothing in the framing shows that it was cut.
    Http10Cut,
    /// GeeLark paths: HTTP 200 with the envelope `{traceId, code: 0, msg:
    /// "success", data: null}`. Other paths answer normally.
    GeeLarkDataNull,
    /// The normal answer with every element of every list of per-id items
    /// (objects with `phone_id` or `id`) repeated: each id twice.
    RepeatIds,
    /// The normal answer with one more element in every non-empty list of
    /// per-id items, about an id that was never requested:
    /// `foreign-<list name>`.
    ForeignIds,
    // --- issue 12 (hostile answers: Retry-After forms, endless listings) ---
    /// HTTP 429 with the provider's throttling body (as
    /// [`RateLimited`](Self::RateLimited)) and this literal `Retry-After`
    /// value: a number too large for any integer, a negative one, garbage.
    RetryAfterValue(String),
    /// HTTP 429 with the provider's throttling body, `Date: <now>` and
    /// `Retry-After: <now + secs>` as an HTTP-date (negative: in the past).
    RetryAfterDate(i64),
    /// List calls (Huawei `GET …/cloud-phone/phones`, GeeLark
    /// `/open/v1/phone/list`) answer pages of made-up phones whose reported
    /// total is never reached: fresh ids on every page, or with `repeat`
    /// the same page whatever is asked. Other paths answer normally.
    EndlessPages {
        /// The same page every time (a server that ignores the offset).
        repeat: bool,
    },
}

/// How [`Fault::BadChunk`] breaks a chunked body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ChunkFault {
    /// A chunk size that is not hexadecimal (`zz`).
    NonHex,
    /// A chunk size too large for any integer (`1` and 24 zeros).
    Overflow,
    /// A negative chunk size (`-10`).
    Negative,
    /// A chunk that announces its whole size, carries half of it, and the
    /// connection closes.
    Truncated,
}

impl ChunkFault {
    fn name(self) -> &'static str {
        match self {
            ChunkFault::NonHex => "non-hex",
            ChunkFault::Overflow => "overflow",
            ChunkFault::Negative => "negative",
            ChunkFault::Truncated => "truncated",
        }
    }
}

/// A fault and which requests it applies to.
///
/// ```
/// use cloudphone::sim::{Fault, FaultRule};
/// // The next two GeeLark status calls get a 503.
/// let rule = FaultRule::new(Fault::Status(503)).path("/open/v1/phone/status").times(2);
/// assert_eq!(rule, "path=/open/v1/phone/status,status=503,times=2".parse().unwrap());
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FaultRule {
    pub(crate) path: Option<String>,
    pub(crate) fault: Fault,
    pub(crate) times: Option<u32>,
}

impl FaultRule {
    /// A rule for every request, forever.
    pub fn new(fault: Fault) -> Self {
        FaultRule {
            path: None,
            fault,
            times: None,
        }
    }

    /// Only requests whose path contains `fragment`.
    pub fn path(mut self, fragment: impl Into<String>) -> Self {
        self.path = Some(fragment.into());
        self
    }

    /// Only the next `n` matching requests.
    pub fn times(mut self, n: u32) -> Self {
        self.times = Some(n);
        self
    }

    /// The fault.
    pub fn fault(&self) -> &Fault {
        &self.fault
    }

    pub(crate) fn matches(&self, path: &str) -> bool {
        self.times != Some(0) && self.path.as_deref().is_none_or(|p| path.contains(p))
    }
}

/// A fault spec did not parse.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FaultSpecError(String);

impl fmt::Display for FaultSpecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "bad fault spec: {} (expected e.g. `status=503`, `latency=200ms`, `rate-limit=2`, `reset`, `close`, `truncate`, `reset-mid-body`, `hang`, `invalid-json`, `huge-body=BYTES`, `geelark-code=40017`, `unauthorized`, `skew=SECS`, `redirect=301[,location=URL]`, `trickle-head=50ms`, `trickle-body=50ms`, `gzip`, `gzip-bomb=BYTES`, `content-encoding=NAME`, `bad-chunk=non-hex|overflow|negative|truncated`, `duplicate-content-length`, `conflicting-content-length`, `http10`, `http10-cut`, `geelark-data-null`, `repeat-ids`, `foreign-ids`, `retry-after=VALUE`, `retry-after-date=SECS`, `endless-pages` or `endless-pages=repeat`, with optional `path=/fragment` and `times=N`, comma-separated)",
            self.0
        )
    }
}

impl std::error::Error for FaultSpecError {}

fn parse_duration(s: &str) -> Option<Duration> {
    if let Some(ms) = s.strip_suffix("ms") {
        return ms.trim().parse().ok().map(Duration::from_millis);
    }
    if let Some(secs) = s.strip_suffix('s') {
        return secs.trim().parse().ok().map(Duration::from_secs);
    }
    s.parse().ok().map(Duration::from_millis)
}

impl FromStr for FaultRule {
    type Err = FaultSpecError;

    /// `key=value` pairs separated by commas: exactly one of
    /// `latency=200ms` (or `1s`, or plain milliseconds), `status=503`,
    /// `rate-limit=SECS`, `reset`, `close`, `truncate`, `reset-mid-body`,
    /// `hang`, `invalid-json`, `huge-body=BYTES`, `geelark-code=CODE`,
    /// `unauthorized`, `skew=SECS` (may be negative), `redirect=STATUS`
    /// (with an optional `location=URL`), `trickle-head=INTERVAL`,
    /// `trickle-body=INTERVAL`, `gzip`, `gzip-bomb=BYTES`,
    /// `content-encoding=NAME`, `bad-chunk=non-hex|overflow|negative|truncated`,
    /// `duplicate-content-length`, `conflicting-content-length`, `http10`,
    /// `http10-cut`, `geelark-data-null`, `repeat-ids`, `foreign-ids`,
    /// `retry-after=VALUE` (a literal `Retry-After`, no commas),
    /// `retry-after-date=SECS` (may be negative), `endless-pages` or
    /// `endless-pages=repeat`; optionally `path=/fragment` and `times=N`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = |m: &str| FaultSpecError(m.to_owned());
        let mut path = None;
        let mut times = None;
        let mut fault = None;
        let mut location: Option<String> = None;
        for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (k, v) = match part.split_once('=') {
                Some((k, v)) => (k.trim(), Some(v.trim())),
                None => (part, None),
            };
            let set = |f: &mut Option<Fault>, new: Fault| {
                if f.replace(new).is_some() {
                    Err(err("more than one fault in one rule"))
                } else {
                    Ok(())
                }
            };
            match (k, v) {
                ("path", Some(p)) => path = Some(p.to_owned()),
                ("times", Some(n)) => {
                    times = Some(n.parse().map_err(|_| err("times must be a number"))?)
                }
                ("latency", Some(d)) => set(
                    &mut fault,
                    Fault::Latency(parse_duration(d).ok_or_else(|| err("bad latency"))?),
                )?,
                ("status", Some(c)) => {
                    let code: u16 = c.parse().map_err(|_| err("bad status"))?;
                    if !(400..=599).contains(&code) {
                        return Err(err("status must be 400 to 599"));
                    }
                    set(&mut fault, Fault::Status(code))?
                }
                ("rate-limit" | "429", v) => set(
                    &mut fault,
                    Fault::RateLimited {
                        retry_after_secs: match v {
                            Some(v) => v.parse().map_err(|_| err("bad retry-after seconds"))?,
                            None => 1,
                        },
                    },
                )?,
                ("reset", None) => set(&mut fault, Fault::Reset)?,
                ("close", None) => set(&mut fault, Fault::Close)?,
                ("truncate", None) => set(&mut fault, Fault::Truncate)?,
                ("reset-mid-body", None) => set(&mut fault, Fault::ResetMidBody)?,
                ("hang", None) => set(&mut fault, Fault::Hang)?,
                ("invalid-json", None) => set(&mut fault, Fault::InvalidJson)?,
                ("huge-body", Some(n)) => set(
                    &mut fault,
                    Fault::HugeBody(n.parse().map_err(|_| err("bad huge-body size"))?),
                )?,
                ("geelark-code", Some(c)) => set(
                    &mut fault,
                    Fault::GeeLarkCode(c.parse().map_err(|_| err("bad geelark-code"))?),
                )?,
                ("unauthorized", None) => set(&mut fault, Fault::Unauthorized)?,
                ("skew", Some(secs)) => set(
                    &mut fault,
                    Fault::ClockSkew(secs.parse().map_err(|_| err("bad skew seconds"))?),
                )?,
                // --- issue 12 ---
                ("retry-after", Some(v)) => set(&mut fault, Fault::RetryAfterValue(v.to_owned()))?,
                ("retry-after-date", Some(secs)) => set(
                    &mut fault,
                    Fault::RetryAfterDate(
                        secs.parse()
                            .map_err(|_| err("bad retry-after-date seconds"))?,
                    ),
                )?,
                ("endless-pages", None) => set(&mut fault, Fault::EndlessPages { repeat: false })?,
                ("endless-pages", Some("repeat")) => {
                    set(&mut fault, Fault::EndlessPages { repeat: true })?
                }
                (k, v) => match transport_fault(k, v, &mut location).map_err(|m| err(&m))? {
                    Some(Some(f)) => set(&mut fault, f)?,
                    Some(None) => {}
                    None => return Err(err(&format!("unknown part {part:?}"))),
                },
            }
        }
        let mut fault = fault.ok_or_else(|| err("no fault given"))?;
        if let Some(url) = location {
            match &mut fault {
                Fault::Redirect { location, .. } => *location = url,
                _ => return Err(err("location= goes with redirect= only")),
            }
        }
        Ok(FaultRule { path, fault, times })
    }
}

/// Where `redirect=` points when the spec has no `location=`: the discard
/// port, where nothing should ever arrive.
const DEFAULT_LOCATION: &str = "http://127.0.0.1:9";

/// The transport-level parts of a spec: `Ok(None)` when `key` is not one of
/// them. `location=` is kept aside (`Ok(Some(None))`) and applied to the
/// redirect at the end.
fn transport_fault(
    key: &str,
    value: Option<&str>,
    location: &mut Option<String>,
) -> Result<Option<Option<Fault>>, String> {
    if let ("location", Some(url)) = (key, value) {
        if !(url.starts_with("http://") || url.starts_with("https://"))
            || url.len() > 2048
            || url.bytes().any(|b| b <= b' ' || b == 0x7f)
        {
            return Err("location must be an http(s) URL without spaces".into());
        }
        *location = Some(url.trim_end_matches('/').to_owned());
        return Ok(Some(None));
    }
    let interval = |v: &str| match parse_duration(v) {
        Some(d) if !d.is_zero() && d <= Duration::from_secs(60) => Ok(d),
        _ => Err("a trickle interval must be 1ms to 60s".to_owned()),
    };
    Ok(Some(Some(match (key, value) {
        ("redirect", Some(code)) => {
            let status: u16 = code.parse().map_err(|_| "bad redirect status")?;
            if !matches!(status, 301 | 302 | 303 | 307 | 308) {
                return Err("redirect must be 301, 302, 303, 307 or 308".into());
            }
            Fault::Redirect {
                status,
                location: DEFAULT_LOCATION.to_owned(),
            }
        }
        ("trickle-head", Some(v)) => Fault::TrickleHead(interval(v)?),
        ("trickle-body", Some(v)) => Fault::TrickleBody(interval(v)?),
        ("gzip", None) => Fault::Gzip,
        ("gzip-bomb", Some(n)) => Fault::GzipBomb(n.parse().map_err(|_| "bad gzip-bomb size")?),
        ("content-encoding", Some(name)) => {
            if name.is_empty()
                || name.len() > 64
                || !name
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-_.+".contains(&b))
            {
                return Err("content-encoding must be a token of at most 64 characters".into());
            }
            Fault::ContentEncoding(name.to_owned())
        }
        ("bad-chunk", Some(kind)) => Fault::BadChunk(
            [
                ChunkFault::NonHex,
                ChunkFault::Overflow,
                ChunkFault::Negative,
                ChunkFault::Truncated,
            ]
            .into_iter()
            .find(|k| k.name() == kind)
            .ok_or("bad-chunk must be non-hex, overflow, negative or truncated")?,
        ),
        ("duplicate-content-length", None) => Fault::DuplicateContentLength,
        ("conflicting-content-length", None) => Fault::ConflictingContentLength,
        ("http10", None) => Fault::Http10,
        ("http10-cut", None) => Fault::Http10Cut,
        ("geelark-data-null", None) => Fault::GeeLarkDataNull,
        ("repeat-ids", None) => Fault::RepeatIds,
        ("foreign-ids", None) => Fault::ForeignIds,
        _ => return Ok(None),
    })))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specs() {
        assert_eq!(
            "latency=250ms".parse::<FaultRule>().unwrap(),
            FaultRule::new(Fault::Latency(Duration::from_millis(250)))
        );
        assert_eq!(
            "path=/v1/,rate-limit=3,times=1"
                .parse::<FaultRule>()
                .unwrap(),
            FaultRule::new(Fault::RateLimited {
                retry_after_secs: 3
            })
            .path("/v1/")
            .times(1)
        );
        assert_eq!("reset".parse::<FaultRule>().unwrap().fault(), &Fault::Reset);
        for (spec, fault) in [
            ("reset-mid-body", Fault::ResetMidBody),
            ("hang", Fault::Hang),
            ("invalid-json", Fault::InvalidJson),
            ("huge-body=1048576", Fault::HugeBody(1 << 20)),
            ("geelark-code=47002", Fault::GeeLarkCode(47002)),
            ("unauthorized", Fault::Unauthorized),
            ("skew=-3600", Fault::ClockSkew(-3600)),
            ("retry-after=-1", Fault::RetryAfterValue("-1".into())),
            ("retry-after-date=-60", Fault::RetryAfterDate(-60)),
            ("endless-pages", Fault::EndlessPages { repeat: false }),
            ("endless-pages=repeat", Fault::EndlessPages { repeat: true }),
        ] {
            assert_eq!(spec.parse::<FaultRule>().unwrap().fault(), &fault, "{spec}");
        }
        for bad in [
            "",
            "status=200",
            "reset,close",
            "frobnicate",
            "times=x,reset",
        ] {
            assert!(bad.parse::<FaultRule>().is_err(), "{bad}");
        }
    }
}

#[cfg(test)]
mod transport_spec_tests {
    use super::*;

    #[test]
    fn transport_specs() {
        for (spec, fault) in [
            (
                "redirect=307,location=http://127.0.0.1:4000/",
                Fault::Redirect {
                    status: 307,
                    location: "http://127.0.0.1:4000".into(),
                },
            ),
            (
                "redirect=301",
                Fault::Redirect {
                    status: 301,
                    location: DEFAULT_LOCATION.into(),
                },
            ),
            (
                "trickle-head=50ms",
                Fault::TrickleHead(Duration::from_millis(50)),
            ),
            (
                "trickle-body=1s",
                Fault::TrickleBody(Duration::from_secs(1)),
            ),
            ("gzip", Fault::Gzip),
            ("gzip-bomb=1000", Fault::GzipBomb(1000)),
            (
                "content-encoding=x-unknown",
                Fault::ContentEncoding("x-unknown".into()),
            ),
            ("bad-chunk=non-hex", Fault::BadChunk(ChunkFault::NonHex)),
            ("bad-chunk=overflow", Fault::BadChunk(ChunkFault::Overflow)),
            ("bad-chunk=negative", Fault::BadChunk(ChunkFault::Negative)),
            (
                "bad-chunk=truncated",
                Fault::BadChunk(ChunkFault::Truncated),
            ),
            ("duplicate-content-length", Fault::DuplicateContentLength),
            (
                "conflicting-content-length",
                Fault::ConflictingContentLength,
            ),
            ("http10", Fault::Http10),
            ("http10-cut", Fault::Http10Cut),
            ("geelark-data-null", Fault::GeeLarkDataNull),
            ("repeat-ids", Fault::RepeatIds),
            ("foreign-ids", Fault::ForeignIds),
        ] {
            assert_eq!(spec.parse::<FaultRule>().unwrap().fault(), &fault, "{spec}");
        }
        for bad in [
            "redirect=200",
            "redirect=301,location=ftp://x",
            "redirect=301,location=http://a b",
            "location=http://x",
            "status=503,location=http://x",
            "trickle-head=0",
            "trickle-body=2h",
            "content-encoding=a\r\nb",
            "content-encoding=",
            "bad-chunk=odd",
            "gzip=1",
            "gzip,http10",
        ] {
            assert!(bad.parse::<FaultRule>().is_err(), "{bad}");
        }
    }
}
