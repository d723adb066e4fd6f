//! Change one phone: `POST /open/v1/phone/detail/update`.
//!
//! Name, remark, group, tags, proxy and phone number; only what is set is
//! sent. The answer is batch shape D: the envelope alone when everything was
//! applied, or `data.failDetails[{code 43022, id, msg}]` naming the **tag
//! ids** that do not exist (when none of them exist the whole call fails
//! with an envelope error instead). So the batch dimension of this call is
//! its tag ids: requested tags not named in `failDetails` were applied —
//! unless a failure names something that is not a requested tag, in which
//! case the answer is not the documented one and nothing is inferred.
//!
//! Do not send an update while a start of the same phone is in flight;
//! changing the phone number needs the phone stopped.

use std::collections::HashSet;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::config::Config;
use super::shapes::{Envelope, ItemId, WireFail, check_len, failures, filter_list, to_body};
use super::wire;
use crate::batch::{CallOutcome, ItemFailure};
use crate::error::{Result, invalid};
use crate::http::{Request, Response};
use crate::json::null_default;
use crate::limits::{MAX_NAME_LEN, MAX_SECRET_LEN};
use crate::op::{Context, Operation, check_id};
use crate::secret::Secret;

/// Longest phone name, in characters.
pub const MAX_NAME_CHARS: usize = 100;
/// Longest remark, in characters.
pub const MAX_REMARK_CHARS: usize = 1500;

/// A proxy protocol.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ProxyScheme {
    /// SOCKS5 (`typeId`/`protocol` 1).
    Socks5,
    /// HTTP (2).
    Http,
    /// HTTPS (3; static proxies only).
    Https,
}

impl ProxyScheme {
    fn code(self) -> u8 {
        match self {
            ProxyScheme::Socks5 => 1,
            ProxyScheme::Http => 2,
            ProxyScheme::Https => 3,
        }
    }
}

/// A proxy to give a phone (`proxyConfig`): a static proxy, or a dynamic one
/// from a proxy provider GeeLark integrates (`useProxyCfg: true`). The
/// password is a [`Secret`].
#[derive(Clone, PartialEq, Eq)]
pub struct ProxyConfig {
    dynamic: bool,
    type_id: u32,
    protocol: Option<u8>,
    server: Option<String>,
    port: Option<u16>,
    username: Option<String>,
    password: Option<Secret>,
    country: Option<String>,
    region: Option<String>,
    city: Option<String>,
}

impl fmt::Debug for ProxyConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ProxyConfig")
            .field("dynamic", &self.dynamic)
            .field("type_id", &self.type_id)
            .field("server", &self.server)
            .field("port", &self.port)
            .field("username", &self.username)
            .field("password", &self.password)
            .finish_non_exhaustive()
    }
}

impl ProxyConfig {
    /// A static proxy (`typeId` 1 socks5, 2 http, 3 https; server, port,
    /// username and password all sent, empty ones as `""`).
    pub fn fixed(
        scheme: ProxyScheme,
        server: impl Into<String>,
        port: u16,
        username: impl Into<String>,
        password: impl Into<String>,
    ) -> Result<Self> {
        let server = server.into();
        if server.trim().is_empty() {
            return Err(invalid("proxy_config.server", "is empty"));
        }
        Ok(ProxyConfig {
            dynamic: false,
            type_id: u32::from(scheme.code()),
            protocol: None,
            server: Some(server),
            port: Some(port),
            username: Some(username.into()),
            password: Some(Secret::new(password)),
            country: None,
            region: None,
            city: None,
        })
    }

    /// A dynamic proxy from the provider with this `typeId` (21 IPHTML,
    /// 22 kookeey, 23 Lumatuo (BrightData), 24 Proxyma, 25 SmartProxy,
    /// 26 RolaIP, 27 NodeMaven, 29 KookeeyMobile; not checked here, so new
    /// providers work without a release).
    pub fn dynamic(type_id: u32) -> Self {
        ProxyConfig {
            dynamic: true,
            type_id,
            protocol: None,
            server: None,
            port: None,
            username: None,
            password: None,
            country: None,
            region: None,
            city: None,
        }
    }

    /// A dynamic proxy's protocol: SOCKS5 or HTTP.
    pub fn protocol(mut self, scheme: ProxyScheme) -> Result<Self> {
        if !self.dynamic || scheme == ProxyScheme::Https {
            return Err(invalid(
                "proxy_config.protocol",
                "applies to dynamic proxies and is SOCKS5 or HTTP",
            ));
        }
        self.protocol = Some(scheme.code());
        Ok(self)
    }

