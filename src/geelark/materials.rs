//! The material library (reference §3.9): files kept for tasks and phones.
//! A material is made from an uploaded file — a presigned URL from
//! `material/getUploadUrl`, the bytes PUT there ([`UploadTarget::put`]),
//! then `material/create` with the resource URL — found with
//! `material/search`, and labelled with material tags (`material/tag/*`,
//! a namespace apart from phone tags: colours are numbers here).

use serde::{Deserialize, Serialize};

use super::config::Config;
use super::files::{FileType, UploadTarget, parse_target};
use super::labels::TagColor;
use super::lifecycle::{LifecycleReport, parse_lifecycle};
use super::phone_tools::{PhoneResults, parse_results};
use super::shapes::{Envelope, WireFail, check_name, failures, filter_list, to_body};
use super::wire;
use crate::batch::ItemFailure;
use crate::error::{Result, invalid};
use crate::http::{Request, Response};
use crate::json::{null_default, opt_string_or_int};
use crate::op::{Context, Operation, unique_ids};

/// Largest page of `material/search` and `material/tag/search`.
pub const MAX_PAGE_SIZE: u32 = 200;
/// Most ids one delete, search or tag assignment takes.
pub const MAX_IDS: usize = 100;
/// Longest material file name, characters.
pub const MAX_FILE_NAME: usize = 200;
/// Longest material tag name, characters.
pub const MAX_TAG_NAME: usize = 30;
/// Most tags one material carries.
pub const MAX_TAGS: usize = 100;

/// Where a library material came from (`source`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum MaterialSource {
    /// 0: uploaded.
    Upload,
    /// 1: made by AI editing.
    AiEdit,
    /// 2: Baidu drive.
    BaiduDrive,
    /// 3: GhostCut.
    GhostCut,
    /// 4: Google Drive.
    GoogleDrive,
    /// 5: image to video.
    ImageToVideo,
}

impl MaterialSource {
    /// The wire code.
    pub fn code(self) -> u8 {
        match self {
            MaterialSource::Upload => 0,
            MaterialSource::AiEdit => 1,
            MaterialSource::BaiduDrive => 2,
            MaterialSource::GhostCut => 3,
            MaterialSource::GoogleDrive => 4,
            MaterialSource::ImageToVideo => 5,
        }
    }

    /// The source for a wire code.
    pub fn from_code(code: i64) -> Result<Self> {
        Ok(match code {
            0 => MaterialSource::Upload,
            1 => MaterialSource::AiEdit,
            2 => MaterialSource::BaiduDrive,
            3 => MaterialSource::GhostCut,
            4 => MaterialSource::GoogleDrive,
            5 => MaterialSource::ImageToVideo,
            _ => return Err(invalid("source", "0 to 5")),
        })
    }
}

/// A material's kind (`fileType`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum MaterialKind {
    /// 1: an image.
    Image,
    /// 2: a video.
    Video,
}

impl MaterialKind {
    fn code(self) -> u8 {
        match self {
            MaterialKind::Image => 1,
            MaterialKind::Video => 2,
        }
    }
}

/// Ask for a presigned URL to upload a library file:
/// `POST /open/v1/material/getUploadUrl` (the same file types and answer
/// as `upload/getUrl`; the file stays 30 days only when a material is made
/// from it promptly).
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "material/getUploadUrl")]
pub struct GetMaterialUploadUrl {
    file_type: FileType,
}

impl GetMaterialUploadUrl {
    /// For a file of `file_type` (one of
    /// [`FILE_TYPES`](super::files::FILE_TYPES), e.g. `mp4`).
    pub fn new(file_type: &str) -> Result<Self> {
        Ok(GetMaterialUploadUrl {
            file_type: FileType::parse(file_type)?,
        })
    }
}

impl Operation for GetMaterialUploadUrl {
    type Config = Config;
    type Output = UploadTarget;
    const NAME: &'static str = "geelark.get_material_upload_url";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        wire::build(
            ctx,
            "/open/v1/material/getUploadUrl",
            self.file_type.body()?,
        )
    }

    fn parse_unchecked(&self, response: &Response) -> Result<UploadTarget> {
        parse_target(Self::NAME, response)
    }

    /// Yes: each call hands out a fresh URL; nothing is stored yet.
    fn is_idempotent(&self) -> bool {
        true
    }
}

