//! Running apps (reference §3.5): start or stop one app on a phone
//! (`app/start`, `app/stop`), and act on every running phone of some groups
//! at once (`app/operation/batch`: start, close, restart, install,
//! uninstall), answered per phone that could not.

use serde::{Deserialize, Serialize};

use super::config::Config;
use super::shapes::{Envelope, opt_int, to_body};
use super::wire;
use crate::batch::ItemFailure;
use crate::error::{Result, invalid};
use crate::http::{Request, Response};
use crate::json::{null_default, opt_string_or_int};
use crate::op::{Context, Operation, check_id, unique_ids};

/// Which app: by package (preferred) or by version id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AppRef {
    /// `packageName`.
    Package(String),
    /// `appVersionId` (`versionId` in a batch).
    Version(String),
}

impl AppRef {
    fn check(&self) -> Result<()> {
        match self {
            AppRef::Package(p) => crate::limits::check_text("packageName", p, 255),
            AppRef::Version(v) => check_id("appVersionId", v),
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RunBody<'a> {
    env_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    package_name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    app_version_id: Option<&'a str>,
}

fn run_body(env_id: &str, app: &AppRef) -> Result<Vec<u8>> {
    to_body(&RunBody {
        env_id,
        package_name: match app {
            AppRef::Package(p) => Some(p),
            AppRef::Version(_) => None,
        },
        app_version_id: match app {
            AppRef::Version(v) => Some(v),
            AppRef::Package(_) => None,
        },
    })
}

/// Start an installed app on a running phone (42005: not installed):
/// `POST /open/v1/app/start`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "app/start")]
pub struct StartApp {
    env_id: String,
    app: AppRef,
}

impl StartApp {
    /// Start `app` on the phone `env_id`.
    pub fn new(env_id: impl Into<String>, app: AppRef) -> Result<Self> {
        let env_id = env_id.into();
        check_id("envId", &env_id)?;
        app.check()?;
        Ok(StartApp { env_id, app })
    }
}

impl Operation for StartApp {
    type Config = Config;
    type Output = super::apps::Accepted;
    const NAME: &'static str = "geelark.start_app";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        wire::build(
            ctx,
            "/open/v1/app/start",
            run_body(&self.env_id, &self.app)?,
        )
    }

    fn parse_unchecked(&self, response: &Response) -> Result<super::apps::Accepted> {
        super::apps::parse_accepted(Self::NAME, response)
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}

/// Stop an app on a running phone: `POST /open/v1/app/stop`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "app/stop")]
pub struct StopApp {
    env_id: String,
    app: AppRef,
}

impl StopApp {
    /// Stop `app` on the phone `env_id`.
    pub fn new(env_id: impl Into<String>, app: AppRef) -> Result<Self> {
        let env_id = env_id.into();
        check_id("envId", &env_id)?;
        app.check()?;
        Ok(StopApp { env_id, app })
    }
}

impl Operation for StopApp {
    type Config = Config;
    type Output = super::apps::Accepted;
    const NAME: &'static str = "geelark.stop_app";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        wire::build(ctx, "/open/v1/app/stop", run_body(&self.env_id, &self.app)?)
    }

    fn parse_unchecked(&self, response: &Response) -> Result<super::apps::Accepted> {
        super::apps::parse_accepted(Self::NAME, response)
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}

/// What a batch does to the app.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum AppAction {
    /// 1.
    Start,
    /// 2.
    Close,
    /// 3.
    Restart,
    /// 4 (needs a version id).
    Install,
    /// 5.
    Uninstall,
}

/// Act on the app on every running phone of some groups (all groups when
/// none given): `POST /open/v1/app/operation/batch`. Phones that could not
/// are listed (1: busy installing or uninstalling; 2: not installed).
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "app/operation/batch")]
pub struct AppBatch {
    action: AppAction,
    group_ids: Vec<String>,
    app: AppRef,
}

impl AppBatch {
    /// `action` on `app` in the groups `group_ids` (none: every group).
    /// An install needs [`AppRef::Version`].
    pub fn new<I, S>(action: AppAction, app: AppRef, group_ids: I) -> Result<Self>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        app.check()?;
        if action == AppAction::Install && !matches!(app, AppRef::Version(_)) {
            return Err(invalid("versionId", "an install needs the app version id"));
        }
        let group_ids: Vec<String> = group_ids.into_iter().map(Into::into).collect();
        let group_ids = if group_ids.is_empty() {
            group_ids
        } else {
            unique_ids("groupIds", group_ids, 100)?
        };
        Ok(AppBatch {
            action,
            group_ids,
            app,
        })
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct BatchBody<'a> {
    action: u8,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    group_ids: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    package_name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    version_id: Option<&'a str>,
}

/// The phones a batch could not act on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct AppBatchReport {
    /// The envelope.
    #[serde(flatten)]
    pub envelope: Envelope,
    /// Per phone refused: code 1 busy, 2 not installed.
    pub failures: Vec<ItemFailure>,
}

impl Operation for AppBatch {
    type Config = Config;
    type Output = AppBatchReport;
    const NAME: &'static str = "geelark.app_batch";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        let action = match self.action {
            AppAction::Start => 1,
            AppAction::Close => 2,
            AppAction::Restart => 3,
            AppAction::Install => 4,
            AppAction::Uninstall => 5,
        };
        let body = to_body(&BatchBody {
            action,
            group_ids: &self.group_ids,
            package_name: match &self.app {
                AppRef::Package(p) => Some(p),
                AppRef::Version(_) => None,
            },
            version_id: match &self.app {
                AppRef::Version(v) => Some(v),
                AppRef::Package(_) => None,
            },
        })?;
        wire::build(ctx, "/open/v1/app/operation/batch", body)
    }

    fn parse_unchecked(&self, response: &Response) -> Result<AppBatchReport> {
        #[derive(Deserialize)]
        #[serde(rename_all = "camelCase")]
        struct Item {
            #[serde(default, deserialize_with = "opt_string_or_int")]
            id: Option<String>,
            #[serde(default, deserialize_with = "opt_int")]
            err_code: Option<i64>,
        }
        #[derive(Deserialize)]
        struct Wire {
            #[serde(default, deserialize_with = "null_default")]
            items: Vec<Item>,
        }
        let a = wire::parse_opt::<Wire>(Self::NAME, response)?;
        let envelope = Envelope::of(&a);
        let failures = a
            .data
            .map(|w| w.items)
            .unwrap_or_default()
            .into_iter()
            .filter_map(|i| {
                let code = i.err_code.filter(|c| *c != 0)?;
                let why = match code {
                    1 => "an install or uninstall is in progress",
                    2 => "the app is not installed",
                    _ => "refused",
                };
                Some(ItemFailure::api(
                    i.id.unwrap_or_default(),
                    code.to_string(),
                    why,
                ))
            })
            .collect();
        Ok(AppBatchReport { envelope, failures })
    }

    /// No: an install or restart repeats.
    fn is_idempotent(&self) -> bool {
        false
    }
}
