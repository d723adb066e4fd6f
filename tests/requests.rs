//! Every operation's built request, rendered in full (method, URL, headers in
//! order, body) from a fixed time and trace id, so the snapshots need no
//! redactions: a change to a header, a byte of a body or a signature shows.

use cloudphone::geelark::{self, GetPhoneStatus};
use cloudphone::huawei::iam::{CreateToken, ProjectScope};
use cloudphone::huawei::{self, ClientType, ShowConnectInfos};
use cloudphone::{Context, Endpoint, Operation};

const PROJECT: &str = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
const AK: &str = "HPUAEXAMPLEAK0000001";
const SK: &str = "ExampleSecretKey0123456789abcdefghijklmn";
/// 2024-01-02T03:04:05.678Z
const NOW_MS: u64 = 1_704_164_645_678;
const TRACE: &str = "9F3C2A7B41D84E0C8B5A6D1E2F307A4C";

/// The seed document's example request ids.
const SEED_IDS: [&str; 3] = [
    "1564567b8bab40f34711234cb80d8574",
    "1234567b8bab40ffb711234cb80d0234",
    "1234567b8bab40ffb711234cb8654321",
];

fn huawei_aksk() -> huawei::Config {
    huawei::Config::for_region("cn-north-4", PROJECT, huawei::Auth::aksk(AK, SK)).unwrap()
}

fn snap(name: &str, text: String) {
    insta::with_settings!({ omit_expression => true, prepend_module_to_snapshot => false }, {
        insta::assert_snapshot!(name, text);
    });
}

#[test]
fn huawei_batch_connection_seed_example_aksk() {
    let op = ShowConnectInfos::new(SEED_IDS, ClientType::Android).unwrap();
    let req = op
        .build(&Context::new(&huawei_aksk(), NOW_MS, TRACE))
        .unwrap();
    snap("huawei_batch_connection_seed_aksk", req.to_text());
}

#[test]
fn huawei_batch_connection_every_client_type() {
    let cfg = huawei_aksk();
    let mut text = String::new();
    for ct in ClientType::ALL {
        let op = ShowConnectInfos::new(["p1"], ct).unwrap();
        let req = op.build(&Context::new(&cfg, NOW_MS, TRACE)).unwrap();
        text.push_str(&String::from_utf8(req.body).unwrap());
        text.push('\n');
    }
    snap("huawei_batch_connection_client_types", text);
}

#[test]
fn huawei_batch_connection_temporary_credentials() {
    let cfg = huawei::Config::for_region(
        "ap-southeast-1",
        PROJECT,
        huawei::Auth::temporary(AK, SK, "gQpzZWN1cml0eS10b2tlbg"),
    )
    .unwrap();
    let op = ShowConnectInfos::new(["p1", "p2", "p1"], ClientType::Ios).unwrap();
    let req = op.build(&Context::new(&cfg, NOW_MS, TRACE)).unwrap();
    snap("huawei_batch_connection_temporary_aksk", req.to_text());
}

#[test]
fn huawei_batch_connection_token() {
    let cfg =
        huawei::Config::for_region("cn-east-3", PROJECT, huawei::Auth::token("MIIEXAMPLEtoken"))
            .unwrap();
    let op = ShowConnectInfos::new(SEED_IDS, ClientType::H5Pc).unwrap();
    let req = op.build(&Context::new(&cfg, NOW_MS, TRACE)).unwrap();
    snap("huawei_batch_connection_token", req.to_text());
}

#[test]
fn huawei_batch_connection_custom_endpoint_with_port_and_prefix() {
    let ep = Endpoint::parse("http://127.0.0.1:18080/gateway/").unwrap();
    let cfg = huawei::Config::new(ep, PROJECT, huawei::Auth::aksk(AK, SK))
        .unwrap()
        .with_user_agent("my-app/1.2 (cloudphone)")
        .unwrap();
    let op = ShowConnectInfos::new(["p1"], ClientType::Windows).unwrap();
    let req = op.build(&Context::new(&cfg, NOW_MS, TRACE)).unwrap();
    snap("huawei_batch_connection_custom_endpoint", req.to_text());
}

#[test]
fn huawei_iam_token_password() {
    let ep = huawei::iam_endpoint("cn-north-4").unwrap();
    let op = CreateToken::password(
        "ops-user",
        "p@ss \"word\" ✓",
        "acme-account",
        ProjectScope::Name("cn-north-4".into()),
    )
    .unwrap();
    let req = op.build(&Context::new(&ep, NOW_MS, TRACE)).unwrap();
    snap("huawei_iam_token_password", req.to_text());
    let op = CreateToken::password("u", "p", "d", ProjectScope::Id(PROJECT.into())).unwrap();
    let req = op.build(&Context::new(&ep, NOW_MS, TRACE)).unwrap();
    snap("huawei_iam_token_project_id", req.to_text());
}

