//! Servers (the hosts phones run on) and encode servers (whose access infos
//! give the public ports for ADB, VNC and game streaming).

use serde::{Deserialize, Serialize};

use super::config::Config;
use super::phones::{Metadata, opt_int};
use super::wire;
use crate::error::{Result, invalid};
use crate::http::{Method, Request, Response};
use crate::json::{int_or_string, null_default, opt_string_or_int, string_or_int};
use crate::op::{Context, Operation, check_path_segment};
use crate::page::{Pager, next_offset};

/// Largest `limit` of the server and encode-server lists.
pub const MAX_SERVERS_LIMIT: u32 = 100;

/// A server address. The current names win over the deprecated aliases
/// (`intranet_ip`, `access_ip`), which fill in when alone.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(from = "WireAddress")]
#[non_exhaustive]
pub struct Address {
    /// Private IP.
    pub server_ip: Option<String>,
    /// Public IP.
    pub public_ip: Option<String>,
}

#[derive(Deserialize)]
struct WireAddress {
    #[serde(default)]
    server_ip: Option<String>,
    #[serde(default)]
    intranet_ip: Option<String>,
    #[serde(default)]
    public_ip: Option<String>,
    #[serde(default)]
    access_ip: Option<String>,
}

impl From<WireAddress> for Address {
    fn from(w: WireAddress) -> Self {
        Address {
            server_ip: w.server_ip.or(w.intranet_ip),
            public_ip: w.public_ip.or(w.access_ip),
        }
    }
}

/// A cloud-phone server.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct Server {
    /// The server id.
    #[serde(deserialize_with = "string_or_int")]
    pub server_id: String,
    /// The name.
    #[serde(default)]
    pub server_name: Option<String>,
    /// Availability zone.
    #[serde(default)]
    pub availability_zone: Option<String>,
    /// Server flavor.
    #[serde(default)]
    pub server_model_name: Option<String>,
    /// Phone flavor.
    #[serde(default)]
    pub phone_model_name: Option<String>,
    /// SSH key pair for ADB tunnelling.
    #[serde(default)]
    pub keypair_name: Option<String>,
    /// Raw status: 0/1/3/4 creating, 2 abnormal, 5 normal, 8 frozen,
    /// 10 shut down, 11 shutting down, 12 shutdown failed, 13 starting.
    #[serde(deserialize_with = "int_or_string")]
    pub status: i64,
    /// VPC.
    #[serde(default)]
    pub vpc_id: Option<String>,
    /// Subnet.
    #[serde(default)]
    pub subnet_id: Option<String>,
    /// The server's own network range.
    #[serde(default)]
    pub cidr: Option<String>,
    /// The VPC's range.
    #[serde(default)]
    pub vpc_cidr: Option<String>,
    /// The subnet's range.
    #[serde(default)]
    pub subnet_cidr: Option<String>,
    /// The project the server's resources are in.
    #[serde(default)]
    pub resource_project_id: Option<String>,
    /// Its enterprise project.
    #[serde(default)]
    pub enterprise_project_id: Option<String>,
    /// Addresses.
    #[serde(default, deserialize_with = "null_default")]
    pub addresses: Vec<Address>,
    /// `v1` system network, `v2` custom VPC.
    #[serde(default)]
    pub network_version: Option<String>,
    /// Order metadata.
    #[serde(default, deserialize_with = "null_default")]
    pub metadata: Metadata,
    /// Created (UTC text).
    #[serde(default)]
    pub create_time: Option<String>,
    /// Updated (UTC text).
    #[serde(default)]
    pub update_time: Option<String>,
}

/// List servers: `GET /v1/{project_id}/cloud-phone/servers`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "ListCloudPhoneServers", alias = "list_cloud_phone_servers")]
pub struct ListServers {
    offset: u32,
    limit: u32,
    filters: Vec<(String, String)>,
}

