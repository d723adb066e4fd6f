//! The simulator's images, server flavors and bandwidths, and the server
//! operations (restart servers or encode servers, rename a server).
//!
//! The images are the ones phones run: the public image every simulated
//! phone carries, a second public one, the project's own golden image and
//! one shared with it — so a reset `with_image` has ids to use.

use std::collections::HashMap;

use serde_json::{Value, json};

use super::{Huawei, Job, Query, Reply, Shared, bad, ids, page};
use crate::sim::iso_time;

/// `(image_id, name, is_public, image_type, status, os)`: public images
/// first, then the project's, then shared ones.
const IMAGES: [(&str, &str, i64, &str, i64, &str); 4] = [
    (
        "c0ae4b2c4c0e4a7e9b2a1f0d3e5c7a90",
        "Android 12 (public)",
        1,
        "public",
        1,
        "Android 12",
    ),
    (
        "4d1e2f3a4b5c6d7e8f90a1b2c3d4e5f6",
        "Android 10 (public)",
        1,
        "public",
        1,
        "Android 10",
    ),
    (
        "a1b2c3d4e5f60718293a4b5c6d7e8f90",
        "sim-golden",
        2,
        "private",
        1,
        "Android 12",
    ),
    (
        "f0e1d2c3b4a5968778695a4b3c2d1e0f",
        "shared-from-partner",
        2,
        "share",
        1,
        "Android 12",
    ),
];

/// Whether `id` is an image a phone can be restarted or reset onto.
pub(super) fn is_image(id: &str) -> bool {
    IMAGES.iter().any(|i| i.0 == id)
}

/// What the catalogue routes change: deleted custom images, image
/// members, the shared image's answer, bandwidth sizes, events.
pub(in crate::sim) struct State {
    deleted: std::collections::HashSet<String>,
    /// image id → (member project, shared at).
    members: HashMap<String, Vec<(String, u64)>>,
    /// The shared image: 0 pending, 1 accepted, 2 rejected.
    share_answer: i64,
    /// band_width_id → Mbit/s, once resized.
    sizes: HashMap<String, i64>,
    events: Vec<Event>,
    /// server id → shared app packages.
    apps: HashMap<String, std::collections::BTreeSet<String>>,
}

/// A maintenance event on a server.
struct Event {
    id: String,
    server: usize,
    state: &'static str,
    authorization: &'static str,
    not_before: String,
    publish_ms: u64,
}

impl State {
    /// Two pending maintenance events (on the first and the third server).
    pub(super) fn new(servers: usize, start_ms: u64) -> Self {
        let events = [0usize, 2]
            .into_iter()
            .filter(|&s| s < servers)
            .enumerate()
            .map(|(n, server)| Event {
                id: format!("4d0c2a1e-5b6f-4c8d-9e0f-{:012x}", n + 1),
                server,
                state: "inquiring",
                authorization: "",
                not_before: String::new(),
                publish_ms: start_ms.saturating_sub(86_400_000),
            })
            .collect();
        State {
            deleted: Default::default(),
            members: Default::default(),
            share_answer: 0,
            sizes: Default::default(),
            events,
            apps: Default::default(),
        }
    }
}

/// `GET …/phone-images`: marker paging (the marker is the last image id of
/// the page before).
pub(super) fn list_phone_images(hw: &Huawei, q: &Query) -> Reply {
    let kind = q.get("image_type").unwrap_or("");
    if !["", "public", "private", "share", "all"].contains(&kind) {
        return Err(bad("CPS.0001", "Parameter: image_type is invalid."));
    }
    let limit = limit(q, crate::huawei::images::MAX_PHONE_IMAGES_LIMIT)?;
    let chosen: Vec<_> = IMAGES
        .iter()
        .filter(|i| !hw.more.deleted.contains(i.0))
        .filter(|i| matches!(kind, "" | "all") || i.3 == kind)
        .collect();
    let start = after_marker(q, chosen.iter().map(|i| i.0))?;
    let page: Vec<Value> = chosen
        .iter()
        .skip(start)
        .take(limit)
        .map(|(id, name, public, kind, _, os)| {
            let mut v = json!({
                "image_name": name,
                "os_type": "Android",
                "is_public": public,
                "os_name": os,
                "image_label": "cloud_phone",
                "image_id": id,
                "is_support_encrypt": *kind != "share",
            });
            if *kind == "share" {
                v["receive_status"] = json!(hw.more.share_answer);
            }
            v
        })
        .collect();
    let more = start + page.len() < chosen.len();
    let next = if more {
        page.last().map(|v| v["image_id"].clone())
    } else {
        None
    };
    Ok(json!({"phone_images": page, "page_info": {"next_marker": next.unwrap_or(json!(""))}}))
}