/// Make a library material from an uploaded file:
/// `POST /open/v1/material/create` (60001 the URL is not a material upload,
/// 60003/60004 size or format, 43022 a tag not found).
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "material/create")]
pub struct CreateMaterial {
    url: String,
    tag_ids: Vec<String>,
    file_name: Option<String>,
}

impl CreateMaterial {
    /// From `url`, the `resource_url` of a
    /// [`GetMaterialUploadUrl`] target the file was PUT to.
    pub fn new(url: impl Into<String>) -> Result<Self> {
        let url = url.into();
        crate::limits::check_text("url", &url, 2048)?;
        if !(url.starts_with("https://") || url.starts_with("http://")) {
            return Err(invalid("url", "an http(s) URL"));
        }
        Ok(CreateMaterial {
            url,
            tag_ids: Vec::new(),
            file_name: None,
        })
    }

    /// Label it with these material tags (at most [`MAX_TAGS`]).
    pub fn tags<I, S>(mut self, tag_ids: I) -> Result<Self>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.tag_ids = filter_list("tagsId", tag_ids, MAX_TAGS)?;
        Ok(self)
    }

    /// Its name in the library (at most [`MAX_FILE_NAME`] characters).
    pub fn file_name(mut self, name: impl Into<String>) -> Result<Self> {
        let name = name.into();
        check_name("fileName", &name, MAX_FILE_NAME)?;
        self.file_name = Some(name);
        Ok(self)
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CreateBody<'a> {
    url: &'a str,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    tags_id: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    file_name: Option<&'a str>,
}

/// What `material/create` made: the material's id, and the tags it could
/// not carry (the failure's id is the tag id: 43022 not found).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct MaterialCreated {
    /// The envelope.
    #[serde(flatten)]
    pub envelope: Envelope,
    /// The new material's id (absent when GeeLark made none).
    pub id: Option<String>,
    /// Tags refused.
    pub tag_failures: Vec<ItemFailure>,
}

impl Operation for CreateMaterial {
    type Config = Config;
    type Output = MaterialCreated;
    const NAME: &'static str = "geelark.create_material";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        let body = to_body(&CreateBody {
            url: &self.url,
            tags_id: &self.tag_ids,
            file_name: self.file_name.as_deref(),
        })?;
        wire::build(ctx, "/open/v1/material/create", body)
    }

    fn parse_unchecked(&self, response: &Response) -> Result<MaterialCreated> {
        #[derive(Deserialize)]
        #[serde(rename_all = "camelCase")]
        struct Wire {
            #[serde(default, deserialize_with = "opt_string_or_int")]
            id: Option<String>,
            #[serde(default, deserialize_with = "null_default")]
            fail_details: Vec<WireFail>,
        }
        let a = wire::parse::<Wire>(Self::NAME, response)?;
        Ok(MaterialCreated {
            envelope: Envelope::of(&a),
            id: a.data.id.filter(|id| !id.is_empty()),
            tag_failures: failures(a.data.fail_details),
        })
    }

    /// No: a retry after a lost answer makes a second material.
    fn is_idempotent(&self) -> bool {
        false
    }
}

#[derive(Serialize)]
struct IdsBody<'a> {
    ids: &'a [String],
}

/// Delete library materials: `POST /open/v1/material/del` (answered per
/// id; 60005 not found).
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "material/del")]
pub struct DeleteMaterials {
    ids: Vec<String>,
}

impl DeleteMaterials {
    /// 1 to [`MAX_IDS`] distinct material ids.
    pub fn new<I, S>(ids: I) -> Result<Self>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Ok(DeleteMaterials {
            ids: unique_ids("ids", ids, MAX_IDS)?,
        })
    }
}

impl Operation for DeleteMaterials {
    type Config = Config;
    type Output = LifecycleReport;
    const NAME: &'static str = "geelark.delete_materials";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        wire::build(
            ctx,
            "/open/v1/material/del",
            to_body(&IdsBody { ids: &self.ids })?,
        )
    }

    fn parse_unchecked(&self, response: &Response) -> Result<LifecycleReport> {
        parse_lifecycle(Self::NAME, &self.ids, response)
    }

    /// No: a retried delete answers 60005 for what the first one deleted.
    fn is_idempotent(&self) -> bool {
        false
    }
}

