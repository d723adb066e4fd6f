//! The simulated Huawei Cloud: API-gateway authentication (AK/SK signature
//! recomputed with the core's canonicalisation, IAM tokens), IAM token
//! issuing, and the CPH endpoints the core supports.

use std::collections::HashMap;

use hmac::{Hmac, Mac};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use super::server::{HttpRequest, HttpResponse};
use super::{Rng, Shared, SimConfig, iso_time, lock, now_ms};
use crate::huawei::signer;

mod catalogue;
mod orders;

const MODELS: [&str; 3] = [
    "rc.x86.2xlarge.cp",
    "kc1.large.2.cp",
    "physical.kg1.4xlarge.a.cp",
];
const PHONE_MODELS: [&str; 3] = [
    "ct6.cloudphone.2c",
    "kc1.cloudphone.4c",
    "kg1.cloudphone.8c",
];
const ZONES: [&str; 3] = ["cn-north-4a", "cn-north-4b", "cn-north-4c"];

/// A CPH phone.
pub(crate) struct Phone {
    id: String,
    name: String,
    server: usize,
    model: usize,
    image_id: String,
    status: i64,
    /// A pending transition: at this time the status becomes this.
    next: Option<(u64, i64)>,
    imei: String,
    create_ms: u64,
    update_ms: u64,
    /// Restart and reset jobs of this phone fail.
    flaky: bool,
    property: String,
    custom: serde_json::Map<String, Value>,
}

impl Phone {
    fn settle(&mut self, now: u64) {
        if let Some((at, status)) = self.next {
            if now >= at {
                self.status = status;
                self.update_ms = at;
                self.next = None;
            }
        }
    }

    fn record(&self, servers: &[Server]) -> Value {
        let s = &servers[self.server];
        json!({
            "phone_name": self.name,
            "server_id": s.id,
            "phone_id": self.id,
            "phone_model_name": PHONE_MODELS[self.model],
            "image_id": self.image_id,
            "image_version": "12.0.1",
            "vnc_enable": "false",
            "status": self.status,
            "type": 0,
            "imei": self.imei,
            "traffic_type": "direct",
            "volume_mode": 0,
            "availability_zone": s.zone,
            "metadata": {"order_id": format!("CS{}", &s.id[..14]), "product_id": "00301-sim"},
            "has_encrypt": false,
            "create_time": iso_time(self.create_ms),
            "update_time": iso_time(self.update_ms),
        })
    }
}

/// A cloud-phone server.
pub(crate) struct Server {
    id: String,
    name: String,
    zone: &'static str,
    model: usize,
    public_ip: String,
    server_ip: String,
    create_ms: u64,
    phones: Vec<usize>,
    /// Tags (`cph-server` resources): key → value.
    tags: std::collections::BTreeMap<String, String>,
    /// The key pair of its ADB tunnel.
    keypair: String,
    /// The caller's VPC and subnet for servers bought in one (`v2`
    /// network); `None` for the system-defined network (`v1`).
    vpc: Option<(String, String)>,
    /// A bare server (v2.1): no phones.
    bare: bool,
}

impl Server {
    fn network_version(&self) -> &'static str {
        if self.vpc.is_some() { "v2" } else { "v1" }
    }

    fn record(&self) -> Value {
        json!({
            "server_name": self.name,
            "availability_zone": self.zone,
            "server_id": self.id,
            "server_model_name": MODELS[self.model],
            "phone_model_name": PHONE_MODELS[self.model],
            "keypair_name": self.keypair,
            "status": 5,
            "vpc_id": self.vpc.as_ref().map_or("", |v| v.0.as_str()),
            "cidr": "172.16.0.0/16",
            "vpc_cidr": if self.vpc.is_some() { "192.168.0.0/16" } else { "" },
            "subnet_id": self.vpc.as_ref().map_or("", |v| v.1.as_str()),
            "subnet_cidr": "",
            "resource_project_id": "",
            "addresses": [{"server_ip": self.server_ip, "public_ip": self.public_ip}],
            "metadata": {"charging_mode": 0, "product_id": "00301-sim", "order_id": format!("CS{}", &self.id[..14])},
            "network_version": self.network_version(),
            "enterprise_project_id": "0",
            "create_time": iso_time(self.create_ms),
            "update_time": iso_time(self.create_ms),
        })
    }
}

