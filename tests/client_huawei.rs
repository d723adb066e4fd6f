//! The blocking Huawei client against a real HTTP server on loopback: every
//! case checks the typed result and how many requests the server saw.
#![cfg(feature = "client")]

#[path = "support/loopback.rs"]
mod loopback;
#[path = "support/ports.rs"]
mod ports;

use std::collections::HashMap;
use std::time::{Duration, Instant};

use cloudphone::client::{HuaweiClient, HuaweiClientBuilder, NoJitter, RetryPolicy};
use cloudphone::huawei::{ClientType, Config, ShowConnectInfos};
use cloudphone::{Context, Error, ErrorKind, Operation, Request, Response};
use loopback::{After, Recorded, Reply, Server};

const PID: &str = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
const AK: &str = "HPUAEXAMPLEAK0000001";
const SK: &str = "ExampleSecretKey0123456789abcdefghijklmn";

/// Retries without real waiting.
fn fast() -> RetryPolicy {
    RetryPolicy::default()
        .base_delay(Duration::from_millis(1))
        .max_delay(Duration::from_millis(5))
        .rate_limited_min_delay(Duration::from_millis(1))
        .jitter(NoJitter)
}

/// Waits until the server has read `n` requests, then checks it read no
/// more. A client that gave up (a timeout) returns before the server's
/// thread has necessarily read what was sent: asserting the count at once
/// races with that thread. The deadline only guards against a hang.
fn assert_seen_eventually(server: &Server, n: usize) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while server.seen() < n && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(5));
    }
    assert_eq!(server.seen(), n);
}

fn client(server: &Server) -> HuaweiClientBuilder {
    HuaweiClient::builder()
        .endpoint(server.url())
        .project_id(PID)
        .aksk(AK, SK)
        .retry(fast())
}

/// A batch-connection answer for the ids in the request: ids starting with
/// `gone` fail with CPS.0005, the others get access information.
fn answer(req: &Recorded) -> String {
    let ids = req.ids("phone_ids");
    let infos: Vec<String> = ids
        .iter()
        .filter(|i| !i.starts_with("gone"))
        .map(|i| {
            format!(
                r#"{{"phone_id":"{i}","access_info":{{"access_ip":"10.0.0.1","access_port":"30001","session_id":"s-{i}","ticket":"T-{i}"}}}}"#
            )
        })
        .collect();
    let errors: Vec<String> = ids
        .iter()
        .filter(|i| i.starts_with("gone"))
        .map(|i| {
            format!(
                r#"{{"phone_id":"{i}","error_code":"CPS.0005","error_msg":"Phone is not found."}}"#
            )
        })
        .collect();
    format!(
        r#"{{"request_id":"req-{}","connect_infos":[{}],"errors":[{}]}}"#,
        ids.len(),
        infos.join(","),
        errors.join(",")
    )
}

fn ok(req: &Recorded) -> Reply {
    Reply::json(200, answer(req))
}

fn ids(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("{i:032x}")).collect()
}

#[test]
fn success_sends_a_signed_request_and_parses() {
    let server = Server::start(|_, r| ok(r));
    let c = client(&server).build().unwrap();
    let out = c
        .batch_connection(["p1", "gone1", "p1"], ClientType::Android)
        .unwrap();
    assert_eq!(server.seen(), 1);
    assert_eq!(out.succeeded.len(), 1);
    assert_eq!(out.succeeded[0].phone_id, "p1");
    assert_eq!(out.succeeded[0].access_info.access_port, Some(30001));
    assert_eq!(out.failed.len(), 1);
    assert_eq!(out.failed[0].code, "CPS.0005");
    assert!(out.missing.is_empty());
    let req = &server.requests()[0];
    assert_eq!(req.method, "POST");
    assert_eq!(
        req.path,
        format!("/v1/{PID}/cloud-phone/phones/batch-connection")
    );
    assert!(
        req.header("authorization")
            .unwrap()
            .starts_with("SDK-HMAC-SHA256 Access=HPUAEXAMPLEAK0000001, SignedHeaders=")
    );
    let host = server.url().trim_start_matches("http://").to_owned();
    assert_eq!(req.header("host"), Some(host.as_str()));
    assert!(req.header("x-sdk-date").unwrap().ends_with('Z'));
    assert!(
        req.header("user-agent")
            .unwrap()
            .starts_with("cloudphone-rust/")
    );
    assert_eq!(req.ids("phone_ids"), ["p1", "gone1"]);

    // The second call reuses the keep-alive connection.
    c.batch_connection(["p2"], ClientType::Ios).unwrap();
    assert_eq!(server.seen(), 2);
    assert_eq!(server.connections(), 1);
}

