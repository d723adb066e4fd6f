//! Scheduled (maintenance) events on servers: list them, authorize one
//! (maintenance at a time of your choosing, or a redeploy), or move its
//! start.
//!
//! `not_before` must be at least five minutes after the request's time (an
//! empty one means "now" for an authorization); the build checks it
//! against the time the caller gives the [`Context`].

use serde::{Deserialize, Serialize};

use super::config::Config;
use super::images::PageInfo;
use super::listing::MarkerListing;
use super::phones::{Accepted, opt_int, parse_accepted};
use super::wire;
use crate::error::{Result, invalid};
use crate::http::{Method, Request, Response};
use crate::json::null_default;
use crate::limits::check_len;
use crate::op::{Context, Operation, check_path_segment};
use crate::page::Pager;

/// Largest `limit` of the event list (the API's default is 10).
pub const MAX_EVENTS_LIMIT: u32 = 100;
/// How far ahead `not_before` must be, in milliseconds: five minutes.
pub const MIN_NOTICE_MS: u64 = 5 * 60 * 1000;

/// List scheduled events: `GET /v1/{project_id}/cloud-phone/scheduled-events`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "ListScheduledEvents", alias = "list_scheduled_events")]
pub struct ListEvents {
    listing: MarkerListing,
}

impl Default for ListEvents {
    fn default() -> Self {
        ListEvents {
            listing: MarkerListing::new(MAX_EVENTS_LIMIT, MAX_EVENTS_LIMIT),
        }
    }
}

impl ListEvents {
    /// The first page of up to 100 events.
    pub fn new() -> Self {
        Self::default()
    }

    /// Events per page (1 to 100).
    pub fn limit(mut self, limit: u32) -> Result<Self> {
        self.listing.set_limit(limit)?;
        Ok(self)
    }

    fn filter(mut self, key: &'static str, value: String) -> Result<Self> {
        check_len(key, &value, 64)?;
        self.listing.add_filter(key, value)?;
        Ok(self)
    }

    /// Only this event.
    pub fn event_id(self, id: impl Into<String>) -> Result<Self> {
        self.filter("event_id", id.into())
    }

    /// Only events of this server.
    pub fn server_id(self, id: impl Into<String>) -> Result<Self> {
        self.filter("server_id", id.into())
    }

    /// Only events published at or after this time (RFC 3339, as the API
    /// writes times).
    pub fn published_since(self, time: impl Into<String>) -> Result<Self> {
        let time = time.into();
        crate::time::parse_rfc3339_ms("publish_since", &time)?;
        self.filter("publish_since", time)
    }

    /// Only events published at or before this time (RFC 3339).
    pub fn published_until(self, time: impl Into<String>) -> Result<Self> {
        let time = time.into();
        crate::time::parse_rfc3339_ms("publish_until", &time)?;
        self.filter("publish_until", time)
    }

    /// Only events in this state (repeat for several: any of them).
    pub fn state(self, state: impl Into<String>) -> Result<Self> {
        self.filter("state", state.into())
    }

    /// Only events of this type (repeat for several).
    pub fn event_type(self, kind: impl Into<String>) -> Result<Self> {
        self.filter("type", kind.into())
    }
}

/// One scheduled event. Field names are the API's.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct Event {
    /// The event id.
    pub event_id: String,
    /// The server it concerns.
    #[serde(default)]
    pub server_id: Option<String>,
    /// The server's name.
    #[serde(default)]
    pub server_name: Option<String>,
    /// The server's flavor.
    #[serde(default)]
    pub server_model_name: Option<String>,
    /// The server's state code.
    #[serde(default, deserialize_with = "opt_int")]
    pub server_state: Option<i64>,
    /// The event type.
    #[serde(default, rename = "type")]
    pub event_type: Option<String>,
    /// `maintenance` or `redeploy`, once authorized.
    #[serde(default)]
    pub authorization_type: Option<String>,
    /// The event's state.
    #[serde(default)]
    pub state: Option<String>,
    /// Published at.
    #[serde(default)]
    pub publish_time: Option<String>,
    /// Started at.
    #[serde(default)]
    pub start_time: Option<String>,
    /// Finished at.
    #[serde(default)]
    pub finish_time: Option<String>,
    /// Not before.
    #[serde(default)]
    pub not_before: Option<String>,
    /// Not after.
    #[serde(default)]
    pub not_after: Option<String>,
    /// The latest `not_before` an authorization may choose.
    #[serde(default)]
    pub not_before_deadline: Option<String>,
    /// What it is about.
    #[serde(default)]
    pub description: Option<String>,
}

/// One page of scheduled events.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct EventList {
    /// The request id.
    #[serde(default)]
    pub request_id: Option<String>,
    /// Events in all.
    #[serde(default)]
    pub count: Option<u64>,
    /// The events.
    #[serde(default, deserialize_with = "null_default")]
    pub scheduled_events: Vec<Event>,
    /// Where the next page starts.
    #[serde(default, deserialize_with = "null_default")]
    pub page_info: PageInfo,
}

impl Operation for ListEvents {
    type Config = Config;
    type Output = EventList;
    const NAME: &'static str = "huawei.list_events";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        self.listing.build(ctx, "cloud-phone/scheduled-events")
    }

    fn parse_unchecked(&self, response: &Response) -> Result<EventList> {
        wire::parse_json(Self::NAME, response)
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}

