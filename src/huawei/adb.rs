//! ADB on phones: synchronous shell (`sync-commands`, output in the answer)
//! and asynchronous commands (`commands`: shell, install, install-multiple,
//! uninstall, push), which start jobs whose output lands in the job.

use serde::{Deserialize, Serialize};

use super::config::Config;
use super::jobs::{JobsReport, parse_jobs_started};
use super::wire;
use crate::batch::{BatchItem, CallOutcome, ItemFailure};
use crate::error::{Result, invalid};
use crate::http::{Method, Request, Response};
use crate::json::{int_or_string, null_default, opt_string_or_int};
use crate::op::{Context, Operation, unique_ids};
use crate::phone::JobStatus;

/// Most phones one synchronous command may target.
pub const MAX_SYNC_IDS: usize = 15;
/// Most phones or servers one asynchronous command call carries (the API
/// documents none; this crate's chunk size).
pub const MAX_ASYNC_IDS: usize = 100;
/// Longest shell command, in bytes.
pub const MAX_SHELL_BYTES: usize = 2048;

/// Where a command runs.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Target {
    /// These phones.
    Phones(Vec<String>),
    /// Every phone of these servers.
    Servers(Vec<String>),
}

impl Target {
    fn checked(self, max: usize) -> Result<Self> {
        Ok(match self {
            Target::Phones(ids) => Target::Phones(unique_ids("phone_ids", ids, max)?),
            Target::Servers(ids) => Target::Servers(unique_ids("server_ids", ids, max)?),
        })
    }
}

/// An asynchronous ADB command.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Command {
    /// `adb shell <command>` (at most 2048 bytes).
    Shell(String),
    /// `adb install` of one APK in OBS (`obs://bucket/path/app.apk`).
    Install(String),
    /// `adb install-multiple` of the split APKs of one app (at most 50).
    InstallMultiple(Vec<String>),
    /// `adb uninstall <package>`.
    Uninstall(String),
    /// Push a tar from OBS, unpacked into the phone's root.
    Push(String),
}

fn check_text(field: &'static str, s: &str, max: usize) -> Result<()> {
    if s.trim().is_empty() {
        return Err(invalid(field, "is empty"));
    }
    if s.len() > max {
        return Err(invalid(field, format!("is longer than {max} bytes")));
    }
    if s.chars().any(char::is_control) {
        return Err(invalid(field, "contains a control character"));
    }
    Ok(())
}

fn check_obs(field: &'static str, s: &str) -> Result<()> {
    if !s.starts_with("obs://") || s.contains(' ') {
        return Err(invalid(field, "must be an OBS object, obs://bucket/path"));
    }
    Ok(())
}

impl Command {
    /// `command` and `content` as sent.
    fn wire(&self) -> Result<(&'static str, String)> {
        Ok(match self {
            Command::Shell(c) => {
                check_text("content", c, MAX_SHELL_BYTES)?;
                ("shell", c.clone())
            }
            Command::Install(apk) => {
                check_text("content", apk, 1024)?;
                check_obs("content", apk)?;
                ("install", apk.clone())
            }
            Command::InstallMultiple(apks) => {
                if apks.is_empty() || apks.len() > 50 {
                    return Err(invalid("content", "install-multiple takes 1 to 50 APKs"));
                }
                for a in apks {
                    check_obs("content", a)?;
                }
                let content = apks.join(" ");
                check_text("content", &content, 8100)?;
                ("install-multiple", content)
            }
            Command::Uninstall(pkg) => {
                check_text("content", pkg, 1024)?;
                ("uninstall", pkg.clone())
            }
            Command::Push(tar) => {
                check_text("content", tar, 1024)?;
                check_obs("content", tar)?;
                ("push", tar.clone())
            }
        })
    }
}

#[derive(Serialize)]
struct Body<'a> {
    command: &'static str,
    content: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    phone_ids: Option<&'a [String]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    server_ids: Option<&'a [String]>,
}

fn body(command: &'static str, content: &str, target: &Target) -> Result<Vec<u8>> {
    let (phone_ids, server_ids) = match target {
        Target::Phones(p) => (Some(&p[..]), None),
        Target::Servers(s) => (None, Some(&s[..])),
    };
    serde_json::to_vec(&Body {
        command,
        content,
        phone_ids,
        server_ids,
    })
    .map_err(|e| invalid("body", e.to_string()))
}

/// Run an asynchronous ADB command:
/// `POST /v1/{project_id}/cloud-phone/phones/commands`. One job per phone.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(
    alias = "RunShellCommand",
    alias = "run_shell_command",
    alias = "InstallApk",
    alias = "install_apk",
    alias = "UninstallApk",
    alias = "uninstall_apk",
    alias = "PushFile",
    alias = "push_file"
)]
pub struct RunCommand {
    command: &'static str,
    content: String,
    target: Target,
}

impl RunCommand {
    /// A command on up to [`MAX_ASYNC_IDS`] phones or servers.
    pub fn new(command: Command, target: Target) -> Result<Self> {
        let (command, content) = command.wire()?;
        Ok(RunCommand {
            command,
            content,
            target: target.checked(MAX_ASYNC_IDS)?,
        })
    }
}

