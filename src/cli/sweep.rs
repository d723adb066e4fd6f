//! Long operations with a progress bar: paging through a whole fleet and
//! sweeping the status of any number of phones — through the public client
//! API only (operations, pagers, batch plan and merge).

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use cloudphone::client::MAX_IN_FLIGHT;
use cloudphone::client::{GeeLarkClient, HuaweiClient};
use cloudphone::geelark::{self, GetPhoneStatus, PhoneState};
use cloudphone::huawei::phones::{ListPhones, PhoneRecord};
use cloudphone::{BatchOutcome, BatchPlan, CallOutcome, Result};

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
    let first = geelark::ListPhones::new(1, geelark::list::MAX_PAGE_SIZE)?;
    let mut out = Vec::new();
    for page in client.pages(first) {
        let page = page?;
        if let Some(t) = page.total {
            bar.set_total(usize::try_from(t).unwrap_or(usize::MAX));
        }
        bar.add(page.phones.len());
        out.extend(page.phones);
    }
    bar.set_total(out.len());
    bar.finish();
    Ok(out)
}

/// The status of any number of GeeLark phones: calls of 100 ids, `parallel`
/// at a time, merged so that every id is accounted for exactly once.
pub fn geelark_status(
    client: &GeeLarkClient,
    ids: Vec<String>,
    parallel: usize,
    progress: bool,
) -> Result<BatchOutcome<PhoneState>> {
    let plan = BatchPlan::new(ids, geelark::MAX_IDS)?;
    let bar = Progress::new("GeeLark status", plan.ids().len(), progress);
    let chunks: Vec<&[String]> = plan.calls().collect();
    let slots: Vec<Mutex<Option<Result<CallOutcome<PhoneState>>>>> =
        chunks.iter().map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    std::thread::scope(|s| {
        for _ in 0..parallel.clamp(1, chunks.len().clamp(1, MAX_IN_FLIGHT)) {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(chunk) = chunks.get(i) else { break };
                    let r = GetPhoneStatus::new(chunk.iter().cloned())
                        .and_then(|op| client.execute(&op))
                        .map(CallOutcome::from);
                    bar.add(chunk.len());
                    *slots[i].lock().unwrap_or_else(|p| p.into_inner()) = Some(r);
                }
            });
        }
    });
    bar.finish();
    let mut merge = plan.merge();
    for (chunk, slot) in chunks.iter().zip(slots) {
        if let Some(r) = slot.into_inner().unwrap_or_else(|p| p.into_inner()) {
            merge.record_result(chunk, r);
        }
    }
    Ok(merge.finish())
}
