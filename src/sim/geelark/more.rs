//! The simulator's GeeLark tasks, shell, phone restart, callbacks, apps and
//! phone creation (`phone/addNew`): state beside the phones, routed from
//! `geelark::handle`.
//!
//! Tasks: twenty seeded on the first phones, one of each state in turn
//! (completed, failed with 20002, running, waiting an hour, cancelled);
//! a task's state follows the clock (waiting until `scheduleAt`, running for
//! its duration, then its outcome). Cancel and restart follow the documented
//! rules (48001 state forbids it, 48002 not found, 48000 after five
//! retries); a restarted task runs again and completes.

use std::collections::HashMap;

use serde_json::{Value, json};

use super::{GeeLark, Reply, fail, id_list, one_id, page};
use crate::sim::Shared;

/// The phone `id`, settled at `now`, or GeeLark's 42001.
fn live<'a>(
    gl: &'a mut GeeLark,
    id: &str,
    now: u64,
) -> Result<&'a mut super::Phone, (i64, String)> {
    gl.phone(id, now)
        .ok_or_else(|| (42001, "env not found".to_owned()))
}

/// An automation task.
pub(in crate::sim) struct Task {
    id: String,
    phone: usize,
    plan_name: String,
    task_type: i64,
    schedule_ms: u64,
    run_ms: u64,
    fails: bool,
    cancelled: bool,
    retries: u32,
}

impl Task {
    fn status(&self, now: u64) -> i64 {
        if self.cancelled {
            7
        } else if now < self.schedule_ms {
            1
        } else if now < self.schedule_ms + self.run_ms {
            2
        } else if self.fails {
            4
        } else {
            3
        }
    }

    fn record(&self, gl: &GeeLark, now: u64) -> Value {
        let p = &gl.phones[self.phone];
        let status = self.status(now);
        let mut v = json!({
            "id": self.id,
            "planName": self.plan_name,
            "taskType": self.task_type,
            "serialName": p.serial_name,
            "envId": p.id,
            "scheduleAt": self.schedule_ms / 1000,
            "status": status,
        });
        if matches!(status, 3 | 4) {
            v["cost"] = json!(self.run_ms / 1000);
        }
        if status == 4 {
            v["failCode"] = json!(20002);
            v["failDesc"] = json!("The machine is performing other tasks");
        }
        if status == 3 && self.task_type == 1 {
            v["shareLink"] = json!(format!("https://www.tiktok.com/@sim/video/{}", self.id));
        }
        v
    }

    /// The run's log lines, each with its time in ms.
    fn logs(&self, now: u64) -> Vec<(u64, String)> {
        let at = self.schedule_ms;
        let mut lines = vec![(at, "Waiting for execution".to_owned())];
        let status = self.status(now);
        if status == 1 || (self.cancelled && now < at) {
            return lines;
        }
        lines.push((at + 1_000, "Start TikTok".to_owned()));
        lines.push((at + 2_000, "Open the publish page".to_owned()));
        match status {
            3 => lines.push((at + self.run_ms, "Task completed".to_owned())),
            4 => lines.push((
                at + self.run_ms,
                "Failed: the machine is performing other tasks".to_owned(),
            )),
            7 => lines.push((at + 3_000, "Cancelled".to_owned())),
            _ => {}
        }
        lines
    }
}

/// Tasks, the callback URL, the installed apps and the saved proxies.
pub(in crate::sim) struct State {
    tasks: Vec<Task>,
    index: HashMap<String, usize>,
    callback: Option<String>,
    /// phone index → installed (package, version id, version name).
    apps: HashMap<usize, Vec<(String, String, String)>>,
    proxies: Vec<Proxy>,
    next_proxy: u64,
    labels: Labels,
    /// Proxy groups: (id, name).
    proxy_groups: Vec<(String, String)>,
    /// Imported flows: (id, JSON text).
    flows: Vec<(String, String)>,
    /// The phones' network blacklist.
    black_list: Vec<String>,
    /// phone index → its Xposed patch ids.
    patches: HashMap<usize, Vec<String>>,
}

/// A saved proxy; `bound` ones (the phones' proxy) cannot be deleted.
#[derive(Clone)]
struct Proxy {
    id: String,
    serial_no: u64,
    scheme: String,
    server: String,
    port: u64,
    username: String,
    password: String,
    bound: bool,
}

impl Proxy {
    fn record(&self) -> Value {
        json!({
            "id": self.id, "serialNo": self.serial_no, "scheme": self.scheme,
            "server": self.server, "port": self.port,
            "username": self.username, "password": self.password,
        })
    }
}

/// The app catalogue `app/install` takes version ids from.
const CATALOGUE: [(&str, &str, &str, &str); 3] = [
    (
        "com.zhiliaoapp.musically",
        "TikTok",
        "1901000000000000001",
        "34.1.2",
    ),
    (
        "com.instagram.android",
        "Instagram",
        "1901000000000000002",
        "310.0.0",
    ),
    (
        "com.google.android.youtube",
        "YouTube",
        "1901000000000000003",
        "19.20.34",
    ),
];

impl State {
    pub(in crate::sim) fn new(phones: usize, start_ms: u64, job_ms: u64) -> Self {
        let mut tasks = Vec::new();
        for i in 0..phones.min(20) {
            let (schedule_ms, run_ms, fails, cancelled) = match i % 5 {
                0 => (start_ms.saturating_sub(3_600_000), 300_000, false, false),
                1 => (start_ms.saturating_sub(3_600_000), 5_000, true, false),
                2 => (start_ms.saturating_sub(1_000), 3_600_000, false, false),
                3 => (start_ms + 3_600_000, job_ms.max(1), false, false),
                _ => (start_ms + 3_600_000, job_ms.max(1), false, true),
            };
            tasks.push(Task {
                id: format!("6188800000000000{:02}", i + 1),
                phone: i,
                plan_name: format!("sim-plan-{}", i % 5 + 1),
                task_type: [1, 2, 1, 3, 42][i % 5],
                schedule_ms,
                run_ms,
                fails,
                cancelled,
                retries: 0,
            });
        }
        let index = tasks
            .iter()
            .enumerate()
            .map(|(i, t)| (t.id.clone(), i))
            .collect();
        let proxy = |n: u64, scheme: &str, server: &str, port: u64, bound: bool| Proxy {
            id: format!("6012345678901234{n:02}"),
            serial_no: n,
            scheme: scheme.to_owned(),
            server: server.to_owned(),
            port,
            username: String::new(),
            password: String::new(),
            bound,
        };
        State {
            tasks,
            index,
            callback: None,
            apps: HashMap::new(),
            proxies: vec![
                proxy(1, "socks5", "198.51.100.10", 1080, true),
                proxy(2, "http", "198.51.100.11", 3128, false),
                proxy(3, "https", "198.51.100.12", 8443, false),
            ],
            next_proxy: 4,
            labels: Labels::new(),
            proxy_groups: Vec::new(),
            flows: vec![(
                "562316072435340001".to_owned(),
                r#"{"name":"Post video with caption","nodes":[]}"#.to_owned(),
            )],
            black_list: Vec::new(),
            patches: HashMap::new(),
        }
    }
}

fn task_list(gl: &GeeLark, picked: &[usize], total: usize, now: u64) -> Reply {
    let items: Vec<Value> = picked
        .iter()
        .map(|&i| gl.more.tasks[i].record(gl, now))
        .collect();
    Ok(Some(json!({"total": total, "items": items})))
}

/// `task/query`: the tasks found among `ids` (unknown ids are left out).
pub(super) fn query(gl: &mut GeeLark, body: &Value, now: u64) -> Reply {
    let ids = id_list(body, "ids", 100)?;
    let picked: Vec<usize> = ids
        .iter()
        .filter_map(|id| gl.more.index.get(id).copied())
        .collect();
    task_list(gl, &picked, picked.len(), now)
}

