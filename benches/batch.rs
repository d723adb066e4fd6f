//! Batch plan + merge at 10^3 … 10^6 ids, and one hostile answer naming
//! 200,000 ids nobody asked for, beside the floor: a plain
//! `HashSet<&str>` insert of the same ids.
//!
//! Run: `cargo bench --bench batch` (add `-- --quick` for a short run).
//! Before criterion's timings it prints the peak heap memory of plan +
//! merge + finish per id, measured with a counting allocator: the bytes the
//! library allocates on top of the input ids and the answers' items (which
//! it moves, never copies), and the same with them counted in.
//!
//! Every step is linear: the per-id time must stay flat from 10^3 to 10^6
//! ids (compare the `per id` columns), and an answer's foreign ids cost one
//! lookup each, whatever their number.

use std::alloc::{GlobalAlloc, Layout, System};
use std::collections::HashSet;
use std::hint::black_box;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use cloudphone::{BatchItem, BatchOutcome, BatchPlan, CallOutcome, ItemFailure};
use criterion::{BatchSize, BenchmarkId, Criterion, Throughput, criterion_group};

/// Counts live and peak heap bytes.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: defers to the system allocator; only counts.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            if new_size > layout.size() {
                let grow = new_size - layout.size();
                let now = LIVE.fetch_add(grow, Ordering::Relaxed) + grow;
                PEAK.fetch_max(now, Ordering::Relaxed);
            } else {
                LIVE.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
            }
        }
        p
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// A per-id answer like GeeLark's phone state: the id and a little more.
struct Item {
    id: String,
    status: u8,
}

impl BatchItem for Item {
    fn item_id(&self) -> &str {
        &self.id
    }
}

/// Huawei-like phone ids (32 hex characters).
fn ids(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("{i:032x}")).collect()
}

/// Each call's answer: 9 of 10 ids succeed, 1 fails; calls of 100.
fn answers(plan: &BatchPlan) -> Vec<CallOutcome<Item>> {
    plan.calls()
        .map(|call| {
            let mut ok = Vec::with_capacity(call.len());
            let mut failed = Vec::new();
            for (i, id) in call.iter().enumerate() {
                if i % 10 == 9 {
                    failed.push(ItemFailure::api(id.clone(), "42001", "env not found"));
                } else {
                    ok.push(Item {
                        id: id.clone(),
                        status: 2,
                    });
                }
            }
            CallOutcome::new(ok, failed, None)
        })
        .collect()
}

/// Plan + merge + finish, as a client does it.
fn plan_and_merge(input: Vec<String>, replies: Vec<CallOutcome<Item>>) -> BatchOutcome<Item> {
    let plan = BatchPlan::new(input, 100).expect("valid ids");
    let mut merge = plan.merge::<Item>();
    for (call, reply) in plan.calls().zip(replies) {
        merge.record_result(call, Ok(reply));
    }
    merge.finish()
}

/// One call carrying 2 ids, answered with `n` foreign ids and its own two.
fn foreign_answer(n: usize) -> (BatchPlan, CallOutcome<Item>) {
    let plan = BatchPlan::new(["own-1", "own-2"], 100).expect("valid ids");
    let mut items: Vec<Item> = (0..n)
        .map(|i| Item {
            id: format!("foreign-{i:026x}"),
            status: 2,
        })
        .collect();
    items.push(Item {
        id: "own-1".into(),
        status: 2,
    });
    (plan, CallOutcome::new(items, vec![], None))
}

fn floor_hashset(ids: &[String]) -> usize {
    let mut set = HashSet::new();
    for id in ids {
        set.insert(id.as_str());
    }
    set.len()
}

/// Prints peak memory per id and a one-shot timing of each size.
fn memory_report() {
    println!("plan + merge + finish (calls of 100; 90% succeed, 10% fail):");
    println!(
        "{:>9}  {:>12}  {:>14}  {:>12}  {:>12}  {:>6}",
        "ids", "own B/id", "incl. in B/id", "ns/id", "floor ns/id", "ratio"
    );
    for n in [1_000usize, 100_000, 1_000_000] {
        let input = ids(n);
        let plan = BatchPlan::new(input.clone(), 100).expect("valid ids");
        let replies = answers(&plan);
        drop(plan);
        let before = LIVE.load(Ordering::Relaxed);
        // Input and answers are what a caller holds anyway.
        let base = before - LIVE_AT_START.load(Ordering::Relaxed);
        PEAK.store(before, Ordering::Relaxed);
        let t = Instant::now();
        let out = plan_and_merge(input, replies);
        let took = t.elapsed();
        let peak = PEAK.load(Ordering::Relaxed) - before;
        assert_eq!(out.total(), n);
        assert!(out.succeeded.iter().all(|i| i.status == 2));
        drop(black_box(out));
        let floor_ids = ids(n);
        let t = Instant::now();
        black_box(floor_hashset(&floor_ids));
        let floor = t.elapsed();
        println!(
            "{:>9}  {:>12.1}  {:>14.1}  {:>12.1}  {:>12.1}  {:>6.2}",
            n,
            peak as f64 / n as f64,
            (peak + base) as f64 / n as f64,
            took.as_nanos() as f64 / n as f64,
            floor.as_nanos() as f64 / n as f64,
            took.as_secs_f64() / floor.as_secs_f64(),
        );
    }
    let (plan, reply) = foreign_answer(200_000);
    let before = LIVE.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let t = Instant::now();
    let mut merge = plan.merge::<Item>();
    let call: Vec<String> = plan.ids().to_vec();
    merge.record(&call, reply);
    let out = merge.finish();
    let took = t.elapsed();
    println!(
        "one answer naming 200,000 foreign ids: {:.1} ms, {} kept + {} counted, peak {:.1} MiB",
        took.as_secs_f64() * 1e3,
        out.unexpected.len(),
        out.unexpected_omitted,
        (PEAK.load(Ordering::Relaxed) - before) as f64 / 1048576.0
    );
    println!();
}

static LIVE_AT_START: AtomicUsize = AtomicUsize::new(0);

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("batch");
    g.sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    for n in [1_000usize, 100_000, 1_000_000] {
        g.throughput(Throughput::Elements(n as u64));
        let input = ids(n);
        let plan = BatchPlan::new(input.clone(), 100).expect("valid ids");
        g.bench_with_input(BenchmarkId::new("plan_merge_finish", n), &n, |b, _| {
            b.iter_batched(
                || (input.clone(), answers(&plan)),
                |(i, r)| plan_and_merge(i, r),
                BatchSize::LargeInput,
            )
        });
        g.bench_with_input(BenchmarkId::new("floor_hashset_insert", n), &n, |b, _| {
            b.iter(|| floor_hashset(&input))
        });
    }
    g.throughput(Throughput::Elements(200_000));
    g.bench_function("foreign_answer_200k", |b| {
        b.iter_batched(
            || foreign_answer(200_000),
            |(plan, reply)| {
                let mut merge = plan.merge::<Item>();
                let call: Vec<String> = plan.ids().to_vec();
                merge.record(&call, reply);
                merge.finish()
            },
            BatchSize::LargeInput,
        )
    });
    g.finish();
}

criterion_group!(benches, bench);

fn main() {
    LIVE_AT_START.store(LIVE.load(Ordering::Relaxed), Ordering::Relaxed);
    memory_report();
    benches();
    Criterion::default().configure_from_args().final_summary();
}
