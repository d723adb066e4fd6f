//! The simulator's GeeLark material library, analytics, billing actions and
//! team brands: state beside the phones, routed from `geelark::handle`.
//!
//! - Materials are made only from this simulator's upload URLs (60001
//!   otherwise), from image or video files (60004 otherwise); tags that do
//!   not exist are refused per tag (43022). Deleting a tag takes it off
//!   every material.
//! - Analytics: accounts per channel (0, 1, 2, 4), at most
//!   [`ACCOUNT_LIMIT`] (bizCode 1 beyond), repeats counted; each account
//!   has one day of figures (`-1` where not collected yet).
//! - Billing: the wallet holds a balance that renewals, upgrades and time
//!   add-ons spend (41001 when short); the plan cannot go down (41002); a
//!   promo code other than `SIM-PROMO` is 41003. Recharges open an order
//!   that is never paid. Transactions: 240 charges over the last three days
//!   on the first phones, newest first, paged by `lastFlowId`.

use serde_json::{Value, json};

use super::{GeeLark, Reply, fail, id_list, one_id, page, str_list};
use crate::sim::Shared;

/// Most analytics accounts the simulated plan watches.
pub(super) const ACCOUNT_LIMIT: usize = 50;
/// The plan's length of a month and its price (as `pay/plan/info` says).
const MONTHLY_FEE: f64 = 89.0;
const PROMO: &str = "SIM-PROMO";

pub(super) struct State {
    next: u64,
    materials: Vec<Material>,
    material_tags: Vec<Tag>,
    accounts: Vec<Account>,
    analytics_tags: Vec<Tag>,
    /// The wallet: balance (USD) and time add-on minutes.
    pub(super) balance: f64,
    pub(super) time_add_on: i64,
    /// The plan: parallels and monthly rentals (what an upgrade must keep).
    parallels: u64,
    monthly: u64,
}

struct Material {
    id: String,
    name: String,
    url: String,
    kind: u8,
    tags: Vec<String>,
    created: u64,
}

struct Account {
    id: String,
    account: String,
    channel: i64,
    remark: String,
    tags: Vec<String>,
    created: u64,
}

impl State {
    pub(super) fn new() -> Self {
        State {
            next: 0,
            materials: Vec::new(),
            material_tags: Vec::new(),
            accounts: Vec::new(),
            analytics_tags: Vec::new(),
            balance: 248.35,
            time_add_on: 1200,
            parallels: 3,
            monthly: 2,
        }
    }

    fn id(&mut self, prefix: &str) -> String {
        self.next += 1;
        format!("{prefix}{:06}", self.next)
    }
}

fn bad(field: &str) -> (i64, String) {
    (40004, format!("parameter validation failed: {field}"))
}

fn paged(total: usize, page: u64, size: usize, key: &str, items: Vec<Value>) -> Value {
    json!({"total": total, "page": page, "pageSize": size, key: items})
}

type Tag = (String, String, i64);

/// Removes the tags `ids` from `tags` (`untag` takes each off what carried
/// it); the ids not found are 43022 failures.
fn delete_tags(tags: &mut Vec<Tag>, ids: &[String], mut untag: impl FnMut(&str)) -> Vec<Value> {
    let mut failed = Vec::new();
    for id in ids {
        match tags.iter().position(|t| &t.0 == id) {
            Some(i) => {
                tags.remove(i);
                untag(id);
            }
            None => failed.push(fail(id, 43022, "tag not found")),
        }
    }
    failed
}

/// A page of `tags` whose names contain `body.name`.
fn tag_page(tags: &[Tag], body: &Value) -> Reply {
    let (page, skip, size) = page(body, 200)?;
    let name = body["name"].as_str().unwrap_or("");
    let hits: Vec<Value> = tags
        .iter()
        .filter(|t| t.1.contains(name))
        .map(|t| json!({"id": t.0, "name": t.1, "color": t.2}))
        .collect();
    let total = hits.len();
    let items = hits.into_iter().skip(skip).take(size).collect();
    Ok(Some(paged(total, page, size, "list", items)))
}

