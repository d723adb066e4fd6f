//! Long operations with a progress bar: paging through a whole fleet and
//! sweeping the status of any number of phones — through the public client
//! API only (pagers, fan-outs with a progress hook).

use cloudphone::client::{GeeLarkClient, HuaweiClient};
use cloudphone::geelark::{self, PhoneState};
use cloudphone::huawei::phones::{ListPhones, PhoneRecord};
use cloudphone::{BatchOutcome, Result};

use super::output::Progress;

/// Every Huawei phone, page by page (200 a page), within the client's
/// page limits (`--max-pages`, `--max-items`).
pub fn huawei_all(client: &HuaweiClient, progress: bool) -> Result<Vec<PhoneRecord>> {
    let bar = Progress::new("Huawei phones", 0, progress);
    let mut out = Vec::new();
    for page in client.pages(ListPhones::new().page(0, 200)?) {
        let page = page?;
        if let Some(t) = page.total {
            bar.set_total(usize::try_from(t).unwrap_or(usize::MAX));
        }
        bar.add(page.records.len());
        out.extend(page.records);
    }
    bar.set_total(out.len());
    bar.finish();
    Ok(out)
}

/// Every GeeLark phone, page by page (100 a page), within the client's
/// page limits (`--max-pages`, `--max-items`).
pub fn geelark_all(client: &GeeLarkClient, progress: bool) -> Result<Vec<geelark::PhoneRecord>> {
    let bar = Progress::new("GeeLark phones", 0, progress);
    let first = geelark::ListPhones::new().page(1, geelark::list::MAX_PAGE_SIZE)?;
    let mut out = Vec::new();
    for page in client.pages(first) {
        let page = page?;
        if let Some(t) = page.total {
            bar.set_total(usize::try_from(t).unwrap_or(usize::MAX));
        }
        bar.add(page.records.len());
        out.extend(page.records);
    }
    bar.set_total(out.len());
    bar.finish();
    Ok(out)
}

/// The status of any number of GeeLark phones: calls of 100 ids,
/// `--parallel` at a time (the client's fan-out), merged so that every id is
/// accounted for exactly once.
pub fn geelark_status(
    client: &GeeLarkClient,
    ids: Vec<String>,
    progress: bool,
) -> Result<BatchOutcome<PhoneState>> {
    let bar = Progress::new("GeeLark status", ids.len(), progress);
    let outcome = client.with_progress(bar.hook()).phone_status(ids);
    bar.finish();
    outcome
}
