//! Catalogues: what can be bought or used — phone flavors (`phone-models`).
//!
//! Withdrawn flavors stay listed with `status` 0 (下线); a host choosing a
//! flavor for a new server filters with [`ListPhoneModels::status`].

use serde::{Deserialize, Serialize};

use super::config::Config;
use super::listing::MarkerListing;
use super::phones::opt_int;
use super::wire;
use crate::error::{Result, invalid};
use crate::http::{Method, Request, Response};
use crate::json::null_default;
use crate::op::{Context, Operation};
use crate::page::{Pager, next_offset};

/// Largest `limit` of the phone-model list (the API's maximum and default).
pub const MAX_PHONE_MODELS_LIMIT: u32 = 100;

/// List phone flavors: `GET /v1/{project_id}/cloud-phone/phone-models`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "ListCloudPhoneModels", alias = "list_cloud_phone_models")]
pub struct ListPhoneModels {
    status: Option<i64>,
    offset: u32,
    limit: u32,
}

impl Default for ListPhoneModels {
    fn default() -> Self {
        ListPhoneModels {
            status: None,
            offset: 0,
            limit: MAX_PHONE_MODELS_LIMIT,
        }
    }
}

impl ListPhoneModels {
    /// The first page of 100 flavors, in use and withdrawn alike.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the page (offset ≥ 0, limit 1 to 100).
    pub fn page(mut self, offset: u32, limit: u32) -> Result<Self> {
        if !(1..=MAX_PHONE_MODELS_LIMIT).contains(&limit) {
            return Err(invalid("limit", "must be from 1 to 100"));
        }
        self.offset = offset;
        self.limit = limit;
        Ok(self)
    }

    /// Only flavors in this state: 1 in use, 0 withdrawn (下线).
    pub fn status(mut self, status: i64) -> Result<Self> {
        if !(0..=1).contains(&status) {
            return Err(invalid("status", "must be 0 (withdrawn) or 1 (in use)"));
        }
        self.status = Some(status);
        Ok(self)
    }
}

/// One phone flavor. Field names are the API's (the official SDK's
/// `PhoneModel`); every field but the name may be absent.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct PhoneModel {
    /// The flavor's name, e.g. `rx1.cp.c15.d46.e1v1`: what a server's
    /// `phone_model_name` and `ListServers`' filter of that name refer to.
    pub phone_model_name: String,
    /// The server flavor that hosts it.
    #[serde(default)]
    pub server_model_name: Option<String>,
    /// 1 in use, 0 withdrawn.
    #[serde(default, deserialize_with = "opt_int")]
    pub status: Option<i64>,
    /// vCPUs.
    #[serde(default, deserialize_with = "opt_int")]
    pub cpu: Option<i64>,
    /// Memory in MB.
    #[serde(default, deserialize_with = "opt_int")]
    pub memory: Option<i64>,
    /// Disk in GiB.
    #[serde(default, deserialize_with = "opt_int")]
    pub disk: Option<i64>,
    /// Screen resolution, e.g. `720x1280`.
    #[serde(default)]
    pub resolution: Option<String>,
    /// Extension spec.
    #[serde(default)]
    pub extend_spec: Option<String>,
    /// Spec code.
    #[serde(default)]
    pub spec_code: Option<String>,
    /// Phones per server.
    #[serde(default, deserialize_with = "opt_int")]
    pub phone_capacity: Option<i64>,
    /// Image label.
    #[serde(default)]
    pub image_label: Option<String>,
    /// 0 cloud phone, 1 cloud game.
    #[serde(default, deserialize_with = "opt_int")]
    pub product_type: Option<i64>,
    /// 0 flavor 1.0, 1 flavor 2.0.
    #[serde(default, deserialize_with = "opt_int")]
    pub phone_model_version: Option<i64>,
    /// Screen density.
    #[serde(default, deserialize_with = "opt_int")]
    pub dpi: Option<i64>,
    /// Frame rate (a string in the API).
    #[serde(default)]
    pub fps: Option<String>,
    /// Volume mode.
    #[serde(default, deserialize_with = "opt_int")]
    pub volume_mode: Option<i64>,
    /// Render frame rate.
    #[serde(default, deserialize_with = "opt_int")]
    pub render_fps: Option<i64>,
    /// Stream frame rate.
    #[serde(default, deserialize_with = "opt_int")]
    pub stream_fps: Option<i64>,
}

/// One page of phone flavors. The API reports no total: the listing ends
/// with a short page.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct PhoneModelList {
    /// The request id.
    #[serde(default)]
    pub request_id: Option<String>,
    /// The flavors.
    #[serde(default, deserialize_with = "null_default")]
    pub phone_models: Vec<PhoneModel>,
}