fn promo(body: &Value) -> Result<(), (i64, String)> {
    match body["promoCode"].as_str() {
        None | Some(PROMO) => Ok(()),
        Some(_) => Err((41003, "invalid promo code".to_owned())),
    }
}

fn days(body: &Value, required: bool) -> Result<Option<u64>, (i64, String)> {
    match body["days"].as_u64() {
        Some(d @ (30 | 90 | 180 | 360)) => Ok(Some(d)),
        None if !required && body["days"].is_null() => Ok(None),
        _ => Err(bad("days")),
    }
}

fn spend(st: &mut State, usd: f64) -> Result<(), (i64, String)> {
    if st.balance < usd {
        return Err((41001, "insufficient balance".to_owned()));
    }
    st.balance = ((st.balance - usd) * 100.0).round() / 100.0;
    Ok(())
}

/// Every path of this module (`path` without `/open/v1/`).
pub(super) fn handle(sh: &Shared, gl: &mut GeeLark, path: &str, body: &Value, now: u64) -> Reply {
    let secs = now / 1000;
    match path {
        "material/getUploadUrl" => super::more::upload_url(sh, body),
        p if p.starts_with("material/") => materials(gl, &p[9..], body, secs),
        p if p.starts_with("analytics/") => analytics(gl, &p[10..], body, secs),
        "phone/brand/teamList" => {
            let v = body["androidVer"]
                .as_u64()
                .filter(|v| (9..=16).contains(v))
                .ok_or_else(|| bad("androidVer"))?;
            let (page, skip, size) = page(body, 100)?;
            let all: Vec<Value> = if v >= 12 {
                vec![
                    json!({"surfaceBrandName": "Acme", "surfaceModelName": "A1 Pro"}),
                    json!({"surfaceBrandName": "Acme", "surfaceModelName": "A1 Lite"}),
                ]
            } else {
                Vec::new()
            };
            let total = all.len();
            let items = all.into_iter().skip(skip).take(size).collect();
            Ok(Some(paged(total, page, size, "list", items)))
        }
        _ => billing(gl, path, body, secs),
    }
}