impl Pager for ListEvents {
    fn next_page(&self, last: &EventList) -> Option<Self> {
        let listing = self.listing.next(&last.page_info)?;
        Some(ListEvents { listing })
    }

    fn item_ids(page: &EventList, each: &mut dyn FnMut(Option<&str>)) {
        page.scheduled_events
            .iter()
            .for_each(|e| each(Some(&e.event_id)));
    }
}

/// How an authorized event runs.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Authorization {
    /// Maintenance in place, at `not_before` (RFC 3339), or now (`None`).
    Maintenance {
        /// When it may start; at least five minutes after the request.
        not_before: Option<String>,
    },
    /// Move the server elsewhere.
    Redeploy,
}

/// Checks an RFC 3339 `not_before` is at least [`MIN_NOTICE_MS`] after `now_ms`.
fn check_notice(not_before: &str, now_ms: u64) -> Result<()> {
    let at = crate::time::parse_rfc3339_ms("not_before", not_before)?;
    if at < now_ms.saturating_add(MIN_NOTICE_MS) {
        return Err(invalid(
            "not_before",
            "must be at least five minutes after the request",
        ));
    }
    Ok(())
}

/// Authorize a scheduled event:
/// `POST /v1/{project_id}/cloud-phone/scheduled-events/{event_id}/authorize`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "AuthorizeScheduledEvent", alias = "authorize_scheduled_event")]
pub struct AuthorizeEvent {
    event_id: String,
    how: Authorization,
}

impl AuthorizeEvent {
    /// Authorize `event_id` as `how` (a maintenance time is checked against
    /// the request's time when it is built).
    pub fn new(event_id: impl Into<String>, how: Authorization) -> Result<Self> {
        let event_id = event_id.into();
        check_path_segment("event_id", &event_id)?;
        check_len("event_id", &event_id, 36)?;
        if let Authorization::Maintenance {
            not_before: Some(t),
        } = &how
        {
            crate::time::parse_rfc3339_ms("not_before", t)?;
        }
        Ok(AuthorizeEvent { event_id, how })
    }
}

#[derive(Serialize)]
struct AuthorizeBody<'a> {
    authorization_type: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    not_before: Option<&'a str>,
}

impl Operation for AuthorizeEvent {
    type Config = Config;
    type Output = Accepted;
    const NAME: &'static str = "huawei.authorize_event";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        let body = match &self.how {
            Authorization::Maintenance { not_before } => {
                if let Some(t) = not_before {
                    check_notice(t, ctx.now_unix_ms)?;
                }
                AuthorizeBody {
                    authorization_type: "maintenance",
                    not_before: Some(not_before.as_deref().unwrap_or("")),
                }
            }
            Authorization::Redeploy => AuthorizeBody {
                authorization_type: "redeploy",
                not_before: None,
            },
        };
        let body = serde_json::to_vec(&body).map_err(|e| invalid("body", e.to_string()))?;
        let rest = format!("cloud-phone/scheduled-events/{}/authorize", self.event_id);
        let path = wire::project_path(ctx.config, "v1", &rest);
        wire::build(ctx, Method::Post, path, Vec::new(), Some(body))
    }

    fn parse_unchecked(&self, response: &Response) -> Result<Accepted> {
        parse_accepted(Self::NAME, response)
    }

    fn is_idempotent(&self) -> bool {
        false
    }
}

/// Move a scheduled event's start:
/// `PUT /v1/{project_id}/cloud-phone/scheduled-events/{event_id}`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "UpdateScheduledEvent", alias = "update_scheduled_event")]
pub struct RescheduleEvent {
    event_id: String,
    not_before: String,
}

impl RescheduleEvent {
    /// Start `event_id` not before `not_before` (RFC 3339; at least five
    /// minutes after the request, checked when it is built).
    pub fn new(event_id: impl Into<String>, not_before: impl Into<String>) -> Result<Self> {
        let (event_id, not_before) = (event_id.into(), not_before.into());
        check_path_segment("event_id", &event_id)?;
        check_len("event_id", &event_id, 36)?;
        crate::time::parse_rfc3339_ms("not_before", &not_before)?;
        Ok(RescheduleEvent {
            event_id,
            not_before,
        })
    }
}

#[derive(Serialize)]
struct NotBefore<'a> {
    not_before: &'a str,
}

impl Operation for RescheduleEvent {
    type Config = Config;
    type Output = Accepted;
    const NAME: &'static str = "huawei.reschedule_event";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        check_notice(&self.not_before, ctx.now_unix_ms)?;
        let body = serde_json::to_vec(&NotBefore {
            not_before: &self.not_before,
        })
        .map_err(|e| invalid("not_before", e.to_string()))?;
        let rest = format!("cloud-phone/scheduled-events/{}", self.event_id);
        let path = wire::project_path(ctx.config, "v1", &rest);
        wire::build(ctx, Method::Put, path, Vec::new(), Some(body))
    }

    fn parse_unchecked(&self, response: &Response) -> Result<Accepted> {
        parse_accepted(Self::NAME, response)
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}
