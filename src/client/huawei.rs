//! [`HuaweiClient`]: Huawei Cloud CPH over the shared transport, with AK/SK
//! signing or IAM tokens fetched and refreshed on its own.

use std::fmt;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::Duration;

use super::clock::{Clock, DEFAULT_MAX_CLOCK_SKEW, system_now_ms};
use super::driver::{self, Hooks};
use super::limiter::{RateLimit, RateLimiter, url_path};
use super::retry::RetryPolicy;
use super::transport::{Transport, TransportBuilder};
use super::wait::ProgressHook;
use crate::batch::{BatchItem, BatchOutcome, BatchPlan, CallOutcome};
use crate::error::{Error, ErrorKind, Result, invalid};
use crate::http::{Request, Response};
use crate::huawei::iam::{CreateToken, ProjectScope};
use crate::huawei::{
    Auth, ClientType, Config, ConnectInfo, MAX_IDS, ShowConnectInfos, cph_endpoint, iam_endpoint,
};
use crate::op::{Endpoint, Operation, check_path_segment};
use crate::page::{PageLimits, Pager};
use crate::secret::Secret;

/// Environment variable for the access key (as the official SDKs).
pub const ENV_AK: &str = "HUAWEICLOUD_SDK_AK";
/// Environment variable for the secret key (as the official SDKs).
pub const ENV_SK: &str = "HUAWEICLOUD_SDK_SK";
/// Environment variable for the security token of temporary AK/SK.
pub const ENV_SECURITY_TOKEN: &str = "HUAWEICLOUD_SDK_SECURITY_TOKEN";
/// Environment variable for the project id (as the official SDKs).
pub const ENV_PROJECT_ID: &str = "HUAWEICLOUD_SDK_PROJECT_ID";
/// Environment variable for the region, e.g. `cn-north-4`.
pub const ENV_REGION: &str = "HUAWEICLOUD_SDK_REGION";
/// Environment variable for a custom CPH endpoint (this crate's name).
pub const ENV_ENDPOINT: &str = "CLOUDPHONE_HUAWEI_ENDPOINT";

/// Default refresh margin: a token is replaced once it has less than this left.
pub const DEFAULT_TOKEN_REFRESH_MARGIN: Duration = Duration::from_secs(30 * 60);
/// Default number of calls a batch keeps in flight.
pub const DEFAULT_MAX_IN_FLIGHT: usize = 4;

#[derive(Clone, Debug)]
enum Credentials {
    Auth(Auth),
    Password {
        user: String,
        password: Secret,
        domain: String,
    },
}

/// Builds a [`HuaweiClient`].
///
/// Set a region (or a custom endpoint), a project id and credentials, or
/// take them from the environment with [`from_env`](Self::from_env):
///
/// | variable | meaning |
/// |---|---|
/// | `HUAWEICLOUD_SDK_AK`, `HUAWEICLOUD_SDK_SK` | AK/SK (the official SDKs' names) |
/// | `HUAWEICLOUD_SDK_SECURITY_TOKEN` | security token of temporary AK/SK |
/// | `HUAWEICLOUD_SDK_PROJECT_ID` | project id |
/// | `HUAWEICLOUD_SDK_REGION` | region, e.g. `cn-north-4` |
/// | `CLOUDPHONE_HUAWEI_ENDPOINT` | a custom CPH endpoint (overrides the region's) |
#[derive(Clone, Debug)]
pub struct HuaweiClientBuilder {
    region: Option<String>,
    endpoint: Option<String>,
    iam_endpoint: Option<String>,
    project_id: Option<String>,
    credentials: Option<Credentials>,
    transport: Option<Transport>,
    transport_builder: TransportBuilder,
    retry: RetryPolicy,
    max_in_flight: usize,
    token_refresh_margin: Duration,
    clock_skew_correction: bool,
    max_clock_skew: Duration,
    page_limits: PageLimits,
    sync_command_limit: Option<RateLimit>,
}

/// The path suffix of synchronous ADB commands.
const SYNC_COMMANDS_PATH: &str = "/cloud-phone/phones/sync-commands";