fn materials(gl: &mut GeeLark, path: &str, body: &Value, secs: u64) -> Reply {
    let st = &mut gl.library;
    let tag_record = |t: &Tag| json!({"id": t.0, "name": t.1, "color": t.2});
    match path {
        "create" => {
            let url = body["url"].as_str().ok_or_else(|| bad("url"))?.to_owned();
            let Some(file) = url.strip_prefix("https://material.example.com/open-upload/") else {
                return Err((60001, "the file is not a material upload".to_owned()));
            };
            let kind = match file.rsplit('.').next().unwrap_or("") {
                "mp4" | "webm" => 2,
                "jpg" | "jpeg" | "png" | "gif" | "bmp" | "webp" | "heif" | "heic" => 1,
                _ => return Err((60004, "unsupported file format".to_owned())),
            };
            let name = match body["fileName"].as_str() {
                Some(n) if n.chars().count() > 200 => return Err(bad("fileName")),
                Some(n) => n.to_owned(),
                None => file.to_owned(),
            };
            let mut tags = Vec::new();
            let mut failed = Vec::new();
            for t in str_list(body, "tagsId") {
                if st.material_tags.iter().any(|m| m.0 == t) {
                    tags.push(t);
                } else {
                    failed.push(fail(&t, 43022, "tag not found"));
                }
            }
            let id = st.id("19500000000001");
            st.materials.push(Material {
                id: id.clone(),
                name,
                url,
                kind,
                tags,
                created: secs,
            });
            Ok(Some(json!({"id": id, "failDetails": failed})))
        }
        "del" => {
            let ids = id_list(body, "ids", 100)?;
            let mut failed = Vec::new();
            for id in &ids {
                match st.materials.iter().position(|m| &m.id == id) {
                    Some(i) => {
                        st.materials.remove(i);
                    }
                    None => failed.push(fail(id, 60005, "material not found")),
                }
            }
            let mut data = super::amounts(ids.len(), &failed);
            data["failDetails"] = json!(failed);
            Ok(Some(data))
        }
        "search" => {
            let (page, skip, size) = page(body, 200)?;
            let name = body["fileName"].as_str().unwrap_or("");
            let mut tag_filter = str_list(body, "tagIds");
            tag_filter.extend(str_list(body, "tagsId"));
            let kinds: Vec<u64> = body["fileType"]
                .as_array()
                .map(|a| a.iter().filter_map(Value::as_u64).collect())
                .unwrap_or_default();
            let ids = str_list(body, "ids");
            if ids.len() > 100 {
                return Err(bad("ids"));
            }
            let source = body["source"].as_u64();
            let hits: Vec<&Material> = st
                .materials
                .iter()
                .filter(|m| m.name.contains(name))
                .filter(|m| tag_filter.iter().all(|t| m.tags.contains(t)))
                .filter(|m| kinds.is_empty() || kinds.contains(&u64::from(m.kind)))
                .filter(|m| ids.is_empty() || ids.contains(&m.id))
                .filter(|_| source.is_none_or(|s| s == 0))
                .collect();
            let items = hits
                .iter()
                .skip(skip)
                .take(size)
                .map(|m| {
                    let tags: Vec<Value> = m
                        .tags
                        .iter()
                        .filter_map(|t| st.material_tags.iter().find(|x| &x.0 == t))
                        .map(tag_record)
                        .collect();
                    json!({"id": m.id, "createdTime": m.created, "fileName": m.name,
                           "fileSize": 1_048_576, "fileUrl": m.url, "fileType": m.kind,
                           "width": 1080, "height": 1920, "source": 0, "tags": tags,
                           "userName": "sim@example.com"})
                })
                .collect();
            Ok(Some(paged(hits.len(), page, size, "list", items)))
        }
        "tag/create" => {
            let name = body["name"]
                .as_str()
                .filter(|n| !n.is_empty() && n.chars().count() <= 30)
                .ok_or_else(|| bad("name"))?
                .to_owned();
            let color = body["color"]
                .as_i64()
                .filter(|c| (0..=5).contains(c))
                .ok_or_else(|| bad("color"))?;
            if st.material_tags.iter().any(|t| t.1 == name) {
                return Err((60002, "tag name already exists".to_owned()));
            }
            let id = st.id("19500000000003");
            st.material_tags.push((id.clone(), name, color));
            Ok(Some(json!({"id": id})))
        }
        "tag/del" => {
            let ids = id_list(body, "ids", 100)?;
            let failed = delete_tags(&mut st.material_tags, &ids, |id| {
                st.materials
                    .iter_mut()
                    .for_each(|m| m.tags.retain(|t| t != id))
            });
            let mut data = super::amounts(ids.len(), &failed);
            data["failDetails"] = json!(failed);
            Ok(Some(data))
        }
        "tag/search" => tag_page(&st.material_tags, body),
        "tag/set" => {
            let materials = id_list(body, "materialsId", 100)?;
            let tags = str_list(body, "tagsId");
            let mut failed: Vec<Value> = tags
                .iter()
                .filter(|t| !st.material_tags.iter().any(|x| &x.0 == *t))
                .map(|t| fail(t, 43022, "tag not found"))
                .collect();
            if failed.is_empty() {
                for id in &materials {
                    match st.materials.iter_mut().find(|m| &m.id == id) {
                        Some(m) => m.tags = tags.clone(),
                        None => failed.push(fail(id, 60005, "material not found")),
                    }
                }
            }
            Ok(Some(json!({"failDetails": failed})))
        }
        _ => Err((40400, "not found".to_owned())),
    }
}

