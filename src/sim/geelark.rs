//! The simulated GeeLark Open API: key-mode and Bearer authentication,
//! per-API rate limits, and the phone endpoints the core supports.

use std::collections::HashMap;

use serde_json::{Value, json};

use super::server::{HttpRequest, HttpResponse};
use super::{Rng, Shared, SimConfig, lock, now_ms};

mod events;
mod library;
mod more;

const COUNTRIES: [(&str, &str, &str, f64, f64); 4] = [
    ("Singapore", "Asia/Singapore", "+65", 1.2903, 103.8519),
    ("United States", "America/Chicago", "+1", 30.2672, -97.7431),
    ("Japan", "Asia/Tokyo", "+81", 35.6762, 139.6503),
    ("Germany", "Europe/Berlin", "+49", 52.52, 13.405),
];
const DEVICES: [(&str, &str); 4] = [
    ("samsung", "Galaxy S23"),
    ("Google", "Pixel 8"),
    ("Xiaomi", "13T"),
    ("OnePlus", "11"),
];
const GROUPS: [&str; 3] = ["warmup-a", "warmup-b", "production"];

/// A GeeLark cloud phone.
pub(crate) struct Phone {
    id: String,
    serial_name: String,
    serial_no: String,
    status: i64,
    next: Option<(u64, i64)>,
    group: usize,
    remark: String,
    tags: Vec<&'static str>,
    country: usize,
    device: usize,
    os: u8,
    imei: String,
    charge_mode: i64,
    /// Busy with an automation task: stop answers 43005.
    rpa: bool,
    /// Start answers 43020 (temporarily unavailable).
    unavailable: bool,
    gps: (f64, f64),
    adb: bool,
    deleted: bool,
}

impl Phone {
    fn settle(&mut self, now: u64) {
        if let Some((at, s)) = self.next {
            if now >= at {
                self.status = s;
                self.next = None;
            }
        }
    }

    fn record(&self) -> Value {
        let (country, tz, cc, _, _) = COUNTRIES[self.country];
        let (brand, model) = DEVICES[self.device];
        json!({
            "id": self.id,
            "serialName": self.serial_name,
            "serialNo": self.serial_no,
            "group": {"id": format!("60555123456789012{}", self.group), "name": GROUPS[self.group], "remark": ""},
            "remark": self.remark,
            "status": self.status,
            "tags": self.tags.iter().map(|t| json!({"name": t})).collect::<Vec<_>>(),
            "equipmentInfo": {
                "countryName": country,
                "phoneNumber": format!("{cc}{}", &self.imei[5..13]),
                "enableSim": 1,
                "imei": self.imei,
                "osVersion": format!("Android {}.0", self.os),
                "wifiBssid": "3C:52:82:1A:7B:90",
                "mac": "A4:5E:60:C1:22:3F",
                "bluetoothMac": "F0:18:98:4D:6A:11",
                "timeZone": tz,
                "deviceBrand": brand,
                "deviceModel": model,
                "deviceName": model,
                "netType": 1,
                "language": "en-US",
                "province": "",
                "city": "",
            },
            "proxy": {"type": "socks5", "server": "198.51.100.10", "port": 1080, "username": "", "password": ""},
            "chargeMode": self.charge_mode,
            "hasBind": false,
            "monthlyExpire": 0,
            "rpaStatus": i64::from(self.rpa),
        })
    }
}

/// The simulated GeeLark team's phones and the rate-limit counters.
pub(crate) struct GeeLark {
    phones: Vec<Phone>,
    index: HashMap<String, usize>,
    /// (path, minute) → calls, and (path, hour) → calls.
    minute: HashMap<(String, u64), u32>,
    hour: HashMap<(String, u64), u32>,
    screenshots: HashMap<String, (String, u64)>,
    start_ms: u64,
    /// Tasks, the callback URL, installed apps.
    more: more::State,
    /// Materials, analytics, the wallet and the plan.
    library: library::State,
}

