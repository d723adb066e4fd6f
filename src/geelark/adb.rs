//! ADB: `POST /open/v1/adb/setStatus` switches ADB on or off for running
//! phones; `POST /open/v1/adb/getData` reads how to connect. 1 to
//! [`MAX_IDS`] phones per call.
//!
//! Switching is asynchronous and answers with the envelope only; GeeLark
//! silently skips models without ADB support. So a `code 0` switch means
//! "accepted", not "enabled": wait about 3 s, then read the connection info,
//! whose per-phone codes are the truth.
//!
//! Connection info is batch shape C: `items[{code, id, ip, port, pwd}]`, one
//! per phone with its own code (0 = ready; failed items carry empty
//! strings). Connect with `adb connect ip:port`, then
//! `adb -s ip:port shell glogin <pwd>`; `pwd` is a login credential, a
//! [`Secret`].

use std::fmt;

use serde::{Deserialize, Serialize};

use super::config::Config;
use super::shapes::{Envelope, ItemId, non_empty, to_body};
use super::wire;
use crate::batch::{BatchItem, CallOutcome, ItemFailure};
use crate::error::Result;
use crate::http::{Request, Response};
use crate::json::{null_default, opt_string_or_int, string_or_int};
use crate::op::{Context, Operation, unique_ids};
use crate::secret::Secret;

/// Most phones one ADB call carries. GeeLark documents no limit; 100 is its
/// limit for every other per-phone batch, and a batch plan splits more.
pub const MAX_IDS: usize = 100;

#[derive(Serialize)]
struct IdsBody<'a> {
    ids: &'a [String],
}

#[derive(Serialize)]
struct SetBody<'a> {
    ids: &'a [String],
    open: bool,
}

/// `items[{id, code, msg?, ip?, port?, pwd?}]`.
#[derive(Deserialize)]
struct WireItem {
    #[serde(deserialize_with = "string_or_int")]
    id: String,
    #[serde(default, deserialize_with = "opt_string_or_int")]
    code: Option<String>,
    #[serde(default)]
    msg: Option<String>,
    #[serde(default, deserialize_with = "opt_string_or_int")]
    ip: Option<String>,
    #[serde(default, deserialize_with = "opt_string_or_int")]
    port: Option<String>,
    #[serde(default)]
    pwd: Option<String>,
}

impl WireItem {
    fn ok(&self) -> bool {
        matches!(self.code.as_deref(), None | Some("0"))
    }

    fn failure(self) -> ItemFailure {
        let msg = non_empty(self.msg).unwrap_or_default();
        ItemFailure::api(self.id, self.code.unwrap_or_default(), msg)
    }
}

#[derive(Deserialize)]
struct WireItems {
    #[serde(default, deserialize_with = "null_default")]
    items: Vec<WireItem>,
}

/// Switch ADB on or off.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "adb/setStatus")]
pub struct SetAdb {
    ids: Vec<String>,
    open: bool,
}

impl SetAdb {
    /// ADB on (`open = true`) or off for 1 to [`MAX_IDS`] running phones.
    pub fn new<I, S>(ids: I, open: bool) -> Result<Self>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Ok(SetAdb {
            ids: unique_ids("ids", ids, MAX_IDS)?,
            open,
        })
    }

    /// The distinct ids this call switches.
    pub fn ids(&self) -> &[String] {
        &self.ids
    }
}

/// The answer to one ADB switch.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct AdbSwitchReport {
    /// The envelope.
    #[serde(flatten)]
    pub envelope: Envelope,
    /// Phones whose switch was accepted: every requested one when the answer
    /// is the documented bare envelope; those with code 0 should GeeLark
    /// answer per-phone `items` (as `/root/setStatus` does).
    pub accepted: Vec<ItemId>,
    /// Phones an `items` answer named as failed.
    pub failures: Vec<ItemFailure>,
}

impl From<AdbSwitchReport> for CallOutcome<ItemId> {
    fn from(r: AdbSwitchReport) -> Self {
        CallOutcome::new(r.accepted, r.failures, r.envelope.trace_id)
    }
}