fn geelark_doc_key() -> geelark::Config {
    geelark::Config::global(geelark::Auth::key(
        "eH6gQR4oHr3FsZpI36La01IW",
        "YjmFIUuq0oJgSDJ42fxLEb6R1qjjqf",
    ))
    .unwrap()
}

#[test]
fn geelark_status_seed_example_key_mode() {
    // The seed's request lists one id four times: duplicates are collapsed.
    let op = GetPhoneStatus::new(["123456ABCDEF"; 4]).unwrap();
    assert_eq!(op.ids(), ["123456ABCDEF"]);
    // GeeLark's documented example values: the `sign` header must be the
    // documented 6280C080….
    let req = op
        .build(&Context::new(
            &geelark_doc_key(),
            1_716_972_892_166,
            "db6094ab-3797-4186-84d5-b0b58eebad56",
        ))
        .unwrap();
    assert_eq!(
        req.header("sign"),
        Some("6280C080AF7C3CCE168F15C913E3444A00A618CB0E16038EED9811D6E3366BDD")
    );
    snap("geelark_status_seed_key_mode", req.to_text());
}

#[test]
fn geelark_status_token_mode_large_ids() {
    let cfg = geelark::Config::new(
        Endpoint::parse(geelark::CHINA_ENDPOINT).unwrap(),
        geelark::Auth::token("glk_token_example"),
    )
    .unwrap();
    let op = GetPhoneStatus::new(["612345678901234567", "18446744073709551615", "手机"]).unwrap();
    let req = op.build(&Context::new(&cfg, NOW_MS, TRACE)).unwrap();
    snap("geelark_status_token_mode", req.to_text());
}

mod huawei_fleet {
    use super::*;
    use cloudphone::huawei::adb::{Command, RunCommand, RunSyncShell, Target};
    use cloudphone::huawei::jobs::{ListJobs, ShowJob};
    use cloudphone::huawei::lifecycle::{
        Properties, ResetPhones, RestartPhones, StopPhones, UpdateProperties,
    };
    use cloudphone::huawei::phones::{ListPhones, RenamePhone, ShowPhone};
    use cloudphone::huawei::servers::{ListEncodeServers, ListServers, ShowServer};
    use std::collections::BTreeMap;

    fn build<O: Operation<Config = huawei::Config>>(op: &O) -> String {
        op.build(&Context::new(&huawei_aksk(), NOW_MS, TRACE))
            .unwrap()
            .to_text()
    }

