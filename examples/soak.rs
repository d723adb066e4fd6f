//! Soak: a bounded, mixed, many-threaded workload against the simulator with
//! faults on, checking that the client stays flat and loses nothing.
//!
//! ```text
//! cargo run --release --features sim --example soak -- [SECS] [--threads N] [--seed N]
//!     [--max-rss-growth-mib N]
//! bash scripts/soak.sh [SECS]
//! ```
//!
//! The simulator runs in a child process (this same program with
//! `--sim-child`), so the memory, threads and sockets measured here are the
//! client's alone — not the simulator's job history. Worker threads share
//! three clients (Huawei AK/SK, Huawei IAM password, GeeLark key mode) and
//! now and then build and drop a fresh one; a fault thread keeps injecting
//! random (seeded) faults over the simulator's control endpoint: latency,
//! silence, resets, closes, truncated and oversized bodies, 5xx, 429 with
//! `Retry-After`, GeeLark envelope codes, invalid JSON, refused credentials
//! and a skewed clock.
//!
//! Checked, and the exit status is 1 when any check fails:
//!
//! - every operation started ends as a success or a typed error (none
//!   panics, none outlives [`OP_BOUND`]);
//! - every id of every batch comes back exactly once (succeeded, failed or
//!   missing);
//! - RSS, sampled every second from `/proc/self/status`, grows by at most
//!   `--max-rss-growth-mib` (default 16) between the end of the warm-up and
//!   the end of the run;
//! - threads (`/proc/self/task`) and sockets (`/proc/self/fd` → `socket:`)
//!   are back to their starting counts once the clients are dropped.

use std::collections::{BTreeMap, HashSet};
use std::io::{BufRead, BufReader, Write};
use std::panic::AssertUnwindSafe;
use std::process::{Command, ExitCode, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use cloudphone::client::{GeeLarkClient, HuaweiClient, RetryPolicy, Transport};
use cloudphone::huawei::ClientType;
use cloudphone::huawei::adb::{RunSyncShell, Target};
use cloudphone::huawei::jobs::ListJobs;
use cloudphone::huawei::lifecycle::RestartPhones;
use cloudphone::huawei::phones::{ListPhones, ShowPhone};
use cloudphone::sim::{Sim, SimConfig};
use cloudphone::{BatchItem, BatchOutcome, BatchPlan, CallOutcome, ErrorKind, Method, geelark};

/// No single operation (retries and fan-out included) may take longer.
const OP_BOUND: Duration = Duration::from_secs(30);
/// The clients' whole-request timeout.
const TIMEOUT: Duration = Duration::from_secs(1);

// ------------------------------------------------------------------ options

struct Options {
    secs: u64,
    threads: usize,
    seed: u64,
    max_rss_growth_mib: f64,
}

fn parse_args() -> Result<Options, String> {
    let mut o = Options {
        secs: 60,
        threads: 16,
        seed: 1,
        max_rss_growth_mib: 16.0,
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = |name: &str| args.next().ok_or_else(|| format!("{name} needs a value"));
        match a.as_str() {
            "--threads" => {
                o.threads = value("--threads")?
                    .parse()
                    .map_err(|e| format!("--threads: {e}"))?
            }
            "--seed" => {
                o.seed = value("--seed")?
                    .parse()
                    .map_err(|e| format!("--seed: {e}"))?
            }
            "--max-rss-growth-mib" => {
                o.max_rss_growth_mib = value("--max-rss-growth-mib")?
                    .parse()
                    .map_err(|e| format!("--max-rss-growth-mib: {e}"))?
            }
            "-h" | "--help" => {
                return Err(
                    "usage: soak [SECS] [--threads N] [--seed N] [--max-rss-growth-mib N]".into(),
                );
            }
            s => {
                o.secs = s
                    .parse()
                    .map_err(|_| format!("not a number of seconds: {s}"))?
            }
        }
    }
    o.threads = o.threads.max(1);
    Ok(o)
}

// ------------------------------------------------------------- /proc probes

fn rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|n| n.parse().ok())
        })
        .unwrap_or(0)
}

fn threads() -> usize {
    std::fs::read_dir("/proc/self/task").map_or(0, |d| d.count())
}

