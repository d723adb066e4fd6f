//! Saved proxies (reference §3.3): list them (`proxy/list`, paged; the
//! `serialNo` of each is the `proxy_number` a phone creation takes), add
//! them (`proxy/add`, answered per position), update and delete them
//! (`proxy/update`, `proxy/delete`, answered per id), and check one before
//! saving it (`proxy/check`).
//!
//! Passwords are [`Secret`]s: never in `Debug` output.

use serde::{Deserialize, Serialize};

use super::config::Config;
use super::lifecycle::{LifecycleReport, parse_lifecycle};
use super::shapes::{Amounts, Envelope, opt_int, to_body};
use super::update::ProxyScheme;
use super::wire;
use crate::batch::ItemFailure;
use crate::error::{Result, invalid};
use crate::http::{Request, Response};
use crate::json::{null_default, opt_string_or_int};
use crate::limits::check_text;
use crate::op::{Context, Operation, check_id, unique_ids};

use crate::secret::Secret;

/// Most proxies one add, update or delete takes.
pub const MAX_PROXIES: usize = 100;
/// Largest proxy-list page.
pub const MAX_PAGE_SIZE: u32 = 100;

fn scheme_name(s: ProxyScheme) -> &'static str {
    match s {
        ProxyScheme::Socks5 => "socks5",
        ProxyScheme::Http => "http",
        ProxyScheme::Https => "https",
    }
}

/// A proxy to save: scheme, server, port and optional credentials.
#[derive(Clone, PartialEq, Eq)]
pub struct NewProxy {
    scheme: ProxyScheme,
    server: String,
    port: u16,
    username: Option<String>,
    password: Option<Secret>,
}

impl std::fmt::Debug for NewProxy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewProxy")
            .field("scheme", &self.scheme)
            .field("server", &self.server)
            .field("port", &self.port)
            .field("username", &self.username)
            .field("password", &self.password)
            .finish()
    }
}

impl NewProxy {
    /// `scheme://server:port` (server ≤ 255 bytes, port 1–65535).
    pub fn new(scheme: ProxyScheme, server: impl Into<String>, port: u16) -> Result<Self> {
        let server = server.into();
        check_text("server", &server, 255)?;
        if server.contains(char::is_whitespace) || server.contains('/') {
            return Err(invalid(
                "server",
                "a host name or address, without a scheme or path",
            ));
        }
        if port == 0 {
            return Err(invalid("port", "must be 1 to 65535"));
        }
        Ok(NewProxy {
            scheme,
            server,
            port,
            username: None,
            password: None,
        })
    }

    /// With a user name and password (each ≤ 255 bytes).
    pub fn credentials(
        mut self,
        username: impl Into<String>,
        password: impl Into<String>,
    ) -> Result<Self> {
        let (u, p) = (username.into(), password.into());
        check_text("username", &u, 255)?;
        crate::limits::check_len("password", &p, 255)?;
        self.username = Some(u);
        self.password = Some(Secret::new(p));
        Ok(self)
    }
}

#[derive(Serialize)]
struct WireNewProxy<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a str>,
    scheme: &'static str,
    server: &'a str,
    port: u16,
    #[serde(skip_serializing_if = "Option::is_none")]
    username: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    password: Option<&'a str>,
}

impl NewProxy {
    fn wire<'a>(&'a self, id: Option<&'a str>) -> WireNewProxy<'a> {
        WireNewProxy {
            id,
            scheme: scheme_name(self.scheme),
            server: &self.server,
            port: self.port,
            username: self.username.as_deref(),
            password: self.password.as_ref().map(Secret::expose),
        }
    }
}

#[derive(Serialize)]
struct ListBody<T: Serialize> {
    list: Vec<T>,
}

fn check_count(n: usize) -> Result<()> {
    if n == 0 || n > MAX_PROXIES {
        return Err(invalid("list", format!("1 to {MAX_PROXIES} proxies")));
    }
    Ok(())
}

/// Save proxies: `POST /open/v1/proxy/add`. GeeLark answers per position:
/// a proxy it already has fails with 45007 (identical items get the same id).
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "proxy/add")]
pub struct AddProxies {
    proxies: Vec<NewProxy>,
}

impl AddProxies {
    /// 1 to [`MAX_PROXIES`] proxies.
    pub fn new(proxies: Vec<NewProxy>) -> Result<Self> {
        check_count(proxies.len())?;
        Ok(AddProxies { proxies })
    }
}