#[test]
fn the_signature_verifies_against_what_was_received() {
    // Rebuild the request from the received bytes' time and compare: the
    // transport must send the signed headers unchanged.
    let server = Server::start(|_, r| ok(r));
    let c = client(&server).build().unwrap();
    c.batch_connection(["p1"], ClientType::Android).unwrap();
    let got = &server.requests()[0];
    let date = got.header("x-sdk-date").unwrap();
    let secs = loopback::parse_sdk_date(date).unwrap();
    let cfg = Config::new(
        cloudphone::Endpoint::parse(&server.url()).unwrap(),
        PID,
        cloudphone::huawei::Auth::aksk(AK, SK),
    )
    .unwrap();
    let op = ShowConnectInfos::new(["p1"], ClientType::Android).unwrap();
    let want = op.build(&Context::new(&cfg, secs * 1000, "x")).unwrap();
    assert_eq!(got.header("authorization"), want.header("authorization"));
    assert_eq!(got.body, want.body);
}

#[test]
fn large_batches_fan_out_and_partial_failures_lose_nothing() {
    // 35 ids -> 4 calls; the call carrying id 10..19 always fails with 500.
    let server = Server::start(|_, r| {
        if r.ids("phone_ids").contains(&format!("{:032x}", 10)) {
            Reply::json(
                500,
                r#"{"request_id":"r500","error_code":"CPS.0003","error_msg":"Service internal error."}"#,
            )
        } else {
            ok(r).delayed(Duration::from_millis(20))
        }
    });
    let c = client(&server)
        .retry(fast().max_attempts(2))
        .max_in_flight(2)
        .build()
        .unwrap();
    let mut input = ids(35);
    input.push(input[0].clone()); // duplicates collapse
    let out = c.batch_connection(input, ClientType::Android).unwrap();
    assert_eq!(out.total(), 35);
    assert_eq!(out.succeeded.len(), 25);
    assert_eq!(out.failed.len(), 10);
    assert!(out.missing.is_empty());
    for f in &out.failed {
        assert_eq!(f.code, "CPS.0003");
        assert_eq!(f.kind, ErrorKind::Api);
    }
    // Input order is kept.
    let want: Vec<String> = ids(35)
        .into_iter()
        .filter(|i| !(10..20).any(|n| *i == format!("{n:032x}")))
        .collect();
    let got: Vec<String> = out.succeeded.iter().map(|s| s.phone_id.clone()).collect();
    assert_eq!(got, want);
    // 3 good calls + the failing one twice (5xx on an idempotent read is retried).
    assert_eq!(server.seen(), 5);
    assert!(server.max_concurrent() <= 2, "{}", server.max_concurrent());
}

