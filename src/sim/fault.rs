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
            "bad fault spec: {} (expected e.g. `status=503`, `latency=200ms`, `rate-limit=2`, `reset`, `close`, `truncate`, `reset-mid-body`, `hang`, `invalid-json`, `huge-body=BYTES`, `geelark-code=40017`, `unauthorized`, `skew=SECS`, `retry-after=VALUE`, `retry-after-date=SECS`, `endless-pages` or `endless-pages=repeat`, with optional `path=/fragment` and `times=N`, comma-separated)",
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
    /// `unauthorized`, `skew=SECS` (may be negative), `retry-after=VALUE`
    /// (a literal `Retry-After`, no commas), `retry-after-date=SECS` (may be
    /// negative), `endless-pages` or `endless-pages=repeat`; optionally
    /// `path=/fragment` and `times=N`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = |m: &str| FaultSpecError(m.to_owned());
        let mut path = None;
        let mut times = None;
        let mut fault = None;
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
                _ => return Err(err(&format!("unknown part {part:?}"))),
            }
        }
        Ok(FaultRule {
            path,
            fault: fault.ok_or_else(|| err("no fault given"))?,
            times,
        })
    }
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
