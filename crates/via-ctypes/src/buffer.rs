//! The list of primes handed to the caller: who owns it, and the one way to free it.

use std::mem::ManuallyDrop;

// ANCHOR: buffer
/// A `Vec<u32>` taken apart for C. `capacity` is kept because freeing must rebuild the
/// allocation exactly as Rust made it. The caller may read and write `data[0..len]` (numpy's
/// array over it is writable): once apart, no Rust reference to the primes exists.
#[repr(C)]
#[derive(Debug)]
pub struct PrimeBuffer {
    /// The first prime; never NULL while the buffer is live (an empty one is dangling, not NULL).
    pub data: *mut u32,
    /// How many primes there are.
    pub len: usize,
    /// The allocation's capacity, in elements, for the free function.
    pub capacity: usize,
}

impl PrimeBuffer {
    /// An empty buffer that owns nothing: what `*out` holds before a call, and after a free.
    pub const EMPTY: Self = Self {
        data: std::ptr::null_mut(),
        len: 0,
        capacity: 0,
    };

    /// Hands the vector's allocation over to the buffer without freeing it.
    pub fn from_vec(primes: Vec<u32>) -> Self {
        let mut primes = ManuallyDrop::new(primes);
        Self {
            data: primes.as_mut_ptr(),
            len: primes.len(),
            capacity: primes.capacity(),
        }
    }

    /// Takes the allocation back and frees it, leaving the buffer `EMPTY`, so that a
    /// second free of the same buffer is harmless.
    ///
    /// # Safety
    /// The buffer must be `EMPTY` or come from [`PrimeBuffer::from_vec`], unchanged.
    pub unsafe fn free(&mut self) {
        let buffer = std::mem::replace(self, Self::EMPTY);
        if !buffer.data.is_null() {
            // SAFETY: data, len and capacity are those of a Vec<u32> that from_vec took apart.
            drop(unsafe { Vec::from_raw_parts(buffer.data, buffer.len, buffer.capacity) });
        }
    }
}
// ANCHOR_END: buffer
