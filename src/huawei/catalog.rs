//! Catalogues: what can be bought or used — phone flavors (`phone-models`).
//!
//! Withdrawn flavors stay listed with `status` 0 (下线); a host choosing a
//! flavor for a new server filters with [`ListPhoneModels::status`].

use serde::{Deserialize, Serialize};

use super::config::Config;
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
