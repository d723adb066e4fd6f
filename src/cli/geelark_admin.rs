//! `cloudphone geelark` verbs an operator runs against the account rather
//! than one task: delete phones (only with `--yes`), screenshots (taken and
//! waited for), GPS (read and set), groups and tags, file uploads (onto a
//! phone, or into the material library), the material library, analytics
//! accounts, and the wallet with the plan.

use std::time::{Duration, Instant};

use clap::Subcommand;
use serde_json::{Value, json};

use cloudphone::Operation;
use cloudphone::client::GeeLarkClient;
use cloudphone::geelark::account::{GetPlan, GetWallet};
use cloudphone::geelark::analytics::{Channel, ListAnalyticsAccounts};
use cloudphone::geelark::files::{
    GetUploadResult, GetUploadUrl, UploadState, UploadTarget, UploadToPhone,
};
use cloudphone::geelark::labels::{Label, ListGroups, ListTags};
use cloudphone::geelark::materials::{CreateMaterial, GetMaterialUploadUrl, SearchMaterials};
use cloudphone::geelark::{
    self, GetGps, GetScreenshotResult, GpsPosition, ScreenshotState, SetGps, TakeScreenshot,
};

use super::Out;
use super::output::{
    Context, EXIT_OK, EXIT_PARTIAL, EXIT_PENDING, EXIT_USAGE, Failure, Table, batch_exit,
};

/// The verbs of this module (flattened into `cloudphone geelark`).
#[derive(Subcommand, Debug)]
pub enum GeeLarkAdmin {
    /// Delete phones for good (their data is lost): asks first, or --yes.
    Delete {
        /// Phone ids.
        #[arg(required = true)]
        ids: Vec<String>,
        /// Do not ask for confirmation.
        #[arg(long)]
        yes: bool,
    },
    /// Take a screenshot of a running phone and print its download link.
    Screenshot {
        /// Phone id.
        id: String,
        /// Seconds to wait for the picture.
        #[arg(long, default_value_t = 30)]
        timeout: u64,
    },
    /// Read phones' GPS positions.
    Gps {
        /// Phone ids.
        #[arg(required = true)]
        ids: Vec<String>,
    },
    /// Set a phone's GPS position.
    GpsSet {
        /// Phone id.
        id: String,
        /// Latitude, -90 to 90.
        #[arg(allow_hyphen_values = true)]
        latitude: f64,
        /// Longitude, -180 to 180.
        #[arg(allow_hyphen_values = true)]
        longitude: f64,
    },
    /// Phone groups (every page).
    Groups,
    /// Phone tags (every page).
    Tags,
    /// Upload a local file; with --to, onto a running phone's Downloads.
    Upload {
        /// The file (its extension is its type: mp4, png, apk, …).
        path: std::path::PathBuf,
        /// Phone id to put it on (waits until it is there).
        #[arg(long)]
        to: Option<String>,
        /// Seconds to wait for the phone to fetch it.
        #[arg(long, default_value_t = 120)]
        timeout: u64,
    },
    /// The material library (every page), optionally only names containing NAME.
    Materials {
        /// Only names containing this.
        #[arg(long)]
        name: Option<String>,
    },
    /// Upload a local image or video into the material library.
    MaterialAdd {
        /// The file (jpg, png, mp4, …).
        path: std::path::PathBuf,
        /// Tag ids to put on it.
        #[arg(long = "tag")]
        tags: Vec<String>,
    },
    /// Analytics accounts GeeLark watches (every page).
    AnalyticsAccounts {
        /// Only this channel: tiktok, youtube, instagram or reddit.
        #[arg(long)]
        channel: Option<String>,
    },
    /// The wallet and the plan (pay/wallet: 10 calls a minute; pay/plan/info: 1).
    Wallet,
}

fn labels_table(labels: &[Label], extra: &str, out: Out) {
    if out.json {
        out.json(&json!({"labels": labels}));
        return;
    }
    let mut t = Table::new(&["ID", "NAME", extra]);
    for l in labels {
        t.row(vec![
            l.id.clone(),
            l.name.clone().unwrap_or_default(),
            l.remark
                .clone()
                .or_else(|| l.color.clone())
                .unwrap_or_default(),
        ]);
    }
    t.print();
}

