//! Bounds of the blocking clients against hostile loopback servers (issue
//! 12, items 3, 4, 5 and 7): listings that never end, absurd clock skew,
//! builder values that used to panic later, and every `Retry-After` form.
//! Each case asserts the typed outcome and the number of requests sent.
#![cfg(feature = "client")]

#[path = "support/loopback.rs"]
mod loopback;

/// Cross-call ids: an answer cannot vouch for another call's ids.
#[path = "hostile/batches.rs"]
mod batches;

use std::time::Duration;

use cloudphone::client::{
    GeeLarkClient, GeeLarkClientBuilder, HuaweiClient, HuaweiClientBuilder, MAX_ATTEMPTS,
    MAX_IN_FLIGHT, NoJitter, RateLimit, RetryPolicy, TransportBuilder,
};
use cloudphone::huawei::{ClientType, ShowConnectInfos};
use cloudphone::page::{DEFAULT_MAX_PAGES, PageLimits};
use cloudphone::{Error, ErrorKind, geelark, huawei};
use loopback::{Recorded, Reply, Server};

const PID: &str = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
const AK: &str = "HPUAEXAMPLEAK0000001";
const SK: &str = "ExampleSecretKey0123456789abcdefghijklmn";

fn fast() -> RetryPolicy {
    RetryPolicy::default()
        .base_delay(Duration::from_millis(1))
        .max_delay(Duration::from_millis(5))
        .rate_limited_min_delay(Duration::from_millis(1))
        .jitter(NoJitter)
}

fn hw(server: &Server) -> HuaweiClientBuilder {
    HuaweiClient::builder()
        .endpoint(server.url())
        .project_id(PID)
        .aksk(AK, SK)
        .retry(fast())
}

fn gl(server: &Server) -> GeeLarkClientBuilder {
    GeeLarkClient::builder()
        .endpoint(server.url())
        .key("APPID01", "APIKEY0123456789")
        .retry(fast())
}

fn limit(e: &Error) -> &'static str {
    match e {
        Error::LimitExceeded { limit, .. } => limit,
        other => panic!("expected LimitExceeded, got {other:?}"),
    }
}