fn channel(body: &Value, required: bool) -> Result<Option<i64>, (i64, String)> {
    match &body["channel"] {
        Value::Null if !required => Ok(None),
        v => v
            .as_i64()
            .filter(|c| matches!(c, 0 | 1 | 2 | 4))
            .map(Some)
            .ok_or_else(|| bad("channel")),
    }
}

fn analytics(gl: &mut GeeLark, path: &str, body: &Value, secs: u64) -> Reply {
    let st = &mut gl.library;
    let account_name = |v: &Value| -> Result<String, (i64, String)> {
        v.as_str()
            .filter(|a| !a.is_empty() && a.chars().count() <= 64)
            .map(str::to_owned)
            .ok_or_else(|| bad("account"))
    };
    let filtered = |st: &State| -> Result<Vec<usize>, (i64, String)> {
        let ch = channel(body, false)?;
        let account = body["account"].as_str();
        Ok((0..st.accounts.len())
            .filter(|&i| ch.is_none_or(|c| st.accounts[i].channel == c))
            .filter(|&i| account.is_none_or(|a| st.accounts[i].account == a))
            .collect())
    };
    match path {
        "accounts/list" => {
            let (page, skip, size) = page(body, 100)?;
            let hits = filtered(st)?;
            let items: Vec<Value> = hits
                .iter()
                .skip(skip)
                .take(size)
                .map(|&i| {
                    let a = &st.accounts[i];
                    json!({"id": a.id, "account": a.account, "channel": a.channel,
                           "remark": a.remark, "operator": "sim@example.com",
                           "created_time": a.created, "updated_time": a.created})
                })
                .collect();
            Ok(Some(
                json!({"total": hits.len(), "page": page, "items": items}),
            ))
        }
        "accounts/add" => {
            let ch = channel(body, true)?.unwrap_or(0);
            let data = body["accountsData"]
                .as_array()
                .filter(|a| !a.is_empty() && a.len() <= 200)
                .ok_or_else(|| bad("accountsData"))?
                .clone();
            let (mut ok, mut failed, mut repeat) = (0, 0, 0);
            for item in &data {
                let name = account_name(&item["account"])?;
                if st
                    .accounts
                    .iter()
                    .any(|a| a.channel == ch && a.account == name)
                {
                    repeat += 1;
                } else if st.accounts.len() >= ACCOUNT_LIMIT {
                    failed += 1;
                } else {
                    let id = st.id("56552382942");
                    st.accounts.push(Account {
                        id,
                        account: name,
                        channel: ch,
                        remark: item["remark"].as_str().unwrap_or("").to_owned(),
                        tags: Vec::new(),
                        created: secs,
                    });
                    ok += 1;
                }
            }
            let biz = match (failed, repeat) {
                (0, 0) => 0,
                (f, _) if f > 0 && ok == 0 => 1,
                _ => 2,
            };
            Ok(Some(
                json!({"bizCode": biz, "successCount": ok, "failCount": failed,
                           "repeatCount": repeat}),
            ))
        }
        "accounts/delete" => {
            let ch = channel(body, true)?.unwrap_or(0);
            let name = account_name(&body["account"])?;
            st.accounts
                .retain(|a| !(a.channel == ch && a.account == name));
            Ok(None)
        }
        "accounts/update" => {
            let id = one_id(body, "id")?;
            let ch = channel(body, false)?;
            let name = match &body["account"] {
                Value::Null => None,
                v => Some(account_name(v)?),
            };
            let tags = str_list(body, "tagIds");
            let a = st
                .accounts
                .iter_mut()
                .find(|a| a.id == id)
                .ok_or((40004, "analytics account not found".to_owned()))?;
            if let Some(n) = name {
                a.account = n;
            }
            if let Some(c) = ch {
                a.channel = c;
            }
            if let Some(r) = body["remark"].as_str() {
                a.remark = r.to_owned();
            }
            if body["tagIds"].is_array() {
                a.tags = tags;
            }
            Ok(None)
        }
        "data" => {
            let (page, skip, size) = page(body, 100)?;
            let day = body["dataDate"].as_u64().unwrap_or(secs) / 86_400 * 86_400;
            let hits = filtered(st)?;
            let items: Vec<Value> = hits
                .iter()
                .skip(skip)
                .take(size)
                .map(|&i| {
                    let a = &st.accounts[i];
                    let n = (i as i64 + 1) * 37;
                    json!({"id": format!("{}{}", a.id, day), "channel": a.channel,
                           "account": a.account, "playCount": n * 100, "followerCount": n,
                           "diggCount": n * 7, "commentCount": n / 3, "collectCount": n / 5,
                           "shareCount": if a.created + 86_400 > secs { -1 } else { n / 9 },
                           "dataDate": day, "addAccDate": a.created, "remark": a.remark,
                           "createdId": "1950000000000000001", "username": "sim"})
                })
                .collect();
            Ok(Some(paged(hits.len(), page, size, "items", items)))
        }
        "tags/list" => tag_page(&st.analytics_tags, body),
        "tags/create" | "tags/update" => {
            let name = match &body["name"] {
                Value::Null if path == "tags/update" => None,
                v => Some(
                    v.as_str()
                        .filter(|n| !n.is_empty() && n.chars().count() <= 100)
                        .ok_or_else(|| bad("name"))?
                        .to_owned(),
                ),
            };
            let color = match &body["color"] {
                Value::Null => None,
                v => Some(
                    v.as_i64()
                        .filter(|c| (0..=5).contains(c))
                        .ok_or_else(|| bad("color"))?,
                ),
            };
            let id = if path == "tags/update" {
                Some(one_id(body, "id")?)
            } else {
                None
            };
            if let Some(n) = &name {
                if st
                    .analytics_tags
                    .iter()
                    .any(|t| &t.1 == n && Some(&t.0) != id.as_ref())
                {
                    return Err((40004, "tag name already exists".to_owned()));
                }
            }
            match id {
                None => {
                    let id = st.id("7000000000");
                    st.analytics_tags.push((
                        id.clone(),
                        name.unwrap_or_default(),
                        color.unwrap_or(0),
                    ));
                    Ok(Some(json!({"id": id})))
                }
                Some(id) => {
                    let t = st
                        .analytics_tags
                        .iter_mut()
                        .find(|t| t.0 == id)
                        .ok_or((43022, "tag not found".to_owned()))?;
                    if let Some(n) = name {
                        t.1 = n;
                    }
                    if let Some(c) = color {
                        t.2 = c;
                    }
                    Ok(None)
                }
            }
        }
        "tags/del" => {
            let ids = id_list(body, "ids", 100)?;
            let failed = delete_tags(&mut st.analytics_tags, &ids, |id| {
                st.accounts
                    .iter_mut()
                    .for_each(|a| a.tags.retain(|t| t != id))
            });
            Ok(Some(json!({"failDetails": failed})))
        }
        _ => Err((40400, "not found".to_owned())),
    }
}

