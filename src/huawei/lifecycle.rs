//! Power and state changes: restart (which also starts a stopped phone),
//! factory reset, stop, and property updates. Each starts one asynchronous
//! job per phone and answers `jobs[]` inside a 200, with per-phone errors
//! for phones it refused; poll with [`super::jobs::JobWatch`].
//!
//! The API documents no per-call maximum for these lists; this crate sends
//! at most [`MAX_IDS`] per call (use [`crate::BatchPlan`] for
//! more), which keeps one bad call from touching a whole fleet.

use std::collections::BTreeMap;

use serde::Serialize;

use super::config::Config;
use super::jobs::{JobsReport, parse_jobs_started};
use super::wire;
use crate::error::{Result, invalid};
use crate::http::{Method, Request, Response};
use crate::op::{Context, Operation, check_id, check_path_segment, unique_ids};

/// Most phones one restart/reset/stop/update call carries.
pub const MAX_IDS: usize = 100;

/// Android properties to set, sent as a JSON object serialized into a string
/// (the API's `property` field), e.g. `{"sys.prop.writephonenum":"13666666666"}`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Properties(BTreeMap<String, String>);

impl Properties {
    /// No properties.
    pub fn new() -> Self {
        Properties::default()
    }

    /// Adds one property.
    pub fn set(mut self, key: impl Into<String>, value: impl Into<String>) -> Result<Self> {
        let key = key.into();
        if key.is_empty() || key.chars().any(char::is_control) {
            return Err(invalid(
                "property",
                "a property name is empty or has a control character",
            ));
        }
        self.0.insert(key, value.into());
        Ok(self)
    }

    /// Properties from a JSON object whose values are strings, numbers or
    /// booleans (rendered as strings).
    pub fn from_json(text: &str) -> Result<Self> {
        let v: serde_json::Value = serde_json::from_str(text).map_err(|e| {
            invalid(
                "property",
                format!("not JSON: {}", crate::limits::shorten(e.to_string())),
            )
        })?;
        let obj = v
            .as_object()
            .ok_or_else(|| invalid("property", "must be a JSON object"))?;
        let mut p = Properties::new();
        for (k, v) in obj {
            let v = match v {
                serde_json::Value::String(s) => s.clone(),
                serde_json::Value::Number(n) => n.to_string(),
                serde_json::Value::Bool(b) => b.to_string(),
                _ => {
                    return Err(invalid(
                        "property",
                        "values must be strings, numbers or booleans",
                    ));
                }
            };
            p = p.set(k.clone(), v)?;
        }
        Ok(p)
    }

    /// Whether no property is set.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub(crate) fn to_wire(&self) -> Option<String> {
        if self.0.is_empty() {
            None
        } else {
            // A map of strings always serializes.
            serde_json::to_string(&self.0).ok()
        }
    }
}

#[derive(Serialize)]
struct PhoneEntry<'a> {
    phone_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    property: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    factory_reset_enabled: Option<bool>,
}

#[derive(Serialize)]
struct PhonesBody<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    image_id: Option<&'a str>,
    phones: Vec<PhoneEntry<'a>>,
}

fn to_body<T: Serialize>(body: &T) -> Result<Vec<u8>> {
    serde_json::to_vec(body).map_err(|e| invalid("body", e.to_string()))
}

/// The phones, image and properties of a restart or reset.
#[derive(Clone, Debug, PartialEq, Eq)]
struct PhoneBatch {
    phone_ids: Vec<String>,
    image_id: Option<String>,
    properties: Properties,
}