/// `GET …/images`: the project's custom images (private and shared),
/// offset paging with a total, every documented filter.
pub(super) fn list_images(hw: &Huawei, q: &Query) -> Reply {
    let (offset, limit) = page(q, crate::huawei::images::MAX_IMAGES_LIMIT)?;
    let kind = q.get("image_type").filter(|k| !k.is_empty());
    if kind.is_some_and(|k| k != "private" && k != "share") {
        return Err(bad("CPS.0001", "Parameter: image_type is invalid."));
    }
    let status = match q.get("status") {
        None | Some("") => None,
        Some(s) => Some(
            s.parse::<i64>()
                .map_err(|_| bad("CPS.0001", "Parameter: status is invalid."))?,
        ),
    };
    let num = |k: &str| q.get(k).and_then(|v| v.parse::<u64>().ok());
    // Created a day apart, ending a day before the simulator's epoch.
    let created = |i: usize| 1_700_000_000_000 + i as u64 * 86_400_000;
    let matching: Vec<Value> = IMAGES
        .iter()
        .enumerate()
        .filter(|(_, i)| i.3 != "public" && !hw.more.deleted.contains(i.0))
        .filter(|(_, i)| kind.is_none_or(|k| i.3 == k))
        .filter(|(_, i)| status.is_none_or(|s| i.4 == s))
        .filter(|(_, i)| {
            q.get("image_id")
                .is_none_or(|id| id.is_empty() || i.0 == id)
        })
        .filter(|(_, i)| q.get("image_name").is_none_or(|n| i.1.contains(n)))
        .filter(|(n, _)| num("create_since").is_none_or(|t| created(*n) >= t))
        .filter(|(n, _)| num("create_until").is_none_or(|t| created(*n) <= t))
        .filter(|(_, i)| {
            q.get("src_project_id")
                .is_none_or(|p| p.is_empty() || (i.3 == "share" && p == PARTNER))
        })
        .map(|(n, (id, name, _, kind, status, _))| {
            json!({
                "domain_id": "0123456789abcdef0123456789abcdef",
                "image_name": name,
                "update_time": iso_time(created(n)),
                "create_time": iso_time(created(n)),
                "image_size": 8_589_934_592u64,
                "project_id": "",
                "image_id": id,
                "image_version": "1.0.0",
                "image_type": kind,
                "status": status,
                "src_project_id": if *kind == "share" { PARTNER } else { "" },
            })
        })
        .collect();
    let total = matching.len();
    let page: Vec<Value> = matching.into_iter().skip(offset).take(limit).collect();
    Ok(json!({"image_infos": page, "total": total}))
}

/// The project a shared image comes from.
const PARTNER: &str = "7f6e5d4c3b2a19080706050403020100";

/// `GET …/server-models`: the flavors the simulated servers use, marker
/// paging (the marker is a flavor name).
pub(super) fn list_server_models(q: &Query) -> Reply {
    let product = q.get("product_type").filter(|p| !p.is_empty());
    if product.is_some_and(|p| p != "0" && p != "1") {
        return Err(bad("CPS.0001", "Parameter: product_type is invalid."));
    }
    let limit = limit(q, crate::huawei::catalog::MAX_SERVER_MODELS_LIMIT)?;
    let specs = [(32, 131_072), (64, 262_144), (128, 524_288)];
    let models: Vec<(&str, (i64, i64))> = super::MODELS
        .iter()
        .copied()
        .zip(specs)
        .filter(|_| product.is_none_or(|p| p == "0"))
        .collect();
    let start = after_marker(q, models.iter().map(|m| m.0))?;
    let page: Vec<Value> = models
        .iter()
        .skip(start)
        .take(limit)
        .map(|(name, (cpu, memory))| {
            json!({
                "server_model_name": name,
                "server_type": "arm",
                "cpu": cpu,
                "memory": memory,
                "extend_spec": {
                    "cpu": format!("{cpu} cores"),
                    "memory": format!("{} GB", memory / 1024),
                    "disk": "2 x 3.2 TB NVMe",
                    "network_interface": "2 x 25GE",
                    "gpu": "",
                    "bms_flavor": format!("physical.{name}"),
                    "gpu_count": 0,
                    "numa_count": 2,
                    "os_volume": {"size": 500, "volume_type": "SSD"},
                },
                "disk_max_num": 4,
                "product_type": 0,
                "free_size": 100,
            })
        })
        .collect();
    let more = start + page.len() < models.len();
    let next = if more {
        page.last().map(|v| v["server_model_name"].clone())
    } else {
        None
    };
    Ok(json!({"server_models": page, "page_info": {"next_marker": next.unwrap_or(json!(""))}}))
}

/// `GET …/bandwidths`: one shared bandwidth per availability zone.
pub(super) fn list_bandwidths(hw: &Huawei, q: &Query) -> Reply {
    let (offset, limit) = page(q, crate::huawei::bandwidth::MAX_BANDWIDTHS_LIMIT)?;
    let mut zones: Vec<&str> = hw.servers.iter().map(|s| s.zone).collect();
    zones.sort_unstable();
    zones.dedup();
    let list: Vec<Value> = zones
        .iter()
        .enumerate()
        .skip(offset)
        .take(limit)
        .map(|(i, zone)| {
            json!({
                "band_width_name": format!("cph-bw-{zone}"),
                "band_width_id": format!("bw-{:028x}", i + 1),
                "band_width_size": bandwidth_size(hw, &format!("bw-{:028x}", i + 1)),
                "band_width_charge_mode": 0,
                "band_width_share_type": 1,
                "create_time": iso_time(1_700_000_000_000),
                "update_time": iso_time(1_700_000_000_000),
            })
        })
        .collect();
    Ok(json!({"band_widths": list}))
}