impl GeeLark {
    pub(crate) fn generate(config: &SimConfig, start_ms: u64) -> Self {
        let mut rng = Rng::new(config.seed ^ 0x0047_4545_4C41_524B);
        let job_ms = config.job_duration.as_millis() as u64;
        let mut phones = Vec::with_capacity(config.geelark_phones);
        let mut index = HashMap::with_capacity(config.geelark_phones);
        for i in 0..config.geelark_phones {
            let id = loop {
                let id = format!("6{:017}", rng.below(100_000_000_000_000_000));
                if !index.contains_key(&id) {
                    break id;
                }
            };
            let roll = rng.below(1000);
            let (status, next) = match roll {
                0..=299 => (0, None),
                300..=929 => (2, None),
                930..=959 => (3, None),
                _ => (1, Some((start_ms + job_ms, 0))),
            };
            let country = rng.below(COUNTRIES.len() as u64) as usize;
            let (_, _, _, lat, lon) = COUNTRIES[country];
            index.insert(id.clone(), i);
            phones.push(Phone {
                serial_name: format!("gl-{:05}", i + 1),
                serial_no: (101 + i).to_string(),
                status,
                next,
                group: rng.below(GROUPS.len() as u64) as usize,
                remark: String::new(),
                tags: if i % 3 == 0 {
                    vec!["tiktok"]
                } else {
                    vec!["tiktok", "sg"]
                },
                country,
                device: rng.below(DEVICES.len() as u64) as usize,
                os: [10, 11, 12, 13, 14, 15][rng.below(6) as usize],
                imei: format!("35{:013}", rng.below(10_000_000_000_000)),
                charge_mode: i64::from(rng.below(4) == 0),
                rpa: status == 0 && rng.below(20) == 0,
                unavailable: rng.below(100) == 0,
                gps: (lat, lon),
                adb: false,
                deleted: false,
                id,
            });
        }
        GeeLark {
            phones,
            index,
            minute: HashMap::new(),
            hour: HashMap::new(),
            screenshots: HashMap::new(),
            start_ms,
            more: more::State::new(config.geelark_phones, start_ms, job_ms),
            library: library::State::new(),
        }
    }

    pub(crate) fn phone_ids(&self) -> Vec<String> {
        self.phones
            .iter()
            .filter(|p| !p.deleted)
            .map(|p| p.id.clone())
            .collect()
    }

    fn phone(&mut self, id: &str, now: u64) -> Option<&mut Phone> {
        let i = *self.index.get(id)?;
        let p = &mut self.phones[i];
        if p.deleted {
            return None;
        }
        p.settle(now);
        Some(p)
    }
}

type Reply = Result<Option<Value>, (i64, String)>;

fn not_found(id: &str) -> Value {
    json!({"code": 42001, "id": id, "msg": "env not found"})
}

fn fail(id: &str, code: i64, msg: &str) -> Value {
    json!({"code": code, "id": id, "msg": msg})
}

