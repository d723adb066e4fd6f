//! The fault matrix: every client operation family × every fault the
//! simulator can inject → the asserted outcome.
//!
//! Each cell starts its own simulator (same seed, so the same fleet), builds
//! a client with a short timeout and a fast retry policy, injects one fault
//! rule scoped to the operation's path, runs the operation on a watched
//! thread and checks:
//!
//! - the outcome: success (possibly after retries) or the typed
//!   [`ErrorKind`] expected for that fault and operation;
//! - the number of requests the simulator saw (attempts, retries, token
//!   fetches);
//! - no hang: the cell returns within [`CELL_BOUND`], a bound generously
//!   above the worst case the configuration allows (3 attempts × 300 ms);
//! - no panic (a panicking cell is reported, not propagated);
//! - nothing lost from a batch: every requested id comes back exactly once,
//!   succeeded, failed or missing, and ids that were not hit by the fault
//!   keep the answer a fault-free run gives them;
//! - for the transport-level rows (`Tx`, at the end of this file): a
//!   redirect's `Location` is a listener of the cell's own that must see no
//!   connection (so no credential is re-sent), and a batch answer's foreign
//!   ids come back as `unexpected`, never credited to a requested id.
//!
//! The matrix is rendered into `docs/fault-matrix.md`; the test compares the
//! file with what it observed (run with `CLOUDPHONE_BLESS_DOCS=1` to rewrite
//! it), so the documentation cannot drift from the behaviour.
#![cfg(all(feature = "client", feature = "sim"))]

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::panic::AssertUnwindSafe;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use cloudphone::client::{GeeLarkClient, HuaweiClient, NoJitter, RetryPolicy};
use cloudphone::geelark;
use cloudphone::huawei::adb::{RunSyncShell, Target};
use cloudphone::huawei::jobs::ListJobs;
use cloudphone::huawei::lifecycle::RestartPhones;
use cloudphone::huawei::phones::ListPhones;
use cloudphone::huawei::{ClientType, MAX_IDS};
use cloudphone::page::PageLimits;
use cloudphone::sim::{Fault, FaultRule, Sim, SimConfig};
use cloudphone::{BatchItem, BatchOutcome, BatchPlan, CallOutcome, ErrorKind, Result};

/// The whole-request (and connect) timeout of every client in the matrix.
const TIMEOUT: Duration = Duration::from_millis(300);
/// Attempts per call, the first included.
const ATTEMPTS: u32 = 3;
/// The largest backoff between attempts.
const MAX_DELAY: Duration = Duration::from_millis(40);
/// The longest `Retry-After` the clients wait for.
const MAX_RETRY_AFTER: Duration = Duration::from_secs(2);
/// The response body cap of every client in the matrix.
const BODY_CAP: u64 = 256 * 1024;
/// The oversized body the "huge body" fault sends.
const HUGE_BODY: u64 = 1024 * 1024;
/// How far the simulator's clock is off in the clock-skew row.
const SKEW_SECS: i64 = 3600;
/// How long any one cell may take. The slowest cells by design are about
/// 1 s (three 300 ms timeouts, or one 1 s `Retry-After`); the IAM column
/// chains two such calls. Generous on purpose: a bound, not a benchmark.
const CELL_BOUND: Duration = Duration::from_secs(6);
/// After this long a cell counts as hung and the matrix fails.
const WATCHDOG: Duration = Duration::from_secs(30);

const SEED: u64 = 7;
const HW_CONNECT_IDS: usize = 30;
const HW_RESTART_IDS: usize = 20;
const HW_SHELL_IDS: usize = 10;
const GL_STATUS_IDS: usize = 200;
const GL_START_IDS: usize = 20;
// --- issue 12 ---
/// The `max_pages` of the page walks in the endless-listing rows.
const WALK_MAX_PAGES: u32 = 5;
/// How far the simulator's clock is off in the absurd-skew row: about
/// 7,900 years ahead (a `Date` near the year 9900).
const ABSURD_SKEW_SECS: i64 = 250_000_000_000;

fn policy() -> RetryPolicy {
    RetryPolicy::default()
        .max_attempts(ATTEMPTS)
        .base_delay(Duration::from_millis(10))
        .max_delay(MAX_DELAY)
        .rate_limited_min_delay(Duration::from_millis(20))
        .max_retry_after(MAX_RETRY_AFTER)
        .budget(Duration::from_secs(5))
        .jitter(NoJitter)
}

fn sim_config() -> SimConfig {
    SimConfig::default()
        .seed(SEED)
        .phones(240)
        // Long jobs: no phone changes state while the matrix runs, so every
        // cell meets the same fleet as the fault-free baseline.
        .job_duration(Duration::from_secs(3600))
        .geelark_rate_limit(1_000_000)
        .geelark_hourly_limit(1_000_000)
}

// ------------------------------------------------------------------ columns

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Op {
    HwConnect,
    HwList,
    HwRestart,
    HwShell,
    HwJobs,
    GlStatus,
    GlList,
    GlStart,
    IamToken,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Family {
    Huawei,
    GeeLark,
    Iam,
}

impl Op {
    const ALL: [Op; 9] = [
        Op::HwConnect,
        Op::HwList,
        Op::HwRestart,
        Op::HwShell,
        Op::HwJobs,
        Op::GlStatus,
        Op::GlList,
        Op::GlStart,
        Op::IamToken,
    ];

    fn label(self) -> &'static str {
        match self {
            Op::HwConnect => "Huawei batch-connection",
            Op::HwList => "Huawei list phones",
            Op::HwRestart => "Huawei restart",
            Op::HwShell => "Huawei sync shell",
            Op::HwJobs => "Huawei jobs",
            Op::GlStatus => "GeeLark status",
            Op::GlList => "GeeLark list",
            Op::GlStart => "GeeLark start",
            Op::IamToken => "IAM token → list",
        }
    }

    fn detail(self) -> &'static str {
        match self {
            Op::HwConnect => {
                "`HuaweiClient::batch_connection`, 30 ids fanned out as 3 calls of 10 (4 in flight); idempotent"
            }
            Op::HwList => "`huawei::phones::ListPhones`, one page; idempotent",
            Op::HwRestart => {
                "`huawei::lifecycle::RestartPhones`, 20 ids in one call; **not idempotent**"
            }
            Op::HwShell => "`huawei::adb::RunSyncShell`, 10 phones in one call; **not idempotent**",
            Op::HwJobs => {
                "`huawei::jobs::ListJobs` for the request id of an earlier restart; idempotent"
            }
            Op::GlStatus => {
                "`GeeLarkClient::phone_status`, 200 ids fanned out as 2 calls of 100; idempotent"
            }
            Op::GlList => "`geelark::ListPhones`, one page of 100; idempotent",
            Op::GlStart => "`geelark::StartPhones`, 20 ids in one call; **not idempotent**",
            Op::IamToken => {
                "a Huawei client with an IAM password: the fault hits `POST /v3/auth/tokens` (idempotent), then the CPH list call runs with the token"
            }
        }
    }

    /// The path fragment the fault rule is scoped to.
    fn path(self) -> &'static str {
        match self {
            Op::HwConnect => "/cloud-phone/phones/batch-connection",
            Op::HwList => "/cloud-phone/phones",
            Op::HwRestart => "/cloud-phone/phones/batch-restart",
            Op::HwShell => "/cloud-phone/phones/sync-commands",
            Op::HwJobs => "/cloud-phone/jobs",
            Op::GlStatus => "/open/v1/phone/status",
            Op::GlList => "/open/v1/phone/list",
            Op::GlStart => "/open/v1/phone/start",
            Op::IamToken => "/v3/auth/tokens",
        }
    }

    fn family(self) -> Family {
        match self {
            Op::GlStatus | Op::GlList | Op::GlStart => Family::GeeLark,
            Op::IamToken => Family::Iam,
            _ => Family::Huawei,
        }
    }

    /// HTTP calls the operation makes to the faulted path when nothing fails.
    fn calls(self) -> u64 {
        match self {
            Op::HwConnect => (HW_CONNECT_IDS / MAX_IDS) as u64,
            Op::GlStatus => (GL_STATUS_IDS / geelark::MAX_IDS) as u64,
            _ => 1,
        }
    }

    fn idempotent(self) -> bool {
        !matches!(self, Op::HwRestart | Op::HwShell | Op::GlStart)
    }

    fn is_batch(self) -> bool {
        matches!(
            self,
            Op::HwConnect | Op::HwRestart | Op::HwShell | Op::GlStatus | Op::GlStart
        )
    }
}

