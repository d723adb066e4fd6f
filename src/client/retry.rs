//! Which failures are retried, and how long to wait before the next try.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use crate::error::{Error, ErrorKind};
use crate::phone::Provider;

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

    /// Attempts per call, the first included (at least 1).
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
}
