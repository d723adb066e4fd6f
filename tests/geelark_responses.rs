//! Every GeeLark lifecycle response fixture in
//! `tests/fixtures/responses/geelark/<operation>/` parsed by its operation and
//! snapshotted; the fixture text is each snapshot's description. Batch
//! operations also show the call merged over the ids it asked about, so each
//! snapshot proves every requested id is accounted for exactly once —
//! succeeded, failed or missing. Then the pagers and the secret redaction.

mod support;

use cloudphone::geelark::{
    CreatePhones, DeletePhones, GetAdbData, GetGps, GetScreenshotResult, GpsPosition, InstallApp,
    ListApps, ListPhones, NewPhone, SetAdb, SetGps, StartPhones, StopPhones, TakeScreenshot,
    UninstallApp, UpdatePhone,
};
use cloudphone::{BatchItem, BatchMerge, CallOutcome, Operation, Pager, Response};

const P1: &str = "612345678901234567";
const P2: &str = "612345678901234568";
const P3: &str = "612345678901234569";
const GONE: &str = "699999999999999999";

fn snapshot_dir(dir: &str, render: impl Fn(&Response) -> serde_json::Value) {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/responses")
        .join(dir);
    let mut paths: Vec<_> = std::fs::read_dir(&root)
        .expect("fixture directory")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "http"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "no fixtures in {}", root.display());
    for path in paths {
        let response = support::read_http(&path);
        let rendered = render(&response);
        let case = path.file_stem().unwrap().to_string_lossy().into_owned();
        let fixture = std::fs::read_to_string(&path).unwrap_or_default();
        insta::with_settings!({
            description => fixture,
            omit_expression => true,
            sort_maps => true,
            prepend_module_to_snapshot => false,
        }, {
            insta::assert_json_snapshot!(format!("{}__{case}", dir.replace('/', "_")), rendered);
        });
    }
}

/// The parsed output (or error) alone.
fn parsed<O>(op: &O) -> impl Fn(&Response) -> serde_json::Value + '_
where
    O: Operation,
    O::Output: serde::Serialize,
{
    move |r| support::result_json(&op.parse(r))
}

/// The parsed output, and the call merged over `ids` as a batch client would.
fn merged<'a, O, T>(op: &'a O, ids: &'a [String]) -> impl Fn(&Response) -> serde_json::Value + 'a
where
    O: Operation,
    O::Output: serde::Serialize + Clone + Into<CallOutcome<T>>,
    T: BatchItem + serde::Serialize,
{
    move |r| {
        let result = op.parse(r);
        let mut merge = BatchMerge::new(ids);
        merge.record_result(ids, result.clone().map(Into::into));
        serde_json::json!({
            "parsed": support::result_json(&result),
            "merged": merge.finish(),
        })
    }
}

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| (*s).to_owned()).collect()
}

#[test]
fn phone_list() {
    let op = ListPhones::new().page(1, 20).unwrap();
    snapshot_dir("geelark/phone_list", parsed(&op));
}

#[test]
fn phone_start() {
    let ids = strings(&[P1, P2, P3]);
    let op = StartPhones::new(ids.clone()).unwrap();
    snapshot_dir("geelark/phone_start", merged(&op, &ids));
}

#[test]
fn phone_stop() {
    let ids = strings(&[P1, P2]);
    let op = StopPhones::new(ids.clone()).unwrap();
    snapshot_dir("geelark/phone_stop", merged(&op, &ids));
}

#[test]
fn phone_delete() {
    let ids = strings(&[P1, P2, GONE]);
    let op = DeletePhones::new(ids.clone()).unwrap();
    snapshot_dir("geelark/phone_delete", merged(&op, &ids));
}

#[test]
fn phone_update() {
    let tags = strings(&["607771234567890001", "607779999999999999"]);
    let op = UpdatePhone::new(P1).unwrap().tag_ids(tags.clone()).unwrap();
    snapshot_dir("geelark/phone_update", merged(&op, &tags));
}

#[test]
fn phone_create() {
    let op = CreatePhones::new(
        "Android 13",
        vec![
            NewPhone::with_proxy_url("sg-tt-010", "socks5://user10:pass10@203.0.113.20:1080")
                .unwrap(),
            NewPhone::with_saved_proxy("sg-tt-011", 7).unwrap(),
        ],
    )
    .unwrap();
    let names = op.profile_names();
    snapshot_dir("geelark/phone_create", merged(&op, &names));
}

#[test]
fn screenshot() {
    let op = TakeScreenshot::new(P1).unwrap();
    snapshot_dir("geelark/screenshot", parsed(&op));
    let op = GetScreenshotResult::new("1901234567890123456").unwrap();
    snapshot_dir("geelark/screenshot_result", parsed(&op));
}

#[test]
fn gps() {
    let op = SetGps::new([
        GpsPosition::new(P1, 1.2903, 103.8519).unwrap(),
        GpsPosition::new(P2, 30.2672, -97.7431).unwrap(),
    ])
    .unwrap();
    let ids = op.ids();
    snapshot_dir("geelark/gps_set", merged(&op, &ids));
    let ids = strings(&[P1, P2]);
    let op = GetGps::new(ids.clone()).unwrap();
    snapshot_dir("geelark/gps_get", merged(&op, &ids));
}

#[test]
fn adb() {
    let ids = strings(&[P1, P2]);
    let op = SetAdb::new(ids.clone(), true).unwrap();
    snapshot_dir("geelark/adb_set_status", merged(&op, &ids));
    let op = GetAdbData::new(ids.clone()).unwrap();
    snapshot_dir("geelark/adb_get_data", merged(&op, &ids));
}

#[test]
fn apps() {
    let op = ListApps::new(P1, 1, 20).unwrap();
    snapshot_dir("geelark/app_list", parsed(&op));
    let op = InstallApp::new(P1, "1793552962140770002").unwrap();
    snapshot_dir("geelark/app_install", parsed(&op));
    let op = UninstallApp::new(P1, "com.zhiliaoapp.musically").unwrap();
    snapshot_dir("geelark/app_uninstall", parsed(&op));
}

