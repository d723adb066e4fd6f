//! What a team keeps besides phones (reference §3.3, §3.5, §3.7, §3.14):
//! proxy groups (`proxyGroup/search|add|update|del`, CLI-only endpoints),
//! its uploaded apps (`app/upload` and its status, `app/teamApp/list`),
//! flows as files (`task/flow/import|export`: the flow's JSON), and phone
//! clones (`phone/clone`, a CLI-only endpoint: keeps country, time zone,
//! language and GPS; wipes apps and data).
//!
//! The shapes of the CLI-only endpoints come from GeeLark's CLI source (no
//! OA page): `proxyGroup/*`, `phone/clone`, `task/flow/import|export`.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::config::Config;
use super::files::FileTask;
use super::lifecycle::{LifecycleReport, parse_lifecycle};
use super::shapes::{Envelope, opt_int, to_body};
use super::wire;
use crate::error::{Result, invalid};
use crate::http::{Request, Response};
use crate::json::{null_default, opt_string_or_int};
use crate::op::{Context, Operation, check_id, unique_ids};
use crate::page::check_page;

/// Longest proxy-group name.
pub const MAX_GROUP_NAME: usize = 50;

fn group_name(name: &str) -> Result<()> {
    if name.is_empty() || name.chars().any(char::is_control) {
        return Err(invalid("name", "empty or with a control character"));
    }
    if name.chars().count() > MAX_GROUP_NAME {
        return Err(invalid(
            "name",
            format!("at most {MAX_GROUP_NAME} characters"),
        ));
    }
    Ok(())
}

/// A proxy group (`"0"` is the virtual group of ungrouped proxies).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ProxyGroup {
    /// The id.
    #[serde(deserialize_with = "crate::json::string_or_int")]
    pub id: String,
    /// The name.
    #[serde(default)]
    pub name: Option<String>,
}

/// One page of proxy groups.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ProxyGroupList {
    /// The envelope.
    #[serde(flatten)]
    pub envelope: Envelope,
    /// `total` over all pages (the ungrouped group included).
    pub total: Option<u64>,
    /// The groups of this page.
    pub groups: Vec<ProxyGroup>,
}

/// Proxy groups, a page at a time, optionally by a name fragment:
/// `POST /open/v1/proxyGroup/search`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "proxyGroup/search")]
pub struct ListProxyGroups {
    page: u32,
    page_size: u32,
    name: Option<String>,
}

impl Default for ListProxyGroups {
    fn default() -> Self {
        ListProxyGroups {
            page: 1,
            page_size: 100,
            name: None,
        }
    }
}

impl ListProxyGroups {
    /// Page 1 of 100.
    pub fn new() -> Self {
        ListProxyGroups::default()
    }

    /// Page `page` (from 1) of `page_size` (1 to 100).
    pub fn page(mut self, page: u32, page_size: u32) -> Result<Self> {
        check_page(page, page_size, 100)?;
        (self.page, self.page_size) = (page, page_size);
        Ok(self)
    }

    /// Only groups whose name contains `name`.
    pub fn name(mut self, name: impl Into<String>) -> Result<Self> {
        let n = name.into();
        group_name(&n)?;
        self.name = Some(n);
        Ok(self)
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SearchBody<'a> {
    page: u32,
    page_size: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
}

impl Operation for ListProxyGroups {
    type Config = Config;
    type Output = ProxyGroupList;
    const NAME: &'static str = "geelark.list_proxy_groups";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        let body = to_body(&SearchBody {
            page: self.page,
            page_size: self.page_size,
            name: self.name.as_deref(),
        })?;
        wire::build(ctx, "/open/v1/proxyGroup/search", body)
    }

    fn parse_unchecked(&self, response: &Response) -> Result<ProxyGroupList> {
        #[derive(Deserialize)]
        struct Wire {
            #[serde(default, deserialize_with = "super::shapes::opt_count")]
            total: Option<u64>,
            #[serde(default, deserialize_with = "null_default")]
            list: Vec<ProxyGroup>,
        }
        let a = wire::parse::<Wire>(Self::NAME, response)?;
        Ok(ProxyGroupList {
            envelope: Envelope::of(&a),
            total: a.data.total,
            groups: a.data.list,
        })
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}

page_number_pager!(ListProxyGroups, groups, |g| Some(&g.id));

/// What a call made: its id.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Created {
    /// The envelope.
    #[serde(flatten)]
    pub envelope: Envelope,
    /// The new (or updated) thing's id.
    pub id: String,
}

