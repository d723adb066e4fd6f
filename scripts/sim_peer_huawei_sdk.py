"""Points the OFFICIAL Huawei Cloud Python SDK (huaweicloudsdkcph) at the
cloudphone simulator and checks that the simulator accepts its signatures
and that the SDK parses every answer. Run by scripts/sim_peer_huawei_sdk.sh.

Usage: python sim_peer_huawei_sdk.py CREDENTIALS.json
"""

import json
import sys
import time

from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkcore.exceptions import exceptions
from huaweicloudsdkcore.http.http_config import HttpConfig
from huaweicloudsdkcph.v1 import (
    InstallApkRequest,
    InstallApkRequestBody,
    PropertyToUpdate,
    PushFileRequest,
    PushFileRequestBody,
    ResetCloudPhoneRequest,
    ResetCloudPhoneRequestBody,
    ResetPhoneProperty,
    RunShellCommandRequest,
    RunShellCommandRequestBody,
    ShowJobRequest,
    StopCloudPhoneRequest,
    StopCloudPhoneRequestBody,
    UninstallApkRequest,
    UninstallApkRequestBody,
    UpdateCloudPhonePropertyRequest,
    UpdateCloudPhonePropertyRequestBody,
    UpdatePhoneNameRequest,
    UpdatePhoneNameRequestBody,
    ChangeCloudPhoneServerRequest,
    ChangeCloudPhoneServerRequestBody,
    CreateCloudPhoneSingleServerRequest,
    CreateCloudPhoneSingleServerRequestBody,
    CreateCloudPhoneSingleServerRequestBodyOrderParam,
    CreateNet2CloudPhoneServerRequest,
    CreateNet2CloudPhoneServerRequestBody,
    CreateNet2CloudPhoneServerRequestBodyExtendParam,
    CreateNet2CloudPhoneServerRequestBodyPhoneDataVolume,
    Nic,
    NicForSingleServer,
    Port,
    BatchCreateTagsRequest,
    BatchCreateTagsRequestBody,
    BatchDeleteTagsRequest,
    BatchDeleteTagsRequestBody,
    AddImageMemberRequest,
    ChangeCloudPhoneServerModelRequest,
    ChangeCloudPhoneServerModelRequestBody,
    ChangeCloudPhoneServerModelRequestBodyExtendParam,
    DeleteCloudPhoneServerRequest,
    DeleteCloudPhoneServerRequestBody,
    AttachShareFilesystemRequest,
    AttachShareFilesystemRequestBody,
    BatchExportCloudPhoneDataRequest,
    BatchExportCloudPhoneDataRequestBody,
    BatchImportCloudPhoneDataRequest,
    BatchImportCloudPhoneDataRequestBody,
    DeleteShareAppsRequest,
    DeleteShareAppsRequestBody,
    DeleteShareFilesRequest,
    DeleteShareFilesRequestBody,
    DetachShareFilesystemRequest,
    DetachShareFilesystemRequestBody,
    ExpandPhoneDataVolumeSizeRequest,
    ExpandPhoneDataVolumeSizeRequestBody,
    ImportTrafficRequest,
    ImportTrafficRequestBody,
    ListShareAppsSnapshotRequest,
    ListShareFilesRequest,
    PhoneDataVolumeSize,
    PushShareAppsRequest,
    PushShareAppsRequestBody,
    PushShareFilesRequest,
    PushShareFilesRequestBody,
    RestoreInfo,
    StorageInfo,
    AddImageMemberRequestBody,
    AuthorizeScheduledEventRequest,
    AuthorizeScheduledEventRequestBody,
    BatchShowPhoneConnectInfosRequest,
    DeleteImageMemberRequest,
    DeleteImageRequest,
    ListCloudPhoneServerModelOfferingsRequest,
    ListImageMembersRequest,
    ListScheduledEventsRequest,
    ServerKeypair,
    UpdateBandwidthRequest,
    UpdateBandwidthRequestBody,
    UpdateImageMemberRequest,
    UpdateImageMemberRequestBody,
    UpdateKeypairRequest,
    UpdateKeypairRequestBody,
    UpdateScheduledEventRequest,
    UpdateScheduledEventRequestBody,
    ListProjectTagsRequest,
    ListResourceInstancesRequest,
    ListResourceInstancesRequestBody,
    ListResourceTagsRequest,
    Tag,
    Tags,
    CphClient,
    ConnectionRequestBody,
    ListCloudPhoneImagesRequest,
    ListCloudPhoneModelsRequest,
    ListCloudPhoneServerModelsRequest,
    ListEncodeServersRequest,
    ListImagesRequest,
    RestartCloudPhoneServerRequest,
    RestartCloudPhoneServerRequestBody,
    RestartEncodeServerRequest,
    RestartEncodeServerRequestBody,
    ShowBandwidthDetailRequest,
    ShowCloudPhoneServerDetailRequest,
    UpdateServerNameRequest,
    UpdateServerNameRequestBody,
    ListCloudPhoneServersRequest,
    ListCloudPhonesRequest,
    ListJobsRequest,
    PhoneProperty,
    RestartCloudPhoneRequest,
    RestartCloudPhoneRequestBody,
    RunSyncCommandRequest,
    RunSyncCommandRequestBody,
    ShowCloudPhoneDetailRequest,
)