/// `task/historyRecords`: the last seven days in id order, `size` after
/// `lastId`.
pub(super) fn history(gl: &mut GeeLark, body: &Value, now: u64) -> Reply {
    let size = body["size"].as_u64().unwrap_or(10);
    if !(1..=100).contains(&size) {
        return Err((40004, "parameter validation failed: size".to_owned()));
    }
    let ids = if body.get("ids").is_some() {
        id_list(body, "ids", 100)?
    } else {
        Vec::new()
    };
    let week = now.saturating_sub(7 * 86_400_000);
    let matching: Vec<usize> = (0..gl.more.tasks.len())
        .filter(|&i| gl.more.tasks[i].schedule_ms >= week)
        .filter(|&i| ids.is_empty() || ids.contains(&gl.more.tasks[i].id))
        .collect();
    let start = match body["lastId"].as_str() {
        Some(last) => matching
            .iter()
            .position(|&i| gl.more.tasks[i].id == last)
            .map_or(matching.len(), |p| p + 1),
        None => 0,
    };
    let page: Vec<usize> = matching
        .iter()
        .skip(start)
        .take(size as usize)
        .copied()
        .collect();
    task_list(gl, &page, matching.len(), now)
}

/// `task/detail`: the task, its result image once completed, and its logs
/// two lines a page after `searchAfter`.
pub(super) fn detail(gl: &mut GeeLark, body: &Value, now: u64) -> Reply {
    let id = one_id(body, "id")?;
    let &i = gl
        .more
        .index
        .get(&id)
        .ok_or((48002, "task not found".to_owned()))?;
    let task = &gl.more.tasks[i];
    let after = body["searchAfter"][0].as_u64();
    let lines: Vec<(u64, String)> = task
        .logs(now)
        .into_iter()
        .filter(|(t, _)| after.is_none_or(|a| *t > a))
        .collect();
    let page: Vec<&(u64, String)> = lines.iter().take(2).collect();
    let mut v = task.record(gl, now);
    v["logs"] = json!(
        page.iter()
            .map(|(t, l)| format!("[{}] {l}", crate::sim::iso_time(*t)))
            .collect::<Vec<_>>()
    );
    v["searchAfter"] = json!(page.last().map(|(t, _)| vec![*t]).unwrap_or_default());
    v["logContinue"] = json!(lines.len() > page.len());
    v["resultImages"] = if task.status(now) == 3 {
        json!([format!(
            "https://material.example.com/sim/{}_done.jpg",
            task.id
        )])
    } else {
        json!([])
    };
    Ok(Some(v))
}

/// Cancel (`restart` false: waiting or running only) or restart (failed or
/// cancelled only, five times at most).
pub(super) fn cancel_or_restart(gl: &mut GeeLark, body: &Value, now: u64, restart: bool) -> Reply {
    let ids = id_list(body, "ids", 100)?;
    let mut failed = Vec::new();
    for id in &ids {
        let Some(&i) = gl.more.index.get(id) else {
            failed.push(fail(id, 48002, "task not found"));
            continue;
        };
        let t = &mut gl.more.tasks[i];
        let status = t.status(now);
        match (restart, status) {
            (false, 1 | 2) => t.cancelled = true,
            (true, 4 | 7) if t.retries >= 5 => {
                failed.push(fail(id, 48000, "the retry limit has been reached"));
            }
            (true, 4 | 7) => {
                t.retries += 1;
                t.cancelled = false;
                t.fails = false;
                t.schedule_ms = now;
                t.run_ms = t.run_ms.min(2_000);
            }
            _ => failed.push(fail(
                id,
                48001,
                "the current task status does not allow the operation",
            )),
        }
    }
    let mut data = super::amounts(ids.len(), &failed);
    if !failed.is_empty() {
        data["failDetails"] = json!(failed);
    }
    Ok(Some(data))
}

/// `shell/execute`: a running phone of a model with a shell (not Android
/// 11); `echo` echoes, `pm list packages` lists the installed apps.
pub(super) fn shell(gl: &mut GeeLark, body: &Value, now: u64) -> Reply {
    let id = one_id(body, "id")?;
    let cmd = body["cmd"].as_str().unwrap_or("").to_owned();
    if cmd.is_empty() {
        return Err((40004, "parameter validation failed: cmd".to_owned()));
    }
    let Some(i) = gl.index.get(&id).copied() else {
        return Err((42001, "env not found".to_owned()));
    };
    let Some(p) = gl.phone(&id, now) else {
        return Err((42001, "env not found".to_owned()));
    };
    if p.status != 0 {
        return Err((42002, "the cloud phone is not running".to_owned()));
    }
    if p.os == 11 {
        return Err((
            50001,
            "this model does not support shell commands".to_owned(),
        ));
    }
    let output = if let Some(text) = cmd.strip_prefix("echo ") {
        text.to_owned()
    } else if cmd.starts_with("pm list packages") {
        let filter = cmd.trim_start_matches("pm list packages").trim();
        gl.more
            .apps
            .get(&i)
            .into_iter()
            .flatten()
            .filter(|(pkg, _, _)| pkg.contains(filter))
            .map(|(pkg, _, _)| format!("package:{pkg}"))
            .collect::<Vec<_>>()
            .join("\n")
    } else {
        String::new()
    };
    Ok(Some(json!({"status": true, "output": output})))
}

/// `phone/restart`: a running phone not busy with a task goes through
/// starting (one job duration) to running.
pub(super) fn restart_phone(sh: &Shared, gl: &mut GeeLark, body: &Value, now: u64) -> Reply {
    let id = one_id(body, "id")?;
    let job_ms = sh.config.job_duration.as_millis() as u64;
    let Some(p) = gl.phone(&id, now) else {
        return Err((42001, "env not found".to_owned()));
    };
    if p.rpa {
        return Err((43005, "the cloud phone is running a task".to_owned()));
    }
    if p.status != 0 {
        return Err((42002, "the cloud phone is not running".to_owned()));
    }
    p.status = 1;
    p.next = Some((now + job_ms, 0));
    Ok(None)
}

/// `callback/set` and `callback/get` (51001 when none is set).
pub(super) fn callback(gl: &mut GeeLark, body: &Value, set: bool) -> Reply {
    if set {
        let url = body["url"]
            .as_str()
            .filter(|u| u.starts_with("http://") || u.starts_with("https://"))
            .ok_or((40004, "parameter validation failed: url".to_owned()))?;
        gl.more.callback = Some(url.to_owned());
        return Ok(None);
    }
    match &gl.more.callback {
        Some(url) => Ok(Some(json!({"url": url}))),
        None => Err((51001, "callback address not set".to_owned())),
    }
}

/// The callback URL set, for the event sender.
pub(super) fn callback_url(gl: &GeeLark) -> Option<String> {
    gl.more.callback.clone()
}

/// `app/list`: the apps installed on a phone, paged.
pub(super) fn app_list(gl: &mut GeeLark, body: &Value, now: u64) -> Reply {
    let id = one_id(body, "envId")?;
    let (_, skip, size) = page(body, 100)?;
    let i = *gl
        .index
        .get(&id)
        .ok_or((42001, "env not found".to_owned()))?;
    live(gl, &id, now)?;
    let apps = gl.more.apps.get(&i).cloned().unwrap_or_default();
    let items: Vec<Value> = apps
        .iter()
        .skip(skip)
        .take(size)
        .map(|(pkg, version_id, version)| {
            let name = CATALOGUE.iter().find(|c| c.0 == pkg).map_or("", |c| c.1);
            json!({
                "appId": format!("19000000000000000{}", pkg.len() % 10),
                "appName": name,
                "appIcon": "",
                "appVersionId": version_id,
                "packageName": pkg,
                "versionCode": "1",
                "versionName": version,
                "installStatus": 1,
                "installTime": "2026-12-01 08:00:00",
            })
        })
        .collect();
    Ok(Some(json!({
        "total": apps.len(),
        "page": body["page"].as_u64().unwrap_or(1),
        "pageSize": size,
        "items": items,
    })))
}

