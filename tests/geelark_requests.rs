//! Every GeeLark lifecycle operation's built request, rendered in full from a
//! fixed time and trace id (no redactions), plus the input checks that refuse
//! a request before anything is built. The bodies follow the reference
//! samples (`geelark-samples/v1_*.json`).

use cloudphone::geelark::{
    self, ChargeMode, CreatePhones, DeletePhones, GetAdbData, GetGps, GetScreenshotResult,
    GpsPosition, InstallApp, ListApps, ListPhones, NetType, NewPhone, ProxyConfig, ProxyScheme,
    SetAdb, SetGps, StartPhones, StopPhones, TakeScreenshot, UninstallApp, UpdatePhone,
};
use cloudphone::{Context, Error, Operation};

/// 2024-01-02T03:04:05.678Z
const NOW_MS: u64 = 1_704_164_645_678;
const TRACE: &str = "9F3C2A7B41D84E0C8B5A6D1E2F307A4C";
const P1: &str = "612345678901234567";
const P2: &str = "612345678901234568";
const P3: &str = "612345678901234569";

fn key_config() -> geelark::Config {
    geelark::Config::global(geelark::Auth::key(
        "eH6gQR4oHr3FsZpI36La01IW",
        "YjmFIUuq0oJgSDJ42fxLEb6R1qjjqf",
    ))
    .unwrap()
}

fn token_config() -> geelark::Config {
    geelark::Config::global(geelark::Auth::token("glk_token_example")).unwrap()
}

fn render<O: Operation<Config = geelark::Config>>(op: &O) -> String {
    op.build(&Context::new(&key_config(), NOW_MS, TRACE))
        .unwrap()
        .to_text()
}

fn snap(name: &str, text: String) {
    insta::with_settings!({ omit_expression => true, prepend_module_to_snapshot => false }, {
        insta::assert_snapshot!(name, text);
    });
}

fn field(e: Error) -> &'static str {
    match e {
        Error::InvalidInput { field, .. } => field,
        other => panic!("expected invalid input, got {other:?}"),
    }
}

#[test]
fn phone_list_sample_filters() {
    let op = ListPhones::new()
        .page(1, 20)
        .unwrap()
        .group_name("warmup-batch-a")
        .tags(["tiktok", "sg", "tiktok"])
        .unwrap()
        .charge_mode(ChargeMode::PerMinute)
        .open_status(true);
    snap("geelark_req_phone_list_sample", render(&op));
}

#[test]
fn phone_list_every_filter_token_mode() {
    let op = ListPhones::new()
        .page(3, 100)
        .unwrap()
        .ids([P1, P3])
        .unwrap()
        .serial_name("sg-tt-001")
        .remark("account \"A\"")
        .group_name("")
        .charge_mode(ChargeMode::Monthly)
        .open_status(false)
        .proxy_ids(["700000000000000001"])
        .unwrap()
        .serial_nos(["101", "102"])
        .unwrap();
    let req = op
        .build(&Context::new(&token_config(), NOW_MS, TRACE))
        .unwrap();
    snap("geelark_req_phone_list_all_filters_token", req.to_text());
}

#[test]
fn phone_list_refuses_bad_paging_and_filters() {
    assert_eq!(field(ListPhones::new().page(0, 10).unwrap_err()), "page");
    assert_eq!(
        field(ListPhones::new().page(1, 0).unwrap_err()),
        "page_size"
    );
    assert_eq!(
        field(ListPhones::new().page(1, 101).unwrap_err()),
        "page_size"
    );
    assert!(ListPhones::new().page(1, 100).is_ok());
    let many: Vec<String> = (0..101).map(|i| format!("id{i}")).collect();
    let base = || ListPhones::new().page(1, 10).unwrap();
    assert_eq!(field(base().ids(many.clone()).unwrap_err()), "ids");
    assert!(base().ids(many[..100].to_vec()).is_ok());
    assert_eq!(
        field(base().serial_nos(many.clone()).unwrap_err()),
        "serial_nos"
    );
    let eleven: Vec<String> = (0..11).map(|i| format!("px{i}")).collect();
    assert_eq!(field(base().proxy_ids(eleven).unwrap_err()), "proxy_ids");
    assert_eq!(field(base().ids(["a\nb"]).unwrap_err()), "ids");
    assert_eq!(field(base().tags([""]).unwrap_err()), "tags");
}

#[test]
fn phone_start_sample() {
    let op = StartPhones::new([P1, P2, P3, P1])
        .unwrap()
        .width(400)
        .unwrap()
        .center(true)
        .energy_saving(true);
    snap("geelark_req_phone_start_sample", render(&op));
    // Defaults are left to the server.
    snap(
        "geelark_req_phone_start_defaults",
        render(&StartPhones::new([P1]).unwrap()),
    );
}

#[test]
fn phone_start_refuses_bad_input() {
    assert_eq!(
        field(StartPhones::new(Vec::<String>::new()).unwrap_err()),
        "ids"
    );
    let many: Vec<String> = (0..101).map(|i| format!("id{i}")).collect();
    assert_eq!(field(StartPhones::new(many).unwrap_err()), "ids");
    let op = StartPhones::new([P1]).unwrap();
    assert_eq!(field(op.clone().width(199).unwrap_err()), "width");
    assert_eq!(field(op.clone().width(601).unwrap_err()), "width");
    assert!(op.clone().width(200).is_ok() && op.width(600).is_ok());
}

#[test]
fn phone_stop_and_delete_samples() {
    snap(
        "geelark_req_phone_stop_sample",
        render(&StopPhones::new([P1, P2]).unwrap()),
    );
    snap(
        "geelark_req_phone_delete_sample",
        render(&DeletePhones::new([P1, P2, "699999999999999999"]).unwrap()),
    );
    let many: Vec<String> = (0..101).map(|i| format!("id{i}")).collect();
    assert_eq!(field(DeletePhones::new(many.clone()).unwrap_err()), "ids");
    assert_eq!(field(StopPhones::new(many).unwrap_err()), "ids");
}

#[test]
fn phone_detail_update_sample_static_proxy() {
    let op = UpdatePhone::new(P1)
        .unwrap()
        .name("sg-tt-001-renamed")
        .unwrap()
        .remark("moved to cohort B")
        .unwrap()
        .group_id("605551234567890123")
        .unwrap()
        .tag_ids(["607771234567890001", "607779999999999999"])
        .unwrap()
        .proxy_config(
            ProxyConfig::fixed(ProxyScheme::Socks5, "203.0.113.30", 1080, "u30", "p30").unwrap(),
        );
    snap("geelark_req_phone_update_sample", render(&op));
}

#[test]
fn phone_detail_update_dynamic_proxy_and_clears() {
    let op = UpdatePhone::new(P2)
        .unwrap()
        .proxy_config(
            ProxyConfig::dynamic(27)
                .protocol(ProxyScheme::Socks5)
                .unwrap()
                .location("us", "texas", "austin"),
        )
        .remark("")
        .unwrap()
        .tag_ids(Vec::<String>::new())
        .unwrap()
        .proxy_id("700000000000000001")
        .unwrap()
        .phone_number("+15125550123")
        .unwrap();
    snap("geelark_req_phone_update_dynamic", render(&op));
}

