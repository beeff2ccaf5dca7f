//! The check of exercise 03 (do not edit): run it with `./just exercise 3`.
//! A counting allocator sees whether what `squares` allocates comes back.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicIsize, Ordering};

use ex03::{Buffer, buffer_free, squares};

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
fn everything_comes_back_and_a_second_free_is_harmless() {
    let before = LIVE.load(Ordering::SeqCst);
    for n in [0, 1, 10, 1000] {
        let mut buffer = squares(n);
        // SAFETY: squares made it; data has len elements.
        let values = unsafe { std::slice::from_raw_parts(buffer.data, buffer.len) };
        assert_eq!(values.len() as u64, n);
        assert!(values.iter().enumerate().all(|(i, &v)| v == (i * i) as u64));
        // SAFETY: a buffer squares made, freed twice on purpose.
        unsafe {
            buffer_free(&mut buffer);
            assert!(buffer.data.is_null(), "buffer_free must leave the buffer empty");
            buffer_free(&mut buffer);
            buffer_free(std::ptr::null_mut::<Buffer>());
        }
    }
    let leaked = LIVE.load(Ordering::SeqCst) - before;
    assert_eq!(leaked, 0, "{leaked} bytes were never freed");
}
