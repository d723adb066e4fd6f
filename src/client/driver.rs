//! One operation, start to finish: build with a fresh time and trace id,
//! throttle, send, parse, and retry what the policy allows.

use std::sync::Arc;
use std::time::{Duration, Instant};

use super::retry::RetryPolicy;
use super::transport::Transport;
use crate::error::{Error, Result};
use crate::http::{Request, Response};
use crate::op::{Context, Operation};

/// What a provider's client adds to the generic loop.
pub(crate) trait Hooks<C> {
    /// The configuration for the next attempt (may fetch a token).
    fn config(&self) -> Result<Arc<C>>;
    /// The time to sign a request with `config` with, in Unix milliseconds
    /// (corrected for the skew of that configuration's host, if any).
    fn now_ms(&self, config: &C) -> u64;
    /// Waits for the client-side rate limiter; returns the time waited.
    fn throttle(&self, _request: &Request) -> Duration {
        Duration::ZERO
    }
    /// After a response that parsed to `error`, fixes what the client can
    /// fix by itself (an expired token, a skewed clock) and says why the
    /// call deserves one more attempt. Called at most once per call. An
    /// `Err` replaces the call's error (a correction the client refuses to
    /// make, e.g. a clock skew beyond its bound).
    fn recover(
        &self,
        _operation: &'static str,
        _response: &Response,
        _error: &Error,
        _used: &Arc<C>,
    ) -> Result<Option<&'static str>> {
        Ok(None)
    }
}

/// Runs `op` to completion under `policy`.
pub(crate) fn execute<O: Operation>(
    transport: &Transport,
    policy: &RetryPolicy,
    hooks: &impl Hooks<O::Config>,
    op: &O,
) -> Result<O::Output> {
    let start = Instant::now();
    let mut throttled = Duration::ZERO;
    let mut attempt: u32 = 0;
    let mut retries: u32 = 0;
    let mut recovered = false;
    loop {
        attempt += 1;
        let config = hooks.config()?;
        let trace_id = super::rng::trace_id();
        let now = hooks.now_ms(&config);
        let request = op.build(&Context::new(&*config, now, &trace_id))?;
        throttled += hooks.throttle(&request);
        let spent = start.elapsed().saturating_sub(throttled);
        let left = policy.total_budget().saturating_sub(spent);
        let (error, not_sent) = match transport.send_op(O::NAME, request, Some(left)) {
            // The transport already refused a body over its own
            // `body_limit`, which may be above the sans-IO default.
            Ok(response) => match op.parse_with_limit(&response, u64::MAX) {
                Ok(out) => return Ok(out),
                Err(mut e) => {
                    super::retry::resolve_retry_after(
                        &mut e,
                        &response,
                        hooks.now_ms(&config),
                        policy,
                    );
                    if !recovered {
                        if let Some(why) = hooks.recover(O::NAME, &response, &e, &config)? {
                            recovered = true;
                            log::debug!(
                                "cloudphone: {} attempt {attempt}: {e}; {why}; trying again",
                                O::NAME
                            );
                            continue;
                        }
                    }
                    (e, false)
                }
            },
            Err(f) => (f.error, f.not_sent),
        };
        let Some(reason) = policy.retry_reason(&error, op.is_idempotent(), not_sent) else {
            return Err(error);
        };
        if attempt - u32::from(recovered) >= policy.attempts() {
            log::debug!(
                "cloudphone: {} giving up after {attempt} attempts: {error}",
                O::NAME
            );
            return Err(error);
        }
        let Some(delay) = policy.delay(retries, &error) else {
            log::debug!(
                "cloudphone: {} not retried: the server asks for a longer wait than allowed: {error}",
                O::NAME
            );
            return Err(error);
        };
        let spent = start.elapsed().saturating_sub(throttled);
        if spent.saturating_add(delay) >= policy.total_budget() {
            log::debug!(
                "cloudphone: {} giving up: retry budget of {:?} spent: {error}",
                O::NAME,
                policy.total_budget()
            );
            return Err(error);
        }
        log::debug!(
            "cloudphone: {} attempt {attempt} failed ({reason}): {error}; retrying in {} ms",
            O::NAME,
            delay.as_millis()
        );
        std::thread::sleep(delay);
        retries += 1;
    }
}
