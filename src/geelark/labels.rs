//! Groups and tags (reference §3.2): the two ways GeeLark labels phones,
//! with the same four calls each — list (paged, by ids, names and remarks
//! or colors; a filter value that matches nothing is reported per value),
//! add (answered per name), update and delete (answered per id).
//!
//! Both are [`Label`]s: a group has a remark, a tag a colour.

use serde::{Deserialize, Serialize};

use super::config::Config;
use super::lifecycle::{LifecycleReport, parse_lifecycle};
use super::shapes::{Envelope, to_body};
use super::wire;
use crate::batch::ItemFailure;
use crate::error::{Result, invalid};
use crate::http::{Request, Response};
use crate::json::{null_default, opt_string_or_int};
use crate::op::{Context, Operation, check_id, unique_ids};

/// Most groups or tags one add, update or delete takes.
pub const MAX_LABELS: usize = 100;
/// Largest list page.
pub const MAX_PAGE_SIZE: u32 = 100;
/// Longest group name, characters.
pub const MAX_GROUP_NAME: usize = 50;
/// Longest group remark, characters.
pub const MAX_GROUP_REMARK: usize = 500;
/// Longest tag name, characters.
pub const MAX_TAG_NAME: usize = 30;

/// A tag's colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TagColor {
    /// `white` (GeeLark's default).
    White,
    /// `red`.
    Red,
    /// `blue`.
    Blue,
    /// `green`.
    Green,
    /// `yellow`.
    Yellow,
    /// `purple`.
    Purple,
}

impl TagColor {
    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            TagColor::White => "white",
            TagColor::Red => "red",
            TagColor::Blue => "blue",
            TagColor::Green => "green",
            TagColor::Yellow => "yellow",
            TagColor::Purple => "purple",
        }
    }
}

impl TagColor {
    /// The number the material library and analytics take for the colour
    /// (0 white, 1 red, 2 blue, 3 green, 4 yellow, 5 purple).
    pub fn code(self) -> u8 {
        match self {
            TagColor::White => 0,
            TagColor::Red => 1,
            TagColor::Blue => 2,
            TagColor::Green => 3,
            TagColor::Yellow => 4,
            TagColor::Purple => 5,
        }
    }

    /// The colour for its number (0 to 5).
    pub fn from_code(code: u8) -> Result<Self> {
        Ok(match code {
            0 => TagColor::White,
            1 => TagColor::Red,
            2 => TagColor::Blue,
            3 => TagColor::Green,
            4 => TagColor::Yellow,
            5 => TagColor::Purple,
            _ => return Err(invalid("color", "0 white to 5 purple")),
        })
    }
}

impl std::str::FromStr for TagColor {
    type Err = crate::Error;
    fn from_str(s: &str) -> Result<Self> {
        Ok(match s {
            "white" => TagColor::White,
            "red" => TagColor::Red,
            "blue" => TagColor::Blue,
            "green" => TagColor::Green,
            "yellow" => TagColor::Yellow,
            "purple" => TagColor::Purple,
            _ => {
                return Err(invalid(
                    "color",
                    "white, red, blue, green, yellow or purple",
                ));
            }
        })
    }
}

/// A group or a tag.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Label {
    /// Its id.
    #[serde(deserialize_with = "crate::json::string_or_int")]
    pub id: String,
    /// Its name.
    #[serde(default)]
    pub name: Option<String>,
    /// A group's remark.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remark: Option<String>,
    /// A tag's colour (as sent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
}

use super::shapes::check_name as text;

fn count(n: usize) -> Result<()> {
    if n == 0 || n > MAX_LABELS {
        return Err(invalid("list", format!("1 to {MAX_LABELS} items")));
    }
    Ok(())
}

