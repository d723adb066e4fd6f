//! [`GeeLarkClient`]: the GeeLark Open API over the shared transport, with a
//! client-side rate limiter.

use crate::batch::ItemFailure;
use crate::geelark::proxies::{AddProxies, CheckProxy, NewProxy, ProxyCheck};
use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use super::driver::{self, Hooks};
use super::limiter::{RateLimit, RateLimiter, url_path};
use super::retry::RetryPolicy;
use super::transport::{Transport, TransportBuilder};
use super::wait::ProgressHook;
use crate::batch::{BatchItem, BatchOutcome, BatchPlan, CallOutcome};
use crate::error::{Result, invalid};
use crate::geelark::{
    Auth, CHINA_ENDPOINT, Config, GLOBAL_ENDPOINT, GetPhoneStatus, MAX_IDS, PhoneState,
};
use crate::http::Request;
use crate::op::{Endpoint, Operation};
use crate::page::{PageLimits, Pager};

/// Environment variable for the team AppId (key mode).
pub const ENV_APP_ID: &str = "CLOUDPHONE_GEELARK_APP_ID";
/// Environment variable for the team ApiKey (key mode).
pub const ENV_API_KEY: &str = "CLOUDPHONE_GEELARK_API_KEY";
/// Environment variable for a Bearer token (token mode).
pub const ENV_TOKEN: &str = "CLOUDPHONE_GEELARK_TOKEN";
/// Environment variable for a custom endpoint.
pub const ENV_ENDPOINT: &str = "CLOUDPHONE_GEELARK_ENDPOINT";

/// Builds a [`GeeLarkClient`].
///
/// Credentials from the environment ([`from_env`](Self::from_env)):
///
/// | variable | meaning |
/// |---|---|
/// | `CLOUDPHONE_GEELARK_APP_ID`, `CLOUDPHONE_GEELARK_API_KEY` | key mode (signed requests) |
/// | `CLOUDPHONE_GEELARK_TOKEN` | token mode (Bearer), used when no key is set |
/// | `CLOUDPHONE_GEELARK_ENDPOINT` | a custom endpoint (default `https://openapi.geelark.com`) |
#[derive(Clone, Debug)]
pub struct GeeLarkClientBuilder {
    endpoint: Option<String>,
    auth: Option<Auth>,
    rate_limit: Option<RateLimit>,
    transport: Option<Transport>,
    transport_builder: TransportBuilder,
    retry: RetryPolicy,
    max_in_flight: usize,
    page_limits: PageLimits,
}

impl Default for GeeLarkClientBuilder {
    fn default() -> Self {
        GeeLarkClientBuilder {
            endpoint: None,
            auth: None,
            rate_limit: Some(RateLimit::GEELARK),
            transport: None,
            transport_builder: TransportBuilder::default(),
            retry: RetryPolicy::default(),
            max_in_flight: super::huawei::DEFAULT_MAX_IN_FLIGHT,
            page_limits: PageLimits::default(),
        }
    }
}

impl GeeLarkClientBuilder {
    super::transport_setters!();

    /// A custom endpoint (default [`GLOBAL_ENDPOINT`]).
    pub fn endpoint(mut self, url: impl Into<String>) -> Self {
        self.endpoint = Some(url.into());
        self
    }

    /// The China host, [`CHINA_ENDPOINT`].
    pub fn china(self) -> Self {
        self.endpoint(CHINA_ENDPOINT)
    }

    /// Key mode: requests signed with the team's AppId and ApiKey.
    pub fn key(mut self, app_id: impl Into<String>, api_key: impl Into<String>) -> Self {
        self.auth = Some(Auth::key(app_id, api_key));
        self
    }

    /// Token mode: `Authorization: Bearer <token>`.
    pub fn token(mut self, token: impl Into<String>) -> Self {
        self.auth = Some(Auth::token(token));
        self
    }

    /// The client-side limit per API path (default [`RateLimit::GEELARK`],
    /// 200 per minute). Clones of a client share it; separately built
    /// clients do not.
    pub fn rate_limit(mut self, limit: RateLimit) -> Self {
        self.rate_limit = Some(limit);
        self
    }

    /// No client-side rate limit (the server's limits still apply).
    pub fn no_rate_limit(mut self) -> Self {
        self.rate_limit = None;
        self
    }

    /// Fills what is not set yet from the environment (see the table above).
    pub fn from_env(self) -> Self {
        self.from_env_with(|name| std::env::var(name).ok())
    }

    /// [`from_env`](Self::from_env) with another source of variables.
    pub fn from_env_with(mut self, var: impl Fn(&str) -> Option<String>) -> Self {
        let get = |name: &str| var(name).filter(|v| !v.trim().is_empty());
        if self.endpoint.is_none() {
            self.endpoint = get(ENV_ENDPOINT);
        }
        if self.auth.is_none() {
            self.auth = match (get(ENV_APP_ID), get(ENV_API_KEY), get(ENV_TOKEN)) {
                (Some(id), Some(key), _) => Some(Auth::key(id, key)),
                (_, _, Some(token)) => Some(Auth::token(token)),
                _ => None,
            };
        }
        self
    }

