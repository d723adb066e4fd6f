//! Screenshots: `POST /open/v1/phone/screenShot` asks a running phone for
//! one and answers a `taskId`; `POST /open/v1/phone/screenShot/result` polls
//! that task (for up to 30 minutes) until its state is terminal. The result
//! is also pushed as webhook type 5.
//!
//! The download link is a signed URL — whoever holds it can fetch the
//! screen — so it is a [`Secret`], redacted in `Debug`.

use serde::{Deserialize, Serialize};

use super::config::Config;
use super::shapes::{Envelope, non_empty, to_body};
use super::wire;
use crate::error::Result;
use crate::http::{Request, Response};
use crate::json::{int_or_string, string_or_int};
use crate::op::{Context, Operation, check_id};
use crate::secret::Secret;

/// Ask a running phone for a screenshot (42002: the phone is not running).
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "phone/screenShot")]
pub struct TakeScreenshot {
    id: String,
}

impl TakeScreenshot {
    /// A screenshot of the phone `id`.
    pub fn new(id: impl Into<String>) -> Result<Self> {
        let id = id.into();
        check_id("id", &id)?;
        Ok(TakeScreenshot { id })
    }
}

#[derive(Serialize)]
struct IdBody<'a> {
    id: &'a str,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireTask {
    #[serde(deserialize_with = "string_or_int")]
    task_id: String,
}

/// A screenshot task to poll with [`GetScreenshotResult`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ScreenshotTask {
    /// The envelope.
    #[serde(flatten)]
    pub envelope: Envelope,
    /// `taskId`.
    pub task_id: String,
}

impl Operation for TakeScreenshot {
    type Config = Config;
    type Output = ScreenshotTask;
    const NAME: &'static str = "geelark.take_screenshot";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        wire::build(
            ctx,
            "/open/v1/phone/screenShot",
            to_body(&IdBody { id: &self.id })?,
        )
    }

    fn parse_unchecked(&self, response: &Response) -> Result<ScreenshotTask> {
        let a = wire::parse::<WireTask>(Self::NAME, response)?;
        Ok(ScreenshotTask {
            envelope: Envelope::of(&a),
            task_id: a.data.task_id,
        })
    }

    /// No: each call starts another screenshot task.
    fn is_idempotent(&self) -> bool {
        false
    }
}

/// Where a screenshot task stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ScreenshotState {
    /// 0: the screen could not be captured.
    AcquisitionFailed,
    /// 1: still being taken; poll again.
    InProgress,
    /// 2: done; the download link is set.
    Succeeded,
    /// 3: failed.
    Failed,
    /// A code this crate does not know, kept as received.
    Unknown(i64),
}

impl ScreenshotState {
    /// From GeeLark's code.
    pub fn from_code(code: i64) -> Self {
        match code {
            0 => ScreenshotState::AcquisitionFailed,
            1 => ScreenshotState::InProgress,
            2 => ScreenshotState::Succeeded,
            3 => ScreenshotState::Failed,
            n => ScreenshotState::Unknown(n),
        }
    }

    /// Whether polling can stop. Unknown codes count as not terminal: a
    /// poller bounds its own time (results live 30 minutes).
    pub fn is_terminal(self) -> bool {
        matches!(
            self,
            ScreenshotState::AcquisitionFailed
                | ScreenshotState::Succeeded
                | ScreenshotState::Failed
        )
    }
}

/// Poll a screenshot task.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "phone/screenShot/result")]
pub struct GetScreenshotResult {
    task_id: String,
}

impl GetScreenshotResult {
    /// The result of the task `task_id`.
    pub fn new(task_id: impl Into<String>) -> Result<Self> {
        let task_id = task_id.into();
        check_id("task_id", &task_id)?;
        Ok(GetScreenshotResult { task_id })
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct TaskBody<'a> {
    task_id: &'a str,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireResult {
    #[serde(deserialize_with = "int_or_string")]
    status: i64,
    #[serde(default)]
    download_link: Option<String>,
}

/// A screenshot task's state.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ScreenshotResult {
    /// The envelope.
    #[serde(flatten)]
    pub envelope: Envelope,
    /// The task's state.
    pub state: ScreenshotState,
    /// The state code as GeeLark sent it.
    pub raw_status: i64,
    /// The signed download link (a capability; empty links are `None`).
    pub download_link: Option<Secret>,
}

impl Operation for GetScreenshotResult {
    type Config = Config;
    type Output = ScreenshotResult;
    const NAME: &'static str = "geelark.get_screenshot_result";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        wire::build(
            ctx,
            "/open/v1/phone/screenShot/result",
            to_body(&TaskBody {
                task_id: &self.task_id,
            })?,
        )
    }

    fn parse_unchecked(&self, response: &Response) -> Result<ScreenshotResult> {
        let a = wire::parse::<WireResult>(Self::NAME, response)?;
        Ok(ScreenshotResult {
            envelope: Envelope::of(&a),
            state: ScreenshotState::from_code(a.data.status),
            raw_status: a.data.status,
            download_link: non_empty(a.data.download_link).map(Secret::new),
        })
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}
