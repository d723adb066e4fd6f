//! Which failures are retried, and how long to wait before the next try.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use crate::error::{Error, ErrorKind, Result, invalid};
use crate::phone::Provider;

/// The most attempts per call a policy may ask for. Every attempt of a call
/// is also bounded by the retry budget, but failures that come back at once
/// (a refused connection) would otherwise hammer an endpoint thousands of
/// times within it.
pub const MAX_ATTEMPTS: u32 = 100;

/// Where the randomness of a backoff comes from. The default,
/// [`FullJitter`], waits a uniformly random time up to the exponential
/// ceiling ("full jitter"), which spreads the retries of many clients; tests
/// inject [`NoJitter`] or their own source to make delays predictable.
pub trait Jitter: Send + Sync + fmt::Debug {
    /// The delay to wait, given this retry's exponential ceiling (at most
    /// the ceiling; the policy clamps anything larger).
    fn pick(&self, ceiling: Duration) -> Duration;
}

/// A uniformly random delay in `[0, ceiling]`.
#[derive(Clone, Copy, Debug, Default)]
pub struct FullJitter;

impl Jitter for FullJitter {
    fn pick(&self, ceiling: Duration) -> Duration {
        ceiling.mul_f64(super::rng::unit())
    }
}

/// Always the ceiling: plain exponential backoff.
#[derive(Clone, Copy, Debug, Default)]
pub struct NoJitter;

impl Jitter for NoJitter {
    fn pick(&self, ceiling: Duration) -> Duration {
        ceiling
    }
}

/// When and how a client retries a failed call.
///
/// What is retried:
///
/// - a transport failure or timeout that proves the request never reached
///   the server (connection refused, DNS failure, connect timeout): always;
/// - any other transport failure or timeout, and HTTP 5xx (and GeeLark's
///   envelope code 50000): only for idempotent operations
///   ([`Operation::is_idempotent`](crate::Operation::is_idempotent));
/// - throttling (HTTP 429, `APIGW.0308`, GeeLark 40007/40017/47002): always,
///   since the provider refused the call without acting on it, waiting at
///   least [`rate_limited_min_delay`](Self::rate_limited_min_delay) and at
///   least the server's `Retry-After`. A `Retry-After` longer than
///   [`max_retry_after`](Self::max_retry_after) is not waited for: the error
///   is returned with its hint;
/// - never: GeeLark's 40014 lockout, authentication errors (the Huawei
///   client handles token expiry and clock skew itself), other API errors,
///   undecodable bodies, oversized bodies, invalid input.
///
/// Waits grow as `base_delay × 2^retry` up to `max_delay`, with jitter. No
/// retry starts once [`budget`](Self::budget) has passed since the call
/// began (client-side rate-limiter waits excluded), and each attempt's
/// timeout is cut to what is left of the budget.
#[derive(Clone)]
pub struct RetryPolicy {
    max_attempts: u32,
    base_delay: Duration,
    max_delay: Duration,
    rate_limited_min_delay: Duration,
    max_retry_after: Duration,
    budget: Duration,
    jitter: Arc<dyn Jitter>,
}

impl fmt::Debug for RetryPolicy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RetryPolicy")
            .field("max_attempts", &self.max_attempts)
            .field("base_delay", &self.base_delay)
            .field("max_delay", &self.max_delay)
            .field("rate_limited_min_delay", &self.rate_limited_min_delay)
            .field("max_retry_after", &self.max_retry_after)
            .field("budget", &self.budget)
            .field("jitter", &self.jitter)
            .finish()
    }
}

impl Default for RetryPolicy {
    /// 4 attempts, 200 ms base, 20 s cap, 1 s floor when throttled,
    /// `Retry-After` honoured up to 60 s, 120 s budget, full jitter.
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 4,
            base_delay: Duration::from_millis(200),
            max_delay: Duration::from_secs(20),
            rate_limited_min_delay: Duration::from_secs(1),
            max_retry_after: Duration::from_secs(60),
            budget: Duration::from_secs(120),
            jitter: Arc::new(FullJitter),
        }
    }
}

impl RetryPolicy {
    /// The default policy.
    pub fn new() -> Self {
        Self::default()
    }

    /// No retries at all: every call is sent once.
    pub fn none() -> Self {
        RetryPolicy {
            max_attempts: 1,
            ..Self::default()
        }
    }