pub(super) fn handle(sh: &Shared, req: &HttpRequest) -> HttpResponse {
    let trace = req.header("traceId").unwrap_or("").to_owned();
    let envelope = |code: i64, msg: &str, data: Option<Value>| {
        let mut v = json!({"traceId": trace, "code": code, "msg": msg});
        if let Some(d) = data {
            v["data"] = d;
        }
        HttpResponse::json(200, &v)
    };
    if req.method != "POST" {
        return HttpResponse::text(405, "405 Method Not Allowed");
    }
    if trace.is_empty() {
        return envelope(40002, "traceId is empty", None);
    }
    if let Err(msg) = authenticate(sh, req, &trace) {
        return envelope(40003, msg, None);
    }
    let now = now_ms();
    let mut gl = lock(&sh.geelark);
    // Rate limits: per API path, per minute and per hour.
    let minute = now / 60_000;
    let hour = now / 3_600_000;
    let per_minute = gl
        .minute
        .entry((req.path.clone(), minute))
        .and_modify(|n| *n += 1)
        .or_insert(1);
    let over_minute = *per_minute > sh.config.geelark_rate_limit;
    let per_hour = gl
        .hour
        .entry((req.path.clone(), hour))
        .and_modify(|n| *n += 1)
        .or_insert(1);
    let over_hour = *per_hour > sh.config.geelark_hourly_limit;
    gl.minute.retain(|(_, m), _| *m + 1 >= minute);
    gl.hour.retain(|(_, h), _| *h + 1 >= hour);
    if over_hour {
        return envelope(
            40014,
            "api request exceeds hourly limit; locked for two hours",
            None,
        );
    }
    if over_minute {
        return envelope(40007, "request rate limited", None);
    }
    let Ok(body) = serde_json::from_slice::<Value>(&req.body) else {
        return envelope(40001, "request body could not be read", None);
    };
    let result: Reply = match req.path.as_str() {
        "/open/v1/phone/status" => status(&mut gl, &body, now),
        "/open/v1/phone/list" => list(&mut gl, &body, now),
        "/open/v1/phone/start" => start(sh, &mut gl, &body, now),
        "/open/v1/phone/stop" => stop(&mut gl, &body, now),
        "/open/v1/phone/delete" => delete(&mut gl, &body, now),
        "/open/v1/phone/detail/update" => update(&mut gl, &body, now),
        "/open/v1/phone/screenShot" => screenshot(sh, &mut gl, &body, now),
        "/open/v1/phone/screenShot/result" => screenshot_result(&gl, &body, now),
        "/open/v1/phone/gps/get" => gps_get(&mut gl, &body, now),
        "/open/v1/phone/gps/set" => gps_set(&mut gl, &body, now),
        "/open/v1/adb/setStatus" => adb_set(&mut gl, &body, now),
        "/open/v1/adb/getData" => adb_get(&mut gl, &body, now),
        "/open/v1/phone/restart" => more::restart_phone(sh, &mut gl, &body, now),
        "/open/v1/shell/execute" => more::shell(&mut gl, &body, now),
        "/open/v1/task/query" => more::query(&mut gl, &body, now),
        "/open/v1/task/historyRecords" => more::history(&mut gl, &body, now),
        "/open/v1/task/detail" => more::detail(&mut gl, &body, now),
        "/open/v1/task/cancel" => more::cancel_or_restart(&mut gl, &body, now, false),
        "/open/v1/task/restart" => more::cancel_or_restart(&mut gl, &body, now, true),
        "/open/v1/callback/set" => more::callback(&mut gl, &body, true),
        "/open/v1/callback/get" => more::callback(&mut gl, &body, false),
        "/open/v1/app/list" => more::app_list(&mut gl, &body, now),
        "/open/v1/app/installable/list" => more::catalogue(&mut gl, &body, now, true),
        "/open/v1/app/shop/list" => more::catalogue(&mut gl, &body, now, false),
        "/open/v1/proxy/list" => more::proxies(&mut gl, &body),
        "/open/v1/proxy/add" => more::add_proxies(&mut gl, &body),
        "/open/v1/proxy/update" => more::update_proxies(&mut gl, &body),
        "/open/v1/proxy/delete" => more::delete_proxies(&mut gl, &body),
        "/open/v1/proxy/check" => more::check_proxy(&body),
        "/open/v1/phone/addNew" => more::add_new(sh, &mut gl, &body),
        "/open/v1/app/start" | "/open/v1/app/stop" => more::app_run(&mut gl, &body, now),
        "/open/v1/upload/getUrl" => more::upload_url(sh, &body),
        "/open/v1/phone/uploadFile" => more::upload_file(sh, &mut gl, &body, now, false),
        "/open/v1/phone/uploadFile/result" => more::upload_file(sh, &mut gl, &body, now, true),
        "/open/v1/app/install" => more::app_change(&mut gl, &body, now, true),
        "/open/v1/app/uninstall" => more::app_change(&mut gl, &body, now, false),
        "/open/v1/group/list"
        | "/open/v1/group/add"
        | "/open/v1/group/update"
        | "/open/v1/group/delete" => more::labels(&mut gl, false, &req.path[15..], &body),
        "/open/v1/tag/list"
        | "/open/v1/tag/add"
        | "/open/v1/tag/update"
        | "/open/v1/tag/delete" => more::labels(&mut gl, true, &req.path[13..], &body),
        "/open/v1/auth/status"
        | "/open/v1/pay/wallet"
        | "/open/v1/pay/plan/info"
        | "/open/v1/pay/profiles/list"
        | "/open/v1/phone/brand/list"
        | "/open/v1/phone/serialNum/get" => more::account(&mut gl, &req.path[9..], &body, now),
        "/open/v1/phone/keyboxUpload"
        | "/open/v1/phone/keyboxUpload/result"
        | "/open/v1/phone/sendSms"
        | "/open/v1/phone/net/set"
        | "/open/v1/phone/hideAccessibility"
        | "/open/v1/phone/moveGroup"
        | "/open/v1/root/setStatus"
        | "/open/v1/phone/importContacts"
        | "/open/v1/phone/importContactsResult"
        | "/open/v1/phone/transfer"
        | "/open/v2/phone/newOne"
        | "/open/v1/app/operation/batch" => {
            more::phone_tools(sh, &mut gl, &req.path[9..], &body, now)
        }
        "/open/v1/task/add" | "/open/v1/task/flow/list" | "/open/v1/task/rpa/add" => {
            more::plans(sh, &mut gl, &req.path[9..], &body, now)
        }
        "/open/v1/proxyGroup/search"
        | "/open/v1/proxyGroup/add"
        | "/open/v1/proxyGroup/update"
        | "/open/v1/proxyGroup/del"
        | "/open/v1/phone/clone"
        | "/open/v1/app/upload"
        | "/open/v1/app/upload/status"
        | "/open/v1/app/teamApp/list"
        | "/open/v1/task/flow/import"
        | "/open/v1/task/flow/export" => more::team(sh, &mut gl, &req.path[9..], &body, now),
        "/open/v1/app/add"
        | "/open/v1/app/remove"
        | "/open/v1/app/auth/status"
        | "/open/v1/app/setAutoStart"
        | "/open/v1/app/setKeepAlive"
        | "/open/v1/app/root"
        | "/open/v1/app/setHide"
        | "/open/v1/app/setStatus"
        | "/open/v1/phone/netConfig/get"
        | "/open/v1/phone/netConfig/set" => more::team_apps(&mut gl, &req.path[9..], &body),
        "/open/v1/phone/patch/install"
        | "/open/v1/phone/patch/install/status"
        | "/open/v1/phone/patch/list"
        | "/open/v1/phone/patch/uninstall"
        | "/open/v1/phone/customization" => more::patches(sh, &mut gl, &req.path[9..], &body, now),
        path if path.starts_with("/open/v1/material/")
            || path.starts_with("/open/v1/analytics/")
            || matches!(
                path,
                "/open/v1/pay/plan/upgrade"
                    | "/open/v1/pay/plan/continue"
                    | "/open/v1/pay/timeAddOn/buy"
                    | "/open/v1/pay/wallet/recharge"
                    | "/open/v1/billing/transaction/detail"
                    | "/open/v1/phone/brand/teamList"
            ) =>
        {
            library::handle(sh, &mut gl, &path[9..], &body, now)
        }
        path if path.starts_with("/open/v1/rpa/task/") => {
            more::create_rpa(sh, &mut gl, &path["/open/v1/rpa/task/".len()..], &body, now)
        }
        _ => Err((40005, "resource not found".to_owned())),
    };
    let hook = more::callback_url(&gl)
        .filter(|_| result.is_ok())
        .map(|url| {
            let data = result.as_ref().ok().and_then(Option::as_ref);
            (url, events::of(&req.path, &body, data, now))
        });
    drop(gl);
    if let Some((url, events)) = hook {
        events::send(sh, url, events, now);
    }
    match result {
        Ok(data) => envelope(0, "success", data),
        Err((code, msg)) => envelope(code, &msg, None),
    }
}