/// Every page of a listing, flattened.
fn all<O, T>(
    c: &GeeLarkClient,
    first: O,
    what: &str,
    items: impl Fn(O::Output) -> Vec<T>,
) -> Result<Vec<T>, Failure>
where
    O: cloudphone::Pager<Config = geelark::Config> + 'static,
{
    Ok(c.pages(first)
        .collect::<cloudphone::Result<Vec<_>>>()
        .context(|| format!("listing {what}"))?
        .into_iter()
        .flat_map(items)
        .collect())
}

/// Uploads the file at `path`: the presigned URL from `ask` (given the
/// file's extension), then the PUT of its bytes.
fn upload<O>(
    c: &GeeLarkClient,
    path: &std::path::Path,
    ask: impl Fn(&str) -> cloudphone::Result<O>,
) -> Result<UploadTarget, Failure>
where
    O: Operation<Config = geelark::Config, Output = UploadTarget>,
{
    let (ext, bytes) = read_file(path)?;
    let target = c
        .execute(&ask(&ext).context(|| "reading the file type".to_owned())?)
        .context(|| "asking for an upload URL".to_owned())?;
    c.execute(
        &target
            .put(bytes)
            .context(|| "reading the file".to_owned())?,
    )
    .context(|| "uploading the file".to_owned())?;
    Ok(target)
}

fn read_file(path: &std::path::Path) -> Result<(String, Vec<u8>), Failure> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let bytes = std::fs::read(path).map_err(|e| {
        Failure::other(
            format!("reading {}", path.display()),
            EXIT_USAGE,
            e.to_string(),
        )
    })?;
    Ok((ext, bytes))
}

/// Polls `op`'s answer every second until `done` says so, or `timeout`.
fn poll<O: Operation<Config = geelark::Config>>(
    c: &GeeLarkClient,
    op: &O,
    timeout: Duration,
    what: &str,
    done: impl Fn(&O::Output) -> bool,
) -> Result<Option<O::Output>, Failure> {
    let until = Instant::now() + timeout;
    loop {
        let r = c.execute(op).context(|| format!("reading {what}"))?;
        if done(&r) {
            return Ok(Some(r));
        }
        if Instant::now() >= until {
            return Ok(None);
        }
        std::thread::sleep(Duration::from_secs(1));
    }
}

