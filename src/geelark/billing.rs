//! Billing actions (reference §3.12): what spends money — change or renew
//! the plan, buy a time add-on, top up the wallet — and where the money
//! went (`billing/transaction/detail`, the last three days, cursor paged).
//! The read-only calls (wallet, plan, plans on sale) are in
//! [`account`](super::account).
//!
//! Every spending call is refused by [`Operation::is_idempotent`] for a
//! retry: a lost answer may hide a completed payment. Promo codes and
//! amounts are checked before anything is built (41001 no balance, 41002 a
//! downgrade, 41003 a bad promo code are GeeLark's answers).

use serde::{Deserialize, Serialize};

use super::apps::{Accepted, parse_accepted};
use super::config::Config;
use super::shapes::{Envelope, opt_count, opt_int, to_body};
use super::wire;
use crate::error::{Result, invalid};
use crate::http::{Request, Response};
use crate::json::{null_default, opt_string_or_int};
use crate::op::{Context, Operation, check_id};
use crate::page::Pager;
use crate::secret::Secret;

/// The plan lengths GeeLark sells, in days.
pub const PLAN_DAYS: [u16; 4] = [30, 90, 180, 360];
/// The time add-on sizes GeeLark sells, in minutes.
pub const TIME_ADD_ON_MINUTES: [u32; 12] = [
    2_000, 5_000, 10_000, 20_000, 50_000, 100_000, 200_000, 500_000, 1_000_000, 2_000_000,
    5_000_000, 10_000_000,
];
/// Largest transaction page.
pub const MAX_TRANSACTIONS: u32 = 1_000;
/// How far back transactions can be read: three days, in seconds.
pub const TRANSACTION_WINDOW_SECS: u64 = 3 * 24 * 3600;
/// Smallest wallet top-up, USD.
pub const MIN_RECHARGE_USD: u32 = 100;
/// Wallet top-ups must stay below this, USD.
pub const MAX_RECHARGE_USD: u32 = 5_000;

fn check_days(days: u16) -> Result<u16> {
    if PLAN_DAYS.contains(&days) {
        Ok(days)
    } else {
        Err(invalid("days", "30, 90, 180 or 360"))
    }
}

fn check_promo(code: String) -> Result<String> {
    if code.is_empty()
        || code.len() > 64
        || !code
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        return Err(invalid("promoCode", "1 to 64 letters, digits, '-' or '_'"));
    }
    Ok(code)
}

/// Change the plan (upgrades only: 41002 refuses a downgrade):
/// `POST /open/v1/pay/plan/upgrade`. **Spends money.**
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[doc(alias = "pay/plan/upgrade")]
pub struct UpgradePlan {
    profiles_id: String,
    parallels_num: u32,
    monthly_rental_num: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    days: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    promo_code: Option<String>,
}

impl UpgradePlan {
    /// To the profile plan `profiles_id` (a
    /// [`ProfilePlan`](super::account::ProfilePlan) id) with `parallels`
    /// parallel phones and `monthly_rentals` monthly phones (each at least
    /// the current plan's).
    pub fn new(
        profiles_id: impl Into<String>,
        parallels: u32,
        monthly_rentals: u32,
    ) -> Result<Self> {
        let profiles_id = profiles_id.into();
        check_id("profilesId", &profiles_id)?;
        Ok(UpgradePlan {
            profiles_id,
            parallels_num: parallels,
            monthly_rental_num: monthly_rentals,
            days: None,
            promo_code: None,
        })
    }

    /// For `days` (30, 90, 180 or 360; required when the plan has expired).
    pub fn days(mut self, days: u16) -> Result<Self> {
        self.days = Some(check_days(days)?);
        Ok(self)
    }

    /// With a promo code.
    pub fn promo_code(mut self, code: impl Into<String>) -> Result<Self> {
        self.promo_code = Some(check_promo(code.into())?);
        Ok(self)
    }
}

impl Operation for UpgradePlan {
    type Config = Config;
    type Output = Accepted;
    const NAME: &'static str = "geelark.upgrade_plan";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        wire::build(ctx, "/open/v1/pay/plan/upgrade", to_body(self)?)
    }

    fn parse_unchecked(&self, response: &Response) -> Result<Accepted> {
        parse_accepted(Self::NAME, response)
    }

    fn is_idempotent(&self) -> bool {
        false
    }
}

/// Renew the current plan: `POST /open/v1/pay/plan/continue`. **Spends
/// money.**
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[doc(alias = "pay/plan/continue")]
pub struct RenewPlan {
    days: u16,
    #[serde(skip_serializing_if = "Option::is_none")]
    promo_code: Option<String>,
}

impl RenewPlan {
    /// For `days` (30, 90, 180 or 360).
    pub fn new(days: u16) -> Result<Self> {
        Ok(RenewPlan {
            days: check_days(days)?,
            promo_code: None,
        })
    }

    /// With a promo code.
    pub fn promo_code(mut self, code: impl Into<String>) -> Result<Self> {
        self.promo_code = Some(check_promo(code.into())?);
        Ok(self)
    }
}

