//! A local emulator of both providers' APIs (feature `sim`): a real HTTP
//! server on loopback for demos, tests and your own integration tests.
//!
//! ```
//! use cloudphone::sim::{Sim, SimConfig};
//!
//! let sim = Sim::start(SimConfig::default().phones(50))?;
//! println!("listening on {}", sim.url());
//! let hw = sim.huawei(); // AK/SK, project id, IAM user of the simulated account
//! assert_eq!(sim.huawei_phone_ids().len(), 50);
//! # let _ = hw;
//! # Ok::<(), std::io::Error>(())
//! ```
//!
//! One URL serves both providers (their paths do not overlap):
//!
//! - **Huawei CPH** under `/v1/{project_id}/cloud-phone/…`: phones (list
//!   with offset/limit/count and filters, detail, rename), batch-connection
//!   (at most 10 ids, else HTTP 400 with `error_code`/`error_msg`/
//!   `request_id`), restart/reset/stop/update-property (asynchronous jobs
//!   that finish after [`SimConfig::job_duration`], phones passing through
//!   their transitional states: stopped 8 → restarting 4 → running 2, …),
//!   jobs (one, or those of up to 20 request ids), servers, encode servers,
//!   ADB commands (asynchronous jobs and `sync-commands`, with canned
//!   outputs). Per-phone refusals come back inside a 200 (`errors[]`,
//!   `jobs[].error_code`), as the real service does.
//! - **Huawei IAM** `POST /v3/auth/tokens`: a password identity of the
//!   simulated IAM user gets a token (HTTP 201, `X-Subject-Token`) that CPH
//!   calls may send as `X-Auth-Token`.
//! - **GeeLark** under `/open/v1/…`: phone status, list (page/pageSize,
//!   filters), start, stop, delete — each batch answer in its documented
//!   shape inside a `code 0` envelope (`failDetails` with 42001 for unknown
//!   ids, 43004 for expired phones, 43005 for phones running a task, …).
//!
//! Authentication is checked the way the services check it: Huawei AK/SK
//! signatures are recomputed from what the client sent, with the headers it
//! lists in `SignedHeaders` (a bad signature is HTTP 401 `APIGW.0301`, an
//! `X-Sdk-Date` more than 15 minutes off is `APIGW.0303`; every answer has a
//! `Date` header, so clients can correct their clock); `X-Auth-Token` must be
//! a live token this simulator issued. GeeLark key-mode `sign` and Bearer
//! tokens are verified (40003 on a mismatch, 40002 without `traceId`), and
//! each API path allows [`SimConfig::geelark_rate_limit`] calls a minute
//! (then 40007) and [`SimConfig::geelark_hourly_limit`] an hour (then
//! 40014).
//!
//! The fleet is generated from [`SimConfig::seed`]: the same seed gives the
//! same ids, names and states. A few phones are there to fail: some are
//! stopped, frozen or abnormal (batch-connection refuses them), some
//! GeeLark phones are expired or busy with a task, and about one Huawei
//! phone in fifty has restart and reset jobs that fail.
//!
//! [`FaultRule`]s add latency, 5xx answers, 429 with `Retry-After`,
//! connection resets, closes, truncated bodies (ending in a close or a
//! reset), silence, non-JSON and oversized bodies, GeeLark envelope codes,
//! refused credentials and a skewed clock, redirects to another host,
//! trickled heads and bodies, gzip bodies and bombs, unknown content
//! encodings, broken chunked framing, duplicate and conflicting
//! `Content-Length`s, close-delimited HTTP/1.0 bodies (whole or cut),
//! GeeLark `data: null`, and batch answers that repeat ids or name ids
//! never requested, for every path or the
//! paths containing a fragment, forever or for the next N requests — from
//! Rust ([`Sim::inject`]), from the command line (`cloudphone sim --fault
//! status=503,times=2`), or over HTTP (`POST /_sim/faults` with the same
//! spec as the body; `DELETE /_sim/faults` clears them).

mod fault;
mod geelark;
mod gzip;
mod hostile;
mod huawei;
mod server;

use std::fmt;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

pub use fault::{ChunkFault, Fault, FaultRule, FaultSpecError};

use crate::secret::Secret;
use server::{Action, Handler, HttpRequest, HttpResponse, Server};

