//! Analytics (reference §3.11): social accounts GeeLark watches (TikTok,
//! YouTube, Instagram, Reddit), their daily figures (plays, followers,
//! likes…; Pro plans only, 43002 otherwise), and the tags that sort them.
//!
//! The account list answers in snake_case (`created_time`) where the rest
//! of the API is camelCase, and `-1` in a figure means "not collected yet";
//! both are kept as sent. The tag calls come from GeeLark's CLI only; the
//! answer of `analytics/tags/create` is undocumented and read as `{id}`
//! when it has one.

use serde::{Deserialize, Serialize};

use super::apps::{Accepted, parse_accepted};
use super::config::Config;
use super::labels::TagColor;
use super::materials::ColorTagList;
use super::phone_tools::{PhoneResults, parse_results};
use super::shapes::{Envelope, check_len, check_name, filter_list, opt_count, opt_int, to_body};
use super::wire;
use crate::error::{Result, invalid};
use crate::http::{Request, Response};
use crate::json::{null_default, opt_string_or_int};
use crate::op::{Context, Operation, check_id, unique_ids};

/// Largest page of the account list and the data.
pub const MAX_PAGE_SIZE: u32 = 100;
/// Largest page of the tag list.
pub const MAX_TAG_PAGE_SIZE: u32 = 200;
/// Most accounts one add takes.
pub const MAX_ADD: usize = 200;
/// Longest account name, characters.
pub const MAX_ACCOUNT: usize = 64;
/// Longest remark, characters.
pub const MAX_REMARK: usize = 1500;
/// Longest analytics tag name, characters.
pub const MAX_TAG_NAME: usize = 100;
/// Most tags one delete or account update takes.
pub const MAX_TAG_IDS: usize = 100;

/// The platform an analytics account lives on (`channel`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Channel {
    /// 0: TikTok.
    TikTok,
    /// 1: YouTube.
    YouTube,
    /// 2: Instagram.
    Instagram,
    /// 4: Reddit (GeeLark's CLI; not in the Open API pages).
    Reddit,
}

impl Channel {
    /// The wire code.
    pub fn code(self) -> u8 {
        match self {
            Channel::TikTok => 0,
            Channel::YouTube => 1,
            Channel::Instagram => 2,
            Channel::Reddit => 4,
        }
    }

    /// The channel for a wire code (0, 1, 2 or 4).
    pub fn from_code(code: i64) -> Result<Self> {
        Ok(match code {
            0 => Channel::TikTok,
            1 => Channel::YouTube,
            2 => Channel::Instagram,
            4 => Channel::Reddit,
            _ => {
                return Err(invalid(
                    "channel",
                    "0 TikTok, 1 YouTube, 2 Instagram or 4 Reddit",
                ));
            }
        })
    }
}

impl std::str::FromStr for Channel {
    type Err = crate::Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.to_ascii_lowercase().as_str() {
            "tiktok" | "0" => Ok(Channel::TikTok),
            "youtube" | "1" => Ok(Channel::YouTube),
            "instagram" | "2" => Ok(Channel::Instagram),
            "reddit" | "4" => Ok(Channel::Reddit),
            _ => Err(invalid("channel", "tiktok, youtube, instagram or reddit")),
        }
    }
}

fn check_account(account: &str) -> Result<()> {
    check_name("account", account, MAX_ACCOUNT)
}

/// A watched account.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AnalyticsAccount {
    /// Its id (what [`UpdateAnalyticsAccount`] takes).
    #[serde(deserialize_with = "crate::json::string_or_int")]
    pub id: String,
    /// The platform account.
    #[serde(default)]
    pub account: Option<String>,
    /// The channel code as sent (see [`Channel::from_code`]).
    #[serde(default, deserialize_with = "opt_int")]
    pub channel: Option<i64>,
    /// The remark.
    #[serde(default)]
    pub remark: Option<String>,
    /// Who added it.
    #[serde(default)]
    pub operator: Option<String>,
    /// When it was added (Unix seconds).
    #[serde(default, deserialize_with = "opt_int")]
    pub created_time: Option<i64>,
    /// When it last changed (Unix seconds).
    #[serde(default, deserialize_with = "opt_int")]
    pub updated_time: Option<i64>,
}