#[test]
fn tasks_shell_callbacks_restart() {
    use cloudphone::geelark::callbacks::{GetCallback, SetCallback};
    use cloudphone::geelark::lifecycle::RestartPhone;
    use cloudphone::geelark::shell::ExecuteShell;
    use cloudphone::geelark::tasks::{
        CancelTasks, QueryTasks, RestartTasks, ShowTask, TaskHistory,
    };
    const T1: &str = "618880000000000001";
    const T2: &str = "618880000000000002";
    let tasks = strings(&[T1, T2]);
    snapshot_dir(
        "geelark/task_query",
        parsed(&QueryTasks::new(tasks.clone()).unwrap()),
    );
    snapshot_dir("geelark/task_history", parsed(&TaskHistory::new()));
    snapshot_dir("geelark/task_detail", parsed(&ShowTask::new(T1).unwrap()));
    snapshot_dir(
        "geelark/task_cancel",
        merged(&CancelTasks::new(tasks.clone()).unwrap(), &tasks),
    );
    let one = strings(&[T1]);
    snapshot_dir(
        "geelark/task_restart",
        merged(&RestartTasks::new(one.clone()).unwrap(), &one),
    );
    snapshot_dir(
        "geelark/shell_execute",
        parsed(&ExecuteShell::new(P1, "pm list packages").unwrap()),
    );
    snapshot_dir(
        "geelark/callback_set",
        parsed(&SetCallback::new("https://hooks.example.com/geelark").unwrap()),
    );
    snapshot_dir("geelark/callback_get", parsed(&GetCallback));
    snapshot_dir(
        "geelark/phone_restart",
        parsed(&RestartPhone::new(P1).unwrap()),
    );
}

#[test]
fn proxies_and_app_catalogues() {
    use cloudphone::geelark::ProxyScheme;
    use cloudphone::geelark::app_catalog::{ListInstallableApps, ListShopApps};
    use cloudphone::geelark::proxies::{
        AddProxies, CheckProxy, DeleteProxies, ListProxies, NewProxy, UpdateProxies,
    };
    let socks = || NewProxy::new(ProxyScheme::Socks5, "203.0.113.20", 1080).unwrap();
    let http = || NewProxy::new(ProxyScheme::Http, "198.51.100.6", 3128).unwrap();
    snapshot_dir(
        "geelark/app_installable_list",
        parsed(&ListInstallableApps::new(P1, 1, 10).unwrap()),
    );
    snapshot_dir(
        "geelark/app_shop_list",
        parsed(&ListShopApps::new(1, 50).unwrap()),
    );
    snapshot_dir("geelark/proxy_list", parsed(&ListProxies::new()));
    snapshot_dir(
        "geelark/proxy_add",
        parsed(&AddProxies::new(vec![socks(), http()]).unwrap()),
    );
    let ids = strings(&["601234567890123457"]);
    snapshot_dir(
        "geelark/proxy_update",
        merged(
            &UpdateProxies::new(vec![(ids[0].clone(), http())]).unwrap(),
            &ids,
        ),
    );
    let ids = strings(&["601234567890123456", "601239999999999999"]);
    snapshot_dir(
        "geelark/proxy_delete",
        merged(&DeleteProxies::new(ids.clone()).unwrap(), &ids),
    );
    snapshot_dir("geelark/proxy_check", parsed(&CheckProxy::new(socks())));
    let rpa = cloudphone::geelark::rpa::CreateRpaTask::new("tiktokHide", P1, 0).unwrap();
    snapshot_dir("geelark/rpa_task", parsed(&rpa));
}

#[test]
fn groups_tags_billing_and_catalogues() {
    use cloudphone::geelark::account::{
        AuthStatus, GetPlan, GetSerialNumber, GetWallet, ListBrands, ListProfilePlans,
    };
    use cloudphone::geelark::labels::{
        AddGroups, AddTags, DeleteGroups, DeleteTags, LabelUpdate, ListGroups, ListTags, NewGroup,
        NewTag, UpdateGroups, UpdateTags,
    };
    snapshot_dir("geelark/group_list", parsed(&ListGroups::new()));
    let g = || NewGroup::new("warmup-batch-c", None).unwrap();
    snapshot_dir(
        "geelark/group_add",
        parsed(&AddGroups::new(vec![g()]).unwrap()),
    );
    let one = strings(&["605551234567890123"]);
    snapshot_dir(
        "geelark/group_update",
        merged(
            &UpdateGroups::new(vec![LabelUpdate::new(&one[0]).unwrap().name("a2")]).unwrap(),
            &one,
        ),
    );
    let two = strings(&["605551234567890124", "605559999999999999"]);
    snapshot_dir(
        "geelark/group_delete",
        merged(&DeleteGroups::new(two.clone()).unwrap(), &two),
    );
    snapshot_dir("geelark/tag_list", parsed(&ListTags::new()));
    let t = || NewTag::new("instagram", None).unwrap();
    snapshot_dir("geelark/tag_add", parsed(&AddTags::new(vec![t()]).unwrap()));
    let tag = strings(&["607771234567890001"]);
    snapshot_dir(
        "geelark/tag_update",
        merged(
            &UpdateTags::new(vec![LabelUpdate::new(&tag[0]).unwrap().name("tt")]).unwrap(),
            &tag,
        ),
    );
    snapshot_dir(
        "geelark/tag_delete",
        merged(&DeleteTags::new(tag.clone()).unwrap(), &tag),
    );
    snapshot_dir("geelark/pay_wallet", parsed(&GetWallet));
    snapshot_dir("geelark/pay_plan_info", parsed(&GetPlan));
    snapshot_dir("geelark/pay_profiles_list", parsed(&ListProfilePlans));
    snapshot_dir("geelark/auth_status", parsed(&AuthStatus));
    snapshot_dir(
        "geelark/phone_brand_list",
        parsed(&ListBrands::new(13).unwrap()),
    );
    snapshot_dir(
        "geelark/phone_serialNum_get",
        parsed(&GetSerialNumber::new(P1).unwrap()),
    );
}