fn sockets() -> usize {
    std::fs::read_dir("/proc/self/fd").map_or(0, |d| {
        d.filter_map(|e| e.ok())
            .filter(|e| {
                std::fs::read_link(e.path())
                    .is_ok_and(|t| t.to_string_lossy().starts_with("socket:"))
            })
            .count()
    })
}

/// (time since start, RSS KiB, threads, sockets).
type Sample = (Duration, u64, usize, usize);

fn mib(kib: u64) -> f64 {
    kib as f64 / 1024.0
}

// ---------------------------------------------------------------------- rng

/// SplitMix64, seeded: the same seed gives the same workload and faults
/// (timing still varies).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next() % n }
    }

    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.below(hi - lo + 1)
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    /// `n` distinct ids from `all`, sometimes with an unknown one.
    fn ids(&mut self, all: &[String], n: usize) -> Vec<String> {
        let mut set = HashSet::new();
        let mut out = Vec::with_capacity(n);
        while out.len() < n.min(all.len()) {
            let id = self.pick(all).clone();
            if set.insert(id.clone()) {
                out.push(id);
            }
        }
        if self.below(10) == 0 {
            out.push(format!("{:032x}", self.next()));
        }
        out
    }
}

// ------------------------------------------------------- the simulator child

fn sim_config(seed: u64) -> SimConfig {
    SimConfig::default()
        .seed(seed)
        .phones(500)
        .job_duration(Duration::from_millis(300))
        .geelark_rate_limit(u32::MAX)
        .geelark_hourly_limit(u32::MAX)
}

/// Child mode: start the simulator, print what the parent needs as one JSON
/// line, and serve until stdin closes; then print the request count.
fn sim_child(seed: u64) -> ExitCode {
    let sim = Sim::start(sim_config(seed)).expect("start the simulator");
    let hw = sim.huawei();
    let gl = sim.geelark();
    let info = serde_json::json!({
        "url": sim.url(),
        "ak": hw.access_key, "sk": hw.secret_key.expose(), "project_id": hw.project_id,
        "iam_user": hw.iam_user, "iam_password": hw.iam_password.expose(), "iam_domain": hw.iam_domain,
        "app_id": gl.app_id, "api_key": gl.api_key.expose(),
        "huawei_ids": sim.huawei_phone_ids(), "geelark_ids": sim.geelark_phone_ids(),
    });
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{info}");
    let _ = out.flush();
    drop(out);
    let mut sink = String::new();
    while std::io::stdin().read_line(&mut sink).is_ok_and(|n| n > 0) {
        sink.clear();
    }
    println!("REQUESTS {}", sim.request_count());
    ExitCode::SUCCESS
}

struct Remote {
    url: String,
    ak: String,
    sk: String,
    project_id: String,
    iam_user: String,
    iam_password: String,
    iam_domain: String,
    app_id: String,
    api_key: String,
    huawei_ids: Vec<String>,
    geelark_ids: Vec<String>,
}

impl Remote {
    fn from_json(v: &serde_json::Value) -> Remote {
        let s = |k: &str| v[k].as_str().unwrap_or_default().to_owned();
        let ids = |k: &str| {
            v[k].as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|x| x.as_str().map(str::to_owned))
                        .collect()
                })
                .unwrap_or_default()
        };
        Remote {
            url: s("url"),
            ak: s("ak"),
            sk: s("sk"),
            project_id: s("project_id"),
            iam_user: s("iam_user"),
            iam_password: s("iam_password"),
            iam_domain: s("iam_domain"),
            app_id: s("app_id"),
            api_key: s("api_key"),
            huawei_ids: ids("huawei_ids"),
            geelark_ids: ids("geelark_ids"),
        }
    }
}

// ------------------------------------------------------------------ clients

fn policy() -> RetryPolicy {
    RetryPolicy::default()
        .max_attempts(3)
        .base_delay(Duration::from_millis(20))
        .max_delay(Duration::from_millis(200))
        .rate_limited_min_delay(Duration::from_millis(50))
        .max_retry_after(Duration::from_secs(2))
        .budget(Duration::from_secs(8))
}

