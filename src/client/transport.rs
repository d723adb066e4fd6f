//! The HTTP side: one configured `ureq::Agent` (keep-alive pool, timeouts,
//! proxy, TLS, body cap) shared by every clone of every client built on it.

use std::fmt;
use std::io;
use std::sync::Arc;
use std::time::Duration;

use super::resolve::{CachingResolver, LookupsExhausted, MAX_PENDING_LOOKUPS};
use super::tcp::LeanTcpConnector;
use crate::error::{Error, Result, invalid};
use crate::http::{Request, Response};
use crate::secret::Secret;

/// The default `User-Agent` of requests the core does not give one.
pub const DEFAULT_USER_AGENT: &str = crate::huawei::DEFAULT_USER_AGENT;
/// Default cap on a response body: 16 MiB.
pub const DEFAULT_BODY_LIMIT: u64 = crate::op::DEFAULT_MAX_BODY_LEN;
/// Default timeout for one whole request (connect, send, receive the body).
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
/// Default timeout for connecting (TCP, proxy and TLS handshake).
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// The most a body buffer is sized ahead from `Content-Length` (a
/// length a server merely claims reserves no more than this).
const PRESIZE_MAX: u64 = 1024 * 1024;

/// The longest duration any client setting accepts (timeouts, retry waits
/// and budget, rate-limit window, token refresh margin): one day. Longer
/// values are refused by `build()`: they are typos or "forever", and
/// "forever" is what overflows `Instant + Duration` deep inside a call.
pub const MAX_SETTING_DURATION: Duration = Duration::from_secs(24 * 60 * 60);
/// The most idle keep-alive connections a pool may keep (total or per
/// host): each holds a socket and its buffers.
pub const MAX_IDLE_CONNECTIONS: usize = 4096;

/// Refuses a duration setting beyond [`MAX_SETTING_DURATION`].
pub(crate) fn check_duration(field: &'static str, d: Duration) -> Result<()> {
    if d > MAX_SETTING_DURATION {
        return Err(invalid(
            field,
            format!(
                "{} s is longer than the {} s (one day) a setting may be",
                d.as_secs(),
                MAX_SETTING_DURATION.as_secs()
            ),
        ));
    }
    Ok(())
}

/// Which certificates a TLS server is checked against.
#[cfg(feature = "rustls")]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum TlsRoots {
    /// Mozilla's roots compiled in (`webpki-roots`); the same everywhere.
    #[default]
    WebPki,
    /// The operating system's verifier and trust store (feature
    /// `platform-verifier`): honours roots an administrator installed.
    #[cfg(feature = "platform-verifier")]
    Platform,
}

#[derive(Clone, Debug)]
enum ProxySetting {
    None,
    FromEnv,
    Url(Secret),
}

/// Builds a [`Transport`].
///
/// Every setting has a deliberate default: a 60 s whole-request timeout and a
/// 10 s connect timeout, a 16 MiB body cap, no proxy (the environment's
/// `HTTPS_PROXY` & co. are read only after [`proxy_from_env`](Self::proxy_from_env)),
/// HTTP error statuses handed to the core's parsers with their bodies,
/// redirects not followed (as the official SDKs), and with the `rustls`
/// feature, rustls with the webpki roots.
#[derive(Clone, Debug)]
pub struct TransportBuilder {
    timeout: Option<Duration>,
    connect_timeout: Option<Duration>,
    body_limit: u64,
    user_agent: String,
    proxy: ProxySetting,
    https_only: bool,
    max_idle_connections: usize,
    max_idle_connections_per_host: usize,
    #[cfg(feature = "rustls")]
    tls_roots: TlsRoots,
    dry_run: Option<DryRun>,
}

/// What a dry-run transport does with each request instead of sending it.
#[derive(Clone)]
struct DryRun(Arc<dyn Fn(&crate::Request) + Send + Sync>);

impl fmt::Debug for DryRun {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("DryRun(..)")
    }
}

/// The error every call of a dry-run transport ends with.
pub const DRY_RUN: &str = "dry run: the request was built and signed but not sent";

impl Default for TransportBuilder {
    fn default() -> Self {
        TransportBuilder {
            timeout: Some(DEFAULT_TIMEOUT),
            connect_timeout: Some(DEFAULT_CONNECT_TIMEOUT),
            body_limit: DEFAULT_BODY_LIMIT,
            user_agent: DEFAULT_USER_AGENT.to_owned(),
            proxy: ProxySetting::None,
            https_only: false,
            max_idle_connections: 64,
            max_idle_connections_per_host: 32,
            #[cfg(feature = "rustls")]
            tls_roots: TlsRoots::default(),
            dry_run: None,
        }
    }
}