#[test]
fn a_fan_out_reports_its_progress_once_per_call_and_only_upwards() {
    let server = Server::start(|_, r| ok(r).delayed(Duration::from_millis(5)));
    let c = client(&server).max_in_flight(3).build().unwrap();
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let log = seen.clone();
    let with = c.with_progress(move |p| log.lock().unwrap().push((p.done, p.total)));
    let out = with.batch_connection(ids(95), ClientType::Android).unwrap();
    assert_eq!(out.succeeded.len(), 95);
    let seen = seen.lock().unwrap().clone();
    // 10 calls (9 of 10 ids, one of 5): ten reports, growing, ending at 95/95.
    assert_eq!(seen.len(), 10, "{seen:?}");
    assert!(seen.windows(2).all(|w| w[0].0 < w[1].0), "{seen:?}");
    assert!(seen.iter().all(|&(_, t)| t == 95));
    assert_eq!(seen.last(), Some(&(95, 95)));
    // The client it came from stays quiet, and shares the pool.
    c.batch_connection(ids(5), ClientType::Android).unwrap();
    assert_eq!(
        with.transport().name_lookups(),
        c.transport().name_lookups()
    );
}

#[test]
fn sync_commands_are_spaced_by_the_client_and_nothing_else_is() {
    use cloudphone::client::RateLimit;
    use cloudphone::huawei::adb::{RunSyncShell, Target};
    let server = Server::start(|_, r| {
        if r.path.ends_with("/sync-commands") {
            Reply::json(
                200,
                r#"{"request_id":"k","jobs":[{"phone_id":"p1","job_id":"j","status":2,"execute_msg":"ok"}]}"#,
            )
        } else {
            ok(r)
        }
    });
    let window = Duration::from_millis(300);
    let c = client(&server)
        .sync_command_rate_limit(RateLimit::new(2, window))
        .build()
        .unwrap();
    let shell = RunSyncShell::new("ls", Target::Phones(vec!["p1".into()])).unwrap();
    let t0 = Instant::now();
    c.execute(&shell).unwrap();
    c.execute(&shell).unwrap();
    // Other operations are not held back by the sync-command budget.
    let op = ShowConnectInfos::new(["p1"], ClientType::Android).unwrap();
    c.execute(&op).unwrap();
    assert!(t0.elapsed() < window, "{:?}", t0.elapsed());
    // The third command in the window waits for it to pass.
    c.execute(&shell).unwrap();
    assert!(t0.elapsed() >= window, "{:?}", t0.elapsed());
    // The limit can be lifted: 7 commands, one more than the default
    // allows in a minute, go at once.
    let free = client(&server)
        .no_sync_command_rate_limit()
        .build()
        .unwrap();
    let t1 = Instant::now();
    for _ in 0..7 {
        free.execute(&shell).unwrap();
    }
    assert_eq!(server.seen(), 11);
    assert!(t1.elapsed() < Duration::from_secs(30), "{:?}", t1.elapsed());
}

#[test]
fn throttling_waits_for_retry_after_then_succeeds() {
    let server = Server::start(|n, r| {
        if n == 0 {
            Reply::json(
                429,
                r#"{"error_code":"APIGW.0308","error_msg":"The throttling threshold has been reached"}"#,
            )
            .with_header("Retry-After", "1")
        } else {
            ok(r)
        }
    });
    let c = client(&server).build().unwrap();
    let start = Instant::now();
    let out = c.execute(&ShowConnectInfos::new(["p1"], ClientType::Android).unwrap());
    assert!(out.is_ok(), "{out:?}");
    assert_eq!(server.seen(), 2);
    // Retry-After: 1 was honoured (the only lower bound in these tests: a
    // sleep never returns early).
    assert!(start.elapsed() >= Duration::from_secs(1));
}

#[test]
fn a_retry_after_beyond_the_cap_is_not_waited_for() {
    let server = Server::script(vec![
        Reply::json(
            429,
            r#"{"error_code":"APIGW.0308","error_msg":"throttled"}"#,
        )
        .with_header("Retry-After", "3600"),
    ]);
    let c = client(&server).build().unwrap();
    let err = c
        .execute(&ShowConnectInfos::new(["p1"], ClientType::Android).unwrap())
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::RateLimited);
    assert_eq!(err.api().unwrap().retry_after_secs, Some(3600));
    assert_eq!(err.api().unwrap().code, "APIGW.0308");
    assert_eq!(server.seen(), 1);
}

