//! Huawei verbs over images, server flavors, bandwidths and servers:
//! `huawei images`, `huawei flavors --servers`, `huawei bandwidths`,
//! `huawei restart-servers`.

use serde_json::json;

use cloudphone::client::HuaweiClient;
use cloudphone::huawei::bandwidth::ListBandwidths;
use cloudphone::huawei::catalog::ListServerModels;
use cloudphone::huawei::images::{ImageType, ListImages, ListPhoneImages};
use cloudphone::huawei::server_admin::{MAX_IDS, RestartServers};
use cloudphone::{BatchPlan, CallOutcome};

use super::Out;
use super::output::{Context, EXIT_OK, EXIT_USAGE, Failure, Table};

/// The items of every page of the listing `first`, or the failure of the
/// page that failed (`what`: what the command was doing).
pub fn every_page<O, T>(
    c: &HuaweiClient,
    first: O,
    what: &'static str,
    items: impl Fn(O::Output) -> Vec<T>,
) -> Result<Vec<T>, Failure>
where
    O: cloudphone::Pager + cloudphone::Operation<Config = cloudphone::huawei::Config> + 'static,
{
    let mut all = Vec::new();
    for page in c.pages(first) {
        all.extend(items(page.context(|| what.to_owned())?));
    }
    Ok(all)
}

fn num(v: Option<i64>) -> String {
    v.map_or(String::new(), |n| n.to_string())
}

/// `huawei images`: the images phones can run (every marker page), or with
/// `custom` the project's custom images (every offset page).
pub fn images(c: &HuaweiClient, custom: bool, kind: Option<&str>, out: Out) -> Result<u8, Failure> {
    let kind = match kind {
        None => None,
        Some("public") => Some(ImageType::Public),
        Some("private") => Some(ImageType::Private),
        Some("share") => Some(ImageType::Share),
        Some("all") => Some(ImageType::All),
        Some(other) => {
            return Err(Failure::other(
                "reading --type",
                EXIT_USAGE,
                format!("{other}: public, private, share or all"),
            ));
        }
    };
    if custom {
        let mut op = ListImages::new();
        if let Some(k) = kind {
            op = op.image_type(k).context(|| "reading --type".to_owned())?;
        }
        let all = every_page(c, op, "listing custom images", |p| p.image_infos)?;
        if out.json {
            out.json(&json!({"images": all}));
        } else {
            let mut t = Table::new(&["IMAGE ID", "NAME", "TYPE", "STATUS", "VERSION"]);
            for i in &all {
                t.row(vec![
                    i.image_id.clone(),
                    i.image_name.clone().unwrap_or_default(),
                    i.image_type.clone().unwrap_or_default(),
                    match i.status {
                        Some(0) => "creating".to_owned(),
                        Some(1) => "usable".to_owned(),
                        Some(2) => "failed".to_owned(),
                        other => num(other),
                    },
                    i.image_version.clone().unwrap_or_default(),
                ]);
            }
            t.print();
        }
        return Ok(EXIT_OK);
    }
    let mut op = ListPhoneImages::new();
    if let Some(k) = kind {
        op = op.image_type(k);
    }
    let all = every_page(c, op, "listing phone images", |p| p.phone_images)?;
    if out.json {
        out.json(&json!({"phone_images": all}));
    } else {
        let mut t = Table::new(&["IMAGE ID", "NAME", "OS", "PUBLIC", "LABEL"]);
        for i in &all {
            t.row(vec![
                i.image_id.clone(),
                i.image_name.clone().unwrap_or_default(),
                i.os_name.clone().unwrap_or_default(),
                match i.is_public {
                    Some(1) => "public".to_owned(),
                    Some(2) => "private".to_owned(),
                    other => num(other),
                },
                i.image_label.clone().unwrap_or_default(),
            ]);
        }
        t.print();
    }
    Ok(EXIT_OK)
}

