//! The `cloudphone` binary, run as a user runs it: the demo, real verbs
//! against a simulator started here, bad arguments, unreachable endpoints,
//! exit codes, `--json`, and that secrets never reach the output.
#![cfg(feature = "cli")]

#[path = "support/ports.rs"]
mod ports;

#[path = "support/loopback.rs"]
mod loopback;

/// Hostile values and servers: typed errors and exit codes, never a panic.
#[path = "cli/bounds.rs"]
mod bounds;

/// The help of every verb, snapshotted.
#[path = "cli/help.rs"]
mod help;

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Output, Stdio};
use std::time::Duration;

use cloudphone::sim::{Sim, SimConfig};

/// Environment variables the binary reads; cleared so the machine's own
/// settings cannot leak into a test.
const ENV: [&str; 14] = [
    "HUAWEICLOUD_SDK_AK",
    "HUAWEICLOUD_SDK_SK",
    "HUAWEICLOUD_SDK_SECURITY_TOKEN",
    "HUAWEICLOUD_SDK_PROJECT_ID",
    "HUAWEICLOUD_SDK_REGION",
    "CLOUDPHONE_HUAWEI_ENDPOINT",
    "CLOUDPHONE_HUAWEI_IAM_ENDPOINT",
    "CLOUDPHONE_HUAWEI_IAM_PASSWORD",
    "CLOUDPHONE_GEELARK_APP_ID",
    "CLOUDPHONE_GEELARK_API_KEY",
    "CLOUDPHONE_GEELARK_TOKEN",
    "CLOUDPHONE_GEELARK_ENDPOINT",
    "NO_COLOR",
    "CLOUDPHONE_PROFILE",
];

fn cloudphone() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_cloudphone"));
    for v in ENV {
        c.env_remove(v);
    }
    // The machine's own config file stays out of the tests too.
    c.env("CLOUDPHONE_CONFIG", "/nonexistent/cloudphone/config.json");
    c
}

fn run(c: &mut Command) -> (i32, String, String) {
    let Output {
        status,
        stdout,
        stderr,
    } = c.output().expect("the binary runs");
    (
        status.code().expect("exited, not killed"),
        String::from_utf8(stdout).unwrap(),
        String::from_utf8(stderr).unwrap(),
    )
}

/// A command pointed at `sim` for both providers, through the environment.
fn against(sim: &Sim) -> Command {
    let mut c = cloudphone();
    let hw = sim.huawei();
    let gl = sim.geelark();
    c.env("CLOUDPHONE_HUAWEI_ENDPOINT", sim.url())
        .env("HUAWEICLOUD_SDK_AK", &hw.access_key)
        .env("HUAWEICLOUD_SDK_SK", hw.secret_key.expose())
        .env("HUAWEICLOUD_SDK_PROJECT_ID", &hw.project_id)
        .env("CLOUDPHONE_GEELARK_ENDPOINT", sim.url())
        .env("CLOUDPHONE_GEELARK_APP_ID", &gl.app_id)
        .env("CLOUDPHONE_GEELARK_API_KEY", gl.api_key.expose());
    c
}

fn sim() -> Sim {
    Sim::start(
        SimConfig::default()
            .phones(120)
            .job_duration(Duration::from_millis(100)),
    )
    .unwrap()
}

#[test]
fn demo_runs_the_main_job() {
    // Jobs that end at once: the demo waits for them with a deadline, and a
    // stall of the machine longer than that deadline would print "running"
    // where "succeeded" is expected.
    let (code, out, err) = run(cloudphone().args(["demo", "--phones", "300", "--job-ms", "0"]));
    assert_eq!(code, 0, "stdout:\n{out}\nstderr:\n{err}");
    for expected in [
        "1. List the fleet",
        "2. Status of every phone",
        "600 phones accounted for; 0 without an answer",
        "3. Access info",
        "CPS.0022",
        "4. Restart",
        "succeeded",
        "5. Start",
        "43004 env is expired",
        "stopped",
        "Done in",
    ] {
        assert!(out.contains(expected), "missing {expected:?} in:\n{out}");
    }
    assert!(out.contains("ticket hidden") && !out.contains("ok, ticket"));
    assert!(err.is_empty(), "no progress bar outside a terminal: {err}");
}

#[test]
fn demo_json_parses() {
    let (code, out, _) =
        run(cloudphone().args(["demo", "--json", "--phones", "150", "--job-ms", "50"]));
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).expect("one JSON document");
    assert_eq!(v["fleet"]["huawei"], 150);
    assert_eq!(v["fleet"]["geelark"], 150);
    assert_eq!(v["geelark_unanswered"], 0);
    assert!(v["access_info"]["calls"].as_u64().unwrap() >= 3);
}