#[test]
fn phone_detail_update_refuses_bad_input() {
    let op = UpdatePhone::new(P1).unwrap();
    assert_eq!(
        field(
            op.build(&Context::new(&key_config(), NOW_MS, TRACE))
                .unwrap_err()
        ),
        "update"
    );
    assert_eq!(field(UpdatePhone::new("").unwrap_err()), "id");
    assert_eq!(field(op.clone().name("x".repeat(101)).unwrap_err()), "name");
    assert!(op.clone().name("é".repeat(100)).is_ok());
    assert_eq!(field(op.clone().name("  ").unwrap_err()), "name");
    assert_eq!(
        field(op.clone().remark("r".repeat(1501)).unwrap_err()),
        "remark"
    );
    assert_eq!(
        field(ProxyConfig::fixed(ProxyScheme::Http, "", 80, "", "").unwrap_err()),
        "proxy_config.server"
    );
    assert_eq!(
        field(
            ProxyConfig::dynamic(21)
                .protocol(ProxyScheme::Https)
                .unwrap_err()
        ),
        "proxy_config.protocol"
    );
    // The proxy password never shows in Debug.
    let p = ProxyConfig::fixed(ProxyScheme::Http, "h", 80, "u", "SECRETPW").unwrap();
    assert!(!format!("{:?}", UpdatePhone::new(P1).unwrap().proxy_config(p)).contains("SECRETPW"));
}

fn sample_profiles() -> Vec<NewPhone> {
    vec![
        NewPhone::with_proxy_url("sg-tt-010", "socks5://user10:pass10@203.0.113.20:1080")
            .unwrap()
            .language("default")
            .group("warmup-batch-b")
            .tags(["tiktok", "sg"])
            .note("created by client")
            .surface("samsung", "Galaxy S23")
            .net_type(NetType::Mobile),
        NewPhone::with_saved_proxy("sg-tt-011", 7)
            .unwrap()
            .region(
                "USA-US",
                Some("Texas".to_owned()),
                Some("Austin".to_owned()),
            )
            .phone_number("+15125550123")
            .phone_name("pixel-office"),
    ]
}

#[test]
fn phone_create_sample() {
    let op = CreatePhones::new("Android 13", sample_profiles())
        .unwrap()
        .charge_mode(ChargeMode::PerMinute)
        .region("sgp")
        .unwrap();
    assert_eq!(op.profile_names(), ["sg-tt-010", "sg-tt-011"]);
    snap("geelark_req_phone_create_sample", render(&op));
    let dynamic = NewPhone::with_dynamic_proxy("us-15-001", "NodeMaven", "us")
        .unwrap()
        .refresh_url("https://rotate.example/?key=K");
    snap(
        "geelark_req_phone_create_dynamic",
        render(&CreatePhones::new("Android 15", vec![dynamic]).unwrap()),
    );
}

#[test]
fn phone_create_refuses_bad_input() {
    assert_eq!(
        field(CreatePhones::new("Android 13", vec![]).unwrap_err()),
        "profiles"
    );
    assert_eq!(
        field(CreatePhones::new("", sample_profiles()).unwrap_err()),
        "mobile_type"
    );
    let mut dup = sample_profiles();
    dup.push(NewPhone::with_saved_proxy("sg-tt-010", 1).unwrap());
    let e = CreatePhones::new("Android 13", dup).unwrap_err();
    assert!(
        e.to_string().contains("\"sg-tt-010\" is given twice"),
        "{e}"
    );
    let many: Vec<NewPhone> = (0..101)
        .map(|i| NewPhone::with_saved_proxy(format!("p{i}"), 1).unwrap())
        .collect();
    assert_eq!(
        field(CreatePhones::new("Android 13", many).unwrap_err()),
        "profiles"
    );
    assert_eq!(
        field(NewPhone::with_proxy_url("p", " ").unwrap_err()),
        "proxy_information"
    );
    assert_eq!(
        field(NewPhone::with_saved_proxy("", 1).unwrap_err()),
        "profile_name"
    );
    assert_eq!(
        field(NewPhone::with_dynamic_proxy("p", "IPHTML", "").unwrap_err()),
        "dynamic_proxy_location"
    );
    // The proxy URL's credentials never show in Debug.
    let p = NewPhone::with_proxy_url("p", "socks5://u:SECRETPW@h:1").unwrap();
    let op = CreatePhones::new("Android 13", vec![p]).unwrap();
    assert!(!format!("{op:?}").contains("SECRETPW"));
}

#[test]
fn screenshot_samples() {
    snap(
        "geelark_req_screenshot_sample",
        render(&TakeScreenshot::new(P1).unwrap()),
    );
    snap(
        "geelark_req_screenshot_result_sample",
        render(&GetScreenshotResult::new("1901234567890123456").unwrap()),
    );
    assert_eq!(field(TakeScreenshot::new("").unwrap_err()), "id");
    assert_eq!(
        field(GetScreenshotResult::new("a\rb").unwrap_err()),
        "task_id"
    );
}

#[test]
fn gps_samples() {
    let op = SetGps::new([
        GpsPosition::new(P1, 1.2903, 103.8519).unwrap(),
        GpsPosition::new(P2, 30.2672, -97.7431).unwrap(),
        GpsPosition::new(P1, 1.2903, 103.8519).unwrap(),
    ])
    .unwrap();
    assert_eq!(op.ids(), [P1, P2]);
    snap("geelark_req_gps_set_sample", render(&op));
    snap(
        "geelark_req_gps_get_sample",
        render(&GetGps::new([P1]).unwrap()),
    );
}

#[test]
fn gps_refuses_bad_input() {
    assert_eq!(
        field(GpsPosition::new(P1, 90.5, 0.0).unwrap_err()),
        "latitude"
    );
    assert_eq!(
        field(GpsPosition::new(P1, f64::NAN, 0.0).unwrap_err()),
        "latitude"
    );
    assert_eq!(
        field(GpsPosition::new(P1, 0.0, -180.1).unwrap_err()),
        "longitude"
    );
    assert_eq!(
        field(GpsPosition::new(P1, 0.0, f64::INFINITY).unwrap_err()),
        "longitude"
    );
    assert!(GpsPosition::new(P1, -90.0, 180.0).is_ok());
    assert_eq!(field(SetGps::new([]).unwrap_err()), "list");
    let conflict = SetGps::new([
        GpsPosition::new(P1, 1.0, 2.0).unwrap(),
        GpsPosition::new(P1, 1.0, 3.0).unwrap(),
    ]);
    assert_eq!(field(conflict.unwrap_err()), "list");
    assert_eq!(field(GetGps::new([""]).unwrap_err()), "ids");
}

#[test]
fn adb_samples() {
    snap(
        "geelark_req_adb_set_status_sample",
        render(&SetAdb::new([P1], true).unwrap()),
    );
    snap(
        "geelark_req_adb_set_status_off",
        render(&SetAdb::new([P1, P2], false).unwrap()),
    );
    snap(
        "geelark_req_adb_get_data_sample",
        render(&GetAdbData::new([P1, P2]).unwrap()),
    );
    assert_eq!(
        field(SetAdb::new(Vec::<String>::new(), true).unwrap_err()),
        "ids"
    );
    let many: Vec<String> = (0..101).map(|i| format!("id{i}")).collect();
    assert_eq!(field(GetAdbData::new(many).unwrap_err()), "ids");
}

