//! Xposed patches on a phone (reference §3.13; Chinese docs only; Android
//! 12, 13, 15; 53001 on other models): install one from an APK URL (a
//! task), ask how an install stands (by task, or by patch and phone), list
//! a phone's patches, uninstall one. And the OEM white label
//! (`phone/customization`, §3.10): the remote view's title, logo, mirror
//! URL and toolbar.

use serde::{Deserialize, Serialize};

use super::apps::{Accepted, parse_accepted};
use super::config::Config;
use super::files::FileTask;
use super::shapes::{Envelope, opt_int, to_body};
use super::wire;
use crate::error::{Result, invalid};
use crate::http::{Request, Response};
use crate::json::{null_default, opt_string_or_int};
use crate::op::{Context, Operation, check_id};

fn check_url(field: &'static str, url: &str, max: usize) -> Result<()> {
    crate::limits::check_text(field, url, max)?;
    if !(url.starts_with("https://") || url.starts_with("http://")) || url.contains(' ') {
        return Err(invalid(field, "must be an http(s) URL"));
    }
    Ok(())
}

/// Install an Xposed patch (an APK's URL) on a phone:
/// `POST /open/v1/phone/patch/install`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "phone/patch/install")]
pub struct InstallPatch {
    id: String,
    apk_url: String,
}

impl InstallPatch {
    /// The patch at `apk_url` onto the phone `id`.
    pub fn new(id: impl Into<String>, apk_url: impl Into<String>) -> Result<Self> {
        let (id, apk_url) = (id.into(), apk_url.into());
        check_id("id", &id)?;
        check_url("apkURL", &apk_url, 2048)?;
        Ok(InstallPatch { id, apk_url })
    }
}

#[derive(Serialize)]
struct InstallBody<'a> {
    #[serde(rename = "apkURL")]
    apk_url: &'a str,
    id: &'a str,
}

impl Operation for InstallPatch {
    type Config = Config;
    type Output = FileTask;
    const NAME: &'static str = "geelark.install_patch";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        let body = to_body(&InstallBody {
            apk_url: &self.apk_url,
            id: &self.id,
        })?;
        wire::build(ctx, "/open/v1/phone/patch/install", body)
    }

    fn parse_unchecked(&self, response: &Response) -> Result<FileTask> {
        let t = super::rpa::parse_created(Self::NAME, response)?;
        Ok(FileTask {
            envelope: t.envelope,
            task_id: t.task_id,
        })
    }

    /// No: each call installs again.
    fn is_idempotent(&self) -> bool {
        false
    }
}

/// Which install [`GetPatchStatus`] asks about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PatchInstall {
    /// The task [`InstallPatch`] gave (`type` 2).
    Task(String),
    /// The patch `patch_id` on the phone `id` (`type` 1).
    Patch {
        /// The patch.
        patch_id: String,
        /// The phone.
        id: String,
    },
}

/// How a patch install stands (0 installing, 1 done, 2 failed; 42007: no
/// such task): `POST /open/v1/phone/patch/install/status`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "phone/patch/install/status")]
pub struct GetPatchStatus {
    of: PatchInstall,
}

impl GetPatchStatus {
    /// The install `of`.
    pub fn new(of: PatchInstall) -> Result<Self> {
        match &of {
            PatchInstall::Task(t) => check_id("taskId", t)?,
            PatchInstall::Patch { patch_id, id } => {
                check_id("patchId", patch_id)?;
                check_id("id", id)?;
            }
        }
        Ok(GetPatchStatus { of })
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct StatusBody<'a> {
    #[serde(rename = "type")]
    kind: u8,
    #[serde(skip_serializing_if = "Option::is_none")]
    task_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    patch_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a str>,
}

impl Operation for GetPatchStatus {
    type Config = Config;
    type Output = super::files::UploadResult;
    const NAME: &'static str = "geelark.get_patch_status";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        let body = match &self.of {
            PatchInstall::Task(t) => StatusBody {
                kind: 2,
                task_id: Some(t),
                patch_id: None,
                id: None,
            },
            PatchInstall::Patch { patch_id, id } => StatusBody {
                kind: 1,
                task_id: None,
                patch_id: Some(patch_id),
                id: Some(id),
            },
        };
        wire::build(ctx, "/open/v1/phone/patch/install/status", to_body(&body)?)
    }

    fn parse_unchecked(&self, response: &Response) -> Result<super::files::UploadResult> {
        #[derive(Deserialize)]
        struct Wire {
            #[serde(default, deserialize_with = "opt_int")]
            status: Option<i64>,
        }
        use super::files::UploadState as S;
        let a = wire::parse::<Wire>(Self::NAME, response)?;
        let raw = a.data.status;
        Ok(super::files::UploadResult {
            envelope: Envelope::of(&a),
            state: match raw {
                Some(0) => S::InProgress,
                Some(1) => S::Succeeded,
                Some(2) => S::Failed,
                Some(n) => S::Unknown(n),
                None => S::Unknown(-1),
            },
            raw_status: raw,
        })
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}

/// A patch on a phone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Patch {
    /// The patch id.
    #[serde(deserialize_with = "crate::json::string_or_int")]
    pub id: String,
    /// Its version.
    #[serde(default, deserialize_with = "opt_string_or_int")]
    pub version: Option<String>,
    /// Its description.
    #[serde(default)]
    pub description: Option<String>,
    /// Who installed it.
    #[serde(default)]
    pub owner: Option<String>,
}

/// A phone's patches.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct PatchList {
    /// The envelope.
    #[serde(flatten)]
    pub envelope: Envelope,
    /// The patches.
    pub patches: Vec<Patch>,
}