/// One page of `analytics/accounts/list`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct AnalyticsAccountList {
    /// The envelope.
    #[serde(flatten)]
    pub envelope: Envelope,
    /// `total` over all pages.
    pub total: Option<u64>,
    /// This page.
    pub accounts: Vec<AnalyticsAccount>,
}

#[derive(Deserialize)]
#[serde(bound(deserialize = "T: Deserialize<'de>"))]
struct WireItems<T> {
    #[serde(default, deserialize_with = "opt_count")]
    total: Option<u64>,
    #[serde(default = "Vec::new", deserialize_with = "null_default")]
    items: Vec<T>,
}

/// The filters the account list and the data share.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
struct Filters {
    #[serde(skip_serializing_if = "Option::is_none")]
    account: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    channel: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    user_account: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    data_date: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    created_id: Option<String>,
}

/// List watched accounts, a page at a time:
/// `POST /open/v1/analytics/accounts/list`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[doc(alias = "analytics/accounts/list")]
pub struct ListAnalyticsAccounts {
    page: u32,
    page_size: u32,
    #[serde(flatten)]
    filters: Filters,
}

impl Default for ListAnalyticsAccounts {
    fn default() -> Self {
        ListAnalyticsAccounts::new()
    }
}

impl ListAnalyticsAccounts {
    /// Page 1 of [`MAX_PAGE_SIZE`], every account.
    pub fn new() -> Self {
        ListAnalyticsAccounts {
            page: 1,
            page_size: MAX_PAGE_SIZE,
            filters: Filters::default(),
        }
    }

    /// Page `page` (from 1) of `page_size` (1 to [`MAX_PAGE_SIZE`]).
    pub fn page(mut self, page: u32, page_size: u32) -> Result<Self> {
        crate::page::check_page(page, page_size, MAX_PAGE_SIZE)?;
        (self.page, self.page_size) = (page, page_size);
        Ok(self)
    }

    /// Only this platform account.
    pub fn account(mut self, account: impl Into<String>) -> Result<Self> {
        let account = account.into();
        check_account(&account)?;
        self.filters.account = Some(account);
        Ok(self)
    }

    /// Only accounts on `channel`.
    pub fn channel(mut self, channel: Channel) -> Self {
        self.filters.channel = Some(channel.code());
        self
    }

    /// Only accounts added by this team member (their login e-mail).
    pub fn added_by(mut self, user_account: impl Into<String>) -> Result<Self> {
        let user = user_account.into();
        crate::limits::check_text("userAccount", &user, 254)?;
        self.filters.user_account = Some(user);
        Ok(self)
    }
}

impl Operation for ListAnalyticsAccounts {
    type Config = Config;
    type Output = AnalyticsAccountList;
    const NAME: &'static str = "geelark.list_analytics_accounts";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        wire::build(ctx, "/open/v1/analytics/accounts/list", to_body(self)?)
    }

    fn parse_unchecked(&self, response: &Response) -> Result<AnalyticsAccountList> {
        let a = wire::parse::<WireItems<AnalyticsAccount>>(Self::NAME, response)?;
        Ok(AnalyticsAccountList {
            envelope: Envelope::of(&a),
            total: a.data.total,
            accounts: a.data.items,
        })
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}

page_number_pager!(ListAnalyticsAccounts, accounts, |a| Some(&a.id));

/// An account to watch: its name on the platform and a remark.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NewAnalyticsAccount {
    account: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    remark: Option<String>,
}

impl NewAnalyticsAccount {
    /// `account` (at most [`MAX_ACCOUNT`] characters), with an optional
    /// remark (at most [`MAX_REMARK`]).
    pub fn new(account: impl Into<String>, remark: Option<String>) -> Result<Self> {
        let account = account.into();
        check_account(&account)?;
        if let Some(r) = &remark {
            check_len("remark", r, MAX_REMARK)?;
        }
        Ok(NewAnalyticsAccount { account, remark })
    }
}

/// Watch accounts: `POST /open/v1/analytics/accounts/add`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "analytics/accounts/add")]
pub struct AddAnalyticsAccounts {
    channel: Channel,
    accounts: Vec<NewAnalyticsAccount>,
}

