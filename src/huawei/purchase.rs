//! Buying servers and re-provisioning one: the three order bodies of the
//! API. All three are **billable** (an order is placed; with `auto_pay` it is
//! paid at once) and none of them is used by the demo.
//!
//! - [`CreateServers`]: `POST /v2/{project_id}/cloud-phone/servers`, cloud
//!   phone servers with their phones in the caller's VPC (what replaced the
//!   removed v1 purchase).
//! - [`CreateSingleServers`]: `POST /v2.1/{project_id}/cloud-phone/servers`,
//!   bare servers (no phones created).
//! - [`ChangeServer`]: `POST /v2/{project_id}/cloud-phone/servers/{server_id}/change`,
//!   new hardware for a server; its phones are re-created (a job).
//!
//! The body types serialize to exactly the API's JSON (field names from the
//! official SDK's models) and read it back through `from_json`, which is how
//! the C ABI takes them: a host writes the documented body, the same checks
//! run as for the Rust builders, and a misspelt field is an error rather
//! than a field silently left out of a purchase.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::config::Config;
use super::lifecycle::Properties;
use super::phones::check_name_of;
use super::server_admin::Order;
use super::wire;
use crate::error::{Result, invalid};
use crate::http::{Method, Request, Response};
use crate::limits::check_text;
use crate::op::{Context, Operation, check_path_segment};

/// Most servers one purchase buys.
pub const MAX_COUNT: u32 = 10;
/// Largest data volume, GiB.
pub const MAX_VOLUME_GIB: u32 = 32768;
/// Longest `property` string (the properties as JSON text), characters.
pub const MAX_PROPERTY_CHARS: usize = 8192;

/// Disk types a data volume can have.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum VolumeType {
    /// High-I/O SSD (`SSD`).
    #[serde(rename = "SSD")]
    Ssd,
    /// General-purpose SSD (`GPSSD`).
    #[serde(rename = "GPSSD")]
    GpSsd,
}

/// A data volume: its type and size in GiB.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Volume {
    volume_type: VolumeType,
    size: u32,
}

impl Volume {
    /// `size_gib` GiB of `volume_type` (checked by the operation that
    /// carries it: phone volumes 1–32768, shared volumes 10–32768).
    pub fn new(volume_type: VolumeType, size_gib: u32) -> Self {
        Volume {
            volume_type,
            size: size_gib,
        }
    }

    fn check(&self, field: &'static str, min: u32) -> Result<()> {
        if !(min..=MAX_VOLUME_GIB).contains(&self.size) {
            return Err(invalid(
                field,
                format!("size must be {min} to {MAX_VOLUME_GIB} GiB"),
            ));
        }
        Ok(())
    }
}

/// One network interface: a subnet of the VPC, optionally with IPv6.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Nic {
    subnet_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    ipv6_enable: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    ipv6_bandwidth: Option<Ipv6Bandwidth>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Ipv6Bandwidth {
    band_width_id: String,
}

impl Nic {
    /// An interface in `subnet_id` (a subnet of the server's VPC).
    pub fn new(subnet_id: impl Into<String>) -> Self {
        Nic {
            subnet_id: subnet_id.into(),
            ipv6_enable: None,
            ipv6_bandwidth: None,
        }
    }

    /// IPv6 on, its traffic on the shared bandwidth `band_width_id`.
    pub fn ipv6(mut self, band_width_id: impl Into<String>) -> Self {
        self.ipv6_enable = Some(true);
        self.ipv6_bandwidth = Some(Ipv6Bandwidth {
            band_width_id: band_width_id.into(),
        });
        self
    }

    fn check(&self) -> Result<()> {
        check_text("nics.subnet_id", &self.subnet_id, 64)?;
        if let Some(b) = &self.ipv6_bandwidth {
            check_text("nics.ipv6_bandwidth.band_width_id", &b.band_width_id, 64)?;
        }
        Ok(())
    }
}

/// An application port the service forwards to every phone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AppPort {
    name: String,
    listen_port: u32,
    internet_accessible: String,
}

impl AppPort {
    /// Port `listen_port` (10000–50000) named `name` (≤ 16 bytes, not `adb`
    /// or `vnc`), mapped to the public address when `public`.
    pub fn new(name: impl Into<String>, listen_port: u32, public: bool) -> Self {
        AppPort {
            name: name.into(),
            listen_port,
            internet_accessible: public.to_string(),
        }
    }

    fn check(&self) -> Result<()> {
        check_text("ports.name", &self.name, 16)?;
        if self.name.eq_ignore_ascii_case("adb") || self.name.eq_ignore_ascii_case("vnc") {
            return Err(invalid("ports.name", "adb and vnc are reserved"));
        }
        if !(10000..=50000).contains(&self.listen_port) {
            return Err(invalid("ports.listen_port", "must be 10000 to 50000"));
        }
        Ok(())
    }
}