#[test]
fn files_phone_tools_and_app_control() {
    use cloudphone::geelark::app_control::{AppAction, AppBatch, AppRef, StartApp, StopApp};
    use cloudphone::geelark::files::{
        GetKeyboxResult, GetUploadResult, GetUploadUrl, UploadKeybox, UploadToPhone,
    };
    use cloudphone::geelark::phone_tools::{
        Contact, GetContactsResult, HideAccessibility, ImportContacts, MoveToGroup, NewIdentity,
        SendSms, SetNetType, SetRoot, TransferPhones,
    };
    let url = "https://material.example.com/a.mp4";
    snapshot_dir(
        "geelark/upload_getUrl",
        parsed(&GetUploadUrl::new("mp4").unwrap()),
    );
    snapshot_dir(
        "geelark/upload_put",
        parsed(
            &cloudphone::geelark::files::UploadFile::new(
                "https://b.example.com/x",
                b"hello".to_vec(),
            )
            .unwrap(),
        ),
    );
    snapshot_dir(
        "geelark/phone_uploadFile",
        parsed(&UploadToPhone::new(P1, url).unwrap()),
    );
    snapshot_dir(
        "geelark/phone_uploadFile_result",
        parsed(&GetUploadResult::new("1").unwrap()),
    );
    snapshot_dir(
        "geelark/phone_keyboxUpload",
        parsed(&UploadKeybox::new(P1, url).unwrap()),
    );
    snapshot_dir(
        "geelark/phone_keyboxUpload_result",
        parsed(&GetKeyboxResult::new("1").unwrap()),
    );
    snapshot_dir(
        "geelark/phone_sendSms",
        parsed(&SendSms::new(P1, "+65", "hi").unwrap()),
    );
    snapshot_dir(
        "geelark/phone_net_set",
        parsed(&SetNetType::new(P1, cloudphone::geelark::NetType::Wifi).unwrap()),
    );
    let two = strings(&[P1, "699999999999999999"]);
    snapshot_dir(
        "geelark/phone_hideAccessibility",
        merged(
            &HideAccessibility::new(two.clone(), ["com.a"]).unwrap(),
            &two,
        ),
    );
    snapshot_dir(
        "geelark/phone_moveGroup",
        parsed(&MoveToGroup::new([P1], "0").unwrap()),
    );
    let pair = strings(&[P1, P2]);
    snapshot_dir(
        "geelark/root_setStatus",
        merged(&SetRoot::new(pair.clone(), true).unwrap(), &pair),
    );
    let ana = Contact {
        first_name: Some("Ana".into()),
        mobile: Some("+65".into()),
        ..Contact::default()
    };
    snapshot_dir(
        "geelark/phone_importContacts",
        parsed(&ImportContacts::new(P1, vec![ana]).unwrap()),
    );
    snapshot_dir(
        "geelark/phone_importContactsResult",
        parsed(&GetContactsResult::new("1").unwrap()),
    );
    snapshot_dir(
        "geelark/phone_transfer",
        merged(
            &TransferPhones::new(pair.clone(), "a@b.c", &[]).unwrap(),
            &pair,
        ),
    );
    snapshot_dir(
        "geelark/phone_newOne",
        parsed(&NewIdentity::new(P1).unwrap()),
    );
    let tiktok = || AppRef::Package("com.zhiliaoapp.musically".into());
    snapshot_dir(
        "geelark/app_start",
        parsed(&StartApp::new(P1, tiktok()).unwrap()),
    );
    snapshot_dir(
        "geelark/app_stop",
        parsed(&StopApp::new(P1, tiktok()).unwrap()),
    );
    snapshot_dir(
        "geelark/app_operation_batch",
        parsed(&AppBatch::new(AppAction::Restart, tiktok(), ["605551234567890123"]).unwrap()),
    );
}

#[test]
fn task_creation() {
    use cloudphone::geelark::task_create::{
        AddTasks, CreateFlowTask, ListFlows, PlanItem, TikTokTask,
    };
    let item = PlanItem::new(P1, 0)
        .unwrap()
        .field("video", "https://v.example/a.mp4");
    snapshot_dir(
        "geelark/task_add",
        parsed(&AddTasks::new(TikTokTask::Video, vec![item]).unwrap()),
    );
    snapshot_dir("geelark/task_flow_list", parsed(&ListFlows::new()));
    snapshot_dir(
        "geelark/task_rpa_add",
        parsed(&CreateFlowTask::new(P1, "1", 0).unwrap()),
    );
}

#[test]
fn team_proxy_groups_apps_flows_and_clones() {
    use cloudphone::geelark::team::{
        AddProxyGroup, ClonePhone, DeleteProxyGroups, ExportFlow, GetAppUploadStatus, ImportFlow,
        ListProxyGroups, ListTeamApps, RenameProxyGroup, UploadApp,
    };
    snapshot_dir("geelark/proxyGroup_search", parsed(&ListProxyGroups::new()));
    snapshot_dir(
        "geelark/proxyGroup_add",
        parsed(&AddProxyGroup::new("g").unwrap()),
    );
    snapshot_dir(
        "geelark/proxyGroup_update",
        parsed(&RenameProxyGroup::new("1", "g").unwrap()),
    );
    let ids = strings(&["620001234567890001", "620009999999999999"]);
    snapshot_dir(
        "geelark/proxyGroup_del",
        merged(&DeleteProxyGroups::new(ids.clone()).unwrap(), &ids),
    );
    snapshot_dir(
        "geelark/phone_clone",
        parsed(&ClonePhone::new(P1, 2).unwrap()),
    );
    snapshot_dir(
        "geelark/app_upload",
        parsed(&UploadApp::new("https://m.example.com/app.apk", None).unwrap()),
    );
    snapshot_dir(
        "geelark/app_upload_status",
        parsed(&GetAppUploadStatus::new("1").unwrap()),
    );
    snapshot_dir("geelark/app_teamApp_list", parsed(&ListTeamApps::new()));
    snapshot_dir(
        "geelark/task_flow_import",
        parsed(&ImportFlow::new("{}", None).unwrap()),
    );
    snapshot_dir(
        "geelark/task_flow_export",
        parsed(&ExportFlow::new("1").unwrap()),
    );
}

#[test]
fn team_app_settings_and_net_config() {
    use cloudphone::geelark::team_apps::{
        AddTeamApp, GetNetConfig, RemoveTeamApp, SetAppAuth, SetAppAutoInstall, SetAppAutoStart,
        SetAppHidden, SetAppKeepAlive, SetAppRoot, SetNetConfig,
    };
    snapshot_dir(
        "geelark/app_add",
        parsed(&AddTeamApp::new("1", "2", vec![]).unwrap()),
    );
    snapshot_dir(
        "geelark/app_remove",
        parsed(&RemoveTeamApp::new("1").unwrap()),
    );
    snapshot_dir(
        "geelark/app_auth_status",
        parsed(&SetAppAuth::new("1", true).unwrap()),
    );
    snapshot_dir(
        "geelark/app_setAutoStart",
        parsed(&SetAppAutoStart::new("1", true).unwrap()),
    );
    snapshot_dir(
        "geelark/app_setKeepAlive",
        parsed(&SetAppKeepAlive::new("1", true).unwrap()),
    );
    snapshot_dir(
        "geelark/app_root",
        parsed(&SetAppRoot::new("1", false).unwrap()),
    );
    snapshot_dir(
        "geelark/app_setHide",
        parsed(&SetAppHidden::new("1", true).unwrap()),
    );
    snapshot_dir(
        "geelark/app_setStatus",
        parsed(&SetAppAutoInstall::new("1", true, vec![]).unwrap()),
    );
    snapshot_dir("geelark/phone_netConfig_get", parsed(&GetNetConfig));
    snapshot_dir(
        "geelark/phone_netConfig_set",
        parsed(&SetNetConfig::new(["ads.example.com"]).unwrap()),
    );
}