impl Operation for ListPhoneModels {
    type Config = Config;
    type Output = PhoneModelList;
    const NAME: &'static str = "huawei.list_phone_models";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        let mut q = Vec::with_capacity(3);
        if let Some(s) = self.status {
            q.push(("status".to_owned(), s.to_string()));
        }
        q.push(("offset".to_owned(), self.offset.to_string()));
        q.push(("limit".to_owned(), self.limit.to_string()));
        let path = wire::project_path(ctx.config, "v1", "cloud-phone/phone-models");
        wire::build(ctx, Method::Get, path, q, None)
    }

    fn parse_unchecked(&self, response: &Response) -> Result<PhoneModelList> {
        wire::parse_json(Self::NAME, response)
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}

impl Pager for ListPhoneModels {
    fn next_page(&self, last: &PhoneModelList) -> Option<Self> {
        next_offset(self.offset, self.limit, last.phone_models.len(), None).map(|offset| {
            ListPhoneModels {
                offset,
                ..self.clone()
            }
        })
    }

    fn item_ids(page: &PhoneModelList, each: &mut dyn FnMut(Option<&str>)) {
        page.phone_models
            .iter()
            .for_each(|m| each(Some(&m.phone_model_name)));
    }
}

/// Largest `limit` of the server-model list.
pub const MAX_SERVER_MODELS_LIMIT: u32 = 100;

/// List server flavors (what a server can be bought as):
/// `GET /v1/{project_id}/cloud-phone/server-models`. Marker paging.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(
    alias = "ListCloudPhoneServerModels",
    alias = "list_cloud_phone_server_models"
)]
pub struct ListServerModels {
    listing: MarkerListing,
}

impl Default for ListServerModels {
    fn default() -> Self {
        ListServerModels {
            listing: MarkerListing::new(MAX_SERVER_MODELS_LIMIT, MAX_SERVER_MODELS_LIMIT),
        }
    }
}

impl ListServerModels {
    /// The first page of up to 100 server flavors.
    pub fn new() -> Self {
        Self::default()
    }

    /// Only flavors for this product: 0 cloud phone, 1 cloud game.
    pub fn product_type(mut self, product_type: i64) -> Result<Self> {
        if !(0..=1).contains(&product_type) {
            return Err(invalid("product_type", "must be 0 (phone) or 1 (game)"));
        }
        self.listing
            .add_filter("product_type", product_type.to_string())?;
        Ok(self)
    }

    /// Flavors per page (1 to 100).
    pub fn limit(mut self, limit: u32) -> Result<Self> {
        self.listing.set_limit(limit)?;
        Ok(self)
    }

    /// The page after `marker` (a previous page's `next_marker`).
    pub fn after(mut self, marker: impl Into<String>) -> Result<Self> {
        self.listing.set_after(marker.into())?;
        Ok(self)
    }
}

/// The system disk of a server flavor.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct OsVolume {
    /// Size in GiB.
    #[serde(default, deserialize_with = "opt_int")]
    pub size: Option<i64>,
    /// Disk type.
    #[serde(default)]
    pub volume_type: Option<String>,
}

/// A server flavor's hardware, as text the API writes (`"64 cores"`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct ServerModelExtendSpec {
    /// CPU.
    #[serde(default)]
    pub cpu: Option<String>,
    /// Memory.
    #[serde(default)]
    pub memory: Option<String>,
    /// Disk.
    #[serde(default)]
    pub disk: Option<String>,
    /// Network interfaces.
    #[serde(default)]
    pub network_interface: Option<String>,
    /// GPU.
    #[serde(default)]
    pub gpu: Option<String>,
    /// The bare-metal flavor behind it.
    #[serde(default)]
    pub bms_flavor: Option<String>,
    /// GPUs.
    #[serde(default, deserialize_with = "opt_int")]
    pub gpu_count: Option<i64>,
    /// NUMA nodes.
    #[serde(default, deserialize_with = "opt_int")]
    pub numa_count: Option<i64>,
    /// The system disk.
    #[serde(default, deserialize_with = "null_default")]
    pub os_volume: OsVolume,
}

