//! The account and its catalogues (reference §3.12, §3.14, §3.1): whether
//! the credentials work (`auth/status`), the wallet (`pay/wallet`, 10 calls
//! a minute), the plan (`pay/plan/info`, one call a minute), the profile
//! plans on sale (`pay/profiles/list`), the phone brands and models a
//! creation can ask for (`phone/brand/list`) and a phone's device id
//! (`phone/serialNum/get`).

use serde::{Deserialize, Serialize};

use super::config::Config;
use super::shapes::{Envelope, opt_int, to_body};
use super::wire;
use crate::error::{Result, invalid};
use crate::http::{Request, Response};
use crate::json::{null_default, opt_string_or_int};
use crate::op::{Context, Operation, check_id};

/// An empty body `{}`.
fn empty() -> Vec<u8> {
    b"{}".to_vec()
}

/// Whether the credentials work: `POST /open/v1/auth/status` (code 0; a
/// bad token is 40003, an [`ErrorKind::Auth`](crate::ErrorKind::Auth)).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[doc(alias = "auth/status")]
pub struct AuthStatus;

impl Operation for AuthStatus {
    type Config = Config;
    type Output = super::apps::Accepted;
    const NAME: &'static str = "geelark.auth_status";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        wire::build(ctx, "/open/v1/auth/status", empty())
    }

    fn parse_unchecked(&self, response: &Response) -> Result<super::apps::Accepted> {
        super::apps::parse_accepted(Self::NAME, response)
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}

/// The wallet.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all(deserialize = "camelCase"))]
#[non_exhaustive]
pub struct Wallet {
    /// Balance (USD).
    #[serde(default)]
    pub balance: Option<f64>,
    /// Gift money (USD).
    #[serde(default)]
    pub gift_money: Option<f64>,
    /// Time add-on minutes left.
    #[serde(default, deserialize_with = "opt_int")]
    pub available_time_add_on: Option<i64>,
}

/// The answer to [`GetWallet`].
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct WalletReport {
    /// The envelope.
    #[serde(flatten)]
    pub envelope: Envelope,
    /// The wallet.
    pub wallet: Wallet,
}

/// Read the wallet: `POST /open/v1/pay/wallet` (10 calls a minute).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[doc(alias = "pay/wallet")]
pub struct GetWallet;

impl Operation for GetWallet {
    type Config = Config;
    type Output = WalletReport;
    const NAME: &'static str = "geelark.get_wallet";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        wire::build(ctx, "/open/v1/pay/wallet", empty())
    }

    fn parse_unchecked(&self, response: &Response) -> Result<WalletReport> {
        let a = wire::parse::<Wallet>(Self::NAME, response)?;
        Ok(WalletReport {
            envelope: Envelope::of(&a),
            wallet: a.data,
        })
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}

/// The plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all(deserialize = "camelCase"))]
#[non_exhaustive]
pub struct Plan {
    /// 0 Base, 1 Pro.
    #[serde(default, deserialize_with = "opt_int")]
    pub plan: Option<i64>,
    /// Profiles the plan includes.
    #[serde(default, deserialize_with = "opt_int")]
    pub profiles: Option<i64>,
    /// Monthly rentals.
    #[serde(default, deserialize_with = "opt_int")]
    pub monthly_rental: Option<i64>,
    /// Parallel phones.
    #[serde(default, deserialize_with = "opt_int")]
    pub parallels: Option<i64>,
    /// When it expires, Unix seconds.
    #[serde(default, deserialize_with = "opt_int")]
    pub expiration_time: Option<i64>,
    /// Monthly fee (USD).
    #[serde(default)]
    pub monthly_fee: Option<f64>,
    /// Profiles still free.
    #[serde(default, deserialize_with = "opt_int")]
    pub available_profiles: Option<i64>,
    /// Monthly rentals still free.
    #[serde(default, deserialize_with = "opt_int")]
    pub available_monthly_rentals: Option<i64>,
}

/// The answer to [`GetPlan`].
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct PlanReport {
    /// The envelope.
    #[serde(flatten)]
    pub envelope: Envelope,
    /// The plan.
    pub plan: Plan,
}

/// Read the plan: `POST /open/v1/pay/plan/info` (one call a minute).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[doc(alias = "pay/plan/info")]
pub struct GetPlan;