impl Default for ListServers {
    fn default() -> Self {
        ListServers {
            offset: 0,
            limit: MAX_SERVERS_LIMIT,
            filters: Vec::new(),
        }
    }
}

fn set_filter(filters: &mut Vec<(String, String)>, key: &str, value: String) -> Result<()> {
    if value.chars().any(char::is_control) {
        return Err(invalid(
            "filter",
            "a filter value contains a control character",
        ));
    }
    crate::limits::check_len("filter", &value, crate::limits::MAX_FILTER_LEN)?;
    filters.retain(|(k, _)| k != key);
    filters.push((key.to_owned(), value));
    Ok(())
}

fn check_limit(limit: u32) -> Result<()> {
    if (1..=MAX_SERVERS_LIMIT).contains(&limit) {
        Ok(())
    } else {
        Err(invalid("limit", "must be from 1 to 100"))
    }
}

impl ListServers {
    /// The first page of 100 servers, no filter.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the page (offset ≥ 0, limit 1 to 100).
    pub fn page(mut self, offset: u32, limit: u32) -> Result<Self> {
        check_limit(limit)?;
        self.offset = offset;
        self.limit = limit;
        Ok(self)
    }

    /// Adds a filter: `server_name`, `server_id`, `network_version`,
    /// `phone_model_name`, `create_since`, `create_until` or `status`.
    pub fn filter(mut self, key: &str, value: impl Into<String>) -> Result<Self> {
        const KEYS: [&str; 7] = [
            "server_name",
            "server_id",
            "network_version",
            "phone_model_name",
            "create_since",
            "create_until",
            "status",
        ];
        if !KEYS.contains(&key) {
            return Err(invalid(
                "filter",
                format!("unknown server filter {}", crate::limits::echo(key)),
            ));
        }
        set_filter(&mut self.filters, key, value.into())?;
        Ok(self)
    }
}

/// One page of servers.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct ServerList {
    /// The request id.
    #[serde(default)]
    pub request_id: Option<String>,
    /// How many servers match in all.
    #[serde(default, rename = "count")]
    pub total: Option<u64>,
    /// The servers.
    #[serde(default, deserialize_with = "null_default")]
    pub servers: Vec<Server>,
}

impl Operation for ListServers {
    type Config = Config;
    type Output = ServerList;
    const NAME: &'static str = "huawei.list_servers";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        let mut q = self.filters.clone();
        q.push(("offset".to_owned(), self.offset.to_string()));
        q.push(("limit".to_owned(), self.limit.to_string()));
        let path = wire::project_path(ctx.config, "v1", "cloud-phone/servers");
        wire::build(ctx, Method::Get, path, q, None)
    }

    fn parse_unchecked(&self, response: &Response) -> Result<ServerList> {
        wire::parse_json(Self::NAME, response)
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}

impl Pager for ListServers {
    fn next_page(&self, last: &ServerList) -> Option<Self> {
        next_offset(self.offset, self.limit, last.servers.len(), last.total).map(|offset| {
            ListServers {
                offset,
                ..self.clone()
            }
        })
    }

    fn item_ids(page: &ServerList, each: &mut dyn FnMut(Option<&str>)) {
        page.servers.iter().for_each(|s| each(Some(&s.server_id)));
    }
}

/// A server's full record.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct ServerDetail {
    /// The request id.
    #[serde(default)]
    pub request_id: Option<String>,
    /// Everything the list shows.
    #[serde(flatten)]
    pub server: Server,
    /// Security groups (empty on the system-defined network).
    #[serde(default, deserialize_with = "null_default")]
    pub security_groups: Vec<String>,
    /// Its bandwidths (system-defined network).
    #[serde(default, deserialize_with = "null_default")]
    pub band_widths: Vec<super::bandwidth::Bandwidth>,
    /// Its disks.
    #[serde(default, deserialize_with = "null_default")]
    pub volumes: Vec<Volume>,
    /// The storage its phones share.
    #[serde(default)]
    pub share_volume_info: Option<ShareVolumeInfo>,
}

