//! The client's clock: the system time, corrected per host by the offset
//! that host's `Date` header revealed (Huawei refuses signatures more than
//! 15 minutes off), plus the parsing of that header.
//!
//! The correction is bounded: a server that claims to be more than
//! `max_skew` (default [`DEFAULT_MAX_CLOCK_SKEW`], one day) away is not
//! believed — the call fails with `LimitExceeded` `max_clock_skew` and the
//! offset stays as it was. A correction is kept per host, so one host's
//! `Date` never moves the time another host's requests are signed with.

use std::sync::Mutex;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::error::{Error, Result};

/// Offsets smaller than this are left alone: `Date` has one-second
/// resolution and the gateway tolerates 15 minutes.
pub(crate) const SKEW_TOLERANCE_MS: i64 = 5 * 60 * 1000;

/// The largest clock correction the client applies by default: one day.
/// The Huawei gateway accepts signing times within ±15 minutes of its own,
/// so a local clock a few hours off (a wrong time zone, a dead RTC battery
/// after a short outage) is worth correcting; a server claiming a date days
/// or centuries away is broken or hostile, and the right fix is the local
/// clock (NTP), not trusting it.
pub const DEFAULT_MAX_CLOCK_SKEW: Duration = Duration::from_secs(24 * 60 * 60);

/// Hosts a clock keeps corrections for; a client talks to one or two.
const MAX_HOSTS: usize = 16;

/// The system time in Unix milliseconds (0 before 1970).
pub(crate) fn system_now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0)
}

/// System time plus a learned offset per host.
#[derive(Debug)]
pub(crate) struct Clock {
    max_skew_ms: i64,
    offsets: Mutex<Vec<(String, i64)>>,
}

impl Default for Clock {
    fn default() -> Self {
        Clock::new(DEFAULT_MAX_CLOCK_SKEW)
    }
}

impl Clock {
    /// A clock that refuses corrections beyond `max_skew`.
    pub(crate) fn new(max_skew: Duration) -> Self {
        Clock {
            max_skew_ms: i64::try_from(max_skew.as_millis()).unwrap_or(i64::MAX),
            offsets: Mutex::new(Vec::new()),
        }
    }

    fn offsets(&self) -> std::sync::MutexGuard<'_, Vec<(String, i64)>> {
        self.offsets.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The corrected time for requests to `host`, in Unix milliseconds.
    pub(crate) fn now_ms(&self, host: &str) -> u64 {
        let off = self.offset_ms(host);
        (system_now_ms() as i64).saturating_add(off).max(0) as u64
    }

    /// The current correction for `host` in milliseconds (server minus
    /// system; 0 when none was learned).
    pub(crate) fn offset_ms(&self, host: &str) -> i64 {
        self.offsets()
            .iter()
            .find(|(h, _)| h == host)
            .map_or(0, |(_, o)| *o)
    }

    /// The largest correction in force for any host (what
    /// `clock_offset_ms` reports for a client that talks to one host).
    pub(crate) fn any_offset_ms(&self) -> i64 {
        self.offsets()
            .iter()
            .map(|(_, o)| *o)
            .max_by_key(|o| o.unsigned_abs())
            .unwrap_or(0)
    }

    /// Learns from `host`'s `Date` header. `Ok(Some(offset))` when the
    /// corrected clock was more than [`SKEW_TOLERANCE_MS`] away from the
    /// server's (the new offset is in force for `host` only), `Ok(None)`
    /// (and no change) when it was close enough or the header is not a
    /// date, and [`Error::LimitExceeded`] `max_clock_skew` (and no change)
    /// when the needed correction is beyond the bound.
    pub(crate) fn correct_from_date(
        &self,
        operation: &'static str,
        host: &str,
        date_header: &str,
    ) -> Result<Option<i64>> {
        let Some(server) = parse_http_date(date_header) else {
            return Ok(None);
        };
        let server = i64::try_from(server).unwrap_or(i64::MAX);
        let system = system_now_ms() as i64;
        let mut offsets = self.offsets();
        let current = offsets
            .iter()
            .find(|(h, _)| h == host)
            .map_or(0, |(_, o)| *o);
        if server
            .saturating_sub(system.saturating_add(current))
            .saturating_abs()
            <= SKEW_TOLERANCE_MS
        {
            return Ok(None);
        }
        let offset = server.saturating_sub(system);
        if offset.saturating_abs() > self.max_skew_ms {
            return Err(Error::LimitExceeded {
                operation,
                limit: "max_clock_skew",
                message: format!(
                    "the server's Date ({}) is {} s away from the local clock, beyond the {} s correction allowed; fix the local clock (NTP) — requests stay signed with it",
                    crate::time::sdk_date(server.max(0) as u64),
                    offset / 1000,
                    self.max_skew_ms / 1000
                ),
            });
        }
        if let Some(i) = offsets.iter().position(|(h, _)| h == host) {
            offsets[i].1 = offset;
        } else if offsets.len() < MAX_HOSTS {
            offsets.push((host.to_owned(), offset));
        } else {
            // More hosts than a client talks to: keep the first ones.
            return Ok(None);
        }
        Ok(Some(offset))
    }
}