/// `POST …/servers/batch-restart`: a job per server; every phone of a
/// restarted server goes through `restarting` back to `running`.
pub(super) fn restart_servers(sh: &Shared, hw: &mut Huawei, body: &Value, now: u64) -> Reply {
    let ids = ids(body, "server_ids")?;
    if ids.len() > crate::huawei::server_admin::MAX_IDS {
        return Err(bad(
            "CPS.0001",
            "Parameter: server_ids is invalid (at most 100).",
        ));
    }
    let request_id = sh.request_id();
    let end = now + hw.job_ms;
    let mut jobs = Vec::new();
    for id in ids {
        let Some(&s) = hw.server_index.get(&id) else {
            jobs.push(json!({"server_id": id, "error_code": "CPS.0016", "error_msg": "server_id is invalid."}));
            continue;
        };
        for &p in &hw.servers[s].phones.clone() {
            let phone = &mut hw.phones[p];
            phone.settle(now);
            if phone.status == 2 {
                phone.status = 4;
                phone.update_ms = now;
                phone.next = Some((end, 2));
            }
        }
        let job_id = sh.random_hex(32);
        jobs.push(json!({"server_id": id, "job_id": job_id}));
        hw.add_job(Job {
            id: job_id,
            request_id: request_id.clone(),
            phone_id: None,
            server_id: Some(id),
            begin_ms: now,
            end_ms: end,
            failure: None,
            execute_msg: None,
        });
    }
    Ok(json!({"request_id": request_id, "jobs": jobs}))
}

/// `POST …/encode-servers/batch-restart`: a job per encode server (one per
/// server, id = the server's with its last character `e`).
pub(super) fn restart_encode_servers(
    sh: &Shared,
    hw: &mut Huawei,
    body: &Value,
    now: u64,
) -> Reply {
    let ids = ids(body, "encode_server_ids")?;
    if ids.len() > crate::huawei::server_admin::MAX_IDS {
        return Err(bad(
            "CPS.0001",
            "Parameter: encode_server_ids is invalid (at most 100).",
        ));
    }
    let request_id = sh.request_id();
    let mut jobs = Vec::new();
    for id in ids {
        let known = id.len() == 32
            && id.ends_with('e')
            && hw.servers.iter().any(|s| s.id[..31] == id[..31]);
        if !known {
            jobs.push(json!({"encode_server_id": id, "error_code": "CPS.0016", "error_msg": "encode_server_id is invalid."}));
            continue;
        }
        let job_id = sh.random_hex(32);
        jobs.push(json!({"encode_server_id": id, "job_id": job_id}));
        hw.add_job(Job {
            id: job_id,
            request_id: request_id.clone(),
            phone_id: None,
            server_id: None,
            begin_ms: now,
            end_ms: now + hw.job_ms,
            failure: None,
            execute_msg: None,
        });
    }
    Ok(json!({"request_id": request_id, "jobs": jobs}))
}

/// `PUT …/servers/{server_id}`: renames by the phone-name rules.
pub(super) fn rename_server(hw: &mut Huawei, id: &str, body: &Value) -> Reply {
    let name = body["server_name"]
        .as_str()
        .filter(|n| crate::huawei::phones::check_name_of("server_name", n).is_ok())
        .ok_or_else(|| bad("CPS.0001", "Parameter: server_name is invalid."))?;
    let &s = hw
        .server_index
        .get(id)
        .ok_or_else(|| bad("CPS.0016", "server_id is invalid."))?;
    hw.servers[s].name = name.to_owned();
    Ok(json!({}))
}

/// `limit` in 1..=`max` (default `max`).
fn limit(q: &Query, max: u32) -> Result<usize, super::CpsError> {
    match q.get("limit") {
        None | Some("") => Ok(max as usize),
        Some(l) => match l.parse::<u32>() {
            Ok(n) if (1..=max).contains(&n) => Ok(n as usize),
            _ => Err(bad("CPS.0002", "Parameter: limit is invalid.")),
        },
    }
}

/// Where a marker page starts: after the item named `marker`; a marker
/// naming nothing is the API's 400.
fn after_marker<'a>(
    q: &Query,
    names: impl Iterator<Item = &'a str>,
) -> Result<usize, super::CpsError> {
    match q.get("marker").filter(|m| !m.is_empty()) {
        None => Ok(0),
        Some(m) => names
            .enumerate()
            .find(|(_, n)| *n == m)
            .map(|(i, _)| i + 1)
            .ok_or_else(|| bad("CPS.0001", "Parameter: marker is invalid.")),
    }
}

/// The `cph-server` tag routes (after the project id): `Ok(None)` is the
/// API's 204 with no body.
pub(super) fn tags(
    hw: &mut Huawei,
    method: &str,
    tail: &[&str],
    body: &Value,
    q: &Query,
) -> Result<Option<Value>, super::CpsError> {
    match (method, tail) {
        ("GET", ["tags"]) => project_tags(hw, q).map(Some),
        ("POST", ["resource_instances", "action"]) => tagged(hw, body).map(Some),
        ("GET", [id, "tags"]) => {
            let s = server(hw, id)?;
            let tags: Vec<Value> = hw.servers[s]
                .tags
                .iter()
                .map(|(k, v)| json!({"key": k, "value": v}))
                .collect();
            Ok(Some(json!({"tags": tags})))
        }
        ("POST", [id, "tags", "action"]) => {
            let s = server(hw, id)?;
            let tags = body["tags"]
                .as_array()
                .filter(|t| !t.is_empty())
                .ok_or_else(|| bad("CPS.0001", "Parameter: tags is invalid."))?;
            let mut pairs = Vec::new();
            for t in tags {
                let (Some(k), v) = (t["key"].as_str(), t["value"].as_str().unwrap_or("")) else {
                    return Err(bad("CPS.0001", "Parameter: tags.key is invalid."));
                };
                if crate::huawei::tags::Tag::new(k, v).is_err() {
                    return Err(bad("CPS.0001", "Parameter: tags is invalid."));
                }
                pairs.push((k.to_owned(), v.to_owned()));
            }
            let map = &mut hw.servers[s].tags;
            match body["action"].as_str() {
                Some("create") => {
                    if map.len() + pairs.iter().filter(|(k, _)| !map.contains_key(k)).count()
                        > crate::huawei::tags::MAX_TAGS
                    {
                        return Err(bad("CPS.0001", "A resource has at most 20 tags."));
                    }
                    map.extend(pairs);
                }
                Some("delete") => {
                    for (k, v) in pairs {
                        if v.is_empty() || map.get(&k) == Some(&v) {
                            map.remove(&k);
                        }
                    }
                }
                _ => return Err(bad("CPS.0001", "Parameter: action is invalid.")),
            }
            Ok(None)
        }
        _ => Err((
            404,
            "APIGW.0101",
            "The API does not exist or has not been published in the environment.".into(),
        )),
    }
}

