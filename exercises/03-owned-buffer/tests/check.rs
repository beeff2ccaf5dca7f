//! The check of exercise 03 (do not edit): run it with `./just exercise 3`.
//! A counting allocator sees whether what a buffer holds comes back, all of it.

use std::mem::ManuallyDrop;

use ex03::{Buffer, buffer_free, squares};

#[global_allocator]
static ALLOCATOR: counting_alloc::Counting = counting_alloc::Counting;

/// Frees `buffer` twice (the second time must be harmless), and NULL, and checks that its
/// whole allocation came back.
fn assert_freed_whole(mut buffer: Buffer) {
    let allocated = (buffer.capacity * size_of::<u64>()) as isize;
    let before = counting_alloc::live_bytes();
    // SAFETY: a buffer taken apart from a Vec<u64>, freed twice on purpose.
    unsafe {
        buffer_free(&mut buffer);
        assert!(buffer.data.is_null(), "buffer_free must leave the buffer empty");
        buffer_free(&mut buffer);
        buffer_free(std::ptr::null_mut::<Buffer>());
    }
    let freed = before - counting_alloc::live_bytes();
    assert_eq!(freed, allocated, "{} of {allocated} bytes were never freed", allocated - freed);
}

#[test]
fn squares_come_back() {
    for n in [0, 1, 10, 1000] {
        let buffer = squares(n);
        // SAFETY: squares made it; data has len elements.
        let values = unsafe { std::slice::from_raw_parts(buffer.data, buffer.len) };
        assert_eq!(values.len() as u64, n);
        assert!(values.iter().enumerate().all(|(i, &v)| v == (i * i) as u64));
        assert_freed_whole(buffer);
    }
}

/// A Vec grown by pushing has room to spare: freeing it as if its capacity were its length
/// hands the allocator a wrong size, which is undefined behaviour, and here a leak.
#[test]
fn a_buffer_with_room_to_spare_comes_back_whole() {
    let mut values = Vec::with_capacity(100);
    values.extend([1_u64, 4, 9]);
    let mut values = ManuallyDrop::new(values);
    let (data, len, capacity) = (values.as_mut_ptr(), values.len(), values.capacity());
    assert_freed_whole(Buffer { data, len, capacity });
}

/// An empty Vec with room reserved owns an allocation too: it is the pointer, NULL or not,
/// that says whether there is something to free, not the length.
#[test]
fn an_empty_buffer_with_room_comes_back_whole() {
    let mut values = ManuallyDrop::new(Vec::<u64>::with_capacity(100));
    let (data, len, capacity) = (values.as_mut_ptr(), values.len(), values.capacity());
    assert_freed_whole(Buffer { data, len, capacity });
}
