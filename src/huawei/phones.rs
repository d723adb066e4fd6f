//! Phones: list (paged), detail (with the ports to reach each service of a
//! phone), and rename.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use super::config::Config;
use super::listing::{Listing, get_one};
use super::wire;
use crate::error::{Error, Result, invalid};
use crate::http::{Method, Request, Response};
use crate::json::{int_or_string, null_default, opt_string_or_int, string_or_int};
use crate::op::{Context, Operation, check_path_segment};
use crate::page::Pager;
use crate::phone::{Phone, PhoneStatus, Provider};

/// Largest `limit` of [`ListPhones`].
pub const MAX_PHONES_LIMIT: u32 = 200;

/// Order and billing metadata.
#[derive(Clone, Debug, PartialEq, Eq, Default, Deserialize, Serialize)]
#[non_exhaustive]
pub struct Metadata {
    /// Order id.
    #[serde(default)]
    pub order_id: Option<String>,
    /// Product id.
    #[serde(default)]
    pub product_id: Option<String>,
    /// 0 yearly/monthly, 1 pay-per-use (servers only).
    #[serde(default)]
    pub charging_mode: Option<i64>,
}

/// A phone as the list returns it.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(from = "WirePhoneRecord")]
#[non_exhaustive]
pub struct PhoneRecord {
    /// The phone id.
    pub phone_id: String,
    /// The name.
    pub phone_name: Option<String>,
    /// The server the phone runs on.
    pub server_id: Option<String>,
    /// The flavor.
    pub phone_model_name: Option<String>,
    /// The image.
    pub image_id: Option<String>,
    /// The image version.
    pub image_version: Option<String>,
    /// The state in the provider-neutral model (in JSON: its name, as
    /// [`PhoneStatus::as_str`]).
    #[serde(serialize_with = "crate::phone::serialize_status_name")]
    pub status: PhoneStatus,
    /// The status code as Huawei sent it (see [`PhoneStatus::from_huawei`]).
    pub raw_status: i64,
    /// 0 ordinary, 1 trial.
    #[serde(rename = "type")]
    pub phone_type: Option<i64>,
    /// IMEI.
    pub imei: Option<String>,
    /// `direct` or `routing`.
    pub traffic_type: Option<String>,
    /// 0 shared disk, 1 independent disk.
    pub volume_mode: Option<i64>,
    /// Availability zone.
    pub availability_zone: Option<String>,
    /// Order metadata.
    pub metadata: Metadata,
    /// File-level encryption on.
    pub has_encrypt: Option<bool>,
    /// Created (UTC text).
    pub create_time: Option<String>,
    /// Updated (UTC text).
    pub update_time: Option<String>,
}

/// [`PhoneRecord`] as sent: the status an integer.
#[derive(Deserialize)]
struct WirePhoneRecord {
    #[serde(deserialize_with = "string_or_int")]
    phone_id: String,
    #[serde(default)]
    phone_name: Option<String>,
    #[serde(default, deserialize_with = "opt_string_or_int")]
    server_id: Option<String>,
    #[serde(default)]
    phone_model_name: Option<String>,
    #[serde(default)]
    image_id: Option<String>,
    #[serde(default)]
    image_version: Option<String>,
    #[serde(deserialize_with = "int_or_string")]
    status: i64,
    #[serde(default, rename = "type")]
    phone_type: Option<i64>,
    #[serde(default)]
    imei: Option<String>,
    #[serde(default)]
    traffic_type: Option<String>,
    #[serde(default)]
    volume_mode: Option<i64>,
    #[serde(default)]
    availability_zone: Option<String>,
    #[serde(default, deserialize_with = "null_default")]
    metadata: Metadata,
    #[serde(default)]
    has_encrypt: Option<bool>,
    #[serde(default)]
    create_time: Option<String>,
    #[serde(default)]
    update_time: Option<String>,
}

impl From<WirePhoneRecord> for PhoneRecord {
    fn from(w: WirePhoneRecord) -> Self {
        PhoneRecord {
            phone_id: w.phone_id,
            phone_name: w.phone_name,
            server_id: w.server_id,
            phone_model_name: w.phone_model_name,
            image_id: w.image_id,
            image_version: w.image_version,
            status: PhoneStatus::from_huawei(w.status),
            raw_status: w.status,
            phone_type: w.phone_type,
            imei: w.imei,
            traffic_type: w.traffic_type,
            volume_mode: w.volume_mode,
            availability_zone: w.availability_zone,
            metadata: w.metadata,
            has_encrypt: w.has_encrypt,
            create_time: w.create_time,
            update_time: w.update_time,
        }
    }
}

