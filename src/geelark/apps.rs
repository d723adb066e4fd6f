//! Apps on one phone: `POST /open/v1/app/list` (installed apps, paged),
//! `/app/install` and `/app/uninstall`. These three are documented with
//! stable request and answer shapes (reference §3.5); uninstall takes a
//! `packageName` (its old `appVersionId` parameter is struck out in the docs).
//!
//! Install and uninstall answer with the envelope only; installing is
//! asynchronous (webhook type 15, or poll the list's `installStatus`).

use serde::{Deserialize, Serialize};

use super::config::Config;
use super::shapes::{Envelope, to_body};
use super::wire;
use crate::error::Result;
use crate::http::{Request, Response};
use crate::json::{int_or_string, null_default, opt_string_or_int};
use crate::op::{Context, Operation, check_id};

/// Largest `pageSize` the installed-app list accepts.
pub const MAX_APP_PAGE_SIZE: u32 = 100;

/// Where an app stands on a phone (`installStatus`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum InstallStatus {
    /// 0.
    Installing,
    /// 1.
    Installed,
    /// 2.
    InstallFailed,
    /// 3.
    Uninstalling,
    /// 4.
    Uninstalled,
    /// 5.
    UninstallFailed,
    /// Any other code; GeeLark documents these as "not installed".
    Unknown(i64),
}

impl InstallStatus {
    /// From GeeLark's code.
    pub fn from_code(code: i64) -> Self {
        match code {
            0 => InstallStatus::Installing,
            1 => InstallStatus::Installed,
            2 => InstallStatus::InstallFailed,
            3 => InstallStatus::Uninstalling,
            4 => InstallStatus::Uninstalled,
            5 => InstallStatus::UninstallFailed,
            n => InstallStatus::Unknown(n),
        }
    }
}

/// List the apps installed on one phone, one page at a time.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "app/list")]
pub struct ListApps {
    env_id: String,
    page: u32,
    page_size: u32,
}

impl ListApps {
    /// Page `page` (from 1) of `page_size` (1 to [`MAX_APP_PAGE_SIZE`]) apps
    /// on the phone `env_id`.
    pub fn new(env_id: impl Into<String>, page: u32, page_size: u32) -> Result<Self> {
        let env_id = env_id.into();
        check_id("env_id", &env_id)?;
        crate::page::check_page(page, page_size, MAX_APP_PAGE_SIZE)?;
        Ok(ListApps {
            env_id,
            page,
            page_size,
        })
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ListBody<'a> {
    env_id: &'a str,
    page: u32,
    page_size: u32,
}

/// One installed app.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct InstalledApp {
    /// `appId`.
    pub app_id: Option<String>,
    /// `appName`.
    pub app_name: Option<String>,
    /// `appIcon` (URL).
    pub app_icon: Option<String>,
    /// `appVersionId`: what [`InstallApp`] takes.
    pub app_version_id: Option<String>,
    /// `packageName`: what [`UninstallApp`] takes.
    pub package_name: Option<String>,
    /// `versionCode` (a string here, a number elsewhere: kept as a string).
    pub version_code: Option<String>,
    /// `versionName`.
    pub version_name: Option<String>,
    /// `installStatus`.
    pub install_status: Option<InstallStatus>,
    /// `installTime` as sent (`YYYY-MM-DD hh:mm:ss`, zone undocumented).
    pub install_time: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireApp {
    #[serde(default, deserialize_with = "opt_string_or_int")]
    app_id: Option<String>,
    #[serde(default)]
    app_name: Option<String>,
    #[serde(default)]
    app_icon: Option<String>,
    #[serde(default, deserialize_with = "opt_string_or_int")]
    app_version_id: Option<String>,
    #[serde(default)]
    package_name: Option<String>,
    #[serde(default, deserialize_with = "opt_string_or_int")]
    version_code: Option<String>,
    #[serde(default)]
    version_name: Option<String>,
    #[serde(default)]
    install_status: Option<WireCode>,
    #[serde(default)]
    install_time: Option<String>,
}

#[derive(Deserialize)]
struct WireCode(#[serde(deserialize_with = "int_or_string")] i64);

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireList {
    #[serde(default)]
    total: Option<u64>,
    #[serde(default)]
    page: Option<u32>,
    #[serde(default)]
    page_size: Option<u32>,
    #[serde(default, deserialize_with = "null_default")]
    items: Vec<WireApp>,
}

/// One page of installed apps.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct AppList {
    /// The envelope.
    #[serde(flatten)]
    pub envelope: Envelope,
    /// `total` over all pages.
    pub total: Option<u64>,
    /// `page`, as echoed.
    pub page: Option<u32>,
    /// `pageSize`, as echoed.
    pub page_size: Option<u32>,
    /// The apps of this page.
    pub apps: Vec<InstalledApp>,
}

impl Operation for ListApps {
    type Config = Config;
    type Output = AppList;
    const NAME: &'static str = "geelark.list_apps";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        let body = to_body(&ListBody {
            env_id: &self.env_id,
            page: self.page,
            page_size: self.page_size,
        })?;
        wire::build(ctx, "/open/v1/app/list", body)
    }

    fn parse_unchecked(&self, response: &Response) -> Result<AppList> {
        let a = wire::parse::<WireList>(Self::NAME, response)?;
        let envelope = Envelope::of(&a);
        let d = a.data;
        Ok(AppList {
            envelope,
            total: d.total,
            page: d.page,
            page_size: d.page_size,
            apps: d
                .items
                .into_iter()
                .map(|w| InstalledApp {
                    app_id: w.app_id,
                    app_name: w.app_name,
                    app_icon: w.app_icon,
                    app_version_id: w.app_version_id,
                    package_name: w.package_name,
                    version_code: w.version_code,
                    version_name: w.version_name,
                    install_status: w
                        .install_status
                        .map(|WireCode(c)| InstallStatus::from_code(c)),
                    install_time: w.install_time,
                })
                .collect(),
        })
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}

