//! Send work and wait for it: the blocking clients drive the sans-IO
//! watchers ([`JobWatch`] for Huawei jobs, [`StateWatch`] for GeeLark phone
//! states) with the real clock, a deadline, a cancellation flag another
//! thread can set, and an optional progress hook. Every id comes back
//! exactly once in a [`WaitOutcome`]: done, failed (with the provider's
//! code) or unfinished (with the last state seen).

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crate::batch::{BatchItem, BatchOutcome, ItemFailure};
use crate::error::{Result, invalid};
use crate::geelark::lifecycle::{self as gl_lifecycle, StartPhones, StopPhones};
use crate::geelark::watch::{DEFAULT_POLL_INTERVAL_MS, StateStep, StateWatch};
use crate::huawei::jobs::{Job, JobWatch, StartedJob, WatchStep};
use crate::huawei::lifecycle::{
    self as hw_lifecycle, ResetPhones, RestartPhones, StopPhones as HwStopPhones,
};
use crate::phone::{JobStatus, PhoneStatus};
use crate::wait::{Progress, Unfinished, WaitOutcome};

use super::{GeeLarkClient, HuaweiClient};

/// The default poll interval of Huawei job waits.
pub const DEFAULT_JOB_POLL_INTERVAL: Duration = Duration::from_secs(2);
/// The longest a wait may be given (a day, like every duration setting).
pub const MAX_WAIT: Duration = super::MAX_SETTING_DURATION;

/// A flag that stops a wait early: clone it, give one clone to the wait's
/// [`WaitOptions`], call [`cancel`](Self::cancel) from any thread. The wait
/// returns within about 100 ms with what it knows, `cancelled` set.
#[derive(Clone, Debug, Default)]
pub struct Cancel(Arc<AtomicBool>);

impl Cancel {
    /// A flag not yet set.
    pub fn new() -> Self {
        Self::default()
    }

    /// Stops every wait holding a clone of this flag.
    pub fn cancel(&self) {
        self.0.store(true, Ordering::Relaxed);
    }

    /// Whether [`cancel`](Self::cancel) was called.
    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

/// A progress hook: for a wait, called on the waiting thread after every
/// poll with how many ids are settled of how many
/// ([`WaitOptions::progress`]); for a client's fan-outs and page walks, see
/// `with_progress` on [`HuaweiClient`] and [`GeeLarkClient`].
pub type ProgressHook = Arc<dyn Fn(Progress) + Send + Sync>;

/// How long and how a wait polls.
#[derive(Clone)]
pub struct WaitOptions {
    timeout: Duration,
    interval: Option<Duration>,
    cancel: Option<Cancel>,
    progress: Option<ProgressHook>,
}

impl std::fmt::Debug for WaitOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WaitOptions")
            .field("timeout", &self.timeout)
            .field("interval", &self.interval)
            .field("cancel", &self.cancel)
            .field("progress", &self.progress.as_ref().map(|_| "hook"))
            .finish()
    }
}

impl WaitOptions {
    /// Wait at most `timeout` (at most [`MAX_WAIT`]), polling at each
    /// provider's default interval (Huawei jobs 2 s, GeeLark phone states
    /// 10 s: GeeLark locks out accounts that poll too often).
    pub fn new(timeout: Duration) -> Result<Self> {
        if timeout > MAX_WAIT {
            return Err(invalid("timeout", "a wait may last at most one day"));
        }
        Ok(WaitOptions {
            timeout,
            interval: None,
            cancel: None,
            progress: None,
        })
    }

    /// Poll every `interval` instead (GeeLark: at least 200 ms, and keep
    /// the default against a real account).
    pub fn interval(mut self, interval: Duration) -> Result<Self> {
        if interval.is_zero() || interval > MAX_WAIT {
            return Err(invalid("interval", "must be from 1 ms to one day"));
        }
        self.interval = Some(interval);
        Ok(self)
    }

    /// Stop early when `cancel` is set.
    pub fn cancel(mut self, cancel: Cancel) -> Self {
        self.cancel = Some(cancel);
        self
    }

    /// Call `hook` after every poll with the ids settled so far.
    pub fn progress(mut self, hook: impl Fn(Progress) + Send + Sync + 'static) -> Self {
        self.progress = Some(Arc::new(hook));
        self
    }

    fn cancelled(&self) -> bool {
        self.cancel.as_ref().is_some_and(Cancel::is_cancelled)
    }