/// `huawei flavors --servers`: every server flavor.
pub fn server_flavors(c: &HuaweiClient, out: Out) -> Result<u8, Failure> {
    let all = every_page(c, ListServerModels::new(), "listing server flavors", |p| {
        p.server_models
    })?;
    if out.json {
        out.json(&json!({"server_models": all}));
    } else {
        let mut t = Table::new(&["SERVER FLAVOR", "TYPE", "CPU", "MEMORY MB", "PRODUCT"]);
        for m in &all {
            t.row(vec![
                m.server_model_name.clone(),
                m.server_type.clone().unwrap_or_default(),
                num(m.cpu),
                num(m.memory),
                match m.product_type {
                    Some(0) => "phone".to_owned(),
                    Some(1) => "game".to_owned(),
                    other => num(other),
                },
            ]);
        }
        t.print();
    }
    Ok(EXIT_OK)
}

/// `huawei bandwidths`: every bandwidth of the project.
pub fn bandwidths(c: &HuaweiClient, out: Out) -> Result<u8, Failure> {
    let all = every_page(c, ListBandwidths::new(), "listing bandwidths", |p| {
        p.band_widths
    })?;
    if out.json {
        out.json(&json!({"band_widths": all}));
    } else {
        let mut t = Table::new(&["BANDWIDTH ID", "NAME", "MBIT/S", "CHARGED BY", "SHARED"]);
        for b in &all {
            t.row(vec![
                b.band_width_id.clone(),
                b.band_width_name.clone().unwrap_or_default(),
                num(b.band_width_size),
                match b.band_width_charge_mode {
                    Some(0) => "bandwidth".to_owned(),
                    Some(1) => "traffic".to_owned(),
                    other => num(other),
                },
                match b.band_width_share_type {
                    Some(0) => "no".to_owned(),
                    Some(1) => "yes".to_owned(),
                    other => num(other),
                },
            ]);
        }
        t.print();
    }
    Ok(EXIT_OK)
}

/// `huawei restart-servers`: one job per server, 100 servers a call (not
/// idempotent: a call that failed as a whole is reported, not retried).
pub fn restart_servers(c: &HuaweiClient, ids: Vec<String>, out: Out) -> Result<u8, Failure> {
    let plan = BatchPlan::new(ids, MAX_IDS).context(|| "reading the server ids".to_owned())?;
    let mut merge = plan.merge();
    for chunk in plan.calls() {
        let r = RestartServers::new(chunk.iter().cloned()).and_then(|op| c.execute(&op));
        merge.record_result(chunk, r.map(CallOutcome::from));
    }
    let outcome = merge.finish();
    if let Some(f) = Failure::whole_batch("restarting Huawei servers", &outcome) {
        return Err(f);
    }
    if out.json {
        out.json(&json!({
            "request_ids": outcome.request_ids,
            "jobs": outcome.succeeded,
            "failed": outcome.failed,
            "missing": outcome.missing,
        }));
    } else {
        let mut t = Table::new(&["SERVER ID", "JOB ID", "RESULT"]);
        for j in &outcome.succeeded {
            t.row(vec![j.id.clone(), j.job_id.clone(), "started".into()]);
        }
        for f in &outcome.failed {
            t.row(vec![
                f.id.clone(),
                String::new(),
                format!("{} {}", f.code, f.message),
            ]);
        }
        t.print();
    }
    Ok(super::output::batch_exit(&outcome))
}

