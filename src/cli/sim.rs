//! `cloudphone sim`: the simulator alone, until Ctrl-C.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::time::Duration;

use clap::Args;
use serde_json::json;

use cloudphone::sim::{FaultRule, Sim, SimConfig};

use super::Out;
use super::output::{EXIT_INTERNAL, Failure, thousands};

#[derive(Args, Debug, Clone)]
pub struct SimArgs {
    /// Port to listen on (0 = any free port).
    #[arg(long, default_value_t = 0)]
    pub port: u16,
    /// Address to listen on.
    #[arg(long, default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST))]
    pub bind: IpAddr,
    /// Phones per provider.
    #[arg(long, default_value_t = 1000)]
    pub phones: usize,
    /// Seed of the fleet and the credentials.
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// How long restart/reset/stop jobs and GeeLark starts take, in ms.
    #[arg(long, default_value_t = 2000)]
    pub job_ms: u64,
    /// GeeLark calls allowed per API per minute.
    #[arg(long, default_value_t = 200)]
    pub geelark_rate_limit: u32,
    /// A fault rule, e.g. `status=503,times=2` or
    /// `path=/open/v1/phone/status,latency=300ms` (repeatable).
    #[arg(long = "fault", value_name = "SPEC")]
    pub faults: Vec<FaultRule>,
}

impl SimArgs {
    pub fn config(&self) -> SimConfig {
        SimConfig::default()
            .phones(self.phones)
            .seed(self.seed)
            .job_duration(Duration::from_millis(self.job_ms))
            .geelark_rate_limit(self.geelark_rate_limit)
            .bind(SocketAddr::new(self.bind, self.port))
    }
}

pub fn run(args: SimArgs, out: Out) -> Result<u8, Failure> {
    let sim = Sim::start(args.config())
        .map_err(|e| Failure::other("starting the simulator", EXIT_INTERNAL, e.to_string()))?;
    for f in &args.faults {
        sim.inject(f.clone());
    }
    let url = sim.url();
    let hw = sim.huawei();
    let gl = sim.geelark();
    if out.json {
        // Machine-readable: the simulator's own (fake) credentials, so that
        // scripts can point clients at it.
        out.json(&json!({
            "url": url,
            "huawei": {
                "endpoint": url, "iam_endpoint": url,
                "ak": hw.access_key, "sk": hw.secret_key.expose(),
                "project_id": hw.project_id, "region": hw.region,
                "iam_user": hw.iam_user, "iam_password": hw.iam_password.expose(),
                "iam_domain": hw.iam_domain,
            },
            "geelark": {
                "endpoint": url, "app_id": gl.app_id,
                "api_key": gl.api_key.expose(), "token": gl.token.expose(),
            },
        }));
    } else {
        println!(
            "cloudphone simulator at {url}: {} Huawei + {} GeeLark phones (seed {}); Ctrl-C stops it.",
            thousands(args.phones),
            thousands(args.phones),
            args.seed
        );
        println!("These are the simulator's own throwaway credentials:\n");
        for (name, value) in sim.env() {
            if name.starts_with("CLOUDPHONE_GEELARK") {
                continue;
            }
            println!("export {name}={value}");
        }
        println!(
            "# IAM: --iam-user {} --iam-domain {} with CLOUDPHONE_HUAWEI_IAM_PASSWORD={}",
            hw.iam_user,
            hw.iam_domain,
            hw.iam_password.expose()
        );
        for (name, value) in sim.env() {
            if name.starts_with("CLOUDPHONE_GEELARK") {
                println!("export {name}={value}");
            }
        }
        println!(
            "# or token mode: CLOUDPHONE_GEELARK_TOKEN={}",
            gl.token.expose()
        );
        println!("\nthen e.g.: cloudphone huawei list --limit 5; cloudphone geelark status");
    }
    use std::io::Write;
    let _ = std::io::stdout().flush();
    loop {
        std::thread::sleep(Duration::from_secs(3600));
    }
}
