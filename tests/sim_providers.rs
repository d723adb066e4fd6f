//! The simulator against the crate's own client: authentication as the
//! services check it, the documented limits and partial failures, jobs over
//! time, determinism, and the fault knobs.
#![cfg(all(feature = "sim", feature = "client"))]

use std::time::{Duration, Instant};

use cloudphone::client::{GeeLarkClient, HuaweiClient, NoJitter, RetryPolicy, Transport};
use cloudphone::geelark::{self, GetPhoneStatus};
use cloudphone::huawei::jobs::ListJobs;
use cloudphone::huawei::lifecycle::RestartPhones;
use cloudphone::huawei::phones::{ListPhones, ShowPhone};
use cloudphone::huawei::{self, ClientType, ShowConnectInfos, signer};
use cloudphone::sim::{Fault, FaultRule, Sim, SimConfig};
use cloudphone::{Context, ErrorKind, JobStatus, Method, Operation, Pager, PhoneStatus, Request};

fn fast() -> RetryPolicy {
    RetryPolicy::default()
        .base_delay(Duration::from_millis(1))
        .max_delay(Duration::from_millis(5))
        .rate_limited_min_delay(Duration::from_millis(1))
        .jitter(NoJitter)
}

fn huawei(sim: &Sim) -> HuaweiClient {
    let c = sim.huawei();
    HuaweiClient::builder()
        .endpoint(sim.url())
        .project_id(&c.project_id)
        .aksk(&c.access_key, c.secret_key.expose())
        .retry(fast())
        .build()
        .unwrap()
}

fn geelark_key(sim: &Sim) -> GeeLarkClient {
    let c = sim.geelark();
    GeeLarkClient::builder()
        .endpoint(sim.url())
        .key(&c.app_id, c.api_key.expose())
        .retry(fast())
        .build()
        .unwrap()
}

fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as u64
}

fn small() -> SimConfig {
    SimConfig::default()
        .phones(60)
        .job_duration(Duration::from_millis(150))
}

#[test]
fn huawei_list_pages_through_the_whole_fleet() {
    let sim = Sim::start(SimConfig::default().phones(450)).unwrap();
    let client = huawei(&sim);
    let mut op = ListPhones::new().page(0, 200).unwrap();
    let mut ids = Vec::new();
    loop {
        let page = client.execute(&op).unwrap();
        assert_eq!(page.total, Some(450));
        assert!(page.request_id.as_deref().is_some_and(|r| r.len() == 32));
        ids.extend(page.records.iter().map(|r| r.phone_id.clone()));
        match op.next_page(&page) {
            Some(next) => op = next,
            None => break,
        }
    }
    assert_eq!(ids, sim.huawei_phone_ids());
    // A limit over 200 is refused the CPS way.
    let e = client
        .execute(&ListPhones::new().page(0, 200).unwrap().name("cph").unwrap())
        .map(|p| p.records.len())
        .unwrap();
    assert_eq!(e, 200);
}

#[test]
fn huawei_batch_connection_partial_failures_in_documented_shape() {
    let sim = Sim::start(small()).unwrap();
    let client = huawei(&sim);
    let mut ids = sim.huawei_phone_ids();
    ids.truncate(24);
    ids.push("0000000000000000000000000000dead".into());
    let out = client
        .batch_connection(ids.clone(), ClientType::Android)
        .unwrap();
    assert_eq!(out.total(), 25);
    assert_eq!(out.request_ids.len(), 3, "25 ids take three calls");
    assert!(out.missing.is_empty());
    let gone = out.failed.iter().find(|f| f.id.ends_with("dead")).unwrap();
    assert_eq!(gone.code, "CPS.0005");
    for f in &out.failed {
        assert!(f.code == "CPS.0005" || f.code == "CPS.0022", "{f:?}");
    }
    for ok in &out.succeeded {
        assert!(ok.access_info.access_port.is_some());
        assert!(ok.access_info.ticket.is_some());
    }
}

/// A request signed by the core's signer, whatever the body (to send what
/// the core itself refuses to build).
fn signed(sim: &Sim, method: Method, path: &str, body: &[u8], now_ms: u64) -> Request {
    let c = sim.huawei();
    let host = sim.url().trim_start_matches("http://").to_owned();
    let mut u = signer::Unsigned {
        method: method.as_str().into(),
        host: host.clone(),
        path: format!("/v1/{}/{path}", c.project_id),
        query: vec![],
        headers: vec![
            ("Content-Type".into(), "application/json".into()),
            ("X-Project-Id".into(), c.project_id.clone()),
            ("X-Sdk-Date".into(), cloudphone::time::sdk_date(now_ms)),
        ],
        body: body.to_vec(),
    };
    signer::sign(&mut u, &c.access_key, c.secret_key.expose().as_bytes()).unwrap();
    Request {
        method,
        url: format!("http://{host}{}", u.path),
        headers: u.headers,
        body: u.body,
    }
}

#[test]
fn eleven_ids_are_refused_the_huawei_way() {
    let sim = Sim::start(small()).unwrap();
    let ids: Vec<String> = sim.huawei_phone_ids().into_iter().take(11).collect();
    let body = serde_json::to_vec(&serde_json::json!({"phone_ids": ids, "client_type": "ANDROID"}))
        .unwrap();
    let req = signed(
        &sim,
        Method::Post,
        "cloud-phone/phones/batch-connection",
        &body,
        now_ms(),
    );
    let resp = Transport::new().unwrap().send(req).unwrap();
    assert_eq!(resp.status, 400);
    let json: serde_json::Value = serde_json::from_slice(&resp.body).unwrap();
    assert_eq!(json["error_code"], "CPS.0004");
    assert!(json["error_msg"].as_str().unwrap().contains("10"));
    assert_eq!(json["request_id"].as_str().unwrap().len(), 32);
    // The core's parser reads it as a typed API error.
    let op = ShowConnectInfos::new(["x"], ClientType::Android).unwrap();
    let err = op.parse(&resp).unwrap_err();
    let api = err.api().unwrap();
    assert_eq!((api.http_status, api.code.as_str()), (400, "CPS.0004"));
    assert!(api.request_id.is_some());
}

#[test]
fn bad_signature_is_401_apigw_0301() {
    let sim = Sim::start(small()).unwrap();
    let c = sim.huawei();
    let client = HuaweiClient::builder()
        .endpoint(sim.url())
        .project_id(&c.project_id)
        .aksk(&c.access_key, "not-the-secret-key-0123456789abcdefghijk")
        .retry(RetryPolicy::none())
        .build()
        .unwrap();
    let err = client.execute(&ListPhones::new()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Auth);
    let api = err.api().unwrap();
    assert_eq!((api.http_status, api.code.as_str()), (401, "APIGW.0301"));
    assert!(api.request_id.is_some());
    // Unknown access key, and no credentials at all.
    let other = HuaweiClient::builder()
        .endpoint(sim.url())
        .project_id(&c.project_id)
        .aksk("SIMAKUNKNOWN000000000", c.secret_key.expose())
        .retry(RetryPolicy::none())
        .build()
        .unwrap();
    assert_eq!(
        other
            .execute(&ListPhones::new())
            .unwrap_err()
            .api()
            .unwrap()
            .code,
        "APIGW.0301"
    );
    let bare = Request {
        method: Method::Get,
        url: format!("{}/v1/{}/cloud-phone/phones", sim.url(), c.project_id),
        headers: vec![],
        body: vec![],
    };
    let resp = Transport::new().unwrap().send(bare).unwrap();
    assert_eq!(resp.status, 401);
}

#[test]
fn tampered_body_breaks_the_signature() {
    let sim = Sim::start(small()).unwrap();
    let ids: Vec<String> = sim.huawei_phone_ids().into_iter().take(2).collect();
    let body = serde_json::to_vec(&serde_json::json!({"phone_ids": ids, "client_type": "ANDROID"}))
        .unwrap();
    let mut req = signed(
        &sim,
        Method::Post,
        "cloud-phone/phones/batch-connection",
        &body,
        now_ms(),
    );
    let transport = Transport::new().unwrap();
    assert_eq!(transport.send(req.clone()).unwrap().status, 200);
    req.body = br#"{"phone_ids":["x"],"client_type":"ANDROID"}"#.to_vec();
    assert_eq!(transport.send(req).unwrap().status, 401);
}

#[test]
fn skew_over_fifteen_minutes_is_apigw_0303_and_the_client_recovers() {
    let sim = Sim::start(small()).unwrap();
    let twenty_min_ago = now_ms() - 20 * 60 * 1000;
    let req = signed(&sim, Method::Get, "cloud-phone/phones", b"", twenty_min_ago);
    let resp = Transport::new().unwrap().send(req).unwrap();
    assert_eq!(resp.status, 401);
    assert!(
        resp.header("date").is_some(),
        "the gateway's Date lets clients correct"
    );
    let err = ListPhones::new().parse(&resp).unwrap_err();
    assert_eq!(err.api().unwrap().code, "APIGW.0303");
    assert_eq!(err.kind(), ErrorKind::Auth);
    // Fourteen minutes is still accepted.
    let req = signed(
        &sim,
        Method::Get,
        "cloud-phone/phones",
        b"",
        now_ms() - 14 * 60 * 1000,
    );
    assert_eq!(Transport::new().unwrap().send(req).unwrap().status, 200);
}

#[test]
fn iam_tokens_are_issued_and_checked() {
    let sim = Sim::start(small()).unwrap();
    let c = sim.huawei();
    let client = HuaweiClient::builder()
        .endpoint(sim.url())
        .iam_endpoint(sim.url())
        .region(&c.region)
        .iam_password(&c.iam_user, c.iam_password.expose(), &c.iam_domain)
        .retry(fast())
        .build()
        .unwrap();
    let page = client
        .execute(&ListPhones::new().page(0, 5).unwrap())
        .unwrap();
    assert_eq!(page.records.len(), 5);
    let wrong = HuaweiClient::builder()
        .endpoint(sim.url())
        .iam_endpoint(sim.url())
        .region(&c.region)
        .iam_password(&c.iam_user, "wrong-password", &c.iam_domain)
        .retry(RetryPolicy::none())
        .build()
        .unwrap();
    let err = wrong.execute(&ListPhones::new()).unwrap_err();
    assert_eq!(err.api().unwrap().http_status, 401);
    // A token the simulator never issued.
    let forged = HuaweiClient::builder()
        .endpoint(sim.url())
        .project_id(&c.project_id)
        .auth(huawei::Auth::token("MIIforged"))
        .retry(RetryPolicy::none())
        .build()
        .unwrap();
    assert_eq!(
        forged
            .execute(&ListPhones::new())
            .unwrap_err()
            .api()
            .unwrap()
            .code,
        "APIGW.0301"
    );
}