/// A disk of a server. Field names are the API's (the official SDK's
/// `Volume`).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct Volume {
    /// The disk id.
    #[serde(default)]
    pub volume_id: Option<String>,
    /// Its name.
    #[serde(default)]
    pub volume_name: Option<String>,
    /// Size in GB.
    #[serde(default, deserialize_with = "super::phones::opt_int")]
    pub volume_size: Option<i64>,
    /// Disk type.
    #[serde(default)]
    pub volume_type: Option<String>,
    /// Created (UTC text).
    #[serde(default)]
    pub create_time: Option<String>,
    /// Updated (UTC text).
    #[serde(default)]
    pub update_time: Option<String>,
}

/// The storage a server's phones share.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct ShareVolumeInfo {
    /// Disk type.
    #[serde(default)]
    pub volume_type: Option<String>,
    /// Size in GB.
    #[serde(default, deserialize_with = "super::phones::opt_int")]
    pub size: Option<i64>,
    /// 0 v1.0, 1 v2.0.
    #[serde(default, deserialize_with = "super::phones::opt_int")]
    pub version: Option<i64>,
}

/// Read one server: `GET /v1/{project_id}/cloud-phone/servers/{server_id}`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(
    alias = "ShowCloudPhoneServerDetail",
    alias = "show_cloud_phone_server_detail"
)]
pub struct ShowServer {
    server_id: String,
}

impl ShowServer {
    /// The server to read.
    pub fn new(server_id: impl Into<String>) -> Result<Self> {
        let server_id = server_id.into();
        check_path_segment("server_id", &server_id)?;
        Ok(ShowServer { server_id })
    }
}

impl Operation for ShowServer {
    type Config = Config;
    type Output = ServerDetail;
    const NAME: &'static str = "huawei.show_server";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        let path = wire::project_path(
            ctx.config,
            "v1",
            &format!("cloud-phone/servers/{}", self.server_id),
        );
        wire::build(ctx, Method::Get, path, Vec::new(), None)
    }

    fn parse_unchecked(&self, response: &Response) -> Result<ServerDetail> {
        wire::parse_json(Self::NAME, response)
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}

/// A published port of an encode server. The current names win over the
/// deprecated aliases (`access_ip`, `intranet_ip`).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(from = "WireEncodeAccessInfo")]
#[non_exhaustive]
pub struct EncodeAccessInfo {
    /// `adb`, `vnc`, `cph_app_server`, `cph_h5_server`, or a user-defined name.
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// Port inside.
    pub listen_port: Option<i64>,
    /// Public IP.
    pub public_ip: Option<String>,
    /// Private IP.
    pub server_ip: Option<String>,
    /// Published port.
    pub access_port: Option<i64>,
    /// IPv6 address.
    pub server_ipv6: Option<String>,
}

#[derive(Deserialize)]
struct WireEncodeAccessInfo {
    #[serde(default, rename = "type")]
    kind: Option<String>,
    #[serde(default, deserialize_with = "opt_int")]
    listen_port: Option<i64>,
    #[serde(default)]
    public_ip: Option<String>,
    #[serde(default)]
    access_ip: Option<String>,
    #[serde(default)]
    server_ip: Option<String>,
    #[serde(default)]
    intranet_ip: Option<String>,
    #[serde(default, deserialize_with = "opt_int")]
    access_port: Option<i64>,
    #[serde(default)]
    server_ipv6: Option<String>,
}

impl From<WireEncodeAccessInfo> for EncodeAccessInfo {
    fn from(w: WireEncodeAccessInfo) -> Self {
        EncodeAccessInfo {
            kind: w.kind,
            listen_port: w.listen_port,
            public_ip: w.public_ip.or(w.access_ip),
            server_ip: w.server_ip.or(w.intranet_ip),
            access_port: w.access_port,
            server_ipv6: w.server_ipv6,
        }
    }
}