impl PhoneBatch {
    fn new<I, S>(phone_ids: I) -> Result<Self>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Ok(PhoneBatch {
            phone_ids: unique_ids("phone_ids", phone_ids, MAX_IDS)?,
            image_id: None,
            properties: Properties::new(),
        })
    }

    fn set_image(&mut self, image_id: String) -> Result<()> {
        check_path_segment("image_id", &image_id)?;
        self.image_id = Some(image_id);
        Ok(())
    }

    /// `POST {rest}` with `{image_id?, phones: [{phone_id, property?,
    /// factory_reset_enabled?}]}`.
    fn build(
        &self,
        ctx: &Context<'_, Config>,
        rest: &str,
        factory_reset: Option<bool>,
    ) -> Result<Request> {
        let property = self.properties.to_wire();
        let body = to_body(&PhonesBody {
            image_id: self.image_id.as_deref(),
            phones: self
                .phone_ids
                .iter()
                .map(|id| PhoneEntry {
                    phone_id: id,
                    property: property.clone(),
                    factory_reset_enabled: factory_reset,
                })
                .collect(),
        })?;
        let path = wire::project_path(ctx.config, "v1", rest);
        wire::build(ctx, Method::Post, path, Vec::new(), Some(body))
    }
}

/// Restart phones (and start stopped ones):
/// `POST /v1/{project_id}/cloud-phone/phones/batch-restart`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "RestartCloudPhone", alias = "restart_cloud_phone")]
pub struct RestartPhones {
    batch: PhoneBatch,
}

impl RestartPhones {
    /// 1 to [`MAX_IDS`] distinct phones.
    pub fn new<I, S>(phone_ids: I) -> Result<Self>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Ok(RestartPhones {
            batch: PhoneBatch::new(phone_ids)?,
        })
    }

    /// Switch the phones to this image while restarting.
    pub fn with_image(mut self, image_id: impl Into<String>) -> Result<Self> {
        self.batch.set_image(image_id.into())?;
        Ok(self)
    }

    /// Apply these properties (the same to every phone).
    pub fn with_properties(mut self, properties: Properties) -> Self {
        self.batch.properties = properties;
        self
    }
}

impl Operation for RestartPhones {
    type Config = Config;
    type Output = JobsReport;
    const NAME: &'static str = "huawei.restart_phones";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        self.batch
            .build(ctx, "cloud-phone/phones/batch-restart", None)
    }

    fn parse_unchecked(&self, response: &Response) -> Result<JobsReport> {
        parse_jobs_started(Self::NAME, response)
    }

    fn is_idempotent(&self) -> bool {
        false
    }
}

/// Factory-reset phones: `POST /v1/{project_id}/cloud-phone/phones/batch-reset`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "ResetCloudPhone", alias = "reset_cloud_phone")]
pub struct ResetPhones {
    batch: PhoneBatch,
    factory_reset: Option<bool>,
}

impl ResetPhones {
    /// 1 to [`MAX_IDS`] distinct phones.
    pub fn new<I, S>(phone_ids: I) -> Result<Self>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Ok(ResetPhones {
            batch: PhoneBatch::new(phone_ids)?,
            factory_reset: None,
        })
    }

    /// Switch the phones to this image.
    pub fn with_image(mut self, image_id: impl Into<String>) -> Result<Self> {
        self.batch.set_image(image_id.into())?;
        Ok(self)
    }

    /// Apply these properties after the reset.
    pub fn with_properties(mut self, properties: Properties) -> Self {
        self.batch.properties = properties;
        self
    }

    /// `factory_reset_enabled`: also wipe properties set earlier.
    pub fn factory_reset(mut self, enabled: bool) -> Self {
        self.factory_reset = Some(enabled);
        self
    }
}

impl Operation for ResetPhones {
    type Config = Config;
    type Output = JobsReport;
    const NAME: &'static str = "huawei.reset_phones";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        self.batch
            .build(ctx, "cloud-phone/phones/batch-reset", self.factory_reset)
    }

    fn parse_unchecked(&self, response: &Response) -> Result<JobsReport> {
        parse_jobs_started(Self::NAME, response)
    }

    fn is_idempotent(&self) -> bool {
        false
    }
}

/// Power phones off: `POST /v1/{project_id}/cloud-phone/phones/batch-stop`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "StopCloudPhone", alias = "stop_cloud_phone")]
pub struct StopPhones {
    phone_ids: Vec<String>,
}

