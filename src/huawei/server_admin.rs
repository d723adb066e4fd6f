//! Servers and encode servers as things to operate: restart them (jobs, as
//! phone restarts are) and rename a server.

use serde::Serialize;

use super::config::Config;
use super::jobs::{JobsReport, parse_jobs_started};
use super::phones::{Accepted, check_name_of};
use super::wire;
use crate::error::{Result, invalid};
use crate::http::{Method, Request, Response};
use crate::op::{Context, Operation, check_path_segment, unique_ids};

/// Most servers (or encode servers) one restart call takes.
pub const MAX_IDS: usize = 100;

/// Restart servers (every phone on them restarts):
/// `POST /v1/{project_id}/cloud-phone/servers/batch-restart`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(
    alias = "RestartCloudPhoneServer",
    alias = "restart_cloud_phone_server"
)]
pub struct RestartServers {
    server_ids: Vec<String>,
}

impl RestartServers {
    /// 1 to [`MAX_IDS`] distinct servers.
    pub fn new<I, S>(server_ids: I) -> Result<Self>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Ok(RestartServers {
            server_ids: unique_ids("server_ids", server_ids, MAX_IDS)?,
        })
    }
}

#[derive(Serialize)]
struct ServerIds<'a> {
    server_ids: &'a [String],
}

impl Operation for RestartServers {
    type Config = Config;
    type Output = JobsReport;
    const NAME: &'static str = "huawei.restart_servers";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        post(
            ctx,
            "cloud-phone/servers/batch-restart",
            &ServerIds {
                server_ids: &self.server_ids,
            },
        )
    }

    fn parse_unchecked(&self, response: &Response) -> Result<JobsReport> {
        parse_jobs_started(Self::NAME, response)
    }

    fn is_idempotent(&self) -> bool {
        false
    }
}

/// Restart encode servers:
/// `POST /v1/{project_id}/cloud-phone/encode-servers/batch-restart`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "RestartEncodeServer", alias = "restart_encode_server")]
pub struct RestartEncodeServers {
    encode_server_ids: Vec<String>,
}

impl RestartEncodeServers {
    /// 1 to [`MAX_IDS`] distinct encode servers.
    pub fn new<I, S>(encode_server_ids: I) -> Result<Self>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Ok(RestartEncodeServers {
            encode_server_ids: unique_ids("encode_server_ids", encode_server_ids, MAX_IDS)?,
        })
    }
}

#[derive(Serialize)]
struct EncodeServerIds<'a> {
    encode_server_ids: &'a [String],
}

impl Operation for RestartEncodeServers {
    type Config = Config;
    type Output = JobsReport;
    const NAME: &'static str = "huawei.restart_encode_servers";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        post(
            ctx,
            "cloud-phone/encode-servers/batch-restart",
            &EncodeServerIds {
                encode_server_ids: &self.encode_server_ids,
            },
        )
    }

    fn parse_unchecked(&self, response: &Response) -> Result<JobsReport> {
        parse_jobs_started(Self::NAME, response)
    }

    fn is_idempotent(&self) -> bool {
        false
    }
}

/// Rename a server: `PUT /v1/{project_id}/cloud-phone/servers/{server_id}`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "UpdateServerName", alias = "update_server_name")]
pub struct RenameServer {
    server_id: String,
    name: String,
}

impl RenameServer {
    /// A name by the phone-name rules: 1 to 60 characters from a–z, A–Z,
    /// 0–9, Chinese characters, `-` and `_`.
    pub fn new(server_id: impl Into<String>, name: impl Into<String>) -> Result<Self> {
        let server_id = server_id.into();
        check_path_segment("server_id", &server_id)?;
        let name = name.into();
        check_name_of("server_name", &name)?;
        Ok(RenameServer { server_id, name })
    }
}

#[derive(Serialize)]
struct RenameBody<'a> {
    server_name: &'a str,
}

