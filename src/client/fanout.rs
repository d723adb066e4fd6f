//! Runs a batch plan's calls with bounded parallelism and merges them.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::wait::ProgressHook;
use crate::batch::{BatchItem, BatchOutcome, BatchPlan, CallOutcome};
use crate::error::Result;
use crate::page::{PageGuard, PageLimits};
use crate::wait::Progress;

/// Tells a progress hook how many ids are settled, one report at a time
/// (the lock), so that `done` only grows even when workers finish together.
struct Reporter<'a> {
    hook: Option<&'a ProgressHook>,
    done: Mutex<usize>,
    total: usize,
}

impl<'a> Reporter<'a> {
    fn new(hook: Option<&'a ProgressHook>, total: usize) -> Self {
        Reporter {
            hook,
            done: Mutex::new(0),
            total,
        }
    }

    fn add(&self, n: usize) {
        if let Some(hook) = self.hook {
            let mut done = self.done.lock().unwrap_or_else(|p| p.into_inner());
            *done += n;
            hook(Progress::new(*done, self.total));
        }
    }
}

/// Sends each call of `plan` through `call`, at most `in_flight` at a time
/// (scoped std threads; none when one call or one in flight), and merges
/// the answers in call order. A failed call's ids come back as failed with
/// its error; nothing is lost. `progress` hears, after each call, how many
/// ids have had their answer: on the thread that ran the call, never two
/// reports at once.
pub(crate) fn run<T, F>(
    plan: &BatchPlan,
    in_flight: usize,
    progress: Option<&ProgressHook>,
    call: F,
) -> BatchOutcome<T>
where
    T: BatchItem + Send,
    F: Fn(&[String]) -> Result<CallOutcome<T>> + Sync,
{
    let chunks: Vec<&[String]> = plan.calls().collect();
    let reporter = Reporter::new(progress, plan.ids().len());
    let call = |chunk: &[String]| {
        let r = call(chunk);
        reporter.add(chunk.len());
        r
    };
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

/// Walks a listing page by page with `execute` under a [`PageGuard`]; stops
/// after the last page or after the first error (which it yields) — a
/// transport or API error, or the [`Error::LimitExceeded`](crate::Error)
/// of a bound the walk hit (`max_pages`, `max_items`, `no_progress`). A page
/// that crosses `max_items` or adds nothing new is replaced by that error;
/// after the last page `max_pages` allows, the error comes instead of a
/// request for one more. `progress` hears, after each page, the items read
/// so far (`total` 0: a listing's total is its own business).
pub(crate) fn pages<O, F>(
    first: O,
    limits: PageLimits,
    progress: Option<ProgressHook>,
    mut execute: F,
) -> impl Iterator<Item = Result<O::Output>>
where
    O: crate::page::Pager,
    F: FnMut(&O) -> Result<O::Output>,
{
    enum Step<O> {
        Send(O),
        Fail(crate::Error),
        Done,
    }
    let mut items = 0usize;
    let (mut step, mut guard) = match PageGuard::new(limits) {
        Ok(g) => (Step::Send(first), Some(g)),
        Err(e) => (Step::Fail(e), None),
    };
    std::iter::from_fn(move || {
        let op = match std::mem::replace(&mut step, Step::Done) {
            Step::Send(op) => op,
            Step::Fail(e) => return Some(Err(e)),
            Step::Done => return None,
        };
        let guard = guard.as_mut()?;
        let page = match execute(&op) {
            Ok(page) => page,
            Err(e) => return Some(Err(e)),
        };
        if let Some(hook) = &progress {
            O::item_ids(&page, &mut |_| items += 1);
            hook(Progress::new(items, 0));
        }
        match guard.next(&op, &page) {
            Ok(Some(n)) => step = Step::Send(n),
            Ok(None) => {}
            // The page is good; only the one after it is over the bound.
            Err(
                e @ crate::Error::LimitExceeded {
                    limit: "max_pages", ..
                },
            ) => step = Step::Fail(e),
            Err(e) => return Some(Err(e)),
        }
        Some(Ok(page))
    })
}