/// A Huawei list page whose `count` never ends: 200 ids the server
/// numbers by request (`fresh`) or always the same 200 (`!fresh`).
fn huawei_endless(fresh: bool) -> Server {
    Server::start(move |n, _| {
        let base = if fresh { n * 200 } else { 0 };
        let phones: Vec<String> = (base..base + 200)
            .map(|i| format!(r#"{{"phone_id":"p{i}","status":2}}"#))
            .collect();
        Reply::json(
            200,
            format!(
                r#"{{"request_id":"r{n}","count":18446744073709551615,"phones":[{}]}}"#,
                phones.join(",")
            ),
        )
    })
}

/// A GeeLark list page whose `total` never ends (100 a page).
fn geelark_endless(fresh: bool) -> Server {
    Server::start(move |n, r: &Recorded| {
        let page = r.json()["page"].as_u64().unwrap_or(1);
        let base = if fresh { n * 100 } else { 0 };
        let items: Vec<String> = (base..base + 100)
            .map(|i| format!(r#"{{"id":"{}","serialName":"s","status":0}}"#, 1000 + i))
            .collect();
        Reply::json(
            200,
            format!(
                r#"{{"traceId":"T{n}","code":0,"msg":"success","data":{{"total":9007199254740993,"page":{page},"pageSize":100,"items":[{}]}}}}"#,
                items.join(",")
            ),
        )
    })
}

/// Walks `pages`, counting items; returns (items, the final error).
fn drain<T>(
    pages: impl Iterator<Item = cloudphone::Result<T>>,
    len: impl Fn(&T) -> usize,
) -> (usize, Error) {
    let mut items = 0;
    for page in pages {
        match page {
            Ok(p) => items += len(&p),
            Err(e) => return (items, e),
        }
    }
    panic!("an endless listing ended without an error");
}

#[test]
fn huawei_endless_listing_stops_at_max_pages_max_items_and_no_progress() {
    // Fresh ids forever: the page bound; page 6 is never requested.
    let server = huawei_endless(true);
    let c = hw(&server)
        .page_limits(PageLimits::default().max_pages(5))
        .build()
        .unwrap();
    let first = huawei::phones::ListPhones::new().page(0, 200).unwrap();
    let (items, e) = drain(c.pages(first.clone()), |p| p.records.len());
    assert_eq!(limit(&e), "max_pages", "{e}");
    assert_eq!(e.kind(), ErrorKind::LimitExceeded);
    assert_eq!((server.seen(), items), (5, 1000));

    // The item bound, per call: page 3 would bring 600 > 500 items and is
    // not yielded; nothing beyond it is requested.
    let server = huawei_endless(true);
    let c = hw(&server).build().unwrap();
    let (items, e) = drain(
        c.pages_with(first.clone(), PageLimits::default().max_items(500)),
        |p| p.records.len(),
    );
    assert_eq!(limit(&e), "max_items", "{e}");
    assert_eq!((server.seen(), items), (3, 400));

    // The same page at every offset: stopped on the second request.
    let server = huawei_endless(false);
    let c = hw(&server).build().unwrap();
    let (items, e) = drain(c.pages(first.clone()), |p| p.records.len());
    assert_eq!(limit(&e), "no_progress", "{e}");
    assert_eq!((server.seen(), items), (2, 200));

    // The defaults alone stop an endless server: 100,000 items (500 pages
    // of 200) — memory bounded by max_items, not by the server.
    let server = huawei_endless(true);
    let c = hw(&server).build().unwrap();
    let (items, e) = drain(c.pages(first), |p| p.records.len());
    assert_eq!(limit(&e), "max_items", "{e}");
    assert_eq!((server.seen(), items), (501, 100_000));
}

#[test]
fn geelark_endless_listing_stops_at_max_pages_max_items_and_no_progress() {
    let first = geelark::ListPhones::new().page(1, 100).unwrap();
    let server = geelark_endless(true);
    let c = gl(&server)
        .page_limits(PageLimits::default().max_pages(7))
        .build()
        .unwrap();
    let (items, e) = drain(c.pages(first.clone()), |p| p.phones.len());
    assert_eq!(limit(&e), "max_pages", "{e}");
    assert_eq!((server.seen(), items), (7, 700));

    let server = geelark_endless(true);
    let c = gl(&server).build().unwrap();
    let (items, e) = drain(
        c.pages_with(first.clone(), PageLimits::default().max_items(250)),
        |p| p.phones.len(),
    );
    assert_eq!(limit(&e), "max_items", "{e}");
    assert_eq!((server.seen(), items), (3, 200));

    let server = geelark_endless(false);
    let c = gl(&server).build().unwrap();
    let (items, e) = drain(c.pages(first.clone()), |p| p.phones.len());
    assert_eq!(limit(&e), "no_progress", "{e}");
    assert_eq!((server.seen(), items), (2, 100));

    // Defaults: 1,000 pages of 100 = exactly max_items, so the page bound
    // fires first, after 1,000 requests.
    let server = geelark_endless(true);
    let c = gl(&server).no_rate_limit().build().unwrap();
    let (items, e) = drain(c.pages(first), |p| p.phones.len());
    assert_eq!(limit(&e), "max_pages", "{e}");
    assert_eq!(
        (server.seen(), items),
        (DEFAULT_MAX_PAGES as usize, 100_000)
    );
}

#[test]
fn page_limits_of_zero_are_refused_at_build() {
    let server = Server::script(vec![Reply::json(200, "{}")]);
    for l in [
        PageLimits::default().max_pages(0),
        PageLimits::default().max_items(0),
    ] {
        assert_eq!(
            hw(&server).page_limits(l).build().unwrap_err().kind(),
            ErrorKind::InvalidInput
        );
        assert_eq!(
            gl(&server).page_limits(l).build().unwrap_err().kind(),
            ErrorKind::InvalidInput
        );
    }
    assert_eq!(server.seen(), 0);
}

/// A gateway that refuses every signature as expired, with an absurd Date.
fn skewed(date: &'static str) -> Server {
    Server::start(move |_, _| {
        Reply::json(
            401,
            r#"{"error_code":"APIGW.0303","error_msg":"signature expired"}"#,
        )
        .with_header("Date", date)
    })
}

#[test]
fn an_absurd_gateway_date_is_refused_and_the_local_clock_kept() {
    let local_year = loopback::unix_now() / (365 * 86_400) + 1970;
    for date in [
        "Fri, 31 Dec 9999 23:59:59 GMT",
        "Fri, 01 Jan 2100 00:00:00 GMT",
        "Thu, 01 Jan 1970 00:00:00 GMT",
    ] {
        let server = skewed(date);
        let c = hw(&server).build().unwrap();
        let op = ShowConnectInfos::new(["p1"], ClientType::Android).unwrap();
        let e = c.execute(&op).unwrap_err();
        assert_eq!(limit(&e), "max_clock_skew", "{date}: {e}");
        assert!(e.to_string().contains("fix the local clock"), "{e}");
        assert_eq!(c.clock_offset_ms(), 0, "{date}");
        assert_eq!(server.seen(), 1, "{date}: no second attempt");
        // Again: still signed with the local clock, still refused.
        let e = c.execute(&op).unwrap_err();
        assert_eq!(limit(&e), "max_clock_skew");
        for r in server.requests() {
            let signed = loopback::parse_sdk_date(r.header("x-sdk-date").unwrap()).unwrap();
            assert!(signed.abs_diff(loopback::unix_now()) < 600, "{date}: {r:?}");
            let year = r.header("x-sdk-date").unwrap()[..4].parse::<u64>().unwrap();
            assert!(year.abs_diff(local_year) <= 1, "{date}: signed in {year}");
        }
    }
    // A tighter bound refuses a 2-hour skew; the default accepts it.
    let ahead = loopback::http_date(loopback::unix_now() + 7200);
    let date: &'static str = Box::leak(ahead.into_boxed_str());
    let server = skewed(date);
    let c = hw(&server)
        .max_clock_skew(Duration::from_secs(3600))
        .build()
        .unwrap();
    let op = ShowConnectInfos::new(["p1"], ClientType::Android).unwrap();
    assert_eq!(limit(&c.execute(&op).unwrap_err()), "max_clock_skew");
    assert_eq!(c.clock_offset_ms(), 0);
    let c = hw(&server).build().unwrap();
    assert_eq!(c.execute(&op).unwrap_err().kind(), ErrorKind::Auth);
    assert!((c.clock_offset_ms() - 7_200_000).abs() < 10_000);
}

#[test]
fn the_iam_hosts_date_never_moves_the_cph_clock() {
    // IAM answers the token request with a Date in 9999; CPH accepts the
    // token. Nothing learned from IAM may change how CPH calls are signed.
    let iam = Server::start(|_, _| {
        Reply::Http {
        status: 201,
        headers: vec![
            ("Content-Type".into(), "application/json".into()),
            ("X-Subject-Token".into(), "TOKEN-abc".into()),
            ("Date".into(), "Fri, 31 Dec 9999 23:59:59 GMT".into()),
        ],
        body: format!(
            r#"{{"token":{{"expires_at":"2999-01-01T00:00:00.000000Z","project":{{"id":"{PID}","name":"cn-north-4"}}}}}}"#
        )
        .into_bytes(),
    }
    });
    let cph = Server::start(|_, r| {
        Reply::json(
            200,
            format!(
                r#"{{"request_id":"r","connect_infos":[{{"phone_id":"{}","access_info":{{"access_ip":"1.2.3.4"}}}}],"errors":[]}}"#,
                r.ids("phone_ids")[0]
            ),
        )
        .with_header("Date", "Fri, 31 Dec 9999 23:59:59 GMT")
    });
    let c = HuaweiClient::builder()
        .endpoint(cph.url())
        .iam_endpoint(iam.url())
        .project_id(PID)
        .iam_password("user", "password", "domain")
        .retry(fast())
        .build()
        .unwrap();
    let out = c.batch_connection(["p1"], ClientType::Android).unwrap();
    assert_eq!(out.succeeded.len(), 1, "{out:?}");
    assert_eq!((iam.seen(), cph.seen()), (1, 1));
    assert_eq!(c.clock_offset_ms(), 0);
}

#[test]
fn builder_values_are_validated_at_build() {
    let server = Server::script(vec![Reply::json(200, "{}")]);
    let huge = Duration::MAX;
    let day = Duration::from_secs(86_401);
    let cases: Vec<(&str, HuaweiClientBuilder)> = vec![
        ("timeout", hw(&server).timeout(huge)),
        ("timeout", hw(&server).timeout(Duration::ZERO)),
        ("connect_timeout", hw(&server).connect_timeout(day)),
        ("body_limit", hw(&server).body_limit(0)),
        ("max_in_flight", hw(&server).max_in_flight(0)),
        (
            "max_in_flight",
            hw(&server).max_in_flight(MAX_IN_FLIGHT + 1),
        ),
        ("max_in_flight", hw(&server).max_in_flight(usize::MAX)),
        (
            "max_attempts",
            hw(&server).retry(fast().max_attempts(MAX_ATTEMPTS + 1)),
        ),
        ("budget", hw(&server).retry(fast().budget(huge))),
        ("max_delay", hw(&server).retry(fast().max_delay(huge))),
        (
            "max_retry_after",
            hw(&server).retry(fast().max_retry_after(huge)),
        ),
        (
            "token_refresh_margin",
            hw(&server).token_refresh_margin(huge),
        ),
        ("max_clock_skew", hw(&server).max_clock_skew(Duration::ZERO)),
        ("max_clock_skew", hw(&server).max_clock_skew(huge)),
        ("user_agent", hw(&server).user_agent("a\r\nb")),
        (
            "max_idle_connections",
            hw(&server)
                .transport_builder(TransportBuilder::default().max_idle_connections(usize::MAX, 1)),
        ),
    ];
    for (field, b) in cases {
        let e = b.build().unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidInput, "{field}: {e}");
        assert!(e.to_string().contains(field), "{field}: {e}");
    }
    for (field, b) in [
        ("max_in_flight", gl(&server).max_in_flight(100_000)),
        ("budget", gl(&server).retry(fast().budget(huge))),
        (
            "rate_limit",
            gl(&server).rate_limit(RateLimit::new(1, huge)),
        ),
        (
            "rate_limit",
            gl(&server).rate_limit(RateLimit::new(1, Duration::ZERO)),
        ),
    ] {
        let e = b.build().unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidInput, "{field}: {e}");
        assert!(e.to_string().contains(field), "{field}: {e}");
    }
    // The limits themselves are accepted.
    hw(&server)
        .max_in_flight(MAX_IN_FLIGHT)
        .retry(fast().max_attempts(MAX_ATTEMPTS))
        .timeout(Duration::from_secs(86_400))
        .build()
        .unwrap();
    assert_eq!(server.seen(), 0);
}

#[test]
fn a_socks_proxy_is_refused_at_build_without_the_feature() {
    let server = Server::script(vec![Reply::json(200, "{}")]);
    for url in ["socks5://127.0.0.1:1080", "socks4://h:1", "SOCKS5H://h:1"] {
        let r = hw(&server).proxy(url).build();
        if cfg!(feature = "socks-proxy") {
            r.unwrap();
        } else {
            let e = r.unwrap_err();
            assert_eq!(e.kind(), ErrorKind::Unsupported, "{url}: {e}");
            assert!(e.to_string().contains("socks-proxy"), "{e}");
            assert!(!e.to_string().contains("127.0.0.1"), "{e}");
        }
    }
    // An http proxy is fine either way.
    hw(&server).proxy("http://127.0.0.1:3128").build().unwrap();
    assert_eq!(server.seen(), 0);
}

/// A server that throttles the first request with `Retry-After: value`
/// (and `Date: date` when given), then answers.
fn throttled(value: &'static str, date: Option<&'static str>) -> Server {
    Server::start(move |n, r| {
        if n == 0 {
            let reply = Reply::json(
                429,
                r#"{"error_code":"APIGW.0308","error_msg":"throttled"}"#,
            )
            .with_header("Retry-After", value);
            match date {
                Some(d) => reply.with_header("Date", d),
                None => reply,
            }
        } else {
            Reply::json(
                200,
                format!(
                    r#"{{"request_id":"r","connect_infos":[{{"phone_id":"{}","access_info":{{}}}}],"errors":[]}}"#,
                    r.ids("phone_ids")[0]
                ),
            )
        }
    })
}

#[test]
fn retry_after_every_form() {
    const DATE: &str = "Wed, 21 Oct 2015 07:28:00 GMT";
    let policy = fast().max_retry_after(Duration::from_secs(5));
    let op = ShowConnectInfos::new(["p1"], ClientType::Android).unwrap();
    // (Retry-After, Date, requests, hint on the error if it gave up)
    let cases: [(&'static str, Option<&'static str>, usize, Option<u64>); 8] = [
        // Seconds within the cap: waited, then retried.
        ("1", None, 2, None),
        // An HTTP-date 1 s after the response's Date: waited, retried.
        ("Wed, 21 Oct 2015 07:28:01 GMT", Some(DATE), 2, None),
        // An HTTP-date an hour ahead: beyond max_retry_after, not waited;
        // the error carries the hint (it used to be "retry in 1 s").
        ("Wed, 21 Oct 2015 08:28:00 GMT", Some(DATE), 1, Some(3600)),
        // An HTTP-date in the past: retry now-ish.
        ("Wed, 21 Oct 2015 07:00:00 GMT", Some(DATE), 2, None),
        // A number too large for u64: "very long", not "retry at once".
        ("99999999999999999999999999", None, 1, Some(u64::MAX)),
        // Negative or garbage: ignored, normal backoff.
        ("-5", None, 2, None),
        ("soon, please", None, 2, None),
        // An HTTP-date without a Date header: relative to the client clock
        // (a date in 2015 is in the past).
        ("Wed, 21 Oct 2015 07:28:01 GMT", None, 2, None),
    ];
    for (value, date, requests, hint) in cases {
        let server = throttled(value, date);
        let c = hw(&server).retry(policy.clone()).build().unwrap();
        let r = c.execute(&op);
        assert_eq!(server.seen(), requests, "{value}");
        match hint {
            None => {
                r.unwrap_or_else(|e| panic!("{value}: {e}"));
            }
            Some(h) => {
                let e = r.unwrap_err();
                assert_eq!(e.kind(), ErrorKind::RateLimited, "{value}");
                assert_eq!(e.api().unwrap().retry_after_secs, Some(h), "{value}");
            }
        }
    }
    // A future HTTP-date relative to the client clock, beyond the cap.
    let later = loopback::http_date(loopback::unix_now() + 3600);
    let server = throttled(Box::leak(later.into_boxed_str()), None);
    let c = hw(&server).retry(policy).build().unwrap();
    let e = c.execute(&op).unwrap_err();
    let hint = e.api().unwrap().retry_after_secs.unwrap();
    assert!((3500..=3601).contains(&hint), "{hint}");
    assert_eq!(server.seen(), 1);
}
