//! Tags on servers (`resource_type` `cph-server`): add and remove a
//! server's tags, read them, list every tag key of the project with its
//! values, and find servers by tag (`resource_instances`), or count them.
//!
//! The rules the API documents are checked before building: a key of 1 to
//! 127 characters, a value of at most 255, both from letters, digits,
//! spaces and `_ . : = + - @`, and no key starting with `_sys_`. At most
//! 20 tags a call ([`MAX_TAGS`]: the tag service's per-resource limit).

use serde::{Deserialize, Serialize};

use super::config::Config;
use super::listing::Listing;
use super::phones::{Accepted, parse_accepted};
use super::wire;
use crate::error::{Result, invalid};
use crate::http::{Method, Request, Response};
use crate::json::null_default;
use crate::op::{Context, Operation, check_path_segment};
use crate::page::{Pager, next_offset};

/// The resource type of cloud phone servers in tag paths.
pub const RESOURCE_TYPE: &str = "cph-server";
/// Most tags one create or delete call takes.
pub const MAX_TAGS: usize = 20;
/// Longest key, in characters.
pub const MAX_KEY_CHARS: usize = 127;
/// Longest value, in characters.
pub const MAX_VALUE_CHARS: usize = 255;
/// Largest `limit` of the project tag list.
pub const MAX_PROJECT_TAGS_LIMIT: u32 = 100;
/// Largest `limit` of a tagged-server search.
pub const MAX_INSTANCES_LIMIT: u32 = 1000;
/// Most keys (and values per key) a tagged-server search may name.
pub const MAX_FILTER_KEYS: usize = 10;

/// One tag.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[non_exhaustive]
pub struct Tag {
    /// The key.
    pub key: String,
    /// The value (may be empty).
    #[serde(default)]
    pub value: String,
}

impl Tag {
    /// A tag, checked against the documented rules.
    pub fn new(key: impl Into<String>, value: impl Into<String>) -> Result<Self> {
        let (key, value) = (key.into(), value.into());
        check_key(&key)?;
        check_text("tag value", &value, MAX_VALUE_CHARS)?;
        Ok(Tag { key, value })
    }
}

fn check_key(key: &str) -> Result<()> {
    if key.is_empty() {
        return Err(invalid("tag key", "is empty"));
    }
    if key.starts_with("_sys_") {
        return Err(invalid("tag key", "may not start with _sys_ (reserved)"));
    }
    check_text("tag key", key, MAX_KEY_CHARS)
}

fn check_text(field: &'static str, text: &str, max: usize) -> Result<()> {
    if text.chars().count() > max {
        return Err(invalid(field, format!("longer than {max} characters")));
    }
    let ok = |c: char| c.is_alphanumeric() || " _.:=+-@".contains(c);
    if !text.chars().all(ok) {
        return Err(invalid(
            field,
            "only letters, digits, spaces and _ . : = + - @ are allowed",
        ));
    }
    Ok(())
}

fn checked_tags(tags: Vec<Tag>) -> Result<Vec<Tag>> {
    if tags.is_empty() || tags.len() > MAX_TAGS {
        return Err(invalid("tags", format!("1 to {MAX_TAGS} tags a call")));
    }
    for t in &tags {
        check_key(&t.key)?;
        check_text("tag value", &t.value, MAX_VALUE_CHARS)?;
    }
    Ok(tags)
}

#[derive(Serialize)]
struct TagAction<'a> {
    action: &'static str,
    tags: &'a [Tag],
}

fn tag_action(
    ctx: &Context<'_, Config>,
    server_id: &str,
    action: &'static str,
    tags: &[Tag],
) -> Result<Request> {
    let body = serde_json::to_vec(&TagAction { action, tags })
        .map_err(|e| invalid("tags", e.to_string()))?;
    let path = wire::project_path(
        ctx.config,
        "v1",
        &format!("{RESOURCE_TYPE}/{server_id}/tags/action"),
    );
    wire::build(ctx, Method::Post, path, Vec::new(), Some(body))
}

/// Add tags to a server (a key it has already gets the new value):
/// `POST /v1/{project_id}/cph-server/{server_id}/tags/action`, `create`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "BatchCreateTags", alias = "batch_create_tags")]
pub struct CreateTags {
    server_id: String,
    tags: Vec<Tag>,
}

impl CreateTags {
    /// 1 to [`MAX_TAGS`] tags for one server.
    pub fn new(server_id: impl Into<String>, tags: Vec<Tag>) -> Result<Self> {
        let server_id = server_id.into();
        check_path_segment("server_id", &server_id)?;
        Ok(CreateTags {
            server_id,
            tags: checked_tags(tags)?,
        })
    }
}

impl Operation for CreateTags {
    type Config = Config;
    type Output = Accepted;
    const NAME: &'static str = "huawei.create_tags";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        tag_action(ctx, &self.server_id, "create", &self.tags)
    }

    fn parse_unchecked(&self, response: &Response) -> Result<Accepted> {
        parse_accepted(Self::NAME, response)
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}