/// The first stopped phone (status 8) that `client`'s simulator lists.
fn a_stopped_phone(client: &HuaweiClient) -> String {
    client
        .execute(&ListPhones::new().status(8).unwrap())
        .unwrap()
        .records[0]
        .phone_id
        .clone()
}

#[test]
fn restart_is_a_job_that_finishes_and_moves_the_phone_through_its_states() {
    // No race with the job's clock: while the job runs, it runs for an hour
    // (the test is long over before it could end); to see it finish, a
    // simulator with the same seed (the same fleet) runs jobs that end at
    // once. A sleep against a short job would fail whenever the machine
    // stalls between the restart and the first read.
    let slow = Sim::start(small().job_duration(Duration::from_secs(3600))).unwrap();
    let client = huawei(&slow);
    let phone = a_stopped_phone(&client);
    let started = client
        .execute(&RestartPhones::new([phone.as_str()]).unwrap())
        .unwrap();
    let request_id = started.request_id.clone().unwrap();
    assert_eq!(started.jobs.len() + started.errors.len(), 1);
    let detail = client
        .execute(&ShowPhone::new(phone.as_str()).unwrap())
        .unwrap();
    assert_eq!(detail.status(), PhoneStatus::Restarting);
    let jobs = client
        .execute(&ListJobs::for_request(&request_id).unwrap())
        .unwrap();
    assert_eq!(jobs.jobs[0].status, JobStatus::Running);

    let instant = Sim::start(small().job_duration(Duration::ZERO)).unwrap();
    let client = huawei(&instant);
    assert_eq!(a_stopped_phone(&client), phone, "same seed, same fleet");
    let started = client
        .execute(&RestartPhones::new([phone.as_str()]).unwrap())
        .unwrap();
    let request_id = started.request_id.clone().unwrap();
    let jobs = client
        .execute(&ListJobs::for_request(&request_id).unwrap())
        .unwrap();
    assert!(
        jobs.jobs[0].status.is_terminal(),
        "{:?}",
        jobs.jobs[0].status
    );
    let detail = client
        .execute(&ShowPhone::new(phone.as_str()).unwrap())
        .unwrap();
    match jobs.jobs[0].status {
        JobStatus::Succeeded => assert_eq!(detail.status(), PhoneStatus::Running),
        _ => assert_eq!(detail.status(), PhoneStatus::RestartFailed),
    }
    // Unknown phones are refused inside the 200.
    let r = client
        .execute(&RestartPhones::new(["nope"]).unwrap())
        .unwrap();
    assert_eq!(r.errors[0].code, "CPS.0005");
}

#[test]
fn the_fleet_is_deterministic_from_the_seed() {
    let a = Sim::start(SimConfig::default().phones(100).seed(7)).unwrap();
    let b = Sim::start(SimConfig::default().phones(100).seed(7)).unwrap();
    let c = Sim::start(SimConfig::default().phones(100).seed(8)).unwrap();
    assert_eq!(a.huawei_phone_ids(), b.huawei_phone_ids());
    assert_eq!(a.geelark_phone_ids(), b.geelark_phone_ids());
    assert_eq!(a.huawei().access_key, b.huawei().access_key);
    assert_ne!(a.huawei_phone_ids(), c.huawei_phone_ids());
}

#[test]
fn geelark_status_sweep_of_ten_thousand_phones() {
    let sim = Sim::start(SimConfig::default().phones(10_000)).unwrap();
    let client = geelark_key(&sim);
    let mut ids = sim.geelark_phone_ids();
    assert_eq!(ids.len(), 10_000);
    ids.push("699999999999999999".into());
    // No time limit here: how long 101 calls take depends on the machine's
    // load, not on the code (each call is bounded by the client's timeout).
    let out = client.phone_status(ids).unwrap();
    assert_eq!(out.total(), 10_001);
    assert_eq!(out.succeeded.len(), 10_000);
    assert_eq!(out.failed[0].code, "42001");
    assert_eq!(out.request_ids.len(), 101);
}

#[test]
fn geelark_token_mode_and_bad_credentials() {
    let sim = Sim::start(small()).unwrap();
    let c = sim.geelark();
    let token = GeeLarkClient::builder()
        .endpoint(sim.url())
        .token(c.token.expose())
        .build()
        .unwrap();
    let ids: Vec<String> = sim.geelark_phone_ids().into_iter().take(3).collect();
    let report = token
        .execute(&GetPhoneStatus::new(ids.clone()).unwrap())
        .unwrap();
    assert_eq!(report.phones.len(), 3);
    for bad in [
        GeeLarkClient::builder().token("WRONG"),
        GeeLarkClient::builder().key(&c.app_id, "wrong-key"),
    ] {
        let client = bad
            .endpoint(sim.url())
            .retry(RetryPolicy::none())
            .build()
            .unwrap();
        let err = client
            .execute(&GetPhoneStatus::new(ids.clone()).unwrap())
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Auth);
        assert_eq!(err.api().unwrap().code, "40003");
        assert!(err.api().unwrap().request_id.is_some(), "traceId echoed");
    }
}

#[test]
fn geelark_rate_limit_per_api_per_minute() {
    let sim = Sim::start(small().geelark_rate_limit(3)).unwrap();
    let c = sim.geelark();
    let client = GeeLarkClient::builder()
        .endpoint(sim.url())
        .key(&c.app_id, c.api_key.expose())
        .no_rate_limit()
        .retry(RetryPolicy::none())
        .build()
        .unwrap();
    let ids: Vec<String> = sim.geelark_phone_ids().into_iter().take(2).collect();
    let op = GetPhoneStatus::new(ids.clone()).unwrap();
    // The budget is per path: the window may roll over between calls, so
    // allow for one reset.
    let mut limited = None;
    for _ in 0..8 {
        if let Err(e) = client.execute(&op) {
            limited = Some(e);
            break;
        }
    }
    let e = limited.expect("the fourth call in a minute is refused");
    assert_eq!(e.kind(), ErrorKind::RateLimited);
    assert_eq!(e.api().unwrap().code, "40007");
    // Another API still has its own budget.
    client
        .execute(&geelark::ListPhones::new().page(1, 10).unwrap())
        .unwrap();
}

#[test]
fn geelark_lifecycle_partial_failures() {
    let sim = Sim::start(small()).unwrap();
    let client = geelark_key(&sim);
    let mut ids = sim.geelark_phone_ids();
    ids.push("699999999999999999".into());
    let start = client
        .execute(&geelark::StartPhones::new(ids.iter().take(100).cloned()).unwrap())
        .unwrap();
    assert_eq!(start.envelope.code, 0);
    assert!(start.failures.iter().any(|f| f.code == "42001"));
    assert_eq!(
        start.started.len() + start.failures.len(),
        ids.len().min(100)
    );
    let stop = client
        .execute(&geelark::StopPhones::new(ids.iter().take(100).cloned()).unwrap())
        .unwrap();
    assert!(stop.failures.iter().any(|f| f.code == "42001"));
}