fn server(hw: &Huawei, id: &str) -> Result<usize, super::CpsError> {
    hw.server_index
        .get(id)
        .copied()
        .ok_or_else(|| (404, "CPS.0016", "server_id is invalid.".to_owned()))
}

/// `GET …/cph-server/tags`: every key with its values, offset paging.
fn project_tags(hw: &Huawei, q: &Query) -> Reply {
    let (offset, limit) = page(q, crate::huawei::tags::MAX_PROJECT_TAGS_LIMIT)?;
    let mut keys: std::collections::BTreeMap<&str, std::collections::BTreeSet<&str>> =
        Default::default();
    for s in &hw.servers {
        for (k, v) in &s.tags {
            keys.entry(k).or_default().insert(v);
        }
    }
    let total = keys.len();
    let tags: Vec<Value> = keys
        .iter()
        .skip(offset)
        .take(limit)
        .map(|(k, vs)| json!({"key": k, "values": vs.iter().collect::<Vec<_>>()}))
        .collect();
    Ok(json!({"tags": tags, "total_count": total}))
}

/// `POST …/cph-server/resource_instances/action`: `filter` or `count` by
/// tags (keys ANDed, values ORed), by exact name, or untagged.
fn tagged(hw: &Huawei, body: &Value) -> Reply {
    let count = match body["action"].as_str() {
        Some("filter") => false,
        Some("count") => true,
        _ => return Err(bad("CPS.0001", "Parameter: action is invalid.")),
    };
    let num = |k: &str, default: usize| -> Result<usize, super::CpsError> {
        match &body[k] {
            Value::Null => Ok(default),
            Value::String(s) => s
                .parse()
                .map_err(|_| bad("CPS.0001", format!("Parameter: {k} is invalid."))),
            _ => Err(bad("CPS.0001", format!("Parameter: {k} must be a string."))),
        }
    };
    let (offset, limit) = (num("offset", 0)?, num("limit", 1000)?);
    if limit == 0 || limit > 1000 {
        return Err(bad("CPS.0001", "Parameter: limit is invalid."));
    }
    let untagged = body["without_any_tag"].as_bool().unwrap_or(false);
    let wanted: Vec<(String, Vec<String>)> = body["tags"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|t| {
            let values = t["values"].as_array().into_iter().flatten();
            (
                t["key"].as_str().unwrap_or("").to_owned(),
                values
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect(),
            )
        })
        .collect();
    let name = body["matches"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|m| m["key"] == "resource_name")
        .and_then(|m| m["value"].as_str());
    let matching: Vec<&super::Server> = hw
        .servers
        .iter()
        .filter(|s| !untagged || s.tags.is_empty())
        .filter(|s| {
            wanted.iter().all(|(k, vs)| {
                s.tags
                    .get(k)
                    .is_some_and(|v| vs.is_empty() || vs.iter().any(|w| w == v))
            })
        })
        .filter(|s| name.is_none_or(|n| s.name == n))
        .collect();
    if count {
        return Ok(json!({"total_count": matching.len()}));
    }
    let resources: Vec<Value> = matching
        .iter()
        .skip(offset)
        .take(limit)
        .map(|s| {
            let tags: Vec<Value> = s.tags.iter().map(|(k, v)| json!({"key": k, "value": v})).collect();
            json!({"resource_id": s.id, "resource_name": s.name, "resource_detail": "", "tags": tags})
        })
        .collect();
    Ok(json!({"resources": resources, "total_count": matching.len()}))
}

/// The project's own (private) image `id`, not deleted.
fn own_image(hw: &Huawei, id: &str) -> Result<(), super::CpsError> {
    let own = IMAGES.iter().any(|i| i.0 == id && i.3 == "private");
    if !own || hw.more.deleted.contains(id) {
        return Err((404, "CPS.0017", "The image does not exist.".to_owned()));
    }
    Ok(())
}

/// `DELETE …/images/{id}`: a custom image of the project.
pub(super) fn delete_image(hw: &mut Huawei, id: &str) -> Reply {
    own_image(hw, id)?;
    hw.more.deleted.insert(id.to_owned());
    hw.more.members.remove(id);
    Ok(json!({}))
}

