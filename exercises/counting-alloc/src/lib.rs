//! A global allocator that counts live bytes, for the checks of exercises 03, 05 and 11.
//!
//! A test binary (or exercise 11's extension module) installs it with
//! `#[global_allocator] static ALLOCATOR: counting_alloc::Counting = counting_alloc::Counting;`
//! and compares [`live_bytes`] before and after the code under test; [`allocated_bytes`]
//! also sees what was allocated and freed again in between, such as a copy.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

thread_local! {
    // Per thread: the test harness allocates on its own threads while a test runs (its
    // output, its bookkeeping), and a process-wide count would blame the test for it.
    // `const` and no destructor: reading it never allocates, so the allocator may use it.
    static LIVE: Cell<isize> = const { Cell::new(0) };
    // Every byte this thread was handed, freed since or not: it only grows.
    static ALLOCATED: Cell<usize> = const { Cell::new(0) };
}

fn count(bytes: isize) {
    LIVE.with(|live| live.set(live.get() + bytes));
    if bytes > 0 {
        ALLOCATED.with(|allocated| allocated.set(allocated.get().wrapping_add(bytes as usize)));
    }
}

/// The system allocator, counting the bytes each thread is handed and gives back.
pub struct Counting;

// SAFETY: forwards to the system allocator, only counting bytes on the way.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count(layout.size() as isize);
        // SAFETY: same layout, passed through.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        count(-(layout.size() as isize));
        // SAFETY: ptr came from alloc with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }
}

/// Bytes this thread allocated and freed, the difference: compare it before and after the
/// code under test, which must allocate and free on the calling thread.
pub fn live_bytes() -> isize {
    LIVE.with(Cell::get)
}

/// Bytes this thread was handed so far, freed since or not: compare it before and after the
/// code under test to see what it allocated, even what it freed again before returning.
pub fn allocated_bytes() -> usize {
    ALLOCATED.with(Cell::get)
}