#[test]
fn geelark_tasks_shell_restart_callbacks_and_apps_on_the_simulator() {
    use cloudphone::geelark::callbacks::{GetCallback, SetCallback};
    use cloudphone::geelark::lifecycle::RestartPhone;
    use cloudphone::geelark::shell::ExecuteShell;
    use cloudphone::geelark::tasks::{
        CancelTasks, QueryTasks, RestartTasks, ShowTask, TaskHistory, TaskStatus,
    };
    let sim = Sim::start(small().job_duration(Duration::from_millis(200))).unwrap();
    let c = geelark_key(&sim);
    // The history, three a page: every seeded task once, in order.
    let walked: Vec<String> = c
        .pages(TaskHistory::new().size(3).unwrap())
        .flat_map(|p| p.unwrap().tasks)
        .map(|t| t.id)
        .collect();
    assert!(walked.len() >= 10, "{walked:?}");
    let mut sorted = walked.clone();
    sorted.dedup();
    assert_eq!(sorted, walked, "no task twice");
    let all = c
        .execute(&QueryTasks::new(walked.clone()).unwrap())
        .unwrap();
    let of = |s: TaskStatus| {
        all.tasks
            .iter()
            .find(|t| t.status == s)
            .map(|t| t.id.clone())
            .unwrap()
    };
    let (done, failed, waiting) = (
        of(TaskStatus::Completed),
        of(TaskStatus::Failed),
        of(TaskStatus::Waiting),
    );
    // A completed task's logs, two lines a page, walked to the end, and its result image.
    let pages: Vec<_> = c
        .pages(ShowTask::new(&done).unwrap())
        .map(Result::unwrap)
        .collect();
    assert!(pages.len() >= 2, "{pages:?}");
    let logs: Vec<&String> = pages.iter().flat_map(|p| &p.logs).collect();
    assert!(logs.last().unwrap().ends_with("Task completed"), "{logs:?}");
    assert_eq!(pages[0].result_images.len(), 1);
    // Cancel: the waiting task goes, the completed one is refused (48001).
    let cancel = c
        .execute(&CancelTasks::new([waiting.clone(), done.clone()]).unwrap())
        .unwrap();
    assert_eq!(cancel.failures.len(), 1, "{cancel:?}");
    assert_eq!(
        (
            cancel.failures[0].id.as_str(),
            cancel.failures[0].code.as_str()
        ),
        (done.as_str(), "48001")
    );
    // Restart: the failed task runs again and completes.
    let restart = c
        .execute(&RestartTasks::new([failed.clone()]).unwrap())
        .unwrap();
    assert!(restart.failures.is_empty(), "{restart:?}");
    // Waiting on tasks: the restarted one completes, the cancelled one and an
    // unknown id fail, each once, in input order.
    let unknown = "618889999999999999".to_owned();
    let opts = cloudphone::client::WaitOptions::new(Duration::from_secs(20))
        .unwrap()
        .interval(Duration::from_millis(200))
        .unwrap();
    let out = c
        .wait_tasks([failed.clone(), waiting.clone(), unknown.clone()], &opts)
        .unwrap();
    assert_eq!(out.done, std::slice::from_ref(&failed), "{out:?}");
    let codes: Vec<(&str, &str)> = out
        .failed
        .iter()
        .map(|f| (f.id.as_str(), f.code.as_str()))
        .collect();
    assert_eq!(
        codes,
        [
            (waiting.as_str(), "task_cancelled"),
            (unknown.as_str(), "48002")
        ]
    );
    let again = c
        .execute(&QueryTasks::new([failed, waiting]).unwrap())
        .unwrap();
    let states: Vec<TaskStatus> = again.tasks.iter().map(|t| t.status).collect();
    assert_eq!(states, [TaskStatus::Completed, TaskStatus::Cancelled]);
    // A task from a per-platform creator runs and completes.
    let created = c
        .execute(
            &cloudphone::geelark::rpa::CreateRpaTask::new(
                "tiktokRandomStar",
                &sim.geelark_phone_ids()[0],
                0,
            )
            .unwrap()
            .param("likeProbability", 30)
            .unwrap(),
        )
        .unwrap();
    // A TikTok plan of two phones and a task from a flow: all complete.
    use cloudphone::geelark::task_create::{
        AddTasks, CreateFlowTask, ListFlows, PlanItem, TikTokTask,
    };
    let phones = sim.geelark_phone_ids();
    let plan = c
        .execute(
            &AddTasks::new(
                TikTokTask::Video,
                phones[..2]
                    .iter()
                    .map(|p| {
                        PlanItem::new(p, 0)
                            .unwrap()
                            .field("video", "https://v.example/a.mp4")
                    })
                    .collect(),
            )
            .unwrap(),
        )
        .unwrap();
    assert_eq!(plan.task_ids.len(), 2);
    let flow = c.execute(&ListFlows::new()).unwrap().flows[0].clone();
    let from_flow = c
        .execute(
            &CreateFlowTask::new(&phones[2], &flow.id, 0)
                .unwrap()
                .param(&flow.params[0], "Hi")
                .unwrap(),
        )
        .unwrap();
    let mut all = plan.task_ids.clone();
    all.push(from_flow.task_id);
    all.push(created.task_id.clone());
    let out = c.wait_tasks(all.clone(), &opts).unwrap();
    assert_eq!(out.done, all, "{out:?}");
    // A task still running at the deadline is unfinished, with its state.
    let running_task = of(TaskStatus::Running);
    let short = cloudphone::client::WaitOptions::new(Duration::from_millis(300))
        .unwrap()
        .interval(Duration::from_millis(100))
        .unwrap();
    let out = c.wait_tasks([running_task.clone()], &short).unwrap();
    assert_eq!(out.timed_out.len(), 1, "{out:?}");
    assert_eq!(out.timed_out[0].last_state, Some("running"));
    // Shell on a running phone; restart it; an unknown phone is 42001.
    let phones = c
        .execute(
            &geelark::GetPhoneStatus::new(sim.geelark_phone_ids().into_iter().take(40)).unwrap(),
        )
        .unwrap();
    let running = phones
        .phones
        .iter()
        .find(|p| p.raw_status == 0)
        .map(|p| p.id.clone())
        .unwrap();
    let out = c.execute(&ExecuteShell::new(&running, "echo sim-ok").unwrap());
    match out {
        Ok(o) => assert_eq!(o.output, "sim-ok"),
        Err(e) => assert_eq!(e.code(), "50001", "{e}"),
    }
    // Apps: a catalogue version installs, lists, refuses a second install
    // (42003) and uninstalls.
    let tiktok = "1901000000000000001";
    c.execute(&geelark::InstallApp::new(&running, tiktok).unwrap())
        .unwrap();
    assert_eq!(
        c.execute(&geelark::InstallApp::new(&running, tiktok).unwrap())
            .unwrap_err()
            .code(),
        "42003"
    );
    let apps = c
        .execute(&geelark::ListApps::new(&running, 1, 10).unwrap())
        .unwrap();
    assert_eq!(apps.apps[0].app_version_id.as_deref(), Some(tiktok));
    c.execute(&geelark::UninstallApp::new(&running, "com.zhiliaoapp.musically").unwrap())
        .unwrap();
    assert_eq!(
        c.execute(&geelark::ListApps::new(&running, 1, 10).unwrap())
            .unwrap()
            .total,
        Some(0)
    );
    c.execute(&RestartPhone::new(&running).unwrap()).unwrap();
    assert_eq!(
        c.execute(&RestartPhone::new("699999999999999999").unwrap())
            .unwrap_err()
            .code(),
        "42001"
    );
    // Callbacks: none set (51001), then the URL set reads back.
    assert_eq!(c.execute(&GetCallback).unwrap_err().code(), "51001");
    c.execute(&SetCallback::new("https://hooks.example.com/gl").unwrap())
        .unwrap();
    assert_eq!(
        c.execute(&GetCallback).unwrap().url,
        "https://hooks.example.com/gl"
    );
}

#[test]
fn geelark_proxies_and_app_catalogues_on_the_simulator() {
    use cloudphone::geelark::ProxyScheme;
    use cloudphone::geelark::app_catalog::{ListInstallableApps, ListShopApps};
    use cloudphone::geelark::proxies::{DeleteProxies, ListProxies, NewProxy, UpdateProxies};
    let sim = Sim::start(small()).unwrap();
    let c = geelark_key(&sim);
    let saved: Vec<_> = c
        .pages(ListProxies::new().page(1, 2).unwrap())
        .flat_map(|p| p.unwrap().proxies)
        .collect();
    assert_eq!(saved.len(), 3, "{saved:?}");
    // Checked before saving: the dead proxy (TEST-NET-1) is not sent to
    // proxy/add, the duplicate is refused by GeeLark (45007), the new one saved.
    let new = |server: &str, port| NewProxy::new(ProxyScheme::Socks5, server, port).unwrap();
    let out = c
        .add_checked_proxies(vec![
            new("203.0.113.50", 1080),
            new("192.0.2.1", 1080),
            NewProxy::new(ProxyScheme::Http, "198.51.100.11", 3128).unwrap(),
        ])
        .unwrap();
    assert_eq!(out.added.len(), 1, "{out:?}");
    assert_eq!(out.added[0].0, 0);
    assert_eq!(out.rejected.len(), 1);
    assert_eq!(
        (out.rejected[0].index, out.rejected[0].code.as_str()),
        (1, "check_failed")
    );
    let refused: Vec<(&str, &str)> = out
        .refused
        .iter()
        .map(|f| (f.id.as_str(), f.code.as_str()))
        .collect();
    assert_eq!(refused, [("2", "45007")]);
    let id = out.added[0].1.clone();
    let all = c.execute(&ListProxies::new()).unwrap();
    assert_eq!(all.total, Some(4));
    c.execute(&UpdateProxies::new(vec![(id.clone(), new("203.0.113.50", 1081))]).unwrap())
        .unwrap();
    let one = c
        .execute(&ListProxies::new().ids([id.as_str()]).unwrap())
        .unwrap();
    assert_eq!(one.proxies[0].port, Some(1081));
    // The phones' proxy is bound (40010); the new one goes.
    let bound = saved[0].id.clone();
    let gone = c
        .execute(&DeleteProxies::new([bound.clone(), id.clone()]).unwrap())
        .unwrap();
    assert_eq!(gone.failures.len(), 1);
    assert_eq!(
        (gone.failures[0].id.as_str(), gone.failures[0].code.as_str()),
        (bound.as_str(), "40010")
    );
    // The catalogues give the appVersionId install takes.
    let shop = c
        .execute(&ListShopApps::new(1, 50).unwrap().search("tik").unwrap())
        .unwrap();
    assert_eq!(shop.apps.len(), 1);
    let version = shop.apps[0].versions[0].id.clone();
    let phone = c
        .execute(
            &geelark::GetPhoneStatus::new(sim.geelark_phone_ids().into_iter().take(40)).unwrap(),
        )
        .unwrap()
        .phones
        .into_iter()
        .find(|p| p.raw_status == 0)
        .unwrap()
        .id;
    c.execute(&geelark::InstallApp::new(&phone, &version).unwrap())
        .unwrap();
    let installable = c
        .execute(&ListInstallableApps::new(&phone, 1, 10).unwrap())
        .unwrap();
    let tiktok = installable
        .apps
        .iter()
        .find(|a| a.package_name.as_deref() == Some("com.zhiliaoapp.musically"))
        .unwrap();
    assert_eq!(tiktok.versions[0].install_status, Some(1));
    assert_eq!(installable.total, Some(3));
}

