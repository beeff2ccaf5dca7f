//! The check of exercise 03 (do not edit): run it with `./just exercise 3`.
//! A counting allocator sees whether what `squares` allocates comes back.

use ex03::{Buffer, buffer_free, squares};

#[global_allocator]
static ALLOCATOR: counting_alloc::Counting = counting_alloc::Counting;

#[test]
fn everything_comes_back_and_a_second_free_is_harmless() {
    let before = counting_alloc::live_bytes();
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
    let leaked = counting_alloc::live_bytes() - before;
    assert_eq!(leaked, 0, "{leaked} bytes were never freed");
}