/// A proxy saved, by its position in the call.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct AddedProxy {
    /// Its position in the call (from 0).
    pub index: usize,
    /// The saved proxy's id.
    pub id: String,
}

/// The answer to a proxy add: what was saved and what failed, by position
/// (a failure's `id` is the position, as text).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ProxyAddReport {
    /// The envelope.
    #[serde(flatten)]
    pub envelope: Envelope,
    /// The amounts, as reported.
    pub amounts: Amounts,
    /// Proxies saved.
    pub added: Vec<AddedProxy>,
    /// Proxies refused.
    pub failures: Vec<ItemFailure>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireAdd {
    #[serde(default, deserialize_with = "super::shapes::opt_count")]
    total_amount: Option<u64>,
    #[serde(default, deserialize_with = "super::shapes::opt_count")]
    success_amount: Option<u64>,
    #[serde(default, deserialize_with = "super::shapes::opt_count")]
    fail_amount: Option<u64>,
    #[serde(default, deserialize_with = "null_default")]
    success_details: Vec<WireIndexed>,
    #[serde(default, deserialize_with = "null_default")]
    fail_details: Vec<WireIndexed>,
}

#[derive(Deserialize)]
struct WireIndexed {
    #[serde(default, deserialize_with = "opt_int")]
    index: Option<i64>,
    #[serde(default, deserialize_with = "opt_string_or_int")]
    id: Option<String>,
    #[serde(default, deserialize_with = "opt_string_or_int")]
    code: Option<String>,
    #[serde(default)]
    msg: Option<String>,
}

impl Operation for AddProxies {
    type Config = Config;
    type Output = ProxyAddReport;
    const NAME: &'static str = "geelark.add_proxies";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        let body = ListBody {
            list: self.proxies.iter().map(|p| p.wire(None)).collect(),
        };
        wire::build(ctx, "/open/v1/proxy/add", to_body(&body)?)
    }

    fn parse_unchecked(&self, response: &Response) -> Result<ProxyAddReport> {
        let a = wire::parse::<WireAdd>(Self::NAME, response)?;
        let envelope = Envelope::of(&a);
        let d = a.data;
        let n = self.proxies.len();
        let position = |i: Option<i64>| i.and_then(|i| usize::try_from(i).ok()).filter(|i| *i < n);
        let mut added = Vec::new();
        let mut failures = Vec::new();
        for s in d.success_details {
            match (position(s.index), s.id) {
                (Some(index), Some(id)) => added.push(AddedProxy { index, id }),
                (index, _) => failures.push(ItemFailure::api(
                    index.map_or_else(|| "?".into(), |i| i.to_string()),
                    "no_id",
                    "a success without a proxy id or with an index outside the call",
                )),
            }
        }
        for f in d.fail_details {
            failures.push(ItemFailure::api(
                position(f.index).map_or_else(|| "?".into(), |i| i.to_string()),
                f.code.unwrap_or_default(),
                f.msg.unwrap_or_default(),
            ));
        }
        Ok(ProxyAddReport {
            envelope,
            amounts: Amounts::new(d.total_amount, d.success_amount, d.fail_amount),
            added,
            failures,
        })
    }

    /// Yes: identical proxies are not added twice (the same id comes back).
    fn is_idempotent(&self) -> bool {
        true
    }
}

/// Change saved proxies: `POST /open/v1/proxy/update`; per id.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "proxy/update")]
pub struct UpdateProxies {
    proxies: Vec<(String, NewProxy)>,
}

impl UpdateProxies {
    /// `(id, new value)` pairs, 1 to [`MAX_PROXIES`] distinct ids.
    pub fn new(proxies: Vec<(String, NewProxy)>) -> Result<Self> {
        check_count(proxies.len())?;
        let mut seen = std::collections::HashSet::new();
        for (id, _) in &proxies {
            check_id("id", id)?;
            if !seen.insert(id.as_str()) {
                return Err(invalid("list", "a proxy id appears twice"));
            }
        }
        Ok(UpdateProxies { proxies })
    }
}

