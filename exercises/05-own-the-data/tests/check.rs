//! The check of exercise 05 (do not edit): run it with `./just exercise 5`.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicIsize, Ordering};

struct Counting;
static LIVE: AtomicIsize = AtomicIsize::new(0);

// SAFETY: forwards to the system allocator, only counting bytes on the way.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size() as isize, Ordering::SeqCst);
        // SAFETY: same layout, passed through.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size() as isize, Ordering::SeqCst);
        // SAFETY: ptr came from alloc with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

#[test]
fn right_answers() {
    let result = ex05::sieve(100);
    assert_eq!(result.count, 25);
    assert!(result.primes[97] && !result.primes[91]);
}

#[test]
fn nothing_leaks() {
    let before = LIVE.load(Ordering::SeqCst);
    for n in [10, 1000, 100_000] {
        let result = ex05::sieve(n);
        assert!(result.count > 0);
    }
    let leaked = LIVE.load(Ordering::SeqCst) - before;
    assert_eq!(leaked, 0, "{leaked} bytes were never freed");
}