fn check_ports(ports: &[AppPort]) -> Result<()> {
    let mut names = std::collections::HashSet::new();
    let mut numbers = std::collections::HashSet::new();
    for p in ports {
        p.check()?;
        if !names.insert(p.name.to_ascii_lowercase()) || !numbers.insert(p.listen_port) {
            return Err(invalid("ports", "a port name or number appears twice"));
        }
    }
    Ok(())
}

/// How a bandwidth is charged.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChargeMode {
    /// By bandwidth (`0`).
    ByBandwidth,
    /// By traffic (`1`).
    ByTraffic,
}

impl ChargeMode {
    fn wire(self) -> u8 {
        match self {
            ChargeMode::ByBandwidth => 0,
            ChargeMode::ByTraffic => 1,
        }
    }
}

/// The bandwidth of the servers' public addresses: a dedicated one of a
/// size, or an existing shared one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServerBandwidth {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    band_width_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    band_width_size: Option<u32>,
    band_width_charge_mode: u8,
    band_width_share_type: u8,
}

impl ServerBandwidth {
    /// A dedicated bandwidth (`share_type` 0) of `mbit_per_s`.
    pub fn dedicated(mbit_per_s: u32, charge: ChargeMode) -> Self {
        ServerBandwidth {
            band_width_id: None,
            band_width_size: Some(mbit_per_s),
            band_width_charge_mode: charge.wire(),
            band_width_share_type: 0,
        }
    }

    /// The existing shared bandwidth `band_width_id` (`share_type` 1).
    pub fn shared(band_width_id: impl Into<String>, charge: ChargeMode) -> Self {
        ServerBandwidth {
            band_width_id: Some(band_width_id.into()),
            band_width_size: None,
            band_width_charge_mode: charge.wire(),
            band_width_share_type: 1,
        }
    }

    fn check(&self, field: &'static str) -> Result<()> {
        if self.band_width_charge_mode > 1 {
            return Err(invalid(field, "band_width_charge_mode must be 0 or 1"));
        }
        match (
            self.band_width_share_type,
            &self.band_width_id,
            self.band_width_size,
        ) {
            (0, _, Some(1..)) => Ok(()),
            (0, _, _) => Err(invalid(
                field,
                "a dedicated bandwidth needs a size of 1 Mbit/s or more",
            )),
            (1, Some(id), _) => check_text(field, id, 64),
            (1, None, _) => Err(invalid(field, "a shared bandwidth needs its band_width_id")),
            _ => Err(invalid(field, "band_width_share_type must be 0 or 1")),
        }
    }
}

/// The elastic IP type of new public addresses, e.g. `5_bgp` (dynamic BGP),
/// `5_sbgp` (static BGP), `5_telcom`, `5_union`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct EipType {
    #[serde(rename = "type")]
    kind: String,
}

/// Public addresses of the phones (`public_ip`): an existing EIP, new ones
/// of a type, or none.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PublicIp {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    ids: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    eip: Option<EipType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    count: Option<u32>,
}

impl PublicIp {
    /// The existing elastic IP `eip_id` (the API takes one).
    pub fn existing(eip_id: impl Into<String>) -> Self {
        PublicIp {
            ids: Some(vec![eip_id.into()]),
            eip: None,
            count: None,
        }
    }

    /// `count` new elastic IPs of `eip_type` (e.g. `5_bgp`).
    pub fn new_eips(eip_type: impl Into<String>, count: u32) -> Self {
        PublicIp {
            ids: None,
            eip: Some(EipType {
                kind: eip_type.into(),
            }),
            count: Some(count),
        }
    }

    /// No public address (`count` 0).
    pub fn none() -> Self {
        PublicIp {
            ids: None,
            eip: None,
            count: Some(0),
        }
    }

    fn check(&self) -> Result<()> {
        check_public_ids(self.ids.as_deref())?;
        if let Some(e) = &self.eip {
            check_text("public_ip.eip.type", &e.kind, 32)?;
        }
        Ok(())
    }
}

fn check_public_ids(ids: Option<&[String]>) -> Result<()> {
    match ids {
        None => Ok(()),
        Some([id]) => check_text("public_ip.ids", id, 64),
        Some(_) => Err(invalid("public_ip.ids", "exactly one existing EIP id")),
    }
}

/// What a purchase commits to: a number of months or years, prepaid.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Subscription {
    charging_mode: u8,
    period_type: u8,
    period_num: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    is_auto_pay: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    is_auto_renew: Option<u8>,
    /// Only in a v2 purchase's `extend_param` (v2.1 has it at the top).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    enterprise_project_id: Option<String>,
}

impl Subscription {
    /// `n` months, 1–9 (`charging_mode` 0, `period_type` 2).
    pub fn months(n: u32) -> Self {
        Subscription::prepaid(2, n)
    }