/// `app/install` (a version id of the catalogue, on a running phone;
/// 42003 when already installed) and `app/uninstall` (42005 when not
/// installed).
pub(super) fn app_change(gl: &mut GeeLark, body: &Value, now: u64, install: bool) -> Reply {
    let id = one_id(body, "envId")?;
    let i = *gl
        .index
        .get(&id)
        .ok_or((42001, "env not found".to_owned()))?;
    let p = gl
        .phone(&id, now)
        .ok_or((42001, "env not found".to_owned()))?;
    if p.status != 0 {
        return Err((42002, "the cloud phone is not running".to_owned()));
    }
    let apps = gl.more.apps.entry(i).or_default();
    if install {
        let version = body["appVersionId"].as_str().unwrap_or("");
        let Some(app) = CATALOGUE.iter().find(|c| c.2 == version) else {
            return Err((40005, "app version not found".to_owned()));
        };
        if apps.iter().any(|a| a.0 == app.0) {
            return Err((42003, "the app is already installed".to_owned()));
        }
        apps.push((app.0.to_owned(), app.2.to_owned(), app.3.to_owned()));
    } else {
        let pkg = body["packageName"].as_str().unwrap_or("");
        let before = apps.len();
        apps.retain(|a| a.0 != pkg);
        if apps.len() == before {
            return Err((42005, "the app is not installed".to_owned()));
        }
    }
    Ok(None)
}

/// The proxy an add or update item describes (id and number left unset).
fn proxy_fields(item: &Value) -> Result<Proxy, (i64, String)> {
    let scheme = item["scheme"].as_str().unwrap_or("");
    if !matches!(scheme, "socks5" | "http" | "https") {
        return Err((45003, "proxy type is invalid".to_owned()));
    }
    let server = item["server"].as_str().filter(|s| !s.is_empty());
    let port = item["port"].as_u64().filter(|p| (1..=65535).contains(p));
    let (Some(server), Some(port)) = (server, port) else {
        return Err((45004, "proxy server or port is invalid".to_owned()));
    };
    let text = |k: &str| item[k].as_str().unwrap_or("").to_owned();
    Ok(Proxy {
        id: String::new(),
        serial_no: 0,
        scheme: scheme.to_owned(),
        server: server.to_owned(),
        port,
        username: text("username"),
        password: text("password"),
        bound: false,
    })
}

fn proxy_list(body: &Value) -> Result<&Vec<Value>, (i64, String)> {
    body["list"]
        .as_array()
        .filter(|l| !l.is_empty() && l.len() <= 100)
        .ok_or((40004, "parameter validation failed: list".to_owned()))
}

/// `proxy/list`: paged, optionally by ids.
pub(super) fn proxies(gl: &mut GeeLark, body: &Value) -> Reply {
    let (_, skip, size) = page(body, 100)?;
    let ids = if body.get("ids").is_some() {
        id_list(body, "ids", 100)?
    } else {
        Vec::new()
    };
    let all: Vec<&Proxy> = gl
        .more
        .proxies
        .iter()
        .filter(|p| ids.is_empty() || ids.contains(&p.id))
        .collect();
    let list: Vec<Value> = all
        .iter()
        .skip(skip)
        .take(size)
        .map(|p| p.record())
        .collect();
    Ok(Some(json!({
        "total": all.len(), "page": body["page"].as_u64().unwrap_or(1),
        "pageSize": size, "list": list,
    })))
}

/// `proxy/add`: per position; a proxy already saved is 45007.
pub(super) fn add_proxies(gl: &mut GeeLark, body: &Value) -> Reply {
    let list = proxy_list(body)?.clone();
    let (mut ok, mut failed) = (Vec::new(), Vec::new());
    for (index, item) in list.iter().enumerate() {
        match proxy_fields(item) {
            Err((code, msg)) => failed.push(json!({"index": index, "code": code, "msg": msg})),
            Ok(new) => {
                let st = &mut gl.more;
                if st.proxies.iter().any(|p| {
                    p.scheme == new.scheme
                        && p.server == new.server
                        && p.port == new.port
                        && p.username == new.username
                }) {
                    failed.push(
                        json!({"index": index, "code": 45007, "msg": "proxy already exists"}),
                    );
                    continue;
                }
                let n = st.next_proxy;
                st.next_proxy += 1;
                let id = format!("6012345678901{n:05}");
                st.proxies.push(Proxy {
                    id: id.clone(),
                    serial_no: n,
                    ..new
                });
                ok.push(json!({"index": index, "id": id}));
            }
        }
    }
    let mut data = super::amounts(list.len(), &failed);
    data["successDetails"] = json!(ok);
    data["failDetails"] = json!(failed);
    Ok(Some(data))
}

/// `proxy/update`: per id (40005 unknown).
pub(super) fn update_proxies(gl: &mut GeeLark, body: &Value) -> Reply {
    let list = proxy_list(body)?.clone();
    let mut failed = Vec::new();
    for item in &list {
        let id = item["id"].as_str().unwrap_or("").to_owned();
        let Some(p) = gl.more.proxies.iter_mut().find(|p| p.id == id) else {
            failed.push(fail(&id, 40005, "proxy not found"));
            continue;
        };
        match proxy_fields(item) {
            Err((code, msg)) => failed.push(fail(&id, code, &msg)),
            Ok(new) => {
                *p = Proxy {
                    id: p.id.clone(),
                    serial_no: p.serial_no,
                    bound: p.bound,
                    ..new
                };
            }
        }
    }
    let mut data = super::amounts(list.len(), &failed);
    data["failDetails"] = json!(failed);
    Ok(Some(data))
}

/// `proxy/delete`: per id (40005 unknown, 40010 bound to a phone).
pub(super) fn delete_proxies(gl: &mut GeeLark, body: &Value) -> Reply {
    let ids = id_list(body, "ids", 100)?;
    let mut failed = Vec::new();
    for id in &ids {
        match gl.more.proxies.iter().position(|p| &p.id == id) {
            None => failed.push(fail(id, 40005, "proxy not found")),
            Some(i) if gl.more.proxies[i].bound => {
                failed.push(fail(id, 40010, "proxy binds to the environment"));
            }
            Some(i) => {
                gl.more.proxies.remove(i);
            }
        }
    }
    let mut data = super::amounts(ids.len(), &failed);
    data["failDetails"] = json!(failed);
    Ok(Some(data))
}

/// `proxy/check`: servers in 192.0.2.0/24 (TEST-NET-1) time out; others
/// work and leave from their own address.
pub(super) fn check_proxy(body: &Value) -> Reply {
    let server = body["server"].as_str().unwrap_or("");
    let kind = body["proxyType"]
        .as_str()
        .or(body["proxy_type"].as_str())
        .unwrap_or("");
    if server.is_empty() || body["port"].as_u64().is_none() || kind.is_empty() {
        return Err((40004, "parameter validation failed: proxy".to_owned()));
    }
    if server.starts_with("192.0.2.") {
        return Ok(Some(json!({
            "detectStatus": false, "message": "connect timeout", "outboundIP": "",
            "countryCode": "", "countryName": "", "subdivision": "", "city": "",
            "timezone": "", "isp": "",
        })));
    }
    Ok(Some(json!({
        "detectStatus": true, "message": "", "outboundIP": server,
        "countryCode": "SG", "countryName": "Singapore", "subdivision": "Singapore",
        "city": "Singapore", "timezone": "Asia/Singapore", "isp": "Simulated Broadband",
    })))
}