fn authenticate(sh: &Shared, req: &HttpRequest, trace: &str) -> Result<(), &'static str> {
    let creds = &sh.geelark_creds;
    if let Some(auth) = req.header("authorization") {
        return match auth.strip_prefix("Bearer ") {
            Some(t) if t.trim() == creds.token.expose() => Ok(()),
            _ => Err("token verification failed"),
        };
    }
    let (Some(app_id), Some(ts), Some(nonce), Some(sign)) = (
        req.header("appId"),
        req.header("ts"),
        req.header("nonce"),
        req.header("sign"),
    ) else {
        return Err("signature verification failed: missing appId, ts, nonce or sign");
    };
    if app_id != creds.app_id {
        return Err("signature verification failed");
    }
    let expected = crate::geelark::sign(app_id, trace, ts, nonce, creds.api_key.expose());
    if expected != sign {
        return Err("signature verification failed");
    }
    Ok(())
}

fn id_list(body: &Value, key: &str, max: usize) -> Result<Vec<String>, (i64, String)> {
    let arr = body[key]
        .as_array()
        .filter(|a| !a.is_empty())
        .ok_or_else(|| {
            (
                40004,
                format!("parameter validation failed: {key} is required"),
            )
        })?;
    if arr.len() > max {
        return Err((
            40004,
            format!("parameter validation failed: at most {max} {key}"),
        ));
    }
    arr.iter()
        .map(|v| match v {
            Value::String(s) => Ok(s.clone()),
            Value::Number(n) => Ok(n.to_string()),
            _ => Err((40004, format!("parameter validation failed: bad {key}"))),
        })
        .collect()
}