#[test]
fn app_samples() {
    snap(
        "geelark_req_app_list_sample",
        render(&ListApps::new(P1, 1, 20).unwrap()),
    );
    snap(
        "geelark_req_app_install_sample",
        render(&InstallApp::new(P1, "1793552962140770002").unwrap()),
    );
    snap(
        "geelark_req_app_uninstall_sample",
        render(&UninstallApp::new(P1, "com.zhiliaoapp.musically").unwrap()),
    );
    assert_eq!(field(ListApps::new(P1, 0, 20).unwrap_err()), "page");
    assert_eq!(field(ListApps::new(P1, 1, 101).unwrap_err()), "page_size");
    assert_eq!(field(ListApps::new("", 1, 20).unwrap_err()), "env_id");
    assert_eq!(
        field(InstallApp::new(P1, "").unwrap_err()),
        "app_version_id"
    );
    assert_eq!(
        field(UninstallApp::new(P1, "").unwrap_err()),
        "package_name"
    );
}

#[test]
fn tasks_shell_callbacks_restart_samples() {
    use cloudphone::geelark::callbacks::{GetCallback, SetCallback};
    use cloudphone::geelark::lifecycle::RestartPhone;
    use cloudphone::geelark::shell::ExecuteShell;
    use cloudphone::geelark::tasks::{
        CancelTasks, QueryTasks, RestartTasks, ShowTask, TaskHistory,
    };
    let two = ["618880000000000001", "618880000000000002"];
    snap(
        "geelark_req_task_query",
        render(&QueryTasks::new(two).unwrap()),
    );
    snap(
        "geelark_req_task_cancel",
        render(&CancelTasks::new(two).unwrap()),
    );
    snap(
        "geelark_req_task_restart",
        render(&RestartTasks::new(two).unwrap()),
    );
    snap(
        "geelark_req_task_history_sample",
        render(
            &TaskHistory::new()
                .size(2)
                .unwrap()
                .after("618879999999999990")
                .unwrap(),
        ),
    );
    snap(
        "geelark_req_task_history_first",
        render(&TaskHistory::new()),
    );
    snap(
        "geelark_req_task_detail_next_logs",
        render(
            &ShowTask::new("618880000000000001")
                .unwrap()
                .search_after(vec![1772366409554]),
        ),
    );
    snap(
        "geelark_req_shell_execute",
        render(
            &ExecuteShell::new("612345678901234567", "pm list packages com.zhiliaoapp").unwrap(),
        ),
    );
    snap(
        "geelark_req_callback_set",
        render(&SetCallback::new("https://hooks.example.com/geelark").unwrap()),
    );
    snap("geelark_req_callback_get", render(&GetCallback));
    snap(
        "geelark_req_phone_restart",
        render(&RestartPhone::new("612345678901234567").unwrap()),
    );
    // Refused before building.
    assert_eq!(
        field(QueryTasks::new(Vec::<String>::new()).unwrap_err()),
        "ids"
    );
    let many: Vec<String> = (0..101).map(|i| format!("6188800000000{i:05}")).collect();
    assert_eq!(field(CancelTasks::new(many).unwrap_err()), "ids");
    assert_eq!(field(TaskHistory::new().size(101).unwrap_err()), "size");
    assert_eq!(field(TaskHistory::new().size(0).unwrap_err()), "size");
    assert_eq!(field(ExecuteShell::new("1", "").unwrap_err()), "cmd");
    assert_eq!(field(ExecuteShell::new("1", "ls\nrm").unwrap_err()), "cmd");
    assert_eq!(field(SetCallback::new("ftp://x").unwrap_err()), "url");
    assert_eq!(field(SetCallback::new("https://a b").unwrap_err()), "url");
    assert_eq!(field(RestartPhone::new("").unwrap_err()), "id");
}

#[test]
fn proxies_and_app_catalogue_samples() {
    use cloudphone::geelark::ProxyScheme;
    use cloudphone::geelark::app_catalog::{ListInstallableApps, ListShopApps};
    use cloudphone::geelark::proxies::{
        AddProxies, CheckProxy, DeleteProxies, ListProxies, NewProxy, UpdateProxies,
    };
    let socks = || {
        NewProxy::new(ProxyScheme::Socks5, "203.0.113.20", 1080)
            .unwrap()
            .credentials("user10", "pass10")
            .unwrap()
    };
    let http = |port| NewProxy::new(ProxyScheme::Http, "198.51.100.6", port).unwrap();
    snap(
        "geelark_req_app_installable_list",
        render(
            &ListInstallableApps::new("612345678901234567", 1, 10)
                .unwrap()
                .name("tiktok")
                .unwrap(),
        ),
    );
    snap(
        "geelark_req_app_shop_list",
        render(&ListShopApps::new(1, 50).unwrap().search("tiktok").unwrap()),
    );
    snap(
        "geelark_req_proxy_list",
        render(&ListProxies::new().page(1, 50).unwrap()),
    );
    snap(
        "geelark_req_proxy_add",
        render(&AddProxies::new(vec![socks(), http(3128)]).unwrap()),
    );
    snap(
        "geelark_req_proxy_update",
        render(&UpdateProxies::new(vec![("601234567890123457".into(), http(3129))]).unwrap()),
    );
    snap(
        "geelark_req_proxy_delete",
        render(&DeleteProxies::new(["601234567890123456", "601239999999999999"]).unwrap()),
    );
    snap("geelark_req_proxy_check", render(&CheckProxy::new(socks())));
    // The password never shows in Debug output.
    assert!(!format!("{:?}", socks()).contains("pass10"));
    // Refused before building.
    assert_eq!(
        field(NewProxy::new(ProxyScheme::Http, "", 1).unwrap_err()),
        "server"
    );
    assert_eq!(
        field(NewProxy::new(ProxyScheme::Http, "http://h", 1).unwrap_err()),
        "server"
    );
    assert_eq!(
        field(NewProxy::new(ProxyScheme::Http, "h", 0).unwrap_err()),
        "port"
    );
    assert_eq!(field(AddProxies::new(Vec::new()).unwrap_err()), "list");
    assert_eq!(
        field(AddProxies::new(vec![http(1); 101]).unwrap_err()),
        "list"
    );
    assert_eq!(
        field(UpdateProxies::new(vec![("1".into(), http(1)), ("1".into(), http(2))]).unwrap_err()),
        "list"
    );
    assert_eq!(
        field(ListProxies::new().page(1, 101).unwrap_err()),
        "page_size"
    );
    assert_eq!(field(ListShopApps::new(1, 201).unwrap_err()), "page_size");
    assert_eq!(
        field(ListInstallableApps::new("1", 0, 10).unwrap_err()),
        "page"
    );
}

/// The 49 `rpa/task/<name>` creators of the reference (§3.7 and the
/// coverage list), copied here so that a creator dropped from the table is
/// noticed.
const DOCUMENTED_RPA_CREATORS: [&str; 49] = [
    "faceBookActiveAccount",
    "faceBookAutoComment",
    "faceBookLogin",
    "faceBookMessage",
    "faceBookPubReels",
    "faceBookPublish",
    "facebookReelsActive",
    "fileUpload",
    "googleAppBrowser",
    "googleAppDownload",
    "googleLogin",
    "importContacts",
    "instagramAiComment",
    "instagramEdit",
    "instagramFollowAccount",
    "instagramLogin",
    "instagramMessage",
    "instagramPubReels",
    "instagramPubReelsImages",
    "instagramWarmup",
    "keyboxUpload",
    "multiPlatformVideoDistribution",
    "pinterestImage",
    "pinterestVideo",
    "redditImage",
    "redditVideo",
    "redditWarmup",
    "sheinLogin",
    "threadsImage",
    "threadsVideo",
    "tiktokDel",
    "tiktokDelAsia",
    "tiktokEdit",
    "tiktokHide",
    "tiktokHideAsia",
    "tiktokLogin",
    "tiktokMessage",
    "tiktokMessageAsia",
    "tiktokRandomComment",
    "tiktokRandomCommentAsia",
    "tiktokRandomFollow",
    "tiktokRandomFollowAsia",
    "tiktokRandomStar",
    "tiktokRandomStarAsia",
    "xPublish",
    "youTubeActiveAccount",
    "youtubeEdit",
    "youtubePubShort",
    "youtubePubVideo",
];

