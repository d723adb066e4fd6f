//! (Included by `cli_commands.rs`.) The `cloudphone` binary under hostile values and servers (issue 12,
//! items 3, 5 and 7): absurd durations and counts are typed errors (never a
//! panic, exit 101), endless listings stop at `--max-pages`/`--max-items`,
//! and a batch where every id failed exits with the failures' code.

use std::process::Command;
use std::time::Duration;

use super::loopback::{Reply, Server};
use super::{cloudphone, run};
use cloudphone::sim::{Sim, SimConfig};

fn huawei_at(url: &str) -> Command {
    let mut c = cloudphone();
    c.env("CLOUDPHONE_HUAWEI_ENDPOINT", url)
        .env("HUAWEICLOUD_SDK_AK", "HPUAEXAMPLEAK0000001")
        .env(
            "HUAWEICLOUD_SDK_SK",
            "ExampleSecretKey0123456789abcdefghijklmn",
        )
        .env(
            "HUAWEICLOUD_SDK_PROJECT_ID",
            "0a1b2c3d4e5f60718293a4b5c6d7e8f9",
        );
    c
}

fn geelark_at(url: &str) -> Command {
    let mut c = cloudphone();
    c.env("CLOUDPHONE_GEELARK_ENDPOINT", url)
        .env("CLOUDPHONE_GEELARK_APP_ID", "APPID01")
        .env("CLOUDPHONE_GEELARK_API_KEY", "APIKEY0123456789");
    c
}

fn no_panic(code: i32, err: &str) {
    assert_ne!(code, 101, "panicked: {err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn absurd_counts_and_durations_are_errors_not_panics() {
    let url = "http://127.0.0.1:9";
    // Usage errors (exit 2), before anything is sent.
    for args in [
        vec!["huawei", "list", "--retries", "4294967295"],
        vec!["huawei", "list", "--retries", "100"],
        vec!["geelark", "status", "1", "--parallel", "100000"],
        vec!["geelark", "status", "1", "--parallel", "0"],
        vec!["huawei", "list", "--all", "--max-pages", "0"],
        vec!["geelark", "list", "--all", "--max-items", "0"],
    ] {
        let (code, out, err) = run(huawei_at(url).args(&args));
        no_panic(code, &err);
        assert_eq!(code, 2, "{args:?}: {out}{err}");
        assert!(err.contains("invalid value"), "{args:?}: {err}");
    }
    // A timeout too long for the client: a configuration error (exit 3).
    let (code, _, err) =
        run(huawei_at(url).args(["huawei", "list", "--timeout", "18446744073709551615"]));
    no_panic(code, &err);
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("timeout"), "{err}");
}

#[test]
fn restart_wait_with_a_huge_timeout_prints_its_jobs() {
    let sim = Sim::start(
        SimConfig::default()
            .phones(4)
            .job_duration(Duration::from_millis(50)),
    )
    .unwrap();
    let hw = sim.huawei();
    let ids: Vec<String> = sim.huawei_phone_ids().into_iter().take(2).collect();
    let (code, out, err) = run(cloudphone()
        .env("CLOUDPHONE_HUAWEI_ENDPOINT", sim.url())
        .env("HUAWEICLOUD_SDK_AK", &hw.access_key)
        .env("HUAWEICLOUD_SDK_SK", hw.secret_key.expose())
        .env("HUAWEICLOUD_SDK_PROJECT_ID", &hw.project_id)
        .args([
            "--json",
            "huawei",
            "restart",
            "--wait",
            "--wait-timeout",
            "18446744073709551615",
        ])
        .args(&ids));
    no_panic(code, &err);
    assert!(code == 0 || code == 1, "{out}{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["jobs"].as_array().unwrap().len(), 2, "{out}");
    assert!(!v["request_ids"].as_array().unwrap().is_empty(), "{out}");
}

#[test]
fn endless_listings_stop_with_a_named_bound() {
    // Huawei: `count` never reached, fresh ids on every page.
    let server = Server::start(|n, _| {
        let phones: Vec<String> = (n * 200..n * 200 + 200)
            .map(|i| format!(r#"{{"phone_id":"p{i}","status":2}}"#))
            .collect();
        Reply::json(
            200,
            format!(
                r#"{{"request_id":"r","count":99999999999,"phones":[{}]}}"#,
                phones.join(",")
            ),
        )
    });
    let (code, out, err) = run(huawei_at(&server.url()).args([
        "--no-progress",
        "huawei",
        "list",
        "--all",
        "--max-pages",
        "3",
    ]));
    no_panic(code, &err);
    assert_eq!(code, 8, "{out}{err}");
    assert!(err.contains("max_pages"), "{err}");
    assert_eq!(server.seen(), 3);

    let (code, _, err) = run(huawei_at(&server.url()).args([
        "--no-progress",
        "huawei",
        "status",
        "--max-items",
        "500",
    ]));
    assert_eq!(code, 8, "{err}");
    assert!(err.contains("max_items"), "{err}");

    // GeeLark: `total` never reached, the same page every time.
    let server = Server::start(|_, _| {
        Reply::json(
            200,
            r#"{"traceId":"T","code":0,"msg":"success","data":{"total":1000000,"page":1,"pageSize":100,"items":[{"id":"1","status":0},{"id":"2","status":0}]}}"#,
        )
    });
    let (code, out, err) =
        run(geelark_at(&server.url()).args(["--json", "geelark", "list", "--all"]));
    no_panic(code, &err);
    assert_eq!(code, 8, "{out}{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["error"]["kind"], "limit_exceeded", "{out}");
    assert!(
        v["error"]["message"]
            .as_str()
            .unwrap()
            .contains("no_progress")
    );
    assert_eq!(server.seen(), 2);
}

#[test]
fn every_id_failed_exits_with_the_failures_code() {
    let sim = Sim::start(SimConfig::default().phones(3)).unwrap();
    let gl = sim.geelark();
    let geelark = || {
        let mut c = cloudphone();
        c.env("CLOUDPHONE_GEELARK_ENDPOINT", sim.url())
            .env("CLOUDPHONE_GEELARK_APP_ID", &gl.app_id)
            .env("CLOUDPHONE_GEELARK_API_KEY", gl.api_key.expose());
        c
    };
    // Every id unknown: the provider's error (4), not "partial" (1).
    let (code, out, err) = run(geelark().args([
        "--json",
        "geelark",
        "status",
        "699999999999999991",
        "699999999999999992",
    ]));
    assert_eq!(code, 4, "{out}{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["failed"].as_array().unwrap().len(), 2);
    // One known, one unknown: partial (1).
    let known = sim.geelark_phone_ids()[0].clone();
    let (code, _, err) = run(geelark().args(["geelark", "status", &known, "699999999999999991"]));
    assert_eq!(code, 1, "{err}");
}