/// A material or analytics tag: its colour is a number there (phone tags
/// have colour names: [`Label`](super::labels::Label)).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ColorTag {
    /// Its id.
    #[serde(deserialize_with = "crate::json::string_or_int")]
    pub id: String,
    /// Its name.
    #[serde(default)]
    pub name: Option<String>,
    /// Its colour code as sent (0 white, 1 red, 2 blue, 3 green, 4 yellow,
    /// 5 purple).
    #[serde(default, deserialize_with = "super::shapes::opt_int")]
    pub color: Option<i64>,
}

/// A library material.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all(deserialize = "camelCase"))]
#[non_exhaustive]
pub struct Material {
    /// Its id.
    #[serde(deserialize_with = "crate::json::string_or_int")]
    pub id: String,
    /// When it was made (Unix seconds).
    #[serde(default, deserialize_with = "super::shapes::opt_int")]
    pub created_time: Option<i64>,
    /// Its name.
    #[serde(default)]
    pub file_name: Option<String>,
    /// Its size in bytes.
    #[serde(default, deserialize_with = "super::shapes::opt_count")]
    pub file_size: Option<u64>,
    /// Where it can be fetched (what task creators take).
    #[serde(default)]
    pub file_url: Option<String>,
    /// 1 image, 2 video.
    #[serde(default, deserialize_with = "super::shapes::opt_int")]
    pub file_type: Option<i64>,
    /// Width in pixels.
    #[serde(default, deserialize_with = "super::shapes::opt_count")]
    pub width: Option<u64>,
    /// Height in pixels.
    #[serde(default, deserialize_with = "super::shapes::opt_count")]
    pub height: Option<u64>,
    /// Where it came from (see [`MaterialSource::from_code`]).
    #[serde(default, deserialize_with = "super::shapes::opt_int")]
    pub source: Option<i64>,
    /// Its tags.
    #[serde(default, deserialize_with = "null_default")]
    pub tags: Vec<ColorTag>,
    /// Who made it.
    #[serde(default)]
    pub user_name: Option<String>,
}

/// One page of `material/search`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct MaterialList {
    /// The envelope.
    #[serde(flatten)]
    pub envelope: Envelope,
    /// `total` over all pages.
    pub total: Option<u64>,
    /// This page.
    pub materials: Vec<Material>,
}

/// One page of `material/tag/search` or `analytics/tags/list`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ColorTagList {
    /// The envelope.
    #[serde(flatten)]
    pub envelope: Envelope,
    /// `total` over all pages.
    pub total: Option<u64>,
    /// This page.
    pub tags: Vec<ColorTag>,
}

/// The reading of `{total, list: [{id, name, color}]}`.
pub(crate) fn parse_tags(name: &'static str, response: &Response) -> Result<ColorTagList> {
    let a = wire::parse::<WirePage<ColorTag>>(name, response)?;
    Ok(ColorTagList {
        envelope: Envelope::of(&a),
        total: a.data.total,
        tags: a.data.list,
    })
}

#[derive(Deserialize)]
#[serde(bound(deserialize = "T: Deserialize<'de>"))]
struct WirePage<T> {
    #[serde(default, deserialize_with = "super::shapes::opt_count")]
    total: Option<u64>,
    #[serde(default = "Vec::new", deserialize_with = "null_default")]
    list: Vec<T>,
}

/// Search the library, a page at a time: `POST /open/v1/material/search`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "material/search")]
pub struct SearchMaterials {
    page: u32,
    page_size: u32,
    file_name: Option<String>,
    tag_ids: Vec<String>,
    source: Option<u8>,
    file_types: Vec<u8>,
    ids: Vec<String>,
}

impl Default for SearchMaterials {
    fn default() -> Self {
        SearchMaterials::new()
    }
}

impl SearchMaterials {
    /// Page 1 of [`MAX_PAGE_SIZE`], no filter.
    pub fn new() -> Self {
        SearchMaterials {
            page: 1,
            page_size: MAX_PAGE_SIZE,
            file_name: None,
            tag_ids: Vec::new(),
            source: None,
            file_types: Vec::new(),
            ids: Vec::new(),
        }
    }

    /// Page `page` (from 1) of `page_size` (1 to [`MAX_PAGE_SIZE`]).
    pub fn page(mut self, page: u32, page_size: u32) -> Result<Self> {
        crate::page::check_page(page, page_size, MAX_PAGE_SIZE)?;
        (self.page, self.page_size) = (page, page_size);
        Ok(self)
    }

