//! `cloudphone demo`: the main job, end to end, against an embedded
//! simulator, through the public client API — what a program managing a
//! mixed fleet does every day.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use clap::Args;
use serde_json::json;

use cloudphone::client::{Fleet, GeeLarkClient, HuaweiClient};
use cloudphone::huawei::ClientType;
use cloudphone::huawei::jobs::ListJobs;
use cloudphone::huawei::lifecycle::RestartPhones;
use cloudphone::sim::{Sim, SimConfig};
use cloudphone::{Phone, PhoneStatus, Provider};

use super::output::{Context, EXIT_INTERNAL, EXIT_OK, Failure, Progress, Table, short, thousands};
use super::{Out, geelark, huawei};

#[derive(Args, Debug)]
pub struct DemoArgs {
    /// Phones per provider in the simulated fleet.
    #[arg(long, default_value_t = 1000)]
    pub phones: usize,
    /// Seed of the simulated fleet.
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// How long simulated jobs and starts take, in ms.
    #[arg(long, default_value_t = 400)]
    pub job_ms: u64,
    /// Huawei phones to get access information for.
    #[arg(long, default_value_t = 25)]
    pub page: usize,
}

pub fn run(args: DemoArgs, out: Out) -> Result<u8, Failure> {
    let t0 = Instant::now();
    let progress = out.progress && !out.json;
    let say = |s: &str| {
        if !out.json {
            println!("{s}");
        }
    };
    let sim = Sim::start(
        SimConfig::default()
            .phones(args.phones)
            .seed(args.seed)
            .job_duration(Duration::from_millis(args.job_ms)),
    )
    .map_err(|e| Failure::other("starting the simulator", EXIT_INTERNAL, e.to_string()))?;
    let creds = sim.huawei();
    let hw = HuaweiClient::builder()
        .endpoint(sim.url())
        .project_id(&creds.project_id)
        .aksk(&creds.access_key, creds.secret_key.expose())
        .build()
        .context(|| "configuring the Huawei client".to_owned())?;
    let g = sim.geelark();
    let gl = GeeLarkClient::builder()
        .endpoint(sim.url())
        .key(&g.app_id, g.api_key.expose())
        .build()
        .context(|| "configuring the GeeLark client".to_owned())?;

    say(&format!(
        "cloudphone demo: simulator at {} with {} Huawei + {} GeeLark phones (seed {})\n",
        sim.url(),
        thousands(args.phones),
        thousands(args.phones),
        args.seed
    ));

    // 1. The fleet, both providers through one provider-neutral API.
    say("1. List the fleet (Huawei 200 a page, GeeLark 100 a page, side by side)");
    let bar = Progress::new("phones", 2 * args.phones, progress);
    let fleet = Fleet::new()
        .huawei(hw.with_progress(bar.hook()))
        .geelark(gl.with_progress(bar.hook()));
    let phones = fleet.list().context(|| "listing the fleet".to_owned())?;
    bar.finish();
    let (hw_phones, gl_phones): (Vec<&Phone>, Vec<&Phone>) =
        phones.iter().partition(|p| p.provider == Provider::Huawei);
    let mut t = Table::new(&["PROVIDER", "PHONES", "CALLS"]);
    t.row(vec![
        "huawei".into(),
        thousands(hw_phones.len()),
        hw_phones.len().div_ceil(200).max(1).to_string(),
    ]);
    t.row(vec![
        "geelark".into(),
        thousands(gl_phones.len()),
        gl_phones.len().div_ceil(100).max(1).to_string(),
    ]);
    if !out.json {
        t.print();
        println!();
    }

    // 2. Status of every phone, both providers, one neutral model.
    say("2. Status of every phone on both providers (Huawei by list, GeeLark 100 ids a call)");
    let status = if phones.is_empty() {
        None
    } else {
        let bar = Progress::new("status", phones.len(), progress);
        let fleet = Fleet::new()
            .huawei(hw.clone())
            .geelark(gl.with_progress(bar.hook()));
        let s = fleet
            .status(&phones)
            .context(|| "reading the fleet's status".to_owned())?;
        bar.finish();
        Some(s)
    };
    let mut by_status: BTreeMap<&'static str, [usize; 2]> = BTreeMap::new();
    for p in status.iter().flat_map(|s| &s.succeeded) {
        let column = usize::from(p.provider == Provider::GeeLark);
        by_status.entry(p.status.as_str()).or_default()[column] += 1;
    }
    let mut t = Table::new(&["STATUS", "HUAWEI", "GEELARK", "TOTAL"]);
    for (s, [h, g]) in &by_status {
        t.row(vec![
            (*s).to_owned(),
            thousands(*h),
            thousands(*g),
            thousands(h + g),
        ]);
    }
    let gl_unanswered = status
        .as_ref()
        .map_or(0, |s| s.failed.len() + s.missing.len());
    if !out.json {
        t.print();
        println!(
            "  {} phones accounted for; {} without an answer\n",
            thousands(hw_phones.len() + gl_phones.len()),
            gl_unanswered
        );
    }

    // 3. Access information for a page of Huawei phones.
    let page: Vec<String> = hw_phones
        .iter()
        .take(args.page)
        .map(|p| p.id.clone())
        .collect();
    say(&format!(
        "3. Access info for the first {} Huawei phones (batch-connection, at most 10 ids a call)",
        page.len()
    ));
    let connect = if page.is_empty() {
        None
    } else {
        Some(
            hw.batch_connection(page, ClientType::Android)
                .context(|| "getting access information".to_owned())?,
        )
    };
    if let Some(c) = &connect {
        if !out.json {
            let mut t = Table::new(&["PHONE ID", "ACCESS", "SESSION", "RESULT"]);
            const SHOWN: usize = 5;
            for i in c.succeeded.iter().take(SHOWN) {
                let a = &i.access_info;
                t.row(vec![
                    short(&i.phone_id, 16),
                    format!(
                        "{}:{}",
                        a.access_ip.as_deref().unwrap_or("?"),
                        a.access_port.map_or("?".into(), |p| p.to_string())
                    ),
                    short(a.session_id.as_deref().unwrap_or(""), 12),
                    "ok (ticket hidden)".into(),
                ]);
            }
            if c.succeeded.len() > SHOWN {
                t.row(vec![
                    format!("… {} more", c.succeeded.len() - SHOWN),
                    String::new(),
                    String::new(),
                    "ok".into(),
                ]);
            }
            for f in &c.failed {
                t.row(vec![
                    short(&f.id, 16),
                    String::new(),
                    String::new(),
                    format!("{} {}", f.code, f.message),
                ]);
            }
            t.print();
            println!(
                "  {} ok, {} refused, {} missing, in {} calls\n",
                c.succeeded.len(),
                c.failed.len(),
                c.missing.len(),
                c.request_ids.len()
            );
        }
    }

    // 4. Restart two stopped Huawei phones and watch their jobs.
    let stopped: Vec<String> = hw_phones
        .iter()
        .filter(|p| p.status == PhoneStatus::Stopped)
        .take(2)
        .map(|p| p.id.clone())
        .collect();
    let mut restart_json = json!(null);
    if !stopped.is_empty() {
        say("4. Restart two stopped Huawei phones and wait for their jobs");
        let started = RestartPhones::new(stopped.iter().cloned())
            .and_then(|op| hw.execute(&op))
            .context(|| "restarting Huawei phones".to_owned())?;
        let mut jobs = Vec::new();
        if let Some(rid) = &started.request_id {
            let deadline = super::deadline_after(Duration::from_millis(
                args.job_ms.saturating_mul(10).saturating_add(5000),
            ));
            loop {
                jobs = ListJobs::for_request(rid.clone())
                    .and_then(|op| hw.execute(&op))
                    .context(|| format!("polling the jobs of request {rid}"))?
                    .jobs;
                if jobs.iter().all(|j| j.status.is_terminal()) || Instant::now() > deadline {
                    break;
                }
                std::thread::sleep(Duration::from_millis((args.job_ms / 4).clamp(50, 1000)));
            }
        }
        if !out.json {
            let mut t = Table::new(&["PHONE ID", "JOB", "RESULT"]);
            for j in &jobs {
                t.row(vec![
                    short(j.phone_id.as_deref().unwrap_or(""), 16),
                    short(j.job_id.as_deref().unwrap_or(""), 12),
                    huawei::job_text(j),
                ]);
            }
            for f in &started.errors {
                t.row(vec![
                    short(&f.id, 16),
                    String::new(),
                    format!("{} {}", f.code, f.message),
                ]);
            }
            t.print();
            println!();
        }
        restart_json =
            json!({"request_id": started.request_id, "jobs": jobs, "refused": started.errors});
    }

    // 5. Start and stop a few GeeLark phones.
    let mut picks: Vec<String> = gl_phones
        .iter()
        .filter(|p| p.status == PhoneStatus::Stopped)
        .take(3)
        .map(|p| p.id.clone())
        .collect();
    picks.extend(
        gl_phones
            .iter()
            .filter(|p| p.status == PhoneStatus::Expired)
            .take(1)
            .map(|p| p.id.clone()),
    );
    let mut gl_json = json!(null);
    if !picks.is_empty() {
        say(&format!(
            "5. Start {} GeeLark phones (one is expired), wait until they run, stop them",
            picks.len()
        ));
        let started =
            geelark::start(&gl, picks.clone()).context(|| "starting GeeLark phones".to_owned())?;
        if !out.json {
            geelark::print_started(&started, false, out);
        }
        let ids: Vec<String> = started.succeeded.iter().map(|p| p.id.clone()).collect();
        let mut states = Vec::new();
        if !ids.is_empty() {
            let deadline = super::deadline_after(Duration::from_millis(
                args.job_ms.saturating_mul(10).saturating_add(5000),
            ));
            loop {
                let s = gl
                    .phone_status(ids.clone())
                    .context(|| "reading GeeLark phone status".to_owned())?;
                states = s.succeeded;
                if states.iter().all(|p| p.status.is_running()) || Instant::now() > deadline {
                    break;
                }
                std::thread::sleep(Duration::from_millis((args.job_ms / 4).clamp(50, 1000)));
            }
            say(&format!(
                "  now: {}",
                states
                    .iter()
                    .map(|p| format!("{} {}", short(&p.id, 10), p.status))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        let stopped = if ids.is_empty() {
            None
        } else {
            Some(geelark::stop(&gl, ids).context(|| "stopping GeeLark phones".to_owned())?)
        };
        if let (Some(s), false) = (&stopped, out.json) {
            geelark::print_acks(s, "stopped", out);
            println!();
        }
        gl_json = json!({
            "started": started.succeeded.iter().map(|p| &p.id).collect::<Vec<_>>(),
            "start_failed": started.failed,
            "running_before_stop": states.iter().filter(|p| p.status.is_running()).count(),
            "stopped": stopped.as_ref().map(|s| s.succeeded.iter().map(|p| &p.id).collect::<Vec<_>>()),
        });
    }

    let elapsed = t0.elapsed();
    if out.json {
        out.json(&json!({
            "simulator": sim.url(),
            "fleet": {"huawei": hw_phones.len(), "geelark": gl_phones.len()},
            "status": by_status.iter().map(|(s, [h, g])| (s.to_string(), json!({"huawei": h, "geelark": g}))).collect::<serde_json::Map<_, _>>(),
            "geelark_unanswered": gl_unanswered,
            "access_info": connect.as_ref().map(|c| json!({
                "ok": c.succeeded.len(),
                "failed": c.failed,
                "missing": c.missing,
                "calls": c.request_ids.len(),
            })),
            "huawei_restart": restart_json,
            "geelark_start_stop": gl_json,
            "requests": sim.request_count(),
            "elapsed_ms": elapsed.as_millis() as u64,
            "providers": [Provider::Huawei.as_str(), Provider::GeeLark.as_str()],
        }));
    } else {
        println!(
            "Done in {:.2} s: {} requests, all signed and checked by the simulator.",
            elapsed.as_secs_f64(),
            thousands(sim.request_count() as usize)
        );
    }
    Ok(EXIT_OK)
}