/// `huawei tags [SERVER] [--add KEY=VALUE]… [--remove KEY=VALUE]…`: a
/// server's tags after the changes, or every key of the project with its
/// values when no server is named.
pub fn tags(
    c: &HuaweiClient,
    server: Option<String>,
    add: Vec<String>,
    remove: Vec<String>,
    out: Out,
) -> Result<u8, Failure> {
    use cloudphone::huawei::tags::{CreateTags, DeleteTags, ListProjectTags, ListServerTags, Tag};
    let parse = |flag: &str, list: Vec<String>| -> Result<Vec<Tag>, Failure> {
        list.into_iter()
            .map(|kv| {
                let (k, v) = kv.split_once('=').unwrap_or((kv.as_str(), ""));
                Tag::new(k, v).context(|| format!("reading {flag} {kv}"))
            })
            .collect()
    };
    let (add, remove) = (parse("--add", add)?, parse("--remove", remove)?);
    let Some(server) = server else {
        if !add.is_empty() || !remove.is_empty() {
            return Err(Failure::other(
                "reading the arguments",
                EXIT_USAGE,
                "--add and --remove need a server id",
            ));
        }
        let keys = every_page(
            c,
            ListProjectTags::new(),
            "listing the project's tags",
            |p| p.tags,
        )?;
        if out.json {
            out.json(&json!({"tags": keys}));
        } else {
            let mut t = Table::new(&["KEY", "VALUES"]);
            for k in &keys {
                t.row(vec![k.key.clone(), k.values.join(", ")]);
            }
            t.print();
        }
        return Ok(EXIT_OK);
    };
    if !add.is_empty() {
        CreateTags::new(&server, add)
            .and_then(|op| c.execute(&op))
            .context(|| format!("tagging server {server}"))?;
    }
    if !remove.is_empty() {
        DeleteTags::new(&server, remove)
            .and_then(|op| c.execute(&op))
            .context(|| format!("removing tags of server {server}"))?;
    }
    let tags = ListServerTags::new(&server)
        .and_then(|op| c.execute(&op))
        .context(|| format!("reading the tags of server {server}"))?
        .tags;
    if out.json {
        out.json(&json!({"server_id": server, "tags": tags}));
    } else {
        let mut t = Table::new(&["KEY", "VALUE"]);
        for tag in &tags {
            t.row(vec![tag.key.clone(), tag.value.clone()]);
        }
        t.print();
    }
    Ok(EXIT_OK)
}

/// `huawei backup|restore PHONE… --bucket B --object PATH [--include P]…`:
/// a job per phone, to or from one OBS object (each phone's own object is
/// `PATH/PHONE.tar` when several phones are named).
pub fn backup(
    c: &HuaweiClient,
    restore: bool,
    phones: Vec<String>,
    bucket: String,
    object: String,
    include: Vec<String>,
    out: Out,
) -> Result<u8, Failure> {
    use cloudphone::huawei::phone_data::{Backup, BackupPhones, ObsObject, RestorePhones};
    let several = phones.len() > 1;
    let object_of = |p: &str| {
        let path = if several {
            format!("{}/{p}.tar", object.trim_end_matches('/'))
        } else {
            object.clone()
        };
        ObsObject::new(bucket.clone(), path).context(|| "reading --bucket/--object".to_owned())
    };
    let report = if restore {
        let pairs = phones
            .iter()
            .map(|p| Ok((p.clone(), object_of(p)?)))
            .collect::<Result<Vec<_>, Failure>>()?;
        RestorePhones::new(pairs)
            .and_then(|op| c.execute(&op))
            .context(|| "restoring phone data".to_owned())?
    } else {
        let include = if include.is_empty() {
            vec!["/data/media".to_owned()]
        } else {
            include
        };
        let backups = phones
            .iter()
            .map(|p| {
                Backup::new(p.clone(), include.clone(), object_of(p)?)
                    .context(|| "reading --include".to_owned())
            })
            .collect::<Result<Vec<_>, Failure>>()?;
        BackupPhones::new(backups)
            .and_then(|op| c.execute(&op))
            .context(|| "backing phone data up".to_owned())?
    };
    let outcome: cloudphone::CallOutcome<cloudphone::huawei::jobs::StartedJob> = report.into();
    if out.json {
        out.json(&json!({
            "request_id": outcome.request_id,
            "jobs": outcome.succeeded,
            "failed": outcome.failed,
        }));
    } else {
        let mut t = Table::new(&["PHONE ID", "JOB ID", "RESULT"]);
        for j in &outcome.succeeded {
            t.row(vec![j.id.clone(), j.job_id.clone(), "started".into()]);
        }
        for f in &outcome.failed {
            t.row(vec![
                f.id.clone(),
                String::new(),
                format!("{} {}", f.code, f.message),
            ]);
        }
        t.print();
    }
    Ok(if outcome.failed.is_empty() {
        EXIT_OK
    } else {
        super::output::EXIT_PARTIAL
    })
}