/// An encode server (or container).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct EncodeServer {
    /// Its id.
    #[serde(deserialize_with = "string_or_int")]
    pub encode_server_id: String,
    /// Its name.
    #[serde(default)]
    pub encode_server_name: Option<String>,
    /// Its IP.
    #[serde(default)]
    pub encode_server_ip: Option<String>,
    /// Its IPv6 address.
    #[serde(default)]
    pub encode_server_ipv6: Option<String>,
    /// The cloud-phone server it belongs to.
    #[serde(default, deserialize_with = "opt_string_or_int")]
    pub server_id: Option<String>,
    /// Key pair.
    #[serde(default)]
    pub keypair_name: Option<String>,
    /// 0 server, 1 container.
    #[serde(default, rename = "type", deserialize_with = "opt_int")]
    pub kind: Option<i64>,
    /// Raw status (1 running, 2 abnormal, 3 restarting; others vary).
    #[serde(default, deserialize_with = "opt_int")]
    pub status: Option<i64>,
    /// Published ports.
    #[serde(default, deserialize_with = "null_default")]
    pub access_infos: Vec<EncodeAccessInfo>,
}

/// List encode servers: `GET /v1/{project_id}/cloud-phone/encode-servers`.
/// The answer carries no total: a short page is the last.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "list_encode_servers")]
pub struct ListEncodeServers {
    offset: u32,
    limit: u32,
    filters: Vec<(String, String)>,
}

impl Default for ListEncodeServers {
    fn default() -> Self {
        ListEncodeServers {
            offset: 0,
            limit: MAX_SERVERS_LIMIT,
            filters: Vec::new(),
        }
    }
}

impl ListEncodeServers {
    /// The first page of 100, no filter.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the page (offset ≥ 0, limit 1 to 100).
    pub fn page(mut self, offset: u32, limit: u32) -> Result<Self> {
        check_limit(limit)?;
        self.offset = offset;
        self.limit = limit;
        Ok(self)
    }

    /// Only the encode servers of this cloud-phone server.
    pub fn server(mut self, server_id: impl Into<String>) -> Result<Self> {
        set_filter(&mut self.filters, "server_id", server_id.into())?;
        Ok(self)
    }

    /// Only this type (0 server, 1 container).
    pub fn kind(mut self, kind: i64) -> Result<Self> {
        set_filter(&mut self.filters, "type", kind.to_string())?;
        Ok(self)
    }

    /// Only this raw status.
    pub fn status(mut self, status: i64) -> Result<Self> {
        set_filter(&mut self.filters, "status", status.to_string())?;
        Ok(self)
    }
}

/// One page of encode servers.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct EncodeServerList {
    /// The request id.
    #[serde(default)]
    pub request_id: Option<String>,
    /// The encode servers.
    #[serde(default, deserialize_with = "null_default")]
    pub encode_servers: Vec<EncodeServer>,
}

impl Operation for ListEncodeServers {
    type Config = Config;
    type Output = EncodeServerList;
    const NAME: &'static str = "huawei.list_encode_servers";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        let mut q = self.filters.clone();
        q.push(("offset".to_owned(), self.offset.to_string()));
        q.push(("limit".to_owned(), self.limit.to_string()));
        let path = wire::project_path(ctx.config, "v1", "cloud-phone/encode-servers");
        wire::build(ctx, Method::Get, path, q, None)
    }

    fn parse_unchecked(&self, response: &Response) -> Result<EncodeServerList> {
        wire::parse_json(Self::NAME, response)
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}

impl Pager for ListEncodeServers {
    fn next_page(&self, last: &EncodeServerList) -> Option<Self> {
        next_offset(self.offset, self.limit, last.encode_servers.len(), None).map(|offset| {
            ListEncodeServers {
                offset,
                ..self.clone()
            }
        })
    }

    fn item_ids(page: &EncodeServerList, each: &mut dyn FnMut(Option<&str>)) {
        page.encode_servers
            .iter()
            .for_each(|s| each(Some(&s.encode_server_id)));
    }
}