fn filter(field: &'static str, values: Vec<String>, max_len: usize) -> Result<Vec<String>> {
    if values.len() > MAX_LABELS {
        return Err(invalid(field, format!("at most {MAX_LABELS} values")));
    }
    for v in &values {
        text(field, v, max_len)?;
    }
    Ok(values)
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
struct ListFilters {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    ids: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    names: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    remarks: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    colors: Vec<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ListBody<'a> {
    page: u32,
    page_size: u32,
    #[serde(flatten)]
    filters: &'a ListFilters,
}

/// A page of groups or tags, and the filter values that matched nothing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct LabelList {
    /// The envelope.
    #[serde(flatten)]
    pub envelope: Envelope,
    /// `total` over all pages.
    pub total: Option<u64>,
    /// The groups or tags of this page.
    pub labels: Vec<Label>,
    /// Filter values that matched nothing (the failure's id is the value).
    pub failures: Vec<ItemFailure>,
}

#[derive(Deserialize)]
struct WireFailure {
    #[serde(default, deserialize_with = "opt_string_or_int")]
    code: Option<String>,
    #[serde(default, deserialize_with = "opt_string_or_int")]
    param: Option<String>,
    #[serde(default, deserialize_with = "opt_string_or_int")]
    name: Option<String>,
    #[serde(default, deserialize_with = "opt_string_or_int")]
    id: Option<String>,
    #[serde(default)]
    msg: Option<String>,
}

impl WireFailure {
    fn failure(self) -> ItemFailure {
        ItemFailure::api(
            self.param.or(self.name).or(self.id).unwrap_or_default(),
            self.code.unwrap_or_default(),
            self.msg.unwrap_or_default(),
        )
    }
}

fn parse_list(name: &'static str, response: &Response) -> Result<LabelList> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Wire {
        #[serde(default, deserialize_with = "super::shapes::opt_count")]
        total: Option<u64>,
        #[serde(default, deserialize_with = "null_default")]
        list: Vec<Label>,
        #[serde(default, deserialize_with = "null_default")]
        fail_details: Vec<WireFailure>,
    }
    let a = wire::parse::<Wire>(name, response)?;
    Ok(LabelList {
        envelope: Envelope::of(&a),
        total: a.data.total,
        labels: a.data.list,
        failures: a
            .data
            .fail_details
            .into_iter()
            .map(WireFailure::failure)
            .collect(),
    })
}

/// What an add did: the groups or tags made, and the names refused (the
/// failure's id is the name: 43031/43021 exists, 43023 unknown colour).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct LabelAddReport {
    /// The envelope.
    #[serde(flatten)]
    pub envelope: Envelope,
    /// What was made.
    pub added: Vec<Label>,
    /// What was refused, by name.
    pub failures: Vec<ItemFailure>,
}

fn parse_add(name: &'static str, response: &Response) -> Result<LabelAddReport> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Wire {
        #[serde(default, deserialize_with = "null_default")]
        success_details: Vec<Label>,
        #[serde(default, deserialize_with = "null_default")]
        fail_details: Vec<WireFailure>,
    }
    let a = wire::parse::<Wire>(name, response)?;
    Ok(LabelAddReport {
        envelope: Envelope::of(&a),
        added: a.data.success_details,
        failures: a
            .data
            .fail_details
            .into_iter()
            .map(WireFailure::failure)
            .collect(),
    })
}

#[derive(Serialize)]
struct Items<T: Serialize> {
    list: Vec<T>,
}

#[derive(Serialize)]
struct IdsBody<'a> {
    ids: &'a [String],
}

fn label_ids<I, S>(ids: I) -> Result<Vec<String>>
where
    I: IntoIterator<Item = S>,
    S: Into<String>,
{
    unique_ids("ids", ids, MAX_LABELS)
}

// ------------------------------------------------------------------ groups

/// List groups, a page at a time: `POST /open/v1/group/list`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "group/list")]
pub struct ListGroups {
    page: u32,
    page_size: u32,
    filters: ListFilters,
}

impl Default for ListGroups {
    fn default() -> Self {
        ListGroups::new()
    }
}

impl ListGroups {
    /// Page 1 of 100.
    pub fn new() -> Self {
        ListGroups {
            page: 1,
            page_size: MAX_PAGE_SIZE,
            filters: ListFilters::default(),
        }
    }

