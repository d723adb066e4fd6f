//! Create phones: `POST /open/v1/phone/addNew` with 1 to [`MAX_PROFILES`]
//! profiles of one Android version.
//!
//! The answer is batch shape B: the amounts plus `details[{index, code, msg,
//! id, profileName, envSerialNo, equipmentInfo}]`, one entry per profile with
//! its own code (0 = created).
//!
//! # Keyed by profile name, not by index
//!
//! A created phone has no id before the call, so the batch key of this call
//! is the **profile name**, and [`CreatePhones::new`] refuses two profiles
//! with the same name in one call. Why not `index`:
//!
//! - a batch plan splits many profiles over several calls, and each call's
//!   indices start again — an index is not a stable key across a batch, a
//!   name is;
//! - GeeLark does not document whether `index` counts from 0 or 1 (its
//!   example counts from 1);
//! - callers think in names.
//!
//! An entry is matched by its `profileName` when that names a requested
//! profile; when the name is empty or unknown, by `index` read as 1-based (as
//! GeeLark's example numbers it). An entry matching neither keeps its own
//! name (or `index:<n>`) as key, so a merge reports it as unexpected and the
//! profile as missing — never as another profile's result.

use std::collections::HashSet;
use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use super::config::Config;
use super::model::{ChargeMode, EquipmentInfo, NetType, WireEquipment};
use super::shapes::{Amounts, Envelope, decode_each, non_empty, opt_int, to_body};
use super::wire;
use crate::batch::{BatchItem, CallOutcome, ItemFailure};
use crate::error::{Result, invalid};
use crate::http::{Request, Response};
use crate::json::{null_default, opt_string_or_int};
use crate::limits::{MAX_NAME_LEN, MAX_TEXT_LEN, MAX_URL_LEN, check_len};
use crate::op::{Context, Operation, check_id};
use crate::secret::Secret;

/// Most profiles one create call carries (Basic plans: one per call).
pub const MAX_PROFILES: usize = 100;

/// One phone to create (`data[]` entry, "EnvRowApi"). Every phone needs a
/// proxy, so each constructor takes one: a proxy URL, a saved proxy's
/// number, or a dynamic proxy provider.
#[derive(Clone, PartialEq, Eq)]
pub struct NewPhone {
    profile_name: String,
    proxy_information: Option<Secret>,
    refresh_url: Option<Secret>,
    proxy_number: Option<u64>,
    dynamic_proxy: Option<String>,
    dynamic_proxy_location: Option<String>,
    mobile_region: Option<String>,
    mobile_province: Option<String>,
    mobile_city: Option<String>,
    mobile_language: Option<String>,
    profile_group: Option<String>,
    profile_tags: Vec<String>,
    profile_note: Option<String>,
    surface: Option<(String, String)>,
    net_type: Option<NetType>,
    phone_number: Option<String>,
    phone_name: Option<String>,
}

impl fmt::Debug for NewPhone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NewPhone")
            .field("profile_name", &self.profile_name)
            .field("proxy_information", &self.proxy_information)
            .field("proxy_number", &self.proxy_number)
            .field("dynamic_proxy", &self.dynamic_proxy)
            .finish_non_exhaustive()
    }
}

impl NewPhone {
    fn bare(profile_name: String) -> Result<Self> {
        check_id("profile_name", &profile_name)?;
        Ok(NewPhone {
            profile_name,
            proxy_information: None,
            refresh_url: None,
            proxy_number: None,
            dynamic_proxy: None,
            dynamic_proxy_location: None,
            mobile_region: None,
            mobile_province: None,
            mobile_city: None,
            mobile_language: None,
            profile_group: None,
            profile_tags: Vec::new(),
            profile_note: None,
            surface: None,
            net_type: None,
            phone_number: None,
            phone_name: None,
        })
    }

    /// A phone behind a proxy given as a URL, e.g.
    /// `socks5://user:pass@host:port` (http, https, socks5). The URL carries
    /// credentials, so it is kept as a [`Secret`].
    pub fn with_proxy_url(
        profile_name: impl Into<String>,
        proxy_url: impl Into<String>,
    ) -> Result<Self> {
        let url = proxy_url.into();
        if url.trim().is_empty() {
            return Err(invalid("proxy_information", "is empty"));
        }
        check_len("proxy_information", &url, MAX_URL_LEN)?;
        let mut p = NewPhone::bare(profile_name.into())?;
        p.proxy_information = Some(Secret::new(url));
        Ok(p)
    }

