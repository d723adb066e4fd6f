//! The simulator's server orders: v2 purchases (servers with phones in the
//! caller's VPC), v2.1 bare servers, and the v2 server change that
//! re-creates a server's phones. Orders are paid at once; the new phones
//! are `creating` (1) for two job durations, then running.

use serde_json::{Value, json};

use super::{CpsError, Huawei, Job, MODELS, PHONE_MODELS, Phone, Reply, Server, ZONES, bad};
use crate::sim::Shared;

fn text<'a>(body: &'a Value, field: &str, max: usize) -> Result<&'a str, CpsError> {
    body[field]
        .as_str()
        .filter(|v| !v.is_empty() && v.len() <= max)
        .ok_or_else(|| bad("CPS.0001", format!("Parameter: {field} is invalid.")))
}

/// The server flavor's index, and (when given) that the phone flavor is
/// the one it runs.
fn flavor(body: &Value, phone_model: bool) -> Result<usize, CpsError> {
    let model = text(body, "server_model_name", 64)?;
    let m = MODELS
        .iter()
        .position(|x| *x == model)
        .ok_or_else(|| bad("CPS.0001", "Parameter: server_model_name is invalid."))?;
    if phone_model && body["phone_model_name"] != PHONE_MODELS[m] {
        return Err(bad(
            "CPS.0001",
            "Parameter: phone_model_name does not fit the server flavor.",
        ));
    }
    Ok(m)
}

fn image(body: &Value, required: bool) -> Result<Option<String>, CpsError> {
    match body["image_id"].as_str() {
        None if !required => Ok(None),
        Some(id) if super::catalogue::is_image(id) => Ok(Some(id.to_owned())),
        _ => Err(bad("CPS.0001", "Parameter: image_id is invalid.")),
    }
}

/// `extend_param` / `order_param`: prepaid months 1–9 or years 1–10.
fn terms(v: &Value) -> Result<(), CpsError> {
    let max = match v["period_type"].as_i64() {
        Some(2) => 9,
        Some(3) => 10,
        _ => return Err(bad("CPS.0001", "Parameter: period_type is invalid.")),
    };
    if !(0..=1).contains(&v["charging_mode"].as_i64().unwrap_or(-1))
        || !(1..=max).contains(&v["period_num"].as_i64().unwrap_or(0))
    {
        return Err(bad("CPS.0001", "Parameter: period_num is invalid."));
    }
    Ok(())
}

/// The first subnet of `nics`, which must be a non-empty list of subnets.
fn subnet(body: &Value) -> Result<String, CpsError> {
    body["nics"]
        .as_array()
        .filter(|n| !n.is_empty())
        .and_then(|n| n[0]["subnet_id"].as_str())
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .ok_or_else(|| bad("CPS.0001", "Parameter: nics is invalid."))
}

fn zone(body: &Value) -> Result<&'static str, CpsError> {
    match body["availability_zone"].as_str() {
        None => Ok(ZONES[0]),
        Some(z) => ZONES
            .iter()
            .find(|x| **x == z)
            .copied()
            .ok_or_else(|| bad("CPS.0001", "Parameter: availability_zone is invalid.")),
    }
}

/// A phone being created on server `server` from `image_id`, running at
/// `ready_ms`.
fn new_phone(sh: &Shared, hw: &Huawei, server: usize, image_id: &str, now: u64) -> Phone {
    let digits = u64::from_str_radix(&sh.random_hex(15), 16).unwrap_or(0) % 10_000_000_000_000;
    Phone {
        id: sh.random_hex(32),
        name: format!(
            "{}-{:02}",
            hw.servers[server].name,
            hw.servers[server].phones.len() + 1
        ),
        server,
        model: hw.servers[server].model,
        image_id: image_id.to_owned(),
        status: 1,
        next: Some((now + hw.job_ms * 2, 2)),
        imei: format!("86{digits:013}"),
        create_ms: now,
        update_ms: now,
        flaky: false,
        property: String::new(),
        custom: serde_json::Map::new(),
    }
}