page_number_pager!(ListApps, apps, |a| a.app_id.as_deref());

/// The answer to a call that returns only the envelope.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Accepted {
    /// The envelope.
    #[serde(flatten)]
    pub envelope: Envelope,
}

/// The parse of every call whose documented success is the envelope alone
/// (a `data` it may carry is ignored).
pub(crate) fn parse_accepted(name: &'static str, response: &Response) -> Result<Accepted> {
    let a = wire::parse_opt::<serde::de::IgnoredAny>(name, response)?;
    Ok(Accepted {
        envelope: Envelope::of(&a),
    })
}

/// Install an app version on a running phone (42003–42006: not allowed,
/// lower version, busy, …).
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "app/install")]
pub struct InstallApp {
    env_id: String,
    app_version_id: String,
}

impl InstallApp {
    /// Install `app_version_id` (from the installable or shop list) on the
    /// phone `env_id`.
    pub fn new(env_id: impl Into<String>, app_version_id: impl Into<String>) -> Result<Self> {
        let (env_id, app_version_id) = (env_id.into(), app_version_id.into());
        check_id("env_id", &env_id)?;
        check_id("app_version_id", &app_version_id)?;
        Ok(InstallApp {
            env_id,
            app_version_id,
        })
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct InstallBody<'a> {
    env_id: &'a str,
    app_version_id: &'a str,
}

impl Operation for InstallApp {
    type Config = Config;
    type Output = Accepted;
    const NAME: &'static str = "geelark.install_app";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        let body = to_body(&InstallBody {
            env_id: &self.env_id,
            app_version_id: &self.app_version_id,
        })?;
        wire::build(ctx, "/open/v1/app/install", body)
    }

    fn parse_unchecked(&self, response: &Response) -> Result<Accepted> {
        parse_accepted(Self::NAME, response)
    }

    /// No: a repeated install while the first is running answers "busy".
    fn is_idempotent(&self) -> bool {
        false
    }
}

/// Uninstall an app from a running phone.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "app/uninstall")]
pub struct UninstallApp {
    env_id: String,
    package_name: String,
}

impl UninstallApp {
    /// Uninstall `package_name` from the phone `env_id`.
    pub fn new(env_id: impl Into<String>, package_name: impl Into<String>) -> Result<Self> {
        let (env_id, package_name) = (env_id.into(), package_name.into());
        check_id("env_id", &env_id)?;
        check_id("package_name", &package_name)?;
        Ok(UninstallApp {
            env_id,
            package_name,
        })
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct UninstallBody<'a> {
    env_id: &'a str,
    package_name: &'a str,
}

impl Operation for UninstallApp {
    type Config = Config;
    type Output = Accepted;
    const NAME: &'static str = "geelark.uninstall_app";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        let body = to_body(&UninstallBody {
            env_id: &self.env_id,
            package_name: &self.package_name,
        })?;
        wire::build(ctx, "/open/v1/app/uninstall", body)
    }

    fn parse_unchecked(&self, response: &Response) -> Result<Accepted> {
        parse_accepted(Self::NAME, response)
    }

    /// No: a retried uninstall answers 42005 "not installed" for an app the
    /// first attempt removed.
    fn is_idempotent(&self) -> bool {
        false
    }
}