    /// Page `page` (from 1) of `page_size` (1 to [`MAX_PAGE_SIZE`]).
    pub fn page(mut self, page: u32, page_size: u32) -> Result<Self> {
        crate::page::check_page(page, page_size, MAX_PAGE_SIZE)?;
        (self.page, self.page_size) = (page, page_size);
        Ok(self)
    }

    /// Only groups with these ids, names or remarks (each ≤ 100 values).
    pub fn filter(
        mut self,
        ids: Vec<String>,
        names: Vec<String>,
        remarks: Vec<String>,
    ) -> Result<Self> {
        self.filters.ids = filter("ids", ids, 64)?;
        self.filters.names = filter("names", names, MAX_GROUP_NAME)?;
        self.filters.remarks = filter("remarks", remarks, MAX_GROUP_REMARK)?;
        Ok(self)
    }
}

impl Operation for ListGroups {
    type Config = Config;
    type Output = LabelList;
    const NAME: &'static str = "geelark.list_groups";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        let body = to_body(&ListBody {
            page: self.page,
            page_size: self.page_size,
            filters: &self.filters,
        })?;
        wire::build(ctx, "/open/v1/group/list", body)
    }

    fn parse_unchecked(&self, response: &Response) -> Result<LabelList> {
        parse_list(Self::NAME, response)
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}

page_number_pager!(ListGroups, labels, |l| Some(&l.id));

/// A group to make: a name (≤ 50) and an optional remark (≤ 500).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NewGroup {
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    remark: Option<String>,
}

impl NewGroup {
    /// A group named `name`.
    pub fn new(name: impl Into<String>, remark: Option<String>) -> Result<Self> {
        let name = name.into();
        text("name", &name, MAX_GROUP_NAME)?;
        if let Some(r) = &remark {
            text("remark", r, MAX_GROUP_REMARK)?;
        }
        Ok(NewGroup { name, remark })
    }
}

/// Make groups: `POST /open/v1/group/add` (43031: the name exists).
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "group/add")]
pub struct AddGroups {
    groups: Vec<NewGroup>,
}

impl AddGroups {
    /// 1 to [`MAX_LABELS`] groups.
    pub fn new(groups: Vec<NewGroup>) -> Result<Self> {
        count(groups.len())?;
        Ok(AddGroups { groups })
    }
}

impl Operation for AddGroups {
    type Config = Config;
    type Output = LabelAddReport;
    const NAME: &'static str = "geelark.add_groups";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        let body = to_body(&Items {
            list: self.groups.iter().collect(),
        })?;
        wire::build(ctx, "/open/v1/group/add", body)
    }

    fn parse_unchecked(&self, response: &Response) -> Result<LabelAddReport> {
        parse_add(Self::NAME, response)
    }

    /// Yes: a name that exists is refused (43031), never made twice.
    fn is_idempotent(&self) -> bool {
        true
    }
}

/// A change to a group or tag: its id, a new name, a new remark (groups) or
/// colour (tags).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LabelUpdate {
    id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    remark: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    color: Option<&'static str>,
}

impl LabelUpdate {
    /// A change to the group or tag `id` (set what changes with the
    /// methods).
    pub fn new(id: impl Into<String>) -> Result<Self> {
        let id = id.into();
        check_id("id", &id)?;
        Ok(LabelUpdate {
            id,
            name: None,
            remark: None,
            color: None,
        })
    }

    /// A new name (groups ≤ 50, tags ≤ 30 characters; checked by the call).
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// A group's new remark (≤ 500).
    pub fn remark(mut self, remark: impl Into<String>) -> Self {
        self.remark = Some(remark.into());
        self
    }

    /// A tag's new colour.
    pub fn color(mut self, color: TagColor) -> Self {
        self.color = Some(color.as_str());
        self
    }
}