/// Huawei's documented limit on synchronous ADB commands
/// (`phones/sync-commands`): 6 calls a minute per user.
pub const SYNC_COMMAND_LIMIT: RateLimit = RateLimit::per_minute_const(6);

impl Default for HuaweiClientBuilder {
    fn default() -> Self {
        HuaweiClientBuilder {
            region: None,
            endpoint: None,
            iam_endpoint: None,
            project_id: None,
            credentials: None,
            transport: None,
            transport_builder: TransportBuilder::default(),
            retry: RetryPolicy::default(),
            max_in_flight: DEFAULT_MAX_IN_FLIGHT,
            token_refresh_margin: DEFAULT_TOKEN_REFRESH_MARGIN,
            clock_skew_correction: true,
            max_clock_skew: DEFAULT_MAX_CLOCK_SKEW,
            page_limits: PageLimits::default(),
            sync_command_limit: Some(SYNC_COMMAND_LIMIT),
        }
    }
}

impl HuaweiClientBuilder {
    super::transport_setters!();

    /// The region (from [`crate::huawei::REGIONS`]): gives the CPH and IAM
    /// endpoints and, for IAM tokens without a project id, the project name.
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// A custom CPH endpoint (`https://host[:port][/prefix]`), e.g. a
    /// simulator on loopback; takes precedence over the region's.
    pub fn endpoint(mut self, url: impl Into<String>) -> Self {
        self.endpoint = Some(url.into());
        self
    }

    /// A custom IAM endpoint for [`iam_password`](Self::iam_password).
    pub fn iam_endpoint(mut self, url: impl Into<String>) -> Self {
        self.iam_endpoint = Some(url.into());
        self
    }

    /// The project id (the `{project_id}` in every CPH path).
    pub fn project_id(mut self, id: impl Into<String>) -> Self {
        self.project_id = Some(id.into());
        self
    }

    /// Permanent AK/SK, signed with `SDK-HMAC-SHA256`.
    pub fn aksk(mut self, access_key: impl Into<String>, secret_key: impl Into<String>) -> Self {
        self.credentials = Some(Credentials::Auth(Auth::aksk(access_key, secret_key)));
        self
    }

    /// Any core [`Auth`] (temporary AK/SK, a fixed IAM token).
    pub fn auth(mut self, auth: Auth) -> Self {
        self.credentials = Some(Credentials::Auth(auth));
        self
    }

    /// An IAM user's password: the client fetches a project-scoped token,
    /// caches it, refreshes it before it expires (one refresh at a time) and
    /// after a 401. `domain` is the account the user belongs to. The project
    /// is the configured project id, or else the region's default project.
    pub fn iam_password(
        mut self,
        user: impl Into<String>,
        password: impl Into<String>,
        domain: impl Into<String>,
    ) -> Self {
        self.credentials = Some(Credentials::Password {
            user: user.into(),
            password: Secret::new(password),
            domain: domain.into(),
        });
        self
    }

    /// How long before its expiry a token is replaced (default 30 min).
    pub fn token_refresh_margin(mut self, margin: Duration) -> Self {
        self.token_refresh_margin = margin;
        self
    }

    /// Whether a signature refused while the gateway's `Date` is more than
    /// 5 minutes off the local clock makes the client sign with the
    /// gateway's time from then on (default on; logged at warn level).
    pub fn clock_skew_correction(mut self, on: bool) -> Self {
        self.clock_skew_correction = on;
        self
    }

    /// The largest clock correction the client makes (default
    /// [`DEFAULT_MAX_CLOCK_SKEW`](super::DEFAULT_MAX_CLOCK_SKEW), one day;
    /// from 1 s to 10 years, checked by `build`). A gateway `Date` further
    /// from the local clock fails the call with
    /// [`Error::LimitExceeded`] `max_clock_skew` and leaves the correction
    /// as it was: fix the local clock instead.
    pub fn max_clock_skew(mut self, max: Duration) -> Self {
        self.max_clock_skew = max;
        self
    }

    /// Fills what is not set yet from the environment (see the table above).
    pub fn from_env(self) -> Self {
        self.from_env_with(|name| std::env::var(name).ok())
    }