impl Operation for RenewPlan {
    type Config = Config;
    type Output = Accepted;
    const NAME: &'static str = "geelark.renew_plan";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        wire::build(ctx, "/open/v1/pay/plan/continue", to_body(self)?)
    }

    fn parse_unchecked(&self, response: &Response) -> Result<Accepted> {
        parse_accepted(Self::NAME, response)
    }

    fn is_idempotent(&self) -> bool {
        false
    }
}

/// Buy a time add-on (minutes of phone time): `POST
/// /open/v1/pay/timeAddOn/buy` (GeeLark's CLI). **Spends money.**
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[doc(alias = "pay/timeAddOn/buy")]
pub struct BuyTimeAddOn {
    minutes: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    promo_code: Option<String>,
}

impl BuyTimeAddOn {
    /// `minutes`, one of [`TIME_ADD_ON_MINUTES`].
    pub fn new(minutes: u32) -> Result<Self> {
        if !TIME_ADD_ON_MINUTES.contains(&minutes) {
            return Err(invalid(
                "minutes",
                "2000, 5000, 10000, 20000, 50000, 100000, 200000, 500000, 1000000, 2000000, 5000000 or 10000000",
            ));
        }
        Ok(BuyTimeAddOn {
            minutes,
            promo_code: None,
        })
    }

    /// With a promo code.
    pub fn promo_code(mut self, code: impl Into<String>) -> Result<Self> {
        self.promo_code = Some(check_promo(code.into())?);
        Ok(self)
    }
}

impl Operation for BuyTimeAddOn {
    type Config = Config;
    type Output = Accepted;
    const NAME: &'static str = "geelark.buy_time_add_on";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        wire::build(ctx, "/open/v1/pay/timeAddOn/buy", to_body(self)?)
    }

    fn parse_unchecked(&self, response: &Response) -> Result<Accepted> {
        parse_accepted(Self::NAME, response)
    }

    fn is_idempotent(&self) -> bool {
        false
    }
}

/// How a wallet top-up is paid.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PayChannel {
    /// 1: Alipay.
    Alipay,
    /// 2: WeChat Pay.
    WeChat,
}

/// Top up the wallet: `POST /open/v1/pay/wallet/recharge` (Chinese docs
/// only). Nothing is paid by the call: it answers an order and the URL of
/// a QR code a person pays with.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[doc(alias = "pay/wallet/recharge")]
pub struct RechargeWallet {
    pay_channel: u8,
    pay_num: u32,
}

impl RechargeWallet {
    /// `usd` dollars (a multiple of 100, from [`MIN_RECHARGE_USD`] up to
    /// below [`MAX_RECHARGE_USD`]) through `channel`.
    pub fn new(channel: PayChannel, usd: u32) -> Result<Self> {
        if !(MIN_RECHARGE_USD..MAX_RECHARGE_USD).contains(&usd) || usd % 100 != 0 {
            return Err(invalid(
                "payNum",
                "a multiple of 100, at least 100 and below 5000",
            ));
        }
        let pay_channel = match channel {
            PayChannel::Alipay => 1,
            PayChannel::WeChat => 2,
        };
        Ok(RechargeWallet {
            pay_channel,
            pay_num: usd,
        })
    }
}

/// A top-up order: its id and where its QR code is (a payment capability:
/// redacted in `Debug`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct RechargeOrder {
    /// The envelope.
    #[serde(flatten)]
    pub envelope: Envelope,
    /// The order id.
    pub order_id: Option<String>,
    /// The QR code image URL.
    pub url: Option<Secret>,
}

impl Operation for RechargeWallet {
    type Config = Config;
    type Output = RechargeOrder;
    const NAME: &'static str = "geelark.recharge_wallet";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        wire::build(ctx, "/open/v1/pay/wallet/recharge", to_body(self)?)
    }

    fn parse_unchecked(&self, response: &Response) -> Result<RechargeOrder> {
        #[derive(Deserialize)]
        #[serde(rename_all = "camelCase")]
        struct Wire {
            #[serde(default, deserialize_with = "opt_string_or_int")]
            order_id: Option<String>,
            #[serde(default)]
            url: Option<String>,
        }
        let a = wire::parse::<Wire>(Self::NAME, response)?;
        Ok(RechargeOrder {
            envelope: Envelope::of(&a),
            order_id: a.data.order_id.filter(|s| !s.is_empty()),
            url: a.data.url.filter(|s| !s.is_empty()).map(Secret::new),
        })
    }

    /// No: each call opens a new order.
    fn is_idempotent(&self) -> bool {
        false
    }
}

