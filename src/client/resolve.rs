//! The transport's name resolver: no thread and no syscall per call.
//!
//! ureq resolves the host of every request *before* it looks into its
//! connection pool, and with any timeout set (the client always sets one) its
//! default resolver starts a thread for each lookup so that it can give up on
//! it. That made every call, even one to `127.0.0.1` over a kept-alive
//! connection, create a thread, and every call to a host name run
//! `getaddrinfo` (reading `/etc/hosts`, possibly asking DNS). This resolver,
//! plugged in through ureq's resolver extension point, instead:
//!
//! - returns IP literals as they are (no thread, no syscall);
//! - keeps the addresses of a host name per `host:port` for [`NAME_CACHE_TTL`], in
//!   a cache of at most [`NAME_CACHE_ENTRIES`] names;
//! - looks a name up only on a miss, on a thread of its own bounded by the
//!   connect timeout (and by what the request's own timeout has left): a
//!   lookup that outlives it is abandoned with a timeout error, and still
//!   fills the cache if it finishes later;
//! - lets at most [`MAX_PENDING_LOOKUPS`] lookup threads be outstanding, so a
//!   stalled DNS cannot pile up threads: beyond that a call fails at once
//!   with [`Error::LimitExceeded`](crate::Error::LimitExceeded).

use std::fmt;
use std::io;
use std::net::{IpAddr, SocketAddr, ToSocketAddrs};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use ureq::config::Config;
use ureq::http::Uri;
use ureq::unversioned::resolver::{ResolvedSocketAddrs, Resolver};
use ureq::unversioned::transport::NextTimeout;

/// How long the addresses of a host name are reused before it is looked up
/// again: short, so a DNS change (failover) is seen within half a minute,
/// and long enough that a busy client looks a name up twice a minute rather
/// than on every call.
pub const NAME_CACHE_TTL: Duration = Duration::from_secs(30);
/// The most host names (per `host:port`) whose addresses are kept. A client
/// talks to a handful of endpoints (gateway, IAM, GeeLark, a proxy).
pub const NAME_CACHE_ENTRIES: usize = 64;
/// The most name lookups that may run on threads at once. Lookups are only
/// outstanding this long when the resolver of the system hangs; further
/// calls then fail at once instead of adding threads.
pub const MAX_PENDING_LOOKUPS: usize = 8;
/// The most addresses kept per name (ureq uses at most 16 of them after
/// filtering by IP family).
const MAX_CACHED_ADDRS: usize = 32;
/// The most addresses handed to ureq (its `ResolvedSocketAddrs` capacity).
const MAX_ADDRS: usize = 16;

/// Looks `host:port` up; the system's `getaddrinfo` unless a test injects
/// another.
pub(crate) type LookupFn = dyn Fn(&str) -> io::Result<Vec<SocketAddr>> + Send + Sync;

/// The error a call gets when [`MAX_PENDING_LOOKUPS`] lookups are already
/// outstanding; the transport maps it to `Error::LimitExceeded`.
#[derive(Debug)]
pub(crate) struct LookupsExhausted;

impl fmt::Display for LookupsExhausted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{MAX_PENDING_LOOKUPS} name lookups are still outstanding (the system's resolver \
             does not answer); the request was not sent"
        )
    }
}

impl std::error::Error for LookupsExhausted {}

struct Entry {
    host: Box<str>,
    port: u16,
    addrs: Vec<SocketAddr>,
    expires: Instant,
}

struct Shared {
    cache: Mutex<Vec<Entry>>,
    pending: AtomicUsize,
    lookups: AtomicU64,
    lookup: Box<LookupFn>,
    ttl: Duration,
}

impl Shared {
    fn cached(&self, host: &str, port: u16, now: Instant) -> Option<Vec<SocketAddr>> {
        let cache = self.cache.lock().unwrap_or_else(|e| e.into_inner());
        cache
            .iter()
            .find(|e| e.port == port && &*e.host == host && e.expires > now)
            .map(|e| e.addrs.clone())
    }

