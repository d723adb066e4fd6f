//! `cloudphone geelark …`

use std::collections::BTreeMap;
use std::time::Duration;

use clap::{Args, Subcommand};
use serde_json::{Value, json};

use cloudphone::client::GeeLarkClient;
use cloudphone::geelark::{self, PhoneAck, StartedPhone};
use cloudphone::{BatchOutcome, BatchPlan, CallOutcome, ItemFailure};

use super::output::{Context, EXIT_OK, Failure, Table, thousands};
use super::{NetOpts, Out, sweep};

/// Credentials and endpoint.
#[derive(Args, Debug, Clone)]
pub struct GeeLarkOpts {
    /// Team AppId (key mode).
    #[arg(
        long,
        global = true,
        env = "CLOUDPHONE_GEELARK_APP_ID",
        hide_env_values = true
    )]
    pub app_id: Option<String>,
    /// Team ApiKey (key mode; prefer the environment variable to the flag).
    #[arg(
        long,
        global = true,
        env = "CLOUDPHONE_GEELARK_API_KEY",
        hide_env_values = true
    )]
    pub api_key: Option<String>,
    /// Bearer token (token mode).
    #[arg(
        long,
        global = true,
        env = "CLOUDPHONE_GEELARK_TOKEN",
        hide_env_values = true
    )]
    pub token: Option<String>,
    /// API endpoint URL (default https://openapi.geelark.com), e.g. the simulator's.
    #[arg(long, global = true, env = "CLOUDPHONE_GEELARK_ENDPOINT")]
    pub endpoint: Option<String>,
    #[command(flatten)]
    pub net: NetOpts,
}

#[derive(Args, Debug)]
pub struct GeeLarkArgs {
    #[command(flatten)]
    pub opts: GeeLarkOpts,
    #[command(subcommand)]
    pub command: GeeLarkCommand,
}

#[derive(Subcommand, Debug)]
pub enum GeeLarkCommand {
    /// State of the given phones (any number), or of every phone.
    Status {
        /// Phone ids (none: every phone).
        ids: Vec<String>,
    },
    /// List phones (one page, or --all).
    List {
        /// Every page.
        #[arg(long)]
        all: bool,
        /// Page number, from 1.
        #[arg(long, default_value_t = 1)]
        page: u32,
        /// Phones per page (1 to 100).
        #[arg(long, default_value_t = 100)]
        page_size: u32,
    },
    /// Start phones.
    Start {
        /// Phone ids.
        #[arg(required = true)]
        ids: Vec<String>,
        /// Also print the remote-view URLs (whoever has one can drive the phone).
        #[arg(long)]
        show_urls: bool,
    },
    /// Stop phones.
    Stop {
        /// Phone ids.
        #[arg(required = true)]
        ids: Vec<String>,
    },
    #[command(flatten)]
    More(super::geelark_ops::GeeLarkMore),
    #[command(flatten)]
    Admin(super::geelark_admin::GeeLarkAdmin),
}

pub fn client(o: &GeeLarkOpts) -> Result<GeeLarkClient, Failure> {
    let mut b = GeeLarkClient::builder()
        .timeout(o.net.timeout())
        .connect_timeout(Duration::from_secs(10).min(o.net.timeout()))
        .retry(o.net.retry())
        .max_in_flight(o.net.parallel())
        .page_limits(o.net.page_limits());
    if let Some(hook) = o.net.dry_run_hook() {
        b = b.dry_run(hook);
    }
    // A flag or its environment variable, else the profile's value.
    let or_profile =
        |v: &Option<String>, key: &str| v.clone().or_else(|| super::config::value(key));
    if let Some(e) = or_profile(&o.endpoint, "geelark.endpoint") {
        b = b.endpoint(e);
    }
    let (app_id, api_key, token) = if o.app_id.is_some() || o.api_key.is_some() || o.token.is_some()
    {
        (o.app_id.clone(), o.api_key.clone(), o.token.clone())
    } else {
        (
            super::config::value("geelark.app_id"),
            super::config::value("geelark.api_key"),
            super::config::value("geelark.token"),
        )
    };
    match (&app_id, &api_key, &token) {
        (Some(id), Some(key), _) => b = b.key(id, key),
        (_, _, Some(t)) => b = b.token(t),
        _ => {}
    }
    b.build()
        .context(|| "configuring the GeeLark client".to_owned())
}

fn failure_json(f: &ItemFailure) -> Value {
    json!({"id": f.id, "kind": f.kind.as_str(), "code": f.code, "message": f.message})
}

fn partial<T>(o: &BatchOutcome<T>) -> u8 {
    super::output::batch_exit(o)
}