/// `app/installable/list` (per phone, with each version's install state)
/// and `app/shop/list`, over the catalogue.
pub(super) fn catalogue(gl: &mut GeeLark, body: &Value, now: u64, installable: bool) -> Reply {
    let (_, skip, size) = page(body, if installable { 100 } else { 200 })?;
    let installed: Vec<String> = if installable {
        let id = one_id(body, "envId")?;
        let i = *gl
            .index
            .get(&id)
            .ok_or((42001, "env not found".to_owned()))?;
        live(gl, &id, now)?;
        gl.more
            .apps
            .get(&i)
            .into_iter()
            .flatten()
            .map(|a| a.1.clone())
            .collect()
    } else {
        Vec::new()
    };
    let key = body[if installable { "name" } else { "key" }]
        .as_str()
        .unwrap_or("")
        .to_lowercase();
    let apps: Vec<Value> = CATALOGUE
        .iter()
        .enumerate()
        .filter(|(_, c)| c.1.to_lowercase().contains(&key))
        .map(|(n, (pkg, name, version_id, version))| {
            let mut v = json!({
                "id": format!("179355296212399000{}", n + 1),
                "appName": name,
                "appIcon": format!("https://material.example.com/app/icon/{n}.png"),
            });
            if installable {
                v["packageName"] = json!(pkg);
                let status = if installed.iter().any(|i| i == version_id) {
                    1
                } else {
                    9
                };
                v["appVersionInfoList"] = json!([{"id": version_id, "installStatus": status,
                    "versionCode": 100 + n, "versionName": version}]);
            } else {
                v["appVersionList"] =
                    json!([{"id": version_id, "versionCode": 100 + n, "versionName": version}]);
            }
            v
        })
        .collect();
    let total = apps.len();
    let items: Vec<Value> = apps.into_iter().skip(skip).take(size).collect();
    Ok(Some(json!({
        "items": items, "total": total,
        "page": body["page"].as_u64().unwrap_or(1), "pageSize": size,
    })))
}

/// `phone/addNew`: up to 100 profiles; each needs a `profileName` and a
/// proxy (a saved proxy's `proxyNumber`, a `proxyInformation` string or a
/// dynamic proxy); a new phone is stopped (2). Per-profile outcome by
/// index (44001: no proxy; 45005: unknown proxy number).
pub(super) fn add_new(sh: &Shared, gl: &mut GeeLark, body: &Value) -> Reply {
    let os: u8 = body["mobileType"]
        .as_str()
        .and_then(|m| m.strip_prefix("Android "))
        .and_then(|v| v.parse().ok())
        .filter(|v| (9..=16).contains(v))
        .ok_or((40004, "parameter validation failed: mobileType".to_owned()))?;
    let rows = body["data"]
        .as_array()
        .filter(|d| !d.is_empty() && d.len() <= 100)
        .ok_or((40004, "parameter validation failed: data".to_owned()))?
        .clone();
    let mut details = Vec::new();
    let mut failed = 0;
    for (index, row) in rows.iter().enumerate() {
        let name = row["profileName"].as_str().unwrap_or("");
        let proxy_ok = match row["proxyNumber"].as_u64() {
            Some(n) => gl.more.proxies.iter().any(|p| p.serial_no == n),
            None => {
                row["proxyInformation"]
                    .as_str()
                    .is_some_and(|s| s.contains("://"))
                    || row["dynamicProxy"].as_str().is_some()
            }
        };
        let (code, msg) = if name.is_empty() {
            (40004, "profileName is required")
        } else if row["proxyNumber"].is_u64() && !proxy_ok {
            (45005, "proxy not found")
        } else if !proxy_ok {
            (44001, "a proxy is required")
        } else {
            (0, "success")
        };
        if code != 0 {
            failed += 1;
            details.push(json!({"index": index, "code": code, "msg": msg}));
            continue;
        }
        let id = loop {
            let n = u64::from_str_radix(&sh.random_hex(15), 16).unwrap_or(0);
            let id = format!("6{:017}", n % 100_000_000_000_000_000);
            if !gl.index.contains_key(&id) {
                break id;
            }
        };
        let template = &gl.phones[0];
        let phone = super::Phone {
            id: id.clone(),
            serial_name: name.to_owned(),
            serial_no: (101 + gl.phones.len()).to_string(),
            status: 2,
            next: None,
            group: 0,
            remark: row["profileNote"].as_str().unwrap_or("").to_owned(),
            tags: Vec::new(),
            country: template.country,
            device: template.device,
            os,
            imei: format!("35{:013}", gl.phones.len()),
            charge_mode: body["chargeMode"].as_i64().unwrap_or(0),
            rpa: false,
            unavailable: false,
            gps: template.gps,
            adb: false,
            deleted: false,
        };
        let record = phone.record();
        gl.index.insert(id.clone(), gl.phones.len());
        gl.phones.push(phone);
        details.push(json!({
            "index": index, "code": 0, "msg": "success", "id": id, "profileName": name,
            "envSerialNo": record["serialNo"], "equipmentInfo": record["equipmentInfo"],
        }));
    }
    Ok(Some(json!({
        "totalAmount": rows.len(), "successAmount": rows.len() - failed,
        "failAmount": failed, "details": details,
    })))
}

/// `app/start` and `app/stop`: an installed app (by package or version id)
/// on a running phone (42005: not installed).
pub(super) fn app_run(gl: &mut GeeLark, body: &Value, now: u64) -> Reply {
    let id = one_id(body, "envId")?;
    let i = *gl
        .index
        .get(&id)
        .ok_or((42001, "env not found".to_owned()))?;
    let p = gl
        .phone(&id, now)
        .ok_or((42001, "env not found".to_owned()))?;
    if p.status != 0 {
        return Err((42002, "the cloud phone is not running".to_owned()));
    }
    let pkg = body["packageName"].as_str();
    let version = body["appVersionId"].as_str();
    if pkg.is_none() && version.is_none() {
        return Err((40004, "parameter validation failed: packageName".to_owned()));
    }
    let installed = gl.more.apps.get(&i).is_some_and(|apps| {
        apps.iter()
            .any(|a| Some(a.0.as_str()) == pkg || Some(a.1.as_str()) == version)
    });
    if !installed {
        return Err((42005, "the app is not installed".to_owned()));
    }
    Ok(None)
}

/// `upload/getUrl`: a presigned PUT URL (on the simulator itself) and the
/// resource URL the file will have.
pub(super) fn upload_url(sh: &Shared, body: &Value) -> Reply {
    let kind = body["fileType"]
        .as_str()
        .filter(|t| !t.is_empty() && t.len() <= 10);
    let kind = kind.ok_or((40004, "parameter validation failed: fileType".to_owned()))?;
    let name = sh.random_hex(16);
    let base = crate::sim::lock(&sh.base_url).clone();
    Ok(Some(json!({
        "uploadUrl": format!("{base}/_sim/upload/{name}.{kind}?Expires=1&OSSAccessKeyId=SIM&Signature=SIM"),
        "resourceUrl": format!("https://material.example.com/open-upload/{name}.{kind}"),
    })))
}

/// `phone/uploadFile` (a task id) and `phone/uploadFile/result` (done).
pub(super) fn upload_file(
    sh: &Shared,
    gl: &mut GeeLark,
    body: &Value,
    now: u64,
    result: bool,
) -> Reply {
    if result {
        one_id(body, "taskId")?;
        return Ok(Some(json!({"status": 2})));
    }
    let id = one_id(body, "id")?;
    let p = gl
        .phone(&id, now)
        .ok_or((42001, "env not found".to_owned()))?;
    if p.status != 0 {
        return Err((42002, "the cloud phone is not running".to_owned()));
    }
    body["fileUrl"]
        .as_str()
        .filter(|u| u.starts_with("http"))
        .ok_or((40004, "parameter validation failed: fileUrl".to_owned()))?;
    Ok(Some(
        json!({"taskId": format!("1850{}", &sh.random_hex(14).chars().filter(char::is_ascii_digit).collect::<String>())}),
    ))
}

