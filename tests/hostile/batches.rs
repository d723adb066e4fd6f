//! (Included by `client_bounds.rs`.) Batches through the real client against a loopback server that answers
//! one call with the ids of the others ("cross-call ids") and resets the
//! calls that carried them. The issue's reproductions: before the per-call
//! merge, restart of 6 ids (2 per call), batch-connection of 30 and GeeLark
//! status of 250 all came back fully succeeded on the first call's word.
//! Now each id is credited only by its own call's answer: ids of the reset
//! calls come back failed with their own call's error, and the first
//! answer's foreign mentions are reported as unexpected.
use std::time::Duration;

use super::loopback::{After, Recorded, Reply, Server};
use cloudphone::client::{GeeLarkClient, HuaweiClient, NoJitter, RetryPolicy};
use cloudphone::huawei::ClientType;
use cloudphone::huawei::lifecycle::RestartPhones;
use cloudphone::{BatchItem, BatchOutcome, ErrorKind};

const PID: &str = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";

fn fast() -> RetryPolicy {
    RetryPolicy::default()
        .max_attempts(2)
        .base_delay(Duration::from_millis(1))
        .max_delay(Duration::from_millis(2))
        .jitter(NoJitter)
}

fn huawei(server: &Server) -> HuaweiClient {
    HuaweiClient::builder()
        .endpoint(server.url())
        .project_id(PID)
        .aksk(
            "HPUAEXAMPLEAK0000001",
            "ExampleSecretKey0123456789abcdefghijklmn",
        )
        .retry(fast())
        .max_in_flight(1)
        .build()
        .unwrap()
}

fn reset() -> Reply {
    Reply::Raw {
        bytes: Vec::new(),
        after: After::Reset,
    }
}

fn ids(prefix: &str, n: usize) -> Vec<String> {
    (1..=n).map(|i| format!("{prefix}{i}")).collect()
}

/// Every requested id exactly once; the first `credited` succeeded, the rest
/// failed with a transport error of their own call; the rest also listed as
/// the first answer's unexpected ids.
fn assert_credited_per_call<T: BatchItem>(out: &BatchOutcome<T>, all: &[String], credited: usize) {
    let ok: Vec<&str> = out.succeeded.iter().map(BatchItem::item_id).collect();
    assert_eq!(
        ok,
        all[..credited]
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>()
    );
    let failed: Vec<&str> = out.failed.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(
        failed,
        all[credited..]
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>()
    );
    assert!(
        out.failed.iter().all(|f| f.kind == ErrorKind::Transport),
        "{:?}",
        out.failed.first()
    );
    assert!(out.missing.is_empty());
    assert_eq!(out.unexpected, &all[credited..]);
    assert_eq!(out.total(), all.len());
}