#[test]
fn geelark_groups_tags_and_account_on_the_simulator() {
    use cloudphone::geelark::account::{
        AuthStatus, GetPlan, GetSerialNumber, GetWallet, ListBrands, ListProfilePlans,
    };
    use cloudphone::geelark::labels::{
        AddGroups, AddTags, DeleteTags, LabelUpdate, ListGroups, ListTags, NewGroup, NewTag,
        TagColor, UpdateTags,
    };
    let sim = Sim::start(small()).unwrap();
    let c = geelark_key(&sim);
    // Groups: the phones' three, a new one, a second add of the same name refused.
    let added = c
        .execute(
            &AddGroups::new(vec![
                NewGroup::new("cohort-d", Some("new".into())).unwrap(),
                NewGroup::new("production", None).unwrap(),
            ])
            .unwrap(),
        )
        .unwrap();
    assert_eq!(added.added.len(), 1);
    assert_eq!(
        (
            added.failures[0].id.as_str(),
            added.failures[0].code.as_str()
        ),
        ("production", "43031")
    );
    let groups = c
        .execute(
            &ListGroups::new()
                .filter(vec![], vec!["cohort-d".into(), "nope".into()], vec![])
                .unwrap(),
        )
        .unwrap();
    assert_eq!(groups.labels.len(), 1);
    assert_eq!(groups.failures[0].id, "nope");
    // Tags: add, recolour, delete.
    let tag = c
        .execute(&AddTags::new(vec![NewTag::new("ig", Some(TagColor::Purple)).unwrap()]).unwrap())
        .unwrap()
        .added
        .remove(0);
    c.execute(
        &UpdateTags::new(vec![
            LabelUpdate::new(&tag.id).unwrap().color(TagColor::Green),
        ])
        .unwrap(),
    )
    .unwrap();
    let green = c
        .execute(
            &ListTags::new()
                .filter(vec![], vec![], vec![TagColor::Green])
                .unwrap(),
        )
        .unwrap();
    assert_eq!(green.labels[0].id, tag.id);
    let gone = c
        .execute(&DeleteTags::new([tag.id.clone(), "1".into()]).unwrap())
        .unwrap();
    assert_eq!(gone.failures.len(), 1);
    // The account and its catalogues.
    c.execute(&AuthStatus).unwrap();
    assert!(c.execute(&GetWallet).unwrap().wallet.balance.is_some());
    assert_eq!(c.execute(&GetPlan).unwrap().plan.plan, Some(1));
    assert_eq!(c.execute(&ListProfilePlans).unwrap().plans.len(), 2);
    assert!(
        !c.execute(&ListBrands::new(13).unwrap())
            .unwrap()
            .brands
            .is_empty()
    );
    let phone = sim.geelark_phone_ids()[0].clone();
    assert!(
        !c.execute(&GetSerialNumber::new(&phone).unwrap())
            .unwrap()
            .serial_num
            .is_empty()
    );
}

#[test]
fn geelark_files_phone_tools_and_app_control_on_the_simulator() {
    use cloudphone::geelark::app_control::{AppAction, AppBatch, AppRef, StartApp};
    use cloudphone::geelark::files::{GetUploadResult, GetUploadUrl, UploadState, UploadToPhone};
    use cloudphone::geelark::phone_tools::{
        Contact, GetContactsResult, ImportContacts, MoveToGroup, NewIdentity, SetRoot,
        TransferPhones,
    };
    let sim = Sim::start(small()).unwrap();
    let c = geelark_key(&sim);
    let states = c
        .execute(
            &geelark::GetPhoneStatus::new(sim.geelark_phone_ids().into_iter().take(60)).unwrap(),
        )
        .unwrap()
        .phones;
    let running = states
        .iter()
        .find(|p| p.raw_status == 0)
        .unwrap()
        .id
        .clone();
    let stopped: Vec<String> = states
        .iter()
        .filter(|p| p.raw_status == 2)
        .map(|p| p.id.clone())
        .take(2)
        .collect();
    // Upload: URL, the presigned PUT through the client's transport, onto a phone.
    let target = c.execute(&GetUploadUrl::new("mp4").unwrap()).unwrap();
    let uploaded = c.execute(&target.put(b"clip".to_vec()).unwrap()).unwrap();
    assert_eq!((uploaded.http_status, uploaded.bytes), (200, 4));
    let task = c
        .execute(&UploadToPhone::new(&running, &target.resource_url).unwrap())
        .unwrap();
    let result = c
        .execute(&GetUploadResult::new(&task.task_id).unwrap())
        .unwrap();
    assert_eq!(result.state, UploadState::Succeeded);
    // Root: the running phone yes, a stopped one 42002.
    let root = c
        .execute(&SetRoot::new([running.clone(), stopped[0].clone()], true).unwrap())
        .unwrap();
    assert_eq!(root.succeeded, std::slice::from_ref(&running));
    assert_eq!(root.failures[0].code, "42002");
    // Contacts, group moves, a new identity.
    let ana = Contact {
        first_name: Some("Ana".into()),
        mobile: Some("+65".into()),
        ..Contact::default()
    };
    let t = c
        .execute(&ImportContacts::new(&running, vec![ana]).unwrap())
        .unwrap();
    assert_eq!(
        c.execute(&GetContactsResult::new(&t.task_id).unwrap())
            .unwrap()
            .state,
        UploadState::Succeeded
    );
    c.execute(&MoveToGroup::new([running.as_str()], "0").unwrap())
        .unwrap();
    assert_eq!(
        c.execute(&MoveToGroup::new([running.as_str()], "1").unwrap())
            .unwrap_err()
            .code(),
        "43032"
    );
    c.execute(&NewIdentity::new(&running).unwrap()).unwrap();
    // Apps: a batch restart lists the running phones without the app (2).
    c.execute(&geelark::InstallApp::new(&running, "1901000000000000001").unwrap())
        .unwrap();
    c.execute(
        &StartApp::new(&running, AppRef::Package("com.zhiliaoapp.musically".into())).unwrap(),
    )
    .unwrap();
    let batch = c
        .execute(
            &AppBatch::new(
                AppAction::Restart,
                AppRef::Package("com.zhiliaoapp.musically".into()),
                Vec::<String>::new(),
            )
            .unwrap(),
        )
        .unwrap();
    assert!(
        batch
            .failures
            .iter()
            .all(|f| f.code == "2" && f.id != running),
        "{batch:?}"
    );
    // Transfer: stopped phones leave the team; an unknown account is 40013.
    let moved = c
        .execute(&TransferPhones::new(stopped.clone(), "colleague@example.com", &[]).unwrap())
        .unwrap();
    assert_eq!(moved.succeeded, stopped);
    let gone = c
        .execute(&geelark::GetPhoneStatus::new(stopped.clone()).unwrap())
        .unwrap();
    assert_eq!(gone.failures.len(), 2, "{gone:?}");
    assert_eq!(
        c.execute(&TransferPhones::new([running.as_str()], "nobody@example.com", &[]).unwrap())
            .unwrap_err()
            .code(),
        "40013"
    );
}

#[test]
fn geelark_team_proxy_groups_clones_apps_and_flows_on_the_simulator() {
    use cloudphone::geelark::team::{
        AddProxyGroup, ClonePhone, DeleteProxyGroups, ExportFlow, GetAppUploadStatus, ImportFlow,
        ListProxyGroups, ListTeamApps, RenameProxyGroup, UploadApp,
    };
    let sim = Sim::start(small()).unwrap();
    let c = geelark_key(&sim);
    let g = c.execute(&AddProxyGroup::new("resi").unwrap()).unwrap().id;
    assert_eq!(
        c.execute(&AddProxyGroup::new("resi").unwrap())
            .unwrap_err()
            .code(),
        "45010"
    );
    c.execute(&RenameProxyGroup::new(&g, "resi-sg").unwrap())
        .unwrap();
    let groups = c
        .execute(&ListProxyGroups::new().name("sg").unwrap())
        .unwrap();
    assert_eq!(groups.groups.len(), 1);
    let gone = c
        .execute(&DeleteProxyGroups::new([g.as_str(), "620009999999999999"]).unwrap())
        .unwrap();
    assert_eq!(gone.failures[0].code, "45009");
    // Clones appear as stopped phones.
    let source = sim.geelark_phone_ids()[0].clone();
    let clones = c.execute(&ClonePhone::new(&source, 2).unwrap()).unwrap();
    assert_eq!(clones.ids.len(), 2);
    let states = c
        .execute(&geelark::GetPhoneStatus::new(clones.ids.clone()).unwrap())
        .unwrap();
    assert!(
        states.phones.iter().all(|p| p.raw_status == 2),
        "{states:?}"
    );
    // An app upload, its status, the team's apps.
    let up = c
        .execute(&UploadApp::new("https://m.example.com/app.apk", None).unwrap())
        .unwrap();
    let status = c
        .execute(&GetAppUploadStatus::new(&up.task_id).unwrap())
        .unwrap();
    assert_eq!(status.upload.status, Some(1));
    assert_eq!(c.execute(&ListTeamApps::new()).unwrap().apps.len(), 3);
    // A flow exported, imported again as a new flow, exported back the same.
    let gal = c
        .execute(&ExportFlow::new("562316072435340001").unwrap())
        .unwrap()
        .gal;
    let copy = c.execute(&ImportFlow::new(&gal, None).unwrap()).unwrap().id;
    assert_eq!(
        c.execute(&ExportFlow::new(&copy).unwrap()).unwrap().gal,
        gal
    );
    assert_eq!(
        c.execute(&ExportFlow::new("1").unwrap())
            .unwrap_err()
            .code(),
        "48002"
    );
    // Team app switches on a listed team app; an unknown one is 40005.
    use cloudphone::geelark::team_apps::{GetNetConfig, SetAppAutoStart, SetAppRoot, SetNetConfig};
    let team_app = c.execute(&ListTeamApps::new()).unwrap().apps[0].id.clone();
    c.execute(&SetAppAutoStart::new(&team_app, true).unwrap())
        .unwrap();
    assert_eq!(
        c.execute(&SetAppRoot::new("1", true).unwrap())
            .unwrap_err()
            .code(),
        "40005"
    );
    c.execute(&SetNetConfig::new(["ads.example.com"]).unwrap())
        .unwrap();
    // Patches on a running Android 12/13/15 phone; other models 53001.
    use cloudphone::geelark::patches::{Customize, InstallPatch, ListPatches, UninstallPatch};
    let phones = c
        .execute(&geelark::ListPhones::new().page(1, 60).unwrap())
        .unwrap()
        .records;
    for p in phones.iter().filter(|p| p.raw_status == 0) {
        let os = p
            .equipment_info
            .as_ref()
            .and_then(|e| e.os_version.clone())
            .unwrap_or_default();
        let r = c.execute(&InstallPatch::new(&p.id, "https://m.example.com/p.apk").unwrap());
        if ["Android 12.0", "Android 13.0", "Android 15.0"].contains(&os.as_str()) {
            r.unwrap();
            let list = c.execute(&ListPatches::new(&p.id).unwrap()).unwrap();
            let patch = list.patches[0].id.clone();
            assert!(
                c.execute(&UninstallPatch::new(&p.id, &patch).unwrap())
                    .unwrap()
                    .ok
            );
        } else {
            assert_eq!(r.unwrap_err().code(), "53001", "{os}");
        }
    }
    c.execute(&Customize::new().hide_header(true)).unwrap();
    assert_eq!(
        c.execute(&GetNetConfig).unwrap().black_list,
        ["ads.example.com"]
    );
}