    /// Only materials whose name contains `name`.
    pub fn file_name(mut self, name: impl Into<String>) -> Result<Self> {
        let name = name.into();
        check_name("fileName", &name, MAX_FILE_NAME)?;
        self.file_name = Some(name);
        Ok(self)
    }

    /// Only materials with these tags.
    pub fn tags<I, S>(mut self, tag_ids: I) -> Result<Self>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.tag_ids = filter_list("tagIds", tag_ids, MAX_TAGS)?;
        Ok(self)
    }

    /// Only materials from `source`.
    pub fn source(mut self, source: MaterialSource) -> Self {
        self.source = Some(source.code());
        self
    }

    /// Only images, only videos, or both.
    pub fn kinds(mut self, kinds: &[MaterialKind]) -> Self {
        self.file_types = kinds.iter().map(|k| k.code()).collect();
        self.file_types.sort_unstable();
        self.file_types.dedup();
        self
    }

    /// Only these materials (at most [`MAX_IDS`]).
    pub fn ids<I, S>(mut self, ids: I) -> Result<Self>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.ids = filter_list("ids", ids, MAX_IDS)?;
        Ok(self)
    }
}

/// The tag filter goes out under both names GeeLark's sources give it
/// (`tagsId` in the reference table, `tagIds` in its example and CLI —
/// reference §7.7): the server reads the one it knows and ignores the
/// other.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SearchBody<'a> {
    page: u32,
    page_size: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    file_name: Option<&'a str>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    tag_ids: &'a [String],
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    tags_id: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<u8>,
    #[serde(skip_serializing_if = "<[u8]>::is_empty")]
    file_type: &'a [u8],
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    ids: &'a [String],
}

impl Operation for SearchMaterials {
    type Config = Config;
    type Output = MaterialList;
    const NAME: &'static str = "geelark.search_materials";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        let body = to_body(&SearchBody {
            page: self.page,
            page_size: self.page_size,
            file_name: self.file_name.as_deref(),
            tag_ids: &self.tag_ids,
            tags_id: &self.tag_ids,
            source: self.source,
            file_type: &self.file_types,
            ids: &self.ids,
        })?;
        wire::build(ctx, "/open/v1/material/search", body)
    }

    fn parse_unchecked(&self, response: &Response) -> Result<MaterialList> {
        let a = wire::parse::<WirePage<Material>>(Self::NAME, response)?;
        Ok(MaterialList {
            envelope: Envelope::of(&a),
            total: a.data.total,
            materials: a.data.list,
        })
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}

page_number_pager!(SearchMaterials, materials, |m| Some(&m.id));

/// Make a material tag: `POST /open/v1/material/tag/create` (60002: the
/// name exists).
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "material/tag/create")]
pub struct CreateMaterialTag {
    name: String,
    color: TagColor,
}

impl CreateMaterialTag {
    /// A tag named `name` (at most [`MAX_TAG_NAME`] characters).
    pub fn new(name: impl Into<String>, color: TagColor) -> Result<Self> {
        let name = name.into();
        check_name("name", &name, MAX_TAG_NAME)?;
        Ok(CreateMaterialTag { name, color })
    }
}

#[derive(Serialize)]
struct TagBody<'a> {
    name: &'a str,
    color: u8,
}

impl Operation for CreateMaterialTag {
    type Config = Config;
    type Output = super::team::Created;
    const NAME: &'static str = "geelark.create_material_tag";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        let body = to_body(&TagBody {
            name: &self.name,
            color: self.color.code(),
        })?;
        wire::build(ctx, "/open/v1/material/tag/create", body)
    }

    fn parse_unchecked(&self, response: &Response) -> Result<super::team::Created> {
        super::team::parse_created(Self::NAME, response)
    }

    /// Yes: a name that exists is refused (60002), never made twice.
    fn is_idempotent(&self) -> bool {
        true
    }
}

/// Delete material tags: `POST /open/v1/material/tag/del` (answered per id;
/// 43022 not found).
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "material/tag/del")]
pub struct DeleteMaterialTags {
    ids: Vec<String>,
}

impl DeleteMaterialTags {
    /// 1 to [`MAX_IDS`] distinct tag ids.
    pub fn new<I, S>(ids: I) -> Result<Self>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Ok(DeleteMaterialTags {
            ids: unique_ids("ids", ids, MAX_IDS)?,
        })
    }
}

