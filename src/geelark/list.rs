//! Phone list: `POST /open/v1/phone/list`, one page of the fleet.
//!
//! Pages are numbered from 1 and hold 1 to [`MAX_PAGE_SIZE`] phones; the
//! answer echoes `total`, `page`, `pageSize` and lists `items`. Each item is
//! kept twice: as a typed [`PhoneRecord`] and as a provider-neutral
//! [`Phone`] whose `raw` is the item's JSON byte for byte, so nothing a newer
//! API adds is lost. [`ListPhones`] is a [`Pager`]: given a page it builds
//! the request for the next one, or says the listing is done.
//!
//! With `ids` set, GeeLark ignores paging and answers every listed phone at
//! once, so such a listing is always a single page.

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use super::config::Config;
use super::model::{ChargeMode, PhoneRecord, WirePhone};
use super::shapes::{Envelope, decode_each, filter_list, to_body};
use super::wire;
use crate::error::Result;
use crate::http::{Request, Response};
use crate::json::null_default;
use crate::limits::{MAX_FILTER_LEN, check_len};
use crate::op::{Context, Operation};
use crate::page::{Pager, next_page_number};
use crate::phone::{Phone, Provider};

/// Largest `pageSize` GeeLark accepts (larger answers 40008).
pub const MAX_PAGE_SIZE: u32 = 100;
/// Most phone ids (and serial numbers) one list filter accepts.
pub const MAX_FILTER_IDS: usize = 100;
/// Most proxy ids one list filter accepts.
pub const MAX_FILTER_PROXY_IDS: usize = 10;

/// List one page of phones, optionally filtered.
///
/// Empty filters are not sent (GeeLark ignores them anyway), so a plain
/// `ListPhones::new()` lists the whole fleet page by page.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "phone/list")]
pub struct ListPhones {
    page: u32,
    page_size: u32,
    ids: Vec<String>,
    serial_name: Option<String>,
    remark: Option<String>,
    group_name: Option<String>,
    tags: Vec<String>,
    charge_mode: Option<ChargeMode>,
    open_status: Option<bool>,
    proxy_ids: Vec<String>,
    serial_nos: Vec<String>,
}

impl Default for ListPhones {
    fn default() -> Self {
        Self::new()
    }
}

impl ListPhones {
    /// The first page of [`MAX_PAGE_SIZE`] phones, no filter (the same
    /// rule as `huawei::ListPhones::new`: a value, paging set apart).
    pub fn new() -> Self {
        ListPhones {
            page: 1,
            page_size: MAX_PAGE_SIZE,
            ids: Vec::new(),
            serial_name: None,
            remark: None,
            group_name: None,
            tags: Vec::new(),
            charge_mode: None,
            open_status: None,
            proxy_ids: Vec::new(),
            serial_nos: Vec::new(),
        }
    }

    /// Page `page` (from 1) of `page_size` (1 to [`MAX_PAGE_SIZE`]) phones.
    pub fn page(mut self, page: u32, page_size: u32) -> Result<Self> {
        crate::page::check_page(page, page_size, MAX_PAGE_SIZE)?;
        self.page = page;
        self.page_size = page_size;
        Ok(self)
    }