fn billing(gl: &mut GeeLark, path: &str, body: &Value, secs: u64) -> Reply {
    match path {
        "pay/plan/continue" => {
            let d = days(body, true)?.unwrap_or(30);
            promo(body)?;
            spend(&mut gl.library, MONTHLY_FEE * d as f64 / 30.0)?;
            Ok(None)
        }
        "pay/plan/upgrade" => {
            let profile = one_id(body, "profilesId")?;
            let price = match profile.as_str() {
                "497540679501610001" => 5.0,
                "512719311391940001" => 19.0,
                _ => return Err(bad("profilesId")),
            };
            let st = &mut gl.library;
            let (p, m) = (
                body["parallelsNum"]
                    .as_u64()
                    .ok_or_else(|| bad("parallelsNum"))?,
                body["monthlyRentalNum"]
                    .as_u64()
                    .ok_or_else(|| bad("monthlyRentalNum"))?,
            );
            if p < st.parallels || m < st.monthly {
                return Err((41002, "downgrading is not allowed via the API".to_owned()));
            }
            let d = days(body, false)?.unwrap_or(30);
            promo(body)?;
            spend(st, price * d as f64 / 30.0)?;
            (st.parallels, st.monthly) = (p, m);
            Ok(None)
        }
        "pay/timeAddOn/buy" => {
            let minutes = body["minutes"]
                .as_i64()
                .filter(|m| {
                    [
                        2_000, 5_000, 10_000, 20_000, 50_000, 100_000, 200_000, 500_000, 1_000_000,
                        2_000_000, 5_000_000, 10_000_000,
                    ]
                    .contains(m)
                })
                .ok_or_else(|| bad("minutes"))?;
            promo(body)?;
            spend(&mut gl.library, minutes as f64 / 100.0)?;
            gl.library.time_add_on += minutes;
            Ok(None)
        }
        "pay/wallet/recharge" => {
            let channel = body["payChannel"].as_u64().filter(|c| matches!(c, 1 | 2));
            channel.ok_or_else(|| bad("payChannel"))?;
            body["payNum"]
                .as_u64()
                .filter(|n| (100..5000).contains(n) && n % 100 == 0)
                .ok_or_else(|| bad("payNum"))?;
            let order = gl.library.id("R");
            Ok(Some(json!({"orderId": order,
                           "url": format!("https://pay.example.com/qr/{order}.png")})))
        }
        _ => transactions(gl, body, secs),
    }
}