    fn store(&self, host: &str, port: u16, mut addrs: Vec<SocketAddr>) {
        if addrs.is_empty() {
            return;
        }
        addrs.truncate(MAX_CACHED_ADDRS);
        let now = Instant::now();
        let mut cache = self.cache.lock().unwrap_or_else(|e| e.into_inner());
        cache.retain(|e| e.expires > now && !(e.port == port && &*e.host == host));
        if cache.len() >= NAME_CACHE_ENTRIES {
            // Full of live names: the one that expires first goes.
            if let Some(i) = (0..cache.len()).min_by_key(|&i| cache[i].expires) {
                cache.swap_remove(i);
            }
        }
        cache.push(Entry {
            host: host.into(),
            port,
            addrs,
            expires: now + self.ttl,
        });
    }
}

/// Decrements the outstanding-lookup count when a lookup thread ends, even
/// by a panic of the lookup function.
struct PendingGuard(Arc<Shared>);

impl Drop for PendingGuard {
    fn drop(&mut self) {
        self.0.pending.fetch_sub(1, Ordering::AcqRel);
    }
}

/// The resolver of a [`Transport`](super::Transport) (see the module docs).
/// Clones share the cache and the counters.
#[derive(Clone)]
pub(crate) struct CachingResolver {
    shared: Arc<Shared>,
    connect_timeout: Option<Duration>,
}

impl fmt::Debug for CachingResolver {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CachingResolver")
            .field("connect_timeout", &self.connect_timeout)
            .field("lookups", &self.lookups())
            .finish_non_exhaustive()
    }
}

fn system_lookup(host_port: &str) -> io::Result<Vec<SocketAddr>> {
    Ok(host_port.to_socket_addrs()?.collect())
}

impl CachingResolver {
    /// The system's resolver, lookups bounded by `connect_timeout`.
    pub(crate) fn new(connect_timeout: Option<Duration>) -> Self {
        Self::with_lookup(connect_timeout, NAME_CACHE_TTL, Box::new(system_lookup))
    }

    /// Another lookup function and time to live (tests).
    pub(crate) fn with_lookup(
        connect_timeout: Option<Duration>,
        ttl: Duration,
        lookup: Box<LookupFn>,
    ) -> Self {
        CachingResolver {
            shared: Arc::new(Shared {
                cache: Mutex::new(Vec::new()),
                pending: AtomicUsize::new(0),
                lookups: AtomicU64::new(0),
                lookup,
                ttl,
            }),
            connect_timeout,
        }
    }

    /// How many lookups were started (cache misses for host names).
    pub(crate) fn lookups(&self) -> u64 {
        self.shared.lookups.load(Ordering::Relaxed)
    }

    /// Looks `host:port` up: on the calling thread when nothing bounds it
    /// (no timeout at all, as ureq does), else on a thread of its own that
    /// the caller stops waiting for after `budget`.
    fn lookup(
        &self,
        host: &str,
        port: u16,
        budget: Option<(Duration, ureq::Timeout)>,
    ) -> Result<Vec<SocketAddr>, ureq::Error> {
        let host_port = if host.contains(':') {
            format!("[{host}]:{port}")
        } else {
            format!("{host}:{port}")
        };
        let Some((budget, reason)) = budget else {
            self.shared.lookups.fetch_add(1, Ordering::Relaxed);
            let addrs = (self.shared.lookup)(&host_port).map_err(|e| not_found(host, e))?;
            self.shared.store(host, port, addrs.clone());
            return Ok(addrs);
        };
        // Reserve a slot before starting the thread.
        let reserved = self
            .shared
            .pending
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| {
                (n < MAX_PENDING_LOOKUPS).then_some(n + 1)
            });
        if reserved.is_err() {
            return Err(ureq::Error::Other(Box::new(LookupsExhausted)));
        }
        let guard = PendingGuard(self.shared.clone());
        self.shared.lookups.fetch_add(1, Ordering::Relaxed);
        let (tx, rx) = mpsc::sync_channel(1);
        let host_owned = host.to_owned();
        std::thread::Builder::new()
            .name("cloudphone-lookup".into())
            .spawn(move || {
                let shared = &guard.0;
                let result = (shared.lookup)(&host_port);
                if let Ok(addrs) = &result {
                    // Also when the caller gave up: the next call finds it.
                    shared.store(&host_owned, port, addrs.clone());
                }
                let _ = tx.send(result);
                drop(guard);
            })
            .map_err(ureq::Error::Io)?;
        match rx.recv_timeout(budget) {
            Ok(result) => result.map_err(|e| not_found(host, e)),
            Err(RecvTimeoutError::Timeout) => Err(ureq::Error::Timeout(reason)),
            // The lookup function panicked.
            Err(RecvTimeoutError::Disconnected) => Err(ureq::Error::HostNotFound),
        }
    }
}