pub fn run(args: GeeLarkArgs, out: Out) -> Result<u8, Failure> {
    let c = client(&args.opts)?;
    let progress = out.progress && !out.json;
    match args.command {
        GeeLarkCommand::Status { ids } => {
            let whole = ids.is_empty();
            let ids = if whole {
                sweep::geelark_all(&c, progress)
                    .context(|| "listing GeeLark phones".to_owned())?
                    .into_iter()
                    .map(|p| p.id)
                    .collect()
            } else {
                ids
            };
            if ids.is_empty() {
                if out.json {
                    out.json(&json!({"phones": [], "failed": [], "missing": []}));
                } else {
                    println!("no GeeLark phones");
                }
                return Ok(EXIT_OK);
            }
            let outcome = sweep::geelark_status(&c, ids, progress)
                .context(|| "reading GeeLark phone status".to_owned())?;
            if let Some(f) = Failure::whole_batch("reading GeeLark phone status", &outcome) {
                return Err(f);
            }
            if out.json {
                let phones: Vec<Value> = outcome
                    .succeeded
                    .iter()
                    .map(|p| json!({"id": p.id, "serial_name": p.serial_name, "status": p.status.as_str(), "raw_status": p.raw_status}))
                    .collect();
                out.json(&json!({
                    "phones": phones,
                    "failed": outcome.failed.iter().map(failure_json).collect::<Vec<_>>(),
                    "missing": outcome.missing,
                }));
            } else if whole {
                let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
                for p in &outcome.succeeded {
                    *counts.entry(p.status.as_str()).or_default() += 1;
                }
                println!("{} GeeLark phones", thousands(outcome.total()));
                let mut t = Table::new(&["STATUS", "PHONES"]);
                for (s, n) in counts {
                    t.row(vec![s.to_owned(), thousands(n)]);
                }
                if !outcome.failed.is_empty() {
                    t.row(vec!["(failed)".into(), thousands(outcome.failed.len())]);
                }
                t.print();
            } else {
                let mut t = Table::new(&["PHONE ID", "NAME", "STATUS"]);
                for p in &outcome.succeeded {
                    t.row(vec![
                        p.id.clone(),
                        p.serial_name.clone().unwrap_or_default(),
                        p.status.to_string(),
                    ]);
                }
                for f in &outcome.failed {
                    t.row(vec![
                        f.id.clone(),
                        String::new(),
                        format!("error {} {}", f.code, f.message),
                    ]);
                }
                t.print();
            }
            Ok(partial(&outcome))
        }
        GeeLarkCommand::List {
            all,
            page,
            page_size,
        } => {
            let phones = if all {
                sweep::geelark_all(&c, progress).context(|| "listing GeeLark phones".to_owned())?
            } else {
                let op = geelark::ListPhones::new()
                    .page(page, page_size)
                    .context(|| "reading --page/--page-size".to_owned())?;
                let list = c
                    .execute(&op)
                    .context(|| "listing GeeLark phones".to_owned())?;
                if !out.json {
                    println!(
                        "GeeLark phones, page {page} ({} of {})",
                        list.records.len(),
                        list.total.map_or("?".into(), |t| thousands(t as usize))
                    );
                }
                list.records
            };
            if out.json {
                let rows: Vec<Value> = phones
                    .iter()
                    .map(|p| json!({"id": p.id, "serial_name": p.serial_name, "status": p.status.as_str(), "raw_status": p.raw_status, "tags": p.tags}))
                    .collect();
                out.json(&json!({"phones": rows}));
            } else {
                let mut t = Table::new(&["PHONE ID", "NAME", "STATUS", "TAGS"]);
                for p in &phones {
                    t.row(vec![
                        p.id.clone(),
                        p.serial_name.clone().unwrap_or_default(),
                        p.status.to_string(),
                        p.tags.join(","),
                    ]);
                }
                t.print();
            }
            Ok(EXIT_OK)
        }
        GeeLarkCommand::Start { ids, show_urls } => {
            let outcome = start(&c, ids).context(|| "starting GeeLark phones".to_owned())?;
            if let Some(f) = Failure::whole_batch("starting GeeLark phones", &outcome) {
                return Err(f);
            }
            print_started(&outcome, show_urls, out);
            Ok(partial(&outcome))
        }
        GeeLarkCommand::More(cmd) => super::geelark_ops::run(cmd, &c, &args.opts, out),
        GeeLarkCommand::Admin(cmd) => super::geelark_admin::run(cmd, &c, out),
        GeeLarkCommand::Stop { ids } => {
            let outcome = stop(&c, ids).context(|| "stopping GeeLark phones".to_owned())?;
            if let Some(f) = Failure::whole_batch("stopping GeeLark phones", &outcome) {
                return Err(f);
            }
            print_acks(&outcome, "stopped", out);
            Ok(partial(&outcome))
        }
    }
}

