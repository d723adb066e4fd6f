//! Start, stop and delete phones: `POST /open/v1/phone/start`, `/stop`,
//! `/delete`, each with 1 to [`MAX_IDS`] ids.
//!
//! All three answer batch shape A inside a `code 0` envelope even when some
//! ids failed (GeeLark's own start example has `failAmount: 2`); 40006/40009
//! with `data` are read the same way.
//!
//! - Start lists each started phone in `successDetails` with its remote-view
//!   `url` — a capability URL (whoever holds it can watch and drive the
//!   phone), so it is a [`Secret`], redacted in `Debug`.
//! - A `code 0` envelope without `data` names no phone and reports no
//!   amounts: every id of the call is left out (a merge reports them
//!   missing), neither failed nor succeeded.
//! - Stop and delete are documented to list only `failDetails` (stop's
//!   example adds `successDetails`). When an answer lists no successes, a
//!   requested id no failure names counts as succeeded only when the amounts
//!   are consistent — see [`infer_succeeded`](super::shapes::infer_succeeded);
//!   otherwise such ids are left out and a merge reports them missing.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::config::Config;
use super::shapes::{
    Amounts, Envelope, PhoneAck, WireAck, WireFail, acks_or_inferred, failures, to_body,
};
use super::wire;
use crate::batch::{BatchItem, CallOutcome, ItemFailure};
use crate::error::{Result, invalid};
use crate::http::{Request, Response};
use crate::json::{null_default, string_or_int};
use crate::op::{Context, Operation, unique_ids};
use crate::secret::Secret;

/// Most ids one start, stop or delete call carries. Delete is documented at
/// 100; start and stop have no limit in GeeLark's docs (the official CLI says
/// 200), so the documented 100 is used for all three — a batch plan splits
/// larger sets.
pub const MAX_IDS: usize = 100;

/// Smallest remote-view width `start` accepts, in pixels.
pub const MIN_WIDTH: u16 = 200;
/// Largest remote-view width `start` accepts, in pixels.
pub const MAX_WIDTH: u16 = 600;

/// Start phones. Options not set are not sent, so GeeLark's defaults apply
/// (width 336, centred, no energy saving).
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "phone/start")]
pub struct StartPhones {
    ids: Vec<String>,
    width: Option<u16>,
    center: Option<bool>,
    energy_saving: Option<bool>,
}

impl StartPhones {
    /// 1 to [`MAX_IDS`] distinct phone ids.
    pub fn new<I, S>(ids: I) -> Result<Self>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Ok(StartPhones {
            ids: unique_ids("ids", ids, MAX_IDS)?,
            width: None,
            center: None,
            energy_saving: None,
        })
    }

    /// The remote view's width in pixels, [`MIN_WIDTH`] to [`MAX_WIDTH`].
    pub fn width(mut self, px: u16) -> Result<Self> {
        if !(MIN_WIDTH..=MAX_WIDTH).contains(&px) {
            return Err(invalid(
                "width",
                format!("must be {MIN_WIDTH} to {MAX_WIDTH} pixels"),
            ));
        }
        self.width = Some(px);
        Ok(self)
    }

    /// Whether the remote view opens centred.
    pub fn center(mut self, center: bool) -> Self {
        self.center = Some(center);
        self
    }

    /// Energy-saving mode: GeeLark shuts the phone down after 30 idle minutes
    /// (guards against phones left billing per minute).
    pub fn energy_saving(mut self, on: bool) -> Self {
        self.energy_saving = Some(on);
        self
    }

    /// The distinct ids this call starts.
    pub fn ids(&self) -> &[String] {
        &self.ids
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct StartBody<'a> {
    ids: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    width: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    center: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    energy_saving_mode: Option<u8>,
}

#[derive(Serialize)]
struct IdsBody<'a> {
    ids: &'a [String],
}

/// A phone that started.
#[derive(Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct StartedPhone {
    /// The phone id.
    pub id: String,
    /// The browser-openable remote view. A capability URL: redacted in
    /// `Debug`, reachable through [`Secret::expose`].
    pub url: Option<Secret>,
    /// `chargingMethod` as sent, e.g. `"Per-minute usage"`, `"Monthly rental"`.
    pub charging_method: Option<String>,
}