#[test]
fn patches_and_white_label() {
    use cloudphone::geelark::patches::{
        Customize, GetPatchStatus, InstallPatch, ListPatches, PatchInstall, UninstallPatch,
    };
    snapshot_dir(
        "geelark/phone_patch_install",
        parsed(&InstallPatch::new(P1, "https://m.example.com/p.apk").unwrap()),
    );
    snapshot_dir(
        "geelark/phone_patch_install_status",
        parsed(&GetPatchStatus::new(PatchInstall::Task("1".into())).unwrap()),
    );
    snapshot_dir(
        "geelark/phone_patch_list",
        parsed(&ListPatches::new(P1).unwrap()),
    );
    snapshot_dir(
        "geelark/phone_patch_uninstall",
        parsed(&UninstallPatch::new(P1, "1").unwrap()),
    );
    snapshot_dir(
        "geelark/phone_customization",
        parsed(&Customize::new().hide_header(true)),
    );
}

#[test]
fn materials() {
    use cloudphone::geelark::labels::TagColor;
    use cloudphone::geelark::materials::*;
    const M1: &str = "1950000000000000201";
    const M2: &str = "1950000000000000202";
    snapshot_dir(
        "geelark/material_getUploadUrl",
        parsed(&GetMaterialUploadUrl::new("mp4").unwrap()),
    );
    snapshot_dir(
        "geelark/material_create",
        parsed(&CreateMaterial::new("https://material.geelark.com/m/abc.mp4").unwrap()),
    );
    snapshot_dir(
        "geelark/material_del",
        parsed(&DeleteMaterials::new([M1, M2]).unwrap()),
    );
    snapshot_dir("geelark/material_search", parsed(&SearchMaterials::new()));
    snapshot_dir(
        "geelark/material_tag_create",
        parsed(&CreateMaterialTag::new("promo", TagColor::Red).unwrap()),
    );
    snapshot_dir(
        "geelark/material_tag_del",
        parsed(&DeleteMaterialTags::new(["1950000000000000301"]).unwrap()),
    );
    snapshot_dir(
        "geelark/material_tag_search",
        parsed(&SearchMaterialTags::new()),
    );
    snapshot_dir(
        "geelark/material_tag_set",
        parsed(&SetMaterialTags::new([M1, M2], ["1950000000000000399"]).unwrap()),
    );
}

#[test]
fn analytics() {
    use cloudphone::geelark::analytics::*;
    use cloudphone::geelark::labels::TagColor;
    snapshot_dir(
        "geelark/analytics_accounts_list",
        parsed(&ListAnalyticsAccounts::new()),
    );
    snapshot_dir(
        "geelark/analytics_accounts_add",
        parsed(
            &AddAnalyticsAccounts::new(
                Channel::TikTok,
                vec![
                    NewAnalyticsAccount::new("a", None).unwrap(),
                    NewAnalyticsAccount::new("b", None).unwrap(),
                ],
            )
            .unwrap(),
        ),
    );
    snapshot_dir(
        "geelark/analytics_accounts_delete",
        parsed(&DeleteAnalyticsAccount::new(Channel::TikTok, "a").unwrap()),
    );
    snapshot_dir(
        "geelark/analytics_accounts_update",
        parsed(
            &UpdateAnalyticsAccount::new("1")
                .unwrap()
                .channel(Channel::YouTube),
        ),
    );
    snapshot_dir("geelark/analytics_data", parsed(&GetAnalyticsData::new()));
    snapshot_dir(
        "geelark/analytics_tags_list",
        parsed(&ListAnalyticsTags::new()),
    );
    snapshot_dir(
        "geelark/analytics_tags_create",
        parsed(&CreateAnalyticsTag::new("brand", TagColor::Blue).unwrap()),
    );
    snapshot_dir(
        "geelark/analytics_tags_update",
        parsed(&UpdateAnalyticsTag::new("7", Some("b".into()), None).unwrap()),
    );
    snapshot_dir(
        "geelark/analytics_tags_del",
        parsed(&DeleteAnalyticsTags::new(["7", "8"]).unwrap()),
    );
}

#[test]
fn billing_and_team_brands() {
    use cloudphone::geelark::billing::*;
    snapshot_dir(
        "geelark/pay_plan_upgrade",
        parsed(&UpgradePlan::new("2", 10, 5).unwrap()),
    );
    snapshot_dir(
        "geelark/pay_plan_continue",
        parsed(&RenewPlan::new(30).unwrap()),
    );
    snapshot_dir(
        "geelark/pay_timeAddOn_buy",
        parsed(&BuyTimeAddOn::new(2000).unwrap()),
    );
    snapshot_dir(
        "geelark/pay_wallet_recharge",
        parsed(&RechargeWallet::new(PayChannel::Alipay, 100).unwrap()),
    );
    snapshot_dir(
        "geelark/billing_transaction_detail",
        parsed(&ListTransactions::new()),
    );
    snapshot_dir(
        "geelark/phone_brand_teamList",
        parsed(&cloudphone::geelark::account::ListTeamBrands::new(12).unwrap()),
    );
}

// ------------------------------------------------ code 0 without data

