//! What servers share with their phones: shared apps (pushed from OBS,
//! deleted, listed from the two-hourly snapshot), shared files (pushed,
//! deleted, listed — a listing answers with jobs), and SFS Turbo file
//! systems (attached, detached). Every change is a job per server.

use serde::{Deserialize, Serialize};

use super::config::Config;
use super::images::PageInfo;
use super::jobs::{JobsReport, parse_jobs_started};
use super::listing::MarkerListing;
use super::phone_data::ObsObject;
use super::wire;
use crate::error::{Result, invalid};
use crate::http::{Method, Request, Response};
use crate::json::null_default;
use crate::limits::check_len;
use crate::op::{Context, Operation, check_path_segment, unique_ids};
use crate::page::Pager;

/// Most servers a shared-app push or a file-system attach takes.
pub const MAX_SERVERS: usize = 20;
/// Most servers the other calls of this module take (our chunk; none is
/// documented).
pub const MAX_IDS: usize = 100;
/// Largest `limit` of the shared-app snapshot.
pub const MAX_SNAPSHOT_LIMIT: u32 = 500;
/// Largest `limit` of a shared-file listing.
pub const MAX_FILES_LIMIT: u32 = 50;

fn send(
    ctx: &Context<'_, Config>,
    method: Method,
    rest: &str,
    body: &impl Serialize,
) -> Result<Request> {
    let body = serde_json::to_vec(body).map_err(|e| invalid("body", e.to_string()))?;
    let path = wire::project_path(ctx.config, "v1", rest);
    wire::build(ctx, method, path, Vec::new(), Some(body))
}

/// Checks an Android package name: at most 128 bytes of letters, digits,
/// `_` and `.`, with a dot, not starting with a digit or `_`, not ending
/// with `.`.
fn check_package(name: &str) -> Result<()> {
    let ok = name.len() <= 128
        && name.contains('.')
        && !name.ends_with('.')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
        && name
            .chars()
            .next()
            .is_some_and(|c| !c.is_ascii_digit() && c != '_');
    if !ok {
        return Err(invalid(
            "package_name",
            "a package name: letters, digits, '_' and '.', with a dot, not starting with a digit or '_'",
        ));
    }
    Ok(())
}

/// Checks a shared path: absolute, at most 4,096 bytes of letters, digits,
/// `. / - _ =` and spaces, no `..`.
fn check_file_path(path: &str) -> Result<()> {
    let ok = path.starts_with('/')
        && path.len() <= 4096
        && !path.contains("..")
        && path
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "./-_= ".contains(c));
    if !ok {
        return Err(invalid(
            "file_paths",
            "absolute paths of letters, digits, . / - _ = and spaces, no ..",
        ));
    }
    Ok(())
}

/// Push a shared app (a tar in OBS) to servers:
/// `POST /v1/{project_id}/cloud-phone/phones/share-apps`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "push_share_apps")]
pub struct PushShareApps {
    package_name: String,
    preinstall: bool,
    from: ObsObject,
    server_ids: Vec<String>,
}

impl PushShareApps {
    /// Push `package_name` from the tar `from` to 1 to [`MAX_SERVERS`]
    /// servers; `preinstall` installs it on their phones too.
    pub fn new<I, S>(
        package_name: impl Into<String>,
        from: ObsObject,
        preinstall: bool,
        server_ids: I,
    ) -> Result<Self>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let package_name = package_name.into();
        check_package(&package_name)?;
        Ok(PushShareApps {
            package_name,
            preinstall,
            from,
            server_ids: unique_ids("server_ids", server_ids, MAX_SERVERS)?,
        })
    }
}

#[derive(Serialize)]
struct PushAppBody<'a> {
    package_name: &'a str,
    pre_install_app: u8,
    bucket_name: &'a str,
    object_path: &'a str,
    server_ids: &'a [String],
}

impl Operation for PushShareApps {
    type Config = Config;
    type Output = JobsReport;
    const NAME: &'static str = "huawei.push_share_apps";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        let (bucket_name, object_path) = self.from.parts();
        send(
            ctx,
            Method::Post,
            "cloud-phone/phones/share-apps",
            &PushAppBody {
                package_name: &self.package_name,
                pre_install_app: u8::from(self.preinstall),
                bucket_name,
                object_path,
                server_ids: &self.server_ids,
            },
        )
    }

    fn parse_unchecked(&self, response: &Response) -> Result<JobsReport> {
        parse_jobs_started(Self::NAME, response)
    }

    fn is_idempotent(&self) -> bool {
        false
    }
}

