//! Whole-fleet reads in the provider-neutral model: every page of a
//! provider's phone list as [`Phone`]s (id, name, neutral status), so that a
//! program handles both providers' fleets with the same code.

use crate::error::Result;
use crate::phone::Phone;

use super::{GeeLarkClient, HuaweiClient};

/// The largest page each provider's phone list serves (fewest calls).
const HUAWEI_PAGE: u32 = 200;
const GEELARK_PAGE: u32 = 100;

impl HuaweiClient {
    /// Every phone of the project, every page read (bounded by the
    /// builder's page limits), newest first.
    pub fn all_phones(&self) -> Result<Vec<Phone>> {
        let first = crate::huawei::phones::ListPhones::new().page(0, HUAWEI_PAGE)?;
        let mut phones = Vec::new();
        for page in self.pages(first) {
            phones.extend(page?.phones);
        }
        Ok(phones)
    }
}

impl GeeLarkClient {
    /// Every phone of the team, every page read (bounded by the builder's
    /// page limits), in GeeLark's list order.
    pub fn all_phones(&self) -> Result<Vec<Phone>> {
        let first = crate::geelark::ListPhones::new().page(1, GEELARK_PAGE)?;
        let mut phones = Vec::new();
        for page in self.pages(first) {
            phones.extend(page?.phones);
        }
        Ok(phones)
    }
}