/// List phones: `GET /v1/{project_id}/cloud-phone/phones` (newest first).
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "ListCloudPhones", alias = "list_cloud_phones")]
pub struct ListPhones {
    listing: Listing,
}

impl Default for ListPhones {
    fn default() -> Self {
        ListPhones {
            listing: Listing::new(100, MAX_PHONES_LIMIT),
        }
    }
}

impl ListPhones {
    /// The first page of 100 phones, no filter.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the page (offset ≥ 0, limit 1 to 200).
    pub fn page(mut self, offset: u32, limit: u32) -> Result<Self> {
        self.listing.set_page(offset, limit)?;
        Ok(self)
    }

    fn filter(mut self, key: &str, value: String) -> Result<Self> {
        self.listing.set_filter(key, value)?;
        Ok(self)
    }

    /// Only phones whose name contains `name`.
    pub fn name(self, name: impl Into<String>) -> Result<Self> {
        self.filter("phone_name", name.into())
    }

    /// Only phones of this server.
    pub fn server(self, server_id: impl Into<String>) -> Result<Self> {
        self.filter("server_id", server_id.into())
    }

    /// Only phones with this raw status code.
    pub fn status(self, code: i64) -> Result<Self> {
        self.filter("status", code.to_string())
    }

    /// Only phones of this type (0 ordinary).
    pub fn phone_type(self, t: i64) -> Result<Self> {
        self.filter("type", t.to_string())
    }
}

#[derive(Deserialize)]
struct WireList<'a> {
    #[serde(default)]
    request_id: Option<String>,
    #[serde(default)]
    count: Option<u64>,
    #[serde(default, borrow, deserialize_with = "null_default")]
    phones: Vec<&'a RawValue>,
}

/// One page of phones.
#[derive(Clone, Debug, Serialize)]
#[non_exhaustive]
pub struct PhoneList {
    /// The request id.
    pub request_id: Option<String>,
    /// How many phones match in all (`count`).
    pub total: Option<u64>,
    /// The typed records.
    pub records: Vec<PhoneRecord>,
    /// The same phones in the provider-neutral view.
    pub phones: Vec<Phone>,
}

impl Operation for ListPhones {
    type Config = Config;
    type Output = PhoneList;
    const NAME: &'static str = "huawei.list_phones";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        self.listing.build(ctx, "cloud-phone/phones")
    }

    fn parse_unchecked(&self, response: &Response) -> Result<PhoneList> {
        if !response.is_success() {
            return Err(wire::api_error(response));
        }
        crate::op::ensure_not_empty(Self::NAME, response)?;
        let w: WireList<'_> = crate::json::decode(Self::NAME, response.status, &response.body)?;
        let mut records = Vec::with_capacity(w.phones.len());
        let mut phones = Vec::with_capacity(w.phones.len());
        for (i, raw) in w.phones.into_iter().enumerate() {
            let rec: PhoneRecord =
                crate::json::decode(Self::NAME, response.status, raw.get().as_bytes())
                    .map_err(|e| at_index(e, "phones", i))?;
            phones.push(Phone::new(
                Provider::Huawei,
                rec.phone_id.clone(),
                rec.phone_name.clone(),
                rec.status,
                raw.to_owned(),
            ));
            records.push(rec);
        }
        Ok(PhoneList {
            request_id: w.request_id,
            total: w.count,
            records,
            phones,
        })
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}

impl Pager for ListPhones {
    fn next_page(&self, last: &PhoneList) -> Option<Self> {
        self.listing
            .next(last.records.len(), last.total)
            .map(|listing| ListPhones { listing })
    }

    fn item_ids(page: &PhoneList, each: &mut dyn FnMut(Option<&str>)) {
        page.records.iter().for_each(|r| each(Some(&r.phone_id)));
    }
}

/// Prefixes a decode error's path with `field[index]`.
pub(crate) fn at_index(e: Error, field: &str, i: usize) -> Error {
    match e {
        Error::Decode {
            operation,
            http_status,
            path,
            message,
        } => Error::Decode {
            operation,
            http_status,
            path: if path == "." {
                format!("{field}[{i}]")
            } else {
                format!("{field}[{i}].{path}")
            },
            message,
        },
        other => other,
    }
}