// --------------------------------------------------------------------- rows

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Row {
    Refused,
    Latency,
    Hang,
    Reset,
    ResetMidBody,
    Close,
    Truncate,
    Status503Twice,
    Status503,
    RetryAfter,
    RetryAfterTooLong,
    Gl40007,
    Gl40017,
    Gl47002,
    Gl40014,
    InvalidJson,
    HugeBody,
    AuthRejected,
    ClockSkew,
    // --- issue 12 ---
    RetryAfterDateSoon,
    RetryAfterDateFar,
    RetryAfterDatePast,
    RetryAfterHuge,
    RetryAfterNegative,
    RetryAfterGarbage,
    AbsurdSkew,
    EndlessPages,
    StuckPages,
    /// The transport-level rows (see `Tx`, at the end of this file).
    Tx(Tx),
}

impl Row {
    const ALL: [Row; 28] = [
        Row::Refused,
        Row::Latency,
        Row::Hang,
        Row::Reset,
        Row::ResetMidBody,
        Row::Close,
        Row::Truncate,
        Row::Status503Twice,
        Row::Status503,
        Row::RetryAfter,
        Row::RetryAfterTooLong,
        Row::Gl40007,
        Row::Gl40017,
        Row::Gl47002,
        Row::Gl40014,
        Row::InvalidJson,
        Row::HugeBody,
        Row::AuthRejected,
        Row::ClockSkew,
        // --- issue 12 ---
        Row::RetryAfterDateSoon,
        Row::RetryAfterDateFar,
        Row::RetryAfterDatePast,
        Row::RetryAfterHuge,
        Row::RetryAfterNegative,
        Row::RetryAfterGarbage,
        Row::AbsurdSkew,
        Row::EndlessPages,
        Row::StuckPages,
    ];

    /// Every row: [`Row::ALL`], then the transport-level rows.
    fn all() -> Vec<Row> {
        Row::ALL
            .into_iter()
            .chain(Tx::ALL.into_iter().map(Row::Tx))
            .collect()
    }