/// How the simulator is set up.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct SimConfig {
    /// Seed of the fleet and the credentials.
    pub seed: u64,
    /// Number of Huawei phones.
    pub huawei_phones: usize,
    /// Huawei phones per server.
    pub phones_per_server: usize,
    /// Number of GeeLark phones.
    pub geelark_phones: usize,
    /// How long restart, reset, stop, ADB jobs and GeeLark starts take.
    pub job_duration: Duration,
    /// GeeLark calls allowed per API path per minute (documented: 200).
    pub geelark_rate_limit: u32,
    /// GeeLark calls allowed per API path per hour (documented: 24,000).
    pub geelark_hourly_limit: u32,
    /// How long IAM tokens live.
    pub token_lifetime: Duration,
    /// The largest accepted difference between `X-Sdk-Date` and the
    /// simulator's clock (the gateway's is 15 minutes).
    pub max_clock_skew: Duration,
    /// Where to listen: `127.0.0.1:0` (an ephemeral port) by default.
    pub bind: SocketAddr,
}

impl Default for SimConfig {
    fn default() -> Self {
        SimConfig {
            seed: 42,
            huawei_phones: 1000,
            phones_per_server: 10,
            geelark_phones: 1000,
            job_duration: Duration::from_secs(2),
            geelark_rate_limit: 200,
            geelark_hourly_limit: 24_000,
            token_lifetime: Duration::from_secs(24 * 3600),
            max_clock_skew: Duration::from_secs(15 * 60),
            bind: SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
        }
    }
}

impl SimConfig {
    /// The default setup: seed 42, 1,000 phones per provider, 2 s jobs.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the seed.
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }

    /// Sets the number of phones of each provider.
    pub fn phones(mut self, n: usize) -> Self {
        self.huawei_phones = n;
        self.geelark_phones = n;
        self
    }

    /// Sets how long jobs and starts take.
    pub fn job_duration(mut self, d: Duration) -> Self {
        self.job_duration = d;
        self
    }

    /// Sets GeeLark's per-path, per-minute budget.
    pub fn geelark_rate_limit(mut self, per_minute: u32) -> Self {
        self.geelark_rate_limit = per_minute;
        self
    }

    /// Sets GeeLark's per-path, per-hour budget.
    pub fn geelark_hourly_limit(mut self, per_hour: u32) -> Self {
        self.geelark_hourly_limit = per_hour;
        self
    }

    /// Sets the IAM token lifetime.
    pub fn token_lifetime(mut self, d: Duration) -> Self {
        self.token_lifetime = d;
        self
    }

    /// Sets the listening address (port 0 = ephemeral).
    pub fn bind(mut self, addr: SocketAddr) -> Self {
        self.bind = addr;
        self
    }
}

/// The simulated Huawei account.
#[derive(Clone)]
#[non_exhaustive]
pub struct HuaweiCredentials {
    /// Access key id.
    pub access_key: String,
    /// Secret access key.
    pub secret_key: Secret,
    /// Project id (the `{project_id}` of every CPH path).
    pub project_id: String,
    /// The region the project belongs to (its IAM project name).
    pub region: String,
    /// IAM user name.
    pub iam_user: String,
    /// IAM user password.
    pub iam_password: Secret,
    /// IAM account (domain) name.
    pub iam_domain: String,
}

impl fmt::Debug for HuaweiCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HuaweiCredentials")
            .field("access_key", &self.access_key)
            .field("secret_key", &self.secret_key)
            .field("project_id", &self.project_id)
            .field("region", &self.region)
            .field("iam_user", &self.iam_user)
            .field("iam_password", &self.iam_password)
            .field("iam_domain", &self.iam_domain)
            .finish()
    }
}

/// The simulated GeeLark team.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct GeeLarkCredentials {
    /// Team AppId (key mode).
    pub app_id: String,
    /// Team ApiKey (key mode).
    pub api_key: Secret,
    /// Bearer token (token mode).
    pub token: Secret,
}

/// A running simulator. Dropping it stops the server.
pub struct Sim {
    server: Server,
    shared: Arc<Shared>,
}

impl fmt::Debug for Sim {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Sim").field("url", &self.url()).finish()
    }
}

impl Sim {
    /// Generates the fleet and starts the server.
    pub fn start(config: SimConfig) -> std::io::Result<Sim> {
        let shared = Arc::new(Shared::new(&config));
        let server = Server::start(config.bind, shared.clone())?;
        *lock(&shared.base_url) = format!("http://{}", server.addr());
        Ok(Sim { server, shared })
    }