/// A failed lookup is "host not found" (nothing was sent, so the call may
/// be retried whatever its method), not an I/O error of the connection as
/// ureq's default resolver reported it; the system's reason goes to the log.
fn not_found(host: &str, e: io::Error) -> ureq::Error {
    log::debug!("name lookup of {host} failed: {e}");
    ureq::Error::HostNotFound
}

/// The default port of a scheme ureq connects to (itself or as a proxy).
fn default_port(scheme: &str) -> Option<u16> {
    match scheme.to_ascii_lowercase().as_str() {
        "http" => Some(80),
        "https" => Some(443),
        "socks" | "socks4" | "socks4a" | "socks5" | "socks5h" => Some(1080),
        _ => None,
    }
}

impl Resolver for CachingResolver {
    fn resolve(
        &self,
        uri: &Uri,
        config: &Config,
        timeout: NextTimeout,
    ) -> Result<ResolvedSocketAddrs, ureq::Error> {
        let (Some(scheme), Some(authority)) = (uri.scheme_str(), uri.authority()) else {
            return Err(ureq::Error::BadUri(format!("{uri} is not a full URL")));
        };
        let port = authority
            .port_u16()
            .or_else(|| default_port(scheme))
            .ok_or_else(|| ureq::Error::BadUri(format!("unknown scheme: {scheme}")))?;
        let host = authority.host();
        // `[::1]` in a URL; the brackets are not part of the address.
        let bare = host
            .strip_prefix('[')
            .and_then(|h| h.strip_suffix(']'))
            .unwrap_or(host);
        let addrs = if let Ok(ip) = bare.parse::<IpAddr>() {
            vec![SocketAddr::new(ip, port)]
        } else if let Some(addrs) = self.shared.cached(bare, port, Instant::now()) {
            addrs
        } else {
            // What is left of the request's own budget, cut to the connect
            // timeout (which documents that it covers the lookup).
            let request =
                (!timeout.after.is_not_happening()).then(|| (*timeout.after, timeout.reason));
            let connect = self.connect_timeout.map(|t| (t, ureq::Timeout::Connect));
            let budget = match (request, connect) {
                (Some(r), Some(c)) => Some(if r.0 <= c.0 { r } else { c }),
                (r, c) => r.or(c),
            };
            self.lookup(bare, port, budget)?
        };
        let mut result = self.empty();
        for addr in config
            .ip_family()
            .keep_wanted(addrs.into_iter())
            .take(MAX_ADDRS)
        {
            result.push(addr);
        }
        if result.is_empty() {
            Err(ureq::Error::HostNotFound)
        } else {
            Ok(result)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc::Receiver;
    use ureq::unversioned::transport::time::Duration as UDuration;

    fn resolve(r: &CachingResolver, url: &str) -> Result<Vec<SocketAddr>, ureq::Error> {
        let uri: Uri = url.parse().unwrap();
        let timeout = NextTimeout {
            after: UDuration::Exact(Duration::from_secs(60)),
            reason: ureq::Timeout::Global,
            ..NextTimeout::default()
        };
        r.resolve(&uri, &Config::default(), timeout)
            .map(|a| a.iter().copied().collect())
    }

    fn counting(answer: &'static str) -> (CachingResolver, Arc<AtomicUsize>) {
        let calls = Arc::new(AtomicUsize::new(0));
        let c = calls.clone();
        let r = CachingResolver::with_lookup(
            Some(Duration::from_secs(10)),
            NAME_CACHE_TTL,
            Box::new(move |hp| {
                c.fetch_add(1, Ordering::SeqCst);
                assert!(hp.ends_with(":8080") || hp.ends_with(":443"), "{hp}");
                Ok(vec![answer.parse().unwrap()])
            }),
        );
        (r, calls)
    }

    #[test]
    fn ip_literals_are_returned_without_a_lookup() {
        let (r, calls) = counting("10.0.0.1:8080");
        assert_eq!(
            resolve(&r, "http://127.0.0.1:8080/x").unwrap(),
            ["127.0.0.1:8080".parse().unwrap()]
        );
        assert_eq!(
            resolve(&r, "https://[::1]/x").unwrap(),
            ["[::1]:443".parse().unwrap()]
        );
        assert_eq!(calls.load(Ordering::SeqCst), 0);
        assert_eq!(r.lookups(), 0);
    }

    #[test]
    fn a_name_is_looked_up_once_per_host_and_port_within_the_ttl() {
        let (r, calls) = counting("10.0.0.1:8080");
        for _ in 0..100 {
            assert_eq!(
                resolve(&r, "http://gateway.example:8080/x").unwrap(),
                ["10.0.0.1:8080".parse().unwrap()]
            );
        }
        assert_eq!(calls.load(Ordering::SeqCst), 1);
        // Another port is another entry.
        resolve(&r, "https://gateway.example/x").unwrap();
        assert_eq!(calls.load(Ordering::SeqCst), 2);
        assert_eq!(r.lookups(), 2);
    }

    #[test]
    fn an_expired_name_is_looked_up_again() {
        let calls = Arc::new(AtomicUsize::new(0));
        let c = calls.clone();
        let r = CachingResolver::with_lookup(
            Some(Duration::from_secs(10)),
            Duration::ZERO,
            Box::new(move |_| {
                c.fetch_add(1, Ordering::SeqCst);
                Ok(vec!["10.0.0.1:80".parse().unwrap()])
            }),
        );
        for _ in 0..3 {
            resolve(&r, "http://gateway.example/").unwrap();
        }
        assert_eq!(calls.load(Ordering::SeqCst), 3);
    }

    #[test]
    fn the_cache_is_bounded() {
        let (r, calls) = counting("10.0.0.1:8080");
        for i in 0..NAME_CACHE_ENTRIES * 3 {
            resolve(&r, &format!("http://h{i}.example:8080/")).unwrap();
        }
        assert!(r.shared.cache.lock().unwrap().len() <= NAME_CACHE_ENTRIES);
        assert_eq!(calls.load(Ordering::SeqCst), NAME_CACHE_ENTRIES * 3);
    }

    #[test]
    fn a_lookup_error_is_host_not_found() {
        let r = CachingResolver::with_lookup(
            Some(Duration::from_secs(10)),
            NAME_CACHE_TTL,
            Box::new(|_| Err(io::Error::other("failed to lookup address information"))),
        );
        assert!(matches!(
            resolve(&r, "http://nowhere.example/"),
            Err(ureq::Error::HostNotFound)
        ));
    }

    #[test]
    fn a_failed_lookup_is_host_not_found_and_not_cached() {
        let calls = Arc::new(AtomicUsize::new(0));
        let c = calls.clone();
        let r = CachingResolver::with_lookup(
            Some(Duration::from_secs(10)),
            NAME_CACHE_TTL,
            Box::new(move |_| {
                c.fetch_add(1, Ordering::SeqCst);
                Ok(Vec::new())
            }),
        );
        for _ in 0..2 {
            assert!(matches!(
                resolve(&r, "http://nowhere.example/"),
                Err(ureq::Error::HostNotFound)
            ));
        }
        assert_eq!(calls.load(Ordering::SeqCst), 2);
    }

    /// A lookup function that blocks until the test lets it go.
    fn hanging() -> (CachingResolver, mpsc::Sender<()>) {
        let (release, wait) = mpsc::channel::<()>();
        let wait: Mutex<Receiver<()>> = Mutex::new(wait);
        let r = CachingResolver::with_lookup(
            Some(Duration::from_millis(50)),
            NAME_CACHE_TTL,
            Box::new(move |_| {
                // Hang guard: a test that forgets to release ends anyway.
                let _ = wait.lock().unwrap().recv_timeout(Duration::from_secs(30));
                Ok(vec!["10.0.0.9:80".parse().unwrap()])
            }),
        );
        (r, release)
    }

    #[test]
    fn a_hanging_lookup_is_bounded_by_the_connect_timeout() {
        let (r, release) = hanging();
        let started = Instant::now();
        let err = resolve(&r, "http://slow.example/").unwrap_err();
        assert!(
            matches!(err, ureq::Error::Timeout(ureq::Timeout::Connect)),
            "{err:?}"
        );
        // Hang guard only: the lookup itself would take 30 s.
        assert!(started.elapsed() < Duration::from_secs(20));
        // Once the abandoned lookup finishes, its answer is cached.
        release.send(()).unwrap();
        let deadline = Instant::now() + Duration::from_secs(20);
        while r.shared.pending.load(Ordering::Acquire) > 0 && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(5));
        }
        assert_eq!(
            resolve(&r, "http://slow.example/").unwrap(),
            ["10.0.0.9:80".parse().unwrap()]
        );
        assert_eq!(r.lookups(), 1);
    }