impl Operation for GetPlan {
    type Config = Config;
    type Output = PlanReport;
    const NAME: &'static str = "geelark.get_plan";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        wire::build(ctx, "/open/v1/pay/plan/info", empty())
    }

    fn parse_unchecked(&self, response: &Response) -> Result<PlanReport> {
        let a = wire::parse::<Plan>(Self::NAME, response)?;
        Ok(PlanReport {
            envelope: Envelope::of(&a),
            plan: a.data,
        })
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}

/// A profile plan on sale.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all(deserialize = "camelCase"))]
#[non_exhaustive]
pub struct ProfilePlan {
    /// The plan id (`profilesId` of an upgrade).
    #[serde(default, deserialize_with = "opt_string_or_int")]
    pub id: Option<String>,
    /// Price (USD).
    #[serde(default)]
    pub price: Option<f64>,
    /// 0 Base, 1 Pro.
    #[serde(default, deserialize_with = "opt_int")]
    pub level: Option<i64>,
    /// Phones.
    #[serde(default, deserialize_with = "opt_int")]
    pub env_num: Option<i64>,
    /// Free minutes.
    #[serde(default, deserialize_with = "opt_int")]
    pub free_time: Option<i64>,
    /// Phones that may be opened a day.
    #[serde(default, deserialize_with = "opt_int")]
    pub open_env_num_one_day: Option<i64>,
    /// Phones that may be created a day.
    #[serde(default, deserialize_with = "opt_int")]
    pub create_env_num_one_day: Option<i64>,
}

/// The answer to [`ListProfilePlans`].
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct ProfilePlans {
    /// The envelope.
    #[serde(flatten)]
    pub envelope: Envelope,
    /// The plans.
    pub plans: Vec<ProfilePlan>,
}

/// The profile plans on sale: `POST /open/v1/pay/profiles/list` (the data
/// is an array).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[doc(alias = "pay/profiles/list")]
pub struct ListProfilePlans;

impl Operation for ListProfilePlans {
    type Config = Config;
    type Output = ProfilePlans;
    const NAME: &'static str = "geelark.list_profile_plans";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        wire::build(ctx, "/open/v1/pay/profiles/list", empty())
    }

    fn parse_unchecked(&self, response: &Response) -> Result<ProfilePlans> {
        let a = wire::parse::<Vec<ProfilePlan>>(Self::NAME, response)?;
        Ok(ProfilePlans {
            envelope: Envelope::of(&a),
            plans: a.data,
        })
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}

/// A brand and model a phone creation can present.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all(deserialize = "camelCase"))]
#[non_exhaustive]
pub struct Brand {
    /// `surfaceBrandName`.
    #[serde(default)]
    pub surface_brand_name: Option<String>,
    /// `surfaceModelName`.
    #[serde(default)]
    pub surface_model_name: Option<String>,
}

/// The answer to [`ListBrands`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct BrandList {
    /// The envelope.
    #[serde(flatten)]
    pub envelope: Envelope,
    /// The brands and models.
    pub brands: Vec<Brand>,
}

/// The brands and models for an Android version: `POST
/// /open/v1/phone/brand/list` (the data is an array).
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "phone/brand/list")]
pub struct ListBrands {
    android: u8,
}

impl ListBrands {
    /// For Android `android` (10 to 16).
    pub fn new(android: u8) -> Result<Self> {
        if !(10..=16).contains(&android) {
            return Err(invalid("androidVer", "must be 10 to 16"));
        }
        Ok(ListBrands { android })
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct BrandBody {
    android_ver: u8,
}

impl Operation for ListBrands {
    type Config = Config;
    type Output = BrandList;
    const NAME: &'static str = "geelark.list_brands";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        let body = to_body(&BrandBody {
            android_ver: self.android,
        })?;
        wire::build(ctx, "/open/v1/phone/brand/list", body)
    }

    fn parse_unchecked(&self, response: &Response) -> Result<BrandList> {
        #[derive(Deserialize)]
        #[serde(transparent)]
        struct Wire(#[serde(deserialize_with = "null_default")] Vec<Brand>);
        let a = wire::parse::<Wire>(Self::NAME, response)?;
        Ok(BrandList {
            envelope: Envelope::of(&a),
            brands: a.data.0,
        })
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}

/// One page of [`ListTeamBrands`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct TeamBrandList {
    /// The envelope.
    #[serde(flatten)]
    pub envelope: Envelope,
    /// `total` over all pages, when the answer says.
    pub total: Option<u64>,
    /// The team's brands and models (create with `isTeamBrand`).
    pub brands: Vec<Brand>,
}

