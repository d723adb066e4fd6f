//! GPS: `POST /open/v1/phone/gps/set` places phones, `/gps/get` reads where
//! they are; 1 to [`MAX_IDS`] phones per call.
//!
//! Set answers batch shape A with the amounts only: no id is named either
//! way. Its successes are therefore always inferred, by the rule of
//! [`infer_succeeded`]: only when
//! `failAmount` is 0 (or matches a `failDetails` list, should one appear)
//! and `successAmount` covers every other requested phone. An answer with
//! failures it does not name leaves every phone out — a merge reports them
//! missing, because which ones failed is unknown.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::config::Config;
use super::shapes::{
    Amounts, Envelope, ItemId, WireFail, exact_f64, failures, infer_succeeded, to_body,
};
use super::wire;
use crate::batch::{BatchItem, CallOutcome, ItemFailure};
use crate::error::{Result, invalid};
use crate::http::{Request, Response};
use crate::json::{null_default, string_or_int};
use crate::op::{Context, Operation, check_id, unique_ids};

/// Most phones one GPS call carries. GeeLark documents no limit; 100 is its
/// limit for every other per-phone batch, and a batch plan splits more.
pub const MAX_IDS: usize = 100;

/// A phone's position, in degrees.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct GpsPosition {
    /// The phone id.
    pub id: String,
    /// Latitude, −90 to 90.
    pub latitude: f64,
    /// Longitude, −180 to 180.
    pub longitude: f64,
}

impl GpsPosition {
    /// A position; refuses coordinates outside the globe (and NaN).
    pub fn new(id: impl Into<String>, latitude: f64, longitude: f64) -> Result<Self> {
        let id = id.into();
        check_id("list", &id)?;
        if !(-90.0..=90.0).contains(&latitude) {
            return Err(invalid("latitude", "must be from -90 to 90 degrees"));
        }
        if !(-180.0..=180.0).contains(&longitude) {
            return Err(invalid("longitude", "must be from -180 to 180 degrees"));
        }
        Ok(GpsPosition {
            id,
            latitude,
            longitude,
        })
    }
}

impl BatchItem for GpsPosition {
    fn item_id(&self) -> &str {
        &self.id
    }
}

/// Place phones at positions.
#[derive(Clone, Debug, PartialEq)]
#[doc(alias = "phone/gps/set")]
pub struct SetGps {
    list: Vec<GpsPosition>,
}

impl SetGps {
    /// 1 to [`MAX_IDS`] phones. A phone listed twice at the same place
    /// is sent once; listed at two different places, it is refused (which
    /// one was meant is unknown).
    pub fn new(positions: impl IntoIterator<Item = GpsPosition>) -> Result<Self> {
        let mut seen: HashMap<String, (f64, f64)> = HashMap::new();
        let mut list = Vec::new();
        for p in positions {
            match seen.get(&p.id) {
                Some(&(lat, lon)) if lat == p.latitude && lon == p.longitude => {}
                Some(_) => {
                    return Err(invalid(
                        "list",
                        format!(
                            "the phone {} is given two different positions",
                            crate::limits::echo(&p.id)
                        ),
                    ));
                }
                None => {
                    seen.insert(p.id.clone(), (p.latitude, p.longitude));
                    list.push(p);
                }
            }
        }
        if list.is_empty() {
            return Err(invalid(
                "list",
                "no positions given; at least one is required",
            ));
        }
        if list.len() > MAX_IDS {
            return Err(invalid(
                "list",
                format!(
                    "{} distinct phones given, more than the {MAX_IDS} one call accepts; use a batch plan to split them",
                    list.len()
                ),
            ));
        }
        Ok(SetGps { list })
    }

    /// The distinct phone ids, in order.
    pub fn ids(&self) -> Vec<String> {
        self.list.iter().map(|p| p.id.clone()).collect()
    }
}

#[derive(Serialize)]
struct SetBody<'a> {
    list: Vec<WirePoint<'a>>,
}

#[derive(Serialize)]
struct WirePoint<'a> {
    id: &'a str,
    longitude: f64,
    latitude: f64,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireSet {
    #[serde(default)]
    total_amount: Option<u64>,
    #[serde(default)]
    success_amount: Option<u64>,
    #[serde(default)]
    fail_amount: Option<u64>,
    #[serde(default, deserialize_with = "null_default")]
    fail_details: Vec<WireFail>,
}