impl TransportBuilder {
    /// The timeout of one whole request, from connecting to the last body
    /// byte; `None` disables it (not recommended).
    pub fn timeout(mut self, t: Option<Duration>) -> Self {
        self.timeout = t;
        self
    }

    /// A dry run: every request is built and signed as usual, handed to
    /// `hook` (to print it, e.g. with [`Request::to_redacted_text`](crate::Request::to_redacted_text)),
    /// and **not sent**: the call ends with [`Error::Unsupported`]`(`[`DRY_RUN`]`)`,
    /// which is never retried. Nothing reaches the network, not even a
    /// name lookup.
    pub fn dry_run(mut self, hook: impl Fn(&crate::Request) + Send + Sync + 'static) -> Self {
        self.dry_run = Some(DryRun(Arc::new(hook)));
        self
    }

    /// The timeout for connecting (DNS, TCP, proxy, TLS handshake).
    pub fn connect_timeout(mut self, t: Option<Duration>) -> Self {
        self.connect_timeout = t;
        self
    }

    /// The largest response body accepted, in bytes; a larger one fails the
    /// call with [`Error::BodyTooLarge`].
    pub fn body_limit(mut self, bytes: u64) -> Self {
        self.body_limit = bytes;
        self
    }

    /// The `User-Agent` of requests that carry none (the Huawei client also
    /// puts it into its signed requests).
    pub fn user_agent(mut self, ua: impl Into<String>) -> Self {
        self.user_agent = ua.into();
        self
    }

    /// Sends through this proxy: `http://[user:password@]host:port`
    /// (CONNECT for https targets), or `socks5://…` with the `socks-proxy`
    /// feature. The URL may carry credentials; it is never logged.
    pub fn proxy(mut self, url: impl Into<String>) -> Self {
        self.proxy = ProxySetting::Url(Secret::new(url));
        self
    }

    /// Uses the proxy named by `ALL_PROXY`/`HTTPS_PROXY`/`HTTP_PROXY`
    /// (and `NO_PROXY`), if any.
    pub fn proxy_from_env(mut self) -> Self {
        self.proxy = ProxySetting::FromEnv;
        self
    }

    /// Connects directly (the default).
    pub fn no_proxy(mut self) -> Self {
        self.proxy = ProxySetting::None;
        self
    }

    /// Refuses plain-http endpoints.
    pub fn https_only(mut self, yes: bool) -> Self {
        self.https_only = yes;
        self
    }

    /// Idle keep-alive connections kept in total and per host (defaults 64
    /// and 32, enough for a fan-out of 32 calls in flight).
    pub fn max_idle_connections(mut self, total: usize, per_host: usize) -> Self {
        self.max_idle_connections = total;
        self.max_idle_connections_per_host = per_host;
        self
    }

    /// Which roots TLS servers are verified against.
    #[cfg(feature = "rustls")]
    pub fn tls_roots(mut self, roots: TlsRoots) -> Self {
        self.tls_roots = roots;
        self
    }