#[test]
fn bad_arguments_are_usage_errors() {
    for args in [
        vec![],
        vec!["huawei", "frobnicate"],
        vec!["geelark", "start"],
        vec!["huawei", "list", "--limit", "many"],
        vec!["--no-such-flag", "demo"],
    ] {
        let (code, out, err) = run(cloudphone().args(&args));
        assert_eq!(code, 2, "{args:?}: {out} {err}");
        assert!(
            err.starts_with("error:") || err.contains("Usage:"),
            "{args:?}: {err}"
        );
    }
    let (code, out, _) = run(cloudphone().arg("--help"));
    assert_eq!(code, 0);
    assert!(out.contains("Exit codes:"));
}

#[test]
fn unreachable_endpoint_is_one_clear_line_and_exit_7() {
    let secret = "SuperSecretKeyValue-0123456789abcdefghij";
    // Not a fixed port (port 9 may be served on some machine): one that
    // refuses connections for as long as the test runs.
    let refused = ports::RefusedPort::new();
    let (code, out, err) = run(cloudphone().args([
        "huawei",
        "list",
        "--endpoint",
        &refused.url(),
        "--ak",
        "SIMAKNOBODY",
        "--sk",
        secret,
        "--project-id",
        "p0",
        "--retries",
        "0",
        "--timeout",
        "5",
    ]));
    assert_eq!(code, 7, "{out} {err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("cloudphone: error: listing Huawei phones: "),
        "{err}"
    );
    assert!(err.contains("connect"), "{err}");
    assert!(!err.contains(secret) && !out.contains(secret));
    // With --json the same error is a document on stdout too.
    let (code, out, _) = run(cloudphone().args([
        "--json",
        "geelark",
        "status",
        "1",
        "--endpoint",
        &refused.url(),
        "--token",
        secret,
        "--retries",
        "0",
    ]));
    assert_eq!(code, 7);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["error"]["kind"], "transport");
    assert!(!out.contains(secret));
}

#[test]
fn missing_credentials_exit_3() {
    let (code, _, err) = run(cloudphone().args(["geelark", "status", "1"]));
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("CLOUDPHONE_GEELARK_APP_ID"), "{err}");
    let (code, _, err) = run(cloudphone().args(["huawei", "list"]));
    assert_eq!(code, 3, "{err}");
}

#[test]
fn real_verbs_against_the_simulator() {
    let sim = sim();
    // Huawei list, one page, JSON.
    let (code, out, err) = run(against(&sim).args(["--json", "huawei", "list", "--limit", "5"]));
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["phones"].as_array().unwrap().len(), 5);

    // Connect to 12 phones: two calls; tickets hidden unless asked.
    let ids: Vec<String> = sim.huawei_phone_ids().into_iter().take(12).collect();
    let (code, out, _) = run(against(&sim)
        .args(["--json", "huawei", "connect"])
        .args(&ids));
    assert!(code == 0 || code == 1);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["request_ids"].as_array().unwrap().len(), 2);
    let first = &v["connect_infos"][0];
    assert!(first["ticket"].as_str().unwrap().contains("hidden"));
    assert!(first["access_port"].is_u64());

    // Phone flavors: every page; in use only with --status 1.
    let (code, out, err) = run(against(&sim).args(["--json", "huawei", "flavors"]));
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let all = v["phone_models"].as_array().unwrap().len();
    let (_, out, _) = run(against(&sim).args(["huawei", "flavors", "--status", "1"]));
    assert!(
        out.contains("in use") && !out.contains("withdrawn"),
        "{out}"
    );
    assert_eq!(
        out.lines().count(),
        all + 1,
        "a header, a rule and every flavor but the withdrawn one: {out}"
    );

    // Fleet summary.
    let (code, out, _) = run(against(&sim).args(["huawei", "status"]));
    assert_eq!(code, 0);
    assert!(out.contains("120 Huawei phones"), "{out}");

    // Restart and wait; adb shell.
    let stopped: Vec<String> = {
        let (_, out, _) = run(against(&sim).args(["--json", "huawei", "list", "--status", "8"]));
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        v["phones"]
            .as_array()
            .unwrap()
            .iter()
            .take(2)
            .map(|p| p["phone_id"].as_str().unwrap().to_owned())
            .collect()
    };
    let (code, out, err) = run(against(&sim)
        .args(["huawei", "restart", "--wait"])
        .args(&stopped));
    assert!(code == 0 || code == 1, "{out}{err}");
    assert!(out.contains("succeeded") || out.contains("failed"), "{out}");
    let running = &sim.huawei_phone_ids()[0];
    let (code, out, _) =
        run(against(&sim).args(["huawei", "adb", running, "--shell", "echo hello"]));
    assert!(code == 0 || code == 1);
    assert!(out.contains("hello") || out.contains("CPS.0022"), "{out}");

    // GeeLark: status with an unknown id is a partial success (exit 1).
    let mut ids: Vec<String> = sim.geelark_phone_ids().into_iter().take(3).collect();
    ids.push("699999999999999999".into());
    let (code, out, _) = run(against(&sim)
        .args(["--json", "geelark", "status"])
        .args(&ids));
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["phones"].as_array().unwrap().len(), 3);
    assert_eq!(v["failed"][0]["code"], "42001");

    // Start and stop.
    let (code, out, _) = run(against(&sim).args(["geelark", "start"]).args(&ids[..3]));
    assert!(code == 0 || code == 1, "{out}");
    assert!(!out.contains("/_sim/view/"), "view URLs stay hidden: {out}");
    let (code, out, _) = run(against(&sim).args(["geelark", "stop"]).args(&ids[..3]));
    assert!(code == 0 || code == 1, "{out}");
}

