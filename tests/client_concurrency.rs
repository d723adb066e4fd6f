//! Many threads sharing one client; the IAM token cache under contention.
#![cfg(feature = "client")]

#[path = "support/loopback.rs"]
mod loopback;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use cloudphone::ErrorKind;
use cloudphone::client::{GeeLarkClient, HuaweiClient, HuaweiClientBuilder, NoJitter, RetryPolicy};
use cloudphone::huawei::ClientType;
use loopback::{Recorded, Reply, Server};

const PID: &str = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";

fn fast() -> RetryPolicy {
    RetryPolicy::default()
        .base_delay(Duration::from_millis(1))
        .max_delay(Duration::from_millis(5))
        .jitter(NoJitter)
}

/// An IAM + CPH server. Token `n` (1-based) expires `lifetime` seconds from
/// issue; CPH accepts tokens numbered `first_valid` and later, and answers
/// 401 to older ones. Counts token requests.
struct Iam {
    server: Server,
    tokens: Arc<AtomicUsize>,
}

fn iam(lifetime: u64, first_valid: usize, iam_delay: Duration) -> Iam {
    let tokens = Arc::new(AtomicUsize::new(0));
    let t = tokens.clone();
    let server = Server::start(move |_, r: &Recorded| {
        if r.path.starts_with("/v3/auth/tokens") {
            assert_eq!(r.json()["auth"]["identity"]["methods"][0], "password");
            let n = t.fetch_add(1, Ordering::SeqCst) + 1;
            let expires = loopback::rfc3339(loopback::unix_now() + lifetime);
            return Reply::Http {
                status: 201,
                headers: vec![
                    ("X-Subject-Token".into(), format!("tok-{n}")),
                    ("Content-Type".into(), "application/json".into()),
                ],
                body: format!(r#"{{"token":{{"expires_at":"{expires}","project":{{"id":"{PID}","name":"cn-north-4"}}}}}}"#)
                    .into_bytes(),
            }
            .delayed(iam_delay);
        }
        let tok = r.header("x-auth-token").unwrap_or("");
        let n: usize = tok.trim_start_matches("tok-").parse().unwrap_or(0);
        if n < first_valid {
            return Reply::json(
                401,
                r#"{"error_code":"APIGW.0301","error_msg":"The token must be updated."}"#,
            );
        }
        assert!(r.path.starts_with(&format!("/v1/{PID}/")), "{}", r.path);
        let id = &r.ids("phone_ids")[0];
        Reply::json(
            200,
            format!(
                r#"{{"request_id":"r","connect_infos":[{{"phone_id":"{id}","access_info":{{}}}}],"errors":[]}}"#
            ),
        )
    });
    Iam { server, tokens }
}

fn client(s: &Server) -> HuaweiClientBuilder {
    HuaweiClient::builder()
        .endpoint(s.url())
        .iam_endpoint(s.url())
        .iam_password("user", "pa55word", "account")
        .retry(fast())
}

#[test]
fn many_threads_share_one_client_and_fetch_one_token() {
    let iam = iam(24 * 3600, 1, Duration::from_millis(100));
    let c = client(&iam.server).project_id(PID).build().unwrap();
    std::thread::scope(|s| {
        for t in 0..16 {
            let c = c.clone();
            s.spawn(move || {
                for i in 0..10 {
                    let out = c
                        .batch_connection([format!("p{t}-{i}")], ClientType::Android)
                        .unwrap();
                    assert!(out.is_complete_success());
                }
            });
        }
    });
    assert_eq!(iam.tokens.load(Ordering::SeqCst), 1);
    assert_eq!(iam.server.seen(), 1 + 160);
    // The password went to IAM only, never into a log-able form.
    assert!(!format!("{c:?}").contains("pa55word"));
}

#[test]
fn a_401_refreshes_the_token_once() {
    // Token 1 is refused: the call refreshes once and succeeds.
    let iam = iam(24 * 3600, 2, Duration::ZERO);
    let c = client(&iam.server).project_id(PID).build().unwrap();
    let out = c.batch_connection(["p"], ClientType::Android).unwrap();
    assert!(out.is_complete_success());
    assert_eq!(iam.tokens.load(Ordering::SeqCst), 2);
    // IAM, CPH (401), IAM, CPH (200).
    assert_eq!(iam.server.seen(), 4);
}

#[test]
fn a_401_refreshes_the_token_once_under_contention() {
    // All threads start without a token, wait for token 1, are refused with
    // it, and share the one refresh to token 2.
    let iam = iam(24 * 3600, 2, Duration::from_millis(50));
    let c = client(&iam.server).project_id(PID).build().unwrap();
    std::thread::scope(|s| {
        for t in 0..8 {
            let c = c.clone();
            s.spawn(move || {
                let out = c
                    .batch_connection([format!("p{t}")], ClientType::Android)
                    .unwrap();
                assert!(out.is_complete_success());
            });
        }
    });
    assert_eq!(iam.tokens.load(Ordering::SeqCst), 2);
}

#[test]
fn the_token_is_refreshed_before_it_expires() {
    // Tokens live 10 minutes. With a 5-minute margin one token serves all
    // calls; with a 30-minute margin every call finds it about to expire.
    let iam1 = iam(600, 1, Duration::ZERO);
    let c = client(&iam1.server)
        .project_id(PID)
        .token_refresh_margin(Duration::from_secs(300))
        .build()
        .unwrap();
    for i in 0..3 {
        c.batch_connection([format!("p{i}")], ClientType::Android)
            .unwrap();
    }
    assert_eq!(iam1.tokens.load(Ordering::SeqCst), 1);

    let iam2 = iam(600, 1, Duration::ZERO);
    let c = client(&iam2.server)
        .region("cn-north-4")
        .token_refresh_margin(Duration::from_secs(1800))
        .build()
        .unwrap();
    for i in 0..3 {
        c.batch_connection([format!("p{i}")], ClientType::Android)
            .unwrap();
    }
    assert_eq!(iam2.tokens.load(Ordering::SeqCst), 3);
    // Scoped by the region's project name, and the project id taken from the token.
    let first = &iam2.server.requests()[0];
    assert_eq!(
        first.json()["auth"]["scope"]["project"]["name"],
        "cn-north-4"
    );
}

#[test]
fn a_failing_token_request_fails_every_waiter_without_hanging() {
    let server = Server::start(|_, r| {
        if r.path.starts_with("/v3/auth/tokens") {
            Reply::json(
                401,
                r#"{"error":{"code":"401","message":"The username or password is wrong.","title":"Unauthorized"}}"#,
            )
            .delayed(Duration::from_millis(50))
        } else {
            Reply::json(500, "unexpected")
        }
    });
    let c = client(&server).project_id(PID).build().unwrap();
    let errors = std::thread::scope(|s| {
        let hs: Vec<_> = (0..8)
            .map(|t| {
                let c = c.clone();
                s.spawn(move || {
                    c.execute(
                        &cloudphone::huawei::ShowConnectInfos::new(
                            [format!("p{t}")],
                            ClientType::Android,
                        )
                        .unwrap(),
                    )
                    .unwrap_err()
                })
            })
            .collect();
        hs.into_iter()
            .map(|h| h.join().unwrap())
            .collect::<Vec<_>>()
    });
    for e in &errors {
        assert_eq!(e.kind(), ErrorKind::Auth, "{e}");
        assert!(!e.to_string().contains("pa55word"));
    }
    // Waiters share a failed refresh; nothing reached CPH.
    assert!(server.seen() <= 8, "{}", server.seen());
    assert!(
        server
            .requests()
            .iter()
            .all(|r| r.path.starts_with("/v3/auth/tokens"))
    );
}

#[test]
fn many_threads_share_a_geelark_client() {
    let server = Server::start(|_, r| {
        let ids = r.ids("ids");
        let ok: Vec<String> = ids
            .iter()
            .map(|i| format!(r#"{{"id":"{i}","status":2}}"#))
            .collect();
        Reply::json(
            200,
            format!(
                r#"{{"code":0,"msg":"ok","data":{{"successDetails":[{}],"failDetails":[]}}}}"#,
                ok.join(",")
            ),
        )
    });
    let c = GeeLarkClient::builder()
        .endpoint(server.url())
        .key("app", "key")
        .retry(fast())
        .max_in_flight(2)
        .build()
        .unwrap();
    std::thread::scope(|s| {
        for t in 0..8 {
            let c = c.clone();
            s.spawn(move || {
                let ids: Vec<String> = (0..250).map(|i| format!("{t}{i:05}")).collect();
                let out = c.phone_status(ids).unwrap();
                assert_eq!(out.succeeded.len(), 250);
            });
        }
    });
    assert_eq!(server.seen(), 8 * 3);
}