checks = 0


def check(cond, what):
    global checks
    if not cond:
        print(f"FAIL: {what}", file=sys.stderr)
        sys.exit(1)
    checks += 1
    print(f"ok    {what}")


def client(url, ak, sk, project_id):
    config = HttpConfig.get_default_config()
    config.timeout = (5, 30)
    return (
        CphClient.new_builder()
        .with_http_config(config)
        .with_credentials(BasicCredentials(ak, sk, project_id))
        .with_endpoints([url])
        .build()
    )


def main():
    creds = json.load(open(sys.argv[1]))
    url = creds["url"]
    hw = creds["huawei"]
    c = client(url, hw["ak"], hw["sk"], hw["project_id"])

    # 1. List phones: offset/limit/count, typed records.
    resp = c.list_cloud_phones(ListCloudPhonesRequest(offset=0, limit=20))
    check(resp.count == 50 and len(resp.phones) == 20, "list_cloud_phones: count 50, a page of 20")
    check(all(isinstance(p.status, int) and len(p.phone_id) == 32 for p in resp.phones),
          "list_cloud_phones: every record parsed (status int, 32-char id)")
    page2 = c.list_cloud_phones(ListCloudPhonesRequest(offset=40, limit=20))
    check(len(page2.phones) == 10, "list_cloud_phones: the last page is short")
    running = [p.phone_id for p in resp.phones if p.status == 2]
    stopped = [p.phone_id for p in c.list_cloud_phones(ListCloudPhonesRequest(status=8)).phones]
    check(len(stopped) > 0, "list_cloud_phones: the status filter (query signed and checked)")

    # 2. Batch connection: access info and per-phone errors in one 200.
    ids = [p.phone_id for p in resp.phones[:9]] + ["0" * 28 + "dead"]
    conn = c.batch_show_phone_connect_infos(BatchShowPhoneConnectInfosRequest(
        body=ConnectionRequestBody(phone_ids=ids, client_type="ANDROID")))
    check(len(conn.connect_infos) + len(conn.errors) == 10, "batch-connection: 10 ids accounted for")
    check(any(e.error_code == "CPS.0005" for e in conn.errors), "batch-connection: CPS.0005 for the unknown id")
    ok = conn.connect_infos[0].access_info
    check(isinstance(ok.access_port, int) and ok.session_id and ok.ticket,
          "batch-connection: access_info parsed (port, session, ticket)")

    # 3. Eleven ids: refused the Huawei way, and the SDK raises its own error.
    eleven = [p.phone_id for p in resp.phones[:11]]
    try:
        c.batch_show_phone_connect_infos(BatchShowPhoneConnectInfosRequest(
            body=ConnectionRequestBody(phone_ids=eleven, client_type="ANDROID")))
        check(False, "batch-connection with 11 ids is refused")
    except exceptions.ClientRequestException as e:
        check(e.status_code == 400 and e.error_code == "CPS.0004" and e.request_id,
              f"batch-connection with 11 ids: HTTP 400 {e.error_code}, request id {e.request_id}")

    # 4. Restart a stopped phone, follow its job, see it running.
    target = stopped[0]
    started = c.restart_cloud_phone(RestartCloudPhoneRequest(
        body=RestartCloudPhoneRequestBody(phones=[PhoneProperty(phone_id=target)])))
    check(len(started.jobs) == 1 and started.request_id, "restart: one job, a request id")
    job = started.jobs[0]
    if job.error_code:
        check(False, f"restart refused: {job.error_code}")
    detail = c.show_cloud_phone_detail(ShowCloudPhoneDetailRequest(phone_id=target))
    check(detail.status == 4, "show_cloud_phone_detail: restarting (4) while the job runs")
    deadline = time.time() + 10
    while True:
        jobs = c.list_jobs(ListJobsRequest(request_id=started.request_id)).jobs
        if all(j.status != 1 for j in jobs) or time.time() > deadline:
            break
        time.sleep(0.2)
    check(jobs[0].status in (2, -1), f"list_jobs: the job finished (status {jobs[0].status})")
    detail = c.show_cloud_phone_detail(ShowCloudPhoneDetailRequest(phone_id=target))
    check(detail.status in (2, -6) and detail.access_infos,
          f"show_cloud_phone_detail: status {detail.status}, access_infos parsed")

    # 5. Servers and a synchronous adb shell.
    servers = c.list_cloud_phone_servers(ListCloudPhoneServersRequest(limit=3))
    check(servers.count == 5 and len(servers.servers) == 3, "list_cloud_phone_servers: count and page")
    models = c.list_cloud_phone_models(ListCloudPhoneModelsRequest(status=1)).phone_models
    used = {s.phone_model_name for s in servers.servers}
    check(models and all(m.status == 1 for m in models) and used <= {m.phone_model_name for m in models},
          f"list_cloud_phone_models: {len(models)} flavors in use, every server's among them")
    out = c.run_sync_command(RunSyncCommandRequest(body=RunSyncCommandRequestBody(
        command="shell", content="echo peer-ok", phone_ids=running[:2])))
    check(any(j.execute_msg == "peer-ok" for j in out.jobs), "run_sync_command: output parsed")

    # 5b. The rest of the phone operations: rename, async ADB commands, property update, stop, reset, one job.
    p1, p2 = running[2], running[3]
    c.update_phone_name(UpdatePhoneNameRequest(phone_id=p1, body=UpdatePhoneNameRequestBody(phone_name="peer-renamed")))
    check(c.show_cloud_phone_detail(ShowCloudPhoneDetailRequest(phone_id=p1)).phone_name == "peer-renamed",
          "update_phone_name: the new name shows")
    adb = [
        ("run_shell_command", c.run_shell_command, RunShellCommandRequest, RunShellCommandRequestBody,
         "shell", "ls"),
        ("install_apk", c.install_apk, InstallApkRequest, InstallApkRequestBody,
         "install", "obs://peer-bkt/a.apk"),
        ("uninstall_apk", c.uninstall_apk, UninstallApkRequest, UninstallApkRequestBody,
         "uninstall", "com.peer.app"),
        ("push_file", c.push_file, PushFileRequest, PushFileRequestBody, "push", "obs://peer-bkt/files.tar"),
    ]
    for name, call, request, body, command, content in adb:
        out = call(request(body=body(command=command, content=content, phone_ids=[p1])))
        check(len(out.jobs) == 1 and out.jobs[0].phone_id == p1, f"{name}: one job for the phone")
    out = c.update_cloud_phone_property(UpdateCloudPhonePropertyRequest(body=UpdateCloudPhonePropertyRequestBody(
        phones=[PropertyToUpdate(phone_id=p1, _property='{"com.cph.mainkeys":"0"}')])))
    check(len(out.jobs) == 1, "update_cloud_phone_property: one job")
    out = c.stop_cloud_phone(StopCloudPhoneRequest(body=StopCloudPhoneRequestBody(phone_ids=[p2])))
    check(len(out.jobs) == 1 and out.jobs[0].phone_id == p2, "stop_cloud_phone: one job")
    out = c.reset_cloud_phone(ResetCloudPhoneRequest(body=ResetCloudPhoneRequestBody(
        phones=[ResetPhoneProperty(phone_id=p1)])))
    job = c.show_job(ShowJobRequest(job_id=out.jobs[0].job_id))
    check(job.job_id == out.jobs[0].job_id and job.phone_id == p1 and job.status in (1, 2),
          "reset_cloud_phone + show_job: the job reads back")

    # 6. Images, flavors, bandwidths and server operations.
    images, marker = [], None
    while True:
        page = c.list_cloud_phone_images(ListCloudPhoneImagesRequest(limit=1, marker=marker))
        images += page.phone_images
        marker = page.page_info.next_marker if page.page_info else None
        if not marker or len(images) > 10:
            break
    check(len(images) == 4 and all(i.image_id for i in images),
          f"list_cloud_phone_images: {len(images)} images over {len(images)} marker pages")
    custom = c.list_images(ListImagesRequest(image_type="private"))
    check(custom.total == 1 and custom.image_infos[0].status == 1, "list_images: the project's image, usable")
    flavors = c.list_cloud_phone_server_models(ListCloudPhoneServerModelsRequest(product_type=0)).server_models
    check({s.server_model_name for s in servers.servers} <= {f.server_model_name for f in flavors}
          and flavors[0].extend_spec.os_volume.size == 500,
          f"list_cloud_phone_server_models: {len(flavors)} flavors, every server's among them")
    bws = c.show_bandwidth_detail(ShowBandwidthDetailRequest(limit=10)).band_widths
    check(bws and all(b.band_width_id for b in bws), f"show_bandwidth_detail: {len(bws)} bandwidths")
    server = servers.servers[0].server_id
    rs = c.restart_cloud_phone_server(RestartCloudPhoneServerRequest(
        body=RestartCloudPhoneServerRequestBody(server_ids=[server])))
    check(len(rs.jobs) == 1 and rs.jobs[0].server_id == server and rs.jobs[0].job_id,
          "restart_cloud_phone_server: a job for the server")
    enc = c.list_encode_servers(ListEncodeServersRequest(limit=1)).encode_servers[0].encode_server_id
    re = c.restart_encode_server(RestartEncodeServerRequest(
        body=RestartEncodeServerRequestBody(encode_server_ids=[enc])))
    check(re.jobs[0].encode_server_id == enc, "restart_encode_server: a job for the encode server")
    c.update_server_name(UpdateServerNameRequest(server_id=server, body=UpdateServerNameRequestBody(
        server_name="peer-renamed")))
    shown = c.show_cloud_phone_server_detail(ShowCloudPhoneServerDetailRequest(server_id=server))
    check(shown.server_name == "peer-renamed", "update_server_name: the detail shows the new name")

    # 7. Tags on servers: add, read, search, count, remove.
    rt = "cph-server"
    c.batch_create_tags(BatchCreateTagsRequest(resource_type=rt, resource_id=server, body=BatchCreateTagsRequestBody(
        action="create", tags=[Tag(key="peer", value="yes")])))
    mine = c.list_resource_tags(ListResourceTagsRequest(resource_type=rt, resource_id=server)).tags
    check(any(t.key == "peer" and t.value == "yes" for t in mine), "batch_create_tags + list_resource_tags")
    keys = c.list_project_tags(ListProjectTagsRequest(resource_type=rt, limit=10))
    check(keys.total_count == 3 and any(t.key == "peer" for t in keys.tags), "list_project_tags: the new key listed")
    found = c.list_resource_instances(ListResourceInstancesRequest(resource_type=rt, body=ListResourceInstancesRequestBody(
        action="filter", offset="0", limit="100", tags=[Tags(key="peer", values=["yes"])])))
    check(found.total_count == 1 and found.resources[0].resource_id == server,
          "list_resource_instances: the tagged server found")
    counted = c.list_resource_instances(ListResourceInstancesRequest(resource_type=rt, body=ListResourceInstancesRequestBody(
        action="count", tags=[Tags(key="env", values=["prod", "test"])])))
    check(counted.total_count and counted.total_count >= 1, f"list_resource_instances count: {counted.total_count}")
    c.batch_delete_tags(BatchDeleteTagsRequest(resource_type=rt, resource_id=server, body=BatchDeleteTagsRequestBody(
        action="delete", tags=[Tag(key="peer", value="yes")])))
    mine = c.list_resource_tags(ListResourceTagsRequest(resource_type=rt, resource_id=server)).tags
    check(all(t.key != "peer" for t in mine), "batch_delete_tags: the tag is gone")

    # 8. Image sharing, offerings, bandwidth, key pairs, maintenance events.
    golden = c.list_images(ListImagesRequest(image_type="private")).image_infos[0].image_id
    c.add_image_member(AddImageMemberRequest(image_id=golden, body=AddImageMemberRequestBody(member="peer-proj")))
    members = c.list_image_members(ListImageMembersRequest(image_id=golden, limit=10)).members
    check([m.member_id for m in members] == ["peer-proj"], "add_image_member + list_image_members")
    c.delete_image_member(DeleteImageMemberRequest(image_id=golden, member_id="peer-proj"))
    check(not c.list_image_members(ListImageMembersRequest(image_id=golden)).members, "delete_image_member")
    shared = [i for i in images if i.is_public == 2 and i.image_id != golden][0].image_id
    c.update_image_member(UpdateImageMemberRequest(image_id=shared, body=UpdateImageMemberRequestBody(status="accepted")))
    share = c.list_cloud_phone_images(ListCloudPhoneImagesRequest(image_type="share")).phone_images[0]
    check(share.receive_status == 1, "update_image_member: the shared image is accepted")
    c.delete_image(DeleteImageRequest(image_id=golden))
    check(c.list_images(ListImagesRequest(image_type="private")).total == 0, "delete_image: the image is gone")
    offers = c.list_cloud_phone_server_model_offerings(ListCloudPhoneServerModelOfferingsRequest(limit=100))
    check(offers.count == 9 and {o.sell_status for o in offers.models} == {"available", "sellout"},
          "list_cloud_phone_server_model_offerings: every flavor in every zone")
    bw = bws[0].band_width_id
    c.update_bandwidth(UpdateBandwidthRequest(band_width_id=bw, body=UpdateBandwidthRequestBody(band_width_size=350)))
    bws = c.show_bandwidth_detail(ShowBandwidthDetailRequest(limit=10)).band_widths
    check([b.band_width_size for b in bws if b.band_width_id == bw] == [350], "update_bandwidth: 350 Mbit/s")
    kp = c.update_keypair(UpdateKeypairRequest(body=UpdateKeypairRequestBody(
        servers=[ServerKeypair(server_id=server, keypair_name="peer-kp")])))
    shown = c.show_cloud_phone_server_detail(ShowCloudPhoneServerDetailRequest(server_id=server))
    check(len(kp.jobs) == 1 and shown.keypair_name == "peer-kp", "update_keypair: a job, the new key pair")
    events = c.list_scheduled_events(ListScheduledEventsRequest(limit=10)).scheduled_events
    check(len(events) == 2 and all(e.state == "inquiring" for e in events), "list_scheduled_events: two pending")
    later = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + 3600))
    c.authorize_scheduled_event(AuthorizeScheduledEventRequest(event_id=events[0].event_id,
        body=AuthorizeScheduledEventRequestBody(authorization_type="maintenance", not_before=later)))
    latest = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + 7200))
    c.update_scheduled_event(UpdateScheduledEventRequest(event_id=events[0].event_id,
        body=UpdateScheduledEventRequestBody(not_before=latest)))
    ev = c.list_scheduled_events(ListScheduledEventsRequest(event_id=events[0].event_id)).scheduled_events[0]
    check(ev.state == "scheduled" and ev.not_before == latest,
          "authorize_scheduled_event + update_scheduled_event: scheduled at the new time")

    # 9. Phone data to and from OBS, volumes, traffic, shared apps, files, file systems.
    p0 = running[0]
    out = c.batch_export_cloud_phone_data(BatchExportCloudPhoneDataRequest(body=BatchExportCloudPhoneDataRequestBody(
        storage_infos=[StorageInfo(phone_id=p0, include_files=["/data/media"], bucket_name="peer-bkt",
                                   object_path="p0.tar")])))
    check(len(out.jobs) == 1 and out.jobs[0].job_id, "batch_export_cloud_phone_data: a job")
    out = c.batch_import_cloud_phone_data(BatchImportCloudPhoneDataRequest(body=BatchImportCloudPhoneDataRequestBody(
        restore_infos=[RestoreInfo(phone_id=p0, bucket_name="peer-bkt", object_path="p0.tar")])))
    check(len(out.jobs) == 1 and out.jobs[0].job_id, "batch_import_cloud_phone_data: a job")
    out = c.expand_phone_data_volume_size(ExpandPhoneDataVolumeSizeRequest(
        body=ExpandPhoneDataVolumeSizeRequestBody(phones=[PhoneDataVolumeSize(phone_id=p0, new_size=64)])))
    check(out.jobs[0].phone_id == p0, "expand_phone_data_volume_size: a job")
    out = c.import_traffic(ImportTrafficRequest(body=ImportTrafficRequestBody(traffic_type="routing",
                                                                              phone_ids=[p0])))
    check(out.jobs[0].phone_id == p0, "import_traffic: a job")
    c.push_share_apps(PushShareAppsRequest(body=PushShareAppsRequestBody(
        package_name="com.peer.app", pre_install_app=1, bucket_name="peer-bkt", object_path="app.tar",
        server_ids=[server])))
    snap = c.list_share_apps_snapshot(ListShareAppsSnapshotRequest(server_id=server, limit=10))
    check([a.package_name for a in snap.share_apps] == ["com.peer.app"], "push_share_apps + list_share_apps_snapshot")
    c.delete_share_apps(DeleteShareAppsRequest(body=DeleteShareAppsRequestBody(package_name="com.peer.app",
                                                                               server_ids=[server])))
    snap = c.list_share_apps_snapshot(ListShareAppsSnapshotRequest(server_id=server))
    check(not snap.share_apps, "delete_share_apps (DELETE with a body): the app is gone")
    out = c.push_share_files(PushShareFilesRequest(body=PushShareFilesRequestBody(
        bucket_name="peer-bkt", object_path="files.tar", server_ids=[server])))
    check(out.jobs[0].server_id == server, "push_share_files: a job")
    out = c.delete_share_files(DeleteShareFilesRequest(body=DeleteShareFilesRequestBody(
        server_ids=[server], file_paths=["/data/media/a.txt"])))
    check(out.jobs[0].server_id == server, "delete_share_files: a job")
    out = c.list_share_files(ListShareFilesRequest(server_ids=server, path="/data/data", limit=50))
    check(out.jobs[0].server_id == server, "list_share_files: a job per server")
    out = c.attach_share_filesystem(AttachShareFilesystemRequest(body=AttachShareFilesystemRequestBody(
        type="sfs_turbo", id="sfs-peer", server_ids=[server], path="/share")))
    check(out.jobs[0].server_id == server, "attach_share_filesystem: a job")
    out = c.detach_share_filesystem(DetachShareFilesystemRequest(body=DetachShareFilesystemRequestBody(
        type="sfs_turbo", id="sfs-peer", server_ids=[server])))
    check(out.jobs[0].server_id == server, "detach_share_filesystem: a job")

    # 10. Change a server's flavor (an order), then delete another server (v2, DELETE with a body).
    flavor = flavors[1] if flavors[0].server_model_name == shown.server_model_name else flavors[0]
    phone_flavor = {m.server_model_name: m.phone_model_name for m in models}[flavor.server_model_name]
    order = c.change_cloud_phone_server_model(ChangeCloudPhoneServerModelRequest(
        body=ChangeCloudPhoneServerModelRequestBody(server_id=server, server_model_name=flavor.server_model_name,
                                                    phone_model_name=phone_flavor,
                                                    extend_param=ChangeCloudPhoneServerModelRequestBodyExtendParam(
                                                        is_auto_pay=1))))
    shown = c.show_cloud_phone_server_detail(ShowCloudPhoneServerDetailRequest(server_id=server))
    check(order.order_id and shown.server_model_name == flavor.server_model_name,
          "change_cloud_phone_server_model: an order, the new flavor")
    # Buy servers with phones (v2) and a bare one (v2.1), change one (v2), delete them again.
    vpc = dict(tenant_vpc_id="vpc-peer", nics=[Nic(subnet_id="subnet-peer")])
    bought = c.create_net2_cloud_phone_server(CreateNet2CloudPhoneServerRequest(
        body=CreateNet2CloudPhoneServerRequestBody(
            server_name="peer", server_model_name=flavor.server_model_name, phone_model_name=phone_flavor,
            image_id=golden, count=2, keypair_name="kp",
            ports=[Port(name="game", listen_port=20000, internet_accessible="true")],
            phone_data_volume=CreateNet2CloudPhoneServerRequestBodyPhoneDataVolume(volume_type="SSD", size=32),
            extend_param=CreateNet2CloudPhoneServerRequestBodyExtendParam(
                charging_mode=0, period_type=2, period_num=1, is_auto_pay=1), **vpc)))
    in_vpc = {s.server_id for s in c.list_cloud_phone_servers(
        ListCloudPhoneServersRequest(network_version="v2")).servers}
    check(bought.order_id and len(bought.server_ids) == 2 and in_vpc == set(bought.server_ids),
          "create_net2_cloud_phone_server: an order, two servers listed with network_version v2")
    bare = c.create_cloud_phone_single_server(CreateCloudPhoneSingleServerRequest(
        body=CreateCloudPhoneSingleServerRequestBody(
            server_name="peer-bare", server_model_name=flavor.server_model_name, count=1, keypair_name="kp",
            nics=[NicForSingleServer(subnet_id="subnet-peer")],
            order_param=CreateCloudPhoneSingleServerRequestBodyOrderParam(
                charging_mode=0, period_type=3, period_num=1))))
    check(bare.order_id and len(bare.server_ids) == 1, "create_cloud_phone_single_server (v2.1): one bare server")
    changed = c.change_cloud_phone_server(ChangeCloudPhoneServerRequest(
        server_id=bought.server_ids[0],
        body=ChangeCloudPhoneServerRequestBody(phone_model_name=phone_flavor, image_id=golden, **vpc)))
    check(changed.job_id and changed.server_id == bought.server_ids[0], "change_cloud_phone_server: a job")
    gone = c.delete_cloud_phone_server(DeleteCloudPhoneServerRequest(
        body=DeleteCloudPhoneServerRequestBody(server_ids=bought.server_ids + bare.server_ids)))
    check(gone.job_id, "delete_cloud_phone_server: the bought servers, one job")
    victim = servers.servers[-1].server_id
    gone = c.delete_cloud_phone_server(DeleteCloudPhoneServerRequest(
        body=DeleteCloudPhoneServerRequestBody(server_ids=[victim])))
    left = c.list_cloud_phone_servers(ListCloudPhoneServersRequest(limit=100)).servers
    check(gone.job_id and victim not in {s.server_id for s in left}, "delete_cloud_phone_server (v2): the server is gone")

    # 11. A wrong secret key: the simulator refuses the signature.
    bad = client(url, hw["ak"], "x" * 40, hw["project_id"])
    try:
        bad.list_cloud_phones(ListCloudPhonesRequest(limit=1))
        check(False, "a wrong secret key is refused")
    except exceptions.ClientRequestException as e:
        check(e.status_code == 401 and e.error_code == "APIGW.0301",
              f"wrong secret key: HTTP 401 {e.error_code}")

    print(f"{checks} passed, 0 failed")


if __name__ == "__main__":
    main()