pub(crate) fn parse_created(name: &'static str, response: &Response) -> Result<Created> {
    #[derive(Deserialize)]
    struct Wire {
        #[serde(deserialize_with = "crate::json::string_or_int")]
        id: String,
    }
    let a = wire::parse::<Wire>(name, response)?;
    Ok(Created {
        envelope: Envelope::of(&a),
        id: a.data.id,
    })
}

/// Make a proxy group (45010/45011: the name is taken or invalid):
/// `POST /open/v1/proxyGroup/add`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "proxyGroup/add")]
pub struct AddProxyGroup {
    name: String,
}

impl AddProxyGroup {
    /// A group named `name` (≤ 50 characters, unique).
    pub fn new(name: impl Into<String>) -> Result<Self> {
        let name = name.into();
        group_name(&name)?;
        Ok(AddProxyGroup { name })
    }
}

#[derive(Serialize)]
struct NameBody<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a str>,
    name: &'a str,
}

impl Operation for AddProxyGroup {
    type Config = Config;
    type Output = Created;
    const NAME: &'static str = "geelark.add_proxy_group";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        let body = to_body(&NameBody {
            id: None,
            name: &self.name,
        })?;
        wire::build(ctx, "/open/v1/proxyGroup/add", body)
    }

    fn parse_unchecked(&self, response: &Response) -> Result<Created> {
        parse_created(Self::NAME, response)
    }

    /// Yes: a second add of the name is refused, never made twice.
    fn is_idempotent(&self) -> bool {
        true
    }
}

/// Rename a proxy group: `POST /open/v1/proxyGroup/update`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "proxyGroup/update")]
pub struct RenameProxyGroup {
    id: String,
    name: String,
}

impl RenameProxyGroup {
    /// Rename the group `id` to `name`.
    pub fn new(id: impl Into<String>, name: impl Into<String>) -> Result<Self> {
        let (id, name) = (id.into(), name.into());
        check_id("id", &id)?;
        group_name(&name)?;
        Ok(RenameProxyGroup { id, name })
    }
}

impl Operation for RenameProxyGroup {
    type Config = Config;
    type Output = super::apps::Accepted;
    const NAME: &'static str = "geelark.rename_proxy_group";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        let body = to_body(&NameBody {
            id: Some(&self.id),
            name: &self.name,
        })?;
        wire::build(ctx, "/open/v1/proxyGroup/update", body)
    }

    fn parse_unchecked(&self, response: &Response) -> Result<super::apps::Accepted> {
        super::apps::parse_accepted(Self::NAME, response)
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}

/// Delete proxy groups (their proxies become ungrouped; `"0"` is a no-op):
/// `POST /open/v1/proxyGroup/del`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "proxyGroup/del")]
pub struct DeleteProxyGroups {
    ids: Vec<String>,
}

impl DeleteProxyGroups {
    /// 1 to 100 distinct group ids.
    pub fn new<I, S>(ids: I) -> Result<Self>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Ok(DeleteProxyGroups {
            ids: unique_ids("ids", ids, 100)?,
        })
    }
}

#[derive(Serialize)]
struct IdsBody<'a> {
    ids: &'a [String],
}

impl Operation for DeleteProxyGroups {
    type Config = Config;
    type Output = LifecycleReport;
    const NAME: &'static str = "geelark.delete_proxy_groups";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        wire::build(
            ctx,
            "/open/v1/proxyGroup/del",
            to_body(&IdsBody { ids: &self.ids })?,
        )
    }

    fn parse_unchecked(&self, response: &Response) -> Result<LifecycleReport> {
        parse_lifecycle(Self::NAME, &self.ids, response)
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}

/// Clone a phone (1 to 100 copies): `POST /open/v1/phone/clone`. The
/// copies keep its country, time zone, language and GPS; apps and data are
/// not copied.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "phone/clone")]
pub struct ClonePhone {
    env_id: String,
    amount: u32,
    group_id: Option<String>,
    name: bool,
    remark: bool,
    tag: bool,
    proxy: bool,
    net_type: bool,
}

impl ClonePhone {
    /// `amount` (1 to 100) copies of the phone `env_id`.
    pub fn new(env_id: impl Into<String>, amount: u32) -> Result<Self> {
        let env_id = env_id.into();
        check_id("envId", &env_id)?;
        if !(1..=100).contains(&amount) {
            return Err(invalid("amount", "1 to 100 copies"));
        }
        Ok(ClonePhone {
            env_id,
            amount,
            group_id: None,
            name: false,
            remark: false,
            tag: false,
            proxy: false,
            net_type: false,
        })
    }

