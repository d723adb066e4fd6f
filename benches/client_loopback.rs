//! Whole-call throughput of the blocking client against the neutral loopback
//! server in `../shared/bench` (nginx with fixed JSON answers, keep-alive).
//! Run through `scripts/bench_client.sh`, which starts the server and puts
//! the figures beside `wrk` (the one-connection ceiling) and the official
//! Huawei Python SDK.
//!
//! `cargo bench --features client --bench client_loopback -- [--url URL] [--seconds S]`
//!
//! Prints one line per figure: name, µs per call, calls per second.
//!
//! `-- --cpu-calls N [--op huawei|geelark] [--in-flight K] [--ak AK --sk SK
//! --project PID]` instead measures the client's own CPU (getrusage
//! `RUSAGE_SELF`, user + system, every thread of the process, so lookup
//! threads count too) over N batch-connection(10) or GeeLark status(100)
//! calls, K in flight, and exits; with the credentials of a simulator
//! (`cloudphone sim --json`) it runs against the simulator in its own
//! process. `scripts/bench_percall.sh` puts these beside wrk.

use std::time::{Duration, Instant};

use cloudphone::client::{GeeLarkClient, HuaweiClient, RetryPolicy};
use cloudphone::huawei::{ClientType, ShowConnectInfos};

const PID: &str = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
const AK: &str = "HPUAEXAMPLEAK0000001";
const SK: &str = "ExampleSecretKey0123456789abcdefghijklmn";

fn arg(name: &str) -> Option<String> {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
}

fn bench(name: &str, seconds: f64, per_op: u64, mut f: impl FnMut()) {
    f();
    let budget = Duration::from_secs_f64(seconds);
    let start = Instant::now();
    let mut n = 0u64;
    while start.elapsed() < budget {
        f();
        n += 1;
    }
    let dt = start.elapsed().as_secs_f64() / n as f64;
    let calls = per_op as f64 / dt;
    println!(
        "{name}\t{:.2} us/op\t{:.0} ops/s\t{calls:.0} calls/s",
        dt * 1e6,
        1.0 / dt
    );
}

/// User + system CPU time of the whole process so far.
fn cpu_time() -> Duration {
    // SAFETY: getrusage only writes the struct it is given.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: a valid pointer to a rusage and a valid `who`.
    let rc = unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut ru) };
    assert_eq!(rc, 0, "getrusage");
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    tv(ru.ru_utime) + tv(ru.ru_stime)
}

/// Client CPU per call over `calls` calls of `op` (`huawei`:
/// batch-connection with 10 ids; `geelark`: status of 100 phones), with
/// `in_flight` threads sharing one client (and its pool), each sending
/// its share one call at a time.
fn cpu_per_call(url: &str, calls: u32, op: &str, in_flight: u32) {
    let ak = arg("--ak").unwrap_or_else(|| AK.to_owned());
    let sk = arg("--sk").unwrap_or_else(|| SK.to_owned());
    let project = arg("--project").unwrap_or_else(|| PID.to_owned());
    let call: Box<dyn Fn() + Sync> = match op {
        "huawei" => {
            let huawei = HuaweiClient::builder()
                .endpoint(url)
                .project_id(&project)
                .aksk(&ak, &sk)
                .retry(RetryPolicy::none())
                .build()
                .expect("client");
            let ids: Vec<String> = (0..10).map(|i| format!("{i:032x}")).collect();
            let op = ShowConnectInfos::new(ids, ClientType::Android).unwrap();
            Box::new(move || {
                huawei.execute(&op).expect("is the server running?");
            })
        }
        "geelark" => {
            let geelark = GeeLarkClient::builder()
                .endpoint(url)
                .key("eH6gQR4oHr3FsZpI36La01IW", "YjmFIUuq0oJgSDJ42fxLEb6R1qjjqf")
                .no_rate_limit()
                .retry(RetryPolicy::none())
                .build()
                .expect("client");
            let ids: Vec<String> = (0..100u64)
                .map(|i| (100_000_000_000_000_000 + i).to_string())
                .collect();
            let op = cloudphone::geelark::GetPhoneStatus::new(ids).unwrap();
            Box::new(move || {
                geelark.execute(&op).expect("is the server running?");
            })
        }
        other => panic!("--op huawei|geelark, not {other}"),
    };
    // One call per thread first: the connections are open and kept alive.
    std::thread::scope(|s| {
        for _ in 0..in_flight {
            s.spawn(&call);
        }
    });
    let (cpu0, t0) = (cpu_time(), Instant::now());
    let share = calls / in_flight;
    std::thread::scope(|s| {
        for _ in 0..in_flight {
            s.spawn(|| {
                for _ in 0..share {
                    call();
                }
            });
        }
    });
    let done = share * in_flight;
    let (cpu, wall) = (cpu_time() - cpu0, t0.elapsed());
    println!(
        "cpu\t{op}\tin_flight={in_flight}\t{:.1} us CPU/call\t{:.0} calls/s\t({done} calls, {url}, user+sys RUSAGE_SELF)",
        cpu.as_secs_f64() * 1e6 / f64::from(done),
        f64::from(done) / wall.as_secs_f64()
    );
}