    /// Checks everything and builds the client (no request is sent).
    pub fn build(self) -> Result<GeeLarkClient> {
        let transport = match self.transport {
            Some(t) => t,
            None => self.transport_builder.build()?,
        };
        self.retry.validate()?;
        let max_in_flight = super::check_in_flight(self.max_in_flight)?;
        self.page_limits.validate()?;
        if let Some(limit) = &self.rate_limit {
            super::transport::check_duration("rate_limit", limit.window())?;
            if limit.window().is_zero() {
                return Err(invalid("rate_limit", "a window of zero limits nothing"));
            }
        }
        let endpoint = Endpoint::parse(self.endpoint.as_deref().unwrap_or(GLOBAL_ENDPOINT))?;
        let auth = self.auth.ok_or_else(|| {
            invalid(
                "credentials",
                "none configured (CLOUDPHONE_GEELARK_APP_ID and CLOUDPHONE_GEELARK_API_KEY, or CLOUDPHONE_GEELARK_TOKEN)",
            )
        })?;
        Ok(GeeLarkClient {
            progress: None,
            inner: Arc::new(Inner {
                config: Arc::new(Config::new(endpoint, auth)?),
                transport,
                policy: self.retry,
                max_in_flight,
                limiter: self.rate_limit.map(RateLimiter::new),
                page_limits: self.page_limits,
            }),
        })
    }
}

/// A blocking GeeLark Open API client. `Send + Sync` and cheap to clone:
/// clones share the connection pool and the rate limiter.
///
/// ```no_run
/// use cloudphone::client::GeeLarkClient;
///
/// let client = GeeLarkClient::builder().from_env().build()?;
/// let outcome = client.phone_status(["557536075321468390"])?;
/// for phone in &outcome.succeeded {
///     println!("{} is {}", phone.id, phone.status);
/// }
/// # Ok::<(), cloudphone::Error>(())
/// ```
#[derive(Clone)]
pub struct GeeLarkClient {
    inner: Arc<Inner>,
    /// Hears the progress of fan-outs, page walks and waits (see
    /// [`with_progress`](Self::with_progress)).
    progress: Option<ProgressHook>,
}

impl fmt::Debug for GeeLarkClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GeeLarkClient")
            .field("config", &self.inner.config)
            .field("transport", &self.inner.transport)
            .field("policy", &self.inner.policy)
            .field("max_in_flight", &self.inner.max_in_flight)
            .finish_non_exhaustive()
    }
}

struct Inner {
    config: Arc<Config>,
    transport: Transport,
    policy: RetryPolicy,
    max_in_flight: usize,
    limiter: Option<RateLimiter>,
    page_limits: PageLimits,
}

impl Hooks<Config> for Inner {
    fn config(&self) -> Result<Arc<Config>> {
        Ok(self.config.clone())
    }

    fn now_ms(&self, _config: &Config) -> u64 {
        // GeeLark reveals no clock to correct against (its `ts` window is
        // not documented); sign with the system time.
        super::clock::system_now_ms()
    }

    fn throttle(&self, request: &Request) -> Duration {
        match &self.limiter {
            Some(l) => l.acquire(url_path(&request.url)),
            None => Duration::ZERO,
        }
    }
}

impl GeeLarkClient {
    /// A builder.
    pub fn builder() -> GeeLarkClientBuilder {
        GeeLarkClientBuilder::default()
    }

    /// A client configured entirely from the environment
    /// (see [`GeeLarkClientBuilder`]).
    pub fn from_env() -> Result<Self> {
        Self::builder().from_env().build()
    }

    /// Runs any GeeLark operation with a fresh `ts` and trace id, within
    /// the rate limit, retrying what the [`RetryPolicy`] allows.
    pub fn execute<O: Operation<Config = Config>>(&self, op: &O) -> Result<O::Output> {
        driver::execute(&self.inner.transport, &self.inner.policy, &*self.inner, op)
    }

