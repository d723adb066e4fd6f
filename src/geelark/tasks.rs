//! Automation tasks (reference §3.7): read them by id (`task/query`), walk
//! the last seven days (`task/historyRecords`, cursor paging), read one with
//! its logs and result images (`task/detail`, log paging), cancel and
//! restart them (`task/cancel`, `task/restart`).
//!
//! A task that says `completed` has not necessarily done what it was for
//! (GeeLark's prebuilt flows have reported status 3 without reaching their
//! goal): [`ShowTask`] exposes the logs and result images to check, and
//! [`TaskStatus::is_terminal`] is only about the run having ended.

use serde::{Deserialize, Serialize};

use super::config::Config;
use super::lifecycle::{LifecycleReport, parse_lifecycle};
use super::shapes::{Envelope, to_body};
use super::wire;
use crate::error::{Result, invalid};
use crate::http::{Request, Response};
use crate::json::{int_or_string, opt_string_or_int};
use crate::op::{Context, Operation, check_id, unique_ids};
use crate::page::Pager;

/// Most task ids one query, cancel, restart or history filter takes.
pub const MAX_IDS: usize = 100;
/// Largest history page.
pub const MAX_HISTORY_SIZE: u32 = 100;
/// The history page size [`TaskHistory::new`] asks for.
pub const DEFAULT_HISTORY_SIZE: u32 = 100;

/// Where a task stands (`status`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum TaskStatus {
    /// 1: waiting for its time or its phone.
    Waiting,
    /// 2: running.
    Running,
    /// 3: the run completed (check the logs: see the module docs).
    Completed,
    /// 4: failed (`fail_code`, `fail_desc`).
    Failed,
    /// 7: cancelled.
    Cancelled,
    /// Any other code, kept.
    Unknown(i64),
}

impl TaskStatus {
    /// From GeeLark's code.
    pub fn from_code(code: i64) -> Self {
        match code {
            1 => TaskStatus::Waiting,
            2 => TaskStatus::Running,
            3 => TaskStatus::Completed,
            4 => TaskStatus::Failed,
            7 => TaskStatus::Cancelled,
            n => TaskStatus::Unknown(n),
        }
    }

    /// Whether the run has ended (completed, failed or cancelled); an
    /// unknown code counts as not ended.
    pub fn is_terminal(self) -> bool {
        matches!(
            self,
            TaskStatus::Completed | TaskStatus::Failed | TaskStatus::Cancelled
        )
    }
}

impl std::fmt::Display for TaskStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TaskStatus::Waiting => f.write_str("waiting"),
            TaskStatus::Running => f.write_str("running"),
            TaskStatus::Completed => f.write_str("completed"),
            TaskStatus::Failed => f.write_str("failed"),
            TaskStatus::Cancelled => f.write_str("cancelled"),
            TaskStatus::Unknown(n) => write!(f, "unknown({n})"),
        }
    }
}

/// One task.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all(deserialize = "camelCase"))]
#[non_exhaustive]
pub struct Task {
    /// The task id.
    #[serde(deserialize_with = "crate::json::string_or_int")]
    pub id: String,
    /// `planName`.
    #[serde(default)]
    pub plan_name: Option<String>,
    /// `taskType` (1 TikTok video, 2 warm-up, 3 carousel, 4 login, 6
    /// profile edit, 42 custom and other platforms).
    #[serde(default, deserialize_with = "super::shapes::opt_int")]
    pub task_type: Option<i64>,
    /// The phone's name.
    #[serde(default)]
    pub serial_name: Option<String>,
    /// The phone's id.
    #[serde(default, deserialize_with = "opt_string_or_int")]
    pub env_id: Option<String>,
    /// When it is (was) due, Unix seconds.
    #[serde(default, deserialize_with = "super::shapes::opt_int")]
    pub schedule_at: Option<i64>,
    /// The state.
    #[serde(deserialize_with = "task_status")]
    pub status: TaskStatus,
    /// The raw `status` code.
    #[serde(skip_deserializing)]
    pub raw_status: i64,
    /// `failCode` of a failed task.
    #[serde(default, deserialize_with = "super::shapes::opt_int")]
    pub fail_code: Option<i64>,
    /// `failDesc` of a failed task.
    #[serde(default)]
    pub fail_desc: Option<String>,
    /// Seconds it ran.
    #[serde(default, deserialize_with = "super::shapes::opt_int")]
    pub cost: Option<i64>,
    /// `shareLink` of a published post.
    #[serde(default)]
    pub share_link: Option<String>,
}

fn task_status<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> std::result::Result<TaskStatus, D::Error> {
    int_or_string(d).map(TaskStatus::from_code)
}

impl Task {
    /// `raw_status` from `status` (serde fills `status` only).
    fn with_raw(mut self) -> Self {
        self.raw_status = match self.status {
            TaskStatus::Waiting => 1,
            TaskStatus::Running => 2,
            TaskStatus::Completed => 3,
            TaskStatus::Failed => 4,
            TaskStatus::Cancelled => 7,
            TaskStatus::Unknown(n) => n,
        };
        self
    }
}

