//! Client-side rate limiting: at most `max` requests per `window` for each
//! API path, as a sliding window (so no window of that length, wherever it
//! starts, holds more than `max` sends).

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// A request budget: at most `max` requests in any `window`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RateLimit {
    max: u32,
    window: Duration,
}

impl RateLimit {
    /// GeeLark's documented limit: 200 requests per minute per API.
    pub const GEELARK: RateLimit = RateLimit {
        max: 200,
        window: Duration::from_secs(60),
    };

    /// At most `max` (at least 1) requests in any `window`.
    pub fn new(max: u32, window: Duration) -> Self {
        RateLimit {
            max: max.max(1),
            window,
        }
    }

    /// At most `max` requests per minute.
    pub fn per_minute(max: u32) -> Self {
        Self::new(max, Duration::from_secs(60))
    }

    /// [`per_minute`](Self::per_minute) for constants (`max` at least 1).
    pub(crate) const fn per_minute_const(max: u32) -> Self {
        RateLimit {
            max: if max == 0 { 1 } else { max },
            window: Duration::from_secs(60),
        }
    }

    /// Requests allowed per window.
    pub fn max(&self) -> u32 {
        self.max
    }

    /// The window.
    pub fn window(&self) -> Duration {
        self.window
    }
}

/// Per-key sliding windows. Each key keeps the times of its last `max`
/// sends (past or reserved); a send may go when the oldest of them is a
/// whole window old.
#[derive(Debug)]
pub(crate) struct RateLimiter {
    limit: RateLimit,
    keys: Mutex<HashMap<String, VecDeque<Instant>>>,
}

impl RateLimiter {
    pub(crate) fn new(limit: RateLimit) -> Self {
        RateLimiter {
            limit,
            keys: Mutex::new(HashMap::new()),
        }
    }

    /// Reserves the earliest send time for `key` at or after `now`.
    pub(crate) fn reserve(&self, key: &str, now: Instant) -> Instant {
        let max = self.limit.max as usize;
        let mut keys = self.keys.lock().unwrap_or_else(|p| p.into_inner());
        let q = match keys.get_mut(key) {
            Some(q) => q,
            None => keys.entry(key.to_owned()).or_default(),
        };
        let at = if q.len() < max {
            now
        } else {
            // The window is at most a day (checked by the client builder);
            // `checked_add` keeps even an unchecked one from panicking.
            q[0].checked_add(self.limit.window).unwrap_or(q[0]).max(now)
        };
        q.push_back(at);
        if q.len() > max {
            q.pop_front();
        }
        at
    }

    /// Waits for a send slot for `key`; returns how long it waited.
    pub(crate) fn acquire(&self, key: &str) -> Duration {
        let now = Instant::now();
        let at = self.reserve(key, now);
        let wait = at.saturating_duration_since(now);
        if !wait.is_zero() {
            log::debug!(
                "cloudphone: client-side rate limit ({} per {:?}) for {key}: waiting {} ms",
                self.limit.max,
                self.limit.window,
                wait.as_millis()
            );
            std::thread::sleep(wait);
        }
        wait
    }
}

/// The path of an absolute URL (what the limiter keys on).
pub(crate) fn url_path(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let path = rest.find('/').map_or("/", |i| &rest[i..]);
    path.split(['?', '#']).next().unwrap_or(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sliding_window_spaces_sends() {
        let l = RateLimiter::new(RateLimit::new(3, Duration::from_secs(10)));
        let t0 = Instant::now();
        let s = |d: u64| t0 + Duration::from_secs(d);
        // Three go at once, the fourth waits for the first to age out.
        assert_eq!(l.reserve("/a", s(0)), s(0));
        assert_eq!(l.reserve("/a", s(1)), s(1));
        assert_eq!(l.reserve("/a", s(2)), s(2));
        assert_eq!(l.reserve("/a", s(2)), s(10));
        assert_eq!(l.reserve("/a", s(3)), s(11));
        assert_eq!(l.reserve("/a", s(3)), s(12));
        assert_eq!(l.reserve("/a", s(3)), s(20));
        // Other paths have their own budget.
        assert_eq!(l.reserve("/b", s(3)), s(3));
        // Late callers go at once when the window has passed.
        assert_eq!(l.reserve("/a", s(100)), s(100));
        // In any 10 s window, at most 3 sends for /a.
        let l = RateLimiter::new(RateLimit::new(3, Duration::from_secs(10)));
        let times: Vec<Instant> = (0..30).map(|_| l.reserve("/x", t0)).collect();
        for w in times.windows(4) {
            assert!(w[3] - w[0] >= Duration::from_secs(10));
        }
    }

    #[test]
    fn paths() {
        assert_eq!(
            url_path("https://h:1/open/v1/phone/status?x=1"),
            "/open/v1/phone/status"
        );
        assert_eq!(url_path("http://h"), "/");
        assert_eq!(url_path("http://h/a#f"), "/a");
    }
}
