//! Huawei Cloud CPH (Cloud Phone Host).
//!
//! - [`Config`] and [`Auth`]: endpoint ([`cph_endpoint`] for a region or a
//!   custom [`crate::Endpoint`]), project id, AK/SK or IAM token.
//! - [`BatchConnection`]: access information for up to 10 phones per call.
//! - [`iam::CreateToken`]: an IAM token from a user's password.
//! - [`signer`]: the `SDK-HMAC-SHA256` signature, byte-exact with the
//!   official SDK core.

mod config;
pub mod connection;
pub mod iam;
mod region;
pub mod signer;
mod wire;

pub use config::{Auth, Config, DEFAULT_USER_AGENT};
pub use connection::{
    AccessInfo, BatchConnection, BatchConnectionOutput, ClientType, ConnectInfo, MAX_PHONES,
};
pub use region::{REGIONS, cph_endpoint, iam_endpoint};
