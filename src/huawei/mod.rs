//! Huawei Cloud CPH (Cloud Phone Host).
//!
//! - [`Config`] and [`Auth`]: endpoint ([`cph_endpoint`] for a region or a
//!   custom [`crate::Endpoint`]), project id, AK/SK or IAM token.
//! - Connecting: [`ShowConnectInfos`] (access info for up to 10 phones a call).
//! - Fleet: [`phones`] (list, detail, rename), [`servers`] (servers and
//!   encode servers), [`lifecycle`] (restart, reset, stop, properties),
//!   [`jobs`] (job state and a sans-IO watcher), [`adb`] (shell, install,
//!   uninstall, push).
//! - [`catalog`]: phone flavors ([`catalog::ListPhoneModels`]).
//! - [`iam::CreateToken`]: an IAM token from a user's password.
//! - [`signer`]: the `SDK-HMAC-SHA256` signature, byte-exact with the
//!   official SDK core.

pub mod adb;
pub mod bandwidth;
pub mod catalog;
mod config;
pub mod connection;
pub mod events;
pub mod iam;
pub mod images;
pub mod jobs;
pub mod lifecycle;
mod listing;
pub mod phone_data;
pub mod phones;
pub mod purchase;
mod region;
pub mod server_admin;
pub mod servers;
pub mod sharing;
pub mod signer;
pub mod tags;
mod wire;

pub use config::{Auth, Config, DEFAULT_USER_AGENT};
pub use connection::{
    AccessInfo, ClientType, ConnectInfo, ConnectInfoReport, MAX_IDS, ShowConnectInfos,
};
pub use region::{REGIONS, cph_endpoint, iam_endpoint};
