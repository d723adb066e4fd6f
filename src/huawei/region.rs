//! The regions where CPH is offered and their endpoints.

use crate::error::{Result, invalid};
use crate::limits::{MAX_REGION_LEN, check_len, echo};
use crate::op::Endpoint;

/// CPH regions shipped by the official SDKs (`cph_region.py`, `region.go`).
pub const REGIONS: &[&str] = &[
    "cn-north-4",
    "cn-north-9",
    "cn-east-2",
    "cn-east-3",
    "cn-east-4",
    "cn-south-1",
    "cn-southwest-2",
    "ap-southeast-1",
    "ap-southeast-3",
    "af-north-1",
    "la-north-2",
    "la-south-2",
    "ru-northwest-2",
];

/// Regions with a regional IAM endpoint in the SDK core's table; the others
/// use the global `https://iam.myhuaweicloud.com`.
const IAM_REGIONAL: &[&str] = &[
    "cn-north-4",
    "cn-north-9",
    "cn-east-2",
    "cn-east-3",
    "cn-east-4",
    "cn-south-1",
    "cn-southwest-2",
    "ap-southeast-1",
    "ap-southeast-3",
    "la-north-2",
    "la-south-2",
];

/// A region from [`REGIONS`]; an unknown one is refused quoting at most
/// [`MAX_ECHO_LEN`](crate::limits::MAX_ECHO_LEN) bytes of it (a 10 MB
/// "region" is not echoed whole), one over [`MAX_REGION_LEN`] bytes by its
/// length alone.
fn known(region: &str) -> Result<()> {
    if REGIONS.contains(&region) {
        return Ok(());
    }
    check_len("region", region, MAX_REGION_LEN)?;
    Err(invalid(
        "region",
        format!(
            "unknown CPH region {}; known regions: {}; or give a custom endpoint",
            echo(region),
            REGIONS.join(", ")
        ),
    ))
}

/// `https://cph.{region}.myhuaweicloud.com` for a known region.
pub fn cph_endpoint(region: &str) -> Result<Endpoint> {
    known(region)?;
    Endpoint::parse(&format!("https://cph.{region}.myhuaweicloud.com"))
}

/// The IAM endpoint the official SDK core uses for a region.
pub fn iam_endpoint(region: &str) -> Result<Endpoint> {
    known(region)?;
    if IAM_REGIONAL.contains(&region) {
        Endpoint::parse(&format!("https://iam.{region}.myhuaweicloud.com"))
    } else {
        Endpoint::parse("https://iam.myhuaweicloud.com")
    }
}