#[test]
fn server_errors_are_retried_then_succeed() {
    let server = Server::start(|n, r| match n {
        0 => Reply::json(503, "<html>bad gateway</html>"),
        1 => Reply::json(502, ""),
        _ => ok(r),
    });
    let c = client(&server).build().unwrap();
    let out = c.batch_connection(["p1"], ClientType::Android).unwrap();
    assert!(out.is_complete_success());
    assert_eq!(server.seen(), 3);
}

#[test]
fn retries_stop_at_max_attempts_with_the_last_error() {
    let server = Server::script(vec![Reply::json(
        500,
        r#"{"error_code":"CPS.0003","error_msg":"Service internal error.","request_id":"r1"}"#,
    )]);
    let c = client(&server)
        .retry(fast().max_attempts(3))
        .build()
        .unwrap();
    let err = c
        .execute(&ShowConnectInfos::new(["p1"], ClientType::Android).unwrap())
        .unwrap_err();
    assert_eq!(err.code(), "CPS.0003");
    assert_eq!(err.http_status(), Some(500));
    assert_eq!(server.seen(), 3);
}

#[test]
fn client_errors_are_not_retried() {
    let server = Server::script(vec![Reply::json(
        404,
        r#"{"error_code":"CPS.0005","error_msg":"Phone is not found."}"#,
    )]);
    let c = client(&server).build().unwrap();
    let err = c
        .execute(&ShowConnectInfos::new(["p1"], ClientType::Android).unwrap())
        .unwrap_err();
    assert_eq!(err.code(), "CPS.0005");
    assert_eq!(server.seen(), 1);
}

#[test]
fn a_reset_mid_body_is_retried_for_a_read() {
    let server = Server::start(|n, r| {
        if n == 0 {
            Reply::truncated(200, r#"{"request_id":"x","conn"#, 400, After::Reset)
        } else {
            ok(r)
        }
    });
    let c = client(&server).build().unwrap();
    let out = c.batch_connection(["p1"], ClientType::Android).unwrap();
    assert!(out.is_complete_success());
    assert_eq!(server.seen(), 2);
}

#[test]
fn a_reset_mid_body_gives_a_transport_error_when_retries_are_off() {
    let server = Server::script(vec![Reply::truncated(
        200,
        r#"{"request_id":"x","conn"#,
        400,
        After::Reset,
    )]);
    let c = client(&server).retry(RetryPolicy::none()).build().unwrap();
    let err = c
        .execute(&ShowConnectInfos::new(["p1"], ClientType::Android).unwrap())
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Transport, "{err}");
    assert!(matches!(
        err,
        Error::Transport {
            not_sent: false,
            ..
        }
    ));
    assert_eq!(server.seen(), 1);
}

#[test]
fn a_truncated_body_is_retried_then_succeeds() {
    // Content-Length promises more than arrives before the close.
    let server = Server::start(|n, r| {
        if n == 0 {
            Reply::truncated(200, r#"{"request_id":"x"}"#, 1000, After::Close)
        } else {
            ok(r)
        }
    });
    let c = client(&server).build().unwrap();
    assert!(
        c.batch_connection(["p1"], ClientType::Android)
            .unwrap()
            .is_complete_success()
    );
    assert_eq!(server.seen(), 2);
}

#[test]
fn a_too_short_content_length_gives_a_decode_error_not_a_retry() {
    // Content-Length 10 cuts the JSON: the client reads 10 bytes and the
    // parser names the problem; nothing is retried.
    let body = r#"{"request_id":"x","connect_infos":[],"errors":[]}"#;
    let mut bytes = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 10\r\n\r\n{body}"
    )
    .into_bytes();
    bytes.extend_from_slice(b"");
    let server = Server::script(vec![Reply::Raw {
        bytes,
        after: After::Close,
    }]);
    let c = client(&server).build().unwrap();
    let err = c
        .execute(&ShowConnectInfos::new(["p1"], ClientType::Android).unwrap())
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Decode, "{err}");
    assert_eq!(server.seen(), 1);
}