    #[test]
    fn reads() {
        let list = ListPhones::new()
            .page(200, 50)
            .unwrap()
            .name("手机 a+b")
            .unwrap()
            .status(2)
            .unwrap()
            .server("c1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6")
            .unwrap();
        snap("huawei_list_phones_filtered", build(&list));
        snap("huawei_list_phones_default", build(&ListPhones::new()));
        snap(
            "huawei_show_phone",
            build(&ShowPhone::new("1564567b8bab40f34711234cb80d8574").unwrap()),
        );
        let servers = ListServers::new().filter("network_version", "v2").unwrap();
        snap("huawei_list_servers", build(&servers));
        snap(
            "huawei_show_server",
            build(&ShowServer::new("c1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6").unwrap()),
        );
        let enc = ListEncodeServers::new()
            .server("s1")
            .unwrap()
            .kind(1)
            .unwrap();
        snap("huawei_list_encode_servers", build(&enc));
        let models = cloudphone::huawei::catalog::ListPhoneModels::new()
            .status(1)
            .unwrap()
            .page(100, 50)
            .unwrap();
        snap("huawei_list_phone_models", build(&models));
        {
            use cloudphone::huawei::bandwidth::ListBandwidths;
            use cloudphone::huawei::catalog::ListServerModels;
            use cloudphone::huawei::images::{ImageType, ListImages, ListPhoneImages};
            use cloudphone::huawei::server_admin::{
                RenameServer, RestartEncodeServers, RestartServers,
            };
            let images = ListPhoneImages::new()
                .image_type(ImageType::Share)
                .limit(50)
                .unwrap()
                .after("9e8d7c6b")
                .unwrap();
            snap("huawei_list_phone_images", build(&images));
            let custom = ListImages::new()
                .image_type(ImageType::Private)
                .unwrap()
                .status(1)
                .unwrap()
                .image_name("golden")
                .unwrap()
                .create_since(1_700_000_000_000)
                .unwrap()
                .page(20, 10)
                .unwrap();
            snap("huawei_list_images", build(&custom));
            let flavors = ListServerModels::new().product_type(0).unwrap();
            snap("huawei_list_server_models", build(&flavors));
            snap(
                "huawei_list_bandwidths",
                build(&ListBandwidths::new().page(0, 50).unwrap()),
            );
            snap(
                "huawei_restart_servers",
                build(&RestartServers::new(["s1", "s2", "s1"]).unwrap()),
            );
            snap(
                "huawei_restart_encode_servers",
                build(&RestartEncodeServers::new(["e1"]).unwrap()),
            );
            snap(
                "huawei_rename_server",
                build(&RenameServer::new("s1", "服务器-01_a").unwrap()),
            );
            use cloudphone::huawei::tags::{
                CreateTags, DeleteTags, ListProjectTags, ListServerTags, ListTaggedServers, Tag,
                TagValues,
            };
            let tags = vec![
                Tag::new("env", "prod").unwrap(),
                Tag::new("owner", "ops@team").unwrap(),
            ];
            snap(
                "huawei_create_tags",
                build(&CreateTags::new("s1", tags.clone()).unwrap()),
            );
            snap(
                "huawei_delete_tags",
                build(&DeleteTags::new("s1", tags).unwrap()),
            );
            snap(
                "huawei_list_server_tags",
                build(&ListServerTags::new("s1").unwrap()),
            );
            snap(
                "huawei_list_project_tags",
                build(&ListProjectTags::new().page(10, 5).unwrap()),
            );
            let search = ListTaggedServers::with_tags(vec![
                TagValues::new("env", ["prod", "test"]).unwrap(),
                TagValues::new("team", Vec::<String>::new()).unwrap(),
            ])
            .unwrap()
            .name("cph-server-0001")
            .unwrap();
            snap("huawei_list_tagged_servers", build(&search));
            snap(
                "huawei_list_tagged_servers_count",
                build(&ListTaggedServers::untagged().count_only()),
            );
            use cloudphone::huawei::bandwidth::ResizeBandwidth;
            use cloudphone::huawei::catalog::ListServerModelOfferings;
            use cloudphone::huawei::events::{
                Authorization, AuthorizeEvent, ListEvents, RescheduleEvent,
            };
            use cloudphone::huawei::images::{
                AddImageMember, DeleteImage, DeleteImageMember, ListImageMembers, UpdateImageMember,
            };
            use cloudphone::huawei::server_admin::UpdateKeypair;
            snap(
                "huawei_delete_image",
                build(&DeleteImage::new("img1").unwrap()),
            );
            snap(
                "huawei_add_image_member",
                build(&AddImageMember::new("img1", "proj2").unwrap()),
            );
            snap(
                "huawei_list_image_members",
                build(&ListImageMembers::new("img1").unwrap().limit(10).unwrap()),
            );
            snap(
                "huawei_update_image_member",
                build(&UpdateImageMember::new("img1", false).unwrap()),
            );
            snap(
                "huawei_delete_image_member",
                build(&DeleteImageMember::new("img1", "proj2").unwrap()),
            );
            snap(
                "huawei_list_server_model_offerings",
                build(&ListServerModelOfferings::new().limit(500).unwrap()),
            );
            snap(
                "huawei_resize_bandwidth",
                build(&ResizeBandwidth::new("bw1", 350).unwrap()),
            );
            snap(
                "huawei_update_keypair",
                build(&UpdateKeypair::new([("s1", "kp-ops"), ("s2", "kp-ops")]).unwrap()),
            );
            let events = ListEvents::new()
                .server_id("s1")
                .unwrap()
                .state("inquiring")
                .unwrap()
                .state("scheduled")
                .unwrap()
                .published_since("2026-12-01T00:00:00Z")
                .unwrap();
            snap("huawei_list_events", build(&events));
            // The request's time is 2024-01-02T03:04:05Z: an hour later is allowed.
            let at = "2024-01-02T04:04:05Z";
            snap(
                "huawei_authorize_event",
                build(
                    &AuthorizeEvent::new(
                        "ev1",
                        Authorization::Maintenance {
                            not_before: Some(at.into()),
                        },
                    )
                    .unwrap(),
                ),
            );
            snap(
                "huawei_authorize_event_redeploy",
                build(&AuthorizeEvent::new("ev1", Authorization::Redeploy).unwrap()),
            );
            snap(
                "huawei_reschedule_event",
                build(&RescheduleEvent::new("ev1", at).unwrap()),
            );
            use cloudphone::huawei::phone_data::{
                Backup, BackupPhones, ExpandDataVolumes, ObsObject, RestorePhones, SetTraffic,
                TrafficType,
            };
            use cloudphone::huawei::sharing::{
                AttachFilesystem, DeleteShareApps, DeleteShareFiles, DetachFilesystem,
                ListShareApps, ListShareFiles, PushShareApps, PushShareFiles,
            };
            let obs = || ObsObject::new("cph-backups", "phones/p1/2026-12-04.tar").unwrap();
            let backup = Backup::new("p1", ["/data/data/com.example*", "/data/media"], obs())
                .unwrap()
                .exclude(["/data/data/com.example.cache"])
                .unwrap();
            snap(
                "huawei_backup_phones",
                build(&BackupPhones::new(vec![backup]).unwrap()),
            );
            snap(
                "huawei_restore_phones",
                build(&RestorePhones::new([("p1", obs())]).unwrap()),
            );
            snap(
                "huawei_expand_data_volumes",
                build(&ExpandDataVolumes::new([("p1", 64), ("p2", 128)]).unwrap()),
            );
            snap(
                "huawei_set_traffic",
                build(&SetTraffic::new(TrafficType::Routing, ["p1", "p2"]).unwrap()),
            );
            let tar = || ObsObject::new("cph-apps", "apps/com.example.game.tar").unwrap();
            snap(
                "huawei_push_share_apps",
                build(&PushShareApps::new("com.example.game", tar(), true, ["s1", "s2"]).unwrap()),
            );
            snap(
                "huawei_delete_share_apps",
                build(&DeleteShareApps::new("com.example.game", ["s1"]).unwrap()),
            );
            snap(
                "huawei_list_share_apps",
                build(&ListShareApps::new("s1").unwrap().limit(50).unwrap()),
            );
            snap(
                "huawei_push_share_files",
                build(&PushShareFiles::new(tar(), ["s1"]).unwrap()),
            );
            snap(
                "huawei_delete_share_files",
                build(&DeleteShareFiles::new(["/data/media/a b.txt"], ["s1"]).unwrap()),
            );
            snap(
                "huawei_list_share_files",
                build(&ListShareFiles::new("/data/data", ["s1", "s2"]).unwrap()),
            );
            snap(
                "huawei_attach_filesystem",
                build(
                    &AttachFilesystem::new("sfs-1", ["s1"])
                        .unwrap()
                        .path("/share")
                        .unwrap(),
                ),
            );
            snap(
                "huawei_detach_filesystem",
                build(&DetachFilesystem::new("sfs-1", ["s1"]).unwrap()),
            );
            use cloudphone::huawei::server_admin::{ChangeServerModel, DeleteServers};
            snap(
                "huawei_delete_servers",
                build(&DeleteServers::new(["s1", "s2"]).unwrap()),
            );
            snap(
                "huawei_change_server_model",
                build(
                    &ChangeServerModel::new("s1", "physical.rx2.xlarge", "rx2.cp.c15", true)
                        .unwrap(),
                ),
            );
            use cloudphone::huawei::lifecycle::Properties;
            use cloudphone::huawei::purchase::{
                AppPort, ChangeServer, ChargeMode, CreateServers, CreateSingleServers, DataVolumes,
                Nic, PhoneServerSpec, PublicIp, ServerBandwidth, SingleNic, SinglePublicIp,
                Subscription, Volume, VolumeType,
            };
            let full = PhoneServerSpec::new(
                "rx1.cp.c15.d46.d1.l1",
                "img1",
                "vpc-1",
                [Nic::new("subnet-1").ipv6("bw-v6"), Nic::new("subnet-2")],
            )
            .keypair("kp1")
            .availability_zone("cn-east-3a")
            .port(AppPort::new("game", 20000, true))
            .port(AppPort::new("metrics", 20001, false))
            .public_ip(PublicIp::new_eips("5_bgp", 2))
            .phones_per_ip(8)
            .phone_data_volume(Volume::new(VolumeType::Ssd, 32))
            .share_data_volume(Volume::new(VolumeType::GpSsd, 100))
            .bandwidth(ServerBandwidth::dedicated(100, ChargeMode::ByTraffic))
            .properties(&Properties::new().set("ro.com.cph.non_root", "1").unwrap());
            snap(
                "huawei_create_servers_full",
                build(
                    &CreateServers::new(
                        "game-srv",
                        "physical.rx1.xlarge",
                        2,
                        full.clone(),
                        Subscription::years(1).auto_pay().auto_renew(),
                    )
                    .unwrap()
                    .enterprise_project("ep-1")
                    .unwrap(),
                ),
            );
            let minimal =
                PhoneServerSpec::new("rx1.cp.c15", "img1", "vpc-1", [Nic::new("subnet-1")])
                    .public_ip(PublicIp::existing("eip-1"))
                    .bandwidth(ServerBandwidth::shared("bw-1", ChargeMode::ByBandwidth));
            snap(
                "huawei_create_servers_minimal",
                build(
                    &CreateServers::new(
                        "srv",
                        "physical.rx1.xlarge",
                        1,
                        minimal,
                        Subscription::months(1),
                    )
                    .unwrap(),
                ),
            );
            snap(
                "huawei_create_single_servers",
                build(
                    &CreateSingleServers::new(
                        "bare",
                        "physical.rx1.xlarge",
                        3,
                        Subscription::months(6).auto_pay(),
                        "kp1",
                        [SingleNic::new("subnet-1").ipv6("bw-v6")],
                    )
                    .unwrap()
                    .public_ip(SinglePublicIp::new_eip(
                        "5_sbgp",
                        ServerBandwidth::dedicated(50, ChargeMode::ByBandwidth),
                    ))
                    .unwrap()
                    .availability_zone("cn-east-3a")
                    .unwrap()
                    .data_volumes(DataVolumes::new(VolumeType::Ssd, 500, 2))
                    .unwrap()
                    .enterprise_project("ep-1")
                    .unwrap()
                    .image("bare-image-1")
                    .unwrap(),
                ),
            );
            snap(
                "huawei_change_server",
                build(
                    &ChangeServer::new("s1", full)
                        .unwrap()
                        .enterprise_project("ep-1")
                        .unwrap(),
                ),
            );
        }
        snap("huawei_show_job", build(&ShowJob::new("job-1").unwrap()));
        snap(
            "huawei_list_jobs_one",
            build(&ListJobs::for_request("req-1").unwrap()),
        );
        let many = ListJobs::for_requests(["req-1", "req-2", "req-1"])
            .unwrap()
            .page(100, 50)
            .unwrap();
        snap("huawei_list_jobs_many", build(&many));
    }

