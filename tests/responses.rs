//! Every response fixture in `tests/fixtures/responses/<provider>/<operation>/`
//! parsed by its operation and snapshotted: the typed output or the typed
//! error. The fixture text is the snapshot's description, so each `.snap`
//! explains itself.

mod support;

use cloudphone::Operation;
use cloudphone::geelark::GetPhoneStatus;
use cloudphone::huawei::iam::{CreateToken, ProjectScope};
use cloudphone::huawei::{ClientType, ShowConnectInfos};

fn snapshot_dir<O>(op: &O, dir: &str)
where
    O: Operation,
    O::Output: serde::Serialize,
{
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
        let rendered = support::result_json(&op.parse(&response));
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

#[test]
fn huawei_batch_connection() {
    let op = ShowConnectInfos::new(["x"], ClientType::Android).unwrap();
    snapshot_dir(&op, "huawei/batch_connection");
}

#[test]
fn huawei_iam_token() {
    let op = CreateToken::password("ops", "pw", "acme", ProjectScope::Name("cn-north-4".into()))
        .unwrap();
    snapshot_dir(&op, "huawei/iam_token");
}

#[test]
fn geelark_phone_status() {
    let op = GetPhoneStatus::new(["x"]).unwrap();
    snapshot_dir(&op, "geelark/phone_status");
}

mod huawei_fleet {
    use super::snapshot_dir;
    use cloudphone::huawei::adb::{Command, RunCommand, RunSyncShell, Target};
    use cloudphone::huawei::jobs::{ListJobs, ShowJob};
    use cloudphone::huawei::lifecycle::{RestartPhones, StopPhones};
    use cloudphone::huawei::phones::{ListPhones, RenamePhone, ShowPhone};
    use cloudphone::huawei::servers::{ListEncodeServers, ListServers, ShowServer};

    #[test]
    fn list_phones() {
        snapshot_dir(&ListPhones::new(), "huawei/list_phones");
    }

    #[test]
    fn show_phone() {
        snapshot_dir(&ShowPhone::new("p1").unwrap(), "huawei/show_phone");
    }

    #[test]
    fn rename_phone() {
        snapshot_dir(&RenamePhone::new("p1", "n").unwrap(), "huawei/rename_phone");
    }

    #[test]
    fn servers() {
        snapshot_dir(&ListServers::new(), "huawei/list_servers");
        snapshot_dir(&ShowServer::new("s1").unwrap(), "huawei/show_server");
        snapshot_dir(&ListEncodeServers::new(), "huawei/list_encode_servers");
    }

    #[test]
    fn catalog() {
        use cloudphone::huawei::catalog::{ListPhoneModels, ListServerModels};
        snapshot_dir(&ListPhoneModels::new(), "huawei/list_phone_models");
        snapshot_dir(&ListServerModels::new(), "huawei/list_server_models");
    }

    #[test]
    fn images_and_bandwidths() {
        use cloudphone::huawei::bandwidth::ListBandwidths;
        use cloudphone::huawei::images::{ListImages, ListPhoneImages};
        snapshot_dir(&ListPhoneImages::new(), "huawei/list_phone_images");
        snapshot_dir(&ListImages::new(), "huawei/list_images");
        snapshot_dir(&ListBandwidths::new(), "huawei/list_bandwidths");
    }

    #[test]
    fn tags() {
        use cloudphone::huawei::tags::{
            CreateTags, DeleteTags, ListProjectTags, ListServerTags, ListTaggedServers, Tag,
        };
        let t = || vec![Tag::new("env", "prod").unwrap()];
        snapshot_dir(&CreateTags::new("s1", t()).unwrap(), "huawei/create_tags");
        snapshot_dir(&DeleteTags::new("s1", t()).unwrap(), "huawei/delete_tags");
        snapshot_dir(
            &ListServerTags::new("s1").unwrap(),
            "huawei/list_server_tags",
        );
        snapshot_dir(&ListProjectTags::new(), "huawei/list_project_tags");
        snapshot_dir(&ListTaggedServers::untagged(), "huawei/list_tagged_servers");
    }

    #[test]
    fn images_events_and_the_rest() {
        use cloudphone::huawei::bandwidth::ResizeBandwidth;
        use cloudphone::huawei::catalog::ListServerModelOfferings;
        use cloudphone::huawei::events::{
            Authorization, AuthorizeEvent, ListEvents, RescheduleEvent,
        };
        use cloudphone::huawei::images::{
            AddImageMember, DeleteImage, DeleteImageMember, ListImageMembers, UpdateImageMember,
        };
        use cloudphone::huawei::server_admin::UpdateKeypair;
        snapshot_dir(&DeleteImage::new("i").unwrap(), "huawei/delete_image");
        snapshot_dir(
            &AddImageMember::new("i", "p").unwrap(),
            "huawei/add_image_member",
        );
        snapshot_dir(
            &ListImageMembers::new("i").unwrap(),
            "huawei/list_image_members",
        );
        snapshot_dir(
            &UpdateImageMember::new("i", true).unwrap(),
            "huawei/update_image_member",
        );
        snapshot_dir(
            &DeleteImageMember::new("i", "p").unwrap(),
            "huawei/delete_image_member",
        );
        snapshot_dir(
            &ListServerModelOfferings::new(),
            "huawei/list_server_model_offerings",
        );
        snapshot_dir(
            &ResizeBandwidth::new("b", 10).unwrap(),
            "huawei/resize_bandwidth",
        );
        snapshot_dir(
            &UpdateKeypair::new([("s", "k")]).unwrap(),
            "huawei/update_keypair",
        );
        snapshot_dir(&ListEvents::new(), "huawei/list_events");
        snapshot_dir(
            &AuthorizeEvent::new("e", Authorization::Redeploy).unwrap(),
            "huawei/authorize_event",
        );
        snapshot_dir(
            &RescheduleEvent::new("e", "2030-01-01T00:00:00Z").unwrap(),
            "huawei/reschedule_event",
        );
    }

    #[test]
    fn phone_data_and_sharing() {
        use cloudphone::huawei::phone_data::{
            Backup, BackupPhones, ExpandDataVolumes, ObsObject, RestorePhones, SetTraffic,
            TrafficType,
        };
        use cloudphone::huawei::sharing::{
            AttachFilesystem, DeleteShareApps, DeleteShareFiles, DetachFilesystem, ListShareApps,
            ListShareFiles, PushShareApps, PushShareFiles,
        };
        let obs = || ObsObject::new("bkt", "a.tar").unwrap();
        let b = Backup::new("p1", ["/data"], obs()).unwrap();
        snapshot_dir(&BackupPhones::new(vec![b]).unwrap(), "huawei/backup_phones");
        snapshot_dir(
            &RestorePhones::new([("p1", obs())]).unwrap(),
            "huawei/restore_phones",
        );
        snapshot_dir(
            &ExpandDataVolumes::new([("p1", 64)]).unwrap(),
            "huawei/expand_data_volumes",
        );
        snapshot_dir(
            &SetTraffic::new(TrafficType::Direct, ["p1"]).unwrap(),
            "huawei/set_traffic",
        );
        let app = "com.example.game";
        snapshot_dir(
            &PushShareApps::new(app, obs(), false, ["s1"]).unwrap(),
            "huawei/push_share_apps",
        );
        snapshot_dir(
            &DeleteShareApps::new(app, ["s1"]).unwrap(),
            "huawei/delete_share_apps",
        );
        snapshot_dir(&ListShareApps::new("s1").unwrap(), "huawei/list_share_apps");
        snapshot_dir(
            &PushShareFiles::new(obs(), ["s1"]).unwrap(),
            "huawei/push_share_files",
        );
        snapshot_dir(
            &DeleteShareFiles::new(["/data/x"], ["s1"]).unwrap(),
            "huawei/delete_share_files",
        );
        snapshot_dir(
            &ListShareFiles::new("/data/data", ["s1"]).unwrap(),
            "huawei/list_share_files",
        );
        snapshot_dir(
            &AttachFilesystem::new("f", ["s1"]).unwrap(),
            "huawei/attach_filesystem",
        );
        snapshot_dir(
            &DetachFilesystem::new("f", ["s1"]).unwrap(),
            "huawei/detach_filesystem",
        );
    }

    #[test]
    fn server_admin() {
        use cloudphone::huawei::server_admin::{
            RenameServer, RestartEncodeServers, RestartServers,
        };
        snapshot_dir(
            &RestartServers::new(["s1"]).unwrap(),
            "huawei/restart_servers",
        );
        snapshot_dir(
            &RestartEncodeServers::new(["e1"]).unwrap(),
            "huawei/restart_encode_servers",
        );
        snapshot_dir(
            &RenameServer::new("s1", "a").unwrap(),
            "huawei/rename_server",
        );
        use cloudphone::huawei::server_admin::{ChangeServerModel, DeleteServers};
        snapshot_dir(
            &DeleteServers::new(["s1"]).unwrap(),
            "huawei/delete_servers",
        );
        snapshot_dir(
            &ChangeServerModel::new("s1", "m", "p", false).unwrap(),
            "huawei/change_server_model",
        );
    }

    #[test]
    fn purchases() {
        use cloudphone::huawei::purchase::{
            ChangeServer, CreateServers, CreateSingleServers, Nic, PhoneServerSpec, SingleNic,
            Subscription,
        };
        let spec = || PhoneServerSpec::new("rx1.cp.c15", "img1", "vpc1", [Nic::new("subnet1")]);
        snapshot_dir(
            &CreateServers::new(
                "srv",
                "physical.rx1.xlarge",
                2,
                spec(),
                Subscription::months(1),
            )
            .unwrap(),
            "huawei/create_servers",
        );
        snapshot_dir(
            &CreateSingleServers::new(
                "bare",
                "physical.rx1.xlarge",
                1,
                Subscription::months(1),
                "kp1",
                [SingleNic::new("subnet1")],
            )
            .unwrap(),
            "huawei/create_single_servers",
        );
        snapshot_dir(
            &ChangeServer::new("s1", spec()).unwrap(),
            "huawei/change_server",
        );
    }

    #[test]
    fn jobs_started() {
        snapshot_dir(
            &RestartPhones::new(["p1"]).unwrap(),
            "huawei/restart_phones",
        );
        snapshot_dir(&StopPhones::new(["p1"]).unwrap(), "huawei/stop_phones");
        let cmd = RunCommand::new(
            Command::Shell("ls".into()),
            Target::Servers(vec!["s1".into()]),
        );
        snapshot_dir(&cmd.unwrap(), "huawei/run_command");
    }

    #[test]
    fn sync_shell() {
        let op = RunSyncShell::new("ls -l /system", Target::Phones(vec!["p1".into()])).unwrap();
        snapshot_dir(&op, "huawei/run_sync_shell");
    }

    #[test]
    fn jobs() {
        snapshot_dir(&ShowJob::new("j1").unwrap(), "huawei/show_job");
        snapshot_dir(&ListJobs::for_request("r1").unwrap(), "huawei/list_jobs");
    }
}
