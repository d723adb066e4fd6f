//! The team's app settings (reference §3.5): add an app version to the
//! team's apps (optionally installing on some groups), remove it, and turn
//! per-app switches on or off — authorisation (new installs), auto-start,
//! keep-alive (Pro; one app; needs a restart), root, hidden (CLI-only) and
//! auto-install on groups. And the phones' network blacklist
//! (`phone/netConfig/get|set`, CLI-only: at most three domains).
//!
//! Every call answers with the envelope alone. Ids are team-app ids (from
//! [`ListTeamApps`](super::team::ListTeamApps)) except for the add, which
//! takes the app's id and version.

use serde::{Deserialize, Serialize};

use super::apps::{Accepted, parse_accepted};
use super::config::Config;
use super::shapes::{Envelope, to_body};
use super::wire;
use crate::error::{Result, invalid};
use crate::http::{Request, Response};
use crate::json::null_default;
use crate::op::{Context, Operation, check_id, unique_ids};

fn groups(ids: Vec<String>) -> Result<Vec<String>> {
    if ids.is_empty() {
        return Ok(ids);
    }
    unique_ids("installGroupIds", ids, 100)
}

/// Add an app version to the team's apps (installing it on the groups
/// given, `"0"` for ungrouped phones; every group when none):
/// `POST /open/v1/app/add`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "app/add")]
pub struct AddTeamApp {
    id: String,
    version_id: String,
    install_group_ids: Vec<String>,
}

impl AddTeamApp {
    /// The app `id` at version `version_id`, installed on `install_group_ids`.
    pub fn new(
        id: impl Into<String>,
        version_id: impl Into<String>,
        install_group_ids: Vec<String>,
    ) -> Result<Self> {
        let (id, version_id) = (id.into(), version_id.into());
        check_id("id", &id)?;
        check_id("versionId", &version_id)?;
        Ok(AddTeamApp {
            id,
            version_id,
            install_group_ids: groups(install_group_ids)?,
        })
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct AddBody<'a> {
    id: &'a str,
    version_id: &'a str,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    install_group_ids: &'a [String],
}

impl Operation for AddTeamApp {
    type Config = Config;
    type Output = Accepted;
    const NAME: &'static str = "geelark.add_team_app";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        let body = to_body(&AddBody {
            id: &self.id,
            version_id: &self.version_id,
            install_group_ids: &self.install_group_ids,
        })?;
        wire::build(ctx, "/open/v1/app/add", body)
    }

    fn parse_unchecked(&self, response: &Response) -> Result<Accepted> {
        parse_accepted(Self::NAME, response)
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}

#[derive(Serialize)]
struct IdBody<'a> {
    id: &'a str,
}

/// Remove an app from the team's apps: `POST /open/v1/app/remove`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "app/remove")]
pub struct RemoveTeamApp {
    id: String,
}

impl RemoveTeamApp {
    /// The team app `id`.
    pub fn new(id: impl Into<String>) -> Result<Self> {
        let id = id.into();
        check_id("id", &id)?;
        Ok(RemoveTeamApp { id })
    }
}

impl Operation for RemoveTeamApp {
    type Config = Config;
    type Output = Accepted;
    const NAME: &'static str = "geelark.remove_team_app";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        wire::build(
            ctx,
            "/open/v1/app/remove",
            to_body(&IdBody { id: &self.id })?,
        )
    }

    fn parse_unchecked(&self, response: &Response) -> Result<Accepted> {
        parse_accepted(Self::NAME, response)
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}

/// A switch of a team app, `{id, <key>: 0|1}` on `path`.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Switch {
    id: String,
    on: bool,
}

impl Switch {
    fn new(id: String, on: bool) -> Result<Self> {
        check_id("id", &id)?;
        Ok(Switch { id, on })
    }

    fn build(&self, ctx: &Context<'_, Config>, path: &str, key: &'static str) -> Result<Request> {
        wire::build(ctx, path, to_body(&SwitchBody { switch: self, key })?)
    }
}

/// `{"id": …, "<key>": 0|1}`, in that order.
struct SwitchBody<'a> {
    switch: &'a Switch,
    key: &'static str,
}