    /// A dynamic proxy's gateway and credentials.
    pub fn gateway(
        mut self,
        server: impl Into<String>,
        port: u16,
        username: impl Into<String>,
        password: impl Into<String>,
    ) -> Self {
        self.server = Some(server.into());
        self.port = Some(port);
        self.username = Some(username.into());
        self.password = Some(Secret::new(password));
        self
    }

    /// A dynamic proxy's exit location (country code, region, city; empty
    /// parts are not sent).
    pub fn location(
        mut self,
        country: impl Into<String>,
        region: impl Into<String>,
        city: impl Into<String>,
    ) -> Self {
        let ne = |s: String| Some(s).filter(|s| !s.is_empty());
        self.country = ne(country.into());
        self.region = ne(region.into());
        self.city = ne(city.into());
        self
    }
}

impl ProxyConfig {
    /// The length caps of the fields whose setters cannot fail, checked when
    /// the request is built: the password at [`MAX_SECRET_LEN`], the others
    /// at [`MAX_NAME_LEN`] bytes. Values are never quoted.
    fn check_lengths(&self) -> Result<()> {
        let fields = [
            ("proxy_config.server", &self.server),
            ("proxy_config.username", &self.username),
            ("proxy_config.country", &self.country),
            ("proxy_config.region", &self.region),
            ("proxy_config.city", &self.city),
        ];
        for (field, v) in fields {
            if let Some(v) = v {
                crate::limits::check_len(field, v, MAX_NAME_LEN)?;
            }
        }
        if let Some(p) = &self.password {
            crate::limits::check_len("proxy_config.password", p.expose(), MAX_SECRET_LEN)?;
        }
        Ok(())
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct WireProxyConfig<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    use_proxy_cfg: Option<bool>,
    type_id: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    protocol: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    server: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    port: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    username: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    password: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    country: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    city: Option<&'a str>,
}

impl ProxyConfig {
    fn to_wire(&self) -> WireProxyConfig<'_> {
        WireProxyConfig {
            use_proxy_cfg: self.dynamic.then_some(true),
            type_id: self.type_id,
            protocol: self.protocol,
            server: self.server.as_deref(),
            port: self.port,
            username: self.username.as_deref(),
            password: self.password.as_ref().map(Secret::expose),
            country: self.country.as_deref(),
            region: self.region.as_deref(),
            city: self.city.as_deref(),
        }
    }
}

/// Change one phone's details. At least one change must be set.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "phone/detail/update")]
pub struct UpdatePhone {
    id: String,
    name: Option<String>,
    remark: Option<String>,
    group_id: Option<String>,
    tag_ids: Option<Vec<String>>,
    proxy_config: Option<ProxyConfig>,
    proxy_id: Option<String>,
    phone_number: Option<String>,
}

impl UpdatePhone {
    /// An update of the phone `id`.
    pub fn new(id: impl Into<String>) -> Result<Self> {
        let id = id.into();
        check_id("id", &id)?;
        Ok(UpdatePhone {
            id,
            name: None,
            remark: None,
            group_id: None,
            tag_ids: None,
            proxy_config: None,
            proxy_id: None,
            phone_number: None,
        })
    }

    /// A new name (at most [`MAX_NAME_CHARS`] characters).
    pub fn name(mut self, name: impl Into<String>) -> Result<Self> {
        let name = name.into();
        if name.trim().is_empty() {
            return Err(invalid("name", "is empty"));
        }
        check_len("name", &name, MAX_NAME_CHARS)?;
        self.name = Some(name);
        Ok(self)
    }

    /// A new remark (at most [`MAX_REMARK_CHARS`] characters; `""` clears it).
    pub fn remark(mut self, remark: impl Into<String>) -> Result<Self> {
        let remark = remark.into();
        check_len("remark", &remark, MAX_REMARK_CHARS)?;
        self.remark = Some(remark);
        Ok(self)
    }

    /// Move to the group with this id (`groupID`).
    pub fn group_id(mut self, id: impl Into<String>) -> Result<Self> {
        let id = id.into();
        check_id("group_id", &id)?;
        self.group_id = Some(id);
        Ok(self)
    }