#[test]
fn faults_status_429_reset_truncate_latency() {
    let sim = Sim::start(small()).unwrap();
    let ids: Vec<String> = sim.geelark_phone_ids().into_iter().take(2).collect();
    let op = GetPhoneStatus::new(ids).unwrap();
    let c = sim.geelark();
    let strict = GeeLarkClient::builder()
        .endpoint(sim.url())
        .key(&c.app_id, c.api_key.expose())
        .retry(RetryPolicy::none())
        .build()
        .unwrap();

    sim.inject(
        FaultRule::new(Fault::Status(503))
            .path("/phone/status")
            .times(1),
    );
    let e = strict.execute(&op).unwrap_err();
    assert_eq!(e.http_status(), Some(503));
    strict.execute(&op).unwrap();

    sim.inject(
        FaultRule::new(Fault::RateLimited {
            retry_after_secs: 7,
        })
        .times(1),
    );
    let e = strict.execute(&op).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::RateLimited);
    assert_eq!(e.api().unwrap().retry_after_secs, Some(7));

    sim.inject(FaultRule::new(Fault::Reset).times(1));
    assert_eq!(
        strict.execute(&op).unwrap_err().kind(),
        ErrorKind::Transport
    );
    sim.inject(FaultRule::new(Fault::Close).times(1));
    assert_eq!(
        strict.execute(&op).unwrap_err().kind(),
        ErrorKind::Transport
    );
    sim.inject(FaultRule::new(Fault::Truncate).times(1));
    assert_eq!(
        strict.execute(&op).unwrap_err().kind(),
        ErrorKind::Transport
    );

    sim.inject(
        FaultRule::new(Fault::Latency(Duration::from_millis(300)))
            .path("/phone/status")
            .times(1),
    );
    let t = Instant::now();
    strict.execute(&op).unwrap();
    assert!(t.elapsed() >= Duration::from_millis(300));

    // The default client retries through a 503 and a reset (status is idempotent).
    sim.inject("status=503,times=1".parse().unwrap());
    sim.inject("reset,times=1".parse().unwrap());
    let before = sim.request_count();
    geelark_key(&sim).execute(&op).unwrap();
    assert_eq!(sim.request_count() - before, 3);

    // Huawei 5xx carries the CPS body and a request id.
    sim.inject(
        FaultRule::new(Fault::Status(500))
            .path("/cloud-phone/")
            .times(1),
    );
    let e = huawei(&sim)
        .execute(&ListPhones::new())
        .map(|_| ())
        .or_else(|e| {
            if e.http_status() == Some(500) {
                Err(e)
            } else {
                Ok(())
            }
        });
    // The default policy retries 5xx on a GET, so the call may succeed.
    if let Err(e) = e {
        assert_eq!(e.api().unwrap().code, "CPS.0003");
    }
    sim.clear_faults();
}

#[test]
fn sans_io_context_against_the_sim() {
    // The documented two-step path: build with any time, send, parse.
    let sim = Sim::start(small()).unwrap();
    let c = sim.huawei();
    let config = huawei::Config::new(
        cloudphone::Endpoint::parse(&sim.url()).unwrap(),
        &c.project_id,
        huawei::Auth::aksk(&c.access_key, c.secret_key.expose()),
    )
    .unwrap();
    let op = ListPhones::new().page(0, 3).unwrap();
    let req = op
        .build(&Context::new(&config, now_ms(), "unused"))
        .unwrap();
    let resp = Transport::new().unwrap().send(req).unwrap();
    assert_eq!(op.parse(&resp).unwrap().records.len(), 3);
}

#[test]
fn huawei_images_flavors_bandwidths_and_server_operations_on_the_simulator() {
    use cloudphone::huawei::bandwidth::ListBandwidths;
    use cloudphone::huawei::catalog::ListServerModels;
    use cloudphone::huawei::images::{ImageType, ListImages, ListPhoneImages};
    use cloudphone::huawei::lifecycle::ResetPhones;
    use cloudphone::huawei::server_admin::{RenameServer, RestartEncodeServers, RestartServers};
    use cloudphone::huawei::servers::{ListEncodeServers, ListServers, ShowServer};
    let sim = Sim::start(small()).unwrap();
    let c = huawei(&sim);
    // Phone images, one a page: the marker walk reads all four.
    let images: Vec<String> = c
        .pages(ListPhoneImages::new().limit(1).unwrap())
        .map(|p| p.unwrap().phone_images)
        .flat_map(|v| v.into_iter().map(|i| i.image_id))
        .collect();
    assert_eq!(images.len(), 4, "{images:?}");
    let private = c
        .execute(&ListPhoneImages::new().image_type(ImageType::Private))
        .unwrap();
    assert_eq!(private.phone_images.len(), 1);
    let golden = private.phone_images[0].image_id.clone();
    // Custom images: the project's and the shared one, with a total.
    let custom = c.execute(&ListImages::new()).unwrap();
    assert_eq!((custom.total, custom.image_infos.len()), (Some(2), 2));
    let shared = c
        .execute(&ListImages::new().image_type(ImageType::Share).unwrap())
        .unwrap();
    assert_eq!(shared.total, Some(1));
    // A reset onto the golden image moves the phone to it; an unknown image is refused.
    let running: String = c
        .execute(&ListPhones::new().status(2).unwrap())
        .unwrap()
        .records[0]
        .phone_id
        .clone();
    let reset = ResetPhones::new([running.clone()])
        .unwrap()
        .with_image(&golden)
        .unwrap();
    assert_eq!(c.execute(&reset).unwrap().jobs.len(), 1);
    let detail = c.execute(&ShowPhone::new(&running).unwrap()).unwrap();
    assert_eq!(detail.phone.image_id.as_deref(), Some(golden.as_str()));
    let bad = ResetPhones::new([running])
        .unwrap()
        .with_image("0".repeat(32))
        .unwrap();
    assert_eq!(c.execute(&bad).unwrap_err().code(), "CPS.0001");
    // Server flavors cover every server's; bandwidths exist.
    let flavors: Vec<String> = c
        .pages(ListServerModels::new().limit(1).unwrap())
        .flat_map(|p| p.unwrap().server_models)
        .map(|m| m.server_model_name)
        .collect();
    let servers = c.execute(&ListServers::new()).unwrap();
    for s in &servers.servers {
        let model = s.server_model_name.as_deref().unwrap_or("");
        assert!(
            flavors.iter().any(|f| f == model),
            "{model} not in {flavors:?}"
        );
    }
    assert!(
        !c.execute(&ListBandwidths::new())
            .unwrap()
            .band_widths
            .is_empty()
    );
    // Restart a server and an encode server: jobs the job listing follows.
    let server = servers.servers[0].server_id.clone();
    let started = c
        .execute(&RestartServers::new([server.clone(), "nope".into()]).unwrap())
        .unwrap();
    assert_eq!((started.jobs.len(), started.errors.len()), (1, 1));
    assert_eq!(started.jobs[0].id, server);
    let jobs = c
        .execute(&ListJobs::for_request(started.request_id.clone().unwrap()).unwrap())
        .unwrap();
    assert_eq!(jobs.jobs.len(), 1);
    let encode = c.execute(&ListEncodeServers::new()).unwrap().encode_servers[0]
        .encode_server_id
        .clone();
    let restarted = c
        .execute(&RestartEncodeServers::new([encode.clone()]).unwrap())
        .unwrap();
    assert_eq!(restarted.jobs[0].id, encode);
    // Rename a server.
    c.execute(&RenameServer::new(&server, "编码-01").unwrap())
        .unwrap();
    let shown = c.execute(&ShowServer::new(&server).unwrap()).unwrap();
    assert_eq!(shown.server.server_name.as_deref(), Some("编码-01"));
    // The detail's disks, bandwidths and network ranges are kept.
    assert_eq!(shown.band_widths.len(), 1);
    assert_eq!(shown.volumes[0].volume_size, Some(2048));
    assert_eq!(
        shown.share_volume_info.as_ref().and_then(|v| v.size),
        Some(1024)
    );
    assert_eq!(shown.server.cidr.as_deref(), Some("172.16.0.0/16"));
    // The server filters the simulator used to ignore.
    let flavor = shown.server.phone_model_name.clone().unwrap();
    let same = c
        .execute(
            &ListServers::new()
                .filter("phone_model_name", &flavor)
                .unwrap(),
        )
        .unwrap();
    assert!(!same.servers.is_empty());
    assert!(
        same.servers
            .iter()
            .all(|s| s.phone_model_name.as_deref() == Some(flavor.as_str()))
    );
    let none = c
        .execute(&ListServers::new().filter("network_version", "v2").unwrap())
        .unwrap();
    assert_eq!(none.total, Some(0));
    let later = c
        .execute(
            &ListServers::new()
                .filter("create_since", "99999999999999")
                .unwrap(),
        )
        .unwrap();
    assert!(later.servers.is_empty());
    // A phone's data disk and VNC flag come through.
    let phone = c
        .execute(&ShowPhone::new(&sim.huawei_phone_ids()[0]).unwrap())
        .unwrap();
    assert_eq!(
        phone.phone_data_volume.and_then(|v| v.volume_size),
        Some(32)
    );
    assert_eq!(phone.vnc_enable.as_deref(), Some("false"));
}