    /// The status of any number of phones: split into calls of at most 100,
    /// up to `max_in_flight` at a time, merged so that every distinct id
    /// comes back exactly once. Fails only for invalid input.
    pub fn phone_status<I, S>(&self, ids: I) -> Result<BatchOutcome<PhoneState>>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let plan = BatchPlan::new(ids, MAX_IDS)?;
        Ok(super::fanout::run(
            &plan,
            self.inner.max_in_flight,
            self.progress.as_ref(),
            |ids| {
                let op = GetPhoneStatus::new(ids.iter().cloned())?;
                self.execute(&op).map(Into::into)
            },
        ))
    }

    /// Any batch operation over any number of ids: the ids are split into
    /// calls of at most `per_call` (duplicates collapsed), `make` builds the
    /// operation for each call's ids, the calls go out up to `max_in_flight`
    /// at a time, and the answers are merged so every distinct id comes back
    /// exactly once — succeeded, failed or missing. Fails only for invalid
    /// input (no ids, `per_call` of 0).
    ///
    /// For a non-idempotent operation, ids of a call that failed after it may
    /// have reached the provider come back failed with a transport, timeout
    /// or decode kind: their outcome is unknown, check before repeating.
    pub fn batch<O, T, I, S, F>(&self, ids: I, per_call: usize, make: F) -> Result<BatchOutcome<T>>
    where
        O: Operation<Config = Config>,
        O::Output: Into<CallOutcome<T>>,
        T: BatchItem + Send,
        I: IntoIterator<Item = S>,
        S: Into<String>,
        F: Fn(&[String]) -> Result<O> + Sync,
    {
        let plan = BatchPlan::new(ids, per_call)?;
        Ok(super::fanout::run(
            &plan,
            self.inner.max_in_flight,
            self.progress.as_ref(),
            |ids| self.execute(&make(ids)?).map(Into::into),
        ))
    }

    /// Every page of a listing, starting with `first`: each item is one
    /// page's answer; the iteration ends after the last page, or after the
    /// first error (which it yields). The walk is bounded by the builder's
    /// [`page_limits`](GeeLarkClientBuilder::page_limits): a listing that
    /// never ends (a `total` the pages never reach, the same page again and
    /// again) ends with [`Error::LimitExceeded`](crate::Error::LimitExceeded)
    /// naming `max_pages`, `max_items` or `no_progress`.
    pub fn pages<O>(&self, first: O) -> impl Iterator<Item = Result<O::Output>> + '_
    where
        O: Pager + Operation<Config = Config> + 'static,
    {
        self.pages_with(first, self.inner.page_limits)
    }

    /// [`pages`](Self::pages) with other bounds for this one walk.
    pub fn pages_with<O>(
        &self,
        first: O,
        limits: PageLimits,
    ) -> impl Iterator<Item = Result<O::Output>> + '_
    where
        O: Pager + Operation<Config = Config> + 'static,
    {
        super::fanout::pages(first, limits, self.progress.clone(), move |op| {
            self.execute(op)
        })
    }

    /// The transport (share it with other clients).
    pub fn transport(&self) -> &Transport {
        &self.inner.transport
    }

    /// Checks each proxy (`proxy/check`, one call a proxy) and saves only
    /// those that work (`proxy/add`, 100 a call): a phone created on a dead
    /// proxy does not start. The report lists, by position in `proxies`,
    /// what was saved (with the new proxy's id), what failed its check (with
    /// the check's answer) and what GeeLark refused to save. Fails only for
    /// invalid input; a check that could not be made is a rejection coded
    /// with its error.
    pub fn add_checked_proxies(&self, proxies: Vec<NewProxy>) -> Result<CheckedProxies> {
        if proxies.is_empty() {
            return Err(crate::error::invalid("proxies", "at least one proxy"));
        }
        let mut out = CheckedProxies::default();
        let mut good = Vec::new();
        for (index, proxy) in proxies.into_iter().enumerate() {
            match self.execute(&CheckProxy::new(proxy.clone())) {
                Ok(r) if r.check.detect_status => good.push((index, proxy)),
                Ok(r) => out.rejected.push(RejectedProxy {
                    index,
                    code: "check_failed".into(),
                    message: r.check.message.clone().unwrap_or_default(),
                    check: Some(r.check),
                }),
                Err(e) => out.rejected.push(RejectedProxy {
                    index,
                    code: e.code(),
                    message: e.to_string(),
                    check: None,
                }),
            }
        }
        for chunk in good.chunks(crate::geelark::proxies::MAX_PROXIES) {
            let op = AddProxies::new(chunk.iter().map(|(_, p)| p.clone()).collect())?;
            let at = |i: usize| chunk.get(i).map(|(index, _)| *index);
            match self.execute(&op) {
                Ok(report) => {
                    for a in report.added {
                        if let Some(index) = at(a.index) {
                            out.added.push((index, a.id));
                        }
                    }
                    for f in report.failures {
                        let index = f.id.parse().ok().and_then(at);
                        out.refused.push(ItemFailure::api(
                            index.map_or_else(|| f.id.clone(), |i| i.to_string()),
                            f.code,
                            f.message,
                        ));
                    }
                }
                Err(e) => out.refused.extend(
                    chunk
                        .iter()
                        .map(|(i, _)| ItemFailure::api(i.to_string(), e.code(), e.to_string())),
                ),
            }
        }
        Ok(out)
    }
}

/// What [`GeeLarkClient::add_checked_proxies`] did, by position in its input.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
#[non_exhaustive]
pub struct CheckedProxies {
    /// `(position, new proxy id)` of each proxy saved.
    pub added: Vec<(usize, String)>,
    /// Proxies that failed their check (not sent to `proxy/add`).
    pub rejected: Vec<RejectedProxy>,
    /// Proxies GeeLark refused to save (the failure's id is the position).
    pub refused: Vec<ItemFailure>,
}

/// A proxy that did not pass its check.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[non_exhaustive]
pub struct RejectedProxy {
    /// Its position in the input.
    pub index: usize,
    /// `check_failed`, or the code of the error the check call met.
    pub code: String,
    /// Why.
    pub message: String,
    /// The check's answer, when there was one.
    pub check: Option<ProxyCheck>,
}

super::progress_methods!(GeeLarkClient);
