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