/// Issue 12, item 7: a code-0 envelope whose `data` is `null` (or missing)
/// was a silent empty success for start, stop and delete — every id came
/// back "missing" with no error. Every operation whose documented answer
/// has `data` now gives a typed decode error at `data`; the four whose
/// documented success is the envelope alone (ADB set-status, app install
/// and uninstall, phone update) still accept it. The list of operations here
/// is every GeeLark operation of the crate.
#[test]
fn code_0_with_data_null_is_typed_for_every_operation() {
    type Parse = Box<dyn Fn(&Response) -> cloudphone::Result<()>>;
    fn p<O: Operation + 'static>(op: O) -> (&'static str, Parse) {
        (O::NAME, Box::new(move |r: &Response| op.parse(r).map(drop)))
    }
    let ids = || strings(&[P1, P2]);
    let proxy = || {
        cloudphone::geelark::proxies::NewProxy::new(cloudphone::geelark::ProxyScheme::Http, "h", 1)
            .unwrap()
    };
    let needs_data: Vec<(&str, Parse)> = vec![
        p(ListPhones::new().page(1, 20).unwrap()),
        p(cloudphone::geelark::GetPhoneStatus::new(ids()).unwrap()),
        p(StartPhones::new(ids()).unwrap()),
        p(StopPhones::new(ids()).unwrap()),
        p(DeletePhones::new(ids()).unwrap()),
        p(CreatePhones::new(
            "Android 13",
            vec![NewPhone::with_saved_proxy("a", 1).unwrap()],
        )
        .unwrap()),
        p(TakeScreenshot::new(P1).unwrap()),
        p(GetScreenshotResult::new("1").unwrap()),
        p(SetGps::new([GpsPosition::new(P1, 1.0, 2.0).unwrap()]).unwrap()),
        p(GetGps::new(ids()).unwrap()),
        p(GetAdbData::new(ids()).unwrap()),
        p(ListApps::new(P1, 1, 20).unwrap()),
        p(cloudphone::geelark::tasks::QueryTasks::new(ids()).unwrap()),
        p(cloudphone::geelark::tasks::TaskHistory::new()),
        p(cloudphone::geelark::tasks::ShowTask::new(P1).unwrap()),
        p(cloudphone::geelark::tasks::CancelTasks::new(ids()).unwrap()),
        p(cloudphone::geelark::tasks::RestartTasks::new(ids()).unwrap()),
        p(cloudphone::geelark::shell::ExecuteShell::new(P1, "ls").unwrap()),
        p(cloudphone::geelark::callbacks::GetCallback),
        p(cloudphone::geelark::app_catalog::ListInstallableApps::new(P1, 1, 10).unwrap()),
        p(cloudphone::geelark::app_catalog::ListShopApps::new(1, 10).unwrap()),
        p(cloudphone::geelark::proxies::ListProxies::new()),
        p(cloudphone::geelark::proxies::AddProxies::new(vec![proxy()]).unwrap()),
        p(
            cloudphone::geelark::proxies::UpdateProxies::new(vec![(P1.to_owned(), proxy())])
                .unwrap(),
        ),
        p(cloudphone::geelark::proxies::DeleteProxies::new(ids()).unwrap()),
        p(cloudphone::geelark::proxies::CheckProxy::new(proxy())),
        p(cloudphone::geelark::rpa::CreateRpaTask::new("tiktokHide", P1, 0).unwrap()),
        p(cloudphone::geelark::labels::ListGroups::new()),
        p(cloudphone::geelark::labels::AddGroups::new(vec![
            cloudphone::geelark::labels::NewGroup::new("g", None).unwrap(),
        ])
        .unwrap()),
        p(cloudphone::geelark::labels::UpdateGroups::new(vec![
            cloudphone::geelark::labels::LabelUpdate::new(P1).unwrap(),
        ])
        .unwrap()),
        p(cloudphone::geelark::labels::DeleteGroups::new(ids()).unwrap()),
        p(cloudphone::geelark::labels::ListTags::new()),
        p(cloudphone::geelark::labels::AddTags::new(vec![
            cloudphone::geelark::labels::NewTag::new("t", None).unwrap(),
        ])
        .unwrap()),
        p(cloudphone::geelark::labels::UpdateTags::new(vec![
            cloudphone::geelark::labels::LabelUpdate::new(P1).unwrap(),
        ])
        .unwrap()),
        p(cloudphone::geelark::labels::DeleteTags::new(ids()).unwrap()),
        p(cloudphone::geelark::account::GetWallet),
        p(cloudphone::geelark::account::GetPlan),
        p(cloudphone::geelark::account::ListProfilePlans),
        p(cloudphone::geelark::account::ListBrands::new(13).unwrap()),
        p(cloudphone::geelark::account::GetSerialNumber::new(P1).unwrap()),
        p(cloudphone::geelark::task_create::AddTasks::new(
            cloudphone::geelark::task_create::TikTokTask::Video,
            vec![
                cloudphone::geelark::task_create::PlanItem::new(P1, 0)
                    .unwrap()
                    .field("video", "https://v/a"),
            ],
        )
        .unwrap()),
        p(cloudphone::geelark::team_apps::GetNetConfig),
        p(
            cloudphone::geelark::patches::InstallPatch::new(P1, "https://m.example.com/p.apk")
                .unwrap(),
        ),
        p(cloudphone::geelark::patches::GetPatchStatus::new(
            cloudphone::geelark::patches::PatchInstall::Task("1".into()),
        )
        .unwrap()),
        p(cloudphone::geelark::patches::ListPatches::new(P1).unwrap()),
        p(cloudphone::geelark::patches::UninstallPatch::new(P1, "1").unwrap()),
        p(cloudphone::geelark::team::ListProxyGroups::new()),
        p(cloudphone::geelark::team::AddProxyGroup::new("g").unwrap()),
        p(cloudphone::geelark::team::DeleteProxyGroups::new(ids()).unwrap()),
        p(cloudphone::geelark::team::ClonePhone::new(P1, 1).unwrap()),
        p(cloudphone::geelark::team::UploadApp::new("https://h/a.apk", None).unwrap()),
        p(cloudphone::geelark::team::GetAppUploadStatus::new("1").unwrap()),
        p(cloudphone::geelark::team::ListTeamApps::new()),
        p(cloudphone::geelark::team::ImportFlow::new("{}", None).unwrap()),
        p(cloudphone::geelark::team::ExportFlow::new("1").unwrap()),
        p(cloudphone::geelark::task_create::ListFlows::new()),
        p(cloudphone::geelark::task_create::CreateFlowTask::new(P1, "1", 0).unwrap()),
        p(cloudphone::geelark::files::GetUploadUrl::new("mp4").unwrap()),
        p(cloudphone::geelark::files::UploadToPhone::new(P1, "https://h/a").unwrap()),
        p(cloudphone::geelark::files::GetUploadResult::new("1").unwrap()),
        p(cloudphone::geelark::files::UploadKeybox::new(P1, "https://h/a").unwrap()),
        p(cloudphone::geelark::files::GetKeyboxResult::new("1").unwrap()),
        p(cloudphone::geelark::phone_tools::ImportContacts::new(
            P1,
            vec![cloudphone::geelark::phone_tools::Contact {
                first_name: Some("a".into()),
                mobile: Some("1".into()),
                ..Default::default()
            }],
        )
        .unwrap()),
        p(cloudphone::geelark::phone_tools::GetContactsResult::new("1").unwrap()),
        p(cloudphone::geelark::phone_tools::TransferPhones::new(ids(), "a@b", &[]).unwrap()),
        p(cloudphone::geelark::materials::GetMaterialUploadUrl::new("png").unwrap()),
        p(cloudphone::geelark::materials::CreateMaterial::new("https://h/a").unwrap()),
        p(cloudphone::geelark::materials::DeleteMaterials::new(ids()).unwrap()),
        p(cloudphone::geelark::materials::SearchMaterials::new()),
        p(cloudphone::geelark::materials::DeleteMaterialTags::new(ids()).unwrap()),
        p(cloudphone::geelark::materials::CreateMaterialTag::new(
            "t",
            cloudphone::geelark::labels::TagColor::White,
        )
        .unwrap()),
        p(cloudphone::geelark::materials::SearchMaterialTags::new()),
        p(cloudphone::geelark::analytics::ListAnalyticsAccounts::new()),
        p(cloudphone::geelark::analytics::AddAnalyticsAccounts::new(
            cloudphone::geelark::analytics::Channel::Reddit,
            vec![cloudphone::geelark::analytics::NewAnalyticsAccount::new("a", None).unwrap()],
        )
        .unwrap()),
        p(cloudphone::geelark::analytics::GetAnalyticsData::new()),
        p(cloudphone::geelark::analytics::ListAnalyticsTags::new()),
        p(cloudphone::geelark::billing::RechargeWallet::new(
            cloudphone::geelark::billing::PayChannel::WeChat,
            200,
        )
        .unwrap()),
        p(cloudphone::geelark::billing::ListTransactions::new()),
        p(cloudphone::geelark::account::ListTeamBrands::new(12).unwrap()),
    ];
    let envelope_only: Vec<(&str, Parse)> = vec![
        p(SetAdb::new(ids(), true).unwrap()),
        p(InstallApp::new(P1, "1").unwrap()),
        p(UninstallApp::new(P1, "com.x").unwrap()),
        p(UpdatePhone::new(P1).unwrap().name("n").unwrap()),
        p(cloudphone::geelark::callbacks::SetCallback::new("https://h.example/x").unwrap()),
        p(cloudphone::geelark::lifecycle::RestartPhone::new(P1).unwrap()),
        p(cloudphone::geelark::account::AuthStatus),
        p(cloudphone::geelark::team::RenameProxyGroup::new("1", "g").unwrap()),
        p(cloudphone::geelark::patches::Customize::new()),
        p(cloudphone::geelark::team_apps::AddTeamApp::new("1", "2", vec![]).unwrap()),
        p(cloudphone::geelark::team_apps::RemoveTeamApp::new("1").unwrap()),
        p(cloudphone::geelark::team_apps::SetAppAuth::new("1", true).unwrap()),
        p(cloudphone::geelark::team_apps::SetAppAutoStart::new("1", true).unwrap()),
        p(cloudphone::geelark::team_apps::SetAppKeepAlive::new("1", true).unwrap()),
        p(cloudphone::geelark::team_apps::SetAppRoot::new("1", false).unwrap()),
        p(cloudphone::geelark::team_apps::SetAppHidden::new("1", true).unwrap()),
        p(cloudphone::geelark::team_apps::SetAppAutoInstall::new("1", true, vec![]).unwrap()),
        p(cloudphone::geelark::team_apps::SetNetConfig::new(["ads.example.com"]).unwrap()),
        p(cloudphone::geelark::phone_tools::SendSms::new(P1, "1", "t").unwrap()),
        p(cloudphone::geelark::phone_tools::SetNetType::new(
            P1,
            cloudphone::geelark::NetType::Wifi,
        )
        .unwrap()),
        p(cloudphone::geelark::phone_tools::HideAccessibility::new(ids(), ["a"]).unwrap()),
        p(cloudphone::geelark::phone_tools::MoveToGroup::new(ids(), "0").unwrap()),
        p(cloudphone::geelark::phone_tools::SetRoot::new(ids(), true).unwrap()),
        p(cloudphone::geelark::phone_tools::NewIdentity::new(P1).unwrap()),
        p(cloudphone::geelark::app_control::StartApp::new(
            P1,
            cloudphone::geelark::app_control::AppRef::Package("a".into()),
        )
        .unwrap()),
        p(cloudphone::geelark::app_control::StopApp::new(
            P1,
            cloudphone::geelark::app_control::AppRef::Package("a".into()),
        )
        .unwrap()),
        p(cloudphone::geelark::app_control::AppBatch::new(
            cloudphone::geelark::app_control::AppAction::Start,
            cloudphone::geelark::app_control::AppRef::Package("a".into()),
            Vec::<String>::new(),
        )
        .unwrap()),
        p(cloudphone::geelark::materials::SetMaterialTags::new(ids(), ["1"]).unwrap()),
        p(cloudphone::geelark::analytics::DeleteAnalyticsAccount::new(
            cloudphone::geelark::analytics::Channel::TikTok,
            "a",
        )
        .unwrap()),
        p(
            cloudphone::geelark::analytics::UpdateAnalyticsAccount::new("1")
                .unwrap()
                .remark("r")
                .unwrap(),
        ),
        p(cloudphone::geelark::analytics::CreateAnalyticsTag::new(
            "t",
            cloudphone::geelark::labels::TagColor::White,
        )
        .unwrap()),
        p(
            cloudphone::geelark::analytics::UpdateAnalyticsTag::new("1", Some("n".into()), None)
                .unwrap(),
        ),
        p(cloudphone::geelark::analytics::DeleteAnalyticsTags::new(ids()).unwrap()),
        p(cloudphone::geelark::billing::UpgradePlan::new("1", 1, 1).unwrap()),
        p(cloudphone::geelark::billing::RenewPlan::new(90).unwrap()),
        p(cloudphone::geelark::billing::BuyTimeAddOn::new(5000).unwrap()),
    ];
    assert_eq!(
        needs_data.len() + envelope_only.len(),
        115,
        "every operation but the presigned PUT (geelark.upload_file: no envelope)"
    );
    let bodies = [
        r#"{"code":0,"msg":"success","traceId":"T","data":null}"#,
        r#"{"code":0,"msg":"success","traceId":"T"}"#,
    ];
    for body in bodies {
        let r = Response::new(200, body.as_bytes().to_vec());
        for (name, parse) in &needs_data {
            match parse(&r) {
                Err(cloudphone::Error::Decode { path, .. }) => {
                    assert_eq!(path, "data", "{name} on {body}")
                }
                other => panic!("{name} on {body}: {other:?}"),
            }
        }
        for (name, parse) in &envelope_only {
            assert!(parse(&r).is_ok(), "{name} on {body}");
        }
    }
}