    /// The base URL, e.g. `http://127.0.0.1:40123`, for both providers.
    pub fn url(&self) -> String {
        format!("http://{}", self.server.addr())
    }

    /// The listening address.
    pub fn addr(&self) -> SocketAddr {
        self.server.addr()
    }

    /// The simulated Huawei account.
    pub fn huawei(&self) -> &HuaweiCredentials {
        &self.shared.huawei_creds
    }

    /// The simulated GeeLark team.
    pub fn geelark(&self) -> &GeeLarkCredentials {
        &self.shared.geelark_creds
    }

    /// The environment variables that point the blocking clients (and the
    /// CLI, and the C example) at this simulator with its throwaway
    /// credentials: `HuaweiClient::builder().from_env_with(...)` and
    /// `GeeLarkClient::builder().from_env_with(...)` read them.
    pub fn env(&self) -> Vec<(&'static str, String)> {
        let (hw, gl, url) = (self.huawei(), self.geelark(), self.url());
        vec![
            ("CLOUDPHONE_HUAWEI_ENDPOINT", url.clone()),
            ("CLOUDPHONE_HUAWEI_IAM_ENDPOINT", url.clone()),
            ("HUAWEICLOUD_SDK_AK", hw.access_key.clone()),
            ("HUAWEICLOUD_SDK_SK", hw.secret_key.expose().to_owned()),
            ("HUAWEICLOUD_SDK_PROJECT_ID", hw.project_id.clone()),
            ("HUAWEICLOUD_SDK_REGION", hw.region.clone()),
            ("CLOUDPHONE_GEELARK_ENDPOINT", url),
            ("CLOUDPHONE_GEELARK_APP_ID", gl.app_id.clone()),
            ("CLOUDPHONE_GEELARK_API_KEY", gl.api_key.expose().to_owned()),
        ]
    }

    /// One of [`env`](Self::env)'s variables, `None` for another name.
    pub fn env_var(&self, name: &str) -> Option<String> {
        self.env()
            .into_iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v)
    }

    /// The Huawei phone ids, newest first (the list order).
    pub fn huawei_phone_ids(&self) -> Vec<String> {
        lock(&self.shared.huawei).phone_ids()
    }

    /// The GeeLark phone ids, in list order.
    pub fn geelark_phone_ids(&self) -> Vec<String> {
        lock(&self.shared.geelark).phone_ids()
    }

    /// Adds a fault rule (rules are tried in the order they were added).
    pub fn inject(&self, rule: FaultRule) {
        lock(&self.shared.faults).push(rule);
    }

    /// Removes every fault rule.
    pub fn clear_faults(&self) {
        lock(&self.shared.faults).clear();
    }

    /// How many requests the server has answered (or refused) so far.
    pub fn request_count(&self) -> u64 {
        self.shared.requests.load(Ordering::Relaxed)
    }

    /// Stops the server now (dropping the simulator does the same).
    pub fn shutdown(mut self) {
        self.server.shutdown();
    }
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

pub(crate) fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64)
}

/// `YYYY-MM-DDTHH:MM:SSZ`, the CPH time format.
pub(crate) fn iso_time(ms: u64) -> String {
    let d = crate::time::sdk_date(ms);
    format!(
        "{}-{}-{}T{}:{}:{}Z",
        &d[0..4],
        &d[4..6],
        &d[6..8],
        &d[9..11],
        &d[11..13],
        &d[13..15]
    )
}

/// SplitMix64: small, fast, and the same everywhere for a seed.
#[derive(Clone, Debug)]
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    pub(crate) fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next_u64() % n }
    }

    /// `len` lower-case hex digits.
    pub(crate) fn hex(&mut self, len: usize) -> String {
        let mut s = String::with_capacity(len + 16);
        while s.len() < len {
            s.push_str(&format!("{:016x}", self.next_u64()));
        }
        s.truncate(len);
        s
    }

    /// `len` characters from `alphabet`.
    pub(crate) fn chars(&mut self, len: usize, alphabet: &[u8]) -> String {
        (0..len)
            .map(|_| alphabet[self.below(alphabet.len() as u64) as usize] as char)
            .collect()
    }
}

