//! Asynchronous jobs: the `jobs[]` answer of every CPH operation that starts
//! work (restart, reset, stop, property updates, ADB commands), reading one
//! job or the jobs of a request, and a sans-IO watcher that polls a request's
//! jobs until they finish (the caller supplies the time).

use serde::{Deserialize, Serialize};

use super::config::Config;
use super::listing::{Listing, get_one};
use super::wire;
use crate::batch::{BatchItem, CallOutcome, ItemFailure};
use crate::error::{Result, invalid};
use crate::http::{Request, Response};
use crate::json::{int_or_string, null_default, opt_string_or_int};
use crate::op::{Context, Operation, check_path_segment};
use crate::page::Pager;
use crate::phone::JobStatus;

/// A job that a batch operation started for one phone (or server).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct StartedJob {
    /// The phone (or, for server operations, the server) the job is for.
    pub id: String,
    /// The job id, to poll with [`ShowJob`] or [`ListJobs`].
    pub job_id: String,
}

impl BatchItem for StartedJob {
    fn item_id(&self) -> &str {
        &self.id
    }
}

#[derive(Deserialize)]
pub(crate) struct WireJob {
    #[serde(default, deserialize_with = "opt_string_or_int")]
    pub phone_id: Option<String>,
    #[serde(default, deserialize_with = "opt_string_or_int")]
    pub server_id: Option<String>,
    #[serde(default, deserialize_with = "opt_string_or_int")]
    pub encode_server_id: Option<String>,
    #[serde(default, deserialize_with = "opt_string_or_int")]
    pub job_id: Option<String>,
    #[serde(default, deserialize_with = "opt_string_or_int")]
    pub error_code: Option<String>,
    #[serde(default)]
    pub error_msg: Option<String>,
}

#[derive(Deserialize)]
struct WireJobs {
    #[serde(default)]
    request_id: Option<String>,
    #[serde(default, deserialize_with = "null_default")]
    jobs: Vec<WireJob>,
}

/// The answer of an operation that starts jobs: one job per item, or the
/// item's error (a non-empty `error_code` inside the 200 means the item was
/// refused).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct JobsReport {
    /// The request id (what [`ListJobs::for_request`] filters on).
    pub request_id: Option<String>,
    /// Items whose job started.
    pub jobs: Vec<StartedJob>,
    /// Items refused, with the provider's code and message.
    pub errors: Vec<ItemFailure>,
}

impl From<JobsReport> for CallOutcome<StartedJob> {
    fn from(j: JobsReport) -> Self {
        CallOutcome::new(j.jobs, j.errors, j.request_id)
    }
}

/// Parses a `{request_id, jobs[]}` answer.
pub(crate) fn parse_jobs_started(
    operation: &'static str,
    response: &Response,
) -> Result<JobsReport> {
    let w: WireJobs = wire::parse_json(operation, response)?;
    let mut out = JobsReport {
        request_id: w
            .request_id
            .filter(|s| !s.is_empty())
            .or_else(|| response.header("x-request-id").map(str::to_owned)),
        jobs: Vec::new(),
        errors: Vec::new(),
    };
    for j in w.jobs {
        let id = j
            .phone_id
            .or(j.server_id)
            .or(j.encode_server_id)
            .unwrap_or_default();
        match j.error_code.filter(|c| !c.is_empty()) {
            Some(code) => {
                out.errors
                    .push(ItemFailure::api(id, code, j.error_msg.unwrap_or_default()))
            }
            None => out.jobs.push(StartedJob {
                id,
                job_id: j.job_id.unwrap_or_default(),
            }),
        }
    }
    Ok(out)
}

