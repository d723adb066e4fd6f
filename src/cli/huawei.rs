//! `cloudphone huawei …`

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use clap::{Args, Subcommand};
use serde_json::{Value, json};

use cloudphone::BatchPlan;
use cloudphone::client::HuaweiClient;
use cloudphone::huawei::adb::{Command as AdbCommand, RunCommand, RunSyncShell, Target};
use cloudphone::huawei::jobs::{Job, JobsReport, ListJobs, ShowJob};
use cloudphone::huawei::lifecycle::{ResetPhones, RestartPhones, StopPhones};
use cloudphone::huawei::phones::{ListPhones, ShowPhone};
use cloudphone::huawei::{Auth, ClientType};
use cloudphone::{BatchOutcome, CallOutcome, ItemFailure, JobStatus};

use super::config;
use super::output::{
    Context, EXIT_CONFIG, EXIT_OK, EXIT_PARTIAL, EXIT_PENDING, Failure, Progress, Table, confirm,
    short, thousands,
};
use super::{NetOpts, Out, sweep};

/// Credentials and endpoint.
#[derive(Args, Debug, Clone)]
pub struct HuaweiOpts {
    /// Access key id.
    #[arg(
        long,
        global = true,
        env = "HUAWEICLOUD_SDK_AK",
        hide_env_values = true
    )]
    pub ak: Option<String>,
    /// Secret access key (prefer the environment variable to the flag).
    #[arg(
        long,
        global = true,
        env = "HUAWEICLOUD_SDK_SK",
        hide_env_values = true
    )]
    pub sk: Option<String>,
    /// Security token of temporary AK/SK credentials.
    #[arg(
        long,
        global = true,
        env = "HUAWEICLOUD_SDK_SECURITY_TOKEN",
        hide_env_values = true
    )]
    pub security_token: Option<String>,
    /// Project id (the {project_id} of CPH paths).
    #[arg(long, global = true, env = "HUAWEICLOUD_SDK_PROJECT_ID")]
    pub project_id: Option<String>,
    /// Region, e.g. cn-north-4 (gives the endpoint unless --endpoint is set).
    #[arg(long, global = true, env = "HUAWEICLOUD_SDK_REGION")]
    pub region: Option<String>,
    /// CPH endpoint URL, e.g. the simulator's.
    #[arg(long, global = true, env = "CLOUDPHONE_HUAWEI_ENDPOINT")]
    pub endpoint: Option<String>,
    /// IAM endpoint URL (for --iam-user).
    #[arg(long, global = true, env = "CLOUDPHONE_HUAWEI_IAM_ENDPOINT")]
    pub iam_endpoint: Option<String>,
    /// Use an IAM token for this IAM user instead of AK/SK.
    #[arg(long, global = true, requires_all = ["iam_password", "iam_domain"])]
    pub iam_user: Option<String>,
    /// The IAM user's password.
    #[arg(
        long,
        global = true,
        env = "CLOUDPHONE_HUAWEI_IAM_PASSWORD",
        hide_env_values = true
    )]
    pub iam_password: Option<String>,
    /// The IAM user's account (domain) name.
    #[arg(long, global = true)]
    pub iam_domain: Option<String>,
    #[command(flatten)]
    pub net: NetOpts,
}

#[derive(Args, Debug)]
pub struct HuaweiArgs {
    #[command(flatten)]
    pub opts: HuaweiOpts,
    #[command(subcommand)]
    pub command: HuaweiCommand,
}