const UPPER_ALNUM: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
const ALNUM: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/// Everything the connection threads share.
pub(crate) struct Shared {
    huawei_creds: HuaweiCredentials,
    geelark_creds: GeeLarkCredentials,
    huawei: Mutex<huawei::Huawei>,
    geelark: Mutex<geelark::GeeLark>,
    faults: Mutex<Vec<FaultRule>>,
    requests: AtomicU64,
    ids: Mutex<Rng>,
    base_url: Mutex<String>,
    config: SimConfig,
}

impl Shared {
    fn new(config: &SimConfig) -> Self {
        let mut rng = Rng::new(config.seed ^ 0x5EED_C10D_F00D);
        let huawei_creds = HuaweiCredentials {
            access_key: format!("SIMAK{}", rng.chars(15, UPPER_ALNUM)),
            secret_key: Secret::new(rng.chars(40, ALNUM)),
            project_id: rng.hex(32),
            region: "cn-north-4".to_owned(),
            iam_user: "sim-user".to_owned(),
            iam_password: Secret::new(format!("Sim-{}", rng.chars(16, ALNUM))),
            iam_domain: "sim-account".to_owned(),
        };
        let geelark_creds = GeeLarkCredentials {
            app_id: rng.chars(24, ALNUM),
            api_key: Secret::new(rng.chars(30, ALNUM)),
            token: Secret::new(rng.chars(32, UPPER_ALNUM)),
        };
        let start = now_ms();
        Shared {
            huawei: Mutex::new(huawei::Huawei::generate(config, start)),
            geelark: Mutex::new(geelark::GeeLark::generate(config, start)),
            huawei_creds,
            geelark_creds,
            faults: Mutex::new(Vec::new()),
            requests: AtomicU64::new(0),
            ids: Mutex::new(Rng::new(config.seed ^ 0x1D5)),
            base_url: Mutex::new(String::new()),
            config: config.clone(),
        }
    }

    /// A fresh 32-hex-digit request id.
    pub(crate) fn request_id(&self) -> String {
        lock(&self.ids).hex(32)
    }

    pub(crate) fn random_hex(&self, len: usize) -> String {
        lock(&self.ids).hex(len)
    }

    /// Applies the fault rules: sleeps for matching latencies, adds up
    /// matching clock skews (returned in milliseconds), and returns the
    /// first other fault that matches.
    fn fault_for(&self, path: &str) -> (i64, Option<Fault>) {
        let mut delay = Duration::ZERO;
        let mut skew_ms: i64 = 0;
        let mut chosen = None;
        {
            let mut rules = lock(&self.faults);
            for rule in rules.iter_mut() {
                if !rule.matches(path) {
                    continue;
                }
                match &rule.fault {
                    Fault::Latency(d) => delay += *d,
                    Fault::ClockSkew(secs) => {
                        skew_ms = skew_ms.saturating_add(secs.saturating_mul(1000))
                    }
                    _ if chosen.is_some() => continue,
                    f => chosen = Some(f.clone()),
                }
                if let Some(t) = rule.times.as_mut() {
                    *t -= 1;
                }
            }
            rules.retain(|r| r.times != Some(0));
        }
        if !delay.is_zero() {
            std::thread::sleep(delay);
        }
        (skew_ms, chosen)
    }

    fn control(&self, req: &HttpRequest) -> HttpResponse {
        match (req.method.as_str(), req.path.as_str()) {
            ("GET", "/_sim/health") => HttpResponse::json(200, &serde_json::json!({"ok": true})),
            ("POST", "/_sim/faults") => {
                let spec = String::from_utf8_lossy(&req.body);
                match spec.parse::<FaultRule>() {
                    Ok(rule) => {
                        lock(&self.faults).push(rule);
                        HttpResponse::json(200, &serde_json::json!({"ok": true}))
                    }
                    Err(e) => HttpResponse::text(400, &e.to_string()),
                }
            }
            // The presigned upload URL `upload/getUrl` hands out.
            ("PUT", path) if path.starts_with("/_sim/upload/") => HttpResponse::empty(200),
            ("DELETE", "/_sim/faults") => {
                lock(&self.faults).clear();
                HttpResponse::json(200, &serde_json::json!({"ok": true}))
            }
            _ => HttpResponse::text(404, "no such simulator control endpoint"),
        }
    }
}

