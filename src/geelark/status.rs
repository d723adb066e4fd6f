//! Phone status: `POST /open/v1/phone/status` with 1 to [`MAX_IDS`] ids.
//!
//! The answer is batch shape A: `successDetails[{id, serialName, status}]`
//! and `failDetails[{code, id, msg}]` (42001: the phone does not exist),
//! inside a `code 0` envelope even when some ids failed.

use serde::{Deserialize, Serialize};

use super::config::Config;
use super::wire;
use crate::batch::{BatchItem, CallOutcome, ItemFailure};
use crate::error::{Result, invalid};
use crate::http::{Request, Response};
use crate::json::{int_or_string, null_default, opt_string_or_int, string_or_int};
use crate::op::{Context, Operation, unique_ids};
use crate::phone::PhoneStatus;

/// Most ids one status call accepts.
pub const MAX_IDS: usize = 100;

/// Ask for the status of up to 100 phones.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "phone/status")]
pub struct GetPhoneStatus {
    ids: Vec<String>,
}

impl GetPhoneStatus {
    /// 1 to [`MAX_IDS`] distinct phone ids (duplicates are collapsed first).
    pub fn new<I, S>(ids: I) -> Result<Self>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Ok(GetPhoneStatus {
            ids: unique_ids("ids", ids, MAX_IDS)?,
        })
    }

    /// The distinct ids this call asks about.
    pub fn ids(&self) -> &[String] {
        &self.ids
    }
}

#[derive(Serialize)]
struct Body<'a> {
    ids: &'a [String],
}

/// One phone's state.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct PhoneState {
    /// The phone id.
    pub id: String,
    /// The phone's name (`serialName`).
    pub serial_name: Option<String>,
    /// The state in the provider-neutral model (in JSON: its name, as
    /// [`PhoneStatus::as_str`]).
    #[serde(serialize_with = "crate::phone::serialize_status_name")]
    pub status: PhoneStatus,
    /// The status code as GeeLark sent it.
    pub raw_status: i64,
}

impl BatchItem for PhoneState {
    fn item_id(&self) -> &str {
        &self.id
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireSuccess {
    #[serde(deserialize_with = "string_or_int")]
    id: String,
    #[serde(default)]
    serial_name: Option<String>,
    #[serde(deserialize_with = "int_or_string")]
    status: i64,
}

#[derive(Deserialize)]
struct WireFail {
    #[serde(default, deserialize_with = "opt_string_or_int")]
    code: Option<String>,
    #[serde(deserialize_with = "string_or_int")]
    id: String,
    #[serde(default)]
    msg: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireData {
    #[serde(default)]
    total_amount: Option<u64>,
    #[serde(default)]
    success_amount: Option<u64>,
    #[serde(default)]
    fail_amount: Option<u64>,
    #[serde(default, deserialize_with = "null_default")]
    success_details: Vec<WireSuccess>,
    #[serde(default, deserialize_with = "null_default")]
    fail_details: Vec<WireFail>,
}

/// The answer to one status call.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct PhoneStatusReport {
    /// The envelope's `traceId`.
    pub trace_id: Option<String>,
    /// The envelope code: 0, or 40006/40009 for partial/complete failure.
    pub code: i64,
    /// The envelope's `msg`.
    pub msg: String,
    /// `totalAmount`, as reported.
    pub total_amount: Option<u64>,
    /// `successAmount`, as reported.
    pub success_amount: Option<u64>,
    /// `failAmount`, as reported.
    pub fail_amount: Option<u64>,
    /// Phones whose state was read.
    pub phones: Vec<PhoneState>,
    /// Phones that could not be read (42001: does not exist).
    pub failures: Vec<ItemFailure>,
}

impl From<PhoneStatusReport> for CallOutcome<PhoneState> {
    fn from(r: PhoneStatusReport) -> Self {
        CallOutcome::new(r.phones, r.failures, r.trace_id)
    }
}

impl Operation for GetPhoneStatus {
    type Config = Config;
    type Output = PhoneStatusReport;
    const NAME: &'static str = "geelark.get_phone_status";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        let body = serde_json::to_vec(&Body { ids: &self.ids })
            .map_err(|e| invalid("ids", e.to_string()))?;
        wire::build(ctx, "/open/v1/phone/status", body)
    }

    fn parse_unchecked(&self, response: &Response) -> Result<PhoneStatusReport> {
        let a = wire::parse::<WireData>(Self::NAME, response)?;
        let d = a.data;
        Ok(PhoneStatusReport {
            trace_id: a.trace_id,
            code: a.code,
            msg: a.msg,
            total_amount: d.total_amount,
            success_amount: d.success_amount,
            fail_amount: d.fail_amount,
            phones: d
                .success_details
                .into_iter()
                .map(|s| PhoneState {
                    status: PhoneStatus::from_geelark(s.status),
                    raw_status: s.status,
                    id: s.id,
                    serial_name: s.serial_name,
                })
                .collect(),
            failures: d
                .fail_details
                .into_iter()
                .map(|f| {
                    ItemFailure::api(f.id, f.code.unwrap_or_default(), f.msg.unwrap_or_default())
                })
                .collect(),
        })
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}