#[test]
fn huawei_image_sharing_offerings_bandwidth_keypairs_and_events_on_the_simulator() {
    use cloudphone::huawei::bandwidth::{ListBandwidths, ResizeBandwidth};
    use cloudphone::huawei::catalog::ListServerModelOfferings;
    use cloudphone::huawei::events::{Authorization, AuthorizeEvent, ListEvents, RescheduleEvent};
    use cloudphone::huawei::images::{
        AddImageMember, DeleteImage, DeleteImageMember, ImageType, ListImageMembers, ListImages,
        ListPhoneImages, UpdateImageMember,
    };
    use cloudphone::huawei::server_admin::UpdateKeypair;
    use cloudphone::huawei::servers::{ListServers, ShowServer};
    let sim = Sim::start(small()).unwrap();
    let c = huawei(&sim);
    // Share the golden image with two projects, one a page; unshare one.
    let golden = c
        .execute(&ListImages::new().image_type(ImageType::Private).unwrap())
        .unwrap()
        .image_infos[0]
        .image_id
        .clone();
    for p in ["proj-a", "proj-b"] {
        c.execute(&AddImageMember::new(&golden, p).unwrap())
            .unwrap();
    }
    let again = c
        .execute(&AddImageMember::new(&golden, "proj-a").unwrap())
        .unwrap_err();
    assert_eq!(again.code(), "CPS.0001");
    let members: Vec<String> = c
        .pages(ListImageMembers::new(&golden).unwrap().limit(1).unwrap())
        .flat_map(|p| p.unwrap().members)
        .map(|m| m.member_id)
        .collect();
    assert_eq!(members, ["proj-a", "proj-b"]);
    c.execute(&DeleteImageMember::new(&golden, "proj-a").unwrap())
        .unwrap();
    assert_eq!(
        c.execute(&ListImageMembers::new(&golden).unwrap())
            .unwrap()
            .members
            .len(),
        1
    );
    // Accept the image shared with us: its receive_status says so.
    let shared = c
        .execute(&ListPhoneImages::new().image_type(ImageType::Share))
        .unwrap()
        .phone_images[0]
        .clone();
    c.execute(&UpdateImageMember::new(&shared.image_id, true).unwrap())
        .unwrap();
    let now_shared = c
        .execute(&ListPhoneImages::new().image_type(ImageType::Share))
        .unwrap();
    assert_eq!(now_shared.phone_images[0].receive_status, Some(1));
    // Delete the golden image: gone from both lists.
    c.execute(&DeleteImage::new(&golden).unwrap()).unwrap();
    assert_eq!(
        c.execute(&ListImages::new().image_type(ImageType::Private).unwrap())
            .unwrap()
            .total,
        Some(0)
    );
    assert_eq!(
        c.execute(&DeleteImage::new(&golden).unwrap())
            .unwrap_err()
            .code(),
        "CPS.0017"
    );
    // Offerings: every flavor in every zone, over marker pages, one sold out.
    let offers: Vec<_> = c
        .pages(ListServerModelOfferings::new().limit(2).unwrap())
        .flat_map(|p| p.unwrap().models)
        .collect();
    assert_eq!(offers.len(), 9);
    assert_eq!(
        offers
            .iter()
            .filter(|o| o.sell_status.as_deref() == Some("sellout"))
            .count(),
        1
    );
    // Resize a bandwidth; the list and the server detail show the new size.
    let bw = c.execute(&ListBandwidths::new()).unwrap().band_widths[0]
        .band_width_id
        .clone();
    c.execute(&ResizeBandwidth::new(&bw, 350).unwrap()).unwrap();
    let sizes = c.execute(&ListBandwidths::new()).unwrap().band_widths;
    assert_eq!(
        sizes
            .iter()
            .find(|b| b.band_width_id == bw)
            .unwrap()
            .band_width_size,
        Some(350)
    );
    // Change a server's key pair: a job, and the detail carries the new name.
    let server = c.execute(&ListServers::new()).unwrap().servers[0]
        .server_id
        .clone();
    let kp = c
        .execute(&UpdateKeypair::new([(server.clone(), "kp-new")]).unwrap())
        .unwrap();
    assert_eq!(kp.jobs.len(), 1);
    let detail = c.execute(&ShowServer::new(&server).unwrap()).unwrap();
    assert_eq!(detail.server.keypair_name.as_deref(), Some("kp-new"));
    // Events: two pending; authorize one for later, redeploy the other.
    let events = c
        .execute(&ListEvents::new().state("inquiring").unwrap())
        .unwrap();
    assert_eq!(events.count, Some(2));
    let later = {
        let secs = now_ms() / 1000 + 3600;
        let (d, t) = (secs / 86_400, secs % 86_400);
        // Days since 1970 to a civil date (Howard Hinnant's algorithm).
        let z = d as i64 + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        format!(
            "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
            t / 3600,
            t / 60 % 60,
            t % 60
        )
    };
    let first = events.scheduled_events[0].event_id.clone();
    let how = Authorization::Maintenance {
        not_before: Some(later.clone()),
    };
    c.execute(&AuthorizeEvent::new(&first, how).unwrap())
        .unwrap();
    c.execute(
        &AuthorizeEvent::new(
            &events.scheduled_events[1].event_id,
            Authorization::Redeploy,
        )
        .unwrap(),
    )
    .unwrap();
    c.execute(&RescheduleEvent::new(&first, &later).unwrap())
        .unwrap();
    let scheduled = c
        .execute(&ListEvents::new().state("scheduled").unwrap())
        .unwrap();
    assert_eq!(scheduled.count, Some(2));
    let mine = scheduled
        .scheduled_events
        .iter()
        .find(|e| e.event_id == first)
        .unwrap();
    assert_eq!(mine.not_before.as_deref(), Some(later.as_str()));
    assert_eq!(mine.authorization_type.as_deref(), Some("maintenance"));
}

#[test]
fn huawei_phone_data_and_sharing_on_the_simulator() {
    use cloudphone::huawei::phone_data::{
        Backup, BackupPhones, ObsObject, SetTraffic, TrafficType,
    };
    use cloudphone::huawei::servers::ListServers;
    use cloudphone::huawei::sharing::{DeleteShareApps, ListShareApps, PushShareApps};
    let sim = Sim::start(small()).unwrap();
    let c = huawei(&sim);
    let phone = sim.huawei_phone_ids()[0].clone();
    let obs = || ObsObject::new("cph-bkt", "p.tar").unwrap();
    let backup = Backup::new(&phone, ["/data/media"], obs()).unwrap();
    let started = c
        .execute(&BackupPhones::new(vec![backup]).unwrap())
        .unwrap();
    assert_eq!(started.jobs.len(), 1);
    let traffic = c
        .execute(&SetTraffic::new(TrafficType::Direct, [phone.as_str(), "nope"]).unwrap())
        .unwrap();
    assert_eq!((traffic.jobs.len(), traffic.errors.len()), (1, 1));
    // Shared apps: pushed, listed, deleted (a DELETE with a signed JSON body).
    let server = c.execute(&ListServers::new()).unwrap().servers[0]
        .server_id
        .clone();
    let push = PushShareApps::new("com.example.game", obs(), true, [server.as_str()]).unwrap();
    c.execute(&push).unwrap();
    let listed = c.execute(&ListShareApps::new(&server).unwrap()).unwrap();
    assert_eq!(listed.share_apps[0].package_name, "com.example.game");
    c.execute(&DeleteShareApps::new("com.example.game", [server.as_str()]).unwrap())
        .unwrap();
    assert!(
        c.execute(&ListShareApps::new(&server).unwrap())
            .unwrap()
            .share_apps
            .is_empty()
    );
}

#[test]
fn huawei_purchases_changes_and_deletions_on_the_simulator() {
    use cloudphone::huawei::images::{ImageType, ListPhoneImages};
    use cloudphone::huawei::purchase::{
        ChangeServer, CreateServers, CreateSingleServers, Nic, PhoneServerSpec, SingleNic,
        Subscription,
    };
    use cloudphone::huawei::server_admin::DeleteServers;
    use cloudphone::huawei::servers::ListServers;
    use cloudphone::phone::JobStatus;
    let sim = Sim::start(small().job_duration(Duration::from_millis(200))).unwrap();
    let c = huawei(&sim);
    let first = c.execute(&ListServers::new()).unwrap().servers[0].clone();
    let (server_model, phone_model) = (
        first.server_model_name.clone().unwrap(),
        first.phone_model_name.clone().unwrap(),
    );
    let golden = c
        .execute(&ListPhoneImages::new().image_type(ImageType::Private))
        .unwrap()
        .phone_images[0]
        .image_id
        .clone();
    let spec = |model: &str| {
        PhoneServerSpec::new(model, &golden, "vpc-sim", [Nic::new("subnet-sim")]).keypair("kp")
    };
    // Two servers with phones in the caller's VPC, then one bare server.
    let bought = c
        .execute(
            &CreateServers::new(
                "bought",
                &server_model,
                2,
                spec(&phone_model),
                Subscription::months(1).auto_pay(),
            )
            .unwrap(),
        )
        .unwrap();
    assert_eq!(bought.server_ids.len(), 2, "{bought:?}");
    assert!(bought.order_id.is_some());
    let bare = c
        .execute(
            &CreateSingleServers::new(
                "bare",
                &server_model,
                1,
                Subscription::years(1),
                "kp",
                [SingleNic::new("subnet-sim")],
            )
            .unwrap(),
        )
        .unwrap();
    assert_eq!(bare.server_ids.len(), 1);
    let v2 = c
        .execute(&ListServers::new().filter("network_version", "v2").unwrap())
        .unwrap();
    assert_eq!(v2.servers.len(), 3, "{v2:?}");
    assert!(v2.servers.iter().all(|s| s.vpc_id.is_some()));
    let phones = c
        .execute(&ListPhones::new().server(&bought.server_ids[0]).unwrap())
        .unwrap();
    assert!(!phones.records.is_empty());
    assert!(
        phones
            .records
            .iter()
            .all(|p| p.image_id.as_deref() == Some(golden.as_str()))
    );
    // A phone flavor the server flavor does not run is refused.
    let wrong = c
        .execute(
            &CreateServers::new("x", &server_model, 1, spec("nope"), Subscription::months(1))
                .unwrap(),
        )
        .unwrap_err();
    assert_eq!(wrong.code(), "CPS.0001");
    // A change re-creates the first server's phones on the golden image: one job, waited on.
    let change = c
        .execute(&ChangeServer::new(&first.server_id, spec(&phone_model)).unwrap())
        .unwrap();
    let job = c
        .wait_job(
            change.job_id.clone().unwrap(),
            &cloudphone::client::WaitOptions::new(Duration::from_secs(30))
                .unwrap()
                .interval(Duration::from_millis(50))
                .unwrap(),
        )
        .unwrap();
    assert_eq!(job.status, JobStatus::Succeeded, "{job:?}");
    let changed = c
        .execute(&ListPhones::new().server(&first.server_id).unwrap())
        .unwrap();
    assert!(
        changed
            .records
            .iter()
            .all(|p| p.image_id.as_deref() == Some(golden.as_str()))
    );
    let missing = c
        .execute(&ChangeServer::new("0".repeat(32), spec(&phone_model)).unwrap())
        .unwrap_err();
    assert_eq!(missing.code(), "CPS.0016");
    // The bought servers go again.
    let mut all = bought.server_ids.clone();
    all.extend(bare.server_ids);
    let deletion = c.execute(&DeleteServers::new(all).unwrap()).unwrap();
    assert!(deletion.job_id.is_some());
    let v2 = c
        .execute(&ListServers::new().filter("network_version", "v2").unwrap())
        .unwrap();
    assert_eq!(
        v2.servers.len(),
        1,
        "only the changed server is left in a VPC"
    );
}

