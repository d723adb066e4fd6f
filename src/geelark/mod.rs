//! GeeLark Open API.
//!
//! - [`Config`] and [`Auth`]: endpoint ([`GLOBAL_ENDPOINT`] by default) and
//!   key-mode or token-mode credentials.
//! - [`GetPhoneStatus`]: the state of up to 100 phones per call.
//! - [`ListPhones`]: the fleet page by page (a [`Pager`](crate::Pager)),
//!   typed [`PhoneRecord`]s plus neutral [`Phone`](crate::Phone)s.
//! - [`StartPhones`], [`StopPhones`], [`DeletePhones`], [`UpdatePhone`],
//!   [`CreatePhones`]: the lifecycle.
//! - [`TakeScreenshot`]/[`GetScreenshotResult`], [`SetGps`]/[`GetGps`],
//!   [`SetAdb`]/[`GetAdbData`], [`ListApps`]/[`InstallApp`]/[`UninstallApp`].
//!
//! Every batch answer — shapes A to D of the reference, `code 0` with
//! failures as well as 40006/40009 with `data` — converts into one
//! [`CallOutcome`](crate::CallOutcome); [`shapes`] explains how.
//! - [`sign`]/[`nonce`]: the key-mode signature, usable to verify webhooks.
//!
//! Every call is a POST of JSON answered by a `{code, msg, traceId, data}`
//! envelope on HTTP 200; rate limits are envelope codes (40007, 40017,
//! 47002; 40014 locks the account for two hours).

/// `impl Pager` for a list paged by number: the operation has `page` and
/// `page_size` fields, its output a `total` and the items in `$items`;
/// `|$it| $id` gives an item's id. One copy of the rule
/// ([`next_page_number`](crate::page::next_page_number)) for every such list.
macro_rules! page_number_pager {
    ($op:ty, $items:ident, |$it:ident| $id:expr) => {
        impl $crate::page::Pager for $op {
            fn next_page(&self, last: &Self::Output) -> Option<Self> {
                let next = $crate::page::next_page_number(
                    self.page,
                    self.page_size,
                    last.$items.len(),
                    last.total,
                )?;
                let mut op = self.clone();
                op.page = next;
                Some(op)
            }

            fn item_ids(page: &Self::Output, each: &mut dyn FnMut(Option<&str>)) {
                page.$items.iter().for_each(|$it| each($id));
            }
        }
    };
}

pub mod account;
pub mod adb;
pub mod analytics;
pub mod app_catalog;
pub mod app_control;
pub mod apps;
mod auth;
pub mod billing;
pub mod callbacks;
mod config;
pub mod create;
pub mod files;
pub mod gps;
pub mod labels;
pub mod lifecycle;
pub mod list;
pub mod materials;
pub mod model;
pub mod patches;
pub mod phone_tools;
pub mod proxies;
pub mod rpa;
pub mod screenshot;
pub mod shapes;
pub mod shell;
pub mod status;
pub mod task_create;
pub mod tasks;
pub mod team;
pub mod team_apps;
pub mod update;
pub mod watch;
mod wire;

pub use adb::{AdbConnection, AdbReport, AdbSwitchReport, GetAdbData, SetAdb};
pub use apps::{
    Accepted, AppList, InstallApp, InstallStatus, InstalledApp, ListApps, UninstallApp,
};
pub use auth::{Auth, nonce, sign};
pub use config::{CHINA_ENDPOINT, Config, GLOBAL_ENDPOINT};
pub use create::{CreatePhones, CreateReport, CreatedPhone, NewPhone};
pub use gps::{GetGps, GpsPosition, GpsReport, GpsSetReport, SetGps};
pub use lifecycle::{
    DeletePhones, LifecycleReport, StartPhones, StartReport, StartedPhone, StopPhones,
};
pub use list::{ListPhones, PhoneList};
pub use model::{ChargeMode, EquipmentInfo, Group, NetType, PhoneRecord, ProxyInfo};
pub use screenshot::{
    GetScreenshotResult, ScreenshotResult, ScreenshotState, ScreenshotTask, TakeScreenshot,
};
pub use shapes::{Amounts, Envelope, ItemId, PhoneAck};
pub use status::{GetPhoneStatus, MAX_IDS, PhoneState, PhoneStatusReport};
pub use update::{ProxyConfig, ProxyScheme, UpdatePhone, UpdateReport};
pub use wire::PARTIAL_CODES;
