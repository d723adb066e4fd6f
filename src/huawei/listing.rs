//! What the CPH read operations share: offset/limit paging with filters, and
//! GETs of one resource by id.

use super::config::Config;
use super::wire;
use crate::error::{Result, invalid};
use crate::http::{Method, Request};
use crate::op::Context;
use crate::page::next_offset;

/// Offset/limit paging state plus query filters of a CPH list operation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Listing {
    offset: u32,
    limit: u32,
    max_limit: u32,
    filters: Vec<(String, String)>,
}

impl Listing {
    /// The first page, `limit` items, with `limit` at most `max_limit`.
    pub(crate) fn new(limit: u32, max_limit: u32) -> Self {
        Listing {
            offset: 0,
            limit,
            max_limit,
            filters: Vec::new(),
        }
    }

    /// Sets the page (offset ≥ 0, limit 1 to `max_limit`).
    pub(crate) fn set_page(&mut self, offset: u32, limit: u32) -> Result<()> {
        if !(1..=self.max_limit).contains(&limit) {
            return Err(invalid(
                "limit",
                format!("must be from 1 to {}", self.max_limit),
            ));
        }
        self.offset = offset;
        self.limit = limit;
        Ok(())
    }

    /// Sets (or replaces) one query filter.
    pub(crate) fn set_filter(&mut self, key: &str, value: String) -> Result<()> {
        if value.chars().any(char::is_control) {
            return Err(invalid(
                "filter",
                "a filter value contains a control character",
            ));
        }
        crate::limits::check_len("filter", &value, crate::limits::MAX_FILTER_LEN)?;
        self.filters.retain(|(k, _)| k != key);
        self.filters.push((key.to_owned(), value));
        Ok(())
    }

    /// The GET of this page of `rest` (a path under the project).
    pub(crate) fn build(&self, ctx: &Context<'_, Config>, rest: &str) -> Result<Request> {
        let mut q = self.filters.clone();
        q.push(("offset".to_owned(), self.offset.to_string()));
        q.push(("limit".to_owned(), self.limit.to_string()));
        let path = wire::project_path(ctx.config, "v1", rest);
        wire::build(ctx, Method::Get, path, q, None)
    }

    /// The next page after one that returned `items` of `total`.
    pub(crate) fn next(&self, items: usize, total: Option<u64>) -> Option<Self> {
        next_offset(self.offset, self.limit, items, total).map(|offset| Listing {
            offset,
            ..self.clone()
        })
    }
}

/// The GET of one resource, `{collection}/{id}` under the project (the id
/// was checked as a path segment when the operation was made).
pub(crate) fn get_one(ctx: &Context<'_, Config>, collection: &str, id: &str) -> Result<Request> {
    let path = wire::project_path(ctx.config, "v1", &format!("{collection}/{id}"));
    wire::build(ctx, Method::Get, path, Vec::new(), None)
}

/// Marker/limit paging state plus query filters of a CPH list operation
/// whose answer names the next page by `page_info.next_marker` (phone
/// images, server flavors and offerings, image members, events, shared
/// apps). Filters may repeat a key (a multi-valued filter).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct MarkerListing {
    marker: Option<String>,
    limit: u32,
    max_limit: u32,
    filters: Vec<(String, String)>,
}

/// Longest marker (or marker filter value) sent back to the API.
const MAX_MARKER: usize = 256;

impl MarkerListing {
    /// The first page, `limit` items, with `limit` at most `max_limit`.
    pub(crate) fn new(limit: u32, max_limit: u32) -> Self {
        MarkerListing {
            marker: None,
            limit,
            max_limit,
            filters: Vec::new(),
        }
    }

    /// Sets the page size (1 to `max_limit`).
    pub(crate) fn set_limit(&mut self, limit: u32) -> Result<()> {
        if !(1..=self.max_limit).contains(&limit) {
            return Err(invalid(
                "limit",
                format!("must be from 1 to {}", self.max_limit),
            ));
        }
        self.limit = limit;
        Ok(())
    }

    /// Starts after `marker` (a previous page's `next_marker`).
    pub(crate) fn set_after(&mut self, marker: String) -> Result<()> {
        crate::limits::check_len("marker", &marker, MAX_MARKER)?;
        self.marker = Some(marker).filter(|m| !m.is_empty());
        Ok(())
    }

    /// Adds one query filter (a key may repeat).
    pub(crate) fn add_filter(&mut self, key: &str, value: String) -> Result<()> {
        if value.is_empty() || value.chars().any(char::is_control) {
            return Err(invalid(
                "filter",
                "a filter value is empty or contains a control character",
            ));
        }
        crate::limits::check_len("filter", &value, MAX_MARKER)?;
        self.filters.push((key.to_owned(), value));
        Ok(())
    }

    /// The GET of this page of `rest` (a path under the project).
    pub(crate) fn build(&self, ctx: &Context<'_, Config>, rest: &str) -> Result<Request> {
        let mut q = self.filters.clone();
        q.push(("limit".to_owned(), self.limit.to_string()));
        if let Some(m) = &self.marker {
            q.push(("marker".to_owned(), m.clone()));
        }
        let path = wire::project_path(ctx.config, "v1", rest);
        wire::build(ctx, Method::Get, path, q, None)
    }

    /// The page after the one whose answer carried `info`: none when it has
    /// no marker, an empty one, one too long to send back, or the marker
    /// just sent (a server handing back the same marker would otherwise be
    /// asked forever).
    pub(crate) fn next(&self, info: &super::images::PageInfo) -> Option<Self> {
        let next = info.next_marker.as_deref()?;
        let fresh = !next.is_empty() && Some(next) != self.marker.as_deref();
        (fresh && next.len() <= MAX_MARKER).then(|| MarkerListing {
            marker: Some(next.to_owned()),
            ..self.clone()
        })
    }
}