/// The ids a request carried: `phone_ids` / `ids` arrays, or Huawei's
/// `phones: [{"phone_id": ...}]`.
fn carried(req: &Recorded, key: &str) -> Vec<String> {
    if key == "phones" {
        let body = req.json();
        return body["phones"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|p| p["phone_id"].as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default();
    }
    req.ids(key)
}

/// Answers the call carrying `first` with items for `all`, resets the rest.
fn first_call_answers_for_all(
    key: &'static str,
    first: &'static str,
    answer: impl Fn(&[String]) -> String + Send + Sync + 'static,
    all: Vec<String>,
) -> Server {
    Server::start(move |_, req: &Recorded| {
        if carried(req, key).iter().any(|i| i == first) {
            Reply::json(200, answer(&all))
        } else {
            reset()
        }
    })
}

#[test]
fn restart_credits_only_the_ids_its_call_carried() {
    let all = ids("p", 6);
    let server = first_call_answers_for_all(
        "phones",
        "p1",
        |all| {
            let jobs: Vec<String> = all
                .iter()
                .map(|i| format!(r#"{{"phone_id":"{i}","job_id":"job-{i}"}}"#))
                .collect();
            format!(r#"{{"request_id":"r1","jobs":[{}]}}"#, jobs.join(","))
        },
        all.clone(),
    );
    let c = huawei(&server);
    let out = c
        .batch(all.clone(), 2, |ids| {
            RestartPhones::new(ids.iter().cloned())
        })
        .unwrap();
    assert_credited_per_call(&out, &all, 2);
    // Restart is not idempotent: a reset after sending is not retried.
    assert_eq!(server.seen(), 3);
}

#[test]
fn batch_connection_credits_only_the_ids_its_call_carried() {
    let all = ids("hw", 30);
    let server = first_call_answers_for_all(
        "phone_ids",
        "hw1",
        |all| {
            let infos: Vec<String> = all
                .iter()
                .map(|i| {
                    format!(
                        r#"{{"phone_id":"{i}","access_info":{{"access_ip":"10.0.0.1","access_port":"30001","session_id":"s","ticket":"t"}}}}"#
                    )
                })
                .collect();
            format!(
                r#"{{"request_id":"r1","connect_infos":[{}],"errors":[]}}"#,
                infos.join(",")
            )
        },
        all.clone(),
    );
    let c = huawei(&server);
    let out = c
        .batch_connection(all.clone(), ClientType::Android)
        .unwrap();
    assert_credited_per_call(&out, &all, 10);
    // Calls 2 and 3 are reads: each tried twice (max_attempts 2).
    assert_eq!(server.seen(), 1 + 2 * 2);
}

#[test]
fn geelark_status_credits_only_the_ids_its_call_carried() {
    let all: Vec<String> = (1..=250).map(|i| format!("{}", 1_000_000 + i)).collect();
    let server = first_call_answers_for_all(
        "ids",
        "1000001",
        |all| {
            let ok: Vec<String> = all
                .iter()
                .map(|i| format!(r#"{{"id":"{i}","serialName":"n{i}","status":0}}"#))
                .collect();
            format!(
                r#"{{"traceId":"T","code":0,"msg":"success","data":{{"totalAmount":{n},"successAmount":{n},"failAmount":0,"successDetails":[{}],"failDetails":[]}}}}"#,
                ok.join(","),
                n = all.len()
            )
        },
        all.clone(),
    );
    let c = GeeLarkClient::builder()
        .endpoint(server.url())
        .key(
            "APPID0000000000000000001",
            "APIKEY000000000000000000000000001",
        )
        .retry(fast())
        .max_in_flight(1)
        .build()
        .unwrap();
    let out = c.phone_status(all.clone()).unwrap();
    assert_credited_per_call(&out, &all, 100);
    assert_eq!(server.seen(), 1 + 2 * 2);
}

/// In-flight calls answer in any order: with 3 calls at once, whichever
/// answers first cannot vouch for the others either.
#[test]
fn cross_call_answers_are_ignored_whatever_the_order() {
    let all = ids("q", 6);
    let all2 = all.clone();
    let server = Server::start(move |_, req: &Recorded| {
        let carried = carried(req, "phones");
        // Every call answers with jobs for all six, but marks its own ids'
        // jobs with its own first id, so a wrong credit is visible.
        let jobs: Vec<String> = all2
            .iter()
            .map(|i| format!(r#"{{"phone_id":"{i}","job_id":"from-{}"}}"#, carried[0]))
            .collect();
        Reply::json(
            200,
            format!(r#"{{"request_id":"r","jobs":[{}]}}"#, jobs.join(",")),
        )
    });
    let c = HuaweiClient::builder()
        .endpoint(server.url())
        .project_id(PID)
        .aksk(
            "HPUAEXAMPLEAK0000001",
            "ExampleSecretKey0123456789abcdefghijklmn",
        )
        .retry(fast())
        .max_in_flight(3)
        .build()
        .unwrap();
    let out = c
        .batch(all.clone(), 2, |ids| {
            RestartPhones::new(ids.iter().cloned())
        })
        .unwrap();
    assert_eq!(out.succeeded.len(), 6);
    for (k, job) in out.succeeded.iter().enumerate() {
        let call_first = &all[k / 2 * 2];
        assert_eq!(job.job_id, format!("from-{call_first}"), "{job:?}");
    }
    assert_eq!(out.unexpected.len(), 6, "each id named by another call");
    assert_eq!(server.seen(), 3);
}