fn transport() -> Transport {
    Transport::builder()
        .timeout(Some(TIMEOUT))
        .connect_timeout(Some(TIMEOUT))
        .body_limit(256 * 1024)
        .build()
        .expect("transport")
}

fn huawei_aksk(r: &Remote, t: Transport) -> HuaweiClient {
    HuaweiClient::builder()
        .endpoint(&r.url)
        .project_id(&r.project_id)
        .aksk(&r.ak, &r.sk)
        .transport(t)
        .retry(policy())
        .max_in_flight(4)
        // The soak hammers sync commands far past Huawei's 6 a minute; the
        // simulator does not limit them, and the client's spacing would
        // only make workers wait past the soak's bounds.
        .no_sync_command_rate_limit()
        .build()
        .expect("huawei client")
}

fn huawei_iam(r: &Remote, t: Transport) -> HuaweiClient {
    HuaweiClient::builder()
        .endpoint(&r.url)
        .iam_endpoint(&r.url)
        .project_id(&r.project_id)
        .iam_password(&r.iam_user, &r.iam_password, &r.iam_domain)
        .transport(t)
        .retry(policy())
        .build()
        .expect("iam client")
}

fn geelark(r: &Remote, t: Transport) -> GeeLarkClient {
    GeeLarkClient::builder()
        .endpoint(&r.url)
        .key(&r.app_id, &r.api_key)
        .no_rate_limit()
        .transport(t)
        .retry(policy())
        .max_in_flight(4)
        .build()
        .expect("geelark client")
}

struct Clients {
    huawei: HuaweiClient,
    iam: HuaweiClient,
    geelark: GeeLarkClient,
}

// ----------------------------------------------------------------- workload

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Op {
    HwConnect,
    HwList,
    HwShow,
    HwRestart,
    HwShell,
    HwJobs,
    IamList,
    GlStatus,
    GlList,
    GlStart,
    GlStop,
    FreshClient,
}

/// Weighted: reads dominate, as in a fleet dashboard.
const MIX: [(Op, u64); 12] = [
    (Op::HwConnect, 16),
    (Op::HwList, 10),
    (Op::HwShow, 10),
    (Op::HwRestart, 4),
    (Op::HwShell, 4),
    (Op::HwJobs, 6),
    (Op::IamList, 8),
    (Op::GlStatus, 16),
    (Op::GlList, 10),
    (Op::GlStart, 3),
    (Op::GlStop, 3),
    (Op::FreshClient, 2),
];

fn pick_op(rng: &mut Rng) -> Op {
    let total: u64 = MIX.iter().map(|(_, w)| w).sum();
    let mut roll = rng.below(total);
    for (op, w) in MIX {
        if roll < w {
            return op;
        }
        roll -= w;
    }
    MIX[0].0
}

#[derive(Default)]
struct Tally {
    started: u64,
    ok: u64,
    errors: BTreeMap<&'static str, u64>,
    panics: u64,
    /// Batch ids requested, and how they came back.
    ids_requested: u64,
    ids_ok: u64,
    ids_failed: BTreeMap<&'static str, u64>,
    ids_missing: u64,
    id_problems: Vec<String>,
    slowest: Duration,
}

#[derive(Default)]
struct Stats {
    per_op: BTreeMap<Op, Tally>,
}

/// How one operation ended.
enum Ended {
    Single(Result<(), ErrorKind>),
    Batch {
        requested: Vec<String>,
        ok: Vec<String>,
        failed: Vec<(String, ErrorKind)>,
        missing: Vec<String>,
    },
}

fn batch<T: BatchItem>(requested: Vec<String>, out: BatchOutcome<T>) -> Ended {
    Ended::Batch {
        requested,
        ok: out
            .succeeded
            .iter()
            .map(|s| s.item_id().to_owned())
            .collect(),
        failed: out.failed.into_iter().map(|f| (f.id, f.kind)).collect(),
        missing: out.missing,
    }
}