/// `POST …/images/{id}/members`: share with a project (at most 10).
pub(super) fn add_member(hw: &mut Huawei, id: &str, body: &Value, now: u64) -> Reply {
    own_image(hw, id)?;
    let member = body["member"]
        .as_str()
        .filter(|m| !m.is_empty())
        .ok_or_else(|| bad("CPS.0001", "Parameter: member is invalid."))?;
    let list = hw.more.members.entry(id.to_owned()).or_default();
    if list.iter().any(|(m, _)| m == member) {
        return Err(bad(
            "CPS.0001",
            "The image is already shared with this project.",
        ));
    }
    if list.len() >= crate::huawei::images::MAX_IMAGE_MEMBERS {
        return Err(bad(
            "CPS.0001",
            "An image can be shared with at most 10 projects.",
        ));
    }
    list.push((member.to_owned(), now));
    Ok(json!({}))
}

/// `GET …/images/{id}/members`: marker paging by member id.
pub(super) fn members(hw: &Huawei, id: &str, q: &Query) -> Reply {
    own_image(hw, id)?;
    let limit = limit(q, crate::huawei::images::MAX_IMAGE_MEMBERS_LIMIT)?;
    let all = hw.more.members.get(id).map(Vec::as_slice).unwrap_or(&[]);
    let start = after_marker(q, all.iter().map(|(m, _)| m.as_str()))?;
    let page: Vec<Value> = all
        .iter()
        .skip(start)
        .take(limit)
        .map(
            |(m, at)| json!({"member_id": m, "image_id": id, "create_time": at, "update_time": at}),
        )
        .collect();
    let more = start + page.len() < all.len();
    let next = if more {
        page.last().map(|v| v["member_id"].clone())
    } else {
        None
    };
    Ok(json!({"members": page, "page_info": {"next_marker": next.unwrap_or(json!(""))}}))
}

/// `PUT …/images/{id}/members`: accept or reject the image shared with us.
pub(super) fn answer_share(hw: &mut Huawei, id: &str, body: &Value) -> Reply {
    if !IMAGES.iter().any(|i| i.0 == id && i.3 == "share") {
        return Err((404, "CPS.0017", "The image does not exist.".to_owned()));
    }
    hw.more.share_answer = match body["status"].as_str() {
        Some("accepted") => 1,
        Some("rejected") => 2,
        _ => return Err(bad("CPS.0001", "Parameter: status is invalid.")),
    };
    Ok(json!({}))
}

/// `DELETE …/images/{id}/members/{member}`.
pub(super) fn remove_member(hw: &mut Huawei, id: &str, member: &str) -> Reply {
    own_image(hw, id)?;
    let list = hw.more.members.entry(id.to_owned()).or_default();
    let before = list.len();
    list.retain(|(m, _)| m != member);
    if list.len() == before {
        return Err((
            404,
            "CPS.0001",
            "The image is not shared with this project.".to_owned(),
        ));
    }
    Ok(json!({}))
}

/// `GET …/server-model-offerings`: every flavor in every zone, the last
/// flavor sold out in the last zone; marker `flavor@zone`.
pub(super) fn offerings(q: &Query) -> Reply {
    let limit = limit(q, crate::huawei::catalog::MAX_OFFERINGS_LIMIT)?;
    let all: Vec<(String, &str, &str)> = super::MODELS
        .iter()
        .flat_map(|m| {
            super::ZONES
                .iter()
                .map(move |z| (format!("{m}@{z}"), *m, *z))
        })
        .collect();
    let start = after_marker(q, all.iter().map(|(k, _, _)| k.as_str()))?;
    let last = (
        super::MODELS[super::MODELS.len() - 1],
        super::ZONES[super::ZONES.len() - 1],
    );
    let page: Vec<&(String, &str, &str)> = all.iter().skip(start).take(limit).collect();
    let models: Vec<Value> = page
        .iter()
        .map(|(_, m, z)| {
            let sold = (*m, *z) == last;
            json!({"available_zone": z, "model_name": m, "sell_status": if sold { "sellout" } else { "available" }})
        })
        .collect();
    let more = start + page.len() < all.len();
    let next = if more {
        page.last().map(|(k, _, _)| json!(k))
    } else {
        None
    };
    Ok(
        json!({"count": all.len(), "models": models, "page_info": {"next_marker": next.unwrap_or(json!(""))}}),
    )
}

/// `PUT …/bandwidths/{id}`: a new size by the documented steps.
pub(super) fn resize_bandwidth(hw: &mut Huawei, id: &str, body: &Value) -> Reply {
    let zones = hw
        .servers
        .iter()
        .map(|s| s.zone)
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    let known = (1..=zones).any(|i| format!("bw-{i:028x}") == id);
    if !known {
        return Err((404, "CPS.0001", "band_width_id is invalid.".to_owned()));
    }
    let size = body["band_width_size"].as_i64().unwrap_or(0);
    if crate::huawei::bandwidth::ResizeBandwidth::new(id, u32::try_from(size).unwrap_or(0)).is_err()
    {
        return Err(bad("CPS.0001", "Parameter: band_width_size is invalid."));
    }
    hw.more.sizes.insert(id.to_owned(), size);
    Ok(json!({}))
}

/// The size of bandwidth `id` (100 until resized).
pub(super) fn bandwidth_size(hw: &Huawei, id: &str) -> i64 {
    hw.more.sizes.get(id).copied().unwrap_or(100)
}

