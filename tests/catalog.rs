//! The README's table of supported operations is generated from the code:
//! every operation is built here with sample arguments, its method and path
//! are read off the built request, and the table must equal the README's.
//! A scan of `src/` makes sure no operation is left out of the table.
//!
//! `CLOUDPHONE_BLESS_README=1 cargo test --test catalog` rewrites the table.

use cloudphone::geelark;
use cloudphone::huawei::{self, adb, iam, jobs, lifecycle, phones, servers};
use cloudphone::{Context, Endpoint, Operation, Request};

const PROJECT: &str = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";

struct Row {
    provider: &'static str,
    name: &'static str,
    type_name: String,
    method: String,
    path: String,
    limit: &'static str,
}

fn hw_cfg() -> huawei::Config {
    huawei::Config::for_region("cn-north-4", PROJECT, huawei::Auth::token("t")).unwrap()
}

fn gl_cfg() -> geelark::Config {
    geelark::Config::global(geelark::Auth::token("t")).unwrap()
}

fn row<O: Operation>(provider: &'static str, op: O, cfg: &O::Config, limit: &'static str) -> Row {
    let req: Request = op.build(&Context::new(cfg, 0, "TRACEID0")).unwrap();
    let after_host = req.url.splitn(4, '/').nth(3).unwrap_or("");
    let path = format!("/{}", after_host.split('?').next().unwrap())
        .replace(PROJECT, "{project_id}")
        .replace("/PHONE", "/{phone_id}")
        .replace("/SERVER", "/{server_id}")
        .replace("/JOB", "/{job_id}")
        .replace("/IMAGE", "/{image_id}")
        .replace("/MEMBER", "/{member_id}")
        .replace("/BANDWIDTH", "/{band_width_id}")
        .replace("/EVENT", "/{event_id}")
        .replace("/tiktokHide", "/{creator}");
    let type_name = std::any::type_name::<O>().replace("cloudphone::", "");
    Row {
        provider,
        name: O::NAME,
        type_name,
        method: req.method.to_string(),
        path,
        limit,
    }
}

fn obs() -> cloudphone::huawei::phone_data::ObsObject {
    cloudphone::huawei::phone_data::ObsObject::new("bucket", "a.tar").unwrap()
}

fn backup() -> cloudphone::huawei::phone_data::Backup {
    cloudphone::huawei::phone_data::Backup::new("p", ["/data"], obs()).unwrap()
}

fn tag() -> cloudphone::huawei::tags::Tag {
    cloudphone::huawei::tags::Tag::new("env", "prod").unwrap()
}