/// One charge.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all(deserialize = "camelCase"))]
#[non_exhaustive]
pub struct Transaction {
    /// The flow id (the cursor).
    #[serde(deserialize_with = "crate::json::string_or_int")]
    pub id: String,
    /// The phone charged for.
    #[serde(default, deserialize_with = "opt_string_or_int")]
    pub env_id: Option<String>,
    /// 1 phone time, 2 RPA.
    #[serde(default, rename(deserialize = "type"), deserialize_with = "opt_int")]
    pub kind: Option<i64>,
    /// What paid: 1 points, 2 balance, 3 bonus, 4 time add-on, 5 bonus
    /// minutes, 6 monthly, 7 parallels, 8 daily cap reached.
    #[serde(default, deserialize_with = "opt_int")]
    pub charge_type: Option<i64>,
    /// The amount.
    #[serde(default)]
    pub amount: Option<f64>,
    /// Minutes used.
    #[serde(default, deserialize_with = "opt_int")]
    pub used_time: Option<i64>,
    /// When (Unix seconds).
    #[serde(default, deserialize_with = "opt_int")]
    pub created_time: Option<i64>,
}

/// One page of transactions, and the cursor for the next.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct TransactionList {
    /// The envelope.
    #[serde(flatten)]
    pub envelope: Envelope,
    /// `total` over the window.
    pub total: Option<u64>,
    /// This page.
    pub transactions: Vec<Transaction>,
    /// `lastFlowId`: where the next page starts (absent or empty at the
    /// end).
    pub last_flow_id: Option<String>,
}

/// Where money went in the last three days: `POST
/// /open/v1/billing/transaction/detail` (GeeLark's CLI). The client's
/// `pages` walks it by `lastFlowId`; a short page, an empty cursor, or a
/// cursor that does not move ends the walk.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[doc(alias = "billing/transaction/detail")]
pub struct ListTransactions {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    start_at: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_at: Option<u64>,
    limit: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_flow_id: Option<String>,
}

impl Default for ListTransactions {
    fn default() -> Self {
        ListTransactions::new()
    }
}

impl ListTransactions {
    /// The first 100, every phone, GeeLark's default window.
    pub fn new() -> Self {
        ListTransactions {
            id: None,
            start_at: None,
            end_at: None,
            limit: 100,
            last_flow_id: None,
        }
    }

    /// Only charges for the phone `id`.
    pub fn phone(mut self, id: impl Into<String>) -> Result<Self> {
        let id = id.into();
        check_id("id", &id)?;
        self.id = Some(id);
        Ok(self)
    }

    /// Only charges from `start` to `end` (Unix seconds; at most
    /// [`TRANSACTION_WINDOW_SECS`] apart — GeeLark keeps three days).
    pub fn window(mut self, start: u64, end: u64) -> Result<Self> {
        if end < start {
            return Err(invalid("endAt", "not before startAt"));
        }
        if end - start > TRANSACTION_WINDOW_SECS {
            return Err(invalid("startAt", "at most three days before endAt"));
        }
        (self.start_at, self.end_at) = (Some(start), Some(end));
        Ok(self)
    }

    /// Pages of `limit` (1 to [`MAX_TRANSACTIONS`]).
    pub fn limit(mut self, limit: u32) -> Result<Self> {
        if limit == 0 || limit > MAX_TRANSACTIONS {
            return Err(invalid("limit", format!("1 to {MAX_TRANSACTIONS}")));
        }
        self.limit = limit;
        Ok(self)
    }

    /// Start after the flow `last_flow_id`.
    pub fn after(mut self, last_flow_id: impl Into<String>) -> Result<Self> {
        let id = last_flow_id.into();
        check_id("lastFlowId", &id)?;
        self.last_flow_id = Some(id);
        Ok(self)
    }
}

impl Operation for ListTransactions {
    type Config = Config;
    type Output = TransactionList;
    const NAME: &'static str = "geelark.list_transactions";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        wire::build(ctx, "/open/v1/billing/transaction/detail", to_body(self)?)
    }

    fn parse_unchecked(&self, response: &Response) -> Result<TransactionList> {
        #[derive(Deserialize)]
        #[serde(rename_all = "camelCase")]
        struct Wire {
            #[serde(default, deserialize_with = "opt_count")]
            total: Option<u64>,
            #[serde(default, deserialize_with = "null_default")]
            list: Vec<Transaction>,
            #[serde(default, deserialize_with = "opt_string_or_int")]
            last_flow_id: Option<String>,
        }
        let a = wire::parse::<Wire>(Self::NAME, response)?;
        Ok(TransactionList {
            envelope: Envelope::of(&a),
            total: a.data.total,
            transactions: a.data.list,
            last_flow_id: a.data.last_flow_id.filter(|s| !s.is_empty()),
        })
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}

impl Pager for ListTransactions {
    fn next_page(&self, last: &TransactionList) -> Option<Self> {
        if last.transactions.len() < self.limit as usize {
            return None;
        }
        let cursor = last.last_flow_id.as_ref()?;
        if self.last_flow_id.as_ref() == Some(cursor) {
            return None;
        }
        let mut next = self.clone();
        next.last_flow_id = Some(cursor.clone());
        Some(next)
    }

    fn item_ids(page: &TransactionList, each: &mut dyn FnMut(Option<&str>)) {
        page.transactions.iter().for_each(|t| each(Some(&t.id)));
    }
}