/// One server flavor. Field names are the API's (the official SDK's
/// `ServerModel`).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct ServerModel {
    /// The flavor's name (what [`PhoneModel::server_model_name`] names).
    pub server_model_name: String,
    /// The server type.
    #[serde(default)]
    pub server_type: Option<String>,
    /// vCPUs.
    #[serde(default, deserialize_with = "opt_int")]
    pub cpu: Option<i64>,
    /// Memory in MB.
    #[serde(default, deserialize_with = "opt_int")]
    pub memory: Option<i64>,
    /// The hardware in words.
    #[serde(default, deserialize_with = "null_default")]
    pub extend_spec: ServerModelExtendSpec,
    /// Most data disks.
    #[serde(default, deserialize_with = "opt_int")]
    pub disk_max_num: Option<i64>,
    /// 0 cloud phone, 1 cloud game.
    #[serde(default, deserialize_with = "opt_int")]
    pub product_type: Option<i64>,
    /// Free storage in GiB.
    #[serde(default, deserialize_with = "opt_int")]
    pub free_size: Option<i64>,
}

/// One page of server flavors.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct ServerModelList {
    /// The request id.
    #[serde(default)]
    pub request_id: Option<String>,
    /// The flavors.
    #[serde(default, deserialize_with = "null_default")]
    pub server_models: Vec<ServerModel>,
    /// Where the next page starts.
    #[serde(default, deserialize_with = "null_default")]
    pub page_info: super::images::PageInfo,
}

impl Operation for ListServerModels {
    type Config = Config;
    type Output = ServerModelList;
    const NAME: &'static str = "huawei.list_server_models";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        self.listing.build(ctx, "cloud-phone/server-models")
    }

    fn parse_unchecked(&self, response: &Response) -> Result<ServerModelList> {
        wire::parse_json(Self::NAME, response)
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}

impl Pager for ListServerModels {
    /// The page after `next_marker`; none when it is absent, empty or the
    /// one just sent.
    fn next_page(&self, last: &ServerModelList) -> Option<Self> {
        let listing = self.listing.next(&last.page_info)?;
        Some(ListServerModels { listing })
    }

    fn item_ids(page: &ServerModelList, each: &mut dyn FnMut(Option<&str>)) {
        page.server_models
            .iter()
            .for_each(|m| each(Some(&m.server_model_name)));
    }
}

/// Largest `limit` of the offering list.
pub const MAX_OFFERINGS_LIMIT: u32 = 1000;

/// Where each server flavor is on sale:
/// `GET /v1/{project_id}/server-model-offerings` (marker paging).
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(
    alias = "ListCloudPhoneServerModelOfferings",
    alias = "list_cloud_phone_server_model_offerings"
)]
pub struct ListServerModelOfferings {
    listing: MarkerListing,
}

impl Default for ListServerModelOfferings {
    fn default() -> Self {
        ListServerModelOfferings {
            listing: MarkerListing::new(100, MAX_OFFERINGS_LIMIT),
        }
    }
}

impl ListServerModelOfferings {
    /// The first page of 100 (the API's default).
    pub fn new() -> Self {
        Self::default()
    }

    /// Offerings per page (1 to 1000).
    pub fn limit(mut self, limit: u32) -> Result<Self> {
        self.listing.set_limit(limit)?;
        Ok(self)
    }
}

/// A server flavor in one availability zone.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct ServerModelOffering {
    /// The server flavor.
    pub model_name: String,
    /// The availability zone.
    #[serde(default)]
    pub available_zone: Option<String>,
    /// `available` or `sellout`.
    #[serde(default)]
    pub sell_status: Option<String>,
}

/// One page of offerings.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct ServerModelOfferingList {
    /// The request id.
    #[serde(default)]
    pub request_id: Option<String>,
    /// Offerings in all.
    #[serde(default)]
    pub count: Option<u64>,
    /// The offerings.
    #[serde(default, deserialize_with = "null_default")]
    pub models: Vec<ServerModelOffering>,
    /// Where the next page starts.
    #[serde(default, deserialize_with = "null_default")]
    pub page_info: super::images::PageInfo,
}

impl Operation for ListServerModelOfferings {
    type Config = Config;
    type Output = ServerModelOfferingList;
    const NAME: &'static str = "huawei.list_server_model_offerings";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        // Under the project, not under cloud-phone/.
        self.listing.build(ctx, "server-model-offerings")
    }

    fn parse_unchecked(&self, response: &Response) -> Result<ServerModelOfferingList> {
        wire::parse_json(Self::NAME, response)
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}

impl Pager for ListServerModelOfferings {
    fn next_page(&self, last: &ServerModelOfferingList) -> Option<Self> {
        let listing = self.listing.next(&last.page_info)?;
        Some(ListServerModelOfferings { listing })
    }

    fn item_ids(page: &ServerModelOfferingList, each: &mut dyn FnMut(Option<&str>)) {
        // A flavor is offered once per zone: no single id names an item,
        // but each still counts toward `max_items`.
        page.models.iter().for_each(|_| each(None));
    }
}
