//! Obtain cloud-phone access information:
//! `POST /v1/{project_id}/cloud-phone/phones/batch-connection`.
//!
//! At most [`MAX_IDS`] ids per call; use [`crate::batch::BatchPlan`] with
//! that limit for more. Per-phone failures come back inside a 200 as
//! `errors[]` and land in the outcome's `failed` list.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::config::Config;
use super::wire;
use crate::batch::{BatchItem, CallOutcome, ItemFailure};
use crate::error::{Error, Result, invalid};
use crate::http::{Method, Request, Response};
use crate::json::{int_or_string, null_default, opt_string_or_int, string_or_int};
use crate::op::{Context, Operation, unique_ids};
use crate::secret::Secret;

/// Most phone ids one batch-connection call accepts.
pub const MAX_IDS: usize = 10;

/// Which client SDK will connect to the phone.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ClientType {
    /// Android SDK (`ANDROID`).
    Android,
    /// Windows SDK (`WINDOWS`).
    Windows,
    /// H5 SDK on mobile (`H5_MOBILE`).
    H5Mobile,
    /// H5 SDK on PC (`H5_PC`).
    H5Pc,
    /// iOS SDK. Sent as `IOS`, the value in the API definition the official
    /// SDKs are generated from; the English page's "iOS" is its label.
    Ios,
}

impl ClientType {
    /// Every client type.
    pub const ALL: [ClientType; 5] = [
        ClientType::Android,
        ClientType::Windows,
        ClientType::H5Mobile,
        ClientType::H5Pc,
        ClientType::Ios,
    ];

    /// The value sent on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            ClientType::Android => "ANDROID",
            ClientType::Windows => "WINDOWS",
            ClientType::H5Mobile => "H5_MOBILE",
            ClientType::H5Pc => "H5_PC",
            ClientType::Ios => "IOS",
        }
    }
}

impl fmt::Display for ClientType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ClientType {
    type Err = Error;

    /// Accepts the wire values in any case (`ANDROID`, `h5_pc`, `iOS`, …).
    fn from_str(s: &str) -> Result<Self> {
        ClientType::ALL
            .into_iter()
            .find(|c| c.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| {
                invalid(
                    "client_type",
                    "must be one of ANDROID, WINDOWS, H5_MOBILE, H5_PC, IOS",
                )
            })
    }
}

/// Build one batch-connection call.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(
    alias = "BatchShowPhoneConnectInfos",
    alias = "batch_show_phone_connect_infos"
)]
pub struct ShowConnectInfos {
    phone_ids: Vec<String>,
    client_type: ClientType,
}

impl ShowConnectInfos {
    /// 1 to [`MAX_IDS`] distinct phone ids (duplicates are collapsed first).
    pub fn new<I, S>(phone_ids: I, client_type: ClientType) -> Result<Self>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Ok(ShowConnectInfos {
            phone_ids: unique_ids("phone_ids", phone_ids, MAX_IDS)?,
            client_type,
        })
    }

    /// The distinct ids this call asks about.
    pub fn phone_ids(&self) -> &[String] {
        &self.phone_ids
    }
}

#[derive(Serialize)]
struct Body<'a> {
    phone_ids: &'a [String],
    client_type: &'static str,
}

/// How to reach one phone's stream.
#[derive(Clone, PartialEq, Eq, Default, Deserialize, Serialize)]
#[non_exhaustive]
pub struct AccessInfo {
    /// Public IP of the instance.
    #[serde(default)]
    pub access_ip: Option<String>,
    /// Private IP.
    #[serde(default)]
    pub intranet_ip: Option<String>,
    /// IPv6 address of the server.
    #[serde(default)]
    pub access_ipv6: Option<String>,
    /// Port to connect to (sent as a number, sometimes as a numeric string).
    #[serde(default, deserialize_with = "opt_port")]
    pub access_port: Option<u16>,
    /// Id of this access session.
    #[serde(default)]
    pub session_id: Option<String>,
    /// Timestamp the ticket was issued at, as sent.
    #[serde(default, deserialize_with = "opt_string_or_int")]
    pub timestamp: Option<String>,
    /// The signed ticket the client SDK presents (a credential).
    #[serde(default)]
    pub ticket: Option<Secret>,
}