    #[test]
    fn the_request_budget_bounds_a_lookup_when_it_is_shorter() {
        let (r, release) = hanging();
        let uri: Uri = "http://slow.example/".parse().unwrap();
        let timeout = NextTimeout {
            after: UDuration::Exact(Duration::from_millis(10)),
            reason: ureq::Timeout::Global,
            ..NextTimeout::default()
        };
        let err = r.resolve(&uri, &Config::default(), timeout).unwrap_err();
        assert!(
            matches!(err, ureq::Error::Timeout(ureq::Timeout::Global)),
            "{err:?}"
        );
        drop(release);
    }

    #[test]
    fn outstanding_lookup_threads_are_bounded() {
        let (r, release) = hanging();
        for i in 0..MAX_PENDING_LOOKUPS {
            let err = resolve(&r, &format!("http://slow{i}.example/")).unwrap_err();
            assert!(matches!(err, ureq::Error::Timeout(_)), "{err:?}");
        }
        assert_eq!(
            r.shared.pending.load(Ordering::Acquire),
            MAX_PENDING_LOOKUPS
        );
        let err = resolve(&r, "http://one-more.example/").unwrap_err();
        match err {
            ureq::Error::Other(e) => assert!(e.is::<LookupsExhausted>(), "{e}"),
            other => panic!("{other:?}"),
        }
        assert_eq!(r.lookups(), MAX_PENDING_LOOKUPS as u64);
        // Released, the threads end and lookups may start again.
        for _ in 0..MAX_PENDING_LOOKUPS {
            release.send(()).unwrap();
        }
        let deadline = Instant::now() + Duration::from_secs(20);
        while r.shared.pending.load(Ordering::Acquire) > 0 && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(5));
        }
        assert_eq!(r.shared.pending.load(Ordering::Acquire), 0);
        release.send(()).unwrap();
        assert!(resolve(&r, "http://fresh.example/").is_ok());
        assert_eq!(r.lookups(), MAX_PENDING_LOOKUPS as u64 + 1);
    }
}