/// `POST /v2/{project}/cloud-phone/servers` (servers with phones) and
/// `POST /v2.1/{project}/cloud-phone/servers` (`bare`: servers only).
pub(super) fn create_servers(
    sh: &Shared,
    hw: &mut Huawei,
    body: &Value,
    now: u64,
    bare: bool,
) -> Reply {
    let name = text(body, "server_name", 60)?;
    let count = body["count"]
        .as_u64()
        .filter(|c| (1..=crate::huawei::purchase::MAX_COUNT as u64).contains(c))
        .ok_or_else(|| bad("CPS.0001", "Parameter: count is invalid."))?;
    let model = flavor(body, !bare)?;
    let image_id = image(body, !bare)?;
    let subnet = subnet(body)?;
    let zone = zone(body)?;
    let keypair = if bare {
        text(body, "keypair_name", 64)?.to_owned()
    } else {
        body["keypair_name"].as_str().unwrap_or("").to_owned()
    };
    let vpc = if bare {
        String::new()
    } else {
        text(body, "tenant_vpc_id", 64)?.to_owned()
    };
    match body.get(if bare { "order_param" } else { "extend_param" }) {
        Some(t) => terms(t)?,
        None if bare => {}
        None => return Err(bad("CPS.0001", "Parameter: extend_param is invalid.")),
    }
    let order = format!("CS{}", sh.random_hex(14).to_uppercase());
    let mut server_ids = Vec::new();
    for n in 1..=count {
        let id = sh.random_hex(32);
        let i = hw.servers.len();
        hw.servers.push(Server {
            id: id.clone(),
            name: format!("{name}-{n:04}"),
            zone,
            model,
            public_ip: format!("198.51.100.{}", 1 + i % 254),
            server_ip: format!("192.168.{}.{}", (i / 254) % 256, 1 + i % 254),
            create_ms: now,
            phones: Vec::new(),
            tags: Default::default(),
            keypair: keypair.clone(),
            vpc: Some((vpc.clone(), subnet.clone())),
            bare,
        });
        hw.server_index.insert(id.clone(), i);
        if let Some(image_id) = &image_id {
            for _ in 0..if bare { 0 } else { hw.phones_per_server } {
                let phone = new_phone(sh, hw, i, image_id, now);
                hw.index.insert(phone.id.clone(), hw.phones.len());
                hw.servers[i].phones.push(hw.phones.len());
                hw.phones.push(phone);
            }
        }
        server_ids.push(id);
    }
    Ok(json!({
        "request_id": sh.request_id(),
        "order_id": order,
        "product_id": if bare { "00301-sim-bare" } else { "00301-sim" },
        "server_ids": server_ids,
    }))
}

/// `POST /v2/{project}/cloud-phone/servers/{id}/change`: the server's phones
/// re-created on the phone flavor and image given, one job.
pub(super) fn change_server(
    sh: &Shared,
    hw: &mut Huawei,
    id: &str,
    body: &Value,
    now: u64,
) -> Reply {
    let &s = hw
        .server_index
        .get(id)
        .ok_or_else(|| (404, "CPS.0016", "server_id is invalid.".to_owned()))?;
    if hw.servers[s].bare {
        return Err(bad("CPS.0001", "A bare server has no phones to change."));
    }
    let phone_model = text(body, "phone_model_name", 64)?;
    let model = hw.servers[s].model;
    if PHONE_MODELS[model] != phone_model {
        return Err(bad(
            "CPS.0001",
            "Parameter: phone_model_name does not fit the server flavor.",
        ));
    }
    let image_id = image(body, true)?.unwrap_or_default();
    let vpc = text(body, "tenant_vpc_id", 64)?.to_owned();
    let subnet = subnet(body)?;
    if body.get("availability_zone").is_some() {
        hw.servers[s].zone = zone(body)?;
    }
    if let Some(k) = body["keypair_name"].as_str() {
        hw.servers[s].keypair = k.to_owned();
    }
    hw.servers[s].vpc = Some((vpc, subnet));
    let ready = now + hw.job_ms * 2;
    for &p in &hw.servers[s].phones {
        let phone = &mut hw.phones[p];
        phone.image_id.clone_from(&image_id);
        phone.status = 1;
        phone.next = Some((ready, 2));
        phone.update_ms = now;
    }
    let request_id = sh.request_id();
    let job_id = sh.random_hex(32);
    hw.add_job(Job {
        id: job_id.clone(),
        request_id: request_id.clone(),
        phone_id: None,
        server_id: Some(id.to_owned()),
        begin_ms: now,
        end_ms: ready,
        failure: None,
        execute_msg: None,
    });
    Ok(json!({"request_id": request_id, "server_id": id, "job_id": job_id}))
}