    /// Put the copies in the group `group_id`.
    pub fn group(mut self, group_id: impl Into<String>) -> Result<Self> {
        let g = group_id.into();
        check_id("groupId", &g)?;
        self.group_id = Some(g);
        Ok(self)
    }

    /// Copy the name, remark, tags, proxy and network type too (each
    /// `true` copied).
    pub fn copy(
        mut self,
        name: bool,
        remark: bool,
        tag: bool,
        proxy: bool,
        net_type: bool,
    ) -> Self {
        (self.name, self.remark, self.tag, self.proxy, self.net_type) =
            (name, remark, tag, proxy, net_type);
        self
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CloneBody<'a> {
    env_id: &'a str,
    amount: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    group_id: Option<&'a str>,
    clone_name: bool,
    clone_remark: bool,
    clone_tag: bool,
    clone_proxy: bool,
    clone_net_type: bool,
}

/// The phones a clone made.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Cloned {
    /// The envelope.
    #[serde(flatten)]
    pub envelope: Envelope,
    /// The new phones.
    pub ids: Vec<String>,
}

impl Operation for ClonePhone {
    type Config = Config;
    type Output = Cloned;
    const NAME: &'static str = "geelark.clone_phone";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        let body = to_body(&CloneBody {
            env_id: &self.env_id,
            amount: self.amount,
            group_id: self.group_id.as_deref(),
            clone_name: self.name,
            clone_remark: self.remark,
            clone_tag: self.tag,
            clone_proxy: self.proxy,
            clone_net_type: self.net_type,
        })?;
        wire::build(ctx, "/open/v1/phone/clone", body)
    }

    fn parse_unchecked(&self, response: &Response) -> Result<Cloned> {
        #[derive(Deserialize)]
        struct Wire {
            #[serde(default, deserialize_with = "null_default")]
            ids: Vec<Value>,
        }
        let a = wire::parse::<Wire>(Self::NAME, response)?;
        Ok(Cloned {
            envelope: Envelope::of(&a),
            ids: a
                .data
                .ids
                .into_iter()
                .filter_map(|v| match v {
                    Value::String(s) => Some(s),
                    Value::Number(n) => Some(n.to_string()),
                    _ => None,
                })
                .collect(),
        })
    }

    /// No: each call makes more phones.
    fn is_idempotent(&self) -> bool {
        false
    }
}

/// Upload an app (an `.apk` or `.xapk` URL) to the team:
/// `POST /open/v1/app/upload`; follow it with [`GetAppUploadStatus`].
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "app/upload")]
pub struct UploadApp {
    file_url: String,
    desc: Option<String>,
}

impl UploadApp {
    /// The app at `file_url` (ending in `.apk` or `.xapk`).
    pub fn new(file_url: impl Into<String>, desc: Option<String>) -> Result<Self> {
        let file_url = file_url.into();
        crate::limits::check_text("fileUrl", &file_url, 2048)?;
        let path = file_url.split(['?', '#']).next().unwrap_or("");
        if !(file_url.starts_with("https://") || file_url.starts_with("http://"))
            || !(path.ends_with(".apk") || path.ends_with(".xapk"))
        {
            return Err(invalid("fileUrl", "an http(s) URL of an .apk or .xapk"));
        }
        if let Some(d) = &desc {
            crate::limits::check_len("desc", d, 2000)?;
        }
        Ok(UploadApp { file_url, desc })
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct UploadBody<'a> {
    file_url: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    desc: Option<&'a str>,
}

impl Operation for UploadApp {
    type Config = Config;
    type Output = FileTask;
    const NAME: &'static str = "geelark.upload_app";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        let body = to_body(&UploadBody {
            file_url: &self.file_url,
            desc: self.desc.as_deref(),
        })?;
        wire::build(ctx, "/open/v1/app/upload", body)
    }

    fn parse_unchecked(&self, response: &Response) -> Result<FileTask> {
        let t = super::rpa::parse_created(Self::NAME, response)?;
        Ok(FileTask {
            envelope: t.envelope,
            task_id: t.task_id,
        })
    }

    /// No: each call uploads a new copy.
    fn is_idempotent(&self) -> bool {
        false
    }
}