#[test]
fn huawei_tags_that_filter_on_the_simulator() {
    use cloudphone::huawei::servers::ListServers;
    use cloudphone::huawei::tags::{
        CreateTags, DeleteTags, ListProjectTags, ListServerTags, ListTaggedServers, Tag, TagValues,
    };
    let sim = Sim::start(small()).unwrap();
    let c = huawei(&sim);
    let servers = c.execute(&ListServers::new()).unwrap().servers;
    let keys = c.execute(&ListProjectTags::new()).unwrap();
    assert_eq!(keys.total_count, Some(2), "{keys:?}");
    let prod =
        ListTaggedServers::with_tags(vec![TagValues::new("env", ["prod"]).unwrap()]).unwrap();
    let before = c
        .execute(&prod.clone().count_only())
        .unwrap()
        .total_count
        .unwrap();
    assert!(before > 0);
    // Tag a test server as prod: one more prod server, found by name too.
    let test_server = c
        .execute(
            &ListTaggedServers::with_tags(vec![TagValues::new("env", ["test"]).unwrap()]).unwrap(),
        )
        .unwrap()
        .resources[0]
        .clone();
    let id = test_server.resource_id.clone();
    c.execute(
        &CreateTags::new(
            &id,
            vec![
                Tag::new("env", "prod").unwrap(),
                Tag::new("owner", "ops@x").unwrap(),
            ],
        )
        .unwrap(),
    )
    .unwrap();
    assert_eq!(
        c.execute(&prod.clone().count_only()).unwrap().total_count,
        Some(before + 1)
    );
    let tags = c.execute(&ListServerTags::new(&id).unwrap()).unwrap().tags;
    assert!(
        tags.contains(&Tag::new("owner", "ops@x").unwrap()),
        "{tags:?}"
    );
    let by_name = ListTaggedServers::with_tags(vec![])
        .unwrap()
        .name(test_server.resource_name.clone().unwrap())
        .unwrap();
    assert_eq!(c.execute(&by_name).unwrap().resources[0].resource_id, id);
    // Untagged: the last server; removing its tags makes another one.
    let untagged = c.execute(&ListTaggedServers::untagged()).unwrap();
    assert_eq!(untagged.total_count, Some(1));
    c.execute(&DeleteTags::new(&id, tags).unwrap()).unwrap();
    assert_eq!(
        c.execute(&ListTaggedServers::untagged())
            .unwrap()
            .total_count,
        Some(2)
    );
    // Pages of the search walk every match.
    let all_prod: usize = c
        .pages(prod.page(0, 1).unwrap())
        .map(|p| p.unwrap().resources.len())
        .sum();
    assert_eq!(all_prod as u64, before);
    assert!(servers.len() >= 2);
    // An unknown server is the API's 404.
    let err = c
        .execute(&ListServerTags::new("nope").unwrap())
        .unwrap_err();
    assert_eq!(err.code(), "CPS.0016");
}

// ------------------------------------------------- waiting for work (issue 13)

mod waits {
    use super::*;
    use cloudphone::client::{Cancel, WaitOptions};
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    fn options(timeout_ms: u64) -> WaitOptions {
        WaitOptions::new(Duration::from_millis(timeout_ms))
            .unwrap()
            .interval(Duration::from_millis(200))
            .unwrap()
    }

    fn huawei_running(sim: &Sim, client: &HuaweiClient, n: usize) -> Vec<String> {
        let _ = sim;
        let page = client
            .execute(&ListPhones::new().page(0, 60).unwrap())
            .unwrap();
        page.records
            .iter()
            .filter(|p| p.status == PhoneStatus::Running)
            .take(n)
            .map(|p| p.phone_id.clone())
            .collect()
    }

    #[test]
    fn a_fleet_over_both_providers_lists_reads_and_stops_with_one_api() {
        use cloudphone::client::{Capability, Fleet, PhoneRef};
        use cloudphone::{Error, Provider};
        let sim = Sim::start(small()).unwrap();
        let fleet = Fleet::new().huawei(huawei(&sim)).geelark(geelark_key(&sim));
        assert_eq!(fleet.providers(), [Provider::Huawei, Provider::GeeLark]);
        let phones = fleet.list().unwrap();
        let count = |p: Provider| phones.iter().filter(|x| x.provider == p).count();
        assert_eq!(
            (count(Provider::Huawei), count(Provider::GeeLark)),
            (60, 60)
        );
        // Status of every phone, both providers, one outcome.
        let status = fleet.status(&phones).unwrap();
        assert_eq!(status.total(), 120, "{:?}", status.failed);
        assert!(status.is_complete_success());
        // What a provider cannot do is refused before anything is sent.
        for (p, cap) in [
            (PhoneRef::geelark("1"), Capability::Access),
            (PhoneRef::geelark("1"), Capability::Reset),
            (PhoneRef::huawei("1"), Capability::Start),
        ] {
            assert!(!Fleet::supports(p.provider, cap));
        }
        let mixed = [
            PhoneRef::from(&phones[0]),
            PhoneRef::geelark(&phones[60].id),
        ];
        assert!(matches!(
            fleet.access(mixed.clone(), ClientType::Android),
            Err(Error::Unsupported(_))
        ));
        assert!(matches!(
            Fleet::new()
                .huawei(huawei(&sim))
                .stop(mixed, &options(5_000)),
            Err(Error::Unsupported(_))
        ));
        // Stop a running phone of each provider and wait, side by side.
        let running: Vec<PhoneRef> = [Provider::Huawei, Provider::GeeLark]
            .into_iter()
            .filter_map(|p| {
                status
                    .succeeded
                    .iter()
                    .find(|s| s.provider == p && s.status.is_running())
                    .map(|s| match p {
                        Provider::Huawei => PhoneRef::huawei(&s.id),
                        _ => PhoneRef::geelark(&s.id),
                    })
            })
            .collect();
        assert_eq!(running.len(), 2, "{:?}", status.succeeded);
        // Restart one of each provider and wait until both run again.
        assert!(Fleet::supports(Provider::GeeLark, Capability::Restart));
        let out = fleet.restart(running.clone(), &options(30_000)).unwrap();
        assert_eq!(out.done.len(), 2, "{out:?}");
        let out = fleet.stop(running.clone(), &options(30_000)).unwrap();
        assert_eq!(out.done.len(), 2, "{out:?}");
        let after = fleet.status(running).unwrap();
        assert!(
            after
                .succeeded
                .iter()
                .all(|s| s.status == PhoneStatus::Stopped),
            "{after:?}"
        );
    }

    #[test]
    fn huawei_restart_and_wait_accounts_for_every_id_in_input_order() {
        let sim = Sim::start(small()).unwrap();
        let c = huawei(&sim);
        let mut ids = huawei_running(&sim, &c, 3);
        assert_eq!(ids.len(), 3);
        ids.insert(1, "0000000000000000000000000000dead".to_owned());
        let polls = Arc::new(AtomicUsize::new(0));
        let seen = polls.clone();
        let opts = options(30_000).progress(move |p| {
            assert!(p.done <= p.total);
            seen.fetch_add(1, Ordering::Relaxed);
        });
        let out = c.restart_and_wait(ids.clone(), &opts).unwrap();
        assert_eq!(
            out.done,
            [ids[0].clone(), ids[2].clone(), ids[3].clone()],
            "{out:?}"
        );
        assert_eq!(out.failed.len(), 1, "{out:?}");
        assert_eq!(out.failed[0].id, ids[1]);
        assert!(out.timed_out.is_empty() && !out.cancelled);
        assert!(!out.is_complete_success() && out.total() == 4);
        assert!(
            polls.load(Ordering::Relaxed) >= 1,
            "the progress hook was called"
        );
        // The phones are running again afterwards.
        for id in &out.done {
            let p = c.execute(&ShowPhone::new(id.clone()).unwrap()).unwrap();
            assert_eq!(p.phone.status, PhoneStatus::Running);
        }
    }

    #[test]
    fn huawei_wait_ends_at_the_deadline_or_on_cancel_with_the_last_state() {
        let sim = Sim::start(small().job_duration(Duration::from_secs(600))).unwrap();
        let c = huawei(&sim);
        let running = huawei_running(&sim, &c, 4);
        let (ids, others) = running.split_at(2);
        let out = c.restart_and_wait(ids.to_vec(), &options(500)).unwrap();
        assert!(out.done.is_empty() && out.failed.is_empty(), "{out:?}");
        let unfinished: Vec<(&str, Option<&str>)> = out
            .timed_out
            .iter()
            .map(|u| (u.id.as_str(), u.last_state))
            .collect();
        assert_eq!(
            unfinished,
            [
                (ids[0].as_str(), Some("running")),
                (ids[1].as_str(), Some("running"))
            ]
        );
        assert!(!out.cancelled);

        // Cancelled from another thread long before a one-hour deadline.
        let cancel = Cancel::new();
        let other = cancel.clone();
        let stopper = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(300));
            other.cancel();
        });
        let began = Instant::now();
        let out = c
            .stop_and_wait(others.to_vec(), &options(3_600_000).cancel(cancel))
            .unwrap();
        stopper.join().unwrap();
        assert!(out.cancelled, "{out:?}");
        assert_eq!(out.timed_out.len(), 2, "{out:?}");
        // Hang guard only (the wait polls the flag every 100 ms).
        assert!(began.elapsed() < Duration::from_secs(60));
    }

    #[test]
    fn geelark_start_and_stop_and_wait() {
        let sim = Sim::start(small()).unwrap();
        let c = geelark_key(&sim);
        let all = c.phone_status(sim.geelark_phone_ids()).unwrap();
        let with = |raw: i64, n: usize| -> Vec<String> {
            let phones = all.succeeded.iter().filter(|p| p.raw_status == raw);
            phones.take(n).map(|p| p.id.clone()).collect()
        };
        let stopped = with(2, 2);
        let expired = with(3, 1);
        assert_eq!(
            (stopped.len(), expired.len()),
            (2, 1),
            "the simulated fleet has stopped and expired phones"
        );
        let ids: Vec<String> = [stopped.clone(), expired.clone(), vec!["1".to_owned()]].concat();
        let out = c.start_and_wait(ids.clone(), &options(30_000)).unwrap();
        assert_eq!(out.done, stopped, "{out:?}");
        let failed: Vec<&str> = out.failed.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(failed, [expired[0].as_str(), "1"], "{out:?}");
        assert_eq!(out.total(), 4);
        let now = c.phone_status(stopped.clone()).unwrap();
        assert!(
            now.succeeded
                .iter()
                .all(|p| p.status == PhoneStatus::Running)
        );

        let out = c.stop_and_wait(stopped.clone(), &options(30_000)).unwrap();
        assert_eq!(out.done, stopped, "{out:?}");
        // A bad interval is refused before anything is sent.
        let e = c
            .wait_until(
                stopped,
                PhoneStatus::Running,
                &WaitOptions::new(Duration::from_secs(1))
                    .unwrap()
                    .interval(Duration::from_millis(10))
                    .unwrap(),
            )
            .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidInput, "{e}");
    }
}