impl StopPhones {
    /// 1 to [`MAX_IDS`] distinct phones.
    pub fn new<I, S>(phone_ids: I) -> Result<Self>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Ok(StopPhones {
            phone_ids: unique_ids("phone_ids", phone_ids, MAX_IDS)?,
        })
    }
}

#[derive(Serialize)]
struct IdsBody<'a> {
    phone_ids: &'a [String],
}

impl Operation for StopPhones {
    type Config = Config;
    type Output = JobsReport;
    const NAME: &'static str = "huawei.stop_phones";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        let body = to_body(&IdsBody {
            phone_ids: &self.phone_ids,
        })?;
        let path = wire::project_path(ctx.config, "v1", "cloud-phone/phones/batch-stop");
        wire::build(ctx, Method::Post, path, Vec::new(), Some(body))
    }

    fn parse_unchecked(&self, response: &Response) -> Result<JobsReport> {
        parse_jobs_started(Self::NAME, response)
    }

    fn is_idempotent(&self) -> bool {
        false
    }
}

/// Largest `property` + `custom_property` payload per phone, in bytes.
pub const MAX_PROPERTY_BYTES: usize = 7800;

/// Change phone properties:
/// `POST /v1/{project_id}/cloud-phone/phones/batch-update-property`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(
    alias = "UpdateCloudPhoneProperty",
    alias = "update_cloud_phone_property"
)]
pub struct UpdateProperties {
    updates: Vec<(String, Properties, BTreeMap<String, String>)>,
}

impl UpdateProperties {
    /// An empty update; add phones with [`UpdateProperties::phone`].
    pub fn new() -> Self {
        UpdateProperties {
            updates: Vec::new(),
        }
    }

    /// Sets `properties` (system properties) and `custom` (custom
    /// properties) on one phone. A phone may appear once.
    pub fn phone(
        mut self,
        phone_id: impl Into<String>,
        properties: Properties,
        custom: BTreeMap<String, String>,
    ) -> Result<Self> {
        let phone_id = phone_id.into();
        check_id("phone_id", &phone_id)?;
        if self.updates.iter().any(|(p, _, _)| *p == phone_id) {
            return Err(invalid("phone_id", "the same phone is listed twice"));
        }
        if properties.is_empty() && custom.is_empty() {
            return Err(invalid("property", "nothing to update for a phone"));
        }
        let size = properties.to_wire().map_or(0, |s| s.len())
            + serde_json::to_string(&custom).map_or(0, |s| s.len());
        if size > MAX_PROPERTY_BYTES {
            return Err(invalid(
                "property",
                "property and custom_property exceed 7800 bytes",
            ));
        }
        if self.updates.len() == MAX_IDS {
            return Err(invalid("phone_ids", "more than 100 phones in one call"));
        }
        self.updates.push((phone_id, properties, custom));
        Ok(self)
    }
}

impl Default for UpdateProperties {
    fn default() -> Self {
        Self::new()
    }
}

#[derive(Serialize)]
struct UpdateEntry<'a> {
    phone_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    property: Option<String>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    custom_property: &'a BTreeMap<String, String>,
}

#[derive(Serialize)]
struct UpdateBody<'a> {
    phones: Vec<UpdateEntry<'a>>,
}

impl Operation for UpdateProperties {
    type Config = Config;
    type Output = JobsReport;
    const NAME: &'static str = "huawei.update_properties";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        if self.updates.is_empty() {
            return Err(invalid("phone_ids", "no phones to update"));
        }
        let body = to_body(&UpdateBody {
            phones: self
                .updates
                .iter()
                .map(|(id, p, c)| UpdateEntry {
                    phone_id: id,
                    property: p.to_wire(),
                    custom_property: c,
                })
                .collect(),
        })?;
        let path = wire::project_path(ctx.config, "v1", "cloud-phone/phones/batch-update-property");
        wire::build(ctx, Method::Post, path, Vec::new(), Some(body))
    }

    fn parse_unchecked(&self, response: &Response) -> Result<JobsReport> {
        parse_jobs_started(Self::NAME, response)
    }

    fn is_idempotent(&self) -> bool {
        // Setting the same values twice leaves the same state.
        true
    }
}