/// Starts any number of phones, 100 a call.
pub fn start(
    c: &GeeLarkClient,
    ids: Vec<String>,
) -> cloudphone::Result<BatchOutcome<StartedPhone>> {
    let plan = BatchPlan::new(ids, geelark::lifecycle::MAX_IDS)?;
    let mut merge = plan.merge();
    for chunk in plan.calls() {
        let r = geelark::StartPhones::new(chunk.iter().cloned())
            .and_then(|op| c.execute(&op))
            .map(CallOutcome::from);
        merge.record_result(chunk, r);
    }
    Ok(merge.finish())
}

/// Stops any number of phones, 100 a call.
pub fn stop(c: &GeeLarkClient, ids: Vec<String>) -> cloudphone::Result<BatchOutcome<PhoneAck>> {
    acked(c, ids, |chunk| {
        geelark::StopPhones::new(chunk.iter().cloned())
    })
}

/// Deletes any number of phones, 100 a call.
pub fn delete(c: &GeeLarkClient, ids: Vec<String>) -> cloudphone::Result<BatchOutcome<PhoneAck>> {
    acked(c, ids, |chunk| {
        geelark::DeletePhones::new(chunk.iter().cloned())
    })
}

/// Runs a stop-shaped call (answered per phone, shape A) over any number of
/// phones, 100 a call.
fn acked<O>(
    c: &GeeLarkClient,
    ids: Vec<String>,
    make: impl Fn(&[String]) -> cloudphone::Result<O>,
) -> cloudphone::Result<BatchOutcome<PhoneAck>>
where
    O: cloudphone::Operation<Config = geelark::Config, Output = geelark::LifecycleReport>,
{
    let plan = BatchPlan::new(ids, geelark::lifecycle::MAX_IDS)?;
    let mut merge = plan.merge();
    for chunk in plan.calls() {
        let r = make(chunk)
            .and_then(|op| c.execute(&op))
            .map(CallOutcome::from);
        merge.record_result(chunk, r);
    }
    Ok(merge.finish())
}

pub fn print_started(o: &BatchOutcome<StartedPhone>, show_urls: bool, out: Out) {
    let url = |p: &StartedPhone| match (&p.url, show_urls) {
        (Some(u), true) => Value::String(u.expose().to_owned()),
        (Some(_), false) => Value::String("** hidden (--show-urls) **".into()),
        (None, _) => Value::Null,
    };
    if out.json {
        let ok: Vec<Value> = o
            .succeeded
            .iter()
            .map(|p| json!({"id": p.id, "charging_method": p.charging_method, "url": url(p)}))
            .collect();
        out.json(&json!({
            "started": ok,
            "failed": o.failed.iter().map(failure_json).collect::<Vec<_>>(),
            "missing": o.missing,
        }));
        return;
    }
    let mut t = Table::new(&["PHONE ID", "RESULT", "BILLING"]);
    for p in &o.succeeded {
        let result = match (&p.url, show_urls) {
            (Some(u), true) => format!("started, view at {}", u.expose()),
            _ => "started".into(),
        };
        t.row(vec![
            p.id.clone(),
            result,
            p.charging_method.clone().unwrap_or_default(),
        ]);
    }
    for f in &o.failed {
        t.row(vec![
            f.id.clone(),
            format!("{} {}", f.code, f.message),
            String::new(),
        ]);
    }
    for m in &o.missing {
        t.row(vec![m.clone(), "no answer".into(), String::new()]);
    }
    t.print();
}

/// Prints what a stop or delete did (`word`: "stopped" or "deleted").
pub fn print_acks(o: &BatchOutcome<PhoneAck>, word: &str, out: Out) {
    if out.json {
        let ok: Vec<Value> = o
            .succeeded
            .iter()
            .map(|p| json!({"id": p.id, "serial_name": p.serial_name, "status": p.status.map(|s| s.as_str())}))
            .collect();
        out.json(&json!({
            word: ok,
            "failed": o.failed.iter().map(failure_json).collect::<Vec<_>>(),
            "missing": o.missing,
        }));
        return;
    }
    let mut t = Table::new(&["PHONE ID", "RESULT"]);
    for p in &o.succeeded {
        t.row(vec![
            p.id.clone(),
            p.status.map_or(word.to_owned(), |s| s.to_string()),
        ]);
    }
    for f in &o.failed {
        t.row(vec![f.id.clone(), format!("{} {}", f.code, f.message)]);
    }
    for m in &o.missing {
        t.row(vec![m.clone(), "no answer".into()]);
    }
    t.print();
}
