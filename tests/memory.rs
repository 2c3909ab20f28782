//! Hostile input within bounded memory: the peak of live allocations while
//! ingest or the query parser handles a huge input, measured by a counting
//! allocator (this test binary's own; the library stays free of `unsafe`).

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is passed on to the system allocator unchanged; the
// counters only watch.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(live, Ordering::Relaxed);
        // SAFETY: the caller's contract for `alloc` is the system allocator's.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: `ptr` came from `alloc` above with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// One test at a time, from its first allocation to its last: the counters
/// are global, and tests run on parallel threads.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

fn alone() -> std::sync::MutexGuard<'static, ()> {
    ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Peak bytes allocated above the level before `work`.
fn peak_above_start(work: impl FnOnce()) -> usize {
    let start = LIVE.load(Ordering::Relaxed);
    PEAK.store(start, Ordering::Relaxed);
    work();
    PEAK.load(Ordering::Relaxed) - start
}

const MB: usize = 1 << 20;

#[test]
fn a_50_mb_file_that_is_not_a_report_is_refused_in_little_memory() {
    let _alone = alone();
    let line = "Minutes of the meeting of the finance committee, item 4.\n";
    let huge = line.repeat(50 * MB / line.len() + 1);
    let peak = peak_above_start(|| assert!(inspection_kb::Report::parse(&huge).is_err()));
    println!("50 MB non-report: peak {peak} bytes");
    assert!(peak < 4 * MB, "{peak} bytes for a 50 MB non-report");
}

#[test]
fn a_1_mb_query_parses_in_memory_proportional_to_it() {
    let _alone = alone();
    let long_string = format!("finding where text = '{}'", "x".repeat(MB));
    let peak = peak_above_start(|| assert!(inspection_kb::Query::parse(&long_string).is_ok()));
    println!("1 MB string in a query: peak {peak} bytes");
    assert!(peak < 8 * MB, "{peak} bytes for a 1 MB query");
    let garbage = format!("judgement where {}", "%".repeat(MB));
    let peak = peak_above_start(|| assert!(inspection_kb::Query::parse(&garbage).is_err()));
    println!("1 MB of garbage as a query: peak {peak} bytes");
    assert!(peak < 8 * MB, "{peak} bytes for 1 MB of garbage");
}

#[test]
fn a_report_needs_memory_proportional_to_its_size() {
    let _alone = alone();
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds/leeds-2015-sif.txt"),
    )
    .unwrap();
    let peak = peak_above_start(|| assert!(inspection_kb::Report::parse(&text).is_ok()));
    println!("{} byte report: peak {peak} bytes", text.len());
    assert!(
        peak < 40 * text.len(),
        "{peak} bytes for a {} byte report",
        text.len()
    );
}