impl Operation for RenameServer {
    type Config = Config;
    type Output = Accepted;
    const NAME: &'static str = "huawei.rename_server";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        let body = serde_json::to_vec(&RenameBody {
            server_name: &self.name,
        })
        .map_err(|e| invalid("server_name", e.to_string()))?;
        let path = wire::project_path(
            ctx.config,
            "v1",
            &format!("cloud-phone/servers/{}", self.server_id),
        );
        wire::build(ctx, Method::Put, path, Vec::new(), Some(body))
    }

    /// `{request_id}`; the API documents `error_code`/`error_msg` in the
    /// same answer, so a 200 that carries an `error_code` is its error.
    fn parse_unchecked(&self, response: &Response) -> Result<Accepted> {
        super::phones::parse_accepted(Self::NAME, response)
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}

/// A JSON POST to `rest` under the project.
fn post(ctx: &Context<'_, Config>, rest: &str, body: &impl Serialize) -> Result<Request> {
    let body = serde_json::to_vec(body).map_err(|e| invalid("body", e.to_string()))?;
    let path = wire::project_path(ctx.config, "v1", rest);
    wire::build(ctx, Method::Post, path, Vec::new(), Some(body))
}

/// Change the key pair of servers (used to open the ADB tunnel over the
/// public address): `PUT /v1/{project_id}/cloud-phone/servers/open-access`.
/// One job per server.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "update_keypair")]
pub struct UpdateKeypair {
    servers: Vec<(String, String)>,
}

impl UpdateKeypair {
    /// `(server_id, keypair_name)` pairs, 1 to [`MAX_IDS`] distinct servers.
    pub fn new<I, S, K>(servers: I) -> Result<Self>
    where
        I: IntoIterator<Item = (S, K)>,
        S: Into<String>,
        K: Into<String>,
    {
        let servers: Vec<(String, String)> = servers
            .into_iter()
            .map(|(s, k)| (s.into(), k.into()))
            .collect();
        if servers.is_empty() || servers.len() > MAX_IDS {
            return Err(invalid("servers", format!("1 to {MAX_IDS} servers")));
        }
        let mut seen = std::collections::HashSet::new();
        for (s, k) in &servers {
            check_path_segment("server_id", s)?;
            if !seen.insert(s.as_str()) {
                return Err(invalid("servers", "a server appears twice"));
            }
            // The reference gives no rule for the name; the key pair must
            // exist, which only the API knows.
            crate::limits::check_text("keypair_name", k, 255)?;
        }
        Ok(UpdateKeypair { servers })
    }
}

#[derive(Serialize)]
struct ServerKeypair<'a> {
    server_id: &'a str,
    keypair_name: &'a str,
}

#[derive(Serialize)]
struct KeypairBody<'a> {
    servers: Vec<ServerKeypair<'a>>,
}

impl Operation for UpdateKeypair {
    type Config = Config;
    type Output = JobsReport;
    const NAME: &'static str = "huawei.update_keypair";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        let body = KeypairBody {
            servers: self
                .servers
                .iter()
                .map(|(s, k)| ServerKeypair {
                    server_id: s,
                    keypair_name: k,
                })
                .collect(),
        };
        let body = serde_json::to_vec(&body).map_err(|e| invalid("servers", e.to_string()))?;
        let path = wire::project_path(ctx.config, "v1", "cloud-phone/servers/open-access");
        wire::build(ctx, Method::Put, path, Vec::new(), Some(body))
    }

    fn parse_unchecked(&self, response: &Response) -> Result<JobsReport> {
        parse_jobs_started(Self::NAME, response)
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}

/// Most servers one deletion takes.
pub const MAX_DELETE_IDS: usize = 10;

/// Delete on-demand servers (and their phones; yearly/monthly servers are
/// refused by the API): `DELETE /v2/{project_id}/cloud-phone/servers`, a
/// DELETE with a JSON body. One job for the whole request.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "DeleteCloudPhoneServer", alias = "delete_cloud_phone_server")]
pub struct DeleteServers {
    server_ids: Vec<String>,
}

impl DeleteServers {
    /// 1 to [`MAX_DELETE_IDS`] distinct servers.
    pub fn new<I, S>(server_ids: I) -> Result<Self>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Ok(DeleteServers {
            server_ids: unique_ids("server_ids", server_ids, MAX_DELETE_IDS)?,
        })
    }
}