impl AddAnalyticsAccounts {
    /// 1 to [`MAX_ADD`] distinct accounts on `channel`.
    pub fn new(channel: Channel, accounts: Vec<NewAnalyticsAccount>) -> Result<Self> {
        if accounts.is_empty() || accounts.len() > MAX_ADD {
            return Err(invalid("accountsData", format!("1 to {MAX_ADD} accounts")));
        }
        let distinct = unique_ids(
            "accountsData",
            accounts.iter().map(|a| a.account.clone()),
            MAX_ADD,
        )?;
        if distinct.len() != accounts.len() {
            return Err(invalid("accountsData", "an account appears twice"));
        }
        Ok(AddAnalyticsAccounts { channel, accounts })
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct AddBody<'a> {
    channel: u8,
    accounts_data: &'a [NewAnalyticsAccount],
}

/// How an add went: `bizCode` 0 all added, 1 over the plan's account limit,
/// 2 partly added; and the counts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct AnalyticsAddReport {
    /// The envelope.
    #[serde(flatten)]
    pub envelope: Envelope,
    /// `bizCode` as sent.
    pub biz_code: Option<i64>,
    /// Accounts added.
    pub success_count: Option<u64>,
    /// Accounts refused.
    pub fail_count: Option<u64>,
    /// Accounts already watched.
    pub repeat_count: Option<u64>,
}

impl Operation for AddAnalyticsAccounts {
    type Config = Config;
    type Output = AnalyticsAddReport;
    const NAME: &'static str = "geelark.add_analytics_accounts";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        let body = to_body(&AddBody {
            channel: self.channel.code(),
            accounts_data: &self.accounts,
        })?;
        wire::build(ctx, "/open/v1/analytics/accounts/add", body)
    }

    fn parse_unchecked(&self, response: &Response) -> Result<AnalyticsAddReport> {
        #[derive(Deserialize)]
        #[serde(rename_all = "camelCase")]
        struct Wire {
            #[serde(default, deserialize_with = "opt_int")]
            biz_code: Option<i64>,
            #[serde(default, deserialize_with = "opt_count")]
            success_count: Option<u64>,
            #[serde(default, deserialize_with = "opt_count")]
            fail_count: Option<u64>,
            #[serde(default, deserialize_with = "opt_count")]
            repeat_count: Option<u64>,
        }
        let a = wire::parse::<Wire>(Self::NAME, response)?;
        Ok(AnalyticsAddReport {
            envelope: Envelope::of(&a),
            biz_code: a.data.biz_code,
            success_count: a.data.success_count,
            fail_count: a.data.fail_count,
            repeat_count: a.data.repeat_count,
        })
    }

    /// Yes: an account already watched is counted as a repeat, not added
    /// twice.
    fn is_idempotent(&self) -> bool {
        true
    }
}

/// Stop watching an account: `POST /open/v1/analytics/accounts/delete`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "analytics/accounts/delete")]
pub struct DeleteAnalyticsAccount {
    channel: Channel,
    account: String,
}

impl DeleteAnalyticsAccount {
    /// The account `account` on `channel`.
    pub fn new(channel: Channel, account: impl Into<String>) -> Result<Self> {
        let account = account.into();
        check_account(&account)?;
        Ok(DeleteAnalyticsAccount { channel, account })
    }
}

#[derive(Serialize)]
struct DeleteBody<'a> {
    channel: u8,
    account: &'a str,
}

impl Operation for DeleteAnalyticsAccount {
    type Config = Config;
    type Output = Accepted;
    const NAME: &'static str = "geelark.delete_analytics_account";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        let body = to_body(&DeleteBody {
            channel: self.channel.code(),
            account: &self.account,
        })?;
        wire::build(ctx, "/open/v1/analytics/accounts/delete", body)
    }

    fn parse_unchecked(&self, response: &Response) -> Result<Accepted> {
        parse_accepted(Self::NAME, response)
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}

/// Change a watched account: `POST /open/v1/analytics/accounts/update`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[doc(alias = "analytics/accounts/update")]
pub struct UpdateAnalyticsAccount {
    id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    account: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    channel: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    remark: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tag_ids: Option<Vec<String>>,
}