    /// Builds the transport and its connection pool.
    ///
    /// Every setting is checked here: the user agent, timeouts of at most
    /// [`MAX_SETTING_DURATION`] (and not zero), a body cap of at least one
    /// byte, at most [`MAX_IDLE_CONNECTIONS`] idle connections, and a proxy
    /// whose protocol this build supports (`socks4`/`socks5` only with the
    /// `socks-proxy` feature; without it ureq would panic on every request).
    pub fn build(self) -> Result<Transport> {
        crate::http::check_user_agent(&self.user_agent)?;
        for (field, t) in [
            ("timeout", self.timeout),
            ("connect_timeout", self.connect_timeout),
        ] {
            if let Some(t) = t {
                check_duration(field, t)?;
                if t.is_zero() {
                    return Err(invalid(
                        field,
                        "zero would fail every request; use None for no timeout",
                    ));
                }
            }
        }
        if self.body_limit == 0 {
            return Err(invalid("body_limit", "must be at least 1 byte"));
        }
        if self.max_idle_connections > MAX_IDLE_CONNECTIONS
            || self.max_idle_connections_per_host > MAX_IDLE_CONNECTIONS
        {
            return Err(invalid(
                "max_idle_connections",
                format!("at most {MAX_IDLE_CONNECTIONS}"),
            ));
        }
        let proxy = match &self.proxy {
            ProxySetting::None => None,
            ProxySetting::FromEnv => ureq::Proxy::try_from_env(),
            ProxySetting::Url(url) => Some(ureq::Proxy::new(url.expose()).map_err(|_| {
                invalid(
                    "proxy",
                    "not a proxy URL (scheme://[user:password@]host:port)",
                )
            })?),
        };
        if let Some(p) = &proxy {
            check_proxy_protocol(p.protocol())?;
        }
        let builder = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .https_only(self.https_only)
            .proxy(proxy)
            .user_agent(self.user_agent.as_str())
            .timeout_global(self.timeout)
            .timeout_connect(self.connect_timeout)
            .max_idle_connections(self.max_idle_connections)
            .max_idle_connections_per_host(self.max_idle_connections_per_host);
        #[cfg(feature = "rustls")]
        let builder = {
            let roots = match self.tls_roots {
                TlsRoots::WebPki => ureq::tls::RootCerts::WebPki,
                #[cfg(feature = "platform-verifier")]
                TlsRoots::Platform => ureq::tls::RootCerts::PlatformVerifier,
            };
            builder.tls_config(
                ureq::tls::TlsConfig::builder()
                    .provider(ureq::tls::TlsProvider::Rustls)
                    .root_certs(roots)
                    .build(),
            )
        };
        // ureq's connector chain (SOCKS, CONNECT proxy, TCP, TLS) with our
        // resolver instead of its thread-per-lookup default and our TCP link
        // instead of its six-syscall-a-call one.
        let resolver = CachingResolver::new(self.connect_timeout);
        let agent = ureq::Agent::with_parts(builder.build(), connectors(), resolver.clone());
        Ok(Transport {
            inner: Arc::new(Inner {
                agent,
                resolver,
                body_limit: self.body_limit,
                timeout: self.timeout,
                user_agent: self.user_agent,
                dry_run: self.dry_run,
            }),
        })
    }
}

/// The steps that open a connection, in ureq's order: a SOCKS proxy, an
/// HTTP CONNECT proxy, TCP ([`LeanTcpConnector`]), TLS; an `https` URL
/// that no step secured is refused (ureq's default chain panics there when
/// built without TLS).
fn connectors() -> impl ureq::unversioned::transport::Connector<()> {
    use ureq::unversioned::transport::{ConnectProxyConnector, Connector};
    let chain = ();
    #[cfg(feature = "socks-proxy")]
    let chain = chain.chain(ureq::unversioned::transport::SocksConnector::default());
    let chain = chain
        .chain(ConnectProxyConnector::default())
        .chain(LeanTcpConnector);
    #[cfg(feature = "rustls")]
    let chain = chain.chain(ureq::unversioned::transport::RustlsConnector::default());
    chain.chain(RequireTls)
}

/// The last step: an `https` URL must have reached a TLS transport.
#[derive(Debug)]
struct RequireTls;

impl<In: ureq::unversioned::transport::Transport> ureq::unversioned::transport::Connector<In>
    for RequireTls
{
    type Out = In;

    fn connect(
        &self,
        details: &ureq::unversioned::transport::ConnectionDetails,
        chained: Option<In>,
    ) -> std::result::Result<Option<In>, ureq::Error> {
        if details.needs_tls() && !chained.as_ref().is_some_and(|c| c.is_tls()) {
            return Err(ureq::Error::Io(io::Error::new(
                io::ErrorKind::Unsupported,
                "https needs the `rustls` feature of cloudphone",
            )));
        }
        Ok(chained)
    }
}

/// Refuses a SOCKS proxy when ureq was built without SOCKS support: ureq
/// accepts the URL and then panics on every request through it.
fn check_proxy_protocol(protocol: ureq::ProxyProtocol) -> Result<()> {
    let socks = matches!(
        protocol,
        ureq::ProxyProtocol::Socks4
            | ureq::ProxyProtocol::Socks4A
            | ureq::ProxyProtocol::Socks5
            | ureq::ProxyProtocol::Socks5h
    );
    if socks && !cfg!(feature = "socks-proxy") {
        return Err(Error::Unsupported(
            "a SOCKS proxy needs the `socks-proxy` feature of cloudphone",
        ));
    }
    Ok(())
}

struct Inner {
    agent: ureq::Agent,
    resolver: CachingResolver,
    body_limit: u64,
    timeout: Option<Duration>,
    user_agent: String,
    dry_run: Option<DryRun>,
}

/// A configured HTTP/1.1 agent with its keep-alive pool. Cheap to clone;
/// clones share the pool. Give one to several clients (Huawei and GeeLark
/// alike) to share connections and settings.
#[derive(Clone)]
pub struct Transport {
    inner: Arc<Inner>,
}