impl Operation for RunCommand {
    type Config = Config;
    type Output = JobsReport;
    const NAME: &'static str = "huawei.run_command";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        let body = body(self.command, &self.content, &self.target)?;
        let path = wire::project_path(ctx.config, "v1", "cloud-phone/phones/commands");
        wire::build(ctx, Method::Post, path, Vec::new(), Some(body))
    }

    fn parse_unchecked(&self, response: &Response) -> Result<JobsReport> {
        parse_jobs_started(Self::NAME, response)
    }

    fn is_idempotent(&self) -> bool {
        false
    }
}

/// Run `adb shell` and wait for the output:
/// `POST /v1/{project_id}/cloud-phone/phones/sync-commands` (at most 15
/// phones, 6 calls a minute per user, 2 s per phone, output cut at 1024 bytes).
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "RunSyncCommand", alias = "run_sync_command")]
pub struct RunSyncShell {
    content: String,
    target: Target,
}

impl RunSyncShell {
    /// A shell command on up to 15 phones (or the phones of some servers).
    pub fn new(shell: impl Into<String>, target: Target) -> Result<Self> {
        let content = shell.into();
        check_text("content", &content, MAX_SHELL_BYTES)?;
        Ok(RunSyncShell {
            content,
            target: target.checked(MAX_SYNC_IDS)?,
        })
    }
}

/// One phone's output.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ShellOutput {
    /// The phone.
    pub phone_id: String,
    /// The job id.
    pub job_id: Option<String>,
    /// Succeeded, or still running when the 2 s per phone ran out.
    pub status: JobStatus,
    /// What the command printed (at most 1024 bytes).
    pub output: String,
}

impl BatchItem for ShellOutput {
    fn item_id(&self) -> &str {
        &self.phone_id
    }
}

#[derive(Deserialize)]
struct WireSyncJob {
    #[serde(default, deserialize_with = "opt_string_or_int")]
    phone_id: Option<String>,
    #[serde(default, deserialize_with = "opt_string_or_int")]
    job_id: Option<String>,
    #[serde(default, deserialize_with = "opt_status")]
    status: Option<i64>,
    #[serde(default, deserialize_with = "opt_string_or_int")]
    error_code: Option<String>,
    #[serde(default)]
    error_msg: Option<String>,
    #[serde(default)]
    execute_msg: Option<String>,
}

fn opt_status<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> std::result::Result<Option<i64>, D::Error> {
    #[derive(Deserialize)]
    struct I(#[serde(deserialize_with = "int_or_string")] i64);
    Ok(Option::<I>::deserialize(d)?.map(|I(n)| n))
}

#[derive(Deserialize)]
struct WireSync {
    #[serde(default)]
    request_id: Option<String>,
    #[serde(default, deserialize_with = "null_default")]
    jobs: Vec<WireSyncJob>,
}

/// The answer of a synchronous shell call.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct SyncShellReport {
    /// The request id.
    pub request_id: Option<String>,
    /// Phones that ran the command.
    pub outputs: Vec<ShellOutput>,
    /// Phones where it failed (error code, or job status -1).
    pub errors: Vec<ItemFailure>,
    /// The failed phones' jobs as sent, when the answer gave a job id or
    /// output beside the error (the output often says why).
    pub failed_jobs: Vec<ShellOutput>,
}

impl From<SyncShellReport> for CallOutcome<ShellOutput> {
    fn from(o: SyncShellReport) -> Self {
        CallOutcome::new(o.outputs, o.errors, o.request_id)
    }
}

impl Operation for RunSyncShell {
    type Config = Config;
    type Output = SyncShellReport;
    const NAME: &'static str = "huawei.run_sync_shell";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        let body = body("shell", &self.content, &self.target)?;
        let path = wire::project_path(ctx.config, "v1", "cloud-phone/phones/sync-commands");
        wire::build(ctx, Method::Post, path, Vec::new(), Some(body))
    }

    fn parse_unchecked(&self, response: &Response) -> Result<SyncShellReport> {
        let w: WireSync = wire::parse_json(Self::NAME, response)?;
        let mut out = SyncShellReport {
            request_id: w.request_id,
            outputs: Vec::new(),
            errors: Vec::new(),
            failed_jobs: Vec::new(),
        };
        for j in w.jobs {
            let phone_id = j.phone_id.unwrap_or_default();
            let status = j.status.map_or(JobStatus::Running, JobStatus::from_huawei);
            let code = j.error_code.filter(|c| !c.is_empty());
            if (code.is_some() || status == JobStatus::Failed)
                && (j.job_id.is_some() || j.execute_msg.as_deref().is_some_and(|m| !m.is_empty()))
            {
                out.failed_jobs.push(ShellOutput {
                    phone_id: phone_id.clone(),
                    job_id: j.job_id.clone(),
                    status,
                    output: j.execute_msg.clone().unwrap_or_default(),
                });
            }
            match code {
                Some(code) => out.errors.push(ItemFailure::api(
                    phone_id,
                    code,
                    j.error_msg.unwrap_or_default(),
                )),
                None if status == JobStatus::Failed => out.errors.push(ItemFailure::api(
                    phone_id,
                    "job_failed",
                    j.error_msg.or(j.execute_msg).unwrap_or_default(),
                )),
                None => out.outputs.push(ShellOutput {
                    phone_id,
                    job_id: j.job_id,
                    status,
                    output: j.execute_msg.unwrap_or_default(),
                }),
            }
        }
        Ok(out)
    }

    fn is_idempotent(&self) -> bool {
        false
    }
}
