//! A global allocator that counts live bytes, for the checks of exercises 03 and 05.
//!
//! A test binary installs it with
//! `#[global_allocator] static ALLOCATOR: counting_alloc::Counting = counting_alloc::Counting;`
//! and compares [`live_bytes`] before and after the code under test.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicIsize, Ordering};

static LIVE: AtomicIsize = AtomicIsize::new(0);

/// The system allocator, counting every byte handed out and given back.
pub struct Counting;

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

/// Bytes allocated and not yet freed, by the whole process (run tests one thread at a time).
pub fn live_bytes() -> isize {
    LIVE.load(Ordering::SeqCst)
}