/// `PUT …/servers/open-access`: a job per server, the key pair changed.
pub(super) fn update_keypair(sh: &Shared, hw: &mut Huawei, body: &Value, now: u64) -> Reply {
    let entries = body["servers"]
        .as_array()
        .filter(|a| !a.is_empty() && a.len() <= crate::huawei::server_admin::MAX_IDS)
        .ok_or_else(|| bad("CPS.0001", "Parameter: servers is invalid."))?;
    let request_id = sh.request_id();
    let mut jobs = Vec::new();
    for e in entries {
        let id = e["server_id"].as_str().unwrap_or("").to_owned();
        let Some(kp) = e["keypair_name"].as_str().filter(|k| !k.is_empty()) else {
            return Err(bad("CPS.0001", "Parameter: keypair_name is invalid."));
        };
        let Some(&s) = hw.server_index.get(&id) else {
            jobs.push(json!({"server_id": id, "error_code": "CPS.0016", "error_msg": "server_id is invalid."}));
            continue;
        };
        hw.servers[s].keypair = kp.to_owned();
        let job_id = sh.random_hex(32);
        jobs.push(json!({"server_id": id, "job_id": job_id}));
        hw.add_job(Job {
            id: job_id,
            request_id: request_id.clone(),
            phone_id: None,
            server_id: Some(id),
            begin_ms: now,
            end_ms: now + hw.job_ms,
            failure: None,
            execute_msg: None,
        });
    }
    Ok(json!({"request_id": request_id, "jobs": jobs}))
}

/// `GET …/scheduled-events`: marker paging by event id, the documented
/// filters (`state` and `type` may repeat).
pub(super) fn events(hw: &Huawei, q: &Query) -> Reply {
    let limit = limit(q, crate::huawei::events::MAX_EVENTS_LIMIT)?;
    let states: Vec<&str> = q.all("state");
    let types: Vec<&str> = q.all("type");
    let matching: Vec<&Event> = hw
        .more
        .events
        .iter()
        .filter(|e| q.get("event_id").is_none_or(|id| e.id == id))
        .filter(|e| {
            q.get("server_id")
                .is_none_or(|id| hw.servers[e.server].id == id)
        })
        .filter(|e| states.is_empty() || states.contains(&e.state))
        .filter(|_| types.is_empty() || types.contains(&"system_maintenance"))
        .collect();
    let start = after_marker(q, matching.iter().map(|e| e.id.as_str()))?;
    let page: Vec<Value> = matching
        .iter()
        .skip(start)
        .take(limit)
        .map(|e| {
            let s = &hw.servers[e.server];
            json!({
                "event_id": e.id,
                "server_id": s.id,
                "server_name": s.name,
                "server_model_name": super::MODELS[s.model],
                "server_state": 5,
                "type": "system_maintenance",
                "authorization_type": e.authorization,
                "state": e.state,
                "publish_time": iso_time(e.publish_ms),
                "start_time": "",
                "finish_time": "",
                "not_before": e.not_before,
                "not_after": iso_time(e.publish_ms + 20 * 86_400_000),
                "not_before_deadline": iso_time(e.publish_ms + 18 * 86_400_000),
                "description": "Host hardware maintenance.",
            })
        })
        .collect();
    let more = start + page.len() < matching.len();
    let next = if more {
        page.last().map(|v| v["event_id"].clone())
    } else {
        None
    };
    Ok(
        json!({"count": matching.len(), "scheduled_events": page, "page_info": {"next_marker": next.unwrap_or(json!(""))}}),
    )
}

fn event(hw: &mut Huawei, id: &str) -> Result<usize, super::CpsError> {
    hw.more
        .events
        .iter()
        .position(|e| e.id == id)
        .ok_or_else(|| {
            (
                404,
                "CPS.0001",
                "The scheduled event does not exist.".to_owned(),
            )
        })
}

/// A `not_before` at least five minutes ahead, or the API's 400.
fn notice(text: &str, now: u64) -> Result<(), super::CpsError> {
    match crate::time::parse_rfc3339_ms("not_before", text) {
        Ok(at) if at >= now + crate::huawei::events::MIN_NOTICE_MS => Ok(()),
        _ => Err(bad("CPS.0001", "Parameter: not_before is invalid.")),
    }
}

/// `POST …/scheduled-events/{id}/authorize`.
pub(super) fn authorize(hw: &mut Huawei, id: &str, body: &Value, now: u64) -> Reply {
    let i = event(hw, id)?;
    let kind = match body["authorization_type"].as_str() {
        Some("maintenance") => "maintenance",
        Some("redeploy") => "redeploy",
        _ => return Err(bad("CPS.0001", "Parameter: authorization_type is invalid.")),
    };
    let not_before = body["not_before"].as_str().unwrap_or("");
    if kind == "maintenance" && !not_before.is_empty() {
        notice(not_before, now)?;
    }
    let e = &mut hw.more.events[i];
    e.authorization = kind;
    e.state = "scheduled";
    e.not_before = if not_before.is_empty() {
        iso_time(now)
    } else {
        not_before.to_owned()
    };
    Ok(json!({}))
}

/// `PUT …/scheduled-events/{id}`: a new `not_before`.
pub(super) fn reschedule(hw: &mut Huawei, id: &str, body: &Value, now: u64) -> Reply {
    let i = event(hw, id)?;
    let not_before = body["not_before"].as_str().unwrap_or("");
    notice(not_before, now)?;
    hw.more.events[i].not_before = not_before.to_owned();
    Ok(json!({}))
}