/// Delete a shared app from servers (a DELETE with a JSON body):
/// `DELETE /v1/{project_id}/cloud-phone/phones/share-apps`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "delete_share_apps")]
pub struct DeleteShareApps {
    package_name: String,
    server_ids: Vec<String>,
}

impl DeleteShareApps {
    /// Delete `package_name` from 1 to [`MAX_IDS`] servers.
    pub fn new<I, S>(package_name: impl Into<String>, server_ids: I) -> Result<Self>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let package_name = package_name.into();
        check_package(&package_name)?;
        Ok(DeleteShareApps {
            package_name,
            server_ids: unique_ids("server_ids", server_ids, MAX_IDS)?,
        })
    }
}

#[derive(Serialize)]
struct DeleteAppBody<'a> {
    package_name: &'a str,
    server_ids: &'a [String],
}

impl Operation for DeleteShareApps {
    type Config = Config;
    type Output = JobsReport;
    const NAME: &'static str = "huawei.delete_share_apps";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        send(
            ctx,
            Method::Delete,
            "cloud-phone/phones/share-apps",
            &DeleteAppBody {
                package_name: &self.package_name,
                server_ids: &self.server_ids,
            },
        )
    }

    fn parse_unchecked(&self, response: &Response) -> Result<JobsReport> {
        parse_jobs_started(Self::NAME, response)
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}

/// The shared apps a server holds, from the snapshot taken every two hours:
/// `GET /v1/{project_id}/servers/{server_id}/share-apps-snapshot` (marker paging).
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "ListShareAppsSnapshot", alias = "list_share_apps_snapshot")]
pub struct ListShareApps {
    server_id: String,
    listing: MarkerListing,
}

impl ListShareApps {
    /// The first page (up to 100) of `server_id`'s shared apps.
    pub fn new(server_id: impl Into<String>) -> Result<Self> {
        let server_id = server_id.into();
        check_path_segment("server_id", &server_id)?;
        Ok(ListShareApps {
            server_id,
            listing: MarkerListing::new(100, MAX_SNAPSHOT_LIMIT),
        })
    }

    /// Only this package.
    pub fn package(mut self, package_name: impl Into<String>) -> Result<Self> {
        let p = package_name.into();
        check_package(&p)?;
        self.listing.add_filter("package_name", p)?;
        Ok(self)
    }

    /// Apps per page (1 to 500).
    pub fn limit(mut self, limit: u32) -> Result<Self> {
        self.listing.set_limit(limit)?;
        Ok(self)
    }
}

/// A shared app and its versions on the server.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct ShareApp {
    /// The package name.
    pub package_name: String,
    /// Its versions.
    #[serde(default, deserialize_with = "null_default")]
    pub versions: Vec<String>,
}

/// One page of a server's shared-app snapshot.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct ShareAppList {
    /// The request id.
    #[serde(default)]
    pub request_id: Option<String>,
    /// When the snapshot was taken.
    #[serde(default)]
    pub collect_time: Option<String>,
    /// The apps.
    #[serde(default, deserialize_with = "null_default")]
    pub share_apps: Vec<ShareApp>,
    /// Where the next page starts.
    #[serde(default, deserialize_with = "null_default")]
    pub page_info: PageInfo,
}

impl Operation for ListShareApps {
    type Config = Config;
    type Output = ShareAppList;
    const NAME: &'static str = "huawei.list_share_apps";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        let rest = format!("servers/{}/share-apps-snapshot", self.server_id);
        self.listing.build(ctx, &rest)
    }

    fn parse_unchecked(&self, response: &Response) -> Result<ShareAppList> {
        wire::parse_json(Self::NAME, response)
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}

impl Pager for ListShareApps {
    fn next_page(&self, last: &ShareAppList) -> Option<Self> {
        Some(ListShareApps {
            listing: self.listing.next(&last.page_info)?,
            server_id: self.server_id.clone(),
        })
    }

    fn item_ids(page: &ShareAppList, each: &mut dyn FnMut(Option<&str>)) {
        page.share_apps
            .iter()
            .for_each(|a| each(Some(&a.package_name)));
    }
}