/// Tasks read by id, or one page of the history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct TaskList {
    /// The envelope.
    #[serde(flatten)]
    pub envelope: Envelope,
    /// `total` (for the history: all tasks of the last seven days).
    pub total: Option<u64>,
    /// The tasks.
    pub tasks: Vec<Task>,
}

#[derive(Deserialize)]
struct WireTaskList {
    #[serde(default, deserialize_with = "super::shapes::opt_count")]
    total: Option<u64>,
    #[serde(default, deserialize_with = "crate::json::null_default")]
    items: Vec<Task>,
}

fn parse_task_list(name: &'static str, response: &Response) -> Result<TaskList> {
    let a = wire::parse::<WireTaskList>(name, response)?;
    Ok(TaskList {
        envelope: Envelope::of(&a),
        total: a.data.total,
        tasks: a.data.items.into_iter().map(Task::with_raw).collect(),
    })
}

#[derive(Serialize)]
struct IdsBody<'a> {
    ids: &'a [String],
}

/// 1 to [`MAX_IDS`] distinct task ids.
fn task_ids<I, S>(ids: I) -> Result<Vec<String>>
where
    I: IntoIterator<Item = S>,
    S: Into<String>,
{
    unique_ids("ids", ids, MAX_IDS)
}

fn build_ids(ctx: &Context<'_, Config>, path: &str, ids: &[String]) -> Result<Request> {
    wire::build(ctx, path, to_body(&IdsBody { ids })?)
}

/// Read up to 100 tasks by id: `POST /open/v1/task/query`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "task/query")]
pub struct QueryTasks {
    ids: Vec<String>,
}

impl QueryTasks {
    /// 1 to [`MAX_IDS`] distinct task ids.
    pub fn new<I, S>(ids: I) -> Result<Self>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Ok(QueryTasks {
            ids: task_ids(ids)?,
        })
    }
}

impl Operation for QueryTasks {
    type Config = Config;
    type Output = TaskList;
    const NAME: &'static str = "geelark.query_tasks";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        build_ids(ctx, "/open/v1/task/query", &self.ids)
    }

    fn parse_unchecked(&self, response: &Response) -> Result<TaskList> {
        parse_task_list(Self::NAME, response)
    }

    /// Yes: a read.
    fn is_idempotent(&self) -> bool {
        true
    }
}

/// Cancel waiting or running tasks (48001: its state does not allow
/// it): `POST /open/v1/task/cancel`; one outcome per id.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "task/cancel")]
pub struct CancelTasks {
    ids: Vec<String>,
}

impl CancelTasks {
    /// 1 to [`MAX_IDS`] distinct task ids.
    pub fn new<I, S>(ids: I) -> Result<Self>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Ok(CancelTasks {
            ids: task_ids(ids)?,
        })
    }
}

impl Operation for CancelTasks {
    type Config = Config;
    type Output = LifecycleReport;
    const NAME: &'static str = "geelark.cancel_tasks";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        build_ids(ctx, "/open/v1/task/cancel", &self.ids)
    }

    fn parse_unchecked(&self, response: &Response) -> Result<LifecycleReport> {
        parse_lifecycle(Self::NAME, &self.ids, response)
    }

    /// No: a retried cancel answers 48001 for tasks the first one cancelled.
    fn is_idempotent(&self) -> bool {
        false
    }
}

/// Run failed or cancelled tasks again (at most 5 retries a task;
/// 48000–48003 per item): `POST /open/v1/task/restart`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "task/restart")]
pub struct RestartTasks {
    ids: Vec<String>,
}

impl RestartTasks {
    /// 1 to [`MAX_IDS`] distinct task ids.
    pub fn new<I, S>(ids: I) -> Result<Self>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Ok(RestartTasks {
            ids: task_ids(ids)?,
        })
    }
}

impl Operation for RestartTasks {
    type Config = Config;
    type Output = LifecycleReport;
    const NAME: &'static str = "geelark.restart_tasks";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        build_ids(ctx, "/open/v1/task/restart", &self.ids)
    }

    fn parse_unchecked(&self, response: &Response) -> Result<LifecycleReport> {
        parse_lifecycle(Self::NAME, &self.ids, response)
    }

    /// No: each call is one more retry of the task.
    fn is_idempotent(&self) -> bool {
        false
    }
}

/// The tasks of the last seven days, a page at a time after a cursor:
/// `POST /open/v1/task/historyRecords`. The client's `pages` walks it (the
/// next page starts after the last id of this one; a short or empty page,
/// or one that ends on the cursor it started from, is the last).
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "task/historyRecords")]
pub struct TaskHistory {
    size: u32,
    last_id: Option<String>,
    ids: Vec<String>,
}

impl Default for TaskHistory {
    fn default() -> Self {
        TaskHistory::new()
    }
}

impl TaskHistory {
    /// The newest [`DEFAULT_HISTORY_SIZE`] tasks.
    pub fn new() -> Self {
        TaskHistory {
            size: DEFAULT_HISTORY_SIZE,
            last_id: None,
            ids: Vec::new(),
        }
    }

