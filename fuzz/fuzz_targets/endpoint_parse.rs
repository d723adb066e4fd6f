//! `Endpoint::parse`, `cph_endpoint` and `iam_endpoint` on arbitrary text: no
//! panic; an accepted endpoint has a clean ASCII base URL that parses back to
//! itself, whose authority is a host a transport can use (non-empty, no user
//! info, no percent-escape, balanced brackets around an IPv6 address, at
//! most one port, 1 to 65535); a refusal quotes at most a prefix of the
//! input.
#![no_main]

use cloudphone::Endpoint;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(e) = Endpoint::parse(&text) {
        let base = e.as_str();
        assert!(
            matches!(e.scheme(), "http" | "https"),
            "scheme {:?}",
            e.scheme()
        );
        assert!(!e.authority().is_empty());
        assert!(!base.ends_with('/'));
        assert!(
            !base
                .chars()
                .any(|c| c.is_control() || c == ' ' || c == '?' || c == '#'),
            "unclean base {base:?}"
        );
        assert_eq!(
            base,
            format!("{}://{}{}", e.scheme(), e.authority(), e.path_prefix())
        );
        let again = Endpoint::parse(base).expect("an endpoint's own URL parses");
        assert_eq!(again, e, "parse(as_str) is not the same endpoint");
        assert!(base.is_ascii(), "non-ASCII base {base:?}");
        assert!(base.len() <= cloudphone::limits::MAX_URL_LEN);
        let authority = e.authority();
        assert!(
            !authority.contains(['@', '%', '?', '#', '/']),
            "{authority:?}"
        );
        let (host, port) = match authority.strip_prefix('[') {
            Some(rest) => {
                let (inner, after) = rest.split_once(']').expect("balanced brackets");
                assert!(inner.parse::<std::net::Ipv6Addr>().is_ok(), "{inner:?}");
                (inner, after.strip_prefix(':'))
            }
            None => {
                assert!(!authority.contains(['[', ']']), "{authority:?}");
                match authority.split_once(':') {
                    Some((h, p)) => (h, Some(p)),
                    None => (authority, None),
                }
            }
        };
        assert!(!host.is_empty(), "empty host in {authority:?}");
        if let Some(port) = port {
            let n: u16 = port.parse().expect("a numeric port");
            assert!(
                n != 0 && port.bytes().all(|b| b.is_ascii_digit()),
                "{port:?}"
            );
        }
        for seg in e.path_prefix().split('/') {
            assert!(seg != "." && seg != "..", "dot segment in {base:?}");
        }
    } else if let Err(err) = Endpoint::parse(&text) {
        // The message quotes at most a capped prefix of the input.
        let msg = err.to_string();
        assert!(
            msg.len() < 600,
            "{} bytes of error for {} bytes",
            msg.len(),
            text.len()
        );
    }
    if let Ok(e) = cloudphone::huawei::cph_endpoint(&text) {
        assert!(Endpoint::parse(e.as_str()).is_ok());
    }
    if let Ok(e) = cloudphone::huawei::iam_endpoint(&text) {
        assert!(Endpoint::parse(e.as_str()).is_ok());
    }
});