    /// Attempts per call, the first included (at least 1, at most
    /// [`MAX_ATTEMPTS`]: a client's `build()` refuses more).
    pub fn max_attempts(mut self, n: u32) -> Self {
        self.max_attempts = n.max(1);
        self
    }

    /// The first retry's ceiling; each later retry doubles it.
    pub fn base_delay(mut self, d: Duration) -> Self {
        self.base_delay = d;
        self
    }

    /// The largest backoff ceiling.
    pub fn max_delay(mut self, d: Duration) -> Self {
        self.max_delay = d;
        self
    }

    /// The shortest wait after the provider throttled a call.
    pub fn rate_limited_min_delay(mut self, d: Duration) -> Self {
        self.rate_limited_min_delay = d;
        self
    }

    /// The longest `Retry-After` the client waits for; a longer one ends the
    /// call with the throttling error.
    pub fn max_retry_after(mut self, d: Duration) -> Self {
        self.max_retry_after = d;
        self
    }

    /// The total time one call may take, retries and waits included.
    pub fn budget(mut self, d: Duration) -> Self {
        self.budget = d;
        self
    }

    /// Where the jitter comes from.
    pub fn jitter(mut self, jitter: impl Jitter + 'static) -> Self {
        self.jitter = Arc::new(jitter);
        self
    }

    /// Checks the settings (done by every client's `build()`): at most
    /// [`MAX_ATTEMPTS`] attempts, every duration at most
    /// [`MAX_SETTING_DURATION`](super::transport::MAX_SETTING_DURATION).
    pub fn validate(&self) -> Result<()> {
        if self.max_attempts > MAX_ATTEMPTS {
            return Err(invalid(
                "max_attempts",
                format!(
                    "{} attempts per call; at most {MAX_ATTEMPTS}",
                    self.max_attempts
                ),
            ));
        }
        for (field, d) in [
            ("base_delay", self.base_delay),
            ("max_delay", self.max_delay),
            ("rate_limited_min_delay", self.rate_limited_min_delay),
            ("max_retry_after", self.max_retry_after),
            ("budget", self.budget),
        ] {
            super::transport::check_duration(field, d)?;
        }
        Ok(())
    }

    /// Attempts per call.
    pub fn attempts(&self) -> u32 {
        self.max_attempts
    }

    /// The total time budget of one call.
    pub fn total_budget(&self) -> Duration {
        self.budget
    }

    /// Why `error` may be retried, or `None` when it must not be.
    /// `not_sent` says the failure proves the request never left.
    pub fn retry_reason(
        &self,
        error: &Error,
        idempotent: bool,
        not_sent: bool,
    ) -> Option<&'static str> {
        let not_sent = not_sent || matches!(error, Error::Transport { not_sent: true, .. });
        match error.kind() {
            ErrorKind::Transport if not_sent => {
                Some("connection failed before the request was sent")
            }
            ErrorKind::Transport if idempotent => Some("transport error"),
            ErrorKind::Timeout if not_sent => Some("connect timeout"),
            ErrorKind::Timeout if idempotent => Some("timeout"),
            ErrorKind::RateLimited => Some("throttled by the provider"),
            ErrorKind::Api if idempotent => {
                let api = error.api()?;
                if api.http_status >= 500 {
                    Some("server error")
                } else if api.provider == Provider::GeeLark && api.code == "50000" {
                    Some("provider internal error")
                } else {
                    None
                }
            }
            _ => None,
        }
    }

    /// How long to wait before retry number `retry` (0 for the first
    /// retry) after `error`; `None` when the server asked for a longer wait
    /// than [`max_retry_after`](Self::max_retry_after).
    pub fn delay(&self, retry: u32, error: &Error) -> Option<Duration> {
        let factor = 1u32.checked_shl(retry.min(31)).unwrap_or(u32::MAX);
        let ceiling = self
            .base_delay
            .checked_mul(factor)
            .unwrap_or(self.max_delay)
            .min(self.max_delay);
        let mut d = self.jitter.pick(ceiling).min(ceiling);
        if error.kind() == ErrorKind::RateLimited {
            d = d.max(self.rate_limited_min_delay);
        }
        if let Some(secs) = error.api().and_then(|a| a.retry_after_secs) {
            let asked = Duration::from_secs(secs);
            if asked > self.max_retry_after {
                return None;
            }
            d = d.max(asked);
        }
        Some(d)
    }
}