// ---------------------------------------------------------------- pagers

/// A `/phone/list` answer with `n` phones and the given total.
fn list_page(n: usize, total: Option<u64>) -> Response {
    let items: Vec<String> = (0..n)
        .map(|i| format!(r#"{{"id":"{}","serialName":"p{i}","status":2}}"#, 700 + i))
        .collect();
    let total = total.map_or(String::new(), |t| format!(r#""total":{t},"#));
    Response::new(
        200,
        format!(
            r#"{{"code":0,"msg":"success","traceId":"T","data":{{{total}"items":[{}]}}}}"#,
            items.join(",")
        ),
    )
}

/// Walks a listing: for each page the number of items the server returns,
/// with the total it reports; gives the page numbers requested.
fn walk(page_size: u32, total: Option<u64>, served: &[usize]) -> Vec<u32> {
    let mut op = ListPhones::new().page(1, page_size).unwrap();
    let mut asked = vec![op.page_number()];
    for &n in served {
        let page = op.parse(&list_page(n, total)).unwrap();
        assert_eq!(page.phones.len(), n);
        match op.next_page(&page) {
            Some(next) => {
                assert_eq!(next.page_size(), page_size);
                asked.push(next.page_number());
                op = next;
            }
            None => return asked,
        }
    }
    asked
}

#[test]
fn phone_list_pager() {
    // 250 phones in pages of 100: the third page is short and the last.
    assert_eq!(walk(100, Some(250), &[100, 100, 50]), [1, 2, 3]);
    // 7 phones in pages of 3.
    assert_eq!(walk(3, Some(7), &[3, 3, 1]), [1, 2, 3]);
    // Exactly a multiple: no extra request for an empty page.
    assert_eq!(walk(100, Some(200), &[100, 100]), [1, 2]);
    // Empty fleet.
    assert_eq!(walk(100, Some(0), &[0]), [1]);
    // The server returns fewer than asked although the total says more:
    // keep going by page number.
    assert_eq!(walk(100, Some(250), &[60, 100, 50]), [1, 2, 3]);
    // A page past the end (the fleet shrank while paging) ends the listing.
    assert_eq!(walk(100, Some(250), &[100, 0]), [1, 2]);
    // No total: a short page is the last.
    assert_eq!(walk(10, None, &[10, 4]), [1, 2]);
    // No total, full pages: continue until an empty one.
    assert_eq!(walk(10, None, &[10, 10, 0]), [1, 2, 3]);
}

#[test]
fn phone_list_by_ids_is_one_page() {
    let op = ListPhones::new()
        .page(1, 2)
        .unwrap()
        .ids([P1, P2, P3])
        .unwrap();
    // GeeLark ignores paging for ids: 3 phones although pageSize is 2.
    let page = op.parse(&list_page(3, Some(3))).unwrap();
    assert!(op.next_page(&page).is_none());
    let page = op.parse(&list_page(2, Some(10))).unwrap();
    assert!(op.next_page(&page).is_none());
}

#[test]
fn phone_list_keeps_each_item_raw() {
    let body = r#"{"code":0,"msg":"success","traceId":"T","data":{"total":2,"items":[
        {"id":612345678901234567, "status":0,"newField":{"deep":[1,2]}},
        {"id":"b","serialName":"名前","status":"1"}]}}"#;
    let page = ListPhones::new()
        .page(1, 20)
        .unwrap()
        .parse(&Response::new(200, body))
        .unwrap();
    assert_eq!(
        page.phones[0].raw.get(),
        r#"{"id":612345678901234567, "status":0,"newField":{"deep":[1,2]}}"#
    );
    assert_eq!(page.phones[0].id, P1);
    assert_eq!(page.phones[1].name.as_deref(), Some("名前"));
    assert_eq!(page.phones[1].status, cloudphone::PhoneStatus::Starting);
    assert_eq!(page.records.len(), page.phones.len());
}

#[test]
fn app_list_pager() {
    let app_page = |n: usize, total: u64| {
        let items: Vec<String> = (0..n)
            .map(|i| format!(r#"{{"appId":"{i}","packageName":"p.{i}"}}"#))
            .collect();
        Response::new(
            200,
            format!(
                r#"{{"code":0,"msg":"ok","data":{{"total":{total},"items":[{}]}}}}"#,
                items.join(",")
            ),
        )
    };
    let op = ListApps::new(P1, 1, 2).unwrap();
    let next = op
        .next_page(&op.parse(&app_page(2, 3)).unwrap())
        .expect("a second page");
    assert!(
        next.next_page(&next.parse(&app_page(1, 3)).unwrap())
            .is_none()
    );
    assert!(op.next_page(&op.parse(&app_page(0, 0)).unwrap()).is_none());
}

// ---------------------------------------------------------------- secrets

#[test]
fn capability_urls_and_passwords_are_redacted_in_debug() {
    let start = StartPhones::new([P1])
        .unwrap()
        .parse(&Response::new(
            200,
            r#"{"code":0,"msg":"","data":{"successDetails":[{"id":"612345678901234567","url":"https://v/?token=URLSECRET"}]}}"#,
        ))
        .unwrap();
    let adb = GetAdbData::new([P1])
        .unwrap()
        .parse(&Response::new(
            200,
            r#"{"code":0,"msg":"","data":{"items":[{"code":0,"id":"612345678901234567","ip":"1.2.3.4","port":"5555","pwd":"GLOGINSECRET"}]}}"#,
        ))
        .unwrap();
    let list = ListPhones::new().page(1, 20)
        .unwrap()
        .parse(&Response::new(
            200,
            r#"{"code":0,"msg":"","data":{"items":[{"id":"1","status":0,"proxy":{"type":"http","password":"PROXYSECRET"}}]}}"#,
        ))
        .unwrap();
    let shot = GetScreenshotResult::new("1")
        .unwrap()
        .parse(&Response::new(
            200,
            r#"{"code":0,"msg":"","data":{"status":2,"downloadLink":"https://b/x.png?Signature=LINKSECRET"}}"#,
        ))
        .unwrap();
    let debug = format!(
        "{start:?}{adb:?}{:?}{:?}{shot:?}",
        list.records, list.phones
    );
    for secret in ["URLSECRET", "GLOGINSECRET", "PROXYSECRET", "LINKSECRET"] {
        assert!(!debug.contains(secret), "{secret} leaked: {debug}");
    }
    // The values still reach the caller.
    assert_eq!(
        start.started[0].url.as_ref().unwrap().expose(),
        "https://v/?token=URLSECRET"
    );
    assert_eq!(adb.connections[0].address(), "1.2.3.4:5555");
    assert_eq!(
        adb.connections[0].pwd.as_ref().unwrap().expose(),
        "GLOGINSECRET"
    );
}

// ------------------------------------------------------------- callbacks

/// Every documented callback event (the reference's sample bodies) reads
/// into its typed event; the event's code is its `type`.
#[test]
fn every_documented_callback_event_is_typed() {
    use cloudphone::geelark::callbacks::Event;
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/geelark_callback_events.json"
    ))
    .unwrap();
    let all: serde_json::Map<String, serde_json::Value> = serde_json::from_str(&text).unwrap();
    let mut typed = serde_json::Map::new();
    for (name, body) in &all {
        let event =
            Event::parse(body.to_string().as_bytes()).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(Some(event.code()), body["type"].as_i64(), "{name}");
        typed.insert(name.clone(), serde_json::to_value(&event).unwrap());
    }
    assert_eq!(typed.len(), 12, "types 1, 4, 5, 6, 8-15");
    insta::assert_json_snapshot!("geelark_callback_events_typed", typed);
}

/// Hostile or unknown callback bodies are typed errors naming what was
/// wrong, never a panic or a half-filled event.
#[test]
fn hostile_callback_bodies_are_typed_errors() {
    use cloudphone::ErrorKind;
    use cloudphone::geelark::callbacks::{Event, MAX_EVENT_LEN};
    let cases: Vec<(&str, Vec<u8>, ErrorKind, &str)> = vec![
        (
            "unknown type",
            br#"{"type":99,"id":"1"}"#.to_vec(),
            ErrorKind::Decode,
            "unknown event type 99",
        ),
        (
            "no type",
            br#"{"id":"1","result":true}"#.to_vec(),
            ErrorKind::Decode,
            "type",
        ),
        (
            "type as text",
            br#"{"type":"x"}"#.to_vec(),
            ErrorKind::Decode,
            "type",
        ),
        (
            "started without id",
            br#"{"type":1,"result":true}"#.to_vec(),
            ErrorKind::Decode,
            "id",
        ),
        (
            "result as text",
            br#"{"type":6,"taskId":"1","result":"yes"}"#.to_vec(),
            ErrorKind::Decode,
            "result",
        ),
        (
            "task ids not ids",
            br#"{"type":12,"taskIds":[{"a":1}]}"#.to_vec(),
            ErrorKind::Decode,
            "taskIds",
        ),
        (
            "items not objects",
            br#"{"type":9,"items":[1]}"#.to_vec(),
            ErrorKind::Decode,
            "items[0]",
        ),
        ("not JSON", b"type=1".to_vec(), ErrorKind::Decode, ""),
        (
            "a trailing comma",
            br#"{"type":6,"taskId":"1","result":true,}"#.to_vec(),
            ErrorKind::Decode,
            "",
        ),
        (
            "deep nesting",
            "[".repeat(100_000).into_bytes(),
            ErrorKind::Decode,
            "",
        ),
        (
            "too large",
            vec![b' '; MAX_EVENT_LEN + 1],
            ErrorKind::BodyTooLarge,
            "",
        ),
    ];
    for (name, body, kind, needle) in cases {
        let e = Event::parse(&body).unwrap_err();
        assert_eq!(e.kind(), kind, "{name}: {e}");
        assert!(e.to_string().contains(needle), "{name}: {e}");
    }
}

/// A callback is GeeLark's only when its headers are signed for this
/// account: the documented key-mode example verifies; a changed byte, a
/// foreign appId, a stale `ts` or a wrong nonce does not; token mode needs
/// the account's Bearer token. No error text carries a secret.
#[test]
fn callbacks_are_verified_against_the_account() {
    use cloudphone::ErrorKind;
    use cloudphone::geelark::Auth;
    use cloudphone::geelark::callbacks::verify;
    let (app, key) = ("eH6gQR4oHr3FsZpI36La01IW", "YjmFIUuq0oJgSDJ42fxLEb6R1qjjqf");
    let auth = Auth::key(app, key);
    let tid = "db6094ab-3797-4186-84d5-b0b58eebad56";
    let ts = "1716972892166";
    let now = 1_716_972_900_000;
    let good = "6280C080AF7C3CCE168F15C913E3444A00A618CB0E16038EED9811D6E3366BDD";
    let headers = |app: &'static str, nonce: &'static str, ts: &'static str, sign: &'static str| {
        vec![
            ("AppId", app),
            ("traceId", tid),
            ("ts", ts),
            ("Nonce", nonce),
            ("sign", sign),
        ]
    };
    verify(headers(app, "db6094", ts, good), &auth, now).unwrap();
    verify(
        headers(app, "db6094", ts, good.to_lowercase().leak()),
        &auth,
        now,
    )
    .unwrap();
    let bad = [
        headers(
            app,
            "db6094",
            ts,
            "6280C080AF7C3CCE168F15C913E3444A00A618CB0E16038EED9811D6E3366BDE",
        ),
        headers("someone-else", "db6094", ts, good),
        headers(app, "db6095", ts, good),
        headers(app, "db6094", "1716970000000", good),
        headers(app, "db6094", "soon", good),
        vec![("traceId", tid)],
    ];
    for h in bad {
        let e = verify(h.clone(), &auth, now).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Auth, "{h:?}: {e}");
        assert!(
            !e.to_string().contains(key) && !e.to_string().contains(app),
            "{e}"
        );
    }
    let token = Auth::token("tok-123");
    verify(
        [("Authorization", "Bearer tok-123"), ("traceId", "T")],
        &token,
        now,
    )
    .unwrap();
    for value in ["Bearer tok-124", "tok-123", "Basic tok-123"] {
        let e = verify([("authorization", value)], &token, now).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Auth);
        assert!(!e.to_string().contains("tok-123"), "{e}");
    }
}