fn main() {
    let url = arg("--url").unwrap_or_else(|| "http://127.0.0.1:18080".to_owned());
    if let Some(calls) = arg("--cpu-calls").and_then(|n| n.parse().ok()) {
        let op = arg("--op").unwrap_or_else(|| "huawei".to_owned());
        let in_flight = arg("--in-flight").and_then(|n| n.parse().ok()).unwrap_or(1);
        cpu_per_call(&url, calls, &op, in_flight);
        return;
    }
    let seconds: f64 = arg("--seconds").and_then(|s| s.parse().ok()).unwrap_or(3.0);

    // The fixture's own ids, so the merge accounts for every one.
    let fixture_path = arg("--fixture").unwrap_or_else(|| {
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/bench/fixtures/huawei_batch_connection_10.json"
        )
        .to_owned()
    });
    let fixture: serde_json::Value = std::fs::read_to_string(&fixture_path)
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or(serde_json::Value::Null);
    let mut ids: Vec<String> = Vec::new();
    for key in ["connect_infos", "errors"] {
        for item in fixture[key].as_array().into_iter().flatten() {
            if let Some(id) = item["phone_id"].as_str() {
                ids.push(id.to_owned());
            }
        }
    }
    if ids.len() != 10 {
        ids = (0..10).map(|i| format!("{i:032x}")).collect();
    }

    let huawei = HuaweiClient::builder()
        .endpoint(&url)
        .project_id(PID)
        .aksk(AK, SK)
        .retry(RetryPolicy::none())
        .build()
        .expect("client");
    let op = ShowConnectInfos::new(ids.clone(), ClientType::Android).unwrap();
    let check = huawei
        .execute(&op)
        .expect("is the server running? scripts/bench_client.sh starts it");
    assert_eq!((check.connect_infos.len(), check.errors.len()), (8, 2));

    // Exactly the peer's work: build, sign, send over keep-alive, parse.
    bench("e2e_batch_connection_10 (execute)", seconds, 1, || {
        let out = huawei.execute(&op).unwrap();
        assert_eq!(out.connect_infos.len(), 8);
    });
    // The transport alone: one prebuilt signed request sent again and again,
    // body read, nothing parsed (what ureq + loopback cost).
    let transport = huawei.transport().clone();
    let config = cloudphone::huawei::Config::new(
        cloudphone::Endpoint::parse(&url).unwrap(),
        PID,
        cloudphone::huawei::Auth::aksk(AK, SK),
    )
    .unwrap();
    let prebuilt = cloudphone::Operation::build(
        &op,
        &cloudphone::Context::new(&config, 1_700_000_000_000, "unused"),
    )
    .unwrap();
    bench(
        "transport_only (prebuilt request, no parse)",
        seconds,
        1,
        || {
            let r = transport.send(prebuilt.clone()).unwrap();
            assert_eq!(r.status, 200);
        },
    );
    // The same plus plan and merge, as users call it.
    bench(
        "e2e_batch_connection_10 (batch_connection)",
        seconds,
        1,
        || {
            let out = huawei
                .batch_connection(ids.iter().cloned(), ClientType::Android)
                .unwrap();
            assert_eq!(out.total(), 10);
        },
    );

    // GeeLark fleet sweep: status of 10,000 phones = 100 calls of 100 ids.
    let fleet: Vec<String> = (0..10_000u64)
        .map(|i| (100_000_000_000_000_000 + i).to_string())
        .collect();
    for in_flight in [1usize, 4, 16] {
        let geelark = GeeLarkClient::builder()
            .endpoint(&url)
            .key("eH6gQR4oHr3FsZpI36La01IW", "YjmFIUuq0oJgSDJ42fxLEb6R1qjjqf")
            // The sweep runs far beyond 200 calls/min: no client-side limit here.
            .no_rate_limit()
            .retry(RetryPolicy::none())
            .max_in_flight(in_flight)
            .build()
            .expect("client");
        bench(
            &format!("geelark_sweep_10000 in_flight={in_flight}"),
            seconds,
            100,
            || {
                let out = geelark.phone_status(fleet.iter().cloned()).unwrap();
                assert_eq!(out.total(), 10_000);
            },
        );
    }
}