/// One call of a batch operation, merged as a caller would.
fn merged<T: BatchItem>(
    ids: Vec<String>,
    limit: usize,
    call: impl Fn(&[String]) -> cloudphone::Result<CallOutcome<T>>,
) -> Ended {
    let plan = match BatchPlan::new(ids.iter().cloned(), limit) {
        Ok(p) => p,
        Err(e) => return Ended::Single(Err(e.kind())),
    };
    let mut merge = plan.merge();
    for chunk in plan.calls() {
        merge.record_result(chunk, call(chunk));
    }
    batch(plan.ids().to_vec(), merge.finish())
}

fn single<T>(r: cloudphone::Result<T>) -> Ended {
    Ended::Single(r.map(|_| ()).map_err(|e| e.kind()))
}

fn run_op(
    op: Op,
    c: &Clients,
    r: &Remote,
    rng: &mut Rng,
    last_rid: &Mutex<Option<String>>,
) -> Ended {
    match op {
        Op::HwConnect => {
            let n = rng_n(rng, 1, 35);
            let ids = rng.ids(&r.huawei_ids, n);
            match c
                .huawei
                .batch_connection(ids.iter().cloned(), ClientType::Android)
            {
                Ok(out) => batch(dedup(ids), out),
                Err(e) => Ended::Single(Err(e.kind())),
            }
        }
        Op::HwList => {
            let offset = rng.below(500) as u32;
            single(
                ListPhones::new()
                    .page(offset, 100)
                    .and_then(|op| c.huawei.execute(&op)),
            )
        }
        Op::HwShow => {
            let id = rng.pick(&r.huawei_ids).clone();
            single(ShowPhone::new(id).and_then(|op| c.huawei.execute(&op)))
        }
        Op::HwRestart => {
            let n = rng_n(rng, 1, 5);
            let ids = rng.ids(&r.huawei_ids, n);
            merged(ids, 100, |chunk| {
                let out = c
                    .huawei
                    .execute(&RestartPhones::new(chunk.iter().cloned())?)?;
                if let Some(rid) = &out.request_id {
                    *last_rid.lock().unwrap_or_else(|p| p.into_inner()) = Some(rid.clone());
                }
                Ok(out.into())
            })
        }
        Op::HwShell => {
            let n = rng_n(rng, 1, 8);
            let ids = rng.ids(&r.huawei_ids, n);
            merged(ids, 15, |chunk| {
                let op =
                    RunSyncShell::new("getprop ro.product.model", Target::Phones(chunk.to_vec()))?;
                c.huawei.execute(&op).map(Into::into)
            })
        }
        Op::HwJobs => {
            let rid = last_rid
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .clone()
                .unwrap_or_else(|| format!("{:032x}", rng.next()));
            single(ListJobs::for_request(rid).and_then(|op| c.huawei.execute(&op)))
        }
        Op::IamList => single(c.iam.execute(&ListPhones::new())),
        Op::GlStatus => {
            let n = rng_n(rng, 1, 250);
            let ids = rng.ids(&r.geelark_ids, n);
            match c.geelark.phone_status(ids.iter().cloned()) {
                Ok(out) => batch(dedup(ids), out),
                Err(e) => Ended::Single(Err(e.kind())),
            }
        }
        Op::GlList => {
            let page = rng.range(1, 5) as u32;
            single(
                geelark::ListPhones::new()
                    .page(page, 100)
                    .and_then(|op| c.geelark.execute(&op)),
            )
        }
        Op::GlStart => {
            let n = rng_n(rng, 1, 10);
            let ids = rng.ids(&r.geelark_ids, n);
            merged(ids, geelark::MAX_IDS, |chunk| {
                c.geelark
                    .execute(&geelark::StartPhones::new(chunk.iter().cloned())?)
                    .map(Into::into)
            })
        }
        Op::GlStop => {
            let n = rng_n(rng, 1, 10);
            let ids = rng.ids(&r.geelark_ids, n);
            merged(ids, geelark::MAX_IDS, |chunk| {
                c.geelark
                    .execute(&geelark::StopPhones::new(chunk.iter().cloned())?)
                    .map(Into::into)
            })
        }
        Op::FreshClient => {
            // A client built, used and dropped: its pool must go with it.
            let client = huawei_aksk(r, transport());
            single(client.execute(&ListPhones::new().page(0, 10).expect("page")))
        }
    }
}