impl Serialize for SwitchBody<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(2))?;
        m.serialize_entry("id", &self.switch.id)?;
        m.serialize_entry(self.key, &u8::from(self.switch.on))?;
        m.end()
    }
}

/// Authorise a team app or not (affects new installs only):
/// `POST /open/v1/app/auth/status` (`appAuth`).
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "app/auth/status")]
pub struct SetAppAuth(Switch);

impl SetAppAuth {
    /// Authorise (`on`) the team app `id` or not.
    pub fn new(id: impl Into<String>, on: bool) -> Result<Self> {
        Ok(SetAppAuth(Switch::new(id.into(), on)?))
    }
}

impl Operation for SetAppAuth {
    type Config = Config;
    type Output = Accepted;
    const NAME: &'static str = "geelark.set_app_auth";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        self.0.build(ctx, "/open/v1/app/auth/status", "appAuth")
    }

    fn parse_unchecked(&self, response: &Response) -> Result<Accepted> {
        parse_accepted(Self::NAME, response)
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}

/// Start a team app with the phone or not: `POST /open/v1/app/setAutoStart`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "app/setAutoStart")]
pub struct SetAppAutoStart(Switch);

impl SetAppAutoStart {
    /// Auto-start (`on`) the team app `id` or not.
    pub fn new(id: impl Into<String>, on: bool) -> Result<Self> {
        Ok(SetAppAutoStart(Switch::new(id.into(), on)?))
    }
}

impl Operation for SetAppAutoStart {
    type Config = Config;
    type Output = Accepted;
    const NAME: &'static str = "geelark.set_app_auto_start";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        self.0.build(ctx, "/open/v1/app/setAutoStart", "opera")
    }

    fn parse_unchecked(&self, response: &Response) -> Result<Accepted> {
        parse_accepted(Self::NAME, response)
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}

/// Keep a team app alive or not (Pro; Android 12–15; one app at most;
/// takes effect after a restart; 44001 otherwise):
/// `POST /open/v1/app/setKeepAlive`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "app/setKeepAlive")]
pub struct SetAppKeepAlive(Switch);

impl SetAppKeepAlive {
    /// Keep the team app `id` alive (`on`) or not.
    pub fn new(id: impl Into<String>, on: bool) -> Result<Self> {
        Ok(SetAppKeepAlive(Switch::new(id.into(), on)?))
    }
}

impl Operation for SetAppKeepAlive {
    type Config = Config;
    type Output = Accepted;
    const NAME: &'static str = "geelark.set_app_keep_alive";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        self.0.build(ctx, "/open/v1/app/setKeepAlive", "opera")
    }

    fn parse_unchecked(&self, response: &Response) -> Result<Accepted> {
        parse_accepted(Self::NAME, response)
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}

/// Grant a team app root or not: `POST /open/v1/app/root`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "app/root")]
pub struct SetAppRoot(Switch);

impl SetAppRoot {
    /// Root (`on`) for the team app `id` or not.
    pub fn new(id: impl Into<String>, on: bool) -> Result<Self> {
        Ok(SetAppRoot(Switch::new(id.into(), on)?))
    }
}

impl Operation for SetAppRoot {
    type Config = Config;
    type Output = Accepted;
    const NAME: &'static str = "geelark.set_app_root";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        self.0.build(ctx, "/open/v1/app/root", "opera")
    }

    fn parse_unchecked(&self, response: &Response) -> Result<Accepted> {
        parse_accepted(Self::NAME, response)
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}

/// Hide a team app on the phones or not (Android 12, 13, 15; a CLI-only
/// endpoint): `POST /open/v1/app/setHide`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "app/setHide")]
pub struct SetAppHidden(Switch);

impl SetAppHidden {
    /// Hide (`on`) the team app `id` or not.
    pub fn new(id: impl Into<String>, on: bool) -> Result<Self> {
        Ok(SetAppHidden(Switch::new(id.into(), on)?))
    }
}

impl Operation for SetAppHidden {
    type Config = Config;
    type Output = Accepted;
    const NAME: &'static str = "geelark.set_app_hidden";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        self.0.build(ctx, "/open/v1/app/setHide", "opera")
    }

    fn parse_unchecked(&self, response: &Response) -> Result<Accepted> {
        parse_accepted(Self::NAME, response)
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}