fn amounts(total: usize, failed: &[Value]) -> Value {
    json!({
        "totalAmount": total,
        "successAmount": total - failed.len(),
        "failAmount": failed.len(),
    })
}

fn status(gl: &mut GeeLark, body: &Value, now: u64) -> Reply {
    let ids = id_list(body, "ids", 100)?;
    let mut ok = Vec::new();
    let mut failed = Vec::new();
    for id in &ids {
        match gl.phone(id, now) {
            Some(p) => ok.push(json!({"id": id, "serialName": p.serial_name, "status": p.status})),
            None => failed.push(not_found(id)),
        }
    }
    let mut data = amounts(ids.len(), &failed);
    data["successDetails"] = json!(ok);
    data["failDetails"] = json!(failed);
    Ok(Some(data))
}

/// The `page`/`pageSize` of a list request (GeeLark's defaults 1 and 10):
/// `(page, items to skip, page size)`, or 40008 for a size outside
/// `1..=max` or page 0. The skip saturates: a hostile `page` of 2^64 − 1
/// asks for an empty page, not an overflow.
fn page(body: &Value, max: u64) -> Result<(u64, usize, usize), (i64, String)> {
    let page = body["page"].as_u64().unwrap_or(1);
    let size = body["pageSize"].as_u64().unwrap_or(10);
    if page == 0 || !(1..=max).contains(&size) {
        return Err((40008, "pageSize exceeds maximum/minimum limit".to_owned()));
    }
    let skip = usize::try_from((page - 1).saturating_mul(size)).unwrap_or(usize::MAX);
    Ok((page, skip, usize::try_from(size).unwrap_or(usize::MAX)))
}

fn list(gl: &mut GeeLark, body: &Value, now: u64) -> Reply {
    let (page, skip, size) = page(body, 100)?;
    let strs = |k: &str| str_list(body, k);
    let ids = strs("ids");
    let serial_nos = strs("serialNos");
    let tags = strs("tags");
    let text = |k: &str| {
        body[k]
            .as_str()
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    };
    let (serial_name, remark, group) = (text("serialName"), text("remark"), text("groupName"));
    let charge = body["chargeMode"].as_i64();
    let open = body["openStatus"].as_i64();
    let mut items = Vec::new();
    let mut total = 0usize;
    for p in gl.phones.iter_mut().filter(|p| !p.deleted) {
        p.settle(now);
        let keep = (ids.is_empty() || ids.contains(&p.id))
            && (serial_nos.is_empty() || serial_nos.contains(&p.serial_no))
            && tags.iter().all(|t| p.tags.contains(&t.as_str()))
            && serial_name
                .as_ref()
                .is_none_or(|s| p.serial_name.contains(s.as_str()))
            && remark
                .as_ref()
                .is_none_or(|r| p.remark.contains(r.as_str()))
            && group.as_ref().is_none_or(|g| GROUPS[p.group] == g)
            && charge.is_none_or(|c| p.charge_mode == c)
            && open.is_none_or(|o| (o == 1) == matches!(p.status, 0 | 1));
        if !keep {
            continue;
        }
        // With `ids`, paging is ignored.
        if !ids.is_empty() || (total >= skip && items.len() < size) {
            items.push(p.record());
        }
        total += 1;
    }
    Ok(Some(
        json!({"total": total, "page": page, "pageSize": size, "items": items}),
    ))
}