/// A job per item of a server or phone operation: `known` says whether an
/// id exists; each job ends after the simulator's job time.
fn jobs_for(
    sh: &Shared,
    hw: &mut Huawei,
    ids: Vec<String>,
    key: &str,
    known: impl Fn(&Huawei, &str) -> bool,
    now: u64,
) -> Reply {
    let request_id = sh.request_id();
    let mut jobs = Vec::new();
    for id in ids {
        if !known(hw, &id) {
            let code = if key == "phone_id" {
                "CPS.0005"
            } else {
                "CPS.0016"
            };
            jobs.push(
                json!({key: id, "error_code": code, "error_msg": format!("{key} is invalid.")}),
            );
            continue;
        }
        let job_id = sh.random_hex(32);
        jobs.push(json!({key: id, "job_id": job_id}));
        let phone = key == "phone_id";
        hw.add_job(Job {
            id: job_id,
            request_id: request_id.clone(),
            phone_id: phone.then(|| id.clone()),
            server_id: (!phone).then_some(id),
            begin_ms: now,
            end_ms: now + hw.job_ms,
            failure: None,
            execute_msg: None,
        });
    }
    Ok(json!({"request_id": request_id, "jobs": jobs}))
}

fn is_phone(hw: &Huawei, id: &str) -> bool {
    hw.index.contains_key(id)
}

fn is_server(hw: &Huawei, id: &str) -> bool {
    hw.server_index.contains_key(id)
}

/// The phone ids under `list[].phone_id` (1 to 100).
fn entry_ids(body: &Value, list: &str) -> Result<Vec<String>, super::CpsError> {
    let entries = body[list]
        .as_array()
        .filter(|a| !a.is_empty() && a.len() <= 100)
        .ok_or_else(|| bad("CPS.0001", format!("Parameter: {list} is invalid.")))?;
    entries
        .iter()
        .map(|e| {
            e["phone_id"]
                .as_str()
                .map(str::to_owned)
                .ok_or_else(|| bad("CPS.0001", "Parameter: phone_id is invalid."))
        })
        .collect()
}

/// `POST …/phones/batch-storage` and `batch-restore`: a job per phone.
pub(super) fn backup(sh: &Shared, hw: &mut Huawei, body: &Value, now: u64, restore: bool) -> Reply {
    let list = if restore {
        "restore_infos"
    } else {
        "storage_infos"
    };
    for e in body[list].as_array().into_iter().flatten() {
        if crate::huawei::phone_data::ObsObject::new(
            e["bucket_name"].as_str().unwrap_or(""),
            e["object_path"].as_str().unwrap_or(""),
        )
        .is_err()
        {
            return Err(bad(
                "CPS.0001",
                "Parameter: bucket_name or object_path is invalid.",
            ));
        }
    }
    let ids = entry_ids(body, list)?;
    jobs_for(sh, hw, ids, "phone_id", is_phone, now)
}

/// `POST …/phones/expand-volume`: the data disk only grows (32 GiB now).
pub(super) fn expand(sh: &Shared, hw: &mut Huawei, body: &Value, now: u64) -> Reply {
    for e in body["phones"].as_array().into_iter().flatten() {
        let size = e["new_size"].as_u64().unwrap_or(0);
        if !(32..=u64::from(crate::huawei::phone_data::MAX_VOLUME_GIB)).contains(&size) {
            return Err(bad(
                "CPS.0001",
                "Parameter: new_size must not be smaller than the current size.",
            ));
        }
    }
    let ids = entry_ids(body, "phones")?;
    jobs_for(sh, hw, ids, "phone_id", is_phone, now)
}

/// `POST …/phones-traffic`.
pub(super) fn traffic(sh: &Shared, hw: &mut Huawei, body: &Value, now: u64) -> Reply {
    if !matches!(body["traffic_type"].as_str(), Some("direct" | "routing")) {
        return Err(bad("CPS.0001", "Parameter: traffic_type is invalid."));
    }
    let ids = ids(body, "phone_ids")?;
    jobs_for(sh, hw, ids, "phone_id", is_phone, now)
}

/// The server ids of a body (1 to `max`).
fn server_ids(body: &Value, max: usize) -> Result<Vec<String>, super::CpsError> {
    let ids = ids(body, "server_ids")?;
    if ids.len() > max {
        return Err(bad(
            "CPS.0001",
            format!("Parameter: server_ids: at most {max}."),
        ));
    }
    Ok(ids)
}

/// `POST` and `DELETE …/phones/share-apps`: the snapshot of each server
/// gains or loses the package.
pub(super) fn share_apps(
    sh: &Shared,
    hw: &mut Huawei,
    body: &Value,
    now: u64,
    push: bool,
) -> Reply {
    let package = body["package_name"].as_str().unwrap_or("").to_owned();
    if crate::huawei::sharing::DeleteShareApps::new(package.clone(), ["s"]).is_err() {
        return Err(bad("CPS.0001", "Parameter: package_name is invalid."));
    }
    let ids = server_ids(body, if push { 20 } else { 100 })?;
    let known: Vec<String> = ids.iter().filter(|id| is_server(hw, id)).cloned().collect();
    for id in known {
        let apps = hw.more.apps.entry(id).or_default();
        if push {
            apps.insert(package.clone());
        } else {
            apps.remove(&package);
        }
    }
    jobs_for(sh, hw, ids, "server_id", is_server, now)
}