/// An asynchronous job.
struct Job {
    id: String,
    request_id: String,
    phone_id: Option<String>,
    server_id: Option<String>,
    begin_ms: u64,
    end_ms: u64,
    failure: Option<(&'static str, String)>,
    execute_msg: Option<String>,
}

impl Job {
    fn record(&self, now: u64) -> Value {
        let done = now >= self.end_ms;
        let status = match (done, &self.failure) {
            (false, _) => 1,
            (true, None) => 2,
            (true, Some(_)) => -1,
        };
        let mut v = json!({
            "job_id": self.id,
            "begin_time": iso_time(self.begin_ms),
            "status": status,
        });
        if let Some(p) = &self.phone_id {
            v["phone_id"] = json!(p);
        }
        if let Some(s) = &self.server_id {
            v["server_id"] = json!(s);
        }
        if done {
            v["end_time"] = json!(iso_time(self.end_ms));
            if let Some((code, msg)) = &self.failure {
                v["error_code"] = json!(code);
                v["error_msg"] = json!(msg);
            }
            if let Some(m) = &self.execute_msg {
                v["execute_msg"] = json!(m);
            }
        }
        v
    }
}

/// The simulated CPH service.
pub(crate) struct Huawei {
    phones: Vec<Phone>,
    index: HashMap<String, usize>,
    servers: Vec<Server>,
    server_index: HashMap<String, usize>,
    jobs: Vec<Job>,
    job_index: HashMap<String, usize>,
    /// IAM tokens issued: token → expiry (Unix ms).
    tokens: HashMap<String, u64>,
    job_ms: u64,
    /// Phones a bought server comes with.
    phones_per_server: usize,
    /// Images, bandwidth sizes, key pairs and maintenance events.
    more: catalogue::State,
}

impl Huawei {
    pub(crate) fn generate(config: &SimConfig, start_ms: u64) -> Self {
        let mut rng = Rng::new(config.seed ^ 0x4855_4157_4549);
        let per = config.phones_per_server.max(1);
        let n_servers = config.huawei_phones.div_ceil(per);
        let job_ms = config.job_duration.as_millis() as u64;
        let mut servers = Vec::with_capacity(n_servers);
        for i in 0..n_servers {
            servers.push(Server {
                id: rng.hex(32),
                name: format!("cph-server-{:04}", i + 1),
                zone: ZONES[i % ZONES.len()],
                model: (rng.below(MODELS.len() as u64)) as usize,
                public_ip: format!("203.0.113.{}", 1 + (i % 254)),
                server_ip: format!("172.16.{}.{}", (i / 254) % 256, 1 + (i % 254)),
                create_ms: start_ms.saturating_sub(86_400_000 * (30 + i as u64)),
                phones: Vec::new(),
                // Half the servers in each environment, every third in a team;
                // the last stays untagged.
                keypair: "sim-keypair".to_owned(),
                vpc: None,
                bare: false,
                tags: if i + 1 == n_servers && n_servers > 1 {
                    Default::default()
                } else {
                    let mut t = std::collections::BTreeMap::new();
                    t.insert(
                        "env".into(),
                        if i % 2 == 0 { "prod" } else { "test" }.into(),
                    );
                    if i % 3 == 0 {
                        t.insert("team".into(), "games".into());
                    }
                    t
                },
            });
        }
        let mut phones = Vec::with_capacity(config.huawei_phones);
        for i in 0..config.huawei_phones {
            let server = i / per;
            let roll = rng.below(1000);
            let (status, next) = match roll {
                0..=869 => (2, None),
                870..=949 => (8, None),
                950..=964 => (-7, None),
                965..=974 => (6, None),
                975..=984 => (1, Some((start_ms + job_ms * 2, 2))),
                _ => (4, Some((start_ms + job_ms, 2))),
            };
            let create_ms = start_ms.saturating_sub(3_600_000 * (1 + i as u64));
            servers[server].phones.push(i);
            phones.push(Phone {
                id: rng.hex(32),
                name: format!("cph-{:05}", i + 1),
                server,
                model: servers[server].model,
                image_id: "c0ae4b2c4c0e4a7e9b2a1f0d3e5c7a90".to_owned(),
                status,
                next,
                imei: format!("86{:013}", rng.below(10_000_000_000_000)),
                create_ms,
                update_ms: create_ms,
                flaky: rng.below(50) == 0,
                property: String::new(),
                custom: serde_json::Map::new(),
            });
        }
        Huawei {
            index: phones
                .iter()
                .enumerate()
                .map(|(i, p)| (p.id.clone(), i))
                .collect(),
            server_index: servers
                .iter()
                .enumerate()
                .map(|(i, s)| (s.id.clone(), i))
                .collect(),
            phones,
            servers,
            jobs: Vec::new(),
            job_index: HashMap::new(),
            tokens: HashMap::new(),
            job_ms,
            phones_per_server: per,
            more: catalogue::State::new(n_servers, start_ms),
        }
    }

    pub(crate) fn phone_ids(&self) -> Vec<String> {
        self.phones.iter().map(|p| p.id.clone()).collect()
    }

    fn phone(&mut self, id: &str, now: u64) -> Option<&mut Phone> {
        let i = *self.index.get(id)?;
        let p = &mut self.phones[i];
        p.settle(now);
        Some(p)
    }

    /// Removes servers and their phones (indexes rebuilt).
    fn remove_servers(&mut self, ids: &[String]) {
        let gone: std::collections::HashSet<&str> = ids.iter().map(String::as_str).collect();
        let keep: Vec<bool> = self
            .servers
            .iter()
            .map(|s| !gone.contains(s.id.as_str()))
            .collect();
        let mut new_index = Vec::with_capacity(self.servers.len());
        let mut n = 0;
        for k in &keep {
            new_index.push(if *k { Some(n) } else { None });
            n += usize::from(*k);
        }
        let phones = std::mem::take(&mut self.phones);
        self.phones = phones
            .into_iter()
            .filter(|p| keep[p.server])
            .map(|mut p| {
                p.server = new_index[p.server].unwrap_or(0);
                p
            })
            .collect();
        let servers = std::mem::take(&mut self.servers);
        self.servers = servers
            .into_iter()
            .zip(&keep)
            .filter(|(_, k)| **k)
            .map(|(s, _)| s)
            .collect();
        for s in &mut self.servers {
            s.phones.clear();
        }
        for (i, p) in self.phones.iter().enumerate() {
            self.servers[p.server].phones.push(i);
        }
        self.index = self
            .phones
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.clone(), i))
            .collect();
        self.server_index = self
            .servers
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.clone(), i))
            .collect();
    }

    fn add_job(&mut self, job: Job) {
        self.job_index.insert(job.id.clone(), self.jobs.len());
        self.jobs.push(job);
    }
}

