//! The blocking GeeLark client against a real HTTP server on loopback.
#![cfg(feature = "client")]

#[path = "support/loopback.rs"]
mod loopback;

use std::collections::HashMap;
use std::time::{Duration, Instant};

use cloudphone::client::{GeeLarkClient, GeeLarkClientBuilder, NoJitter, RateLimit, RetryPolicy};
use cloudphone::geelark::{GetPhoneStatus, sign};
use cloudphone::{ErrorKind, PhoneStatus};
use loopback::{Recorded, Reply, Server};

const APP_ID: &str = "eH6gQR4oHr3FsZpI36La01IW";
const API_KEY: &str = "YjmFIUuq0oJgSDJ42fxLEb6R1qjjqf";

fn fast() -> RetryPolicy {
    RetryPolicy::default()
        .base_delay(Duration::from_millis(1))
        .max_delay(Duration::from_millis(5))
        .rate_limited_min_delay(Duration::from_millis(1))
        .jitter(NoJitter)
}

fn client(server: &Server) -> GeeLarkClientBuilder {
    GeeLarkClient::builder()
        .endpoint(server.url())
        .key(APP_ID, API_KEY)
        .retry(fast())
}

/// A status answer: ids starting with `9` do not exist (42001), the others
/// run; numeric ids are sent back as JSON numbers, as GeeLark does.
fn answer(req: &Recorded) -> String {
    let ids = req.ids("ids");
    let ok: Vec<String> = ids
        .iter()
        .filter(|i| !i.starts_with('9'))
        .map(|i| format!(r#"{{"id":{i},"serialName":"n{i}","status":0}}"#))
        .collect();
    let bad: Vec<String> = ids
        .iter()
        .filter(|i| i.starts_with('9'))
        .map(|i| format!(r#"{{"code":42001,"id":"{i}","msg":"env not found"}}"#))
        .collect();
    format!(
        r#"{{"traceId":"{}","code":0,"msg":"success","data":{{"totalAmount":{},"successAmount":{},"failAmount":{},"successDetails":[{}],"failDetails":[{}]}}}}"#,
        req.header("traceid").unwrap_or(""),
        ids.len(),
        ok.len(),
        bad.len(),
        ok.join(","),
        bad.join(",")
    )
}

fn ok(req: &Recorded) -> Reply {
    Reply::json(200, answer(req))
}

fn envelope(code: u32) -> Reply {
    Reply::json(
        200,
        format!(r#"{{"traceId":"t","code":{code},"msg":"too many requests","data":null}}"#),
    )
}

#[test]
fn fleet_status_fans_out_signs_and_merges_in_order() {
    let server = Server::start(|_, r| ok(r).delayed(Duration::from_millis(10)));
    let c = client(&server).max_in_flight(3).build().unwrap();
    // 250 distinct ids (some unknown) plus duplicates -> 3 calls.
    let mut ids: Vec<String> = (0..250u64)
        .map(|i| {
            if i % 50 == 7 {
                format!("9{:017}", i)
            } else {
                format!("{}", 557_536_075_321_468_390u64 + i)
            }
        })
        .collect();
    ids.extend(ids.clone().into_iter().take(10));
    let out = c.phone_status(ids.clone()).unwrap();
    assert_eq!(server.seen(), 3);
    assert!(server.max_concurrent() <= 3);
    assert_eq!(out.total(), 250);
    assert_eq!(out.failed.len(), 5);
    assert!(out.failed.iter().all(|f| f.code == "42001"));
    assert_eq!(out.succeeded.len(), 245);
    assert!(
        out.succeeded
            .iter()
            .all(|p| p.status == PhoneStatus::Running)
    );
    let order: Vec<&str> = out.succeeded.iter().map(|p| p.id.as_str()).collect();
    let want: Vec<&str> = ids[..250]
        .iter()
        .map(String::as_str)
        .filter(|i| !i.starts_with('9'))
        .collect();
    assert_eq!(order, want);
    assert_eq!(out.request_ids.len(), 3);

    // Every request is signed as GeeLark documents it.
    let mut calls: Vec<usize> = Vec::new();
    for r in server.requests() {
        assert_eq!(r.path, "/open/v1/phone/status");
        let trace = r.header("traceid").unwrap();
        let ts = r.header("ts").unwrap();
        let nonce = r.header("nonce").unwrap();
        assert_eq!(trace.len(), 32);
        assert_eq!(nonce, &trace[..6]);
        assert_eq!(r.header("appid"), Some(APP_ID));
        assert_eq!(
            r.header("sign").unwrap(),
            sign(APP_ID, trace, ts, nonce, API_KEY)
        );
        calls.push(r.ids("ids").len());
    }
    calls.sort();
    assert_eq!(calls, [50, 100, 100]);
    let traces: std::collections::HashSet<String> = server
        .requests()
        .iter()
        .map(|r| r.header("traceid").unwrap().to_owned())
        .collect();
    assert_eq!(traces.len(), 3, "a fresh trace id per request");
}

#[test]
fn rate_limit_codes_are_backed_off_and_retried() {
    for code in [40007, 40017, 47002] {
        let server = Server::start(move |n, r| if n == 0 { envelope(code) } else { ok(r) });
        let c = client(&server).build().unwrap();
        let out = c.execute(&GetPhoneStatus::new(["1"]).unwrap()).unwrap();
        assert_eq!(out.phones.len(), 1);
        assert_eq!(server.seen(), 2, "code {code}");
    }
}

#[test]
fn throttling_that_persists_ends_as_rate_limited() {
    let server = Server::script(vec![envelope(40007)]);
    let c = client(&server)
        .retry(fast().max_attempts(3))
        .build()
        .unwrap();
    let err = c.execute(&GetPhoneStatus::new(["1"]).unwrap()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::RateLimited);
    assert_eq!(err.code(), "40007");
    assert_eq!(server.seen(), 3);
}

#[test]
fn the_lockout_is_never_retried() {
    let server = Server::start(|n, r| if n == 0 { envelope(40014) } else { ok(r) });
    let c = client(&server).build().unwrap();
    let err = c.execute(&GetPhoneStatus::new(["1"]).unwrap()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Lockout);
    assert_eq!(server.seen(), 1);

    // In a batch, the locked-out call's ids fail with the lockout; the rest succeed.
    let server = Server::start(|n, r| if n == 1 { envelope(40014) } else { ok(r) });
    let c = client(&server).max_in_flight(1).build().unwrap();
    let ids: Vec<String> = (0..150).map(|i| format!("{}", 1000 + i)).collect();
    let out = c.phone_status(ids).unwrap();
    assert_eq!(out.succeeded.len(), 100);
    assert_eq!(out.failed.len(), 50);
    assert!(
        out.failed
            .iter()
            .all(|f| f.kind == ErrorKind::Lockout && f.code == "40014")
    );
    assert_eq!(server.seen(), 2);
}

#[test]
fn auth_errors_are_not_retried() {
    let server = Server::script(vec![Reply::json(
        200,
        r#"{"traceId":"t","code":40003,"msg":"sign error"}"#,
    )]);
    let c = client(&server).build().unwrap();
    let err = c.execute(&GetPhoneStatus::new(["1"]).unwrap()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Auth);
    assert_eq!(server.seen(), 1);
}

#[test]
fn token_mode_sends_a_bearer_token() {
    let server = Server::start(|_, r| ok(r));
    let c = GeeLarkClient::builder()
        .endpoint(server.url())
        .token("tok-123")
        .build()
        .unwrap();
    c.phone_status(["1"]).unwrap();
    let r = &server.requests()[0];
    assert_eq!(r.header("authorization"), Some("Bearer tok-123"));
    assert!(r.header("sign").is_none());
    assert!(!format!("{c:?}").contains("tok-123"));
}

#[test]
fn the_client_side_limiter_spaces_calls() {
    let server = Server::start(|_, r| ok(r));
    let c = client(&server)
        .rate_limit(RateLimit::new(1, Duration::from_millis(150)))
        .build()
        .unwrap();
    let start = Instant::now();
    for _ in 0..3 {
        c.phone_status(["1"]).unwrap();
    }
    // One per 150 ms: the third call cannot start before 300 ms (sleeps
    // never end early).
    assert!(start.elapsed() >= Duration::from_millis(300));
    assert_eq!(server.seen(), 3);
}

#[test]
fn configuration_from_environment_variables() {
    let server = Server::start(|_, r| ok(r));
    let vars: HashMap<&str, String> = [
        ("CLOUDPHONE_GEELARK_APP_ID", APP_ID.to_owned()),
        ("CLOUDPHONE_GEELARK_API_KEY", API_KEY.to_owned()),
        (
            "CLOUDPHONE_GEELARK_TOKEN",
            "ignored-when-a-key-is-set".to_owned(),
        ),
        ("CLOUDPHONE_GEELARK_ENDPOINT", server.url()),
    ]
    .into_iter()
    .collect();
    let c = GeeLarkClient::builder()
        .from_env_with(|k| vars.get(k).cloned())
        .build()
        .unwrap();
    c.phone_status(["1"]).unwrap();
    assert_eq!(server.requests()[0].header("appid"), Some(APP_ID));

    let err = GeeLarkClient::builder()
        .from_env_with(|_| None)
        .build()
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    assert!(
        err.to_string().contains("CLOUDPHONE_GEELARK_APP_ID"),
        "{err}"
    );
}

#[test]
fn invalid_input_is_refused_before_sending() {
    let server = Server::start(|_, r| ok(r));
    let c = client(&server).build().unwrap();
    let empty: [&str; 0] = [];
    assert_eq!(
        c.phone_status(empty).unwrap_err().kind(),
        ErrorKind::InvalidInput
    );
    assert_eq!(
        c.phone_status(["a\nb"]).unwrap_err().kind(),
        ErrorKind::InvalidInput
    );
    assert_eq!(server.seen(), 0);
}