/// Auto-install a team app on some groups (every group when none) or not:
/// `POST /open/v1/app/setStatus`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "app/setStatus")]
pub struct SetAppAutoInstall {
    id: String,
    on: bool,
    install_group_ids: Vec<String>,
}

impl SetAppAutoInstall {
    /// Auto-install (`on`) the team app `id` on `install_group_ids`.
    pub fn new(id: impl Into<String>, on: bool, install_group_ids: Vec<String>) -> Result<Self> {
        let id = id.into();
        check_id("id", &id)?;
        Ok(SetAppAutoInstall {
            id,
            on,
            install_group_ids: groups(install_group_ids)?,
        })
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct StatusBody<'a> {
    id: &'a str,
    status: u8,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    install_group_ids: &'a [String],
}

impl Operation for SetAppAutoInstall {
    type Config = Config;
    type Output = Accepted;
    const NAME: &'static str = "geelark.set_app_auto_install";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        let body = to_body(&StatusBody {
            id: &self.id,
            status: u8::from(self.on),
            install_group_ids: &self.install_group_ids,
        })?;
        wire::build(ctx, "/open/v1/app/setStatus", body)
    }

    fn parse_unchecked(&self, response: &Response) -> Result<Accepted> {
        parse_accepted(Self::NAME, response)
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}

/// Most domains the network blacklist holds.
pub const MAX_BLACKLIST: usize = 3;

/// The phones' network blacklist.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct NetConfig {
    /// The envelope.
    #[serde(flatten)]
    pub envelope: Envelope,
    /// The blocked domains.
    pub black_list: Vec<String>,
}

/// Read the network blacklist: `POST /open/v1/phone/netConfig/get` (a
/// CLI-only endpoint).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[doc(alias = "phone/netConfig/get")]
pub struct GetNetConfig;

impl Operation for GetNetConfig {
    type Config = Config;
    type Output = NetConfig;
    const NAME: &'static str = "geelark.get_net_config";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        wire::build(ctx, "/open/v1/phone/netConfig/get", b"{}".to_vec())
    }

    fn parse_unchecked(&self, response: &Response) -> Result<NetConfig> {
        #[derive(Deserialize)]
        #[serde(rename_all = "camelCase")]
        struct Wire {
            #[serde(default, deserialize_with = "null_default")]
            black_list: Vec<String>,
        }
        let a = wire::parse::<Wire>(Self::NAME, response)?;
        Ok(NetConfig {
            envelope: Envelope::of(&a),
            black_list: a.data.black_list,
        })
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}

/// Set the network blacklist (at most three domains; none clears it;
/// Android 9–13, 15): `POST /open/v1/phone/netConfig/set` (a CLI-only
/// endpoint).
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "phone/netConfig/set")]
pub struct SetNetConfig {
    black_list: Vec<String>,
}

impl SetNetConfig {
    /// Block `domains` (0 to [`MAX_BLACKLIST`] host names).
    pub fn new<I, S>(domains: I) -> Result<Self>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let black_list: Vec<String> = domains.into_iter().map(Into::into).collect();
        if black_list.len() > MAX_BLACKLIST {
            return Err(invalid(
                "blackList",
                format!("at most {MAX_BLACKLIST} domains"),
            ));
        }
        for d in &black_list {
            crate::limits::check_text("blackList", d, 253)?;
            if !d
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '*'))
            {
                return Err(invalid(
                    "blackList",
                    "host names only (letters, digits, '.', '-', '*')",
                ));
            }
        }
        Ok(SetNetConfig { black_list })
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct BlackListBody<'a> {
    black_list: &'a [String],
}

impl Operation for SetNetConfig {
    type Config = Config;
    type Output = Accepted;
    const NAME: &'static str = "geelark.set_net_config";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        let body = to_body(&BlackListBody {
            black_list: &self.black_list,
        })?;
        wire::build(ctx, "/open/v1/phone/netConfig/set", body)
    }

    fn parse_unchecked(&self, response: &Response) -> Result<Accepted> {
        parse_accepted(Self::NAME, response)
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}