/// `rpa/task/<creator>`: a documented creator, an existing phone; the task
/// waits until `scheduleAt` (a past time: now), runs one job duration and
/// completes.
pub(super) fn create_rpa(
    sh: &Shared,
    gl: &mut GeeLark,
    creator: &str,
    body: &Value,
    now: u64,
) -> Reply {
    if crate::geelark::rpa::creator(creator).is_none() {
        return Err((40005, "resource not found".to_owned()));
    }
    let id = one_id(body, "id")?;
    let phone = *gl
        .index
        .get(&id)
        .ok_or((42001, "env not found".to_owned()))?;
    live(gl, &id, now)?;
    let at = body["scheduleAt"]
        .as_u64()
        .ok_or((40004, "parameter validation failed: scheduleAt".to_owned()))?
        .saturating_mul(1000)
        .max(now);
    let st = &mut gl.more;
    let task_id = format!("61889{:013}", st.tasks.len() + 1);
    st.index.insert(task_id.clone(), st.tasks.len());
    st.tasks.push(Task {
        id: task_id.clone(),
        phone,
        plan_name: body["name"].as_str().unwrap_or(creator).to_owned(),
        task_type: 42,
        schedule_ms: at,
        run_ms: sh.config.job_duration.as_millis().max(1) as u64,
        fails: false,
        cancelled: false,
        retries: 0,
    });
    Ok(Some(json!({"taskId": task_id})))
}

/// A group (`remark`) or tag (`color`) of the simulated team.
#[derive(Clone)]
pub(in crate::sim) struct Label {
    id: String,
    name: String,
    extra: String,
}

/// The team's groups and tags, seeded with the phones' own.
pub(in crate::sim) struct Labels {
    groups: Vec<Label>,
    tags: Vec<Label>,
    next: u64,
}

impl Labels {
    pub(in crate::sim) fn new() -> Self {
        let label = |id: String, name: &str, extra: &str| Label {
            id,
            name: name.to_owned(),
            extra: extra.to_owned(),
        };
        Labels {
            groups: super::GROUPS
                .iter()
                .enumerate()
                .map(|(i, g)| label(format!("60555123456789012{i}"), g, ""))
                .collect(),
            tags: vec![
                label("607771234567890001".into(), "tiktok", "red"),
                label("607771234567890002".into(), "sg", "blue"),
            ],
            next: 10,
        }
    }
}

const COLORS: [&str; 6] = ["white", "red", "blue", "green", "yellow", "purple"];

/// `group/*` and `tag/*`: list (paged, with per-value misses), add (43031 /
/// 43021 the name exists, 43023 unknown colour), update and delete (43032 /
/// 43022 unknown id).
pub(super) fn labels(gl: &mut GeeLark, tags: bool, action: &str, body: &Value) -> Reply {
    let (extra_key, exists, missing) = if tags {
        ("color", 43021, 43022)
    } else {
        ("remark", 43031, 43032)
    };
    let st = &mut gl.more.labels;
    let next = &mut st.next;
    let list = if tags { &mut st.tags } else { &mut st.groups };
    let record = |l: &Label| json!({"id": l.id, "name": l.name, extra_key: l.extra});
    match action {
        "list" => {
            let (_, skip, size) = page(body, 100)?;
            let values = |k: &str| -> Vec<String> {
                body[k]
                    .as_array()
                    .map(|a| {
                        a.iter()
                            .filter_map(|v| v.as_str().map(str::to_owned))
                            .collect()
                    })
                    .unwrap_or_default()
            };
            let (ids, names, extras) = (
                values("ids"),
                values("names"),
                values(if tags { "colors" } else { "remarks" }),
            );
            let matching: Vec<&Label> = list
                .iter()
                .filter(|l| ids.is_empty() || ids.contains(&l.id))
                .filter(|l| names.is_empty() || names.contains(&l.name))
                .filter(|l| extras.is_empty() || extras.contains(&l.extra))
                .collect();
            let mut misses = Vec::new();
            for (kind, vals, get) in [
                (1, &ids, (|l: &Label| l.id.clone()) as fn(&Label) -> String),
                (2, &names, |l: &Label| l.name.clone()),
                (3, &extras, |l: &Label| l.extra.clone()),
            ] {
                for v in vals.iter().filter(|v| !list.iter().any(|l| &get(l) == *v)) {
                    misses.push(json!({"code": missing + kind, "type": kind, "param": v, "msg": "not found"}));
                }
            }
            let items: Vec<Value> = matching
                .iter()
                .skip(skip)
                .take(size)
                .map(|l| record(l))
                .collect();
            let mut data = json!({"total": matching.len(), "page": body["page"].as_u64().unwrap_or(1),
                                  "pageSize": size, "list": items});
            if !misses.is_empty() {
                data["failDetails"] = json!(misses);
            }
            Ok(Some(data))
        }
        "add" => {
            let items = body["list"]
                .as_array()
                .filter(|l| !l.is_empty() && l.len() <= 100)
                .ok_or((40004, "parameter validation failed: list".to_owned()))?
                .clone();
            let (mut ok, mut failed) = (Vec::new(), Vec::new());
            for item in &items {
                let name = item["name"].as_str().unwrap_or("").to_owned();
                let extra = item[extra_key]
                    .as_str()
                    .unwrap_or(if tags { "white" } else { "" })
                    .to_owned();
                if name.is_empty() || list.iter().any(|l| l.name == name) {
                    failed.push(json!({"code": exists, "name": name, "msg": "name exists"}));
                    continue;
                }
                if tags && !COLORS.contains(&extra.as_str()) {
                    failed.push(json!({"code": 43023, "name": name, "msg": "tag color not found"}));
                    continue;
                }
                *next += 1;
                let prefix = if tags {
                    "6077712345678"
                } else {
                    "6055512345678"
                };
                let label = Label {
                    id: format!("{prefix}{:05}", *next),
                    name,
                    extra,
                };
                ok.push(record(&label));
                list.push(label);
            }
            let mut data = super::amounts(items.len(), &failed);
            data["successDetails"] = json!(ok);
            data["failDetails"] = json!(failed);
            Ok(Some(data))
        }
        "update" => {
            let items = body["list"]
                .as_array()
                .filter(|l| !l.is_empty() && l.len() <= 100)
                .ok_or((40004, "parameter validation failed: list".to_owned()))?
                .clone();
            let mut failed = Vec::new();
            for item in &items {
                let id = item["id"].as_str().unwrap_or("");
                let Some(l) = list.iter_mut().find(|l| l.id == id) else {
                    failed.push(fail(id, missing, "not found"));
                    continue;
                };
                if let Some(n) = item["name"].as_str() {
                    l.name = n.to_owned();
                }
                if let Some(x) = item[extra_key].as_str() {
                    l.extra = x.to_owned();
                }
            }
            let mut data = super::amounts(items.len(), &failed);
            data["failDetails"] = json!(failed);
            Ok(Some(data))
        }
        _ => {
            let ids = id_list(body, "ids", 100)?;
            let mut failed = Vec::new();
            for id in &ids {
                match list.iter().position(|l| &l.id == id) {
                    Some(i) => {
                        list.remove(i);
                    }
                    None => failed.push(fail(id, missing, "not found")),
                }
            }
            let mut data = super::amounts(ids.len(), &failed);
            data["failDetails"] = json!(failed);
            Ok(Some(data))
        }
    }
}