impl UpdateAnalyticsAccount {
    /// A change to the account `id` (an [`AnalyticsAccount::id`]); set what
    /// changes with the methods.
    pub fn new(id: impl Into<String>) -> Result<Self> {
        let id = id.into();
        check_id("id", &id)?;
        Ok(UpdateAnalyticsAccount {
            id,
            account: None,
            channel: None,
            remark: None,
            tag_ids: None,
        })
    }

    /// A new platform account name.
    pub fn account(mut self, account: impl Into<String>) -> Result<Self> {
        let account = account.into();
        check_account(&account)?;
        self.account = Some(account);
        Ok(self)
    }

    /// A new channel.
    pub fn channel(mut self, channel: Channel) -> Self {
        self.channel = Some(channel.code());
        self
    }

    /// A new remark.
    pub fn remark(mut self, remark: impl Into<String>) -> Result<Self> {
        let remark = remark.into();
        check_len("remark", &remark, MAX_REMARK)?;
        self.remark = Some(remark);
        Ok(self)
    }

    /// Exactly these analytics tags (empty clears them).
    pub fn tags<I, S>(mut self, tag_ids: I) -> Result<Self>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.tag_ids = Some(filter_list("tagIds", tag_ids, MAX_TAG_IDS)?);
        Ok(self)
    }
}

impl Operation for UpdateAnalyticsAccount {
    type Config = Config;
    type Output = Accepted;
    const NAME: &'static str = "geelark.update_analytics_account";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        if self.account.is_none()
            && self.channel.is_none()
            && self.remark.is_none()
            && self.tag_ids.is_none()
        {
            return Err(invalid(
                "update",
                "nothing to change: set an account, channel, remark or tags",
            ));
        }
        wire::build(ctx, "/open/v1/analytics/accounts/update", to_body(self)?)
    }

    fn parse_unchecked(&self, response: &Response) -> Result<Accepted> {
        parse_accepted(Self::NAME, response)
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}

/// One account's figures for one day. A figure of `-1` has not been
/// collected yet.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all(deserialize = "camelCase"))]
#[non_exhaustive]
pub struct AnalyticsData {
    /// The record's id.
    #[serde(default, deserialize_with = "opt_string_or_int")]
    pub id: Option<String>,
    /// The channel code as sent.
    #[serde(default, deserialize_with = "opt_int")]
    pub channel: Option<i64>,
    /// The platform account.
    #[serde(default)]
    pub account: Option<String>,
    /// Plays.
    #[serde(default, deserialize_with = "opt_int")]
    pub play_count: Option<i64>,
    /// Followers.
    #[serde(default, deserialize_with = "opt_int")]
    pub follower_count: Option<i64>,
    /// Likes.
    #[serde(default, deserialize_with = "opt_int")]
    pub digg_count: Option<i64>,
    /// Comments.
    #[serde(default, deserialize_with = "opt_int")]
    pub comment_count: Option<i64>,
    /// Saves.
    #[serde(default, deserialize_with = "opt_int")]
    pub collect_count: Option<i64>,
    /// Shares.
    #[serde(default, deserialize_with = "opt_int")]
    pub share_count: Option<i64>,
    /// The day the figures are for (Unix seconds).
    #[serde(default, deserialize_with = "opt_int")]
    pub data_date: Option<i64>,
    /// When the account was added (Unix seconds).
    #[serde(default, deserialize_with = "opt_int")]
    pub add_acc_date: Option<i64>,
    /// The remark.
    #[serde(default)]
    pub remark: Option<String>,
    /// Who added the account (user id).
    #[serde(default, deserialize_with = "opt_string_or_int")]
    pub created_id: Option<String>,
    /// Who added the account (name).
    #[serde(default)]
    pub username: Option<String>,
}

/// One page of `analytics/data`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct AnalyticsDataList {
    /// The envelope.
    #[serde(flatten)]
    pub envelope: Envelope,
    /// `total` over all pages.
    pub total: Option<u64>,
    /// This page.
    pub records: Vec<AnalyticsData>,
}

/// Watched accounts' figures, a page at a time:
/// `POST /open/v1/analytics/data` (Pro plans; 43002 otherwise).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[doc(alias = "analytics/data")]
pub struct GetAnalyticsData {
    page: u32,
    page_size: u32,
    #[serde(flatten)]
    filters: Filters,
}

impl Default for GetAnalyticsData {
    fn default() -> Self {
        GetAnalyticsData::new()
    }
}