impl Operation for DeleteMaterialTags {
    type Config = Config;
    type Output = LifecycleReport;
    const NAME: &'static str = "geelark.delete_material_tags";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        wire::build(
            ctx,
            "/open/v1/material/tag/del",
            to_body(&IdsBody { ids: &self.ids })?,
        )
    }

    fn parse_unchecked(&self, response: &Response) -> Result<LifecycleReport> {
        parse_lifecycle(Self::NAME, &self.ids, response)
    }

    /// No: a retry answers 43022 for what the first one deleted.
    fn is_idempotent(&self) -> bool {
        false
    }
}

/// List material tags, a page at a time:
/// `POST /open/v1/material/tag/search`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[doc(alias = "material/tag/search")]
pub struct SearchMaterialTags {
    page: u32,
    page_size: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
}

impl Default for SearchMaterialTags {
    fn default() -> Self {
        SearchMaterialTags::new()
    }
}

impl SearchMaterialTags {
    /// Page 1 of [`MAX_PAGE_SIZE`], every tag.
    pub fn new() -> Self {
        SearchMaterialTags {
            page: 1,
            page_size: MAX_PAGE_SIZE,
            name: None,
        }
    }

    /// Page `page` (from 1) of `page_size` (1 to [`MAX_PAGE_SIZE`]).
    pub fn page(mut self, page: u32, page_size: u32) -> Result<Self> {
        crate::page::check_page(page, page_size, MAX_PAGE_SIZE)?;
        (self.page, self.page_size) = (page, page_size);
        Ok(self)
    }

    /// Only tags whose name contains `name`.
    pub fn name(mut self, name: impl Into<String>) -> Result<Self> {
        let name = name.into();
        check_name("name", &name, MAX_TAG_NAME)?;
        self.name = Some(name);
        Ok(self)
    }
}

impl Operation for SearchMaterialTags {
    type Config = Config;
    type Output = ColorTagList;
    const NAME: &'static str = "geelark.search_material_tags";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        wire::build(ctx, "/open/v1/material/tag/search", to_body(self)?)
    }

    fn parse_unchecked(&self, response: &Response) -> Result<ColorTagList> {
        parse_tags(Self::NAME, response)
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}

page_number_pager!(SearchMaterialTags, tags, |t| Some(&t.id));

/// Replace the tags of materials: `POST /open/v1/material/tag/set` (every
/// listed material ends with exactly these tags; none clears them).
/// Answered with `failDetails` only when something failed: 60005 names a
/// material, 43022 a tag. A material no failure names is counted as
/// tagged only when every failure names a requested material — a failed
/// tag means the materials' tags are not what was asked, so then none is
/// counted.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "material/tag/set")]
pub struct SetMaterialTags {
    material_ids: Vec<String>,
    tag_ids: Vec<String>,
}

impl SetMaterialTags {
    /// Give the materials `material_ids` (1 to [`MAX_IDS`]) exactly the
    /// tags `tag_ids` (at most [`MAX_TAGS`]; empty removes all).
    pub fn new<I, S, J, T>(material_ids: I, tag_ids: J) -> Result<Self>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
        J: IntoIterator<Item = T>,
        T: Into<String>,
    {
        Ok(SetMaterialTags {
            material_ids: unique_ids("materialsId", material_ids, MAX_IDS)?,
            tag_ids: filter_list("tagsId", tag_ids, MAX_TAGS)?,
        })
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SetBody<'a> {
    materials_id: &'a [String],
    tags_id: &'a [String],
}

impl Operation for SetMaterialTags {
    type Config = Config;
    type Output = PhoneResults;
    const NAME: &'static str = "geelark.set_material_tags";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        let body = to_body(&SetBody {
            materials_id: &self.material_ids,
            tags_id: &self.tag_ids,
        })?;
        wire::build(ctx, "/open/v1/material/tag/set", body)
    }

    fn parse_unchecked(&self, response: &Response) -> Result<PhoneResults> {
        let mut r = parse_results(Self::NAME, &self.material_ids, response)?;
        if r.failures
            .iter()
            .any(|f| !self.material_ids.contains(&f.id))
        {
            r.succeeded.clear();
        }
        Ok(r)
    }

    /// Yes: it sets the tags outright; a repeat leaves the same tags.
    fn is_idempotent(&self) -> bool {
        true
    }
}
