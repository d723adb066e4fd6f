//! GeeLark Open API.
//!
//! - [`Config`] and [`Auth`]: endpoint ([`GLOBAL_ENDPOINT`] by default) and
//!   key-mode or token-mode credentials.
//! - [`GetPhoneStatus`]: the state of up to 100 phones per call.
//! - [`sign`]/[`nonce`]: the key-mode signature, usable to verify webhooks.
//!
//! Every call is a POST of JSON answered by a `{code, msg, traceId, data}`
//! envelope on HTTP 200; rate limits are envelope codes (40007, 40017,
//! 47002; 40014 locks the account for two hours).

mod auth;
mod config;
pub mod status;
mod wire;

pub use auth::{Auth, nonce, sign};
pub use config::{CHINA_ENDPOINT, Config, GLOBAL_ENDPOINT};
pub use status::{GetPhoneStatus, MAX_IDS, PhoneState, PhoneStatusReport};
pub use wire::PARTIAL_CODES;