/// Runs one of this module's verbs.
pub fn run(cmd: GeeLarkAdmin, c: &GeeLarkClient, out: Out) -> Result<u8, Failure> {
    match cmd {
        GeeLarkAdmin::Delete { ids, yes } => {
            super::output::confirm(
                &format!("Delete {} phone(s) for good, with their data?", ids.len()),
                yes,
            )?;
            let o =
                super::geelark::delete(c, ids).context(|| "deleting GeeLark phones".to_owned())?;
            if let Some(f) = Failure::whole_batch("deleting GeeLark phones", &o) {
                return Err(f);
            }
            super::geelark::print_acks(&o, "deleted", out);
            Ok(batch_exit(&o))
        }
        GeeLarkAdmin::Screenshot { id, timeout } => {
            let task = c
                .execute(&TakeScreenshot::new(id).context(|| "reading the id".to_owned())?)
                .context(|| "taking the screenshot".to_owned())?;
            let op = GetScreenshotResult::new(task.task_id.clone())
                .context(|| "reading the task id".to_owned())?;
            let r = poll(
                c,
                &op,
                Duration::from_secs(timeout),
                "the screenshot",
                |r| r.state != ScreenshotState::InProgress,
            )?;
            let Some(r) = r else {
                return Err(Failure::other(
                    "taking the screenshot",
                    EXIT_PENDING,
                    format!("task {} still in progress after {timeout} s", task.task_id),
                ));
            };
            let link = r.download_link.as_ref().map(|l| l.expose().to_owned());
            if out.json {
                out.json(
                    &json!({"task_id": task.task_id, "state": r.raw_status, "download_link": link}),
                );
            } else {
                match &link {
                    Some(l) if r.state == ScreenshotState::Succeeded => println!("{l}"),
                    _ => println!("screenshot failed (state {})", r.raw_status),
                }
            }
            Ok(if r.state == ScreenshotState::Succeeded {
                EXIT_OK
            } else {
                EXIT_PARTIAL
            })
        }
        GeeLarkAdmin::Gps { ids } => {
            let mut positions = Vec::new();
            let mut failures = Vec::new();
            for chunk in ids.chunks(geelark::MAX_IDS) {
                let op = GetGps::new(chunk.iter().cloned()).context(|| "reading ids".to_owned())?;
                let r = c.execute(&op).context(|| "reading GPS".to_owned())?;
                positions.extend(r.positions);
                failures.extend(r.failures);
            }
            if out.json {
                out.json(&json!({"positions": positions, "failed": failures}));
            } else {
                let mut t = Table::new(&["ID", "LATITUDE", "LONGITUDE"]);
                for p in &positions {
                    t.row(vec![
                        p.id.clone(),
                        p.latitude.to_string(),
                        p.longitude.to_string(),
                    ]);
                }
                for f in &failures {
                    t.row(vec![
                        f.id.clone(),
                        format!("{} {}", f.code, f.message),
                        String::new(),
                    ]);
                }
                t.print();
            }
            Ok(if failures.is_empty() {
                EXIT_OK
            } else {
                EXIT_PARTIAL
            })
        }
        GeeLarkAdmin::GpsSet {
            id,
            latitude,
            longitude,
        } => {
            let pos = GpsPosition::new(id.clone(), latitude, longitude)
                .context(|| "reading the position".to_owned())?;
            let r = c
                .execute(&SetGps::new([pos]).context(|| "reading the position".to_owned())?)
                .context(|| "setting GPS".to_owned())?;
            let failed = !r.failures.is_empty();
            if out.json {
                out.json(&serde_json::to_value(&r).unwrap_or(Value::Null));
            } else if failed {
                for f in &r.failures {
                    println!("{}: {} {}", f.id, f.code, f.message);
                }
            } else {
                println!("{id}: {latitude}, {longitude}");
            }
            Ok(if failed { EXIT_PARTIAL } else { EXIT_OK })
        }
        GeeLarkAdmin::Groups => {
            let groups = all(c, ListGroups::new(), "groups", |p| p.labels)?;
            labels_table(&groups, "REMARK", out);
            Ok(EXIT_OK)
        }
        GeeLarkAdmin::Tags => {
            let tags = all(c, ListTags::new(), "tags", |p| p.labels)?;
            labels_table(&tags, "COLOR", out);
            Ok(EXIT_OK)
        }
        GeeLarkAdmin::Upload { path, to, timeout } => {
            let target = upload(c, &path, GetUploadUrl::new)?;
            let Some(phone) = to else {
                if out.json {
                    out.json(&json!({"resource_url": target.resource_url}));
                } else {
                    println!("{}", target.resource_url);
                }
                return Ok(EXIT_OK);
            };
            let task = c
                .execute(
                    &UploadToPhone::new(phone, &target.resource_url)
                        .context(|| "reading the phone id".to_owned())?,
                )
                .context(|| "sending the file to the phone".to_owned())?;
            let op = GetUploadResult::new(task.task_id.clone())
                .context(|| "reading the task id".to_owned())?;
            let r = poll(c, &op, Duration::from_secs(timeout), "the upload", |r| {
                r.state != UploadState::InProgress
            })?;
            let Some(r) = r else {
                return Err(Failure::other(
                    "sending the file to the phone",
                    EXIT_PENDING,
                    format!("task {} still uploading after {timeout} s", task.task_id),
                ));
            };
            let ok = r.state == UploadState::Succeeded;
            if out.json {
                out.json(&json!({"resource_url": target.resource_url, "task_id": task.task_id, "ok": ok}));
            } else if ok {
                println!("on the phone: {}", target.resource_url);
            } else {
                println!("the phone could not fetch {}", target.resource_url);
            }
            Ok(if ok { EXIT_OK } else { EXIT_PARTIAL })
        }
        GeeLarkAdmin::Materials { name } => {
            let mut first = SearchMaterials::new();
            if let Some(n) = name {
                first = first.file_name(n).context(|| "reading --name".to_owned())?;
            }
            let materials = all(c, first, "materials", |p| p.materials)?;
            if out.json {
                out.json(&json!({"materials": materials}));
            } else {
                let mut t = Table::new(&["ID", "NAME", "TYPE", "BYTES", "URL"]);
                for m in &materials {
                    t.row(vec![
                        m.id.clone(),
                        m.file_name.clone().unwrap_or_default(),
                        match m.file_type {
                            Some(1) => "image".into(),
                            Some(2) => "video".into(),
                            _ => String::new(),
                        },
                        m.file_size.map_or(String::new(), |n| n.to_string()),
                        m.file_url.clone().unwrap_or_default(),
                    ]);
                }
                t.print();
            }
            Ok(EXIT_OK)
        }
        GeeLarkAdmin::MaterialAdd { path, tags } => {
            let target = upload(c, &path, GetMaterialUploadUrl::new)?;
            let mut op = CreateMaterial::new(&target.resource_url)
                .and_then(|op| op.tags(tags))
                .context(|| "reading --tag".to_owned())?;
            if let Some(name) = path.file_name().and_then(|n| n.to_str()) {
                op = op
                    .file_name(name)
                    .context(|| "reading the file name".to_owned())?;
            }
            let r = c
                .execute(&op)
                .context(|| "making the material".to_owned())?;
            if out.json {
                out.json(&serde_json::to_value(&r).unwrap_or(Value::Null));
            } else {
                println!("{}", r.id.clone().unwrap_or_default());
                for f in &r.tag_failures {
                    println!("tag {}: {} {}", f.id, f.code, f.message);
                }
            }
            Ok(if r.tag_failures.is_empty() && r.id.is_some() {
                EXIT_OK
            } else {
                EXIT_PARTIAL
            })
        }
        GeeLarkAdmin::AnalyticsAccounts { channel } => {
            let mut first = ListAnalyticsAccounts::new();
            if let Some(ch) = channel {
                first = first.channel(
                    ch.parse::<Channel>()
                        .context(|| "reading --channel".to_owned())?,
                );
            }
            let accounts = all(c, first, "analytics accounts", |p| p.accounts)?;
            if out.json {
                out.json(&json!({"accounts": accounts}));
            } else {
                let mut t = Table::new(&["ID", "ACCOUNT", "CHANNEL", "REMARK"]);
                for a in &accounts {
                    t.row(vec![
                        a.id.clone(),
                        a.account.clone().unwrap_or_default(),
                        match a.channel.and_then(|c| Channel::from_code(c).ok()) {
                            Some(c) => format!("{c:?}"),
                            None => a.channel.map_or(String::new(), |c| c.to_string()),
                        },
                        a.remark.clone().unwrap_or_default(),
                    ]);
                }
                t.print();
            }
            Ok(EXIT_OK)
        }
        GeeLarkAdmin::Wallet => {
            let w = c
                .execute(&GetWallet)
                .context(|| "reading the wallet".to_owned())?;
            let p = c
                .execute(&GetPlan)
                .context(|| "reading the plan".to_owned())?;
            if out.json {
                out.json(&json!({"wallet": w.wallet, "plan": p.plan}));
            } else {
                let money = |v: Option<f64>| v.map_or("-".to_owned(), |v| format!("{v:.2}"));
                println!("balance      {} USD", money(w.wallet.balance));
                println!("gift money   {} USD", money(w.wallet.gift_money));
                println!(
                    "time add-on  {} min",
                    w.wallet
                        .available_time_add_on
                        .map_or("-".to_owned(), |n| n.to_string())
                );
                println!(
                    "plan         {}",
                    serde_json::to_string(&p.plan).unwrap_or_default()
                );
            }
            Ok(EXIT_OK)
        }
    }
}