    /// [`from_env`](Self::from_env) with another source of variables.
    pub fn from_env_with(mut self, var: impl Fn(&str) -> Option<String>) -> Self {
        let get = |name: &str| var(name).filter(|v| !v.trim().is_empty());
        if self.region.is_none() {
            self.region = get(ENV_REGION);
        }
        if self.endpoint.is_none() {
            self.endpoint = get(ENV_ENDPOINT);
        }
        if self.project_id.is_none() {
            self.project_id = get(ENV_PROJECT_ID);
        }
        if self.credentials.is_none() {
            if let (Some(ak), Some(sk)) = (get(ENV_AK), get(ENV_SK)) {
                self.credentials = Some(Credentials::Auth(match get(ENV_SECURITY_TOKEN) {
                    Some(t) => Auth::temporary(ak, sk, t),
                    None => Auth::aksk(ak, sk),
                }));
            }
        }
        self
    }

    /// Checks everything and builds the client (no request is sent).
    ///
    /// Spaces synchronous ADB commands ([`RunSyncShell`](crate::huawei::adb::RunSyncShell))
    /// to at most `limit` (default [`SYNC_COMMAND_LIMIT`], the documented 6
    /// a minute per user): a fan-out over many phones waits its turn instead
    /// of tripping the gateway. Clones of the client share the budget.
    pub fn sync_command_rate_limit(mut self, limit: RateLimit) -> Self {
        self.sync_command_limit = Some(limit);
        self
    }

    /// No client-side spacing of synchronous ADB commands (the account has
    /// a higher quota, or the caller spaces them itself).
    pub fn no_sync_command_rate_limit(mut self) -> Self {
        self.sync_command_limit = None;
        self
    }

    /// Every setting is validated here (durations, counts, bounds, user
    /// agent, proxy): a bad one is an [`Error::InvalidInput`] naming it.
    pub fn build(self) -> Result<HuaweiClient> {
        let transport = match self.transport {
            Some(t) => t,
            None => self.transport_builder.build()?,
        };
        self.retry.validate()?;
        let max_in_flight = super::check_in_flight(self.max_in_flight)?;
        self.page_limits.validate()?;
        super::transport::check_duration("token_refresh_margin", self.token_refresh_margin)?;
        if self.max_clock_skew < Duration::from_secs(1)
            || self.max_clock_skew > Duration::from_secs(10 * 366 * 24 * 3600)
        {
            return Err(invalid(
                "max_clock_skew",
                "must be from 1 s to 10 years (turn the correction off with clock_skew_correction(false))",
            ));
        }
        let cph = match (&self.endpoint, &self.region) {
            (Some(e), _) => Endpoint::parse(e)?,
            (None, Some(r)) => cph_endpoint(r)?,
            (None, None) => {
                return Err(invalid(
                    "region",
                    "neither a region nor an endpoint is configured (HUAWEICLOUD_SDK_REGION)",
                ));
            }
        };
        let credentials = self.credentials.ok_or_else(|| {
            invalid(
                "credentials",
                "none configured (HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK)",
            )
        })?;
        let user_agent = transport.user_agent().to_owned();
        let auth = match credentials {
            Credentials::Auth(auth) => {
                let project = self.project_id.ok_or_else(|| {
                    invalid("project_id", "not configured (HUAWEICLOUD_SDK_PROJECT_ID)")
                })?;
                AuthState::Static(Arc::new(
                    Config::new(cph, project, auth)?.with_user_agent(user_agent)?,
                ))
            }
            Credentials::Password {
                user,
                password,
                domain,
            } => {
                let iam = match (&self.iam_endpoint, &self.region) {
                    (Some(e), _) => Endpoint::parse(e)?,
                    (None, Some(r)) => iam_endpoint(r)?,
                    (None, None) => {
                        return Err(invalid(
                            "iam_endpoint",
                            "needed for IAM passwords when no region is configured",
                        ));
                    }
                };
                let scope = match (&self.project_id, &self.region) {
                    (Some(p), _) => {
                        check_path_segment("project_id", p)?;
                        ProjectScope::Id(p.clone())
                    }
                    (None, Some(r)) => ProjectScope::Name(r.clone()),
                    (None, None) => {
                        return Err(invalid(
                            "project_id",
                            "an IAM token needs a project id or a region to be scoped to",
                        ));
                    }
                };
                crate::http::check_user_agent(&user_agent)?;
                AuthState::Iam(Box::new(TokenCache {
                    request: CreateToken::password(user, password.expose(), domain, scope)?,
                    iam: Arc::new(iam),
                    cph,
                    project_id: self.project_id,
                    user_agent,
                    margin_ms: self.token_refresh_margin.as_millis() as u64,
                    state: Mutex::new(TokenState::default()),
                    changed: Condvar::new(),
                }))
            }
        };
        Ok(HuaweiClient {
            progress: None,
            inner: Arc::new(Inner {
                transport,
                policy: self.retry,
                max_in_flight,
                auth,
                clock: Clock::new(self.max_clock_skew),
                clock_skew_correction: self.clock_skew_correction,
                page_limits: self.page_limits,
                sync_limiter: self.sync_command_limit.map(RateLimiter::new),
            }),
        })
    }
}