    /// `n` years, 1–10 (`period_type` 3).
    pub fn years(n: u32) -> Self {
        Subscription::prepaid(3, n)
    }

    fn prepaid(period_type: u8, period_num: u32) -> Self {
        Subscription {
            charging_mode: 0,
            period_type,
            period_num,
            is_auto_pay: None,
            is_auto_renew: None,
            enterprise_project_id: None,
        }
    }

    /// Pay the order at once from the account (else it waits in the
    /// console for payment).
    pub fn auto_pay(mut self) -> Self {
        self.is_auto_pay = Some(1);
        self
    }

    /// Renew at the end of the period.
    pub fn auto_renew(mut self) -> Self {
        self.is_auto_renew = Some(1);
        self
    }

    /// `charging_mode` 0 (prepaid) is what public Huawei Cloud sells; 1
    /// (on demand) exists on dedicated clouds only and is passed through.
    fn check(&self, field: &'static str) -> Result<()> {
        let max = match self.period_type {
            2 => 9,
            3 => 10,
            _ => {
                return Err(invalid(
                    field,
                    "period_type must be 2 (months) or 3 (years)",
                ));
            }
        };
        if !(1..=max).contains(&self.period_num) {
            return Err(invalid(field, format!("period_num must be 1 to {max}")));
        }
        if self.charging_mode > 1 {
            return Err(invalid(field, "charging_mode must be 0 or 1"));
        }
        for flag in [self.is_auto_pay, self.is_auto_renew].into_iter().flatten() {
            if flag > 1 {
                return Err(invalid(field, "is_auto_pay and is_auto_renew are 0 or 1"));
            }
        }
        if let Some(e) = &self.enterprise_project_id {
            check_text("extend_param.enterprise_project_id", e, 64)?;
        }
        Ok(())
    }
}

/// What the phones of a server are: flavor, image, network, ports,
/// addresses, volumes and properties. Shared by [`CreateServers`] and
/// [`ChangeServer`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhoneServerSpec {
    phone_model_name: String,
    image_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    keypair_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    availability_zone: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    ports: Vec<AppPort>,
    tenant_vpc_id: String,
    nics: Vec<Nic>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    public_ip: Option<PublicIp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    phone_count_per_ip: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    phone_data_volume: Option<Volume>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    server_share_data_volume: Option<Volume>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    band_width: Option<ServerBandwidth>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    property: Option<String>,
}

/// The fields of [`PhoneServerSpec`] on the wire, for `from_json`'s check
/// that nothing unknown was given (serde cannot deny unknown fields across a
/// flattened struct).
const SPEC_FIELDS: &[&str] = &[
    "phone_model_name",
    "image_id",
    "keypair_name",
    "availability_zone",
    "ports",
    "tenant_vpc_id",
    "nics",
    "public_ip",
    "phone_count_per_ip",
    "phone_data_volume",
    "server_share_data_volume",
    "band_width",
    "property",
];

impl PhoneServerSpec {
    /// Phones of `phone_model_name` running `image_id`, in the VPC
    /// `tenant_vpc_id` on the given interfaces (at least one).
    pub fn new<I>(
        phone_model_name: impl Into<String>,
        image_id: impl Into<String>,
        tenant_vpc_id: impl Into<String>,
        nics: I,
    ) -> Self
    where
        I: IntoIterator<Item = Nic>,
    {
        PhoneServerSpec {
            phone_model_name: phone_model_name.into(),
            image_id: image_id.into(),
            keypair_name: None,
            availability_zone: None,
            ports: Vec::new(),
            tenant_vpc_id: tenant_vpc_id.into(),
            nics: nics.into_iter().collect(),
            public_ip: None,
            phone_count_per_ip: None,
            phone_data_volume: None,
            server_share_data_volume: None,
            band_width: None,
            property: None,
        }
    }

    /// The key pair for ADB over the public address (≤ 64 bytes).
    pub fn keypair(mut self, name: impl Into<String>) -> Self {
        self.keypair_name = Some(name.into());
        self
    }

    /// The availability zone, e.g. `cn-east-3a` (a change keeps the current
    /// one without it).
    pub fn availability_zone(mut self, zone: impl Into<String>) -> Self {
        self.availability_zone = Some(zone.into());
        self
    }

    /// Adds an application port.
    pub fn port(mut self, port: AppPort) -> Self {
        self.ports.push(port);
        self
    }

    /// Public addresses.
    pub fn public_ip(mut self, ip: PublicIp) -> Self {
        self.public_ip = Some(ip);
        self
    }

    /// How many phones share one address (1 to the flavor's phone count;
    /// the API's default is all of them).
    pub fn phones_per_ip(mut self, n: u32) -> Self {
        self.phone_count_per_ip = Some(n);
        self
    }