fn rng_n(rng: &mut Rng, lo: u64, hi: u64) -> usize {
    rng.range(lo, hi) as usize
}

fn dedup(ids: Vec<String>) -> Vec<String> {
    let mut seen = HashSet::new();
    ids.into_iter().filter(|i| seen.insert(i.clone())).collect()
}

fn record(t: &mut Tally, ended: Ended) {
    match ended {
        Ended::Single(Ok(())) => t.ok += 1,
        Ended::Single(Err(k)) => *t.errors.entry(k.as_str()).or_default() += 1,
        Ended::Batch {
            requested,
            ok,
            failed,
            missing,
        } => {
            // A batch call "succeeds" as a call; its ids are tallied apart.
            t.ok += 1;
            t.ids_requested += requested.len() as u64;
            t.ids_ok += ok.len() as u64;
            t.ids_missing += missing.len() as u64;
            let mut seen: BTreeMap<&str, u32> = BTreeMap::new();
            for id in ok
                .iter()
                .chain(failed.iter().map(|(i, _)| i))
                .chain(missing.iter())
            {
                *seen.entry(id.as_str()).or_default() += 1;
            }
            for (_, k) in &failed {
                *t.ids_failed.entry(k.as_str()).or_default() += 1;
            }
            for id in &requested {
                match seen.get(id.as_str()) {
                    Some(1) => {}
                    Some(n) => t.id_problems.push(format!("id {id} came back {n} times")),
                    None => t.id_problems.push(format!("id {id} was lost")),
                }
            }
            if seen.len() != requested.len() {
                t.id_problems.push(format!(
                    "{} ids came back for {} requested",
                    seen.len(),
                    requested.len()
                ));
            }
        }
    }
}

// -------------------------------------------------------------------- faults

const PATHS: [&str; 10] = [
    "/cloud-phone/phones/batch-connection",
    "/cloud-phone/phones",
    "/cloud-phone/phones/batch-restart",
    "/cloud-phone/phones/sync-commands",
    "/cloud-phone/jobs",
    "/v3/auth/tokens",
    "/open/v1/phone/status",
    "/open/v1/phone/list",
    "/open/v1/phone/start",
    "/open/v1/phone/stop",
];

fn random_fault(rng: &mut Rng) -> String {
    let fault = match rng.below(16) {
        0 => format!("latency={}ms", rng.range(50, 1500)),
        1 => "hang".to_owned(),
        2 => "reset".to_owned(),
        3 => "reset-mid-body".to_owned(),
        4 => "close".to_owned(),
        5 => "truncate".to_owned(),
        6 => format!("status={}", rng.pick(&[500, 502, 503, 504])),
        7 => format!("rate-limit={}", rng.pick(&[0, 1, 30])),
        8 | 9 => format!(
            "geelark-code={}",
            rng.pick(&[40007, 40017, 47002, 40014, 50000])
        ),
        10 => "invalid-json".to_owned(),
        11 => "huge-body=1048576".to_owned(),
        12 => "unauthorized".to_owned(),
        13 => format!("skew={}", rng.pick(&[3600, -3600])),
        _ => format!("latency={}ms", rng.range(10, 200)),
    };
    let path = if rng.below(4) == 0 {
        String::new()
    } else {
        format!(",path={}", rng.pick(&PATHS))
    };
    format!("{fault}{path},times={}", rng.range(1, 5))
}

fn control(t: &Transport, url: &str, method: Method, body: &str) -> bool {
    let req = cloudphone::Request {
        method,
        url: format!("{url}/_sim/faults"),
        headers: vec![],
        body: body.as_bytes().to_vec(),
    };
    t.send(req).is_ok_and(|r| r.status == 200)
}