    #[test]
    fn writes() {
        let props = Properties::new()
            .set("sys.prop.writephonenum", "13666666666")
            .unwrap()
            .set("persist.sys.locale", "zh-CN")
            .unwrap();
        let restart = RestartPhones::new(["p1", "p2"])
            .unwrap()
            .with_image("img1")
            .unwrap()
            .with_properties(props.clone());
        snap("huawei_restart_phones", build(&restart));
        snap(
            "huawei_restart_phones_plain",
            build(&RestartPhones::new(["p1"]).unwrap()),
        );
        let reset = ResetPhones::new(["p1"])
            .unwrap()
            .factory_reset(true)
            .with_properties(props.clone());
        snap("huawei_reset_phones", build(&reset));
        snap(
            "huawei_stop_phones",
            build(&StopPhones::new(["p1", "p2", "p2"]).unwrap()),
        );
        let mut custom = BTreeMap::new();
        custom.insert("my.flag".to_owned(), "1".to_owned());
        let update = UpdateProperties::new()
            .phone("p1", props, BTreeMap::new())
            .unwrap()
            .phone("p2", Properties::new(), custom)
            .unwrap();
        snap("huawei_update_properties", build(&update));
        snap(
            "huawei_rename_phone",
            build(&RenamePhone::new("p1", "云手机_01-a").unwrap()),
        );
    }

    #[test]
    fn adb() {
        let phones = || Target::Phones(vec!["p1".into(), "p2".into()]);
        let mut text = String::new();
        for cmd in [
            Command::Shell("ls -l /system | grep app".into()),
            Command::Install("obs://bucket/apps/app.apk".into()),
            Command::InstallMultiple(vec!["obs://b/base.apk".into(), "obs://b/split.apk".into()]),
            Command::Uninstall("com.example.app".into()),
            Command::Push("obs://bucket/data.tar".into()),
        ] {
            let op = RunCommand::new(cmd, phones()).unwrap();
            let req = op
                .build(&Context::new(&huawei_aksk(), NOW_MS, TRACE))
                .unwrap();
            text.push_str(&String::from_utf8(req.body).unwrap());
            text.push('\n');
        }
        snap("huawei_run_command_bodies", text);
        let op = RunCommand::new(
            Command::Shell("reboot".into()),
            Target::Servers(vec!["s1".into()]),
        )
        .unwrap();
        snap("huawei_run_command_servers", build(&op));
        snap(
            "huawei_run_sync_shell",
            build(&RunSyncShell::new("getprop ro.product.model", phones()).unwrap()),
        );
    }
}