    /// Each phone's data volume (1–32768 GiB).
    pub fn phone_data_volume(mut self, volume: Volume) -> Self {
        self.phone_data_volume = Some(volume);
        self
    }

    /// The server's shared data volume (10–32768 GiB).
    pub fn share_data_volume(mut self, volume: Volume) -> Self {
        self.server_share_data_volume = Some(volume);
        self
    }

    /// The bandwidth of the public addresses.
    pub fn bandwidth(mut self, bandwidth: ServerBandwidth) -> Self {
        self.band_width = Some(bandwidth);
        self
    }

    /// Properties preset on every phone (sent as one JSON string of at most
    /// 8192 characters).
    pub fn properties(mut self, properties: &Properties) -> Self {
        self.property = properties.to_wire();
        self
    }

    fn check(&self, image_id_max: usize) -> Result<()> {
        check_text("phone_model_name", &self.phone_model_name, 64)?;
        check_text("image_id", &self.image_id, image_id_max)?;
        if let Some(k) = &self.keypair_name {
            check_text("keypair_name", k, 64)?;
        }
        if let Some(z) = &self.availability_zone {
            check_text("availability_zone", z, 64)?;
        }
        check_ports(&self.ports)?;
        check_text("tenant_vpc_id", &self.tenant_vpc_id, 64)?;
        check_nics(&self.nics)?;
        if let Some(ip) = &self.public_ip {
            ip.check()?;
        }
        if self.phone_count_per_ip == Some(0) {
            return Err(invalid("phone_count_per_ip", "must be 1 or more"));
        }
        if let Some(v) = &self.phone_data_volume {
            v.check("phone_data_volume", 1)?;
        }
        if let Some(v) = &self.server_share_data_volume {
            v.check("server_share_data_volume", 10)?;
        }
        if let Some(b) = &self.band_width {
            b.check("band_width")?;
        }
        if let Some(p) = &self.property {
            check_property(p)?;
        }
        Ok(())
    }
}

fn check_nics<T>(nics: &[T]) -> Result<()>
where
    T: CheckNic,
{
    if nics.is_empty() {
        return Err(invalid("nics", "at least one network interface"));
    }
    nics.iter().try_for_each(CheckNic::check_nic)
}

/// The two interface shapes (v2's [`Nic`], v2.1's [`SingleNic`]) checked
/// by one rule.
trait CheckNic {
    fn check_nic(&self) -> Result<()>;
}

impl CheckNic for Nic {
    fn check_nic(&self) -> Result<()> {
        self.check()
    }
}

fn check_property(p: &str) -> Result<()> {
    let n = p.chars().count();
    if n == 0 || n > MAX_PROPERTY_CHARS {
        return Err(invalid(
            "property",
            format!("must be 1 to {MAX_PROPERTY_CHARS} characters of JSON"),
        ));
    }
    Properties::from_json(p).map(|_| ())
}

/// Decodes `text` as `T` after refusing any top-level field outside
/// `fields` (the flattened bodies cannot say `deny_unknown_fields`).
fn from_json_checked<T: DeserializeOwned>(text: &str, fields: &[&[&str]]) -> Result<T> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        invalid(
            "body",
            format!("not JSON: {}", crate::limits::shorten(e.to_string())),
        )
    })?;
    let obj = value
        .as_object()
        .ok_or_else(|| invalid("body", "must be a JSON object"))?;
    if let Some(k) = obj
        .keys()
        .find(|k| !fields.iter().any(|f| f.contains(&k.as_str())))
    {
        return Err(invalid(
            "body",
            format!("unknown field {}", crate::limits::echo(k)),
        ));
    }
    serde_json::from_value(value)
        .map_err(|e| invalid("body", crate::limits::shorten(e.to_string())))
}

fn check_count(count: u32) -> Result<()> {
    if !(1..=MAX_COUNT).contains(&count) {
        return Err(invalid("count", format!("must be 1 to {MAX_COUNT}")));
    }
    Ok(())
}

/// Buy cloud phone servers with their phones (**billable**):
/// `POST /v2/{project_id}/cloud-phone/servers`. The answer is the order and
/// the new servers' ids; the phones appear as the servers come up.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[doc(
    alias = "CreateNet2CloudPhoneServer",
    alias = "create_net2_cloud_phone_server"
)]
pub struct CreateServers {
    server_name: String,
    server_model_name: String,
    count: u32,
    #[serde(flatten)]
    spec: PhoneServerSpec,
    extend_param: Subscription,
}

impl CreateServers {
    /// `count` (1–10) servers of `server_model_name` named after
    /// `server_name` (the API appends `-0001`, `-0002`, …; phone-name rules,
    /// ≤ 60 characters), their phones as `spec`, on `subscription`.
    pub fn new(
        server_name: impl Into<String>,
        server_model_name: impl Into<String>,
        count: u32,
        spec: PhoneServerSpec,
        subscription: Subscription,
    ) -> Result<Self> {
        CreateServers {
            server_name: server_name.into(),
            server_model_name: server_model_name.into(),
            count,
            spec,
            extend_param: subscription,
        }
        .checked()
    }

