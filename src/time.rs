//! Time as data. The core never reads a clock: callers pass the current time
//! in, as milliseconds since the Unix epoch, and this module formats and parses
//! the few textual forms the providers use.

use crate::error::{Error, invalid};

/// Days since 1970-01-01 → (year, month, day), proleptic Gregorian
/// (H. Hinnant's `civil_from_days`).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// (year, month, day) → days since 1970-01-01 (H. Hinnant's `days_from_civil`).
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Formats Unix milliseconds as Huawei's `X-Sdk-Date` (`YYYYMMDDTHHMMSSZ`, UTC).
/// Sub-second precision is dropped, as the official SDK does.
pub fn sdk_date(unix_ms: u64) -> String {
    let secs = (unix_ms / 1000) as i64;
    let (y, mo, d) = civil_from_days(secs.div_euclid(86_400));
    let s = secs.rem_euclid(86_400);
    format!(
        "{y:04}{mo:02}{d:02}T{:02}{:02}{:02}Z",
        s / 3600,
        (s / 60) % 60,
        s % 60
    )
}

/// Parses an RFC 3339 / ISO 8601 UTC timestamp as Huawei IAM writes it
/// (`2024-01-02T03:04:05.123000Z`; an explicit `+hh:mm` offset is honoured)
/// into Unix milliseconds.
pub fn parse_rfc3339_ms(field: &'static str, text: &str) -> Result<u64, Error> {
    let bad = || invalid(field, "not an RFC 3339 timestamp");
    let b = text.as_bytes();
    if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || !matches!(b[10], b'T' | b't' | b' ') {
        return Err(bad());
    }
    if b[13] != b':' || b[16] != b':' {
        return Err(bad());
    }
    let num = |r: std::ops::Range<usize>| -> Result<i64, Error> {
        let s = text.get(r).ok_or_else(bad)?;
        if !s.bytes().all(|c| c.is_ascii_digit()) {
            return Err(bad());
        }
        s.parse::<i64>().map_err(|_| bad())
    };
    let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (h, mi, s) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 || s > 60 {
        return Err(bad());
    }
    // A day the month does not have (2024-02-31) is refused, not rolled over.
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let month_days = match mo {
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => 31,
    };
    if d > month_days {
        return Err(bad());
    }
    let mut i = 19;
    let mut ms = 0i64;
    if b[i] == b'.' {
        i += 1;
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            if i - start < 3 {
                ms = ms * 10 + (b[i] - b'0') as i64;
            }
            i += 1;
        }
        if i == start {
            return Err(bad());
        }
        for _ in (i - start)..3 {
            ms *= 10;
        }
    }
    let offset_secs = match b.get(i) {
        Some(b'Z' | b'z') if i + 1 == b.len() => 0,
        Some(sign @ (b'+' | b'-')) if i + 6 == b.len() && b[i + 3] == b':' => {
            let oh = num(i + 1..i + 3)?;
            let om = num(i + 4..i + 6)?;
            let off = oh * 3600 + om * 60;
            if *sign == b'+' { off } else { -off }
        }
        _ => return Err(bad()),
    };
    let days = days_from_civil(y, mo as u32, d as u32);
    let secs = days * 86_400 + h * 3600 + mi * 60 + s - offset_secs;
    if secs < 0 {
        return Err(bad());
    }
    Ok(secs as u64 * 1000 + ms as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sdk_date_formats_utc() {
        assert_eq!(sdk_date(0), "19700101T000000Z");
        // The signing guide's example date.
        assert_eq!(sdk_date(1_573_789_015_000), "20191115T033655Z");
        assert_eq!(sdk_date(1_709_164_800_999), "20240229T000000Z");
        assert_eq!(sdk_date(4_102_444_799_000), "20991231T235959Z");
    }

    #[test]
    fn rfc3339_round_trips_days() {
        for ms in [0u64, 951_782_400_000, 1_709_164_800_000, 4_102_444_799_000] {
            let d = sdk_date(ms);
            let text = format!(
                "{}-{}-{}T{}:{}:{}Z",
                &d[0..4],
                &d[4..6],
                &d[6..8],
                &d[9..11],
                &d[11..13],
                &d[13..15]
            );
            assert_eq!(parse_rfc3339_ms("t", &text).unwrap(), ms);
        }
    }

    #[test]
    fn rfc3339_fractions_and_offsets() {
        assert_eq!(
            parse_rfc3339_ms("t", "2024-01-02T03:04:05.123000Z").unwrap(),
            1_704_164_645_123
        );
        assert_eq!(
            parse_rfc3339_ms("t", "2024-01-02T03:04:05.5Z").unwrap(),
            1_704_164_645_500
        );
        assert_eq!(
            parse_rfc3339_ms("t", "2024-01-02T11:04:05+08:00").unwrap(),
            1_704_164_645_000
        );
        for bad in [
            "",
            "2024-01-02",
            "2024-13-02T03:04:05Z",
            "2024-01-02T03:04:05",
            "2024-01-02T03:04:05.Z",
            "2024-01-02T03:04:05Zjunk",
            "２０２4-01-02T03:04:05Z",
        ] {
            assert!(parse_rfc3339_ms("t", bad).is_err(), "{bad}");
        }
    }
}