#[test]
fn invalid_json_is_a_decode_error_and_not_retried() {
    let server = Server::script(vec![Reply::json(200, "this is not json")]);
    let c = client(&server).build().unwrap();
    let err = c
        .execute(&ShowConnectInfos::new(["p1"], ClientType::Android).unwrap())
        .unwrap_err();
    match &err {
        Error::Decode { operation, .. } => assert_eq!(*operation, "huawei.show_connect_infos"),
        other => panic!("{other:?}"),
    }
    assert_eq!(server.seen(), 1);
}

#[test]
fn a_server_that_never_answers_times_out() {
    let server = Server::script(vec![Reply::Hang]);
    // 1 s, not less: the request must be sent before the timeout ends the
    // attempt, even when the machine is busy.
    let c = client(&server)
        .timeout(Duration::from_secs(1))
        .retry(fast().max_attempts(2))
        .build()
        .unwrap();
    let start = Instant::now();
    let err = c
        .execute(&ShowConnectInfos::new(["p1"], ClientType::Android).unwrap())
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Timeout, "{err}");
    // Ended by the 1 s timeouts, not by some other limit (a hang guard: two
    // attempts take 2 s, whatever the load adds stays far below 60 s).
    assert!(start.elapsed() < Duration::from_secs(60), "no hang");
    // A read is retried after a timeout: two attempts, both unanswered.
    assert_seen_eventually(&server, 2);
}

#[test]
fn the_retry_budget_cuts_attempts_short() {
    let server = Server::script(vec![Reply::Hang]);
    let c = client(&server)
        .timeout(Duration::from_secs(60))
        .retry(fast().max_attempts(10).budget(Duration::from_millis(400)))
        .build()
        .unwrap();
    let start = Instant::now();
    let err = c
        .execute(&ShowConnectInfos::new(["p1"], ClientType::Android).unwrap())
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Timeout, "{err}");
    // Cut by the 400 ms budget, not by the 60 s timeout.
    assert!(start.elapsed() < Duration::from_secs(30), "no hang");
    assert_seen_eventually(&server, 1);
}

#[test]
fn a_huge_body_hits_the_cap() {
    let server = Server::script(vec![Reply::Huge {
        announced: 50 << 20,
        body_len: 50 << 20,
    }]);
    let c = client(&server).body_limit(64 * 1024).build().unwrap();
    let err = c
        .execute(&ShowConnectInfos::new(["p1"], ClientType::Android).unwrap())
        .unwrap_err();
    assert!(
        matches!(err, Error::BodyTooLarge { limit: 65536, .. }),
        "{err:?}"
    );
    assert_eq!(server.seen(), 1);
}

#[test]
fn connection_refused_is_retried_and_reported_as_not_sent() {
    // A port nobody listens on, and nobody can while the test runs.
    let refused = ports::RefusedPort::new();
    let c = HuaweiClient::builder()
        .endpoint(refused.url())
        .project_id(PID)
        .aksk(AK, SK)
        .retry(fast().max_attempts(3))
        .build()
        .unwrap();
    let err = c
        .execute(&ShowConnectInfos::new(["p1"], ClientType::Android).unwrap())
        .unwrap_err();
    assert!(
        matches!(err, Error::Transport { not_sent: true, .. }),
        "{err:?}"
    );
    // The socket's own kind, not only a message.
    assert_eq!(err.io_kind(), Some(std::io::ErrorKind::ConnectionRefused));
    // No secret in the message.
    let text = err.to_string();
    assert!(!text.contains(SK) && !text.contains(AK), "{text}");
}

/// A made-up write (not idempotent), to check what is retried for writes.
struct Restart(Vec<String>);