impl Handler for Shared {
    fn handle(&self, req: &HttpRequest) -> Action {
        self.requests.fetch_add(1, Ordering::Relaxed);
        if req.path.starts_with("/_sim/") {
            return Action::Respond(self.control(req));
        }
        let provider = if req.path.starts_with("/open/") {
            Provider::GeeLark
        } else {
            Provider::Huawei
        };
        let (skew_ms, fault) = self.fault_for(&req.path);
        let answer = |skew_ms: i64| match provider {
            Provider::Huawei => {
                let resp = huawei::handle(self, req, skew_ms);
                if skew_ms == 0 {
                    resp
                } else {
                    let at = (now_ms() as i64).saturating_add(skew_ms).max(0) as u64;
                    resp.with_header(
                        "Date",
                        server::http_date(UNIX_EPOCH + Duration::from_millis(at)),
                    )
                }
            }
            Provider::GeeLark => geelark::handle(self, req),
        };
        let geelark_envelope = |code: i64, msg: &str| {
            HttpResponse::json(
                200,
                &serde_json::json!({
                    "traceId": req.header("traceId").unwrap_or_default(),
                    "code": code,
                    "msg": msg,
                }),
            )
        };
        if let Some(fault) = fault {
            match fault {
                Fault::Reset => return Action::Reset,
                Fault::Close => return Action::Close,
                Fault::Hang => return Action::Hang,
                Fault::Truncate => return Action::Truncate(answer(skew_ms)),
                Fault::ResetMidBody => return Action::TruncateReset(answer(skew_ms)),
                Fault::Status(code) => {
                    return Action::Respond(match provider {
                        Provider::Huawei => {
                            self.huawei_error(code, "CPS.0003", "Service internal error.")
                        }
                        Provider::GeeLark => HttpResponse::text(
                            code,
                            &format!("{code} {}: the upstream server failed", status_text(code)),
                        ),
                    });
                }
                Fault::RateLimited { retry_after_secs } => {
                    return Action::Respond(
                        self.throttled(provider, req)
                            .with_header("Retry-After", retry_after_secs.to_string()),
                    );
                }
                Fault::InvalidJson => {
                    let mut resp = HttpResponse::text(
                        200,
                        "<html><head><title>502 Bad Gateway</title></head><body><center>nginx</center></body></html>",
                    );
                    resp.headers = vec![("Content-Type".into(), "application/json".into())];
                    return Action::Respond(resp);
                }
                Fault::HugeBody(bytes) => {
                    let mut body = match provider {
                        Provider::Huawei => {
                            format!("{{\"request_id\":\"{}\"}}", self.request_id())
                        }
                        Provider::GeeLark => format!(
                            "{{\"traceId\":\"{}\",\"code\":0,\"msg\":\"success\"}}",
                            req.header("traceId").unwrap_or_default()
                        ),
                    }
                    .into_bytes();
                    let len = usize::try_from(bytes).unwrap_or(usize::MAX).min(1 << 30);
                    if body.len() < len {
                        body.resize(len, b' ');
                    }
                    let mut resp = HttpResponse::json(200, &serde_json::Value::Null);
                    resp.body = body;
                    return Action::Respond(resp);
                }
                Fault::GeeLarkCode(code) => {
                    if let Provider::GeeLark = provider {
                        return Action::Respond(geelark_envelope(code, geelark_code_msg(code)));
                    }
                }
                Fault::Unauthorized => {
                    return Action::Respond(match provider {
                        Provider::Huawei if req.path.starts_with("/v3/auth/tokens") => {
                            huawei::iam_error(401, "The username or password is wrong.")
                        }
                        Provider::Huawei => self.huawei_error(
                            401,
                            "APIGW.0301",
                            "Incorrect IAM authentication information: verify aksk signature fail",
                        ),
                        Provider::GeeLark => {
                            geelark_envelope(40003, "signature verification failed")
                        }
                    });
                }
                Fault::Latency(_) | Fault::ClockSkew(_) => {}
                // Transport-level faults (src/sim/hostile.rs).
                Fault::Redirect { .. }
                | Fault::TrickleHead(_)
                | Fault::TrickleBody(_)
                | Fault::Gzip
                | Fault::GzipBomb(_)
                | Fault::ContentEncoding(_)
                | Fault::BadChunk(_)
                | Fault::DuplicateContentLength
                | Fault::ConflictingContentLength
                | Fault::Http10
                | Fault::Http10Cut
                | Fault::GeeLarkDataNull
                | Fault::RepeatIds
                | Fault::ForeignIds => {
                    if let Some(action) =
                        hostile::action(&fault, provider, req, &|| answer(skew_ms))
                    {
                        return action;
                    }
                }
                // --- issue 12 ---
                Fault::RetryAfterValue(value) => {
                    return Action::Respond(
                        self.throttled(provider, req)
                            .with_header("Retry-After", value),
                    );
                }
                Fault::RetryAfterDate(secs) => {
                    let now = now_ms() / 1000;
                    let at = now.saturating_add_signed(secs);
                    let date = |s: u64| server::http_date(UNIX_EPOCH + Duration::from_secs(s));
                    return Action::Respond(
                        self.throttled(provider, req)
                            .with_header("Date", date(now))
                            .with_header("Retry-After", date(at)),
                    );
                }
                Fault::EndlessPages { repeat } => {
                    if let Some(resp) = endless_page(provider, req, repeat) {
                        return Action::Respond(resp);
                    }
                }
            }
        }
        Action::Respond(answer(skew_ms))
    }
}