#[derive(Subcommand, Debug)]
pub enum HuaweiCommand {
    /// Access information (IP, port, session) for phones, any number of ids.
    Connect {
        /// Phone ids.
        #[arg(required = true)]
        ids: Vec<String>,
        /// ANDROID, WINDOWS, H5_MOBILE, H5_PC or IOS.
        #[arg(long, default_value = "ANDROID")]
        client_type: String,
        /// Also print the connection tickets (credentials).
        #[arg(long)]
        show_tickets: bool,
    },
    /// List phones (one page, or --all).
    List {
        /// Every page.
        #[arg(long)]
        all: bool,
        #[arg(long, default_value_t = 0)]
        offset: u32,
        /// Phones per page (1 to 200).
        #[arg(long, default_value_t = 100)]
        limit: u32,
        /// Only phones with this raw status code.
        #[arg(long, allow_hyphen_values = true)]
        status: Option<i64>,
        /// Only phones whose name contains this.
        #[arg(long)]
        name: Option<String>,
    },
    /// Phone flavors (every page): what servers run and phones are.
    Flavors {
        /// Only flavors in use (1) or withdrawn (0).
        #[arg(long)]
        status: Option<i64>,
        /// Server flavors instead (what a server can be bought as).
        #[arg(long, conflicts_with = "status")]
        servers: bool,
    },
    /// Images phones can run (every page), or the project's custom images.
    Images {
        /// The project's custom images (own and shared) with their state.
        #[arg(long)]
        custom: bool,
        /// public, private, share or all (custom: private or share).
        #[arg(long = "type")]
        kind: Option<String>,
    },
    /// Bandwidths of the project (system-defined network servers).
    Bandwidths,
    /// A server's tags (after --add/--remove), or every key of the project.
    Tags {
        /// The server (none: every tag key of the project).
        server: Option<String>,
        /// Add (or change) KEY=VALUE.
        #[arg(long)]
        add: Vec<String>,
        /// Remove KEY=VALUE (or KEY with any value).
        #[arg(long)]
        remove: Vec<String>,
    },
    /// Back phones' data up to OBS: one job per phone.
    Backup {
        /// Phone ids.
        #[arg(required = true)]
        phones: Vec<String>,
        /// The OBS bucket.
        #[arg(long)]
        bucket: String,
        /// The object (with several phones: a prefix, PREFIX/PHONE.tar each).
        #[arg(long)]
        object: String,
        /// Paths to take, under /data or /cache (default /data/media).
        #[arg(long)]
        include: Vec<String>,
    },
    /// Restore phones' data from OBS (restart them afterwards).
    Restore {
        /// Phone ids.
        #[arg(required = true)]
        phones: Vec<String>,
        /// The OBS bucket.
        #[arg(long)]
        bucket: String,
        /// The object (with several phones: a prefix, PREFIX/PHONE.tar each).
        #[arg(long)]
        object: String,
        /// Do not ask: the phones' data is replaced.
        #[arg(long)]
        yes: bool,
    },
    /// Restart servers (every phone on them): one job per server.
    RestartServers {
        /// Server ids.
        #[arg(required = true)]
        ids: Vec<String>,
    },
    /// State of the given phones, or a summary of the whole fleet.
    Status {
        /// Phone ids (none: every phone).
        ids: Vec<String>,
    },
    /// Restart (or start a stopped) phones: one job per phone.
    Restart(Lifecycle),
    /// Stop phones.
    Stop(Lifecycle),
    /// Factory-reset phones (their data is erased): asks first, or --yes.
    Reset(Destructive),
    /// Jobs of a request id, or one job.
    Jobs {
        /// The request id a restart/stop/reset/adb call returned.
        #[arg(required_unless_present = "job")]
        request_id: Option<String>,
        /// Show this job instead.
        #[arg(long, conflicts_with = "request_id")]
        job: Option<String>,
    },
    /// Run an adb shell command on phones (synchronous: output returned).
    Adb {
        /// Phone ids.
        #[arg(required = true)]
        ids: Vec<String>,
        /// The shell command.
        #[arg(long)]
        shell: String,
        /// Start asynchronous jobs instead (output lands in the jobs).
        #[arg(long = "async")]
        asynchronous: bool,
    },
}

/// A lifecycle verb that destroys data: asks first unless `--yes`.
#[derive(Args, Debug)]
pub struct Destructive {
    #[command(flatten)]
    pub lifecycle: Lifecycle,
    /// Do not ask for confirmation.
    #[arg(long)]
    pub yes: bool,
}

#[derive(Args, Debug)]
pub struct Lifecycle {
    /// Phone ids.
    #[arg(required = true)]
    pub ids: Vec<String>,
    /// Wait until every job finished.
    #[arg(long)]
    pub wait: bool,
    /// How long --wait waits, in seconds.
    #[arg(long, default_value_t = 600)]
    pub wait_timeout: u64,
}