/// How an app upload stands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all(deserialize = "camelCase"))]
#[non_exhaustive]
pub struct AppUpload {
    /// 0 uploading, 1 done, 2 failed, 3 rejected in review.
    #[serde(default, deserialize_with = "opt_int")]
    pub status: Option<i64>,
    /// The app's name.
    #[serde(default)]
    pub app_name: Option<String>,
    /// Its icon.
    #[serde(default)]
    pub app_icon: Option<String>,
    /// The app id.
    #[serde(default, deserialize_with = "opt_string_or_int")]
    pub app_id: Option<String>,
    /// The version id (what an install takes).
    #[serde(default, deserialize_with = "opt_string_or_int")]
    pub version_id: Option<String>,
}

/// The answer to [`GetAppUploadStatus`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct AppUploadReport {
    /// The envelope.
    #[serde(flatten)]
    pub envelope: Envelope,
    /// The upload.
    pub upload: AppUpload,
}

/// How an app upload stands (42007: no such task):
/// `POST /open/v1/app/upload/status`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "app/upload/status")]
pub struct GetAppUploadStatus {
    task_id: String,
}

impl GetAppUploadStatus {
    /// The task [`UploadApp`] gave.
    pub fn new(task_id: impl Into<String>) -> Result<Self> {
        let task_id = task_id.into();
        check_id("taskId", &task_id)?;
        Ok(GetAppUploadStatus { task_id })
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct TaskBody<'a> {
    task_id: &'a str,
}

impl Operation for GetAppUploadStatus {
    type Config = Config;
    type Output = AppUploadReport;
    const NAME: &'static str = "geelark.get_app_upload_status";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        let body = to_body(&TaskBody {
            task_id: &self.task_id,
        })?;
        wire::build(ctx, "/open/v1/app/upload/status", body)
    }

    fn parse_unchecked(&self, response: &Response) -> Result<AppUploadReport> {
        let a = wire::parse::<AppUpload>(Self::NAME, response)?;
        Ok(AppUploadReport {
            envelope: Envelope::of(&a),
            upload: a.data,
        })
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}

/// An app of the team.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all(deserialize = "camelCase"))]
#[non_exhaustive]
pub struct TeamApp {
    /// The team-app id.
    #[serde(deserialize_with = "crate::json::string_or_int")]
    pub id: String,
    /// `appName`.
    #[serde(default)]
    pub app_name: Option<String>,
    /// `appIcon`.
    #[serde(default)]
    pub app_icon: Option<String>,
    /// `versionId` (what an install takes).
    #[serde(default, deserialize_with = "opt_string_or_int")]
    pub version_id: Option<String>,
    /// `versionCode`.
    #[serde(default, deserialize_with = "opt_string_or_int")]
    pub version_code: Option<String>,
    /// `versionName`.
    #[serde(default)]
    pub version_name: Option<String>,
    /// Auto-install on (1) or off (0).
    #[serde(default, deserialize_with = "opt_int")]
    pub status: Option<i64>,
    /// Whether the team uploaded it.
    #[serde(default)]
    pub is_upload: Option<bool>,
    /// Upload state (0 uploading, 1 done, 2 failed, 3 rejected).
    #[serde(default, deserialize_with = "opt_int")]
    pub upload_status: Option<i64>,
    /// Authorised (1) or not.
    #[serde(default, deserialize_with = "opt_int")]
    pub app_auth: Option<i64>,
    /// Root granted (1) or not.
    #[serde(default, deserialize_with = "opt_int")]
    pub app_root: Option<i64>,
    /// The groups it installs on.
    #[serde(default, deserialize_with = "null_default")]
    pub env_groups: Vec<String>,
}

/// One page of team apps.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct TeamAppList {
    /// The envelope.
    #[serde(flatten)]
    pub envelope: Envelope,
    /// `total` over all pages.
    pub total: Option<u64>,
    /// The apps of this page.
    pub apps: Vec<TeamApp>,
}

/// The team's apps, a page at a time: `POST /open/v1/app/teamApp/list`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "app/teamApp/list")]
pub struct ListTeamApps {
    page: u32,
    page_size: u32,
}

impl Default for ListTeamApps {
    fn default() -> Self {
        ListTeamApps {
            page: 1,
            page_size: 200,
        }
    }
}

impl ListTeamApps {
    /// Page 1 of 200.
    pub fn new() -> Self {
        ListTeamApps::default()
    }