fn start(sh: &Shared, gl: &mut GeeLark, body: &Value, now: u64) -> Reply {
    let ids = id_list(body, "ids", 200)?;
    if let Some(w) = body["width"].as_i64() {
        if !(200..=600).contains(&w) {
            return Err((
                40004,
                "parameter validation failed: width must be 200 to 600".into(),
            ));
        }
    }
    let job_ms = sh.config.job_duration.as_millis() as u64;
    let base = lock(&sh.base_url).clone();
    let mut ok = Vec::new();
    let mut failed = Vec::new();
    for id in &ids {
        let Some(p) = gl.phone(id, now) else {
            failed.push(not_found(id));
            continue;
        };
        if p.status == 3 {
            failed.push(fail(id, 43004, "env is expired"));
            continue;
        }
        if p.unavailable {
            failed.push(fail(id, 43020, "env is temporarily unavailable"));
            continue;
        }
        if p.status == 2 {
            p.status = 1;
            p.next = Some((now + job_ms, 0));
        }
        let method = if p.charge_mode == 1 {
            "Monthly rental"
        } else {
            "Per-minute usage"
        };
        ok.push(json!({
            "id": id,
            "url": format!("{base}/_sim/view/{id}?token={}", sh.random_hex(24)),
            "chargingMethod": method,
        }));
    }
    let mut data = amounts(ids.len(), &failed);
    data["successDetails"] = json!(ok);
    data["failDetails"] = json!(failed);
    Ok(Some(data))
}

fn stop(gl: &mut GeeLark, body: &Value, now: u64) -> Reply {
    let ids = id_list(body, "ids", 200)?;
    let mut ok = Vec::new();
    let mut failed = Vec::new();
    for id in &ids {
        let Some(p) = gl.phone(id, now) else {
            failed.push(not_found(id));
            continue;
        };
        if p.rpa {
            failed.push(fail(id, 43005, "env is running task"));
            continue;
        }
        if p.status != 3 {
            p.status = 2;
            p.next = None;
        }
        ok.push(json!({"id": id, "serialName": p.serial_name, "status": p.status}));
    }
    let mut data = amounts(ids.len(), &failed);
    data["successDetails"] = json!(ok);
    data["failDetails"] = json!(failed);
    Ok(Some(data))
}

fn delete(gl: &mut GeeLark, body: &Value, now: u64) -> Reply {
    let ids = id_list(body, "ids", 100)?;
    let mut failed = Vec::new();
    for id in &ids {
        let Some(p) = gl.phone(id, now) else {
            failed.push(not_found(id));
            continue;
        };
        match p.status {
            0 => failed.push(fail(id, 43009, "env is started")),
            1 => failed.push(fail(id, 43010, "env is starting")),
            _ => p.deleted = true,
        }
    }
    let mut data = amounts(ids.len(), &failed);
    data["failDetails"] = json!(failed);
    Ok(Some(data))
}

/// The strings (and numbers, as text) of the array `body[key]`; anything
/// else is skipped, a missing key is empty.
fn str_list(body: &Value, key: &str) -> Vec<String> {
    body[key]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| match v {
                    Value::String(s) => Some(s.clone()),
                    Value::Number(n) => Some(n.to_string()),
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default()
}

fn one_id(body: &Value, key: &str) -> Result<String, (i64, String)> {
    match &body[key] {
        Value::String(s) if !s.is_empty() => Ok(s.clone()),
        Value::Number(n) => Ok(n.to_string()),
        _ => Err((
            40004,
            format!("parameter validation failed: {key} is required"),
        )),
    }
}

fn update(gl: &mut GeeLark, body: &Value, now: u64) -> Reply {
    let id = one_id(body, "id")?;
    let p = gl
        .phone(&id, now)
        .ok_or_else(|| (42001, "env not found".to_owned()))?;
    if let Some(name) = body["name"].as_str() {
        p.serial_name = name.to_owned();
    }
    if let Some(remark) = body["remark"].as_str() {
        p.remark = remark.to_owned();
    }
    // Tag ids are not modelled: every one given is reported unknown.
    let tags: Vec<Value> = body["tagIDs"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|t| t.as_str())
                .map(|t| json!({"code": 43022, "id": t, "msg": "tag not found"}))
                .collect()
        })
        .unwrap_or_default();
    Ok((!tags.is_empty()).then(|| json!({"failDetails": tags})))
}