    /// A phone behind the saved proxy with this serial number
    /// (`proxyNumber`; a saved proxy wins over the other kinds).
    pub fn with_saved_proxy(profile_name: impl Into<String>, proxy_number: u64) -> Result<Self> {
        let mut p = NewPhone::bare(profile_name.into())?;
        p.proxy_number = Some(proxy_number);
        Ok(p)
    }

    /// A phone behind a dynamic proxy provider (`dynamicProxy`, e.g.
    /// `"NodeMaven"`) exiting in `location` (a country code; required).
    pub fn with_dynamic_proxy(
        profile_name: impl Into<String>,
        provider: impl Into<String>,
        location: impl Into<String>,
    ) -> Result<Self> {
        let (provider, location) = (provider.into(), location.into());
        if provider.trim().is_empty() {
            return Err(invalid("dynamic_proxy", "is empty"));
        }
        if location.trim().is_empty() {
            return Err(invalid(
                "dynamic_proxy_location",
                "is required with a dynamic proxy",
            ));
        }
        let mut p = NewPhone::bare(profile_name.into())?;
        p.dynamic_proxy = Some(provider);
        p.dynamic_proxy_location = Some(location);
        Ok(p)
    }

    /// The URL that rotates the proxy's exit IP (`refreshUrl`; may carry a
    /// key, so kept as a [`Secret`]).
    pub fn refresh_url(mut self, url: impl Into<String>) -> Self {
        self.refresh_url = Some(Secret::new(url));
        self
    }

    /// Where the phone claims to be (`mobileRegion`, e.g. `"USA-US"`; follows
    /// the proxy when not set), with province and city (US only).
    pub fn region(
        mut self,
        region: impl Into<String>,
        province: Option<String>,
        city: Option<String>,
    ) -> Self {
        self.mobile_region = non_empty(Some(region.into()));
        self.mobile_province = non_empty(province);
        self.mobile_city = non_empty(city);
        self
    }

    /// `mobileLanguage`: `default` (English), `baseOnIP`, or a language code.
    pub fn language(mut self, language: impl Into<String>) -> Self {
        self.mobile_language = non_empty(Some(language.into()));
        self
    }

    /// The group, by name (created when missing).
    pub fn group(mut self, name: impl Into<String>) -> Self {
        self.profile_group = non_empty(Some(name.into()));
        self
    }

    /// Tags, by name (created when missing).
    pub fn tags<I, S>(mut self, names: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.profile_tags = names
            .into_iter()
            .map(Into::into)
            .filter(|s: &String| !s.is_empty())
            .collect();
        self
    }

    /// A note (`profileNote`).
    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.profile_note = non_empty(Some(note.into()));
        self
    }

    /// The brand and model the phone presents (from the brand list; always
    /// sent together).
    pub fn surface(mut self, brand: impl Into<String>, model: impl Into<String>) -> Self {
        self.surface = Some((brand.into(), model.into()));
        self
    }

    /// Wi-Fi or mobile (Android 12, 13, 15; GeeLark defaults to mobile).
    pub fn net_type(mut self, net: NetType) -> Self {
        self.net_type = Some(net);
        self
    }

    /// The phone number the phone presents.
    pub fn phone_number(mut self, number: impl Into<String>) -> Self {
        self.phone_number = non_empty(Some(number.into()));
        self
    }

    /// The device name (`phoneName`; not on Android 9 and 11).
    pub fn phone_name(mut self, name: impl Into<String>) -> Self {
        self.phone_name = non_empty(Some(name.into()));
        self
    }

    /// The profile name: this profile's key in the answer.
    pub fn profile_name(&self) -> &str {
        &self.profile_name
    }

    /// The length caps of the fields whose setters cannot fail: URLs at
    /// [`MAX_URL_LEN`], the note at [`MAX_TEXT_LEN`], names at [`MAX_NAME_LEN`]
    /// bytes.
    fn check_lengths(&self) -> Result<()> {
        let urls = [
            ("proxy_information", &self.proxy_information),
            ("refresh_url", &self.refresh_url),
        ];
        for (field, v) in urls {
            if let Some(v) = v {
                check_len(field, v.expose(), MAX_URL_LEN)?;
            }
        }
        let texts = [
            ("dynamic_proxy", &self.dynamic_proxy),
            ("dynamic_proxy_location", &self.dynamic_proxy_location),
            ("mobile_region", &self.mobile_region),
            ("mobile_province", &self.mobile_province),
            ("mobile_city", &self.mobile_city),
            ("mobile_language", &self.mobile_language),
            ("profile_group", &self.profile_group),
            ("phone_number", &self.phone_number),
            ("phone_name", &self.phone_name),
        ];
        for (field, v) in texts {
            if let Some(v) = v {
                check_len(field, v, MAX_NAME_LEN)?;
            }
        }
        if let Some(note) = &self.profile_note {
            check_len("profile_note", note, MAX_TEXT_LEN)?;
        }
        for tag in &self.profile_tags {
            check_len("profile_tags", tag, MAX_NAME_LEN)?;
        }
        if let Some((brand, model)) = &self.surface {
            check_len("surface", brand, MAX_NAME_LEN)?;
            check_len("surface", model, MAX_NAME_LEN)?;
        }
        Ok(())
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct WireProfile<'a> {
    profile_name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    proxy_information: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    refresh_url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    proxy_number: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    dynamic_proxy: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    dynamic_proxy_location: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    mobile_region: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    mobile_province: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    mobile_city: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    mobile_language: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    profile_group: Option<&'a str>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    profile_tags: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    profile_note: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    surface_brand_name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    surface_model_name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    net_type: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    phone_number: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    phone_name: Option<&'a str>,
}