impl fmt::Debug for Transport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Transport")
            .field("body_limit", &self.inner.body_limit)
            .field("timeout", &self.inner.timeout)
            .finish_non_exhaustive()
    }
}

/// A failed send, with whether the failure proves nothing reached the server.
pub(crate) struct SendFailure {
    pub(crate) error: Error,
    pub(crate) not_sent: bool,
}

impl Transport {
    /// A builder with the defaults.
    pub fn builder() -> TransportBuilder {
        TransportBuilder::default()
    }

    /// A transport with every default.
    pub fn new() -> Result<Self> {
        Self::builder().build()
    }

    /// The response body cap in bytes.
    pub fn body_limit(&self) -> u64 {
        self.inner.body_limit
    }

    /// The `User-Agent` configured.
    pub fn user_agent(&self) -> &str {
        &self.inner.user_agent
    }

    /// How many host-name lookups this transport (and its clones) has
    /// started. IP literals never need one, and a name is looked up again
    /// only after [`NAME_CACHE_TTL`](super::NAME_CACHE_TTL): a count that grows with
    /// the number of calls means the cache is not working. Each lookup
    /// bounded by a timeout runs on a short-lived thread of its own.
    pub fn name_lookups(&self) -> u64 {
        self.inner.resolver.lookups()
    }

    /// Sends one request as-is (no retry) and reads the whole response,
    /// whatever its status. For hosts that build requests themselves.
    pub fn send(&self, request: Request) -> Result<Response> {
        self.send_op("send", request, None).map_err(|f| f.error)
    }

    /// Sends `request` for `operation`; `time_left` cuts the whole-request
    /// timeout to what a retry budget has left.
    pub(crate) fn send_op(
        &self,
        operation: &'static str,
        request: Request,
        time_left: Option<Duration>,
    ) -> std::result::Result<Response, SendFailure> {
        let refuse = |error| SendFailure {
            error,
            not_sent: true,
        };
        if let Some(DryRun(hook)) = &self.inner.dry_run {
            hook(&request);
            return Err(refuse(Error::Unsupported(DRY_RUN)));
        }
        let mut b = ureq::http::Request::builder()
            .method(request.method.as_str())
            .uri(request.url.as_str());
        for (name, value) in &request.headers {
            b = b.header(name.as_str(), value.as_bytes());
        }
        let http_request = b
            .body(request.body)
            .map_err(|e| refuse(invalid("request", format!("cannot be sent: {e}"))))?;
        let cut = match (time_left, self.inner.timeout) {
            (Some(left), Some(t)) => (left < t).then_some(left),
            (Some(left), None) => Some(left),
            _ => None,
        };
        let agent = &self.inner.agent;
        let result = match cut {
            Some(left) => agent.run(
                agent
                    .configure_request(http_request)
                    .timeout_global(Some(left.max(Duration::from_millis(1))))
                    .build(),
            ),
            None => agent.run(http_request),
        };
        let mut response = result.map_err(|e| map_error(operation, e, true))?;
        let status = response.status().as_u16();
        let headers = response
            .headers()
            .iter()
            .map(|(n, v)| {
                (
                    n.as_str().to_owned(),
                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                )
            })
            .collect();
        refuse_content_encoding(operation, status, response.headers())?;
        // Sized from Content-Length (up to the cap, at most 1 MiB ahead of
        // the bytes): one allocation instead of a doubling chain.
        let expected = response
            .body()
            .content_length()
            .unwrap_or(0)
            .min(self.inner.body_limit)
            .min(PRESIZE_MAX);
        let mut body = Vec::with_capacity(expected as usize);
        std::io::Read::read_to_end(
            &mut response
                .body_mut()
                .with_config()
                .limit(self.inner.body_limit)
                .reader(),
            &mut body,
        )
        .map_err(|e| map_error(operation, ureq::Error::from(e), false))?;
        Ok(Response {
            status,
            headers,
            body,
        })
    }
}