pub fn client(o: &HuaweiOpts) -> Result<HuaweiClient, Failure> {
    let ctx = || "configuring the Huawei client".to_owned();
    let mut b = HuaweiClient::builder()
        .timeout(o.net.timeout())
        .connect_timeout(Duration::from_secs(10).min(o.net.timeout()))
        .retry(o.net.retry())
        .max_in_flight(o.net.parallel())
        .page_limits(o.net.page_limits());
    if let Some(hook) = o.net.dry_run_hook() {
        b = b.dry_run(hook);
    }
    // A flag or its environment variable, else the profile's value.
    let or_profile = |v: &Option<String>, key: &str| v.clone().or_else(|| config::value(key));
    if let Some(e) = or_profile(&o.endpoint, "huawei.endpoint") {
        b = b.endpoint(e);
    }
    if let Some(e) = or_profile(&o.iam_endpoint, "huawei.iam_endpoint") {
        b = b.iam_endpoint(e);
    }
    if let Some(r) = or_profile(&o.region, "huawei.region") {
        b = b.region(r);
    }
    if let Some(p) = or_profile(&o.project_id, "huawei.project_id") {
        b = b.project_id(p);
    }
    // Credentials come whole from one place: never a key from the
    // environment with a secret from the profile. Flags and variables
    // first (an IAM user, then AK/SK), then the profile (likewise).
    if let (Some(u), Some(p), Some(d)) = (&o.iam_user, &o.iam_password, &o.iam_domain) {
        b = b.iam_password(u, p, d);
    } else if let (Some(ak), Some(sk)) = (&o.ak, &o.sk) {
        b = b.auth(aksk(ak, sk, o.security_token.as_deref()));
    } else if o.ak.is_some() || o.sk.is_some() {
        // Half a key pair given: the client's "no credentials" error says
        // which variables to set, rather than the profile's key being used.
    } else if let Some(u) = config::value("huawei.iam_user") {
        let (Some(p), Some(d)) = (
            config::value("huawei.iam_password"),
            config::value("huawei.iam_domain"),
        ) else {
            return Err(Failure::other(
                ctx(),
                EXIT_CONFIG,
                "the profile has huawei.iam_user but not both huawei.iam_password and \
                 huawei.iam_domain (`cloudphone config set huawei.iam_password -`)",
            ));
        };
        b = b.iam_password(&u, &p, &d);
    } else if let (Some(ak), Some(sk)) = (config::value("huawei.ak"), config::value("huawei.sk")) {
        let token = config::value("huawei.security_token");
        b = b.auth(aksk(&ak, &sk, token.as_deref()));
    }
    b.build().context(ctx)
}

/// AK/SK credentials, temporary when a security token comes with them.
fn aksk(ak: &str, sk: &str, security_token: Option<&str>) -> Auth {
    match security_token {
        Some(t) => Auth::temporary(ak, sk, t),
        None => Auth::aksk(ak, sk),
    }
}