/// A blocking Huawei Cloud CPH client. `Send + Sync` and cheap to clone:
/// clones share the connection pool, the token cache and the clock
/// correction.
///
/// ```no_run
/// use cloudphone::client::HuaweiClient;
/// use cloudphone::huawei::ClientType;
///
/// let client = HuaweiClient::builder().from_env().build()?;
/// let outcome = client.batch_connection(["1564567b8bab40f34711234cb80d8574"], ClientType::Android)?;
/// for info in &outcome.succeeded {
///     println!("{} -> {:?}", info.phone_id, info.access_info.access_ip);
/// }
/// # Ok::<(), cloudphone::Error>(())
/// ```
#[derive(Clone)]
pub struct HuaweiClient {
    inner: Arc<Inner>,
    /// Hears the progress of fan-outs, page walks and waits (see
    /// [`with_progress`](Self::with_progress)).
    progress: Option<ProgressHook>,
}

impl fmt::Debug for HuaweiClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mode = match &self.inner.auth {
            AuthState::Static(c) => match c.auth() {
                Auth::AkSk { .. } => "aksk",
                _ => "token",
            },
            AuthState::Iam(_) => "iam_password",
        };
        f.debug_struct("HuaweiClient")
            .field("auth", &mode)
            .field("transport", &self.inner.transport)
            .field("policy", &self.inner.policy)
            .field("max_in_flight", &self.inner.max_in_flight)
            .finish_non_exhaustive()
    }
}

struct Inner {
    transport: Transport,
    policy: RetryPolicy,
    max_in_flight: usize,
    auth: AuthState,
    /// Corrections learned from the CPH gateway's `Date`, per host; only
    /// requests to that host are signed with them.
    clock: Clock,
    clock_skew_correction: bool,
    page_limits: PageLimits,
    /// Spaces synchronous ADB commands (see [`SYNC_COMMAND_LIMIT`]).
    sync_limiter: Option<RateLimiter>,
}

enum AuthState {
    Static(Arc<Config>),
    Iam(Box<TokenCache>),
}

struct TokenCache {
    request: CreateToken,
    iam: Arc<Endpoint>,
    cph: Endpoint,
    project_id: Option<String>,
    user_agent: String,
    margin_ms: u64,
    state: Mutex<TokenState>,
    changed: Condvar,
}

#[derive(Default)]
struct TokenState {
    current: Option<Current>,
    refreshing: bool,
    generation: u64,
    last_error: Option<Error>,
}

struct Current {
    config: Arc<Config>,
    expires_at_ms: u64,
}

impl TokenCache {
    fn lock(&self) -> MutexGuard<'_, TokenState> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Forgets the token `used` unless it was already replaced.
    fn invalidate(&self, used: &Arc<Config>) {
        let mut st = self.lock();
        if st
            .current
            .as_ref()
            .is_some_and(|c| Arc::ptr_eq(&c.config, used))
        {
            st.current = None;
        }
    }
}

