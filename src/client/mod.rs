//! The blocking client (feature `client`): a thin driver over the core's
//! operations.
//!
//! [`HuaweiClient`] and [`GeeLarkClient`] add no protocol knowledge of their
//! own. For each call they take the time from the system clock (corrected
//! for skew the Huawei gateway revealed) and a fresh random trace id, let the
//! operation build and sign its request, send it over a shared
//! [`Transport`] (one `ureq` agent: keep-alive pool, timeouts, proxy, TLS,
//! body cap), hand whatever came back — success or error body — to the
//! operation's parser, and retry what is safe to retry ([`RetryPolicy`]).
//! Batch helpers split any number of ids with the core's
//! [`BatchPlan`](crate::BatchPlan), send the calls with bounded parallelism
//! on std threads and merge them with [`BatchMerge`](crate::BatchMerge).
//!
//! ```no_run
//! use std::time::Duration;
//! use cloudphone::client::{GeeLarkClient, HuaweiClient, RetryPolicy, Transport};
//!
//! // One transport (one connection pool) for both providers.
//! let transport = Transport::builder().timeout(Some(Duration::from_secs(30))).build()?;
//! let huawei = HuaweiClient::builder()
//!     .region("cn-north-4")
//!     .project_id("0a1b2c3d4e5f60718293a4b5c6d7e8f9")
//!     .aksk("HPUAEXAMPLEAK0000001", "ExampleSecretKey0123456789abcdefghijklmn")
//!     .transport(transport.clone())
//!     .retry(RetryPolicy::default().max_attempts(3))
//!     .build()?;
//! let geelark = GeeLarkClient::builder().from_env().transport(transport).max_in_flight(8).build()?;
//! # let _ = (huawei, geelark);
//! # Ok::<(), cloudphone::Error>(())
//! ```
//!
//! # Defaults, deliberately
//!
//! - Timeouts on: 10 s to connect, 60 s for a whole request; each call's
//!   retries fit in a 120 s budget.
//! - HTTP error statuses are *not* turned into bodyless errors: the core
//!   parses every error body into a typed [`Error`](crate::Error).
//! - Response bodies are capped (16 MiB): a larger one is
//!   [`Error::BodyTooLarge`](crate::Error::BodyTooLarge).
//! - No proxy unless configured; the `*_PROXY` environment variables are
//!   read only after [`TransportBuilder::proxy_from_env`].
//! - Redirects are not followed (as in the official SDKs).
//! - No thread and no `getaddrinfo` per call: the transport's resolver
//!   returns IP literals as they are and keeps a host name's addresses for
//!   [`NAME_CACHE_TTL`] (30 s); a lookup on a miss runs on a thread bounded
//!   by the connect timeout, at most [`MAX_PENDING_LOOKUPS`] at once
//!   ([`Transport::name_lookups`] counts them).
//! - Everything is bounded, and `build()` checks every setting: durations
//!   at most a day ([`MAX_SETTING_DURATION`]), at most [`MAX_ATTEMPTS`]
//!   attempts, 1 to [`MAX_IN_FLIGHT`] calls in flight; a SOCKS proxy needs
//!   the `socks-proxy` feature. `pages()` walks stop at
//!   [`PageLimits`](crate::page::PageLimits) (1,000 pages, 100,000 items)
//!   or on a page with nothing new; a clock correction beyond
//!   [`DEFAULT_MAX_CLOCK_SKEW`] (a day) is refused; a `Retry-After` (seconds
//!   or HTTP-date) beyond `max_retry_after` ends the call with its hint.
//! - TLS: with the `rustls` feature, rustls and Mozilla's roots; the
//!   `platform-verifier` feature adds the OS verifier
//!   ([`TlsRoots::Platform`]). Without a TLS feature only `http://`
//!   endpoints work (loopback, simulators); `https://` fails with a
//!   transport error.
//!
//! # Logging
//!
//! Retries, token refreshes and rate-limiter waits are logged at `debug`
//! level through the `log` crate, clock-skew corrections at `warn`, each
//! with its reason and never with a credential. (`ureq`'s own `trace`
//! level logs raw wire data *unredacted*: keep it off in production.)