/// `auth/status`, `pay/wallet`, `pay/plan/info`, `pay/profiles/list`,
/// `phone/brand/list`, `phone/serialNum/get`.
pub(super) fn account(gl: &mut GeeLark, path: &str, body: &Value, now: u64) -> Reply {
    match path {
        "auth/status" => Ok(None),
        "pay/wallet" => Ok(Some(
            json!({"balance": gl.library.balance, "giftMoney": 5.0,
                   "availableTimeAddOn": gl.library.time_add_on}),
        )),
        "pay/plan/info" => Ok(Some(json!({
            "plan": 1, "profiles": 100, "monthlyRental": 2, "parallels": 3,
            "expirationTime": now / 1000 + 30 * 86_400, "monthlyFee": 89.0,
            "availableProfiles": 100usize.saturating_sub(gl.phones.len()), "availableMonthlyRentals": 1,
        }))),
        "pay/profiles/list" => Ok(Some(json!([
            {"id": "497540679501610001", "price": 5, "level": 0, "envNum": 5, "freeTime": 60,
             "openEnvNumOneDay": 1000, "createEnvNumOneDay": 25},
            {"id": "512719311391940001", "price": 19, "level": 1, "envNum": 20, "freeTime": 60,
             "openEnvNumOneDay": 10000, "createEnvNumOneDay": 200},
        ]))),
        "phone/brand/list" => {
            let v = body["androidVer"]
                .as_u64()
                .filter(|v| (10..=16).contains(v))
                .ok_or((40004, "parameter validation failed: androidVer".to_owned()))?;
            let models: Vec<Value> = super::DEVICES
                .iter()
                .take(if v >= 13 { 4 } else { 2 })
                .map(|(b, m)| json!({"surfaceBrandName": b, "surfaceModelName": m}))
                .collect();
            Ok(Some(json!(models)))
        }
        _ => {
            let id = one_id(body, "id")?;
            let p = gl
                .phone(&id, now)
                .ok_or((42001, "env not found".to_owned()))?;
            Ok(Some(
                json!({"serialNum": format!("{:x}", p.imei.parse::<u64>().unwrap_or(7))}),
            ))
        }
    }
}

/// The phone tools: keybox upload and its result, SMS (52001 on Android
/// 10/11), network type, hide accessibility, move group, root, contacts
/// import and result, transfer (40013 unknown account; the phones leave
/// the team), one-click new identity (43005 busy with a task), app batch.
pub(super) fn phone_tools(
    sh: &Shared,
    gl: &mut GeeLark,
    path: &str,
    body: &Value,
    now: u64,
) -> Reply {
    let running = |gl: &mut GeeLark, id: &str| -> Result<u8, (i64, String)> {
        let p = gl
            .phone(id, now)
            .ok_or((42001, "env not found".to_owned()))?;
        if p.status != 0 {
            return Err((42002, "the cloud phone is not running".to_owned()));
        }
        Ok(p.os)
    };
    let per_phone = |gl: &mut GeeLark,
                     key: &str,
                     need_running: bool|
     -> Result<(usize, Vec<Value>), (i64, String)> {
        let ids = id_list(body, key, 100)?;
        let mut failed = Vec::new();
        for id in &ids {
            match gl.phone(id, now) {
                None => failed.push(fail(id, 42001, "env not found")),
                Some(p) if need_running && p.status != 0 => {
                    failed.push(fail(id, 42002, "phone is not running"));
                }
                Some(_) => {}
            }
        }
        Ok((ids.len(), failed))
    };
    let task = |sh: &Shared| json!({"taskId": format!("1912{}", u64::from_str_radix(&sh.random_hex(12), 16).unwrap_or(1) % 1_000_000_000_000_000)});
    match path {
        "phone/keyboxUpload" => {
            let id = one_id(body, "id")?;
            if !(12..=15).contains(&running(gl, &id)?) {
                return Err((43026, "the model does not support keybox upload".to_owned()));
            }
            body["fileUrl"]
                .as_str()
                .filter(|u| u.starts_with("http"))
                .ok_or((40004, "parameter validation failed: fileUrl".to_owned()))?;
            Ok(Some(task(sh)))
        }
        "phone/keyboxUpload/result" => {
            one_id(body, "taskId")?;
            Ok(Some(json!({"status": 1})))
        }
        "phone/sendSms" => {
            let id = one_id(body, "id")?;
            if running(gl, &id)? < 12 {
                return Err((52001, "this model does not support SMS".to_owned()));
            }
            if body["phoneNumber"].as_str().is_none_or(str::is_empty)
                || body["text"].as_str().is_none_or(str::is_empty)
            {
                return Err((
                    40004,
                    "parameter validation failed: phoneNumber or text".to_owned(),
                ));
            }
            Ok(Some(json!({})))
        }
        "phone/net/set" => {
            let id = one_id(body, "id")?;
            live(gl, &id, now)?;
            match body["netType"].as_i64() {
                Some(0 | 1) => Ok(None),
                _ => Err((40004, "parameter validation failed: netType".to_owned())),
            }
        }
        "phone/hideAccessibility" => {
            let (_, failed) = per_phone(gl, "ids", false)?;
            Ok(Some(json!({"failDetails": failed})))
        }
        "phone/moveGroup" => {
            let (_, failed) = per_phone(gl, "envIds", false)?;
            let group = one_id(body, "groupId")?;
            if group != "0" && !gl.more.labels.groups.iter().any(|g| g.id == group) {
                return Err((43032, "group not found".to_owned()));
            }
            if failed.is_empty() {
                Ok(None)
            } else {
                Err((42001, "env not found".to_owned()))
            }
        }
        "root/setStatus" => {
            let ids = id_list(body, "ids", 100)?;
            let items: Vec<Value> = ids
                .iter()
                .map(|id| match gl.phone(id, now) {
                    None => json!({"code": 42001, "msg": "env not found", "id": id}),
                    Some(p) if p.status != 0 => {
                        json!({"code": 42002, "msg": "phone is not running", "id": id})
                    }
                    Some(_) => json!({"code": 0, "msg": "success", "id": id}),
                })
                .collect();
            Ok(Some(json!({"items": items})))
        }
        "phone/importContacts" => {
            let id = one_id(body, "id")?;
            live(gl, &id, now)?;
            body["contacts"]
                .as_array()
                .filter(|c| !c.is_empty())
                .ok_or((40004, "parameter validation failed: contacts".to_owned()))?;
            Ok(Some(task(sh)))
        }
        "phone/importContactsResult" => {
            one_id(body, "taskId")?;
            Ok(Some(json!({"status": 2})))
        }
        "phone/transfer" => {
            let account = body["account"].as_str().unwrap_or("");
            if !account.contains('@') || account.starts_with("nobody@") {
                return Err((40013, "target account not found".to_owned()));
            }
            let ids = id_list(body, "ids", 200)?;
            let mut failed = Vec::new();
            for id in &ids {
                match gl.index.get(id).copied() {
                    Some(i) if !gl.phones[i].deleted && gl.phones[i].status == 2 => {
                        gl.phones[i].deleted = true;
                    }
                    _ => failed.push(id.clone()),
                }
            }
            Ok(Some(
                json!([{"successCount": ids.len() - failed.len(), "failCount": failed.len(), "failEnvIds": failed}]),
            ))
        }
        "phone/newOne" => {
            let id = one_id(body, "id")?;
            let p = gl
                .phone(&id, now)
                .ok_or((42001, "env not found".to_owned()))?;
            if p.rpa {
                return Err((43005, "the cloud phone is running a task".to_owned()));
            }
            if body["changeBrandModel"].as_bool().unwrap_or(true) {
                p.device = (p.device + 1) % super::DEVICES.len();
            }
            p.imei = format!(
                "35{:013}",
                u64::from_str_radix(&sh.random_hex(12), 16).unwrap_or(0) % 10_000_000_000_000
            );
            Ok(None)
        }
        _ => {
            // app/operation/batch over the running phones of the groups.
            let action = body["action"].as_i64().filter(|a| (1..=5).contains(a));
            let action = action.ok_or((40004, "parameter validation failed: action".to_owned()))?;
            let groups: Vec<String> = body["groupIds"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|v| v.as_str().map(str::to_owned))
                        .collect()
                })
                .unwrap_or_default();
            let pkg = body["packageName"].as_str().map(str::to_owned);
            let version = body["versionId"].as_str().map(str::to_owned);
            let mut items = Vec::new();
            for i in 0..gl.phones.len() {
                let p = &mut gl.phones[i];
                p.settle(now);
                let group_id = format!("60555123456789012{}", p.group);
                if p.deleted || p.status != 0 || !(groups.is_empty() || groups.contains(&group_id))
                {
                    continue;
                }
                let id = p.id.clone();
                let apps = gl.more.apps.entry(i).or_default();
                let installed = apps
                    .iter()
                    .any(|a| Some(&a.0) == pkg.as_ref() || Some(&a.1) == version.as_ref());
                match action {
                    4 => {
                        if let Some(app) =
                            CATALOGUE.iter().find(|c| Some(c.2) == version.as_deref())
                        {
                            if !installed {
                                apps.push((app.0.to_owned(), app.2.to_owned(), app.3.to_owned()));
                            }
                        }
                    }
                    5 if installed => apps
                        .retain(|a| Some(&a.0) != pkg.as_ref() && Some(&a.1) != version.as_ref()),
                    _ if !installed => items.push(json!({"id": id, "errCode": 2})),
                    _ => {}
                }
            }
            Ok(Some(json!({"items": items})))
        }
    }
}

