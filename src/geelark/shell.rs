//! A shell command on a running phone: `POST /open/v1/shell/execute`
//! (Android 10, 12–15; 42002 when the phone is not running, 50001 when the
//! command could not run). Synchronous: the answer carries the output.

use serde::{Deserialize, Serialize};

use super::config::Config;
use super::shapes::{Envelope, to_body};
use super::wire;
use crate::error::Result;
use crate::http::{Request, Response};
use crate::op::{Context, Operation, check_id};

/// Longest command accepted (GeeLark documents none; this keeps a request
/// small and is far above any command line a phone's shell takes).
pub const MAX_CMD_LEN: usize = 8192;

/// Run `cmd` in the shell of the phone `id`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "shell/execute")]
pub struct ExecuteShell {
    id: String,
    cmd: String,
}

impl ExecuteShell {
    /// The phone `id` and a command of 1 to [`MAX_CMD_LEN`] bytes without
    /// control characters other than tab.
    pub fn new(id: impl Into<String>, cmd: impl Into<String>) -> Result<Self> {
        let (id, cmd) = (id.into(), cmd.into());
        check_id("id", &id)?;
        crate::limits::check_text("cmd", &cmd.replace('\t', " "), MAX_CMD_LEN)?;
        Ok(ExecuteShell { id, cmd })
    }
}

#[derive(Serialize)]
struct Body<'a> {
    id: &'a str,
    cmd: &'a str,
}

/// What the command printed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ShellOutput {
    /// The envelope.
    #[serde(flatten)]
    pub envelope: Envelope,
    /// Whether it ran (`status`).
    pub ok: bool,
    /// Its output.
    pub output: String,
}

impl Operation for ExecuteShell {
    type Config = Config;
    type Output = ShellOutput;
    const NAME: &'static str = "geelark.execute_shell";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        wire::build(
            ctx,
            "/open/v1/shell/execute",
            to_body(&Body {
                id: &self.id,
                cmd: &self.cmd,
            })?,
        )
    }

    fn parse_unchecked(&self, response: &Response) -> Result<ShellOutput> {
        #[derive(Deserialize)]
        struct Wire {
            #[serde(default)]
            status: bool,
            #[serde(default)]
            output: String,
        }
        let a = wire::parse::<Wire>(Self::NAME, response)?;
        Ok(ShellOutput {
            envelope: Envelope::of(&a),
            ok: a.data.status,
            output: a.data.output,
        })
    }

    /// No: a command may change the phone.
    fn is_idempotent(&self) -> bool {
        false
    }
}