fn check_updates(updates: &[LabelUpdate], max_name: usize, tags: bool) -> Result<Vec<String>> {
    count(updates.len())?;
    let ids = unique_ids("ids", updates.iter().map(|u| u.id.clone()), MAX_LABELS)?;
    if ids.len() != updates.len() {
        return Err(invalid("list", "an id appears twice"));
    }
    for u in updates {
        if let Some(n) = &u.name {
            text("name", n, max_name)?;
        }
        match (tags, &u.remark, u.color) {
            (true, Some(_), _) => return Err(invalid("remark", "tags have no remark")),
            (false, _, Some(_)) => return Err(invalid("color", "groups have no colour")),
            (false, Some(r), _) => text("remark", r, MAX_GROUP_REMARK)?,
            _ => {}
        }
    }
    Ok(ids)
}

/// Rename groups or change their remarks: `POST /open/v1/group/update`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "group/update")]
pub struct UpdateGroups {
    updates: Vec<LabelUpdate>,
    ids: Vec<String>,
}

impl UpdateGroups {
    /// 1 to [`MAX_LABELS`] distinct groups.
    pub fn new(updates: Vec<LabelUpdate>) -> Result<Self> {
        let ids = check_updates(&updates, MAX_GROUP_NAME, false)?;
        Ok(UpdateGroups { updates, ids })
    }
}

impl Operation for UpdateGroups {
    type Config = Config;
    type Output = LifecycleReport;
    const NAME: &'static str = "geelark.update_groups";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        let body = to_body(&Items {
            list: self.updates.iter().collect(),
        })?;
        wire::build(ctx, "/open/v1/group/update", body)
    }

    fn parse_unchecked(&self, response: &Response) -> Result<LifecycleReport> {
        parse_lifecycle(Self::NAME, &self.ids, response)
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}

/// Delete groups (their phones become ungrouped): `POST /open/v1/group/delete`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "group/delete")]
pub struct DeleteGroups {
    ids: Vec<String>,
}

impl DeleteGroups {
    /// 1 to [`MAX_LABELS`] distinct group ids.
    pub fn new<I, S>(ids: I) -> Result<Self>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Ok(DeleteGroups {
            ids: label_ids(ids)?,
        })
    }
}

impl Operation for DeleteGroups {
    type Config = Config;
    type Output = LifecycleReport;
    const NAME: &'static str = "geelark.delete_groups";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        wire::build(
            ctx,
            "/open/v1/group/delete",
            to_body(&IdsBody { ids: &self.ids })?,
        )
    }

    fn parse_unchecked(&self, response: &Response) -> Result<LifecycleReport> {
        parse_lifecycle(Self::NAME, &self.ids, response)
    }

    /// No: a retried delete answers 43032 for groups the first one deleted.
    fn is_idempotent(&self) -> bool {
        false
    }
}

// -------------------------------------------------------------------- tags

/// List tags, a page at a time: `POST /open/v1/tag/list`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "tag/list")]
pub struct ListTags {
    page: u32,
    page_size: u32,
    filters: ListFilters,
}

impl Default for ListTags {
    fn default() -> Self {
        ListTags::new()
    }
}

impl ListTags {
    /// Page 1 of 100.
    pub fn new() -> Self {
        ListTags {
            page: 1,
            page_size: MAX_PAGE_SIZE,
            filters: ListFilters::default(),
        }
    }

    /// Page `page` (from 1) of `page_size` (1 to [`MAX_PAGE_SIZE`]).
    pub fn page(mut self, page: u32, page_size: u32) -> Result<Self> {
        crate::page::check_page(page, page_size, MAX_PAGE_SIZE)?;
        (self.page, self.page_size) = (page, page_size);
        Ok(self)
    }

    /// Only tags with these ids, names or colours.
    pub fn filter(
        mut self,
        ids: Vec<String>,
        names: Vec<String>,
        colors: Vec<TagColor>,
    ) -> Result<Self> {
        self.filters.ids = filter("ids", ids, 64)?;
        self.filters.names = filter("names", names, MAX_TAG_NAME)?;
        self.filters.colors = colors.iter().map(|c| c.as_str().to_owned()).collect();
        Ok(self)
    }
}