    /// Replace the tags with these tag **ids** (`tagIDs`; duplicates
    /// collapse; an empty list is sent as `[]`).
    pub fn tag_ids<I, S>(mut self, ids: I) -> Result<Self>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.tag_ids = Some(filter_list("tag_ids", ids, usize::MAX)?);
        Ok(self)
    }

    /// Give the phone this proxy.
    pub fn proxy_config(mut self, proxy: ProxyConfig) -> Self {
        self.proxy_config = Some(proxy);
        self
    }

    /// Give the phone the saved proxy with this id (GeeLark prefers it over
    /// a `proxyConfig` sent in the same call).
    pub fn proxy_id(mut self, id: impl Into<String>) -> Result<Self> {
        let id = id.into();
        check_id("proxy_id", &id)?;
        self.proxy_id = Some(id);
        Ok(self)
    }

    /// A new phone number (the phone must be stopped).
    pub fn phone_number(mut self, number: impl Into<String>) -> Result<Self> {
        let number = number.into();
        check_id("phone_number", &number)?;
        self.phone_number = Some(number);
        Ok(self)
    }

    /// The phone this call changes.
    pub fn id(&self) -> &str {
        &self.id
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Body<'a> {
    id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    remark: Option<&'a str>,
    #[serde(rename = "groupID", skip_serializing_if = "Option::is_none")]
    group_id: Option<&'a str>,
    #[serde(rename = "tagIDs", skip_serializing_if = "Option::is_none")]
    tag_ids: Option<&'a [String]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    proxy_config: Option<WireProxyConfig<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    proxy_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    phone_number: Option<&'a str>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireData {
    #[serde(default, deserialize_with = "null_default")]
    fail_details: Vec<WireFail>,
}

/// The answer to one detail update.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct UpdateReport {
    /// The envelope.
    #[serde(flatten)]
    pub envelope: Envelope,
    /// The phone that was changed.
    pub phone_id: String,
    /// Requested tag ids that were applied (none when no tags were sent, or
    /// when the failures did not match the requested tags).
    pub tags_applied: Vec<ItemId>,
    /// Tag ids that were not (43022: tag not found).
    pub tag_failures: Vec<ItemFailure>,
}

impl From<UpdateReport> for CallOutcome<ItemId> {
    fn from(r: UpdateReport) -> Self {
        CallOutcome::new(r.tags_applied, r.tag_failures, r.envelope.trace_id)
    }
}

impl Operation for UpdatePhone {
    type Config = Config;
    type Output = UpdateReport;
    const NAME: &'static str = "geelark.update_phone";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        if let Some(proxy) = &self.proxy_config {
            proxy.check_lengths()?;
        }
        let body = Body {
            id: &self.id,
            name: self.name.as_deref(),
            remark: self.remark.as_deref(),
            group_id: self.group_id.as_deref(),
            tag_ids: self.tag_ids.as_deref(),
            proxy_config: self.proxy_config.as_ref().map(ProxyConfig::to_wire),
            proxy_id: self.proxy_id.as_deref(),
            phone_number: self.phone_number.as_deref(),
        };
        if body.name.is_none()
            && body.remark.is_none()
            && body.group_id.is_none()
            && body.tag_ids.is_none()
            && body.proxy_config.is_none()
            && body.proxy_id.is_none()
            && body.phone_number.is_none()
        {
            return Err(invalid(
                "update",
                "nothing to change; set at least one field",
            ));
        }
        wire::build(ctx, "/open/v1/phone/detail/update", to_body(&body)?)
    }

    fn parse_unchecked(&self, response: &Response) -> Result<UpdateReport> {
        let a = wire::parse_opt::<WireData>(Self::NAME, response)?;
        let envelope = Envelope::of(&a);
        let tag_failures = failures(a.data.map(|d| d.fail_details).unwrap_or_default());
        let requested: &[String] = self.tag_ids.as_deref().unwrap_or_default();
        let asked: HashSet<&str> = requested.iter().map(String::as_str).collect();
        let documented = tag_failures.iter().all(|f| asked.contains(f.id.as_str()));
        let tags_applied = if documented {
            requested
                .iter()
                .filter(|t| !tag_failures.iter().any(|f| &f.id == *t))
                .cloned()
                .map(ItemId::new)
                .collect()
        } else {
            Vec::new()
        };
        Ok(UpdateReport {
            envelope,
            phone_id: self.id.clone(),
            tags_applied,
            tag_failures,
        })
    }

    /// Yes: it sets values; sending the same values twice leaves the same
    /// phone.
    fn is_idempotent(&self) -> bool {
        true
    }
}