impl fmt::Debug for AccessInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AccessInfo")
            .field("access_ip", &self.access_ip)
            .field("intranet_ip", &self.intranet_ip)
            .field("access_ipv6", &self.access_ipv6)
            .field("access_port", &self.access_port)
            .field("session_id", &self.session_id)
            .field("timestamp", &self.timestamp)
            .field("ticket", &self.ticket)
            .finish()
    }
}

fn opt_port<'de, D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Option<u16>, D::Error> {
    #[derive(Deserialize)]
    struct P(#[serde(deserialize_with = "int_or_string")] i64);
    match Option::<P>::deserialize(d)? {
        None => Ok(None),
        Some(P(n)) => u16::try_from(n)
            .map(Some)
            .map_err(|_| serde::de::Error::custom(format!("port {n} is not in 0..=65535"))),
    }
}

/// Access information for one phone.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct ConnectInfo {
    /// The phone.
    #[serde(deserialize_with = "string_or_int")]
    pub phone_id: String,
    /// How to reach it.
    #[serde(default, deserialize_with = "null_default")]
    pub access_info: AccessInfo,
}

impl BatchItem for ConnectInfo {
    fn item_id(&self) -> &str {
        &self.phone_id
    }
}

#[derive(Deserialize)]
struct WireError {
    #[serde(deserialize_with = "string_or_int")]
    phone_id: String,
    #[serde(default, deserialize_with = "opt_string_or_int")]
    error_code: Option<String>,
    #[serde(default)]
    error_msg: Option<String>,
}

#[derive(Deserialize)]
struct WireOutput {
    #[serde(default)]
    request_id: Option<String>,
    #[serde(default, deserialize_with = "null_default")]
    connect_infos: Vec<ConnectInfo>,
    #[serde(default, deserialize_with = "null_default")]
    errors: Vec<WireError>,
}

/// The answer to one batch-connection call.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ConnectInfoReport {
    /// The request id.
    pub request_id: Option<String>,
    /// Phones with access information.
    pub connect_infos: Vec<ConnectInfo>,
    /// Phones the server could not serve, with its code and message.
    pub errors: Vec<ItemFailure>,
}

impl From<ConnectInfoReport> for CallOutcome<ConnectInfo> {
    fn from(o: ConnectInfoReport) -> Self {
        CallOutcome::new(o.connect_infos, o.errors, o.request_id)
    }
}

impl Operation for ShowConnectInfos {
    type Config = Config;
    type Output = ConnectInfoReport;
    const NAME: &'static str = "huawei.show_connect_infos";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        let body = serde_json::to_vec(&Body {
            phone_ids: &self.phone_ids,
            client_type: self.client_type.as_str(),
        })
        .map_err(|e| invalid("phone_ids", e.to_string()))?;
        let path = wire::project_path(ctx.config, "v1", "cloud-phone/phones/batch-connection");
        wire::build(ctx, Method::Post, path, Vec::new(), Some(body))
    }

    fn parse_unchecked(&self, response: &Response) -> Result<ConnectInfoReport> {
        let w: WireOutput = wire::parse_json(Self::NAME, response)?;
        let request_id = w
            .request_id
            .filter(|s| !s.is_empty())
            .or_else(|| response.header("x-request-id").map(str::to_owned));
        Ok(ConnectInfoReport {
            request_id,
            connect_infos: w.connect_infos,
            errors: w
                .errors
                .into_iter()
                .map(|e| {
                    ItemFailure::api(
                        e.phone_id,
                        e.error_code.unwrap_or_default(),
                        e.error_msg.unwrap_or_default(),
                    )
                })
                .collect(),
        })
    }

    fn is_idempotent(&self) -> bool {
        // A read: asking again issues a new session but changes no phone.
        true
    }
}