impl GetAnalyticsData {
    /// Page 1 of [`MAX_PAGE_SIZE`], every account.
    pub fn new() -> Self {
        GetAnalyticsData {
            page: 1,
            page_size: MAX_PAGE_SIZE,
            filters: Filters::default(),
        }
    }

    /// Page `page` (from 1) of `page_size` (1 to [`MAX_PAGE_SIZE`]).
    pub fn page(mut self, page: u32, page_size: u32) -> Result<Self> {
        crate::page::check_page(page, page_size, MAX_PAGE_SIZE)?;
        (self.page, self.page_size) = (page, page_size);
        Ok(self)
    }

    /// Only this platform account.
    pub fn account(mut self, account: impl Into<String>) -> Result<Self> {
        let account = account.into();
        check_account(&account)?;
        self.filters.account = Some(account);
        Ok(self)
    }

    /// Only accounts on `channel`.
    pub fn channel(mut self, channel: Channel) -> Self {
        self.filters.channel = Some(channel.code());
        self
    }

    /// Only the figures of the day holding `unix_seconds`.
    pub fn date(mut self, unix_seconds: u64) -> Self {
        self.filters.data_date = Some(unix_seconds);
        self
    }

    /// Only accounts added by the user `user_id`.
    pub fn added_by(mut self, user_id: impl Into<String>) -> Result<Self> {
        let user = user_id.into();
        check_id("createdId", &user)?;
        self.filters.created_id = Some(user);
        Ok(self)
    }
}

impl Operation for GetAnalyticsData {
    type Config = Config;
    type Output = AnalyticsDataList;
    const NAME: &'static str = "geelark.get_analytics_data";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        wire::build(ctx, "/open/v1/analytics/data", to_body(self)?)
    }

    fn parse_unchecked(&self, response: &Response) -> Result<AnalyticsDataList> {
        let a = wire::parse::<WireItems<AnalyticsData>>(Self::NAME, response)?;
        Ok(AnalyticsDataList {
            envelope: Envelope::of(&a),
            total: a.data.total,
            records: a.data.items,
        })
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}

page_number_pager!(GetAnalyticsData, records, |r| r.id.as_deref());

/// List analytics tags, a page at a time:
/// `POST /open/v1/analytics/tags/list` (GeeLark's CLI).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[doc(alias = "analytics/tags/list")]
pub struct ListAnalyticsTags {
    page: u32,
    page_size: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
}

impl Default for ListAnalyticsTags {
    fn default() -> Self {
        ListAnalyticsTags::new()
    }
}

impl ListAnalyticsTags {
    /// Page 1 of [`MAX_TAG_PAGE_SIZE`], every tag.
    pub fn new() -> Self {
        ListAnalyticsTags {
            page: 1,
            page_size: MAX_TAG_PAGE_SIZE,
            name: None,
        }
    }

    /// Page `page` (from 1) of `page_size` (1 to [`MAX_TAG_PAGE_SIZE`]).
    pub fn page(mut self, page: u32, page_size: u32) -> Result<Self> {
        crate::page::check_page(page, page_size, MAX_TAG_PAGE_SIZE)?;
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

impl Operation for ListAnalyticsTags {
    type Config = Config;
    type Output = ColorTagList;
    const NAME: &'static str = "geelark.list_analytics_tags";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        wire::build(ctx, "/open/v1/analytics/tags/list", to_body(self)?)
    }

    fn parse_unchecked(&self, response: &Response) -> Result<ColorTagList> {
        super::materials::parse_tags(Self::NAME, response)
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}

page_number_pager!(ListAnalyticsTags, tags, |t| Some(&t.id));

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
struct TagFields {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    color: Option<u8>,
}

/// What `analytics/tags/create` answered: an id when it gave one (the
/// answer is undocumented).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct TagCreated {
    /// The envelope.
    #[serde(flatten)]
    pub envelope: Envelope,
    /// The new item's id (absent when the answer carried none).
    pub id: Option<String>,
}

/// The reading of `{id}` answers (an absent or `null` data is no id).
fn parse_created(name: &'static str, response: &Response) -> Result<TagCreated> {
    #[derive(Deserialize)]
    struct Wire {
        #[serde(default, deserialize_with = "opt_string_or_int")]
        id: Option<String>,
    }
    let a = wire::parse_opt::<Wire>(name, response)?;
    let envelope = Envelope::of(&a);
    Ok(TagCreated {
        envelope,
        id: a.data.and_then(|d| d.id).filter(|id| !id.is_empty()),
    })
}

/// Make an analytics tag: `POST /open/v1/analytics/tags/create` (GeeLark's
/// CLI; names are unique).
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "analytics/tags/create")]
pub struct CreateAnalyticsTag {
    fields: TagFields,
}