// ---------------------------------------------------------------------- main

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("--sim-child") {
        let seed = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1);
        return sim_child(seed);
    }
    let o = match parse_args() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let (threads0, sockets0, rss0) = (threads(), sockets(), rss_kib());

    // The simulator in a child process.
    let mut child = Command::new(std::env::current_exe().expect("own path"))
        .args(["--sim-child", &o.seed.to_string()])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("start the simulator child");
    let mut child_out = BufReader::new(child.stdout.take().expect("child stdout"));
    let mut line = String::new();
    child_out.read_line(&mut line).expect("simulator info");
    let remote = Arc::new(Remote::from_json(
        &serde_json::from_str(&line).expect("simulator info is JSON"),
    ));
    eprintln!(
        "soak: {} s, {} threads, seed {}, simulator at {} (child pid {})",
        o.secs,
        o.threads,
        o.seed,
        remote.url,
        child.id()
    );

    let shared = Transport::builder()
        .timeout(Some(TIMEOUT))
        .connect_timeout(Some(TIMEOUT))
        .body_limit(256 * 1024)
        .build()
        .expect("transport");
    let clients = Arc::new(Clients {
        huawei: huawei_aksk(&remote, shared.clone()),
        iam: huawei_iam(&remote, shared.clone()),
        geelark: geelark(&remote, shared),
    });

    let start = Instant::now();
    let duration = Duration::from_secs(o.secs);
    let deadline = start + duration;
    let warmup = (duration / 5).clamp(Duration::from_secs(5), Duration::from_secs(30));
    let stop = Arc::new(AtomicBool::new(false));
    let stats = Arc::new(Mutex::new(Stats::default()));
    let in_flight = Arc::new(AtomicU64::new(0));
    let last_rid = Arc::new(Mutex::new(None));

    // RSS, threads and sockets every second.
    let samples: Arc<Mutex<Vec<Sample>>> = Arc::default();
    let sampler = {
        let (stop, samples) = (stop.clone(), samples.clone());
        std::thread::spawn(move || {
            while !stop.load(Ordering::Relaxed) {
                let s = (start.elapsed(), rss_kib(), threads(), sockets());
                let mut all = samples.lock().unwrap();
                all.push(s);
                if all.len() % 30 == 0 {
                    eprintln!(
                        "soak: {:>4} s  RSS {:.1} MiB  threads {}  sockets {}",
                        s.0.as_secs(),
                        mib(s.1),
                        s.2,
                        s.3
                    );
                }
                drop(all);
                std::thread::sleep(Duration::from_secs(1));
            }
        })
    };

    // Faults, seeded.
    let faults_injected = Arc::new(AtomicU64::new(0));
    let injector = {
        let (stop, remote, count) = (stop.clone(), remote.clone(), faults_injected.clone());
        let seed = o.seed;
        std::thread::spawn(move || {
            let mut rng = Rng(seed ^ 0xFA17);
            let t = Transport::builder()
                .timeout(Some(Duration::from_secs(5)))
                .build()
                .expect("control transport");
            let mut last_clear = Instant::now();
            while !stop.load(Ordering::Relaxed) {
                if control(&t, &remote.url, Method::Post, &random_fault(&mut rng)) {
                    count.fetch_add(1, Ordering::Relaxed);
                }
                if last_clear.elapsed() > Duration::from_secs(5) {
                    control(&t, &remote.url, Method::Delete, "");
                    last_clear = Instant::now();
                }
                std::thread::sleep(Duration::from_millis(rng.range(10, 60)));
            }
            control(&t, &remote.url, Method::Delete, "");
        })
    };

    let workers: Vec<_> = (0..o.threads)
        .map(|i| {
            let (clients, remote, stats) = (clients.clone(), remote.clone(), stats.clone());
            let (in_flight, last_rid) = (in_flight.clone(), last_rid.clone());
            let seed = o.seed;
            std::thread::spawn(move || {
                let mut rng = Rng(seed.wrapping_mul(1000).wrapping_add(i as u64));
                while Instant::now() < deadline {
                    let op = pick_op(&mut rng);
                    stats.lock().unwrap().per_op.entry(op).or_default().started += 1;
                    in_flight.fetch_add(1, Ordering::SeqCst);
                    let t0 = Instant::now();
                    let ended = std::panic::catch_unwind(AssertUnwindSafe(|| {
                        run_op(op, &clients, &remote, &mut rng, &last_rid)
                    }));
                    let took = t0.elapsed();
                    in_flight.fetch_sub(1, Ordering::SeqCst);
                    let mut st = stats.lock().unwrap();
                    let t = st.per_op.entry(op).or_default();
                    t.slowest = t.slowest.max(took);
                    match ended {
                        Ok(e) => record(t, e),
                        Err(_) => t.panics += 1,
                    }
                }
            })
        })
        .collect();

    // Wait for the workers, with a watchdog for hangs.
    let mut hung = false;
    for w in workers {
        while !w.is_finished() {
            if Instant::now() > deadline + OP_BOUND + Duration::from_secs(30) {
                hung = true;
                break;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        if hung {
            break;
        }
        let _ = w.join();
    }
    let run_time = start.elapsed();
    stop.store(true, Ordering::Relaxed);
    let _ = injector.join();
    let _ = sampler.join();
    let (threads_busy, sockets_busy) = (threads(), sockets());

    // Drop every client (and so every pool), then let the kernel settle.
    drop(clients);
    let settle = Instant::now();
    let (mut threads1, mut sockets1) = (threads(), sockets());
    while (threads1 != threads0 || sockets1 != sockets0)
        && settle.elapsed() < Duration::from_secs(5)
    {
        std::thread::sleep(Duration::from_millis(100));
        (threads1, sockets1) = (threads(), sockets());
    }

    // Stop the simulator and read its request count.
    drop(child.stdin.take());
    let mut server_requests = None;
    for l in child_out.lines().map_while(Result::ok) {
        if let Some(n) = l.strip_prefix("REQUESTS ") {
            server_requests = n.trim().parse::<u64>().ok();
        }
    }
    let _ = child.wait();

    // ---------------------------------------------------------------- report
    let samples = samples.lock().unwrap().clone();
    let stats = stats.lock().unwrap();
    let mut failures = Vec::new();
    if hung {
        failures.push(format!(
            "a worker was still running {OP_BOUND:?} + 30 s after the deadline"
        ));
    }
    let after_warmup: Vec<_> = samples.iter().filter(|s| s.0 >= warmup).collect();
    let rss_warm = after_warmup.first().map_or(rss0, |s| s.1);
    let tail: Vec<u64> = after_warmup.iter().rev().take(3).map(|s| s.1).collect();
    let rss_end = tail.iter().copied().max().unwrap_or(rss_warm);
    let rss_peak = samples.iter().map(|s| s.1).max().unwrap_or(rss0);
    let growth_mib = mib(rss_end) - mib(rss_warm);
    // Least-squares slope of RSS after the warm-up, in MiB per minute.
    let slope = {
        let n = after_warmup.len() as f64;
        let (sx, sy) = after_warmup.iter().fold((0.0, 0.0), |(x, y), s| {
            (x + s.0.as_secs_f64(), y + mib(s.1))
        });
        let (mx, my) = (sx / n, sy / n);
        let (num, den) = after_warmup.iter().fold((0.0, 0.0), |(a, b), s| {
            let dx = s.0.as_secs_f64() - mx;
            (a + dx * (mib(s.1) - my), b + dx * dx)
        });
        if den > 0.0 { num / den * 60.0 } else { 0.0 }
    };
    let peak_threads = samples.iter().map(|s| s.2).max().unwrap_or(0);
    let peak_sockets = samples.iter().map(|s| s.3).max().unwrap_or(0);
    if after_warmup.len() < 2 {
        failures.push("the run is too short to sample RSS after the warm-up".into());
    } else if growth_mib > o.max_rss_growth_mib {
        failures.push(format!(
            "RSS grew by {growth_mib:.1} MiB after the warm-up (limit {} MiB)",
            o.max_rss_growth_mib
        ));
    }
    if threads1 != threads0 {
        failures.push(format!(
            "threads: {threads0} at start, {threads1} after the clients were dropped"
        ));
    }
    if sockets1 != sockets0 {
        failures.push(format!(
            "sockets: {sockets0} at start, {sockets1} after the clients were dropped"
        ));
    }
    if in_flight.load(Ordering::SeqCst) != 0 && !hung {
        failures.push("operations still in flight after the workers ended".into());
    }

    let mut total = Tally::default();
    println!();
    println!(
        "soak: {:.0} s of load, {} worker threads, seed {}",
        run_time.as_secs_f64(),
        o.threads,
        o.seed
    );
    println!(
        "{:<14} {:>8} {:>8} {:>8} {:>10} {:>10} {:>9}",
        "operation", "started", "ok", "errors", "ids", "ids ok", "slowest"
    );
    for (op, t) in &stats.per_op {
        let errors: u64 = t.errors.values().sum();
        println!(
            "{:<14} {:>8} {:>8} {:>8} {:>10} {:>10} {:>8.2}s",
            format!("{op:?}"),
            t.started,
            t.ok,
            errors,
            t.ids_requested,
            t.ids_ok,
            t.slowest.as_secs_f64()
        );
        total.started += t.started;
        total.ok += t.ok;
        total.panics += t.panics;
        total.ids_requested += t.ids_requested;
        total.ids_ok += t.ids_ok;
        total.ids_missing += t.ids_missing;
        total.slowest = total.slowest.max(t.slowest);
        for (k, n) in &t.errors {
            *total.errors.entry(k).or_default() += n;
        }
        for (k, n) in &t.ids_failed {
            *total.ids_failed.entry(k).or_default() += n;
        }
        for p in t.id_problems.iter().take(5) {
            failures.push(format!("{op:?}: {p}"));
        }
        if t.id_problems.len() > 5 {
            failures.push(format!(
                "{op:?}: {} more id problems",
                t.id_problems.len() - 5
            ));
        }
        let ended = t.ok + errors + t.panics;
        if ended != t.started {
            failures.push(format!("{op:?}: {} started, {ended} ended", t.started));
        }
        if t.slowest > OP_BOUND {
            failures.push(format!(
                "{op:?}: one operation took {:?} (bound {OP_BOUND:?})",
                t.slowest
            ));
        }
    }
    let errors: u64 = total.errors.values().sum();
    let ids_failed: u64 = total.ids_failed.values().sum();
    if total.panics > 0 {
        failures.push(format!("{} operations panicked", total.panics));
    }
    println!(
        "operations: {} started = {} ok + {} typed errors + {} panics; slowest {:.2} s",
        total.started,
        total.ok,
        errors,
        total.panics,
        total.slowest.as_secs_f64()
    );
    println!("errors by kind: {}", kinds(&total.errors));
    println!(
        "batch ids: {} requested = {} ok + {} failed + {} missing; failed by kind: {}",
        total.ids_requested,
        total.ids_ok,
        ids_failed,
        total.ids_missing,
        kinds(&total.ids_failed)
    );
    if total.ids_requested != total.ids_ok + ids_failed + total.ids_missing {
        failures.push("batch ids do not add up".into());
    }
    println!(
        "requests the simulator saw: {}; faults injected: {}",
        server_requests.map_or("?".into(), |n| n.to_string()),
        faults_injected.load(Ordering::Relaxed)
    );
    println!(
        "RSS: {:.1} MiB at start, {:.1} MiB after the {} s warm-up, {:.1} MiB peak, {:.1} MiB at the end (growth {:+.1} MiB, limit {} MiB; trend after warm-up {:+.2} MiB/min)",
        mib(rss0),
        mib(rss_warm),
        warmup.as_secs(),
        mib(rss_peak),
        mib(rss_end),
        growth_mib,
        o.max_rss_growth_mib,
        slope
    );
    println!(
        "threads: {threads0} at start, {peak_threads} peak, {threads_busy} with the clients idle, {threads1} after dropping them"
    );
    println!(
        "sockets: {sockets0} at start, {peak_sockets} peak, {sockets_busy} with the clients idle, {sockets1} after dropping them"
    );
    if failures.is_empty() {
        println!("soak: PASS");
        ExitCode::SUCCESS
    } else {
        println!("soak: FAIL");
        for f in &failures {
            println!("  - {f}");
        }
        ExitCode::FAILURE
    }
}

fn kinds(m: &BTreeMap<&'static str, u64>) -> String {
    if m.is_empty() {
        return "none".into();
    }
    m.iter()
        .map(|(k, n)| format!("{k} {n}"))
        .collect::<Vec<_>>()
        .join(", ")
}