fn rows() -> Vec<Row> {
    let hw = hw_cfg();
    let gl = gl_cfg();
    let iam_ep = Endpoint::parse("https://iam.cn-north-4.myhuaweicloud.com").unwrap();
    let p = || adb::Target::Phones(vec!["p".into()]);
    vec![
        row(
            "Huawei CPH",
            huawei::ShowConnectInfos::new(["p"], huawei::ClientType::Android).unwrap(),
            &hw,
            "10 phone ids",
        ),
        row(
            "Huawei CPH",
            phones::ListPhones::new(),
            &hw,
            "page of 1–200",
        ),
        row(
            "Huawei CPH",
            phones::ShowPhone::new("PHONE").unwrap(),
            &hw,
            "—",
        ),
        row(
            "Huawei CPH",
            phones::RenamePhone::new("PHONE", "n").unwrap(),
            &hw,
            "—",
        ),
        row(
            "Huawei CPH",
            servers::ListServers::new(),
            &hw,
            "page of 1–100",
        ),
        row(
            "Huawei CPH",
            servers::ShowServer::new("SERVER").unwrap(),
            &hw,
            "—",
        ),
        row(
            "Huawei CPH",
            servers::ListEncodeServers::new(),
            &hw,
            "page of 1–100",
        ),
        row(
            "Huawei CPH",
            cloudphone::huawei::catalog::ListPhoneModels::new(),
            &hw,
            "page of 1–100",
        ),
        row(
            "Huawei CPH",
            cloudphone::huawei::catalog::ListServerModels::new(),
            &hw,
            "page of 1–100 (marker)",
        ),
        row(
            "Huawei CPH",
            cloudphone::huawei::images::ListPhoneImages::new(),
            &hw,
            "page of 1–500 (marker)",
        ),
        row(
            "Huawei CPH",
            cloudphone::huawei::images::ListImages::new(),
            &hw,
            "page of 1–100",
        ),
        row(
            "Huawei CPH",
            cloudphone::huawei::bandwidth::ListBandwidths::new(),
            &hw,
            "page of 1–100",
        ),
        row(
            "Huawei CPH",
            cloudphone::huawei::server_admin::RestartServers::new(["s1"]).unwrap(),
            &hw,
            "100 servers",
        ),
        row(
            "Huawei CPH",
            cloudphone::huawei::server_admin::RestartEncodeServers::new(["e1"]).unwrap(),
            &hw,
            "100 encode servers",
        ),
        row(
            "Huawei CPH",
            cloudphone::huawei::server_admin::RenameServer::new("SERVER", "a").unwrap(),
            &hw,
            "1 server",
        ),
        row(
            "Huawei CPH",
            cloudphone::huawei::tags::CreateTags::new("SERVER", vec![tag()]).unwrap(),
            &hw,
            "1 server, 1–20 tags",
        ),
        row(
            "Huawei CPH",
            cloudphone::huawei::tags::DeleteTags::new("SERVER", vec![tag()]).unwrap(),
            &hw,
            "1 server, 1–20 tags",
        ),
        row(
            "Huawei CPH",
            cloudphone::huawei::tags::ListServerTags::new("SERVER").unwrap(),
            &hw,
            "1 server",
        ),
        row(
            "Huawei CPH",
            cloudphone::huawei::tags::ListProjectTags::new(),
            &hw,
            "page of 1–100",
        ),
        row(
            "Huawei CPH",
            cloudphone::huawei::tags::ListTaggedServers::untagged(),
            &hw,
            "page of 1–1000",
        ),
        row(
            "Huawei CPH",
            cloudphone::huawei::images::DeleteImage::new("IMAGE").unwrap(),
            &hw,
            "1 image",
        ),
        row(
            "Huawei CPH",
            cloudphone::huawei::images::AddImageMember::new("IMAGE", "p").unwrap(),
            &hw,
            "1 project (≤10 an image)",
        ),
        row(
            "Huawei CPH",
            cloudphone::huawei::images::ListImageMembers::new("IMAGE").unwrap(),
            &hw,
            "page of 1–100 (marker)",
        ),
        row(
            "Huawei CPH",
            cloudphone::huawei::images::UpdateImageMember::new("IMAGE", true).unwrap(),
            &hw,
            "1 image",
        ),
        row(
            "Huawei CPH",
            cloudphone::huawei::images::DeleteImageMember::new("IMAGE", "MEMBER").unwrap(),
            &hw,
            "1 project",
        ),
        row(
            "Huawei CPH",
            cloudphone::huawei::catalog::ListServerModelOfferings::new(),
            &hw,
            "page of 1–1000 (marker)",
        ),
        row(
            "Huawei CPH",
            cloudphone::huawei::bandwidth::ResizeBandwidth::new("BANDWIDTH", 10).unwrap(),
            &hw,
            "1 bandwidth",
        ),
        row(
            "Huawei CPH",
            cloudphone::huawei::server_admin::UpdateKeypair::new([("s", "k")]).unwrap(),
            &hw,
            "100 servers",
        ),
        row(
            "Huawei CPH",
            cloudphone::huawei::events::ListEvents::new(),
            &hw,
            "page of 1–100 (marker)",
        ),
        row(
            "Huawei CPH",
            cloudphone::huawei::events::AuthorizeEvent::new(
                "EVENT",
                cloudphone::huawei::events::Authorization::Redeploy,
            )
            .unwrap(),
            &hw,
            "1 event",
        ),
        row(
            "Huawei CPH",
            cloudphone::huawei::events::RescheduleEvent::new("EVENT", "2030-01-01T00:00:00Z")
                .unwrap(),
            &hw,
            "1 event",
        ),
        row(
            "Huawei CPH",
            cloudphone::huawei::phone_data::BackupPhones::new(vec![backup()]).unwrap(),
            &hw,
            "100 phones (our chunk)",
        ),
        row(
            "Huawei CPH",
            cloudphone::huawei::phone_data::RestorePhones::new([("p", obs())]).unwrap(),
            &hw,
            "100 phones (our chunk)",
        ),
        row(
            "Huawei CPH",
            cloudphone::huawei::phone_data::ExpandDataVolumes::new([("p", 64)]).unwrap(),
            &hw,
            "100 phones (our chunk); **billable**",
        ),
        row(
            "Huawei CPH",
            cloudphone::huawei::phone_data::SetTraffic::new(
                cloudphone::huawei::phone_data::TrafficType::Direct,
                ["p"],
            )
            .unwrap(),
            &hw,
            "100 phones",
        ),
        row(
            "Huawei CPH",
            cloudphone::huawei::sharing::PushShareApps::new("a.b", obs(), false, ["s"]).unwrap(),
            &hw,
            "20 servers",
        ),
        row(
            "Huawei CPH",
            cloudphone::huawei::sharing::DeleteShareApps::new("a.b", ["s"]).unwrap(),
            &hw,
            "100 servers (our chunk)",
        ),
        row(
            "Huawei CPH",
            cloudphone::huawei::sharing::ListShareApps::new("SERVER").unwrap(),
            &hw,
            "page of 1–500 (marker)",
        ),
        row(
            "Huawei CPH",
            cloudphone::huawei::sharing::PushShareFiles::new(obs(), ["s"]).unwrap(),
            &hw,
            "100 servers (our chunk)",
        ),
        row(
            "Huawei CPH",
            cloudphone::huawei::sharing::DeleteShareFiles::new(["/data/x"], ["s"]).unwrap(),
            &hw,
            "100 servers (our chunk)",
        ),
        row(
            "Huawei CPH",
            cloudphone::huawei::sharing::ListShareFiles::new("/data/data", ["s"]).unwrap(),
            &hw,
            "100 servers (our chunk), 1–50 a page",
        ),
        row(
            "Huawei CPH",
            cloudphone::huawei::sharing::AttachFilesystem::new("f", ["s"]).unwrap(),
            &hw,
            "20 servers",
        ),
        row(
            "Huawei CPH",
            cloudphone::huawei::sharing::DetachFilesystem::new("f", ["s"]).unwrap(),
            &hw,
            "20 servers",
        ),
        row(
            "Huawei CPH",
            cloudphone::huawei::server_admin::DeleteServers::new(["s"]).unwrap(),
            &hw,
            "10 on-demand servers",
        ),
        row(
            "Huawei CPH",
            cloudphone::huawei::server_admin::ChangeServerModel::new("s", "m", "p", false).unwrap(),
            &hw,
            "1 server; **billable** (an order)",
        ),
        row(
            "Huawei CPH",
            cloudphone::huawei::purchase::CreateServers::new(
                "s",
                "m",
                1,
                purchase_spec(),
                cloudphone::huawei::purchase::Subscription::months(1),
            )
            .unwrap(),
            &hw,
            "10 servers; **billable** (an order)",
        ),
        row(
            "Huawei CPH",
            cloudphone::huawei::purchase::CreateSingleServers::new(
                "s",
                "m",
                1,
                cloudphone::huawei::purchase::Subscription::months(1),
                "kp",
                [cloudphone::huawei::purchase::SingleNic::new("n")],
            )
            .unwrap(),
            &hw,
            "10 servers; **billable** (an order)",
        ),
        row(
            "Huawei CPH",
            cloudphone::huawei::purchase::ChangeServer::new("s", purchase_spec()).unwrap(),
            &hw,
            "1 server; **billable** (new hardware)",
        ),
        row(
            "Huawei CPH",
            lifecycle::RestartPhones::new(["p"]).unwrap(),
            &hw,
            "100 phone ids (our chunk)",
        ),
        row(
            "Huawei CPH",
            lifecycle::ResetPhones::new(["p"]).unwrap(),
            &hw,
            "100 phone ids (our chunk)",
        ),
        row(
            "Huawei CPH",
            lifecycle::StopPhones::new(["p"]).unwrap(),
            &hw,
            "100 phone ids (our chunk)",
        ),
        row(
            "Huawei CPH",
            lifecycle::UpdateProperties::new()
                .phone(
                    "p",
                    lifecycle::Properties::new().set("k", "v").unwrap(),
                    Default::default(),
                )
                .unwrap(),
            &hw,
            "100 phones (our chunk)",
        ),
        row("Huawei CPH", jobs::ShowJob::new("JOB").unwrap(), &hw, "—"),
        row(
            "Huawei CPH",
            jobs::ListJobs::for_request("r").unwrap(),
            &hw,
            "20 request ids; page of 1–100",
        ),
        row(
            "Huawei CPH",
            adb::RunSyncShell::new("ls", p()).unwrap(),
            &hw,
            "15 phone ids",
        ),
        row(
            "Huawei CPH",
            adb::RunCommand::new(adb::Command::Shell("ls".into()), p()).unwrap(),
            &hw,
            "100 ids (our chunk)",
        ),
        row(
            "Huawei IAM",
            iam::CreateToken::password("u", "p", "d", iam::ProjectScope::Name("cn-north-4".into()))
                .unwrap(),
            &iam_ep,
            "—",
        ),
        row(
            "GeeLark",
            geelark::GetPhoneStatus::new(["1"]).unwrap(),
            &gl,
            "100 ids",
        ),
        row(
            "GeeLark",
            geelark::ListPhones::new().page(1, 100).unwrap(),
            &gl,
            "page of 1–100",
        ),
        row(
            "GeeLark",
            geelark::StartPhones::new(["1"]).unwrap(),
            &gl,
            "100 ids",
        ),
        row(
            "GeeLark",
            geelark::StopPhones::new(["1"]).unwrap(),
            &gl,
            "100 ids",
        ),
        row(
            "GeeLark",
            geelark::DeletePhones::new(["1"]).unwrap(),
            &gl,
            "100 ids",
        ),
        row(
            "GeeLark",
            geelark::lifecycle::RestartPhone::new("1").unwrap(),
            &gl,
            "1 phone",
        ),
        row(
            "GeeLark",
            geelark::tasks::QueryTasks::new(["1"]).unwrap(),
            &gl,
            "100 ids",
        ),
        row(
            "GeeLark",
            geelark::tasks::TaskHistory::new(),
            &gl,
            "page of 1–100 (cursor), last 7 days",
        ),
        row(
            "GeeLark",
            geelark::tasks::ShowTask::new("1").unwrap(),
            &gl,
            "1 task; logs paged",
        ),
        row(
            "GeeLark",
            geelark::tasks::CancelTasks::new(["1"]).unwrap(),
            &gl,
            "100 ids",
        ),
        row(
            "GeeLark",
            geelark::tasks::RestartTasks::new(["1"]).unwrap(),
            &gl,
            "100 ids",
        ),
        row(
            "GeeLark",
            geelark::shell::ExecuteShell::new("1", "ls").unwrap(),
            &gl,
            "1 phone",
        ),
        row(
            "GeeLark",
            geelark::callbacks::SetCallback::new("https://h.example/x").unwrap(),
            &gl,
            "—",
        ),
        row("GeeLark", geelark::callbacks::GetCallback, &gl, "—"),
        row(
            "GeeLark",
            geelark::app_catalog::ListInstallableApps::new("1", 1, 100).unwrap(),
            &gl,
            "page of 1–100",
        ),
        row(
            "GeeLark",
            geelark::app_catalog::ListShopApps::new(1, 200).unwrap(),
            &gl,
            "page of 1–200",
        ),
        row(
            "GeeLark",
            geelark::proxies::ListProxies::new(),
            &gl,
            "page of 1–100",
        ),
        row(
            "GeeLark",
            geelark::proxies::AddProxies::new(vec![proxy()]).unwrap(),
            &gl,
            "100 proxies",
        ),
        row(
            "GeeLark",
            geelark::proxies::UpdateProxies::new(vec![("1".into(), proxy())]).unwrap(),
            &gl,
            "100 proxies",
        ),
        row(
            "GeeLark",
            geelark::proxies::DeleteProxies::new(["1"]).unwrap(),
            &gl,
            "100 ids",
        ),
        row(
            "GeeLark",
            geelark::proxies::CheckProxy::new(proxy()),
            &gl,
            "1 proxy",
        ),
        row(
            "GeeLark",
            geelark::labels::ListGroups::new(),
            &gl,
            "page of 1–100",
        ),
        row(
            "GeeLark",
            geelark::labels::AddGroups::new(vec![
                geelark::labels::NewGroup::new("g", None).unwrap(),
            ])
            .unwrap(),
            &gl,
            "100 groups",
        ),
        row(
            "GeeLark",
            geelark::labels::UpdateGroups::new(vec![
                geelark::labels::LabelUpdate::new("1").unwrap(),
            ])
            .unwrap(),
            &gl,
            "100 groups",
        ),
        row(
            "GeeLark",
            geelark::labels::DeleteGroups::new(["1"]).unwrap(),
            &gl,
            "100 ids",
        ),
        row(
            "GeeLark",
            geelark::labels::ListTags::new(),
            &gl,
            "page of 1–100",
        ),
        row(
            "GeeLark",
            geelark::labels::AddTags::new(vec![geelark::labels::NewTag::new("t", None).unwrap()])
                .unwrap(),
            &gl,
            "100 tags",
        ),
        row(
            "GeeLark",
            geelark::labels::UpdateTags::new(vec![geelark::labels::LabelUpdate::new("1").unwrap()])
                .unwrap(),
            &gl,
            "100 tags",
        ),
        row(
            "GeeLark",
            geelark::labels::DeleteTags::new(["1"]).unwrap(),
            &gl,
            "100 ids",
        ),
        row("GeeLark", geelark::account::AuthStatus, &gl, "—"),
        row(
            "GeeLark",
            geelark::account::GetWallet,
            &gl,
            "— (10 calls/min)",
        ),
        row("GeeLark", geelark::account::GetPlan, &gl, "— (1 call/min)"),
        row("GeeLark", geelark::account::ListProfilePlans, &gl, "—"),
        row(
            "GeeLark",
            geelark::account::ListBrands::new(13).unwrap(),
            &gl,
            "1 Android version",
        ),
        row(
            "GeeLark",
            geelark::account::GetSerialNumber::new("1").unwrap(),
            &gl,
            "1 phone",
        ),
        row(
            "GeeLark",
            geelark::files::GetUploadUrl::new("mp4").unwrap(),
            &gl,
            "1 file; then a PUT to the URL (`UploadTarget::put`)",
        ),
        row(
            "GeeLark",
            geelark::task_create::AddTasks::new(
                geelark::task_create::TikTokTask::Video,
                vec![
                    geelark::task_create::PlanItem::new("1", 0)
                        .unwrap()
                        .field("video", "https://v/a"),
                ],
            )
            .unwrap(),
            &gl,
            "100 phones a plan",
        ),
        row(
            "GeeLark",
            geelark::task_create::ListFlows::new(),
            &gl,
            "page of 1–100",
        ),
        row(
            "GeeLark",
            geelark::task_create::CreateFlowTask::new("1", "2", 0).unwrap(),
            &gl,
            "1 task",
        ),
        row(
            "GeeLark",
            geelark::team::ListProxyGroups::new(),
            &gl,
            "page of 1–100",
        ),
        row(
            "GeeLark",
            geelark::team::AddProxyGroup::new("g").unwrap(),
            &gl,
            "1 group",
        ),
        row(
            "GeeLark",
            geelark::team::RenameProxyGroup::new("1", "g").unwrap(),
            &gl,
            "1 group",
        ),
        row(
            "GeeLark",
            geelark::team::DeleteProxyGroups::new(["1"]).unwrap(),
            &gl,
            "100 ids",
        ),
        row(
            "GeeLark",
            geelark::team::ClonePhone::new("1", 1).unwrap(),
            &gl,
            "1 phone, 1–100 copies",
        ),
        row(
            "GeeLark",
            geelark::team::UploadApp::new("https://h/a.apk", None).unwrap(),
            &gl,
            "1 app",
        ),
        row(
            "GeeLark",
            geelark::team::GetAppUploadStatus::new("1").unwrap(),
            &gl,
            "1 task",
        ),
        row(
            "GeeLark",
            geelark::team::ListTeamApps::new(),
            &gl,
            "page of 1–200",
        ),
        row(
            "GeeLark",
            geelark::team::ImportFlow::new("{}", None).unwrap(),
            &gl,
            "1 flow ≤ 4 MiB",
        ),
        row(
            "GeeLark",
            geelark::team::ExportFlow::new("1").unwrap(),
            &gl,
            "1 flow",
        ),
        row(
            "GeeLark",
            geelark::team_apps::AddTeamApp::new("1", "2", vec![]).unwrap(),
            &gl,
            "1 team app",
        ),
        row(
            "GeeLark",
            geelark::team_apps::RemoveTeamApp::new("1").unwrap(),
            &gl,
            "1 team app",
        ),
        row(
            "GeeLark",
            geelark::team_apps::SetAppAuth::new("1", true).unwrap(),
            &gl,
            "1 team app",
        ),
        row(
            "GeeLark",
            geelark::team_apps::SetAppAutoStart::new("1", true).unwrap(),
            &gl,
            "1 team app",
        ),
        row(
            "GeeLark",
            geelark::team_apps::SetAppKeepAlive::new("1", true).unwrap(),
            &gl,
            "1 team app",
        ),
        row(
            "GeeLark",
            geelark::team_apps::SetAppRoot::new("1", false).unwrap(),
            &gl,
            "1 team app",
        ),
        row(
            "GeeLark",
            geelark::team_apps::SetAppHidden::new("1", true).unwrap(),
            &gl,
            "1 team app",
        ),
        row(
            "GeeLark",
            geelark::team_apps::SetAppAutoInstall::new("1", true, vec![]).unwrap(),
            &gl,
            "1 team app",
        ),
        row("GeeLark", geelark::team_apps::GetNetConfig, &gl, "—"),
        row(
            "GeeLark",
            geelark::team_apps::SetNetConfig::new(["ads.example.com"]).unwrap(),
            &gl,
            "3 domains",
        ),
        row(
            "GeeLark",
            geelark::patches::InstallPatch::new("1", "https://m.example.com/p.apk").unwrap(),
            &gl,
            "1 phone",
        ),
        row(
            "GeeLark",
            geelark::patches::GetPatchStatus::new(geelark::patches::PatchInstall::Task("1".into()))
                .unwrap(),
            &gl,
            "1 phone",
        ),
        row(
            "GeeLark",
            geelark::patches::ListPatches::new("1").unwrap(),
            &gl,
            "1 phone",
        ),
        row(
            "GeeLark",
            geelark::patches::UninstallPatch::new("1", "1").unwrap(),
            &gl,
            "1 phone",
        ),
        row(
            "GeeLark",
            geelark::patches::Customize::new().hide_header(true),
            &gl,
            "—",
        ),
        row(
            "GeeLark",
            geelark::account::ListTeamBrands::new(12).unwrap(),
            &gl,
            "100 a page",
        ),
        row(
            "GeeLark",
            geelark::materials::GetMaterialUploadUrl::new("mp4").unwrap(),
            &gl,
            "1 file",
        ),
        row(
            "GeeLark",
            geelark::materials::CreateMaterial::new("https://h/a").unwrap(),
            &gl,
            "1 material, 100 tags",
        ),
        row(
            "GeeLark",
            geelark::materials::DeleteMaterials::new(["1"]).unwrap(),
            &gl,
            "100 materials",
        ),
        row(
            "GeeLark",
            geelark::materials::SearchMaterials::new(),
            &gl,
            "200 a page",
        ),
        row(
            "GeeLark",
            geelark::materials::CreateMaterialTag::new("t", geelark::labels::TagColor::Red)
                .unwrap(),
            &gl,
            "1 tag",
        ),
        row(
            "GeeLark",
            geelark::materials::DeleteMaterialTags::new(["1"]).unwrap(),
            &gl,
            "100 tags",
        ),
        row(
            "GeeLark",
            geelark::materials::SearchMaterialTags::new(),
            &gl,
            "200 a page",
        ),
        row(
            "GeeLark",
            geelark::materials::SetMaterialTags::new(["1"], ["2"]).unwrap(),
            &gl,
            "100 materials, 100 tags",
        ),
        row(
            "GeeLark",
            geelark::analytics::ListAnalyticsAccounts::new(),
            &gl,
            "100 a page",
        ),
        row(
            "GeeLark",
            geelark::analytics::AddAnalyticsAccounts::new(
                geelark::analytics::Channel::TikTok,
                vec![geelark::analytics::NewAnalyticsAccount::new("a", None).unwrap()],
            )
            .unwrap(),
            &gl,
            "200 accounts",
        ),
        row(
            "GeeLark",
            geelark::analytics::DeleteAnalyticsAccount::new(
                geelark::analytics::Channel::TikTok,
                "a",
            )
            .unwrap(),
            &gl,
            "1 account",
        ),
        row(
            "GeeLark",
            geelark::analytics::UpdateAnalyticsAccount::new("1")
                .unwrap()
                .channel(geelark::analytics::Channel::YouTube),
            &gl,
            "1 account",
        ),
        row(
            "GeeLark",
            geelark::analytics::GetAnalyticsData::new(),
            &gl,
            "100 a page; Pro plans",
        ),
        row(
            "GeeLark",
            geelark::analytics::ListAnalyticsTags::new(),
            &gl,
            "200 a page",
        ),
        row(
            "GeeLark",
            geelark::analytics::CreateAnalyticsTag::new("t", geelark::labels::TagColor::Red)
                .unwrap(),
            &gl,
            "1 tag",
        ),
        row(
            "GeeLark",
            geelark::analytics::UpdateAnalyticsTag::new("1", Some("t".into()), None).unwrap(),
            &gl,
            "1 tag",
        ),
        row(
            "GeeLark",
            geelark::analytics::DeleteAnalyticsTags::new(["1"]).unwrap(),
            &gl,
            "100 tags",
        ),
        row(
            "GeeLark",
            geelark::billing::UpgradePlan::new("1", 1, 1).unwrap(),
            &gl,
            "spends money",
        ),
        row(
            "GeeLark",
            geelark::billing::RenewPlan::new(30).unwrap(),
            &gl,
            "spends money",
        ),
        row(
            "GeeLark",
            geelark::billing::BuyTimeAddOn::new(2000).unwrap(),
            &gl,
            "spends money",
        ),
        row(
            "GeeLark",
            geelark::billing::RechargeWallet::new(geelark::billing::PayChannel::Alipay, 100)
                .unwrap(),
            &gl,
            "US$100–4,900; opens an order",
        ),
        row(
            "GeeLark",
            geelark::billing::ListTransactions::new(),
            &gl,
            "1,000 a page; last 3 days",
        ),
        row(
            "GeeLark",
            geelark::files::UploadFile::new("https://store.example/{upload_url}", vec![]).unwrap(),
            &gl,
            "1 file ≤ 2 GiB; the presigned PUT",
        ),
        row(
            "GeeLark",
            geelark::files::UploadToPhone::new("1", "https://h/a").unwrap(),
            &gl,
            "1 phone",
        ),
        row(
            "GeeLark",
            geelark::files::GetUploadResult::new("1").unwrap(),
            &gl,
            "1 task",
        ),
        row(
            "GeeLark",
            geelark::files::UploadKeybox::new("1", "https://h/k.xml").unwrap(),
            &gl,
            "1 phone",
        ),
        row(
            "GeeLark",
            geelark::files::GetKeyboxResult::new("1").unwrap(),
            &gl,
            "1 task",
        ),
        row(
            "GeeLark",
            geelark::phone_tools::SendSms::new("1", "+1", "t").unwrap(),
            &gl,
            "1 phone",
        ),
        row(
            "GeeLark",
            geelark::phone_tools::SetNetType::new("1", geelark::NetType::Wifi).unwrap(),
            &gl,
            "1 phone",
        ),
        row(
            "GeeLark",
            geelark::phone_tools::HideAccessibility::new(["1"], ["a"]).unwrap(),
            &gl,
            "100 ids",
        ),
        row(
            "GeeLark",
            geelark::phone_tools::MoveToGroup::new(["1"], "0").unwrap(),
            &gl,
            "100 ids",
        ),
        row(
            "GeeLark",
            geelark::phone_tools::SetRoot::new(["1"], true).unwrap(),
            &gl,
            "100 ids",
        ),
        row(
            "GeeLark",
            geelark::phone_tools::ImportContacts::new("1", vec![contact()]).unwrap(),
            &gl,
            "1 phone",
        ),
        row(
            "GeeLark",
            geelark::phone_tools::GetContactsResult::new("1").unwrap(),
            &gl,
            "1 task",
        ),
        row(
            "GeeLark",
            geelark::phone_tools::TransferPhones::new(["1"], "a@b", &[]).unwrap(),
            &gl,
            "200 ids",
        ),
        row(
            "GeeLark",
            geelark::phone_tools::NewIdentity::new("1").unwrap(),
            &gl,
            "1 phone",
        ),
        row(
            "GeeLark",
            geelark::app_control::StartApp::new(
                "1",
                geelark::app_control::AppRef::Package("a".into()),
            )
            .unwrap(),
            &gl,
            "1 phone",
        ),
        row(
            "GeeLark",
            geelark::app_control::StopApp::new(
                "1",
                geelark::app_control::AppRef::Package("a".into()),
            )
            .unwrap(),
            &gl,
            "1 phone",
        ),
        row(
            "GeeLark",
            geelark::app_control::AppBatch::new(
                geelark::app_control::AppAction::Start,
                geelark::app_control::AppRef::Package("a".into()),
                Vec::<String>::new(),
            )
            .unwrap(),
            &gl,
            "the running phones of some groups",
        ),
        row(
            "GeeLark",
            geelark::rpa::CreateRpaTask::new("tiktokHide", "1", 0).unwrap(),
            &gl,
            "1 task; one typed op for the 49 creators (`rpa::RPA_TASKS`)",
        ),
        row(
            "GeeLark",
            geelark::UpdatePhone::new("1").unwrap().name("n").unwrap(),
            &gl,
            "—",
        ),
        row(
            "GeeLark",
            geelark::CreatePhones::new(
                "Android 13",
                vec![geelark::NewPhone::with_proxy_url("a", "socks5://h:1080").unwrap()],
            )
            .unwrap(),
            &gl,
            "100 profiles",
        ),
        row(
            "GeeLark",
            geelark::screenshot::TakeScreenshot::new("1").unwrap(),
            &gl,
            "—",
        ),
        row(
            "GeeLark",
            geelark::GetScreenshotResult::new("t").unwrap(),
            &gl,
            "—",
        ),
        row(
            "GeeLark",
            geelark::SetGps::new([geelark::GpsPosition::new("1", 1.0, 2.0).unwrap()]).unwrap(),
            &gl,
            "100 phones",
        ),
        row(
            "GeeLark",
            geelark::GetGps::new(["1"]).unwrap(),
            &gl,
            "100 ids",
        ),
        row(
            "GeeLark",
            geelark::SetAdb::new(["1"], true).unwrap(),
            &gl,
            "100 ids",
        ),
        row(
            "GeeLark",
            geelark::GetAdbData::new(["1"]).unwrap(),
            &gl,
            "100 ids",
        ),
        row(
            "GeeLark",
            geelark::ListApps::new("1", 1, 100).unwrap(),
            &gl,
            "page of 1–100",
        ),
        row(
            "GeeLark",
            geelark::InstallApp::new("1", "v").unwrap(),
            &gl,
            "—",
        ),
        row(
            "GeeLark",
            geelark::UninstallApp::new("1", "com.example").unwrap(),
            &gl,
            "—",
        ),
    ]
}