/// How to reach one service port of a phone through its server.
///
/// The API sends both the current field names and their deprecated aliases
/// (`device_ip`, `access_ip`, `intranet_ip`); the current name wins, the
/// alias fills in when only it is present.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(from = "WireAccessInfo")]
#[non_exhaustive]
pub struct PhoneAccessInfo {
    /// `adb`, `vnc`, or a user-defined port name.
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// The phone's private IP.
    pub phone_ip: Option<String>,
    /// The port the service listens on inside the phone.
    pub listen_port: Option<i64>,
    /// The server's public IP, empty if not published.
    pub public_ip: Option<String>,
    /// The server's private IP.
    pub server_ip: Option<String>,
    /// The server port mapped to `listen_port`.
    pub access_port: Option<i64>,
    /// The phone's IPv6 address.
    pub phone_ipv6: Option<String>,
    /// The server's IPv6 address.
    pub server_ipv6: Option<String>,
}

#[derive(Deserialize)]
struct WireAccessInfo {
    #[serde(default, rename = "type")]
    kind: Option<String>,
    #[serde(default)]
    phone_ip: Option<String>,
    #[serde(default)]
    device_ip: Option<String>,
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
    phone_ipv6: Option<String>,
    #[serde(default)]
    server_ipv6: Option<String>,
}

impl From<WireAccessInfo> for PhoneAccessInfo {
    fn from(w: WireAccessInfo) -> Self {
        PhoneAccessInfo {
            kind: w.kind,
            phone_ip: w.phone_ip.or(w.device_ip),
            listen_port: w.listen_port,
            public_ip: w.public_ip.or(w.access_ip),
            server_ip: w.server_ip.or(w.intranet_ip),
            access_port: w.access_port,
            phone_ipv6: w.phone_ipv6,
            server_ipv6: w.server_ipv6,
        }
    }
}

pub(crate) fn opt_int<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> std::result::Result<Option<i64>, D::Error> {
    #[derive(Deserialize)]
    struct I(#[serde(deserialize_with = "int_or_string")] i64);
    Ok(Option::<I>::deserialize(d)?.map(|I(n)| n))
}

/// A phone's full record.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct PhoneDetail {
    /// The request id.
    #[serde(default)]
    pub request_id: Option<String>,
    /// Everything the list shows.
    #[serde(flatten)]
    pub phone: PhoneRecord,
    /// Ports of the phone's services.
    #[serde(default, deserialize_with = "null_default")]
    pub access_infos: Vec<PhoneAccessInfo>,
    /// The phone's properties (JSON text as sent).
    #[serde(default)]
    pub property: Option<String>,
    /// Custom properties.
    #[serde(default, deserialize_with = "null_default")]
    pub custom_property: BTreeMap<String, String>,
    /// `"true"`/`"false"` as sent (marked expired in the official SDK).
    #[serde(default)]
    pub vnc_enable: Option<String>,
    /// The phone's data disk.
    #[serde(default)]
    pub phone_data_volume: Option<PhoneDataVolume>,
}

/// A phone's data disk.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct PhoneDataVolume {
    /// Disk type.
    #[serde(default)]
    pub volume_type: Option<String>,
    /// Size in GB.
    #[serde(default, deserialize_with = "opt_int")]
    pub volume_size: Option<i64>,
}

impl crate::batch::BatchItem for PhoneDetail {
    fn item_id(&self) -> &str {
        &self.phone.phone_id
    }
}

/// One phone's detail as a batch's answer for that phone, so that a
/// client fans [`ShowPhone`] out over many ids (`batch(ids, 1, ..)`).
impl From<PhoneDetail> for crate::batch::CallOutcome<PhoneDetail> {
    fn from(d: PhoneDetail) -> Self {
        let request_id = d.request_id.clone();
        crate::batch::CallOutcome::new(vec![d], Vec::new(), request_id)
    }
}

impl PhoneDetail {
    /// The neutral state.
    pub fn status(&self) -> PhoneStatus {
        self.phone.status
    }
}

/// Read one phone: `GET /v1/{project_id}/cloud-phone/phones/{phone_id}`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "ShowCloudPhoneDetail", alias = "show_cloud_phone_detail")]
pub struct ShowPhone {
    phone_id: String,
}