/// One job's state.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct Job {
    /// The job id.
    #[serde(default, deserialize_with = "opt_string_or_int")]
    pub job_id: Option<String>,
    /// The phone the job is for, if any.
    #[serde(default, deserialize_with = "opt_string_or_int")]
    pub phone_id: Option<String>,
    /// The server the job is for, if any.
    #[serde(default, deserialize_with = "opt_string_or_int")]
    pub server_id: Option<String>,
    /// The state (1 running, 2 succeeded, -1 failed).
    #[serde(deserialize_with = "job_status")]
    pub status: JobStatus,
    /// When it began (UTC text as sent).
    #[serde(default)]
    pub begin_time: Option<String>,
    /// When it ended.
    #[serde(default)]
    pub end_time: Option<String>,
    /// Error code of a failed job.
    #[serde(default, deserialize_with = "opt_string_or_int")]
    pub error_code: Option<String>,
    /// Error message of a failed job.
    #[serde(default)]
    pub error_msg: Option<String>,
    /// Output of a shell command (at most 1024 bytes).
    #[serde(default)]
    pub execute_msg: Option<String>,
    /// The request that started the job (`ShowJob`'s answer carries it).
    #[serde(default)]
    pub request_id: Option<String>,
    /// The node (listed by `ListJobs`; marked deprecated in the official SDK).
    #[serde(default, deserialize_with = "opt_string_or_int")]
    pub node_id: Option<String>,
}

fn job_status<'de, D: serde::Deserializer<'de>>(d: D) -> std::result::Result<JobStatus, D::Error> {
    int_or_string(d).map(JobStatus::from_huawei)
}

/// Read one job: `GET /v1/{project_id}/cloud-phone/jobs/{job_id}`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "show_job")]
pub struct ShowJob {
    job_id: String,
}

impl ShowJob {
    /// The job to read.
    pub fn new(job_id: impl Into<String>) -> Result<Self> {
        let job_id = job_id.into();
        check_path_segment("job_id", &job_id)?;
        Ok(ShowJob { job_id })
    }
}

impl Operation for ShowJob {
    type Config = Config;
    type Output = Job;
    const NAME: &'static str = "huawei.show_job";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        get_one(ctx, "cloud-phone/jobs", &self.job_id)
    }

    fn parse_unchecked(&self, response: &Response) -> Result<Job> {
        wire::parse_json(Self::NAME, response)
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}

/// Most request ids one [`ListJobs`] call may name.
pub const MAX_REQUEST_IDS: usize = 20;
/// Largest `limit` of [`ListJobs`].
pub const MAX_JOBS_LIMIT: u32 = 100;

/// List the jobs of one or more requests:
/// `GET /v1/{project_id}/cloud-phone/jobs?request_id=…` (or `request_ids=a,b`).
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "list_jobs")]
pub struct ListJobs {
    listing: Listing,
}

impl ListJobs {
    /// The jobs a request started.
    pub fn for_request(request_id: impl Into<String>) -> Result<Self> {
        Self::for_requests([request_id.into()])
    }

    /// The jobs of 1 to [`MAX_REQUEST_IDS`] requests.
    pub fn for_requests<I, S>(request_ids: I) -> Result<Self>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let ids = crate::op::unique_ids("request_ids", request_ids, MAX_REQUEST_IDS)?;
        if ids.iter().any(|i| i.contains(',')) {
            return Err(invalid("request_ids", "a request id may not contain ','"));
        }
        let mut listing = Listing::new(MAX_JOBS_LIMIT, MAX_JOBS_LIMIT);
        if ids.len() == 1 {
            listing.set_filter("request_id", ids[0].clone())?;
        } else {
            listing.set_filter("request_ids", ids.join(","))?;
        }
        Ok(ListJobs { listing })
    }

    /// Sets the page (offset ≥ 0, limit 1 to 100).
    pub fn page(mut self, offset: u32, limit: u32) -> Result<Self> {
        self.listing.set_page(offset, limit)?;
        Ok(self)
    }
}

/// One page of jobs.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct JobList {
    /// The request id of this call.
    #[serde(default)]
    pub request_id: Option<String>,
    /// The jobs.
    #[serde(default, deserialize_with = "null_default")]
    pub jobs: Vec<Job>,
}

impl Operation for ListJobs {
    type Config = Config;
    type Output = JobList;
    const NAME: &'static str = "huawei.list_jobs";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        self.listing.build(ctx, "cloud-phone/jobs")
    }

    fn parse_unchecked(&self, response: &Response) -> Result<JobList> {
        wire::parse_json(Self::NAME, response)
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}