/// A valid value for a parameter kind.
fn sample_value(kind: cloudphone::geelark::rpa::ParamKind) -> serde_json::Value {
    use cloudphone::geelark::rpa::ParamKind as K;
    use serde_json::json;
    match kind {
        K::Text(_) | K::Secret(_) => json!("x"),
        K::Url => json!("https://example.com/a.mp4"),
        K::Urls(_) => json!(["https://example.com/a.mp4"]),
        K::Texts(_, _) => json!(["x"]),
        K::Int(lo, _) => json!(lo),
        K::Bool => json!(true),
        K::Objects(_) => json!([{"firstName": "A", "mobile": "1"}]),
        _ => unreachable!("a new parameter kind needs a sample"),
    }
}

#[test]
fn every_documented_rpa_creator_is_accepted_and_builds_its_path() {
    use cloudphone::geelark::rpa::{CreateRpaTask, RPA_TASKS};
    let mut table: Vec<&str> = RPA_TASKS.iter().map(|(n, _)| *n).collect();
    table.sort_unstable();
    let mut documented = DOCUMENTED_RPA_CREATORS.to_vec();
    documented.sort_unstable();
    assert_eq!(table, documented);
    for (name, params) in RPA_TASKS {
        let mut op = CreateRpaTask::new(name, "612345678901234567", 1_772_366_400).unwrap();
        // Without its required parameters a creator is refused before building.
        if params.iter().any(|p| p.required) {
            assert!(
                op.build(&Context::new(&key_config(), NOW_MS, TRACE))
                    .is_err(),
                "{name}"
            );
        }
        for p in params.iter().filter(|p| p.required) {
            op = op.param(p.name, sample_value(p.kind)).unwrap();
        }
        if op.clone().param("useAi", 2).is_ok() {
            op = op.param("useAi", 1).unwrap();
        }
        let req = op
            .build(&Context::new(&key_config(), NOW_MS, TRACE))
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(
            req.url.ends_with(&format!("/open/v1/rpa/task/{name}")),
            "{}",
            req.url
        );
        // An unknown parameter is refused by name.
        let e = op.param("notAParam", 1).unwrap_err();
        assert!(e.to_string().contains("notAParam"), "{e}");
    }
    assert_eq!(
        field(CreateRpaTask::new("tiktokLogn", "1", 0).unwrap_err()),
        "creator"
    );
}

#[test]
fn rpa_task_samples() {
    use cloudphone::geelark::rpa::CreateRpaTask;
    let login = CreateRpaTask::new("tiktokLogin", "612345678901234567", 1_772_366_400)
        .unwrap()
        .name("login-sg-tt-001")
        .unwrap()
        .remark("")
        .unwrap()
        .param("account", "runner.sg@example.com")
        .unwrap()
        .param("password", "example-password")
        .unwrap();
    assert!(!format!("{login:?}").contains("example-password"));
    snap("geelark_req_rpa_tiktok_login", render(&login));
    let reels = CreateRpaTask::new("instagramPubReels", "612345678901234568", 1_772_370_000)
        .unwrap()
        .name("reel-drop")
        .unwrap()
        .params_json(
            r#"{"description": "Sunset loop",
                "video": ["https://material.example.com/open-upload/123/20260301/reel.mp4"],
                "sameStyleVoice": 0, "originalVoice": 80, "aiTag": false}"#,
        )
        .unwrap();
    snap("geelark_req_rpa_instagram_pub_reels", render(&reels));
    let comment = CreateRpaTask::new("tiktokRandomComment", "612345678901234567", 1_772_373_600)
        .unwrap()
        .param("useAi", 2)
        .unwrap()
        .param("comment", "Love this!")
        .unwrap()
        .param(
            "links",
            serde_json::json!(["https://www.tiktok.com/@example/video/7300000000000000001"]),
        )
        .unwrap()
        .param("commentProbability", 40)
        .unwrap();
    snap("geelark_req_rpa_tiktok_random_comment", render(&comment));
    // Checked: bounds, types, the comment useAi 2 needs.
    let base = || CreateRpaTask::new("tiktokRandomComment", "1", 0).unwrap();
    assert_eq!(
        field(base().param("commentProbability", 101).unwrap_err()),
        "params"
    );
    assert_eq!(
        field(base().param("links", "not a list").unwrap_err()),
        "params"
    );
    assert_eq!(
        field(
            base()
                .param("links", serde_json::json!(["ftp://x"]))
                .unwrap_err()
        ),
        "params"
    );
    let no_comment = base().param("useAi", 2).unwrap();
    assert!(
        no_comment
            .build(&Context::new(&key_config(), NOW_MS, TRACE))
            .is_err()
    );
    assert_eq!(
        field(
            CreateRpaTask::new("xPublish", "1", 0)
                .unwrap()
                .param("description", "x".repeat(281))
                .unwrap_err()
        ),
        "params"
    );
    assert_eq!(field(base().name("n".repeat(129)).unwrap_err()), "name");
}

#[test]
fn groups_tags_billing_and_catalogue_samples() {
    use cloudphone::geelark::account::{
        AuthStatus, GetPlan, GetSerialNumber, GetWallet, ListBrands, ListProfilePlans,
    };
    use cloudphone::geelark::labels::{
        AddGroups, AddTags, DeleteGroups, DeleteTags, LabelUpdate, ListGroups, ListTags, NewGroup,
        NewTag, TagColor, UpdateGroups, UpdateTags,
    };
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    snap(
        "geelark_req_group_list",
        render(
            &ListGroups::new()
                .page(1, 10)
                .unwrap()
                .filter(vec![], s(&["warmup-batch-a", "does-not-exist"]), vec![])
                .unwrap(),
        ),
    );
    snap(
        "geelark_req_group_add",
        render(
            &AddGroups::new(vec![
                NewGroup::new("warmup-batch-c", Some("third cohort".into())).unwrap(),
                NewGroup::new("warmup-batch-a", None).unwrap(),
            ])
            .unwrap(),
        ),
    );
    snap(
        "geelark_req_group_update",
        render(
            &UpdateGroups::new(vec![
                LabelUpdate::new("605551234567890123")
                    .unwrap()
                    .name("warmup-batch-a2")
                    .remark("renamed"),
            ])
            .unwrap(),
        ),
    );
    snap(
        "geelark_req_group_delete",
        render(&DeleteGroups::new(["605551234567890124", "605559999999999999"]).unwrap()),
    );
    snap(
        "geelark_req_tag_list",
        render(
            &ListTags::new()
                .page(1, 10)
                .unwrap()
                .filter(vec![], vec![], vec![TagColor::Red, TagColor::Blue])
                .unwrap(),
        ),
    );
    snap(
        "geelark_req_tag_add",
        render(
            &AddTags::new(vec![
                NewTag::new("instagram", Some(TagColor::Purple)).unwrap(),
                NewTag::new("plain", None).unwrap(),
            ])
            .unwrap(),
        ),
    );
    snap(
        "geelark_req_tag_update",
        render(
            &UpdateTags::new(vec![
                LabelUpdate::new("607771234567890001")
                    .unwrap()
                    .name("tiktok-us")
                    .color(TagColor::Green),
            ])
            .unwrap(),
        ),
    );
    snap(
        "geelark_req_tag_delete",
        render(&DeleteTags::new(["607771234567890001"]).unwrap()),
    );
    snap("geelark_req_pay_wallet", render(&GetWallet));
    snap("geelark_req_pay_plan_info", render(&GetPlan));
    snap("geelark_req_pay_profiles_list", render(&ListProfilePlans));
    snap("geelark_req_auth_status", render(&AuthStatus));
    snap(
        "geelark_req_phone_brand_list",
        render(&ListBrands::new(13).unwrap()),
    );
    snap(
        "geelark_req_phone_serial_num_get",
        render(&GetSerialNumber::new("612345678901234567").unwrap()),
    );
    // Refused before building.
    assert_eq!(
        field(NewGroup::new("g".repeat(51), None).unwrap_err()),
        "name"
    );
    assert_eq!(
        field(NewGroup::new("g", Some("r".repeat(501))).unwrap_err()),
        "remark"
    );
    assert_eq!(
        field(NewTag::new("t".repeat(31), None).unwrap_err()),
        "name"
    );
    assert_eq!(field("orange".parse::<TagColor>().unwrap_err()), "color");
    assert_eq!(field(AddTags::new(vec![]).unwrap_err()), "list");
    let u = || LabelUpdate::new("1").unwrap();
    assert_eq!(
        field(UpdateGroups::new(vec![u().color(TagColor::Red)]).unwrap_err()),
        "color"
    );
    assert_eq!(
        field(UpdateTags::new(vec![u().remark("r")]).unwrap_err()),
        "remark"
    );
    assert_eq!(field(UpdateTags::new(vec![u(), u()]).unwrap_err()), "list");
    assert_eq!(
        field(UpdateTags::new(vec![u().name("t".repeat(31))]).unwrap_err()),
        "name"
    );
    assert_eq!(field(ListBrands::new(9).unwrap_err()), "androidVer");
    assert_eq!(
        field(ListGroups::new().page(1, 101).unwrap_err()),
        "page_size"
    );
}