pub fn run(args: HuaweiArgs, out: Out) -> Result<u8, Failure> {
    let c = client(&args.opts)?;
    match args.command {
        HuaweiCommand::Connect {
            ids,
            client_type,
            show_tickets,
        } => {
            let ct: ClientType = client_type
                .parse()
                .context(|| "reading --client-type".to_owned())?;
            let bar = Progress::new("access info", ids.len(), out.progress && !out.json);
            let outcome = c
                .with_progress(bar.hook())
                .batch_connection(ids, ct)
                .context(|| "getting access information".to_owned())?;
            bar.finish();
            if let Some(f) = Failure::whole_batch("getting access information", &outcome) {
                return Err(f);
            }
            print_connect(&outcome, show_tickets, out);
            Ok(partial(&outcome))
        }
        HuaweiCommand::List {
            all,
            offset,
            limit,
            status,
            name,
        } => {
            let records = if all {
                sweep::huawei_all(&c, out.progress && !out.json)
                    .context(|| "listing Huawei phones".to_owned())?
            } else {
                let mut op = ListPhones::new()
                    .page(offset, limit)
                    .context(|| "reading --offset/--limit".to_owned())?;
                if let Some(s) = status {
                    op = op.status(s).context(|| "reading --status".to_owned())?;
                }
                if let Some(n) = name {
                    op = op.name(n).context(|| "reading --name".to_owned())?;
                }
                let page = c
                    .execute(&op)
                    .context(|| "listing Huawei phones".to_owned())?;
                if !out.json {
                    println!(
                        "Huawei phones {}–{} of {}",
                        offset as usize + 1.min(page.records.len()),
                        offset as usize + page.records.len(),
                        page.total.map_or("?".into(), |t| thousands(t as usize))
                    );
                }
                page.records
            };
            if out.json {
                out.json(&json!({"phones": records}));
            } else {
                let mut t = Table::new(&["PHONE ID", "NAME", "STATUS", "SERVER", "ZONE"]);
                for r in &records {
                    t.row(vec![
                        r.phone_id.clone(),
                        r.phone_name.clone().unwrap_or_default(),
                        r.status.to_string(),
                        short(r.server_id.as_deref().unwrap_or(""), 12),
                        r.availability_zone.clone().unwrap_or_default(),
                    ]);
                }
                t.print();
            }
            Ok(EXIT_OK)
        }
        HuaweiCommand::Flavors { servers: true, .. } => super::catalogue::server_flavors(&c, out),
        HuaweiCommand::Images { custom, kind } => {
            super::catalogue::images(&c, custom, kind.as_deref(), out)
        }
        HuaweiCommand::Bandwidths => super::catalogue::bandwidths(&c, out),
        HuaweiCommand::RestartServers { ids } => super::catalogue::restart_servers(&c, ids, out),
        HuaweiCommand::Tags {
            server,
            add,
            remove,
        } => super::catalogue::tags(&c, server, add, remove, out),
        HuaweiCommand::Backup {
            phones,
            bucket,
            object,
            include,
        } => super::catalogue::backup(&c, false, phones, bucket, object, include, out),
        HuaweiCommand::Restore {
            phones,
            bucket,
            object,
            yes,
        } => {
            confirm(
                &format!(
                    "Restore {} phone(s) from obs://{bucket}/{object}, replacing their data?",
                    phones.len()
                ),
                yes,
            )?;
            super::catalogue::backup(&c, true, phones, bucket, object, Vec::new(), out)
        }
        HuaweiCommand::Flavors { status, .. } => {
            let mut op = cloudphone::huawei::catalog::ListPhoneModels::new();
            if let Some(s) = status {
                op = op.status(s).context(|| "reading --status".to_owned())?;
            }
            let models =
                super::catalogue::every_page(&c, op, "listing Huawei phone flavors", |p| {
                    p.phone_models
                })?;
            if out.json {
                out.json(&json!({"phone_models": models}));
            } else {
                let mut t = Table::new(&[
                    "FLAVOR",
                    "SERVER FLAVOR",
                    "STATUS",
                    "CPU",
                    "MEMORY MB",
                    "PHONES/SERVER",
                ]);
                let num = |v: Option<i64>| v.map_or(String::new(), |n| n.to_string());
                for m in &models {
                    t.row(vec![
                        m.phone_model_name.clone(),
                        m.server_model_name.clone().unwrap_or_default(),
                        match m.status {
                            Some(1) => "in use".to_owned(),
                            Some(0) => "withdrawn".to_owned(),
                            other => num(other),
                        },
                        num(m.cpu),
                        num(m.memory),
                        num(m.phone_capacity),
                    ]);
                }
                t.print();
            }
            Ok(EXIT_OK)
        }
        HuaweiCommand::Status { ids } if ids.is_empty() => {
            let records = sweep::huawei_all(&c, out.progress && !out.json)
                .context(|| "listing Huawei phones".to_owned())?;
            let mut counts: BTreeMap<String, usize> = BTreeMap::new();
            for r in &records {
                *counts.entry(r.status.to_string()).or_default() += 1;
            }
            if out.json {
                out.json(&json!({"total": records.len(), "by_status": counts}));
            } else {
                println!("{} Huawei phones", thousands(records.len()));
                let mut t = Table::new(&["STATUS", "PHONES"]);
                for (s, n) in &counts {
                    t.row(vec![s.clone(), thousands(*n)]);
                }
                t.print();
            }
            Ok(EXIT_OK)
        }
        HuaweiCommand::Status { ids } => {
            // One detail call a phone, `--parallel` at a time.
            let bar = Progress::new("Huawei status", ids.len(), out.progress && !out.json);
            let outcome = c
                .with_progress(bar.hook())
                .batch(ids, 1, |one| ShowPhone::new(one[0].clone()))
                .context(|| "reading Huawei phone status".to_owned())?;
            bar.finish();
            if let Some(f) = Failure::whole_batch("reading Huawei phone status", &outcome) {
                return Err(f);
            }
            let mut rows: Vec<Value> = outcome
                .succeeded
                .iter()
                .map(|d| {
                    json!({
                        "phone_id": d.phone.phone_id,
                        "name": d.phone.phone_name,
                        "status": d.status().as_str(),
                        "raw_status": d.phone.raw_status,
                    })
                })
                .collect();
            rows.extend(outcome.failed.iter().map(|f| {
                json!({"phone_id": f.id, "error": f.message, "code": f.code, "kind": f.kind.as_str()})
            }));
            if out.json {
                out.json(&json!({"phones": rows}));
            } else {
                let mut t = Table::new(&["PHONE ID", "NAME", "STATUS"]);
                for r in &rows {
                    t.row(vec![
                        text(&r["phone_id"]),
                        text(&r["name"]),
                        match r.get("error") {
                            Some(_) => format!("error {}", text(&r["code"])),
                            None => text(&r["status"]),
                        },
                    ]);
                }
                t.print();
            }
            Ok(partial(&outcome))
        }
        HuaweiCommand::Restart(l) => lifecycle(&c, "restart", l, out),
        HuaweiCommand::Stop(l) => lifecycle(&c, "stop", l, out),
        HuaweiCommand::Reset(d) => {
            confirm(
                &format!(
                    "Factory-reset {} phone(s), erasing their data?",
                    d.lifecycle.ids.len()
                ),
                d.yes,
            )?;
            lifecycle(&c, "reset", d.lifecycle, out)
        }
        HuaweiCommand::Jobs { request_id, job } => {
            let jobs = match (job, request_id) {
                (Some(j), _) => vec![
                    ShowJob::new(j.clone())
                        .and_then(|op| c.execute(&op))
                        .context(|| format!("reading job {j}"))?,
                ],
                (None, Some(r)) => {
                    ListJobs::for_request(r.clone())
                        .and_then(|op| c.execute(&op))
                        .context(|| format!("listing the jobs of request {r}"))?
                        .jobs
                }
                (None, None) => Vec::new(),
            };
            print_jobs(&jobs, out);
            Ok(if jobs.iter().any(|j| j.status == JobStatus::Failed) {
                EXIT_PARTIAL
            } else {
                EXIT_OK
            })
        }
        HuaweiCommand::Adb {
            ids,
            shell,
            asynchronous,
        } => adb(&c, ids, shell, asynchronous, out),
    }
}

fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

fn partial<T>(o: &BatchOutcome<T>) -> u8 {
    super::output::batch_exit(o)
}

fn failure_json(f: &ItemFailure) -> Value {
    json!({"id": f.id, "kind": f.kind.as_str(), "code": f.code, "message": f.message})
}

pub fn print_connect(
    o: &BatchOutcome<cloudphone::huawei::ConnectInfo>,
    show_tickets: bool,
    out: Out,
) {
    let ticket = |t: Option<&cloudphone::Secret>| match (t, show_tickets) {
        (Some(t), true) => Value::String(t.expose().to_owned()),
        (Some(_), false) => Value::String("** hidden (--show-tickets) **".into()),
        (None, _) => Value::Null,
    };
    if out.json {
        let ok: Vec<Value> = o
            .succeeded
            .iter()
            .map(|c| {
                let a = &c.access_info;
                json!({
                    "phone_id": c.phone_id,
                    "access_ip": a.access_ip,
                    "intranet_ip": a.intranet_ip,
                    "access_port": a.access_port,
                    "session_id": a.session_id,
                    "timestamp": a.timestamp,
                    "ticket": ticket(a.ticket.as_ref()),
                })
            })
            .collect();
        out.json(&json!({
            "connect_infos": ok,
            "failed": o.failed.iter().map(failure_json).collect::<Vec<_>>(),
            "missing": o.missing,
            "request_ids": o.request_ids,
        }));
        return;
    }
    let mut t = Table::new(&["PHONE ID", "ACCESS", "SESSION", "RESULT"]);
    for c in &o.succeeded {
        let a = &c.access_info;
        t.row(vec![
            c.phone_id.clone(),
            format!(
                "{}:{}",
                a.access_ip.as_deref().unwrap_or("?"),
                a.access_port.map_or("?".into(), |p| p.to_string())
            ),
            short(a.session_id.as_deref().unwrap_or(""), 12),
            if show_tickets {
                format!(
                    "ok, ticket {}",
                    a.ticket.as_ref().map_or("", |t| t.expose())
                )
            } else {
                "ok".into()
            },
        ]);
    }
    for f in &o.failed {
        t.row(vec![
            f.id.clone(),
            String::new(),
            String::new(),
            format!("{} {}", f.code, f.message),
        ]);
    }
    for m in &o.missing {
        t.row(vec![
            m.clone(),
            String::new(),
            String::new(),
            "no answer".into(),
        ]);
    }
    t.print();
}