impl fmt::Debug for StartedPhone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StartedPhone")
            .field("id", &self.id)
            .field("url", &self.url)
            .field("charging_method", &self.charging_method)
            .finish()
    }
}

impl BatchItem for StartedPhone {
    fn item_id(&self) -> &str {
        &self.id
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireStarted {
    #[serde(deserialize_with = "string_or_int")]
    id: String,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    charging_method: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", bound(deserialize = "S: Deserialize<'de>"))]
struct WireShapeA<S> {
    #[serde(default)]
    total_amount: Option<u64>,
    #[serde(default)]
    success_amount: Option<u64>,
    #[serde(default)]
    fail_amount: Option<u64>,
    #[serde(default, deserialize_with = "null_default")]
    success_details: Vec<S>,
    #[serde(default, deserialize_with = "null_default")]
    fail_details: Vec<WireFail>,
}

impl<S> Default for WireShapeA<S> {
    fn default() -> Self {
        WireShapeA {
            total_amount: None,
            success_amount: None,
            fail_amount: None,
            success_details: Vec::new(),
            fail_details: Vec::new(),
        }
    }
}

impl<S> WireShapeA<S> {
    fn amounts(&self) -> Amounts {
        Amounts::new(self.total_amount, self.success_amount, self.fail_amount)
    }
}

/// The answer to one start call.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct StartReport {
    /// The envelope.
    #[serde(flatten)]
    pub envelope: Envelope,
    /// The amounts, as reported.
    pub amounts: Amounts,
    /// Phones that started, with their remote views.
    pub started: Vec<StartedPhone>,
    /// Phones that did not (43004 expired, 43007 in use, 47002 resources
    /// insufficient, …).
    pub failures: Vec<ItemFailure>,
}

impl From<StartReport> for CallOutcome<StartedPhone> {
    fn from(r: StartReport) -> Self {
        CallOutcome::new(r.started, r.failures, r.envelope.trace_id)
    }
}

impl Operation for StartPhones {
    type Config = Config;
    type Output = StartReport;
    const NAME: &'static str = "geelark.start_phones";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        let body = to_body(&StartBody {
            ids: &self.ids,
            width: self.width,
            center: self.center.map(u8::from),
            energy_saving_mode: self.energy_saving.map(u8::from),
        })?;
        wire::build(ctx, "/open/v1/phone/start", body)
    }

    fn parse_unchecked(&self, response: &Response) -> Result<StartReport> {
        let a = wire::parse::<WireShapeA<WireStarted>>(Self::NAME, response)?;
        let envelope = Envelope::of(&a);
        let data = a.data;
        Ok(StartReport {
            envelope,
            amounts: data.amounts(),
            started: data
                .success_details
                .into_iter()
                .map(|s| StartedPhone {
                    id: s.id,
                    url: s.url.filter(|u| !u.is_empty()).map(Secret::new),
                    charging_method: s.charging_method,
                })
                .collect(),
            failures: failures(data.fail_details),
        })
    }

    /// No: a start begins per-minute billing, and a retry after a lost
    /// answer could start a phone the caller has since given up on.
    fn is_idempotent(&self) -> bool {
        false
    }
}

/// The answer to one stop or delete call.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct LifecycleReport {
    /// The envelope.
    #[serde(flatten)]
    pub envelope: Envelope,
    /// The amounts, as reported.
    pub amounts: Amounts,
    /// Phones the call acted on: listed in `successDetails`, or inferred.
    pub succeeded: Vec<PhoneAck>,
    /// Whether `succeeded` was inferred from consistent amounts because the
    /// answer listed no successes.
    pub succeeded_inferred: bool,
    /// Phones it did not act on.
    pub failures: Vec<ItemFailure>,
}

impl From<LifecycleReport> for CallOutcome<PhoneAck> {
    fn from(r: LifecycleReport) -> Self {
        CallOutcome::new(r.succeeded, r.failures, r.envelope.trace_id)
    }
}