/// Refuses a body in a content coding (RFC 9110 §8.4) before reading it.
/// The client never sends `Accept-Encoding` and inflates nothing (ureq's
/// `gzip`/`brotli` features are off): a coded body is not the JSON it
/// claims to be, and inflating it would be a way around the body cap (a
/// gzip bomb). Without this check an unknown coding passed as plain text.
/// `Decode` rather than `Transport`: the answer arrived whole and asking
/// again would get the same one.
fn refuse_content_encoding(
    operation: &'static str,
    status: u16,
    headers: &ureq::http::HeaderMap,
) -> std::result::Result<(), SendFailure> {
    for value in headers.get_all(ureq::http::header::CONTENT_ENCODING) {
        let text = String::from_utf8_lossy(value.as_bytes());
        let coded = text
            .split(',')
            .map(str::trim)
            .any(|c| !c.is_empty() && !c.eq_ignore_ascii_case("identity"));
        if coded {
            // The server's text, shortened and printable only.
            let shown: String = text.chars().filter(|c| !c.is_control()).take(32).collect();
            return Err(SendFailure {
                error: Error::Decode {
                    operation,
                    http_status: status,
                    path: ".".to_owned(),
                    message: format!(
                        "the body is in a content coding (Content-Encoding: {shown}) that this \
                         client neither asked for nor decodes"
                    ),
                },
                not_sent: false,
            });
        }
    }
    Ok(())
}

/// Maps a ureq error onto the crate's kinds. `before_response` is true for
/// errors raised before a response head arrived. Messages name what failed,
/// never a header value or a proxy URL.
fn map_error(operation: &'static str, e: ureq::Error, before_response: bool) -> SendFailure {
    let transport = |message: String, not_sent: bool| SendFailure {
        error: Error::Transport {
            operation,
            message,
            not_sent,
            io_kind: None,
        },
        not_sent,
    };
    match e {
        ureq::Error::Timeout(t) => {
            let not_sent = matches!(t, ureq::Timeout::Resolve | ureq::Timeout::Connect);
            SendFailure {
                error: Error::Timeout {
                    operation,
                    message: if not_sent {
                        format!("{t} timeout (the request was not sent)")
                    } else {
                        format!("{t} timeout")
                    },
                },
                not_sent,
            }
        }
        ureq::Error::BodyExceedsLimit(limit) => SendFailure {
            error: Error::BodyTooLarge { operation, limit },
            not_sent: false,
        },
        ureq::Error::HostNotFound => transport("host not found".into(), true),
        ureq::Error::ConnectionFailed => transport("connection failed".into(), true),
        ureq::Error::ConnectProxyFailed(_) => {
            transport("the proxy refused the CONNECT request".into(), true)
        }
        ureq::Error::InvalidProxyUrl => SendFailure {
            error: invalid("proxy", "not a valid proxy URL"),
            not_sent: true,
        },
        ureq::Error::Io(io) => {
            use io::ErrorKind as K;
            let with_kind = |f: SendFailure| match f.error {
                Error::Transport {
                    operation,
                    message,
                    not_sent,
                    ..
                } => SendFailure {
                    error: Error::Transport {
                        operation,
                        message,
                        not_sent,
                        io_kind: Some(io.kind()),
                    },
                    not_sent: f.not_sent,
                },
                other => SendFailure {
                    error: other,
                    not_sent: f.not_sent,
                },
            };
            with_kind(match io.kind() {
                K::TimedOut | K::WouldBlock => SendFailure {
                    error: Error::Timeout {
                        operation,
                        message: format!("I/O timed out: {io}"),
                    },
                    not_sent: false,
                },
                K::ConnectionRefused
                | K::AddrNotAvailable
                | K::NetworkUnreachable
                | K::HostUnreachable => transport(format!("cannot connect: {io}"), true),
                _ if !before_response => transport(
                    format!("connection failed while reading the body: {io}"),
                    false,
                ),
                _ => transport(format!("I/O error: {io}"), false),
            })
        }
        ureq::Error::Protocol(p) => transport(format!("HTTP protocol error: {p}"), false),
        ureq::Error::LargeResponseHeader(..) => {
            transport("the response header is too large".into(), false)
        }
        ureq::Error::RequireHttpsOnly(_) => SendFailure {
            error: invalid("endpoint", "is not https and the transport is https-only"),
            not_sent: true,
        },
        ureq::Error::BadUri(_) | ureq::Error::Http(_) => SendFailure {
            error: invalid("request", "the URL or a header cannot be sent"),
            not_sent: true,
        },
        ureq::Error::Tls(m) => transport(format!("TLS error: {m}"), true),
        ureq::Error::Other(e) if e.is::<LookupsExhausted>() => SendFailure {
            error: Error::LimitExceeded {
                operation,
                limit: "max_pending_lookups",
                message: format!("{e} (at most {MAX_PENDING_LOOKUPS})"),
            },
            not_sent: true,
        },
        #[cfg(feature = "rustls")]
        ureq::Error::Rustls(r) => transport(format!("TLS error: {r}"), true),
        // A feature the core never enables, or a variant added later.
        other => transport(format!("{other}"), false),
    }
}