#[test]
fn files_phone_tools_and_app_control_samples() {
    use cloudphone::geelark::NetType;
    use cloudphone::geelark::app_control::{AppAction, AppBatch, AppRef, StartApp};
    use cloudphone::geelark::files::{GetKeyboxResult, GetUploadUrl, UploadKeybox, UploadToPhone};
    use cloudphone::geelark::phone_tools::{
        Contact, HideAccessibility, ImportContacts, MoveToGroup, NewIdentity, SendSms, SetNetType,
        SetRoot, TransferOption, TransferPhones,
    };
    snap(
        "geelark_req_upload_get_url",
        render(&GetUploadUrl::new("mp4").unwrap()),
    );
    snap(
        "geelark_req_phone_upload_file",
        render(
            &UploadToPhone::new(
                P1,
                "https://material.example.com/open-upload/123/20260301/AbCd1234.mp4",
            )
            .unwrap(),
        ),
    );
    snap(
        "geelark_req_phone_keybox_upload",
        render(
            &UploadKeybox::new(
                P1,
                "https://material.example.com/open-upload/123/20260301/keybox.xml",
            )
            .unwrap(),
        ),
    );
    snap(
        "geelark_req_phone_keybox_upload_result",
        render(&GetKeyboxResult::new("1850726441252560002").unwrap()),
    );
    let sms = SendSms::new(P1, "+6591234567", "Your verification code is 482913").unwrap();
    assert!(!format!("{sms:?}").contains("482913"));
    snap("geelark_req_phone_send_sms", render(&sms));
    snap(
        "geelark_req_phone_net_set",
        render(&SetNetType::new(P1, NetType::Wifi).unwrap()),
    );
    snap(
        "geelark_req_phone_hide_accessibility",
        render(
            &HideAccessibility::new([P1, "699999999999999999"], ["com.zhiliaoapp.musically"])
                .unwrap(),
        ),
    );
    snap(
        "geelark_req_phone_move_group",
        render(&MoveToGroup::new([P1, P2], "0").unwrap()),
    );
    snap(
        "geelark_req_root_set_status",
        render(&SetRoot::new([P1, P2], true).unwrap()),
    );
    let contacts = vec![
        Contact {
            first_name: Some("Ana".into()),
            last_name: Some("Lim".into()),
            mobile: Some("+6590001111".into()),
            email1: Some("ana@example.com".into()),
            ..Contact::default()
        },
        Contact {
            first_name: Some("Raj".into()),
            work: Some("+6560002222".into()),
            ..Contact::default()
        },
    ];
    snap(
        "geelark_req_phone_import_contacts",
        render(&ImportContacts::new(P1, contacts).unwrap()),
    );
    snap(
        "geelark_req_phone_transfer",
        render(
            &TransferPhones::new(
                [P1, P2],
                "colleague@example.com",
                &[
                    TransferOption::Name,
                    TransferOption::Proxy,
                    TransferOption::Tag,
                    TransferOption::Remark,
                ],
            )
            .unwrap(),
        ),
    );
    snap(
        "geelark_req_phone_new_one",
        render(
            &NewIdentity::new(P1)
                .unwrap()
                .keep_brand_model()
                .keep(true, true, true, true),
        ),
    );
    snap(
        "geelark_req_app_start",
        render(&StartApp::new(P1, AppRef::Package("com.zhiliaoapp.musically".into())).unwrap()),
    );
    snap(
        "geelark_req_app_operation_batch",
        render(
            &AppBatch::new(
                AppAction::Restart,
                AppRef::Package("com.zhiliaoapp.musically".into()),
                ["605551234567890123"],
            )
            .unwrap(),
        ),
    );
    // Refused before building.
    assert_eq!(field(GetUploadUrl::new("exe").unwrap_err()), "fileType");
    assert_eq!(
        field(UploadToPhone::new(P1, "ftp://x").unwrap_err()),
        "fileUrl"
    );
    assert_eq!(field(SendSms::new(P1, "+65", "").unwrap_err()), "text");
    assert_eq!(
        field(SetNetType::new(P1, NetType::Unknown(5)).unwrap_err()),
        "netType"
    );
    assert_eq!(
        field(ImportContacts::new(P1, vec![Contact::default()]).unwrap_err()),
        "contacts"
    );
    assert_eq!(
        field(TransferPhones::new([P1], "nobody", &[]).unwrap_err()),
        "account"
    );
    assert_eq!(
        field(
            AppBatch::new(
                AppAction::Install,
                AppRef::Package("a".into()),
                Vec::<String>::new()
            )
            .unwrap_err()
        ),
        "versionId"
    );
    // The presigned upload: a PUT with only Content-Length.
    let target = GetUploadUrl::new("mp4")
        .unwrap()
        .parse(&cloudphone::Response::new(
            200,
            br#"{"code":0,"msg":"success","traceId":"T","data":{"uploadUrl":"https://b.oss.example.com/x.mp4?Expires=1&Signature=S","resourceUrl":"https://m.example.com/x.mp4"}}"#.to_vec(),
        ))
        .unwrap();
    assert!(!format!("{target:?}").contains("Signature=S"));
    let put = target.put(b"abc".to_vec()).unwrap();
    assert!(!format!("{put:?}").contains("Signature=S"));
    snap("geelark_req_presigned_put", render(&put));
    assert_eq!(
        field(cloudphone::geelark::files::UploadFile::new("ftp://x", vec![]).unwrap_err()),
        "upload_url"
    );
}