impl NewPhone {
    fn to_wire(&self) -> WireProfile<'_> {
        WireProfile {
            profile_name: &self.profile_name,
            proxy_information: self.proxy_information.as_ref().map(Secret::expose),
            refresh_url: self.refresh_url.as_ref().map(Secret::expose),
            proxy_number: self.proxy_number,
            dynamic_proxy: self.dynamic_proxy.as_deref(),
            dynamic_proxy_location: self.dynamic_proxy_location.as_deref(),
            mobile_region: self.mobile_region.as_deref(),
            mobile_province: self.mobile_province.as_deref(),
            mobile_city: self.mobile_city.as_deref(),
            mobile_language: self.mobile_language.as_deref(),
            profile_group: self.profile_group.as_deref(),
            profile_tags: &self.profile_tags,
            profile_note: self.profile_note.as_deref(),
            surface_brand_name: self.surface.as_ref().map(|s| s.0.as_str()),
            surface_model_name: self.surface.as_ref().map(|s| s.1.as_str()),
            net_type: self.net_type.map(NetType::code),
            phone_number: self.phone_number.as_deref(),
            phone_name: self.phone_name.as_deref(),
        }
    }
}

/// Create phones of one Android version.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "phone/addNew")]
pub struct CreatePhones {
    mobile_type: String,
    charge_mode: Option<ChargeMode>,
    region: Option<String>,
    profiles: Vec<NewPhone>,
}

impl CreatePhones {
    /// `mobile_type` like `"Android 13"` (not checked against a list, so new
    /// versions work without a release) and 1 to [`MAX_PROFILES`] profiles
    /// with distinct names.
    pub fn new(mobile_type: impl Into<String>, profiles: Vec<NewPhone>) -> Result<Self> {
        let mobile_type = mobile_type.into();
        check_id("mobile_type", &mobile_type)?;
        if profiles.is_empty() {
            return Err(invalid("profiles", "none given; at least one is required"));
        }
        if profiles.len() > MAX_PROFILES {
            return Err(invalid(
                "profiles",
                format!(
                    "{} given, more than the {MAX_PROFILES} one call accepts",
                    profiles.len()
                ),
            ));
        }
        let mut seen = HashSet::new();
        if let Some(dup) = profiles
            .iter()
            .find(|p| !seen.insert(p.profile_name.as_str()))
        {
            return Err(invalid(
                "profiles",
                format!(
                    "the profile name {} is given twice; names key the answer and must be distinct",
                    crate::limits::echo(&dup.profile_name)
                ),
            ));
        }
        Ok(CreatePhones {
            mobile_type,
            charge_mode: None,
            region: None,
            profiles,
        })
    }

    /// Billing (GeeLark defaults to per-minute).
    pub fn charge_mode(mut self, mode: ChargeMode) -> Self {
        self.charge_mode = Some(mode);
        self
    }

    /// The cloud region: `cn`, `sgp` (the CLI adds `us`).
    pub fn region(mut self, region: impl Into<String>) -> Result<Self> {
        let region = region.into();
        check_id("region", &region)?;
        self.region = Some(region);
        Ok(self)
    }