impl Shared {
    /// The provider's HTTP 429 throttling answer (without `Retry-After`).
    fn throttled(&self, provider: Provider, req: &HttpRequest) -> HttpResponse {
        match provider {
            Provider::Huawei => self.huawei_error(
                429,
                "APIGW.0308",
                "The throttling threshold has been reached: policy user over ratelimit",
            ),
            Provider::GeeLark => HttpResponse::json(
                429,
                &serde_json::json!({
                    "traceId": req.header("traceId").unwrap_or_default(),
                    "code": 40007,
                    "msg": "request rate limited",
                }),
            ),
        }
    }
}

/// A page of a listing that never ends (the `endless-pages` fault), or
/// `None` for a request that is not a list call.
fn endless_page(provider: Provider, req: &HttpRequest, repeat: bool) -> Option<HttpResponse> {
    match provider {
        Provider::Huawei => {
            if req.method != "GET" || !req.path.ends_with("/cloud-phone/phones") {
                return None;
            }
            let q = huawei::parse_query(&req.query);
            let get = |k: &str| {
                q.iter()
                    .find(|(n, _)| n == k)
                    .and_then(|(_, v)| v.parse::<u64>().ok())
            };
            let limit = get("limit").unwrap_or(100).clamp(1, 200);
            let offset = if repeat {
                0
            } else {
                get("offset").unwrap_or(0)
            };
            let phones: Vec<serde_json::Value> = (offset..offset + limit)
                .map(|i| serde_json::json!({"phone_id": format!("endless{i:026}"), "status": 2}))
                .collect();
            Some(HttpResponse::json(
                200,
                &serde_json::json!({
                    "request_id": "endless",
                    "count": u64::from(u32::MAX),
                    "phones": phones,
                }),
            ))
        }
        Provider::GeeLark => {
            if !req.path.ends_with("/open/v1/phone/list") {
                return None;
            }
            let body: serde_json::Value = serde_json::from_slice(&req.body).unwrap_or_default();
            let page = body["page"].as_u64().unwrap_or(1).max(1);
            let size = body["pageSize"].as_u64().unwrap_or(10).clamp(1, 100);
            let first = if repeat {
                0
            } else {
                (page - 1).saturating_mul(size)
            };
            let items: Vec<serde_json::Value> = (first..first.saturating_add(size))
                .map(|i| serde_json::json!({"id": 7_000_000_000_000_000_000u64.saturating_add(i).to_string(), "serialName": format!("endless-{i}"), "status": 0}))
                .collect();
            Some(HttpResponse::json(
                200,
                &serde_json::json!({
                    "traceId": req.header("traceId").unwrap_or_default(),
                    "code": 0,
                    "msg": "success",
                    "data": {"total": 1_000_000_000_000u64, "page": page, "pageSize": size, "items": items},
                }),
            ))
        }
    }
}

/// The documented message of a GeeLark envelope code, for injected codes.
fn geelark_code_msg(code: i64) -> &'static str {
    match code {
        40007 => "Too many requests. The rate limit will be lifted in the next minute",
        40014 => "api request exceeds hourly limit; locked for two hours",
        40017 => "Too many requests, please try again later",
        47002 => "Too many concurrent requests; the restriction will be lifted after two hours",
        50000 => "internal server error",
        _ => "injected error",
    }
}

#[derive(Clone, Copy)]
pub(crate) enum Provider {
    Huawei,
    GeeLark,
}

fn status_text(code: u16) -> &'static str {
    match code {
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Error",
    }
}