/// The progress-hook methods both clients share (each has a
/// `progress: Option<ProgressHook>` field beside its shared state).
macro_rules! progress_methods {
    ($client:ty) => {
        impl $client {
            /// This client (sharing its connections, limits and credentials)
            /// with a progress hook for its long operations: fan-outs
            /// ([`batch`](Self::batch) and the batch methods) report the ids
            /// answered of the ids asked, after each call, from the thread
            /// that ran it, one report at a time; page walks
            /// ([`pages`](Self::pages)) the items read so far (total 0);
            /// waits the ids settled, after each poll, on the waiting thread,
            /// unless their [`WaitOptions`](super::WaitOptions) bring a hook
            /// of their own. A hook should return quickly: the call that
            /// reported waits for it.
            pub fn with_progress(
                &self,
                hook: impl Fn(crate::wait::Progress) + Send + Sync + 'static,
            ) -> Self {
                let mut c = self.clone();
                c.progress = Some(std::sync::Arc::new(hook));
                c
            }

            /// The progress hook given by [`with_progress`](Self::with_progress).
            pub(crate) fn progress_hook(&self) -> Option<&super::wait::ProgressHook> {
                self.progress.as_ref()
            }

            /// This client without a progress hook (for the calls inside a wait).
            pub(crate) fn without_progress(&self) -> Self {
                let mut c = self.clone();
                c.progress = None;
                c
            }
        }
    };
}
pub(crate) use progress_methods;

mod clock;
mod driver;
mod fanout;
mod fleet;
mod geelark;
mod huawei;
mod limiter;
mod resolve;
mod retry;
mod rng;
mod tcp;
mod transport;
mod wait;

pub use clock::DEFAULT_MAX_CLOCK_SKEW;
pub use fleet::{Capability, Fleet, FleetPhoneStatus, PhoneRef};
pub use geelark::{CheckedProxies, GeeLarkClient, GeeLarkClientBuilder, RejectedProxy};
pub use huawei::{
    DEFAULT_MAX_IN_FLIGHT, DEFAULT_TOKEN_REFRESH_MARGIN, HuaweiClient, HuaweiClientBuilder,
    SYNC_COMMAND_LIMIT,
};
pub use limiter::RateLimit;
pub use resolve::{MAX_PENDING_LOOKUPS, NAME_CACHE_ENTRIES, NAME_CACHE_TTL};
pub use retry::{FullJitter, Jitter, MAX_ATTEMPTS, NoJitter, RetryPolicy};
#[cfg(feature = "rustls")]
pub use transport::TlsRoots;
pub use transport::{
    DEFAULT_BODY_LIMIT, DEFAULT_CONNECT_TIMEOUT, DEFAULT_TIMEOUT, DEFAULT_USER_AGENT, DRY_RUN,
    MAX_IDLE_CONNECTIONS, MAX_SETTING_DURATION, Transport, TransportBuilder,
};
pub use wait::{Cancel, DEFAULT_JOB_POLL_INTERVAL, MAX_WAIT, ProgressHook, WaitOptions};

/// The most calls one batch keeps in flight ([`HuaweiClientBuilder::max_in_flight`],
/// [`GeeLarkClientBuilder::max_in_flight`]): each is one std thread with its
/// own stack and connection. 64 is far beyond what the providers' rate
/// limits reward (GeeLark allows 200 calls a minute per API) and keeps a
/// fan-out to a few MB of stacks; `build()` refuses more (and 0) with
/// [`Error::InvalidInput`](crate::Error::InvalidInput) rather than quietly
/// clamping, so a mistyped value is seen.
pub const MAX_IN_FLIGHT: usize = 64;

/// Refuses an in-flight count of 0 or above [`MAX_IN_FLIGHT`].
pub(crate) fn check_in_flight(n: usize) -> crate::Result<usize> {
    if n == 0 || n > MAX_IN_FLIGHT {
        return Err(crate::error::invalid(
            "max_in_flight",
            format!("{n} calls in flight; it must be from 1 to {MAX_IN_FLIGHT}"),
        ));
    }
    Ok(n)
}