/// The brands and models the team uploaded for an Android version, a page
/// at a time: `POST /open/v1/phone/brand/teamList` (GeeLark's CLI). The
/// answer is undocumented; it is read as the catalogue's entries either as
/// a bare array or under `list`/`items` with a `total`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[doc(alias = "phone/brand/teamList")]
pub struct ListTeamBrands {
    #[serde(rename = "androidVer")]
    android: u8,
    page: u32,
    page_size: u32,
}

/// Largest page of the team brand list.
pub const MAX_TEAM_BRAND_PAGE: u32 = 100;

impl ListTeamBrands {
    /// Page 1 of 100 for Android `android` (9 to 16).
    pub fn new(android: u8) -> Result<Self> {
        if !(9..=16).contains(&android) {
            return Err(invalid("androidVer", "must be 9 to 16"));
        }
        Ok(ListTeamBrands {
            android,
            page: 1,
            page_size: MAX_TEAM_BRAND_PAGE,
        })
    }

    /// Page `page` (from 1) of `page_size` (1 to [`MAX_TEAM_BRAND_PAGE`]).
    pub fn page(mut self, page: u32, page_size: u32) -> Result<Self> {
        crate::page::check_page(page, page_size, MAX_TEAM_BRAND_PAGE)?;
        (self.page, self.page_size) = (page, page_size);
        Ok(self)
    }
}

impl Operation for ListTeamBrands {
    type Config = Config;
    type Output = TeamBrandList;
    const NAME: &'static str = "geelark.list_team_brands";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        wire::build(ctx, "/open/v1/phone/brand/teamList", to_body(self)?)
    }

    fn parse_unchecked(&self, response: &Response) -> Result<TeamBrandList> {
        #[derive(Deserialize)]
        struct Paged {
            #[serde(default, deserialize_with = "super::shapes::opt_count")]
            total: Option<u64>,
            #[serde(default, deserialize_with = "null_default")]
            list: Vec<Brand>,
            #[serde(default, deserialize_with = "null_default")]
            items: Vec<Brand>,
        }
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Wire {
            Bare(Vec<Brand>),
            Paged(Paged),
        }
        let a = wire::parse::<Wire>(Self::NAME, response)?;
        let envelope = Envelope::of(&a);
        let (total, brands) = match a.data {
            Wire::Bare(brands) => (None, brands),
            Wire::Paged(p) => {
                let mut brands = p.list;
                brands.extend(p.items);
                (p.total, brands)
            }
        };
        Ok(TeamBrandList {
            envelope,
            total,
            brands,
        })
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}

// A team brand has no id of its own: the walk is bounded by page and item
// counts only.
page_number_pager!(ListTeamBrands, brands, |_b| None);

/// A phone's device id (the Android ID; a one-click new machine changes it):
/// `POST /open/v1/phone/serialNum/get`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "phone/serialNum/get")]
pub struct GetSerialNumber {
    id: String,
}

impl GetSerialNumber {
    /// The phone `id`.
    pub fn new(id: impl Into<String>) -> Result<Self> {
        let id = id.into();
        check_id("id", &id)?;
        Ok(GetSerialNumber { id })
    }
}

#[derive(Serialize)]
struct IdBody<'a> {
    id: &'a str,
}

/// The answer to [`GetSerialNumber`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct SerialNumber {
    /// The envelope.
    #[serde(flatten)]
    pub envelope: Envelope,
    /// `serialNum`.
    pub serial_num: String,
}

impl Operation for GetSerialNumber {
    type Config = Config;
    type Output = SerialNumber;
    const NAME: &'static str = "geelark.get_serial_number";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        wire::build(
            ctx,
            "/open/v1/phone/serialNum/get",
            to_body(&IdBody { id: &self.id })?,
        )
    }

    fn parse_unchecked(&self, response: &Response) -> Result<SerialNumber> {
        #[derive(Deserialize)]
        #[serde(rename_all = "camelCase")]
        struct Wire {
            #[serde(default, deserialize_with = "opt_string_or_int")]
            serial_num: Option<String>,
        }
        let a = wire::parse::<Wire>(Self::NAME, response)?;
        Ok(SerialNumber {
            envelope: Envelope::of(&a),
            serial_num: a.data.serial_num.unwrap_or_default(),
        })
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}