impl CreateAnalyticsTag {
    /// A tag named `name` (at most [`MAX_TAG_NAME`] characters).
    pub fn new(name: impl Into<String>, color: TagColor) -> Result<Self> {
        let name = name.into();
        check_name("name", &name, MAX_TAG_NAME)?;
        Ok(CreateAnalyticsTag {
            fields: TagFields {
                id: None,
                name: Some(name),
                color: Some(color.code()),
            },
        })
    }
}

impl Operation for CreateAnalyticsTag {
    type Config = Config;
    type Output = TagCreated;
    const NAME: &'static str = "geelark.create_analytics_tag";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        wire::build(
            ctx,
            "/open/v1/analytics/tags/create",
            to_body(&self.fields)?,
        )
    }

    fn parse_unchecked(&self, response: &Response) -> Result<TagCreated> {
        parse_created(Self::NAME, response)
    }

    /// Yes: names are unique, a repeat is refused rather than made twice.
    fn is_idempotent(&self) -> bool {
        true
    }
}

/// Rename or recolour an analytics tag:
/// `POST /open/v1/analytics/tags/update` (GeeLark's CLI).
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "analytics/tags/update")]
pub struct UpdateAnalyticsTag {
    fields: TagFields,
}

impl UpdateAnalyticsTag {
    /// Change the tag `id`: a new name, a new colour, or both.
    pub fn new(
        id: impl Into<String>,
        name: Option<String>,
        color: Option<TagColor>,
    ) -> Result<Self> {
        let id = id.into();
        check_id("id", &id)?;
        if let Some(n) = &name {
            check_name("name", n, MAX_TAG_NAME)?;
        }
        if name.is_none() && color.is_none() {
            return Err(invalid(
                "update",
                "nothing to change: set a name or a colour",
            ));
        }
        Ok(UpdateAnalyticsTag {
            fields: TagFields {
                id: Some(id),
                name,
                color: color.map(TagColor::code),
            },
        })
    }
}

impl Operation for UpdateAnalyticsTag {
    type Config = Config;
    type Output = Accepted;
    const NAME: &'static str = "geelark.update_analytics_tag";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        wire::build(
            ctx,
            "/open/v1/analytics/tags/update",
            to_body(&self.fields)?,
        )
    }

    fn parse_unchecked(&self, response: &Response) -> Result<Accepted> {
        parse_accepted(Self::NAME, response)
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}

/// Delete analytics tags: `POST /open/v1/analytics/tags/del` (GeeLark's
/// CLI). The answer is undocumented: failures listed in `failDetails` (or
/// `items` with a non-zero code) are reported per id, the other ids as
/// deleted.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "analytics/tags/del")]
pub struct DeleteAnalyticsTags {
    ids: Vec<String>,
}

impl DeleteAnalyticsTags {
    /// 1 to [`MAX_TAG_IDS`] distinct tag ids.
    pub fn new<I, S>(ids: I) -> Result<Self>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Ok(DeleteAnalyticsTags {
            ids: unique_ids("ids", ids, MAX_TAG_IDS)?,
        })
    }
}

#[derive(Serialize)]
struct IdsBody<'a> {
    ids: &'a [String],
}

impl Operation for DeleteAnalyticsTags {
    type Config = Config;
    type Output = PhoneResults;
    const NAME: &'static str = "geelark.delete_analytics_tags";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        wire::build(
            ctx,
            "/open/v1/analytics/tags/del",
            to_body(&IdsBody { ids: &self.ids })?,
        )
    }

    fn parse_unchecked(&self, response: &Response) -> Result<PhoneResults> {
        parse_results(Self::NAME, &self.ids, response)
    }

    /// No: a repeat may be refused for tags the first call deleted.
    fn is_idempotent(&self) -> bool {
        false
    }
}