impl Operation for Restart {
    type Config = Config;
    type Output = ();
    const NAME: &'static str = "test.restart";

    fn build(&self, ctx: &Context<'_, Config>) -> cloudphone::Result<Request> {
        let mut r = ShowConnectInfos::new(self.0.clone(), ClientType::Android)?.build(ctx)?;
        r.url = r.url.replace("batch-connection", "batch-restart");
        Ok(r)
    }

    fn parse_unchecked(&self, response: &Response) -> cloudphone::Result<()> {
        if response.is_success() {
            Ok(())
        } else {
            // The core's CPH error reading, borrowed from a real operation.
            let op = ShowConnectInfos::new(["x"], ClientType::Android)?;
            op.parse(response).map(|_| ())
        }
    }

    fn is_idempotent(&self) -> bool {
        false
    }
}

#[test]
fn a_write_is_not_retried_after_a_failure_that_may_have_reached_the_server() {
    let server = Server::start(|n, _| {
        if n == 0 {
            Reply::truncated(200, "{", 100, After::Reset)
        } else {
            Reply::json(200, "{}")
        }
    });
    let c = client(&server).build().unwrap();
    let err = c.execute(&Restart(vec!["p1".into()])).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Transport);
    assert_eq!(server.seen(), 1);

    // But a throttled write was refused by the gateway: it is retried.
    let server = Server::start(|n, _| {
        if n == 0 {
            Reply::json(
                429,
                r#"{"error_code":"APIGW.0308","error_msg":"throttled"}"#,
            )
        } else {
            Reply::json(200, "{}")
        }
    });
    let c = client(&server).build().unwrap();
    c.execute(&Restart(vec!["p1".into()])).unwrap();
    assert_eq!(server.seen(), 2);
}

#[test]
fn clock_skew_is_corrected_from_the_gateway_date() {
    // The gateway's clock is two hours ahead of ours and it refuses
    // signatures more than 15 minutes off, as APIGW.0303, with its Date.
    let ahead = 2 * 3600;
    let server = Server::start(move |_, r| {
        let server_now = loopback::unix_now() + ahead;
        let signed = loopback::parse_sdk_date(r.header("x-sdk-date").unwrap()).unwrap();
        if signed.abs_diff(server_now) > 15 * 60 {
            Reply::json(
                401,
                r#"{"error_code":"APIGW.0303","error_msg":"Incorrect app authentication information: signature expired"}"#,
            )
            .with_header("Date", &loopback::http_date(server_now))
        } else {
            ok(r).with_header("Date", &loopback::http_date(server_now))
        }
    });
    let c = client(&server).build().unwrap();
    assert_eq!(c.clock_offset_ms(), 0);
    c.batch_connection(["p1"], ClientType::Android).unwrap();
    assert_eq!(server.seen(), 2);
    let off = c.clock_offset_ms();
    assert!((off - ahead as i64 * 1000).abs() < 10_000, "{off}");
    // The correction sticks: the next call goes through at once.
    c.batch_connection(["p2"], ClientType::Android).unwrap();
    assert_eq!(server.seen(), 3);

    // With the correction off, the refusal is the answer.
    let c = client(&server)
        .clock_skew_correction(false)
        .build()
        .unwrap();
    let err = c
        .execute(&ShowConnectInfos::new(["p1"], ClientType::Android).unwrap())
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Auth);
    assert_eq!(err.code(), "APIGW.0303");
    assert_eq!(server.seen(), 4);
}