    /// Bill to an enterprise project (else the default one).
    pub fn enterprise_project(mut self, id: impl Into<String>) -> Result<Self> {
        self.extend_param.enterprise_project_id = Some(id.into());
        self.checked()
    }

    /// The API's JSON body, checked as [`CreateServers::new`] checks (an
    /// unknown field is refused).
    pub fn from_json(text: &str) -> Result<Self> {
        from_json_checked::<Self>(
            text,
            &[
                &["server_name", "server_model_name", "count", "extend_param"],
                SPEC_FIELDS,
            ],
        )?
        .checked()
    }

    fn checked(self) -> Result<Self> {
        check_name_of("server_name", &self.server_name)?;
        check_text("server_model_name", &self.server_model_name, 64)?;
        check_count(self.count)?;
        self.spec.check(32)?;
        self.extend_param.check("extend_param")?;
        Ok(self)
    }
}

impl Operation for CreateServers {
    type Config = Config;
    type Output = Order;
    const NAME: &'static str = "huawei.create_servers";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        post(ctx, "v2", "cloud-phone/servers", self)
    }

    /// The order and the server ids, or the error a 2xx carries in
    /// `error_code`.
    fn parse_unchecked(&self, response: &Response) -> Result<Order> {
        wire::parse_json_checked(Self::NAME, response)
    }

    fn is_idempotent(&self) -> bool {
        false
    }
}

fn post(
    ctx: &Context<'_, Config>,
    version: &str,
    rest: &str,
    body: &impl Serialize,
) -> Result<Request> {
    let body = serde_json::to_vec(body).map_err(|e| invalid("body", e.to_string()))?;
    let path = wire::project_path(ctx.config, version, rest);
    wire::build(ctx, Method::Post, path, Vec::new(), Some(body))
}

/// One interface of a bare server: a subnet, optionally IPv6 on a shared
/// bandwidth (v2.1's flat shape).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SingleNic {
    subnet_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    ipv6_enable: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    ipv6_band_width_id: Option<String>,
}

impl SingleNic {
    /// An interface in `subnet_id`.
    pub fn new(subnet_id: impl Into<String>) -> Self {
        SingleNic {
            subnet_id: subnet_id.into(),
            ipv6_enable: None,
            ipv6_band_width_id: None,
        }
    }

    /// IPv6 on, on the shared bandwidth `band_width_id`.
    pub fn ipv6(mut self, band_width_id: impl Into<String>) -> Self {
        self.ipv6_enable = Some(true);
        self.ipv6_band_width_id = Some(band_width_id.into());
        self
    }
}

impl CheckNic for SingleNic {
    fn check_nic(&self) -> Result<()> {
        check_text("nics.subnet_id", &self.subnet_id, 64)?;
        if let Some(b) = &self.ipv6_band_width_id {
            check_text("nics.ipv6_band_width_id", b, 64)?;
        }
        Ok(())
    }
}

/// The public address of a bare server: an existing EIP or a new one of a
/// type, with its bandwidth.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SinglePublicIp {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    ids: Option<Vec<String>>,
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    kind: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    count: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    band_width: Option<ServerBandwidth>,
}

impl SinglePublicIp {
    /// The existing elastic IP `eip_id`.
    pub fn existing(eip_id: impl Into<String>) -> Self {
        SinglePublicIp {
            ids: Some(vec![eip_id.into()]),
            kind: None,
            count: None,
            band_width: None,
        }
    }

    /// One new elastic IP of `eip_type` (e.g. `5_bgp`) on `bandwidth`.
    pub fn new_eip(eip_type: impl Into<String>, bandwidth: ServerBandwidth) -> Self {
        SinglePublicIp {
            ids: None,
            kind: Some(eip_type.into()),
            count: Some(1),
            band_width: Some(bandwidth),
        }
    }

    fn check(&self) -> Result<()> {
        check_public_ids(self.ids.as_deref())?;
        if let Some(k) = &self.kind {
            check_text("public_ip.type", k, 32)?;
        }
        if self.count.is_some_and(|c| c > 1) {
            return Err(invalid("public_ip.count", "must be 0 or 1"));
        }
        if let Some(b) = &self.band_width {
            b.check("public_ip.band_width")?;
        }
        Ok(())
    }
}

/// Data volumes of a bare server: `count` volumes of one type and size.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DataVolumes {
    volume_type: VolumeType,
    size: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    count: Option<u32>,
}

