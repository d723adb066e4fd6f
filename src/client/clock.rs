//! The client's clock: the system time, corrected by the offset a server's
//! `Date` header revealed (Huawei refuses signatures more than 15 minutes
//! off), plus the parsing of that header.

use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

/// Offsets smaller than this are left alone: `Date` has one-second
/// resolution and the gateway tolerates 15 minutes.
pub(crate) const SKEW_TOLERANCE_MS: i64 = 5 * 60 * 1000;

/// The system time in Unix milliseconds (0 before 1970).
pub(crate) fn system_now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0)
}

/// System time plus a learned offset.
#[derive(Debug, Default)]
pub(crate) struct Clock {
    offset_ms: AtomicI64,
}

impl Clock {
    /// The corrected time in Unix milliseconds.
    pub(crate) fn now_ms(&self) -> u64 {
        let off = self.offset_ms.load(Ordering::Relaxed);
        (system_now_ms() as i64).saturating_add(off).max(0) as u64
    }

    /// The current correction in milliseconds (server minus system).
    pub(crate) fn offset_ms(&self) -> i64 {
        self.offset_ms.load(Ordering::Relaxed)
    }

    /// Learns from a server's `Date` header. Returns the new offset when the
    /// corrected clock was more than [`SKEW_TOLERANCE_MS`] away from the
    /// server's, `None` (and no change) otherwise.
    pub(crate) fn correct_from_date(&self, date_header: &str) -> Option<i64> {
        let server = parse_http_date(date_header)? as i64;
        let system = system_now_ms() as i64;
        let current = self.offset_ms();
        if (server - (system + current)).abs() <= SKEW_TOLERANCE_MS {
            return None;
        }
        let offset = server - system;
        self.offset_ms.store(offset, Ordering::Relaxed);
        Some(offset)
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

    #[test]
    fn corrects_only_beyond_tolerance() {
        let c = Clock::default();
        let fmt = |ms: u64| {
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
        };
        assert_eq!(c.correct_from_date(&fmt(system_now_ms() + 60_000)), None);
        assert_eq!(c.offset_ms(), 0);
        let off = c
            .correct_from_date(&fmt(system_now_ms() + 3_600_000))
            .unwrap();
        assert!((off - 3_600_000).abs() < 5_000, "{off}");
        assert!((c.now_ms() as i64 - system_now_ms() as i64 - 3_600_000).abs() < 5_000);
        // Once corrected, the same server time is within tolerance.
        assert_eq!(c.correct_from_date(&fmt(system_now_ms() + 3_600_000)), None);
    }
}
