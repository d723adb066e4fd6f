//! `Endpoint::parse`, `cph_endpoint` and `iam_endpoint` on arbitrary text: no
//! panic; an accepted endpoint has a clean base URL that parses back to
//! itself.
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
    }
    if let Ok(e) = cloudphone::huawei::cph_endpoint(&text) {
        assert!(Endpoint::parse(e.as_str()).is_ok());
    }
    if let Ok(e) = cloudphone::huawei::iam_endpoint(&text) {
        assert!(Endpoint::parse(e.as_str()).is_ok());
    }
});