pub(crate) fn parse_lifecycle(
    name: &'static str,
    requested: &[String],
    response: &Response,
) -> Result<LifecycleReport> {
    let a = wire::parse::<WireShapeA<WireAck>>(name, response)?;
    let envelope = Envelope::of(&a);
    let data = a.data;
    let amounts = data.amounts();
    let failures = failures(data.fail_details);
    let (succeeded, succeeded_inferred) =
        acks_or_inferred(requested, data.success_details, &failures, &amounts);
    Ok(LifecycleReport {
        envelope,
        amounts,
        succeeded,
        succeeded_inferred,
        failures,
    })
}

/// Stop phones.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "phone/stop")]
pub struct StopPhones {
    ids: Vec<String>,
}

impl StopPhones {
    /// 1 to [`MAX_IDS`] distinct phone ids.
    pub fn new<I, S>(ids: I) -> Result<Self>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Ok(StopPhones {
            ids: unique_ids("ids", ids, MAX_IDS)?,
        })
    }

    /// The distinct ids this call stops.
    pub fn ids(&self) -> &[String] {
        &self.ids
    }
}

impl Operation for StopPhones {
    type Config = Config;
    type Output = LifecycleReport;
    const NAME: &'static str = "geelark.stop_phones";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        wire::build(
            ctx,
            "/open/v1/phone/stop",
            to_body(&IdsBody { ids: &self.ids })?,
        )
    }

    fn parse_unchecked(&self, response: &Response) -> Result<LifecycleReport> {
        parse_lifecycle(Self::NAME, &self.ids, response)
    }

    /// Yes: a stopped phone stays stopped; stopping it again changes nothing.
    fn is_idempotent(&self) -> bool {
        true
    }
}

/// Delete phones (they must be stopped: 43009 started, 43010 starting).
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "phone/delete")]
pub struct DeletePhones {
    ids: Vec<String>,
}

impl DeletePhones {
    /// 1 to [`MAX_IDS`] distinct phone ids.
    pub fn new<I, S>(ids: I) -> Result<Self>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Ok(DeletePhones {
            ids: unique_ids("ids", ids, MAX_IDS)?,
        })
    }

    /// The distinct ids this call deletes.
    pub fn ids(&self) -> &[String] {
        &self.ids
    }
}

impl Operation for DeletePhones {
    type Config = Config;
    type Output = LifecycleReport;
    const NAME: &'static str = "geelark.delete_phones";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        wire::build(
            ctx,
            "/open/v1/phone/delete",
            to_body(&IdsBody { ids: &self.ids })?,
        )
    }

    fn parse_unchecked(&self, response: &Response) -> Result<LifecycleReport> {
        parse_lifecycle(Self::NAME, &self.ids, response)
    }

    /// No: the effect repeats harmlessly, but a retried delete answers 42001
    /// "not found" for phones the first attempt deleted, which would report
    /// a success as a failure.
    fn is_idempotent(&self) -> bool {
        false
    }
}

/// Restart one running phone: `POST /open/v1/phone/restart` (42001 not
/// found, 43005 not running). Answers with the envelope; the phone comes
/// back through starting to running (wait with the state watch, or for the
/// phone-started callback).
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "phone/restart")]
pub struct RestartPhone {
    id: String,
}

impl RestartPhone {
    /// The phone `id`.
    pub fn new(id: impl Into<String>) -> Result<Self> {
        let id = id.into();
        crate::op::check_id("id", &id)?;
        Ok(RestartPhone { id })
    }
}

#[derive(Serialize)]
struct IdBody<'a> {
    id: &'a str,
}

impl Operation for RestartPhone {
    type Config = Config;
    type Output = super::apps::Accepted;
    const NAME: &'static str = "geelark.restart_phone";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        wire::build(
            ctx,
            "/open/v1/phone/restart",
            to_body(&IdBody { id: &self.id })?,
        )
    }

    fn parse_unchecked(&self, response: &Response) -> Result<super::apps::Accepted> {
        super::apps::parse_accepted(Self::NAME, response)
    }

    /// No: a second restart while the first runs interrupts it.
    fn is_idempotent(&self) -> bool {
        false
    }
}