fn screenshot(sh: &Shared, gl: &mut GeeLark, body: &Value, now: u64) -> Reply {
    let id = one_id(body, "id")?;
    let p = gl
        .phone(&id, now)
        .ok_or_else(|| (42001, "env not found".to_owned()))?;
    if p.status != 0 {
        return Err((42002, "env is not running".to_owned()));
    }
    let task = format!(
        "19{:017}",
        gl.screenshots.len() as u64 + gl.start_ms % 1_000_000
    );
    let ready = now + sh.config.job_duration.as_millis() as u64 / 2;
    let link = format!("{}/_sim/screenshots/{task}.png", lock(&sh.base_url));
    gl.screenshots.insert(task.clone(), (link, ready));
    Ok(Some(json!({"taskId": task})))
}

fn screenshot_result(gl: &GeeLark, body: &Value, now: u64) -> Reply {
    let task = one_id(body, "taskId")?;
    Ok(Some(match gl.screenshots.get(&task) {
        Some((link, ready)) if now >= *ready => json!({"status": 2, "downloadLink": link}),
        Some(_) => json!({"status": 1, "downloadLink": ""}),
        None => json!({"status": 0, "downloadLink": ""}),
    }))
}

fn gps_get(gl: &mut GeeLark, body: &Value, now: u64) -> Reply {
    let ids = id_list(body, "ids", 100)?;
    let mut list = Vec::new();
    let mut failed = Vec::new();
    for id in &ids {
        match gl.phone(id, now) {
            Some(p) => list.push(json!({"id": id, "latitude": p.gps.0, "longitude": p.gps.1})),
            None => failed.push(not_found(id)),
        }
    }
    let mut data = amounts(ids.len(), &failed);
    data["list"] = json!(list);
    data["failDetails"] = json!(failed);
    Ok(Some(data))
}

fn gps_set(gl: &mut GeeLark, body: &Value, now: u64) -> Reply {
    let list = body["list"]
        .as_array()
        .filter(|a| !a.is_empty())
        .ok_or_else(|| {
            (
                40004,
                "parameter validation failed: list is required".to_owned(),
            )
        })?;
    let mut failed = Vec::new();
    for item in list {
        let id = one_id(item, "id")?;
        let (Some(lat), Some(lon)) = (item["latitude"].as_f64(), item["longitude"].as_f64()) else {
            failed.push(fail(&id, 43012, "latitude or longitude out of range"));
            continue;
        };
        if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
            failed.push(fail(&id, 43012, "latitude or longitude out of range"));
            continue;
        }
        match gl.phone(&id, now) {
            Some(p) => p.gps = (lat, lon),
            None => failed.push(not_found(&id)),
        }
    }
    let mut data = amounts(list.len(), &failed);
    data["failDetails"] = json!(failed);
    Ok(Some(data))
}

fn adb_set(gl: &mut GeeLark, body: &Value, now: u64) -> Reply {
    let ids = id_list(body, "ids", 100)?;
    let open = body["open"].as_bool().ok_or_else(|| {
        (
            40004,
            "parameter validation failed: open is required".to_owned(),
        )
    })?;
    let mut failed = Vec::new();
    for id in &ids {
        match gl.phone(id, now) {
            Some(p) if p.status == 0 => p.adb = open,
            Some(_) => failed.push(fail(id, 42002, "env is not running")),
            None => failed.push(not_found(id)),
        }
    }
    Ok((!failed.is_empty()).then(|| {
        let mut d = amounts(ids.len(), &failed);
        d["failDetails"] = json!(failed);
        d
    }))
}

fn adb_get(gl: &mut GeeLark, body: &Value, now: u64) -> Reply {
    let ids = id_list(body, "ids", 100)?;
    let items: Vec<Value> = ids
        .iter()
        .enumerate()
        .map(|(i, id)| match gl.phone(id, now) {
            Some(p) if p.status == 0 && p.adb => json!({
                "code": 0, "id": id, "ip": "198.51.100.140",
                "port": (21000 + i).to_string(), "pwd": &p.imei[..6],
            }),
            Some(p) if p.status == 0 => {
                json!({"code": 49001, "id": id, "ip": "", "port": "", "pwd": ""})
            }
            Some(_) => json!({"code": 42002, "id": id, "ip": "", "port": "", "pwd": ""}),
            None => json!({"code": 42001, "id": id, "ip": "", "port": "", "pwd": ""}),
        })
        .collect();
    Ok(Some(json!({"items": items})))
}