    fn label(self) -> &'static str {
        match self {
            Row::Refused => "connection refused (nothing listening)",
            Row::Latency => "latency 1 s > 300 ms timeout, once",
            Row::Hang => "accepts, never answers",
            Row::Reset => "reset (RST) before the answer, once",
            Row::ResetMidBody => "reset (RST) mid-body, once",
            Row::Close => "close (FIN) before the answer, once",
            Row::Truncate => "truncated body (FIN after half), once",
            Row::Status503Twice => "HTTP 503, twice",
            Row::Status503 => "HTTP 503, always",
            Row::RetryAfter => "HTTP 429 + Retry-After: 1, once",
            Row::RetryAfterTooLong => "HTTP 429 + Retry-After: 30 (> 2 s allowed)",
            Row::Gl40007 => "GeeLark 40007 in HTTP 200, once",
            Row::Gl40017 => "GeeLark 40017 in HTTP 200, once",
            Row::Gl47002 => "GeeLark 47002 in HTTP 200, once",
            Row::Gl40014 => "GeeLark 40014 (2 h lock) in HTTP 200",
            Row::InvalidJson => "invalid JSON (HTML page, HTTP 200)",
            Row::HugeBody => "huge body (1 MiB > 256 KiB cap)",
            Row::AuthRejected => "auth rejected (401 APIGW.0301 / 40003)",
            Row::ClockSkew => "server clock 1 h ahead",
            // --- issue 12 ---
            Row::RetryAfterDateSoon => "HTTP 429 + Retry-After: HTTP-date Date + 1 s, once",
            Row::RetryAfterDateFar => "HTTP 429 + Retry-After: HTTP-date Date + 1 h",
            Row::RetryAfterDatePast => "HTTP 429 + Retry-After: HTTP-date 1 h ago, once",
            Row::RetryAfterHuge => "HTTP 429 + Retry-After: 10^26 (no integer holds it)",
            Row::RetryAfterNegative => "HTTP 429 + Retry-After: -1, once",
            Row::RetryAfterGarbage => "HTTP 429 + Retry-After: soon, once",
            Row::AbsurdSkew => "server clock ~7,900 years ahead (Date near 9900)",
            Row::EndlessPages => "list total never reached, fresh ids (walk: max_pages 5)",
            Row::StuckPages => "list total never reached, the same page every time",
            Row::Tx(t) => t.label(),
        }
    }

    /// The simulator fault spec (as `cloudphone sim --fault` takes it).
    fn spec(self) -> &'static str {
        match self {
            Row::Refused => "(simulator stopped)",
            Row::Latency => "latency=1s,times=1",
            Row::Hang => "hang",
            Row::Reset => "reset,times=1",
            Row::ResetMidBody => "reset-mid-body,times=1",
            Row::Close => "close,times=1",
            Row::Truncate => "truncate,times=1",
            Row::Status503Twice => "status=503,times=2",
            Row::Status503 => "status=503",
            Row::RetryAfter => "rate-limit=1,times=1",
            Row::RetryAfterTooLong => "rate-limit=30",
            Row::Gl40007 => "geelark-code=40007,times=1",
            Row::Gl40017 => "geelark-code=40017,times=1",
            Row::Gl47002 => "geelark-code=47002,times=1",
            Row::Gl40014 => "geelark-code=40014",
            Row::InvalidJson => "invalid-json",
            Row::HugeBody => "huge-body=1048576",
            Row::AuthRejected => "unauthorized",
            Row::ClockSkew => "skew=3600",
            // --- issue 12 ---
            Row::RetryAfterDateSoon => "retry-after-date=1,times=1",
            Row::RetryAfterDateFar => "retry-after-date=3600",
            Row::RetryAfterDatePast => "retry-after-date=-3600,times=1",
            Row::RetryAfterHuge => "retry-after=100000000000000000000000000",
            Row::RetryAfterNegative => "retry-after=-1,times=1",
            Row::RetryAfterGarbage => "retry-after=soon,times=1",
            Row::AbsurdSkew => "skew=250000000000",
            Row::EndlessPages => "endless-pages",
            Row::StuckPages => "endless-pages=repeat",
            Row::Tx(t) => t.spec(),
        }
    }

    fn fault(self) -> Option<Fault> {
        Some(match self {
            Row::Refused => return None,
            Row::Latency => Fault::Latency(Duration::from_secs(1)),
            Row::Hang => Fault::Hang,
            Row::Reset => Fault::Reset,
            Row::ResetMidBody => Fault::ResetMidBody,
            Row::Close => Fault::Close,
            Row::Truncate => Fault::Truncate,
            Row::Status503Twice | Row::Status503 => Fault::Status(503),
            Row::RetryAfter => Fault::RateLimited {
                retry_after_secs: 1,
            },
            Row::RetryAfterTooLong => Fault::RateLimited {
                retry_after_secs: 30,
            },
            Row::Gl40007 => Fault::GeeLarkCode(40007),
            Row::Gl40017 => Fault::GeeLarkCode(40017),
            Row::Gl47002 => Fault::GeeLarkCode(47002),
            Row::Gl40014 => Fault::GeeLarkCode(40014),
            Row::InvalidJson => Fault::InvalidJson,
            Row::HugeBody => Fault::HugeBody(HUGE_BODY),
            Row::AuthRejected => Fault::Unauthorized,
            Row::ClockSkew => Fault::ClockSkew(SKEW_SECS),
            // --- issue 12 ---
            Row::RetryAfterDateSoon => Fault::RetryAfterDate(1),
            Row::RetryAfterDateFar => Fault::RetryAfterDate(3600),
            Row::RetryAfterDatePast => Fault::RetryAfterDate(-3600),
            Row::RetryAfterHuge => Fault::RetryAfterValue("100000000000000000000000000".into()),
            Row::RetryAfterNegative => Fault::RetryAfterValue("-1".into()),
            Row::RetryAfterGarbage => Fault::RetryAfterValue("soon".into()),
            Row::AbsurdSkew => Fault::ClockSkew(ABSURD_SKEW_SECS),
            Row::EndlessPages => Fault::EndlessPages { repeat: false },
            Row::StuckPages => Fault::EndlessPages { repeat: true },
            Row::Tx(t) => t.fault(None),
        })
    }

    fn times(self) -> Option<u32> {
        match self {
            Row::Latency
            | Row::Reset
            | Row::ResetMidBody
            | Row::Close
            | Row::Truncate
            | Row::RetryAfter
            | Row::Gl40007
            | Row::Gl40017
            | Row::Gl47002
            | Row::RetryAfterDateSoon
            | Row::RetryAfterDatePast
            | Row::RetryAfterNegative
            | Row::RetryAfterGarbage => Some(1),
            Row::Status503Twice => Some(2),
            _ => None,
        }
    }

    fn rule(self, op: Op) -> Option<FaultRule> {
        let mut rule = FaultRule::new(self.fault()?).path(op.path());
        if let Some(n) = self.times() {
            rule = rule.times(n);
        }
        Some(rule)
    }

    fn applies(self, op: Op) -> bool {
        if let Row::Tx(t) = self {
            return t.applies(op);
        }
        let geelark_only = matches!(
            self,
            Row::Gl40007 | Row::Gl40017 | Row::Gl47002 | Row::Gl40014
        );
        // --- issue 12 --- listings only.
        if matches!(self, Row::EndlessPages | Row::StuckPages) {
            return matches!(op, Op::HwList | Op::GlList);
        }
        !geelark_only || op.family() == Family::GeeLark
    }

    /// Whether the cell walks every page of a listing (`pages_with`,
    /// `max_pages` [`WALK_MAX_PAGES`]) instead of fetching one page.
    fn walks_pages(self) -> bool {
        matches!(self, Row::EndlessPages | Row::StuckPages)
    }

    /// The asserted outcome: the specification of the client's behaviour.
    fn expect(self, op: Op) -> Expect {
        if let Row::Tx(t) = self {
            return t.expect(op);
        }
        let c = op.calls();
        let idem = op.idempotent();
        let ok = |requests| Expect::ok(requests);
        let err = |kind, requests| Expect::err(kind, requests);
        // The IAM column: the fault is on the token call (idempotent); the
        // CPH list call (1 request) follows only when a token was obtained.
        if op == Op::IamToken {
            return match self {
                Row::Refused => err(ErrorKind::Transport, 0),
                Row::Latency | Row::Reset | Row::ResetMidBody | Row::Close | Row::Truncate => {
                    ok(2 + 1)
                }
                Row::Hang => err(ErrorKind::Timeout, ATTEMPTS as u64),
                Row::Status503Twice => ok(3 + 1),
                Row::Status503 => err(ErrorKind::Api, ATTEMPTS as u64),
                Row::RetryAfter => ok(2 + 1).at_least(Duration::from_secs(1)),
                Row::RetryAfterTooLong => err(ErrorKind::RateLimited, 1),
                Row::InvalidJson => err(ErrorKind::Decode, 1),
                Row::HugeBody => err(ErrorKind::BodyTooLarge, 1),
                Row::AuthRejected => err(ErrorKind::Auth, 1),
                // Token auth carries no signed time.
                Row::ClockSkew => ok(1 + 1),
                // --- issue 12 ---
                Row::RetryAfterDateSoon => ok(2 + 1).at_least(Duration::from_secs(1)),
                Row::RetryAfterDatePast | Row::RetryAfterNegative | Row::RetryAfterGarbage => {
                    ok(2 + 1)
                }
                Row::RetryAfterDateFar | Row::RetryAfterHuge => err(ErrorKind::RateLimited, 1),
                // IAM's Date is never learned from, and tokens carry no time.
                Row::AbsurdSkew => ok(1 + 1),
                Row::Gl40007
                | Row::Gl40017
                | Row::Gl47002
                | Row::Gl40014
                | Row::EndlessPages
                | Row::StuckPages
                | Row::Tx(_) => unreachable!(),
            };
        }
        match self {
            // Nothing was sent: retried even when not idempotent; the
            // server sees nothing.
            Row::Refused => err(ErrorKind::Transport, 0),
            // One call stalls: an idempotent call is sent again; a
            // non-idempotent one is not (the server may have acted).
            Row::Latency if idem => ok(c + 1),
            Row::Latency => err(ErrorKind::Timeout, 1),
            Row::Hang if idem => err(ErrorKind::Timeout, c * ATTEMPTS as u64),
            Row::Hang => err(ErrorKind::Timeout, c),
            Row::Reset | Row::ResetMidBody | Row::Close | Row::Truncate if idem => ok(c + 1),
            Row::Reset | Row::ResetMidBody | Row::Close | Row::Truncate => {
                err(ErrorKind::Transport, 1)
            }
            Row::Status503Twice if idem => ok(c + 2),
            Row::Status503Twice => err(ErrorKind::Api, 1),
            Row::Status503 if idem => err(ErrorKind::Api, c * ATTEMPTS as u64),
            Row::Status503 => err(ErrorKind::Api, c),
            // Throttling means the provider did not act: always retried,
            // after the server's Retry-After.
            Row::RetryAfter => ok(c + 1).at_least(Duration::from_secs(1)),
            Row::RetryAfterTooLong => err(ErrorKind::RateLimited, c),
            Row::Gl40007 | Row::Gl40017 | Row::Gl47002 => ok(c + 1),
            Row::Gl40014 => err(ErrorKind::Lockout, c),
            Row::InvalidJson => err(ErrorKind::Decode, c),
            Row::HugeBody => err(ErrorKind::BodyTooLarge, c),
            Row::AuthRejected => err(ErrorKind::Auth, c),
            // Huawei AK/SK: refused with APIGW.0303, the client learns the
            // gateway's time from `Date` and signs again. GeeLark documents
            // no `ts` window and is not affected.
            // Calls in flight together may each be refused once (2c); a call
            // signed after the first correction is not (at least c + 1).
            Row::ClockSkew if op.family() == Family::Huawei && c > 1 => ok(c + 1).up_to(c * 2),
            Row::ClockSkew if op.family() == Family::Huawei => ok(c * 2),
            Row::ClockSkew => ok(c),
            // --- issue 12 ---
            // An HTTP-date is waited for like seconds (relative to the
            // response's Date); one beyond max_retry_after, or a number no
            // integer holds, ends the call with the hint; a past date,
            // a negative number or garbage means the normal backoff.
            Row::RetryAfterDateSoon => ok(c + 1).at_least(Duration::from_secs(1)),
            Row::RetryAfterDateFar | Row::RetryAfterHuge => err(ErrorKind::RateLimited, c),
            Row::RetryAfterDatePast | Row::RetryAfterNegative | Row::RetryAfterGarbage => ok(c + 1),
            // Huawei AK/SK: a correction beyond max_clock_skew is refused at
            // once (no second attempt, the clock kept); GeeLark unaffected.
            Row::AbsurdSkew if op.family() == Family::Huawei => err(ErrorKind::LimitExceeded, c),
            Row::AbsurdSkew => ok(c),
            // The walk stops at max_pages (fresh ids) or on the second,
            // repeated page (no_progress), never requesting more.
            Row::EndlessPages => err(ErrorKind::LimitExceeded, u64::from(WALK_MAX_PAGES)),
            Row::StuckPages => err(ErrorKind::LimitExceeded, 2),
            Row::Tx(_) => unreachable!(),
        }
    }
}