/// Ends a refresh even if fetching panicked, so waiters never hang.
struct Refresh<'a> {
    cache: &'a TokenCache,
    done: bool,
}

impl<'a> Refresh<'a> {
    fn finish(mut self, result: &Result<Current>) -> MutexGuard<'a, TokenState> {
        self.done = true;
        let mut st = self.cache.lock();
        st.refreshing = false;
        st.generation += 1;
        st.last_error = result.as_ref().err().cloned();
        self.cache.changed.notify_all();
        st
    }
}

impl Drop for Refresh<'_> {
    fn drop(&mut self) {
        if !self.done {
            let mut st = self.cache.lock();
            st.refreshing = false;
            st.generation += 1;
            st.last_error = Some(Error::Transport {
                operation: CreateToken::NAME,
                message: "the token refresh was interrupted".into(),
                not_sent: true,
                io_kind: None,
            });
            self.cache.changed.notify_all();
        }
    }
}

impl Inner {
    fn token_config(&self, cache: &TokenCache) -> Result<Arc<Config>> {
        let mut st = cache.lock();
        loop {
            // Token expiry is IAM's time; no correction is learned from IAM.
            let now = system_now_ms();
            if let Some(cur) = &st.current {
                let fresh = now.saturating_add(cache.margin_ms) < cur.expires_at_ms;
                // While another thread refreshes, a token that has not
                // expired yet is still good to use.
                if fresh || (st.refreshing && now < cur.expires_at_ms) {
                    return Ok(cur.config.clone());
                }
            }
            if st.refreshing {
                let generation = st.generation;
                st = cache
                    .changed
                    .wait_while(st, |s| s.refreshing)
                    .unwrap_or_else(|p| p.into_inner());
                if st.generation != generation {
                    if let Some(e) = &st.last_error {
                        return Err(e.clone());
                    }
                }
                continue;
            }
            st.refreshing = true;
            drop(st);
            let refresh = Refresh { cache, done: false };
            let result = self.fetch_token(cache);
            st = refresh.finish(&result);
            match result {
                Ok(cur) => {
                    let config = cur.config.clone();
                    st.current = Some(cur);
                    return Ok(config);
                }
                Err(e) => {
                    if let Some(cur) = st.current.as_ref().filter(|c| now < c.expires_at_ms) {
                        log::warn!(
                            "cloudphone: IAM token refresh failed ({e}); using the current token until it expires"
                        );
                        return Ok(cur.config.clone());
                    }
                    return Err(e);
                }
            }
        }
    }

    fn fetch_token(&self, cache: &TokenCache) -> Result<Current> {
        log::debug!("cloudphone: requesting an IAM token from {}", cache.iam);
        let hooks = Fixed {
            config: cache.iam.clone(),
        };
        let token = driver::execute(&self.transport, &self.policy, &hooks, &cache.request)?;
        let project = cache
            .project_id
            .clone()
            .or_else(|| token.project_id.clone())
            .ok_or_else(|| {
                invalid(
                    "project_id",
                    "not configured, and the IAM token names no project",
                )
            })?;
        let config = Config::new(cache.cph.clone(), project, token.auth())?
            .with_user_agent(cache.user_agent.clone())?;
        log::debug!(
            "cloudphone: got an IAM token valid until {}",
            token.expires_at
        );
        Ok(Current {
            config: Arc::new(config),
            expires_at_ms: token.expires_at_unix_ms,
        })
    }
}

impl Hooks<Config> for Inner {
    fn config(&self) -> Result<Arc<Config>> {
        match &self.auth {
            AuthState::Static(c) => Ok(c.clone()),
            AuthState::Iam(cache) => self.token_config(cache),
        }
    }

    fn now_ms(&self, config: &Config) -> u64 {
        self.clock.now_ms(config.endpoint().authority())
    }

    fn throttle(&self, request: &Request) -> Duration {
        let path = url_path(&request.url);
        match &self.sync_limiter {
            Some(l) if path.ends_with(SYNC_COMMANDS_PATH) => l.acquire(path),
            _ => Duration::ZERO,
        }
    }