/// `task/add` (a TikTok plan: one task per item, each waiting for its time
/// then running one job duration), `task/flow/list` (two flows) and
/// `task/rpa/add` (a task from a flow; 48002 unknown flow).
pub(super) fn plans(sh: &Shared, gl: &mut GeeLark, path: &str, body: &Value, now: u64) -> Reply {
    const FLOWS: [(&str, &str, &[&str]); 2] = [
        (
            "562316072435340001",
            "Post video with caption",
            &["Title", "Desc", "Video"],
        ),
        ("562316072435340002", "Like the first five posts", &[]),
    ];
    let run_ms = sh.config.job_duration.as_millis().max(1) as u64;
    let add = |gl: &mut GeeLark,
               env: &str,
               at: u64,
               plan: String,
               kind: i64|
     -> Result<String, (i64, String)> {
        let phone = *gl
            .index
            .get(env)
            .ok_or((42001, "env not found".to_owned()))?;
        gl.phone(env, now)
            .ok_or((42001, "env not found".to_owned()))?;
        let st = &mut gl.more;
        let id = format!("61889{:013}", st.tasks.len() + 1);
        st.index.insert(id.clone(), st.tasks.len());
        st.tasks.push(Task {
            id: id.clone(),
            phone,
            plan_name: plan,
            task_type: kind,
            schedule_ms: at.saturating_mul(1000).max(now),
            run_ms,
            fails: false,
            cancelled: false,
            retries: 0,
        });
        Ok(id)
    };
    match path {
        "task/add" => {
            let kind = body["taskType"].as_i64().filter(|k| (1..=3).contains(k));
            let kind = kind.ok_or((40004, "parameter validation failed: taskType".to_owned()))?;
            let items = body["list"]
                .as_array()
                .filter(|l| !l.is_empty() && l.len() <= 100)
                .ok_or((40004, "parameter validation failed: list".to_owned()))?
                .clone();
            let plan = body["planName"].as_str().unwrap_or("api-plan").to_owned();
            let mut ids = Vec::new();
            for item in &items {
                let env = item["envId"].as_str().unwrap_or("");
                ids.push(add(
                    gl,
                    env,
                    item["scheduleAt"].as_u64().unwrap_or(0),
                    plan.clone(),
                    kind,
                )?);
            }
            Ok(Some(json!({"taskIds": ids})))
        }
        "task/flow/list" => {
            let (_, skip, size) = page(body, 100)?;
            let items: Vec<Value> = FLOWS
                .iter()
                .skip(skip)
                .take(size)
                .map(|(id, title, params)| json!({"id": id, "title": title, "desc": "", "params": params}))
                .collect();
            Ok(Some(
                json!({"total": FLOWS.len(), "page": body["page"].as_u64().unwrap_or(1),
                           "pageSize": size, "items": items}),
            ))
        }
        _ => {
            let flow = one_id(body, "flowId")?;
            if !FLOWS.iter().any(|f| f.0 == flow) {
                return Err((48002, "flow not found".to_owned()));
            }
            let env = one_id(body, "id")?;
            let name = body["name"].as_str().unwrap_or("flow-task").to_owned();
            let id = add(gl, &env, body["scheduleAt"].as_u64().unwrap_or(0), name, 42)?;
            Ok(Some(json!({"taskId": id})))
        }
    }
}