#[test]
fn task_creation_samples() {
    use cloudphone::geelark::task_create::{
        AddTasks, CreateFlowTask, ListFlows, PlanItem, TikTokTask,
    };
    use serde_json::json;
    let video = PlanItem::new(P1, 1_772_366_400)
        .unwrap()
        .field(
            "video",
            "https://material.example.com/open-upload/123/20260301/AbCd1234.mp4",
        )
        .field("videoDesc", "Morning run #sg")
        .field("maxTryTimes", 1)
        .field("timeoutMin", 40)
        .field("markAI", false)
        .field("needShareLink", true);
    snap(
        "geelark_req_task_add_video",
        render(
            &AddTasks::new(TikTokTask::Video, vec![video])
                .unwrap()
                .plan_name("sg-video-drop-1")
                .unwrap()
                .remark("api batch")
                .unwrap(),
        ),
    );
    let warm = PlanItem::new(P2, 1_772_366_400)
        .unwrap()
        .field("action", "search video")
        .field("keywords", json!(["running", "singapore"]))
        .field("duration", 15);
    snap(
        "geelark_req_task_add_warm_up",
        render(
            &AddTasks::new(TikTokTask::WarmUp, vec![warm])
                .unwrap()
                .plan_name("sg-warmup")
                .unwrap(),
        ),
    );
    let images = PlanItem::new(P1, 1_772_370_000)
        .unwrap()
        .field(
            "images",
            json!([
                "https://material.example.com/a.jpg",
                "https://material.example.com/b.jpg"
            ]),
        )
        .field("videoTitle", "Weekend")
        .field("videoDesc", "two pics");
    snap(
        "geelark_req_task_add_image_set",
        render(&AddTasks::new(TikTokTask::ImageSet, vec![images]).unwrap()),
    );
    snap(
        "geelark_req_task_flow_list",
        render(&ListFlows::new().page(1, 10).unwrap()),
    );
    let flow = CreateFlowTask::new(P1, "562316072435340001", 1_772_366_400)
        .unwrap()
        .name("custom-post-1")
        .unwrap()
        .remark("from api")
        .unwrap()
        .param("Title", "Hello")
        .unwrap()
        .param("Desc", "first post")
        .unwrap()
        .param(
            "Video",
            json!(["https://material.example.com/open-upload/123/20260301/AbCd1234.mp4"]),
        )
        .unwrap();
    snap("geelark_req_task_rpa_add", render(&flow));
    // Refused before building.
    let item = || PlanItem::new(P1, 0).unwrap();
    assert_eq!(
        field(AddTasks::new(TikTokTask::Video, vec![item()]).unwrap_err()),
        "list"
    );
    assert_eq!(
        field(
            AddTasks::new(
                TikTokTask::Video,
                vec![item().field("video", "https://v/a").field("timeoutMin", 20)]
            )
            .unwrap_err()
        ),
        "params"
    );
    assert_eq!(
        field(
            AddTasks::new(
                TikTokTask::WarmUp,
                vec![item().field("action", "search video").field("duration", 5)]
            )
            .unwrap_err()
        ),
        "list"
    );
    assert_eq!(
        field(
            AddTasks::new(
                TikTokTask::ImageSet,
                vec![item().field("video", "https://v/a")]
            )
            .unwrap_err()
        ),
        "list"
    );
    assert_eq!(
        field(AddTasks::new(TikTokTask::Video, vec![]).unwrap_err()),
        "list"
    );
    assert_eq!(field(CreateFlowTask::new(P1, "", 0).unwrap_err()), "flowId");
}