    /// Reports to the options' hook, else to the client's (`fallback`).
    fn report(&self, fallback: Option<&ProgressHook>, done: usize, total: usize) {
        if let Some(hook) = self.progress.as_ref().or(fallback) {
            hook(Progress::new(done, total));
        }
    }

    /// Sleeps until `until_ms` (the wall clock), waking every 100 ms to see
    /// the cancel flag; false when cancelled.
    fn sleep_until(&self, until_ms: u64) -> bool {
        loop {
            if self.cancelled() {
                return false;
            }
            let now = super::clock::system_now_ms();
            if now >= until_ms {
                return true;
            }
            std::thread::sleep(Duration::from_millis((until_ms - now).min(100)));
        }
    }
}

fn ms(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

/// Ids a batch call could not start: failed as the batch said, and the ids
/// no answer mentioned as failed too (their work may or may not have begun).
fn not_started<T>(outcome: &BatchOutcome<T>) -> Vec<ItemFailure> {
    let mut failed = outcome.failed.clone();
    failed.extend(outcome.missing.iter().map(|id| {
        ItemFailure::api(
            id.clone(),
            "missing",
            "the provider's answer did not mention this id",
        )
    }));
    failed
}

/// Puts `extra` failures (ids that never started) into `out` and restores
/// the input order of `ids` across the three lists.
fn with_failures(mut out: WaitOutcome, extra: Vec<ItemFailure>, ids: &[String]) -> WaitOutcome {
    out.failed.extend(extra);
    let rank: HashMap<&str, usize> = ids
        .iter()
        .enumerate()
        .map(|(i, id)| (id.as_str(), i))
        .collect();
    let at = |id: &str| rank.get(id).copied().unwrap_or(usize::MAX);
    out.done.sort_by_key(|id| at(id));
    out.failed.sort_by_key(|f| at(&f.id));
    out.timed_out.sort_by_key(|u| at(&u.id));
    out
}

fn distinct(ids: impl IntoIterator<Item = impl Into<String>>) -> Result<Vec<String>> {
    Ok(crate::batch::BatchPlan::new(ids, usize::MAX)?
        .ids()
        .to_vec())
}

impl HuaweiClient {
    /// Waits for the jobs a batch started (`started`, the outcome of a
    /// restart, reset, stop, property update or ADB command fan-out) to
    /// finish: each phone is done when its job succeeded, failed with the
    /// job's error code when it failed, unfinished (last job state) at the
    /// deadline or on cancellation. Phones the batch could not start are
    /// failed with the batch's reason. Fails only for invalid options.
    pub fn wait_jobs(
        &self,
        started: &BatchOutcome<StartedJob>,
        options: &WaitOptions,
    ) -> Result<WaitOutcome> {
        // The polls' own page walks report nothing: the wait reports.
        let quiet = self.without_progress();
        let start = super::clock::system_now_ms();
        let interval = ms(options.interval.unwrap_or(DEFAULT_JOB_POLL_INTERVAL));
        let mut watches: Vec<JobWatch> = started
            .request_ids
            .iter()
            .map(|r| JobWatch::new(r.clone(), start, interval, ms(options.timeout)))
            .collect::<Result<_>>()?;
        // The job of each started phone, by job id (the listing answers by
        // request id; a phone's own job is the one with its job id).
        let mut state: HashMap<&str, Option<Job>> = started
            .succeeded
            .iter()
            .map(|s| (s.job_id.as_str(), None))
            .collect();
        let total = started.succeeded.len();
        let mut cancelled = false;
        let mut open: Vec<usize> = (0..watches.len()).collect();
        while !open.is_empty() {
            let now = super::clock::system_now_ms();
            let mut due = u64::MAX;
            let mut still = Vec::new();
            for &w in &open {
                match watches[w].step(now) {
                    WatchStep::Poll {
                        not_before_unix_ms,
                        op,
                    } if not_before_unix_ms <= now => {
                        // A failed poll is retried at the next interval.
                        let jobs: Vec<Job> = quiet
                            .pages(op)
                            .filter_map(Result::ok)
                            .flat_map(|page| page.jobs)
                            .collect();
                        for job in &jobs {
                            if let Some(slot) =
                                job.job_id.as_deref().and_then(|id| state.get_mut(id))
                            {
                                *slot = Some(job.clone());
                            }
                        }
                        watches[w].observe(jobs, super::clock::system_now_ms());
                        still.push(w);
                        due = due.min(now.saturating_add(interval));
                    }
                    WatchStep::Poll {
                        not_before_unix_ms, ..
                    } => {
                        still.push(w);
                        due = due.min(not_before_unix_ms);
                    }
                    _ => {}
                }
            }
            open = still;
            let settled = state
                .values()
                .filter(|j| j.as_ref().is_some_and(|j| j.status.is_terminal()))
                .count();
            options.report(self.progress_hook(), settled, total);
            if open.is_empty() || settled == total {
                break;
            }
            if !options.sleep_until(due) {
                cancelled = true;
                break;
            }
        }
        let mut out = WaitOutcome {
            cancelled,
            ..WaitOutcome::default()
        };
        for s in &started.succeeded {
            match state.get(s.job_id.as_str()).cloned().flatten() {
                Some(j) if j.status == JobStatus::Succeeded => out.done.push(s.id.clone()),
                Some(j) if j.status == JobStatus::Failed => out.failed.push(ItemFailure::api(
                    s.id.clone(),
                    j.error_code.unwrap_or_else(|| "job_failed".into()),
                    j.error_msg.unwrap_or_default(),
                )),
                Some(j) => out
                    .timed_out
                    .push(Unfinished::new(s.id.clone(), Some(j.status.as_str()))),
                None => out.timed_out.push(Unfinished::new(s.id.clone(), None)),
            }
        }
        let ids: Vec<String> = started
            .succeeded
            .iter()
            .map(|s| s.item_id().to_owned())
            .collect();
        Ok(with_failures(out, not_started(started), &ids))
    }

    /// Waits for one job (a server change or deletion, a server restart,
    /// any job id an answer gave) by reading it every interval: the job once
    /// it succeeded or failed, else its last state at the deadline or on
    /// cancellation (check [`JobStatus::is_terminal`]). A failed read is
    /// retried at the next interval; when no read succeeded at all, the last
    /// error is returned.
    pub fn wait_job(&self, job_id: impl Into<String>, options: &WaitOptions) -> Result<Job> {
        let show = crate::huawei::jobs::ShowJob::new(job_id)?;
        let start = super::clock::system_now_ms();
        let deadline = start.saturating_add(ms(options.timeout));
        let interval = ms(options.interval.unwrap_or(DEFAULT_JOB_POLL_INTERVAL));
        let mut last: Result<Job> = Err(crate::Error::Timeout {
            operation: <crate::huawei::jobs::ShowJob as crate::Operation>::NAME,
            message: "the wait ended before the job was read once".into(),
        });
        loop {
            let now = super::clock::system_now_ms();
            match self.execute(&show) {
                Ok(job) => last = Ok(job),
                Err(e) if last.is_err() => last = Err(e),
                Err(_) => {}
            }
            let settled = last.as_ref().is_ok_and(|j| j.status.is_terminal());
            options.report(self.progress_hook(), usize::from(settled), 1);
            let next = now.saturating_add(interval);
            if settled || next > deadline || !options.sleep_until(next) {
                return last;
            }
        }
    }

    /// Restarts (or starts, when stopped) any number of phones and waits
    /// until their jobs finish. See [`wait_jobs`](Self::wait_jobs).
    pub fn restart_and_wait<I, S>(&self, ids: I, options: &WaitOptions) -> Result<WaitOutcome>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.start_jobs_and_wait(ids, options, |c| RestartPhones::new(c.iter().cloned()))
    }

    /// Stops any number of phones and waits until their jobs finish.
    pub fn stop_and_wait<I, S>(&self, ids: I, options: &WaitOptions) -> Result<WaitOutcome>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.start_jobs_and_wait(ids, options, |c| HwStopPhones::new(c.iter().cloned()))
    }

    /// Factory-resets any number of phones and waits until their jobs finish.
    pub fn reset_and_wait<I, S>(&self, ids: I, options: &WaitOptions) -> Result<WaitOutcome>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.start_jobs_and_wait(ids, options, |c| ResetPhones::new(c.iter().cloned()))
    }

    /// Fans out a job-starting lifecycle operation (`make` builds one call's
    /// operation) and waits for the jobs; the outcome in input order.
    fn start_jobs_and_wait<I, S, O, F>(
        &self,
        ids: I,
        options: &WaitOptions,
        make: F,
    ) -> Result<WaitOutcome>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
        O: crate::Operation<Config = crate::huawei::Config>,
        O::Output: Into<crate::CallOutcome<StartedJob>>,
        F: Fn(&[String]) -> Result<O> + Sync,
    {
        let ids = distinct(ids)?;
        let started = self.batch(ids.clone(), hw_lifecycle::MAX_IDS, make)?;
        Ok(reorder(self.wait_jobs(&started, options)?, &ids))
    }
}