#[derive(Serialize)]
struct IdBody<'a> {
    id: &'a str,
}

/// A phone's patches: `POST /open/v1/phone/patch/list`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "phone/patch/list")]
pub struct ListPatches {
    id: String,
}

impl ListPatches {
    /// The patches of the phone `id`.
    pub fn new(id: impl Into<String>) -> Result<Self> {
        let id = id.into();
        check_id("id", &id)?;
        Ok(ListPatches { id })
    }
}

impl Operation for ListPatches {
    type Config = Config;
    type Output = PatchList;
    const NAME: &'static str = "geelark.list_patches";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        wire::build(
            ctx,
            "/open/v1/phone/patch/list",
            to_body(&IdBody { id: &self.id })?,
        )
    }

    fn parse_unchecked(&self, response: &Response) -> Result<PatchList> {
        #[derive(Deserialize)]
        struct Wire {
            #[serde(default, deserialize_with = "null_default")]
            list: Vec<Patch>,
        }
        let a = wire::parse::<Wire>(Self::NAME, response)?;
        Ok(PatchList {
            envelope: Envelope::of(&a),
            patches: a.data.list,
        })
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}

/// Uninstall a patch from a phone: `POST /open/v1/phone/patch/uninstall`
/// (`status` 1 done, 0 failed).
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "phone/patch/uninstall")]
pub struct UninstallPatch {
    id: String,
    patch_id: String,
}

impl UninstallPatch {
    /// The patch `patch_id` from the phone `id`.
    pub fn new(id: impl Into<String>, patch_id: impl Into<String>) -> Result<Self> {
        let (id, patch_id) = (id.into(), patch_id.into());
        check_id("id", &id)?;
        check_id("patchId", &patch_id)?;
        Ok(UninstallPatch { id, patch_id })
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct UninstallBody<'a> {
    patch_id: &'a str,
    id: &'a str,
}

/// Whether an uninstall worked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct PatchRemoved {
    /// The envelope.
    #[serde(flatten)]
    pub envelope: Envelope,
    /// `status` 1.
    pub ok: bool,
}

impl Operation for UninstallPatch {
    type Config = Config;
    type Output = PatchRemoved;
    const NAME: &'static str = "geelark.uninstall_patch";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        let body = to_body(&UninstallBody {
            patch_id: &self.patch_id,
            id: &self.id,
        })?;
        wire::build(ctx, "/open/v1/phone/patch/uninstall", body)
    }

    fn parse_unchecked(&self, response: &Response) -> Result<PatchRemoved> {
        #[derive(Deserialize)]
        struct Wire {
            #[serde(default, deserialize_with = "opt_int")]
            status: Option<i64>,
        }
        let a = wire::parse::<Wire>(Self::NAME, response)?;
        Ok(PatchRemoved {
            envelope: Envelope::of(&a),
            ok: a.data.status == Some(1),
        })
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}

/// The toolbar items the white label can hide.
pub const TOOLBAR_ITEMS: [&str; 17] = [
    "networkQuality",
    "rotate",
    "screenshot",
    "upload",
    "library",
    "volumeUp",
    "volumeDown",
    "speedUp",
    "detection",
    "quality",
    "restart",
    "apk",
    "qcode",
    "export",
    "timing",
    "liveStreaming",
    "clear",
];

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
struct ToolBar {
    tool_bar: &'static str,
    visible: bool,
}

/// The white label of the remote view (the plan must include at least 50
/// profiles; 40015 otherwise): `POST /open/v1/phone/customization`. Fields
/// left unset stay as they are.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[doc(alias = "phone/customization")]
pub struct Customize {
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    logo: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    hide_header: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    mirror_url: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tool_bar_settings: Vec<ToolBar>,
}

impl Customize {
    /// Nothing changed yet.
    pub fn new() -> Self {
        Customize::default()
    }

    /// The title (≤ 64 bytes).
    pub fn title(mut self, title: impl Into<String>) -> Result<Self> {
        let t = title.into();
        crate::limits::check_text("title", &t, 64)?;
        self.title = Some(t);
        Ok(self)
    }

    /// The logo's URL (≤ 255 bytes).
    pub fn logo(mut self, url: impl Into<String>) -> Result<Self> {
        let u = url.into();
        check_url("logo", &u, 255)?;
        self.logo = Some(u);
        Ok(self)
    }

    /// Hide the header or show it.
    pub fn hide_header(mut self, hide: bool) -> Self {
        self.hide_header = Some(hide);
        self
    }

    /// The mirror URL (≤ 255 bytes).
    pub fn mirror_url(mut self, url: impl Into<String>) -> Result<Self> {
        let u = url.into();
        check_url("mirrorUrl", &u, 255)?;
        self.mirror_url = Some(u);
        Ok(self)
    }

    /// Show or hide a toolbar item (one of [`TOOLBAR_ITEMS`]).
    pub fn tool_bar(mut self, item: &str, visible: bool) -> Result<Self> {
        let tool_bar = TOOLBAR_ITEMS
            .iter()
            .find(|t| **t == item)
            .ok_or_else(|| invalid("toolBar", format!("one of {}", TOOLBAR_ITEMS.join(", "))))?;
        self.tool_bar_settings.retain(|t| t.tool_bar != *tool_bar);
        self.tool_bar_settings.push(ToolBar { tool_bar, visible });
        Ok(self)
    }
}

impl Operation for Customize {
    type Config = Config;
    type Output = Accepted;
    const NAME: &'static str = "geelark.customize";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        wire::build(ctx, "/open/v1/phone/customization", to_body(self)?)
    }

    fn parse_unchecked(&self, response: &Response) -> Result<Accepted> {
        parse_accepted(Self::NAME, response)
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}