impl Pager for ListJobs {
    fn next_page(&self, last: &JobList) -> Option<Self> {
        self.listing
            .next(last.jobs.len(), None)
            .map(|listing| ListJobs { listing })
    }

    fn item_ids(page: &JobList, each: &mut dyn FnMut(Option<&str>)) {
        page.jobs.iter().for_each(|j| each(j.job_id.as_deref()));
    }
}

/// What a [`JobWatch`] wants done next. Exhaustive on purpose: a caller's
/// loop matches every step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WatchStep {
    /// Send this listing (all its pages) at or after `not_before_unix_ms`,
    /// then [`JobWatch::observe`] the jobs.
    Poll {
        /// Earliest time to send.
        not_before_unix_ms: u64,
        /// The request to send.
        op: ListJobs,
    },
    /// Every job finished.
    Finished(Vec<Job>),
    /// The deadline passed with jobs still running (their last known state).
    TimedOut(Vec<Job>),
}

/// Polls the jobs of a request until all finish or a deadline passes.
/// Sans-IO: it never sleeps or reads a clock; the caller passes `now` and
/// sends the requests it asks for.
#[derive(Clone, Debug)]
pub struct JobWatch {
    op: ListJobs,
    interval_ms: u64,
    deadline_unix_ms: u64,
    next_poll_unix_ms: u64,
    last: Option<Vec<Job>>,
}

impl JobWatch {
    /// Watches the jobs of `request_id`, polling every `interval_ms`, giving
    /// up `timeout_ms` after `now_unix_ms`.
    pub fn new(
        request_id: impl Into<String>,
        now_unix_ms: u64,
        interval_ms: u64,
        timeout_ms: u64,
    ) -> Result<Self> {
        Ok(JobWatch {
            op: ListJobs::for_request(request_id)?,
            interval_ms: interval_ms.max(1),
            deadline_unix_ms: now_unix_ms.saturating_add(timeout_ms),
            next_poll_unix_ms: now_unix_ms,
            last: None,
        })
    }

    /// Records the jobs a poll returned (all pages together), at `now`.
    pub fn observe(&mut self, jobs: Vec<Job>, now_unix_ms: u64) {
        self.last = Some(jobs);
        self.next_poll_unix_ms = now_unix_ms.saturating_add(self.interval_ms);
    }

    /// What to do at `now`.
    pub fn step(&self, now_unix_ms: u64) -> WatchStep {
        if let Some(jobs) = &self.last {
            if !jobs.is_empty() && jobs.iter().all(|j| j.status.is_terminal()) {
                return WatchStep::Finished(jobs.clone());
            }
        }
        if now_unix_ms >= self.deadline_unix_ms {
            return WatchStep::TimedOut(self.last.clone().unwrap_or_default());
        }
        WatchStep::Poll {
            not_before_unix_ms: self.next_poll_unix_ms.min(self.deadline_unix_ms),
            op: self.op.clone(),
        }
    }
}

#[cfg(test)]
mod watch_bounds {
    use super::*;

    /// Issue 12: absurd times and intervals saturate instead of overflowing
    /// (the CLI's `--wait-timeout 18446744073709551615`).
    #[test]
    fn absurd_times_saturate() {
        let mut w = JobWatch::new("r1", u64::MAX - 5, u64::MAX, u64::MAX).unwrap();
        assert!(matches!(w.step(u64::MAX - 5), WatchStep::Poll { .. }));
        w.observe(Vec::new(), u64::MAX - 1);
        match w.step(u64::MAX - 1) {
            WatchStep::Poll {
                not_before_unix_ms, ..
            } => assert_eq!(not_before_unix_ms, u64::MAX),
            other => panic!("{other:?}"),
        }
        assert!(matches!(w.step(u64::MAX), WatchStep::TimedOut(_)));
        let w = JobWatch::new("r1", 0, 0, 0).unwrap();
        assert!(matches!(w.step(0), WatchStep::TimedOut(_)));
    }
}