    fn recover(
        &self,
        operation: &'static str,
        response: &Response,
        error: &Error,
        used: &Arc<Config>,
    ) -> Result<Option<&'static str>> {
        if error.kind() != ErrorKind::Auth {
            return Ok(None);
        }
        match &self.auth {
            AuthState::Iam(cache) if response.status == 401 => {
                cache.invalidate(used);
                Ok(Some(
                    "the IAM token was refused (HTTP 401): fetching a new one",
                ))
            }
            AuthState::Static(c)
                if self.clock_skew_correction && matches!(c.auth(), Auth::AkSk { .. }) =>
            {
                let Some(date) = response.header("date") else {
                    return Ok(None);
                };
                // The answer came from the host `used` was sent to: only
                // that host's correction may move.
                let host = used.endpoint().authority();
                if let Some(offset) = self.clock.correct_from_date(operation, host, date)? {
                    log::warn!(
                        "cloudphone: the local clock is {} s off the Huawei gateway's ({host}); signing with the gateway's time from now on",
                        offset / 1000
                    );
                    return Ok(Some("clock skew corrected from the gateway's Date header"));
                }
                // The signing time was refused, yet the corrected clock now
                // agrees with the gateway: a concurrent call corrected it
                // after this request was signed. Signing again fixes it.
                let time_refused = error.api().is_some_and(|a| a.code == "APIGW.0303");
                Ok((time_refused && self.clock.offset_ms(host) != 0)
                    .then_some("the clock was corrected by a concurrent call; signing again"))
            }
            _ => Ok(None),
        }
    }
}

/// Hooks for calls with a fixed configuration (the IAM token request):
/// the system time, no correction (IAM is another host, and a password
/// request is not signed with a time).
struct Fixed<C> {
    config: Arc<C>,
}

impl<C> Hooks<C> for Fixed<C> {
    fn config(&self) -> Result<Arc<C>> {
        Ok(self.config.clone())
    }

    fn now_ms(&self, _config: &C) -> u64 {
        system_now_ms()
    }
}

impl HuaweiClient {
    /// A builder.
    pub fn builder() -> HuaweiClientBuilder {
        HuaweiClientBuilder::default()
    }

    /// A client configured entirely from the environment
    /// (see [`HuaweiClientBuilder`]).
    pub fn from_env() -> Result<Self> {
        Self::builder().from_env().build()
    }

    /// Runs any CPH operation: signs it with the current time (or sends the
    /// current IAM token), sends it, parses the answer, and retries what the
    /// [`RetryPolicy`] allows.
    pub fn execute<O: Operation<Config = Config>>(&self, op: &O) -> Result<O::Output> {
        driver::execute(&self.inner.transport, &self.inner.policy, &*self.inner, op)
    }

    /// Connection information for any number of phones: split into calls of
    /// at most 10, sent with up to `max_in_flight` calls at a time, merged
    /// so that every distinct id comes back exactly once — succeeded, failed
    /// (the provider's per-phone error, or the error of the call that
    /// carried it) or missing. Fails only for invalid input.
    pub fn batch_connection<I, S>(
        &self,
        phone_ids: I,
        client_type: ClientType,
    ) -> Result<BatchOutcome<ConnectInfo>>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let plan = BatchPlan::new(phone_ids, MAX_IDS)?;
        Ok(super::fanout::run(
            &plan,
            self.inner.max_in_flight,
            self.progress.as_ref(),
            |ids| {
                let op = ShowConnectInfos::new(ids.iter().cloned(), client_type)?;
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
    /// [`page_limits`](HuaweiClientBuilder::page_limits): a listing that
    /// never ends (a `count` the pages never reach, the same page again and
    /// again) ends with [`Error::LimitExceeded`] naming `max_pages`,
    /// `max_items` or `no_progress`.
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

    /// The correction applied to the local clock, in milliseconds (server
    /// minus local; 0 until a skew was detected).
    pub fn clock_offset_ms(&self) -> i64 {
        self.inner.clock.any_offset_ms()
    }
}

super::progress_methods!(HuaweiClient);