    /// The profile names, in order: the keys of this call's outcome.
    pub fn profile_names(&self) -> Vec<String> {
        self.profiles
            .iter()
            .map(|p| p.profile_name.clone())
            .collect()
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Body<'a> {
    mobile_type: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    charge_mode: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<&'a str>,
    data: Vec<WireProfile<'a>>,
}

/// A phone that was created.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct CreatedPhone {
    /// The profile it was created from: this item's key.
    pub profile_name: String,
    /// `index` as sent.
    pub index: Option<i64>,
    /// The new phone's id.
    pub id: String,
    /// `envSerialNo`.
    pub serial_no: Option<String>,
    /// The device identity it was given.
    pub equipment_info: Option<EquipmentInfo>,
}

impl BatchItem for CreatedPhone {
    fn item_id(&self) -> &str {
        &self.profile_name
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireDetail {
    #[serde(default, deserialize_with = "opt_int")]
    index: Option<i64>,
    #[serde(default, deserialize_with = "opt_string_or_int")]
    code: Option<String>,
    #[serde(default)]
    msg: Option<String>,
    #[serde(default, deserialize_with = "opt_string_or_int")]
    id: Option<String>,
    #[serde(default)]
    profile_name: Option<String>,
    #[serde(default, deserialize_with = "opt_string_or_int")]
    env_serial_no: Option<String>,
    #[serde(default)]
    equipment_info: Option<WireEquipment>,
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
    details: Vec<Box<RawValue>>,
}

/// The answer to one create call.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct CreateReport {
    /// The envelope.
    #[serde(flatten)]
    pub envelope: Envelope,
    /// The amounts, as reported.
    pub amounts: Amounts,
    /// Phones created, keyed by profile name.
    pub created: Vec<CreatedPhone>,
    /// Profiles that were not created, keyed by profile name (44004 daily
    /// creation limit, …).
    pub failures: Vec<ItemFailure>,
}

impl From<CreateReport> for CallOutcome<CreatedPhone> {
    fn from(r: CreateReport) -> Self {
        CallOutcome::new(r.created, r.failures, r.envelope.trace_id)
    }
}

impl CreatePhones {
    fn key_of(&self, d: &WireDetail) -> String {
        let name = d.profile_name.as_deref().filter(|n| !n.is_empty());
        if let Some(n) = name.filter(|n| self.profiles.iter().any(|p| p.profile_name == *n)) {
            return n.to_owned();
        }
        let by_index = d
            .index
            .and_then(|i| usize::try_from(i).ok())
            .and_then(|i| i.checked_sub(1))
            .and_then(|i| self.profiles.get(i));
        match (by_index, name) {
            (Some(p), _) => p.profile_name.clone(),
            (None, Some(n)) => n.to_owned(),
            (None, None) => match d.index {
                Some(i) => format!("index:{i}"),
                None => "index:none".to_owned(),
            },
        }
    }
}

impl Operation for CreatePhones {
    type Config = Config;
    type Output = CreateReport;
    const NAME: &'static str = "geelark.create_phones";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        for p in &self.profiles {
            p.check_lengths()?;
        }
        let body = to_body(&Body {
            mobile_type: &self.mobile_type,
            charge_mode: self.charge_mode.map(ChargeMode::code),
            region: self.region.as_deref(),
            data: self.profiles.iter().map(NewPhone::to_wire).collect(),
        })?;
        wire::build(ctx, "/open/v1/phone/addNew", body)
    }

    fn parse_unchecked(&self, response: &Response) -> Result<CreateReport> {
        let a = wire::parse::<WireData>(Self::NAME, response)?;
        let envelope = Envelope::of(&a);
        let d = a.data;
        let details: Vec<WireDetail> =
            decode_each(Self::NAME, response.status, "details", &d.details)?;
        let mut created = Vec::new();
        let mut failures = Vec::new();
        for detail in details {
            let key = self.key_of(&detail);
            // A missing code counts as success only when the entry names the
            // new phone; a failure needs no id.
            let ok = match detail.code.as_deref() {
                Some(c) => c == "0",
                None => detail.id.as_deref().is_some_and(|i| !i.is_empty()),
            };
            if ok {
                created.push(CreatedPhone {
                    profile_name: key,
                    index: detail.index,
                    id: detail.id.unwrap_or_default(),
                    serial_no: non_empty(detail.env_serial_no),
                    equipment_info: detail.equipment_info.map(EquipmentInfo::from),
                });
            } else {
                failures.push(ItemFailure::api(
                    key,
                    detail.code.unwrap_or_default(),
                    detail.msg.unwrap_or_default(),
                ));
            }
        }
        Ok(CreateReport {
            envelope,
            amounts: Amounts::new(d.total_amount, d.success_amount, d.fail_amount),
            created,
            failures,
        })
    }

    /// No: every call creates new phones.
    fn is_idempotent(&self) -> bool {
        false
    }
}
