//! `time::parse_rfc3339_ms` on arbitrary text: no panic, no overflow, and an
//! accepted plain `YYYY-MM-DDTHH:MM:SSZ` has a real calendar date and formats
//! back to the same instant through `time::sdk_date`.
#![no_main]

use cloudphone::time::{parse_rfc3339_ms, sdk_date};
use libfuzzer_sys::fuzz_target;

fn days_in_month(y: u32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        _ => 28,
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(ms) = parse_rfc3339_ms("t", text) else {
        return;
    };
    let d = sdk_date(ms);
    let b = text.as_bytes();
    if b.len() == 20 && b[19] == b'Z' && b[10] == b'T' {
        let n = |r: std::ops::Range<usize>| text[r].parse::<u32>().unwrap();
        let (y, mo, day, s) = (n(0..4), n(5..7), n(8..10), n(17..19));
        assert!(day <= days_in_month(y, mo), "accepted a day the month lacks: {text:?}");
        if s < 60 {
            let want = format!(
                "{}{}{}T{}{}{}Z",
                &text[0..4],
                &text[5..7],
                &text[8..10],
                &text[11..13],
                &text[14..16],
                &text[17..19]
            );
            assert_eq!(d, want, "round trip of {text:?}");
        }
    }
});