impl Operation for UpdateProxies {
    type Config = Config;
    type Output = LifecycleReport;
    const NAME: &'static str = "geelark.update_proxies";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        let body = ListBody {
            list: self
                .proxies
                .iter()
                .map(|(id, p)| p.wire(Some(id)))
                .collect(),
        };
        wire::build(ctx, "/open/v1/proxy/update", to_body(&body)?)
    }

    fn parse_unchecked(&self, response: &Response) -> Result<LifecycleReport> {
        let ids: Vec<String> = self.proxies.iter().map(|(id, _)| id.clone()).collect();
        parse_lifecycle(Self::NAME, &ids, response)
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}

/// Delete saved proxies (40010: bound to a phone; 40005: not found):
/// `POST /open/v1/proxy/delete`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "proxy/delete")]
pub struct DeleteProxies {
    ids: Vec<String>,
}

impl DeleteProxies {
    /// 1 to [`MAX_PROXIES`] distinct proxy ids.
    pub fn new<I, S>(ids: I) -> Result<Self>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Ok(DeleteProxies {
            ids: unique_ids("ids", ids, MAX_PROXIES)?,
        })
    }
}

#[derive(Serialize)]
struct IdsBody<'a> {
    ids: &'a [String],
}

impl Operation for DeleteProxies {
    type Config = Config;
    type Output = LifecycleReport;
    const NAME: &'static str = "geelark.delete_proxies";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        wire::build(
            ctx,
            "/open/v1/proxy/delete",
            to_body(&IdsBody { ids: &self.ids })?,
        )
    }

    fn parse_unchecked(&self, response: &Response) -> Result<LifecycleReport> {
        parse_lifecycle(Self::NAME, &self.ids, response)
    }

    /// No: a retried delete answers 40005 for proxies the first one deleted.
    fn is_idempotent(&self) -> bool {
        false
    }
}

/// List saved proxies, a page at a time: `POST /open/v1/proxy/list`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "proxy/list")]
pub struct ListProxies {
    page: u32,
    page_size: u32,
    ids: Vec<String>,
}

impl Default for ListProxies {
    fn default() -> Self {
        ListProxies::new()
    }
}

impl ListProxies {
    /// Page 1 of [`MAX_PAGE_SIZE`].
    pub fn new() -> Self {
        ListProxies {
            page: 1,
            page_size: MAX_PAGE_SIZE,
            ids: Vec::new(),
        }
    }

    /// Page `page` (from 1) of `page_size` (1 to [`MAX_PAGE_SIZE`]).
    pub fn page(mut self, page: u32, page_size: u32) -> Result<Self> {
        crate::page::check_page(page, page_size, MAX_PAGE_SIZE)?;
        self.page = page;
        self.page_size = page_size;
        Ok(self)
    }

    /// Only these proxies (1 to [`MAX_PROXIES`] ids).
    pub fn ids<I, S>(mut self, ids: I) -> Result<Self>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.ids = unique_ids("ids", ids, MAX_PROXIES)?;
        Ok(self)
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ListProxiesBody<'a> {
    page: u32,
    page_size: u32,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    ids: &'a [String],
}

/// A saved proxy.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct SavedProxy {
    /// The proxy id.
    pub id: String,
    /// `serialNo`: the number a phone creation's `proxy_number` takes.
    pub serial_no: Option<i64>,
    /// `socks5`, `http` or `https`.
    pub scheme: Option<String>,
    /// The server.
    pub server: Option<String>,
    /// The port.
    pub port: Option<i64>,
    /// The user name.
    pub username: Option<String>,
    /// The password (empty is `None`).
    pub password: Option<Secret>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireSaved {
    #[serde(deserialize_with = "crate::json::string_or_int")]
    id: String,
    #[serde(default, deserialize_with = "opt_int")]
    serial_no: Option<i64>,
    #[serde(default)]
    scheme: Option<String>,
    #[serde(default)]
    server: Option<String>,
    #[serde(default, deserialize_with = "opt_int")]
    port: Option<i64>,
    #[serde(default)]
    username: Option<String>,
    #[serde(default)]
    password: Option<String>,
}

/// One page of saved proxies.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ProxyList {
    /// The envelope.
    #[serde(flatten)]
    pub envelope: Envelope,
    /// `total` over all pages.
    pub total: Option<u64>,
    /// The proxies of this page.
    pub proxies: Vec<SavedProxy>,
}

#[derive(Deserialize)]
struct WireProxyList {
    #[serde(default, deserialize_with = "super::shapes::opt_count")]
    total: Option<u64>,
    #[serde(default, deserialize_with = "null_default")]
    list: Vec<WireSaved>,
}