impl Operation for ListTags {
    type Config = Config;
    type Output = LabelList;
    const NAME: &'static str = "geelark.list_tags";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        let body = to_body(&ListBody {
            page: self.page,
            page_size: self.page_size,
            filters: &self.filters,
        })?;
        wire::build(ctx, "/open/v1/tag/list", body)
    }

    fn parse_unchecked(&self, response: &Response) -> Result<LabelList> {
        parse_list(Self::NAME, response)
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}

page_number_pager!(ListTags, labels, |l| Some(&l.id));

/// A tag to make: a name (≤ 30) and a colour (white when none).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NewTag {
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    color: Option<&'static str>,
}

impl NewTag {
    /// A tag named `name`.
    pub fn new(name: impl Into<String>, color: Option<TagColor>) -> Result<Self> {
        let name = name.into();
        text("name", &name, MAX_TAG_NAME)?;
        Ok(NewTag {
            name,
            color: color.map(TagColor::as_str),
        })
    }
}

/// Make tags: `POST /open/v1/tag/add` (43021: the name exists).
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "tag/add")]
pub struct AddTags {
    tags: Vec<NewTag>,
}

impl AddTags {
    /// 1 to [`MAX_LABELS`] tags.
    pub fn new(tags: Vec<NewTag>) -> Result<Self> {
        count(tags.len())?;
        Ok(AddTags { tags })
    }
}

impl Operation for AddTags {
    type Config = Config;
    type Output = LabelAddReport;
    const NAME: &'static str = "geelark.add_tags";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        let body = to_body(&Items {
            list: self.tags.iter().collect(),
        })?;
        wire::build(ctx, "/open/v1/tag/add", body)
    }

    fn parse_unchecked(&self, response: &Response) -> Result<LabelAddReport> {
        parse_add(Self::NAME, response)
    }

    /// Yes: a name that exists is refused, never made twice.
    fn is_idempotent(&self) -> bool {
        true
    }
}

/// Rename tags or change their colours: `POST /open/v1/tag/update`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "tag/update")]
pub struct UpdateTags {
    updates: Vec<LabelUpdate>,
    ids: Vec<String>,
}

impl UpdateTags {
    /// 1 to [`MAX_LABELS`] distinct tags.
    pub fn new(updates: Vec<LabelUpdate>) -> Result<Self> {
        let ids = check_updates(&updates, MAX_TAG_NAME, true)?;
        Ok(UpdateTags { updates, ids })
    }
}

impl Operation for UpdateTags {
    type Config = Config;
    type Output = LifecycleReport;
    const NAME: &'static str = "geelark.update_tags";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        let body = to_body(&Items {
            list: self.updates.iter().collect(),
        })?;
        wire::build(ctx, "/open/v1/tag/update", body)
    }

    fn parse_unchecked(&self, response: &Response) -> Result<LifecycleReport> {
        parse_lifecycle(Self::NAME, &self.ids, response)
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}

/// Delete tags: `POST /open/v1/tag/delete`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "tag/delete")]
pub struct DeleteTags {
    ids: Vec<String>,
}

impl DeleteTags {
    /// 1 to [`MAX_LABELS`] distinct tag ids.
    pub fn new<I, S>(ids: I) -> Result<Self>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Ok(DeleteTags {
            ids: label_ids(ids)?,
        })
    }
}

impl Operation for DeleteTags {
    type Config = Config;
    type Output = LifecycleReport;
    const NAME: &'static str = "geelark.delete_tags";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        wire::build(
            ctx,
            "/open/v1/tag/delete",
            to_body(&IdsBody { ids: &self.ids })?,
        )
    }

    fn parse_unchecked(&self, response: &Response) -> Result<LifecycleReport> {
        parse_lifecycle(Self::NAME, &self.ids, response)
    }

    /// No: a retried delete answers 43022 for tags the first one deleted.
    fn is_idempotent(&self) -> bool {
        false
    }
}