impl DataVolumes {
    /// `count` (≥ 1) volumes of `volume_type`, `size_gib` (1–32768) each.
    pub fn new(volume_type: VolumeType, size_gib: u32, count: u32) -> Self {
        DataVolumes {
            volume_type,
            size: size_gib,
            count: Some(count),
        }
    }
}

/// Buy bare cloud phone servers (**billable**; no phones are created):
/// `POST /v2.1/{project_id}/cloud-phone/servers`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[doc(
    alias = "CreateCloudPhoneSingleServer",
    alias = "create_cloud_phone_single_server"
)]
pub struct CreateSingleServers {
    server_name: String,
    server_model_name: String,
    count: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    order_param: Option<Subscription>,
    nics: Vec<SingleNic>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    public_ip: Option<SinglePublicIp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    availability_zone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    data_volume: Option<DataVolumes>,
    keypair_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    enterprise_project_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    image_id: Option<String>,
}

impl CreateSingleServers {
    /// `count` (1–10) bare servers of `server_model_name`, named after
    /// `server_name`, on `subscription`, reachable with the key pair
    /// `keypair_name`, on the given interfaces (at least one).
    pub fn new<I>(
        server_name: impl Into<String>,
        server_model_name: impl Into<String>,
        count: u32,
        subscription: Subscription,
        keypair_name: impl Into<String>,
        nics: I,
    ) -> Result<Self>
    where
        I: IntoIterator<Item = SingleNic>,
    {
        CreateSingleServers {
            server_name: server_name.into(),
            server_model_name: server_model_name.into(),
            count,
            order_param: Some(subscription),
            nics: nics.into_iter().collect(),
            public_ip: None,
            availability_zone: None,
            data_volume: None,
            keypair_name: keypair_name.into(),
            enterprise_project_id: None,
            image_id: None,
        }
        .checked()
    }

    /// A public address.
    pub fn public_ip(mut self, ip: SinglePublicIp) -> Result<Self> {
        self.public_ip = Some(ip);
        self.checked()
    }

    /// The availability zone.
    pub fn availability_zone(mut self, zone: impl Into<String>) -> Result<Self> {
        self.availability_zone = Some(zone.into());
        self.checked()
    }

    /// Data volumes.
    pub fn data_volumes(mut self, volumes: DataVolumes) -> Result<Self> {
        self.data_volume = Some(volumes);
        self.checked()
    }

    /// Bill to an enterprise project.
    pub fn enterprise_project(mut self, id: impl Into<String>) -> Result<Self> {
        self.enterprise_project_id = Some(id.into());
        self.checked()
    }

    /// The server image (≤ 36 bytes; the default bare image without it).
    pub fn image(mut self, image_id: impl Into<String>) -> Result<Self> {
        self.image_id = Some(image_id.into());
        self.checked()
    }

    /// The API's JSON body, checked as [`CreateSingleServers::new`] checks.
    pub fn from_json(text: &str) -> Result<Self> {
        serde_json::from_str::<Self>(text)
            .map_err(|e| invalid("body", crate::limits::shorten(e.to_string())))?
            .checked()
    }

    fn checked(self) -> Result<Self> {
        check_name_of("server_name", &self.server_name)?;
        check_text("server_model_name", &self.server_model_name, 64)?;
        check_count(self.count)?;
        if let Some(s) = &self.order_param {
            s.check("order_param")?;
            if s.enterprise_project_id.is_some() {
                return Err(invalid(
                    "order_param",
                    "enterprise_project_id is a top-level field of this purchase",
                ));
            }
        }
        check_nics(&self.nics)?;
        if let Some(ip) = &self.public_ip {
            ip.check()?;
        }
        if let Some(z) = &self.availability_zone {
            check_text("availability_zone", z, 64)?;
        }
        if let Some(d) = &self.data_volume {
            Volume::new(d.volume_type, d.size).check("data_volume", 1)?;
            if d.count == Some(0) {
                return Err(invalid("data_volume.count", "must be 1 or more"));
            }
        }
        check_text("keypair_name", &self.keypair_name, 64)?;
        if let Some(e) = &self.enterprise_project_id {
            check_text("enterprise_project_id", e, 64)?;
        }
        if let Some(i) = &self.image_id {
            check_text("image_id", i, 36)?;
        }
        Ok(self)
    }
}