/// Push files (a tar in OBS, for /data and /cache) to servers' shared
/// storage: `POST /v1/{project_id}/cloud-phone/phones/share-files`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "push_share_files")]
pub struct PushShareFiles {
    from: ObsObject,
    server_ids: Vec<String>,
}

impl PushShareFiles {
    /// Push the tar `from` to 1 to [`MAX_IDS`] servers.
    pub fn new<I, S>(from: ObsObject, server_ids: I) -> Result<Self>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Ok(PushShareFiles {
            from,
            server_ids: unique_ids("server_ids", server_ids, MAX_IDS)?,
        })
    }
}

#[derive(Serialize)]
struct PushFilesBody<'a> {
    bucket_name: &'a str,
    object_path: &'a str,
    server_ids: &'a [String],
}

impl Operation for PushShareFiles {
    type Config = Config;
    type Output = JobsReport;
    const NAME: &'static str = "huawei.push_share_files";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        let (bucket_name, object_path) = self.from.parts();
        send(
            ctx,
            Method::Post,
            "cloud-phone/phones/share-files",
            &PushFilesBody {
                bucket_name,
                object_path,
                server_ids: &self.server_ids,
            },
        )
    }

    fn parse_unchecked(&self, response: &Response) -> Result<JobsReport> {
        parse_jobs_started(Self::NAME, response)
    }

    fn is_idempotent(&self) -> bool {
        false
    }
}

/// Delete files from servers' shared storage (the same method and path as
/// the push; the body tells them apart):
/// `POST /v1/{project_id}/cloud-phone/phones/share-files`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "delete_share_files")]
pub struct DeleteShareFiles {
    file_paths: Vec<String>,
    server_ids: Vec<String>,
}

impl DeleteShareFiles {
    /// Delete `file_paths` (absolute) from 1 to [`MAX_IDS`] servers.
    pub fn new<P, PS, I, S>(file_paths: P, server_ids: I) -> Result<Self>
    where
        P: IntoIterator<Item = PS>,
        PS: Into<String>,
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let file_paths: Vec<String> = file_paths.into_iter().map(Into::into).collect();
        if file_paths.is_empty() {
            return Err(invalid("file_paths", "name at least one path"));
        }
        for p in &file_paths {
            check_file_path(p)?;
        }
        Ok(DeleteShareFiles {
            file_paths,
            server_ids: unique_ids("server_ids", server_ids, MAX_IDS)?,
        })
    }
}

#[derive(Serialize)]
struct DeleteFilesBody<'a> {
    server_ids: &'a [String],
    file_paths: &'a [String],
}

impl Operation for DeleteShareFiles {
    type Config = Config;
    type Output = JobsReport;
    const NAME: &'static str = "huawei.delete_share_files";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        send(
            ctx,
            Method::Post,
            "cloud-phone/phones/share-files",
            &DeleteFilesBody {
                server_ids: &self.server_ids,
                file_paths: &self.file_paths,
            },
        )
    }

    fn parse_unchecked(&self, response: &Response) -> Result<JobsReport> {
        parse_jobs_started(Self::NAME, response)
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}

/// List a directory of servers' shared storage:
/// `GET /v1/{project_id}/cloud-phone/servers/share-files`. The API answers
/// with a job per server, not a file list; the listing is in the job's
/// `execute_msg` once it finished (inferred from the models: the reference
/// does not say).
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "list_share_files")]
pub struct ListShareFiles {
    server_ids: Vec<String>,
    path: String,
    offset: u32,
    limit: u32,
}

impl ListShareFiles {
    /// List `path` (absolute, not `/` alone, no `../` or `//`) on 1 to
    /// [`MAX_IDS`] servers.
    pub fn new<I, S>(path: impl Into<String>, server_ids: I) -> Result<Self>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let path = path.into();
        check_file_path(&path)?;
        if path == "/" || path.contains("//") {
            return Err(invalid("path", "not / alone, no //"));
        }
        let server_ids = unique_ids("server_ids", server_ids, MAX_IDS)?;
        if server_ids.iter().any(|s| s.contains(',')) {
            return Err(invalid("server_ids", "a server id has a comma"));
        }
        Ok(ListShareFiles {
            server_ids,
            path,
            offset: 0,
            limit: MAX_FILES_LIMIT,
        })
    }

    /// Sets the page (offset ≥ 0, limit 1 to 50).
    pub fn page(mut self, offset: u32, limit: u32) -> Result<Self> {
        if !(1..=MAX_FILES_LIMIT).contains(&limit) {
            return Err(invalid("limit", "must be from 1 to 50"));
        }
        self.offset = offset;
        self.limit = limit;
        Ok(self)
    }
}