/// The README's Rust main job (`examples/main_job.rs`) runs on the simulator
/// with the variables `cloudphone sim` prints, and does each step.
#[test]
fn the_main_job_example_runs_on_the_simulator() {
    let exe = std::env::current_exe().unwrap();
    let profile_dir = exe.parent().and_then(std::path::Path::parent).unwrap();
    let example = profile_dir
        .join("examples")
        .join(format!("main_job{}", std::env::consts::EXE_SUFFIX));
    if !example.exists() {
        let st = std::process::Command::new(env!("CARGO"))
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args([
                "build",
                "--quiet",
                "--example",
                "main_job",
                "--features",
                "client",
            ])
            .arg("--target-dir")
            .arg(profile_dir.parent().unwrap())
            .status()
            .unwrap();
        assert!(st.success());
    }
    let sim = Sim::start(
        SimConfig::default()
            .phones(40)
            .job_duration(Duration::from_millis(200)),
    )
    .unwrap();
    let out = std::process::Command::new(&example)
        .env_clear()
        .envs(sim.env())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(
        lines[0].ends_with("with access") && !lines[0].starts_with("0 "),
        "{stdout}"
    );
    assert!(
        lines[1].starts_with("restarted [\"") && lines[1].ends_with("failed []"),
        "{stdout}"
    );
    assert!(
        lines[2].starts_with("GeeLark: ") && lines[2].ends_with("of 40 up"),
        "{stdout}"
    );
}

/// The material library, analytics, billing actions and team brands
/// against the simulator: made, found, labelled, deleted; money spent and
/// refused; transactions walked to the end by their cursor.
#[test]
fn geelark_library_analytics_billing() {
    use cloudphone::geelark::account::{GetWallet, ListTeamBrands};
    use cloudphone::geelark::analytics::*;
    use cloudphone::geelark::billing::*;
    use cloudphone::geelark::labels::TagColor;
    use cloudphone::geelark::materials::*;
    let sim = Sim::start(small()).unwrap();
    let c = geelark_key(&sim);
    // A material from an upload, with a tag; an unknown tag is refused per tag.
    let tag = c
        .execute(&CreateMaterialTag::new("promo", TagColor::Red).unwrap())
        .unwrap()
        .id;
    assert_eq!(
        c.execute(&CreateMaterialTag::new("promo", TagColor::Blue).unwrap())
            .unwrap_err()
            .code(),
        "60002"
    );
    let target = c
        .execute(&GetMaterialUploadUrl::new("mp4").unwrap())
        .unwrap();
    c.execute(&target.put(b"clip".to_vec()).unwrap()).unwrap();
    let made = c
        .execute(
            &CreateMaterial::new(&target.resource_url)
                .unwrap()
                .tags([tag.as_str(), "1"])
                .unwrap()
                .file_name("intro.mp4")
                .unwrap(),
        )
        .unwrap();
    let material = made.id.unwrap();
    assert_eq!(made.tag_failures.len(), 1);
    assert_eq!(made.tag_failures[0].code, "43022");
    assert_eq!(
        c.execute(&CreateMaterial::new("https://elsewhere.example/a.mp4").unwrap())
            .unwrap_err()
            .code(),
        "60001"
    );
    let found = c
        .execute(
            &SearchMaterials::new()
                .tags([tag.as_str()])
                .unwrap()
                .kinds(&[MaterialKind::Video]),
        )
        .unwrap();
    assert_eq!(found.total, Some(1));
    assert_eq!(found.materials[0].tags[0].name.as_deref(), Some("promo"));
    let set = c
        .execute(&SetMaterialTags::new([material.as_str(), "404"], Vec::<String>::new()).unwrap())
        .unwrap();
    assert_eq!(set.succeeded, std::slice::from_ref(&material));
    assert_eq!(set.failures[0].code, "60005");
    let tags: Vec<_> = c
        .pages(SearchMaterialTags::new().page(1, 1).unwrap())
        .collect::<cloudphone::Result<Vec<_>>>()
        .unwrap();
    assert_eq!(tags.len(), 1);
    let gone = c
        .execute(&DeleteMaterials::new([material.as_str(), "404"]).unwrap())
        .unwrap();
    assert_eq!(gone.succeeded.len(), 1);
    assert_eq!(gone.failures[0].code, "60005");
    c.execute(&DeleteMaterialTags::new([tag.as_str()]).unwrap())
        .unwrap();

    // Analytics: accounts added, repeats counted, figures read, tags kept.
    let add = c
        .execute(
            &AddAnalyticsAccounts::new(
                Channel::TikTok,
                vec![
                    NewAnalyticsAccount::new("tk_a", Some("main".into())).unwrap(),
                    NewAnalyticsAccount::new("tk_b", None).unwrap(),
                ],
            )
            .unwrap(),
        )
        .unwrap();
    assert_eq!((add.biz_code, add.success_count), (Some(0), Some(2)));
    let again = c
        .execute(
            &AddAnalyticsAccounts::new(
                Channel::TikTok,
                vec![NewAnalyticsAccount::new("tk_a", None).unwrap()],
            )
            .unwrap(),
        )
        .unwrap();
    assert_eq!((again.biz_code, again.repeat_count), (Some(2), Some(1)));
    let accounts = c
        .execute(&ListAnalyticsAccounts::new().channel(Channel::TikTok))
        .unwrap();
    assert_eq!(accounts.total, Some(2));
    let atag = c
        .execute(&CreateAnalyticsTag::new("brand", TagColor::Green).unwrap())
        .unwrap()
        .id
        .unwrap();
    c.execute(
        &UpdateAnalyticsAccount::new(&accounts.accounts[0].id)
            .unwrap()
            .remark("watched")
            .unwrap()
            .tags([atag.as_str()])
            .unwrap(),
    )
    .unwrap();
    let data = c
        .execute(&GetAnalyticsData::new().account("tk_a").unwrap())
        .unwrap();
    assert_eq!(data.records.len(), 1);
    assert_eq!(
        data.records[0].share_count,
        Some(-1),
        "added today: not collected"
    );
    c.execute(&UpdateAnalyticsTag::new(&atag, Some("brand2".into()), None).unwrap())
        .unwrap();
    assert_eq!(
        c.execute(&ListAnalyticsTags::new()).unwrap().tags[0]
            .name
            .as_deref(),
        Some("brand2")
    );
    let del = c
        .execute(&DeleteAnalyticsTags::new([atag.as_str(), "9"]).unwrap())
        .unwrap();
    assert_eq!(del.succeeded, [atag]);
    c.execute(&DeleteAnalyticsAccount::new(Channel::TikTok, "tk_b").unwrap())
        .unwrap();
    assert_eq!(
        c.execute(&ListAnalyticsAccounts::new()).unwrap().total,
        Some(1)
    );

    // Billing: spending lowers the wallet; short money, downgrades and bad
    // promo codes are refused with GeeLark's codes.
    let before = c.execute(&GetWallet).unwrap().wallet.balance.unwrap();
    c.execute(&BuyTimeAddOn::new(2000).unwrap()).unwrap();
    let after = c.execute(&GetWallet).unwrap().wallet;
    assert!((before - after.balance.unwrap() - 20.0).abs() < 1e-9);
    assert_eq!(after.available_time_add_on, Some(3200));
    assert_eq!(
        c.execute(&BuyTimeAddOn::new(10_000_000).unwrap())
            .unwrap_err()
            .code(),
        "41001"
    );
    assert_eq!(
        c.execute(&UpgradePlan::new("512719311391940001", 1, 1).unwrap())
            .unwrap_err()
            .code(),
        "41002"
    );
    assert_eq!(
        c.execute(&RenewPlan::new(30).unwrap().promo_code("NOPE").unwrap())
            .unwrap_err()
            .code(),
        "41003"
    );
    c.execute(&RenewPlan::new(30).unwrap().promo_code("SIM-PROMO").unwrap())
        .unwrap();
    let order = c
        .execute(&RechargeWallet::new(PayChannel::WeChat, 300).unwrap())
        .unwrap();
    assert!(order.order_id.is_some() && order.url.is_some());
    let pages: Vec<_> = c
        .pages(ListTransactions::new().limit(100).unwrap())
        .collect::<cloudphone::Result<Vec<_>>>()
        .unwrap();
    assert_eq!(pages.len(), 3);
    let flows: std::collections::HashSet<String> = pages
        .iter()
        .flat_map(|p| p.transactions.iter().map(|t| t.id.clone()))
        .collect();
    assert_eq!(flows.len(), 240);
    let brands = c.execute(&ListTeamBrands::new(13).unwrap()).unwrap();
    assert_eq!(brands.brands.len(), 2);
}