// ----------------------------------------------------------------- outcomes

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Outcome {
    Ok,
    Err(ErrorKind),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Expect {
    outcome: Outcome,
    requests: u64,
    /// The most requests that are still right (`requests` unless a range
    /// is inherent, see `up_to`).
    requests_max: u64,
    min_elapsed: Duration,
}

impl Expect {
    fn ok(requests: u64) -> Self {
        Expect {
            outcome: Outcome::Ok,
            requests,
            requests_max: requests,
            min_elapsed: Duration::ZERO,
        }
    }

    fn err(kind: ErrorKind, requests: u64) -> Self {
        Expect {
            outcome: Outcome::Err(kind),
            requests,
            requests_max: requests,
            min_elapsed: Duration::ZERO,
        }
    }

    fn at_least(mut self, d: Duration) -> Self {
        self.min_elapsed = d;
        self
    }

    /// Any count from `requests` to `max` is right: the cell's count
    /// depends on how concurrent calls interleave.
    fn up_to(mut self, max: u64) -> Self {
        self.requests_max = max;
        self
    }
}

/// What one cell did.
#[derive(Clone, Debug)]
struct Observed {
    outcome: Outcome,
    requests: u64,
    elapsed: Duration,
    /// For batches: ids requested, and ids whose answer differs from the
    /// fault-free baseline (each with the kind it failed with).
    ids: Option<(usize, usize)>,
    /// Everything wrong with the cell apart from outcome and count.
    problems: Vec<String>,
    /// Distinct ids reported `unexpected` (the foreign-ids row).
    unexpected: usize,
}

/// Per id: `"ok"` or `"<kind>:<code>"`.
type IdStates = BTreeMap<String, (String, Option<ErrorKind>)>;

/// Checks that every requested id is there exactly once and returns their
/// states.
fn id_states<T: BatchItem>(
    cell: &Cell,
    requested: &[String],
    out: &BatchOutcome<T>,
    problems: &mut Vec<String>,
) -> IdStates {
    let mut states = IdStates::new();
    let mut seen = |id: &str, state: (String, Option<ErrorKind>)| {
        if states.insert(id.to_owned(), state).is_some() {
            problems.push(format!("id {id} came back more than once"));
        }
    };
    for s in &out.succeeded {
        seen(s.item_id(), ("ok".into(), None));
    }
    for f in &out.failed {
        seen(
            &f.id,
            (format!("{}:{}", f.kind.as_str(), f.code), Some(f.kind)),
        );
    }
    for m in &out.missing {
        seen(m, ("missing".into(), None));
    }
    for id in requested {
        if !states.contains_key(id) {
            problems.push(format!("id {id} was lost"));
        }
    }
    if states.len() != requested.len() {
        problems.push(format!(
            "{} ids came back for {} requested",
            states.len(),
            requested.len()
        ));
    }
    if cell.foreign_ok {
        foreign_ids(requested, &out.unexpected, problems, &cell.unexpected);
    } else if !out.unexpected.is_empty() {
        problems.push(format!("unexpected ids: {:?}", out.unexpected));
    }
    states
}

/// One call of a single-call batch operation, merged so that every id is
/// accounted for even when the call fails (as a caller would do).
fn merged<T: BatchItem>(
    ids: &[String],
    limit: usize,
    call: impl Fn(&[String]) -> Result<CallOutcome<T>>,
) -> BatchOutcome<T> {
    let plan = BatchPlan::new(ids.iter().cloned(), limit).unwrap();
    let mut merge = plan.merge();
    for chunk in plan.calls() {
        merge.record_result(chunk, call(chunk));
    }
    merge.finish()
}

// -------------------------------------------------------------------- cells

struct Cell {
    sim: Sim,
    base_url: String,
    iam_url: String,
    jobs_request_id: Option<String>,
    /// The foreign-ids row: `unexpected` ids are wanted, and counted here.
    foreign_ok: bool,
    unexpected: AtomicUsize,
    // --- issue 12 ---
    /// List operations walk every page (see `Row::walks_pages`).
    walk_pages: bool,
}

fn huawei_client(cell: &Cell) -> HuaweiClient {
    let c = cell.sim.huawei();
    HuaweiClient::builder()
        .endpoint(&cell.base_url)
        .project_id(&c.project_id)
        .aksk(&c.access_key, c.secret_key.expose())
        .timeout(TIMEOUT)
        .connect_timeout(TIMEOUT)
        .body_limit(BODY_CAP)
        .retry(policy())
        .max_in_flight(4)
        .build()
        .unwrap()
}

fn iam_client(cell: &Cell) -> HuaweiClient {
    let c = cell.sim.huawei();
    HuaweiClient::builder()
        .endpoint(cell.sim.url())
        .iam_endpoint(&cell.iam_url)
        .project_id(&c.project_id)
        .iam_password(&c.iam_user, c.iam_password.expose(), &c.iam_domain)
        .timeout(TIMEOUT)
        .connect_timeout(TIMEOUT)
        .body_limit(BODY_CAP)
        .retry(policy())
        .build()
        .unwrap()
}

fn geelark_client(cell: &Cell) -> GeeLarkClient {
    let c = cell.sim.geelark();
    GeeLarkClient::builder()
        .endpoint(&cell.base_url)
        .key(&c.app_id, c.api_key.expose())
        .no_rate_limit()
        .timeout(TIMEOUT)
        .connect_timeout(TIMEOUT)
        .body_limit(BODY_CAP)
        .retry(policy())
        .max_in_flight(4)
        .build()
        .unwrap()
}

/// A URL nothing listens on (a port bound and released).
fn dead_url() -> String {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = l.local_addr().unwrap();
    drop(l);
    format!("http://{addr}")
}

fn requested_ids(sim: &Sim, op: Op) -> Vec<String> {
    let (all, n) = match op {
        Op::HwConnect => (sim.huawei_phone_ids(), HW_CONNECT_IDS),
        Op::HwRestart => (sim.huawei_phone_ids(), HW_RESTART_IDS),
        Op::HwShell => (sim.huawei_phone_ids(), HW_SHELL_IDS),
        Op::GlStatus => (sim.geelark_phone_ids(), GL_STATUS_IDS),
        Op::GlStart => (sim.geelark_phone_ids(), GL_START_IDS),
        _ => return Vec::new(),
    };
    all.into_iter().take(n).collect()
}

/// Runs the operation once against `cell`: the outcome of a single call,
/// or a batch's id states.
fn run_op(cell: &Cell, op: Op, ids: &[String]) -> (Outcome, Option<IdStates>, Vec<String>) {
    let mut problems = Vec::new();
    // Issue 11 item 6: no error text of any cell carries a credential.
    let secrets: Vec<String> = {
        let (hw, gl) = (cell.sim.huawei(), cell.sim.geelark());
        vec![
            hw.secret_key.expose().to_owned(),
            hw.iam_password.expose().to_owned(),
            gl.api_key.expose().to_owned(),
            gl.token.expose().to_owned(),
        ]
    };
    let leaks = std::cell::RefCell::new(Vec::<String>::new());
    let scan = |what: &str, text: &str| {
        if secrets.iter().any(|s| text.contains(s.as_str())) {
            leaks
                .borrow_mut()
                .push(format!("a credential in {what}: {text}"));
        }
    };
    let single = |r: Result<()>| match r {
        Ok(()) => Outcome::Ok,
        Err(e) => {
            scan("an error", &format!("{e} {e:?}"));
            Outcome::Err(e.kind())
        }
    };
    macro_rules! batch {
        ($out:expr) => {{
            let out = $out;
            for f in &out.failed {
                scan("a failed id", &format!("{} {}", f.code, f.message));
            }
            let states = id_states(cell, ids, &out, &mut problems);
            (Outcome::Ok, Some(states), problems)
        }};
    }
    let (outcome, states, mut problems) = match op {
        Op::HwConnect => batch!(
            huawei_client(cell)
                .batch_connection(ids.iter().cloned(), ClientType::Android)
                .unwrap()
        ),
        Op::HwRestart => {
            let client = huawei_client(cell);
            batch!(merged(ids, 100, |chunk| {
                let op = RestartPhones::new(chunk.iter().cloned())?;
                client.execute(&op).map(Into::into)
            }))
        }
        Op::HwShell => {
            let client = huawei_client(cell);
            batch!(merged(ids, 15, |chunk| {
                let op =
                    RunSyncShell::new("getprop ro.product.model", Target::Phones(chunk.to_vec()))?;
                client.execute(&op).map(Into::into)
            }))
        }
        Op::GlStatus => batch!(
            geelark_client(cell)
                .phone_status(ids.iter().cloned())
                .unwrap()
        ),
        Op::GlStart => {
            let client = geelark_client(cell);
            batch!(merged(ids, geelark::MAX_IDS, |chunk| {
                let op = geelark::StartPhones::new(chunk.iter().cloned())?;
                client.execute(&op).map(Into::into)
            }))
        }
        // --- issue 12 ---
        Op::HwList if cell.walk_pages => {
            let limits = PageLimits::default().max_pages(WALK_MAX_PAGES);
            let first = ListPhones::new().page(0, 100).unwrap();
            let r = huawei_client(cell)
                .pages_with(first, limits)
                .try_for_each(|p| p.map(|_| ()));
            (single(r), None, problems)
        }
        Op::GlList if cell.walk_pages => {
            let limits = PageLimits::default().max_pages(WALK_MAX_PAGES);
            let first = geelark::ListPhones::new().page(1, 100).unwrap();
            let r = geelark_client(cell)
                .pages_with(first, limits)
                .try_for_each(|p| p.map(|_| ()));
            (single(r), None, problems)
        }
        Op::HwList => {
            let r = huawei_client(cell).execute(&ListPhones::new()).map(|_| ());
            (single(r), None, problems)
        }
        Op::HwJobs => {
            let rid = cell.jobs_request_id.clone().unwrap();
            let r = huawei_client(cell)
                .execute(&ListJobs::for_request(rid).unwrap())
                .map(|l| assert!(!l.jobs.is_empty(), "the restart's jobs are listed"));
            (single(r), None, problems)
        }
        Op::GlList => {
            let r = geelark_client(cell)
                .execute(&geelark::ListPhones::new().page(1, 100).unwrap())
                .map(|_| ());
            (single(r), None, problems)
        }
        Op::IamToken => {
            let r = iam_client(cell).execute(&ListPhones::new()).map(|_| ());
            (single(r), None, problems)
        }
    };
    problems.extend(leaks.take());
    (outcome, states, problems)
}

/// Starts a simulator for `op` and does what the operation needs first.
fn prepare(op: Op, refused: bool) -> Cell {
    let sim = Sim::start(sim_config()).unwrap();
    let mut cell = Cell {
        base_url: sim.url(),
        iam_url: sim.url(),
        sim,
        jobs_request_id: None,
        foreign_ok: false,
        unexpected: AtomicUsize::new(0),
        walk_pages: false,
    };
    if op == Op::HwJobs {
        let ids: Vec<String> = cell.sim.huawei_phone_ids().into_iter().take(5).collect();
        let started = huawei_client(&cell)
            .execute(&RestartPhones::new(ids).unwrap())
            .unwrap();
        cell.jobs_request_id = started.request_id;
    }
    if refused {
        if op == Op::IamToken {
            cell.iam_url = dead_url();
        } else {
            cell.base_url = dead_url();
        }
    }
    cell
}

/// The fault-free answer of each batch operation, per id.
fn baseline(op: Op) -> IdStates {
    let cell = prepare(op, false);
    let ids = requested_ids(&cell.sim, op);
    let (outcome, states, problems) = run_op(&cell, op, &ids);
    assert_eq!(outcome, Outcome::Ok);
    assert!(problems.is_empty(), "{op:?} baseline: {problems:?}");
    states.unwrap()
}

fn run_cell(row: Row, op: Op, baseline: Option<&IdStates>) -> Observed {
    let mut cell = prepare(op, row == Row::Refused);
    cell.walk_pages = row.walks_pages();
    cell.foreign_ok = row == Row::Tx(Tx::ForeignIds);
    let ids = requested_ids(&cell.sim, op);
    // Redirect rows point at a listener of their own, which must see nothing.
    let trap = matches!(row, Row::Tx(t) if t.redirect().is_some()).then(Trap::start);
    let rule = match (row, &trap) {
        (Row::Tx(t), Some(trap)) => Some(t.rule_to(op, &trap.url())),
        _ => row.rule(op),
    };
    if let Some(rule) = rule {
        cell.sim.inject(rule);
    }
    let before = cell.sim.request_count();
    let start = Instant::now();
    let (mut outcome, states, mut problems) = run_op(&cell, op, &ids);
    let elapsed = start.elapsed();
    let requests = cell.sim.request_count() - before;
    let mut id_summary = None;
    if let (Some(states), Some(base)) = (states, baseline) {
        // Ids the fault touched: their answer differs from the baseline.
        let changed: Vec<&(String, Option<ErrorKind>)> = states
            .iter()
            .filter(|(id, s)| base.get(*id) != Some(*s))
            .map(|(_, s)| s)
            .collect();
        let mut kinds: Vec<ErrorKind> = changed.iter().filter_map(|s| s.1).collect();
        kinds.dedup();
        if changed.iter().any(|s| s.1.is_none()) {
            problems.push("an id succeeded or went missing that the baseline failed".into());
        }
        match kinds.as_slice() {
            [] => {}
            [k] => outcome = Outcome::Err(*k),
            _ => problems.push(format!("ids failed with several kinds: {kinds:?}")),
        }
        id_summary = Some((ids.len(), changed.len()));
    }
    if let Some(trap) = trap {
        trap.check(&cell, &mut problems);
    }
    let unexpected = cell.unexpected.load(Ordering::Relaxed);
    if cell.foreign_ok && op.is_batch() && unexpected == 0 {
        problems.push("the foreign ids were not reported as unexpected".into());
    }
    drop(cell);
    Observed {
        outcome,
        requests,
        elapsed,
        ids: id_summary,
        problems,
        unexpected,
    }
}

// ------------------------------------------------------------------ the run

#[derive(Clone, Debug)]
enum CellResult {
    NotApplicable,
    Done(Observed),
    Panicked(String),
}

fn run_matrix() -> BTreeMap<(Row, Op), CellResult> {
    let baselines: BTreeMap<Op, IdStates> = Op::ALL
        .iter()
        .filter(|op| op.is_batch())
        .map(|&op| (op, baseline(op)))
        .collect();
    let cells: Vec<(Row, Op)> = Row::all()
        .iter()
        .flat_map(|&r| Op::ALL.iter().map(move |&o| (r, o)))
        .collect();
    let next = AtomicUsize::new(0);
    let results = Mutex::new(BTreeMap::new());
    let workers = std::thread::available_parallelism()
        .map_or(4, |n| n.get() * 3)
        .clamp(4, 8);
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(&(row, op)) = cells.get(i) else {
                        break;
                    };
                    let result = if !row.applies(op) {
                        CellResult::NotApplicable
                    } else {
                        let base = baselines.get(&op).cloned();
                        let (tx, rx) = mpsc::channel();
                        // Each cell on its own thread: a panic is caught,
                        // and a hang is noticed (the thread is left behind).
                        std::thread::spawn(move || {
                            let r = std::panic::catch_unwind(AssertUnwindSafe(|| {
                                run_cell(row, op, base.as_ref())
                            }));
                            let _ = tx.send(r);
                        });
                        match rx.recv_timeout(WATCHDOG) {
                            Ok(Ok(obs)) => CellResult::Done(obs),
                            Ok(Err(p)) => CellResult::Panicked(
                                p.downcast_ref::<String>()
                                    .cloned()
                                    .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
                                    .unwrap_or_default(),
                            ),
                            Err(_) => CellResult::Panicked(format!("hung for over {WATCHDOG:?}")),
                        }
                    };
                    results.lock().unwrap().insert((row, op), result);
                }
            });
        }
    });
    results.into_inner().unwrap()
}