/// Proxy groups, clones, team apps and flow files: `proxyGroup/*`
/// (45010 a name taken, 45009 no such group), `phone/clone` (copies of a
/// phone, stopped), `app/upload` and its status (done at once),
/// `app/teamApp/list` (the catalogue), `task/flow/import|export`.
pub(super) fn team(sh: &Shared, gl: &mut GeeLark, path: &str, body: &Value, now: u64) -> Reply {
    let st = &mut gl.more;
    match path {
        "proxyGroup/search" => {
            let (_, skip, size) = page(body, 100)?;
            let name = body["name"].as_str().unwrap_or("");
            let mut all = vec![("0".to_owned(), "Ungrouped".to_owned())];
            all.extend(st.proxy_groups.iter().cloned());
            let matching: Vec<Value> = all
                .iter()
                .filter(|(_, n)| n.contains(name))
                .map(|(id, n)| json!({"id": id, "name": n}))
                .collect();
            let list: Vec<Value> = matching.iter().skip(skip).take(size).cloned().collect();
            Ok(Some(
                json!({"total": matching.len(), "page": body["page"].as_u64().unwrap_or(1),
                           "pageSize": size, "list": list}),
            ))
        }
        "proxyGroup/add" | "proxyGroup/update" => {
            let name = body["name"]
                .as_str()
                .filter(|n| !n.is_empty() && n.chars().count() <= 50)
                .ok_or((45011, "proxy group name is invalid".to_owned()))?
                .to_owned();
            if st.proxy_groups.iter().any(|(_, n)| *n == name) {
                return Err((45010, "proxy group name already exists".to_owned()));
            }
            if path == "proxyGroup/add" {
                st.next_proxy += 1;
                let id = format!("6200012345678{:05}", st.next_proxy);
                st.proxy_groups.push((id.clone(), name));
                return Ok(Some(json!({"id": id})));
            }
            let id = one_id(body, "id")?;
            let g = st
                .proxy_groups
                .iter_mut()
                .find(|(i, _)| *i == id)
                .ok_or((45009, "proxy group not found".to_owned()))?;
            g.1 = name;
            Ok(None)
        }
        "proxyGroup/del" => {
            let ids = id_list(body, "ids", 100)?;
            let mut failed = Vec::new();
            for id in &ids {
                if id == "0" {
                    continue;
                }
                match st.proxy_groups.iter().position(|(i, _)| i == id) {
                    Some(p) => {
                        st.proxy_groups.remove(p);
                    }
                    None => failed.push(fail(id, 45009, "proxy group not found")),
                }
            }
            let mut data = super::amounts(ids.len(), &failed);
            data["failDetails"] = json!(failed);
            Ok(Some(data))
        }
        "phone/clone" => {
            let id = one_id(body, "envId")?;
            let amount = body["amount"].as_u64().unwrap_or(1);
            if !(1..=100).contains(&amount) {
                return Err((40004, "parameter validation failed: amount".to_owned()));
            }
            let source = *gl
                .index
                .get(&id)
                .ok_or((42001, "env not found".to_owned()))?;
            live(gl, &id, now)?;
            let mut ids = Vec::new();
            for n in 0..amount {
                let s = &gl.phones[source];
                let new_id = loop {
                    let k = u64::from_str_radix(&sh.random_hex(15), 16).unwrap_or(n)
                        % 100_000_000_000_000_000;
                    let candidate = format!("6{k:017}");
                    if !gl.index.contains_key(&candidate) {
                        break candidate;
                    }
                };
                let copy = super::Phone {
                    id: new_id.clone(),
                    serial_name: format!("{}-clone-{}", s.serial_name, n + 1),
                    serial_no: (101 + gl.phones.len()).to_string(),
                    status: 2,
                    next: None,
                    group: s.group,
                    remark: String::new(),
                    tags: Vec::new(),
                    country: s.country,
                    device: s.device,
                    os: s.os,
                    imei: format!("35{:013}", gl.phones.len()),
                    charge_mode: s.charge_mode,
                    rpa: false,
                    unavailable: false,
                    gps: s.gps,
                    adb: false,
                    deleted: false,
                };
                gl.index.insert(new_id.clone(), gl.phones.len());
                gl.phones.push(copy);
                ids.push(new_id);
            }
            Ok(Some(json!({"ids": ids})))
        }
        "app/upload" => {
            let url = body["fileUrl"].as_str().unwrap_or("");
            if !(url.starts_with("http") && (url.ends_with(".apk") || url.ends_with(".xapk"))) {
                return Err((40004, "parameter validation failed: fileUrl".to_owned()));
            }
            Ok(Some(
                json!({"taskId": format!("18309061446{:08}", st.next_proxy)}),
            ))
        }
        "app/upload/status" => {
            one_id(body, "taskId")?;
            Ok(Some(
                json!({"status": 1, "appName": "Uploaded App", "appIcon": "",
                           "appId": "1813124121385540001", "versionId": "1813124121435880001"}),
            ))
        }
        "app/teamApp/list" => {
            let (_, skip, size) = page(body, 200)?;
            let items: Vec<Value> = CATALOGUE
                .iter()
                .enumerate()
                .skip(skip)
                .take(size)
                .map(|(n, (_, name, version_id, version))| {
                    json!({"id": format!("49765275286477000{n}"), "appName": name, "appIcon": "",
                           "versionId": version_id, "versionCode": 100 + n, "versionName": version,
                           "status": 0, "isUpload": false, "uploadStatus": 1, "appAuth": 1,
                           "appRoot": 0, "envGroups": []})
                })
                .collect();
            Ok(Some(
                json!({"total": CATALOGUE.len(), "page": body["page"].as_u64().unwrap_or(1),
                           "pageSize": size, "items": items}),
            ))
        }
        "task/flow/import" => {
            let gal = body["gal"].as_str().unwrap_or("");
            if serde_json::from_str::<Value>(gal).is_err() {
                return Err((40004, "parameter validation failed: gal".to_owned()));
            }
            let id = match body["id"].as_str() {
                Some(id) if st.flows.iter().any(|(i, _)| i == id) => id.to_owned(),
                Some(_) => return Err((48002, "flow not found".to_owned())),
                None => format!("5623160724353400{:02}", 10 + st.flows.len()),
            };
            st.flows.retain(|(i, _)| *i != id);
            st.flows.push((id.clone(), gal.to_owned()));
            Ok(Some(json!({"id": id})))
        }
        _ => {
            let id = one_id(body, "id")?;
            let gal = st
                .flows
                .iter()
                .find(|(i, _)| *i == id)
                .map(|(_, g)| g.clone())
                .ok_or((48002, "flow not found".to_owned()))?;
            Ok(Some(json!({"gal": gal})))
        }
    }
}

/// Team app settings (`app/add|remove|auth/status|setAutoStart|
/// setKeepAlive|root|setHide|setStatus`: a known team-app id, or 40005;
/// keep-alive on needs the Pro plan, which the simulated team has) and the
/// network blacklist (`phone/netConfig/get|set`, at most three domains).
pub(super) fn team_apps(gl: &mut GeeLark, path: &str, body: &Value) -> Reply {
    let st = &mut gl.more;
    match path {
        "phone/netConfig/get" => Ok(Some(json!({"blackList": st.black_list}))),
        "phone/netConfig/set" => {
            let list: Vec<String> = body["blackList"]
                .as_array()
                .ok_or((40004, "parameter validation failed: blackList".to_owned()))?
                .iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect();
            if list.len() > 3 {
                return Err((
                    40004,
                    "parameter validation failed: at most 3 domains".to_owned(),
                ));
            }
            st.black_list = list;
            Ok(None)
        }
        "app/add" => {
            let version = one_id(body, "versionId")?;
            if !CATALOGUE.iter().any(|c| c.2 == version) {
                return Err((40005, "app version not found".to_owned()));
            }
            Ok(None)
        }
        _ => {
            let id = one_id(body, "id")?;
            let known = (0..CATALOGUE.len()).any(|n| format!("49765275286477000{n}") == id);
            if !known {
                return Err((40005, "team app not found".to_owned()));
            }
            let key = match path {
                "app/auth/status" => "appAuth",
                "app/setStatus" => "status",
                "app/remove" => return Ok(None),
                _ => "opera",
            };
            match body[key].as_i64() {
                Some(0 | 1) => Ok(None),
                _ => Err((40004, format!("parameter validation failed: {key}"))),
            }
        }
    }
}

/// Xposed patches (`phone/patch/*`: Android 12, 13, 15 or 53001; an
/// install lands at once) and the white label (`phone/customization`).
pub(super) fn patches(sh: &Shared, gl: &mut GeeLark, path: &str, body: &Value, now: u64) -> Reply {
    match path {
        "phone/customization" => Ok(None),
        "phone/patch/install/status" => match body["type"].as_i64() {
            Some(1 | 2) => Ok(Some(json!({"status": 1}))),
            _ => Err((40004, "parameter validation failed: type".to_owned())),
        },
        _ => {
            let id = one_id(body, "id")?;
            let i = *gl
                .index
                .get(&id)
                .ok_or((42001, "env not found".to_owned()))?;
            let os = live(gl, &id, now)?.os;
            if !matches!(os, 12 | 13 | 15) {
                return Err((53001, "this model does not support patches".to_owned()));
            }
            let list = gl.more.patches.entry(i).or_default();
            match path {
                "phone/patch/install" => {
                    body["apkURL"]
                        .as_str()
                        .filter(|u| u.starts_with("http"))
                        .ok_or((40004, "parameter validation failed: apkURL".to_owned()))?;
                    let patch = format!("19500000000000{:05}", list.len() + 101);
                    list.push(patch);
                    Ok(Some(
                        json!({"taskId": format!("195{}", &sh.random_hex(15).chars().filter(char::is_ascii_digit).collect::<String>())}),
                    ))
                }
                "phone/patch/list" => Ok(Some(json!({"list": list.iter().map(|p| json!({
                    "id": p, "version": "1.0.0", "description": "", "owner": "sim@example.com"
                })).collect::<Vec<_>>()}))),
                _ => {
                    let patch = one_id(body, "patchId")?;
                    let before = list.len();
                    list.retain(|p| *p != patch);
                    Ok(Some(json!({"status": i64::from(list.len() < before)})))
                }
            }
        }
    }
}