/// `out` in the input order of `ids`.
fn reorder(out: WaitOutcome, ids: &[String]) -> WaitOutcome {
    with_failures(out, Vec::new(), ids)
}

impl GeeLarkClient {
    /// Waits until each phone reaches `goal` ([`PhoneStatus::Running`] or
    /// [`PhoneStatus::Stopped`]) — polling their status every 10 s by
    /// default, inside the client's rate limit — or fails (expired, unknown
    /// to GeeLark), or the deadline passes. Fails only for invalid input.
    pub fn wait_until<I, S>(
        &self,
        ids: I,
        goal: PhoneStatus,
        options: &WaitOptions,
    ) -> Result<WaitOutcome>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        // The polls' own fan-outs report nothing: the wait reports.
        let quiet = self.without_progress();
        // Below MIN_POLL_INTERVAL_MS the watch refuses the options.
        let interval = ms(options
            .interval
            .unwrap_or(Duration::from_millis(DEFAULT_POLL_INTERVAL_MS)));
        let mut watch = StateWatch::new(
            ids,
            goal,
            super::clock::system_now_ms(),
            interval,
            ms(options.timeout),
        )?;
        loop {
            match watch.step(super::clock::system_now_ms()) {
                StateStep::Done(out) => return Ok(out),
                StateStep::Poll {
                    not_before_unix_ms,
                    ids,
                } => {
                    if !options.sleep_until(not_before_unix_ms) {
                        return Ok(watch.outcome(true));
                    }
                    let answer = quiet.phone_status(ids)?;
                    watch.observe(&answer, super::clock::system_now_ms());
                    options.report(self.progress_hook(), watch.settled(), watch.total());
                }
            }
        }
    }

    /// Waits until each automation task has ended — polling `task/query`
    /// (100 ids a call) every 10 s by default — or the deadline passes.
    /// Per task: `completed` is done; `failed` is a failure with its
    /// `failCode` and `failDesc`; `cancelled` is a failure coded
    /// `task_cancelled`; a task GeeLark does not return is a failure coded
    /// `48002` (not found); one still waiting or running at the deadline (or
    /// on cancellation) is unfinished with its last state. A completed
    /// task's goal is not proven by its state: read its logs and result
    /// images with [`ShowTask`](crate::geelark::tasks::ShowTask). A failed
    /// poll is retried at the next interval; fails only for invalid input.
    pub fn wait_tasks<I, S>(&self, ids: I, options: &WaitOptions) -> Result<WaitOutcome>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        use crate::geelark::tasks::{MAX_IDS, QueryTasks, Task, TaskStatus};
        let ids = distinct(ids)?;
        let quiet = self.without_progress();
        let interval = ms(options
            .interval
            .unwrap_or(Duration::from_millis(DEFAULT_POLL_INTERVAL_MS)));
        let deadline = super::clock::system_now_ms().saturating_add(ms(options.timeout));
        let mut last: HashMap<String, Option<Task>> =
            ids.iter().map(|id| (id.clone(), None)).collect();
        let mut answered = false;
        let mut cancelled = false;
        loop {
            let now = super::clock::system_now_ms();
            let open: Vec<String> = ids
                .iter()
                .filter(|id| !last[*id].as_ref().is_some_and(|t| t.status.is_terminal()))
                .cloned()
                .collect();
            let mut all_read = true;
            for chunk in open.chunks(MAX_IDS) {
                match quiet.execute(&QueryTasks::new(chunk.iter().cloned())?) {
                    Ok(list) => {
                        for task in list.tasks {
                            if let Some(slot) = last.get_mut(&task.id) {
                                *slot = Some(task);
                            }
                        }
                    }
                    Err(_) => all_read = false,
                }
            }
            answered |= all_read;
            let settled = last
                .values()
                .filter(|t| t.as_ref().is_some_and(|t| t.status.is_terminal()))
                .count();
            options.report(self.progress_hook(), settled, ids.len());
            // An id a complete answer left out is unknown to GeeLark.
            let unknown_only = answered
                && last
                    .values()
                    .all(|t| t.as_ref().is_none_or(|t| t.status.is_terminal()));
            let next = now.saturating_add(interval);
            if settled == ids.len() || unknown_only || next > deadline {
                break;
            }
            if !options.sleep_until(next) {
                cancelled = true;
                break;
            }
        }
        let mut out = WaitOutcome {
            cancelled,
            ..WaitOutcome::default()
        };
        for id in &ids {
            match last.remove(id).flatten() {
                Some(t) if t.status == TaskStatus::Completed => out.done.push(id.clone()),
                Some(t) if t.status == TaskStatus::Failed => out.failed.push(ItemFailure::api(
                    id.clone(),
                    t.fail_code
                        .map_or_else(|| "task_failed".into(), |c| c.to_string()),
                    t.fail_desc.unwrap_or_default(),
                )),
                Some(t) if t.status == TaskStatus::Cancelled => out.failed.push(ItemFailure::api(
                    id.clone(),
                    "task_cancelled",
                    "the task was cancelled",
                )),
                Some(t) => out.timed_out.push(Unfinished::new(
                    id.clone(),
                    Some(match t.status {
                        TaskStatus::Waiting => "waiting",
                        TaskStatus::Running => "running",
                        _ => "unknown",
                    }),
                )),
                None if answered && !cancelled => out.failed.push(ItemFailure::api(
                    id.clone(),
                    "48002",
                    "GeeLark returned no such task",
                )),
                None => out.timed_out.push(Unfinished::new(id.clone(), None)),
            }
        }
        Ok(out)
    }

    /// Starts any number of phones and waits until they run. Phones GeeLark
    /// refused to start are failed with its code.
    pub fn start_and_wait<I, S>(&self, ids: I, options: &WaitOptions) -> Result<WaitOutcome>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let ids = distinct(ids)?;
        let started = self.batch(ids.clone(), gl_lifecycle::MAX_IDS, |c| {
            StartPhones::new(c.iter().cloned())
        })?;
        self.wait_after(&ids, &started, PhoneStatus::Running, options)
    }

    /// Restarts running phones (`phone/restart`, one call a phone) and
    /// waits until they run again. A phone GeeLark refused (42001 unknown,
    /// 43005 running a task, not running) is failed with its code; a call
    /// that failed otherwise (transport, rate limit after the retries) is
    /// failed with that error's code. GeeLark answers once the restart is
    /// accepted, so a phone that reads running at the first poll may not have
    /// gone down yet: poll after a few seconds (the default interval is 10 s).
    pub fn restart_and_wait<I, S>(&self, ids: I, options: &WaitOptions) -> Result<WaitOutcome>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let ids = distinct(ids)?;
        let quiet = self.without_progress();
        let mut accepted = Vec::new();
        let mut failed = Vec::new();
        for id in &ids {
            match quiet.execute(&gl_lifecycle::RestartPhone::new(id.clone())?) {
                Ok(_) => accepted.push(crate::geelark::ItemId::new(id.clone())),
                Err(e) => failed.push(ItemFailure::api(id.clone(), e.code(), e.to_string())),
            }
        }
        let restarted = BatchOutcome::new(accepted, failed, Vec::new());
        self.wait_after(&ids, &restarted, PhoneStatus::Running, options)
    }

    /// Stops any number of phones and waits until they are stopped.
    pub fn stop_and_wait<I, S>(&self, ids: I, options: &WaitOptions) -> Result<WaitOutcome>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let ids = distinct(ids)?;
        let stopped = self.batch(ids.clone(), gl_lifecycle::MAX_IDS, |c| {
            StopPhones::new(c.iter().cloned())
        })?;
        self.wait_after(&ids, &stopped, PhoneStatus::Stopped, options)
    }

    fn wait_after<T: BatchItem>(
        &self,
        ids: &[String],
        accepted: &BatchOutcome<T>,
        goal: PhoneStatus,
        options: &WaitOptions,
    ) -> Result<WaitOutcome> {
        let ok: Vec<String> = accepted
            .succeeded
            .iter()
            .map(|t| t.item_id().to_owned())
            .collect();
        let out = if ok.is_empty() {
            WaitOutcome::default()
        } else {
            self.wait_until(ok, goal, options)?
        };
        Ok(with_failures(out, not_started(accepted), ids))
    }
}