/// A plan written as JSON (how C and Python hand it over) is the same plan
/// as one built field by field: members in the order written, `scheduleAt`
/// optional; malformed items are refused by field.
#[test]
fn task_plan_items_read_from_json() {
    use cloudphone::geelark::task_create::{AddTasks, PlanItem, TikTokTask};
    use serde_json::json;
    let built = PlanItem::new(P2, 1_772_366_400)
        .unwrap()
        .field("action", "search video")
        .field("keywords", json!(["running", "singapore"]))
        .field("duration", 15);
    let text = format!(
        r#"[{{"action": "search video", "envId": "{P2}", "keywords": ["running", "singapore"],
             "scheduleAt": 1772366400, "duration": 15}}]"#
    );
    let read = PlanItem::list_from_json(&text).unwrap();
    assert_eq!(read, vec![built.clone()]);
    assert_eq!(
        render(&AddTasks::new(TikTokTask::WarmUp, read).unwrap()),
        render(&AddTasks::new(TikTokTask::WarmUp, vec![built]).unwrap())
    );
    let now = PlanItem::list_from_json(&format!(r#"[{{"envId": "{P1}"}}]"#)).unwrap();
    assert_eq!(now, vec![PlanItem::new(P1, 0).unwrap()]);
    for (text, name) in [
        ("{}", "list"),
        ("[1]", "list"),
        ("[{\"envId\": \"1\"", "list"),
        ("[{\"duration\": 15}]", "envId"),
        ("[{\"envId\": 7}]", "envId"),
        ("[{\"envId\": \"\"}]", "envId"),
        ("[{\"envId\": \"1\", \"scheduleAt\": -1}]", "scheduleAt"),
        (
            "[{\"envId\": \"1\", \"scheduleAt\": \"soon\"}]",
            "scheduleAt",
        ),
    ] {
        assert_eq!(
            field(PlanItem::list_from_json(text).unwrap_err()),
            name,
            "{text}"
        );
    }
    // A flow task's parameters likewise, in the order written.
    use cloudphone::geelark::task_create::CreateFlowTask;
    let flow = || CreateFlowTask::new(P1, "562316072435340001", 0).unwrap();
    assert_eq!(
        render(
            &flow()
                .params_json(r#"{"Title": "Hello", "Video": ["https://m/a.mp4"], "Count": 2}"#)
                .unwrap()
        ),
        render(
            &flow()
                .param("Title", "Hello")
                .unwrap()
                .param("Video", json!(["https://m/a.mp4"]))
                .unwrap()
                .param("Count", 2)
                .unwrap()
        )
    );
    for text in ["[]", "{\"Title\": null}", "{\"Title\": {}}", "{"] {
        assert_eq!(
            field(flow().params_json(text).unwrap_err()),
            "paramMap",
            "{text}"
        );
    }
}

#[test]
fn team_samples() {
    use cloudphone::geelark::team::{
        AddProxyGroup, ClonePhone, DeleteProxyGroups, ExportFlow, GetAppUploadStatus, ImportFlow,
        ListProxyGroups, ListTeamApps, RenameProxyGroup, UploadApp,
    };
    snap(
        "geelark_req_proxy_group_search",
        render(
            &ListProxyGroups::new()
                .page(1, 20)
                .unwrap()
                .name("resi")
                .unwrap(),
        ),
    );
    snap(
        "geelark_req_proxy_group_add",
        render(&AddProxyGroup::new("residential-sg").unwrap()),
    );
    snap(
        "geelark_req_proxy_group_update",
        render(&RenameProxyGroup::new("620001234567890001", "resi-sg").unwrap()),
    );
    snap(
        "geelark_req_proxy_group_del",
        render(&DeleteProxyGroups::new(["620001234567890001"]).unwrap()),
    );
    snap(
        "geelark_req_phone_clone",
        render(
            &ClonePhone::new(P1, 2)
                .unwrap()
                .group("605551234567890123")
                .unwrap()
                .copy(true, false, true, true, false),
        ),
    );
    snap(
        "geelark_req_app_upload",
        render(
            &UploadApp::new(
                "https://material.example.com/open-upload/123/20260301/app.apk",
                Some("internal build 3.2".into()),
            )
            .unwrap(),
        ),
    );
    snap(
        "geelark_req_app_upload_status",
        render(&GetAppUploadStatus::new("1830906144634750001").unwrap()),
    );
    snap(
        "geelark_req_app_team_app_list",
        render(&ListTeamApps::new().page(1, 20).unwrap()),
    );
    snap(
        "geelark_req_task_flow_import",
        render(&ImportFlow::new(r#"{"name":"Post video","nodes":[]}"#, None).unwrap()),
    );
    snap(
        "geelark_req_task_flow_export",
        render(&ExportFlow::new("562316072435340001").unwrap()),
    );
    // Refused before building.
    assert_eq!(
        field(AddProxyGroup::new("g".repeat(51)).unwrap_err()),
        "name"
    );
    assert_eq!(field(ClonePhone::new(P1, 0).unwrap_err()), "amount");
    assert_eq!(field(ClonePhone::new(P1, 101).unwrap_err()), "amount");
    assert_eq!(
        field(UploadApp::new("https://h/app.zip", None).unwrap_err()),
        "fileUrl"
    );
    assert_eq!(field(ImportFlow::new("not json", None).unwrap_err()), "gal");
    assert_eq!(
        field(ListTeamApps::new().page(1, 201).unwrap_err()),
        "page_size"
    );
}

#[test]
fn team_app_settings_samples() {
    use cloudphone::geelark::team_apps::{
        AddTeamApp, GetNetConfig, RemoveTeamApp, SetAppAuth, SetAppAutoInstall, SetAppAutoStart,
        SetAppHidden, SetAppKeepAlive, SetAppRoot, SetNetConfig,
    };
    snap(
        "geelark_req_app_add",
        render(
            &AddTeamApp::new(
                "1813124121385540001",
                "1813124121435880001",
                vec!["0".into()],
            )
            .unwrap(),
        ),
    );
    snap(
        "geelark_req_app_remove",
        render(&RemoveTeamApp::new("497652752864770001").unwrap()),
    );
    snap(
        "geelark_req_app_auth_status",
        render(&SetAppAuth::new("497652752864770001", true).unwrap()),
    );
    snap(
        "geelark_req_app_set_auto_start",
        render(&SetAppAutoStart::new("497652752864770001", true).unwrap()),
    );
    snap(
        "geelark_req_app_set_keep_alive",
        render(&SetAppKeepAlive::new("497652752864770001", false).unwrap()),
    );
    snap(
        "geelark_req_app_root",
        render(&SetAppRoot::new("497652752864770001", true).unwrap()),
    );
    snap(
        "geelark_req_app_set_hide",
        render(&SetAppHidden::new("497652752864770001", true).unwrap()),
    );
    snap(
        "geelark_req_app_set_status",
        render(
            &SetAppAutoInstall::new(
                "497652752864770001",
                true,
                vec!["605551234567890123".into()],
            )
            .unwrap(),
        ),
    );
    snap("geelark_req_phone_net_config_get", render(&GetNetConfig));
    snap(
        "geelark_req_phone_net_config_set",
        render(&SetNetConfig::new(["ads.example.com", "tracker.example.net"]).unwrap()),
    );
    assert_eq!(
        field(SetNetConfig::new(["a.com", "b.com", "c.com", "d.com"]).unwrap_err()),
        "blackList"
    );
    assert_eq!(
        field(SetNetConfig::new(["https://a.com"]).unwrap_err()),
        "blackList"
    );
    assert_eq!(
        field(AddTeamApp::new("1", "", vec![]).unwrap_err()),
        "versionId"
    );
}

#[test]
fn patches_and_white_label_samples() {
    use cloudphone::geelark::patches::{
        Customize, GetPatchStatus, InstallPatch, ListPatches, PatchInstall, UninstallPatch,
    };
    snap(
        "geelark_req_phone_patch_install",
        render(&InstallPatch::new(P1, "https://material.example.com/patch.apk").unwrap()),
    );
    snap(
        "geelark_req_phone_patch_status_by_patch",
        render(
            &GetPatchStatus::new(PatchInstall::Patch {
                patch_id: "1950000000000000101".into(),
                id: P1.into(),
            })
            .unwrap(),
        ),
    );
    snap(
        "geelark_req_phone_patch_list",
        render(&ListPatches::new(P1).unwrap()),
    );
    snap(
        "geelark_req_phone_patch_uninstall",
        render(&UninstallPatch::new(P1, "1950000000000000101").unwrap()),
    );
    snap(
        "geelark_req_phone_customization",
        render(
            &Customize::new()
                .title("Acme Phones")
                .unwrap()
                .logo("https://acme.example.com/logo.png")
                .unwrap()
                .hide_header(true)
                .tool_bar("screenshot", false)
                .unwrap()
                .tool_bar("restart", true)
                .unwrap(),
        ),
    );
    assert_eq!(
        field(InstallPatch::new(P1, "ftp://x").unwrap_err()),
        "apkURL"
    );
    assert_eq!(
        field(Customize::new().tool_bar("cameraRoll", true).unwrap_err()),
        "toolBar"
    );
    assert_eq!(
        field(Customize::new().title("t".repeat(65)).unwrap_err()),
        "title"
    );
}

#[test]
fn material_library_samples() {
    use cloudphone::geelark::labels::TagColor;
    use cloudphone::geelark::materials::*;
    const M1: &str = "1950000000000000201";
    snap(
        "geelark_req_material_getUploadUrl",
        render(&GetMaterialUploadUrl::new("MP4").unwrap()),
    );
    snap(
        "geelark_req_material_create",
        render(
            &CreateMaterial::new("https://material.geelark.com/m/abc.mp4")
                .unwrap()
                .tags(["1950000000000000301"])
                .unwrap()
                .file_name("intro.mp4")
                .unwrap(),
        ),
    );
    snap(
        "geelark_req_material_del",
        render(&DeleteMaterials::new([M1, M1, "1950000000000000202"]).unwrap()),
    );
    snap(
        "geelark_req_material_search",
        render(
            &SearchMaterials::new()
                .page(2, 50)
                .unwrap()
                .file_name("intro")
                .unwrap()
                .tags(["1950000000000000301"])
                .unwrap()
                .source(MaterialSource::GoogleDrive)
                .kinds(&[
                    MaterialKind::Video,
                    MaterialKind::Image,
                    MaterialKind::Video,
                ]),
        ),
    );
    snap(
        "geelark_req_material_tag_create",
        render(&CreateMaterialTag::new("promo", TagColor::Purple).unwrap()),
    );
    snap(
        "geelark_req_material_tag_del",
        render(&DeleteMaterialTags::new(["1950000000000000301"]).unwrap()),
    );
    snap(
        "geelark_req_material_tag_search",
        render(&SearchMaterialTags::new().name("pro").unwrap()),
    );
    snap(
        "geelark_req_material_tag_set",
        render(&SetMaterialTags::new([M1], Vec::<String>::new()).unwrap()),
    );
    assert_eq!(
        field(GetMaterialUploadUrl::new("exe").unwrap_err()),
        "fileType"
    );
    assert_eq!(
        field(CreateMaterial::new("file:///etc/passwd").unwrap_err()),
        "url"
    );
    assert_eq!(
        field(
            CreateMaterial::new("https://h/a")
                .unwrap()
                .file_name("n".repeat(201))
                .unwrap_err()
        ),
        "fileName"
    );
    assert_eq!(
        field(SearchMaterials::new().page(1, 201).unwrap_err()),
        "page_size"
    );
    assert_eq!(
        field(
            SearchMaterials::new()
                .ids((0..101).map(|i| i.to_string()))
                .unwrap_err()
        ),
        "ids"
    );
    assert_eq!(
        field(CreateMaterialTag::new("t".repeat(31), TagColor::Red).unwrap_err()),
        "name"
    );
    assert_eq!(
        field(SetMaterialTags::new(Vec::<String>::new(), ["1"]).unwrap_err()),
        "materialsId"
    );
    assert_eq!(
        field(DeleteMaterials::new((0..101).map(|i| i.to_string())).unwrap_err()),
        "ids"
    );
    assert_eq!(
        MaterialSource::from_code(5).unwrap(),
        MaterialSource::ImageToVideo
    );
    assert!(MaterialSource::from_code(6).is_err());
}

#[test]
fn analytics_samples() {
    use cloudphone::geelark::analytics::*;
    use cloudphone::geelark::labels::TagColor;
    snap(
        "geelark_req_analytics_accounts_list",
        render(
            &ListAnalyticsAccounts::new()
                .page(1, 10)
                .unwrap()
                .channel(Channel::TikTok)
                .account("tk_acc")
                .unwrap()
                .added_by("abc@gmail.com")
                .unwrap(),
        ),
    );
    snap(
        "geelark_req_analytics_accounts_add",
        render(
            &AddAnalyticsAccounts::new(
                Channel::Reddit,
                vec![
                    NewAnalyticsAccount::new("acc1", Some("my note".into())).unwrap(),
                    NewAnalyticsAccount::new("acc2", None).unwrap(),
                ],
            )
            .unwrap(),
        ),
    );
    snap(
        "geelark_req_analytics_accounts_delete",
        render(&DeleteAnalyticsAccount::new(Channel::TikTok, "myAccount").unwrap()),
    );
    snap(
        "geelark_req_analytics_accounts_update",
        render(
            &UpdateAnalyticsAccount::new("565523829426802069")
                .unwrap()
                .account("newName")
                .unwrap()
                .tags(["7"])
                .unwrap(),
        ),
    );
    snap(
        "geelark_req_analytics_data",
        render(
            &GetAnalyticsData::new()
                .page(1, 10)
                .unwrap()
                .channel(Channel::TikTok)
                .account("tk_acc")
                .unwrap()
                .date(1_764_137_986),
        ),
    );
    snap(
        "geelark_req_analytics_tags_list",
        render(&ListAnalyticsTags::new().name("brand").unwrap()),
    );
    snap(
        "geelark_req_analytics_tags_create",
        render(&CreateAnalyticsTag::new("brand", TagColor::Green).unwrap()),
    );
    snap(
        "geelark_req_analytics_tags_update",
        render(&UpdateAnalyticsTag::new("7", None, Some(TagColor::Yellow)).unwrap()),
    );
    snap(
        "geelark_req_analytics_tags_del",
        render(&DeleteAnalyticsTags::new(["7", "8"]).unwrap()),
    );
    assert_eq!(
        field(ListAnalyticsAccounts::new().page(1, 101).unwrap_err()),
        "page_size"
    );
    assert_eq!(
        field(NewAnalyticsAccount::new("a".repeat(65), None).unwrap_err()),
        "account"
    );
    assert_eq!(
        field(AddAnalyticsAccounts::new(Channel::TikTok, vec![]).unwrap_err()),
        "accountsData"
    );
    let twice = vec![
        NewAnalyticsAccount::new("a", None).unwrap(),
        NewAnalyticsAccount::new("a", Some("r".into())).unwrap(),
    ];
    assert_eq!(
        field(AddAnalyticsAccounts::new(Channel::TikTok, twice).unwrap_err()),
        "accountsData"
    );
    let many = (0..201)
        .map(|i| NewAnalyticsAccount::new(format!("a{i}"), None).unwrap())
        .collect();
    assert_eq!(
        field(AddAnalyticsAccounts::new(Channel::TikTok, many).unwrap_err()),
        "accountsData"
    );
    assert_eq!(
        field(UpdateAnalyticsTag::new("7", None, None).unwrap_err()),
        "update"
    );
    assert_eq!(
        field(CreateAnalyticsTag::new("t".repeat(101), TagColor::Red).unwrap_err()),
        "name"
    );
    assert_eq!(Channel::from_code(4).unwrap(), Channel::Reddit);
    assert!(Channel::from_code(3).is_err());
    assert_eq!("YouTube".parse::<Channel>().unwrap(), Channel::YouTube);
    // An update with nothing to change is refused before anything is built.
    let cfg = key_config();
    let ctx = Context::new(&cfg, NOW_MS, TRACE);
    assert_eq!(
        field(
            UpdateAnalyticsAccount::new("1")
                .unwrap()
                .build(&ctx)
                .unwrap_err()
        ),
        "update"
    );
}

#[test]
fn billing_samples() {
    use cloudphone::geelark::billing::*;
    snap(
        "geelark_req_pay_plan_upgrade",
        render(
            &UpgradePlan::new("2", 10, 5)
                .unwrap()
                .days(90)
                .unwrap()
                .promo_code("WINTER-26")
                .unwrap(),
        ),
    );
    snap(
        "geelark_req_pay_plan_continue",
        render(&RenewPlan::new(360).unwrap()),
    );
    snap(
        "geelark_req_pay_timeAddOn_buy",
        render(&BuyTimeAddOn::new(10_000).unwrap()),
    );
    snap(
        "geelark_req_pay_wallet_recharge",
        render(&RechargeWallet::new(PayChannel::WeChat, 300).unwrap()),
    );
    snap(
        "geelark_req_billing_transaction_detail",
        render(
            &ListTransactions::new()
                .phone(P1)
                .unwrap()
                .window(1_764_700_000, 1_764_900_000)
                .unwrap()
                .limit(1000)
                .unwrap()
                .after("9002")
                .unwrap(),
        ),
    );
    snap(
        "geelark_req_phone_brand_teamList",
        render(
            &cloudphone::geelark::account::ListTeamBrands::new(12)
                .unwrap()
                .page(2, 10)
                .unwrap(),
        ),
    );
    assert_eq!(field(RenewPlan::new(31).unwrap_err()), "days");
    assert_eq!(
        field(UpgradePlan::new("2", 1, 1).unwrap().days(7).unwrap_err()),
        "days"
    );
    assert_eq!(
        field(RenewPlan::new(30).unwrap().promo_code("a b").unwrap_err()),
        "promoCode"
    );
    assert_eq!(field(BuyTimeAddOn::new(1000).unwrap_err()), "minutes");
    for usd in [0, 50, 150, 5000, 10_000] {
        assert_eq!(
            field(RechargeWallet::new(PayChannel::Alipay, usd).unwrap_err()),
            "payNum",
            "{usd}"
        );
    }
    assert!(RechargeWallet::new(PayChannel::Alipay, 4900).is_ok());
    assert_eq!(
        field(ListTransactions::new().window(10, 5).unwrap_err()),
        "endAt"
    );
    assert_eq!(
        field(
            ListTransactions::new()
                .window(0, 3 * 86_400 + 1)
                .unwrap_err()
        ),
        "startAt"
    );
    assert_eq!(
        field(ListTransactions::new().limit(1001).unwrap_err()),
        "limit"
    );
    assert_eq!(
        field(cloudphone::geelark::account::ListTeamBrands::new(8).unwrap_err()),
        "androidVer"
    );
}