impl Operation for ListProxies {
    type Config = Config;
    type Output = ProxyList;
    const NAME: &'static str = "geelark.list_proxies";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        let body = to_body(&ListProxiesBody {
            page: self.page,
            page_size: self.page_size,
            ids: &self.ids,
        })?;
        wire::build(ctx, "/open/v1/proxy/list", body)
    }

    fn parse_unchecked(&self, response: &Response) -> Result<ProxyList> {
        let a = wire::parse::<WireProxyList>(Self::NAME, response)?;
        let envelope = Envelope::of(&a);
        Ok(ProxyList {
            envelope,
            total: a.data.total,
            proxies: a
                .data
                .list
                .into_iter()
                .map(|w| SavedProxy {
                    id: w.id,
                    serial_no: w.serial_no,
                    scheme: w.scheme,
                    server: w.server,
                    port: w.port,
                    username: w.username,
                    password: super::shapes::non_empty(w.password).map(Secret::new),
                })
                .collect(),
        })
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}

page_number_pager!(ListProxies, proxies, |p| Some(&p.id));

/// Which geolocation service a proxy check asks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DetectService {
    /// `IP2Location` (the default).
    Ip2Location,
    /// `IP-API`.
    IpApi,
}

/// Try a proxy before saving it: `POST /open/v1/proxy/check`. Sent with the
/// field names GeeLark's own CLI sends (`proxyQueryChannel`, `proxyType`);
/// the OA page documents snake_case names (`detect_type`, `proxy_type`)
/// that the CLI does not use (reference §7).
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "proxy/check")]
pub struct CheckProxy {
    proxy: NewProxy,
    service: DetectService,
}

impl CheckProxy {
    /// Check `proxy` through IP2Location.
    pub fn new(proxy: NewProxy) -> Self {
        CheckProxy {
            proxy,
            service: DetectService::Ip2Location,
        }
    }

    /// Ask `service` instead.
    pub fn service(mut self, service: DetectService) -> Self {
        self.service = service;
        self
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CheckBody<'a> {
    proxy_query_channel: &'static str,
    proxy_type: &'static str,
    server: &'a str,
    port: u16,
    #[serde(skip_serializing_if = "Option::is_none")]
    username: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    password: Option<&'a str>,
}

/// What a proxy check found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all(deserialize = "camelCase"))]
#[non_exhaustive]
pub struct ProxyCheck {
    /// Whether the proxy worked (`detectStatus`): the reliable field.
    #[serde(default)]
    pub detect_status: bool,
    /// Why not, when it did not.
    #[serde(default)]
    pub message: Option<String>,
    /// The address the proxy leaves from (`outboundIP`; another than the
    /// server's means a back-connect gateway).
    #[serde(default, rename(deserialize = "outboundIP"))]
    pub outbound_ip: Option<String>,
    /// Country code (may be empty even for a working proxy).
    #[serde(default)]
    pub country_code: Option<String>,
    /// Country name.
    #[serde(default)]
    pub country_name: Option<String>,
    /// Region.
    #[serde(default)]
    pub subdivision: Option<String>,
    /// City.
    #[serde(default)]
    pub city: Option<String>,
    /// Time zone.
    #[serde(default)]
    pub timezone: Option<String>,
    /// ISP.
    #[serde(default)]
    pub isp: Option<String>,
}

/// The answer to a proxy check.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ProxyCheckReport {
    /// The envelope.
    #[serde(flatten)]
    pub envelope: Envelope,
    /// The result.
    pub check: ProxyCheck,
}

impl Operation for CheckProxy {
    type Config = Config;
    type Output = ProxyCheckReport;
    const NAME: &'static str = "geelark.check_proxy";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        let p = &self.proxy;
        let body = CheckBody {
            proxy_query_channel: match self.service {
                DetectService::Ip2Location => "IP2Location",
                DetectService::IpApi => "IP-API",
            },
            proxy_type: scheme_name(p.scheme),
            server: &p.server,
            port: p.port,
            username: p.username.as_deref(),
            password: p.password.as_ref().map(Secret::expose),
        };
        wire::build(ctx, "/open/v1/proxy/check", to_body(&body)?)
    }

    fn parse_unchecked(&self, response: &Response) -> Result<ProxyCheckReport> {
        let a = wire::parse::<ProxyCheck>(Self::NAME, response)?;
        Ok(ProxyCheckReport {
            envelope: Envelope::of(&a),
            check: a.data,
        })
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}