/// `6`, or `4–6` for a count that depends on interleaving.
fn count_text(want: &Expect) -> String {
    if want.requests_max > want.requests {
        format!("{}–{}", want.requests, want.requests_max)
    } else {
        want.requests.to_string()
    }
}

fn cell_text(result: &CellResult, want: impl FnOnce() -> Expect) -> String {
    match result {
        CellResult::NotApplicable => "—".into(),
        CellResult::Panicked(_) => "**PANIC/HANG**".into(),
        CellResult::Done(o) => {
            let what = match o.outcome {
                Outcome::Ok => "ok".to_owned(),
                Outcome::Err(k) => format!("`{}`", k.as_str()),
            };
            let mut ids = match o.ids {
                Some((n, changed)) if changed > 0 => format!(" ({changed}/{n} ids)"),
                _ => String::new(),
            };
            if o.unexpected > 0 {
                let _ = write!(ids, " (+{} `unexpected`)", o.unexpected);
            }
            // A count inside an inherent range shows the range, so the
            // generated table does not change from run to run.
            let want = want();
            let count = if want.requests_max > want.requests {
                count_text(&want)
            } else {
                o.requests.to_string()
            };
            format!("{what}{ids} · {count}")
        }
    }
}

fn render(results: &BTreeMap<(Row, Op), CellResult>) -> String {
    let mut md = String::new();
    let applicable = results
        .values()
        .filter(|r| !matches!(r, CellResult::NotApplicable))
        .count();
    let _ = writeln!(md, "# Fault matrix");
    let _ = writeln!(md);
    let _ = writeln!(
        md,
        "Generated by `tests/fault_matrix.rs` (`cargo test --features sim --test fault_matrix`; \
         rewrite with `CLOUDPHONE_BLESS_DOCS=1`). Do not edit by hand: the test fails when this \
         file and the observed behaviour disagree."
    );
    let _ = writeln!(md);
    let _ = writeln!(
        md,
        "{} operation families × {} faults = {} cells, {} applicable. Each cell runs against its \
         own simulator (`cloudphone::sim`, seed {SEED}) with the fault rule scoped to the \
         operation's path, and asserts:",
        Op::ALL.len(),
        Row::all().len(),
        results.len(),
        applicable
    );
    let _ = writeln!(md);
    let _ = writeln!(
        md,
        "- the outcome: `ok` (possibly after retries) or the typed `ErrorKind` shown;\n\
         - the number after `·`: requests the simulator saw (attempts, retries, token fetches);\n\
         - no hang: every cell returned within {} s (the configuration's worst case is about 1 s);\n\
         - no panic;\n\
         - for batches, every requested id exactly once (succeeded, failed or missing); `(n/N ids)` \
         counts the ids the fault changed, each failed with the kind shown, while the others keep \
         their fault-free answer.",
        CELL_BOUND.as_secs()
    );
    let _ = writeln!(md);
    let _ = writeln!(
        md,
        "Client settings: {} ms whole-request and connect timeout, {} attempts, backoff 10 ms \
         doubling up to {} ms (no jitter), 20 ms floor after throttling, `Retry-After` honoured up \
         to {} s, {} KiB body cap. `—`: not applicable (GeeLark envelope codes on other providers).",
        TIMEOUT.as_millis(),
        ATTEMPTS,
        MAX_DELAY.as_millis(),
        MAX_RETRY_AFTER.as_secs(),
        BODY_CAP / 1024
    );
    let _ = writeln!(md);
    let _ = write!(md, "| Fault | Simulator spec |");
    for op in Op::ALL {
        let _ = write!(md, " {} |", op.label());
    }
    let _ = writeln!(md);
    let _ = write!(md, "|---|---|");
    for _ in Op::ALL {
        let _ = write!(md, "---|");
    }
    let _ = writeln!(md);
    for row in Row::all() {
        let _ = write!(md, "| {} | `{}` |", row.label(), row.spec());
        for op in Op::ALL {
            let _ = write!(
                md,
                " {} |",
                cell_text(&results[&(row, op)], || row.expect(op))
            );
        }
        let _ = writeln!(md);
    }
    let _ = writeln!(md);
    let _ = writeln!(md, "Operations:");
    let _ = writeln!(md);
    for op in Op::ALL {
        let _ = writeln!(md, "- **{}**: {}.", op.label(), op.detail());
    }
    let _ = writeln!(md);
    let _ = writeln!(
        md,
        "Reading it: an idempotent call is sent again after a timeout, a reset, a truncated body \
         or a 5xx; a non-idempotent one (restart, sync shell, start) is not, because the provider \
         may have acted, and its ids come back failed with the typed error. Throttling (429, \
         GeeLark 40007/40017/47002) is always retried, after the server's `Retry-After`; a \
         `Retry-After` longer than the client allows ends the call at once with `rate_limited` \
         (the hint is kept in the error). GeeLark's 40014 two-hour lock, undecodable and \
         oversized bodies and refused credentials are never retried. A failed connect proves \
         nothing was sent, so it is retried for every operation (the simulator saw nothing). A \
         skewed server clock costs Huawei AK/SK calls one refused attempt: the client learns the \
         gateway's time from `Date` and signs again."
    );
    // --- issue 12 ---
    let _ = writeln!(md);
    let _ = writeln!(
        md,
        "Hostile answers: a `Retry-After` HTTP-date is read relative to the response's `Date` \
         (else the client clock) and waited for like seconds; a date or number beyond the \
         allowed wait, including one no integer holds, ends the call with `rate_limited` and the \
         hint, never \"retry in 1 s\"; a past date, a negative number or garbage gets the normal \
         backoff. A server clock beyond the client's `max_clock_skew` (1 day) is not learned \
         from: the Huawei AK/SK call fails at once with `limit_exceeded` (`max_clock_skew`) and \
         keeps signing with the local clock. A listing whose total is never reached stops with \
         `limit_exceeded` at `max_pages` ({WALK_MAX_PAGES} here; 1,000 by default) or `max_items`, \
         or as `no_progress` on the first page that adds no new id."
    );
    let _ = writeln!(md);
    md.push_str(TX_READING);
    md
}