/// Remove tags from a server:
/// `POST /v1/{project_id}/cph-server/{server_id}/tags/action`, `delete`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "BatchDeleteTags", alias = "batch_delete_tags")]
pub struct DeleteTags {
    server_id: String,
    tags: Vec<Tag>,
}

impl DeleteTags {
    /// 1 to [`MAX_TAGS`] tags of one server.
    pub fn new(server_id: impl Into<String>, tags: Vec<Tag>) -> Result<Self> {
        let server_id = server_id.into();
        check_path_segment("server_id", &server_id)?;
        Ok(DeleteTags {
            server_id,
            tags: checked_tags(tags)?,
        })
    }
}

impl Operation for DeleteTags {
    type Config = Config;
    type Output = Accepted;
    const NAME: &'static str = "huawei.delete_tags";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        tag_action(ctx, &self.server_id, "delete", &self.tags)
    }

    fn parse_unchecked(&self, response: &Response) -> Result<Accepted> {
        parse_accepted(Self::NAME, response)
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}

/// A server's tags: `GET /v1/{project_id}/cph-server/{server_id}/tags`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "ListResourceTags", alias = "list_resource_tags")]
pub struct ListServerTags {
    server_id: String,
}

impl ListServerTags {
    /// The server whose tags to read.
    pub fn new(server_id: impl Into<String>) -> Result<Self> {
        let server_id = server_id.into();
        check_path_segment("server_id", &server_id)?;
        Ok(ListServerTags { server_id })
    }
}

/// A server's tags.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct TagList {
    /// The tags.
    #[serde(default, deserialize_with = "null_default")]
    pub tags: Vec<Tag>,
}

impl Operation for ListServerTags {
    type Config = Config;
    type Output = TagList;
    const NAME: &'static str = "huawei.list_server_tags";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        let rest = format!("{RESOURCE_TYPE}/{}/tags", self.server_id);
        let path = wire::project_path(ctx.config, "v1", &rest);
        wire::build(ctx, Method::Get, path, Vec::new(), None)
    }

    fn parse_unchecked(&self, response: &Response) -> Result<TagList> {
        wire::parse_json(Self::NAME, response)
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}

/// Every tag key used on the project's servers, with its values:
/// `GET /v1/{project_id}/cph-server/tags`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "list_project_tags")]
pub struct ListProjectTags {
    listing: Listing,
}

impl Default for ListProjectTags {
    fn default() -> Self {
        ListProjectTags {
            listing: Listing::new(MAX_PROJECT_TAGS_LIMIT, MAX_PROJECT_TAGS_LIMIT),
        }
    }
}

impl ListProjectTags {
    /// The first page of 100 keys.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the page (offset ≥ 0, limit 1 to 100).
    pub fn page(mut self, offset: u32, limit: u32) -> Result<Self> {
        self.listing.set_page(offset, limit)?;
        Ok(self)
    }
}

/// A key and the values it takes (in a project listing or a search).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct TagValues {
    /// The key.
    pub key: String,
    /// Its values.
    #[serde(default, deserialize_with = "null_default")]
    pub values: Vec<String>,
}

impl TagValues {
    /// A key with the values a search accepts for it (any of them; at most
    /// [`MAX_FILTER_KEYS`]).
    pub fn new<I, S>(key: impl Into<String>, values: I) -> Result<Self>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let key = key.into();
        check_key(&key)?;
        let values: Vec<String> = values.into_iter().map(Into::into).collect();
        if values.len() > MAX_FILTER_KEYS {
            return Err(invalid(
                "tag values",
                format!("at most {MAX_FILTER_KEYS} per key"),
            ));
        }
        for v in &values {
            check_text("tag value", v, MAX_VALUE_CHARS)?;
        }
        Ok(TagValues { key, values })
    }
}

/// One page of the project's tag keys.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct ProjectTagList {
    /// The keys and their values.
    #[serde(default, deserialize_with = "null_default")]
    pub tags: Vec<TagValues>,
    /// Keys in all.
    #[serde(default)]
    pub total_count: Option<u64>,
}

impl Operation for ListProjectTags {
    type Config = Config;
    type Output = ProjectTagList;
    const NAME: &'static str = "huawei.list_project_tags";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        self.listing.build(ctx, &format!("{RESOURCE_TYPE}/tags"))
    }

    fn parse_unchecked(&self, response: &Response) -> Result<ProjectTagList> {
        wire::parse_json(Self::NAME, response)
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}

impl Pager for ListProjectTags {
    fn next_page(&self, last: &ProjectTagList) -> Option<Self> {
        let listing = self.listing.next(last.tags.len(), last.total_count)?;
        Some(ListProjectTags { listing })
    }

    fn item_ids(page: &ProjectTagList, each: &mut dyn FnMut(Option<&str>)) {
        page.tags.iter().for_each(|t| each(Some(&t.key)));
    }
}