/// `GET /v1/{project}/servers/{id}/share-apps-snapshot`: marker paging by
/// package name.
pub(super) fn share_apps_snapshot(hw: &Huawei, id: &str, q: &Query) -> Reply {
    if !is_server(hw, id) {
        return Err((404, "CPS.0016", "server_id is invalid.".to_owned()));
    }
    let limit = limit(q, crate::huawei::sharing::MAX_SNAPSHOT_LIMIT)?;
    let apps: Vec<&String> = hw
        .more
        .apps
        .get(id)
        .into_iter()
        .flatten()
        .filter(|p| {
            q.get("package_name")
                .is_none_or(|want| want.is_empty() || *p == want)
        })
        .collect();
    let start = after_marker(q, apps.iter().map(|p| p.as_str()))?;
    let page: Vec<Value> = apps
        .iter()
        .skip(start)
        .take(limit)
        .map(|p| json!({"package_name": p, "versions": ["1.0.0"]}))
        .collect();
    let more = start + page.len() < apps.len();
    let next = if more {
        page.last().map(|v| v["package_name"].clone())
    } else {
        None
    };
    Ok(json!({
        "collect_time": iso_time(crate::sim::now_ms()),
        "share_apps": page,
        "page_info": {"next_marker": next.unwrap_or(json!(""))},
    }))
}

/// `POST …/phones/share-files`: a push (`bucket_name`) or a delete
/// (`file_paths`), a job per server either way.
pub(super) fn share_files(sh: &Shared, hw: &mut Huawei, body: &Value, now: u64) -> Reply {
    if body.get("file_paths").is_none() && body["bucket_name"].as_str().is_none() {
        return Err(bad(
            "CPS.0001",
            "Parameter: bucket_name or file_paths is required.",
        ));
    }
    let ids = server_ids(body, 100)?;
    jobs_for(sh, hw, ids, "server_id", is_server, now)
}

/// `GET …/servers/share-files`: a job per server (the listing is the
/// job's business).
pub(super) fn list_share_files(sh: &Shared, hw: &mut Huawei, q: &Query, now: u64) -> Reply {
    let path = q.get("path").unwrap_or("");
    if !path.starts_with('/') || path == "/" || path.contains("//") || path.contains("../") {
        return Err(bad("CPS.0001", "Parameter: path is invalid."));
    }
    let ids: Vec<String> = q
        .get("server_ids")
        .unwrap_or("")
        .split(',')
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect();
    if ids.is_empty() {
        return Err(bad("CPS.0001", "Parameter: server_ids is required."));
    }
    jobs_for(sh, hw, ids, "server_id", is_server, now)
}

/// `POST /v1/{project}/servers/attach-share-filesystem` and `detach-…`.
pub(super) fn filesystem(sh: &Shared, hw: &mut Huawei, body: &Value, now: u64) -> Reply {
    if body["type"] != "sfs_turbo" || body["id"].as_str().is_none_or(str::is_empty) {
        return Err(bad("CPS.0001", "Parameter: type or id is invalid."));
    }
    let ids = server_ids(body, crate::huawei::sharing::MAX_SERVERS)?;
    jobs_for(sh, hw, ids, "server_id", is_server, now)
}

/// `DELETE /v2/{project}/cloud-phone/servers`: at most 10 servers, one job;
/// the servers and their phones are gone once it finished (here: at once).
pub(super) fn delete_servers(sh: &Shared, hw: &mut Huawei, body: &Value, now: u64) -> Reply {
    let ids = server_ids(body, crate::huawei::server_admin::MAX_DELETE_IDS)?;
    if let Some(unknown) = ids.iter().find(|id| !is_server(hw, id)) {
        return Err(bad("CPS.0016", format!("server_id {unknown} is invalid.")));
    }
    let request_id = sh.request_id();
    let job_id = sh.random_hex(32);
    hw.add_job(Job {
        id: job_id.clone(),
        request_id: request_id.clone(),
        phone_id: None,
        server_id: ids.first().cloned(),
        begin_ms: now,
        end_ms: now + hw.job_ms,
        failure: None,
        execute_msg: None,
    });
    hw.remove_servers(&ids);
    Ok(json!({"request_id": request_id, "job_id": job_id}))
}

/// `POST …/servers/change-server-model`: an order, the flavors checked
/// against the catalogue (the phone flavor must be the server flavor's).
pub(super) fn change_server_model(sh: &Shared, hw: &mut Huawei, body: &Value) -> Reply {
    let id = body["server_id"].as_str().unwrap_or("");
    let &s = hw
        .server_index
        .get(id)
        .ok_or_else(|| bad("CPS.0016", "server_id is invalid."))?;
    let model = body["server_model_name"].as_str().unwrap_or("");
    let phone = body["phone_model_name"].as_str().unwrap_or("");
    let Some(m) = super::MODELS.iter().position(|x| *x == model) else {
        return Err(bad("CPS.0001", "Parameter: server_model_name is invalid."));
    };
    if super::PHONE_MODELS[m] != phone {
        return Err(bad(
            "CPS.0001",
            "Parameter: phone_model_name does not fit the server flavor.",
        ));
    }
    hw.servers[s].model = m;
    Ok(
        json!({"order_id": format!("CS{}", sh.random_hex(14).to_uppercase()), "product_id": "00301-sim"}),
    )
}