impl Operation for CreateSingleServers {
    type Config = Config;
    type Output = Order;
    const NAME: &'static str = "huawei.create_single_servers";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        post(ctx, "v2.1", "cloud-phone/servers", self)
    }

    /// The order and the server ids, or the error a 2xx carries in
    /// `error_code`.
    fn parse_unchecked(&self, response: &Response) -> Result<Order> {
        wire::parse_json_checked(Self::NAME, response)
    }

    fn is_idempotent(&self) -> bool {
        false
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct EnterpriseProject {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    enterprise_project_id: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct ChangeBody {
    #[serde(flatten)]
    spec: PhoneServerSpec,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    extend_param: Option<EnterpriseProject>,
}

/// Move a server to new hardware (**billable** as the new server is):
/// `POST /v2/{project_id}/cloud-phone/servers/{server_id}/change`. Its
/// phones are re-created from `spec`; one job follows the change.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "ChangeCloudPhoneServer", alias = "change_cloud_phone_server")]
pub struct ChangeServer {
    server_id: String,
    body: ChangeBody,
}

impl ChangeServer {
    /// Re-provision `server_id` as `spec`.
    pub fn new(server_id: impl Into<String>, spec: PhoneServerSpec) -> Result<Self> {
        ChangeServer {
            server_id: server_id.into(),
            body: ChangeBody {
                spec,
                extend_param: None,
            },
        }
        .checked()
    }

    /// Bill to an enterprise project.
    pub fn enterprise_project(mut self, id: impl Into<String>) -> Result<Self> {
        self.body.extend_param = Some(EnterpriseProject {
            enterprise_project_id: Some(id.into()),
        });
        self.checked()
    }

    /// `server_id` and the API's JSON body, checked as
    /// [`ChangeServer::new`] checks.
    pub fn from_json(server_id: impl Into<String>, text: &str) -> Result<Self> {
        ChangeServer {
            server_id: server_id.into(),
            body: from_json_checked(text, &[&["extend_param"], SPEC_FIELDS])?,
        }
        .checked()
    }

    fn checked(self) -> Result<Self> {
        check_path_segment("server_id", &self.server_id)?;
        self.body.spec.check(32)?;
        if let Some(e) = self
            .body
            .extend_param
            .as_ref()
            .and_then(|e| e.enterprise_project_id.as_ref())
        {
            check_text("extend_param.enterprise_project_id", e, 64)?;
        }
        Ok(self)
    }
}

/// The answer of a server change: the job that re-creates its phones.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct ServerChange {
    /// The request id.
    #[serde(default)]
    pub request_id: Option<String>,
    /// The server changed.
    #[serde(default)]
    pub server_id: Option<String>,
    /// The job (poll it with `ShowJob`).
    #[serde(default)]
    pub job_id: Option<String>,
}

impl Operation for ChangeServer {
    type Config = Config;
    type Output = ServerChange;
    const NAME: &'static str = "huawei.change_server";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        post(
            ctx,
            "v2",
            &format!("cloud-phone/servers/{}/change", self.server_id),
            &self.body,
        )
    }

    /// The job, or the error a 2xx carries in `error_code`.
    fn parse_unchecked(&self, response: &Response) -> Result<ServerChange> {
        wire::parse_json_checked(Self::NAME, response)
    }

    fn is_idempotent(&self) -> bool {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec() -> PhoneServerSpec {
        PhoneServerSpec::new(
            "rx1.cp.c15",
            "img1",
            "vpc1",
            [Nic::new("subnet1").ipv6("bw6")],
        )
        .keypair("kp1")
        .port(AppPort::new("game", 20000, true))
        .public_ip(PublicIp::new_eips("5_bgp", 1))
        .phone_data_volume(Volume::new(VolumeType::Ssd, 16))
        .share_data_volume(Volume::new(VolumeType::GpSsd, 10))
        .bandwidth(ServerBandwidth::shared("bw1", ChargeMode::ByTraffic))
        .properties(&Properties::new().set("a", "1").unwrap())
    }

    fn create(spec: PhoneServerSpec) -> Result<CreateServers> {
        CreateServers::new("srv", "m", 2, spec, Subscription::months(3).auto_pay())
    }

    fn field(r: Result<impl std::fmt::Debug>) -> String {
        let e = r.unwrap_err();
        assert_eq!(e.kind(), crate::ErrorKind::InvalidInput, "{e}");
        e.to_string()
    }

    #[test]
    fn the_json_a_purchase_sends_reads_back_as_the_same_purchase() {
        let op = create(spec()).unwrap().enterprise_project("ep").unwrap();
        let text = serde_json::to_string(&op).unwrap();
        assert_eq!(CreateServers::from_json(&text).unwrap(), op);

        let single = CreateSingleServers::new(
            "bare",
            "m",
            1,
            Subscription::years(1),
            "kp",
            [SingleNic::new("n").ipv6("bw")],
        )
        .unwrap()
        .data_volumes(DataVolumes::new(VolumeType::Ssd, 100, 2))
        .unwrap()
        .public_ip(SinglePublicIp::existing("eip"))
        .unwrap();
        let text = serde_json::to_string(&single).unwrap();
        assert_eq!(CreateSingleServers::from_json(&text).unwrap(), single);

        let change = ChangeServer::new("s1", spec())
            .unwrap()
            .enterprise_project("ep")
            .unwrap();
        let text = serde_json::to_string(&change.body).unwrap();
        assert_eq!(ChangeServer::from_json("s1", &text).unwrap(), change);
    }

    #[test]
    fn a_misspelt_field_anywhere_is_refused_not_dropped() {
        let mut v = serde_json::to_value(create(spec()).unwrap()).unwrap();
        v["keypair_nmae"] = "kp".into();
        assert!(field(CreateServers::from_json(&v.to_string())).contains("keypair_nmae"));

        let mut v = serde_json::to_value(create(spec()).unwrap()).unwrap();
        v["nics"][0]["ipv6"] = true.into();
        field(CreateServers::from_json(&v.to_string()));

        let mut v = serde_json::to_value(create(spec()).unwrap()).unwrap();
        v["extend_param"]["auto_pay"] = 1.into();
        field(CreateServers::from_json(&v.to_string()));

        let single = r#"{"server_name":"b","server_model_name":"m","count":1,
            "nics":[{"subnet_id":"n"}],"keypair_name":"k","imageid":"x"}"#;
        field(CreateSingleServers::from_json(single));

        let change = serde_json::to_value(&ChangeServer::new("s", spec()).unwrap().body).unwrap();
        let mut bad = change.clone();
        bad["server_name"] = "x".into();
        field(ChangeServer::from_json("s", &bad.to_string()));
        field(ChangeServer::from_json("../s", &change.to_string()));
    }

    #[test]
    fn every_documented_bound_is_checked_before_building() {
        let base = || spec();
        let cases: Vec<(&str, Result<CreateServers>)> = vec![
            (
                "count",
                CreateServers::new("s", "m", 0, base(), Subscription::months(1)),
            ),
            (
                "count",
                CreateServers::new("s", "m", 11, base(), Subscription::months(1)),
            ),
            (
                "server_name",
                CreateServers::new("café", "m", 1, base(), Subscription::months(1)),
            ),
            (
                "extend_param",
                CreateServers::new("s", "m", 1, base(), Subscription::months(10)),
            ),
            (
                "extend_param",
                CreateServers::new("s", "m", 1, base(), Subscription::years(11)),
            ),
            (
                "extend_param",
                CreateServers::new("s", "m", 1, base(), Subscription::years(0)),
            ),
            (
                "ports.listen_port",
                create(base().port(AppPort::new("low", 9999, false))),
            ),
            (
                "ports.name",
                create(base().port(AppPort::new("ADB", 20001, false))),
            ),
            (
                "ports.name",
                create(base().port(AppPort::new("seventeen-bytes-x", 20001, false))),
            ),
            (
                "ports",
                create(base().port(AppPort::new("game", 20001, false))),
            ),
            (
                "server_share_data_volume",
                create(base().share_data_volume(Volume::new(VolumeType::Ssd, 9))),
            ),
            (
                "phone_data_volume",
                create(base().phone_data_volume(Volume::new(VolumeType::Ssd, 32769))),
            ),
            ("phone_count_per_ip", create(base().phones_per_ip(0))),
            (
                "band_width",
                create(base().bandwidth(ServerBandwidth::dedicated(0, ChargeMode::ByBandwidth))),
            ),
            ("nics", create(PhoneServerSpec::new("p", "i", "v", []))),
            (
                "nics.subnet_id",
                create(PhoneServerSpec::new("p", "i", "v", [Nic::new("")])),
            ),
            (
                "image_id",
                create(PhoneServerSpec::new(
                    "p",
                    "i".repeat(33),
                    "v",
                    [Nic::new("n")],
                )),
            ),
            (
                "property",
                create(base().properties(&Properties::new().set("k", "v".repeat(8200)).unwrap())),
            ),
        ];
        for (name, r) in cases {
            let text = field(r);
            assert!(text.contains(name), "{name}: {text}");
        }
        let mut two_ids = PublicIp::existing("a");
        two_ids.ids = Some(vec!["a".into(), "b".into()]);
        assert!(field(create(base().public_ip(two_ids))).contains("public_ip.ids"));
        let mut shared = ServerBandwidth::shared("b", ChargeMode::ByTraffic);
        shared.band_width_id = None;
        assert!(field(create(base().bandwidth(shared))).contains("band_width"));

        let single =
            |s: Subscription| CreateSingleServers::new("b", "m", 1, s, "kp", [SingleNic::new("n")]);
        let mut with_project = Subscription::months(1);
        with_project.enterprise_project_id = Some("ep".into());
        assert!(field(single(with_project)).contains("top-level"));
        assert!(
            field(
                single(Subscription::months(1))
                    .unwrap()
                    .image("i".repeat(37))
            )
            .contains("image_id")
        );
        assert!(
            field(
                single(Subscription::months(1))
                    .unwrap()
                    .data_volumes(DataVolumes::new(VolumeType::Ssd, 10, 0))
            )
            .contains("data_volume.count")
        );
    }
}