#[test]
fn configuration_from_environment_variables() {
    let server = Server::start(|_, r| ok(r));
    let vars: HashMap<&str, String> = [
        ("HUAWEICLOUD_SDK_AK", AK.to_owned()),
        ("HUAWEICLOUD_SDK_SK", SK.to_owned()),
        ("HUAWEICLOUD_SDK_PROJECT_ID", PID.to_owned()),
        ("HUAWEICLOUD_SDK_REGION", "cn-north-4".to_owned()),
        ("CLOUDPHONE_HUAWEI_ENDPOINT", server.url()),
    ]
    .into_iter()
    .collect();
    let c = HuaweiClient::builder()
        .from_env_with(|k| vars.get(k).cloned())
        .build()
        .unwrap();
    c.batch_connection(["p1"], ClientType::Android).unwrap();
    assert_eq!(server.seen(), 1);
    assert!(
        server.requests()[0]
            .path
            .starts_with(&format!("/v1/{PID}/"))
    );

    // Missing credentials are named, with the variables to set.
    let err = HuaweiClient::builder()
        .from_env_with(|k| (k == "HUAWEICLOUD_SDK_REGION").then(|| "cn-north-4".to_owned()))
        .build()
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    assert!(err.to_string().contains("HUAWEICLOUD_SDK_AK"), "{err}");
    // Explicit settings win over the environment.
    let c = HuaweiClient::builder()
        .project_id("explicit")
        .from_env_with(|k| vars.get(k).cloned())
        .build()
        .unwrap();
    c.batch_connection(["p1"], ClientType::Android).unwrap();
    assert!(server.requests()[1].path.starts_with("/v1/explicit/"));
}

#[test]
fn debug_output_holds_no_secret() {
    let server = Server::start(|_, r| ok(r));
    let b = client(&server).proxy("http://user:proxy-pass@127.0.0.1:9");
    let text = format!("{b:?}");
    assert!(
        !text.contains(SK) && !text.contains(AK) && !text.contains("proxy-pass"),
        "{text}"
    );
    let c = client(&server).build().unwrap();
    let text = format!("{c:?}");
    assert!(!text.contains(SK) && !text.contains(AK), "{text}");
}

#[test]
fn clients_are_send_sync_and_clone() {
    fn check<T: Send + Sync + Clone + 'static>() {}
    check::<HuaweiClient>();
    check::<cloudphone::client::GeeLarkClient>();
    check::<cloudphone::client::Transport>();
}

#[test]
fn an_overlong_user_agent_is_refused_when_the_client_is_built() {
    let server = Server::start(|_, _| Reply::json(200, "{}"));
    let longest = "a".repeat(cloudphone::http::MAX_USER_AGENT_LEN);
    assert!(client(&server).user_agent(longest.clone()).build().is_ok());
    let err = client(&server)
        .user_agent(longest + "a")
        .build()
        .expect_err("a User-Agent over the cap");
    assert_eq!(err.kind(), ErrorKind::InvalidInput, "{err}");
    assert!(err.to_string().contains("user_agent"), "{err}");
    assert_eq!(server.requests().len(), 0);
}

// ------------------------------------------------- content codings

/// The client asks for no content coding and inflates nothing: a body in
/// any coding but `identity` is refused as `decode` before it is read (an
/// unknown coding used to pass as plain text), never retried, and the
/// server's header value is echoed shortened.
#[test]
fn a_content_coded_body_is_refused_never_inflated() {
    let long = "x".repeat(500);
    for (coding, refused) in [
        ("identity", false),
        ("Identity", false),
        ("gzip", true),
        ("br", true),
        ("identity, gzip", true),
        ("x-unknown", true),
        (long.as_str(), true),
    ] {
        let coding_owned = coding.to_owned();
        let server =
            Server::start(move |_, r| ok(r).with_header("Content-Encoding", &coding_owned));
        let c = client(&server).build().unwrap();
        let result = c.execute(&ShowConnectInfos::new(["p1"], ClientType::Android).unwrap());
        assert_eq!(server.seen(), 1, "{coding:.20}: sent once, not retried");
        if !refused {
            result.unwrap();
            continue;
        }
        let err = result.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Decode, "{coding:.20}: {err}");
        let text = err.to_string();
        assert!(text.contains("Content-Encoding"), "{text}");
        assert!(text.len() < 300, "the server's value is shortened: {text}");
    }
}

