//! GeeLark's phone record as `/phone/list` and `/phone/addNew` describe it:
//! typed, tolerant (ids and numbers that arrive as strings or numbers, `null`
//! for absent, unknown fields ignored, unknown codes kept).

use serde::{Deserialize, Serialize};

use super::shapes::{non_empty, opt_int};
use crate::json::{int_or_string, null_default, opt_string_or_int, string_or_int};
use crate::phone::PhoneStatus;
use crate::secret::Secret;

/// How a phone is billed (`chargeMode`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ChargeMode {
    /// 0: billed per minute of use.
    PerMinute,
    /// 1: monthly rental.
    Monthly,
    /// A code this crate does not know, kept as received.
    Unknown(i64),
}

impl ChargeMode {
    /// From GeeLark's code.
    pub fn from_code(code: i64) -> Self {
        match code {
            0 => ChargeMode::PerMinute,
            1 => ChargeMode::Monthly,
            n => ChargeMode::Unknown(n),
        }
    }

    /// GeeLark's code.
    pub fn code(self) -> i64 {
        match self {
            ChargeMode::PerMinute => 0,
            ChargeMode::Monthly => 1,
            ChargeMode::Unknown(n) => n,
        }
    }
}

/// The network a phone presents (`netType`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum NetType {
    /// 0: Wi-Fi.
    Wifi,
    /// 1: mobile data.
    Mobile,
    /// A code this crate does not know, kept as received.
    Unknown(i64),
}

impl NetType {
    /// From GeeLark's code.
    pub fn from_code(code: i64) -> Self {
        match code {
            0 => NetType::Wifi,
            1 => NetType::Mobile,
            n => NetType::Unknown(n),
        }
    }

    /// GeeLark's code.
    pub fn code(self) -> i64 {
        match self {
            NetType::Wifi => 0,
            NetType::Mobile => 1,
            NetType::Unknown(n) => n,
        }
    }
}

/// The group a phone belongs to.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct Group {
    /// Group id.
    #[serde(default, deserialize_with = "opt_string_or_int")]
    pub id: Option<String>,
    /// Group name.
    #[serde(default)]
    pub name: Option<String>,
    /// Group remark.
    #[serde(default)]
    pub remark: Option<String>,
}

/// The device identity a phone presents (`equipmentInfo`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct EquipmentInfo {
    /// `countryName`.
    pub country_name: Option<String>,
    /// `phoneNumber`.
    pub phone_number: Option<String>,
    /// `enableSim` (1 = SIM enabled), as sent.
    pub enable_sim: Option<i64>,
    /// `imei`.
    pub imei: Option<String>,
    /// `osVersion`, e.g. `"Android 13.0"`.
    pub os_version: Option<String>,
    /// `wifiBssid`.
    pub wifi_bssid: Option<String>,
    /// `mac`.
    pub mac: Option<String>,
    /// `bluetoothMac`.
    pub bluetooth_mac: Option<String>,
    /// `timeZone`.
    pub time_zone: Option<String>,
    /// `deviceBrand`.
    pub device_brand: Option<String>,
    /// `deviceModel`.
    pub device_model: Option<String>,
    /// `deviceName`.
    pub device_name: Option<String>,
    /// `netType`.
    pub net_type: Option<NetType>,
    /// `language`.
    pub language: Option<String>,
    /// `province`.
    pub province: Option<String>,
    /// `city`.
    pub city: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct WireEquipment {
    #[serde(default)]
    country_name: Option<String>,
    #[serde(default, deserialize_with = "opt_string_or_int")]
    phone_number: Option<String>,
    #[serde(default, deserialize_with = "opt_int")]
    enable_sim: Option<i64>,
    #[serde(default, deserialize_with = "opt_string_or_int")]
    imei: Option<String>,
    #[serde(default)]
    os_version: Option<String>,
    #[serde(default)]
    wifi_bssid: Option<String>,
    #[serde(default)]
    mac: Option<String>,
    #[serde(default)]
    bluetooth_mac: Option<String>,
    #[serde(default)]
    time_zone: Option<String>,
    #[serde(default)]
    device_brand: Option<String>,
    #[serde(default)]
    device_model: Option<String>,
    #[serde(default)]
    device_name: Option<String>,
    #[serde(default, deserialize_with = "opt_int")]
    net_type: Option<i64>,
    #[serde(default)]
    language: Option<String>,
    #[serde(default)]
    province: Option<String>,
    #[serde(default)]
    city: Option<String>,
}