/// `Retry-After` in its HTTP-date form, as seconds from now: relative to
/// the response's own `Date` when it has a valid one (both times come from
/// the server, so a skewed local clock does not matter), else to `now_ms`.
/// A date in the past means 0 (retry now-ish; the backoff floors still
/// apply). `None` when the header is absent or not an HTTP-date.
pub(crate) fn retry_after_date_secs(response: &crate::http::Response, now_ms: u64) -> Option<u64> {
    use std::time::UNIX_EPOCH;
    let value = response.header("retry-after")?.trim();
    // An HTTP-date is at most 29 characters; do not parse anything longer.
    if value.len() > 64 {
        return None;
    }
    let at = httpdate::parse_http_date(value).ok()?;
    let reference = response
        .header("date")
        .filter(|d| d.len() <= 64)
        .and_then(|d| httpdate::parse_http_date(d.trim()).ok())
        .unwrap_or_else(|| UNIX_EPOCH + Duration::from_millis(now_ms));
    Some(match at.duration_since(reference) {
        Ok(d) => d.as_secs().saturating_add(u64::from(d.subsec_nanos() > 0)),
        Err(_) => 0,
    })
}

/// Fills `error`'s `retry_after_secs` from what the core could not
/// interpret (it reads no clock): an HTTP-date `Retry-After`, or, for
/// GeeLark's 40007 ("rate limited — lifted in the next minute"), the time
/// to the next minute on the server's clock (its `Date`, else `now_ms`),
/// so that a retry waits for the window to turn instead of backing off
/// blindly (too early: another 40007; far too late: time lost). That wait
/// is the client's own reading, not the server's demand: it is cut to
/// `policy`'s [`max_retry_after`](RetryPolicy::max_retry_after) rather than
/// ending the call.
pub(crate) fn resolve_retry_after(
    error: &mut Error,
    response: &crate::http::Response,
    now_ms: u64,
    policy: &RetryPolicy,
) {
    if let Error::Api(api) = error {
        if api.retry_after_secs.is_none() {
            api.retry_after_secs = retry_after_date_secs(response, now_ms);
        }
        if api.retry_after_secs.is_none()
            && api.provider == crate::phone::Provider::GeeLark
            && api.code == "40007"
        {
            let server_now = response
                .header("date")
                .and_then(|d| httpdate::parse_http_date(d).ok())
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(now_ms, |d| d.as_millis() as u64);
            api.retry_after_secs =
                Some(secs_to_next_minute(server_now).min(policy.max_retry_after.as_secs()));
        }
    }
}