fn table(rows: &[Row]) -> String {
    let mut t = String::from(
        "| Provider | Operation | Request | Rust type | Per call |\n|---|---|---|---|---|\n",
    );
    for r in rows {
        t.push_str(&format!(
            "| {} | `{}` | `{} {}` | `{}` | {} |\n",
            r.provider, r.name, r.method, r.path, r.type_name, r.limit
        ));
    }
    t
}

const START: &str = "<!-- operations:start (generated by tests/catalog.rs) -->\n";
const END: &str = "<!-- operations:end -->";

#[test]
fn readme_table_matches_the_code() {
    let readme_path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
    let readme = std::fs::read_to_string(readme_path).unwrap();
    let want = table(&rows());
    let (Some(s), Some(e)) = (readme.find(START), readme.find(END)) else {
        panic!("README.md lacks the operations markers");
    };
    let current = &readme[s + START.len()..e];
    if current != want {
        if std::env::var_os("CLOUDPHONE_BLESS_README").is_some() {
            let new = format!("{}{}{}{}", &readme[..s], START, want, &readme[e..]);
            std::fs::write(readme_path, new).unwrap();
        } else {
            panic!(
                "the README's operations table is out of date; rerun with CLOUDPHONE_BLESS_README=1\n--- want ---\n{want}"
            );
        }
    }
}

