//! Huawei fleet operations beyond snapshots: paging through a fleet, the job
//! watcher, and refused input.

use cloudphone::huawei::adb::{Command, RunCommand, RunSyncShell, Target};
use cloudphone::huawei::jobs::{Job, JobWatch, ListJobs, WatchStep};
use cloudphone::huawei::lifecycle::{Properties, RestartPhones, UpdateProperties};
use cloudphone::huawei::phones::{ListPhones, RenamePhone, ShowPhone};
use cloudphone::huawei::servers::{ListEncodeServers, ListServers};
use cloudphone::{Error, JobStatus, Operation, Pager, PhoneStatus, Response};
use std::collections::BTreeMap;

fn phones_page(ids: std::ops::Range<usize>, count: Option<usize>) -> Response {
    let phones: Vec<String> = ids
        .map(|i| format!(r#"{{"phone_id":"p{i}","phone_name":"n{i}","status":2}}"#))
        .collect();
    let count = count.map_or(String::new(), |c| format!(r#""count":{c},"#));
    Response::new(
        200,
        format!(
            r#"{{"request_id":"r",{count}"phones":[{}]}}"#,
            phones.join(",")
        ),
    )
}

/// Walks a fleet page by page the way a client does; returns the offsets asked.
fn walk(total: usize, limit: u32, serve: impl Fn(u32, u32) -> Response) -> (Vec<u32>, Vec<String>) {
    let mut op = ListPhones::new().page(0, limit).unwrap();
    let mut offsets = Vec::new();
    let mut ids = Vec::new();
    loop {
        let req = op.build(&cloudphone::Context::new(&cfg(), 0, "t")).unwrap();
        let offset: u32 = query(&req.url, "offset").parse().unwrap();
        offsets.push(offset);
        let page = op.parse(&serve(offset, limit)).unwrap();
        ids.extend(page.phones.iter().map(|p| p.id.clone()));
        assert!(page.phones.iter().all(|p| p.status == PhoneStatus::Running));
        match op.next_page(&page) {
            Some(next) => op = next,
            None => break,
        }
        assert!(offsets.len() <= total + 2, "pager does not stop");
    }
    (offsets, ids)
}

fn query(url: &str, key: &str) -> String {
    url.split(['?', '&'])
        .find_map(|kv| kv.strip_prefix(&format!("{key}=")))
        .unwrap()
        .to_owned()
}

fn cfg() -> cloudphone::huawei::Config {
    cloudphone::huawei::Config::for_region(
        "cn-north-4",
        "proj",
        cloudphone::huawei::Auth::token("t"),
    )
    .unwrap()
}

#[test]
fn pager_total_not_a_multiple_of_the_page_size() {
    let total = 250;
    let (offsets, ids) = walk(total, 100, |o, l| {
        let end = (o as usize + l as usize).min(total);
        phones_page(o as usize..end, Some(total))
    });
    assert_eq!(offsets, [0, 100, 200]);
    assert_eq!(ids.len(), 250);
}

#[test]
fn pager_empty_fleet() {
    let (offsets, ids) = walk(0, 100, |_, _| phones_page(0..0, Some(0)));
    assert_eq!(offsets, [0]);
    assert!(ids.is_empty());
}

#[test]
fn pager_short_pages_from_the_server() {
    // The server returns at most 30 per page although 100 were asked.
    let total = 95;
    let (offsets, ids) = walk(total, 100, |o, _| {
        let end = (o as usize + 30).min(total);
        phones_page(o as usize..end, Some(total))
    });
    assert_eq!(offsets, [0, 30, 60, 90]);
    assert_eq!(ids, (0..95).map(|i| format!("p{i}")).collect::<Vec<_>>());
}

#[test]
fn pager_page_past_the_end_and_shrinking_total() {
    // The total said 300 but the fleet shrank: an empty page ends the walk.
    let (offsets, ids) = walk(300, 100, |o, l| {
        let end = (o as usize + l as usize).min(150);
        phones_page((o as usize).min(150)..end, Some(300))
    });
    // The short second page moves the offset by what came back (150); the
    // empty page there ends the walk.
    assert_eq!(offsets, [0, 100, 150]);
    assert_eq!(ids.len(), 150);
}

#[test]
fn pager_without_total_stops_on_a_short_page() {
    let enc = ListEncodeServers::new().page(0, 2).unwrap();
    let full = enc
        .parse(&Response::new(
            200,
            r#"{"encode_servers":[{"encode_server_id":"a"},{"encode_server_id":"b"}]}"#,
        ))
        .unwrap();
    let next = enc.next_page(&full).expect("a full page asks for more");
    let short = next
        .parse(&Response::new(
            200,
            r#"{"encode_servers":[{"encode_server_id":"c"}]}"#,
        ))
        .unwrap();
    assert!(next.next_page(&short).is_none());
    let servers = ListServers::new();
    let one = servers
        .parse(&Response::new(
            200,
            r#"{"count":1,"servers":[{"server_id":"s","status":5}]}"#,
        ))
        .unwrap();
    assert!(servers.next_page(&one).is_none());
}

#[test]
fn phone_models_page_on_until_a_short_page_and_refuse_bad_input() {
    use cloudphone::huawei::catalog::ListPhoneModels;
    let page = |names: &[&str]| {
        let models: Vec<String> = names
            .iter()
            .map(|n| format!(r#"{{"phone_model_name":"{n}","status":1}}"#))
            .collect();
        Response::new(200, format!(r#"{{"phone_models":[{}]}}"#, models.join(",")))
    };
    let first = ListPhoneModels::new().page(0, 2).unwrap();
    let full = first.parse(&page(&["a", "b"])).unwrap();
    let second = first.next_page(&full).expect("a full page asks for more");
    let req = second
        .build(&cloudphone::Context::new(&cfg(), 0, "t"))
        .unwrap();
    assert_eq!(query(&req.url, "offset"), "2");
    let short = second.parse(&page(&["c"])).unwrap();
    assert!(second.next_page(&short).is_none());
    assert_eq!(
        field(ListPhoneModels::new().page(0, 0).unwrap_err()),
        "limit"
    );
    assert_eq!(
        field(ListPhoneModels::new().page(0, 101).unwrap_err()),
        "limit"
    );
    assert_eq!(
        field(ListPhoneModels::new().status(2).unwrap_err()),
        "status"
    );
}

#[test]
fn marker_listings_follow_next_marker_and_stop_on_none_empty_or_the_same() {
    use cloudphone::huawei::catalog::ListServerModels;
    use cloudphone::huawei::images::{ImageType, ListImages, ListPhoneImages};
    let page = |marker: Option<&str>| {
        let info = marker.map_or(String::new(), |m| {
            format!(r#","page_info":{{"next_marker":"{m}"}}"#)
        });
        Response::new(
            200,
            format!(r#"{{"phone_images":[{{"image_id":"i1"}}]{info}}}"#),
        )
    };
    let first = ListPhoneImages::new().image_type(ImageType::All);
    let second = first
        .next_page(&first.parse(&page(Some("m1"))).unwrap())
        .unwrap();
    let req = second
        .build(&cloudphone::Context::new(&cfg(), 0, "t"))
        .unwrap();
    assert_eq!(query(&req.url, "marker"), "m1");
    assert_eq!(query(&req.url, "image_type"), "all");
    // The same marker again would loop: the listing ends.
    assert!(
        second
            .next_page(&second.parse(&page(Some("m1"))).unwrap())
            .is_none()
    );
    assert!(
        first
            .next_page(&first.parse(&page(Some(""))).unwrap())
            .is_none()
    );
    assert!(
        first
            .next_page(&first.parse(&page(None)).unwrap())
            .is_none()
    );
    // Server models page the same way.
    let sm = ListServerModels::new();
    let body = r#"{"server_models":[{"server_model_name":"a"}],"page_info":{"next_marker":"a"}}"#;
    assert!(
        sm.next_page(&sm.parse(&Response::new(200, body)).unwrap())
            .is_some()
    );
    // Bad input is refused before anything is built.
    assert_eq!(
        field(ListPhoneImages::new().limit(501).unwrap_err()),
        "limit"
    );
    assert_eq!(
        field(ListPhoneImages::new().after("x".repeat(300)).unwrap_err()),
        "marker"
    );
    assert_eq!(
        field(ListImages::new().image_type(ImageType::Public).unwrap_err()),
        "image_type"
    );
    assert_eq!(field(ListImages::new().status(3).unwrap_err()), "status");
    assert_eq!(
        field(ListServerModels::new().product_type(2).unwrap_err()),
        "product_type"
    );
    // Custom images page by offset against the total.
    let li = ListImages::new().page(0, 1).unwrap();
    let one = li
        .parse(&Response::new(
            200,
            r#"{"total":2,"image_infos":[{"image_id":"a"}]}"#,
        ))
        .unwrap();
    assert!(li.next_page(&one).is_some());
}

#[test]
fn event_times_bandwidth_steps_and_keypairs_are_checked_before_sending() {
    use cloudphone::Context;
    use cloudphone::huawei::bandwidth::ResizeBandwidth;
    use cloudphone::huawei::events::{Authorization, AuthorizeEvent, RescheduleEvent};
    use cloudphone::huawei::server_admin::UpdateKeypair;
    let now = 1_700_000_000_000; // 2023-11-14T22:13:20Z
    let ctx = |cfg: &cloudphone::huawei::Config| {
        RescheduleEvent::new("e", "2023-11-14T22:18:19Z")
            .unwrap()
            .build(&Context::new(cfg, now, "t"))
    };
    // Four minutes 59 seconds ahead: too soon; six minutes: fine.
    assert_eq!(field(ctx(&cfg()).unwrap_err()), "not_before");
    let later = RescheduleEvent::new("e", "2023-11-14T22:19:20Z").unwrap();
    assert!(later.build(&Context::new(&cfg(), now, "t")).is_ok());
    assert_eq!(
        field(RescheduleEvent::new("e", "tomorrow").unwrap_err()),
        "not_before"
    );
    let soon = AuthorizeEvent::new(
        "e",
        Authorization::Maintenance {
            not_before: Some("2023-11-14T22:14:00Z".into()),
        },
    )
    .unwrap();
    assert_eq!(
        field(soon.build(&Context::new(&cfg(), now, "t")).unwrap_err()),
        "not_before"
    );
    let now_please =
        AuthorizeEvent::new("e", Authorization::Maintenance { not_before: None }).unwrap();
    assert!(now_please.build(&Context::new(&cfg(), now, "t")).is_ok());
    for ok in [1, 300, 350, 1000, 1500] {
        assert!(ResizeBandwidth::new("b", ok).is_ok(), "{ok}");
    }
    for bad in [0, 301, 999, 1001, 1250] {
        assert_eq!(
            field(ResizeBandwidth::new("b", bad).unwrap_err()),
            "band_width_size",
            "{bad}"
        );
    }
    assert_eq!(
        field(UpdateKeypair::new([("s", "k"), ("s", "k2")]).unwrap_err()),
        "servers"
    );
    assert_eq!(
        field(UpdateKeypair::new(Vec::<(String, String)>::new()).unwrap_err()),
        "servers"
    );
    assert_eq!(
        field(UpdateKeypair::new([("s", "")]).unwrap_err()),
        "keypair_name"
    );
}

#[test]
fn names_follow_the_documented_alphabet() {
    use cloudphone::huawei::server_admin::RenameServer;
    for good in ["phone-01_a", "云手机01", "Z"] {
        assert!(RenamePhone::new("p", good).is_ok(), "{good}");
        assert!(RenameServer::new("s", good).is_ok(), "{good}");
    }
    for bad in ["café", "Тест", "a b", "", "émoji🙂", &"x".repeat(61)] {
        assert_eq!(
            field(RenamePhone::new("p", bad).unwrap_err()),
            "phone_name",
            "{bad}"
        );
        assert_eq!(
            field(RenameServer::new("s", bad).unwrap_err()),
            "server_name",
            "{bad}"
        );
    }
}

fn job(id: &str, status: i64) -> Job {
    let list = ListJobs::for_request("r").unwrap();
    let body = format!(r#"{{"jobs":[{{"job_id":"{id}","phone_id":"p-{id}","status":{status}}}]}}"#);
    list.parse(&Response::new(200, body))
        .unwrap()
        .jobs
        .remove(0)
}

#[test]
fn job_watch_polls_until_every_job_is_terminal() {
    let mut w = JobWatch::new("req-1", 1_000, 500, 10_000).unwrap();
    let WatchStep::Poll {
        not_before_unix_ms,
        op,
    } = w.step(1_000)
    else {
        panic!("poll first")
    };
    assert_eq!(not_before_unix_ms, 1_000);
    assert_eq!(op, ListJobs::for_request("req-1").unwrap());
    w.observe(vec![job("a", 1), job("b", 2)], 1_200);
    match w.step(1_300) {
        WatchStep::Poll {
            not_before_unix_ms, ..
        } => assert_eq!(not_before_unix_ms, 1_700),
        other => panic!("{other:?}"),
    }
    // An empty list (jobs not registered yet) is not "finished".
    w.observe(vec![], 1_700);
    assert!(matches!(w.step(1_800), WatchStep::Poll { .. }));
    w.observe(vec![job("a", -1), job("b", 2)], 2_200);
    match w.step(2_200) {
        WatchStep::Finished(jobs) => {
            assert_eq!(jobs[0].status, JobStatus::Failed);
            assert_eq!(jobs[1].status, JobStatus::Succeeded);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn job_watch_times_out_with_the_last_state() {
    let mut w = JobWatch::new("req-1", 0, 1_000, 3_000).unwrap();
    w.observe(vec![job("a", 1), job("b", 99)], 2_500);
    // The next poll is capped at the deadline.
    match w.step(2_600) {
        WatchStep::Poll {
            not_before_unix_ms, ..
        } => assert_eq!(not_before_unix_ms, 3_000),
        other => panic!("{other:?}"),
    }
    match w.step(3_000) {
        WatchStep::TimedOut(jobs) => {
            assert_eq!(jobs.len(), 2);
            assert!(matches!(jobs[1].status, JobStatus::Unknown { raw: 99, .. }));
        }
        other => panic!("{other:?}"),
    }
}

fn field(e: Error) -> &'static str {
    match e {
        Error::InvalidInput { field, .. } => field,
        other => panic!("expected invalid input, got {other:?}"),
    }
}

#[test]
fn refused_input() {
    assert_eq!(field(ListPhones::new().page(0, 0).unwrap_err()), "limit");
    assert_eq!(field(ListPhones::new().page(0, 201).unwrap_err()), "limit");
    assert!(ListPhones::new().page(0, 200).is_ok());
    assert_eq!(field(ListPhones::new().name("a\nb").unwrap_err()), "filter");
    assert_eq!(
        field(ListServers::new().filter("bogus", "1").unwrap_err()),
        "filter"
    );
    assert_eq!(field(ShowPhone::new("../x").unwrap_err()), "phone_id");
    assert_eq!(field(ShowPhone::new("a/b").unwrap_err()), "phone_id");
    assert_eq!(field(RenamePhone::new("p", "").unwrap_err()), "phone_name");
    assert_eq!(
        field(RenamePhone::new("p", "a b").unwrap_err()),
        "phone_name"
    );
    assert_eq!(
        field(RenamePhone::new("p", "x".repeat(61)).unwrap_err()),
        "phone_name"
    );
    assert!(RenamePhone::new("p", "手".repeat(60)).is_ok());
    assert_eq!(
        field(RestartPhones::new(Vec::<String>::new()).unwrap_err()),
        "phone_ids"
    );
    let hundred_one: Vec<String> = (0..101).map(|i| i.to_string()).collect();
    assert_eq!(
        field(RestartPhones::new(hundred_one).unwrap_err()),
        "phone_ids"
    );
    assert_eq!(
        field(
            RestartPhones::new(["p"])
                .unwrap()
                .with_image("a/b")
                .unwrap_err()
        ),
        "image_id"
    );
    assert_eq!(field(Properties::from_json("[1]").unwrap_err()), "property");
    assert_eq!(
        field(Properties::from_json("{\"a\":{}}").unwrap_err()),
        "property"
    );
    assert_eq!(
        Properties::from_json(r#"{"a":"1","b":2,"c":true}"#).unwrap(),
        Properties::new()
            .set("a", "1")
            .unwrap()
            .set("b", "2")
            .unwrap()
            .set("c", "true")
            .unwrap()
    );
    let big = Properties::new().set("k", "v".repeat(7800)).unwrap();
    assert_eq!(
        field(
            UpdateProperties::new()
                .phone("p", big, BTreeMap::new())
                .unwrap_err()
        ),
        "property"
    );
    assert_eq!(
        field(
            UpdateProperties::new()
                .phone("p", Properties::new(), BTreeMap::new())
                .unwrap_err()
        ),
        "property"
    );
    let one = Properties::new().set("a", "1").unwrap();
    let twice = UpdateProperties::new()
        .phone("p", one.clone(), BTreeMap::new())
        .unwrap()
        .phone("p", one, BTreeMap::new());
    assert_eq!(field(twice.unwrap_err()), "phone_id");
    let sixteen: Vec<String> = (0..16).map(|i| i.to_string()).collect();
    assert_eq!(
        field(RunSyncShell::new("ls", Target::Phones(sixteen)).unwrap_err()),
        "phone_ids"
    );
    assert_eq!(
        field(RunSyncShell::new("", Target::Phones(vec!["p".into()])).unwrap_err()),
        "content"
    );
    assert_eq!(
        field(RunSyncShell::new("x".repeat(2049), Target::Phones(vec!["p".into()])).unwrap_err()),
        "content"
    );
    assert_eq!(
        field(RunSyncShell::new("ls\nrm -rf /", Target::Phones(vec!["p".into()])).unwrap_err()),
        "content"
    );
    let p = || Target::Phones(vec!["p".into()]);
    assert_eq!(
        field(RunCommand::new(Command::Install("http://x/a.apk".into()), p()).unwrap_err()),
        "content"
    );
    assert_eq!(
        field(RunCommand::new(Command::Push("obs://b/a b.tar".into()), p()).unwrap_err()),
        "content"
    );
    assert_eq!(
        field(RunCommand::new(Command::InstallMultiple(vec![]), p()).unwrap_err()),
        "content"
    );
    let many: Vec<String> = (0..51).map(|i| format!("obs://b/{i}.apk")).collect();
    assert_eq!(
        field(RunCommand::new(Command::InstallMultiple(many), p()).unwrap_err()),
        "content"
    );
    assert_eq!(
        field(RunCommand::new(Command::Shell("ls".into()), Target::Servers(vec![])).unwrap_err()),
        "server_ids"
    );
    assert_eq!(
        field(ListJobs::for_requests(["a,b"]).unwrap_err()),
        "request_ids"
    );
    let twenty_one: Vec<String> = (0..21).map(|i| i.to_string()).collect();
    assert_eq!(
        field(ListJobs::for_requests(twenty_one).unwrap_err()),
        "request_ids"
    );
}