/// Whole seconds from `now_ms` to the start of the next minute, plus one
/// so the retry lands inside the new window: 2 to 60 (a minute at most, the
/// default [`RetryPolicy::max_retry_after`]).
fn secs_to_next_minute(now_ms: u64) -> u64 {
    ((60_000 - now_ms % 60_000).div_ceil(1000) + 1).min(60)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ApiError;

    fn api(provider: Provider, status: u16, code: &str, retry_after: Option<u64>) -> Error {
        ApiError {
            provider,
            http_status: status,
            code: code.to_owned(),
            message: String::new(),
            request_id: None,
            retry_after_secs: retry_after,
        }
        .into()
    }

    fn transport(not_sent: bool) -> Error {
        Error::Transport {
            operation: "t",
            message: "x".into(),
            not_sent,
            io_kind: None,
        }
    }

    #[test]
    fn what_is_retried() {
        let p = RetryPolicy::default();
        let timeout = Error::Timeout {
            operation: "t",
            message: "x".into(),
        };
        // (error, idempotent, not_sent, retried?)
        let cases = [
            (transport(true), false, false, true),
            (transport(false), false, false, false),
            (transport(false), true, false, true),
            (timeout.clone(), false, true, true),
            (timeout.clone(), false, false, false),
            (timeout, true, false, true),
            (
                api(Provider::Huawei, 429, "APIGW.0308", None),
                false,
                false,
                true,
            ),
            (api(Provider::Huawei, 503, "503", None), true, false, true),
            (api(Provider::Huawei, 503, "503", None), false, false, false),
            (
                api(Provider::Huawei, 404, "CPS.0005", None),
                true,
                false,
                false,
            ),
            (
                api(Provider::Huawei, 401, "APIGW.0301", None),
                true,
                false,
                false,
            ),
            (
                api(Provider::GeeLark, 200, "40007", None),
                false,
                false,
                true,
            ),
            (
                api(Provider::GeeLark, 200, "40017", None),
                true,
                false,
                true,
            ),
            (
                api(Provider::GeeLark, 200, "47002", None),
                true,
                false,
                true,
            ),
            (
                api(Provider::GeeLark, 200, "40014", None),
                true,
                true,
                false,
            ),
            (
                api(Provider::GeeLark, 200, "50000", None),
                true,
                false,
                true,
            ),
            (
                api(Provider::GeeLark, 200, "50000", None),
                false,
                false,
                false,
            ),
            (
                api(Provider::GeeLark, 200, "40003", None),
                true,
                false,
                false,
            ),
            (
                Error::BodyTooLarge {
                    operation: "t",
                    limit: 1,
                },
                true,
                false,
                false,
            ),
            (
                Error::Decode {
                    operation: "t",
                    http_status: 200,
                    path: ".".into(),
                    message: "x".into(),
                },
                true,
                false,
                false,
            ),
        ];
        for (e, idem, not_sent, want) in cases {
            assert_eq!(
                p.retry_reason(&e, idem, not_sent).is_some(),
                want,
                "{e:?} idempotent={idem} not_sent={not_sent}"
            );
        }
    }

    #[test]
    fn delays_grow_cap_and_honour_retry_after() {
        let p = RetryPolicy::default()
            .jitter(NoJitter)
            .base_delay(Duration::from_millis(100))
            .max_delay(Duration::from_secs(1))
            .rate_limited_min_delay(Duration::from_millis(500))
            .max_retry_after(Duration::from_secs(10));
        let e = transport(true);
        let ms = |d: Option<Duration>| d.unwrap().as_millis();
        assert_eq!(ms(p.delay(0, &e)), 100);
        assert_eq!(ms(p.delay(1, &e)), 200);
        assert_eq!(ms(p.delay(3, &e)), 800);
        assert_eq!(ms(p.delay(4, &e)), 1000);
        assert_eq!(ms(p.delay(40, &e)), 1000);
        let throttled = api(Provider::GeeLark, 200, "40007", None);
        assert_eq!(ms(p.delay(0, &throttled)), 500);
        let ra = api(Provider::Huawei, 429, "APIGW.0308", Some(3));
        assert_eq!(ms(p.delay(0, &ra)), 3000);
        let too_long = api(Provider::Huawei, 429, "APIGW.0308", Some(11));
        assert_eq!(p.delay(0, &too_long), None);

        #[derive(Debug)]
        struct Half;
        impl Jitter for Half {
            fn pick(&self, c: Duration) -> Duration {
                c / 2
            }
        }
        let p = p.jitter(Half);
        assert_eq!(ms(p.delay(1, &e)), 100);
        let full = RetryPolicy::default().max_delay(Duration::from_millis(50));
        for r in 0..10 {
            assert!(full.delay(r, &e).unwrap() <= Duration::from_millis(50));
        }
    }

    #[test]
    fn geelark_40007_waits_for_the_next_minute() {
        use crate::http::Response;
        assert_eq!(secs_to_next_minute(120_000), 60);
        assert_eq!(secs_to_next_minute(120_001), 60);
        assert_eq!(secs_to_next_minute(179_000), 2);
        assert_eq!(secs_to_next_minute(179_999), 2);
        let throttled = |date: Option<&str>| {
            let mut r = Response::new(200, br#"{"code":40007,"msg":"too many"}"#.to_vec());
            if let Some(d) = date {
                r.headers.push(("Date".into(), d.into()));
            }
            let mut e = api(Provider::GeeLark, 200, "40007", None);
            resolve_retry_after(&mut e, &r, 1_699_999_995_000, &RetryPolicy::default());
            e.api().unwrap().retry_after_secs
        };
        // The server's clock: 12:00:50 -> 10 s + 1.
        assert_eq!(throttled(Some("Sun, 06 Nov 1994 08:49:50 GMT")), Some(11));
        // No Date: the local clock (…:15 -> 45 s + 1).
        assert_eq!(throttled(None), Some(46));
        // Never beyond what the policy allows a wait to be.
        let mut e = api(Provider::GeeLark, 200, "40007", None);
        let short = RetryPolicy::default().max_retry_after(Duration::from_secs(2));
        resolve_retry_after(&mut e, &Response::new(200, Vec::new()), 0, &short);
        assert_eq!(e.api().unwrap().retry_after_secs, Some(2));
        // Other codes and providers are left alone.
        let mut e = api(Provider::GeeLark, 200, "40017", None);
        resolve_retry_after(
            &mut e,
            &Response::new(200, Vec::new()),
            0,
            &RetryPolicy::default(),
        );
        assert_eq!(e.api().unwrap().retry_after_secs, None);
    }

    #[test]
    fn retry_after_forms() {
        use crate::http::{Response, retry_after_seconds};
        let with = |ra: &str, date: Option<&str>| {
            let r = Response::new(429, "").with_header("Retry-After", ra);
            match date {
                Some(d) => r.with_header("Date", d),
                None => r,
            }
        };
        // Delay-seconds in the core; huge saturates; negative/garbage: none.
        assert_eq!(retry_after_seconds(&with("7", None)), Some(7));
        assert_eq!(
            retry_after_seconds(&with("99999999999999999999999", None)),
            Some(u64::MAX)
        );
        for bad in [
            "-5",
            "abc",
            "1.5",
            "",
            "+3",
            "Wed, 21 Oct 2015 07:28:00 GMT",
        ] {
            assert_eq!(retry_after_seconds(&with(bad, None)), None, "{bad}");
        }
        // HTTP-date relative to the response's Date...
        let date = "Wed, 21 Oct 2015 07:28:00 GMT";
        let r = with("Wed, 21 Oct 2015 07:28:30 GMT", Some(date));
        assert_eq!(retry_after_date_secs(&r, 0), Some(30));
        // ... in the past: now-ish.
        let r = with("Wed, 21 Oct 2015 07:27:00 GMT", Some(date));
        assert_eq!(retry_after_date_secs(&r, 0), Some(0));
        // ... else relative to the client's clock (here 2015-10-21 07:28:00).
        let now = 1_445_412_480_000;
        let r = with("Wed, 21 Oct 2015 08:28:00 GMT", None);
        assert_eq!(retry_after_date_secs(&r, now), Some(3600));
        // The obsolete formats too.
        let r = with("Wednesday, 21-Oct-15 07:28:10 GMT", Some(date));
        assert_eq!(retry_after_date_secs(&r, 0), Some(10));
        for bad in ["7", "-5", "garbage", "Wed, 21 Oct 2015 07:28:00 GMTxxxxxx"] {
            assert_eq!(retry_after_date_secs(&with(bad, None), now), None, "{bad}");
        }
        // Filled in only where the core left no hint; the policy then waits
        // it, or refuses a wait beyond max_retry_after.
        let p = RetryPolicy::default()
            .jitter(NoJitter)
            .max_retry_after(Duration::from_secs(60));
        let mut e = api(Provider::Huawei, 429, "APIGW.0308", None);
        resolve_retry_after(
            &mut e,
            &with("Wed, 21 Oct 2015 07:28:30 GMT", Some(date)),
            0,
            &p,
        );
        assert_eq!(e.api().unwrap().retry_after_secs, Some(30));
        assert_eq!(p.delay(0, &e), Some(Duration::from_secs(30)));
        let mut e = api(Provider::Huawei, 429, "APIGW.0308", None);
        resolve_retry_after(
            &mut e,
            &with("Fri, 31 Dec 9999 23:59:59 GMT", Some(date)),
            0,
            &p,
        );
        assert_eq!(p.delay(0, &e), None);
        let huge = api(Provider::Huawei, 429, "APIGW.0308", Some(u64::MAX));
        assert_eq!(p.delay(0, &huge), None);
    }

    #[test]
    fn validates_settings() {
        assert!(RetryPolicy::default().validate().is_ok());
        assert!(
            RetryPolicy::default()
                .max_attempts(MAX_ATTEMPTS)
                .validate()
                .is_ok()
        );
        let e = RetryPolicy::default()
            .max_attempts(u32::MAX)
            .validate()
            .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidInput);
        assert!(e.to_string().contains("max_attempts"), "{e}");
        for p in [
            RetryPolicy::default().budget(Duration::MAX),
            RetryPolicy::default().max_delay(Duration::MAX),
            RetryPolicy::default().base_delay(Duration::from_secs(86_401)),
            RetryPolicy::default().max_retry_after(Duration::MAX),
            RetryPolicy::default().rate_limited_min_delay(Duration::MAX),
        ] {
            assert_eq!(p.validate().unwrap_err().kind(), ErrorKind::InvalidInput);
        }
    }
}