/// `billing/transaction/detail`: 240 charges, one every 18 minutes back
/// from `secs`, on the first four phones; newest first; the flow id is the
/// cursor.
fn transactions(gl: &mut GeeLark, body: &Value, secs: u64) -> Reply {
    let limit = match &body["limit"] {
        Value::Null => 100,
        v => v
            .as_u64()
            .filter(|l| (1..=1000).contains(l))
            .ok_or_else(|| bad("limit"))? as usize,
    };
    let oldest = secs.saturating_sub(3 * 86_400);
    let start = body["startAt"].as_u64().unwrap_or(oldest);
    let end = body["endAt"].as_u64().unwrap_or(secs);
    if start < oldest || end < start {
        return Err(bad("startAt"));
    }
    let phones: Vec<String> = gl.phone_ids().into_iter().take(4).collect();
    let phone = body["id"].as_str();
    let after: Option<u64> = body["lastFlowId"].as_str().and_then(|s| s.parse().ok());
    let all: Vec<Value> = (0..240u64)
        .map(|k| (k, secs - k * 18 * 60))
        .filter(|(_, t)| (start..=end).contains(t))
        .filter_map(|(k, t)| {
            let env = phones.get(k as usize % phones.len().max(1))?;
            Some((9_000_000 - k, env, t, k))
        })
        .filter(|(_, env, _, _)| phone.is_none_or(|p| p == env.as_str()))
        .map(|(flow, env, t, k)| {
            json!({"id": flow.to_string(), "envId": env, "type": 1 + k % 2,
                   "chargeType": 2 + k % 3, "amount": 0.01 * (k % 7) as f64,
                   "usedTime": 18, "createdTime": t})
        })
        .collect();
    let total = all.len();
    let list: Vec<Value> = all
        .into_iter()
        .filter(|v| {
            after.is_none_or(|a| v["id"].as_str().and_then(|s| s.parse::<u64>().ok()) < Some(a))
        })
        .take(limit)
        .collect();
    let last = list.last().map(|v| v["id"].clone()).unwrap_or(json!(""));
    Ok(Some(
        json!({"total": total, "page": 1, "pageSize": limit, "list": list,
                   "lastFlowId": last}),
    ))
}