impl From<WireEquipment> for EquipmentInfo {
    fn from(w: WireEquipment) -> Self {
        EquipmentInfo {
            country_name: w.country_name,
            phone_number: w.phone_number,
            enable_sim: w.enable_sim,
            imei: w.imei,
            os_version: w.os_version,
            wifi_bssid: w.wifi_bssid,
            mac: w.mac,
            bluetooth_mac: w.bluetooth_mac,
            time_zone: w.time_zone,
            device_brand: w.device_brand,
            device_model: w.device_model,
            device_name: w.device_name,
            net_type: w.net_type.map(NetType::from_code),
            language: w.language,
            province: w.province,
            city: w.city,
        }
    }
}

/// The proxy a phone goes out through. The password is a [`Secret`]: it is
/// redacted in `Debug` (so a logged fleet listing leaks no proxy credentials)
/// and reaches the caller only through `expose()` or serialisation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ProxyInfo {
    /// `type`: `socks5`, `http` or `https`.
    pub scheme: Option<String>,
    /// `server`.
    pub server: Option<String>,
    /// `port`.
    pub port: Option<i64>,
    /// `username`.
    pub username: Option<String>,
    /// `password` (empty passwords are `None`).
    pub password: Option<Secret>,
}

#[derive(Deserialize)]
pub(crate) struct WireProxy {
    #[serde(default, rename = "type")]
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

impl From<WireProxy> for ProxyInfo {
    fn from(w: WireProxy) -> Self {
        ProxyInfo {
            scheme: w.scheme,
            server: w.server,
            port: w.port,
            username: w.username,
            password: non_empty(w.password).map(Secret::new),
        }
    }
}

/// One phone as `/open/v1/phone/list` describes it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct PhoneRecord {
    /// The phone id.
    pub id: String,
    /// The phone's name (`serialName`).
    pub serial_name: Option<String>,
    /// The phone's serial number in the account (`serialNo`, a string).
    pub serial_no: Option<String>,
    /// Its group.
    pub group: Option<Group>,
    /// `remark`.
    pub remark: Option<String>,
    /// The state in the provider-neutral model (in JSON: its name, as
    /// [`PhoneStatus::as_str`]).
    #[serde(serialize_with = "crate::phone::serialize_status_name")]
    pub status: PhoneStatus,
    /// The status code as GeeLark sent it.
    pub raw_status: i64,
    /// Tag names.
    pub tags: Vec<String>,
    /// The device identity.
    pub equipment_info: Option<EquipmentInfo>,
    /// The proxy.
    pub proxy: Option<ProxyInfo>,
    /// Billing.
    pub charge_mode: Option<ChargeMode>,
    /// `hasBind`.
    pub has_bind: Option<bool>,
    /// End of the monthly rental, Unix seconds (`0` when none).
    pub monthly_expire: Option<i64>,
    /// `rpaStatus` as sent: 1 an automation task is running, 0 none.
    pub rpa_status: Option<i64>,
    /// Creation time, Unix seconds (not in the OA docs; the CLI models it).
    pub create_time: Option<i64>,
}

#[derive(Deserialize)]
struct WireTag {
    #[serde(default)]
    name: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct WirePhone {
    #[serde(deserialize_with = "string_or_int")]
    id: String,
    #[serde(default)]
    serial_name: Option<String>,
    #[serde(default, deserialize_with = "opt_string_or_int")]
    serial_no: Option<String>,
    #[serde(default)]
    group: Option<Group>,
    #[serde(default)]
    remark: Option<String>,
    #[serde(deserialize_with = "int_or_string")]
    status: i64,
    #[serde(default, deserialize_with = "null_default")]
    tags: Vec<WireTag>,
    #[serde(default)]
    equipment_info: Option<WireEquipment>,
    #[serde(default)]
    proxy: Option<WireProxy>,
    #[serde(default, deserialize_with = "opt_int")]
    charge_mode: Option<i64>,
    #[serde(default)]
    has_bind: Option<bool>,
    #[serde(default, deserialize_with = "opt_int")]
    monthly_expire: Option<i64>,
    #[serde(default, deserialize_with = "opt_int")]
    rpa_status: Option<i64>,
    #[serde(default, deserialize_with = "opt_int")]
    create_time: Option<i64>,
}

impl From<WirePhone> for PhoneRecord {
    fn from(w: WirePhone) -> Self {
        PhoneRecord {
            id: w.id,
            serial_name: w.serial_name,
            serial_no: w.serial_no,
            group: w.group,
            remark: w.remark,
            status: PhoneStatus::from_geelark(w.status),
            raw_status: w.status,
            tags: w.tags.into_iter().filter_map(|t| t.name).collect(),
            equipment_info: w.equipment_info.map(EquipmentInfo::from),
            proxy: w.proxy.map(ProxyInfo::from),
            charge_mode: w.charge_mode.map(ChargeMode::from_code),
            has_bind: w.has_bind,
            monthly_expire: w.monthly_expire,
            rpa_status: w.rpa_status,
            create_time: w.create_time,
        }
    }
}
