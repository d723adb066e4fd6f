//! Runs a batch plan's calls with bounded parallelism and merges them.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::batch::{BatchItem, BatchOutcome, BatchPlan, CallOutcome};
use crate::error::Result;

/// Sends each call of `plan` through `call`, at most `in_flight` at a time
/// (scoped std threads; none when one call or one in flight), and merges
/// the answers in call order. A failed call's ids come back as failed with
/// its error; nothing is lost.
pub(crate) fn run<T, F>(plan: &BatchPlan, in_flight: usize, call: F) -> BatchOutcome<T>
where
    T: BatchItem + Send,
    F: Fn(&[String]) -> Result<CallOutcome<T>> + Sync,
{
    let chunks: Vec<&[String]> = plan.calls().collect();
    let workers = in_flight.clamp(1, chunks.len().max(1));
    let results: Vec<Result<CallOutcome<T>>> = if workers == 1 {
        chunks.iter().map(|c| call(c)).collect()
    } else {
        let slots: Vec<Mutex<Option<Result<CallOutcome<T>>>>> =
            chunks.iter().map(|_| Mutex::new(None)).collect();
        let next = AtomicUsize::new(0);
        std::thread::scope(|s| {
            for _ in 0..workers {
                s.spawn(|| {
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(chunk) = chunks.get(i) else { break };
                        let r = call(chunk);
                        *slots[i].lock().unwrap_or_else(|p| p.into_inner()) = Some(r);
                    }
                });
            }
        });
        slots
            .into_iter()
            .map(|m| {
                m.into_inner()
                    .unwrap_or_else(|p| p.into_inner())
                    .expect("every call ran: the workers stop only when no call is left")
            })
            .collect()
    };
    let mut merge = plan.merge();
    for (chunk, result) in chunks.iter().zip(results) {
        merge.record_result(chunk, result);
    }
    merge.finish()
}

/// Walks a listing page by page with `execute`; stops after the last page or
/// after the first error (which it yields).
pub(crate) fn pages<O, F>(first: O, mut execute: F) -> impl Iterator<Item = Result<O::Output>>
where
    O: crate::page::Pager,
    F: FnMut(&O) -> Result<O::Output>,
{
    let mut next = Some(first);
    std::iter::from_fn(move || {
        let op = next.take()?;
        let page = execute(&op);
        if let Ok(out) = &page {
            next = op.next_page(out);
        }
        Some(page)
    })
}