impl Operation for ListShareFiles {
    type Config = Config;
    type Output = JobsReport;
    const NAME: &'static str = "huawei.list_share_files";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        let q = vec![
            ("server_ids".to_owned(), self.server_ids.join(",")),
            ("path".to_owned(), self.path.clone()),
            ("offset".to_owned(), self.offset.to_string()),
            ("limit".to_owned(), self.limit.to_string()),
        ];
        let path = wire::project_path(ctx.config, "v1", "cloud-phone/servers/share-files");
        wire::build(ctx, Method::Get, path, q, None)
    }

    fn parse_unchecked(&self, response: &Response) -> Result<JobsReport> {
        parse_jobs_started(Self::NAME, response)
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}

/// Attach (`true`) or detach an SFS Turbo file system.
fn filesystem_body<'a>(
    id: &'a str,
    server_ids: &'a [String],
    path: Option<&'a str>,
) -> FilesystemBody<'a> {
    FilesystemBody {
        fs_type: "sfs_turbo",
        id,
        server_ids,
        path,
    }
}

#[derive(Serialize)]
struct FilesystemBody<'a> {
    #[serde(rename = "type")]
    fs_type: &'static str,
    id: &'a str,
    server_ids: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<&'a str>,
}

/// Mount an SFS Turbo file system on servers:
/// `POST /v1/{project_id}/servers/attach-share-filesystem`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "AttachShareFilesystem", alias = "attach_share_filesystem")]
pub struct AttachFilesystem {
    id: String,
    server_ids: Vec<String>,
    path: Option<String>,
}

impl AttachFilesystem {
    /// Mount file system `id` on 1 to [`MAX_SERVERS`] servers (its root).
    pub fn new<I, S>(id: impl Into<String>, server_ids: I) -> Result<Self>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let id = id.into();
        check_path_segment("id", &id)?;
        check_len("id", &id, 64)?;
        Ok(AttachFilesystem {
            id,
            server_ids: unique_ids("server_ids", server_ids, MAX_SERVERS)?,
            path: None,
        })
    }

    /// Mount this sub-directory instead of the root.
    pub fn path(mut self, path: impl Into<String>) -> Result<Self> {
        let path = path.into();
        check_file_path(&path)?;
        self.path = Some(path);
        Ok(self)
    }
}

impl Operation for AttachFilesystem {
    type Config = Config;
    type Output = JobsReport;
    const NAME: &'static str = "huawei.attach_filesystem";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        let body = filesystem_body(&self.id, &self.server_ids, self.path.as_deref());
        send(ctx, Method::Post, "servers/attach-share-filesystem", &body)
    }

    fn parse_unchecked(&self, response: &Response) -> Result<JobsReport> {
        parse_jobs_started(Self::NAME, response)
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}

/// Unmount an SFS Turbo file system from servers:
/// `POST /v1/{project_id}/servers/detach-share-filesystem`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "DetachShareFilesystem", alias = "detach_share_filesystem")]
pub struct DetachFilesystem {
    id: String,
    server_ids: Vec<String>,
}

impl DetachFilesystem {
    /// Unmount file system `id` from 1 to [`MAX_SERVERS`] servers.
    pub fn new<I, S>(id: impl Into<String>, server_ids: I) -> Result<Self>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let id = id.into();
        check_path_segment("id", &id)?;
        check_len("id", &id, 64)?;
        Ok(DetachFilesystem {
            id,
            server_ids: unique_ids("server_ids", server_ids, MAX_SERVERS)?,
        })
    }
}

impl Operation for DetachFilesystem {
    type Config = Config;
    type Output = JobsReport;
    const NAME: &'static str = "huawei.detach_filesystem";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        let body = filesystem_body(&self.id, &self.server_ids, None);
        send(ctx, Method::Post, "servers/detach-share-filesystem", &body)
    }

    fn parse_unchecked(&self, response: &Response) -> Result<JobsReport> {
        parse_jobs_started(Self::NAME, response)
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}