impl Operation for SetAdb {
    type Config = Config;
    type Output = AdbSwitchReport;
    const NAME: &'static str = "geelark.set_adb";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        wire::build(
            ctx,
            "/open/v1/adb/setStatus",
            to_body(&SetBody {
                ids: &self.ids,
                open: self.open,
            })?,
        )
    }

    fn parse_unchecked(&self, response: &Response) -> Result<AdbSwitchReport> {
        let a = wire::parse_opt::<WireItems>(Self::NAME, response)?;
        let envelope = Envelope::of(&a);
        let (accepted, failures) = match a.data.filter(|d| !d.items.is_empty()) {
            None => (
                self.ids.iter().cloned().map(ItemId::new).collect(),
                Vec::new(),
            ),
            Some(d) => {
                let (ok, bad): (Vec<_>, Vec<_>) = d.items.into_iter().partition(WireItem::ok);
                (
                    ok.into_iter().map(|i| ItemId::new(i.id)).collect(),
                    bad.into_iter().map(WireItem::failure).collect(),
                )
            }
        };
        Ok(AdbSwitchReport {
            envelope,
            accepted,
            failures,
        })
    }

    /// Yes: it sets a state.
    fn is_idempotent(&self) -> bool {
        true
    }
}

/// How to reach one phone over ADB.
#[derive(Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct AdbConnection {
    /// The phone id.
    pub id: String,
    /// Host to `adb connect` to.
    pub ip: String,
    /// Port, as GeeLark sends it (a string).
    pub port: String,
    /// The `glogin` code (a credential).
    pub pwd: Option<Secret>,
}

impl AdbConnection {
    /// `ip:port`, the serial `adb connect` and `adb -s` take.
    pub fn address(&self) -> String {
        format!("{}:{}", self.ip, self.port)
    }
}

impl fmt::Debug for AdbConnection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AdbConnection")
            .field("id", &self.id)
            .field("ip", &self.ip)
            .field("port", &self.port)
            .field("pwd", &self.pwd)
            .finish()
    }
}

impl BatchItem for AdbConnection {
    fn item_id(&self) -> &str {
        &self.id
    }
}

/// Read ADB connection info.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "adb/getData")]
pub struct GetAdbData {
    ids: Vec<String>,
}

impl GetAdbData {
    /// 1 to [`MAX_IDS`] distinct phone ids.
    pub fn new<I, S>(ids: I) -> Result<Self>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Ok(GetAdbData {
            ids: unique_ids("ids", ids, MAX_IDS)?,
        })
    }

    /// The distinct ids this call reads.
    pub fn ids(&self) -> &[String] {
        &self.ids
    }
}

/// The answer to one connection-info read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct AdbReport {
    /// The envelope.
    #[serde(flatten)]
    pub envelope: Envelope,
    /// Phones ready to connect to.
    pub connections: Vec<AdbConnection>,
    /// Phones that are not (42002 not running, 49001/49002 ADB not enabled
    /// or not supported, …).
    pub failures: Vec<ItemFailure>,
}

impl From<AdbReport> for CallOutcome<AdbConnection> {
    fn from(r: AdbReport) -> Self {
        CallOutcome::new(r.connections, r.failures, r.envelope.trace_id)
    }
}

impl Operation for GetAdbData {
    type Config = Config;
    type Output = AdbReport;
    const NAME: &'static str = "geelark.get_adb_data";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        wire::build(
            ctx,
            "/open/v1/adb/getData",
            to_body(&IdsBody { ids: &self.ids })?,
        )
    }

    fn parse_unchecked(&self, response: &Response) -> Result<AdbReport> {
        let a = wire::parse::<WireItems>(Self::NAME, response)?;
        let envelope = Envelope::of(&a);
        let mut connections = Vec::new();
        let mut failures = Vec::new();
        for item in a.data.items {
            // A code-0 item without an address cannot be connected to: it is
            // reported as failed rather than as a useless success.
            let address = non_empty(item.ip.clone()).zip(non_empty(item.port.clone()));
            match (item.ok(), address) {
                (true, Some((ip, port))) => connections.push(AdbConnection {
                    id: item.id,
                    ip,
                    port,
                    pwd: non_empty(item.pwd).map(Secret::new),
                }),
                (true, None) => failures.push(ItemFailure::api(
                    item.id,
                    item.code.unwrap_or_default(),
                    "no ip or port in the answer",
                )),
                (false, _) => failures.push(item.failure()),
            }
        }
        Ok(AdbReport {
            envelope,
            connections,
            failures,
        })
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}