/// Threads of this process whose name is `comm`, other than the caller, by
/// thread id: a thread started without a name inherits its creator's (as
/// ureq's lookup threads did), so the threads this test started are the ones
/// named like the test's own thread. Linux only; empty elsewhere.
fn threads_named(comm: &str, seen: &mut std::collections::HashSet<u32>) {
    let Ok(dir) = std::fs::read_dir("/proc/self/task") else {
        return;
    };
    for entry in dir.flatten() {
        let Some(tid) = entry.file_name().to_str().and_then(|t| t.parse().ok()) else {
            continue;
        };
        if seen.contains(&tid) {
            continue;
        }
        let name = std::fs::read_to_string(entry.path().join("comm")).unwrap_or_default();
        if name.trim_end() == comm {
            seen.insert(tid);
        }
    }
}

/// 1,000 calls on one client to an IP-literal endpoint over one kept-alive
/// connection: no name lookup at all, and no thread started per call. A
/// sampler watches `/proc/self/task` for threads created by this test's
/// thread during the calls (ureq's default resolver started one per call);
/// only the loopback server's acceptor and connection threads may appear.
#[test]
fn a_thousand_calls_to_an_ip_literal_start_no_thread() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};

    let server = Server::start(|_, r| Reply::json(200, answer(r)));
    let c = client(&server).build().unwrap();
    let op = ShowConnectInfos::new(vec!["p1".to_owned()], ClientType::Android).unwrap();
    c.execute(&op).unwrap();

    let own = std::fs::read_to_string("/proc/thread-self/comm").unwrap_or_default();
    let own_tid = std::fs::read_link("/proc/thread-self")
        .ok()
        .and_then(|p| p.file_name()?.to_str()?.parse::<u32>().ok());
    let done = Arc::new(AtomicBool::new(false));
    let sampler = {
        let (done, own) = (done.clone(), own.trim_end().to_owned());
        std::thread::Builder::new()
            .name("tid-sampler".into())
            .spawn(move || {
                let mut seen = std::collections::HashSet::new();
                while !done.load(Ordering::SeqCst) {
                    threads_named(&own, &mut seen);
                }
                seen
            })
            .unwrap()
    };
    for _ in 0..1000 {
        assert_eq!(c.execute(&op).unwrap().connect_infos.len(), 1);
    }
    done.store(true, Ordering::SeqCst);
    let mut seen = sampler.join().unwrap();
    if let Some(tid) = own_tid {
        seen.remove(&tid);
    }
    assert_eq!(c.transport().name_lookups(), 0);
    assert_eq!(server.connections(), 1, "one kept-alive connection");
    // The server's acceptor and its one connection thread.
    assert!(
        seen.len() <= 2,
        "{} threads named like this test appeared during 1,000 calls",
        seen.len()
    );
}

/// A host name is looked up once for many calls within the cache's time to
/// live (ureq's default resolver ran `getaddrinfo` on a new thread every
/// call).
#[test]
fn a_host_name_is_looked_up_once_for_many_calls() {
    let server = Server::start(|_, r| Reply::json(200, answer(r)));
    let port = server.url().rsplit(':').next().unwrap().to_owned();
    let c = HuaweiClient::builder()
        .endpoint(format!("http://localhost:{port}"))
        .project_id(PID)
        .aksk(AK, SK)
        .retry(fast())
        .build()
        .unwrap();
    let op = ShowConnectInfos::new(vec!["p1".to_owned()], ClientType::Android).unwrap();
    for _ in 0..500 {
        assert_eq!(c.execute(&op).unwrap().connect_infos.len(), 1);
    }
    // One lookup (a slow machine may take longer than the 30 s TTL for 500
    // calls: then a second one, never one per call).
    let lookups = c.transport().name_lookups();
    assert!(
        (1..=2).contains(&lookups),
        "{lookups} lookups for 500 calls"
    );
    assert_eq!(server.seen(), 500);
}