/// The transaction walk follows `lastFlowId`, and stops on a short page, an
/// empty cursor or a cursor that does not move (a server repeating itself).
#[test]
fn transaction_pager_follows_the_flow_cursor() {
    use cloudphone::geelark::billing::ListTransactions;
    let page = |n: usize, cursor: &str| {
        let items: Vec<String> = (0..n)
            .map(|i| format!(r#"{{"id":"{}","amount":0.1}}"#, 9000 + i))
            .collect();
        Response::new(
            200,
            format!(
                r#"{{"code":0,"msg":"success","data":{{"list":[{}],"lastFlowId":"{cursor}"}}}}"#,
                items.join(",")
            ),
        )
    };
    let first = ListTransactions::new().limit(2).unwrap();
    let full = first.parse(&page(2, "9001")).unwrap();
    let second = first
        .next_page(&full)
        .expect("a full page with a cursor goes on");
    assert_eq!(second, first.clone().after("9001").unwrap());
    assert!(
        second
            .next_page(&second.parse(&page(2, "9001")).unwrap())
            .is_none()
    );
    assert!(
        first
            .next_page(&first.parse(&page(1, "9000")).unwrap())
            .is_none()
    );
    assert!(
        first
            .next_page(&first.parse(&page(2, "")).unwrap())
            .is_none()
    );
}

/// Material and team-brand pages end on the total or on a short page.
#[test]
fn material_and_team_brand_pagers() {
    use cloudphone::geelark::account::ListTeamBrands;
    use cloudphone::geelark::materials::SearchMaterialTags;
    let op = SearchMaterialTags::new().page(1, 2).unwrap();
    let two = Response::new(
        200,
        r#"{"code":0,"msg":"success","data":{"total":3,"list":[{"id":"1"},{"id":"2"}]}}"#,
    );
    let next = op.next_page(&op.parse(&two).unwrap()).unwrap();
    assert_eq!(next, SearchMaterialTags::new().page(2, 2).unwrap());
    assert!(next.next_page(&next.parse(&two).unwrap()).is_none());
    let brands = ListTeamBrands::new(12).unwrap().page(1, 2).unwrap();
    let bare = Response::new(
        200,
        r#"{"code":0,"msg":"success","data":[{"surfaceBrandName":"A","surfaceModelName":"1"}]}"#,
    );
    assert!(brands.next_page(&brands.parse(&bare).unwrap()).is_none());
}