/// The answer to one GPS set call.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct GpsSetReport {
    /// The envelope.
    #[serde(flatten)]
    pub envelope: Envelope,
    /// The amounts, as reported.
    pub amounts: Amounts,
    /// Phones placed — inferred from consistent amounts (the answer names
    /// none).
    pub succeeded: Vec<ItemId>,
    /// Phones named as failed (the documented answer names none).
    pub failures: Vec<ItemFailure>,
}

impl From<GpsSetReport> for CallOutcome<ItemId> {
    fn from(r: GpsSetReport) -> Self {
        CallOutcome::new(r.succeeded, r.failures, r.envelope.trace_id)
    }
}

impl Operation for SetGps {
    type Config = Config;
    type Output = GpsSetReport;
    const NAME: &'static str = "geelark.set_gps";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        let body = SetBody {
            list: self
                .list
                .iter()
                .map(|p| WirePoint {
                    id: &p.id,
                    longitude: p.longitude,
                    latitude: p.latitude,
                })
                .collect(),
        };
        wire::build(ctx, "/open/v1/phone/gps/set", to_body(&body)?)
    }

    fn parse_unchecked(&self, response: &Response) -> Result<GpsSetReport> {
        let a = wire::parse::<WireSet>(Self::NAME, response)?;
        let envelope = Envelope::of(&a);
        let d = a.data;
        let amounts = Amounts::new(d.total_amount, d.success_amount, d.fail_amount);
        let failures = failures(d.fail_details);
        let succeeded = infer_succeeded(&self.ids(), &failures, &amounts)
            .unwrap_or_default()
            .into_iter()
            .map(ItemId::new)
            .collect();
        Ok(GpsSetReport {
            envelope,
            amounts,
            succeeded,
            failures,
        })
    }

    /// Yes: it sets positions.
    fn is_idempotent(&self) -> bool {
        true
    }
}

/// Read phones' positions.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "phone/gps/get")]
pub struct GetGps {
    ids: Vec<String>,
}

impl GetGps {
    /// 1 to [`MAX_IDS`] distinct phone ids.
    pub fn new<I, S>(ids: I) -> Result<Self>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Ok(GetGps {
            ids: unique_ids("ids", ids, MAX_IDS)?,
        })
    }

    /// The distinct ids this call reads.
    pub fn ids(&self) -> &[String] {
        &self.ids
    }
}

#[derive(Serialize)]
struct IdsBody<'a> {
    ids: &'a [String],
}

#[derive(Deserialize)]
struct WirePosition {
    #[serde(deserialize_with = "string_or_int")]
    id: String,
    #[serde(deserialize_with = "exact_f64")]
    latitude: f64,
    #[serde(deserialize_with = "exact_f64")]
    longitude: f64,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireGet {
    #[serde(default)]
    total_amount: Option<u64>,
    #[serde(default)]
    success_amount: Option<u64>,
    #[serde(default)]
    fail_amount: Option<u64>,
    #[serde(default, deserialize_with = "null_default")]
    list: Vec<WirePosition>,
    #[serde(default, deserialize_with = "null_default")]
    fail_details: Vec<WireFail>,
}

/// The answer to one GPS read.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct GpsReport {
    /// The envelope.
    #[serde(flatten)]
    pub envelope: Envelope,
    /// The amounts, as reported.
    pub amounts: Amounts,
    /// Positions read.
    pub positions: Vec<GpsPosition>,
    /// Phones that could not be read (42001: not found).
    pub failures: Vec<ItemFailure>,
}

impl From<GpsReport> for CallOutcome<GpsPosition> {
    fn from(r: GpsReport) -> Self {
        CallOutcome::new(r.positions, r.failures, r.envelope.trace_id)
    }
}

impl Operation for GetGps {
    type Config = Config;
    type Output = GpsReport;
    const NAME: &'static str = "geelark.get_gps";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        wire::build(
            ctx,
            "/open/v1/phone/gps/get",
            to_body(&IdsBody { ids: &self.ids })?,
        )
    }

    fn parse_unchecked(&self, response: &Response) -> Result<GpsReport> {
        let a = wire::parse::<WireGet>(Self::NAME, response)?;
        let envelope = Envelope::of(&a);
        let d = a.data;
        Ok(GpsReport {
            envelope,
            amounts: Amounts::new(d.total_amount, d.success_amount, d.fail_amount),
            positions: d
                .list
                .into_iter()
                .map(|p| GpsPosition {
                    id: p.id,
                    latitude: p.latitude,
                    longitude: p.longitude,
                })
                .collect(),
            failures: failures(d.fail_details),
        })
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}