/// A CPS error: HTTP status, code, message.
type CpsError = (u16, &'static str, String);
type Reply = Result<Value, CpsError>;

fn bad(code: &'static str, msg: impl Into<String>) -> CpsError {
    (400, code, msg.into())
}

impl Shared {
    /// A CPH / API-gateway error body: `error_code`, `error_msg`,
    /// `request_id`, with the id in `X-Request-Id` too.
    pub(crate) fn huawei_error(&self, status: u16, code: &str, msg: &str) -> HttpResponse {
        let rid = self.request_id();
        HttpResponse::json(
            status,
            &json!({"error_code": code, "error_msg": msg, "request_id": rid}),
        )
        .with_header("X-Request-Id", rid)
    }
}

/// Answers one Huawei request; `skew_ms` is how far the simulator's clock
/// reads off the real one for the signature time check.
pub(super) fn handle(sh: &Shared, req: &HttpRequest, skew_ms: i64) -> HttpResponse {
    if req.path == "/v3/auth/tokens" || req.path == "/v3/auth/tokens/" {
        return iam_token(sh, req);
    }
    let segments: Vec<&str> = req.path.trim_matches('/').split('/').collect();
    // v1 for everything but the server deletion, purchase and change (v2)
    // and the bare-server purchase (v2.1).
    let [version @ ("v1" | "v2" | "v2.1"), project, rest @ ..] = segments.as_slice() else {
        return sh.huawei_error(
            404,
            "APIGW.0101",
            "The API does not exist or has not been published in the environment.",
        );
    };
    let version = *version;
    if let Err((status, code, msg)) = authenticate(sh, req, skew_ms) {
        return sh.huawei_error(status, code, &msg);
    }
    if *project != sh.huawei_creds.project_id {
        return sh.huawei_error(403, "APIGW.0310", "The project is unavailable.");
    }
    let now = now_ms();
    let body: Value = if req.body.is_empty() {
        Value::Null
    } else {
        match serde_json::from_slice(&req.body) {
            Ok(v) => v,
            Err(_) => return sh.huawei_error(400, "APIGW.0201", "Request body is not valid JSON."),
        }
    };
    let q = Query(parse_query(&req.query));
    let m = req.method.as_str();
    let mut hw = lock(&sh.huawei);
    if let ["cph-server", tail @ ..] = rest {
        // Tags answer 204 with no body where the API does.
        let r = catalogue::tags(&mut hw, m, tail, &body, &q);
        drop(hw);
        return match r {
            Ok(None) => HttpResponse::empty(204).with_header("X-Request-Id", sh.request_id()),
            Ok(Some(v)) => HttpResponse::json(200, &v).with_header("X-Request-Id", sh.request_id()),
            Err((status, code, msg)) => sh.huawei_error(status, code, &msg),
        };
    }
    let result: Reply = match (m, rest) {
        ("DELETE", ["cloud-phone", "servers"]) if version == "v2" => {
            catalogue::delete_servers(sh, &mut hw, &body, now)
        }
        ("POST", ["cloud-phone", "servers"]) if version != "v1" => {
            orders::create_servers(sh, &mut hw, &body, now, version == "v2.1")
        }
        ("POST", ["cloud-phone", "servers", id, "change"]) if version == "v2" => {
            orders::change_server(sh, &mut hw, id, &body, now)
        }
        _ if version != "v1" => Err((
            404,
            "APIGW.0101",
            "The API does not exist or has not been published in the environment.".into(),
        )),
        ("GET", ["cloud-phone", "phones"]) => list_phones(&mut hw, &q, now),
        ("GET", ["cloud-phone", "phones", id]) => show_phone(&mut hw, id, now),
        ("PUT", ["cloud-phone", "phones", id]) => rename(&mut hw, id, &body, now),
        ("POST", ["cloud-phone", "phones", "batch-connection"]) => connect(sh, &mut hw, &body, now),
        (
            "POST",
            [
                "cloud-phone",
                "phones",
                op @ ("batch-restart" | "batch-reset"),
            ],
        ) => power(sh, &mut hw, &body, now, *op == "batch-reset"),
        ("POST", ["cloud-phone", "phones", "batch-stop"]) => stop(sh, &mut hw, &body, now),
        ("POST", ["cloud-phone", "phones", "batch-update-property"]) => {
            update_property(sh, &mut hw, &body, now)
        }
        ("POST", ["cloud-phone", "phones", "commands"]) => commands(sh, &mut hw, &body, now),
        ("POST", ["cloud-phone", "phones", "sync-commands"]) => {
            sync_commands(sh, &mut hw, &body, now)
        }
        ("GET", ["cloud-phone", "jobs"]) => list_jobs(&hw, &q, now),
        ("GET", ["cloud-phone", "jobs", id]) => match hw.job_index.get(*id) {
            Some(&i) => Ok(hw.jobs[i].record(now)),
            None => Err((404, "CPS.0011", "Job not found.".into())),
        },
        ("GET", ["cloud-phone", "servers"]) => list_servers(&hw, &q),
        ("GET", ["cloud-phone", "servers", "share-files"]) => {
            catalogue::list_share_files(sh, &mut hw, &q, now)
        }
        ("GET", ["cloud-phone", "servers", id]) => match hw.server_index.get(*id) {
            Some(&i) => {
                let s = &hw.servers[i];
                let mut v = s.record();
                v["security_groups"] = json!([]);
                // The zone's shared bandwidth, as `bandwidths` lists it.
                let mut zones: Vec<&str> = hw.servers.iter().map(|x| x.zone).collect();
                zones.sort_unstable();
                zones.dedup();
                let n = zones.iter().position(|z| *z == s.zone).unwrap_or(0) + 1;
                let bw = format!("bw-{n:028x}");
                v["band_widths"] = json!([{
                    "band_width_name": format!("cph-bw-{}", s.zone),
                    "band_width_size": catalogue::bandwidth_size(&hw, &bw),
                    "band_width_id": bw,
                    "band_width_charge_mode": 0,
                    "band_width_share_type": 1,
                }]);
                v["volumes"] = json!([{
                    "volume_name": format!("{}-data", s.name),
                    "volume_id": format!("vol-{}", &s.id[..28]),
                    "volume_size": 2048,
                    "volume_type": "SSD",
                    "create_time": iso_time(s.create_ms),
                    "update_time": iso_time(s.create_ms),
                }]);
                v["share_volume_info"] = json!({"volume_type": "SSD", "size": 1024, "version": 1});
                Ok(v)
            }
            None => Err(bad("CPS.0016", "server_id is invalid.")),
        },
        ("GET", ["cloud-phone", "encode-servers"]) => list_encode_servers(&hw, &q),
        ("GET", ["cloud-phone", "phone-models"]) => list_phone_models(&q),
        ("GET", ["cloud-phone", "server-models"]) => catalogue::list_server_models(&q),
        ("GET", ["cloud-phone", "phone-images"]) => catalogue::list_phone_images(&hw, &q),
        ("GET", ["cloud-phone", "images"]) => catalogue::list_images(&hw, &q),
        ("DELETE", ["cloud-phone", "images", id]) => catalogue::delete_image(&mut hw, id),
        ("POST", ["cloud-phone", "images", id, "members"]) => {
            catalogue::add_member(&mut hw, id, &body, now)
        }
        ("GET", ["cloud-phone", "images", id, "members"]) => catalogue::members(&hw, id, &q),
        ("PUT", ["cloud-phone", "images", id, "members"]) => {
            catalogue::answer_share(&mut hw, id, &body)
        }
        ("DELETE", ["cloud-phone", "images", id, "members", member]) => {
            catalogue::remove_member(&mut hw, id, member)
        }
        ("GET", ["server-model-offerings"]) => catalogue::offerings(&q),
        ("PUT", ["cloud-phone", "bandwidths", id]) => {
            catalogue::resize_bandwidth(&mut hw, id, &body)
        }
        ("PUT", ["cloud-phone", "servers", "open-access"]) => {
            catalogue::update_keypair(sh, &mut hw, &body, now)
        }
        ("GET", ["cloud-phone", "scheduled-events"]) => catalogue::events(&hw, &q),
        ("POST", ["cloud-phone", "servers", "change-server-model"]) => {
            catalogue::change_server_model(sh, &mut hw, &body)
        }
        ("POST", ["cloud-phone", "phones", "batch-storage"]) => {
            catalogue::backup(sh, &mut hw, &body, now, false)
        }
        ("POST", ["cloud-phone", "phones", "batch-restore"]) => {
            catalogue::backup(sh, &mut hw, &body, now, true)
        }
        ("POST", ["cloud-phone", "phones", "expand-volume"]) => {
            catalogue::expand(sh, &mut hw, &body, now)
        }
        ("POST", ["cloud-phone", "phones-traffic"]) => catalogue::traffic(sh, &mut hw, &body, now),
        ("POST", ["cloud-phone", "phones", "share-apps"]) => {
            catalogue::share_apps(sh, &mut hw, &body, now, true)
        }
        ("DELETE", ["cloud-phone", "phones", "share-apps"]) => {
            catalogue::share_apps(sh, &mut hw, &body, now, false)
        }
        ("GET", ["servers", id, "share-apps-snapshot"]) => {
            catalogue::share_apps_snapshot(&hw, id, &q)
        }
        ("POST", ["cloud-phone", "phones", "share-files"]) => {
            catalogue::share_files(sh, &mut hw, &body, now)
        }
        (
            "POST",
            [
                "servers",
                "attach-share-filesystem" | "detach-share-filesystem",
            ],
        ) => catalogue::filesystem(sh, &mut hw, &body, now),
        ("POST", ["cloud-phone", "scheduled-events", id, "authorize"]) => {
            catalogue::authorize(&mut hw, id, &body, now)
        }
        ("PUT", ["cloud-phone", "scheduled-events", id]) => {
            catalogue::reschedule(&mut hw, id, &body, now)
        }
        ("GET", ["cloud-phone", "bandwidths"]) => catalogue::list_bandwidths(&hw, &q),
        ("POST", ["cloud-phone", "servers", "batch-restart"]) => {
            catalogue::restart_servers(sh, &mut hw, &body, now)
        }
        ("POST", ["cloud-phone", "encode-servers", "batch-restart"]) => {
            catalogue::restart_encode_servers(sh, &mut hw, &body, now)
        }
        ("PUT", ["cloud-phone", "servers", id]) => catalogue::rename_server(&mut hw, id, &body),
        _ => {
            drop(hw);
            return sh.huawei_error(
                404,
                "APIGW.0101",
                "The API does not exist or has not been published in the environment.",
            );
        }
    };
    drop(hw);
    match result {
        Ok(mut v) => {
            // Job-starting calls chose their request id already (their jobs
            // are listed under it).
            let rid = match v["request_id"].as_str() {
                Some(r) => r.to_owned(),
                None => sh.request_id(),
            };
            if let Some(o) = v.as_object_mut() {
                o.insert("request_id".into(), json!(rid));
            }
            HttpResponse::json(200, &v).with_header("X-Request-Id", rid)
        }
        Err((status, code, msg)) => sh.huawei_error(status, code, &msg),
    }
}

// ---------------------------------------------------------------- auth

/// Checks `X-Auth-Token` or the AK/SK signature, as the API gateway does.
fn authenticate(sh: &Shared, req: &HttpRequest, skew_ms: i64) -> Result<(), CpsError> {
    let now = now_ms();
    if let Some(token) = req.header("x-auth-token") {
        let hw = lock(&sh.huawei);
        return match hw.tokens.get(token) {
            Some(&exp) if now < exp => Ok(()),
            Some(_) => Err((
                401,
                "APIGW.0301",
                "Incorrect IAM authentication information: the token has expired.".into(),
            )),
            None => Err((
                401,
                "APIGW.0301",
                "Incorrect IAM authentication information: decrypt token fail".into(),
            )),
        };
    }
    let Some(auth) = req.header("authorization") else {
        return Err((
            401,
            "APIGW.0301",
            "Incorrect IAM authentication information: Authorization not found in header".into(),
        ));
    };
    let unauthorized = |why: &str| {
        (
            401,
            "APIGW.0301",
            format!("Incorrect IAM authentication information: {why}"),
        )
    };
    let rest = auth
        .strip_prefix(signer::ALGORITHM)
        .and_then(|r| r.strip_prefix(' '))
        .ok_or_else(|| unauthorized("unsupported signing algorithm"))?;
    let mut access = None;
    let mut signed = None;
    let mut signature = None;
    for part in rest.split(',') {
        match part.trim().split_once('=') {
            Some(("Access", v)) => access = Some(v),
            Some(("SignedHeaders", v)) => signed = Some(v),
            Some(("Signature", v)) => signature = Some(v),
            _ => {}
        }
    }
    let (Some(access), Some(signed), Some(signature)) = (access, signed, signature) else {
        return Err(unauthorized("malformed Authorization header"));
    };
    let date = req
        .header("x-sdk-date")
        .ok_or_else(|| unauthorized("X-Sdk-Date not found in header"))?;
    let date_ms = parse_sdk_date(date).ok_or_else(|| unauthorized("X-Sdk-Date is malformed"))?;
    let skew = sh.config.max_clock_skew.as_millis() as u64;
    let now = (now as i64).saturating_add(skew_ms).max(0) as u64;
    if date_ms.abs_diff(now) > skew {
        return Err((
            401,
            "APIGW.0303",
            format!(
                "Incorrect app authentication information: the signing time {date} differs from the server time {} by more than {} minutes",
                crate::time::sdk_date(now),
                skew / 60_000
            ),
        ));
    }
    if !signed.split(';').any(|h| h == "x-sdk-date") {
        return Err(unauthorized("X-Sdk-Date is not a signed header"));
    }
    if access != sh.huawei_creds.access_key {
        return Err(unauthorized(
            "verify aksk signature fail: the access key does not exist",
        ));
    }
    let expected = expected_signature(
        req,
        signed,
        date,
        sh.huawei_creds.secret_key.expose().as_bytes(),
    )
    .ok_or_else(|| unauthorized("a signed header is missing from the request"))?;
    if !constant_time_eq(expected.as_bytes(), signature.as_bytes()) {
        return Err(unauthorized("verify aksk signature fail"));
    }
    Ok(())
}

/// Recomputes the signature over what arrived, with the client's own list
/// of signed headers (the gateway's rule).
fn expected_signature(req: &HttpRequest, signed: &str, date: &str, sk: &[u8]) -> Option<String> {
    let mut cr = String::with_capacity(512);
    cr.push_str(&req.method.to_ascii_uppercase());
    cr.push('\n');
    cr.push_str(&signer::canonical_uri(&req.path));
    cr.push('\n');
    cr.push_str(&signer::canonical_query(&parse_query(&req.query)));
    cr.push('\n');
    for name in signed.split(';') {
        let value = req.header(name)?;
        cr.push_str(name);
        cr.push(':');
        cr.push_str(value.trim());
        cr.push('\n');
    }
    cr.push('\n');
    cr.push_str(signed);
    cr.push('\n');
    if req.body.is_empty() {
        cr.push_str(signer::EMPTY_PAYLOAD_HASH);
    } else if let Some(h) = req.header("x-sdk-content-sha256") {
        cr.push_str(h);
    } else {
        crate::hex::push_lower(&mut cr, &Sha256::digest(&req.body));
    }
    let mut sts = format!("{}\n{date}\n", signer::ALGORITHM);
    crate::hex::push_lower(&mut sts, &Sha256::digest(cr.as_bytes()));
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(sk).ok()?;
    mac.update(sts.as_bytes());
    Some(crate::hex::lower(&mac.finalize().into_bytes()))
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// `YYYYMMDDTHHMMSSZ` → Unix ms.
fn parse_sdk_date(d: &str) -> Option<u64> {
    let b = d.as_bytes();
    if b.len() != 16 || b[8] != b'T' || b[15] != b'Z' {
        return None;
    }
    let text = format!(
        "{}-{}-{}T{}:{}:{}Z",
        &d[0..4],
        &d[4..6],
        &d[6..8],
        &d[9..11],
        &d[11..13],
        &d[13..15]
    );
    crate::time::parse_rfc3339_ms("x-sdk-date", &text).ok()
}

fn hex_val(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            if let (Some(h), Some(l)) = (hex_val(b[i + 1]), hex_val(b[i + 2])) {
                out.push(h << 4 | l);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A parsed query string.
struct Query(Vec<(String, String)>);

impl Query {
    /// Every value of a repeated key, in order.
    fn all(&self, key: &str) -> Vec<&str> {
        self.0
            .iter()
            .filter(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    fn get(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// The query's (key, value) pairs, percent-decoded.
pub(crate) fn parse_query(q: &str) -> Vec<(String, String)> {
    q.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (percent_decode(k), percent_decode(v)),
            None => (percent_decode(p), String::new()),
        })
        .collect()
}

// ---------------------------------------------------------------- IAM

pub(super) fn iam_error(status: u16, msg: &str) -> HttpResponse {
    let title = if status == 401 {
        "Unauthorized"
    } else {
        "Bad Request"
    };
    HttpResponse::json(
        status,
        &json!({"error": {"code": status, "message": msg, "title": title}}),
    )
}

fn iam_token(sh: &Shared, req: &HttpRequest) -> HttpResponse {
    if req.method != "POST" {
        return iam_error(400, "The request method is not supported.");
    }
    let Ok(body) = serde_json::from_slice::<Value>(&req.body) else {
        return iam_error(400, "The request body is not valid JSON.");
    };
    let auth = &body["auth"];
    let user = &auth["identity"]["password"]["user"];
    let creds = &sh.huawei_creds;
    let methods_ok = auth["identity"]["methods"]
        .as_array()
        .is_some_and(|m| m.iter().any(|x| x == "password"));
    if !methods_ok {
        return iam_error(
            400,
            "The identity method is not supported by this simulator.",
        );
    }
    if user["name"] != creds.iam_user.as_str()
        || user["password"] != creds.iam_password.expose()
        || user["domain"]["name"] != creds.iam_domain.as_str()
    {
        return iam_error(401, "The username or password is wrong.");
    }
    let project = &auth["scope"]["project"];
    if project["name"] != creds.region.as_str() && project["id"] != creds.project_id.as_str() {
        return iam_error(400, "The project in the scope does not exist.");
    }
    let now = now_ms();
    let expires = now + sh.config.token_lifetime.as_millis() as u64;
    let token = format!("MIISim{}", sh.random_hex(240));
    lock(&sh.huawei).tokens.insert(token.clone(), expires);
    let fmt = |ms: u64| {
        let t = iso_time(ms);
        format!("{}.{:03}000Z", &t[..19], ms % 1000)
    };
    HttpResponse::json(
        201,
        &json!({"token": {
            "expires_at": fmt(expires),
            "issued_at": fmt(now),
            "methods": ["password"],
            "project": {
                "id": creds.project_id,
                "name": creds.region,
                "domain": {"id": "0a1b2c3d4e5f60718293a4b5c6d7e8f9", "name": creds.iam_domain},
            },
            "user": {
                "id": "1b2c3d4e5f60718293a4b5c6d7e8f90a",
                "name": creds.iam_user,
                "domain": {"id": "0a1b2c3d4e5f60718293a4b5c6d7e8f9", "name": creds.iam_domain},
                "password_expires_at": "",
            },
            "roles": [{"id": "0", "name": "te_admin"}],
        }}),
    )
    .with_header("X-Subject-Token", token)
    .with_header("X-Request-Id", sh.request_id())
}

// ---------------------------------------------------------------- CPH

fn page(q: &Query, max: u32) -> Result<(usize, usize), CpsError> {
    let invalid = || bad("CPS.0002", "Parameter: offset or limit is invalid.");
    let offset = match q.get("offset") {
        Some(o) => o.parse::<u32>().map_err(|_| invalid())?,
        None => 0,
    };
    let limit = match q.get("limit") {
        Some(l) => l.parse::<u32>().map_err(|_| invalid())?,
        None => 100.min(max),
    };
    if limit == 0 || limit > max {
        return Err(invalid());
    }
    Ok((offset as usize, limit as usize))
}

fn list_phones(hw: &mut Huawei, q: &Query, now: u64) -> Reply {
    let (offset, limit) = page(q, crate::huawei::phones::MAX_PHONES_LIMIT)?;
    let status = match q.get("status") {
        Some(s) => Some(
            s.parse::<i64>()
                .map_err(|_| bad("CPS.0010", "Parameter: status is invalid."))?,
        ),
        None => None,
    };
    let name = q.get("phone_name").filter(|s| !s.is_empty());
    let server = match q.get("server_id").filter(|s| !s.is_empty()) {
        Some(s) => Some(
            *hw.server_index
                .get(s)
                .ok_or_else(|| bad("CPS.0016", "server_id is invalid."))?,
        ),
        None => None,
    };
    if q.get("type").is_some_and(|t| t != "0") {
        return Ok(json!({"count": 0, "phones": []}));
    }
    let mut count = 0usize;
    let mut page = Vec::new();
    let Huawei {
        phones, servers, ..
    } = hw;
    for p in phones.iter_mut() {
        p.settle(now);
        if status.is_some_and(|s| p.status != s)
            || name.is_some_and(|n| !p.name.contains(n))
            || server.is_some_and(|s| p.server != s)
        {
            continue;
        }
        if count >= offset && page.len() < limit {
            page.push(p.record(servers));
        }
        count += 1;
    }
    Ok(json!({"count": count, "phones": page}))
}

fn show_phone(hw: &mut Huawei, id: &str, now: u64) -> Reply {
    let Some(&i) = hw.index.get(id) else {
        return Err((404, "CPS.0005", "Phone is not found.".into()));
    };
    hw.phones[i].settle(now);
    let p = &hw.phones[i];
    let s = &hw.servers[p.server];
    let slot = s.phones.iter().position(|&x| x == i).unwrap_or(0);
    let phone_ip = format!(
        "10.{}.{}.{}",
        p.server / 256 % 256,
        p.server % 256,
        10 + slot
    );
    let mut v = p.record(&hw.servers);
    v["access_infos"] = json!([
        {"type": "adb", "phone_ip": phone_ip, "listen_port": 5555, "public_ip": s.public_ip,
         "server_ip": s.server_ip, "access_port": 20000 + slot},
        {"type": "vnc", "phone_ip": phone_ip, "listen_port": 5900, "public_ip": "",
         "server_ip": s.server_ip, "access_port": 21000 + slot},
    ]);
    v["property"] = json!(if p.property.is_empty() {
        "{\"com.cph.mainkeys\":\"0\"}"
    } else {
        p.property.as_str()
    });
    v["custom_property"] = Value::Object(p.custom.clone());
    v["phone_data_volume"] = json!({"volume_type": "SSD", "volume_size": 32});
    Ok(v)
}

fn rename(hw: &mut Huawei, id: &str, body: &Value, now: u64) -> Reply {
    let name = body["phone_name"]
        .as_str()
        .ok_or_else(|| bad("CPS.0025", "Parameter: phone_name is invalid."))?;
    if crate::huawei::phones::check_name(name).is_err() {
        return Err(bad("CPS.0025", "Parameter: phone_name is invalid."));
    }
    let p = hw
        .phone(id, now)
        .ok_or_else(|| (404, "CPS.0005", "Phone is not found.".to_owned()))?;
    p.name = name.to_owned();
    p.update_ms = now;
    Ok(json!({}))
}

/// The string ids under `key`, or the CPS error for a missing/empty list.
fn ids(body: &Value, key: &str) -> Result<Vec<String>, CpsError> {
    let arr = body[key]
        .as_array()
        .ok_or_else(|| bad("CPS.0009", "Parameter: phone_id list is empty."))?;
    if arr.is_empty() {
        return Err(bad("CPS.0009", "Parameter: phone_id list is empty."));
    }
    arr.iter()
        .map(|v| {
            v.as_str()
                .map(str::to_owned)
                .ok_or_else(|| bad("CPS.0004", "Invalid phone id."))
        })
        .collect()
}

fn connect(sh: &Shared, hw: &mut Huawei, body: &Value, now: u64) -> Reply {
    let ids = ids(body, "phone_ids")?;
    if ids.len() > crate::huawei::MAX_IDS {
        return Err(bad(
            "CPS.0004",
            "Invalid phone id. A maximum of 10 cloud phone IDs can be requested at a time.",
        ));
    }
    let client = body["client_type"].as_str().unwrap_or("");
    if !["ANDROID", "WINDOWS", "H5_MOBILE", "H5_PC", "IOS"].contains(&client) {
        return Err(bad("CPS.0004", "Parameter: client_type is invalid."));
    }
    let mut infos = Vec::new();
    let mut errors = Vec::new();
    for id in ids {
        let Some(&i) = hw.index.get(&id) else {
            errors.push(json!({"phone_id": id, "error_code": "CPS.0005", "error_msg": "Phone is not found."}));
            continue;
        };
        hw.phones[i].settle(now);
        let p = &hw.phones[i];
        if p.status != 2 {
            errors.push(json!({"phone_id": id, "error_code": "CPS.0022", "error_msg": "Not available phone."}));
            continue;
        }
        let s = &hw.servers[p.server];
        let slot = s.phones.iter().position(|&x| x == i).unwrap_or(0);
        infos.push(json!({
            "phone_id": id,
            "access_info": {
                "access_ip": s.public_ip,
                "intranet_ip": s.server_ip,
                "access_ipv6": "",
                "access_port": 30000 + slot,
                "session_id": sh.random_hex(32),
                "timestamp": (now / 1000).to_string(),
                "ticket": sh.random_hex(64),
            },
        }));
    }
    Ok(json!({"connect_infos": infos, "errors": errors}))
}

fn job_error(id: &str, code: &str, msg: &str) -> Value {
    json!({"phone_id": id, "error_code": code, "error_msg": msg})
}

/// The phone ids of a `phones: [{phone_id, …}]` body.
fn phone_entries(body: &Value) -> Result<Vec<(String, Value)>, CpsError> {
    let arr = body["phones"]
        .as_array()
        .filter(|a| !a.is_empty())
        .ok_or_else(|| bad("CPS.0009", "Parameter: phone_id list is empty."))?;
    arr.iter()
        .map(|e| {
            e["phone_id"]
                .as_str()
                .map(|s| (s.to_owned(), e.clone()))
                .ok_or_else(|| bad("CPS.0004", "Invalid phone id."))
        })
        .collect()
}

fn power(sh: &Shared, hw: &mut Huawei, body: &Value, now: u64, reset: bool) -> Reply {
    let entries = phone_entries(body)?;
    // A new image must be one the phone-image list offers.
    let image = body["image_id"].as_str().filter(|i| !i.is_empty());
    if image.is_some_and(|i| !catalogue::is_image(i)) {
        return Err(bad("CPS.0001", "Parameter: image_id is invalid."));
    }
    let request_id = sh.request_id();
    let job_ms = hw.job_ms;
    let mut jobs = Vec::new();
    for (id, entry) in entries {
        let Some(p) = hw.phone(&id, now) else {
            jobs.push(job_error(&id, "CPS.0005", "Phone is not found."));
            continue;
        };
        if matches!(p.status, 0 | 1 | 3 | 4 | 6 | 7) {
            jobs.push(job_error(&id, "CPS.0022", "Not available phone."));
            continue;
        }
        let fails = p.flaky;
        p.status = if reset { 3 } else { 4 };
        p.update_ms = now;
        p.next = Some((
            now + job_ms,
            match (fails, reset) {
                (false, _) => 2,
                (true, true) => -5,
                (true, false) => -6,
            },
        ));
        if let Some(prop) = entry["property"].as_str() {
            p.property = prop.to_owned();
        }
        if let Some(i) = image {
            p.image_id = i.to_owned();
        }
        let job_id = sh.random_hex(32);
        jobs.push(json!({"phone_id": id, "job_id": job_id}));
        hw.add_job(Job {
            id: job_id,
            request_id: request_id.clone(),
            phone_id: Some(id),
            server_id: None,
            begin_ms: now,
            end_ms: now + job_ms,
            failure: fails.then(|| {
                (
                    "CPS.0003",
                    format!(
                        "Service internal error. The phone failed to {}.",
                        if reset { "reset" } else { "restart" }
                    ),
                )
            }),
            execute_msg: None,
        });
    }
    Ok(json!({"request_id": request_id, "jobs": jobs}))
}

fn stop(sh: &Shared, hw: &mut Huawei, body: &Value, now: u64) -> Reply {
    let ids = ids(body, "phone_ids")?;
    let request_id = sh.request_id();
    let job_ms = hw.job_ms;
    let mut jobs = Vec::new();
    for id in ids {
        let Some(p) = hw.phone(&id, now) else {
            jobs.push(job_error(&id, "CPS.0005", "Phone is not found."));
            continue;
        };
        if matches!(p.status, 0 | 1 | 3 | 4 | 6 | 7) {
            jobs.push(job_error(&id, "CPS.0022", "Not available phone."));
            continue;
        }
        let end = if p.status == 8 { now } else { now + job_ms };
        if p.status != 8 {
            p.status = 7;
            p.update_ms = now;
            p.next = Some((end, 8));
        }
        let job_id = sh.random_hex(32);
        jobs.push(json!({"phone_id": id, "job_id": job_id}));
        hw.add_job(Job {
            id: job_id,
            request_id: request_id.clone(),
            phone_id: Some(id),
            server_id: None,
            begin_ms: now,
            end_ms: end,
            failure: None,
            execute_msg: None,
        });
    }
    Ok(json!({"request_id": request_id, "jobs": jobs}))
}

fn update_property(sh: &Shared, hw: &mut Huawei, body: &Value, now: u64) -> Reply {
    let entries = phone_entries(body)?;
    let request_id = sh.request_id();
    let mut jobs = Vec::new();
    for (id, entry) in entries {
        let Some(p) = hw.phone(&id, now) else {
            jobs.push(job_error(&id, "CPS.0005", "Phone is not found."));
            continue;
        };
        if let Some(prop) = entry["property"].as_str() {
            p.property = prop.to_owned();
        }
        if let Some(custom) = entry["custom_property"].as_object() {
            p.custom.extend(custom.clone());
        }
        p.update_ms = now;
        let job_id = sh.random_hex(32);
        jobs.push(json!({"phone_id": id, "job_id": job_id}));
        hw.add_job(Job {
            id: job_id,
            request_id: request_id.clone(),
            phone_id: Some(id),
            server_id: None,
            begin_ms: now,
            end_ms: now + hw.job_ms,
            failure: None,
            execute_msg: None,
        });
    }
    Ok(json!({"request_id": request_id, "jobs": jobs}))
}

/// The canned output of a shell command on a phone.
fn shell_output(content: &str, p: &Phone) -> String {
    let c = content.trim();
    if let Some(rest) = c.strip_prefix("echo ") {
        return rest.trim_matches(|ch| ch == '"' || ch == '\'').to_owned();
    }
    match c {
        "getprop ro.product.model" => PHONE_MODELS[p.model].to_owned(),
        "getprop ro.build.version.release" => "12".to_owned(),
        "getprop ro.serialno" => p.imei.clone(),
        "id" => "uid=2000(shell) gid=2000(shell) groups=2000(shell)".to_owned(),
        "uptime" => " 10:00:00 up 3 days,  2:14,  0 users,  load average: 0.42, 0.37, 0.30".to_owned(),
        "pm list packages" => {
            "package:com.android.settings\npackage:com.android.launcher3\npackage:com.huawei.cph.sim"
                .to_owned()
        }
        _ if c.starts_with("ls") => "bin\ncache\ndata\netc\nsdcard\nsystem\nvendor".to_owned(),
        _ => String::new(),
    }
}

/// Phone indexes, or the unknown id.
type Targets = Vec<Result<usize, String>>;

/// Validates `command`/`content` as CPH does; the targeted phone indexes.
fn command_targets(
    hw: &Huawei,
    body: &Value,
    allowed: &[&str],
) -> Result<(String, String, Targets), CpsError> {
    let command = body["command"].as_str().unwrap_or("");
    if !allowed.contains(&command) {
        return Err(bad("CPS.0117", "Parameter: command is invalid."));
    }
    let content = body["content"].as_str().unwrap_or("");
    if content.trim().is_empty() || content.len() > 8100 {
        return Err(bad("CPS.0118", "Parameter: content is invalid."));
    }
    let targets = if body["phone_ids"].is_array() {
        ids(body, "phone_ids")?
            .into_iter()
            .map(|id| hw.index.get(&id).copied().ok_or(id))
            .collect()
    } else if body["server_ids"].is_array() {
        let mut out = Vec::new();
        for sid in ids(body, "server_ids")? {
            match hw.server_index.get(&sid) {
                Some(&s) => out.extend(hw.servers[s].phones.iter().map(|&i| Ok(i))),
                None => return Err(bad("CPS.0016", "server_id is invalid.")),
            }
        }
        out
    } else {
        return Err(bad("CPS.0009", "Parameter: phone_id list is empty."));
    };
    Ok((command.to_owned(), content.to_owned(), targets))
}

fn commands(sh: &Shared, hw: &mut Huawei, body: &Value, now: u64) -> Reply {
    let (command, content, targets) = command_targets(
        hw,
        body,
        &["shell", "install", "install-multiple", "uninstall", "push"],
    )?;
    if command != "shell" && command != "uninstall" && !content.starts_with("obs://") {
        return Err(bad("CPS.0118", "Parameter: content is invalid."));
    }
    let request_id = sh.request_id();
    let mut jobs = Vec::new();
    for t in targets {
        let i = match t {
            Ok(i) => i,
            Err(id) => {
                jobs.push(job_error(&id, "CPS.0005", "Phone is not found."));
                continue;
            }
        };
        hw.phones[i].settle(now);
        let p = &hw.phones[i];
        let running = p.status == 2;
        let output = match command.as_str() {
            "shell" => shell_output(&content, p),
            "push" => String::new(),
            _ => "Success".to_owned(),
        };
        let job_id = sh.random_hex(32);
        jobs.push(json!({"phone_id": p.id, "job_id": job_id}));
        let job = Job {
            id: job_id,
            request_id: request_id.clone(),
            phone_id: Some(p.id.clone()),
            server_id: Some(hw.servers[p.server].id.clone()),
            begin_ms: now,
            end_ms: now + hw.job_ms,
            failure: (!running).then(|| ("CPS.0022", "Not available phone.".to_owned())),
            execute_msg: running.then_some(output),
        };
        hw.add_job(job);
    }
    Ok(json!({"request_id": request_id, "jobs": jobs}))
}

fn sync_commands(sh: &Shared, hw: &mut Huawei, body: &Value, now: u64) -> Reply {
    let (_, content, targets) = command_targets(hw, body, &["shell"])?;
    if targets.len() > crate::huawei::adb::MAX_SYNC_IDS {
        return Err(bad(
            "CPS.0004",
            "Invalid phone id. A maximum of 15 cloud phones can run a synchronous command at a time.",
        ));
    }
    let mut jobs = Vec::new();
    for t in targets {
        let i = match t {
            Ok(i) => i,
            Err(id) => {
                jobs.push(json!({"phone_id": id, "status": -1, "error_code": "CPS.0005", "error_msg": "Phone is not found."}));
                continue;
            }
        };
        hw.phones[i].settle(now);
        let p = &hw.phones[i];
        if p.status == 2 {
            jobs.push(
                json!({"phone_id": p.id, "job_id": sh.random_hex(32), "status": 2,
                "execute_msg": shell_output(&content, p)}),
            );
        } else {
            jobs.push(
                json!({"phone_id": p.id, "job_id": sh.random_hex(32), "status": -1,
                "error_code": "CPS.0022", "error_msg": "Not available phone."}),
            );
        }
    }
    Ok(json!({"jobs": jobs}))
}

fn list_jobs(hw: &Huawei, q: &Query, now: u64) -> Reply {
    let (offset, limit) = page(q, crate::huawei::jobs::MAX_JOBS_LIMIT)?;
    let wanted: Vec<&str> = match (q.get("request_ids"), q.get("request_id")) {
        (Some(ids), _) => ids.split(',').filter(|s| !s.is_empty()).collect(),
        (None, Some(id)) => vec![id],
        (None, None) => return Err(bad("CPS.0001", "Parameter: request_id is empty.")),
    };
    if wanted.is_empty() || wanted.len() > crate::huawei::jobs::MAX_REQUEST_IDS {
        return Err(bad("CPS.0001", "Parameter: request_ids is invalid."));
    }
    let jobs: Vec<Value> = hw
        .jobs
        .iter()
        .filter(|j| wanted.contains(&j.request_id.as_str()))
        .skip(offset)
        .take(limit)
        .map(|j| j.record(now))
        .collect();
    Ok(json!({"jobs": jobs}))
}

fn list_servers(hw: &Huawei, q: &Query) -> Reply {
    let (offset, limit) = page(q, crate::huawei::servers::MAX_SERVERS_LIMIT)?;
    let name = q.get("server_name").filter(|s| !s.is_empty());
    let id = q.get("server_id").filter(|s| !s.is_empty());
    let status = q.get("status").filter(|s| !s.is_empty());
    // The four filters the reference documents beside those.
    let network = q.get("network_version").filter(|s| !s.is_empty());
    let flavor = q.get("phone_model_name").filter(|s| !s.is_empty());
    let since = q.get("create_since").and_then(|t| t.parse::<u64>().ok());
    let until = q.get("create_until").and_then(|t| t.parse::<u64>().ok());
    let matching: Vec<&Server> = hw
        .servers
        .iter()
        .filter(|s| name.is_none_or(|n| s.name.contains(n)))
        .filter(|s| id.is_none_or(|i| s.id == i))
        .filter(|_| status.is_none_or(|st| st == "5"))
        .filter(|s| network.is_none_or(|n| n == s.network_version()))
        .filter(|s| flavor.is_none_or(|f| PHONE_MODELS[s.model] == f))
        .filter(|s| since.is_none_or(|t| s.create_ms >= t))
        .filter(|s| until.is_none_or(|t| s.create_ms <= t))
        .collect();
    let servers: Vec<Value> = matching
        .iter()
        .skip(offset)
        .take(limit)
        .map(|s| s.record())
        .collect();
    Ok(json!({"count": matching.len(), "servers": servers}))
}

/// The flavors the simulated servers and phones use (in use), plus one
/// withdrawn flavor, as `phone-models` lists them.
fn list_phone_models(q: &Query) -> Reply {
    let (offset, limit) = page(q, crate::huawei::catalog::MAX_PHONE_MODELS_LIMIT)?;
    let status = match q.get("status") {
        None | Some("") => None,
        Some(s @ ("0" | "1")) => Some(s == "1"),
        Some(_) => return Err(bad("CPS.0002", "status is invalid.")),
    };
    let specs = [(2, 4096, 32, 15), (4, 8192, 64, 8), (8, 16384, 128, 4)];
    let in_use = PHONE_MODELS
        .iter()
        .zip(MODELS)
        .zip(specs)
        .map(|((phone, server), spec)| (*phone, Some(server), true, spec));
    let withdrawn = std::iter::once(("ct3.cloudphone.1c", None, false, (1, 2048, 16, 30)));
    let list: Vec<Value> = in_use
        .chain(withdrawn)
        .filter(|(_, _, used, _)| status.is_none_or(|s| s == *used))
        .skip(offset)
        .take(limit)
        .map(|(phone, server, used, (cpu, memory, disk, capacity))| {
            json!({
                "phone_model_name": phone,
                "server_model_name": server,
                "status": i32::from(used),
                "cpu": cpu,
                "memory": memory,
                "disk": disk,
                "resolution": "720x1280",
                "extend_spec": "",
                "spec_code": phone,
                "phone_capacity": capacity,
                "image_label": "cloud_phone",
                "product_type": 0,
                "phone_model_version": 1,
                "dpi": 320,
                "fps": "30",
                "volume_mode": 0,
                "render_fps": 30,
                "stream_fps": 30,
            })
        })
        .collect();
    Ok(json!({"phone_models": list}))
}

fn list_encode_servers(hw: &Huawei, q: &Query) -> Reply {
    let (offset, limit) = page(q, crate::huawei::servers::MAX_SERVERS_LIMIT)?;
    let server = q.get("server_id").filter(|s| !s.is_empty());
    let list: Vec<Value> = hw
        .servers
        .iter()
        .enumerate()
        .filter(|(_, s)| server.is_none_or(|id| s.id == id))
        .filter(|_| q.get("type").is_none_or(|t| t == "1"))
        .filter(|_| q.get("status").is_none_or(|t| t == "1"))
        .skip(offset)
        .take(limit)
        .map(|(i, s)| {
            json!({
                "encode_server_name": format!("encode-{}", s.name),
                "encode_server_id": format!("{}e", &s.id[..31]),
                "encode_server_ip": format!("172.17.{}.{}", (i / 254) % 256, 1 + i % 254),
                "server_id": s.id,
                "keypair_name": "sim-keypair",
                "type": 1,
                "status": 1,
                "access_infos": [
                    {"type": "adb", "listen_port": 5555, "public_ip": s.public_ip, "server_ip": s.server_ip, "access_port": 40000 + (i % 10000)},
                    {"type": "cph_app_server", "listen_port": 7000, "public_ip": s.public_ip, "server_ip": s.server_ip, "access_port": 7000},
                    {"type": "cph_h5_server", "listen_port": 7001, "public_ip": s.public_ip, "server_ip": s.server_ip, "access_port": 7001},
                ],
            })
        })
        .collect();
    Ok(json!({"encode_servers": list}))
}
