//! The system allocator, counting the bytes in use and their peak: installed as the global
//! allocator of the binary that includes this file (`#[path] mod`), shared by the tests and the
//! benchmarks that measure peak heap (no timing).

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicIsize, Ordering};

/// The system allocator, counting the bytes in use and their peak.
struct PeakCounting;

/// Bytes allocated minus bytes freed since the program started.
static CURRENT: AtomicIsize = AtomicIsize::new(0);
/// The highest `CURRENT` since the last [`peak_while`] began.
static PEAK: AtomicIsize = AtomicIsize::new(0);

fn grew(bytes: usize) {
    let now = CURRENT.fetch_add(bytes as isize, Ordering::Relaxed) + bytes as isize;
    PEAK.fetch_max(now, Ordering::Relaxed);
}

fn shrank(bytes: usize) {
    CURRENT.fetch_sub(bytes as isize, Ordering::Relaxed);
}

// SAFETY: every call is forwarded unchanged to the system allocator; only counters are added.
#[allow(unsafe_code)]
unsafe impl GlobalAlloc for PeakCounting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        grew(layout.size());
        unsafe { System.alloc(layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        grew(layout.size());
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        shrank(layout.size());
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // Old and new blocks coexist while the data is copied: count the new one first.
        grew(new_size);
        let out = unsafe { System.realloc(ptr, layout, new_size) };
        shrank(layout.size());
        out
    }
}

#[global_allocator]
static GLOBAL: PeakCounting = PeakCounting;

/// Runs `f` and returns its result with the peak heap, in bytes, above the use when `f` began
/// (its result included). Only meaningful while nothing else in the process allocates.
pub fn peak_while<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let before = CURRENT.load(Ordering::SeqCst);
    PEAK.store(before, Ordering::SeqCst);
    let out = f();
    let peak = PEAK.load(Ordering::SeqCst) - before;
    (out, peak.max(0) as usize)
}