    /// Only these phones (at most [`MAX_FILTER_IDS`]; GeeLark then ignores
    /// paging and the listing is one page).
    pub fn ids<I, S>(mut self, ids: I) -> Result<Self>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.ids = filter_list("ids", ids, MAX_FILTER_IDS)?;
        Ok(self)
    }

    /// Only phones with this name (`serialName`).
    pub fn serial_name(mut self, name: impl Into<String>) -> Self {
        self.serial_name = Some(name.into()).filter(|s| !s.is_empty());
        self
    }

    /// Only phones with this remark.
    pub fn remark(mut self, remark: impl Into<String>) -> Self {
        self.remark = Some(remark.into()).filter(|s| !s.is_empty());
        self
    }

    /// Only phones in this group (by name).
    pub fn group_name(mut self, group: impl Into<String>) -> Self {
        self.group_name = Some(group.into()).filter(|s| !s.is_empty());
        self
    }

    /// Only phones with these tags (by **name**, not id).
    pub fn tags<I, S>(mut self, tags: I) -> Result<Self>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.tags = filter_list("tags", tags, usize::MAX)?;
        Ok(self)
    }

    /// Only phones billed this way. An unknown mode is sent as its code.
    pub fn charge_mode(mut self, mode: ChargeMode) -> Self {
        self.charge_mode = Some(mode);
        self
    }

    /// Only running (`true`) or only stopped (`false`) phones (`openStatus`).
    pub fn open_status(mut self, running: bool) -> Self {
        self.open_status = Some(running);
        self
    }

    /// Only phones using these proxies (at most [`MAX_FILTER_PROXY_IDS`]).
    pub fn proxy_ids<I, S>(mut self, ids: I) -> Result<Self>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.proxy_ids = filter_list("proxy_ids", ids, MAX_FILTER_PROXY_IDS)?;
        Ok(self)
    }

    /// Only phones with these serial numbers (at most [`MAX_FILTER_IDS`]).
    pub fn serial_nos<I, S>(mut self, serial_nos: I) -> Result<Self>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.serial_nos = filter_list("serial_nos", serial_nos, MAX_FILTER_IDS)?;
        Ok(self)
    }

    /// The page number this call asks for (from 1).
    pub fn page_number(&self) -> u32 {
        self.page
    }

    /// The page size this call asks for.
    pub fn page_size(&self) -> u32 {
        self.page_size
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Body<'a> {
    page: u32,
    page_size: u32,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    ids: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    serial_name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    remark: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    group_name: Option<&'a str>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    tags: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    charge_mode: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    open_status: Option<u8>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    proxy_ids: &'a [String],
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    serial_nos: &'a [String],
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireData {
    #[serde(default)]
    total: Option<u64>,
    #[serde(default)]
    page: Option<u32>,
    #[serde(default)]
    page_size: Option<u32>,
    #[serde(default, deserialize_with = "null_default")]
    items: Vec<Box<RawValue>>,
}

/// One page of phones.
#[derive(Clone, Debug, Serialize)]
#[non_exhaustive]
pub struct PhoneList {
    /// The envelope.
    #[serde(flatten)]
    pub envelope: Envelope,
    /// `total`: phones matching the filters, over all pages.
    pub total: Option<u64>,
    /// `page`, as echoed.
    pub page: Option<u32>,
    /// `pageSize`, as echoed.
    pub page_size: Option<u32>,
    /// The phones of this page, typed (`records`, as on Huawei's list).
    pub records: Vec<PhoneRecord>,
    /// The same phones in the provider-neutral model, same order, each with
    /// its raw JSON (`phones`, as on Huawei's list).
    pub phones: Vec<Phone>,
}

impl Operation for ListPhones {
    type Config = Config;
    type Output = PhoneList;
    const NAME: &'static str = "geelark.list_phones";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        // The text filters have infallible setters; their caps are checked
        // here, before anything is built.
        for (field, value) in [
            ("serial_name", &self.serial_name),
            ("remark", &self.remark),
            ("group_name", &self.group_name),
        ] {
            if let Some(v) = value {
                check_len(field, v, MAX_FILTER_LEN)?;
            }
        }
        let body = to_body(&Body {
            page: self.page,
            page_size: self.page_size,
            ids: &self.ids,
            serial_name: self.serial_name.as_deref(),
            remark: self.remark.as_deref(),
            group_name: self.group_name.as_deref(),
            tags: &self.tags,
            charge_mode: self.charge_mode.map(ChargeMode::code),
            open_status: self.open_status.map(u8::from),
            proxy_ids: &self.proxy_ids,
            serial_nos: &self.serial_nos,
        })?;
        wire::build(ctx, "/open/v1/phone/list", body)
    }

    fn parse_unchecked(&self, response: &Response) -> Result<PhoneList> {
        let a = wire::parse::<WireData>(Self::NAME, response)?;
        let envelope = Envelope::of(&a);
        let d = a.data;
        let typed: Vec<WirePhone> = decode_each(Self::NAME, response.status, "items", &d.items)?;
        let records: Vec<PhoneRecord> = typed.into_iter().map(PhoneRecord::from).collect();
        let phones = records
            .iter()
            .zip(d.items)
            .map(|(p, raw)| {
                Phone::new(
                    Provider::GeeLark,
                    p.id.clone(),
                    p.serial_name.clone(),
                    p.status,
                    raw,
                )
            })
            .collect();
        Ok(PhoneList {
            envelope,
            total: d.total,
            page: d.page,
            page_size: d.page_size,
            records,
            phones,
        })
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}

impl Pager for ListPhones {
    /// The next page by the rules of [`next_page_number`], counted with the
    /// page number and size this call *sent* (the echo may be absent): done
    /// on an empty page, when `page × pageSize` reaches `total`, or — with no
    /// total — on a short page. A listing by `ids` is always one page.
    fn next_page(&self, last: &PhoneList) -> Option<Self> {
        if !self.ids.is_empty() {
            return None;
        }
        let next = next_page_number(self.page, self.page_size, last.records.len(), last.total)?;
        let mut op = self.clone();
        op.page = next;
        Some(op)
    }

    fn item_ids(page: &PhoneList, each: &mut dyn FnMut(Option<&str>)) {
        page.records.iter().for_each(|p| each(Some(&p.id)));
    }
}