/// Environment variable names the builders read.
pub mod env {
    pub use super::geelark::{
        ENV_API_KEY as GEELARK_API_KEY, ENV_APP_ID as GEELARK_APP_ID,
        ENV_ENDPOINT as GEELARK_ENDPOINT, ENV_TOKEN as GEELARK_TOKEN,
    };
    pub use super::huawei::{
        ENV_AK as HUAWEI_AK, ENV_ENDPOINT as HUAWEI_ENDPOINT, ENV_PROJECT_ID as HUAWEI_PROJECT_ID,
        ENV_REGION as HUAWEI_REGION, ENV_SECURITY_TOKEN as HUAWEI_SECURITY_TOKEN,
        ENV_SK as HUAWEI_SK,
    };
}

/// The transport and retry settings both client builders share.
macro_rules! transport_setters {
    () => {
        /// Sends through this transport (and its connection pool) instead of
        /// building one; the builder's own transport settings are then unused.
        pub fn transport(mut self, transport: super::transport::Transport) -> Self {
            self.transport = Some(transport);
            self
        }

        /// The whole-request timeout (default 60 s).
        pub fn timeout(mut self, timeout: std::time::Duration) -> Self {
            self.transport_builder = self.transport_builder.timeout(Some(timeout));
            self
        }

        /// The connect timeout (default 10 s).
        pub fn connect_timeout(mut self, timeout: std::time::Duration) -> Self {
            self.transport_builder = self.transport_builder.connect_timeout(Some(timeout));
            self
        }

        /// The response body cap in bytes (default 16 MiB).
        pub fn body_limit(mut self, bytes: u64) -> Self {
            self.transport_builder = self.transport_builder.body_limit(bytes);
            self
        }

        /// The `User-Agent` (default `cloudphone-rust/<version>`; at most
        /// [`crate::http::MAX_USER_AGENT_LEN`] bytes, checked by `build`).
        pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
            self.transport_builder = self.transport_builder.user_agent(user_agent);
            self
        }

        /// An explicit proxy URL (never logged); see [`TransportBuilder::proxy`](super::TransportBuilder::proxy).
        pub fn proxy(mut self, url: impl Into<String>) -> Self {
            self.transport_builder = self.transport_builder.proxy(url);
            self
        }

        /// A dry run: requests are built, signed and handed to `hook`, never
        /// sent; see [`TransportBuilder::dry_run`](super::TransportBuilder::dry_run).
        pub fn dry_run(mut self, hook: impl Fn(&crate::Request) + Send + Sync + 'static) -> Self {
            self.transport_builder = self.transport_builder.dry_run(hook);
            self
        }

        /// The proxy from `HTTPS_PROXY` & co.
        pub fn proxy_from_env(mut self) -> Self {
            self.transport_builder = self.transport_builder.proxy_from_env();
            self
        }

        /// Every other transport setting at once.
        pub fn transport_builder(mut self, builder: super::transport::TransportBuilder) -> Self {
            self.transport_builder = builder;
            self
        }

        /// The retry policy (default [`RetryPolicy::default`](super::RetryPolicy::default)).
        pub fn retry(mut self, policy: super::retry::RetryPolicy) -> Self {
            self.retry = policy;
            self
        }

        /// How many calls of one batch are in flight at once (default 4;
        /// from 1 to [`MAX_IN_FLIGHT`](super::MAX_IN_FLIGHT), checked by `build`).
        pub fn max_in_flight(mut self, n: usize) -> Self {
            self.max_in_flight = n;
            self
        }

        /// The bounds of the client's `pages` walks (default
        /// [`PageLimits::default`](crate::page::PageLimits::default): 1,000
        /// pages, 100,000 items; at least 1 each, checked by `build`). A
        /// walk that hits one ends with
        /// [`Error::LimitExceeded`](crate::Error::LimitExceeded) naming it.
        pub fn page_limits(mut self, limits: crate::page::PageLimits) -> Self {
            self.page_limits = limits;
            self
        }
    };
}
pub(crate) use transport_setters;