#[test]
fn a_closed_pipe_ends_quietly_and_a_wait_that_times_out_names_what_is_pending() {
    // Enough phones that the table outgrows a pipe's buffer (64 KiB).
    let sim = Sim::start(
        SimConfig::default()
            .phones(2000)
            .job_duration(Duration::from_secs(600)),
    )
    .unwrap();
    let mut child = against(&sim)
        .args(["huawei", "list", "--all"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    {
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first)
            .unwrap();
        assert!(!first.is_empty());
    } // `| head -1`: the reading end closes here.
    let done = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&done.stderr);
    assert_eq!(done.status.code(), Some(141), "{err}");
    assert!(!err.contains("panicked"), "{err}");

    // A restart whose jobs outlast --wait-timeout: exit 10, the phones named.
    let (_, out, _) = run(against(&sim).args(["--json", "huawei", "list", "--status", "2"]));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let ids: Vec<String> = v["phones"].as_array().unwrap()[..3]
        .iter()
        .map(|p| p["phone_id"].as_str().unwrap().to_owned())
        .collect();
    let (code, out, err) = run(against(&sim)
        .args(["huawei", "restart", "--wait", "--wait-timeout", "1"])
        .args(&ids[..2]));
    assert_eq!(code, 10, "{out}{err}");
    assert!(
        err.contains("still pending") && ids[..2].iter().all(|i| err.contains(i)),
        "{err}"
    );
    let (code, out, err) = run(against(&sim)
        .args([
            "--json",
            "huawei",
            "restart",
            "--wait",
            "--wait-timeout",
            "1",
        ])
        .arg(&ids[2]));
    assert_eq!(code, 10, "{out}{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["pending"][0], ids[2].as_str(), "{out}");
}

#[test]
fn images_flavors_bandwidths_and_server_restarts_from_the_shell() {
    let sim = sim();
    let json = |args: &[&str]| {
        let (code, out, err) = run(against(&sim).arg("--json").args(args));
        assert_eq!(code, 0, "{args:?}: {out}{err}");
        serde_json::from_str::<serde_json::Value>(&out).unwrap()
    };
    assert_eq!(
        json(&["huawei", "images"])["phone_images"]
            .as_array()
            .unwrap()
            .len(),
        4
    );
    let custom = json(&["huawei", "images", "--custom", "--type", "private"]);
    assert_eq!(custom["images"][0]["image_name"], "sim-golden");
    let flavors = json(&["huawei", "flavors", "--servers"]);
    assert!(!flavors["server_models"].as_array().unwrap().is_empty());
    assert!(
        !json(&["huawei", "bandwidths"])["band_widths"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    let (_, out, _) = run(against(&sim).args(["--json", "huawei", "list"]));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let server = v["phones"][0]["server_id"].as_str().unwrap().to_owned();
    let restarted = json(&["huawei", "restart-servers", &server]);
    assert_eq!(restarted["jobs"][0]["id"], server.as_str());
    // Tags: add, read back, remove; the project's keys.
    let tagged = json(&[
        "huawei",
        "tags",
        &server,
        "--add",
        "owner=ops@x",
        "--add",
        "tier=gold",
    ]);
    let tags = tagged["tags"].as_array().unwrap();
    assert!(
        tags.iter()
            .any(|t| t["key"] == "owner" && t["value"] == "ops@x"),
        "{tagged}"
    );
    let after = json(&["huawei", "tags", &server, "--remove", "owner=ops@x"]);
    assert!(
        after["tags"]
            .as_array()
            .unwrap()
            .iter()
            .all(|t| t["key"] != "owner"),
        "{after}"
    );
    let keys = json(&["huawei", "tags"]);
    assert!(
        keys["tags"]
            .as_array()
            .unwrap()
            .iter()
            .any(|k| k["key"] == "tier"),
        "{keys}"
    );
    // Backups: a job per phone; restore the same way.
    let phone = v["phones"][0]["phone_id"].as_str().unwrap().to_owned();
    let backed = json(&[
        "huawei", "backup", &phone, "--bucket", "cph-bkt", "--object", "p.tar",
    ]);
    assert_eq!(backed["jobs"][0]["id"], phone.as_str());
    // Restoring replaces the phones' data: refused without a terminal to
    // ask on unless --yes, and nothing is sent.
    let (code, _, err) = run(against(&sim).args([
        "huawei", "restore", &phone, "--bucket", "cph-bkt", "--object", "p.tar",
    ]));
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("--yes") && err.contains("nothing was sent"),
        "{err}"
    );
    let restored = json(&[
        "huawei", "restore", &phone, "--bucket", "cph-bkt", "--object", "p.tar", "--yes",
    ]);
    assert_eq!(restored["jobs"][0]["id"], phone.as_str());
    // A wrong --type is a usage error; an unknown server fails with its code.
    let (code, _, _) = run(against(&sim).args(["huawei", "images", "--type", "mine"]));
    assert_eq!(code, 2);
    let (code, out, err) = run(against(&sim).args(["huawei", "restart-servers", "nope"]));
    assert_eq!(code, 4, "{out}{err}");
}

#[test]
fn geelark_tasks_proxies_apps_shell_and_callbacks_from_the_shell() {
    let sim = sim();
    let json = |args: &[&str]| {
        let (code, out, err) = run(against(&sim).arg("--json").args(args));
        assert_eq!(code, 0, "{args:?}: {out}{err}");
        serde_json::from_str::<serde_json::Value>(&out)
            .unwrap_or_else(|e| panic!("{args:?}: {e}: {out}"))
    };
    // Tasks: the 7-day history, one task with its logs, a cancel refused (exit 1).
    let tasks = json(&["geelark", "tasks"]);
    let all = tasks["tasks"].as_array().unwrap();
    assert!(all.len() >= 10, "{tasks}");
    let done = all.iter().find(|t| t["status"] == "completed").unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let detail = json(&["geelark", "task", &done]);
    assert!(detail["logs"].as_array().unwrap().len() >= 3, "{detail}");
    let (code, out, _) = run(against(&sim).args(["geelark", "cancel-tasks", &done]));
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("48001"), "{out}");
    // Proxies: the dead one is rejected by its check, the new one saved.
    let (code, out, err) = run(against(&sim).args([
        "geelark",
        "proxy-add",
        "socks5://u:secret-pw@203.0.113.60:1080",
        "http://192.0.2.9:3128",
    ]));
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        out.contains("saved as") && out.contains("check failed"),
        "{out}"
    );
    assert!(!out.contains("secret-pw") && !err.contains("secret-pw"));
    let proxies = json(&["geelark", "proxies"]);
    assert_eq!(proxies["proxies"].as_array().unwrap().len(), 4, "{proxies}");
    assert!(!proxies.to_string().contains("secret-pw"));
    // Apps: the shop gives a version id; install it on a running phone.
    let shop = json(&["geelark", "shop", "tik"]);
    let version = shop["apps"][0]["versions"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let phones = json(&["geelark", "status"]);
    let running = phones["phones"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["status"] == "running")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    json(&["geelark", "install", &running, &version]);
    let apps = json(&["geelark", "apps", &running]);
    assert_eq!(
        apps["apps"][0]["app_version_id"],
        version.as_str(),
        "{apps}"
    );
    let (code, out, err) = run(against(&sim).args(["geelark", "shell", &running, "echo", "hi"]));
    assert!(
        code == 0 && out.trim() == "hi" || err.contains("50001"),
        "{out}{err}"
    );
    // Callbacks: a local receiver, the simulator's signed events, verified.
    let mut listener = against(&sim)
        .args([
            "--json",
            "geelark",
            "callbacks",
            "listen",
            "--bind",
            "127.0.0.1:0",
            "--count",
            "1",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(listener.stdout.take().unwrap()).lines();
    let first: serde_json::Value = serde_json::from_str(&lines.next().unwrap().unwrap()).unwrap();
    let addr = first["listening"].as_str().unwrap().to_owned();
    json(&[
        "geelark",
        "callbacks",
        "set",
        &format!("http://{addr}/hook"),
    ]);
    assert_eq!(
        json(&["geelark", "callbacks", "get"])["url"],
        format!("http://{addr}/hook").as_str()
    );
    let (code, out, err) = run(against(&sim).args(["geelark", "restart", &running, "--wait", "0"]));
    assert_eq!(code, 0, "{out}{err}");
    let event: serde_json::Value = serde_json::from_str(&lines.next().unwrap().unwrap()).unwrap();
    assert_eq!(event["kind"], "phone_started", "{event}");
    assert_eq!(event["id"], running.as_str());
    assert!(listener.wait().unwrap().success());
}

#[test]
fn geelark_operator_verbs_from_the_shell() {
    let sim = sim();
    let json = |args: &[&str]| {
        let (code, out, err) = run(against(&sim).arg("--json").args(args));
        assert_eq!(code, 0, "{args:?}: {out}{err}");
        serde_json::from_str::<serde_json::Value>(&out)
            .unwrap_or_else(|e| panic!("{args:?}: {e}: {out}"))
    };
    let phones = json(&["geelark", "status"]);
    let phones = phones["phones"].as_array().unwrap();
    let with = |status: &str| {
        phones
            .iter()
            .filter(|p| p["status"] == status)
            .map(|p| p["id"].as_str().unwrap().to_owned())
            .collect::<Vec<_>>()
    };
    let (running, stopped) = (with("running"), with("stopped"));
    // A screenshot is taken and waited for; its link printed.
    let shot = json(&["geelark", "screenshot", &running[0]]);
    assert!(shot["download_link"].as_str().is_some(), "{shot}");
    // GPS set then read back; a position off the globe is a usage error.
    json(&["geelark", "gps-set", &running[0], "48.8566", "2.3522"]);
    let gps = json(&["geelark", "gps", &running[0]]);
    assert_eq!(gps["positions"][0]["latitude"], 48.8566, "{gps}");
    let (code, _, err) = run(against(&sim).args(["geelark", "gps-set", &running[0], "91", "0"]));
    assert_eq!(code, 3, "invalid input: {err}");
    // Groups and tags list every page.
    assert!(json(&["geelark", "groups"])["labels"].is_array());
    assert!(json(&["geelark", "tags"])["labels"].is_array());
    // Upload a file onto a running phone, and into the material library.
    let dir = std::env::temp_dir().join(format!("cloudphone-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let clip = dir.join("clip.mp4");
    std::fs::write(&clip, b"not really a video").unwrap();
    let up = json(&[
        "geelark",
        "upload",
        clip.to_str().unwrap(),
        "--to",
        &running[0],
    ]);
    assert_eq!(up["ok"], true, "{up}");
    let made = json(&["geelark", "material-add", clip.to_str().unwrap()]);
    let id = made["id"].as_str().unwrap().to_owned();
    let lib = json(&["geelark", "materials", "--name", "clip"]);
    assert_eq!(lib["materials"][0]["id"], id.as_str(), "{lib}");
    let (code, _, err) = run(against(&sim).args(["geelark", "upload", "/nonexistent/a.mp4"]));
    assert_eq!(code, 2, "{err}");
    std::fs::remove_dir_all(&dir).ok();
    // Analytics accounts and the wallet.
    assert!(json(&["geelark", "analytics-accounts", "--channel", "tiktok"])["accounts"].is_array());
    let wallet = json(&["geelark", "wallet"]);
    assert!(wallet["wallet"]["balance"].as_f64().is_some(), "{wallet}");
    // Delete refuses without --yes (nothing sent), then deletes.
    let (code, out, err) = run(against(&sim).args(["geelark", "delete", &stopped[0]]));
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains("--yes"), "{err}");
    let gone = json(&["geelark", "delete", &stopped[0], "--yes"]);
    assert_eq!(gone["deleted"][0]["id"], stopped[0].as_str(), "{gone}");
    let (code, out, _) = run(against(&sim).args(["geelark", "delete", &stopped[0], "--yes"]));
    assert_eq!(code, 4, "every id refused (42001): the API's code, {out}");
    assert!(out.contains("42001"), "{out}");
}

/// Ids from a file (`@path`) and from a pipe (`-`) reach the verb as if
/// typed; an unreadable file is a usage error before anything is sent.
#[test]
fn ids_from_a_file_and_from_standard_input() {
    use std::io::Write;
    let sim = sim();
    let ids: Vec<String> = sim.geelark_phone_ids().into_iter().take(3).collect();
    let dir = std::env::temp_dir().join(format!("cloudphone-ids-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("ids.txt");
    std::fs::write(&file, format!("# three phones\n{}\n", ids.join("\n"))).unwrap();
    let (code, out, err) = run(against(&sim).args([
        "--json",
        "geelark",
        "status",
        &format!("@{}", file.display()),
    ]));
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["phones"].as_array().unwrap().len(), 3, "{v}");
    let mut child = against(&sim)
        .args(["--json", "geelark", "status", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(ids[..2].join(" ").as_bytes())
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["phones"].as_array().unwrap().len(), 2, "{v}");
    let (code, _, err) = run(against(&sim).args(["geelark", "status", "@/nonexistent/ids"]));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("/nonexistent/ids"), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}

/// `--output tsv` prints tables as a header line and tab-separated rows;
/// `--output json` is `--json`; the two flags disagreeing is a usage error.
#[test]
fn output_formats() {
    let sim = sim();
    let ids: Vec<String> = sim.geelark_phone_ids().into_iter().take(3).collect();
    let (code, out, err) = run(against(&sim)
        .args(["--output", "tsv", "geelark", "status"])
        .args(&ids));
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 4, "{out}");
    let columns = lines[0].split('\t').count();
    assert!(columns >= 2, "{out}");
    assert!(
        lines.iter().all(|l| l.split('\t').count() == columns),
        "{out}"
    );
    assert!(
        lines[1..].iter().any(|l| l.starts_with(ids[0].as_str())),
        "{out}"
    );
    let (code, out, _) = run(against(&sim)
        .args(["--output", "json", "geelark", "status"])
        .args(&ids));
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["phones"].as_array().unwrap().len(), 3);
    let (code, _, err) =
        run(against(&sim).args(["--json", "--output", "tsv", "geelark", "status"]));
    assert_eq!(code, 2, "{err}");
}

/// `--dry-run` prints each request it would send, signed, with every
/// credential as `***`, sends nothing (the simulator sees no call) and
/// exits 0; the rest of the request is exactly what would go out.
#[test]
fn dry_run_prints_redacted_requests_and_sends_nothing() {
    let sim = sim();
    let before = sim.request_count();
    let ids: Vec<String> = sim.geelark_phone_ids().into_iter().take(2).collect();
    let (code, out, err) = run(against(&sim)
        .args(["geelark", "--dry-run", "stop"])
        .args(&ids));
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("POST ") && out.contains("/open/v1/phone/stop"),
        "{out}"
    );
    assert!(
        out.contains("sign: ***") && out.contains("appId: ***"),
        "{out}"
    );
    assert!(
        out.contains(&format!(r#"{{"ids":["{}","{}"]}}"#, ids[0], ids[1])),
        "{out}"
    );
    assert!(err.contains("nothing was sent"), "{err}");
    let key = sim.geelark().api_key.expose().to_owned();
    let (code, out, _) = run(against(&sim).args([
        "geelark",
        "--dry-run",
        "proxy-check",
        "socks5://u:proxy-secret@203.0.113.9:1080",
    ]));
    assert_eq!(code, 0);
    assert!(out.contains(r#""password":"***""#), "{out}");
    assert!(
        !out.contains("proxy-secret") && !out.contains(&key),
        "{out}"
    );
    let (code, out, _) = run(against(&sim).args(["huawei", "list", "--dry-run"]));
    assert_eq!(code, 0);
    assert!(
        out.contains("Authorization: ***") && out.contains("GET "),
        "{out}"
    );
    assert!(!out.contains(sim.huawei().secret_key.expose()), "{out}");
    assert_eq!(sim.request_count(), before, "a dry run sent something");
}

/// Profiles: credentials set (a secret through stdin) into a 0600 file,
/// never printed back, used by the verbs when no flag or variable is set,
/// chosen by --profile or CLOUDPHONE_PROFILE; the environment wins over a
/// profile; an unknown profile is a configuration error.
#[test]
fn profiles_in_the_config_file() {
    use std::io::Write;
    let sim = sim();
    let hw = sim.huawei();
    let dir = std::env::temp_dir().join(format!("cloudphone-config-{}", std::process::id()));
    let file = dir.join("sub").join("config.json");
    let with_config = || {
        let mut c = cloudphone();
        c.env("CLOUDPHONE_CONFIG", &file);
        c
    };
    let set = |profile: &str, key: &str, value: &str| {
        let (code, out, err) =
            run(with_config().args(["--profile", profile, "config", "set", key, value]));
        assert_eq!(code, 0, "{key}: {out}{err}");
    };
    for profile in ["default", "staging"] {
        set(profile, "huawei.endpoint", &sim.url());
        set(profile, "huawei.project_id", &hw.project_id);
        set(profile, "huawei.region", "cn-north-4");
        set(profile, "huawei.ak", &hw.access_key);
    }
    // The secret key through standard input, never on the command line.
    for profile in ["default", "staging"] {
        let mut child = with_config()
            .args(["--profile", profile, "config", "set", "huawei.sk", "-"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        writeln!(stdin, "{}", hw.secret_key.expose()).unwrap();
        drop(stdin);
        assert!(child.wait().unwrap().success());
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "config file mode {mode:o}");
    }
    let (code, listed, _) = run(with_config().args(["config", "list"]));
    assert_eq!(code, 0);
    assert!(
        listed.contains("staging") && listed.contains("huawei.sk"),
        "{listed}"
    );
    assert!(!listed.contains(hw.secret_key.expose()) && !listed.contains(&hw.access_key));
    let (_, got, _) = run(with_config().args(["config", "get", "huawei.sk"]));
    assert_eq!(got.trim(), "***");
    let (_, got, _) = run(with_config().args(["config", "get", "huawei.region"]));
    assert_eq!(got.trim(), "cn-north-4");
    // The verbs use the profile: default, --profile, CLOUDPHONE_PROFILE.
    for extra in [vec![], vec!["--profile", "staging"]] {
        let (code, out, err) = run(with_config()
            .args(["--json", "huawei", "list"])
            .args(&extra));
        assert_eq!(code, 0, "{extra:?}: {out}{err}");
    }
    let (code, _, err) = run(with_config()
        .env("CLOUDPHONE_PROFILE", "staging")
        .args(["huawei", "list"]));
    assert_eq!(code, 0, "{err}");
    // The environment wins over the profile (here: a wrong secret).
    let (code, _, err) = run(with_config()
        .env("HUAWEICLOUD_SDK_AK", &hw.access_key)
        .env(
            "HUAWEICLOUD_SDK_SK",
            "WrongSecretKey-0123456789abcdefghijklmnop",
        )
        .args(["huawei", "list", "--retries", "0"]));
    assert_eq!(code, 5, "{err}");
    let (code, _, err) = run(with_config().args(["--profile", "nope", "huawei", "list"]));
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("nope"), "{err}");
    let (code, _, err) = run(with_config().args(["config", "set", "huawei.colour", "x"]));
    assert_eq!(code, 2, "{err}");
    // An IAM user in a profile: a token from the simulator's IAM instead of
    // AK/SK (the profile's wrong AK/SK would fail); the password is a secret.
    set("iam", "huawei.endpoint", &sim.url());
    set("iam", "huawei.iam_endpoint", &sim.url());
    set("iam", "huawei.project_id", &hw.project_id);
    set("iam", "huawei.iam_user", &hw.iam_user);
    set("iam", "huawei.iam_domain", &hw.iam_domain);
    let iam = |extra: &[&str]| {
        run(with_config()
            .args(["--profile", "iam", "huawei", "list", "--retries", "0"])
            .args(extra))
    };
    let (code, _, err) = iam(&[]);
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("huawei.iam_password"), "{err}");
    set("iam", "huawei.iam_password", hw.iam_password.expose());
    set("iam", "huawei.ak", &hw.access_key);
    set(
        "iam",
        "huawei.sk",
        "WrongSecretKey-0123456789abcdefghijklmnop",
    );
    let (code, out, err) = iam(&[]);
    assert_eq!(code, 0, "{out}{err}");
    let (_, got, _) =
        run(with_config().args(["--profile", "iam", "config", "get", "huawei.iam_password"]));
    assert_eq!(got.trim(), "***");
    // The environment wins over the profile's IAM user: its AK/SK are used
    // (here a wrong secret, so the call fails with 5).
    let (code, _, err) = run(with_config()
        .env("HUAWEICLOUD_SDK_AK", &hw.access_key)
        .env(
            "HUAWEICLOUD_SDK_SK",
            "WrongSecretKey-0123456789abcdefghijklmnop",
        )
        .args(["--profile", "iam", "huawei", "list", "--retries", "0"]));
    assert_eq!(code, 5, "{err}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn auth_failure_names_code_and_request_id_and_exits_5() {
    let sim = sim();
    let wrong = "WrongSecretKey-0123456789abcdefghijklmnop";
    let (code, out, err) = run(against(&sim).env("HUAWEICLOUD_SDK_SK", wrong).args([
        "huawei",
        "list",
        "--retries",
        "0",
    ]));
    assert_eq!(code, 5, "{out}{err}");
    assert!(
        err.contains("APIGW.0301") && err.contains("request id"),
        "{err}"
    );
    assert!(!err.contains(wrong));
    let (code, _, err) = run(against(&sim)
        .env("CLOUDPHONE_GEELARK_API_KEY", "nope")
        .args(["geelark", "list", "--retries", "0"]));
    assert_eq!(code, 5, "{err}");
    assert!(err.contains("40003"), "{err}");
}

/// Kills and reaps the child when dropped, also when the test fails half-way
/// (a `cloudphone sim` left running outlives the test run).
struct KillOnDrop(Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn sim_command_prints_url_and_credentials() {
    let mut child = KillOnDrop(
        cloudphone()
            .args(["--json", "sim", "--phones", "30"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let mut reader = BufReader::new(child.0.stdout.take().unwrap());
    let mut doc = String::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap() == 0 {
            break;
        }
        doc.push_str(&line);
        if line == "}\n" {
            break;
        }
    }
    let v: serde_json::Value = serde_json::from_str(&doc).expect("credentials JSON");
    let url = v["url"].as_str().unwrap().to_owned();
    // Its credentials work from a second process.
    let (code, out, err) = run(cloudphone()
        .env("CLOUDPHONE_GEELARK_ENDPOINT", &url)
        .env(
            "CLOUDPHONE_GEELARK_TOKEN",
            v["geelark"]["token"].as_str().unwrap(),
        )
        .args(["geelark", "status"]));
    drop(child);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("30 GeeLark phones"), "{out}");
}

/// Issue 11 item 6: a server that echoes the request's headers (signature,
/// security token, GeeLark `sign` and key, bearer token) and a connection
/// ticket in its error bodies gets none of them into the CLI's output,
/// plain or `--json`, for either provider.
#[test]
fn echoed_credentials_never_reach_cli_output() {
    use loopback::{Reply, Server};
    const SK: &str = "PLANTEDsecretkey0123456789abcdefghij";
    const TOKEN: &str = "PLANTEDsecuritytoken-0123456789";
    const API_KEY: &str = "PLANTEDapikey0123456789";
    const TICKET: &str = "PLANTEDticket-0123456789";
    let server = Server::start(|n, req| {
        let lines: String = req
            .headers
            .iter()
            .map(|(k, v)| format!("{k}: {v}\r\n"))
            .collect();
        let json: serde_json::Map<String, serde_json::Value> = req
            .headers
            .iter()
            .map(|(k, v)| (k.clone(), v.clone().into()))
            .collect();
        match n % 3 {
            0 => Reply::json(502, format!("Bad gateway; the request was:\r\n{lines}")),
            1 => Reply::json(
                400,
                format!(
                    r#"{{"headers":{},"connect_infos":[{{"phone_id":"p1","access_info":{{"ticket":"{TICKET}"}}}}]}}"#,
                    serde_json::Value::Object(json)
                ),
            ),
            _ => Reply::json(
                403,
                format!("<html><pre>{lines}ticket={TICKET}</pre></html>"),
            ),
        }
    });
    let mut secrets = vec![SK, TOKEN, API_KEY, TICKET];
    secrets.push("PLANTED");
    let mut checked = 0;
    for json in [false, true] {
        for args in [
            &["huawei", "list"][..],
            &["huawei", "connect", "p1", "p2"],
            &["geelark", "status", "1", "2"],
        ] {
            for _ in 0..3 {
                let mut c = cloudphone();
                c.env("CLOUDPHONE_HUAWEI_ENDPOINT", server.url())
                    .env("HUAWEICLOUD_SDK_AK", "HPUAEXAMPLEAK0000001")
                    .env("HUAWEICLOUD_SDK_SK", SK)
                    .env("HUAWEICLOUD_SDK_SECURITY_TOKEN", TOKEN)
                    .env(
                        "HUAWEICLOUD_SDK_PROJECT_ID",
                        "0a1b2c3d4e5f60718293a4b5c6d7e8f9",
                    )
                    .env("CLOUDPHONE_GEELARK_ENDPOINT", server.url())
                    .env("CLOUDPHONE_GEELARK_APP_ID", "APPID0001")
                    .env("CLOUDPHONE_GEELARK_API_KEY", API_KEY);
                if json {
                    c.arg("--json");
                }
                let (code, out, err) = run(c.args(args).args(["--retries", "0"]));
                assert_ne!(code, 0, "{args:?}: {out}{err}");
                let all = format!("{out}{err}");
                assert!(
                    all.contains("HTTP 4") || all.contains("HTTP 5") || all.contains("40"),
                    "{args:?}: {all}"
                );
                for s in &secrets {
                    assert!(!all.contains(s), "{args:?} (json {json}): {s} leaks: {all}");
                }
                checked += 1;
            }
        }
    }
    assert_eq!(checked, 18);
    assert!(server.seen() >= 18);
}