fn lifecycle(c: &HuaweiClient, verb: &'static str, l: Lifecycle, out: Out) -> Result<u8, Failure> {
    let plan = BatchPlan::new(l.ids, cloudphone::huawei::lifecycle::MAX_IDS)
        .context(|| "reading the phone ids".to_owned())?;
    let mut merge = plan.merge();
    let mut requests = Vec::new();
    for chunk in plan.calls() {
        let ids = chunk.iter().cloned();
        let r: cloudphone::Result<JobsReport> = match verb {
            "restart" => RestartPhones::new(ids).and_then(|op| c.execute(&op)),
            "stop" => StopPhones::new(ids).and_then(|op| c.execute(&op)),
            _ => ResetPhones::new(ids).and_then(|op| c.execute(&op)),
        };
        // Not idempotent: a call that failed as a whole is reported, not retried.
        if let Ok(j) = &r {
            requests.extend(j.request_id.clone());
        }
        merge.record_result(chunk, r.map(CallOutcome::from));
    }
    let outcome = merge.finish();
    if let Some(f) = Failure::whole_batch(format!("sending {verb} to Huawei phones"), &outcome) {
        return Err(f);
    }
    let mut jobs = Vec::new();
    if l.wait && !requests.is_empty() {
        let deadline = super::deadline_after(Duration::from_secs(l.wait_timeout));
        loop {
            jobs.clear();
            for r in &requests {
                let page = ListJobs::for_request(r.clone())
                    .and_then(|op| c.execute(&op))
                    .context(|| format!("polling the jobs of request {r}"))?;
                jobs.extend(page.jobs);
            }
            if jobs.iter().all(|j| j.status.is_terminal()) || Instant::now() >= deadline {
                break;
            }
            std::thread::sleep(Duration::from_millis(500));
        }
    }
    if out.json {
        out.json(&json!({
            "request_ids": requests,
            "jobs": outcome.succeeded,
            "failed": outcome.failed.iter().map(failure_json).collect::<Vec<_>>(),
            "missing": outcome.missing,
            "finished_jobs": jobs,
            "pending": outcome.succeeded.iter().filter(|s| l.wait && !jobs.iter().any(|j| {
                j.job_id.as_deref() == Some(s.job_id.as_str()) && j.status.is_terminal()
            })).map(|s| &s.id).collect::<Vec<_>>(),
        }));
    } else {
        println!(
            "{verb}: {} job(s) started, {} refused (request {})",
            outcome.succeeded.len(),
            outcome.failed.len() + outcome.missing.len(),
            requests.join(", ")
        );
        let mut t = Table::new(&["PHONE ID", "JOB ID", "RESULT"]);
        for j in &outcome.succeeded {
            let done = jobs
                .iter()
                .find(|x| x.job_id.as_deref() == Some(j.job_id.as_str()));
            t.row(vec![
                j.id.clone(),
                j.job_id.clone(),
                match done {
                    Some(d) => job_text(d),
                    None => "started".into(),
                },
            ]);
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
    // Started phones whose job had not finished when the wait ended: named,
    // and the exit code says so (never 0 with work still running).
    let pending: Vec<&str> = if l.wait {
        outcome
            .succeeded
            .iter()
            .filter(|s| {
                !jobs.iter().any(|j| {
                    j.job_id.as_deref() == Some(s.job_id.as_str()) && j.status.is_terminal()
                })
            })
            .map(|s| s.id.as_str())
            .collect()
    } else {
        Vec::new()
    };
    if !pending.is_empty() {
        eprintln!(
            "cloudphone: {} phone(s) still pending after --wait-timeout {} s: {}",
            pending.len(),
            l.wait_timeout,
            pending.join(" ")
        );
        return Ok(EXIT_PENDING);
    }
    let jobs_failed = jobs.iter().any(|j| j.status == JobStatus::Failed);
    Ok(match partial(&outcome) {
        EXIT_OK if jobs_failed => EXIT_PARTIAL,
        code => code,
    })
}

pub fn job_text(j: &Job) -> String {
    match j.status {
        JobStatus::Failed => format!(
            "failed: {} {}",
            j.error_code.as_deref().unwrap_or(""),
            j.error_msg.as_deref().unwrap_or("")
        ),
        s => s.as_str().to_owned(),
    }
}

fn print_jobs(jobs: &[Job], out: Out) {
    if out.json {
        out.json(&json!({"jobs": jobs}));
        return;
    }
    let mut t = Table::new(&["JOB ID", "PHONE ID", "STATUS", "OUTPUT"]);
    for j in jobs {
        t.row(vec![
            j.job_id.clone().unwrap_or_default(),
            j.phone_id.clone().unwrap_or_default(),
            job_text(j),
            j.execute_msg
                .clone()
                .unwrap_or_default()
                .replace('\n', " | "),
        ]);
    }
    t.print();
}

fn adb(
    c: &HuaweiClient,
    ids: Vec<String>,
    shell: String,
    asynchronous: bool,
    out: Out,
) -> Result<u8, Failure> {
    if asynchronous {
        let op = RunCommand::new(AdbCommand::Shell(shell), Target::Phones(ids))
            .context(|| "reading the adb command".to_owned())?;
        let started = c
            .execute(&op)
            .context(|| "starting the adb command".to_owned())?;
        if out.json {
            out.json(&json!(started));
        } else {
            println!(
                "adb: {} job(s) started (request {}); see `cloudphone huawei jobs {}`",
                started.jobs.len(),
                started.request_id.as_deref().unwrap_or("?"),
                started.request_id.as_deref().unwrap_or("REQUEST_ID")
            );
            for f in &started.errors {
                println!("  {} refused: {} {}", f.id, f.code, f.message);
            }
        }
        return Ok(if started.errors.is_empty() {
            EXIT_OK
        } else {
            EXIT_PARTIAL
        });
    }
    let plan = BatchPlan::new(ids, cloudphone::huawei::adb::MAX_SYNC_IDS)
        .context(|| "reading the phone ids".to_owned())?;
    let mut merge = plan.merge();
    for chunk in plan.calls() {
        let r = RunSyncShell::new(shell.clone(), Target::Phones(chunk.to_vec()))
            .and_then(|op| c.execute(&op))
            .map(CallOutcome::from);
        merge.record_result(chunk, r);
    }
    let outcome = merge.finish();
    if let Some(f) = Failure::whole_batch("running the adb command", &outcome) {
        return Err(f);
    }
    if out.json {
        out.json(&json!({
            "outputs": outcome.succeeded,
            "failed": outcome.failed.iter().map(failure_json).collect::<Vec<_>>(),
            "missing": outcome.missing,
        }));
    } else {
        let mut t = Table::new(&["PHONE ID", "OUTPUT"]);
        for o in &outcome.succeeded {
            t.row(vec![o.phone_id.clone(), o.output.replace('\n', " | ")]);
        }
        for f in &outcome.failed {
            t.row(vec![
                f.id.clone(),
                format!("error {} {}", f.code, f.message),
            ]);
        }
        t.print();
    }
    Ok(partial(&outcome))
}