#[test]
fn fault_matrix() {
    let started = Instant::now();
    let results = run_matrix();
    let mut failures = Vec::new();
    let mut slowest = (Duration::ZERO, None);
    for (&(row, op), result) in &results {
        let name = format!("{:?} × {:?}", row, op);
        match result {
            CellResult::NotApplicable => {}
            CellResult::Panicked(msg) => failures.push(format!("{name}: panic or hang: {msg}")),
            CellResult::Done(o) => {
                let want = row.expect(op);
                if o.outcome != want.outcome {
                    failures.push(format!(
                        "{name}: outcome {:?}, expected {:?}",
                        o.outcome, want.outcome
                    ));
                }
                if o.requests < want.requests || o.requests > want.requests_max {
                    failures.push(format!(
                        "{name}: the server saw {} requests, expected {}",
                        o.requests,
                        count_text(&want)
                    ));
                }
                if o.elapsed > CELL_BOUND {
                    failures.push(format!(
                        "{name}: took {:?}, over the {CELL_BOUND:?} bound",
                        o.elapsed
                    ));
                }
                if o.elapsed < want.min_elapsed {
                    failures.push(format!(
                        "{name}: took {:?}, less than the {:?} the server asked to wait",
                        o.elapsed, want.min_elapsed
                    ));
                }
                if let (Outcome::Err(_), Some((n, changed))) = (o.outcome, o.ids) {
                    if changed != n {
                        failures.push(format!(
                            "{name}: the fault failed {changed} of {n} ids, expected all"
                        ));
                    }
                }
                for p in &o.problems {
                    failures.push(format!("{name}: {p}"));
                }
                if o.elapsed > slowest.0 {
                    slowest = (o.elapsed, Some(name));
                }
            }
        }
    }
    eprintln!(
        "fault matrix: {} cells in {:?}; slowest cell {:?} ({})",
        results.len(),
        started.elapsed(),
        slowest.0,
        slowest.1.unwrap_or_default()
    );
    let doc = render(&results);
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/fault-matrix.md");
    if std::env::var_os("CLOUDPHONE_BLESS_DOCS").is_some_and(|v| v == "1") {
        std::fs::write(path, &doc).unwrap();
    } else {
        let on_disk = std::fs::read_to_string(path).unwrap_or_default();
        if on_disk != doc {
            failures.push(format!(
                "{path} is out of date; rerun with CLOUDPHONE_BLESS_DOCS=1. Generated:\n{doc}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} problem(s):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

// ------------------------------------------------- transport-level rows

/// Rows of the transport-level classes: redirects, trickling, content
/// encodings, broken framing, close-delimited bodies, GeeLark `data: null`,
/// and batch answers that repeat ids or name ids never requested.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Tx {
    Redirect301,
    Redirect302,
    Redirect307,
    Redirect308,
    TrickleHead,
    TrickleBody,
    Gzip,
    GzipBomb,
    UnknownEncoding,
    ChunkNonHex,
    ChunkOverflow,
    ChunkNegative,
    ChunkTruncated,
    DuplicateContentLength,
    ConflictingContentLength,
    Http10,
    Http10Cut,
    GeeLarkDataNull,
    RepeatIds,
    ForeignIds,
}

/// The pause between trickled bytes: any answer takes far longer than the
/// 300 ms timeout.
const TRICKLE: Duration = Duration::from_millis(50);
/// What the gzip bomb inflates to (it is about 100 KiB on the wire, under
/// the body cap; inflated, 64 times over it).
const BOMB: u64 = 16 * 1024 * 1024;

const TX_READING: &str = "Transport-level rows: a redirect is never followed (the listener at \
`Location`, on another port, sees no connection, so no signed request or credential is re-sent) \
and fails the call with the provider's status as an `api` error, never retried. Trickled heads \
and bodies end at the whole-request timeout like a silent server. The client sends no \
`Accept-Encoding` and inflates nothing: any `Content-Encoding` other than `identity` (gzip, a \
gzip bomb, an unknown coding) fails the call with `decode` before the body is read. Broken \
framing (chunk sizes that are not hex, overflow or are negative, a cut chunk, conflicting \
`Content-Length`s) is a `transport` error, retried like a reset when the call is idempotent. \
A close-delimited HTTP/1.0 body is read to the close; cut, it fails to decode. Batch answers \
that repeat an id still account for it once; ids no call requested come back as `unexpected` \
(the count after `+`), never as succeeded or failed.
";

impl Tx {
    const ALL: [Tx; 20] = [
        Tx::Redirect301,
        Tx::Redirect302,
        Tx::Redirect307,
        Tx::Redirect308,
        Tx::TrickleHead,
        Tx::TrickleBody,
        Tx::Gzip,
        Tx::GzipBomb,
        Tx::UnknownEncoding,
        Tx::ChunkNonHex,
        Tx::ChunkOverflow,
        Tx::ChunkNegative,
        Tx::ChunkTruncated,
        Tx::DuplicateContentLength,
        Tx::ConflictingContentLength,
        Tx::Http10,
        Tx::Http10Cut,
        Tx::GeeLarkDataNull,
        Tx::RepeatIds,
        Tx::ForeignIds,
    ];

    fn redirect(self) -> Option<u16> {
        match self {
            Tx::Redirect301 => Some(301),
            Tx::Redirect302 => Some(302),
            Tx::Redirect307 => Some(307),
            Tx::Redirect308 => Some(308),
            _ => None,
        }
    }

    fn label(self) -> &'static str {
        match self {
            Tx::Redirect301 => "HTTP 301 to another port",
            Tx::Redirect302 => "HTTP 302 to another port",
            Tx::Redirect307 => "HTTP 307 to another port",
            Tx::Redirect308 => "HTTP 308 to another port",
            Tx::TrickleHead => "head trickled, 1 byte / 50 ms",
            Tx::TrickleBody => "body trickled, 1 byte / 50 ms",
            Tx::Gzip => "`Content-Encoding: gzip`, a real gzip body",
            Tx::GzipBomb => "gzip bomb (16 MiB of zeros in ~100 KiB)",
            Tx::UnknownEncoding => "`Content-Encoding: x-unknown`, plain body",
            Tx::ChunkNonHex => "chunk size not hex (`zz`)",
            Tx::ChunkOverflow => "chunk size overflows (`1` + 24 zeros)",
            Tx::ChunkNegative => "negative chunk size",
            Tx::ChunkTruncated => "chunk cut short, then close",
            Tx::DuplicateContentLength => "`Content-Length` twice, same value",
            Tx::ConflictingContentLength => "two different `Content-Length`s",
            Tx::Http10 => "HTTP/1.0, body delimited by the close",
            Tx::Http10Cut => "HTTP/1.0, close after half the body",
            Tx::GeeLarkDataNull => "GeeLark `code: 0` with `data: null`",
            Tx::RepeatIds => "batch answer names each id twice",
            Tx::ForeignIds => "batch answer adds ids never requested",
        }
    }

    fn spec(self) -> &'static str {
        match self {
            Tx::Redirect301 => "redirect=301,location=URL",
            Tx::Redirect302 => "redirect=302,location=URL",
            Tx::Redirect307 => "redirect=307,location=URL",
            Tx::Redirect308 => "redirect=308,location=URL",
            Tx::TrickleHead => "trickle-head=50ms",
            Tx::TrickleBody => "trickle-body=50ms",
            Tx::Gzip => "gzip",
            Tx::GzipBomb => "gzip-bomb=16777216",
            Tx::UnknownEncoding => "content-encoding=x-unknown",
            Tx::ChunkNonHex => "bad-chunk=non-hex",
            Tx::ChunkOverflow => "bad-chunk=overflow",
            Tx::ChunkNegative => "bad-chunk=negative",
            Tx::ChunkTruncated => "bad-chunk=truncated",
            Tx::DuplicateContentLength => "duplicate-content-length",
            Tx::ConflictingContentLength => "conflicting-content-length",
            Tx::Http10 => "http10",
            Tx::Http10Cut => "http10-cut",
            Tx::GeeLarkDataNull => "geelark-data-null",
            Tx::RepeatIds => "repeat-ids",
            Tx::ForeignIds => "foreign-ids",
        }
    }

    /// The fault; a redirect points at `location` (the discard port when
    /// none is given).
    fn fault(self, location: Option<&str>) -> Fault {
        use cloudphone::sim::ChunkFault;
        if let Some(status) = self.redirect() {
            return Fault::Redirect {
                status,
                location: location.unwrap_or("http://127.0.0.1:9").to_owned(),
            };
        }
        match self {
            Tx::Redirect301 | Tx::Redirect302 | Tx::Redirect307 | Tx::Redirect308 => {
                unreachable!()
            }
            Tx::TrickleHead => Fault::TrickleHead(TRICKLE),
            Tx::TrickleBody => Fault::TrickleBody(TRICKLE),
            Tx::Gzip => Fault::Gzip,
            Tx::GzipBomb => Fault::GzipBomb(BOMB),
            Tx::UnknownEncoding => Fault::ContentEncoding("x-unknown".into()),
            Tx::ChunkNonHex => Fault::BadChunk(ChunkFault::NonHex),
            Tx::ChunkOverflow => Fault::BadChunk(ChunkFault::Overflow),
            Tx::ChunkNegative => Fault::BadChunk(ChunkFault::Negative),
            Tx::ChunkTruncated => Fault::BadChunk(ChunkFault::Truncated),
            Tx::DuplicateContentLength => Fault::DuplicateContentLength,
            Tx::ConflictingContentLength => Fault::ConflictingContentLength,
            Tx::Http10 => Fault::Http10,
            Tx::Http10Cut => Fault::Http10Cut,
            Tx::GeeLarkDataNull => Fault::GeeLarkDataNull,
            Tx::RepeatIds => Fault::RepeatIds,
            Tx::ForeignIds => Fault::ForeignIds,
        }
    }

    /// The rule for `op`, a redirect pointing at `location`. Every
    /// transport-level fault is permanent: a retry meets it again.
    fn rule_to(self, op: Op, location: &str) -> FaultRule {
        FaultRule::new(self.fault(Some(location))).path(op.path())
    }

    fn applies(self, op: Op) -> bool {
        match self {
            Tx::GeeLarkDataNull => op.family() == Family::GeeLark,
            Tx::RepeatIds | Tx::ForeignIds => op.is_batch(),
            _ => true,
        }
    }

    fn expect(self, op: Op) -> Expect {
        let c = op.calls();
        let idem = op.idempotent();
        let iam = op == Op::IamToken;
        let attempts = ATTEMPTS as u64;
        match self {
            // The provider's answer was "go elsewhere": an error of the
            // call, never followed, never retried (the next answer would
            // be the same).
            Tx::Redirect301 | Tx::Redirect302 | Tx::Redirect307 | Tx::Redirect308 => {
                Expect::err(ErrorKind::Api, c)
            }
            // Like a silent server: the whole-request timeout ends it.
            Tx::TrickleHead | Tx::TrickleBody if idem => {
                Expect::err(ErrorKind::Timeout, c * attempts)
            }
            Tx::TrickleHead | Tx::TrickleBody => Expect::err(ErrorKind::Timeout, c),
            // Never inflated: refused before the body is read.
            Tx::Gzip | Tx::GzipBomb | Tx::UnknownEncoding => Expect::err(ErrorKind::Decode, c),
            // Broken framing: a transport error, retried when idempotent.
            Tx::ChunkNonHex
            | Tx::ChunkOverflow
            | Tx::ChunkNegative
            | Tx::ChunkTruncated
            | Tx::ConflictingContentLength
                if idem =>
            {
                Expect::err(ErrorKind::Transport, c * attempts)
            }
            Tx::ChunkNonHex
            | Tx::ChunkOverflow
            | Tx::ChunkNegative
            | Tx::ChunkTruncated
            | Tx::ConflictingContentLength => Expect::err(ErrorKind::Transport, c),
            // The same length twice is one length (RFC 9110 §8.6).
            Tx::DuplicateContentLength | Tx::Http10 if iam => Expect::ok(2),
            Tx::DuplicateContentLength | Tx::Http10 => Expect::ok(c),
            // Nothing in the framing shows the cut; the JSON does.
            Tx::Http10Cut => Expect::err(ErrorKind::Decode, c),
            Tx::GeeLarkDataNull => Expect::err(ErrorKind::Decode, c),
            Tx::RepeatIds | Tx::ForeignIds => Expect::ok(c),
        }
    }
}

/// Checks the `unexpected` ids of the foreign-ids row: all invented by the
/// simulator (`foreign-…`), none requested; counts the distinct ones.
fn foreign_ids(
    requested: &[String],
    unexpected: &[String],
    problems: &mut Vec<String>,
    count: &AtomicUsize,
) {
    let distinct: std::collections::BTreeSet<&str> =
        unexpected.iter().map(String::as_str).collect();
    for id in &distinct {
        if !id.starts_with("foreign-") || requested.iter().any(|r| r == id) {
            problems.push(format!("id {id} reported unexpected"));
        }
    }
    count.store(distinct.len(), Ordering::Relaxed);
}

/// A listener on another port that a redirect points at: it must never
/// see a connection (a client following the redirect would send the
/// signed request, credentials included, to it).
struct Trap {
    listener: std::net::TcpListener,
}

impl Trap {
    fn start() -> Trap {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        Trap { listener }
    }

    fn url(&self) -> String {
        format!("http://{}", self.listener.local_addr().unwrap())
    }

    /// Every connection made to the trap (the kernel completes them
    /// without an accept), and the credentials of `cell` in what they sent.
    fn check(&self, cell: &Cell, problems: &mut Vec<String>) {
        use std::io::Read;
        let mut connections = 0;
        let mut sent = Vec::new();
        while let Ok((mut stream, _)) = self.listener.accept() {
            connections += 1;
            let _ = stream.set_nonblocking(false);
            let _ = stream.set_read_timeout(Some(Duration::from_millis(200)));
            let mut buf = [0u8; 8192];
            while let Ok(n @ 1..) = stream.read(&mut buf) {
                sent.extend_from_slice(&buf[..n]);
            }
        }
        if connections > 0 {
            problems.push(format!(
                "{connections} connection(s) reached the redirect target"
            ));
        }
        let hw = cell.sim.huawei();
        let gl = cell.sim.geelark();
        let sent = String::from_utf8_lossy(&sent);
        for secret in [
            hw.access_key.as_str(),
            hw.iam_password.expose(),
            gl.app_id.as_str(),
            gl.api_key.expose(),
            "Authorization",
            "X-Auth-Token",
        ] {
            if sent.contains(secret) {
                problems.push("a credential was re-sent to the redirect target".into());
            }
        }
    }
}