impl ShowPhone {
    /// The phone to read.
    pub fn new(phone_id: impl Into<String>) -> Result<Self> {
        let phone_id = phone_id.into();
        check_path_segment("phone_id", &phone_id)?;
        Ok(ShowPhone { phone_id })
    }
}

impl Operation for ShowPhone {
    type Config = Config;
    type Output = PhoneDetail;
    const NAME: &'static str = "huawei.show_phone";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        get_one(ctx, "cloud-phone/phones", &self.phone_id)
    }

    fn parse_unchecked(&self, response: &Response) -> Result<PhoneDetail> {
        wire::parse_json(Self::NAME, response)
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}

/// Rename a phone: `PUT /v1/{project_id}/cloud-phone/phones/{phone_id}`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "UpdatePhoneName", alias = "update_phone_name")]
pub struct RenamePhone {
    phone_id: String,
    name: String,
}

/// Longest phone name accepted, in characters.
pub const MAX_NAME_CHARS: usize = 60;

impl RenamePhone {
    /// A name of 1 to 60 characters from a–z, A–Z, 0–9, Chinese
    /// characters, `-` and `_` (the API's rule).
    pub fn new(phone_id: impl Into<String>, name: impl Into<String>) -> Result<Self> {
        let phone_id = phone_id.into();
        check_path_segment("phone_id", &phone_id)?;
        let name = name.into();
        check_name(&name)?;
        Ok(RenamePhone { phone_id, name })
    }
}

pub(crate) fn check_name(name: &str) -> Result<()> {
    check_name_of("phone_name", name)
}

/// The API's rule for phone and server names: 1 to 60 characters from
/// a–z, A–Z, 0–9, Chinese characters (the CJK Unified Ideographs and their
/// extension A), `-` and `_`. Other scripts (`café`, `Тест`) are refused
/// here rather than by the API.
pub(crate) fn check_name_of(field: &'static str, name: &str) -> Result<()> {
    let n = name.chars().count();
    if n == 0 || n > MAX_NAME_CHARS {
        return Err(invalid(field, "must be 1 to 60 characters"));
    }
    let allowed = |c: char| {
        c.is_ascii_alphanumeric()
            || c == '-'
            || c == '_'
            || ('\u{4E00}'..='\u{9FFF}').contains(&c)
            || ('\u{3400}'..='\u{4DBF}').contains(&c)
    };
    if !name.chars().all(allowed) {
        return Err(invalid(
            field,
            "only a-z, A-Z, 0-9, Chinese characters, '-' and '_' are allowed",
        ));
    }
    Ok(())
}

/// An answer that is only a request id (or an empty body): [`Accepted`].
/// The API documents `error_code`/`error_msg` beside `request_id` in such
/// answers, so a 2xx that carries a non-empty `error_code` is that error.
pub(crate) fn parse_accepted(operation: &'static str, response: &Response) -> Result<Accepted> {
    if response.is_success() && response.body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Accepted {
            request_id: response.header("x-request-id").map(str::to_owned),
        });
    }
    #[derive(Deserialize)]
    struct Wire {
        #[serde(default)]
        request_id: Option<String>,
        #[serde(default, deserialize_with = "crate::json::opt_string_or_int")]
        error_code: Option<String>,
    }
    // Not `wire::parse_json_checked`: its flattened decode buffers the body
    // first, and these answers are the commonest (no buffering here).
    let w: Wire = wire::parse_json(operation, response)?;
    if w.error_code.is_some_and(|c| !c.is_empty()) {
        return Err(wire::api_error(response));
    }
    Ok(Accepted {
        request_id: w.request_id,
    })
}

#[derive(Serialize)]
struct RenameBody<'a> {
    phone_name: &'a str,
}

/// The answer of an operation that returns only its request id.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct Accepted {
    /// The request id.
    #[serde(default)]
    pub request_id: Option<String>,
}

impl Operation for RenamePhone {
    type Config = Config;
    type Output = Accepted;
    const NAME: &'static str = "huawei.rename_phone";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        let body = serde_json::to_vec(&RenameBody {
            phone_name: &self.name,
        })
        .map_err(|e| invalid("phone_name", e.to_string()))?;
        let path = wire::project_path(
            ctx.config,
            "v1",
            &format!("cloud-phone/phones/{}", self.phone_id),
        );
        wire::build(ctx, Method::Put, path, Vec::new(), Some(body))
    }

    fn parse_unchecked(&self, response: &Response) -> Result<Accepted> {
        parse_accepted(Self::NAME, response)
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}