/// Parses an RFC 9110 IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`) into
/// Unix milliseconds. The obsolete formats are not sent by the gateways this
/// crate talks to and give `None`.
pub(crate) fn parse_http_date(text: &str) -> Option<u64> {
    let mut parts = text.split_ascii_whitespace();
    let _weekday = parts.next()?.strip_suffix(',')?;
    let day = parts.next()?;
    let month = parts.next()?;
    let year = parts.next()?;
    let time = parts.next()?;
    if parts.next()? != "GMT" || parts.next().is_some() {
        return None;
    }
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let m = MONTHS.iter().position(|&n| n == month)? + 1;
    if day.len() != 2 || year.len() != 4 || time.len() != 8 {
        return None;
    }
    let rfc3339 = format!("{year}-{m:02}-{day}T{time}Z");
    crate::time::parse_rfc3339_ms("date", &rfc3339).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_imf_fixdate() {
        assert_eq!(
            parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(784_111_777_000)
        );
        assert_eq!(
            parse_http_date("Thu, 29 Feb 2024 00:00:00 GMT"),
            Some(1_709_164_800_000)
        );
        for bad in [
            "",
            "Sunday, 06-Nov-94 08:49:37 GMT",
            "Sun Nov  6 08:49:37 1994",
            "Sun, 06 Nov 1994 08:49:37 UTC",
            "Sun, 06 Foo 1994 08:49:37 GMT",
            "Sun, 6 Nov 1994 08:49:37 GMT",
            "Sun, 06 Nov 1994 08:49:37 GMT x",
        ] {
            assert_eq!(parse_http_date(bad), None, "{bad}");
        }
    }

    fn fmt(ms: u64) -> String {
        // Build an IMF-fixdate from Unix ms via the core's sdk_date.
        let d = crate::time::sdk_date(ms);
        const M: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        let month: usize = d[4..6].parse().unwrap();
        format!(
            "Mon, {} {} {} {}:{}:{} GMT",
            &d[6..8],
            M[month - 1],
            &d[0..4],
            &d[9..11],
            &d[11..13],
            &d[13..15]
        )
    }

    #[test]
    fn corrects_only_beyond_tolerance() {
        let c = Clock::default();
        let learn = |ms: u64| c.correct_from_date("t", "a:1", &fmt(ms)).unwrap();
        assert_eq!(learn(system_now_ms() + 60_000), None);
        assert_eq!(c.offset_ms("a:1"), 0);
        let off = learn(system_now_ms() + 3_600_000).unwrap();
        assert!((off - 3_600_000).abs() < 5_000, "{off}");
        assert!((c.now_ms("a:1") as i64 - system_now_ms() as i64 - 3_600_000).abs() < 5_000);
        // Once corrected, the same server time is within tolerance.
        assert_eq!(learn(system_now_ms() + 3_600_000), None);
        // Another host is not moved.
        assert_eq!(c.offset_ms("b:2"), 0);
        assert!((c.now_ms("b:2") as i64 - system_now_ms() as i64).abs() < 5_000);
    }

    #[test]
    fn refuses_corrections_beyond_the_bound() {
        let c = Clock::default();
        for date in [
            "Fri, 31 Dec 9999 23:59:59 GMT".to_owned(),
            "Fri, 01 Jan 2100 00:00:00 GMT".to_owned(),
            "Thu, 01 Jan 1970 00:00:00 GMT".to_owned(),
            fmt(system_now_ms() + 25 * 3_600_000),
        ] {
            let e = c.correct_from_date("t", "a:1", &date).unwrap_err();
            assert!(
                matches!(
                    &e,
                    Error::LimitExceeded {
                        limit: "max_clock_skew",
                        ..
                    }
                ),
                "{e:?}"
            );
            assert!(e.to_string().contains("fix the local clock"), "{e}");
            assert_eq!(c.offset_ms("a:1"), 0, "{date}");
        }
        // Within the bound (23 h) it corrects.
        assert!(
            c.correct_from_date("t", "a:1", &fmt(system_now_ms() + 23 * 3_600_000))
                .unwrap()
                .is_some()
        );
        // A tighter bound refuses that too.
        let tight = Clock::new(Duration::from_secs(3600));
        assert!(
            tight
                .correct_from_date("t", "a:1", &fmt(system_now_ms() + 2 * 3_600_000))
                .is_err()
        );
    }
}