    /// Pages of `size` (1 to [`MAX_HISTORY_SIZE`]).
    pub fn size(mut self, size: u32) -> Result<Self> {
        if size == 0 || size > MAX_HISTORY_SIZE {
            return Err(invalid("size", format!("must be 1 to {MAX_HISTORY_SIZE}")));
        }
        self.size = size;
        Ok(self)
    }

    /// Start after the task `last_id` (the last id of the page before).
    pub fn after(mut self, last_id: impl Into<String>) -> Result<Self> {
        let id = last_id.into();
        check_id("lastId", &id)?;
        self.last_id = Some(id);
        Ok(self)
    }

    /// Only these tasks (1 to [`MAX_IDS`]).
    pub fn ids<I, S>(mut self, ids: I) -> Result<Self>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.ids = unique_ids("ids", ids, MAX_IDS)?;
        Ok(self)
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct HistoryBody<'a> {
    size: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_id: Option<&'a str>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    ids: &'a [String],
}

impl Operation for TaskHistory {
    type Config = Config;
    type Output = TaskList;
    const NAME: &'static str = "geelark.task_history";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        let body = to_body(&HistoryBody {
            size: self.size,
            last_id: self.last_id.as_deref(),
            ids: &self.ids,
        })?;
        wire::build(ctx, "/open/v1/task/historyRecords", body)
    }

    fn parse_unchecked(&self, response: &Response) -> Result<TaskList> {
        parse_task_list(Self::NAME, response)
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}

impl Pager for TaskHistory {
    fn next_page(&self, last: &TaskList) -> Option<Self> {
        if last.tasks.len() < self.size as usize {
            return None;
        }
        let cursor = &last.tasks.last()?.id;
        if self.last_id.as_ref() == Some(cursor) {
            return None;
        }
        let mut next = self.clone();
        next.last_id = Some(cursor.clone());
        Some(next)
    }

    fn item_ids(page: &TaskList, each: &mut dyn FnMut(Option<&str>)) {
        page.tasks.iter().for_each(|t| each(Some(&t.id)));
    }
}

/// Read one task with its logs and result images:
/// `POST /open/v1/task/detail`. The logs come a page at a time: while
/// `log_continue` is true, the next page is this call with the
/// `search_after` the answer gave (the client's `pages` does it).
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "task/detail")]
pub struct ShowTask {
    id: String,
    search_after: Vec<i64>,
}

impl ShowTask {
    /// The task `id`, from its first log line.
    pub fn new(id: impl Into<String>) -> Result<Self> {
        let id = id.into();
        check_id("id", &id)?;
        Ok(ShowTask {
            id,
            search_after: Vec::new(),
        })
    }

    /// Continue the logs after `search_after` (as the last answer gave it).
    pub fn search_after(mut self, search_after: Vec<i64>) -> Self {
        self.search_after = search_after;
        self
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct DetailBody<'a> {
    id: &'a str,
    #[serde(skip_serializing_if = "<[i64]>::is_empty")]
    search_after: &'a [i64],
}

/// A task with a page of its logs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct TaskDetail {
    /// The envelope.
    #[serde(flatten)]
    pub envelope: Envelope,
    /// The task.
    pub task: Task,
    /// Screenshots the run left (URLs): what to look at before trusting a
    /// `completed`.
    pub result_images: Vec<String>,
    /// Log lines of this page (`[YYYY-MM-DD hh:mm:ss mmm] text`, UTC).
    pub logs: Vec<String>,
    /// The cursor of the next log page.
    pub search_after: Vec<i64>,
    /// Whether more log lines follow.
    pub log_continue: bool,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireDetail {
    #[serde(flatten)]
    task: Task,
    #[serde(default, deserialize_with = "crate::json::null_default")]
    result_images: Vec<String>,
    #[serde(default, deserialize_with = "crate::json::null_default")]
    logs: Vec<String>,
    #[serde(default, deserialize_with = "crate::json::null_default")]
    search_after: Vec<i64>,
    #[serde(default)]
    log_continue: Option<bool>,
}

impl Operation for ShowTask {
    type Config = Config;
    type Output = TaskDetail;
    const NAME: &'static str = "geelark.show_task";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        let body = to_body(&DetailBody {
            id: &self.id,
            search_after: &self.search_after,
        })?;
        wire::build(ctx, "/open/v1/task/detail", body)
    }

    fn parse_unchecked(&self, response: &Response) -> Result<TaskDetail> {
        let a = wire::parse::<WireDetail>(Self::NAME, response)?;
        let envelope = Envelope::of(&a);
        let d = a.data;
        Ok(TaskDetail {
            envelope,
            task: d.task.with_raw(),
            result_images: d.result_images,
            logs: d.logs,
            search_after: d.search_after,
            log_continue: d.log_continue.unwrap_or(false),
        })
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}

impl Pager for ShowTask {
    /// The next log page while `log_continue`, unless the cursor did not
    /// move (a server repeating itself ends the walk).
    fn next_page(&self, last: &TaskDetail) -> Option<Self> {
        if !last.log_continue
            || last.search_after.is_empty()
            || last.search_after == self.search_after
        {
            return None;
        }
        Some(self.clone().search_after(last.search_after.clone()))
    }
}