    /// Page `page` (from 1) of `page_size` (1 to 200).
    pub fn page(mut self, page: u32, page_size: u32) -> Result<Self> {
        check_page(page, page_size, 200)?;
        (self.page, self.page_size) = (page, page_size);
        Ok(self)
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PageBody {
    page: u32,
    page_size: u32,
}

impl Operation for ListTeamApps {
    type Config = Config;
    type Output = TeamAppList;
    const NAME: &'static str = "geelark.list_team_apps";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        let body = to_body(&PageBody {
            page: self.page,
            page_size: self.page_size,
        })?;
        wire::build(ctx, "/open/v1/app/teamApp/list", body)
    }

    fn parse_unchecked(&self, response: &Response) -> Result<TeamAppList> {
        #[derive(Deserialize)]
        struct Wire {
            #[serde(default, deserialize_with = "super::shapes::opt_count")]
            total: Option<u64>,
            #[serde(default, deserialize_with = "null_default")]
            items: Vec<TeamApp>,
        }
        let a = wire::parse::<Wire>(Self::NAME, response)?;
        Ok(TeamAppList {
            envelope: Envelope::of(&a),
            total: a.data.total,
            apps: a.data.items,
        })
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}

page_number_pager!(ListTeamApps, apps, |a| Some(&a.id));

/// Most bytes of a flow's JSON.
pub const MAX_FLOW_LEN: usize = 4 << 20;

/// Import a flow (its JSON, as exported), or replace the flow `id` with it:
/// `POST /open/v1/task/flow/import`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "task/flow/import")]
pub struct ImportFlow {
    gal: String,
    id: Option<String>,
}

impl ImportFlow {
    /// The flow `gal` (JSON text, ≤ 4 MiB); `id` to update that flow.
    pub fn new(gal: impl Into<String>, id: Option<String>) -> Result<Self> {
        let gal = gal.into();
        crate::limits::check_len("gal", &gal, MAX_FLOW_LEN)?;
        serde_json::from_str::<serde::de::IgnoredAny>(&gal).map_err(|e| {
            invalid(
                "gal",
                format!("not JSON: {}", crate::limits::shorten(e.to_string())),
            )
        })?;
        if let Some(i) = &id {
            check_id("id", i)?;
        }
        Ok(ImportFlow { gal, id })
    }
}

#[derive(Serialize)]
struct ImportBody<'a> {
    gal: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a str>,
}

impl Operation for ImportFlow {
    type Config = Config;
    type Output = Created;
    const NAME: &'static str = "geelark.import_flow";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        let body = to_body(&ImportBody {
            gal: &self.gal,
            id: self.id.as_deref(),
        })?;
        wire::build(ctx, "/open/v1/task/flow/import", body)
    }

    fn parse_unchecked(&self, response: &Response) -> Result<Created> {
        parse_created(Self::NAME, response)
    }

    /// Only an update is: an import makes one more flow.
    fn is_idempotent(&self) -> bool {
        self.id.is_some()
    }
}

/// Export a flow as JSON (48002: not found): `POST /open/v1/task/flow/export`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "task/flow/export")]
pub struct ExportFlow {
    id: String,
}

impl ExportFlow {
    /// The flow `id`.
    pub fn new(id: impl Into<String>) -> Result<Self> {
        let id = id.into();
        check_id("id", &id)?;
        Ok(ExportFlow { id })
    }
}

#[derive(Serialize)]
struct IdBody<'a> {
    id: &'a str,
}

/// An exported flow.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ExportedFlow {
    /// The envelope.
    #[serde(flatten)]
    pub envelope: Envelope,
    /// The flow's JSON text (what [`ImportFlow`] takes).
    pub gal: String,
}

impl Operation for ExportFlow {
    type Config = Config;
    type Output = ExportedFlow;
    const NAME: &'static str = "geelark.export_flow";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        wire::build(
            ctx,
            "/open/v1/task/flow/export",
            to_body(&IdBody { id: &self.id })?,
        )
    }

    fn parse_unchecked(&self, response: &Response) -> Result<ExportedFlow> {
        #[derive(Deserialize)]
        struct Wire {
            #[serde(default)]
            gal: String,
        }
        let a = wire::parse::<Wire>(Self::NAME, response)?;
        Ok(ExportedFlow {
            envelope: Envelope::of(&a),
            gal: a.data.gal,
        })
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}