/// Every `const NAME` of an `impl Operation` in `src/` is in the table.
#[test]
fn no_operation_is_missing_from_the_table() {
    fn walk(dir: &std::path::Path, out: &mut Vec<String>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                let text = std::fs::read_to_string(&p).unwrap();
                for line in text.lines() {
                    let l = line.trim();
                    if let Some(rest) = l.strip_prefix("const NAME: &'static str = \"") {
                        out.push(rest.trim_end_matches("\";").to_owned());
                    }
                }
            }
        }
    }
    let mut in_source = Vec::new();
    walk(
        std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src")),
        &mut in_source,
    );
    in_source.sort();
    let mut in_table: Vec<String> = rows().iter().map(|r| r.name.to_owned()).collect();
    in_table.sort();
    assert_eq!(
        in_source, in_table,
        "operations in src/ vs the README table"
    );
}

/// The "Per call" limits the table states are the ones the code enforces:
/// `max` distinct ids build, `max + 1` are refused.
#[test]
fn stated_id_limits_are_enforced() {
    type Ctor = Box<dyn Fn(Vec<String>) -> bool>;
    let p = |ids: Vec<String>| adb::Target::Phones(ids);
    let cases: Vec<(&str, usize, Ctor)> = vec![
        (
            "huawei.create_servers",
            10,
            Box::new(|ids| {
                cloudphone::huawei::purchase::CreateServers::new(
                    "s",
                    "m",
                    ids.len() as u32,
                    purchase_spec(),
                    cloudphone::huawei::purchase::Subscription::months(1),
                )
                .is_ok()
            }),
        ),
        (
            "huawei.create_single_servers",
            10,
            Box::new(|ids| {
                cloudphone::huawei::purchase::CreateSingleServers::new(
                    "s",
                    "m",
                    ids.len() as u32,
                    cloudphone::huawei::purchase::Subscription::months(1),
                    "kp",
                    [cloudphone::huawei::purchase::SingleNic::new("n")],
                )
                .is_ok()
            }),
        ),
        (
            "huawei.show_connect_infos",
            10,
            Box::new(|ids| huawei::ShowConnectInfos::new(ids, huawei::ClientType::Android).is_ok()),
        ),
        (
            "huawei.restart_phones",
            100,
            Box::new(|ids| lifecycle::RestartPhones::new(ids).is_ok()),
        ),
        (
            "huawei.reset_phones",
            100,
            Box::new(|ids| lifecycle::ResetPhones::new(ids).is_ok()),
        ),
        (
            "huawei.stop_phones",
            100,
            Box::new(|ids| lifecycle::StopPhones::new(ids).is_ok()),
        ),
        (
            "huawei.restart_servers",
            100,
            Box::new(|ids| cloudphone::huawei::server_admin::RestartServers::new(ids).is_ok()),
        ),
        (
            "huawei.restart_encode_servers",
            100,
            Box::new(|ids| {
                cloudphone::huawei::server_admin::RestartEncodeServers::new(ids).is_ok()
            }),
        ),
        (
            "huawei.delete_servers",
            10,
            Box::new(|ids| cloudphone::huawei::server_admin::DeleteServers::new(ids).is_ok()),
        ),
        (
            "huawei.set_traffic",
            100,
            Box::new(|ids| {
                use cloudphone::huawei::phone_data::{SetTraffic, TrafficType};
                SetTraffic::new(TrafficType::Direct, ids).is_ok()
            }),
        ),
        (
            "huawei.push_share_apps",
            20,
            Box::new(|ids| {
                cloudphone::huawei::sharing::PushShareApps::new("a.b", obs(), false, ids).is_ok()
            }),
        ),
        (
            "huawei.attach_filesystem",
            20,
            Box::new(|ids| cloudphone::huawei::sharing::AttachFilesystem::new("f", ids).is_ok()),
        ),
        (
            "huawei.detach_filesystem",
            20,
            Box::new(|ids| cloudphone::huawei::sharing::DetachFilesystem::new("f", ids).is_ok()),
        ),
        (
            "huawei.run_sync_shell",
            15,
            Box::new(move |ids| adb::RunSyncShell::new("ls", p(ids)).is_ok()),
        ),
        (
            "huawei.run_command",
            100,
            Box::new(move |ids| {
                adb::RunCommand::new(adb::Command::Shell("ls".into()), p(ids)).is_ok()
            }),
        ),
        (
            "huawei.list_jobs",
            20,
            Box::new(|ids| jobs::ListJobs::for_requests(ids).is_ok()),
        ),
        (
            "geelark.get_phone_status",
            100,
            Box::new(|ids| geelark::GetPhoneStatus::new(ids).is_ok()),
        ),
        (
            "geelark.start_phones",
            100,
            Box::new(|ids| geelark::StartPhones::new(ids).is_ok()),
        ),
        (
            "geelark.stop_phones",
            100,
            Box::new(|ids| geelark::StopPhones::new(ids).is_ok()),
        ),
        (
            "geelark.delete_phones",
            100,
            Box::new(|ids| geelark::DeletePhones::new(ids).is_ok()),
        ),
        (
            "geelark.set_root",
            100,
            Box::new(|ids| geelark::phone_tools::SetRoot::new(ids, true).is_ok()),
        ),
        (
            "geelark.move_to_group",
            100,
            Box::new(|ids| geelark::phone_tools::MoveToGroup::new(ids, "0").is_ok()),
        ),
        (
            "geelark.transfer_phones",
            200,
            Box::new(|ids| geelark::phone_tools::TransferPhones::new(ids, "a@b", &[]).is_ok()),
        ),
        (
            "geelark.delete_groups",
            100,
            Box::new(|ids| geelark::labels::DeleteGroups::new(ids).is_ok()),
        ),
        (
            "geelark.delete_tags",
            100,
            Box::new(|ids| geelark::labels::DeleteTags::new(ids).is_ok()),
        ),
        (
            "geelark.delete_proxies",
            100,
            Box::new(|ids| geelark::proxies::DeleteProxies::new(ids).is_ok()),
        ),
        (
            "geelark.add_proxies",
            100,
            Box::new(|ids| {
                geelark::proxies::AddProxies::new(ids.iter().map(|_| proxy()).collect()).is_ok()
            }),
        ),
        (
            "geelark.query_tasks",
            100,
            Box::new(|ids| geelark::tasks::QueryTasks::new(ids).is_ok()),
        ),
        (
            "geelark.cancel_tasks",
            100,
            Box::new(|ids| geelark::tasks::CancelTasks::new(ids).is_ok()),
        ),
        (
            "geelark.restart_tasks",
            100,
            Box::new(|ids| geelark::tasks::RestartTasks::new(ids).is_ok()),
        ),
        (
            "geelark.get_gps",
            100,
            Box::new(|ids| geelark::GetGps::new(ids).is_ok()),
        ),
        (
            "geelark.set_adb",
            100,
            Box::new(|ids| geelark::SetAdb::new(ids, true).is_ok()),
        ),
        (
            "geelark.get_adb_data",
            100,
            Box::new(|ids| geelark::GetAdbData::new(ids).is_ok()),
        ),
        (
            "geelark.delete_materials",
            100,
            Box::new(|ids| geelark::materials::DeleteMaterials::new(ids).is_ok()),
        ),
        (
            "geelark.delete_material_tags",
            100,
            Box::new(|ids| geelark::materials::DeleteMaterialTags::new(ids).is_ok()),
        ),
        (
            "geelark.set_material_tags",
            100,
            Box::new(|ids| geelark::materials::SetMaterialTags::new(ids, ["1"]).is_ok()),
        ),
        (
            "geelark.delete_analytics_tags",
            100,
            Box::new(|ids| geelark::analytics::DeleteAnalyticsTags::new(ids).is_ok()),
        ),
        (
            "geelark.add_analytics_accounts",
            200,
            Box::new(|ids| {
                geelark::analytics::AddAnalyticsAccounts::new(
                    geelark::analytics::Channel::TikTok,
                    ids.into_iter()
                        .map(|a| geelark::analytics::NewAnalyticsAccount::new(a, None).unwrap())
                        .collect(),
                )
                .is_ok()
            }),
        ),
    ];
    let ids = |n: usize| {
        (0..n)
            .map(|i| format!("{}", 100_000 + i))
            .collect::<Vec<_>>()
    };
    let rows = rows();
    for (name, max, ctor) in cases {
        assert!(ctor(ids(max)), "{name}: {max} ids should build");
        assert!(
            !ctor(ids(max + 1)),
            "{name}: {} ids should be refused",
            max + 1
        );
        let row = rows.iter().find(|r| r.name == name).unwrap();
        assert!(
            row.limit.starts_with(&max.to_string()),
            "{name}: table says {:?}, code enforces {max}",
            row.limit
        );
    }
}

/// The smallest phone-server spec the purchase rows need.
fn purchase_spec() -> cloudphone::huawei::purchase::PhoneServerSpec {
    cloudphone::huawei::purchase::PhoneServerSpec::new(
        "p",
        "i",
        "v",
        [cloudphone::huawei::purchase::Nic::new("n")],
    )
}

/// A proxy for the proxy rows.
fn proxy() -> cloudphone::geelark::proxies::NewProxy {
    cloudphone::geelark::proxies::NewProxy::new(cloudphone::geelark::ProxyScheme::Http, "h", 1)
        .unwrap()
}

/// A contact for the import row.
fn contact() -> cloudphone::geelark::phone_tools::Contact {
    cloudphone::geelark::phone_tools::Contact {
        first_name: Some("A".into()),
        mobile: Some("1".into()),
        ..Default::default()
    }
}