/// The answer of a server deletion: one job for every server of it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Deserialize, Serialize)]
#[non_exhaustive]
pub struct ServerDeletion {
    /// The request id.
    #[serde(default)]
    pub request_id: Option<String>,
    /// The job that deletes them (poll it with `ShowJob`).
    #[serde(default)]
    pub job_id: Option<String>,
}

impl Operation for DeleteServers {
    type Config = Config;
    type Output = ServerDeletion;
    const NAME: &'static str = "huawei.delete_servers";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        let body = serde_json::to_vec(&ServerIds {
            server_ids: &self.server_ids,
        })
        .map_err(|e| invalid("server_ids", e.to_string()))?;
        let path = wire::project_path(ctx.config, "v2", "cloud-phone/servers");
        wire::build(ctx, Method::Delete, path, Vec::new(), Some(body))
    }

    fn parse_unchecked(&self, response: &Response) -> Result<ServerDeletion> {
        wire::parse_json(Self::NAME, response)
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}

/// Change a server's flavor (same hardware generation; the phone flavor
/// must fit the new server flavor and keep the phones-per-server count):
/// `POST /v1/{project_id}/cloud-phone/servers/change-server-model`. An
/// order: an upgrade is paid (automatically with `auto_pay`), a downgrade
/// refunded; it takes about two minutes.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(
    alias = "ChangeCloudPhoneServerModel",
    alias = "change_cloud_phone_server_model"
)]
pub struct ChangeServerModel {
    server_id: String,
    server_model_name: String,
    phone_model_name: String,
    auto_pay: bool,
}

impl ChangeServerModel {
    /// Move `server_id` to `server_model_name` running `phone_model_name`.
    pub fn new(
        server_id: impl Into<String>,
        server_model_name: impl Into<String>,
        phone_model_name: impl Into<String>,
        auto_pay: bool,
    ) -> Result<Self> {
        let (server_id, server_model_name, phone_model_name) = (
            server_id.into(),
            server_model_name.into(),
            phone_model_name.into(),
        );
        crate::limits::check_text("server_id", &server_id, 32)?;
        for (field, v) in [
            ("server_model_name", &server_model_name),
            ("phone_model_name", &phone_model_name),
        ] {
            crate::limits::check_text(field, v, 128)?;
        }
        Ok(ChangeServerModel {
            server_id,
            server_model_name,
            phone_model_name,
            auto_pay,
        })
    }
}

#[derive(Serialize)]
struct AutoPay {
    is_auto_pay: u8,
}

#[derive(Serialize)]
struct ChangeModelBody<'a> {
    server_id: &'a str,
    server_model_name: &'a str,
    phone_model_name: &'a str,
    extend_param: AutoPay,
}

/// The order a flavor change placed.
#[derive(Clone, Debug, PartialEq, Eq, serde::Deserialize, Serialize)]
#[non_exhaustive]
pub struct Order {
    /// The request id.
    #[serde(default)]
    pub request_id: Option<String>,
    /// The order.
    #[serde(default)]
    pub order_id: Option<String>,
    /// The product.
    #[serde(default)]
    pub product_id: Option<String>,
    /// The servers a purchase creates (empty for a flavor change).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub server_ids: Vec<String>,
}

impl Operation for ChangeServerModel {
    type Config = Config;
    type Output = Order;
    const NAME: &'static str = "huawei.change_server_model";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        post(
            ctx,
            "cloud-phone/servers/change-server-model",
            &ChangeModelBody {
                server_id: &self.server_id,
                server_model_name: &self.server_model_name,
                phone_model_name: &self.phone_model_name,
                extend_param: AutoPay {
                    is_auto_pay: u8::from(self.auto_pay),
                },
            },
        )
    }

    /// The order, or the error a 2xx carries in `error_code` (one decode).
    fn parse_unchecked(&self, response: &Response) -> Result<Order> {
        wire::parse_json_checked(Self::NAME, response)
    }

    fn is_idempotent(&self) -> bool {
        false
    }
}