/// Servers by tag: `POST /v1/{project_id}/cph-server/resource_instances/action`
/// (`filter`, or `count` with [`count_only`](Self::count_only)). Keys are
/// ANDed, the values of a key ORed.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "ListResourceInstances", alias = "list_resource_instances")]
pub struct ListTaggedServers {
    tags: Vec<TagValues>,
    name: Option<String>,
    without_any_tag: bool,
    count: bool,
    offset: u32,
    limit: u32,
}

impl ListTaggedServers {
    /// Servers carrying every one of these keys (with one of its values;
    /// no values: any value). At most [`MAX_FILTER_KEYS`] keys.
    pub fn with_tags(tags: Vec<TagValues>) -> Result<Self> {
        if tags.len() > MAX_FILTER_KEYS {
            return Err(invalid("tags", format!("at most {MAX_FILTER_KEYS} keys")));
        }
        Ok(ListTaggedServers {
            tags,
            name: None,
            without_any_tag: false,
            count: false,
            offset: 0,
            limit: MAX_INSTANCES_LIMIT,
        })
    }

    /// Servers with no tag at all.
    pub fn untagged() -> Self {
        ListTaggedServers {
            tags: Vec::new(),
            name: None,
            without_any_tag: true,
            count: false,
            offset: 0,
            limit: MAX_INSTANCES_LIMIT,
        }
    }

    /// Only the server of exactly this name.
    pub fn name(mut self, name: impl Into<String>) -> Result<Self> {
        let name = name.into();
        crate::limits::check_len("name", &name, 255)?;
        self.name = Some(name);
        Ok(self)
    }

    /// Only the count (`total_count`), no servers.
    pub fn count_only(mut self) -> Self {
        self.count = true;
        self
    }

    /// Sets the page (offset ≥ 0, limit 1 to 1000).
    pub fn page(mut self, offset: u32, limit: u32) -> Result<Self> {
        if !(1..=MAX_INSTANCES_LIMIT).contains(&limit) {
            return Err(invalid("limit", "must be from 1 to 1000"));
        }
        self.offset = offset;
        self.limit = limit;
        Ok(self)
    }
}

#[derive(Serialize)]
struct Match<'a> {
    key: &'static str,
    value: &'a str,
}

#[derive(Serialize)]
struct InstancesBody<'a> {
    action: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    offset: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    limit: Option<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    without_any_tag: bool,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    tags: &'a [TagValues],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    matches: Vec<Match<'a>>,
}

/// A server found by tag.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct TaggedResource {
    /// The server id.
    pub resource_id: String,
    /// Its name.
    #[serde(default)]
    pub resource_name: Option<String>,
    /// Detail text, as sent.
    #[serde(default)]
    pub resource_detail: Option<String>,
    /// Its tags.
    #[serde(default, deserialize_with = "null_default")]
    pub tags: Vec<Tag>,
}

/// One page of servers found by tag (or only their count).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct TaggedResourceList {
    /// The servers.
    #[serde(default, deserialize_with = "null_default")]
    pub resources: Vec<TaggedResource>,
    /// Matches in all.
    #[serde(default)]
    pub total_count: Option<u64>,
}

impl Operation for ListTaggedServers {
    type Config = Config;
    type Output = TaggedResourceList;
    const NAME: &'static str = "huawei.list_tagged_servers";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        let body = InstancesBody {
            action: if self.count { "count" } else { "filter" },
            // The API takes both as strings; a count has no page.
            offset: (!self.count).then(|| self.offset.to_string()),
            limit: (!self.count).then(|| self.limit.to_string()),
            without_any_tag: self.without_any_tag,
            tags: &self.tags,
            matches: self
                .name
                .as_deref()
                .map(|value| Match {
                    key: "resource_name",
                    value,
                })
                .into_iter()
                .collect(),
        };
        let body = serde_json::to_vec(&body).map_err(|e| invalid("tags", e.to_string()))?;
        let rest = format!("{RESOURCE_TYPE}/resource_instances/action");
        let path = wire::project_path(ctx.config, "v1", &rest);
        wire::build(ctx, Method::Post, path, Vec::new(), Some(body))
    }

    fn parse_unchecked(&self, response: &Response) -> Result<TaggedResourceList> {
        wire::parse_json(Self::NAME, response)
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}

impl Pager for ListTaggedServers {
    fn next_page(&self, last: &TaggedResourceList) -> Option<Self> {
        if self.count {
            return None;
        }
        next_offset(
            self.offset,
            self.limit,
            last.resources.len(),
            last.total_count,
        )
        .map(|offset| ListTaggedServers {
            offset,
            ..self.clone()
        })
    }

    fn item_ids(page: &TaggedResourceList, each: &mut dyn FnMut(Option<&str>)) {
        page.resources
            .iter()
            .for_each(|r| each(Some(&r.resource_id)));
    }
}
