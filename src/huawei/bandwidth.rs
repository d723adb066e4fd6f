//! Bandwidth of servers on the system-defined network: list
//! (`bandwidths`). Servers on a custom network have none listed.

use serde::{Deserialize, Serialize};

use super::config::Config;
use super::listing::Listing;
use super::phones::opt_int;
use super::wire;
use crate::error::{Result, invalid};
use crate::http::{Method, Request, Response};
use crate::json::null_default;
use crate::op::{Context, Operation};
use crate::page::Pager;

/// Largest `limit` of the bandwidth list.
pub const MAX_BANDWIDTHS_LIMIT: u32 = 100;

/// List the project's bandwidths: `GET /v1/{project_id}/cloud-phone/bandwidths`
/// (the SDK's `show_bandwidth_detail`). No total: a short page ends it.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "ShowBandwidthDetail", alias = "show_bandwidth_detail")]
pub struct ListBandwidths {
    listing: Listing,
}

impl Default for ListBandwidths {
    fn default() -> Self {
        ListBandwidths {
            listing: Listing::new(MAX_BANDWIDTHS_LIMIT, MAX_BANDWIDTHS_LIMIT),
        }
    }
}

impl ListBandwidths {
    /// The first page of 100.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the page (offset ≥ 0, limit 1 to 100).
    pub fn page(mut self, offset: u32, limit: u32) -> Result<Self> {
        self.listing.set_page(offset, limit)?;
        Ok(self)
    }
}

/// One bandwidth. Field names are the API's (the official SDK's
/// `Bandwidth`); also what a server's detail lists in `band_widths`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct Bandwidth {
    /// The bandwidth id.
    pub band_width_id: String,
    /// Its name.
    #[serde(default)]
    pub band_width_name: Option<String>,
    /// Size in Mbit/s.
    #[serde(default, deserialize_with = "opt_int")]
    pub band_width_size: Option<i64>,
    /// 0 billed by bandwidth, 1 by traffic.
    #[serde(default, deserialize_with = "opt_int")]
    pub band_width_charge_mode: Option<i64>,
    /// 0 dedicated, 1 shared.
    #[serde(default, deserialize_with = "opt_int")]
    pub band_width_share_type: Option<i64>,
    /// Created (UTC text).
    #[serde(default)]
    pub create_time: Option<String>,
    /// Updated (UTC text).
    #[serde(default)]
    pub update_time: Option<String>,
}

/// One page of bandwidths.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct BandwidthList {
    /// The request id.
    #[serde(default)]
    pub request_id: Option<String>,
    /// The bandwidths.
    #[serde(default, deserialize_with = "null_default")]
    pub band_widths: Vec<Bandwidth>,
}

impl Operation for ListBandwidths {
    type Config = Config;
    type Output = BandwidthList;
    const NAME: &'static str = "huawei.list_bandwidths";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        self.listing.build(ctx, "cloud-phone/bandwidths")
    }

    fn parse_unchecked(&self, response: &Response) -> Result<BandwidthList> {
        wire::parse_json(Self::NAME, response)
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}

impl Pager for ListBandwidths {
    fn next_page(&self, last: &BandwidthList) -> Option<Self> {
        let listing = self.listing.next(last.band_widths.len(), None)?;
        Some(ListBandwidths { listing })
    }

    fn item_ids(page: &BandwidthList, each: &mut dyn FnMut(Option<&str>)) {
        page.band_widths
            .iter()
            .for_each(|b| each(Some(&b.band_width_id)));
    }
}

/// Resize a shared bandwidth:
/// `PUT /v1/{project_id}/cloud-phone/bandwidths/{band_width_id}`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[doc(alias = "UpdateBandwidth", alias = "update_bandwidth")]
pub struct ResizeBandwidth {
    band_width_id: String,
    size: u32,
}

impl ResizeBandwidth {
    /// A new size in Mbit/s, by the documented steps: 1 to 300 by 1, up to
    /// 1,000 by 50, beyond by 500 (the reference states no maximum; the
    /// API refuses what the account may not have).
    pub fn new(band_width_id: impl Into<String>, mbit_per_s: u32) -> Result<Self> {
        let band_width_id = band_width_id.into();
        crate::op::check_path_segment("band_width_id", &band_width_id)?;
        let on_step = match mbit_per_s {
            1..=300 => true,
            301..=1000 => mbit_per_s % 50 == 0,
            1001.. => mbit_per_s % 500 == 0,
            _ => false,
        };
        if !on_step {
            return Err(invalid(
                "band_width_size",
                "1 to 300 Mbit/s by 1, to 1000 by 50, beyond by 500",
            ));
        }
        Ok(ResizeBandwidth {
            band_width_id,
            size: mbit_per_s,
        })
    }
}

#[derive(Serialize)]
struct SizeBody {
    band_width_size: u32,
}

impl Operation for ResizeBandwidth {
    type Config = Config;
    type Output = super::phones::Accepted;
    const NAME: &'static str = "huawei.resize_bandwidth";

    fn build(&self, ctx: &Context<'_, Config>) -> Result<Request> {
        let body = serde_json::to_vec(&SizeBody {
            band_width_size: self.size,
        })
        .map_err(|e| invalid("band_width_size", e.to_string()))?;
        let rest = format!("cloud-phone/bandwidths/{}", self.band_width_id);
        let path = wire::project_path(ctx.config, "v1", &rest);
        wire::build(ctx, Method::Put, path, Vec::new(), Some(body))
    }

    fn parse_unchecked(&self, response: &Response) -> Result<super::phones::Accepted> {
        super::phones::parse_accepted(Self::NAME, response)
    }

    fn is_idempotent(&self) -> bool {
        true
    }
}
